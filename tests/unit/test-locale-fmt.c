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

struct parse_case {
	const char *text;
	int rc;
	kk_rappen want;		/* when rc is 0 */
};

/* Amounts as people write them, and what is refused, with its reason. */
static void
test_parse_chf(void **state)
{
	static const struct parse_case cases[] = {
		{ "0", 0, 0 },
		{ "7", 0, 700 },
		{ "1250000", 0, 125000000 },
		{ "1250000.5", 0, 125000050 },
		{ "1250000.05", 0, 125000005 },
		{ "1'250'000.05", 0, 125000005 },
		{ "1\u2019250\u2019000.50", 0, 125000050 },
		{ "1'000", 0, 100000 },
		{ "12'345", 0, 1234500 },
		{ "123'456", 0, 12345600 },
		{ "999", 0, 99900 },
		{ "0.01", 0, 1 },
		{ "9999999999999.99", 0, 999999999999999 },
		{ "9'999'999'999'999.99", 0, 999999999999999 },
		/* the apostrophe groups exactly three digits */
		{ "1'2'3", KK_CHF_GROUPING, 0 },
		{ "1'0000", KK_CHF_GROUPING, 0 },
		{ "12'34.50", KK_CHF_GROUPING, 0 },
		{ "10'00'000", KK_CHF_GROUPING, 0 },
		{ "1234'567", KK_CHF_GROUPING, 0 },
		{ "1''000", KK_CHF_GROUPING, 0 },
		{ "1'", KK_CHF_GROUPING, 0 },
		{ "1'.50", KK_CHF_GROUPING, 0 },
		{ "1'00", KK_CHF_GROUPING, 0 },
		{ "1\u2019250\u201900", KK_CHF_GROUPING, 0 },
		/* the largest amount has its own reason */
		{ "10000000000000", KK_CHF_TOO_LARGE, 0 },
		{ "10'000'000'000'000.00", KK_CHF_TOO_LARGE, 0 },
		{ "99999999999999999999999999", KK_CHF_TOO_LARGE, 0 },
		/* and the rest is not an amount */
		{ "", KK_CHF_SYNTAX, 0 },
		{ "'000", KK_CHF_SYNTAX, 0 },
		{ ".50", KK_CHF_SYNTAX, 0 },
		{ "1.", KK_CHF_SYNTAX, 0 },
		{ "12.345", KK_CHF_SYNTAX, 0 },
		{ "1.2.3", KK_CHF_SYNTAX, 0 },
		{ "-5", KK_CHF_SYNTAX, 0 },
		{ "1,250,000", KK_CHF_SYNTAX, 0 },
		{ "1 250 000", KK_CHF_SYNTAX, 0 },
		{ "CHF 100", KK_CHF_SYNTAX, 0 },
		{ "1e6", KK_CHF_SYNTAX, 0 },
		{ "1'000.5'0", KK_CHF_SYNTAX, 0 },
		{ "1\xe2\x80", KK_CHF_SYNTAX, 0 },
		{ "12x", KK_CHF_SYNTAX, 0 },
	};
	size_t i;

	for (i = 0; i < KK_ARRAY_SIZE(cases); i++) {
		kk_rappen v = -42;
		int rc = kk_parse_chf(cases[i].text, &v);

		if (rc != cases[i].rc)
			fail_msg("'%s': %d, not %d", cases[i].text, rc,
			    cases[i].rc);
		assert_int_equal(v, cases[i].rc ? -42 : cases[i].want);
	}
}

/* Formatting an amount and reading it back gives the same Rappen, for the
   amounts around every power of ten and a spread of others up to the
   largest; one Rappen more than the largest is too large. */
static void
test_parse_chf_roundtrip(void **state)
{
	const kk_rappen max = KK_CHF_MAX_FRANCS * 100 + 99;
	uint64_t x = 0x9e3779b97f4a7c15ULL;
	char buf[LFMT_SIZE];
	kk_rappen r, v;
	int i;

	for (i = 0; i < 20000; i++) {
		if (i < 64) {
			kk_rappen p = 1;
			int k;

			for (k = 0; k < i / 4 && p <= max / 10; k++)
				p *= 10;
			r = p + (i % 4) - 2;	/* around each power of ten */
		} else {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			/* a spread of magnitudes: 0 to 15 digits */
			r = (kk_rappen)(x % 1000000000000000ULL) >>
			    (int)((x >> 58) % 48);
		}
		if (r < 0 || r > max)
			continue;
		lfmt_chf("de", r, buf);
		v = -1;
		if (kk_parse_chf(buf, &v) || v != r)
			fail_msg("'%s' read back as %lld, not %lld", buf,
			    (long long)v, (long long)r);
	}
	lfmt_chf("de", max, buf);
	assert_int_equal(kk_parse_chf(buf, &v), 0);
	assert_int_equal(v, max);
	lfmt_chf("de", max + 1, buf);
	assert_int_equal(kk_parse_chf(buf, &v), KK_CHF_TOO_LARGE);
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
		cmocka_unit_test(test_parse_chf),
		cmocka_unit_test(test_parse_chf_roundtrip),
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
