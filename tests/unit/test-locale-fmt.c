/* test-locale-fmt.c: numbers, amounts and dates in each report language, and the report's texts and plurals through the catalogs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "konkordat.h"

#define NNBSP "\u202f"	/* French thousands: a narrow no-break space */

struct int_case {
	const char *lang;
	int64_t n;
	const char *want;
};

static void
test_int(void **state)
{
	static const struct int_case cases[] = {
		{ "de", 0, "0" },
		{ "de", 999, "999" },
		{ "de", 1000, "1'000" },
		{ "de", 77491, "77'491" },
		{ "de", 1250000, "1'250'000" },
		{ "de", -1250000, "-1'250'000" },
		{ "de", INT64_MAX, "9'223'372'036'854'775'807" },
		{ "de", INT64_MIN, "-9'223'372'036'854'775'808" },
		{ "it", 1250000, "1'250'000" },
		{ "it", -999, "-999" },
		{ "fr", 0, "0" },
		{ "fr", 1000, "1" NNBSP "000" },
		{ "fr", 1250000, "1" NNBSP "250" NNBSP "000" },
		{ "fr", -12345, "-12" NNBSP "345" },
		{ "en", 1250000, "1,250,000" },
		{ "en", -100000, "-100,000" },
		{ "en", 100, "100" },
		/* a language without rules is written as German */
		{ "rm", 1250000, "1'250'000" },
		{ NULL, 1000, "1'000" },
	};
	char buf[LFMT_SIZE];
	size_t i;

	for (i = 0; i < KK_ARRAY_SIZE(cases); i++)
		assert_string_equal(lfmt_int(cases[i].lang, cases[i].n, buf),
		    cases[i].want);
}

static void
test_chf(void **state)
{
	static const struct int_case cases[] = {
		{ "de", 0, "0.00" },
		{ "de", 5, "0.05" },
		{ "de", 50, "0.50" },
		{ "de", 100, "1.00" },
		{ "de", 99999, "999.99" },
		{ "de", 100000, "1'000.00" },
		{ "de", 125000005, "1'250'000.05" },
		{ "de", 3414000000, "34'140'000.00" },
		{ "de", -50, "-0.50" },
		{ "de", -125000000, "-1'250'000.00" },
		{ "de", INT64_MAX, "92'233'720'368'547'758.07" },
		{ "de", INT64_MIN, "-92'233'720'368'547'758.08" },
		{ "it", 125000005, "1'250'000.05" },
		{ "it", -1, "-0.01" },
		{ "fr", 0, "0.00" },
		{ "fr", 125000005, "1" NNBSP "250" NNBSP "000.05" },
		{ "fr", -125000000, "-1" NNBSP "250" NNBSP "000.00" },
		{ "en", 125000005, "1,250,000.05" },
		{ "en", -99, "-0.99" },
	};
	char buf[LFMT_SIZE];
	size_t i;

	for (i = 0; i < KK_ARRAY_SIZE(cases); i++)
		assert_string_equal(lfmt_chf(cases[i].lang, cases[i].n, buf),
		    cases[i].want);
}

/* The CLI's amounts are the German ones. */
static void
test_cli_chf(void **state)
{
	char buf[48];

	assert_string_equal(kk_format_chf(125000005, buf, sizeof(buf)),
	    "1'250'000.05");
	assert_string_equal(kk_format_chf(-7, buf, sizeof(buf)), "-0.07");
}

struct date_case {
	const char *lang;
	const char *iso;
	const char *table, *full;
};

static void
test_dates(void **state)
{
	static const struct date_case cases[] = {
		{ "de", "2013-06-30", "30.06.2013", "30. Juni 2013" },
		{ "de", "2012-03-01", "01.03.2012", "1. März 2012" },
		{ "de", "2016-12-31", "31.12.2016", "31. Dezember 2016" },
		{ "fr", "2013-06-30", "30.06.2013", "30 juin 2013" },
		{ "fr", "2013-06-01", "01.06.2013", "1er juin 2013" },
		{ "fr", "2012-02-29", "29.02.2012", "29 février 2012" },
		{ "it", "2013-06-30", "30.06.2013", "30 giugno 2013" },
		{ "it", "2013-08-01", "01.08.2013", "1° agosto 2013" },
		{ "en", "2013-06-30", "30 June 2013", "30 June 2013" },
		{ "en", "2013-06-01", "1 June 2013", "1 June 2013" },
		/* what is not a date stays as it is */
		{ "de", "2013-02-30", "2013-02-30", "2013-02-30" },
		{ "fr", "30.06.2013", "30.06.2013", "30.06.2013" },
		{ "en", "", "", "" },
	};
	char buf[LFMT_SIZE];
	size_t i;

	for (i = 0; i < KK_ARRAY_SIZE(cases); i++) {
		assert_string_equal(lfmt_date(cases[i].lang, cases[i].iso, buf),
		    cases[i].table);
		assert_string_equal(lfmt_date_long(cases[i].lang,
		    cases[i].iso, buf), cases[i].full);
	}
}

/* The report's texts come from the catalogs whatever the locale (ctest
   runs this in the C locale), and each language has its plural rule:
   French counts 0 as singular. */
static void
test_report_text(void **state)
{
	static const char one[] = "%zu Gemeinde ohne eigene Datei";
	static const char many[] = "%zu Gemeinden ohne eigene Datei";
	char *msg = NULL;

	assert_int_equal(report_lang_check("fr", &msg), 0);
	assert_string_equal(report_text("de", "Planungsbericht"),
	    "Planungsbericht");
	assert_string_equal(report_text("en", "Planungsbericht"),
	    "Planning report");
	assert_string_equal(report_text("fr", "Planungsbericht"),
	    "Rapport de planification");
	assert_string_equal(report_text("it", "Planungsbericht"),
	    "Rapporto di pianificazione");
	/* a text the catalogs do not know comes back as it is */
	assert_string_equal(report_text("fr", "Kein Eintrag"), "Kein Eintrag");
	assert_string_equal(report_ntext("de", one, many, 1), one);
	assert_string_equal(report_ntext("de", one, many, 0), many);
	assert_string_equal(report_ntext("fr", one, many, 0),
	    "%zu commune sans fichier propre");
	assert_string_equal(report_ntext("fr", one, many, 2),
	    "%zu communes sans fichier propre");
	assert_string_equal(report_ntext("it", one, many, 0),
	    "%zu comuni senza file proprio");
	assert_string_equal(report_ntext("en", one, many, 1),
	    "%zu municipality without a file of its own");
	/* the lookups leave the process's LANGUAGE as it was */
	assert_null(getenv("LANGUAGE"));
	setenv("LANGUAGE", "de", 1);
	assert_string_equal(report_text("it", "Planungsbericht"),
	    "Rapporto di pianificazione");
	assert_string_equal(getenv("LANGUAGE"), "de");
	unsetenv("LANGUAGE");
	assert_true(report_lang_valid("it"));
	assert_false(report_lang_valid("rm"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_int),
		cmocka_unit_test(test_chf),
		cmocka_unit_test(test_cli_chf),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_report_text),
	};

	/* the C locale, as CI runs: nothing here may depend on the user's */
	unsetenv("LANGUAGE");
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANG");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
