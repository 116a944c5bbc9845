/* cmd-report.c: 'konkordat report', the planning report for parliament as HTML, ODT or PDF. */
#include "store.h"

#include <errno.h>
#include <getopt.h>
#include <unistd.h>

enum format { FORMAT_HTML, FORMAT_ODT, FORMAT_PDF };

static const char *const format_names[] = { "html", "odt", "pdf" };

/* Write R to FP in format F; *ERRMSG (the caller frees) says why not. */
static int
write_report(const struct report *r, enum format f, FILE *fp, char **errmsg)
{
	int rc;

	*errmsg = NULL;
	switch (f) {
	case FORMAT_ODT:
		return report_odt(r, fp, errmsg);
	case FORMAT_PDF:
		return report_pdf(r, fp, errmsg);
	case FORMAT_HTML:
		break;
	}
	rc = report_html(r, fp);
	if (rc)
		*errmsg = xasprintf(_("cannot write the report: %s"),
		    strerror(errno));
	return rc;
}

/* Write R to PATH ("-": standard output) whole or not at all
   (outfile.c). KK_EINPUT when the file cannot be written. */
static int
write_output(const struct report *r, enum format f, const char *path)
{
	struct outfile o;
	char *msg = NULL;
	int rc = outfile_open(&o, path, &msg);

	if (!rc) {
		rc = write_report(r, f, o.fp, &msg);
		/* the output failed, not the report: the user's to fix */
		if (rc && ferror(o.fp)) {
			free(msg);
			msg = xasprintf(_("cannot write '%s': %s"), path,
			    strerror(errno));
			rc = KK_EINPUT;
		}
		if (rc)
			outfile_abort(&o);
		else
			rc = outfile_commit(&o, &msg);
	}
	if (rc)
		error("%s", msg);
	free(msg);
	return rc;
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
	enum format f = FORMAT_HTML;
	const char *out = NULL;
	struct store *st;
	struct report r;
	char *msg;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			rc = kk_enum_parse(optarg, format_names,
			    KK_ARRAY_SIZE(format_names));
			if (rc < 0)
				return cmd_usage_error(&cmd_report, "unknown "
				    "format '%s' (html, odt, pdf)", optarg);
			f = (enum format)rc;
			break;
		case 'l':
			if (!report_lang_valid(optarg))
				return cmd_usage_error(&cmd_report, "no report "
				    "in language '%s' (de, en, fr, it)",
				    optarg);
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
	if (f != FORMAT_HTML && !out && isatty(STDOUT_FILENO))
		return cmd_usage_error(&cmd_report, "%s is not for a "
		    "terminal; say where it goes with -o FILE (or -o - for "
		    "standard output)", format_names[f]);
	st = cmd_store_readonly(ctx);
	if (!st)
		return KK_EXIT_REFUSED;
	rc = report_load(&r, st, &ro, &msg);
	if (rc) {
		cmd_refused(rc, msg);
		free(msg);
		report_release(&r);
		return rc == KK_EIO ? KK_EXIT_INTERNAL : KK_EXIT_REFUSED;
	}
	rc = write_output(&r, f, out ? out : "-");
	report_release(&r);
	if (rc == KK_EINPUT)
		return KK_EXIT_REFUSED;
	return rc ? KK_EXIT_INTERNAL : KK_EXIT_OK;
}

const struct cmd cmd_report = {
	.name = "report",
	.usage = "[--format html|odt|pdf] [--lang de|en|fr|it] [-o FILE] "
	    "[--org ID] [--date YYYY-MM-DD]",
	.summary = N_("the planning report for parliament, as HTML, ODT or "
	    "PDF"),
	.help = N_("Writes the planning report (Planungsbericht) of the joint "
	    "organisation: the\nparties and their strategies, the common "
	    "strategy, the joint portfolio with\nits roadmap, the finances "
	    "per year and party under the cost keys, the\ninfrastructure "
	    "and its consolidation candidates, governance, and each\n"
	    "party's full strategy (doc/report.md).\n"
	    "\nOptions:\n"
	    "  --format FORMAT html (default): one self-contained file, "
	    "styles and charts\n"
	    "                  inline, nothing fetched, printable;\n"
	    "                  odt: an OpenDocument text for LibreOffice "
	    "and Word, with\n"
	    "                  headings, contents, numbered tables and "
	    "figures;\n"
	    "                  pdf: the HTML printed by headless Chromium "
	    "(the program\n"
	    "                  chromium, or $KONKORDAT_CHROMIUM, must be "
	    "installed)\n"
	    "  --lang LANG     de (default), en, fr or it, whatever the "
	    "locale\n"
	    "  -o FILE         write to FILE instead of standard output "
	    "(odt and pdf\n"
	    "                  need it on a terminal; -o - forces standard "
	    "output)\n"
	    "  --org ID        the joint organisation, if there are several\n"
	    "  --date DATE     the report's date (\"as of\"), also the day "
	    "the phases\n"
	    "                  of the infrastructure are read on; without "
	    "it, today in\n"
	    "                  Switzerland (Europe/Zurich)\n"),
	.exec = report_exec,
};
