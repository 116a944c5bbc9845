/* align-tsv.c: an items file for the alignment engine, read from TSV. */
#include "align-tsv.h"

/* The columns of an items file, found by name in its header. */
enum { C_DOC, C_ITEM, C_KIND, C_LANG, C_TITLE, C_TEXT, C_COUNT };
static const char *const col_names[C_COUNT] = {
	"doc_id", "item_id", "kind", "lang", "title", "text",
};

/* Split LINE at tabs in place; returns the number of fields. */
static size_t
split_tabs(char *line, char **f, size_t max)
{
	size_t n = 0;
	char *p = line, *t;

	for (;;) {
		if (n < max)
			f[n] = p;
		n++;
		if (!(t = strchr(p, '\t')))
			break;
		*t = '\0';
		p = t + 1;
	}
	return n;
}

/* The column (1-based, in characters) at which AT lies on LINE. */
static int
column(const char *line, const char *at)
{
	int col = 1;

	for (; line < at; line++)
		if (((unsigned char)*line & 0xc0) != 0x80)
			col++;
	return col;
}

/* Whether the text of LINE (LEN bytes) may be taken; if not, why, at the
   column of the first character that may not be there. */
static bool
line_text_ok(const char *line, size_t len, struct kk_loc *loc,
    struct kk_diags *d)
{
	int32_t cp;
	size_t at = textguard_find(line, len, &cp);

	if (at == len)
		return true;
	loc->col = column(line, line + at);
	textguard_report(d, loc, cp, line + at);
	return false;
}

/* The header: each wanted column's index in COL, -1 where it is not. */
static bool
read_header(char *line, int *col, size_t *nhead, struct kk_loc *loc,
    struct kk_diags *d)
{
	char *f[ALIGN_TSV_MAX_COLUMNS];
	size_t i, c;

	*nhead = split_tabs(line, f, KK_ARRAY_SIZE(f));
	if (*nhead > KK_ARRAY_SIZE(f))
		*nhead = KK_ARRAY_SIZE(f);
	for (c = 0; c < C_COUNT; c++)
		col[c] = -1;
	for (i = 0; i < *nhead; i++)
		for (c = 0; c < C_COUNT; c++)
			if (!strcmp(f[i], col_names[c]))
				col[c] = (int)i;
	for (c = 0; c < C_COUNT; c++)
		if (col[c] < 0 && c != C_KIND && c != C_TEXT && c != C_LANG) {
			diags_add(d, loc, "the header has no column '%s' (want "
			    "doc_id, item_id, kind, lang, title, text, source)",
			    col_names[c]);
			return false;
		}
	return true;
}

/* One item's line, split at its tabs; false with the reason in D. */
static bool
read_item(char *line, const int *col, size_t nhead, struct strset *ids,
    struct align_tsv_item *x, struct kk_diags *d)
{
	char *f[ALIGN_TSV_MAX_COLUMNS];
	struct align_item *it = &x->item;
	size_t nf = split_tabs(line, f, KK_ARRAY_SIZE(f));
	bool added;

	if (nf != nhead) {
		diags_add(d, &x->loc, Q_("%zu field where the header has %zu",
		    "%zu fields where the header has %zu", nf), nf, nhead);
		return false;
	}
	memset(it, 0, sizeof(*it));
	it->doc = f[col[C_DOC]];
	it->id = f[col[C_ITEM]];
	it->title = f[col[C_TITLE]];
	it->kind = col[C_KIND] >= 0 && *f[col[C_KIND]] ? f[col[C_KIND]] :
	    NULL;
	it->lang = col[C_LANG] >= 0 ? f[col[C_LANG]] : NULL;
	it->text = col[C_TEXT] >= 0 ? f[col[C_TEXT]] : NULL;
	if (!*it->doc) {
		x->loc.col = column(line, it->doc);
		diags_add(d, &x->loc, "the item has no doc_id");
		return false;
	}
	if (it->lang && *it->lang && strcmp(it->lang, "de") &&
	    strcmp(it->lang, "fr") && strcmp(it->lang, "it") &&
	    strcmp(it->lang, "en")) {
		x->loc.col = column(line, it->lang);
		diags_add(d, &x->loc, "unknown language '%s' (want de, fr, it, "
		    "en, or nothing to detect it)", it->lang);
		return false;
	}
	/* what align_add() would refuse, so that a file it takes is whole */
	if (!*it->id) {
		x->loc.col = column(line, it->id);
		diags_add(d, &x->loc, "the item has no id");
		return false;
	}
	strset_add(ids, it->id, &added);
	if (!added) {
		x->loc.col = column(line, it->id);
		diags_add(d, &x->loc, "item '%s' is there twice", it->id);
		return false;
	}
	if (!*it->title) {
		x->loc.col = column(line, it->title);
		diags_add(d, &x->loc, "item '%s' has no title", it->id);
		return false;
	}
	return true;
}

int
align_tsv_read(const char *path, const char *data, size_t len,
    struct align_tsv *out, struct kk_diags *d)
{
	char *p, *nl, *end;
	size_t nhead = 0, cap = 0;
	int col[C_COUNT], line = 0;
	size_t nerrors = d->nerrors;
	struct strset *ids;

	memset(out, 0, sizeof(*out));
	if (memchr(data, '\0', len)) {
		struct kk_loc loc = { path, 0, 0 };

		diags_add(d, &loc, "a NUL byte: not a text file");
		return KK_EINPUT;
	}
	if (!len) {
		struct kk_loc loc = { path, 1, 0 };

		diags_add(d, &loc, "empty file: no header");
		return KK_EINPUT;
	}
	/* the fields are cut out of a copy, and the items point into it */
	out->text = xmalloc(len + 1);
	memcpy(out->text, data, len);
	out->text[len] = '\0';
	end = out->text + len;
	ids = strset_new();
	for (p = out->text; p < end; p = nl + 1) {
		struct kk_loc loc = { path, ++line, 0 };

		if (!(nl = strchr(p, '\n')))
			nl = end;
		*nl = '\0';
		if (nl > p && nl[-1] == '\r')
			nl[-1] = '\0';
		if (line == 1) {
			/* without its columns no line can be read */
			if (!line_text_ok(p, strlen(p), &loc, d) ||
			    !read_header(p, col, &nhead, &loc, d))
				break;
			continue;
		}
		if (!line_text_ok(p, strlen(p), &loc, d))
			continue;
		if (!*p)
			continue;	/* a blank line */
		if (out->n == cap) {
			cap = cap ? 2 * cap : 64;
			out->v = xrealloc(out->v, cap * sizeof(*out->v));
		}
		out->v[out->n].loc = loc;
		if (read_item(p, col, nhead, ids, &out->v[out->n], d))
			out->n++;
	}
	strset_free(ids);
	if (d->nerrors > nerrors) {
		align_tsv_release(out);
		return KK_EINPUT;
	}
	return KK_OK;
}

void
align_tsv_release(struct align_tsv *t)
{
	if (!t)
		return;
	free(t->v);
	free(t->text);
	memset(t, 0, sizeof(*t));
}
