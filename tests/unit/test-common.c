/* test-common.c: the store of the common strategy: writes that diff, versions, audit, decisions kept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <unistd.h>

#include "store.h"
#include "tempdb.h"

struct fixture {
	char path[64];
	struct store *st;
	struct arena *a;
	int added, changed, removed;
};

static void
on_change(void *ctx, enum store_change c, const char *entity)
{
	struct fixture *f = ctx;

	(void)entity;
	if (c == STORE_ADDED)
		f->added++;
	else if (c == STORE_CHANGED)
		f->changed++;
	else
		f->removed++;
}

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	struct kk_party org;

	f->st = tempdb_open(f->path, "common");
	memset(&org, 0, sizeof(org));
	org.id = "verbund";
	org.name = "Verbund";
	org.kind = KK_JOINT_ORG;
	org.population = -1;
	org.standalone = true;
	/* each test works in one transaction, as a request would */
	tempdb_begin(f->st);
	assert_int_equal(store_put_party(f->st, &org), KK_OK);
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

static void
put_draft(struct fixture *f)
{
	struct store_common c;

	memset(&c, 0, sizeof(c));
	c.id = "verbund-common-1";
	c.org = "verbund";
	c.number = 1;
	c.title = "Gemeinsame Strategie";
	c.start = 2012;
	c.end = 2016;
	assert_int_equal(store_common_put(f->st, &c), KK_OK);
}

static void
test_common_versions(void **state)
{
	struct fixture *f = *state;
	struct store_common c;

	assert_int_equal(store_common_current(f->st, f->a, "verbund", &c),
	    KK_ENOTFOUND);
	put_draft(f);
	assert_int_equal(f->added, 1);
	put_draft(f);		/* equal: nothing written, nothing audited */
	assert_int_equal(f->added + f->changed, 1);
	assert_int_equal(store_common_current(f->st, f->a, "verbund", &c),
	    KK_OK);
	assert_string_equal(c.id, "verbund-common-1");
	assert_false(c.adopted);
	assert_int_equal(c.version, 1);
	c.adopted = true;
	c.adopted_at = "2012-06-26T10:00:00Z";
	c.adopted_by = "test:unit";
	assert_int_equal(store_common_put(f->st, &c), KK_OK);
	assert_int_equal(f->changed, 1);
	assert_int_equal(store_common_current(f->st, f->a, "verbund", &c),
	    KK_OK);
	assert_true(c.adopted);
	assert_int_equal(c.version, 2);
}

static void
test_items_and_mappings(void **state)
{
	struct fixture *f = *state;
	struct store_citem ci, *items;
	struct store_mapping m, *maps;
	size_t n;
	long audits;

	put_draft(f);
	memset(&ci, 0, sizeof(ci));
	ci.id = "c001";
	ci.kind = KK_FIELD;
	ci.proposed_label = "Sicherheit";
	ci.position = 1;
	assert_int_equal(store_common_put_item(f->st, "verbund-common-1", &ci),
	    KK_OK);
	memset(&m, 0, sizeof(m));
	m.strategy = "nord-2012";
	m.item = "hf1";
	m.citem = "c001";
	m.relation = "equivalent";
	m.score = 0.8;
	m.explanation = "{\"why\":\"Sicherheit\"}";
	m.decision = "proposed";
	assert_int_equal(store_common_put_mapping(f->st, "verbund-common-1",
	    &m), KK_OK);
	audits = store_audit_count(f->st);
	assert_int_equal(store_common_put_mapping(f->st, "verbund-common-1",
	    &m), KK_OK);
	assert_int_equal(store_audit_count(f->st), audits);

	/* a decision raises the version and is audited */
	m.decision = "accepted";
	m.decided_by = "test:unit";
	m.decided_at = "2012-01-01T00:00:00Z";
	assert_int_equal(store_common_put_mapping(f->st, "verbund-common-1",
	    &m), KK_OK);
	assert_int_equal(store_audit_count(f->st), audits + 1);
	assert_int_equal(store_common_mappings(f->st, f->a, "verbund-common-1",
	    &maps, &n), KK_OK);
	assert_int_equal(n, 1);
	assert_string_equal(maps[0].decision, "accepted");
	assert_int_equal(maps[0].version, 2);

	/* a second equivalent of one item is refused by the schema */
	ci.id = "c002";
	ci.position = 2;
	assert_int_equal(store_common_put_item(f->st, "verbund-common-1", &ci),
	    KK_OK);
	m.citem = "c002";
	assert_int_equal(store_common_put_mapping(f->st, "verbund-common-1",
	    &m), KK_EIO);
	m.relation = "related";
	assert_int_equal(store_common_put_mapping(f->st, "verbund-common-1",
	    &m), KK_OK);

	/* a rename */
	ci.label = "Informationssicherheit";
	assert_int_equal(store_common_put_item(f->st, "verbund-common-1", &ci),
	    KK_OK);
	assert_int_equal(store_common_items(f->st, f->a, "verbund-common-1",
	    &items, &n), KK_OK);
	assert_int_equal(n, 2);
	assert_string_equal(items[1].label, "Informationssicherheit");
	assert_int_equal(items[1].version, 2);

	/* removing an item removes its mappings, each audited */
	f->removed = 0;
	assert_int_equal(store_common_del_item(f->st, "verbund-common-1",
	    "c002"), KK_OK);
	assert_int_equal(f->removed, 2);
	assert_int_equal(store_common_mappings(f->st, f->a, "verbund-common-1",
	    &maps, &n), KK_OK);
	assert_int_equal(n, 1);
	assert_string_equal(maps[0].citem, "c001");
}

static void
test_runs(void **state)
{
	struct fixture *f = *state;
	struct store_align_run r = { "{\"min_score\":0.27}", 3, 8, 8, 0 };

	put_draft(f);
	assert_int_equal(store_common_nruns(f->st, "verbund-common-1"), 0);
	assert_int_equal(store_common_add_run(f->st, "verbund-common-1", &r),
	    KK_OK);
	assert_int_equal(store_common_nruns(f->st, "verbund-common-1"), 1);
}

/* No verb or option in a core message: the core says what is wrong and what
   state is wanted, as a KK_ENEED_* code; the CLI adds the verb or option. */
static void
no_verb(const char *msg)
{
	assert_null(strstr(msg, "konkordat"));
	assert_null(strstr(msg, "--"));
}

static void
test_refusals_name_no_verb(void **state)
{
	struct fixture *f = *state;
	struct common_view v;
	struct kk_party org;
	struct kk_diags d;
	char *msg = NULL;
	int rc;

	/* no common strategy yet: aligning makes one */
	rc = common_rename(f->st, "verbund", "c001", "Neu", &msg);
	assert_int_equal(rc, KK_ENEED_ALIGN);
	assert_string_equal(msg, "'verbund' has no common strategy yet");
	assert_string_equal(cmd_hint(rc), "; run 'konkordat align' first");
	free(msg);

	/* an item that is not there: the list says which are */
	put_draft(f);
	rc = common_rename(f->st, "verbund", "c999", "Neu", &msg);
	assert_int_equal(rc, KK_ENEED_ITEM);
	assert_string_equal(msg, "no common item 'c999' in 'verbund-common-1'");
	no_verb(msg);
	assert_int_equal(cmd_exit_status(rc), KK_EXIT_REFUSED);
	free(msg);

	/* two joint organisations: one must be named */
	memset(&org, 0, sizeof(org));
	org.id = "zweckverband";
	org.name = "Zweckverband";
	org.kind = KK_JOINT_ORG;
	org.population = -1;
	org.standalone = true;
	assert_int_equal(store_put_party(f->st, &org), KK_OK);
	rc = common_load(f->st, NULL, &v, &msg);
	assert_int_equal(rc, KK_ENEED_ORG);
	assert_string_equal(msg, "there are several joint organisations");
	assert_string_equal(cmd_hint(rc), "; say which with --org ID");
	common_view_release(&v);
	free(msg);

	/* a database given as a file to read */
	diags_init(&d);
	assert_int_equal(input_check_kind("x.yaml", "SQLite format 3", 16,
	    NULL, 0, INPUT_YAML, &d), KK_EINPUT);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].msg, "an SQLite database, not a YAML file");
	assert_int_equal(d.v[0].need, KK_ENEED_DB);
	diags_release(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_common_versions, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_items_and_mappings, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_runs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusals_name_no_verb,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
