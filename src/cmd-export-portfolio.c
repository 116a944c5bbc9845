/* cmd-export-portfolio.c: 'konkordat export xlsx' and 'export ics', the portfolio as a workbook and a calendar. */
#include "store.h"

#include <errno.h>

/* The portfolio of ORG (NULL: the only one) as the workbook FILE. */
int
export_xlsx(struct cmd_ctx *ctx, const char *file, const char *org)
{
	struct portfolio pf;
	struct kk_strategy *ss;
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
	if (xlsx_write(&pf, ss, nss, file, &msg)) {
		diags_print(&pf.diags, stderr);
		error("%s", msg);
		free(msg);
		rc = KK_EXIT_REFUSED;
	} else {
		printf("%s\n", file);
	}
	portfolio_release(&pf);
	return rc;
}

/* The dated things of ORG as a calendar, to FILE or standard output. */
int
export_ics(struct cmd_ctx *ctx, const char *file, const char *org)
{
	struct portfolio pf;
	FILE *fp = stdout;
	int rc = cmd_portfolio(ctx, org, &pf) ? KK_EXIT_REFUSED : KK_EXIT_OK;

	if (rc)
		return rc;
	if (file && !(fp = fopen(file, "w"))) {
		error("cannot write '%s': %s", file, strerror(errno));
		portfolio_release(&pf);
		return KK_EXIT_REFUSED;
	}
	if (ics_write(pf.org, fp)) {
		error("cannot write '%s'", file ? file : "the calendar");
		rc = KK_EXIT_REFUSED;
	}
	if (file && fclose(fp))
		rc = KK_EXIT_REFUSED;
	if (file && !rc)
		printf("%s\n", file);
	portfolio_release(&pf);
	return rc;
}
