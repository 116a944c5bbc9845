/* db.h: the SQL driver under the store: one connection to SQLite or PostgreSQL. */
#ifndef KK_DB_H
#define KK_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The store (store-*.c) writes its SQL once and runs it through this
 * layer on either engine, as SQLite's own API would: prepare, bind, step,
 * read the columns, finalize. It is deliberately no more than that; what
 * only one engine has (SQLite's pragmas and in-memory images, PostgreSQL's
 * COPY) is reached through the backend's own functions, declared below
 * with its name in theirs, and called from one place in the store.
 *
 * The SQL is the subset both engines speak. Parameters are written "?N"
 * (or "?", numbered from left to right) as SQLite has them; the
 * PostgreSQL backend rewrites them to "$N" outside string literals. A
 * parameter's type comes from its context; where the context does not
 * give one (a parameter alone in a SELECT list, "?1 IS NULL"), the SQL
 * casts it (CAST(?1 AS TEXT)).
 *
 * A connection belongs to one thread at a time; a server opens one per
 * worker thread. Nothing here is global but the one-time initialisation
 * of the libraries, done through pthread_once.
 */

struct db;
struct db_stmt;

enum db_backend {
	DB_SQLITE,
	DB_POSTGRESQL,
};

/*
 * What a call came to. The failures are classes the store can act on,
 * whichever engine said it: retry a busy or conflicting transaction, tell
 * the user that a constraint was broken, give up on a lost connection.
 */
enum db_status {
	DB_OK = 0,
	DB_ROW,		/* db_step(): a row is ready */
	DB_DONE,	/* db_step(): no more rows */
	DB_EBUSY,	/* locked by another connection, for longer than waited */
	DB_ECONFLICT,	/* a concurrent transaction won: roll back, retry */
	DB_ECONSTRAINT,	/* a NOT NULL, CHECK, UNIQUE or foreign key broken */
	DB_ELOST,	/* the connection to the server is gone */
	DB_EDISK,	/* the disk is full or failed */
	DB_EDAMAGED,	/* the file is no database, or a damaged one */
	DB_EREADONLY,	/* a write on a connection or file that cannot write */
	DB_ECANTOPEN,	/* the location cannot be opened or reached */
	DB_ERROR,	/* anything else: SQL the schema does not have, ... */
};

/* How to open (db_open()'s FLAGS). */
enum {
	DB_OPEN_READONLY = 1 << 0,	/* never write */
	DB_OPEN_CREATE = 1 << 1,	/* create a missing SQLite file */
	/* SQLite: read a file in a folder one cannot write, taking no lock
	   (nobody can change it while it is read) */
	DB_OPEN_IMMUTABLE = 1 << 2,
};

/*
 * The backend LOCATION names: "postgresql://..." or "postgres://..." (a
 * libpq connection URI) for PostgreSQL, "sqlite:PATH" or any other text,
 * a file's path, for SQLite.
 */
enum db_backend db_backend_of(const char *location);

/*
 * Open LOCATION. On success *OUT is the connection and DB_OK is returned;
 * on failure the status says why and *OUT, if not NULL, still holds a
 * connection whose db_errmsg() says it in the engine's words, to be
 * closed with db_close().
 */
int db_open(const char *location, unsigned flags, struct db **out);
void db_close(struct db *db);
enum db_backend db_backend(const struct db *db);

/* The engine's words for the last failure on DB ("" if none). */
const char *db_errmsg(const struct db *db);
/* The class of the last failure on DB, DB_OK if none. */
int db_status(const struct db *db);

/* Run SQL of one or more statements that return no rows. */
int db_exec(struct db *db, const char *sql);

/*
 * Transactions. db_begin() with WRITE takes the write lock at once
 * (SQLite's BEGIN IMMEDIATE; on PostgreSQL a transaction in REPEATABLE
 * READ, whose conflicts come as DB_ECONFLICT); without it, a snapshot
 * for reading. db_in_transaction() says whether one is open.
 */
int db_begin(struct db *db, bool write);
int db_commit(struct db *db);
int db_rollback(struct db *db);
bool db_in_transaction(const struct db *db);

/*
 * Prepare SQL. On failure *OUT is NULL; every function that takes a
 * statement accepts that NULL and does nothing (db_step() returns the
 * failure of the prepare), so that a sequence of binds and steps needs
 * one check at its end.
 */
int db_prepare(struct db *db, const char *sql, struct db_stmt **out);
void db_finalize(struct db_stmt *stmt);
/* Make STMT ready to run again; its bindings are kept. */
void db_reset(struct db_stmt *stmt);
/* Set every parameter of STMT to NULL. */
void db_clear_bindings(struct db_stmt *stmt);
/* N if STMT has the parameter "?N" (NAME), else 0: a statement that a
   caller gives may or may not use a parameter the caller always binds. */
int db_parameter_index(struct db_stmt *stmt, const char *name);

/* Bind parameter I (from 1). The text is copied. */
void db_bind_text(struct db_stmt *stmt, int i, const char *s);
void db_bind_int64(struct db_stmt *stmt, int i, int64_t v);
void db_bind_double(struct db_stmt *stmt, int i, double v);
void db_bind_null(struct db_stmt *stmt, int i);

/* Run STMT to its next row: DB_ROW, DB_DONE, or a failure. */
int db_step(struct db_stmt *stmt);

/* Column I (from 0) of the current row. Text stays valid until the next
   db_step(), db_reset() or db_finalize(); NULL for an SQL NULL. */
const char *db_column_text(struct db_stmt *stmt, int i);
int64_t db_column_int64(struct db_stmt *stmt, int i);
int db_column_int(struct db_stmt *stmt, int i);
double db_column_double(struct db_stmt *stmt, int i);
bool db_column_null(struct db_stmt *stmt, int i);

/* What a column of the current row holds, for a caller that reads rows
   it has no schema for (a copy of a whole table). */
enum db_type {
	DB_NULL,
	DB_INTEGER,
	DB_FLOAT,
	DB_TEXT,	/* and anything else, as its text */
};
enum db_type db_column_type(struct db_stmt *stmt, int i);
/* How many columns the current row of STMT has, and the name of
   column I. */
int db_column_count(struct db_stmt *stmt);
const char *db_column_name(struct db_stmt *stmt, int i);

/* Rows the last INSERT, UPDATE or DELETE on DB changed. (A new row's
   generated key is read with RETURNING, which both engines have.) */
int64_t db_changes(const struct db *db);

/* ---- SQLite only (db-sqlite.c): NULL or an error on PostgreSQL ---- */

/* The sqlite3 handle, for pragmas, images and backups. */
struct sqlite3 *db_sqlite_handle(struct db *db);

/* ---- PostgreSQL only (db-pg.c) ---- */

/*
 * COPY TABLE (COLUMNS) FROM STDIN: db_pg_copy_begin(), then each row as
 * NCOLS values (NULL for SQL NULL) through db_pg_copy_row(), then
 * db_pg_copy_end(). DB_ERROR on SQLite.
 */
int db_pg_copy_begin(struct db *db, const char *table, const char *columns);
int db_pg_copy_row(struct db *db, const char *const *values, int ncols);
int db_pg_copy_end(struct db *db);

#endif
