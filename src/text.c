/* text.c: words out of strings: folding, tokens, stop words, stems, compounds. */
#include "align-impl.h"

#include <hunspell.h>
#include <libstemmer.h>
#include <strings.h>
#include <utf8proc.h>

const char *const lang_codes[LANG_COUNT] = { "de", "fr", "it", "en" };

int
lang_parse(const char *s)
{
	size_t i;

	if (!s || strlen(s) < 2 || (s[2] && s[2] != '-' && s[2] != '_'))
		return LANG_NONE;
	for (i = 0; i < LANG_COUNT; i++)
		if ((s[0] | 0x20) == lang_codes[i][0] &&
		    (s[1] | 0x20) == lang_codes[i][1])
			return (int)i;
	return LANG_NONE;
}

/* ---- strmap ---------------------------------------------------------- */

/* FNV-1a: short keys, good enough spread, no state. */
uint64_t
text_hash(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

void
strmap_init(struct strmap *m)
{
	memset(m, 0, sizeof(*m));
}

void
strmap_release(struct strmap *m)
{
	if (!m)
		return;
	free(m->keys);
	free(m->slots);
	arena_free(m->arena);
	memset(m, 0, sizeof(*m));
}

long
strmap_find(const struct strmap *m, const char *s, size_t len)
{
	size_t mask, i;

	if (!m->nslots)
		return -1;
	mask = m->nslots - 1;
	for (i = text_hash(s, len) & mask; m->slots[i]; i = (i + 1) & mask) {
		const char *k = m->keys[m->slots[i] - 1];

		if (!strncmp(k, s, len) && k[len] == '\0')
			return (long)m->slots[i] - 1;
	}
	return -1;
}

static void
strmap_grow(struct strmap *m)
{
	size_t nslots = m->nslots ? 2 * m->nslots : 64, mask = nslots - 1;
	uint32_t *slots = xcalloc(nslots, sizeof(*slots));
	size_t id, i;

	for (id = 0; id < m->n; id++) {
		i = text_hash(m->keys[id], strlen(m->keys[id])) & mask;
		while (slots[i])
			i = (i + 1) & mask;
		slots[i] = (uint32_t)id + 1;
	}
	free(m->slots);
	m->slots = slots;
	m->nslots = nslots;
}

uint32_t
strmap_intern(struct strmap *m, const char *s, size_t len)
{
	long found = strmap_find(m, s, len);
	size_t mask, i;

	if (found >= 0)
		return (uint32_t)found;
	if (m->n >= UINT32_MAX - 1)
		die("too many distinct words");
	if (2 * (m->n + 1) > m->nslots)
		strmap_grow(m);
	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 64;
		m->keys = xrealloc(m->keys, m->cap * sizeof(*m->keys));
	}
	if (!m->arena)
		m->arena = arena_new();
	m->keys[m->n] = arena_strndup(m->arena, s, len);
	mask = m->nslots - 1;
	for (i = text_hash(s, len) & mask; m->slots[i]; i = (i + 1) & mask)
		;
	m->slots[i] = (uint32_t)m->n + 1;
	return (uint32_t)m->n++;
}

/* Number of characters (code points) in S. */
static size_t
nchars(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

/* ---- folding ---------------------------------------------------------- */

/* Append S as valid UTF-8 without NULs: bad bytes become U+FFFD. */
static void
sanitise(const char *s, size_t len, struct buf *out)
{
	size_t i = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)
		    s + i, (utf8proc_ssize_t)(len - i), &cp);

		if (n <= 0) {
			buf_adds(out, "\xef\xbf\xbd");
			i++;
		} else if (cp == 0) {
			buf_addc(out, ' ');
			i++;
		} else {
			buf_add(out, s + i, (size_t)n);
			i += (size_t)n;
		}
	}
}

static void
map_utf8(const char *s, size_t len, utf8proc_option_t opt, struct buf *out)
{
	struct buf clean = BUF_INIT;
	utf8proc_uint8_t *res = NULL;
	utf8proc_ssize_t n;
	size_t i;

	/* printable ASCII is its own NFKC; folding it is tolower */
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e)
			break;
	if (i == len) {
		buf_grow(out, len);
		for (i = 0; i < len; i++)
			out->s[out->len + i] = (opt & UTF8PROC_CASEFOLD) &&
			    s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) :
			    s[i];
		out->len += len;
		out->s[out->len] = '\0';
		return;
	}
	sanitise(s, len, &clean);
	n = utf8proc_map((const utf8proc_uint8_t *)clean.s,
	    (utf8proc_ssize_t)clean.len, &res, opt | UTF8PROC_STABLE |
	    UTF8PROC_COMPOSE);
	if (n < 0)
		buf_add(out, clean.s, clean.len);	/* cannot happen */
	else
		buf_add(out, res, (size_t)n);
	free(res);
	buf_release(&clean);
}

void
text_fold(const char *s, size_t len, struct buf *out)
{
	map_utf8(s, len, UTF8PROC_COMPAT | UTF8PROC_CASEFOLD, out);
}

/* ---- tokens ----------------------------------------------------------- */

struct scan {
	const char *s;
	size_t len, pos;
};

static utf8proc_int32_t
peek(const struct scan *sc, size_t at, size_t *n)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;

	if (at >= sc->len) {
		*n = 0;
		return -1;
	}
	k = utf8proc_iterate((const utf8proc_uint8_t *)sc->s + at,
	    (utf8proc_ssize_t)(sc->len - at), &cp);
	if (k <= 0) {
		*n = 1;
		return 0xfffd;
	}
	*n = (size_t)k;
	return cp;
}

static bool
is_letter(utf8proc_int32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0)
		return false;
	c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME);
}

static bool
is_digit(utf8proc_int32_t cp)
{
	return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
}

static bool
is_wordchar(utf8proc_int32_t cp)
{
	return is_letter(cp) || is_digit(cp);
}

static bool
is_hyphen(utf8proc_int32_t cp)
{
	return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

static bool
is_apostrophe(utf8proc_int32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0x02bc;
}

static bool
is_space(utf8proc_int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	    cp == 0xa0 || cp == 0x202f ||
	    (cp > 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS);
}

/*
 * Whether the letters at AT spell the German feminine ending "in" or
 * "innen" (any case) and where they end (*END); *MORE is whether letters
 * follow (a compound goes on: "Kund*innenorientierung").
 */
static bool
gender_suffix(const struct scan *sc, size_t at, size_t *end, bool *more)
{
	static const char *const forms[] = { "innen", "in" };
	size_t i, n;

	for (i = 0; i < KK_ARRAY_SIZE(forms); i++) {
		size_t l = strlen(forms[i]);

		if (at + l <= sc->len && !strncasecmp(sc->s + at, forms[i], l)) {
			utf8proc_int32_t next = peek(sc, at + l, &n);

			if (i == 1 && is_letter(next))
				continue;	/* "Bürger/in..." is no "in" */
			*end = at + l;
			*more = is_letter(next);
			return true;
		}
	}
	return false;
}

struct word {
	struct buf raw;		/* the word as written, hyphens removed */
	size_t cut[64];		/* where each part ends in raw */
	size_t ncut;
	bool trunc;
};

static void
word_cut(struct word *w)
{
	if (w->ncut < KK_ARRAY_SIZE(w->cut) &&
	    (w->ncut == 0 || w->cut[w->ncut - 1] < w->raw.len))
		w->cut[w->ncut++] = w->raw.len;
}

/* Whether the next word after spaces is a conjunction that makes a
   trailing hyphen an elided compound part ("Kunden- und ..."). */
static bool
conjunction_follows(const struct scan *sc, size_t at)
{
	static const char *const conj[] = {
		"und", "oder", "bzw", "sowie", "resp", "u.", "&", ",", "et",
		"ou",
	};
	size_t i, n;

	while (is_space(peek(sc, at, &n)))
		at += n;
	for (i = 0; i < KK_ARRAY_SIZE(conj); i++) {
		size_t l = strlen(conj[i]);

		if (sc->len - at >= l && !strncasecmp(sc->s + at, conj[i], l) &&
		    !is_letter(peek(sc, at + l, &n)))
			return true;
	}
	return false;
}

/* Scan one word from sc->pos (a word character) into W. */
static void
scan_word(struct scan *sc, struct word *w)
{
	size_t n, n2, end;
	bool more;
	utf8proc_int32_t cp, prev = 0;

	for (;;) {
		cp = peek(sc, sc->pos, &n);
		if (is_wordchar(cp)) {
			/* Binnen-I: "BürgerInnen", "KundIn" */
			if (cp == 'I' && prev > 0 &&
			    utf8proc_category(prev) == UTF8PROC_CATEGORY_LL &&
			    gender_suffix(sc, sc->pos, &end, &more)) {
				sc->pos = end;
				if (!more)
					break;
				word_cut(w);
				prev = 0;
				continue;
			}
			buf_add(&w->raw, sc->s + sc->pos, n);
			sc->pos += n;
			prev = cp;
			continue;
		}
		if (prev <= 0)
			break;
		if (is_hyphen(cp)) {
			utf8proc_int32_t next = peek(sc, sc->pos + n, &n2);

			if (is_wordchar(next)) {
				word_cut(w);
				sc->pos += n;
				prev = 0;
				continue;
			}
			if (is_space(next) && conjunction_follows(sc,
			    sc->pos + n)) {
				w->trunc = true;
				sc->pos += n;
			}
			break;
		}
		if (cp == '*' || cp == ':' || cp == '_' || cp == '/' ||
		    cp == 0xb7 || cp == 0x2027) {
			size_t at = sc->pos + n;

			if (cp == '/' && is_hyphen(peek(sc, at, &n2)))
				at += n2;
			if (is_letter(prev) && gender_suffix(sc, at, &end,
			    &more)) {
				sc->pos = end;
				if (!more)
					break;
				word_cut(w);
				prev = 0;
				continue;
			}
			if (cp == 0xb7 || cp == 0x2027) {
				/* French inclusive writing: "citoyen·ne·s" */
				size_t k = 0;

				while (is_letter(peek(sc, at, &n2)) && k < 5) {
					at += n2;
					k++;
				}
				if (k > 0 && k < 5 && !is_digit(peek(sc, at,
				    &n2))) {
					sc->pos = at;
					continue;
				}
			}
			break;
		}
		if (cp == '(' && is_letter(prev) &&
		    gender_suffix(sc, sc->pos + n, &end, &more) && !more &&
		    peek(sc, end, &n2) == ')') {
			sc->pos = end + n2;
			break;
		}
		if ((cp == '.' || cp == ',' || cp == '\'' || cp == 0x2019) &&
		    is_digit(prev) && is_digit(peek(sc, sc->pos + n, &n2))) {
			if (cp == '.' || cp == ',')
				buf_addc(&w->raw, '.');
			sc->pos += n;
			continue;
		}
		break;
	}
	word_cut(w);
}

static bool
all_digits(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '.'))
			return false;
	return len > 0;
}

/* Letters written in upper and lower case in S. */
static void
count_case(const char *s, size_t len, size_t *upper, size_t *lower,
    bool *first_lower)
{
	size_t i = 0, k = 0;

	*upper = *lower = 0;
	*first_lower = false;
	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)
		    s + i, (utf8proc_ssize_t)(len - i), &cp);
		utf8proc_category_t c;

		if (n <= 0)
			break;
		c = utf8proc_category(cp);
		if (c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT)
			(*upper)++;
		else if (c == UTF8PROC_CATEGORY_LL) {
			(*lower)++;
			if (k == 0)
				*first_lower = true;
		}
		i += (size_t)n;
		k++;
	}
}

static void
emit(struct arena *a, struct tokens *out, const char *raw, size_t len,
    unsigned flags)
{
	struct buf b = BUF_INIT;
	struct token *t;
	size_t up, low;
	bool first_lower;

	text_fold(raw, len, &b);
	if (!b.len) {
		buf_release(&b);
		return;
	}
	if (all_digits(raw, len))
		flags |= TOK_NUMBER;
	else {
		count_case(raw, len, &up, &low, &first_lower);
		if ((up >= 2 && low == 0 && up + low <= 6) ||
		    (first_lower && up >= 1 && up >= low && up + low <= 5))
			flags |= TOK_ABBR;
	}
	if (out->n == out->cap) {
		out->cap = out->cap ? 2 * out->cap : 32;
		out->v = xrealloc(out->v, out->cap * sizeof(*out->v));
	}
	t = &out->v[out->n++];
	t->norm = arena_strndup(a, b.s, b.len);
	t->surface = arena_strndup(a, raw, len);
	t->flags = flags;
	buf_release(&b);
}

void
text_tokenise(struct arena *a, const char *s, size_t len, struct tokens *out)
{
	struct buf nfkc = BUF_INIT;
	struct scan sc;
	struct word w;
	bool brk = true;
	size_t n, i;

	map_utf8(s, len, UTF8PROC_COMPAT, &nfkc);
	sc.s = nfkc.s;
	sc.len = nfkc.len;
	sc.pos = 0;
	buf_init(&w.raw);
	while (sc.pos < sc.len) {
		utf8proc_int32_t cp = peek(&sc, sc.pos, &n);

		if (!is_wordchar(cp)) {
			if (!is_space(cp) && !is_hyphen(cp) &&
			    !is_apostrophe(cp) && cp != '&')
				brk = true;
			sc.pos += n;
			continue;
		}
		buf_reset(&w.raw);
		w.ncut = 0;
		w.trunc = false;
		scan_word(&sc, &w);
		if (!w.raw.len)
			continue;
		/* parts: a one-letter part joins the next ("E-Government") */
		{
			size_t start = 0, glue = 0;
			struct buf part = BUF_INIT;
			unsigned flags = w.ncut > 1 ? TOK_PART : 0;

			for (i = 0; i < w.ncut; i++) {
				size_t end = w.cut[i];
				size_t plen = end - start;

				buf_add(&part, w.raw.s + start, plen);
				start = end;
				if (plen == 1 && i + 1 < w.ncut && !glue) {
					glue = 1;
					continue;
				}
				glue = 0;
				emit(a, out, part.s, part.len, flags |
				    (brk ? TOK_BREAK : 0) |
				    (i + 1 == w.ncut && w.trunc ?
				    TOK_TRUNC : 0));
				brk = false;
				buf_reset(&part);
			}
			if (part.len)
				emit(a, out, part.s, part.len, flags |
				    (brk ? TOK_BREAK : 0));
			buf_release(&part);
		}
		brk = false;
		/* elision: "l'innovation", "dell'amministrazione" */
		cp = peek(&sc, sc.pos, &n);
		if (is_apostrophe(cp))
			sc.pos += n;
	}
	buf_release(&w.raw);
	buf_release(&nfkc);
}

void
tokens_release(struct tokens *t)
{
	if (!t)
		return;
	free(t->v);
	t->v = NULL;
	t->n = t->cap = 0;
}

/* ---- stop words, stems, compounds ------------------------------------- */

static void
load_stop(struct strmap *m, const char *name)
{
	const struct kk_datafile *df = kk_datafile(name);
	const char *p, *end, *nl;

	if (!df)
		BUG("data file '%s' is not built in", name);
	for (p = df->text, end = df->text + df->len; p < end; p = nl + 1) {
		const char *e;

		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		e = memchr(p, '#', (size_t)(nl - p));
		if (!e)
			e = nl;
		while (e > p && (e[-1] == ' ' || e[-1] == '\t' ||
		    e[-1] == '\r'))
			e--;
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		if (e > p) {
			struct buf b = BUF_INIT;

			text_fold(p, (size_t)(e - p), &b);
			strmap_intern(m, b.s, b.len);
			buf_release(&b);
		}
	}
}

static const char *const stemmer_names[LANG_COUNT] = {
	"german", "french", "italian", "english",
};

void
textproc_init(struct textproc *tp, void *hunspell_de)
{
	size_t i;

	memset(tp, 0, sizeof(*tp));
	for (i = 0; i < LANG_COUNT; i++) {
		char name[32];

		snprintf(name, sizeof(name), "stopwords-%s.txt", lang_codes[i]);
		strmap_init(&tp->stop[i]);
		load_stop(&tp->stop[i], name);
		tp->stemmer[i] = sb_stemmer_new(stemmer_names[i], "UTF_8");
		if (!tp->stemmer[i])
			die("libstemmer has no %s stemmer", stemmer_names[i]);
	}
	tp->hunspell_de = hunspell_de;
	strmap_init(&tp->split_words);
	buf_init(&tp->scratch);
}

void
textproc_release(struct textproc *tp)
{
	size_t i;

	if (!tp)
		return;
	for (i = 0; i < LANG_COUNT; i++) {
		strmap_release(&tp->stop[i]);
		if (tp->stemmer[i])
			sb_stemmer_delete(tp->stemmer[i]);
	}
	for (i = 0; i < tp->split_words.n; i++)
		free(tp->split_parts[i]);
	free(tp->split_parts);
	strmap_release(&tp->split_words);
	buf_release(&tp->scratch);
	memset(tp, 0, sizeof(*tp));
}

bool
text_is_stop(const struct textproc *tp, int lang, const char *word)
{
	if (lang < 0 || lang >= LANG_COUNT)
		return false;
	return strmap_find(&tp->stop[lang], word, strlen(word)) >= 0;
}

void
text_mark_stop(const struct textproc *tp, int lang, struct tokens *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		struct token *k = &t->v[i];

		if (k->flags & (TOK_ABBR | TOK_NUMBER))
			continue;
		/* one letter alone says nothing ("z. B.", "d'") */
		if (nchars(k->norm, strlen(k->norm)) < 2)
			k->flags |= TOK_STOP;
		else if (text_is_stop(tp, lang, k->norm))
			k->flags |= TOK_STOP;
	}
}

/* German: "ue" typed for "ü" (Swiss keyboards, ASCII) becomes "ü". */
static void
german_umlauts(const char *w, struct buf *out)
{
	size_t i;

	for (i = 0; w[i]; i++) {
		if (w[i + 1] == 'e' && (w[i] == 'a' || w[i] == 'o' ||
		    (w[i] == 'u' && (i == 0 || w[i - 1] != 'q')))) {
			buf_adds(out, w[i] == 'a' ? "\xc3\xa4" : w[i] == 'o' ?
			    "\xc3\xb6" : "\xc3\xbc");
			i++;
		} else
			buf_addc(out, w[i]);
	}
}

void
text_stem(struct textproc *tp, int lang, const char *word, struct buf *out)
{
	const sb_symbol *st;
	struct buf *b = &tp->scratch;

	if (lang < 0 || lang >= LANG_COUNT || all_digits(word, strlen(word))) {
		buf_adds(out, word);
		return;
	}
	buf_reset(b);
	if (lang == LANG_DE)
		german_umlauts(word, b);
	else
		buf_adds(b, word);
	st = sb_stemmer_stem(tp->stemmer[lang], (const sb_symbol *)b->s,
	    (int)b->len);
	if (!st) {
		buf_add(out, b->s, b->len);
		return;
	}
	buf_add(out, st, (size_t)sb_stemmer_length(tp->stemmer[lang]));
}

/* Whether hunspell knows S (LEN bytes) as a word, capitalised or not. */
static bool
hun_word(struct textproc *tp, const char *s, size_t len)
{
	char buf[256];
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;
	utf8proc_uint8_t up[4];
	utf8proc_ssize_t un;

	if (len + 4 >= sizeof(buf) || nchars(s, len) < 3)
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (Hunspell_spell((Hunhandle *)tp->hunspell_de, buf))
		return true;
	n = utf8proc_iterate((const utf8proc_uint8_t *)s,
	    (utf8proc_ssize_t)len, &cp);
	if (n <= 0)
		return false;
	un = utf8proc_encode_char(utf8proc_toupper(cp), up);
	memcpy(buf, up, (size_t)un);
	memcpy(buf + un, s + n, len - (size_t)n);
	buf[(size_t)un + len - (size_t)n] = '\0';
	return Hunspell_spell((Hunhandle *)tp->hunspell_de, buf) != 0;
}

static bool
ends_with(const char *s, size_t len, const char *suffix)
{
	size_t l = strlen(suffix);

	return len >= l && !memcmp(s + len - l, suffix, l);
}

/* Suffixes after which a German linking -s- is all but certain. */
static bool
takes_linking_s(const char *s, size_t len)
{
	static const char *const sfx[] = {
		"ung", "heit", "keit", "schaft", "tion", "tät", "ität",
		"ling", "tum", "sion", "ment",
	};
	size_t i;

	for (i = 0; i < KK_ARRAY_SIZE(sfx); i++)
		if (ends_with(s, len, sfx[i]))
			return true;
	return false;
}

/* Whether hunspell knows W[0..LEN) as a dictionary word of its own (or an
   inflection of one: "gemeinsame", "Gemeinden"), rather than as a compound
   it accepts: such a word is not split ("gemein|same" would be wrong). */
static bool
hun_root(struct textproc *tp, const char *w, size_t len)
{
	char buf[256], **stems;
	int n, i;
	bool root = false;

	if (len + 4 >= sizeof(buf))
		return false;
	memcpy(buf, w, len);
	buf[len] = '\0';
	n = Hunspell_stem((Hunhandle *)tp->hunspell_de, &stems, buf);
	for (i = 0; i < n && !root; i++) {
		size_t sl = strlen(stems[i]);

		root = sl + 4 >= len && sl >= 3 &&
		    !strncasecmp(stems[i], buf, 3);
	}
	Hunspell_free_list((Hunhandle *)tp->hunspell_de, &stems, n);
	return root;
}

/* Split WORD[0..LEN) into parts appended to OUT (space separated);
   returns the number of parts (1: not split). */
static int
split_rec(struct textproc *tp, const char *w, size_t len, int depth,
    struct buf *out)
{
	size_t i, best_i = 0, best_left = 0;
	long best = -1;

	if (depth < 3 && nchars(w, len) >= 7 && !hun_root(tp, w, len)) {
		for (i = 1; i + 1 < len; i++) {
			size_t left, right = len - i;
			long score;
			bool linking = false;

			if (((unsigned char)w[i] & 0xc0) == 0x80)
				continue;
			if (nchars(w, i) < 3 || nchars(w + i, right) < 3)
				continue;
			if (!hun_word(tp, w + i, right))
				continue;
			left = i;
			if (w[i - 1] == 's' && hun_word(tp, w, i - 1) &&
			    (takes_linking_s(w, i - 1) || !hun_word(tp, w, i))) {
				left = i - 1;
				linking = true;
			} else if (!hun_word(tp, w, i))
				continue;
			score = (long)(nchars(w, left) < nchars(w + i, right) ?
			    nchars(w, left) : nchars(w + i, right));
			if (linking && takes_linking_s(w, left))
				score += 100;
			if (score > best) {
				best = score;
				best_i = i;
				best_left = left;
			}
		}
	}
	if (best < 0) {
		if (out->len)
			buf_addc(out, ' ');
		buf_add(out, w, len);
		return 1;
	}
	return split_rec(tp, w, best_left, depth + 1, out) +
	    split_rec(tp, w + best_i, len - best_i, depth + 1, out);
}

const char *
text_split_compound(struct textproc *tp, const char *word)
{
	size_t len = strlen(word);
	long id;
	struct buf b = BUF_INIT;
	int nparts;

	if (!tp->hunspell_de || len < 7 || len > 64)
		return NULL;
	id = strmap_find(&tp->split_words, word, len);
	if (id >= 0)
		return tp->split_parts[id];
	nparts = split_rec(tp, word, len, 0, &b);
	id = strmap_intern(&tp->split_words, word, len);
	if ((size_t)id >= tp->split_cap) {
		size_t cap = tp->split_cap ? 2 * tp->split_cap : 64;

		tp->split_parts = xrealloc(tp->split_parts,
		    cap * sizeof(*tp->split_parts));
		memset(tp->split_parts + tp->split_cap, 0,
		    (cap - tp->split_cap) * sizeof(*tp->split_parts));
		tp->split_cap = cap;
	}
	tp->split_parts[id] = nparts > 1 ? buf_detach(&b, NULL) : NULL;
	buf_release(&b);
	return tp->split_parts[id];
}

int
text_detect_lang(const struct textproc *tp, const char *s, size_t len)
{
	struct arena *a = arena_new();
	struct tokens t = { 0 };
	double score[LANG_COUNT] = { 0 };
	int best = LANG_NONE;
	size_t i, l;

	text_tokenise(a, s, len, &t);
	for (i = 0; i < t.n; i++) {
		const char *w = t.v[i].norm;

		for (l = 0; l < LANG_COUNT; l++)
			if (text_is_stop(tp, (int)l, w))
				score[l] += 1.0;
		if (strstr(w, "\xc3\xa4") || strstr(w, "\xc3\xb6") ||
		    strstr(w, "\xc3\xbc"))
			score[LANG_DE] += 0.5;
		if (strstr(w, "\xc3\xa9") || strstr(w, "\xc3\xa8") ||
		    strstr(w, "\xc3\xa7") || strstr(w, "\xc3\xaa"))
			score[LANG_FR] += 0.5;
		if (strstr(w, "\xc3\xb2") || strstr(w, "\xc3\xac") ||
		    strstr(w, "\xc3\xb9"))
			score[LANG_IT] += 0.5;
		if (strstr(w, "zione") || strstr(w, "zioni"))
			score[LANG_IT] += 0.5;
	}
	for (l = 0; l < LANG_COUNT; l++)
		if (score[l] > 0 && (best < 0 || score[l] > score[best]))
			best = (int)l;
	tokens_release(&t);
	arena_free(a);
	return best;
}

int
text_key(struct textproc *tp, int lang, const char *s, size_t len,
    struct buf *out)
{
	struct arena *a = arena_new();
	struct tokens t = { 0 };
	size_t i;
	int n = 0;

	text_tokenise(a, s, len, &t);
	text_mark_stop(tp, lang, &t);
	for (i = 0; i < t.n; i++) {
		if (t.v[i].flags & TOK_STOP)
			continue;
		if (n++)
			buf_addc(out, ' ');
		text_stem(tp, lang, t.v[i].norm, out);
	}
	tokens_release(&t);
	arena_free(a);
	return n;
}
