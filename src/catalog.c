/* catalog.c: the report's message catalogs, read once and looked up per call in any language. */
#include "konkordat.h"

#include <pthread.h>
#include <stdint.h>

/*
 * gettext picks the catalog's language from the environment (LANGUAGE)
 * and the thread's locale, so asking it for French, then Italian, means
 * changing process-wide state on every text, which no two threads can do
 * at once. The report's catalogs are therefore read here, each once
 * (pthread_once), from the .mo files msgfmt writes, and are read-only
 * afterwards: any thread looks a text up in any language without a lock.
 * The format is GNU gettext's (the manual's "The Format of GNU MO
 * Files"); its hash table is not used, the originals are sorted once.
 */

#define MO_MAGIC 0x950412deu

struct mo_entry {
	const char *orig;
	const char *trans;
	size_t trans_len;	/* with the NULs between plural forms */
};

struct catalog {
	char *data;		/* the whole file */
	size_t size;
	uint32_t n;
	struct mo_entry *e;	/* sorted by orig (strcmp) */
	bool plural_gt1;	/* "plural=(n > 1)" rather than "n != 1" */
};

/* Why a language has no catalog. */
enum catalog_state { CAT_OK, CAT_MISSING, CAT_MALFORMED, CAT_PLURAL };

static const char *const catalog_langs[] = { "en", "fr", "it" };
static struct catalog *catalogs[KK_ARRAY_SIZE(catalog_langs)];
static enum catalog_state catalog_states[KK_ARRAY_SIZE(catalog_langs)];
static pthread_once_t catalogs_once = PTHREAD_ONCE_INIT;

static uint32_t
mo_word(const unsigned char *p, bool swap)
{
	uint32_t w = (uint32_t)p[0] | (uint32_t)p[1] << 8 |
	    (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;

	return swap ? (w >> 24) | ((w >> 8) & 0xff00u) |
	    ((w << 8) & 0xff0000u) | (w << 24) : w;
}

/* The string of table entry I at TABLE into *S, *LEN; false if it lies
   outside the file or is not NUL-terminated. */
static bool
mo_string(const struct catalog *c, uint32_t table, uint32_t i, bool swap,
    const char **s, size_t *len)
{
	const unsigned char *d = (const unsigned char *)c->data;
	uint64_t at = (uint64_t)table + (uint64_t)i * 8;
	uint32_t l, off;

	if (at + 8 > c->size)
		return false;
	l = mo_word(d + at, swap);
	off = mo_word(d + at + 4, swap);
	if ((uint64_t)off + l >= c->size || c->data[off + l] != '\0')
		return false;
	*s = c->data + off;
	*len = l;
	return true;
}

static int
cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct mo_entry *)a)->orig,
	    ((const struct mo_entry *)b)->orig);
}

static void
catalog_free(struct catalog *c)
{
	if (!c)
		return;
	free(c->data);
	free(c->e);
	free(c);
}

/* The catalog at PATH, or NULL with *STATE saying why. */
static struct catalog *
catalog_read(const char *path, enum catalog_state *state)
{
	struct catalog *c = xcalloc(1, sizeof(*c));
	const unsigned char *d;
	uint32_t magic, otab, ttab, i;
	bool swap;
	size_t len;

	*state = CAT_MISSING;
	if (read_file(path, &c->data, &c->size) != KK_OK)
		goto fail;
	*state = CAT_MALFORMED;
	d = (const unsigned char *)c->data;
	if (c->size < 20)
		goto fail;
	magic = mo_word(d, false);
	if (magic != MO_MAGIC && mo_word(d, true) != MO_MAGIC)
		goto fail;
	swap = magic != MO_MAGIC;
	c->n = mo_word(d + 8, swap);
	otab = mo_word(d + 12, swap);
	ttab = mo_word(d + 16, swap);
	if ((uint64_t)c->n * 8 > c->size)
		goto fail;
	c->e = xcalloc(c->n ? c->n : 1, sizeof(*c->e));
	for (i = 0; i < c->n; i++)
		if (!mo_string(c, otab, i, swap, &c->e[i].orig, &len) ||
		    !mo_string(c, ttab, i, swap, &c->e[i].trans,
		    &c->e[i].trans_len))
			goto fail;
	qsort(c->e, c->n, sizeof(*c->e), cmp_entry);
	*state = CAT_OK;
	return c;
fail:
	catalog_free(c);
	return NULL;
}

/* The entry for MSGID in C, or -1. */
static long
catalog_find(const struct catalog *c, const char *msgid)
{
	size_t lo = 0, hi = c->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = strcmp(c->e[mid].orig, msgid);

		if (!r)
			return (long)mid;
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/*
 * The plural rule of C's header. The report's languages have two forms
 * each, the second for n != 1 (de, en, it) or for n > 1 (fr); any other
 * rule is refused, so that a new language cannot silently get the wrong
 * forms.
 */
static bool
catalog_plural_rule(struct catalog *c)
{
	long h = catalog_find(c, "");
	const char *p;

	if (h < 0)
		return false;
	p = strstr(c->e[h].trans, "Plural-Forms:");
	if (!p)
		return true;	/* no plurals: the default, n != 1 */
	if (strstr(p, "plural=(n != 1);") || strstr(p, "plural=n != 1;"))
		return true;
	if (strstr(p, "plural=(n > 1);") || strstr(p, "plural=n > 1;")) {
		c->plural_gt1 = true;
		return true;
	}
	return false;
}

static char *
catalog_path(const char *lang)
{
	return xasprintf("%s/%s/LC_MESSAGES/" KK_REPORT_DOMAIN ".mo",
	    i18n_localedir(), lang);
}

static void
catalogs_load(void)
{
	size_t i;

	for (i = 0; i < KK_ARRAY_SIZE(catalog_langs); i++) {
		char *path = catalog_path(catalog_langs[i]);
		struct catalog *c = catalog_read(path, &catalog_states[i]);

		if (c && !catalog_plural_rule(c)) {
			catalog_states[i] = CAT_PLURAL;
			catalog_free(c);
			c = NULL;
		}
		catalogs[i] = c;
		free(path);
	}
}

/* LANG's catalog, read on first use; NULL with *STATE if it cannot be
   read or LANG has none. */
static const struct catalog *
catalog_of(const char *lang, enum catalog_state *state)
{
	size_t i;

	pthread_once(&catalogs_once, catalogs_load);
	for (i = 0; i < KK_ARRAY_SIZE(catalog_langs); i++)
		if (!strcmp(lang, catalog_langs[i])) {
			*state = catalog_states[i];
			return catalogs[i];
		}
	*state = CAT_MISSING;
	return NULL;
}

/*
 * MSGID in LANG: for a count N when PLURAL is not NULL (MSGID the
 * singular). The catalog's text, static and shared; MSGID or PLURAL
 * when LANG has no catalog or no text for it.
 */
const char *
catalog_text(const char *lang, const char *msgid, const char *plural,
    unsigned long n)
{
	enum catalog_state state;
	const struct catalog *c = catalog_of(lang, &state);
	const struct mo_entry *e;
	long at;

	if (!c || (at = catalog_find(c, msgid)) < 0 || !*c->e[at].trans)
		return plural && n != 1 ? plural : msgid;
	e = &c->e[at];
	if (plural && (c->plural_gt1 ? n > 1 : n != 1)) {
		size_t first = strlen(e->trans);

		return first < e->trans_len ? e->trans + first + 1 : plural;
	}
	return e->trans;
}

/* 0 if LANG's catalog was read; else KK_EIO with *ERRMSG (the caller
   frees) naming the file and what is wrong with it. */
int
catalog_check(const char *lang, char **errmsg)
{
	enum catalog_state state;
	char *path;

	if (catalog_of(lang, &state))
		return KK_OK;
	path = catalog_path(lang);
	switch (state) {
	case CAT_MALFORMED:
		*errmsg = xasprintf(_("cannot write the report in '%s': '%s' "
		    "is not a message catalog"), lang, path);
		break;
	case CAT_PLURAL:
		*errmsg = xasprintf(_("cannot write the report in '%s': '%s' "
		    "has a plural rule other than 'n != 1' or 'n > 1'"), lang,
		    path);
		break;
	default:
		*errmsg = xasprintf(_("cannot write the report in '%s': "
		    "%s/%s/LC_MESSAGES/%s.mo is missing (set "
		    "KONKORDAT_LOCALEDIR to the directory that has it)"),
		    lang, i18n_localedir(), lang, KK_REPORT_DOMAIN);
		break;
	}
	free(path);
	return KK_EIO;
}
