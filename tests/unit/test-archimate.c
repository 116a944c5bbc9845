/* test-archimate.c: exchange files in and out: nothing lost, valid, items mapped, edits kept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "store.h"
#include "tempdb.h"

struct fixture {
	char path[64];
	struct store *st;
	struct arena *a;
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	f->st = tempdb_open(f->path, "am");
	f->a = arena_new();
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	tempdb_remove(f->st, f->path);
	arena_free(f->a);
	free(f);
	return 0;
}

static char *
source(const char *rel)
{
	const char *dir = getenv("KK_SRCDIR");

	return xasprintf("%s/%s", dir ? dir : ".", rel);
}

/* A sample model of tests/data/archimate (its README says where each is from). */
static char *
sample(const char *name)
{
	char *rel = xasprintf("tests/data/archimate/%s", name);
	char *path = source(rel);

	free(rel);
	return path;
}

static char *
export(struct store *st, size_t *len)
{
	char *out = NULL, *msg = NULL;
	FILE *fp = open_memstream(&out, len);

	assert_non_null(fp);
	assert_int_equal(archimate_export(st, fp, &msg), KK_OK);
	fclose(fp);
	return out;
}

static void
import_file(struct store *st, const char *path, const char *party)
{
	struct am_opts o = { party, false, false };
	struct kk_diags d;

	diags_init(&d);
	tempdb_begin(st);
	if (archimate_import(st, path, NULL, 0, &o, &d, NULL) != KK_OK)
		diags_print(&d, stderr);
	tempdb_commit(st);
	assert_int_equal(d.nerrors, 0);
	diags_release(&d);
}

/* Everything said about a concept, as one line per fact, sorted. */
static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *
pdname(xmlDocPtr doc, const char *ref)
{
	xmlNodePtr n, c;

	for (n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)n->name, "propertyDefinitions"))
			continue;
		for (c = n->children; c; c = c->next) {
			xmlChar *id;
			bool yes;

			if (c->type != XML_ELEMENT_NODE)
				continue;
			id = xmlGetProp(c, BAD_CAST "identifier");
			yes = id && !strcmp((const char *)id, ref);
			xmlFree(id);
			if (yes) {
				xmlNodePtr nm;

				for (nm = c->children; nm; nm = nm->next)
					if (nm->type == XML_ELEMENT_NODE)
						return (const char *)nm->children->content;
			}
		}
	}
	return ref;
}

/* The facts of every <element> and <relationship>: identifier, type,
   ends, names, documentation, properties by name; sorted. */
static void
facts(xmlDocPtr doc, char ***out, size_t *n)
{
	xmlNodePtr sec, c, k, v;
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	for (sec = xmlDocGetRootElement(doc)->children; sec; sec = sec->next) {
		if (sec->type != XML_ELEMENT_NODE ||
		    (strcmp((const char *)sec->name, "elements") &&
		    strcmp((const char *)sec->name, "relationships")))
			continue;
		for (c = sec->children; c; c = c->next) {
			xmlChar *id, *type, *src, *tgt;
			struct buf b = BUF_INIT;

			if (c->type != XML_ELEMENT_NODE)
				continue;
			id = xmlGetProp(c, BAD_CAST "identifier");
			type = xmlGetNsProp(c, BAD_CAST "type",
			    BAD_CAST "http://www.w3.org/2001/XMLSchema-instance");
			src = xmlGetProp(c, BAD_CAST "source");
			tgt = xmlGetProp(c, BAD_CAST "target");
			buf_addf(&b, "%s %s %s %s", id, type,
			    src ? (char *)src : "-", tgt ? (char *)tgt : "-");
			for (k = c->children; k; k = k->next) {
				xmlChar *lang, *text;

				if (k->type != XML_ELEMENT_NODE)
					continue;
				if (!strcmp((const char *)k->name, "properties")) {
					for (v = k->children; v; v = v->next) {
						xmlChar *ref, *val;
						xmlNodePtr x;

						if (v->type != XML_ELEMENT_NODE)
							continue;
						ref = xmlGetProp(v, BAD_CAST
						    "propertyDefinitionRef");
						for (x = v->children; x; x = x->next) {
							if (x->type != XML_ELEMENT_NODE)
								continue;
							val = xmlNodeGetContent(x);
							buf_addf(&b, " | %s=%s",
							    pdname(doc, (char *)ref),
							    (char *)val);
							xmlFree(val);
						}
						xmlFree(ref);
					}
					continue;
				}
				lang = xmlNodeGetLang(k);
				text = xmlNodeGetContent(k);
				buf_addf(&b, " | %s[%s]=%s", k->name,
				    lang ? (char *)lang : "", (char *)text);
				xmlFree(lang);
				xmlFree(text);
			}
			if (*n == cap) {
				cap = cap ? 2 * cap : 64;
				*out = xrealloc(*out, cap * sizeof(**out));
			}
			(*out)[(*n)++] = buf_detach(&b, NULL);
			xmlFree(id);
			xmlFree(type);
			xmlFree(src);
			xmlFree(tgt);
		}
	}
	qsort(*out, *n, sizeof(**out), cmp_str);
}

static void
free_facts(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static long
count(xmlDocPtr doc, const char *tag)
{
	xmlNodePtr n = xmlDocGetRootElement(doc);
	long c = 0;

	/* depth first, without recursion */
	while (n) {
		if (n->type == XML_ELEMENT_NODE &&
		    !strcmp((const char *)n->name, tag))
			c++;
		if (n->children && n->type == XML_ELEMENT_NODE) {
			n = n->children;
			continue;
		}
		while (n && !n->next)
			n = n->parent && n->parent->type == XML_ELEMENT_NODE ?
			    n->parent : NULL;
		if (n)
			n = n->next;
	}
	return c;
}

static void
validate(const char *xml, size_t len)
{
	char *xsd = source("data/archimate/archimate3_Diagram_dc.xsd");
	xmlSchemaParserCtxtPtr pc;
	xmlSchemaPtr schema;
	xmlSchemaValidCtxtPtr vc;
	xmlDocPtr doc;

	pc = xmlSchemaNewParserCtxt(xsd);
	schema = xmlSchemaParse(pc);
	assert_non_null(schema);
	vc = xmlSchemaNewValidCtxt(schema);
	doc = xmlReadMemory(xml, (int)len, "export.xml", NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	assert_int_equal(xmlSchemaValidateDoc(vc, doc), 0);
	xmlFreeDoc(doc);
	xmlSchemaFreeValidCtxt(vc);
	xmlSchemaFree(schema);
	xmlSchemaFreeParserCtxt(pc);
	free(xsd);
}

/* IN and the export of it say the same about every concept. */
static void
same_model(const char *in, const char *out, size_t len)
{
	static const char *const tags[] = { "element", "relationship",
	    "property", "propertyDefinition", "item", "view", "node",
	    "connection" };
	xmlDocPtr a = xmlReadFile(in, NULL, XML_PARSE_NONET);
	xmlDocPtr b = xmlReadMemory(out, (int)len, "out.xml", NULL,
	    XML_PARSE_NONET);
	char **fa, **fb;
	size_t na, nb, i;

	assert_non_null(a);
	assert_non_null(b);
	for (i = 0; i < KK_ARRAY_SIZE(tags); i++)
		assert_int_equal(count(a, tags[i]), count(b, tags[i]));
	facts(a, &fa, &na);
	facts(b, &fb, &nb);
	assert_int_equal(na, nb);
	for (i = 0; i < na; i++)
		assert_string_equal(fa[i], fb[i]);
	free_facts(fa, na);
	free_facts(fb, nb);
	xmlFreeDoc(a);
	xmlFreeDoc(b);
}

static void
roundtrip(void **state, const char *name)
{
	struct fixture *f = *state;
	char *path = sample(name), *out;
	size_t len;

	import_file(f->st, path, NULL);
	out = export(f->st, &len);
	same_model(path, out, len);
	validate(out, len);
	free(out);
	free(path);
}

static void
test_archisurance(void **state)
{
	roundtrip(state, "archisurance.xml");
}

static void
test_sample1(void **state)
{
	roundtrip(state, "Sample1.xml");
}

static void
test_bendpoint(void **state)
{
	roundtrip(state, "bendpoint.test.xml");
}

/* Every kind of part, languages included. */
static void
test_rich(void **state)
{
	struct fixture *f = *state;
	char *path = source("tests/data/archimate/rich.xml"), *out;
	struct kk_strategy *ss;
	const struct kk_item *g, *w;
	size_t len, n;

	import_file(f->st, path, NULL);
	out = export(f->st, &len);
	same_model(path, out, len);
	assert_non_null(strstr(out, "<name xml:lang=\"fr\">Stratégie</name>"));
	assert_non_null(strstr(out, "accessType=\"Read\""));
	assert_non_null(strstr(out, "modifier=\"+\""));

	/* the motivation became items: a goal under its field, a measure
	   that realises it, a principle */
	assert_int_equal(store_list_strategies(f->st, f->a, &ss, &n), KK_OK);
	assert_int_equal(n, 1);
	assert_string_equal(ss[0].party, "strategie");
	assert_string_equal(ss[0].lang, "de");
	g = kk_strategy_find(&ss[0], "id-g");
	assert_non_null(g);
	assert_int_equal(g->kind, KK_GOAL);
	assert_string_equal(g->title, "Ziel");
	assert_string_equal(g->parent, "id-f");
	w = kk_strategy_find(&ss[0], "id-w");
	assert_non_null(w);
	assert_int_equal(w->kind, KK_MEASURE);
	assert_int_equal(w->goals.n, 1);
	assert_string_equal(w->goals.v[0], "id-g");
	assert_non_null(kk_strategy_find(&ss[0], "id-p"));
	free(out);
	free(path);
}

/* An item edited in konkordat is written with its new title, in the
   strategy's language; the other languages stay. */
static void
test_live_edit(void **state)
{
	struct fixture *f = *state;
	char *path = source("tests/data/archimate/rich.xml"), *out;
	struct kk_strategy *ss, s;
	size_t len, n, i;

	import_file(f->st, path, NULL);
	assert_int_equal(store_list_strategies(f->st, f->a, &ss, &n), KK_OK);
	s = ss[0];
	for (i = 0; i < s.nitems; i++)
		if (!strcmp(s.items[i].id, "id-g"))
			s.items[i].title = "Neues Ziel";
	assert_int_equal(store_begin(f->st, &tempdb_actor), KK_OK);
	assert_int_equal(store_sync_strategy(f->st, s.party, &s), KK_OK);
	assert_int_equal(store_commit(f->st), KK_OK);
	out = export(f->st, &len);
	assert_non_null(strstr(out, "<name xml:lang=\"de\">Neues Ziel</name>"));
	assert_non_null(strstr(out, "<name xml:lang=\"fr\">But</name>"));
	assert_null(strstr(out, ">Ziel</name>"));
	free(out);
	free(path);
}

/* Importing a file again replaces the model: what it no longer holds
   goes, item and all, and the audit log says so. */
static void
test_replace(void **state)
{
	struct fixture *f = *state;
	char *path = source("tests/data/archimate/rich.xml");
	char *data, *cut, *out;
	struct am_opts o = { NULL, false, false };
	struct am_counts c;
	struct kk_diags d;
	struct kk_strategy *ss;
	size_t len, n;

	import_file(f->st, path, NULL);
	assert_int_equal(read_file(path, &data, &len), 0);
	/* the principle and the influence that starts there */
	cut = strstr(data, "    <element identifier=\"id-p\"");
	memmove(cut, strchr(cut, '\n') + 1, strlen(strchr(cut, '\n') + 1) + 1);
	cut = strstr(data, "    <relationship identifier=\"id-r5\"");
	memmove(cut, strchr(cut, '\n') + 1, strlen(strchr(cut, '\n') + 1) + 1);
	/* a folder still refers to it: refused, and nothing changes */
	diags_init(&d);
	tempdb_begin(f->st);
	assert_int_equal(archimate_import(f->st, "cut.xml", data, strlen(data),
	    &o, &d, &c), KK_EINPUT);
	tempdb_commit(f->st);
	assert_int_equal(d.nerrors, 1);
	assert_string_equal(d.v[0].msg, "folder item refers to 'id-p', which "
	    "is not in the model");
	diags_release(&d);
	cut = strstr(data, "<item identifierRef=\"id-p\"/>");
	memmove(cut, cut + 28, strlen(cut + 28) + 1);
	diags_init(&d);
	tempdb_begin(f->st);
	assert_int_equal(archimate_import(f->st, "cut.xml", data, strlen(data),
	    &o, &d, &c), KK_OK);
	tempdb_commit(f->st);
	assert_int_equal(c.removed, 3);	/* element, relationship, item */
	assert_int_equal(c.added, 0);
	assert_int_equal(store_list_strategies(f->st, f->a, &ss, &n), KK_OK);
	assert_null(kk_strategy_find(&ss[0], "id-p"));
	out = export(f->st, &len);
	assert_null(strstr(out, "id-p\""));
	diags_release(&d);
	free(out);
	free(data);
	free(path);
}

/* What the exchange format's schema refuses is refused, at its place:
   attributes of a namespace that no schema declares (its wildcards are
   strict), which an export would write back, invalid. */
static void
test_schema_refused(void **state)
{
	struct fixture *f = *state;
	char *path = source("tests/fuzz/corpus/fuzz-archimate/rich.xml");
	struct am_opts o = { NULL, false, false };
	struct kk_diags d;
	long audit = store_audit_count(f->st);

	diags_init(&d);
	tempdb_begin(f->st);
	assert_int_equal(archimate_import(f->st, path, NULL, 0, &o, &d, NULL),
	    KK_EINPUT);
	tempdb_commit(f->st);
	assert_int_equal(d.nerrors, 2);
	assert_int_equal(d.v[0].loc.line, 2);
	assert_int_equal(d.v[0].loc.col, 1);
	assert_string_equal(d.v[0].msg, "not valid by the exchange format's "
	    "schema: element 'model', attribute '{urn:example}origin': no "
	    "matching global attribute declaration available, but demanded by "
	    "the strict wildcard");
	assert_int_equal(d.v[1].loc.line, 11);
	assert_int_equal(d.v[1].loc.col, 5);
	assert_int_equal(store_audit_count(f->st), audit);
	assert_int_equal(store_am_count(f->st, "elements"), 0);
	diags_release(&d);
	free(path);
}

/* A refused file leaves the database as it was. */
static void
test_all_or_nothing(void **state)
{
	struct fixture *f = *state;
	static const char bad[] = "<?xml version=\"1.0\"?>\n"
	    "<model xmlns=\"http://www.opengroup.org/xsd/archimate/3.0/\" "
	    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
	    "identifier=\"m\"><name>x</name><elements>\n"
	    "<element identifier=\"e1\" xsi:type=\"Goal\"><name>a</name>"
	    "</element>\n"
	    "<element identifier=\"e2\" xsi:type=\"Gaol\"><name>b</name>"
	    "</element>\n</elements></model>\n";
	struct am_opts o = { NULL, false, false };
	struct kk_diags d;
	long audit = store_audit_count(f->st);

	diags_init(&d);
	tempdb_begin(f->st);
	assert_int_equal(archimate_import(f->st, "bad.xml", bad, strlen(bad),
	    &o, &d, NULL), KK_EINPUT);
	tempdb_commit(f->st);
	assert_int_equal(d.nerrors, 1);
	assert_int_equal(d.v[0].loc.line, 4);
	assert_int_equal(d.v[0].loc.col, 1);
	assert_string_equal(d.v[0].msg, "unknown element type 'Gaol'");
	assert_int_equal(store_audit_count(f->st), audit);
	assert_int_equal(store_am_count(f->st, "elements"), 0);
	diags_release(&d);
}

/* The JSON the store keeps gives back what went in. */
static void
test_json(void **state)
{
	struct fixture *f = *state;
	struct am_text names[2] = { { "de", "A \"quote\"\n" }, { NULL, "b" } };
	struct am_prop prop = { "p1", { names, 2 } };
	struct am_attr at = { "urn:x", "x:y", "z" };
	const char *ext = "<x:e xmlns:x=\"urn:x\"/>";
	struct am_concept c, back;
	char *j, *j2;

	memset(&c, 0, sizeof(c));
	c.names.v = names;
	c.names.n = 2;
	c.x.props = &prop;
	c.x.nprops = 1;
	c.x.attrs = &at;
	c.x.nattrs = 1;
	c.x.ext = &ext;
	c.x.next = 1;
	j = am_concept_json(&c);
	memset(&back, 0, sizeof(back));
	assert_int_equal(am_concept_parse(f->a, j, &back), KK_OK);
	j2 = am_concept_json(&back);
	assert_string_equal(j, j2);
	assert_null(back.names.v[1].lang);
	assert_string_equal(back.x.props[0].values.v[0].s, "A \"quote\"\n");
	assert_int_equal(am_concept_parse(f->a, "[1]", &back), KK_EIO);
	free(j);
	free(j2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_archisurance, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_sample1, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bendpoint, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rich, setup, teardown),
		cmocka_unit_test_setup_teardown(test_live_edit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replace, setup, teardown),
		cmocka_unit_test_setup_teardown(test_schema_refused, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_all_or_nothing, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_json, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
