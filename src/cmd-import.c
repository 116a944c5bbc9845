/* cmd-import.c: 'konkordat import', files into the database, all or nothing. */
#include "store.h"

#include <getopt.h>
#include <string.h>

static void
print_change(void *ctx, int change, const char *entity)
{
	static const char *const verbs[] = { "added", "changed", "removed" };

	printf("%-8s %s\n", verbs[change], entity);
}

static int
import_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	struct import im;
	struct store *st = NULL;
	bool quiet = false;
	int i, opt, rc = KK_EXIT_OK;

	while ((opt = getopt_long(argc, argv, "q", opts, NULL)) != -1) {
		if (opt != 'q')
			return cmd_usage_error(&cmd_import, "unknown option");
		quiet = true;
	}
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
		import_check(&im, st);
	}
	diags_sort(&im.diags);
	if (im.diags.nerrors) {
		diags_print(&im.diags, stderr);
		fprintf(stderr, "konkordat: %zu error%s; nothing imported\n",
		    im.diags.nerrors, im.diags.nerrors == 1 ? "" : "s");
		rc = KK_EXIT_REFUSED;
		goto out;
	}
	diags_print(&im.diags, stderr);	/* the warnings */
	if (import_write(&im, st, quiet ? NULL : print_change, NULL)) {
		error("import failed, nothing written: %s", store_errmsg(st));
		rc = KK_EXIT_INTERNAL;
		goto out;
	}
	if (im.nadded + im.nchanged + im.nremoved == 0)
		printf("%zu file%s imported: nothing changed\n", im.ndocs,
		    im.ndocs == 1 ? "" : "s");
	else
		printf("%zu file%s imported: %zu added, %zu changed, "
		    "%zu removed\n", im.ndocs, im.ndocs == 1 ? "" : "s",
		    im.nadded, im.nchanged, im.nremoved);
out:
	import_release(&im);
	return rc;
}

const struct cmd cmd_import = {
	.name = "import",
	.usage = "[-q] [yaml] FILE...",
	.summary = "check files, then write them all to the database, or none",
	.help = "Options:\n"
	    "  -q, --quiet   print only the summary, not each change\n"
	    "\nThe files are checked as 'konkordat check' does; with any "
	    "error, nothing is\nwritten. A file imported again updates in "
	    "place: what it no longer holds is\nremoved, and each change is "
	    "printed (added, changed, removed, by id) and\nkept in the audit "
	    "log. Importing an unchanged file changes nothing.\nThe database "
	    "is created if it does not exist.\n",
	.exec = import_exec,
};
