/* test-db-pg-schema.c: the schema in PostgreSQL's dialect, applied to an empty database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "db.h"
#include "pgtest.h"
#include "store.h"

static struct pgtest pg;
static struct db *db;

/* Run SQL on DB, failing the test with the engine's words if it fails. */
static void
exec_ok(struct db *d, const char *sql)
{
	if (db_exec(d, sql) != DB_OK)
		fail_msg("'%s': %s", sql, db_errmsg(d));
}

/* Every migration of LIST, in order, on D. */
static void
migrate(struct db *d, const struct store_migration *list)
{
	const struct store_migration *m;

	for (m = list; m->name; m++)
		if (db_exec(d, m->sql) != DB_OK)
			fail_msg("migration '%s': %s", m->name, db_errmsg(d));
}

/* A new database with every migration of src/sql/pg applied. */
static int
group_setup(void **state)
{
	if (pgtest_create(&pg, "test_db_pg_schema"))
		return -1;
	if (db_open(pg.location, 0, &db) != DB_OK) {
		fprintf(stderr, "'%s': %s\n", pg.location, db_errmsg(db));
		return -1;
	}
	return 0;
}

static int
group_teardown(void **state)
{
	db_close(db);
	pgtest_drop(&pg);
	return 0;
}

static void
test_migrations_apply(void **state)
{
	int n = 0;

	migrate(db, store_pg_migrations);
	/* one per migration of SQLite's, with the same name */
	for (n = 0; store_migrations[n].name; n++) {
		assert_non_null(store_pg_migrations[n].name);
		assert_string_equal(store_pg_migrations[n].name,
		    store_migrations[n].name);
	}
	assert_null(store_pg_migrations[n].name);
}

/* "table.column" of every table and view the query SQL lists, sorted. */
static char **
columns(struct db *d, const char *sql, size_t *n)
{
	struct db_stmt *stmt = NULL;
	char **out = NULL;
	size_t i, j;

	assert_int_equal(db_prepare(d, sql, &stmt), DB_OK);
	*n = 0;
	while (db_step(stmt) == DB_ROW) {
		out = realloc(out, (*n + 1) * sizeof(*out));
		assert_non_null(out);
		out[(*n)++] = strdup(db_column_text(stmt, 0));
	}
	db_finalize(stmt);
	/* by bytes, whatever the engines' collations */
	for (i = 1; i < *n; i++)
		for (j = i; j > 0 && strcmp(out[j - 1], out[j]) > 0; j--) {
			char *t = out[j];

			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return out;
}

static void
test_same_tables_and_columns_as_sqlite(void **state)
{
	struct db *lite = NULL;
	char **want, **have;
	size_t nwant, nhave, i;

	assert_int_equal(db_open(":memory:", DB_OPEN_CREATE, &lite), DB_OK);
	migrate(lite, store_migrations);
	want = columns(lite, "SELECT m.name || '.' || p.name FROM "
	    "sqlite_master m, pragma_table_info(m.name) p "
	    "WHERE m.type IN ('table', 'view')", &nwant);
	db_close(lite);
	/* application_id is PostgreSQL's place for SQLite's pragma */
	have = columns(db, "SELECT table_name || '.' || column_name FROM "
	    "information_schema.columns WHERE table_schema = 'public' AND "
	    "table_name <> 'application_id'", &nhave);
	assert_true(nwant > 100);
	for (i = 0; i < nwant && i < nhave; i++)
		assert_string_equal(have[i], want[i]);
	assert_int_equal(nhave, nwant);
	for (i = 0; i < nwant; i++)
		free(want[i]);
	for (i = 0; i < nhave; i++)
		free(have[i]);
	free(want);
	free(have);
}

static void
test_application_id(void **state)
{
	struct db_stmt *stmt = NULL;

	assert_int_equal(db_prepare(db, "SELECT value FROM application_id",
	    &stmt), DB_OK);
	assert_int_equal(db_step(stmt), DB_ROW);
	assert_int_equal(db_column_int64(stmt, 0), STORE_APPLICATION_ID);
	assert_int_equal(db_step(stmt), DB_DONE);
	db_finalize(stmt);
	/* one row only */
	assert_int_equal(db_exec(db, "INSERT INTO application_id (value) "
	    "VALUES (1)"), DB_ECONSTRAINT);
}

static void
test_audit_append_only(void **state)
{
	struct db_stmt *stmt = NULL;
	int64_t first;

	/* rows are numbered, as SQLite's INTEGER PRIMARY KEY numbers them */
	assert_int_equal(db_prepare(db, "INSERT INTO audit (at, actor, action, "
	    "entity) VALUES (?1, 'test', 'insert', 'party x') RETURNING seq",
	    &stmt), DB_OK);
	db_bind_text(stmt, 1, "2016-03-31T12:00:00Z");
	assert_int_equal(db_step(stmt), DB_ROW);
	first = db_column_int64(stmt, 0);
	assert_int_equal(db_step(stmt), DB_DONE);
	assert_int_equal(db_step(stmt), DB_ROW);
	assert_int_equal(db_column_int64(stmt, 0), first + 1);
	db_finalize(stmt);

	assert_int_equal(db_exec(db, "UPDATE audit SET actor = 'someone'"),
	    DB_ECONSTRAINT);
	assert_string_equal(db_errmsg(db), "the audit log is append-only");
	assert_int_equal(db_exec(db, "DELETE FROM audit"), DB_ECONSTRAINT);
	assert_int_equal(db_exec(db, "TRUNCATE audit"), DB_ECONSTRAINT);
	assert_int_equal(db_exec(db, "INSERT INTO audit (at, actor, action, "
	    "entity) VALUES ('x', 'test', 'rename', 'party x')"),
	    DB_ECONSTRAINT);
}

static void
test_concept_model_checked_at_commit(void **state)
{
	exec_ok(db, "INSERT INTO party (id, name, kind) VALUES "
	    "('lu', 'Luzern', 'canton')");
	assert_int_equal(db_begin(db, true), DB_OK);
	/* the model comes after its concepts in the same transaction */
	exec_ok(db, "INSERT INTO am_concept (id, model_id, relation, type, "
	    "data, position) VALUES ('c1', 'm1', 0, 'Goal', '{}', 1)");
	exec_ok(db, "INSERT INTO am_model (id, party_id, strategy_id, "
	    "made_party, head, position) VALUES ('m1', 'lu', 's', 0, '{}', 1)");
	assert_int_equal(db_commit(db), DB_OK);

	assert_int_equal(db_begin(db, true), DB_OK);
	exec_ok(db, "INSERT INTO am_concept (id, model_id, relation, type, "
	    "data, position) VALUES ('c2', 'none', 0, 'Goal', '{}', 2)");
	assert_int_equal(db_commit(db), DB_ECONSTRAINT);
	assert_false(db_in_transaction(db));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migrations_apply),
		cmocka_unit_test(test_same_tables_and_columns_as_sqlite),
		cmocka_unit_test(test_application_id),
		cmocka_unit_test(test_audit_append_only),
		cmocka_unit_test(test_concept_model_checked_at_commit),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown) ?
	    1 : 0;
}
