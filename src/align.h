/*
 * align.h: the alignment engine. Items of several strategies in, common
 * groups out: which items say the same, how sure the engine is, and why.
 *
 * The engine does no I/O but for loading its lexicon (align_lexicon_load),
 * and keeps no state between runs: earlier decisions come in as pins and
 * rejections, so that a caller holding them (the database, later) gets
 * proposals only for the rest.
 *
 *	align_lexicon *lex;
 *	align_set *set;
 *
 *	align_lexicon_load(NULL, &lex, &msg);     // once; NULL opts: defaults
 *	set = align_new(lex, NULL);               // NULL opts: defaults
 *	align_add(set, &item);                    // for every item
 *	align_pin(set, "lu-iz.f7", "C-standards");// decisions kept from before
 *	align_reject_pair(set, "a.g1", "b.g2");
 *	align_run(set);
 *	for (i = 0; i < align_ngroups(set); i++)
 *		g = align_group(set, i);          // g->members[j].rel, ...
 *	align_free(set);
 *	align_lexicon_free(lex);
 */
#ifndef KK_ALIGN_H
#define KK_ALIGN_H

#include <stdbool.h>
#include <stddef.h>

typedef struct align_lexicon align_lexicon;
typedef struct align_set align_set;

/* Where the lexicon's resources are and where its cache goes. */
struct align_lexicon_opts {
	const char *share_dir;	/* root of hunspell/, mythes/, dictd/;
				   NULL: /usr/share */
	const char *cache_dir;	/* NULL: $XDG_CACHE_HOME/konkordat or
				   ~/.cache/konkordat; "" for no cache */
	const char *const *thesaurus_files;	/* more thesaurus.tsv files */
	size_t nthesaurus_files;
	bool use_system;	/* load mythes and FreeDict (default true) */
	bool quiet;		/* no warning about missing resources */
};
void align_lexicon_opts_init(struct align_lexicon_opts *o);

/*
 * Load the lexicon: stop words and the project thesaurus (built in), the
 * user's thesaurus files, hunspell de_CH, OpenThesaurus and FreeDict from
 * Debian's packages, through a compiled cache that is rebuilt when a source
 * file's size or time changes. A missing system resource is not an error:
 * a warning names it (once, on stderr, unless quiet) and the engine runs
 * without it. Returns 0 and *OUT, which the caller frees with
 * align_lexicon_free(); or KK_EINPUT / KK_EIO with *ERRMSG (caller frees)
 * when a thesaurus file given by the user is unreadable or malformed.
 */
int align_lexicon_load(const struct align_lexicon_opts *o,
    align_lexicon **out, char **errmsg);
void align_lexicon_free(align_lexicon *lex);

/* Whether the named resource was found: "hunspell-de-ch", "mythes-de-ch",
   "mythes-fr", "mythes-it", "mythes-en-us", "freedict-deu-eng", ... */
bool align_lexicon_has(const align_lexicon *lex, const char *resource);

/* A one-line summary of what was loaded and from where (cache or not);
   owned by the lexicon. */
const char *align_lexicon_describe(const align_lexicon *lex);

/* One item of one party's strategy. All strings are copied by align_add. */
struct align_item {
	const char *id;		/* unique in the set */
	const char *doc;	/* the strategy (document) it belongs to */
	const char *kind;	/* "field", "goal", "principle", "measure",
				   ...; NULL if unknown */
	const char *lang;	/* "de", "fr", "it", "en"; NULL or "" to
				   detect */
	const char *title;
	const char *text;	/* NULL or "" if none */
};

struct align_opts {
	double min_score;	/* least average score for two groups to
				   merge, and for a link (default 0.29); a
				   score is the square root of the cosine
				   of two items' weighted features */
	size_t top_k;		/* candidates per item (default 20) */
	double title_weight;	/* a title word against a text word (3) */
	const char *label_lang;	/* prefer labels in this language; NULL */
	bool links_in_groups;	/* list broader/narrower/related items as
				   members of the groups they link to
				   (default false: equivalents only) */
	/* called now and then while align_run() works, from its thread:
	   STEP names the step, DONE of TOTAL is how far it is; NULL: not */
	void (*progress)(void *ctx, const char *step, size_t done,
	    size_t total);
	void *progress_ctx;
	unsigned threads;	/* for the neighbour search; 0: one per
				   processor, at most 8 */
};
void align_opts_init(struct align_opts *o);

enum align_relation {
	ALIGN_EQUIVALENT,	/* the item says what the group says */
	ALIGN_BROADER,		/* the item is broader than the group */
	ALIGN_NARROWER,		/* the item is narrower than the group */
	ALIGN_RELATED,
};
extern const char *const align_relation_names[4];

struct align_member {
	const char *item;	/* the item's id */
	enum align_relation rel;
	double confidence;	/* in [0,1]: how likely the mapping is right,
				   calibrated from score (1 for an item
				   alone: nothing is proposed) */
	double score;		/* its average score to the rest of the
				   group (or the linked group); 0 alone */
	bool pinned;		/* kept from an earlier decision */
	const char *why;	/* the words or concepts that matched, for
				   people: "Datenschutz ~ data protection
				   (translation); Sicherheit" */
};

struct align_group {
	const char *id;		/* the pinned group key, or "G001", ... */
	const char *label;	/* the title of its most central item */
	const char *label_item;	/* that item's id */
	const struct align_member *members;	/* equivalents first */
	size_t nmembers;
};

/*
 * A set of items to align. LEX is borrowed and must outlive the set; OPTS
 * is copied (NULL: defaults). Free with align_free(), which accepts NULL.
 */
align_set *align_new(align_lexicon *lex, const struct align_opts *opts);
void align_free(align_set *s);

/* Add ITEM (copied). Returns 0, or KK_EINPUT with *ERRMSG (caller frees)
   when its id is empty or already in the set or its title is missing. */
int align_add(align_set *s, const struct align_item *item, char **errmsg);

/*
 * Earlier decisions. A pin keeps ITEM in the group GROUP_KEY (items pinned
 * to one key stay together, groups of two keys never merge, and the group
 * keeps the key as its id). A rejected pair never ends up in one group; a
 * rejected item/group never joins that pinned group. Ids not in the set
 * are ignored when the set runs (a decision may outlive its item).
 */
void align_pin(align_set *s, const char *item, const char *group_key);
void align_reject_pair(align_set *s, const char *item_a, const char *item_b);
void align_reject_group(align_set *s, const char *item,
    const char *group_key);

/* Align. Returns 0; the groups are then read with the calls below and
   stay valid until align_free(). Running twice is a BUG(). */
int align_run(align_set *s);

/* Every item is the equivalent member of exactly one group (maybe alone in
   it); groups come largest first. */
size_t align_ngroups(const align_set *s);
const struct align_group *align_group(const align_set *s, size_t i);

/* The language an item was aligned in (given or detected), or NULL. */
const char *align_item_lang(const align_set *s, const char *item);

/* How similar two items of the set are after align_run (their score, 0 to
   1: the square root of the cosine of their weighted features), and why,
   into a string the caller frees ("" if nothing is shared). */
double align_similarity(const align_set *s, const char *a, const char *b);
char *align_explain(const align_set *s, const char *a, const char *b);

#endif
