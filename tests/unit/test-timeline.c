/* test-timeline.c: the dated things of an organisation and their state on a day. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "konkordat.h"

static struct kk_milestone timetable[] = {
	{ .id = "start", .title = "Start", .date = "2012-01-01", .done = true },
	{ .id = "vote", .title = "Vote", .date = "2013-05-01" },
};
static struct kk_milestone portal_ms[] = {
	{ .id = "go-live", .title = "Live", .date = "2013-08-01" },
	{ .id = "undated", .title = "Someday" },
};
static struct kk_project projects[] = {
	{ .id = "portal", .title = "Portal", .end = "2013-12-31",
	    .status = KK_RUNNING, .milestones = portal_ms, .nmilestones = 2 },
	{ .id = "old", .title = "Old", .end = "2013-01-31",
	    .status = KK_STOPPED },
};
static struct kk_decision decisions[] = {
	{ .id = "d1", .date = "2013-06-30", .subject = "Taken today" },
	{ .id = "d2", .date = "2013-07-01", .subject = "Tomorrow" },
};
static struct kk_agreement agreements[] = {
	{ .id = "sla", .title = "SLA", .valid_to = "2013-06-29" },
	{ .id = "open", .title = "Open-ended" },
};

static void
test_states(void **state)
{
	struct kk_org o = { .milestones = timetable, .nmilestones = 2,
	    .projects = projects, .nprojects = 2, .decisions = decisions,
	    .ndecisions = 2, .agreements = agreements, .nagreements = 2 };
	/* by date, then id; undated things are left out */
	static const struct {
		const char *date, *kind, *id;
		enum timeline_state state;
	} want[] = {
		{ "2012-01-01", "milestone", "start", TIMELINE_DONE },
		{ "2013-01-31", "project end", "old", TIMELINE_DONE },
		{ "2013-05-01", "milestone", "vote", TIMELINE_LATE },
		{ "2013-06-29", "agreement ends", "sla", TIMELINE_DONE },
		{ "2013-06-30", "decision", "d1", TIMELINE_DONE },
		{ "2013-07-01", "decision", "d2", TIMELINE_DUE },
		{ "2013-08-01", "milestone", "portal/go-live", TIMELINE_DUE },
		{ "2013-12-31", "project end", "portal", TIMELINE_LATER },
	};
	struct timeline t;
	size_t i;

	(void)state;
	timeline_build(&o, "2013-06-30", 90, &t);
	assert_int_equal(t.n, KK_ARRAY_SIZE(want));
	for (i = 0; i < t.n; i++) {
		assert_string_equal(t.v[i].date, want[i].date);
		assert_string_equal(t.v[i].kind, want[i].kind);
		assert_string_equal(t.v[i].id, want[i].id);
		assert_int_equal(t.v[i].state, want[i].state);
	}
	assert_int_equal(t.nlate, 1);
	assert_int_equal(t.ndue, 2);
	assert_string_equal(timeline_state_name(TIMELINE_LATER), "later");
	timeline_release(&t);

	/* the horizon reaches the project's end exactly */
	timeline_build(&o, "2013-06-30", 184, &t);
	assert_int_equal(t.v[7].state, TIMELINE_DUE);
	assert_int_equal(t.ndue, 3);
	timeline_release(&t);
	timeline_release(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_states),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
