/* store-common.c: the common strategy, its common items, mappings and alignment runs (store.h). */
#include "store-impl.h"

#include <stdlib.h>
#include <string.h>

/*
 * Each row is seen as JSON, which is what the audit log keeps and what
 * tells a change: a put reads the stored row, compares the two JSON texts
 * and writes (raising the version) only when they differ. The version
 * itself is left out of the JSON so that it does not count as a change.
 */

static json_t *
jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static char *
common_json(const struct store_common *c)
{
	json_t *j = json_object();
	char *s;

	json_object_set_new(j, "id", json_string(c->id));
	json_object_set_new(j, "org", json_string(c->org));
	json_object_set_new(j, "number", json_integer(c->number));
	json_object_set_new(j, "title", json_string(c->title));
	json_object_set_new(j, "start", c->start ? json_integer(c->start) :
	    json_null());
	json_object_set_new(j, "end", c->end ? json_integer(c->end) :
	    json_null());
	json_object_set_new(j, "status", json_string(c->adopted ? "adopted" :
	    "draft"));
	json_object_set_new(j, "adopted_at", jstr(c->adopted_at));
	json_object_set_new(j, "adopted_by", jstr(c->adopted_by));
	json_object_set_new(j, "based_on", jstr(c->based_on));
	s = json_canonical(j);
	json_decref(j);
	return s;
}

static char *
citem_json(const struct store_citem *ci)
{
	json_t *j = json_object();
	char *s;

	json_object_set_new(j, "id", json_string(ci->id));
	json_object_set_new(j, "kind", json_string(kk_item_kind_names[ci->kind]));
	json_object_set_new(j, "parent", jstr(ci->parent));
	json_object_set_new(j, "label", jstr(ci->label));
	json_object_set_new(j, "proposed_label",
	    json_string(ci->proposed_label));
	json_object_set_new(j, "position", json_integer(ci->position));
	s = json_canonical(j);
	json_decref(j);
	return s;
}

static char *
mapping_json(const struct store_mapping *m)
{
	json_t *j = json_object();
	char *s, *item = xasprintf("%s/%s", m->strategy, m->item);

	json_object_set_new(j, "item", json_string(item));
	free(item);
	json_object_set_new(j, "common_item", json_string(m->citem));
	json_object_set_new(j, "relation", json_string(m->relation));
	/* three digits: what people see, and stable across platforms */
	json_object_set_new(j, "score", m->score >= 0 ?
	    json_real((double)(long)(m->score * 1000 + 0.5) / 1000) :
	    json_null());
	json_object_set_new(j, "explanation", m->explanation ?
	    json_loads(m->explanation, 0, NULL) : json_null());
	json_object_set_new(j, "decision", json_string(m->decision));
	json_object_set_new(j, "decided_by", jstr(m->decided_by));
	json_object_set_new(j, "decided_at", jstr(m->decided_at));
	s = json_canonical(j);
	json_decref(j);
	return s;
}

/* common_strategy.status */
static const char *const statuses[] = { "draft", "adopted" };

static const char common_cols[] = "id, org_id, number, title, period_start, "
    "period_end, status, adopted_at, adopted_by, based_on, version";

int
store_common_current(struct store *st, struct arena *a, const char *org,
    struct store_common *out)
{
	char sql[256];
	struct db_stmt *stmt;
	int rc;

	snprintf(sql, sizeof(sql), "SELECT %s FROM common_strategy WHERE "
	    "org_id = ? ORDER BY number DESC LIMIT 1", common_cols);
	stmt = sq_prep(st, sql);
	sq_bind_text(stmt, 1, org);
	rc = sq_step(st, stmt);
	if (rc != DB_ROW) {
		db_finalize(stmt);
		return rc == DB_DONE ? KK_ENOTFOUND :
		    sq_fail(st, KK_EIO, "reading the common strategy");
	}
	memset(out, 0, sizeof(*out));
	out->id = sq_col_id(st, a, stmt, 0, "common_strategy.id");
	out->org = sq_col_id(st, a, stmt, 1, "common_strategy.org_id");
	out->number = db_column_int(stmt, 2);
	out->title = sq_col_text(a, stmt, 3);
	out->start = db_column_int(stmt, 4);
	out->end = db_column_int(stmt, 5);
	out->adopted = sq_enum(st, stmt, 6, statuses, KK_ARRAY_SIZE(statuses),
	    "common_strategy.status") == 1;
	out->adopted_at = sq_col_text(a, stmt, 7);
	out->adopted_by = sq_col_text(a, stmt, 8);
	out->based_on = sq_col_text(a, stmt, 9);
	out->version = db_column_int(stmt, 10);
	db_finalize(stmt);
	return sq_read_rc(st);
}

/* The stored JSON of row KEY of TABLE through LOAD, or NULL if none. */
static char *
stored_json(struct store *st, const char *sql, const char *const *keys,
    size_t nkeys, int (*load)(struct store *st, struct db_stmt *stmt,
    struct arena *a, char **json))
{
	struct db_stmt *stmt = sq_prep(st, sql);
	struct arena *a;
	char *json = NULL;
	size_t i;

	for (i = 0; i < nkeys; i++)
		sq_bind_text(stmt, (int)i + 1, keys[i]);
	if (sq_step(st, stmt) == DB_ROW) {
		a = arena_new();
		load(st, stmt, a, &json);
		arena_free(a);
	}
	db_finalize(stmt);
	return json;
}

static int
load_common_json(struct store *st, struct db_stmt *stmt, struct arena *a,
    char **json)
{
	struct store_common c;

	memset(&c, 0, sizeof(c));
	c.id = sq_col_text(a, stmt, 0);
	c.org = sq_col_text(a, stmt, 1);
	c.number = db_column_int(stmt, 2);
	c.title = sq_col_text(a, stmt, 3);
	c.start = db_column_int(stmt, 4);
	c.end = db_column_int(stmt, 5);
	c.adopted = sq_enum(st, stmt, 6, statuses, KK_ARRAY_SIZE(statuses),
	    "common_strategy.status") == 1;
	c.adopted_at = sq_col_text(a, stmt, 7);
	c.adopted_by = sq_col_text(a, stmt, 8);
	c.based_on = sq_col_text(a, stmt, 9);
	*json = common_json(&c);
	return 0;
}

int
store_common_put(struct store *st, const struct store_common *c)
{
	char sql[256], *old, *new, *entity;
	const char *keys[] = { c->id };
	struct db_stmt *stmt;
	int rc = KK_OK;

	snprintf(sql, sizeof(sql), "SELECT %s FROM common_strategy WHERE "
	    "id = ?", common_cols);
	old = stored_json(st, sql, keys, 1, load_common_json);
	new = common_json(c);
	if (old && !strcmp(old, new))
		goto out;
	stmt = sq_prep(st, old ?
	    "UPDATE common_strategy SET org_id = ?2, number = ?3, title = ?4, "
	    "period_start = ?5, period_end = ?6, status = ?7, adopted_at = ?8, "
	    "adopted_by = ?9, based_on = ?10, version = version + 1 "
	    "WHERE id = ?1" :
	    "INSERT INTO common_strategy (id, org_id, number, title, "
	    "period_start, period_end, status, adopted_at, adopted_by, "
	    "based_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
	sq_bind_text(stmt, 1, c->id);
	sq_bind_text(stmt, 2, c->org);
	sq_bind_int64(stmt, 3, c->number);
	sq_bind_text(stmt, 4, c->title);
	sq_bind_long(stmt, 5, c->start, c->start != 0);
	sq_bind_long(stmt, 6, c->end, c->end != 0);
	sq_bind_text(stmt, 7, c->adopted ? "adopted" : "draft");
	sq_bind_text(stmt, 8, c->adopted_at);
	sq_bind_text(stmt, 9, c->adopted_by);
	sq_bind_text(stmt, 10, c->based_on);
	rc = sq_run(st, stmt, "writing the common strategy");
	if (!rc) {
		entity = xasprintf("common_strategy %s", c->id);
		rc = sq_audit(st, old ? STORE_CHANGED : STORE_ADDED, entity, old,
		    new);
		free(entity);
	}
out:
	free(old);
	free(new);
	return rc;
}

static const char citem_cols[] = "id, kind, parent_id, label, proposed_label, "
    "position, version";

static void
read_citem(struct store *st, struct arena *a, struct db_stmt *stmt,
    struct store_citem *ci)
{
	static const char *const kinds[] = { "field", "goal" };

	ci->id = sq_col_id(st, a, stmt, 0, "common_item.id");
	ci->kind = sq_enum(st, stmt, 1, kinds, KK_ARRAY_SIZE(kinds),
	    "common_item.kind") ? KK_GOAL : KK_FIELD;
	ci->parent = sq_col_text(a, stmt, 2);
	ci->label = sq_col_text(a, stmt, 3);
	ci->proposed_label = sq_col_text(a, stmt, 4);
	ci->position = db_column_int(stmt, 5);
	ci->version = db_column_int(stmt, 6);
}

static int
load_citem_json(struct store *st, struct db_stmt *stmt, struct arena *a,
    char **json)
{
	struct store_citem ci;

	read_citem(st, a, stmt, &ci);
	*json = citem_json(&ci);
	return 0;
}

int
store_common_items(struct store *st, struct arena *a, const char *common,
    struct store_citem **out, size_t *n)
{
	char sql[256];
	struct db_stmt *stmt;
	size_t cap = 16;
	int rc;

	snprintf(sql, sizeof(sql), "SELECT %s FROM common_item WHERE "
	    "common_id = ? ORDER BY position, id", citem_cols);
	stmt = sq_prep(st, sql);
	sq_bind_text(stmt, 1, common);
	*n = 0;
	*out = arena_calloc(a, cap, sizeof(**out));
	while ((rc = sq_step(st, stmt)) == DB_ROW) {
		if (*n == cap)
			*out = arena_grow(a, *out, &cap, sizeof(**out));
		read_citem(st, a, stmt, &(*out)[(*n)++]);
	}
	db_finalize(stmt);
	if (rc != DB_DONE)
		sq_fail(st, KK_EIO, "reading common items");
	return sq_read_rc(st);
}

int
store_common_put_item(struct store *st, const char *common,
    const struct store_citem *ci)
{
	char sql[256], *old, *new, *entity;
	const char *keys[] = { common, ci->id };
	struct db_stmt *stmt;
	int rc = KK_OK;

	snprintf(sql, sizeof(sql), "SELECT %s FROM common_item WHERE "
	    "common_id = ? AND id = ?", citem_cols);
	old = stored_json(st, sql, keys, 2, load_citem_json);
	new = citem_json(ci);
	if (old && !strcmp(old, new))
		goto out;
	stmt = sq_prep(st, old ?
	    "UPDATE common_item SET kind = ?3, parent_id = ?4, label = ?5, "
	    "proposed_label = ?6, position = ?7, version = version + 1 "
	    "WHERE common_id = ?1 AND id = ?2" :
	    "INSERT INTO common_item (common_id, id, kind, parent_id, label, "
	    "proposed_label, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	sq_bind_text(stmt, 1, common);
	sq_bind_text(stmt, 2, ci->id);
	sq_bind_text(stmt, 3, kk_item_kind_names[ci->kind]);
	sq_bind_text(stmt, 4, ci->parent);
	sq_bind_text(stmt, 5, ci->label);
	sq_bind_text(stmt, 6, ci->proposed_label);
	sq_bind_int64(stmt, 7, ci->position);
	rc = sq_run(st, stmt, "writing a common item");
	if (!rc) {
		entity = xasprintf("common_item %s/%s", common, ci->id);
		rc = sq_audit(st, old ? STORE_CHANGED : STORE_ADDED, entity, old,
		    new);
		free(entity);
	}
out:
	free(old);
	free(new);
	return rc;
}

static const char mapping_cols[] = "strategy_id, item_id, common_item_id, "
    "relation, score, explanation, decision, decided_by, decided_at, version";

static void
read_mapping(struct store *st, struct arena *a, struct db_stmt *stmt,
    struct store_mapping *m)
{
	m->strategy = sq_col_id(st, a, stmt, 0, "mapping.strategy_id");
	m->item = sq_col_id(st, a, stmt, 1, "mapping.item_id");
	m->citem = sq_col_id(st, a, stmt, 2, "mapping.common_item_id");
	m->relation = sq_col_id(st, a, stmt, 3, "mapping.relation");
	m->score = db_column_null(stmt, 4) ? -1 :
	    db_column_double(stmt, 4);
	m->explanation = sq_col_text(a, stmt, 5);
	m->decision = sq_col_id(st, a, stmt, 6, "mapping.decision");
	m->decided_by = sq_col_text(a, stmt, 7);
	m->decided_at = sq_col_text(a, stmt, 8);
	m->version = db_column_int(stmt, 9);
}

static int
load_mapping_json(struct store *st, struct db_stmt *stmt, struct arena *a,
    char **json)
{
	struct store_mapping m;

	read_mapping(st, a, stmt, &m);
	*json = mapping_json(&m);
	return 0;
}

int
store_common_mappings(struct store *st, struct arena *a, const char *common,
    struct store_mapping **out, size_t *n)
{
	char sql[256];
	struct db_stmt *stmt;
	size_t cap = 32;
	int rc;

	snprintf(sql, sizeof(sql), "SELECT %s FROM mapping WHERE common_id = ? "
	    "ORDER BY common_item_id, strategy_id, item_id", mapping_cols);
	stmt = sq_prep(st, sql);
	sq_bind_text(stmt, 1, common);
	*n = 0;
	*out = arena_calloc(a, cap, sizeof(**out));
	while ((rc = sq_step(st, stmt)) == DB_ROW) {
		if (*n == cap)
			*out = arena_grow(a, *out, &cap, sizeof(**out));
		read_mapping(st, a, stmt, &(*out)[(*n)++]);
	}
	db_finalize(stmt);
	if (rc != DB_DONE)
		sq_fail(st, KK_EIO, "reading mappings");
	return sq_read_rc(st);
}

static char *
mapping_entity(const char *common, const struct store_mapping *m)
{
	return xasprintf("mapping %s: %s/%s -> %s", common, m->strategy,
	    m->item, m->citem);
}

int
store_common_put_mapping(struct store *st, const char *common,
    const struct store_mapping *m)
{
	char sql[256], *old, *new, *entity;
	const char *keys[] = { common, m->strategy, m->item, m->citem };
	struct db_stmt *stmt;
	int rc = KK_OK;

	snprintf(sql, sizeof(sql), "SELECT %s FROM mapping WHERE common_id = ? "
	    "AND strategy_id = ? AND item_id = ? AND common_item_id = ?",
	    mapping_cols);
	old = stored_json(st, sql, keys, 4, load_mapping_json);
	new = mapping_json(m);
	if (old && !strcmp(old, new))
		goto out;
	stmt = sq_prep(st, old ?
	    "UPDATE mapping SET relation = ?5, score = ?6, explanation = ?7, "
	    "decision = ?8, decided_by = ?9, decided_at = ?10, "
	    "version = version + 1 WHERE common_id = ?1 AND strategy_id = ?2 "
	    "AND item_id = ?3 AND common_item_id = ?4" :
	    "INSERT INTO mapping (common_id, strategy_id, item_id, "
	    "common_item_id, relation, score, explanation, decision, "
	    "decided_by, decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
	    "?9, ?10)");
	sq_bind_text(stmt, 1, common);
	sq_bind_text(stmt, 2, m->strategy);
	sq_bind_text(stmt, 3, m->item);
	sq_bind_text(stmt, 4, m->citem);
	sq_bind_text(stmt, 5, m->relation);
	if (m->score >= 0)
		sq_bind_double(stmt, 6, m->score);
	else
		db_bind_null(stmt, 6);
	sq_bind_text(stmt, 7, m->explanation);
	sq_bind_text(stmt, 8, m->decision);
	sq_bind_text(stmt, 9, m->decided_by);
	sq_bind_text(stmt, 10, m->decided_at);
	rc = sq_run(st, stmt, "writing a mapping");
	if (!rc) {
		entity = mapping_entity(common, m);
		rc = sq_audit(st, old ? STORE_CHANGED : STORE_ADDED, entity, old,
		    new);
		free(entity);
	}
out:
	free(old);
	free(new);
	return rc;
}

int
store_common_del_mapping(struct store *st, const char *common,
    const struct store_mapping *m)
{
	char sql[256], *old, *entity;
	const char *keys[] = { common, m->strategy, m->item, m->citem };
	struct db_stmt *stmt;
	int rc;

	snprintf(sql, sizeof(sql), "SELECT %s FROM mapping WHERE common_id = ? "
	    "AND strategy_id = ? AND item_id = ? AND common_item_id = ?",
	    mapping_cols);
	old = stored_json(st, sql, keys, 4, load_mapping_json);
	if (!old)
		return KK_OK;
	stmt = sq_prep(st, "DELETE FROM mapping WHERE common_id = ? AND "
	    "strategy_id = ? AND item_id = ? AND common_item_id = ?");
	sq_bind_text(stmt, 1, common);
	sq_bind_text(stmt, 2, m->strategy);
	sq_bind_text(stmt, 3, m->item);
	sq_bind_text(stmt, 4, m->citem);
	rc = sq_run(st, stmt, "removing a mapping");
	if (!rc) {
		entity = mapping_entity(common, m);
		rc = sq_audit(st, STORE_REMOVED, entity, old, NULL);
		free(entity);
	}
	free(old);
	return rc;
}

int
store_common_del_item(struct store *st, const char *common, const char *id)
{
	struct arena *a = arena_new();
	struct store_mapping *maps;
	char sql[256], *old = NULL, *entity;
	const char *keys[] = { common, id };
	struct db_stmt *stmt;
	size_t i, n;
	int rc;

	/* the mappings first, so that each is audited (not a silent cascade) */
	rc = store_common_mappings(st, a, common, &maps, &n);
	for (i = 0; i < n && !rc; i++)
		if (!strcmp(maps[i].citem, id))
			rc = store_common_del_mapping(st, common, &maps[i]);
	if (rc)
		goto out;
	snprintf(sql, sizeof(sql), "SELECT %s FROM common_item WHERE "
	    "common_id = ? AND id = ?", citem_cols);
	old = stored_json(st, sql, keys, 2, load_citem_json);
	if (!old)
		goto out;
	stmt = sq_prep(st, "DELETE FROM common_item WHERE common_id = ? AND "
	    "id = ?");
	sq_bind_text(stmt, 1, common);
	sq_bind_text(stmt, 2, id);
	rc = sq_run(st, stmt, "removing a common item");
	if (!rc) {
		entity = xasprintf("common_item %s/%s", common, id);
		rc = sq_audit(st, STORE_REMOVED, entity, old, NULL);
		free(entity);
	}
out:
	free(old);
	arena_free(a);
	return rc;
}

int
store_common_add_run(struct store *st, const char *common,
    const struct store_align_run *r)
{
	struct db_stmt *stmt = sq_prep(st, "INSERT INTO alignment_run (common_id, "
	    "at, actor, settings, groups, items, proposed, kept) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq");
	char now[21], *entity, *after;
	int64_t seq;
	json_t *j;
	int rc;

	utc_now(now);
	sq_bind_text(stmt, 1, common);
	sq_bind_text(stmt, 2, now);
	sq_bind_text(stmt, 3, st->actor.name);
	sq_bind_text(stmt, 4, r->settings);
	sq_bind_int64(stmt, 5, r->groups);
	sq_bind_int64(stmt, 6, r->items);
	sq_bind_int64(stmt, 7, r->proposed);
	sq_bind_int64(stmt, 8, r->kept);
	rc = sq_step(st, stmt);
	seq = rc == DB_ROW ? db_column_int64(stmt, 0) : 0;
	db_finalize(stmt);
	if (rc != DB_ROW)
		return sq_fail(st, KK_EIO, N_("writing an alignment run"));
	j = json_pack("{s:s, s:I, s:I, s:I, s:I}", "common", common,
	    "groups", (json_int_t)r->groups, "items", (json_int_t)r->items,
	    "proposed", (json_int_t)r->proposed, "kept", (json_int_t)r->kept);
	json_object_set_new(j, "settings", json_loads(r->settings, 0, NULL));
	after = json_canonical(j);
	json_decref(j);
	entity = xasprintf("alignment_run %lld", (long long)seq);
	rc = sq_audit(st, STORE_ADDED, entity, NULL, after);
	free(entity);
	free(after);
	return rc;
}

long
store_common_nruns(struct store *st, const char *common)
{
	struct db_stmt *stmt = sq_prep(st, "SELECT count(*) FROM alignment_run "
	    "WHERE common_id = ?");
	long n = 0;

	sq_bind_text(stmt, 1, common);
	if (sq_step(st, stmt) == DB_ROW)
		n = (long)db_column_int64(stmt, 0);
	db_finalize(stmt);
	return n;
}
