/* store-sqlite.c: the store on an embedded SQLite file. */
#include "store-sqlite.h"

#include <stdlib.h>
#include <string.h>

/*
 * What SQLite's last error means for the user, kept until the store is
 * closed (the first one counts: what follows it is its consequence).
 * Busy and a failing disk are not the user's input: they get their own
 * exit status (cmd_exit_status()) and a message of their own.
 */
static const char *
note_fault(struct store *st)
{
	int code = sqlite3_errcode(st->db) & 0xff;

	if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
		if (!st->fault)
			st->fault = KK_EBUSY;
		return _("the database is locked by another program");
	}
	if (code == SQLITE_FULL || code == SQLITE_IOERR) {
		if (!st->fault)
			st->fault = KK_EDISK;
		return code == SQLITE_FULL ? _("the disk is full") :
		    _("the disk failed (I/O error)");
	}
	return NULL;
}

/* ERR, and when a write transaction was open that nothing of it was
   written: it is always rolled back. */
static char *
fault_message(struct store *st, const char *what, const char *err)
{
	const char *fault = note_fault(st);

	if (fault && st->writing)
		return xasprintf(_("%s: %s; nothing was written"), what,
		    fault);
	if (fault)
		return xasprintf("%s: %s", what, fault);
	return xasprintf("%s: %s", what, err);
}

int
sq_fail(struct store *st, int rc, const char *what)
{
	char *msg;

	/* WHAT is a literal the callers mark for translation by passing it
	   here (scripts/update-po takes sq_fail's and sq_run's third
	   argument) */
	msg = fault_message(st, _(what), sqlite3_errmsg(st->db));
	free(st->errmsg);
	st->errmsg = msg;
	return rc;
}

int
store_fault(const struct store *st)
{
	return st ? st->fault : KK_OK;
}

const char *
store_errmsg(const struct store *st)
{
	return st->errmsg ? st->errmsg : "no error";
}

int
sq_exec(struct store *st, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		char *m = note_fault(st) ? fault_message(st,
		    _("writing the database"), NULL) :
		    xstrdup(msg ? msg : "unknown SQLite error");

		free(st->errmsg);
		st->errmsg = m;
		sqlite3_free(msg);
		return KK_EIO;
	}
	return KK_OK;
}

/* A prepared statement; a failure to prepare is a bug in our SQL. */
sqlite3_stmt *
sq_prep(struct store *st, const char *sql)
{
	sqlite3_stmt *stmt;

	if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK)
		BUG("cannot prepare '%s': %s", sql, sqlite3_errmsg(st->db));
	return stmt;
}

void
sq_bind_text(sqlite3_stmt *stmt, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(stmt, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(stmt, i);
}

void
sq_bind_long(sqlite3_stmt *stmt, int i, long v, bool present)
{
	if (present)
		sqlite3_bind_int64(stmt, i, v);
	else
		sqlite3_bind_null(stmt, i);
}

/* Step a statement that returns no rows, and finalize it. */
int
sq_run(struct store *st, sqlite3_stmt *stmt, const char *what)
{
	int rc = sqlite3_step(stmt);

	if (rc != SQLITE_DONE) {
		sq_fail(st, KK_EIO, what);
		sqlite3_finalize(stmt);
		return KK_EIO;
	}
	sqlite3_finalize(stmt);
	return KK_OK;
}

const char *
sq_col_text(struct arena *a, sqlite3_stmt *stmt, int i)
{
	const unsigned char *s = sqlite3_column_text(stmt, i);

	return s ? arena_strdup(a, (const char *)s) : NULL;
}

/*
 * What a database is to konkordat, found before anything is written to it:
 * reading a file's header and its list of tables changes nothing.
 */
enum db_kind {
	DB_EMPTY,	/* no tables: a new file, konkordat may make its own */
	DB_KONKORDAT,	/* konkordat's, marked by its application_id */
	DB_UNMARKED,	/* konkordat's from before the mark (migration 007) */
	DB_FOREIGN,	/* another program's */
};

/* Tables every konkordat database has had since its first schema; no
   other program's file is likely to hold all of them. */
static const char *const own_tables[] = {
	"party", "membership", "strategy", "item", "realisation", "audit",
};

static int
pragma_int(struct store *st, const char *sql, int *out)
{
	sqlite3_stmt *stmt;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return sq_fail(st, KK_EIO, N_("reading the database"));
	rc = sqlite3_step(stmt);
	*out = rc == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : 0;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		sq_fail(st, KK_EIO, N_("reading the database"));
		sqlite3_finalize(stmt);
		return KK_EIO;
	}
	sqlite3_finalize(stmt);
	return KK_OK;
}

/* Read the file's header and tables: what kind of database it is, and its
   schema version. A file SQLite cannot read fails here, with the reason. */
static int
identify(struct store *st, enum db_kind *kind, int *version)
{
	sqlite3_stmt *stmt;
	int app_id, ntables = 0, nown = 0, rc;
	size_t i;

	if ((rc = pragma_int(st, "PRAGMA application_id", &app_id)) ||
	    (rc = pragma_int(st, "PRAGMA user_version", version)))
		return rc;
	/* the whole schema is parsed here: a damaged one fails now, not in
	   the middle of a verb */
	if (sqlite3_prepare_v2(st->db, "SELECT name FROM sqlite_master WHERE "
	    "type = 'table'", -1, &stmt, NULL) != SQLITE_OK)
		return sq_fail(st, KK_EIO, N_("reading the database"));
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(stmt, 0);

		ntables++;
		for (i = 0; name && i < KK_ARRAY_SIZE(own_tables); i++)
			if (!strcmp(name, own_tables[i]))
				nown++;
	}
	if (rc != SQLITE_DONE) {
		sq_fail(st, KK_EIO, N_("reading the database"));
		sqlite3_finalize(stmt);
		return KK_EIO;
	}
	sqlite3_finalize(stmt);
	if (app_id == STORE_APPLICATION_ID)
		*kind = DB_KONKORDAT;
	else if (app_id == 0 && ntables == 0 && *version == 0)
		*kind = DB_EMPTY;
	else if (app_id == 0 && *version > 0 &&
	    nown == (int)KK_ARRAY_SIZE(own_tables))
		*kind = DB_UNMARKED;
	else
		*kind = DB_FOREIGN;
	return KK_OK;
}

static int
migrate(struct store *st, int have)
{
	int known = 0, rc = KK_OK;

	while (store_migrations[known].name)
		known++;
	if (have > known) {
		free(st->errmsg);
		st->errmsg = xasprintf(_("the database has schema version %d, "
		    "newer than this konkordat knows (%d)"), have, known);
		return KK_EINPUT;
	}
	if (have < known && st->readonly) {
		free(st->errmsg);
		st->errmsg = xasprintf(_("the database has schema version %d, "
		    "this konkordat needs %d: run 'konkordat init' to update it"),
		    have, known);
		return KK_EINPUT;
	}
	for (; have < known; have++) {
		char *bump = xasprintf("PRAGMA user_version = %d", have + 1);

		rc = sq_exec(st, "BEGIN IMMEDIATE");
		if (!rc)
			rc = sq_exec(st, store_migrations[have].sql);
		if (!rc)
			rc = sq_exec(st, bump);
		if (!rc)
			rc = sq_exec(st, "COMMIT");
		free(bump);
		if (rc) {
			char *msg = xasprintf("migration %s: %s",
			    store_migrations[have].name, st->errmsg);

			sq_exec(st, "ROLLBACK");
			free(st->errmsg);
			st->errmsg = msg;
			return rc;
		}
	}
	return KK_OK;
}

/*
 * PRAGMA quick_check before a writer changes anything: a damaged page
 * (zeroed by a failing disk, overwritten by another program) would
 * otherwise be written around and spread. It reads every page once, in
 * time linear in the file's size (doc/schema.md has its cost).
 */
static int
quick_check(struct store *st)
{
	sqlite3_stmt *stmt;
	const char *what;
	int rc;

	if (sqlite3_prepare_v2(st->db, "PRAGMA quick_check(1)", -1, &stmt,
	    NULL) != SQLITE_OK)
		return sq_fail(st, KK_EIO, N_("checking the database"));
	rc = sqlite3_step(stmt);
	what = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(stmt, 0) :
	    NULL;
	if (rc != SQLITE_ROW) {
		sq_fail(st, KK_EIO, N_("checking the database"));
		sqlite3_finalize(stmt);
		return KK_EIO;
	}
	if (!what || strcmp(what, "ok")) {
		free(st->errmsg);
		st->errmsg = xasprintf(_("the database is damaged (%s); "
		    "konkordat writes nothing into it: restore a backup"),
		    what ? what : "?");
		sqlite3_finalize(stmt);
		return KK_EIO;
	}
	sqlite3_finalize(stmt);
	return KK_OK;
}

/*
 * PATH as an SQLite URI with QUERY: '%', '?' and '#' are escaped, and a
 * path that starts with two slashes is not taken for an authority.
 */
static char *
path_uri(const char *path, const char *query)
{
	struct buf b = BUF_INIT;
	const char *p;

	buf_adds(&b, "file:");
	if (path[0] == '/' && path[1] == '/')
		buf_adds(&b, "//");	/* an empty authority first */
	for (p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			buf_addf(&b, "%%%02X", (unsigned char)*p);
		else
			buf_addc(&b, *p);
	}
	if (query)
		buf_addf(&b, "?%s", query);
	return buf_detach(&b, NULL);
}

/* The busy timeout in milliseconds: 5 s, or $KONKORDAT_BUSY_TIMEOUT. */
static int
busy_timeout(void)
{
	const char *env = getenv("KONKORDAT_BUSY_TIMEOUT");
	char *end;
	long ms;

	if (!env || !*env)
		return 5000;
	ms = strtol(env, &end, 10);
	if (*end || ms < 0 || ms > 3600000)
		return 5000;
	return (int)ms;
}

static int
connect_db(struct store *st, const char *path, enum store_open_mode mode,
    bool immutable)
{
	int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
	char *uri = path_uri(path, immutable ? "immutable=1" : NULL);
	int rc;

	if (mode == STORE_READONLY)
		flags |= SQLITE_OPEN_READONLY;
	else
		flags |= SQLITE_OPEN_READWRITE;
	if (mode == STORE_CREATE)
		flags |= SQLITE_OPEN_CREATE;
	sqlite3_close(st->db);
	st->db = NULL;
	rc = sqlite3_open_v2(uri, &st->db, flags, NULL);
	free(uri);
	if (rc != SQLITE_OK)
		return KK_EIO;
	sqlite3_busy_timeout(st->db, busy_timeout());
	sqlite3_extended_result_codes(st->db, 1);
	return KK_OK;
}

/* WHAT (a message about the file), then DETAIL if there is one. */
static char *
open_error(char *what, const char *detail)
{
	char *msg = detail ? xasprintf("%s: %s", what, detail) : what;

	if (msg != what)
		free(what);
	return msg;
}

int
store_open(const char *path, enum store_open_mode mode, struct store **out,
    char **errmsg)
{
	struct store *st = xcalloc(1, sizeof(*st));
	enum db_kind kind;
	char *msg = NULL;
	int version = 0, rc;

	*out = NULL;
	if (errmsg)
		*errmsg = NULL;
	/*
	 * konkordat uses SQLite from one thread: SQLite's mutexes and its
	 * count of memory in use (itself behind a mutex) cost on every row
	 * of a large import and guard nothing here. A server that shares
	 * connections between threads must drop this. The configuration
	 * can only be changed before SQLite starts, that is before the
	 * first open; later calls fail harmlessly.
	 */
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	st->readonly = mode == STORE_READONLY;
	if (connect_db(st, path, mode, false)) {
		msg = mode != STORE_CREATE ?
		    xasprintf(_("no database at '%s' (create one with "
		    "'konkordat init' or 'konkordat import')"), path) :
		    xasprintf(_("cannot open '%s': %s"), path,
		    st->db ? sqlite3_errmsg(st->db) : "out of memory");
		rc = KK_EIO;
		goto fail;
	}
	rc = identify(st, &kind, &version);
	/*
	 * A WAL database on read-only media, or in a folder where its -shm
	 * cannot be made, cannot be read the usual way. Nobody can write to
	 * it there either, so it is read as immutable: no locks, no -shm.
	 */
	if (rc && st->readonly &&
	    (sqlite3_errcode(st->db) & 0xff) == SQLITE_CANTOPEN) {
		if (connect_db(st, path, mode, true) == KK_OK)
			rc = identify(st, &kind, &version);
	}
	if (rc) {
		msg = open_error(xasprintf(_("cannot read '%s' as a "
		    "konkordat database"), path), st->errmsg);
		goto fail;
	}
	if (kind == DB_FOREIGN) {
		msg = xasprintf(_("'%s' is not a konkordat database; it is "
		    "left as it is"), path);
		rc = KK_EINPUT;
		goto fail;
	}
	if (kind == DB_EMPTY && st->readonly) {
		msg = xasprintf(_("'%s' holds no konkordat data yet (fill "
		    "it with 'konkordat init' or 'konkordat import')"), path);
		rc = KK_EINPUT;
		goto fail;
	}
	if (!st->readonly && sqlite3_db_readonly(st->db, "main") == 1) {
		msg = xasprintf(_("'%s' is read-only: konkordat cannot "
		    "write to it"), path);
		rc = KK_EINPUT;
		goto fail;
	}
	rc = sq_exec(st, "PRAGMA foreign_keys = ON");
	if (!rc && !st->readonly && kind != DB_EMPTY)
		rc = quick_check(st);
	/* a new database gets pages of 16 KiB (SQLite's default is 4): a
	   large model's rows then need fewer pages and a shallower tree; on
	   a database that exists this changes nothing */
	if (!rc && kind == DB_EMPTY)
		rc = sq_exec(st, "PRAGMA page_size = 16384");
	if (!rc && !st->readonly)
		rc = sq_exec(st, "PRAGMA journal_mode = WAL");
	if (!rc)
		rc = migrate(st, version);
	/* a database from before the mark that needed no migration */
	if (!rc && kind == DB_UNMARKED && !st->readonly) {
		char *stamp = xasprintf("PRAGMA application_id = %d",
		    STORE_APPLICATION_ID);

		rc = sq_exec(st, stamp);
		free(stamp);
	}
	if (rc) {
		msg = xasprintf("'%s': %s", path, st->errmsg);
		goto fail;
	}
	st->actor = xstrdup("konkordat");
	*out = st;
	return KK_OK;
fail:
	/* a lock or a disk that failed the opening is told as such */
	if (st->fault)
		rc = st->fault;
	if (errmsg)
		*errmsg = msg;
	else
		free(msg);
	store_close(st);
	return rc;
}

void
store_close(struct store *st)
{
	if (!st)
		return;
	store_end_read(st);
	sqlite3_close(st->db);
	free(st->errmsg);
	free(st->actor);
	free(st);
}

int
store_schema_version(struct store *st)
{
	sqlite3_stmt *stmt = sq_prep(st, "PRAGMA user_version");
	int v;

	sqlite3_step(stmt);
	v = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	return v;
}

int
store_begin(struct store *st)
{
	int rc;

	if (st->readonly) {
		free(st->errmsg);
		st->errmsg = xstrdup(_("the database is open for reading only"));
		return KK_EIO;
	}
	/* a read transaction cannot become a write one when another
	   program committed since it began: the write starts afresh */
	if (st->reading)
		store_end_read(st);
	st->writing = true;
	rc = sq_exec(st, "BEGIN IMMEDIATE");
	if (rc)
		st->writing = false;
	return rc;
}

int
store_commit(struct store *st)
{
	int rc = sq_exec(st, "COMMIT");

	if (rc) {
		/* a COMMIT that failed may leave the transaction open (busy)
		   or have rolled it back (disk full): it ends here */
		store_rollback(st);
		return rc;
	}
	st->writing = false;
	return KK_OK;
}

void
store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db)) {
		/* keep the message of what failed, not the ROLLBACK's */
		char *msg = st->errmsg;

		st->errmsg = NULL;
		sq_exec(st, "ROLLBACK");
		free(st->errmsg);
		st->errmsg = msg;
	}
	st->writing = false;
	st->reading = false;
}

/*
 * One read transaction around all the reads of a verb (or a request): what
 * it shows is one committed state, however many statements it takes and
 * whatever writers commit meanwhile. SQLite takes the snapshot at the
 * first read after BEGIN.
 */
int
store_begin_read(struct store *st)
{
	if (st->reading || st->writing)
		return KK_OK;
	if (sq_exec(st, "BEGIN DEFERRED"))
		return KK_EIO;
	st->reading = true;
	return KK_OK;
}

void
store_end_read(struct store *st)
{
	if (!st || !st->reading)
		return;
	st->reading = false;
	if (!sqlite3_get_autocommit(st->db))
		sq_exec(st, "COMMIT");
}

void
store_set_actor(struct store *st, const char *actor)
{
	free(st->actor);
	st->actor = xstrdup(actor);
}

void
store_set_notify(struct store *st, store_notify_fn *fn, void *ctx)
{
	st->notify = fn;
	st->notify_ctx = ctx;
}

long
store_audit_count(struct store *st)
{
	sqlite3_stmt *stmt = sq_prep(st, "SELECT count(*) FROM audit");
	long n;

	sqlite3_step(stmt);
	n = (long)sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return n;
}

/*
 * Record one change in the audit log and tell the caller. BEFORE and AFTER
 * are canonical JSON or NULL.
 */
int
sq_audit(struct store *st, enum store_change change, const char *entity,
    const char *before, const char *after)
{
	static const char *const actions[] = { "insert", "update", "delete" };
	sqlite3_stmt *stmt = sq_prep(st, "INSERT INTO audit (at, actor, action, "
	    "entity, before, after) VALUES (?, ?, ?, ?, ?, ?)");
	char now[21];
	int rc;

	utc_now(now);
	sq_bind_text(stmt, 1, now);
	sq_bind_text(stmt, 2, st->actor);
	sq_bind_text(stmt, 3, actions[change]);
	sq_bind_text(stmt, 4, entity);
	sq_bind_text(stmt, 5, before);
	sq_bind_text(stmt, 6, after);
	rc = sq_run(st, stmt, "audit");
	if (!rc && st->notify)
		st->notify(st->notify_ctx, change, entity);
	return rc;
}

/* JSON text of an id list, as kept in a TEXT column. */
char *
sq_ids_json(const struct kk_ids *ids)
{
	json_t *a = json_array();
	char *s;
	size_t i;

	for (i = 0; i < ids->n; i++)
		json_array_append_new(a, json_string(ids->v[i]));
	s = json_canonical(a);
	json_decref(a);
	return s;
}

struct kk_ids
sq_ids_parse(struct arena *a, const char *text)
{
	struct kk_ids ids = { NULL, 0, NULL };
	json_t *j;
	size_t i;

	if (!text)
		return ids;
	j = json_loads(text, 0, NULL);
	if (!j || !json_is_array(j))
		BUG("bad id list in the database: %s", text);
	ids.v = arena_calloc(a, json_array_size(j), sizeof(char *));
	for (i = 0; i < json_array_size(j); i++)
		ids.v[ids.n++] = arena_strdup(a,
		    json_string_value(json_array_get(j, i)));
	json_decref(j);
	return ids;
}

/* Parties. */

static const char party_cols[] = "id, name, kind, bfs, population, "
    "population_year, standalone";

static void
read_party_row(struct arena *a, sqlite3_stmt *stmt, struct kk_party *p)
{
	memset(p, 0, sizeof(*p));
	p->id = sq_col_text(a, stmt, 0);
	p->name = sq_col_text(a, stmt, 1);
	p->kind = (enum kk_party_kind)kk_enum_parse(
	    (const char *)sqlite3_column_text(stmt, 2), kk_party_kind_names,
	    KK_PARTY_KIND_COUNT);
	p->bfs = sqlite3_column_type(stmt, 3) == SQLITE_NULL ? 0 :
	    (long)sqlite3_column_int64(stmt, 3);
	p->population = sqlite3_column_type(stmt, 4) == SQLITE_NULL ? -1 :
	    (long)sqlite3_column_int64(stmt, 4);
	p->population_year = sqlite3_column_int(stmt, 5);
	p->standalone = sqlite3_column_int(stmt, 6) != 0;
}

static void
load_members(struct store *st, struct arena *a, struct kk_party *p)
{
	sqlite3_stmt *stmt = sq_prep(st, "SELECT member_id FROM membership "
	    "WHERE group_id = ? ORDER BY position");
	size_t cap = 0;

	sq_bind_text(stmt, 1, p->id);
	p->members.n = 0;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (p->members.n == cap) {
			const char **v;

			cap = cap ? 2 * cap : 16;
			v = arena_calloc(a, cap, sizeof(*v));
			if (p->members.n)
				memcpy(v, p->members.v,
				    p->members.n * sizeof(*v));
			p->members.v = v;
		}
		p->members.v[p->members.n++] = sq_col_text(a, stmt, 0);
	}
	sqlite3_finalize(stmt);
}

static int
cmp_party_id(const void *pa, const void *pb)
{
	return strcmp((*(const struct kk_party *const *)pa)->id,
	    (*(const struct kk_party *const *)pb)->id);
}

/* The members of all N parties V, in one query rather than one each. */
static void
load_all_members(struct store *st, struct arena *a, struct kk_party *v,
    size_t n)
{
	struct kk_party **by_id = xcalloc(n + 1, sizeof(*by_id));
	sqlite3_stmt *stmt = sq_prep(st, "SELECT group_id, count(*) FROM "
	    "membership GROUP BY group_id");
	size_t i;

	for (i = 0; i < n; i++) {
		by_id[i] = &v[i];
		v[i].members.v = NULL;
		v[i].members.n = 0;
	}
	qsort(by_id, n, sizeof(*by_id), cmp_party_id);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		struct kk_party key = { .id = (const char *)
		    sqlite3_column_text(stmt, 0) }, *kp = &key, **found;

		found = bsearch(&kp, by_id, n, sizeof(*by_id), cmp_party_id);
		if (found)
			(*found)->members.v = arena_calloc(a,
			    (size_t)sqlite3_column_int64(stmt, 1),
			    sizeof(char *));
	}
	sqlite3_finalize(stmt);
	stmt = sq_prep(st, "SELECT group_id, member_id FROM membership ORDER "
	    "BY group_id, position");
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		struct kk_party key = { .id = (const char *)
		    sqlite3_column_text(stmt, 0) }, *kp = &key, **found;

		found = bsearch(&kp, by_id, n, sizeof(*by_id), cmp_party_id);
		if (found && (*found)->members.v)
			(*found)->members.v[(*found)->members.n++] =
			    sq_col_text(a, stmt, 1);
	}
	sqlite3_finalize(stmt);
	free(by_id);
}

int
store_get_party(struct store *st, struct arena *a, const char *id,
    struct kk_party *out)
{
	char sql[160];
	sqlite3_stmt *stmt;
	int rc;

	snprintf(sql, sizeof(sql), "SELECT %s FROM party WHERE id = ?",
	    party_cols);
	stmt = sq_prep(st, sql);
	sq_bind_text(stmt, 1, id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		read_party_row(a, stmt, out);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? KK_ENOTFOUND :
		    sq_fail(st, KK_EIO, "reading a party");
	load_members(st, a, out);
	return KK_OK;
}

int
store_list_parties(struct store *st, struct arena *a, struct kk_party **out,
    size_t *n)
{
	char sql[320];
	sqlite3_stmt *stmt;
	size_t cap = 0;

	/* the parties with a file first, in the order of their kinds */
	snprintf(sql, sizeof(sql), "SELECT %s FROM party ORDER BY "
	    "standalone DESC, CASE kind WHEN 'canton' THEN 0 WHEN 'city' "
	    "THEN 1 WHEN 'association' THEN 2 WHEN 'consortium' THEN 3 "
	    "WHEN 'joint-organisation' THEN 4 ELSE 5 END, id", party_cols);
	stmt = sq_prep(st, sql);
	*out = NULL;
	*n = 0;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (*n == cap) {
			struct kk_party *v;

			cap = cap ? 2 * cap : 32;
			v = arena_calloc(a, cap, sizeof(*v));
			if (*n)
				memcpy(v, *out, *n * sizeof(*v));
			*out = v;
		}
		read_party_row(a, stmt, &(*out)[(*n)++]);
	}
	sqlite3_finalize(stmt);
	load_all_members(st, a, *out, *n);
	return KK_OK;
}

static char *
party_json(const struct kk_party *p)
{
	json_t *j = json_party(p);
	char *s;

	json_object_set_new(j, "standalone", json_boolean(p->standalone));
	s = json_canonical(j);
	json_decref(j);
	return s;
}

int
store_put_party(struct store *st, const struct kk_party *p)
{
	struct arena *a = arena_new();
	struct kk_party old;
	sqlite3_stmt *stmt;
	char *before = NULL, *after = party_json(p);
	char *entity = xasprintf("party %s", p->id);
	int rc = store_get_party(st, a, p->id, &old);
	size_t i;

	if (rc == KK_OK) {
		before = party_json(&old);
		if (!strcmp(before, after))
			goto out;
		stmt = sq_prep(st, "UPDATE party SET name = ?2, kind = ?3, "
		    "bfs = ?4, population = ?5, population_year = ?6, "
		    "standalone = ?7, version = version + 1 WHERE id = ?1");
	} else if (rc == KK_ENOTFOUND) {
		stmt = sq_prep(st, "INSERT INTO party (id, name, kind, bfs, "
		    "population, population_year, standalone) "
		    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	} else {
		goto out;
	}
	sq_bind_text(stmt, 1, p->id);
	sq_bind_text(stmt, 2, p->name);
	sq_bind_text(stmt, 3, kk_party_kind_names[p->kind]);
	sq_bind_long(stmt, 4, p->bfs, p->bfs > 0);
	sq_bind_long(stmt, 5, p->population, p->population >= 0);
	sq_bind_long(stmt, 6, p->population_year, p->population >= 0);
	sqlite3_bind_int(stmt, 7, p->standalone);
	if ((rc = sq_run(st, stmt, "writing a party")) != KK_OK)
		goto out;

	stmt = sq_prep(st, "DELETE FROM membership WHERE group_id = ?");
	sq_bind_text(stmt, 1, p->id);
	if ((rc = sq_run(st, stmt, "writing members")) != KK_OK)
		goto out;
	for (i = 0; i < p->members.n; i++) {
		stmt = sq_prep(st, "INSERT INTO membership (group_id, member_id, "
		    "position) VALUES (?, ?, ?)");
		sq_bind_text(stmt, 1, p->id);
		sq_bind_text(stmt, 2, p->members.v[i]);
		sqlite3_bind_int64(stmt, 3, (sqlite3_int64)i);
		if ((rc = sq_run(st, stmt, "writing members")) != KK_OK)
			goto out;
	}
	rc = sq_audit(st, before ? STORE_CHANGED : STORE_ADDED, entity, before,
	    after);
out:
	free(before);
	free(after);
	free(entity);
	arena_free(a);
	return rc;
}

/*
 * Remove the municipalities that were defined only as members and are no
 * longer a member of anything.
 */
int
store_prune_parties(struct store *st)
{
	struct arena *a = arena_new();
	sqlite3_stmt *stmt = sq_prep(st, "SELECT id FROM party WHERE "
	    "standalone = 0 AND id NOT IN (SELECT member_id FROM membership)");
	const char **ids = NULL;
	size_t n = 0, cap = 0, i;
	int rc = KK_OK;

	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			ids = xrealloc(ids, cap * sizeof(*ids));
		}
		ids[n++] = sq_col_text(a, stmt, 0);
	}
	sqlite3_finalize(stmt);
	for (i = 0; i < n && !rc; i++) {
		struct kk_party p;
		char *before, *entity;

		if ((rc = store_get_party(st, a, ids[i], &p)) != KK_OK)
			break;
		before = party_json(&p);
		entity = xasprintf("party %s", p.id);
		stmt = sq_prep(st, "DELETE FROM party WHERE id = ?");
		sq_bind_text(stmt, 1, p.id);
		rc = sq_run(st, stmt, "removing a party");
		if (!rc)
			rc = sq_audit(st, STORE_REMOVED, entity, before, NULL);
		free(before);
		free(entity);
	}
	free(ids);
	arena_free(a);
	return rc;
}

/* Strategies and their items. */

static const char strategy_cols[] = "id, party_id, title, period_start, "
    "period_end, doc_version, status, language, vision";

static void
read_strategy_row(struct arena *a, sqlite3_stmt *stmt, struct kk_strategy *s)
{
	const char *lang = (const char *)sqlite3_column_text(stmt, 7);
	int l = kk_enum_parse(lang ? lang : "", kk_languages, 4);

	memset(s, 0, sizeof(*s));
	s->id = sq_col_text(a, stmt, 0);
	s->party = sq_col_text(a, stmt, 1);
	s->title = sq_col_text(a, stmt, 2);
	s->start = sqlite3_column_int(stmt, 3);
	s->end = sqlite3_column_int(stmt, 4);
	s->version = sqlite3_column_int(stmt, 5);
	s->adopted = !strcmp((const char *)sqlite3_column_text(stmt, 6),
	    "adopted");
	s->lang = kk_languages[l < 0 ? 0 : l];
	s->vision = sq_col_text(a, stmt, 8);
}

/* Load the items of strategy S, in file order. */
static void
load_items(struct store *st, struct arena *a, struct kk_strategy *s)
{
	sqlite3_stmt *stmt = sq_prep(st, "SELECT id, kind, parent_id, title, "
	    "body, tags FROM item WHERE strategy_id = ? ORDER BY position");
	size_t cap = 0, i;

	sq_bind_text(stmt, 1, s->id);
	s->items = NULL;
	s->nitems = 0;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		struct kk_item *it;

		if (s->nitems == cap) {
			struct kk_item *v;

			cap = cap ? 2 * cap : 32;
			v = arena_calloc(a, cap, sizeof(*v));
			if (s->nitems)
				memcpy(v, s->items, s->nitems * sizeof(*v));
			s->items = v;
		}
		it = &s->items[s->nitems++];
		it->id = sq_col_text(a, stmt, 0);
		it->kind = (enum kk_item_kind)kk_enum_parse(
		    (const char *)sqlite3_column_text(stmt, 1),
		    kk_item_kind_names, KK_ITEM_KIND_COUNT);
		it->parent = sq_col_text(a, stmt, 2);
		it->title = sq_col_text(a, stmt, 3);
		it->text = sq_col_text(a, stmt, 4);
		it->tags = sq_ids_parse(a, (const char *)sqlite3_column_text(stmt,
		    5));
	}
	sqlite3_finalize(stmt);

	stmt = sq_prep(st, "SELECT measure_id, goal_id FROM realisation WHERE "
	    "strategy_id = ? ORDER BY measure_id, position");
	sq_bind_text(stmt, 1, s->id);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		const char *m = (const char *)sqlite3_column_text(stmt, 0);

		for (i = 0; i < s->nitems; i++) {
			struct kk_item *it = &s->items[i];

			if (strcmp(it->id, m))
				continue;
			if (!it->goals.v)
				it->goals.v = arena_calloc(a, s->nitems,
				    sizeof(char *));
			it->goals.v[it->goals.n++] = sq_col_text(a, stmt, 1);
		}
	}
	sqlite3_finalize(stmt);
}

static int
load_strategies(struct store *st, struct arena *a, const char *party,
    struct kk_strategy **out, size_t *n)
{
	char sql[240];
	sqlite3_stmt *stmt;
	size_t cap = 0, i;

	snprintf(sql, sizeof(sql), "SELECT %s FROM strategy %s ORDER BY "
	    "party_id, id", strategy_cols, party ? "WHERE party_id = ?" : "");
	stmt = sq_prep(st, sql);
	if (party)
		sq_bind_text(stmt, 1, party);
	*out = NULL;
	*n = 0;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (*n == cap) {
			struct kk_strategy *v;

			cap = cap ? 2 * cap : 8;
			v = arena_calloc(a, cap, sizeof(*v));
			if (*n)
				memcpy(v, *out, *n * sizeof(*v));
			*out = v;
		}
		read_strategy_row(a, stmt, &(*out)[(*n)++]);
	}
	sqlite3_finalize(stmt);
	for (i = 0; i < *n; i++)
		load_items(st, a, &(*out)[i]);
	return KK_OK;
}

int
store_list_strategies(struct store *st, struct arena *a,
    struct kk_strategy **out, size_t *n)
{
	return load_strategies(st, a, NULL, out, n);
}

int
store_find_strategy(struct store *st, const char *id, char **party)
{
	sqlite3_stmt *stmt = sq_prep(st, "SELECT party_id FROM strategy WHERE "
	    "id = ?");
	int rc;

	sq_bind_text(stmt, 1, id);
	rc = sqlite3_step(stmt);
	*party = rc == SQLITE_ROW ?
	    xstrdup((const char *)sqlite3_column_text(stmt, 0)) : NULL;
	sqlite3_finalize(stmt);
	return *party ? KK_OK : KK_ENOTFOUND;
}

/* The JSON an audit row keeps of an item: all of it, and its place. */
static char *
item_json(const struct kk_item *it, size_t position)
{
	json_t *j = json_item(it);
	char *s;

	json_object_set_new(j, "position", json_integer((json_int_t)position));
	s = json_canonical(j);
	json_decref(j);
	return s;
}

static char *
strategy_json(const struct kk_strategy *s)
{
	json_t *j = json_strategy(s, false);
	char *str = json_canonical(j);

	json_decref(j);
	return str;
}

static int
write_realisations(struct store *st, const char *sid, const struct kk_item *it)
{
	sqlite3_stmt *stmt;
	size_t i;
	int rc;

	stmt = sq_prep(st, "DELETE FROM realisation WHERE strategy_id = ? AND "
	    "measure_id = ?");
	sq_bind_text(stmt, 1, sid);
	sq_bind_text(stmt, 2, it->id);
	if ((rc = sq_run(st, stmt, "writing a measure")) != KK_OK)
		return rc;
	for (i = 0; i < it->goals.n; i++) {
		stmt = sq_prep(st, "INSERT INTO realisation (strategy_id, "
		    "measure_id, goal_id, position) VALUES (?, ?, ?, ?)");
		sq_bind_text(stmt, 1, sid);
		sq_bind_text(stmt, 2, it->id);
		sq_bind_text(stmt, 3, it->goals.v[i]);
		sqlite3_bind_int64(stmt, 4, (sqlite3_int64)i);
		if ((rc = sq_run(st, stmt, "writing a measure")) != KK_OK)
			return rc;
	}
	return KK_OK;
}

static int
write_item(struct store *st, const char *sid, const struct kk_item *it,
    size_t position, bool update)
{
	sqlite3_stmt *stmt;
	char *tags = it->tags.n ? sq_ids_json(&it->tags) : NULL;
	int rc;

	stmt = sq_prep(st, update ?
	    "UPDATE item SET kind = ?3, parent_id = ?4, title = ?5, "
	    "body = ?6, position = ?7, tags = ?8, version = version + 1 "
	    "WHERE strategy_id = ?1 AND id = ?2" :
	    "INSERT INTO item (strategy_id, id, kind, parent_id, title, body, "
	    "position, tags) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	sq_bind_text(stmt, 1, sid);
	sq_bind_text(stmt, 2, it->id);
	sq_bind_text(stmt, 3, kk_item_kind_names[it->kind]);
	sq_bind_text(stmt, 4, it->parent);
	sq_bind_text(stmt, 5, it->title);
	sq_bind_text(stmt, 6, it->text);
	sqlite3_bind_int64(stmt, 7, (sqlite3_int64)position);
	sq_bind_text(stmt, 8, tags);
	free(tags);
	rc = sq_run(st, stmt, "writing an item");
	return rc;
}

static int sync_items(struct store *st, const char *sid,
    const struct kk_strategy *old, const struct kk_strategy *s);

/* Remove a strategy, its items first, each with its audit row. */
static int
remove_strategy(struct store *st, const struct kk_strategy *old)
{
	struct kk_strategy none = { .id = old->id };
	sqlite3_stmt *stmt;
	char *before = strategy_json(old);
	char *entity = xasprintf("strategy %s", old->id);
	int rc = sync_items(st, old->id, old, &none);

	stmt = sq_prep(st, "DELETE FROM strategy WHERE id = ?");
	sq_bind_text(stmt, 1, old->id);
	if (!rc)
		rc = sq_run(st, stmt, "removing a strategy");
	else
		sqlite3_finalize(stmt);
	if (!rc)
		rc = sq_audit(st, STORE_REMOVED, entity, before, NULL);
	free(before);
	free(entity);
	return rc;
}

/*
 * Bring the items of strategy SID from OLD to NEW: insert, update and delete
 * by id. Realisations reference goals, so they are written once every item
 * is in place.
 */
static int
sync_items(struct store *st, const char *sid, const struct kk_strategy *old,
    const struct kk_strategy *s)
{
	size_t i, j;
	int rc = KK_OK;

	for (i = 0; old && i < old->nitems && !rc; i++) {
		const struct kk_item *o = &old->items[i];
		sqlite3_stmt *stmt;
		char *before, *entity;

		if (kk_strategy_find(s, o->id))
			continue;
		stmt = sq_prep(st, "DELETE FROM item WHERE strategy_id = ? AND "
		    "id = ?");
		sq_bind_text(stmt, 1, sid);
		sq_bind_text(stmt, 2, o->id);
		if ((rc = sq_run(st, stmt, "removing an item")) != KK_OK)
			break;
		before = item_json(o, i);
		entity = xasprintf("%s %s/%s", kk_item_kind_names[o->kind], sid,
		    o->id);
		rc = sq_audit(st, STORE_REMOVED, entity, before, NULL);
		free(before);
		free(entity);
	}
	for (i = 0; i < s->nitems && !rc; i++) {
		const struct kk_item *it = &s->items[i], *o = NULL;
		char *before = NULL, *after = item_json(it, i), *entity;

		for (j = 0; old && j < old->nitems; j++)
			if (!strcmp(old->items[j].id, it->id)) {
				o = &old->items[j];
				before = item_json(o, j);
			}
		if (before && !strcmp(before, after)) {
			free(before);
			free(after);
			continue;
		}
		entity = xasprintf("%s %s/%s", kk_item_kind_names[it->kind],
		    sid, it->id);
		rc = write_item(st, sid, it, i, o != NULL);
		if (!rc)
			rc = sq_audit(st, o ? STORE_CHANGED : STORE_ADDED, entity,
			    before, after);
		free(before);
		free(after);
		free(entity);
	}
	for (i = 0; i < s->nitems && !rc; i++)
		if (s->items[i].kind == KK_MEASURE)
			rc = write_realisations(st, sid, &s->items[i]);
	return rc;
}

int
store_sync_strategy(struct store *st, const char *party,
    const struct kk_strategy *s)
{
	struct arena *a = arena_new();
	struct kk_strategy *olds, *old = NULL;
	size_t nold, i;
	int rc = load_strategies(st, a, party, &olds, &nold);

	/* a party file holds one strategy: others of the party go */
	for (i = 0; i < nold && !rc; i++) {
		if (s && !strcmp(olds[i].id, s->id))
			old = &olds[i];
		else
			rc = remove_strategy(st, &olds[i]);
	}
	if (!rc && s) {
		char *before = old ? strategy_json(old) : NULL;
		char *after = strategy_json(s);

		if (!before || strcmp(before, after)) {
			char *entity = xasprintf("strategy %s", s->id);
			sqlite3_stmt *stmt = sq_prep(st, old ?
			    "UPDATE strategy SET party_id = ?2, title = ?3, "
			    "period_start = ?4, period_end = ?5, "
			    "doc_version = ?6, status = ?7, language = ?8, "
			    "vision = ?9, version = version + 1 WHERE id = ?1" :
			    "INSERT INTO strategy (id, party_id, title, "
			    "period_start, period_end, doc_version, status, "
			    "language, vision) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
			    "?7, ?8, ?9)");

			sq_bind_text(stmt, 1, s->id);
			sq_bind_text(stmt, 2, party);
			sq_bind_text(stmt, 3, s->title);
			sqlite3_bind_int(stmt, 4, s->start);
			sqlite3_bind_int(stmt, 5, s->end);
			sqlite3_bind_int(stmt, 6, s->version);
			sq_bind_text(stmt, 7, s->adopted ? "adopted" : "draft");
			sq_bind_text(stmt, 8, s->lang);
			sq_bind_text(stmt, 9, s->vision);
			rc = sq_run(st, stmt, "writing a strategy");
			if (!rc)
				rc = sq_audit(st, old ? STORE_CHANGED :
				    STORE_ADDED, entity, before, after);
			free(entity);
		}
		free(before);
		free(after);
		if (!rc)
			rc = sync_items(st, s->id, old, s);
	}
	arena_free(a);
	return rc;
}

/* The organisation's bodies, milestones and agreements. */

static json_t *
body_to_json(const void *row)
{
	return json_body(row);
}

static json_t *
milestone_to_json(const void *row)
{
	return json_milestone(row);
}

static json_t *
agreement_to_json(const void *row)
{
	return json_agreement(row);
}

static const char *
body_id(const void *row)
{
	return ((const struct kk_body *)row)->id;
}

static const char *
milestone_id(const void *row)
{
	return ((const struct kk_milestone *)row)->id;
}

static const char *
agreement_id(const void *row)
{
	return ((const struct kk_agreement *)row)->id;
}

static void
bind_body(sqlite3_stmt *stmt, const void *row)
{
	const struct kk_body *b = row;
	char *members = sq_ids_json(&b->members);

	sq_bind_text(stmt, 3, b->name);
	sq_bind_text(stmt, 4, kk_body_kind_names[b->kind]);
	sq_bind_text(stmt, 5, members);
	sq_bind_text(stmt, 6, b->text);
	free(members);
}

static void
bind_milestone(sqlite3_stmt *stmt, const void *row)
{
	const struct kk_milestone *m = row;

	sq_bind_text(stmt, 3, m->title);
	sq_bind_text(stmt, 4, m->date);
	sqlite3_bind_int(stmt, 5, m->done);
	sq_bind_text(stmt, 6, m->text);
}

static void
bind_agreement(sqlite3_stmt *stmt, const void *row)
{
	const struct kk_agreement *a = row;
	char *parties = sq_ids_json(&a->parties);

	sq_bind_text(stmt, 3, a->title);
	sq_bind_text(stmt, 4, kk_agreement_kind_names[a->kind]);
	sq_bind_text(stmt, 5, parties);
	sq_bind_text(stmt, 6, a->valid_from);
	sq_bind_text(stmt, 7, a->valid_to);
	sq_bind_text(stmt, 8, a->text);
	free(parties);
}

static char *
row_json(const struct sq_rows *r, const void *row, size_t position)
{
	json_t *j = r->to_json(row);
	char *s;

	json_object_set_new(j, "position", json_integer((json_int_t)position));
	s = json_canonical(j);
	json_decref(j);
	return s;
}

/*
 * Make the rows of one table of organisation ORG equal to NEW (from OLD):
 * insert, update and delete by id, each change audited with the row's JSON.
 */
int
sq_sync_rows(struct store *st, const char *org, const struct sq_rows *old,
    const struct sq_rows *new)
{
	size_t i, j;
	int rc = KK_OK;

	for (i = 0; i < old->n && !rc; i++) {
		const void *o = (const char *)old->v + i * old->size;
		char *sql, *before, *entity;
		sqlite3_stmt *stmt;
		bool kept = false;

		for (j = 0; j < new->n; j++)
			if (!strcmp(new->id((const char *)new->v +
			    j * new->size), old->id(o)))
				kept = true;
		if (kept)
			continue;
		sql = xasprintf("DELETE FROM %s WHERE org_id = ? AND id = ?",
		    old->table);
		stmt = sq_prep(st, sql);
		free(sql);
		sq_bind_text(stmt, 1, org);
		sq_bind_text(stmt, 2, old->id(o));
		if ((rc = sq_run(st, stmt, "removing a row")) != KK_OK)
			break;
		before = row_json(old, o, i);
		entity = xasprintf("%s %s/%s", old->table, org, old->id(o));
		rc = sq_audit(st, STORE_REMOVED, entity, before, NULL);
		free(before);
		free(entity);
	}
	for (i = 0; i < new->n && !rc; i++) {
		const void *x = (const char *)new->v + i * new->size;
		char *before = NULL, *after = row_json(new, x, i), *entity;
		sqlite3_stmt *stmt;

		for (j = 0; j < old->n; j++) {
			const void *o = (const char *)old->v + j * old->size;

			if (!strcmp(old->id(o), new->id(x)))
				before = row_json(old, o, j);
		}
		if (before && !strcmp(before, after)) {
			free(before);
			free(after);
			continue;
		}
		stmt = sq_prep(st, before ? new->update : new->insert);
		sq_bind_text(stmt, 1, org);
		sq_bind_text(stmt, 2, new->id(x));
		new->bind(stmt, x);
		sqlite3_bind_int64(stmt, sqlite3_bind_parameter_index(stmt,
		    "?20"), (sqlite3_int64)i);
		entity = xasprintf("%s %s/%s", new->table, org, new->id(x));
		rc = sq_run(st, stmt, "writing a row");
		if (!rc && new->children)
			rc = new->children(st, org, x);
		if (!rc)
			rc = sq_audit(st, before ? STORE_CHANGED : STORE_ADDED,
			    entity, before, after);
		free(before);
		free(after);
		free(entity);
	}
	return rc;
}

static struct sq_rows
bodies_rows(const struct kk_org *o)
{
	struct sq_rows r = { "body", o->nbodies, o->bodies,
	    sizeof(struct kk_body), body_to_json, body_id, bind_body,
	    "UPDATE body SET name = ?3, kind = ?4, members = ?5, body = ?6, "
	    "position = ?20, version = version + 1 WHERE org_id = ?1 AND "
	    "id = ?2",
	    "INSERT INTO body (org_id, id, name, kind, members, body, "
	    "position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?20)", NULL };

	return r;
}

static struct sq_rows
milestones_rows(const struct kk_org *o)
{
	struct sq_rows r = { "milestone", o->nmilestones, o->milestones,
	    sizeof(struct kk_milestone), milestone_to_json, milestone_id,
	    bind_milestone,
	    "UPDATE milestone SET title = ?3, due = ?4, done = ?5, body = ?6, "
	    "position = ?20, version = version + 1 WHERE org_id = ?1 AND "
	    "id = ?2",
	    "INSERT INTO milestone (org_id, id, title, due, done, body, "
	    "position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?20)", NULL };

	return r;
}

static struct sq_rows
agreements_rows(const struct kk_org *o)
{
	struct sq_rows r = { "agreement", o->nagreements, o->agreements,
	    sizeof(struct kk_agreement), agreement_to_json, agreement_id,
	    bind_agreement,
	    "UPDATE agreement SET title = ?3, kind = ?4, parties = ?5, "
	    "valid_from = ?6, valid_to = ?7, body = ?8, position = ?20, "
	    "version = version + 1 WHERE org_id = ?1 AND id = ?2",
	    "INSERT INTO agreement (org_id, id, title, kind, parties, "
	    "valid_from, valid_to, body, position) VALUES (?1, ?2, ?3, ?4, "
	    "?5, ?6, ?7, ?8, ?20)", NULL };

	return r;
}

static void
load_org_rows(struct store *st, struct arena *a, struct kk_org *o)
{
	sqlite3_stmt *stmt;
	size_t cap;

	stmt = sq_prep(st, "SELECT id, name, kind, members, body FROM body WHERE "
	    "org_id = ? ORDER BY position");
	sq_bind_text(stmt, 1, o->party.id);
	for (cap = 0; sqlite3_step(stmt) == SQLITE_ROW;) {
		struct kk_body *b;

		if (o->nbodies == cap) {
			struct kk_body *v;

			cap = cap ? 2 * cap : 8;
			v = arena_calloc(a, cap, sizeof(*v));
			if (o->nbodies)
				memcpy(v, o->bodies, o->nbodies * sizeof(*v));
			o->bodies = v;
		}
		b = &o->bodies[o->nbodies++];
		b->id = sq_col_text(a, stmt, 0);
		b->name = sq_col_text(a, stmt, 1);
		b->kind = (enum kk_body_kind)kk_enum_parse(
		    (const char *)sqlite3_column_text(stmt, 2),
		    kk_body_kind_names, KK_BODY_KIND_COUNT);
		b->members = sq_ids_parse(a, (const char *)sqlite3_column_text(
		    stmt, 3));
		b->text = sq_col_text(a, stmt, 4);
	}
	sqlite3_finalize(stmt);

	stmt = sq_prep(st, "SELECT id, title, due, done, body FROM milestone "
	    "WHERE org_id = ? ORDER BY position");
	sq_bind_text(stmt, 1, o->party.id);
	for (cap = 0; sqlite3_step(stmt) == SQLITE_ROW;) {
		struct kk_milestone *m;

		if (o->nmilestones == cap) {
			struct kk_milestone *v;

			cap = cap ? 2 * cap : 8;
			v = arena_calloc(a, cap, sizeof(*v));
			if (o->nmilestones)
				memcpy(v, o->milestones,
				    o->nmilestones * sizeof(*v));
			o->milestones = v;
		}
		m = &o->milestones[o->nmilestones++];
		m->id = sq_col_text(a, stmt, 0);
		m->title = sq_col_text(a, stmt, 1);
		m->date = sq_col_text(a, stmt, 2);
		m->done = sqlite3_column_int(stmt, 3) != 0;
		m->text = sq_col_text(a, stmt, 4);
	}
	sqlite3_finalize(stmt);

	stmt = sq_prep(st, "SELECT id, title, kind, parties, valid_from, "
	    "valid_to, body FROM agreement WHERE org_id = ? ORDER BY position");
	sq_bind_text(stmt, 1, o->party.id);
	for (cap = 0; sqlite3_step(stmt) == SQLITE_ROW;) {
		struct kk_agreement *g;

		if (o->nagreements == cap) {
			struct kk_agreement *v;

			cap = cap ? 2 * cap : 8;
			v = arena_calloc(a, cap, sizeof(*v));
			if (o->nagreements)
				memcpy(v, o->agreements,
				    o->nagreements * sizeof(*v));
			o->agreements = v;
		}
		g = &o->agreements[o->nagreements++];
		g->id = sq_col_text(a, stmt, 0);
		g->title = sq_col_text(a, stmt, 1);
		g->kind = (enum kk_agreement_kind)kk_enum_parse(
		    (const char *)sqlite3_column_text(stmt, 2),
		    kk_agreement_kind_names, KK_AGREEMENT_KIND_COUNT);
		g->parties = sq_ids_parse(a, (const char *)sqlite3_column_text(
		    stmt, 3));
		g->valid_from = sq_col_text(a, stmt, 4);
		g->valid_to = sq_col_text(a, stmt, 5);
		g->text = sq_col_text(a, stmt, 6);
	}
	sqlite3_finalize(stmt);
}

int
store_sync_org(struct store *st, const struct kk_org *org)
{
	struct arena *a = arena_new();
	struct kk_org old;
	struct sq_rows o, n;
	int rc;

	memset(&old, 0, sizeof(old));
	old.party.id = org->party.id;
	load_org_rows(st, a, &old);
	o = bodies_rows(&old);
	n = bodies_rows(org);
	rc = sq_sync_rows(st, org->party.id, &o, &n);
	if (!rc) {
		o = milestones_rows(&old);
		n = milestones_rows(org);
		rc = sq_sync_rows(st, org->party.id, &o, &n);
	}
	if (!rc) {
		o = agreements_rows(&old);
		n = agreements_rows(org);
		rc = sq_sync_rows(st, org->party.id, &o, &n);
	}
	if (!rc)
		rc = sq_sync_portfolio(st, org);
	arena_free(a);
	return rc;
}

int
store_load_doc(struct store *st, struct arena *a, const char *party,
    struct kk_doc *out)
{
	struct kk_strategy *ss;
	size_t n, i;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = store_get_party(st, a, party, &out->party);
	if (rc)
		return rc;
	if (out->party.kind == KK_JOINT_ORG) {
		out->type = KK_DOC_ORG;
		out->org.party = out->party;
		load_org_rows(st, a, &out->org);
		sq_load_portfolio(st, a, &out->org);
		return KK_OK;
	}
	out->type = KK_DOC_PARTY;
	out->defs = arena_calloc(a, out->party.members.n + 1,
	    sizeof(*out->defs));
	for (i = 0; i < out->party.members.n; i++) {
		struct kk_party m;

		if (store_get_party(st, a, out->party.members.v[i], &m))
			BUG("member '%s' of '%s' is missing",
			    out->party.members.v[i], party);
		if (!m.standalone)
			out->defs[out->ndefs++] = m;
	}
	rc = load_strategies(st, a, party, &ss, &n);
	if (!rc && n)
		out->strategy = &ss[0];
	return rc;
}
