/* test-cost.c: the cost engine: exact splits, keys of every kind, their errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "konkordat.h"

static void
test_split_equal_thirds(void **state)
{
	int64_t w[3] = { 1, 1, 1 };
	kk_rappen out[3];

	assert_int_equal(cost_split(100, w, 3, out), KK_OK);
	/* 33.33 each; the one Rappen left goes to the first */
	assert_int_equal(out[0], 34);
	assert_int_equal(out[1], 33);
	assert_int_equal(out[2], 33);
}

static void
test_split_largest_remainder(void **state)
{
	/* exact shares 10 * (0.15, 0.25, 0.6) = 1.5, 2.5, 6: one Rappen
	   left, the remainders tie at .5: the earlier part gets it */
	int64_t w[3] = { 15, 25, 60 };
	kk_rappen out[3];

	assert_int_equal(cost_split(10, w, 3, out), KK_OK);
	assert_int_equal(out[0], 2);
	assert_int_equal(out[1], 2);
	assert_int_equal(out[2], 6);

	/* 7 into 1:2:4 is exact */
	w[0] = 1, w[1] = 2, w[2] = 4;
	assert_int_equal(cost_split(7, w, 3, out), KK_OK);
	assert_int_equal(out[0], 1);
	assert_int_equal(out[1], 2);
	assert_int_equal(out[2], 4);
}

static void
test_split_refuses_nothing_to_divide(void **state)
{
	int64_t w[2] = { 0, 0 };
	kk_rappen out[2];

	assert_int_equal(cost_split(100, w, 2, out), KK_EINPUT);
	assert_int_equal(cost_split(100, w, 0, out), KK_EINPUT);
}

/* A small generator, so that the property test is the same every run. */
static uint64_t
next_random(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/*
 * Properties, over many random cases: the parts add up to the amount
 * exactly, and each part is within one Rappen of its exact share.
 */
static void
test_split_properties(void **state)
{
	uint64_t seed = 0x9e3779b97f4a7c15ULL;
	int64_t w[200];
	kk_rappen out[200];
	int round;

	for (round = 0; round < 5000; round++) {
		size_t n = 1 + next_random(&seed) % 200, i;
		kk_rappen amount = (kk_rappen)(next_random(&seed) %
		    1000000000000000ULL);
		__int128 total = 0, sum = 0;

		if (round % 3 == 0)
			amount %= 1000;	/* fewer Rappen than parts */
		for (i = 0; i < n; i++) {
			/* populations up to ten million, some zero */
			w[i] = (int64_t)(next_random(&seed) % 10000000);
			if (next_random(&seed) % 10 == 0)
				w[i] = 0;
			total += w[i];
		}
		if (total == 0) {
			w[0] = 1;
			total = 1;
		}
		assert_int_equal(cost_split(amount, w, n, out), KK_OK);
		for (i = 0; i < n; i++) {
			__int128 exact = (__int128)amount * w[i];
			__int128 diff = (__int128)out[i] * total - exact;

			sum += out[i];
			assert_true(out[i] >= 0);
			/* |part - exact share| < 1 Rappen */
			assert_true(diff > -total && diff < total);
			if (w[i] == 0)
				assert_int_equal(out[i], 0);
		}
		assert_true(sum == amount);
	}
}

/* Parties for the key tests: a canton, a city and an association of three
   municipalities, one of them the city. */
struct fake {
	const char *id;
	long population;
	int year;
	const char *members[4];
};

static const struct fake fakes[] = {
	{ "kanton", 377610, 2011, { NULL } },
	{ "stadt", 77491, 2011, { NULL } },
	{ "dorf", 1446, 2011, { NULL } },
	{ "weiler", 575, 2012, { NULL } },
	{ "verband", -1, 0, { "stadt", "dorf", "weiler", NULL } },
};

static bool
lookup(void *ctx, const char *id, struct cost_party *out)
{
	size_t i;

	for (i = 0; i < KK_ARRAY_SIZE(fakes); i++) {
		if (strcmp(fakes[i].id, id))
			continue;
		out->population = fakes[i].population;
		out->population_year = fakes[i].year;
		out->members.v = (const char **)fakes[i].members;
		for (out->members.n = 0; fakes[i].members[out->members.n];)
			out->members.n++;
		out->members.locs = NULL;
		return true;
	}
	return false;
}

struct keys {
	struct kk_org org;
	struct kk_cost_key k[8];
	struct kk_key_part parts[8][4];
	struct arena *a;
	struct kk_diags d;
};

static int
setup(void **state)
{
	struct keys *x = xcalloc(1, sizeof(*x));

	x->org.keys = x->k;
	x->a = arena_new();
	diags_init(&x->d);
	*state = x;
	return 0;
}

static int
teardown(void **state)
{
	struct keys *x = *state;

	arena_free(x->a);
	diags_release(&x->d);
	free(x);
	return 0;
}

static struct kk_cost_key *
add_key(struct keys *x, const char *id, enum kk_key_method m)
{
	struct kk_cost_key *k = &x->k[x->org.nkeys];

	k->id = id;
	k->title = id;
	k->method = m;
	k->parts = x->parts[x->org.nkeys];
	x->org.nkeys++;
	return k;
}

static void
add_part(struct kk_cost_key *k, const char *party, const char *key,
    int64_t weight)
{
	struct kk_key_part *p = &k->parts[k->nparts++];

	p->party = party;
	p->key = key;
	p->weight = weight;
}

static kk_rappen
share_of(const struct cost_tree *t, const kk_rappen *shares, const char *id)
{
	const char *const *ids;
	size_t n = cost_payers(t, &ids), i;

	for (i = 0; i < n; i++)
		if (!strcmp(ids[i], id))
			return shares[i];
	return -1;
}

/*
 * The citizen portal: canton and municipalities 50/50, the municipalities'
 * half by population. At CHF 2.50 per inhabitant for the municipalities,
 * the portal costs 2 x 2.50 x their population.
 */
static void
test_portal_fifty_fifty(void **state)
{
	struct keys *x = *state;
	struct kk_cost_key *pop, *portal;
	const char *who[] = { "stadt", "dorf" };
	struct cost_tree *t;
	kk_rappen shares[8] = { 0 };
	kk_rappen amount = 2 * 250 * (77491 + 1446);

	pop = add_key(x, "gemeinden", KK_KEY_POPULATION);
	pop->of = "verband";
	pop->parties.v = who;	/* only those that subscribed */
	pop->parties.n = 2;
	pop->year = 2011;
	portal = add_key(x, "portal", KK_KEY_NESTED);
	add_part(portal, "kanton", NULL, 5000);
	add_part(portal, NULL, "gemeinden", 5000);

	t = cost_resolve(x->a, &x->org, "portal", lookup, NULL, &x->d);
	assert_non_null(t);
	cost_apply(t, amount, shares);
	assert_int_equal(share_of(t, shares, "kanton"), amount / 2);
	assert_int_equal(share_of(t, shares, "stadt"), 250 * 77491);
	assert_int_equal(share_of(t, shares, "dorf"), 250 * 1446);
	assert_int_equal(share_of(t, shares, "weiler"), -1);
}

static void
test_fixed_equal_usage(void **state)
{
	struct keys *x = *state;
	struct kk_cost_key *k;
	const char *four[] = { "kanton", "stadt", "dorf" };
	struct cost_tree *t;
	kk_rappen shares[8] = { 0 };

	k = add_key(x, "fix", KK_KEY_FIXED);
	add_part(k, "kanton", NULL, 4162);
	add_part(k, "stadt", NULL, 5838);
	t = cost_resolve(x->a, &x->org, "fix", lookup, NULL, &x->d);
	assert_non_null(t);
	cost_apply(t, 53086600, shares);
	assert_int_equal(shares[0] + shares[1], 53086600);
	assert_int_equal(shares[0], 22094643);	/* 41.62 % of 530'866.00 */

	k = add_key(x, "gleich", KK_KEY_EQUAL);
	k->parties.v = four;
	k->parties.n = 3;
	memset(shares, 0, sizeof(shares));
	t = cost_resolve(x->a, &x->org, "gleich", lookup, NULL, &x->d);
	assert_non_null(t);
	cost_apply(t, 100000, shares);
	assert_int_equal(shares[0], 33334);
	assert_int_equal(shares[1], 33333);
	assert_int_equal(shares[2], 33333);

	k = add_key(x, "plaetze", KK_KEY_USAGE);
	add_part(k, "kanton", NULL, 6000);
	add_part(k, "stadt", NULL, 1400);
	memset(shares, 0, sizeof(shares));
	t = cost_resolve(x->a, &x->org, "plaetze", lookup, NULL, &x->d);
	assert_non_null(t);
	cost_apply(t, 740000, shares);
	assert_int_equal(shares[0], 600000);
	assert_int_equal(shares[1], 140000);
	assert_int_equal(x->d.n, 0);
}

static void
test_key_errors(void **state)
{
	struct keys *x = *state;
	struct kk_cost_key *k;
	size_t i;

	/* the whole association: one member's figure is for another year */
	k = add_key(x, "alle", KK_KEY_POPULATION);
	k->of = "verband";
	k->year = 2011;
	assert_null(cost_resolve(x->a, &x->org, "alle", lookup, NULL, &x->d));
	assert_string_equal(x->d.v[x->d.n - 1].msg, "cost key 'alle' counts "
	    "the population of 2011, but 1 of its parties has figures of "
	    "another year: 'weiler' (2012)");

	k = add_key(x, "fremd", KK_KEY_FIXED);
	add_part(k, "kanton", NULL, 5000);
	add_part(k, "zug", NULL, 5000);
	assert_null(cost_resolve(x->a, &x->org, "fremd", lookup, NULL, &x->d));
	assert_non_null(strstr(x->d.v[x->d.n - 1].msg, "unknown party "
	    "'zug'"));

	/* an unknown party before a known one */
	k = add_key(x, "fremd2", KK_KEY_FIXED);
	add_part(k, "zug", NULL, 5000);
	add_part(k, "kanton", NULL, 5000);
	assert_null(cost_resolve(x->a, &x->org, "fremd2", lookup, NULL,
	    &x->d));

	k = add_key(x, "a", KK_KEY_NESTED);
	add_part(k, NULL, "b", 10000);
	k = add_key(x, "b", KK_KEY_NESTED);
	add_part(k, NULL, "a", 10000);
	assert_null(cost_resolve(x->a, &x->org, "a", lookup, NULL, &x->d));
	assert_string_equal(x->d.v[x->d.n - 1].msg, "cost keys nest in a "
	    "cycle: a -> b -> a");
	/* from b, the same cycle is told the same way: said once */
	i = x->d.n;
	assert_null(cost_resolve(x->a, &x->org, "b", lookup, NULL, &x->d));
	assert_int_equal(x->d.n, i);

	k = add_key(x, "leer", KK_KEY_USAGE);
	add_part(k, "kanton", NULL, 0);
	assert_null(cost_resolve(x->a, &x->org, "leer", lookup, NULL, &x->d));
	assert_non_null(strstr(x->d.v[x->d.n - 1].msg, "nothing to divide"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_equal_thirds),
		cmocka_unit_test(test_split_largest_remainder),
		cmocka_unit_test(test_split_refuses_nothing_to_divide),
		cmocka_unit_test(test_split_properties),
		cmocka_unit_test_setup_teardown(test_portal_fifty_fifty, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_fixed_equal_usage, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_key_errors, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
