/* util.c: allocation that never fails from the caller's view, messages, small helpers. */
#include "konkordat.h"

#include <errno.h>
#include <libxml/parser.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static KK_NORETURN void
oom(size_t size)
{
	fprintf(stderr, "konkordat: fatal: out of memory allocating %zu bytes\n",
	    size);
	exit(KK_EXIT_INTERNAL);
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		oom(size);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		oom(n * size);
	return p;
}

void *
xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);

	if (!q)
		oom(size);
	return q;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	return buf_detach(&b, NULL);
}

static void KK_PRINTF(2, 0)
vreport(const char *prefix, const char *fmt, va_list ap)
{
	struct buf b = BUF_INIT;

	textguard_vformat(&b, fmt, _(fmt), ap);
	fprintf(stderr, "konkordat: %s%s\n", prefix, b.s);
	buf_release(&b);
}

void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(_("fatal: "), fmt, ap);
	va_end(ap);
	exit(KK_EXIT_INTERNAL);
}

void
kk_bug(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "konkordat: BUG: %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

void
error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(_("error: "), fmt, ap);
	va_end(ap);
}

void
warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(_("warning: "), fmt, ap);
	va_end(ap);
}

/*
 * Read the whole file at PATH ("-" for standard input) into a NUL-terminated
 * buffer that the caller frees. Returns 0, or KK_EIO with errno set.
 */
int
read_file(const char *path, char **out, size_t *len)
{
	struct buf b = BUF_INIT;
	FILE *fp = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	size_t n;

	if (!fp)
		return KK_EIO;
	do {
		buf_grow(&b, 8192);
		n = fread(b.s + b.len, 1, b.cap - b.len - 1, fp);
		b.len += n;
		b.s[b.len] = '\0';
	} while (n > 0);
	if (ferror(fp)) {
		int saved = errno;

		if (fp != stdin)
			fclose(fp);
		buf_release(&b);
		errno = saved;
		return KK_EIO;
	}
	if (fp != stdin)
		fclose(fp);
	*out = buf_detach(&b, len);
	return KK_OK;
}

/* Edit distance in bytes, for did-you-mean suggestions on short words. */
size_t
levenshtein(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b), i, j;
	size_t *row = xmalloc((nb + 1) * sizeof(*row));
	size_t d;

	for (j = 0; j <= nb; j++)
		row[j] = j;
	for (i = 1; i <= na; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (j = 1; j <= nb; j++) {
			size_t up = row[j];
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = diag + cost;

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	d = row[nb];
	free(row);
	return d;
}

/*
 * The word of WORDS nearest to WORD, if it is near enough to be what the
 * user meant (at most a third of its letters wrong); NULL otherwise.
 */
const char *
closest_word(const char *word, const char *const *words, size_t nwords)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1, i;
	size_t limit = strlen(word) / 3 + 1;

	for (i = 0; i < nwords; i++) {
		size_t d = levenshtein(word, words[i]);

		if (d < best_d) {
			best_d = d;
			best = words[i];
		}
	}
	return best_d <= limit ? best : NULL;
}

/*
 * The current time in UTC as "YYYY-MM-DDTHH:MM:SSZ". SOURCE_DATE_EPOCH, when
 * set, fixes it, so that tests and reproducible builds see one time.
 */
void
utc_now(char out[21])
{
	time_t t = kk_now();
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/*
 * libxml2's global set-up, done once before any thread parses or writes
 * XML: left to its first use, two threads would run it at once (libxml2's
 * manual asks for xmlInitParser() before threads use the library).
 */
static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

void
kk_xml_init(void)
{
	pthread_once(&xml_once, xmlInitParser);
}
