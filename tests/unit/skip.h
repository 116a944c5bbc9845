/* skip.h: a unit test that cannot run here (a dictionary that is not installed)
 * is shown as skipped by ctest, not as passed: cmocka counts a skip as no
 * failure, so the executable itself exits 77 (SKIP_RETURN_CODE in
 * tests/CMakeLists.txt), and `make test` fails on a skip that
 * KK_ALLOWED_SKIPS does not name (scripts/check-skips). */
#ifndef KK_TEST_SKIP_H
#define KK_TEST_SKIP_H

#include <stdbool.h>

static bool kk_test_skipped;

/* Skip the current test, saying why (what is missing, its Debian package). */
#define kk_skip(why)                                            \
	do {                                                    \
		print_message("SKIP: %s\n", (why));             \
		kk_test_skipped = true;                         \
		skip();                                         \
	} while (0)

/* main's exit status from cmocka's failure count: 77 when none failed but
 * one was skipped. */
static inline int
kk_tests_status(int failed)
{
	return failed ? failed : kk_test_skipped ? 77 : 0;
}

#endif
