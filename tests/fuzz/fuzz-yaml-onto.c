/* fuzz-yaml-onto.c: libFuzzer target for a YAML import into a database that holds the Lucerne example. */
#include "fuzz-store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Read the files of the input, check them against ST and write them. */
static int
import_once(struct store *st, const uint8_t *data, size_t size,
    struct import *im)
{
	const char *part[8];
	size_t len[8], n = fuzz_split(data, size, part, len, 8);
	int rc;

	import_init(im);
	fuzz_begin(st);
	rc = fuzz_import_read(im, "fuzz", part, len, n);
	if (!rc)
		rc = import_check(im, st);
	if (!rc)
		rc = import_write(im, st, NULL, NULL);
	return fuzz_end(st, rc);
}

/*
 * The input is up to eight party or organisation files, each ended by a
 * line "===", imported on top of the Lucerne example: they may replace
 * its parties' files, add parties, refer to what is there. Any input: no
 * crash, no leak; a refusal has a message and changes nothing; what
 * imports once imports again without a change.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static long before;
	struct store *st = fuzz_store_open(fuzz_store_luzern());
	struct import im;
	int rc;

	if (!before)
		before = store_audit_count(st);
	rc = import_once(st, data, size, &im);
	if (rc && rc != KK_EINPUT) {
		fprintf(stderr, "import failed: %s\n", store_errmsg(st));
		abort();
	}
	if (rc && !im.diags.nerrors) {
		fprintf(stderr, "refused without a message\n");
		abort();
	}
	if (rc && store_audit_count(st) != before) {
		diags_print(&im.diags, stderr);
		fprintf(stderr, "refused, but the database changed\n");
		abort();
	}
	import_release(&im);
	if (!rc) {
		if (import_once(st, data, size, &im)) {
			diags_print(&im.diags, stderr);
			fprintf(stderr, "imported once, refused the second "
			    "time: %s\n", store_errmsg(st));
			abort();
		}
		if (im.nadded || im.nchanged || im.nremoved) {
			fprintf(stderr, "the same files again: %zu added, %zu "
			    "changed, %zu removed\n", im.nadded, im.nchanged,
			    im.nremoved);
			abort();
		}
		import_release(&im);
	}
	store_close(st);
	return 0;
}
