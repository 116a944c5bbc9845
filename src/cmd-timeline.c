/* cmd-timeline.c: 'konkordat timeline', what is due and what is late on a given day. */
#include "store.h"

#include <getopt.h>

static int
timeline_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "org", required_argument, NULL, 'O' },
		{ "date", required_argument, NULL, 't' },
		{ "today", required_argument, NULL, 't' },
		{ "days", required_argument, NULL, 'd' },
		{ "all", no_argument, NULL, 'a' },
		{ "csv", no_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	/* the headings are the CSV and JSON keys; the text table shows
	   them in the user's language (table.c) */
	static const char *const cols[] = { N_("DATE"), N_("STATE"),
	    N_("KIND"), N_("ID"), N_("WHAT") };
	enum table_format f = TABLE_TEXT;
	const char *org = NULL;
	char today[11], *end;
	long days = 90;
	bool all = false;
	struct timeline ev;
	struct portfolio pf;
	struct table t;
	size_t i;
	int opt, rc;

	kk_today(today);
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'O':
			org = optarg;
			break;
		case 't':
			if (!kk_date_valid(optarg))
				return cmd_usage_error(&cmd_timeline, "'%s' is "
				    "not a date (YYYY-MM-DD)", optarg);
			memcpy(today, optarg, 11);
			break;
		case 'd':
			days = strtol(optarg, &end, 10);
			if (*end || days < 0 || days > 36500)
				return cmd_usage_error(&cmd_timeline, "'%s' is "
				    "not a number of days", optarg);
			break;
		case 'a':
			all = true;
			break;
		case 'c':
			f = TABLE_CSV;
			break;
		case 'j':
			f = TABLE_JSON;
			break;
		default:
			return cmd_usage_error(&cmd_timeline, "unknown option");
		}
	}
	if (optind < argc)
		return cmd_usage_error(&cmd_timeline, "unexpected argument "
		    "'%s'", argv[optind]);
	if (cmd_portfolio(ctx, org, &pf))
		return KK_EXIT_REFUSED;
	timeline_build(pf.org, today, days, &ev);
	table_init(&t, cols, KK_ARRAY_SIZE(cols));
	for (i = 0; i < ev.n; i++) {
		const struct timeline_event *e = &ev.v[i];
		const char *state = timeline_state_name(e->state);

		if (!all && e->state != TIMELINE_LATE &&
		    e->state != TIMELINE_DUE)
			continue;
		/* the text table in the user's language; CSV and JSON keep
		 * the English words, the values scripts compare with */
		table_row(&t, e->date, f == TABLE_TEXT ? _(state) : state,
		    f == TABLE_TEXT ? _(e->kind) : e->kind, e->id, e->what);
	}
	rc = table_print(&t, f, stdout) ? KK_EXIT_INTERNAL : KK_EXIT_OK;
	if (f == TABLE_TEXT)
		/* TRANSLATORS: English says "days" for one too */
		printf(Q_("\non %s: %zu late, %zu due within %ld days\n",
		    "\non %s: %zu late, %zu due within %ld days\n",
		    (unsigned long)days), today, ev.nlate, ev.ndue, days);
	table_release(&t);
	timeline_release(&ev);
	portfolio_release(&pf);
	return rc;
}

const struct cmd cmd_timeline = {
	.name = "timeline",
	.usage = "[--date DATE] [--days N] [--all] [--csv|--json]",
	.summary = N_("what is due and what is late, as of a day"),
	.help = N_("Lists the milestones of the timetable and of the projects, "
	    "the projects' ends,\nthe decisions and the ends of agreements: "
	    "those that are late (past and not\ndone) and those due within N "
	    "days (default 90). With --all, also what is\ndone and what comes "
	    "later.\n"
	    "\nOptions:\n"
	    "  --date DATE    the day to look from (default: today in "
	    "Switzerland);\n"
	    "                 --today is the same\n"
	    "  --days N       how far ahead 'due' reaches\n"
	    "  --all          every dated item, with its state\n"
	    "  --org ID       the joint organisation, if there are several\n"
	    "  --csv, --json  the table for a spreadsheet or a script\n"),
	.exec = timeline_exec,
};
