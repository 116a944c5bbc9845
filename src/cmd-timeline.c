/* cmd-timeline.c: 'konkordat timeline', what is due and what is late on a given day. */
#include "store.h"

#include <getopt.h>

struct event {
	const char *date;
	const char *kind;	/* milestone, project end, decision, ... */
	char *id;
	const char *what;
	bool done;
};

struct events {
	struct event *v;
	size_t n, cap;
};

static void
add(struct events *e, const char *date, const char *kind, char *id,
    const char *what, bool done)
{
	if (!date) {
		free(id);
		return;
	}
	if (e->n == e->cap) {
		e->cap = e->cap ? 2 * e->cap : 64;
		e->v = xrealloc(e->v, e->cap * sizeof(*e->v));
	}
	e->v[e->n].date = date;
	e->v[e->n].kind = kind;
	e->v[e->n].id = id;
	e->v[e->n].what = what;
	e->v[e->n].done = done;
	e->n++;
}

static int
cmp_event(const void *pa, const void *pb)
{
	const struct event *a = pa, *b = pb;
	int c = strcmp(a->date, b->date);

	return c ? c : strcmp(a->id, b->id);
}

/*
 * Everything of the organisation that has a date: the timetable's
 * milestones, the projects' milestones and ends, the decisions taken, the
 * ends of agreements. Decisions are done when taken; a project's end is
 * done when the project is done or stopped.
 */
static void
collect(const struct kk_org *o, const char *today, struct events *e)
{
	size_t i, j;

	for (i = 0; i < o->nmilestones; i++)
		add(e, o->milestones[i].date, N_("milestone"),
		    xstrdup(o->milestones[i].id), o->milestones[i].title,
		    o->milestones[i].done);
	for (i = 0; i < o->nprojects; i++) {
		const struct kk_project *p = &o->projects[i];

		for (j = 0; j < p->nmilestones; j++)
			add(e, p->milestones[j].date, N_("milestone"),
			    xasprintf("%s/%s", p->id, p->milestones[j].id),
			    p->milestones[j].title, p->milestones[j].done);
		add(e, p->end, N_("project end"), xstrdup(p->id), p->title,
		    p->status == KK_DONE || p->status == KK_STOPPED);
	}
	for (i = 0; i < o->ndecisions; i++)
		add(e, o->decisions[i].date, N_("decision"),
		    xstrdup(o->decisions[i].id), o->decisions[i].subject,
		    strcmp(o->decisions[i].date, today) <= 0);
	for (i = 0; i < o->nagreements; i++)
		add(e, o->agreements[i].valid_to, N_("agreement ends"),
		    xstrdup(o->agreements[i].id), o->agreements[i].title,
		    strcmp(o->agreements[i].valid_to ?
		    o->agreements[i].valid_to : "", today) < 0);
	qsort(e->v, e->n, sizeof(*e->v), cmp_event);
}

static int
timeline_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "org", required_argument, NULL, 'O' },
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
	char today[11], horizon[11], *end;
	long days = 90;
	bool all = false;
	struct events ev = { 0 };
	struct portfolio pf;
	struct table t;
	size_t i, nlate = 0, ndue = 0;
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
	kk_days_date(kk_date_days(today) + days, horizon);
	collect(pf.org, today, &ev);
	table_init(&t, cols, KK_ARRAY_SIZE(cols));
	for (i = 0; i < ev.n; i++) {
		const struct event *e = &ev.v[i];
		const char *state;

		if (e->done)
			state = N_("done");
		else if (strcmp(e->date, today) < 0)
			state = N_("late");
		else if (strcmp(e->date, horizon) <= 0)
			state = N_("due");
		else
			state = N_("later");
		nlate += !strcmp(state, "late");
		ndue += !strcmp(state, "due");
		if (!all && strcmp(state, "late") && strcmp(state, "due"))
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
		    (unsigned long)days), today, nlate, ndue, days);
	table_release(&t);
	for (i = 0; i < ev.n; i++)
		free(ev.v[i].id);
	free(ev.v);
	portfolio_release(&pf);
	return rc;
}

const struct cmd cmd_timeline = {
	.name = "timeline",
	.usage = "[--today DATE] [--days N] [--all] [--csv|--json]",
	.summary = N_("what is due and what is late, as of a day"),
	.help = N_("Lists the milestones of the timetable and of the projects, "
	    "the projects' ends,\nthe decisions and the ends of agreements: "
	    "those that are late (past and not\ndone) and those due within N "
	    "days (default 90). With --all, also what is\ndone and what comes "
	    "later.\n"
	    "\nOptions:\n"
	    "  --today DATE   the day to look from (default: today)\n"
	    "  --days N       how far ahead 'due' reaches\n"
	    "  --all          every dated item, with its state\n"
	    "  --org ID       the joint organisation, if there are several\n"
	    "  --csv, --json  the table for a spreadsheet or a script\n"),
	.exec = timeline_exec,
};
