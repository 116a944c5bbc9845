/* cmd-copy.c: 'konkordat copy FROM TO', a whole database into another backend. */
#include "store.h"

static int
copy_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct store *from, *to;
	long ntables, nrows;
	char *msg;
	int rc;

	if (argc != 3)
		return cmd_usage_error(&cmd_copy, argc < 3 ?
		    "name the database to copy and the one to copy into" :
		    "unexpected argument '%s'", argv[3]);
	/* the source as every reader has it: one committed state */
	ctx->db = argv[1];
	from = cmd_store_readonly(ctx);
	if (!from)
		return KK_EXIT_REFUSED;
	if ((rc = store_open(argv[2], STORE_CREATE, &to, &msg))) {
		error("%s", msg);
		free(msg);
		return cmd_exit_status(rc);
	}
	if ((rc = cmd_begin(ctx, to))) {
		store_close(to);
		return cmd_exit_status(rc);
	}
	msg = NULL;
	rc = cmd_end(to, store_copy(from, to, &ntables, &nrows, &msg), &msg);
	if (rc) {
		error(_("%s; nothing was copied"), msg);
		free(msg);
		store_close(to);
		return cmd_exit_status(rc);
	}
	printf(_("copied %ld rows of %ld tables from '%s' to '%s'\n"), nrows,
	    ntables, store_location(from), store_location(to));
	store_close(to);
	return KK_EXIT_OK;
}

const struct cmd cmd_copy = {
	.name = "copy",
	.usage = "FROM TO",
	.summary = N_("copy a whole database into an empty one, SQLite or "
	    "PostgreSQL"),
	.help = N_("FROM and TO are databases as --db names them: a file for "
	    "SQLite, a\npostgresql:// URI for PostgreSQL. Every row goes: "
	    "the parties, the\nportfolio, the common strategy and its "
	    "decisions, the ArchiMate models,\nthe row versions and the "
	    "audit log. TO must be empty; a file that does\nnot exist is "
	    "created. Nothing is copied unless all of it is.\n"),
	.exec = copy_exec,
};
