/* cmd-import.c: 'konkordat import', files into the database, all or nothing. */
#include "store.h"

#include <getopt.h>
#include <string.h>

/*
 * Each change as a line of CTX, a struct buf: the lines are printed once
 * the transaction has committed, since a commit that fails (disk full,
 * another program's lock) writes none of them.
 */
static void
note_change(void *ctx, int change, const char *entity)
{
	static const char *const verbs[] = { N_("added"), N_("changed"),
	    N_("removed") };
	size_t n = strcspn(entity, " ");
	char kind[32];

	/* "measure vlg-2012/m10": the kind of row in the user's language */
	if (n >= sizeof(kind))
		n = 0;
	memcpy(kind, entity, n);
	kind[n] = '\0';
	buf_addf(ctx, "%s %s%s\n", PADDED(_(verbs[change]), 8),
	    i18n_term(VOCAB_RECORD, kind), entity + n);
}

/*
 * An ArchiMate exchange file or Archi's CSV (fmt-archimate*.c,
 * fmt-archi-csv.c): one model, all or nothing. A model holds thousands of
 * rows: the summary counts them rather than listing each.
 */
static int
import_archimate(struct cmd_ctx *ctx, bool csv, char **files, int nfiles,
    const char *party)
{
	struct am_opts o = { party, csv, false };
	struct am_counts n;
	struct kk_diags d;
	struct store *st;
	int rc;

	if (!csv && nfiles != 1)
		return cmd_usage_error(&cmd_import, "an exchange file is "
		    "imported alone");
	if (!(st = cmd_store(ctx, true)))
		return KK_EXIT_REFUSED;
	if ((rc = cmd_begin(ctx, st)) != KK_OK)
		return cmd_exit_status(rc);
	diags_init(&d);
	rc = csv ? archi_csv_import(st, files, (size_t)nfiles, &o, &d, &n) :
	    archimate_import(st, files[0], NULL, 0, &o, &d, &n);
	rc = cmd_end(st, rc ? rc : d.nerrors ? KK_EINPUT : KK_OK, NULL);
	diags_sort(&d);
	cmd_print_diags(&d);
	if (d.nerrors) {
		fprintf(stderr, Q_("konkordat: %zu error; nothing imported\n",
		    "konkordat: %zu errors; nothing imported\n", d.nerrors),
		    d.nerrors);
		rc = rc == KK_EIO ? KK_EXIT_INTERNAL : KK_EXIT_REFUSED;
	} else if (rc) {
		error("import failed, nothing written: %s", store_errmsg(st));
		rc = KK_EXIT_INTERNAL;
	} else if (n.own) {
		printf(_("%s: konkordat's own export of this database, with "
		    "nothing it lacks\n"), csv ? "CSV" : files[0]);
		fputs(_("imported: nothing changed\n"), stdout);
	} else {
		printf(_("%s: %zu elements, %zu relationships, %zu property "
		    "definitions, %zu folders, %zu views; %zu items in strategy "
		    "'%s' of party '%s'\n"), csv ? "CSV" : files[0], n.elements,
		    n.relations, n.propdefs, n.folders, n.views, n.items,
		    n.strategy, n.party);
		if (n.added + n.changed + n.removed == 0)
			fputs(_("imported: nothing changed\n"), stdout);
		else
			printf(_("imported: %zu added, %zu changed, %zu "
			    "removed\n"), n.added, n.changed, n.removed);
	}
	diags_release(&d);
	return rc;
}

static int
import_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "quiet", no_argument, NULL, 'q' },
		{ "party", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	struct import im;
	struct buf changes = BUF_INIT;
	struct store *st = NULL;
	const char *party = NULL;
	bool quiet = false;
	int i, opt, rc = KK_EXIT_OK;

	while ((opt = getopt_long(argc, argv, "qp:", opts, NULL)) != -1) {
		if (opt == 'p')
			party = optarg;
		else if (opt == 'q')
			quiet = true;
		else
			return cmd_usage_error(&cmd_import, "unknown option");
	}
	if (optind < argc && (!strcmp(argv[optind], "archimate") ||
	    !strcmp(argv[optind], "csv"))) {
		bool csv = !strcmp(argv[optind], "csv");

		if (optind + 1 >= argc)
			return cmd_usage_error(&cmd_import, "no file to import");
		return import_archimate(ctx, csv, argv + optind + 1,
		    argc - optind - 1, party);
	}
	if (party)
		return cmd_usage_error(&cmd_import, "--party is for the "
		    "archimate and csv formats");
	if (optind < argc && !strcmp(argv[optind], "yaml"))
		optind++;	/* the default format, named explicitly */
	if (optind >= argc)
		return cmd_usage_error(&cmd_import, "no file to import");

	import_init(&im);
	for (i = optind; i < argc; i++)
		import_read(&im, argv[i]);
	if (im.diags.nerrors == 0) {
		if (!(st = cmd_store(ctx, true))) {
			rc = KK_EXIT_REFUSED;
			goto out;
		}
		/* checked and written in one transaction: what the check
		   read is what the write changes */
		if ((rc = cmd_begin(ctx, st)) != KK_OK) {
			rc = cmd_exit_status(rc);
			goto out;
		}
		import_check(&im, st);
	}
	diags_sort(&im.diags);
	if (im.diags.nerrors) {
		cmd_print_diags(&im.diags);
		fprintf(stderr, Q_("konkordat: %zu error; nothing imported\n",
		    "konkordat: %zu errors; nothing imported\n",
		    im.diags.nerrors), im.diags.nerrors);
		if (st)
			store_rollback(st);
		rc = KK_EXIT_REFUSED;
		goto out;
	}
	cmd_print_diags(&im.diags);	/* the warnings */
	if (cmd_end(st, import_write(&im, st, quiet ? NULL : note_change,
	    &changes), NULL)) {
		error("import failed, nothing written: %s", store_errmsg(st));
		rc = KK_EXIT_INTERNAL;
		goto out;
	}
	fwrite(changes.s, 1, changes.len, stdout);
	if (im.nadded + im.nchanged + im.nremoved == 0)
		printf(Q_("%zu file imported: nothing changed\n",
		    "%zu files imported: nothing changed\n", im.ndocs),
		    im.ndocs);
	else
		printf(Q_("%zu file imported: %zu added, %zu changed, %zu "
		    "removed\n", "%zu files imported: %zu added, %zu changed, "
		    "%zu removed\n", im.ndocs), im.ndocs, im.nadded,
		    im.nchanged, im.nremoved);
out:
	buf_release(&changes);
	import_release(&im);
	return rc;
}

const struct cmd cmd_import = {
	.name = "import",
	.usage = "[-q] [yaml] FILE... | archimate FILE [--party ID] | "
	    "csv DIR|FILE... [--party ID]",
	.summary = N_("check files, then write them all to the database, or "
	    "none"),
	.help = N_("Options:\n"
	    "  -q, --quiet   print only the summary, not each change\n"
	    "\nThe files are checked as 'konkordat check' does; with any "
	    "error, nothing is\nwritten. A file imported again updates in "
	    "place: what it no longer holds is\nremoved, and each change is "
	    "printed (added, changed, removed, by id) and\nkept in the audit "
	    "log. Importing an unchanged file changes nothing.\nThe database "
	    "is created if it does not exist.\n"
	    "\narchimate FILE reads an ArchiMate 3.1 exchange file; csv reads "
	    "Archi's CSV\n(a folder with elements.csv, relations.csv, "
	    "properties.csv, or the files).\nGoals, courses of action and "
	    "capabilities (fields), principles and work\npackages (measures) "
	    "become items of a strategy of the party given with\n"
	    "--party ID, or of a party made from the model's name; everything "
	    "else of\nthe model is kept for the export (doc/interop.md). "
	    "An exchange file\nimported again replaces the model of the same "
	    "identifier; CSV adds to it.\n"
	    "  -p, --party ID   the party whose strategy takes the items\n"),
	.exec = import_exec,
};
