/* report.c: the planning report's content gathered from the store, the same for every format. */
#include "store.h"

/*
 * The writers (report-html.c, report-odt.c) only lay out what is here:
 * every sum, schedule and grouping is made once, and then every table,
 * chart and sentence, so that the formats cannot disagree about a figure.
 */

/* Who runs a component: the operator, else the owner. */
const char *
report_runner(const struct kk_component *c)
{
	return c->operator_ ? c->operator_ : c->owner;
}

/* The phase of C on DATE: the last that has started, or NULL. */
const char *
report_phase_on(const struct kk_component *c, const char *date)
{
	const char *phase = NULL;
	int i;

	for (i = 0; i < KK_PHASE_COUNT; i++)
		if (c->phases[i] && strcmp(c->phases[i], date) <= 0)
			phase = kk_phase_names[i];
	return phase;
}

static const int kind_order[] = {
	KK_CANTON, KK_CITY, KK_ASSOCIATION, KK_CONSORTIUM, KK_MUNICIPALITY,
};

struct costs {
	struct report *r;
	kk_rappen *by_party;	/* pf.nparties x nyears */
};

static void
add_share(void *ctx, const struct kk_project *p,
    const struct kk_budget_line *line, const char *party, kk_rappen amount)
{
	struct costs *c = ctx;
	struct report *r = c->r;
	size_t y = (size_t)(line->year - r->year0);
	const struct kk_party *pa = portfolio_party(&r->pf, party);

	if (!pa)
		BUG("a share for unknown party '%s'", party);
	c->by_party[(size_t)(pa - r->pf.parties) * (size_t)r->nyears + y] +=
	    amount;
}

static int
load_costs(struct report *r, char **errmsg)
{
	const struct kk_org *o = r->org;
	size_t ny, i, j;
	struct costs c;

	portfolio_years(o, &r->year0, &r->nyears);
	ny = (size_t)r->nyears;
	for (i = 0; i < KK_BUDGET_KIND_COUNT; i++)
		r->budget[i] = arena_calloc(r->pf.arena, ny + 1,
		    sizeof(kk_rappen));
	r->project_cost = arena_calloc(r->pf.arena, o->nprojects * ny + 1,
	    sizeof(kk_rappen));
	for (i = 0; i < o->nprojects; i++)
		for (j = 0; j < o->projects[i].nbudget; j++) {
			const struct kk_budget_line *l =
			    &o->projects[i].budget[j];
			size_t y = (size_t)(l->year - r->year0);

			r->budget[l->kind][y] += l->amount;
			r->project_cost[i * ny + y] += l->amount;
			r->total += l->amount;
		}
	c.r = r;
	c.by_party = xcalloc(r->pf.nparties * ny + 1, sizeof(kk_rappen));
	if (portfolio_costs(&r->pf, NULL, add_share, &c)) {
		struct buf b = BUF_INIT;

		for (i = 0; i < r->pf.diags.n; i++)
			buf_addf(&b, "; %s", r->pf.diags.v[i].msg);
		*errmsg = xasprintf(_("the costs cannot be shared%s"), b.s);
		buf_release(&b);
		free(c.by_party);
		return KK_ENEED_CHECK;
	}
	r->munis_cost = arena_calloc(r->pf.arena, ny + 1, sizeof(kk_rappen));
	for (i = 0; i < r->pf.nparties; i++) {
		const struct kk_party *p = &r->pf.parties[i];
		const kk_rappen *v = &c.by_party[i * ny];
		bool pays = false;

		for (j = 0; j < ny; j++)
			pays |= v[j] != 0;
		if (!pays)
			continue;
		if (!p->standalone) {
			for (j = 0; j < ny; j++)
				r->munis_cost[j] += v[j];
			r->nmunis++;
			continue;
		}
		for (j = 0; j < r->nparties; j++)
			if (r->parties[j].party == p)
				memcpy(r->parties[j].cost, v,
				    ny * sizeof(*v));
	}
	free(c.by_party);
	return KK_OK;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Rows of the parties that IN admits (NULL: all): one per party, or by
 * kind above REPORT_PARTIES_MAX of them (the parties come sorted by
 * kind), with their counts summed, and their costs when SUM_COSTS.
 * ROW_OF gets each party's row, or SIZE_MAX.
 */
static void
make_rows(struct report *r, const bool *in, bool sum_costs,
    struct report_rowgroup **rows, size_t *nrows, size_t **row_of)
{
	size_t ny = (size_t)r->nyears, n = 0, i, j, k;
	bool by_kind;

	for (i = 0; i < r->nparties; i++)
		n += !in || in[i];
	by_kind = n > REPORT_PARTIES_MAX;
	*rows = arena_calloc(r->pf.arena, n + 1, sizeof(**rows));
	*row_of = arena_calloc(r->pf.arena, r->nparties + 1, sizeof(**row_of));
	*nrows = 0;
	for (i = 0; i < r->nparties; i++) {
		const struct report_party *p = &r->parties[i];
		struct report_rowgroup *g = *nrows ? &(*rows)[*nrows - 1] : NULL;

		(*row_of)[i] = SIZE_MAX;
		if (in && !in[i])
			continue;
		if (!by_kind || !g || g->kind != p->party->kind) {
			g = &(*rows)[(*nrows)++];
			g->party = by_kind ? NULL : p->party;
			g->kind = p->party->kind;
			if (sum_costs)
				g->cost = by_kind ? arena_calloc(r->pf.arena,
				    ny + 1, sizeof(kk_rappen)) : p->cost;
		}
		(*row_of)[i] = *nrows - 1;
		if (g->population >= 0)
			g->population = p->party->population < 0 ? -1 :
			    g->population + p->party->population;
		g->nparties++;
		g->nstrategies += p->strategy != NULL;
		for (k = 0; k < KK_ITEM_KIND_COUNT; k++)
			g->count[k] += p->count[k];
		if (by_kind && sum_costs)
			for (j = 0; j < ny; j++)
				g->cost[j] += p->cost[j];
	}
}

/* The topics (tags) of the parties' items, and how many items each row
   gives to each: what the topics' heatmap shows. */
static void
load_tags(struct report *r)
{
	size_t cap = 0, i, j, k;

	for (i = 0; i < r->nparties; i++) {
		const struct kk_strategy *s = r->parties[i].strategy;

		for (j = 0; s && j < s->nitems; j++)
			cap += s->items[j].tags.n;
	}
	r->tags = arena_calloc(r->pf.arena, cap + 1, sizeof(*r->tags));
	for (i = 0; i < r->nparties; i++) {
		const struct kk_strategy *s = r->parties[i].strategy;

		for (j = 0; s && j < s->nitems; j++)
			for (k = 0; k < s->items[j].tags.n; k++)
				r->tags[r->ntags++] = s->items[j].tags.v[k];
	}
	/* sorted, then each tag once */
	qsort(r->tags, r->ntags, sizeof(*r->tags), cmp_str);
	for (i = j = 0; i < r->ntags; i++)
		if (!j || strcmp(r->tags[j - 1], r->tags[i]))
			r->tags[j++] = r->tags[i];
	r->ntags = j;
	r->tag_counts = arena_calloc(r->pf.arena, r->nrows * r->ntags + 1,
	    sizeof(int));
	for (i = 0; i < r->nparties; i++) {
		const struct kk_strategy *s = r->parties[i].strategy;

		for (j = 0; s && j < s->nitems; j++)
			for (k = 0; k < s->items[j].tags.n; k++) {
				const char **hit = bsearch(
				    &s->items[j].tags.v[k], r->tags, r->ntags,
				    sizeof(*r->tags), cmp_str);

				r->tag_counts[r->row_of[i] * r->ntags +
				    (size_t)(hit - r->tags)]++;
			}
	}
}

/* An id and where it leads, to look ids up by bsearch(). */
struct id_index {
	const char *id;
	size_t at;
};

static int
cmp_id_index(const void *a, const void *b)
{
	return strcmp(((const struct id_index *)a)->id,
	    ((const struct id_index *)b)->id);
}

static const struct id_index *
id_find(const struct id_index *v, size_t n, const char *id)
{
	struct id_index key = { id, 0 };

	return bsearch(&key, v, n, sizeof(*v), cmp_id_index);
}

/*
 * The coverage of the common strategy, as 'konkordat coverage' counts it:
 * a party's items mapped as equivalent (not rejected) to a common field
 * or to a common goal under it, per row and common field; and, per common
 * item, how many parties and items it brings together. One pass over the
 * mappings, the ids looked up by bsearch().
 */
static void
load_cover(struct report *r)
{
	const struct common_view *v = &r->cv;
	struct id_index *strategies, *citems;
	size_t nstrategies = 0, i, ci, *col;
	const char *last_citem = NULL, *last_strategy = NULL;
	bool *in = xcalloc(r->nparties + 1, sizeof(*in));

	/* the parties whose strategies are aligned: the organisation's */
	for (i = 0; i < r->nparties; i++)
		in[i] = kk_ids_contain(&v->orgp->members,
		    r->parties[i].party->id);
	make_rows(r, in, false, &r->crows, &r->ncrows, &r->crow_of);
	free(in);

	r->cfields = arena_calloc(r->pf.arena, v->nitems + 1,
	    sizeof(*r->cfields));
	citems = xcalloc(v->nitems + 1, sizeof(*citems));
	col = xcalloc(v->nitems + 1, sizeof(*col));
	for (i = 0; i < v->nitems; i++) {
		citems[i].id = v->items[i].id;
		citems[i].at = i;
		if (v->items[i].kind == KK_FIELD) {
			col[i] = r->ncfields;
			r->cfields[r->ncfields++] = &v->items[i];
		}
	}
	qsort(citems, v->nitems, sizeof(*citems), cmp_id_index);
	strategies = xcalloc(r->nparties + 1, sizeof(*strategies));
	for (i = 0; i < r->nparties; i++)
		if (r->parties[i].strategy) {
			strategies[nstrategies].id =
			    r->parties[i].strategy->id;
			strategies[nstrategies++].at = i;
		}
	qsort(strategies, nstrategies, sizeof(*strategies), cmp_id_index);
	r->cover = arena_calloc(r->pf.arena, r->ncrows * r->ncfields + 1,
	    sizeof(int));
	r->citem_parties = arena_calloc(r->pf.arena, v->nitems + 1,
	    sizeof(int));
	r->citem_items = arena_calloc(r->pf.arena, v->nitems + 1, sizeof(int));
	for (i = 0; i < v->nmaps; i++) {
		const struct store_mapping *m = &v->maps[i];
		const struct id_index *c = id_find(citems, v->nitems, m->citem);
		const struct id_index *sp = id_find(strategies, nstrategies,
		    m->strategy);

		if (!c || !common_mapping_holds(m))
			continue;
		ci = c->at;
		r->citem_items[ci]++;
		/* the mappings come by common item, then by strategy */
		if (!last_citem || strcmp(last_citem, m->citem) ||
		    strcmp(last_strategy, m->strategy))
			r->citem_parties[ci]++;
		last_citem = m->citem;
		last_strategy = m->strategy;
		if (v->items[ci].kind != KK_FIELD) {
			const char *parent = v->items[ci].parent;

			c = parent ? id_find(citems, v->nitems, parent) : NULL;
			if (!c || v->items[c->at].kind != KK_FIELD)
				continue;
			ci = c->at;
		}
		if (sp && r->crow_of[sp->at] != SIZE_MAX)
			r->cover[r->crow_of[sp->at] * r->ncfields +
			    col[ci]]++;
	}
	free(col);
	free(citems);
	free(strategies);
}

/* Same rule as 'konkordat infra consolidation', on R->TODAY. */
static void
load_groups(struct report *r)
{
	const struct kk_org *o = r->org;
	bool *seen = xcalloc(o->ncomponents + 1, sizeof(*seen));
	struct arena *a = r->pf.arena;
	size_t i, j;

	r->groups = arena_calloc(a, o->ncomponents + 1, sizeof(*r->groups));
	for (i = 0; i < o->ncomponents; i++) {
		const struct kk_component *c = &o->components[i];
		struct report_group *g = &r->groups[r->ngroups];
		const char *ph = report_phase_on(c, r->today);
		kk_rappen biggest = 0;
		bool known = true;

		if (seen[i] || !c->function || !ph || strcmp(ph, "run"))
			continue;
		g->members = arena_calloc(a, o->ncomponents, sizeof(*g->members));
		g->runners.v = arena_calloc(a, o->ncomponents,
		    sizeof(*g->runners.v));
		g->cost = 0;
		for (j = i; j < o->ncomponents; j++) {
			const struct kk_component *b = &o->components[j];

			ph = report_phase_on(b, r->today);
			if (seen[j] || b->kind != c->kind || !b->function ||
			    strcmp(b->function, c->function) || !ph ||
			    strcmp(ph, "run"))
				continue;
			seen[j] = true;
			g->members[g->n++] = b;
			if (!kk_ids_contain(&g->runners, report_runner(b)))
				g->runners.v[g->runners.n++] = report_runner(b);
			if (b->cost < 0)
				known = false;
			else {
				g->cost += b->cost;
				if (b->cost > biggest)
					biggest = b->cost;
			}
		}
		g->saving = known ? g->cost - biggest : -1;
		if (!known)
			g->cost = -1;
		if (g->n >= 2 && g->runners.n >= 2)
			r->ngroups++;
		else
			memset(g, 0, sizeof(*g));
	}
	free(seen);
}

/*
 * The document. Each chapter below says once what the report shows and
 * in which words; the writers only give it a form. Texts are kept as
 * they are to be read, not escaped: escaping is the writer's, as its
 * format needs.
 */

#define T(s) report_text(b->lang, s)
#define TN(one, many, n) report_ntext(b->lang, one, many, n)

static const char *const kind_de[KK_PARTY_KIND_COUNT] = {
	RN_("Kanton"), RN_("Stadt"), RN_("Gemeinde"), RN_("Verband"),
	RN_("Konsortium"), RN_("Gemeinsame Organisation"),
};
static const char *const kinds_de[KK_PARTY_KIND_COUNT] = {
	"Kantone", "Städte", "Gemeinden", "Verbände", "Konsortien",
	"Gemeinsame Organisationen",
};
static const char *const status_de[KK_PROJECT_STATUS_COUNT] = {
	RN_("geplant"), RN_("laufend"), RN_("abgeschlossen"), RN_("gestoppt"),
};
/* A traffic light in words that say what it means, after a symbol of
   its own shape, so that it reads without colour (the writers colour
   the symbol). */
static const char *const light_de[KK_LIGHT_COUNT] = {
	RN_("im Plan"), RN_("gefährdet"), RN_("kritisch"),
};
static const char *const light_symbol[KK_LIGHT_COUNT] = { "●", "▲", "◆" };
static const char *const budget_de[KK_BUDGET_KIND_COUNT] = {
	RN_("Investitionen"), RN_("Betriebskosten"),
};
static const char *const method_de[KK_KEY_METHOD_COUNT] = {
	RN_("feste Anteile"), RN_("zu gleichen Teilen"),
	RN_("nach Einwohnerzahl"), RN_("nach Nutzung"), RN_("verschachtelt"),
};
static const char *const component_de[KK_COMPONENT_KIND_COUNT] = {
	RN_("Standort"), RN_("Rechenzentrum"), RN_("Netz"), RN_("Plattform"),
	RN_("Anwendung"), RN_("Dienst"),
};
static const char *const phase_de[KK_PHASE_COUNT] = {
	RN_("Planung"), RN_("Aufbau"), RN_("Betrieb"),
	RN_("Ausserbetriebnahme"),
};
static const char *const body_de[KK_BODY_KIND_COUNT] = {
	RN_("Lenkungsausschuss"), RN_("Leitungsgremium"),
	RN_("Geschäftsstelle"), RN_("Arbeitsgruppe"),
};
static const char *const agreement_de[KK_AGREEMENT_KIND_COUNT] = {
	RN_("Rahmenvereinbarung"), RN_("Projektvereinbarung"),
	RN_("Betriebsvereinbarung"),
};

/* The chapters: their anchors and their headings. */
enum {
	CH_SUMMARY, CH_START, CH_COMMON, CH_PORTFOLIO, CH_FINANCES, CH_INFRA,
	CH_GOVERNANCE, CH_ANNEX, CH_COUNT
};
static const char *const chapter_id[CH_COUNT] = {
	"zusammenfassung", "ausgangslage", "gemeinsame-strategie",
	"portfolio", "finanzen", "infrastruktur", "steuerung", "anhang",
};
static const char *const chapter_de[CH_COUNT] = {
	RN_("Zusammenfassung"), RN_("Ausgangslage"),
	RN_("Gemeinsame Strategie"), RN_("Gemeinsames Portfolio"),
	RN_("Finanzen"), RN_("Infrastruktur"),
	RN_("Organisation und Steuerung"),
	RN_("Anhang: Strategien der Partner"),
};

/* Where the next block, row, cell or item goes. */
struct build {
	struct report *r;
	struct arena *a;
	const char *lang;
	struct report_block **next;
	struct report_block *table;	/* the table being filled */
	struct report_row **next_row;
	struct report_cell **next_cell;
	struct report_item **next_item;
	int nfig, ntab;
	int parties_tab;	/* the table of the parties and strategies */
	int projects_tab;	/* the table of the projects */
};

static const char *
dup(struct build *b, const char *s)
{
	return arena_strdup(b->a, s);
}

static const char *
dupf(struct build *b, const char *fmt, ...) KK_PRINTF(2, 3);

static const char *
dupf(struct build *b, const char *fmt, ...)
{
	struct buf s = BUF_INIT;
	const char *out;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&s, fmt, ap);
	va_end(ap);
	out = dup(b, s.s);
	buf_release(&s);
	return out;
}

static struct report_block *
block(struct build *b, enum report_block_kind kind, const char *text)
{
	struct report_block *bl = arena_calloc(b->a, 1, sizeof(*bl));

	bl->kind = kind;
	bl->text = text ? dup(b, text) : NULL;
	*b->next = bl;
	b->next = &bl->next;
	return bl;
}

static void
para(struct build *b, const char *text)
{
	block(b, REPORT_PARA, text);
}

static void
heading(struct build *b, int level, const char *id, const char *text,
    const char *toc)
{
	struct report_block *bl = block(b, REPORT_HEADING, text);

	bl->level = level;
	bl->id = id;
	bl->toc = toc ? dup(b, toc) : NULL;
}

static void
chapter(struct build *b, int ch)
{
	const char *text = ch == CH_ANNEX ? T(chapter_de[ch]) :
	    dupf(b, "%d %s", ch + 1, T(chapter_de[ch]));

	heading(b, 1, chapter_id[ch], text, text);
}

/*
 * A caption "Tabelle N: CAPTION" from FMT, which holds %d then %s; the
 * block learns where N stands, for a writer that numbers by a field.
 */
static void
caption(struct report_block *bl, const char *fmt, int n, const char *text)
{
	const char *d = strstr(fmt, "%d");

	bl->number = n;
	bl->text = text;
	/* only a literal prefix before %d says where N is */
	if (d && !memchr(fmt, '%', (size_t)(d - fmt))) {
		bl->numpos = (size_t)(d - fmt);
		bl->numlen = (size_t)snprintf(NULL, 0, "%d", n);
	}
}

static void
table_open(struct build *b, const char *cap)
{
	struct report_block *bl = block(b, REPORT_TABLE, NULL);

	b->ntab++;
	caption(bl, T("Tabelle %d: %s"), b->ntab,
	    dupf(b, T("Tabelle %d: %s"), b->ntab, cap));
	b->table = bl;
	b->next_row = &bl->rows;
	b->next_cell = &bl->head;
}

static struct report_cell *
cell_add(struct build *b, const char *text, bool num)
{
	struct report_cell *c = arena_calloc(b->a, 1, sizeof(*c));

	c->text = dup(b, text ? text : "–");
	c->num = num;
	c->span = 1;
	*b->next_cell = c;
	b->next_cell = &c->next;
	return c;
}

/* A column's heading, from its German text. */
static void
th(struct build *b, const char *de, bool num)
{
	cell_add(b, T(de), num);
	b->table->ncols++;
}

static void
th_text(struct build *b, const char *text, bool num)
{
	cell_add(b, text, num);
	b->table->ncols++;
}

static void
row(struct build *b, enum report_row_kind kind)
{
	struct report_row *rw = arena_calloc(b->a, 1, sizeof(*rw));

	rw->kind = kind;
	*b->next_row = rw;
	b->next_row = &rw->next;
	b->next_cell = &rw->cells;
}

/* A cell; NULL shows as a dash. */
static void
td(struct build *b, const char *text)
{
	cell_add(b, text, false);
}

static void
td_span(struct build *b, const char *text, int span)
{
	cell_add(b, text, false)->span = span;
}

static void
td_num(struct build *b, const char *text)
{
	cell_add(b, text, true);
}

static void
td_count(struct build *b, long n)
{
	char s[LFMT_SIZE];

	td_num(b, dup(b, lfmt_int(b->lang, n, s)));
}

/* An amount in CHF as the report's language writes it, 1'250'000.00
   (locale-fmt.c); a dash if unknown (negative). */
static const char *
chf(struct build *b, kk_rappen v)
{
	char s[LFMT_SIZE];

	if (v < 0)
		return "–";
	return dup(b, lfmt_chf(b->lang, v, s));
}

static void
td_chf(struct build *b, kk_rappen v)
{
	td_num(b, chf(b, v));
}

/* A count with the language's thousands separators: 77'491. */
static const char *
count(struct build *b, long n)
{
	char s[LFMT_SIZE];

	return dup(b, lfmt_int(b->lang, n, s));
}

/* A date as the report's readers write it in a table or a sentence:
   30.06.2013, 30 June 2013; a dash for none. */
static const char *
date(struct build *b, const char *d)
{
	char s[LFMT_SIZE];

	if (!d)
		return "–";
	return dup(b, lfmt_date(b->lang, d, s));
}

/* The year of a valid date. */
static int
year_of(const char *d)
{
	return (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 +
	    (d[3] - '0');
}

static const char *
party_name(struct build *b, const char *id)
{
	const struct kk_party *p = portfolio_party(&b->r->pf, id);

	return p ? p->name : id;
}

/* Names of IDS, joined by commas. */
static const char *
party_list(struct build *b, const struct kk_ids *ids)
{
	struct buf s = BUF_INIT;
	const char *out;
	size_t i;

	for (i = 0; i < ids->n; i++) {
		if (i)
			buf_adds(&s, ", ");
		buf_adds(&s, party_name(b, ids->v[i]));
	}
	out = dup(b, s.s);
	buf_release(&s);
	return out;
}

/* A row of the heatmaps and finances: the party's name, or the number
   of parties of its kind: "2'352 Gemeinden". */
static const char *
row_label(struct build *b, const struct report_rowgroup *g)
{
	if (g->party)
		return g->party->name;
	return dupf(b, "%s %s", count(b, (long)g->nparties),
	    g->nparties == 1 ? T(kind_de[g->kind]) : T(kinds_de[g->kind]));
}

/* The municipalities that pay a share under a cost key without being
   parties of the organisation themselves, in one row. */
static const char *
munis_label(struct build *b)
{
	return dupf(b, TN("%zu weitere Gemeinde", "%zu weitere Gemeinden",
	    b->r->nmunis), b->r->nmunis);
}

/* "A, B, C und D"; above REPORT_PARTIES_MAX parties, their numbers by
   kind: "26 Kantone, 26 Verbände und 2'352 Gemeinden". */
static void
party_names(struct build *b, struct buf *s)
{
	const struct report *r = b->r;
	size_t i;

	for (i = 0; i < r->nrows; i++) {
		if (i)
			buf_adds(s, i + 1 == r->nrows ? T(" und ") : ", ");
		buf_adds(s, row_label(b, &r->rows[i]));
	}
}

/* The labels of ROWS, to be freed (the strings are the arena's). */
static const char **
row_labels(struct build *b, const struct report_rowgroup *rows, size_t n)
{
	const char **v = xcalloc(n + 1, sizeof(*v));
	size_t i;

	for (i = 0; i < n; i++)
		v[i] = row_label(b, &rows[i]);
	return v;
}

/* Where each party is found when the report sums them up. */
static void
workbook_note(struct build *b, const char *sheets)
{
	para(b, dupf(b, T("Bei %s Partnern fasst der Bericht sie nach ihrer "
	    "Art zusammen. Jeden Partner einzeln enthält die Arbeitsmappe, die "
	    "«konkordat export xlsx» schreibt (%s)."),
	    count(b, (long)b->r->nparties), sheets));
}

/* A chart in a numbered figure: the SVG that DRAW wrote into SVG. */
static void
figure(struct build *b, struct buf *svg, const char *cap, const char *alt)
{
	struct report_block *bl = block(b, REPORT_FIGURE, NULL);
	const char *w = strstr(svg->s, " width=\"");
	const char *h = strstr(svg->s, " height=\"");

	b->nfig++;
	caption(bl, T("Abbildung %d: %s"), b->nfig,
	    dupf(b, T("Abbildung %d: %s"), b->nfig, cap));
	bl->svg = dup(b, svg->s);
	/* svg.c writes the size in the root's first attributes */
	bl->width = w ? (int)strtol(w + 8, NULL, 10) : 0;
	bl->height = h ? (int)strtol(h + 9, NULL, 10) : 0;
	if (bl->width <= 0 || bl->height <= 0)
		BUG("a chart without its size");
	bl->alt = dup(b, alt);
}

static void
list_open(struct build *b)
{
	struct report_block *bl = block(b, REPORT_LIST, NULL);

	b->next_item = &bl->items;
}

static void
item(struct build *b, const struct kk_item *it, const char *note,
    bool group)
{
	struct report_item *i = arena_calloc(b->a, 1, sizeof(*i));

	i->id = it->id;
	i->title = it->title;
	i->text = it->text;
	i->note = note;
	i->group = group;
	*b->next_item = i;
	b->next_item = &i->next;
}

static void
title_page(struct build *b)
{
	struct report_doc *d = &b->r->doc;
	const struct kk_org *org = b->r->org;
	struct buf s = BUF_INIT;

	d->title = T("Planungsbericht");
	d->subtitle = org->start ? dupf(b, T("Gemeinsame "
	    "Informatikstrategie %d–%d"), org->start, org->end) :
	    T("Gemeinsame Informatikstrategie");
	d->org = org->party.name;
	party_names(b, &s);
	d->parties = dup(b, s.s);
	buf_release(&s);
	/* the report's own date written out, as a document is dated */
	if (b->r->opts.date) {
		char day[LFMT_SIZE];

		d->date = dupf(b, "%s %s", T("Stand:"),
		    lfmt_date_long(b->lang, b->r->opts.date, day));
	}
	d->contents = T("Inhalt");
}

static void
summary(struct build *b)
{
	const struct report *r = b->r;
	const struct kk_org *org = r->org;
	struct buf s = BUF_INIT;
	char money[LFMT_SIZE];
	size_t nrun = 0, i;

	chapter(b, CH_SUMMARY);
	buf_addf(&s, TN("%zu Partner bringt seine Informatikstrategie in "
	    "die %s ein: ", "%zu Partner legen ihre Informatikstrategien in "
	    "der %s zusammen: ", r->nparties), r->nparties, org->party.name);
	party_names(b, &s);
	buf_adds(&s, ". ");
	if (org->start)
		buf_addf(&s, T("Der Bericht umfasst die Jahre %d bis %d."),
		    org->start, org->end);
	para(b, s.s);
	buf_reset(&s);
	for (i = 0; i < org->nprojects; i++)
		nrun += org->projects[i].status == KK_RUNNING;
	lfmt_chf(b->lang, r->total, money);
	buf_addf(&s, TN("Das gemeinsame Portfolio umfasst %zu Projekt, "
	    "davon %zu laufend, mit einem Budget von insgesamt CHF %s.",
	    "Das gemeinsame Portfolio umfasst %zu Projekte, davon %zu "
	    "laufend, mit einem Budget von insgesamt CHF %s.", org->nprojects),
	    org->nprojects, nrun, money);
	if (r->plan.npath) {
		const struct plan_entry *e = plan_find(&r->plan,
		    r->plan.path[r->plan.npath - 1]->id);
		char end[11];

		kk_days_date(e->end, end);
		buf_adds(&s, " ");
		buf_addf(&s, TN("Der kritische Pfad führt über %zu Projekt "
		    "und endet am %s.", "Der kritische Pfad führt über %zu "
		    "Projekte und endet am %s.", r->plan.npath),
		    r->plan.npath, date(b, end));
	}
	para(b, s.s);
	buf_reset(&s);
	buf_addf(&s, TN("Die gemeinsame Infrastruktur zählt %zu "
	    "Komponente.", "Die gemeinsame Infrastruktur zählt %zu "
	    "Komponenten.", org->ncomponents), org->ncomponents);
	buf_adds(&s, " ");
	buf_addf(&s, TN("%zu Gruppe gleichartiger Komponenten, die mehrere "
	    "Partner betreiben, ist ein Kandidat für eine Konsolidierung.",
	    "%zu Gruppen gleichartiger Komponenten, die mehrere Partner "
	    "betreiben, sind Kandidaten für eine Konsolidierung.",
	    r->ngroups), r->ngroups);
	para(b, s.s);
	buf_release(&s);
	if (!r->common)
		block(b, REPORT_NOTE, T("Die gemeinsame Strategie ist noch "
		    "nicht erarbeitet."));
}

/* Above REPORT_PARTIES_MAX parties: the parties and their strategies
   summed up by kind. */
static void
parties_by_kind(struct build *b)
{
	static const int col[] = { KK_FIELD, KK_GOAL, KK_PRINCIPLE,
	    KK_MEASURE };
	const struct report *r = b->r;
	struct report_rowgroup total;
	size_t i, k;

	memset(&total, 0, sizeof(total));
	para(b, T("Jeder Partner hat eine eigene Informatikstrategie oder "
	    "noch keine. Die Tabelle zeigt ihren Umfang nach der Art der "
	    "Partner."));
	workbook_note(b, dupf(b, T("Blätter «%s» und «%s»"),
	    xlsx_sheet_name(XLSX_PARTIES), xlsx_sheet_name(XLSX_ITEMS)));
	b->parties_tab = b->ntab + 1;
	table_open(b, T("Die Partner und ihre Strategien nach Art"));
	th(b, "Art", false);
	th(b, "Partner", true);
	th(b, "Einwohner", true);
	th(b, "mit Strategie", true);
	th(b, "Handlungsfelder", true);
	th(b, "Ziele", true);
	th(b, "Grundsätze", true);
	th(b, "Massnahmen", true);
	for (i = 0; i <= r->nrows; i++) {
		const struct report_rowgroup *g = i < r->nrows ? &r->rows[i] :
		    &total;

		row(b, g == &total ? REPORT_ROW_TOTAL : REPORT_ROW);
		td(b, g == &total ? T("Total") : T(kinds_de[g->kind]));
		td_num(b, count(b, (long)g->nparties));
		td_num(b, g->population >= 0 ? count(b, g->population) : NULL);
		td_num(b, count(b, (long)g->nstrategies));
		for (k = 0; k < KK_ARRAY_SIZE(col); k++)
			td_num(b, count(b, (long)g->count[col[k]]));
		if (g == &total)
			break;
		total.nparties += g->nparties;
		total.population = total.population < 0 ||
		    g->population < 0 ? -1 : total.population + g->population;
		total.nstrategies += g->nstrategies;
		for (k = 0; k < KK_ITEM_KIND_COUNT; k++)
			total.count[k] += g->count[k];
	}
}

/* Each party and the size of its strategy. */
static void
parties_each(struct build *b)
{
	const struct report *r = b->r;
	size_t i;

	para(b, T("Jeder Partner hat eine eigene Informatikstrategie. Die "
	    "Tabelle zeigt ihren Umfang; der Anhang gibt jede Strategie "
	    "vollständig wieder."));
	b->parties_tab = b->ntab + 1;
	table_open(b, T("Die Partner und ihre Strategien"));
	th(b, "Partner", false);
	th(b, "Art", false);
	th(b, "Einwohner", true);
	th(b, "Strategie", false);
	th(b, "Periode", false);
	th(b, "Status", false);
	th(b, "Handlungsfelder", true);
	th(b, "Ziele", true);
	th(b, "Grundsätze", true);
	th(b, "Massnahmen", true);
	for (i = 0; i < r->nparties; i++) {
		static const int col[] = { KK_FIELD, KK_GOAL, KK_PRINCIPLE,
		    KK_MEASURE };
		const struct report_party *p = &r->parties[i];
		const struct kk_strategy *s = p->strategy;
		size_t k;

		row(b, REPORT_ROW);
		td(b, p->party->name);
		td(b, T(kind_de[p->party->kind]));
		td_num(b, p->party->population >= 0 ?
		    count(b, p->party->population) : NULL);
		if (!s) {
			td_span(b, T("keine Strategie erfasst"), 7);
			continue;
		}
		td(b, s->title);
		td(b, dupf(b, "%d–%d", s->start, s->end));
		td(b, s->adopted ? T("verabschiedet") : T("Entwurf"));
		for (k = 0; k < KK_ARRAY_SIZE(col); k++)
			td_count(b, (long)p->count[col[k]]);
	}
}

/* A heatmap whose counts take fewer values than this is left out: its
   table says the same, and shades of 0, 1 and 2 suggest a pattern where
   there is none. */
#define HEATMAP_MIN_VALUES 4

/* How many different values the N counts of V take. */
static size_t
distinct(const int *v, size_t n)
{
	size_t nd = 0, i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < i && v[j] != v[i]; j++)
			;
		nd += j == i;
		if (nd >= HEATMAP_MIN_VALUES)
			break;
	}
	return nd;
}

/* A topic as a reader sees it: the tag with a capital and spaces,
   "zusammenarbeit" as "Zusammenarbeit", "open-data" as "Open data". */
static const char *
tag_label(struct build *b, const char *tag)
{
	char *s = arena_strdup(b->a, tag), *p;

	if (*s >= 'a' && *s <= 'z')
		*s = (char)(*s - 'a' + 'A');
	for (p = s; *p; p++)
		if (*p == '-' || *p == '_')
			*p = ' ';
	return s;
}

static void
starting_point(struct build *b)
{
	const struct report *r = b->r;
	struct buf svg = BUF_INIT;
	struct html h;
	const char **rows, **tags;
	int *v;
	size_t i, t;
	bool turn;

	chapter(b, CH_START);
	if (r->national)
		parties_by_kind(b);
	else
		parties_each(b);
	if (!r->ntags)
		return;

	/* the topics (tags) of the items per party; more topics than fit
	   across a page turn the grid, a topic a row */
	heading(b, 2, "themen", T("Themen der Strategien"), NULL);
	rows = row_labels(b, r->rows, r->nrows);
	tags = xcalloc(r->ntags + 1, sizeof(*tags));
	for (t = 0; t < r->ntags; t++)
		tags[t] = tag_label(b, r->tags[t]);
	turn = r->ntags > 12 && r->ntags > r->nrows;
	v = xcalloc(r->nrows * r->ntags + 1, sizeof(*v));
	for (i = 0; i < r->nrows; i++)
		for (t = 0; t < r->ntags; t++)
			v[turn ? t * r->nrows + i : i * r->ntags + t] =
			    r->tag_counts[i * r->ntags + t];
	/* shades of a few small counts say no more than the table */
	if (distinct(v, r->nrows * r->ntags) < HEATMAP_MIN_VALUES) {
		para(b, dupf(b, T("Tabelle %d zeigt, wie viele Grundsätze, "
		    "Ziele und Massnahmen jedes Partners ein Thema tragen."),
		    b->ntab + 1));
	} else {
		struct svg_chart c = { "fig-themen",
		    T("Themen der Strategien je Partner"),
		    turn ? T("Für jedes Thema (Zeile) und jeden Partner "
		    "(Spalte) die Zahl der Grundsätze, Ziele und Massnahmen mit "
		    "diesem Thema; je dunkler, desto mehr.") :
		    T("Für jeden Partner (Zeile) und jedes Thema (Spalte) die "
		    "Zahl der Grundsätze, Ziele und Massnahmen mit diesem "
		    "Thema; je dunkler, desto mehr."), b->lang };

		html_init_buf(&h, &svg);
		if (turn)
			svg_heatmap(&h, &c, tags, r->ntags, rows, r->nrows,
			    v, NULL);
		else
			svg_heatmap(&h, &c, rows, r->nrows, tags, r->ntags,
			    v, NULL);
		figure(b, &svg, c.title, dupf(b, T("Die Zahlen der Abbildung "
		    "stehen in Tabelle %d."), b->ntab + 1));
	}
	buf_release(&svg);
	table_open(b, T("Elemente je Partner und Thema"));
	th(b, turn ? "Thema" : "Partner", false);
	for (t = 0; t < (turn ? r->nrows : r->ntags); t++)
		th_text(b, turn ? rows[t] : tags[t], true);
	for (i = 0; i < (turn ? r->ntags : r->nrows); i++) {
		size_t n = turn ? r->nrows : r->ntags;

		row(b, REPORT_ROW);
		td(b, turn ? tags[i] : rows[i]);
		for (t = 0; t < n; t++)
			td_count(b, v[i * n + t]);
	}
	free(v);
	free(rows);
	free(tags);
}

/* The rows of the party items mapped to common item ID as equivalent
   (not rejected): party, item, decision. */
static void
common_rows(struct build *b, const char *id, const char *label, bool goal)
{
	const struct common_view *v = &b->r->cv;
	bool first = true;
	size_t i;

	for (i = 0; i < v->nmaps; i++) {
		const struct store_mapping *m = &v->maps[i];
		const struct kk_strategy *sp = NULL;
		const struct kk_item *it;

		if (strcmp(m->citem, id) || !common_mapping_holds(m))
			continue;
		it = common_party_item(v, m->strategy, m->item, &sp);
		row(b, goal ? REPORT_ROW_SUB : REPORT_ROW);
		td(b, first ? dupf(b, "%s%s", goal ? "– " : "", label) : "");
		td(b, sp ? party_name(b, sp->party) : m->strategy);
		td(b, dupf(b, "%s %s", m->item, it ? it->title : ""));
		td(b, !strcmp(m->decision, "accepted") ? T("angenommen") :
		    T("vorgeschlagen"));
		first = false;
	}
}

/*
 * Coverage: for each party (or kind of parties) and each common field,
 * how many of the party's fields and goals are mapped to it, as
 * 'konkordat coverage' counts; an empty cell is a gap.
 */
static void
coverage(struct build *b)
{
	const struct report *r = b->r;
	const char **rows = row_labels(b, r->crows, r->ncrows), **cols;
	struct buf svg = BUF_INIT;
	struct svg_chart c;
	struct html h;
	size_t i, j;

	heading(b, 2, "abdeckung", T("Abdeckung der gemeinsamen "
	    "Handlungsfelder"), NULL);
	if (!r->ncfields) {
		para(b, T("Die gemeinsame Strategie hat noch keine gemeinsamen "
		    "Handlungsfelder."));
		free(rows);
		return;
	}
	para(b, dupf(b, T("Abbildung %d zeigt für jeden Partner, wie viele "
	    "seiner Handlungsfelder und Ziele einem gemeinsamen Handlungsfeld "
	    "oder einem seiner Ziele als gleichwertig zugeordnet sind "
	    "(abgelehnte Zuordnungen zählen nicht). Ein schraffiertes Feld "
	    "mit 0 ist eine Lücke: der Partner trägt zu diesem Handlungsfeld "
	    "nichts bei."), b->nfig + 1));
	cols = xcalloc(r->ncfields + 1, sizeof(*cols));
	for (j = 0; j < r->ncfields; j++)
		cols[j] = common_citem_label(r->cfields[j]);
	c.id = "fig-abdeckung";
	c.title = T("Abdeckung der gemeinsamen Handlungsfelder je Partner");
	c.desc = T("Für jeden Partner (Zeile) und jedes gemeinsame "
	    "Handlungsfeld (Spalte) die Zahl seiner Handlungsfelder und Ziele, "
	    "die ihm zugeordnet sind; je dunkler, desto mehr, schraffiert "
	    "keines.");
	html_init_buf(&h, &svg);
	svg_heatmap(&h, &c, rows, r->ncrows, cols, r->ncfields, r->cover,
	    T("0: Lücke"));
	figure(b, &svg, c.title, dupf(b, T("Die Zahlen der Abbildung "
	    "stehen in Tabelle %d."), b->ntab + 1));
	buf_release(&svg);
	table_open(b, T("Elemente je Partner und gemeinsamem Handlungsfeld"));
	th(b, "Partner", false);
	for (j = 0; j < r->ncfields; j++)
		th_text(b, cols[j], true);
	for (i = 0; i < r->ncrows; i++) {
		row(b, REPORT_ROW);
		td(b, rows[i]);
		for (j = 0; j < r->ncfields; j++)
			td_count(b, r->cover[i * r->ncfields + j]);
	}
	free(cols);
	free(rows);
}

/* Above REPORT_PARTIES_MAX parties: how many parties and items each
   common field and goal brings together, not each item. */
static void
common_counts(struct build *b)
{
	const struct common_view *v = &b->r->cv;
	size_t i, j;

	table_open(b, T("Gemeinsame Handlungsfelder und Ziele mit der Zahl "
	    "der Partner und Elemente, die sie zusammenführen"));
	th(b, "Gemeinsam", false);
	th(b, "Partner", true);
	th(b, "Elemente", true);
	for (i = 0; i < v->nitems; i++) {
		const struct store_citem *f = &v->items[i];

		if (f->kind != KK_FIELD)
			continue;
		row(b, REPORT_ROW);
		td(b, common_citem_label(f));
		td_num(b, count(b, b->r->citem_parties[i]));
		td_num(b, count(b, b->r->citem_items[i]));
		for (j = 0; j < v->nitems; j++) {
			const struct store_citem *g = &v->items[j];

			if (g->kind != KK_GOAL || !g->parent ||
			    strcmp(g->parent, f->id))
				continue;
			row(b, REPORT_ROW_SUB);
			td(b, dupf(b, "– %s", common_citem_label(g)));
			td_num(b, count(b, b->r->citem_parties[j]));
			td_num(b, count(b, b->r->citem_items[j]));
		}
	}
}

/* Each common field with its common goals and the parties' items they
   bring together (traceability). */
static void
common(struct build *b)
{
	const struct common_view *v = &b->r->cv;
	size_t i, j, nfields = 0, ngoals = 0;
	const char *fields, *goals;

	chapter(b, CH_COMMON);
	if (!b->r->common) {
		block(b, REPORT_NOTE, T("Die gemeinsame Strategie ist noch "
		    "nicht erarbeitet."));
		para(b, T("Sobald die gemeinsame Vision, die gemeinsamen "
		    "Handlungsfelder und Ziele erarbeitet sind, zeigt dieses "
		    "Kapitel sie zusammen mit den Elementen der Partner, die "
		    "sie zusammenführen. Bis dahin stehen die Strategien der "
		    "Partner im Anhang."));
		para(b, T("Ohne gemeinsame Strategie gibt es noch keine "
		    "gemeinsamen Handlungsfelder, deren Abdeckung durch die "
		    "Partner sich zeigen liesse: die Heatmap «Partner × "
		    "gemeinsames Handlungsfeld» folgt, sobald «konkordat align» "
		    "die gemeinsame Strategie entworfen hat."));
		return;
	}
	for (i = 0; i < v->nitems; i++)
		v->items[i].kind == KK_FIELD ? nfields++ : ngoals++;
	/* TRANSLATORS: in "fasst ... in %s und %s zusammen" (dative) */
	fields = dupf(b, TN("%zu gemeinsamen Handlungsfeld",
	    "%zu gemeinsamen Handlungsfeldern", nfields), nfields);
	/* TRANSLATORS: in "fasst ... in %s und %s zusammen" (dative) */
	goals = dupf(b, TN("%zu gemeinsamen Ziel", "%zu gemeinsamen Zielen",
	    ngoals), ngoals);
	/* TRANSLATORS: the two %s are "N common fields of action" and
	   "N common goals", above, in the case this sentence needs */
	para(b, dupf(b, T("Die gemeinsame Strategie (%s) fasst die "
	    "Handlungsfelder und Ziele der Partner in %s und %s zusammen."),
	    T(v->cs->adopted ? "verabschiedet" : "Entwurf"), fields, goals));
	coverage(b);
	heading(b, 2, "rueckverfolgung", T("Herkunft der gemeinsamen "
	    "Handlungsfelder und Ziele"), NULL);
	/* the organisation's parties summed up by kind: no item each */
	if (b->r->ncrows && !b->r->crows[0].party) {
		common_counts(b);
		return;
	}
	table_open(b, T("Gemeinsame Handlungsfelder und Ziele mit den "
	    "Elementen der Partner"));
	th(b, "Gemeinsam", false);
	th(b, "Partner", false);
	th(b, "Element", false);
	th(b, "Entscheid", false);
	for (i = 0; i < v->nitems; i++) {
		const struct store_citem *f = &v->items[i];

		if (f->kind != KK_FIELD)
			continue;
		common_rows(b, f->id, common_citem_label(f), false);
		for (j = 0; j < v->nitems; j++) {
			const struct store_citem *g = &v->items[j];

			if (g->kind == KK_GOAL && g->parent &&
			    !strcmp(g->parent, f->id))
				common_rows(b, g->id, common_citem_label(g),
				    true);
		}
	}
}


struct by_budget {
	size_t at;
	kk_rappen budget;
};

static int
cmp_by_budget(const void *a, const void *b)
{
	const struct by_budget *x = a, *y = b;

	if (x->budget != y->budget)
		return x->budget < y->budget ? 1 : -1;
	return x->at < y->at ? -1 : x->at > y->at;
}

/*
 * Which projects the roadmap shows: all, or above REPORT_PROJECTS_MAX the
 * critical path's and then the largest budgets, in the portfolio's order.
 * Returns their number; ROW[i] is project i's row, or -1.
 */
static size_t
gantt_rows(const struct report *r, long *row)
{
	const struct kk_org *org = r->org;
	struct by_budget *v;
	size_t n = 0, i;

	for (i = 0; i < org->nprojects; i++)
		row[i] = org->nprojects <= REPORT_PROJECTS_MAX ? 0 : -1;
	if (org->nprojects > REPORT_PROJECTS_MAX) {
		v = xcalloc(org->nprojects + 1, sizeof(*v));
		for (i = 0; i < org->nprojects; i++) {
			v[i].at = i;
			v[i].budget = portfolio_project_total(&org->projects[i]);
		}
		qsort(v, org->nprojects, sizeof(*v), cmp_by_budget);
		for (i = 0; i < r->plan.npath && n < REPORT_PROJECTS_MAX; i++)
			if (row[r->plan.path[i] - org->projects] < 0) {
				row[r->plan.path[i] - org->projects] = 0;
				n++;
			}
		for (i = 0; i < org->nprojects && n < REPORT_PROJECTS_MAX; i++)
			if (row[v[i].at] < 0) {
				row[v[i].at] = 0;
				n++;
			}
		free(v);
	}
	for (i = n = 0; i < org->nprojects; i++)
		if (row[i] >= 0)
			row[i] = (long)n++;
	return n;
}

static void
gantt(struct build *b, int tab)
{
	const struct report *r = b->r;
	const struct kk_org *org = r->org;
	struct svg_row *rows = xcalloc(org->nprojects + 1, sizeof(*rows));
	struct svg_span *spans = xcalloc(org->nprojects + 1, sizeof(*spans));
	long *at = xcalloc(org->nprojects + 1, sizeof(*at));
	size_t nrows = gantt_rows(r, at);
	struct svg_link *links;
	struct svg_mark *marks;
	size_t nlinks = 0, nmarks = 0, i, j;
	const char *styles[KK_PROJECT_STATUS_COUNT];
	char **tips = xcalloc(org->nprojects + 1, sizeof(*tips));
	struct buf svg = BUF_INIT;
	struct svg_legend lg;
	struct svg_chart c;
	struct html h;
	int y0 = org->start, y1 = org->end;

	for (i = 0; i < org->nprojects; i++) {
		nlinks += org->projects[i].ndeps;
		nmarks += org->projects[i].nmilestones;
	}
	links = xcalloc(nlinks + 1, sizeof(*links));
	marks = xcalloc(nmarks + 1, sizeof(*marks));
	nlinks = nmarks = 0;
	for (i = 0; i < org->nprojects; i++) {
		const struct kk_project *p = &org->projects[i];
		const struct plan_entry *e = &r->plan.v[i];
		size_t k = (size_t)at[i];

		if (at[i] < 0)
			continue;
		spans[k].start = kk_date_days(p->start);
		spans[k].end = kk_date_days(p->end);
		spans[k].style = (int)p->status;
		if (!y0 || year_of(p->start) < y0)
			y0 = year_of(p->start);
		if (!y1 || year_of(p->end) > y1)
			y1 = year_of(p->end);
		tips[k] = xasprintf("%s: %s – %s", p->title, date(b, p->start),
		    date(b, p->end));
		rows[k].label = p->title;
		rows[k].tip = tips[k];
		rows[k].spans = &spans[k];
		rows[k].nspans = 1;
		rows[k].emphasis = e->critical;
		rows[k].marks = &marks[nmarks];
		for (j = 0; j < p->nmilestones; j++) {
			marks[nmarks].day = kk_date_days(
			    p->milestones[j].date);
			marks[nmarks].done = p->milestones[j].done;
			marks[nmarks].tip = p->milestones[j].title;
			nmarks++;
		}
		rows[k].nmarks = p->nmilestones;
		for (j = 0; j < p->ndeps; j++) {
			const struct kk_project *d = kk_org_project(org,
			    p->deps[j].project);

			if (!d || at[d - org->projects] < 0)
				continue;
			links[nlinks].from = (size_t)at[d - org->projects];
			links[nlinks].to = k;
			nlinks++;
		}
	}
	for (i = 0; i < KK_PROJECT_STATUS_COUNT; i++)
		styles[i] = T(status_de[i]);
	memset(&lg, 0, sizeof(lg));
	lg.styles = styles;
	lg.nstyles = KK_PROJECT_STATUS_COUNT;
	lg.marks[0] = T("Meilenstein offen");
	lg.marks[1] = T("Meilenstein erreicht");
	lg.emphasis = T("★ auf dem kritischen Pfad");
	lg.link = T("Abhängigkeit");
	c.id = "fig-gantt";
	c.lang = b->lang;
	c.title = T("Roadmap der gemeinsamen Projekte");
	c.desc = T("Jedes Projekt als Balken von Beginn bis Ende auf der "
	    "Zeitachse, gemustert nach Status; Rauten sind Meilensteine, "
	    "Pfeile Abhängigkeiten; Projekte auf dem kritischen Pfad sind "
	    "fett umrandet und mit einem Stern markiert.");
	html_init_buf(&h, &svg);
	svg_timeline(&h, &c, y0, y1, rows, nrows, links, nlinks, &lg);
	figure(b, &svg, c.title, dupf(b, T("Die Daten der Abbildung stehen "
	    "in Tabelle %d (Projekte) und Tabelle %d (Meilensteine)."), tab,
	    tab + 1));
	buf_release(&svg);
	for (i = 0; i < nrows; i++)
		free(tips[i]);
	free(tips);
	free(rows);
	free(spans);
	free(at);
	free(links);
	free(marks);
}

static void
portfolio(struct build *b)
{
	const struct report *r = b->r;
	const struct kk_org *org = r->org;
	struct buf s = BUF_INIT;
	size_t i, j, nms = 0;
	int tab = b->ntab + 1;

	chapter(b, CH_PORTFOLIO);
	para(b, dupf(b, TN("Die Partner führen %zu gemeinsames Projekt. "
	    "Abbildung %d zeigt es auf der Zeitachse, Tabelle %d mit seinen "
	    "Daten.", "Die Partner führen %zu gemeinsame Projekte. Abbildung "
	    "%d zeigt sie auf der Zeitachse, Tabelle %d mit ihren Daten.",
	    org->nprojects), org->nprojects, b->nfig + 1, tab));
	if (org->nprojects > REPORT_PROJECTS_MAX)
		para(b, dupf(b, T("Bei %zu Projekten zeigt die Abbildung %d "
		    "davon: die Projekte des kritischen Pfads, dann die mit den "
		    "grössten Budgets. Tabelle %d nennt jedes Projekt."),
		    org->nprojects, REPORT_PROJECTS_MAX, tab));
	gantt(b, tab);
	b->projects_tab = b->ntab + 1;
	table_open(b, T("Die gemeinsamen Projekte"));
	th(b, "Projekt", false);
	th(b, "Leitung", false);
	th(b, "Beginn", false);
	th(b, "Ende", false);
	th(b, "Status", false);
	th(b, "Ampel", false);
	th(b, "Budget CHF", true);
	th(b, "Kostenteiler", false);
	th(b, "hängt ab von", false);
	for (i = 0; i < org->nprojects; i++) {
		const struct kk_project *p = &org->projects[i];
		const struct kk_cost_key *k = p->cost_key ?
		    kk_org_key(org, p->cost_key) : NULL;

		row(b, REPORT_ROW);
		td(b, dupf(b, "%s%s", r->plan.v[i].critical ? "★ " : "",
		    p->title));
		td(b, party_name(b, p->lead));
		td_num(b, date(b, p->start));
		td_num(b, date(b, p->end));
		td(b, T(status_de[p->status]));
		cell_add(b, dupf(b, "%s %s", light_symbol[p->light],
		    T(light_de[p->light])), false)->light = 1 + (int)p->light;
		td_chf(b, portfolio_project_total(p));
		td(b, k ? k->title : p->cost_key);
		buf_reset(&s);
		for (j = 0; j < p->ndeps; j++) {
			const struct kk_project *d = kk_org_project(org,
			    p->deps[j].project);

			if (j)
				buf_adds(&s, ", ");
			buf_adds(&s, d ? d->title : p->deps[j].project);
		}
		td(b, s.s);
		nms += p->nmilestones;
	}
	row(b, REPORT_ROW_TOTAL);
	td_span(b, T("Total"), 6);
	td_chf(b, r->total);
	td_span(b, "", 2);
	buf_reset(&s);
	buf_adds(&s, T("★ Projekt auf dem kritischen Pfad: eine Verzögerung "
	    "verzögert das Ende des Portfolios."));
	if (r->plan.npath) {
		buf_addf(&s, " %s ", T("Kritischer Pfad:"));
		for (i = 0; i < r->plan.npath; i++) {
			if (i)
				buf_adds(&s, " → ");
			buf_adds(&s, r->plan.path[i]->title);
		}
		buf_adds(&s, ".");
	}
	para(b, s.s);
	buf_release(&s);
	table_open(b, T("Meilensteine der Projekte"));
	th(b, "Projekt", false);
	th(b, "Meilenstein", false);
	th(b, "Datum", false);
	th(b, "erreicht", false);
	for (i = 0; i < org->nprojects; i++) {
		const struct kk_project *p = &org->projects[i];

		for (j = 0; j < p->nmilestones; j++) {
			row(b, REPORT_ROW);
			td(b, p->title);
			td(b, p->milestones[j].title);
			td_num(b, date(b, p->milestones[j].date));
			td(b, p->milestones[j].done ? T("ja") : T("nein"));
		}
	}
	if (!nms) {
		row(b, REPORT_ROW);
		td_span(b, T("keine Meilensteine"), 4);
	}
}

/* A header row: LABEL, then the years, then Total. */
static void
year_head(struct build *b, const char *label)
{
	int y;

	th_text(b, label, false);
	for (y = 0; y < b->r->nyears; y++)
		th_text(b, dupf(b, "%d", b->r->year0 + y), true);
	th(b, "Total", true);
}

static void
year_row(struct build *b, const char *label, const kk_rappen *v,
    bool total)
{
	kk_rappen sum = 0;
	int y;

	row(b, total ? REPORT_ROW_TOTAL : REPORT_ROW);
	td(b, label);
	for (y = 0; y < b->r->nyears; y++) {
		td_chf(b, v[y]);
		sum += v[y];
	}
	td_chf(b, sum);
}

static void
finances(struct build *b)
{
	const struct report *r = b->r;
	const struct kk_org *org = r->org;
	size_t ny = (size_t)r->nyears, nseries, i, k;
	kk_rappen *sum = xcalloc(ny + 1, sizeof(*sum));
	kk_rappen *v;
	const char **series, **cats;
	char (*years)[8];
	struct buf svg = BUF_INIT, s = BUF_INIT;
	struct svg_chart c;
	struct html h;

	chapter(b, CH_FINANCES);
	para(b, T("Die Budgets der Projekte werden nach ihren Kostenteilern "
	    "auf die Partner verteilt, auf den Rappen genau: die Anteile "
	    "einer Budgetzeile ergeben zusammen die Zeile. Beträge in CHF."));
	heading(b, 2, "budget-jahr", T("Budget je Jahr"), NULL);
	table_open(b, T("Budget der gemeinsamen Projekte je Jahr, in CHF"));
	year_head(b, T("Art"));
	for (k = 0; k < KK_BUDGET_KIND_COUNT; k++) {
		year_row(b, T(budget_de[k]), r->budget[k], false);
		for (i = 0; i < ny; i++)
			sum[i] += r->budget[k][i];
	}
	year_row(b, T("Total"), sum, true);

	if (org->nprojects > REPORT_PROJECTS_MAX) {
		para(b, dupf(b, T("Das Budget jedes der %zu Projekte je Jahr "
		    "steht in der Arbeitsmappe, die «konkordat export xlsx» "
		    "schreibt (Blatt «%s»); Tabelle %d nennt es für die ganze "
		    "Periode."), org->nprojects, xlsx_sheet_name(XLSX_BUDGET),
		    b->projects_tab));
	} else {
		table_open(b, T("Budget je Projekt und Jahr, in CHF"));
		year_head(b, T("Projekt"));
		for (i = 0; i < org->nprojects; i++)
			year_row(b, org->projects[i].title,
			    &r->project_cost[i * ny], false);
		year_row(b, T("Total"), sum, true);
	}

	heading(b, 2, "anteile", T("Anteile der Partner"), NULL);
	if (r->national)
		workbook_note(b, dupf(b, T("Blatt «%s»"),
		    xlsx_sheet_name(XLSX_SHARES)));
	nseries = r->nrows + (r->nmunis ? 1 : 0);
	series = xcalloc(nseries + 1, sizeof(*series));
	v = xcalloc(nseries * ny + 1, sizeof(*v));
	for (i = 0; i < r->nrows; i++) {
		series[i] = row_label(b, &r->rows[i]);
		memcpy(&v[i * ny], r->rows[i].cost, ny * sizeof(*v));
	}
	if (r->nmunis) {
		series[r->nrows] = munis_label(b);
		memcpy(&v[r->nrows * ny], r->munis_cost, ny * sizeof(*v));
	}
	cats = xcalloc(ny + 1, sizeof(*cats));
	years = xcalloc(ny + 1, sizeof(*years));
	for (i = 0; i < ny; i++) {
		snprintf(years[i], sizeof(years[i]), "%d", r->year0 + (int)i);
		cats[i] = years[i];
	}
	c.id = "fig-kosten";
	c.lang = b->lang;
	c.title = T("Anteile der Partner an den Kosten je Jahr");
	c.desc = T("Für jedes Jahr ein Balken mit dem Budget der gemeinsamen "
	    "Projekte, gestapelt nach den Anteilen der Partner; über jedem "
	    "Balken das Total in CHF.");
	html_init_buf(&h, &svg);
	svg_stacked(&h, &c, cats, ny, series, nseries, v);
	figure(b, &svg, c.title, dupf(b, T("Die Beträge der Abbildung "
	    "stehen in Tabelle %d."), b->ntab + 1));
	buf_release(&svg);
	table_open(b, T("Anteile der Partner je Jahr nach den Kostenteilern, "
	    "in CHF"));
	year_head(b, T("Partner"));
	for (i = 0; i < nseries; i++)
		year_row(b, series[i], &v[i * ny], false);
	year_row(b, T("Total"), sum, true);

	table_open(b, T("Kostenteiler"));
	th(b, "Kostenteiler", false);
	th(b, "Methode", false);
	th(b, "Projekte", false);
	for (k = 0; k < org->nkeys; k++) {
		const struct kk_cost_key *key = &org->keys[k];
		bool first = true;

		row(b, REPORT_ROW);
		td(b, key->title);
		td(b, T(method_de[key->method]));
		buf_reset(&s);
		for (i = 0; i < org->nprojects; i++) {
			if (!org->projects[i].cost_key ||
			    strcmp(org->projects[i].cost_key, key->id))
				continue;
			if (!first)
				buf_adds(&s, ", ");
			buf_adds(&s, org->projects[i].title);
			first = false;
		}
		td(b, s.s);
	}
	buf_release(&s);
	free(sum);
	free(v);
	free(series);
	free(cats);
	free(years);
}

static void
lifecycle(struct build *b, int tab)
{
	const struct report *r = b->r;
	const struct kk_org *org = r->org;
	size_t n = org->ncomponents, i;
	struct svg_row *rows = xcalloc(n + 1, sizeof(*rows));
	struct svg_span *spans = xcalloc(n * KK_PHASE_COUNT + 1,
	    sizeof(*spans));
	const char *styles[KK_PHASE_COUNT];
	struct buf svg = BUF_INIT;
	struct svg_legend lg;
	struct svg_chart c;
	struct html h;
	int y0 = org->start, y1 = org->end, k;
	char end[24];

	for (i = 0; i < n; i++)
		for (k = 0; k < KK_PHASE_COUNT; k++) {
			const char *d = org->components[i].phases[k];

			if (d && (!y0 || year_of(d) < y0))
				y0 = year_of(d);
			if (d && (!y1 || year_of(d) > y1))
				y1 = year_of(d);
		}
	snprintf(end, sizeof(end), "%04d-01-01", y1 + 1);
	for (i = 0; i < n; i++) {
		const struct kk_component *cp = &org->components[i];
		struct svg_span *s = &spans[i * KK_PHASE_COUNT];
		size_t ns = 0;

		for (k = 0; k < KK_PHASE_COUNT; k++) {
			int next;

			if (!cp->phases[k])
				continue;
			for (next = k + 1; next < KK_PHASE_COUNT &&
			    !cp->phases[next]; next++)
				;
			s[ns].start = kk_date_days(cp->phases[k]);
			s[ns].end = kk_date_days(next < KK_PHASE_COUNT ?
			    cp->phases[next] : end) - 1;
			s[ns].style = k;
			s[ns].label = T(phase_de[k]);
			ns++;
		}
		rows[i].label = cp->title;
		rows[i].spans = s;
		rows[i].nspans = ns;
	}
	for (k = 0; k < KK_PHASE_COUNT; k++)
		styles[k] = T(phase_de[k]);
	memset(&lg, 0, sizeof(lg));
	lg.styles = styles;
	lg.nstyles = KK_PHASE_COUNT;
	c.id = "fig-lebenszyklus";
	c.lang = b->lang;
	c.title = T("Lebenszyklus der Infrastruktur");
	c.desc = T("Jede Komponente als Zeile; die Abschnitte zeigen, ab "
	    "wann sie geplant, aufgebaut, betrieben und ausser Betrieb "
	    "genommen wird, je mit eigenem Muster und beschriftet.");
	html_init_buf(&h, &svg);
	svg_timeline(&h, &c, y0, y1, rows, n, NULL, 0, &lg);
	figure(b, &svg, c.title, dupf(b, T("Die Daten der Abbildung stehen "
	    "in Tabelle %d."), tab));
	buf_release(&svg);
	free(rows);
	free(spans);
}

static void
infrastructure(struct build *b)
{
	const struct report *r = b->r;
	const struct kk_org *org = r->org;
	struct buf s = BUF_INIT;
	size_t i, j;
	int k;

	chapter(b, CH_INFRA);
	para(b, dupf(b, TN("Die Partner planen %zu Komponente der "
	    "Infrastruktur gemeinsam. Die Phase jeder Komponente gilt am "
	    "Stichtag %s.", "Die Partner planen %zu Komponenten der "
	    "Infrastruktur gemeinsam. Die Phase jeder Komponente gilt am "
	    "Stichtag %s.", org->ncomponents), org->ncomponents,
	    date(b, r->today)));
	if (org->ncomponents)
		lifecycle(b, b->ntab + 1);
	table_open(b, T("Komponenten der Infrastruktur"));
	th(b, "Komponente", false);
	th(b, "Art", false);
	th(b, "Eigentümer", false);
	th(b, "Betreiber", false);
	th(b, "Phase am Stichtag", false);
	th(b, "Lebenszyklus", false);
	th(b, "Kosten CHF/Jahr", true);
	for (i = 0; i < org->ncomponents; i++) {
		const struct kk_component *cp = &org->components[i];
		const char *ph = report_phase_on(cp, r->today);

		row(b, REPORT_ROW);
		td(b, cp->title);
		td(b, T(component_de[cp->kind]));
		td(b, party_name(b, cp->owner));
		td(b, party_name(b, report_runner(cp)));
		td(b, ph ? T(phase_de[kk_enum_parse(ph, kk_phase_names,
		    KK_PHASE_COUNT)]) : NULL);
		buf_reset(&s);
		for (k = 0; k < KK_PHASE_COUNT; k++) {
			if (!cp->phases[k])
				continue;
			if (s.len)
				buf_addc(&s, '\n');
			buf_addf(&s, "%s %s", T(phase_de[k]),
			    date(b, cp->phases[k]));
		}
		cell_add(b, s.s, false)->lines = true;
		td_chf(b, cp->cost);
	}
	buf_release(&s);

	heading(b, 2, "konsolidierung", T("Kandidaten für eine "
	    "Konsolidierung"), NULL);
	para(b, T("Komponenten derselben Art und Funktion, die am Stichtag in "
	    "Betrieb sind und von zwei oder mehr Partnern betrieben werden. "
	    "Eine Zusammenlegung behält die teuerste; einsparen lässt sich "
	    "höchstens, was die übrigen im Jahr kosten (vor den Kosten der "
	    "Migration)."));
	if (!r->ngroups) {
		para(b, T("Am Stichtag betreiben keine zwei Partner eine "
		    "Komponente derselben Art und Funktion."));
		return;
	}
	table_open(b, T("Kandidaten für eine Konsolidierung"));
	th(b, "Art", false);
	th(b, "Komponenten", false);
	th(b, "betrieben von", false);
	th(b, "Kosten CHF/Jahr", true);
	th(b, "Einsparung höchstens", true);
	for (i = 0; i < r->ngroups; i++) {
		const struct report_group *g = &r->groups[i];
		struct buf m = BUF_INIT;

		row(b, REPORT_ROW);
		td(b, T(component_de[g->members[0]->kind]));
		for (j = 0; j < g->n; j++) {
			if (j)
				buf_adds(&m, ", ");
			buf_adds(&m, g->members[j]->title);
		}
		td(b, m.s);
		buf_release(&m);
		td(b, party_list(b, &g->runners));
		td_chf(b, g->cost);
		td_chf(b, g->saving);
	}
}

static void
governance(struct build *b)
{
	const struct kk_org *org = b->r->org;
	size_t i;

	chapter(b, CH_GOVERNANCE);
	heading(b, 2, "gremien", T("Gremien"), NULL);
	table_open(b, T("Gremien der gemeinsamen Organisation"));
	th(b, "Gremium", false);
	th(b, "Art", false);
	th(b, "Mitglieder", false);
	th(b, "Aufgabe", false);
	for (i = 0; i < org->nbodies; i++) {
		const struct kk_body *bd = &org->bodies[i];

		row(b, REPORT_ROW);
		td(b, bd->name);
		td(b, T(body_de[bd->kind]));
		td(b, party_list(b, &bd->members));
		td(b, bd->text);
	}

	heading(b, 2, "entscheide", T("Entscheide"), NULL);
	table_open(b, T("Entscheide der Gremien"));
	th(b, "Datum", false);
	th(b, "Gremium", false);
	th(b, "Gegenstand", false);
	th(b, "Ergebnis", false);
	for (i = 0; i < org->ndecisions; i++) {
		const struct kk_decision *d = &org->decisions[i];
		const char *body = d->body;
		size_t j;

		for (j = 0; j < org->nbodies; j++)
			if (!strcmp(org->bodies[j].id, d->body))
				body = org->bodies[j].name;
		row(b, REPORT_ROW);
		td_num(b, date(b, d->date));
		td(b, body);
		td(b, d->subject);
		td(b, d->outcome);
	}

	heading(b, 2, "vereinbarungen", T("Vereinbarungen"), NULL);
	table_open(b, T("Vereinbarungen zwischen den Partnern"));
	th(b, "Vereinbarung", false);
	th(b, "Art", false);
	th(b, "Partner", false);
	th(b, "gültig ab", false);
	th(b, "gültig bis", false);
	th(b, "Inhalt", false);
	for (i = 0; i < org->nagreements; i++) {
		const struct kk_agreement *a = &org->agreements[i];

		row(b, REPORT_ROW);
		td(b, a->title);
		td(b, T(agreement_de[a->kind]));
		td(b, party_list(b, &a->parties));
		td_num(b, date(b, a->valid_from));
		td_num(b, a->valid_to ? date(b, a->valid_to) :
		    T("unbefristet"));
		td(b, a->text);
	}

	heading(b, 2, "terminplan", T("Terminplan"), NULL);
	table_open(b, T("Terminplan der Zusammenarbeit"));
	th(b, "Datum", false);
	th(b, "Meilenstein", false);
	th(b, "erreicht", false);
	th(b, "Beschreibung", false);
	for (i = 0; i < org->nmilestones; i++) {
		const struct kk_milestone *m = &org->milestones[i];

		row(b, REPORT_ROW);
		td_num(b, date(b, m->date));
		td(b, m->title);
		td(b, m->done ? T("ja") : T("nein"));
		td(b, m->text);
	}
}

static void
annex_party(struct build *b, size_t n, const struct report_party *p)
{
	const struct kk_strategy *s = p->strategy;
	const char *toc = dupf(b, "A.%zu %s", n, p->party->name);
	size_t i, j;

	heading(b, 2, dupf(b, "anhang-%zu", n), s ? dupf(b, "%s: %s", toc,
	    s->title) : toc, toc);
	if (!s) {
		para(b, T("keine Strategie erfasst"));
		return;
	}
	para(b, dupf(b, T("Periode %d–%d, Version %d, %s."), s->start, s->end,
	    s->version, s->adopted ? T("verabschiedet") : T("Entwurf")));
	if (s->vision) {
		heading(b, 3, NULL, T("Vision"), NULL);
		block(b, REPORT_QUOTE, s->vision);
	}
	if (p->count[KK_PRINCIPLE]) {
		heading(b, 3, NULL, T("Grundsätze"), NULL);
		list_open(b);
		for (i = 0; i < s->nitems; i++)
			if (s->items[i].kind == KK_PRINCIPLE)
				item(b, &s->items[i], NULL, false);
	}
	if (p->count[KK_FIELD]) {
		heading(b, 3, NULL, T("Handlungsfelder und Ziele"), NULL);
		list_open(b);
		for (i = 0; i < s->nitems; i++) {
			const struct kk_item *it = &s->items[i];

			if (it->kind == KK_FIELD || it->kind == KK_GOAL)
				item(b, it, NULL, it->kind == KK_FIELD);
		}
	}
	if (p->count[KK_MEASURE]) {
		heading(b, 3, NULL, T("Massnahmen"), NULL);
		list_open(b);
		for (i = 0; i < s->nitems; i++) {
			const struct kk_item *it = &s->items[i];
			struct buf note = BUF_INIT;

			if (it->kind != KK_MEASURE)
				continue;
			if (it->goals.n) {
				buf_addf(&note, "%s ", T("realisiert"));
				for (j = 0; j < it->goals.n; j++)
					buf_addf(&note, "%s%s", j ? ", " : "",
					    it->goals.v[j]);
			}
			item(b, it, it->goals.n ? dup(b, note.s) : NULL,
			    false);
			buf_release(&note);
		}
	}
}

/* Above REPORT_PARTIES_MAX parties the annex says where the strategies
   are rather than give each of them. */
static void
annex_summed(struct build *b)
{
	const struct report *r = b->r;
	size_t nstrategies = 0, nitems = 0, i, k;

	for (i = 0; i < r->nrows; i++) {
		nstrategies += r->rows[i].nstrategies;
		for (k = 0; k < KK_ITEM_KIND_COUNT; k++)
			nitems += r->rows[i].count[k];
	}
	para(b, dupf(b, T("Die %s Strategien der %s Partner mit zusammen %s "
	    "Handlungsfeldern, Zielen, Grundsätzen und Massnahmen gibt dieser "
	    "Bericht nicht einzeln wieder; Tabelle %d fasst sie nach der Art "
	    "der Partner zusammen. Jede Strategie mit allen ihren Elementen "
	    "steht in der Arbeitsmappe, die «konkordat export xlsx» schreibt "
	    "(Blätter «%s» und «%s»), und in der Datei ihres Partners "
	    "(«konkordat export yaml»)."), count(b, (long)nstrategies),
	    count(b, (long)r->nparties), count(b, (long)nitems),
	    b->parties_tab, xlsx_sheet_name(XLSX_PARTIES),
	    xlsx_sheet_name(XLSX_ITEMS)));
}

/* Lay the gathered content of R out as R->DOC. */
static void
build_doc(struct report *r)
{
	struct build bld, *b = &bld;
	size_t i;

	memset(b, 0, sizeof(*b));
	b->r = r;
	b->a = r->pf.arena;
	b->lang = r->opts.lang;
	b->next = &r->doc.blocks;
	title_page(b);
	summary(b);
	starting_point(b);
	common(b);
	portfolio(b);
	finances(b);
	infrastructure(b);
	governance(b);
	chapter(b, CH_ANNEX);
	if (r->national)
		annex_summed(b);
	else
		for (i = 0; i < r->nparties; i++)
			annex_party(b, i + 1, &r->parties[i]);
}

#undef T

/*
 * Gather the report of organisation O->ORG (NULL: the only one) from ST.
 * Returns 0, or a KK_E* code with *ERRMSG (the caller frees) saying why;
 * release R with report_release() either way.
 */
int
report_load(struct report *r, struct store *st, const struct report_opts *o,
    char **errmsg)
{
	char *msg = NULL;
	size_t i, k;
	int rc;

	memset(r, 0, sizeof(*r));
	r->opts = *o;
	*errmsg = NULL;
	/* a missing catalog is said, not written as a German report */
	rc = report_lang_check(o->lang, errmsg);
	if (rc)
		return rc;
	rc = portfolio_load(&r->pf, st, o->org, errmsg);
	if (rc)
		return rc;
	r->org = r->pf.org;
	/* the report is dated, and the phases of the infrastructure are
	   read on that day: the date given, else today in Switzerland */
	if (!o->date) {
		char day[11];

		kk_today(day);
		r->opts.date = arena_strdup(r->pf.arena, day);
	}
	r->today = r->opts.date;
	r->parties = arena_calloc(r->pf.arena, r->pf.nparties + 1,
	    sizeof(*r->parties));
	for (k = 0; k < KK_ARRAY_SIZE(kind_order); k++)
		for (i = 0; i < r->pf.nparties; i++) {
			const struct kk_party *p = &r->pf.parties[i];
			struct report_party *rp;
			struct kk_doc doc;
			size_t j;

			if ((int)p->kind != kind_order[k] || !p->standalone)
				continue;
			rp = &r->parties[r->nparties++];
			rp->party = p;
			if (store_load_doc(st, r->pf.arena, p->id, &doc)) {
				*errmsg = xasprintf(_("cannot read party '%s': %s"),
				    p->id, store_errmsg(st));
				return KK_EIO;
			}
			rp->strategy = doc.strategy;
			for (j = 0; rp->strategy && j < rp->strategy->nitems;
			    j++)
				rp->count[rp->strategy->items[j].kind]++;
		}
	portfolio_years(r->org, &r->year0, &r->nyears);
	for (i = 0; i < r->nparties; i++)
		r->parties[i].cost = arena_calloc(r->pf.arena,
		    (size_t)r->nyears + 1, sizeof(kk_rappen));
	rc = load_costs(r, errmsg);
	if (rc)
		return rc;
	if (plan_schedule(r->org, &r->plan)) {
		*errmsg = xstrdup(_("the projects' dependencies form a cycle"));
		return KK_ENEED_CHECK;
	}
	r->national = r->nparties > REPORT_PARTIES_MAX;
	make_rows(r, NULL, true, &r->rows, &r->nrows, &r->row_of);
	load_tags(r);
	load_groups(r);
	/* the common strategy, once 'konkordat align' has made one; without
	   it the report says so rather than invent one */
	r->common = false;
	if (!common_load(st, o->org, &r->cv, &msg) && r->cv.cs)
		r->common = true;
	free(msg);
	if (r->common)
		load_cover(r);
	build_doc(r);
	return KK_OK;
}

void
report_release(struct report *r)
{
	if (!r)
		return;
	plan_release(&r->plan);
	portfolio_release(&r->pf);
	common_view_release(&r->cv);
	memset(r, 0, sizeof(*r));
}
