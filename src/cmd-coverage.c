/* cmd-coverage.c: 'konkordat coverage', which party addresses which common field (and goal), the gaps and the overlaps. */
#include "store.h"

#include <getopt.h>
#include <string.h>

/*
 * A party addresses a common field with its items mapped to it as
 * equivalent (a rejected mapping does not count): its own fields, and its
 * goals mapped to the common goals under that field. Its measures come
 * in through the goals they realise. A common field that only some
 * parties address is a gap; one where several parties have measures is an
 * overlap, a candidate for a joint project.
 */

static bool
counts(const struct store_mapping *m)
{
	return !strcmp(m->relation, "equivalent") &&
	    strcmp(m->decision, "rejected");
}

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

/* One row: the cells of each party into CELLS (NPARTIES, to be freed). */
static void
cover_row(const struct common_view *v, const struct store_citem *row,
    const char *const *parties, size_t nparties, char **cells,
    size_t *naddressed, struct buf *measured)
{
	size_t p, i, j, k, nmeasured = 0;

	*naddressed = 0;
	for (p = 0; p < nparties; p++) {
		struct buf items = BUF_INIT, measures = BUF_INIT;

		for (i = 0; i < v->nstrategies; i++) {
			const struct kk_strategy *s = &v->strategies[i];

			if (strcmp(s->party, parties[p]))
				continue;
			for (j = 0; j < v->nmaps; j++) {
				const struct store_mapping *m = &v->maps[j];

				if (!counts(m) || strcmp(m->strategy, s->id) ||
				    !in_row(v, row, m->citem))
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
		if (measures.len) {
			size_t nm = 0;

			for (k = 0; k < measures.len; k++)
				nm += measures.s[k] == ' ';
			/* a field row names the measures' number, a goal row
			   the measures */
			if (row->kind == KK_FIELD)
				buf_addf(&items, Q_(" (%zu measure)",
				    " (%zu measures)", nm), nm);
			else
				buf_addf(&items, " (%s)", measures.s + 1);
			buf_addf(measured, "%s%s", nmeasured++ ? ", " : "",
			    parties[p]);
		}
		if (items.len)
			++*naddressed;
		cells[p] = buf_detach(&items, NULL);
		buf_release(&measures);
	}
	if (nmeasured < 2)
		buf_reset(measured);
}

static int
coverage_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "org", required_argument, NULL, 'O' },
		{ "goals", no_argument, NULL, 'g' },
		{ "csv", no_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	enum table_format f = TABLE_TEXT;
	const char *org = NULL;
	const char **cols, **parties, **cells;
	bool goals = false;
	struct common_view v;
	struct table t;
	size_t i, j, p, nparties = 0, ncols, nfields = 0, ngaps = 0, nover = 0;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'O':
			org = optarg;
			break;
		case 'g':
			goals = true;
			break;
		case 'c':
			f = TABLE_CSV;
			break;
		case 'j':
			f = TABLE_JSON;
			break;
		default:
			return cmd_usage_error(&cmd_coverage, "unknown option");
		}
	}
	if (optind < argc)
		return cmd_usage_error(&cmd_coverage, "unexpected argument "
		    "'%s'", argv[optind]);
	if (cmd_common(ctx, org, &v))
		return KK_EXIT_REFUSED;
	/* the parties with a strategy, in the organisation's order */
	parties = xcalloc(v.orgp->members.n + 1, sizeof(*parties));
	for (i = 0; i < v.orgp->members.n; i++)
		for (j = 0; j < v.nstrategies; j++)
			if (!strcmp(v.strategies[j].party,
			    v.orgp->members.v[i])) {
				parties[nparties++] = v.orgp->members.v[i];
				break;
			}
	ncols = nparties + 4;
	cols = xcalloc(ncols, sizeof(*cols));
	/* the headings are the CSV and JSON keys; the text table shows
	   them in the user's language (table.c), but for the parties' ids */
	cols[0] = N_("COMMON");
	cols[1] = N_("LABEL");
	for (p = 0; p < nparties; p++)
		cols[2 + p] = parties[p];
	cols[2 + nparties] = N_("PARTIES");
	cols[3 + nparties] = N_("NOTE");
	table_init(&t, cols, ncols);
	for (p = 0; p < nparties; p++)
		table_head_verbatim(&t, 2 + p);
	table_align_right(&t, 2 + nparties);
	cells = xcalloc(ncols, sizeof(*cells));
	for (i = 0; i < v.nitems; i++) {
		const struct store_citem *field = &v.items[i];
		size_t k;

		if (field->kind != KK_FIELD)
			continue;
		for (k = 0; k <= v.nitems; k++) {
			const struct store_citem *row = k ? &v.items[k - 1] :
			    field;
			struct buf note = BUF_INIT, measured = BUF_INIT;
			char **pc, count[32], *label;
			size_t naddr;

			if (k && (!goals || row->kind != KK_GOAL ||
			    !row->parent || strcmp(row->parent, field->id)))
				continue;
			pc = xcalloc(nparties + 1, sizeof(*pc));
			cover_row(&v, row, parties, nparties, pc, &naddr,
			    &measured);
			if (naddr < nparties) {
				buf_adds(&note, _("gap: not"));
				for (p = 0; p < nparties; p++)
					if (!*pc[p])
						buf_addf(&note, " %s", parties[p]);
			}
			if (measured.len)
				buf_addf(&note, _("%soverlap: measures of %s"),
				    note.len ? "; " : "", measured.s);
			if (!k) {
				nfields++;
				ngaps += naddr < nparties;
				nover += measured.len > 0;
			}
			snprintf(count, sizeof(count), "%zu/%zu", naddr,
			    nparties);
			label = xasprintf("%s%s", k ? "  " : "",
			    common_citem_label(row));
			cells[0] = row->id;
			cells[1] = label;
			for (p = 0; p < nparties; p++)
				cells[2 + p] = *pc[p] ? pc[p] : "-";
			cells[2 + nparties] = count;
			cells[3 + nparties] = note.s;
			table_rowv(&t, cells);
			for (p = 0; p < nparties; p++)
				free(pc[p]);
			free(pc);
			free(label);
			buf_release(&note);
			buf_release(&measured);
		}
	}
	if (f == TABLE_TEXT)
		printf(_("%s (%s): %zu parties, items as STRATEGY item ids, "
		    "(measures)\n"), v.cs->id, i18n_term(VOCAB_STRATEGY_STATUS,
		    v.cs->adopted ? "adopted" : "draft"), nparties);
	rc = table_print(&t, f, stdout);
	if (f == TABLE_TEXT)
		printf(_("%zu common fields: %zu addressed by every party, %zu "
		    "with gaps, %zu with overlaps\n"), nfields, nfields - ngaps,
		    ngaps, nover);
	table_release(&t);
	free(cells);
	free(cols);
	free(parties);
	common_view_release(&v);
	return rc ? KK_EXIT_INTERNAL : KK_EXIT_OK;
}

const struct cmd cmd_coverage = {
	.name = "coverage",
	.usage = "[--org ID] [--goals] [--csv|--json]",
	.summary = N_("show which party addresses which common field and goal"),
	.help = N_("Options:\n"
	    "  --org ID       the joint organisation (default: the only one)\n"
	    "  --goals        a row for each common goal too, under its field\n"
	    "  --csv, --json  the same table for a spreadsheet or a script\n"
	    "\nOne row per common field of action of the current common "
	    "strategy, one\ncolumn per party: the party's fields and goals "
	    "mapped to it (as equivalent,\nnot rejected), and in brackets the "
	    "measures that realise those goals.\nNOTE names the gaps (parties "
	    "that do not address the field) and the\noverlaps (several parties "
	    "have measures on it: candidates for joint\nprojects).\n"),
	.exec = coverage_exec,
};
