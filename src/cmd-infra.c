/* cmd-infra.c: 'konkordat infra', the shared infrastructure: components, consolidation candidates, each party's view. */
#include "store.h"

#include <getopt.h>
#include <time.h>

static void
chf(char *buf, size_t size, kk_rappen r, enum table_format f)
{
	if (r < 0)
		snprintf(buf, size, "-");
	else if (f == TABLE_TEXT)
		kk_format_chf(r, buf, size);
	else
		snprintf(buf, size, "%lld.%02lld", (long long)(r / 100),
		    (long long)(r % 100));
}

static void
join_ids(struct buf *b, const struct kk_ids *ids)
{
	size_t i;

	for (i = 0; i < ids->n; i++)
		buf_addf(b, "%s%s", i ? " " : "", ids->v[i]);
}

static int
infra_list(const struct kk_org *o, const char *today, const char *party,
    enum table_format f)
{
	/* the headings and values are the CSV and JSON keys; the text
	   table shows them in the user's language (table.c) */
	static const char *const cols[] = { N_("ID"), N_("KIND"),
	    N_("FUNCTION"), N_("OWNER"), N_("OPERATOR"), N_("USERS"),
	    N_("PHASE"), N_("COST CHF/YEAR"), N_("TITLE") };
	struct table t;
	size_t i;
	int rc;

	table_init(&t, cols, KK_ARRAY_SIZE(cols));
	table_align_right(&t, 7);
	table_terms(&t, 1, VOCAB_COMPONENT_KIND);
	table_terms(&t, 6, VOCAB_PHASE);
	for (i = 0; i < o->ncomponents; i++) {
		const struct kk_component *c = &o->components[i];
		struct buf users = BUF_INIT;
		char money[32];

		if (party && strcmp(c->owner, party) && strcmp(infra_runner(c),
		    party) && !kk_ids_contain(&c->users, party))
			continue;
		join_ids(&users, &c->users);
		chf(money, sizeof(money), c->cost, f);
		table_row(&t, c->id, kk_component_kind_names[c->kind],
		    c->function ? c->function : "-", c->owner, infra_runner(c),
		    users.s, infra_phase_on(c, today), money, c->title);
		buf_release(&users);
	}
	rc = table_print(&t, f, stdout);
	table_release(&t);
	return rc;
}

/* The consolidation candidates on TODAY (infra.c). */
static int
infra_consolidation(const struct kk_org *o, const char *today,
    enum table_format f)
{
	/* the headings and values are the CSV and JSON keys; the text
	   table shows them in the user's language (table.c) */
	static const char *const cols[] = { N_("KIND"), N_("FUNCTION"),
	    N_("COMPONENTS"), N_("RUN BY"), N_("COST CHF/YEAR"),
	    N_("SAVING AT MOST") };
	struct infra_candidate *groups;
	struct table t;
	size_t i, k, n;
	int rc;

	table_init(&t, cols, KK_ARRAY_SIZE(cols));
	table_align_right(&t, 4);
	table_align_right(&t, 5);
	table_terms(&t, 0, VOCAB_COMPONENT_KIND);
	n = infra_candidates(o, today, &groups);
	for (i = 0; i < n; i++) {
		const struct infra_candidate *g = &groups[i];
		struct buf ids = BUF_INIT, who = BUF_INIT;
		char money[32], saving[32];

		for (k = 0; k < g->ncomponents; k++)
			buf_addf(&ids, "%s%s", k ? " " : "",
			    g->components[k]->id);
		join_ids(&who, &g->runners);
		chf(money, sizeof(money), g->cost, f);
		chf(saving, sizeof(saving), g->saving, f);
		table_row(&t, kk_component_kind_names[g->kind], g->function,
		    ids.s, who.s, money, saving);
		buf_release(&ids);
		buf_release(&who);
	}
	rc = table_print(&t, f, stdout);
	if (f == TABLE_TEXT && !n)
		table_printf(stdout,
		    _("(no two parties run a component of the same kind and "
		    "function)\n"));
	table_release(&t);
	infra_candidates_release(groups, n);
	return rc;
}

static int
infra_show(const struct kk_org *o, const char *id, const char *today)
{
	const struct kk_component *c = NULL;
	struct buf b = BUF_INIT;
	char money[32];
	size_t i;

	for (i = 0; i < o->ncomponents; i++)
		if (!strcmp(o->components[i].id, id))
			c = &o->components[i];
	if (!c) {
		error("no component '%s' (see 'konkordat infra list')", id);
		return KK_EXIT_REFUSED;
	}
	table_printf(stdout, "%-12s %s\n", PADDED(_("component"), 12), c->id);
	table_printf(stdout, "%-12s %s\n", PADDED(_("title"), 12), c->title);
	table_printf(stdout, "%-12s %s\n", PADDED(_("kind"), 12),
	    i18n_term(VOCAB_COMPONENT_KIND, kk_component_kind_names[c->kind]));
	if (c->function)
		table_printf(stdout,
		    "%-12s %s\n", PADDED(_("function"), 12), c->function);
	table_printf(stdout, "%-12s %s\n", PADDED(_("owner"), 12), c->owner);
	table_printf(stdout,
	    "%-12s %s\n", PADDED(_("operator"), 12), infra_runner(c));
	join_ids(&b, &c->users);
	table_printf(stdout, "%-12s %s\n", PADDED(_("users"), 12), b.s);
	buf_release(&b);
	chf(money, sizeof(money), c->cost, TABLE_TEXT);
	table_printf(stdout,
	    _("%-12s CHF %s a year\n"), PADDED(_("cost"), 12), money);
	for (i = 0; i < KK_PHASE_COUNT; i++)
		if (c->phases[i])
			table_printf(stdout, _("%-12s %s from %s\n"),
			    PADDED(i ? "" : _("lifecycle"), 12),
			    i18n_term(VOCAB_PHASE, kk_phase_names[i]),
			    c->phases[i]);
	table_printf(stdout, _("%-12s %s (on %s)\n"), PADDED(_("phase"), 12),
	    i18n_term(VOCAB_PHASE, infra_phase_on(c, today)), today);
	for (i = 0; i < c->depends_on.n; i++)
		table_printf(stdout,
		    "%-12s %s\n", PADDED(i ? "" : _("depends on"), 12),
		    c->depends_on.v[i]);
	for (i = 0; i < o->ncomponents; i++)
		if (kk_ids_contain(&o->components[i].depends_on, c->id))
			table_printf(stdout,
			    "%-12s %s\n", PADDED(_("needed by"), 12),
			    o->components[i].id);
	if (c->text)
		table_printf(stdout,
		    "%-12s %s\n", PADDED(_("text"), 12), c->text);
	return KK_EXIT_OK;
}

static int
infra_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "org", required_argument, NULL, 'O' },
		{ "date", required_argument, NULL, 't' },
		{ "today", required_argument, NULL, 't' },
		{ "csv", no_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	enum table_format f = TABLE_TEXT;
	const char *org = NULL, *what;
	char today[11];
	struct portfolio pf;
	int opt, rc;

	kk_today(today);
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt == 'O')
			org = optarg;
		else if (opt == 't' && kk_date_valid(optarg))
			memcpy(today, optarg, 11);
		else if (opt == 't')
			return cmd_usage_error(&cmd_infra, "'%s' is not a date "
			    "(YYYY-MM-DD)", optarg);
		else if (opt == 'c')
			f = TABLE_CSV;
		else if (opt == 'j')
			f = TABLE_JSON;
		else
			return cmd_usage_error(&cmd_infra, "unknown option");
	}
	what = optind < argc ? argv[optind] : "list";
	if (kk_enum_parse(what, (const char *const[]){ "list", "show",
	    "consolidation", "party" }, 4) < 0)
		return cmd_usage_error(&cmd_infra, "unknown action '%s' (list, "
		    "show ID, consolidation, party ID)", what);
	if ((!strcmp(what, "show") || !strcmp(what, "party")) &&
	    optind + 2 != argc)
		return cmd_usage_error(&cmd_infra, "%s which?", what);
	if (strcmp(what, "show") && strcmp(what, "party") && optind + 1 < argc)
		return cmd_usage_error(&cmd_infra, "unexpected argument '%s'",
		    argv[optind + 1]);
	if (cmd_portfolio(ctx, org, &pf))
		return KK_EXIT_REFUSED;
	if (!strcmp(what, "list"))
		rc = infra_list(pf.org, today, NULL, f) ? KK_EXIT_INTERNAL : 0;
	else if (!strcmp(what, "consolidation"))
		rc = infra_consolidation(pf.org, today, f) ? KK_EXIT_INTERNAL :
		    0;
	else if (!strcmp(what, "show"))
		rc = infra_show(pf.org, argv[optind + 1], today);
	else if (!portfolio_party(&pf, argv[optind + 1])) {
		error("no party '%s'", argv[optind + 1]);
		rc = KK_EXIT_REFUSED;
	} else {
		rc = infra_list(pf.org, today, argv[optind + 1], f) ?
		    KK_EXIT_INTERNAL : 0;
	}
	portfolio_release(&pf);
	return rc;
}

const struct cmd cmd_infra = {
	.name = "infra",
	.usage = "[list | show ID | consolidation | party ID] [--date DATE] "
	    "[--csv|--json]",
	.summary = N_("the shared infrastructure and what could be merged"),
	.help = N_("  list            every component: kind, function, owner, "
	    "operator, users,\n"
	    "                  phase of its lifecycle, yearly cost\n"
	    "  show ID         one component, what it depends on and what "
	    "needs it\n"
	    "  consolidation   components of the same kind and function, in "
	    "operation,\n"
	    "                  run by two or more parties; the saving shown "
	    "is at most\n"
	    "                  the yearly cost of all but the most expensive "
	    "one\n"
	    "  party ID        what one party owns, runs or uses\n"
	    "\nOptions:\n"
	    "  --date DATE     the day the phases are read on (default: "
	    "today in\n"
	    "                  Switzerland, as for the report); --today is "
	    "the same\n"
	    "  --org ID        the joint organisation, if there are several\n"
	    "  --csv, --json   the table for a spreadsheet or a script\n"),
	.exec = infra_exec,
};
