/* test-svg.c: every chart is well-formed XML with its title and desc, and hostile labels come out escaped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <libxml/parser.h>

#include "konkordat.h"

#define HOSTILE "<script>alert(1)</script> & \"q\" 'a' ]]>"

/* B must parse as XML (no network, no entities) and hold no raw tag. */
static void
check(const struct buf *b)
{
	xmlDocPtr doc = xmlReadMemory(b->s, (int)b->len, "chart.svg", "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);

	assert_non_null(doc);
	xmlFreeDoc(doc);
	assert_null(strstr(b->s, "<script"));
	assert_null(strstr(b->s, "]]>"));
	assert_non_null(strstr(b->s, "&lt;script&gt;"));
	assert_non_null(strstr(b->s, "<title id=\"c-t\">"));
	assert_non_null(strstr(b->s, "<desc id=\"c-d\">"));
}

static void
test_timeline(void **state)
{
	struct svg_span spans[2] = {
		{ 15340, 15700, 0, HOSTILE },
		{ 15701, 16000, 1, "Betrieb" },
	};
	struct svg_mark mark = { 15500, true, HOSTILE };
	struct svg_row rows[2] = {
		{ HOSTILE, HOSTILE, &spans[0], 1, &mark, 1, true },
		{ "zweite Zeile", NULL, &spans[1], 1, NULL, 0, false },
	};
	struct svg_link link = { 0, 1 };
	const char *styles[] = { HOSTILE, "laufend" };
	struct svg_legend lg = { styles, 2, { "offen", HOSTILE }, HOSTILE,
	    "Abhängigkeit" };
	struct svg_chart c = { "c", HOSTILE, HOSTILE, NULL };
	struct buf b = BUF_INIT;
	struct html h;

	html_init_buf(&h, &b);
	svg_timeline(&h, &c, 2012, 2016, rows, 2, &link, 1, &lg);
	check(&b);
	buf_release(&b);
}

static void
test_stacked(void **state)
{
	const char *cats[] = { "2012", HOSTILE };
	const char *series[] = { HOSTILE, "Stadt" };
	kk_rappen v[] = { 100000, 0, 250050, 99 };
	struct svg_chart c = { "c", HOSTILE, HOSTILE, NULL };
	struct buf b = BUF_INIT;
	struct html h;

	html_init_buf(&h, &b);
	svg_stacked(&h, &c, cats, 2, series, 2, v);
	check(&b);
	/* the total of the first bar, in Swiss francs */
	assert_non_null(strstr(b.s, ">3'500<"));
	buf_release(&b);
}

/* The axis and the totals in the chart's language (locale-fmt.c). */
static void
test_stacked_lang(void **state)
{
	const char *cats[] = { "2012" };
	const char *series[] = { "Stadt" };
	kk_rappen v[] = { 125000050 };
	struct svg_chart c = { "c", "t", "d", "fr" };
	struct buf b = BUF_INIT;
	struct html h;

	html_init_buf(&h, &b);
	svg_stacked(&h, &c, cats, 1, series, 1, v);
	assert_non_null(strstr(b.s, ">1\u202f250\u202f000<"));
	assert_non_null(strstr(b.s, "CHF 1\u202f250\u202f000.50"));
	buf_reset(&b);
	c.lang = "en";
	svg_stacked(&h, &c, cats, 1, series, 1, v);
	assert_non_null(strstr(b.s, ">1,250,000<"));
	assert_null(strstr(b.s, "1'250"));
	buf_release(&b);
}

static void
test_heatmap(void **state)
{
	const char *rows[] = { HOSTILE, "Stadt" };
	const char *cols[] = { "kosten", HOSTILE, "sicherheit" };
	int v[] = { 0, 1, 2, 3, 4, 5 };
	struct svg_chart c = { "c", HOSTILE, HOSTILE, NULL };
	struct buf b = BUF_INIT;
	struct html h;

	html_init_buf(&h, &b);
	svg_heatmap(&h, &c, rows, 2, cols, 3, v, NULL);
	check(&b);
	assert_null(strstr(b.s, "c-zero"));
	buf_release(&b);
}

/* With a legend: an empty cell hatched, each shade named by its counts
   (5 the largest: 1-2, 3, 4, 5), the legend's text escaped. */
static void
test_heatmap_legend(void **state)
{
	const char *rows[] = { "Kanton", "Stadt" };
	const char *cols[] = { "a", "b", "c" };
	int v[] = { 0, 1, 2, 3, 4, 5 };
	struct svg_chart c = { "c", "t", "d", NULL };
	struct buf b = BUF_INIT;
	struct html h;

	html_init_buf(&h, &b);
	svg_heatmap(&h, &c, rows, 2, cols, 3, v, HOSTILE);
	check(&b);
	assert_non_null(strstr(b.s, "<pattern id=\"c-zero\""));
	assert_non_null(strstr(b.s, "fill=\"url(#c-zero)\" stroke"));
	assert_non_null(strstr(b.s, ">1–2</text>"));
	buf_release(&b);
}

/* The same data gives the same bytes. */
static void
test_stable(void **state)
{
	const char *cats[] = { "2012" };
	const char *series[] = { "a" };
	kk_rappen v[] = { 123456 };
	struct svg_chart c = { "c", "t", "d", NULL };
	struct buf a = BUF_INIT, b = BUF_INIT;
	struct html h;

	html_init_buf(&h, &a);
	svg_stacked(&h, &c, cats, 1, series, 1, v);
	html_init_buf(&h, &b);
	svg_stacked(&h, &c, cats, 1, series, 1, v);
	assert_string_equal(a.s, b.s);
	buf_release(&a);
	buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_timeline),
		cmocka_unit_test(test_stacked),
		cmocka_unit_test(test_stacked_lang),
		cmocka_unit_test(test_heatmap),
		cmocka_unit_test(test_heatmap_legend),
		cmocka_unit_test(test_stable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
