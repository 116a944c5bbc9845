/* cmd-check.c: 'konkordat check', validation of files without writing. */
#include "store.h"

/*
 * Each file is checked on its own; if all are valid they are checked
 * together and against the database, when there is one. Nothing is written.
 */
static int
check_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct import im;
	struct store *st = NULL;
	int i, bad = 0, rc;

	if (argc < 2)
		return cmd_usage_error(&cmd_check, "no file to check");
	import_init(&im);
	for (i = 1; i < argc; i++)
		if (import_read(&im, argv[i]) != KK_OK)
			bad++;
	if (!bad) {
		if (store_may_exist(ctx->db) && !(st = cmd_store_readonly(ctx)))
			bad = -1;
		else if (import_check(&im, st) != KK_OK)
			bad++;
	}
	diags_sort(&im.diags);
	cmd_print_diags(&im.diags);
	if (bad > 0)
		fprintf(stderr, Q_("konkordat: %zu error\n",
		    "konkordat: %zu errors\n", im.diags.nerrors),
		    im.diags.nerrors);
	else if (bad == 0)
		printf(Q_("%d file ok\n", "%d files ok\n",
		    (unsigned long)(argc - 1)), argc - 1);
	rc = bad ? KK_EXIT_REFUSED : KK_EXIT_OK;
	import_release(&im);
	return rc;
}

const struct cmd cmd_check = {
	.name = "check",
	.usage = "FILE...",
	.summary = N_("check party and organisation files without writing"),
	.help = N_("Reports every error of every file as FILE:LINE:COLUMN: "
	    "message. When every file\nis valid on its own, they are checked "
	    "together, and against the database if\nthere is one (read only): "
	    "parties named but defined nowhere, a party defined\ntwice, a "
	    "strategy id taken. Exit status 1 if anything is wrong.\n"),
	.exec = check_exec,
};
