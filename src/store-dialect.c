/* store-dialect.c: what the store does differently on SQLite and on PostgreSQL. */
#include "store-impl.h"

#include <stdlib.h>
#include <string.h>

/*
 * The store's statements are written once, in the SQL both engines speak.
 * What they do not share is here, one table per backend: where a
 * database keeps konkordat's mark and its schema version, how its tables
 * are listed, the migrations in its dialect, and what a connection sets
 * or checks before it writes.
 */

/* The first column of the one row SQL returns, or 0 when it returns none. */
static int
first_int(struct store *st, const char *sql, int *out)
{
	struct db_stmt *stmt = sq_prep(st, sql);
	int rc = sq_step(st, stmt);

	*out = rc == DB_ROW ? db_column_int(stmt, 0) : 0;
	db_finalize(stmt);
	if (rc != DB_ROW && rc != DB_DONE)
		return sq_fail(st, KK_EIO, N_("reading the database"));
	return KK_OK;
}

/* ---- SQLite: the file's header, PRAGMA application_id and user_version */

static int
sqlite_mark(struct store *st, int *out)
{
	return first_int(st, "PRAGMA application_id", out);
}

static int
sqlite_version(struct store *st, int *out)
{
	return first_int(st, "PRAGMA user_version", out);
}

static int
sqlite_set_version(struct store *st, int version)
{
	char *sql = xasprintf("PRAGMA user_version = %d", version);
	int rc = sq_exec(st, sql);

	free(sql);
	return rc;
}

static int
sqlite_set_mark(struct store *st)
{
	char *sql = xasprintf("PRAGMA application_id = %d",
	    STORE_APPLICATION_ID);
	int rc = sq_exec(st, sql);

	free(sql);
	return rc;
}

/*
 * PRAGMA quick_check before a writer changes anything: a damaged page
 * (zeroed by a failing disk, overwritten by another program) would
 * otherwise be written around and spread. It reads every page once, in
 * time linear in the file's size (doc/schema.md has its cost).
 */
static int
quick_check(struct store *st)
{
	struct db_stmt *stmt = sq_prep(st, "PRAGMA quick_check(1)");
	const char *what;
	int rc = sq_step(st, stmt);

	what = rc == DB_ROW ? db_column_text(stmt, 0) : NULL;
	if (rc != DB_ROW) {
		sq_fail(st, KK_EIO, N_("checking the database"));
		db_finalize(stmt);
		return KK_EIO;
	}
	if (!what || strcmp(what, "ok")) {
		free(st->errmsg);
		st->errmsg = xasprintf(_("the database is damaged (%s); "
		    "konkordat writes nothing into it: restore a backup"),
		    what ? what : "?");
		db_finalize(stmt);
		return KK_EIO;
	}
	db_finalize(stmt);
	return KK_OK;
}

/* A file this user may not write, or on read-only media. */
static bool
sqlite_cannot_write(struct store *st)
{
	return sqlite3_db_readonly(db_sqlite_handle(st->db), "main") == 1;
}

static int
sqlite_ready(struct store *st, bool empty)
{
	int rc;

	rc = sq_exec(st, "PRAGMA foreign_keys = ON");
	if (!rc && !st->readonly && !empty)
		rc = quick_check(st);
	/* a new database gets pages of 16 KiB (SQLite's default is 4): a
	   large model's rows then need fewer pages and a shallower tree; on
	   a database that exists this changes nothing */
	if (!rc && empty)
		rc = sq_exec(st, "PRAGMA page_size = 16384");
	if (!rc && !st->readonly)
		rc = sq_exec(st, "PRAGMA journal_mode = WAL");
	return rc;
}

/* GLOB is SQLite's case-sensitive LIKE, with '*' for any text. */
static void
sqlite_match(struct buf *b, const char *column, const char *glob)
{
	buf_addf(b, "%s GLOB '%s'", column, glob);
}

static const struct sq_dialect sqlite_dialect = {
	.migrations = store_migrations,
	/* the whole schema is parsed here: a damaged one fails now, not in
	   the middle of a verb */
	.tables = "SELECT name FROM sqlite_master WHERE type = 'table' AND "
	    "name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid",
	.mark = sqlite_mark,
	.version = sqlite_version,
	.set_version = sqlite_set_version,
	.set_mark = sqlite_set_mark,
	.cannot_write = sqlite_cannot_write,
	.ready = sqlite_ready,
	.match = sqlite_match,
	/* a model's rows go in in no order of their keys: a cache of 64 MiB
	   (SQLite's default is 2) keeps a million of them off the disk
	   until the commit. Foreign keys are checked at the commit rather
	   than after each row: a row then needs no statement journal of its
	   own (the model's row, which they all refer to, is written first). */
	.bulk_write = "PRAGMA cache_size = -65536; "
	    "PRAGMA defer_foreign_keys = ON",
	/* OR FAIL keeps the rows before the refused one, and needs no
	   statement journal */
	.insert_keep = "INSERT OR FAIL",
	.failure_ends_transaction = false,
};

/* ---- PostgreSQL: the mark and the version in tables of their own ---- */

/* Whether the connection's schema has TABLE. */
static bool
pg_has_table(struct store *st, const char *table)
{
	struct db_stmt *stmt = sq_prep(st, "SELECT 1 FROM "
	    "information_schema.tables WHERE table_schema = current_schema() "
	    "AND table_name = ?1");
	bool found;

	sq_bind_text(stmt, 1, table);
	found = sq_step(st, stmt) == DB_ROW;
	db_finalize(stmt);
	return found;
}

static int
pg_mark(struct store *st, int *out)
{
	*out = 0;
	if (!pg_has_table(st, "application_id"))
		return sq_read_rc(st);
	return first_int(st, "SELECT value FROM application_id", out);
}

static int
pg_version(struct store *st, int *out)
{
	*out = 0;
	if (!pg_has_table(st, "schema_version"))
		return sq_read_rc(st);
	return first_int(st, "SELECT version FROM schema_version", out);
}

/* The version is written in the transaction of the migration it counts:
   the table comes with the first one. */
static int
pg_set_version(struct store *st, int version)
{
	char *sql = xasprintf("CREATE TABLE IF NOT EXISTS schema_version ("
	    "one BOOLEAN PRIMARY KEY DEFAULT true CHECK (one), "
	    "version BIGINT NOT NULL); "
	    "INSERT INTO schema_version (version) VALUES (%d) "
	    "ON CONFLICT (one) DO UPDATE SET version = excluded.version",
	    version);
	int rc = sq_exec(st, sql);

	free(sql);
	return rc;
}

static int
pg_set_mark(struct store *st)
{
	char *sql = xasprintf("INSERT INTO application_id (value) VALUES (%d) "
	    "ON CONFLICT (one) DO UPDATE SET value = excluded.value",
	    STORE_APPLICATION_ID);
	int rc = sq_exec(st, sql);

	free(sql);
	return rc;
}

/* Identity columns count on from the largest key a copy wrote. */
static int
pg_after_copy(struct store *st)
{
	struct db_stmt *stmt = sq_prep(st, "SELECT table_name, column_name "
	    "FROM information_schema.columns WHERE table_schema = "
	    "current_schema() AND is_identity = 'YES'");
	struct buf sql = BUF_INIT;
	int rc;

	while ((rc = sq_step(st, stmt)) == DB_ROW)
		buf_addf(&sql, "SELECT setval(pg_get_serial_sequence('%s', "
		    "'%s'), coalesce(max(%s), 0) + 1, false) FROM %s; ",
		    db_column_text(stmt, 0), db_column_text(stmt, 1),
		    db_column_text(stmt, 1), db_column_text(stmt, 0));
	db_finalize(stmt);
	if (rc != DB_DONE)
		rc = sq_fail(st, KK_EIO, N_("reading the database"));
	else
		rc = sql.len ? sq_exec(st, sql.s) : KK_OK;
	buf_release(&sql);
	return rc;
}

/* A role without the right to write is told by the first write. */
static bool
pg_cannot_write(struct store *st)
{
	(void)st;
	return false;
}

/* The server checks its pages and enforces foreign keys itself. */
static int
pg_ready(struct store *st, bool empty)
{
	(void)st;
	(void)empty;
	return KK_OK;
}

/* PostgreSQL's LIKE is case-sensitive: '*' becomes '%', and the
   characters LIKE reads as wildcards are escaped. */
static void
pg_match(struct buf *b, const char *column, const char *glob)
{
	const char *p;

	buf_addf(b, "%s LIKE '", column);
	for (p = glob; *p; p++) {
		if (*p == '*')
			buf_addc(b, '%');
		else if (*p == '%' || *p == '_' || *p == '\\')
			buf_addf(b, "\\%c", *p);
		else
			buf_addc(b, *p);
	}
	buf_adds(b, "' ESCAPE '\\'");
}

static const struct sq_dialect pg_dialect = {
	.migrations = store_pg_migrations,
	.tables = "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON "
	    "n.oid = c.relnamespace WHERE n.nspname = current_schema() AND "
	    "c.relkind IN ('r', 'p') AND c.relname NOT IN ('schema_version', "
	    "'application_id') ORDER BY c.oid",
	.after_copy = pg_after_copy,
	.mark = pg_mark,
	.version = pg_version,
	.set_version = pg_set_version,
	.set_mark = pg_set_mark,
	.cannot_write = pg_cannot_write,
	.ready = pg_ready,
	.match = pg_match,
	.bulk_write = "SET CONSTRAINTS ALL DEFERRED",
	.insert_keep = "INSERT",
	.failure_ends_transaction = true,
};

const struct sq_dialect *
sq_dialect(const struct store *st)
{
	return db_backend(st->db) == DB_POSTGRESQL ? &pg_dialect :
	    &sqlite_dialect;
}
