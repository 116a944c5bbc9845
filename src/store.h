/* store.h: where konkordat keeps its data; the only door to SQL. */
#ifndef KK_STORE_H
#define KK_STORE_H

#include "konkordat.h"

/*
 * A store is a database that holds konkordat's model: an embedded SQLite
 * file now, PostgreSQL later, behind these same functions. Nothing outside
 * the store modules writes SQL.
 *
 * Every change goes through a put or sync function, which compares the new
 * value with the stored one, writes only what differs, raises the row's
 * version, writes an audit row (who, when, before and after as JSON) and
 * tells the caller through the notify function. Writing a value equal to the
 * stored one changes nothing, so that importing a file twice adds no audit
 * rows.
 *
 * Functions return 0 or a negative KK_E* code; store_errmsg() then says what
 * failed.
 */

struct store;

/* A numbered schema migration, embedded at build time from src/sql/. */
struct store_migration {
	const char *name;
	const char *sql;
};
extern const struct store_migration store_migrations[];
/* The same, in PostgreSQL's dialect, from src/sql/pg/ (one per file of
   src/sql, with the same tables and columns). */
extern const struct store_migration store_pg_migrations[];

/* PRAGMA application_id of konkordat's databases: "KONK". */
enum { STORE_APPLICATION_ID = 0x4B4F4E4B };

enum store_open_mode {
	STORE_EXISTING,		/* fail when there is no database yet */
	STORE_CREATE,		/* create the database when it is missing */
	STORE_READONLY,		/* read only; the schema must be current */
};

/*
 * Open the database at PATH. Before anything is written, the file is
 * identified: konkordat's own (by its application_id, or by its tables
 * for one made before the mark), empty, or another program's, which is
 * refused and left as it is. A writer (STORE_EXISTING, STORE_CREATE) then
 * checks the file (PRAGMA quick_check), switches it to WAL and brings its
 * schema up to date; a reader (STORE_READONLY) changes nothing, refuses a
 * schema that needs migrating, and reads a WAL database on read-only media
 * as immutable. On failure *OUT is NULL and ERRMSG (if not NULL) receives
 * a message the caller frees; the return is KK_EBUSY or KK_EDISK when the
 * lock or the disk failed it (see store_fault()).
 *
 * $KONKORDAT_BUSY_TIMEOUT (milliseconds, default 5000) is how long a
 * writer waits for another program's write lock.
 */
int store_open(const char *path, enum store_open_mode mode,
    struct store **out, char **errmsg);
void store_close(struct store *st);
const char *store_errmsg(const struct store *st);
int store_schema_version(struct store *st);
/* Where ST is, as messages may show it (a PostgreSQL URI without its
   password). */
const char *store_location(const struct store *st);
/* Whether there may be a database at LOCATION: a file that exists, or
   any PostgreSQL URI (only connecting tells). */
bool store_may_exist(const char *location);

/*
 * Copy every row of FROM (every table, row version and audit entry) into
 * TO, an empty database of either backend with the same schema, inside
 * the caller's transaction on TO. *NTABLES and *NROWS count what was
 * copied; on failure *ERRMSG says why (the caller frees it).
 */
int store_copy(struct store *from, struct store *to, long *ntables,
    long *nrows, char **errmsg);

/*
 * Who writes: NAME as the audit log shows it (a login, a person's name),
 * and the party they act for and their role, each NULL when the writer
 * does not know them (the command line knows the name alone).
 */
struct store_actor {
	const char *name;
	const char *party;
	const char *role;
};

/*
 * Transactions, which the caller opens and closes: core functions write
 * inside the caller's, so that a request can wrap a check of what its
 * user may do and several writes in one. Nothing is visible to others
 * before store_commit(); a failed commit is rolled back. Every change of
 * the transaction is audited under WHO (copied; a name is required),
 * which store_commit() and store_rollback() forget: the actor belongs to
 * the transaction, never to the connection. store_begin() ends a read
 * transaction that is open.
 */
int store_begin(struct store *st, const struct store_actor *who);
int store_commit(struct store *st);
void store_rollback(struct store *st);

/*
 * A part of the caller's write transaction that can be undone alone: what
 * was written after store_mark() is undone by store_undo() or kept by
 * store_keep(), each of which ends the mark. A core function that may
 * have to take back what it wrote (an import that turns out to change
 * nothing, a dry run) marks, rather than ending the caller's transaction.
 */
int store_mark(struct store *st);
int store_keep(struct store *st);
int store_undo(struct store *st);

/*
 * A read transaction: every read until store_end_read() sees the same
 * committed state. A verb that reads takes one for all its reads; a
 * server takes one per request. store_close() ends one left open; both
 * accept what is not open.
 */
int store_begin_read(struct store *st);
void store_end_read(struct store *st);

/*
 * A database as bytes in memory, to be opened as it was any number of
 * times: a fuzz target or a test sets a database up once (the schema, a
 * model) and starts each run from that same state, without the time the
 * set-up takes and without anything a run before left behind.
 * store_image_take() copies ST's database (no transaction may be open);
 * the caller frees the image with store_image_free(), which accepts NULL.
 * store_open_image() opens a private copy of IMG in memory, on a
 * connection of its own, that goes with store_close(). Both return 0, or
 * KK_EIO with a message in *ERRMSG (the caller frees).
 */
struct store_image;
int store_image_take(struct store *st, struct store_image **out,
    char **errmsg);
int store_open_image(const struct store_image *img, struct store **out,
    char **errmsg);
void store_image_free(struct store_image *img);

/*
 * The first fault of the database since the store was opened that is not
 * about the input: KK_EBUSY (another program held the write lock longer
 * than the busy timeout), KK_EDISK (disk full or I/O error), or 0.
 * Accepts NULL.
 */
int store_fault(const struct store *st);

/*
 * KK_ECONFLICT, with the message that ENTITY ("goal vlg-2012/z1") changed
 * since version EXPECT was read: STORED is the version stored now, 0 when
 * the record is gone, -1 when unknown. The store's writes say it
 * themselves; this is for a check made before writing.
 */
int store_conflict(struct store *st, const char *entity, int expect,
    int stored);

/* Changes are announced to NOTIFY (if set). */
enum store_change { STORE_ADDED, STORE_CHANGED, STORE_REMOVED };
typedef void store_notify_fn(void *ctx, enum store_change change,
    const char *entity);
void store_set_notify(struct store *st, store_notify_fn *fn, void *ctx);
long store_audit_count(struct store *st);

/*
 * Writing. store_put_party() writes the party and its list of members (the
 * member parties must exist). store_sync_strategy() makes PARTY's strategy
 * equal to S (NULL: the party has none), items and all.
 * store_sync_org() makes the bodies, milestones and agreements of the
 * organisation equal to ORG's; the organisation itself is written with
 * store_put_party(). store_prune_parties() removes the municipalities that
 * are no longer a member of any party (they exist only as members).
 */
int store_put_party(struct store *st, const struct kk_party *p);
int store_sync_strategy(struct store *st, const char *party,
    const struct kk_strategy *s);
int store_sync_org(struct store *st, const struct kk_org *org);
int store_prune_parties(struct store *st);

/*
 * Reading. Results live in arena A, which the caller frees.
 * store_get_party() returns KK_ENOTFOUND when there is no such party.
 * store_load_doc() fills a document as its file would hold it: a party
 * file, or an organisation file for a joint organisation.
 */
int store_get_party(struct store *st, struct arena *a, const char *id,
    struct kk_party *out);
int store_list_parties(struct store *st, struct arena *a,
    struct kk_party **out, size_t *n);
int store_load_doc(struct store *st, struct arena *a, const char *party,
    struct kk_doc *out);
int store_list_strategies(struct store *st, struct arena *a,
    struct kk_strategy **out, size_t *n);
int store_find_strategy(struct store *st, const char *id, char **party);

/*
 * store-audit.c: the audit log read back, oldest first. FILTER
 * keeps the rows at or after SINCE (UTC, as the log writes it), of ACTOR,
 * of the record KIND:ID (each NULL: any); store_audit_kinds() names the
 * kinds. FN gets each row, its strings valid until it returns; a non-zero
 * return stops the walk and is returned. KK_EINPUT for a record that is
 * no kind or no id, KK_EIO when the database fails.
 */
struct store_audit_row {
	long seq;
	const char *at;		/* UTC, "YYYY-MM-DDTHH:MM:SSZ" */
	const char *actor;
	const char *actor_party, *actor_role;	/* NULL when unknown */
	const char *action;	/* insert, update, delete */
	const char *entity;	/* "goal vlg-2012/z1" */
	const char *before, *after;	/* JSON text, or NULL */
};
struct store_audit_filter {
	const char *since;
	const char *actor;
	const char *kind, *id;
};
typedef int store_audit_fn(void *ctx, const struct store_audit_row *row);
const char *const *store_audit_kinds(size_t *n);
int store_audit_each(struct store *st, const struct store_audit_filter *f,
    store_audit_fn *fn, void *ctx);

/*
 * store-archimate.c: what konkordat keeps of imported ArchiMate
 * models (src/sql/003-archimate.sql). Writes compare with what is stored,
 * raise versions and audit like the rest of the store, and expect the
 * caller's transaction to be open.
 */
struct store_am_model {
	const char *id;
	const char *party, *strategy;	/* where the model's items are */
	bool made_party;		/* the import made the party */
	const char *spare_field;	/* field for goals without one, or NULL */
	struct am_head head;
	const char *viewpoints;		/* XML text or NULL */
	int position;
};
/* KK_ENOTFOUND when there is no model ID; strings live in arena A. */
int store_am_get_model(struct store *st, struct arena *a, const char *id,
    struct store_am_model *out);
/* Every model, in the order they were first imported. */
int store_am_list_models(struct store *st, struct arena *a,
    struct store_am_model **out, size_t *n);
/* A model row to hang concepts on before the model is written whole;
   *MADE is true when there was none. store_am_put_model() with RESERVED
   then audits the model as added. */
int store_am_reserve_model(struct store *st, const char *id,
    const char *party, const char *strategy, bool *made);
int store_am_put_model(struct store *st, const struct store_am_model *m,
    bool reserved);

/*
 * One import's writes to the concepts, property definitions, folders and
 * views of model MODEL, through a batch that keeps its statements
 * prepared. store_am_end() removes what the import did not write (unless
 * MERGE) and frees the batch; store_am_abort() only frees it.
 *
 * The concepts of a model imported anew are written STORE_AM_ROWS at a
 * time, one statement for all (a model may have millions): a put may only
 * queue its concept, and store_am_flush() writes what is queued. Call it
 * before any other function of the batch. A concept whose identifier is
 * taken is refused: REFUSED is called with its identifier, the model that
 * has it (NULL when this import wrote it already), whether it is a
 * relationship, and BACK, how many puts before the last one it was given
 * (0: the last); the put or flush then returns KK_ECONFLICT. The other
 * concepts are written.
 */
enum { STORE_AM_ROWS = 64 };
struct store_am_batch;
typedef void store_am_refused_fn(void *ctx, const char *id,
    const char *owner, bool relation, size_t back);
int store_am_begin(struct store *st, const char *model, bool merge,
    store_am_refused_fn *refused, void *ctx, struct store_am_batch **out);
int store_am_put_concept(struct store_am_batch *b, const struct am_concept *c);
int store_am_flush(struct store_am_batch *b);
/* The stored concept ID (KK_ENOTFOUND if none), strings in arena A. */
int store_am_get_concept(struct store_am_batch *b, struct arena *a,
    const char *id, struct am_concept *out, char **model);
int store_am_put_propdef(struct store_am_batch *b, const struct am_propdef *p);
int store_am_put_folder(struct store_am_batch *b, const struct am_folder *f);
int store_am_put_view(struct store_am_batch *b, const char *id,
    const char *xml, char **owner);
/* What a reference may name, as the schema's keys say: a set of these,
   or 0 for anything that has an identifier. */
enum {
	STORE_AM_ELEMENT = 4,
	STORE_AM_RELATION = 8,
	STORE_AM_CONCEPT = STORE_AM_ELEMENT | STORE_AM_RELATION,
	STORE_AM_PROPDEF = 16,
	STORE_AM_VIEW = 32,
};
/* Remember identifiers that exist beside the model (konkordat's own), and
   references to check once all is written: REFERRER (an identifier, or
   NULL when LINE and COL say where) refers to REF, which must be of a
   kind in WANT. */
int store_am_known(struct store_am_batch *b, const char *id);
int store_am_ref(struct store_am_batch *b, const char *referrer,
    const char *ref, unsigned want, int line, int col);
/* Whether ID is a concept, a view or a known identifier already. */
bool store_am_exists(struct store_am_batch *b, const char *id);
/* Whether this import wrote ID already (any kind), or knows it. */
bool store_am_written(struct store_am_batch *b, const char *id);
/* The model (allocated) that already has ID, if another one does and the
   export could not write both, else NULL. Two models in one database are
   exported into one file, where each identifier is once. A concept's is
   compared with the other models' concepts and views by the writing
   itself; a property definition that shares its identifier with another
   model's concept, view or property definition is renamed by the export
   (Archi numbers them "propid-1", ... in every model). */
char *store_am_foreign(struct store_am_batch *b, const char *id,
    enum am_id_kind kind);
/* Each reference of the model that leads nowhere, or to something of a
   kind not in WANT, at most LIMIT; relationships' ends come with REFERRER
   and LINE 0, the references of runs of folder items with REFERRER "@"
   and the reference. */
typedef void store_am_dangling_fn(void *ctx, const char *referrer,
    const char *ref, unsigned want, int line, int col);
int store_am_dangling(struct store_am_batch *b, size_t limit,
    store_am_dangling_fn *fn, void *ctx);
int store_am_end(struct store_am_batch *b);
void store_am_abort(struct store_am_batch *b);

/*
 * Reading for the writers, model by model in import order, each in
 * document order. FN gets each row with strings that live until it
 * returns; a non-zero return stops the walk and is returned.
 */
typedef int store_am_concept_fn(void *ctx, const char *model,
    const struct am_concept *c);
typedef int store_am_folder_fn(void *ctx, const char *model,
    const struct am_folder *f);
typedef int store_am_view_fn(void *ctx, const char *model, const char *id,
    const char *xml);
int store_am_each_concept(struct store *st, bool relations,
    store_am_concept_fn *fn, void *ctx);
int store_am_each_folder(struct store *st, store_am_folder_fn *fn, void *ctx);
int store_am_each_view(struct store *st, store_am_view_fn *fn, void *ctx);
/* Property definitions of every model; MODELS[i] is the model of OUT[i]. */
int store_am_list_propdefs(struct store *st, struct arena *a,
    struct am_propdef **out, const char ***models, size_t *n);
/* How many concepts (RELATIONS or elements), views, folders are kept. */
long store_am_count(struct store *st, const char *what);
/* Whether ID is a kept concept or view. */
bool store_am_has(struct store *st, const char *id);
/* Elements that are konkordat items, of model MODEL (NULL: of all). */
typedef void store_am_mapping_fn(void *ctx, const char *id,
    const char *strategy, const char *item);
int store_am_mappings(struct store *st, const char *model,
    store_am_mapping_fn *fn, void *ctx);


/*
 * store-common.c: the common strategy of a joint organisation, its
 * common items and the mappings of the parties' items onto them
 * (src/sql/004-common.sql). Put functions compare with the stored row and
 * write only what differs: a changed row gets its version raised and an
 * audit row, an equal one nothing. Relations ("equivalent", ...) and
 * decisions ("proposed", "accepted", "rejected") travel as their names;
 * the schema checks them. The caller holds the transaction.
 */
struct store_common {
	const char *id;		/* ORG-common-NUMBER */
	const char *org;
	int number;		/* 1, 2, ... per organisation */
	const char *title;
	int start, end;		/* the period; 0 if not given */
	bool adopted;
	const char *adopted_at, *adopted_by;	/* NULL while a draft */
	const char *based_on;	/* the adopted version it was made from */
	int version;		/* read only: the store counts */
};
struct store_citem {
	const char *id;		/* c001, c002, ... */
	enum kk_item_kind kind;	/* KK_FIELD or KK_GOAL */
	const char *parent;	/* a goal's common field, or NULL */
	const char *label;	/* as people named it, or NULL */
	const char *proposed_label;
	int position;
	int version;
};
struct store_mapping {
	const char *strategy, *item;	/* the party's item */
	const char *citem;		/* the common item */
	const char *relation;
	double score;			/* 0..1, or < 0 if none */
	const char *explanation;	/* JSON text, or NULL */
	const char *decision;
	const char *decided_by, *decided_at;	/* NULL while proposed */
	int version;
};
struct store_align_run {
	const char *settings;	/* JSON text */
	long groups, items, proposed, kept;
};

/* The highest-numbered common strategy of ORG; KK_ENOTFOUND if none.
   Strings live in arena A. */
int store_common_current(struct store *st, struct arena *a, const char *org,
    struct store_common *out);
int store_common_put(struct store *st, const struct store_common *c);
/* Every common item of COMMON by position, and every mapping by common
   item, strategy and item; arrays and strings in arena A. */
int store_common_items(struct store *st, struct arena *a, const char *common,
    struct store_citem **out, size_t *n);
int store_common_mappings(struct store *st, struct arena *a,
    const char *common, struct store_mapping **out, size_t *n);
int store_common_put_item(struct store *st, const char *common,
    const struct store_citem *ci);
/* Removes the item and its mappings, each audited. */
int store_common_del_item(struct store *st, const char *common,
    const char *id);
int store_common_put_mapping(struct store *st, const char *common,
    const struct store_mapping *m);
int store_common_del_mapping(struct store *st, const char *common,
    const struct store_mapping *m);
int store_common_add_run(struct store *st, const char *common,
    const struct store_align_run *r);
/* How many runs of the engine COMMON has seen. */
long store_common_nruns(struct store *st, const char *common);

#endif
