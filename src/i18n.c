/* i18n.c: gettext set up for the CLI (the user's locale) and for the report (its --lang, whatever the locale). */
#include "konkordat.h"

#include <errno.h>
#include <locale.h>
#include <pthread.h>
#include <unistd.h>

/*
 * Two message domains, because their msgids are in two languages: the
 * CLI's messages are English (domain "konkordat", po/de.po), the report's
 * fixed texts German (domain "konkordat-report", po/report/LANG.po).
 *
 * The CLI speaks the user's language: LC_MESSAGES and LANGUAGE as usual.
 * Only LC_MESSAGES and LC_CTYPE are taken from the environment, not
 * LC_ALL: LC_NUMERIC would turn the decimal point of printf() into a comma
 * (SVG coordinates, JSON numbers) and of strtod() in the parsers, and the
 * report formats numbers and dates itself (locale-fmt.c). LC_CTYPE gives
 * gettext the terminal's character set to convert to.
 *
 * The report speaks the language of --lang, on any machine and in any
 * thread: its texts are not looked up through gettext, whose language is
 * process-wide state (LANGUAGE, the locale), but in its catalogs as
 * catalog.c reads them once, by the language each call names.
 */

static pthread_once_t localedir_once = PTHREAD_ONCE_INIT;
static char localedir_found[4096];	/* written once, then read-only */

/* True if DIR holds konkordat's catalogs. */
static bool
has_catalogs(const char *dir)
{
	char *path = xasprintf("%s/en/LC_MESSAGES/" KK_REPORT_DOMAIN ".mo",
	    dir);
	bool ok = access(path, R_OK) == 0;

	free(path);
	return ok;
}

/*
 * Where the catalogs are: $KONKORDAT_LOCALEDIR if set; else next to the
 * executable: DIR/locale (the build tree, which msgfmt fills) or
 * DIR/../share/locale (an installed tree, also when 'cmake --install
 * --prefix' moved it away from the prefix it was configured with); else
 * KK_LOCALEDIR, the configured prefix's. The build tree comes first so
 * that a freshly built binary never reads the catalogs of an older
 * installation. Static; never NULL.
 */
static void
find_localedir(void)
{
	static const char *const rel[] = { "locale", "../share/locale" };
	char exe[4000], *slash;
	ssize_t n;
	size_t i;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0';
		for (i = 0; i < KK_ARRAY_SIZE(rel); i++) {
			snprintf(localedir_found, sizeof(localedir_found),
			    "%s/%s", exe, rel[i]);
			if (has_catalogs(localedir_found))
				return;
		}
	}
	snprintf(localedir_found, sizeof(localedir_found), "%s", KK_LOCALEDIR);
}

const char *
i18n_localedir(void)
{
	const char *env = getenv("KONKORDAT_LOCALEDIR");

	if (env && *env)
		return env;
	pthread_once(&localedir_once, find_localedir);
	return localedir_found;
}

/* The locale the environment names for CATEGORY (LC_ALL, then the
   category's variable, then LANG), as setlocale() reads it; "" if none. */
static const char *
env_locale(const char *category)
{
	const char *const vars[] = { "LC_ALL", category, "LANG" };
	size_t i;

	for (i = 0; i < KK_ARRAY_SIZE(vars); i++) {
		const char *v = getenv(vars[i]);

		if (v && *v)
			return v;
	}
	return "";
}

static bool
is_c_locale(const char *name)
{
	return !*name || !strcmp(name, "C") || !strcmp(name, "POSIX");
}

/* C.UTF-8 for CATEGORY; false where the system has none. */
static bool
set_c_utf8(int category)
{
	return setlocale(category, "C.UTF-8") || setlocale(category, "C.utf8");
}

/*
 * Stock Debian generates no locale but C.UTF-8: LANG=de_CH.UTF-8 then
 * fails in setlocale(), LC_MESSAGES stays "C", and glibc translates
 * nothing, so a German user would read English. The language is in the
 * locale's name all the same (de_CH.UTF-8, de_AT, de): LC_MESSAGES is
 * then C.UTF-8, which honours LANGUAGE, and LANGUAGE is the language of
 * NAME unless the user set it. Where the CLI has no catalog for that
 * language, English is right and nothing is said; where C.UTF-8 is missing
 * too (glibc before 2.35), the user is told once which locale to install.
 */
static void
messages_fallback(const char *name)
{
	char lang[16], *path;
	size_t n = strcspn(name, "_.@");
	const char *language = getenv("LANGUAGE");
	bool have;

	if (n == 0 || n >= sizeof(lang))
		return;
	memcpy(lang, name, n);
	lang[n] = '\0';
	path = xasprintf("%s/%s/LC_MESSAGES/" KK_DOMAIN ".mo",
	    i18n_localedir(), lang);
	have = access(path, R_OK) == 0;
	free(path);
	if (!have && !(language && *language))
		return;
	if (!set_c_utf8(LC_MESSAGES)) {
		warning("the locale '%s' is not installed, so messages are in "
		    "English; install it (Debian: 'dpkg-reconfigure locales', "
		    "package locales)", name);
		return;
	}
	if (!(language && *language))
		setenv("LANGUAGE", lang, 1);
}

/* The CLI's language from the environment; call once, first, in main(). */
void
i18n_init(void)
{
	const char *ctype = env_locale("LC_CTYPE");
	const char *messages = env_locale("LC_MESSAGES");

	/* a locale asked for but not generated: still UTF-8 text */
	if (!setlocale(LC_CTYPE, "") && !is_c_locale(ctype))
		set_c_utf8(LC_CTYPE);
	bindtextdomain(KK_DOMAIN, i18n_localedir());
	textdomain(KK_DOMAIN);
	if (!setlocale(LC_MESSAGES, "") && !is_c_locale(messages))
		messages_fallback(messages);
}

/*
 * The vocabularies: each enumeration's keys, marked with the context that
 * tells their translations apart ("done" of a project is not "done" of a
 * milestone). The keys are the model's (model.c, align.c); the unit test
 * checks that they are the same.
 */
static const char *const party_kinds[] = {
	NC_("party kind", "canton"), NC_("party kind", "city"),
	NC_("party kind", "municipality"), NC_("party kind", "association"),
	NC_("party kind", "consortium"),
	NC_("party kind", "joint-organisation"),
};
static const char *const item_kinds[] = {
	NC_("item kind", "field"), NC_("item kind", "goal"),
	NC_("item kind", "principle"), NC_("item kind", "measure"),
};
static const char *const body_kinds[] = {
	NC_("body kind", "steering-committee"), NC_("body kind", "board"),
	NC_("body kind", "office"), NC_("body kind", "working-group"),
};
static const char *const agreement_kinds[] = {
	NC_("agreement kind", "framework"), NC_("agreement kind", "project"),
	NC_("agreement kind", "operating"),
};
static const char *const project_statuses[] = {
	NC_("project status", "planned"), NC_("project status", "running"),
	NC_("project status", "done"), NC_("project status", "stopped"),
};
static const char *const lights[] = {
	NC_("traffic light", "green"), NC_("traffic light", "yellow"),
	NC_("traffic light", "red"),
};
static const char *const budget_kinds[] = {
	NC_("budget kind", "investment"), NC_("budget kind", "operation"),
};
static const char *const key_methods[] = {
	NC_("cost key method", "fixed"), NC_("cost key method", "equal"),
	NC_("cost key method", "population"), NC_("cost key method", "usage"),
	NC_("cost key method", "nested"),
};
static const char *const component_kinds[] = {
	NC_("component kind", "site"), NC_("component kind", "data-centre"),
	NC_("component kind", "network"), NC_("component kind", "platform"),
	NC_("component kind", "application"),
	NC_("component kind", "service"),
};
static const char *const phases[] = {
	NC_("lifecycle phase", "plan"), NC_("lifecycle phase", "build"),
	NC_("lifecycle phase", "run"), NC_("lifecycle phase", "retire"),
};
static const char *const relations[] = {
	NC_("relation", "equivalent"), NC_("relation", "broader"),
	NC_("relation", "narrower"), NC_("relation", "related"),
};
static const char *const decisions[] = {
	NC_("decision", "proposed"), NC_("decision", "accepted"),
	NC_("decision", "rejected"),
};
static const char *const strategy_statuses[] = {
	NC_("strategy status", "draft"), NC_("strategy status", "adopted"),
};

static const char *const flags[] = {
	NC_("flag", "yes"), NC_("flag", "no"),
};
/* the first word of the store's names of changed rows (STORE_ADDED...) */
static const char *const records[] = {
	NC_("record", "party"), NC_("record", "strategy"),
	NC_("record", "field"), NC_("record", "goal"),
	NC_("record", "principle"), NC_("record", "measure"),
	NC_("record", "period"), NC_("record", "agreement"),
	NC_("record", "body"), NC_("record", "milestone"),
	NC_("record", "component"), NC_("record", "cost_key"),
	NC_("record", "decision"), NC_("record", "project"),
	NC_("record", "archimate"), NC_("record", "common_strategy"),
	NC_("record", "common_item"), NC_("record", "mapping"),
	NC_("record", "alignment_run"),
};

static const struct {
	const char *context;
	const char *const *keys;
	size_t n;
} vocabs[VOCAB_COUNT] = {
#define V(id, ctx, keys) [id] = { ctx, keys, KK_ARRAY_SIZE(keys) }
	V(VOCAB_PARTY_KIND, "party kind", party_kinds),
	V(VOCAB_ITEM_KIND, "item kind", item_kinds),
	V(VOCAB_BODY_KIND, "body kind", body_kinds),
	V(VOCAB_AGREEMENT_KIND, "agreement kind", agreement_kinds),
	V(VOCAB_PROJECT_STATUS, "project status", project_statuses),
	V(VOCAB_LIGHT, "traffic light", lights),
	V(VOCAB_BUDGET_KIND, "budget kind", budget_kinds),
	V(VOCAB_KEY_METHOD, "cost key method", key_methods),
	V(VOCAB_COMPONENT_KIND, "component kind", component_kinds),
	V(VOCAB_PHASE, "lifecycle phase", phases),
	V(VOCAB_RELATION, "relation", relations),
	V(VOCAB_DECISION, "decision", decisions),
	V(VOCAB_STRATEGY_STATUS, "strategy status", strategy_statuses),
	V(VOCAB_FLAG, "flag", flags),
	V(VOCAB_RECORD, "record", records),
#undef V
};

/* The keys of vocabulary V, *N of them (static). */
const char *const *
i18n_vocab_keys(enum i18n_vocab v, size_t *n)
{
	*n = vocabs[v].n;
	return vocabs[v].keys;
}

/*
 * KEY, a value of vocabulary V, in the user's language: gettext's
 * pgettext() (msgctxt, then the key), which libintl.h leaves to a header
 * of gettext's own. KEY itself if it is not one of V's (a "-" for none)
 * or has no translation. Static or KEY; never NULL.
 */
const char *
i18n_term(enum i18n_vocab v, const char *key)
{
	char id[128];
	const char *s;
	size_t i;
	int n;

	for (i = 0; i < vocabs[v].n; i++)
		if (!strcmp(vocabs[v].keys[i], key))
			break;
	if (i == vocabs[v].n)
		return key;
	n = snprintf(id, sizeof(id), "%s\004%s", vocabs[v].context, key);
	if (n < 0 || (size_t)n >= sizeof(id))
		return key;
	s = dgettext(KK_DOMAIN, id);
	return s == id ? key : s;
}

/* WORD of an explanation's parentheses in the user's language, or WORD. */
static void
add_why_word(struct buf *out, const char *word, size_t len)
{
	static const char *const kinds[] = {
		NC_("why", "translation"), NC_("why", "synonym"),
		NC_("why", "thesaurus"), NC_("why", "compound part"),
		NC_("why", "generic word"),
	};
	char id[64];
	const char *s;
	size_t i;

	for (i = 0; i < KK_ARRAY_SIZE(kinds); i++)
		if (strlen(kinds[i]) == len && !memcmp(kinds[i], word, len))
			break;
	if (i == KK_ARRAY_SIZE(kinds)) {
		buf_add(out, word, len);
		return;
	}
	snprintf(id, sizeof(id), "why\004%s", kinds[i]);
	s = dgettext(KK_DOMAIN, id);
	buf_adds(out, s == id ? kinds[i] : s);
}

/*
 * One part of an explanation, "SURFACE (K1, K2) (generic word) 52%", into
 * OUT: the words in each of its parentheses translated, a thesaurus' concept
 * after "thesaurus:" and everything outside them kept.
 */
static void
add_why_part(struct buf *out, const char *p, size_t len)
{
	const char *end = p + len, *open, *close, *w;

	while (p < end) {
		open = memchr(p, '(', (size_t)(end - p));
		close = open ? memchr(open, ')', (size_t)(end - open)) : NULL;
		if (!close) {
			buf_add(out, p, (size_t)(end - p));
			return;
		}
		buf_add(out, p, (size_t)(open + 1 - p));
		/* only " (...)" followed by the end or a space is the engine's */
		if (open == p || open[-1] != ' ' ||
		    (close + 1 < end && close[1] != ' ')) {
			p = open + 1;
			continue;
		}
		for (w = open + 1; w < close;) {
			size_t n = strcspn(w, ",:)");

			add_why_word(out, w, n);
			w += n;
			if (*w == ':') {	/* a concept follows, kept */
				buf_add(out, w, (size_t)(close - w));
				w = close;
			} else if (*w == ',') {
				buf_add(out, ", ", 2);
				w += w[1] == ' ' ? 2 : 1;
			}
		}
		buf_add(out, ")", 1);
		p = close + 1;
	}
}

/*
 * WHY, the alignment engine's explanation of a match (index_explain():
 * "Datenschutz ~ data protection (translation) 60%; Daten (thesaurus:
 * data) (generic word) 40%", or align.c's "no shared words" and "alone:
 * ..."), for people in the user's language: the kinds of link in its
 * parentheses translated, the words and the thesaurus'
 * concepts as they are. The engine and the database keep the English,
 * which --csv and --json show. The caller frees the result.
 */
char *
i18n_explanation(const char *why)
{
	struct buf out = BUF_INIT;
	const char *p = why;

	if (!strcmp(why, "no shared words"))
		return xstrdup(_("no shared words"));
	if (!strcmp(why, "alone: no item of another document is close enough"))
		return xstrdup(_("alone: no item of another document is close "
		    "enough"));
	while (*p) {
		const char *end = strstr(p, "; ");
		size_t len = end ? (size_t)(end - p) : strlen(p);

		add_why_part(&out, p, len);
		p += len;
		if (end) {
			buf_add(&out, "; ", 2);
			p += 2;
		}
	}
	return buf_detach(&out, NULL);
}

/* The report's text MSGID (German) in LANG; MSGID when there is none. */
const char *
i18n_report(const char *lang, const char *msgid)
{
	return catalog_text(lang, msgid, NULL, 0);
}

/* The same for a count N: German singular MSGID, plural PLURAL. */
const char *
i18n_report_n(const char *lang, const char *msgid, const char *plural,
    unsigned long n)
{
	return catalog_text(lang, msgid, plural, n);
}

/*
 * 0 if the report's texts in LANG (not "de") can be found; otherwise
 * KK_EIO with *ERRMSG (the caller frees) saying what is missing, so that
 * a broken installation gives a clear message rather than a German
 * report. The catalog's header (msgid "") is there exactly when the
 * catalog was found.
 */
int
i18n_report_check(const char *lang, char **errmsg)
{
	return catalog_check(lang, errmsg);
}
