/* cmd-export-portfolio.c: 'konkordat export xlsx' and 'export ics', the portfolio as a workbook and a calendar. */
#include "store.h"

#include <errno.h>

/* The portfolio of ORG (NULL: the only one) as the workbook FILE. */
int
export_xlsx(struct cmd_ctx *ctx, const char *file, const char *org)
{
	struct portfolio pf;
	struct kk_strategy *ss;
	struct outfile o;
	size_t nss;
	char *msg;
	int rc = cmd_portfolio(ctx, org, &pf) ? KK_EXIT_REFUSED : KK_EXIT_OK;

	if (rc)
		return rc;
	/* the parties' strategies too: a report of many parties points
	   here for each of them */
	if (store_list_strategies(ctx->store, pf.arena, &ss, &nss)) {
		error("%s", store_errmsg(ctx->store));
		portfolio_release(&pf);
		return KK_EXIT_INTERNAL;
	}
	/* libxlsxwriter wants a file name: the temporary's */
	if (outfile_open(&o, file, &msg) || (o.fp == stdout &&
	    (msg = xstrdup(_("a workbook cannot go to standard output; name "
	    "a file with -o FILE"))))) {
		error("%s", msg);
		free(msg);
		portfolio_release(&pf);
		return KK_EXIT_REFUSED;
	}
	if ((rc = xlsx_write(&pf, ss, nss, o.tmp, file, &msg))) {
		outfile_abort(&o);
		cmd_print_diags(&pf.diags);
		cmd_refused(rc, msg);
		free(msg);
		rc = KK_EXIT_REFUSED;
	} else if (outfile_commit(&o, &msg)) {
		error("%s", msg);
		free(msg);
		rc = KK_EXIT_REFUSED;
	} else {
		printf("%s\n", file);
	}
	portfolio_release(&pf);
	return rc;
}

static int
write_ics(FILE *fp, void *org)
{
	return ics_write(org, fp);
}

/* The dated things of ORG as a calendar, to FILE (whole or not at all)
   or standard output. */
int
export_ics(struct cmd_ctx *ctx, const char *file, const char *org)
{
	struct portfolio pf;
	char *msg = NULL;
	int rc = cmd_portfolio(ctx, org, &pf) ? KK_EXIT_REFUSED : KK_EXIT_OK;

	if (rc)
		return rc;
	if (outfile_write(file ? file : "-", write_ics, (void *)pf.org,
	    &msg)) {
		error("%s", msg);
		rc = KK_EXIT_REFUSED;
	} else if (file && strcmp(file, "-")) {
		printf("%s\n", file);
	}
	free(msg);
	portfolio_release(&pf);
	return rc;
}
