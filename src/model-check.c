/* model-check.c: what must hold of a joint organisation, whatever its model came from. */
#include "konkordat.h"

#include <stdlib.h>
#include <string.h>

/*
 * A file, a form and a request of the API get the same errors: the YAML
 * reader calls these once it has built the model, and so does edit.c with
 * a stored model one record changed. Each fault is a diagnostic at the
 * place of the value at fault, where the model has one.
 */

/* Where the Ith id of IDS was written; AT, the record's place, for a
   model that was not read from a file. */
static const struct kk_loc *
id_loc(const struct kk_ids *ids, size_t i, const struct kk_loc *at)
{
	return ids->locs ? &ids->locs[i] : at;
}

static bool
has_component(const struct kk_org *o, const char *id)
{
	size_t i;

	for (i = 0; i < o->ncomponents; i++)
		if (!strcmp(o->components[i].id, id))
			return true;
	return false;
}

static bool
has_agreement(const struct kk_org *o, const char *id)
{
	size_t i;

	for (i = 0; i < o->nagreements; i++)
		if (!strcmp(o->agreements[i].id, id))
			return true;
	return false;
}

void
check_key(const struct kk_cost_key *k, struct kk_diags *d)
{
	int64_t sum = 0;
	size_t i;

	for (i = 0; i < k->nparts; i++)
		sum += k->parts[i].weight;
	if (k->method == KK_KEY_USAGE) {
		if (k->nparts && sum == 0)
			diags_add(d, &k->list_loc, "usage key '%s' counts no "
			    "units at all", k->id);
		return;
	}
	/* shares are given in percent and must make 100 % exactly */
	if ((k->method == KK_KEY_FIXED || k->method == KK_KEY_NESTED) &&
	    k->nparts && sum != 10000)
		diags_add(d, &k->list_loc, "the shares of cost key '%s' add up "
		    "to %lld.%02lld %%, not 100 %%", k->id,
		    (long long)(sum / 100), (long long)(sum % 100));
}

/*
 * Dependencies of the projects, checked for cycles by a depth
 * first walk from START: the first cycle met is reported, with the path
 * that closes it. The walk keeps its stack on the heap (the projects on
 * the path in PATH, in NEXT the dependency each takes up next), since a
 * file may chain as many projects as it likes.
 */
static bool
find_cycle(struct kk_diags *d, const struct kk_org *o, const struct kk_deps *g,
    size_t start, int *state, size_t *path, size_t *next)
{
	size_t depth = 0, j;

	state[start] = 1;
	path[0] = start;
	next[0] = 0;
	for (;;) {
		size_t at = path[depth], i = next[depth];
		const struct kk_project *p = &o->projects[at];
		long k;

		if (i == p->ndeps) {
			state[at] = 2;
			if (depth == 0)
				return false;
			depth--;
			continue;
		}
		next[depth]++;
		if ((k = g->at[g->first[at] + i]) < 0)
			continue;
		if (state[k] == 1) {
			struct buf b = BUF_INIT;

			/* the cycle is the path from k back to here */
			for (j = 0; j <= depth; j++)
				if (path[j] == (size_t)k)
					break;
			for (; j <= depth; j++)
				buf_addf(&b, "%s -> ", o->projects[path[j]].id);
			buf_adds(&b, o->projects[k].id);
			diags_add(d, &p->deps[i].loc, "dependency cycle: %s", b.s);
			buf_release(&b);
			return true;
		}
		if (state[k] == 0) {
			state[k] = 1;
			path[++depth] = (size_t)k;
			next[depth] = 0;
		}
	}
}

void
check_org(const struct kk_org *o, struct kk_diags *d)
{
	size_t i, j;
	int *state;
	size_t *path, *next;
	struct kk_deps g;

	kk_deps_init(&g, o);
	for (i = 0; i < o->nprojects; i++) {
		const struct kk_project *p = &o->projects[i];

		if (p->cost_key && !kk_org_key(o, p->cost_key))
			diags_add(d, &p->cost_key_loc, "project '%s' uses an "
			    "unknown cost key '%s'", p->id, p->cost_key);
		for (j = 0; j < p->ndeps; j++) {
			if (g.at[g.first[i] + j] < 0)
				diags_add(d, &p->deps[j].loc, "project '%s' "
				    "depends on an unknown project '%s'", p->id,
				    p->deps[j].project);
			else if (!strcmp(p->deps[j].project, p->id))
				diags_add(d, &p->deps[j].loc, "project '%s' "
				    "depends on itself", p->id);
		}
	}
	/* a nested key must name keys that exist; cycles are found when the
	   keys are resolved (cost.c) */
	for (i = 0; i < o->nkeys; i++)
		for (j = 0; j < o->keys[i].nparts; j++) {
			const struct kk_key_part *pt = &o->keys[i].parts[j];

			if (pt->key && !kk_org_key(o, pt->key))
				diags_add(d, &pt->ref_loc, "cost key '%s' names "
				    "an unknown key '%s'", o->keys[i].id,
				    pt->key);
		}
	for (i = 0; i < o->ndecisions; i++) {
		const struct kk_decision *dc = &o->decisions[i];
		bool found = false;

		for (j = 0; j < o->nbodies; j++)
			if (dc->body && !strcmp(o->bodies[j].id, dc->body))
				found = true;
		if (dc->body && !found)
			diags_add(d, &dc->body_loc, "decision '%s' names an "
			    "unknown body '%s'", dc->id, dc->body);
		for (j = 0; j < dc->links.n; j++) {
			const char *l = dc->links.v[j];
			bool ok = true;

			if (!strncmp(l, "project:", 8))
				ok = kk_org_project(o, l + 8) != NULL;
			else if (!strncmp(l, "component:", 10))
				ok = has_component(o, l + 10);
			else if (!strncmp(l, "agreement:", 10))
				ok = has_agreement(o, l + 10);
			if (!ok)
				diags_add(d, id_loc(&dc->links, j, &dc->loc),
				    "decision '%s' links to '%s', which this file "
				    "does not define", dc->id, l);
		}
	}
	for (i = 0; i < o->ncomponents; i++)
		for (j = 0; j < o->components[i].depends_on.n; j++) {
			const char *dep = o->components[i].depends_on.v[j];

			if (!has_component(o, dep))
				diags_add(d, id_loc(&o->components[i].depends_on, j,
				    &o->components[i].loc),
				    "component '%s' depends on an unknown "
				    "component '%s'", o->components[i].id, dep);
		}

	state = xcalloc(o->nprojects + 1, sizeof(*state));
	path = xcalloc(o->nprojects + 1, sizeof(*path));
	next = xcalloc(o->nprojects + 1, sizeof(*next));
	for (i = 0; i < o->nprojects; i++)
		if (state[i] == 0 && find_cycle(d, o, &g, i, state, path,
		    next))
			break;
	free(state);
	free(path);
	free(next);
	kk_deps_release(&g);
}

