/* report-text.c: the report's fixed texts in the reader's language, through gettext. */
#include "konkordat.h"

/*
 * The German text is the msgid (German comes first, and the German report
 * needs no catalog); po/report/LANG.po translates it. Printf formats keep
 * their conversions in the same order in every language (msgfmt --check
 * enforces it). A German text that means two things in another language
 * needs two German keys ("Betrieb" the phase, "Betriebskosten" the
 * budget). A count before a noun goes through report_ntext(), so that
 * each language chooses its own plural form ("1 Gruppe", "2 Gruppen").
 */

static const char *const langs[] = { "de", "en", "fr", "it" };

bool
report_lang_valid(const char *lang)
{
	return kk_enum_parse(lang, langs, KK_ARRAY_SIZE(langs)) >= 0;
}

/* The text for DE in LANG: static, never NULL; DE itself when LANG is
   German or has no entry for it. */
const char *
report_text(const char *lang, const char *de)
{
	if (!strcmp(lang, "de"))
		return de;
	return i18n_report(lang, de);
}

/* The text for a count N in LANG: DE_ONE and DE_MANY are the German
   singular and plural; as report_text() otherwise. */
const char *
report_ntext(const char *lang, const char *de_one, const char *de_many,
    unsigned long n)
{
	if (!strcmp(lang, "de"))
		return n == 1 ? de_one : de_many;
	return i18n_report_n(lang, de_one, de_many, n);
}

/* 0 if the report can be written in LANG; else KK_EIO with *ERRMSG. */
int
report_lang_check(const char *lang, char **errmsg)
{
	if (!strcmp(lang, "de"))
		return KK_OK;
	return i18n_report_check(lang, errmsg);
}
