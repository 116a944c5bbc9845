/* store-audit.c: the audit log read back, whole or for one record. */
#include "store-impl.h"

#include <string.h>

/*
 * A record is named as the audit log names the row: its kind (the first
 * word of the entity, "goal", "project") and its id. Rows that belong to
 * an organisation, a strategy or a common strategy are written
 * "KIND SCOPE/ID" (project informatik-luzern/portal, goal vlg-2012/z1),
 * so an id without its scope finds the row in any scope. An item's
 * record also holds the mappings of that item onto the common strategy
 * (the review's decisions about it), a common item's the mappings onto
 * it, a strategy's its items. GLOB patterns are safe to build: a kind is
 * one of the words below and an id is checked by kk_id_valid(), so
 * neither holds '*', '?' or '['.
 */
static const char *const item_kinds[] = {
	"field", "goal", "principle", "measure",
};
static const char *const record_kinds[] = {
	"party", "strategy", "field", "goal", "principle", "measure", "item",
	"body", "milestone", "agreement", "project", "cost_key", "component",
	"decision", "period", "common_strategy", "common_item",
};

const char *const *
store_audit_kinds(size_t *n)
{
	*n = KK_ARRAY_SIZE(record_kinds);
	return record_kinds;
}

/* ID is one id, or SCOPE/ID. */
static bool
record_id_valid(const char *id)
{
	const char *slash = strchr(id, '/');
	char scope[80];

	if (!slash)
		return kk_id_valid(id);
	if ((size_t)(slash - id) >= sizeof(scope))
		return false;
	memcpy(scope, id, (size_t)(slash - id));
	scope[slash - id] = '\0';
	return kk_id_valid(scope) && kk_id_valid(slash + 1);
}

static bool
is_item_kind(const char *kind)
{
	size_t i;

	for (i = 0; i < KK_ARRAY_SIZE(item_kinds); i++)
		if (!strcmp(kind, item_kinds[i]))
			return true;
	return false;
}

/* One more pattern, GLOB ('*' for any text), added to B as the
   backend's condition on the entity, joined to those before by OR. */
static void
add_pattern(struct store *st, struct buf *b, const char *glob)
{
	if (b->len)
		buf_adds(b, " OR ");
	sq_dialect(st)->match(b, "entity", glob);
}

/* The patterns of the entities of record KIND:ID, added to B as
   conditions joined by OR. */
static void
add_patterns(struct store *st, struct buf *b, const char *kind,
    const char *id)
{
	bool scoped = strchr(id, '/') != NULL;
	size_t i;

#define GLOB(...) do { char *glob_ = xasprintf(__VA_ARGS__);            \
	add_pattern(st, b, glob_); free(glob_); } while (0)
	if (!strcmp(kind, "item")) {
		for (i = 0; i < KK_ARRAY_SIZE(item_kinds); i++)
			add_patterns(st, b, item_kinds[i], id);
		return;
	}
	GLOB("%s %s", kind, id);
	if (!scoped && strcmp(kind, "party") && strcmp(kind, "strategy") &&
	    strcmp(kind, "common_strategy") && strcmp(kind, "period"))
		GLOB("%s */%s", kind, id);
	if (is_item_kind(kind))
		GLOB("mapping *: %s%s -> *", scoped ? "" : "*/", id);
	if (!strcmp(kind, "common_item") && scoped)
		GLOB("mapping %.*s: * -> %s", (int)(strchr(id, '/') - id), id,
		    strchr(id, '/') + 1);
	else if (!strcmp(kind, "common_item"))
		GLOB("mapping *: * -> %s", id);
	if (!strcmp(kind, "strategy"))
		for (i = 0; i < KK_ARRAY_SIZE(item_kinds); i++)
			GLOB("%s %s/*", item_kinds[i], id);
#undef GLOB
}

int
store_audit_each(struct store *st, const struct store_audit_filter *f,
    store_audit_fn *fn, void *ctx)
{
	struct buf where = BUF_INIT, sql = BUF_INIT;
	struct db_stmt *stmt;
	size_t i, nkinds;
	int rc = KK_OK, step = DB_DONE;

	if (f->kind) {
		const char *const *kinds = store_audit_kinds(&nkinds);

		for (i = 0; i < nkinds; i++)
			if (!strcmp(kinds[i], f->kind))
				break;
		if (i == nkinds || !f->id || !record_id_valid(f->id))
			return KK_EINPUT;
		add_patterns(st, &where, f->kind, f->id);
	}
	buf_adds(&sql, "SELECT seq, at, actor, action, entity, before, after, "
	    "actor_party, actor_role "
	    "FROM audit WHERE (CAST(?1 AS TEXT) IS NULL OR at >= ?1) AND "
	    "(CAST(?2 AS TEXT) IS NULL OR actor = ?2)");
	if (where.len)
		buf_addf(&sql, " AND (%s)", where.s);
	buf_adds(&sql, " ORDER BY seq");
	stmt = sq_prep(st, sql.s);
	buf_release(&where);
	buf_release(&sql);
	sq_bind_text(stmt, 1, f->since);
	sq_bind_text(stmt, 2, f->actor);
	while (!rc && (step = sq_step(st, stmt)) == DB_ROW) {
		struct store_audit_row row;

		row.seq = (long)db_column_int64(stmt, 0);
		row.at = db_column_text(stmt, 1);
		row.actor = db_column_text(stmt, 2);
		row.action = db_column_text(stmt, 3);
		row.entity = db_column_text(stmt, 4);
		row.before = db_column_text(stmt, 5);
		row.after = db_column_text(stmt, 6);
		row.actor_party = db_column_text(stmt, 7);
		row.actor_role = db_column_text(stmt, 8);
		rc = fn(ctx, &row);
	}
	if (!rc && step != DB_DONE)
		rc = sq_read_rc(st) ? sq_read_rc(st) :
		    sq_fail(st, KK_EIO, "reading the audit log");
	db_finalize(stmt);
	return rc;
}
