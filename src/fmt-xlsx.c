/* fmt-xlsx.c: the portfolio as a workbook (libxlsxwriter): projects, budget per year, shares per party, infrastructure, parties and their strategies. */
#include "konkordat.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <xlsxwriter.h>

struct book {
	lxw_workbook *wb;
	lxw_format *head, *money, *date;
};

/*
 * The workbook is for people: its sheet names, headings and the values of
 * the model's enumerations are in the user's language, as a text table
 * shows them; identifiers stay as they are. A script reads the English
 * keys of the CSV where it needs them (doc/formats.md, section 8).
 */
static const char *const sheet_names[XLSX_SHEET_COUNT] = {
	/* TRANSLATORS: the names of the workbook's sheets: at most 31
	   characters, none of []:*?/\ */
	[XLSX_PORTFOLIO] = N_("Portfolio"),
	[XLSX_BUDGET] = N_("Budget per year"),
	[XLSX_SHARES] = N_("Shares per party"),
	[XLSX_INFRASTRUCTURE] = N_("Infrastructure"),
	[XLSX_PARTIES] = N_("Parties"),
	[XLSX_ITEMS] = N_("Strategy items"),
};

/*
 * The name of sheet S in the user's language, as xlsx_write() names it
 * (the report points at sheets by it). The English one if the
 * translation cannot name a sheet: Excel's rules, which
 * workbook_validate_sheet_name() checks only against a workbook.
 * Static; never NULL.
 */
const char *
xlsx_sheet_name(enum xlsx_sheet s)
{
	const char *name = _(sheet_names[s]);
	size_t len = strlen(name);

	if (!len || lxw_utf8_strlen(name) > LXW_SHEETNAME_MAX ||
	    strpbrk(name, "[]:*?/\\") || name[0] == '\'' ||
	    name[len - 1] == '\'')
		return sheet_names[s];
	return name;
}

/* Francs as a spreadsheet number; exact to the Rappen below 2^53. */
static double
francs(kk_rappen r)
{
	return (double)r / 100.0;
}

static void
write_date(struct book *b, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
    const char *date)
{
	lxw_datetime dt = { 0 };

	if (!date)
		return;
	dt.year = (date[0] - '0') * 1000 + (date[1] - '0') * 100 +
	    (date[2] - '0') * 10 + (date[3] - '0');
	dt.month = (date[5] - '0') * 10 + (date[6] - '0');
	dt.day = (date[8] - '0') * 10 + (date[9] - '0');
	worksheet_write_datetime(ws, row, col, &dt, b->date);
}

/* Sheet S with a bold, frozen heading row COLS. */
static lxw_worksheet *
sheet(struct book *b, enum xlsx_sheet s, const char *const *cols, size_t n,
    const double *widths)
{
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, xlsx_sheet_name(s));
	size_t i;

	/* two translations alike: the English name, which is unique */
	if (!ws)
		ws = workbook_add_worksheet(b->wb, sheet_names[s]);
	if (!ws)
		BUG("cannot add the sheet '%s'", sheet_names[s]);

	for (i = 0; i < n; i++) {
		worksheet_write_string(ws, 0, (lxw_col_t)i, cols[i], b->head);
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i,
		    widths[i], NULL);
	}
	worksheet_freeze_panes(ws, 1, 0);
	return ws;
}

/* The same with the headings COLS in English (N_()), written in the
   user's language. */
static lxw_worksheet *
sheet_translated(struct book *b, enum xlsx_sheet s,
    const char *const *cols, size_t n, const double *widths)
{
	const char **heads = xcalloc(n, sizeof(*heads));
	lxw_worksheet *ws;
	size_t i;

	for (i = 0; i < n; i++)
		heads[i] = _(cols[i]);
	ws = sheet(b, s, heads, n, widths);
	free(heads);
	return ws;
}

static void
join(struct buf *out, const struct kk_ids *ids)
{
	size_t i;

	buf_reset(out);
	for (i = 0; i < ids->n; i++)
		buf_addf(out, "%s%s", i ? ", " : "", ids->v[i]);
}

static void
portfolio_sheet(struct book *b, const struct kk_org *o)
{
	/* TRANSLATORS: the headings of the workbook's columns */
	static const char *const cols[] = { N_("ID"), N_("Title"), N_("Lead"),
	    N_("Parties"), N_("Status"), N_("Light"), N_("Start"), N_("End"),
	    N_("Budget CHF"), N_("Cost key"), N_("Serves") };
	static const double widths[] = { 22, 50, 16, 40, 10, 8, 12, 12, 16,
	    28, 40 };
	lxw_worksheet *ws = sheet_translated(b, XLSX_PORTFOLIO, cols,
	    KK_ARRAY_SIZE(cols), widths);
	struct buf s = BUF_INIT;
	size_t i, j;

	for (i = 0; i < o->nprojects; i++) {
		const struct kk_project *p = &o->projects[i];
		lxw_row_t r = (lxw_row_t)i + 1;
		kk_rappen total = 0;

		for (j = 0; j < p->nbudget; j++)
			total += p->budget[j].amount;
		worksheet_write_string(ws, r, 0, p->id, NULL);
		worksheet_write_string(ws, r, 1, p->title, NULL);
		worksheet_write_string(ws, r, 2, p->lead, NULL);
		join(&s, &p->parties);
		worksheet_write_string(ws, r, 3, s.s, NULL);
		worksheet_write_string(ws, r, 4, i18n_term(VOCAB_PROJECT_STATUS,
		    kk_project_status_names[p->status]), NULL);
		worksheet_write_string(ws, r, 5, i18n_term(VOCAB_LIGHT,
		    kk_light_names[p->light]), NULL);
		write_date(b, ws, r, 6, p->start);
		write_date(b, ws, r, 7, p->end);
		worksheet_write_number(ws, r, 8, francs(total), b->money);
		if (p->cost_key)
			worksheet_write_string(ws, r, 9, p->cost_key, NULL);
		join(&s, &p->serves);
		worksheet_write_string(ws, r, 10, s.s, NULL);
	}
	buf_release(&s);
}

static void
years_of(const struct kk_org *o, int *first, int *n)
{
	int lo = o->start, hi = o->end;
	size_t i, j;

	for (i = 0; i < o->nprojects; i++)
		for (j = 0; j < o->projects[i].nbudget; j++) {
			int y = o->projects[i].budget[j].year;

			lo = !lo || y < lo ? y : lo;
			hi = !hi || y > hi ? y : hi;
		}
	*first = lo;
	*n = lo ? hi - lo + 1 : 0;
}

/* A row of yearly amounts and their total, from column COL on. */
static void
write_years(struct book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
    const kk_rappen *v, int n)
{
	kk_rappen total = 0;
	int i;

	for (i = 0; i < n; i++) {
		worksheet_write_number(ws, r, col + (lxw_col_t)i, francs(v[i]),
		    b->money);
		total += v[i];
	}
	worksheet_write_number(ws, r, col + (lxw_col_t)n, francs(total),
	    b->money);
}

static void
budget_sheet(struct book *b, const struct kk_org *o)
{
	int y0, n, i;
	const char **cols;
	char (*heads)[8];
	double *widths;
	kk_rappen *sum, *row;
	lxw_worksheet *ws;
	lxw_row_t r = 1;
	size_t p, j, k;

	years_of(o, &y0, &n);
	cols = xcalloc((size_t)n + 3, sizeof(*cols));
	heads = xcalloc((size_t)n + 1, sizeof(*heads));
	widths = xcalloc((size_t)n + 3, sizeof(*widths));
	sum = xcalloc((size_t)n + 1, sizeof(*sum));
	row = xcalloc((size_t)n + 1, sizeof(*row));
	cols[0] = _("Project");
	cols[1] = _("Kind");
	widths[0] = 24;
	widths[1] = 12;
	for (i = 0; i < n; i++) {
		snprintf(heads[i], sizeof(heads[i]), "%d", y0 + i);
		cols[i + 2] = heads[i];
		widths[i + 2] = 16;
	}
	cols[n + 2] = _("Total");
	widths[n + 2] = 16;
	ws = sheet(b, XLSX_BUDGET, cols, (size_t)n + 3, widths);
	for (p = 0; p < o->nprojects; p++)
		for (k = 0; k < KK_BUDGET_KIND_COUNT; k++) {
			const struct kk_project *pr = &o->projects[p];
			bool any = false;

			memset(row, 0, (size_t)n * sizeof(*row));
			for (j = 0; j < pr->nbudget; j++)
				if (pr->budget[j].kind == k) {
					row[pr->budget[j].year - y0] +=
					    pr->budget[j].amount;
					sum[pr->budget[j].year - y0] +=
					    pr->budget[j].amount;
					any = true;
				}
			if (!any)
				continue;
			worksheet_write_string(ws, r, 0, pr->id, NULL);
			worksheet_write_string(ws, r, 1, i18n_term(
			    VOCAB_BUDGET_KIND, kk_budget_kind_names[k]), NULL);
			write_years(b, ws, r++, 2, row, n);
		}
	worksheet_write_string(ws, r, 0, _("Total"), b->head);
	write_years(b, ws, r, 2, sum, n);
	free(cols);
	free(heads);
	free(widths);
	free(sum);
	free(row);
}

struct shares {
	const struct portfolio *pf;
	int y0, n;
	kk_rappen *cells;	/* nparties x n */
};

static void
add_share(void *ctx, const struct kk_project *p,
    const struct kk_budget_line *line, const char *party, kk_rappen amount)
{
	struct shares *s = ctx;
	size_t row = (size_t)(portfolio_party(s->pf, party) - s->pf->parties);

	s->cells[row * (size_t)s->n + (size_t)(line->year - s->y0)] += amount;
}

static int
shares_sheet(struct book *b, struct portfolio *pf)
{
	struct shares s = { pf, 0, 0, NULL };
	const char **cols;
	char (*heads)[8];
	double *widths;
	kk_rappen *sum;
	lxw_worksheet *ws;
	lxw_row_t r = 1;
	size_t p;
	int i, rc;

	years_of(pf->org, &s.y0, &s.n);
	s.cells = xcalloc(pf->nparties * (size_t)s.n + 1, sizeof(*s.cells));
	rc = portfolio_costs(pf, NULL, add_share, &s);
	if (rc) {
		free(s.cells);
		return rc;
	}
	cols = xcalloc((size_t)s.n + 3, sizeof(*cols));
	heads = xcalloc((size_t)s.n + 1, sizeof(*heads));
	widths = xcalloc((size_t)s.n + 3, sizeof(*widths));
	sum = xcalloc((size_t)s.n + 1, sizeof(*sum));
	cols[0] = _("Party");
	cols[1] = _("Kind");
	widths[0] = 26;
	widths[1] = 18;
	for (i = 0; i < s.n; i++) {
		snprintf(heads[i], sizeof(heads[i]), "%d", s.y0 + i);
		cols[i + 2] = heads[i];
		widths[i + 2] = 16;
	}
	cols[s.n + 2] = _("Total");
	widths[s.n + 2] = 16;
	ws = sheet(b, XLSX_SHARES, cols, (size_t)s.n + 3, widths);
	for (p = 0; p < pf->nparties; p++) {
		const kk_rappen *v = &s.cells[p * (size_t)s.n];
		bool any = false;

		for (i = 0; i < s.n; i++) {
			any |= v[i] != 0;
			sum[i] += v[i];
		}
		if (!any)
			continue;
		worksheet_write_string(ws, r, 0, pf->parties[p].id, NULL);
		worksheet_write_string(ws, r, 1, i18n_term(VOCAB_PARTY_KIND,
		    kk_party_kind_names[pf->parties[p].kind]), NULL);
		write_years(b, ws, r++, 2, v, s.n);
	}
	worksheet_write_string(ws, r, 0, _("Total"), b->head);
	write_years(b, ws, r, 2, sum, s.n);
	free(cols);
	free(heads);
	free(widths);
	free(sum);
	free(s.cells);
	return KK_OK;
}

static void
infra_sheet(struct book *b, const struct kk_org *o)
{
	static const char *const cols[] = { N_("ID"), N_("Title"), N_("Kind"),
	    N_("Function"), N_("Owner"), N_("Operator"), N_("Users"),
	    N_("Cost CHF/year"), N_("Plan"), N_("Build"), N_("Run"),
	    N_("Retire") };
	static const double widths[] = { 22, 44, 14, 20, 16, 16, 40, 16, 12,
	    12, 12, 12 };
	lxw_worksheet *ws = sheet_translated(b, XLSX_INFRASTRUCTURE, cols,
	    KK_ARRAY_SIZE(cols), widths);
	struct buf s = BUF_INIT;
	size_t i;
	int ph;

	for (i = 0; i < o->ncomponents; i++) {
		const struct kk_component *c = &o->components[i];
		lxw_row_t r = (lxw_row_t)i + 1;

		worksheet_write_string(ws, r, 0, c->id, NULL);
		worksheet_write_string(ws, r, 1, c->title, NULL);
		worksheet_write_string(ws, r, 2, i18n_term(
		    VOCAB_COMPONENT_KIND, kk_component_kind_names[c->kind]),
		    NULL);
		if (c->function)
			worksheet_write_string(ws, r, 3, c->function, NULL);
		worksheet_write_string(ws, r, 4, c->owner, NULL);
		worksheet_write_string(ws, r, 5, c->operator_ ? c->operator_ :
		    c->owner, NULL);
		join(&s, &c->users);
		worksheet_write_string(ws, r, 6, s.s, NULL);
		if (c->cost >= 0)
			worksheet_write_number(ws, r, 7, francs(c->cost),
			    b->money);
		for (ph = 0; ph < KK_PHASE_COUNT; ph++)
			write_date(b, ws, r, (lxw_col_t)(8 + ph),
			    c->phases[ph]);
	}
	buf_release(&s);
}

/* The strategy of party ID among SS (sorted by id), or NULL. */
static const struct kk_strategy *
strategy_of(const struct kk_strategy *const *ss, size_t n, const char *id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(ss[mid]->party, id);

		if (!c)
			return ss[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int
cmp_by_party(const void *a, const void *b)
{
	const struct kk_strategy *x = *(const struct kk_strategy *const *)a;
	const struct kk_strategy *y = *(const struct kk_strategy *const *)b;
	int c = strcmp(x->party, y->party);

	return c ? c : strcmp(x->id, y->id);
}

/* Each party with a file of its own, and the size of its strategy: the
   rows a report of many parties sums up by kind. */
static void
parties_sheet(struct book *b, const struct portfolio *pf,
    const struct kk_strategy *const *ss, size_t nss)
{
	static const char *const cols[] = { N_("ID"), N_("Name"), N_("Kind"),
	    N_("BFS"), N_("Population"), N_("Strategy"), N_("Title"),
	    N_("Start"), N_("End"), N_("Status"), N_("Fields"), N_("Goals"),
	    N_("Principles"), N_("Measures") };
	static const double widths[] = { 22, 36, 14, 8, 12, 24, 40, 8, 8, 10,
	    8, 8, 10, 10 };
	static const int kinds[] = { KK_FIELD, KK_GOAL, KK_PRINCIPLE,
	    KK_MEASURE };
	lxw_worksheet *ws = sheet_translated(b, XLSX_PARTIES, cols,
	    KK_ARRAY_SIZE(cols), widths);
	lxw_row_t r = 1;
	size_t i, j, k;

	for (i = 0; i < pf->nparties; i++) {
		const struct kk_party *p = &pf->parties[i];
		const struct kk_strategy *s;
		size_t n[KK_ITEM_KIND_COUNT] = { 0 };

		if (!p->standalone || p->kind == KK_JOINT_ORG)
			continue;
		worksheet_write_string(ws, r, 0, p->id, NULL);
		worksheet_write_string(ws, r, 1, p->name, NULL);
		worksheet_write_string(ws, r, 2, i18n_term(VOCAB_PARTY_KIND,
		    kk_party_kind_names[p->kind]), NULL);
		if (p->bfs > 0)
			worksheet_write_number(ws, r, 3, p->bfs, NULL);
		if (p->population >= 0)
			worksheet_write_number(ws, r, 4, (double)p->population,
			    NULL);
		if ((s = strategy_of(ss, nss, p->id))) {
			worksheet_write_string(ws, r, 5, s->id, NULL);
			worksheet_write_string(ws, r, 6, s->title, NULL);
			worksheet_write_number(ws, r, 7, s->start, NULL);
			worksheet_write_number(ws, r, 8, s->end, NULL);
			worksheet_write_string(ws, r, 9, i18n_term(
			    VOCAB_STRATEGY_STATUS, s->adopted ? "adopted" :
			    "draft"), NULL);
			for (j = 0; j < s->nitems; j++)
				n[s->items[j].kind]++;
			for (k = 0; k < KK_ARRAY_SIZE(kinds); k++)
				worksheet_write_number(ws, r,
				    (lxw_col_t)(10 + k), (double)n[kinds[k]],
				    NULL);
		}
		r++;
	}
}

/* Every item of every strategy, as the annex of a report would give it. */
static void
items_sheet(struct book *b, const struct kk_strategy *const *ss, size_t nss)
{
	static const char *const cols[] = { N_("Party"), N_("Strategy"),
	    N_("ID"), N_("Kind"), N_("Field"), N_("Title"), N_("Text"),
	    N_("Realises"), N_("Tags") };
	static const double widths[] = { 22, 24, 8, 10, 8, 50, 60, 16, 20 };
	lxw_worksheet *ws = sheet_translated(b, XLSX_ITEMS, cols,
	    KK_ARRAY_SIZE(cols), widths);
	struct buf s = BUF_INIT;
	lxw_row_t r = 1;
	size_t i, j;

	for (i = 0; i < nss; i++)
		for (j = 0; j < ss[i]->nitems; j++) {
			const struct kk_item *it = &ss[i]->items[j];

			worksheet_write_string(ws, r, 0, ss[i]->party, NULL);
			worksheet_write_string(ws, r, 1, ss[i]->id, NULL);
			worksheet_write_string(ws, r, 2, it->id, NULL);
			worksheet_write_string(ws, r, 3, i18n_term(
			    VOCAB_ITEM_KIND, kk_item_kind_names[it->kind]),
			    NULL);
			if (it->parent)
				worksheet_write_string(ws, r, 4, it->parent,
				    NULL);
			worksheet_write_string(ws, r, 5, it->title, NULL);
			if (it->text)
				worksheet_write_string(ws, r, 6, it->text,
				    NULL);
			join(&s, &it->goals);
			if (s.len)
				worksheet_write_string(ws, r, 7, s.s, NULL);
			join(&s, &it->tags);
			if (s.len)
				worksheet_write_string(ws, r, 8, s.s, NULL);
			r++;
		}
	buf_release(&s);
}

/*
 * workbook_close() with what libxlsxwriter prints about a failure ("[ERROR]
 * workbook_close(): ...") kept from the user: the caller says what failed
 * in konkordat's words. Standard error goes to /dev/null for the call.
 */
static lxw_error
close_quietly(lxw_workbook *wb)
{
	int saved = dup(STDERR_FILENO), null = open("/dev/null", O_WRONLY);
	lxw_error err;
	int why;

	fflush(stderr);
	if (saved >= 0 && null >= 0)
		dup2(null, STDERR_FILENO);
	errno = 0;
	err = workbook_close(wb);
	why = errno;
	fflush(stderr);
	if (saved >= 0 && null >= 0)
		dup2(saved, STDERR_FILENO);
	if (saved >= 0)
		close(saved);
	if (null >= 0)
		close(null);
	errno = why;
	return err;
}

/*
 * Write the portfolio of PF to the workbook PATH: sheets of the
 * portfolio, the budget per year, the shares per party, the
 * infrastructure, and of the parties with files of their own and every
 * item of STRATEGIES (NSTRATEGIES of them, any order); amounts in francs
 * with two decimals, dates as dates, the heading row frozen. NAME is
 * what messages call the file (PATH is usually its temporary, outfile.c).
 * Returns 0, or KK_EINPUT / KK_EIO with *ERRMSG (the caller frees it).
 */
int
xlsx_write(struct portfolio *pf, const struct kk_strategy *strategies,
    size_t nstrategies, const char *path, const char *name, char **errmsg)
{
	lxw_workbook_options opts = { .constant_memory = LXW_FALSE,
	    .tmpdir = NULL };
	const struct kk_strategy **ss;
	struct book b;
	lxw_error err;
	size_t i;
	int rc;

	*errmsg = NULL;
	b.wb = workbook_new_opt(path, &opts);
	if (!b.wb) {
		*errmsg = xasprintf(_("cannot create '%s'"), name);
		return KK_EIO;
	}
	b.head = workbook_add_format(b.wb);
	format_set_bold(b.head);
	b.money = workbook_add_format(b.wb);
	format_set_num_format(b.money, "#,##0.00");
	b.date = workbook_add_format(b.wb);
	format_set_num_format(b.date, "yyyy-mm-dd");

	portfolio_sheet(&b, pf->org);
	budget_sheet(&b, pf->org);
	rc = shares_sheet(&b, pf);
	infra_sheet(&b, pf->org);
	ss = xcalloc(nstrategies + 1, sizeof(*ss));
	for (i = 0; i < nstrategies; i++)
		ss[i] = &strategies[i];
	qsort(ss, nstrategies, sizeof(*ss), cmp_by_party);
	parties_sheet(&b, pf, ss, nstrategies);
	items_sheet(&b, ss, nstrategies);
	free(ss);
	err = close_quietly(b.wb);
	if (rc) {
		*errmsg = xstrdup(_("the costs cannot be shared"));
		return KK_ENEED_CHECK;
	}
	if (err != LXW_NO_ERROR) {
		*errmsg = xasprintf(_("cannot write '%s': %s"), name,
		    strerror(errno ? errno : EIO));
		return KK_EINPUT;
	}
	return KK_OK;
}
