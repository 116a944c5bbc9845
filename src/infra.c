/* infra.c: the shared infrastructure on a day: each component's phase, who runs it, what could be merged (pure computation). */
#include "konkordat.h"

#include <string.h>

const char *
infra_phase_on(const struct kk_component *c, const char *date)
{
	const char *phase = "-";
	int i;

	for (i = 0; i < KK_PHASE_COUNT; i++)
		if (c->phases[i] && strcmp(c->phases[i], date) <= 0)
			phase = kk_phase_names[i];
	return phase;
}

const char *
infra_runner(const struct kk_component *c)
{
	return c->operator_ ? c->operator_ : c->owner;
}

static bool
running(const struct kk_component *c, const char *date)
{
	return c->function && !strcmp(infra_phase_on(c, date), "run");
}

/* The group of A: the alike components from A on not yet SEEN. */
static void
gather(const struct kk_org *o, size_t i, const char *date, bool *seen,
    struct infra_candidate *g)
{
	const struct kk_component *a = &o->components[i];
	kk_rappen biggest = 0;
	bool costs_known = true;
	size_t j;

	memset(g, 0, sizeof(*g));
	g->kind = a->kind;
	g->function = a->function;
	g->components = xcalloc(o->ncomponents, sizeof(*g->components));
	g->runners.v = xcalloc(o->ncomponents, sizeof(*g->runners.v));
	for (j = i; j < o->ncomponents; j++) {
		const struct kk_component *b = &o->components[j];

		if (seen[j] || b->kind != a->kind || !running(b, date) ||
		    strcmp(b->function, a->function))
			continue;
		seen[j] = true;
		g->components[g->ncomponents++] = b;
		if (!kk_ids_contain(&g->runners, infra_runner(b)))
			g->runners.v[g->runners.n++] = infra_runner(b);
		if (b->cost < 0) {
			costs_known = false;
		} else {
			g->cost += b->cost;
			if (b->cost > biggest)
				biggest = b->cost;
		}
	}
	g->saving = costs_known ? g->cost - biggest : -1;
	if (!costs_known)
		g->cost = -1;
}

static void
candidate_release(struct infra_candidate *g)
{
	free(g->components);
	free(g->runners.v);
}

size_t
infra_candidates(const struct kk_org *o, const char *date,
    struct infra_candidate **out)
{
	bool *seen = xcalloc(o->ncomponents + 1, sizeof(*seen));
	struct infra_candidate *v = xcalloc(o->ncomponents + 1, sizeof(*v));
	size_t i, n = 0;

	for (i = 0; i < o->ncomponents; i++) {
		if (seen[i] || !running(&o->components[i], date))
			continue;
		gather(o, i, date, seen, &v[n]);
		if (v[n].ncomponents >= 2 && v[n].runners.n >= 2)
			n++;
		else
			candidate_release(&v[n]);
	}
	free(seen);
	*out = v;
	return n;
}

void
infra_candidates_release(struct infra_candidate *v, size_t n)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < n; i++)
		candidate_release(&v[i]);
	free(v);
}
