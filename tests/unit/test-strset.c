/* test-strset.c: the set of strings: members, flags, growth, long strings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "konkordat.h"

static void
test_add_get(void **state)
{
	struct strset *set = strset_new();
	unsigned char *f;
	bool added;

	(void)state;
	assert_null(strset_get(set, "id-1"));
	f = strset_add(set, "id-1", &added);
	assert_true(added);
	assert_int_equal(*f, 0);
	*f |= 2;
	f = strset_add(set, "id-1", &added);
	assert_false(added);
	assert_int_equal(*f, 2);
	assert_non_null(strset_get(set, "id-1"));
	assert_null(strset_get(set, "id-10"));
	assert_null(strset_get(set, "id-"));
	assert_null(strset_get(set, ""));
	strset_add(set, "", NULL);
	assert_non_null(strset_get(set, ""));
	assert_int_equal(strset_count(set), 2);
	strset_free(set);
	strset_free(NULL);
}

/* Many members: the table grows, each keeps its flags, none is lost and
   none appears that was not added. */
static void
test_many(void **state)
{
	struct strset *set = strset_new();
	char s[32];
	int i;

	(void)state;
	for (i = 0; i < 100000; i++) {
		snprintf(s, sizeof(s), "id-e%d", i);
		*strset_add(set, s, NULL) = (unsigned char)(i % 251);
	}
	assert_int_equal(strset_count(set), 100000);
	for (i = 0; i < 100000; i++) {
		unsigned char *f;

		snprintf(s, sizeof(s), "id-e%d", i);
		f = strset_get(set, s);
		assert_non_null(f);
		assert_int_equal(*f, i % 251);
		snprintf(s, sizeof(s), "id-r%d", i);
		assert_null(strset_get(set, s));
	}
	strset_free(set);
}

/* A member longer than the blocks the members are packed in. */
static void
test_long_member(void **state)
{
	struct strset *set = strset_new();
	size_t n = 3 << 20;
	char *big = malloc(n + 1);

	(void)state;
	memset(big, 'x', n);
	big[n] = '\0';
	strset_add(set, "before", NULL);
	strset_add(set, big, NULL);
	strset_add(set, "after", NULL);
	assert_non_null(strset_get(set, big));
	big[n - 1] = 'y';
	assert_null(strset_get(set, big));
	assert_non_null(strset_get(set, "before"));
	assert_non_null(strset_get(set, "after"));
	free(big);
	strset_free(set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_get),
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_long_member),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
