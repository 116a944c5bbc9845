/* test-errcode.c: every code has its exit status, HTTP status and name, in one table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "konkordat.h"

/* Each code, KK_OK down to the last one, is in the table: a code added
   to konkordat.h without its statuses fails here. */
static void
test_every_code_has_its_statuses(void **state)
{
	const struct kk_code_status *seen[32];
	int code, n = 0, i;

	(void)state;
	for (code = KK_OK; code >= KK_EFORBIDDEN; code--) {
		const struct kk_code_status *s = kk_code_status(code);

		assert_int_equal(s->code, code);
		assert_true(s->http_status >= 200 && s->http_status < 600);
		assert_true(s->exit_status >= KK_EXIT_OK &&
		    s->exit_status <= KK_EXIT_DISK);
		for (i = 0; i < n; i++)
			assert_string_not_equal(seen[i]->name, s->name);
		seen[n++] = s;
	}
}

/* What the front ends agree on. */
static void
test_statuses(void **state)
{
	(void)state;
	assert_int_equal(kk_code_status(KK_OK)->http_status, 200);
	assert_int_equal(kk_code_status(KK_EINPUT)->http_status, 422);
	assert_int_equal(kk_code_status(KK_ENOTFOUND)->http_status, 404);
	assert_int_equal(kk_code_status(KK_ECONFLICT)->http_status, 409);
	assert_int_equal(kk_code_status(KK_EFORBIDDEN)->http_status, 403);
	assert_int_equal(kk_code_status(KK_EBUSY)->http_status, 503);
	assert_int_equal(kk_code_status(KK_EBUSY)->exit_status, KK_EXIT_BUSY);
	assert_int_equal(kk_code_status(KK_EDISK)->exit_status, KK_EXIT_DISK);
	assert_int_equal(kk_code_status(KK_EIO)->exit_status,
	    KK_EXIT_INTERNAL);
	assert_int_equal(cmd_exit_status(KK_ECONFLICT), KK_EXIT_REFUSED);
	/* a code nobody knows is an internal failure, not success */
	assert_int_equal(kk_code_status(-1000)->exit_status, KK_EXIT_INTERNAL);
	assert_int_equal(kk_code_status(-1000)->http_status, 500);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_code_has_its_statuses),
		cmocka_unit_test(test_statuses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
