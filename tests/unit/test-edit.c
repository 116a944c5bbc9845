/* test-edit.c: one record at a time, against the version read, on SQLite and PostgreSQL. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "edit.h"
#include "pgtest.h"
#include "tempdb.h"

/* The Lucerne example in a database of either backend, imported once per
   group; each test changes records of its own. */
struct fixture {
	struct store *st;
	char path[64];		/* SQLite */
	struct pgtest pg;	/* PostgreSQL */
	bool postgres;
	struct arena *a;
	struct kk_diags d;
};

static const char *const example[] = {
	"kanton-luzern.yaml", "stadt-luzern.yaml", "vlg.yaml", "iggi.yaml",
	"organisation.yaml",
};

static const struct store_actor anna = { "anna", "stadt-luzern",
    "strategy-officer" };
static const struct store_actor beat = { "beat", "stadt-luzern",
    "strategy-officer" };

static void
import_example(struct store *st)
{
	const char *src = getenv("KK_SRCDIR");
	struct import im;
	size_t i;

	import_init(&im);
	for (i = 0; i < KK_ARRAY_SIZE(example); i++) {
		char *path = xasprintf("%s/examples/luzern/%s", src ? src : ".",
		    example[i]);

		import_read(&im, path);
		free(path);
	}
	tempdb_begin(st);
	assert_int_equal(import_check(&im, st), KK_OK);
	assert_int_equal(import_write(&im, st, NULL, NULL), KK_OK);
	tempdb_commit(st);
	import_release(&im);
}

static int
setup_group(void **state, bool postgres)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	char *msg = NULL;

	f->postgres = postgres;
	if (postgres) {
		if (pgtest_create(&f->pg, "edit"))
			return -1;
		if (store_open(f->pg.location, STORE_CREATE, &f->st, &msg)) {
			fprintf(stderr, "%s\n", msg);
			return -1;
		}
	} else {
		f->st = tempdb_open(f->path, "edit");
	}
	import_example(f->st);
	*state = f;
	return 0;
}

static int
setup_sqlite(void **state)
{
	return setup_group(state, false);
}

static int
setup_postgres(void **state)
{
	return setup_group(state, true);
}

static int
teardown_group(void **state)
{
	struct fixture *f = *state;

	if (f->postgres) {
		store_close(f->st);
		pgtest_drop(&f->pg);
	} else {
		tempdb_remove(f->st, f->path);
	}
	free(f);
	return 0;
}

static int
setup(void **state)
{
	struct fixture *f = *state;

	f->a = arena_new();
	diags_init(&f->d);
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	store_rollback(f->st);
	diags_release(&f->d);
	arena_free(f->a);
	return 0;
}

/* The stored strategy STRATEGY of PARTY, in f->a. */
static struct kk_strategy *
strategy_of(struct fixture *f, const char *party)
{
	struct kk_doc doc;

	assert_int_equal(store_load_doc(f->st, f->a, party, &doc), KK_OK);
	assert_non_null(doc.strategy);
	return doc.strategy;
}

static struct kk_item
item_of(struct fixture *f, const char *party, const char *id)
{
	const struct kk_item *it = kk_strategy_find(strategy_of(f, party), id);

	assert_non_null(it);
	return *it;
}

/* The stored organisation, in f->a. */
static struct kk_org
org_of(struct fixture *f)
{
	struct kk_doc doc;

	assert_int_equal(store_load_doc(f->st, f->a, "informatik-luzern",
	    &doc), KK_OK);
	assert_int_equal(doc.type, KK_DOC_ORG);
	return doc.org;
}

/* Whether a diagnostic of f->d names FIELD and holds TEXT. */
static bool
said(const struct fixture *f, const char *field, const char *text)
{
	size_t i;

	for (i = 0; i < f->d.n; i++)
		if ((!field || (f->d.v[i].loc.file &&
		    !strcmp(f->d.v[i].loc.file, field))) &&
		    strstr(f->d.v[i].msg, text))
			return true;
	return false;
}

/* Two people read the same goal; the first change wins, the second is
   told, with both versions, and loses nothing once it read again. */
static void
test_second_writer_gets_the_conflict(void **state)
{
	struct fixture *f = *state;
	struct kk_item a = item_of(f, "stadt-luzern", "z1"), b = a, now;
	long audit = store_audit_count(f->st);
	char *expect;

	assert_true(a.row_version >= 1);
	a.title = "Dienstleistungen rund um die Uhr online";
	assert_int_equal(store_begin(f->st, &anna), KK_OK);
	assert_int_equal(edit_put_item(f->st, "stadt-luzern-2012", &a, &f->d),
	    KK_OK);
	assert_int_equal(store_commit(f->st), KK_OK);
	/* the goal, and the adopted strategy's version, which goes up as
	   it does when a file changes it */
	assert_int_equal(store_audit_count(f->st), audit + 2);
	assert_true(said(f, NULL, "strategy 'stadt-luzern-2012' is adopted"));

	b.text = "Beats Text";
	assert_int_equal(store_begin(f->st, &beat), KK_OK);
	assert_int_equal(edit_put_item(f->st, "stadt-luzern-2012", &b, &f->d),
	    KK_ECONFLICT);
	store_rollback(f->st);
	expect = xasprintf("goal stadt-luzern-2012/z1 was changed by someone "
	    "else: the change was made to version %d, version %d is stored",
	    b.row_version, b.row_version + 1);
	assert_true(said(f, "version", expect));
	free(expect);
	now = item_of(f, "stadt-luzern", "z1");
	assert_string_equal(now.title, a.title);
	assert_int_equal(now.row_version, a.row_version + 1);
	assert_int_equal(store_audit_count(f->st), audit + 2);

	/* read again, changed again: both changes stay */
	now.text = "Beats Text";
	assert_int_equal(store_begin(f->st, &beat), KK_OK);
	assert_int_equal(edit_put_item(f->st, "stadt-luzern-2012", &now,
	    &f->d), KK_OK);
	assert_int_equal(store_commit(f->st), KK_OK);
	now = item_of(f, "stadt-luzern", "z1");
	assert_string_equal(now.title, a.title);
	assert_string_equal(now.text, "Beats Text");
}

/* The last row of the walk, its strings copied (each row's live until
   the next one). */
static int
keep_last(void *ctx, const struct store_audit_row *row)
{
	struct store_audit_row *last = ctx;

	free((char *)last->actor);
	free((char *)last->actor_party);
	free((char *)last->actor_role);
	free((char *)last->entity);
	*last = *row;
	last->actor = xstrdup(row->actor);
	last->actor_party = row->actor_party ? xstrdup(row->actor_party) : NULL;
	last->actor_role = row->actor_role ? xstrdup(row->actor_role) : NULL;
	last->entity = xstrdup(row->entity);
	return 0;
}

/* A new goal goes last and changes nothing else; the audit log names who
   added it, for which party and in which role. */
static void
test_new_item_touches_nothing_else(void **state)
{
	struct fixture *f = *state;
	struct kk_strategy *before = strategy_of(f, "stadt-luzern"), *after;
	struct kk_item it = { .id = "z99", .kind = KK_GOAL, .parent = "hf2",
	    .title = "Offene Daten veröffentlichen" };
	struct store_audit_filter all = { NULL, NULL, NULL, NULL };
	struct store_audit_row last = { 0 };
	size_t i;

	assert_int_equal(store_begin(f->st, &anna), KK_OK);
	assert_int_equal(edit_put_item(f->st, "stadt-luzern-2012", &it, &f->d),
	    KK_OK);
	assert_int_equal(store_commit(f->st), KK_OK);
	after = strategy_of(f, "stadt-luzern");
	assert_int_equal(after->nitems, before->nitems + 1);
	assert_string_equal(after->items[after->nitems - 1].id, "z99");
	assert_int_equal(after->items[after->nitems - 1].row_version, 1);
	for (i = 0; i < before->nitems; i++) {
		assert_string_equal(after->items[i].id, before->items[i].id);
		assert_int_equal(after->items[i].row_version,
		    before->items[i].row_version);
	}
	assert_int_equal(store_audit_each(f->st, &all, keep_last, &last),
	    KK_OK);
	assert_string_equal(last.entity, "goal stadt-luzern-2012/z99");
	assert_string_equal(last.actor, "anna");
	assert_string_equal(last.actor_party, "stadt-luzern");
	assert_string_equal(last.actor_role, "strategy-officer");
	free((char *)last.actor);
	free((char *)last.actor_party);
	free((char *)last.actor_role);
	free((char *)last.entity);

	/* the same id added again by one who did not see it: a conflict */
	it.title = "Noch ein Ziel";
	assert_int_equal(store_begin(f->st, &beat), KK_OK);
	assert_int_equal(edit_put_item(f->st, "stadt-luzern-2012", &it, &f->d),
	    KK_ECONFLICT);
	assert_true(said(f, "version", "goal stadt-luzern-2012/z99 exists "
	    "already, at version 1"));
	store_rollback(f->st);
}

/* What a form may get wrong is said at its field, and nothing changes. */
static void
test_wrong_items_refused_at_their_field(void **state)
{
	struct fixture *f = *state;
	struct kk_item it = item_of(f, "stadt-luzern", "z2");
	struct kk_item m = { .id = "m99", .kind = KK_MEASURE, .title = "x" };
	const char *goals[] = { "hf1" };
	long audit = store_audit_count(f->st);

	assert_int_equal(store_begin(f->st, &anna), KK_OK);
	it.parent = "z1";
	assert_int_equal(edit_put_item(f->st, "stadt-luzern-2012", &it, &f->d),
	    KK_EINPUT);
	assert_true(said(f, "parent", "'z1' is no field of action of strategy "
	    "'stadt-luzern-2012'"));
	it.parent = "hf1";
	it.title = "";
	assert_int_equal(edit_put_item(f->st, "stadt-luzern-2012", &it, &f->d),
	    KK_EINPUT);
	assert_true(said(f, "title", "an item needs a title"));
	it.title = "Ziel \xe2\x80\xae umgedreht";
	assert_int_equal(edit_put_item(f->st, "stadt-luzern-2012", &it, &f->d),
	    KK_EINPUT);
	assert_true(said(f, "title", "U+202E"));
	m.goals.v = goals;
	m.goals.n = 1;
	assert_int_equal(edit_put_item(f->st, "stadt-luzern-2012", &m, &f->d),
	    KK_EINPUT);
	assert_true(said(f, "goals", "'hf1' is no goal of strategy"));
	it = item_of(f, "stadt-luzern", "hf1");
	it.kind = KK_PRINCIPLE;
	assert_int_equal(edit_put_item(f->st, "stadt-luzern-2012", &it, &f->d),
	    KK_EINPUT);
	assert_true(said(f, "kind", "field of action 'hf1' still has goal"));
	assert_int_equal(edit_del_item(f->st, "stadt-luzern-2012", "z4", 0,
	    &f->d), KK_EINPUT);
	assert_true(said(f, "id", "goal 'z4' is realised by measure 'm1'"));
	assert_int_equal(edit_put_item(f->st, "nowhere-2012", &it, &f->d),
	    KK_ENOTFOUND);
	assert_true(said(f, "strategy", "no strategy 'nowhere-2012'"));
	store_rollback(f->st);
	assert_int_equal(store_audit_count(f->st), audit);
}

/* Removing takes the version read, too. */
static void
test_remove_against_version(void **state)
{
	struct fixture *f = *state;
	struct kk_item m2 = item_of(f, "stadt-luzern", "m2");

	assert_int_equal(store_begin(f->st, &anna), KK_OK);
	assert_int_equal(edit_del_item(f->st, "stadt-luzern-2012", "m2",
	    m2.row_version + 1, &f->d), KK_ECONFLICT);
	assert_true(said(f, "version", "measure stadt-luzern-2012/m2 was "
	    "changed by someone else"));
	assert_int_equal(edit_del_item(f->st, "stadt-luzern-2012", "m2",
	    m2.row_version, &f->d), KK_OK);
	assert_int_equal(store_commit(f->st), KK_OK);
	assert_null(kk_strategy_find(strategy_of(f, "stadt-luzern"), "m2"));
}

static const struct kk_project *
project_of(const struct kk_org *o, const char *id)
{
	const struct kk_project *p = kk_org_project(o, id);

	assert_non_null(p);
	return p;
}

/* A project, a cost key: one row, its version, the organisation's
   checks. */
static void
test_org_records(void **state)
{
	struct fixture *f = *state;
	struct kk_org o = org_of(f);
	struct kk_project p = *project_of(&o, "lutax"), q = p;
	struct kk_dependency dep = { .project = "lutax" };
	const struct kk_cost_key *k = kk_org_key(&o, "haus-der-informatik");
	struct kk_cost_key key = *k;
	struct kk_key_part parts[3];
	int other = project_of(&o, "rz-littau")->row_version;

	assert_int_equal(store_begin(f->st, &anna), KK_OK);
	p.light = KK_RED;
	assert_int_equal(edit_put_record(f->st, "informatik-luzern",
	    EDIT_PROJECT, &p, &f->d), KK_OK);
	assert_int_equal(store_commit(f->st), KK_OK);
	o = org_of(f);
	assert_int_equal(project_of(&o, "lutax")->light, KK_RED);
	assert_int_equal(project_of(&o, "lutax")->row_version,
	    p.row_version + 1);
	assert_int_equal(project_of(&o, "rz-littau")->row_version, other);

	/* the second, from the old version: refused */
	assert_int_equal(store_begin(f->st, &beat), KK_OK);
	q.status = KK_PROJECT_STATUS_COUNT - 1;
	assert_int_equal(edit_put_record(f->st, "informatik-luzern",
	    EDIT_PROJECT, &q, &f->d), KK_ECONFLICT);
	assert_true(said(f, "version", "project informatik-luzern/lutax was "
	    "changed by someone else"));

	/* a project that depends on itself */
	q = *project_of(&o, "lutax");
	q.deps = &dep;
	q.ndeps = 1;
	assert_int_equal(edit_put_record(f->st, "informatik-luzern",
	    EDIT_PROJECT, &q, &f->d), KK_EINPUT);
	assert_true(said(f, NULL, "project 'lutax' depends on itself"));

	/* shares that do not make 100 % */
	memcpy(parts, key.parts, sizeof(parts));
	parts[0].weight -= 100;
	key.parts = parts;
	assert_int_equal(edit_put_record(f->st, "informatik-luzern",
	    EDIT_COST_KEY, &key, &f->d), KK_EINPUT);
	assert_true(said(f, NULL, "the shares of cost key "
	    "'haus-der-informatik' add up to 99.00 %, not 100 %"));

	/* a key a project uses stays */
	assert_int_equal(edit_del_record(f->st, "informatik-luzern",
	    EDIT_COST_KEY, "haus-der-informatik", 0, &f->d), KK_EINPUT);
	assert_true(said(f, NULL, "project 'rz-littau' uses an unknown cost "
	    "key 'haus-der-informatik'"));
	store_rollback(f->st);
}

#define TESTS								\
	cmocka_unit_test_setup_teardown(				\
	    test_second_writer_gets_the_conflict, setup, teardown),	\
	cmocka_unit_test_setup_teardown(				\
	    test_new_item_touches_nothing_else, setup, teardown),	\
	cmocka_unit_test_setup_teardown(				\
	    test_wrong_items_refused_at_their_field, setup, teardown),	\
	cmocka_unit_test_setup_teardown(test_remove_against_version,	\
	    setup, teardown),						\
	cmocka_unit_test_setup_teardown(test_org_records, setup,	\
	    teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = { TESTS };
	int failed;

	failed = cmocka_run_group_tests_name("sqlite", tests, setup_sqlite,
	    teardown_group);
	failed += cmocka_run_group_tests_name("postgresql", tests,
	    setup_postgres, teardown_group);
	return failed;
}
