/* test-i18n.c: the enumerations' words in the user's language, and tables and labels padded by what a terminal shows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>

#include "konkordat.h"
#include "align.h"

/* Each vocabulary has exactly the keys of the model's array. */
static void
test_vocab_keys_are_the_models(void **state)
{
	static const struct {
		enum i18n_vocab v;
		const char *const *names;
		size_t n;
	} cases[] = {
		{ VOCAB_PARTY_KIND, kk_party_kind_names, KK_PARTY_KIND_COUNT },
		{ VOCAB_ITEM_KIND, kk_item_kind_names, KK_ITEM_KIND_COUNT },
		{ VOCAB_BODY_KIND, kk_body_kind_names, KK_BODY_KIND_COUNT },
		{ VOCAB_AGREEMENT_KIND, kk_agreement_kind_names,
		    KK_AGREEMENT_KIND_COUNT },
		{ VOCAB_PROJECT_STATUS, kk_project_status_names,
		    KK_PROJECT_STATUS_COUNT },
		{ VOCAB_LIGHT, kk_light_names, KK_LIGHT_COUNT },
		{ VOCAB_BUDGET_KIND, kk_budget_kind_names, KK_BUDGET_KIND_COUNT },
		{ VOCAB_KEY_METHOD, kk_key_method_names, KK_KEY_METHOD_COUNT },
		{ VOCAB_COMPONENT_KIND, kk_component_kind_names,
		    KK_COMPONENT_KIND_COUNT },
		{ VOCAB_PHASE, kk_phase_names, KK_PHASE_COUNT },
		{ VOCAB_RELATION, align_relation_names, 4 },
	};
	size_t i, j, n;

	(void)state;
	for (i = 0; i < KK_ARRAY_SIZE(cases); i++) {
		const char *const *keys = i18n_vocab_keys(cases[i].v, &n);

		assert_int_equal(n, cases[i].n);
		for (j = 0; j < n; j++)
			assert_string_equal(keys[j], cases[i].names[j]);
	}
}

/* German through LANGUAGE in C.UTF-8, as the CLI does for a German
   locale that is not generated. */
static int
german(void **state)
{
	(void)state;
	setenv("LANGUAGE", "de", 1);
	setenv("LC_ALL", "C.UTF-8", 1);
	i18n_init();
	return 0;
}

/* Every value of every vocabulary has a German word; others pass. */
static void
test_terms_in_german(void **state)
{
	size_t v, j, n;

	(void)state;
	assert_string_equal(i18n_term(VOCAB_LIGHT, "green"), "grün");
	assert_string_equal(i18n_term(VOCAB_PARTY_KIND, "canton"), "Kanton");
	/* the context tells a project's "done" from others */
	assert_string_equal(i18n_term(VOCAB_PROJECT_STATUS, "done"),
	    "abgeschlossen");
	assert_string_equal(i18n_term(VOCAB_PHASE, "run"), "Betrieb");
	/* what is not a key stays as it is */
	assert_string_equal(i18n_term(VOCAB_PHASE, "-"), "-");
	assert_string_equal(i18n_term(VOCAB_LIGHT, "canton"), "canton");
	for (v = 0; v < VOCAB_COUNT; v++) {
		const char *const *keys = i18n_vocab_keys(v, &n);

		for (j = 0; j < n; j++)
			if (!strcmp(i18n_term(v, keys[j]), keys[j]))
				fail_msg("'%s' of vocabulary %zu has no German "
				    "word", keys[j], v);
	}
}

static void
expect_explanation(const char *why, const char *want)
{
	char *got = i18n_explanation(why);

	assert_string_equal(got, want);
	free(got);
}

/* The engine's explanations: the kinds of link in German, the words and
   the thesaurus' concepts as they are. */
static void
test_explanation_in_german(void **state)
{
	(void)state;
	expect_explanation("no shared words", "keine gemeinsamen Wörter");
	expect_explanation("alone: no item of another document is close "
	    "enough", "allein: kein Element eines anderen Dokuments ist nah "
	    "genug");
	expect_explanation("Sicherheit (thesaurus: security); geschützt ~ "
	    "schützen (translation)", "Sicherheit (Thesaurus: security); "
	    "geschützt ~ schützen (Übersetzung)");
	expect_explanation("Daten; Datenschutz ~ Schutz (compound part, "
	    "synonym)", "Daten; Datenschutz ~ Schutz (Wortteil, Synonym)");
	/* each parenthesis, with the evidence's share after them */
	expect_explanation("Prozesse 52%; Abläufe ~ Prozesse (synonym) 2%",
	    "Prozesse 52%; Abläufe ~ Prozesse (Synonym) 2%");
	expect_explanation("Gemeinsame ~ Zusammenarbeit (synonym) (generic "
	    "word) 1%", "Gemeinsame ~ Zusammenarbeit (Synonym) (allgemeines "
	    "Wort) 1%");
	/* what the engine does not write passes as it is */
	expect_explanation("", "");
	expect_explanation("a (b); (translation", "a (b); (translation");
	expect_explanation("x (thesaurus: translation)",
	    "x (Thesaurus: translation)");
	expect_explanation("Wort (translation)x", "Wort (translation)x");
}

static char *
print(const struct table *t, enum table_format f)
{
	char *s = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&s, &len);

	assert_non_null(fp);
	assert_int_equal(table_print(t, f, fp), 0);
	fclose(fp);
	return s;
}

/* The text table speaks German; CSV and JSON keep the keys. */
static void
test_table_keys_and_words(void **state)
{
	static const char *const cols[] = { N_("ID"), N_("LIGHT"),
	    N_("OWNER"), "vlg" };
	struct table t;
	char *s;

	(void)state;
	table_init(&t, cols, KK_ARRAY_SIZE(cols));
	table_terms(&t, 1, VOCAB_LIGHT);
	table_head_verbatim(&t, 3);
	table_row(&t, "a", "green", "stadt-luzern", "x");
	table_row(&t, "b", "red", "kanton", "y");
	s = print(&t, TABLE_TEXT);
	/* EIGENTÜMER is 10 columns wide and 11 bytes long */
	assert_string_equal(s,
	    "ID  AMPEL  EIGENTÜMER    vlg\n"
	    "a   grün   stadt-luzern  x\n"
	    "b   rot    kanton        y\n");
	free(s);
	s = print(&t, TABLE_CSV);
	assert_string_equal(s, "ID,LIGHT,OWNER,vlg\r\na,green,stadt-luzern,x"
	    "\r\nb,red,kanton,y\r\n");
	free(s);
	s = print(&t, TABLE_JSON);
	assert_non_null(strstr(s, "\"light\": \"green\""));
	assert_null(strstr(s, "grün"));
	free(s);
	table_release(&t);
}

/* Widths as a terminal shows them, not bytes. */
static void
test_width_and_pad(void **state)
{
	char buf[32];

	(void)state;
	assert_int_equal(table_text_width(""), 0);
	assert_int_equal(table_text_width("Eigentümer"), 10);
	assert_int_equal(table_text_width("e\xcc\x81"), 1);	/* e + combining acute */
	assert_int_equal(table_text_width("\xe6\x97\xa5\xe6\x9c\xac"), 4);
	assert_int_equal(table_text_width("a\xff" "b"), 3);
	assert_string_equal(table_pad(buf, sizeof(buf), "Eigentümer", 12),
	    "Eigentümer  ");
	assert_string_equal(table_pad(buf, sizeof(buf), "Lebenszyklus!", 12),
	    "Lebenszyklus!");
	/* cut short rather than overflow */
	assert_string_equal(table_pad(buf, 6, "ab", 12), "ab   ");
	assert_int_equal(strlen(PADDED("Grün", 6)), 7);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vocab_keys_are_the_models),
		cmocka_unit_test(test_width_and_pad),
		cmocka_unit_test_setup(test_terms_in_german, german),
		cmocka_unit_test_setup(test_explanation_in_german, german),
		cmocka_unit_test_setup(test_table_keys_and_words, german),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
