/* fmt-json.c: the model as JSON, for the CLI's --json and the audit log. */
#include "konkordat.h"

#include <stdlib.h>

/*
 * Each json_X() returns a new reference that the caller releases with
 * json_decref(). Keys are the file format's keys, so that a user who knows
 * the YAML knows the JSON. Absent optional values are left out.
 */

static void
set_str(json_t *o, const char *key, const char *s)
{
	if (s)
		json_object_set_new(o, key, json_string(s));
}

static json_t *
ids_array(const struct kk_ids *ids)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < ids->n; i++)
		json_array_append_new(a, json_string(ids->v[i]));
	return a;
}

json_t *
json_party(const struct kk_party *p)
{
	json_t *o = json_object();

	set_str(o, "id", p->id);
	set_str(o, "name", p->name);
	set_str(o, "kind", kk_party_kind_names[p->kind]);
	if (p->bfs)
		json_object_set_new(o, "bfs", json_integer(p->bfs));
	if (p->population >= 0) {
		json_object_set_new(o, "population",
		    json_integer(p->population));
		json_object_set_new(o, "population_year",
		    json_integer(p->population_year));
	}
	if (p->members.n)
		json_object_set_new(o, "members", ids_array(&p->members));
	return o;
}

json_t *
json_item(const struct kk_item *it)
{
	json_t *o = json_object();

	set_str(o, "id", it->id);
	set_str(o, "kind", kk_item_kind_names[it->kind]);
	set_str(o, "field", it->parent);
	set_str(o, "title", it->title);
	set_str(o, "text", it->text);
	if (it->tags.n)
		json_object_set_new(o, "tags", ids_array(&it->tags));
	if (it->goals.n)
		json_object_set_new(o, "goals", ids_array(&it->goals));
	return o;
}

json_t *
json_strategy(const struct kk_strategy *s, bool with_items)
{
	json_t *o = json_object();

	set_str(o, "id", s->id);
	set_str(o, "party", s->party);
	set_str(o, "title", s->title);
	json_object_set_new(o, "period", json_pack("{s:i, s:i}", "start",
	    s->start, "end", s->end));
	json_object_set_new(o, "version", json_integer(s->version));
	set_str(o, "status", s->adopted ? "adopted" : "draft");
	set_str(o, "language", s->lang);
	set_str(o, "vision", s->vision);
	if (with_items) {
		json_t *a = json_array();
		size_t i;

		for (i = 0; i < s->nitems; i++)
			json_array_append_new(a, json_item(&s->items[i]));
		json_object_set_new(o, "items", a);
	}
	return o;
}

json_t *
json_body(const struct kk_body *b)
{
	json_t *o = json_object();

	set_str(o, "id", b->id);
	set_str(o, "name", b->name);
	set_str(o, "kind", kk_body_kind_names[b->kind]);
	json_object_set_new(o, "members", ids_array(&b->members));
	set_str(o, "text", b->text);
	return o;
}

json_t *
json_milestone(const struct kk_milestone *m)
{
	json_t *o = json_object();

	set_str(o, "id", m->id);
	set_str(o, "title", m->title);
	set_str(o, "date", m->date);
	json_object_set_new(o, "done", json_boolean(m->done));
	set_str(o, "text", m->text);
	return o;
}

json_t *
json_agreement(const struct kk_agreement *a)
{
	json_t *o = json_object();

	set_str(o, "id", a->id);
	set_str(o, "title", a->title);
	set_str(o, "kind", kk_agreement_kind_names[a->kind]);
	json_object_set_new(o, "parties", ids_array(&a->parties));
	set_str(o, "valid_from", a->valid_from);
	set_str(o, "valid_to", a->valid_to);
	set_str(o, "text", a->text);
	return o;
}

/*
 * One line of JSON with sorted keys: equal values give equal strings, which
 * is how an import tells a changed row from an unchanged one. The caller
 * frees the result.
 */
char *
json_canonical(const json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);

	if (!s)
		die("cannot encode JSON");
	return s;
}

/* Print J, indented, to FP and release it. */
int
json_print(json_t *j, FILE *fp)
{
	int rc = json_dumpf(j, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	fputc('\n', fp);
	json_decref(j);
	return rc ? KK_EIO : KK_OK;
}
