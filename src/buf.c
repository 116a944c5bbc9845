/* buf.c: a growable string that is always NUL-terminated. */
#include "konkordat.h"

#include <stdlib.h>
#include <string.h>

/* Every empty buffer points here, so that b->s is always a valid string. */
const char buf_empty[1];

void
buf_init(struct buf *b)
{
	b->s = (char *)buf_empty;
	b->len = b->cap = 0;
}

void
buf_release(struct buf *b)
{
	if (b->cap)
		free(b->s);
	buf_init(b);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->cap)
		b->s[0] = '\0';
}

/* Make room for EXTRA more bytes and the terminating NUL. */
void
buf_grow(struct buf *b, size_t extra)
{
	size_t want = b->len + extra + 1;

	if (want <= b->cap)
		return;
	if (want < 2 * b->cap)
		want = 2 * b->cap;
	/* most strings built here are short: no reallocation below 64 */
	if (want < 64)
		want = 64;
	if (b->cap == 0) {
		b->s = xmalloc(want);
		b->s[0] = '\0';
	} else {
		b->s = xrealloc(b->s, want);
	}
	b->cap = want;
}

void
buf_add(struct buf *b, const void *data, size_t len)
{
	buf_grow(b, len);
	memcpy(b->s + b->len, data, len);
	b->len += len;
	b->s[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		BUG("bad format '%s'", fmt);
	buf_grow(b, (size_t)n);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

/*
 * Hand the string to the caller, who frees it; the buffer is empty after.
 * This is the only way to take ownership of b->s.
 */
char *
buf_detach(struct buf *b, size_t *len)
{
	char *s;

	if (len)
		*len = b->len;
	s = b->cap ? b->s : xstrdup("");
	buf_init(b);
	return s;
}

/* Append S as a JSON string (quoted, escaped), or null when S is NULL. */
void
buf_add_json_str(struct buf *b, const char *s)
{
	const unsigned char *p;

	if (!s) {
		buf_adds(b, "null");
		return;
	}
	buf_addc(b, '"');
	for (p = (const unsigned char *)s; *p; p++) {
		const unsigned char *run = p;

		/* the characters that need no escape, in one copy */
		while (*p && *p != '"' && *p != '\\' && *p >= 0x20)
			p++;
		buf_add(b, run, (size_t)(p - run));
		if (!*p)
			break;
		if (*p == '"' || *p == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, (char)*p);
		} else {
			buf_addf(b, "\\u%04x", *p);
		}
	}
	buf_addc(b, '"');
}
