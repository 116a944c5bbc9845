/* fmt-archi-csv.c: Archi's CSV triple (elements, relations, properties) in and out, with libcsv. */
#include "store.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <csv.h>

/*
 * Archi's CSV export writes three files: elements.csv ("ID", "Type",
 * "Name", "Documentation", and since Archi 4.9 "Specialization"), with the
 * model itself as a first row of type ArchimateModel; relations.csv (the
 * same and "Source", "Target"); properties.csv ("ID", "Key", "Value").
 * Every field is quoted, quotes doubled, lines end in CRLF; its importer
 * also takes ';' or a tab between fields and a UTF-8 byte order mark.
 * Types are Archi's class names: Junction (And or Or as the property
 * Junction_Type), relationships as AssociationRelationship and so on;
 * attributes of relationships travel as the properties Access_Type,
 * Influence_Strength and Directed.
 */

static const char *const elements_header[] = { "ID", "Type", "Name",
    "Documentation", "Specialization" };
static const char *const relations_header[] = { "ID", "Type", "Name",
    "Documentation", "Source", "Target", "Specialization" };
static const char *const properties_header[] = { "ID", "Key", "Value" };
static const char *const access_types[] = { "Write", "Read", "Access",
    "ReadWrite" };

/* One field as read, and where. */
struct field {
	const char *s;
	int line, col;
};
struct row {
	struct field *f;
	size_t n;
};
struct csv_table {
	const char *path;
	struct row *rows;
	size_t nrows, cap;
};

/* libcsv hands over fields and row ends; we follow the bytes to know
   where each field began. */
struct csv_read {
	struct arena *a;
	struct csv_table *t;
	struct field *cur;
	size_t ncur, cap;
	int line, col;		/* of the byte being fed */
	int fline, fcol;	/* where the current field began */
	bool at_start;		/* the next byte begins a field */
};

static void
on_field(void *s, size_t len, void *ctx)
{
	struct csv_read *c = ctx;

	if (c->ncur == c->cap) {
		struct field *v;

		c->cap = c->cap ? 2 * c->cap : 8;
		v = arena_calloc(c->a, c->cap, sizeof(*v));
		if (c->ncur)
			memcpy(v, c->cur, c->ncur * sizeof(*v));
		c->cur = v;
	}
	c->cur[c->ncur].s = arena_strndup(c->a, s ? s : "", len);
	/* the "'" that an export put before a formula-like cell goes */
	c->cur[c->ncur].s = textguard_spreadsheet_unguard(c->cur[c->ncur].s);
	c->cur[c->ncur].line = c->fline;
	c->cur[c->ncur].col = c->fcol;
	c->ncur++;
	c->at_start = true;
}

static void
on_row(int end, void *ctx)
{
	struct csv_read *c = ctx;
	struct csv_table *t = c->t;

	if (t->nrows == t->cap) {
		struct row *v;

		t->cap = t->cap ? 2 * t->cap : 64;
		v = arena_calloc(c->a, t->cap, sizeof(*v));
		if (t->nrows)
			memcpy(v, t->rows, t->nrows * sizeof(*v));
		t->rows = v;
	}
	t->rows[t->nrows].f = c->cur;
	t->rows[t->nrows].n = c->ncur;
	t->nrows++;
	c->cur = NULL;
	c->ncur = c->cap = 0;
	c->at_start = true;
}

static int
no_space(unsigned char c)
{
	return 0;	/* spaces around a field are part of it */
}

/* The offset of the first byte that is not UTF-8, or of a character
   that text may not hold (textguard.c) other than a line end, LEN if
   none; *LINE and *COL say where it is. */
static size_t
bad_utf8(const char *data, size_t len, int *line, int *col)
{
	const unsigned char *p = (const unsigned char *)data;
	size_t i = 0, k, n;

	*line = 1;
	*col = 0;
	while (i < len) {
		unsigned char c = p[i];
		unsigned cp;

		(*col)++;
		/* what XML cannot carry is refused here, not on export */
		if (c < 0x80 && !textguard_allowed(c) && c != '\r')
			return i;
		if (c < 0x80) {
			if (c == '\n') {
				(*line)++;
				*col = 0;
			}
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return i;
		}
		for (k = 1; k <= n; k++) {
			if (i + k >= len || (p[i + k] & 0xc0) != 0x80)
				return i;
			cp = (cp << 6) | (p[i + k] & 0x3f);
		}
		/* overlong forms, surrogates, beyond U+10FFFF */
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff ||
		    !textguard_allowed((int32_t)cp))
			return i;
		i += n + 1;
	}
	return len;
}

/*
 * Read the CSV file PATH into T: UTF-8, an optional byte order mark, the
 * delimiter whichever of ',', ';' or tab follows the first field.
 */
static int
read_table(struct arena *a, const char *path, struct csv_table *t,
    struct kk_diags *d)
{
	struct csv_parser p;
	struct csv_read c;
	struct kk_loc loc = { path, 0, 0 };
	char *data;
	size_t len, i = 0, j;
	unsigned char delim = ',';
	int rc = KK_OK;

	memset(t, 0, sizeof(*t));
	t->path = path;
	if (read_file(path, &data, &len)) {
		diags_add(d, &loc, "cannot read: %s", strerror(errno));
		return KK_EINPUT;
	}
	if (input_check_kind(path, data, len, data, len, INPUT_CSV, d)) {
		free(data);
		return KK_EINPUT;
	}
	if (input_blank(data, len)) {
		free(data);	/* no rows: check_header() says it is empty */
		return KK_OK;
	}
	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3))
		i = 3;
	for (j = i; j < len; j++) {
		if (data[j] == '"') {
			/* past a quoted first field */
			for (j++; j < len; j++)
				if (data[j] == '"' && (j + 1 >= len ||
				    data[j + 1] != '"'))
					break;
				else if (data[j] == '"')
					j++;
			continue;
		}
		if (data[j] == ',' || data[j] == ';' || data[j] == '\t') {
			delim = (unsigned char)data[j];
			break;
		}
		if (data[j] == '\n' || data[j] == '\r')
			break;
	}
	if ((j = bad_utf8(data, len, &loc.line, &loc.col)) < len) {
		int32_t cp;

		textguard_find(data + j, len - j, &cp);
		textguard_report(d, &loc, cp, data + j);
		free(data);
		return KK_EINPUT;
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL))
		die("cannot set up the CSV parser");
	csv_set_delim(&p, delim);
	csv_set_space_func(&p, no_space);
	memset(&c, 0, sizeof(c));
	c.a = a;
	c.t = t;
	c.line = 1;
	c.at_start = true;
	/* byte by byte, so that each field knows where it began */
	for (; i < len; i++) {
		unsigned char b = (unsigned char)data[i];

		if ((b & 0xc0) != 0x80)
			c.col++;
		if (c.at_start) {
			c.fline = c.line;
			c.fcol = c.col;
			c.at_start = false;
		}
		if (csv_parse(&p, &data[i], 1, on_field, on_row, &c) != 1) {
			loc.line = c.line;
			loc.col = c.col;
			diags_add(d, &loc, "malformed CSV: %s (a quote inside a "
			    "field is written twice, and the field quoted)",
			    csv_strerror(csv_error(&p)));
			rc = KK_EINPUT;
			break;
		}
		if (b == '\n') {
			c.line++;
			c.col = 0;
			c.at_start = true;
		}
	}
	if (!rc && csv_fini(&p, on_field, on_row, &c)) {
		loc.line = c.fline;
		loc.col = c.fcol;
		diags_add(d, &loc, "malformed CSV: the quoted field that begins "
		    "here is not closed");
		rc = KK_EINPUT;
	}
	csv_free(&p);
	free(data);
	return rc;
}

static void
field_error(struct kk_diags *d, const struct csv_table *t, const struct field *f,
    const char *fmt, ...) KK_PRINTF(4, 5);

static void
field_error(struct kk_diags *d, const struct csv_table *t, const struct field *f,
    const char *fmt, ...)
{
	struct kk_loc loc = { t->path, f->line, f->col };
	va_list ap;

	va_start(ap, fmt);
	diags_vadd(d, &loc, fmt, ap);
	va_end(ap);
}

/* The header row: Archi's names in any case; the last column may lack. */
static bool
check_header(const struct csv_table *t, const char *const *names, size_t max,
    size_t min, struct kk_diags *d)
{
	const struct row *r;
	struct kk_loc loc = { t->path, 1, 1 };
	size_t i;

	if (!t->nrows) {
		struct kk_loc file = { t->path, 0, 0 };

		diags_add(d, &file, "empty file: expected the header \"%s\"...",
		    names[0]);
		return false;
	}
	r = &t->rows[0];
	for (i = 0; i < r->n && i < max; i++)
		if (strcasecmp(r->f[i].s, names[i])) {
			field_error(d, t, &r->f[i], "expected the column \"%s\", "
			    "not \"%s\"", names[i], r->f[i].s);
			return false;
		}
	if (r->n < min || r->n > max) {
		diags_add(d, &loc, "the header has %zu columns; Archi's has %zu%s",
		    r->n, min, max > min ? " (or one more, Specialization)" : "");
		return false;
	}
	for (i = 1; i < t->nrows; i++)
		if (t->rows[i].n != r->n) {
			loc.line = t->rows[i].n ? t->rows[i].f[0].line : 0;
			diags_add(d, &loc, "this row has %zu fields, the header "
			    "%zu", t->rows[i].n, r->n);
			return false;
		}
	return true;
}

/* An identifier the exchange format can write: an XML name (NCName). */
static bool
id_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!(*p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return false;
	for (; *p; p++)
		if (!(*p == '_' || *p == '-' || *p == '.' ||
		    (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9')))
			return false;
	return true;
}

struct pending {
	struct am_concept c;
	struct kk_loc loc;
	size_t cap;		/* of c.x.props */
};

static struct pending *
find_pending(struct pending *v, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i].c.id, id))
			return &v[i];
	return NULL;
}

static void
text1(struct arena *a, struct am_texts *t, const char *s)
{
	t->v = NULL;
	t->n = 0;
	if (!s || !*s)
		return;
	t->v = arena_calloc(a, 1, sizeof(*t->v));
	t->v[0].s = s;
	t->n = 1;
}

static void
add_attr(struct arena *a, struct am_extra *x, const char *name,
    const char *value)
{
	struct am_attr *v = arena_calloc(a, x->nattrs + 1, sizeof(*v));

	if (x->nattrs)
		memcpy(v, x->attrs, x->nattrs * sizeof(*v));
	v[x->nattrs].name = name;
	v[x->nattrs].value = value;
	x->attrs = v;
	x->nattrs++;
}

static void
add_prop(struct arena *a, struct am_extra *x, const char *ref,
    const char *value)
{
	struct am_prop *v = arena_calloc(a, x->nprops + 1, sizeof(*v));

	if (x->nprops)
		memcpy(v, x->props, x->nprops * sizeof(*v));
	v[x->nprops].ref = ref;
	text1(a, &v[x->nprops].values, value);
	if (!v[x->nprops].values.n) {
		v[x->nprops].values.v = arena_calloc(a, 1, sizeof(struct am_text));
		v[x->nprops].values.v[0].s = "";
		v[x->nprops].values.n = 1;
	}
	x->props = v;
	x->nprops++;
}

/* For the import's late findings: where the row of REFERRER is. */
struct located {
	struct pending *v;
	size_t n;
};

static void
locate(void *ctx, const char *referrer, struct kk_loc *loc)
{
	struct located *w = ctx;
	struct pending *p = referrer ? find_pending(w->v, w->n, referrer) :
	    NULL;

	if (p)
		*loc = p->loc;
}

/* A model identifier for CSV without a model row: "id-" and the folder's
   name (or the prefix of the file names). */
static const char *
default_model_id(struct arena *a, const char *elements)
{
	char *dir = xstrdup(elements), *base, *slash = strrchr(dir, '/');
	struct buf b = BUF_INIT;
	const char *p;
	const char *id;

	if (slash) {
		*slash = '\0';
		base = slash + 1;
	} else {
		base = dir;
	}
	/* "my-elements.csv" names itself "my-"; "elements.csv" its folder */
	if (strlen(base) > 12) {
		base[strlen(base) - 12] = '\0';
	} else {
		base = slash ? (strrchr(dir, '/') ? strrchr(dir, '/') + 1 : dir) :
		    ".";
	}
	buf_adds(&b, "id-");
	for (p = base; *p; p++)
		buf_addc(&b, ((*p >= 'a' && *p <= 'z') || (*p >= 'A' &&
		    *p <= 'Z') || (*p >= '0' && *p <= '9')) ? *p : '-');
	if (b.len == 3)
		buf_adds(&b, "csv");
	id = arena_strdup(a, b.s);
	buf_release(&b);
	free(dir);
	return id;
}

/* Which of the three a file is, by the end of its name (Archi allows a
   prefix: my-elements.csv). */
static int
file_kind(const char *path)
{
	static const char *const ends[] = { "elements.csv", "relations.csv",
	    "properties.csv" };
	size_t n = strlen(path), i;

	for (i = 0; i < 3; i++) {
		size_t m = strlen(ends[i]);

		if (n >= m && !strcasecmp(path + n - m, ends[i]))
			return (int)i;
	}
	return -1;
}

int
archi_csv_import(struct store *st, char *const *paths, size_t npaths,
    const struct am_opts *o, struct kk_diags *d, struct am_counts *out)
{
	struct arena *a = arena_new();
	const char *files[3] = { NULL, NULL, NULL };
	struct csv_table t[3];
	struct pending *pend = NULL, *model_p = NULL;
	size_t npend = 0, i, before = d->nerrors;
	struct am_head head;
	struct am_import *im = NULL;
	struct am_opts opts = *o;
	struct kk_loc loc = { NULL, 0, 0 };
	struct stat sb;
	int rc = KK_OK, k;

	memset(t, 0, sizeof(t));
	memset(&head, 0, sizeof(head));
	if (out)
		memset(out, 0, sizeof(*out));
	opts.merge = true;
	if (npaths == 1 && !stat(paths[0], &sb) && S_ISDIR(sb.st_mode)) {
		static const char *const names[] = { "elements.csv",
		    "relations.csv", "properties.csv" };

		/* diagnostics name these files after we return: they live
		   until the next import */
		static char *kept[3];

		for (k = 0; k < 3; k++) {
			free(kept[k]);
			kept[k] = xasprintf("%s/%s", paths[0], names[k]);
			if (!stat(kept[k], &sb) || k == 0)
				files[k] = kept[k];
		}
	} else {
		for (i = 0; i < npaths; i++) {
			loc.file = paths[i];
			if ((k = file_kind(paths[i])) < 0) {
				/* a workbook is better told as such */
				if (input_check_file(paths[i], INPUT_CSV, d))
					continue;
				diags_add(d, &loc, "not one of Archi's CSV files: "
				    "the name ends in elements.csv, relations.csv "
				    "or properties.csv");
				continue;
			}
			if (files[k])
				diags_add(d, &loc, "a second %s file",
				    k == 0 ? "elements" : k == 1 ? "relations" :
				    "properties");
			files[k] = paths[i];
		}
		if (!files[0] && !d->nerrors) {
			loc.file = npaths ? paths[0] : NULL;
			diags_add(d, &loc, "no elements.csv: it names the model "
			    "and its elements");
		}
	}
	for (k = 0; k < 3 && d->nerrors == before; k++)
		if (files[k])
			read_table(a, files[k], &t[k], d);
	if (d->nerrors > before)
		goto out;
	if (!check_header(&t[0], elements_header, 5, 4, d) ||
	    (files[1] && !check_header(&t[1], relations_header, 7, 6, d)) ||
	    (files[2] && !check_header(&t[2], properties_header, 3, 3, d)))
		goto out;

	/* elements and relations, properties attached as they come */
	pend = xcalloc(t[0].nrows + t[1].nrows + 1, sizeof(*pend));
	for (k = 0; k < 2; k++) {
		for (i = 1; i < t[k].nrows; i++) {
			const struct row *r = &t[k].rows[i];
			struct pending *p;
			bool relation;
			const char *type;

			if (k == 0 && !strcmp(r->f[1].s, "ArchimateModel")) {
				if (model_p) {
					field_error(d, &t[k], &r->f[1], "a second "
					    "model row");
					continue;
				}
				model_p = &pend[npend++];
				model_p->c.id = r->f[0].s;
				text1(a, &model_p->c.names, r->f[2].s);
				text1(a, &model_p->c.docs, r->f[3].s);
				model_p->loc = (struct kk_loc){ t[k].path,
				    r->f[0].line, r->f[0].col };
				continue;
			}
			type = am_type_from_csv(r->f[1].s, &relation);
			if (!type || relation != (k == 1)) {
				field_error(d, &t[k], &r->f[1], "unknown %s type "
				    "'%s'", k ? "relationship" : "element",
				    r->f[1].s);
				continue;
			}
			if (!id_ok(r->f[0].s)) {
				field_error(d, &t[k], &r->f[0], "identifier '%s' "
				    "is not an XML name (letters, digits, '-', "
				    "'_', '.', starting with a letter or '_')",
				    r->f[0].s);
				continue;
			}
			if (find_pending(pend, npend, r->f[0].s)) {
				field_error(d, &t[k], &r->f[0], "identifier '%s' "
				    "is used twice", r->f[0].s);
				continue;
			}
			p = &pend[npend++];
			p->c.id = r->f[0].s;
			p->c.type = type;
			p->c.relation = relation;
			text1(a, &p->c.names, r->f[2].s);
			/* the exchange format wants a name of every element
			   but a junction, if only an empty one */
			if (!relation && !p->c.names.n &&
			    !strstr(type, "Junction")) {
				p->c.names.v = arena_calloc(a, 1,
				    sizeof(*p->c.names.v));
				p->c.names.v[0].s = "";
				p->c.names.n = 1;
			}
			text1(a, &p->c.docs, r->f[3].s);
			if (relation) {
				p->c.source = r->f[4].s;
				p->c.target = r->f[5].s;
			}
			p->loc = (struct kk_loc){ t[k].path, r->f[0].line,
			    r->f[0].col };
		}
	}
	if (d->nerrors > before)
		goto out;

	head.id = model_p && *model_p->c.id ? model_p->c.id :
	    default_model_id(a, files[0]);
	if (!id_ok(head.id)) {
		loc = model_p ? model_p->loc : (struct kk_loc){ files[0], 0, 0 };
		diags_add(d, &loc, "model identifier '%s' is not an XML name",
		    head.id);
		goto out;
	}
	if (model_p) {
		head.names = model_p->c.names;
		head.docs = model_p->c.docs;
	}
	if (!head.names.n)
		text1(a, &head.names, head.id);

	im = am_import_new(st, &opts, d);
	loc = model_p ? model_p->loc : (struct kk_loc){ files[0], 1, 1 };
	if (am_import_head(im, &head, &loc) != KK_OK)
		goto out;
	for (i = 1; files[2] && i < t[2].nrows; i++) {
		const struct row *r = &t[2].rows[i];
		const char *key = r->f[1].s, *value = r->f[2].s;
		struct pending *p = find_pending(pend, npend, r->f[0].s);

		if (!p || p == model_p) {
			if (!strcmp(r->f[0].s, head.id))
				continue;	/* the model's, below */
			field_error(d, &t[2], &r->f[0], "property of '%s', which "
			    "is neither in elements.csv nor in relations.csv",
			    r->f[0].s);
			continue;
		}
		if (!strcmp(key, "Junction_Type") && strstr(p->c.type,
		    "Junction")) {
			p->c.type = !strcmp(value, "Or") ? "OrJunction" :
			    "AndJunction";
		} else if (!strcmp(key, "Access_Type") &&
		    !strcmp(p->c.type, "Access")) {
			if (kk_enum_parse(value, access_types, 4) < 0)
				field_error(d, &t[2], &r->f[2], "unknown "
				    "Access_Type '%s' (one of Write, Read, "
				    "Access, ReadWrite)", value);
			else
				add_attr(a, &p->c.x, "accessType", value);
		} else if (!strcmp(key, "Influence_Strength") &&
		    !strcmp(p->c.type, "Influence")) {
			add_attr(a, &p->c.x, "modifier", value);
		} else if (!strcmp(key, "Directed") &&
		    !strcmp(p->c.type, "Association")) {
			add_attr(a, &p->c.x, "isDirected",
			    !strcasecmp(value, "true") ? "true" : "false");
		} else {
			add_prop(a, &p->c.x, am_import_propkey(im, key), value);
		}
	}
	for (i = 0; i < npend && d->nerrors == before; i++)
		if (&pend[i] != model_p)
			am_import_concept(im, &pend[i].c, &pend[i].loc);
	/* the model's properties: a second head, merged into the first */
	if (d->nerrors == before && files[2]) {
		struct am_extra x;

		memset(&x, 0, sizeof(x));
		for (i = 1; i < t[2].nrows; i++) {
			const struct row *r = &t[2].rows[i];

			if (!strcmp(r->f[0].s, head.id))
				add_prop(a, &x, am_import_propkey(im, r->f[1].s),
				    r->f[2].s);
		}
		if (x.nprops)
			am_import_head_props(im, &x);
	}
	if (d->nerrors == before) {
		struct located where = { pend, npend };

		rc = am_import_finish(im, locate, &where, out);
	}
out:
	am_import_free(im);
	free(pend);
	arena_free(a);
	if (d->nerrors > before)
		return rc == KK_EIO ? KK_EIO : KK_EINPUT;
	return rc;
}

/* Export. */

struct csv_out {
	FILE *fp[3];
	struct outfile file[3];	/* each written whole or not at all */
	struct am_native n;
	struct arena *a;
	struct store *st;
	/* property definitions: "model\tid" -> name */
	const char **pd_keys, **pd_names;
	size_t npd;
	int err;
	size_t dropped;		/* control characters left out */
};

static void
put_row(struct csv_out *o, int k, const char *const *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		/* Archi writes a tab as a space, and so do we; what an older
		   database holds that no import takes now is left out, as
		   Archi would write it into XML */
		struct buf clean = BUF_INIT;
		char *s, *p;

		o->dropped += textguard_xml(&clean, f[i] ? f[i] : "");
		s = buf_detach(&clean, NULL);

		for (p = s; *p; p++)
			if (*p == '\t')
				*p = ' ';
		if (i && fputc(',', o->fp[k]) == EOF)
			o->err = 1;
		/* no cell that a spreadsheet would run (doc/formats.md) */
		if (textguard_spreadsheet_formula(s)) {
			char *guarded = xasprintf("'%s", s);

			free(s);
			s = guarded;
		}
		if (csv_fwrite(o->fp[k], s, strlen(s)))
			o->err = 1;
		free(s);
	}
	if (fputs("\r\n", o->fp[k]) == EOF)
		o->err = 1;
}

static const char *
pd_name(struct csv_out *o, const char *model, const char *ref)
{
	size_t i, mlen = model ? strlen(model) : 0;

	for (i = 0; model && i < o->npd; i++)
		if (!strncmp(o->pd_keys[i], model, mlen) &&
		    o->pd_keys[i][mlen] == '\t' &&
		    !strcmp(o->pd_keys[i] + mlen + 1, ref))
			return o->pd_names[i];
	for (i = 0; !model && i < o->n.npropdefs; i++)
		if (!strcmp(o->n.propdefs[i].id, ref))
			return am_text_pick(&o->n.propdefs[i].names, NULL);
	return ref;
}

static void
props_rows(struct csv_out *o, const char *model, const char *id,
    const struct am_extra *x)
{
	size_t i;

	for (i = 0; i < x->nprops; i++) {
		const char *f[3] = { id, pd_name(o, model, x->props[i].ref),
		    am_text_pick(&x->props[i].values, NULL) };

		put_row(o, 2, f, 3);
	}
}

static void
concept_rows(struct csv_out *o, const char *model, const struct am_concept *c)
{
	char type[AM_CSV_TYPE_SIZE];
	const char *f[6] = { c->id, am_csv_type(c->type, c->relation, type),
	    am_text_pick(&c->names, NULL), am_text_pick(&c->docs, NULL),
	    c->source, c->target };
	size_t i;

	put_row(o, c->relation ? 1 : 0, f, c->relation ? 6 : 4);
	props_rows(o, model, c->id, &c->x);
	if (strstr(c->type, "Junction")) {
		const char *p[3] = { c->id, "Junction_Type",
		    !strcmp(c->type, "OrJunction") ? "Or" : "And" };

		put_row(o, 2, p, 3);
	}
	if (!strcmp(c->type, "Access")) {
		/* the exchange format's default is Access, Archi's Write */
		const char *p[3] = { c->id, "Access_Type", "Access" };

		for (i = 0; i < c->x.nattrs; i++)
			if (!c->x.attrs[i].ns &&
			    !strcmp(c->x.attrs[i].name, "accessType"))
				p[2] = c->x.attrs[i].value;
		put_row(o, 2, p, 3);
	}
	for (i = 0; i < c->x.nattrs; i++) {
		const struct am_attr *at = &c->x.attrs[i];
		const char *p[3] = { c->id, NULL, at->value };

		if (at->ns)
			continue;
		if (!strcmp(at->name, "modifier"))
			p[1] = "Influence_Strength";
		else if (!strcmp(at->name, "isDirected"))
			p[1] = "Directed";
		else
			continue;
		put_row(o, 2, p, 3);
	}
}

static int
kept_rows(void *ctx, const char *model, const struct am_concept *in)
{
	struct csv_out *o = ctx;
	struct am_concept c = *in;
	struct arena *a = arena_new();

	am_live(&o->n, a, &c);
	concept_rows(o, model, &c);
	arena_free(a);
	return o->err ? KK_EIO : KK_OK;
}

int
archi_csv_export(struct store *st, const char *dir, char **errmsg)
{
	static const char *const names[3] = { "elements.csv", "relations.csv",
	    "properties.csv" };
	struct csv_out o;
	struct store_am_model *models;
	struct am_propdef *pds;
	const char **pmodels;
	size_t nmodels, npds, i;
	bool single;
	int rc, k;

	*errmsg = NULL;
	memset(&o, 0, sizeof(o));
	o.a = arena_new();
	o.st = st;
	if ((rc = am_native_build(st, o.a, &o.n)) ||
	    (rc = store_am_list_models(st, o.a, &models, &nmodels)) ||
	    (rc = store_am_list_propdefs(st, o.a, &pds, &pmodels, &npds))) {
		*errmsg = xstrdup(store_errmsg(st));
		arena_free(o.a);
		return rc;
	}
	o.pd_keys = arena_calloc(o.a, npds + 1, sizeof(char *));
	o.pd_names = arena_calloc(o.a, npds + 1, sizeof(char *));
	for (i = 0; i < npds; i++) {
		char *key = xasprintf("%s\t%s", pmodels[i], pds[i].id);

		o.pd_keys[i] = arena_strdup(o.a, key);
		o.pd_names[i] = am_text_pick(&pds[i].names, NULL);
		free(key);
	}
	o.npd = npds;
	for (k = 0; k < 3; k++) {
		char *path = xasprintf("%s/%s", dir, names[k]);

		rc = outfile_open(&o.file[k], path, errmsg);
		free(path);
		if (rc)
			goto out;
		o.fp[k] = o.file[k].fp;
	}
	put_row(&o, 0, elements_header, 4);
	put_row(&o, 1, relations_header, 6);
	put_row(&o, 2, properties_header, 3);

	single = nmodels == 1 && o.n.nconcepts == 0;
	{
		const char *f[4] = { single ? models[0].id : "kk-model",
		    "ArchimateModel", single ?
		    am_text_pick(&models[0].head.names, NULL) :
		    o.n.org_name ? o.n.org_name : "konkordat",
		    single ? am_text_pick(&models[0].head.docs, NULL) : NULL };

		put_row(&o, 0, f, 4);
		for (i = 0; i < nmodels; i++)
			props_rows(&o, models[i].id, f[0], &models[i].head.x);
	}
	for (i = 0; i < o.n.nconcepts; i++)
		if (!o.n.concepts[i].relation &&
		    !store_am_has(st, o.n.concepts[i].id))
			concept_rows(&o, NULL, &o.n.concepts[i]);
	rc = store_am_each_concept(st, false, kept_rows, &o);
	for (i = 0; !rc && i < o.n.nconcepts; i++)
		if (o.n.concepts[i].relation &&
		    !store_am_has(st, o.n.concepts[i].id))
			concept_rows(&o, NULL, &o.n.concepts[i]);
	if (!rc)
		rc = store_am_each_concept(st, true, kept_rows, &o);
out:
	/* a write that failed is said at its file, and is the user's to
	   fix (KK_EINPUT): a full disk, a size limit */
	for (k = 0; k < 3 && o.err; k++)
		if (ferror(o.fp[k])) {
			free(*errmsg);
			*errmsg = xasprintf(_("cannot write '%s': %s"),
			    o.file[k].path, strerror(errno));
			rc = KK_EINPUT;
			break;
		}
	for (k = 0; k < 3 && !rc; k++)
		rc = outfile_commit(&o.file[k], errmsg);
	if (!rc && o.err)
		rc = KK_EIO;
	for (k = 0; k < 3; k++)
		outfile_abort(&o.file[k]);
	if (!rc && o.dropped)
		warning("control characters left out of the export, as XML "
		    "cannot hold them: %zu", o.dropped);
	if (rc && !*errmsg)
		*errmsg = xstrdup(o.err ? _("cannot write the files") :
		    store_errmsg(st));
	arena_free(o.a);
	return rc;
}
