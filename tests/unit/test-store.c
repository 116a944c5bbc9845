/* test-store.c: the SQLite store: schema, writes that diff, audit, transactions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <unistd.h>

#include "store.h"
#include "tempdb.h"

struct fixture {
	char path[64];
	struct store *st;
	struct arena *a;
	int added, changed, removed;
	char last[256];
};

static void
on_change(void *ctx, enum store_change c, const char *entity)
{
	struct fixture *f = ctx;

	if (c == STORE_ADDED)
		f->added++;
	else if (c == STORE_CHANGED)
		f->changed++;
	else
		f->removed++;
	snprintf(f->last, sizeof(f->last), "%s", entity);
}

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	f->st = tempdb_open(f->path, "store");
	store_set_notify(f->st, on_change, f);
	f->a = arena_new();
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	tempdb_remove(f->st, f->path);
	arena_free(f->a);
	free(f);
	return 0;
}

static struct kk_party
party(const char *id, enum kk_party_kind kind, long population)
{
	struct kk_party p;

	memset(&p, 0, sizeof(p));
	p.id = id;
	p.name = id;
	p.kind = kind;
	p.population = population;
	p.population_year = population >= 0 ? 2011 : 0;
	p.standalone = true;
	return p;
}

static void
test_schema_is_current(void **state)
{
	struct fixture *f = *state;
	int n = 0;

	while (store_migrations[n].name)
		n++;
	assert_true(n >= 1);
	assert_int_equal(store_schema_version(f->st), n);
}

static void
test_missing_database(void **state)
{
	struct store *st;
	char *msg;

	assert_int_equal(store_open("/tmp/kk-no-such-dir/x.db", STORE_EXISTING,
	    &st, &msg), KK_EIO);
	assert_null(st);
	assert_non_null(strstr(msg, "no database at"));
	free(msg);
}

static void
test_refuses_foreign_database(void **state)
{
	char path[] = "/tmp/kk-test-foreign-XXXXXX";
	struct store *st;
	sqlite3 *db;
	char *msg;
	int fd = mkstemp(path);

	close(fd);
	unlink(path);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_exec(db, "CREATE TABLE other (x)", NULL, NULL, NULL);
	sqlite3_close(db);
	assert_int_equal(store_open(path, STORE_EXISTING, &st, &msg),
	    KK_EINPUT);
	assert_non_null(strstr(msg, "not a konkordat database"));
	free(msg);

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_exec(db, "DROP TABLE other; PRAGMA user_version = 999; "
	    "PRAGMA application_id = 1263488587", NULL, NULL, NULL);
	sqlite3_close(db);
	assert_int_equal(store_open(path, STORE_EXISTING, &st, &msg),
	    KK_EINPUT);
	assert_non_null(strstr(msg, "newer than this konkordat"));
	free(msg);
	unlink(path);
}

/* Run SQL on DB, failing the test if it fails. */
static void
exec_ok(sqlite3 *db, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
}

static long
count_of(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *stmt;
	long n;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	n = (long)sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return n;
}

/* The whole file PATH, its size in *N; the caller frees it. */
static char *
slurp(const char *path, size_t *n)
{
	FILE *fp = fopen(path, "rb");
	char *s;
	long len;

	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	len = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	s = xmalloc((size_t)len + 1);
	assert_int_equal(fread(s, 1, (size_t)len, fp), (size_t)len);
	fclose(fp);
	*n = (size_t)len;
	return s;
}

/*
 * Another program's SQLite file whose user_version happens to be one of
 * konkordat's schema versions (a browser's history has 3) is refused by
 * every mode, and its bytes stay as they were: no WAL, no migration.
 */
static void
test_foreign_file_left_unchanged(void **state)
{
	static const enum store_open_mode modes[] = {
		STORE_READONLY, STORE_EXISTING, STORE_CREATE,
	};
	char path[] = "/tmp/kk-test-history-XXXXXX";
	struct store *st;
	sqlite3 *db;
	char *before, *after, *msg;
	size_t nbefore, nafter, i;
	int fd = mkstemp(path);

	(void)state;
	close(fd);
	unlink(path);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	exec_ok(db, "CREATE TABLE urls (id INTEGER PRIMARY KEY, url TEXT);"
	    "INSERT INTO urls (url) VALUES ('https://www.lu.ch');"
	    "PRAGMA user_version = 3");
	sqlite3_close(db);
	before = slurp(path, &nbefore);
	for (i = 0; i < KK_ARRAY_SIZE(modes); i++) {
		assert_int_equal(store_open(path, modes[i], &st, &msg),
		    KK_EINPUT);
		assert_null(st);
		assert_non_null(strstr(msg, "not a konkordat database"));
		free(msg);
		after = slurp(path, &nafter);
		assert_int_equal(nafter, nbefore);
		assert_memory_equal(after, before, nbefore);
		free(after);
	}
	assert_int_not_equal(access(path, F_OK), -1);
	free(before);
	unlink(path);
}

/*
 * A database made before the application_id: a reader refuses it (it
 * needs migrating) and leaves it alone; a writer migrates and marks it.
 */
static void
test_unmarked_database_marked_by_writer(void **state)
{
	char path[] = "/tmp/kk-test-unmarked-XXXXXX";
	struct store *st;
	sqlite3 *db;
	char *msg = NULL;
	int fd = mkstemp(path), i;

	(void)state;
	close(fd);
	unlink(path);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	for (i = 0; i < 6; i++)
		exec_ok(db, store_migrations[i].sql);
	exec_ok(db, "PRAGMA user_version = 6");
	sqlite3_close(db);

	assert_int_equal(store_open(path, STORE_READONLY, &st, &msg),
	    KK_EINPUT);
	assert_non_null(strstr(msg, "run 'konkordat init'"));
	free(msg);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(count_of(db, "PRAGMA user_version"), 6);
	assert_int_equal(count_of(db, "PRAGMA application_id"), 0);
	sqlite3_close(db);

	assert_int_equal(store_open(path, STORE_EXISTING, &st, &msg), KK_OK);
	store_close(st);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(count_of(db, "PRAGMA application_id"),
	    STORE_APPLICATION_ID);
	sqlite3_close(db);
	assert_int_equal(store_open(path, STORE_READONLY, &st, &msg), KK_OK);
	store_close(st);
	tempdb_remove(NULL, path);
}

/* Migration 008: the audit log takes new rows and keeps them. */
static void
test_audit_is_append_only(void **state)
{
	struct fixture *f = *state;
	struct kk_party p = party("emmen", KK_MUNICIPALITY, 30000);
	sqlite3 *db;

	assert_int_equal(store_begin(f->st, &tempdb_actor), KK_OK);
	assert_int_equal(store_put_party(f->st, &p), KK_OK);
	assert_int_equal(store_commit(f->st), KK_OK);
	assert_int_equal(store_audit_count(f->st), 1);

	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE audit SET actor = 'x'",
	    NULL, NULL, NULL), SQLITE_OK);
	assert_non_null(strstr(sqlite3_errmsg(db), "append-only"));
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM audit", NULL, NULL,
	    NULL), SQLITE_OK);
	assert_int_equal(count_of(db, "SELECT count(*) FROM audit WHERE "
	    "actor = 'test:unit'"), 1);
	exec_ok(db, "INSERT INTO audit (at, actor, action, entity) VALUES "
	    "('2026-01-01T00:00:00Z', 'x', 'insert', 'party x')");
	sqlite3_close(db);
	assert_int_equal(store_audit_count(f->st), 2);
}

/*
 * A reader's transaction sees one committed state: what a writer commits
 * meanwhile shows only in the next one.
 */
static void
test_read_transaction_is_one_state(void **state)
{
	struct fixture *f = *state;
	struct kk_party p = party("kriens", KK_MUNICIPALITY, 27000);
	struct kk_party *v;
	struct store *rd;
	char *msg = NULL;
	size_t n;

	assert_int_equal(store_open(f->path, STORE_READONLY, &rd, &msg), KK_OK);
	assert_int_equal(store_begin_read(rd), KK_OK);
	assert_int_equal(store_list_parties(rd, f->a, &v, &n), KK_OK);
	assert_int_equal(n, 0);

	assert_int_equal(store_begin(f->st, &tempdb_actor), KK_OK);
	assert_int_equal(store_put_party(f->st, &p), KK_OK);
	assert_int_equal(store_commit(f->st), KK_OK);

	assert_int_equal(store_list_parties(rd, f->a, &v, &n), KK_OK);
	assert_int_equal(n, 0);
	store_end_read(rd);
	assert_int_equal(store_begin_read(rd), KK_OK);
	assert_int_equal(store_list_parties(rd, f->a, &v, &n), KK_OK);
	assert_int_equal(n, 1);
	/* a reader cannot write */
	assert_int_not_equal(store_begin(rd, &tempdb_actor), KK_OK);
	store_close(rd);
}

/* One zeroed page: a writer notices and refuses before it writes. */
static void
test_damaged_page_refused_for_writers(void **state)
{
	struct fixture *f = *state;
	struct kk_party p;
	struct store *st;
	char *msg = NULL, id[32];
	static char zero[16384];
	FILE *fp;
	int i;

	assert_int_equal(store_begin(f->st, &tempdb_actor), KK_OK);
	for (i = 0; i < 400; i++) {
		snprintf(id, sizeof(id), "gemeinde-%03d", i);
		p = party(id, KK_MUNICIPALITY, 1000 + i);
		assert_int_equal(store_put_party(f->st, &p), KK_OK);
	}
	assert_int_equal(store_commit(f->st), KK_OK);
	store_close(f->st);	/* checkpoints the WAL into the file */
	f->st = NULL;

	assert_int_equal(store_open(f->path, STORE_EXISTING, &st, &msg), KK_OK);
	store_close(st);
	fp = fopen(f->path, "r+b");
	assert_non_null(fp);
	fseek(fp, 3 * 16384, SEEK_SET);	/* page 4 */
	assert_int_equal(fwrite(zero, 1, sizeof(zero), fp), sizeof(zero));
	fclose(fp);
	assert_int_not_equal(store_open(f->path, STORE_EXISTING, &st, &msg),
	    KK_OK);
	assert_null(st);
	assert_non_null(strstr(msg, "damaged"));
	free(msg);
}

/*
 * A database of schema version 4 with an imported model: opened, it is
 * brought up to date, and migration 005 (am_concept made anew for its
 * deferred foreign key) keeps every concept, its indexes and the key.
 */
static void
test_upgrade_keeps_concepts(void **state)
{
	char path[] = "/tmp/kk-test-upgrade-XXXXXX";
	struct store *st;
	sqlite3 *db;
	char *msg = NULL;
	int fd = mkstemp(path), n = 0, i;

	(void)state;
	close(fd);
	unlink(path);
	while (store_migrations[n].name)
		n++;
	assert_true(n >= 5);
	assert_string_equal(store_migrations[4].name,
	    "005-archimate-deferred.sql");
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	exec_ok(db, "PRAGMA foreign_keys = ON");
	for (i = 0; i < 4; i++)
		exec_ok(db, store_migrations[i].sql);
	exec_ok(db, "PRAGMA user_version = 4;"
	    "INSERT INTO party (id, name, kind) VALUES ('p', 'P', 'city');"
	    "INSERT INTO am_model (id, party_id, strategy_id, made_party, "
	    "head, position) VALUES ('m', 'p', 'p-s', 1, '{}', 1);"
	    "INSERT INTO am_concept (id, model_id, relation, type, data, "
	    "position, version) VALUES ('e1', 'm', 0, 'Goal', '{}', 1, 3);"
	    "INSERT INTO am_concept (id, model_id, relation, type, "
	    "strategy_id, item_id, data, position) VALUES ('e2', 'm', 0, "
	    "'Goal', 'p-s', 'z1', '{\"n\":[[\"de\",\"Ziel\"]]}', 2);"
	    "INSERT INTO am_concept (id, model_id, relation, type, source, "
	    "target, data, position) VALUES ('r1', 'm', 1, 'Association', "
	    "'e1', 'e2', '{}', 3)");
	sqlite3_close(db);

	assert_int_equal(store_open(path, STORE_EXISTING, &st, &msg), KK_OK);
	assert_int_equal(store_schema_version(st), n);
	store_close(st);

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	exec_ok(db, "PRAGMA foreign_keys = ON");
	assert_int_equal(count_of(db, "SELECT count(*) FROM am_concept"), 3);
	assert_int_equal(count_of(db, "SELECT count(*) FROM am_concept WHERE "
	    "id = 'e1' AND version = 3 AND position = 1"), 1);
	assert_int_equal(count_of(db, "SELECT count(*) FROM am_concept WHERE "
	    "id = 'e2' AND item_id = 'z1' AND data LIKE '%Ziel%'"), 1);
	assert_int_equal(count_of(db, "SELECT count(*) FROM am_concept WHERE "
	    "id = 'r1' AND source = 'e1' AND target = 'e2'"), 1);
	assert_int_equal(count_of(db, "SELECT count(*) FROM sqlite_master "
	    "WHERE name IN ('am_concept_model', 'am_concept_item') AND "
	    "tbl_name = 'am_concept'"), 2);
	assert_int_equal(count_of(db, "SELECT count(*) FROM sqlite_master "
	    "WHERE name = 'am_concept' AND sql LIKE '%DEFERRABLE INITIALLY "
	    "DEFERRED%'"), 1);
	/* the key holds still, at the commit: a concept of no model goes */
	exec_ok(db, "BEGIN");
	assert_int_equal(sqlite3_exec(db, "INSERT INTO am_concept (id, "
	    "model_id, relation, type, data, position) VALUES ('e3', 'nil', 0, "
	    "'Goal', '{}', 4)", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL),
	    SQLITE_OK);
	exec_ok(db, "ROLLBACK");
	/* and the model's removal still takes its concepts */
	exec_ok(db, "DELETE FROM am_model WHERE id = 'm'");
	assert_int_equal(count_of(db, "SELECT count(*) FROM am_concept"), 0);
	sqlite3_close(db);
	unlink(path);
}

/*
 * Migration 006 (the audit's check made of comparisons) keeps every audit
 * row with its number, and the check still refuses an unknown action.
 */
static void
test_upgrade_keeps_audit(void **state)
{
	char path[] = "/tmp/kk-test-upgrade-XXXXXX";
	struct store *st;
	sqlite3 *db;
	char *msg = NULL;
	int fd = mkstemp(path), i;

	(void)state;
	close(fd);
	unlink(path);
	assert_string_equal(store_migrations[5].name, "006-audit-check.sql");
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	for (i = 0; i < 5; i++)
		exec_ok(db, store_migrations[i].sql);
	exec_ok(db, "PRAGMA user_version = 5;"
	    "INSERT INTO audit (seq, at, actor, action, entity, before, after) "
	    "VALUES (7, '2011-09-07T10:00:00Z', 'a', 'insert', 'party p', NULL, "
	    "'{}'), (9, '2011-09-08T10:00:00Z', 'b', 'delete', 'party p', "
	    "'{}', NULL)");
	sqlite3_close(db);

	assert_int_equal(store_open(path, STORE_EXISTING, &st, &msg), KK_OK);
	assert_int_equal(store_audit_count(st), 2);
	store_close(st);

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(count_of(db, "SELECT count(*) FROM audit WHERE "
	    "seq = 9 AND actor = 'b' AND action = 'delete' AND after IS NULL"),
	    1);
	assert_int_equal(count_of(db, "SELECT max(seq) FROM audit"), 9);
	assert_int_not_equal(sqlite3_exec(db, "INSERT INTO audit (at, actor, "
	    "action, entity) VALUES ('x', 'a', 'upsert', 'party p')", NULL,
	    NULL, NULL), SQLITE_OK);
	exec_ok(db, "INSERT INTO audit (at, actor, action, entity) VALUES "
	    "('x', 'a', 'update', 'party p')");
	assert_int_equal(count_of(db, "SELECT max(seq) FROM audit"), 10);
	sqlite3_close(db);
	unlink(path);
}

/* A put writes only what differs, and audits exactly that. */
static void
test_put_party_diffs(void **state)
{
	struct fixture *f = *state;
	struct kk_party p = party("kanton", KK_CANTON, 1000), got;
	long audit;

	/* a write outside a transaction has no actor: refused */
	assert_int_equal(store_put_party(f->st, &p), KK_EIO);
	assert_int_equal(store_audit_count(f->st), 0);
	assert_int_equal(store_get_party(f->st, f->a, "kanton", &got),
	    KK_ENOTFOUND);

	tempdb_begin(f->st);
	assert_int_equal(store_put_party(f->st, &p), KK_OK);
	assert_int_equal(f->added, 1);
	assert_string_equal(f->last, "party kanton");
	audit = store_audit_count(f->st);
	assert_int_equal(audit, 1);

	assert_int_equal(store_put_party(f->st, &p), KK_OK);
	assert_int_equal(store_audit_count(f->st), audit);
	assert_int_equal(f->changed, 0);

	p.population = 1001;
	assert_int_equal(store_put_party(f->st, &p), KK_OK);
	assert_int_equal(f->changed, 1);
	assert_int_equal(store_audit_count(f->st), audit + 1);
	assert_int_equal(store_get_party(f->st, f->a, "kanton", &got), KK_OK);
	assert_int_equal(got.population, 1001);
	assert_int_equal(store_get_party(f->st, f->a, "nobody", &got),
	    KK_ENOTFOUND);
	tempdb_commit(f->st);
}

static void
test_members_and_rollback(void **state)
{
	struct fixture *f = *state;
	struct kk_party a = party("a", KK_MUNICIPALITY, 10);
	struct kk_party b = party("b", KK_MUNICIPALITY, 20);
	struct kk_party v = party("verband", KK_ASSOCIATION, 30);
	const char *members[] = { "b", "a" };
	struct kk_party got;

	v.members.v = members;
	v.members.n = 2;
	assert_int_equal(store_begin(f->st, &tempdb_actor), KK_OK);
	/* members may be written after their group, within a transaction */
	assert_int_equal(store_put_party(f->st, &v), KK_OK);
	assert_int_equal(store_put_party(f->st, &a), KK_OK);
	assert_int_equal(store_put_party(f->st, &b), KK_OK);
	assert_int_equal(store_commit(f->st), KK_OK);
	assert_int_equal(store_get_party(f->st, f->a, "verband", &got), KK_OK);
	assert_int_equal(got.members.n, 2);
	assert_string_equal(got.members.v[0], "b");

	/* a member that never comes: the commit fails, nothing stays */
	members[1] = "ghost";
	assert_int_equal(store_begin(f->st, &tempdb_actor), KK_OK);
	assert_int_equal(store_put_party(f->st, &v), KK_OK);
	assert_int_not_equal(store_commit(f->st), KK_OK);
	store_rollback(f->st);
	assert_int_equal(store_get_party(f->st, f->a, "verband", &got), KK_OK);
	assert_string_equal(got.members.v[1], "a");
}

static void
test_sync_strategy(void **state)
{
	struct fixture *f = *state;
	struct kk_party p = party("stadt", KK_CITY, 100);
	struct kk_item items[3];
	const char *goals[] = { "z1" };
	struct kk_strategy s, *list;
	size_t n;

	memset(items, 0, sizeof(items));
	items[0] = (struct kk_item){ .id = "hf1", .kind = KK_FIELD,
	    .title = "Sicherheit" };
	items[1] = (struct kk_item){ .id = "z1", .kind = KK_GOAL,
	    .parent = "hf1", .title = "Daten schützen" };
	items[2] = (struct kk_item){ .id = "m1", .kind = KK_MEASURE,
	    .title = "Schulung", .goals = { goals, 1, NULL } };
	memset(&s, 0, sizeof(s));
	s.id = "stadt-2012";
	s.party = "stadt";
	s.title = "IT-Strategie";
	s.start = 2012;
	s.end = 2016;
	s.version = 1;
	s.lang = "de";
	s.items = items;
	s.nitems = 3;

	tempdb_begin(f->st);
	assert_int_equal(store_put_party(f->st, &p), KK_OK);
	f->added = 0;
	assert_int_equal(store_sync_strategy(f->st, "stadt", &s), KK_OK);
	assert_int_equal(f->added, 4);	/* the strategy and three items */

	/* the same again: nothing */
	f->added = 0;
	assert_int_equal(store_sync_strategy(f->st, "stadt", &s), KK_OK);
	assert_int_equal(f->added + f->changed + f->removed, 0);

	/* one changed, one removed */
	items[1].title = "Daten besser schützen";
	s.nitems = 2;
	assert_int_equal(store_sync_strategy(f->st, "stadt", &s), KK_OK);
	assert_int_equal(f->changed, 1);
	assert_int_equal(f->removed, 1);

	assert_int_equal(store_list_strategies(f->st, f->a, &list, &n), KK_OK);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].nitems, 2);
	assert_string_equal(list[0].items[1].title, "Daten besser schützen");

	/* no strategy: the party's strategy goes */
	assert_int_equal(store_sync_strategy(f->st, "stadt", NULL), KK_OK);
	assert_int_equal(store_list_strategies(f->st, f->a, &list, &n), KK_OK);
	assert_int_equal(n, 0);
	tempdb_commit(f->st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_schema_is_current, setup,
		    teardown),
		cmocka_unit_test(test_missing_database),
		cmocka_unit_test(test_refuses_foreign_database),
		cmocka_unit_test(test_upgrade_keeps_concepts),
		cmocka_unit_test(test_upgrade_keeps_audit),
		cmocka_unit_test(test_foreign_file_left_unchanged),
		cmocka_unit_test(test_unmarked_database_marked_by_writer),
		cmocka_unit_test_setup_teardown(test_audit_is_append_only,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_read_transaction_is_one_state, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_damaged_page_refused_for_writers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_put_party_diffs, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_members_and_rollback,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_sync_strategy, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
