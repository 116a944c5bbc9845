/* timeline.c: what of a joint organisation is done, late, due or later on a day (pure computation). */
#include "konkordat.h"

#include <string.h>

static const char *const state_names[] = {
	[TIMELINE_DONE] = N_("done"), [TIMELINE_LATE] = N_("late"),
	[TIMELINE_DUE] = N_("due"), [TIMELINE_LATER] = N_("later"),
};

const char *
timeline_state_name(enum timeline_state s)
{
	return state_names[s];
}

static void
add(struct timeline *e, const char *date, const char *kind, char *id,
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
	const struct timeline_event *a = pa, *b = pb;
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
collect(const struct kk_org *o, const char *today, struct timeline *e)
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

void
timeline_build(const struct kk_org *o, const char *today, long days,
    struct timeline *out)
{
	char horizon[11];
	size_t i;

	memset(out, 0, sizeof(*out));
	kk_days_date(kk_date_days(today) + days, horizon);
	collect(o, today, out);
	for (i = 0; i < out->n; i++) {
		struct timeline_event *e = &out->v[i];

		if (e->done)
			e->state = TIMELINE_DONE;
		else if (strcmp(e->date, today) < 0)
			e->state = TIMELINE_LATE;
		else if (strcmp(e->date, horizon) <= 0)
			e->state = TIMELINE_DUE;
		else
			e->state = TIMELINE_LATER;
		out->nlate += e->state == TIMELINE_LATE;
		out->ndue += e->state == TIMELINE_DUE;
	}
}

void
timeline_release(struct timeline *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->n; i++)
		free(t->v[i].id);
	free(t->v);
	memset(t, 0, sizeof(*t));
}
