/* writers.c: concurrent writers on one database, as a server's request threads are: throughput, conflicts, lost updates. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "edit.h"
#include "konkordat.h"
#include "store.h"

/*
 * usage: bench-writers LOCATION EXAMPLE_DIR THREADS EDITS [same]
 *
 * LOCATION (a file or a postgresql:// URI) gets the Lucerne example of
 * EXAMPLE_DIR, then THREADS threads, each with a connection of its own,
 * make EDITS edits each, as a web form does: read a goal in one
 * transaction, write it back changed in another, against the version
 * read (edit_put_item()). Each edit adds one to a count kept in the
 * goal's text; a writer that gets KK_ECONFLICT (someone wrote the goal in
 * between) or KK_EBUSY reads again and retries. Without "same" each
 * thread edits a goal of its own (the example has enough); with it, all
 * edit one goal. At the end, the counts in the goals must add up to the
 * edits that were committed: the difference is the number of lost
 * updates, which must be 0. Prints one line:
 *   threads N edits N committed N conflicts N busy N lost N seconds S per_second R
 * and exits 1 when an update was lost or a writer failed otherwise.
 */

struct goal {
	const char *strategy, *id;
};

struct writer {
	pthread_t thread;
	const char *location;
	const struct goal *goal;
	int n, edits;
	long committed, conflicts, busy;
	int failed;		/* the first failure not to retry, or 0 */
	char why[256];
};

static const char *const example[] = {
	"kanton-luzern.yaml", "stadt-luzern.yaml", "vlg.yaml", "iggi.yaml",
	"organisation.yaml",
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The stored item, its strings in A; KK_ENOTFOUND when it is not there. */
static int
read_goal(struct store *st, struct arena *a, const struct goal *g,
    struct kk_item *out)
{
	struct kk_strategy *ss;
	size_t n, i;
	int rc;

	if ((rc = store_begin_read(st)) != KK_OK)
		return rc;
	rc = store_list_strategies(st, a, &ss, &n);
	store_end_read(st);
	for (i = 0; !rc && i < n; i++)
		if (!strcmp(ss[i].id, g->strategy)) {
			const struct kk_item *it = kk_strategy_find(&ss[i],
			    g->id);

			if (!it)
				return KK_ENOTFOUND;
			*out = *it;
			return KK_OK;
		}
	return rc ? rc : KK_ENOTFOUND;
}

/* The count an edit keeps in a goal's text: 0 for the text it had. */
static long
count_of(const struct kk_item *it)
{
	char *end;
	long n;

	if (!it->text || strncmp(it->text, "edits: ", 7))
		return 0;
	n = strtol(it->text + 7, &end, 10);
	return *end ? 0 : n;
}

static const char *
last_error(const struct kk_diags *d)
{
	size_t i = d->n;

	while (i-- > 0)
		if (!d->v[i].warning)
			return d->v[i].msg;
	return "";
}

static void *
write_goal(void *arg)
{
	struct writer *w = arg;
	char name[32];
	struct store_actor who = { name, NULL, "bench" };
	struct store *st;
	char *msg = NULL;
	int done = 0;

	snprintf(name, sizeof(name), "writer-%d", w->n);
	if (store_open(w->location, STORE_EXISTING, &st, &msg)) {
		snprintf(w->why, sizeof(w->why), "%s", msg);
		free(msg);
		w->failed = KK_EIO;
		return NULL;
	}
	while (done < w->edits && !w->failed) {
		struct arena *a = arena_new();
		struct kk_diags d;
		struct kk_item it;
		char text[32];
		int rc;

		diags_init(&d);
		rc = read_goal(st, a, w->goal, &it);
		if (!rc) {
			snprintf(text, sizeof(text), "edits: %ld",
			    count_of(&it) + 1);
			it.text = text;
			rc = store_begin(st, &who);
			if (!rc)
				rc = edit_put_item(st, w->goal->strategy, &it,
				    &d);
			if (!rc)
				rc = store_commit(st);
			else
				store_rollback(st);
		}
		if (rc == KK_OK) {
			w->committed++;
			done++;
		} else if (rc == KK_ECONFLICT) {
			w->conflicts++;
		} else if (rc == KK_EBUSY) {
			w->busy++;
		} else {
			w->failed = rc;
			snprintf(w->why, sizeof(w->why), "%s",
			    d.nerrors ? last_error(&d) : store_errmsg(st));
		}
		diags_release(&d);
		arena_free(a);
	}
	store_close(st);
	return NULL;
}

/* Import the example into LOCATION; 0 or -1 having said why. */
static int
set_up(const char *location, const char *dir)
{
	static const struct store_actor who = { "bench", NULL, NULL };
	struct store *st;
	struct import im;
	char *msg = NULL;
	size_t i;
	int rc;

	if (store_open(location, STORE_CREATE, &st, &msg)) {
		fprintf(stderr, "bench-writers: %s\n", msg);
		free(msg);
		return -1;
	}
	import_init(&im);
	for (i = 0; i < KK_ARRAY_SIZE(example); i++) {
		char *path = xasprintf("%s/%s", dir, example[i]);

		import_read(&im, path);
		free(path);
	}
	rc = im.diags.nerrors ? KK_EINPUT : store_begin(st, &who);
	if (!rc)
		rc = import_check(&im, st);
	if (!rc)
		rc = import_write(&im, st, NULL, NULL);
	rc = rc ? (store_rollback(st), rc) : store_commit(st);
	if (rc) {
		diags_print(&im.diags, stderr);
		fprintf(stderr, "bench-writers: cannot import the example: "
		    "%s\n", store_errmsg(st));
	}
	import_release(&im);
	store_close(st);
	return rc ? -1 : 0;
}

/* Up to MAX goals of the example, in G; how many. */
static size_t
list_goals(const char *location, struct arena *a, struct goal *g, size_t max)
{
	struct kk_strategy *ss;
	struct store *st;
	char *msg = NULL;
	size_t n = 0, ns, i, j;

	if (store_open(location, STORE_READONLY, &st, &msg)) {
		fprintf(stderr, "bench-writers: %s\n", msg);
		free(msg);
		return 0;
	}
	if (!store_list_strategies(st, a, &ss, &ns))
		for (i = 0; i < ns; i++)
			for (j = 0; j < ss[i].nitems && n < max; j++)
				if (ss[i].items[j].kind == KK_GOAL) {
					g[n].strategy = ss[i].id;
					g[n++].id = ss[i].items[j].id;
				}
	store_close(st);
	return n;
}

int
main(int argc, char **argv)
{
	struct arena *a = arena_new();
	struct writer *w;
	struct goal *goals;
	long committed = 0, conflicts = 0, busy = 0, counted = 0;
	size_t ngoals, i;
	double t0, t1;
	bool same;
	int nthreads, edits, failed = 0;

	if (argc < 5 || argc > 6 || (argc == 6 && strcmp(argv[5], "same"))) {
		fprintf(stderr, "usage: bench-writers LOCATION EXAMPLE_DIR "
		    "THREADS EDITS [same]\n");
		return 2;
	}
	nthreads = (int)strtol(argv[3], NULL, 10);
	edits = (int)strtol(argv[4], NULL, 10);
	same = argc == 6;
	if (nthreads < 1 || nthreads > 256 || edits < 1)
		return 2;
	if (set_up(argv[1], argv[2]))
		return 1;
	goals = arena_calloc(a, (size_t)nthreads, sizeof(*goals));
	ngoals = list_goals(argv[1], a, goals, (size_t)nthreads);
	if (ngoals < (same ? 1 : (size_t)nthreads)) {
		fprintf(stderr, "bench-writers: the example has %zu goals for "
		    "%d threads\n", ngoals, nthreads);
		return 1;
	}
	w = calloc((size_t)nthreads, sizeof(*w));
	t0 = now();
	for (i = 0; i < (size_t)nthreads; i++) {
		w[i].location = argv[1];
		w[i].goal = &goals[same ? 0 : i];
		w[i].n = (int)i;
		w[i].edits = edits;
		if ((errno = pthread_create(&w[i].thread, NULL, write_goal,
		    &w[i])) != 0) {
			perror("bench-writers: pthread_create");
			return 1;
		}
	}
	for (i = 0; i < (size_t)nthreads; i++) {
		pthread_join(w[i].thread, NULL);
		committed += w[i].committed;
		conflicts += w[i].conflicts;
		busy += w[i].busy;
		if (w[i].failed) {
			fprintf(stderr, "bench-writers: writer %zu: %s\n", i,
			    w[i].why);
			failed = 1;
		}
	}
	t1 = now();

	/* what the goals count, read afresh */
	{
		struct store *st;
		char *msg = NULL;

		if (store_open(argv[1], STORE_READONLY, &st, &msg)) {
			fprintf(stderr, "bench-writers: %s\n", msg);
			return 1;
		}
		for (i = 0; i < (same ? 1 : (size_t)nthreads); i++) {
			struct kk_item it;

			if (read_goal(st, a, &goals[i], &it) == KK_OK)
				counted += count_of(&it);
		}
		store_close(st);
	}
	printf("threads %d edits %d committed %ld conflicts %ld busy %ld "
	    "lost %ld seconds %.2f per_second %.1f\n", nthreads, edits,
	    committed, conflicts, busy, committed - counted, t1 - t0,
	    (double)committed / (t1 - t0));
	free(w);
	arena_free(a);
	return failed || committed != counted;
}
