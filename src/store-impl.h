/* store-impl.h: what the files of the store share; not for the rest of konkordat. */
#ifndef KK_STORE_IMPL_H
#define KK_STORE_IMPL_H

#include <sqlite3.h>

#include "db.h"
#include "store.h"

/*
 * The store is split by subject (store.c: the connection, parties and
 * strategies; store-portfolio.c, store-common.c, store-archimate.c,
 * store-audit.c, store-copy.c), its SQL written once for SQLite and
 * PostgreSQL, and what differs in store-dialect.c; these are the pieces
 * they share.
 */
struct store {
	struct db *db;		/* SQLite or PostgreSQL (db.h) */
	char *location;		/* as messages show it: no password */
	char *errmsg;
	struct {
		char *name, *party, *role;	/* NULL outside a write */
	} actor;
	store_notify_fn *notify;
	void *notify_ctx;
	bool readonly;
	bool writing;		/* store_begin() .. commit or rollback */
	bool reading;		/* store_begin_read() .. store_end_read() */
	bool refused;		/* a write outside store_begin() was refused */
	int fault;		/* KK_EBUSY, KK_EDISK, KK_EDAMAGED or 0 */
};

/* Set st->errmsg to WHAT and SQLite's message; returns RC. */
int sq_fail(struct store *st, int rc, const char *what);
/* Run SQL that returns no rows; KK_EIO with st->errmsg on failure. */
int sq_exec(struct store *st, const char *sql);
/* The failure of the last call on st->db, in st->errmsg; KK_EIO. */
int sq_db_failed(struct store *st);
/*
 * Reading a file that is damaged or made by hand never stops konkordat:
 * the first failure is kept (store_fault() is then KK_EDAMAGED, or
 * KK_EBUSY, KK_EDISK; store_errmsg() says what failed), the reads that
 * follow find no rows, and the public function returns sq_read_rc(), so
 * that the verb fails with the message. store_commit() refuses to commit
 * after such a failure.
 *
 * sq_prep() returns NULL when SQL does not prepare (a table or column is
 * missing). The sq_bind_*() functions and sq_step() accept that NULL (the
 * step finds nothing), and so does db_finalize(). sq_step() is
 * db_step() that keeps the failure.
 */
struct db_stmt *sq_prep(struct store *st, const char *sql);
int sq_step(struct store *st, struct db_stmt *stmt);
/* sq_step() of a statement whose broken constraint (DB_ECONSTRAINT) the
   caller handles and goes on after: where a failure would end the
   transaction, inside a savepoint. */
int sq_step_guarded(struct store *st, struct db_stmt *stmt);
/* The first fault met so far, or KK_OK. */
int sq_read_rc(const struct store *st);
/* Mark the store as having met a damaged file (KK_EDAMAGED). */
void sq_damaged(struct store *st);
/* Bind S, or NULL when S is NULL. */
void sq_bind_text(struct db_stmt *stmt, int i, const char *s);
/* Bind V, or NULL when PRESENT is false. */
void sq_bind_long(struct db_stmt *stmt, int i, long v, bool present);
void sq_bind_int64(struct db_stmt *stmt, int i, int64_t v);
void sq_bind_double(struct db_stmt *stmt, int i, double v);
/* Column I as the index of its value in NAMES; a value that is not one of
   them marks the file damaged (named COLUMN in the message) and gives 0. */
int sq_enum(struct store *st, struct db_stmt *stmt, int i,
    const char *const *names, size_t n, const char *column);
/* Column I, a value the schema says is never NULL, in arena A; a NULL
   marks the file damaged and gives "". */
const char *sq_col_id(struct store *st, struct arena *a, struct db_stmt *stmt,
    int i, const char *column);
/* Step a statement that returns no rows, and finalize it. */
int sq_run(struct store *st, struct db_stmt *stmt, const char *what);
/* Column I as a string in arena A, or NULL. */
const char *sq_col_text(struct arena *a, struct db_stmt *stmt, int i);
/*
 * Write one audit row (BEFORE and AFTER are canonical JSON or NULL) and
 * tell the notify function.
 */
int sq_audit(struct store *st, enum store_change change, const char *entity,
    const char *before, const char *after);
/*
 * The audit row's INSERT, for the writers that keep it prepared: ?1 the
 * time, ?3 the action, ?4 the entity, ?5 and ?6 before and after, and the
 * actor of the write transaction (store_begin()), which sq_bind_actor()
 * binds. A statement that writes rows prepares only inside one (sq_prep()).
 */
extern const char sq_audit_sql[];
void sq_bind_actor(struct store *st, struct db_stmt *stmt);
/* An id list as the JSON text kept in a TEXT column, and back; text that
   is no such list marks the file damaged (COLUMN names it). */
char *sq_ids_json(const struct kk_ids *ids);
struct kk_ids sq_ids_parse(struct store *st, struct arena *a,
    const char *text, const char *column);

/*
 * The rows of one table of an organisation (bodies, projects, ...), as an
 * array of model structs, described for sq_sync_rows(): how to see a row as
 * JSON (what the audit keeps and what tells a change), its id, and how to
 * write it. UPDATE and INSERT take ?1 the organisation, ?2 the id, ?20 the
 * position, and what BIND sets; UPDATE ends in its WHERE clause, to which
 * the version it expects is added. CHILDREN, if set, rewrites the rows
 * that hang off one row (a project's budget lines), after it was written.
 * VERSION_AT is where a row's row_version is (konkordat.h).
 */
struct sq_rows {
	const char *table;	/* also the entity name in the audit log */
	size_t n;
	const void *v;
	size_t size;
	json_t *(*to_json)(const void *row);
	const char *(*id)(const void *row);
	void (*bind)(struct db_stmt *stmt, const void *row);
	const char *update;
	const char *insert;
	int (*children)(struct store *st, const char *org, const void *row);
	size_t version_at;
};
int sq_sync_rows(struct store *st, const char *org, const struct sq_rows *old,
    const struct sq_rows *new);

/*
 * What differs between the backends beyond the SQL of the statements
 * (store-dialect.c). MARK and VERSION read konkordat's mark (0 if none)
 * and the schema version (0 for a new database); TABLES lists the
 * tables of the database, one name per row, but the two that hold
 * those; SET_VERSION writes the version, inside the transaction of the
 * migration it counts. CANNOT_WRITE says a database opened for writing
 * can never be written (a read-only file); READY sets up the connection
 * and checks the database before anything is written (EMPTY: a new one).
 * MATCH adds to B the condition that COLUMN matches GLOB, whose '*'
 * stands for any text and whose other characters are themselves (the
 * caller checked that it holds no quote). BULK_WRITE is the SQL that
 * readies the connection for a large write (an ArchiMate model).
 * INSERT_KEEP begins an INSERT whose rows before the one that breaks a
 * constraint stay written, if the engine can (SQLite's OR FAIL).
 * FAILURE_ENDS_TRANSACTION: after a failed statement the transaction
 * can only be rolled back (PostgreSQL), unless a savepoint was taken.
 * AFTER_COPY, if set, sets up what a copy of every row (store_copy())
 * leaves to do: the sequences of generated keys.
 */
struct sq_dialect {
	const struct store_migration *migrations;
	const char *tables;
	int (*mark)(struct store *st, int *out);
	int (*version)(struct store *st, int *out);
	int (*set_version)(struct store *st, int version);
	int (*set_mark)(struct store *st);
	bool (*cannot_write)(struct store *st);
	int (*ready)(struct store *st, bool empty);
	void (*match)(struct buf *b, const char *column, const char *glob);
	const char *bulk_write;
	const char *insert_keep;
	bool failure_ends_transaction;
	int (*after_copy)(struct store *st);
};
const struct sq_dialect *sq_dialect(const struct store *st);

/*
 * Writing a row that people edit, against the version it was read at
 * (konkordat.h, row_version): sq_conflict() is store_conflict().
 * sq_run_versioned() runs an UPDATE or DELETE whose WHERE clause names the
 * version EXPECT, and fails with the conflict when it touched no row:
 * someone changed the row after this transaction read it.
 */
int sq_conflict(struct store *st, const char *entity, int expect, int stored);
int sq_run_versioned(struct store *st, struct db_stmt *stmt, const char *what,
    const char *entity, int expect);

/* store-portfolio.c */
int sq_sync_portfolio(struct store *st, const struct kk_org *org);
void sq_load_portfolio(struct store *st, struct arena *a, struct kk_org *o);

#endif
