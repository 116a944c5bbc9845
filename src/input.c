/* input.c: a file given to a reader, refused by its first bytes when it is no text file for it. */
#include "konkordat.h"

#include <string.h>

#include <zip.h>

/*
 * People hand konkordat whatever they have: a workbook of the portfolio,
 * a PDF of the strategy, a model that a tool compressed. Each parser would
 * then say something true but useless about its own first error ("NUL
 * character in a text file", "malformed XML: document is empty"), and
 * libxml2 would even decompress a gzip file behind the reader's back,
 * without any limit on what comes out. So every reader shows its file's
 * first bytes here before any parser sees them, and a file of another kind
 * is refused with what it is and what to do instead. konkordat never
 * decompresses: the user does, and sees the size of what comes out.
 */

/* What to do, by the kind of file and the reader that was given it. */
enum advice {
	ADVICE_SPREADSHEET,
	ADVICE_DOCUMENT,
	ADVICE_COMPRESSED,
	ADVICE_ARCHIVE,
	ADVICE_DATABASE,
	ADVICE_ENCODING,
};

struct kind {
	const char *magic;
	size_t len;
	const char *what;	/* N_(): a noun phrase */
	enum advice advice;
	const char *tool;	/* for a compressed file: what decompresses it */
};

/* The kinds known by their first bytes alone. */
static const struct kind kinds[] = {
	{ "\x1f\x8b", 2, N_("a gzip-compressed file"), ADVICE_COMPRESSED,
	    "gunzip" },
	{ "\xfd" "7zXZ\0", 6, N_("an xz-compressed file"), ADVICE_COMPRESSED,
	    "unxz" },
	{ "\x28\xb5\x2f\xfd", 4, N_("a Zstandard-compressed file"),
	    ADVICE_COMPRESSED, "unzstd" },
	{ "%PDF-", 5, N_("a PDF document"), ADVICE_DOCUMENT, NULL },
	{ "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8,
	    N_("an Office 97-2003 file (such as an Excel .xls workbook)"),
	    ADVICE_SPREADSHEET, NULL },
	{ "SQLite format 3\0", 16, N_("an SQLite database"), ADVICE_DATABASE,
	    NULL },
	{ "\xff\xfe", 2, N_("a UTF-16 text file"), ADVICE_ENCODING, NULL },
	{ "\xfe\xff", 2, N_("a UTF-16 text file"), ADVICE_ENCODING, NULL },
};

/* bzip2: "BZh", the block size, then the magic of the first block. */
static bool
is_bzip2(const char *head, size_t n)
{
	return n >= 10 && !memcmp(head, "BZh", 3) && head[3] >= '1' &&
	    head[3] <= '9' && !memcmp(head + 4, "1AY&SY", 6);
}

static bool
is_zip(const char *head, size_t n)
{
	return n >= 4 && head[0] == 'P' && head[1] == 'K' &&
	    ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6) ||
	    (head[2] == 7 && head[3] == 8));
}

/*
 * What a zip archive holds, from its directory (libzip reads only that,
 * and the few bytes of an OpenDocument's "mimetype"): an Excel workbook
 * has xl/workbook.xml, a Word document word/document.xml, an OpenDocument
 * names its type first. PATH or DATA (LEN bytes); neither when the archive
 * came on standard input and only its first bytes were kept.
 */
static const struct kind *
zip_kind(const char *path, const char *data, size_t len)
{
	static const struct kind zip_kinds[] = {
		{ "xl/workbook.xml", 0, N_("an Excel workbook"),
		    ADVICE_SPREADSHEET, NULL },
		{ "xl/workbook.bin", 0, N_("an Excel workbook"),
		    ADVICE_SPREADSHEET, NULL },
		{ "word/document.xml", 0, N_("a Word document"),
		    ADVICE_DOCUMENT, NULL },
		{ "ppt/presentation.xml", 0, N_("a PowerPoint presentation"),
		    ADVICE_DOCUMENT, NULL },
		{ "application/vnd.oasis.opendocument.spreadsheet", 1,
		    N_("an OpenDocument spreadsheet"), ADVICE_SPREADSHEET,
		    NULL },
		{ "application/vnd.oasis.opendocument.", 1,
		    N_("an OpenDocument file"), ADVICE_DOCUMENT, NULL },
	};
	static const struct kind archive = { NULL, 0, N_("a zip archive"),
	    ADVICE_ARCHIVE, NULL };
	const struct kind *found = &archive;
	char mimetype[64] = "";
	zip_error_t err;
	zip_source_t *src;
	zip_file_t *f;
	zip_t *z = NULL;
	size_t i;

	zip_error_init(&err);
	if (data) {
		if ((src = zip_source_buffer_create(data, len, 0, &err)) &&
		    !(z = zip_open_from_source(src, ZIP_RDONLY, &err)))
			zip_source_free(src);
	} else if (path && strcmp(path, "-")) {
		int code;

		z = zip_open(path, ZIP_RDONLY, &code);
	}
	zip_error_fini(&err);
	if (!z)
		return found;
	if ((f = zip_fopen(z, "mimetype", 0))) {
		zip_int64_t n = zip_fread(f, mimetype, sizeof(mimetype) - 1);

		mimetype[n > 0 ? n : 0] = '\0';
		zip_fclose(f);
	}
	for (i = 0; i < KK_ARRAY_SIZE(zip_kinds) && found == &archive; i++) {
		const struct kind *k = &zip_kinds[i];

		if (k->len ? !strncmp(mimetype, k->magic, strlen(k->magic)) :
		    zip_name_locate(z, k->magic, 0) >= 0)
			found = k;
	}
	zip_discard(z);
	return found;
}

/* What to do with a file of kind K given to READER; NULL where that is a
   verb or an option to name, which the front end does (KK_ENEED_TEXT,
   KK_ENEED_DB). */
static const char *
advice(const struct kind *k, enum input_reader reader)
{
	switch (k->advice) {
	case ADVICE_SPREADSHEET:
		if (reader == INPUT_YAML)
			return NULL;	/* KK_ENEED_TEXT */
		if (reader == INPUT_CSV)
			return _("save each sheet as CSV (UTF-8) with Archi's "
			    "columns, see doc/interop.md");
		break;
	case ADVICE_DOCUMENT:
		if (reader == INPUT_YAML)
			return _("write its content as YAML, see doc/formats.md");
		if (reader == INPUT_CSV)
			return _("write its content as CSV with Archi's columns, "
			    "see doc/interop.md");
		break;
	case ADVICE_ARCHIVE:
		return _("unpack it first (unzip) and give konkordat the "
		    "files it holds, see doc/formats.md");
	case ADVICE_COMPRESSED:
		break;	/* a message of its own, with the tool */
	case ADVICE_DATABASE:
		return NULL;	/* KK_ENEED_DB */
	case ADVICE_ENCODING:
		return _("save it as UTF-8");
	}
	return _("export the model from its tool as an ArchiMate exchange "
	    "file (XML), see doc/interop.md");
}

const char *
input_reader_file(enum input_reader reader)
{
	switch (reader) {
	case INPUT_YAML:
		return _("a YAML file");
	case INPUT_ARCHIMATE:
		return _("an ArchiMate exchange file");
	case INPUT_CSV:
		break;
	}
	return _("a CSV file");
}

int
input_check_kind(const char *path, const char *head, size_t n,
    const char *data, size_t len, enum input_reader reader,
    struct kk_diags *d)
{
	static const struct kind bzip2 = { NULL, 0,
	    N_("a bzip2-compressed file"), ADVICE_COMPRESSED, "bunzip2" };
	const struct kind *k = NULL;
	struct kk_loc loc = { path, 0, 0 };
	size_t i;

	for (i = 0; i < KK_ARRAY_SIZE(kinds) && !k; i++)
		if (n >= kinds[i].len && !memcmp(head, kinds[i].magic,
		    kinds[i].len))
			k = &kinds[i];
	if (!k && is_bzip2(head, n))
		k = &bzip2;
	if (!k && is_zip(head, n))
		k = zip_kind(path, data, len);
	/* XML declares its own encoding, UTF-16 included: libxml2 reads it */
	if (!k || (k->advice == ADVICE_ENCODING && reader == INPUT_ARCHIMATE))
		return KK_OK;
	if (k->advice == ADVICE_COMPRESSED)
		/* TRANSLATORS: what the file is ("a gzip-compressed file"),
		   then the program that decompresses it ("gunzip") */
		diags_add(d, &loc, "%s: konkordat does not decompress; "
		    "decompress it with %s first, see doc/interop.md",
		    _(k->what), k->tool);
	else if (!advice(k, reader)) {
		/* what to do is the front end's to say: the CLI names a verb
		   or an option */
		diags_add(d, &loc, "%s, not %s", _(k->what),
		    input_reader_file(reader));
		diags_need(d, k->advice == ADVICE_DATABASE ? KK_ENEED_DB :
		    KK_ENEED_TEXT);
	} else
		/* TRANSLATORS: what the file is ("an Excel workbook"), what
		   the reader takes ("a YAML file"), then what to do */
		diags_add(d, &loc, "%s, not %s: %s", _(k->what),
		    input_reader_file(reader), advice(k, reader));
	return KK_EINPUT;
}

int
input_check_file(const char *path, enum input_reader reader,
    struct kk_diags *d)
{
	char head[INPUT_HEAD];
	size_t n;
	FILE *fp;

	if (!strcmp(path, "-") || !(fp = fopen(path, "rb")))
		return KK_OK;	/* the reader says why it cannot read it */
	n = fread(head, 1, sizeof(head), fp);
	fclose(fp);
	return input_check_kind(path, head, n, NULL, 0, reader, d);
}

bool
input_blank(const char *s, size_t n)
{
	size_t i = n >= 3 && !memcmp(s, "\xef\xbb\xbf", 3) ? 3 : 0;

	for (; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return false;
	return true;
}
