/* store-copy.c: every row of a database copied into an empty one, on either backend. */
#include "store-impl.h"

#include <stdlib.h>
#include <string.h>

/*
 * A copy moves the database as it is, not the model read out of it: each
 * table of konkordat's schema, every row with every column (the row
 * versions, the audit log, the alignment runs and decisions), so that
 * nothing a verb would leave out or recompute is lost. Both databases
 * have the schema of this binary (store_open() saw to it), in their own
 * dialects, with the same tables and column names; the columns are
 * matched by name. The tables are copied in the order the migrations
 * made them, which is the order of their foreign keys.
 */

/* The tables of ST, in the order they were made, into *OUT (N). */
static int
list_tables(struct store *st, struct arena *a, const char ***out, size_t *n)
{
	struct db_stmt *stmt = sq_prep(st, sq_dialect(st)->tables);
	size_t cap = 16;
	int rc;

	*n = 0;
	*out = arena_calloc(a, cap, sizeof(**out));
	while ((rc = sq_step(st, stmt)) == DB_ROW) {
		if (*n == cap)
			*out = arena_grow(a, *out, &cap, sizeof(**out));
		(*out)[(*n)++] = sq_col_id(st, a, stmt, 0, "table name");
	}
	db_finalize(stmt);
	if (rc != DB_DONE)
		return sq_fail(st, KK_EIO, N_("reading the database"));
	return sq_read_rc(st);
}

static bool
has_table(const char *const *tables, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(tables[i], name))
			return true;
	return false;
}

/* Whether TABLE of ST holds a row. */
static bool
has_rows(struct store *st, const char *table)
{
	char *sql = xasprintf("SELECT 1 FROM %s LIMIT 1", table);
	struct db_stmt *stmt = sq_prep(st, sql);
	bool found = sq_step(st, stmt) == DB_ROW;

	db_finalize(stmt);
	free(sql);
	return found;
}

/* Bind column I of FROM's current row to parameter I + 1 of INS. */
static void
bind_value(struct db_stmt *ins, struct db_stmt *from, int i)
{
	switch (db_column_type(from, i)) {
	case DB_NULL:
		db_bind_null(ins, i + 1);
		break;
	case DB_INTEGER:
		db_bind_int64(ins, i + 1, db_column_int64(from, i));
		break;
	case DB_FLOAT:
		db_bind_double(ins, i + 1, db_column_double(from, i));
		break;
	default:
		db_bind_text(ins, i + 1, db_column_text(from, i));
		break;
	}
}

/* The INSERT of one row of TABLE, with the columns of SEL's row. */
static char *
insert_sql(const char *table, struct db_stmt *sel)
{
	struct buf b = BUF_INIT;
	int i, n = db_column_count(sel);

	buf_addf(&b, "INSERT INTO %s (", table);
	for (i = 0; i < n; i++)
		buf_addf(&b, "%s%s", i ? ", " : "", db_column_name(sel, i));
	buf_adds(&b, ") VALUES (");
	for (i = 0; i < n; i++)
		buf_addf(&b, "%s?%d", i ? ", " : "", i + 1);
	buf_adds(&b, ")");
	return buf_detach(&b, NULL);
}

/* Copy the rows of TABLE; *ROWS counts them. */
static int
copy_table(struct store *from, struct store *to, const char *table,
    long *rows, char **errmsg)
{
	char *sql = xasprintf("SELECT * FROM %s", table);
	struct db_stmt *sel = sq_prep(from, sql), *ins = NULL;
	int i, step, rc = KK_OK;

	free(sql);
	while (!rc && (step = sq_step(from, sel)) == DB_ROW) {
		if (!ins) {
			sql = insert_sql(table, sel);
			ins = sq_prep(to, sql);
			free(sql);
		}
		for (i = 0; i < db_column_count(sel); i++)
			bind_value(ins, sel, i);
		if (sq_step(to, ins) != DB_DONE) {
			sq_fail(to, KK_EIO, N_("writing the database"));
			*errmsg = xasprintf(_("copying table '%s': %s"), table,
			    store_errmsg(to));
			rc = KK_EIO;
		}
		db_reset(ins);
		(*rows)++;
	}
	if (!rc && step != DB_DONE) {
		sq_fail(from, KK_EIO, N_("reading the database"));
		*errmsg = xasprintf(_("copying table '%s': %s"), table,
		    store_errmsg(from));
		rc = KK_EIO;
	}
	db_finalize(ins);
	db_finalize(sel);
	return rc;
}

int
store_copy(struct store *from, struct store *to, long *ntables, long *nrows,
    char **errmsg)
{
	struct arena *a = arena_new();
	const char **tf, **tt;
	size_t nf, nt, i;
	int rc;

	*errmsg = NULL;
	*ntables = *nrows = 0;
	if ((rc = list_tables(from, a, &tf, &nf))) {
		*errmsg = xstrdup(store_errmsg(from));
		goto out;
	}
	if ((rc = list_tables(to, a, &tt, &nt))) {
		*errmsg = xstrdup(store_errmsg(to));
		goto out;
	}
	for (i = 0; i < nf || i < nt; i++) {
		const char *missing = i < nf && !has_table(tt, nt, tf[i]) ?
		    tf[i] : i < nt && !has_table(tf, nf, tt[i]) ? tt[i] : NULL;

		if (missing) {
			*errmsg = xasprintf(_("the two databases' schemas "
			    "differ: only one has the table '%s'"), missing);
			rc = KK_EINPUT;
			goto out;
		}
	}
	for (i = 0; i < nt; i++)
		if (has_rows(to, tt[i])) {
			*errmsg = xasprintf(_("the database to copy into holds "
			    "data already (table '%s'); a copy goes only into "
			    "an empty one"), tt[i]);
			rc = KK_EINPUT;
			goto out;
		}
	if ((rc = sq_read_rc(to)) || (rc = sq_exec(to,
	    sq_dialect(to)->bulk_write))) {
		*errmsg = xstrdup(store_errmsg(to));
		goto out;
	}
	for (i = 0; !rc && i < nf; i++) {
		rc = copy_table(from, to, tf[i], nrows, errmsg);
		(*ntables)++;
	}
	if (!rc && sq_dialect(to)->after_copy &&
	    (rc = sq_dialect(to)->after_copy(to)))
		*errmsg = xstrdup(store_errmsg(to));
out:
	arena_free(a);
	return rc;
}
