/* report.c: the planning report's content gathered from the store, the same for every format. */
#include "store.h"

/*
 * The writers (report-html.c now, ODT later) only lay out what is here:
 * every sum, schedule and grouping is made once, so that the formats
 * cannot disagree about a figure.
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

/* The years of the finances: the period, widened to every budget line. */
static void
years(const struct kk_org *o, int *first, int *count)
{
	int lo = o->start, hi = o->end;
	size_t i, j;

	for (i = 0; i < o->nprojects; i++)
		for (j = 0; j < o->projects[i].nbudget; j++) {
			int y = o->projects[i].budget[j].year;

			if (!lo || y < lo)
				lo = y;
			if (!hi || y > hi)
				hi = y;
		}
	*first = lo;
	*count = lo ? hi - lo + 1 : 0;
}

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

	years(o, &r->year0, &r->nyears);
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
			buf_addf(&b, "%s; ", r->pf.diags.v[i].msg);
		*errmsg = xasprintf("the costs cannot be shared (%srun "
		    "'konkordat check' on the organisation file)", b.s);
		buf_release(&b);
		free(c.by_party);
		return KK_EINPUT;
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

/* The topics (tags) of the parties' items, and how many items each party
   gives to each: the coverage the heatmap shows. */
static void
load_tags(struct report *r)
{
	size_t cap = 0, i, j, k, t;

	for (i = 0; i < r->nparties; i++) {
		const struct kk_strategy *s = r->parties[i].strategy;

		for (j = 0; s && j < s->nitems; j++)
			cap += s->items[j].tags.n;
	}
	r->tags = arena_calloc(r->pf.arena, cap + 1, sizeof(*r->tags));
	for (i = 0; i < r->nparties; i++) {
		const struct kk_strategy *s = r->parties[i].strategy;

		for (j = 0; s && j < s->nitems; j++)
			for (k = 0; k < s->items[j].tags.n; k++) {
				const char *tag = s->items[j].tags.v[k];

				for (t = 0; t < r->ntags; t++)
					if (!strcmp(r->tags[t], tag))
						break;
				if (t == r->ntags)
					r->tags[r->ntags++] = tag;
			}
	}
	qsort(r->tags, r->ntags, sizeof(*r->tags), cmp_str);
	r->tag_counts = arena_calloc(r->pf.arena, r->nparties * r->ntags + 1,
	    sizeof(int));
	for (i = 0; i < r->nparties; i++) {
		const struct kk_strategy *s = r->parties[i].strategy;

		for (j = 0; s && j < s->nitems; j++)
			for (k = 0; k < s->items[j].tags.n; k++) {
				const char **hit = bsearch(
				    &s->items[j].tags.v[k], r->tags, r->ntags,
				    sizeof(*r->tags), cmp_str);

				r->tag_counts[i * r->ntags +
				    (size_t)(hit - r->tags)]++;
			}
	}
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
	rc = portfolio_load(&r->pf, st, o->org, errmsg);
	if (rc)
		return rc;
	r->org = r->pf.org;
	/* without a date, the phases are read at the start of the period, so
	   that the same data always gives the same report */
	if (o->date) {
		r->today = arena_strdup(r->pf.arena, o->date);
	} else {
		char day[24];

		snprintf(day, sizeof(day), "%04d-01-01", r->org->start);
		r->today = arena_strdup(r->pf.arena, day);
	}
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
				*errmsg = xasprintf("cannot read party '%s': %s",
				    p->id, store_errmsg(st));
				return KK_EIO;
			}
			rp->strategy = doc.strategy;
			for (j = 0; rp->strategy && j < rp->strategy->nitems;
			    j++)
				rp->count[rp->strategy->items[j].kind]++;
		}
	years(r->org, &r->year0, &r->nyears);
	for (i = 0; i < r->nparties; i++)
		r->parties[i].cost = arena_calloc(r->pf.arena,
		    (size_t)r->nyears + 1, sizeof(kk_rappen));
	rc = load_costs(r, errmsg);
	if (rc)
		return rc;
	if (plan_schedule(r->org, &r->plan)) {
		*errmsg = xstrdup("the projects' dependencies form a cycle; "
		    "run 'konkordat check' on the organisation file");
		return KK_EINPUT;
	}
	load_tags(r);
	load_groups(r);
	/* the common strategy, once 'konkordat align' has made one; without
	   it the report says so rather than invent one */
	r->common = false;
	if (!common_load(st, o->org, &r->cv, &msg) && r->cv.cs)
		r->common = true;
	free(msg);
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
