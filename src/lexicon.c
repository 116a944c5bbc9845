/* lexicon.c: synonyms and cross-language equivalents: thesaurus, mythes, FreeDict, cache. */
#include "align-impl.h"

#include <errno.h>
#include <fcntl.h>
#include <hunspell.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

/*
 * Three kinds of resource, by how much they are trusted:
 *   the project thesaurus (data/thesaurus.tsv, built in) and the user's
 *     (--thesaurus): concepts of public administration in four languages;
 *     a term found there links to the concept "=ID";
 *   FreeDict bilingual dictionaries (dictd format): a term links to its
 *     translations, both ways;
 *   OpenThesaurus and its kin (mythes format): a term links to its
 *     synonyms in the same language.
 * The system ones are large (FreeDict deu-eng alone is 16 MB compressed),
 * so they are parsed once into a compiled cache: one file, mapped into
 * memory, holding a hash table of terms and their links. It is rebuilt
 * when any source's size or time changes, or the stop words do.
 */

const char *const link_kind_names[LINK_KIND_COUNT] = {
	"thesaurus", "translation", "synonym",
};

#define LEX_CACHE_VERSION 6u
#define LEX_MAX_LINKS 8	/* per term, kind and language */

enum res_type { RES_HUNSPELL, RES_MYTHES, RES_FREEDICT };

struct resource {
	const char *name;	/* the Debian package */
	enum res_type type;
	const char *path;	/* under share_dir, without extension */
	int from, to;		/* languages */
};

static const struct resource resources[] = {
	{ "hunspell-de-ch", RES_HUNSPELL, "hunspell/de_CH", LANG_DE, LANG_DE },
	{ "mythes-de-ch", RES_MYTHES, "mythes/th_de_CH_v2", LANG_DE, LANG_DE },
	{ "mythes-fr", RES_MYTHES, "mythes/thes_fr", LANG_FR, LANG_FR },
	{ "mythes-it", RES_MYTHES, "mythes/th_it_IT_v2", LANG_IT, LANG_IT },
	{ "mythes-en-us", RES_MYTHES, "mythes/th_en_US_v2", LANG_EN, LANG_EN },
	{ "dict-freedict-deu-eng", RES_FREEDICT, "dictd/freedict-deu-eng",
	  LANG_DE, LANG_EN },
	{ "dict-freedict-eng-deu", RES_FREEDICT, "dictd/freedict-eng-deu",
	  LANG_EN, LANG_DE },
	{ "dict-freedict-deu-fra", RES_FREEDICT, "dictd/freedict-deu-fra",
	  LANG_DE, LANG_FR },
	{ "dict-freedict-fra-deu", RES_FREEDICT, "dictd/freedict-fra-deu",
	  LANG_FR, LANG_DE },
	{ "dict-freedict-deu-ita", RES_FREEDICT, "dictd/freedict-deu-ita",
	  LANG_DE, LANG_IT },
	{ "dict-freedict-ita-deu", RES_FREEDICT, "dictd/freedict-ita-deu",
	  LANG_IT, LANG_DE },
	{ "dict-freedict-eng-fra", RES_FREEDICT, "dictd/freedict-eng-fra",
	  LANG_EN, LANG_FR },
	{ "dict-freedict-fra-eng", RES_FREEDICT, "dictd/freedict-fra-eng",
	  LANG_FR, LANG_EN },
	{ "dict-freedict-eng-ita", RES_FREEDICT, "dictd/freedict-eng-ita",
	  LANG_EN, LANG_IT },
	{ "dict-freedict-ita-eng", RES_FREEDICT, "dictd/freedict-ita-eng",
	  LANG_IT, LANG_EN },
	{ "dict-freedict-fra-ita", RES_FREEDICT, "dictd/freedict-fra-ita",
	  LANG_FR, LANG_IT },
};
#define NRES KK_ARRAY_SIZE(resources)

/* The cache file: this header, then the sections it names, each aligned
   to 8 bytes. Native byte order: a cache belongs to one machine. */
struct cache_hdr {
	char magic[8];
	uint32_t version;
	uint32_t hdr_size;
	uint64_t ident_len;	/* the sources' identity, a string */
	uint64_t nterms;
	uint64_t nlinks;
	uint64_t pool_len;
	uint64_t nslots;
};

struct sysdict {		/* the system resources, from the cache */
	void *map;
	size_t maplen;
	const char *pool;
	const uint32_t *term_off;	/* [nterms] into pool */
	const uint32_t *link_start;	/* [nterms + 1] */
	const uint32_t *links;		/* term << 2 | kind */
	const uint32_t *slots;		/* term + 1, or 0 */
	uint64_t nterms, nslots;
	/* when built in memory without a cache file */
	void *owned;
};

/*
 * After align_lexicon_load() the lexicon is read-only and may be shared by
 * threads. Its own text processor (TP, with HUNSPELL) serves the loading
 * only: libstemmer's and hunspell's handles keep state between calls, so
 * each run makes its own (lexicon_textproc_new()).
 */
struct align_lexicon {
	struct textproc tp;
	Hunhandle *hunspell;
	char *aff, *dic;	/* HUNSPELL's files, for a run's own handle */
	bool have[NRES];
	/* thesaurus: term -> concepts */
	struct strmap th_terms;
	uint32_t **th_concepts;	/* [term]: concept ids */
	uint32_t *th_nconcepts;
	size_t th_cap;
	struct strmap concepts;	/* "=id" */
	struct sysdict sys;
	char *desc;
};

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

void
align_lexicon_opts_init(struct align_lexicon_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->use_system = true;
}

/* ---- the thesaurus ----------------------------------------------------- */

static void
th_add(align_lexicon *lex, const char *term, uint32_t concept)
{
	uint32_t id = strmap_intern(&lex->th_terms, term, strlen(term));
	uint32_t i, n;

	if (id >= lex->th_cap) {
		size_t cap = lex->th_cap ? 2 * lex->th_cap : 256;

		lex->th_concepts = xrealloc(lex->th_concepts,
		    cap * sizeof(*lex->th_concepts));
		lex->th_nconcepts = xrealloc(lex->th_nconcepts,
		    cap * sizeof(*lex->th_nconcepts));
		memset(lex->th_concepts + lex->th_cap, 0,
		    (cap - lex->th_cap) * sizeof(*lex->th_concepts));
		memset(lex->th_nconcepts + lex->th_cap, 0,
		    (cap - lex->th_cap) * sizeof(*lex->th_nconcepts));
		lex->th_cap = cap;
	}
	n = lex->th_nconcepts[id];
	for (i = 0; i < n; i++)
		if (lex->th_concepts[id][i] == concept)
			return;
	lex->th_concepts[id] = xrealloc(lex->th_concepts[id],
	    (n + 1) * sizeof(**lex->th_concepts));
	lex->th_concepts[id][n] = concept;
	lex->th_nconcepts[id] = n + 1;
}

/*
 * The term of S (one cell entry of a thesaurus) in LANG into OUT: "de:" and
 * its key, or "*:" and the abbreviation ("IT", "eID") that it is alone.
 * Returns false when nothing is left of it (stop words only).
 */
static bool
term_of(struct textproc *tp, int lang, const char *s, size_t len,
    struct buf *out)
{
	struct arena *a = arena_new();
	struct tokens t = { 0 };
	bool ok;

	buf_reset(out);
	text_tokenise(a, s, len, &t);
	if (t.n == 1 && (t.v[0].flags & TOK_ABBR)) {
		buf_addf(out, "*:%s", t.v[0].norm);
		ok = true;
	} else {
		buf_addf(out, "%s:", lang_codes[lang]);
		ok = text_key(tp, lang, s, len, out) > 0;
	}
	tokens_release(&t);
	arena_free(a);
	return ok;
}

/*
 * Parse a thesaurus: lines of concept TAB de TAB fr TAB it TAB en, each
 * language cell a '|'-separated list of terms (may be empty); '#' starts a
 * comment line; a first line starting "concept" is a header.
 */
static int
th_parse(align_lexicon *lex, const char *file, const char *text, size_t len,
    char **errmsg)
{
	const char *p = text, *end = text + len, *nl;
	struct buf term = BUF_INIT, name = BUF_INIT;
	int line = 0;

	for (; p < end; p = nl + 1) {
		const char *cell[6], *cend[6];
		size_t ncell = 0, i;
		const char *q;
		uint32_t concept;

		line++;
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		if (nl > p && nl[-1] == '\r')
			q = nl - 1;
		else
			q = nl;
		if (q == p || *p == '#')
			continue;
		cell[0] = p;
		for (i = 0; p + i < q; i++) {
			if (p[i] != '\t')
				continue;
			if (ncell == 4) {
				ncell = 99;
				break;
			}
			cend[ncell++] = p + i;
			cell[ncell] = p + i + 1;
		}
		if (ncell != 99)
			cend[ncell++] = q;
		if (ncell != 5) {
			*errmsg = xasprintf("%s:%d: expected 5 tab-separated "
			    "columns (concept, de, fr, it, en), found %s",
			    file, line, ncell == 99 ? "more" :
			    ncell == 1 ? "1" : ncell == 2 ? "2" : ncell == 3 ?
			    "3" : "4");
			buf_release(&term);
			buf_release(&name);
			return KK_EINPUT;
		}
		if (line == 1 && cend[0] - cell[0] == 7 &&
		    !strncmp(p, "concept", 7))
			continue;	/* the header */
		if (cend[0] == cell[0]) {
			*errmsg = xasprintf("%s:%d: the concept has no name",
			    file, line);
			buf_release(&term);
			buf_release(&name);
			return KK_EINPUT;
		}
		buf_reset(&name);
		buf_addc(&name, '=');
		buf_add(&name, cell[0], (size_t)(cend[0] - cell[0]));
		concept = strmap_intern(&lex->concepts, name.s, name.len);
		for (i = 1; i < 5; i++) {
			const char *t = cell[i], *te;

			while (t < cend[i]) {
				te = memchr(t, '|', (size_t)(cend[i] - t));
				if (!te)
					te = cend[i];
				if (te > t && term_of(&lex->tp, (int)i - 1, t,
				    (size_t)(te - t), &term))
					th_add(lex, term.s, concept);
				t = te + 1;
			}
		}
	}
	buf_release(&term);
	buf_release(&name);
	return KK_OK;
}

/* ---- reading the system resources -------------------------------------- */

static char *
res_path(const char *share, const struct resource *r, const char *ext)
{
	return xasprintf("%s/%s%s", share, r->path, ext);
}

/* The file's identity for the cache key: "size mtime", or "-". */
static void
file_ident(const char *path, struct buf *out)
{
	struct stat st;

	if (stat(path, &st))
		buf_adds(out, " -");
	else
		buf_addf(out, " %lld %lld.%09ld", (long long)st.st_size,
		    (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec);
}

static bool
file_exists(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISREG(st.st_mode);
}

/* Read a gzip (dictzip) file whole; returns 0 or KK_EIO. */
static int
read_gz(const char *path, struct buf *out)
{
	gzFile gz = gzopen(path, "rb");
	char chunk[65536];
	int n;

	if (!gz)
		return KK_EIO;
	while ((n = gzread(gz, chunk, sizeof(chunk))) > 0)
		buf_add(out, chunk, (size_t)n);
	gzclose(gz);
	return n < 0 ? KK_EIO : KK_OK;
}

/* Links while building: FROM -> TO of KIND, in the order found. */
struct build {
	struct textproc *tp;
	struct strmap terms;
	struct blink {
		uint32_t from, to, seq;
		uint8_t kind;
	} *v;
	size_t n, cap;
	struct buf a, b, memo_key;
	struct strmap memo;	/* lang and raw string -> term */
	long *memo_term;
	size_t memo_cap;
};

static void
build_link(struct build *bd, uint32_t from, uint32_t to, int kind)
{
	if (from == to)
		return;
	if (bd->n == bd->cap) {
		bd->cap = bd->cap ? 2 * bd->cap : 1 << 16;
		bd->v = xrealloc(bd->v, bd->cap * sizeof(*bd->v));
	}
	bd->v[bd->n].from = from;
	bd->v[bd->n].to = to;
	bd->v[bd->n].seq = (uint32_t)bd->n;
	bd->v[bd->n].kind = (uint8_t)kind;
	bd->n++;
}

/* The term id of S in LANG, or -1 when it is too long or empty. The same
   strings come again and again (a headword per sense, common
   translations): each is analysed once. */
static long
build_term(struct build *bd, int lang, const char *s, size_t len,
    struct buf *b)
{
	size_t i, words = 1;
	uint32_t m;
	long id = -1;

	for (i = 0; i < len; i++)
		words += s[i] == ' ';
	if (len == 0 || len > 80 || words > 4)
		return -1;
	buf_reset(&bd->memo_key);
	buf_addc(&bd->memo_key, (char)('0' + lang));
	buf_add(&bd->memo_key, s, len);
	m = strmap_intern(&bd->memo, bd->memo_key.s, bd->memo_key.len);
	if (m < bd->memo_cap && bd->memo_term[m] != -2)
		return bd->memo_term[m];
	if (m >= bd->memo_cap) {
		size_t cap = bd->memo_cap ? 2 * bd->memo_cap : 1 << 16, k;

		bd->memo_term = xrealloc(bd->memo_term,
		    cap * sizeof(*bd->memo_term));
		for (k = bd->memo_cap; k < cap; k++)
			bd->memo_term[k] = -2;
		bd->memo_cap = cap;
	}
	if (term_of(bd->tp, lang, s, len, b) && b->len <= 80) {
		for (i = 0, words = 1; i < b->len; i++)
			words += b->s[i] == ' ';
		if (words <= 3)
			id = strmap_intern(&bd->terms, b->s, b->len);
	}
	bd->memo_term[m] = id;
	return id;
}

/* Strip [..], <..>, (..), {..} and "N. " from a translation line. */
static void
clean_line(const char *s, size_t len, struct buf *out)
{
	size_t i;
	int depth = 0;

	buf_reset(out);
	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	if (len > 2 && s[0] >= '0' && s[0] <= '9') {
		for (i = 0; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i < len && s[i] == '.') {
			s += i + 1;
			len -= i + 1;
		}
	}
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c == '[' || c == '<' || c == '(' || c == '{')
			depth++;
		else if ((c == ']' || c == '>' || c == ')' || c == '}') &&
		    depth > 0)
			depth--;
		else if (!depth)
			buf_addc(out, c);
	}
}

static bool
numbered(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i >= len || s[i] < '0' || s[i] > '9')
		return false;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	return i + 1 < len && s[i] == '.' && s[i + 1] == ' ';
}

/* One dictd entry: the headword line, then translation lines. */
static void
freedict_entry(struct build *bd, const struct resource *r, const char *e,
    size_t len)
{
	const char *nl, *p = e, *end = e + len, *hw_end;
	struct buf line = BUF_INIT;
	long head, to;
	int lineno = 0;

	nl = memchr(p, '\n', len);
	if (!nl)
		return;
	for (hw_end = p; hw_end < nl; hw_end++)
		if ((hw_end[0] == ' ' && hw_end + 1 < nl &&
		    (hw_end[1] == '/' || hw_end[1] == '<')))
			break;
	if (hw_end - p >= 2 && !strncmp(p, "00", 2))
		return;
	head = build_term(bd, r->from, p, (size_t)(hw_end - p), &bd->a);
	if (head < 0)
		return;
	for (p = nl + 1; p < end; p = nl + 1) {
		const char *q, *c, *ce;

		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		lineno++;
		if (lineno != 1 && !numbered(p, (size_t)(nl - p)))
			continue;
		for (q = p; q < nl && (*q == ' ' || *q == '\t'); q++)
			;
		if (q < nl && *q == '"')
			continue;
		if ((size_t)(nl - q) >= 4 && (!strncmp(q, "see:", 4) ||
		    !strncmp(q, "Syno", 4) || !strncmp(q, "Note", 4)))
			continue;
		clean_line(p, (size_t)(nl - p), &line);
		for (c = line.s; c < line.s + line.len; c = ce + 1) {
			const char *t = c, *te;

			ce = c + strcspn(c, ",;");
			for (te = ce; t < te && *t == ' '; t++)
				;
			while (te > t && te[-1] == ' ')
				te--;
			if (te > t && !memchr(t, '"', (size_t)(te - t))) {
				to = build_term(bd, r->to, t, (size_t)(te - t),
				    &bd->b);
				if (to >= 0) {
					build_link(bd, (uint32_t)head,
					    (uint32_t)to, LINK_TRANSLATION);
					build_link(bd, (uint32_t)to,
					    (uint32_t)head, LINK_TRANSLATION);
				}
			}
			if (!*ce)
				break;
		}
	}
	buf_release(&line);
}

static int
b64(const char *s, size_t len, uint64_t *out)
{
	static const char alpha[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		const char *k = memchr(alpha, s[i], 64);

		if (!k || v > (UINT64_MAX >> 6))
			return -1;
		v = v << 6 | (uint64_t)(k - alpha);
	}
	*out = v;
	return 0;
}

static int
load_freedict(struct build *bd, const char *share, const struct resource *r)
{
	char *ipath = res_path(share, r, ".index");
	char *dpath = res_path(share, r, ".dict.dz");
	struct buf dict = BUF_INIT;
	char *index = NULL;
	size_t ilen, n = 0;
	const char *p, *nl, *end;
	int rc = KK_EIO;

	if (read_file(ipath, &index, &ilen) || read_gz(dpath, &dict))
		goto out;
	for (p = index, end = index + ilen; p < end; p = nl + 1) {
		const char *t1, *t2;
		uint64_t off, len;

		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		t1 = memchr(p, '\t', (size_t)(nl - p));
		t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(nl - t1 - 1)) : NULL;
		if (!t2 || b64(t1 + 1, (size_t)(t2 - t1 - 1), &off) ||
		    b64(t2 + 1, (size_t)(nl - t2 - 1), &len) ||
		    off > dict.len || len > dict.len - off)
			continue;
		freedict_entry(bd, r, dict.s + off, (size_t)len);
		n++;
	}
	rc = n ? KK_OK : KK_EIO;
out:
	free(index);
	buf_release(&dict);
	free(ipath);
	free(dpath);
	return rc;
}

/* Latin-1 to UTF-8, for the older mythes files. */
static void
latin1_to_utf8(const char *s, size_t len, struct buf *out)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x80)
			buf_addc(out, (char)c);
		else {
			buf_addc(out, (char)(0xc0 | c >> 6));
			buf_addc(out, (char)(0x80 | (c & 0x3f)));
		}
	}
}

static int
load_mythes(struct build *bd, const char *share, const struct resource *r)
{
	char *path = res_path(share, r, ".dat");
	char *raw = NULL;
	size_t len;
	struct buf text = BUF_INIT;
	const char *p, *nl, *end;
	long head = -1;
	int rc = KK_EIO;

	if (read_file(path, &raw, &len))
		goto out;
	nl = memchr(raw, '\n', len);
	if (!nl)
		goto out;
	if (strncmp(raw, "UTF-8", 5))
		latin1_to_utf8(nl + 1, len - (size_t)(nl + 1 - raw), &text);
	else
		buf_add(&text, nl + 1, len - (size_t)(nl + 1 - raw));
	for (p = text.s, end = text.s + text.len; p < end; p = nl + 1) {
		const char *bar, *c, *ce;
		size_t nsyn = 0;

		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		bar = memchr(p, '|', (size_t)(nl - p));
		if (!bar)
			continue;
		if (*p != '(' && *p != '-') {
			/* "word|meanings" */
			head = build_term(bd, r->from, p, (size_t)(bar - p),
			    &bd->a);
			continue;
		}
		if (head < 0)
			continue;
		for (c = bar + 1; c < nl && nsyn < LEX_MAX_LINKS; c = ce + 1) {
			long to;

			ce = memchr(c, '|', (size_t)(nl - c));
			if (!ce)
				ce = nl;
			/* "(Oberbegriff)", "(generic term)": not a synonym */
			if (!memchr(c, '(', (size_t)(ce - c))) {
				to = build_term(bd, r->from, c,
				    (size_t)(ce - c), &bd->b);
				if (to >= 0 && to != head) {
					build_link(bd, (uint32_t)head,
					    (uint32_t)to, LINK_SYNONYM);
					nsyn++;
				}
			}
		}
	}
	rc = KK_OK;
out:
	free(raw);
	buf_release(&text);
	free(path);
	return rc;
}

static int
cmp_blink(const void *a, const void *b)
{
	const struct blink *x = a, *y = b;

	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static size_t
align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/*
 * Lay the built links out as a cache image in one malloc'd block (*OUT,
 * *LEN): the header, the identity, the pool, the offsets, the links and
 * the hash slots.
 */
static void
build_image(struct build *bd, const char *ident, void **out, size_t *len)
{
	size_t nterms = bd->terms.n, i, j, nlinks = 0, pool_len = 0;
	size_t nslots = 16, off, ident_len = strlen(ident) + 1;
	uint32_t *term_off, *link_start, *links, *slots;
	struct cache_hdr *h;
	char *img, *pool;

	qsort(bd->v, bd->n, sizeof(*bd->v), cmp_blink);
	while (nslots < 2 * nterms)
		nslots *= 2;
	for (i = 0; i < nterms; i++)
		pool_len += strlen(bd->terms.keys[i]) + 1;
	*len = align8(sizeof(*h)) + align8(ident_len) + align8(pool_len) +
	    align8(nterms * 4) + align8((nterms + 1) * 4) +
	    align8(bd->n * 4) + align8(nslots * 4);
	img = xcalloc(1, *len);
	h = (struct cache_hdr *)img;
	memcpy(h->magic, "KKLEXCHE", 8);
	h->version = LEX_CACHE_VERSION;
	h->hdr_size = sizeof(*h);
	h->ident_len = ident_len;
	h->nterms = nterms;
	h->pool_len = pool_len;
	h->nslots = nslots;
	off = align8(sizeof(*h));
	memcpy(img + off, ident, ident_len);
	off += align8(ident_len);
	pool = img + off;
	off += align8(pool_len);
	term_off = (uint32_t *)(img + off);
	off += align8(nterms * 4);
	link_start = (uint32_t *)(img + off);
	off += align8((nterms + 1) * 4);
	links = (uint32_t *)(img + off);
	off += align8(bd->n * 4);
	slots = (uint32_t *)(img + off);
	for (i = 0, pool_len = 0; i < nterms; i++) {
		size_t l = strlen(bd->terms.keys[i]) + 1;
		size_t k;

		memcpy(pool + pool_len, bd->terms.keys[i], l);
		term_off[i] = (uint32_t)pool_len;
		pool_len += l;
		for (k = text_hash(bd->terms.keys[i], l - 1) & (nslots - 1);
		    slots[k]; k = (k + 1) & (nslots - 1))
			;
		slots[k] = (uint32_t)i + 1;
	}
	/* links: per term, kind and language, the first LEX_MAX_LINKS (the
	   dictionaries list the common senses first), no repeats */
	for (i = 0, j = 0; i < nterms; i++) {
		size_t start = nlinks, per[LINK_KIND_COUNT][LANG_COUNT];

		memset(per, 0, sizeof(per));
		link_start[i] = (uint32_t)nlinks;
		for (; j < bd->n && bd->v[j].from == i; j++) {
			const struct blink *l = &bd->v[j];
			uint32_t v = l->to << 2 | l->kind;
			const char *t = bd->terms.keys[l->to];
			int lang = t[0] && t[1] && t[2] == ':' ?
			    lang_parse((char[3]){ t[0], t[1], 0 }) : LANG_NONE;
			size_t k;
			bool dup = false;

			if (lang < 0 || per[l->kind][lang] >= LEX_MAX_LINKS)
				continue;
			for (k = start; k < nlinks && !dup; k++)
				dup = links[k] >> 2 == l->to;
			if (!dup) {
				links[nlinks++] = v;
				per[l->kind][lang]++;
			}
		}
	}
	link_start[nterms] = (uint32_t)nlinks;
	h->nlinks = nlinks;
	if (nterms >= (1u << 30))
		die("the lexicon has too many terms");
	*out = img;
}

static void
sys_set(struct sysdict *sd, void *img)
{
	const struct cache_hdr *h = img;
	const char *p = img;
	size_t off = align8(sizeof(*h)) + align8(h->ident_len);

	sd->pool = p + off;
	off += align8(h->pool_len);
	sd->term_off = (const uint32_t *)(p + off);
	off += align8(h->nterms * 4);
	sd->link_start = (const uint32_t *)(p + off);
	off += align8((h->nterms + 1) * 4);
	sd->links = (const uint32_t *)(p + off);
	/* the slots follow the links as laid out, not as counted */
	sd->nterms = h->nterms;
	sd->nslots = h->nslots;
	sd->slots = NULL;
}

/* Check a mapped image against IDENT and set SD up from it. */
static bool
sys_open_image(struct sysdict *sd, void *img, size_t len, const char *ident)
{
	const struct cache_hdr *h = img;
	size_t need, ident_len = strlen(ident) + 1;
	uint64_t nlinks_space;

	if (len < sizeof(*h) || memcmp(h->magic, "KKLEXCHE", 8) ||
	    h->version != LEX_CACHE_VERSION || h->hdr_size != sizeof(*h) ||
	    h->ident_len != ident_len ||
	    memcmp((char *)img + align8(sizeof(*h)), ident, ident_len))
		return false;
	if (h->nterms > (1u << 30) || h->nslots > (1u << 31) ||
	    h->pool_len > len || h->nlinks > len)
		return false;
	/* the links section holds the built count, which may exceed nlinks */
	need = align8(sizeof(*h)) + align8(ident_len) + align8(h->pool_len) +
	    align8(h->nterms * 4) + align8((h->nterms + 1) * 4);
	if (need > len)
		return false;
	nlinks_space = (len - need - align8(h->nslots * 4)) / 4;
	if (len < need + align8(h->nslots * 4) || h->nlinks > nlinks_space)
		return false;
	sys_set(sd, img);
	sd->slots = (const uint32_t *)((const char *)img + len) - h->nslots;
	if (sd->link_start[h->nterms] != h->nlinks)
		return false;
	return true;
}

static long
sys_find(const struct sysdict *sd, const char *term)
{
	size_t len = strlen(term), k, mask;

	if (!sd->slots || !sd->nslots)
		return -1;
	mask = sd->nslots - 1;
	for (k = text_hash(term, len) & mask; sd->slots[k];
	    k = (k + 1) & mask) {
		uint32_t id = sd->slots[k] - 1;

		if (id < sd->nterms && !strcmp(sd->pool + sd->term_off[id],
		    term))
			return id;
	}
	return -1;
}

static void
sys_release(struct sysdict *sd)
{
	if (sd->map)
		munmap(sd->map, sd->maplen);
	free(sd->owned);
	memset(sd, 0, sizeof(*sd));
}

static char *
cache_path(const struct align_lexicon_opts *o)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

	if (o->cache_dir)
		return o->cache_dir[0] ? xasprintf("%s/lexicon.bin",
		    o->cache_dir) : NULL;
	if (xdg && xdg[0] == '/')
		return xasprintf("%s/konkordat/lexicon.bin", xdg);
	if (home && home[0])
		return xasprintf("%s/.cache/konkordat/lexicon.bin", home);
	return NULL;
}

static int
mkdirs(const char *path)
{
	char *p = xstrdup(path), *s;
	int rc = 0;

	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	free(p);
	return rc;
}

/* Write IMG to PATH through a temporary file and rename: readers never
   see half a cache. */
static void
cache_write(const char *path, const void *img, size_t len)
{
	char *tmp = xasprintf("%s.%ld.tmp", path, (long)getpid());
	FILE *fp;

	mkdirs(path);
	fp = fopen(tmp, "wb");
	if (!fp || fwrite(img, 1, len, fp) != len) {
		if (fp)
			fclose(fp);
		unlink(tmp);
		free(tmp);
		return;
	}
	if (fclose(fp) || rename(tmp, path))
		unlink(tmp);
	free(tmp);
}

static bool
cache_map(struct sysdict *sd, const char *path, const char *ident)
{
	int fd = open(path, O_RDONLY);
	struct stat st;
	void *m;

	if (fd < 0)
		return false;
	if (fstat(fd, &st) || st.st_size < (off_t)sizeof(struct cache_hdr)) {
		close(fd);
		return false;
	}
	m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return false;
	if (!sys_open_image(sd, m, (size_t)st.st_size, ident)) {
		munmap(m, (size_t)st.st_size);
		memset(sd, 0, sizeof(*sd));
		return false;
	}
	sd->map = m;
	sd->maplen = (size_t)st.st_size;
	return true;
}

/* ---- loading ------------------------------------------------------------ */

static void
warn_missing(const align_lexicon *lex, const struct align_lexicon_opts *o,
    const char *share)
{
	struct buf b = BUF_INIT;
	size_t i, n = 0;

	if (o->quiet)
		return;
	for (i = 0; i < NRES; i++) {
		if (lex->have[i] || (!o->use_system &&
		    resources[i].type != RES_HUNSPELL))
			continue;
		buf_addf(&b, "%s%s", n++ ? ", " : "", resources[i].name);
	}
	if (n)
		warning("alignment runs without %s (not found under %s): %s",
		    n == 1 ? "this resource" : "these resources", share, b.s);
	buf_release(&b);
}

int
align_lexicon_load(const struct align_lexicon_opts *opts,
    align_lexicon **out, char **errmsg)
{
	struct align_lexicon_opts defaults;
	const struct kk_datafile *th;
	align_lexicon *lex;
	const char *share;
	struct buf ident = BUF_INIT;
	char *cpath = NULL;
	double t0 = now_ms();
	const char *how = "none";
	size_t i;
	int rc;

	if (!opts) {
		align_lexicon_opts_init(&defaults);
		opts = &defaults;
	}
	share = opts->share_dir ? opts->share_dir : "/usr/share";
	*out = NULL;
	*errmsg = NULL;
	lex = xcalloc(1, sizeof(*lex));
	{
		char *aff = res_path(share, &resources[0], ".aff");
		char *dic = res_path(share, &resources[0], ".dic");

		if (file_exists(aff) && file_exists(dic)) {
			lex->hunspell = Hunspell_create(aff, dic);
			lex->have[0] = lex->hunspell != NULL;
		}
		if (lex->hunspell) {
			lex->aff = aff;
			lex->dic = dic;
		} else {
			free(aff);
			free(dic);
		}
	}
	textproc_init(&lex->tp, lex->hunspell);
	strmap_init(&lex->th_terms);
	strmap_init(&lex->concepts);

	th = kk_datafile("thesaurus.tsv");
	if (th && (rc = th_parse(lex, "data/thesaurus.tsv", th->text, th->len,
	    errmsg)))
		BUG("the built-in thesaurus is broken: %s", *errmsg);
	for (i = 0; i < opts->nthesaurus_files; i++) {
		char *text;
		size_t len;

		if (read_file(opts->thesaurus_files[i], &text, &len)) {
			*errmsg = xasprintf(_("unable to read '%s': %s"),
			    opts->thesaurus_files[i], strerror(errno));
			align_lexicon_free(lex);
			return KK_EIO;
		}
		rc = th_parse(lex, opts->thesaurus_files[i], text, len, errmsg);
		free(text);
		if (rc) {
			align_lexicon_free(lex);
			return rc;
		}
	}

	if (opts->use_system) {
		/* the identity of what the cache is made from */
		buf_addf(&ident, "konkordat lexicon %u\n", LEX_CACHE_VERSION);
		for (i = 0; kk_datafiles[i].name; i++)
			if (!strncmp(kk_datafiles[i].name, "stopwords-", 10))
				buf_addf(&ident, "%s %016llx\n",
				    kk_datafiles[i].name, (unsigned long long)
				    text_hash(kk_datafiles[i].text,
				    kk_datafiles[i].len));
		for (i = 1; i < NRES; i++) {
			char *p = res_path(share, &resources[i],
			    resources[i].type == RES_MYTHES ? ".dat" :
			    ".dict.dz");
			char *q = resources[i].type == RES_FREEDICT ?
			    res_path(share, &resources[i], ".index") : NULL;

			lex->have[i] = file_exists(p) && (!q ||
			    file_exists(q));
			buf_addf(&ident, "%s", resources[i].name);
			file_ident(p, &ident);
			if (q)
				file_ident(q, &ident);
			buf_addc(&ident, '\n');
			free(p);
			free(q);
		}
		cpath = cache_path(opts);
		if (cpath && cache_map(&lex->sys, cpath, ident.s))
			how = "cache";
		else {
			struct build bd;
			void *img;
			size_t len;

			memset(&bd, 0, sizeof(bd));
			bd.tp = &lex->tp;
			strmap_init(&bd.terms);
			buf_init(&bd.a);
			buf_init(&bd.b);
			buf_init(&bd.memo_key);
			strmap_init(&bd.memo);
			for (i = 1; i < NRES; i++) {
				if (!lex->have[i])
					continue;
				rc = resources[i].type == RES_MYTHES ?
				    load_mythes(&bd, share, &resources[i]) :
				    load_freedict(&bd, share, &resources[i]);
				if (rc)
					lex->have[i] = false;
			}
			build_image(&bd, ident.s, &img, &len);
			strmap_release(&bd.terms);
			free(bd.v);
			buf_release(&bd.a);
			buf_release(&bd.b);
			buf_release(&bd.memo_key);
			strmap_release(&bd.memo);
			free(bd.memo_term);
			if (cpath)
				cache_write(cpath, img, len);
			if (!sys_open_image(&lex->sys, img, len, ident.s))
				BUG("the lexicon image just built is bad");
			lex->sys.owned = img;
			how = "sources";
		}
	}
	warn_missing(lex, opts, share);
	{
		size_t nres = 0;

		for (i = 0; i < NRES; i++)
			nres += lex->have[i];
		lex->desc = xasprintf("lexicon: %zu thesaurus terms in %zu "
		    "concepts; %zu of %zu system resources, %llu terms, %llu "
		    "links, loaded from %s in %.0f ms", lex->th_terms.n,
		    lex->concepts.n, nres, NRES, (unsigned long long)
		    lex->sys.nterms, (unsigned long long)(lex->sys.link_start ?
		    lex->sys.link_start[lex->sys.nterms] : 0), how,
		    now_ms() - t0);
	}
	free(cpath);
	buf_release(&ident);
	*out = lex;
	return KK_OK;
}

void
align_lexicon_free(align_lexicon *lex)
{
	size_t i;

	if (!lex)
		return;
	textproc_release(&lex->tp);
	if (lex->hunspell)
		Hunspell_destroy(lex->hunspell);
	free(lex->aff);
	free(lex->dic);
	for (i = 0; i < lex->th_terms.n; i++)
		free(lex->th_concepts[i]);
	free(lex->th_concepts);
	free(lex->th_nconcepts);
	strmap_release(&lex->th_terms);
	strmap_release(&lex->concepts);
	sys_release(&lex->sys);
	free(lex->desc);
	free(lex);
}

bool
align_lexicon_has(const align_lexicon *lex, const char *resource)
{
	size_t i;

	for (i = 0; i < NRES; i++)
		if (!strcmp(resources[i].name, resource) ||
		    (!strncmp(resources[i].name, "dict-", 5) &&
		    !strcmp(resources[i].name + 5, resource)))
			return lex->have[i];
	return false;
}

const char *
align_lexicon_describe(const align_lexicon *lex)
{
	return lex->desc;
}

struct textproc *
lexicon_textproc(align_lexicon *lex)
{
	return &lex->tp;
}

/* A text processor of its own for one run over LEX: its stemmers and
   hunspell handle are used by one thread at a time. */
struct textproc *
lexicon_textproc_new(const align_lexicon *lex)
{
	struct textproc *tp = xcalloc(1, sizeof(*tp));
	Hunhandle *h = lex->aff ? Hunspell_create(lex->aff, lex->dic) : NULL;

	textproc_init(tp, h);
	return tp;
}

void
lexicon_textproc_free(struct textproc *tp)
{
	if (!tp)
		return;
	if (tp->hunspell_de)
		Hunspell_destroy((Hunhandle *)tp->hunspell_de);
	textproc_release(tp);
	free(tp);
}

bool
lexicon_has_term(const align_lexicon *lex, const char *term)
{
	return strmap_find(&lex->th_terms, term, strlen(term)) >= 0 ||
	    sys_find(&lex->sys, term) >= 0;
}

size_t
lexicon_links(const align_lexicon *lex, const char *term,
    struct lex_link *out, size_t max)
{
	long id = strmap_find(&lex->th_terms, term, strlen(term));
	size_t n = 0, i;

	if (id >= 0)
		for (i = 0; i < lex->th_nconcepts[id] && n < max; i++) {
			out[n].term = lex->concepts.keys[
			    lex->th_concepts[id][i]];
			out[n++].kind = LINK_THESAURUS;
		}
	id = sys_find(&lex->sys, term);
	if (id >= 0)
		for (i = lex->sys.link_start[id];
		    i < lex->sys.link_start[id + 1] && n < max; i++) {
			uint32_t v = lex->sys.links[i];

			out[n].term = lex->sys.pool + lex->sys.term_off[v >> 2];
			out[n++].kind = (enum link_kind)(v & 3);
		}
	return n;
}
