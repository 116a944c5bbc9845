/* cmd-init.c: 'konkordat init', a new database. */
#include "store.h"

static int
init_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct store *st;

	if (argc > 1)
		return cmd_usage_error(&cmd_init, "unexpected argument '%s'",
		    argv[1]);
	st = cmd_store(ctx, true);
	if (!st)
		return KK_EXIT_REFUSED;
	printf(_("database '%s' ready (schema version %d)\n"), store_location(st),
	    store_schema_version(st));
	return KK_EXIT_OK;
}

const struct cmd cmd_init = {
	.name = "init",
	.usage = "",
	.summary = N_("create the database, or bring its schema up to date"),
	.help = N_("The database is the file named by --db (default "
	    "./konkordat.db). Running init\non a database that exists "
	    "applies the schema migrations it lacks, and\nchanges nothing "
	    "else.\n"),
	.exec = init_exec,
};
