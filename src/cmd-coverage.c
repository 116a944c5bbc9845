/* cmd-coverage.c: 'konkordat coverage', which party addresses which common field (and goal), the gaps and the overlaps. */
#include "store.h"

#include <getopt.h>
#include <string.h>

/* The cell of party P in ROW: its items, and in brackets the measures (a
   field row names their number, a goal row the measures). */
static char *
cell(const struct coverage_row *row, size_t p)
{
	struct buf b = BUF_INIT;
	const char *m = row->measures[p];

	buf_adds(&b, row->items[p]);
	if (*m && row->ci->kind == KK_FIELD) {
		size_t nm = 1;

		for (; *m; m++)
			nm += *m == ' ';
		buf_addf(&b, Q_(" (%zu measure)", " (%zu measures)", nm), nm);
	} else if (*m)
		buf_addf(&b, " (%s)", m);
	return buf_detach(&b, NULL);
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
	const char **cols, **cells;
	bool goals = false;
	struct common_view v;
	struct coverage c;
	struct table t;
	size_t i, p, ncols;
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
	coverage_build(&v, goals, &c);
	ncols = c.nparties + 4;
	cols = xcalloc(ncols, sizeof(*cols));
	/* the headings are the CSV and JSON keys; the text table shows
	   them in the user's language (table.c), but for the parties' ids */
	cols[0] = N_("COMMON");
	cols[1] = N_("LABEL");
	for (p = 0; p < c.nparties; p++)
		cols[2 + p] = c.parties[p];
	cols[2 + c.nparties] = N_("PARTIES");
	cols[3 + c.nparties] = N_("NOTE");
	table_init(&t, cols, ncols);
	for (p = 0; p < c.nparties; p++)
		table_head_verbatim(&t, 2 + p);
	table_align_right(&t, 2 + c.nparties);
	cells = xcalloc(ncols, sizeof(*cells));
	for (i = 0; i < c.nrows; i++) {
		const struct coverage_row *row = &c.rows[i];
		bool goal = row->ci->kind != KK_FIELD;
		struct buf note = BUF_INIT;
		char **pc, count[32], *label;

		pc = xcalloc(c.nparties + 1, sizeof(*pc));
		for (p = 0; p < c.nparties; p++)
			pc[p] = cell(row, p);
		if (row->naddressed < c.nparties) {
			buf_adds(&note, _("gap: not"));
			for (p = 0; p < c.nparties; p++)
				if (!*pc[p])
					buf_addf(&note, " %s", c.parties[p]);
		}
		if (row->nmeasured >= 2) {
			struct buf measured = BUF_INIT;

			for (p = 0; p < c.nparties; p++)
				if (*row->measures[p])
					buf_addf(&measured, "%s%s", measured.len
					    ? ", " : "", c.parties[p]);
			buf_addf(&note, _("%soverlap: measures of %s"),
			    note.len ? "; " : "", measured.s);
			buf_release(&measured);
		}
		snprintf(count, sizeof(count), "%zu/%zu", row->naddressed,
		    c.nparties);
		label = xasprintf("%s%s", goal ? "  " : "",
		    common_citem_label(row->ci));
		cells[0] = row->ci->id;
		cells[1] = label;
		for (p = 0; p < c.nparties; p++)
			cells[2 + p] = *pc[p] ? pc[p] : "-";
		cells[2 + c.nparties] = count;
		cells[3 + c.nparties] = note.s;
		table_rowv(&t, cells);
		for (p = 0; p < c.nparties; p++)
			free(pc[p]);
		free(pc);
		free(label);
		buf_release(&note);
	}
	if (f == TABLE_TEXT)
		printf(_("%s (%s): %zu parties, items as STRATEGY item ids, "
		    "(measures)\n"), v.cs->id, i18n_term(VOCAB_STRATEGY_STATUS,
		    v.cs->adopted ? "adopted" : "draft"), c.nparties);
	rc = table_print(&t, f, stdout);
	if (f == TABLE_TEXT)
		printf(_("%zu common fields: %zu addressed by every party, %zu "
		    "with gaps, %zu with overlaps\n"), c.nfields,
		    c.nfields - c.ngaps, c.ngaps, c.noverlaps);
	table_release(&t);
	free(cells);
	free(cols);
	coverage_release(&c);
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
