/* test-text.c: the alignment engine's text pipeline: tokens, stems, compounds, languages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "align-impl.h"
#include "skip.h"

static align_lexicon *lex;	/* stop words, stemmers, hunspell if there */

static int
setup(void **state)
{
	struct align_lexicon_opts o;
	char *msg;

	align_lexicon_opts_init(&o);
	o.use_system = false;	/* no mythes or FreeDict: fast, the same
				   everywhere */
	o.quiet = true;
	return align_lexicon_load(&o, &lex, &msg);
}

static int
teardown(void **state)
{
	align_lexicon_free(lex);
	return 0;
}

/* The tokens of S, their norms joined by '|', flags in brackets where
   WITH_FLAGS: "it[A]|sicherheit". */
static char *
toks(const char *s, bool with_flags)
{
	struct arena *a = arena_new();
	struct tokens t = { 0 };
	struct buf b = BUF_INIT;
	size_t i;

	text_tokenise(a, s, strlen(s), &t);
	for (i = 0; i < t.n; i++) {
		buf_addf(&b, "%s%s", i ? "|" : "", t.v[i].norm);
		if (with_flags && (t.v[i].flags & (TOK_ABBR | TOK_NUMBER |
		    TOK_TRUNC)))
			buf_addf(&b, "[%s%s%s]",
			    t.v[i].flags & TOK_ABBR ? "A" : "",
			    t.v[i].flags & TOK_NUMBER ? "N" : "",
			    t.v[i].flags & TOK_TRUNC ? "T" : "");
	}
	tokens_release(&t);
	arena_free(a);
	return buf_detach(&b, NULL);
}

/* Tricky German, French and Italian spellings, and what they become. */
static void
test_normalise_table(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		/* hyphens and the e- prefix */
		{ "E-Government", "egovernment" },
		{ "eGovernment", "egovernment" },
		{ "E-Government-Diensten", "egovernment|diensten" },
		{ "IT-Sicherheit", "it[A]|sicherheit" },
		/* gendered forms */
		{ "Kund*innen", "kund" },
		{ "Kund:innen", "kund" },
		{ "Kund_innen", "kund" },
		{ "Bürger/-innen", "bürger" },
		{ "Bürger/innen", "bürger" },
		{ "BürgerInnen", "bürger" },
		{ "Bürger(innen)", "bürger" },
		{ "Kund*innenorientierung", "kund|orientierung" },
		{ "citoyen·ne·s", "citoyen" },
		/* Swiss spelling, case folding, NFKC */
		{ "Straße", "strasse" },
		{ "STRASSE", "strasse" },
		{ "\xef\xac\x81nanzierung", "finanzierung" },	/* ﬁ */
		{ "\xef\xbc\xa9\xef\xbc\xb4", "it[A]" },	/* fullwidth IT */
		{ "Verfügbarkeit", "verfügbarkeit" },
		/* abbreviations */
		{ "ICT und eID", "ict[A]|und|eid[A]" },
		{ "IKT", "ikt[A]" },
		/* numbers and years */
		{ "2016-2020", "2016[N]|2020[N]" },
		{ "CHF 2.50", "chf[A]|2.50[N]" },
		{ "1'000 Einwohner", "1000[N]|einwohner" },
		/* elided compound parts */
		{ "Kunden- und dienstleistungsorientierte",
		  "kunden[T]|und|dienstleistungsorientierte" },
		{ "auf- bzw. ausgebaut", "auf[T]|bzw|ausgebaut" },
		/* French and Italian elision */
		{ "l'innovation", "l|innovation" },
		{ "d\xe2\x80\x99interaction", "d|interaction" },	/* ’ */
		{ "Échanges", "échanges" },
		{ "dell'amministrazione", "dell|amministrazione" },
		{ "Città", "città" },
		/* punctuation and spaces */
		{ "  Offenheit & Transparenz. ", "offenheit|transparenz" },
		{ "", "" },
	};
	size_t i;

	for (i = 0; i < KK_ARRAY_SIZE(cases); i++) {
		char *got = toks(cases[i].in, true);

		if (strcmp(got, cases[i].want))
			fail_msg("'%s': got '%s', want '%s'", cases[i].in,
			    got, cases[i].want);
		free(got);
	}
}

static void
test_breaks_and_bad_bytes(void **state)
{
	struct arena *a = arena_new();
	struct tokens t = { 0 };
	const char bad[] = "Daten\xff\xfe und \xc3 Schutz\0X";

	text_tokenise(a, "Daten, Schutz", 13, &t);
	assert_int_equal(t.n, 2);
	assert_true(t.v[1].flags & TOK_BREAK);
	tokens_release(&t);
	/* invalid UTF-8 and NUL bytes do not stop or crash the tokeniser */
	text_tokenise(a, bad, sizeof(bad) - 1, &t);
	assert_true(t.n >= 3);
	assert_string_equal(t.v[0].norm, "daten");
	tokens_release(&t);
	arena_free(a);
}

static char *
stem(int lang, const char *w)
{
	struct buf b = BUF_INIT;

	text_stem(lexicon_textproc(lex), lang, w, &b);
	return buf_detach(&b, NULL);
}

static void
assert_same_stem(int lang, const char *a, const char *b)
{
	char *x = stem(lang, a), *y = stem(lang, b);

	if (strcmp(x, y))
		fail_msg("%s: '%s' -> '%s' but '%s' -> '%s'", lang_codes[lang],
		    a, x, b, y);
	free(x);
	free(y);
}

static void
test_stemming(void **state)
{
	char *s;

	assert_same_stem(LANG_DE, "verfügbarkeit", "verfuegbarkeit");
	assert_same_stem(LANG_DE, "prozesse", "prozess");
	assert_same_stem(LANG_DE, "behörden", "behoerde");
	assert_same_stem(LANG_DE, "kunden", "kund");
	assert_same_stem(LANG_FR, "administrations", "administration");
	assert_same_stem(LANG_FR, "numériques", "numérique");
	assert_same_stem(LANG_IT, "amministrazioni", "amministrazione");
	assert_same_stem(LANG_EN, "services", "service");
	assert_same_stem(LANG_EN, "standardisation", "standardisations");
	/* numbers and unknown languages stay as they are */
	s = stem(LANG_DE, "2020");
	assert_string_equal(s, "2020");
	free(s);
	s = stem(LANG_NONE, "Wort");
	assert_string_equal(s, "Wort");
	free(s);
}

static void
test_stop_words(void **state)
{
	struct textproc *tp = lexicon_textproc(lex);

	assert_true(text_is_stop(tp, LANG_DE, "und"));
	assert_true(text_is_stop(tp, LANG_DE, "bzw"));
	assert_true(text_is_stop(tp, LANG_FR, "des"));
	assert_true(text_is_stop(tp, LANG_IT, "della"));
	assert_true(text_is_stop(tp, LANG_EN, "the"));
	assert_false(text_is_stop(tp, LANG_DE, "daten"));
	assert_false(text_is_stop(tp, LANG_NONE, "und"));
}

static void
test_abbreviation_is_no_stop_word(void **state)
{
	struct arena *a = arena_new();
	struct tokens t = { 0 };

	/* "IT" is not the English pronoun "it" */
	text_tokenise(a, "IT governance: it works", 23, &t);
	text_mark_stop(lexicon_textproc(lex), LANG_EN, &t);
	assert_int_equal(t.n, 4);
	assert_false(t.v[0].flags & TOK_STOP);
	assert_true(t.v[2].flags & TOK_STOP);
	tokens_release(&t);
	arena_free(a);
}

static void
test_compound_splitting(void **state)
{
	static const struct {
		const char *word, *parts;	/* NULL: not split */
	} cases[] = {
		{ "informatikstrategie", "informatik strategie" },
		{ "datenhaltung", "daten haltung" },
		{ "informationssicherheit", "information sicherheit" },
		{ "zusammenarbeitsform", "zusammen arbeit form" },
		{ "standortförderung", "standort förderung" },
		/* words of their own are left whole */
		{ "gemeinsame", NULL },
		{ "nachhaltigkeit", NULL },
		{ "gemeinden", NULL },
		{ "daten", NULL },
	};
	struct textproc *tp = lexicon_textproc(lex);
	size_t i;

	if (!align_lexicon_has(lex, "hunspell-de-ch"))
		kk_skip("hunspell-de-ch is not installed");
	for (i = 0; i < KK_ARRAY_SIZE(cases); i++) {
		const char *got = text_split_compound(tp, cases[i].word);

		if (!cases[i].parts && got)
			fail_msg("'%s' split into '%s'", cases[i].word, got);
		if (cases[i].parts && (!got || strcmp(got, cases[i].parts)))
			fail_msg("'%s': got '%s', want '%s'", cases[i].word,
			    got ? got : "(not split)", cases[i].parts);
	}
	/* the cache answers the same the second time */
	assert_string_equal(text_split_compound(tp, "datenhaltung"),
	    "daten haltung");
}

static void
test_language_detection(void **state)
{
	static const struct {
		const char *text;
		int lang;
	} cases[] = {
		{ "Die Prozesse werden optimiert und durchgängig gestaltet.",
		  LANG_DE },
		{ "Les services de base sont mis à disposition pour la "
		  "cyberadministration.", LANG_FR },
		{ "La collaborazione tra i cantoni e i comuni è rafforzata.",
		  LANG_IT },
		{ "Public administrations should share information and data "
		  "between themselves.", LANG_EN },
		{ "", LANG_NONE },
		{ "2020", LANG_NONE },
	};
	size_t i;

	for (i = 0; i < KK_ARRAY_SIZE(cases); i++)
		assert_int_equal(text_detect_lang(lexicon_textproc(lex),
		    cases[i].text, strlen(cases[i].text)), cases[i].lang);
}

static void
test_keys(void **state)
{
	struct textproc *tp = lexicon_textproc(lex);
	struct buf a = BUF_INIT, b = BUF_INIT;

	assert_int_equal(text_key(tp, LANG_FR, "protection des données", 23,
	    &a), 2);
	assert_int_equal(text_key(tp, LANG_FR, "Protection des Données", 23,
	    &b), 2);
	assert_string_equal(a.s, b.s);
	buf_reset(&a);
	assert_int_equal(text_key(tp, LANG_DE, "und der", 7, &a), 0);
	buf_release(&a);
	buf_release(&b);
	assert_int_equal(lang_parse("de"), LANG_DE);
	assert_int_equal(lang_parse("FR"), LANG_FR);
	assert_int_equal(lang_parse("it-CH"), LANG_IT);
	assert_int_equal(lang_parse("rm"), LANG_NONE);
	assert_int_equal(lang_parse(""), LANG_NONE);
	assert_int_equal(lang_parse(NULL), LANG_NONE);
}

static void
test_strmap(void **state)
{
	struct strmap m;
	char key[32];
	uint32_t i;

	strmap_init(&m);
	for (i = 0; i < 1000; i++) {
		snprintf(key, sizeof(key), "k%u", i);
		assert_int_equal(strmap_intern(&m, key, strlen(key)), i);
	}
	assert_int_equal(strmap_intern(&m, "k17", 3), 17);
	assert_int_equal(strmap_find(&m, "k999", 4), 999);
	assert_int_equal(strmap_find(&m, "k9999", 5), -1);
	assert_int_equal(strmap_find(&m, "k1x", 2), 1);	/* by length */
	strmap_release(&m);
	strmap_release(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalise_table),
		cmocka_unit_test(test_breaks_and_bad_bytes),
		cmocka_unit_test(test_stemming),
		cmocka_unit_test(test_stop_words),
		cmocka_unit_test(test_abbreviation_is_no_stop_word),
		cmocka_unit_test(test_compound_splitting),
		cmocka_unit_test(test_language_detection),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_strmap),
	};

	return kk_tests_status(cmocka_run_group_tests(tests, setup, teardown));
}
