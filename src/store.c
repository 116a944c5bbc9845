/* store.c: the store: its connection, transactions and failures, parties, strategies and the organisation's tables. */
#include "store-impl.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * What SQLite's last error means for the user, kept until the store is
 * closed (the first one counts: what follows it is its consequence).
 * Busy and a failing disk are not the user's input: they get their own
 * exit status (cmd_exit_status()) and a message of their own.
 */
static const char *
note_fault(struct store *st)
{
	switch (db_status(st->db)) {
	case DB_EBUSY:
		if (!st->fault)
			st->fault = KK_EBUSY;
		return _("the database is locked by another program");
	case DB_EDISK:
		if (!st->fault)
			st->fault = KK_EDISK;
		/* the engine's words tell a full disk from a failing one */
		return strstr(db_errmsg(st->db), "full") ?
		    _("the disk is full") : _("the disk failed (I/O error)");
	case DB_EDAMAGED:
		/* the engine's own words ("database disk image is
		   malformed", "file is not a database") say best what is
		   wrong with the file */
		sq_damaged(st);
		return NULL;
	default:
		return NULL;
	}
}

void
sq_damaged(struct store *st)
{
	if (!st->fault)
		st->fault = KK_EDAMAGED;
}

/*
 * A value read from the file that konkordat never writes there: the file
 * is damaged, or was made by hand. The store then holds KK_EDAMAGED; the
 * read goes on with a harmless value and its caller fails.
 */
static void
bad_value(struct store *st, const char *value, const char *column)
{
	if (st->fault)
		return;		/* the first fault is the one to tell */
	free(st->errmsg);
	st->errmsg = xasprintf(_("the database is damaged: '%s' is not a "
	    "value of '%s'"), value ? value : "NULL", column);
	sq_damaged(st);
}

int
sq_enum(struct store *st, struct db_stmt *stmt, int i,
    const char *const *names, size_t n, const char *column)
{
	const char *s = db_column_text(stmt, i);
	int v = s ? kk_enum_parse(s, names, n) : -1;

	if (v < 0) {
		bad_value(st, s, column);
		return 0;
	}
	return v;
}

const char *
sq_col_id(struct store *st, struct arena *a, struct db_stmt *stmt, int i,
    const char *column)
{
	const char *s = sq_col_text(a, stmt, i);

	if (!s) {
		bad_value(st, NULL, column);
		return "";
	}
	return s;
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

	if (st->refused)
		return rc;	/* sq_prep() said why */
	/* WHAT is a literal the callers mark for translation by passing it
	   here (scripts/update-po takes sq_fail's and sq_run's third
	   argument) */
	msg = fault_message(st, _(what), db_errmsg(st->db));
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
sq_db_failed(struct store *st)
{
	char *m = note_fault(st) ? fault_message(st,
	    _("writing the database"), NULL) : xstrdup(db_errmsg(st->db));

	free(st->errmsg);
	st->errmsg = m;
	return KK_EIO;
}

int
sq_exec(struct store *st, const char *sql)
{
	return db_exec(st->db, sql) != DB_OK ? sq_db_failed(st) : KK_OK;
}

/* Whether SQL changes rows. */
static bool
writes_rows(const char *sql)
{
	return !strncmp(sql, "INSERT", 6) || !strncmp(sql, "UPDATE", 6) ||
	    !strncmp(sql, "DELETE", 6);
}

/*
 * Our SQL prepares on every konkordat database whose schema is current
 * (store_open() saw to that); where it does not, the file lacks a table
 * or a column it claims to have: damaged, or made by hand.
 */
struct db_stmt *
sq_prep(struct store *st, const char *sql)
{
	struct db_stmt *stmt;

	/* every change is someone's, inside a transaction the caller
	   opened under its actor: a write outside one is refused before
	   anything reaches the database, and its message is kept */
	if (!st->writing && writes_rows(sql)) {
		if (!st->refused) {
			free(st->errmsg);
			st->errmsg = xstrdup(_("a change outside a write "
			    "transaction"));
			st->refused = true;
		}
		return NULL;
	}
	if (db_prepare(st->db, sql, &stmt) == DB_OK)
		return stmt;
	if (!st->fault) {
		sq_fail(st, KK_EIO, N_("reading the database"));
		sq_damaged(st);
	}
	return NULL;
}

int
sq_step(struct store *st, struct db_stmt *stmt)
{
	int rc;

	if (!stmt)
		return DB_ERROR;	/* sq_prep() said why */
	rc = db_step(stmt);
	/* a broken constraint is the input's fault, told by the caller, and
	   a write that lost to a concurrent one is the caller's to retry;
	   anything else is the file's, and the first one is kept */
	if (rc != DB_ROW && rc != DB_DONE && rc != DB_ECONSTRAINT &&
	    rc != DB_ECONFLICT && !st->fault) {
		sq_fail(st, KK_EIO, N_("reading the database"));
		if (!st->fault)
			sq_damaged(st);
	}
	return rc;
}

int
sq_step_guarded(struct store *st, struct db_stmt *stmt)
{
	int rc;

	if (!sq_dialect(st)->failure_ends_transaction)
		return sq_step(st, stmt);
	if (sq_exec(st, "SAVEPOINT kk_guard"))
		return DB_ERROR;
	rc = sq_step(st, stmt);
	if (rc == DB_ECONSTRAINT &&
	    sq_exec(st, "ROLLBACK TO SAVEPOINT kk_guard"))
		return DB_ERROR;
	if (sq_exec(st, "RELEASE SAVEPOINT kk_guard"))
		return DB_ERROR;
	return rc;
}

void
sq_bind_text(struct db_stmt *stmt, int i, const char *s)
{
	if (!stmt)
		return;
	if (s)
		db_bind_text(stmt, i, s);
	else
		db_bind_null(stmt, i);
}

void
sq_bind_long(struct db_stmt *stmt, int i, long v, bool present)
{
	if (!stmt)
		return;
	if (present)
		db_bind_int64(stmt, i, v);
	else
		db_bind_null(stmt, i);
}

void
sq_bind_int64(struct db_stmt *stmt, int i, int64_t v)
{
	if (stmt)
		db_bind_int64(stmt, i, v);
}

void
sq_bind_double(struct db_stmt *stmt, int i, double v)
{
	if (stmt)
		db_bind_double(stmt, i, v);
}

int
sq_read_rc(const struct store *st)
{
	return st->fault ? st->fault : KK_OK;
}

/* Step a statement that returns no rows, and finalize it. */
int
sq_run(struct store *st, struct db_stmt *stmt, const char *what)
{
	int rc = sq_step(st, stmt);

	if (rc == DB_ECONFLICT) {
		/* PostgreSQL's repeatable read: another transaction
		   changed the row since this one began */
		free(st->errmsg);
		st->errmsg = xasprintf(_("%s: another writer changed the same "
		    "records at the same time"), _(what));
		db_finalize(stmt);
		return KK_ECONFLICT;
	}
	if (rc != DB_DONE) {
		sq_fail(st, KK_EIO, what);
		db_finalize(stmt);
		return KK_EIO;
	}
	db_finalize(stmt);
	return KK_OK;
}

int
sq_conflict(struct store *st, const char *entity, int expect, int stored)
{
	free(st->errmsg);
	if (stored > 0)
		st->errmsg = xasprintf(_("%s was changed by someone else: "
		    "the change was made to version %d, version %d is "
		    "stored"), entity, expect, stored);
	else if (stored == 0)
		st->errmsg = xasprintf(_("%s was removed by someone else "
		    "after version %d was read"), entity, expect);
	else
		st->errmsg = xasprintf(_("%s was changed by someone else "
		    "after version %d was read"), entity, expect);
	return KK_ECONFLICT;
}

int
store_conflict(struct store *st, const char *entity, int expect, int stored)
{
	return sq_conflict(st, entity, expect, stored);
}

int
sq_run_versioned(struct store *st, struct db_stmt *stmt, const char *what,
    const char *entity, int expect)
{
	int rc = sq_run(st, stmt, what);

	/* the row is not at the version this transaction read: under
	   SQLite the write lock was taken before the read, and under
	   PostgreSQL's repeatable read a row another transaction changed
	   fails the statement (sq_run()); this holds whatever the
	   isolation a connection was given */
	if (!rc && db_changes(st->db) == 0)
		rc = sq_conflict(st, entity, expect, -1);
	return rc;
}

const char *
sq_col_text(struct arena *a, struct db_stmt *stmt, int i)
{
	const char *s = db_column_text(stmt, i);

	return s ? arena_strdup(a, s) : NULL;
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

/* Read the database's mark, schema version and tables: what kind of
   database it is. A file SQLite cannot read fails here, with the reason. */
static int
identify(struct store *st, enum db_kind *kind, int *version)
{
	const struct sq_dialect *d = sq_dialect(st);
	struct db_stmt *stmt;
	int app_id, ntables = 0, nown = 0, rc;
	size_t i;

	if ((rc = d->mark(st, &app_id)) || (rc = d->version(st, version)))
		return rc;
	if (db_prepare(st->db, d->tables, &stmt) != DB_OK)
		return sq_fail(st, KK_EIO, N_("reading the database"));
	while ((rc = sq_step(st, stmt)) == DB_ROW) {
		const char *name = db_column_text(stmt, 0);

		ntables++;
		for (i = 0; name && i < KK_ARRAY_SIZE(own_tables); i++)
			if (!strcmp(name, own_tables[i]))
				nown++;
	}
	db_finalize(stmt);
	if (rc != DB_DONE)
		return sq_fail(st, KK_EIO, N_("reading the database"));
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

/* Begin a transaction (WRITE: one that writes), or fail as sq_exec(). */
static int
sq_begin(struct store *st, bool write)
{
	if (db_begin(st->db, write) != DB_OK)
		return sq_db_failed(st);
	return KK_OK;
}

static int
migrate(struct store *st, int have)
{
	const struct sq_dialect *d = sq_dialect(st);
	int known = 0, rc = KK_OK;

	while (d->migrations[known].name)
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
		rc = sq_begin(st, true);
		if (!rc)
			rc = sq_exec(st, d->migrations[have].sql);
		if (!rc)
			rc = d->set_version(st, have + 1);
		if (!rc && db_commit(st->db) != DB_OK)
			rc = sq_db_failed(st);
		if (rc) {
			char *msg = xasprintf("migration %s: %s",
			    d->migrations[have].name, st->errmsg);

			db_rollback(st->db);
			free(st->errmsg);
			st->errmsg = msg;
			return rc;
		}
	}
	return KK_OK;
}

static int
connect_db(struct store *st, const char *path, enum store_open_mode mode,
    bool immutable)
{
	unsigned flags = 0;

	if (mode == STORE_READONLY)
		flags |= DB_OPEN_READONLY;
	if (mode == STORE_CREATE)
		flags |= DB_OPEN_CREATE;
	if (immutable)
		flags |= DB_OPEN_IMMUTABLE;
	db_close(st->db);
	st->db = NULL;
	return db_open(path, flags, &st->db) == DB_OK ? KK_OK : KK_EIO;
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

/*
 * LOCATION as messages show it: a PostgreSQL URI without the password it
 * may hold (postgresql://USER:PASSWORD@HOST/...), which would otherwise
 * go wherever the message goes (a terminal, a log).
 */
static char *
location_shown(const char *location)
{
	const char *user = strstr(location, "://");
	const char *at, *colon, *slash;

	if (db_backend_of(location) != DB_POSTGRESQL || !user)
		return xstrdup(location);
	user += 3;
	at = strchr(user, '@');
	slash = strchr(user, '/');
	colon = at ? memchr(user, ':', (size_t)(at - user)) : NULL;
	if (!colon || (slash && slash < at))
		return xstrdup(location);
	return xasprintf("%.*s%s", (int)(colon - location), location, at);
}

int
store_open(const char *location, enum store_open_mode mode,
    struct store **out, char **errmsg)
{
	struct store *st = xcalloc(1, sizeof(*st));
	char *path = location_shown(location);
	enum db_kind kind;
	char *msg = NULL;
	int version = 0, rc;

	*out = NULL;
	if (errmsg)
		*errmsg = NULL;
	st->readonly = mode == STORE_READONLY;
	if (connect_db(st, location, mode, false)) {
		/* a file that is not there; a server says why itself */
		msg = mode != STORE_CREATE &&
		    db_backend_of(location) == DB_SQLITE ?
		    xasprintf(_("no database at '%s' (create one with "
		    "'konkordat init' or 'konkordat import')"), path) :
		    xasprintf(_("cannot open '%s': %s"), path,
		    st->db ? db_errmsg(st->db) : "out of memory");
		rc = KK_EIO;
		goto fail;
	}
	rc = identify(st, &kind, &version);
	/*
	 * A WAL database on read-only media, in a folder where its -shm
	 * cannot be made, or a file this user may not write (mode 0444),
	 * cannot be read the usual way (SQLite says CANTOPEN or READONLY).
	 * Nobody can write to it there, or this user would not be refused,
	 * so it is read as immutable: no locks, no -shm.
	 */
	if (rc && st->readonly && db_backend(st->db) == DB_SQLITE &&
	    (db_status(st->db) == DB_ECANTOPEN ||
	    db_status(st->db) == DB_EREADONLY)) {
		free(st->errmsg);
		st->errmsg = NULL;
		st->fault = 0;
		if (connect_db(st, location, mode, true) == KK_OK)
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
	if (!st->readonly && sq_dialect(st)->cannot_write(st)) {
		msg = xasprintf(_("'%s' is read-only: konkordat cannot "
		    "write to it"), path);
		rc = KK_EINPUT;
		goto fail;
	}
	rc = sq_dialect(st)->ready(st, kind == DB_EMPTY);
	if (!rc)
		rc = migrate(st, version);
	/* a database from before the mark that needed no migration */
	if (!rc && kind == DB_UNMARKED && !st->readonly)
		rc = sq_dialect(st)->set_mark(st);
	if (rc) {
		msg = xasprintf("'%s': %s", path, st->errmsg);
		goto fail;
	}
	st->location = path;
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
	free(path);
	return rc;
}

static void
forget_actor(struct store *st)
{
	free(st->actor.name);
	free(st->actor.party);
	free(st->actor.role);
	st->actor.name = st->actor.party = st->actor.role = NULL;
}

void
store_close(struct store *st)
{
	if (!st)
		return;
	store_end_read(st);
	db_close(st->db);
	free(st->location);
	free(st->errmsg);
	forget_actor(st);
	free(st);
}

bool
store_may_exist(const char *location)
{
	if (db_backend_of(location) == DB_POSTGRESQL)
		return true;
	if (!strncmp(location, "sqlite:", 7))
		location += 7;
	return access(location, F_OK) == 0;
}

const char *
store_location(const struct store *st)
{
	return st->location ? st->location : ":memory:";
}

int
store_schema_version(struct store *st)
{
	int v;

	return sq_dialect(st)->version(st, &v) ? 0 : v;
}

int
store_begin(struct store *st, const struct store_actor *who)
{
	int rc;

	if (st->readonly) {
		free(st->errmsg);
		st->errmsg = xstrdup(_("the database is open for reading only"));
		return KK_EIO;
	}
	if (!who || !who->name || !*who->name) {
		free(st->errmsg);
		st->errmsg = xstrdup(_("a change needs the name of who makes "
		    "it"));
		return KK_EINPUT;
	}
	/* a read transaction cannot become a write one when another
	   program committed since it began: the write starts afresh */
	if (st->reading)
		store_end_read(st);
	st->writing = true;
	st->refused = false;
	rc = sq_begin(st, true);
	if (rc) {
		st->writing = false;
		return rc;
	}
	forget_actor(st);
	st->actor.name = xstrdup(who->name);
	st->actor.party = who->party ? xstrdup(who->party) : NULL;
	st->actor.role = who->role ? xstrdup(who->role) : NULL;
	return KK_OK;
}

int
store_commit(struct store *st)
{
	int rc;

	/* what was read from a damaged file, or not read at all, is no
	   ground to write on */
	if (st->fault) {
		store_rollback(st);
		return st->fault;
	}
	rc = db_commit(st->db) != DB_OK ? sq_db_failed(st) : KK_OK;
	if (rc) {
		/* a COMMIT that failed may leave the transaction open (busy)
		   or have rolled it back (disk full): it ends here */
		store_rollback(st);
		return rc;
	}
	st->writing = false;
	forget_actor(st);
	return KK_OK;
}

void
store_rollback(struct store *st)
{
	if (st->db && db_in_transaction(st->db)) {
		/* keep the message of what failed, not the ROLLBACK's */
		char *msg = st->errmsg;

		st->errmsg = NULL;
		if (db_rollback(st->db) != DB_OK)
			sq_db_failed(st);
		free(st->errmsg);
		st->errmsg = msg;
	}
	st->writing = false;
	st->reading = false;
	forget_actor(st);
}

/* One name for the marks: they do not nest (a nested SAVEPOINT of the same
   name would hide the outer one until released). */
int
store_mark(struct store *st)
{
	if (!st->writing) {
		free(st->errmsg);
		st->errmsg = xstrdup("a mark outside a write transaction");
		return KK_EIO;
	}
	return sq_exec(st, "SAVEPOINT kk_mark");
}

int
store_keep(struct store *st)
{
	return sq_exec(st, "RELEASE SAVEPOINT kk_mark");
}

int
store_undo(struct store *st)
{
	int rc = sq_exec(st, "ROLLBACK TO SAVEPOINT kk_mark");

	return rc ? rc : store_keep(st);
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
	if (sq_begin(st, false))
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
	if (db_in_transaction(st->db) && db_commit(st->db) != DB_OK)
		sq_db_failed(st);
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
	struct db_stmt *stmt = sq_prep(st, "SELECT count(*) FROM audit");
	long n;

	n = sq_step(st, stmt) == DB_ROW ?
	    (long)db_column_int64(stmt, 0) : 0;
	db_finalize(stmt);
	return n;
}

const char sq_audit_sql[] = "INSERT INTO audit (at, actor, action, entity, "
    "before, after, actor_party, actor_role) VALUES (?1, ?2, ?3, ?4, ?5, "
    "?6, ?7, ?8)";

void
sq_bind_actor(struct store *st, struct db_stmt *stmt)
{
	sq_bind_text(stmt, 2, st->actor.name);
	sq_bind_text(stmt, 7, st->actor.party);
	sq_bind_text(stmt, 8, st->actor.role);
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
	struct db_stmt *stmt;
	char now[21];
	int rc;

	stmt = sq_prep(st, sq_audit_sql);
	sq_bind_actor(st, stmt);
	utc_now(now);
	sq_bind_text(stmt, 1, now);
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
sq_ids_parse(struct store *st, struct arena *a, const char *text,
    const char *column)
{
	struct kk_ids ids = { NULL, 0, NULL };
	json_t *j;
	size_t i;

	if (!text)
		return ids;
	j = json_loads(text, 0, NULL);
	if (!j || !json_is_array(j)) {
		bad_value(st, text, column);
		json_decref(j);
		return ids;
	}
	ids.v = arena_calloc(a, json_array_size(j) + 1, sizeof(char *));
	for (i = 0; i < json_array_size(j); i++) {
		const char *id = json_string_value(json_array_get(j, i));

		if (!id) {
			bad_value(st, text, column);
			break;
		}
		ids.v[ids.n++] = arena_strdup(a, id);
	}
	json_decref(j);
	return ids;
}

/* Parties. */

static const char party_cols[] = "id, name, kind, bfs, population, "
    "population_year, standalone, version";

static void
read_party_row(struct store *st, struct arena *a, struct db_stmt *stmt,
    struct kk_party *p)
{
	memset(p, 0, sizeof(*p));
	p->id = sq_col_id(st, a, stmt, 0, "party.id");
	p->name = sq_col_text(a, stmt, 1);
	p->kind = (enum kk_party_kind)sq_enum(st, stmt, 2, kk_party_kind_names,
	    KK_PARTY_KIND_COUNT, "party.kind");
	p->bfs = db_column_null(stmt, 3) ? 0 :
	    (long)db_column_int64(stmt, 3);
	p->population = db_column_null(stmt, 4) ? -1 :
	    (long)db_column_int64(stmt, 4);
	p->population_year = db_column_int(stmt, 5);
	p->standalone = db_column_int(stmt, 6) != 0;
	p->row_version = db_column_int(stmt, 7);
}

static void
load_members(struct store *st, struct arena *a, struct kk_party *p)
{
	struct db_stmt *stmt = sq_prep(st, "SELECT member_id FROM membership "
	    "WHERE group_id = ? ORDER BY position");
	size_t cap = 0;

	sq_bind_text(stmt, 1, p->id);
	p->members.n = 0;
	while (sq_step(st, stmt) == DB_ROW) {
		if (p->members.n == cap) {
			const char **v;

			cap = cap ? 2 * cap : 16;
			v = arena_calloc(a, cap, sizeof(*v));
			if (p->members.n)
				memcpy(v, p->members.v,
				    p->members.n * sizeof(*v));
			p->members.v = v;
		}
		p->members.v[p->members.n++] = sq_col_id(st, a, stmt, 0,
		    "membership.member_id");
	}
	db_finalize(stmt);
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
	size_t *cap = xcalloc(n + 1, sizeof(*cap));	/* by by_id's order */
	struct db_stmt *stmt = sq_prep(st, "SELECT group_id, count(*) FROM "
	    "membership GROUP BY group_id");
	size_t i;

	for (i = 0; i < n; i++) {
		by_id[i] = &v[i];
		v[i].members.v = NULL;
		v[i].members.n = 0;
	}
	qsort(by_id, n, sizeof(*by_id), cmp_party_id);
	while (sq_step(st, stmt) == DB_ROW) {
		struct kk_party key = { .id = db_column_text(stmt, 0) }, *kp = &key, **found;

		if (!key.id)
			continue;
		found = bsearch(&kp, by_id, n, sizeof(*by_id), cmp_party_id);
		if (found && !(*found)->members.v) {
			int64_t count = db_column_int64(stmt, 1);

			cap[found - by_id] = count > 0 ? (size_t)count : 0;
			(*found)->members.v = arena_calloc(a,
			    cap[found - by_id] + 1, sizeof(char *));
		}
	}
	db_finalize(stmt);
	stmt = sq_prep(st, "SELECT group_id, member_id FROM membership ORDER "
	    "BY group_id, position");
	while (sq_step(st, stmt) == DB_ROW) {
		struct kk_party key = { .id = db_column_text(stmt, 0) }, *kp = &key, **found;

		if (!key.id)
			continue;
		found = bsearch(&kp, by_id, n, sizeof(*by_id), cmp_party_id);
		/* the count taken above bounds what a damaged file can add */
		if (found && (*found)->members.n < cap[found - by_id])
			(*found)->members.v[(*found)->members.n++] =
			    sq_col_id(st, a, stmt, 1, "membership.member_id");
	}
	db_finalize(stmt);
	free(by_id);
	free(cap);
}

int
store_get_party(struct store *st, struct arena *a, const char *id,
    struct kk_party *out)
{
	char sql[160];
	struct db_stmt *stmt;
	int rc;

	snprintf(sql, sizeof(sql), "SELECT %s FROM party WHERE id = ?",
	    party_cols);
	stmt = sq_prep(st, sql);
	sq_bind_text(stmt, 1, id);
	rc = sq_step(st, stmt);
	if (rc == DB_ROW)
		read_party_row(st, a, stmt, out);
	db_finalize(stmt);
	if (rc != DB_ROW)
		return rc == DB_DONE ? KK_ENOTFOUND : sq_read_rc(st);
	load_members(st, a, out);
	return sq_read_rc(st);
}

int
store_list_parties(struct store *st, struct arena *a, struct kk_party **out,
    size_t *n)
{
	char sql[320];
	struct db_stmt *stmt;
	size_t cap = 0;

	/* the parties with a file first, in the order of their kinds */
	snprintf(sql, sizeof(sql), "SELECT %s FROM party ORDER BY "
	    "standalone DESC, CASE kind WHEN 'canton' THEN 0 WHEN 'city' "
	    "THEN 1 WHEN 'association' THEN 2 WHEN 'consortium' THEN 3 "
	    "WHEN 'joint-organisation' THEN 4 ELSE 5 END, id", party_cols);
	stmt = sq_prep(st, sql);
	*out = NULL;
	*n = 0;
	while (sq_step(st, stmt) == DB_ROW) {
		if (*n == cap) {
			struct kk_party *v;

			cap = cap ? 2 * cap : 32;
			v = arena_calloc(a, cap, sizeof(*v));
			if (*n)
				memcpy(v, *out, *n * sizeof(*v));
			*out = v;
		}
		read_party_row(st, a, stmt, &(*out)[(*n)++]);
	}
	db_finalize(stmt);
	load_all_members(st, a, *out, *n);
	return sq_read_rc(st);
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
	struct db_stmt *stmt;
	char *before = NULL, *after = party_json(p);
	char *entity = xasprintf("party %s", p->id);
	int rc = store_get_party(st, a, p->id, &old);
	size_t i;

	if (rc == KK_OK) {
		before = party_json(&old);
		if (p->row_version && p->row_version != old.row_version) {
			rc = sq_conflict(st, entity, p->row_version,
			    old.row_version);
			goto out;
		}
		if (!strcmp(before, after))
			goto out;
		stmt = sq_prep(st, "UPDATE party SET name = ?2, kind = ?3, "
		    "bfs = ?4, population = ?5, population_year = ?6, "
		    "standalone = ?7, version = version + 1 WHERE id = ?1 "
		    "AND version = ?8");
		sq_bind_int64(stmt, 8, old.row_version);
	} else if (rc == KK_ENOTFOUND && p->row_version) {
		rc = sq_conflict(st, entity, p->row_version, 0);
		goto out;
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
	sq_bind_int64(stmt, 7, p->standalone);
	rc = before ? sq_run_versioned(st, stmt, "writing a party", entity,
	    old.row_version) : sq_run(st, stmt, "writing a party");
	if (rc != KK_OK)
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
		sq_bind_int64(stmt, 3, (int64_t)i);
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
	struct db_stmt *stmt = sq_prep(st, "SELECT id FROM party WHERE "
	    "standalone = 0 AND id NOT IN (SELECT member_id FROM membership)");
	const char **ids = NULL;
	size_t n = 0, cap = 0, i;
	int rc = KK_OK;

	while (sq_step(st, stmt) == DB_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			ids = xrealloc(ids, cap * sizeof(*ids));
		}
		ids[n++] = sq_col_text(a, stmt, 0);
	}
	db_finalize(stmt);
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
    "period_end, doc_version, status, language, vision, version";

static void
read_strategy_row(struct store *st, struct arena *a, struct db_stmt *stmt,
    struct kk_strategy *s)
{
	static const char *const statuses[] = { "draft", "adopted" };

	memset(s, 0, sizeof(*s));
	s->id = sq_col_id(st, a, stmt, 0, "strategy.id");
	s->party = sq_col_id(st, a, stmt, 1, "strategy.party_id");
	s->title = sq_col_text(a, stmt, 2);
	s->start = db_column_int(stmt, 3);
	s->end = db_column_int(stmt, 4);
	s->version = db_column_int(stmt, 5);
	s->adopted = sq_enum(st, stmt, 6, statuses, KK_ARRAY_SIZE(statuses),
	    "strategy.status") == 1;
	s->lang = kk_languages[sq_enum(st, stmt, 7, kk_languages, 4,
	    "strategy.language")];
	s->vision = sq_col_text(a, stmt, 8);
	s->row_version = db_column_int(stmt, 9);
}

/* Load the items of strategy S, in file order. */
static void
load_items(struct store *st, struct arena *a, struct kk_strategy *s)
{
	struct db_stmt *stmt = sq_prep(st, "SELECT id, kind, parent_id, title, "
	    "body, tags, version FROM item WHERE strategy_id = ? "
	    "ORDER BY position");
	size_t cap = 0, i;

	sq_bind_text(stmt, 1, s->id);
	s->items = NULL;
	s->nitems = 0;
	while (sq_step(st, stmt) == DB_ROW) {
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
		it->id = sq_col_id(st, a, stmt, 0, "item.id");
		it->kind = (enum kk_item_kind)sq_enum(st, stmt, 1,
		    kk_item_kind_names, KK_ITEM_KIND_COUNT, "item.kind");
		it->parent = sq_col_text(a, stmt, 2);
		it->title = sq_col_text(a, stmt, 3);
		it->text = sq_col_text(a, stmt, 4);
		it->tags = sq_ids_parse(st, a, db_column_text(stmt, 5), "item.tags");
		it->row_version = db_column_int(stmt, 6);
	}
	db_finalize(stmt);

	stmt = sq_prep(st, "SELECT measure_id, goal_id FROM realisation WHERE "
	    "strategy_id = ? ORDER BY measure_id, position");
	sq_bind_text(stmt, 1, s->id);
	while (sq_step(st, stmt) == DB_ROW) {
		const char *m = sq_col_id(st, a, stmt, 0,
		    "realisation.measure_id");

		for (i = 0; i < s->nitems; i++) {
			struct kk_item *it = &s->items[i];

			/* a measure realises each goal of its strategy at
			   most once; a damaged file cannot add more */
			if (strcmp(it->id, m) || it->goals.n == s->nitems)
				continue;
			if (!it->goals.v)
				it->goals.v = arena_calloc(a, s->nitems,
				    sizeof(char *));
			it->goals.v[it->goals.n++] = sq_col_id(st, a, stmt, 1,
			    "realisation.goal_id");
		}
	}
	db_finalize(stmt);
}

static int
load_strategies(struct store *st, struct arena *a, const char *party,
    struct kk_strategy **out, size_t *n)
{
	char sql[240];
	struct db_stmt *stmt;
	size_t cap = 0, i;

	snprintf(sql, sizeof(sql), "SELECT %s FROM strategy %s ORDER BY "
	    "party_id, id", strategy_cols, party ? "WHERE party_id = ?" : "");
	stmt = sq_prep(st, sql);
	if (party)
		sq_bind_text(stmt, 1, party);
	*out = NULL;
	*n = 0;
	while (sq_step(st, stmt) == DB_ROW) {
		if (*n == cap) {
			struct kk_strategy *v;

			cap = cap ? 2 * cap : 8;
			v = arena_calloc(a, cap, sizeof(*v));
			if (*n)
				memcpy(v, *out, *n * sizeof(*v));
			*out = v;
		}
		read_strategy_row(st, a, stmt, &(*out)[(*n)++]);
	}
	db_finalize(stmt);
	for (i = 0; i < *n; i++)
		load_items(st, a, &(*out)[i]);
	return sq_read_rc(st);
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
	struct db_stmt *stmt = sq_prep(st, "SELECT party_id FROM strategy WHERE "
	    "id = ?");
	int rc;

	sq_bind_text(stmt, 1, id);
	rc = sq_step(st, stmt);
	*party = rc == DB_ROW && db_column_text(stmt, 0) ?
	    xstrdup(db_column_text(stmt, 0)) : NULL;
	db_finalize(stmt);
	if (sq_read_rc(st))
		return sq_read_rc(st);
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
	struct db_stmt *stmt;
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
		sq_bind_int64(stmt, 4, (int64_t)i);
		if ((rc = sq_run(st, stmt, "writing a measure")) != KK_OK)
			return rc;
	}
	return KK_OK;
}

/* Write item IT of strategy SID at POSITION: a new one, or (OLD) a
   change of the stored one, which must still be at OLD's version when
   the statement runs. */
static int
write_item(struct store *st, const char *sid, const struct kk_item *it,
    size_t position, const struct kk_item *old, const char *entity)
{
	struct db_stmt *stmt;
	char *tags = it->tags.n ? sq_ids_json(&it->tags) : NULL;
	int rc;

	stmt = sq_prep(st, old ?
	    "UPDATE item SET kind = ?3, parent_id = ?4, title = ?5, "
	    "body = ?6, position = ?7, tags = ?8, version = version + 1 "
	    "WHERE strategy_id = ?1 AND id = ?2 AND version = ?9" :
	    "INSERT INTO item (strategy_id, id, kind, parent_id, title, body, "
	    "position, tags) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	sq_bind_text(stmt, 1, sid);
	sq_bind_text(stmt, 2, it->id);
	sq_bind_text(stmt, 3, kk_item_kind_names[it->kind]);
	sq_bind_text(stmt, 4, it->parent);
	sq_bind_text(stmt, 5, it->title);
	sq_bind_text(stmt, 6, it->text);
	sq_bind_int64(stmt, 7, (int64_t)position);
	sq_bind_text(stmt, 8, tags);
	free(tags);
	if (!old)
		return sq_run(st, stmt, "writing an item");
	sq_bind_int64(stmt, 9, old->row_version);
	rc = sq_run_versioned(st, stmt, "writing an item", entity,
	    old->row_version);
	return rc;
}

static int sync_items(struct store *st, const char *sid,
    const struct kk_strategy *old, const struct kk_strategy *s);

/* Remove a strategy, its items first, each with its audit row. */
static int
remove_strategy(struct store *st, const struct kk_strategy *old)
{
	struct kk_strategy none = { .id = old->id };
	struct db_stmt *stmt;
	char *before = strategy_json(old);
	char *entity = xasprintf("strategy %s", old->id);
	int rc = sync_items(st, old->id, old, &none);

	stmt = sq_prep(st, "DELETE FROM strategy WHERE id = ? AND version = ?");
	sq_bind_text(stmt, 1, old->id);
	sq_bind_int64(stmt, 2, old->row_version);
	if (!rc)
		rc = sq_run_versioned(st, stmt, "removing a strategy", entity,
		    old->row_version);
	else
		db_finalize(stmt);
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
		struct db_stmt *stmt;
		char *before, *entity;

		if (kk_strategy_find(s, o->id))
			continue;
		entity = xasprintf("%s %s/%s", kk_item_kind_names[o->kind], sid,
		    o->id);
		stmt = sq_prep(st, "DELETE FROM item WHERE strategy_id = ? AND "
		    "id = ? AND version = ?");
		sq_bind_text(stmt, 1, sid);
		sq_bind_text(stmt, 2, o->id);
		sq_bind_int64(stmt, 3, o->row_version);
		rc = sq_run_versioned(st, stmt, "removing an item", entity,
		    o->row_version);
		before = rc ? NULL : item_json(o, i);
		if (!rc)
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
		entity = xasprintf("%s %s/%s", kk_item_kind_names[it->kind],
		    sid, it->id);
		/* a version that is not the stored one is refused even when
		   the change is what is stored: two who add one to a count
		   both write the same */
		if (it->row_version && (!o || it->row_version != o->row_version))
			rc = sq_conflict(st, entity, it->row_version,
			    o ? o->row_version : 0);
		else if (!before || strcmp(before, after))
			rc = write_item(st, sid, it, i, o, entity);
		else
			goto next;	/* nothing to write */
		if (!rc)
			rc = sq_audit(st, o ? STORE_CHANGED : STORE_ADDED, entity,
			    before, after);
next:
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

		char *entity = xasprintf("strategy %s", s->id);

		if (s->row_version && (!old ||
		    s->row_version != old->row_version))
			rc = sq_conflict(st, entity, s->row_version,
			    old ? old->row_version : 0);
		else if (before && !strcmp(before, after))
			;	/* nothing to write */
		else {
			struct db_stmt *stmt = sq_prep(st, old ?
			    "UPDATE strategy SET party_id = ?2, title = ?3, "
			    "period_start = ?4, period_end = ?5, "
			    "doc_version = ?6, status = ?7, language = ?8, "
			    "vision = ?9, version = version + 1 WHERE id = ?1 "
			    "AND version = ?10" :
			    "INSERT INTO strategy (id, party_id, title, "
			    "period_start, period_end, doc_version, status, "
			    "language, vision) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
			    "?7, ?8, ?9)");

			sq_bind_text(stmt, 1, s->id);
			sq_bind_text(stmt, 2, party);
			sq_bind_text(stmt, 3, s->title);
			sq_bind_int64(stmt, 4, s->start);
			sq_bind_int64(stmt, 5, s->end);
			sq_bind_int64(stmt, 6, s->version);
			sq_bind_text(stmt, 7, s->adopted ? "adopted" : "draft");
			sq_bind_text(stmt, 8, s->lang);
			sq_bind_text(stmt, 9, s->vision);
			if (old) {
				sq_bind_int64(stmt, 10, old->row_version);
				rc = sq_run_versioned(st, stmt,
				    "writing a strategy", entity,
				    old->row_version);
			} else {
				rc = sq_run(st, stmt, "writing a strategy");
			}
			if (!rc)
				rc = sq_audit(st, old ? STORE_CHANGED :
				    STORE_ADDED, entity, before, after);
		}
		free(entity);
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
bind_body(struct db_stmt *stmt, const void *row)
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
bind_milestone(struct db_stmt *stmt, const void *row)
{
	const struct kk_milestone *m = row;

	sq_bind_text(stmt, 3, m->title);
	sq_bind_text(stmt, 4, m->date);
	sq_bind_int64(stmt, 5, m->done);
	sq_bind_text(stmt, 6, m->text);
}

static void
bind_agreement(struct db_stmt *stmt, const void *row)
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

static int
row_version(const struct sq_rows *r, const void *row)
{
	return *(const int *)(const void *)((const char *)row + r->version_at);
}

/*
 * Make the rows of one table of organisation ORG equal to NEW (from OLD, as
 * read in this transaction): insert, update and delete by id, each change
 * audited with the row's JSON. A row of NEW that carries a version must
 * still be at it (konkordat.h).
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
		struct db_stmt *stmt;
		bool kept = false;

		for (j = 0; j < new->n; j++)
			if (!strcmp(new->id((const char *)new->v +
			    j * new->size), old->id(o)))
				kept = true;
		if (kept)
			continue;
		sql = xasprintf("DELETE FROM %s WHERE org_id = ? AND id = ? "
		    "AND version = ?", old->table);
		stmt = sq_prep(st, sql);
		free(sql);
		sq_bind_text(stmt, 1, org);
		sq_bind_text(stmt, 2, old->id(o));
		sq_bind_int64(stmt, 3, row_version(old, o));
		entity = xasprintf("%s %s/%s", old->table, org, old->id(o));
		rc = sq_run_versioned(st, stmt, "removing a row", entity,
		    row_version(old, o));
		before = rc ? NULL : row_json(old, o, i);
		if (!rc)
			rc = sq_audit(st, STORE_REMOVED, entity, before, NULL);
		free(before);
		free(entity);
	}
	for (i = 0; i < new->n && !rc; i++) {
		const void *x = (const char *)new->v + i * new->size;
		const void *o = NULL;
		char *before = NULL, *after = row_json(new, x, i), *entity, *sql;
		int expect = row_version(new, x);
		struct db_stmt *stmt;

		for (j = 0; j < old->n; j++) {
			const void *y = (const char *)old->v + j * old->size;

			if (!strcmp(old->id(y), new->id(x))) {
				o = y;
				before = row_json(old, o, j);
			}
		}
		entity = xasprintf("%s %s/%s", new->table, org, new->id(x));
		if (expect && (!o || expect != row_version(old, o))) {
			rc = sq_conflict(st, entity, expect,
			    o ? row_version(old, o) : 0);
			goto next;
		}
		if (before && !strcmp(before, after))
			goto next;
		sql = o ? xasprintf("%s AND version = ?21", new->update) : NULL;
		stmt = sq_prep(st, o ? sql : new->insert);
		free(sql);
		sq_bind_text(stmt, 1, org);
		sq_bind_text(stmt, 2, new->id(x));
		new->bind(stmt, x);
		sq_bind_int64(stmt, db_parameter_index(stmt,
		    "?20"), (int64_t)i);
		if (o) {
			sq_bind_int64(stmt, db_parameter_index(stmt, "?21"),
			    row_version(old, o));
			rc = sq_run_versioned(st, stmt, "writing a row",
			    entity, row_version(old, o));
		} else {
			rc = sq_run(st, stmt, "writing a row");
		}
		if (!rc && new->children)
			rc = new->children(st, org, x);
		if (!rc)
			rc = sq_audit(st, o ? STORE_CHANGED : STORE_ADDED,
			    entity, before, after);
next:
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
	    "position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?20)", NULL,
	    offsetof(struct kk_body, row_version) };

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
	    "position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?20)", NULL,
	    offsetof(struct kk_milestone, row_version) };

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
	    "?5, ?6, ?7, ?8, ?20)", NULL,
	    offsetof(struct kk_agreement, row_version) };

	return r;
}

static void
load_org_rows(struct store *st, struct arena *a, struct kk_org *o)
{
	struct db_stmt *stmt;
	size_t cap;

	stmt = sq_prep(st, "SELECT id, name, kind, members, body, version FROM body "
	    "WHERE "
	    "org_id = ? ORDER BY position");
	sq_bind_text(stmt, 1, o->party.id);
	for (cap = 0; sq_step(st, stmt) == DB_ROW;) {
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
		b->id = sq_col_id(st, a, stmt, 0, "body.id");
		b->name = sq_col_text(a, stmt, 1);
		b->kind = (enum kk_body_kind)sq_enum(st, stmt, 2,
		    kk_body_kind_names, KK_BODY_KIND_COUNT, "body.kind");
		b->members = sq_ids_parse(st, a, db_column_text(stmt, 3), "body.members");
		b->text = sq_col_text(a, stmt, 4);
		b->row_version = db_column_int(stmt, 5);
	}
	db_finalize(stmt);

	stmt = sq_prep(st, "SELECT id, title, due, done, body, version FROM "
	    "milestone "
	    "WHERE org_id = ? ORDER BY position");
	sq_bind_text(stmt, 1, o->party.id);
	for (cap = 0; sq_step(st, stmt) == DB_ROW;) {
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
		m->id = sq_col_id(st, a, stmt, 0, "milestone.id");
		m->title = sq_col_text(a, stmt, 1);
		m->date = sq_col_text(a, stmt, 2);
		m->done = db_column_int(stmt, 3) != 0;
		m->text = sq_col_text(a, stmt, 4);
		m->row_version = db_column_int(stmt, 5);
	}
	db_finalize(stmt);

	stmt = sq_prep(st, "SELECT id, title, kind, parties, valid_from, "
	    "valid_to, body, version FROM agreement WHERE org_id = ? "
	    "ORDER BY position");
	sq_bind_text(stmt, 1, o->party.id);
	for (cap = 0; sq_step(st, stmt) == DB_ROW;) {
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
		g->id = sq_col_id(st, a, stmt, 0, "agreement.id");
		g->title = sq_col_text(a, stmt, 1);
		g->kind = (enum kk_agreement_kind)sq_enum(st, stmt, 2,
		    kk_agreement_kind_names, KK_AGREEMENT_KIND_COUNT,
		    "agreement.kind");
		g->parties = sq_ids_parse(st, a, db_column_text(stmt, 3),
		    "agreement.parties");
		g->valid_from = sq_col_text(a, stmt, 4);
		g->valid_to = sq_col_text(a, stmt, 5);
		g->text = sq_col_text(a, stmt, 6);
		g->row_version = db_column_int(stmt, 7);
	}
	db_finalize(stmt);
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
	/* rows read wrongly would be written back wrongly */
	if ((rc = sq_read_rc(st)) != KK_OK) {
		arena_free(a);
		return rc;
	}
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
	struct db_stmt *stmt;
	char sql[200];
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
		return sq_read_rc(st);
	}
	out->type = KK_DOC_PARTY;
	out->defs = arena_calloc(a, out->party.members.n + 1,
	    sizeof(*out->defs));
	/* the members in one query, not one each: an association has
	   dozens, and on PostgreSQL each query is a round trip. Those
	   defined in the file are municipalities, which have no members */
	snprintf(sql, sizeof(sql), "SELECT %s FROM party JOIN membership ON "
	    "member_id = id WHERE group_id = ? ORDER BY position", party_cols);
	stmt = sq_prep(st, sql);
	sq_bind_text(stmt, 1, party);
	for (i = 0; i < out->party.members.n &&
	    sq_step(st, stmt) == DB_ROW; i++) {
		struct kk_party m;

		read_party_row(st, a, stmt, &m);
		/* both in the order of position: a row that is not the
		   member due here means that member has no party row */
		if (strcmp(m.id, out->party.members.v[i]))
			break;
		if (!m.standalone)
			out->defs[out->ndefs++] = m;
	}
	db_finalize(stmt);
	/* the schema's foreign key keeps every member; a file without it
	   is damaged, and the message names the member that is missing */
	if (!sq_read_rc(st) && i < out->party.members.n)
		bad_value(st, out->party.members.v[i], "membership.member_id");
	if ((rc = sq_read_rc(st)) != KK_OK)
		return rc;
	rc = load_strategies(st, a, party, &ss, &n);
	if (!rc && n)
		out->strategy = &ss[0];
	return rc;
}

/*
 * Images: a database serialised into one buffer (SQLite's own file
 * format), and opened again by deserialising a copy into a new in-memory
 * connection. A copy per open keeps each store's changes its own.
 */
struct store_image {
	unsigned char *data;	/* from sqlite3_serialize(): sqlite3_free() */
	sqlite3_int64 size;
};

int
store_image_take(struct store *st, struct store_image **out, char **errmsg)
{
	struct store_image *img = xcalloc(1, sizeof(*img));

	*out = NULL;
	*errmsg = NULL;
	img->data = db_sqlite_handle(st->db) ?
	    sqlite3_serialize(db_sqlite_handle(st->db), "main", &img->size,
	    0) : NULL;
	if (!img->data) {
		sq_fail(st, KK_EIO, N_("reading the database"));
		*errmsg = xstrdup(store_errmsg(st));
		free(img);
		return KK_EIO;
	}
	/* an in-memory database has no WAL: the copy of a file that has
	   one says it uses the rollback journal (the header's bytes 18
	   and 19, the file format's read and write versions) */
	if (img->size >= 100)
		img->data[18] = img->data[19] = 1;
	*out = img;
	return KK_OK;
}

/* Put a copy of IMG in the place of ST's database. */
static int
load_image(struct store *st, const struct store_image *img)
{
	/* SQLite owns the copy from here on, even when this fails */
	unsigned char *copy = sqlite3_malloc64((sqlite3_uint64)img->size);

	if (copy)
		memcpy(copy, img->data, (size_t)img->size);
	if (!copy || sqlite3_deserialize(db_sqlite_handle(st->db), "main",
	    copy, img->size,
	    img->size, SQLITE_DESERIALIZE_FREEONCLOSE |
	    SQLITE_DESERIALIZE_RESIZEABLE) != SQLITE_OK)
		return sq_fail(st, KK_EIO, N_("writing the database"));
	return KK_OK;
}

int
store_open_image(const struct store_image *img, struct store **out,
    char **errmsg)
{
	struct store *st = xcalloc(1, sizeof(*st));
	int rc;

	*out = NULL;
	*errmsg = NULL;
	rc = db_open("sqlite::memory:", DB_OPEN_CREATE, &st->db);
	if (rc != DB_OK) {
		*errmsg = xasprintf(_("cannot open '%s': %s"), ":memory:",
		    st->db ? db_errmsg(st->db) : "out of memory");
		store_close(st);
		return KK_EIO;
	}
	if (load_image(st, img) || sq_exec(st, "PRAGMA foreign_keys = ON")) {
		*errmsg = xstrdup(store_errmsg(st));
		store_close(st);
		return KK_EIO;
	}
	*out = st;
	return KK_OK;
}

void
store_image_free(struct store_image *img)
{
	if (!img)
		return;
	sqlite3_free(img->data);
	free(img);
}
