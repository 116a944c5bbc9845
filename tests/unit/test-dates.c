/* test-dates.c: the reference date of every verb, today in Switzerland (Europe/Zurich), also near midnight and at the changes of summer time. */
#define _GNU_SOURCE	/* strptime(), timegm() */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "konkordat.h"

/* UTC instant (as in the audit log) and the day it is in Switzerland. */
struct day_case {
	const char *utc;
	const char *want;
};

static time_t
utc_time(const char *s)
{
	struct tm tm = { 0 };

	assert_non_null(strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm));
	return timegm(&tm);
}

static void
test_swiss_date(void **state)
{
	static const struct day_case cases[] = {
		/* winter: UTC+1 */
		{ "2015-12-30T22:59:59Z", "2015-12-30" },
		{ "2015-12-30T23:00:00Z", "2015-12-31" },
		{ "2015-12-30T23:30:00Z", "2015-12-31" },
		{ "2013-12-31T23:30:00Z", "2014-01-01" },
		/* summer: UTC+2 */
		{ "2013-06-30T21:59:59Z", "2013-06-30" },
		{ "2013-06-30T22:00:00Z", "2013-07-01" },
		{ "2013-06-30T23:30:00Z", "2013-07-01" },
		/* the night summer time begins (31 March 2013, 01:00 UTC)
		   and ends (27 October 2013, 01:00 UTC) */
		{ "2013-03-30T22:59:59Z", "2013-03-30" },
		{ "2013-03-30T23:00:00Z", "2013-03-31" },
		{ "2013-10-26T21:59:59Z", "2013-10-26" },
		{ "2013-10-26T22:00:00Z", "2013-10-27" },
		{ "2013-10-27T22:59:59Z", "2013-10-27" },
		{ "2013-10-27T23:00:00Z", "2013-10-28" },
		/* midday is the same day everywhere near */
		{ "2011-09-07T12:00:00Z", "2011-09-07" },
	};
	char day[11];
	size_t i;

	(void)state;
	for (i = 0; i < KK_ARRAY_SIZE(cases); i++) {
		kk_swiss_date(utc_time(cases[i].utc), day);
		if (strcmp(day, cases[i].want))
			fail_msg("%s: %s, wanted %s", cases[i].utc, day,
			    cases[i].want);
	}
}

/* kk_today() is the Swiss day of SOURCE_DATE_EPOCH, which stands for now;
   a value that is no whole number of seconds is not taken. */
static void
test_today_faked_clock(void **state)
{
	char day[11], want[11];

	(void)state;
	setenv("SOURCE_DATE_EPOCH", "1451518200", 1);	/* 2015-12-30 23:30 UTC */
	kk_today(day);
	assert_string_equal(day, "2015-12-31");
	assert_int_equal((long long)kk_now(), 1451518200LL);
	setenv("SOURCE_DATE_EPOCH", "1372635000", 1);	/* 2013-06-30 23:30 UTC */
	kk_today(day);
	assert_string_equal(day, "2013-07-01");
	setenv("SOURCE_DATE_EPOCH", "yesterday", 1);
	assert_true(kk_now() > 1451518200);
	unsetenv("SOURCE_DATE_EPOCH");
	kk_today(day);
	kk_swiss_date(time(NULL), want);
	assert_string_equal(day, want);
}

/* A machine's own time zone changes nothing. */
static void
test_not_the_process_zone(void **state)
{
	char day[11];

	(void)state;
	setenv("TZ", "America/Los_Angeles", 1);
	tzset();
	kk_swiss_date(utc_time("2015-12-30T23:30:00Z"), day);
	assert_string_equal(day, "2015-12-31");
	assert_string_equal(getenv("TZ"), "America/Los_Angeles");
	unsetenv("TZ");
	tzset();
}

static void
test_day_start(void **state)
{
	char at[21];

	(void)state;
	assert_int_equal(kk_swiss_day_start("2013-07-01", at), KK_OK);
	assert_string_equal(at, "2013-06-30T22:00:00Z");
	assert_int_equal(kk_swiss_day_start("2015-12-31", at), KK_OK);
	assert_string_equal(at, "2015-12-30T23:00:00Z");
	assert_int_equal(kk_swiss_day_start("2013-03-31", at), KK_OK);
	assert_string_equal(at, "2013-03-30T23:00:00Z");
	assert_int_equal(kk_swiss_day_start("2013-02-30", at), KK_EINPUT);
	assert_int_equal(kk_swiss_day_start("31.12.2015", at), KK_EINPUT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_swiss_date),
		cmocka_unit_test(test_today_faked_clock),
		cmocka_unit_test(test_not_the_process_zone),
		cmocka_unit_test(test_day_start),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
