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

static void
set_rappen(json_t *o, const char *key, kk_rappen r)
{
	json_object_set_new(o, key, json_integer((json_int_t)r));
}

/* Amounts are integer Rappen, in keys that say so: JSON numbers are often
   read as floating point. */
json_t *
json_project(const struct kk_project *p)
{
	json_t *o = json_object(), *a;
	size_t i;

	set_str(o, "id", p->id);
	set_str(o, "title", p->title);
	set_str(o, "text", p->text);
	set_str(o, "lead", p->lead);
	json_object_set_new(o, "parties", ids_array(&p->parties));
	json_object_set_new(o, "serves", ids_array(&p->serves));
	set_str(o, "start", p->start);
	set_str(o, "end", p->end);
	set_str(o, "status", kk_project_status_names[p->status]);
	set_str(o, "light", kk_light_names[p->light]);
	set_str(o, "cost_key", p->cost_key);
	a = json_array();
	for (i = 0; i < p->nhistory; i++) {
		const struct kk_status_entry *h = &p->history[i];
		json_t *x = json_pack("{s:s, s:s, s:s}", "date", h->date,
		    "status", kk_project_status_names[h->status], "light",
		    kk_light_names[h->light]);

		set_str(x, "note", h->note);
		json_array_append_new(a, x);
	}
	json_object_set_new(o, "history", a);
	a = json_array();
	for (i = 0; i < p->nbudget; i++) {
		json_t *x = json_pack("{s:i, s:s}", "year", p->budget[i].year,
		    "kind", kk_budget_kind_names[p->budget[i].kind]);

		set_rappen(x, "amount_rappen", p->budget[i].amount);
		json_array_append_new(a, x);
	}
	json_object_set_new(o, "budget", a);
	a = json_array();
	for (i = 0; i < p->nmilestones; i++)
		json_array_append_new(a, json_milestone(&p->milestones[i]));
	json_object_set_new(o, "milestones", a);
	a = json_array();
	for (i = 0; i < p->ndeps; i++)
		json_array_append_new(a, json_pack("{s:s, s:i}", "project",
		    p->deps[i].project, "lag", p->deps[i].lag));
	json_object_set_new(o, "depends_on", a);
	return o;
}

json_t *
json_cost_key(const struct kk_cost_key *k)
{
	json_t *o = json_object(), *a;
	size_t i;

	set_str(o, "id", k->id);
	set_str(o, "title", k->title);
	set_str(o, "method", kk_key_method_names[k->method]);
	set_str(o, "unit", k->unit);
	set_str(o, "of", k->of);
	if (k->parties.n)
		json_object_set_new(o, "parties", ids_array(&k->parties));
	if (k->year)
		json_object_set_new(o, "year", json_integer(k->year));
	if (k->nparts) {
		a = json_array();
		for (i = 0; i < k->nparts; i++) {
			const struct kk_key_part *pt = &k->parts[i];
			json_t *x = json_object();

			set_str(x, "party", pt->party);
			set_str(x, "key", pt->key);
			json_object_set_new(x, k->method == KK_KEY_USAGE ?
			    "units" : "basis_points",
			    json_integer((json_int_t)pt->weight));
			json_array_append_new(a, x);
		}
		json_object_set_new(o, "parts", a);
	}
	return o;
}

json_t *
json_component(const struct kk_component *c)
{
	json_t *o = json_object(), *life = json_object();
	size_t i;

	set_str(o, "id", c->id);
	set_str(o, "title", c->title);
	set_str(o, "kind", kk_component_kind_names[c->kind]);
	set_str(o, "function", c->function);
	set_str(o, "owner", c->owner);
	set_str(o, "operator", c->operator_);
	json_object_set_new(o, "users", ids_array(&c->users));
	if (c->cost >= 0)
		set_rappen(o, "cost_rappen", c->cost);
	for (i = 0; i < KK_PHASE_COUNT; i++)
		set_str(life, kk_phase_names[i], c->phases[i]);
	json_object_set_new(o, "lifecycle", life);
	json_object_set_new(o, "depends_on", ids_array(&c->depends_on));
	set_str(o, "text", c->text);
	return o;
}

json_t *
json_decision(const struct kk_decision *d)
{
	json_t *o = json_object();

	set_str(o, "id", d->id);
	set_str(o, "date", d->date);
	set_str(o, "body", d->body);
	set_str(o, "subject", d->subject);
	set_str(o, "outcome", d->outcome);
	json_object_set_new(o, "links", ids_array(&d->links));
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
