/* fmt-archimate-write.c: the whole model out as one ArchiMate exchange file (xmlTextWriter). */
#include "store.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

/*
 * One file holds konkordat's own data (am_native_build) and every model
 * imported, each part in the schema's order: the model's names and
 * properties, elements, relationships, organizations, property
 * definitions, views. Kept concepts are taken from the store one at a
 * time. When the database holds one imported model and nothing of
 * konkordat's own, the file is that model again, header and all.
 */

#define AM_NS "http://www.opengroup.org/xsd/archimate/3.0/"
#define XSI_NS "http://www.w3.org/2001/XMLSchema-instance"

struct wr {
	xmlTextWriterPtr w;
	int err;		/* a write failed */
	struct store *st;
	struct arena *a;
	struct am_native n;
	struct store_am_model *models;
	size_t nmodels;
	bool single;		/* the file is the one imported model */
	/* property definitions as written: "model\tid" -> identifier */
	const char **pd_keys, **pd_ids;
	size_t npd;
	bool any_native_props;
	/* organizations being written */
	const char *org_model;
	int org_grp;
	int depth;		/* items open, -1: no <organizations> open */
	char ***ext_stack;	/* elements of other namespaces, per open item */
	size_t *next_stack;
	size_t stack_cap;
	size_t dropped;		/* characters XML cannot hold, left out */
};

static void
chk(struct wr *w, int rc)
{
	if (rc < 0)
		w->err = 1;
}

static void
start(struct wr *w, const char *name)
{
	chk(w, xmlTextWriterStartElement(w->w, BAD_CAST name));
}

static void
end(struct wr *w)
{
	chk(w, xmlTextWriterEndElement(w->w));
}

/*
 * S as XML can hold it. Imports refuse control characters, but a database
 * written before they did may hold some: they are left out (and counted,
 * for a warning), since libxml2's writer would copy them into a file that
 * no XML reader accepts.
 */
static const xmlChar *
xml_safe(struct wr *w, const char *s)
{
	struct buf b = BUF_INIT;
	const char *clean;
	size_t len = strlen(s);

	if (textguard_find(s, len, NULL) == len)
		return BAD_CAST s;
	w->dropped += textguard_xml(&b, s);
	clean = arena_strdup(w->a, b.s);
	buf_release(&b);
	return BAD_CAST clean;
}

static void
attr(struct wr *w, const char *name, const char *value)
{
	if (value)
		chk(w, xmlTextWriterWriteAttribute(w->w, BAD_CAST name,
		    xml_safe(w, value)));
}

static void
attr_int(struct wr *w, const char *name, int v)
{
	chk(w, xmlTextWriterWriteFormatAttribute(w->w, BAD_CAST name, "%d", v));
}

static void
texts(struct wr *w, const char *tag, const struct am_texts *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		start(w, tag);
		attr(w, "xml:lang", t->v[i].lang);
		chk(w, xmlTextWriterWriteString(w->w, xml_safe(w, t->v[i].s)));
		end(w);
	}
}

/* Attributes of other namespaces, and accessType and friends. */
static void
extra_attrs(struct wr *w, const struct am_extra *x)
{
	size_t i;

	for (i = 0; i < x->nattrs; i++) {
		const struct am_attr *at = &x->attrs[i];
		const char *colon = at->ns ? strchr(at->name, ':') : NULL;

		if (!at->ns) {
			attr(w, at->name, at->value);
		} else if (colon) {
			char *prefix = xstrndup(at->name,
			    (size_t)(colon - at->name));

			chk(w, xmlTextWriterWriteAttributeNS(w->w, BAD_CAST prefix,
			    BAD_CAST(colon + 1), BAD_CAST at->ns,
			    xml_safe(w, at->value)));
			free(prefix);
		}
	}
}

/* Elements of other namespaces, written back as they were read. */
static void
extra_ext(struct wr *w, const struct am_extra *x)
{
	size_t i;

	for (i = 0; i < x->next; i++)
		chk(w, xmlTextWriterWriteRaw(w->w, BAD_CAST x->ext[i]));
}

/* The identifier a property definition REF of MODEL is written with. */
static const char *
pd_id(struct wr *w, const char *model, const char *ref)
{
	size_t i, mlen = model ? strlen(model) : 0;

	if (!model)
		return ref;
	for (i = 0; i < w->npd; i++)
		if (!strncmp(w->pd_keys[i], model, mlen) &&
		    w->pd_keys[i][mlen] == '\t' &&
		    !strcmp(w->pd_keys[i] + mlen + 1, ref))
			return w->pd_ids[i];
	return ref;
}

static void
props(struct wr *w, const char *model, const struct am_extra *x)
{
	size_t i;

	if (!x->nprops)
		return;
	start(w, "properties");
	for (i = 0; i < x->nprops; i++) {
		start(w, "property");
		attr(w, "propertyDefinitionRef", pd_id(w, model,
		    x->props[i].ref));
		texts(w, "value", &x->props[i].values);
		end(w);
	}
	end(w);
}

static void
concept(struct wr *w, const char *model, const struct am_concept *c)
{
	start(w, c->relation ? "relationship" : "element");
	attr(w, "identifier", c->id);
	attr(w, "xsi:type", c->type);
	if (c->relation) {
		attr(w, "source", c->source);
		attr(w, "target", c->target);
	}
	extra_attrs(w, &c->x);
	texts(w, "name", &c->names);
	texts(w, "documentation", &c->docs);
	extra_ext(w, &c->x);
	props(w, model, &c->x);
	end(w);
}

static int
kept_concept(void *ctx, const char *model, const struct am_concept *in)
{
	struct wr *w = ctx;
	struct am_concept c = *in;
	struct arena *a = arena_new();

	am_live(&w->n, a, &c);
	concept(w, model, &c);
	arena_free(a);
	return w->err ? KK_EIO : KK_OK;
}

/* konkordat's own concepts, but none that a kept model has taken. */
static void
native_concepts(struct wr *w, bool relations)
{
	size_t i;

	for (i = 0; i < w->n.nconcepts; i++) {
		const struct am_concept *c = &w->n.concepts[i];

		if (c->relation == relations && !store_am_has(w->st, c->id))
			concept(w, NULL, c);
	}
}

/* Organizations: close open items down to DEPTH (-1: all, and the
   <organizations> element too). */
static void
org_close(struct wr *w, int depth)
{
	while (w->depth >= 0 && w->depth >= depth) {
		size_t i, d = (size_t)w->depth;

		for (i = 0; i < w->next_stack[d]; i++) {
			chk(w, xmlTextWriterWriteRaw(w->w,
			    BAD_CAST w->ext_stack[d][i]));
			free(w->ext_stack[d][i]);
		}
		free(w->ext_stack[d]);
		w->ext_stack[d] = NULL;
		w->next_stack[d] = 0;
		end(w);
		w->depth--;
	}
	if (depth < 0 && w->org_model) {
		end(w);
		w->org_model = NULL;
	}
}

static int
folder(void *ctx, const char *model, const struct am_folder *f)
{
	struct wr *w = ctx;
	size_t d = (size_t)f->depth, i;

	if (f->nrefs) {
		/* a run of plain items: each is opened and closed here */
		struct am_folder one;

		memset(&one, 0, sizeof(one));
		one.grp = f->grp;
		one.depth = f->depth;
		for (i = 0; i < f->nrefs && !w->err; i++) {
			one.ref = f->refs[i];
			folder(w, model, &one);
		}
		return w->err ? KK_EIO : KK_OK;
	}

	if (!w->org_model || strcmp(w->org_model, model) ||
	    w->org_grp != f->grp) {
		org_close(w, -1);
		start(w, "organizations");
		w->org_model = arena_strdup(w->a, model);
		w->org_grp = f->grp;
	}
	org_close(w, f->depth);
	if (f->depth > w->depth + 1)
		return KK_EIO;	/* the rows were stored in document order */
	if (d >= w->stack_cap) {
		w->stack_cap = d + 16;
		w->ext_stack = xrealloc(w->ext_stack,
		    w->stack_cap * sizeof(*w->ext_stack));
		w->next_stack = xrealloc(w->next_stack,
		    w->stack_cap * sizeof(*w->next_stack));
	}
	start(w, "item");
	attr(w, "identifier", f->id);
	attr(w, "identifierRef", f->ref);
	extra_attrs(w, &f->x);
	texts(w, "label", &f->labels);
	texts(w, "documentation", &f->docs);
	/* elements of other namespaces come after the child items */
	w->ext_stack[d] = xcalloc(f->x.next + 1, sizeof(char *));
	w->next_stack[d] = f->x.next;
	for (i = 0; i < f->x.next; i++)
		w->ext_stack[d][i] = xstrdup(f->x.ext[i]);
	w->depth = f->depth;
	return w->err ? KK_EIO : KK_OK;
}

static void
propdef(struct wr *w, const struct am_propdef *p, const char *id)
{
	start(w, "propertyDefinition");
	attr(w, "identifier", id);
	attr(w, "type", p->type);
	extra_attrs(w, &p->x);
	texts(w, "name", &p->names);
	texts(w, "documentation", &p->docs);
	extra_ext(w, &p->x);
	end(w);
}

static int
kept_view(void *ctx, const char *model, const char *id, const char *xml)
{
	struct wr *w = ctx;

	chk(w, xmlTextWriterWriteRaw(w->w, BAD_CAST xml));
	return w->err ? KK_EIO : KK_OK;
}

static void
native_view(struct wr *w, const struct am_view *v)
{
	size_t i;

	if (store_am_has(w->st, v->id) || !v->nnodes)
		return;
	start(w, "view");
	attr(w, "identifier", v->id);
	attr(w, "xsi:type", "Diagram");
	start(w, "name");
	attr(w, "xml:lang", v->lang);
	chk(w, xmlTextWriterWriteString(w->w, xml_safe(w, v->name)));
	end(w);
	for (i = 0; i < v->nnodes; i++) {
		const struct am_node *nd = &v->nodes[i];

		start(w, "node");
		attr(w, "identifier", nd->id);
		attr(w, "xsi:type", "Element");
		attr(w, "elementRef", nd->ref);
		attr_int(w, "x", nd->x);
		attr_int(w, "y", nd->y);
		attr_int(w, "w", nd->w);
		attr_int(w, "h", nd->h);
		end(w);
	}
	for (i = 0; i < v->nconns; i++) {
		const struct am_conn *cn = &v->conns[i];

		start(w, "connection");
		attr(w, "identifier", cn->id);
		attr(w, "xsi:type", "Relationship");
		attr(w, "relationshipRef", cn->ref);
		attr(w, "source", cn->source);
		attr(w, "target", cn->target);
		end(w);
	}
	end(w);
}

/*
 * The identifiers of the kept property definitions: as they were, unless
 * two models (or konkordat) use the same one; Archi numbers them from
 * "propid-1" in every model, so a second model's are renamed.
 */
static int
plan_propdefs(struct wr *w, struct am_propdef **pds, size_t *n)
{
	const char **models;
	size_t i, j;
	int rc = store_am_list_propdefs(w->st, w->a, pds, &models, n);

	if (rc)
		return rc;
	w->pd_keys = arena_calloc(w->a, *n + 1, sizeof(char *));
	w->pd_ids = arena_calloc(w->a, *n + 1, sizeof(char *));
	for (i = 0; i < *n; i++) {
		const char *id = (*pds)[i].id;
		bool taken = false;
		char *key = xasprintf("%s\t%s", models[i], id);

		for (j = 0; j < i; j++)
			if (!strcmp(w->pd_ids[j], id))
				taken = true;
		for (j = 0; !w->single && j < w->n.npropdefs; j++)
			if (!strcmp(w->n.propdefs[j].id, id))
				taken = true;
		if (taken || (!w->single && store_am_has(w->st, id))) {
			char *renamed = xasprintf("%s-%zu", id, i + 1);

			id = arena_strdup(w->a, renamed);
			free(renamed);
		}
		w->pd_keys[i] = arena_strdup(w->a, key);
		w->pd_ids[i] = id;
		free(key);
	}
	w->npd = *n;
	return KK_OK;
}

static void
head(struct wr *w)
{
	struct am_texts names = { NULL, 0 }, docs = { NULL, 0 };
	struct am_text t[2];
	size_t i;

	if (w->single) {
		const struct am_head *h = &w->models[0].head;

		attr(w, "identifier", w->models[0].id);
		attr(w, "version", h->version);
		extra_attrs(w, &h->x);
		texts(w, "name", &h->names);
		texts(w, "documentation", &h->docs);
		extra_ext(w, &h->x);
		props(w, w->models[0].id, &h->x);
		if (h->metadata)
			chk(w, xmlTextWriterWriteRaw(w->w,
			    BAD_CAST h->metadata));
		return;
	}
	/* konkordat's model: the imported models' names go to its
	   documentation, their properties to its own */
	attr(w, "identifier", "kk-model");
	t[0].lang = NULL;
	t[0].s = w->n.org_name ? w->n.org_name : "konkordat";
	names.v = &t[0];
	names.n = 1;
	texts(w, "name", &names);
	if (w->nmodels) {
		struct buf b = BUF_INIT;

		buf_adds(&b, "Exported by konkordat. Imported models: ");
		for (i = 0; i < w->nmodels; i++)
			buf_addf(&b, "%s%s (%s)", i ? ", " : "",
			    am_text_pick(&w->models[i].head.names, NULL),
			    w->models[i].id);
		buf_addc(&b, '.');
		t[1].lang = NULL;
		t[1].s = arena_strdup(w->a, b.s);
		buf_release(&b);
		docs.v = &t[1];
		docs.n = 1;
		texts(w, "documentation", &docs);
	}
	for (i = 0; i < w->nmodels; i++)
		if (w->models[i].head.x.nprops)
			break;
	if (i < w->nmodels) {
		start(w, "properties");
		for (i = 0; i < w->nmodels; i++) {
			const struct am_extra *x = &w->models[i].head.x;
			size_t j;

			for (j = 0; j < x->nprops; j++) {
				start(w, "property");
				attr(w, "propertyDefinitionRef",
				    pd_id(w, w->models[i].id, x->props[j].ref));
				texts(w, "value", &x->props[j].values);
				end(w);
			}
		}
		end(w);
	}
}

/* What libxml2 would print about a failed write (to standard error, in
   its words) is kept: the caller says which file failed and why. */
static void
quiet_error(void *ctx, xmlErrorPtr e)
{
	struct wr *w = ctx;

	(void)e;
	w->err = 1;
}

int
archimate_export(struct store *st, FILE *fp, char **errmsg)
{
	struct wr w;
	xmlOutputBufferPtr out;
	struct am_propdef *pds;
	size_t npds, i;
	long nel, nrel, nview, nfolder;
	int rc;

	*errmsg = NULL;
	memset(&w, 0, sizeof(w));
	w.st = st;
	w.a = arena_new();
	w.depth = -1;
	if ((rc = am_native_build(st, w.a, &w.n)) != KK_OK ||
	    (rc = store_am_list_models(st, w.a, &w.models, &w.nmodels)) !=
	    KK_OK) {
		*errmsg = xstrdup(store_errmsg(st));
		arena_free(w.a);
		return rc;
	}
	w.single = w.nmodels == 1 && w.n.nconcepts == 0;
	if ((rc = plan_propdefs(&w, &pds, &npds)) != KK_OK) {
		*errmsg = xstrdup(store_errmsg(st));
		arena_free(w.a);
		return rc;
	}
	nel = store_am_count(st, "elements");
	nrel = store_am_count(st, "relationships");
	nview = store_am_count(st, "views");
	nfolder = store_am_count(st, "folders");

	kk_xml_init();
	xmlSetStructuredErrorFunc(&w, quiet_error);
	out = xmlOutputBufferCreateFile(fp, NULL);
	w.w = out ? xmlNewTextWriter(out) : NULL;
	if (!w.w) {
		xmlSetStructuredErrorFunc(NULL, NULL);
		*errmsg = xstrdup(_("cannot make an XML writer"));
		arena_free(w.a);
		return KK_EIO;
	}
	chk(&w, xmlTextWriterSetIndent(w.w, 1));
	chk(&w, xmlTextWriterSetIndentString(w.w, BAD_CAST "  "));
	chk(&w, xmlTextWriterStartDocument(w.w, NULL, "UTF-8", NULL));
	chk(&w, xmlTextWriterStartElementNS(w.w, NULL, BAD_CAST "model",
	    BAD_CAST AM_NS));
	chk(&w, xmlTextWriterWriteAttribute(w.w, BAD_CAST "xmlns:xsi",
	    BAD_CAST XSI_NS));
	chk(&w, xmlTextWriterWriteAttribute(w.w, BAD_CAST "xsi:schemaLocation",
	    BAD_CAST AM_NS " http://www.opengroup.org/xsd/archimate/3.1/"
	    "archimate3_Diagram.xsd"));
	head(&w);

	if (nel || w.n.nconcepts) {
		start(&w, "elements");
		native_concepts(&w, false);
		rc = store_am_each_concept(st, false, kept_concept, &w);
		end(&w);
	}
	for (i = 0; i < w.n.nconcepts && !w.n.concepts[i].relation; i++)
		;
	if (!rc && (nrel || i < w.n.nconcepts)) {
		start(&w, "relationships");
		native_concepts(&w, true);
		rc = store_am_each_concept(st, true, kept_concept, &w);
		end(&w);
	}
	if (!rc && nfolder) {
		rc = store_am_each_folder(st, folder, &w);
		org_close(&w, -1);
	}
	if (!rc && (npds || (!w.single && w.n.nconcepts))) {
		start(&w, "propertyDefinitions");
		for (i = 0; !w.single && w.n.nconcepts && i < w.n.npropdefs; i++)
			if (!store_am_has(st, w.n.propdefs[i].id))
				propdef(&w, &w.n.propdefs[i], w.n.propdefs[i].id);
		for (i = 0; i < npds; i++)
			propdef(&w, &pds[i], w.pd_ids[i]);
		end(&w);
	}
	if (!rc && (nview || w.n.nviews || (w.nmodels &&
	    w.models[0].viewpoints))) {
		start(&w, "views");
		for (i = 0; i < w.nmodels; i++)
			if (w.models[i].viewpoints) {
				/* the schema allows one <viewpoints> */
				chk(&w, xmlTextWriterWriteRaw(w.w,
				    BAD_CAST w.models[i].viewpoints));
				break;
			}
		if (nview || w.n.nviews) {
			start(&w, "diagrams");
			rc = store_am_each_view(st, kept_view, &w);
			for (i = 0; !rc && i < w.n.nviews; i++)
				native_view(&w, &w.n.views[i]);
			end(&w);
		}
		end(&w);
	}
	end(&w);
	chk(&w, xmlTextWriterEndDocument(w.w));
	xmlFreeTextWriter(w.w);
	xmlSetStructuredErrorFunc(NULL, NULL);
	for (i = 0; i < w.stack_cap; i++)
		if (w.ext_stack && (int)i <= w.depth)
			free(w.ext_stack[i]);
	free(w.ext_stack);
	free(w.next_stack);
	arena_free(w.a);
	if (!rc && (w.err || ferror(fp)))
		rc = KK_EIO;
	if (!rc && w.dropped)
		warning("control characters left out of the export, as XML "
		    "cannot hold them: %zu", w.dropped);
	if (rc && !*errmsg)
		*errmsg = xstrdup(w.err || ferror(fp) ?
		    _("cannot write the output") : store_errmsg(st));
	return rc;
}
