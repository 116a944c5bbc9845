/* fuzz-yaml.c: libFuzzer target for the party and organisation file reader. */
#include "konkordat.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	struct kk_diags diags;
	struct kk_doc doc;

	diags_init(&diags);
	if (yaml_read_doc(a, "fuzz.yaml", (const char *)data, size, &doc,
	    &diags) == KK_OK) {
		/* what reads without error must also write */
		FILE *fp = fopen("/dev/null", "w");

		if (fp) {
			if (doc.type == KK_DOC_PARTY)
				yaml_write_party(fp, &doc);
			else
				yaml_write_org(fp, &doc.org);
			fclose(fp);
		}
	}
	diags_release(&diags);
	arena_free(a);
	return 0;
}
