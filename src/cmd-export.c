/* cmd-export.c: 'konkordat export', the database back out as files. */
#include "store.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int
write_doc(FILE *fp, const struct kk_doc *doc)
{
	return doc->type == KK_DOC_ORG ? yaml_write_org(fp, &doc->org) :
	    yaml_write_party(fp, doc);
}

static int
write_doc_cb(FILE *fp, void *doc)
{
	return write_doc(fp, doc);
}

/* Write DOC to DIR/ID.yaml whole or not at all (outfile.c). */
static int
write_file(const char *dir, const struct kk_doc *doc)
{
	size_t n = strlen(dir);
	/* "out/" as the user wrote it: one slash, not two */
	char *path = xasprintf("%s%s%s.yaml", dir, n && dir[n - 1] == '/' ?
	    "" : "/", doc->party.id);
	char *msg = NULL;
	int rc = outfile_write(path, write_doc_cb, (void *)doc, &msg);

	if (rc)
		error("%s", msg);
	else
		printf("%s\n", path);
	free(msg);
	free(path);
	return rc;
}

static int
export_yaml(struct cmd_ctx *ctx, const char *party, const char *dir)
{
	struct arena *a = arena_new();
	struct store *st = cmd_store(ctx, false);
	struct kk_party *parties;
	struct kk_doc doc;
	char *msg = NULL;
	size_t n, i;
	int rc = KK_EXIT_OK;

	if (!st) {
		rc = KK_EXIT_REFUSED;
		goto out;
	}
	if (dir && outfile_mkdir(dir, &msg)) {
		error("%s", msg);
		free(msg);
		rc = KK_EXIT_REFUSED;
		goto out;
	}
	if (party) {
		int r = store_load_doc(st, a, party, &doc);

		if (r == KK_ENOTFOUND || (!r && !doc.party.standalone)) {
			error(r ? "no party '%s'" : "'%s' has no file of its "
			    "own; it is a member of another party", party);
			rc = KK_EXIT_REFUSED;
		} else if (r) {
			error("%s", store_errmsg(st));
			rc = KK_EXIT_INTERNAL;
		} else if (dir ? write_file(dir, &doc) :
		    write_doc(stdout, &doc)) {
			rc = KK_EXIT_REFUSED;
		}
		goto out;
	}
	store_list_parties(st, a, &parties, &n);
	for (i = 0; i < n && !rc; i++) {
		if (!parties[i].standalone)
			continue;
		if (store_load_doc(st, a, parties[i].id, &doc))
			rc = KK_EXIT_INTERNAL;
		else if (write_file(dir, &doc))
			rc = KK_EXIT_REFUSED;
	}
out:
	arena_free(a);
	return rc;
}

/*
 * The whole model as one ArchiMate exchange file, to FILE (whole or not at
 * all, outfile.c) or standard output.
 */
static int
export_archimate(struct cmd_ctx *ctx, const char *file)
{
	struct store *st = cmd_store(ctx, false);
	struct outfile o;
	char *msg = NULL;
	int rc;

	if (!st)
		return KK_EXIT_REFUSED;
	if (outfile_open(&o, file ? file : "-", &msg)) {
		error("%s", msg);
		free(msg);
		return KK_EXIT_REFUSED;
	}
	rc = archimate_export(st, o.fp, &msg);
	if (rc) {
		/* a file that cannot be written is the user's to fix (exit
		   1); the rest is konkordat's (exit 3) */
		bool output = ferror(o.fp);

		if (output && file)
			error("cannot write '%s': %s", file, strerror(errno));
		else
			error("export failed: %s", msg ? msg : "cannot write");
		outfile_abort(&o);
		free(msg);
		return output ? KK_EXIT_REFUSED : KK_EXIT_INTERNAL;
	}
	free(msg);
	if (outfile_commit(&o, &msg)) {
		error("%s", msg);
		free(msg);
		return KK_EXIT_REFUSED;
	}
	return KK_EXIT_OK;
}

/* Archi's CSV triple into DIR. */
static int
export_csv(struct cmd_ctx *ctx, const char *dir)
{
	struct store *st = cmd_store(ctx, false);
	char *msg = NULL;
	int rc;

	if (!st)
		return KK_EXIT_REFUSED;
	if (outfile_mkdir(dir, &msg)) {
		error("%s", msg);
		free(msg);
		return KK_EXIT_REFUSED;
	}
	rc = archi_csv_export(st, dir, &msg);
	if (rc)
		error("export failed: %s", msg ? msg : "cannot write");
	free(msg);
	if (rc == KK_EINPUT)
		return KK_EXIT_REFUSED;
	return rc ? KK_EXIT_INTERNAL : KK_EXIT_OK;
}

static int
export_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "party", required_argument, NULL, 'p' },
		{ "output", required_argument, NULL, 'o' },
		{ "org", required_argument, NULL, 'O' },
		{ NULL, 0, NULL, 0 },
	};
	const char *party = NULL, *dir = NULL, *org = NULL;
	int opt;

	while ((opt = getopt_long(argc, argv, "p:o:", opts, NULL)) != -1) {
		switch (opt) {
		case 'p':
			party = optarg;
			break;
		case 'o':
			dir = optarg;
			break;
		case 'O':
			org = optarg;
			break;
		default:
			return cmd_usage_error(&cmd_export, "unknown option");
		}
	}
	if (optind >= argc)
		return cmd_usage_error(&cmd_export, "which format? (yaml, "
		    "archimate, csv, xlsx, ics)");
	if (kk_enum_parse(argv[optind], (const char *const[]){ "yaml",
	    "archimate", "csv", "xlsx", "ics" }, 5) < 0)
		return cmd_usage_error(&cmd_export, "unknown format '%s' "
		    "(yaml, archimate, csv, xlsx, ics)", argv[optind]);
	if (optind + 1 < argc)
		return cmd_usage_error(&cmd_export, "unexpected argument '%s'",
		    argv[optind + 1]);
	if (strcmp(argv[optind], "yaml") && party)
		return cmd_usage_error(&cmd_export, "--party is for yaml; "
		    "'%s' writes the whole model", argv[optind]);
	if (!strcmp(argv[optind], "xlsx")) {
		if (!dir)
			return cmd_usage_error(&cmd_export, "xlsx writes a "
			    "workbook: name it with -o FILE");
		return export_xlsx(ctx, dir, org);
	}
	if (!strcmp(argv[optind], "ics"))
		return export_ics(ctx, dir, org);
	if (!strcmp(argv[optind], "archimate"))
		return export_archimate(ctx, dir);
	if (!strcmp(argv[optind], "csv")) {
		if (!dir)
			return cmd_usage_error(&cmd_export, "csv writes three "
			    "files: name a folder with -o DIR");
		return export_csv(ctx, dir);
	}
	if (!party && !dir)
		return cmd_usage_error(&cmd_export, "exporting every party "
		    "writes several files: name a folder with -o DIR");
	return export_yaml(ctx, party, dir);
}

const struct cmd cmd_export = {
	.name = "export",
	.usage = "yaml [--party ID] [-o DIR] | archimate [-o FILE] | "
	    "csv -o DIR | xlsx -o FILE | ics [-o FILE]",
	.summary = N_("write parties and organisations back out as files"),
	.help = N_("Options:\n"
	    "  -p, --party ID   only this party (or organisation); to "
	    "standard output\n"
	    "                   unless -o is given\n"
	    "  -o, --output DIR write DIR/ID.yaml for each party with a file "
	    "of its own\n"
	    "\nThe files are written in one fixed layout: importing them and "
	    "exporting again\ngives the same bytes. Comments of the original "
	    "files are not kept.\n"
	    "\narchimate writes the whole model as one ArchiMate 3.1 exchange "
	    "file (to FILE\nwith -o, else to standard output), with a view "
	    "per strategy and one of the\njoint organisation; csv writes "
	    "Archi's elements.csv, relations.csv and\nproperties.csv into DIR. "
	    "Models imported from ArchiMate or CSV are written\nback with "
	    "them (doc/interop.md).\n"
	    "\nxlsx writes the joint portfolio as a workbook: the projects, "
	    "the budget per\nyear, each party's shares per year, the "
	    "infrastructure, the parties and\nevery item of their "
	    "strategies. ics writes the timetable, the projects'\n"
	    "milestones and the decisions as an iCalendar file. Both take "
	    "--org ID when\nthere are several joint organisations.\n"),
	.exec = export_exec,
};
