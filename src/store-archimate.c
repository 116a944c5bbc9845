/* store-archimate.c: the store's part for imported ArchiMate models. */
#include "store-impl.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

/*
 * A model can hold a million concepts, so this file keeps its statements
 * prepared across rows (in a batch) and writes the audit JSON by hand
 * rather than through jansson objects. The JSON a concept keeps (names,
 * properties...) is made by fmt-archimate.c; the store only compares it.
 */


static const char *
col(struct db_stmt *stmt, int i)
{
	return db_column_text(stmt, i);
}

static bool
same(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* The audit JSON of a concept: its row, keys sorted, DATA as it is. */
static char *
concept_audit(const char *model, const char *type, const char *source,
    const char *target, const char *strategy, const char *item,
    const char *data)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "{\"data\":");
	buf_adds(&b, data);
	buf_adds(&b, ",\"item\":");
	buf_add_json_str(&b, item);
	buf_adds(&b, ",\"model\":");
	buf_add_json_str(&b, model);
	buf_adds(&b, ",\"source\":");
	buf_add_json_str(&b, source);
	buf_adds(&b, ",\"strategy\":");
	buf_add_json_str(&b, strategy);
	buf_adds(&b, ",\"target\":");
	buf_add_json_str(&b, target);
	buf_adds(&b, ",\"type\":");
	buf_add_json_str(&b, type);
	buf_addc(&b, '}');
	return buf_detach(&b, NULL);
}

/* Models. */

static const char model_cols[] = "id, party_id, strategy_id, made_party, "
    "spare_field, head, metadata, viewpoints, position";

static int
read_model_row(struct arena *a, struct db_stmt *stmt, struct store_am_model *m)
{
	memset(m, 0, sizeof(*m));
	m->id = sq_col_text(a, stmt, 0);
	m->party = sq_col_text(a, stmt, 1);
	m->strategy = sq_col_text(a, stmt, 2);
	m->made_party = db_column_int(stmt, 3) != 0;
	m->spare_field = sq_col_text(a, stmt, 4);
	if (am_head_parse(a, col(stmt, 5), &m->head))
		return KK_EIO;
	m->head.metadata = sq_col_text(a, stmt, 6);
	m->viewpoints = sq_col_text(a, stmt, 7);
	m->position = db_column_int(stmt, 8);
	return KK_OK;
}

int
store_am_get_model(struct store *st, struct arena *a, const char *id,
    struct store_am_model *out)
{
	char sql[200];
	struct db_stmt *stmt;
	int rc;

	snprintf(sql, sizeof(sql), "SELECT %s FROM am_model WHERE id = ?",
	    model_cols);
	stmt = sq_prep(st, sql);
	sq_bind_text(stmt, 1, id);
	rc = sq_step(st, stmt);
	if (rc == DB_ROW)
		rc = read_model_row(a, stmt, out) ? KK_EIO : KK_OK;
	else if (rc == DB_DONE)
		rc = KK_ENOTFOUND;
	else
		rc = sq_fail(st, KK_EIO, _("reading a model"));
	db_finalize(stmt);
	if (rc == KK_EIO && !st->errmsg)
		st->errmsg = xstrdup(_("a stored model is damaged"));
	return rc;
}

int
store_am_list_models(struct store *st, struct arena *a,
    struct store_am_model **out, size_t *n)
{
	char sql[200];
	struct db_stmt *stmt;
	size_t cap = 0;
	int rc = KK_OK;

	snprintf(sql, sizeof(sql), "SELECT %s FROM am_model ORDER BY position",
	    model_cols);
	stmt = sq_prep(st, sql);
	*out = NULL;
	*n = 0;
	while (!rc && sq_step(st, stmt) == DB_ROW) {
		if (*n == cap) {
			struct store_am_model *v;

			cap = cap ? 2 * cap : 4;
			v = arena_calloc(a, cap, sizeof(*v));
			if (*n)
				memcpy(v, *out, *n * sizeof(*v));
			*out = v;
		}
		rc = read_model_row(a, stmt, &(*out)[(*n)++]);
	}
	db_finalize(stmt);
	return rc ? rc : sq_read_rc(st);
}

static char *
model_audit(const struct store_am_model *m)
{
	struct buf b = BUF_INIT;
	char *head = am_head_json(&m->head);

	buf_adds(&b, "{\"head\":");
	buf_adds(&b, head);
	buf_adds(&b, ",\"made_party\":");
	buf_adds(&b, m->made_party ? "true" : "false");
	buf_adds(&b, ",\"metadata\":");
	buf_add_json_str(&b, m->head.metadata);
	buf_adds(&b, ",\"party\":");
	buf_add_json_str(&b, m->party);
	buf_adds(&b, ",\"spare_field\":");
	buf_add_json_str(&b, m->spare_field);
	buf_adds(&b, ",\"strategy\":");
	buf_add_json_str(&b, m->strategy);
	buf_adds(&b, ",\"viewpoints\":");
	buf_add_json_str(&b, m->viewpoints);
	buf_addc(&b, '}');
	free(head);
	return buf_detach(&b, NULL);
}

int
store_am_reserve_model(struct store *st, const char *id, const char *party,
    const char *strategy, bool *made)
{
	struct db_stmt *stmt = sq_prep(st, "INSERT INTO am_model (id, "
	    "party_id, strategy_id, made_party, head, position) VALUES (?1, ?2, "
	    "?3, 0, '{}', (SELECT coalesce(max(position), 0) + 1 FROM "
	    "am_model)) ON CONFLICT DO NOTHING");
	int rc;

	sq_bind_text(stmt, 1, id);
	sq_bind_text(stmt, 2, party);
	sq_bind_text(stmt, 3, strategy);
	rc = sq_run(st, stmt, _("writing a model"));
	*made = !rc && db_changes(st->db) > 0;
	return rc;
}

int
store_am_put_model(struct store *st, const struct store_am_model *m,
    bool reserved)
{
	struct arena *a = arena_new();
	struct store_am_model old;
	char *before = NULL, *after = model_audit(m), *head, *entity;
	struct db_stmt *stmt;
	int rc = store_am_get_model(st, a, m->id, &old);

	if (rc && rc != KK_ENOTFOUND)
		goto out;
	if (!rc && !reserved) {
		before = model_audit(&old);
		if (!strcmp(before, after))
			goto out;
	}
	head = am_head_json(&m->head);
	stmt = sq_prep(st, rc ? "INSERT INTO am_model (id, party_id, "
	    "strategy_id, made_party, spare_field, head, metadata, viewpoints, "
	    "position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
	    "(SELECT coalesce(max(position), 0) + 1 FROM am_model))" :
	    "UPDATE am_model SET party_id = ?2, strategy_id = ?3, "
	    "made_party = ?4, spare_field = ?5, head = ?6, metadata = ?7, "
	    "viewpoints = ?8, version = version + 1 WHERE id = ?1");
	sq_bind_text(stmt, 1, m->id);
	sq_bind_text(stmt, 2, m->party);
	sq_bind_text(stmt, 3, m->strategy);
	sq_bind_int64(stmt, 4, m->made_party);
	sq_bind_text(stmt, 5, m->spare_field);
	sq_bind_text(stmt, 6, head);
	sq_bind_text(stmt, 7, m->head.metadata);
	sq_bind_text(stmt, 8, m->viewpoints);
	free(head);
	entity = xasprintf("archimate model %s", m->id);
	rc = sq_run(st, stmt, _("writing a model"));
	if (!rc)
		rc = sq_audit(st, before ? STORE_CHANGED : STORE_ADDED, entity,
		    before, after);
	free(entity);
out:
	free(before);
	free(after);
	arena_free(a);
	return rc;
}

/* One import's writes. */

/*
 * What an import adds is audited as one row in the end (entity "archimate
 * model ID: added", AFTER the number of each kind), not a row per concept:
 * a model can add millions, and the added rows themselves are the state
 * after. A change or removal keeps a row of its own with BEFORE and AFTER,
 * so every earlier state of a kept concept is in the log.
 */
enum am_kind { AM_ELEMENT, AM_RELATIONSHIP, AM_PROPDEF, AM_FOLDER, AM_VIEW,
	AM_KINDS };

/*
 * References are checked in memory, against the identifiers this import
 * wrote: a reference found there (nearly all of them) costs a look-up in
 * a hash table; one that is not (to another model's concept, to a view
 * still to come, or to nothing) waits in a list of its kind, is looked
 * for in the set again at the end and then in the tables' indexes.
 */
enum {
	AM_TARGET = 1,	/* a member of ids that references may name */
	AM_SEEN = 2,	/* written by this import, for a model replaced */
	/* and its kind: STORE_AM_ELEMENT ... STORE_AM_VIEW (store.h) */
	AM_ANY_KIND = STORE_AM_CONCEPT | STORE_AM_PROPDEF | STORE_AM_VIEW,
};

struct am_pending {
	const char *referrer, *ref;
	unsigned want;		/* the kinds it may name, 0 any */
	int line, col;
};

struct am_pendings {
	struct am_pending *v;
	size_t n, cap;
};

struct store_am_batch {
	struct store *st;
	char *model;
	bool merge;
	bool fresh;		/* the model had nothing stored: no removals */
	long position;		/* of the next new concept */
	long pd_position, folder_position, view_position;
	struct db_stmt *get, *ins, *upd, *repos, *seen, *owner, *exists;
	struct db_stmt *audit, *fget, *fins, *fupd;
	struct db_stmt *found;	/* the look-up of a reference not in ids */
	/* a model replaced: its stored concepts in their order, read along
	   with the file's (cur_row: cur is on a row), how many there are and
	   how many of them this import wrote again */
	struct db_stmt *cur;
	bool cur_row;
	long stored, kept;
	struct strset *ids;	/* what this import wrote, konkordat's own */
	/* the identifiers of the other models, read at the first question
	   (FOREIGN_* bits), or NULL */
	struct strset *foreign;
	/* references not in ids when they came: relationships' ends, those
	   noted by store_am_ref(), those of runs of folder items */
	struct am_pendings ends, refs, frefs;
	struct arena *pend_a;	/* their strings */
	char now[21];		/* one import, one time */
	long added[AM_KINDS];	/* rows added, audited as one in the end */
	store_am_refused_fn *refused;
	void *refused_ctx;
	/* concepts queued to be written together (a model imported anew):
	   strings in PA, DATA allocated */
	struct am_row {
		const char *id, *type, *source, *target, *strategy, *item;
		char *data;
		bool relation;
		long position;
	} rows[STORE_AM_ROWS];
	size_t nrows;
	struct arena *pa;
	struct db_stmt *insn;	/* STORE_AM_ROWS rows at once */
};

/*
 * sq_audit() for the rows of one import: the same row, with a statement
 * kept prepared and the time taken once, because a model may write a
 * million of them.
 */
static int
b_audit(struct store_am_batch *b, enum store_change change, const char *entity,
    const char *before, const char *after)
{
	static const char *const actions[] = { "insert", "update", "delete" };
	struct store *st = b->st;
	int rc;

	sq_bind_actor(st, b->audit);
	db_bind_text(b->audit, 1, b->now);
	db_bind_text(b->audit, 3, actions[change]);
	db_bind_text(b->audit, 4, entity);
	sq_bind_text(b->audit, 5, before);
	sq_bind_text(b->audit, 6, after);
	rc = sq_step(b->st, b->audit);
	db_reset(b->audit);
	db_clear_bindings(b->audit);
	if (rc != DB_DONE)
		return sq_fail(st, KK_EIO, _("audit"));
	if (st->notify)
		st->notify(st->notify_ctx, change, entity);
	return KK_OK;
}

/* Count an added row of kind K and tell the notify function (ENTITY
   names the row for it). */
static void
b_added(struct store_am_batch *b, enum am_kind k, const char *entity)
{
	b->added[k]++;
	if (b->st->notify)
		b->st->notify(b->st->notify_ctx, STORE_ADDED, entity);
}

/* The one audit row of what this import added, if it added anything. */
static int
b_audit_added(struct store_am_batch *b)
{
	struct buf after = BUF_INIT, entity = BUF_INIT;
	struct db_stmt *stmt;
	int k, rc;

	for (k = 0; k < AM_KINDS && !b->added[k]; k++)
		;
	if (k == AM_KINDS)
		return KK_OK;
	/* keys sorted, as canonical JSON has them */
	buf_addf(&after, "{\"elements\":%ld,\"folder-rows\":%ld,"
	    "\"property-definitions\":%ld,\"relationships\":%ld,"
	    "\"views\":%ld}", b->added[AM_ELEMENT], b->added[AM_FOLDER],
	    b->added[AM_PROPDEF], b->added[AM_RELATIONSHIP],
	    b->added[AM_VIEW]);
	buf_addf(&entity, "archimate model %s: added", b->model);
	stmt = sq_prep(b->st, sq_audit_sql);
	sq_bind_actor(b->st, stmt);
	sq_bind_text(stmt, 1, b->now);
	sq_bind_text(stmt, 3, "insert");
	sq_bind_text(stmt, 4, entity.s);
	sq_bind_text(stmt, 5, NULL);
	sq_bind_text(stmt, 6, after.s);
	rc = sq_run(b->st, stmt, _("audit"));
	buf_release(&after);
	buf_release(&entity);
	return rc;
}

int
store_am_begin(struct store *st, const char *model, bool merge,
    store_am_refused_fn *refused, void *ctx, struct store_am_batch **out)
{
	struct store_am_batch *b = xcalloc(1, sizeof(*b));
	struct db_stmt *stmt;
	char *sql;
	int rc;

	*out = NULL;
	rc = sq_exec(st, "CREATE TEMP TABLE IF NOT EXISTS am_seen "
	    "(id TEXT PRIMARY KEY); DELETE FROM am_seen");
	if (rc) {
		free(b);
		return rc;
	}
	/* a larger cache, foreign keys checked at the commit */
	if ((rc = sq_exec(st, sq_dialect(st)->bulk_write)) != KK_OK) {
		free(b);
		return rc;
	}
	b->st = st;
	b->model = xstrdup(model);
	b->merge = merge;
	b->refused = refused;
	b->refused_ctx = ctx;
	stmt = sq_prep(st, "SELECT (SELECT count(*) FROM am_concept WHERE "
	    "model_id = ?1), (SELECT count(*) FROM am_propdef WHERE "
	    "model_id = ?1) + (SELECT count(*) FROM am_view WHERE "
	    "model_id = ?1) + (SELECT count(*) FROM am_folder WHERE "
	    "model_id = ?1), (SELECT coalesce(max(position), 0) FROM "
	    "am_concept WHERE model_id = ?1), (SELECT coalesce(max(position), "
	    "0) FROM am_propdef WHERE model_id = ?1), (SELECT "
	    "coalesce(max(position), 0) FROM am_view WHERE model_id = ?1)");
	sq_bind_text(stmt, 1, model);
	if (sq_step(st, stmt) != DB_ROW) {
		db_finalize(stmt);
		free(b->model);
		free(b);
		return sq_read_rc(st) ? sq_read_rc(st) : KK_EIO;
	}
	b->stored = (long)db_column_int64(stmt, 0);
	b->fresh = !b->stored && !db_column_int64(stmt, 1);
	/* a merge adds after what is there; a replacement starts afresh */
	if (merge) {
		b->position = (long)db_column_int64(stmt, 2);
		b->pd_position = (long)db_column_int64(stmt, 3);
		b->view_position = (long)db_column_int64(stmt, 4);
	}
	db_finalize(stmt);
	b->get = sq_prep(st, "SELECT model_id, relation, type, source, target, "
	    "strategy_id, item_id, data, position, id FROM am_concept WHERE "
	    "id = ?");
	/* a model replaced is mostly written again as it is, in its order:
	   its rows read in that order spare a look-up by identifier each */
	if (!b->fresh && !merge) {
		b->cur = sq_prep(st, "SELECT model_id, relation, type, source, "
		    "target, strategy_id, item_id, data, position, id FROM "
		    "am_concept WHERE model_id = ? ORDER BY position");
		sq_bind_text(b->cur, 1, model);
		b->cur_row = sq_step(b->st, b->cur) == DB_ROW;
	}
	/* a row that breaks a constraint is not written, and the caller
	   refuses the import; what the statement wrote before needs no
	   undoing, since it writes one row */
	sql = xasprintf("%s INTO am_concept (id, model_id, relation, type, "
	    "source, target, strategy_id, item_id, data, position) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	    sq_dialect(st)->insert_keep);
	b->ins = sq_prep(st, sql);
	free(sql);
	b->upd = sq_prep(st, "UPDATE am_concept SET relation = ?3, type = ?4, "
	    "source = ?5, target = ?6, strategy_id = ?7, item_id = ?8, "
	    "data = ?9, position = ?10, version = version + 1 WHERE id = ?1");
	b->repos = sq_prep(st, "UPDATE am_concept SET position = ?2 WHERE "
	    "id = ?1");
	b->seen = sq_prep(st, "INSERT INTO am_seen (id) VALUES (?)");
	b->owner = sq_prep(st, "SELECT model_id FROM am_concept WHERE id = ?1 "
	    "UNION ALL SELECT model_id FROM am_view WHERE id = ?1");
	b->audit = sq_prep(st, sq_audit_sql);
	b->fget = sq_prep(st, "SELECT grp, depth, data FROM am_folder WHERE "
	    "model_id = ? AND position = ?");
	b->fins = sq_prep(st, "INSERT INTO am_folder (model_id, position, grp, "
	    "depth, data) VALUES (?1, ?2, ?3, ?4, ?5)");
	b->fupd = sq_prep(st, "UPDATE am_folder SET grp = ?3, depth = ?4, "
	    "data = ?5 WHERE model_id = ?1 AND position = ?2");
	utc_now(b->now);
	b->exists = sq_prep(st, "SELECT 1 FROM am_concept WHERE id = ?1 "
	    "UNION ALL SELECT 1 FROM am_view WHERE id = ?1");
	b->ids = strset_new();
	b->pend_a = arena_new();
	/* a statement that did not prepare: the file lacks a table */
	if (sq_read_rc(st)) {
		store_am_abort(b);
		return sq_read_rc(st);
	}
	*out = b;
	return KK_OK;
}

static void
drop_rows(struct store_am_batch *b)
{
	size_t i;

	for (i = 0; i < b->nrows; i++)
		free(b->rows[i].data);
	b->nrows = 0;
	arena_free(b->pa);
	b->pa = NULL;
}

void
store_am_abort(struct store_am_batch *b)
{
	if (!b)
		return;
	drop_rows(b);
	db_finalize(b->insn);
	db_finalize(b->get);
	db_finalize(b->ins);
	db_finalize(b->upd);
	db_finalize(b->repos);
	db_finalize(b->seen);
	db_finalize(b->owner);
	db_finalize(b->exists);
	db_finalize(b->audit);
	db_finalize(b->fget);
	db_finalize(b->fins);
	db_finalize(b->fupd);
	db_finalize(b->found);
	db_finalize(b->cur);
	strset_free(b->ids);
	strset_free(b->foreign);
	free(b->ends.v);
	free(b->refs.v);
	free(b->frefs.v);
	arena_free(b->pend_a);
	free(b->model);
	free(b);
}

/* ID is written by this import, and references may name it. */
static void
note_target(struct store_am_batch *b, const char *id, unsigned kind)
{
	*strset_add(b->ids, id, NULL) |= (unsigned char)(AM_TARGET | kind);
}

/* REF of REFERRER (at LINE, COL) is not among the identifiers written so
   far: to P, to be looked for once all is written. */
static void
note_pending(struct store_am_batch *b, struct am_pendings *p,
    const char *referrer, const char *ref, unsigned want, int line, int col)
{
	struct am_pending *e;

	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 16;
		p->v = xrealloc(p->v, p->cap * sizeof(*p->v));
	}
	e = &p->v[p->n++];
	e->referrer = referrer ? arena_strdup(b->pend_a, referrer) : NULL;
	e->ref = arena_strdup(b->pend_a, ref);
	e->want = want;
	e->line = line;
	e->col = col;
}

static bool
written(const struct store_am_batch *b, const char *id, unsigned want)
{
	const unsigned char *f = strset_get(b->ids, id);

	return f && (*f & AM_TARGET) && (!want || (*f & want));
}

/* Concept ID (a relationship from SOURCE to TARGET, else they are NULL)
   is written by this import: its identifier for the references, and
   those of its ends that are not written yet. */
static void
note_concept(struct store_am_batch *b, const char *id, bool relation,
    const char *source, const char *target)
{
	note_target(b, id, relation ? STORE_AM_RELATION : STORE_AM_ELEMENT);
	/* the schema's SourceRef and TargetRef: a concept, not a view */
	if (source && !written(b, source, STORE_AM_CONCEPT))
		note_pending(b, &b->ends, id, source, STORE_AM_CONCEPT, 0, 0);
	if (target && !written(b, target, STORE_AM_CONCEPT))
		note_pending(b, &b->ends, id, target, STORE_AM_CONCEPT, 0, 0);
}

/* A kept statement's step RC, after which it is reset. Its callers bind
   every parameter each time, so the bindings need no clearing. */
static int
step_result(struct store *st, struct db_stmt *stmt, int rc, const char *what)
{
	db_reset(stmt);
	if (rc == DB_DONE)
		return KK_OK;
	if (rc == DB_ECONSTRAINT)
		return KK_ECONFLICT;
	return sq_fail(st, KK_EIO, what);
}

static int
step_reset(struct store *st, struct db_stmt *stmt, const char *what)
{
	return step_result(st, stmt, sq_step(st, stmt), what);
}

/* step_reset() of a statement whose broken constraint the import goes on
   after (sq_step_guarded()) */
static int
step_reset_guarded(struct store *st, struct db_stmt *stmt, const char *what)
{
	return step_result(st, stmt, sq_step_guarded(st, stmt), what);
}

/* Mark ID as written by this import; KK_ECONFLICT if it was already. */
static int
mark_seen(struct store_am_batch *b, const char *id)
{
	unsigned char *f;

	if (b->fresh || b->merge)
		return KK_OK;
	f = strset_add(b->ids, id, NULL);
	if (*f & AM_SEEN)
		return KK_ECONFLICT;
	*f |= AM_SEEN;
	return KK_OK;
}

/* mark_seen() for a property definition or view, whose removal, if this
   import does not write it, is found by SQL (am_seen): they are few. */
static int
mark_seen_row(struct store_am_batch *b, const char *id)
{
	int rc = mark_seen(b, id);

	if (rc || b->fresh || b->merge)
		return rc;
	sq_bind_text(b->seen, 1, id);
	return step_reset(b->st, b->seen, _("writing a model"));
}

/* Who has ID: *OWNER is the model, or NULL when it is this import's. */
static int
taken(struct store_am_batch *b, const char *id, char **owner)
{
	*owner = NULL;
	sq_bind_text(b->owner, 1, id);
	if (sq_step(b->st, b->owner) == DB_ROW &&
	    strcmp(col(b->owner, 0), b->model))
		*owner = xstrdup(col(b->owner, 0));
	db_reset(b->owner);
	return KK_ECONFLICT;
}

/* The columns of a concept's row, in the order of the INSERTs. */
#define AM_CONCEPT_COLS "id, model_id, relation, type, source, target, " \
	"strategy_id, item_id, data, position"

/* Bind S (or NULL) without a copy: it outlives the step. */
static void
bind_static(struct db_stmt *stmt, int i, const char *s)
{
	if (s)
		db_bind_text(stmt, i, s);
	else
		db_bind_null(stmt, i);
}

/* Every parameter from BASE + 1 on, so that the statement needs no
   clearing after. */
static void
bind_row(struct db_stmt *stmt, int base, const char *model,
    const struct am_row *r)
{
	bind_static(stmt, base + 1, r->id);
	bind_static(stmt, base + 2, model);
	sq_bind_int64(stmt, base + 3, r->relation);
	bind_static(stmt, base + 4, r->type);
	bind_static(stmt, base + 5, r->source);
	bind_static(stmt, base + 6, r->target);
	bind_static(stmt, base + 7, r->strategy);
	bind_static(stmt, base + 8, r->item);
	bind_static(stmt, base + 9, r->data);
	sq_bind_int64(stmt, base + 10, r->position);
}

static void
bind_concept(struct db_stmt *stmt, const char *model,
    const struct am_concept *c, const char *data, long position)
{
	struct am_row r = { c->id, c->type, c->source, c->target, c->strategy,
		c->item, (char *)data, c->relation, position };

	bind_row(stmt, 0, model, &r);
}

/* How many of the queued rows are written: the statement that wrote them
   stops at the first it refuses, so they are the first ones. */
static size_t
rows_written(struct store_am_batch *b)
{
	struct db_stmt *stmt = sq_prep(b->st, "SELECT count(*) FROM am_concept "
	    "WHERE model_id = ? AND position BETWEEN ? AND ?");
	size_t n;

	sq_bind_text(stmt, 1, b->model);
	sq_bind_int64(stmt, 2, b->rows[0].position);
	sq_bind_int64(stmt, 3, b->rows[b->nrows - 1].position);
	n = sq_step(b->st, stmt) == DB_ROW ?
	    (size_t)db_column_int64(stmt, 0) : 0;
	db_finalize(stmt);
	return n;
}

/* Have the places of R's identifiers in the set come (write_rows()). */
static void
prefetch_row(const struct store_am_batch *b, const struct am_row *r)
{
	strset_prefetch(b->ids, r->id);
	if (r->relation && r->source)
		strset_prefetch(b->ids, r->source);
	if (r->relation && r->target)
		strset_prefetch(b->ids, r->target);
}

/*
 * Write the queued rows: all in one statement when they are a full batch;
 * from the row that statement refuses on (it keeps the rows before: OR
 * FAIL, which needs no statement journal), or for a short batch, one at a
 * time, so that each refused row is named.
 */
static int
write_rows(struct store_am_batch *b)
{
	struct store *st = b->st;
	size_t i = 0, n = b->nrows;
	int rc = KK_OK, step;
	bool refused = false;

	/*
	 * The identifiers first. In a model of millions nearly every look-up
	 * in the set waits for memory: the places of the rows a few ahead
	 * are fetched while a row is noted, so that the waits overlap (half
	 * the time of one look-up after the other). A reference to a row of
	 * the same batch is found either way, at the latest at the end.
	 */
	for (i = 0; i < n && i < 8; i++)
		prefetch_row(b, &b->rows[i]);
	for (i = 0; i < n; i++) {
		const struct am_row *r = &b->rows[i];

		if (i + 8 < n)
			prefetch_row(b, &b->rows[i + 8]);
		note_concept(b, r->id, r->relation,
		    r->relation ? r->source : NULL,
		    r->relation ? r->target : NULL);
	}
	i = 0;

	if (n == STORE_AM_ROWS) {
		if (!b->insn) {
			struct buf sql = BUF_INIT;

			buf_addf(&sql, "%s INTO am_concept ("
			    AM_CONCEPT_COLS ") VALUES ",
			    sq_dialect(st)->insert_keep);
			for (i = 0; i < n; i++)
				buf_adds(&sql, i ? ",(?,?,?,?,?,?,?,?,?,?)" :
				    "(?,?,?,?,?,?,?,?,?,?)");
			b->insn = sq_prep(st, sql.s);
			buf_release(&sql);
		}
		for (i = 0; i < n; i++)
			bind_row(b->insn, (int)i * 10, b->model, &b->rows[i]);
		step = sq_step_guarded(b->st, b->insn);
		db_reset(b->insn);
		if (step == DB_DONE)
			goto out;
		if (step != DB_ECONSTRAINT) {
			rc = sq_fail(st, KK_EIO, _("writing a model"));
			goto out;
		}
		i = rows_written(b);
	}
	for (; i < n; i++) {
		const struct am_row *r = &b->rows[i];
		char *owner;

		bind_row(b->ins, 0, b->model, r);
		rc = step_reset_guarded(st, b->ins, _("writing a model"));
		if (rc == KK_ECONFLICT) {
			taken(b, r->id, &owner);
			b->refused(b->refused_ctx, r->id, owner, r->relation,
			    n - 1 - i);
			free(owner);
			refused = true;
			rc = KK_OK;
		} else if (rc) {
			break;
		}
	}
	if (!rc && refused)
		rc = KK_ECONFLICT;
out:
	drop_rows(b);
	return rc;
}

int
store_am_flush(struct store_am_batch *b)
{
	return b->nrows ? write_rows(b) : KK_OK;
}

/* Other functions of a batch see what is written only. */
static void
flushed(const struct store_am_batch *b)
{
	if (b->nrows)
		BUG("%zu concepts of the model not yet written", b->nrows);
}

/* Move the cursor of a model replaced on by one row. */
static void
cur_next(struct store_am_batch *b)
{
	b->cur_row = sq_step(b->st, b->cur) == DB_ROW;
}

/*
 * Done with ROW, where the stored row of a concept was read (or looked
 * for): the look-up is reset, or the cursor moves on. A row looked up by
 * its identifier (at place P, 0 if there is none) takes the cursor past
 * that place, so that the rows after it meet their concepts again (the
 * rows skipped, if they come later, are looked up).
 */
static void
row_done(struct store_am_batch *b, struct db_stmt *row, long p)
{
	if (row == b->get)
		db_reset(b->get);
	if (row == b->cur)
		cur_next(b);
	else
		while (b->cur && b->cur_row && p > 0 &&
		    db_column_int64(b->cur, 8) <= p)
			cur_next(b);
}

/* Write concept C (DATA its JSON, which this frees) when it differs from
   the stored one; KK_ECONFLICT with *OWNER as for the refused function. */
static int
put_one(struct store_am_batch *b, const struct am_concept *c, char *data,
    char **owner)
{
	struct store *st = b->st;
	char *before = NULL, *after, *entity;
	long position = b->position + 1;
	bool found = false;
	int rc;

	*owner = NULL;
	/* a first import cannot meet itself: insert, and look only on conflict */
	if (!b->fresh) {
		/* the stored row: the cursor's, if it is this concept's */
		struct db_stmt *row = b->get;
		long was = 0;

		if (b->cur_row && col(b->cur, 9) &&
		    !strcmp(col(b->cur, 9), c->id)) {
			row = b->cur;
			rc = DB_ROW;
		} else {
			sq_bind_text(b->get, 1, c->id);
			rc = sq_step(b->st, b->get);
		}
		if (rc == DB_ROW) {
			found = true;
			was = (long)db_column_int64(row, 8);
			if (strcmp(col(row, 0), b->model)) {
				*owner = xstrdup(col(row, 0));
				row_done(b, row, 0);
				free(data);
				return KK_ECONFLICT;
			}
			if (!b->merge)
				b->kept++;
			if (b->merge)
				position = was;
			if (db_column_int(row, 1) == c->relation &&
			    same(col(row, 2), c->type) &&
			    same(col(row, 3), c->source) &&
			    same(col(row, 4), c->target) &&
			    same(col(row, 5), c->strategy) &&
			    same(col(row, 6), c->item) &&
			    same(col(row, 7), data)) {
				row_done(b, row, was);
				free(data);
				if ((rc = mark_seen(b, c->id)) != KK_OK)
					return rc;
				if (!b->merge)
					b->position++;
				if (was == position)
					return KK_OK;
				/* the order of a file is kept, but is no change
				   of the model: no new version, no audit row */
				db_bind_text(b->repos, 1, c->id);
				sq_bind_int64(b->repos, 2, position);
				return step_reset(st, b->repos, _("writing a model"));
			}
			before = concept_audit(col(row, 0), col(row, 2),
			    col(row, 3), col(row, 4), col(row, 5), col(row, 6),
			    col(row, 7));
		} else if (rc != DB_DONE) {
			row_done(b, row, 0);
			free(data);
			return sq_fail(st, KK_EIO, _("reading a model"));
		}
		row_done(b, row, was);
		if ((rc = mark_seen(b, c->id)) != KK_OK) {
			free(before);
			free(data);
			return rc;
		}
	}
	if (!found || !b->merge)
		b->position++;
	bind_concept(found ? b->upd : b->ins, b->model, c, data, position);
	rc = step_reset_guarded(st, found ? b->upd : b->ins,
	    _("writing a model"));
	if (rc == KK_ECONFLICT) {
		free(data);
		free(before);
		return taken(b, c->id, owner);
	}
	if (!rc && !found) {
		b_added(b, c->relation ? AM_RELATIONSHIP : AM_ELEMENT, c->id);
	} else if (!rc) {
		after = concept_audit(b->model, c->type, c->source, c->target,
		    c->strategy, c->item, data);
		entity = xasprintf("archimate %s %s", c->relation ?
		    "relationship" : "element", c->id);
		rc = b_audit(b, STORE_CHANGED, entity, before, after);
		free(entity);
		free(after);
	}
	free(before);
	free(data);
	return rc;
}

int
store_am_put_concept(struct store_am_batch *b, const struct am_concept *c)
{
	char *data = am_concept_json(c), *owner;
	int rc;

	/* a model imported anew: queued, written and noted with others */
	if (b->fresh && !b->merge) {
		struct am_row *r = &b->rows[b->nrows++];

		if (!b->pa)
			b->pa = arena_new();
		r->id = arena_strdup(b->pa, c->id);
		r->type = arena_strdup(b->pa, c->type);
		r->source = arena_strdup(b->pa, c->source);
		r->target = arena_strdup(b->pa, c->target);
		r->strategy = arena_strdup(b->pa, c->strategy);
		r->item = arena_strdup(b->pa, c->item);
		r->data = data;
		r->relation = c->relation;
		r->position = ++b->position;
		b_added(b, c->relation ? AM_RELATIONSHIP : AM_ELEMENT, r->id);
		return b->nrows == STORE_AM_ROWS ? write_rows(b) : KK_OK;
	}
	flushed(b);
	note_concept(b, c->id, c->relation, c->relation ? c->source : NULL,
	    c->relation ? c->target : NULL);
	rc = put_one(b, c, data, &owner);
	if (rc == KK_ECONFLICT)
		b->refused(b->refused_ctx, c->id, owner, c->relation, 0);
	free(owner);
	return rc;
}

int
store_am_get_concept(struct store_am_batch *b, struct arena *a,
    const char *id, struct am_concept *out, char **model)
{
	int rc;

	flushed(b);
	*model = NULL;
	sq_bind_text(b->get, 1, id);
	rc = sq_step(b->st, b->get);
	if (rc == DB_ROW) {
		memset(out, 0, sizeof(*out));
		*model = xstrdup(col(b->get, 0));
		out->id = arena_strdup(a, id);
		out->relation = db_column_int(b->get, 1) != 0;
		out->type = sq_col_text(a, b->get, 2);
		out->source = sq_col_text(a, b->get, 3);
		out->target = sq_col_text(a, b->get, 4);
		out->strategy = sq_col_text(a, b->get, 5);
		out->item = sq_col_text(a, b->get, 6);
		rc = am_concept_parse(a, col(b->get, 7), out);
	} else {
		rc = rc == DB_DONE ? KK_ENOTFOUND :
		    sq_fail(b->st, KK_EIO, _("reading a model"));
	}
	db_reset(b->get);
	return rc;
}

/*
 * Property definitions, folders and views are few beside the concepts;
 * each write looks up the old row and compares it.
 */
int
store_am_put_propdef(struct store_am_batch *b, const struct am_propdef *p)
{
	struct store *st = b->st;
	char *data = am_propdef_json(p), *before = NULL, *entity;
	struct db_stmt *stmt = sq_prep(st, "SELECT data, position FROM am_propdef "
	    "WHERE model_id = ? AND id = ?");
	long position = ++b->pd_position;
	int rc;

	flushed(b);
	note_target(b, p->id, STORE_AM_PROPDEF);
	sq_bind_text(stmt, 1, b->model);
	sq_bind_text(stmt, 2, p->id);
	if (sq_step(st, stmt) == DB_ROW) {
		before = xstrdup(col(stmt, 0));
		if (b->merge)
			position = (long)db_column_int64(stmt, 1);
	}
	db_finalize(stmt);
	if ((rc = mark_seen_row(b, p->id)) != KK_OK && !(b->merge && before)) {
		free(before);
		free(data);
		return rc;
	}
	if (before && !strcmp(before, data)) {
		stmt = sq_prep(st, "UPDATE am_propdef SET position = ? WHERE "
		    "model_id = ? AND id = ?");
		sq_bind_int64(stmt, 1, position);
		sq_bind_text(stmt, 2, b->model);
		sq_bind_text(stmt, 3, p->id);
		free(before);
		free(data);
		return sq_run(st, stmt, _("writing a property definition"));
	}
	stmt = sq_prep(st, before ? "UPDATE am_propdef SET data = ?3, "
	    "position = ?4, version = version + 1 WHERE model_id = ?1 AND "
	    "id = ?2" : "INSERT INTO am_propdef (model_id, id, data, position) "
	    "VALUES (?1, ?2, ?3, ?4)");
	sq_bind_text(stmt, 1, b->model);
	sq_bind_text(stmt, 2, p->id);
	sq_bind_text(stmt, 3, data);
	sq_bind_int64(stmt, 4, position);
	rc = sq_run(st, stmt, _("writing a property definition"));
	if (rc && db_status(st->db) == DB_ECONSTRAINT)
		rc = KK_ECONFLICT;
	if (!rc) {
		entity = xasprintf("archimate property-definition %s/%s",
		    b->model, p->id);
		if (before)
			rc = b_audit(b, STORE_CHANGED, entity, before, data);
		else
			b_added(b, AM_PROPDEF, entity);
		free(entity);
	}
	free(before);
	free(data);
	return rc;
}

int
store_am_put_folder(struct store_am_batch *b, const struct am_folder *f)
{
	struct store *st = b->st;
	char *data = am_folder_json(f), *before = NULL, *after = NULL, *entity;
	long position = ++b->folder_position;
	bool unchanged = false;
	struct db_stmt *stmt;
	size_t i;
	int rc;

	flushed(b);
	for (i = 0; i < f->nrefs; i++) {
		/* the look-ups wait for memory: the next ones are fetched
		   while this one is made */
		if (i + 8 < f->nrefs)
			strset_prefetch(b->ids, f->refs[i + 8]);
		if (!written(b, f->refs[i], 0)) {
			char *referrer = xasprintf("@%s", f->refs[i]);

			note_pending(b, &b->frefs, referrer, f->refs[i], 0, 0, 0);
			free(referrer);
		}
	}
	/* a first import has nothing to compare with; the row that was, if
	   it differs, is kept for the audit (a row added is audited by its
	   number alone) */
	if (!b->fresh) {
		sq_bind_text(b->fget, 1, b->model);
		sq_bind_int64(b->fget, 2, position);
		if (sq_step(b->st, b->fget) == DB_ROW) {
			unchanged = db_column_int(b->fget, 0) == f->grp &&
			    db_column_int(b->fget, 1) == f->depth &&
			    same(col(b->fget, 2), data);
			if (!unchanged)
				before = xasprintf("{\"data\":%s,\"depth\":%d,"
				    "\"group\":%d}", col(b->fget, 2),
				    db_column_int(b->fget, 1),
				    db_column_int(b->fget, 0));
		}
		db_reset(b->fget);
	}
	if (f->id && (rc = mark_seen(b, f->id)) != KK_OK)
		goto out;
	rc = KK_OK;
	if (unchanged)
		goto out;
	after = before ? xasprintf("{\"data\":%s,\"depth\":%d,"
	    "\"group\":%d}", data, f->depth, f->grp) : NULL;
	stmt = before ? b->fupd : b->fins;
	sq_bind_text(stmt, 1, b->model);
	sq_bind_int64(stmt, 2, position);
	sq_bind_int64(stmt, 3, f->grp);
	sq_bind_int64(stmt, 4, f->depth);
	sq_bind_text(stmt, 5, data);
	rc = step_reset(st, stmt, _("writing a folder"));
	if (!rc) {
		entity = xasprintf("archimate folder %s/%ld", b->model, position);
		if (before)
			rc = b_audit(b, STORE_CHANGED, entity, before, after);
		else
			b_added(b, AM_FOLDER, entity);
		free(entity);
	}
out:
	free(data);
	free(before);
	free(after);
	return rc;
}

int
store_am_put_view(struct store_am_batch *b, const char *id, const char *xml,
    char **owner)
{
	struct store *st = b->st;
	struct db_stmt *stmt;
	char *before = NULL, *entity;
	long position = ++b->view_position;
	int rc;

	flushed(b);
	*owner = NULL;
	note_target(b, id, STORE_AM_VIEW);
	stmt = sq_prep(st, "SELECT model_id, xml, position FROM am_view WHERE "
	    "id = ?1 UNION ALL SELECT model_id, NULL, 0 FROM am_concept WHERE "
	    "id = ?1");
	sq_bind_text(stmt, 1, id);
	if (sq_step(st, stmt) == DB_ROW) {
		if (strcmp(col(stmt, 0), b->model) || !col(stmt, 1)) {
			if (strcmp(col(stmt, 0), b->model))
				*owner = xstrdup(col(stmt, 0));
			db_finalize(stmt);
			return KK_ECONFLICT;
		}
		before = xstrdup(col(stmt, 1));
		if (b->merge)
			position = (long)db_column_int64(stmt, 2);
	}
	db_finalize(stmt);
	if ((rc = mark_seen_row(b, id)) != KK_OK && !(b->merge && before)) {
		free(before);
		return rc;
	}
	if (before && !strcmp(before, xml)) {
		stmt = sq_prep(st, "UPDATE am_view SET position = ? WHERE id = ?");
		sq_bind_int64(stmt, 1, position);
		sq_bind_text(stmt, 2, id);
		free(before);
		return sq_run(st, stmt, _("writing a view"));
	}
	stmt = sq_prep(st, before ? "UPDATE am_view SET xml = ?3, position = ?4, "
	    "version = version + 1 WHERE id = ?1" : "INSERT INTO am_view (id, "
	    "model_id, xml, position) VALUES (?1, ?2, ?3, ?4)");
	sq_bind_text(stmt, 1, id);
	sq_bind_text(stmt, 2, b->model);
	sq_bind_text(stmt, 3, xml);
	sq_bind_int64(stmt, 4, position);
	rc = sq_run(st, stmt, _("writing a view"));
	if (rc && db_status(st->db) == DB_ECONSTRAINT)
		rc = KK_ECONFLICT;
	if (!rc) {
		char *a = NULL, *bf = NULL;
		struct buf j = BUF_INIT;

		buf_add_json_str(&j, xml);
		a = buf_detach(&j, NULL);
		if (before) {
			buf_add_json_str(&j, before);
			bf = buf_detach(&j, NULL);
		}
		entity = xasprintf("archimate view %s", id);
		if (before)
			rc = b_audit(b, STORE_CHANGED, entity, bf, a);
		else
			b_added(b, AM_VIEW, entity);
		free(entity);
		free(a);
		free(bf);
	}
	free(before);
	return rc;
}

int
store_am_known(struct store_am_batch *b, const char *id)
{
	note_target(b, id, AM_ANY_KIND);
	return KK_OK;
}

int
store_am_ref(struct store_am_batch *b, const char *referrer, const char *ref,
    unsigned want, int line, int col)
{
	note_pending(b, &b->refs, referrer, ref, want, line, col);
	return KK_OK;
}

bool
store_am_written(struct store_am_batch *b, const char *id)
{
	return written(b, id, 0);
}

/* What another model's identifier names, as bits: its concepts and views,
   its property definitions, the rest. */
enum { FOREIGN_CONCEPT = 1, FOREIGN_PROPDEF = 2, FOREIGN_OTHER = 4 };

/* The identifiers of the nodes and connections of a stored view. */
static void
add_view_ids(struct strset *set, xmlNodePtr n)
{
	xmlChar *v;

	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if ((v = xmlGetNoNsProp(n, BAD_CAST "identifier"))) {
			*strset_add(set, (const char *)v, NULL) |= FOREIGN_OTHER;
			xmlFree(v);
		}
		add_view_ids(set, n->children);
	}
}

static void
read_foreign(struct store_am_batch *b)
{
	struct db_stmt *stmt;
	xmlDocPtr doc;

	b->foreign = strset_new();
	/* concepts and views: the store compares them with this import's
	   concepts itself, at their writing */
	stmt = sq_prep(b->st, "SELECT id FROM am_concept WHERE model_id <> ?1 "
	    "UNION ALL SELECT id FROM am_view WHERE model_id <> ?1");
	sq_bind_text(stmt, 1, b->model);
	while (sq_step(b->st, stmt) == DB_ROW)
		*strset_add(b->foreign, col(stmt, 0), NULL) |= FOREIGN_CONCEPT;
	db_finalize(stmt);
	stmt = sq_prep(b->st, "SELECT id FROM am_propdef WHERE model_id <> ?1");
	sq_bind_text(stmt, 1, b->model);
	while (sq_step(b->st, stmt) == DB_ROW)
		*strset_add(b->foreign, col(stmt, 0), NULL) |= FOREIGN_PROPDEF;
	db_finalize(stmt);
	stmt = sq_prep(b->st, "SELECT json_extract(data, '$.i') FROM am_folder "
	    "WHERE model_id <> ?1 AND json_extract(data, '$.i') IS NOT NULL "
	    "UNION ALL SELECT id FROM am_model WHERE id <> ?1");
	sq_bind_text(stmt, 1, b->model);
	while (sq_step(b->st, stmt) == DB_ROW)
		*strset_add(b->foreign, col(stmt, 0), NULL) |= FOREIGN_OTHER;
	db_finalize(stmt);
	stmt = sq_prep(b->st, "SELECT xml FROM am_view WHERE model_id <> ?1");
	sq_bind_text(stmt, 1, b->model);
	while (sq_step(b->st, stmt) == DB_ROW) {
		const char *xml = col(stmt, 0);
		xmlNodePtr root;

		if (!xml)
			continue;
		doc = xmlReadMemory(xml, (int)strlen(xml), NULL, NULL,
		    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
		if (doc && (root = xmlDocGetRootElement(doc)))
			add_view_ids(b->foreign, root->children);
		xmlFreeDoc(doc);
	}
	db_finalize(stmt);
}

char *
store_am_foreign(struct store_am_batch *b, const char *id,
    enum am_id_kind kind)
{
	static const unsigned char clash[] = {
		[AM_ID_CONCEPT] = FOREIGN_OTHER,
		[AM_ID_PROPDEF] = FOREIGN_OTHER,
		[AM_ID_OTHER] = FOREIGN_CONCEPT | FOREIGN_PROPDEF | FOREIGN_OTHER,
	};
	unsigned char *flags;
	struct db_stmt *stmt;
	char *owner = NULL;

	if (!b->foreign)
		read_foreign(b);
	flags = strset_get(b->foreign, id);
	if (!flags || !(*flags & clash[kind]))
		return NULL;
	/* found: which model has it (a node's identifier, an NCName, is
	   written as identifier="ID" in the view's text) */
	stmt = sq_prep(b->st, "SELECT model_id FROM am_concept WHERE id = ?2 "
	    "AND model_id <> ?1 UNION ALL SELECT model_id FROM am_propdef "
	    "WHERE id = ?2 AND model_id <> ?1 UNION ALL SELECT model_id FROM "
	    "am_folder WHERE model_id <> ?1 AND json_extract(data, '$.i') = ?2 "
	    "UNION ALL SELECT id FROM am_model WHERE id = ?2 AND id <> ?1 "
	    "UNION ALL SELECT model_id FROM am_view WHERE model_id <> ?1 AND "
	    "(id = ?2 OR instr(xml, 'identifier=\"' || ?2 || '\"') > 0)");
	sq_bind_text(stmt, 1, b->model);
	sq_bind_text(stmt, 2, id);
	owner = xstrdup(sq_step(b->st, stmt) == DB_ROW ? col(stmt, 0) :
	    "?");
	db_finalize(stmt);
	return owner;
}

bool
store_am_exists(struct store_am_batch *b, const char *id)
{
	bool found;

	flushed(b);
	if (written(b, id, 0))
		return true;
	sq_bind_text(b->exists, 1, id);
	found = sq_step(b->st, b->exists) == DB_ROW;
	db_reset(b->exists);
	return found;
}

/*
 * Whether REF, which this import did not write, exists beside it: as a
 * concept or view of another model, or a property definition of this
 * one. A model imported anew, or added to, counts its own concepts and
 * views from before as well; a model replaced does not, as they are going.
 */
static int
found_beside(struct store_am_batch *b, const char *ref, unsigned want,
    bool *found)
{
	int step;

	/* each row says its kind (store.h's STORE_AM_ELEMENT ...) */
	if (!b->found)
		b->found = sq_prep(b->st, b->fresh || b->merge ?
		    "SELECT CASE relation WHEN 1 THEN 8 ELSE 4 END FROM "
		    "am_concept WHERE id = ?1 UNION ALL SELECT 32 FROM am_view "
		    "WHERE id = ?1 UNION ALL SELECT 16 FROM am_propdef WHERE "
		    "model_id = ?2 AND id = ?1" :
		    "SELECT CASE relation WHEN 1 THEN 8 ELSE 4 END FROM "
		    "am_concept WHERE id = ?1 AND model_id <> ?2 UNION ALL "
		    "SELECT 32 FROM am_view WHERE id = ?1 AND model_id <> ?2 "
		    "UNION ALL SELECT 16 FROM am_propdef WHERE model_id = ?2 AND "
		    "id = ?1");
	sq_bind_text(b->found, 1, ref);
	sq_bind_text(b->found, 2, b->model);
	*found = false;
	while ((step = sq_step(b->st, b->found)) == DB_ROW)
		if (!want || (want & (unsigned)db_column_int(b->found, 0)))
			*found = true;
	db_reset(b->found);
	if (step != DB_DONE)
		return sq_fail(b->st, KK_EIO, _("checking references"));
	return KK_OK;
}

/* Report those of P that lead nowhere, while *N < LIMIT. */
static int
dangling_of(struct store_am_batch *b, const struct am_pendings *p,
    size_t limit, size_t *n, store_am_dangling_fn *fn, void *ctx)
{
	size_t i;
	bool found = false;
	int rc;

	for (i = 0; i < p->n && *n < limit; i++) {
		const struct am_pending *e = &p->v[i];

		if (written(b, e->ref, e->want))
			continue;
		if ((rc = found_beside(b, e->ref, e->want, &found)) != KK_OK)
			return rc;
		if (!found) {
			fn(ctx, e->referrer, e->ref, e->want, e->line, e->col);
			(*n)++;
		}
	}
	return KK_OK;
}

int
store_am_dangling(struct store_am_batch *b, size_t limit,
    store_am_dangling_fn *fn, void *ctx)
{
	size_t n = 0;
	int rc;

	flushed(b);
	if ((rc = dangling_of(b, &b->ends, limit, &n, fn, ctx)) == KK_OK &&
	    (rc = dangling_of(b, &b->refs, limit, &n, fn, ctx)) == KK_OK)
		rc = dangling_of(b, &b->frefs, limit, &n, fn, ctx);
	return rc;
}

int
store_am_mappings(struct store *st, const char *model,
    store_am_mapping_fn *fn, void *ctx)
{
	struct db_stmt *stmt = sq_prep(st, model ? "SELECT id, strategy_id, "
	    "item_id FROM am_concept WHERE model_id = ? AND item_id IS NOT "
	    "NULL ORDER BY position" : "SELECT id, strategy_id, item_id FROM "
	    "am_concept WHERE item_id IS NOT NULL");

	if (model)
		sq_bind_text(stmt, 1, model);
	while (sq_step(st, stmt) == DB_ROW)
		fn(ctx, col(stmt, 0), col(stmt, 1), col(stmt, 2));
	db_finalize(stmt);
	return sq_read_rc(st);
}

/* Remove the rows of TABLE of the model this import did not write. */
static int
remove_unseen(struct store_am_batch *b, const char *select,
    const char *delete, const char *kind)
{
	struct store *st = b->st;
	struct db_stmt *stmt = sq_prep(st, select);
	int rc = KK_OK;

	sq_bind_text(stmt, 1, b->model);
	while (!rc && sq_step(st, stmt) == DB_ROW) {
		char *entity = xasprintf("archimate %s%s%s", kind, *kind ? " " :
		    "", col(stmt, 0));

		rc = b_audit(b, STORE_REMOVED, entity, col(stmt, 1), NULL);
		free(entity);
	}
	db_finalize(stmt);
	if (!rc) {
		stmt = sq_prep(st, delete);
		sq_bind_text(stmt, 1, b->model);
		rc = sq_run(st, stmt, _("removing from a model"));
	}
	return rc;
}

/*
 * Remove the concepts of a model replaced that this import did not write,
 * each with its audit row, in the model's order. Unless every stored one
 * was written again (the common case: then there is nothing to look for).
 */
static int
remove_concepts(struct store_am_batch *b)
{
	struct store *st = b->st;
	struct db_stmt *stmt;
	struct arena *a;
	const char **gone;
	size_t n = 0, cap = 16, i;
	int rc = KK_OK;

	if (b->kept == b->stored)
		return KK_OK;
	a = arena_new();
	gone = arena_calloc(a, cap, sizeof(*gone));
	stmt = sq_prep(st, "SELECT id, CASE relation WHEN 1 THEN "
	    "'relationship ' ELSE 'element ' END || id, "
	    "'{\"data\":' || data || "
	    "',\"item\":' || json_quote(item_id) || ',\"model\":' || "
	    "json_quote(model_id) || ',\"source\":' || json_quote(source) "
	    "|| ',\"strategy\":' || json_quote(strategy_id) || "
	    "',\"target\":' || json_quote(target) || ',\"type\":' || "
	    "json_quote(type) || '}' FROM am_concept WHERE model_id = ?1 "
	    "ORDER BY position");
	sq_bind_text(stmt, 1, b->model);
	while (!rc && sq_step(st, stmt) == DB_ROW) {
		const unsigned char *f = strset_get(b->ids, col(stmt, 0));
		char *entity;

		if (f && (*f & AM_SEEN))
			continue;
		entity = xasprintf("archimate %s", col(stmt, 1));
		rc = b_audit(b, STORE_REMOVED, entity, col(stmt, 2), NULL);
		free(entity);
		if (n == cap)
			gone = arena_grow(a, gone, &cap, sizeof(*gone));
		gone[n++] = arena_strdup(a, col(stmt, 0));
	}
	db_finalize(stmt);
	stmt = sq_prep(st, "DELETE FROM am_concept WHERE id = ?");
	for (i = 0; !rc && i < n; i++) {
		sq_bind_text(stmt, 1, gone[i]);
		rc = step_reset(st, stmt, _("removing from a model"));
	}
	db_finalize(stmt);
	arena_free(a);
	return rc;
}

int
store_am_end(struct store_am_batch *b)
{
	int rc;

	flushed(b);
	/* the concepts are all written: the cursor is done */
	db_finalize(b->cur);
	b->cur = NULL;
	b->cur_row = false;
	rc = b_audit_added(b);
	if (!rc && !b->fresh && !b->merge) {
		char *folders = xasprintf("SELECT model_id || '/' || position, "
		    "'{\"data\":' || data || ',\"depth\":' || depth || "
		    "',\"group\":' || grp || '}' FROM am_folder WHERE "
		    "model_id = ?1 AND position > %ld", b->folder_position);
		char *delfolders = xasprintf("DELETE FROM am_folder WHERE "
		    "model_id = ?1 AND position > %ld", b->folder_position);

		rc = remove_concepts(b);
		if (!rc)
			rc = remove_unseen(b, "SELECT model_id || '/' || id, data "
			    "FROM am_propdef WHERE model_id = ?1 AND id NOT IN "
			    "(SELECT id FROM am_seen)", "DELETE FROM am_propdef "
			    "WHERE model_id = ?1 AND id NOT IN (SELECT id FROM "
			    "am_seen)", "property-definition");
		if (!rc)
			rc = remove_unseen(b, "SELECT id, json_quote(xml) FROM "
			    "am_view WHERE model_id = ?1 AND id NOT IN (SELECT id "
			    "FROM am_seen)", "DELETE FROM am_view WHERE model_id = "
			    "?1 AND id NOT IN (SELECT id FROM am_seen)", "view");
		if (!rc)
			rc = remove_unseen(b, folders, delfolders, "folder");
		free(folders);
		free(delfolders);
	}
	store_am_abort(b);
	return rc;
}

/* Reading. */

int
store_am_each_concept(struct store *st, bool relations,
    store_am_concept_fn *fn, void *ctx)
{
	struct db_stmt *stmt = sq_prep(st, "SELECT c.model_id, c.id, c.type, "
	    "c.source, c.target, c.strategy_id, c.item_id, c.data FROM "
	    "am_model m JOIN am_concept c ON c.model_id = m.id WHERE "
	    "c.relation = ? ORDER BY m.position, c.position");
	int rc = KK_OK, step;

	sq_bind_int64(stmt, 1, relations);
	while (!rc && (step = sq_step(st, stmt)) == DB_ROW) {
		struct arena *a = arena_new();
		struct am_concept c;

		memset(&c, 0, sizeof(c));
		c.relation = relations;
		c.id = col(stmt, 1);
		c.type = col(stmt, 2);
		c.source = col(stmt, 3);
		c.target = col(stmt, 4);
		c.strategy = col(stmt, 5);
		c.item = col(stmt, 6);
		if (am_concept_parse(a, col(stmt, 7), &c)) {
			free(st->errmsg);
			st->errmsg = xasprintf(_("stored concept '%s' is damaged"),
			    c.id);
			rc = KK_EIO;
		} else {
			rc = fn(ctx, col(stmt, 0), &c);
		}
		arena_free(a);
	}
	db_finalize(stmt);
	return rc ? rc : sq_read_rc(st);
}

int
store_am_each_folder(struct store *st, store_am_folder_fn *fn, void *ctx)
{
	struct db_stmt *stmt = sq_prep(st, "SELECT f.model_id, f.grp, f.depth, "
	    "f.data FROM am_model m JOIN am_folder f ON f.model_id = m.id "
	    "ORDER BY m.position, f.position");
	int rc = KK_OK;

	while (!rc && sq_step(st, stmt) == DB_ROW) {
		struct arena *a = arena_new();
		struct am_folder f;

		memset(&f, 0, sizeof(f));
		if (am_folder_parse(a, col(stmt, 3), &f)) {
			free(st->errmsg);
			st->errmsg = xstrdup(_("a stored folder is damaged"));
			rc = KK_EIO;
		} else {
			f.grp = db_column_int(stmt, 1);
			f.depth = db_column_int(stmt, 2);
			rc = fn(ctx, col(stmt, 0), &f);
		}
		arena_free(a);
	}
	db_finalize(stmt);
	return rc ? rc : sq_read_rc(st);
}

int
store_am_each_view(struct store *st, store_am_view_fn *fn, void *ctx)
{
	struct db_stmt *stmt = sq_prep(st, "SELECT v.model_id, v.id, v.xml FROM "
	    "am_model m JOIN am_view v ON v.model_id = m.id ORDER BY "
	    "m.position, v.position");
	int rc = KK_OK;

	while (!rc && sq_step(st, stmt) == DB_ROW)
		rc = fn(ctx, col(stmt, 0), col(stmt, 1), col(stmt, 2));
	db_finalize(stmt);
	return rc ? rc : sq_read_rc(st);
}

int
store_am_list_propdefs(struct store *st, struct arena *a,
    struct am_propdef **out, const char ***models, size_t *n)
{
	struct db_stmt *stmt = sq_prep(st, "SELECT p.model_id, p.id, p.data FROM "
	    "am_model m JOIN am_propdef p ON p.model_id = m.id ORDER BY "
	    "m.position, p.position");
	size_t cap = 0;
	int rc = KK_OK;

	*out = NULL;
	*models = NULL;
	*n = 0;
	while (!rc && sq_step(st, stmt) == DB_ROW) {
		if (*n == cap) {
			struct am_propdef *v;
			const char **m;

			cap = cap ? 2 * cap : 16;
			v = arena_calloc(a, cap, sizeof(*v));
			m = arena_calloc(a, cap, sizeof(*m));
			if (*n) {
				memcpy(v, *out, *n * sizeof(*v));
				memcpy(m, *models, *n * sizeof(*m));
			}
			*out = v;
			*models = m;
		}
		(*models)[*n] = sq_col_text(a, stmt, 0);
		rc = am_propdef_parse(a, col(stmt, 2), &(*out)[*n]);
		(*out)[(*n)++].id = sq_col_text(a, stmt, 1);
	}
	db_finalize(stmt);
	return rc ? rc : sq_read_rc(st);
}

long
store_am_count(struct store *st, const char *what)
{
	struct db_stmt *stmt;
	long n;

	if (!strcmp(what, "elements"))
		stmt = sq_prep(st, "SELECT count(*) FROM am_concept WHERE "
		    "relation = 0");
	else if (!strcmp(what, "relationships"))
		stmt = sq_prep(st, "SELECT count(*) FROM am_concept WHERE "
		    "relation = 1");
	else if (!strcmp(what, "views"))
		stmt = sq_prep(st, "SELECT count(*) FROM am_view");
	else if (!strcmp(what, "folders"))
		stmt = sq_prep(st, "SELECT count(*) FROM am_folder");
	else
		BUG("unknown count '%s'", what);
	n = sq_step(st, stmt) == DB_ROW ?
	    (long)db_column_int64(stmt, 0) : 0;
	db_finalize(stmt);
	return n;
}

bool
store_am_has(struct store *st, const char *id)
{
	struct db_stmt *stmt = sq_prep(st, "SELECT 1 FROM am_concept WHERE id = ?1 "
	    "UNION ALL SELECT 1 FROM am_view WHERE id = ?1");
	bool has;

	sq_bind_text(stmt, 1, id);
	has = sq_step(st, stmt) == DB_ROW;
	db_finalize(stmt);
	return has;
}
