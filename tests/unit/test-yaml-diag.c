/* test-yaml-diag.c: libfyaml's messages in German, their arguments in place, unknown ones unchanged. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "konkordat.h"

static int
german(void **state)
{
	(void)state;
	setenv("LANGUAGE", "de", 1);
	setenv("LC_ALL", "C.UTF-8", 1);
	i18n_init();
	return 0;
}

static int
english(void **state)
{
	(void)state;
	unsetenv("LANGUAGE");
	setenv("LC_ALL", "C", 1);
	i18n_init();
	return 0;
}

static void
expect(const char *message, const char *want)
{
	char *got = yaml_diag_translate(message);

	assert_string_equal(got, want);
	free(got);
}

static void
test_german(void **state)
{
	(void)state;
	expect("invalid nested block mapping on the same line",
	    "ungültige verschachtelte Zuordnung auf derselben Zeile");
	/* libfyaml's own words as arguments: translated */
	expect("mismatched flow sequence end",
	    "Ende einer Fluss-Liste passt nicht");
	expect("flow mapping with invalid extra closing brace",
	    "Fluss-Zuordnung mit einem überzähligen Schliesszeichen "
	    "(geschweifte Klammer)");
	expect("single-quoted scalar without closing quote",
	    "Skalar in einfachen Anführungszeichen ohne schliessendes "
	    "Anführungszeichen");
	expect("invalid document-start marker in double-quoted scalar",
	    "ungültige Dokument-Anfang-Markierung in einem Skalar in "
	    "doppelten Anführungszeichen");
	/* pieces of the file: as they came, also when they look like a
	   format or hold the table's words */
	expect("plain scalar cannot start with '%' followed by blank",
	    "ein Skalar ohne Anführungszeichen kann nicht mit '%' gefolgt "
	    "von einem Leerzeichen beginnen");
	expect("undefined tag prefix '!%s%n!'",
	    "unbekanntes Tag-Präfix '!%s%n!'");
	expect("invalid escape 'q' in double-quoted string",
	    "ungültige Maskierung 'q' in einem Text in doppelten "
	    "Anführungszeichen");
	expect("unsupport version number 1.9", "nicht unterstützte "
	    "Versionsnummer 1.9");
	/* a translation that puts its arguments in another order */
	expect("too many argument for method last, expected 1, got 3",
	    "Argumente für die Methode last (many): 1 erwartet, 3 erhalten");
	/* a trailing space is libfyaml's, and part of the text */
	expect("invalid multiline flow mapping key ",
	    "mehrzeiliger Schlüssel einer Fluss-Zuordnung ungültig");
}

/* What the table does not know passes unchanged: another libfyaml's
   messages, a near miss, an argument that is missing. */
static void
test_unknown_unchanged(void **state)
{
	(void)state;
	expect("some message of a later libfyaml",
	    "some message of a later libfyaml");
	expect("invalid nested block mapping on the same line!",
	    "invalid nested block mapping on the same line!");
	expect("mismatched flow  end", "mismatched flow  end");
	expect("", "");
}

static void
test_english(void **state)
{
	(void)state;
	expect("mismatched flow sequence end", "mismatched flow sequence end");
	expect("invalid nested block mapping on the same line",
	    "invalid nested block mapping on the same line");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_german, german),
		cmocka_unit_test_setup(test_unknown_unchanged, german),
		cmocka_unit_test_setup(test_english, english),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
