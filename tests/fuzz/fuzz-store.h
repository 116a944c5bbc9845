/* fuzz-store.h: the databases of the fuzz targets, set up once and opened afresh for each run. */
#ifndef KK_FUZZ_STORE_H
#define KK_FUZZ_STORE_H

#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Creating a database (the schema's migrations) takes longer than most
 * runs: each target sets its database up once, keeps it as an image
 * (store_image_take()) and opens a private copy of it for every run, so
 * that no run sees what another one wrote. Failures here are the
 * harness's, not the input's: they abort.
 */

/* A copy of IMG to run on; store_close() it. */
static inline struct store *
fuzz_store_open(const struct store_image *img)
{
	struct store *st;
	char *msg;

	if (store_open_image(img, &st, &msg)) {
		fprintf(stderr, "cannot open the image: %s\n", msg);
		abort();
	}
	return st;
}

/* ST as an image; ST stays open. */
static inline struct store_image *
fuzz_store_take(struct store *st)
{
	struct store_image *img;
	char *msg;

	if (store_image_take(st, &img, &msg)) {
		fprintf(stderr, "cannot take an image: %s\n", msg);
		abort();
	}
	return img;
}

/* A write transaction for one import of a run, under the actor "fuzz";
   fuzz_end() commits it when RC is KK_OK and rolls it back otherwise,
   and returns RC or the commit's failure. */
static inline void
fuzz_begin(struct store *st)
{
	static const struct store_actor who = { "fuzz", NULL, NULL };

	if (store_begin(st, &who)) {
		fprintf(stderr, "cannot begin: %s\n", store_errmsg(st));
		abort();
	}
}

static inline int
fuzz_end(struct store *st, int rc)
{
	if (rc) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st);
}

/* A new database with konkordat's schema and nothing in it. */
static inline struct store *
fuzz_store_new(void)
{
	struct store *st;
	char *msg;

	if (store_open(":memory:", STORE_CREATE, &st, &msg)) {
		fprintf(stderr, "%s\n", msg);
		abort();
	}
	return st;
}

/* The image of an empty database, made at the first call. */
static inline const struct store_image *
fuzz_store_empty(void)
{
	static struct store_image *img;

	if (!img) {
		struct store *st = fuzz_store_new();

		img = fuzz_store_take(st);
		store_close(st);
	}
	return img;
}

/*
 * The input of a target that reads several files: the files one after
 * the other, each ended by a line "===" (the last one need not be).
 * Returns how many files there are, at most MAX; each is DATA[i], LEN[i].
 */
static inline size_t
fuzz_split(const uint8_t *data, size_t size, const char **part,
    size_t *len, size_t max)
{
	const char *p = (const char *)data, *end = p + size;
	size_t n = 0;

	while (n < max && p < end) {
		const char *q = p, *sep = NULL;

		for (; q + 4 <= end; q++)
			if ((q == p || q[-1] == '\n') && !memcmp(q, "===", 3) &&
			    q[3] == '\n') {
				sep = q;
				break;
			}
		part[n] = p;
		len[n++] = (size_t)((sep ? sep : end) - p);
		p = sep ? sep + 4 : end;
	}
	return n;
}

/*
 * Read the YAML files PART[0..N) (named NAME-0.yaml, ...) into IM as
 * import_read() would from files. KK_EINPUT with diagnostics in
 * IM->diags when one does not read.
 */
static inline int
fuzz_import_read(struct import *im, const char *name, const char **part,
    const size_t *len, size_t n)
{
	size_t i;
	int rc = KK_OK;

	for (i = 0; i < n; i++) {
		char *path = xasprintf("%s-%zu.yaml", name, i);

		if (im->ndocs == im->cap) {
			im->cap = im->cap ? 2 * im->cap : 8;
			im->docs = xrealloc(im->docs,
			    im->cap * sizeof(*im->docs));
		}
		if (yaml_read_doc(im->arena, arena_strdup(im->arena, path),
		    part[i], len[i], &im->docs[im->ndocs], &im->diags) ==
		    KK_OK)
			im->ndocs++;
		else
			rc = KK_EINPUT;
		free(path);
	}
	return rc;
}

/*
 * The Lucerne example (the YAML files of examples/luzern/ in the source
 * tree) imported into a new database, as an image made at the first call.
 */
static inline const struct store_image *
fuzz_store_luzern(void)
{
	static const char *const files[] = { "kanton-luzern.yaml",
	    "stadt-luzern.yaml", "vlg.yaml", "iggi.yaml",
	    "organisation.yaml" };
	static struct store_image *img;
	struct store *st;
	struct import im;
	size_t i;

	if (img)
		return img;
	st = fuzz_store_new();
	import_init(&im);
	for (i = 0; i < KK_ARRAY_SIZE(files); i++) {
		char *path = xasprintf("%s/examples/luzern/%s", KK_FUZZ_SRCDIR,
		    files[i]);

		if (import_read(&im, path)) {
			diags_print(&im.diags, stderr);
			abort();
		}
		free(path);
	}
	fuzz_begin(st);
	if (fuzz_end(st, import_check(&im, st) ||
	    import_write(&im, st, NULL, NULL))) {
		diags_print(&im.diags, stderr);
		fprintf(stderr, "%s\n", store_errmsg(st));
		abort();
	}
	import_release(&im);
	img = fuzz_store_take(st);
	store_close(st);
	return img;
}

#endif
