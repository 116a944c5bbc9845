/* coverage.c: which party addresses which common field and goal, the gaps and the overlaps (pure computation). */
#include "store.h"

#include <string.h>

/*
 * A party addresses a common field with its items that hold to it
 * (common_mapping_holds(): equivalent, not rejected): its own fields, and
 * its goals mapped to the common goals under that field. Its measures come
 * in through the goals they realise. A common field that only some
 * parties address has a gap; one where several parties have measures is
 * an overlap, a candidate for a joint project.
 */

/* Whether common item ID is ROW, or (for a field row) a goal under it. */
static bool
in_row(const struct common_view *v, const struct store_citem *row,
    const char *id)
{
	const struct store_citem *ci;

	if (!strcmp(row->id, id))
		return true;
	if (row->kind != KK_FIELD)
		return false;
	ci = common_citem(v, id);
	return ci && ci->parent && !strcmp(ci->parent, row->id);
}

/* Whether the list " a b c" in S holds WORD. */
static bool
has_word(const char *s, const char *word)
{
	size_t n = strlen(word);

	for (; (s = strstr(s, word)); s += n)
		if (s[-1] == ' ' && (s[n] == ' ' || !s[n]))
			return true;
	return false;
}

/* ROW's cells for each party of C, and how many address it, measure it. */
static void
cover_row(const struct common_view *v, const struct coverage *c,
    struct coverage_row *row)
{
	size_t p, i, j, k;

	row->items = xcalloc(c->nparties + 1, sizeof(*row->items));
	row->measures = xcalloc(c->nparties + 1, sizeof(*row->measures));
	for (p = 0; p < c->nparties; p++) {
		/* measures keep a leading space so that has_word() sees
		   each id after one */
		struct buf items = BUF_INIT, measures = BUF_INIT;

		for (i = 0; i < v->nstrategies; i++) {
			const struct kk_strategy *s = &v->strategies[i];

			if (strcmp(s->party, c->parties[p]))
				continue;
			for (j = 0; j < v->nmaps; j++) {
				const struct store_mapping *m = &v->maps[j];

				if (!common_mapping_holds(m) ||
				    strcmp(m->strategy, s->id) ||
				    !in_row(v, row->ci, m->citem))
					continue;
				buf_addf(&items, "%s%s", items.len ? " " : "",
				    m->item);
				/* the measures that realise this goal */
				for (k = 0; k < s->nitems; k++) {
					const struct kk_item *it = &s->items[k];

					if (it->kind == KK_MEASURE &&
					    kk_ids_contain(&it->goals, m->item) &&
					    !has_word(measures.s, it->id))
						buf_addf(&measures, " %s",
						    it->id);
				}
			}
		}
		row->naddressed += items.len > 0;
		row->nmeasured += measures.len > 0;
		row->items[p] = buf_detach(&items, NULL);
		row->measures[p] = xstrdup(measures.s + (measures.len > 0));
		buf_release(&measures);
	}
}

static void
add_row(const struct common_view *v, struct coverage *c, size_t *cap,
    const struct store_citem *ci)
{
	if (c->nrows == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		c->rows = xrealloc(c->rows, *cap * sizeof(*c->rows));
	}
	memset(&c->rows[c->nrows], 0, sizeof(c->rows[c->nrows]));
	c->rows[c->nrows].ci = ci;
	cover_row(v, c, &c->rows[c->nrows++]);
}

void
coverage_build(const struct common_view *v, bool goals, struct coverage *out)
{
	size_t i, j, cap = 0;

	memset(out, 0, sizeof(*out));
	/* the parties with a strategy, in the organisation's order */
	out->parties = xcalloc(v->orgp->members.n + 1, sizeof(*out->parties));
	for (i = 0; i < v->orgp->members.n; i++)
		for (j = 0; j < v->nstrategies; j++)
			if (!strcmp(v->strategies[j].party,
			    v->orgp->members.v[i])) {
				out->parties[out->nparties++] =
				    v->orgp->members.v[i];
				break;
			}
	for (i = 0; i < v->nitems; i++) {
		const struct store_citem *field = &v->items[i];
		struct coverage_row *r;

		if (field->kind != KK_FIELD)
			continue;
		add_row(v, out, &cap, field);
		r = &out->rows[out->nrows - 1];
		out->nfields++;
		out->ngaps += r->naddressed < out->nparties;
		out->noverlaps += r->nmeasured >= 2;
		if (!goals)
			continue;
		for (j = 0; j < v->nitems; j++) {
			const struct store_citem *g = &v->items[j];

			if (g->kind == KK_GOAL && g->parent &&
			    !strcmp(g->parent, field->id))
				add_row(v, out, &cap, g);
		}
	}
}

void
coverage_release(struct coverage *c)
{
	size_t i, p;

	if (!c)
		return;
	for (i = 0; i < c->nrows; i++) {
		for (p = 0; p < c->nparties; p++) {
			free(c->rows[i].items[p]);
			free(c->rows[i].measures[p]);
		}
		free(c->rows[i].items);
		free(c->rows[i].measures);
	}
	free(c->rows);
	free(c->parties);
	memset(c, 0, sizeof(*c));
}
