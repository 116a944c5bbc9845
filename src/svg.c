/* svg.c: the report's charts as inline SVG: timelines (Gantt, lifecycle), stacked bars, heatmap. */
#include "konkordat.h"

/*
 * Charts must survive a black-and-white printer and a reader who does not
 * tell red from green: series differ by the Okabe-Ito palette (safe for
 * the common colour blindnesses) and by a pattern, and every chart has a
 * legend in words, a <title> and a <desc>. Sizes are fixed (a viewBox that
 * CSS scales), so that the same data always gives the same bytes. Text
 * widths are estimated, not measured: a label wraps at its spaces to what
 * fits, and a word wider than its room is narrowed (textLength), never
 * cut, so that a name always reads whole.
 */

#define FONT 11
#define CHAR_W 6.2	/* average advance of the sans-serif font at FONT */
#define WIDTH 960
/* the characters of a timeline's row name per line, plain and bold */
#define ROW_CHARS 38
#define ROW_CHARS_BOLD 32

static const char *const palette[] = {
	"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
	"#F0E442", "#999999",
};

/* Over the colour of style I, the pattern that tells it apart in grey. */
static const char *const overlay[] = {
	"",
	"<path d=\"M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4\" stroke=\"#000\" "
	    "stroke-opacity=\".55\" stroke-width=\"1.2\"/>",
	"<circle cx=\"4\" cy=\"4\" r=\"1.6\" fill=\"#000\" "
	    "fill-opacity=\".55\"/>",
	"<path d=\"M0,4 h8\" stroke=\"#000\" stroke-opacity=\".55\" "
	    "stroke-width=\"1.5\"/>",
	"<path d=\"M0,0 l8,8 M8,0 l-8,8\" stroke=\"#000\" "
	    "stroke-opacity=\".55\" stroke-width=\"1\"/>",
	"<path d=\"M4,0 v8\" stroke=\"#000\" stroke-opacity=\".55\" "
	    "stroke-width=\"1.5\"/>",
};

void
svg_txt(struct html *h, const char *s)
{
	html_txt(h, s);
}

void
svg_txtf(struct html *h, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	html_txt(h, b.s);
	buf_release(&b);
}

static size_t
nchars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if ((*s & 0xc0) != 0x80)
			n++;
	return n;
}

static double
text_width(const char *s)
{
	return (double)nchars(s) * CHAR_W;
}

#define LINE_H 12	/* a line of a wrapped label */
#define MAX_LINES 3

/*
 * S broken at its spaces into lines of at most MAX characters, at most
 * MAX_LINES of them (the last takes the rest): their starts and lengths
 * in bytes. A word longer than MAX is a line of its own. Returns the
 * number of lines.
 */
static size_t
wrap(const char *s, size_t max, const char *start[MAX_LINES],
    size_t len[MAX_LINES])
{
	size_t n = 0;

	while (*s == ' ')
		s++;
	while (*s && n < MAX_LINES) {
		const char *end = s, *p = s, *fit = NULL;
		size_t chars = 0;

		if (n + 1 == MAX_LINES) {
			start[n] = s;
			len[n++] = strlen(s);
			break;
		}
		/* the last space within MAX characters, or the first word */
		for (; *p; p++) {
			if ((*p & 0xc0) != 0x80)
				chars++;
			if (*p == ' ') {
				if (chars - 1 > max && fit)
					break;
				fit = p;
				if (chars - 1 > max)
					break;
			}
		}
		if (!*p && (chars <= max || !fit))
			end = p;
		else
			end = fit ? fit : p;
		start[n] = s;
		len[n++] = (size_t)(end - s);
		s = end;
		while (*s == ' ')
			s++;
	}
	return n;
}

static size_t
label_lines(const char *s, size_t max)
{
	const char *start[MAX_LINES];
	size_t len[MAX_LINES];

	return wrap(s, max, start, len);
}

/*
 * S as the lines of a <text> already opened at X (ANCHOR's side), at most
 * MAX characters each and WIDTH wide: a line wider is narrowed to WIDTH.
 * The first line's baseline is the text's y; the others follow.
 */
static void
label(struct html *h, const char *s, size_t max, double x, double width)
{
	const char *start[MAX_LINES];
	size_t len[MAX_LINES], n = wrap(s, max, start, len), i;

	for (i = 0; i < n; i++) {
		struct buf line = BUF_INIT;

		buf_add(&line, start[i], len[i]);
		html_rawf(h, "<tspan x=\"%.1f\"%s", x, i ? " dy=\"12\"" : "");
		if (text_width(line.s) > width)
			html_rawf(h, " textLength=\"%.1f\" "
			    "lengthAdjust=\"spacingAndGlyphs\"", width);
		html_raw(h, ">");
		svg_txt(h, line.s);
		html_raw(h, "</tspan>");
		buf_release(&line);
	}
}

static void
open_svg(struct html *h, const struct svg_chart *c, int width, int height)
{
	html_rawf(h, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
	    "role=\"img\" aria-labelledby=\"", width, height, width, height);
	html_attrf(h, "%s-t %s-d", c->id, c->id);
	html_rawf(h, "\" font-family=\"DejaVu Sans, Arial, sans-serif\" "
	    "font-size=\"%d\">\n<title id=\"", FONT);
	html_attrf(h, "%s-t", c->id);
	html_raw(h, "\">");
	svg_txt(h, c->title);
	html_raw(h, "</title>\n<desc id=\"");
	html_attrf(h, "%s-d", c->id);
	html_raw(h, "\">");
	svg_txt(h, c->desc);
	html_raw(h, "</desc>\n");
}

/* A pattern per style: colour and texture, ids CHART-pN. */
static void
patterns(struct html *h, const struct svg_chart *c, size_t n)
{
	size_t i;

	html_raw(h, "<defs>\n");
	for (i = 0; i < n; i++) {
		html_raw(h, "<pattern id=\"");
		html_attrf(h, "%s-p%zu", c->id, i);
		html_rawf(h, "\" width=\"8\" height=\"8\" "
		    "patternUnits=\"userSpaceOnUse\"><rect width=\"8\" "
		    "height=\"8\" fill=\"%s\"/>%s</pattern>\n",
		    palette[i % KK_ARRAY_SIZE(palette)],
		    overlay[i % KK_ARRAY_SIZE(overlay)]);
	}
	html_raw(h, "<marker id=\"");
	html_attrf(h, "%s-arrow", c->id);
	html_raw(h, "\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
	    "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
	    "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#333\"/></marker>\n");
	html_raw(h, "</defs>\n");
}

static void
fill(struct html *h, const struct svg_chart *c, int style)
{
	html_raw(h, " fill=\"url(#");
	html_attrf(h, "%s-p%d", c->id, style);
	html_raw(h, ")\"");
}

/* Text with a white halo, readable over any fill. */
static void
halo_text(struct html *h, double x, double y, const char *anchor,
    const char *s)
{
	html_rawf(h, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" "
	    "stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">",
	    x, y, anchor);
	svg_txt(h, s);
	html_raw(h, "</text>\n");
}

static void
tip(struct html *h, const char *s)
{
	if (!s)
		return;
	html_raw(h, "<title>");
	svg_txt(h, s);
	html_raw(h, "</title>");
}

/* A legend of swatches and words from Y down; returns its height. */
struct legend_pos {
	double x, y;
	int line;
};

static void
legend_next(struct legend_pos *p, const char *text)
{
	double w = 18 + text_width(text) + 18;

	if (p->x + w > WIDTH - 10 && p->x > 10) {
		p->x = 10;
		p->y += 18;
		p->line++;
	}
}

static void
legend_item(struct html *h, struct legend_pos *p, const char *text)
{
	html_rawf(h, "<text x=\"%.1f\" y=\"%.1f\">", p->x + 18, p->y + 10);
	svg_txt(h, text);
	html_raw(h, "</text>\n");
	p->x += 18 + text_width(text) + 18;
}

static void
legend_swatch(struct html *h, const struct svg_chart *c,
    struct legend_pos *p, int style, const char *text)
{
	legend_next(p, text);
	html_rawf(h, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" "
	    "stroke=\"#333\" stroke-width=\".5\"", p->x, p->y);
	fill(h, c, style);
	html_raw(h, "/>\n");
	legend_item(h, p, text);
}

static void
diamond(struct html *h, double x, double y, bool done, const char *t)
{
	html_rawf(h, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f "
	    "%.1f,%.1f\" fill=\"%s\" stroke=\"#000\" stroke-width=\"1.2\">",
	    x, y - 6, x + 6, y, x, y + 6, x - 6, y, done ? "#000" : "#fff");
	tip(h, t);
	html_raw(h, "</polygon>\n");
}

/* How many lines the legend of a timeline takes (to size the chart). */
static int
legend_lines(const struct svg_legend *lg)
{
	struct legend_pos p = { 10, 0, 1 };
	size_t i;

	for (i = 0; i < lg->nstyles; i++) {
		legend_next(&p, lg->styles[i]);
		p.x += 36 + text_width(lg->styles[i]);
	}
	for (i = 0; i < 2; i++)
		if (lg->marks[i]) {
			legend_next(&p, lg->marks[i]);
			p.x += 36 + text_width(lg->marks[i]);
		}
	if (lg->emphasis) {
		legend_next(&p, lg->emphasis);
		p.x += 36 + text_width(lg->emphasis);
	}
	if (lg->link) {
		legend_next(&p, lg->link);
		p.x += 36 + text_width(lg->link);
	}
	return p.line;
}

/* Day 1 January of YEAR. */
static long
year_day(int year)
{
	char date[24];

	snprintf(date, sizeof(date), "%04d-01-01", year);
	return kk_date_days(date);
}

/* A time axis: days D0..D1 on LEFT..RIGHT; days outside are cut. */
struct axis {
	long d0, d1;
	double left, right;
};

static double
xpos(const struct axis *ax, long day)
{
	if (day < ax->d0)
		day = ax->d0;
	if (day > ax->d1)
		day = ax->d1;
	return ax->left + (double)(day - ax->d0) * (ax->right - ax->left) /
	    (double)(ax->d1 - ax->d0);
}

/*
 * Rows of spans on a time axis from 1 January of YEAR0 to 31 December of
 * YEAR1: a Gantt chart (one span per project, milestones, dependencies as
 * arrows) or a lifecycle chart (a span per phase). Spans outside the axis
 * are cut at its ends.
 */
void
svg_timeline(struct html *h, const struct svg_chart *c, int year0,
    int year1, const struct svg_row *rows, size_t nrows,
    const struct svg_link *links, size_t nlinks,
    const struct svg_legend *lg)
{
	const double left = 260, right = WIDTH - 20, top = 28;
	struct axis ax;
	long d0, d1;
	double rowh, plot_bottom;
	int height;
	struct legend_pos lp;
	size_t i, j, lines = 1;
	int y;

	/* the rows are as high as the longest name needs */
	for (i = 0; i < nrows; i++) {
		size_t n = label_lines(rows[i].label, rows[i].emphasis ?
		    ROW_CHARS_BOLD : ROW_CHARS);

		if (n > lines)
			lines = n;
	}
	rowh = lines > 1 ? LINE_H * (double)lines + 8 : 24;
	plot_bottom = top + rowh * (double)nrows;
	height = (int)plot_bottom + 16 + 18 * legend_lines(lg) + 6;

	d0 = year_day(year0);
	d1 = year_day(year1 + 1);
	ax.d0 = d0;
	ax.d1 = d1;
	ax.left = left;
	ax.right = right;
	open_svg(h, c, WIDTH, height);
	patterns(h, c, lg->nstyles);
	/* years: a band each, alternately shaded, labelled on top */
	for (y = year0; y <= year1; y++) {
		long a, b;

		a = year_day(y);
		b = year_day(y + 1);
		html_rawf(h, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"%.1f\" fill=\"%s\"/>\n", xpos(&ax, a), top - 4,
		    xpos(&ax, b) - xpos(&ax, a), plot_bottom - top + 4,
		    (y - year0) % 2 ? "#f2f2f2" : "#ffffff");
		html_rawf(h, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#bbb\" stroke-width=\".5\"/>\n",
		    xpos(&ax, a), top - 4, xpos(&ax, a), plot_bottom);
		html_rawf(h, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
		    "font-weight=\"bold\">%d</text>\n", (xpos(&ax, a) + xpos(&ax, b)) / 2,
		    top - 10, y);
	}
	for (i = 0; i < nrows; i++) {
		const struct svg_row *r = &rows[i];
		double ry = top + rowh * (double)i, cy = ry + rowh / 2;

		size_t nl = label_lines(r->label, r->emphasis ?
		    ROW_CHARS_BOLD : ROW_CHARS);

		html_rawf(h, "<g><text x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"end\"%s>", left - 8, cy + 4 -
		    LINE_H * (double)(nl - 1) / 2,
		    r->emphasis ? " font-weight=\"bold\"" : "");
		/* the star stands left of the name, outside its lines */
		if (r->emphasis)
			html_rawf(h, "<tspan x=\"%.1f\">★</tspan>",
			    left - 16 - CHAR_W * 1.2 * (double)ROW_CHARS_BOLD);
		label(h, r->label, r->emphasis ? ROW_CHARS_BOLD : ROW_CHARS,
		    left - 8, left - 24);
		html_raw(h, "</text>\n");
		for (j = 0; j < r->nspans; j++) {
			const struct svg_span *s = &r->spans[j];
			double x1 = xpos(&ax, s->start), x2 = xpos(&ax, s->end);

			if (x2 - x1 < 2)
				x2 = x1 + 2;
			html_rawf(h, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
			    "height=\"14\" stroke=\"#222\" "
			    "stroke-width=\"%s\"", x1, cy - 7, x2 - x1,
			    r->emphasis ? "2.5" : ".6");
			fill(h, c, s->style);
			html_raw(h, ">");
			tip(h, r->tip ? r->tip : r->label);
			html_raw(h, "</rect>\n");
			if (s->label && x2 - x1 > text_width(s->label) + 8)
				halo_text(h, (x1 + x2) / 2, cy + 4, "middle",
				    s->label);
		}
		for (j = 0; j < r->nmarks; j++)
			if (r->marks[j].day >= d0 && r->marks[j].day <= d1)
				diamond(h, xpos(&ax, r->marks[j].day), cy,
				    r->marks[j].done, r->marks[j].tip);
		html_raw(h, "</g>\n");
	}
	for (i = 0; i < nlinks; i++) {
		const struct svg_row *a = &rows[links[i].from];
		const struct svg_row *b = &rows[links[i].to];
		double x1, y1, x2, y2;

		if (!a->nspans || !b->nspans)
			continue;
		x1 = xpos(&ax, a->spans[a->nspans - 1].end);
		y1 = top + rowh * (double)links[i].from + rowh / 2 + 7;
		x2 = xpos(&ax, b->spans[0].start);
		y2 = top + rowh * (double)links[i].to + rowh / 2 +
		    (links[i].to > links[i].from ? -7 : 7);
		html_rawf(h, "<path d=\"M%.1f,%.1f C%.1f,%.1f %.1f,%.1f "
		    "%.1f,%.1f\" fill=\"none\" stroke=\"#333\" "
		    "stroke-width=\"1\" marker-end=\"url(#", x1, y1, x1,
		    (y1 + y2) / 2, x2, (y1 + y2) / 2, x2, y2);
		html_attrf(h, "%s-arrow", c->id);
		html_raw(h, ")\"/>\n");
	}
	lp.x = 10;
	lp.y = plot_bottom + 12;
	lp.line = 1;
	for (i = 0; i < lg->nstyles; i++)
		legend_swatch(h, c, &lp, (int)i, lg->styles[i]);
	for (i = 0; i < 2; i++)
		if (lg->marks[i]) {
			legend_next(&lp, lg->marks[i]);
			diamond(h, lp.x + 6, lp.y + 6, i == 1, NULL);
			legend_item(h, &lp, lg->marks[i]);
		}
	if (lg->emphasis) {
		legend_next(&lp, lg->emphasis);
		html_rawf(h, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" "
		    "height=\"12\" fill=\"#fff\" stroke=\"#222\" "
		    "stroke-width=\"2.5\"/>\n", lp.x, lp.y);
		legend_item(h, &lp, lg->emphasis);
	}
	if (lg->link) {
		legend_next(&lp, lg->link);
		html_rawf(h, "<path d=\"M%.1f,%.1f h12\" stroke=\"#333\" "
		    "marker-end=\"url(#", lp.x, lp.y + 6);
		html_attrf(h, "%s-arrow", c->id);
		html_raw(h, ")\"/>\n");
		legend_item(h, &lp, lg->link);
	}
	html_raw(h, "</svg>\n");
}

/* Whole francs in LANG's form: 1'250'000. */
static void
francs(char *buf, size_t size, const char *lang, kk_rappen r)
{
	char tmp[LFMT_SIZE];

	snprintf(buf, size, "%s", lfmt_int(lang, r / 100, tmp));
}

/* A step of 1, 2 or 5 times a power of ten giving about five ticks. */
static kk_rappen
nice_step(kk_rappen max)
{
	kk_rappen step = 100;	/* one franc */

	for (;;) {
		if (step * 5 >= max)
			return step;
		if (step * 2 * 5 >= max)
			return step * 2;
		if (step * 5 * 5 >= max)
			return step * 5;
		step *= 10;
	}
}

void
svg_stacked(struct html *h, const struct svg_chart *c,
    const char *const *cats, size_t ncats, const char *const *series,
    size_t nseries, const kk_rappen *v)
{
	const double left = 110, right = WIDTH - 20, top = 24, ph = 300;
	double band = ncats ? (right - left) / (double)ncats : 1;
	kk_rappen max = 0, step, t;
	struct legend_pos lp = { 10, 0, 1 };
	size_t i, j;
	int height;
	char num[48];

	for (i = 0; i < nseries; i++) {
		legend_next(&lp, series[i]);
		lp.x += 36 + text_width(series[i]);
	}
	height = (int)(top + ph + 28 + 18 * lp.line + 6);
	for (j = 0; j < ncats; j++) {
		kk_rappen sum = 0;

		for (i = 0; i < nseries; i++)
			sum += v[i * ncats + j];
		if (sum > max)
			max = sum;
	}
	step = nice_step(max ? max : 100);
	open_svg(h, c, WIDTH, height);
	patterns(h, c, nseries);
	for (t = 0; t <= step * 5; t += step) {
		double y = top + ph - ph * (double)t / (double)(step * 5);

		francs(num, sizeof(num), c->lang, t);
		html_rawf(h, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"%s\" stroke-width=\".5\"/>\n", left,
		    y, right, y, t ? "#ccc" : "#333");
		html_rawf(h, "<text x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"end\">", left - 6, y + 4);
		svg_txt(h, num);
		html_raw(h, "</text>\n");
	}
	html_rawf(h, "<text x=\"10\" y=\"%.1f\" font-weight=\"bold\">CHF"
	    "</text>\n", top - 10);
	for (j = 0; j < ncats; j++) {
		double x = left + band * (double)j + band * 0.2;
		double w = band * 0.6, base = top + ph;
		kk_rappen sum = 0;

		html_raw(h, "<g>");
		for (i = 0; i < nseries; i++) {
			kk_rappen a = v[i * ncats + j];
			double hh = ph * (double)a / (double)(step * 5);
			char money[LFMT_SIZE];
			struct buf b = BUF_INIT;

			if (!a)
				continue;
			lfmt_chf(c->lang, a, money);
			buf_addf(&b, "%s, %s: CHF %s", cats[j], series[i],
			    money);
			html_rawf(h, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
			    "height=\"%.1f\" stroke=\"#222\" "
			    "stroke-width=\".6\"", x, base - hh, w, hh);
			fill(h, c, (int)i);
			html_raw(h, ">");
			tip(h, b.s);
			html_raw(h, "</rect>\n");
			buf_release(&b);
			if (hh >= 15 && text_width(series[i]) + 6 < w)
				halo_text(h, x + w / 2, base - hh / 2 + 4,
				    "middle", series[i]);
			base -= hh;
			sum += a;
		}
		francs(num, sizeof(num), c->lang, sum);
		html_rawf(h, "<text x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"middle\">", x + w / 2, base - 4);
		svg_txt(h, num);
		html_rawf(h, "</text>\n<text x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"middle\" font-weight=\"bold\">", x + w / 2,
		    top + ph + 16);
		svg_txt(h, cats[j]);
		html_raw(h, "</text></g>\n");
	}
	lp.x = 10;
	lp.y = top + ph + 28;
	lp.line = 1;
	for (i = 0; i < nseries; i++)
		legend_swatch(h, c, &lp, (int)i, series[i]);
	html_raw(h, "</svg>\n");
}

/* Sequential blues, light to dark: distinct in grey, safe when colour blind. */
static const char *const blues[] = {
	"#ffffff", "#deebf7", "#9ecae1", "#4292c6", "#08519c",
};

/* The counts of shade LEVEL (1-4) when MAX is the largest: [*LO, *HI]. */
static void
level_range(int level, int max, int *lo, int *hi)
{
	*lo = ((level - 1) * max + 3) / 4 + 1;
	*hi = level == 4 ? max : (level * max + 3) / 4;
}

void
svg_heatmap(struct html *h, const struct svg_chart *c,
    const char *const *rows, size_t nrows, const char *const *cols,
    size_t ncols, const int *v, const char *zero)
{
	const double left = 180, top = 40, rowh = 26;
	double colw = ncols ? (WIDTH - 20 - left) / (double)ncols : 1;
	double bottom = top + rowh * (double)nrows;
	int max = 0, height, level, lo, hi;
	size_t i, j, maxch;
	struct legend_pos lp = { 10, 0, 1 };

	for (i = 0; i < nrows * ncols; i++)
		if (v[i] > max)
			max = v[i];
	/* column heads are bold, a fifth wider than CHAR_W, and want two
	   characters' room between them */
	maxch = (size_t)(colw / (CHAR_W * 1.2)) - 2;
	if (colw < 6 * CHAR_W * 1.2)
		maxch = 4;
	height = (int)(bottom + 40);
	if (zero)
		height += 18;
	open_svg(h, c, WIDTH, height);
	if (zero) {
		/* an empty cell is hatched: a gap shows without colour */
		html_raw(h, "<defs><pattern id=\"");
		html_attrf(h, "%s-zero", c->id);
		html_raw(h, "\" width=\"8\" height=\"8\" "
		    "patternUnits=\"userSpaceOnUse\"><rect width=\"8\" "
		    "height=\"8\" fill=\"#fff\"/>");
		html_raw(h, overlay[1]);
		html_raw(h, "</pattern></defs>\n");
	}
	for (j = 0; j < ncols; j++) {
		size_t nl = label_lines(cols[j], maxch);
		double x = left + colw * ((double)j + 0.5);

		html_rawf(h, "<text x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"middle\" font-weight=\"bold\">", x,
		    top - 8 - LINE_H * (double)(nl - 1));
		label(h, cols[j], maxch, x, colw - 6);
		html_raw(h, "</text>\n");
	}
	for (i = 0; i < nrows; i++) {
		double y = top + rowh * (double)i;

		size_t nl = label_lines(rows[i], 26);

		html_rawf(h, "<g><text x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"end\">", left - 8, y + rowh / 2 + 4 -
		    LINE_H * (double)(nl - 1) / 2);
		label(h, rows[i], 26, left - 8, left - 14);
		html_raw(h, "</text>\n");
		for (j = 0; j < ncols; j++) {
			int n = v[i * ncols + j];

			level = !n ? 0 : 1 + (int)((size_t)(n - 1) * 4 /
			    (size_t)(max > 0 ? max : 1));
			if (level > 4)
				level = 4;
			html_rawf(h, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
			    "height=\"%.1f\"", left + colw * (double)j, y,
			    colw, rowh);
			if (zero && !n) {
				html_raw(h, " fill=\"url(#");
				html_attrf(h, "%s-zero", c->id);
				html_raw(h, ")\"");
			} else {
				html_rawf(h, " fill=\"%s\"", blues[level]);
			}
			html_raw(h, " stroke=\"#999\" stroke-width=\".5\">");
			html_raw(h, "<title>");
			svg_txtf(h, "%s, %s: %d", rows[i], cols[j], n);
			html_raw(h, "</title></rect>\n");
			html_rawf(h, "<text x=\"%.1f\" y=\"%.1f\" "
			    "text-anchor=\"middle\" fill=\"%s\"%s>%d</text>\n",
			    left + colw * ((double)j + 0.5), y + rowh / 2 + 4,
			    level >= 3 ? "#fff" : "#000", zero && !n ?
			    " stroke=\"#fff\" stroke-width=\"3\" "
			    "paint-order=\"stroke\"" : "", n);
		}
		html_raw(h, "</g>\n");
	}
	if (!zero) {
		html_raw(h, "</svg>\n");
		return;
	}
	/* the legend: the hatch for none, then each shade with its counts */
	lp.y = bottom + 20;
	html_rawf(h, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" "
	    "height=\"12\" stroke=\"#333\" stroke-width=\".5\" fill=\"url(#",
	    lp.x, lp.y);
	html_attrf(h, "%s-zero", c->id);
	html_raw(h, ")\"/>\n");
	legend_item(h, &lp, zero);
	for (level = 1; level <= 4 && max > 0; level++) {
		char text[48];

		level_range(level, max, &lo, &hi);
		if (lo > hi)
			continue;
		if (lo == hi)
			snprintf(text, sizeof(text), "%d", lo);
		else
			snprintf(text, sizeof(text), "%d–%d", lo, hi);
		legend_next(&lp, text);
		html_rawf(h, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" "
		    "height=\"12\" stroke=\"#333\" stroke-width=\".5\" "
		    "fill=\"%s\"/>\n", lp.x, lp.y, blues[level]);
		legend_item(h, &lp, text);
	}
	html_raw(h, "</svg>\n");
}
