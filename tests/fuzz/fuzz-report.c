/* fuzz-report.c: libFuzzer target for the planning report's HTML and ODT writers over fuzzed model contents. */
#include "fuzz-store.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <zip.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The elements of the charts, which libxml2's HTML parser does not know
   (HTML 4): inline SVG is checked as XML on its own. */
static const char *const svg_tags[] = { "circle", "defs", "desc", "g",
    "line", "marker", "path", "pattern", "polygon", "rect", "svg", "text",
    "title", "tspan" };

struct faults {
	const char *what;
	bool html;
	int n;
};

/* Every error of the parser is a fault of the writer, but for an SVG
   element inside HTML. */
static void
on_error(void *ctx, xmlErrorPtr e)
{
	struct faults *f = ctx;
	size_t i;

	if (e->level < XML_ERR_ERROR)
		return;
	if (f->html && e->code == XML_HTML_UNKNOWN_TAG && e->str1)
		for (i = 0; i < KK_ARRAY_SIZE(svg_tags); i++)
			if (!strcmp(e->str1, svg_tags[i]))
				return;
	fprintf(stderr, "%s:%d:%d: %s", f->what, e->line, e->int2,
	    e->message ? e->message : "?\n");
	f->n++;
}

/* DATA is well-formed XML (HTML: HTML that parses without an error). */
static void
check_markup(const char *what, const char *data, size_t len, bool html)
{
	struct faults f = { what, html, 0 };
	xmlDocPtr doc;

	if (len > INT_MAX)
		abort();
	xmlSetStructuredErrorFunc(&f, on_error);
	if (html)
		doc = htmlReadMemory(data, (int)len, what, "UTF-8",
		    HTML_PARSE_NONET | HTML_PARSE_NOWARNING);
	else
		doc = xmlReadMemory(data, (int)len, what, "UTF-8",
		    XML_PARSE_NONET | XML_PARSE_NOWARNING);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!doc || f.n) {
		fprintf(stderr, "%s is not well-formed\n", what);
		abort();
	}
	xmlFreeDoc(doc);
}

/* Every XML file of the ODT package DATA is well-formed. */
static void
check_odt(const char *data, size_t len)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_int64_t i, n;

	zip_error_init(&ze);
	if (!(src = zip_source_buffer_create(data, len, 0, &ze)) ||
	    !(za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS,
	    &ze))) {
		fprintf(stderr, "the ODT is no zip: %s\n",
		    zip_error_strerror(&ze));
		abort();
	}
	n = zip_get_num_entries(za, 0);
	for (i = 0; i < n; i++) {
		const char *name = zip_get_name(za, (zip_uint64_t)i, 0);
		size_t nlen = name ? strlen(name) : 0;
		zip_stat_t zs;
		zip_file_t *zf;
		char *buf;

		if (nlen < 4 || (strcmp(name + nlen - 4, ".xml") &&
		    strcmp(name + nlen - 4, ".svg")))
			continue;
		if (zip_stat_index(za, (zip_uint64_t)i, 0, &zs) ||
		    !(zf = zip_fopen_index(za, (zip_uint64_t)i, 0)))
			abort();
		buf = xmalloc(zs.size + 1);
		if (zip_fread(zf, buf, zs.size) != (zip_int64_t)zs.size)
			abort();
		zip_fclose(zf);
		check_markup(name, buf, zs.size, false);
		free(buf);
	}
	zip_discard(za);
	zip_error_fini(&ze);
}

/* The report of ST in LANG, as HTML and as ODT, each checked. */
static void
write_report(struct store *st, const char *lang)
{
	struct report_opts o = { NULL, lang, "2013-06-30" };
	const struct report_block *bl;
	struct report r;
	char *out = NULL, *msg = NULL;
	size_t len = 0;
	FILE *fp;

	if (report_load(&r, st, &o, &msg)) {
		/* a model without a joint organisation has no report */
		free(msg);
		report_release(&r);
		return;
	}
	for (bl = r.doc.blocks; bl; bl = bl->next)
		if (bl->kind == REPORT_FIGURE)
			check_markup("figure.svg", bl->svg, strlen(bl->svg),
			    false);
	if (!(fp = open_memstream(&out, &len)) || report_html(&r, fp) ||
	    fclose(fp))
		abort();
	check_markup("report.html", out, len, true);
	free(out);
	out = NULL;
	if (!(fp = open_memstream(&out, &len)))
		abort();
	if (report_odt(&r, fp, &msg)) {
		fprintf(stderr, "no ODT: %s\n", msg);
		abort();
	}
	fclose(fp);
	check_odt(out, len);
	free(out);
	report_release(&r);
}

/*
 * The input is up to eight party or organisation files, each ended by a
 * line "===", imported on top of the Lucerne example; when they import,
 * the planning report is written as HTML and as ODT (in German, or in
 * the language the input's length picks, when its catalog is there) and
 * every XML document in it must be well-formed, whatever the texts hold.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const langs[] = { "de", "en", "fr", "it" };
	const char *part[8], *lang = langs[size % KK_ARRAY_SIZE(langs)];
	size_t len[8], n = fuzz_split(data, size, part, len, 8);
	struct store *st = fuzz_store_open(fuzz_store_luzern());
	struct import im;
	char *msg = NULL;

	setenv("KONKORDAT_LOCALEDIR", KK_FUZZ_LOCALEDIR, 0);
	if (report_lang_check(lang, &msg)) {
		free(msg);
		lang = "de";
	}
	import_init(&im);
	fuzz_begin(st);
	if (!fuzz_end(st, fuzz_import_read(&im, "fuzz", part, len, n) ||
	    import_check(&im, st) || import_write(&im, st, NULL, NULL)))
		write_report(st, lang);
	import_release(&im);
	store_close(st);
	return 0;
}
