/* cluster.c: average-linkage clustering of items over a sparse graph of candidate pairs. */
#include "align-impl.h"

/*
 * The link of two clusters is the sum of the similarities of their
 * candidate pairs divided by the number of pairs of items from different
 * documents between them (pairs within one document do not count, and a
 * pair that is not a candidate counts as 0). The two clusters with the
 * highest link merge, while it is at least the threshold.
 *
 * Large inputs (a national corpus: 100,000 items, themes of thousands of
 * items) make the textbook algorithm quadratic: every merge changes the
 * link of the grown cluster to each of its neighbours, and a theme's
 * cluster has thousands. This one touches only the smaller side's
 * neighbours on a merge, and keeps the queue's keys as upper bounds:
 *  - a neighbour o of the smaller side y gets a fresh queue entry, with its
 *    new pair sum;
 *  - for a neighbour o of the larger side x only, the link of x+y to o is
 *    S(x,o) / (P(x,o) + P(y,o)) <= S(x,o) / P(x,o): it can only fall, so
 *    its old queue entry is an upper bound. When such an entry comes to the
 *    top, its link is computed again and, if lower, pushed back.
 * The order of the merges is therefore that of the exact algorithm, but
 * for one relaxation: a stale entry whose link, computed again, is still
 * within SLACK of its old key merges at once instead of going back into
 * the queue. A large cluster's links fall a little at each of its merges;
 * without the slack every merge sent all of them through the queue again,
 * most of the work at national scale. The pair that merges is then within
 * 10% of the best link (and the queue's buckets add 0.2%, below): (1 +
 * e)-approximate average linkage on a sparse graph, as in Dhulipala,
 * Eisenstat, Lacki, Mirrokni and Shi,
 * "Hierarchical Agglomerative Graph Clustering in Nearly-Linear Time"
 * (ICML 2021).
 *
 * Pair sums live in one hash map keyed by the two cluster numbers;
 * adjacency lists may hold dead or repeated clusters, which the map sorts
 * out when they are read.
 */

struct dcount {
	int doc;
	uint32_t w;		/* the weight of the cluster's items of DOC */
};

struct cluster {
	uint32_t *m;		/* members */
	size_t n, cap;
	uint64_t w;		/* their weight */
	struct dcount *docs;	/* by document number */
	size_t ndocs;
	uint32_t *adj;		/* neighbour clusters, maybe dead or twice */
	size_t nadj, adjcap;
	int key;		/* pinned group key, or -1 */
	uint32_t nrestricted;	/* members with a cannot-link or -join */
	uint32_t version;
	bool alive;
};

/* 16 bytes: on a large set the queue holds millions. Versions only
   grow, so their sum changes when either does. */
struct queue_entry {
	float link;
	uint32_t a, b;
	uint32_t stamp;		/* the two clusters' versions, added */
};

/*
 * The candidate merges wait in a bucket queue, not a heap: bucket i holds
 * the links whose float bit patterns, less that of the threshold, have i
 * as their top bits. A positive float's bits grow with its value, so the
 * buckets are geometric, each 2^-BUCKET_BITS of its links wide, and a
 * push or a pop costs a step, not a heap's log n cache misses: at
 * national scale the heap's sifting was half the clustering. Within a
 * bucket the last pushed comes first; the link taken is within 0.2% of
 * the best, well inside SLACK.
 */
#define BUCKET_BITS 9
#define BUCKET_SHIFT (23 - BUCKET_BITS)	/* of a float's 23 mantissa bits */
struct bucket {
	struct queue_entry *e;
	uint32_t n, cap;
};

/* a stale link this close to its old key merges at once (see above) */
#define SLACK 0.9

/* open addressing; a key is (lo << 32 | hi) + 1 so that 0 means empty */
#define PAIR_EMPTY 0
#define PAIR_GONE UINT64_MAX
struct pairmap {
	uint64_t *key;
	float *sum;		/* a float is enough, and a third smaller */
	size_t cap, used;	/* used: live and gone slots */
};

struct restriction {
	uint32_t item;
	uint32_t other;		/* an item (cannot-link) or a key (-join) */
	bool is_key;
};

struct cluster_set {
	size_t n;
	struct cluster *c;
	uint32_t *cof;		/* item -> cluster */
	int *pin;		/* item -> key or -1 */
	struct restriction *r;	/* sorted by item once run */
	size_t nr, rcap;
	struct pairmap pm;
	struct bucket *bucket;	/* the queue of candidate merges */
	size_t nbuckets;
	size_t top;		/* no bucket above it holds an entry */
	size_t nqueued;
	uint32_t min_bits;	/* min_link's float bits */
	float min_link;		/* of cluster_run(): what is lower waits */
	bool ran;
};

/* ---- pair sums ---------------------------------------------------------- */

static uint64_t
pair_key(uint32_t a, uint32_t b)
{
	if (a > b) {
		uint32_t t = a;

		a = b;
		b = t;
	}
	return ((uint64_t)a << 32 | b) + 1;
}

/* K's home slot: the hash scaled to the capacity, which need not be a
   power of two (Lemire's multiply-shift "fastrange"). */
static size_t
pair_slot(uint64_t k, size_t cap)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return (size_t)(((k & 0xffffffffULL) * (uint64_t)cap) >> 32);
}

/* The slot that holds K, or the first free one on its path. */
static size_t
pm_probe(const struct pairmap *pm, uint64_t k, bool *found)
{
	size_t i = pair_slot(k, pm->cap), gone = SIZE_MAX;

	for (;; i = i + 1 == pm->cap ? 0 : i + 1) {
		if (pm->key[i] == k) {
			*found = true;
			return i;
		}
		if (pm->key[i] == PAIR_EMPTY) {
			*found = false;
			return gone != SIZE_MAX ? gone : i;
		}
		if (pm->key[i] == PAIR_GONE && gone == SIZE_MAX)
			gone = i;
	}
}

/* Room for 1.5 times the live pairs, or a rehash at the same size when
   gone slots are most of what fills it. */
static void
pm_grow(struct pairmap *pm)
{
	struct pairmap old = *pm;
	size_t i, live = 0;

	for (i = 0; i < old.cap; i++)
		live += old.key[i] != PAIR_EMPTY && old.key[i] != PAIR_GONE;
	pm->cap = old.cap ? old.cap : 1024;
	if (live * 2 > old.cap)
		pm->cap = old.cap + old.cap / 2;
	pm->key = xcalloc(pm->cap, sizeof(*pm->key));
	pm->sum = xmalloc(pm->cap * sizeof(*pm->sum));
	pm->used = 0;
	for (i = 0; i < old.cap; i++)
		if (old.key[i] != PAIR_EMPTY && old.key[i] != PAIR_GONE) {
			bool found;
			size_t j = pm_probe(pm, old.key[i], &found);

			pm->key[j] = old.key[i];
			pm->sum[j] = old.sum[i];
			pm->used++;
		}
	free(old.key);
	free(old.sum);
}

static bool
pm_get(const struct pairmap *pm, uint32_t a, uint32_t b, double *sum)
{
	bool found = false;
	size_t i;

	if (!pm->cap)
		return false;
	i = pm_probe(pm, pair_key(a, b), &found);
	if (found)
		*sum = (double)pm->sum[i];
	return found;
}

/* Sets the sum of A and B; returns whether the pair was new. */
static bool
pm_put(struct pairmap *pm, uint32_t a, uint32_t b, double sum)
{
	uint64_t k = pair_key(a, b);
	bool found;
	size_t i;

	if ((pm->used + 1) * 4 > pm->cap * 3)	/* 75% full */
		pm_grow(pm);
	i = pm_probe(pm, k, &found);
	if (!found && pm->key[i] == PAIR_EMPTY)
		pm->used++;
	pm->key[i] = k;
	pm->sum[i] = (float)sum;
	return !found;
}

static void
pm_del(struct pairmap *pm, uint32_t a, uint32_t b)
{
	bool found = false;
	size_t i;

	if (!pm->cap)
		return;
	i = pm_probe(pm, pair_key(a, b), &found);
	if (found)
		pm->key[i] = PAIR_GONE;
}

/* ---- the queue of candidate merges ------------------------------------- */

static uint32_t
float_bits(float f)
{
	uint32_t u;

	memcpy(&u, &f, sizeof(u));
	return u;
}

static void
queue_init(struct cluster_set *cs)
{
	/* links are at most 1, and a little more by rounding: the top
	   bucket takes those */
	float lo = cs->min_link > 0 ? cs->min_link : 1e-30f;

	cs->min_bits = float_bits(lo < 1 ? lo : 1);
	cs->nbuckets = ((float_bits(1.0f) - cs->min_bits) >> BUCKET_SHIFT) +
	    1;
	cs->bucket = xcalloc(cs->nbuckets, sizeof(*cs->bucket));
	cs->top = 0;
	cs->nqueued = 0;
}

static size_t
bucket_of(const struct cluster_set *cs, float link)
{
	size_t b = (float_bits(link) - cs->min_bits) >> BUCKET_SHIFT;

	return b < cs->nbuckets ? b : cs->nbuckets - 1;
}

static uint32_t
stamp(const struct cluster_set *cs, uint32_t a, uint32_t b)
{
	return cs->c[a].version + cs->c[b].version;
}

/* Queues the merge of A and B at LINK, which is at least min_link. */
static void
queue_push(struct cluster_set *cs, float link, uint32_t a, uint32_t b)
{
	struct bucket *bk = &cs->bucket[bucket_of(cs, link)];
	struct queue_entry *e;

	if (bk->n == bk->cap) {
		bk->cap = bk->cap < 8 ? 8 : bk->cap + bk->cap / 2;
		bk->e = xrealloc(bk->e, bk->cap * sizeof(*bk->e));
	}
	e = &bk->e[bk->n++];
	e->link = link;
	e->a = a < b ? a : b;
	e->b = a < b ? b : a;
	e->stamp = stamp(cs, a, b);
	if ((size_t)(bk - cs->bucket) > cs->top)
		cs->top = (size_t)(bk - cs->bucket);
	cs->nqueued++;
}

/* The entry of the highest link, to within a bucket; the queue is not
   empty. */
static struct queue_entry
queue_pop(struct cluster_set *cs)
{
	struct bucket *bk;
	struct queue_entry e;

	while (cs->bucket[cs->top].n == 0)
		cs->top--;
	bk = &cs->bucket[cs->top];
	e = bk->e[--bk->n];
	cs->nqueued--;
	if (bk->n == 0) {	/* the pops move down: give the room back */
		free(bk->e);
		bk->e = NULL;
		bk->cap = 0;
	}
	return e;
}

static void
queue_free(struct cluster_set *cs)
{
	size_t i;

	for (i = 0; i < cs->nbuckets; i++)
		free(cs->bucket[i].e);
	free(cs->bucket);
	cs->bucket = NULL;
	cs->nbuckets = cs->nqueued = cs->top = 0;
}

/* ---- clusters ------------------------------------------------------------ */

struct cluster_set *
cluster_new(size_t n, const int *doc_of, const uint32_t *weight_of)
{
	struct cluster_set *cs = xcalloc(1, sizeof(*cs));
	size_t i;

	cs->n = n;
	cs->c = xcalloc(n + 1, sizeof(*cs->c));
	cs->cof = xmalloc((n + 1) * sizeof(*cs->cof));
	cs->pin = xmalloc((n + 1) * sizeof(*cs->pin));
	for (i = 0; i < n; i++) {
		struct cluster *c = &cs->c[i];

		c->m = xmalloc(sizeof(*c->m));
		c->m[0] = (uint32_t)i;
		c->n = c->cap = 1;
		c->w = weight_of ? weight_of[i] : 1;
		c->docs = xmalloc(sizeof(*c->docs));
		c->docs[0].doc = doc_of[i];
		c->docs[0].w = (uint32_t)c->w;
		c->ndocs = 1;
		c->key = -1;
		c->alive = true;
		cs->cof[i] = (uint32_t)i;
		cs->pin[i] = -1;
	}
	return cs;
}

void
cluster_free(struct cluster_set *cs)
{
	size_t i;

	if (!cs)
		return;
	for (i = 0; i < cs->n; i++) {
		free(cs->c[i].m);
		free(cs->c[i].docs);
		free(cs->c[i].adj);
	}
	free(cs->c);
	free(cs->cof);
	free(cs->pin);
	free(cs->r);
	free(cs->pm.key);
	free(cs->pm.sum);
	queue_free(cs);
	free(cs);
}

static void
restrict_add(struct cluster_set *cs, uint32_t item, uint32_t other,
    bool is_key)
{
	if (cs->ran)
		BUG("cluster restriction after cluster_run");
	if (cs->nr == cs->rcap) {
		cs->rcap = cs->rcap ? 2 * cs->rcap : 16;
		cs->r = xrealloc(cs->r, cs->rcap * sizeof(*cs->r));
	}
	cs->r[cs->nr].item = item;
	cs->r[cs->nr].other = other;
	cs->r[cs->nr++].is_key = is_key;
}

void
cluster_pin(struct cluster_set *cs, uint32_t item, int key)
{
	cs->pin[item] = key;
}

void
cluster_cannot_link(struct cluster_set *cs, uint32_t a, uint32_t b)
{
	restrict_add(cs, a, b, false);
	restrict_add(cs, b, a, false);
}

void
cluster_cannot_join(struct cluster_set *cs, uint32_t item, int key)
{
	restrict_add(cs, item, (uint32_t)key, true);
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static int
cmp_restriction(const void *a, const void *b)
{
	const struct restriction *x = a, *y = b;

	if (x->item != y->item)
		return x->item < y->item ? -1 : 1;
	if (x->is_key != y->is_key)
		return x->is_key ? 1 : -1;
	return x->other < y->other ? -1 : x->other > y->other;
}

/* ITEM's restrictions: a run of the sorted list, or none. */
static const struct restriction *
restrictions_of(const struct cluster_set *cs, uint32_t item, size_t *n)
{
	size_t lo = 0, hi = cs->nr, end;

	if (!cs->nr) {
		*n = 0;
		return NULL;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cs->r[mid].item < item)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < cs->nr && cs->r[end].item == item; end++)
		;
	*n = end - lo;
	return &cs->r[lo];
}

bool
cluster_linkable(const struct cluster_set *cs, uint32_t a, uint32_t b)
{
	size_t n, i;
	const struct restriction *r = restrictions_of(cs, a, &n);

	for (i = 0; i < n; i++)
		if (!r[i].is_key && r[i].other == b)
			return false;
	return true;
}

static void
adj_add(struct cluster *c, uint32_t other)
{
	if (c->nadj == c->adjcap) {
		c->adjcap = c->adjcap ? 2 * c->adjcap : 4;
		c->adj = xrealloc(c->adj, c->adjcap * sizeof(*c->adj));
	}
	c->adj[c->nadj++] = other;
}

void
cluster_edge(struct cluster_set *cs, uint32_t a, uint32_t b, double sim)
{
	if (a == b || !cluster_linkable(cs, a, b))
		return;
	if (pm_put(&cs->pm, a, b, sim)) {
		adj_add(&cs->c[a], b);
		adj_add(&cs->c[b], a);
	}
}

/* The weight of C's items of document D (binary search). */
static uint32_t
docs_weight(const struct cluster *c, int d)
{
	size_t lo = 0, hi = c->ndocs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->docs[mid].doc < d)
			lo = mid + 1;
		else if (c->docs[mid].doc > d)
			hi = mid;
		else
			return c->docs[mid].w;
	}
	return 0;
}

/* Pairs of items from different documents between A and B, each pair
   weighing the product of its items' weights: the smaller side's
   documents looked up in the larger's. */
static double
cross_pairs(const struct cluster *a, const struct cluster *b)
{
	double n = (double)a->w * (double)b->w;
	size_t i;

	if (a->ndocs > b->ndocs) {
		const struct cluster *t = a;

		a = b;
		b = t;
	}
	for (i = 0; i < a->ndocs; i++)
		n -= (double)a->docs[i].w * docs_weight(b, a->docs[i].doc);
	return n;
}

static double
linkage(const struct cluster_set *cs, uint32_t a, uint32_t b, double sum)
{
	double pairs = cross_pairs(&cs->c[a], &cs->c[b]);

	return pairs > 0 ? sum / pairs : 0;
}

/*
 * A queue entry for A and B, if their link reaches the threshold: one
 * below it can only rise by a merge that involves A or B, and that merge
 * pushes a fresh entry. Leaving them out keeps the queue to the pairs
 * that matter, a fraction of all.
 */
static void
push_link(struct cluster_set *cs, uint32_t a, uint32_t b, double sum)
{
	float link = (float)linkage(cs, a, b, sum);

	if (link >= cs->min_link)
		queue_push(cs, link, a, b);
}

/* Whether a restriction of a member of P forbids joining Q (number QN). */
static bool
restricted(const struct cluster_set *cs, const struct cluster *p,
    const struct cluster *q, uint32_t qn)
{
	size_t i, j, n;

	for (i = 0; i < p->n; i++) {
		const struct restriction *r = restrictions_of(cs, p->m[i], &n);

		for (j = 0; j < n; j++)
			if (r[j].is_key ? q->key == (int)r[j].other :
			    cs->cof[r[j].other] == qn)
				return true;
	}
	return false;
}

static bool
forbidden(const struct cluster_set *cs, uint32_t a, uint32_t b)
{
	const struct cluster *x = &cs->c[a], *y = &cs->c[b];

	if (x->key >= 0 && y->key >= 0 && x->key != y->key)
		return true;
	/* most clusters have no restricted member: no walk through them */
	if (x->nrestricted && restricted(cs, x, y, b))
		return true;
	return y->nrestricted && restricted(cs, y, x, a);
}

static void
merge(struct cluster_set *cs, uint32_t a, uint32_t b, bool push)
{
	struct cluster *x, *y;
	struct dcount *docs;
	size_t i, j, nd;

	if (cs->c[b].n > cs->c[a].n) {	/* fewer members to move */
		uint32_t t = a;

		a = b;
		b = t;
	}
	x = &cs->c[a];
	y = &cs->c[b];
	if (x->n + y->n > x->cap) {
		x->cap = 2 * (x->n + y->n);
		x->m = xrealloc(x->m, x->cap * sizeof(*x->m));
	}
	for (i = 0; i < y->n; i++) {
		x->m[x->n++] = y->m[i];
		cs->cof[y->m[i]] = a;
	}
	x->w += y->w;
	docs = xmalloc((x->ndocs + y->ndocs) * sizeof(*docs));
	for (i = j = nd = 0; i < x->ndocs || j < y->ndocs; ) {
		if (j >= y->ndocs || (i < x->ndocs &&
		    x->docs[i].doc < y->docs[j].doc))
			docs[nd++] = x->docs[i++];
		else if (i >= x->ndocs || y->docs[j].doc < x->docs[i].doc)
			docs[nd++] = y->docs[j++];
		else {
			docs[nd] = x->docs[i++];
			docs[nd++].w += y->docs[j++].w;
		}
	}
	free(x->docs);
	x->docs = docs;
	x->ndocs = nd;
	if (y->key >= 0)
		x->key = y->key;
	x->nrestricted += y->nrestricted;
	x->version++;
	pm_del(&cs->pm, a, b);
	/* the smaller side's pair sums move to the larger */
	for (i = 0; i < y->nadj; i++) {
		uint32_t o = y->adj[i];
		double sy, sx = 0;
		bool had;

		if (o == a || o == b || !cs->c[o].alive ||
		    !pm_get(&cs->pm, b, o, &sy))
			continue;
		pm_del(&cs->pm, b, o);
		had = pm_get(&cs->pm, a, o, &sx);
		pm_put(&cs->pm, a, o, sx + sy);
		if (!had) {
			adj_add(x, o);
			adj_add(&cs->c[o], a);
		}
		if (push)
			push_link(cs, a, o, sx + sy);
	}
	y->alive = false;
	free(y->m);
	free(y->docs);
	free(y->adj);
	y->m = NULL;
	y->docs = NULL;
	y->adj = NULL;
	y->n = y->ndocs = y->nadj = 0;
	y->w = 0;
}

/*
 * The queue fills with entries of clusters merged away, and with upper
 * bounds that have fallen below the threshold; popping them one by one is
 * most of the work on a large set. Once a quarter of the clusters alive
 * at the last sweep have been merged away, the queue is swept: dead
 * entries go, and stale ones get their link computed again and go if it
 * * is below the threshold, or to their new bucket.
 */
static void
queue_sweep(struct cluster_set *cs)
{
	size_t b, i, n;

	for (b = 0; b <= cs->top; b++) {
		struct bucket *bk = &cs->bucket[b];

		for (i = n = 0; i < bk->n; i++) {
			struct queue_entry e = bk->e[i];
			double sum;

			if (!cs->c[e.a].alive || !cs->c[e.b].alive)
				continue;
			if (stamp(cs, e.a, e.b) != e.stamp) {
				if (!pm_get(&cs->pm, e.a, e.b, &sum))
					continue;
				e.link = (float)linkage(cs, e.a, e.b, sum);
				if (e.link < cs->min_link)
					continue;
				/* to its new bucket, not this one: a bucket
				   swept already, or, by rounding, the next */
				if (bucket_of(cs, e.link) != b) {
					queue_push(cs, e.link, e.a, e.b);
					continue;
				}
				e.stamp = stamp(cs, e.a, e.b);
			}
			bk->e[n++] = e;
		}
		cs->nqueued -= bk->n - n;
		bk->n = (uint32_t)n;
		if (bk->cap > n + n / 2) {
			bk->cap = (uint32_t)n;
			if (n)
				bk->e = xrealloc(bk->e, n * sizeof(*bk->e));
			else {
				free(bk->e);
				bk->e = NULL;
			}
		}
	}
}

/* Pinned items start together, whatever their similarity. */
static void
join_pins(struct cluster_set *cs)
{
	long *first;
	size_t i, nkeys = 0;

	for (i = 0; i < cs->n; i++) {
		cs->c[i].key = cs->pin[i];
		if (cs->pin[i] >= 0 && (size_t)cs->pin[i] >= nkeys)
			nkeys = (size_t)cs->pin[i] + 1;
	}
	first = xmalloc((nkeys + 1) * sizeof(*first));
	for (i = 0; i < nkeys; i++)
		first[i] = -1;
	for (i = 0; i < cs->n; i++) {
		int p = cs->pin[i];

		if (p < 0)
			continue;
		if (first[p] < 0)
			first[p] = (long)i;
		else if (cs->cof[i] != cs->cof[first[p]])
			merge(cs, cs->cof[first[p]], cs->cof[i], false);
	}
	free(first);
}

void
cluster_run(struct cluster_set *cs, double min_link)
{
	size_t i, j, alive, swept;

	if (cs->ran)
		BUG("cluster_run twice");
	cs->ran = true;
	cs->min_link = (float)min_link;
	if (cs->nr)	/* qsort wants an array, even of none */
		qsort(cs->r, cs->nr, sizeof(*cs->r), cmp_restriction);
	for (i = 0; i < cs->nr; i++)
		if (i == 0 || cs->r[i].item != cs->r[i - 1].item)
			cs->c[cs->r[i].item].nrestricted++;
	join_pins(cs);
	queue_init(cs);
	/* backwards: within a bucket the last in comes first, and ties go
	   to the lower cluster numbers */
	for (i = cs->n; i-- > 0; ) {
		const struct cluster *c = &cs->c[i];

		if (!c->alive)
			continue;
		for (j = c->nadj; j-- > 0; ) {
			uint32_t o = c->adj[j];
			double sum;

			if (o > i && cs->c[o].alive &&
			    pm_get(&cs->pm, (uint32_t)i, o, &sum))
				push_link(cs, (uint32_t)i, o, sum);
		}
	}
	alive = swept = cs->n;
	while (cs->nqueued) {
		struct queue_entry e;
		double sum;
		float now;

		if (alive < swept - swept / 4) {
			queue_sweep(cs);
			swept = alive;
			if (!cs->nqueued)
				break;
		}
		e = queue_pop(cs);
		if (!cs->c[e.a].alive || !cs->c[e.b].alive)
			continue;
		if (stamp(cs, e.a, e.b) != e.stamp) {
			/* an upper bound: is the link still that high? */
			if (!pm_get(&cs->pm, e.a, e.b, &sum))
				continue;
			now = (float)linkage(cs, e.a, e.b, sum);
			if (now < e.link * SLACK || now < cs->min_link) {
				if (now >= cs->min_link)
					queue_push(cs, now, e.a, e.b);
				continue;
			}
		}
		if (forbidden(cs, e.a, e.b))
			continue;
		merge(cs, e.a, e.b, true);
		alive--;
	}
	queue_free(cs);
}

size_t
cluster_of(const struct cluster_set *cs, uint32_t item)
{
	return cs->cof[item];
}

bool
cluster_alive(const struct cluster_set *cs, size_t c)
{
	return cs->c[c].alive;
}

const uint32_t *
cluster_members(const struct cluster_set *cs, size_t c, size_t *n)
{
	*n = cs->c[c].n;
	return cs->c[c].m;
}

int
cluster_key(const struct cluster_set *cs, size_t c)
{
	return cs->c[c].key;
}

bool
cluster_joinable(const struct cluster_set *cs, uint32_t item,
    const uint32_t *members, size_t nmembers, int key)
{
	size_t n, i;
	const struct restriction *r = restrictions_of(cs, item, &n);

	for (i = 0; i < n; i++)
		if (r[i].is_key ? key == (int)r[i].other :
		    bsearch(&r[i].other, members, nmembers, sizeof(*members),
		    cmp_u32) != NULL)
			return false;
	return true;
}
