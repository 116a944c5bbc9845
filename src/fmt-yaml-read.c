/* fmt-yaml-read.c: party and organisation files in, with every error located. */
#include "konkordat.h"

#include <errno.h>
#include <libfyaml.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/*
 * The file is parsed in two steps. libfyaml's event parser turns it into a
 * small tree of ynodes that keeps the line and column of every node (its
 * document tree does not keep them for collections); then the tree is walked
 * against the schema below, and every problem becomes a diagnostic, so that
 * the user sees all the errors of a file at once.
 */

enum ytype { Y_SCALAR, Y_MAP, Y_SEQ };

struct ynode {
	enum ytype type;
	struct kk_loc loc;
	/* Y_SCALAR */
	const char *str;
	bool plain;		/* unquoted, so it may be a number or a bool */
	/* Y_MAP: keys[i] -> vals[i]; Y_SEQ: vals[i] */
	struct ynode **keys;
	struct ynode **vals;
	size_t n, cap;
};

struct anchor {
	const char *name;
	struct ynode *node;
};

struct reader {
	struct arena *arena;
	struct kk_diags *diags;
	const char *path;
	const char *data;
	size_t len;
	struct fy_parser *fyp;
	struct anchor *anchors;
	size_t nanchors, anchors_cap;
	int syntax_errors;	/* reported by libfyaml */
	bool too_deep;
	bool failed;		/* a syntax error: the tree is incomplete */
};

static void KK_PRINTF(3, 4)
report(struct reader *r, const struct kk_loc *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diags_vadd(r->diags, loc, fmt, ap);
	va_end(ap);
}

/*
 * Input must be UTF-8: report the first byte that is not, by line and
 * column (in characters, as libfyaml counts them).
 */
static bool
check_utf8(struct reader *r, const char *data, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)data;
	size_t pos = 0;
	struct kk_loc loc = { r->path, 1, 1 };

	while (pos < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p + pos,
		    (utf8proc_ssize_t)(len - pos), &cp);

		if (n < 0) {
			report(r, &loc, "invalid UTF-8 byte 0x%02x",
			    p[pos]);
			return false;
		}
		if (cp == 0) {
			report(r, &loc, "NUL character in a text file");
			return false;
		}
		pos += (size_t)n;
		if (cp == '\n') {
			loc.line++;
			loc.col = 1;
		} else {
			loc.col++;
		}
	}
	return true;
}

static struct kk_loc
event_loc(struct reader *r, struct fy_event *ev)
{
	const struct fy_mark *m = fy_event_start_mark(ev);
	struct kk_loc loc = { r->path, 0, 0 };

	if (m) {
		loc.line = m->line + 1;
		loc.col = m->column + 1;
	}
	return loc;
}

static struct ynode *
ynode_new(struct reader *r, enum ytype type, struct kk_loc loc)
{
	struct ynode *n = arena_calloc(r->arena, 1, sizeof(*n));

	n->type = type;
	n->loc = loc;
	return n;
}

static void
ynode_push(struct reader *r, struct ynode *parent, struct ynode *key,
    struct ynode *val)
{
	if (parent->n == parent->cap) {
		size_t cap = parent->cap ? 2 * parent->cap : 8;
		struct ynode **vals = arena_alloc(r->arena, cap * sizeof(*vals));

		if (parent->n)
			memcpy(vals, parent->vals, parent->n * sizeof(*vals));
		parent->vals = vals;
		if (parent->type == Y_MAP) {
			struct ynode **keys = arena_alloc(r->arena,
			    cap * sizeof(*keys));

			if (parent->n)
				memcpy(keys, parent->keys,
				    parent->n * sizeof(*keys));
			parent->keys = keys;
		}
		parent->cap = cap;
	}
	if (parent->type == Y_MAP)
		parent->keys[parent->n] = key;
	parent->vals[parent->n++] = val;
}

/* The character that the escape at P (past its backslash, up to END) of a
   double-quoted scalar stands for, or ' ' for one that text may hold. */
static int32_t
escaped_char(const char *p, const char *end)
{
	static const char from[] = "0abtnvfreN";
	static const int32_t to[] = { 0, 7, 8, 9, 10, 11, 12, 13, 27, 0x85 };
	const char *k;
	int ndigits = 0, i;
	int32_t cp = 0;

	if (p >= end)
		return ' ';
	if ((k = strchr(from, *p)) != NULL && *p)
		return to[k - from];
	if (*p == 'x')
		ndigits = 2;
	else if (*p == 'u')
		ndigits = 4;
	else if (*p == 'U')
		ndigits = 8;
	for (i = 1; i <= ndigits && p + i < end; i++) {
		char c = p[i];
		int d = c >= '0' && c <= '9' ? c - '0' :
		    (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' +
		    10 : -1;

		if (d < 0 || cp > 0x10ffff)
			return ' ';
		cp = cp * 16 + d;
	}
	return ndigits ? cp : ' ';
}

/*
 * Token T's text S (LEN bytes) holds a character that text may not
 * (textguard.c): say so where the file has it, which in a double-quoted
 * scalar may be an escape such as "\e" or "\0" (the decoded text alone
 * would lose the NUL and all after it).
 */
static void
refuse_text(struct reader *r, struct fy_token *t, const char *s, size_t len)
{
	const struct fy_mark *m = fy_token_start_mark(t);
	const struct fy_mark *e = fy_token_end_mark(t);
	bool dq = fy_token_get_type(t) == FYTT_SCALAR &&
	    fy_token_scalar_style(t) == FYSS_DOUBLE_QUOTED;
	size_t at = textguard_find(s, len, NULL);
	int32_t cp = 0;
	struct kk_loc loc = { r->path, 0, 0 };
	const char *p, *end;

	textguard_find(s, len, &cp);
	if (!m || !e || e->input_pos > r->len || m->input_pos > e->input_pos)
		goto report;
	loc.line = m->line + 1;
	loc.col = m->column + 1;
	for (p = r->data + m->input_pos, end = r->data + e->input_pos;
	    p < end;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n;

		if (dq && *p == '\\') {
			int32_t x = escaped_char(p + 1, end);

			if (!textguard_allowed(x)) {
				cp = x;
				goto report;
			}
			p += 2;
			loc.col += 2;
			continue;
		}
		n = utf8proc_iterate((const utf8proc_uint8_t *)p, end - p, &c);
		if (n <= 0)
			break;
		/* a CR in the source is half a line break */
		if (!textguard_allowed(c) && c != '\r') {
			cp = c;
			goto report;
		}
		p += n;
		if (c == '\n') {
			loc.line++;
			loc.col = 1;
		} else {
			loc.col++;
		}
	}
	/* not found in the source: at the token, with what it decoded to */
	loc.line = m->line + 1;
	loc.col = m->column + 1;
report:
	textguard_report(r->diags, &loc, cp, s + at);
}

/*
 * The text of a token, copied into the arena. It is read chunk by chunk:
 * fy_token_get_text() of libfyaml 0.7 can report a length longer than the
 * text it wrote for some malformed block and quoted scalars, leaving
 * uninitialised bytes at the end.
 */
static const char *
token_text(struct reader *r, struct fy_token *t)
{
	struct fy_token_iter *it;
	const struct fy_iter_chunk *c = NULL;
	struct buf b = BUF_INIT;
	const char *s;
	int err = 0;

	if (!t)
		return NULL;
	it = fy_token_iter_create(t);
	if (!it)
		die("cannot read a YAML token");
	while ((c = fy_token_iter_chunk_next(it, c, &err)) != NULL)
		buf_add(&b, c->str, c->len);
	fy_token_iter_destroy(it);
	if (textguard_find(b.s, b.len, NULL) < b.len)
		refuse_text(r, t, b.s, b.len);
	s = arena_strndup(r->arena, b.s, b.len);
	buf_release(&b);
	return s;
}

static void
remember_anchor(struct reader *r, struct fy_token *anchor, struct ynode *n)
{
	const char *name = token_text(r, anchor);

	if (!name)
		return;
	if (r->nanchors == r->anchors_cap) {
		size_t cap = r->anchors_cap ? 2 * r->anchors_cap : 8;
		struct anchor *v = arena_alloc(r->arena, cap * sizeof(*v));

		if (r->nanchors)
			memcpy(v, r->anchors, r->nanchors * sizeof(*v));
		r->anchors = v;
		r->anchors_cap = cap;
	}
	r->anchors[r->nanchors].name = name;
	r->anchors[r->nanchors].node = n;
	r->nanchors++;
}

static struct fy_event *
next_event(struct reader *r)
{
	struct fy_event *ev = fy_parser_parse(r->fyp);

	if (!ev)
		r->failed = true;
	return ev;
}

/* Deeper than any konkordat file; bounds the recursion of build(). */
#define MAX_DEPTH 64

/*
 * Build the node that starts with EV (which this frees), reading the events
 * of its children. Returns NULL after a syntax error or when the nesting is
 * deeper than MAX_DEPTH.
 */
static struct ynode *
build(struct reader *r, struct fy_event *ev, int depth)
{
	struct kk_loc loc = event_loc(r, ev);
	struct ynode *n = NULL;
	size_t i;

	if (depth > MAX_DEPTH) {
		report(r, &loc, "nested deeper than %d levels", MAX_DEPTH);
		fy_parser_event_free(r->fyp, ev);
		r->too_deep = true;
		return NULL;
	}

	switch (ev->type) {
	case FYET_SCALAR: {
		struct fy_token *v = ev->scalar.value;

		n = ynode_new(r, Y_SCALAR, loc);
		n->str = token_text(r, v);
		if (!n->str)
			n->str = "";
		n->plain = fy_token_scalar_style(v) == FYSS_PLAIN &&
		    !ev->scalar.tag;
		remember_anchor(r, ev->scalar.anchor, n);
		break;
	}
	case FYET_ALIAS: {
		const char *name = token_text(r, ev->alias.anchor);

		for (i = r->nanchors; i-- > 0;)
			if (name && !strcmp(r->anchors[i].name, name)) {
				n = r->anchors[i].node;
				break;
			}
		if (!n) {
			report(r, &loc, "unknown alias '*%s'",
			    name ? name : "");
			/* stands in so that no second error follows */
			n = ynode_new(r, Y_SCALAR, loc);
			n->str = "*";
		}
		break;
	}
	case FYET_MAPPING_START:
	case FYET_SEQUENCE_START: {
		bool map = ev->type == FYET_MAPPING_START;
		enum fy_event_type end = map ? FYET_MAPPING_END :
		    FYET_SEQUENCE_END;

		n = ynode_new(r, map ? Y_MAP : Y_SEQ, loc);
		remember_anchor(r, map ? ev->mapping_start.anchor :
		    ev->sequence_start.anchor, n);
		fy_parser_event_free(r->fyp, ev);
		ev = NULL;
		for (;;) {
			struct fy_event *kev = next_event(r);
			struct ynode *key = NULL, *val;

			if (!kev)
				return NULL;
			if (kev->type == end) {
				fy_parser_event_free(r->fyp, kev);
				break;
			}
			if (map) {
				key = build(r, kev, depth + 1);
				if (!key)
					return NULL;
				kev = next_event(r);
				if (!kev)
					return NULL;
			}
			val = build(r, kev, depth + 1);
			if (!val)
				return NULL;
			ynode_push(r, n, key, val);
		}
		break;
	}
	default:
		BUG("unexpected YAML event %d", (int)ev->type);
	}
	if (ev)
		fy_parser_event_free(r->fyp, ev);
	return n;
}

/*
 * libfyaml places errors found at the end of the input (an unclosed bracket
 * or quote) past the last line; point at the last character instead.
 */
static struct kk_loc
clamp_to_input(struct reader *r, int line, int col)
{
	struct kk_loc loc = { r->path, line, col };
	int nlines = 1, last_len = 0;
	size_t i;

	for (i = 0; i < r->len; i++) {
		if (r->data[i] == '\n' && i + 1 < r->len) {
			nlines++;
			last_len = 0;
		} else if (r->data[i] != '\n' &&
		    ((unsigned char)r->data[i] & 0xc0) != 0x80) {
			last_len++;
		}
	}
	if (line > nlines) {
		loc.line = nlines;
		loc.col = last_len > 0 ? last_len : 1;
	}
	return loc;
}

/*
 * libfyaml's diagnostics arrive as text, in one of two forms:
 * "<input>:LINE:COLUMN: error: what" (1-based), followed by lines that
 * quote the source, or, for some errors of directives and block scalars
 * ("unsupport version number 2.0", "indentation indicator 0"),
 * "<LINE:COLUMN>: [ERR]: what" (0-based, LINE and COLUMN padded with
 * spaces). Only these are kept, their English text in the user's language
 * (fmt-yaml-diag.c). (Collecting them as structures instead leaks them in
 * libfyaml 0.7.)
 */
static void
take_diagnostic(struct fy_diag *diag, void *user, const char *buf, size_t len)
{
	struct reader *r = user;
	const char *p = memchr(buf, '>', len);
	char *text = xstrndup(buf, len);
	int line, col, off = 0;

	if (p && sscanf(text + (p - buf), ">:%d:%d: error: %n", &line, &col,
	    &off) == 2 && off > 0) {
		off += (int)(p - buf);
	} else if (sscanf(text, "<%d:%d>: [ERR]: %n", &line, &col, &off) ==
	    2 && off > 0 && line >= 0 && col >= 0 && line < INT_MAX &&
	    col < INT_MAX) {
		line++;
		col++;
	} else {
		off = 0;
	}
	if (off > 0) {
		struct kk_loc loc = clamp_to_input(r, line, col);
		char *msg = text + off, *said;

		msg[strcspn(msg, "\n")] = '\0';
		said = yaml_diag_translate(msg);
		report(r, &loc, "invalid YAML: %s", said);
		free(said);
		r->syntax_errors++;
	}
	free(text);
}

/* Parse DATA into a tree; NULL (with diagnostics) if it is not YAML. */
static struct ynode *
parse_tree(struct reader *r, const char *data, size_t len)
{
	struct fy_diag_cfg dcfg;
	struct fy_parse_cfg pcfg;
	struct fy_diag *diag;
	struct fy_event *ev;
	struct ynode *root = NULL;
	int ndocs = 0;

	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	dcfg.output_fn = take_diagnostic;
	dcfg.user = r;
	dcfg.level = FYET_ERROR;
	dcfg.colorize = false;
	dcfg.show_source = false;
	dcfg.show_position = true;
	dcfg.show_type = true;
	dcfg.show_module = false;
	diag = fy_diag_create(&dcfg);
	if (!diag)
		die("cannot create a YAML diagnostics object");
	memset(&pcfg, 0, sizeof(pcfg));
	pcfg.flags = FYPCF_QUIET;
	pcfg.diag = diag;
	r->fyp = fy_parser_create(&pcfg);
	fy_diag_unref(diag);
	if (!r->fyp)
		die("cannot create a YAML parser");
	if (fy_parser_set_string(r->fyp, data, len))
		die("cannot give the YAML parser its input");

	while ((ev = next_event(r)) != NULL) {
		enum fy_event_type t = ev->type;

		if (t == FYET_STREAM_START || t == FYET_DOCUMENT_END) {
			fy_parser_event_free(r->fyp, ev);
			continue;
		}
		if (t == FYET_STREAM_END) {
			fy_parser_event_free(r->fyp, ev);
			break;
		}
		if (t == FYET_DOCUMENT_START) {
			struct kk_loc loc = event_loc(r, ev);

			fy_parser_event_free(r->fyp, ev);
			if (++ndocs > 1) {
				report(r, &loc, "a file holds one YAML "
				    "document, this is the second");
				break;
			}
			continue;
		}
		root = build(r, ev, 0);
		if (!root)
			break;
	}
	if (r->failed || fy_parser_get_stream_error(r->fyp)) {
		if (!r->syntax_errors && !r->too_deep) {
			struct kk_loc loc = { r->path, 0, 0 };

			report(r, &loc, "invalid YAML");
		}
		root = NULL;
	}
	fy_parser_destroy(r->fyp);
	r->fyp = NULL;
	return root;
}

/* The schema walk. */

/* What N is, for a message: in the user's language, as the message. */
static const char *
ytype_name(const struct ynode *n)
{
	if (n->type == Y_MAP)
		return _("a mapping");
	if (n->type == Y_SEQ)
		return _("a list");
	if (n->plain && (!strcmp(n->str, "true") || !strcmp(n->str, "false")))
		return _("a boolean");
	if (n->plain && n->str[0] && strspn(n->str, "-0123456789") ==
	    strlen(n->str))
		return _("a number");
	return _("a text");
}

static bool
is_null(const struct ynode *n)
{
	return n->type == Y_SCALAR && n->plain && (!n->str[0] ||
	    !strcmp(n->str, "~") || !strcmp(n->str, "null") ||
	    !strcmp(n->str, "Null") || !strcmp(n->str, "NULL"));
}

struct key {
	const char *name;
	bool required;
};

/*
 * Check that map M has only the keys in KEYS, and every required one; WHAT
 * names the mapping in messages ("goal", "party"). Duplicate keys are
 * reported too.
 */
static void
check_keys(struct reader *r, const struct ynode *m, const char *what,
    const struct key *keys, size_t nkeys)
{
	const char *names[24];
	size_t i, j;

	if (nkeys > KK_ARRAY_SIZE(names))
		BUG("too many keys for '%s'", what);
	for (i = 0; i < nkeys; i++)
		names[i] = keys[i].name;
	for (i = 0; i < m->n; i++) {
		const struct ynode *k = m->keys[i];
		bool known = false;

		if (k->type != Y_SCALAR) {
			report(r, &k->loc, "a key must be a word, not %s",
			    ytype_name(k));
			continue;
		}
		for (j = 0; j < i; j++)
			if (m->keys[j]->type == Y_SCALAR &&
			    !strcmp(m->keys[j]->str, k->str)) {
				report(r, &k->loc, "duplicate key '%s' in %s "
				    "(first at line %d)", k->str, what,
				    m->keys[j]->loc.line);
				break;
			}
		for (j = 0; j < nkeys; j++)
			if (!strcmp(keys[j].name, k->str))
				known = true;
		if (!known) {
			const char *hint = closest_word(k->str, names, nkeys);

			if (hint)
				report(r, &k->loc, "unknown key '%s' in %s; "
				    "did you mean '%s'?", k->str, what, hint);
			else
				report(r, &k->loc, "unknown key '%s' in %s",
				    k->str, what);
		}
	}
	for (j = 0; j < nkeys; j++) {
		const struct ynode *k = NULL, *v = NULL;

		if (!keys[j].required)
			continue;
		for (i = 0; i < m->n; i++)
			if (m->keys[i]->type == Y_SCALAR &&
			    !strcmp(m->keys[i]->str, keys[j].name)) {
				k = m->keys[i];
				v = m->vals[i];
			}
		if (!k)
			report(r, &m->loc, "%s lacks the required key '%s'",
			    what, keys[j].name);
		else if (is_null(v))
			report(r, &k->loc, "'%s' is empty", keys[j].name);
	}
}

/* The value of KEY in map M, or NULL when it is absent or null. */
static const struct ynode *
get(const struct ynode *m, const char *key)
{
	size_t i;

	if (!m || m->type != Y_MAP)
		return NULL;
	for (i = 0; i < m->n; i++)
		if (m->keys[i]->type == Y_SCALAR && !strcmp(m->keys[i]->str,
		    key))
			return is_null(m->vals[i]) ? NULL : m->vals[i];
	return NULL;
}

static bool
expect(struct reader *r, const struct ynode *n, enum ytype type,
    const char *key)
{
	static const char *const names[] = { N_("a text"), N_("a mapping"),
	    N_("a list") };

	if (n->type == type)
		return true;
	report(r, &n->loc, "'%s' must be %s, not %s", key, _(names[type]),
	    ytype_name(n));
	return false;
}

/* A text value; NULL when absent. Required keys are checked elsewhere. */
static const char *
get_text(struct reader *r, const struct ynode *m, const char *key)
{
	const struct ynode *n = get(m, key);

	if (!n || !expect(r, n, Y_SCALAR, key))
		return NULL;
	return n->str;
}

/* A title or name: text that is not only white space, kept without the
   white space around it (kk_text_trim()). */
static const char *
get_title(struct reader *r, const struct ynode *m, const char *key)
{
	const struct ynode *n = get(m, key);
	const char *t;

	/* absent or null: check_keys() reports it */
	if (!n || !expect(r, n, Y_SCALAR, key))
		return NULL;
	t = kk_text_trim(r->arena, n->str);
	if (!*t) {
		report(r, &n->loc, "'%s' is empty", key);
		return NULL;
	}
	return t;
}

/* An integer in [LO, HI]; DFLT when absent; sets *OK false when wrong. */
static long
get_int(struct reader *r, const struct ynode *m, const char *key, long lo,
    long hi, long dflt)
{
	const struct ynode *n = get(m, key);
	char *end;
	long v;

	if (!n)
		return dflt;
	if (n->type != Y_SCALAR || !n->plain || !n->str[0]) {
		report(r, &n->loc, "'%s' must be a whole number, not %s", key,
		    ytype_name(n));
		return dflt;
	}
	errno = 0;
	v = strtol(n->str, &end, 10);
	if (*end || errno) {
		report(r, &n->loc, "'%s' must be a whole number, not '%s'", key,
		    n->str);
		return dflt;
	}
	if (v < lo || v > hi) {
		report(r, &n->loc, "'%s' is %ld, outside %ld to %ld", key, v,
		    lo, hi);
		return dflt;
	}
	return v;
}

static bool
get_bool(struct reader *r, const struct ynode *m, const char *key, bool dflt)
{
	const struct ynode *n = get(m, key);

	if (!n)
		return dflt;
	if (n->type == Y_SCALAR && n->plain && !strcmp(n->str, "true"))
		return true;
	if (n->type == Y_SCALAR && n->plain && !strcmp(n->str, "false"))
		return false;
	if (n->type == Y_SCALAR && !n->plain)
		report(r, &n->loc, "'%s' must be true or false without quotes, "
		    "not the text '%s'", key, n->str);
	else if (n->type == Y_SCALAR)
		report(r, &n->loc, "'%s' must be true or false, not '%s'", key,
		    n->str);
	else
		report(r, &n->loc, "'%s' must be true or false, not %s", key,
		    ytype_name(n));
	return dflt;
}

static const char *
get_id(struct reader *r, const struct ynode *m, const char *key)
{
	const struct ynode *n = get(m, key);

	if (!n || !expect(r, n, Y_SCALAR, key))
		return NULL;
	if (!kk_id_valid(n->str)) {
		report(r, &n->loc, "invalid id '%s': use lowercase letters, "
		    "digits, '-', '_' and '.', starting with a letter or digit, "
		    "at most 64 characters", n->str);
		return NULL;
	}
	return n->str;
}

static const char *
get_date(struct reader *r, const struct ynode *m, const char *key)
{
	const struct ynode *n = get(m, key);

	if (!n || !expect(r, n, Y_SCALAR, key))
		return NULL;
	if (!kk_date_valid(n->str)) {
		report(r, &n->loc, "'%s' is not a date: '%s' (write YYYY-MM-DD)",
		    key, n->str);
		return NULL;
	}
	return n->str;
}

/* One of NAMES; -1 when absent or wrong (reported, with a suggestion). */
static int
get_enum(struct reader *r, const struct ynode *m, const char *key,
    const char *const *names, size_t nnames)
{
	const struct ynode *n = get(m, key);
	struct buf all = BUF_INIT;
	const char *hint;
	size_t i;
	int v;

	if (!n || !expect(r, n, Y_SCALAR, key))
		return -1;
	v = kk_enum_parse(n->str, names, nnames);
	if (v >= 0)
		return v;
	for (i = 0; i < nnames; i++)
		buf_addf(&all, "%s%s", i ? ", " : "", names[i]);
	hint = closest_word(n->str, names, nnames);
	if (hint)
		report(r, &n->loc, "unknown %s '%s'; did you mean '%s'? "
		    "(one of %s)", key, n->str, hint, all.s);
	else
		report(r, &n->loc, "unknown %s '%s' (one of %s)", key, n->str,
		    all.s);
	buf_release(&all);
	return -1;
}

/* A list of ids or words; an empty list when absent. */
static struct kk_ids
get_ids(struct reader *r, const struct ynode *m, const char *key, bool ids)
{
	const struct ynode *n = get(m, key);
	struct kk_ids out = { NULL, 0, NULL };
	size_t i, j;

	if (!n || !expect(r, n, Y_SEQ, key))
		return out;
	out.v = arena_calloc(r->arena, n->n, sizeof(*out.v));
	out.locs = arena_calloc(r->arena, n->n, sizeof(*out.locs));
	for (i = 0; i < n->n; i++) {
		const struct ynode *x = n->vals[i];

		if (x->type != Y_SCALAR || is_null(x)) {
			report(r, &x->loc, "each entry of '%s' must be %s, not "
			    "%s", key, ids ? _("an id") : _("a word"),
			    is_null(x) ? _("empty") : ytype_name(x));
			continue;
		}
		if (ids && !kk_id_valid(x->str)) {
			report(r, &x->loc, "invalid id '%s' in '%s'", x->str,
			    key);
			continue;
		}
		for (j = 0; j < out.n; j++)
			if (!strcmp(out.v[j], x->str))
				break;
		if (j < out.n) {
			report(r, &x->loc, "'%s' appears twice in '%s'",
			    x->str, key);
			continue;
		}
		out.locs[out.n] = x->loc;
		out.v[out.n++] = x->str;
	}
	return out;
}

/*
 * Where the value of KEY in M is, for a check made later (against other
 * entries, files or the database) to point at it; M's own place when
 * KEY is absent.
 */
static struct kk_loc
value_loc(const struct ynode *m, const char *key)
{
	const struct ynode *n = get(m, key);

	return n ? n->loc : m->loc;
}

/* A list of mappings under KEY; NULL (and *N = 0) when absent. */
static const struct ynode *
get_list(struct reader *r, const struct ynode *m, const char *key)
{
	const struct ynode *n = get(m, key);

	if (!n || !expect(r, n, Y_SEQ, key))
		return NULL;
	return n;
}

static bool
expect_map(struct reader *r, const struct ynode *n, const char *what)
{
	if (n->type == Y_MAP)
		return true;
	report(r, &n->loc, "%s must be a mapping of keys to values, not %s",
	    what, ytype_name(n));
	return false;
}

/* Ids seen in one scope, to report duplicates where the second one is. */
struct idset {
	const char **ids;
	const struct kk_loc **locs;
	size_t n, cap;
	struct strset *seen;	/* the ids, so that a long list is not
				   searched once per entry */
};

static void
idset_add(struct reader *r, struct idset *s, const char *id,
    const struct kk_loc *loc, const char *what)
{
	bool added;
	size_t i;

	if (!id)
		return;
	if (!s->seen)
		s->seen = strset_new();
	strset_add(s->seen, id, &added);
	/* only a duplicate needs the first one's line */
	for (i = 0; !added && i < s->n; i++)
		if (!strcmp(s->ids[i], id)) {
			report(r, loc, "duplicate %s id '%s' (first at line %d)",
			    what, id, s->locs[i]->line);
			return;
		}
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->ids = xrealloc(s->ids, s->cap * sizeof(*s->ids));
		s->locs = xrealloc(s->locs, s->cap * sizeof(*s->locs));
	}
	s->ids[s->n] = id;
	s->locs[s->n++] = loc;
}

static void
idset_release(struct idset *s)
{
	free(s->ids);
	free(s->locs);
	strset_free(s->seen);
}

/* Party files. */

static const struct key party_keys[] = {
	{ "id", true }, { "name", true }, { "kind", true }, { "bfs", false },
	{ "population", false }, { "population_year", false },
	{ "members", false },
};

static const struct key member_keys[] = {
	{ "id", true }, { "name", true }, { "bfs", false },
	{ "population", false }, { "population_year", false },
};

/*
 * The id, name and figures of party P from M, each value's place kept for
 * the checks across files (a party defined twice, definitions that
 * differ). An inherited population_year is placed at the population.
 */
static void
read_party_values(struct reader *r, const struct ynode *m, struct kk_party *p,
    int dflt_year)
{
	const struct ynode *year = get(m, "population_year");

	p->loc = m->loc;
	p->id = get_id(r, m, "id");
	p->id_loc = value_loc(m, "id");
	p->name = get_title(r, m, "name");
	p->name_loc = value_loc(m, "name");
	p->bfs = get_int(r, m, "bfs", 1, 9999, 0);
	p->bfs_loc = value_loc(m, "bfs");
	p->population = get_int(r, m, "population", 0, 100000000, -1);
	p->population_loc = value_loc(m, "population");
	p->population_year = (int)get_int(r, m, "population_year", 1850, 2199,
	    dflt_year);
	p->population_year_loc = year ? year->loc : p->population_loc;
	if (p->population >= 0 && !p->population_year)
		report(r, &p->population_loc, "'population' needs "
		    "'population_year', the year the figure is for");
	if (year && !get(m, "population"))
		report(r, &year->loc, "'population_year' without "
		    "'population'");
}

static void
read_party(struct reader *r, const struct ynode *m, struct kk_doc *doc)
{
	struct kk_party *p = &doc->party;
	const struct ynode *members;
	struct idset seen = { 0 };
	int kind;
	size_t i, ndefs = 0;

	p->standalone = true;
	check_keys(r, m, "party", party_keys, KK_ARRAY_SIZE(party_keys));
	read_party_values(r, m, p, 0);
	/* a joint organisation has a file of its own kind */
	kind = get_enum(r, m, "kind", kk_party_kind_names, KK_JOINT_ORG);
	p->kind = kind < 0 ? KK_CANTON : (enum kk_party_kind)kind;

	members = get_list(r, m, "members");
	if (!members)
		return;
	if (kind >= 0 && p->kind != KK_ASSOCIATION &&
	    p->kind != KK_CONSORTIUM)
		report(r, &members->loc, "a %s has no members; only an "
		    "association or a consortium has", kk_party_kind_names[kind]);
	p->members.v = arena_calloc(r->arena, members->n, sizeof(char *));
	p->members.locs = arena_calloc(r->arena, members->n,
	    sizeof(*p->members.locs));
	doc->defs = arena_calloc(r->arena, members->n, sizeof(*doc->defs));
	for (i = 0; i < members->n; i++) {
		const struct ynode *x = members->vals[i];
		const char *id = NULL;
		struct kk_loc id_loc = x->loc;	/* the member's id */

		if (x->type == Y_SCALAR) {
			/* a reference to a party defined in another file */
			if (!kk_id_valid(x->str))
				report(r, &x->loc, "invalid member id '%s'",
				    x->str);
			else
				id = x->str;
		} else if (expect_map(r, x, "a member")) {
			struct kk_party *d = &doc->defs[ndefs++];

			check_keys(r, x, "member", member_keys,
			    KK_ARRAY_SIZE(member_keys));
			d->kind = KK_MUNICIPALITY;
			d->standalone = false;
			read_party_values(r, x, d, p->population_year);
			id = d->id;
			id_loc = d->id_loc;
			if (!d->id || !d->name)
				ndefs--;
		}
		if (!id)
			continue;
		p->members.locs[p->members.n] = id_loc;
		idset_add(r, &seen, id, &p->members.locs[p->members.n],
		    "member");
		if (p->id && !strcmp(id, p->id))
			report(r, &id_loc, "'%s' cannot be a member of itself",
			    id);
		p->members.v[p->members.n++] = id;
	}
	doc->ndefs = ndefs;
	idset_release(&seen);
}

static const struct key strategy_keys[] = {
	{ "id", true }, { "title", true }, { "period", true },
	{ "version", false }, { "status", true }, { "language", true },
	{ "vision", false }, { "principles", false }, { "fields", false },
	{ "measures", false },
};
static const struct key period_keys[] = {
	{ "start", true }, { "end", true },
};
static const struct key principle_keys[] = {
	{ "id", true }, { "title", true }, { "text", false }, { "tags", false },
};
static const struct key field_keys[] = {
	{ "id", true }, { "title", true }, { "text", false }, { "tags", false },
	{ "goals", false },
};
static const struct key goal_keys[] = {
	{ "id", true }, { "title", true }, { "text", false }, { "tags", false },
};
static const struct key measure_keys[] = {
	{ "id", true }, { "title", true }, { "text", false }, { "tags", false },
	{ "goals", false },
};

/* "period: {start: YEAR, end: YEAR}" in M, if present. */
static void
read_period(struct reader *r, const struct ynode *m, int *start, int *end)
{
	const struct ynode *period = get(m, "period");

	if (!period || !expect(r, period, Y_MAP, "period"))
		return;
	check_keys(r, period, "period", period_keys,
	    KK_ARRAY_SIZE(period_keys));
	*start = (int)get_int(r, period, "start", 1900, 2199, 0);
	*end = (int)get_int(r, period, "end", 1900, 2199, 0);
	if (*start && *end && *end < *start)
		report(r, &get(period, "end")->loc, "the period ends in %d, "
		    "before it starts in %d", *end, *start);
}

static void
read_item(struct reader *r, const struct ynode *m, struct kk_item *it,
    enum kk_item_kind kind, struct idset *ids)
{
	static const struct {
		const struct key *keys;
		size_t n;
	} schema[KK_ITEM_KIND_COUNT] = {
		[KK_FIELD] = { field_keys, KK_ARRAY_SIZE(field_keys) },
		[KK_GOAL] = { goal_keys, KK_ARRAY_SIZE(goal_keys) },
		[KK_PRINCIPLE] = { principle_keys,
		    KK_ARRAY_SIZE(principle_keys) },
		[KK_MEASURE] = { measure_keys, KK_ARRAY_SIZE(measure_keys) },
	};
	const char *what = kk_item_kind_names[kind];

	it->kind = kind;
	it->loc = m->loc;
	check_keys(r, m, what, schema[kind].keys, schema[kind].n);
	it->id = get_id(r, m, "id");
	it->title = get_title(r, m, "title");
	it->text = get_text(r, m, "text");
	it->tags = get_ids(r, m, "tags", false);
	if (kind == KK_MEASURE)
		it->goals = get_ids(r, m, "goals", true);
	if (it->id)
		idset_add(r, ids, it->id, &get(m, "id")->loc, "item");
	if (!it->id)
		it->id = "";
	if (!it->title)
		it->title = "";
}

static size_t
count_items(const struct ynode *m)
{
	const struct ynode *fields = get(m, "fields");
	size_t n = 0, i;
	const char *lists[] = { "principles", "fields", "measures" };

	for (i = 0; i < KK_ARRAY_SIZE(lists); i++) {
		const struct ynode *l = get(m, lists[i]);

		if (l && l->type == Y_SEQ)
			n += l->n;
	}
	if (fields && fields->type == Y_SEQ)
		for (i = 0; i < fields->n; i++) {
			const struct ynode *g = get(fields->vals[i], "goals");

			if (g && g->type == Y_SEQ)
				n += g->n;
		}
	return n;
}

static void
read_strategy(struct reader *r, const struct ynode *m, struct kk_doc *doc)
{
	struct kk_strategy *s = arena_calloc(r->arena, 1, sizeof(*s));
	const struct ynode *list;
	struct idset ids = { 0 };
	size_t i, j;
	int status, lang;

	doc->strategy = s;
	s->loc = m->loc;
	s->party = doc->party.id;
	check_keys(r, m, "strategy", strategy_keys,
	    KK_ARRAY_SIZE(strategy_keys));
	s->id = get_id(r, m, "id");
	s->id_loc = value_loc(m, "id");
	s->title = get_title(r, m, "title");
	s->version = (int)get_int(r, m, "version", 1, 1000000, 1);
	status = get_enum(r, m, "status", (const char *const[]){ "draft",
	    "adopted" }, 2);
	s->adopted = status == 1;
	lang = get_enum(r, m, "language", kk_languages, 4);
	s->lang = lang < 0 ? "de" : kk_languages[lang];
	s->vision = get_text(r, m, "vision");

	read_period(r, m, &s->start, &s->end);

	s->items = arena_calloc(r->arena, count_items(m), sizeof(*s->items));
	if ((list = get_list(r, m, "principles")) != NULL)
		for (i = 0; i < list->n; i++)
			if (expect_map(r, list->vals[i], "a principle"))
				read_item(r, list->vals[i],
				    &s->items[s->nitems++], KK_PRINCIPLE, &ids);
	if ((list = get_list(r, m, "fields")) != NULL)
		for (i = 0; i < list->n; i++) {
			const struct ynode *f = list->vals[i], *goals;
			const char *field;

			if (!expect_map(r, f, "a field of action"))
				continue;
			read_item(r, f, &s->items[s->nitems++], KK_FIELD, &ids);
			field = s->items[s->nitems - 1].id;
			if (!(goals = get_list(r, f, "goals")))
				continue;
			for (j = 0; j < goals->n; j++) {
				struct kk_item *g;

				if (!expect_map(r, goals->vals[j], "a goal"))
					continue;
				g = &s->items[s->nitems++];
				read_item(r, goals->vals[j], g, KK_GOAL, &ids);
				g->parent = field;
			}
		}
	if ((list = get_list(r, m, "measures")) != NULL)
		for (i = 0; i < list->n; i++)
			if (expect_map(r, list->vals[i], "a measure"))
				read_item(r, list->vals[i],
				    &s->items[s->nitems++], KK_MEASURE, &ids);

	/* what a measure realises must be a goal of this strategy */
	for (i = 0; i < s->nitems; i++) {
		const struct kk_item *it = &s->items[i];

		if (it->kind != KK_MEASURE)
			continue;
		for (j = 0; j < it->goals.n; j++) {
			const struct kk_item *g = kk_strategy_find(s,
			    it->goals.v[j]);

			if (!g)
				report(r, &it->goals.locs[j], "measure '%s' "
				    "realises an unknown goal '%s'", it->id,
				    it->goals.v[j]);
			else if (g->kind != KK_GOAL)
				report(r, &it->goals.locs[j], "measure '%s' "
				    "realises '%s', which is a %s, not a goal",
				    it->id, it->goals.v[j],
				    kk_item_kind_names[g->kind]);
		}
	}
	idset_release(&ids);
}

/* Organisation files. */

static const struct key org_keys[] = {
	{ "id", true }, { "name", true }, { "parties", true },
	{ "period", false },
};
static const struct key body_keys[] = {
	{ "id", true }, { "name", true }, { "kind", true },
	{ "members", false }, { "text", false },
};
static const struct key milestone_keys[] = {
	{ "id", true }, { "title", true }, { "date", true },
	{ "done", false }, { "text", false },
};
static const struct key agreement_keys[] = {
	{ "id", true }, { "title", true }, { "kind", true },
	{ "parties", true }, { "valid_from", true }, { "valid_to", false },
	{ "text", false },
};

/* The joint portfolio: cost keys, projects, components, decisions. */

static void read_milestones(struct reader *r, const struct ynode *m,
    struct kk_milestone **out, size_t *n, struct idset *ids);

static const struct key key_keys[] = {
	{ "id", true }, { "title", true }, { "method", true },
	{ "shares", false }, { "parties", false }, { "of", false },
	{ "only", false }, { "year", false }, { "unit", false },
	{ "units", false }, { "parts", false },
};
static const struct key share_keys[] = {
	{ "party", true }, { "share", true },
};
static const struct key units_keys[] = {
	{ "party", true }, { "units", true },
};
static const struct key part_keys[] = {
	{ "share", true }, { "party", false }, { "key", false },
};
static const struct key project_keys[] = {
	{ "id", true }, { "title", true }, { "text", false }, { "lead", true },
	{ "parties", false }, { "serves", false }, { "start", true },
	{ "end", true }, { "status", true }, { "light", false },
	{ "history", false }, { "cost_key", false }, { "budget", false },
	{ "milestones", false }, { "depends_on", false },
};
static const struct key history_keys[] = {
	{ "date", true }, { "status", true }, { "light", false },
	{ "note", false },
};
static const struct key budget_keys[] = {
	{ "year", true }, { "kind", true }, { "amount", true },
};
static const struct key dependency_keys[] = {
	{ "project", true }, { "lag", false },
};
static const struct key component_keys[] = {
	{ "id", true }, { "title", true }, { "kind", true },
	{ "function", false }, { "owner", true }, { "operator", false },
	{ "users", false }, { "cost", false }, { "lifecycle", false },
	{ "depends_on", false }, { "text", false },
};
static const struct key lifecycle_keys[] = {
	{ "plan", false }, { "build", false }, { "run", false },
	{ "retire", false },
};
static const struct key decision_keys[] = {
	{ "id", true }, { "date", true }, { "body", true },
	{ "subject", true }, { "outcome", true }, { "links", false },
};

/*
 * An amount in francs ("1250000", "1'250'000.50") as Rappen; -1 when
 * absent or wrong (reported). Numbers are read from their text, never
 * through floating point.
 */
static kk_rappen
get_chf(struct reader *r, const struct ynode *m, const char *key)
{
	const struct ynode *n = get(m, key);
	kk_rappen v;

	if (!n || !expect(r, n, Y_SCALAR, key))
		return -1;
	if (n->str[0] == '-') {
		report(r, &n->loc, "'%s' must not be negative: '%s'", key,
		    n->str);
		return -1;
	}
	switch (kk_parse_chf(n->str, &v)) {
	case 0:
		return v;
	case KK_CHF_GROUPING:
		report(r, &n->loc, "'%s' groups its digits wrongly: '%s' "
		    "(an apostrophe comes before each group of three "
		    "digits, as in 1'250'000.50)", key, n->str);
		return -1;
	case KK_CHF_TOO_LARGE:
	{
		char max[LFMT_SIZE];

		report(r, &n->loc, "'%s' is too large: '%s' (at most CHF "
		    "%s)", key, n->str, kk_format_chf(KK_CHF_MAX_FRANCS *
		    100 + 99, max, sizeof(max)));
		return -1;
	}
	default:
		report(r, &n->loc, "'%s' is not an amount in francs: '%s' "
		    "(write 1250000 or 1'250'000.50)", key, n->str);
		return -1;
	}
}

/* A percentage ("50", "33.33") in basis points; -1 when wrong. */
static int64_t
get_percent(struct reader *r, const struct ynode *m, const char *key)
{
	const struct ynode *n = get(m, key);
	kk_rappen v;

	if (!n || !expect(r, n, Y_SCALAR, key))
		return -1;
	if (n->str[0] == '-' || kk_parse_chf(n->str, &v) || v > 10000) {
		report(r, &n->loc, "'%s' must be a percentage from 0 to 100 "
		    "with at most two decimals, not '%s'", key, n->str);
		return -1;
	}
	return v;
}

static void
read_key(struct reader *r, const struct ynode *x, struct kk_cost_key *k)
{
	static const char *const lists[KK_KEY_METHOD_COUNT] = {
		"shares", "parties", "parties", "units", "parts",
	};
	const struct ynode *list;
	int method;
	size_t i;

	check_keys(r, x, "cost key", key_keys, KK_ARRAY_SIZE(key_keys));
	k->loc = x->loc;
	k->id = get_id(r, x, "id");
	k->of_loc = value_loc(x, "of");
	k->year_loc = value_loc(x, "year");
	k->title = get_title(r, x, "title");
	method = get_enum(r, x, "method", kk_key_method_names,
	    KK_KEY_METHOD_COUNT);
	if (method < 0)
		return;
	k->method = (enum kk_key_method)method;
	if (!k->id)
		k->id = "";
	k->list_loc = value_loc(x, lists[method]);
	if (method == KK_KEY_POPULATION && get(x, "of"))
		k->list_loc = k->of_loc;

	/* each method has its own keys; the others would be ignored */
	for (i = 0; i < x->n; i++) {
		const char *key = x->keys[i]->type == Y_SCALAR ?
		    x->keys[i]->str : "";
		bool fits = !strcmp(key, "id") || !strcmp(key, "title") ||
		    !strcmp(key, "method") || !strcmp(key, lists[method]) ||
		    (method == KK_KEY_POPULATION && (!strcmp(key, "of") ||
		    !strcmp(key, "only") || !strcmp(key, "year"))) ||
		    (method == KK_KEY_USAGE && !strcmp(key, "unit"));
		bool known = kk_enum_parse(key, (const char *const[]){ "shares",
		    "parties", "of", "only", "year", "unit", "units",
		    "parts" }, 8) >= 0;

		if (known && !fits)
			report(r, &x->keys[i]->loc, "'%s' does not belong to a "
			    "%s key", key, kk_key_method_names[method]);
	}

	switch (k->method) {
	case KK_KEY_EQUAL:
		k->parties = get_ids(r, x, "parties", true);
		if (!k->parties.n)
			report(r, &k->list_loc, "equal cost key '%s' names "
			    "no parties", k->id);
		break;
	case KK_KEY_POPULATION:
		k->year = (int)get_int(r, x, "year", 1850, 2199, 0);
		if (!get(x, "year"))
			report(r, &x->loc, "population key '%s' lacks 'year', "
			    "the year of the population figures", k->id);
		if (get(x, "of")) {
			k->of = get_id(r, x, "of");
			k->parties = get_ids(r, x, "only", true);
			if (get(x, "parties"))
				report(r, &get(x, "parties")->loc, "give "
				    "'parties' or 'of', not both");
		} else {
			k->parties = get_ids(r, x, "parties", true);
			if (!k->parties.n)
				report(r, &k->list_loc, "population key '%s' "
				    "needs 'parties', or 'of' for the members "
				    "of a party", k->id);
		}
		break;
	case KK_KEY_FIXED:
	case KK_KEY_USAGE:
	case KK_KEY_NESTED:
		k->unit = get_text(r, x, "unit");
		list = get_list(r, x, lists[method]);
		if (!list || !list->n) {
			report(r, &k->list_loc, "%s key '%s' has no '%s'",
			    kk_key_method_names[method], k->id, lists[method]);
			break;
		}
		k->parts = arena_calloc(r->arena, list->n, sizeof(*k->parts));
		for (i = 0; i < list->n; i++) {
			const struct ynode *y = list->vals[i];
			struct kk_key_part *pt = &k->parts[k->nparts];

			if (!expect_map(r, y, "an entry of a cost key"))
				continue;
			memset(pt, 0, sizeof(*pt));	/* may be a refused one's */
			pt->loc = y->loc;
			pt->ref_loc = get(y, "party") ? value_loc(y, "party") :
			    value_loc(y, "key");
			if (k->method == KK_KEY_FIXED) {
				check_keys(r, y, "share", share_keys,
				    KK_ARRAY_SIZE(share_keys));
				pt->weight = get_percent(r, y, "share");
			} else if (k->method == KK_KEY_USAGE) {
				check_keys(r, y, "usage", units_keys,
				    KK_ARRAY_SIZE(units_keys));
				pt->weight = get_int(r, y, "units", 0,
				    1000000000L, -1);
			} else {
				check_keys(r, y, "part", part_keys,
				    KK_ARRAY_SIZE(part_keys));
				pt->weight = get_percent(r, y, "share");
				pt->key = get_id(r, y, "key");
				/* both given: at the key, one too many;
				   neither: at the part */
				if (!get(y, "party") == !get(y, "key")) {
					struct kk_loc at = value_loc(y, "key");

					report(r, &at, "a part names either a "
					    "'party' or a 'key'");
				}
			}
			if (get(y, "party"))
				pt->party = get_id(r, y, "party");
			if (pt->weight >= 0 && (pt->party || pt->key))
				k->nparts++;
		}
		/* the sum of parts that could not be read says nothing */
		if (k->nparts == list->n)
			check_key(k, r->diags);
		break;
	default:
		break;
	}
}

/* DATE must lie in the organisation's period, when it has one. */
static void
check_in_period(struct reader *r, const struct kk_org *o, const char *what,
    const char *id, const char *date, const struct kk_loc *loc)
{
	int year;

	if (!date || !o->start)
		return;
	year = (date[0] - '0') * 1000 + (date[1] - '0') * 100 +
	    (date[2] - '0') * 10 + (date[3] - '0');
	if ((year < o->start || year > o->end) && !strcmp(what, "starts"))
		report(r, loc, "project '%s' starts on %s, outside the "
		    "strategy period %d-%d", id, date, o->start, o->end);
	else if (year < o->start || year > o->end)
		report(r, loc, "project '%s' ends on %s, outside the strategy "
		    "period %d-%d", id, date, o->start, o->end);
}

static void
read_project(struct reader *r, const struct ynode *x, struct kk_project *p,
    const struct kk_org *o)
{
	const struct ynode *list;
	struct idset ms = { 0 };
	size_t i, j;
	int v;

	check_keys(r, x, "project", project_keys,
	    KK_ARRAY_SIZE(project_keys));
	p->loc = x->loc;
	p->id = get_id(r, x, "id");
	p->title = get_title(r, x, "title");
	p->text = get_text(r, x, "text");
	p->lead = get_id(r, x, "lead");
	p->lead_loc = value_loc(x, "lead");
	p->parties = get_ids(r, x, "parties", true);
	p->serves = get_ids(r, x, "serves", false);
	p->start = get_date(r, x, "start");
	p->end = get_date(r, x, "end");
	v = get_enum(r, x, "status", kk_project_status_names,
	    KK_PROJECT_STATUS_COUNT);
	p->status = v < 0 ? KK_PLANNED : (enum kk_project_status)v;
	v = get_enum(r, x, "light", kk_light_names, KK_LIGHT_COUNT);
	p->light = v < 0 ? KK_GREEN : (enum kk_light)v;
	p->cost_key = get_id(r, x, "cost_key");
	p->cost_key_loc = value_loc(x, "cost_key");
	p->budget_loc = value_loc(x, "budget");
	if (!p->id)
		p->id = "";
	if (p->start && p->end && strcmp(p->end, p->start) < 0)
		report(r, &get(x, "end")->loc, "project '%s' ends on %s, "
		    "before it starts on %s", p->id, p->end, p->start);
	check_in_period(r, o, "starts", p->id, p->start,
	    p->start ? &get(x, "start")->loc : NULL);
	check_in_period(r, o, "ends", p->id, p->end,
	    p->end ? &get(x, "end")->loc : NULL);
	if (!p->serves.n && p->id[0])
		diags_warn(r->diags, &x->loc, "project '%s' serves no goal",
		    p->id);

	if ((list = get_list(r, x, "history")) != NULL) {
		p->history = arena_calloc(r->arena, list->n,
		    sizeof(*p->history));
		for (i = 0; i < list->n; i++) {
			const struct ynode *y = list->vals[i];
			struct kk_status_entry *h = &p->history[p->nhistory];

			if (!expect_map(r, y, "a status entry"))
				continue;
			check_keys(r, y, "status entry", history_keys,
			    KK_ARRAY_SIZE(history_keys));
			h->loc = y->loc;
			h->date = get_date(r, y, "date");
			v = get_enum(r, y, "status", kk_project_status_names,
			    KK_PROJECT_STATUS_COUNT);
			h->status = v < 0 ? KK_PLANNED :
			    (enum kk_project_status)v;
			v = get_enum(r, y, "light", kk_light_names,
			    KK_LIGHT_COUNT);
			h->light = v < 0 ? KK_GREEN : (enum kk_light)v;
			h->note = get_text(r, y, "note");
			if (!h->date)
				continue;
			if (p->nhistory && strcmp(h->date,
			    p->history[p->nhistory - 1].date) < 0)
				report(r, &get(y, "date")->loc, "the status "
				    "history must be in order of date; %s "
				    "comes after %s",
				    h->date, p->history[p->nhistory - 1].date);
			p->nhistory++;
		}
	}

	if ((list = get_list(r, x, "budget")) != NULL) {
		p->budget = arena_calloc(r->arena, list->n, sizeof(*p->budget));
		for (i = 0; i < list->n; i++) {
			const struct ynode *y = list->vals[i];
			struct kk_budget_line *b = &p->budget[p->nbudget];

			if (!expect_map(r, y, "a budget line"))
				continue;
			check_keys(r, y, "budget line", budget_keys,
			    KK_ARRAY_SIZE(budget_keys));
			b->loc = y->loc;
			b->year = (int)get_int(r, y, "year", 1900, 2199, 0);
			v = get_enum(r, y, "kind", kk_budget_kind_names,
			    KK_BUDGET_KIND_COUNT);
			b->kind = v < 0 ? KK_INVESTMENT : (enum kk_budget_kind)v;
			b->amount = get_chf(r, y, "amount");
			if (!b->year || v < 0 || b->amount < 0)
				continue;
			if (o->start && (b->year < o->start ||
			    b->year > o->end))
				report(r, &get(y, "year")->loc, "project '%s' "
				    "has a budget for %d, outside the strategy "
				    "period %d-%d", p->id, b->year, o->start,
				    o->end);
			for (j = 0; j < p->nbudget; j++)
				if (p->budget[j].year == b->year &&
				    p->budget[j].kind == b->kind)
					report(r, &get(y, "year")->loc, "a "
					    "second %s line for %d (first at "
					    "line %d)",
					    kk_budget_kind_names[b->kind],
					    b->year, p->budget[j].loc.line);
			p->nbudget++;
		}
	}
	if (p->nbudget && !p->cost_key && p->id[0])
		report(r, &p->budget_loc, "project '%s' has a budget but no "
		    "'cost_key' to share it", p->id);

	read_milestones(r, x, &p->milestones, &p->nmilestones, &ms);
	idset_release(&ms);

	if ((list = get_list(r, x, "depends_on")) != NULL) {
		p->deps = arena_calloc(r->arena, list->n, sizeof(*p->deps));
		for (i = 0; i < list->n; i++) {
			const struct ynode *y = list->vals[i];
			struct kk_dependency *d = &p->deps[p->ndeps];

			memset(d, 0, sizeof(*d));	/* may be a refused one's */
			d->loc = y->loc;
			if (y->type == Y_SCALAR) {
				/* a plain id: no lag */
				if (!kk_id_valid(y->str)) {
					report(r, &y->loc, "invalid project id "
					    "'%s'", y->str);
					continue;
				}
				d->project = y->str;
			} else if (expect_map(r, y, "a dependency")) {
				check_keys(r, y, "dependency", dependency_keys,
				    KK_ARRAY_SIZE(dependency_keys));
				d->project = get_id(r, y, "project");
				d->loc = value_loc(y, "project");
				d->lag = (int)get_int(r, y, "lag", 0, 3650, 0);
			}
			if (d->project)
				p->ndeps++;
		}
	}
}

static void
read_component(struct reader *r, const struct ynode *x, struct kk_component *c)
{
	const struct ynode *life;
	int v;
	size_t i;

	check_keys(r, x, "component", component_keys,
	    KK_ARRAY_SIZE(component_keys));
	c->loc = x->loc;
	c->id = get_id(r, x, "id");
	c->title = get_title(r, x, "title");
	v = get_enum(r, x, "kind", kk_component_kind_names,
	    KK_COMPONENT_KIND_COUNT);
	c->kind = v < 0 ? KK_SERVICE : (enum kk_component_kind)v;
	c->function = get_text(r, x, "function");
	c->owner = get_id(r, x, "owner");
	c->owner_loc = value_loc(x, "owner");
	c->operator_ = get_id(r, x, "operator");
	c->operator_loc = value_loc(x, "operator");
	c->users = get_ids(r, x, "users", true);
	c->cost = get(x, "cost") ? get_chf(r, x, "cost") : -1;
	c->depends_on = get_ids(r, x, "depends_on", true);
	c->text = get_text(r, x, "text");
	if ((life = get(x, "lifecycle")) != NULL &&
	    expect(r, life, Y_MAP, "lifecycle")) {
		check_keys(r, life, "lifecycle", lifecycle_keys,
		    KK_ARRAY_SIZE(lifecycle_keys));
		for (i = 0; i < KK_PHASE_COUNT; i++) {
			c->phases[i] = get_date(r, life, kk_phase_names[i]);
			/* the phases follow each other */
			if (c->phases[i] && i > 0 && c->phases[i - 1] &&
			    strcmp(c->phases[i], c->phases[i - 1]) < 0)
				report(r, &get(life, kk_phase_names[i])->loc,
				    "'%s' (%s) comes before '%s' (%s)",
				    kk_phase_names[i], c->phases[i],
				    kk_phase_names[i - 1], c->phases[i - 1]);
		}
	}
}

static void
read_decision(struct reader *r, const struct ynode *x, struct kk_decision *d)
{
	size_t i;

	check_keys(r, x, "decision", decision_keys,
	    KK_ARRAY_SIZE(decision_keys));
	d->loc = x->loc;
	d->id = get_id(r, x, "id");
	d->date = get_date(r, x, "date");
	d->body = get_id(r, x, "body");
	d->body_loc = value_loc(x, "body");
	d->subject = get_title(r, x, "subject");
	d->outcome = get_title(r, x, "outcome");
	d->links = get_ids(r, x, "links", false);
	for (i = 0; i < d->links.n; i++) {
		const char *l = d->links.v[i];

		if (strncmp(l, "project:", 8) && strncmp(l, "component:", 10) &&
		    strncmp(l, "agreement:", 10) && strncmp(l, "item:", 5))
			report(r, &d->links.locs[i], "a link is project:ID, "
			    "component:ID, agreement:ID or item:STRATEGY/ITEM, "
			    "not '%s'", l);
	}
}

/* Read the list under KEY in ROOT with READ, each an id unique there. */
#define READ_LIST(key, what, arr, count, read_fn, ...)                       \
	do {                                                                 \
		const struct ynode *l_ = get_list(r, root, key);             \
		struct idset ids_ = { 0 };                                   \
		size_t i_;                                                   \
		if (!l_)                                                     \
			break;                                               \
		arr = arena_calloc(r->arena, l_->n, sizeof(*arr));           \
		for (i_ = 0; i_ < l_->n; i_++) {                             \
			const struct ynode *x_ = l_->vals[i_];               \
			if (!expect_map(r, x_, "an entry of '" key "'"))     \
				continue;                                    \
			/* the slot may hold an entry that was refused */    \
			memset(&arr[count], 0, sizeof(arr[count]));          \
			read_fn(r, x_, &arr[count], ##__VA_ARGS__);          \
			if (!arr[count].id || !arr[count].id[0])             \
				continue;                                    \
			idset_add(r, &ids_, arr[count].id,                   \
			    &get(x_, "id")->loc, what);                      \
			count++;                                             \
		}                                                            \
		idset_release(&ids_);                                        \
	} while (0)

static void
read_portfolio(struct reader *r, const struct ynode *root, struct kk_org *o)
{
	READ_LIST("cost_keys", "cost key", o->keys, o->nkeys, read_key);
	READ_LIST("projects", "project", o->projects, o->nprojects,
	    read_project, o);
	READ_LIST("components", "component", o->components, o->ncomponents,
	    read_component);
	READ_LIST("decisions", "decision", o->decisions, o->ndecisions,
	    read_decision);
	check_org(o, r->diags);
}

/* The milestones under "milestones" in M, ids unique within IDS. */
static void
read_milestones(struct reader *r, const struct ynode *m,
    struct kk_milestone **out, size_t *n, struct idset *ids)
{
	const struct ynode *list = get_list(r, m, "milestones");
	size_t i;

	if (!list)
		return;
	*out = arena_calloc(r->arena, list->n, sizeof(**out));
	for (i = 0; i < list->n; i++) {
		const struct ynode *x = list->vals[i];
		struct kk_milestone *ms = &(*out)[*n];

		if (!expect_map(r, x, "a milestone"))
			continue;
		check_keys(r, x, "milestone", milestone_keys,
		    KK_ARRAY_SIZE(milestone_keys));
		ms->loc = x->loc;
		ms->id = get_id(r, x, "id");
		ms->title = get_title(r, x, "title");
		ms->date = get_date(r, x, "date");
		ms->done = get_bool(r, x, "done", false);
		ms->text = get_text(r, x, "text");
		if (ms->id)
			idset_add(r, ids, ms->id, &get(x, "id")->loc,
			    "milestone");
		if (ms->id && ms->title && ms->date)
			(*n)++;
	}
}

static void
read_org(struct reader *r, const struct ynode *root, struct kk_doc *doc)
{
	struct kk_org *o = &doc->org;
	const struct ynode *m = get(root, "organisation"), *list;
	struct idset ids = { 0 };
	size_t i;

	o->party.loc = m->loc;
	o->party.kind = KK_JOINT_ORG;
	o->party.standalone = true;
	o->party.population = -1;
	if (!expect_map(r, m, "'organisation'"))
		return;
	check_keys(r, m, "organisation", org_keys, KK_ARRAY_SIZE(org_keys));
	o->party.id = get_id(r, m, "id");
	o->party.id_loc = value_loc(m, "id");
	o->party.name = get_title(r, m, "name");
	o->party.name_loc = value_loc(m, "name");
	o->party.members = get_ids(r, m, "parties", true);
	if (!o->party.members.n && get(m, "parties"))
		report(r, &get(m, "parties")->loc, "'parties' is empty: an "
		    "organisation joins parties");
	read_period(r, m, &o->start, &o->end);

	if ((list = get_list(r, root, "bodies")) != NULL) {
		o->bodies = arena_calloc(r->arena, list->n, sizeof(*o->bodies));
		for (i = 0; i < list->n; i++) {
			const struct ynode *x = list->vals[i];
			struct kk_body *b = &o->bodies[o->nbodies];
			int kind;

			if (!expect_map(r, x, "a body"))
				continue;
			check_keys(r, x, "body", body_keys,
			    KK_ARRAY_SIZE(body_keys));
			b->loc = x->loc;
			b->id = get_id(r, x, "id");
			b->name = get_title(r, x, "name");
			kind = get_enum(r, x, "kind", kk_body_kind_names,
			    KK_BODY_KIND_COUNT);
			b->kind = kind < 0 ? KK_BOARD : (enum kk_body_kind)kind;
			b->members = get_ids(r, x, "members", true);
			b->text = get_text(r, x, "text");
			if (b->id)
				idset_add(r, &ids, b->id, &get(x, "id")->loc,
				    "body");
			if (b->id && b->name)
				o->nbodies++;
		}
	}
	idset_release(&ids);
	memset(&ids, 0, sizeof(ids));
	read_milestones(r, root, &o->milestones, &o->nmilestones, &ids);
	idset_release(&ids);
	memset(&ids, 0, sizeof(ids));
	if ((list = get_list(r, root, "agreements")) != NULL) {
		o->agreements = arena_calloc(r->arena, list->n,
		    sizeof(*o->agreements));
		for (i = 0; i < list->n; i++) {
			const struct ynode *x = list->vals[i];
			struct kk_agreement *ag = &o->agreements[o->nagreements];
			int kind;

			if (!expect_map(r, x, "an agreement"))
				continue;
			check_keys(r, x, "agreement", agreement_keys,
			    KK_ARRAY_SIZE(agreement_keys));
			ag->loc = x->loc;
			ag->id = get_id(r, x, "id");
			ag->title = get_title(r, x, "title");
			kind = get_enum(r, x, "kind", kk_agreement_kind_names,
			    KK_AGREEMENT_KIND_COUNT);
			ag->kind = kind < 0 ? KK_FRAMEWORK :
			    (enum kk_agreement_kind)kind;
			ag->parties = get_ids(r, x, "parties", true);
			if (!ag->parties.n && get(x, "parties"))
				report(r, &get(x, "parties")->loc, "'parties' "
				    "is empty: an agreement binds parties");
			ag->valid_from = get_date(r, x, "valid_from");
			ag->valid_to = get_date(r, x, "valid_to");
			ag->text = get_text(r, x, "text");
			if (ag->valid_from && ag->valid_to &&
			    strcmp(ag->valid_to, ag->valid_from) < 0)
				report(r, &get(x, "valid_to")->loc, "the "
				    "agreement ends on %s, before it starts on "
				    "%s", ag->valid_to, ag->valid_from);
			if (ag->id)
				idset_add(r, &ids, ag->id, &get(x, "id")->loc,
				    "agreement");
			if (ag->id && ag->title && ag->valid_from)
				o->nagreements++;
		}
	}
	idset_release(&ids);
	read_portfolio(r, root, o);
}

static const struct key party_doc_keys[] = {
	{ "party", true }, { "strategy", false },
};
static const struct key org_doc_keys[] = {
	{ "organisation", true }, { "bodies", false }, { "milestones", false },
	{ "agreements", false }, { "cost_keys", false }, { "projects", false },
	{ "components", false }, { "decisions", false },
};

/*
 * Read one party or organisation file from DATA (LEN bytes, named PATH in
 * messages) into OUT, whose strings live in arena A. Every problem found is
 * added to DIAGS. Returns 0 when the file is valid on its own, KK_EINPUT
 * otherwise; references to other files are checked by import_check().
 */
int
yaml_read_doc(struct arena *a, const char *path, const char *data,
    size_t len, struct kk_doc *out, struct kk_diags *diags)
{
	struct reader r = { 0 };
	struct ynode *root;
	size_t before = diags->nerrors;

	memset(out, 0, sizeof(*out));
	out->path = path;
	r.arena = a;
	r.diags = diags;
	r.path = path;
	r.data = data;
	r.len = len;
	if (!check_utf8(&r, data, len))
		return KK_EINPUT;
	root = parse_tree(&r, data, len);
	if (!root && diags->nerrors == before) {
		struct kk_loc loc = { path, 0, 0 };

		report(&r, &loc, "empty file: expected 'party' (a party file) "
		    "or 'organisation' (an organisation file)");
	}
	if (!root)
		return KK_EINPUT;
	if (root->type != Y_MAP || (!get(root, "party") &&
	    !get(root, "organisation"))) {
		report(&r, &root->loc, "not a konkordat file: expected a "
		    "mapping with 'party' (a party file) or 'organisation' "
		    "(an organisation file) at the top");
		return KK_EINPUT;
	}
	if (get(root, "organisation")) {
		out->type = KK_DOC_ORG;
		check_keys(&r, root, "an organisation file", org_doc_keys,
		    KK_ARRAY_SIZE(org_doc_keys));
		read_org(&r, root, out);
	} else {
		out->type = KK_DOC_PARTY;
		check_keys(&r, root, "a party file", party_doc_keys,
		    KK_ARRAY_SIZE(party_doc_keys));
		if (expect_map(&r, get(root, "party"), "'party'"))
			read_party(&r, get(root, "party"), out);
		if (get(root, "strategy") &&
		    expect_map(&r, get(root, "strategy"), "'strategy'"))
			read_strategy(&r, get(root, "strategy"), out);
	}
	return diags->nerrors > before ? KK_EINPUT : KK_OK;
}
