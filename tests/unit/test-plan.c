/* test-plan.c: scheduling known graphs: earliest dates, delays, critical paths, cycles. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sys/resource.h>

#include "konkordat.h"

/* Projects in the long chains below: more than the C stack would hold
   one frame each for. */
#define LONG_CHAIN 100000

static void
test_days(void **state)
{
	char d[11];

	assert_int_equal(kk_date_days("1970-01-01"), 0);
	assert_int_equal(kk_date_days("2012-03-01") -
	    kk_date_days("2012-02-28"), 2);	/* a leap year */
	assert_int_equal(kk_date_days("2013-03-01") -
	    kk_date_days("2013-02-28"), 1);
	kk_days_date(kk_date_days("2011-09-07") + 366, d);
	assert_string_equal(d, "2012-09-07");
	kk_days_date(kk_date_days("2000-02-29"), d);
	assert_string_equal(d, "2000-02-29");
}

static struct kk_project
project(const char *id, const char *start, const char *end)
{
	struct kk_project p;

	memset(&p, 0, sizeof(p));
	p.id = id;
	p.title = id;
	p.start = start;
	p.end = end;
	return p;
}

/*
 *   a (Jan 1-10) --lag 2--> b (planned Jan 5-9, 5 days) --> d
 *   c (Jan 1-31) ------------------------------------------> d
 * b may start on Jan 13 at the earliest: 8 days late, ends Jan 17.
 * d (planned Feb 1-28) may start after b (Jan 18) or c (Feb 1): c drives
 * it with no slack, and the portfolio's critical path is c -> d.
 */
static void
test_known_graph(void **state)
{
	struct kk_project v[4];
	struct kk_dependency db = { "a", 2, { 0 } };
	struct kk_dependency dd[2] = { { "b", 0, { 0 } }, { "c", 0, { 0 } } };
	struct kk_org o;
	struct plan plan;
	const struct plan_entry *e;
	char s[11];

	v[0] = project("a", "2012-01-01", "2012-01-10");
	v[1] = project("b", "2012-01-05", "2012-01-09");
	v[1].deps = &db;
	v[1].ndeps = 1;
	v[2] = project("c", "2012-01-01", "2012-01-31");
	v[3] = project("d", "2012-02-01", "2012-02-28");
	v[3].deps = dd;
	v[3].ndeps = 2;
	memset(&o, 0, sizeof(o));
	o.projects = v;
	o.nprojects = 4;

	assert_int_equal(plan_schedule(&o, &plan), KK_OK);
	e = plan_find(&plan, "b");
	kk_days_date(e->start, s);
	assert_string_equal(s, "2012-01-13");
	kk_days_date(e->end, s);
	assert_string_equal(s, "2012-01-17");
	assert_int_equal(e->delay, 8);
	assert_string_equal(e->driver->id, "a");

	e = plan_find(&plan, "d");
	assert_int_equal(e->delay, 0);
	assert_string_equal(e->driver->id, "c");
	assert_int_equal(e->start - e->allowed, 0);

	assert_int_equal(plan.npath, 2);
	assert_string_equal(plan.path[0]->id, "c");
	assert_string_equal(plan.path[1]->id, "d");
	assert_true(plan_find(&plan, "c")->critical);
	assert_false(plan_find(&plan, "a")->critical);
	plan_release(&plan);

	/* b pushed past d's start: d is driven by b and is late */
	v[1].end = "2012-01-31";
	assert_int_equal(plan_schedule(&o, &plan), KK_OK);
	e = plan_find(&plan, "d");
	assert_string_equal(e->driver->id, "b");
	kk_days_date(e->start, s);
	assert_string_equal(s, "2012-02-09");	/* b ends Feb 8 */
	assert_int_equal(e->delay, 8);
	assert_int_equal(plan.npath, 3);
	assert_string_equal(plan.path[0]->id, "a");
	plan_release(&plan);

	/* d alone after c, which ends 219 days before d's plan: c leaves
	   slack, so only d is critical */
	v[1].end = "2012-01-09";
	v[2].end = "2011-06-26";
	v[2].start = "2011-06-01";
	v[3].deps = &dd[1];
	v[3].ndeps = 1;
	assert_int_equal(plan_schedule(&o, &plan), KK_OK);
	e = plan_find(&plan, "d");
	assert_string_equal(e->driver->id, "c");
	assert_int_equal(kk_date_days("2012-02-01") - e->allowed, 219);
	assert_int_equal(plan.npath, 1);
	assert_string_equal(plan.path[0]->id, "d");
	assert_false(plan_find(&plan, "c")->critical);
	plan_release(&plan);
}

static void
test_cycle_refused(void **state)
{
	struct kk_project v[2];
	struct kk_dependency da = { "b", 0, { 0 } }, dbb = { "a", 0, { 0 } };
	struct kk_org o;
	struct plan plan;

	v[0] = project("a", "2012-01-01", "2012-01-10");
	v[0].deps = &da;
	v[0].ndeps = 1;
	v[1] = project("b", "2012-01-01", "2012-01-10");
	v[1].deps = &dbb;
	v[1].ndeps = 1;
	memset(&o, 0, sizeof(o));
	o.projects = v;
	o.nprojects = 2;
	assert_int_equal(plan_schedule(&o, &plan), KK_EINPUT);
}

/*
 * The stack most systems give a program (8 MB), even where this one runs
 * with more: a walk that takes a frame per project must fail here as it
 * would for a user.
 */
static void
default_stack(void)
{
	struct rlimit rl;

	if (!getrlimit(RLIMIT_STACK, &rl) && (rl.rlim_cur == RLIM_INFINITY ||
	    rl.rlim_cur > 8u << 20)) {
		rl.rlim_cur = 8u << 20;
		setrlimit(RLIMIT_STACK, &rl);
	}
}

/* p1 depends on p2 ... on pN, each planned for 2012-01-01 alone; with
   CYCLE pN depends on p1 too. V and D hold N entries, IDS N * 24 bytes. */
static void
long_chain(struct kk_org *o, struct kk_project *v, struct kk_dependency *d,
    char *ids, size_t n, bool cycle)
{
	size_t i;

	for (i = 0; i < n; i++) {
		snprintf(ids + 24 * i, 24, "p%zu", i + 1);
		v[i] = project(ids + 24 * i, "2012-01-01", "2012-01-01");
	}
	for (i = 0; i < n; i++) {
		if (i + 1 == n && !cycle)
			break;
		d[i].project = v[(i + 1) % n].id;
		d[i].lag = 0;
		memset(&d[i].loc, 0, sizeof(d[i].loc));
		v[i].deps = &d[i];
		v[i].ndeps = 1;
	}
	memset(o, 0, sizeof(*o));
	o->projects = v;
	o->nprojects = n;
}

/* Each project of the chain waits for the next: p1 starts LONG_CHAIN - 1
   days late, and every project is on the critical path. */
static void
test_long_chain(void **state)
{
	struct kk_project *v = xcalloc(LONG_CHAIN, sizeof(*v));
	struct kk_dependency *d = xcalloc(LONG_CHAIN, sizeof(*d));
	char *ids = xcalloc(LONG_CHAIN, 24);
	struct kk_org o;
	struct plan plan;

	default_stack();
	long_chain(&o, v, d, ids, LONG_CHAIN, false);
	assert_int_equal(plan_schedule(&o, &plan), KK_OK);
	assert_int_equal(plan.v[0].delay, LONG_CHAIN - 1);
	assert_int_equal(plan.v[LONG_CHAIN - 1].delay, 0);
	assert_int_equal(plan.npath, LONG_CHAIN);
	assert_string_equal(plan.path[0]->id, "p100000");
	assert_string_equal(plan.path[LONG_CHAIN - 1]->id, "p1");
	plan_release(&plan);
	free(v);
	free(d);
	free(ids);
}

static void
test_long_cycle_refused(void **state)
{
	struct kk_project *v = xcalloc(LONG_CHAIN, sizeof(*v));
	struct kk_dependency *d = xcalloc(LONG_CHAIN, sizeof(*d));
	char *ids = xcalloc(LONG_CHAIN, 24);
	struct kk_org o;
	struct plan plan;

	default_stack();
	long_chain(&o, v, d, ids, LONG_CHAIN, true);
	assert_int_equal(plan_schedule(&o, &plan), KK_EINPUT);
	free(v);
	free(d);
	free(ids);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_days),
		cmocka_unit_test(test_known_graph),
		cmocka_unit_test(test_cycle_refused),
		cmocka_unit_test(test_long_chain),
		cmocka_unit_test(test_long_cycle_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
