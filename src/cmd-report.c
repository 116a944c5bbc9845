/* cmd-report.c: 'konkordat report', the planning report for parliament as one HTML file. */
#include "store.h"

#include <errno.h>
#include <getopt.h>

/* Write R to PATH through a temporary file, so that a failed run leaves
   the previous report as it was. */
static int
write_file(const struct report *r, const char *path)
{
	char *tmp = xasprintf("%s.tmp", path);
	FILE *fp = fopen(tmp, "w");
	int rc;

	if (!fp) {
		error("cannot write '%s': %s", tmp, strerror(errno));
		free(tmp);
		return KK_EIO;
	}
	rc = report_html(r, fp);
	if (fclose(fp) || rc) {
		error("cannot write '%s': %s", tmp, strerror(errno));
		remove(tmp);
		free(tmp);
		return KK_EIO;
	}
	if (rename(tmp, path)) {
		error("cannot rename '%s' to '%s': %s", tmp, path,
		    strerror(errno));
		remove(tmp);
		free(tmp);
		return KK_EIO;
	}
	free(tmp);
	return KK_OK;
}

static int
report_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "lang", required_argument, NULL, 'l' },
		{ "org", required_argument, NULL, 'O' },
		{ "date", required_argument, NULL, 'd' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	struct report_opts ro = { NULL, "de", NULL };
	const char *out = NULL;
	struct store *st;
	struct report r;
	char *msg;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			if (!strcmp(optarg, "odt") || !strcmp(optarg, "pdf"))
				return cmd_usage_error(&cmd_report, "format "
				    "'%s' is not there yet; write html and "
				    "print it to PDF from a browser "
				    "(doc/report.md)", optarg);
			if (strcmp(optarg, "html"))
				return cmd_usage_error(&cmd_report, "unknown "
				    "format '%s' (html)", optarg);
			break;
		case 'l':
			if (!report_lang_valid(optarg))
				return cmd_usage_error(&cmd_report, "no report "
				    "in language '%s' (de, en)", optarg);
			ro.lang = optarg;
			break;
		case 'O':
			ro.org = optarg;
			break;
		case 'd':
			if (!kk_date_valid(optarg))
				return cmd_usage_error(&cmd_report, "'%s' is "
				    "not a date (YYYY-MM-DD)", optarg);
			ro.date = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		default:
			return cmd_usage_error(&cmd_report, "unknown option");
		}
	}
	if (optind < argc)
		return cmd_usage_error(&cmd_report, "unexpected argument '%s'",
		    argv[optind]);
	st = cmd_store_readonly(ctx);
	if (!st)
		return KK_EXIT_REFUSED;
	rc = report_load(&r, st, &ro, &msg);
	if (rc) {
		error("%s", msg);
		free(msg);
		report_release(&r);
		return rc == KK_EIO ? KK_EXIT_INTERNAL : KK_EXIT_REFUSED;
	}
	if (out && strcmp(out, "-"))
		rc = write_file(&r, out);
	else if ((rc = report_html(&r, stdout)) || fflush(stdout))
		error("cannot write the report: %s", strerror(errno));
	report_release(&r);
	return rc ? KK_EXIT_INTERNAL : KK_EXIT_OK;
}

const struct cmd cmd_report = {
	.name = "report",
	.usage = "[--format html] [--lang de|en] [-o FILE] [--org ID] "
	    "[--date YYYY-MM-DD]",
	.summary = "the planning report for parliament, as one HTML file",
	.help = "Writes the planning report (Planungsbericht) of the joint "
	    "organisation: the\nparties and their strategies, the common "
	    "strategy, the joint portfolio with\nits roadmap, the finances "
	    "per year and party under the cost keys, the\ninfrastructure "
	    "and its consolidation candidates, governance, and each\n"
	    "party's full strategy. One self-contained HTML file: styles and "
	    "charts\ninline, nothing fetched, printable (doc/report.md).\n"
	    "\nOptions:\n"
	    "  --format html   the only format so far (ODT and PDF are to "
	    "come)\n"
	    "  --lang LANG     de (default) or en\n"
	    "  -o FILE         write to FILE instead of standard output\n"
	    "  --org ID        the joint organisation, if there are several\n"
	    "  --date DATE     the report's date (\"as of\"), also the day "
	    "the phases\n"
	    "                  of the infrastructure are read on; without "
	    "it the report\n"
	    "                  has no date and reads them at the start of "
	    "the period\n",
	.exec = report_exec,
};
