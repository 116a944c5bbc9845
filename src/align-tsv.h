/*
 * align-tsv.h: an items file for the alignment engine, read from TSV.
 *
 * The file has a header line naming its columns (doc_id, item_id, title
 * are needed; kind, lang, text may be there; others are ignored), then one
 * item per line. Blank lines are skipped, CRLF line ends are taken as LF.
 * The text must be UTF-8 without control characters (textguard.c).
 *
 *	struct align_tsv t;
 *
 *	if (align_tsv_read(path, data, len, &t, &diags) == KK_OK)
 *		for (i = 0; i < t.n; i++)
 *			align_add(set, &t.v[i].item, &msg);
 *	align_tsv_release(&t);
 */
#ifndef KK_ALIGN_TSV_H
#define KK_ALIGN_TSV_H

#include "konkordat.h"
#include "align.h"

/* Columns a line may have at most; the header's are counted up to it. */
#define ALIGN_TSV_MAX_COLUMNS 64

struct align_tsv_item {
	struct align_item item;	/* its strings point into the reader's
				   copy of the file */
	struct kk_loc loc;	/* its line */
};

struct align_tsv {
	struct align_tsv_item *v;
	size_t n;
	char *text;		/* the copy, owned by the reader */
};

/*
 * Read the items file DATA (LEN bytes) that was read from PATH into OUT.
 * Returns KK_OK, or KK_EINPUT with a diagnostic in D for each line at
 * fault (at PATH, its line and, where one value is at fault, its column)
 * and OUT empty: bad input yields no item at all. PATH is borrowed by the
 * diagnostics and the items' locations. The items are the caller's to
 * release with align_tsv_release(), which accepts NULL.
 */
int align_tsv_read(const char *path, const char *data, size_t len,
    struct align_tsv *out, struct kk_diags *d);
void align_tsv_release(struct align_tsv *t);

#endif
