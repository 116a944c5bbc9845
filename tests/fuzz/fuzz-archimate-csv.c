/* fuzz-archimate-csv.c: libFuzzer target for Archi's CSV reader and writer. */
#include "fuzz-store.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64], out[80];

/* Leave no files behind in /tmp. */
static void
cleanup(void)
{
	static const char *const subs[] = { "", "/out", "/again" };
	static const char *const names[] = { "elements.csv", "relations.csv",
	    "properties.csv" };
	size_t i, j;

	for (i = KK_ARRAY_SIZE(subs); i-- > 0;) {
		for (j = 0; j < KK_ARRAY_SIZE(names); j++) {
			char *p = xasprintf("%s%s/%s", dir, subs[i], names[j]);

			unlink(p);
			free(p);
		}
		if (i) {
			char *p = xasprintf("%s%s", dir, subs[i]);

			rmdir(p);
			free(p);
		}
	}
	rmdir(dir);
}

static void
put(const char *name, const uint8_t *p, size_t n)
{
	char path[128];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (!p) {
		unlink(path);
		return;
	}
	if (!(fp = fopen(path, "wb")) || fwrite(p, 1, n, fp) != n || fclose(fp))
		abort();
}

/* Compare the three files of folders A and B. */
static bool
same(const char *a, const char *b)
{
	static const char *const names[] = { "elements.csv", "relations.csv",
	    "properties.csv" };
	size_t i;

	for (i = 0; i < 3; i++) {
		char *pa = xasprintf("%s/%s", a, names[i]);
		char *pb = xasprintf("%s/%s", b, names[i]);
		char *da = NULL, *db = NULL;
		size_t na = 0, nb = 0;
		bool eq = !read_file(pa, &da, &na) && !read_file(pb, &db, &nb) &&
		    na == nb && !memcmp(da, db, na);

		free(pa);
		free(pb);
		free(da);
		free(db);
		if (!eq)
			return false;
	}
	return true;
}

/*
 * The input is up to three files, elements, relations and properties,
 * separated by a line "===". Any input: no crash, no leak, a refusal has a
 * message. What imports must export files that import again and export the
 * same bytes.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "elements.csv", "relations.csv",
	    "properties.csv" };
	struct am_opts o = { NULL, true, false };
	const uint8_t *p = data, *end = data + size;
	struct kk_diags d;
	struct store *st, *st2;
	char *paths[1], *msg = NULL, *again;
	int i, rc;

	if (!dir[0]) {
		snprintf(dir, sizeof(dir), "/tmp/kk-fuzz-csv-XXXXXX");
		if (!mkdtemp(dir))
			abort();
		snprintf(out, sizeof(out), "%s/out", dir);
		mkdir(out, 0700);
		atexit(cleanup);
	}
	for (i = 0; i < 3; i++) {
		const uint8_t *sep = NULL, *q;

		for (q = p; q + 4 <= end; q++)
			if (!memcmp(q, "\n===", 4) && (q + 4 == end || q[4] == '\n')) {
				sep = q;
				break;
			}
		if (p > end || (i > 0 && p == end && !sep)) {
			put(names[i], NULL, 0);
			continue;
		}
		put(names[i], p, (size_t)((sep ? sep + 1 : end) - p));
		p = sep ? sep + 5 : end + 1;
	}
	st = fuzz_store_open(fuzz_store_empty());
	diags_init(&d);
	paths[0] = dir;
	fuzz_begin(st);
	rc = fuzz_end(st, archi_csv_import(st, paths, 1, &o, &d, NULL));
	if (rc && !d.nerrors) {
		fprintf(stderr, "refused without a message\n");
		abort();
	}
	if (!rc) {
		if (archi_csv_export(st, out, &msg))
			abort();
		st2 = fuzz_store_open(fuzz_store_empty());
		diags_release(&d);
		paths[0] = out;
		fuzz_begin(st2);
		if (fuzz_end(st2, archi_csv_import(st2, paths, 1, &o, &d,
		    NULL))) {
			diags_print(&d, stderr);
			abort();
		}
		again = xasprintf("%s/again", dir);
		mkdir(again, 0700);
		if (archi_csv_export(st2, again, &msg) || !same(out, again)) {
			fprintf(stderr, "export, import, export differs\n");
			abort();
		}
		free(again);
		store_close(st2);
	}
	diags_release(&d);
	store_close(st);
	return 0;
}
