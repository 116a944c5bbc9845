/* cost.c: cost keys resolved into trees of weights, and amounts split exactly to the Rappen. */
#include "konkordat.h"

/*
 * Every cost key comes down to weights: fixed and nested shares in basis
 * points, equal shares as 1 each, population as inhabitants, usage as units.
 * A nested key is a tree whose inner nodes are other keys. An amount is
 * split at each node by the largest remainder method (Hamilton's): each
 * part gets the whole Rappen of its exact share, and the Rappen left over go
 * one each to the parts with the largest remainders, ties to the earlier
 * part. So the parts always add up to the amount exactly, and no part is
 * more than one Rappen from its exact share at its node.
 */

struct cost_node {
	size_t n;
	int64_t *weights;
	int *payer;			/* index into tree->payers, or -1 */
	struct cost_node **child;	/* where payer is -1 */
	kk_rappen *parts;		/* scratch for cost_apply() */
	int64_t *rems;
	size_t *order;
};

struct cost_tree {
	struct cost_node *root;
	const char **payers;		/* distinct, in order of appearance */
	size_t npayers, cap;
};

/* Is part I before part J in the queue for a left-over Rappen? */
static bool
before(const int64_t *rems, size_t i, size_t j)
{
	return rems[i] > rems[j] || (rems[i] == rems[j] && i < j);
}

/*
 * Reorder ORDER[lo..hi] so that its first K entries are the K parts first
 * in the queue (quickselect; linear on average).
 */
static void
select_first(size_t *order, size_t lo, size_t hi, size_t k,
    const int64_t *rems)
{
	while (hi > lo) {
		size_t mid = lo + (hi - lo) / 2, pivot, store = lo, i, t;

		t = order[mid];
		order[mid] = order[hi];
		order[hi] = t;
		pivot = order[hi];
		for (i = lo; i < hi; i++)
			if (before(rems, order[i], pivot)) {
				t = order[i];
				order[i] = order[store];
				order[store] = t;
				store++;
			}
		order[hi] = order[store];
		order[store] = pivot;
		if (store - lo + 1 == k)
			return;
		if (store - lo + 1 > k) {
			if (store == 0)
				return;
			hi = store - 1;
		} else {
			k -= store - lo + 1;
			lo = store + 1;
		}
	}
}

static int
split(kk_rappen amount, const int64_t *w, size_t n, kk_rappen *out,
    int64_t *rems, size_t *order)
{
	__int128 total = 0;
	kk_rappen given = 0, left;
	size_t i;

	for (i = 0; i < n; i++)
		total += w[i];
	if (total <= 0 || amount < 0)
		return KK_EINPUT;
	for (i = 0; i < n; i++) {
		__int128 exact = (__int128)amount * w[i];

		out[i] = (kk_rappen)(exact / total);
		rems[i] = (int64_t)(exact % total);
		given += out[i];
		order[i] = i;
	}
	left = amount - given;	/* fewer than n */
	if (left <= 0)
		return KK_OK;
	select_first(order, 0, n - 1, (size_t)left, rems);
	for (i = 0; i < (size_t)left; i++)
		out[order[i]]++;
	return KK_OK;
}

/*
 * Split AMOUNT (Rappen, >= 0) into N parts in proportion to WEIGHTS (>= 0,
 * not all 0), into OUT. The parts add up to AMOUNT exactly. Returns 0, or
 * KK_EINPUT when there is nothing to divide by.
 */
int
cost_split(kk_rappen amount, const int64_t *weights, size_t n, kk_rappen *out)
{
	int64_t *rems = xcalloc(n, sizeof(*rems));
	size_t *order = xcalloc(n, sizeof(*order));
	int rc = n ? split(amount, weights, n, out, rems, order) : KK_EINPUT;

	free(rems);
	free(order);
	return rc;
}

/* Resolution: from the keys of a file to a tree. */

struct resolver {
	struct arena *a;
	const struct kk_org *org;
	cost_lookup_fn *lookup;
	void *ctx;
	struct kk_diags *diags;
	struct cost_tree *tree;
	const char *stack[32];	/* the keys being resolved, for cycles */
	size_t depth;
	struct buf stale;	/* parties whose population is of another
				   year than the key's, the first few */
	size_t nstale;
};

static int
payer_index(struct resolver *r, const char *id)
{
	struct cost_tree *t = r->tree;
	size_t i;

	for (i = 0; i < t->npayers; i++)
		if (!strcmp(t->payers[i], id))
			return (int)i;
	if (t->npayers == t->cap) {
		const char **v;

		t->cap = t->cap ? 2 * t->cap : 16;
		v = arena_calloc(r->a, t->cap, sizeof(*v));
		if (t->npayers)
			memcpy(v, t->payers, t->npayers * sizeof(*v));
		t->payers = v;
	}
	t->payers[t->npayers] = id;
	return (int)t->npayers++;
}

static struct cost_node *
node_new(struct resolver *r, size_t n)
{
	struct cost_node *node = arena_calloc(r->a, 1, sizeof(*node));
	size_t i;

	node->n = n;
	node->weights = arena_calloc(r->a, n + 1, sizeof(*node->weights));
	node->payer = arena_calloc(r->a, n + 1, sizeof(*node->payer));
	node->child = arena_calloc(r->a, n + 1, sizeof(*node->child));
	node->parts = arena_calloc(r->a, n + 1, sizeof(*node->parts));
	node->rems = arena_calloc(r->a, n + 1, sizeof(*node->rems));
	node->order = arena_calloc(r->a, n + 1, sizeof(*node->order));
	for (i = 0; i <= n; i++)
		node->payer[i] = -1;	/* not (yet) a party */
	return node;
}

/*
 * Where a fault of key K is told: at the value LOC that is at fault when
 * it was read from a file, else at the key itself (a key made in code).
 */
static const struct kk_loc *
at(const struct kk_loc *loc, const struct kk_cost_key *k)
{
	return loc && loc->line ? loc : &k->loc;
}

/* Party ID pays WEIGHT as the Ith payer of NODE; LOC names it in K. */
static bool
add_party(struct resolver *r, const struct kk_cost_key *k,
    struct cost_node *node, size_t i, const char *id, int64_t weight,
    const struct kk_loc *loc)
{
	struct cost_party p;
	size_t j;

	for (j = 0; j < i; j++)
		if (node->payer[j] >= 0 &&
		    !strcmp(r->tree->payers[node->payer[j]], id)) {
			diags_add(r->diags, at(loc, k), "cost key '%s' names "
			    "'%s' twice", k->id, id);
			return false;
		}
	if (!r->lookup(r->ctx, id, &p)) {
		diags_add(r->diags, at(loc, k), "cost key '%s' names an "
		    "unknown party '%s'", k->id, id);
		return false;
	}
	if (k->method == KK_KEY_POPULATION) {
		if (p.population < 0) {
			diags_add(r->diags, at(loc, k), "cost key '%s' divides "
			    "by population, but '%s' has none", k->id, id);
			return false;
		}
		if (p.population_year != k->year) {
			/* reported for all of them at once, by resolve() */
			if (r->nstale++ < 3)
				buf_addf(&r->stale, "%s'%s' (%d)", r->nstale > 1 ?
				    ", " : "", id, p.population_year);
			return false;
		}
		weight = p.population;
	}
	node->weights[i] = weight;
	node->payer[i] = payer_index(r, id);
	return true;
}

static struct cost_node *resolve_key(struct resolver *r, const char *id,
    const struct kk_loc *loc);

static struct cost_node *
resolve(struct resolver *r, const struct kk_cost_key *k)
{
	struct cost_node *node = NULL;
	struct kk_ids who = k->parties;
	int64_t total = 0;
	bool ok = true;
	size_t i;

	if (k->method == KK_KEY_POPULATION && k->of) {
		struct cost_party group;

		if (!r->lookup(r->ctx, k->of, &group)) {
			diags_add(r->diags, at(&k->of_loc, k), "cost key '%s' "
			    "names an unknown party '%s'", k->id, k->of);
			return NULL;
		}
		for (i = 0; i < k->parties.n; i++)
			if (!kk_ids_contain(&group.members, k->parties.v[i])) {
				diags_add(r->diags, k->parties.locs ?
				    &k->parties.locs[i] : &k->loc, "'%s' is "
				    "not a member of '%s'", k->parties.v[i],
				    k->of);
				ok = false;
			}
		if (!ok)
			return NULL;
		if (!k->parties.n)
			who = group.members;
		if (!who.n) {
			diags_add(r->diags, at(&k->of_loc, k), "cost key '%s': "
			    "'%s' has no members", k->id, k->of);
			return NULL;
		}
	}

	switch (k->method) {
	case KK_KEY_EQUAL:
	case KK_KEY_POPULATION:
		node = node_new(r, who.n);
		buf_reset(&r->stale);
		r->nstale = 0;
		/* the members of OF are named by OF, not in this file */
		for (i = 0; i < who.n; i++)
			ok &= add_party(r, k, node, i, who.v[i], 1,
			    who.v == k->parties.v && who.locs ? &who.locs[i] :
			    &k->of_loc);
		if (r->nstale)
			diags_add(r->diags, at(&k->year_loc, k), Q_("cost key '%s' counts "
			    "the population of %d, but %zu of its parties has "
			    "figures of another year: %s%s", "cost key '%s' "
			    "counts the population of %d, but %zu of its "
			    "parties have figures of another year: %s%s",
			    r->nstale), k->id, k->year, r->nstale,
			    r->stale.s, r->nstale > 3 ? ", ..." : "");
		break;
	case KK_KEY_FIXED:
	case KK_KEY_USAGE:
	case KK_KEY_NESTED:
		node = node_new(r, k->nparts);
		for (i = 0; i < k->nparts; i++) {
			const struct kk_key_part *pt = &k->parts[i];

			if (pt->party) {
				ok &= add_party(r, k, node, i, pt->party,
				    pt->weight, &pt->ref_loc);
				continue;
			}
			node->weights[i] = pt->weight;
			node->payer[i] = -1;
			node->child[i] = resolve_key(r, pt->key,
			    at(&pt->ref_loc, k));
			ok &= node->child[i] != NULL;
		}
		break;
	default:
		BUG("unknown cost key method %d", (int)k->method);
	}
	if (!ok)
		return NULL;
	for (i = 0; i < node->n; i++)
		total += node->weights[i];
	if (total <= 0) {
		if (k->method == KK_KEY_USAGE)
			diags_add(r->diags, at(&k->list_loc, k), "cost key "
			    "'%s' has nothing to divide by: every count of "
			    "units is zero", k->id);
		else
			diags_add(r->diags, at(&k->list_loc, k), "cost key "
			    "'%s' has nothing to divide by: every weight is "
			    "zero", k->id);
		return NULL;
	}
	return node;
}

/*
 * Report the cycle r->stack[from..depth). It is told from the key that
 * comes first in the file, and there, so that resolving from any of its
 * keys says the same once.
 */
static void
report_cycle(struct resolver *r, size_t from)
{
	size_t n = r->depth - from, first = from, i;
	const struct kk_cost_key *k, *kf = kk_org_key(r->org, r->stack[from]);
	struct buf b = BUF_INIT;

	for (i = from; i < r->depth; i++) {
		k = kk_org_key(r->org, r->stack[i]);
		if (k < kf) {
			kf = k;
			first = i;
		}
	}
	for (i = 0; i < n; i++)
		buf_addf(&b, "%s -> ", r->stack[from + (first - from + i) % n]);
	buf_adds(&b, r->stack[first]);
	diags_add(r->diags, &kf->loc, "cost keys nest in a cycle: %s", b.s);
	buf_release(&b);
}

static struct cost_node *
resolve_key(struct resolver *r, const char *id, const struct kk_loc *loc)
{
	const struct kk_cost_key *k = kk_org_key(r->org, id);
	struct cost_node *node;
	size_t i;

	if (!k) {
		diags_add(r->diags, loc, "unknown cost key '%s'", id);
		return NULL;
	}
	for (i = 0; i < r->depth; i++)
		if (!strcmp(r->stack[i], id)) {
			report_cycle(r, i);
			return NULL;
		}
	if (r->depth == KK_ARRAY_SIZE(r->stack)) {
		diags_add(r->diags, &k->loc, "cost keys nest deeper than %zu "
		    "levels", KK_ARRAY_SIZE(r->stack));
		return NULL;
	}
	r->stack[r->depth++] = id;
	node = resolve(r, k);
	r->depth--;
	return node;
}

/*
 * Resolve cost key KEY of ORG into a tree, looking parties up through
 * LOOKUP. Everything lives in arena A. NULL, with the reasons in DIAGS,
 * when the key cannot be applied: an unknown party or key, a missing or
 * out-of-date population, a cycle, nothing to divide by.
 */
struct cost_tree *
cost_resolve(struct arena *a, const struct kk_org *org, const char *key,
    cost_lookup_fn *lookup, void *ctx, struct kk_diags *diags)
{
	struct resolver r = { 0 };
	struct kk_loc none = { NULL, 0, 0 };

	buf_init(&r.stale);
	r.a = a;
	r.org = org;
	r.lookup = lookup;
	r.ctx = ctx;
	r.diags = diags;
	r.tree = arena_calloc(a, 1, sizeof(*r.tree));
	r.tree->root = resolve_key(&r, key, &none);
	buf_release(&r.stale);
	return r.tree->root ? r.tree : NULL;
}

/* The parties that pay under T, in order; cost_apply() fills shares in
   this order. */
size_t
cost_payers(const struct cost_tree *t, const char *const **ids)
{
	*ids = t->payers;
	return t->npayers;
}

static void
apply(const struct cost_node *node, kk_rappen amount, kk_rappen *shares)
{
	size_t i;

	/* resolve() made sure the weights do not add up to zero */
	if (split(amount, node->weights, node->n, node->parts, node->rems,
	    node->order))
		BUG("cost node with no weight");
	for (i = 0; i < node->n; i++) {
		kk_rappen part = node->parts[i];

		if (node->payer[i] >= 0)
			shares[node->payer[i]] += part;
		else
			apply(node->child[i], part, shares);
	}
}

/*
 * Split AMOUNT under T and add each payer's part to SHARES (indexed as
 * cost_payers() lists them). The parts added make AMOUNT exactly. A tree is
 * not to be applied from two threads at once: its nodes hold scratch space.
 */
void
cost_apply(const struct cost_tree *t, kk_rappen amount, kk_rappen *shares)
{
	apply(t->root, amount, shares);
}
