/* report-html.c: the planning report as one self-contained HTML file: CSS inline, charts inline, nothing fetched. */
#include "store.h"

/*
 * The document uses only elements that HTML 4 knows besides the inline
 * SVG (div with classes where HTML 5 would say section or figure), so
 * that libxml2's HTML parser, which the tests run, reads it without a
 * complaint. Output is a function of the data and the options alone: no
 * clock, no locale, no hash order.
 */

struct out {
	struct html h;
	const struct report *r;
	const char *lang;
	int nfig, ntab;
};

#define T(s) report_text(o->lang, s)

static const char *const kind_de[KK_PARTY_KIND_COUNT] = {
	"Kanton", "Stadt", "Gemeinde", "Verband", "Konsortium",
	"Gemeinsame Organisation",
};
static const char *const status_de[KK_PROJECT_STATUS_COUNT] = {
	"geplant", "laufend", "abgeschlossen", "gestoppt",
};
static const char *const light_de[KK_LIGHT_COUNT] = {
	"grün", "gelb", "rot",
};
static const char *const budget_de[KK_BUDGET_KIND_COUNT] = {
	"Investitionen", "Betriebskosten",
};
static const char *const method_de[KK_KEY_METHOD_COUNT] = {
	"feste Anteile", "zu gleichen Teilen", "nach Einwohnerzahl",
	"nach Nutzung", "verschachtelt",
};
static const char *const component_de[KK_COMPONENT_KIND_COUNT] = {
	"Standort", "Rechenzentrum", "Netz", "Plattform", "Anwendung", "Dienst",
};
static const char *const phase_de[KK_PHASE_COUNT] = {
	"Planung", "Aufbau", "Betrieb", "Ausserbetriebnahme",
};
static const char *const body_de[KK_BODY_KIND_COUNT] = {
	"Lenkungsausschuss", "Leitungsgremium", "Geschäftsstelle",
	"Arbeitsgruppe",
};
static const char *const agreement_de[KK_AGREEMENT_KIND_COUNT] = {
	"Rahmenvereinbarung", "Projektvereinbarung", "Betriebsvereinbarung",
};

/* The chapters, for the table of contents and the headings alike. */
enum {
	CH_SUMMARY, CH_START, CH_COMMON, CH_PORTFOLIO, CH_FINANCES, CH_INFRA,
	CH_GOVERNANCE, CH_ANNEX, CH_COUNT
};
static const char *const chapter_id[CH_COUNT] = {
	"zusammenfassung", "ausgangslage", "gemeinsame-strategie",
	"portfolio", "finanzen", "infrastruktur", "steuerung", "anhang",
};
static const char *const chapter_de[CH_COUNT] = {
	"Zusammenfassung", "Ausgangslage", "Gemeinsame Strategie",
	"Gemeinsames Portfolio", "Finanzen", "Infrastruktur",
	"Organisation und Steuerung", "Anhang: Strategien der Partner",
};

static const char css[] =
	"body{font-family:'DejaVu Serif',Georgia,serif;max-width:62em;"
	"margin:2em auto;padding:0 1em;line-height:1.45;color:#111}\n"
	"h1,h2,h3,h4,.caption,caption,th{font-family:'DejaVu Sans',Arial,"
	"sans-serif}\n"
	"h2{border-bottom:2px solid #0072B2;padding-bottom:.2em;margin-top:2em}\n"
	"table{border-collapse:collapse;margin:.5em 0 1.5em;width:100%;"
	"font-size:.88em}\n"
	"caption{text-align:left;font-weight:bold;padding:.3em 0}\n"
	"th,td{border:1px solid #999;padding:.25em .45em;vertical-align:top;"
	"text-align:left}\n"
	"th{background:#e8e8e8}\n"
	".num{text-align:right;white-space:nowrap}\n"
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
	"@media print{body{max-width:none;margin:0;padding:0;font-size:10pt}"
	".chapter{page-break-before:always}.titlepage{padding-top:8em}"
	"a{color:inherit;text-decoration:none}"
	"tr,.figure,h3,h4{page-break-inside:avoid}"
	"h2,h3,h4,caption{page-break-after:avoid}"
	"thead{display:table-header-group}}\n";

/* Text through the language's table, escaped. */
static void
txt(struct out *o, const char *de)
{
	html_txt(&o->h, T(de));
}

static void
chf(struct out *o, kk_rappen r)
{
	char buf[48];

	if (r < 0) {
		html_raw(&o->h, "–");
		return;
	}
	kk_format_chf(r, buf, sizeof(buf));
	html_txt(&o->h, buf);
}

static void
td_chf(struct out *o, kk_rappen r)
{
	html_raw(&o->h, "<td class=\"num\">");
	chf(o, r);
	html_raw(&o->h, "</td>");
}

/* A count with Swiss thousands separators: 77'491. */
static void
count(struct out *o, long n)
{
	char buf[48], *dot;

	kk_format_chf((kk_rappen)n * 100, buf, sizeof(buf));
	dot = strchr(buf, '.');
	if (dot)
		*dot = '\0';
	html_txt(&o->h, buf);
}

/* A date as its readers write it: 30.06.2013 in German, ISO in English. */
static void
date(struct out *o, const char *d)
{
	if (!d) {
		html_raw(&o->h, "–");
		return;
	}
	if (!strcmp(o->lang, "de") && kk_date_valid(d))
		html_txtf(&o->h, "%.2s.%.2s.%.4s", d + 8, d + 5, d);
	else
		html_txt(&o->h, d);
}

static void
date_string(const struct out *o, const char *d, char *buf, size_t size)
{
	if (!strcmp(o->lang, "de") && d && kk_date_valid(d))
		snprintf(buf, size, "%.2s.%.2s.%.4s", d + 8, d + 5, d);
	else
		snprintf(buf, size, "%s", d ? d : "–");
}

/* The year of a valid date. */
static int
year_of(const char *d)
{
	return (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 +
	    (d[3] - '0');
}

static const char *
party_name(const struct out *o, const char *id)
{
	const struct kk_party *p = portfolio_party(&o->r->pf, id);

	return p ? p->name : id;
}

static void
party_list(struct out *o, const struct kk_ids *ids)
{
	size_t i;

	for (i = 0; i < ids->n; i++) {
		if (i)
			html_raw(&o->h, ", ");
		html_txt(&o->h, party_name(o, ids->v[i]));
	}
}

static void
th(struct out *o, const char *de, bool num)
{
	html_raw(&o->h, num ? "<th class=\"num\">" : "<th>");
	txt(o, de);
	html_raw(&o->h, "</th>");
}

static void
td(struct out *o, const char *s)
{
	html_raw(&o->h, "<td>");
	html_txt(&o->h, s ? s : "–");
	html_raw(&o->h, "</td>");
}

/* A numbered table: "Tabelle N: CAPTION"; returns N. */
static int
table_open(struct out *o, const char *caption)
{
	o->ntab++;
	html_rawf(&o->h, "<table id=\"tab-%d\"><caption>", o->ntab);
	html_txtf(&o->h, T("Tabelle %d: %s"), o->ntab, caption);
	html_raw(&o->h, "</caption>\n");
	return o->ntab;
}

static void
table_close(struct out *o)
{
	html_raw(&o->h, "</table>\n");
}

static void
chapter(struct out *o, int ch)
{
	html_raw(&o->h, "<div class=\"chapter\">\n<h2 id=\"");
	html_attr(&o->h, chapter_id[ch]);
	html_raw(&o->h, "\">");
	if (ch == CH_ANNEX)
		html_txt(&o->h, T(chapter_de[ch]));
	else
		html_txtf(&o->h, "%d %s", ch + 1, T(chapter_de[ch]));
	html_raw(&o->h, "</h2>\n");
}

static void
chapter_close(struct out *o)
{
	html_raw(&o->h, "</div>\n");
}

static void
para_open(struct out *o)
{
	html_raw(&o->h, "<p>");
}

static void
para_close(struct out *o)
{
	html_raw(&o->h, "</p>\n");
}

/* A chart in a numbered figure: the caller writes the SVG between. */
static int
figure_open(struct out *o)
{
	o->nfig++;
	html_rawf(&o->h, "<div class=\"figure\" id=\"fig-%d\">\n", o->nfig);
	return o->nfig;
}

static void
figure_close(struct out *o, const char *caption, const char *alt)
{
	html_raw(&o->h, "<p class=\"caption\">");
	html_txtf(&o->h, T("Abbildung %d: %s"), o->nfig, caption);
	html_raw(&o->h, "</p>\n<p class=\"alt\">");
	html_txt(&o->h, alt);
	html_raw(&o->h, "</p>\n</div>\n");
}

static void
head(struct out *o)
{
	const struct kk_org *org = o->r->org;

	html_raw(&o->h, "<!DOCTYPE html>\n<html lang=\"");
	html_attr(&o->h, o->lang);
	html_raw(&o->h, "\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<meta name=\"generator\" content=\"konkordat\">\n<title>");
	html_txtf(&o->h, "%s – %s", T("Planungsbericht"), org->party.name);
	html_raw(&o->h, "</title>\n<style>\n");
	html_raw(&o->h, css);
	html_raw(&o->h, "</style>\n</head>\n<body>\n");
}

static void
party_names(struct out *o)
{
	const struct report *r = o->r;
	size_t i;

	for (i = 0; i < r->nparties; i++) {
		if (i)
			html_txt(&o->h, i + 1 == r->nparties ? T(" und ") :
			    ", ");
		html_txt(&o->h, r->parties[i].party->name);
	}
}

static void
titlepage(struct out *o)
{
	const struct report *r = o->r;
	const struct kk_org *org = r->org;
	int ch;

	html_raw(&o->h, "<div class=\"titlepage\">\n<h1>");
	txt(o, "Planungsbericht");
	html_raw(&o->h, "</h1>\n<p class=\"subtitle\">");
	if (org->start)
		html_txtf(&o->h, T("Gemeinsame Informatikstrategie %d–%d"),
		    org->start, org->end);
	else
		txt(o, "Gemeinsame Informatikstrategie");
	html_raw(&o->h, "</p>\n<p class=\"subtitle\">");
	html_txt(&o->h, org->party.name);
	html_raw(&o->h, "</p>\n<p>");
	party_names(o);
	html_raw(&o->h, "</p>\n");
	if (r->opts.date) {
		html_raw(&o->h, "<p>");
		txt(o, "Stand:");
		html_raw(&o->h, " ");
		date(o, r->opts.date);
		html_raw(&o->h, "</p>\n");
	}
	html_raw(&o->h, "</div>\n<div class=\"toc\">\n<h2 id=\"inhalt\">");
	txt(o, "Inhalt");
	html_raw(&o->h, "</h2>\n<ol>\n");
	for (ch = 0; ch < CH_COUNT; ch++) {
		html_raw(&o->h, "<li><a href=\"#");
		html_attr(&o->h, chapter_id[ch]);
		html_raw(&o->h, "\">");
		if (ch == CH_ANNEX)
			txt(o, chapter_de[ch]);
		else
			html_txtf(&o->h, "%d %s", ch + 1, T(chapter_de[ch]));
		html_raw(&o->h, "</a>");
		if (ch == CH_ANNEX) {
			size_t i;

			html_raw(&o->h, "\n<ol>\n");
			for (i = 0; i < r->nparties; i++) {
				html_rawf(&o->h, "<li><a href=\"#anhang-%zu\">"
				    "A.%zu ", i + 1, i + 1);
				html_txt(&o->h, r->parties[i].party->name);
				html_raw(&o->h, "</a></li>\n");
			}
			html_raw(&o->h, "</ol>\n");
		}
		html_raw(&o->h, "</li>\n");
	}
	html_raw(&o->h, "</ol>\n</div>\n");
}

static void
summary(struct out *o)
{
	const struct report *r = o->r;
	const struct kk_org *org = r->org;
	char money[48], day[24];
	size_t nrun = 0, i;

	chapter(o, CH_SUMMARY);
	para_open(o);
	html_txtf(&o->h, T("%zu Partner legen ihre Informatikstrategien in "
	    "der %s zusammen: "), r->nparties, org->party.name);
	party_names(o);
	html_raw(&o->h, ". ");
	if (org->start)
		html_txtf(&o->h, T("Der Bericht umfasst die Jahre %d bis %d."),
		    org->start, org->end);
	para_close(o);
	para_open(o);
	for (i = 0; i < org->nprojects; i++)
		nrun += org->projects[i].status == KK_RUNNING;
	kk_format_chf(r->total, money, sizeof(money));
	html_txtf(&o->h, T("Das gemeinsame Portfolio umfasst %zu Projekte, "
	    "davon %zu laufend, mit einem Budget von insgesamt CHF %s."),
	    org->nprojects, nrun, money);
	if (r->plan.npath) {
		const struct plan_entry *e = plan_find(&r->plan,
		    r->plan.path[r->plan.npath - 1]->id);
		char end[11];

		kk_days_date(e->end, end);
		date_string(o, end, day, sizeof(day));
		html_raw(&o->h, " ");
		html_txtf(&o->h, T("Der kritische Pfad führt über %zu Projekte "
		    "und endet am %s."), r->plan.npath, day);
	}
	para_close(o);
	para_open(o);
	html_txtf(&o->h, T("Die gemeinsame Infrastruktur zählt %zu "
	    "Komponenten; %zu Gruppen gleichartiger Komponenten, die mehrere "
	    "Partner betreiben, sind Kandidaten für eine Konsolidierung."),
	    org->ncomponents, r->ngroups);
	para_close(o);
	if (!r->common) {
		html_raw(&o->h, "<p class=\"note\">");
		txt(o, "Die gemeinsame Strategie ist noch nicht erarbeitet.");
		html_raw(&o->h, "</p>\n");
	}
	chapter_close(o);
}

static void
starting_point(struct out *o)
{
	const struct report *r = o->r;
	const char **rows;
	size_t i;
	int tab;

	chapter(o, CH_START);
	para_open(o);
	txt(o, "Jeder Partner hat eine eigene Informatikstrategie. Die "
	    "Tabelle zeigt ihren Umfang; der Anhang gibt jede Strategie "
	    "vollständig wieder.");
	para_close(o);
	table_open(o, T("Die Partner und ihre Strategien"));
	html_raw(&o->h, "<thead><tr>");
	th(o, "Partner", false);
	th(o, "Art", false);
	th(o, "Einwohner", true);
	th(o, "Strategie", false);
	th(o, "Periode", false);
	th(o, "Status", false);
	th(o, "Handlungsfelder", true);
	th(o, "Ziele", true);
	th(o, "Grundsätze", true);
	th(o, "Massnahmen", true);
	html_raw(&o->h, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < r->nparties; i++) {
		const struct report_party *p = &r->parties[i];
		const struct kk_strategy *s = p->strategy;
		int k;

		html_raw(&o->h, "<tr>");
		td(o, p->party->name);
		td(o, T(kind_de[p->party->kind]));
		html_raw(&o->h, "<td class=\"num\">");
		if (p->party->population >= 0)
			count(o, p->party->population);
		else
			html_raw(&o->h, "–");
		html_raw(&o->h, "</td>");
		if (!s) {
			html_raw(&o->h, "<td colspan=\"7\">");
			txt(o, "keine Strategie erfasst");
			html_raw(&o->h, "</td></tr>\n");
			continue;
		}
		td(o, s->title);
		html_rawf(&o->h, "<td>%d–%d</td>", s->start, s->end);
		td(o, s->adopted ? T("verabschiedet") : T("Entwurf"));
		for (k = 0; k < KK_ITEM_KIND_COUNT; k++) {
			static const int col[] = { KK_FIELD, KK_GOAL,
			    KK_PRINCIPLE, KK_MEASURE };

			html_rawf(&o->h, "<td class=\"num\">%zu</td>",
			    p->count[col[k]]);
		}
		html_raw(&o->h, "</tr>\n");
	}
	html_raw(&o->h, "</tbody>\n");
	table_close(o);

	if (!r->ntags) {
		chapter_close(o);
		return;
	}
	/* coverage: topics (tags) of the items per party */
	html_raw(&o->h, "<h3 id=\"themen\">");
	txt(o, "Themen der Strategien");
	html_raw(&o->h, "</h3>\n");
	rows = xcalloc(r->nparties + 1, sizeof(*rows));
	for (i = 0; i < r->nparties; i++)
		rows[i] = r->parties[i].party->name;
	figure_open(o);
	{
		struct svg_chart c = { "fig-themen",
		    T("Themen der Strategien je Partner"),
		    T("Für jeden Partner (Zeile) und jedes Thema (Spalte) die "
		    "Zahl der Grundsätze, Ziele und Massnahmen mit diesem "
		    "Thema; je dunkler, desto mehr.") };

		svg_heatmap(&o->h, &c, rows, r->nparties, r->tags, r->ntags,
		    r->tag_counts);
	}
	tab = o->ntab + 1;
	{
		struct buf alt = BUF_INIT;

		buf_addf(&alt, T("Die Zahlen der Abbildung stehen in Tabelle "
		    "%d."), tab);
		figure_close(o, T("Themen der Strategien je Partner"), alt.s);
		buf_release(&alt);
	}
	table_open(o, T("Elemente je Partner und Thema"));
	html_raw(&o->h, "<thead><tr>");
	th(o, "Partner", false);
	for (i = 0; i < r->ntags; i++) {
		html_raw(&o->h, "<th class=\"num\">");
		html_txt(&o->h, r->tags[i]);
		html_raw(&o->h, "</th>");
	}
	html_raw(&o->h, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < r->nparties; i++) {
		size_t t;

		html_raw(&o->h, "<tr>");
		td(o, rows[i]);
		for (t = 0; t < r->ntags; t++)
			html_rawf(&o->h, "<td class=\"num\">%d</td>",
			    r->tag_counts[i * r->ntags + t]);
		html_raw(&o->h, "</tr>\n");
	}
	html_raw(&o->h, "</tbody>\n");
	table_close(o);
	free(rows);
	chapter_close(o);
}

/* The rows of the party items mapped to common item ID as equivalent
   (not rejected): party, item, decision. */
static void
common_rows(struct out *o, const char *id, const char *label, bool goal)
{
	const struct common_view *v = &o->r->cv;
	bool first = true;
	size_t i;

	for (i = 0; i < v->nmaps; i++) {
		const struct store_mapping *m = &v->maps[i];
		const struct kk_strategy *sp = NULL;
		const struct kk_item *it;

		if (strcmp(m->citem, id) || strcmp(m->relation, "equivalent") ||
		    !strcmp(m->decision, "rejected"))
			continue;
		it = common_party_item(v, m->strategy, m->item, &sp);
		html_raw(&o->h, goal ? "<tr class=\"goal\">" : "<tr>");
		html_raw(&o->h, "<td>");
		if (first)
			html_txtf(&o->h, "%s%s", goal ? "– " : "", label);
		html_raw(&o->h, "</td>");
		td(o, sp ? party_name(o, sp->party) : m->strategy);
		html_raw(&o->h, "<td>");
		html_txtf(&o->h, "%s %s", m->item, it ? it->title : "");
		html_raw(&o->h, "</td>");
		html_raw(&o->h, "<td>");
		txt(o, !strcmp(m->decision, "accepted") ? "angenommen" :
		    "vorgeschlagen");
		html_raw(&o->h, "</td></tr>\n");
		first = false;
	}
}

/* Each common field with its common goals and the parties' items they
   bring together (traceability). */
static void
common_table(struct out *o)
{
	const struct common_view *v = &o->r->cv;
	size_t i, j, nfields = 0, ngoals = 0;

	for (i = 0; i < v->nitems; i++)
		v->items[i].kind == KK_FIELD ? nfields++ : ngoals++;
	para_open(o);
	html_txtf(&o->h, T("Die gemeinsame Strategie (%s, %s) fasst die "
	    "Handlungsfelder und Ziele der Partner in %zu gemeinsamen "
	    "Handlungsfeldern und %zu gemeinsamen Zielen zusammen. Die "
	    "Tabelle zeigt zu jedem, welche Elemente der Partner es "
	    "zusammenführt und ob das entschieden ist."), v->cs->id,
	    T(v->cs->adopted ? "verabschiedet" : "Entwurf"), nfields,
	    ngoals);
	para_close(o);
	table_open(o, T("Gemeinsame Handlungsfelder und Ziele mit den "
	    "Elementen der Partner"));
	html_raw(&o->h, "<thead><tr>");
	th(o, "Gemeinsam", false);
	th(o, "Partner", false);
	th(o, "Element", false);
	th(o, "Entscheid", false);
	html_raw(&o->h, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < v->nitems; i++) {
		const struct store_citem *f = &v->items[i];

		if (f->kind != KK_FIELD)
			continue;
		common_rows(o, f->id, common_citem_label(f), false);
		for (j = 0; j < v->nitems; j++) {
			const struct store_citem *g = &v->items[j];

			if (g->kind == KK_GOAL && g->parent &&
			    !strcmp(g->parent, f->id))
				common_rows(o, g->id, common_citem_label(g),
				    true);
		}
	}
	html_raw(&o->h, "</tbody>\n");
	table_close(o);
}

static void
common(struct out *o)
{
	chapter(o, CH_COMMON);
	if (o->r->common)
		common_table(o);
	if (!o->r->common) {
		html_raw(&o->h, "<p class=\"note\">");
		txt(o, "Die gemeinsame Strategie ist noch nicht erarbeitet.");
		html_raw(&o->h, "</p>\n");
		para_open(o);
		txt(o, "Sobald die gemeinsame Vision, die gemeinsamen "
		    "Handlungsfelder und Ziele erarbeitet sind, zeigt dieses "
		    "Kapitel sie zusammen mit den Elementen der Partner, die "
		    "sie zusammenführen. Bis dahin stehen die Strategien der "
		    "Partner im Anhang.");
		para_close(o);
	}
	chapter_close(o);
}

static void
gantt(struct out *o, int tab)
{
	const struct report *r = o->r;
	const struct kk_org *org = r->org;
	struct svg_row *rows = xcalloc(org->nprojects + 1, sizeof(*rows));
	struct svg_span *spans = xcalloc(org->nprojects + 1, sizeof(*spans));
	struct svg_link *links;
	struct svg_mark *marks;
	size_t nlinks = 0, nmarks = 0, i, j;
	const char *styles[KK_PROJECT_STATUS_COUNT];
	char **tips = xcalloc(org->nprojects + 1, sizeof(*tips));
	struct svg_legend lg;
	struct buf alt = BUF_INIT;
	struct svg_chart c;
	int y0 = org->start, y1 = org->end;

	for (i = 0; i < org->nprojects; i++) {
		nlinks += org->projects[i].ndeps;
		nmarks += org->projects[i].nmilestones;
	}
	links = xcalloc(nlinks + 1, sizeof(*links));
	marks = xcalloc(nmarks + 1, sizeof(*marks));
	nlinks = nmarks = 0;
	for (i = 0; i < org->nprojects; i++) {
		const struct kk_project *p = &org->projects[i];
		const struct plan_entry *e = &r->plan.v[i];

		spans[i].start = kk_date_days(p->start);
		spans[i].end = kk_date_days(p->end);
		spans[i].style = (int)p->status;
		if (!y0 || year_of(p->start) < y0)
			y0 = year_of(p->start);
		if (!y1 || year_of(p->end) > y1)
			y1 = year_of(p->end);
		tips[i] = xasprintf("%s: %s – %s", p->title, p->start, p->end);
		rows[i].label = p->title;
		rows[i].tip = tips[i];
		rows[i].spans = &spans[i];
		rows[i].nspans = 1;
		rows[i].emphasis = e->critical;
		rows[i].marks = &marks[nmarks];
		for (j = 0; j < p->nmilestones; j++) {
			marks[nmarks].day = kk_date_days(
			    p->milestones[j].date);
			marks[nmarks].done = p->milestones[j].done;
			marks[nmarks].tip = p->milestones[j].title;
			nmarks++;
		}
		rows[i].nmarks = p->nmilestones;
		for (j = 0; j < p->ndeps; j++) {
			const struct kk_project *d = kk_org_project(org,
			    p->deps[j].project);

			if (!d)
				continue;
			links[nlinks].from = (size_t)(d - org->projects);
			links[nlinks].to = i;
			nlinks++;
		}
	}
	for (i = 0; i < KK_PROJECT_STATUS_COUNT; i++)
		styles[i] = T(status_de[i]);
	memset(&lg, 0, sizeof(lg));
	lg.styles = styles;
	lg.nstyles = KK_PROJECT_STATUS_COUNT;
	lg.marks[0] = T("Meilenstein offen");
	lg.marks[1] = T("Meilenstein erreicht");
	lg.emphasis = T("★ auf dem kritischen Pfad");
	lg.link = T("Abhängigkeit");
	c.id = "fig-gantt";
	c.title = T("Roadmap der gemeinsamen Projekte");
	c.desc = T("Jedes Projekt als Balken von Beginn bis Ende auf der "
	    "Zeitachse, gemustert nach Status; Rauten sind Meilensteine, "
	    "Pfeile Abhängigkeiten; Projekte auf dem kritischen Pfad sind "
	    "fett umrandet und mit einem Stern markiert.");
	figure_open(o);
	svg_timeline(&o->h, &c, y0, y1, rows, org->nprojects, links, nlinks,
	    &lg);
	buf_addf(&alt, T("Die Daten der Abbildung stehen in Tabelle %d "
	    "(Projekte) und Tabelle %d (Meilensteine)."), tab, tab + 1);
	figure_close(o, c.title, alt.s);
	buf_release(&alt);
	for (i = 0; i < org->nprojects; i++)
		free(tips[i]);
	free(tips);
	free(rows);
	free(spans);
	free(links);
	free(marks);
}

static kk_rappen
budget_total(const struct kk_project *p)
{
	kk_rappen t = 0;
	size_t i;

	for (i = 0; i < p->nbudget; i++)
		t += p->budget[i].amount;
	return t;
}

static void
portfolio(struct out *o)
{
	const struct report *r = o->r;
	const struct kk_org *org = r->org;
	size_t i, j, nms = 0;
	int tab = o->ntab + 1;

	chapter(o, CH_PORTFOLIO);
	para_open(o);
	html_txtf(&o->h, T("Die Partner führen %zu gemeinsame Projekte. "
	    "Abbildung %d zeigt sie auf der Zeitachse, Tabelle %d mit ihren "
	    "Daten."), org->nprojects, o->nfig + 1, tab);
	para_close(o);
	gantt(o, tab);
	table_open(o, T("Die gemeinsamen Projekte"));
	html_raw(&o->h, "<thead><tr>");
	th(o, "Projekt", false);
	th(o, "Leitung", false);
	th(o, "Beginn", false);
	th(o, "Ende", false);
	th(o, "Status", false);
	th(o, "Ampel", false);
	th(o, "Budget CHF", true);
	th(o, "Kostenteiler", false);
	th(o, "hängt ab von", false);
	html_raw(&o->h, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < org->nprojects; i++) {
		const struct kk_project *p = &org->projects[i];
		const struct kk_cost_key *k = p->cost_key ?
		    kk_org_key(org, p->cost_key) : NULL;

		html_raw(&o->h, "<tr><td>");
		if (r->plan.v[i].critical)
			html_raw(&o->h, "★ ");
		html_txt(&o->h, p->title);
		html_raw(&o->h, "</td>");
		td(o, party_name(o, p->lead));
		html_raw(&o->h, "<td class=\"num\">");
		date(o, p->start);
		html_raw(&o->h, "</td><td class=\"num\">");
		date(o, p->end);
		html_raw(&o->h, "</td>");
		td(o, T(status_de[p->status]));
		td(o, T(light_de[p->light]));
		td_chf(o, budget_total(p));
		td(o, k ? k->title : p->cost_key);
		html_raw(&o->h, "<td>");
		for (j = 0; j < p->ndeps; j++) {
			const struct kk_project *d = kk_org_project(org,
			    p->deps[j].project);

			if (j)
				html_raw(&o->h, ", ");
			html_txt(&o->h, d ? d->title : p->deps[j].project);
		}
		html_raw(&o->h, "</td></tr>\n");
		nms += p->nmilestones;
	}
	html_raw(&o->h, "<tr class=\"total\"><td colspan=\"6\">");
	txt(o, "Total");
	html_raw(&o->h, "</td>");
	td_chf(o, r->total);
	html_raw(&o->h, "<td colspan=\"2\"></td></tr>\n</tbody>\n");
	table_close(o);
	para_open(o);
	txt(o, "★ Projekt auf dem kritischen Pfad: eine Verzögerung verzögert "
	    "das Ende des Portfolios.");
	if (r->plan.npath) {
		html_raw(&o->h, " ");
		txt(o, "Kritischer Pfad:");
		html_raw(&o->h, " ");
		for (i = 0; i < r->plan.npath; i++) {
			if (i)
				html_raw(&o->h, " → ");
			html_txt(&o->h, r->plan.path[i]->title);
		}
		html_raw(&o->h, ".");
	}
	para_close(o);
	table_open(o, T("Meilensteine der Projekte"));
	html_raw(&o->h, "<thead><tr>");
	th(o, "Projekt", false);
	th(o, "Meilenstein", false);
	th(o, "Datum", false);
	th(o, "erreicht", false);
	html_raw(&o->h, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < org->nprojects; i++) {
		const struct kk_project *p = &org->projects[i];

		for (j = 0; j < p->nmilestones; j++) {
			html_raw(&o->h, "<tr>");
			td(o, p->title);
			td(o, p->milestones[j].title);
			html_raw(&o->h, "<td class=\"num\">");
			date(o, p->milestones[j].date);
			html_raw(&o->h, "</td>");
			td(o, p->milestones[j].done ? T("ja") : T("nein"));
			html_raw(&o->h, "</tr>\n");
		}
	}
	if (!nms) {
		html_raw(&o->h, "<tr><td colspan=\"4\">");
		txt(o, "keine Meilensteine");
		html_raw(&o->h, "</td></tr>\n");
	}
	html_raw(&o->h, "</tbody>\n");
	table_close(o);
	chapter_close(o);
}

/* A header row: LABEL, then the years, then Total. */
static void
year_head(struct out *o, const char *label)
{
	int y;

	html_raw(&o->h, "<thead><tr>");
	th(o, label, false);
	for (y = 0; y < o->r->nyears; y++)
		html_rawf(&o->h, "<th class=\"num\">%d</th>",
		    o->r->year0 + y);
	th(o, "Total", true);
	html_raw(&o->h, "</tr></thead>\n");
}

static void
year_row(struct out *o, const char *label, const kk_rappen *v, bool total)
{
	kk_rappen sum = 0;
	int y;

	html_raw(&o->h, total ? "<tr class=\"total\">" : "<tr>");
	td(o, label);
	for (y = 0; y < o->r->nyears; y++) {
		td_chf(o, v[y]);
		sum += v[y];
	}
	td_chf(o, sum);
	html_raw(&o->h, "</tr>\n");
}

static void
finances(struct out *o)
{
	const struct report *r = o->r;
	const struct kk_org *org = r->org;
	size_t ny = (size_t)r->nyears, nseries, i, k;
	kk_rappen *sum = xcalloc(ny + 1, sizeof(*sum));
	kk_rappen *v;
	const char **series, **cats;
	char (*years)[8];
	char *munis;
	struct buf alt = BUF_INIT;
	struct svg_chart c;
	int tab;

	chapter(o, CH_FINANCES);
	para_open(o);
	txt(o, "Die Budgets der Projekte werden nach ihren Kostenteilern auf "
	    "die Partner verteilt, auf den Rappen genau: die Anteile einer "
	    "Budgetzeile ergeben zusammen die Zeile. Beträge in CHF.");
	para_close(o);
	html_raw(&o->h, "<h3 id=\"budget-jahr\">");
	txt(o, "Budget je Jahr");
	html_raw(&o->h, "</h3>\n");
	table_open(o, T("Budget der gemeinsamen Projekte je Jahr, in CHF"));
	year_head(o, T("Art"));
	html_raw(&o->h, "<tbody>\n");
	for (k = 0; k < KK_BUDGET_KIND_COUNT; k++) {
		year_row(o, T(budget_de[k]), r->budget[k], false);
		for (i = 0; i < ny; i++)
			sum[i] += r->budget[k][i];
	}
	year_row(o, T("Total"), sum, true);
	html_raw(&o->h, "</tbody>\n");
	table_close(o);

	table_open(o, T("Budget je Projekt und Jahr, in CHF"));
	year_head(o, T("Projekt"));
	html_raw(&o->h, "<tbody>\n");
	for (i = 0; i < org->nprojects; i++)
		year_row(o, org->projects[i].title, &r->project_cost[i * ny],
		    false);
	year_row(o, T("Total"), sum, true);
	html_raw(&o->h, "</tbody>\n");
	table_close(o);

	html_raw(&o->h, "<h3 id=\"anteile\">");
	txt(o, "Anteile der Partner");
	html_raw(&o->h, "</h3>\n");
	nseries = r->nparties + (r->nmunis ? 1 : 0);
	series = xcalloc(nseries + 1, sizeof(*series));
	v = xcalloc(nseries * ny + 1, sizeof(*v));
	munis = xasprintf(T("%zu Gemeinden ohne eigene Datei"), r->nmunis);
	for (i = 0; i < r->nparties; i++) {
		series[i] = r->parties[i].party->name;
		memcpy(&v[i * ny], r->parties[i].cost, ny * sizeof(*v));
	}
	if (r->nmunis) {
		series[r->nparties] = munis;
		memcpy(&v[r->nparties * ny], r->munis_cost, ny * sizeof(*v));
	}
	cats = xcalloc(ny + 1, sizeof(*cats));
	years = xcalloc(ny + 1, sizeof(*years));
	for (i = 0; i < ny; i++) {
		snprintf(years[i], sizeof(years[i]), "%d", r->year0 + (int)i);
		cats[i] = years[i];
	}
	tab = o->ntab + 1;
	c.id = "fig-kosten";
	c.title = T("Anteile der Partner an den Kosten je Jahr");
	c.desc = T("Für jedes Jahr ein Balken mit dem Budget der gemeinsamen "
	    "Projekte, gestapelt nach den Anteilen der Partner; über jedem "
	    "Balken das Total in CHF.");
	figure_open(o);
	svg_stacked(&o->h, &c, cats, ny, series, nseries, v);
	buf_addf(&alt, T("Die Beträge der Abbildung stehen in Tabelle %d."),
	    tab);
	figure_close(o, c.title, alt.s);
	buf_release(&alt);
	table_open(o, T("Anteile der Partner je Jahr nach den Kostenteilern, "
	    "in CHF"));
	year_head(o, T("Partner"));
	html_raw(&o->h, "<tbody>\n");
	for (i = 0; i < nseries; i++)
		year_row(o, series[i], &v[i * ny], false);
	year_row(o, T("Total"), sum, true);
	html_raw(&o->h, "</tbody>\n");
	table_close(o);

	table_open(o, T("Kostenteiler"));
	html_raw(&o->h, "<thead><tr>");
	th(o, "Kostenteiler", false);
	th(o, "Methode", false);
	th(o, "Projekte", false);
	html_raw(&o->h, "</tr></thead>\n<tbody>\n");
	for (k = 0; k < org->nkeys; k++) {
		const struct kk_cost_key *key = &org->keys[k];
		bool first = true;

		html_raw(&o->h, "<tr>");
		td(o, key->title);
		td(o, T(method_de[key->method]));
		html_raw(&o->h, "<td>");
		for (i = 0; i < org->nprojects; i++) {
			if (!org->projects[i].cost_key ||
			    strcmp(org->projects[i].cost_key, key->id))
				continue;
			if (!first)
				html_raw(&o->h, ", ");
			html_txt(&o->h, org->projects[i].title);
			first = false;
		}
		html_raw(&o->h, "</td></tr>\n");
	}
	html_raw(&o->h, "</tbody>\n");
	table_close(o);
	free(sum);
	free(v);
	free(series);
	free(munis);
	free(cats);
	free(years);
	chapter_close(o);
}

static void
lifecycle(struct out *o, int tab)
{
	const struct report *r = o->r;
	const struct kk_org *org = r->org;
	size_t n = org->ncomponents, i;
	struct svg_row *rows = xcalloc(n + 1, sizeof(*rows));
	struct svg_span *spans = xcalloc(n * KK_PHASE_COUNT + 1,
	    sizeof(*spans));
	const char *styles[KK_PHASE_COUNT];
	struct svg_legend lg;
	struct buf alt = BUF_INIT;
	struct svg_chart c;
	int y0 = org->start, y1 = org->end, k;
	char end[24];

	for (i = 0; i < n; i++)
		for (k = 0; k < KK_PHASE_COUNT; k++) {
			const char *d = org->components[i].phases[k];

			if (d && (!y0 || year_of(d) < y0))
				y0 = year_of(d);
			if (d && (!y1 || year_of(d) > y1))
				y1 = year_of(d);
		}
	snprintf(end, sizeof(end), "%04d-01-01", y1 + 1);
	for (i = 0; i < n; i++) {
		const struct kk_component *cp = &org->components[i];
		struct svg_span *s = &spans[i * KK_PHASE_COUNT];
		size_t ns = 0;

		for (k = 0; k < KK_PHASE_COUNT; k++) {
			int next;

			if (!cp->phases[k])
				continue;
			for (next = k + 1; next < KK_PHASE_COUNT &&
			    !cp->phases[next]; next++)
				;
			s[ns].start = kk_date_days(cp->phases[k]);
			s[ns].end = kk_date_days(next < KK_PHASE_COUNT ?
			    cp->phases[next] : end) - 1;
			s[ns].style = k;
			s[ns].label = T(phase_de[k]);
			ns++;
		}
		rows[i].label = cp->title;
		rows[i].spans = s;
		rows[i].nspans = ns;
	}
	for (k = 0; k < KK_PHASE_COUNT; k++)
		styles[k] = T(phase_de[k]);
	memset(&lg, 0, sizeof(lg));
	lg.styles = styles;
	lg.nstyles = KK_PHASE_COUNT;
	c.id = "fig-lebenszyklus";
	c.title = T("Lebenszyklus der Infrastruktur");
	c.desc = T("Jede Komponente als Zeile; die Abschnitte zeigen, ab "
	    "wann sie geplant, aufgebaut, betrieben und ausser Betrieb "
	    "genommen wird, je mit eigenem Muster und beschriftet.");
	figure_open(o);
	svg_timeline(&o->h, &c, y0, y1, rows, n, NULL, 0, &lg);
	buf_addf(&alt, T("Die Daten der Abbildung stehen in Tabelle %d."),
	    tab);
	figure_close(o, c.title, alt.s);
	buf_release(&alt);
	free(rows);
	free(spans);
}

static void
infrastructure(struct out *o)
{
	const struct report *r = o->r;
	const struct kk_org *org = r->org;
	char day[24];
	size_t i, j;
	bool first;
	int k;

	chapter(o, CH_INFRA);
	date_string(o, r->today, day, sizeof(day));
	para_open(o);
	html_txtf(&o->h, T("Die Partner planen %zu Komponenten der "
	    "Infrastruktur gemeinsam. Die Phase jeder Komponente gilt am "
	    "Stichtag %s."), org->ncomponents, day);
	para_close(o);
	if (org->ncomponents)
		lifecycle(o, o->ntab + 1);
	table_open(o, T("Komponenten der Infrastruktur"));
	html_raw(&o->h, "<thead><tr>");
	th(o, "Komponente", false);
	th(o, "Art", false);
	th(o, "Eigentümer", false);
	th(o, "Betreiber", false);
	th(o, "Phase am Stichtag", false);
	th(o, "Lebenszyklus", false);
	th(o, "Kosten CHF/Jahr", true);
	html_raw(&o->h, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < org->ncomponents; i++) {
		const struct kk_component *cp = &org->components[i];
		const char *ph = report_phase_on(cp, r->today);

		html_raw(&o->h, "<tr>");
		td(o, cp->title);
		td(o, T(component_de[cp->kind]));
		td(o, party_name(o, cp->owner));
		td(o, party_name(o, report_runner(cp)));
		td(o, ph ? T(phase_de[kk_enum_parse(ph, kk_phase_names,
		    KK_PHASE_COUNT)]) : NULL);
		html_raw(&o->h, "<td>");
		for (k = 0, first = true; k < KK_PHASE_COUNT; k++) {
			if (!cp->phases[k])
				continue;
			if (!first)
				html_raw(&o->h, "<br>");
			html_txtf(&o->h, "%s ", T(phase_de[k]));
			date(o, cp->phases[k]);
			first = false;
		}
		html_raw(&o->h, "</td>");
		td_chf(o, cp->cost);
		html_raw(&o->h, "</tr>\n");
	}
	html_raw(&o->h, "</tbody>\n");
	table_close(o);

	html_raw(&o->h, "<h3 id=\"konsolidierung\">");
	txt(o, "Kandidaten für eine Konsolidierung");
	html_raw(&o->h, "</h3>\n");
	para_open(o);
	txt(o, "Komponenten derselben Art und Funktion, die am Stichtag in "
	    "Betrieb sind und von zwei oder mehr Partnern betrieben werden. "
	    "Eine Zusammenlegung behält die teuerste; einsparen lässt sich "
	    "höchstens, was die übrigen im Jahr kosten (vor den Kosten der "
	    "Migration).");
	para_close(o);
	if (!r->ngroups) {
		para_open(o);
		txt(o, "Am Stichtag betreiben keine zwei Partner eine "
		    "Komponente derselben Art und Funktion.");
		para_close(o);
		chapter_close(o);
		return;
	}
	table_open(o, T("Kandidaten für eine Konsolidierung"));
	html_raw(&o->h, "<thead><tr>");
	th(o, "Art", false);
	th(o, "Funktion", false);
	th(o, "Komponenten", false);
	th(o, "betrieben von", false);
	th(o, "Kosten CHF/Jahr", true);
	th(o, "Einsparung höchstens", true);
	html_raw(&o->h, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < r->ngroups; i++) {
		const struct report_group *g = &r->groups[i];

		html_raw(&o->h, "<tr>");
		td(o, T(component_de[g->members[0]->kind]));
		td(o, g->members[0]->function);
		html_raw(&o->h, "<td>");
		for (j = 0; j < g->n; j++) {
			if (j)
				html_raw(&o->h, ", ");
			html_txt(&o->h, g->members[j]->title);
		}
		html_raw(&o->h, "</td><td>");
		party_list(o, &g->runners);
		html_raw(&o->h, "</td>");
		td_chf(o, g->cost);
		td_chf(o, g->saving);
		html_raw(&o->h, "</tr>\n");
	}
	html_raw(&o->h, "</tbody>\n");
	table_close(o);
	chapter_close(o);
}

static void
governance(struct out *o)
{
	const struct kk_org *org = o->r->org;
	size_t i;

	chapter(o, CH_GOVERNANCE);
	html_raw(&o->h, "<h3 id=\"gremien\">");
	txt(o, "Gremien");
	html_raw(&o->h, "</h3>\n");
	table_open(o, T("Gremien der gemeinsamen Organisation"));
	html_raw(&o->h, "<thead><tr>");
	th(o, "Gremium", false);
	th(o, "Art", false);
	th(o, "Mitglieder", false);
	th(o, "Aufgabe", false);
	html_raw(&o->h, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < org->nbodies; i++) {
		const struct kk_body *b = &org->bodies[i];

		html_raw(&o->h, "<tr>");
		td(o, b->name);
		td(o, T(body_de[b->kind]));
		html_raw(&o->h, "<td>");
		party_list(o, &b->members);
		html_raw(&o->h, "</td>");
		td(o, b->text);
		html_raw(&o->h, "</tr>\n");
	}
	html_raw(&o->h, "</tbody>\n");
	table_close(o);

	html_raw(&o->h, "<h3 id=\"entscheide\">");
	txt(o, "Entscheide");
	html_raw(&o->h, "</h3>\n");
	table_open(o, T("Entscheide der Gremien"));
	html_raw(&o->h, "<thead><tr>");
	th(o, "Datum", false);
	th(o, "Gremium", false);
	th(o, "Gegenstand", false);
	th(o, "Ergebnis", false);
	html_raw(&o->h, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < org->ndecisions; i++) {
		const struct kk_decision *d = &org->decisions[i];
		const char *body = d->body;
		size_t j;

		for (j = 0; j < org->nbodies; j++)
			if (!strcmp(org->bodies[j].id, d->body))
				body = org->bodies[j].name;
		html_raw(&o->h, "<tr><td class=\"num\">");
		date(o, d->date);
		html_raw(&o->h, "</td>");
		td(o, body);
		td(o, d->subject);
		td(o, d->outcome);
		html_raw(&o->h, "</tr>\n");
	}
	html_raw(&o->h, "</tbody>\n");
	table_close(o);

	html_raw(&o->h, "<h3 id=\"vereinbarungen\">");
	txt(o, "Vereinbarungen");
	html_raw(&o->h, "</h3>\n");
	table_open(o, T("Vereinbarungen zwischen den Partnern"));
	html_raw(&o->h, "<thead><tr>");
	th(o, "Vereinbarung", false);
	th(o, "Art", false);
	th(o, "Partner", false);
	th(o, "gültig ab", false);
	th(o, "gültig bis", false);
	th(o, "Inhalt", false);
	html_raw(&o->h, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < org->nagreements; i++) {
		const struct kk_agreement *a = &org->agreements[i];

		html_raw(&o->h, "<tr>");
		td(o, a->title);
		td(o, T(agreement_de[a->kind]));
		html_raw(&o->h, "<td>");
		party_list(o, &a->parties);
		html_raw(&o->h, "</td><td class=\"num\">");
		date(o, a->valid_from);
		html_raw(&o->h, "</td><td class=\"num\">");
		if (a->valid_to)
			date(o, a->valid_to);
		else
			txt(o, "unbefristet");
		html_raw(&o->h, "</td>");
		td(o, a->text);
		html_raw(&o->h, "</tr>\n");
	}
	html_raw(&o->h, "</tbody>\n");
	table_close(o);

	html_raw(&o->h, "<h3 id=\"terminplan\">");
	txt(o, "Terminplan");
	html_raw(&o->h, "</h3>\n");
	table_open(o, T("Terminplan der Zusammenarbeit"));
	html_raw(&o->h, "<thead><tr>");
	th(o, "Datum", false);
	th(o, "Meilenstein", false);
	th(o, "erreicht", false);
	th(o, "Beschreibung", false);
	html_raw(&o->h, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < org->nmilestones; i++) {
		const struct kk_milestone *m = &org->milestones[i];

		html_raw(&o->h, "<tr><td class=\"num\">");
		date(o, m->date);
		html_raw(&o->h, "</td>");
		td(o, m->title);
		td(o, m->done ? T("ja") : T("nein"));
		td(o, m->text);
		html_raw(&o->h, "</tr>\n");
	}
	html_raw(&o->h, "</tbody>\n");
	table_close(o);
	chapter_close(o);
}

static void
item_line(struct out *o, const struct kk_item *it)
{
	html_raw(&o->h, "<li><span class=\"id\">");
	html_txt(&o->h, it->id);
	html_raw(&o->h, "</span> <strong>");
	html_txt(&o->h, it->title);
	html_raw(&o->h, "</strong>");
	if (it->text) {
		html_raw(&o->h, ": ");
		html_txt(&o->h, it->text);
	}
}

static void
annex_party(struct out *o, size_t n, const struct report_party *p)
{
	const struct kk_strategy *s = p->strategy;
	size_t i, j;
	bool open = false;

	html_rawf(&o->h, "<h3 id=\"anhang-%zu\">A.%zu ", n, n);
	html_txt(&o->h, p->party->name);
	if (s) {
		html_raw(&o->h, ": ");
		html_txt(&o->h, s->title);
	}
	html_raw(&o->h, "</h3>\n");
	if (!s) {
		para_open(o);
		txt(o, "keine Strategie erfasst");
		para_close(o);
		return;
	}
	para_open(o);
	html_txtf(&o->h, T("Periode %d–%d, Version %d, %s."), s->start,
	    s->end, s->version, s->adopted ? T("verabschiedet") :
	    T("Entwurf"));
	para_close(o);
	if (s->vision) {
		html_raw(&o->h, "<h4>");
		txt(o, "Vision");
		html_raw(&o->h, "</h4>\n<blockquote><p>");
		html_txt(&o->h, s->vision);
		html_raw(&o->h, "</p></blockquote>\n");
	}
	if (p->count[KK_PRINCIPLE]) {
		html_raw(&o->h, "<h4>");
		txt(o, "Grundsätze");
		html_raw(&o->h, "</h4>\n<ul>\n");
		for (i = 0; i < s->nitems; i++)
			if (s->items[i].kind == KK_PRINCIPLE) {
				item_line(o, &s->items[i]);
				html_raw(&o->h, "</li>\n");
			}
		html_raw(&o->h, "</ul>\n");
	}
	if (p->count[KK_FIELD]) {
		html_raw(&o->h, "<h4>");
		txt(o, "Handlungsfelder und Ziele");
		html_raw(&o->h, "</h4>\n<ul>\n");
		for (i = 0; i < s->nitems; i++) {
			const struct kk_item *it = &s->items[i];

			if (it->kind == KK_FIELD) {
				if (open)
					html_raw(&o->h, "</ul></li>\n");
				item_line(o, it);
				html_raw(&o->h, "\n<ul>\n");
				open = true;
			} else if (it->kind == KK_GOAL) {
				item_line(o, it);
				html_raw(&o->h, "</li>\n");
			}
		}
		if (open)
			html_raw(&o->h, "</ul></li>\n");
		html_raw(&o->h, "</ul>\n");
	}
	if (p->count[KK_MEASURE]) {
		html_raw(&o->h, "<h4>");
		txt(o, "Massnahmen");
		html_raw(&o->h, "</h4>\n<ul>\n");
		for (i = 0; i < s->nitems; i++) {
			const struct kk_item *it = &s->items[i];

			if (it->kind != KK_MEASURE)
				continue;
			item_line(o, it);
			if (it->goals.n) {
				html_raw(&o->h, " <em>(");
				txt(o, "realisiert");
				html_raw(&o->h, " ");
				for (j = 0; j < it->goals.n; j++) {
					if (j)
						html_raw(&o->h, ", ");
					html_txt(&o->h, it->goals.v[j]);
				}
				html_raw(&o->h, ")</em>");
			}
			html_raw(&o->h, "</li>\n");
		}
		html_raw(&o->h, "</ul>\n");
	}
}

static void
annex(struct out *o)
{
	size_t i;

	chapter(o, CH_ANNEX);
	for (i = 0; i < o->r->nparties; i++)
		annex_party(o, i + 1, &o->r->parties[i]);
	chapter_close(o);
}

/*
 * Write report R to FP as one HTML document in R's language. Returns 0, or
 * KK_EIO if writing failed.
 */
int
report_html(const struct report *r, FILE *fp)
{
	struct out out, *o = &out;

	memset(o, 0, sizeof(*o));
	html_init_file(&o->h, fp);
	o->r = r;
	o->lang = r->opts.lang;
	head(o);
	titlepage(o);
	summary(o);
	starting_point(o);
	common(o);
	portfolio(o);
	finances(o);
	infrastructure(o);
	governance(o);
	annex(o);
	html_raw(&o->h, "</body>\n</html>\n");
	return html_error(&o->h);
}
