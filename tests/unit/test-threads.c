/* test-threads.c: alignment, cost shares, the report and the store from eight threads at once, as a server would call them. */
#include "align.h"
#include "konkordat.h"
#include "store.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tempdb.h"

/*
 * Built with ThreadSanitizer (KK_TSAN) this finds any state the threads
 * share without a lock; in every build it checks that what each thread
 * computes equals what one thread alone computes, in its own language.
 */

#define NTHREADS 8

static const char *const langs[] = { "de", "fr", "it", "en" };
/* the start of the report's HTML title in each language */
static const char *const titles[] = { "<title>Planungsbericht",
    "<title>Rapport de planification", "<title>Rapporto di pianificazione",
    "<title>Planning report" };
static const char *const example[] = { "organisation.yaml",
    "kanton-luzern.yaml", "stadt-luzern.yaml", "vlg.yaml", "iggi.yaml" };

static const struct align_item items[] = {
	{ "a.1", "a", "goal", "de", "Informationssicherheit und Datenschutz",
	  "Die Daten der Bevölkerung sind geschützt." },
	{ "a.2", "a", "principle", "de", "Offenheit und Transparenz", NULL },
	{ "b.1", "b", "goal", "fr", "Sécurité de l'information et "
	  "protection des données", NULL },
	{ "b.2", "b", "principle", "fr", "Ouverture et transparence", NULL },
	{ "c.1", "c", "field", "it", "Sicurezza delle informazioni e "
	  "protezione dei dati", NULL },
	{ "d.1", "d", "principle", "en", "Openness and transparency of the "
	  "administration", NULL },
	{ "d.2", "d", "measure", "en", "Replace the heating of the archive "
	  "building", NULL },
};

static char dbpath[64];
static align_lexicon *lex;	/* loaded once, shared by all threads */
static char *expect_report[KK_ARRAY_SIZE(langs)];
static char *expect_align;

/* The report of the database in LANG as HTML, read through a connection
   of its own; NULL if it cannot be written. */
static char *
report_of(const char *lang)
{
	struct report_opts o = { NULL, lang, "2013-06-30" };
	struct store *st = NULL;
	struct report r;
	char *out = NULL, *msg = NULL;
	size_t len = 0;
	FILE *fp;
	int rc;

	if (store_open(dbpath, STORE_READONLY, &st, &msg)) {
		fprintf(stderr, "%s\n", msg);
		free(msg);
		return NULL;
	}
	rc = report_load(&r, st, &o, &msg);
	if (!rc && (fp = open_memstream(&out, &len))) {
		rc = report_html(&r, fp);
		rc |= fclose(fp);
	}
	if (rc && msg)
		fprintf(stderr, "%s\n", msg);
	free(msg);
	report_release(&r);
	store_close(st);
	if (rc) {
		free(out);
		return NULL;
	}
	return out;
}

/* The groups of the items as text: ids, relations and scores. */
static char *
align_of(void)
{
	struct align_opts o;
	struct buf b = BUF_INIT;
	align_set *s;
	char *msg = NULL;
	size_t i, j;

	align_opts_init(&o);
	o.threads = 1;
	s = align_new(lex, &o);
	for (i = 0; i < KK_ARRAY_SIZE(items); i++)
		if (align_add(s, &items[i], &msg)) {
			free(msg);
			align_free(s);
			return NULL;
		}
	if (align_run(s)) {
		align_free(s);
		return NULL;
	}
	for (i = 0; i < align_ngroups(s); i++) {
		const struct align_group *g = align_group(s, i);

		buf_addf(&b, "%s %s:", g->id, g->label_item);
		for (j = 0; j < g->nmembers; j++)
			buf_addf(&b, " %s/%d/%.6f", g->members[j].item,
			    (int)g->members[j].rel, g->members[j].score);
		buf_adds(&b, "\n");
	}
	align_free(s);
	return buf_detach(&b, NULL);
}

struct job {
	size_t lang;
	int faults;
};

static void *
work(void *arg)
{
	struct job *j = arg;
	char *html = report_of(langs[j->lang]);
	char *groups = align_of();

	if (!html || strcmp(html, expect_report[j->lang])) {
		fprintf(stderr, "the %s report differs from one thread's\n",
		    langs[j->lang]);
		j->faults++;
	}
	if (!groups || strcmp(groups, expect_align)) {
		fprintf(stderr, "the groups differ from one thread's\n");
		j->faults++;
	}
	free(html);
	free(groups);
	return NULL;
}

static int
setup(void **state)
{
	const char *src = getenv("KK_SRCDIR");
	struct align_lexicon_opts lo;
	struct import im;
	char *path[KK_ARRAY_SIZE(example)];
	struct store *st;
	char *msg = NULL;
	size_t i;
	bool ok;

	st = tempdb_open(dbpath, "threads");
	import_init(&im);
	for (i = 0; i < KK_ARRAY_SIZE(example); i++) {
		path[i] = xasprintf("%s/examples/luzern/%s", src ? src : ".",
		    example[i]);
		import_read(&im, path[i]);
	}
	ok = !im.diags.nerrors && !store_begin(st, &tempdb_actor) &&
	    !import_check(&im, st) && !import_write(&im, st, NULL, NULL) &&
	    !store_commit(st);
	if (!ok)
		diags_print(&im.diags, stderr);
	import_release(&im);
	store_close(st);
	for (i = 0; i < KK_ARRAY_SIZE(example); i++)
		free(path[i]);
	if (!ok)
		return -1;
	align_lexicon_opts_init(&lo);
	lo.use_system = false;
	lo.quiet = true;
	if (align_lexicon_load(&lo, &lex, &msg)) {
		fprintf(stderr, "%s\n", msg);
		free(msg);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	char more[80];
	size_t i;

	for (i = 0; i < KK_ARRAY_SIZE(langs); i++)
		free(expect_report[i]);
	free(expect_align);
	align_lexicon_free(lex);
	unlink(dbpath);
	snprintf(more, sizeof(more), "%s-wal", dbpath);
	unlink(more);
	snprintf(more, sizeof(more), "%s-shm", dbpath);
	unlink(more);
	return 0;
}

/* One thread first: each language's report in its language. */
static void
test_one_thread(void **state)
{
	size_t i;

	for (i = 0; i < KK_ARRAY_SIZE(langs); i++) {
		char tag[32];

		expect_report[i] = report_of(langs[i]);
		assert_non_null(expect_report[i]);
		snprintf(tag, sizeof(tag), "<html lang=\"%s\"", langs[i]);
		assert_non_null(strstr(expect_report[i], tag));
		assert_non_null(strstr(expect_report[i], titles[i]));
		if (i)
			assert_null(strstr(expect_report[i], titles[0]));
	}
	expect_align = align_of();
	assert_non_null(expect_align);
	/* the three security items are one group */
	assert_non_null(strstr(expect_align, "a.1"));
}

/* Then eight at once, two per language: the same results. */
static void
test_eight_threads(void **state)
{
	pthread_t tid[NTHREADS];
	struct job jobs[NTHREADS];
	size_t i;

	assert_non_null(expect_align);
	for (i = 0; i < NTHREADS; i++) {
		jobs[i].lang = i % KK_ARRAY_SIZE(langs);
		jobs[i].faults = 0;
		assert_int_equal(pthread_create(&tid[i], NULL, work, &jobs[i]),
		    0);
	}
	for (i = 0; i < NTHREADS; i++)
		assert_int_equal(pthread_join(tid[i], NULL), 0);
	for (i = 0; i < NTHREADS; i++)
		assert_int_equal(jobs[i].faults, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_thread),
		cmocka_unit_test(test_eight_threads),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
