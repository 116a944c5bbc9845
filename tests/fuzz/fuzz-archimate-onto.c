/* fuzz-archimate-onto.c: libFuzzer target for an ArchiMate import into a database that holds the Lucerne example. */
#include "fuzz-store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * The input is an exchange file, imported on top of the Lucerne example
 * (its parties, strategies and joint organisation), where its identifiers
 * may meet konkordat's own. Any input: no crash, no leak; a refusal has a
 * message and changes nothing; what imports once imports again without a
 * change, and the database then exports.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static long before;
	struct am_opts o = { NULL, false, false };
	struct am_counts c;
	struct kk_diags d;
	struct store *st = fuzz_store_open(fuzz_store_luzern());
	char *out = NULL, *msg = NULL;
	size_t len;
	FILE *fp;
	int rc;

	if (!before)
		before = store_audit_count(st);
	diags_init(&d);
	fuzz_begin(st);
	rc = fuzz_end(st, archimate_import(st, "fuzz.xml", (const char *)data,
	    size, &o, &d, &c));
	if (rc && !d.nerrors) {
		fprintf(stderr, "refused without a message\n");
		abort();
	}
	if (rc && store_audit_count(st) != before) {
		diags_print(&d, stderr);
		fprintf(stderr, "refused, but the database changed\n");
		abort();
	}
	if (!rc) {
		diags_release(&d);
		diags_init(&d);
		fuzz_begin(st);
		if (fuzz_end(st, archimate_import(st, "again.xml",
		    (const char *)data, size, &o, &d, &c))) {
			diags_print(&d, stderr);
			fprintf(stderr, "imported once, refused the second "
			    "time\n");
			abort();
		}
		if (c.added || c.changed || c.removed) {
			fprintf(stderr, "the same file again: %zu added, %zu "
			    "changed, %zu removed\n", c.added, c.changed,
			    c.removed);
			abort();
		}
		if (!(fp = open_memstream(&out, &len)))
			abort();
		if (archimate_export(st, fp, &msg)) {
			fprintf(stderr, "export failed: %s\n", msg);
			abort();
		}
		fclose(fp);
		free(out);
	}
	diags_release(&d);
	store_close(st);
	return 0;
}
