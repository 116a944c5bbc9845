/* fuzz-yaml.c: libFuzzer target for the party and organisation file reader and writer. */
#include "konkordat.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *
write_doc(const struct kk_doc *doc, size_t *len)
{
	char *out = NULL;
	FILE *fp = open_memstream(&out, len);

	if (!fp)
		abort();
	if (doc->type == KK_DOC_PARTY)
		yaml_write_party(fp, doc);
	else
		yaml_write_org(fp, &doc->org);
	fclose(fp);
	return out;
}

/* The checks across files, on this file alone, without a database. */
static void
check_alone(const struct kk_doc *doc)
{
	struct import im;

	import_init(&im);
	im.docs = xmalloc(sizeof(*im.docs));
	im.docs[0] = *doc;
	im.ndocs = im.cap = 1;
	import_check(&im, NULL);
	import_release(&im);
}

/*
 * Any input: no crash, no leak. An input that reads without error must
 * write a file that reads back without error and writes the same bytes.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	struct kk_diags diags;
	struct kk_doc doc, again;
	char *one, *two;
	size_t n1, n2;

	diags_init(&diags);
	if (yaml_read_doc(a, "fuzz.yaml", (const char *)data, size, &doc,
	    &diags) == KK_OK) {
		one = write_doc(&doc, &n1);
		if (yaml_read_doc(a, "written.yaml", one, n1, &again,
		    &diags) != KK_OK) {
			diags_print(&diags, stderr);
			fprintf(stderr, "written:\n%s", one);
			abort();
		}
		two = write_doc(&again, &n2);
		if (n1 != n2 || memcmp(one, two, n1)) {
			fprintf(stderr, "first:\n%s\nsecond:\n%s", one, two);
			abort();
		}
		free(one);
		free(two);
		check_alone(&doc);
	}
	diags_release(&diags);
	arena_free(a);
	return 0;
}
