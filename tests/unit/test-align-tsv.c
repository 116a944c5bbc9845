/* test-align-tsv.c: the alignment's items file: records, diagnostics with their place, nothing from bad input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "align-tsv.h"

#define HEADER "doc_id\titem_id\tkind\tlang\ttitle\ttext\tsource\n"

struct fixture {
	struct kk_diags d;
	struct align_tsv t;
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	diags_init(&f->d);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	align_tsv_release(&f->t);
	diags_release(&f->d);
	free(f);
	return 0;
}

static int
read_str(struct fixture *f, const char *text, size_t len)
{
	return align_tsv_read("t.tsv", text, len, &f->t, &f->d);
}

/* Bad input: one diagnostic at LINE:COL saying WANT, and no item. */
static void
refused(struct fixture *f, const char *text, size_t len, int line, int col,
    const char *want)
{
	assert_int_equal(read_str(f, text, len), KK_EINPUT);
	assert_int_equal(f->t.n, 0);
	assert_null(f->t.v);
	assert_int_equal(f->d.n, 1);
	assert_string_equal(f->d.v[0].loc.file, "t.tsv");
	assert_int_equal(f->d.v[0].loc.line, line);
	assert_int_equal(f->d.v[0].loc.col, col);
	assert_string_equal(f->d.v[0].msg, want);
}

static void
test_good_file(void **state)
{
	struct fixture *f = *state;
	static const char text[] = HEADER
	    "lu\tlu.z1\tgoal\tde\tDaten schützen\tMehr Text\tS. 3\n"
	    "\n"
	    "be\tbe.z1\t\t\tProtéger les données\t\t\n";

	assert_int_equal(read_str(f, text, sizeof(text) - 1), KK_OK);
	assert_int_equal(f->d.n, 0);
	assert_int_equal(f->t.n, 2);
	assert_string_equal(f->t.v[0].item.doc, "lu");
	assert_string_equal(f->t.v[0].item.id, "lu.z1");
	assert_string_equal(f->t.v[0].item.kind, "goal");
	assert_string_equal(f->t.v[0].item.lang, "de");
	assert_string_equal(f->t.v[0].item.title, "Daten schützen");
	assert_string_equal(f->t.v[0].item.text, "Mehr Text");
	assert_int_equal(f->t.v[0].loc.line, 2);
	/* an empty kind is none; an empty language is found by the engine */
	assert_null(f->t.v[1].item.kind);
	assert_string_equal(f->t.v[1].item.lang, "");
	assert_int_equal(f->t.v[1].loc.line, 4);
}

/* Windows line ends: the CR is no part of the last field. */
static void
test_crlf(void **state)
{
	struct fixture *f = *state;
	static const char text[] = "doc_id\titem_id\ttitle\r\n"
	    "lu\tlu.z1\tDaten\r\n"
	    "lu\tlu.z2\tNetze\r\n";

	assert_int_equal(read_str(f, text, sizeof(text) - 1), KK_OK);
	assert_int_equal(f->t.n, 2);
	assert_string_equal(f->t.v[0].item.title, "Daten");
	assert_string_equal(f->t.v[1].item.title, "Netze");
	assert_null(f->t.v[0].item.text);
}

static void
test_missing_column(void **state)
{
	struct fixture *f = *state;
	static const char text[] = "doc_id\titem_id\ttext\nd\ti\tx\n";

	refused(f, text, sizeof(text) - 1, 1, 0, "the header has no column "
	    "'title' (want doc_id, item_id, kind, lang, title, text, source)");
}

static void
test_bad_utf8(void **state)
{
	struct fixture *f = *state;
	static const char text[] = HEADER "lu\tlu.z1\tgoal\tde\tDa\xfften\t\t\n";

	/* the byte is the 20th character of its line */
	refused(f, text, sizeof(text) - 1, 2, 20, "invalid UTF-8 byte 0xff");
}

static void
test_empty_file(void **state)
{
	struct fixture *f = *state;

	refused(f, "", 0, 1, 0, "empty file: no header");
}

/* Every bad line is told, and a file with one is not taken at all. */
static void
test_every_bad_line(void **state)
{
	struct fixture *f = *state;
	static const char text[] = HEADER
	    "lu\tlu.z1\tgoal\tde\tDaten\t\t\n"
	    "lu\tlu.z2\tgoal\tde\tNetze\n"
	    "lu\tlu.z1\tgoal\tde\tNochmals\t\t\n"
	    "lu\tlu.z3\tgoal\trm\tDatas\t\t\n"
	    "\tlu.z4\tgoal\tde\tOhne\t\t\n";

	assert_int_equal(read_str(f, text, sizeof(text) - 1), KK_EINPUT);
	assert_int_equal(f->t.n, 0);
	assert_int_equal(f->d.n, 4);
	assert_int_equal(f->d.v[0].loc.line, 3);
	assert_string_equal(f->d.v[0].msg, "5 fields where the header has 7");
	assert_int_equal(f->d.v[1].loc.line, 4);
	assert_int_equal(f->d.v[1].loc.col, 4);
	assert_string_equal(f->d.v[1].msg, "item 'lu.z1' is there twice");
	assert_int_equal(f->d.v[2].loc.col, 15);
	assert_string_equal(f->d.v[2].msg, "unknown language 'rm' (want de, "
	    "fr, it, en, or nothing to detect it)");
	assert_int_equal(f->d.v[3].loc.line, 6);
	assert_int_equal(f->d.v[3].loc.col, 1);
	assert_string_equal(f->d.v[3].msg, "the item has no doc_id");
}

/* A line has at most ALIGN_TSV_MAX_COLUMNS columns: the header's are cut
   there, so a line with more has more than the header. */
static void
test_too_many_columns(void **state)
{
	struct fixture *f = *state;
	struct buf b = BUF_INIT;
	int i;

	buf_adds(&b, "doc_id\titem_id\ttitle");
	for (i = 3; i < ALIGN_TSV_MAX_COLUMNS + 1; i++)
		buf_addf(&b, "\tc%d", i);
	buf_adds(&b, "\nlu\tlu.z1\tDaten");
	for (i = 3; i < ALIGN_TSV_MAX_COLUMNS + 1; i++)
		buf_adds(&b, "\tx");
	buf_addc(&b, '\n');
	refused(f, b.s, b.len, 2, 0, "65 fields where the header has 64");
	buf_release(&b);
}

static void
test_nul_byte(void **state)
{
	struct fixture *f = *state;

	refused(f, "doc_id\0item", 11, 0, 0, "a NUL byte: not a text file");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_good_file, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_crlf, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_column, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_bad_utf8, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_empty_file, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_every_bad_line, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_too_many_columns, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_nul_byte, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
