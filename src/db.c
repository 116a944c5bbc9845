/* db.c: the SQL driver's front: choose the backend, check, dispatch. */
#include "db-impl.h"

#include <stdlib.h>
#include <string.h>

#include "konkordat.h"

enum db_backend
db_backend_of(const char *location)
{
	if (!strncmp(location, "postgresql://", 13) ||
	    !strncmp(location, "postgres://", 11))
		return DB_POSTGRESQL;
	return DB_SQLITE;
}

int
db_open(const char *location, unsigned flags, struct db **out)
{
	*out = NULL;
	if (db_backend_of(location) == DB_POSTGRESQL)
#ifdef KK_HAVE_POSTGRESQL
		return db_pg_ops.open(location, flags, out);
#else
		return DB_ECANTOPEN;	/* the store says why */
#endif
	return db_sqlite_ops.open(location, flags, out);
}

void
db_close(struct db *db)
{
	if (db)
		db->ops->close(db);
}

enum db_backend
db_backend(const struct db *db)
{
	return db->backend;
}

int
db_set_error(struct db *db, int status, const char *message)
{
	free(db->errmsg);
	db->errmsg = status && message ? xstrdup(message) : NULL;
	db->status = status;
	return status;
}

int
db_busy_timeout(void)
{
	const char *env = getenv("KONKORDAT_BUSY_TIMEOUT");
	char *end;
	long ms;

	if (!env || !*env)
		return 5000;
	ms = strtol(env, &end, 10);
	if (*end || ms < 0 || ms > 3600000)
		return 5000;
	return (int)ms;
}

void
db_release(struct db *db)
{
	free(db->errmsg);
	db->errmsg = NULL;
}

const char *
db_errmsg(const struct db *db)
{
	return db->errmsg ? db->errmsg : "";
}

int
db_status(const struct db *db)
{
	return db->status;
}

int
db_exec(struct db *db, const char *sql)
{
	return db->ops->exec(db, sql);
}

int
db_begin(struct db *db, bool write)
{
	return db->ops->begin(db, write);
}

int
db_commit(struct db *db)
{
	return db->ops->commit(db);
}

int
db_rollback(struct db *db)
{
	return db->ops->rollback(db);
}

bool
db_in_transaction(const struct db *db)
{
	return db->ops->in_transaction(db);
}

int
db_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
	*out = NULL;
	return db->ops->prepare(db, sql, out);
}

/* A NULL statement is a failed prepare: everything on it does nothing. */
#define STMT_OR(stmt, ...) do { if (!(stmt)) return __VA_ARGS__; } while (0)

void
db_finalize(struct db_stmt *stmt)
{
	STMT_OR(stmt);
	stmt->db->ops->finalize(stmt);
}

void
db_reset(struct db_stmt *stmt)
{
	STMT_OR(stmt);
	stmt->db->ops->reset(stmt);
}

void
db_clear_bindings(struct db_stmt *stmt)
{
	STMT_OR(stmt);
	stmt->db->ops->clear_bindings(stmt);
}

int
db_parameter_index(struct db_stmt *stmt, const char *name)
{
	STMT_OR(stmt, 0);
	return stmt->db->ops->parameter_index(stmt, name);
}

void
db_bind_text(struct db_stmt *stmt, int i, const char *s)
{
	STMT_OR(stmt);
	if (!s)
		stmt->db->ops->bind_null(stmt, i);
	else
		stmt->db->ops->bind_text(stmt, i, s);
}

void
db_bind_int64(struct db_stmt *stmt, int i, int64_t v)
{
	STMT_OR(stmt);
	stmt->db->ops->bind_int64(stmt, i, v);
}

void
db_bind_double(struct db_stmt *stmt, int i, double v)
{
	STMT_OR(stmt);
	stmt->db->ops->bind_double(stmt, i, v);
}

void
db_bind_null(struct db_stmt *stmt, int i)
{
	STMT_OR(stmt);
	stmt->db->ops->bind_null(stmt, i);
}

int
db_step(struct db_stmt *stmt)
{
	STMT_OR(stmt, DB_ERROR);
	return stmt->db->ops->step(stmt);
}

const char *
db_column_text(struct db_stmt *stmt, int i)
{
	STMT_OR(stmt, NULL);
	return stmt->db->ops->column_text(stmt, i);
}

int64_t
db_column_int64(struct db_stmt *stmt, int i)
{
	STMT_OR(stmt, 0);
	return stmt->db->ops->column_int64(stmt, i);
}

int
db_column_int(struct db_stmt *stmt, int i)
{
	int64_t v = db_column_int64(stmt, i);

	/* what the schema keeps in an int column fits; a file made by hand
	   is clamped, not undefined */
	return v > INT32_MAX ? INT32_MAX : v < INT32_MIN ? INT32_MIN : (int)v;
}

double
db_column_double(struct db_stmt *stmt, int i)
{
	STMT_OR(stmt, 0);
	return stmt->db->ops->column_double(stmt, i);
}

enum db_type
db_column_type(struct db_stmt *stmt, int i)
{
	STMT_OR(stmt, DB_NULL);
	return stmt->db->ops->column_type(stmt, i);
}

int
db_column_count(struct db_stmt *stmt)
{
	STMT_OR(stmt, 0);
	return stmt->db->ops->column_count(stmt);
}

const char *
db_column_name(struct db_stmt *stmt, int i)
{
	STMT_OR(stmt, NULL);
	return stmt->db->ops->column_name(stmt, i);
}

bool
db_column_null(struct db_stmt *stmt, int i)
{
	STMT_OR(stmt, true);
	return stmt->db->ops->column_null(stmt, i);
}

int64_t
db_changes(const struct db *db)
{
	return db->ops->changes(db);
}

int
db_pg_copy_begin(struct db *db, const char *table, const char *columns)
{
	if (!db->ops->copy_begin)
		return db_set_error(db, DB_ERROR, "COPY needs PostgreSQL");
	return db->ops->copy_begin(db, table, columns);
}

int
db_pg_copy_row(struct db *db, const char *const *values, int ncols)
{
	if (!db->ops->copy_row)
		return db_set_error(db, DB_ERROR, "COPY needs PostgreSQL");
	return db->ops->copy_row(db, values, ncols);
}

int
db_pg_copy_end(struct db *db)
{
	if (!db->ops->copy_end)
		return db_set_error(db, DB_ERROR, "COPY needs PostgreSQL");
	return db->ops->copy_end(db);
}
