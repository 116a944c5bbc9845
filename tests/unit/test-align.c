/* test-align.c: grouping, decisions, relations, the lexicon and its cache. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "align-impl.h"
#include "skip.h"

static align_lexicon *lex;	/* built in only: the same everywhere */

static int
setup(void **state)
{
	struct align_lexicon_opts o;
	char *msg;

	align_lexicon_opts_init(&o);
	o.use_system = false;
	o.quiet = true;
	return align_lexicon_load(&o, &lex, &msg);
}

static int
teardown(void **state)
{
	align_lexicon_free(lex);
	return 0;
}

/* Three parties, three languages, two concerns and one odd item. */
static const struct align_item items[] = {
	{ "a.1", "a", "goal", "de", "Informationssicherheit und Datenschutz",
	  "Die Daten der Bevölkerung sind geschützt." },
	{ "a.2", "a", "principle", "de", "Offenheit und Transparenz", NULL },
	{ "b.1", "b", "goal", "fr", "Sécurité de l'information et "
	  "protection des données", NULL },
	{ "b.2", "b", "principle", "fr", "Ouverture et transparence", NULL },
	{ "c.1", "c", "field", "en", "Information security and data "
	  "protection", NULL },
	{ "c.2", "c", "principle", "", "Openness and transparency of the "
	  "administration", NULL },
	{ "c.3", "c", "measure", "en", "Replace the heating of the archive "
	  "building", NULL },
};

static align_set *
make_set(const struct align_opts *o)
{
	align_set *s = align_new(lex, o);
	size_t i;
	char *msg;

	for (i = 0; i < KK_ARRAY_SIZE(items); i++)
		assert_int_equal(align_add(s, &items[i], &msg), KK_OK);
	return s;
}

/* The group that ITEM is equivalent to. */
static const struct align_group *
group_of(const align_set *s, const char *item)
{
	size_t i, j;

	for (i = 0; i < align_ngroups(s); i++) {
		const struct align_group *g = align_group(s, i);

		for (j = 0; j < g->nmembers; j++)
			if (!strcmp(g->members[j].item, item) &&
			    g->members[j].rel == ALIGN_EQUIVALENT)
				return g;
	}
	fail_msg("item '%s' is in no group", item);
	return NULL;
}

static const struct align_member *
member(const struct align_group *g, const char *item)
{
	size_t j;

	for (j = 0; j < g->nmembers; j++)
		if (!strcmp(g->members[j].item, item))
			return &g->members[j];
	return NULL;
}

static void
test_groups_across_languages(void **state)
{
	align_set *s = make_set(NULL);
	const struct align_group *g1, *g2, *g3;
	size_t i, j, n = 0;

	assert_int_equal(align_run(s), KK_OK);
	g1 = group_of(s, "a.1");
	g2 = group_of(s, "a.2");
	g3 = group_of(s, "c.3");
	assert_ptr_equal(group_of(s, "b.1"), g1);
	assert_ptr_equal(group_of(s, "c.1"), g1);
	assert_ptr_equal(group_of(s, "b.2"), g2);
	assert_ptr_equal(group_of(s, "c.2"), g2);
	assert_ptr_not_equal(g1, g2);
	assert_ptr_not_equal(g3, g1);
	assert_ptr_not_equal(g3, g2);
	/* every item is equivalent to exactly one group */
	for (i = 0; i < align_ngroups(s); i++) {
		const struct align_group *g = align_group(s, i);

		assert_non_null(g->label);
		assert_non_null(member(g, g->label_item));
		for (j = 0; j < g->nmembers; j++) {
			assert_true(g->members[j].confidence >= 0 &&
			    g->members[j].confidence <= 1);
			assert_non_null(g->members[j].why);
			assert_true(g->members[j].why[0] != '\0');
			n += g->members[j].rel == ALIGN_EQUIVALENT;
		}
	}
	assert_int_equal(n, KK_ARRAY_SIZE(items));
	/* largest groups first; the odd item alone, with full confidence */
	assert_int_equal(align_group(s, 0)->nmembers >= 3, 1);
	assert_int_equal(g3->nmembers, 1);
	assert_true(member(g3, "c.3")->confidence == 1);
	/* the detected language of c.2 */
	assert_string_equal(align_item_lang(s, "c.2"), "en");
	align_free(s);
}

static void
test_explanations_are_readable(void **state)
{
	align_set *s = make_set(NULL);
	char *why;

	align_run(s);
	why = align_explain(s, "a.2", "b.2");
	/* the words of both sides, and through what they met */
	assert_non_null(strstr(why, "Transparenz"));
	assert_non_null(strstr(why, "transparence"));
	assert_non_null(strstr(why, "thesaurus"));
	free(why);
	assert_true(align_similarity(s, "a.2", "b.2") > 0.27);
	assert_true(align_similarity(s, "a.2", "c.3") < 0.1);
	assert_true(align_similarity(s, "a.2", "nope") == 0);
	align_free(s);
}

static void
test_min_score_splits_groups(void **state)
{
	struct align_opts o;
	align_set *s;

	align_opts_init(&o);
	o.min_score = 1.0;	/* nothing is that similar */
	s = make_set(&o);
	align_run(s);
	assert_int_equal(align_ngroups(s), KK_ARRAY_SIZE(items));
	align_free(s);
}

static void
test_pins_are_kept(void **state)
{
	align_set *s = make_set(NULL);
	const struct align_group *g;

	/* earlier decisions: the odd item belongs with openness, and the
	   security items form the common item "C-sec" */
	align_pin(s, "c.3", "C-open");
	align_pin(s, "a.2", "C-open");
	align_pin(s, "b.1", "C-sec");
	align_pin(s, "gone.1", "C-sec");	/* an item no longer there */
	align_run(s);
	g = group_of(s, "c.3");
	assert_string_equal(g->id, "C-open");
	assert_ptr_equal(group_of(s, "a.2"), g);
	assert_true(member(g, "c.3")->pinned);
	assert_false(member(g, "b.2")->pinned);
	assert_string_equal(member(g, "c.3")->why,
	    "pinned by an earlier decision");
	/* the rest still joins by similarity */
	assert_ptr_equal(group_of(s, "b.2"), g);
	g = group_of(s, "b.1");
	assert_string_equal(g->id, "C-sec");
	assert_ptr_equal(group_of(s, "a.1"), g);
	align_free(s);
}

static void
test_two_pinned_groups_never_merge(void **state)
{
	align_set *s = make_set(NULL);

	align_pin(s, "a.1", "K1");
	align_pin(s, "b.1", "K2");
	align_run(s);
	assert_ptr_not_equal(group_of(s, "a.1"), group_of(s, "b.1"));
	assert_string_equal(group_of(s, "a.1")->id, "K1");
	assert_string_equal(group_of(s, "b.1")->id, "K2");
	align_free(s);
}

static void
test_rejected_pairs_are_never_proposed(void **state)
{
	align_set *s = make_set(NULL);
	const struct align_group *g;

	align_reject_pair(s, "b.2", "a.2");
	align_run(s);
	assert_ptr_not_equal(group_of(s, "a.2"), group_of(s, "b.2"));
	/* not as a link either */
	g = group_of(s, "a.2");
	assert_null(member(g, "b.2"));
	g = group_of(s, "b.2");
	assert_null(member(g, "a.2"));
	align_free(s);
}

static void
test_rejected_group_is_never_joined(void **state)
{
	align_set *s = make_set(NULL);
	const struct align_group *g;

	align_pin(s, "a.1", "C-sec");
	align_reject_group(s, "c.1", "C-sec");
	align_run(s);
	g = group_of(s, "a.1");
	assert_string_equal(g->id, "C-sec");
	assert_null(member(g, "c.1"));	/* not even as a link */
	assert_ptr_not_equal(group_of(s, "c.1"), g);
	align_free(s);
}

static void
test_relations_follow_kinds(void **state)
{
	/* two pinned groups never merge, so the field and the goal stay
	   apart and each is close enough to the other's group for a link */
	static const struct align_item more[] = {
		{ "p.f", "p", "field", "de", "Datenschutz und Sicherheit",
		  NULL },
		{ "q.g", "q", "goal", "de", "Datenschutz verbessern", NULL },
		{ "q.m", "q", "measure", "de", "Datenschutz und Sicherheit "
		  "schulen", NULL },
	};
	struct align_opts o;
	align_set *s;
	size_t i, j, links = 0, broader = 0, narrower = 0;
	char *msg;

	align_opts_init(&o);
	o.links_in_groups = true;
	s = align_new(lex, &o);
	for (i = 0; i < KK_ARRAY_SIZE(more); i++)
		assert_int_equal(align_add(s, &more[i], &msg), KK_OK);
	align_pin(s, "p.f", "K-field");
	align_pin(s, "q.g", "K-goal");
	align_run(s);
	assert_ptr_not_equal(group_of(s, "p.f"), group_of(s, "q.g"));
	for (i = 0; i < align_ngroups(s); i++) {
		const struct align_group *g = align_group(s, i);

		for (j = 0; j < g->nmembers; j++) {
			const struct align_member *m = &g->members[j];
			const char *centre = g->label_item;

			if (m->rel == ALIGN_EQUIVALENT)
				continue;
			links++;
			assert_true(m->confidence > 0 && m->confidence <= 1);
			/* a field is broader than a goal or a measure */
			if (!strcmp(m->item, "p.f")) {
				assert_int_equal(m->rel, ALIGN_BROADER);
				broader++;
			}
			if (!strcmp(centre, "p.f")) {
				assert_int_equal(m->rel, ALIGN_NARROWER);
				narrower++;
			}
		}
	}
	/* the field links to the goal's group, the goal to the field's */
	assert_int_equal(broader, 1);
	assert_int_equal(narrower, 1);
	assert_int_equal(links, 2);
	align_free(s);

	/* without links_in_groups, groups hold their equivalents only */
	o.links_in_groups = false;
	s = align_new(lex, &o);
	for (i = 0; i < KK_ARRAY_SIZE(more); i++)
		assert_int_equal(align_add(s, &more[i], &msg), KK_OK);
	align_pin(s, "p.f", "K-field");
	align_pin(s, "q.g", "K-goal");
	align_run(s);
	for (i = 0; i < align_ngroups(s); i++)
		for (j = 0; j < align_group(s, i)->nmembers; j++)
			assert_int_equal(align_group(s, i)->members[j].rel,
			    ALIGN_EQUIVALENT);
	align_free(s);
}

/*
 * Pairs from the Lucerne example that once made absurd proposals: two
 * goals that share only "nutzen", school IT and support for small
 * municipalities that share only generic words. None is proposed, as an
 * equivalent or as a link, and no member of a group of several says that
 * it shares nothing.
 */
static const struct align_item generic_pairs[] = {
	{ "s.z12", "s", "goal", "de", "Geodaten nutzen", "Geodaten werden "
	  "zentral gepflegt und allen Direktionen für Planung, Bau und "
	  "Unterhalt bereitgestellt." },
	{ "k.z18", "k", "goal", "de", "Geräte länger nutzen", "Geräte bleiben "
	  "so lange im Einsatz, wie es wirtschaftlich und sicher ist, und "
	  "werden fachgerecht entsorgt." },
	{ "s.hf3", "s", "field", "de", "Schulinformatik", "Die Volksschulen "
	  "der Stadt verfügen über eine zeitgemässe und zuverlässig betreute "
	  "Informatik." },
	{ "v.hf2", "v", "field", "de", "Unterstützung kleiner Gemeinden",
	  "Auch Gemeinden mit wenigen Mitarbeitenden verfügen über eine "
	  "sichere und zeitgemässe Informatik." },
	{ "s.hf4", "s", "field", "de", "Informationssicherheit", "Die Daten "
	  "der Stadt sind vor unbefugtem Zugriff geschützt." },
	{ "k.hf3", "k", "field", "de", "Informationssicherheit", "Daten und "
	  "Systeme des Kantons sind angemessen geschützt und verfügbar." },
};

static void
test_no_proposal_rests_on_generic_words(void **state)
{
	struct align_opts o;
	align_set *s;
	size_t i, j;
	char *msg, *why;

	align_opts_init(&o);
	o.links_in_groups = true;
	s = align_new(lex, &o);
	for (i = 0; i < KK_ARRAY_SIZE(generic_pairs); i++)
		assert_int_equal(align_add(s, &generic_pairs[i], &msg), KK_OK);
	align_run(s);
	assert_ptr_not_equal(group_of(s, "s.z12"), group_of(s, "k.z18"));
	assert_null(member(group_of(s, "s.z12"), "k.z18"));
	assert_null(member(group_of(s, "k.z18"), "s.z12"));
	assert_ptr_not_equal(group_of(s, "s.hf3"), group_of(s, "v.hf2"));
	assert_null(member(group_of(s, "s.hf3"), "v.hf2"));
	assert_null(member(group_of(s, "v.hf2"), "s.hf3"));
	/* what does hold still meets */
	assert_ptr_equal(group_of(s, "s.hf4"), group_of(s, "k.hf3"));
	for (i = 0; i < align_ngroups(s); i++) {
		const struct align_group *g = align_group(s, i);

		for (j = 0; j < g->nmembers && g->nmembers > 1; j++)
			assert_null(strstr(g->members[j].why, "no shared"));
	}
	/* the evidence is weighted, and says which words are generic */
	why = align_explain(s, "s.z12", "k.z18");
	assert_non_null(strstr(why, "nutzen"));
	assert_non_null(strstr(why, "(generic word)"));
	assert_non_null(strstr(why, "%"));
	free(why);
	align_free(s);
}

static void
test_bad_items_are_refused(void **state)
{
	align_set *s = align_new(lex, NULL);
	struct align_item it = { "x.1", "x", NULL, "de", "Titel", NULL };
	char *msg;

	assert_int_equal(align_add(s, &it, &msg), KK_OK);
	assert_int_equal(align_add(s, &it, &msg), KK_EINPUT);
	assert_non_null(strstr(msg, "twice"));
	free(msg);
	it.id = "";
	assert_int_equal(align_add(s, &it, &msg), KK_EINPUT);
	free(msg);
	it.id = "x.2";
	it.title = "";
	assert_int_equal(align_add(s, &it, &msg), KK_EINPUT);
	free(msg);
	align_run(s);
	assert_int_equal(align_ngroups(s), 1);
	align_free(s);
	align_free(NULL);
}

static void
test_empty_set(void **state)
{
	align_set *s = align_new(lex, NULL);

	assert_int_equal(align_run(s), KK_OK);
	assert_int_equal(align_ngroups(s), 0);
	align_free(s);
}

/* ---- the lexicon, on small resources written here ---------------------- */

static char tmpdir[64];

static void
write_file(const char *rel, const char *text)
{
	char *p = xasprintf("%s/%s", tmpdir, rel);
	FILE *fp = fopen(p, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	free(p);
}

/* A dictd pair: the entries gzip-compressed, the index in base64. */
static void
write_dictd(const char *name, const char *const *entries, size_t n)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char *dz = xasprintf("%s/dictd/%s.dict.dz", tmpdir, name);
	struct buf index = BUF_INIT;
	gzFile gz = gzopen(dz, "wb");
	size_t i, off = 0;

	assert_non_null(gz);
	for (i = 0; i < n; i++) {
		size_t len = strlen(entries[i]);
		char o[8], l[8];
		int k;

		gzwrite(gz, entries[i], (unsigned)len);
		for (k = 3; k >= 0; k--) {
			o[3 - k] = b64[(off >> (6 * k)) & 63];
			l[3 - k] = b64[(len >> (6 * k)) & 63];
		}
		o[4] = l[4] = '\0';
		buf_addf(&index, "%.*s\t%s\t%s\n", (int)strcspn(entries[i],
		    " "), entries[i], o, l);
		off += len;
	}
	gzclose(gz);
	free(dz);
	dz = xasprintf("dictd/%s.index", name);
	write_file(dz, index.s);
	free(dz);
	buf_release(&index);
}

static int
setup_share(void **state)
{
	static const char *const deu_eng[] = {
		"00-database-info\nThis is a test.\n",
		("Behörde /bəˈhøːɐ̯də/ <fem, n, sg>\n [adm.] authority <n>, "
		"public authority\n see: {Amt}\n"),
		"Datenschutz /x/ <masc>\ndata protection <n>, privacy\n",
		"Beispiel <n>\n      \"ein Beispiel\" - an example\n",
	};
	static const char *const fra_deu[] = {
		("sécurité /se.ky.ʁi.te/ <n, fem>\n1. Sicherheit, Geborgenheit\n"
		"Gloss in French that is no translation\n"),
	};
	char *p;

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/kk-test-lexicon-XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	p = xasprintf("%s/dictd", tmpdir);
	mkdir(p, 0777);
	free(p);
	p = xasprintf("%s/mythes", tmpdir);
	mkdir(p, 0777);
	free(p);
	write_dictd("freedict-deu-eng", deu_eng, KK_ARRAY_SIZE(deu_eng));
	write_dictd("freedict-fra-deu", fra_deu, KK_ARRAY_SIZE(fra_deu));
	write_file("mythes/th_de_CH_v2.dat", "UTF-8\nbehörde|1\n"
	    "-|Amt|Dienststelle|Verwaltung (Oberbegriff)\n");
	return setup(state);
}

static int
teardown_share(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	int rc = system(cmd);

	free(cmd);
	(void)rc;
	return teardown(state);
}

static bool
has_link(align_lexicon *l, int from_lang, const char *from, int to_lang,
    const char *to, enum link_kind kind)
{
	struct textproc *tp = lexicon_textproc(l);
	struct buf a = BUF_INIT, b = BUF_INIT;
	struct lex_link links[64];
	size_t n, i;
	bool found = false;

	buf_addf(&a, "%s:", lang_codes[from_lang]);
	text_key(tp, from_lang, from, strlen(from), &a);
	buf_addf(&b, "%s:", lang_codes[to_lang]);
	text_key(tp, to_lang, to, strlen(to), &b);
	n = lexicon_links(l, a.s, links, 64);
	for (i = 0; i < n; i++)
		found |= !strcmp(links[i].term, b.s) && links[i].kind == kind;
	buf_release(&a);
	buf_release(&b);
	return found;
}

static align_lexicon *
load_share(const char *cache)
{
	struct align_lexicon_opts o;
	align_lexicon *l;
	char *msg;

	align_lexicon_opts_init(&o);
	o.share_dir = tmpdir;
	o.cache_dir = cache;
	o.quiet = true;
	assert_int_equal(align_lexicon_load(&o, &l, &msg), KK_OK);
	return l;
}

static void
test_lexicon_reads_freedict_and_mythes(void **state)
{
	align_lexicon *l = load_share("");

	assert_true(align_lexicon_has(l, "freedict-deu-eng"));
	assert_true(align_lexicon_has(l, "dict-freedict-fra-deu"));
	assert_true(align_lexicon_has(l, "mythes-de-ch"));
	assert_false(align_lexicon_has(l, "mythes-fr"));
	assert_false(align_lexicon_has(l, "freedict-eng-ita"));
	/* translations, both ways; domain tags and examples left out */
	assert_true(has_link(l, LANG_DE, "Behörde", LANG_EN, "authority",
	    LINK_TRANSLATION));
	assert_true(has_link(l, LANG_EN, "public authority", LANG_DE,
	    "Behörde", LINK_TRANSLATION));
	assert_true(has_link(l, LANG_DE, "Datenschutz", LANG_EN,
	    "data protection", LINK_TRANSLATION));
	assert_false(has_link(l, LANG_DE, "Beispiel", LANG_EN, "example",
	    LINK_TRANSLATION));
	assert_true(has_link(l, LANG_FR, "sécurité", LANG_DE, "Sicherheit",
	    LINK_TRANSLATION));
	assert_false(has_link(l, LANG_FR, "sécurité", LANG_DE, "Gloss",
	    LINK_TRANSLATION));
	/* synonyms, without the broader terms */
	assert_true(has_link(l, LANG_DE, "Behörde", LANG_DE, "Amt",
	    LINK_SYNONYM));
	assert_false(has_link(l, LANG_DE, "Behörde", LANG_DE, "Verwaltung",
	    LINK_SYNONYM));
	/* and the built-in thesaurus still there, first */
	{
		struct textproc *tp = lexicon_textproc(l);
		struct buf term = BUF_INIT;
		struct lex_link first[4];

		buf_adds(&term, "de:");
		text_key(tp, LANG_DE, "Behörde", strlen("Behörde"), &term);
		assert_true(lexicon_links(l, term.s, first, 4) > 0);
		assert_string_equal(first[0].term, "=authority");
		assert_int_equal(first[0].kind, LINK_THESAURUS);
		buf_release(&term);
	}
	align_lexicon_free(l);
}

static void
test_lexicon_cache_is_used_and_renewed(void **state)
{
	char *cache = xasprintf("%s/cache", tmpdir), *p;
	align_lexicon *l;

	l = load_share(cache);
	assert_non_null(strstr(align_lexicon_describe(l), "from sources"));
	align_lexicon_free(l);
	p = xasprintf("%s/lexicon.bin", cache);
	assert_int_equal(access(p, R_OK), 0);
	free(p);

	l = load_share(cache);
	assert_non_null(strstr(align_lexicon_describe(l), "from cache"));
	assert_true(has_link(l, LANG_DE, "Behörde", LANG_EN, "authority",
	    LINK_TRANSLATION));
	align_lexicon_free(l);

	/* a source that changes makes a new cache */
	write_file("mythes/th_de_CH_v2.dat", "UTF-8\nbehörde|1\n"
	    "-|Amt|Dienststelle|Instanz\n");
	l = load_share(cache);
	assert_non_null(strstr(align_lexicon_describe(l), "from sources"));
	assert_true(has_link(l, LANG_DE, "Behörde", LANG_DE, "Instanz",
	    LINK_SYNONYM));
	align_lexicon_free(l);

	/* a damaged cache is rebuilt, not trusted */
	write_file("cache/lexicon.bin", "KKLEXCHE garbage");
	l = load_share(cache);
	assert_non_null(strstr(align_lexicon_describe(l), "from sources"));
	align_lexicon_free(l);
	free(cache);
}

static void
test_user_thesaurus(void **state)
{
	struct align_lexicon_opts o;
	align_lexicon *l;
	const char *files[1];
	char *msg, *path = xasprintf("%s/mine.tsv", tmpdir);

	write_file("mine.tsv", "concept\tde\tfr\tit\ten\n# a comment\n"
	    "heating\tHeizung|Wärme\tchauffage\triscaldamento\theating\n");
	files[0] = path;
	align_lexicon_opts_init(&o);
	o.use_system = false;
	o.quiet = true;
	o.thesaurus_files = files;
	o.nthesaurus_files = 1;
	assert_int_equal(align_lexicon_load(&o, &l, &msg), KK_OK);
	assert_true(has_link(l, LANG_FR, "chauffage", LANG_DE, "x",
	    LINK_THESAURUS) || lexicon_has_term(l, "fr:chauffag"));
	align_lexicon_free(l);

	write_file("mine.tsv", "concept\tde\tfr\tit\ten\n"
	    "ok\ta\tb\tc\td\nbroken\tonly two\n");
	assert_int_equal(align_lexicon_load(&o, &l, &msg), KK_EINPUT);
	assert_non_null(strstr(msg, "mine.tsv:3:"));
	free(msg);

	files[0] = "/nonexistent/thesaurus.tsv";
	assert_int_equal(align_lexicon_load(&o, &l, &msg), KK_EIO);
	assert_non_null(strstr(msg, "/nonexistent/thesaurus.tsv"));
	free(msg);
	free(path);
}

/* ---- the real resources, where Debian's packages are installed --------- */

static void
test_real_lexicon_bridges_languages(void **state)
{
	struct align_lexicon_opts o;
	align_lexicon *l;
	align_set *s;
	char *msg;
	static const struct align_item pair[] = {
		{ "d.1", "d", NULL, "de", "Wohnungsbau", NULL },
		{ "e.1", "e", NULL, "en", "housing construction", NULL },
	};

	align_lexicon_opts_init(&o);
	o.quiet = true;
	/* ctest runs this in build/tests: never the user's cache */
	o.cache_dir = "lexicon-cache/konkordat";
	assert_int_equal(align_lexicon_load(&o, &l, &msg), KK_OK);
	if (!align_lexicon_has(l, "freedict-deu-eng") ||
	    !align_lexicon_has(l, "freedict-eng-deu")) {
		align_lexicon_free(l);
		kk_skip("dict-freedict-deu-eng is not installed");
	}
	/* no thesaurus entry: only FreeDict can tell */
	s = align_new(l, NULL);
	assert_int_equal(align_add(s, &pair[0], &msg), KK_OK);
	assert_int_equal(align_add(s, &pair[1], &msg), KK_OK);
	align_run(s);
	assert_true(align_similarity(s, "d.1", "e.1") > 0.1);
	align_free(s);

	/* two German words that share only an English translation are no
	   evidence: the sense they share is never checked */
	{
		static const struct align_item pivot[] = {
			{ "s.z9", "s", "goal", "de", "Daten wirksam schützen",
			  "Daten der Stadt sind vor unbefugtem Zugriff, "
			  "Verlust und Manipulation geschützt." },
			{ "k.z13", "k", "goal", "de", "Register und "
			  "Stammdaten", "Personen-, Unternehmens- und "
			  "Gebäudedaten werden einmal erfasst und über "
			  "definierte Schnittstellen mehrfach genutzt." },
			{ "s.z8", "s", "goal", "de", "Informatik im Unterricht "
			  "stärken", "Lehrpersonen werden im pädagogischen "
			  "Einsatz der Informatik gezielt weitergebildet." },
			{ "k.z16", "k", "goal", "de", "Green IT", "Der "
			  "Energieverbrauch der Informatik sinkt dank "
			  "effizienter Geräte, Virtualisierung und eines "
			  "sparsamen Rechenzentrumsbetriebs." },
		};
		char *why;
		size_t i;

		s = align_new(l, NULL);
		for (i = 0; i < KK_ARRAY_SIZE(pivot); i++)
			assert_int_equal(align_add(s, &pivot[i], &msg), KK_OK);
		align_run(s);
		why = align_explain(s, "s.z9", "k.z13");
		assert_null(strstr(why, "wirksam ~"));
		assert_null(strstr(why, "(translation)"));
		free(why);
		why = align_explain(s, "s.z8", "k.z16");
		assert_null(strstr(why, "~ Rechenzentrum"));
		free(why);
		assert_ptr_not_equal(group_of(s, "s.z8"), group_of(s, "k.z16"));
		align_free(s);
	}
	align_lexicon_free(l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_groups_across_languages),
		cmocka_unit_test(test_explanations_are_readable),
		cmocka_unit_test(test_min_score_splits_groups),
		cmocka_unit_test(test_pins_are_kept),
		cmocka_unit_test(test_two_pinned_groups_never_merge),
		cmocka_unit_test(test_rejected_pairs_are_never_proposed),
		cmocka_unit_test(test_rejected_group_is_never_joined),
		cmocka_unit_test(test_relations_follow_kinds),
		cmocka_unit_test(test_no_proposal_rests_on_generic_words),
		cmocka_unit_test(test_bad_items_are_refused),
		cmocka_unit_test(test_empty_set),
	};
	const struct CMUnitTest lexicon_tests[] = {
		cmocka_unit_test(test_lexicon_reads_freedict_and_mythes),
		cmocka_unit_test(test_lexicon_cache_is_used_and_renewed),
		cmocka_unit_test(test_user_thesaurus),
		cmocka_unit_test(test_real_lexicon_bridges_languages),
	};
	int rc;

	rc = cmocka_run_group_tests_name("align", tests, setup, teardown);
	rc += cmocka_run_group_tests_name("lexicon", lexicon_tests,
	    setup_share, teardown_share);
	return kk_tests_status(rc);
}
