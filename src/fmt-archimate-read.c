/* fmt-archimate-read.c: ArchiMate exchange files in, streamed with libxml2's xmlReader. */
#include "store.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>

/*
 * The reader walks the file once, node by node, and hands every part of
 * the model to an import (fmt-archimate.c) as soon as it is complete: the
 * file is never held in memory whole, only one element, one folder or one
 * view at a time.
 *
 * Untrusted input: no DTD is accepted at all (so no entity can be
 * declared, expanded or fetched), nothing is loaded from the network
 * (XML_PARSE_NONET, and an entity loader that refuses everything while we
 * read), and libxml2's own limits on text and nesting stay on (no
 * XML_PARSE_HUGE).
 *
 * What the schema asks is checked while the file is read: libxml2
 * validates each node against the exchange format's XSDs as it parses
 * (am_schema()), and what the XSDs check over the whole model (every
 * identifier once; references to an element, a relationship, a property
 * definition of the right kind) is checked here and by the import, so
 * that what is written is valid and its export too.
 *
 * Where: libxml2 knows the exact place of its own errors. For ours, the
 * reader only tells where its parser is, which may be a chunk ahead of the
 * node; errors are rare, so at the end one pass over the file finds, for
 * each, the tag it is about: the last occurrence of its identifier (or tag
 * name) at or before that place.
 */

#define AM_NS "http://www.opengroup.org/xsd/archimate/3.0/"
#define XSI_NS "http://www.w3.org/2001/XMLSchema-instance"
#define XMLNS_NS "http://www.w3.org/2000/xmlns/"
#define XI_NS "http://www.w3.org/2001/XInclude"
#define XI_NS_2003 "http://www.w3.org/2003/XInclude"

static const char doctype_msg[] = N_("a DOCTYPE is not accepted: an "
    "exchange file needs no DTD, and its entities could read files or "
    "expand without end");

/* A diagnostic whose place is found at the end, and how. */
struct fixup {
	size_t diag;
	char *needle;	/* identifier="X", or <tag */
	int line, col;	/* the parser was here: the tag is at or before */
	bool doctype;	/* found, the needle <!DOCTYPE is the fault */
};

struct rd {
	xmlTextReaderPtr r;
	const char *path;
	const char *data;	/* the content when read from memory */
	size_t len;
	struct am_import *im;
	struct kk_diags *d;
	struct arena *a;	/* for one element, one folder, one view */
	struct arena *ca;	/* for concepts, renewed every few hundred */
	int nca;
	bool xml_error;		/* libxml2 stopped: nothing more to read */
	int nschema;		/* faults the schema found */
	size_t schema_errors;	/* of them, those among the diagnostics */
	/* the identifiers read but those of concepts (the store has them):
	   the model's, folders', property definitions', views' and theirs
	   nodes' and connections': each is an xs:ID, once in the file */
	struct strset *ids;
	struct fixup *fix;
	size_t nfix, cap;
	/* the declarations on <model> of the archimate and the XML Schema
	   instance namespaces, or NULL: <model> lives as long as what is
	   read inside it, and an element or attribute of one of them there
	   has that declaration itself as its namespace (unless one of its
	   own declares the namespace again) */
	xmlNsPtr am_ns, xsi_ns;
};

/* The errors found by the reading, not the schema's: libxml2 validates
   as it parses, a little ahead of the node the reader is on, so that
   these say whether the part being read was refused. */
static size_t
own_errors(const struct rd *r)
{
	return r->d->nerrors - r->schema_errors;
}

static void
rd_loc(struct rd *r, struct kk_loc *loc)
{
	loc->file = r->path;
	loc->line = xmlTextReaderGetParserLineNumber(r->r);
	loc->col = xmlTextReaderGetParserColumnNumber(r->r);
}

/* Find the place of the diagnostics added since N later, by the needle
   PRE S POST. */
static void
want_place(struct rd *r, size_t n, const char *pre, const char *s,
    const char *post)
{
	struct kk_loc loc;

	if (n == r->d->n)
		return;		/* nothing to place: the common case */
	rd_loc(r, &loc);
	for (; n < r->d->n; n++) {
		struct fixup *f;
		size_t i;

		/* one placed already (a refused concept, placed by its own
		   identifier) keeps its place */
		for (i = r->nfix; i > 0 && r->fix[i - 1].diag != n; i--)
			;
		if (i > 0)
			continue;
		if (r->nfix == r->cap) {
			r->cap = r->cap ? 2 * r->cap : 16;
			r->fix = xrealloc(r->fix, r->cap * sizeof(*r->fix));
		}
		f = &r->fix[r->nfix++];
		f->diag = n;
		f->needle = xasprintf("%s%s%s", pre, s, post);
		f->line = loc.line;
		f->col = loc.col;
		f->doctype = false;
	}
}

/* The import's place function: diagnostic DIAG is about the concept ID
   read when the parser was AT. */
static void
place_refused(void *ctx, size_t diag, const char *id, const struct kk_loc *at)
{
	struct rd *r = ctx;
	struct fixup *f;

	if (r->nfix == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 16;
		r->fix = xrealloc(r->fix, r->cap * sizeof(*r->fix));
	}
	f = &r->fix[r->nfix++];
	f->diag = diag;
	f->needle = xasprintf("identifier=\"%s\"", id);
	f->line = at->line;
	f->col = at->col;
	f->doctype = false;
}

static void
rd_error(struct rd *r, const char *tag, const char *fmt, ...)
    KK_PRINTF(3, 4);

/* An error about the element TAG the reader is on (or in). */
static void
rd_error(struct rd *r, const char *tag, const char *fmt, ...)
{
	struct kk_loc loc;
	size_t n = r->d->n;
	va_list ap;

	rd_loc(r, &loc);
	va_start(ap, fmt);
	diags_vadd(r->d, &loc, fmt, ap);
	va_end(ap);
	if (tag)
		want_place(r, n, "<", tag, "");
}

/*
 * libxml2 stopped at diagnostic N, at LINE, COL. If a DOCTYPE came before,
 * it is the fault (its entities, expanded or looping, are what libxml2
 * stops at, anywhere later in the file): the diagnostic becomes the
 * DOCTYPE's refusal, at its place, once the places are found.
 */
static void
doctype_first(struct rd *r, size_t n, int line, int col)
{
	struct fixup *f;

	if (n >= r->d->n)
		return;
	if (r->nfix == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 16;
		r->fix = xrealloc(r->fix, r->cap * sizeof(*r->fix));
	}
	f = &r->fix[r->nfix++];
	f->diag = n;
	f->needle = xstrdup("<!DOCTYPE");
	f->line = line;
	f->col = col;
	f->doctype = true;
}

/* The name of a schema's identity constraint and the attribute whose
   value its message gives: where to look for the fault. */
static const char *
constraint_attr(const char *name)
{
	static const char *const v[][2] = {
		{ "ConnectionSourceRef", "source" },
		{ "ConnectionTargetRef", "target" },
		{ "NodeRefAttribute", "nodeRef" },
		{ "ConnectionRefAttribute", "connectionRef" },
		{ "ViewConceptRefAttribute", "viewConceptRef" },
		{ "NodeRef", "ref" },
		{ "ConnectionRef", "ref" },
		{ "ViewConceptRef", "ref" },
		{ "NodeKey", "identifier" },
		{ "ConnectionKey", "identifier" },
		{ "ViewConceptKey", "identifier" },
	};
	size_t i;

	for (i = 0; i < KK_ARRAY_SIZE(v); i++)
		if (!strcmp(name, v[i][0]))
			return v[i][1];
	return NULL;
}

/* The text between the first QUOTE-delimited pair after KEY in S, into
   OUT (of SIZE); "{namespace}" prefixes dropped. */
static bool
quoted_after(const char *s, const char *key, char *out, size_t size)
{
	const char *p = strstr(s, key), *e;
	size_t n;

	if (!p)
		return false;
	p += strlen(key);
	if (*p == '{' && (e = strchr(p, '}')))
		p = e + 1;
	if (!(e = strchr(p, '\'')) || (n = (size_t)(e - p)) >= size)
		return false;
	memcpy(out, p, n);
	out[n] = '\0';
	return true;
}

/*
 * A fault the schema found, at E's line: said in libxml2's words, without
 * the namespace in every name, and placed later at the tag it is about:
 * the attribute that holds the value a view's key or reference names, or
 * else the element the message names.
 */
static void
on_schema_error(struct rd *r, xmlErrorPtr e)
{
	static const char *const prefixes[][2] = {
		{ "{" AM_NS "}", "" },
		{ "{http://www.w3.org/XML/1998/namespace}", "xml:" },
		{ "{" XSI_NS "}", "xsi:" },
	};
	struct kk_loc loc = { r->path, e->line, 0 };
	char what[128], value[512], *needle = NULL;
	struct buf b = BUF_INIT;
	const char *p, *attr_name;
	size_t n = r->d->n;

	/* libxml2 adds a second, internal message to some faults */
	if (!e->message || strstr(e->message, "No precomputed value"))
		return;
	/* said by the reading, with its place (next()) */
	if (strstr(e->message, "{" XI_NS "}") ||
	    strstr(e->message, "{" XI_NS_2003 "}"))
		return;
	/* an element's or relationship's type: the import names the type
	   it does not know, or says that there is none */
	if ((strstr(e->message, "of the xsi:type attribute does not resolve") ||
	    strstr(e->message, "The type definition is abstract")) &&
	    (strstr(e->message, "}element'") ||
	    strstr(e->message, "}relationship'")))
		return;
	if (++r->nschema > 20)
		return;		/* enough to go on with */
	/* names as the file writes them: no namespace for the format's
	   own, the usual prefix for xml: and xsi: */
	for (p = e->message; *p; ) {
		size_t i;

		for (i = 0; i < KK_ARRAY_SIZE(prefixes); i++)
			if (!strncmp(p, prefixes[i][0], strlen(prefixes[i][0])))
				break;
		if (i < KK_ARRAY_SIZE(prefixes)) {
			p += strlen(prefixes[i][0]);
			buf_adds(&b, prefixes[i][1]);
			continue;
		}
		/* "...: This element" as "...: this element" */
		if (p[0] >= 'A' && p[0] <= 'Z' && p[1] >= 'a' && p[1] <= 'z' &&
		    (p == e->message || (p - e->message >= 2 && p[-1] == ' ' &&
		    p[-2] == ':')))
			buf_addc(&b, (char)(*p++ - 'A' + 'a'));
		else
			buf_addc(&b, *p++);
	}
	while (b.len && (b.s[b.len - 1] == '\n' || b.s[b.len - 1] == '.' ||
	    b.s[b.len - 1] == ' '))
		b.s[--b.len] = '\0';
	diags_add(r->d, &loc, "not valid by the exchange format's schema: %s",
	    b.s);
	buf_release(&b);
	if (n == r->d->n)
		return;
	r->schema_errors++;
	if (quoted_after(e->message, "of keyref '", what, sizeof(what)) ||
	    quoted_after(e->message, "identity-constraint '", what,
	    sizeof(what))) {
		if ((attr_name = constraint_attr(what)) &&
		    quoted_after(e->message, "key-sequence ['", value,
		    sizeof(value)))
			needle = xasprintf("%s=\"%s\"", attr_name, value);
	}
	if (!needle && quoted_after(e->message, "Element '", what,
	    sizeof(what)))
		needle = xasprintf("<%s", what);
	if (!needle)
		return;
	if (r->nfix == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 16;
		r->fix = xrealloc(r->fix, r->cap * sizeof(*r->fix));
	}
	r->fix[r->nfix].diag = n;
	r->fix[r->nfix].needle = needle;
	r->fix[r->nfix].line = e->line;
	r->fix[r->nfix].col = 1 << 30;	/* anywhere on that line */
	r->fix[r->nfix].doctype = false;
	r->nfix++;
}

/*
 * Identifier ID of a TAG is read: an error if the file had it before (the
 * schema's xs:ID, unique in the whole file, which libxml2 does not check
 * while it streams). Those of concepts are compared with the others here
 * and with each other by the store; the others are kept here. True if it
 * is new.
 */
static bool
take_id(struct rd *r, const char *id, enum am_id_kind kind)
{
	bool added = true;
	size_t n = r->d->n;
	char *owner;

	if (!id || !*id)
		return true;	/* the schema or the import says so */
	if (kind == AM_ID_CONCEPT ? strset_count(r->ids) && strset_get(r->ids, id) :
	    (strset_add(r->ids, id, &added), !added ||
	    am_import_id_taken(r->im, id))) {
		rd_error(r, NULL, "identifier '%s' is used twice", id);
		want_place(r, n, "identifier=\"", id, "\"");
		return false;
	}
	if ((owner = am_import_id_foreign(r->im, id, kind))) {
		rd_error(r, NULL, "identifier '%s' is already in the database "
		    "as part of model '%s'", id, owner);
		want_place(r, n, "identifier=\"", id, "\"");
		free(owner);
		return false;
	}
	return true;
}

static void
on_xml_error(void *ctx, xmlErrorPtr e)
{
	struct rd *r = ctx;
	struct kk_loc loc = { r->path, e->line, e->int2 };
	size_t len, n;
	char *msg;

	if (e->level < XML_ERR_ERROR || r->xml_error)
		return;
	if (e->domain == XML_FROM_SCHEMASV) {
		on_schema_error(r, e);
		return;
	}
	r->xml_error = true;
	msg = xstrdup(e->message ? e->message : _("malformed XML"));
	len = strlen(msg);
	while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		msg[--len] = '\0';
	if (msg[0] >= 'A' && msg[0] <= 'Z' && !(msg[1] >= 'A' && msg[1] <= 'Z'))
		msg[0] = (char)(msg[0] - 'A' + 'a');
	n = r->d->n;
	if (e->code == XML_ERR_ENTITY_LOOP || strstr(msg, "amplification"))
		diags_add(r->d, &loc, "entity expansion refused (%s)", msg);
	else
		diags_add(r->d, &loc, "malformed XML: %s", msg);
	free(msg);
	doctype_first(r, n, e->line, e->int2);
}

/* What libxml2 prints outside its structured errors (its schema
   validator's "Unimplemented block" on an entity it meets) is no message
   for a user: the structured ones say what is wrong. */
static void KK_PRINTF(2, 3)
quiet_generic(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

/* Nothing is ever fetched while a model is read. */
static xmlParserInputPtr
refuse_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	return NULL;
}

static bool no_element(struct rd *r);

/* Read one node; 1 when there is one, 0 at the end, -1 on an XML error. */
static int
next(struct rd *r)
{
	int rc;

	if (r->xml_error)
		return -1;
	rc = xmlTextReaderRead(r->r);
	if (rc < 0 && !r->xml_error && !no_element(r)) {
		struct kk_loc loc;
		size_t n = r->d->n;

		rd_error(r, NULL, "malformed XML");
		r->xml_error = true;
		rd_loc(r, &loc);
		doctype_first(r, n, loc.line, loc.col);
	}
	if (rc == 1 && xmlTextReaderNodeType(r->r) == XML_READER_TYPE_ELEMENT) {
		const char *ns = (const char *)
		    xmlTextReaderConstNamespaceUri(r->r);

		/* wherever it is (in a view, metadata, documentation, a
		   part of another namespace): kept, it would be written back
		   and included by whoever reads the export with XInclude on */
		if (ns && (!strcmp(ns, XI_NS) || !strcmp(ns, XI_NS_2003)))
			rd_error(r, (const char *)xmlTextReaderConstName(r->r),
			    "XInclude is not accepted: nothing is included "
			    "from elsewhere");
	}
	return r->xml_error ? -1 : rc;
}

static const char *
lname(struct rd *r)
{
	return (const char *)xmlTextReaderConstLocalName(r->r);
}

/*
 * The reader's own accessors look each namespace up in its dictionary and
 * copy each attribute's value; on a million elements that is a good part
 * of the reading. So an element the reader is on is read from its node,
 * which the reader has complete once it stands on the element (and keeps
 * until the next read), through these three functions only.
 */
static xmlNodePtr
here(struct rd *r)
{
	return xmlTextReaderCurrentNode(r->r);
}

/* Whether NS is namespace URI, whose declaration on <model> is KNOWN. */
static bool
ns_is(xmlNsPtr ns, xmlNsPtr known, const char *uri)
{
	return ns && (ns == known ||
	    (ns->href && !strcmp((const char *)ns->href, uri)));
}

static bool
in_am(struct rd *r)
{
	return ns_is(here(r)->ns, r->am_ns, AM_NS);
}

/* S, a value read from the element the reader is on; a character that
   text may not hold (textguard.c) is refused there. */
static const char *
checked(struct rd *r, const char *s)
{
	size_t len = strlen(s), n = r->d->n, at, from;
	struct kk_loc loc;
	int32_t cp;

	if ((at = textguard_find(s, len, &cp)) == len)
		return s;
	rd_loc(r, &loc);
	textguard_report(r->d, &loc, cp, s + at);
	/* the reader reads ahead: the element is found by the text before
	   the character, as the file has it (no reference, no quote) */
	for (from = at; from > 0 && at - from < 32 &&
	    !strchr("&<>\"'\n\r\t", s[from - 1]); from--)
		;
	while (from < at && ((unsigned char)s[from] & 0xc0) == 0x80)
		from++;
	if (from < at) {
		char *before = xstrndup(s + from, at - from);

		want_place(r, n, "", before, "");
		free(before);
	} else {
		want_place(r, n, "<", lname(r), "");
	}
	return s;
}

/* The value of attribute AT, in the arena. */
static const char *
attr_value(struct rd *r, xmlAttrPtr at)
{
	xmlNodePtr t = at->children;
	xmlChar *v;
	const char *s;

	/* one piece of text, nearly always; else entities are in it */
	if (!t)
		return arena_strdup(r->a, "");
	if (t->type == XML_TEXT_NODE && !t->next)
		return checked(r, arena_strdup(r->a, (const char *)t->content));
	v = xmlNodeListGetString(at->doc, t, 1);
	s = arena_strdup(r->a, v ? (const char *)v : "");
	xmlFree(v);
	return checked(r, s);
}

static bool
is(struct rd *r, const char *name)
{
	return in_am(r) && !strcmp(lname(r), name);
}

/* Attribute NAME of namespace NS (NULL: none, as the archimate
   namespace's own attributes have; KNOWN its declaration on <model>) of
   the element the reader is on. */
static const char *
attr_ns(struct rd *r, const char *name, const char *ns, xmlNsPtr known)
{
	xmlAttrPtr at;

	for (at = here(r)->properties; at; at = at->next)
		if (!strcmp((const char *)at->name, name) &&
		    (ns ? ns_is(at->ns, known, ns) : !at->ns))
			return attr_value(r, at);
	return NULL;
}

static const char *
attr(struct rd *r, const char *name)
{
	return attr_ns(r, name, NULL, NULL);
}

/* xsi:type, without a prefix it may have. */
static const char *
xsi_type(struct rd *r)
{
	const char *t = attr_ns(r, "type", XSI_NS, r->xsi_ns), *colon;

	if (t && (colon = strchr(t, ':')))
		t = colon + 1;
	return t;
}

/* The name of attribute AT as written, with its prefix, in the arena. */
static const char *
qname(struct rd *r, xmlAttrPtr at)
{
	const char *prefix = at->ns ? (const char *)at->ns->prefix : NULL;
	size_t np, nn;
	char *s;

	if (!prefix)
		return arena_strdup(r->a, (const char *)at->name);
	np = strlen(prefix);
	nn = strlen((const char *)at->name);
	s = arena_alloc(r->a, np + nn + 2);
	memcpy(s, prefix, np);
	s[np] = ':';
	memcpy(s + np + 1, at->name, nn + 1);
	return s;
}

/*
 * Go through the attributes of the current element: those of another
 * namespace are kept in X, those named in KNOWN (a NULL-terminated list)
 * are left to the caller, those in NS_NULL_KEEP are kept in X with no
 * namespace; any other is an error.
 */
static void
attrs(struct rd *r, const char *tag, const char *const *known,
    const char *const *keep, struct am_extra *x)
{
	size_t cap = 0, i;
	xmlAttrPtr at;

	/* namespace declarations are not among the node's attributes */
	for (at = here(r)->properties; at; at = at->next) {
		const char *ns = at->ns ? (const char *)at->ns->href : NULL;
		const char *ln = (const char *)at->name;
		bool known_one = false, kept = false;

		if (ns && (at->ns == r->xsi_ns || !strcmp(ns, XMLNS_NS) ||
		    !strcmp(ns, XSI_NS) ||
		    !strcmp(ns, (const char *)XML_XML_NAMESPACE)))
			continue;
		for (i = 0; !ns && known && known[i]; i++)
			if (!strcmp(ln, known[i]))
				known_one = true;
		if (known_one)
			continue;
		for (i = 0; !ns && keep && keep[i]; i++)
			if (!strcmp(ln, keep[i]))
				kept = true;
		if (!ns && !kept) {
			rd_error(r, tag, "attribute '%s' is not allowed on <%s>",
			    ln, tag);
			continue;
		}
		if (x->nattrs == cap) {
			struct am_attr *v;

			cap = cap ? 2 * cap : 4;
			v = arena_calloc(r->a, cap, sizeof(*v));
			if (x->nattrs)
				memcpy(v, x->attrs, x->nattrs * sizeof(*v));
			x->attrs = v;
		}
		x->attrs[x->nattrs].ns = arena_strdup(r->a, ns);
		x->attrs[x->nattrs].name = qname(r, at);
		x->attrs[x->nattrs].value = attr_value(r, at);
		x->nattrs++;
	}
}

/* The text of the current element, then past its end. */
static const char *
text(struct rd *r)
{
	xmlNodePtr n = xmlTextReaderExpand(r->r);
	xmlChar *s;
	const char *t;

	/* one piece of text (or none), nearly always: no copy to make */
	if (n && !n->children)
		return arena_strdup(r->a, "");
	if (n && n->children->type == XML_TEXT_NODE && !n->children->next)
		return checked(r, arena_strdup(r->a, n->children->content ?
		    (const char *)n->children->content : ""));
	s = xmlTextReaderReadString(r->r);
	t = arena_strdup(r->a, s ? (const char *)s : "");
	xmlFree(s);
	return checked(r, t);
}

static void
add_text(struct rd *r, struct am_texts *t, size_t *cap, const char *lang,
    const char *s)
{
	if (t->n == *cap) {
		struct am_text *v;

		*cap = *cap ? 2 * *cap : 2;
		v = arena_calloc(r->a, *cap, sizeof(*v));
		if (t->n)
			memcpy(v, t->v, t->n * sizeof(*v));
		t->v = v;
	}
	t->v[t->n].lang = lang;
	t->v[t->n].s = s;
	t->n++;
}

/* A name, label, documentation or value element: its language and text. */
static void
lang_text(struct rd *r, struct am_texts *t, size_t *cap)
{
	const char *lang = attr_ns(r, "lang", (const char *)XML_XML_NAMESPACE,
	    NULL);

	add_text(r, t, cap, lang, text(r));
}

/* An element of another namespace, kept whole as XML text. */
static void
foreign(struct rd *r, struct am_extra *x)
{
	const xmlChar *ns = xmlTextReaderConstNamespaceUri(r->r);
	xmlChar *s;
	const char **v;

	/* XInclude is refused as it is read (next()), and not kept */
	if (ns && (!strcmp((const char *)ns, XI_NS) ||
	    !strcmp((const char *)ns, XI_NS_2003)))
		return;
	s = xmlTextReaderReadOuterXml(r->r);
	v = arena_calloc(r->a, x->next + 1, sizeof(*v));

	if (x->next)
		memcpy(v, x->ext, x->next * sizeof(*v));
	v[x->next++] = arena_strdup(r->a, s ? (const char *)s : "");
	x->ext = v;
	xmlFree(s);
}

/*
 * Walk the children of the element the reader is on; FN handles each
 * child element (and must consume it whole, or leave it to be skipped).
 * Text between children must be white space.
 */
typedef void child_fn(struct rd *r, void *ctx);

static void
children(struct rd *r, const char *tag, child_fn *fn, void *ctx)
{
	int depth = xmlTextReaderDepth(r->r);

	if (xmlTextReaderIsEmptyElement(r->r))
		return;
	while (next(r) == 1) {
		int type = xmlTextReaderNodeType(r->r);
		int d = xmlTextReaderDepth(r->r);

		if (type == XML_READER_TYPE_END_ELEMENT && d == depth)
			return;
		/* a child FN did not consume is walked through here; what
		   lies deeper is its business */
		if (type == XML_READER_TYPE_ELEMENT && d == depth + 1)
			fn(r, ctx);
		else if ((type == XML_READER_TYPE_TEXT ||
		    type == XML_READER_TYPE_CDATA) && d == depth + 1)
			rd_error(r, tag, "text is not allowed directly in <%s>",
			    tag);
	}
}

/* <properties>: each <property propertyDefinitionRef> with its values. */
struct props_ctx {
	struct am_extra *x;
	size_t cap;
	struct am_prop *cur;
	size_t vcap;
};

static void
on_value(struct rd *r, void *ctx)
{
	struct props_ctx *p = ctx;

	if (is(r, "value"))
		lang_text(r, &p->cur->values, &p->vcap);
	else
		rd_error(r, "property", "unexpected <%s> in <property>",
		    lname(r));
}

static void
on_property(struct rd *r, void *ctx)
{
	struct props_ctx *p = ctx;
	struct am_extra *x = p->x;

	if (!is(r, "property")) {
		rd_error(r, "properties", "unexpected <%s> in <properties>",
		    lname(r));
		return;
	}
	if (x->nprops == p->cap) {
		struct am_prop *v;

		p->cap = p->cap ? 2 * p->cap : 4;
		v = arena_calloc(r->a, p->cap, sizeof(*v));
		if (x->nprops)
			memcpy(v, x->props, x->nprops * sizeof(*v));
		x->props = v;
	}
	p->cur = &x->props[x->nprops++];
	memset(p->cur, 0, sizeof(*p->cur));
	p->vcap = 0;
	p->cur->ref = attr(r, "propertyDefinitionRef");
	if (!p->cur->ref)
		rd_error(r, "property", "<property> lacks its "
		    "propertyDefinitionRef");
	children(r, "property", on_value, p);
	if (!p->cur->values.n)
		rd_error(r, "property", "<property> without a <value>");
}

static void
properties(struct rd *r, struct am_extra *x)
{
	struct props_ctx p = { x, 0, NULL, 0 };

	children(r, "properties", on_property, &p);
}

/* An element or relationship, read whole. */
struct concept_ctx {
	struct am_concept c;
	size_t ncap, dcap;
	const char *tag;
	int stage;	/* 0 names, 1 documentation, 2 others, 3 properties */
};

static void
order_error(struct rd *r, const char *tag, const char *child)
{
	rd_error(r, tag, "<%s> is out of order in <%s>", child, tag);
}

static void
on_concept_child(struct rd *r, void *ctx)
{
	struct concept_ctx *k = ctx;

	if (!in_am(r)) {
		if (k->stage > 2)
			order_error(r, k->tag, lname(r));
		k->stage = 2;
		foreign(r, &k->c.x);
	} else if (is(r, "name")) {
		if (k->stage > 0)
			order_error(r, k->tag, "name");
		lang_text(r, &k->c.names, &k->ncap);
	} else if (is(r, "documentation")) {
		if (k->stage > 1)
			order_error(r, k->tag, "documentation");
		k->stage = 1;
		lang_text(r, &k->c.docs, &k->dcap);
	} else if (is(r, "properties")) {
		if (k->stage > 2)
			order_error(r, k->tag, "properties");
		k->stage = 3;
		properties(r, &k->c.x);
	} else {
		rd_error(r, k->tag, "unexpected <%s> in <%s>", lname(r), k->tag);
	}
}

static void
concept(struct rd *r, bool relation)
{
	static const char *const known_el[] = { "identifier", NULL };
	static const char *const known_rel[] = { "identifier", "source",
	    "target", NULL };
	static const char *const keep_rel[] = { "accessType", "modifier",
	    "isDirected", NULL };
	struct concept_ctx k;
	struct kk_loc loc;
	size_t n;

	size_t errors = own_errors(r);

	memset(&k, 0, sizeof(k));
	k.tag = relation ? "relationship" : "element";
	k.c.relation = relation;
	rd_loc(r, &loc);
	k.c.id = attr(r, "identifier");
	k.c.type = xsi_type(r);
	if (relation) {
		k.c.source = attr(r, "source");
		k.c.target = attr(r, "target");
	}
	attrs(r, k.tag, relation ? known_rel : known_el,
	    relation ? keep_rel : NULL, &k.c.x);
	children(r, k.tag, on_concept_child, &k);
	/* what is wrong inside was said; the rest cannot be trusted */
	if (r->xml_error || own_errors(r) > errors)
		return;
	if (!k.c.type) {
		rd_error(r, k.tag, "<%s> '%s' lacks its xsi:type", k.tag,
		    k.c.id ? k.c.id : "");
		return;
	}
	/* the schema asks a name of every element but a junction */
	if (!k.c.names.n && !relation && !strstr(k.c.type, "Junction")) {
		rd_error(r, k.tag, "element '%s' has no name",
		    k.c.id ? k.c.id : "");
		return;
	}
	if (!take_id(r, k.c.id, AM_ID_CONCEPT))
		return;
	n = r->d->n;
	am_import_concept(r->im, &k.c, &loc);
	if (k.c.id)
		want_place(r, n, "identifier=\"", k.c.id, "\"");
	else
		want_place(r, n, "<", k.tag, "");
}

/* The arena for a concept or an empty folder, renewed now and then. */
static struct arena *
concept_arena(struct rd *r)
{
	if (!r->ca || ++r->nca == 512) {
		arena_free(r->ca);
		r->ca = arena_new();
		r->nca = 0;
	}
	return r->ca;
}

struct list_ctx {
	const char *tag, *child;
	bool relation;
};

static void
on_concept(struct rd *r, void *ctx)
{
	struct list_ctx *l = ctx;
	struct arena *keep = r->a;

	if (!is(r, l->child)) {
		rd_error(r, l->tag, "unexpected <%s> in <%s>", lname(r), l->tag);
		return;
	}
	/* a million concepts pass: their strings go with a fresh arena now
	   and then (the import keeps copies of what it needs) */
	r->a = concept_arena(r);
	concept(r, l->relation);
	r->a = keep;
}

/* <propertyDefinitions>. */
struct propdef_ctx {
	struct am_propdef p;
	size_t ncap, dcap;
	int stage;
};

static void
on_propdef_child(struct rd *r, void *ctx)
{
	struct propdef_ctx *k = ctx;

	if (!in_am(r)) {
		k->stage = 2;
		foreign(r, &k->p.x);
	} else if (is(r, "name")) {
		if (k->stage > 0)
			order_error(r, "propertyDefinition", "name");
		lang_text(r, &k->p.names, &k->ncap);
	} else if (is(r, "documentation")) {
		if (k->stage > 1)
			order_error(r, "propertyDefinition", "documentation");
		k->stage = 1;
		lang_text(r, &k->p.docs, &k->dcap);
	} else {
		rd_error(r, "propertyDefinition", "unexpected <%s> in "
		    "<propertyDefinition>", lname(r));
	}
}

static void
on_propdef(struct rd *r, void *ctx)
{
	static const char *const known[] = { "identifier", "type", NULL };
	static const char *const types[] = { "string", "boolean", "currency",
	    "date", "time", "number" };
	struct propdef_ctx k;
	struct kk_loc loc;
	size_t n, errors;

	if (!is(r, "propertyDefinition")) {
		rd_error(r, "propertyDefinitions", "unexpected <%s> in "
		    "<propertyDefinitions>", lname(r));
		return;
	}
	errors = own_errors(r);
	memset(&k, 0, sizeof(k));
	rd_loc(r, &loc);
	k.p.id = attr(r, "identifier");
	k.p.type = attr(r, "type");
	attrs(r, "propertyDefinition", known, NULL, &k.p.x);
	children(r, "propertyDefinition", on_propdef_child, &k);
	if (r->xml_error || own_errors(r) > errors)
		return;
	n = r->d->n;
	if (!k.p.id)
		rd_error(r, "propertyDefinition", "<propertyDefinition> lacks "
		    "its identifier");
	else if (!k.p.type || kk_enum_parse(k.p.type, types, 6) < 0)
		rd_error(r, "propertyDefinition", "property definition '%s': "
		    "unknown type '%s' (one of string, boolean, currency, date, "
		    "time, number)", k.p.id, k.p.type ? k.p.type : "");
	else if (!k.p.names.n)
		rd_error(r, "propertyDefinition", "property definition '%s' "
		    "has no name", k.p.id);
	else if (take_id(r, k.p.id, AM_ID_PROPDEF))
		am_import_propdef(r->im, &k.p, &loc);
	if (k.p.id)
		want_place(r, n, "identifier=\"", k.p.id, "\"");
}

/*
 * <organizations>: one folder row per <item>, in document order. An item
 * is handed on when its first child item starts (or at its end), by then
 * its labels and documentation are read.
 */
struct folder_ctx {
	struct am_folder f;
	size_t lcap, dcap;
	bool sent;
	int stage;
};

static void on_folder(struct rd *r, void *ctx);

static void
send_folder(struct rd *r, struct folder_ctx *k)
{
	struct kk_loc loc = { r->path, k->f.depth, 0 };
	size_t n = r->d->n;

	if (k->sent)
		return;
	k->sent = true;
	rd_loc(r, &loc);
	am_import_folder(r->im, &k->f, &loc);
	if (k->f.ref)
		want_place(r, n, "identifierRef=\"", k->f.ref, "\"");
	else
		want_place(r, n, "<", "item", "");
}

static void
on_folder_child(struct rd *r, void *ctx)
{
	struct folder_ctx *k = ctx;

	if (!in_am(r)) {
		k->stage = 3;
		foreign(r, &k->f.x);
	} else if (is(r, "label")) {
		if (k->stage > 0)
			order_error(r, "item", "label");
		lang_text(r, &k->f.labels, &k->lcap);
	} else if (is(r, "documentation")) {
		if (k->stage > 1)
			order_error(r, "item", "documentation");
		k->stage = 1;
		lang_text(r, &k->f.docs, &k->dcap);
	} else if (is(r, "item")) {
		int grp = k->f.grp, depth = k->f.depth + 1;

		if (k->stage > 2)
			order_error(r, "item", "item");
		k->stage = 2;
		send_folder(r, k);
		{
			struct folder_ctx child;

			memset(&child, 0, sizeof(child));
			child.f.grp = grp;
			child.f.depth = depth;
			on_folder(r, &child);
		}
	} else {
		rd_error(r, "item", "unexpected <%s> in <item>", lname(r));
	}
}

/* One <item>; CTX is its folder_ctx with grp and depth set. */
static void
on_folder(struct rd *r, void *ctx)
{
	static const char *const known[] = { "identifier", "identifierRef",
	    NULL };
	struct folder_ctx *k = ctx;
	struct arena *keep = r->a;

	if (!is(r, "item")) {
		rd_error(r, "organizations", "unexpected <%s> in "
		    "<organizations>", lname(r));
		return;
	}
	/* an item's strings live until its last child is sent: an arena
	   per folder that has items, the concepts' one for the others */
	r->a = xmlTextReaderIsEmptyElement(r->r) ? concept_arena(r) :
	    arena_new();
	k->f.id = attr(r, "identifier");
	k->f.ref = attr(r, "identifierRef");
	take_id(r, k->f.id, AM_ID_OTHER);
	attrs(r, "item", known, NULL, &k->f.x);
	children(r, "item", on_folder_child, k);
	if (!r->xml_error)
		send_folder(r, k);
	if (r->a != r->ca)
		arena_free(r->a);
	r->a = keep;
}

static void
on_top_folder(struct rd *r, void *ctx)
{
	struct folder_ctx k;

	memset(&k, 0, sizeof(k));
	k.f.grp = *(int *)ctx;
	on_folder(r, &k);
}

/* <views>: <viewpoints> kept whole, each <view> of <diagrams> likewise. */
struct view_walk {
	struct am_viewref *refs;
	size_t nrefs, cap;
	bool dup;		/* an identifier was there before */
};

static void
add_ref(struct rd *r, struct view_walk *w, const char *by, xmlChar *ref,
    unsigned want)
{
	if (w->nrefs == w->cap) {
		struct am_viewref *v;

		w->cap = w->cap ? 2 * w->cap : 16;
		v = arena_calloc(r->a, w->cap, sizeof(*v));
		if (w->nrefs)
			memcpy(v, w->refs, w->nrefs * sizeof(*v));
		w->refs = v;
	}
	w->refs[w->nrefs].ref = arena_strdup(r->a, ref ? (const char *)ref :
	    "");
	w->refs[w->nrefs].by = by;
	w->refs[w->nrefs].want = want;
	w->nrefs++;
}

/*
 * The nodes and connections of a view, and what lies in them: each
 * identifier taken (take_id()), each reference to the model noted with the
 * kind the schema's keys ask of it (elementRef an element ...) and the
 * identifier of the node or connection BY that holds it.
 */
static void
walk_view(struct rd *r, xmlNodePtr n, const char *by, struct view_walk *w)
{
	static const struct {
		const char *name;
		unsigned want;
	} kinds[] = {
		{ "elementRef", STORE_AM_ELEMENT },
		{ "relationshipRef", STORE_AM_RELATION },
		{ "conceptRef", STORE_AM_CONCEPT },
		{ "propertyDefinitionRef", STORE_AM_PROPDEF },
		{ "viewRef", 0 },
	};
	xmlAttrPtr at;
	size_t i;

	for (; n; n = n->next) {
		const char *here_by = by;
		xmlChar *v;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if ((v = xmlGetNoNsProp(n, BAD_CAST "identifier"))) {
			here_by = arena_strdup(r->a, (const char *)v);
			xmlFree(v);
			if (!take_id(r, here_by, AM_ID_OTHER))
				w->dup = true;
		}
		for (at = n->properties; at; at = at->next)
			for (i = 0; !at->ns && i < KK_ARRAY_SIZE(kinds); i++) {
				if (strcmp((const char *)at->name, kinds[i].name))
					continue;
				v = xmlNodeListGetString(n->doc, at->children, 1);
				add_ref(r, w, here_by, v, kinds[i].want);
				xmlFree(v);
			}
		/* <elementRef ref="..."/> and its like */
		for (i = 0; i < KK_ARRAY_SIZE(kinds); i++)
			if (!strcmp((const char *)n->name, kinds[i].name) &&
			    (v = xmlGetNoNsProp(n, BAD_CAST "ref"))) {
				add_ref(r, w, here_by, v, kinds[i].want);
				xmlFree(v);
			}
		walk_view(r, n->children, here_by, w);
	}
}

static void
on_view(struct rd *r, void *ctx)
{
	struct arena *keep = r->a;
	struct view_walk w = { NULL, 0, 0, false };
	const char *id;
	size_t n;
	struct kk_loc loc;
	xmlNodePtr node;
	xmlChar *xml;

	if (!is(r, "view")) {
		rd_error(r, "diagrams", "unexpected <%s> in <diagrams>",
		    lname(r));
		return;
	}
	r->a = arena_new();
	rd_loc(r, &loc);
	id = attr(r, "identifier");
	/* a view is small beside the model: take it whole */
	node = xmlTextReaderExpand(r->r);
	xml = node ? xmlTextReaderReadOuterXml(r->r) : NULL;
	if (!take_id(r, id, AM_ID_OTHER))
		w.dup = true;
	if (node)
		walk_view(r, node->children, NULL, &w);
	n = r->d->n;
	if (!id)
		rd_error(r, "view", "<view> lacks its identifier");
	else if (xml && !w.dup)
		am_import_view(r->im, id, (const char *)xml, w.refs, w.nrefs,
		    &loc);
	if (id)
		want_place(r, n, "identifier=\"", id, "\"");
	xmlFree(xml);
	arena_free(r->a);
	r->a = keep;
}

static void
on_views_child(struct rd *r, void *ctx)
{
	if (is(r, "viewpoints")) {
		xmlChar *xml = xmlTextReaderReadOuterXml(r->r);

		if (xml)
			am_import_viewpoints(r->im, (const char *)xml);
		xmlFree(xml);
	} else if (is(r, "diagrams")) {
		children(r, "diagrams", on_view, NULL);
	} else {
		rd_error(r, "views", "unexpected <%s> in <views>", lname(r));
	}
}

/* The children of <model>, in the schema's order. */
struct model_ctx {
	struct am_head h;
	size_t ncap, dcap;
	int stage;
	bool headed;
	int groups;
	struct kk_loc loc;
};

static void
send_head(struct rd *r, struct model_ctx *m)
{
	size_t n = r->d->n;

	if (m->headed)
		return;
	m->headed = true;
	if (own_errors(r))
		return;	/* said already; an import would only add noise */
	if (!m->h.names.n)
		rd_error(r, NULL, "the model has no name");
	else
		am_import_head(r->im, &m->h, &m->loc);
	want_place(r, n, "<", "model", "");
}

static void
on_model_child(struct rd *r, void *ctx)
{
	static const char *const parts[] = { "name", "documentation", "",
	    "properties", "metadata", "elements", "relationships",
	    "organizations", "propertyDefinitions", "views" };
	struct model_ctx *m = ctx;
	int stage = in_am(r) ? kk_enum_parse(lname(r), parts, 10) : 2;

	if (stage < 0) {
		rd_error(r, "model", "unexpected <%s> in <model>", lname(r));
		return;
	}
	if (stage < m->stage || (stage == m->stage && stage > 3 &&
	    stage != 7)) {
		order_error(r, "model", lname(r));
		return;
	}
	m->stage = stage;
	if (stage >= 5)
		send_head(r, m);
	switch (stage) {
	case 0:
		lang_text(r, &m->h.names, &m->ncap);
		break;
	case 1:
		lang_text(r, &m->h.docs, &m->dcap);
		break;
	case 2:
		foreign(r, &m->h.x);
		break;
	case 3:
		properties(r, &m->h.x);
		break;
	case 4: {
		xmlChar *xml = xmlTextReaderReadOuterXml(r->r);

		m->h.metadata = arena_strdup(r->a, xml ? (const char *)xml :
		    NULL);
		xmlFree(xml);
		break;
	}
	case 5: {
		struct list_ctx l = { "elements", "element", false };

		children(r, "elements", on_concept, &l);
		break;
	}
	case 6: {
		struct list_ctx l = { "relationships", "relationship", true };

		children(r, "relationships", on_concept, &l);
		break;
	}
	case 7: {
		int grp = m->groups++;

		children(r, "organizations", on_top_folder, &grp);
		break;
	}
	case 8:
		children(r, "propertyDefinitions", on_propdef, NULL);
		break;
	case 9:
		children(r, "views", on_views_child, NULL);
		break;
	}
}

static void
model(struct rd *r)
{
	static const char *const known[] = { "identifier", "version", NULL };
	struct model_ctx m;
	xmlNsPtr decl;
	int type;

	/* the first element: no DOCTYPE may come before it */
	while (next(r) == 1) {
		type = xmlTextReaderNodeType(r->r);
		if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
			size_t n = r->d->n;

			rd_error(r, NULL, doctype_msg);
			want_place(r, n, "<", "!DOCTYPE", "");
			return;
		}
		if (type == XML_READER_TYPE_ELEMENT)
			break;
	}
	if (r->xml_error)
		return;
	if (xmlTextReaderNodeType(r->r) != XML_READER_TYPE_ELEMENT) {
		rd_error(r, NULL, "not an ArchiMate exchange file: no element");
		return;
	}
	if (!is(r, "model")) {
		const xmlChar *ns = xmlTextReaderConstNamespaceUri(r->r);

		rd_error(r, lname(r), "not an ArchiMate exchange file: the root "
		    "is <%s>%s%s%s, not <model> in namespace '%s'", lname(r),
		    ns ? _(" in namespace '") : _(" in no namespace"),
		    ns ? (const char *)ns : "", ns ? "'" : "", AM_NS);
		return;
	}
	memset(&m, 0, sizeof(m));
	for (decl = here(r)->nsDef; decl; decl = decl->next)
		if (decl->href && !strcmp((const char *)decl->href, AM_NS))
			r->am_ns = decl;
		else if (decl->href && !strcmp((const char *)decl->href, XSI_NS))
			r->xsi_ns = decl;
	rd_loc(r, &m.loc);
	m.h.id = attr(r, "identifier");
	m.h.version = attr(r, "version");
	take_id(r, m.h.id, AM_ID_OTHER);
	attrs(r, "model", known, NULL, &m.h.x);
	children(r, "model", on_model_child, &m);
	r->am_ns = r->xsi_ns = NULL;	/* <model> is read: they may go */
	if (!r->xml_error)
		send_head(r, &m);
	/* nothing but comments and processing instructions may follow */
	while (next(r) == 1)
		if (xmlTextReaderNodeType(r->r) == XML_READER_TYPE_ELEMENT) {
			rd_error(r, lname(r), "a second root element <%s>",
			    lname(r));
			break;
		}
}

/*
 * The places of the fixups: one pass over the file per fixup (there are
 * at most a few dozen, and only when something is wrong), each finding the
 * last occurrence of its needle before the parser's place, and there the
 * '<' of the tag.
 */
struct src {
	FILE *fp;
	const char *data;
	size_t len, pos;
};

static int
src_getc(struct src *s)
{
	if (s->fp)
		return getc(s->fp);
	return s->pos < s->len ? (unsigned char)s->data[s->pos++] : EOF;
}

static bool
place(struct rd *r, const struct fixup *f, int *out_line, int *out_col)
{
	struct src s = { NULL, r->data, r->len, 0 };
	size_t nlen = strlen(f->needle), matched = 0;
	int c, line = 1, col = 0, tag_line = 0, tag_col = 0;
	int best_line = 0, best_col = 0;
	bool needle_is_tag = f->needle[0] == '<';

	if (!r->data && !(s.fp = fopen(r->path, "rb")))
		return false;
	while ((c = src_getc(&s)) != EOF) {
		if (c == '\n') {
			line++;
			col = 0;
		} else if ((c & 0xc0) != 0x80) {
			col++;
		}
		if (c == '<') {
			tag_line = line;
			tag_col = col;
		}
		if (line > f->line || (line == f->line && col > f->col))
			break;
		/* a naive match: needles are short and rarely repeat */
		matched = (unsigned char)f->needle[matched] == c ? matched + 1 :
		    ((unsigned char)f->needle[0] == c ? 1 : 0);
		if (matched == nlen) {
			int n = src_getc(&s);

			matched = 0;
			if (needle_is_tag && n != ' ' && n != '>' && n != '/' &&
			    n != '\t' && n != '\n' && n != '\r') {
				if (n == '\n') {
					line++;
					col = 0;
				} else if (n != EOF) {
					col++;
				}
				continue;
			}
			best_line = tag_line;
			best_col = tag_col;
			if (n == '\n') {
				line++;
				col = 0;
			} else if (n != EOF && (n & 0xc0) != 0x80) {
				col++;
			}
			if (n == '<') {
				tag_line = line;
				tag_col = col;
			}
		}
	}
	if (s.fp)
		fclose(s.fp);
	*out_line = best_line;
	*out_col = best_col;
	return best_line > 0;
}

/* For the import's late findings: where REFERRER's tag is. */
static void
locate(void *ctx, const char *referrer, struct kk_loc *loc)
{
	struct rd *r = ctx;
	struct fixup f;

	loc->file = r->path;
	if (!referrer)
		return;
	f.needle = referrer[0] == '@' ?
	    xasprintf("identifierRef=\"%s\"", referrer + 1) :
	    xasprintf("identifier=\"%s\"", referrer);
	f.line = 1 << 30;
	f.col = 0;
	f.diag = 0;
	place(r, &f, &loc->line, &loc->col);
	free(f.needle);
}

/*
 * Opening the file. libxml2 reads it through source_read() alone, never
 * by its name: xmlReaderForFile() would decompress a gzip or xz file
 * behind the reader's back, with no bound on what comes out (a megabyte of
 * compressed comments became gigabytes). The first bytes are looked at
 * before (input_check_kind()), so that a compressed file, a workbook or a
 * PDF is refused as what it is.
 *
 * Comments: libxml2's reader parses on until the next element starts or
 * ends, and keeps every comment, processing instruction and text of the
 * way as a node until it is walked; a file of nothing but comments is
 * held whole, at some twenty times its size. So every node libxml2 makes
 * while a model is read is seen (xmlRegisterNodeDefault(), restored after,
 * like the entity loader), and with no element between, more than
 * AM_MAX_RUN comments and processing instructions, or AM_MAX_RUN_BYTES of
 * input, are refused: a text alone stays under libxml2's own limit of
 * 10 MB.
 */
#define AM_MAX_RUN 10000
#define AM_MAX_RUN_BYTES (16 * 1024 * 1024)

struct source {
	struct rd *r;
	FILE *fp;		/* the file; NULL when read from memory */
	const char *data;	/* or the content in memory */
	size_t len, pos;
	char head[INPUT_HEAD];	/* the first bytes, read before the parser */
	size_t nhead, hpos;
	bool content;		/* a byte other than white space was read */
	bool element;		/* an element was made */
	bool stop;		/* refused: the parser gets no more input */
	size_t run;		/* comments and the like since the last element */
	size_t fed;		/* bytes given to the parser */
	size_t element_at;	/* fed when the last element was made */
};

/* The source of the model being read in this thread, for on_node(). */
static _Thread_local struct source *reading;

/* Too much with no element between: the parser gets no more input. */
static void
refuse_run(struct source *s)
{
	struct kk_loc loc;

	s->stop = true;
	if (s->r->xml_error)
		return;
	rd_loc(s->r, &loc);
	diags_add(s->r->d, &loc, "more than %d comments or processing "
	    "instructions, or %d MiB, with no element between: refused, so "
	    "that they need not all be held in memory", AM_MAX_RUN,
	    AM_MAX_RUN_BYTES / (1024 * 1024));
	s->r->xml_error = true;
}

static int
source_read(void *ctx, char *buf, int len)
{
	struct source *s = ctx;
	size_t want = len > 0 ? (size_t)len : 0, n = 0;

	if (!s->stop && s->r->r && s->fed - s->element_at > AM_MAX_RUN_BYTES)
		refuse_run(s);
	if (s->stop)
		return -1;
	while (n < want && s->hpos < s->nhead)
		buf[n++] = s->head[s->hpos++];
	if (s->fp) {
		n += fread(buf + n, 1, want - n, s->fp);
		if (ferror(s->fp))
			return -1;
	} else if (s->pos < s->len) {
		size_t k = s->len - s->pos < want - n ? s->len - s->pos :
		    want - n;

		memcpy(buf + n, s->data + s->pos, k);
		s->pos += k;
		n += k;
	}
	if (!s->content && !input_blank(buf, n))
		s->content = true;
	s->fed += n;
	return (int)n;
}

static int
source_close(void *ctx)
{
	return 0;	/* archimate_import() closes the file */
}

/* Every node libxml2 makes while a model is read (see above). */
static void
on_node(xmlNodePtr n)
{
	struct source *s = reading;

	if (!s || s->stop)
		return;
	if (n->type == XML_ELEMENT_NODE) {
		s->element = true;
		s->run = 0;
		s->element_at = s->fed;
	} else if ((n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE) &&
	    ++s->run > AM_MAX_RUN) {
		refuse_run(s);
	}
}

/*
 * libxml2's word for a file without an element is "extra content at the
 * end of the document", and with the schema's validator on the reader it
 * may fail there without a word: say what the file holds instead. True
 * when the file held no element and that was said.
 */
static bool
no_element(struct rd *r)
{
	struct source *s = reading;
	struct kk_loc loc = { r->path, 0, 0 };

	if (!s || s->element || r->xml_error)
		return false;
	if (s->content)
		diags_add(r->d, &loc, "no element, only comments, "
		    "processing instructions or an XML declaration: "
		    "expected an ArchiMate exchange file (<model>)");
	else
		diags_add(r->d, &loc, "empty file: expected an "
		    "ArchiMate exchange file (<model>)");
	r->xml_error = true;
	return true;
}

static void
on_open_error(void *ctx, xmlErrorPtr e)
{
	struct source *s = ctx;
	struct rd *r = s->r;

	if (e->level >= XML_ERR_ERROR &&
	    (e->code == XML_ERR_DOCUMENT_END ||
	    e->code == XML_ERR_DOCUMENT_EMPTY) && no_element(r))
		return;
	on_xml_error(r, e);
}

/*
 * Open PATH (or DATA, LEN bytes) as S for libxml2's reader in R->r.
 * KK_EINPUT, with a diagnostic, when it cannot be read or is no XML.
 */
static int
source_open(struct rd *r, struct source *s, const char *path,
    const char *data, size_t len, int options)
{
	struct kk_loc loc = { path, 0, 0 };

	memset(s, 0, sizeof(*s));
	s->r = r;
	s->data = data;
	s->len = len;
	errno = 0;
	if (data && len > (size_t)2147483647) {
		diags_add(r->d, &loc, "cannot read: %s", strerror(EFBIG));
		return KK_EINPUT;
	}
	if (!data) {
		s->fp = strcmp(path, "-") ? fopen(path, "rb") : stdin;
		if (!s->fp) {
			diags_add(r->d, &loc, "cannot read: %s",
			    strerror(errno));
			return KK_EINPUT;
		}
		s->nhead = fread(s->head, 1, sizeof(s->head), s->fp);
		if (ferror(s->fp)) {
			diags_add(r->d, &loc, "cannot read: %s",
			    strerror(errno));
			return KK_EINPUT;
		}
	}
	if (input_check_kind(path, data ? data : s->head, data ? len :
	    s->nhead, data, len, INPUT_ARCHIMATE, r->d))
		return KK_EINPUT;
	kk_xml_init();
	r->r = xmlReaderForIO(source_read, source_close, s, path, NULL,
	    options);
	if (!r->r) {
		diags_add(r->d, &loc, "cannot read: %s", errno ?
		    strerror(errno) : _("unknown error"));
		return KK_EINPUT;
	}
	xmlTextReaderSetStructuredErrorHandler(r->r, on_open_error, s);
	return KK_OK;
}

static void
source_close_file(struct source *s)
{
	if (s->fp && s->fp != stdin)
		fclose(s->fp);
	s->fp = NULL;
}

int
archimate_import(struct store *st, const char *path, const char *data,
    size_t len, const struct am_opts *o, struct kk_diags *d,
    struct am_counts *out)
{
	const int options = XML_PARSE_NONET | XML_PARSE_NOCDATA |
	    XML_PARSE_BIG_LINES;
	xmlExternalEntityLoader loader = xmlGetExternalEntityLoader();
	xmlGenericErrorFunc generic = xmlGenericError;
	void *generic_ctx = xmlGenericErrorContext;
	xmlSchemaValidCtxtPtr vctxt = NULL;
	xmlSchemaPtr schema;
	xmlRegisterNodeFunc node_hook;
	struct source src;
	struct rd r;
	size_t i, before = d->nerrors;
	int rc;

	memset(&r, 0, sizeof(r));
	r.path = path;
	r.data = data;
	r.len = len;
	r.d = d;
	r.a = arena_new();
	r.ids = strset_new();
	if (out)
		memset(out, 0, sizeof(*out));
	if (source_open(&r, &src, path, data, len, options)) {
		source_close_file(&src);
		strset_free(r.ids);
		arena_free(r.a);
		return KK_EINPUT;
	}
	xmlSetExternalEntityLoader(refuse_entity);
	xmlSetGenericErrorFunc(NULL, quiet_generic);
	/* the schema first: its documents' nodes are not the file's */
	if (!(schema = am_schema()) ||
	    !(vctxt = xmlSchemaNewValidCtxt(schema)) ||
	    xmlTextReaderSchemaValidateCtxt(r.r, vctxt, 0)) {
		BUG("the exchange format's schema cannot be used");
	}
	reading = &src;
	node_hook = xmlRegisterNodeDefault(on_node);
	r.im = am_import_new(st, o, d);
	am_import_set_place(r.im, place_refused, &r);
	model(&r);
	/* refusals of concepts held back get their places below too */
	am_import_flush(r.im);
	xmlFreeTextReader(r.r);
	xmlSchemaFreeValidCtxt(vctxt);
	xmlRegisterNodeDefault(node_hook);
	reading = NULL;
	source_close_file(&src);
	xmlSetExternalEntityLoader(loader);
	xmlSetGenericErrorFunc(generic_ctx, generic);
	for (i = 0; i < r.nfix; i++) {
		struct kk_loc *l = &d->v[r.fix[i].diag].loc;
		int line, col;

		if (place(&r, &r.fix[i], &line, &col)) {
			l->line = line;
			l->col = col;
			if (r.fix[i].doctype) {
				free(d->v[r.fix[i].diag].msg);
				d->v[r.fix[i].diag].msg = xstrdup(_(doctype_msg));
			}
		}
		free(r.fix[i].needle);
	}
	free(r.fix);
	r.nfix = 0;
	if (d->nerrors == before)
		rc = am_import_finish(r.im, locate, &r, out);
	else
		rc = KK_EINPUT;
	am_import_free(r.im);
	strset_free(r.ids);
	arena_free(r.a);
	arena_free(r.ca);
	if (rc == KK_OK && d->nerrors > before)
		rc = KK_EINPUT;
	return rc;
}
