/* cmd.c: the table of verbs, their help, and what every verb shares. */
#include "store.h"

#include <stdlib.h>
#include <string.h>

static const struct cmd *const cmds[] = {
	&cmd_init,
	&cmd_check,
	&cmd_import,
	&cmd_export,
	&cmd_list,
	&cmd_show,
	&cmd_summary,
	&cmd_cost,
	&cmd_project,
	&cmd_infra,
	&cmd_timeline,
	&cmd_align,
	&cmd_report,
	&cmd_review,
	&cmd_coverage,
	&cmd_log,
	&cmd_copy,
	&cmd_help,
};

const struct cmd *
cmd_find(const char *name)
{
	size_t i;

	for (i = 0; i < KK_ARRAY_SIZE(cmds); i++)
		if (!strcmp(cmds[i]->name, name))
			return cmds[i];
	return NULL;
}

/* C's usage: each line of c->usage is another way to call the verb. */
void
cmd_usage(const struct cmd *c, FILE *fp)
{
	const char *u = c->usage;
	int n = (int)strcspn(u, "\n");

	/* TRANSLATORS: the options and arguments after it stay as they are */
	fprintf(fp, _("usage: konkordat [--db PATH] [--actor NAME] %s%s%.*s\n"),
	    c->name, *u ? " " : "", n, u);
	while (u[n]) {
		u += n + 1;
		n = (int)strcspn(u, "\n");
		/* TRANSLATORS: under "usage:", aligned with its colon */
		fprintf(fp, _("   or: konkordat %s %.*s\n"), c->name, n, u);
	}
}

/* Complain about how a verb was called (FMT in English, translated
   here); returns the exit code for it. */
int
cmd_usage_error(const struct cmd *c, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	textguard_vformat(&b, fmt, _(fmt), ap);
	va_end(ap);
	fprintf(stderr, "konkordat: %s%s\n", _("error: "), b.s);
	buf_release(&b);
	cmd_usage(c, stderr);
	fprintf(stderr, _("Try 'konkordat %s --help'.\n"), c->name);
	return KK_EXIT_USAGE;
}

/* If ARGV asks for help (-h, --help), print it and return 1. */
int
cmd_help_requested(const struct cmd *c, int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			cmd_usage(c, stdout);
			printf("\n%s\n", _(c->summary));
			/* not _(""): that is the catalog's header */
			if (c->help[0])
				printf("\n%s", _(c->help));
			return 1;
		}
	}
	return 0;
}

/*
 * The verbs that write to the database. Every other verb opens it read
 * only, whatever it asks for: it changes nothing, not even the schema,
 * and cannot be a writer's victim or cause.
 */
static const struct cmd *const writers[] = {
	&cmd_init,
	&cmd_import,
	&cmd_align,
	&cmd_review,
};

static bool
verb_writes(const struct cmd *c)
{
	size_t i;

	for (i = 0; i < KK_ARRAY_SIZE(writers); i++)
		if (writers[i] == c)
			return true;
	return false;
}

/*
 * The store the verb works on, opened once; NULL (with the error printed)
 * when it cannot be opened. CREATE makes a new database where none is.
 * A reader's store is in one read transaction until it is closed, so that
 * all the verb shows is one committed state.
 */
static struct store *
open_store(struct cmd_ctx *ctx, enum store_open_mode mode)
{
	char *msg;
	int rc;

	if (ctx->store)
		return ctx->store;
	if (ctx->verb && !verb_writes(ctx->verb))
		mode = STORE_READONLY;
	if ((rc = store_open(ctx->db, mode, &ctx->store, &msg))) {
		if (rc == KK_EBUSY || rc == KK_EDISK || rc == KK_EDAMAGED)
			ctx->store_fault = rc;
		error("%s", msg);
		free(msg);
		return NULL;
	}
	if (mode == STORE_READONLY && store_begin_read(ctx->store)) {
		error("%s", store_errmsg(ctx->store));
		store_close(ctx->store);
		ctx->store = NULL;
	}
	return ctx->store;
}

/*
 * The verb's write transaction on ST, under the actor of --actor; the
 * failure is printed. cmd_end() commits it when RC is KK_OK and rolls it
 * back otherwise; a failed commit sets *MSG (when it is not set yet) and
 * is returned.
 */
int
cmd_begin(struct cmd_ctx *ctx, struct store *st)
{
	struct store_actor who = { ctx->actor, NULL, NULL };
	int rc = store_begin(st, &who);

	if (rc)
		error("%s", store_errmsg(st));
	return rc;
}

int
cmd_end(struct store *st, int rc, char **msg)
{
	if (rc) {
		store_rollback(st);
		return rc;
	}
	if ((rc = store_commit(st)) != KK_OK && msg && !*msg)
		*msg = xstrdup(store_errmsg(st));
	return rc;
}

struct store *
cmd_store(struct cmd_ctx *ctx, bool create)
{
	return open_store(ctx, create ? STORE_CREATE : STORE_EXISTING);
}

/* The store for a verb, or a part of one (review list), that only reads;
   it changes nothing, not even the schema. */
struct store *
cmd_store_readonly(struct cmd_ctx *ctx)
{
	return open_store(ctx, STORE_READONLY);
}

/* The exit status of every verb for a failure of KK_E* code CODE, from
   the core's one table (errcode.c). */
int
cmd_exit_status(int code)
{
	return kk_code_status(code)->exit_status;
}

/*
 * What the user runs to bring the data into the state that a KK_ENEED_*
 * CODE asks for, to follow the core's message; "" for other codes. The
 * core names no verb or option: a page would link where this names one.
 */
const char *
cmd_hint(int code)
{
	switch (code) {
	case KK_ENEED_ORG:
		return _("; say which with --org ID");
	case KK_ENEED_ALIGN:
		return _("; run 'konkordat align' first");
	case KK_ENEED_DRAFT:
		return _("; run 'konkordat align' to make a new draft from it");
	case KK_ENEED_ITEM:
		return _(" (see 'konkordat review list')");
	case KK_ENEED_CHECK:
		return _("; run 'konkordat check' on the organisation file");
	case KK_ENEED_PARTY:
		/* after "... whose strategy is the common one" */
		return _(" that 'konkordat align' makes: name a party with "
		    "--party");
	case KK_ENEED_SAME_PARTY:
		return _("; import it again without --party, or for that "
		    "party");
	case KK_ENEED_TEXT:
		return _(": export it as CSV for 'konkordat import csv' or "
		    "write YAML, see doc/formats.md");
	case KK_ENEED_DB:
		return _(": name a database with --db, not as a file to read");
	}
	return "";
}

/* D on standard error, each diagnostic with the hint for its need. */
void
cmd_print_diags(const struct kk_diags *d)
{
	diags_print_hinted(d, stderr, cmd_hint);
}

/* The core's MSG (NULL: none came) for a failure of CODE, printed as an
   error with the hint for it. */
void
cmd_refused(int code, const char *msg)
{
	error("%s%s", msg ? msg : _("internal error"), cmd_hint(code));
}

/*
 * The exit status of a verb that returned RC: a locked database, a failing
 * disk or a damaged file ends every verb with its own status, whatever the
 * verb made of the error. A verb that went on after a read failed (what it
 * printed is then incomplete) fails here, with the store's message.
 */
int
cmd_finish(struct cmd_ctx *ctx, int rc)
{
	int fault = store_fault(ctx->store);

	if (fault && rc == KK_EXIT_OK)
		error("%s", store_errmsg(ctx->store));
	if (fault)
		return cmd_exit_status(fault);
	if (rc != KK_EXIT_OK && ctx->store_fault)
		return cmd_exit_status(ctx->store_fault);
	return rc;
}

/*
 * The joint organisation ORG (NULL: the only one) with its portfolio, for a
 * verb that reads it. Returns 0, or -1 with the error printed; PF is to be
 * released with portfolio_release() only on success.
 */
int
cmd_portfolio(struct cmd_ctx *ctx, const char *org, struct portfolio *pf)
{
	struct store *st = cmd_store(ctx, false);
	char *msg;
	int rc;

	if (!st)
		return -1;
	if ((rc = portfolio_load(pf, st, org, &msg))) {
		cmd_refused(rc, msg);
		free(msg);
		portfolio_release(pf);
		return -1;
	}
	return 0;
}

/*
 * The current common strategy of ORG (NULL: the only organisation), read
 * only, for a verb that shows it. Returns 0 with V loaded, or -1 with the
 * error printed and V released; a 0 return is released by the caller with
 * common_view_release().
 */
int
cmd_common(struct cmd_ctx *ctx, const char *org, struct common_view *v)
{
	struct store *st = cmd_store_readonly(ctx);
	char *msg = NULL;
	int rc;

	if (!st) {
		memset(v, 0, sizeof(*v));
		return -1;
	}
	if ((rc = common_load(st, org, v, &msg))) {
		cmd_refused(rc, msg);
		free(msg);
		common_view_release(v);
		return -1;
	}
	if (!v->cs) {
		msg = common_none_msg(v);
		cmd_refused(KK_ENEED_ALIGN, msg);
		free(msg);
		common_view_release(v);
		return -1;
	}
	return 0;
}

void
cmd_print_help(FILE *fp)
{
	size_t i;

	fputs(_("usage: konkordat [--db PATH] [--actor NAME] VERB "
	    "[ARGS...]\n\n"
	    "konkordat fuses the IT strategies of several public bodies into "
	    "one\nand steers what they decided together.\n\nVerbs:\n"), fp);
	for (i = 0; i < KK_ARRAY_SIZE(cmds); i++)
		fprintf(fp, "  %-8s %s\n", cmds[i]->name, _(cmds[i]->summary));
	fputs(_("\nOptions:\n"
	    "  --db PATH     the database (default ./konkordat.db, or "
	    "$KONKORDAT_DB)\n"
	    "  --actor NAME  who the audit log names for changes (default "
	    "cli:$USER)\n"
	    "  --version     print the version and exit\n"
	    "  -h, --help    this help; 'konkordat VERB --help' for a verb\n"
	    "\nExit status: 0 ok, 1 bad input or refused, 2 usage, 3 internal "
	    "error,\n4 the database is locked by another program, 5 disk full "
	    "or I/O error.\n"), fp);
}

static int
help_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct cmd *c;

	if (argc < 2) {
		cmd_print_help(stdout);
		return KK_EXIT_OK;
	}
	c = cmd_find(argv[1]);
	if (!c)
		return cmd_usage_error(&cmd_help, "unknown verb '%s'", argv[1]);
	{
		char *args[] = { argv[1], (char *)"--help", NULL };

		cmd_help_requested(c, 2, args);
	}
	return KK_EXIT_OK;
}

const struct cmd cmd_help = {
	.name = "help",
	.usage = "[VERB]",
	.summary = N_("show the verbs, or what one verb does"),
	.help = "",
	.exec = help_exec,
};
