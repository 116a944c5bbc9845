/* cmd-cost.c: 'konkordat cost', who pays what, per year, under the cost keys. */
#include "store.h"

#include <getopt.h>

struct sums {
	const struct portfolio *pf;
	const char *party;	/* --party: rows are projects */
	int year0, nyears;
	size_t nrows;
	kk_rappen *cells;	/* nrows x nyears */
	kk_rappen budget;	/* all lines split, to prove the sums */
	kk_rappen split;
	struct table *lines;	/* --lines */
	enum table_format format;
};

static void
money(char *buf, size_t size, kk_rappen r, enum table_format f)
{
	if (f == TABLE_TEXT)
		kk_format_chf(r, buf, size);
	else
		snprintf(buf, size, "%s%lld.%02lld", r < 0 ? "-" : "",
		    (long long)((r < 0 ? -r : r) / 100),
		    (long long)((r < 0 ? -r : r) % 100));
}

static void
add_share(void *ctx, const struct kk_project *p,
    const struct kk_budget_line *line, const char *party, kk_rappen amount)
{
	struct sums *s = ctx;
	size_t row;

	s->split += amount;
	if (s->party && strcmp(s->party, party))
		return;
	if (s->lines) {
		char year[8], chf[32];

		snprintf(year, sizeof(year), "%d", line->year);
		money(chf, sizeof(chf), amount, s->format);
		table_row(s->lines, p->id, year,
		    kk_budget_kind_names[line->kind], party, chf);
	}
	row = s->party ? (size_t)(p - s->pf->org->projects) :
	    (size_t)(portfolio_party(s->pf, party) - s->pf->parties);
	if (line->year >= s->year0 && line->year < s->year0 + s->nyears)
		s->cells[row * (size_t)s->nyears + (size_t)(line->year -
		    s->year0)] += amount;
}

/* Add one table row: LABEL, then each year's sum and the total. */
static void
sums_row(struct table *t, const char *label, const kk_rappen *v, int n,
    enum table_format f)
{
	const char **cells = xcalloc((size_t)n + 2, sizeof(*cells));
	char (*buf)[32] = xcalloc((size_t)n + 1, sizeof(*buf));
	kk_rappen total = 0;
	int i;

	cells[0] = label;
	for (i = 0; i < n; i++) {
		money(buf[i], sizeof(buf[i]), v[i], f);
		cells[i + 1] = buf[i];
		total += v[i];
	}
	money(buf[n], sizeof(buf[n]), total, f);
	cells[n + 1] = buf[n];
	table_rowv(t, cells);
	free(cells);
	free(buf);
}

static bool
row_is_empty(const kk_rappen *v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (v[i])
			return false;
	return true;
}

static const int kind_order[KK_PARTY_KIND_COUNT] = {
	KK_CANTON, KK_CITY, KK_ASSOCIATION, KK_CONSORTIUM, KK_JOINT_ORG,
	KK_MUNICIPALITY,
};

static int
print_sums(struct sums *s, bool all)
{
	const struct kk_org *o = s->pf->org;
	int n = s->nyears, i;
	const char **cols = xcalloc((size_t)n + 2, sizeof(*cols));
	char (*heads)[8] = xcalloc((size_t)n + 1, sizeof(*heads));
	kk_rappen *grand = xcalloc((size_t)n + 1, sizeof(*grand));
	kk_rappen *munis = xcalloc((size_t)n + 1, sizeof(*munis));
	size_t nmunis = 0, r;
	struct table t;
	int rc;

	/* the headings are the CSV and JSON keys; the text table shows
	   them in the user's language (table.c) */
	cols[0] = s->party ? N_("PROJECT") : N_("PARTY");
	for (i = 0; i < n; i++) {
		snprintf(heads[i], sizeof(heads[i]), "%d", s->year0 + i);
		cols[i + 1] = heads[i];
	}
	cols[n + 1] = N_("TOTAL");
	table_init(&t, cols, (size_t)n + 2);
	for (i = 1; i < n + 2; i++)
		table_align_right(&t, (size_t)i);

	for (r = 0; r < s->nrows * KK_PARTY_KIND_COUNT; r++) {
		/* parties in the order of their kinds, each kind by id */
		size_t row = r % s->nrows;
		int kind = (int)(r / s->nrows);
		const kk_rappen *v = &s->cells[row * (size_t)n];
		const struct kk_party *p = s->party ? NULL :
		    &s->pf->parties[row];

		if (s->party ? kind > 0 : (int)p->kind != kind_order[kind])
			continue;
		for (i = 0; i < n; i++)
			grand[i] += v[i];
		if (row_is_empty(v, n))
			continue;
		/* municipalities defined only as members: one row */
		if (p && !p->standalone && !all) {
			for (i = 0; i < n; i++)
				munis[i] += v[i];
			nmunis++;
			continue;
		}
		sums_row(&t, s->party ? o->projects[row].id : p->id, v, n,
		    s->format);
	}
	if (nmunis) {
		char label[64];

		/* TRANSLATORS: a row of the cost table; English says
		   "municipalities" for one too */
		snprintf(label, sizeof(label), Q_("%zu municipalities",
		    "%zu municipalities", nmunis), nmunis);
		sums_row(&t, label, munis, n, s->format);
	}
	sums_row(&t, "TOTAL", grand, n, s->format);
	rc = table_print(&t, s->format, stdout);
	table_release(&t);
	free(cols);
	free(heads);
	free(grand);
	free(munis);
	return rc;
}

/* The portfolio's budget per common field of action (field-cost.c). */
static int
cost_by_field(struct cmd_ctx *ctx, const struct portfolio *pf,
    const char *org, enum table_format f)
{
	struct common_view v;
	struct field_costs fc;
	struct table t;
	const char **cols;
	char (*heads)[8];
	kk_rappen *cells;
	size_t nfields, i, r;
	int y0, n, rc;

	if (cmd_common(ctx, org, &v))
		return KK_EXIT_REFUSED;
	field_costs_build(pf->org, &v, &fc);
	y0 = fc.first_year;
	n = fc.nyears;
	nfields = fc.nfields;
	cells = fc.cells;
	cols = xcalloc((size_t)n + 3, sizeof(*cols));
	heads = xcalloc((size_t)n + 1, sizeof(*heads));
	cols[0] = N_("COMMON");
	cols[1] = N_("FIELD OF ACTION");
	for (i = 0; i < (size_t)n; i++) {
		snprintf(heads[i], sizeof(heads[i]), "%d", y0 + (int)i);
		cols[i + 2] = heads[i];
	}
	cols[n + 2] = N_("TOTAL");
	table_init(&t, cols, (size_t)n + 3);
	for (i = 2; i < (size_t)n + 3; i++)
		table_align_right(&t, i);
	for (r = 0; r <= nfields; r++) {
		const struct store_citem *ci = r < nfields ?
		    common_citem(&v, fc.fields[r]) : NULL;
		const char **cells_row = xcalloc((size_t)n + 3, sizeof(char *));
		char (*buf)[32] = xcalloc((size_t)n + 1, sizeof(*buf));
		kk_rappen total = 0;

		if (r == nfields && row_is_empty(&cells[r * (size_t)n], n)) {
			free(cells_row);
			free(buf);
			continue;
		}
		cells_row[0] = ci ? ci->id : "-";
		cells_row[1] = ci ? common_citem_label(ci) :
		    _("(goals served lead to no common field)");
		for (i = 0; i < (size_t)n; i++) {
			money(buf[i], sizeof(buf[i]), cells[r * (size_t)n + i],
			    f);
			cells_row[i + 2] = buf[i];
			total += cells[r * (size_t)n + i];
		}
		money(buf[n], sizeof(buf[n]), total, f);
		cells_row[n + 2] = buf[n];
		table_rowv(&t, cells_row);
		free(cells_row);
		free(buf);
	}
	rc = table_print(&t, f, stdout) ? KK_EXIT_INTERNAL : KK_EXIT_OK;
	table_release(&t);
	free(cols);
	free(heads);
	field_costs_release(&fc);
	common_view_release(&v);
	return rc;
}

static int
cost_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "org", required_argument, NULL, 'O' },
		{ "project", required_argument, NULL, 'p' },
		{ "party", required_argument, NULL, 'P' },
		{ "all", no_argument, NULL, 'a' },
		{ "lines", no_argument, NULL, 'l' },
		{ "by-field", no_argument, NULL, 'F' },
		{ "csv", no_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const line_cols[] = { N_("PROJECT"), N_("YEAR"),
	    N_("KIND"), N_("PARTY"), N_("CHF") };
	const char *org = NULL, *project = NULL;
	struct sums s = { 0 };
	struct portfolio pf;
	struct table lines;
	bool all = false, by_line = false, by_field = false;
	int opt, rc = KK_EXIT_OK;
	size_t i;

	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'O':
			org = optarg;
			break;
		case 'p':
			project = optarg;
			break;
		case 'P':
			s.party = optarg;
			break;
		case 'a':
			all = true;
			break;
		case 'l':
			by_line = true;
			break;
		case 'F':
			by_field = true;
			break;
		case 'c':
			s.format = TABLE_CSV;
			break;
		case 'j':
			s.format = TABLE_JSON;
			break;
		default:
			return cmd_usage_error(&cmd_cost, "unknown option");
		}
	}
	if (optind < argc)
		return cmd_usage_error(&cmd_cost, "unexpected argument '%s'",
		    argv[optind]);
	if (cmd_portfolio(ctx, org, &pf))
		return KK_EXIT_REFUSED;
	if (by_field) {
		rc = cost_by_field(ctx, &pf, org, s.format);
		goto out;
	}
	if (project && !kk_org_project(pf.org, project)) {
		error("no project '%s' (see 'konkordat project list')", project);
		rc = KK_EXIT_REFUSED;
		goto out;
	}
	if (s.party && !portfolio_party(&pf, s.party)) {
		error("no party '%s'", s.party);
		rc = KK_EXIT_REFUSED;
		goto out;
	}
	s.pf = &pf;
	portfolio_years(pf.org, &s.year0, &s.nyears);
	s.nrows = s.party ? pf.org->nprojects : pf.nparties;
	s.cells = xcalloc(s.nrows * (size_t)s.nyears + 1, sizeof(*s.cells));
	if (by_line) {
		table_init(&lines, line_cols, KK_ARRAY_SIZE(line_cols));
		table_align_right(&lines, 1);
		table_align_right(&lines, 4);
		table_terms(&lines, 2, VOCAB_BUDGET_KIND);
		s.lines = &lines;
	}
	for (i = 0; i < pf.org->nprojects; i++) {
		const struct kk_project *p = &pf.org->projects[i];
		size_t j;

		if (project && strcmp(p->id, project))
			continue;
		for (j = 0; j < p->nbudget && p->cost_key; j++)
			s.budget += p->budget[j].amount;
	}
	if (portfolio_costs(&pf, project, add_share, &s)) {
		cmd_print_diags(&pf.diags);
		error("the costs cannot be shared; run 'konkordat check' on "
		    "the organisation file");
		rc = KK_EXIT_REFUSED;
	} else if (s.split != s.budget) {
		BUG("shares of %lld Rappen for a budget of %lld",
		    (long long)s.split, (long long)s.budget);
	} else if (by_line) {
		rc = table_print(&lines, s.format, stdout) ? KK_EXIT_INTERNAL :
		    KK_EXIT_OK;
	} else {
		rc = print_sums(&s, all) ? KK_EXIT_INTERNAL : KK_EXIT_OK;
	}
	if (by_line)
		table_release(&lines);
	free(s.cells);
out:
	portfolio_release(&pf);
	return rc;
}

const struct cmd cmd_cost = {
	.name = "cost",
	.usage = "[--project ID] [--party ID] [--all] [--lines] [--by-field] "
	    "[--csv|--json]",
	.summary = N_("what each party pays for the joint projects, per year"),
	.help = N_("Splits every budget line of every project (or of one, with "
	    "--project) under\nthe project's cost key, exactly to the Rappen: "
	    "the shares of a line add up\nto the line (largest remainder "
	    "method; see doc/formats.md). Prints CHF per\nparty and year; the "
	    "municipalities that have no file of their own are summed\nin one "
	    "row unless --all is given.\n"
	    "\nOptions:\n"
	    "  --project ID  one project only\n"
	    "  --party ID    what one party pays, per project and year\n"
	    "  --all         every municipality on a row of its own\n"
	    "  --lines       every share of every budget line: project, year, "
	    "kind, party\n"
	    "  --by-field    the budget per common field of action: a line is "
	    "split in\n"
	    "                equal parts among the common fields its project's "
	    "goals\n"
	    "                map to (run 'konkordat align' first)\n"
	    "  --org ID      the joint organisation, if there are several\n"
	    "  --csv, --json the same table for a spreadsheet or a script "
	    "(amounts in\n"
	    "                francs with two decimals, without separators)\n"),
	.exec = cost_exec,
};
