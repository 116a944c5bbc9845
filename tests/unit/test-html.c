/* test-html.c: the HTML writer escapes text and attributes; markup goes out only through html_raw. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "konkordat.h"

static void
test_text(void **state)
{
	struct buf b = BUF_INIT;
	struct html h;

	html_init_buf(&h, &b);
	html_txt(&h, "<script>alert(1)</script> & \"Q\" 'q' ]]>");
	assert_string_equal(b.s, "&lt;script&gt;alert(1)&lt;/script&gt; "
	    "&amp; \"Q\" 'q' ]]&gt;");
	buf_release(&b);
}

static void
test_attr(void **state)
{
	struct buf b = BUF_INIT;
	struct html h;

	html_init_buf(&h, &b);
	html_raw(&h, "<a title=\"");
	html_attr(&h, "\" onclick='x()' & <b>");
	html_raw(&h, "\">");
	assert_string_equal(b.s, "<a title=\"&quot; onclick=&#39;x()&#39; "
	    "&amp; &lt;b&gt;\">");
	buf_release(&b);
}

/* Formats are filled first and escaped after: the arguments are text. */
static void
test_printf(void **state)
{
	struct buf b = BUF_INIT;
	struct html h;

	html_init_buf(&h, &b);
	html_txtf(&h, "Abbildung %d: %s", 3, "A&B <i>");
	html_rawf(&h, "<td class=\"n\">%d</td>", 42);
	html_attrf(&h, "%s-%d", "x\"y'", 1);
	assert_string_equal(b.s, "Abbildung 3: A&amp;B &lt;i&gt;"
	    "<td class=\"n\">42</td>x&quot;y&#39;-1");
	buf_release(&b);
}

/* UTF-8 passes; control characters (forbidden in HTML and XML) do not. */
static void
test_utf8_and_controls(void **state)
{
	struct buf b = BUF_INIT;
	struct html h;

	html_init_buf(&h, &b);
	html_txt(&h, "Geschäftsstelle – 2012\x01\x1b\x7f\tende\n");
	html_txt(&h, NULL);
	assert_string_equal(b.s, "Geschäftsstelle – 2012\tende\n");
	buf_reset(&b);
	/* nor C1 controls and bidirectional overrides (U+202E) */
	html_txt(&h, "a\xc2\x9b" "b\xe2\x80\xae" "c\xe2\x81\xa6" "d\xc2\xa0" "e");
	assert_string_equal(b.s, "abcd\xc2\xa0" "e");
	buf_reset(&b);
	svg_txt(&h, "<script>&]]>");
	assert_string_equal(b.s, "&lt;script&gt;&amp;]]&gt;");
	buf_release(&b);
}

static void
test_file(void **state)
{
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);
	struct html h;

	assert_non_null(fp);
	html_init_file(&h, fp);
	html_raw(&h, "<p>");
	html_txt(&h, "a<b");
	html_raw(&h, "</p>");
	assert_int_equal(html_error(&h), 0);
	fclose(fp);
	assert_string_equal(out, "<p>a&lt;b</p>");
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_attr),
		cmocka_unit_test(test_printf),
		cmocka_unit_test(test_utf8_and_controls),
		cmocka_unit_test(test_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
