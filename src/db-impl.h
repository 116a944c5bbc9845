/* db-impl.h: what the backends of db.h implement; for db*.c alone. */
#ifndef KK_DB_IMPL_H
#define KK_DB_IMPL_H

#include "db.h"

/*
 * A backend is a table of functions, as SQLite's VFS or git's ref
 * backends are: db.c checks the arguments every backend would check (a
 * NULL statement, a failed prepare) and calls the backend's function.
 */
struct db_ops {
	int (*open)(const char *location, unsigned flags, struct db **out);
	void (*close)(struct db *db);
	int (*exec)(struct db *db, const char *sql);
	int (*begin)(struct db *db, bool write);
	int (*commit)(struct db *db);
	int (*rollback)(struct db *db);
	bool (*in_transaction)(const struct db *db);
	int (*prepare)(struct db *db, const char *sql, struct db_stmt **out);
	void (*finalize)(struct db_stmt *stmt);
	void (*reset)(struct db_stmt *stmt);
	void (*clear_bindings)(struct db_stmt *stmt);
	int (*parameter_index)(struct db_stmt *stmt, const char *name);
	void (*bind_text)(struct db_stmt *stmt, int i, const char *s);
	void (*bind_int64)(struct db_stmt *stmt, int i, int64_t v);
	void (*bind_double)(struct db_stmt *stmt, int i, double v);
	void (*bind_null)(struct db_stmt *stmt, int i);
	int (*step)(struct db_stmt *stmt);
	const char *(*column_text)(struct db_stmt *stmt, int i);
	int64_t (*column_int64)(struct db_stmt *stmt, int i);
	double (*column_double)(struct db_stmt *stmt, int i);
	bool (*column_null)(struct db_stmt *stmt, int i);
	enum db_type (*column_type)(struct db_stmt *stmt, int i);
	int (*column_count)(struct db_stmt *stmt);
	const char *(*column_name)(struct db_stmt *stmt, int i);
	int64_t (*changes)(const struct db *db);
	/* NULL where the engine has no such thing */
	int (*copy_begin)(struct db *db, const char *table,
	    const char *columns);
	int (*copy_row)(struct db *db, const char *const *values, int ncols);
	int (*copy_end)(struct db *db);
};

/* The start of each backend's connection and statement. */
struct db {
	const struct db_ops *ops;
	enum db_backend backend;
	int status;		/* the last failure's class, or DB_OK */
	char *errmsg;		/* its message, or NULL */
};

struct db_stmt {
	struct db *db;
};

/* Note a failure of class STATUS with the engine's MESSAGE (copied) on
   DB; returns STATUS. DB_OK clears it. */
int db_set_error(struct db *db, int status, const char *message);
/* How long a backend waits for another connection's lock, in
   milliseconds: 5 s, or $KONKORDAT_BUSY_TIMEOUT. */
int db_busy_timeout(void);
/* Free what struct db holds; the backend frees the rest. */
void db_release(struct db *db);

extern const struct db_ops db_sqlite_ops;
extern const struct db_ops db_pg_ops;

#endif
