/* test-infra.c: phases on a day, who runs a component, the consolidation candidates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "konkordat.h"

#define COMP(ID, KIND, FN, OWNER, OP, COST, RUN) { .id = ID, .title = ID, \
	.kind = KIND, .function = FN, .owner = OWNER, .operator_ = OP, \
	.cost = COST, .phases = { [KK_BUILD] = "2011-01-01", \
	[KK_RUN] = RUN } }

static struct kk_component comps[] = {
	COMP("ekr-a", KK_APPLICATION, "ekr", "a", NULL, 100, "2012-01-01"),
	COMP("ekr-b", KK_APPLICATION, "ekr", "b", "c", 300, "2012-01-01"),
	/* a second one of a's: in the group, a is named once */
	COMP("ekr-a2", KK_APPLICATION, "ekr", "a", NULL, 50, "2012-01-01"),
	/* not yet running on the day */
	COMP("ekr-d", KK_APPLICATION, "ekr", "d", NULL, 70, "2015-01-01"),
	/* same function, another kind */
	COMP("ekr-rz", KK_DATA_CENTRE, "ekr", "d", NULL, 70, "2012-01-01"),
	/* one cost unknown: neither cost nor saving */
	COMP("rz-a", KK_DATA_CENTRE, "rz", "a", NULL, -1, "2012-01-01"),
	COMP("rz-b", KK_DATA_CENTRE, "rz", "b", NULL, 10, "2012-01-01"),
	/* two of one runner: nothing to merge between parties */
	COMP("gis-1", KK_SERVICE, "gis", "a", NULL, 5, "2012-01-01"),
	COMP("gis-2", KK_SERVICE, "gis", "b", "a", 5, "2012-01-01"),
};

static void
test_phase_and_runner(void **state)
{
	(void)state;
	assert_string_equal(infra_phase_on(&comps[3], "2010-12-31"), "-");
	assert_string_equal(infra_phase_on(&comps[3], "2011-01-01"), "build");
	assert_string_equal(infra_phase_on(&comps[3], "2015-01-01"), "run");
	assert_string_equal(infra_runner(&comps[0]), "a");
	assert_string_equal(infra_runner(&comps[1]), "c");
}

static void
test_candidates(void **state)
{
	struct kk_org o = { .components = comps,
	    .ncomponents = KK_ARRAY_SIZE(comps) };
	struct infra_candidate *g;
	size_t n;

	(void)state;
	n = infra_candidates(&o, "2013-06-30", &g);
	assert_int_equal(n, 2);
	assert_int_equal(g[0].kind, KK_APPLICATION);
	assert_string_equal(g[0].function, "ekr");
	assert_int_equal(g[0].ncomponents, 3);
	assert_string_equal(g[0].components[0]->id, "ekr-a");
	assert_string_equal(g[0].components[1]->id, "ekr-b");
	assert_string_equal(g[0].components[2]->id, "ekr-a2");
	assert_int_equal(g[0].runners.n, 2);
	assert_string_equal(g[0].runners.v[0], "a");
	assert_string_equal(g[0].runners.v[1], "c");
	/* the most expensive one stays */
	assert_int_equal(g[0].cost, 450);
	assert_int_equal(g[0].saving, 150);
	assert_string_equal(g[1].function, "rz");
	assert_int_equal(g[1].cost, -1);
	assert_int_equal(g[1].saving, -1);
	infra_candidates_release(g, n);

	/* once ekr-d runs it joins its group */
	n = infra_candidates(&o, "2015-01-01", &g);
	assert_int_equal(n, 2);
	assert_int_equal(g[0].ncomponents, 4);
	assert_int_equal(g[0].saving, 220);
	infra_candidates_release(g, n);
	infra_candidates_release(NULL, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phase_and_runner),
		cmocka_unit_test(test_candidates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
