/* index.c: items as weighted features, an inverted index, top-k neighbours. */
#include "align-impl.h"

#include <math.h>
#include <strings.h>

/*
 * Each item is a vector of features (stems, compound parts, translations,
 * synonyms, thesaurus concepts) with raw weights from align.c. index_finish
 * turns them into TF-IDF: a sublinear term frequency (1 + ln tf above 1)
 * times a smoothed inverse document frequency, ln((N + 1) / (df + 1)) + 1,
 * and normalises each vector to length 1, so that a dot product is the
 * cosine. Queries walk the postings of the query's features only: the cost
 * is the number of items that share a feature, not the number of pairs.
 */

void
index_init(struct index *ix)
{
	memset(ix, 0, sizeof(*ix));
	strmap_init(&ix->terms);
	strmap_init(&ix->whys);
}

void
index_release(struct index *ix)
{
	size_t i;

	if (!ix)
		return;
	for (i = 0; i < ix->nitems; i++)
		free(ix->items[i].f);
	free(ix->items);
	for (i = 0; i < ix->terms.n && ix->post; i++)
		free(ix->post[i]);
	free(ix->post);
	free(ix->npost);
	free(ix->df);
	index_query_release(&ix->q);
	strmap_release(&ix->terms);
	strmap_release(&ix->whys);
	memset(ix, 0, sizeof(*ix));
}

void
index_drop_postings(struct index *ix)
{
	size_t i;

	for (i = 0; i < ix->terms.n && ix->post; i++)
		free(ix->post[i]);
	free(ix->post);
	free(ix->npost);
	ix->post = NULL;
	ix->npost = NULL;
	index_query_release(&ix->q);
}

static int
cmp_feature(const void *a, const void *b)
{
	const struct feature *x = a, *y = b;

	return x->term < y->term ? -1 : x->term > y->term;
}

/* Add an item with features F (copied; terms may repeat: weights add up,
   the heaviest contribution's explanation stays). Returns its number. */
uint32_t
index_add(struct index *ix, int doc, const struct feature *f, size_t nf)
{
	struct index_item *it;
	size_t i, n = 0;
	float best = 0;

	if (ix->nitems == ix->cap) {
		ix->cap = ix->cap ? 2 * ix->cap : 64;
		ix->items = xrealloc(ix->items, ix->cap * sizeof(*ix->items));
	}
	it = &ix->items[ix->nitems];
	it->doc = doc;
	it->f = xmalloc((nf ? nf : 1) * sizeof(*it->f));
	memcpy(it->f, f, nf * sizeof(*f));
	qsort(it->f, nf, sizeof(*it->f), cmp_feature);
	for (i = 0; i < nf; i++) {
		if (n && it->f[n - 1].term == it->f[i].term) {
			if (it->f[i].w > best) {
				best = it->f[i].w;
				it->f[n - 1].why = it->f[i].why;
			}
			it->f[n - 1].w += it->f[i].w;
			continue;
		}
		best = it->f[i].w;
		it->f[n++] = it->f[i];
	}
	it->nf = n;
	return (uint32_t)ix->nitems++;
}

/* TF-IDF: a sublinear term frequency times a smoothed inverse document
   frequency; counts each term's documents into ix->df. */
static void
weigh_tfidf(struct index *ix)
{
	size_t i, j;
	double n = (double)ix->nitems;

	for (i = 0; i < ix->nitems; i++) {
		struct index_item *it = &ix->items[i];

		for (j = 0; j < it->nf; j++) {
			double tf = it->f[j].w;
			double idf = log((n + 1) /
			    (ix->df[it->f[j].term] + 1)) + 1;

			it->f[j].w = (float)((tf > 1 ? 1 + log(tf) : tf) * idf);
		}
	}
}

static void
normalise(struct index *ix)
{
	size_t i, j;

	for (i = 0; i < ix->nitems; i++) {
		struct index_item *it = &ix->items[i];
		double norm = 0;

		for (j = 0; j < it->nf; j++)
			norm += (double)it->f[j].w * it->f[j].w;
		norm = sqrt(norm);
		for (j = 0; j < it->nf; j++)
			it->f[j].w = norm > 0 ? (float)(it->f[j].w / norm) : 0;
	}
}

/* Heavier first; ties to the lower item, so that the order is total. */
static bool
posting_before(const struct posting *x, const struct posting *y)
{
	return x->w != y->w ? x->w > y->w : x->item < y->item;
}

static void
swap_postings(struct posting *p, size_t i, size_t j)
{
	struct posting t = p[i];

	p[i] = p[j];
	p[j] = t;
}

/* The K heaviest of the N postings P to its front, in no order:
   quickselect, linear on average, where a sort of all N is n log n. */
static void
select_heaviest(struct posting *p, size_t n, size_t k)
{
	size_t lo = 0, hi = n;	/* rank K lies in [lo, hi) */

	while (lo < hi) {
		size_t i, store = lo, last = hi - 1;

		swap_postings(p, lo + (hi - lo) / 2, last);
		for (i = lo; i < last; i++)
			if (posting_before(&p[i], &p[last]))
				swap_postings(p, i, store++);
		swap_postings(p, store, last);
		if (store == k)
			return;
		if (store < k)
			lo = store + 1;
		else
			hi = store;
	}
}

static int
cmp_posting_item(const void *a, const void *b)
{
	const struct posting *x = a, *y = b;

	return x->item < y->item ? -1 : x->item > y->item;
}

static void
post(struct index *ix, size_t max_df, size_t champions)
{
	size_t nterms = ix->terms.n, i, j;

	for (i = 0; i < nterms; i++)
		if (ix->df[i] && (!max_df || ix->df[i] <= max_df))
			ix->post[i] = xmalloc(ix->df[i] * sizeof(**ix->post));
	for (i = 0; i < ix->nitems; i++)
		for (j = 0; j < ix->items[i].nf; j++) {
			uint32_t t = ix->items[i].f[j].term;

			if (ix->post[t]) {
				ix->post[t][ix->npost[t]].item = (uint32_t)i;
				ix->post[t][ix->npost[t]++].w =
				    ix->items[i].f[j].w;
			}
		}
	for (i = 0; champions && i < nterms; i++)
		if (ix->post[i] && ix->npost[i] > champions) {
			select_heaviest(ix->post[i], ix->npost[i], champions);
			ix->npost[i] = (uint32_t)champions;
			ix->post[i] = xrealloc(ix->post[i],
			    champions * sizeof(**ix->post));
			/* back in item order, as the other lists are: the
			   sums of a query are then written upwards */
			qsort(ix->post[i], champions, sizeof(**ix->post),
			    cmp_posting_item);
		}
	index_query_init(ix, &ix->q);
}

/* A translation or a synonym: a link of the lexicon, not the word. */
static bool
via_lexicon(char kind)
{
	return kind == 't' || kind == 's';
}

/*
 * Each feature's class of explanation (WHY_GENERIC, WHY_LEXICON), read
 * from its why's kind once per why and kept in the feature itself: the
 * evidence of every candidate pair reads it, and a table by why would cost
 * a cache miss at each shared feature.
 */
static void
set_why_classes(struct index *ix)
{
	unsigned char *cls = xcalloc(ix->whys.n + 1, 1);
	size_t i, j;

	if (ix->whys.n > WHY_MAX)
		BUG("%zu explanations: more than a feature can number",
		    ix->whys.n);
	for (i = 0; i < ix->whys.n; i++) {
		const char *sep = strchr(ix->whys.keys[i], '\x1f');
		char k = sep ? sep[1] : 'w';
		bool generic = k >= 'A' && k <= 'Z';

		if (generic)
			k = (char)(k - 'A' + 'a');
		cls[i] = (unsigned char)((generic ? WHY_GENERIC : 0) |
		    (via_lexicon(k) ? WHY_LEXICON : 0));
	}
	for (i = 0; i < ix->nitems; i++)
		for (j = 0; j < ix->items[i].nf; j++)
			ix->items[i].f[j].why_class =
			    cls[ix->items[i].f[j].why] & 3u;
	free(cls);
}

/*
 * Weigh every item's features (TF-IDF, or as given if RAW) to unit length
 * and build the postings. Features held by more than MAX_DF items are
 * weighed but not posted: they are too common to find candidates by (0:
 * no limit). A feature held by more than CHAMPIONS items keeps only the
 * postings of the CHAMPIONS items that weigh it most (0: all): a query
 * then costs at most its features times CHAMPIONS, however large the set,
 * and index_topk() rescores exactly.
 */
void
index_finish(struct index *ix, size_t max_df, size_t champions, bool raw)
{
	size_t nterms = ix->terms.n, i, j;

	set_why_classes(ix);
	ix->df = xcalloc(nterms + 1, sizeof(*ix->df));
	ix->npost = xcalloc(nterms + 1, sizeof(*ix->npost));
	ix->post = xcalloc(nterms + 1, sizeof(*ix->post));
	for (i = 0; i < ix->nitems; i++)
		for (j = 0; j < ix->items[i].nf; j++)
			ix->df[ix->items[i].f[j].term]++;
	if (!raw)
		weigh_tfidf(ix);
	normalise(ix);
	post(ix, max_df, champions);
}

static int
cmp_neighbour(const void *a, const void *b)
{
	const struct neighbour *x = a, *y = b;

	if (x->sim != y->sim)
		return x->sim > y->sim ? -1 : 1;
	return x->item < y->item ? -1 : x->item > y->item;
}

/* Whether X comes before Y: the higher similarity, ties to the lower
   item (a total order, so that what is kept does not depend on the order
   items come in). */
static bool
neighbour_before(const struct neighbour *x, float sim, uint32_t item)
{
	return x->sim != sim ? x->sim > sim : x->item < item;
}

/* Keeps the CAP best of what it is given (X) in OUT (*N of them so far),
   best first once CAP are in. */
static void
keep_best(struct neighbour *out, size_t *n, size_t cap,
    const struct neighbour *x)
{
	size_t j;

	if (*n < cap) {
		out[(*n)++] = *x;
		if (*n == cap)
			qsort(out, cap, sizeof(*out), cmp_neighbour);
		return;
	}
	if (neighbour_before(&out[cap - 1], x->sim, x->item))
		return;
	out[cap - 1] = *x;
	for (j = cap - 1; j > 0 && cmp_neighbour(&out[j], &out[j - 1]) < 0;
	    j--) {
		struct neighbour tmp = out[j];

		out[j] = out[j - 1];
		out[j - 1] = tmp;
	}
}

void
index_query_init(const struct index *ix, struct index_query *q)
{
	memset(q, 0, sizeof(*q));
	q->acc = xcalloc(ix->nitems + 1, sizeof(*q->acc));
	q->touched = xmalloc((ix->nitems + 1) * sizeof(*q->touched));
	q->dense = xcalloc(ix->terms.n + 1, sizeof(*q->dense));
	q->dense_class = xcalloc(ix->terms.n + 1, sizeof(*q->dense_class));
}

void
index_query_release(struct index_query *q)
{
	free(q->acc);
	free(q->touched);
	free(q->dense);
	free(q->dense_class);
	free(q->cand);
	memset(q, 0, sizeof(*q));
}

/* ITEM's features spread out over the terms in Q, for lookups by term;
   unspread_query() clears them again. */
static void
spread_query(struct index_query *q, const struct index_item *it)
{
	size_t i;

	for (i = 0; i < it->nf; i++) {
		q->dense[it->f[i].term] = it->f[i].w;
		q->dense_class[it->f[i].term] = it->f[i].why_class;
	}
}

static void
unspread_query(struct index_query *q, const struct index_item *it)
{
	size_t i;

	for (i = 0; i < it->nf; i++)
		q->dense[it->f[i].term] = 0;
}

/*
 * What one shared feature is worth as evidence, given the classes of both
 * sides' explanations: nothing when both sides reached it only through a
 * translation or synonym (two words that share a sense of a third:
 * whether it is the sense either means is never checked, as in "wirksam ~
 * Stammdaten" or "Informatik ~ Rechenzentrum"), half when a generic word
 * is on either side.
 */
#define GENERIC_FACTOR 0.5
/* the least share of a pair's evidence that words that are not generic
   must give: below it, the pair rests on generic words */
#define SPECIFIC_SHARE 0.25

/* A pair's shared features summed as evidence so far: all of it, and the
   part that words that are not generic give. */
struct evidence {
	double all, specific;
};

/* What a shared feature of weights WA and WB is worth, whose explanations
   are of the classes CA and CB (WHY_GENERIC, WHY_LEXICON). */
static inline double
evidence_weight(float wa, float wb, unsigned ca, unsigned cb)
{
	if (ca & cb & WHY_LEXICON)
		return 0;
	return (double)wa * wb * ((ca | cb) & WHY_GENERIC ? GENERIC_FACTOR : 1);
}

/* Adds a shared feature to E. This runs for every candidate pair's shared
   features: the classes are read once per explanation by index_finish. */
static inline void
evidence_add(struct evidence *e, float wa, float wb, unsigned ca,
    unsigned cb)
{
	double c = evidence_weight(wa, wb, ca, cb);

	if (!((ca | cb) & WHY_GENERIC))
		e->specific += c;
	e->all += c;
}

static float
evidence_value(const struct evidence *e)
{
	if (e->specific <= 0 || e->specific < SPECIFIC_SHARE * e->all)
		return 0;
	return e->all > 1 ? 1.0f : (float)e->all;
}

float
index_evidence(const struct index *ix, uint32_t a, uint32_t b)
{
	const struct index_item *x = &ix->items[a], *y = &ix->items[b];
	struct evidence e = { 0, 0 };
	size_t i = 0, j = 0;

	while (i < x->nf && j < y->nf) {
		if (x->f[i].term < y->f[j].term)
			i++;
		else if (x->f[i].term > y->f[j].term)
			j++;
		else {
			evidence_add(&e, x->f[i].w, y->f[j].w,
			    x->f[i].why_class, y->f[j].why_class);
			i++;
			j++;
		}
	}
	return evidence_value(&e);
}

/*
 * The same for ITEM and each of the N items of NB, into their ev, with
 * Q's scratch space: ITEM's features spread out over the terms once, then
 * each other item's features looked up there, as index_score_q() does;
 * far cheaper than a merge of both lists per pair. The sums are taken in
 * the same order as index_evidence()'s, so the figures are the same.
 */
void
index_evidence_q(const struct index *ix, struct index_query *q,
    uint32_t item, struct neighbour *nb, size_t n)
{
	const struct index_item *it = &ix->items[item];
	size_t i, j;

	spread_query(q, it);
	for (i = 0; i < n; i++) {
		const struct index_item *o = &ix->items[nb[i].item];
		struct evidence e = { 0, 0 };

		for (j = 0; j < o->nf; j++) {
			uint32_t t = o->f[j].term;

			if (q->dense[t] != 0)
				evidence_add(&e, q->dense[t], o->f[j].w,
				    q->dense_class[t], o->f[j].why_class);
		}
		nb[i].ev = evidence_value(&e);
	}
	unspread_query(q, it);
}

/*
 * The candidates for ITEM's K nearest, from the sums over its features'
 * postings, best first, into CAND (room for INDEX_RESCORE * K + EXTRA):
 * the items of other documents (or, if ANY_DOC, all, ITEM too) with the
 * highest sums. *EXACT says whether the sums are the similarities: then
 * there are K + EXTRA of them at most, none below MIN_SIM; else
 * INDEX_RESCORE * K + EXTRA, for index_score_q(). Returns how many.
 *
 * Where a feature's postings were cut to its champions, the sums are
 * partial: the INDEX_RESCORE times K items with the highest are then
 * scored exactly, against the query spread out over the terms, and the
 * best K of them kept.
 */
size_t
index_candidates_q(const struct index *ix, struct index_query *q,
    uint32_t item, size_t k, size_t extra, float min_sim, bool any_doc,
    struct neighbour *cand, bool *exact)
{
	const struct index_item *it = &ix->items[item];
	size_t ntouched = 0, i, j, n = 0, want;
	bool partial = false;

	for (i = 0; i < it->nf; i++) {
		uint32_t t = it->f[i].term;
		float w = it->f[i].w;

		if (!ix->post[t])
			continue;
		partial |= ix->npost[t] < ix->df[t];
		/* the hot loop: items of the same document are sorted out
		   below, once each, not here at every posting */
		for (j = 0; j < ix->npost[t]; j++) {
			uint32_t o = ix->post[t][j].item;

			if (q->acc[o] == 0)
				q->touched[ntouched++] = o;
			q->acc[o] += w * ix->post[t][j].w;
		}
	}
	want = (partial ? INDEX_RESCORE * k : k) + extra;
	for (i = 0; i < ntouched && want > 0; i++) {
		uint32_t o = q->touched[i];
		float s = q->acc[o] > 1 ? 1 : q->acc[o];

		q->acc[o] = 0;
		if (!partial && s < min_sim)
			continue;
		/* most of a large set's candidates cannot enter the list:
		   know that before looking up their document */
		if (n == want && neighbour_before(&cand[want - 1], s, o))
			continue;
		if (!any_doc && (o == item || ix->items[o].doc == it->doc))
			continue;
		keep_best(cand, &n, want, &(struct neighbour){ o, s, 0 });
	}
	for (; i < ntouched; i++)
		q->acc[q->touched[i]] = 0;
	if (n < want)
		qsort(cand, n, sizeof(*cand), cmp_neighbour);
	*exact = !partial;
	return n;
}

/* The similarities of ITEM to the N items of CAND, exactly, in their
   place; and their evidence too if Q asks for it (Q->evidence): in the
   same pass, while the other item's features are at hand. */
void
index_score_q(const struct index *ix, struct index_query *q, uint32_t item,
    struct neighbour *cand, size_t n)
{
	const struct index_item *it = &ix->items[item];
	size_t i, j;

	spread_query(q, it);
	for (i = 0; i < n; i++) {
		const struct index_item *o = &ix->items[cand[i].item];
		struct evidence e = { 0, 0 };
		float s = 0;

		if (q->evidence)
			for (j = 0; j < o->nf; j++) {
				float d = q->dense[o->f[j].term];

				s += d * o->f[j].w;
				if (d != 0)
					evidence_add(&e, d, o->f[j].w,
					    q->dense_class[o->f[j].term],
					    o->f[j].why_class);
			}
		else
			for (j = 0; j < o->nf; j++)
				s += q->dense[o->f[j].term] * o->f[j].w;
		cand[i].sim = s > 1 ? 1 : s;
		cand[i].ev = evidence_value(&e);
	}
	unspread_query(q, it);
}

/* The best K of the N of CAND of at least MIN_SIM, best first, into
   OUT; returns how many. */
size_t
index_best_of(const struct neighbour *cand, size_t n, size_t k,
    float min_sim, struct neighbour *out)
{
	size_t i, m = 0;

	for (i = 0; i < n && k > 0; i++)
		if (cand[i].sim >= min_sim)
			keep_best(out, &m, k, &cand[i]);
	if (m < k)
		qsort(out, m, sizeof(*out), cmp_neighbour);
	return m;
}

/* The K items most similar to ITEM from other documents, at least MIN_SIM,
   best first, into OUT (room for K), with Q's scratch space. Returns how
   many. */
size_t
index_topk_q(const struct index *ix, struct index_query *q, uint32_t item,
    size_t k, float min_sim, struct neighbour *out)
{
	size_t n;
	bool exact;

	if (k == 0)
		return 0;
	if (INDEX_RESCORE * k > q->ncand) {
		q->ncand = INDEX_RESCORE * k;
		q->cand = xrealloc(q->cand, q->ncand * sizeof(*q->cand));
	}
	n = index_candidates_q(ix, q, item, k, 0, min_sim, false, q->cand,
	    &exact);
	if (!exact)
		index_score_q(ix, q, item, q->cand, n);
	n = index_best_of(q->cand, n, k, min_sim, out);
	if (exact && q->evidence)	/* of the K kept only */
		index_evidence_q(ix, q, item, out, n);
	return n;
}

size_t
index_topk(struct index *ix, uint32_t item, size_t k, float min_sim,
    struct neighbour *out)
{
	return index_topk_q(ix, &ix->q, item, k, min_sim, out);
}

float
index_sim(const struct index *ix, uint32_t a, uint32_t b)
{
	const struct index_item *x = &ix->items[a], *y = &ix->items[b];
	size_t i = 0, j = 0;
	double s = 0;

	while (i < x->nf && j < y->nf) {
		if (x->f[i].term < y->f[j].term)
			i++;
		else if (x->f[i].term > y->f[j].term)
			j++;
		else {
			s += (double)x->f[i].w * y->f[j].w;
			i++;
			j++;
		}
	}
	return s > 1 ? 1.0f : (float)s;
}

struct contrib {
	double w;
	uint32_t wa, wb, term;
};

static int
cmp_contrib(const void *a, const void *b)
{
	const struct contrib *x = a, *y = b;

	if (x->w != y->w)
		return x->w > y->w ? -1 : 1;
	return x->term < y->term ? -1 : x->term > y->term;
}

/* "Sicherheit\x1ft" -> surface "Sicherheit", kind 't'; an upper-case kind
   ('T') is a generic word's (align.c), returned in lower case. */
static void
split_why(const char *why, const char **surface, size_t *len, char *kind,
    bool *generic)
{
	const char *sep = strchr(why, '\x1f');
	char k = sep ? sep[1] : 'w';

	*surface = why;
	*len = sep ? (size_t)(sep - why) : strlen(why);
	*generic = k >= 'A' && k <= 'Z';
	*kind = *generic ? (char)(k - 'A' + 'a') : k;
}

static const char *
kind_name(char k)
{
	switch (k) {
	case 't':
		return "translation";
	case 's':
		return "synonym";
	case 'c':
		return "thesaurus";
	case 'p':
		return "compound part";
	default:
		return NULL;
	}
}

/*
 * Why A and B are similar, for people: the shared features that weigh most,
 * as the words of each side that produced them ("Datenschutz ~ data
 * protection (translation)"), up to MAX, separated by "; ", into OUT.
 */
void
index_explain(const struct index *ix, uint32_t a, uint32_t b, size_t max,
    struct buf *out)
{
	const struct index_item *x = &ix->items[a], *y = &ix->items[b];
	struct contrib *c = xmalloc((x->nf + 1) * sizeof(*c));
	struct strmap seen;
	struct buf one = BUF_INIT;
	size_t i = 0, j = 0, n = 0, shown = 0;
	double total = 0;

	while (i < x->nf && j < y->nf) {
		if (x->f[i].term < y->f[j].term)
			i++;
		else if (x->f[i].term > y->f[j].term)
			j++;
		else {
			c[n].w = evidence_weight(x->f[i].w, y->f[j].w,
			    x->f[i].why_class, y->f[j].why_class);
			if (c[n].w <= 0) {	/* no evidence: not shown */
				i++;
				j++;
				continue;
			}
			total += c[n].w;
			c[n].wa = x->f[i].why;
			c[n].wb = y->f[j].why;
			c[n++].term = x->f[i].term;
			i++;
			j++;
		}
	}
	qsort(c, n, sizeof(*c), cmp_contrib);
	strmap_init(&seen);
	for (i = 0; i < n && shown < max; i++) {
		const char *sa, *sb, *term = ix->terms.keys[c[i].term];
		const char *ka_name, *kb_name;
		size_t la, lb;
		char ka, kb;
		bool ga, gb;

		split_why(ix->whys.keys[c[i].wa], &sa, &la, &ka, &ga);
		split_why(ix->whys.keys[c[i].wb], &sb, &lb, &kb, &gb);
		buf_reset(&one);
		if (la == lb && !strncasecmp(sa, sb, la))
			buf_add(&one, sa, la);
		else {
			buf_add(&one, sa, la);
			buf_adds(&one, " ~ ");
			buf_add(&one, sb, lb);
		}
		if (strmap_find(&seen, one.s, one.len) >= 0)
			continue;
		strmap_intern(&seen, one.s, one.len);
		ka_name = kind_name(ka);
		kb_name = kind_name(kb);
		if (term[0] == '=')
			buf_addf(&one, " (thesaurus: %s)", term + 1);
		else if (ka_name && kb_name && strcmp(ka_name, kb_name))
			buf_addf(&one, " (%s, %s)", ka_name, kb_name);
		else if (ka_name || kb_name)
			buf_addf(&one, " (%s)", ka_name ? ka_name : kb_name);
		if (ga || gb)
			buf_adds(&one, " (generic word)");
		/* its share of the evidence shown */
		buf_addf(&one, " %.0f%%", 100 * c[i].w / total);
		if (shown++)
			buf_adds(out, "; ");
		buf_add(out, one.s, one.len);
	}
	strmap_release(&seen);
	buf_release(&one);
	free(c);
}
