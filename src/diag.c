/* diag.c: diagnostics about input, collected so that all of them are shown. */
#include "konkordat.h"

#include <stdlib.h>
#include <string.h>

void
diags_init(struct kk_diags *d)
{
	d->v = NULL;
	d->n = d->cap = d->nerrors = 0;
}

void
diags_release(struct kk_diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->v[i].msg);
	free(d->v);
	diags_init(d);
}

/* Add a diagnostic, unless the same message is already there. */
static void KK_PRINTF(4, 0)
add(struct kk_diags *d, const struct kk_loc *loc, bool warning,
    const char *fmt, va_list ap)
{
	struct buf b = BUF_INIT;
	struct kk_diag *x;
	size_t i;

	/* the values a message quotes come from files: escaped and cut */
	textguard_vformat(&b, fmt, _(fmt), ap);
	/* one fault found by two checks is said once */
	for (i = 0; i < d->n; i++)
		if (!strcmp(d->v[i].msg, b.s) && (!loc ||
		    (d->v[i].loc.line == loc->line &&
		    d->v[i].loc.col == loc->col))) {
			buf_release(&b);
			return;
		}
	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 8;
		d->v = xrealloc(d->v, d->cap * sizeof(*d->v));
	}
	x = &d->v[d->n++];
	x->warning = warning;
	x->need = 0;
	if (!warning)
		d->nerrors++;
	if (loc)
		x->loc = *loc;
	else
		memset(&x->loc, 0, sizeof(x->loc));
	x->msg = buf_detach(&b, NULL);
}

void
diags_vadd(struct kk_diags *d, const struct kk_loc *loc, const char *fmt,
    va_list ap)
{
	add(d, loc, false, fmt, ap);
}

void
diags_add(struct kk_diags *d, const struct kk_loc *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(d, loc, false, fmt, ap);
	va_end(ap);
}

/* A warning: printed with the errors, but it does not refuse the input. */
void
diags_warn(struct kk_diags *d, const struct kk_loc *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(d, loc, true, fmt, ap);
	va_end(ap);
}

static int
cmp_diag(const void *pa, const void *pb)
{
	const struct kk_diag *a = pa, *b = pb;
	int c = strcmp(a->loc.file ? a->loc.file : "",
	    b->loc.file ? b->loc.file : "");

	if (c)
		return c;
	if (a->loc.line != b->loc.line)
		return a->loc.line < b->loc.line ? -1 : 1;
	if (a->loc.col != b->loc.col)
		return a->loc.col < b->loc.col ? -1 : 1;
	return 0;
}

/* Order by file, line and column; stable for equal places. */
void
diags_sort(struct kk_diags *d)
{
	size_t i, j;

	/* insertion sort: stable, and lists are short */
	for (i = 1; i < d->n; i++) {
		struct kk_diag x = d->v[i];

		for (j = i; j > 0 && cmp_diag(&d->v[j - 1], &x) > 0; j--)
			d->v[j] = d->v[j - 1];
		d->v[j] = x;
	}
}

void
diags_need(struct kk_diags *d, int need)
{
	if (d->n)
		d->v[d->n - 1].need = need;
}

void
diags_print(const struct kk_diags *d, FILE *fp)
{
	diags_print_hinted(d, fp, NULL);
}

/* Print each as "FILE:LINE:COLUMN: message", leaving out what is unknown. */
void
diags_print_hinted(const struct kk_diags *d, FILE *fp,
    const char *(*hint)(int need))
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		const struct kk_loc *l = &d->v[i].loc;

		if (l->file) {
			/* a file's name is the user's, but may be anything */
			struct buf name = BUF_INIT;

			textguard_escape(&name, l->file, strlen(l->file), false);
			fprintf(fp, "%s:", name.s);
			buf_release(&name);
		}
		if (l->line > 0)
			fprintf(fp, "%d:", l->line);
		if (l->line > 0 && l->col > 0)
			fprintf(fp, "%d:", l->col);
		fprintf(fp, "%s%s%s%s\n", l->file || l->line ? " " : "",
		    d->v[i].warning ? _("warning: ") : "", d->v[i].msg,
		    hint && d->v[i].need ? hint(d->v[i].need) : "");
	}
}
