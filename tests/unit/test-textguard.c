/* test-textguard.c: what text may hold, how it is shown, quoted, written to XML and CSV. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "konkordat.h"

static void
test_find(void **state)
{
	int32_t cp;
	const char *ok = "Ziel\t1\nzwei – ä";

	(void)state;
	assert_int_equal(textguard_find(ok, strlen(ok), &cp), strlen(ok));
	assert_int_equal(cp, 0);
	/* a NUL inside the length is found, not taken for the end */
	assert_int_equal(textguard_find("Vorhaben\0X", 10, &cp), 8);
	assert_int_equal(cp, 0);
	assert_int_equal(textguard_find("a\x1b[2J", 5, &cp), 1);
	assert_int_equal(cp, 0x1b);
	assert_int_equal(textguard_find("ab\r\n", 4, &cp), 2);
	assert_int_equal(cp, '\r');
	assert_int_equal(textguard_find("x\x7f", 2, &cp), 1);
	assert_int_equal(cp, 0x7f);
	assert_int_equal(textguard_find("x\xc2\x9b", 3, &cp), 1);
	assert_int_equal(cp, 0x9b);
	assert_int_equal(textguard_find("xy\xe2\x80\xae", 5, &cp), 2);
	assert_int_equal(cp, 0x202e);
	assert_int_equal(textguard_find("\xe2\x81\xa9", 3, &cp), 0);
	assert_int_equal(cp, 0x2069);
	/* the neighbours of the refused ranges pass: U+2029, U+202F, U+2065 */
	assert_int_equal(textguard_find("\xe2\x80\xa9\xe2\x80\xaf\xe2\x81\xa5",
	    9, &cp), 9);
	assert_int_equal(textguard_find("ok\xff", 3, &cp), 2);
	assert_int_equal(cp, -1);
}

static void
test_check(void **state)
{
	struct kk_diags d;
	struct kk_loc loc = { "f.yaml", 3, 9 };

	(void)state;
	diags_init(&d);
	assert_int_equal(textguard_check("fine", 4, &d, &loc), KK_OK);
	assert_int_equal(d.n, 0);
	assert_int_equal(textguard_check("a\xe2\x80\xae", 4, &d, &loc),
	    KK_EINPUT);
	assert_int_equal(textguard_check("a\a", 2, &d, &loc), KK_EINPUT);
	assert_int_equal(d.nerrors, 2);
	assert_non_null(strstr(d.v[0].msg, "U+202E"));
	assert_non_null(strstr(d.v[1].msg, "U+0007"));
	assert_int_equal(d.v[1].loc.line, 3);
	assert_int_equal(d.v[1].loc.col, 9);
	diags_release(&d);
}

static void
test_escape(void **state)
{
	struct buf b = BUF_INIT;
	const char *s = "T\x1b]0;x\a\tL\n\\\x7f\xc2\x9b\xe2\x80\xae" "ä\xff";

	(void)state;
	textguard_escape(&b, s, strlen(s), false);
	assert_string_equal(b.s, "T\\x1b]0;x\\x07\\x09L\\x0a\\\\x7f<U+009B>"
	    "<U+202E>ä\\xff");
	buf_reset(&b);
	textguard_escape(&b, s, strlen(s), true);
	assert_string_equal(b.s, "T\\x1b]0;x\\x07\tL\n\\\\x7f<U+009B>"
	    "<U+202E>ä\\xff");
	buf_reset(&b);
	textguard_escape(&b, "a\0b", 3, false);
	assert_string_equal(b.s, "a\\x00b");
	buf_release(&b);
}

static void
test_quote(void **state)
{
	struct buf b = BUF_INIT;
	char *big = xmalloc(1000001);

	(void)state;
	textguard_quote(&b, "kurz", 60);
	assert_string_equal(b.s, "kurz");
	buf_reset(&b);
	/* cut in the middle, never inside the two bytes of an umlaut */
	textguard_quote(&b, "äöüxyzü", 5);
	assert_string_equal(b.s, "äö…zü");
	buf_reset(&b);
	textguard_quote(&b, "/a/very/long/folder/name.yaml", 12);
	assert_string_equal(b.s, "/a/ve…e.yaml");
	buf_reset(&b);
	textguard_quote(&b, "abc", 3);
	assert_string_equal(b.s, "abc");
	buf_reset(&b);
	memset(big, 'a', 1000000);
	big[1000000] = '\0';
	textguard_quote(&b, big, TEXTGUARD_QUOTE_MAX);
	assert_int_equal(b.len, TEXTGUARD_QUOTE_MAX - 1 + strlen("…"));
	buf_release(&b);
	free(big);
}

static void KK_PRINTF(3, 4)
format(struct buf *b, const char *fmt, const char *shown, ...)
{
	va_list ap;

	va_start(ap, shown);
	textguard_vformat(b, fmt, shown, ap);
	va_end(ap);
}

static void
test_vformat(void **state)
{
	struct buf b = BUF_INIT;
	char *big = xmalloc(1001);

	(void)state;
	memset(big, 'x', 1000);
	big[1000] = '\0';
	format(&b, "invalid id '%s' (%d of %zu, %ld) %s 100%%",
	    "invalid id '%s' (%d of %zu, %ld) %s 100%%", big, 3, (size_t)7,
	    -2L, "list \x1b[2J");
	/* the quoted value cut, the one that is not quoted only escaped */
	assert_int_equal(strncmp(b.s, "invalid id 'xxx", 15), 0);
	assert_non_null(strstr(b.s, "x…x"));
	assert_non_null(strstr(b.s, "x' (3 of 7, -2) list \\x1b[2J 100%"));
	assert_true(b.len < TEXTGUARD_QUOTE_MAX + 60);
	buf_reset(&b);
	/* a translation that reorders the arguments gets each in its place */
	format(&b, "unknown %s '%s'", "unbekannter Wert '%2$s' für %1$s",
	    "kind", "k\x07");
	assert_string_equal(b.s, "unbekannter Wert 'k\\x07' für kind");
	buf_reset(&b);
	format(&b, "%-6s|%5.2f|%c|%.3s|%x", "%-6s|%5.2f|%c|%.3s|%x", "ab",
	    3.14159, 'z', "abcdef", 255u);
	assert_string_equal(b.s, "ab    | 3.14|z|abc|ff");
	buf_reset(&b);
	format(&b, "%.*s:%d", "%.*s:%d", 2, "abcd", 5);
	assert_string_equal(b.s, "ab:5");
	buf_release(&b);
	free(big);
}

static void
test_xml(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	assert_int_equal(textguard_xml(&b, "a\x1b[2J\a\tb\r\nc\xe2\x80\xae"
	    "d\xc2\x9b"), 4);
	assert_string_equal(b.s, "a[2J\tb\r\ncd");
	buf_release(&b);
}

static void
test_spreadsheet(void **state)
{
	(void)state;
	assert_true(textguard_spreadsheet_formula("=HYPERLINK(\"x\")"));
	assert_true(textguard_spreadsheet_formula("+41 41 000 00 00"));
	assert_true(textguard_spreadsheet_formula("-2+3"));
	assert_true(textguard_spreadsheet_formula("@SUM(A1)"));
	assert_true(textguard_spreadsheet_formula("\tx"));
	assert_true(textguard_spreadsheet_formula("\rx"));
	assert_true(textguard_spreadsheet_formula("-x"));
	assert_false(textguard_spreadsheet_formula("-"));
	assert_true(textguard_spreadsheet_formula("'=x"));
	assert_false(textguard_spreadsheet_formula("-1200.00"));
	assert_false(textguard_spreadsheet_formula("+5"));
	assert_false(textguard_spreadsheet_formula("1200.00"));
	assert_false(textguard_spreadsheet_formula("Portal"));
	assert_false(textguard_spreadsheet_formula(""));
	assert_false(textguard_spreadsheet_formula("'quoted'"));
	assert_false(textguard_spreadsheet_formula("'-5"));
	assert_string_equal(textguard_spreadsheet_unguard("'=x"), "=x");
	assert_string_equal(textguard_spreadsheet_unguard("''=x"), "'=x");
	assert_string_equal(textguard_spreadsheet_unguard("'-5"), "'-5");
	assert_string_equal(textguard_spreadsheet_unguard("=x"), "=x");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_quote),
		cmocka_unit_test(test_vformat),
		cmocka_unit_test(test_xml),
		cmocka_unit_test(test_spreadsheet),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
