/* test-db.c: the SQL driver's contract, the same tests on SQLite and on PostgreSQL. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "db.h"
#include "pgtest.h"

/*
 * Each group runs every test on one engine: SQLite on a temporary file,
 * PostgreSQL on a database of its own on the server of the ctest fixture
 * "pg" (pgtest.h). Without that server the PostgreSQL group fails: a
 * driver that is never tested is not skipped quietly.
 */
struct engine {
	enum db_backend backend;
	char location[600];	/* what db_open() takes */
	struct db *db;		/* the test's connection */
	struct db *more[2];	/* a test's other connections */
};

static struct engine sqlite_engine = { .backend = DB_SQLITE };
static struct engine pg_engine = { .backend = DB_POSTGRESQL };

/* Run SQL on DB, failing the test with the engine's words if it fails. */
static void
exec_ok(struct db *db, const char *sql)
{
	int rc = db_exec(db, sql);

	if (rc != DB_OK)
		fail_msg("'%s': %s", sql, db_errmsg(db));
}

static struct db *
open_ok(const struct engine *e)
{
	struct db *db = NULL;
	int rc = db_open(e->location, DB_OPEN_CREATE, &db);

	if (rc != DB_OK)
		fail_msg("cannot open '%s': %s", e->location,
		    db ? db_errmsg(db) : "");
	return db;
}

static int
sqlite_group_setup(void **state)
{
	int fd;

	snprintf(sqlite_engine.location, sizeof(sqlite_engine.location),
	    "/tmp/kk-test-db-XXXXXX");
	fd = mkstemp(sqlite_engine.location);
	if (fd < 0)
		return -1;
	close(fd);
	*state = &sqlite_engine;
	return 0;
}

static int
sqlite_group_teardown(void **state)
{
	unlink(sqlite_engine.location);
	return 0;
}

static struct pgtest pg;

static int
pg_group_setup(void **state)
{
	if (pgtest_create(&pg, "test_db"))
		return -1;
	snprintf(pg_engine.location, sizeof(pg_engine.location), "%s",
	    pg.location);
	*state = &pg_engine;
	return 0;
}

static int
pg_group_teardown(void **state)
{
	pgtest_drop(&pg);
	return 0;
}

/* Each test: a connection, and the table t, new. */
static int
setup(void **state)
{
	struct engine *e = *state;

	e->db = open_ok(e);
	exec_ok(e->db, "DROP TABLE IF EXISTS t");
	exec_ok(e->db, "DROP TABLE IF EXISTS u");
	exec_ok(e->db, "CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT, "
	    "i BIGINT, d DOUBLE PRECISION, n TEXT, "
	    "u TEXT UNIQUE, c INTEGER CHECK (c >= 0))");
	return 0;
}

static int
teardown(void **state)
{
	struct engine *e = *state;

	/* a failed test leaves its connections, and their locks */
	db_close(e->more[0]);
	db_close(e->more[1]);
	db_close(e->db);
	e->db = e->more[0] = e->more[1] = NULL;
	return 0;
}

/* Prepare SQL on DB, failing the test with the engine's words. */
static struct db_stmt *
prepare_ok(struct db *db, const char *sql)
{
	struct db_stmt *stmt = NULL;

	if (db_prepare(db, sql, &stmt) != DB_OK)
		fail_msg("'%s': %s", sql, db_errmsg(db));
	return stmt;
}

/* The one text the SELECT SQL gives, with parameters A and B. */
static char *
select_text(struct db *db, const char *sql, const char *a, const char *b)
{
	struct db_stmt *stmt = prepare_ok(db, sql);
	char *text;

	if (a)
		db_bind_text(stmt, 1, a);
	if (b)
		db_bind_text(stmt, 2, b);
	assert_int_equal(db_step(stmt), DB_ROW);
	text = strdup(db_column_text(stmt, 0));
	assert_int_equal(db_step(stmt), DB_DONE);
	db_finalize(stmt);
	return text;
}

static int64_t
count_rows(struct db *db, const char *where)
{
	char sql[160];
	struct db_stmt *stmt;
	int64_t n;

	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM t WHERE %s", where);
	stmt = prepare_ok(db, sql);
	assert_int_equal(db_step(stmt), DB_ROW);
	n = db_column_int64(stmt, 0);
	db_finalize(stmt);
	return n;
}

static void
test_types_round_trip(void **state)
{
	struct engine *e = *state;
	static const char text[] = "Zürich's \"Konkordat\" – ½ € ✓ \\ ?";
	static const int64_t ints[] = { INT64_MAX, INT64_MIN, 0, -1 };
	static const double doubles[] = { 0.1, -1e300, 1.0 / 3.0,
	    4.9406564584124654e-324 };
	struct db_stmt *ins, *sel;
	size_t k;

	ins = prepare_ok(e->db,
	    "INSERT INTO t (id, s, i, d, n) VALUES (?1, ?2, ?3, ?4, ?5)");
	for (k = 0; k < 4; k++) {
		db_bind_int64(ins, 1, (int64_t)k + 1);
		db_bind_text(ins, 2, text);
		db_bind_int64(ins, 3, ints[k]);
		db_bind_double(ins, 4, doubles[k]);
		db_bind_null(ins, 5);
		assert_int_equal(db_step(ins), DB_DONE);
		db_reset(ins);
	}
	db_finalize(ins);

	sel = prepare_ok(e->db, "SELECT s, i, d, n FROM t ORDER BY id");
	for (k = 0; k < 4; k++) {
		assert_int_equal(db_step(sel), DB_ROW);
		assert_string_equal(db_column_text(sel, 0), text);
		assert_true(db_column_int64(sel, 1) == ints[k]);
		/* exactly the double bound, not one near it */
		assert_memory_equal(&(double){ db_column_double(sel, 2) },
		    &doubles[k], sizeof(double));
		assert_true(db_column_null(sel, 3));
		assert_null(db_column_text(sel, 3));
		assert_false(db_column_null(sel, 0));
	}
	assert_int_equal(db_step(sel), DB_DONE);
	db_finalize(sel);
}

static void
test_numbered_parameters(void **state)
{
	struct engine *e = *state;
	char *s;

	/* ?2 used twice and before ?1 */
	s = select_text(e->db, "SELECT CAST(?2 AS TEXT) || CAST(?1 AS TEXT) "
	    "|| CAST(?2 AS TEXT)", "a", "b");
	assert_string_equal(s, "bab");
	free(s);
}

static void
test_bare_parameters(void **state)
{
	struct engine *e = *state;
	struct db_stmt *stmt;
	char *s;

	s = select_text(e->db, "SELECT CAST(? AS TEXT) || '-' || "
	    "CAST(? AS TEXT)", "x", "y");
	assert_string_equal(s, "x-y");
	free(s);

	/* a bare ? after ?2 is ?3, as SQLite numbers it */
	stmt = prepare_ok(e->db,
	    "INSERT INTO t (id, s, n) VALUES (?2, ?1, ?)");
	db_bind_text(stmt, 1, "one");
	db_bind_int64(stmt, 2, 7);
	db_bind_text(stmt, 3, "three");
	assert_int_equal(db_step(stmt), DB_DONE);
	db_finalize(stmt);
	assert_int_equal(count_rows(e->db,
	    "id = 7 AND s = 'one' AND n = 'three'"), 1);
}

static void
test_question_marks_that_are_no_parameter(void **state)
{
	struct engine *e = *state;
	char *s;

	s = select_text(e->db, "SELECT 'why?' || CAST(?1 AS TEXT) "
	    "|| 'it''s ?2' -- what ?3\n", "x", NULL);
	assert_string_equal(s, "why?xit's ?2");
	free(s);

	exec_ok(e->db, "CREATE TABLE u (\"a?\" TEXT)");
	exec_ok(e->db, "INSERT INTO u VALUES ('q')");
	s = select_text(e->db, "SELECT \"a?\" || CAST(? AS TEXT) FROM u "
	    "/* ? */", "!", NULL);
	assert_string_equal(s, "q!");
	free(s);
}

static void
test_parameter_index(void **state)
{
	struct engine *e = *state;
	struct db_stmt *stmt;

	stmt = prepare_ok(e->db, "SELECT s FROM t WHERE s = ?2 OR n = ?1");
	assert_int_equal(db_parameter_index(stmt, "?1"), 1);
	assert_int_equal(db_parameter_index(stmt, "?2"), 2);
	assert_int_equal(db_parameter_index(stmt, "?3"), 0);
	assert_int_equal(db_parameter_index(stmt, "?"), 0);
	db_finalize(stmt);

	/* a bare ? has no name */
	stmt = prepare_ok(e->db, "SELECT s FROM t WHERE s = ?");
	assert_int_equal(db_parameter_index(stmt, "?1"), 0);
	db_finalize(stmt);
	assert_int_equal(db_parameter_index(NULL, "?1"), 0);
}

static void
test_changes(void **state)
{
	struct engine *e = *state;
	struct db_stmt *stmt;

	exec_ok(e->db, "INSERT INTO t (id) VALUES (1), (2), (3)");
	assert_int_equal(db_changes(e->db), 3);
	stmt = prepare_ok(e->db, "UPDATE t SET s = ?1 WHERE id <= ?2");
	db_bind_text(stmt, 1, "x");
	db_bind_int64(stmt, 2, 2);
	assert_int_equal(db_step(stmt), DB_DONE);
	assert_int_equal(db_changes(e->db), 2);
	db_finalize(stmt);
	exec_ok(e->db, "DELETE FROM t WHERE id = 3");
	assert_int_equal(db_changes(e->db), 1);
}

static void
test_transactions(void **state)
{
	struct engine *e = *state;

	assert_false(db_in_transaction(e->db));
	assert_int_equal(db_begin(e->db, true), DB_OK);
	assert_true(db_in_transaction(e->db));
	exec_ok(e->db, "INSERT INTO t (id) VALUES (1)");
	assert_int_equal(db_rollback(e->db), DB_OK);
	assert_false(db_in_transaction(e->db));
	assert_int_equal(count_rows(e->db, "id = 1"), 0);
	/* nothing open: rollback does nothing */
	assert_int_equal(db_rollback(e->db), DB_OK);

	assert_int_equal(db_begin(e->db, true), DB_OK);
	exec_ok(e->db, "INSERT INTO t (id) VALUES (2)");
	assert_int_equal(db_commit(e->db), DB_OK);
	assert_false(db_in_transaction(e->db));
	assert_int_equal(count_rows(e->db, "id = 2"), 1);

	assert_int_equal(db_begin(e->db, false), DB_OK);
	assert_true(db_in_transaction(e->db));
	assert_int_equal(count_rows(e->db, "id = 2"), 1);
	assert_int_equal(db_commit(e->db), DB_OK);
	assert_false(db_in_transaction(e->db));
}

static void
test_constraints(void **state)
{
	struct engine *e = *state;
	struct db_stmt *stmt;

	exec_ok(e->db, "INSERT INTO t (id, u) VALUES (1, 'same')");
	assert_int_equal(db_exec(e->db,
	    "INSERT INTO t (id, u) VALUES (2, 'same')"), DB_ECONSTRAINT);
	assert_int_equal(db_status(e->db), DB_ECONSTRAINT);
	assert_true(strlen(db_errmsg(e->db)) > 0);

	stmt = prepare_ok(e->db, "INSERT INTO t (id, c) VALUES (?1, ?2)");
	db_bind_int64(stmt, 1, 3);
	db_bind_int64(stmt, 2, -1);
	assert_int_equal(db_step(stmt), DB_ECONSTRAINT);
	db_finalize(stmt);
	assert_int_equal(count_rows(e->db, "id = 3"), 0);
}

static void
test_bad_statement(void **state)
{
	struct engine *e = *state;
	struct db_stmt *stmt = NULL;

	assert_int_equal(db_prepare(e->db, "SELEKT 1", &stmt), DB_ERROR);
	assert_null(stmt);
	/* both engines say "syntax error" and name the word */
	assert_non_null(strstr(db_errmsg(e->db), "syntax error"));
	assert_non_null(strstr(db_errmsg(e->db), "SELEKT"));
	/* a failed prepare's statement does nothing */
	db_bind_int64(stmt, 1, 1);
	assert_int_equal(db_step(stmt), DB_ERROR);
	db_finalize(stmt);

	assert_int_equal(db_exec(e->db, "SELECT * FROM missing"), DB_ERROR);
	assert_non_null(strstr(db_errmsg(e->db), "missing"));
}

/*
 * Two writers of one row. PostgreSQL: both read it in REPEATABLE READ,
 * the first updates and commits, the second's update is DB_ECONFLICT;
 * and a row locked by an open update is waited for as long as
 * KONKORDAT_BUSY_TIMEOUT, then DB_EBUSY. SQLite: the second writer's
 * BEGIN waits as long and is DB_EBUSY.
 */
static void
test_two_writers(void **state)
{
	struct engine *e = *state;
	struct db *a, *b;

	exec_ok(e->db, "INSERT INTO t (id, c) VALUES (1, 0)");
	setenv("KONKORDAT_BUSY_TIMEOUT", "100", 1);
	a = e->more[0] = open_ok(e);
	b = e->more[1] = open_ok(e);
	unsetenv("KONKORDAT_BUSY_TIMEOUT");

	assert_int_equal(db_begin(a, true), DB_OK);
	if (e->backend == DB_SQLITE) {
		assert_int_equal(db_begin(b, true), DB_EBUSY);
		assert_int_equal(db_status(b), DB_EBUSY);
		assert_int_equal(db_rollback(a), DB_OK);
		return;
	}
	assert_int_equal(db_begin(b, true), DB_OK);
	assert_int_equal(count_rows(a, "c = 0"), 1);
	assert_int_equal(count_rows(b, "c = 0"), 1);	/* b's snapshot */
	exec_ok(a, "UPDATE t SET c = 1 WHERE id = 1");
	/* a holds the row: b waits 100 ms, then gives up */
	assert_int_equal(db_exec(b, "UPDATE t SET c = 2 WHERE id = 1"),
	    DB_EBUSY);
	assert_int_equal(db_rollback(b), DB_OK);

	assert_int_equal(db_begin(b, true), DB_OK);
	assert_int_equal(count_rows(b, "c = 0"), 1);
	assert_int_equal(db_commit(a), DB_OK);
	assert_int_equal(db_exec(b, "UPDATE t SET c = 2 WHERE id = 1"),
	    DB_ECONFLICT);
	assert_true(strlen(db_errmsg(b)) > 0);
	/* the failed transaction's commit writes nothing and says so */
	assert_int_not_equal(db_commit(b), DB_OK);
	assert_false(db_in_transaction(b));
	assert_int_equal(count_rows(e->db, "c = 1"), 1);
}

/* A statement run while another's rows are still being read. */
static void
test_write_while_reading(void **state)
{
	struct engine *e = *state;
	struct db_stmt *sel, *ins;
	int rows = 0;

	exec_ok(e->db, "CREATE TABLE u (id INTEGER)");
	exec_ok(e->db, "INSERT INTO t (id) VALUES (1), (2), (3)");
	/* the rows read after the first write are those the server had
	   sent: their values, NULLs and types stay as they were */
	sel = prepare_ok(e->db, "SELECT id, CASE WHEN id = 2 THEN NULL ELSE "
	    "'x' || id END FROM t ORDER BY id");
	ins = prepare_ok(e->db, "INSERT INTO u (id) VALUES (?1)");
	while (db_step(sel) == DB_ROW) {
		const char *text;

		db_bind_int64(ins, 1, db_column_int64(sel, 0) * 10);
		assert_int_equal(db_step(ins), DB_DONE);
		db_reset(ins);
		text = db_column_text(sel, 0);	/* still the same row */
		assert_int_equal(atoi(text), rows + 1);
		assert_int_equal(db_column_type(sel, 0), DB_INTEGER);
		if (rows + 1 == 2) {
			assert_true(db_column_null(sel, 1));
		} else {
			assert_int_equal(db_column_type(sel, 1), DB_TEXT);
			assert_int_equal(db_column_text(sel, 1)[1],
			    '0' + rows + 1);
		}
		rows++;
	}
	assert_int_equal(rows, 3);
	db_finalize(sel);
	db_finalize(ins);
	sel = prepare_ok(e->db, "SELECT SUM(id) FROM u");
	assert_int_equal(db_step(sel), DB_ROW);
	assert_int_equal(db_column_int64(sel, 0), 60);
	db_finalize(sel);
}

static void
test_copy(void **state)
{
	struct engine *e = *state;
	static const char *const rows[][2] = {
		{ "tab\there", "line\nnext" },
		{ "back\\slash \\N \\t", NULL },
		{ NULL, "cr\r\n" },
		{ "", "Zürich" },
	};
	struct db_stmt *sel;
	size_t k;

	if (e->backend == DB_SQLITE) {
		assert_int_equal(db_pg_copy_begin(e->db, "t", "s, n"),
		    DB_ERROR);
		return;
	}
	exec_ok(e->db, "CREATE TABLE u (k SERIAL PRIMARY KEY, a TEXT, b TEXT)");
	assert_int_equal(db_pg_copy_begin(e->db, "u", "a, b"), DB_OK);
	for (k = 0; k < 4; k++)
		assert_int_equal(db_pg_copy_row(e->db, rows[k], 2), DB_OK);
	assert_int_equal(db_pg_copy_end(e->db), DB_OK);
	assert_int_equal(db_changes(e->db), 4);

	sel = prepare_ok(e->db, "SELECT a, b FROM u ORDER BY k");
	for (k = 0; k < 4; k++) {
		int col;

		assert_int_equal(db_step(sel), DB_ROW);
		for (col = 0; col < 2; col++) {
			if (!rows[k][col])
				assert_null(db_column_text(sel, col));
			else
				assert_string_equal(db_column_text(sel, col),
				    rows[k][col]);
		}
	}
	assert_int_equal(db_step(sel), DB_DONE);
	db_finalize(sel);
}

static void
test_cannot_open(void **state)
{
	struct engine *e = *state;
	struct db *db = NULL;
	const char *where = e->backend == DB_SQLITE ?
	    "/nonexistent-kk-folder/x.db" :
	    "postgresql://postgres@127.0.0.1:1/konkordat?connect_timeout=5";

	assert_int_equal(db_open(where, DB_OPEN_CREATE, &db), DB_ECANTOPEN);
	assert_non_null(db);
	assert_true(strlen(db_errmsg(db)) > 0);
	db_close(db);
	db_close(NULL);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_types_round_trip),
		TEST(test_numbered_parameters),
		TEST(test_bare_parameters),
		TEST(test_question_marks_that_are_no_parameter),
		TEST(test_parameter_index),
		TEST(test_changes),
		TEST(test_transactions),
		TEST(test_constraints),
		TEST(test_bad_statement),
		TEST(test_two_writers),
		TEST(test_write_while_reading),
		TEST(test_copy),
		TEST(test_cannot_open),
	};
	int failed;

	failed = cmocka_run_group_tests_name("sqlite", tests,
	    sqlite_group_setup, sqlite_group_teardown);
	failed += cmocka_run_group_tests_name("postgresql", tests,
	    pg_group_setup, pg_group_teardown);
	return failed ? 1 : 0;
}
