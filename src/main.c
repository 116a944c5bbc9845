/* main.c: konkordat's entry point: global options, then the verb. */
#include "store.h"

#include <getopt.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *
default_actor(void)
{
	static char actor[128];
	const char *user = getenv("USER");
	struct passwd *pw;

	if (!user || !*user) {
		pw = getpwuid(getuid());
		user = pw ? pw->pw_name : "unknown";
	}
	snprintf(actor, sizeof(actor), "cli:%s", user);
	return actor;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "actor", required_argument, NULL, 'a' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cmd_ctx ctx = { 0 };
	const struct cmd *c;
	int opt, rc;

	/* A reader that goes away (konkordat import ... | head) must not
	   kill a verb in the middle of its transaction: a write to the
	   closed pipe fails instead, and is reported below, after the
	   verb has committed or rolled back on its own terms. */
	signal(SIGPIPE, SIG_IGN);
	i18n_init();
	ctx.db = getenv("KONKORDAT_DB");
	if (!ctx.db || !*ctx.db)
		ctx.db = "konkordat.db";
	ctx.actor = getenv("KONKORDAT_ACTOR");
	if (!ctx.actor || !*ctx.actor)
		ctx.actor = default_actor();

	/* '+': stop at the verb, whose options are its own */
	while ((opt = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (opt) {
		case 'd':
			ctx.db = optarg;
			break;
		case 'a':
			ctx.actor = optarg;
			break;
		case 'V':
			printf("konkordat %s\n", KK_VERSION);
			return KK_EXIT_OK;
		case 'h':
			cmd_print_help(stdout);
			return KK_EXIT_OK;
		default:
			cmd_print_help(stderr);
			return KK_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		cmd_print_help(stderr);
		return KK_EXIT_USAGE;
	}
	c = cmd_find(argv[optind]);
	if (!c) {
		error("unknown verb '%s'; see 'konkordat help'", argv[optind]);
		return KK_EXIT_USAGE;
	}
	argc -= optind;
	argv += optind;
	if (cmd_help_requested(c, argc, argv))
		return KK_EXIT_OK;
	optind = 0;	/* glibc: start afresh for the verb's options */
	ctx.verb = c;
	rc = c->exec(&ctx, argc, argv);
	/* a locked database or a failing disk ends every verb with its own
	   status, whatever the verb made of the error */
	if (rc != KK_EXIT_OK && store_fault(ctx.store))
		rc = cmd_exit_status(store_fault(ctx.store));
	else if (rc != KK_EXIT_OK && ctx.store_fault)
		rc = cmd_exit_status(ctx.store_fault);
	store_close(ctx.store);
	if (fflush(stdout) || ferror(stdout)) {
		error("cannot write the output");
		return KK_EXIT_INTERNAL;
	}
	return rc;
}
