/* test-coverage.c: what a common strategy built in C gives: mappings that hold, coverage, gaps, overlaps, cost per field. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "store.h"

/*
 * Parties a and b have strategies sa and sb, each with field f1, goal g1
 * and measures realising g1; c is a member without a strategy. Common
 * field c001 has goal c002; common field c003 has none.
 */
static const char *members[] = { "a", "b", "c" };
static struct kk_party org = { .id = "org",
    .members = { members, 3, NULL } };

static const char *on_g1[] = { "g1" };
static struct kk_item items_a[] = {
	{ .id = "f1", .kind = KK_FIELD, .title = "F" },
	{ .id = "g1", .kind = KK_GOAL, .parent = "f1", .title = "G" },
	{ .id = "m1", .kind = KK_MEASURE, .title = "M",
	    .goals = { on_g1, 1, NULL } },
	{ .id = "m2", .kind = KK_MEASURE, .title = "M",
	    .goals = { on_g1, 1, NULL } },
};
static struct kk_item items_b[] = {
	{ .id = "f1", .kind = KK_FIELD, .title = "F" },
	{ .id = "g1", .kind = KK_GOAL, .parent = "f1", .title = "G" },
	{ .id = "m9", .kind = KK_MEASURE, .title = "M",
	    .goals = { on_g1, 1, NULL } },
};
static struct kk_strategy strategies[] = {
	{ .id = "sa", .party = "a", .items = items_a, .nitems = 4 },
	{ .id = "sb", .party = "b", .items = items_b, .nitems = 3 },
};
static struct store_citem citems[] = {
	{ .id = "c001", .kind = KK_FIELD, .label = "Eins" },
	{ .id = "c002", .kind = KK_GOAL, .parent = "c001", .label = "Ziel" },
	{ .id = "c003", .kind = KK_FIELD, .label = "Drei" },
};

static struct store_mapping
map(const char *strategy, const char *item, const char *citem,
    const char *relation, const char *decision)
{
	struct store_mapping m = { .strategy = strategy, .item = item,
	    .citem = citem, .relation = relation, .score = -1,
	    .decision = decision };

	return m;
}

/* The view with the mappings that decide everything: sb/g1's equivalent
   to c002 has DECISION. */
static void
view(struct common_view *v, struct store_mapping *maps, const char *decision)
{
	maps[0] = map("sa", "f1", "c001", "equivalent", "accepted");
	maps[1] = map("sa", "g1", "c002", "equivalent", "proposed");
	maps[2] = map("sb", "g1", "c002", "equivalent", decision);
	maps[3] = map("sb", "f1", "c001", "related", "proposed");
	maps[4] = map("sb", "f1", "c003", "equivalent", "proposed");
	memset(v, 0, sizeof(*v));
	v->org = "org";
	v->orgp = &org;
	v->items = citems;
	v->nitems = 3;
	v->maps = maps;
	v->nmaps = 5;
	v->strategies = strategies;
	v->nstrategies = 2;
}

static void
test_mapping_holds(void **state)
{
	struct store_mapping m = map("sa", "f1", "c001", "equivalent",
	    "proposed");

	(void)state;
	assert_true(common_mapping_holds(&m));
	m.decision = "accepted";
	assert_true(common_mapping_holds(&m));
	m.decision = "rejected";
	assert_false(common_mapping_holds(&m));
	m.decision = "accepted";
	m.relation = "broader";
	assert_false(common_mapping_holds(&m));
}

static void
test_fields_rejected_not_counted(void **state)
{
	struct store_mapping maps[5];
	struct common_view v;
	struct coverage c;

	(void)state;
	view(&v, maps, "rejected");
	coverage_build(&v, false, &c);
	/* c has no strategy: no column */
	assert_int_equal(c.nparties, 2);
	assert_string_equal(c.parties[0], "a");
	assert_string_equal(c.parties[1], "b");
	assert_int_equal(c.nrows, 2);
	assert_string_equal(c.rows[0].ci->id, "c001");
	/* a's field and its goal under the field's common goal; the
	   measures of that goal, each once */
	assert_string_equal(c.rows[0].items[0], "f1 g1");
	assert_string_equal(c.rows[0].measures[0], "m1 m2");
	/* b's goal is rejected there, its field only related */
	assert_string_equal(c.rows[0].items[1], "");
	assert_string_equal(c.rows[0].measures[1], "");
	assert_int_equal(c.rows[0].naddressed, 1);
	assert_int_equal(c.rows[0].nmeasured, 1);
	assert_string_equal(c.rows[1].ci->id, "c003");
	assert_string_equal(c.rows[1].items[0], "");
	assert_string_equal(c.rows[1].items[1], "f1");
	assert_int_equal(c.rows[1].naddressed, 1);
	assert_int_equal(c.nfields, 2);
	assert_int_equal(c.ngaps, 2);
	assert_int_equal(c.noverlaps, 0);
	coverage_release(&c);
	coverage_release(NULL);
}

static void
test_goals_and_overlap(void **state)
{
	struct store_mapping maps[5];
	struct common_view v;
	struct coverage c;

	(void)state;
	view(&v, maps, "proposed");
	coverage_build(&v, true, &c);
	assert_int_equal(c.nrows, 3);
	/* each field, then its goals */
	assert_string_equal(c.rows[0].ci->id, "c001");
	assert_string_equal(c.rows[1].ci->id, "c002");
	assert_string_equal(c.rows[2].ci->id, "c003");
	assert_string_equal(c.rows[0].items[1], "g1");
	assert_string_equal(c.rows[0].measures[1], "m9");
	assert_int_equal(c.rows[0].naddressed, 2);
	assert_int_equal(c.rows[0].nmeasured, 2);
	assert_string_equal(c.rows[1].items[0], "g1");
	assert_string_equal(c.rows[1].measures[0], "m1 m2");
	/* the goal rows are not counted as fields */
	assert_int_equal(c.nfields, 2);
	assert_int_equal(c.ngaps, 1);
	assert_int_equal(c.noverlaps, 1);
	coverage_release(&c);
}

static void
test_cost_per_field(void **state)
{
	static const char *serves1[] = { "sa/g1", "sb/f1" };
	static const char *serves2[] = { "sb/g1" };
	static const char *serves3[] = { "sa/g1", "sa/f1" };
	struct kk_budget_line b1 = { .year = 2012, .amount = 101 };
	struct kk_budget_line b2 = { .year = 2014, .amount = 30 };
	struct kk_budget_line b3 = { .year = 2013, .amount = 10 };
	struct kk_project projects[] = {
		{ .id = "p1", .serves = { serves1, 2, NULL }, .budget = &b1,
		    .nbudget = 1 },
		{ .id = "p2", .serves = { serves2, 1, NULL }, .budget = &b2,
		    .nbudget = 1 },
		{ .id = "p3", .serves = { serves3, 2, NULL }, .budget = &b3,
		    .nbudget = 1 },
	};
	struct kk_org o = { .start = 2012, .end = 2013,
	    .projects = projects, .nprojects = 3 };
	struct store_mapping maps[5];
	struct common_view v;
	struct field_costs fc;
	const kk_rappen want[] = { 51, 10, 0, 50, 0, 0, 0, 0, 30 };
	size_t i;

	(void)state;
	view(&v, maps, "rejected");
	/* a goal leads to its common goal's field; a rejected one nowhere */
	assert_string_equal(common_field_of(&v, "sa/g1"), "c001");
	assert_string_equal(common_field_of(&v, "sb/f1"), "c003");
	assert_null(common_field_of(&v, "sb/g1"));
	assert_null(common_field_of(&v, "no-slash"));
	field_costs_build(&o, &v, &fc);
	assert_int_equal(fc.nfields, 2);
	assert_string_equal(fc.fields[0], "c001");
	assert_string_equal(fc.fields[1], "c003");
	/* the period widened to the budget of 2014 */
	assert_int_equal(fc.first_year, 2012);
	assert_int_equal(fc.nyears, 3);
	/* p1's 1.01 in two equal parts (the Rappen left to the first), p3
	   twice in c001 counted once, p2 leads to no common field */
	for (i = 0; i < 9; i++)
		assert_int_equal(fc.cells[i], want[i]);
	field_costs_release(&fc);
	field_costs_release(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mapping_holds),
		cmocka_unit_test(test_fields_rejected_not_counted),
		cmocka_unit_test(test_goals_and_overlap),
		cmocka_unit_test(test_cost_per_field),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
