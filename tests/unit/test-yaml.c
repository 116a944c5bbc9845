/* test-yaml.c: the party and organisation file reader and writer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sys/resource.h>

#include "konkordat.h"

/* Projects in the long chains below: more than the C stack would hold
   one frame each for. */
#define LONG_CHAIN 100000

static const char party_file[] =
    "party:\n"
    "  id: testland\n"
    "  name: Testland\n"
    "  kind: association\n"
    "  population: 1200\n"
    "  population_year: 2011\n"
    "  members:\n"
    "    - stadt\n"
    "    - id: dorf\n"
    "      name: Dorf am See\n"
    "      bfs: 1234\n"
    "      population: 200\n"
    "strategy:\n"
    "  id: testland-2012\n"
    "  title: \"Strategie: 2012\"\n"
    "  period: {start: 2012, end: 2016}\n"
    "  status: adopted\n"
    "  language: de\n"
    "  vision: |\n"
    "    Zwei Zeilen,\n"
    "    mit Umbruch.\n"
    "  principles:\n"
    "    - id: p1\n"
    "      title: Offen\n"
    "      tags: [offen, standards]\n"
    "  fields:\n"
    "    - id: hf1\n"
    "      title: Sicherheit\n"
    "      goals:\n"
    "        - id: z1\n"
    "          title: Daten schützen\n"
    "          text: 'null'\n"
    "        - id: z2\n"
    "          title: '  führende Leerzeichen'\n"
    "  measures:\n"
    "    - id: m1\n"
    "      title: true\n"
    "      goals: [z1, z2]\n";

struct fixture {
	struct arena *a;
	struct kk_diags d;
	struct kk_doc doc;
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	f->a = arena_new();
	diags_init(&f->d);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	diags_release(&f->d);
	arena_free(f->a);
	free(f);
	return 0;
}

static int
read_str(struct fixture *f, const char *text)
{
	return yaml_read_doc(f->a, "t.yaml", text, strlen(text), &f->doc,
	    &f->d);
}

static void
test_reads_party_file(void **state)
{
	struct fixture *f = *state;
	const struct kk_strategy *s;

	assert_int_equal(read_str(f, party_file), KK_OK);
	assert_int_equal(f->d.n, 0);
	assert_int_equal(f->doc.type, KK_DOC_PARTY);
	assert_string_equal(f->doc.party.id, "testland");
	assert_int_equal(f->doc.party.kind, KK_ASSOCIATION);
	assert_int_equal(f->doc.party.population, 1200);
	assert_int_equal(f->doc.party.members.n, 2);
	assert_string_equal(f->doc.party.members.v[0], "stadt");
	assert_int_equal(f->doc.ndefs, 1);
	assert_string_equal(f->doc.defs[0].name, "Dorf am See");
	/* a member's year defaults to its group's */
	assert_int_equal(f->doc.defs[0].population_year, 2011);

	s = f->doc.strategy;
	assert_non_null(s);
	assert_string_equal(s->title, "Strategie: 2012");
	assert_int_equal(s->start, 2012);
	assert_int_equal(s->end, 2016);
	assert_true(s->adopted);
	assert_string_equal(s->vision, "Zwei Zeilen,\nmit Umbruch.\n");
	/* principles, each field then its goals, then measures */
	assert_int_equal(s->nitems, 5);
	assert_int_equal(s->items[0].kind, KK_PRINCIPLE);
	assert_int_equal(s->items[0].tags.n, 2);
	assert_int_equal(s->items[1].kind, KK_FIELD);
	assert_int_equal(s->items[2].kind, KK_GOAL);
	assert_string_equal(s->items[2].parent, "hf1");
	assert_string_equal(s->items[2].title, "Daten schützen");
	/* a quoted 'null' is a text, not nothing */
	assert_string_equal(s->items[2].text, "null");
	assert_int_equal(s->items[4].kind, KK_MEASURE);
	assert_string_equal(s->items[4].title, "true");
	assert_int_equal(s->items[4].goals.n, 2);
}

/* What is written reads back as the same model, and writes the same bytes. */
static void
test_write_read_write(void **state)
{
	struct fixture *f = *state;
	char *one = NULL, *two = NULL;
	size_t n1 = 0, n2 = 0;
	FILE *fp;
	struct kk_doc again;

	assert_int_equal(read_str(f, party_file), KK_OK);
	fp = open_memstream(&one, &n1);
	assert_int_equal(yaml_write_party(fp, &f->doc), KK_OK);
	fclose(fp);

	assert_int_equal(yaml_read_doc(f->a, "w.yaml", one, n1, &again, &f->d),
	    KK_OK);
	assert_int_equal(again.strategy->nitems, f->doc.strategy->nitems);
	assert_string_equal(again.strategy->vision, f->doc.strategy->vision);
	assert_string_equal(again.strategy->items[2].text, "null");
	/* a title is read without the white space around it */
	assert_string_equal(f->doc.strategy->items[3].title,
	    "führende Leerzeichen");
	assert_string_equal(again.strategy->items[3].title,
	    "führende Leerzeichen");
	assert_string_equal(again.strategy->items[4].title, "true");
	assert_int_equal(again.defs[0].bfs, 1234);

	fp = open_memstream(&two, &n2);
	assert_int_equal(yaml_write_party(fp, &again), KK_OK);
	fclose(fp);
	assert_int_equal(n1, n2);
	assert_memory_equal(one, two, n1);
	free(one);
	free(two);
}

static void
test_reports_every_error(void **state)
{
	struct fixture *f = *state;
	static const char text[] =
	    "party:\n"
	    "  id: Test Land\n"
	    "  nmae: Testland\n"
	    "  kind: kantn\n";

	assert_int_equal(read_str(f, text), KK_EINPUT);
	diags_sort(&f->d);
	assert_int_equal(f->d.n, 4);
	/* sorted by place: the missing name is reported at the mapping */
	assert_int_equal(f->d.v[0].loc.line, 2);
	assert_int_equal(f->d.v[0].loc.col, 3);
	assert_string_equal(f->d.v[0].msg, "party lacks the required key "
	    "'name'");
	assert_int_equal(f->d.v[1].loc.line, 2);
	assert_int_equal(f->d.v[1].loc.col, 7);
	assert_non_null(strstr(f->d.v[1].msg, "invalid id 'Test Land'"));
	assert_int_equal(f->d.v[2].loc.line, 3);
	assert_string_equal(f->d.v[2].msg, "unknown key 'nmae' in party; "
	    "did you mean 'name'?");
	assert_int_equal(f->d.v[3].loc.line, 4);
	assert_non_null(strstr(f->d.v[3].msg, "did you mean 'canton'?"));
}

static void
test_reads_org_file(void **state)
{
	struct fixture *f = *state;
	static const char text[] =
	    "organisation:\n"
	    "  id: org\n"
	    "  name: Organisation\n"
	    "  parties: [a, b]\n"
	    "bodies:\n"
	    "  - {id: la, name: Lenkungsausschuss, kind: steering-committee,"
	    " members: [a]}\n"
	    "milestones:\n"
	    "  - {id: m, title: Start, date: 2012-02-29, done: true}\n"
	    "agreements:\n"
	    "  - {id: rv, title: RV, kind: framework, parties: [a, b],"
	    " valid_from: 2011-01-01}\n";

	assert_int_equal(read_str(f, text), KK_OK);
	assert_int_equal(f->doc.type, KK_DOC_ORG);
	assert_int_equal(f->doc.org.party.kind, KK_JOINT_ORG);
	assert_int_equal(f->doc.org.party.members.n, 2);
	assert_int_equal(f->doc.org.nbodies, 1);
	assert_int_equal(f->doc.org.bodies[0].kind, KK_STEERING_COMMITTEE);
	assert_int_equal(f->doc.org.nmilestones, 1);
	assert_true(f->doc.org.milestones[0].done);
	assert_string_equal(f->doc.org.milestones[0].date, "2012-02-29");
	assert_int_equal(f->doc.org.nagreements, 1);
	assert_null(f->doc.org.agreements[0].valid_to);
}

/* Anchors and aliases are YAML; a self-referencing tree cannot be built. */
static void
test_aliases(void **state)
{
	struct fixture *f = *state;
	static const char text[] =
	    "party:\n"
	    "  id: &x testland\n"
	    "  name: *x\n"
	    "  kind: canton\n";

	assert_int_equal(read_str(f, text), KK_OK);
	assert_string_equal(f->doc.party.name, "testland");
}

static void
test_rejects_deep_nesting(void **state)
{
	struct fixture *f = *state;
	struct buf b = BUF_INIT;
	int i;

	buf_adds(&b, "party: ");
	for (i = 0; i < 100000; i++)
		buf_addc(&b, '[');
	assert_int_equal(read_str(f, b.s), KK_EINPUT);
	assert_true(f->d.n >= 1);
	buf_release(&b);
}

/* The stack most systems give a program (8 MB), even where this one runs
   with more. */
static void
default_stack(void)
{
	struct rlimit rl;

	if (!getrlimit(RLIMIT_STACK, &rl) && (rl.rlim_cur == RLIM_INFINITY ||
	    rl.rlim_cur > 8u << 20)) {
		rl.rlim_cur = 8u << 20;
		setrlimit(RLIMIT_STACK, &rl);
	}
}

/* An organisation file in B whose project p1 depends on p2 ... on pN;
   with CYCLE pN depends on p1. */
static void
long_chain(struct buf *b, size_t n, bool cycle)
{
	size_t i;

	buf_adds(b, "organisation: {id: org, name: Org, parties: [a]}\n"
	    "projects:\n");
	for (i = 1; i <= n; i++) {
		buf_addf(b, "  - {id: p%zu, title: P, lead: a, status: planned, "
		    "start: 2012-01-01, "
		    "end: 2012-01-01, serves: [s/z]", i);
		if (i < n || cycle)
			buf_addf(b, ", depends_on: [p%zu]", i % n + 1);
		buf_adds(b, "}\n");
	}
}

static void
test_long_dependency_chain(void **state)
{
	struct fixture *f = *state;
	struct buf b = BUF_INIT;

	default_stack();
	long_chain(&b, LONG_CHAIN, false);
	assert_int_equal(read_str(f, b.s), KK_OK);
	assert_int_equal(f->d.n, 0);
	assert_int_equal(f->doc.org.nprojects, LONG_CHAIN);
	buf_release(&b);
}

/* The cycle is told once, from where the walk closes it. */
static void
test_long_dependency_cycle(void **state)
{
	struct fixture *f = *state;
	struct buf b = BUF_INIT;

	default_stack();
	long_chain(&b, LONG_CHAIN, true);
	assert_int_equal(read_str(f, b.s), KK_EINPUT);
	assert_int_equal(f->d.n, 1);
	assert_int_equal(f->d.v[0].loc.line, LONG_CHAIN + 2);
	assert_true(!strncmp(f->d.v[0].msg, "dependency cycle: p1 -> p2 -> ",
	    30));
	buf_release(&b);
}

static void
test_dates_and_ids(void **state)
{
	assert_true(kk_date_valid("2012-02-29"));
	assert_false(kk_date_valid("2011-02-29"));
	assert_true(kk_date_valid("2000-02-29"));
	assert_false(kk_date_valid("1900-02-29"));
	assert_false(kk_date_valid("2011-13-01"));
	assert_false(kk_date_valid("2011-1-01"));
	assert_false(kk_date_valid("7.9.2011"));
	assert_true(kk_id_valid("kanton-luzern"));
	assert_true(kk_id_valid("a1.b_c"));
	assert_false(kk_id_valid("-a"));
	assert_false(kk_id_valid("Kanton"));
	assert_false(kk_id_valid(""));
	assert_false(kk_id_valid("ümlaut"));
}

static void
test_suggestions(void **state)
{
	static const char *const words[] = { "title", "text", "tags" };

	assert_string_equal(closest_word("titel", words, 3), "title");
	assert_string_equal(closest_word("tag", words, 3), "tags");
	assert_null(closest_word("population", words, 3));
	assert_int_equal(levenshtein("kitten", "sitting"), 3);
	assert_int_equal(levenshtein("", "abc"), 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_reads_party_file, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_write_read_write, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_reports_every_error, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_reads_org_file, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_aliases, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rejects_deep_nesting,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_dependency_chain,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_dependency_cycle,
		    setup, teardown),
		cmocka_unit_test(test_dates_and_ids),
		cmocka_unit_test(test_suggestions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
