/* test-index.c: the inverted index: TF-IDF weights, top-k candidates, explanations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "align-impl.h"

/* Add an item of document DOC with the features named in TERMS
   ("a b b c": b twice), each explained by its own name. */
static uint32_t
add(struct index *ix, int doc, const char *terms)
{
	struct feature f[32];
	size_t n = 0;
	char *copy = xstrdup(terms), *p = copy, *sp;

	while (*p && n < 32) {
		sp = strchr(p, ' ');
		if (sp)
			*sp = '\0';
		f[n].term = strmap_intern(&ix->terms, p, strlen(p));
		f[n].why = strmap_intern(&ix->whys, p, strlen(p));
		f[n++].w = 1;
		if (!sp)
			break;
		p = sp + 1;
	}
	free(copy);
	return index_add(ix, doc, f, n);
}

/* The same with each feature explained as align.c explains it: "term/K"
   is TERM, its why "term\x1fK" (K: 'w' a word, 't' a translation, an
   upper-case kind a generic word's). */
static uint32_t
add_kinds(struct index *ix, int doc, const char *spec)
{
	struct feature f[32];
	size_t n = 0;
	char *copy = xstrdup(spec), *p = copy, *sp, *slash;

	while (*p && n < 32) {
		sp = strchr(p, ' ');
		if (sp)
			*sp = '\0';
		slash = strchr(p, '/');
		f[n].term = strmap_intern(&ix->terms, p, (size_t)(slash - p));
		*slash = '\x1f';
		f[n].why = strmap_intern(&ix->whys, p, strlen(p));
		f[n++].w = 1;
		if (!sp)
			break;
		p = sp + 1;
	}
	free(copy);
	return index_add(ix, doc, f, n);
}

static void
test_topk_finds_sharers_of_other_documents(void **state)
{
	struct index ix;
	struct neighbour nb[4];
	size_t n;

	index_init(&ix);
	add(&ix, 0, "daten schutz");		/* 0 */
	add(&ix, 1, "daten schutz sicherheit");	/* 1 */
	add(&ix, 2, "sicherheit");		/* 2 */
	add(&ix, 0, "daten schutz");		/* 3: same doc as 0 */
	add(&ix, 3, "beschaffung");		/* 4: shares nothing */
	index_finish(&ix, 0, 0, false);

	n = index_topk(&ix, 0, 4, 0.0f, nb);
	assert_int_equal(n, 1);		/* not 3 (same doc), not 2, 4 */
	assert_int_equal(nb[0].item, 1);
	assert_true(nb[0].sim > 0.5f && nb[0].sim <= 1.0f);

	n = index_topk(&ix, 1, 4, 0.0f, nb);
	assert_int_equal(n, 3);
	/* 0 and 3 tie: the lower number first; 2 shares less */
	assert_int_equal(nb[0].item, 0);
	assert_int_equal(nb[1].item, 3);
	assert_int_equal(nb[2].item, 2);
	assert_true(nb[1].sim > nb[2].sim);

	/* k and the floor cut */
	assert_int_equal(index_topk(&ix, 1, 1, 0.0f, nb), 1);
	assert_int_equal(index_topk(&ix, 1, 4, 0.99f, nb), 0);
	assert_int_equal(index_topk(&ix, 4, 4, 0.0f, nb), 0);
	index_release(&ix);
}

static void
test_weights_are_tfidf_and_unit_length(void **state)
{
	struct index ix;
	size_t i, j;

	index_init(&ix);
	add(&ix, 0, "common rare");
	add(&ix, 1, "common");
	add(&ix, 2, "common other");
	add(&ix, 3, "rare rare rare other");
	index_finish(&ix, 0, 0, false);
	for (i = 0; i < ix.nitems; i++) {
		double norm = 0;

		for (j = 0; j < ix.items[i].nf; j++)
			norm += ix.items[i].f[j].w * ix.items[i].f[j].w;
		assert_true(fabs(norm - 1) < 1e-5);
	}
	/* item 0: "rare" (2 items) outweighs "common" (3 items) */
	assert_int_equal(ix.items[0].nf, 2);
	assert_true(ix.items[0].f[1].w > ix.items[0].f[0].w);
	/* item 3: "rare" three times is one term, weighed sublinearly */
	assert_int_equal(ix.items[3].nf, 2);
	assert_true(fabs(index_sim(&ix, 1, 1) - 1) < 1e-5);
	assert_true(index_sim(&ix, 0, 3) > index_sim(&ix, 0, 2));
	index_release(&ix);
}

static void
test_max_df_keeps_weights_but_finds_no_candidates(void **state)
{
	struct index ix;
	struct neighbour nb[4];

	index_init(&ix);
	add(&ix, 0, "verwaltung");
	add(&ix, 1, "verwaltung");
	add(&ix, 2, "verwaltung");
	index_finish(&ix, 2, 0, false);	/* in 3 items: too common to post */
	assert_int_equal(index_topk(&ix, 0, 4, 0.0f, nb), 0);
	assert_true(index_sim(&ix, 0, 1) > 0.99f);
	index_release(&ix);
}

static void
test_explanations_name_the_shared_terms(void **state)
{
	struct index ix;
	struct buf b = BUF_INIT;

	index_init(&ix);
	add(&ix, 0, "prozess daten x");
	add(&ix, 1, "prozess daten y");
	add(&ix, 2, "z");
	index_finish(&ix, 0, 0, false);
	index_explain(&ix, 0, 1, 4, &b);
	assert_non_null(strstr(b.s, "prozess"));
	assert_non_null(strstr(b.s, "daten"));
	assert_null(strstr(b.s, "x"));
	buf_reset(&b);
	index_explain(&ix, 0, 1, 1, &b);
	assert_null(strchr(b.s, ';'));		/* at most one */
	buf_reset(&b);
	index_explain(&ix, 0, 2, 4, &b);
	assert_string_equal(b.s, "");
	buf_release(&b);
	index_release(&ix);
}

static void
test_many_items_scale(void **state)
{
	struct index ix;
	struct neighbour nb[10];
	char terms[64];
	size_t i, n;

	/* 20000 items in 2000 documents, 100 themes of 2 terms each */
	index_init(&ix);
	for (i = 0; i < 20000; i++) {
		snprintf(terms, sizeof(terms), "t%zu u%zu w%zu", i % 100,
		    (i * 7) % 100, i);
		add(&ix, (int)(i / 10), terms);
	}
	index_finish(&ix, 0, 0, false);
	n = index_topk(&ix, 5, 10, 0.1f, nb);
	assert_int_equal(n, 10);
	for (i = 0; i < n; i++)
		assert_int_equal(nb[i].item % 100, 5);
	index_release(&ix);
}

static int
cmp_item(const void *a, const void *b)
{
	const struct posting *x = a, *y = b;

	return x->item < y->item ? -1 : x->item > y->item;
}

static int
cmp_heavier(const void *a, const void *b)
{
	const struct posting *x = a, *y = b;

	if (x->w != y->w)
		return x->w > y->w ? -1 : 1;
	return x->item < y->item ? -1 : x->item > y->item;
}

/*
 * Champions: a term of 300 items keeps the postings of the 8 that weigh
 * it most (ties: the lower items), in item order. An item still finds its
 * best neighbour exactly, through a champion, and the rescored
 * similarities are the exact ones.
 */
static void
test_champions_rescore_exactly(void **state)
{
	struct index ix, full;
	struct neighbour nb[3], want[3];
	char terms[64];
	size_t i, n, m;
	long t;

	index_init(&ix);
	index_init(&full);
	for (i = 0; i < 300; i++) {
		/* "common" everywhere; every tenth item shares "rare" too,
		   and short items weigh "common" more than long ones */
		snprintf(terms, sizeof(terms), "common%s%s", i % 10 ? "" :
		    " rare", i % 3 ? " x y" : "");
		add(&ix, (int)i, terms);
		add(&full, (int)i, terms);
	}
	index_finish(&ix, 0, 8, false);
	index_finish(&full, 0, 0, false);
	t = strmap_find(&ix.terms, "common", 6);
	assert_int_equal(ix.npost[t], 8);
	qsort(full.post[t], full.npost[t], sizeof(*full.post[t]),
	    cmp_heavier);
	qsort(full.post[t], 8, sizeof(*full.post[t]), cmp_item);
	for (i = 0; i < 8; i++) {
		assert_int_equal(ix.post[t][i].item, full.post[t][i].item);
		assert_true(ix.post[t][i].w == full.post[t][i].w);
	}
	for (i = 0; i < 300; i += 37) {
		n = index_topk(&ix, (uint32_t)i, 3, 0.0f, nb);
		m = index_topk(&full, (uint32_t)i, 3, 0.0f, want);
		assert_int_equal(n, m);
		while (n--) {
			assert_true(fabsf(nb[n].sim - want[n].sim) < 1e-6f);
			assert_true(fabsf(nb[n].sim - index_sim(&full,
			    (uint32_t)i, nb[n].item)) < 1e-6f);
		}
	}
	index_release(&ix);
	index_release(&full);
}

/*
 * What twins share (align.c topk_all()): one item's candidates from all
 * documents, scored, less those of its twin's document, give what the
 * twin's own query finds; with champions (partial sums, rescored) and
 * without (exact sums), and with many ties, which a total order settles
 * the same way whatever the order the items come in.
 */
static void
test_shared_candidates_equal_own_query(void **state)
{
	size_t champions[2] = { 6, 0 }, c, i, k = 3;

	for (c = 0; c < 2; c++) {
		struct index ix;
		struct index_query q;
		struct neighbour cand[INDEX_RESCORE * 3 + 40], mine[3], own[3];
		char terms[64];

		index_init(&ix);
		for (i = 0; i < 120; i++) {
			/* 40 documents of 3 items; item i has the text of
			   item i % 40 */
			snprintf(terms, sizeof(terms), "common t%zu%s%s",
			    i % 4, i % 8 < 4 ? " x" : "", i % 5 ? "" : " y");
			add(&ix, (int)(i / 3), terms);
		}
		index_finish(&ix, 0, champions[c], false);
		index_query_init(&ix, &q);
		for (i = 40; i < 120; i++) {
			uint32_t first = (uint32_t)(i % 40);	/* same text */
			size_t n, m, want, j, got = 0;
			bool exact;

			n = index_candidates_q(&ix, &q, first, k, 40, 0.0f,
			    true, cand, &exact);
			assert_int_equal(exact, champions[c] == 0);
			if (!exact)	/* by the first: the same features */
				index_score_q(&ix, &q, first, cand, n);
			want = exact ? k : INDEX_RESCORE * k;
			for (j = 0; j < n && got < want; j++)
				if (ix.items[cand[j].item].doc !=
				    ix.items[i].doc)
					cand[got++] = cand[j];
			m = index_best_of(cand, got, k, 0.0f, mine);
			n = index_topk_q(&ix, &q, (uint32_t)i, k, 0.0f, own);
			assert_int_equal(m, n);
			for (j = 0; j < n; j++) {
				assert_int_equal(mine[j].item, own[j].item);
				assert_true(mine[j].sim == own[j].sim);
			}
		}
		index_query_release(&q);
		index_release(&ix);
	}
}

/* Ties: items 0-9 ("y") come to the query "x y" after items 10-19 ("x"),
   at the same similarity; the lower items are kept, as a longer list
   would keep them. */
static void
test_ties_keep_the_lower_items(void **state)
{
	size_t champions[2] = { 4, 0 }, c, i;

	for (c = 0; c < 2; c++) {
		struct index ix;
		struct neighbour nb[3];

		index_init(&ix);
		/* "x" first: a query walks its postings first */
		strmap_intern(&ix.terms, "x", 1);
		for (i = 0; i < 20; i++)
			add(&ix, (int)i, i < 10 ? "y" : "x");
		add(&ix, 20, "x y");
		index_finish(&ix, 0, champions[c], true);
		assert_int_equal(index_topk(&ix, 20, 3, 0.0f, nb), 3);
		for (i = 0; i < 3; i++)
			assert_int_equal(nb[i].item, i);
		index_release(&ix);
	}
}

/*
 * A query that asks for evidence (index_query.evidence) gives each
 * neighbour what index_evidence() gives for the pair, to the bit, on both
 * paths: rescored (champions) and exact sums. The set has pairs that share
 * only a generic word or only a translation (no evidence at all, though
 * similar), pairs where such words are part of what they share (less
 * evidence than similarity) and pairs of plain words (all of it).
 */
static void
test_neighbours_carry_their_evidence(void **state)
{
	size_t champions[2] = { 10, 0 }, c, i, j;

	for (c = 0; c < 2; c++) {
		struct index ix;
		struct index_query q;
		struct neighbour nb[5];
		char spec[128];
		bool none = false, part = false, all = false;

		index_init(&ix);
		for (i = 0; i < 60; i++) {
			snprintf(spec, sizeof(spec), "u%zu/w%s%s%s%s", i,
			    i % 2 == 0 ? " common/w" : "",
			    i % 3 == 0 ? " nutz/W" : "",
			    i % 4 == 1 ? " benefit/t" :
			    i % 7 == 0 ? " benefit/w" : "",
			    i % 5 == 0 ? " daten/w" : "");
			add_kinds(&ix, (int)i, spec);
		}
		index_finish(&ix, 0, champions[c], false);
		index_query_init(&ix, &q);
		q.evidence = true;
		for (i = 0; i < 60; i++) {
			size_t n = index_topk_q(&ix, &q, (uint32_t)i, 5, 0.0f,
			    nb);

			for (j = 0; j < n; j++) {
				float ev = index_evidence(&ix, (uint32_t)i,
				    nb[j].item);

				assert_true(nb[j].ev == ev);
				assert_true(ev <= nb[j].sim + 1e-6f);
				none |= ev == 0 && nb[j].sim > 0;
				part |= ev > 0 && ev < nb[j].sim - 1e-6f;
				all |= ev > 0 && fabsf(ev - nb[j].sim) < 1e-6f;
			}
		}
		assert_true(none && part && all);
		index_query_release(&q);
		index_release(&ix);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_topk_finds_sharers_of_other_documents),
		cmocka_unit_test(test_weights_are_tfidf_and_unit_length),
		cmocka_unit_test(
		    test_max_df_keeps_weights_but_finds_no_candidates),
		cmocka_unit_test(test_explanations_name_the_shared_terms),
		cmocka_unit_test(test_many_items_scale),
		cmocka_unit_test(test_champions_rescore_exactly),
		cmocka_unit_test(test_shared_candidates_equal_own_query),
		cmocka_unit_test(test_ties_keep_the_lower_items),
		cmocka_unit_test(test_neighbours_carry_their_evidence),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
