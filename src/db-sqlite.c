/* db-sqlite.c: the SQL driver on an embedded SQLite file. */
#include "db-impl.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "konkordat.h"

struct sdb {
	struct db db;
	sqlite3 *h;
};

struct sstmt {
	struct db_stmt stmt;
	sqlite3_stmt *s;
};

#define H(db) (((struct sdb *)(db))->h)
#define S(stmt) (((struct sstmt *)(stmt))->s)

/* The class of SQLite's result code RC. */
static int
status_of(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
		return DB_OK;
	case SQLITE_ROW:
		return DB_ROW;
	case SQLITE_DONE:
		return DB_DONE;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return DB_EBUSY;
	case SQLITE_CONSTRAINT:
		return DB_ECONSTRAINT;
	case SQLITE_FULL:
	case SQLITE_IOERR:
		return DB_EDISK;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
	case SQLITE_FORMAT:
		return DB_EDAMAGED;
	case SQLITE_READONLY:
		return DB_EREADONLY;
	case SQLITE_CANTOPEN:
		return DB_ECANTOPEN;
	default:
		return DB_ERROR;
	}
}

/* RC of a call on DB: a failure is noted with SQLite's words. */
static int
note(struct db *db, int rc)
{
	int status = status_of(rc);

	if (status == DB_OK || status == DB_ROW || status == DB_DONE)
		return status;
	return db_set_error(db, status, H(db) ? sqlite3_errmsg(H(db)) :
	    "out of memory");
}

/*
 * A server's threads each open their own connection: SQLite in its
 * multi-thread mode, which leaves the locking of one connection to its
 * one user. Its memory statistics cost a mutex per allocation and are
 * not read. Both can only be set before SQLite starts.
 */
static void
configure(void)
{
	sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/*
 * PATH as an SQLite URI with QUERY: '%', '?' and '#' are escaped, and a
 * path that starts with two slashes is not taken for an authority.
 */
static char *
path_uri(const char *path, const char *query)
{
	struct buf b = BUF_INIT;
	const char *p;

	buf_adds(&b, "file:");
	if (path[0] == '/' && path[1] == '/')
		buf_adds(&b, "//");	/* an empty authority first */
	for (p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			buf_addf(&b, "%%%02X", (unsigned char)*p);
		else
			buf_addc(&b, *p);
	}
	if (query)
		buf_addf(&b, "?%s", query);
	return buf_detach(&b, NULL);
}

static int
s_open(const char *location, unsigned flags, struct db **out)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	struct sdb *d = xcalloc(1, sizeof(*d));
	int oflags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
	const char *path = location;
	char *uri;
	int rc;

	pthread_once(&once, configure);
	d->db.ops = &db_sqlite_ops;
	d->db.backend = DB_SQLITE;
	*out = &d->db;
	if (!strncmp(path, "sqlite:", 7))
		path += 7;
	if (flags & DB_OPEN_READONLY)
		oflags |= SQLITE_OPEN_READONLY;
	else
		oflags |= SQLITE_OPEN_READWRITE;
	if (flags & DB_OPEN_CREATE)
		oflags |= SQLITE_OPEN_CREATE;
	uri = !strcmp(path, ":memory:") ? xstrdup(path) :
	    path_uri(path, flags & DB_OPEN_IMMUTABLE ? "immutable=1" : NULL);
	rc = sqlite3_open_v2(uri, &d->h, oflags, NULL);
	free(uri);
	if (rc != SQLITE_OK)
		return note(&d->db, rc);
	sqlite3_busy_timeout(d->h, db_busy_timeout());
	sqlite3_extended_result_codes(d->h, 1);
	return DB_OK;
}

static void
s_close(struct db *db)
{
	sqlite3_close(H(db));
	db_release(db);
	free(db);
}

static int
s_exec(struct db *db, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(H(db), sql, NULL, NULL, &msg);

	if (rc != SQLITE_OK) {
		/* exec's message names the statement that failed */
		db_set_error(db, status_of(sqlite3_extended_errcode(H(db))),
		    msg ? msg : sqlite3_errmsg(H(db)));
		sqlite3_free(msg);
		return db->status;
	}
	return DB_OK;
}

static int
s_begin(struct db *db, bool write)
{
	return s_exec(db, write ? "BEGIN IMMEDIATE" : "BEGIN");
}

static int
s_commit(struct db *db)
{
	return s_exec(db, "COMMIT");
}

static int
s_rollback(struct db *db)
{
	/* a failed statement may have rolled back already */
	if (sqlite3_get_autocommit(H(db)))
		return DB_OK;
	return s_exec(db, "ROLLBACK");
}

static bool
s_in_transaction(const struct db *db)
{
	return !sqlite3_get_autocommit(H(db));
}

static int
s_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
	sqlite3_stmt *s;
	struct sstmt *st;
	int rc = sqlite3_prepare_v2(H(db), sql, -1, &s, NULL);

	if (rc != SQLITE_OK)
		return note(db, rc);
	st = xmalloc(sizeof(*st));
	st->stmt.db = db;
	st->s = s;
	*out = &st->stmt;
	return DB_OK;
}

static void
s_finalize(struct db_stmt *stmt)
{
	sqlite3_finalize(S(stmt));
	free(stmt);
}

static void
s_reset(struct db_stmt *stmt)
{
	sqlite3_reset(S(stmt));
}

static void
s_clear_bindings(struct db_stmt *stmt)
{
	sqlite3_clear_bindings(S(stmt));
}

static int
s_parameter_index(struct db_stmt *stmt, const char *name)
{
	return sqlite3_bind_parameter_index(S(stmt), name);
}

static void
s_bind_text(struct db_stmt *stmt, int i, const char *s)
{
	sqlite3_bind_text(S(stmt), i, s, -1, SQLITE_TRANSIENT);
}

static void
s_bind_int64(struct db_stmt *stmt, int i, int64_t v)
{
	sqlite3_bind_int64(S(stmt), i, v);
}

static void
s_bind_double(struct db_stmt *stmt, int i, double v)
{
	sqlite3_bind_double(S(stmt), i, v);
}

static void
s_bind_null(struct db_stmt *stmt, int i)
{
	sqlite3_bind_null(S(stmt), i);
}

static int
s_step(struct db_stmt *stmt)
{
	return note(stmt->db, sqlite3_step(S(stmt)));
}

static const char *
s_column_text(struct db_stmt *stmt, int i)
{
	return (const char *)sqlite3_column_text(S(stmt), i);
}

static int64_t
s_column_int64(struct db_stmt *stmt, int i)
{
	return sqlite3_column_int64(S(stmt), i);
}

static double
s_column_double(struct db_stmt *stmt, int i)
{
	return sqlite3_column_double(S(stmt), i);
}

static bool
s_column_null(struct db_stmt *stmt, int i)
{
	return sqlite3_column_type(S(stmt), i) == SQLITE_NULL;
}

static enum db_type
s_column_type(struct db_stmt *stmt, int i)
{
	switch (sqlite3_column_type(S(stmt), i)) {
	case SQLITE_NULL:
		return DB_NULL;
	case SQLITE_INTEGER:
		return DB_INTEGER;
	case SQLITE_FLOAT:
		return DB_FLOAT;
	default:
		return DB_TEXT;
	}
}

static int
s_column_count(struct db_stmt *stmt)
{
	return sqlite3_column_count(S(stmt));
}

static const char *
s_column_name(struct db_stmt *stmt, int i)
{
	return sqlite3_column_name(S(stmt), i);
}

static int64_t
s_changes(const struct db *db)
{
	return sqlite3_changes64(H(db));
}

struct sqlite3 *
db_sqlite_handle(struct db *db)
{
	return db->backend == DB_SQLITE ? H(db) : NULL;
}

const struct db_ops db_sqlite_ops = {
	.open = s_open,
	.close = s_close,
	.exec = s_exec,
	.begin = s_begin,
	.commit = s_commit,
	.rollback = s_rollback,
	.in_transaction = s_in_transaction,
	.prepare = s_prepare,
	.finalize = s_finalize,
	.reset = s_reset,
	.clear_bindings = s_clear_bindings,
	.parameter_index = s_parameter_index,
	.bind_text = s_bind_text,
	.bind_int64 = s_bind_int64,
	.bind_double = s_bind_double,
	.bind_null = s_bind_null,
	.step = s_step,
	.column_text = s_column_text,
	.column_int64 = s_column_int64,
	.column_double = s_column_double,
	.column_null = s_column_null,
	.column_type = s_column_type,
	.column_count = s_column_count,
	.column_name = s_column_name,
	.changes = s_changes,
};
