/* test-cluster.c: average-linkage clustering over candidate pairs, with pins and restrictions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "align-impl.h"

static bool
together(const struct cluster_set *cs, uint32_t a, uint32_t b)
{
	return cluster_of(cs, a) == cluster_of(cs, b);
}

/* Two tight pairs and a loose link between them: the pairs form, the
   average of the four cross pairs (0.4 / 4) is below 0.3, so they stay
   apart; at 0.05 they join. */
static void
test_average_not_single_linkage(void **state)
{
	int doc[4] = { 0, 1, 2, 3 };
	double thr[2] = { 0.3, 0.05 };
	size_t t;

	for (t = 0; t < 2; t++) {
		struct cluster_set *cs = cluster_new(4, doc, NULL);

		cluster_edge(cs, 0, 1, 0.9);
		cluster_edge(cs, 2, 3, 0.8);
		cluster_edge(cs, 1, 2, 0.4);
		cluster_run(cs, thr[t]);
		assert_true(together(cs, 0, 1));
		assert_true(together(cs, 2, 3));
		assert_int_equal(together(cs, 1, 2), t == 1);
		cluster_free(cs);
	}
}

/* Pairs within one document do not count: 0 and 2 merge first (0.6);
   the link of {0,2} to 1 is then 0.5 over one pair, (1,2), since (0,1)
   lies within document 0; in three documents it would be 0.5 over two. */
static void
test_same_document_pairs_do_not_count(void **state)
{
	int doc[3] = { 0, 0, 1 };
	struct cluster_set *cs = cluster_new(3, doc, NULL);

	cluster_edge(cs, 0, 2, 0.6);
	cluster_edge(cs, 1, 2, 0.5);
	cluster_run(cs, 0.5);
	assert_true(together(cs, 0, 2));
	assert_true(together(cs, 1, 2));
	cluster_free(cs);
}

/* The larger side's other neighbours keep upper bounds in the heap: after
   0 absorbs 1, its link to 3 falls (3 is a neighbour of 0 only) and 2,
   a neighbour of both, must come first. */
static void
test_stale_links_are_recomputed(void **state)
{
	int doc[4] = { 0, 1, 2, 3 };
	struct cluster_set *cs = cluster_new(4, doc, NULL);

	cluster_edge(cs, 0, 1, 0.95);
	cluster_edge(cs, 0, 3, 0.7);	/* after the merge: 0.7 / 2 */
	cluster_edge(cs, 0, 2, 0.5);
	cluster_edge(cs, 1, 2, 0.5);	/* after the merge: 1.0 / 2 */
	cluster_run(cs, 0.45);
	assert_true(together(cs, 0, 1));
	assert_true(together(cs, 0, 2));
	assert_false(together(cs, 0, 3));	/* 0.7 / 3 < 0.45 */
	cluster_free(cs);
}

/* Weights: a node of weight 3 stands for three items; a candidate
   pair's similarity is the sum over the pairs it stands for. */
static void
test_weights_scale_the_pairs(void **state)
{
	int doc[2] = { 0, 1 };
	uint32_t w[2] = { 3, 2 };
	struct cluster_set *cs = cluster_new(2, doc, w);

	cluster_edge(cs, 0, 1, 3.0);	/* 3.0 over 6 pairs: 0.5 */
	cluster_run(cs, 0.51);
	assert_false(together(cs, 0, 1));
	cluster_free(cs);
	cs = cluster_new(2, doc, w);
	cluster_edge(cs, 0, 1, 3.0);
	cluster_run(cs, 0.5);
	assert_true(together(cs, 0, 1));
	cluster_free(cs);
}

static void
test_pins_and_restrictions(void **state)
{
	int doc[5] = { 0, 1, 2, 3, 4 };
	struct cluster_set *cs = cluster_new(5, doc, NULL);
	uint32_t members[2];

	cluster_pin(cs, 0, 7);
	cluster_pin(cs, 4, 7);		/* 4 joins 0 whatever the similarity */
	cluster_pin(cs, 3, 8);		/* another key: never with 0 */
	cluster_cannot_link(cs, 1, 2);
	cluster_cannot_join(cs, 2, 7);
	cluster_edge(cs, 0, 3, 0.99);
	cluster_edge(cs, 1, 2, 0.99);	/* left out */
	cluster_edge(cs, 0, 2, 0.9);
	cluster_edge(cs, 0, 1, 0.8);
	cluster_run(cs, 0.1);
	assert_true(together(cs, 0, 4));
	assert_false(together(cs, 0, 3));
	assert_false(together(cs, 1, 2));
	assert_false(together(cs, 0, 2));
	assert_true(together(cs, 0, 1));
	assert_int_equal(cluster_key(cs, cluster_of(cs, 1)), 7);
	assert_false(cluster_linkable(cs, 2, 1));
	members[0] = 0;
	members[1] = 4;
	assert_false(cluster_joinable(cs, 2, members, 2, 7));
	assert_true(cluster_joinable(cs, 2, members, 2, -1));
	assert_false(cluster_joinable(cs, 1, (uint32_t[]){ 2 }, 1, -1));
	cluster_free(cs);
}

/* A chain of 2,000 items, each linked to its next ten: one cluster at a
   low enough threshold (two halves link by some 45 pairs in a million). */
static void
test_long_theme_is_one_cluster(void **state)
{
	enum { N = 2000 };
	int *doc = malloc(N * sizeof(*doc));
	struct cluster_set *cs;
	size_t i, j, n;

	for (i = 0; i < N; i++)
		doc[i] = (int)i;
	cs = cluster_new(N, doc, NULL);
	for (i = 0; i < N; i++)
		for (j = i + 1; j < N && j <= i + 10; j++)
			cluster_edge(cs, (uint32_t)i, (uint32_t)j, 0.9);
	cluster_run(cs, 1e-6);
	cluster_members(cs, cluster_of(cs, 0), &n);
	assert_int_equal(n, N);
	cluster_free(cs);
	free(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_average_not_single_linkage),
		cmocka_unit_test(test_same_document_pairs_do_not_count),
		cmocka_unit_test(test_stale_links_are_recomputed),
		cmocka_unit_test(test_weights_scale_the_pairs),
		cmocka_unit_test(test_pins_and_restrictions),
		cmocka_unit_test(test_long_theme_is_one_cluster),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
