/* align.c: the engine: items to features, features to groups, groups explained. */
#include "align-impl.h"

#include <math.h>

/*
 * How it works, in four steps (doc/alignment.md has the long form):
 *  1. Each item's title and text become weighted features: the stem of
 *     every content word in the item's language, the parts of German
 *     compounds, phrases the lexicon knows, and what the lexicon links
 *     them to (thesaurus concepts, translations, synonyms), each at its
 *     own weight; title words count title_weight times a text word.
 *  2. index.c weighs them TF-IDF and finds each item's top-k most similar
 *     items of other documents through the inverted index.
 *  3. Average-linkage agglomerative clustering over those candidate pairs:
 *     the two groups whose items are most similar on average (pairs within
 *     one document do not count) merge, while that average is at least
 *     min_score (on the score's scale: the square root of the cosine,
 *     which spreads the small values that short texts give); pinned items start together, and rejected pairs or
 *     item/group rejections forbid a merge.
 *  4. Each group is labelled by its most central item (highest similarity
 *     to the rest); each member gets a confidence from its average
 *     similarity to the others and an explanation against the centre;
 *     items close to other groups are linked to them as broader, narrower
 *     or related, judged by the kinds of the items (a field of action is
 *     broader than a goal, a goal broader than a measure).
 */

const char *const align_relation_names[4] = {
	"equivalent", "broader", "narrower", "related",
};

/*
 * Feature weights, against a content word of the text at 1. Each word's
 * bundle (its stem and what the lexicon links it to) is then scaled to the
 * word's weight, so that a word with many translations counts no more
 * than one with few. Translations and synonyms are weak evidence (a
 * dictionary lists every sense of a word); a thesaurus concept is strong.
 */
#define W_OWN 0.7f	/* the word's own stem */
#define W_PART 0.5f	/* a part of a German compound */
#define W_PHRASE 1.0f	/* a phrase the lexicon knows */
#define W_CONCEPT 1.0f	/* a thesaurus concept */
#define W_TRANS 0.2f	/* a translation */
#define W_SYN 0.1f	/* a synonym */
#define W_NUMBER 0.2f	/* a number or year */
#define MAX_LINKS 48

struct item {
	char *id, *doc, *kind, *title, *text;
	int lang;
	int docno;
	int pin;		/* pinned group key, or -1 */
	uint32_t *rej;		/* items it must not share a group with */
	size_t nrej;
	int *rej_keys;		/* group keys it must not join */
	size_t nrej_keys;
};

struct cluster {
	uint32_t *m;		/* members */
	size_t n, cap;
	struct dcount {
		int doc;
		uint32_t n;
	} *docs;
	size_t ndocs;
	struct nb {
		uint32_t c;
		double sum;
	} *nb;
	size_t nnb, nbcap;
	int pin;
	uint32_t version;
	bool alive;
};

struct heap_entry {
	double link;
	uint32_t a, b, va, vb;
};

struct decision {
	char *a, *b;		/* item, item or group key */
	int type;		/* 0 pin, 1 reject pair, 2 reject group */
};

struct align_set {
	align_lexicon *lex;
	struct align_opts opts;
	struct arena *arena;
	struct item *items;
	size_t nitems, cap;
	struct strmap ids, docs, keys;
	struct decision *dec;
	size_t ndec, deccap;
	struct index ix;
	double min_cos;		/* min_score on the cosine's scale */
	bool ran;
	/* results */
	struct align_group *groups;
	size_t ngroups;
	uint32_t *group_of;	/* item -> its group (equivalent) */
};

void
align_opts_init(struct align_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->min_score = 0.27;
	o->top_k = 20;
	o->title_weight = 3.0;
}

align_set *
align_new(align_lexicon *lex, const struct align_opts *opts)
{
	align_set *s = xcalloc(1, sizeof(*s));

	s->lex = lex;
	if (opts)
		s->opts = *opts;
	else
		align_opts_init(&s->opts);
	if (s->opts.top_k == 0)
		s->opts.top_k = 1;
	if (!(s->opts.min_score > 0 && s->opts.min_score <= 1))
		s->opts.min_score = 0.27;
	s->min_cos = s->opts.min_score * s->opts.min_score;
	s->arena = arena_new();
	strmap_init(&s->ids);
	strmap_init(&s->docs);
	strmap_init(&s->keys);
	index_init(&s->ix);
	if (s->opts.label_lang)
		s->opts.label_lang = arena_strdup(s->arena, s->opts.label_lang);
	return s;
}

void
align_free(align_set *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->nitems; i++) {
		free(s->items[i].rej);
		free(s->items[i].rej_keys);
	}
	free(s->items);
	for (i = 0; i < s->ndec; i++) {
		free(s->dec[i].a);
		free(s->dec[i].b);
	}
	free(s->dec);
	strmap_release(&s->ids);
	strmap_release(&s->docs);
	strmap_release(&s->keys);
	index_release(&s->ix);
	free(s->group_of);
	free(s->groups);
	arena_free(s->arena);
	free(s);
}

static char *
adup(align_set *s, const char *str)
{
	return str ? arena_strdup(s->arena, str) : NULL;
}

int
align_add(align_set *s, const struct align_item *it, char **errmsg)
{
	struct item *x;

	*errmsg = NULL;
	if (s->ran)
		BUG("align_add after align_run");
	if (!it->id || !it->id[0]) {
		*errmsg = xstrdup("the item has no id");
		return KK_EINPUT;
	}
	if (strmap_find(&s->ids, it->id, strlen(it->id)) >= 0) {
		*errmsg = xasprintf("item '%s' is there twice", it->id);
		return KK_EINPUT;
	}
	if (!it->title || !it->title[0]) {
		*errmsg = xasprintf("item '%s' has no title", it->id);
		return KK_EINPUT;
	}
	if (s->nitems == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->items = xrealloc(s->items, s->cap * sizeof(*s->items));
	}
	x = &s->items[s->nitems++];
	memset(x, 0, sizeof(*x));
	strmap_intern(&s->ids, it->id, strlen(it->id));
	x->id = adup(s, it->id);
	x->doc = adup(s, it->doc ? it->doc : "");
	x->kind = adup(s, it->kind);
	x->title = adup(s, it->title);
	x->text = adup(s, it->text ? it->text : "");
	x->lang = lang_parse(it->lang);
	x->docno = (int)strmap_intern(&s->docs, x->doc, strlen(x->doc));
	x->pin = -1;
	return KK_OK;
}

static void
add_decision(align_set *s, int type, const char *a, const char *b)
{
	if (s->ndec == s->deccap) {
		s->deccap = s->deccap ? 2 * s->deccap : 16;
		s->dec = xrealloc(s->dec, s->deccap * sizeof(*s->dec));
	}
	s->dec[s->ndec].a = xstrdup(a);
	s->dec[s->ndec].b = xstrdup(b);
	s->dec[s->ndec++].type = type;
}

void
align_pin(align_set *s, const char *item, const char *group_key)
{
	add_decision(s, 0, item, group_key);
}

void
align_reject_pair(align_set *s, const char *a, const char *b)
{
	add_decision(s, 1, a, b);
}

void
align_reject_group(align_set *s, const char *item, const char *group_key)
{
	add_decision(s, 2, item, group_key);
}

/* ---- step 1: features --------------------------------------------------- */

struct fbuf {
	struct feature *v;
	size_t n, cap;
};

static void
fadd(align_set *s, struct fbuf *fb, const char *term, float w,
    const char *surface, size_t slen, char kind)
{
	struct buf why = BUF_INIT;

	if (w <= 0)
		return;
	buf_add(&why, surface, slen);
	buf_addc(&why, '\x1f');
	buf_addc(&why, kind);
	if (fb->n == fb->cap) {
		fb->cap = fb->cap ? 2 * fb->cap : 64;
		fb->v = xrealloc(fb->v, fb->cap * sizeof(*fb->v));
	}
	fb->v[fb->n].term = strmap_intern(&s->ix.terms, term, strlen(term));
	fb->v[fb->n].w = w;
	fb->v[fb->n++].why = strmap_intern(&s->ix.whys, why.s, why.len);
	buf_release(&why);
}

/* TERM itself at W, and what the lexicon links it to. */
static void
fterm(align_set *s, struct fbuf *fb, const char *term, float w,
    const char *surface, size_t slen, char kind)
{
	struct lex_link links[MAX_LINKS];
	size_t n, i, first = fb->n;

	fadd(s, fb, term, w * W_OWN, surface, slen, kind);
	n = lexicon_links(s->lex, term, links, MAX_LINKS);
	for (i = 0; i < n; i++) {
		switch (links[i].kind) {
		case LINK_THESAURUS:
			fadd(s, fb, links[i].term, w * W_CONCEPT, surface,
			    slen, 'c');
			break;
		case LINK_TRANSLATION:
			fadd(s, fb, links[i].term, w * W_TRANS, surface, slen,
			    't');
			break;
		case LINK_SYNONYM:
			fadd(s, fb, links[i].term, w * W_SYN, surface, slen,
			    's');
			break;
		default:
			break;
		}
	}
	/* the bundle of one word weighs W, however many links it has */
	{
		double norm = 0;

		for (i = first; i < fb->n; i++)
			norm += (double)fb->v[i].w * fb->v[i].w;
		norm = sqrt(norm);
		for (i = first; i < fb->n && norm > 0; i++)
			fb->v[i].w = (float)(fb->v[i].w * w / norm);
	}
}

/* German compound parts of token T, and the runs of parts the lexicon
   knows ("daten schutz gesetz": "datenschutz"). */
static void
fparts(align_set *s, struct fbuf *fb, int lang, const struct token *t,
    float w, struct buf *term)
{
	struct textproc *tp = lexicon_textproc(s->lex);
	const char *parts = text_split_compound(tp, t->norm), *p;
	const char *start[16];
	size_t len[16], n = 0, i, j;

	if (!parts)
		return;
	for (p = parts; *p && n < KK_ARRAY_SIZE(start); ) {
		const char *e = strchr(p, ' ');

		start[n] = p;
		len[n++] = e ? (size_t)(e - p) : strlen(p);
		if (!e)
			break;
		p = e + 1;
	}
	for (i = 0; i < n; i++) {
		struct buf word = BUF_INIT;

		buf_add(&word, start[i], len[i]);
		if (!text_is_stop(tp, lang, word.s)) {
			buf_reset(term);
			buf_addf(term, "%s:", lang_codes[lang]);
			text_stem(tp, lang, word.s, term);
			fterm(s, fb, term->s, w * W_PART, t->surface,
			    strlen(t->surface), 'p');
		}
		/* runs of two or more parts, short of the whole word */
		for (j = i + 1; j < n && j - i + 1 < n; j++) {
			buf_add(&word, start[j], len[j]);
			buf_reset(term);
			buf_addf(term, "%s:", lang_codes[lang]);
			text_stem(tp, lang, word.s, term);
			if (lexicon_has_term(s->lex, term->s))
				fterm(s, fb, term->s, w * W_PART, t->surface,
				    strlen(t->surface), 'p');
		}
		buf_release(&word);
	}
}

/* The features of one field (title or text) of an item, at weight W. */
static void
ffield(align_set *s, struct fbuf *fb, int lang, const char *text, float w)
{
	struct textproc *tp = lexicon_textproc(s->lex);
	struct arena *a = arena_new();
	struct tokens t = { 0 };
	struct buf term = BUF_INIT, key = BUF_INIT, surf = BUF_INIT;
	char **stems;
	size_t i, j;

	text_tokenise(a, text, strlen(text), &t);
	text_mark_stop(tp, lang, &t);
	stems = xcalloc(t.n + 1, sizeof(*stems));
	for (i = 0; i < t.n; i++) {
		const struct token *k = &t.v[i];

		if (k->flags & TOK_STOP)
			continue;
		buf_reset(&term);
		if (k->flags & TOK_NUMBER) {
			buf_addf(&term, "#:%s", k->norm);
			fadd(s, fb, term.s, w * W_NUMBER, k->surface,
			    strlen(k->surface), 'w');
			continue;
		}
		if (k->flags & TOK_ABBR)
			buf_addf(&term, "*:%s", k->norm);
		else {
			buf_addf(&term, "%s:", lang_codes[lang]);
			text_stem(tp, lang, k->norm, &term);
		}
		stems[i] = arena_strdup(a, strchr(term.s, ':') + 1);
		fterm(s, fb, term.s, w, k->surface, strlen(k->surface), 'w');
		if (lang == LANG_DE && !(k->flags & TOK_ABBR))
			fparts(s, fb, lang, k, w, &term);
	}
	/* phrases of two and three content words the lexicon knows */
	for (i = 0; i < t.n; i++) {
		size_t words = 0, last = i;

		if (!stems[i])
			continue;
		buf_reset(&key);
		buf_addf(&key, "%s:%s", lang_codes[lang], stems[i]);
		for (j = i + 1; j < t.n && j <= last + 2 && words < 2; j++) {
			if (t.v[j].flags & TOK_BREAK)
				break;
			if (!stems[j])
				continue;
			buf_addf(&key, " %s", stems[j]);
			words++;
			last = j;
			if (lexicon_has_term(s->lex, key.s)) {
				size_t m;

				buf_reset(&surf);
				for (m = i; m <= j; m++)
					buf_addf(&surf, "%s%s", m > i ? " " :
					    "", t.v[m].surface);
				fterm(s, fb, key.s, w * W_PHRASE, surf.s,
				    surf.len, 'w');
			}
		}
	}
	free(stems);
	buf_release(&term);
	buf_release(&key);
	buf_release(&surf);
	tokens_release(&t);
	arena_free(a);
}

/* Items without a language get their document's, guessed from the text
   of all its items; failing that, the most common given language. */
static void
detect_langs(align_set *s)
{
	struct textproc *tp = lexicon_textproc(s->lex);
	size_t ndocs = s->docs.n, i, count[LANG_COUNT] = { 0 };
	int *doc_lang = xmalloc((ndocs + 1) * sizeof(*doc_lang));
	int common = LANG_DE;

	for (i = 0; i < s->nitems; i++)
		if (s->items[i].lang >= 0)
			count[s->items[i].lang]++;
	for (i = 0; i < LANG_COUNT; i++)
		if (count[i] > count[common])
			common = (int)i;
	for (i = 0; i < ndocs; i++)
		doc_lang[i] = LANG_NONE - 1;
	for (i = 0; i < s->nitems; i++) {
		struct item *it = &s->items[i];
		struct buf all = BUF_INIT;
		size_t j;

		if (it->lang >= 0 || doc_lang[it->docno] != LANG_NONE - 1)
			continue;
		for (j = i; j < s->nitems; j++)
			if (s->items[j].docno == it->docno &&
			    s->items[j].lang < 0)
				buf_addf(&all, "%s\n%s\n", s->items[j].title,
				    s->items[j].text);
		doc_lang[it->docno] = text_detect_lang(tp, all.s, all.len);
		if (doc_lang[it->docno] < 0)
			doc_lang[it->docno] = common;
		buf_release(&all);
	}
	for (i = 0; i < s->nitems; i++)
		if (s->items[i].lang < 0)
			s->items[i].lang = doc_lang[s->items[i].docno];
	free(doc_lang);
}

static void
build_index(align_set *s)
{
	struct fbuf fb = { 0 };
	size_t i, max_df;

	detect_langs(s);
	for (i = 0; i < s->nitems; i++) {
		struct item *it = &s->items[i];

		fb.n = 0;
		ffield(s, &fb, it->lang, it->title,
		    (float)s->opts.title_weight);
		ffield(s, &fb, it->lang, it->text, 1.0f);
		index_add(&s->ix, it->docno, fb.v, fb.n);
	}
	free(fb.v);
	/* a feature in more than a tenth of a large set finds no candidates */
	max_df = s->nitems / 10 > 200 ? s->nitems / 10 : 0;
	index_finish(&s->ix, max_df);
}

/* ---- step 3: clustering ------------------------------------------------ */

struct clustering {
	align_set *s;
	struct cluster *c;
	size_t nc;
	uint32_t *cof;		/* item -> cluster */
	struct heap_entry *heap;
	size_t nheap, heapcap;
};

static void
heap_push(struct clustering *cl, double link, uint32_t a, uint32_t b)
{
	struct heap_entry e;
	size_t i;

	if (cl->nheap == cl->heapcap) {
		cl->heapcap = cl->heapcap ? 2 * cl->heapcap : 256;
		cl->heap = xrealloc(cl->heap, cl->heapcap * sizeof(*cl->heap));
	}
	e.link = link;
	e.a = a;
	e.b = b;
	e.va = cl->c[a].version;
	e.vb = cl->c[b].version;
	for (i = cl->nheap++; i > 0; ) {
		size_t parent = (i - 1) / 2;
		const struct heap_entry *p = &cl->heap[parent];

		/* ties: the lower cluster numbers first, for a stable result */
		if (p->link > e.link || (p->link == e.link &&
		    (p->a < e.a || (p->a == e.a && p->b <= e.b))))
			break;
		cl->heap[i] = *p;
		i = parent;
	}
	cl->heap[i] = e;
}

static bool
heap_before(const struct heap_entry *x, const struct heap_entry *y)
{
	if (x->link != y->link)
		return x->link > y->link;
	if (x->a != y->a)
		return x->a < y->a;
	return x->b < y->b;
}

static struct heap_entry
heap_pop(struct clustering *cl)
{
	struct heap_entry top = cl->heap[0], last = cl->heap[--cl->nheap];
	size_t i = 0, n = cl->nheap;

	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		const struct heap_entry *best = &last;

		if (l < n && heap_before(&cl->heap[l], best)) {
			m = l;
			best = &cl->heap[l];
		}
		if (r < n && heap_before(&cl->heap[r], best))
			m = r;
		if (m == i)
			break;
		cl->heap[i] = cl->heap[m];
		i = m;
	}
	if (n)
		cl->heap[i] = last;
	return top;
}

static void
nb_set(struct cluster *c, uint32_t other, double sum)
{
	size_t i;

	for (i = 0; i < c->nnb; i++)
		if (c->nb[i].c == other) {
			c->nb[i].sum = sum;
			return;
		}
	if (c->nnb == c->nbcap) {
		c->nbcap = c->nbcap ? 2 * c->nbcap : 4;
		c->nb = xrealloc(c->nb, c->nbcap * sizeof(*c->nb));
	}
	c->nb[c->nnb].c = other;
	c->nb[c->nnb++].sum = sum;
}

static void
nb_del(struct cluster *c, uint32_t other)
{
	size_t i;

	for (i = 0; i < c->nnb; i++)
		if (c->nb[i].c == other) {
			c->nb[i] = c->nb[--c->nnb];
			return;
		}
}

/* Pairs of items from different documents between A and B. */
static double
cross_pairs(const struct cluster *a, const struct cluster *b)
{
	double n = (double)a->n * (double)b->n;
	size_t i = 0, j = 0;

	while (i < a->ndocs && j < b->ndocs) {
		if (a->docs[i].doc < b->docs[j].doc)
			i++;
		else if (a->docs[i].doc > b->docs[j].doc)
			j++;
		else
			n -= (double)a->docs[i++].n * b->docs[j++].n;
	}
	return n;
}

static double
linkage(const struct clustering *cl, uint32_t a, uint32_t b, double sum)
{
	double pairs = cross_pairs(&cl->c[a], &cl->c[b]);

	return pairs > 0 ? sum / pairs : 0;
}

/* Whether decisions forbid A and B in one group. */
static bool
forbidden(const struct clustering *cl, uint32_t a, uint32_t b)
{
	const struct cluster *x = &cl->c[a], *y = &cl->c[b];
	size_t i, j, k;

	if (x->pin >= 0 && y->pin >= 0 && x->pin != y->pin)
		return true;
	for (k = 0; k < 2; k++) {
		const struct cluster *p = k ? y : x, *q = k ? x : y;
		uint32_t other = k ? a : b;

		for (i = 0; i < p->n; i++) {
			const struct item *it = &cl->s->items[p->m[i]];

			for (j = 0; j < it->nrej; j++)
				if (cl->cof[it->rej[j]] == other)
					return true;
			for (j = 0; j < it->nrej_keys; j++)
				if (q->pin == it->rej_keys[j])
					return true;
		}
	}
	return false;
}

static void
merge(struct clustering *cl, uint32_t a, uint32_t b)
{
	struct cluster *x, *y;
	size_t i, j, nd;
	struct dcount *docs;

	if (cl->c[b].n > cl->c[a].n) {
		uint32_t t = a;

		a = b;
		b = t;
	}
	x = &cl->c[a];
	y = &cl->c[b];
	/* members */
	if (x->n + y->n > x->cap) {
		x->cap = x->n + y->n;
		x->m = xrealloc(x->m, x->cap * sizeof(*x->m));
	}
	for (i = 0; i < y->n; i++) {
		x->m[x->n++] = y->m[i];
		cl->cof[y->m[i]] = a;
	}
	/* documents, both sorted */
	docs = xmalloc((x->ndocs + y->ndocs) * sizeof(*docs));
	for (i = j = nd = 0; i < x->ndocs || j < y->ndocs; ) {
		if (j >= y->ndocs || (i < x->ndocs &&
		    x->docs[i].doc < y->docs[j].doc))
			docs[nd++] = x->docs[i++];
		else if (i >= x->ndocs || y->docs[j].doc < x->docs[i].doc)
			docs[nd++] = y->docs[j++];
		else {
			docs[nd] = x->docs[i++];
			docs[nd++].n += y->docs[j++].n;
		}
	}
	free(x->docs);
	x->docs = docs;
	x->ndocs = nd;
	if (y->pin >= 0)
		x->pin = y->pin;
	/* neighbours: A's sums plus B's */
	nb_del(x, b);
	for (i = 0; i < y->nnb; i++) {
		uint32_t o = y->nb[i].c;
		double sum = y->nb[i].sum;

		if (o == a)
			continue;
		for (j = 0; j < x->nnb; j++)
			if (x->nb[j].c == o) {
				sum += x->nb[j].sum;
				break;
			}
		nb_set(x, o, sum);
	}
	x->version++;
	y->alive = false;
	free(y->m);
	free(y->docs);
	free(y->nb);
	y->m = NULL;
	y->docs = NULL;
	y->nb = NULL;
	y->n = y->ndocs = y->nnb = 0;
	for (i = 0; i < x->nnb; i++) {
		uint32_t o = x->nb[i].c;

		nb_del(&cl->c[o], b);
		nb_set(&cl->c[o], a, x->nb[i].sum);
		heap_push(cl, linkage(cl, a, o, x->nb[i].sum), a, o);
	}
}

static void
apply_decisions(align_set *s)
{
	size_t i;

	for (i = 0; i < s->ndec; i++) {
		const struct decision *d = &s->dec[i];
		long a = strmap_find(&s->ids, d->a, strlen(d->a)), b;
		struct item *it;

		if (a < 0)
			continue;
		it = &s->items[a];
		switch (d->type) {
		case 0:
			it->pin = (int)strmap_intern(&s->keys, d->b,
			    strlen(d->b));
			break;
		case 1:
			b = strmap_find(&s->ids, d->b, strlen(d->b));
			if (b < 0 || b == a)
				break;
			/* both ways: either side may be asked */
			it->rej = xrealloc(it->rej, (it->nrej + 1) *
			    sizeof(*it->rej));
			it->rej[it->nrej++] = (uint32_t)b;
			it = &s->items[b];
			it->rej = xrealloc(it->rej, (it->nrej + 1) *
			    sizeof(*it->rej));
			it->rej[it->nrej++] = (uint32_t)a;
			break;
		case 2:
			it->rej_keys = xrealloc(it->rej_keys,
			    (it->nrej_keys + 1) * sizeof(*it->rej_keys));
			it->rej_keys[it->nrej_keys++] = (int)strmap_intern(
			    &s->keys, d->b, strlen(d->b));
			break;
		default:
			BUG("decision of type %d", d->type);
		}
	}
	/* a pin against a rejection of the same group: the pin wins */
}

static void
cluster_items(align_set *s, struct clustering *cl)
{
	size_t n = s->nitems, i, j;
	struct neighbour *nb = xmalloc(s->opts.top_k * sizeof(*nb));
	float floor = (float)(s->min_cos * 0.5);
	long *pin_first;

	cl->s = s;
	cl->nc = n;
	cl->c = xcalloc(n + 1, sizeof(*cl->c));
	cl->cof = xmalloc((n + 1) * sizeof(*cl->cof));
	for (i = 0; i < n; i++) {
		struct cluster *c = &cl->c[i];

		c->m = xmalloc(sizeof(*c->m));
		c->m[0] = (uint32_t)i;
		c->n = c->cap = 1;
		c->docs = xmalloc(sizeof(*c->docs));
		c->docs[0].doc = s->items[i].docno;
		c->docs[0].n = 1;
		c->ndocs = 1;
		c->pin = s->items[i].pin;
		c->alive = true;
		cl->cof[i] = (uint32_t)i;
	}
	/* candidate pairs: each item's top k, both ways */
	for (i = 0; i < n; i++) {
		size_t k = index_topk(&s->ix, (uint32_t)i, s->opts.top_k,
		    floor, nb);

		for (j = 0; j < k; j++) {
			uint32_t o = nb[j].item;
			size_t r;
			bool rejected = false;

			for (r = 0; r < s->items[i].nrej; r++)
				rejected |= s->items[i].rej[r] == o;
			for (r = 0; r < s->items[o].nrej; r++)
				rejected |= s->items[o].rej[r] == i;
			if (rejected)
				continue;
			nb_set(&cl->c[i], o, nb[j].sim);
			nb_set(&cl->c[o], (uint32_t)i, nb[j].sim);
		}
	}
	free(nb);
	/* pinned items start together, whatever their similarity */
	pin_first = xmalloc((s->keys.n + 1) * sizeof(*pin_first));
	for (i = 0; i < s->keys.n; i++)
		pin_first[i] = -1;
	for (i = 0; i < n; i++) {
		int p = s->items[i].pin;

		if (p < 0)
			continue;
		if (pin_first[p] < 0)
			pin_first[p] = (long)i;
		else if (cl->cof[i] != cl->cof[pin_first[p]])
			merge(cl, cl->cof[pin_first[p]], cl->cof[i]);
	}
	free(pin_first);
	cl->nheap = 0;
	for (i = 0; i < n; i++) {
		const struct cluster *c = &cl->c[i];

		if (!c->alive)
			continue;
		for (j = 0; j < c->nnb; j++)
			if (c->nb[j].c > i)
				heap_push(cl, linkage(cl, (uint32_t)i,
				    c->nb[j].c, c->nb[j].sum), (uint32_t)i,
				    c->nb[j].c);
	}
	while (cl->nheap) {
		struct heap_entry e = heap_pop(cl);

		if (e.link < s->min_cos)
			break;
		if (!cl->c[e.a].alive || !cl->c[e.b].alive ||
		    cl->c[e.a].version != e.va || cl->c[e.b].version != e.vb)
			continue;
		if (forbidden(cl, e.a, e.b))
			continue;
		merge(cl, e.a, e.b);
	}
}

static void
clustering_release(struct clustering *cl)
{
	size_t i;

	for (i = 0; i < cl->nc; i++) {
		free(cl->c[i].m);
		free(cl->c[i].docs);
		free(cl->c[i].nb);
	}
	free(cl->c);
	free(cl->cof);
	free(cl->heap);
}

/* ---- step 4: groups, labels, confidences, links ------------------------- */

static int
cmp_term_feature(const void *a, const void *b)
{
	const struct feature *x = a, *y = b;

	return x->term < y->term ? -1 : x->term > y->term;
}

/* A sparse vector: the sum of the members' features. */
struct centroid {
	struct feature *f;
	size_t nf;
};

static void
centroid_of(const align_set *s, const uint32_t *m, size_t n, float *dense,
    uint32_t *touched, struct centroid *out)
{
	size_t i, j, nt = 0;

	for (i = 0; i < n; i++) {
		const struct index_item *it = &s->ix.items[m[i]];

		for (j = 0; j < it->nf; j++) {
			if (dense[it->f[j].term] == 0)
				touched[nt++] = it->f[j].term;
			dense[it->f[j].term] += it->f[j].w;
		}
	}
	out->f = xmalloc((nt + 1) * sizeof(*out->f));
	out->nf = 0;
	/* sorted by term, as the items' features are */
	for (i = 0; i < nt; i++) {
		out->f[out->nf].term = touched[i];
		out->f[out->nf++].w = dense[touched[i]];
		dense[touched[i]] = 0;
	}
	qsort(out->f, out->nf, sizeof(*out->f), cmp_term_feature);
}

static double
dot(const struct feature *a, size_t na, const struct feature *b, size_t nb)
{
	size_t i = 0, j = 0;
	double sum = 0;

	while (i < na && j < nb) {
		if (a[i].term < b[j].term)
			i++;
		else if (a[i].term > b[j].term)
			j++;
		else
			sum += (double)a[i++].w * b[j++].w;
	}
	return sum;
}

/* Broad to narrow: a field of action, then goals and principles, then
   measures; -1 when unknown. */
static int
kind_rank(const char *kind)
{
	static const char *const broad[] = {
		"field", "handlungsfeld", "domain", "area", "pillar",
	};
	static const char *const mid[] = {
		"goal", "objective", "ziel", "principle", "priority",
		"guideline", "leitlinie", "grundsatz",
	};
	static const char *const narrow[] = {
		"measure", "initiative", "massnahme", "action", "project",
		"vorhaben",
	};
	size_t i;

	if (!kind)
		return -1;
	for (i = 0; i < KK_ARRAY_SIZE(broad); i++)
		if (!strcmp(kind, broad[i]))
			return 0;
	for (i = 0; i < KK_ARRAY_SIZE(mid); i++)
		if (!strcmp(kind, mid[i]))
			return 1;
	for (i = 0; i < KK_ARRAY_SIZE(narrow); i++)
		if (!strcmp(kind, narrow[i]))
			return 2;
	return -1;
}

static double
confidence(const align_set *s, double mean)
{
	double c;

	if (mean <= 0)
		return 0;
	/* on the score's scale: 0.5 at min_score, 1 at twice that */
	c = sqrt(mean) / (2 * s->opts.min_score);
	return c > 1 ? 1 : c;
}

struct gbuild {
	struct align_member *m;
	size_t n, cap;
	uint32_t centre;
	struct centroid cen;
	int cluster;
};

static void
gb_add(struct gbuild *g, const struct align_member *m)
{
	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 4;
		g->m = xrealloc(g->m, g->cap * sizeof(*g->m));
	}
	g->m[g->n++] = *m;
}

static char *
explain(align_set *s, uint32_t a, uint32_t b)
{
	struct buf b2 = BUF_INIT;
	char *r;

	index_explain(&s->ix, a, b, 4, &b2);
	if (!b2.len)
		buf_adds(&b2, "no shared words");
	r = arena_strdup(s->arena, b2.s);
	buf_release(&b2);
	return r;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

int
align_run(align_set *s)
{
	struct clustering cl;
	struct gbuild *gb;
	size_t ng = 0, i, j, nterms;
	float *dense;
	uint32_t *touched, *order;
	struct neighbour *nb;
	size_t gen = 0;

	if (s->ran)
		BUG("align_run twice on one set");
	s->ran = true;
	apply_decisions(s);
	build_index(s);
	memset(&cl, 0, sizeof(cl));
	cluster_items(s, &cl);

	/* the groups, largest first, then in the order of their first item */
	order = xmalloc((s->nitems + 1) * sizeof(*order));
	for (i = 0; i < cl.nc; i++)
		if (cl.c[i].alive) {
			qsort(cl.c[i].m, cl.c[i].n, sizeof(*cl.c[i].m),
			    cmp_u32);
			order[ng++] = (uint32_t)i;
		}
	for (i = 1; i < ng; i++) {
		uint32_t x = order[i];

		for (j = i; j > 0; j--) {
			const struct cluster *p = &cl.c[order[j - 1]];
			const struct cluster *q = &cl.c[x];

			if (p->n > q->n || (p->n == q->n && p->m[0] < q->m[0]))
				break;
			order[j] = order[j - 1];
		}
		order[j] = x;
	}
	nterms = s->ix.terms.n;
	dense = xcalloc(nterms + 1, sizeof(*dense));
	touched = xmalloc((nterms + 1) * sizeof(*touched));
	gb = xcalloc(ng + 1, sizeof(*gb));
	s->group_of = xmalloc((s->nitems + 1) * sizeof(*s->group_of));
	for (i = 0; i < ng; i++) {
		const struct cluster *c = &cl.c[order[i]];
		double best = -1;
		bool want_lang = false;

		gb[i].cluster = (int)order[i];
		centroid_of(s, c->m, c->n, dense, touched, &gb[i].cen);
		if (s->opts.label_lang)
			for (j = 0; j < c->n; j++)
				want_lang |= !strcmp(lang_codes[s->items[
				    c->m[j]].lang], s->opts.label_lang);
		for (j = 0; j < c->n; j++) {
			const struct index_item *it = &s->ix.items[c->m[j]];
			double d = dot(it->f, it->nf, gb[i].cen.f,
			    gb[i].cen.nf);

			s->group_of[c->m[j]] = (uint32_t)i;
			if (want_lang && strcmp(lang_codes[s->items[
			    c->m[j]].lang], s->opts.label_lang))
				continue;
			if (d > best) {
				best = d;
				gb[i].centre = c->m[j];
			}
		}
		for (j = 0; j < c->n; j++) {
			uint32_t m = c->m[j];
			const struct index_item *it = &s->ix.items[m];
			struct align_member mem;

			memset(&mem, 0, sizeof(mem));
			mem.item = s->items[m].id;
			mem.rel = ALIGN_EQUIVALENT;
			mem.pinned = s->items[m].pin >= 0;
			if (c->n == 1) {
				mem.confidence = 1;
				mem.why = "alone: no item of another "
				    "document is close enough";
			} else {
				double self = dot(it->f, it->nf, it->f,
				    it->nf);
				double mean = (dot(it->f, it->nf,
				    gb[i].cen.f, gb[i].cen.nf) - self) /
				    (double)(c->n - 1);

				mem.confidence = confidence(s, mean);
				if (m != gb[i].centre)
					mem.why = explain(s, m, gb[i].centre);
				else
					mem.why = explain(s, m, c->m[j ? 0 :
					    1]);
			}
			if (mem.pinned)
				mem.why = arena_strdup(s->arena, "pinned by "
				    "an earlier decision");
			gb_add(&gb[i], &mem);
		}
	}
	/* links to other groups: broader, narrower, related */
	nb = xmalloc(s->opts.top_k * sizeof(*nb));
	for (i = 0; i < s->nitems; i++) {
		size_t k = index_topk(&s->ix, (uint32_t)i, s->opts.top_k,
		    (float)(s->min_cos * 0.5), nb);
		const struct index_item *it = &s->ix.items[i];
		uint32_t seen[64];
		size_t nseen = 0, r;

		for (j = 0; j < k; j++) {
			uint32_t g = s->group_of[nb[j].item];
			struct gbuild *G = &gb[g];
			struct align_member mem;
			double mean;
			bool dup = false, rejected = false;
			int ri, rc;

			if (g == s->group_of[i])
				continue;
			for (r = 0; r < nseen; r++)
				dup |= seen[r] == g;
			if (dup || nseen == KK_ARRAY_SIZE(seen))
				continue;
			seen[nseen++] = g;
			for (r = 0; r < G->n; r++) {
				long o = strmap_find(&s->ids, G->m[r].item,
				    strlen(G->m[r].item));
				size_t q;

				for (q = 0; q < s->items[i].nrej; q++)
					rejected |= s->items[i].rej[q] ==
					    (uint32_t)o;
			}
			for (r = 0; r < s->items[i].nrej_keys; r++)
				rejected |= cl.c[G->cluster].pin ==
				    s->items[i].rej_keys[r];
			if (rejected)
				continue;
			mean = dot(it->f, it->nf, G->cen.f, G->cen.nf) /
			    (double)cl.c[G->cluster].n;
			if (mean < s->min_cos)
				continue;
			memset(&mem, 0, sizeof(mem));
			mem.item = s->items[i].id;
			ri = kind_rank(s->items[i].kind);
			rc = kind_rank(s->items[G->centre].kind);
			mem.rel = ri < 0 || rc < 0 || ri == rc ?
			    ALIGN_RELATED : ri < rc ? ALIGN_BROADER :
			    ALIGN_NARROWER;
			mem.confidence = confidence(s, mean);
			mem.why = explain(s, (uint32_t)i, G->centre);
			gb_add(G, &mem);
		}
	}
	free(nb);
	/* the public groups */
	s->groups = xcalloc(ng + 1, sizeof(*s->groups));
	s->ngroups = ng;
	for (i = 0; i < ng; i++) {
		struct align_group *g = &s->groups[i];
		const struct cluster *c = &cl.c[gb[i].cluster];
		struct align_member *m;

		if (c->pin >= 0)
			g->id = s->keys.keys[c->pin];
		else {
			char id[32];

			do
				snprintf(id, sizeof(id), "G%03zu", ++gen);
			while (strmap_find(&s->keys, id, strlen(id)) >= 0);
			g->id = arena_strdup(s->arena, id);
		}
		g->label = s->items[gb[i].centre].title;
		g->label_item = s->items[gb[i].centre].id;
		m = arena_calloc(s->arena, gb[i].n, sizeof(*m));
		memcpy(m, gb[i].m, gb[i].n * sizeof(*m));
		g->members = m;
		g->nmembers = gb[i].n;
		free(gb[i].m);
		free(gb[i].cen.f);
	}
	free(gb);
	free(dense);
	free(touched);
	free(order);
	clustering_release(&cl);
	return KK_OK;
}

size_t
align_ngroups(const align_set *s)
{
	return s->ngroups;
}

const struct align_group *
align_group(const align_set *s, size_t i)
{
	if (i >= s->ngroups)
		BUG("group %zu of %zu", i, s->ngroups);
	return &s->groups[i];
}

static long
item_no(const align_set *s, const char *id)
{
	return strmap_find(&s->ids, id, strlen(id));
}

const char *
align_item_lang(const align_set *s, const char *id)
{
	long i = item_no(s, id);

	if (i < 0 || s->items[i].lang < 0)
		return NULL;
	return lang_codes[s->items[i].lang];
}

double
align_similarity(const align_set *s, const char *a, const char *b)
{
	long x = item_no(s, a), y = item_no(s, b);

	if (!s->ran || x < 0 || y < 0)
		return 0;
	return sqrt(index_sim(&s->ix, (uint32_t)x, (uint32_t)y));
}

char *
align_explain(const align_set *s, const char *a, const char *b)
{
	long x = item_no(s, a), y = item_no(s, b);
	struct buf out = BUF_INIT;

	if (s->ran && x >= 0 && y >= 0)
		index_explain(&s->ix, (uint32_t)x, (uint32_t)y, 6, &out);
	return buf_detach(&out, NULL);
}
