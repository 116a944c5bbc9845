/* konkordat's private header: the shared types, then one section per .c file. */
#ifndef KONKORDAT_H
#define KONKORDAT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libintl.h>

#include "banned.h"

struct store;	/* store.h: where konkordat keeps its data */

#define KK_NORETURN __attribute__((noreturn))
#define KK_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define KK_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define KK_FORMAT_ARG(n) __attribute__((format_arg(n)))

/*
 * Messages for the user go through gettext (i18n.c): _() translates an
 * English message of the CLI into the user's language; N_() marks one in
 * an initializer, to be translated with _() where it is printed; Q_() is
 * _() for a count. error(), warning(), die(), diags_add(), diags_warn()
 * and cmd_usage_error() translate their format themselves: their callers
 * pass the English literal.
 */
#define KK_DOMAIN "konkordat"
#define KK_REPORT_DOMAIN "konkordat-report"
#define _(s) dgettext(KK_DOMAIN, s)
#define N_(s) (s)
#define Q_(one, many, n) dngettext(KK_DOMAIN, one, many, n)

/* Exit codes of the CLI. */
enum {
	KK_EXIT_OK = 0,
	KK_EXIT_REFUSED = 1,	/* bad input, or the operation was refused */
	KK_EXIT_USAGE = 2,
	KK_EXIT_INTERNAL = 3,
	KK_EXIT_BUSY = 4,	/* the database is locked by another program */
	KK_EXIT_DISK = 5,	/* disk full or I/O error; nothing was written */
};

/* Return codes of library functions: 0 is success, errors are negative. */
enum {
	KK_OK = 0,
	KK_EINPUT = -1,		/* the input is wrong; see the diagnostics */
	KK_ENOTFOUND = -2,
	KK_ECONFLICT = -3,	/* the row changed since it was read */
	KK_EIO = -4,		/* a file or the database failed */
	KK_EBUSY = -5,		/* another program holds the database's lock */
	KK_EDISK = -6,		/* disk full, or an I/O error */
	KK_EDAMAGED = -7,	/* the database file cannot be read as konkordat's */
	/*
	 * Refused until the data is in another state. The core's message
	 * says what is wrong and what state is wanted; the front end says
	 * how to get there (the CLI's cmd_hint(): which verb or option).
	 */
	KK_ENEED_ORG = -8,	/* several joint organisations: one named */
	KK_ENEED_ALIGN = -9,	/* no common strategy: the items aligned */
	KK_ENEED_DRAFT = -10,	/* the common strategy is adopted: a new
				   draft made from it */
	KK_ENEED_ITEM = -11,	/* no such common item: one that is there */
	KK_ENEED_CHECK = -12,	/* the organisation's data has faults that
				   a check of its file shows */
	/* and for a diagnostic (diags_need()) */
	KK_ENEED_PARTY = -13,	/* an import for a party, not the joint
				   organisation */
	KK_ENEED_SAME_PARTY = -14, /* an import for the party it was for */
	KK_ENEED_TEXT = -15,	/* a workbook where a YAML file is read: its
				   content as CSV or YAML */
	KK_ENEED_DB = -16,	/* a database given as a file to read */
	KK_EFORBIDDEN = -17,	/* the actor may not do this */
};

/* errcode.c: what a code means to each front end: the exit status of the
   command line, the HTTP status of the API, and a name for a problem
   document's type. Any code has one (an unknown one: internal). */
struct kk_code_status {
	int code;
	int exit_status;
	int http_status;
	const char *name;
};
const struct kk_code_status *kk_code_status(int code);

/* util.c */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) KK_PRINTF(1, 2);
void die(const char *fmt, ...) KK_PRINTF(1, 2) KK_NORETURN;
void kk_bug(const char *file, int line, const char *fmt, ...)
    KK_PRINTF(3, 4) KK_NORETURN;
#define BUG(...) kk_bug(__FILE__, __LINE__, __VA_ARGS__)
void error(const char *fmt, ...) KK_PRINTF(1, 2);
void warning(const char *fmt, ...) KK_PRINTF(1, 2);
int read_file(const char *path, char **out, size_t *len);
void kk_xml_init(void);
size_t levenshtein(const char *a, const char *b);
const char *closest_word(const char *word, const char *const *words,
    size_t nwords);
void utc_now(char out[21]);

/* outfile.c: an output file written whole or not at all. outfile_open()
   makes a private temporary file in PATH's folder (or takes standard
   output for "-") and returns 0, or KK_EINPUT with *ERRMSG naming the file
   and the reason (a missing folder is an error, never created);
   outfile_commit() flushes it to the disk and renames it over PATH;
   outfile_abort() removes it, leaving the old PATH as it was. Either ends
   O. Libraries that want a file name write to O->tmp. */
struct outfile {
	char *path;	/* the target */
	char *tmp;	/* the temporary file, in the target's folder */
	FILE *fp;	/* open on tmp, or stdout */
	int fd;
	bool copy;	/* the target is a device or a pipe, written from tmp
			   (in $TMPDIR) rather than replaced by it */
};
int outfile_open(struct outfile *o, const char *path, char **errmsg);
int outfile_commit(struct outfile *o, char **errmsg);
void outfile_abort(struct outfile *o);
/* Open PATH, WRITE(fp, CTX) (0 or a negative code), commit; on failure
   nothing changed and *ERRMSG (the caller frees) says why. */
int outfile_write(const char *path, int (*write)(FILE *fp, void *ctx),
    void *ctx, char **errmsg);
/* Make the folder DIR of a multi-file export unless it exists; its parent
   must. 0, or KK_EINPUT with *ERRMSG. */
int outfile_mkdir(const char *dir, char **errmsg);

/* i18n.c: gettext's set-up; the report's texts in any language. */
void i18n_init(void);
const char *i18n_localedir(void);
const char *i18n_report(const char *lang, const char *msgid)
    KK_FORMAT_ARG(2);
const char *i18n_report_n(const char *lang, const char *msgid,
    const char *plural, unsigned long n) KK_FORMAT_ARG(2) KK_FORMAT_ARG(3);
int i18n_report_check(const char *lang, char **errmsg);

/* catalog.c: the report's .mo catalogs, read once, shared by all threads. */
const char *catalog_text(const char *lang, const char *msgid,
    const char *plural, unsigned long n);
int catalog_check(const char *lang, char **errmsg);

/*
 * The values of the model's enumerations (a party's kind, a project's
 * status and light, a component's phase, a mapping's relation and
 * decision, ...) are keys: files, --csv and --json write them as they are,
 * for scripts. Text for people shows them in the user's language through
 * i18n_term(), the one place that names them; a table column does it by
 * itself (table_terms()). NC_() marks a key with its vocabulary's context
 * for xgettext.
 */
#define NC_(context, s) (s)
enum i18n_vocab {
	VOCAB_PARTY_KIND,	/* kk_party_kind_names */
	VOCAB_ITEM_KIND,	/* kk_item_kind_names */
	VOCAB_BODY_KIND,	/* kk_body_kind_names */
	VOCAB_AGREEMENT_KIND,	/* kk_agreement_kind_names */
	VOCAB_PROJECT_STATUS,	/* kk_project_status_names */
	VOCAB_LIGHT,		/* kk_light_names */
	VOCAB_BUDGET_KIND,	/* kk_budget_kind_names */
	VOCAB_KEY_METHOD,	/* kk_key_method_names */
	VOCAB_COMPONENT_KIND,	/* kk_component_kind_names */
	VOCAB_PHASE,		/* kk_phase_names */
	VOCAB_RELATION,		/* align_relation_names */
	VOCAB_DECISION,		/* a mapping's: proposed, accepted, rejected */
	VOCAB_STRATEGY_STATUS,	/* draft, adopted */
	VOCAB_FLAG,		/* yes (a true flag in a table) */
	VOCAB_RECORD,		/* the kind of a row an import or the audit
				   log names: party, goal, cost_key, ... */
	VOCAB_COUNT
};
const char *i18n_term(enum i18n_vocab v, const char *key);
char *i18n_explanation(const char *why);
const char *const *i18n_vocab_keys(enum i18n_vocab v, size_t *n);

/* buf.c: a growable string, always NUL-terminated (git's strbuf). */
struct buf {
	char *s;	/* never NULL after buf_init(); "" when empty */
	size_t len;
	size_t cap;
};
#define BUF_INIT { (char *)buf_empty, 0, 0 }
extern const char buf_empty[];
void buf_init(struct buf *b);
void buf_release(struct buf *b);
void buf_reset(struct buf *b);
void buf_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *data, size_t len);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...) KK_PRINTF(2, 3);
void buf_vaddf(struct buf *b, const char *fmt, va_list ap) KK_PRINTF(2, 0);
char *buf_detach(struct buf *b, size_t *len);
void buf_add_json_str(struct buf *b, const char *s);

/* arena.c: bump allocation for data that dies together (one import). */
struct arena;
struct arena *arena_new(void);
void arena_free(struct arena *a);
void *arena_alloc(struct arena *a, size_t size);
void *arena_calloc(struct arena *a, size_t n, size_t size);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* V (*CAP elements of SIZE) copied into an arena array twice as long;
   *CAP doubled. The old array stays in the arena until it goes. */
void *arena_grow(struct arena *a, const void *v, size_t *cap, size_t size);

/* strset.c: a set of strings, each member with a byte of flags that its
   user may set; compact for millions of identifiers. */
struct strset;
struct strset *strset_new(void);
void strset_free(struct strset *set);
size_t strset_count(const struct strset *set);
/* The flags of S (0 when just added), which the caller may change, or
   NULL when S is not in SET; the pointer holds until SET is freed.
   strset_add() copies S; *ADDED (or NULL) says whether it was new. */
unsigned char *strset_get(const struct strset *set, const char *s);
unsigned char *strset_add(struct strset *set, const char *s, bool *added);
/* Have S's place in memory soon (a hint; nothing changes). */
void strset_prefetch(const struct strset *set, const char *s);

/* diag.c: diagnostics about input, each with its location. */
struct kk_loc {
	const char *file;	/* NULL when the input has no file name */
	int line;		/* 1-based; 0 when unknown */
	int col;		/* 1-based; 0 when unknown */
};
struct kk_diag {
	struct kk_loc loc;
	char *msg;
	bool warning;	/* worth saying, but the input is still accepted */
	int need;	/* KK_ENEED_*: the state the input must come to, which
			   a front end says how to reach; 0 if none */
};
struct kk_diags {
	struct kk_diag *v;
	size_t n, cap;
	size_t nerrors;	/* those of v that are not warnings */
};
void diags_init(struct kk_diags *d);
void diags_release(struct kk_diags *d);
void diags_add(struct kk_diags *d, const struct kk_loc *loc,
    const char *fmt, ...) KK_PRINTF(3, 4);
void diags_vadd(struct kk_diags *d, const struct kk_loc *loc,
    const char *fmt, va_list ap) KK_PRINTF(3, 0);
void diags_warn(struct kk_diags *d, const struct kk_loc *loc,
    const char *fmt, ...) KK_PRINTF(3, 4);
void diags_sort(struct kk_diags *d);
/* The last diagnostic of D asks for the state NEED (a KK_ENEED_* code). */
void diags_need(struct kk_diags *d, int need);
void diags_print(const struct kk_diags *d, FILE *fp);
/* As diags_print(), each followed by HINT(need) where it has a need. */
void diags_print_hinted(const struct kk_diags *d, FILE *fp,
    const char *(*hint)(int need));

/*
 * textguard.c: text from files made harmless. Readers refuse what text may
 * not hold (textguard_find(), textguard_check()): the C0 controls but TAB
 * and LF, DEL, the C1 controls, the bidirectional embeddings, overrides and
 * isolates (U+202A-U+202E, U+2066-U+2069), and bytes that are not UTF-8.
 * What is shown escapes them (textguard_escape(): "\x1b", "<U+202E>"), a
 * message quotes a value cut short (textguard_quote()), and every message
 * goes through textguard_vformat(). Writers of XML leave out what XML
 * cannot hold (textguard_xml()); writers of CSV prefix a cell that a
 * spreadsheet would run with a quote (textguard_spreadsheet_formula()).
 */
#define TEXTGUARD_QUOTE_MAX 160	/* characters of a value a message quotes */
bool textguard_allowed(int32_t cp);
/* The offset of the first character of S (LEN bytes, NULs counted) that
   text may not hold, or LEN; *CP (or NULL) is that character, -1 for a
   byte that is not UTF-8. */
size_t textguard_find(const char *s, size_t len, int32_t *cp);
/* KK_OK, or KK_EINPUT with a diagnostic at LOC naming the character. */
int textguard_check(const char *s, size_t len, struct kk_diags *d,
    const struct kk_loc *loc);
/* The diagnostic for CP (-1: the byte at BYTE is not UTF-8) at LOC. */
void textguard_report(struct kk_diags *d, const struct kk_loc *loc,
    int32_t cp, const char *byte);
/* S (LEN bytes) appended to OUT with every character that a terminal acts
   on, or that reorders text, written visibly: "\x1b" for a C0 control,
   DEL or a byte that is not UTF-8, "<U+202E>" for the others. KEEP_LINES
   keeps TAB and LF as they are. */
void textguard_escape(struct buf *out, const char *s, size_t len,
    bool keep_lines);
/* S escaped; if it is longer than MAX characters, its first and last
   characters with "…" between, MAX in all (never cut inside one). */
void textguard_quote(struct buf *out, const char *s, size_t max);
/* printf() for messages: FMT (the English format) names the types of AP's
   arguments, SHOWN (its translation, or FMT) is written. Each string
   argument is escaped; one that SHOWN quotes ('%s') is cut to
   TEXTGUARD_QUOTE_MAX characters. */
void textguard_vformat(struct buf *out, const char *fmt, const char *shown,
    va_list ap) KK_PRINTF(3, 0);
/* S appended to OUT without the characters XML 1.0 cannot hold nor text
   may; returns how many were left out. */
size_t textguard_xml(struct buf *out, const char *s);
/* Whether the cell S of a CSV file needs a leading "'" so that no
   spreadsheet runs it: it begins with =, +, -, @, TAB or CR and is not a
   plain number such as -1200.00 nor that character alone (or with "'"
   before one of those). */
bool textguard_spreadsheet_formula(const char *s);
/* S without the "'" that a CSV writer put before it by the rule above. */
const char *textguard_spreadsheet_unguard(const char *s);

/* input.c: what a file given to a reader is, from its first bytes. */
enum input_reader { INPUT_YAML, INPUT_ARCHIMATE, INPUT_CSV };
/* As many first bytes as input_check_kind() needs to tell every kind. */
#define INPUT_HEAD 16
/* Whether the file PATH, whose first bytes are HEAD (N of them: INPUT_HEAD,
   or the whole file if it is shorter), is a text file for READER. When it
   is a compressed file, a PDF, a workbook or an Office document, a zip
   archive, an SQLite database or UTF-16 text (XML may be), a diagnostic at
   PATH says what it is and what to do instead, and KK_EINPUT is returned;
   otherwise KK_OK. A zip archive is looked into to tell a workbook from
   another: DATA (LEN bytes) is the whole file when it is in memory, else
   NULL and the archive is opened by PATH. Nothing is ever decompressed. */
int input_check_kind(const char *path, const char *head, size_t n,
    const char *data, size_t len, enum input_reader reader,
    struct kk_diags *d);
/* The same for the file PATH, read for its first bytes only; KK_OK when
   it cannot be read (the reader will say why) or is standard input. */
int input_check_file(const char *path, enum input_reader reader,
    struct kk_diags *d);
/* "a YAML file", "an ArchiMate exchange file", "a CSV file", translated. */
const char *input_reader_file(enum input_reader reader);
/* Whether S (N bytes) is empty or only white space (after a UTF-8 byte
   order mark): an empty file, which each reader says in its own words. */
bool input_blank(const char *s, size_t n);

/* model.c: the objects konkordat keeps, as read from and written to files. */
enum kk_party_kind {
	KK_CANTON,
	KK_CITY,
	KK_MUNICIPALITY,
	KK_ASSOCIATION,
	KK_CONSORTIUM,
	KK_JOINT_ORG,
	KK_PARTY_KIND_COUNT
};
enum kk_item_kind {
	KK_FIELD,
	KK_GOAL,
	KK_PRINCIPLE,
	KK_MEASURE,
	KK_ITEM_KIND_COUNT
};

/* A list of ids (members, goals a measure realises, tags). */
struct kk_ids {
	const char **v;
	size_t n;
	struct kk_loc *locs;	/* where each was read; NULL if not from a file */
};

/*
 * Every record that people edit (a party, a strategy and its items, a body,
 * milestone, agreement, project, cost key, component, decision) carries
 * ROW_VERSION: the version of the stored row it was read from, raised by
 * the store at each change, or 0 when it was not read from a store (a
 * file). A write of a record with a version checks that the stored row is
 * still at it, and fails with KK_ECONFLICT when someone else changed it in
 * between (store.h), even when the record written equals the stored one;
 * a write with 0 checks against what the same transaction read.
 */
struct kk_party {
	const char *id;
	const char *name;
	enum kk_party_kind kind;
	long bfs;		/* BFS municipality number; 0 if none */
	long population;	/* -1 if unknown */
	int population_year;	/* 0 if unknown */
	bool standalone;	/* has its own file */
	struct kk_ids members;
	int row_version;	/* the stored row's; see above kk_party */
	struct kk_loc loc;
	/* the values' own places, for checks made after reading (a party
	   defined twice, definitions that differ); LOC where one is absent */
	struct kk_loc id_loc, name_loc, bfs_loc, population_loc,
	    population_year_loc;
};

struct kk_item {
	const char *id;
	enum kk_item_kind kind;
	const char *parent;	/* the field of a goal; NULL otherwise */
	const char *title;
	const char *text;	/* NULL if none */
	struct kk_ids tags;
	struct kk_ids goals;	/* the goals a measure realises */
	int row_version;	/* the stored row's; see above kk_party */
	struct kk_loc loc;
};

struct kk_strategy {
	const char *id;
	const char *party;
	const char *title;
	int start, end;
	int version;
	bool adopted;
	const char *lang;	/* "de", "fr", "it" or "en" */
	const char *vision;	/* NULL if none */
	struct kk_item *items;	/* principles, then each field followed by
				   its goals, then measures */
	size_t nitems;
	int row_version;	/* the stored row's; see above kk_party */
	struct kk_loc loc;
	struct kk_loc id_loc;	/* where the id is written */
};

enum kk_body_kind {
	KK_STEERING_COMMITTEE,
	KK_BOARD,
	KK_OFFICE,
	KK_WORKING_GROUP,
	KK_BODY_KIND_COUNT
};
struct kk_body {
	const char *id;
	const char *name;
	enum kk_body_kind kind;
	struct kk_ids members;
	const char *text;
	int row_version;	/* the stored row's; see above kk_party */
	struct kk_loc loc;
};

struct kk_milestone {
	const char *id;
	const char *title;
	const char *date;	/* YYYY-MM-DD */
	bool done;
	const char *text;
	int row_version;	/* the stored row's; see above kk_party */
	struct kk_loc loc;
};

enum kk_agreement_kind {
	KK_FRAMEWORK,
	KK_PROJECT_AGREEMENT,
	KK_OPERATING,
	KK_AGREEMENT_KIND_COUNT
};
struct kk_agreement {
	const char *id;
	const char *title;
	enum kk_agreement_kind kind;
	struct kk_ids parties;
	const char *valid_from;	/* YYYY-MM-DD */
	const char *valid_to;	/* YYYY-MM-DD or NULL */
	const char *text;
	int row_version;	/* the stored row's; see above kk_party */
	struct kk_loc loc;
};

/* Money is integer Rappen (CHF 1 = 100), never floating point. */
typedef int64_t kk_rappen;

enum kk_project_status {
	KK_PLANNED,
	KK_RUNNING,
	KK_DONE,
	KK_STOPPED,
	KK_PROJECT_STATUS_COUNT
};
enum kk_light { KK_GREEN, KK_YELLOW, KK_RED, KK_LIGHT_COUNT };
enum kk_budget_kind { KK_INVESTMENT, KK_OPERATION, KK_BUDGET_KIND_COUNT };

struct kk_status_entry {
	const char *date;
	enum kk_project_status status;
	enum kk_light light;
	const char *note;	/* NULL if none */
	struct kk_loc loc;
};

struct kk_budget_line {
	int year;
	enum kk_budget_kind kind;
	kk_rappen amount;	/* >= 0 */
	struct kk_loc loc;
};

/* Finish-to-start: this project starts LAG days after PROJECT ends. */
struct kk_dependency {
	const char *project;
	int lag;
	struct kk_loc loc;
};

struct kk_project {
	const char *id;
	const char *title;
	const char *text;
	const char *lead;		/* a party */
	struct kk_ids parties;		/* participants, the lead among them */
	struct kk_ids serves;		/* goals: STRATEGY/ITEM */
	const char *start, *end;	/* YYYY-MM-DD */
	enum kk_project_status status;
	enum kk_light light;
	struct kk_status_entry *history;
	size_t nhistory;
	const char *cost_key;		/* NULL: not shared by a key */
	struct kk_budget_line *budget;
	size_t nbudget;
	struct kk_milestone *milestones;
	size_t nmilestones;
	struct kk_dependency *deps;
	size_t ndeps;
	int row_version;	/* the stored row's; see above kk_party */
	struct kk_loc loc;
	struct kk_loc lead_loc, cost_key_loc, budget_loc; /* the values' */
};

enum kk_key_method {
	KK_KEY_FIXED,		/* parts: party, share in basis points */
	KK_KEY_EQUAL,		/* parties */
	KK_KEY_POPULATION,	/* parties, or the members of OF (only ONLY) */
	KK_KEY_USAGE,		/* parts: party, units */
	KK_KEY_NESTED,		/* parts: party or key, share in basis points */
	KK_KEY_METHOD_COUNT
};

struct kk_key_part {
	const char *party;	/* one of party and key is set */
	const char *key;
	int64_t weight;		/* basis points (1/100 %) or units */
	struct kk_loc loc;
	struct kk_loc ref_loc;	/* where the party or key is named */
};

struct kk_cost_key {
	const char *id;
	const char *title;
	enum kk_key_method method;
	const char *unit;	/* usage: what is counted */
	const char *of;		/* population: the group whose members pay */
	struct kk_ids parties;	/* equal, population: who pays */
	int year;		/* population: the reference year */
	struct kk_key_part *parts;
	size_t nparts;
	int row_version;	/* the stored row's; see above kk_party */
	struct kk_loc loc;
	/* the values' own places: OF, YEAR, and the list that divides
	   (shares, parties, units or parts); LOC where one is absent */
	struct kk_loc of_loc, year_loc, list_loc;
};

enum kk_component_kind {
	KK_SITE,
	KK_DATA_CENTRE,
	KK_NETWORK,
	KK_PLATFORM,
	KK_APPLICATION,
	KK_SERVICE,
	KK_COMPONENT_KIND_COUNT
};
enum kk_phase { KK_PLAN, KK_BUILD, KK_RUN, KK_RETIRE, KK_PHASE_COUNT };

struct kk_component {
	const char *id;
	const char *title;
	enum kk_component_kind kind;
	const char *function;	/* what it does; alike ones may merge */
	const char *owner;
	const char *operator_;	/* the party that runs it */
	struct kk_ids users;
	kk_rappen cost;		/* a year; -1 if unknown */
	const char *phases[KK_PHASE_COUNT];	/* start dates, NULL if none */
	struct kk_ids depends_on;
	const char *text;
	int row_version;	/* the stored row's; see above kk_party */
	struct kk_loc loc;
	struct kk_loc owner_loc, operator_loc;	/* the values' */
};

struct kk_decision {
	const char *id;
	const char *date;
	const char *body;
	const char *subject;
	const char *outcome;
	struct kk_ids links;	/* project:ID, component:ID, agreement:ID,
				   item:STRATEGY/ITEM */
	int row_version;	/* the stored row's; see above kk_party */
	struct kk_loc loc;
	struct kk_loc body_loc;	/* the value's */
};

/* The joint organisation: the party itself (its members are the parties
   it joins), its bodies, timetable, agreements, portfolio, cost keys,
   infrastructure and decisions. */
struct kk_org {
	struct kk_party party;
	int start, end;		/* the strategy period; 0 if not given */
	struct kk_body *bodies;
	size_t nbodies;
	struct kk_milestone *milestones;
	size_t nmilestones;
	struct kk_agreement *agreements;
	size_t nagreements;
	struct kk_project *projects;
	size_t nprojects;
	struct kk_cost_key *keys;
	size_t nkeys;
	struct kk_component *components;
	size_t ncomponents;
	struct kk_decision *decisions;
	size_t ndecisions;
};

/* One file: a party file or an organisation file. */
enum kk_doc_type { KK_DOC_PARTY, KK_DOC_ORG };
struct kk_doc {
	const char *path;
	enum kk_doc_type type;
	/* KK_DOC_PARTY */
	struct kk_party party;
	struct kk_party *defs;	/* municipalities defined as members */
	size_t ndefs;
	struct kk_strategy *strategy;	/* NULL if the file has none */
	/* KK_DOC_ORG */
	struct kk_org org;
};

extern const char *const kk_party_kind_names[KK_PARTY_KIND_COUNT];
extern const char *const kk_item_kind_names[KK_ITEM_KIND_COUNT];
extern const char *const kk_body_kind_names[KK_BODY_KIND_COUNT];
extern const char *const kk_agreement_kind_names[KK_AGREEMENT_KIND_COUNT];
extern const char *const kk_languages[4];
extern const char *const kk_project_status_names[KK_PROJECT_STATUS_COUNT];
extern const char *const kk_light_names[KK_LIGHT_COUNT];
extern const char *const kk_budget_kind_names[KK_BUDGET_KIND_COUNT];
extern const char *const kk_key_method_names[KK_KEY_METHOD_COUNT];
extern const char *const kk_component_kind_names[KK_COMPONENT_KIND_COUNT];
extern const char *const kk_phase_names[KK_PHASE_COUNT];
int kk_enum_parse(const char *s, const char *const *names, size_t n);
bool kk_id_valid(const char *id);
/* S without the white space at its start and end (Unicode's White_Space:
   spaces of every width, tabs, line breaks): a name or a title as
   konkordat keeps it, whichever reader took it. S itself when it has none,
   else a copy in A; "" when S is only white space. */
const char *kk_text_trim(struct arena *a, const char *s);
bool kk_date_valid(const char *s);
const struct kk_item *kk_strategy_find(const struct kk_strategy *s,
    const char *id);
bool kk_ids_contain(const struct kk_ids *ids, const char *id);
long kk_date_days(const char *date);
/*
 * Dates are Swiss: a verb's reference date (what is late, which phase a
 * component is in, the report's date) is the one its --date or --today
 * gives, else kk_today(), the day it is in Switzerland (Europe/Zurich)
 * now; near midnight that is not the day in UTC. kk_now() is now, or
 * SOURCE_DATE_EPOCH when set, for tests and reproducible builds.
 * kk_swiss_date() is the day of T there; kk_swiss_day_start() the UTC
 * time ("YYYY-MM-DDTHH:MM:SSZ", as the audit log writes it) at which
 * DATE begins there, or KK_EINPUT when DATE is no date.
 */
time_t kk_now(void);
void kk_today(char out[11]);
void kk_swiss_date(time_t t, char out[11]);
int kk_swiss_day_start(const char *date, char out[21]);
void kk_days_date(long days, char out[11]);
char *kk_format_chf(kk_rappen r, char *buf, size_t size);
const struct kk_project *kk_org_project(const struct kk_org *o,
    const char *id);
const struct kk_cost_key *kk_org_key(const struct kk_org *o, const char *id);

/*
 * The dependencies of O's projects as indices into O->projects, found once
 * so that a walk over a long chain is not quadratic: dependency J of
 * project I is at[first[I] + J], -1 where no project has that id (as for
 * kk_org_project(), the first of several with one id). kk_deps_init()
 * fills G; kk_deps_release() frees what it holds.
 */
struct kk_deps {
	size_t *first;		/* nprojects + 1 entries */
	long *at;
};
void kk_deps_init(struct kk_deps *g, const struct kk_org *o);
void kk_deps_release(struct kk_deps *g);

/* fmt-json.c: the model as JSON (the CLI's --json, the audit log). */
#include <jansson.h>
json_t *json_party(const struct kk_party *p);
json_t *json_item(const struct kk_item *it);
json_t *json_strategy(const struct kk_strategy *s, bool with_items);
json_t *json_body(const struct kk_body *b);
json_t *json_milestone(const struct kk_milestone *m);
json_t *json_agreement(const struct kk_agreement *a);
json_t *json_project(const struct kk_project *p);
json_t *json_cost_key(const struct kk_cost_key *k);
json_t *json_component(const struct kk_component *c);
json_t *json_decision(const struct kk_decision *d);
char *json_canonical(const json_t *j);
int json_print(json_t *j, FILE *fp);

/* fmt-yaml-read.c: party and organisation files in. */
int yaml_read_doc(struct arena *a, const char *path, const char *data,
    size_t len, struct kk_doc *out, struct kk_diags *diags);

/* fmt-yaml-write.c: party and organisation files out. */
int yaml_write_party(FILE *fp, const struct kk_doc *doc);
int yaml_write_org(FILE *fp, const struct kk_org *org);

/* cost.c: cost keys resolved into trees of weights; amounts split exactly. */
struct cost_tree;
/* What a cost key needs to know of a party it names. */
struct cost_party {
	long population;	/* -1 if unknown */
	int population_year;
	struct kk_ids members;
};
/* Look up party ID; false when there is none. */
typedef bool cost_lookup_fn(void *ctx, const char *id, struct cost_party *out);
int cost_split(kk_rappen amount, const int64_t *weights, size_t n,
    kk_rappen *out);
struct cost_tree *cost_resolve(struct arena *a, const struct kk_org *org,
    const char *key, cost_lookup_fn *lookup, void *ctx,
    struct kk_diags *diags);
size_t cost_payers(const struct cost_tree *t, const char *const **ids);
void cost_apply(const struct cost_tree *t, kk_rappen amount,
    kk_rappen *shares);

/* progress.c: a long job's steps, as a bar on a terminal, and their times. */
struct progress {
	bool bar;		/* standard error is a terminal */
	bool times;		/* print each step's time when it ends */
	const char *step;	/* the step under way, or NULL */
	struct timespec start;
	int percent;		/* as last drawn */
};
void progress_init(struct progress *p, bool times);
/* The callback of a job: STEP (a string that lives as long as the job)
   has done DONE of TOTAL. CTX is the struct progress. */
void progress_update(void *ctx, const char *step, size_t done,
    size_t total);
void progress_end(struct progress *p);

/* table.c: a table printed as aligned text, CSV or JSON. */
enum table_format { TABLE_TEXT, TABLE_CSV, TABLE_JSON };
struct table {
	size_t ncols;
	const char **cols;	/* headings; JSON keys in lowercase */
	bool *right;		/* right-aligned (numbers) */
	int *vocab;		/* a column's enum values: i18n_vocab, or -1 */
	bool *verbatim;		/* a heading that is data (a party's id) */
	char **cells;		/* nrows x ncols, owned */
	size_t nrows, cap;
};
void table_init(struct table *t, const char *const *cols, size_t ncols);
void table_align_right(struct table *t, size_t col);
void table_row(struct table *t, ...);
void table_rowv(struct table *t, const char *const *cells);
void table_release(struct table *t);
int table_print(const struct table *t, enum table_format f, FILE *fp);
int table_format_option(const char *name, enum table_format *f);
void table_terms(struct table *t, size_t col, enum i18n_vocab v);
void table_head_verbatim(struct table *t, size_t col);
size_t table_text_width(const char *s);
void table_printf(FILE *fp, const char *fmt, ...) KK_PRINTF(2, 3);
const char *table_pad(char *buf, size_t size, const char *s, size_t width);
/* S padded to WIDTH terminal columns, for a printf() of the caller's
   statement ("%-12s" counts bytes); lives until the end of the block. */
#define PADDED(s, width) table_pad((char[160]){ 0 }, 160, (s), (width))

/* portfolio.c: the organisation's portfolio loaded for the verbs, and costed. */
struct portfolio {
	struct arena *arena;
	struct kk_doc doc;
	const struct kk_org *org;
	struct kk_party *parties;	/* every party, sorted by id */
	size_t nparties;
	struct kk_diags diags;		/* why a key could not be applied */
};
typedef void portfolio_share_fn(void *ctx, const struct kk_project *p,
    const struct kk_budget_line *line, const char *party, kk_rappen amount);
int portfolio_load(struct portfolio *pf, struct store *st, const char *org,
    char **errmsg);
void portfolio_release(struct portfolio *pf);
const struct kk_party *portfolio_party(const struct portfolio *pf,
    const char *id);
int portfolio_costs(struct portfolio *pf, const char *project,
    portfolio_share_fn *fn, void *ctx);
/* P's budget over all its lines and years. */
kk_rappen portfolio_project_total(const struct kk_project *p);
/* The years of O's tables: its strategy period, widened to any budget;
   *COUNT 0 if it has neither. */
void portfolio_years(const struct kk_org *o, int *first, int *count);

/* fmt-yaml-diag.c: libfyaml's messages in the user's language. */
char *yaml_diag_translate(const char *message);

/* fmt-ics.c, fmt-xlsx.c: the portfolio as a calendar and as a workbook. */
int ics_write(const struct kk_org *o, FILE *fp);
int xlsx_write(struct portfolio *pf, const struct kk_strategy *strategies,
    size_t nstrategies, const char *path, const char *name, char **errmsg);
enum xlsx_sheet {
	XLSX_PORTFOLIO, XLSX_BUDGET, XLSX_SHARES, XLSX_INFRASTRUCTURE,
	XLSX_PARTIES, XLSX_ITEMS, XLSX_SHEET_COUNT
};
const char *xlsx_sheet_name(enum xlsx_sheet s);

/* plan.c: the schedule of the portfolio (critical path method). */
struct plan_entry {
	const struct kk_project *project;
	long start, end;	/* earliest, in days (kk_date_days()) */
	long delay;		/* days its dependencies push it back */
	const struct kk_project *driver;	/* the dependency that allows
						   the latest start; or NULL */
	long allowed;		/* the start the driver allows */
	bool critical;
};
struct plan {
	struct plan_entry *v;	/* in the order of the projects */
	size_t n;
	const struct kk_project **path;	/* the critical path, first to last */
	size_t npath;
};
int plan_schedule(const struct kk_org *o, struct plan *out);
void plan_release(struct plan *p);
const struct plan_entry *plan_find(const struct plan *p, const char *id);

/* cmd.c: the verbs of the command line, a table of descriptors. */
struct cmd_ctx {
	const char *db;		/* --db, or ./konkordat.db */
	const char *actor;	/* who the audit log names */
	struct store *store;	/* opened by cmd_store() */
	const struct cmd *verb;	/* the verb running; how it opens the store */
	int store_fault;	/* a fault that failed the opening: store_fault() */
};
struct cmd {
	const char *name;
	const char *usage;	/* the arguments, after the verb */
	const char *summary;	/* one line for 'konkordat help' */
	const char *help;	/* the options and what the verb does */
	int (*exec)(struct cmd_ctx *ctx, int argc, char **argv);
};
extern const struct cmd cmd_init;
extern const struct cmd cmd_copy;
extern const struct cmd cmd_check;
extern const struct cmd cmd_import;
extern const struct cmd cmd_export;
extern const struct cmd cmd_list;
extern const struct cmd cmd_show;
extern const struct cmd cmd_summary;
extern const struct cmd cmd_cost;
extern const struct cmd cmd_project;
extern const struct cmd cmd_infra;
extern const struct cmd cmd_timeline;
extern const struct cmd cmd_help;
extern const struct cmd cmd_align;
extern const struct cmd cmd_report;
extern const struct cmd cmd_review;
extern const struct cmd cmd_coverage;
extern const struct cmd cmd_log;
const struct cmd *cmd_find(const char *name);
void cmd_usage(const struct cmd *c, FILE *fp);
int cmd_usage_error(const struct cmd *c, const char *fmt, ...)
    KK_PRINTF(2, 3);
int cmd_help_requested(const struct cmd *c, int argc, char **argv);
struct store *cmd_store(struct cmd_ctx *ctx, bool create);
struct store *cmd_store_readonly(struct cmd_ctx *ctx);
/* The verb's write transaction on ST under its actor, and its end:
   committed when RC is KK_OK, rolled back otherwise (cmd.c). */
int cmd_begin(struct cmd_ctx *ctx, struct store *st);
int cmd_end(struct store *st, int rc, char **msg);
int cmd_exit_status(int code);
const char *cmd_hint(int code);
void cmd_refused(int code, const char *msg);
void cmd_print_diags(const struct kk_diags *d);
int cmd_finish(struct cmd_ctx *ctx, int rc);
struct portfolio;
int cmd_portfolio(struct cmd_ctx *ctx, const char *org, struct portfolio *pf);
struct common_view;
int cmd_common(struct cmd_ctx *ctx, const char *org, struct common_view *v);
void cmd_print_help(FILE *fp);
int export_xlsx(struct cmd_ctx *ctx, const char *file, const char *org);
int export_ics(struct cmd_ctx *ctx, const char *file, const char *org);

/*
 * model-check.c: what must hold of a joint organisation whatever its model
 * came from (a file, a form, a request), each fault a diagnostic in D at
 * the value's place where the model has one. check_org(): the references
 * within the organisation (cost keys, projects, bodies, components,
 * agreements) and dependencies without a cycle; check_key(): shares that
 * make 100 %, units that count something.
 */
void check_org(const struct kk_org *o, struct kk_diags *d);
void check_key(const struct kk_cost_key *k, struct kk_diags *d);

/* import.c: files in, checked together, written all or nothing in the
   caller's transaction. */
struct store;
struct import {
	struct arena *arena;
	struct kk_doc *docs;
	size_t ndocs, cap;
	struct kk_diags diags;
	size_t nadded, nchanged, nremoved;
};
void import_init(struct import *im);
void import_release(struct import *im);
int import_read(struct import *im, const char *path);
/* A document that was not read from a file (a stored one with one record
   changed: edit.h), checked and written as a file's would be. What DOC
   points to must outlive IM. */
void import_add(struct import *im, const struct kk_doc *doc);
int import_check(struct import *im, struct store *st);
int import_write(struct import *im, struct store *st,
    void (*notify)(void *ctx, int change, const char *entity), void *ctx);

/*
 * fmt-archimate.c, fmt-archimate-read.c, fmt-archimate-write.c,
 * fmt-archi-csv.c: ArchiMate 3.1 exchange files and Archi's CSV triple, in
 * and out (doc/interop.md). A model travels as a stream of concepts: the
 * readers hand each one to an import as soon as it is read, and the
 * writers take them from the store one at a time, so that a model of a
 * million elements never sits in memory whole. Strings in these structures
 * belong to whoever filled them (an arena, in practice); nothing here frees.
 */
struct am_text {
	const char *lang;	/* xml:lang; NULL when none was given */
	const char *s;
};
struct am_texts {
	struct am_text *v;
	size_t n;
};
struct am_prop {
	const char *ref;	/* the property definition's identifier */
	struct am_texts values;
};
/* An attribute the format has no field for: accessType, modifier and
   isDirected of relationships (NS is NULL), or one of another namespace
   (NS is its URI, NAME prefix:local). */
struct am_attr {
	const char *ns;
	const char *name;
	const char *value;
};
/* What every part of a model may carry besides its own fields. */
struct am_extra {
	struct am_prop *props;
	size_t nprops;
	struct am_attr *attrs;
	size_t nattrs;
	const char **ext;	/* elements of other namespaces, as XML text */
	size_t next;
};
struct am_concept {
	const char *id;
	const char *type;	/* as the exchange format writes it: Goal, Association */
	bool relation;
	const char *source, *target;	/* relationships only */
	struct am_texts names, docs;
	struct am_extra x;
	const char *strategy, *item;	/* the konkordat item it is, or NULL */
};
struct am_propdef {
	const char *id;
	const char *type;	/* string, boolean, currency, date, time, number */
	struct am_texts names, docs;
	struct am_extra x;	/* no properties */
};
/* The <model> element itself: all it says besides its content. */
struct am_head {
	const char *id;
	const char *version;	/* the version attribute, or NULL */
	struct am_texts names, docs;
	struct am_extra x;
	const char *metadata;	/* <metadata> as XML text, or NULL */
};
/* One <item> of <organizations>, in document order. */
struct am_folder {
	int grp;		/* which <organizations> element, from 0 */
	int depth;		/* 0: right under <organizations> */
	const char *id;		/* identifier, or NULL */
	const char *ref;	/* identifierRef, or NULL */
	struct am_texts labels, docs;
	struct am_extra x;	/* no properties */
	/* or, when NREFS > 0, a run of items that hold nothing but an
	   identifierRef each (and the fields above are empty) */
	const char **refs;
	size_t nrefs;
};

/* fmt-archimate.c: the types, their JSON form in the store, and imports. */
bool am_element_type(const char *type);
bool am_relation_type(const char *type);
/* Archi's CSV name of a type (Junction, AssociationRelationship), and back:
   the exchange format's name or NULL; *JUNCTION gets And or Or. */
#define AM_CSV_TYPE_SIZE 64
const char *am_csv_type(const char *type, bool relation,
    char buf[AM_CSV_TYPE_SIZE]);
const char *am_type_from_csv(const char *csv, bool *relation);
const char *am_text_pick(const struct am_texts *t, const char *lang);
/* JSON text of the parts the store keeps as JSON; the caller frees. */
char *am_concept_json(const struct am_concept *c);
char *am_propdef_json(const struct am_propdef *p);
char *am_head_json(const struct am_head *h);
char *am_folder_json(const struct am_folder *f);
/* And back: strings go to arena A; KK_EIO if TEXT is not what we wrote. */
int am_concept_parse(struct arena *a, const char *text, struct am_concept *c);
int am_propdef_parse(struct arena *a, const char *text, struct am_propdef *p);
int am_head_parse(struct arena *a, const char *text, struct am_head *h);
int am_folder_parse(struct arena *a, const char *text, struct am_folder *f);

/*
 * An import of one model: a reader calls am_import_head() once, then the
 * other am_import_*() functions in document order, then
 * am_import_finish(). Everything goes to the store in the caller's write
 * transaction (store_begin()), and stays there only when no diagnostic was
 * added and DRY_RUN is false: am_import_free() takes back what is left
 * (store_mark()). The caller commits.
 * With MERGE (Archi's CSV), concepts not in the input stay; without it
 * (exchange files), the input replaces the model of the same identifier.
 */
struct am_import;
struct am_opts {
	const char *party;	/* --party, or NULL: a party made from the name */
	bool merge;
	bool dry_run;
};
struct am_counts {
	size_t elements, relations, propdefs, folders, views, items;
	size_t added, changed, removed;	/* rows, as the audit log counts */
	char party[72], strategy[72];	/* where the items went */
	/* the file was konkordat's own export of this database and held
	   nothing the database lacks: nothing was written */
	bool own;
};
/* The import the caller frees with am_import_free(); diagnostics go to D. */
struct am_import *am_import_new(struct store *st, const struct am_opts *o,
    struct kk_diags *d);
void am_import_free(struct am_import *im);
/* A concept may be refused after later ones were given (the store writes
   them in batches): then PLACE is told the diagnostic's index in D, the
   concept's identifier and the place given with it, for a reader that
   knows its places only roughly and finds them later. */
typedef void am_place_fn(void *ctx, size_t diag, const char *id,
    const struct kk_loc *at);
void am_import_set_place(struct am_import *im, am_place_fn *place,
    void *ctx);
/* Write the concepts still held back, so that their refusals are among
   the diagnostics now (am_import_finish() does it too). */
int am_import_flush(struct am_import *im);
int am_import_head(struct am_import *im, const struct am_head *h,
    const struct kk_loc *loc);
int am_import_concept(struct am_import *im, const struct am_concept *c,
    const struct kk_loc *loc);
/* Archi's CSV names properties by key: the identifier of the model's
   property definition named KEY, made (a string) when there is none. Call
   after am_import_head(); the string lives as long as the import. */
const char *am_import_propkey(struct am_import *im, const char *key);
/* And the model's own properties, which name definitions made after the
   head: added to (or replacing those of) the head's. */
void am_import_head_props(struct am_import *im, const struct am_extra *x);
int am_import_propdef(struct am_import *im, const struct am_propdef *p,
    const struct kk_loc *loc);
int am_import_folder(struct am_import *im, const struct am_folder *f,
    const struct kk_loc *loc);
int am_import_viewpoints(struct am_import *im, const char *xml);
/* A reference of a view: to REF, of a kind in WANT (store.h's
   STORE_AM_ELEMENT ..., 0 any), from the node or connection BY. */
struct am_viewref {
	const char *ref, *by;
	unsigned want;
};
/* A view as XML text; REFS (N of them) are what it refers to. */
int am_import_view(struct am_import *im, const char *id, const char *xml,
    const struct am_viewref *refs, size_t nrefs, const struct kk_loc *loc);
/* Whether the import has written a concept, view or property definition
   with identifier ID already (konkordat's own ones aside). */
bool am_import_id_taken(struct am_import *im, const char *id);
/* What an identifier of an imported file names. */
enum am_id_kind {
	AM_ID_CONCEPT,	/* an element or relationship */
	AM_ID_PROPDEF,	/* a property definition */
	AM_ID_OTHER	/* the model, a folder, a view, a node, a connection */
};
/* The model (allocated) already in the database that has ID, or NULL:
   the export writes every model into one file, where it must be once. */
char *am_import_id_foreign(struct am_import *im, const char *id,
    enum am_id_kind kind);
/*
 * References that lead nowhere, found once everything is read, are added
 * to the diagnostics. LOCATE (if not NULL) sets loc->file and, when
 * REFERRER is not NULL, finds where it was written: REFERRER is the
 * identifier of the part that refers, or "@" and the identifier a folder
 * item refers to. It leaves *LOC as it is when it finds nothing.
 */
typedef void am_locate_fn(void *ctx, const char *referrer,
    struct kk_loc *loc);
int am_import_finish(struct am_import *im, am_locate_fn *locate, void *ctx,
    struct am_counts *out);

/*
 * The concepts, property definitions and views konkordat makes of its own
 * data (parties, strategies, the joint organisation), as the writers
 * write them. Everything lives in arena A.
 */
struct am_node {
	const char *id;
	const char *ref;	/* element identifier */
	int x, y, w, h;
};
struct am_conn {
	const char *id;
	const char *ref;	/* relationship identifier */
	const char *source, *target;	/* node identifiers */
};
struct am_view {
	const char *id;
	const char *name;
	const char *lang;
	struct am_node *nodes;
	size_t nnodes;
	struct am_conn *conns;
	size_t nconns;
};
struct am_native {
	struct am_concept *concepts;	/* elements, then relationships */
	size_t nconcepts;
	struct am_propdef *propdefs;
	size_t npropdefs;
	struct am_view *views;
	size_t nviews;
	const char *org_name;	/* the joint organisation's, or NULL */
	/* the items of every strategy, for the names of mapped elements */
	struct kk_strategy *strategies;
	size_t nstrategies;
};
int am_native_build(struct store *st, struct arena *a, struct am_native *n);
/* A kept element that is a konkordat item has the item's title and text
   as name and documentation (in the strategy's language): C's texts are
   replaced, with new arrays in arena A. */
void am_live(const struct am_native *n, struct arena *a, struct am_concept *c);

/* fmt-archimate-read.c: exchange files in, streamed (xmlReader). DATA is
   the file's content, or NULL to stream it from PATH (which diagnostics
   point to: it must outlive D). KK_EINPUT with diagnostics, KK_EIO when
   the store failed. It and archi_csv_import() write in the caller's
   transaction (am_import_new()). */
int archimate_import(struct store *st, const char *path, const char *data,
    size_t len, const struct am_opts *o, struct kk_diags *d,
    struct am_counts *out);

/* fmt-archimate-schema.c: the exchange format's schema (archimate3_Diagram_dc.xsd
   and what it includes, built in) without the identity constraints over
   the whole model, compiled at the first call and shared, read-only,
   after; NULL if it cannot be compiled (a bug). */
struct _xmlSchema *am_schema(void);

/* fmt-archimate-write.c: the whole model out, as one exchange file; on
   failure *ERRMSG (the caller frees) says why. */
int archimate_export(struct store *st, FILE *fp, char **errmsg);

/* fmt-archi-csv.c: Archi's CSV triple in and out. PATHS are files, or one
   folder holding elements.csv, relations.csv, properties.csv (the file
   names that diagnostics then point to live until the next import). */
int archi_csv_import(struct store *st, char *const *paths, size_t npaths,
    const struct am_opts *o, struct kk_diags *d, struct am_counts *out);
/* Into DIR, which exists; *ERRMSG as for archimate_export(). */
int archi_csv_export(struct store *st, const char *dir, char **errmsg);


/*
 * common.c: the common strategy of a joint organisation: the parties'
 * fields and goals aligned into common ones (the engine proposes), the
 * people's decisions on them, and what the verbs read. The store's types
 * (struct store_common, store_citem, store_mapping) are in store.h.
 * Functions that change something run in a transaction of their own and
 * return 0, KK_EINPUT with *ERRMSG (the caller frees) for a wrong id or a
 * refused change, or KK_EIO with *ERRMSG.
 */
struct align_lexicon;
struct store_common;
struct store_citem;
struct store_mapping;
struct common_view {
	struct arena *arena;	/* everything below lives here */
	const char *org;
	struct kk_party *orgp;
	struct store_common *cs;	/* the current version; NULL if none */
	struct store_citem *items;
	size_t nitems;
	struct store_mapping *maps;
	size_t nmaps;
	struct kk_strategy *strategies;	/* of the organisation's parties */
	size_t nstrategies;
};
/* Load the joint organisation ORG (NULL: the only one) and its current
   common strategy; release V with common_view_release() in every case. */
int common_load(struct store *st, const char *org, struct common_view *v,
    char **errmsg);
void common_view_release(struct common_view *v);
/* "ORG has no common strategy yet", for V without one (KK_ENEED_ALIGN);
   the caller frees it. */
char *common_none_msg(const struct common_view *v);
const struct store_citem *common_citem(const struct common_view *v,
    const char *id);
const struct kk_item *common_party_item(const struct common_view *v,
    const char *strategy, const char *item, const struct kk_strategy **sp);
const char *common_citem_label(const struct store_citem *ci);
/* Whether M ties its party item to its common item: an equivalent that
   nobody rejected. Coverage, costs per field and the report count only
   these; broader, narrower and related links stay suggestions. */
bool common_mapping_holds(const struct store_mapping *m);
const char *common_why(struct arena *a, const struct store_mapping *m);
/* The view as JSON for --json; the caller releases it. */
json_t *common_view_json(const struct common_view *v);

/* What common_align() did; strings freed by common_stats_release(). */
struct common_stats {
	char *common;		/* the draft it wrote */
	char *based_on;		/* the version it was made from, or NULL */
	size_t groups, made, items;
	size_t mapped, proposed;	/* proposals; of them new */
	size_t kept, removed;
};
/* Align the parties' fields and goals into the draft common strategy
   (made when there is none or the current one is adopted), keeping every
   decision; MIN_SCORE 0 for the engine's default. This and the decisions
   below write in the caller's transaction (store_begin()), which the
   caller rolls back when they fail. */
int common_align(struct store *st, struct align_lexicon *lex, const char *org,
    double min_score, struct common_stats *out, char **errmsg);
void common_stats_release(struct common_stats *s);
/* TARGETS are common items (c001: their proposals), items (STRATEGY/ITEM:
   their equivalent) or ITEM@c001 (that mapping); *COUNT says how many
   changed. */
int common_decide(struct store *st, const char *org, const char *actor,
    const char *const *targets, size_t ntargets, bool accept, size_t *count,
    char **errmsg);
int common_move(struct store *st, const char *org, const char *actor,
    const char *item, const char *citem, char **errmsg);
int common_merge(struct store *st, const char *org, const char *actor,
    const char *into, const char *from, char **errmsg);
/* *NEWID (the caller frees) is the common item made. */
int common_split(struct store *st, const char *org, const char *actor,
    const char *citem, const char *const *items, size_t nitems,
    char **newid, char **errmsg);
int common_rename(struct store *st, const char *org, const char *citem,
    const char *label, char **errmsg);
/* *ID (the caller frees) is the version adopted. */
int common_adopt(struct store *st, const char *org, const char *actor,
    char **id, char **errmsg);

/*
 * coverage.c: party x common field of a common strategy: which of each
 * party's items hold to each common field (common_mapping_holds()), its
 * own fields and its goals mapped to the field's common goals, and the
 * measures that realise those goals. Pure computation on a common_view.
 */
struct coverage_row {
	const struct store_citem *ci;	/* a common field, or a goal of it */
	char **items;		/* per party: item ids, space-separated */
	char **measures;	/* per party: measure ids, space-separated */
	size_t naddressed;	/* parties with items: fewer than all is a gap */
	size_t nmeasured;	/* parties with measures: 2 or more overlap */
};
struct coverage {
	const char **parties;	/* those with a strategy, in the
				   organisation's order; V's strings */
	size_t nparties;
	struct coverage_row *rows;	/* each field, then (GOALS) its goals */
	size_t nrows;
	size_t nfields, ngaps, noverlaps;	/* counted over the fields */
};
/* The coverage of V; OUT lives while V does, freed by coverage_release(). */
void coverage_build(const struct common_view *v, bool goals,
    struct coverage *out);
void coverage_release(struct coverage *c);

/*
 * field-cost.c: the portfolio's budget per common field of action. Each
 * budget line is split in equal parts (cost_split()) among the distinct
 * common fields its project's goals lead to (through mappings that hold,
 * a goal's common goal leading to its field).
 */
struct field_costs {
	const char **fields;	/* the common fields' ids, in order; V's */
	size_t nfields;
	int first_year, nyears;	/* portfolio_years() */
	kk_rappen *cells;	/* (NFIELDS + 1) rows of NYEARS: row NFIELDS
				   holds the projects whose goals lead to no
				   common field */
};
/* The common field party item REF (STRATEGY/ITEM) leads to, or NULL. */
const char *common_field_of(const struct common_view *v, const char *ref);
/* OUT lives while V does; freed by field_costs_release(). */
void field_costs_build(const struct kk_org *o, const struct common_view *v,
    struct field_costs *out);
void field_costs_release(struct field_costs *fc);

/*
 * infra.c: the shared infrastructure on a day (YYYY-MM-DD). Components of
 * the same kind and function, in operation, run by two or more parties are
 * candidates to merge: merging keeps the most expensive one, so what it
 * could save is at most the yearly cost of the others (before the cost of
 * migrating and of the larger one growing).
 */
/* C's phase on DATE: the last that has started (kk_phase_names), or "-". */
const char *infra_phase_on(const struct kk_component *c, const char *date);
/* Who runs C: its operator, else its owner. */
const char *infra_runner(const struct kk_component *c);
struct infra_candidate {
	enum kk_component_kind kind;
	const char *function;
	const struct kk_component **components;	/* in O's order */
	size_t ncomponents;
	struct kk_ids runners;	/* O's strings, in order of first component */
	kk_rappen cost, saving;	/* a year, at most; -1 if a cost is unknown */
};
/* The candidates of O on DATE into *OUT (living while O does), their
   number returned; freed by infra_candidates_release(). */
size_t infra_candidates(const struct kk_org *o, const char *date,
    struct infra_candidate **out);
void infra_candidates_release(struct infra_candidate *v, size_t n);

/*
 * timeline.c: everything of a joint organisation that has a date (the
 * timetable's and the projects' milestones, the projects' ends, the
 * decisions, the ends of agreements) with its state on a day: done
 * (decisions when taken, a project's end when it is done or stopped),
 * late (past, not done), due (within DAYS) or later.
 */
enum timeline_state { TIMELINE_DONE, TIMELINE_LATE, TIMELINE_DUE,
	TIMELINE_LATER };
/* "done", "late", "due", "later" (N_() marked: _() shows them). */
const char *timeline_state_name(enum timeline_state s);
struct timeline_event {
	const char *date;	/* YYYY-MM-DD; O's string */
	const char *kind;	/* N_() marked: milestone, project end, ... */
	char *id;		/* PROJECT/MILESTONE for a project's */
	const char *what;
	bool done;
	enum timeline_state state;
};
struct timeline {
	struct timeline_event *v;	/* by date, then id */
	size_t n, cap;
	size_t nlate, ndue;
};
/* O's events on TODAY; OUT lives while O does, freed by
   timeline_release(). */
void timeline_build(const struct kk_org *o, const char *today, long days,
    struct timeline *out);
void timeline_release(struct timeline *t);

/*
 * html.c: HTML written with escaping by default (cgit's html.c). The
 * function called chooses the escaping: html_txt() for text, html_attr()
 * for an attribute value between double quotes, html_raw() only for markup
 * the program wrote itself (grep html_raw to audit). A writer goes to a
 * FILE or appends to a struct buf; it owns neither, and needs no release.
 */
struct html {
	FILE *fp;		/* where it goes: FP, or else B */
	struct buf *b;
};
void html_init_file(struct html *h, FILE *fp);
void html_init_buf(struct html *h, struct buf *b);
void html_raw(struct html *h, const char *s);
void html_rawf(struct html *h, const char *fmt, ...) KK_PRINTF(2, 3);
void html_txt(struct html *h, const char *s);
void html_txtf(struct html *h, const char *fmt, ...) KK_PRINTF(2, 3);
void html_attr(struct html *h, const char *s);
void html_attrf(struct html *h, const char *fmt, ...) KK_PRINTF(2, 3);
int html_error(const struct html *h);

/*
 * svg.c: inline SVG charts (timeline for Gantt and lifecycle, stacked
 * bars, heatmap). Every chart has a <title> and <desc>, tells its series
 * apart by pattern and label as well as by colour (Okabe-Ito palette),
 * and writes every text through svg_txt(). The caller keeps ownership of
 * everything it passes; nothing is kept after the call.
 */
void svg_txt(struct html *h, const char *s);
void svg_txtf(struct html *h, const char *fmt, ...) KK_PRINTF(2, 3);
struct svg_chart {
	const char *id;		/* unique in the page: prefixes element ids */
	const char *title;	/* <title>: what the chart shows */
	const char *desc;	/* <desc>: what it says, in a sentence */
	const char *lang;	/* how numbers are written (locale-fmt.c);
				   NULL: German */
};
/* One stretch of a timeline row, in days (kk_date_days()). */
struct svg_span {
	long start, end;
	int style;		/* index into the legend's styles */
	const char *label;	/* written on the span when it fits, or NULL */
};
struct svg_mark {
	long day;
	bool done;		/* filled diamond; open otherwise */
	const char *tip;	/* hover text, or NULL */
};
struct svg_row {
	const char *label;
	const char *tip;	/* hover text of the row, or NULL */
	const struct svg_span *spans;
	size_t nspans;
	const struct svg_mark *marks;
	size_t nmarks;
	bool emphasis;		/* drawn with a thick outline and a star */
};
/* An arrow from the end of row FROM's last span to the start of TO's. */
struct svg_link {
	size_t from, to;
};
struct svg_legend {
	const char *const *styles;	/* a name per style */
	size_t nstyles;
	const char *marks[2];		/* open, done milestone; NULL: none */
	const char *emphasis;		/* what the outline means, or NULL */
	const char *link;		/* what an arrow means, or NULL */
};
void svg_timeline(struct html *h, const struct svg_chart *c, int year0,
    int year1, const struct svg_row *rows, size_t nrows,
    const struct svg_link *links, size_t nlinks,
    const struct svg_legend *legend);
/* Bars of NCATS categories, each a stack of NSERIES values (V is
   nseries x ncats, in Rappen); the axis counts francs. */
void svg_stacked(struct html *h, const struct svg_chart *c,
    const char *const *cats, size_t ncats, const char *const *series,
    size_t nseries, const kk_rappen *v);
/* A grid of counts (V is nrows x ncols), each cell shaded and numbered.
   With ZERO, an empty cell is hatched, and a legend under the grid names
   the hatch ZERO and each shade's counts. */
void svg_heatmap(struct html *h, const struct svg_chart *c,
    const char *const *rows, size_t nrows, const char *const *cols,
    size_t ncols, const int *v, const char *zero);

/*
 * report-text.c: the report's fixed texts in the reader's language. The
 * German text is the key (German comes first); report_text() returns the
 * text for LANG, or the key itself when there is none; report_ntext() the
 * same for a count, in the language's plural form. Strings are static.
 * RN_() marks a German text in an initializer (an array of names) for the
 * report's catalog, to be passed through report_text() where it is used.
 */
#define RN_(de) (de)
bool report_lang_valid(const char *lang);
const char *report_text(const char *lang, const char *de) KK_FORMAT_ARG(2);
const char *report_ntext(const char *lang, const char *de_one,
    const char *de_many, unsigned long n) KK_FORMAT_ARG(2) KK_FORMAT_ARG(3);
int report_lang_check(const char *lang, char **errmsg);

/*
 * locale-fmt.c: numbers, amounts and dates as the report's languages (de,
 * fr, it, en) write them in Switzerland: 1'250'000, 1 250 000 (U+202F),
 * 1,250,000; 30.06.2013, 30 June 2013. Each writes into OUT, which
 * LFMT_SIZE always holds, and returns it.
 */
#define LFMT_SIZE 64
char *lfmt_int(const char *lang, int64_t n, char out[LFMT_SIZE]);
char *lfmt_chf(const char *lang, kk_rappen r, char out[LFMT_SIZE]);
char *lfmt_date(const char *lang, const char *iso, char out[LFMT_SIZE]);
char *lfmt_date_long(const char *lang, const char *iso,
    char out[LFMT_SIZE]);

/*
 * An amount in francs as people write it: "1250000", "1250000.5",
 * "1'250'000.05" (the apostrophe, or the typographic U+2019, groups
 * exactly three digits). At most two decimals, not negative, at most
 * KK_CHF_MAX_FRANCS francs. Returns 0 with *OUT in Rappen, or one of the
 * KK_CHF_* codes and *OUT untouched.
 */
#define KK_CHF_MAX_FRANCS 9999999999999LL	/* 9'999'999'999'999.99 */
enum {
	KK_CHF_SYNTAX = -1,	/* not digits, one point, two decimals */
	KK_CHF_GROUPING = -2,	/* a separator not between groups of three */
	KK_CHF_TOO_LARGE = -3,	/* over KK_CHF_MAX_FRANCS */
};
int kk_parse_chf(const char *s, kk_rappen *out);

/*
 * report.c: the planning report's content, gathered from the store once
 * for every format and laid out as a document: blocks in reading order
 * whose texts are final (in the reader's language, amounts and dates
 * formatted) and unescaped. The writers (report-html.c, report-odt.c)
 * only lay the blocks out and escape them, so that the formats cannot
 * disagree about a figure, a table or a sentence. Everything lives in
 * the report's arena or portfolio and goes with report_release().
 */
enum report_block_kind {
	REPORT_HEADING,		/* LEVEL 1 a chapter, 2 a section, 3 below */
	REPORT_PARA,
	REPORT_NOTE,		/* a paragraph that must stand out */
	REPORT_QUOTE,
	REPORT_TABLE,
	REPORT_FIGURE,
	REPORT_LIST,
};
struct report_cell {
	struct report_cell *next;
	const char *text;
	int span;		/* the columns it covers, at least 1 */
	bool num;		/* an amount, count or date: set right */
	bool lines;		/* '\n' in TEXT starts a new line */
	int light;		/* a traffic light before TEXT: 1 + enum
				   kk_light, or 0 */
};
enum report_row_kind {
	REPORT_ROW,
	REPORT_ROW_TOTAL,	/* a sum under the rows above */
	REPORT_ROW_SUB,		/* belongs to the row above it */
};
struct report_row {
	struct report_row *next;
	struct report_cell *cells;
	enum report_row_kind kind;
};
/* An entry of a list: "ID TITLE: TEXT (NOTE)". */
struct report_item {
	struct report_item *next;
	const char *id, *title;
	const char *text;	/* or NULL */
	const char *note;	/* said after it, emphasised, or NULL */
	bool group;		/* the items after it, up to the next group,
				   form its sub-list */
};
struct report_block {
	struct report_block *next;
	enum report_block_kind kind;
	int level;		/* a heading's */
	const char *id;		/* a heading's anchor, or NULL */
	const char *text;	/* heading, paragraph, quote; a table's or
				   figure's caption with its label */
	const char *toc;	/* a heading's line in the contents, or NULL */
	int number;		/* a table's or figure's */
	size_t numpos;		/* where NUMBER stands in TEXT */
	size_t numlen;		/* its digits; 0: TEXT does not show it */
	struct report_cell *head;	/* a table's header row */
	size_t ncols;
	struct report_row *rows;
	const char *svg;	/* a figure: one standalone SVG document */
	int width, height;	/* its size, in CSS pixels */
	const char *alt;	/* a figure: where its data are, in words */
	struct report_item *items;	/* a list's */
};
struct report_doc {
	const char *title;	/* "Planungsbericht" */
	const char *subtitle;	/* the joint strategy and its period */
	const char *org;	/* the joint organisation's name */
	const char *parties;	/* "A, B, C und D" */
	const char *date;	/* "Stand: 30.06.2013", or NULL */
	const char *contents;	/* the heading of the contents */
	struct report_block *blocks;
};
struct report_party {
	const struct kk_party *party;
	const struct kk_strategy *strategy;	/* NULL if it has none */
	size_t count[KK_ITEM_KIND_COUNT];
	kk_rappen *cost;	/* a share per year of the report */
};
/* Components of one kind and function in operation, run by two or more
   parties (the rule of 'konkordat infra consolidation'). */
struct report_group {
	const struct kk_component **members;
	size_t n;
	struct kk_ids runners;
	kk_rappen cost, saving;	/* a year; -1 when a cost is unknown */
};
/*
 * Above REPORT_PARTIES_MAX parties (a national data set: every
 * municipality a party) the report sums the parties up by kind in its
 * tables, charts and annex, and says that the workbook of 'konkordat
 * export xlsx' holds each party; above REPORT_PROJECTS_MAX projects the
 * roadmap shows the critical path and the largest budgets, and each
 * project's budget per year is left to the workbook.
 */
#define REPORT_PARTIES_MAX 30
#define REPORT_PROJECTS_MAX 60
/* A row of the heatmaps and the finances: a party, or a kind of them. */
struct report_rowgroup {
	const struct kk_party *party;	/* NULL: the parties of KIND */
	enum kk_party_kind kind;
	size_t nparties, nstrategies;
	long population;	/* -1 if a party's is unknown */
	size_t count[KK_ITEM_KIND_COUNT];
	kk_rappen *cost;	/* a share per year of the report */
};
struct report_opts {
	const char *org;	/* NULL: the only joint organisation */
	const char *lang;	/* "de", "en", "fr" or "it" */
	const char *date;	/* "as of" date YYYY-MM-DD, or NULL: none */
};
struct report {
	struct report_opts opts;
	const char *today;	/* date the phases are read on: the date,
				   or the end of the period */
	struct portfolio pf;
	const struct kk_org *org;
	struct report_party *parties;	/* standalone parties, by kind */
	size_t nparties;
	size_t nmunis;		/* municipalities without a file that pay */
	kk_rappen *munis_cost;	/* their shares per year, summed */
	int year0, nyears;	/* the years of the finances */
	kk_rappen *budget[KK_BUDGET_KIND_COUNT];	/* per year */
	kk_rappen *project_cost;	/* nprojects x nyears */
	kk_rappen total;
	struct plan plan;
	bool national;		/* over REPORT_PARTIES_MAX parties */
	struct report_rowgroup *rows;	/* each party, or each kind when
					   national, in the parties' order */
	size_t nrows;
	size_t *row_of;		/* a party's row, by its index */
	const char **tags;	/* the topics of the parties' items */
	size_t ntags;
	int *tag_counts;	/* nrows x ntags */
	bool common;		/* the common strategy exists */
	struct common_view cv;	/* it, when it does */
	const struct store_citem **cfields;	/* its fields, in order */
	size_t ncfields;
	struct report_rowgroup *crows;	/* the organisation's parties, or
					   their kinds: whose are aligned */
	size_t ncrows;
	size_t *crow_of;	/* a party's row there, or SIZE_MAX */
	int *cover;		/* ncrows x ncfields: items mapped to each */
	int *citem_parties, *citem_items;	/* per cv.items: mapped as
						   equivalent, not rejected */
	struct report_group *groups;	/* consolidation candidates */
	size_t ngroups;
	struct report_doc doc;	/* all of the above, laid out */
};
int report_load(struct report *r, struct store *st,
    const struct report_opts *o, char **errmsg);
void report_release(struct report *r);
const char *report_runner(const struct kk_component *c);
const char *report_phase_on(const struct kk_component *c, const char *date);

/* report-html.c: the planning report as one self-contained HTML file. */
int report_html(const struct report *r, FILE *fp);

/* report-odt.c: the planning report as an OpenDocument text. Returns 0,
   or KK_EIO with *ERRMSG (the caller frees) saying why. */
int report_odt(const struct report *r, FILE *fp, char **errmsg);

/*
 * report-pdf.c: the planning report as PDF, the HTML printed by headless
 * Chromium (an optional program: without it, KK_EINPUT and a message that
 * says what to install). Writes the PDF's bytes to FP. Returns 0, or a
 * KK_E* code with *ERRMSG (the caller frees) saying why.
 */
int report_pdf(const struct report *r, FILE *fp, char **errmsg);

#endif
