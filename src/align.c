/* align.c: the engine: items to features, features to groups, groups explained. */
#include "align-impl.h"

#include <math.h>
#include <pthread.h>
#include <unistd.h>

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
/*
 * What the lexicon links one word to, at most: its thesaurus concepts
 * first, then translations and synonyms. A common word has dozens, each
 * a feature every query walks; past 16 they add cost and noise (the
 * national corpus: F1 0.656 at 48, 0.684 at 16, with a third less time;
 * shared/alignment and the Lucerne gold score the same at both).
 */
#define MAX_LINKS 16

/*
 * A feature finds candidates through the CHAMPIONS items that weigh it
 * most. Strategies of a few parties (hundreds of items) never reach it
 * and are searched exhaustively; a national set of 100,000 items, whose
 * common themes have thousands of items, costs per item at most its
 * features times this, not its features times the set.
 */
#define CHAMPIONS 256

struct item {
	char *id, *doc, *kind, *title, *text;
	int lang;
	int docno;
	int pin;		/* pinned group key, or -1 */
};

struct decision {
	char *a, *b;		/* item, item or group key */
	int type;		/* 0 pin, 1 reject pair, 2 reject group */
};

/*
 * The features of each distinct word, by language and spelling, worked
 * out once: words repeat (a set of 100,000 items has a few tens of
 * thousands of distinct words), and stemming, compound splitting and the
 * lexicon's look-ups are most of the cost of step 1.
 */
struct word_memo {
	struct strmap words;	/* "de\x1fflags\x1fnorm\x1fsurface" */
	struct memo_entry {
		size_t first, n;	/* a run of feats, at weight 1 */
		uint32_t stem;		/* in strs, or UINT32_MAX */
	} *e;
	size_t ecap;
	struct feature *feats;
	size_t nfeats, fcap;
	struct strmap stems;
};

struct align_set {
	align_lexicon *lex;	/* read-only, maybe shared with other runs */
	struct textproc *tp;	/* this run's stemmers and hunspell */
	struct align_opts opts;
	struct arena *arena;
	struct item *items;
	size_t nitems, cap;
	struct strmap ids, docs, keys;
	struct decision *dec;
	size_t ndec, deccap;
	struct index ix;
	struct strmap generic;	/* terms of data/generic-words.txt */
	struct word_memo memo;
	uint32_t *twin;		/* item -> the first item of the same language,
				   title and text (itself if none before) */
	uint32_t *ntwins;	/* item -> how many share its text, for firsts */
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
	o->min_score = 0.29;
	o->top_k = 20;
	o->title_weight = 3.0;
}

align_set *
align_new(align_lexicon *lex, const struct align_opts *opts)
{
	align_set *s = xcalloc(1, sizeof(*s));

	s->lex = lex;
	s->tp = lexicon_textproc_new(lex);
	if (opts)
		s->opts = *opts;
	else
		align_opts_init(&s->opts);
	if (s->opts.top_k == 0)
		s->opts.top_k = 1;
	if (!(s->opts.min_score > 0 && s->opts.min_score <= 1))
		s->opts.min_score = 0.29;
	s->min_cos = s->opts.min_score * s->opts.min_score;
	s->arena = arena_new();
	strmap_init(&s->ids);
	strmap_init(&s->memo.words);
	strmap_init(&s->memo.stems);
	strmap_init(&s->docs);
	strmap_init(&s->keys);
	strmap_init(&s->generic);
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
	lexicon_textproc_free(s->tp);
	free(s->items);
	for (i = 0; i < s->ndec; i++) {
		free(s->dec[i].a);
		free(s->dec[i].b);
	}
	free(s->dec);
	strmap_release(&s->ids);
	strmap_release(&s->memo.words);
	strmap_release(&s->memo.stems);
	free(s->memo.e);
	free(s->memo.feats);
	strmap_release(&s->docs);
	strmap_release(&s->keys);
	strmap_release(&s->generic);
	index_release(&s->ix);
	free(s->twin);
	free(s->ntwins);
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
		*errmsg = xasprintf(_("item '%s' is there twice"), it->id);
		return KK_EINPUT;
	}
	if (!it->title || !it->title[0]) {
		*errmsg = xasprintf(_("item '%s' has no title"), it->id);
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

/*
 * The generic words (data/generic-words.txt) as terms: "de:nutz" for a
 * word, "=municipality" for a concept. Their features carry the kind of
 * evidence in upper case ('W', 'C', ...), which index.c reads as "generic:
 * half weight, never enough alone".
 */
static void
load_generic(align_set *s)
{
	const struct kk_datafile *df = kk_datafile("generic-words.txt");
	struct textproc *tp = s->tp;
	struct buf term = BUF_INIT;
	const char *p, *end;

	if (!df)
		return;
	for (p = df->text, end = df->text + df->len; p < end; ) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		size_t len = eol ? (size_t)(eol - p) : (size_t)(end - p);
		int lang;

		buf_reset(&term);
		if (len > 2 && p[0] == '=' && p[1] == ' ') {
			buf_addc(&term, '=');
			buf_add(&term, p + 2, len - 2);
			strmap_intern(&s->generic, term.s, term.len);
		} else if (len > 3 && p[0] != '#' && p[2] == ' ' &&
		    (lang = lang_parse((char[3]){ p[0], p[1], 0 })) >= 0) {
			buf_addf(&term, "%s:", lang_codes[lang]);
			if (text_key(tp, lang, p + 3, len - 3, &term) > 0)
				strmap_intern(&s->generic, term.s, term.len);
		}
		p += len + 1;
	}
	buf_release(&term);
}

static bool
is_generic(const align_set *s, const char *term)
{
	return strmap_find(&s->generic, term, strlen(term)) >= 0;
}

/* TERM itself at W, and what the lexicon links it to. A generic term,
   or one of a generic concept, marks its whole bundle generic. */
static void
fterm(align_set *s, struct fbuf *fb, const char *term, float w,
    const char *surface, size_t slen, char kind)
{
	struct lex_link links[MAX_LINKS];
	size_t n, i, first = fb->n;
	bool generic = is_generic(s, term);
	char up = generic ? 'A' - 'a' : 0;

	n = lexicon_links(s->lex, term, links, MAX_LINKS);
	for (i = 0; i < n && !generic; i++)
		if (links[i].kind == LINK_THESAURUS &&
		    is_generic(s, links[i].term))
			generic = true;
	up = generic ? 'A' - 'a' : 0;
	fadd(s, fb, term, w * W_OWN, surface, slen, (char)(kind + up));
	for (i = 0; i < n; i++) {
		switch (links[i].kind) {
		case LINK_THESAURUS:
			fadd(s, fb, links[i].term, w * W_CONCEPT, surface,
			    slen, (char)('c' + up));
			break;
		case LINK_TRANSLATION:
			fadd(s, fb, links[i].term, w * W_TRANS, surface, slen,
			    (char)('t' + up));
			break;
		case LINK_SYNONYM:
			fadd(s, fb, links[i].term, w * W_SYN, surface, slen,
			    (char)('s' + up));
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
	struct textproc *tp = s->tp;
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

/* Token K's features at weight 1 into FB; its stem (in TERM, after the
   language's "xx:") or NULL for a number. */
static const char *
word_features_new(align_set *s, struct fbuf *fb, int lang,
    const struct token *k, struct buf *term)
{
	struct textproc *tp = s->tp;

	buf_reset(term);
	if (k->flags & TOK_NUMBER) {
		buf_addf(term, "#:%s", k->norm);
		fadd(s, fb, term->s, W_NUMBER, k->surface,
		    strlen(k->surface), 'w');
		return NULL;
	}
	if (k->flags & TOK_ABBR)
		buf_addf(term, "*:%s", k->norm);
	else {
		buf_addf(term, "%s:", lang_codes[lang]);
		text_stem(tp, lang, k->norm, term);
	}
	fterm(s, fb, term->s, 1.0f, k->surface, strlen(k->surface), 'w');
	if (lang == LANG_DE && !(k->flags & TOK_ABBR)) {
		struct buf parts_term = BUF_INIT;

		fparts(s, fb, lang, k, 1.0f, &parts_term);
		buf_release(&parts_term);
	}
	return strchr(term->s, ':') + 1;
}

/* Token K's features at weight W into FB, from the memo or worked out
   and kept; returns its stem or NULL for a number. */
static const char *
word_features(align_set *s, struct fbuf *fb, int lang, const struct token *k,
    float w)
{
	struct word_memo *wm = &s->memo;
	struct buf key = BUF_INIT;
	const struct memo_entry *e;
	long found;
	size_t i;

	buf_addf(&key, "%s\x1f%u\x1f%s\x1f%s", lang_codes[lang],
	    k->flags & (TOK_NUMBER | TOK_ABBR), k->norm, k->surface);
	found = strmap_find(&wm->words, key.s, key.len);
	if (found < 0) {
		struct fbuf one = { 0 };
		struct buf term = BUF_INIT;
		const char *stem;
		uint32_t id = strmap_intern(&wm->words, key.s, key.len);

		if (id >= wm->ecap) {
			wm->ecap = wm->ecap ? 2 * wm->ecap : 1024;
			wm->e = xrealloc(wm->e, wm->ecap * sizeof(*wm->e));
		}
		stem = word_features_new(s, &one, lang, k, &term);
		if (wm->nfeats + one.n > wm->fcap) {
			wm->fcap = 2 * (wm->nfeats + one.n) + 1024;
			wm->feats = xrealloc(wm->feats,
			    wm->fcap * sizeof(*wm->feats));
		}
		if (one.n)
			memcpy(wm->feats + wm->nfeats, one.v,
			    one.n * sizeof(*one.v));
		wm->e[id].first = wm->nfeats;
		wm->e[id].n = one.n;
		wm->e[id].stem = stem ? strmap_intern(&wm->stems, stem,
		    strlen(stem)) : UINT32_MAX;
		wm->nfeats += one.n;
		free(one.v);
		buf_release(&term);
		found = id;
	}
	buf_release(&key);
	e = &wm->e[found];
	for (i = 0; i < e->n; i++) {
		if (fb->n == fb->cap) {
			fb->cap = fb->cap ? 2 * fb->cap : 64;
			fb->v = xrealloc(fb->v, fb->cap * sizeof(*fb->v));
		}
		fb->v[fb->n] = wm->feats[e->first + i];
		fb->v[fb->n++].w *= w;
	}
	return e->stem == UINT32_MAX ? NULL : wm->stems.keys[e->stem];
}

/* The features of one field (title or text) of an item, at weight W. */
static void
ffield(align_set *s, struct fbuf *fb, int lang, const char *text, float w)
{
	struct textproc *tp = s->tp;
	struct arena *a = arena_new();
	struct tokens t = { 0 };
	struct buf key = BUF_INIT, surf = BUF_INIT;
	const char **stems;
	size_t i, j;

	text_tokenise(a, text, strlen(text), &t);
	text_mark_stop(tp, lang, &t);
	stems = xcalloc(t.n + 1, sizeof(*stems));
	for (i = 0; i < t.n; i++)
		if (!(t.v[i].flags & TOK_STOP))
			stems[i] = word_features(s, fb, lang, &t.v[i], w);
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
	struct textproc *tp = s->tp;
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
progress(const align_set *s, const char *step, size_t done, size_t total)
{
	if (s->opts.progress)
		s->opts.progress(s->opts.progress_ctx, step, done, total);
}

/*
 * Items of the same language, title and text: in a large set many parties
 * take over the wording of a template or of one another (bench/gen-national
 * draws 94,184 items from 25,822 such texts). Twins have the same features
 * and the same neighbours but for those of their own document: their
 * features are worked out once, and their candidates gathered by one
 * query (topk_all()).
 */
static void
find_twins(align_set *s)
{
	struct strmap seen;
	struct buf key = BUF_INIT;
	uint32_t *first = xmalloc((s->nitems + 1) * sizeof(*first));
	size_t i;

	s->twin = xmalloc((s->nitems + 1) * sizeof(*s->twin));
	s->ntwins = xcalloc(s->nitems + 1, sizeof(*s->ntwins));
	strmap_init(&seen);
	for (i = 0; i < s->nitems; i++) {
		const struct item *it = &s->items[i];
		size_t before = seen.n;
		uint32_t k;

		buf_reset(&key);
		buf_addf(&key, "%d\x1f%s\x1f%s", it->lang, it->title,
		    it->text);
		k = strmap_intern(&seen, key.s, key.len);
		if (seen.n > before)
			first[k] = (uint32_t)i;
		s->twin[i] = first[k];
		s->ntwins[first[k]]++;
	}
	strmap_release(&seen);
	buf_release(&key);
	free(first);
}

/*
 * Each of N items' (or nodes') top K neighbours in IX into NB (K per
 * item; counts into NNB), on several threads: the queries are
 * independent and read the finished index only, each thread with its
 * own scratch space. Thread T takes the items T, T + threads, ...; the
 * result does not depend on how many there are. The calling thread is
 * one of them and reports progress. With EVIDENCE, each neighbour comes
 * with its index_evidence(), computed while it is scored: the clustering
 * weighs every neighbour by it.
 *
 * With TWIN and NTWINS (find_twins()), the candidates of a text that
 * several items share are gathered once, from its first item, from all
 * documents and TWIN_EXTRA more, and scored; then each of the twins takes
 * from that list the candidates not of its own document and keeps the
 * best. This gives what a query of its own would give (the candidates
 * and the best are chosen by a total order), at a fraction of the cost;
 * a twin that finds too few in a full list is queried itself.
 */
#define TWIN_EXTRA 8
struct topk_job {
	const align_set *s;
	const struct index *ix;
	size_t n, k, first, step;
	float min_sim;
	struct neighbour *nb;
	size_t *nnb;
	const uint32_t *twin, *ntwins;
	const uint32_t *slot;		/* first twin -> its list's number */
	struct neighbour *shared;	/* the lists, SHARED_ROOM(k) each */
	size_t *nshared;
	bool *exact;			/* a list's sums are similarities */
	bool evidence;			/* each neighbour with its evidence */
	int pass;
	const char *step_name;
};
#define SHARED_ROOM(k) (INDEX_RESCORE * (k) + TWIN_EXTRA)

/* ITEM's neighbours from its first twin's candidates, scored; false if
   there were too few. */
static bool
share_twin(const struct topk_job *j, size_t item, struct neighbour *cand)
{
	size_t f = j->slot[j->twin[item]], n = 0, i;
	size_t want = j->exact[f] ? j->k : INDEX_RESCORE * j->k;
	const struct neighbour *l = &j->shared[f * SHARED_ROOM(j->k)];
	int doc = j->ix->items[item].doc;

	for (i = 0; i < j->nshared[f] && n < want; i++)
		if (j->ix->items[l[i].item].doc != doc)
			cand[n++] = l[i];
	if (n < want && j->nshared[f] == want + TWIN_EXTRA)
		return false;
	j->nnb[item] = index_best_of(cand, n, j->k, j->min_sim,
	    &j->nb[item * j->k]);
	return true;
}

static void *
topk_work(void *arg)
{
	const struct topk_job *j = arg;
	struct index_query q;
	struct neighbour *cand = xmalloc(INDEX_RESCORE * j->k *
	    sizeof(*cand));
	size_t i;

	index_query_init(j->ix, &q);
	q.evidence = j->evidence;
	for (i = j->first; i < j->n; i += j->step) {
		bool twins = j->twin && j->ntwins[j->twin[i]] > 1;

		if (j->pass == 0 && twins && j->twin[i] == i) {
			size_t f = j->slot[i];
			struct neighbour *l = &j->shared[f * SHARED_ROOM(j->k)];

			/* scored once for all twins: the same features give
			   the same similarities */
			j->nshared[f] = index_candidates_q(j->ix, &q,
			    (uint32_t)i, j->k, TWIN_EXTRA, j->min_sim, true,
			    l, &j->exact[f]);
			if (!j->exact[f])
				index_score_q(j->ix, &q, (uint32_t)i, l,
				    j->nshared[f]);
			else if (j->evidence)
				index_evidence_q(j->ix, &q, (uint32_t)i, l,
				    j->nshared[f]);
		} else if ((j->pass == 0 && !twins) ||
		    (j->pass == 1 && twins && !share_twin(j, i, cand)))
			j->nnb[i] = index_topk_q(j->ix, &q, (uint32_t)i, j->k,
			    j->min_sim, &j->nb[i * j->k]);
		if (j->first == 0 && (i / j->step) % 512 == 0 && j->pass == 0)
			progress(j->s, j->step_name, i, j->n);
	}
	index_query_release(&q);
	free(cand);
	return NULL;
}

static void
topk_all(const align_set *s, const struct index *ix, size_t n, size_t k,
    float min_sim, const uint32_t *twin, const uint32_t *ntwins,
    struct neighbour *nb, size_t *nnb, bool evidence, const char *step)
{
	struct topk_job job[8];
	pthread_t tid[8];
	bool started[8];
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	size_t nt = s->opts.threads ? s->opts.threads : ncpu > 0 ?
	    (size_t)ncpu : 1, t;
	struct neighbour *shared = NULL;
	size_t *nshared = NULL;
	uint32_t *slot = NULL;
	bool *exact = NULL;
	int pass;

	if (nt > 8)
		nt = 8;
	if (nt > n / 256 + 1)	/* small sets: not worth a thread */
		nt = n / 256 + 1;
	if (twin) {	/* room for the lists of first twins only */
		size_t i, nfirst = 0;

		slot = xmalloc((n + 1) * sizeof(*slot));
		for (i = 0; i < n; i++)
			if (twin[i] == i && ntwins[i] > 1)
				slot[i] = (uint32_t)nfirst++;
		shared = xmalloc((nfirst * SHARED_ROOM(k) + 1) *
		    sizeof(*shared));
		nshared = xcalloc(nfirst + 1, sizeof(*nshared));
		exact = xcalloc(nfirst + 1, sizeof(*exact));
	}
	for (pass = 0; pass < (twin ? 2 : 1); pass++) {
		for (t = 0; t < nt; t++) {
			job[t].s = s;
			job[t].ix = ix;
			job[t].n = n;
			job[t].k = k;
			job[t].first = t;
			job[t].step = nt;
			job[t].min_sim = min_sim;
			job[t].nb = nb;
			job[t].nnb = nnb;
			job[t].twin = twin;
			job[t].ntwins = ntwins;
			job[t].slot = slot;
			job[t].shared = shared;
			job[t].nshared = nshared;
			job[t].exact = exact;
			job[t].evidence = evidence;
			job[t].pass = pass;
			job[t].step_name = step;
			started[t] = false;
		}
		/* a thread that cannot start leaves its share to the caller */
		for (t = 1; t < nt; t++)
			started[t] = !pthread_create(&tid[t], NULL, topk_work,
			    &job[t]);
		topk_work(&job[0]);
		for (t = 1; t < nt; t++)
			if (started[t])
				pthread_join(tid[t], NULL);
			else
				topk_work(&job[t]);
	}
	free(slot);
	free(shared);
	free(nshared);
	free(exact);
	progress(s, step, n, n);
}

static void
build_index(align_set *s)
{
	struct fbuf fb = { 0 };
	size_t i, max_df;

	detect_langs(s);
	find_twins(s);
	load_generic(s);
	for (i = 0; i < s->nitems; i++) {
		struct item *it = &s->items[i];

		if (i % 1024 == 0)
			progress(s, N_("features"), i, s->nitems);
		if (s->twin[i] != i) {	/* the same words, the same features */
			const struct index_item *first =
			    &s->ix.items[s->twin[i]];

			index_add(&s->ix, it->docno, first->f, first->nf);
			continue;
		}
		fb.n = 0;
		ffield(s, &fb, it->lang, it->title,
		    (float)s->opts.title_weight);
		ffield(s, &fb, it->lang, it->text, 1.0f);
		index_add(&s->ix, it->docno, fb.v, fb.n);
	}
	free(fb.v);
	/* the words' features are not needed again: room for what follows */
	strmap_release(&s->memo.words);
	strmap_release(&s->memo.stems);
	free(s->memo.e);
	free(s->memo.feats);
	memset(&s->memo, 0, sizeof(s->memo));
	strmap_init(&s->memo.words);
	strmap_init(&s->memo.stems);
	progress(s, N_("features"), s->nitems, s->nitems);
	/* a feature in more than a tenth of a large set finds no candidates */
	max_df = s->nitems / 10 > 200 ? s->nitems / 10 : 0;
	index_finish(&s->ix, max_df, CHAMPIONS, false);
}

/* ---- step 3: clustering ------------------------------------------------ */

/* The decisions as pins and restrictions of the clustering CS, whose
   nodes are items or, through NODE_OF, what holds them; items decisions
   name that are not in the set are ignored. */
static void
apply_decisions(align_set *s, struct cluster_set *cs, const uint32_t *node_of)
{
	size_t i;
#define NODE(x) (node_of ? node_of[x] : (uint32_t)(x))

	for (i = 0; i < s->ndec; i++) {
		const struct decision *d = &s->dec[i];
		long a = strmap_find(&s->ids, d->a, strlen(d->a)), b;
		int key;

		if (a < 0)
			continue;
		switch (d->type) {
		case 0:
			key = (int)strmap_intern(&s->keys, d->b, strlen(d->b));
			s->items[a].pin = key;
			cluster_pin(cs, NODE(a), key);
			break;
		case 1:
			b = strmap_find(&s->ids, d->b, strlen(d->b));
			if (b >= 0 && b != a)
				cluster_cannot_link(cs, NODE(a), NODE(b));
			break;
		case 2:
			key = (int)strmap_intern(&s->keys, d->b, strlen(d->b));
			cluster_cannot_join(cs, NODE(a), key);
			break;
		default:
			BUG("decision of type %d", d->type);
		}
	}
	/* a pin against a rejection of the same group: the pin wins */
#undef NODE
}

/* Each item's top k neighbours (NB, K per item, counts in NNB) become
   the clustering's candidate pairs, each weighing the evidence that holds
   (their ev), not its whole similarity. */
static struct cluster_set *
cluster_items(align_set *s, const struct neighbour *nb, const size_t *nnb)
{
	size_t n = s->nitems, i, j, k = s->opts.top_k;
	int *doc_of = xmalloc((n + 1) * sizeof(*doc_of));
	struct cluster_set *cs;

	for (i = 0; i < n; i++)
		doc_of[i] = s->items[i].docno;
	cs = cluster_new(n, doc_of, NULL);
	free(doc_of);
	apply_decisions(s, cs, NULL);
	for (i = 0; i < n; i++)
		for (j = 0; j < nnb[i]; j++)
			cluster_edge(cs, (uint32_t)i, nb[i * k + j].item,
			    nb[i * k + j].ev);
	cluster_run(cs, s->min_cos);
	return cs;
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

/*
 * Step 3b. Each item's top k are all in its own cluster once a theme has
 * many more items than k: the clusters of one theme in other words or
 * languages then share no candidate pair, their link counts as 0 and
 * they stay apart, the more so the larger the set. So the clusters are
 * clustered again as nodes weighing their number of items, with the same
 * average linkage and threshold, the link now exact: the sum of the
 * similarities of all pairs of items between two clusters is the dot
 * product of their centroids (sums of unit vectors). Candidate pairs of
 * nodes come from an index over the centroids. Pairs within one document
 * count here, where step 3 leaves them out.
 *
 * PART gives each item's cluster (any numbers below the number of
 * items); returns the joined clusters the same way, in a new array, and
 * their number in *NPARTS.
 */
static uint32_t *
join_clusters(align_set *s, const uint32_t *part, size_t *nparts)
{
	size_t n = s->nitems, nn = 0, i, j, k = s->opts.top_k;
	uint32_t *node_of = xmalloc((n + 1) * sizeof(*node_of));
	uint32_t *weight = xcalloc(n + 1, sizeof(*weight));
	uint32_t *first = xmalloc((n + 1) * sizeof(*first));
	uint32_t *members = xmalloc((n + 1) * sizeof(*members));
	uint32_t *item_node = xmalloc((n + 1) * sizeof(*item_node));
	int *doc_of = xmalloc((n + 1) * sizeof(*doc_of));
	double *norm = xmalloc((n + 1) * sizeof(*norm));
	float *dense = xcalloc(s->ix.terms.n + 1, sizeof(*dense));
	uint32_t *touched = xmalloc((s->ix.terms.n + 1) * sizeof(*touched));
	struct neighbour *nb;
	size_t *nnb;
	struct cluster_set *cs;
	struct index ix;
	uint32_t *joined;

	/* nodes in the order of their first item; members by counting */
	for (i = 0; i < n; i++)
		node_of[i] = UINT32_MAX;
	for (i = 0; i < n; i++) {
		if (node_of[part[i]] == UINT32_MAX)
			node_of[part[i]] = (uint32_t)nn++;
		item_node[i] = node_of[part[i]];
		weight[item_node[i]]++;
	}
	for (i = 0, j = 0; i < nn; i++) {
		first[i] = (uint32_t)j;
		j += weight[i];
	}
	for (i = 0; i < n; i++)
		members[first[item_node[i]]++] = (uint32_t)i;
	index_init(&ix);
	/* the same term numbers as the items' index */
	for (i = 0; i < s->ix.terms.n; i++)
		strmap_intern(&ix.terms, s->ix.terms.keys[i],
		    strlen(s->ix.terms.keys[i]));
	for (i = 0, j = 0; i < nn; j += weight[i++]) {
		struct centroid cen;
		double sq = 0;
		size_t f;

		centroid_of(s, members + j, weight[i], dense, touched, &cen);
		for (f = 0; f < cen.nf; f++) {
			sq += (double)cen.f[f].w * cen.f[f].w;
			cen.f[f].why = 0;
		}
		norm[i] = sqrt(sq);
		doc_of[i] = (int)i;
		index_add(&ix, (int)i, cen.f, cen.nf);
		free(cen.f);
	}
	index_finish(&ix, 0, CHAMPIONS, true);
	cs = cluster_new(nn, doc_of, weight);
	apply_decisions(s, cs, item_node);
	nb = xmalloc((nn * k + 1) * sizeof(*nb));
	nnb = xmalloc((nn + 1) * sizeof(*nnb));
	topk_all(s, &ix, nn, k, 0.0f, NULL, NULL, nb, nnb, false,
	    N_("joining"));
	for (i = 0; i < nn; i++)
		for (j = 0; j < nnb[i]; j++) {
			const struct neighbour *o = &nb[i * k + j];

			cluster_edge(cs, (uint32_t)i, o->item,
			    o->sim * norm[i] * norm[o->item]);
		}
	free(nnb);
	free(nb);
	index_release(&ix);
	cluster_run(cs, s->min_cos);
	joined = node_of;	/* reused: item -> joined cluster */
	*nparts = 0;
	for (i = 0; i < n; i++)
		joined[i] = (uint32_t)cluster_of(cs, item_node[i]);
	for (i = 0; i < nn; i++)
		*nparts += cluster_alive(cs, i);
	cluster_free(cs);
	free(weight);
	free(first);
	free(members);
	free(item_node);
	free(doc_of);
	free(norm);
	free(dense);
	free(touched);
	return joined;
}

/* Step 3b until it joins nothing more (a few rounds: each works on the
   clusters of the one before, and there are fewer each time). Returns
   each item's final cluster. */
#define JOIN_ROUNDS 8
static uint32_t *
join_all(align_set *s, const struct cluster_set *cs)
{
	uint32_t *part = xmalloc((s->nitems + 1) * sizeof(*part));
	size_t i, n = 0, round, joined;

	for (i = 0; i < s->nitems; i++) {
		part[i] = (uint32_t)cluster_of(cs, (uint32_t)i);
		n += cluster_alive(cs, i);
	}
	for (round = 0; round < JOIN_ROUNDS && n > 1; round++) {
		uint32_t *next = join_clusters(s, part, &joined);

		free(part);
		part = next;
		if (joined == n)
			break;
		n = joined;
	}
	return part;
}

/*
 * The least evidence (index_evidence(), on the cosine's scale) an item
 * needs with some member of its group to stay in it: a quarter of
 * min_score's cosine, half of min_score on the score's scale. Step 3b
 * joins clusters by their centroids, where a member may come along that
 * shares nothing that holds with any other member.
 */
static double
least_evidence(const align_set *s)
{
	return s->min_cos / 4;
}

/* Whether item I shares enough evidence with a member of its cluster
   (FINAL), of another document: its neighbours first (NB, NNB of them,
   with their evidence), then up to
   PRUNE_SCAN members (ORDER lists the items cluster by cluster, FIRST[c]
   where cluster c's run starts, SIZE[c] its length). */
#define PRUNE_SCAN 32
static bool
supported(const align_set *s, const uint32_t *final, uint32_t i,
    const struct neighbour *nb, size_t nnb, const uint32_t *order,
    const size_t *first, const size_t *size)
{
	double least = least_evidence(s);
	size_t j, c = final[i];

	for (j = 0; j < nnb; j++)
		if (final[nb[j].item] == c && nb[j].ev >= least)
			return true;
	for (j = 0; j < size[c] && j < PRUNE_SCAN; j++) {
		uint32_t o = order[first[c] + j];

		if (s->items[o].docno != s->items[i].docno &&
		    index_evidence(&s->ix, i, o) >= least)
			return true;
	}
	return false;
}

/*
 * Items of a group of several that share no evidence that holds with any
 * other member (a pinned item stays: people put it there) are taken out
 * and stand alone, as cluster N + item in FINAL (which has room for 2N).
 */
static void
prune_unsupported(align_set *s, uint32_t *final, const struct neighbour *nb,
    const size_t *nnb)
{
	size_t n = s->nitems, i, k = s->opts.top_k;
	size_t *first = xcalloc(n + 1, sizeof(*first));
	size_t *size = xcalloc(n + 1, sizeof(*size));
	uint32_t *order = xmalloc((n + 1) * sizeof(*order));
	bool *out = xcalloc(n + 1, sizeof(*out));

	for (i = 0; i < n; i++)
		size[final[i]]++;
	for (i = 1; i < n; i++)
		first[i] = first[i - 1] + size[i - 1];
	for (i = 0; i < n; i++)
		order[first[final[i]]++] = (uint32_t)i;
	for (i = 0; i < n; i++)
		first[i] -= size[i];
	for (i = 0; i < n; i++)
		out[i] = size[final[i]] > 1 && s->items[i].pin < 0 &&
		    !supported(s, final, (uint32_t)i, &nb[i * k], nnb[i],
		    order, first, size);
	for (i = 0; i < n; i++)
		if (out[i])
			final[i] = (uint32_t)(n + i);
	free(first);
	free(size);
	free(order);
	free(out);
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
	uint32_t *items;	/* the cluster's items, ascending */
	size_t nitems, itemcap;
	int key;		/* the cluster's pinned key, or -1 */
	uint32_t centre;
	struct centroid cen;
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
cmp_gbuild(const void *a, const void *b)
{
	const struct gbuild *x = a, *y = b;

	if (x->nitems != y->nitems)
		return x->nitems > y->nitems ? -1 : 1;
	return x->items[0] < y->items[0] ? -1 : x->items[0] > y->items[0];
}

/* The final clusters (FINAL: item -> cluster) as groups, largest first,
   then in the order of their first item; each item's group into
   s->group_of. A group's key is its pinned items' (one at most). */
static struct gbuild *
groups_of(align_set *s, const uint32_t *final, size_t *ng)
{
	struct gbuild *gb = xcalloc(s->nitems + 1, sizeof(*gb));
	uint32_t *slot = xmalloc((2 * s->nitems + 1) * sizeof(*slot));
	size_t i, n = 0;

	for (i = 0; i < 2 * s->nitems; i++)
		slot[i] = UINT32_MAX;
	for (i = 0; i < s->nitems; i++) {
		struct gbuild *g;

		if (slot[final[i]] == UINT32_MAX) {
			slot[final[i]] = (uint32_t)n;
			gb[n++].key = -1;
		}
		g = &gb[slot[final[i]]];
		if (g->nitems == g->itemcap) {
			g->itemcap = g->itemcap ? 2 * g->itemcap : 4;
			g->items = xrealloc(g->items, g->itemcap *
			    sizeof(*g->items));
		}
		g->items[g->nitems++] = (uint32_t)i;	/* ascending */
		if (s->items[i].pin >= 0)
			g->key = s->items[i].pin;
	}
	free(slot);
	qsort(gb, n, sizeof(*gb), cmp_gbuild);
	s->group_of = xmalloc((s->nitems + 1) * sizeof(*s->group_of));
	for (i = 0; i < n; i++) {
		size_t j;

		for (j = 0; j < gb[i].nitems; j++)
			s->group_of[gb[i].items[j]] = (uint32_t)i;
	}
	*ng = n;
	return gb;
}

/* The member of G (not ITEM, of another document where there is one)
   that best shows why ITEM is there: the centre when it shares enough
   evidence with it, else the member it shares most with. */
static uint32_t
best_witness(const align_set *s, const struct gbuild *g, uint32_t item)
{
	uint32_t best = g->centre != item ? g->centre : UINT32_MAX;
	double most = best != UINT32_MAX ?
	    index_evidence(&s->ix, item, best) : -1;
	size_t j;

	if (most >= least_evidence(s))
		return best;
	for (j = 0; j < g->nitems && j < PRUNE_SCAN; j++) {
		uint32_t o = g->items[j];
		double e;

		if (o == item || s->items[o].docno == s->items[item].docno)
			continue;
		e = index_evidence(&s->ix, item, o);
		if (e > most) {
			most = e;
			best = o;
		}
	}
	if (best == UINT32_MAX)	/* all of its own document */
		best = g->items[g->items[0] == item ? 1 : 0];
	return best;
}

/* Group G's equivalents: the centre (the item closest to the centroid,
   in the label language if one is asked for and present), and each
   member with its confidence and why. */
static void
equivalents(align_set *s, struct gbuild *g, float *dense, uint32_t *touched)
{
	const uint32_t *m = g->items;
	size_t n = g->nitems, j;
	double best = -1;
	bool want_lang = false;

	centroid_of(s, m, n, dense, touched, &g->cen);
	if (s->opts.label_lang)
		for (j = 0; j < n; j++)
			want_lang |= !strcmp(lang_codes[s->items[m[j]].lang],
			    s->opts.label_lang);
	for (j = 0; j < n; j++) {
		const struct index_item *it = &s->ix.items[m[j]];
		double d = dot(it->f, it->nf, g->cen.f, g->cen.nf);

		if (want_lang && strcmp(lang_codes[s->items[m[j]].lang],
		    s->opts.label_lang))
			continue;
		if (d > best) {
			best = d;
			g->centre = m[j];
		}
	}
	for (j = 0; j < n; j++) {
		const struct index_item *it = &s->ix.items[m[j]];
		struct align_member mem;

		memset(&mem, 0, sizeof(mem));
		mem.item = s->items[m[j]].id;
		mem.rel = ALIGN_EQUIVALENT;
		mem.pinned = s->items[m[j]].pin >= 0;
		if (n == 1) {
			mem.confidence = 1;
			mem.why = "alone: no item of another document is "
			    "close enough";
		} else {
			double self = dot(it->f, it->nf, it->f, it->nf);
			double mean = (dot(it->f, it->nf, g->cen.f,
			    g->cen.nf) - self) / (double)(n - 1);

			mem.score = mean > 0 ? sqrt(mean) : 0;
			mem.confidence = confidence(s, mean);
			mem.why = explain(s, m[j], best_witness(s, g, m[j]));
		}
		if (mem.pinned)
			mem.why = arena_strdup(s->arena, "pinned by an "
			    "earlier decision");
		gb_add(g, &mem);
	}
}

/* Item I's links to the groups of its neighbours (NB, K of them) other
   than its own: broader, narrower or related, by the kinds of the item
   and of the group's centre. */
static void
links_of(align_set *s, const struct cluster_set *cs, struct gbuild *gb,
    uint32_t i, const struct neighbour *nb, size_t k)
{
	const struct index_item *it = &s->ix.items[i];
	uint32_t seen[64];
	size_t nseen = 0, j, r;

	for (j = 0; j < k; j++) {
		uint32_t g = s->group_of[nb[j].item];
		struct gbuild *G = &gb[g];
		struct align_member mem;
		double mean;
		bool dup = false;
		int ri, rc;

		if (g == s->group_of[i])
			continue;
		for (r = 0; r < nseen; r++)
			dup |= seen[r] == g;
		if (dup || nseen == KK_ARRAY_SIZE(seen))
			continue;
		seen[nseen++] = g;
		if (!cluster_joinable(cs, i, G->items, G->nitems, G->key))
			continue;
		mean = dot(it->f, it->nf, G->cen.f, G->cen.nf) /
		    (double)G->nitems;
		if (mean < s->min_cos || index_evidence(&s->ix, i, G->centre) <
		    least_evidence(s))
			continue;
		memset(&mem, 0, sizeof(mem));
		mem.item = s->items[i].id;
		ri = kind_rank(s->items[i].kind);
		rc = kind_rank(s->items[G->centre].kind);
		mem.rel = ri < 0 || rc < 0 || ri == rc ? ALIGN_RELATED :
		    ri < rc ? ALIGN_BROADER : ALIGN_NARROWER;
		mem.score = sqrt(mean);
		mem.confidence = confidence(s, mean);
		mem.why = explain(s, i, G->centre);
		gb_add(G, &mem);
	}
}

int
align_run(align_set *s)
{
	struct cluster_set *cs;
	struct gbuild *gb;
	struct neighbour *nb;
	size_t *nnb, ng = 0, i, k = s->opts.top_k;
	uint32_t *final;
	float *dense;
	uint32_t *touched;
	size_t gen = 0;

	if (s->ran)
		BUG("align_run twice on one set");
	s->ran = true;
	build_index(s);
	/* each item's top k, once: for the clustering and for the links */
	nb = xmalloc((s->nitems * k + 1) * sizeof(*nb));
	nnb = xmalloc((s->nitems + 1) * sizeof(*nnb));
	topk_all(s, &s->ix, s->nitems, k, (float)(s->min_cos * 0.5), s->twin,
	    s->ntwins, nb, nnb, true, N_("neighbours"));
	index_drop_postings(&s->ix);	/* memory for the clustering */
	progress(s, N_("clustering"), 0, 1);
	cs = cluster_items(s, nb, nnb);
	progress(s, N_("clustering"), 1, 1);
	final = join_all(s, cs);
	prune_unsupported(s, final, nb, nnb);
	progress(s, N_("groups"), 0, 1);
	gb = groups_of(s, final, &ng);
	free(final);
	dense = xcalloc(s->ix.terms.n + 1, sizeof(*dense));
	touched = xmalloc((s->ix.terms.n + 1) * sizeof(*touched));
	for (i = 0; i < ng; i++)
		equivalents(s, &gb[i], dense, touched);
	free(dense);
	free(touched);
	if (s->opts.links_in_groups)
		for (i = 0; i < s->nitems; i++)
			links_of(s, cs, gb, (uint32_t)i, &nb[i * k], nnb[i]);
	progress(s, N_("groups"), 1, 1);
	free(nb);
	free(nnb);
	/* the public groups */
	s->groups = xcalloc(ng + 1, sizeof(*s->groups));
	s->ngroups = ng;
	for (i = 0; i < ng; i++) {
		struct align_group *g = &s->groups[i];
		struct align_member *m;

		if (gb[i].key >= 0)
			g->id = s->keys.keys[gb[i].key];
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
		free(gb[i].items);
		free(gb[i].cen.f);
	}
	free(gb);
	cluster_free(cs);
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
