/* html.c: HTML written with escaping by default; a raw write is a greppable html_raw(). */
#include "konkordat.h"

/*
 * cgit's lesson: the function called chooses the escaping, so that a
 * reviewer looks for html_raw and finds every place where text goes out
 * as it is. Text escapes '&', '<' and '>', which also covers SVG and XML
 * (']]>' loses its '>'); quotes stay as they are, so that amounts read
 * 1'250'000.00 in the source too. An attribute value escapes both quotes
 * as well, so that it cannot end early. Control characters other than
 * tab, newline and carriage return are dropped: HTML and XML forbid them
 * and a parser would stop at them.
 */

void
html_init_file(struct html *h, FILE *fp)
{
	h->fp = fp;
	h->b = NULL;
}

void
html_init_buf(struct html *h, struct buf *b)
{
	h->fp = NULL;
	h->b = b;
}

static void
put(struct html *h, const char *s, size_t n)
{
	if (!n)
		return;
	if (h->fp)
		fwrite(s, 1, n, h->fp);
	else
		buf_add(h->b, s, n);
}

/* Markup the program wrote itself; never text that came from input. */
void
html_raw(struct html *h, const char *s)
{
	put(h, s, strlen(s));
}

void
html_rawf(struct html *h, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	put(h, b.s, b.len);
	buf_release(&b);
}

static void
escape(struct html *h, const char *s, bool quotes)
{
	const char *run = s;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		const char *e;

		switch (c) {
		case '&':
			e = "&amp;";
			break;
		case '<':
			e = "&lt;";
			break;
		case '>':
			e = "&gt;";
			break;
		case '"':
			if (!quotes)
				continue;
			e = "&quot;";
			break;
		case '\'':
			if (!quotes)
				continue;
			e = "&#39;";
			break;
		default:
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
			    c == 0x7f) {
				e = "";
			} else if (c == 0xc2 || c == 0xe2) {
				/* a C1 control or a bidirectional one (from a
				   database older than the import's check)
				   would reorder or hide what a reader sees */
				size_t n = c == 0xc2 ? 2 : 3;

				if (strnlen(s, n) < n ||
				    textguard_find(s, n, NULL) > 0)
					continue;
				put(h, run, (size_t)(s - run));
				s += n - 1;
				run = s + 1;
				continue;
			} else {
				continue;
			}
		}
		put(h, run, (size_t)(s - run));
		put(h, e, strlen(e));
		run = s + 1;
	}
	put(h, run, (size_t)(s - run));
}

/* Text between tags; NULL writes nothing. */
void
html_txt(struct html *h, const char *s)
{
	if (s)
		escape(h, s, false);
}

void
html_txtf(struct html *h, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	escape(h, b.s, false);
	buf_release(&b);
}

/* An attribute's value, to go between double quotes the caller wrote. */
void
html_attr(struct html *h, const char *s)
{
	if (s)
		escape(h, s, true);
}

void
html_attrf(struct html *h, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	escape(h, b.s, true);
	buf_release(&b);
}

/* KK_EIO if writing to the file failed; 0 otherwise. */
int
html_error(const struct html *h)
{
	return h->fp && ferror(h->fp) ? KK_EIO : KK_OK;
}
