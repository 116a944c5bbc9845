/* textguard.c: text from files made harmless: refused where it is read, escaped where it is shown. */
#include "konkordat.h"

#include <stdint.h>
#include <utf8proc.h>

/*
 * A party file, an exchange file or an old database is written by someone
 * else. Three things in its text do harm beyond the field they sit in:
 * control characters (a terminal clears the screen or sets its title on
 * ESC, an XML file with one is no longer XML, NUL cuts a string short),
 * the bidirectional overrides and isolates (they reorder what a reader
 * sees, so a name reads other than it is) and sheer length (a megabyte
 * quoted back in every message). The rules for all three live here, so
 * that each reader, writer and message applies the same ones.
 */

bool
textguard_allowed(int32_t cp)
{
	if (cp < 0)
		return false;
	if (cp < 0x20)
		return cp == '\t' || cp == '\n';
	if (cp >= 0x7f && cp <= 0x9f)
		return false;	/* DEL and the C1 controls */
	if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
		return false;	/* embeddings, overrides and isolates */
	return true;
}

/* The character at S (LEN bytes left) in *CP, or -1 for a byte that is
   not UTF-8; returns its length in bytes. */
static size_t
next_char(const char *s, size_t len, int32_t *cp)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t n;

	if ((unsigned char)*s < 0x80) {
		*cp = (unsigned char)*s;
		return 1;
	}
	n = utf8proc_iterate((const utf8proc_uint8_t *)s,
	    (utf8proc_ssize_t)len, &c);
	if (n <= 0) {
		*cp = -1;
		return 1;
	}
	*cp = c;
	return (size_t)n;
}

size_t
textguard_find(const char *s, size_t len, int32_t *cp)
{
	size_t i = 0;
	int32_t c = 0;

	while (i < len) {
		size_t n;

		/* printable ASCII, nearly all of it: one compare a byte */
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f) {
			i++;
			continue;
		}
		n = next_char(s + i, len - i, &c);
		if (!textguard_allowed(c))
			break;
		i += n;
	}
	if (cp)
		*cp = i < len ? c : 0;
	return i;
}

int
textguard_check(const char *s, size_t len, struct kk_diags *d,
    const struct kk_loc *loc)
{
	int32_t cp;
	size_t at = textguard_find(s, len, &cp);

	if (at == len)
		return KK_OK;
	textguard_report(d, loc, cp, s + at);
	return KK_EINPUT;
}

void
textguard_report(struct kk_diags *d, const struct kk_loc *loc, int32_t cp,
    const char *byte)
{
	if (cp < 0)
		diags_add(d, loc, "invalid UTF-8 byte 0x%02x",
		    byte ? (unsigned char)*byte : 0u);
	else if (cp >= 0x2000)
		diags_add(d, loc, "bidirectional control U+%04X is not allowed "
		    "in text: it changes the order in which text is shown",
		    (unsigned)cp);
	else
		diags_add(d, loc, "control character U+%04X is not allowed in "
		    "text", (unsigned)cp);
}

/* ---- shown ------------------------------------------------------------ */

void
textguard_escape(struct buf *out, const char *s, size_t len, bool keep_lines)
{
	size_t i = 0;

	while (i < len) {
		size_t run = i, n;
		int32_t cp;

		while (i < len && (unsigned char)s[i] >= 0x20 &&
		    (unsigned char)s[i] < 0x7f)
			i++;
		buf_add(out, s + run, i - run);
		if (i == len)
			break;
		n = next_char(s + i, len - i, &cp);
		if ((keep_lines && (cp == '\t' || cp == '\n')) ||
		    (cp > 0x7f && textguard_allowed(cp)))
			buf_add(out, s + i, n);
		else if (cp < 0 || cp <= 0x7f)
			buf_addf(out, "\\x%02x", (unsigned char)s[i]);
		else
			buf_addf(out, "<U+%04X>", (unsigned)cp);
		i += n;
	}
}

/* The offset of character N of S (LEN bytes). */
static size_t
char_offset(const char *s, size_t len, size_t n)
{
	size_t i = 0;
	int32_t cp;

	while (i < len && n-- > 0)
		i += next_char(s + i, len - i, &cp);
	return i;
}

/*
 * Cut in the middle: the start of an identifier and the end of a path
 * (its file name) both stay in sight.
 */
void
textguard_quote(struct buf *out, const char *s, size_t max)
{
	size_t len = strlen(s), nchars = 0, i, head, tail;

	for (i = 0; i < len; nchars++) {
		int32_t cp;

		i += next_char(s + i, len - i, &cp);
	}
	if (nchars <= max || max < 3) {
		textguard_escape(out, s, len, false);
		return;
	}
	head = (max - 1) / 2;
	tail = max - 1 - head;
	i = char_offset(s, len, head);
	textguard_escape(out, s, i, false);
	buf_adds(out, "\xe2\x80\xa6");	/* … */
	i = char_offset(s, len, nchars - tail);
	textguard_escape(out, s + i, len - i, false);
}

/* ---- messages --------------------------------------------------------- */

/*
 * A message's arguments are fetched by the types its English format names,
 * then written where its translation puts them (which may reorder them,
 * "%2$s"). So each string argument passes through textguard_quote() or
 * textguard_escape() on the way, whatever the language.
 */

enum arg_type { ARG_NONE, ARG_INT, ARG_LONG, ARG_LLONG, ARG_SIZE, ARG_INTMAX,
    ARG_PTRDIFF, ARG_DOUBLE, ARG_STR, ARG_PTR };

union arg_value {
	long long i;
	size_t z;
	intmax_t j;
	ptrdiff_t t;
	double d;
	const char *s;
	const void *p;
};

#define MAX_ARGS 16

/* One conversion of a format: "%[N$][flags][width][.prec][len]conv". */
struct conv {
	const char *start, *end;	/* the whole of it */
	int pos;			/* N$, or 0 */
	int width_pos, prec_pos;	/* the argument a '*' takes, or 0 */
	bool width_star, prec_star;
	char len[3];
	char conv;
};

/* Parse the conversion at P (just past '%'); false if it is not one. */
static bool
parse_conv(const char *p, struct conv *c)
{
	const char *q = p;
	size_t n = 0;

	memset(c, 0, sizeof(*c));
	c->start = p - 1;
	if (*q >= '1' && *q <= '9') {
		const char *r = q;
		int v = 0;

		while (*r >= '0' && *r <= '9')
			v = v * 10 + (*r++ - '0');
		if (*r == '$') {
			c->pos = v;
			q = r + 1;
		}
	}
	while (*q && strchr("-+ #0'", *q))
		q++;
	if (*q == '*') {
		c->width_star = true;
		q++;
		if (*q >= '1' && *q <= '9') {
			while (*q >= '0' && *q <= '9')
				c->width_pos = c->width_pos * 10 + (*q++ - '0');
			q++;	/* '$' */
		}
	} else {
		while (*q >= '0' && *q <= '9')
			q++;
	}
	if (*q == '.') {
		q++;
		if (*q == '*') {
			c->prec_star = true;
			q++;
			if (*q >= '1' && *q <= '9') {
				while (*q >= '0' && *q <= '9')
					c->prec_pos = c->prec_pos * 10 +
					    (*q++ - '0');
				q++;	/* '$' */
			}
		} else {
			while (*q >= '0' && *q <= '9')
				q++;
		}
	}
	while (*q && strchr("hlzjtL", *q) && n < 2)
		c->len[n++] = *q++;
	if (!*q || !strchr("diouxXcspfFeEgGaA%", *q))
		return false;
	c->conv = *q;
	c->end = q + 1;
	return true;
}

static enum arg_type
conv_type(const struct conv *c)
{
	switch (c->conv) {
	case 's':
		return ARG_STR;
	case 'p':
		return ARG_PTR;
	case 'f': case 'F': case 'e': case 'E': case 'g': case 'G':
	case 'a': case 'A':
		return ARG_DOUBLE;
	case 'c':
		return ARG_INT;
	default:
		break;
	}
	if (!strcmp(c->len, "l"))
		return ARG_LONG;
	if (!strcmp(c->len, "ll"))
		return ARG_LLONG;
	if (!strcmp(c->len, "z"))
		return ARG_SIZE;
	if (!strcmp(c->len, "j"))
		return ARG_INTMAX;
	if (!strcmp(c->len, "t"))
		return ARG_PTRDIFF;
	return ARG_INT;
}

/* The types of FMT's arguments by position (1-based) into TYPES; their
   number, or -1 for a format this cannot follow. */
static int
arg_types(const char *fmt, enum arg_type types[MAX_ARGS + 1])
{
	int next = 1, max = 0;
	const char *p;
	struct conv c;

	memset(types, 0, (MAX_ARGS + 1) * sizeof(*types));
	for (p = fmt; (p = strchr(p, '%')) != NULL; p = c.end) {
		int pos;

		if (!parse_conv(p + 1, &c))
			return -1;
		if (c.conv == '%')
			continue;
		if (c.width_star) {
			pos = c.width_pos ? c.width_pos : next++;
			if (pos > MAX_ARGS)
				return -1;
			types[pos] = ARG_INT;
			max = pos > max ? pos : max;
		}
		if (c.prec_star) {
			pos = c.prec_pos ? c.prec_pos : next++;
			if (pos > MAX_ARGS)
				return -1;
			types[pos] = ARG_INT;
			max = pos > max ? pos : max;
		}
		pos = c.pos ? c.pos : next++;
		if (pos > MAX_ARGS)
			return -1;
		types[pos] = conv_type(&c);
		max = pos > max ? pos : max;
	}
	return max;
}

/* Whether the text before P (in FMT) ends in a quotation mark: a value
   the message quotes, which is the subject of it (git's form). */
static bool
quoted(const char *fmt, const char *p)
{
	static const char *const marks[] = { "'", "\"", "\xe2\x80\x9e",
	    "\xe2\x80\x9c", "\xe2\x80\x98", "\xe2\x80\x9a", "\xc2\xab",
	    "\xc2\xbb", "\xe2\x80\xb9", "\xe2\x80\xba" };
	size_t i;

	for (i = 0; i < KK_ARRAY_SIZE(marks); i++) {
		size_t n = strlen(marks[i]);

		if ((size_t)(p - fmt) >= n && !memcmp(p - n, marks[i], n))
			return true;
	}
	return false;
}

/* The format of each conversion is taken apart and put together here, at
   run time: that is the point, so the compiler cannot check it. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

/* Write conversion C of SHOWN with the argument V (and a '*' width and
   precision already fetched) into OUT. */
static void
write_conv(struct buf *out, const char *shown, const struct conv *c,
    enum arg_type type, const union arg_value *v, int width, int prec)
{
	struct buf spec = BUF_INIT;
	const char *p = c->start + 1;

	/* the conversion without its N$ and with its stars filled in */
	buf_addc(&spec, '%');
	if (c->pos)
		p = strchr(p, '$') + 1;
	for (; p < c->end; p++) {
		if (*p != '*') {
			buf_addc(&spec, *p);
			continue;
		}
		buf_addf(&spec, "%d", p[-1] == '.' ? prec : width);
		while (p[1] >= '0' && p[1] <= '9')
			p++;
		if (p[1] == '$')
			p++;
	}
	switch (type) {
	case ARG_STR: {
		struct buf shown_arg = BUF_INIT;
		const char *s = v->s ? v->s : "(null)";
		char *cut = NULL;
		size_t k;

		/* a precision cuts before the escapes are counted */
		for (k = 1; k < spec.len && spec.s[k] != '.'; k++)
			;
		if (k < spec.len && spec.s[k + 1] >= '0' && spec.s[k + 1] <= '9') {
			size_t max = (size_t)strtoul(spec.s + k + 1, NULL, 10);

			cut = xstrndup(s, strnlen(s, max));
			s = cut;
			spec.len = k;
			spec.s[k] = '\0';
			buf_adds(&spec, "s");
		}
		if (quoted(shown, c->start))
			textguard_quote(&shown_arg, s, TEXTGUARD_QUOTE_MAX);
		else
			textguard_escape(&shown_arg, s, strlen(s), false);
		buf_addf(out, spec.s, shown_arg.s);
		buf_release(&shown_arg);
		free(cut);
		break;
	}
	case ARG_PTR:
		buf_addf(out, spec.s, v->p);
		break;
	case ARG_DOUBLE:
		buf_addf(out, spec.s, v->d);
		break;
	case ARG_LONG:
		buf_addf(out, spec.s, (long)v->i);
		break;
	case ARG_LLONG:
		buf_addf(out, spec.s, v->i);
		break;
	case ARG_SIZE:
		buf_addf(out, spec.s, v->z);
		break;
	case ARG_INTMAX:
		buf_addf(out, spec.s, v->j);
		break;
	case ARG_PTRDIFF:
		buf_addf(out, spec.s, v->t);
		break;
	default:
		buf_addf(out, spec.s, (int)v->i);
		break;
	}
	buf_release(&spec);
}
#pragma GCC diagnostic pop

void
textguard_vformat(struct buf *out, const char *fmt, const char *shown,
    va_list ap)
{
	enum arg_type types[MAX_ARGS + 1], shown_types[MAX_ARGS + 1];
	union arg_value v[MAX_ARGS + 1];
	int n = arg_types(fmt, types), next = 1, i;
	const char *p, *run;
	struct conv c;

	if (n < 0 || (shown != fmt && arg_types(shown, shown_types) < 0)) {
		/* not a format this follows: as printf would, escaped */
		struct buf raw = BUF_INIT;

		buf_vaddf(&raw, shown, ap);
		textguard_escape(out, raw.s, raw.len, false);
		buf_release(&raw);
		return;
	}
	for (i = 1; i <= n; i++) {
		switch (types[i]) {
		case ARG_STR:
			v[i].s = va_arg(ap, const char *);
			break;
		case ARG_PTR:
			v[i].p = va_arg(ap, const void *);
			break;
		case ARG_DOUBLE:
			v[i].d = va_arg(ap, double);
			break;
		case ARG_LONG:
			v[i].i = va_arg(ap, long);
			break;
		case ARG_LLONG:
			v[i].i = va_arg(ap, long long);
			break;
		case ARG_SIZE:
			v[i].z = va_arg(ap, size_t);
			break;
		case ARG_INTMAX:
			v[i].j = va_arg(ap, intmax_t);
			break;
		case ARG_PTRDIFF:
			v[i].t = va_arg(ap, ptrdiff_t);
			break;
		case ARG_INT:
			v[i].i = va_arg(ap, int);
			break;
		case ARG_NONE:
			/* a gap in the positions: nothing can be fetched
			   past it safely */
			n = i - 1;
			break;
		}
		if (types[i] == ARG_NONE)
			break;
	}
	for (run = p = shown; (p = strchr(p, '%')) != NULL; run = p = c.end) {
		int width = 0, prec = 0, pos;

		buf_add(out, run, (size_t)(p - run));
		if (!parse_conv(p + 1, &c) || c.conv == '%') {
			buf_addc(out, '%');
			c.end = p + (p[1] == '%' ? 2 : 1);
			continue;
		}
		if (c.width_star) {
			pos = c.width_pos ? c.width_pos : next++;
			width = pos <= n ? (int)v[pos].i : 0;
		}
		if (c.prec_star) {
			pos = c.prec_pos ? c.prec_pos : next++;
			prec = pos <= n ? (int)v[pos].i : 0;
		}
		pos = c.pos ? c.pos : next++;
		if (pos > n || types[pos] != conv_type(&c))
			continue;	/* a translation that does not fit */
		write_conv(out, shown, &c, types[pos], &v[pos], width, prec);
	}
	buf_adds(out, run);
}

/* ---- written ---------------------------------------------------------- */

size_t
textguard_xml(struct buf *out, const char *s)
{
	size_t len = strlen(s), i = 0, dropped = 0;

	while (i < len) {
		int32_t cp;
		size_t n = next_char(s + i, len - i, &cp);

		/* XML 1.0 holds TAB, LF and CR of the C0 controls only; the
		   rest of what text may not hold goes too, so that what an
		   old database has does not reach a reader either */
		if (textguard_allowed(cp) || cp == '\r')
			buf_add(out, s + i, n);
		else
			dropped++;
		i += n;
	}
	return dropped;
}

/*
 * The OWASP rule for CSV injection: a cell that begins with =, +, -, @, TAB
 * or CR is a formula to a spreadsheet, so it gets a leading "'". A plain
 * number (-1200.00) is shown as a number and runs nothing: it stays, as
 * does one such character alone (a table's "-" for none). A
 * cell that begins with "'" before such a cell gets one more, so that a
 * reader can take exactly one off again (textguard_spreadsheet_unguard()).
 */
bool
textguard_spreadsheet_formula(const char *s)
{
	const char *p;

	/* a cell may begin with any number of "'": a loop, not a call each */
	while (*s == '\'')
		s++;
	p = s;
	/* a sign alone ("-" for none in a table) runs nothing either */
	if (!*s || !strchr("=+-@\t\r", *s) || !s[1])
		return false;
	if (*p == '-' || *p == '+')
		p++;
	if (*p >= '0' && *p <= '9') {
		while (*p >= '0' && *p <= '9')
			p++;
		if (*p == '.' && p[1] >= '0' && p[1] <= '9')
			for (p++; *p >= '0' && *p <= '9'; p++)
				;
		if (!*p)
			return false;
	}
	return true;
}

const char *
textguard_spreadsheet_unguard(const char *s)
{
	return *s == '\'' && textguard_spreadsheet_formula(s + 1) ? s + 1 : s;
}
