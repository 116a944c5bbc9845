/* fuzz-archimate.c: libFuzzer target for the ArchiMate exchange file reader and writer. */
#include "fuzz-store.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *
export(struct store *st, size_t *len)
{
	char *out = NULL, *msg = NULL;
	FILE *fp = open_memstream(&out, len);

	if (!fp)
		abort();
	if (archimate_export(st, fp, &msg)) {
		fprintf(stderr, "export failed: %s\n", msg);
		abort();
	}
	fclose(fp);
	return out;
}

/*
 * Any input: no crash, no leak, and a refusal has a message. An input that
 * imports must export a file that imports again and exports the same bytes.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct am_opts o = { NULL, false, false };
	struct kk_diags d;
	struct store *st = fuzz_store_open(fuzz_store_empty()), *st2;
	char *one, *two;
	size_t n1, n2;
	int rc;

	diags_init(&d);
	fuzz_begin(st);
	rc = fuzz_end(st, archimate_import(st, "fuzz.xml", (const char *)data,
	    size, &o, &d, NULL));
	if (rc && !d.nerrors) {
		fprintf(stderr, "refused without a message\n");
		abort();
	}
	if (!rc) {
		one = export(st, &n1);
		st2 = fuzz_store_open(fuzz_store_empty());
		diags_release(&d);
		fuzz_begin(st2);
		if (fuzz_end(st2, archimate_import(st2, "export.xml", one, n1,
		    &o, &d, NULL))) {
			diags_print(&d, stderr);
			fprintf(stderr, "export:\n%s", one);
			abort();
		}
		two = export(st2, &n2);
		if (n1 != n2 || memcmp(one, two, n1)) {
			fprintf(stderr, "first:\n%s\nsecond:\n%s", one, two);
			abort();
		}
		free(one);
		free(two);
		store_close(st2);
	}
	diags_release(&d);
	store_close(st);
	return 0;
}
