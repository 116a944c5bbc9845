/* report-html.c: the planning report as one self-contained HTML file: CSS inline, charts inline, nothing fetched. */
#include "store.h"

/*
 * The document uses only elements that HTML 4 knows besides the inline
 * SVG (div with classes where HTML 5 would say section or figure), so
 * that libxml2's HTML parser, which the tests run, reads it without a
 * complaint. Output is a function of the data and the options alone: no
 * clock, no locale, no hash order. What the report says is report.c's
 * document; this file only gives it a form.
 */

static const char css[] =
	"body{font-family:'DejaVu Serif',Georgia,serif;max-width:62em;"
	"margin:2em auto;padding:0 1em;line-height:1.45;color:#111}\n"
	"h1,h2,h3,h4,.caption,caption,th{font-family:'DejaVu Sans',Arial,"
	"sans-serif}\n"
	"h2{border-bottom:2px solid #0072B2;padding-bottom:.2em;margin-top:2em}\n"
	"table{border-collapse:collapse;width:100%;font-size:.88em}\n"
	".tablewrap{overflow-x:auto;margin:.5em 0 1.5em}\n"
	".wide table{font-size:.76em}\n"
	".wide th,.wide td{padding:.2em .3em}\n"
	"caption{text-align:left;font-weight:bold;padding:.3em 0}\n"
	"th,td{border:1px solid #999;padding:.25em .45em;vertical-align:top;"
	"text-align:left}\n"
	"th{background:#e8e8e8}\n"
	".num{text-align:right}td.num{white-space:nowrap}\n"
	".light1{color:#009E73}.light2{color:#E69F00}.light3{color:#D55E00}\n"
	"tr.total td{font-weight:bold;border-top:2px solid #333}\n"
	".figure{margin:1.5em 0}\n"
	"svg.chart{max-width:100%;height:auto;display:block}\n"
	".caption{font-weight:bold;margin:.3em 0}\n"
	".alt{font-size:.9em;color:#333}\n"
	".titlepage{text-align:center;padding:4em 0 2em}\n"
	".titlepage h1{font-size:2.6em;margin-bottom:.2em}\n"
	".subtitle{font-size:1.4em}\n"
	".note{border-left:5px solid #E69F00;background:#fff6e0;"
	"padding:.6em 1em;font-weight:bold}\n"
	".toc ol{list-style:none;padding-left:1em}\n"
	".toc a{text-decoration:none;color:#0b3d91}\n"
	"blockquote{margin:.5em 0 1em;padding:.2em 1em;border-left:4px solid "
	"#56B4E9}\n"
	".id{font-family:'DejaVu Sans Mono',monospace;font-size:.85em;"
	"color:#444}\n"
	"@page{size:A4;margin:2cm 1.8cm}\n"
	"@page landscape{size:A4 landscape;margin:1.8cm 2cm}\n"
	"@media print{body{max-width:none;margin:0;padding:0;font-size:10pt}"
	".chapter{page-break-before:always}.titlepage{padding-top:8em}"
	"a{color:inherit;text-decoration:none}"
	"tr,.figure,h3,h4{page-break-inside:avoid}"
	"h2,h3,h4,caption{page-break-after:avoid}"
	"thead{display:table-header-group}"
	".tablewrap{overflow:visible}.wide table{font-size:7.5pt}"
	".landscape{page:landscape}}\n";

static void
head(struct html *h, const struct report *r)
{
	const struct report_doc *d = &r->doc;

	html_raw(h, "<!DOCTYPE html>\n<html lang=\"");
	html_attr(h, r->opts.lang);
	html_raw(h, "\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<meta name=\"generator\" content=\"konkordat\">\n<title>");
	html_txtf(h, "%s – %s", d->title, d->org);
	html_raw(h, "</title>\n<style>\n");
	html_raw(h, css);
	html_raw(h, "</style>\n</head>\n<body>\n");
}

/* A link to a heading's anchor, with its line in the contents. */
static void
toc_link(struct html *h, const struct report_block *bl)
{
	html_raw(h, "<li><a href=\"#");
	html_attr(h, bl->id);
	html_raw(h, "\">");
	html_txt(h, bl->toc);
	html_raw(h, "</a>");
}

/* The title page, then the contents: the chapters, and under a chapter
   the sections that have a line in the contents. */
static void
titlepage(struct html *h, const struct report_doc *d)
{
	const struct report_block *bl;
	bool chapter = false, sub = false;

	html_raw(h, "<div class=\"titlepage\">\n<h1>");
	html_txt(h, d->title);
	html_raw(h, "</h1>\n<p class=\"subtitle\">");
	html_txt(h, d->subtitle);
	html_raw(h, "</p>\n<p class=\"subtitle\">");
	html_txt(h, d->org);
	html_raw(h, "</p>\n<p>");
	html_txt(h, d->parties);
	html_raw(h, "</p>\n");
	if (d->date) {
		html_raw(h, "<p>");
		html_txt(h, d->date);
		html_raw(h, "</p>\n");
	}
	html_raw(h, "</div>\n<div class=\"toc\">\n<h2 id=\"inhalt\">");
	html_txt(h, d->contents);
	html_raw(h, "</h2>\n<ol>\n");
	for (bl = d->blocks; bl; bl = bl->next) {
		if (bl->kind != REPORT_HEADING || !bl->toc)
			continue;
		if (bl->level > 1) {
			if (!sub)
				html_raw(h, "\n<ol>\n");
			sub = true;
			toc_link(h, bl);
			html_raw(h, "</li>\n");
			continue;
		}
		if (sub)
			html_raw(h, "</ol>\n");
		if (chapter)
			html_raw(h, "</li>\n");
		toc_link(h, bl);
		chapter = true;
		sub = false;
	}
	if (sub)
		html_raw(h, "</ol>\n");
	if (chapter)
		html_raw(h, "</li>\n");
	html_raw(h, "</ol>\n</div>\n");
}

static void
heading(struct html *h, const struct report_block *bl)
{
	if (bl->level == 1)
		html_raw(h, "<div class=\"chapter\">\n");
	html_rawf(h, "<h%d", bl->level + 1);
	if (bl->id) {
		html_raw(h, " id=\"");
		html_attr(h, bl->id);
		html_raw(h, "\"");
	}
	html_raw(h, ">");
	html_txt(h, bl->text);
	html_rawf(h, "</h%d>\n", bl->level + 1);
}

static void
cell(struct html *h, const struct report_cell *c, const char *tag)
{
	const char *s, *nl;

	html_rawf(h, "<%s", tag);
	if (c->num)
		html_raw(h, " class=\"num\"");
	if (c->span > 1)
		html_rawf(h, " colspan=\"%d\"", c->span);
	html_raw(h, ">");
	s = c->text;
	if (c->light) {
		/* the light's symbol (up to the space) in its colour */
		struct buf sym = BUF_INIT;

		buf_add(&sym, s, strcspn(s, " "));
		html_rawf(h, "<span class=\"light%d\">", c->light);
		html_txt(h, sym.s);
		html_raw(h, "</span>");
		s += sym.len;
		buf_release(&sym);
	}
	for (; c->lines && (nl = strchr(s, '\n')); s = nl + 1) {
		struct buf line = BUF_INIT;

		buf_add(&line, s, (size_t)(nl - s));
		html_txt(h, line.s);
		html_raw(h, "<br>");
		buf_release(&line);
	}
	html_txt(h, s);
	html_rawf(h, "</%s>", tag);
}

static void
table(struct html *h, const struct report_block *bl)
{
	static const char *const row_open[] = {
		[REPORT_ROW] = "<tr>",
		[REPORT_ROW_TOTAL] = "<tr class=\"total\">",
		[REPORT_ROW_SUB] = "<tr class=\"goal\">",
	};
	const struct report_cell *c;
	const struct report_row *rw;

	/*
	 * A table wider than the page scrolls on its own on screen rather
	 * than widen the page; one of many columns has a smaller font, and
	 * in print, with very many, a landscape page.
	 */
	html_raw(h, bl->ncols >= 12 ? "<div class=\"tablewrap wide landscape\">" :
	    bl->ncols >= 8 ? "<div class=\"tablewrap wide\">" :
	    "<div class=\"tablewrap\">");
	html_rawf(h, "<table id=\"tab-%d\"><caption>", bl->number);
	html_txt(h, bl->text);
	html_raw(h, "</caption>\n<thead><tr>");
	for (c = bl->head; c; c = c->next)
		cell(h, c, "th");
	html_raw(h, "</tr></thead>\n<tbody>\n");
	for (rw = bl->rows; rw; rw = rw->next) {
		html_raw(h, row_open[rw->kind]);
		for (c = rw->cells; c; c = c->next)
			cell(h, c, "td");
		html_raw(h, "</tr>\n");
	}
	html_raw(h, "</tbody>\n</table>\n</div>\n");
}

static void
figure(struct html *h, const struct report_block *bl)
{
	html_rawf(h, "<div class=\"figure\" id=\"fig-%d\">\n", bl->number);
	/* svg.c escaped every text it wrote into the chart */
	html_raw(h, bl->svg);
	html_raw(h, "<p class=\"caption\">");
	html_txt(h, bl->text);
	html_raw(h, "</p>\n<p class=\"alt\">");
	html_txt(h, bl->alt);
	html_raw(h, "</p>\n</div>\n");
}

static void
item_line(struct html *h, const struct report_item *it)
{
	html_raw(h, "<li><span class=\"id\">");
	html_txt(h, it->id);
	html_raw(h, "</span> <strong>");
	html_txt(h, it->title);
	html_raw(h, "</strong>");
	if (it->text) {
		html_raw(h, ": ");
		html_txt(h, it->text);
	}
	if (it->note) {
		html_raw(h, " <em>(");
		html_txt(h, it->note);
		html_raw(h, ")</em>");
	}
}

static void
list(struct html *h, const struct report_block *bl)
{
	const struct report_item *it;
	bool open = false;

	html_raw(h, "<ul>\n");
	for (it = bl->items; it; it = it->next) {
		if (it->group) {
			if (open)
				html_raw(h, "</ul></li>\n");
			item_line(h, it);
			html_raw(h, "\n<ul>\n");
			open = true;
		} else {
			item_line(h, it);
			html_raw(h, "</li>\n");
		}
	}
	if (open)
		html_raw(h, "</ul></li>\n");
	html_raw(h, "</ul>\n");
}

static void
paragraph(struct html *h, const char *open, const char *text,
    const char *close)
{
	html_raw(h, open);
	html_txt(h, text);
	html_raw(h, close);
}

/*
 * Write report R to FP as one HTML document in R's language. Returns 0, or
 * KK_EIO if writing failed.
 */
int
report_html(const struct report *r, FILE *fp)
{
	const struct report_block *bl;
	struct html h;
	bool chapter = false;

	html_init_file(&h, fp);
	head(&h, r);
	titlepage(&h, &r->doc);
	for (bl = r->doc.blocks; bl; bl = bl->next) {
		switch (bl->kind) {
		case REPORT_HEADING:
			if (bl->level == 1 && chapter)
				html_raw(&h, "</div>\n");
			chapter |= bl->level == 1;
			heading(&h, bl);
			break;
		case REPORT_PARA:
			paragraph(&h, "<p>", bl->text, "</p>\n");
			break;
		case REPORT_NOTE:
			paragraph(&h, "<p class=\"note\">", bl->text,
			    "</p>\n");
			break;
		case REPORT_QUOTE:
			paragraph(&h, "<blockquote><p>", bl->text,
			    "</p></blockquote>\n");
			break;
		case REPORT_TABLE:
			table(&h, bl);
			break;
		case REPORT_FIGURE:
			figure(&h, bl);
			break;
		case REPORT_LIST:
			list(&h, bl);
			break;
		}
	}
	if (chapter)
		html_raw(&h, "</div>\n");
	html_raw(&h, "</body>\n</html>\n");
	return html_error(&h);
}
