/* fmt-archimate-schema.c: the exchange format's XSDs, built in and compiled once. */
#include "align-impl.h"		/* kk_datafile(): the XSDs are embedded */

#include <pthread.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

/*
 * The XSDs are built into the binary (cmake/embed-data.cmake), so that
 * konkordat checks the same way wherever it runs, and nothing is ever
 * fetched: while they are compiled, every file the schemas include or
 * import is served from the embedded copies, and any other is refused.
 *
 * One change, made in memory: the identity constraints that the model
 * element declares over the whole file (xs:key and xs:keyref on
 * <model>: concepts, property definitions, the references to them) are
 * left out. libxml2 checks them in time and memory that grow faster than
 * the file (a million elements: 195 s and 1.8 GB of CPU and memory,
 * against 3 s without them), and the import checks each of them itself
 * (fmt-archimate-read.c, fmt-archimate.c, the store). Those of a view
 * (its nodes and connections, and what refers to them) stay: a view is
 * small.
 */

#define XSD_ENTRY "archimate3_Diagram_dc.xsd"
#define XSD_MODEL "archimate3_Model.xsd"
#define XS_NS "http://www.w3.org/2001/XMLSchema"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static xmlSchemaPtr schema;
static xmlChar *model_xsd;	/* archimate3_Model.xsd as changed */
static int model_xsd_len;

static bool
is_xs(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	    !strcmp((const char *)n->ns->href, XS_NS) &&
	    !strcmp((const char *)n->name, name);
}

/* archimate3_Model.xsd without the identity constraints of <model>. */
static bool
model_without_keys(void)
{
	const struct kk_datafile *f = kk_datafile(XSD_MODEL);
	xmlDocPtr doc;
	xmlNodePtr n, c, next;

	if (!f || !(doc = xmlReadMemory(f->text, (int)f->len, XSD_MODEL, NULL,
	    XML_PARSE_NONET)))
		return false;
	for (n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
		xmlChar *name;
		bool model;

		if (!is_xs(n, "element"))
			continue;
		name = xmlGetNoNsProp(n, BAD_CAST "name");
		model = name && !strcmp((const char *)name, "model");
		xmlFree(name);
		if (!model)
			continue;
		for (c = n->children; c; c = next) {
			next = c->next;
			if (is_xs(c, "key") || is_xs(c, "keyref") ||
			    is_xs(c, "unique")) {
				xmlUnlinkNode(c);
				xmlFreeNode(c);
			}
		}
	}
	xmlDocDumpMemory(doc, &model_xsd, &model_xsd_len);
	xmlFreeDoc(doc);
	return model_xsd != NULL;
}

/* While the schemas compile: the embedded XSD that URL names, or nothing. */
static xmlParserInputPtr
embedded_xsd(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	const char *base = url ? strrchr(url, '/') : NULL;
	const struct kk_datafile *f;
	xmlParserInputBufferPtr buf;

	(void)id;
	base = base ? base + 1 : url;
	if (!base || strlen(base) < 5 || strcmp(base + strlen(base) - 4, ".xsd"))
		return NULL;
	if (!strcmp(base, XSD_MODEL))
		buf = xmlParserInputBufferCreateMem((const char *)model_xsd,
		    model_xsd_len, XML_CHAR_ENCODING_NONE);
	else if ((f = kk_datafile(base)))
		buf = xmlParserInputBufferCreateMem(f->text, (int)f->len,
		    XML_CHAR_ENCODING_NONE);
	else
		return NULL;
	return buf ? xmlNewIOInputStream(ctxt, buf, XML_CHAR_ENCODING_NONE) :
	    NULL;
}

/* What the compiler says is of no use to a user: a failure is a bug. */
static void
quiet(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

static void
compile(void)
{
	xmlExternalEntityLoader loader = xmlGetExternalEntityLoader();
	const struct kk_datafile *f = kk_datafile(XSD_ENTRY);
	xmlSchemaParserCtxtPtr pc;

	if (!f || !model_without_keys())
		return;
	xmlSetExternalEntityLoader(embedded_xsd);
	pc = xmlSchemaNewMemParserCtxt(f->text, (int)f->len);
	if (pc) {
		xmlSchemaSetParserStructuredErrors(pc, quiet, NULL);
		schema = xmlSchemaParse(pc);
		xmlSchemaFreeParserCtxt(pc);
	}
	xmlSetExternalEntityLoader(loader);
	xmlFree(model_xsd);
	model_xsd = NULL;
}

xmlSchemaPtr
am_schema(void)
{
	kk_xml_init();
	pthread_once(&once, compile);
	return schema;
}
