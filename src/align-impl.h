/*
 * align-impl.h: the alignment engine's inside, shared by text.c, lexicon.c,
 * index.c and align.c and their unit tests. Callers use align.h instead.
 *
 * The layers, bottom up:
 *   text.c     words out of strings: normalisation, tokens, stop words,
 *              stemming, German compound splitting, language guess (no I/O)
 *   lexicon.c  what words mean across languages: the project thesaurus,
 *              OpenThesaurus (mythes) and FreeDict, loaded once and cached
 *   index.c    items as weighted features, an inverted index, top-k
 *   cluster.c  average-linkage clustering over candidate pairs
 *   align.c    groups, labels, relations, confidences, explanations
 */
#ifndef KK_ALIGN_IMPL_H
#define KK_ALIGN_IMPL_H

#include "konkordat.h"
#include "align.h"

/* Languages the engine knows; an index into every per-language table. */
enum lang { LANG_DE, LANG_FR, LANG_IT, LANG_EN, LANG_COUNT };
#define LANG_NONE (-1)
extern const char *const lang_codes[LANG_COUNT];

/* The data files compiled into the binary (cmake/embed-data.cmake). */
struct kk_datafile {
	const char *name;	/* e.g. "stopwords-de.txt" */
	const char *text;
	size_t len;
};
extern const struct kk_datafile kk_datafiles[];	/* ends with name NULL */
const struct kk_datafile *kk_datafile(const char *name);

/* text.c ------------------------------------------------------------- */

/* Whether S (ISO 639-1, any case, "de-CH" style allowed) names a language
   the engine knows; returns the enum lang, or LANG_NONE. */
int lang_parse(const char *s);

/*
 * strmap: interns strings, giving each a dense id from 0. The map owns its
 * copies of the keys. Lookups take a length, so keys need not be
 * NUL-terminated in the caller's buffer.
 */
struct strmap {
	char **keys;		/* keys[id], NUL-terminated */
	uint32_t *slots;	/* id + 1; 0 is empty */
	size_t n, cap, nslots;
	struct arena *arena;
};
void strmap_init(struct strmap *m);
void strmap_release(struct strmap *m);
uint32_t strmap_intern(struct strmap *m, const char *s, size_t len);
long strmap_find(const struct strmap *m, const char *s, size_t len);
uint64_t text_hash(const char *s, size_t len);

/* Token flags. */
enum {
	TOK_NUMBER = 1 << 0,	/* digits: 2020, 2.50, 1'000 */
	TOK_ABBR = 1 << 1,	/* IT, ICT, eID: kept whole, never a stop word */
	TOK_BREAK = 1 << 2,	/* a clause boundary comes before it */
	TOK_TRUNC = 1 << 3,	/* "Kunden-" in "Kunden- und ...orientiert" */
	TOK_PART = 1 << 4,	/* a part of a hyphenated word */
	TOK_STOP = 1 << 5,	/* a stop word of the item's language */
};

struct token {
	char *norm;		/* NFKC, case folded (ß -> ss), gender forms
				   and hyphens resolved; never empty */
	char *surface;		/* as written (NFKC), for explanations */
	unsigned flags;
};

struct tokens {
	struct token *v;
	size_t n, cap;
};

/*
 * Split S (LEN bytes of UTF-8; invalid bytes are treated as spaces) into
 * tokens, appended to OUT. The tokens' strings live in A. Pure: no lexicon,
 * no language; stop words are marked later by text_mark_stop().
 */
void text_tokenise(struct arena *a, const char *s, size_t len,
    struct tokens *out);
void tokens_release(struct tokens *t);

/* NFKC and full case folding of S into OUT (appended); invalid UTF-8 bytes
   become U+FFFD. */
void text_fold(const char *s, size_t len, struct buf *out);

/*
 * textproc: the language tools. Stop words come from the embedded data
 * files, stemmers from libstemmer; HUNSPELL_DE (may be NULL) is a
 * Hunhandle for de_CH that the caller made and frees after textproc_release.
 * Not thread-safe: stemmers and the compound cache are mutable.
 */
struct textproc {
	struct strmap stop[LANG_COUNT];
	struct sb_stemmer *stemmer[LANG_COUNT];
	void *hunspell_de;	/* Hunhandle *, borrowed */
	struct strmap split_words;	/* words whose split is cached */
	char **split_parts;	/* [id]: parts joined by ' ', or NULL */
	size_t split_cap;
	struct buf scratch;
};
void textproc_init(struct textproc *tp, void *hunspell_de);
void textproc_release(struct textproc *tp);
bool text_is_stop(const struct textproc *tp, int lang, const char *word);
void text_mark_stop(const struct textproc *tp, int lang, struct tokens *t);

/*
 * The stem of WORD (a token's norm) in LANG, appended to OUT: Snowball's,
 * after German ae/oe/ue spelling is folded to umlauts so that Swiss text
 * typed without umlauts meets text with them. Abbreviations and numbers
 * are their own stem.
 */
void text_stem(struct textproc *tp, int lang, const char *word,
    struct buf *out);

/*
 * Split the German compound WORD (a token's norm) into its parts using
 * the hunspell dictionary: "informatikstrategie" -> "informatik
 * strategie". Returns the parts joined by single spaces, owned by TP and
 * valid until textproc_release, or NULL when WORD is not a compound (or
 * hunspell is not there).
 */
const char *text_split_compound(struct textproc *tp, const char *word);

/* The language S is most probably written in, by its stop words and
   letters; LANG_NONE if there is no evidence. */
int text_detect_lang(const struct textproc *tp, const char *s, size_t len);

/*
 * The lookup key of a term of one or more words in LANG: each content word
 * stemmed, stop words dropped, joined by ' '. Appends to OUT; returns the
 * number of words in the key (0 if nothing is left).
 */
int text_key(struct textproc *tp, int lang, const char *s, size_t len,
    struct buf *out);

/* lexicon.c ----------------------------------------------------------- */

/* How a lexicon link came about; shown in explanations. */
enum link_kind {
	LINK_THESAURUS,		/* data/thesaurus.tsv or --thesaurus */
	LINK_TRANSLATION,	/* FreeDict */
	LINK_SYNONYM,		/* OpenThesaurus / mythes */
	LINK_KIND_COUNT
};
extern const char *const link_kind_names[LINK_KIND_COUNT];

/*
 * One thing a term means: another term ("en:data protect") or a concept of
 * the thesaurus ("=datenschutz"), with the kind of evidence.
 */
struct lex_link {
	const char *term;	/* owned by the lexicon */
	enum link_kind kind;
};

/*
 * What TERM ("de:sicher", a language code, ':' and a key from text_key)
 * links to: up to MAX links written to OUT; returns how many. The
 * thesaurus' concepts come first.
 */
size_t lexicon_links(const align_lexicon *lex, const char *term,
    struct lex_link *out, size_t max);
bool lexicon_has_term(const align_lexicon *lex, const char *term);
/* The lexicon's own text processor, for its loading and for tests of one
   thread; a run makes its own with lexicon_textproc_new() (freed by
   lexicon_textproc_free()), whose handles no other thread touches. */
struct textproc *lexicon_textproc(align_lexicon *lex);
struct textproc *lexicon_textproc_new(const align_lexicon *lex);
void lexicon_textproc_free(struct textproc *tp);

/* index.c -------------------------------------------------------------- */

/* Classes of an explanation, for what it is worth as evidence: a generic
   word's (an upper-case kind), a translation's or synonym's. */
#define WHY_GENERIC 1u
#define WHY_LEXICON 2u

/* One weighted feature of an item, with the words that produced it. */
struct feature {
	uint32_t term;		/* id in the index's term map */
	float w;
	uint32_t why : 30;	/* id in the index's explanation map */
	uint32_t why_class : 2;	/* WHY_GENERIC, WHY_LEXICON: set by
				   index_finish from the why's kind */
};
#define WHY_MAX ((1u << 30) - 1)

struct index_item {
	int doc;		/* dense document number */
	struct feature *f;	/* sorted by term, unique */
	size_t nf;
};

struct neighbour {
	uint32_t item;
	float sim;
	float ev;		/* the part of sim that holds as evidence
				   (index_evidence()), where the query asked
				   for it (index_query.evidence); else 0 */
};

/*
 * The index: items as L2-normalised TF-IDF vectors of features, and the
 * postings of each feature. Build it with index_add() for every item, then
 * index_finish(); after that, index_topk() answers queries.
 */
struct index {
	struct strmap terms;	/* "de:sicher", "=security", "*:it", ... */
	struct strmap whys;	/* "Sicherheit", "Datenschutz ~ data protection" */
	struct index_item *items;
	size_t nitems, cap;
	uint32_t *df;		/* per term */
	size_t dfcap;
	struct posting {
		uint32_t item;
		float w;
	} **post;		/* per term: the items that have it, or its
				   champions: those that weigh it most */
	uint32_t *npost;
	struct index_query {	/* scratch space of one query at a time */
		float *acc;		/* per item: its partial sum */
		uint32_t *touched;	/* the items with a sum */
		float *dense;		/* per term: the query's weight */
		unsigned char *dense_class;	/* per term: the why_class of
						   the query's feature */
		struct neighbour *cand;	/* candidates to rescore */
		size_t ncand;
		bool evidence;		/* the caller's: neighbours come with
					   their evidence */
	} q;			/* index_topk()'s */
};
void index_init(struct index *ix);
void index_release(struct index *ix);
uint32_t index_add(struct index *ix, int doc, const struct feature *f,
    size_t nf);
void index_finish(struct index *ix, size_t max_df, size_t champions,
    bool raw);
size_t index_topk(struct index *ix, uint32_t item, size_t k, float min_sim,
    struct neighbour *out);
/* The same with a scratch space of the caller's: one per thread lets
   threads query one finished index at once. */
void index_query_init(const struct index *ix, struct index_query *q);
void index_query_release(struct index_query *q);
size_t index_topk_q(const struct index *ix, struct index_query *q,
    uint32_t item, size_t k, float min_sim, struct neighbour *out);
/* The three steps of index_topk_q(), for callers that share a query's
   candidates among items of the same features (room: INDEX_RESCORE * K +
   EXTRA); see index.c. */
#define INDEX_RESCORE 2
size_t index_candidates_q(const struct index *ix, struct index_query *q,
    uint32_t item, size_t k, size_t extra, float min_sim, bool any_doc,
    struct neighbour *cand, bool *exact);
void index_score_q(const struct index *ix, struct index_query *q,
    uint32_t item, struct neighbour *cand, size_t n);
size_t index_best_of(const struct neighbour *cand, size_t n, size_t k,
    float min_sim, struct neighbour *out);
float index_sim(const struct index *ix, uint32_t a, uint32_t b);
/*
 * The part of A and B's similarity that holds as evidence, on the same
 * scale: their shared features, but none that both reached only through a
 * translation or synonym (their senses were never compared), and those of
 * generic words (an upper-case kind in the feature's why) at half weight;
 * 0 when no word that is not generic is shared.
 */
float index_evidence(const struct index *ix, uint32_t a, uint32_t b);
/* index_evidence() of ITEM and each of the N items of NB, into their ev,
   with Q's scratch space: for the threads of topk_all(). */
void index_evidence_q(const struct index *ix, struct index_query *q,
    uint32_t item, struct neighbour *nb, size_t n);
/* Frees the postings and index_topk()'s scratch: no more queries, but
   index_sim() and index_explain() still work. */
void index_drop_postings(struct index *ix);
void index_explain(const struct index *ix, uint32_t a, uint32_t b,
    size_t max, struct buf *out);

/* cluster.c ------------------------------------------------------------ */

/*
 * Average-linkage clustering: N items, each of a document (pairs within
 * one document do not count) and with a weight (NULL: all 1; a pair
 * weighs the product of its items' weights, and a candidate pair's
 * similarity is the sum over what it stands for); candidate pairs; pins
 * (items that start in one cluster, by key) and restrictions (items that
 * must not share a cluster, an item that must not join a key's cluster).
 * Clusters are numbered 0..N-1; after cluster_run() the alive ones hold
 * the items.
 */
struct cluster_set;
struct cluster_set *cluster_new(size_t n, const int *doc_of,
    const uint32_t *weight_of);
void cluster_free(struct cluster_set *cs);
void cluster_pin(struct cluster_set *cs, uint32_t item, int key);
void cluster_cannot_link(struct cluster_set *cs, uint32_t a, uint32_t b);
void cluster_cannot_join(struct cluster_set *cs, uint32_t item, int key);
/* A candidate pair; one a restriction forbids is left out. */
void cluster_edge(struct cluster_set *cs, uint32_t a, uint32_t b,
    double sim);
/* Merge while the best link is at least MIN_LINK. */
void cluster_run(struct cluster_set *cs, double min_link);
size_t cluster_of(const struct cluster_set *cs, uint32_t item);
bool cluster_alive(const struct cluster_set *cs, size_t c);
const uint32_t *cluster_members(const struct cluster_set *cs, size_t c,
    size_t *n);
int cluster_key(const struct cluster_set *cs, size_t c);	/* or -1 */
/* Whether no restriction keeps ITEM out of a group of MEMBERS (ascending)
   pinned to KEY (or -1), or A from B. */
bool cluster_joinable(const struct cluster_set *cs, uint32_t item,
    const uint32_t *members, size_t nmembers, int key);
bool cluster_linkable(const struct cluster_set *cs, uint32_t a, uint32_t b);

#endif
