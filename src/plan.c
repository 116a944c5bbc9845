/* plan.c: the portfolio's schedule: earliest dates, delays and the critical path. */
#include "konkordat.h"

/*
 * Each project has a planned start and end; its duration is the difference.
 * A finish-to-start dependency with a lag of L days lets a project start no
 * earlier than the day after its predecessor ends, plus L. The earliest
 * start is the later of the planned start and what the dependencies allow;
 * the earliest end keeps the duration. The delay is how many days the
 * dependencies push a project past its plan, and a milestone of a delayed
 * project is late by as much. Of a project's dependencies, the one that
 * allows the latest start drives it; the slack is how many days lie between
 * that and the project's start. The critical path ends at the project that
 * ends last and goes back from driven to driver while the driver leaves no
 * slack: a delay anywhere on it delays the end of the portfolio.
 */

/* Project I's dates from the plan and the earliest end of its
   dependencies so far; its own end keeps its planned duration. */
static void
enter(const struct kk_org *o, size_t i, struct plan *p, int *state)
{
	const struct kk_project *pr = &o->projects[i];
	struct plan_entry *e = &p->v[i];

	state[i] = 1;
	e->project = pr;
	e->start = kk_date_days(pr->start);
	e->end = kk_date_days(pr->end);
}

/*
 * Schedule project ROOT after everything it depends on, depth first. The
 * walk keeps its own stack on the heap (PATH, and in NEXT the dependency
 * each project on it waits for): a file may chain as many projects as it
 * likes, and the C stack would not hold one frame per project.
 */
static int
visit(const struct kk_org *o, const struct kk_deps *g, size_t root,
    struct plan *p, int *state, size_t *path, size_t *next)
{
	size_t depth = 0;

	if (state[root] == 2)
		return KK_OK;
	enter(o, root, p, state);
	path[0] = root;
	next[0] = 0;
	for (;;) {
		size_t i = path[depth], j = next[depth];
		const struct kk_project *pr = &o->projects[i];
		struct plan_entry *e = &p->v[i];
		long k, allowed;

		if (j == pr->ndeps) {
			if (e->driver && e->allowed > e->start)
				e->start = e->allowed;
			e->delay = e->start - kk_date_days(pr->start);
			e->end = e->start + (kk_date_days(pr->end) -
			    kk_date_days(pr->start));
			state[i] = 2;
			if (depth == 0)
				return KK_OK;
			depth--;
			continue;
		}
		k = g->at[g->first[i] + j];
		if (k < 0)
			return KK_EINPUT;
		if (state[k] == 1)
			return KK_EINPUT;	/* a cycle; the reader reports it */
		if (state[k] == 0) {
			/* J is taken up again once K is scheduled */
			enter(o, (size_t)k, p, state);
			path[++depth] = (size_t)k;
			next[depth] = 0;
			continue;
		}
		allowed = p->v[k].end + 1 + pr->deps[j].lag;
		if (!e->driver || allowed > e->allowed) {
			e->driver = &o->projects[k];
			e->allowed = allowed;
		}
		next[depth]++;
	}
}

/*
 * Schedule the projects of O into OUT, which the caller releases with
 * plan_release(). Returns KK_EINPUT if the dependencies are not a DAG of
 * known projects (files that were checked are).
 */
int
plan_schedule(const struct kk_org *o, struct plan *out)
{
	int *state = xcalloc(o->nprojects + 1, sizeof(*state));
	size_t *path = xcalloc(o->nprojects + 1, sizeof(*path));
	size_t *next = xcalloc(o->nprojects + 1, sizeof(*next));
	const struct plan_entry *last = NULL;
	struct kk_deps g;
	size_t i, n = 0;
	int rc = KK_OK;

	memset(out, 0, sizeof(*out));
	out->v = xcalloc(o->nprojects + 1, sizeof(*out->v));
	out->n = o->nprojects;
	kk_deps_init(&g, o);
	for (i = 0; i < o->nprojects && !rc; i++)
		rc = visit(o, &g, i, out, state, path, next);
	kk_deps_release(&g);
	free(state);
	free(path);
	free(next);
	if (rc) {
		plan_release(out);
		return rc;
	}
	for (i = 0; i < out->n; i++)
		if (!last || out->v[i].end > last->end)
			last = &out->v[i];
	out->path = xcalloc(out->n + 1, sizeof(*out->path));
	while (last) {
		struct plan_entry *e = &out->v[last - out->v];

		e->critical = true;
		out->path[n++] = e->project;
		/* only a driver that leaves no slack is on the path: one that
		   lets the project start days before its plan delays nothing */
		last = e->driver && e->allowed >= e->start ?
		    &out->v[e->driver - o->projects] : NULL;
	}
	/* the path was collected from its end */
	for (i = 0; i < n / 2; i++) {
		const struct kk_project *t = out->path[i];

		out->path[i] = out->path[n - 1 - i];
		out->path[n - 1 - i] = t;
	}
	out->npath = n;
	return KK_OK;
}

void
plan_release(struct plan *p)
{
	if (!p)
		return;
	free(p->v);
	free(p->path);
	memset(p, 0, sizeof(*p));
}

const struct plan_entry *
plan_find(const struct plan *p, const char *id)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (!strcmp(p->v[i].project->id, id))
			return &p->v[i];
	return NULL;
}
