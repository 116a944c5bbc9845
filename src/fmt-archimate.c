/* fmt-archimate.c: ArchiMate types, their JSON form in the store, and the import of a model. */
#include "store.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The exchange format's types (archimate3_Model.xsd, ElementTypeEnum...). */
static const char *const element_types[] = {
	"BusinessActor", "BusinessRole", "BusinessCollaboration",
	"BusinessInterface", "BusinessProcess", "BusinessFunction",
	"BusinessInteraction", "BusinessEvent", "BusinessService",
	"BusinessObject", "Contract", "Representation", "Product",
	"ApplicationComponent", "ApplicationCollaboration",
	"ApplicationInterface", "ApplicationFunction", "ApplicationInteraction",
	"ApplicationProcess", "ApplicationEvent", "ApplicationService",
	"DataObject", "Node", "Device", "SystemSoftware",
	"TechnologyCollaboration", "TechnologyInterface", "Path",
	"CommunicationNetwork", "TechnologyFunction", "TechnologyProcess",
	"TechnologyInteraction", "TechnologyEvent", "TechnologyService",
	"Artifact", "Equipment", "Facility", "DistributionNetwork", "Material",
	"Stakeholder", "Driver", "Assessment", "Goal", "Outcome", "Principle",
	"Requirement", "Constraint", "Meaning", "Value", "Resource",
	"Capability", "CourseOfAction", "ValueStream", "WorkPackage",
	"Deliverable", "ImplementationEvent", "Plateau", "Gap", "Grouping",
	"Location", "AndJunction", "OrJunction",
};
static const char *const relation_types[] = {
	"Composition", "Aggregation", "Assignment", "Realization", "Serving",
	"Access", "Influence", "Triggering", "Flow", "Specialization",
	"Association",
};

static bool
in_list(const char *s, const char *const *v, size_t n)
{
	size_t i;

	/* the first letter first: each concept of a model passes here */
	for (i = 0; i < n; i++)
		if (v[i][0] == s[0] && !strcmp(s, v[i]))
			return true;
	return false;
}

bool
am_element_type(const char *type)
{
	return in_list(type, element_types, KK_ARRAY_SIZE(element_types));
}

bool
am_relation_type(const char *type)
{
	return in_list(type, relation_types, KK_ARRAY_SIZE(relation_types));
}

/*
 * Archi's CSV names a relationship by its class (AssociationRelationship)
 * and has one Junction class whose kind is a property (Junction_Type).
 * A relationship's name is written into BUF, the caller's, so that
 * threads exporting at once do not share it.
 */
const char *
am_csv_type(const char *type, bool relation, char buf[AM_CSV_TYPE_SIZE])
{
	if (!relation)
		return strstr(type, "Junction") ? "Junction" : type;
	snprintf(buf, AM_CSV_TYPE_SIZE, "%sRelationship", type);
	return buf;
}

const char *
am_type_from_csv(const char *csv, bool *relation)
{
	size_t i, n = strlen(csv);

	*relation = false;
	if (!strcmp(csv, "Junction"))
		return "AndJunction";
	for (i = 0; i < KK_ARRAY_SIZE(element_types); i++)
		if (!strcmp(csv, element_types[i]) && !strstr(csv, "Junction"))
			return element_types[i];
	for (i = 0; i < KK_ARRAY_SIZE(relation_types); i++) {
		size_t m = strlen(relation_types[i]);

		if (n == m + 12 && !strncmp(csv, relation_types[i], m) &&
		    !strcmp(csv + m, "Relationship")) {
			*relation = true;
			return relation_types[i];
		}
	}
	return NULL;
}

/* The text in LANG, else the first; NULL when there is none. */
const char *
am_text_pick(const struct am_texts *t, const char *lang)
{
	size_t i;

	for (i = 0; lang && i < t->n; i++)
		if (t->v[i].lang && !strcmp(t->v[i].lang, lang))
			return t->v[i].s;
	return t->n ? t->v[0].s : NULL;
}

/*
 * The JSON the store keeps. Written by hand, keys in a fixed order, so
 * that equal parts give equal text (the store compares text) and a million
 * concepts do not each build a tree of jansson objects.
 *   n names, d documentation, l labels: [[lang or null, text], ...]
 *   p properties: [[ref, [[lang, value], ...]], ...]
 *   a attributes: [[ns or null, name, value], ...]
 *   x elements of other namespaces: ["<xml/>", ...]
 */

static void
jtexts(struct buf *b, const char *key, const struct am_texts *t, bool *first)
{
	size_t i;

	if (!t->n)
		return;
	buf_adds(b, *first ? "\"" : ",\"");
	*first = false;
	buf_adds(b, key);
	buf_adds(b, "\":[");
	for (i = 0; i < t->n; i++) {
		buf_adds(b, i ? ",[" : "[");
		buf_add_json_str(b, t->v[i].lang);
		buf_addc(b, ',');
		buf_add_json_str(b, t->v[i].s);
		buf_addc(b, ']');
	}
	buf_addc(b, ']');
}

static void
jfield(struct buf *b, const char *key, const char *s, bool *first)
{
	if (!s)
		return;
	buf_adds(b, *first ? "\"" : ",\"");
	*first = false;
	buf_adds(b, key);
	buf_adds(b, "\":");
	buf_add_json_str(b, s);
}

static void
jextra(struct buf *b, const struct am_extra *x, bool *first)
{
	size_t i;

	if (x->nprops) {
		buf_adds(b, *first ? "\"p\":[" : ",\"p\":[");
		*first = false;
		for (i = 0; i < x->nprops; i++) {
			bool f = true;

			buf_adds(b, i ? ",[" : "[");
			buf_add_json_str(b, x->props[i].ref);
			buf_addc(b, ',');
			buf_addc(b, '{');
			jtexts(b, "v", &x->props[i].values, &f);
			buf_adds(b, "}]");
		}
		buf_addc(b, ']');
	}
	if (x->nattrs) {
		buf_adds(b, *first ? "\"a\":[" : ",\"a\":[");
		*first = false;
		for (i = 0; i < x->nattrs; i++) {
			buf_adds(b, i ? ",[" : "[");
			buf_add_json_str(b, x->attrs[i].ns);
			buf_addc(b, ',');
			buf_add_json_str(b, x->attrs[i].name);
			buf_addc(b, ',');
			buf_add_json_str(b, x->attrs[i].value);
			buf_addc(b, ']');
		}
		buf_addc(b, ']');
	}
	if (x->next) {
		buf_adds(b, *first ? "\"x\":[" : ",\"x\":[");
		*first = false;
		for (i = 0; i < x->next; i++) {
			if (i)
				buf_addc(b, ',');
			buf_add_json_str(b, x->ext[i]);
		}
		buf_addc(b, ']');
	}
}

/* {KEY: VALUE, "n": names, "d": documentation, extra}: what a concept, a
   property definition and the model's head keep; KEY NULL for none. */
static char *
named_json(const char *key, const char *value, const struct am_texts *names,
    const struct am_texts *docs, const struct am_extra *x)
{
	struct buf b = BUF_INIT;
	bool first = true;

	buf_addc(&b, '{');
	if (key)
		jfield(&b, key, value, &first);
	jtexts(&b, "n", names, &first);
	jtexts(&b, "d", docs, &first);
	jextra(&b, x, &first);
	buf_addc(&b, '}');
	return buf_detach(&b, NULL);
}

char *
am_concept_json(const struct am_concept *c)
{
	return named_json(NULL, NULL, &c->names, &c->docs, &c->x);
}

char *
am_propdef_json(const struct am_propdef *p)
{
	return named_json("t", p->type, &p->names, &p->docs, &p->x);
}

char *
am_head_json(const struct am_head *h)
{
	return named_json("v", h->version, &h->names, &h->docs, &h->x);
}

char *
am_folder_json(const struct am_folder *f)
{
	struct buf b = BUF_INIT;
	bool first = true;

	buf_addc(&b, '{');
	jfield(&b, "i", f->id, &first);
	jfield(&b, "r", f->ref, &first);
	if (f->nrefs) {
		size_t i;

		buf_adds(&b, first ? "\"s\":[" : ",\"s\":[");
		first = false;
		for (i = 0; i < f->nrefs; i++) {
			if (i)
				buf_addc(&b, ',');
			buf_add_json_str(&b, f->refs[i]);
		}
		buf_addc(&b, ']');
	}
	jtexts(&b, "l", &f->labels, &first);
	jtexts(&b, "d", &f->docs, &first);
	jextra(&b, &f->x, &first);
	buf_addc(&b, '}');
	return buf_detach(&b, NULL);
}

/* Parsing it back. */

static const char *
pstr(struct arena *a, const json_t *j)
{
	return json_is_string(j) ? arena_strndup(a, json_string_value(j),
	    json_string_length(j)) : NULL;
}

static int
ptexts(struct arena *a, const json_t *j, struct am_texts *t)
{
	size_t i;

	t->v = NULL;
	t->n = 0;
	if (!j)
		return KK_OK;
	if (!json_is_array(j))
		return KK_EIO;
	t->v = arena_calloc(a, json_array_size(j), sizeof(*t->v));
	for (i = 0; i < json_array_size(j); i++) {
		json_t *e = json_array_get(j, i);

		if (!json_is_array(e) || json_array_size(e) != 2 ||
		    !json_is_string(json_array_get(e, 1)))
			return KK_EIO;
		t->v[i].lang = pstr(a, json_array_get(e, 0));
		t->v[i].s = pstr(a, json_array_get(e, 1));
	}
	t->n = i;
	return KK_OK;
}

static int
pextra(struct arena *a, const json_t *o, struct am_extra *x)
{
	json_t *j;
	size_t i;

	memset(x, 0, sizeof(*x));
	if ((j = json_object_get(o, "p"))) {
		if (!json_is_array(j))
			return KK_EIO;
		x->props = arena_calloc(a, json_array_size(j), sizeof(*x->props));
		for (i = 0; i < json_array_size(j); i++) {
			json_t *e = json_array_get(j, i);

			if (!json_is_array(e) || json_array_size(e) != 2 ||
			    !json_is_string(json_array_get(e, 0)) ||
			    ptexts(a, json_object_get(json_array_get(e, 1), "v"),
			    &x->props[i].values))
				return KK_EIO;
			x->props[i].ref = pstr(a, json_array_get(e, 0));
		}
		x->nprops = i;
	}
	if ((j = json_object_get(o, "a"))) {
		if (!json_is_array(j))
			return KK_EIO;
		x->attrs = arena_calloc(a, json_array_size(j), sizeof(*x->attrs));
		for (i = 0; i < json_array_size(j); i++) {
			json_t *e = json_array_get(j, i);

			if (!json_is_array(e) || json_array_size(e) != 3 ||
			    !json_is_string(json_array_get(e, 1)) ||
			    !json_is_string(json_array_get(e, 2)))
				return KK_EIO;
			x->attrs[i].ns = pstr(a, json_array_get(e, 0));
			x->attrs[i].name = pstr(a, json_array_get(e, 1));
			x->attrs[i].value = pstr(a, json_array_get(e, 2));
		}
		x->nattrs = i;
	}
	if ((j = json_object_get(o, "x"))) {
		if (!json_is_array(j))
			return KK_EIO;
		x->ext = arena_calloc(a, json_array_size(j), sizeof(*x->ext));
		for (i = 0; i < json_array_size(j); i++) {
			if (!json_is_string(json_array_get(j, i)))
				return KK_EIO;
			x->ext[i] = pstr(a, json_array_get(j, i));
		}
		x->next = i;
	}
	return KK_OK;
}

static json_t *
load(const char *text)
{
	json_t *j = text ? json_loads(text, 0, NULL) : NULL;

	if (j && !json_is_object(j)) {
		json_decref(j);
		j = NULL;
	}
	return j;
}

int
am_concept_parse(struct arena *a, const char *text, struct am_concept *c)
{
	json_t *j = load(text);
	int rc = KK_EIO;

	if (j && !ptexts(a, json_object_get(j, "n"), &c->names) &&
	    !ptexts(a, json_object_get(j, "d"), &c->docs) &&
	    !pextra(a, j, &c->x))
		rc = KK_OK;
	json_decref(j);
	return rc;
}

int
am_propdef_parse(struct arena *a, const char *text, struct am_propdef *p)
{
	json_t *j = load(text);
	int rc = KK_EIO;

	memset(p, 0, sizeof(*p));
	if (j && !ptexts(a, json_object_get(j, "n"), &p->names) &&
	    !ptexts(a, json_object_get(j, "d"), &p->docs) &&
	    !pextra(a, j, &p->x)) {
		p->type = pstr(a, json_object_get(j, "t"));
		rc = p->type ? KK_OK : KK_EIO;
	}
	json_decref(j);
	return rc;
}

int
am_head_parse(struct arena *a, const char *text, struct am_head *h)
{
	json_t *j = load(text);
	int rc = KK_EIO;

	memset(h, 0, sizeof(*h));
	if (j && !ptexts(a, json_object_get(j, "n"), &h->names) &&
	    !ptexts(a, json_object_get(j, "d"), &h->docs) &&
	    !pextra(a, j, &h->x)) {
		h->version = pstr(a, json_object_get(j, "v"));
		rc = KK_OK;
	}
	json_decref(j);
	return rc;
}

int
am_folder_parse(struct arena *a, const char *text, struct am_folder *f)
{
	json_t *j = load(text);
	int rc = KK_EIO;

	if (j && !ptexts(a, json_object_get(j, "l"), &f->labels) &&
	    !ptexts(a, json_object_get(j, "d"), &f->docs) &&
	    !pextra(a, j, &f->x)) {
		json_t *refs = json_object_get(j, "s");
		size_t i;

		f->id = pstr(a, json_object_get(j, "i"));
		f->ref = pstr(a, json_object_get(j, "r"));
		f->refs = NULL;
		f->nrefs = 0;
		rc = KK_OK;
		if (refs && json_is_array(refs)) {
			f->refs = arena_calloc(a, json_array_size(refs),
			    sizeof(*f->refs));
			for (i = 0; i < json_array_size(refs); i++)
				if (!(f->refs[f->nrefs++] = pstr(a,
				    json_array_get(refs, i))))
					rc = KK_EIO;
		} else if (refs) {
			rc = KK_EIO;
		}
	}
	json_decref(j);
	return rc;
}

/* A set of strings with a value each, open addressing; keys are not copied. */
struct strmap {
	const char **keys;
	size_t *vals;
	size_t n, cap;
};

static size_t
strhash(const char *s)
{
	size_t h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static size_t *
strmap_get(const struct strmap *m, const char *key)
{
	size_t i;

	if (!m->cap)
		return NULL;
	for (i = strhash(key) & (m->cap - 1); m->keys[i];
	    i = (i + 1) & (m->cap - 1))
		if (!strcmp(m->keys[i], key))
			return &m->vals[i];
	return NULL;
}

static void
strmap_put(struct strmap *m, const char *key, size_t val)
{
	size_t i, *v;

	if ((v = strmap_get(m, key))) {
		*v = val;
		return;
	}
	if (2 * (m->n + 1) > m->cap) {
		struct strmap bigger = { NULL, NULL, 0, m->cap ? 2 * m->cap : 64 };

		bigger.keys = xcalloc(bigger.cap, sizeof(*bigger.keys));
		bigger.vals = xcalloc(bigger.cap, sizeof(*bigger.vals));
		for (i = 0; i < m->cap; i++)
			if (m->keys[i])
				strmap_put(&bigger, m->keys[i], m->vals[i]);
		free(m->keys);
		free(m->vals);
		*m = bigger;
	}
	for (i = strhash(key) & (m->cap - 1); m->keys[i];
	    i = (i + 1) & (m->cap - 1))
		;
	m->keys[i] = key;
	m->vals[i] = val;
	m->n++;
}

static void
strmap_release(struct strmap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

/*
 * konkordat's own data as ArchiMate. Identifiers start with "kk-" and use
 * an upper-case letter between the ids they join, which no konkordat id
 * contains, so that two different objects never share an identifier.
 */
struct native_build {
	struct arena *a;
	struct am_native *n;
	size_t cap, pcap, vcap;
	struct strmap pds;	/* property definitions made */
	struct strmap mapped;	/* "strategy\titem" -> element identifier */
	const char **mapped_ids;
	size_t nmapped, mcap;
};

static const char *
nid(struct arena *a, const char *kind, const char *x, const char *y,
    const char *z)
{
	struct buf b = BUF_INIT;
	char *s;

	buf_addf(&b, "kk-%s-%s", kind, x);
	if (y)
		buf_addf(&b, "-I-%s", y);
	if (z)
		buf_addf(&b, "-I-%s", z);
	s = arena_strdup(a, b.s);
	buf_release(&b);
	return s;
}

static struct am_concept *
add_concept(struct native_build *nb, const char *id, const char *type,
    const char *name, const char *lang)
{
	struct am_native *n = nb->n;
	struct am_concept *c;

	if (n->nconcepts == nb->cap) {
		struct am_concept *v;

		nb->cap = nb->cap ? 2 * nb->cap : 64;
		v = arena_calloc(nb->a, nb->cap, sizeof(*v));
		if (n->nconcepts)
			memcpy(v, n->concepts, n->nconcepts * sizeof(*v));
		n->concepts = v;
	}
	c = &n->concepts[n->nconcepts++];
	memset(c, 0, sizeof(*c));
	c->id = id;
	c->type = type;
	c->relation = am_relation_type(type);
	if (name) {
		c->names.v = arena_calloc(nb->a, 1, sizeof(*c->names.v));
		c->names.v[0].lang = lang;
		c->names.v[0].s = name;
		c->names.n = 1;
	}
	return c;
}

static struct am_texts
one_text(struct arena *a, const char *s)
{
	struct am_texts t;

	t.v = arena_calloc(a, 1, sizeof(*t.v));
	t.v[0].lang = "en";
	t.v[0].s = s;
	t.n = 1;
	return t;
}

static struct am_concept *
add_relation(struct native_build *nb, const char *id, const char *type,
    const char *source, const char *target)
{
	struct am_concept *c = add_concept(nb, id, type, NULL, NULL);

	c->source = source;
	c->target = target;
	return c;
}

static void
add_doc(struct native_build *nb, struct am_concept *c, const char *text,
    const char *lang)
{
	if (!text)
		return;
	c->docs.v = arena_calloc(nb->a, 1, sizeof(*c->docs.v));
	c->docs.v[0].lang = lang;
	c->docs.v[0].s = text;
	c->docs.n = 1;
}

/* The property definitions konkordat uses, by their short names. */
static const struct {
	const char *key, *name, *type;
} native_props[] = {
	{ "id", "konkordat id", "string" },
	{ "kind", "kind", "string" },
	{ "bfs", "BFS number", "number" },
	{ "population", "population", "number" },
	{ "population-year", "population year", "number" },
	{ "period-start", "period start", "number" },
	{ "period-end", "period end", "number" },
	{ "version", "version", "number" },
	{ "status", "status", "string" },
	{ "language", "language", "string" },
	{ "tags", "tags", "string" },
	{ "date", "date", "date" },
	{ "done", "done", "boolean" },
	{ "valid-from", "valid from", "date" },
	{ "valid-to", "valid to", "date" },
	{ "start", "start", "date" },
	{ "end", "end", "date" },
	{ "light", "traffic light", "string" },
	{ "cost-key", "cost key", "string" },
	{ "function", "function", "string" },
	{ "yearly-cost", "yearly cost (CHF)", "currency" },
	{ "adopted-on", "adopted on", "date" },
	{ "adopted-by", "adopted by", "string" },
	{ "based-on", "based on", "string" },
	{ "proposed-name", "proposed name", "string" },
	{ "relation", "mapping relation", "string" },
	{ "score", "confidence", "number" },
	{ "decision", "decision", "string" },
	{ "decided-by", "decided by", "string" },
	{ "decided-on", "decided on", "date" },
};

/* Property KEY (a definition named NAME of TYPE) of C is VALUE; the
   definition is made when first used. */
static void
add_prop_typed(struct native_build *nb, struct am_concept *c, const char *key,
    const char *name, const char *type, const char *value)
{
	struct am_native *n = nb->n;
	const char *ref = nid(nb->a, "prop", key, NULL, NULL);
	struct am_prop *v;

	if (!value)
		return;
	if (!strmap_get(&nb->pds, ref)) {
		struct am_propdef *p;

		if (n->npropdefs == nb->pcap) {
			struct am_propdef *w;

			nb->pcap = nb->pcap ? 2 * nb->pcap : 32;
			w = arena_calloc(nb->a, nb->pcap, sizeof(*w));
			if (n->npropdefs)
				memcpy(w, n->propdefs, n->npropdefs * sizeof(*w));
			n->propdefs = w;
		}
		p = &n->propdefs[n->npropdefs];
		p->id = ref;
		p->type = type;
		p->names.v = arena_calloc(nb->a, 1, sizeof(*p->names.v));
		p->names.v[0].lang = "en";
		p->names.v[0].s = name;
		p->names.n = 1;
		strmap_put(&nb->pds, ref, n->npropdefs++);
	}
	v = arena_calloc(nb->a, c->x.nprops + 1, sizeof(*v));
	if (c->x.nprops)
		memcpy(v, c->x.props, c->x.nprops * sizeof(*v));
	v[c->x.nprops].ref = ref;
	v[c->x.nprops].values.v = arena_calloc(nb->a, 1, sizeof(struct am_text));
	v[c->x.nprops].values.v[0].s = value;
	v[c->x.nprops].values.n = 1;
	c->x.props = v;
	c->x.nprops++;
}

static void
add_prop(struct native_build *nb, struct am_concept *c, const char *key,
    const char *value)
{
	size_t i;

	for (i = 0; i < KK_ARRAY_SIZE(native_props); i++)
		if (!strcmp(native_props[i].key, key))
			break;
	if (i == KK_ARRAY_SIZE(native_props))
		BUG("no property '%s'", key);
	add_prop_typed(nb, c, key, native_props[i].name, native_props[i].type,
	    value);
}

/* Rappen as francs, "1234.50": the currency properties. */
static const char *
chf(struct arena *a, kk_rappen r)
{
	char s[40];

	snprintf(s, sizeof(s), "%s%lld.%02lld", r < 0 ? "-" : "",
	    (long long)(r < 0 ? -r : r) / 100, (long long)(r < 0 ? -r : r) % 100);
	return arena_strdup(a, s);
}

static const char *
num(struct arena *a, long v)
{
	char s[32];

	snprintf(s, sizeof(s), "%ld", v);
	return arena_strdup(a, s);
}

static void
note_mapping(void *ctx, const char *id, const char *strategy, const char *item)
{
	struct native_build *nb = ctx;
	char *tmp = xasprintf("%s\t%s", strategy, item);
	char *key = arena_strdup(nb->a, tmp);

	free(tmp);
	if (nb->nmapped == nb->mcap) {
		nb->mcap = nb->mcap ? 2 * nb->mcap : 64;
		nb->mapped_ids = xrealloc(nb->mapped_ids,
		    nb->mcap * sizeof(*nb->mapped_ids));
	}
	nb->mapped_ids[nb->nmapped] = arena_strdup(nb->a, id);
	strmap_put(&nb->mapped, key, nb->nmapped++);
}

/* The identifier of item IT of strategy S: its element's, if it came from
   a model, else konkordat's own. *MAPPED says which. */
static const char *
item_id(struct native_build *nb, const struct kk_strategy *s,
    const char *item, bool *mapped)
{
	struct buf b = BUF_INIT;
	size_t *i;

	buf_addf(&b, "%s\t%s", s->id, item);
	i = strmap_get(&nb->mapped, b.s);
	buf_release(&b);
	*mapped = i != NULL;
	return i ? nb->mapped_ids[*i] : nid(nb->a, "item", s->id, item, NULL);
}

static struct am_view *
add_view(struct native_build *nb, const char *id, const char *name,
    const char *lang)
{
	struct am_native *n = nb->n;
	struct am_view *v;

	if (n->nviews == nb->vcap) {
		struct am_view *w;

		nb->vcap = nb->vcap ? 2 * nb->vcap : 8;
		w = arena_calloc(nb->a, nb->vcap, sizeof(*w));
		if (n->nviews)
			memcpy(w, n->views, n->nviews * sizeof(*w));
		n->views = w;
	}
	v = &n->views[n->nviews++];
	memset(v, 0, sizeof(*v));
	v->id = id;
	v->name = name;
	v->lang = lang;
	return v;
}

/* A simple grid: rows of at most GRID_COLS boxes, a new row per group. */
enum { GRID_COLS = 6, BOX_W = 160, BOX_H = 60, GAP = 24 };

struct grid {
	struct am_view *v;
	size_t cap;
	int row, col;
};

static void
grid_put(struct native_build *nb, struct grid *g, const char *ref)
{
	struct am_view *v = g->v;
	struct am_node *nd;

	if (g->col == GRID_COLS) {
		g->col = 0;
		g->row++;
	}
	if (v->nnodes == g->cap) {
		struct am_node *w;

		g->cap = g->cap ? 2 * g->cap : 32;
		w = arena_calloc(nb->a, g->cap, sizeof(*w));
		if (v->nnodes)
			memcpy(w, v->nodes, v->nnodes * sizeof(*w));
		v->nodes = w;
	}
	nd = &v->nodes[v->nnodes];
	nd->id = nid(nb->a, "node", v->id + 3, num(nb->a, (long)v->nnodes),
	    NULL);
	nd->ref = ref;
	nd->x = GAP + g->col * (BOX_W + GAP);
	nd->y = GAP + g->row * (BOX_H + GAP);
	nd->w = BOX_W;
	nd->h = BOX_H;
	v->nnodes++;
	g->col++;
}

static void
grid_break(struct grid *g)
{
	if (g->col) {
		g->row++;
		g->col = 0;
	}
}

/* Connect the nodes of V for every relationship from FIRST on whose ends
   both are in V, except those of type SKIP. */
static void
grid_connect(struct native_build *nb, struct am_view *v, size_t first,
    const char *skip)
{
	struct am_native *n = nb->n;
	size_t i, j, cap = 0;

	for (i = first; i < n->nconcepts; i++) {
		const struct am_concept *c = &n->concepts[i];
		const char *s = NULL, *t = NULL;
		struct am_conn *cn;

		if (!c->relation || (skip && !strcmp(c->type, skip)))
			continue;
		for (j = 0; j < v->nnodes; j++) {
			if (!strcmp(v->nodes[j].ref, c->source))
				s = v->nodes[j].id;
			if (!strcmp(v->nodes[j].ref, c->target))
				t = v->nodes[j].id;
		}
		if (!s || !t)
			continue;
		if (v->nconns == cap) {
			struct am_conn *w;

			cap = cap ? 2 * cap : 32;
			w = arena_calloc(nb->a, cap, sizeof(*w));
			if (v->nconns)
				memcpy(w, v->conns, v->nconns * sizeof(*w));
			v->conns = w;
		}
		cn = &v->conns[v->nconns];
		cn->id = nid(nb->a, "conn", v->id + 3,
		    num(nb->a, (long)v->nconns), NULL);
		cn->ref = c->id;
		cn->source = s;
		cn->target = t;
		v->nconns++;
	}
}

static bool
party_made(const struct store_am_model *models, size_t nmodels,
    const char *party)
{
	size_t i;

	for (i = 0; i < nmodels; i++)
		if (models[i].made_party && !strcmp(models[i].party, party))
			return true;
	return false;
}

static const char *
spare_field(const struct store_am_model *models, size_t nmodels,
    const char *strategy)
{
	size_t i;

	for (i = 0; i < nmodels; i++)
		if (models[i].spare_field &&
		    !strcmp(models[i].strategy, strategy))
			return models[i].spare_field;
	return NULL;
}

static const char *const item_types[KK_ITEM_KIND_COUNT] = {
	[KK_FIELD] = "CourseOfAction",
	[KK_GOAL] = "Goal",
	[KK_PRINCIPLE] = "Principle",
	[KK_MEASURE] = "WorkPackage",
};

static void
build_strategy(struct native_build *nb, const struct kk_strategy *s,
    const char *party_el, const char *spare, int *start, int *end)
{
	struct arena *a = nb->a;
	const char *sid = nid(a, "strategy", s->id, NULL, NULL);
	size_t i, j, first_rel;
	struct am_concept *c;
	struct am_view *v;
	struct grid g = { NULL, 0, 0, 0 };
	bool mapped, mapped2;
	static const enum kk_item_kind order[] = { KK_PRINCIPLE, KK_FIELD,
	    KK_GOAL, KK_MEASURE };

	c = add_concept(nb, sid, "Grouping", s->title, s->lang);
	add_doc(nb, c, s->vision, s->lang);
	add_prop(nb, c, "id", s->id);
	add_prop(nb, c, "period-start", num(a, s->start));
	add_prop(nb, c, "period-end", num(a, s->end));
	add_prop(nb, c, "version", num(a, s->version));
	add_prop(nb, c, "status", s->adopted ? "adopted" : "draft");
	add_prop(nb, c, "language", s->lang);
	if (!*start || s->start < *start)
		*start = s->start;
	if (s->end > *end)
		*end = s->end;
	for (i = 0; i < s->nitems; i++) {
		const struct kk_item *it = &s->items[i];
		struct buf tags = BUF_INIT;

		if (spare && !strcmp(it->id, spare))
			continue;
		item_id(nb, s, it->id, &mapped);
		if (mapped)
			continue;	/* its element is kept; see the writers */
		c = add_concept(nb, nid(a, "item", s->id, it->id, NULL),
		    item_types[it->kind], it->title, s->lang);
		add_doc(nb, c, it->text, s->lang);
		add_prop(nb, c, "id", it->id);
		for (j = 0; j < it->tags.n; j++)
			buf_addf(&tags, "%s%s", j ? ", " : "", it->tags.v[j]);
		if (tags.len)
			add_prop(nb, c, "tags", arena_strdup(a, tags.s));
		buf_release(&tags);
	}
	first_rel = nb->n->nconcepts;
	add_relation(nb, nid(a, "owns", s->id, NULL, NULL), "Association",
	    party_el, sid);
	for (i = 0; i < s->nitems; i++) {
		const struct kk_item *it = &s->items[i];
		const char *iid;

		if (spare && !strcmp(it->id, spare))
			continue;
		iid = item_id(nb, s, it->id, &mapped);
		add_relation(nb, nid(a, "in", s->id, it->id, NULL),
		    "Aggregation", sid, iid);
		if (it->kind == KK_GOAL && it->parent &&
		    !(spare && !strcmp(it->parent, spare))) {
			const char *fid = item_id(nb, s, it->parent, &mapped2);

			/* between two elements of a model, the model's own
			   relationships say it */
			if (!mapped || !mapped2)
				add_relation(nb, nid(a, "field", s->id, it->id,
				    NULL), "Realization", fid, iid);
		}
		for (j = 0; it->kind == KK_MEASURE && j < it->goals.n; j++) {
			const char *gid = item_id(nb, s, it->goals.v[j],
			    &mapped2);

			if (!mapped || !mapped2)
				add_relation(nb, nid(a, "realises", s->id, it->id,
				    it->goals.v[j]), "Realization", iid, gid);
		}
	}

	/* its view: the party and the strategy, then a row group per kind */
	v = add_view(nb, nid(a, "view", s->id, NULL, NULL), s->title, s->lang);
	g.v = v;
	grid_put(nb, &g, party_el);
	grid_put(nb, &g, sid);
	for (j = 0; j < KK_ARRAY_SIZE(order); j++) {
		grid_break(&g);
		for (i = 0; i < s->nitems; i++) {
			if (s->items[i].kind != order[j] ||
			    (spare && !strcmp(s->items[i].id, spare)))
				continue;
			grid_put(nb, &g, item_id(nb, s, s->items[i].id,
			    &mapped));
		}
	}
	/* the grouping's aggregations would only cross the picture */
	grid_connect(nb, v, first_rel, "Aggregation");
}

static char *slug(struct arena *a, const char *s, const char *fallback);

/* The element of "STRATEGY/ITEM", or NULL when there is no such item. */
static const char *
item_ref(struct native_build *nb, const char *ref)
{
	const char *slash = strchr(ref, '/');
	size_t i;
	bool mapped;

	for (i = 0; slash && i < nb->n->nstrategies; i++) {
		const struct kk_strategy *s = &nb->n->strategies[i];

		if (strlen(s->id) == (size_t)(slash - ref) &&
		    !strncmp(s->id, ref, (size_t)(slash - ref)) &&
		    kk_strategy_find(s, slash + 1))
			return item_id(nb, s, slash + 1, &mapped);
	}
	return NULL;
}

static const char *const component_types[KK_COMPONENT_KIND_COUNT] = {
	[KK_SITE] = "Location",
	[KK_DATA_CENTRE] = "Node",
	[KK_NETWORK] = "CommunicationNetwork",
	[KK_PLATFORM] = "SystemSoftware",
	[KK_APPLICATION] = "ApplicationComponent",
	[KK_SERVICE] = "TechnologyService",
};

/*
 * The joint portfolio: projects (work packages with their budget lines as
 * currency properties, one definition per year and kind), components of
 * the infrastructure, decisions (assessments); and a view of them.
 */
static void
build_portfolio(struct native_build *nb, const struct kk_org *o,
    const char *oid)
{
	struct arena *a = nb->a;
	const char *org = o->party.id;
	struct am_concept *c;
	struct grid g = { NULL, 0, 0, 0 };
	struct am_view *v;
	size_t i, j, first_rel;
	char key[64], name[96];

	for (i = 0; i < o->nprojects; i++) {
		const struct kk_project *p = &o->projects[i];

		c = add_concept(nb, nid(a, "project", org, p->id, NULL),
		    "WorkPackage", p->title, NULL);
		add_doc(nb, c, p->text, NULL);
		add_prop(nb, c, "id", p->id);
		add_prop(nb, c, "status", kk_project_status_names[p->status]);
		add_prop(nb, c, "light", kk_light_names[p->light]);
		add_prop(nb, c, "start", p->start);
		add_prop(nb, c, "end", p->end);
		add_prop(nb, c, "cost-key", p->cost_key);
		for (j = 0; j < p->nbudget; j++) {
			const struct kk_budget_line *b = &p->budget[j];

			snprintf(key, sizeof(key), "budget-%d-%s", b->year,
			    kk_budget_kind_names[b->kind]);
			snprintf(name, sizeof(name), "budget %d %s (CHF)",
			    b->year, kk_budget_kind_names[b->kind]);
			add_prop_typed(nb, c, arena_strdup(a, key),
			    arena_strdup(a, name), "currency", chf(a, b->amount));
		}
		for (j = 0; j < p->nmilestones; j++) {
			const struct kk_milestone *m = &p->milestones[j];

			c = add_concept(nb, nid(a, "milestone", org, p->id,
			    m->id), "ImplementationEvent", m->title, NULL);
			add_doc(nb, c, m->text, NULL);
			add_prop(nb, c, "id", m->id);
			add_prop(nb, c, "date", m->date);
			add_prop(nb, c, "done", m->done ? "true" : "false");
		}
	}
	for (i = 0; i < o->ncomponents; i++) {
		const struct kk_component *k = &o->components[i];

		c = add_concept(nb, nid(a, "component", org, k->id, NULL),
		    component_types[k->kind], k->title, NULL);
		add_doc(nb, c, k->text, NULL);
		add_prop(nb, c, "id", k->id);
		add_prop(nb, c, "kind", kk_component_kind_names[k->kind]);
		add_prop(nb, c, "function", k->function);
		if (k->cost >= 0)
			add_prop(nb, c, "yearly-cost", chf(a, k->cost));
		for (j = 0; j < KK_PHASE_COUNT; j++) {
			if (!k->phases[j])
				continue;
			snprintf(key, sizeof(key), "phase-%s",
			    kk_phase_names[j]);
			snprintf(name, sizeof(name), "%s from",
			    kk_phase_names[j]);
			add_prop_typed(nb, c, arena_strdup(a, key),
			    arena_strdup(a, name), "date", k->phases[j]);
		}
	}
	for (i = 0; i < o->ndecisions; i++) {
		const struct kk_decision *dc = &o->decisions[i];

		c = add_concept(nb, nid(a, "decision", org, dc->id, NULL),
		    "Assessment", dc->subject, NULL);
		add_doc(nb, c, dc->outcome, NULL);
		add_prop(nb, c, "id", dc->id);
		add_prop(nb, c, "date", dc->date);
	}

	first_rel = nb->n->nconcepts;
	for (i = 0; i < o->nprojects; i++) {
		const struct kk_project *p = &o->projects[i];
		const char *pid = nid(a, "project", org, p->id, NULL);

		add_relation(nb, nid(a, "steers", org, p->id, NULL),
		    "Association", oid, pid);
		if (p->lead)
			add_relation(nb, nid(a, "leads", org, p->id, NULL),
			    "Assignment", nid(a, "party", p->lead, NULL, NULL),
			    pid);
		for (j = 0; j < p->parties.n; j++)
			if (!p->lead || strcmp(p->parties.v[j], p->lead))
				add_relation(nb, nid(a, "takes-part", org, p->id,
				    p->parties.v[j]), "Association",
				    nid(a, "party", p->parties.v[j], NULL, NULL),
				    pid);
		for (j = 0; j < p->serves.n; j++) {
			const char *goal = item_ref(nb, p->serves.v[j]);

			if (goal)
				add_relation(nb, nid(a, "serves", org, p->id,
				    slug(a, p->serves.v[j], "goal")),
				    "Realization", pid, goal);
		}
		for (j = 0; j < p->ndeps; j++)
			add_relation(nb, nid(a, "after", org, p->id,
			    p->deps[j].project), "Triggering", nid(a, "project",
			    org, p->deps[j].project, NULL), pid);
		for (j = 0; j < p->nmilestones; j++)
			add_relation(nb, nid(a, "reaches", org, p->id,
			    p->milestones[j].id), "Triggering", pid,
			    nid(a, "milestone", org, p->id,
			    p->milestones[j].id));
	}
	for (i = 0; i < o->ncomponents; i++) {
		const struct kk_component *k = &o->components[i];
		const char *cid = nid(a, "component", org, k->id, NULL);
		struct am_concept *r;

		if (k->owner) {
			r = add_relation(nb, nid(a, "owns", org, k->id, NULL),
			    "Association", nid(a, "party", k->owner, NULL,
			    NULL), cid);
			r->names = one_text(a, "owns");
		}
		if (k->operator_) {
			r = add_relation(nb, nid(a, "operates", org, k->id,
			    NULL), "Association", nid(a, "party", k->operator_,
			    NULL, NULL), cid);
			r->names = one_text(a, "operates");
		}
		for (j = 0; j < k->users.n; j++) {
			r = add_relation(nb, nid(a, "uses", org, k->id,
			    k->users.v[j]), "Association", nid(a, "party",
			    k->users.v[j], NULL, NULL), cid);
			r->names = one_text(a, "uses");
		}
		for (j = 0; j < k->depends_on.n; j++) {
			r = add_relation(nb, nid(a, "depends", org, k->id,
			    k->depends_on.v[j]), "Association", cid,
			    nid(a, "component", org, k->depends_on.v[j], NULL));
			r->names = one_text(a, "depends on");
		}
	}
	for (i = 0; i < o->ndecisions; i++) {
		const struct kk_decision *dc = &o->decisions[i];
		const char *did = nid(a, "decision", org, dc->id, NULL);

		if (dc->body)
			add_relation(nb, nid(a, "decided", org, dc->id, NULL),
			    "Association", nid(a, "body", org, dc->body, NULL),
			    did);
		for (j = 0; j < dc->links.n; j++) {
			const char *l = dc->links.v[j], *target = NULL;

			if (!strncmp(l, "project:", 8))
				target = nid(a, "project", org, l + 8, NULL);
			else if (!strncmp(l, "component:", 10))
				target = nid(a, "component", org, l + 10, NULL);
			else if (!strncmp(l, "agreement:", 10))
				target = nid(a, "agreement", org, l + 10, NULL);
			else if (!strncmp(l, "item:", 5))
				target = item_ref(nb, l + 5);
			if (target)
				add_relation(nb, nid(a, "about", org, dc->id,
				    slug(a, l, "link")), "Association", did,
				    target);
		}
	}
	if (!o->nprojects && !o->ncomponents && !o->ndecisions)
		return;
	snprintf(name, sizeof(name), "%s: portfolio and infrastructure",
	    o->party.name);
	v = add_view(nb, nid(a, "view", org, "portfolio", NULL),
	    arena_strdup(a, name), NULL);
	g.v = v;
	for (i = 0; i < o->nprojects; i++)
		grid_put(nb, &g, nid(a, "project", org, o->projects[i].id,
		    NULL));
	grid_break(&g);
	for (i = 0; i < o->ncomponents; i++)
		grid_put(nb, &g, nid(a, "component", org, o->components[i].id,
		    NULL));
	grid_break(&g);
	for (i = 0; i < o->ndecisions; i++)
		grid_put(nb, &g, nid(a, "decision", org, o->decisions[i].id,
		    NULL));
	grid_connect(nb, v, first_rel, NULL);
}

static void
build_org(struct native_build *nb, const struct kk_org *o, const char *oid,
    struct am_view *v)
{
	struct arena *a = nb->a;
	struct grid g = { NULL, 0, 0, 0 };
	size_t i, j, first_rel = nb->n->nconcepts;
	struct am_concept *c;

	for (i = 0; i < o->nbodies; i++) {
		const struct kk_body *b = &o->bodies[i];

		c = add_concept(nb, nid(a, "body", o->party.id, b->id, NULL),
		    "BusinessActor", b->name, NULL);
		add_doc(nb, c, b->text, NULL);
		add_prop(nb, c, "id", b->id);
		add_prop(nb, c, "kind", kk_body_kind_names[b->kind]);
	}
	for (i = 0; i < o->nmilestones; i++) {
		const struct kk_milestone *m = &o->milestones[i];

		c = add_concept(nb, nid(a, "milestone", o->party.id, m->id,
		    NULL), "ImplementationEvent", m->title, NULL);
		add_doc(nb, c, m->text, NULL);
		add_prop(nb, c, "id", m->id);
		add_prop(nb, c, "date", m->date);
		add_prop(nb, c, "done", m->done ? "true" : "false");
	}
	for (i = 0; i < o->nagreements; i++) {
		const struct kk_agreement *g2 = &o->agreements[i];

		c = add_concept(nb, nid(a, "agreement", o->party.id, g2->id,
		    NULL), "Contract", g2->title, NULL);
		add_doc(nb, c, g2->text, NULL);
		add_prop(nb, c, "id", g2->id);
		add_prop(nb, c, "kind", kk_agreement_kind_names[g2->kind]);
		add_prop(nb, c, "valid-from", g2->valid_from);
		add_prop(nb, c, "valid-to", g2->valid_to);
	}
	for (i = 0; i < o->nbodies; i++) {
		const struct kk_body *b = &o->bodies[i];
		const char *bid = nid(a, "body", o->party.id, b->id, NULL);

		add_relation(nb, nid(a, "has", o->party.id, b->id, NULL),
		    "Composition", oid, bid);
		for (j = 0; j < b->members.n; j++)
			add_relation(nb, nid(a, "sits", o->party.id, b->id,
			    b->members.v[j]), "Aggregation", bid,
			    nid(a, "party", b->members.v[j], NULL, NULL));
	}
	for (i = 0; i < o->nmilestones; i++)
		add_relation(nb, nid(a, "plans", o->party.id,
		    o->milestones[i].id, NULL), "Association", oid,
		    nid(a, "milestone", o->party.id, o->milestones[i].id, NULL));
	for (i = 0; i < o->nagreements; i++)
		for (j = 0; j < o->agreements[i].parties.n; j++)
			add_relation(nb, nid(a, "binds", o->party.id,
			    o->agreements[i].id, o->agreements[i].parties.v[j]),
			    "Association", nid(a, "agreement", o->party.id,
			    o->agreements[i].id, NULL), nid(a, "party",
			    o->agreements[i].parties.v[j], NULL, NULL));

	build_portfolio(nb, o, oid);

	g.v = v;
	grid_put(nb, &g, oid);
	grid_break(&g);
	for (i = 0; i < o->party.members.n; i++)
		grid_put(nb, &g, nid(a, "party", o->party.members.v[i], NULL,
		    NULL));
	grid_break(&g);
	for (i = 0; i < o->nbodies; i++)
		grid_put(nb, &g, nid(a, "body", o->party.id, o->bodies[i].id,
		    NULL));
	grid_break(&g);
	for (i = 0; i < o->nmilestones; i++)
		grid_put(nb, &g, nid(a, "milestone", o->party.id,
		    o->milestones[i].id, NULL));
	grid_break(&g);
	for (i = 0; i < o->nagreements; i++)
		grid_put(nb, &g, nid(a, "agreement", o->party.id,
		    o->agreements[i].id, NULL));
	(void)first_rel;
}

/* A view connection from node S to node T for relationship REF; *CAP is
   the capacity of V's array (start it at V->nconns). */
static void
view_conn(struct native_build *nb, struct am_view *v, size_t *cap,
    const char *ref, const char *s, const char *t)
{
	struct am_conn *cn;

	if (v->nconns == *cap) {
		struct am_conn *w;

		*cap = 2 * *cap + 32;
		w = arena_calloc(nb->a, *cap, sizeof(*w));
		if (v->nconns)
			memcpy(w, v->conns, v->nconns * sizeof(*w));
		v->conns = w;
	}
	cn = &v->conns[v->nconns];
	cn->id = nid(nb->a, "conn", v->id + 3, num(nb->a, (long)v->nconns),
	    NULL);
	cn->ref = ref;
	cn->source = s;
	cn->target = t;
	v->nconns++;
}

/* The date of an ISO 8601 time ("2012-03-01T10:00:00Z"), or NULL. */
static const char *
date_of(struct arena *a, const char *t)
{
	return t && strlen(t) >= 10 ? arena_strndup(a, t, 10) : NULL;
}

/* The element of item ITEM of strategy STRATEGY as this export writes it,
   or NULL when it writes none (the item is gone, or is the spare field
   of a model, or belongs to a party that a model stands for). */
static const char *
party_item_el(struct native_build *nb, const struct store_am_model *models,
    size_t nmodels, const char *strategy, const char *item)
{
	const struct kk_strategy *s = NULL;
	const char *spare, *el;
	size_t i;
	bool mapped;

	for (i = 0; i < nb->n->nstrategies; i++)
		if (!strcmp(nb->n->strategies[i].id, strategy))
			s = &nb->n->strategies[i];
	if (!s || !kk_strategy_find(s, item))
		return NULL;
	spare = spare_field(models, nmodels, s->id);
	if (spare && !strcmp(spare, item))
		return NULL;
	el = item_id(nb, s, item, &mapped);
	if (!mapped && party_made(models, nmodels, s->party))
		return NULL;
	return el;
}

/*
 * The current common strategy of the joint organisation ORG (element
 * OID): a Grouping with the common fields (CourseOfAction) and goals
 * (Goal), which konkordat owns; each mapping of a party's item onto a
 * common item as a directed Association from the item, named after the
 * relation, with the engine's reasons as documentation and the
 * relation, the confidence and the decision as properties (Association is allowed between any two elements, so it
 * holds whatever type the party's element has); and a view with a row
 * per common item, the parties' items mapped onto it beside it.
 * Identifiers are the organisation's and the common item's, not the
 * version's: the next version's export updates the same elements.
 */
static int
build_common(struct native_build *nb, struct store *st,
    const struct store_am_model *models, size_t nmodels, const char *org,
    const char *oid)
{
	struct arena *a = nb->a;
	struct store_common cs;
	struct store_citem *cis;
	struct store_mapping *maps;
	size_t ncis, nmaps, i, j, k, first_rel, cap;
	const char *gid, **els, **nodes;
	struct am_concept *c;
	struct am_view *v;
	struct grid g = { NULL, 0, 0, 0 };
	static const enum kk_item_kind order[] = { KK_FIELD, KK_GOAL };
	int rc = store_common_current(st, a, org, &cs);

	if (rc == KK_ENOTFOUND)
		return KK_OK;
	if (rc || (rc = store_common_items(st, a, cs.id, &cis, &ncis)) ||
	    (rc = store_common_mappings(st, a, cs.id, &maps, &nmaps)))
		return rc;

	gid = nid(a, "common", org, NULL, NULL);
	c = add_concept(nb, gid, "Grouping", cs.title, NULL);
	add_prop(nb, c, "id", cs.id);
	if (cs.start) {
		add_prop(nb, c, "period-start", num(a, cs.start));
		add_prop(nb, c, "period-end", num(a, cs.end));
	}
	add_prop(nb, c, "version", num(a, cs.number));
	add_prop(nb, c, "status", cs.adopted ? "adopted" : "draft");
	add_prop(nb, c, "adopted-on", date_of(a, cs.adopted_at));
	add_prop(nb, c, "adopted-by", cs.adopted_by);
	add_prop(nb, c, "based-on", cs.based_on);
	for (i = 0; i < ncis; i++) {
		const struct store_citem *ci = &cis[i];

		c = add_concept(nb, nid(a, "common", org, ci->id, NULL),
		    ci->kind == KK_FIELD ? "CourseOfAction" : "Goal",
		    common_citem_label(ci), NULL);
		add_prop(nb, c, "id", ci->id);
		if (ci->label && strcmp(ci->label, ci->proposed_label))
			add_prop(nb, c, "proposed-name", ci->proposed_label);
	}

	first_rel = nb->n->nconcepts;
	add_relation(nb, nid(a, "holds", org, NULL, NULL), "Association", oid,
	    gid);
	for (i = 0; i < ncis; i++) {
		const char *cid = nid(a, "common", org, cis[i].id, NULL);

		add_relation(nb, nid(a, "gathers", org, cis[i].id, NULL),
		    "Aggregation", gid, cid);
		if (cis[i].kind == KK_GOAL && cis[i].parent)
			add_relation(nb, nid(a, "cfield", org, cis[i].id, NULL),
			    "Realization", nid(a, "common", org, cis[i].parent,
			    NULL), cid);
	}

	/* the view: the organisation and the grouping, then a row per
	   common field, then per common goal, each with its items */
	v = add_view(nb, nid(a, "cview", org, NULL, NULL), cs.title, NULL);
	g.v = v;
	grid_put(nb, &g, oid);
	grid_put(nb, &g, gid);
	els = arena_calloc(a, nmaps + 1, sizeof(*els));
	nodes = arena_calloc(a, nmaps + 1, sizeof(*nodes));
	for (k = 0; k < nmaps; k++)
		els[k] = party_item_el(nb, models, nmodels, maps[k].strategy,
		    maps[k].item);
	for (j = 0; j < KK_ARRAY_SIZE(order); j++)
		for (i = 0; i < ncis; i++) {
			if (cis[i].kind != order[j])
				continue;
			grid_break(&g);
			grid_put(nb, &g, nid(a, "common", org, cis[i].id, NULL));
			for (k = 0; k < nmaps; k++) {
				if (!els[k] || strcmp(maps[k].citem, cis[i].id) ||
				    !strcmp(maps[k].decision, "rejected"))
					continue;
				grid_put(nb, &g, els[k]);
				nodes[k] = v->nodes[v->nnodes - 1].id;
			}
		}
	/* the grouping's aggregations would only cross the picture */
	grid_connect(nb, v, first_rel, "Aggregation");

	cap = v->nconns;
	for (k = 0; k < nmaps; k++) {
		const struct store_mapping *m = &maps[k];
		const char *cid = nid(a, "common", org, m->citem, NULL);
		char score[16];
		struct buf id = BUF_INIT;
		struct am_concept *r;

		if (!els[k])
			continue;
		buf_addf(&id, "kk-maps-%s-I-%s-I-%s-I-%s", org, m->strategy,
		    m->item, m->citem);
		r = add_relation(nb, arena_strdup(a, id.s), "Association",
		    els[k], cid);
		buf_release(&id);
		r->names = one_text(a, m->relation);
		/* the engine's reasons, as the review shows them */
		if (*common_why(a, m))
			r->docs = one_text(a, common_why(a, m));
		r->x.attrs = arena_calloc(a, 1, sizeof(*r->x.attrs));
		r->x.attrs[0].name = "isDirected";
		r->x.attrs[0].value = "true";
		r->x.nattrs = 1;
		add_prop(nb, r, "relation", m->relation);
		if (m->score >= 0) {
			snprintf(score, sizeof(score), "%.2f", m->score);
			add_prop(nb, r, "score", arena_strdup(a, score));
		}
		add_prop(nb, r, "decision", m->decision);
		add_prop(nb, r, "decided-by", m->decided_by);
		add_prop(nb, r, "decided-on", date_of(a, m->decided_at));
		if (nodes[k]) {
			for (j = 0; j < v->nnodes; j++)
				if (!strcmp(v->nodes[j].ref, cid))
					break;
			view_conn(nb, v, &cap, r->id, nodes[k],
			    v->nodes[j].id);
		}
	}
	return KK_OK;
}

/*
 * Build what konkordat writes of its own data. Parties and strategies an
 * import made from a model's name are left out (the model stands for
 * them), and so are items that came from a model (their elements are
 * kept, see the writers).
 */
int
am_native_build(struct store *st, struct arena *a, struct am_native *n)
{
	struct native_build nb;
	struct store_am_model *models;
	struct kk_party *parties;
	struct kk_strategy *ss;
	size_t nmodels, nparties, nss, i, j, first_rel;
	int start = 0, end = 0, rc;
	struct am_view *orgview = NULL;
	const char *oid = NULL;

	memset(n, 0, sizeof(*n));
	memset(&nb, 0, sizeof(nb));
	nb.a = a;
	nb.n = n;
	if ((rc = store_am_list_models(st, a, &models, &nmodels)) != KK_OK ||
	    (rc = store_list_parties(st, a, &parties, &nparties)) != KK_OK ||
	    (rc = store_list_strategies(st, a, &ss, &nss)) != KK_OK)
		return rc;
	n->strategies = ss;
	n->nstrategies = nss;
	store_am_mappings(st, NULL, note_mapping, &nb);

	for (i = 0; i < nparties; i++) {
		const struct kk_party *p = &parties[i];
		struct am_concept *c;

		if (party_made(models, nmodels, p->id))
			continue;
		c = add_concept(&nb, nid(a, "party", p->id, NULL, NULL),
		    "BusinessActor", p->name, NULL);
		add_prop(&nb, c, "id", p->id);
		add_prop(&nb, c, "kind", kk_party_kind_names[p->kind]);
		if (p->bfs > 0)
			add_prop(&nb, c, "bfs", num(a, p->bfs));
		if (p->population >= 0) {
			add_prop(&nb, c, "population", num(a, p->population));
			add_prop(&nb, c, "population-year",
			    num(a, p->population_year));
		}
		if (p->kind == KK_JOINT_ORG && !oid) {
			oid = c->id;
			n->org_name = p->name;
		}
	}
	first_rel = n->nconcepts;
	for (i = 0; i < nparties; i++) {
		const struct kk_party *p = &parties[i];

		if (party_made(models, nmodels, p->id))
			continue;
		for (j = 0; j < p->members.n; j++)
			add_relation(&nb, nid(a, "member", p->id,
			    p->members.v[j], NULL), "Aggregation",
			    nid(a, "party", p->id, NULL, NULL),
			    nid(a, "party", p->members.v[j], NULL, NULL));
	}
	for (i = 0; i < nss; i++) {
		if (party_made(models, nmodels, ss[i].party))
			continue;
		build_strategy(&nb, &ss[i], nid(a, "party", ss[i].party, NULL,
		    NULL), spare_field(models, nmodels, ss[i].id), &start, &end);
	}
	for (i = 0; i < nparties; i++) {
		struct kk_doc doc;

		if (parties[i].kind != KK_JOINT_ORG ||
		    party_made(models, nmodels, parties[i].id))
			continue;
		if ((rc = store_load_doc(st, a, parties[i].id, &doc)) != KK_OK)
			break;
		orgview = add_view(&nb, nid(a, "view", parties[i].id, NULL,
		    NULL), parties[i].name, NULL);
		/* the organisation's period, when it has one, is the period */
		if (doc.org.start) {
			start = doc.org.start;
			end = doc.org.end;
		}
		build_org(&nb, &doc.org, nid(a, "party", parties[i].id, NULL,
		    NULL), orgview);
		if ((rc = build_common(&nb, st, models, nmodels, parties[i].id,
		    nid(a, "party", parties[i].id, NULL, NULL))) != KK_OK)
			break;
	}
	if (!rc && start) {
		const char *ps = nid(a, "plateau", "start", NULL, NULL);
		const char *pe = nid(a, "plateau", "end", NULL, NULL);
		struct am_concept *c;
		char name[64];

		snprintf(name, sizeof(name), "%d: start of the period", start);
		c = add_concept(&nb, ps, "Plateau", arena_strdup(a, name), "en");
		snprintf(name, sizeof(name), "%d-01-01", start);
		add_prop(&nb, c, "date", arena_strdup(a, name));
		snprintf(name, sizeof(name), "%d: end of the period", end);
		c = add_concept(&nb, pe, "Plateau", arena_strdup(a, name), "en");
		snprintf(name, sizeof(name), "%d-12-31", end);
		add_prop(&nb, c, "date", arena_strdup(a, name));
		add_relation(&nb, nid(a, "transition", "period", NULL, NULL),
		    "Triggering", ps, pe);
		if (orgview) {
			struct grid g = { orgview, orgview->nnodes, 0, 0 };

			g.row = orgview->nnodes ?
			    (orgview->nodes[orgview->nnodes - 1].y - GAP) /
			    (BOX_H + GAP) + 1 : 0;
			grid_put(&nb, &g, ps);
			grid_put(&nb, &g, pe);
		}
	}
	if (orgview)
		grid_connect(&nb, orgview, first_rel, NULL);

	/* elements first, then relationships: the writers want them so */
	{
		struct am_concept *v = arena_calloc(a, n->nconcepts + 1,
		    sizeof(*v));
		size_t k = 0;

		for (i = 0; i < n->nconcepts; i++)
			if (!n->concepts[i].relation)
				v[k++] = n->concepts[i];
		for (i = 0; i < n->nconcepts; i++)
			if (n->concepts[i].relation)
				v[k++] = n->concepts[i];
		n->concepts = v;
	}
	free(nb.mapped_ids);
	strmap_release(&nb.mapped);
	strmap_release(&nb.pds);
	return rc;
}

/* Whether NAME, as an item's title was made of it, is TITLE: the name
   keeps the white space around it that the title lost (kk_text_trim()). */
static bool
same_text(struct arena *a, const char *name, const char *title)
{
	return name && (!strcmp(name, title) ||
	    !strcmp(kk_text_trim(a, name), title));
}

/*
 * Make S the text in LANG of T (NULL removes it). A text without a
 * language stands for any. When T has none in LANG, S is the text picked
 * on import from another language (am_text_pick) and unchanged, so T
 * stays, or it was edited in konkordat, in the strategy's language, and
 * joins T under LANG: a text never moves to another language.
 */
static void
live_text(struct arena *a, struct am_texts *t, const char *lang,
    const char *s)
{
	struct am_text *v = arena_calloc(a, t->n + 1, sizeof(*v));
	size_t i, k = 0, which = t->n;

	for (i = 0; lang && i < t->n; i++)
		if (t->v[i].lang && !strcmp(t->v[i].lang, lang)) {
			which = i;
			break;
		}
	for (i = 0; which == t->n && i < t->n; i++)
		if (!t->v[i].lang || !lang) {
			which = i;
			break;
		}
	if (which == t->n) {
		for (i = 0; s && i < t->n; i++)
			if (same_text(a, t->v[i].s, s))
				return;
		if (!s)
			return;
		if (t->n)
			memcpy(v, t->v, t->n * sizeof(*v));
		v[t->n].lang = lang;
		v[t->n].s = s;
		t->v = v;
		t->n++;
		return;
	}
	for (i = 0; i < t->n; i++) {
		v[k] = t->v[i];
		if (i == which) {
			if (!s)
				continue;
			if (!same_text(a, v[k].s, s))
				v[k].s = s;
		}
		k++;
	}
	t->v = v;
	t->n = k;
}

void
am_live(const struct am_native *n, struct arena *a, struct am_concept *c)
{
	const struct kk_strategy *s = NULL;
	const struct kk_item *it;
	size_t i;

	if (!c->strategy || !c->item)
		return;
	for (i = 0; i < n->nstrategies; i++)
		if (!strcmp(n->strategies[i].id, c->strategy))
			s = &n->strategies[i];
	if (!s || !(it = kk_strategy_find(s, c->item)))
		return;
	live_text(a, &c->names, s->lang, it->title);
	live_text(a, &c->docs, s->lang, it->text);
}

/*
 * The import of one model. Concepts go to the store as they come; the
 * goals, fields, principles and measures among them also become items of
 * one strategy, which is written once the whole model is read, because
 * which field a goal belongs to is said by relationships that come later.
 */
struct link {
	const char *type, *source, *target;
};

enum { AM_RUN = 1000 };	/* plain folders in one row, at most */

/* The identifier of the model konkordat writes when the database holds
   more than one imported model or data of its own (fmt-archimate-write.c,
   fmt-archi-csv.c). */
static const char AM_OWN_MODEL[] = "kk-model";

static int flush_run(struct am_import *im);
static store_am_refused_fn refused;

struct am_import {
	struct store *st;
	struct am_opts o;
	struct kk_diags *d;
	size_t ndiags;		/* diagnostics before this import */
	struct arena *a;
	struct store_am_batch *b;
	bool open;		/* the transaction */
	bool headed;
	int rc;			/* a failure of the store, sticky */
	struct store_am_model model;
	bool reserved;		/* the model row is this import's placeholder */
	struct am_native native;
	struct strmap natives;	/* identifiers konkordat makes itself */
	/* the strategy that receives the items */
	struct kk_party party;
	bool make_party;
	struct kk_strategy s;
	size_t icap;
	const char **owner_old;	/* element an item came from before */
	const char **owner_new;	/* element an item comes from now */
	struct strmap items;	/* item id -> index in s.items */
	struct strmap el;	/* element identifier -> index in s.items */
	struct strmap old;	/* identifier -> index in old_items */
	const char **old_items;
	size_t nold, ocap;
	struct link *links;
	size_t nlinks, lcap;
	struct strmap prefs;	/* property definitions referred to */
	const char **pref_by;
	size_t npref, pcap;
	struct strmap pdnames;	/* CSV: property key -> index in pdids */
	const char **pdids;
	size_t npd, pdcap;
	struct am_counts counts;
	/* the model is konkordat's own export (AM_OWN_MODEL): concepts and
	   views of the models it gathered are theirs, not new ones */
	bool own;
	bool existed;		/* the model was stored before */
	size_t own_new;		/* concepts of an own export not yet stored */
	/* where the last STORE_AM_ROWS concepts were, for the store's
	   refusals of queued ones */
	struct kk_loc put_locs[STORE_AM_ROWS];
	size_t nputs;
	am_place_fn *place;
	void *place_ctx;
	/* a run of plain reference folders, written as one row */
	const char *run[AM_RUN];
	size_t nrun;
	int run_grp, run_depth;
	struct arena *run_arena;
};

static void
count_change(void *ctx, enum store_change change, const char *entity)
{
	struct am_import *im = ctx;

	if (change == STORE_ADDED)
		im->counts.added++;
	else if (change == STORE_CHANGED)
		im->counts.changed++;
	else
		im->counts.removed++;
}

/* Note a failure of the store: the import cannot go on. */
static int
store_failed(struct am_import *im, int rc)
{
	if (!im->rc) {
		im->rc = rc;
		diags_add(im->d, NULL, "cannot write the model: %s",
		    store_errmsg(im->st));
	}
	return rc;
}

struct am_import *
am_import_new(struct store *st, const struct am_opts *o, struct kk_diags *d)
{
	struct am_import *im = xcalloc(1, sizeof(*im));
	size_t i;
	int rc;

	im->st = st;
	im->o = *o;
	im->d = d;
	im->ndiags = d->nerrors;
	im->a = arena_new();
	store_set_notify(st, count_change, im);
	/* the caller's transaction holds the import; a mark takes it back
	   when it fails, is a dry run or changes nothing */
	if ((rc = store_mark(st)) != KK_OK) {
		store_failed(im, rc);
		return im;
	}
	im->open = true;
	if ((rc = am_native_build(st, im->a, &im->native)) != KK_OK) {
		store_failed(im, rc);
		return im;
	}
	for (i = 0; i < im->native.nconcepts; i++)
		strmap_put(&im->natives, im->native.concepts[i].id, i);
	for (i = 0; i < im->native.npropdefs; i++)
		strmap_put(&im->natives, im->native.propdefs[i].id, i);
	for (i = 0; i < im->native.nviews; i++)
		strmap_put(&im->natives, im->native.views[i].id, i);
	return im;
}

void
am_import_free(struct am_import *im)
{
	if (!im)
		return;
	store_am_abort(im->b);
	if (im->open)
		store_undo(im->st);
	store_set_notify(im->st, NULL, NULL);
	strmap_release(&im->natives);
	strmap_release(&im->items);
	strmap_release(&im->el);
	strmap_release(&im->old);
	strmap_release(&im->prefs);
	strmap_release(&im->pdnames);
	arena_free(im->run_arena);
	free(im->owner_old);
	free(im->owner_new);
	free(im->old_items);
	free(im->links);
	free(im->pref_by);
	free(im->pdids);
	free(im->s.items);
	arena_free(im->a);
	free(im);
}

static bool
failed(const struct am_import *im)
{
	return im->rc != KK_OK || !im->headed;
}

/* A konkordat id made of S: lowercase letters, digits, '-', '_', '.'. */
static char *
slug(struct arena *a, const char *s, const char *fallback)
{
	char out[65];
	size_t n = 0;
	const unsigned char *p;

	for (p = (const unsigned char *)s; s && *p && n < 48; p++) {
		unsigned char c = *p;

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    ((c == '_' || c == '.') && n)) {
			out[n++] = (char)c;
		} else if (n && out[n - 1] != '-') {
			out[n++] = '-';
		}
	}
	while (n && (out[n - 1] == '-' || out[n - 1] == '.' ||
	    out[n - 1] == '_'))
		n--;
	if (!n)
		return arena_strdup(a, fallback);
	out[n] = '\0';
	return arena_strdup(a, out);
}

static bool
party_exists(struct store *st, const char *id)
{
	struct arena *a = arena_new();
	struct kk_party p;
	bool yes = store_get_party(st, a, id, &p) == KK_OK;

	arena_free(a);
	return yes;
}

static bool
strategy_taken(struct store *st, const char *id)
{
	char *owner;

	if (store_find_strategy(st, id, &owner))
		return false;
	free(owner);
	return true;
}

/* BASE, or BASE-2, BASE-3... whichever TAKEN does not hold. */
static const char *
free_id(struct arena *a, const char *base, bool (*taken)(void *, const char *),
    void *ctx)
{
	char buf[80];
	int i;

	if (!taken(ctx, base))
		return base;
	for (i = 2;; i++) {
		snprintf(buf, sizeof(buf), "%.60s-%d", base, i);
		if (!taken(ctx, buf))
			return arena_strdup(a, buf);
	}
}

static const char *
strategy_name(struct arena *a, const char *party)
{
	char buf[80];

	snprintf(buf, sizeof(buf), "%.50s-archimate", party);
	return arena_strdup(a, buf);
}

static bool
party_taken(void *ctx, const char *id)
{
	return party_exists(ctx, id);
}

static bool
strategy_taken_cb(void *ctx, const char *id)
{
	return strategy_taken(ctx, id);
}

static bool
item_taken(void *ctx, const char *id)
{
	struct am_import *im = ctx;

	return strmap_get(&im->items, id) != NULL;
}

static void
note_old(void *ctx, const char *id, const char *strategy, const char *item)
{
	struct am_import *im = ctx;

	if (strcmp(strategy, im->s.id))
		return;
	if (im->nold == im->ocap) {
		im->ocap = im->ocap ? 2 * im->ocap : 64;
		im->old_items = xrealloc(im->old_items,
		    im->ocap * sizeof(*im->old_items));
	}
	im->old_items[im->nold] = arena_strdup(im->a, item);
	strmap_put(&im->old, arena_strdup(im->a, id), im->nold++);
}

static void
grow_items(struct am_import *im)
{
	if (im->s.nitems < im->icap)
		return;
	im->icap = im->icap ? 2 * im->icap : 64;
	im->s.items = xrealloc(im->s.items, im->icap * sizeof(*im->s.items));
	im->owner_old = xrealloc(im->owner_old,
	    im->icap * sizeof(*im->owner_old));
	im->owner_new = xrealloc(im->owner_new,
	    im->icap * sizeof(*im->owner_new));
}

/* Merge NEW into OLD (Archi's CSV): a text without a language replaces
   the first; properties replace those of the same definition. */
static void
merge_texts(struct arena *a, struct am_texts *old, const struct am_texts *new)
{
	size_t i;

	for (i = 0; i < new->n; i++) {
		if (old->n) {
			old->v[0].s = new->v[i].s;
			continue;
		}
		old->v = arena_calloc(a, 1, sizeof(*old->v));
		old->v[0] = new->v[i];
		old->n = 1;
	}
}

static void
merge_props(struct arena *a, struct am_extra *old, const struct am_extra *new)
{
	size_t i, j;

	for (i = 0; i < new->nprops; i++) {
		for (j = 0; j < old->nprops; j++)
			if (!strcmp(old->props[j].ref, new->props[i].ref))
				break;
		if (j == old->nprops) {
			struct am_prop *v = arena_calloc(a, old->nprops + 1,
			    sizeof(*v));

			if (old->nprops)
				memcpy(v, old->props, old->nprops * sizeof(*v));
			old->props = v;
			old->props[old->nprops++] = new->props[i];
		} else {
			merge_texts(a, &old->props[j].values,
			    &new->props[i].values);
		}
	}
}

int
am_import_head(struct am_import *im, const struct am_head *h,
    const struct kk_loc *loc)
{
	struct arena *a = im->a;
	struct store_am_model old;
	struct kk_doc doc;
	bool existed;
	const char *name, *lang;
	size_t i;
	int rc;

	if (im->rc)
		return im->rc;
	if (!h->id || !*h->id) {
		diags_add(im->d, loc, "the model has no identifier");
		return KK_EINPUT;
	}
	name = am_text_pick(&h->names, NULL);
	/* a party's name and a strategy's title, as YAML takes them back */
	name = name ? kk_text_trim(a, name) : NULL;
	lang = h->names.n ? h->names.v[0].lang : NULL;
	memset(&im->model, 0, sizeof(im->model));
	rc = store_am_get_model(im->st, a, h->id, &old);
	if (rc && rc != KK_ENOTFOUND)
		return store_failed(im, rc);
	existed = rc == KK_OK;
	im->existed = existed;
	im->own = !strcmp(h->id, AM_OWN_MODEL);
	if (existed && im->o.party && strcmp(im->o.party, old.party)) {
		diags_add(im->d, loc, "model '%s' was imported for party '%s', "
		    "not for '%s'", h->id, old.party, im->o.party);
		diags_need(im->d, KK_ENEED_SAME_PARTY);
		return KK_EINPUT;
	}
	im->model.id = arena_strdup(a, h->id);
	im->model.head = *h;
	if (im->o.merge && existed) {
		/* Archi's CSV says less than an exchange file: keep the rest */
		im->model.head = old.head;
		im->model.head.id = im->model.id;
		merge_texts(a, &im->model.head.names, &h->names);
		merge_texts(a, &im->model.head.docs, &h->docs);
		merge_props(a, &im->model.head.x, &h->x);
		im->model.head.metadata = old.head.metadata;
	}
	if (existed) {
		im->model.party = old.party;
		im->model.strategy = old.strategy;
		im->model.made_party = old.made_party;
		im->model.spare_field = old.spare_field;
		im->model.viewpoints = old.viewpoints;
	} else if (im->o.party) {
		if (!party_exists(im->st, im->o.party)) {
			diags_add(im->d, loc, "no party '%s' in the database",
			    im->o.party);
			return KK_EINPUT;
		}
		im->model.party = arena_strdup(a, im->o.party);
	} else {
		im->model.party = free_id(a, slug(a, name, "archimate-model"),
		    party_taken, im->st);
		im->model.made_party = true;
	}

	/* the party's strategy, or a new one */
	memset(&doc, 0, sizeof(doc));
	if (party_exists(im->st, im->model.party) &&
	    (rc = store_load_doc(im->st, a, im->model.party, &doc)) != KK_OK)
		return store_failed(im, rc);
	if (doc.type == KK_DOC_ORG) {
		/* the front end says how the common one is made */
		diags_add(im->d, loc, "'%s' is the joint organisation, whose "
		    "strategy is the common one", im->model.party);
		diags_need(im->d, KK_ENEED_PARTY);
		return KK_EINPUT;
	}
	if (doc.strategy && (!im->model.strategy ||
	    !strcmp(doc.strategy->id, im->model.strategy))) {
		im->s = *doc.strategy;
		im->s.items = NULL;
		im->s.nitems = 0;
		for (i = 0; i < doc.strategy->nitems; i++) {
			grow_items(im);
			im->s.items[i] = doc.strategy->items[i];
			im->owner_old[i] = im->owner_new[i] = NULL;
			strmap_put(&im->items, im->s.items[i].id, i);
			im->s.nitems++;
		}
	} else {
		time_t now = time(NULL);
		struct tm tm;
		int l = lang ? kk_enum_parse(lang, kk_languages, 4) : -1;

		gmtime_r(&now, &tm);
		memset(&im->s, 0, sizeof(im->s));
		im->s.id = im->model.strategy ? im->model.strategy :
		    free_id(a, im->model.made_party ? im->model.party :
		    strategy_name(a, im->model.party), strategy_taken_cb,
		    im->st);
		im->s.party = im->model.party;
		im->s.title = name && *name ? name : im->s.id;
		im->s.start = im->s.end = tm.tm_year + 1900;
		im->s.version = 1;
		im->s.lang = kk_languages[l < 0 ? 3 : l];
	}
	im->model.strategy = im->s.id;
	if (!im->model.spare_field)
		im->model.spare_field = free_id(a, "archimate", item_taken, im);
	snprintf(im->counts.party, sizeof(im->counts.party), "%s",
	    im->model.party);
	snprintf(im->counts.strategy, sizeof(im->counts.strategy), "%s",
	    im->model.strategy);

	if (im->model.made_party && !party_exists(im->st, im->model.party)) {
		memset(&im->party, 0, sizeof(im->party));
		im->party.id = im->model.party;
		im->party.name = name && *name ? name : im->model.party;
		im->party.kind = KK_ASSOCIATION;
		im->party.population = -1;
		im->party.standalone = true;
		if ((rc = store_put_party(im->st, &im->party)) != KK_OK)
			return store_failed(im, rc);
	}
	if ((rc = store_am_reserve_model(im->st, im->model.id, im->model.party,
	    im->model.strategy, &im->reserved)) != KK_OK ||
	    (rc = store_am_begin(im->st, im->model.id, im->o.merge, refused,
	    im, &im->b)) != KK_OK)
		return store_failed(im, rc);
	for (i = 0; i < im->natives.cap; i++)
		if (im->natives.keys[i] &&
		    (rc = store_am_known(im->b, im->natives.keys[i])) != KK_OK)
			return store_failed(im, rc);
	store_am_mappings(im->st, im->model.id, note_old, im);
	for (i = 0; i < im->s.nitems; i++) {
		size_t k;

		for (k = 0; k < im->nold; k++)
			if (!strcmp(im->old_items[k], im->s.items[i].id))
				break;
		if (k < im->nold) {
			size_t j;

			for (j = 0; j < im->old.cap; j++)
				if (im->old.keys[j] && im->old.vals[j] == k)
					im->owner_old[i] = im->old.keys[j];
		}
	}
	if (im->o.merge) {
		/* Archi's CSV names properties by key: know this model's */
		struct am_propdef *pds;
		const char **models;
		size_t n;

		if ((rc = store_am_list_propdefs(im->st, a, &pds, &models,
		    &n)) != KK_OK)
			return store_failed(im, rc);
		for (i = 0; i < n; i++) {
			const char *key = am_text_pick(&pds[i].names, NULL);

			if (strcmp(models[i], im->model.id) || !key ||
			    strmap_get(&im->pdnames, key))
				continue;
			if (im->npd == im->pdcap) {
				im->pdcap = im->pdcap ? 2 * im->pdcap : 16;
				im->pdids = xrealloc(im->pdids,
				    im->pdcap * sizeof(*im->pdids));
			}
			im->pdids[im->npd] = pds[i].id;
			strmap_put(&im->pdnames, key, im->npd++);
		}
	}
	im->headed = true;
	return KK_OK;
}

const char *
am_import_propkey(struct am_import *im, const char *key)
{
	size_t *i = strmap_get(&im->pdnames, key);
	struct am_propdef p;
	char id[32];
	struct kk_loc loc = { NULL, 0, 0 };

	if (i)
		return im->pdids[*i];
	memset(&p, 0, sizeof(p));
	do {
		snprintf(id, sizeof(id), "propid-%zu", ++im->npd);
	} while (store_am_has(im->st, id) || strmap_get(&im->natives, id));
	im->npd--;
	p.id = arena_strdup(im->a, id);
	p.type = "string";
	p.names.v = arena_calloc(im->a, 1, sizeof(*p.names.v));
	p.names.v[0].s = arena_strdup(im->a, key);
	p.names.n = 1;
	am_import_propdef(im, &p, &loc);
	if (im->npd == im->pdcap) {
		im->pdcap = im->pdcap ? 2 * im->pdcap : 16;
		im->pdids = xrealloc(im->pdids, im->pdcap * sizeof(*im->pdids));
	}
	im->pdids[im->npd] = p.id;
	strmap_put(&im->pdnames, p.names.v[0].s, im->npd++);
	return p.id;
}

void
am_import_head_props(struct am_import *im, const struct am_extra *x)
{
	merge_props(im->a, &im->model.head.x, x);
}

static int
item_kind(const char *type)
{
	if (!strcmp(type, "Goal"))
		return KK_GOAL;
	if (!strcmp(type, "CourseOfAction") || !strcmp(type, "Capability"))
		return KK_FIELD;
	if (!strcmp(type, "Principle"))
		return KK_PRINCIPLE;
	if (!strcmp(type, "WorkPackage"))
		return KK_MEASURE;
	return -1;
}

/* Make element C (of a kind konkordat knows) an item of the strategy. */
static const char *
map_item(struct am_import *im, const struct am_concept *c, int kind)
{
	struct arena *a = im->a;
	size_t *o = strmap_get(&im->old, c->id), *k, idx;
	const char *iid = o ? im->old_items[*o] : NULL;
	const char *title = am_text_pick(&c->names, im->s.lang);
	struct kk_item *it;

	title = title ? kk_text_trim(a, title) : NULL;

	if (iid && (k = strmap_get(&im->items, iid)) && !im->owner_new[*k]) {
		idx = *k;
	} else {
		iid = free_id(a, slug(a, c->id, "item"), item_taken, im);
		grow_items(im);
		idx = im->s.nitems++;
		memset(&im->s.items[idx], 0, sizeof(im->s.items[idx]));
		im->s.items[idx].id = iid;
		im->owner_old[idx] = NULL;
		strmap_put(&im->items, iid, idx);
	}
	it = &im->s.items[idx];
	im->owner_new[idx] = arena_strdup(a, c->id);
	strmap_put(&im->el, im->owner_new[idx], idx);
	if (it->kind != (enum kk_item_kind)kind)
		it->parent = NULL;
	it->kind = (enum kk_item_kind)kind;
	if (title && *title) {
		it->title = arena_strdup(a, title);
	} else {
		char *t = xasprintf("%s %s", c->type, c->id);

		it->title = arena_strdup(a, t);
		free(t);
	}
	it->text = arena_strdup(a, am_text_pick(&c->docs, im->s.lang));
	if (kind == KK_MEASURE) {
		it->goals.v = NULL;
		it->goals.n = 0;
	}
	im->counts.items++;
	return iid;
}

static void
conflict(struct am_import *im, const char *what, const char *id,
    const char *owner, const struct kk_loc *loc)
{
	if (owner)
		diags_add(im->d, loc, "%s '%s' is already in the database as "
		    "part of model '%s'", what, id, owner);
	else
		diags_add(im->d, loc, "identifier '%s' is used twice", id);
}

/* The store refused a concept given BACK puts before the last one. */
static void
refused(void *ctx, const char *id, const char *owner, bool relation,
    size_t back)
{
	struct am_import *im = ctx;
	const struct kk_loc *loc = &im->put_locs[(im->nputs - 1 - back) %
	    STORE_AM_ROWS];
	size_t n = im->d->n;

	conflict(im, relation ? "relationship" : "element", id, owner, loc);
	if (im->place && im->d->n > n)
		im->place(im->place_ctx, n, id, loc);
}

void
am_import_set_place(struct am_import *im, am_place_fn *place, void *ctx)
{
	im->place = place;
	im->place_ctx = ctx;
}

/* Write the concepts the store still holds back: before anything else
   goes to the store, which must see them. */
static int
flush_concepts(struct am_import *im)
{
	int rc = store_am_flush(im->b);

	if (rc == KK_ECONFLICT)
		return KK_EINPUT;
	return rc ? store_failed(im, rc) : KK_OK;
}

int
am_import_flush(struct am_import *im)
{
	if (failed(im))
		return im->rc ? im->rc : KK_EINPUT;
	return flush_concepts(im);
}

int
am_import_concept(struct am_import *im, const struct am_concept *in,
    const struct kk_loc *loc)
{
	struct am_concept c = *in;
	int kind, rc;
	size_t i;

	if (failed(im))
		return im->rc ? im->rc : KK_EINPUT;
	if (!c.id || !*c.id) {
		diags_add(im->d, loc, "%s without an identifier",
		    c.relation ? "relationship" : "element");
		return KK_EINPUT;
	}
	if (c.relation ? !am_relation_type(c.type) : !am_element_type(c.type)) {
		diags_add(im->d, loc, "unknown %s type '%s'", c.relation ?
		    "relationship" : "element", c.type);
		return KK_EINPUT;
	}
	if (c.relation && (!c.source || !*c.source || !c.target ||
	    !*c.target)) {
		diags_add(im->d, loc, "relationship '%s' lacks its %s", c.id,
		    !c.source || !*c.source ? "source" : "target");
		return KK_EINPUT;
	}
	/* konkordat's own, written back by a tool: it is here already */
	if (strmap_get(&im->natives, c.id))
		return KK_OK;
	if (im->own) {
		/* konkordat's export gathers the imported models: a concept
		   stored as another model's is that model's, here already */
		struct am_concept old;
		char *model = NULL;
		bool other;

		/* the store looks up only what it has written */
		if ((rc = flush_concepts(im)) != KK_OK)
			return rc;
		rc = store_am_get_concept(im->b, im->a, c.id, &old, &model);
		if (rc && rc != KK_ENOTFOUND) {
			free(model);
			return store_failed(im, rc);
		}
		other = rc == KK_OK && strcmp(model, im->model.id);
		free(model);
		if (other)
			return KK_OK;
		im->own_new++;
	}
	if (im->o.merge) {
		struct am_concept old;
		char *model;

		rc = store_am_get_concept(im->b, im->a, c.id, &old, &model);
		if (rc == KK_OK && !strcmp(model, im->model.id) &&
		    old.relation == c.relation) {
			merge_texts(im->a, &old.names, &c.names);
			merge_texts(im->a, &old.docs, &c.docs);
			merge_props(im->a, &old.x, &c.x);
			for (i = 0; i < c.x.nattrs; i++) {
				size_t j;

				for (j = 0; j < old.x.nattrs; j++)
					if (!strcmp(old.x.attrs[j].name,
					    c.x.attrs[i].name))
						old.x.attrs[j] = c.x.attrs[i];
			}
			old.type = c.type;
			if (c.relation) {
				old.source = c.source;
				old.target = c.target;
			}
			c = old;
		}
		free(model);
		if (rc && rc != KK_ENOTFOUND)
			return store_failed(im, rc);
	}
	c.strategy = c.item = NULL;
	/* the common fields and goals of a konkordat export are the joint
	   organisation's, not the party's that receives the model: kept as
	   they are, they become no items */
	if (!c.relation && (kind = item_kind(c.type)) >= 0 &&
	    strncmp(c.id, "kk-common-", 10)) {
		c.strategy = im->s.id;
		c.item = map_item(im, &c, kind);
	}
	if (c.relation && strmap_get(&im->el, c.source) &&
	    strmap_get(&im->el, c.target)) {
		struct link *l;

		if (im->nlinks == im->lcap) {
			im->lcap = im->lcap ? 2 * im->lcap : 64;
			im->links = xrealloc(im->links,
			    im->lcap * sizeof(*im->links));
		}
		l = &im->links[im->nlinks++];
		l->type = arena_strdup(im->a, c.type);
		l->source = arena_strdup(im->a, c.source);
		l->target = arena_strdup(im->a, c.target);
	}
	for (i = 0; i < c.x.nprops; i++) {
		if (!c.x.props[i].ref) {
			diags_add(im->d, loc, "a property without its definition");
			return KK_EINPUT;
		}
		if (strmap_get(&im->prefs, c.x.props[i].ref))
			continue;
		if (im->npref == im->pcap) {
			im->pcap = im->pcap ? 2 * im->pcap : 16;
			im->pref_by = xrealloc(im->pref_by,
			    im->pcap * sizeof(*im->pref_by));
		}
		im->pref_by[im->npref] = arena_strdup(im->a, c.id);
		strmap_put(&im->prefs, arena_strdup(im->a, c.x.props[i].ref),
		    im->npref++);
	}
	im->put_locs[im->nputs++ % STORE_AM_ROWS] = *loc;
	rc = store_am_put_concept(im->b, &c);
	if (rc == KK_ECONFLICT)
		return KK_EINPUT;
	if (rc)
		return store_failed(im, rc);
	if (c.relation)
		im->counts.relations++;
	else
		im->counts.elements++;
	return KK_OK;
}

int
am_import_propdef(struct am_import *im, const struct am_propdef *p,
    const struct kk_loc *loc)
{
	int rc;

	if (failed(im))
		return im->rc ? im->rc : KK_EINPUT;
	if ((rc = flush_concepts(im)) != KK_OK ||
	    (rc = flush_run(im)) != KK_OK)
		return rc;
	if (strmap_get(&im->natives, p->id))
		return KK_OK;
	rc = store_am_put_propdef(im->b, p);
	if (rc == KK_ECONFLICT) {
		conflict(im, "property definition", p->id, NULL, loc);
		return KK_EINPUT;
	}
	if (rc)
		return store_failed(im, rc);
	im->counts.propdefs++;
	return KK_OK;
}

/* Write the run of plain reference items gathered so far, as one row. */
static int
flush_run(struct am_import *im)
{
	struct am_folder f;
	int rc;

	if (!im->nrun)
		return KK_OK;
	memset(&f, 0, sizeof(f));
	f.grp = im->run_grp;
	f.depth = im->run_depth;
	f.refs = im->run;
	f.nrefs = im->nrun;
	rc = store_am_put_folder(im->b, &f);
	im->nrun = 0;
	arena_free(im->run_arena);
	im->run_arena = NULL;
	return rc ? store_failed(im, rc) : KK_OK;
}

int
am_import_folder(struct am_import *im, const struct am_folder *f,
    const struct kk_loc *loc)
{
	bool plain = f->ref && !f->id && !f->labels.n && !f->docs.n &&
	    !f->x.nattrs && !f->x.next && !f->nrefs;
	int rc;

	if (failed(im))
		return im->rc ? im->rc : KK_EINPUT;
	if ((rc = flush_concepts(im)) != KK_OK)
		return rc;
	/* folders come after the concepts: look now, and later only for
	   what is still to come (views); plain ones are many, the store
	   looks at them all at once in the end */
	if (!plain && f->ref && !store_am_exists(im->b, f->ref) &&
	    (rc = store_am_ref(im->b, NULL, f->ref, 0, loc->line,
	    loc->col)))
		return store_failed(im, rc);
	im->counts.folders++;
	if (im->nrun && (!plain || im->run_grp != f->grp ||
	    im->run_depth != f->depth || im->nrun == AM_RUN)) {
		if ((rc = flush_run(im)) != KK_OK)
			return rc;
	}
	if (plain) {
		if (!im->run_arena)
			im->run_arena = arena_new();
		im->run_grp = f->grp;
		im->run_depth = f->depth;
		im->run[im->nrun++] = arena_strdup(im->run_arena, f->ref);
		return KK_OK;
	}
	rc = store_am_put_folder(im->b, f);
	if (rc == KK_ECONFLICT) {
		conflict(im, "folder", f->id, NULL, loc);
		return KK_EINPUT;
	}
	if (rc)
		return store_failed(im, rc);
	return KK_OK;
}

int
am_import_viewpoints(struct am_import *im, const char *xml)
{
	if (failed(im))
		return im->rc ? im->rc : KK_EINPUT;
	im->model.viewpoints = arena_strdup(im->a, xml);
	return KK_OK;
}

bool
am_import_id_taken(struct am_import *im, const char *id)
{
	if (failed(im) || flush_concepts(im) != KK_OK)
		return false;
	return !strmap_get(&im->natives, id) && store_am_written(im->b, id);
}

char *
am_import_id_foreign(struct am_import *im, const char *id,
    enum am_id_kind kind)
{
	if (failed(im) || strmap_get(&im->natives, id))
		return NULL;
	return store_am_foreign(im->b, id, kind);
}

int
am_import_view(struct am_import *im, const char *id, const char *xml,
    const struct am_viewref *refs, size_t nrefs, const struct kk_loc *loc)
{
	char *owner;
	size_t i;
	int rc;

	if (failed(im))
		return im->rc ? im->rc : KK_EINPUT;
	if ((rc = flush_concepts(im)) != KK_OK ||
	    (rc = flush_run(im)) != KK_OK)
		return rc;
	if (strmap_get(&im->natives, id))
		return KK_OK;
	/* placed by the node or connection that refers, if it has an
	   identifier (the schema asks one), else at the view */
	for (i = 0; i < nrefs; i++)
		if ((rc = store_am_ref(im->b, refs[i].by, refs[i].ref,
		    refs[i].want, refs[i].by ? 0 : loc->line,
		    refs[i].by ? 0 : loc->col)) != KK_OK)
			return store_failed(im, rc);
	rc = store_am_put_view(im->b, id, xml, &owner);
	if (rc == KK_ECONFLICT && im->own && owner) {
		free(owner);	/* a view of a model the export gathered */
		return KK_OK;
	}
	if (rc == KK_ECONFLICT) {
		conflict(im, "view", id, owner, loc);
		free(owner);
		return KK_EINPUT;
	}
	if (rc)
		return store_failed(im, rc);
	im->counts.views++;
	return KK_OK;
}

struct dangling {
	struct am_import *im;
	am_locate_fn *locate;
	void *ctx;
	const char *file;
};

static void
report_dangling(void *ctx, const char *referrer, const char *ref,
    unsigned want, int line, int col)
{
	struct dangling *dg = ctx;
	struct kk_loc loc = { dg->file, line, col };

	if (dg->locate)
		dg->locate(dg->ctx, line ? NULL : referrer, &loc);
	/* the schema's keys: a reference names a part of the right kind */
	if (referrer && referrer[0] != '@' && want == STORE_AM_CONCEPT)
		diags_add(dg->im->d, &loc, "'%s' refers to '%s', which is not "
		    "in the model as an element or a relationship", referrer, ref);
	else if (referrer && referrer[0] != '@' && want == STORE_AM_ELEMENT)
		diags_add(dg->im->d, &loc, "'%s' refers to '%s', which is not "
		    "in the model as an element", referrer, ref);
	else if (referrer && referrer[0] != '@' && want == STORE_AM_RELATION)
		diags_add(dg->im->d, &loc, "'%s' refers to '%s', which is not "
		    "in the model as a relationship", referrer, ref);
	else if (referrer && referrer[0] != '@' && want == STORE_AM_PROPDEF)
		diags_add(dg->im->d, &loc, "'%s' refers to '%s', which is not "
		    "in the model as a property definition", referrer, ref);
	else if (referrer && referrer[0] == '@')
		diags_add(dg->im->d, &loc, "folder item refers to '%s', which is "
		    "not in the model", ref);
	else if (referrer)
		diags_add(dg->im->d, &loc, "'%s' refers to '%s', which is not in "
		    "the model", referrer, ref);
	else
		diags_add(dg->im->d, &loc, "reference to '%s', which is not in "
		    "the model", ref);
}

/* The field goal IT belongs to, as the model's relationships say. */
static const char *
goal_field(struct am_import *im, const char *goal)
{
	static const char *const pref[] = { "Realization", "Composition",
	    "Aggregation", "Association", "Influence" };
	size_t p, i, *k;

	for (p = 0; p < KK_ARRAY_SIZE(pref); p++)
		for (i = 0; i < im->nlinks; i++) {
			const struct link *l = &im->links[i];
			const char *other;

			if (strcmp(l->type, pref[p]))
				continue;
			if (!strcmp(l->target, goal))
				other = l->source;
			else if (!strcmp(l->source, goal) && p > 0)
				other = l->target;
			else
				continue;
			k = strmap_get(&im->el, other);
			if (k && im->s.items[*k].kind == KK_FIELD)
				return im->s.items[*k].id;
		}
	return NULL;
}

/* Give each goal a field and each measure its goals; order the items as
   a party file does. */
/* Item ID of the strategy, unless it is going (a NULL id). */
static const struct kk_item *
live_item(const struct am_import *im, const char *id)
{
	size_t i;

	for (i = 0; i < im->s.nitems; i++)
		if (im->s.items[i].id && !strcmp(im->s.items[i].id, id))
			return &im->s.items[i];
	return NULL;
}

static void
settle_items(struct am_import *im)
{
	struct kk_item *v;
	bool spare = false;
	size_t i, j, n = 0;

	/* what came from this model before and no longer does goes */
	for (i = 0; !im->o.merge && i < im->s.nitems; i++)
		if (im->owner_old[i] && !im->owner_new[i])
			im->s.items[i].id = NULL;
	for (i = 0; i < im->s.nitems; i++) {
		struct kk_item *it = &im->s.items[i];
		const struct kk_item *f;

		if (!it->id || it->kind != KK_GOAL)
			continue;
		if (im->owner_new[i]) {
			const char *field = goal_field(im, im->owner_new[i]);

			if (field || !im->o.merge)
				it->parent = field;
		}
		f = it->parent ? live_item(im, it->parent) : NULL;
		if (!f || !f->id || f->kind != KK_FIELD)
			it->parent = im->model.spare_field;
		/* a goal the spare field held before and that no field claims
		   now (Archi's CSV adds, so its old field stays) keeps it */
		if (!strcmp(it->parent, im->model.spare_field))
			spare = true;
	}
	for (i = 0; i < im->s.nitems; i++) {
		struct kk_item *it = &im->s.items[i];
		const char **goals;
		size_t ng = 0;

		if (!it->id || it->kind != KK_MEASURE)
			continue;
		goals = arena_calloc(im->a, im->nlinks + it->goals.n + 1,
		    sizeof(*goals));
		for (j = 0; j < it->goals.n; j++) {
			const struct kk_item *g = live_item(im,
			    it->goals.v[j]);

			if (g && g->id && g->kind == KK_GOAL)
				goals[ng++] = it->goals.v[j];
		}
		for (j = 0; im->owner_new[i] && j < im->nlinks; j++) {
			const struct link *l = &im->links[j];
			size_t *k;

			if (strcmp(l->type, "Realization") ||
			    strcmp(l->source, im->owner_new[i]) ||
			    !(k = strmap_get(&im->el, l->target)) ||
			    im->s.items[*k].kind != KK_GOAL)
				continue;
			goals[ng++] = im->s.items[*k].id;
		}
		/* no goal twice */
		for (j = 0; j < ng; j++) {
			size_t k;

			for (k = 0; k < j; k++)
				if (!strcmp(goals[k], goals[j]))
					break;
			if (k < j)
				goals[j--] = goals[--ng];
		}
		it->goals.v = goals;
		it->goals.n = ng;
		it->goals.locs = NULL;
	}
	if (spare && !live_item(im, im->model.spare_field)) {
		struct kk_item *f;

		grow_items(im);
		f = &im->s.items[im->s.nitems];
		memset(f, 0, sizeof(*f));
		f->id = im->model.spare_field;
		f->kind = KK_FIELD;
		f->title = "Goals without a field of action";
		f->text = "Made by the import of an ArchiMate model: its goals "
		    "that no course of action or capability realises.";
		im->owner_old[im->s.nitems] = im->owner_new[im->s.nitems] = NULL;
		im->s.nitems++;
	} else if (!spare) {
		/* an empty spare field from before goes, and the name too */
		for (i = 0; i < im->s.nitems; i++)
			if (im->s.items[i].id && !strcmp(im->s.items[i].id,
			    im->model.spare_field))
				im->s.items[i].id = NULL;
		im->model.spare_field = NULL;
	}

	v = arena_calloc(im->a, im->s.nitems + 1, sizeof(*v));
	for (i = 0; i < im->s.nitems; i++)
		if (im->s.items[i].id && im->s.items[i].kind == KK_PRINCIPLE)
			v[n++] = im->s.items[i];
	for (i = 0; i < im->s.nitems; i++) {
		if (!im->s.items[i].id || im->s.items[i].kind != KK_FIELD)
			continue;
		v[n++] = im->s.items[i];
		for (j = 0; j < im->s.nitems; j++)
			if (im->s.items[j].id && im->s.items[j].kind == KK_GOAL &&
			    !strcmp(im->s.items[j].parent, im->s.items[i].id))
				v[n++] = im->s.items[j];
	}
	for (i = 0; i < im->s.nitems; i++)
		if (im->s.items[i].id && im->s.items[i].kind == KK_MEASURE)
			v[n++] = im->s.items[i];
	if (n)
		memcpy(im->s.items, v, n * sizeof(*v));
	im->s.nitems = n;
}

int
am_import_finish(struct am_import *im, am_locate_fn *locate, void *ctx,
    struct am_counts *out)
{
	struct dangling dg = { im, locate, ctx, NULL };
	size_t i;
	int rc = KK_OK;

	if (failed(im) || flush_concepts(im) || im->d->nerrors > im->ndiags ||
	    flush_run(im))
		goto fail;
	for (i = 0; i < im->prefs.cap; i++)
		if (im->prefs.keys[i] && (rc = store_am_ref(im->b,
		    im->pref_by[im->prefs.vals[i]], im->prefs.keys[i],
		    STORE_AM_PROPDEF, 0, 0)))
			goto fail_store;
	if ((rc = store_am_dangling(im->b, 20, report_dangling, &dg)) != KK_OK)
		goto fail_store;
	if (im->d->nerrors > im->ndiags)
		goto fail;
	if (im->own && !im->own_new && !im->existed) {
		/* konkordat's own export read back into its database, with
		   nothing the database lacks: no model, party or strategy is
		   made of it */
		store_am_abort(im->b);
		im->b = NULL;
		store_undo(im->st);
		im->open = false;
		if (out) {
			memset(out, 0, sizeof(*out));
			out->own = true;
		}
		return KK_OK;
	}
	settle_items(im);
	if ((rc = store_sync_strategy(im->st, im->model.party, &im->s)) ||
	    (rc = store_am_end(im->b)))
		goto fail_store;
	im->b = NULL;
	if ((rc = store_am_put_model(im->st, &im->model, im->reserved)))
		goto fail_store;
	if (!im->o.dry_run) {
		if ((rc = store_keep(im->st)) != KK_OK)
			goto fail_store;
		im->open = false;
	}
	if (out)
		*out = im->counts;
	return KK_OK;
fail_store:
	store_failed(im, rc);
fail:
	if (out)
		memset(out, 0, sizeof(*out));
	return im->rc ? im->rc : KK_EINPUT;
}
