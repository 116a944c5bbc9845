/* store-portfolio.c: the organisation's period, cost keys, projects, components and decisions (store.h). */
#include "store-impl.h"

#include <stdlib.h>
#include <string.h>

/*
 * Each project, key, component and decision is one row plus the rows that
 * hang off it (budget lines, key parts, ...). A change is seen on the JSON
 * of the whole (fmt-json.c), audited once, and written as the row plus its
 * children rewritten.
 */

static json_t *
project_to_json(const void *row)
{
	return json_project(row);
}

static json_t *
key_to_json(const void *row)
{
	return json_cost_key(row);
}

static json_t *
component_to_json(const void *row)
{
	return json_component(row);
}

static json_t *
decision_to_json(const void *row)
{
	return json_decision(row);
}

static const char *
project_id(const void *row)
{
	return ((const struct kk_project *)row)->id;
}

static const char *
key_id(const void *row)
{
	return ((const struct kk_cost_key *)row)->id;
}

static const char *
component_id(const void *row)
{
	return ((const struct kk_component *)row)->id;
}

static const char *
decision_id(const void *row)
{
	return ((const struct kk_decision *)row)->id;
}

static void
bind_ids(struct db_stmt *stmt, int i, const struct kk_ids *ids)
{
	char *s = sq_ids_json(ids);

	sq_bind_text(stmt, i, s);
	free(s);
}

static void
bind_project(struct db_stmt *stmt, const void *row)
{
	const struct kk_project *p = row;

	sq_bind_text(stmt, 3, p->title);
	sq_bind_text(stmt, 4, p->text);
	sq_bind_text(stmt, 5, p->lead);
	bind_ids(stmt, 6, &p->parties);
	bind_ids(stmt, 7, &p->serves);
	sq_bind_text(stmt, 8, p->start);
	sq_bind_text(stmt, 9, p->end);
	sq_bind_text(stmt, 10, kk_project_status_names[p->status]);
	sq_bind_text(stmt, 11, kk_light_names[p->light]);
	sq_bind_text(stmt, 12, p->cost_key);
}

static void
bind_key(struct db_stmt *stmt, const void *row)
{
	const struct kk_cost_key *k = row;

	sq_bind_text(stmt, 3, k->title);
	sq_bind_text(stmt, 4, kk_key_method_names[k->method]);
	sq_bind_text(stmt, 5, k->unit);
	sq_bind_text(stmt, 6, k->of);
	if (k->parties.n)
		bind_ids(stmt, 7, &k->parties);
	else
		db_bind_null(stmt, 7);
	sq_bind_long(stmt, 8, k->year, k->year != 0);
}

static void
bind_component(struct db_stmt *stmt, const void *row)
{
	const struct kk_component *c = row;
	int i;

	sq_bind_text(stmt, 3, c->title);
	sq_bind_text(stmt, 4, kk_component_kind_names[c->kind]);
	sq_bind_text(stmt, 5, c->function);
	sq_bind_text(stmt, 6, c->owner);
	sq_bind_text(stmt, 7, c->operator_);
	bind_ids(stmt, 8, &c->users);
	sq_bind_long(stmt, 9, (long)c->cost, c->cost >= 0);
	for (i = 0; i < KK_PHASE_COUNT; i++)
		sq_bind_text(stmt, 10 + i, c->phases[i]);
	bind_ids(stmt, 14, &c->depends_on);
	sq_bind_text(stmt, 15, c->text);
}

static void
bind_decision(struct db_stmt *stmt, const void *row)
{
	const struct kk_decision *d = row;

	sq_bind_text(stmt, 3, d->date);
	sq_bind_text(stmt, 4, d->body);
	sq_bind_text(stmt, 5, d->subject);
	sq_bind_text(stmt, 6, d->outcome);
	bind_ids(stmt, 7, &d->links);
}

static int
delete_children(struct store *st, const char *table, const char *column,
    const char *org, const char *id)
{
	char *sql = xasprintf("DELETE FROM %s WHERE org_id = ? AND %s = ?",
	    table, column);
	struct db_stmt *stmt = sq_prep(st, sql);

	free(sql);
	sq_bind_text(stmt, 1, org);
	sq_bind_text(stmt, 2, id);
	return sq_run(st, stmt, "removing rows");
}

static int
project_children(struct store *st, const char *org, const void *row)
{
	const struct kk_project *p = row;
	static const char *const tables[] = { "project_status", "budget_line",
	    "project_milestone", "dependency" };
	struct db_stmt *stmt;
	size_t i;
	int rc = KK_OK;

	for (i = 0; i < KK_ARRAY_SIZE(tables) && !rc; i++)
		rc = delete_children(st, tables[i], "project_id", org, p->id);
	for (i = 0; i < p->nhistory && !rc; i++) {
		const struct kk_status_entry *h = &p->history[i];

		stmt = sq_prep(st, "INSERT INTO project_status (org_id, "
		    "project_id, position, date, status, light, note) VALUES "
		    "(?, ?, ?, ?, ?, ?, ?)");
		sq_bind_text(stmt, 1, org);
		sq_bind_text(stmt, 2, p->id);
		sq_bind_int64(stmt, 3, (int64_t)i);
		sq_bind_text(stmt, 4, h->date);
		sq_bind_text(stmt, 5, kk_project_status_names[h->status]);
		sq_bind_text(stmt, 6, kk_light_names[h->light]);
		sq_bind_text(stmt, 7, h->note);
		rc = sq_run(st, stmt, "writing a status");
	}
	for (i = 0; i < p->nbudget && !rc; i++) {
		const struct kk_budget_line *b = &p->budget[i];

		stmt = sq_prep(st, "INSERT INTO budget_line (org_id, project_id, "
		    "year, kind, amount, position) VALUES (?, ?, ?, ?, ?, ?)");
		sq_bind_text(stmt, 1, org);
		sq_bind_text(stmt, 2, p->id);
		sq_bind_int64(stmt, 3, b->year);
		sq_bind_text(stmt, 4, kk_budget_kind_names[b->kind]);
		sq_bind_int64(stmt, 5, b->amount);
		sq_bind_int64(stmt, 6, (int64_t)i);
		rc = sq_run(st, stmt, "writing a budget line");
	}
	for (i = 0; i < p->nmilestones && !rc; i++) {
		const struct kk_milestone *m = &p->milestones[i];

		stmt = sq_prep(st, "INSERT INTO project_milestone (org_id, "
		    "project_id, id, title, due, done, body, position) VALUES "
		    "(?, ?, ?, ?, ?, ?, ?, ?)");
		sq_bind_text(stmt, 1, org);
		sq_bind_text(stmt, 2, p->id);
		sq_bind_text(stmt, 3, m->id);
		sq_bind_text(stmt, 4, m->title);
		sq_bind_text(stmt, 5, m->date);
		sq_bind_int64(stmt, 6, m->done);
		sq_bind_text(stmt, 7, m->text);
		sq_bind_int64(stmt, 8, (int64_t)i);
		rc = sq_run(st, stmt, "writing a milestone");
	}
	for (i = 0; i < p->ndeps && !rc; i++) {
		stmt = sq_prep(st, "INSERT INTO dependency (org_id, project_id, "
		    "depends_on, lag_days, position) VALUES (?, ?, ?, ?, ?)");
		sq_bind_text(stmt, 1, org);
		sq_bind_text(stmt, 2, p->id);
		sq_bind_text(stmt, 3, p->deps[i].project);
		sq_bind_int64(stmt, 4, p->deps[i].lag);
		sq_bind_int64(stmt, 5, (int64_t)i);
		rc = sq_run(st, stmt, "writing a dependency");
	}
	return rc;
}

static int
key_children(struct store *st, const char *org, const void *row)
{
	const struct kk_cost_key *k = row;
	size_t i;
	int rc = delete_children(st, "cost_key_part", "key_id", org, k->id);

	for (i = 0; i < k->nparts && !rc; i++) {
		struct db_stmt *stmt = sq_prep(st, "INSERT INTO cost_key_part "
		    "(org_id, key_id, position, party_id, sub_key, weight) "
		    "VALUES (?, ?, ?, ?, ?, ?)");

		sq_bind_text(stmt, 1, org);
		sq_bind_text(stmt, 2, k->id);
		sq_bind_int64(stmt, 3, (int64_t)i);
		sq_bind_text(stmt, 4, k->parts[i].party);
		sq_bind_text(stmt, 5, k->parts[i].key);
		sq_bind_int64(stmt, 6, k->parts[i].weight);
		rc = sq_run(st, stmt, "writing a cost key");
	}
	return rc;
}

static struct sq_rows
key_rows(const struct kk_org *o)
{
	struct sq_rows r = { "cost_key", o->nkeys, o->keys,
	    sizeof(struct kk_cost_key), key_to_json, key_id, bind_key,
	    "UPDATE cost_key SET title = ?3, method = ?4, unit = ?5, "
	    "of_party = ?6, parties = ?7, year = ?8, position = ?20, "
	    "version = version + 1 WHERE org_id = ?1 AND id = ?2",
	    "INSERT INTO cost_key (org_id, id, title, method, unit, of_party, "
	    "parties, year, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
	    "?20)", key_children,
	    offsetof(struct kk_cost_key, row_version) };

	return r;
}

static struct sq_rows
project_rows(const struct kk_org *o)
{
	struct sq_rows r = { "project", o->nprojects, o->projects,
	    sizeof(struct kk_project), project_to_json, project_id,
	    bind_project,
	    "UPDATE project SET title = ?3, body = ?4, lead = ?5, "
	    "parties = ?6, serves = ?7, start_date = ?8, end_date = ?9, "
	    "status = ?10, light = ?11, cost_key = ?12, position = ?20, "
	    "version = version + 1 WHERE org_id = ?1 AND id = ?2",
	    "INSERT INTO project (org_id, id, title, body, lead, parties, "
	    "serves, start_date, end_date, status, light, cost_key, position) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?20)",
	    project_children,
	    offsetof(struct kk_project, row_version) };

	return r;
}

static struct sq_rows
component_rows(const struct kk_org *o)
{
	struct sq_rows r = { "component", o->ncomponents, o->components,
	    sizeof(struct kk_component), component_to_json, component_id,
	    bind_component,
	    "UPDATE component SET title = ?3, kind = ?4, function = ?5, "
	    "owner = ?6, operator = ?7, users = ?8, cost = ?9, plan_date = ?10, "
	    "build_date = ?11, run_date = ?12, retire_date = ?13, "
	    "depends_on = ?14, body = ?15, position = ?20, "
	    "version = version + 1 WHERE org_id = ?1 AND id = ?2",
	    "INSERT INTO component (org_id, id, title, kind, function, owner, "
	    "operator, users, cost, plan_date, build_date, run_date, "
	    "retire_date, depends_on, body, position) VALUES (?1, ?2, ?3, ?4, "
	    "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?20)", NULL,
	    offsetof(struct kk_component, row_version) };

	return r;
}

static struct sq_rows
decision_rows(const struct kk_org *o)
{
	struct sq_rows r = { "decision", o->ndecisions, o->decisions,
	    sizeof(struct kk_decision), decision_to_json, decision_id,
	    bind_decision,
	    "UPDATE decision SET date = ?3, body_id = ?4, subject = ?5, "
	    "outcome = ?6, links = ?7, position = ?20, version = version + 1 "
	    "WHERE org_id = ?1 AND id = ?2",
	    "INSERT INTO decision (org_id, id, date, body_id, subject, "
	    "outcome, links, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
	    "?20)", NULL,
	    offsetof(struct kk_decision, row_version) };

	return r;
}

static int
sync_period(struct store *st, const struct kk_org *org)
{
	struct db_stmt *stmt = sq_prep(st, "SELECT period_start, period_end "
	    "FROM organisation WHERE id = ?");
	char *entity, *before = NULL, *after;
	bool have = false;
	int rc;

	sq_bind_text(stmt, 1, org->party.id);
	if (sq_step(st, stmt) == DB_ROW) {
		have = true;
		before = xasprintf("{\"end\":%d,\"start\":%d}",
		    db_column_int(stmt, 1), db_column_int(stmt, 0));
	}
	db_finalize(stmt);
	after = xasprintf("{\"end\":%d,\"start\":%d}", org->end, org->start);
	if ((before && !strcmp(before, after)) || (!have && !org->start)) {
		free(before);
		free(after);
		return KK_OK;
	}
	stmt = sq_prep(st, have ? "UPDATE organisation SET period_start = ?2, "
	    "period_end = ?3, version = version + 1 WHERE id = ?1" :
	    "INSERT INTO organisation (id, period_start, period_end) "
	    "VALUES (?1, ?2, ?3)");
	sq_bind_text(stmt, 1, org->party.id);
	sq_bind_long(stmt, 2, org->start, org->start != 0);
	sq_bind_long(stmt, 3, org->end, org->end != 0);
	entity = xasprintf("period %s", org->party.id);
	rc = sq_run(st, stmt, "writing the period");
	if (!rc)
		rc = sq_audit(st, have ? STORE_CHANGED : STORE_ADDED, entity,
		    before, after);
	free(entity);
	free(before);
	free(after);
	return rc;
}

/*
 * Make the stored portfolio of ORG equal to ORG's: keys before the projects
 * that use them, and the projects before the decisions that link to them.
 */
int
sq_sync_portfolio(struct store *st, const struct kk_org *org)
{
	struct arena *a = arena_new();
	struct kk_org old;
	struct sq_rows o, n;
	int rc;

	memset(&old, 0, sizeof(old));
	old.party.id = org->party.id;
	sq_load_portfolio(st, a, &old);
	rc = sync_period(st, org);
	if (!rc) {
		o = key_rows(&old);
		n = key_rows(org);
		rc = sq_sync_rows(st, org->party.id, &o, &n);
	}
	if (!rc) {
		o = project_rows(&old);
		n = project_rows(org);
		rc = sq_sync_rows(st, org->party.id, &o, &n);
	}
	if (!rc) {
		o = component_rows(&old);
		n = component_rows(org);
		rc = sq_sync_rows(st, org->party.id, &o, &n);
	}
	if (!rc) {
		o = decision_rows(&old);
		n = decision_rows(org);
		rc = sq_sync_rows(st, org->party.id, &o, &n);
	}
	arena_free(a);
	return rc;
}

/* Loading. */

/* Grow *V (of *N elements of SIZE) by one, in arena A; the new one is 0. */
static void *
push(struct arena *a, void *v, size_t *n, size_t *cap, size_t size)
{
	if (*n == *cap) {
		void *w;

		*cap = *cap ? 2 * *cap : 8;
		w = arena_calloc(a, *cap, size);
		if (*n)
			memcpy(w, v, *n * size);
		v = w;
	}
	(*n)++;
	return v;
}


static struct db_stmt *
children_of(struct store *st, const char *sql, const char *org,
    const char *id)
{
	struct db_stmt *stmt = sq_prep(st, sql);

	sq_bind_text(stmt, 1, org);
	sq_bind_text(stmt, 2, id);
	return stmt;
}

static void
load_project_children(struct store *st, struct arena *a, const char *org,
    struct kk_project *p)
{
	struct db_stmt *stmt;
	size_t cap;

	stmt = children_of(st, "SELECT date, status, light, note FROM "
	    "project_status WHERE org_id = ? AND project_id = ? ORDER BY "
	    "position", org, p->id);
	for (cap = 0; sq_step(st, stmt) == DB_ROW;) {
		struct kk_status_entry *h;

		p->history = push(a, p->history, &p->nhistory, &cap,
		    sizeof(*h));
		h = &p->history[p->nhistory - 1];
		h->date = sq_col_text(a, stmt, 0);
		h->status = (enum kk_project_status)sq_enum(st, stmt, 1,
		    kk_project_status_names, KK_PROJECT_STATUS_COUNT,
		    "project_status.status");
		h->light = (enum kk_light)sq_enum(st, stmt, 2, kk_light_names,
		    KK_LIGHT_COUNT, "project_status.light");
		h->note = sq_col_text(a, stmt, 3);
	}
	db_finalize(stmt);

	stmt = children_of(st, "SELECT year, kind, amount FROM budget_line "
	    "WHERE org_id = ? AND project_id = ? ORDER BY position", org,
	    p->id);
	for (cap = 0; sq_step(st, stmt) == DB_ROW;) {
		struct kk_budget_line *b;

		p->budget = push(a, p->budget, &p->nbudget, &cap, sizeof(*b));
		b = &p->budget[p->nbudget - 1];
		b->year = db_column_int(stmt, 0);
		b->kind = (enum kk_budget_kind)sq_enum(st, stmt, 1,
		    kk_budget_kind_names, KK_BUDGET_KIND_COUNT,
		    "budget_line.kind");
		b->amount = db_column_int64(stmt, 2);
	}
	db_finalize(stmt);

	stmt = children_of(st, "SELECT id, title, due, done, body FROM "
	    "project_milestone WHERE org_id = ? AND project_id = ? ORDER BY "
	    "position", org, p->id);
	for (cap = 0; sq_step(st, stmt) == DB_ROW;) {
		struct kk_milestone *m;

		p->milestones = push(a, p->milestones, &p->nmilestones, &cap,
		    sizeof(*m));
		m = &p->milestones[p->nmilestones - 1];
		m->id = sq_col_id(st, a, stmt, 0, "project_milestone.id");
		m->title = sq_col_text(a, stmt, 1);
		m->date = sq_col_text(a, stmt, 2);
		m->done = db_column_int(stmt, 3) != 0;
		m->text = sq_col_text(a, stmt, 4);
	}
	db_finalize(stmt);

	stmt = children_of(st, "SELECT depends_on, lag_days FROM dependency "
	    "WHERE org_id = ? AND project_id = ? ORDER BY position", org,
	    p->id);
	for (cap = 0; sq_step(st, stmt) == DB_ROW;) {
		struct kk_dependency *d;

		p->deps = push(a, p->deps, &p->ndeps, &cap, sizeof(*d));
		d = &p->deps[p->ndeps - 1];
		d->project = sq_col_id(st, a, stmt, 0,
		    "dependency.depends_on");
		d->lag = db_column_int(stmt, 1);
	}
	db_finalize(stmt);
}

/* Fill the portfolio of O (whose party.id is set) from the store. */
void
sq_load_portfolio(struct store *st, struct arena *a, struct kk_org *o)
{
	const char *org = o->party.id;
	struct db_stmt *stmt;
	size_t cap, i;

	stmt = sq_prep(st, "SELECT period_start, period_end FROM organisation "
	    "WHERE id = ?");
	sq_bind_text(stmt, 1, org);
	if (sq_step(st, stmt) == DB_ROW) {
		o->start = db_column_int(stmt, 0);
		o->end = db_column_int(stmt, 1);
	}
	db_finalize(stmt);

	stmt = sq_prep(st, "SELECT id, title, method, unit, of_party, parties, "
	    "year, version FROM cost_key WHERE org_id = ? ORDER BY position");
	sq_bind_text(stmt, 1, org);
	for (cap = 0; sq_step(st, stmt) == DB_ROW;) {
		struct kk_cost_key *k;

		o->keys = push(a, o->keys, &o->nkeys, &cap, sizeof(*k));
		k = &o->keys[o->nkeys - 1];
		k->id = sq_col_id(st, a, stmt, 0, "cost_key.id");
		k->title = sq_col_text(a, stmt, 1);
		k->method = (enum kk_key_method)sq_enum(st, stmt, 2,
		    kk_key_method_names, KK_KEY_METHOD_COUNT,
		    "cost_key.method");
		k->unit = sq_col_text(a, stmt, 3);
		k->of = sq_col_text(a, stmt, 4);
		k->parties = sq_ids_parse(st, a, db_column_text(stmt, 5), "cost_key.parties");
		k->year = db_column_int(stmt, 6);
		k->row_version = db_column_int(stmt, 7);
	}
	db_finalize(stmt);
	for (i = 0; i < o->nkeys; i++) {
		struct kk_cost_key *k = &o->keys[i];

		stmt = children_of(st, "SELECT party_id, sub_key, weight FROM "
		    "cost_key_part WHERE org_id = ? AND key_id = ? ORDER BY "
		    "position", org, k->id);
		for (cap = 0; sq_step(st, stmt) == DB_ROW;) {
			struct kk_key_part *pt;

			k->parts = push(a, k->parts, &k->nparts, &cap,
			    sizeof(*pt));
			pt = &k->parts[k->nparts - 1];
			pt->party = sq_col_text(a, stmt, 0);
			pt->key = sq_col_text(a, stmt, 1);
			pt->weight = db_column_int64(stmt, 2);
		}
		db_finalize(stmt);
	}

	stmt = sq_prep(st, "SELECT id, title, body, lead, parties, serves, "
	    "start_date, end_date, status, light, cost_key, version FROM "
	    "project "
	    "WHERE org_id = ? ORDER BY position");
	sq_bind_text(stmt, 1, org);
	for (cap = 0; sq_step(st, stmt) == DB_ROW;) {
		struct kk_project *p;

		o->projects = push(a, o->projects, &o->nprojects, &cap,
		    sizeof(*p));
		p = &o->projects[o->nprojects - 1];
		p->id = sq_col_id(st, a, stmt, 0, "project.id");
		p->title = sq_col_text(a, stmt, 1);
		p->text = sq_col_text(a, stmt, 2);
		p->lead = sq_col_text(a, stmt, 3);
		p->parties = sq_ids_parse(st, a, db_column_text(stmt, 4), "project.parties");
		p->serves = sq_ids_parse(st, a, db_column_text(stmt, 5), "project.serves");
		p->start = sq_col_text(a, stmt, 6);
		p->end = sq_col_text(a, stmt, 7);
		p->status = (enum kk_project_status)sq_enum(st, stmt, 8,
		    kk_project_status_names, KK_PROJECT_STATUS_COUNT,
		    "project.status");
		p->light = (enum kk_light)sq_enum(st, stmt, 9, kk_light_names,
		    KK_LIGHT_COUNT, "project.light");
		p->cost_key = sq_col_text(a, stmt, 10);
		p->row_version = db_column_int(stmt, 11);
	}
	db_finalize(stmt);
	for (i = 0; i < o->nprojects; i++)
		load_project_children(st, a, org, &o->projects[i]);

	stmt = sq_prep(st, "SELECT id, title, kind, function, owner, operator, "
	    "users, cost, plan_date, build_date, run_date, retire_date, "
	    "depends_on, body, version FROM component WHERE org_id = ? ORDER BY "
	    "position");
	sq_bind_text(stmt, 1, org);
	for (cap = 0; sq_step(st, stmt) == DB_ROW;) {
		struct kk_component *c;
		int ph;

		o->components = push(a, o->components, &o->ncomponents, &cap,
		    sizeof(*c));
		c = &o->components[o->ncomponents - 1];
		c->id = sq_col_id(st, a, stmt, 0, "component.id");
		c->title = sq_col_text(a, stmt, 1);
		c->kind = (enum kk_component_kind)sq_enum(st, stmt, 2,
		    kk_component_kind_names, KK_COMPONENT_KIND_COUNT,
		    "component.kind");
		c->function = sq_col_text(a, stmt, 3);
		c->owner = sq_col_text(a, stmt, 4);
		c->operator_ = sq_col_text(a, stmt, 5);
		c->users = sq_ids_parse(st, a, db_column_text(stmt, 6), "component.users");
		c->cost = db_column_null(stmt, 7) ? -1 :
		    db_column_int64(stmt, 7);
		for (ph = 0; ph < KK_PHASE_COUNT; ph++)
			c->phases[ph] = sq_col_text(a, stmt, 8 + ph);
		c->depends_on = sq_ids_parse(st, a, db_column_text(stmt, 12),
		    "component.depends_on");
		c->text = sq_col_text(a, stmt, 13);
		c->row_version = db_column_int(stmt, 14);
	}
	db_finalize(stmt);

	stmt = sq_prep(st, "SELECT id, date, body_id, subject, outcome, links, "
	    "version FROM decision WHERE org_id = ? ORDER BY position");
	sq_bind_text(stmt, 1, org);
	for (cap = 0; sq_step(st, stmt) == DB_ROW;) {
		struct kk_decision *d;

		o->decisions = push(a, o->decisions, &o->ndecisions, &cap,
		    sizeof(*d));
		d = &o->decisions[o->ndecisions - 1];
		d->id = sq_col_id(st, a, stmt, 0, "decision.id");
		d->date = sq_col_text(a, stmt, 1);
		d->body = sq_col_text(a, stmt, 2);
		d->subject = sq_col_text(a, stmt, 3);
		d->outcome = sq_col_text(a, stmt, 4);
		d->links = sq_ids_parse(st, a, db_column_text(stmt, 5), "decision.links");
		d->row_version = db_column_int(stmt, 6);
	}
	db_finalize(stmt);
}
