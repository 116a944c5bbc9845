/* report-odt.c: the planning report as an OpenDocument text (ODT): libxml2's text writer for the XML, libzip for the package. */
#include "konkordat.h"

#include <libxml/xmlwriter.h>
#include <zip.h>

/*
 * The same document as the HTML (report.c's blocks), laid out for a word
 * processor: chapters are headings with outline levels, so that
 * LibreOffice's navigator and its table of contents find them; tables and
 * figures are numbered by sequence fields under their captions; each
 * chart is the SVG that svg.c draws, as Pictures/figure-N.svg. Every text
 * goes through xmlTextWriterWriteString() or xmlTextWriterWriteAttribute(),
 * which escape it: nothing in this file writes markup by hand.
 *
 * The package is the same bytes for the same report: no clock (a date only
 * with --date), entries in a fixed order with a fixed time, the mimetype
 * first and stored, as ODF 1.3 part 2, section 3.3 asks.
 */

#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_STYLE "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_TABLE "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_DRAW "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
#define NS_FO "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
#define NS_XLINK "http://www.w3.org/1999/xlink"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_META "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
#define NS_SVG "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
#define NS_MANIFEST "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
#define ODF_VERSION "1.3"
#define MIMETYPE "application/vnd.oasis.opendocument.text"

/* The text area of an A4 page between margins of 2 cm. */
#define TEXT_WIDTH_CM 17.0

/* One XML part being written; the first failure is kept. */
struct xml {
	xmlBufferPtr buf;
	xmlTextWriterPtr w;
	int failed;
};

static void
xml_open(struct xml *x)
{
	kk_xml_init();
	x->buf = xmlBufferCreate();
	x->w = x->buf ? xmlNewTextWriterMemory(x->buf, 0) : NULL;
	if (!x->w)
		die("out of memory");
	x->failed = xmlTextWriterStartDocument(x->w, NULL, "UTF-8", NULL) < 0;
}

static void
check(struct xml *x, int rc)
{
	if (rc < 0)
		x->failed = 1;
}

static void
start(struct xml *x, const char *name)
{
	check(x, xmlTextWriterStartElement(x->w, BAD_CAST name));
}

static void
end(struct xml *x)
{
	check(x, xmlTextWriterEndElement(x->w));
}

/* An attribute's value, escaped by the writer. */
static void
attr(struct xml *x, const char *name, const char *value)
{
	check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST name,
	    BAD_CAST value));
}

static void
attrf(struct xml *x, const char *name, const char *fmt, ...) KK_PRINTF(3, 4);

static void
attrf(struct xml *x, const char *name, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	attr(x, name, b.s);
	buf_release(&b);
}

/* An element with attributes in pairs, NULL-terminated, and no content. */
static void
empty(struct xml *x, const char *name, ...)
{
	const char *k;
	va_list ap;

	start(x, name);
	va_start(ap, name);
	while ((k = va_arg(ap, const char *)))
		attr(x, k, va_arg(ap, const char *));
	va_end(ap);
	end(x);
}

static void
write_run(struct xml *x, const char *s, size_t n)
{
	char *run = xstrndup(s, n);

	check(x, xmlTextWriterWriteString(x->w, BAD_CAST run));
	free(run);
}

/*
 * Text as ODF keeps it: the writer escapes it; a tab becomes <text:tab/>,
 * a newline <text:line-break/> when LINES (a space otherwise), a second
 * space in a row <text:s/> (ODF collapses white space as HTML does), and
 * the control characters XML forbids are left out.
 */
static void
text_lines(struct xml *x, const char *s, bool lines)
{
	const char *begin = s, *run = s;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x20 && c != 0x7f && !(c == ' ' && s > begin &&
		    s[-1] == ' '))
			continue;
		write_run(x, run, (size_t)(s - run));
		run = s + 1;
		if (c == '\t')
			empty(x, "text:tab", NULL);
		else if (c == '\n' && lines)
			empty(x, "text:line-break", NULL);
		else if (c == '\n' || c == '\r')
			write_run(x, " ", 1);
		else if (c == ' ')
			empty(x, "text:s", NULL);
	}
	write_run(x, run, (size_t)(s - run));
}

static void
text(struct xml *x, const char *s)
{
	text_lines(x, s, false);
}

/* A paragraph of STYLE holding S. */
static void
para(struct xml *x, const char *style, const char *s)
{
	start(x, "text:p");
	attr(x, "text:style-name", style);
	if (s)
		text(x, s);
	end(x);
}

static void
span(struct xml *x, const char *style, const char *s)
{
	start(x, "text:span");
	attr(x, "text:style-name", style);
	text(x, s);
	end(x);
}

/* The finished part, which the caller frees; NULL if writing failed. */
static char *
xml_close(struct xml *x, size_t *len)
{
	char *out = NULL;

	check(x, xmlTextWriterEndDocument(x->w));
	xmlFreeTextWriter(x->w);
	if (!x->failed) {
		*len = (size_t)xmlBufferLength(x->buf);
		out = xstrndup((const char *)xmlBufferContent(x->buf), *len);
	}
	xmlBufferFree(x->buf);
	return out;
}

static void
namespaces(struct xml *x)
{
	static const char *const ns[][2] = {
		{ "xmlns:office", NS_OFFICE }, { "xmlns:style", NS_STYLE },
		{ "xmlns:text", NS_TEXT }, { "xmlns:table", NS_TABLE },
		{ "xmlns:draw", NS_DRAW }, { "xmlns:fo", NS_FO },
		{ "xmlns:xlink", NS_XLINK }, { "xmlns:svg", NS_SVG },
	};
	size_t i;

	for (i = 0; i < KK_ARRAY_SIZE(ns); i++)
		attr(x, ns[i][0], ns[i][1]);
	attr(x, "office:version", ODF_VERSION);
}

/* A style of FAMILY with properties: pairs of attributes, NULL-ended,
   under the element PROPS. */
static void
style(struct xml *x, const char *name, const char *family,
    const char *parent, const char *props, ...)
{
	const char *k;
	va_list ap;

	start(x, "style:style");
	attr(x, "style:name", name);
	attr(x, "style:family", family);
	if (parent)
		attr(x, "style:parent-style-name", parent);
	if (props) {
		start(x, props);
		va_start(ap, props);
		while ((k = va_arg(ap, const char *)))
			attr(x, k, va_arg(ap, const char *));
		va_end(ap);
		end(x);
	}
	end(x);
}

/* A paragraph style: paragraph properties, then text properties, each
   a NULL-ended list of pairs; the lists are passed as arrays. */
static void
pstyle(struct xml *x, const char *name, const char *parent,
    const char *const *par, const char *const *txt, int outline)
{
	size_t i;

	start(x, "style:style");
	attr(x, "style:name", name);
	attr(x, "style:family", "paragraph");
	if (parent)
		attr(x, "style:parent-style-name", parent);
	if (outline) {
		attrf(x, "style:default-outline-level", "%d", outline);
		attr(x, "style:class", "text");
	}
	if (par) {
		start(x, "style:paragraph-properties");
		for (i = 0; par[i]; i += 2)
			attr(x, par[i], par[i + 1]);
		end(x);
	}
	if (txt) {
		start(x, "style:text-properties");
		for (i = 0; txt[i]; i += 2)
			attr(x, txt[i], txt[i + 1]);
		end(x);
	}
	end(x);
}

#define P(...) ((const char *const[]){ __VA_ARGS__, NULL })

static void
font(struct xml *x, const char *name, const char *family)
{
	empty(x, "style:font-face", "style:name", name, "svg:font-family",
	    name, "style:font-family-generic", family, NULL);
}

static void
font_faces(struct xml *x)
{
	start(x, "office:font-face-decls");
	font(x, "DejaVu Sans", "swiss");
	font(x, "DejaVu Serif", "roman");
	font(x, "DejaVu Sans Mono", "modern");
	end(x);
}

/* The two-letter language and its country, for spelling and hyphens. */
static void
language(const char *lang, const char **language, const char **country)
{
	*language = lang;
	*country = strcmp(lang, "en") ? "CH" : "GB";	/* de, fr, it: CH */
}

/* styles.xml: the named styles that a reader changes to restyle it all,
   the page (A4, numbered at the foot) and the outline. */
static char *
styles_xml(const struct report *r, size_t *len)
{
	const char *lng, *cty;
	struct xml x;
	int i;

	language(r->opts.lang, &lng, &cty);
	xml_open(&x);
	start(&x, "office:document-styles");
	namespaces(&x);
	font_faces(&x);
	start(&x, "office:styles");
	start(&x, "style:default-style");
	attr(&x, "style:family", "paragraph");
	empty(&x, "style:paragraph-properties", "fo:hyphenation-ladder-count",
	    "no-limit", "style:writing-mode", "lr-tb", NULL);
	empty(&x, "style:text-properties", "style:font-name", "DejaVu Serif",
	    "fo:font-size", "10pt", "fo:language", lng, "fo:country", cty,
	    "fo:hyphenate", "true", NULL);
	end(&x);
	pstyle(&x, "Standard", NULL, NULL, NULL, 0);
	pstyle(&x, "Text_20_body", "Standard", P("fo:margin-top", "0cm",
	    "fo:margin-bottom", "0.21cm", "fo:line-height", "125%"), NULL,
	    0);
	pstyle(&x, "Heading", "Standard", P("fo:margin-top", "0.42cm",
	    "fo:margin-bottom", "0.21cm", "fo:keep-with-next", "always"),
	    P("style:font-name", "DejaVu Sans", "fo:font-weight", "bold"), 0);
	pstyle(&x, "Heading_20_1", "Heading", P("fo:break-before", "page",
	    "fo:border-bottom", "1.5pt solid #0072B2", "fo:padding-bottom",
	    "0.1cm", "fo:margin-bottom", "0.4cm"), P("fo:font-size", "16pt"),
	    1);
	pstyle(&x, "Heading_20_2", "Heading", P("fo:margin-top", "0.6cm"),
	    P("fo:font-size", "13pt"), 2);
	pstyle(&x, "Heading_20_3", "Heading", NULL, P("fo:font-size",
	    "11pt"), 3);
	pstyle(&x, "Title", "Standard", P("fo:text-align", "center",
	    "fo:margin-top", "7cm", "fo:margin-bottom", "0.5cm"),
	    P("style:font-name", "DejaVu Sans", "fo:font-size", "28pt",
	    "fo:font-weight", "bold"), 0);
	pstyle(&x, "Subtitle", "Standard", P("fo:text-align", "center",
	    "fo:margin-bottom", "0.4cm"), P("style:font-name", "DejaVu Sans",
	    "fo:font-size", "16pt"), 0);
	pstyle(&x, "Title_20_Line", "Standard", P("fo:text-align", "center",
	    "fo:margin-bottom", "0.3cm"), NULL, 0);
	pstyle(&x, "Contents_20_Heading", "Heading", P("fo:break-before",
	    "page"), P("fo:font-size", "16pt"), 0);
	for (i = 1; i <= 2; i++) {
		char name[32], indent[16];

		snprintf(name, sizeof(name), "Contents_20_%d", i);
		snprintf(indent, sizeof(indent), "%.1fcm", (i - 1) * 0.5);
		pstyle(&x, name, "Standard", P("fo:margin-left", indent,
		    "fo:margin-bottom", "0.1cm"), NULL, 0);
	}
	pstyle(&x, "Table_20_Contents", "Standard", NULL, P("style:font-name",
	    "DejaVu Sans", "fo:font-size", "7.5pt"), 0);
	pstyle(&x, "Table_20_Number", "Table_20_Contents", P("fo:text-align",
	    "end"), NULL, 0);
	pstyle(&x, "Table_20_Heading", "Table_20_Contents", NULL,
	    P("fo:font-weight", "bold"), 0);
	pstyle(&x, "Table_20_Heading_20_Number", "Table_20_Heading",
	    P("fo:text-align", "end"), NULL, 0);
	pstyle(&x, "Caption", "Standard", P("fo:margin-top", "0.2cm",
	    "fo:margin-bottom", "0.2cm", "fo:keep-with-next", "always"),
	    P("style:font-name", "DejaVu Sans", "fo:font-weight", "bold"), 0);
	pstyle(&x, "Table", "Caption", NULL, NULL, 0);
	pstyle(&x, "Figure", "Caption", P("fo:keep-with-next", "auto"), NULL,
	    0);
	pstyle(&x, "Figure_20_Frame", "Standard", P("fo:margin-top", "0.3cm",
	    "fo:keep-with-next", "always"), NULL, 0);
	pstyle(&x, "Figure_20_Text", "Text_20_body", NULL,
	    P("fo:font-size", "9pt", "fo:color", "#333333"), 0);
	pstyle(&x, "Quotations", "Text_20_body", P("fo:margin-left", "0.5cm",
	    "fo:padding-left", "0.3cm", "fo:border-left",
	    "2.5pt solid #56B4E9"), NULL, 0);
	pstyle(&x, "Note", "Text_20_body", P("fo:padding", "0.2cm",
	    "fo:border-left", "4pt solid #E69F00", "fo:background-color",
	    "#fff6e0"), P("fo:font-weight", "bold"), 0);
	pstyle(&x, "List_20_Contents", "Text_20_body", P("fo:margin-bottom",
	    "0.1cm"), NULL, 0);
	pstyle(&x, "Footer", "Standard", P("fo:text-align", "center"),
	    P("fo:font-size", "9pt"), 0);
	style(&x, "Strong_20_Emphasis", "text", NULL, "style:text-properties",
	    "fo:font-weight", "bold", NULL);
	style(&x, "Emphasis", "text", NULL, "style:text-properties",
	    "fo:font-style", "italic", NULL);
	style(&x, "Source_20_Text", "text", NULL, "style:text-properties",
	    "style:font-name", "DejaVu Sans Mono", "fo:font-size", "8.5pt",
	    NULL);
	style(&x, "Index_20_Link", "text", NULL, "style:text-properties",
	    "style:text-underline-style", "none", "fo:color", "#000000",
	    NULL);
	style(&x, "Graphics", "graphic", NULL, NULL);

	/* headings carry their level; no numbers of their own (the text
	   has them, as in the HTML) */
	start(&x, "text:outline-style");
	attr(&x, "style:name", "Outline");
	for (i = 1; i <= 10; i++) {
		start(&x, "text:outline-level-style");
		attrf(&x, "text:level", "%d", i);
		attr(&x, "style:num-format", "");
		end(&x);
	}
	end(&x);
	start(&x, "text:list-style");
	attr(&x, "style:name", "List_20_Bullet");
	attr(&x, "style:display-name", "List Bullet");
	for (i = 1; i <= 2; i++) {
		char indent[16];

		start(&x, "text:list-level-style-bullet");
		attrf(&x, "text:level", "%d", i);
		attr(&x, "text:bullet-char", i == 1 ? "•" : "–");
		start(&x, "style:list-level-properties");
		attr(&x, "text:list-level-position-and-space-mode",
		    "label-alignment");
		start(&x, "style:list-level-label-alignment");
		attr(&x, "text:label-followed-by", "listtab");
		snprintf(indent, sizeof(indent), "%.1fcm", 0.6 * i);
		attr(&x, "text:list-tab-stop-position", indent);
		attr(&x, "fo:text-indent", "-0.4cm");
		attr(&x, "fo:margin-left", indent);
		end(&x);
		end(&x);
		end(&x);
	}
	end(&x);
	end(&x);	/* office:styles */

	start(&x, "office:automatic-styles");
	start(&x, "style:page-layout");
	attr(&x, "style:name", "A4");
	empty(&x, "style:page-layout-properties", "fo:page-width", "21cm",
	    "fo:page-height", "29.7cm", "style:print-orientation", "portrait",
	    "fo:margin-top", "1.8cm", "fo:margin-bottom", "1.2cm",
	    "fo:margin-left", "2cm", "fo:margin-right", "2cm", NULL);
	start(&x, "style:footer-style");
	empty(&x, "style:header-footer-properties", "fo:min-height", "0.6cm",
	    "fo:margin-top", "0.3cm", NULL);
	end(&x);
	end(&x);
	end(&x);
	start(&x, "office:master-styles");
	start(&x, "style:master-page");
	attr(&x, "style:name", "Standard");
	attr(&x, "style:page-layout-name", "A4");
	start(&x, "style:footer");
	start(&x, "text:p");
	attr(&x, "text:style-name", "Footer");
	start(&x, "text:page-number");
	attr(&x, "text:select-page", "current");
	end(&x);
	end(&x);
	end(&x);
	end(&x);
	end(&x);
	end(&x);	/* office:document-styles */
	return xml_close(&x, len);
}

static size_t
nchars(const char *s, size_t n)
{
	size_t k = 0;

	for (; n && *s; s++, n--)
		if ((*s & 0xc0) != 0x80)
			k++;
	return k;
}

/* The longest of S's words (split at SEPS), in characters. */
static size_t
longest(const char *s, const char *seps)
{
	size_t max = 0;

	while (*s) {
		size_t n = strcspn(s, seps), k = nchars(s, n);

		if (k > max)
			max = k;
		s += n + (s[n] != '\0');
	}
	return max;
}

/* The table font (7.5 pt DejaVu Sans) in cm: a digit, an average letter,
   and a cell's padding and borders. */
#define DIGIT_CM 0.16
#define LETTER_CM 0.155
#define CELL_CM 0.25
/* A text column longer than this wraps rather than take the page. */
#define WRAP_CHARS 36
#define WORD_CHARS 16

/*
 * The widths of BL's columns in cm, into W. A word processor keeps the
 * widths it is given, so they are set here from what the columns hold:
 * a column of amounts, counts or dates must not wrap, so it gets its
 * longest entry; a text column needs its longest word (up to WORD_CHARS)
 * and would like its longest line (up to WRAP_CHARS); what the page
 * leaves over the needs goes to the text columns in proportion to what
 * they would like beyond that. When even the needs do not fit, the text
 * columns shrink and wrap within words.
 */
static void
column_widths(const struct report_block *bl, double *w)
{
	const struct report_cell *c;
	const struct report_row *rw;
	size_t n = bl->ncols, i;
	double *need = xcalloc(n + 1, sizeof(*need));
	double *want = xcalloc(n + 1, sizeof(*want));
	bool *num = xcalloc(n + 1, sizeof(*num));
	double sneed = 0, sextra = 0, snum = 0, squeeze = 1;

	for (c = bl->head, i = 0; c && i < n; c = c->next, i++)
		num[i] = c->num;
	for (rw = bl->rows; rw; rw = rw->next)
		for (c = rw->cells, i = 0; c && i < n;
		    i += (size_t)c->span, c = c->next)
			if (c->span == 1 && c->num)
				num[i] = true;
	for (c = bl->head, i = 0; c && i < n; c = c->next, i++)
		need[i] = want[i] = CELL_CM + LETTER_CM * 1.1 *
		    (double)longest(c->text, " -/");
	for (rw = bl->rows; rw; rw = rw->next)
		for (c = rw->cells, i = 0; c && i < n;
		    i += (size_t)c->span, c = c->next) {
			size_t line, word;

			if (c->span > 1)
				continue;
			line = longest(c->text, c->lines ? "\n" : "");
			word = longest(c->text, c->lines ? " \n" : " ");
			if (num[i]) {
				if (CELL_CM + DIGIT_CM * (double)line > need[i])
					need[i] = CELL_CM + DIGIT_CM *
					    (double)line;
				continue;
			}
			if (word > WORD_CHARS)
				word = WORD_CHARS;
			if (line > WRAP_CHARS)
				line = WRAP_CHARS;
			/* a letter's room more: words must not break */
			if (CELL_CM + LETTER_CM * (double)(word + 1) > need[i])
				need[i] = CELL_CM + LETTER_CM *
				    (double)(word + 1);
			if (CELL_CM + LETTER_CM * (double)line > want[i])
				want[i] = CELL_CM + LETTER_CM * (double)line;
		}
	for (i = 0; i < n; i++) {
		if (want[i] < need[i] || num[i])
			want[i] = need[i];
		sneed += need[i];
		sextra += want[i] - need[i];
		if (num[i])
			snum += need[i];
	}
	if (sneed > TEXT_WIDTH_CM && sneed > snum)
		squeeze = (TEXT_WIDTH_CM - snum) / (sneed - snum);
	if (squeeze < 0.3)
		squeeze = 0.3;
	for (i = 0; i < n; i++) {
		double room = TEXT_WIDTH_CM - sneed;

		w[i] = need[i];
		if (room > 0 && sextra > 0)
			w[i] += room * (want[i] - need[i]) /
			    (room > sextra ? room : sextra);
		else if (!num[i])
			w[i] *= squeeze;
	}
	free(need);
	free(want);
	free(num);
}

/* content.xml's automatic styles: a width per column of each table, and
   the look of cells and frames. */
static void
auto_styles(struct xml *x, const struct report *r)
{
	const struct report_block *bl;

	start(x, "office:automatic-styles");
	for (bl = r->doc.blocks; bl; bl = bl->next) {
		double *w;
		size_t i;
		char name[32];

		if (bl->kind != REPORT_TABLE)
			continue;
		snprintf(name, sizeof(name), "Tab%d", bl->number);
		style(x, name, "table", NULL, "style:table-properties",
		    "style:width", "17cm", "table:align", "margins",
		    "fo:margin-bottom", "0.3cm", "style:may-break-between-rows",
		    "true", NULL);
		w = xcalloc(bl->ncols + 1, sizeof(*w));
		column_widths(bl, w);
		for (i = 0; i < bl->ncols; i++) {
			char col[48], rel[32];

			snprintf(col, sizeof(col), "Tab%d.C%zu", bl->number,
			    i + 1);
			snprintf(rel, sizeof(rel), "%ld*",
			    (long)(w[i] * 100 + 0.5));
			style(x, col, "table-column", NULL,
			    "style:table-column-properties",
			    "style:rel-column-width", rel, NULL);
		}
		free(w);
	}
	style(x, "Cell", "table-cell", NULL, "style:table-cell-properties",
	    "fo:border", "0.5pt solid #999999", "fo:padding", "0.06cm",
	    NULL);
	style(x, "Head", "table-cell", NULL, "style:table-cell-properties",
	    "fo:border", "0.5pt solid #999999", "fo:padding", "0.06cm",
	    "fo:background-color", "#e8e8e8", NULL);
	style(x, "Total", "table-cell", NULL, "style:table-cell-properties",
	    "fo:border", "0.5pt solid #999999", "fo:border-top",
	    "1.5pt solid #333333", "fo:padding", "0.06cm", NULL);
	style(x, "Chart", "graphic", "Graphics", "style:graphic-properties",
	    "style:vertical-pos", "top", "style:vertical-rel", "baseline",
	    "style:horizontal-pos", "center", "style:horizontal-rel",
	    "paragraph", "fo:border", "none", NULL);
	/* traffic lights: green, yellow, red (Okabe-Ito) */
	style(x, "Light1", "text", NULL, "style:text-properties", "fo:color",
	    "#009E73", NULL);
	style(x, "Light2", "text", NULL, "style:text-properties", "fo:color",
	    "#E69F00", NULL);
	style(x, "Light3", "text", NULL, "style:text-properties", "fo:color",
	    "#D55E00", NULL);
	pstyle(x, "Bold", "Table_20_Contents", NULL, P("fo:font-weight",
	    "bold"), 0);
	pstyle(x, "Bold_20_Number", "Table_20_Number", NULL,
	    P("fo:font-weight", "bold"), 0);
	end(x);
}

/* A caption: its label with the number as a sequence field, which
   LibreOffice counts and lists in its indexes of tables and figures. */
static void
caption(struct xml *x, const struct report_block *bl, const char *seq)
{
	char num[16];

	start(x, "text:p");
	attr(x, "text:style-name", seq);
	if (!bl->numlen) {
		text(x, bl->text);
		end(x);
		return;
	}
	write_run(x, bl->text, bl->numpos);
	start(x, "text:sequence");
	attrf(x, "text:ref-name", "ref%s%d", seq, bl->number);
	attr(x, "text:name", seq);
	attrf(x, "text:formula", "ooow:%s+1", seq);
	attr(x, "style:num-format", "1");
	snprintf(num, sizeof(num), "%d", bl->number);
	text(x, num);
	end(x);
	text(x, bl->text + bl->numpos + bl->numlen);
	end(x);
}

static void
cell(struct xml *x, const struct report_cell *c, bool head, bool total)
{
	static const char *const pstyles[2][2][2] = {
		/* [head][total][num] */
		{ { "Table_20_Contents", "Table_20_Number" },
		  { "Bold", "Bold_20_Number" } },
		{ { "Table_20_Heading", "Table_20_Heading_20_Number" },
		  { "Table_20_Heading", "Table_20_Heading_20_Number" } },
	};
	int i;

	start(x, "table:table-cell");
	attr(x, "table:style-name", head ? "Head" : total ? "Total" : "Cell");
	attr(x, "office:value-type", "string");
	if (c->span > 1)
		attrf(x, "table:number-columns-spanned", "%d", c->span);
	start(x, "text:p");
	attr(x, "text:style-name", pstyles[head][total][c->num]);
	if (c->light) {
		/* the light's symbol (up to the space) in its colour */
		size_t n = strcspn(c->text, " ");
		char style[16];

		snprintf(style, sizeof(style), "Light%d", c->light);
		start(x, "text:span");
		attr(x, "text:style-name", style);
		write_run(x, c->text, n);
		end(x);
		text_lines(x, c->text + n, c->lines);
	} else {
		text_lines(x, c->text, c->lines);
	}
	end(x);
	end(x);
	for (i = 1; i < c->span; i++)
		empty(x, "table:covered-table-cell", NULL);
}

static void
table(struct xml *x, const struct report_block *bl)
{
	const struct report_cell *c;
	const struct report_row *rw;
	size_t i;

	caption(x, bl, "Table");
	start(x, "table:table");
	attrf(x, "table:name", "Tabelle%d", bl->number);
	attrf(x, "table:style-name", "Tab%d", bl->number);
	for (i = 0; i < bl->ncols; i++) {
		start(x, "table:table-column");
		attrf(x, "table:style-name", "Tab%d.C%zu", bl->number, i + 1);
		end(x);
	}
	start(x, "table:table-header-rows");
	start(x, "table:table-row");
	for (c = bl->head; c; c = c->next)
		cell(x, c, true, false);
	end(x);
	end(x);
	for (rw = bl->rows; rw; rw = rw->next) {
		start(x, "table:table-row");
		for (c = rw->cells; c; c = c->next)
			cell(x, c, false, rw->kind == REPORT_ROW_TOTAL);
		end(x);
	}
	end(x);
}

static void
figure(struct xml *x, const struct report_block *bl)
{
	double h = TEXT_WIDTH_CM * bl->height / bl->width;

	start(x, "text:p");
	attr(x, "text:style-name", "Figure_20_Frame");
	start(x, "draw:frame");
	attr(x, "draw:style-name", "Chart");
	attrf(x, "draw:name", "Abbildung%d", bl->number);
	attr(x, "text:anchor-type", "as-char");
	attrf(x, "svg:width", "%.2fcm", TEXT_WIDTH_CM);
	attrf(x, "svg:height", "%.2fcm", h);
	start(x, "draw:image");
	attrf(x, "xlink:href", "Pictures/figure-%d.svg", bl->number);
	attr(x, "xlink:type", "simple");
	attr(x, "xlink:show", "embed");
	attr(x, "xlink:actuate", "onLoad");
	attr(x, "draw:mime-type", "image/svg+xml");
	end(x);
	start(x, "svg:title");
	text(x, bl->text);
	end(x);
	start(x, "svg:desc");
	text(x, bl->alt);
	end(x);
	end(x);
	end(x);
	caption(x, bl, "Figure");
	para(x, "Figure_20_Text", bl->alt);
}

static void
item(struct xml *x, const struct report_item *it)
{
	start(x, "text:p");
	attr(x, "text:style-name", "List_20_Contents");
	span(x, "Source_20_Text", it->id);
	text(x, " ");
	span(x, "Strong_20_Emphasis", it->title);
	if (it->text) {
		text(x, ": ");
		text(x, it->text);
	}
	if (it->note) {
		text(x, " ");
		start(x, "text:span");
		attr(x, "text:style-name", "Emphasis");
		text(x, "(");
		text(x, it->note);
		text(x, ")");
		end(x);
	}
	end(x);
}

/* A bullet list; a group's items are its sub-list. */
static void
list(struct xml *x, const struct report_block *bl)
{
	const struct report_item *it;
	bool open = false;

	start(x, "text:list");
	attr(x, "text:style-name", "List_20_Bullet");
	for (it = bl->items; it; it = it->next) {
		if (it->group && open) {
			end(x);		/* text:list */
			end(x);		/* text:list-item */
			open = false;
		}
		start(x, "text:list-item");
		item(x, it);
		if (it->group) {
			start(x, "text:list");
			open = true;
		} else {
			end(x);
		}
	}
	if (open) {
		end(x);
		end(x);
	}
	end(x);
}

static void
heading(struct xml *x, const struct report_block *bl)
{
	char style[32];

	snprintf(style, sizeof(style), "Heading_20_%d", bl->level);
	start(x, "text:h");
	attr(x, "text:style-name", style);
	attrf(x, "text:outline-level", "%d", bl->level);
	text(x, bl->text);
	end(x);
}

static void
toc_template(struct xml *x, int level)
{
	char style[32];

	snprintf(style, sizeof(style), "Contents_20_%d", level);
	start(x, "text:table-of-content-entry-template");
	attrf(x, "text:outline-level", "%d", level);
	attr(x, "text:style-name", style);
	empty(x, "text:index-entry-link-start", NULL);
	empty(x, "text:index-entry-text", NULL);
	empty(x, "text:index-entry-tab-stop", "style:type", "right",
	    "style:leader-char", ".", NULL);
	empty(x, "text:index-entry-page-number", NULL);
	empty(x, "text:index-entry-link-end", NULL);
	end(x);
}

/*
 * The contents as an index LibreOffice knows (chapters and the annex's
 * parties, outline levels 1 and 2 with a line in the contents). Its
 * body is filled with the headings, each a link to its heading; the page
 * numbers come when a word processor updates the index, as only it knows
 * the pages.
 */
static void
contents(struct xml *x, const struct report_doc *d)
{
	const struct report_block *bl;

	start(x, "text:table-of-content");
	attr(x, "text:name", "Inhalt");
	attr(x, "text:protected", "true");
	start(x, "text:table-of-content-source");
	attr(x, "text:outline-level", "2");
	attr(x, "text:use-index-marks", "false");
	start(x, "text:index-title-template");
	attr(x, "text:style-name", "Contents_20_Heading");
	text(x, d->contents);
	end(x);
	toc_template(x, 1);
	toc_template(x, 2);
	end(x);
	start(x, "text:index-body");
	start(x, "text:index-title");
	attr(x, "text:name", "Inhalt_Head");
	para(x, "Contents_20_Heading", d->contents);
	end(x);
	for (bl = d->blocks; bl; bl = bl->next) {
		char style[32];

		if (bl->kind != REPORT_HEADING || !bl->toc || bl->level > 2)
			continue;
		snprintf(style, sizeof(style), "Contents_20_%d", bl->level);
		start(x, "text:p");
		attr(x, "text:style-name", style);
		start(x, "text:a");
		attr(x, "text:style-name", "Index_20_Link");
		attr(x, "text:visited-style-name", "Index_20_Link");
		attr(x, "xlink:type", "simple");
		attrf(x, "xlink:href", "#%s|outline", bl->text);
		text(x, bl->toc);
		end(x);
		end(x);
	}
	end(x);
	end(x);
}

static char *
content_xml(const struct report *r, size_t *len)
{
	const struct report_doc *d = &r->doc;
	const struct report_block *bl;
	struct xml x;

	xml_open(&x);
	start(&x, "office:document-content");
	namespaces(&x);
	font_faces(&x);
	auto_styles(&x, r);
	start(&x, "office:body");
	start(&x, "office:text");
	start(&x, "text:sequence-decls");
	empty(&x, "text:sequence-decl", "text:display-outline-level", "0",
	    "text:name", "Table", NULL);
	empty(&x, "text:sequence-decl", "text:display-outline-level", "0",
	    "text:name", "Figure", NULL);
	end(&x);
	para(&x, "Title", d->title);
	para(&x, "Subtitle", d->subtitle);
	para(&x, "Subtitle", d->org);
	para(&x, "Title_20_Line", d->parties);
	if (d->date)
		para(&x, "Title_20_Line", d->date);
	contents(&x, d);
	for (bl = d->blocks; bl; bl = bl->next) {
		switch (bl->kind) {
		case REPORT_HEADING:
			heading(&x, bl);
			break;
		case REPORT_PARA:
			para(&x, "Text_20_body", bl->text);
			break;
		case REPORT_NOTE:
			para(&x, "Note", bl->text);
			break;
		case REPORT_QUOTE:
			para(&x, "Quotations", bl->text);
			break;
		case REPORT_TABLE:
			table(&x, bl);
			break;
		case REPORT_FIGURE:
			figure(&x, bl);
			break;
		case REPORT_LIST:
			list(&x, bl);
			break;
		}
	}
	end(&x);
	end(&x);
	end(&x);
	return xml_close(&x, len);
}

/* meta.xml: title, language, generator; a date only if the report has
   one, so that the same data give the same file. */
static char *
meta_xml(const struct report *r, size_t *len)
{
	const char *lng, *cty;
	struct xml x;

	language(r->opts.lang, &lng, &cty);
	xml_open(&x);
	start(&x, "office:document-meta");
	attr(&x, "xmlns:office", NS_OFFICE);
	attr(&x, "xmlns:meta", NS_META);
	attr(&x, "xmlns:dc", NS_DC);
	attr(&x, "office:version", ODF_VERSION);
	start(&x, "office:meta");
	start(&x, "meta:generator");
	text(&x, "konkordat/" KK_VERSION);
	end(&x);
	start(&x, "dc:title");
	attr(&x, "xml:lang", lng);
	text(&x, r->doc.title);
	text(&x, " – ");
	text(&x, r->doc.org);
	end(&x);
	start(&x, "dc:language");
	text(&x, lng);
	text(&x, "-");
	text(&x, cty);
	end(&x);
	if (r->opts.date) {
		char stamp[32];

		snprintf(stamp, sizeof(stamp), "%sT00:00:00", r->opts.date);
		start(&x, "meta:creation-date");
		text(&x, stamp);
		end(&x);
		start(&x, "dc:date");
		text(&x, stamp);
		end(&x);
	}
	end(&x);
	end(&x);
	return xml_close(&x, len);
}

static void
manifest_entry(struct xml *x, const char *path, const char *type)
{
	start(x, "manifest:file-entry");
	attr(x, "manifest:full-path", path);
	if (!strcmp(path, "/"))
		attr(x, "manifest:version", ODF_VERSION);
	attr(x, "manifest:media-type", type);
	end(x);
}

static char *
manifest_xml(const struct report *r, size_t *len)
{
	const struct report_block *bl;
	struct xml x;

	xml_open(&x);
	start(&x, "manifest:manifest");
	attr(&x, "xmlns:manifest", NS_MANIFEST);
	attr(&x, "manifest:version", ODF_VERSION);
	manifest_entry(&x, "/", MIMETYPE);
	manifest_entry(&x, "content.xml", "text/xml");
	manifest_entry(&x, "styles.xml", "text/xml");
	manifest_entry(&x, "meta.xml", "text/xml");
	for (bl = r->doc.blocks; bl; bl = bl->next)
		if (bl->kind == REPORT_FIGURE) {
			char path[48];

			snprintf(path, sizeof(path), "Pictures/figure-%d.svg",
			    bl->number);
			manifest_entry(&x, path, "image/svg+xml");
		}
	end(&x);
	return xml_close(&x, len);
}

/* The package being put together in memory. */
struct pkg {
	zip_t *za;
	zip_uint16_t dosdate;	/* every entry's date, at 00:00 */
	char *err;		/* the first failure, or NULL */
};

/* Add DATA (LEN bytes, which the package takes) as NAME; STORE leaves
   it uncompressed. */
static void
pkg_add(struct pkg *p, const char *name, char *data, size_t len,
    bool store)
{
	zip_source_t *src;
	zip_int64_t i;

	if (p->err) {
		free(data);
		return;
	}
	if (!data) {
		p->err = xasprintf(_("cannot write '%s'"), name);
		return;
	}
	src = zip_source_buffer(p->za, data, len, 1);
	if (!src) {
		free(data);
		p->err = xasprintf(_("cannot add '%s': %s"), name,
		    zip_strerror(p->za));
		return;
	}
	i = zip_file_add(p->za, name, src, ZIP_FL_ENC_UTF_8);
	if (i < 0) {
		zip_source_free(src);
		p->err = xasprintf(_("cannot add '%s': %s"), name,
		    zip_strerror(p->za));
		return;
	}
	if (zip_set_file_compression(p->za, (zip_uint64_t)i,
	    store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, store ? 0 : 9) ||
	    zip_file_set_dostime(p->za, (zip_uint64_t)i, 0, p->dosdate, 0))
		p->err = xasprintf(_("cannot add '%s': %s"), name,
		    zip_strerror(p->za));
}

/* The day every entry carries: the report's date, else 1 January 1980,
   the first day a zip file can say. */
static zip_uint16_t
dos_date(const char *date)
{
	int y = 1980, m = 1, d = 1;

	if (date && kk_date_valid(date)) {
		y = (int)strtol(date, NULL, 10);
		m = (int)strtol(date + 5, NULL, 10);
		d = (int)strtol(date + 8, NULL, 10);
	}
	if (y < 1980 || y > 2107)
		y = 1980, m = 1, d = 1;
	return (zip_uint16_t)(((y - 1980) << 9) | (m << 5) | d);
}

/* Copy the finished package out of SRC to FP. */
static int
pkg_copy(zip_source_t *src, FILE *fp, char **errmsg)
{
	char chunk[65536];
	zip_int64_t n;
	int rc = KK_OK;

	if (zip_source_open(src) < 0) {
		*errmsg = xasprintf(_("cannot read the package: %s"),
		    zip_error_strerror(zip_source_error(src)));
		return KK_EIO;
	}
	while ((n = zip_source_read(src, chunk, sizeof(chunk))) > 0)
		if (fwrite(chunk, 1, (size_t)n, fp) != (size_t)n) {
			*errmsg = xstrdup(_("cannot write the report"));
			rc = KK_EIO;
			break;
		}
	if (!rc && n < 0) {
		*errmsg = xasprintf(_("cannot read the package: %s"),
		    zip_error_strerror(zip_source_error(src)));
		rc = KK_EIO;
	}
	zip_source_close(src);
	return rc;
}

/*
 * Write report R to FP as an OpenDocument text in R's language. Returns 0,
 * or KK_EIO with *ERRMSG (the caller frees) saying why.
 */
int
report_odt(const struct report *r, FILE *fp, char **errmsg)
{
	const struct report_block *bl;
	struct pkg p = { NULL, dos_date(r->opts.date), NULL };
	zip_source_t *src;
	zip_error_t ze;
	size_t len = 0;
	char *data;
	int rc;

	*errmsg = NULL;
	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!src)
		die("out of memory");
	/* the package outlives zip_close(): it is read from SRC after */
	zip_source_keep(src);
	p.za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	if (!p.za) {
		*errmsg = xasprintf(_("cannot make the package: %s"),
		    zip_error_strerror(&ze));
		zip_error_fini(&ze);
		zip_source_free(src);
		zip_source_free(src);
		return KK_EIO;
	}
	pkg_add(&p, "mimetype", xstrdup(MIMETYPE), strlen(MIMETYPE), true);
	data = manifest_xml(r, &len);
	pkg_add(&p, "META-INF/manifest.xml", data, len, false);
	data = content_xml(r, &len);
	pkg_add(&p, "content.xml", data, len, false);
	data = styles_xml(r, &len);
	pkg_add(&p, "styles.xml", data, len, false);
	data = meta_xml(r, &len);
	pkg_add(&p, "meta.xml", data, len, false);
	for (bl = r->doc.blocks; bl; bl = bl->next) {
		char name[48], *svg;

		if (bl->kind != REPORT_FIGURE)
			continue;
		snprintf(name, sizeof(name), "Pictures/figure-%d.svg",
		    bl->number);
		svg = xasprintf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n%s",
		    bl->svg);
		pkg_add(&p, name, svg, strlen(svg), false);
	}
	if (p.err) {
		zip_discard(p.za);
		zip_source_free(src);
		*errmsg = p.err;
		zip_error_fini(&ze);
		return KK_EIO;
	}
	if (zip_close(p.za) < 0) {
		*errmsg = xasprintf(_("cannot make the package: %s"),
		    zip_strerror(p.za));
		zip_discard(p.za);
		zip_source_free(src);
		zip_error_fini(&ze);
		return KK_EIO;
	}
	rc = pkg_copy(src, fp, errmsg);
	zip_source_free(src);
	zip_error_fini(&ze);
	return rc;
}
