/* cmd-project.c: 'konkordat project', the joint projects: list, show, schedule. */
#include "store.h"

#include <getopt.h>

static void
chf(char *buf, size_t size, kk_rappen r, enum table_format f)
{
	if (f == TABLE_TEXT)
		kk_format_chf(r, buf, size);
	else
		snprintf(buf, size, "%lld.%02lld", (long long)(r / 100),
		    (long long)(r % 100));
}

static int
project_list(const struct portfolio *pf, enum table_format f)
{
	/* the headings and values are the CSV and JSON keys; the text
	   table shows them in the user's language (table.c) */
	static const char *const cols[] = { N_("ID"), N_("STATUS"),
	    N_("LIGHT"), N_("LEAD"), N_("START"), N_("END"),
	    N_("BUDGET CHF"), N_("COST KEY"), N_("TITLE") };
	struct table t;
	size_t i;
	int rc;

	table_init(&t, cols, KK_ARRAY_SIZE(cols));
	table_align_right(&t, 6);
	table_terms(&t, 1, VOCAB_PROJECT_STATUS);
	table_terms(&t, 2, VOCAB_LIGHT);
	for (i = 0; i < pf->org->nprojects; i++) {
		const struct kk_project *p = &pf->org->projects[i];
		char money[32];

		chf(money, sizeof(money), portfolio_project_total(p), f);
		table_row(&t, p->id, kk_project_status_names[p->status],
		    kk_light_names[p->light], p->lead, p->start, p->end, money,
		    p->cost_key ? p->cost_key : "-", p->title);
	}
	rc = table_print(&t, f, stdout);
	table_release(&t);
	return rc;
}

/* The portfolio's schedule: what the dependencies do to the plan. */
static int
project_schedule(const struct portfolio *pf, enum table_format f)
{
	/* the headings are the CSV and JSON keys; the text table shows
	   them in the user's language (table.c) */
	static const char *const cols[] = { N_("ID"), N_("PLANNED START"),
	    N_("EARLIEST START"), N_("EARLIEST END"), N_("DELAY DAYS"),
	    N_("SLACK DAYS"), N_("CRITICAL"), N_("AFTER") };
	const struct kk_org *o = pf->org;
	struct plan plan;
	struct table t;
	size_t i, j;
	int rc;

	if (plan_schedule(o, &plan)) {
		error("the dependencies of the projects form a cycle; run "
		    "'konkordat check' on the organisation file");
		return KK_EXIT_REFUSED;
	}
	table_init(&t, cols, KK_ARRAY_SIZE(cols));
	table_align_right(&t, 4);
	table_align_right(&t, 5);
	table_terms(&t, 6, VOCAB_FLAG);
	for (i = 0; i < plan.n; i++) {
		const struct plan_entry *e = &plan.v[i];
		char start[11], end[11], delay[16], slack[16] = "";

		kk_days_date(e->start, start);
		kk_days_date(e->end, end);
		snprintf(delay, sizeof(delay), "%ld", e->delay);
		if (e->driver)
			snprintf(slack, sizeof(slack), "%ld",
			    e->start - e->allowed);
		table_row(&t, e->project->id, e->project->start, start, end,
		    delay, slack, e->critical ? "yes" : "", e->driver ?
		    e->driver->id : "");
	}
	rc = table_print(&t, f, stdout);
	table_release(&t);
	if (f != TABLE_TEXT) {
		plan_release(&plan);
		return rc;
	}

	printf(_("\ncritical path:"));
	for (i = 0; i < plan.npath; i++)
		printf("%s %s", i ? " ->" : "", plan.path[i]->id);
	printf("\n");
	for (i = 0; i < plan.n; i++) {
		const struct plan_entry *e = &plan.v[i];
		char end[11];

		kk_days_date(e->end, end);
		for (j = 0; j < e->project->nmilestones; j++) {
			const struct kk_milestone *m =
			    &e->project->milestones[j];
			char expected[11];

			if (e->delay <= 0 || m->done)
				continue;
			kk_days_date(kk_date_days(m->date) + e->delay,
			    expected);
			/* TRANSLATORS: English says "days" for one too */
			printf(Q_("late: milestone %s/%s '%s' due %s, "
			    "expected %s (%ld days after %s)\n",
			    "late: milestone %s/%s '%s' due %s, "
			    "expected %s (%ld days after %s)\n",
			    (unsigned long)e->delay),
			    e->project->id, m->id,
			    m->title, m->date, expected, e->delay,
			    e->driver->id);
		}
		if (o->end && (end[0] - '0') * 1000 + (end[1] - '0') * 100 +
		    (end[2] - '0') * 10 + (end[3] - '0') > o->end)
			printf(_("outside the period: project %s ends on %s, "
			    "after %d\n"), e->project->id, end, o->end);
	}
	plan_release(&plan);
	return rc;
}

static int
project_show(const struct portfolio *pf, const char *id)
{
	const struct kk_project *p = kk_org_project(pf->org, id);
	const struct plan_entry *e;
	struct plan plan;
	char money[32];
	size_t i;

	if (!p) {
		error("no project '%s' (see 'konkordat project list')", id);
		return KK_EXIT_REFUSED;
	}
	printf("%-12s %s\n", PADDED(_("project"), 12), p->id);
	printf("%-12s %s\n", PADDED(_("title"), 12), p->title);
	if (p->text)
		printf("%-12s %s\n", PADDED(_("text"), 12), p->text);
	printf("%-12s %s, %s\n", PADDED(_("status"), 12),
	    i18n_term(VOCAB_PROJECT_STATUS, kk_project_status_names[p->status]),
	    i18n_term(VOCAB_LIGHT, kk_light_names[p->light]));
	printf("%-12s %s\n", PADDED(_("lead"), 12), p->lead);
	printf("%-12s", PADDED(_("parties"), 12));
	for (i = 0; i < p->parties.n; i++)
		printf("%s %s", i ? "," : "", p->parties.v[i]);
	printf(_("\n%-12s %s to %s\n"), PADDED(_("period"), 12), p->start,
	    p->end);
	for (i = 0; i < p->serves.n; i++)
		printf("%-12s %s\n", PADDED(i ? "" : _("serves"), 12),
		    p->serves.v[i]);
	if (!p->serves.n)
		printf(_("%-12s nothing (warning: the project serves no goal)\n"),
		    PADDED(_("serves"), 12));
	printf("%-12s %s\n", PADDED(_("cost key"), 12),
	    p->cost_key ? p->cost_key : "-");
	for (i = 0; i < p->nbudget; i++)
		printf("%-12s %d %-10s CHF %14s\n",
		    PADDED(i ? "" : _("budget"), 12), p->budget[i].year,
		    PADDED(i18n_term(VOCAB_BUDGET_KIND,
		    kk_budget_kind_names[p->budget[i].kind]), 10),
		    kk_format_chf(p->budget[i].amount, money, sizeof(money)));
	printf("%-12s CHF %14s\n", PADDED(_("total"), 12),
	    kk_format_chf(portfolio_project_total(p), money, sizeof(money)));
	for (i = 0; i < p->ndeps; i++)
		/* TRANSLATORS: English says "days" for one too, as it always has */
		printf(Q_("%-12s %s (+%d days)\n", "%-12s %s (+%d days)\n",
		    (unsigned long)p->deps[i].lag),
		    PADDED(i ? "" : _("after"), 12),
		    p->deps[i].project, p->deps[i].lag);
	if (!plan_schedule(pf->org, &plan)) {
		e = plan_find(&plan, p->id);
		if (e && e->delay > 0) {
			char s[11];

			kk_days_date(e->start, s);
			printf(Q_("%-12s earliest start %s, %ld days late because "
			    "of %s\n", "%-12s earliest start %s, %ld days late "
			    "because of %s\n", (unsigned long)e->delay),
			    PADDED(_("schedule"), 12), s, e->delay,
			    e->driver->id);
		}
		for (i = 0; i < p->nmilestones; i++)
			printf("%-12s %s %s%s%s\n",
			    PADDED(i ? "" : _("milestones"), 12),
			    p->milestones[i].date, p->milestones[i].title,
			    p->milestones[i].done ? _(" (done)") : "",
			    e && e->delay > 0 && !p->milestones[i].done ?
			    _(" (late)") : "");
		plan_release(&plan);
	}
	for (i = 0; i < p->nhistory; i++)
		printf("%-12s %s %s, %s%s%s\n",
		    PADDED(i ? "" : _("history"), 12), p->history[i].date,
		    i18n_term(VOCAB_PROJECT_STATUS,
		    kk_project_status_names[p->history[i].status]),
		    i18n_term(VOCAB_LIGHT, kk_light_names[p->history[i].light]),
		    p->history[i].note ? ": " : "",
		    p->history[i].note ? p->history[i].note : "");
	printf(_("\nWhat each party pays: konkordat cost --project %s\n"), p->id);
	return KK_EXIT_OK;
}

static int
project_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "org", required_argument, NULL, 'O' },
		{ "csv", no_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	enum table_format f = TABLE_TEXT;
	const char *org = NULL, *what;
	struct portfolio pf;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt == 'O')
			org = optarg;
		else if (opt == 'c')
			f = TABLE_CSV;
		else if (opt == 'j')
			f = TABLE_JSON;
		else
			return cmd_usage_error(&cmd_project, "unknown option");
	}
	what = optind < argc ? argv[optind] : "list";
	if (strcmp(what, "list") && strcmp(what, "show") &&
	    strcmp(what, "schedule"))
		return cmd_usage_error(&cmd_project, "unknown action '%s' "
		    "(list, show ID, schedule)", what);
	if (!strcmp(what, "show") && optind + 2 != argc)
		return cmd_usage_error(&cmd_project, "show which project?");
	if (strcmp(what, "show") && optind + 1 < argc)
		return cmd_usage_error(&cmd_project, "unexpected argument '%s'",
		    argv[optind + 1]);
	if (cmd_portfolio(ctx, org, &pf))
		return KK_EXIT_REFUSED;
	if (!strcmp(what, "list"))
		rc = project_list(&pf, f) ? KK_EXIT_INTERNAL : KK_EXIT_OK;
	else if (!strcmp(what, "schedule"))
		rc = project_schedule(&pf, f);
	else
		rc = project_show(&pf, argv[optind + 1]);
	portfolio_release(&pf);
	return rc;
}

const struct cmd cmd_project = {
	.name = "project",
	.usage = "[list | show ID | schedule] [--csv|--json]",
	.summary = N_("the joint projects: list, one in full, the schedule"),
	.help = N_("  list       every project: status, light, lead, dates, "
	    "budget, "
	    "cost key\n"
	    "  show ID    one project: goals served, budget lines, "
	    "dependencies,\n"
	    "             milestones, status history\n"
	    "  schedule   earliest dates under the finish-to-start "
	    "dependencies (with their\n"
	    "             lags), the delay each project gets from them, the "
	    "critical\n"
	    "             path, the milestones that are late because of it, "
	    "and the\n"
	    "             projects that end after the strategy period\n"
	    "\nOptions:\n"
	    "  --org ID       the joint organisation, if there are several\n"
	    "  --csv, --json  the table for a spreadsheet or a script\n"),
	.exec = project_exec,
};
