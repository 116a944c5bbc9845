/* field-cost.c: the portfolio's budget per common field of action (pure computation). */
#include "store.h"

#include <string.h>

/*
 * Each budget line of a project is split in equal parts (to the Rappen,
 * largest remainder) among the distinct common fields that the goals it
 * serves lead to; a project whose goals lead to none is counted apart.
 */

const char *
common_field_of(const struct common_view *v, const char *ref)
{
	const char *slash = strchr(ref, '/');
	size_t i, len;

	if (!slash)
		return NULL;
	len = (size_t)(slash - ref);
	for (i = 0; i < v->nmaps; i++) {
		const struct store_mapping *m = &v->maps[i];
		const struct store_citem *ci;

		if (strlen(m->strategy) != len || strncmp(m->strategy, ref,
		    len) || strcmp(m->item, slash + 1) ||
		    !common_mapping_holds(m))
			continue;
		ci = common_citem(v, m->citem);
		if (ci && ci->kind == KK_GOAL)
			return ci->parent;
		return ci ? ci->id : NULL;
	}
	return NULL;
}

/* Into ROWS (the fields' indexes, each once) the rows project P's budget
   goes to; NFIELDS alone if its goals lead to no common field. */
static size_t
project_rows(const struct common_view *v, const struct field_costs *fc,
    const struct kk_project *p, size_t *rows)
{
	size_t j, k, r, nrows = 0;

	for (j = 0; j < p->serves.n; j++) {
		const char *fid = common_field_of(v, p->serves.v[j]);

		for (r = 0; fid && r < fc->nfields; r++)
			if (!strcmp(fc->fields[r], fid))
				break;
		if (!fid || r == fc->nfields)
			continue;
		for (k = 0; k < nrows && rows[k] != r; k++)
			;
		if (k == nrows)
			rows[nrows++] = r;
	}
	if (!nrows)
		rows[nrows++] = fc->nfields;
	return nrows;
}

void
field_costs_build(const struct kk_org *o, const struct common_view *v,
    struct field_costs *out)
{
	size_t *rows, i, j, k, nrows;
	kk_rappen *parts;
	int64_t *ones;

	memset(out, 0, sizeof(*out));
	portfolio_years(o, &out->first_year, &out->nyears);
	out->fields = xcalloc(v->nitems + 2, sizeof(*out->fields));
	for (i = 0; i < v->nitems; i++)
		if (v->items[i].kind == KK_FIELD)
			out->fields[out->nfields++] = v->items[i].id;
	out->cells = xcalloc((out->nfields + 1) * (size_t)out->nyears + 1,
	    sizeof(*out->cells));
	parts = xcalloc(out->nfields + 1, sizeof(*parts));
	ones = xcalloc(out->nfields + 1, sizeof(*ones));
	rows = xcalloc(out->nfields + 1, sizeof(*rows));
	for (i = 0; i < o->nprojects; i++) {
		const struct kk_project *p = &o->projects[i];

		nrows = project_rows(v, out, p, rows);
		for (j = 0; j < p->nbudget; j++) {
			for (k = 0; k < nrows; k++)
				ones[k] = 1;
			cost_split(p->budget[j].amount, ones, nrows, parts);
			for (k = 0; k < nrows; k++)
				out->cells[rows[k] * (size_t)out->nyears +
				    (size_t)(p->budget[j].year -
				    out->first_year)] += parts[k];
		}
	}
	free(rows);
	free(parts);
	free(ones);
}

void
field_costs_release(struct field_costs *fc)
{
	if (!fc)
		return;
	free(fc->fields);
	free(fc->cells);
	memset(fc, 0, sizeof(*fc));
}
