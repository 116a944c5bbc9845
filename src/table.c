/* table.c: a table of text printed aligned, as CSV (RFC 4180) or as JSON. */
#include "konkordat.h"

#include <utf8proc.h>

/*
 * Every verb that prints a table builds one of these, so that each table
 * also exists as CSV and JSON with the same columns. Cells are text, and
 * strings in JSON too: money stays exact in francs with two decimals, where
 * a JSON number would be read as floating point.
 *
 * The headings (English, marked N_()) and the enumerations' values are
 * keys: CSV and JSON print them as they are, the stable words that scripts
 * read. Only the text table, which is for people, shows them in the user's
 * language: each heading through gettext, unless it is data (a party's id,
 * table_head_verbatim()), and each cell of a column of enumeration values
 * through i18n_term() (table_terms()).
 */

void
table_init(struct table *t, const char *const *cols, size_t ncols)
{
	size_t i;

	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
	t->cols = xcalloc(ncols, sizeof(*t->cols));
	t->right = xcalloc(ncols, sizeof(*t->right));
	t->verbatim = xcalloc(ncols, sizeof(*t->verbatim));
	t->vocab = xmalloc(ncols * sizeof(*t->vocab));
	for (i = 0; i < ncols; i++)
		t->vocab[i] = -1;
	memcpy(t->cols, cols, ncols * sizeof(*cols));
}

void
table_align_right(struct table *t, size_t col)
{
	t->right[col] = true;
}

/* The cells of column COL are keys of vocabulary V: the text table shows
   them in the user's language. */
void
table_terms(struct table *t, size_t col, enum i18n_vocab v)
{
	t->vocab[col] = (int)v;
}

/* The heading of column COL is data, not a word to translate. */
void
table_head_verbatim(struct table *t, size_t col)
{
	t->verbatim[col] = true;
}

/* Add a row of NCOLS cells (copied); a NULL cell is empty. */
void
table_rowv(struct table *t, const char *const *cells)
{
	size_t i;

	if (t->nrows == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 32;
		t->cells = xrealloc(t->cells, t->cap * t->ncols *
		    sizeof(*t->cells));
	}
	for (i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = xstrdup(cells[i] ?
		    cells[i] : "");
	t->nrows++;
}

/* Add a row: NCOLS strings as arguments. */
void
table_row(struct table *t, ...)
{
	const char **cells = xcalloc(t->ncols, sizeof(*cells));
	va_list ap;
	size_t i;

	va_start(ap, t);
	for (i = 0; i < t->ncols; i++)
		cells[i] = va_arg(ap, const char *);
	va_end(ap);
	table_rowv(t, cells);
	free(cells);
}

void
table_release(struct table *t)
{
	size_t i;

	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->cols);
	free(t->right);
	free(t->verbatim);
	free(t->vocab);
	memset(t, 0, sizeof(*t));
}

/*
 * The columns S takes on a terminal, not its bytes: an umlaut is one
 * column, a combining accent none, a CJK character two (utf8proc's
 * widths). Invalid UTF-8 counts a column a byte.
 */
size_t
table_text_width(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t n = 0;

	while (*p) {
		utf8proc_int32_t c;
		utf8proc_ssize_t len = utf8proc_iterate(p, -1, &c);

		if (len <= 0) {
			n++;
			p++;
			continue;
		}
		n += (size_t)utf8proc_charwidth(c);
		p += len;
	}
	return n;
}

/*
 * S padded with spaces to WIDTH terminal columns, in BUF of SIZE bytes
 * (cut short if it does not fit); returns BUF. For the labels of 'show':
 * printf's "%-12s" counts bytes, one column short per umlaut.
 */
const char *
table_pad(char *buf, size_t size, const char *s, size_t width)
{
	size_t w = table_text_width(s), len;

	snprintf(buf, size, "%s", s);
	len = strlen(buf);
	while (w < width && len + 1 < size) {
		buf[len++] = ' ';
		buf[len] = '\0';
		w++;
	}
	return buf;
}

/* Cell R (0: the heading) of column C as the text table shows it. */
static const char *
text_cell(const struct table *t, size_t r, size_t c)
{
	const char *s;

	if (!r)
		return t->verbatim[c] ? t->cols[c] : _(t->cols[c]);
	s = t->cells[(r - 1) * t->ncols + c];
	return t->vocab[c] >= 0 ? i18n_term((enum i18n_vocab)t->vocab[c], s) :
	    s;
}

static void
pad(FILE *fp, size_t n)
{
	while (n--)
		fputc(' ', fp);
}

static void
print_text(const struct table *t, FILE *fp)
{
	size_t *w = xcalloc(t->ncols, sizeof(*w)), r, c;

	for (r = 0; r <= t->nrows; r++)
		for (c = 0; c < t->ncols; c++)
			if (table_text_width(text_cell(t, r, c)) > w[c])
				w[c] = table_text_width(text_cell(t, r, c));
	for (r = 0; r <= t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			const char *s = text_cell(t, r, c);
			size_t gap = w[c] - table_text_width(s);
			bool last = c + 1 == t->ncols;

			if (t->right[c])
				pad(fp, gap);
			fputs(s, fp);
			if (!t->right[c] && !last)
				pad(fp, gap);
			if (!last)
				fputs("  ", fp);
		}
		fputc('\n', fp);
	}
	free(w);
}

static void
csv_cell(const char *s, FILE *fp)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, fp);
		return;
	}
	fputc('"', fp);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

static void
print_csv(const struct table *t, FILE *fp)
{
	size_t r, c;

	for (r = 0; r <= t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			if (c)
				fputc(',', fp);
			csv_cell(r ? t->cells[(r - 1) * t->ncols + c] :
			    t->cols[c], fp);
		}
		fputs("\r\n", fp);
	}
}

static int
print_json(const struct table *t, FILE *fp)
{
	json_t *a = json_array();
	size_t r, c;

	for (r = 0; r < t->nrows; r++) {
		json_t *o = json_object();

		for (c = 0; c < t->ncols; c++) {
			char *key = xstrdup(t->cols[c]), *k;

			for (k = key; *k; k++)
				*k = *k == ' ' ? '_' : (char)((*k >= 'A' &&
				    *k <= 'Z') ? *k - 'A' + 'a' : *k);
			json_object_set_new(o, key,
			    json_string(t->cells[r * t->ncols + c]));
			free(key);
		}
		json_array_append_new(a, o);
	}
	return json_print(a, fp);
}

int
table_print(const struct table *t, enum table_format f, FILE *fp)
{
	switch (f) {
	case TABLE_TEXT:
		print_text(t, fp);
		break;
	case TABLE_CSV:
		print_csv(t, fp);
		break;
	case TABLE_JSON:
		return print_json(t, fp);
	}
	return ferror(fp) ? KK_EIO : KK_OK;
}

/* "--csv" and "--json" as a format; -1 for another option. */
int
table_format_option(const char *name, enum table_format *f)
{
	if (!strcmp(name, "csv"))
		*f = TABLE_CSV;
	else if (!strcmp(name, "json"))
		*f = TABLE_JSON;
	else
		return -1;
	return 0;
}
