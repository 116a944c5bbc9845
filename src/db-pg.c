/* db-pg.c: the SQL driver on a PostgreSQL server, through libpq. */
#include "db-impl.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "konkordat.h"

/*
 * Rows are read in libpq's single-row mode: the server streams the
 * result and each db_step() holds one row, so that a million-row read
 * holds one row at a time rather than all of them (PQexec's result) and
 * its copy. A cursor would do the same but needs a transaction and a
 * round trip per batch; single-row mode needs neither.
 *
 * A connection runs one query at a time. When another statement (or an
 * exec, a transaction's command) is run on the connection while one is
 * still being read, the rest of the first one's rows are read into
 * memory and its later steps return them: the store's pattern of
 * writing while it walks a SELECT stays correct, at the cost of that
 * SELECT's remaining rows.
 */

struct pstmt;

/* The type of text, from the server's catalog (pg_type.h, a stable
   number), for parameters that nothing else types. */
enum { TEXT_OID = 25 };

struct pdb {
	struct db db;
	PGconn *conn;
	unsigned long nstmts;	/* names the prepared statements */
	int64_t changes;
	struct pstmt *reading;	/* the statement whose rows are streaming */
	PGTransactionStatusType last_tx;	/* when the server was last idle */
	bool copying;		/* between copy_begin and copy_end */
	bool copy_failed;	/* a row of this COPY could not be sent */
};

enum pstate {
	PS_IDLE,	/* not run since prepare or reset */
	PS_READING,	/* sent; its rows are streaming */
	PS_QUEUED,	/* sent; its rows are in queue[] */
	PS_DONE,	/* every row read, or failed */
};

struct pstmt {
	struct db_stmt stmt;
	char name[32];		/* of the server's prepared statement */
	int nparams;
	unsigned char *uses;	/* [1..nparams]: as rewrite_params() says */
	char **values;		/* [0..nparams-1]: text, or NULL for NULL */
	enum pstate state;
	PGresult *res;		/* the result holding the current row */
	int row;		/* the current row in res */
	PGresult **queue;	/* PS_QUEUED: results still to be stepped */
	size_t nqueue, qpos;
};

#define PD(db) ((struct pdb *)(db))
#define PS(stmt) ((struct pstmt *)(stmt))

/* Notices (a NOTICE from a DROP ... IF EXISTS) are not the user's. */
static void
drop_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* The class of SQLSTATE CODE, a failure's five characters. */
static int
status_of_sqlstate(const char *code)
{
	if (!code || strlen(code) != 5)
		return DB_ERROR;
	if (!strcmp(code, "40001") || !strcmp(code, "40P01"))
		return DB_ECONFLICT;
	if (!strncmp(code, "23", 2))
		return DB_ECONSTRAINT;
	if (!strcmp(code, "55P03") || !strcmp(code, "57014"))
		return DB_EBUSY;
	if (!strncmp(code, "53", 2))
		return DB_EDISK;
	if (!strcmp(code, "25006"))
		return DB_EREADONLY;
	if (!strncmp(code, "08", 2) || !strcmp(code, "57P01") ||
	    !strcmp(code, "57P02") || !strcmp(code, "57P03"))
		return DB_ELOST;
	if (!strcmp(code, "3D000") || !strncmp(code, "28", 2))
		return DB_ECANTOPEN;
	return DB_ERROR;
}

/* Note libpq's connection message on DB as STATUS, without its newline. */
static int
note_conn(struct db *db, int status)
{
	const char *msg = PD(db)->conn ? PQerrorMessage(PD(db)->conn) : "";
	size_t len = strlen(msg);
	char *copy;

	while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		len--;
	copy = xmalloc(len + 1);
	memcpy(copy, msg, len);
	copy[len] = '\0';
	db_set_error(db, status, *copy ? copy : "connection failed");
	free(copy);
	return status;
}

/*
 * A failed result RES (NULL: libpq could not send) noted on DB in the
 * server's words; a broken connection is DB_ELOST whatever it said.
 */
static int
note_result(struct db *db, const PGresult *res)
{
	const char *msg;
	int status;

	if (PQstatus(PD(db)->conn) == CONNECTION_BAD)
		return note_conn(db, DB_ELOST);
	if (!res)
		return note_conn(db, DB_ERROR);
	status = status_of_sqlstate(PQresultErrorField(res, PG_DIAG_SQLSTATE));
	msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	if (!msg)
		return note_conn(db, status);
	return db_set_error(db, status, msg);
}

static bool
result_ok(const PGresult *res)
{
	ExecStatusType st = PQresultStatus(res);

	return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ||
	    st == PGRES_SINGLE_TUPLE || st == PGRES_EMPTY_QUERY;
}

static void
note_changes(struct pdb *d, const PGresult *res)
{
	const char *n = PQcmdTuples((PGresult *)res);

	d->changes = *n ? strtoll(n, NULL, 10) : 0;
}

/* Add the one row of SRC to DST, a result of ours; 0 if out of memory. */
static int
append_row(PGresult *dst, const PGresult *src)
{
	int c, n = PQntuples(dst);

	for (c = 0; c < PQnfields(src); c++) {
		bool null = PQgetisnull(src, 0, c);

		if (!PQsetvalue(dst, n, c, null ? NULL : PQgetvalue(src, 0, c),
		    null ? -1 : PQgetlength(src, 0, c)))
			return 0;
	}
	return 1;
}

/*
 * Read the rest of the streaming statement's rows into its queue, so that
 * the connection is free for another query. The rows go into results of
 * many rows each: a result of one row costs libpq kilobytes, so that a
 * queue of single rows would take ten times the memory of their data.
 */
static void
settle(struct pdb *d)
{
	struct pstmt *ps = d->reading;
	PGresult *res, *rows = NULL;
	size_t alloc = 0;

	if (!ps)
		return;
	while ((res = PQgetResult(d->conn))) {
		if (PQresultStatus(res) == PGRES_SINGLE_TUPLE) {
			if (rows && append_row(rows, res)) {
				PQclear(res);
				continue;
			}
			/* a result of ours, to which rows can be added */
			rows = PQcopyResult(res, PG_COPYRES_ATTRS |
			    PG_COPYRES_TUPLES);
			if (rows) {
				PQclear(res);
				res = rows;
			}
		} else {
			rows = NULL;
		}
		if (ps->nqueue == alloc) {
			alloc = alloc ? 2 * alloc : 64;
			ps->queue = xrealloc(ps->queue,
			    alloc * sizeof(*ps->queue));
		}
		ps->queue[ps->nqueue++] = res;
	}
	ps->qpos = 0;
	ps->state = PS_QUEUED;
	d->reading = NULL;
}

/* Forget what STMT's run holds: its rows, read or not. */
static void
discard_run(struct pstmt *ps)
{
	struct pdb *d = PD(ps->stmt.db);
	PGresult *res;

	if (d->reading == ps) {
		while ((res = PQgetResult(d->conn)))
			PQclear(res);
		d->reading = NULL;
	}
	for (; ps->qpos < ps->nqueue; ps->qpos++)
		PQclear(ps->queue[ps->qpos]);
	free(ps->queue);
	ps->queue = NULL;
	ps->nqueue = ps->qpos = 0;
	PQclear(ps->res);
	ps->res = NULL;
	ps->state = PS_IDLE;
}

static int
p_exec(struct db *db, const char *sql)
{
	struct pdb *d = PD(db);
	PGresult *res;
	int status = DB_OK;

	settle(d);
	res = PQexec(d->conn, sql);
	if (!res || !result_ok(res))
		status = note_result(db, res);
	else
		note_changes(d, res);
	PQclear(res);
	d->last_tx = PQtransactionStatus(d->conn);
	return status;
}

static int
p_open(const char *location, unsigned flags, struct db **out)
{
	struct pdb *d = xcalloc(1, sizeof(*d));
	char set[64];
	int status;

	d->db.ops = &db_pg_ops;
	d->db.backend = DB_POSTGRESQL;
	*out = &d->db;
	d->conn = PQconnectdb(location);
	if (!d->conn)
		return db_set_error(&d->db, DB_ECANTOPEN, "out of memory");
	if (PQstatus(d->conn) != CONNECTION_OK)
		return note_conn(&d->db, DB_ECANTOPEN);
	PQsetNoticeProcessor(d->conn, drop_notice, NULL);
	if (PQsetClientEncoding(d->conn, "UTF8"))
		return note_conn(&d->db, DB_ECANTOPEN);
	/* a lock held by another writer is waited for as SQLite's
	   busy timeout waits, then DB_EBUSY (55P03) */
	snprintf(set, sizeof(set), "SET lock_timeout = %d", db_busy_timeout());
	if ((status = p_exec(&d->db, set)))
		return status;
	if ((flags & DB_OPEN_READONLY) &&
	    (status = p_exec(&d->db,
	    "SET default_transaction_read_only = on")))
		return status;
	return DB_OK;
}

static void
p_close(struct db *db)
{
	if (!db)
		return;
	PQfinish(PD(db)->conn);	/* the server drops its statements */
	db_release(db);
	free(db);
}

static int
p_begin(struct db *db, bool write)
{
	return p_exec(db, write ? "BEGIN ISOLATION LEVEL REPEATABLE READ" :
	    "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}

static int
p_commit(struct db *db)
{
	struct pdb *d = PD(db);
	int status;

	settle(d);
	/* the server answers COMMIT of a failed transaction with a
	   ROLLBACK and no error: say that nothing was written */
	if (PQtransactionStatus(d->conn) == PQTRANS_INERROR) {
		if ((status = p_exec(db, "ROLLBACK")))
			return status;
		return db_set_error(db, DB_ERROR,
		    "the transaction failed and was rolled back");
	}
	return p_exec(db, "COMMIT");
}

static int
p_rollback(struct db *db)
{
	struct pdb *d = PD(db);

	settle(d);
	if (PQtransactionStatus(d->conn) == PQTRANS_IDLE)
		return DB_OK;
	return p_exec(db, "ROLLBACK");
}

static bool
p_in_transaction(const struct db *db)
{
	const struct pdb *d = (const struct pdb *)db;

	switch (PQtransactionStatus(d->conn)) {
	case PQTRANS_INTRANS:
	case PQTRANS_INERROR:
		return true;
	case PQTRANS_ACTIVE:	/* a statement's rows are streaming */
		return d->last_tx == PQTRANS_INTRANS ||
		    d->last_tx == PQTRANS_INERROR;
	default:
		return false;
	}
}

/*
 * SQL with SQLite's parameters ("?N", "?") rewritten to PostgreSQL's
 * ("$N"): a bare "?" is one more than the largest number so far, as
 * SQLite numbers it. String literals, quoted identifiers and comments
 * are copied as they are. *NPARAMS is the largest number; *USES
 * (1..*NPARAMS, to free) says how the SQL uses each: 2 if written "?N",
 * 1 if only as "?", 0 if not at all.
 */
static char *
rewrite_params(const char *sql, int *nparams, unsigned char **uses)
{
	struct buf b = BUF_INIT;
	const char *p = sql;
	int max = 0, alloc = 0;
	unsigned char *seen = NULL;

	while (*p) {
		if (*p == '\'' || *p == '"') {
			char q = *p;

			buf_addc(&b, *p++);
			/* a doubled quote is the quote itself: copying it
			   closes and reopens, which comes to the same */
			while (*p && *p != q)
				buf_addc(&b, *p++);
			if (*p)
				buf_addc(&b, *p++);
		} else if (p[0] == '-' && p[1] == '-') {
			while (*p && *p != '\n')
				buf_addc(&b, *p++);
		} else if (p[0] == '/' && p[1] == '*') {
			const char *end = strstr(p + 2, "*/");
			size_t len = end ? (size_t)(end + 2 - p) : strlen(p);

			buf_add(&b, p, len);
			p += len;
		} else if (*p == '?') {
			long n;
			bool is_named = p[1] >= '0' && p[1] <= '9';

			p++;
			if (is_named) {
				char *end;

				n = strtol(p, &end, 10);
				p = end;
				if (n < 1 || n > 32766)
					n = 32766;	/* the server refuses it */
			} else {
				n = max + 1;
			}
			if (n > max)
				max = (int)n;
			if (max >= alloc) {
				int old = alloc;

				alloc = max + 16;
				seen = xrealloc(seen, (size_t)alloc *
				    sizeof(*seen));
				memset(seen + old, 0, (size_t)(alloc - old) *
				    sizeof(*seen));
			}
			seen[n] |= is_named ? 2 : 1;
			buf_addf(&b, "$%ld", n);
		} else {
			buf_addc(&b, *p++);
		}
	}
	*nparams = max;
	*uses = seen;
	return buf_detach(&b, NULL);
}

static int
p_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
	struct pdb *d = PD(db);
	struct pstmt *ps;
	PGresult *res;
	char name[32];
	unsigned char *uses;
	Oid *types;
	int nparams, i;
	char *text = rewrite_params(sql, &nparams, &uses);

	/* a number the SQL skips ("?20" after "?6") still counts as a
	   parameter, which the server cannot type: it gets text's, and its
	   value is never read */
	types = xcalloc(nparams ? (size_t)nparams : 1, sizeof(*types));
	for (i = 1; i <= nparams; i++)
		types[i - 1] = uses[i] ? 0 : TEXT_OID;
	settle(d);
	snprintf(name, sizeof(name), "kk_%lu", ++d->nstmts);
	res = PQprepare(d->conn, name, text, nparams, types);
	free(types);
	free(text);
	if (!res || PQresultStatus(res) != PGRES_COMMAND_OK) {
		int status = note_result(db, res);

		PQclear(res);
		free(uses);
		d->last_tx = PQtransactionStatus(d->conn);
		return status;
	}
	PQclear(res);
	ps = xcalloc(1, sizeof(*ps));
	ps->stmt.db = db;
	memcpy(ps->name, name, sizeof(name));
	ps->nparams = nparams;
	ps->uses = uses;
	ps->values = xcalloc(nparams ? (size_t)nparams : 1,
	    sizeof(*ps->values));
	*out = &ps->stmt;
	return DB_OK;
}

static void
p_finalize(struct db_stmt *stmt)
{
	struct pstmt *ps = PS(stmt);
	struct pdb *d = PD(stmt->db);
	char sql[48];
	int i;

	discard_run(ps);
	/* an aborted transaction refuses even this; the server drops the
	   statement with the connection then, and no name is used twice */
	if (PQstatus(d->conn) == CONNECTION_OK &&
	    PQtransactionStatus(d->conn) != PQTRANS_INERROR) {
		settle(d);
		snprintf(sql, sizeof(sql), "DEALLOCATE %s", ps->name);
		PQclear(PQexec(d->conn, sql));
	}
	for (i = 0; i < ps->nparams; i++)
		free(ps->values[i]);
	free(ps->values);
	free(ps->uses);
	free(ps);
}

static void
p_reset(struct db_stmt *stmt)
{
	discard_run(PS(stmt));
}

static void
p_clear_bindings(struct db_stmt *stmt)
{
	struct pstmt *ps = PS(stmt);
	int i;

	for (i = 0; i < ps->nparams; i++) {
		free(ps->values[i]);
		ps->values[i] = NULL;
	}
}

static int
p_parameter_index(struct db_stmt *stmt, const char *name)
{
	struct pstmt *ps = PS(stmt);
	char *end;
	long n;

	if (name[0] != '?' || name[1] < '1' || name[1] > '9')
		return 0;
	n = strtol(name + 1, &end, 10);
	if (*end || n > ps->nparams || !(ps->uses[n] & 2))
		return 0;
	return (int)n;
}

/* Set parameter I of STMT to VALUE (taken); one out of range is
   ignored, as SQLite ignores it (its bind returns SQLITE_RANGE). */
static void
set_value(struct db_stmt *stmt, int i, char *value)
{
	struct pstmt *ps = PS(stmt);

	if (i < 1 || i > ps->nparams) {
		free(value);
		return;
	}
	free(ps->values[i - 1]);
	ps->values[i - 1] = value;
}

static void
p_bind_text(struct db_stmt *stmt, int i, const char *s)
{
	set_value(stmt, i, xstrdup(s));
}

static void
p_bind_int64(struct db_stmt *stmt, int i, int64_t v)
{
	char text[24];

	snprintf(text, sizeof(text), "%" PRId64, v);
	set_value(stmt, i, xstrdup(text));
}

static void
p_bind_double(struct db_stmt *stmt, int i, double v)
{
	char text[32];

	/* 17 significant digits give the double back exactly */
	snprintf(text, sizeof(text), "%.17g", v);
	set_value(stmt, i, xstrdup(text));
}

static void
p_bind_null(struct db_stmt *stmt, int i)
{
	set_value(stmt, i, NULL);
}

/* The next result of STMT's run: from its queue, or from the server. */
static PGresult *
next_result(struct pstmt *ps)
{
	struct pdb *d = PD(ps->stmt.db);

	if (ps->state == PS_QUEUED)
		return ps->qpos < ps->nqueue ? ps->queue[ps->qpos++] : NULL;
	return PQgetResult(d->conn);
}

/* STMT's run is over: what is left of it is read and dropped. */
static void
end_run(struct pstmt *ps)
{
	struct pdb *d = PD(ps->stmt.db);
	PGresult *res;

	while ((res = next_result(ps)))
		PQclear(res);
	if (d->reading == ps)
		d->reading = NULL;
	free(ps->queue);
	ps->queue = NULL;
	ps->nqueue = ps->qpos = 0;
	ps->state = PS_DONE;
	d->last_tx = PQtransactionStatus(d->conn);
}

static int
p_step(struct db_stmt *stmt)
{
	struct pstmt *ps = PS(stmt);
	struct pdb *d = PD(stmt->db);
	PGresult *res;
	int status;

	if (ps->state == PS_DONE)	/* run again, as SQLite does */
		discard_run(ps);
	if (ps->state == PS_IDLE) {
		settle(d);
		if (d->copying)
			return db_set_error(stmt->db, DB_ERROR,
			    "a COPY is in progress");
		if (!PQsendQueryPrepared(d->conn, ps->name, ps->nparams,
		    (const char *const *)ps->values, NULL, NULL, 0)) {
			status = note_result(stmt->db, NULL);
			ps->state = PS_DONE;
			return status;
		}
		PQsetSingleRowMode(d->conn);
		ps->state = PS_READING;
		d->reading = ps;
	}
	if (ps->res && ps->row + 1 < PQntuples(ps->res)) {
		ps->row++;
		return DB_ROW;
	}
	PQclear(ps->res);
	ps->res = NULL;
	while ((res = next_result(ps))) {
		switch (PQresultStatus(res)) {
		case PGRES_SINGLE_TUPLE:
		case PGRES_TUPLES_OK:
			if (PQntuples(res) > 0) {
				ps->res = res;
				ps->row = 0;
				return DB_ROW;
			}
			note_changes(d, res);
			PQclear(res);
			break;
		case PGRES_COMMAND_OK:
		case PGRES_EMPTY_QUERY:
			note_changes(d, res);
			PQclear(res);
			break;
		default:
			status = note_result(stmt->db, res);
			PQclear(res);
			end_run(ps);
			return status;
		}
	}
	end_run(ps);
	if (PQstatus(d->conn) == CONNECTION_BAD)
		return note_conn(stmt->db, DB_ELOST);
	return DB_DONE;
}

/* The text of column I of the current row, NULL for NULL or none. */
static const char *
p_column_text(struct db_stmt *stmt, int i)
{
	struct pstmt *ps = PS(stmt);

	if (!ps->res || i < 0 || i >= PQnfields(ps->res) ||
	    PQgetisnull(ps->res, ps->row, i))
		return NULL;
	return PQgetvalue(ps->res, ps->row, i);
}

static int64_t
p_column_int64(struct db_stmt *stmt, int i)
{
	const char *s = p_column_text(stmt, i);

	if (!s)
		return 0;
	if (!strcmp(s, "t"))	/* a boolean, as SQLite has it: 1 or 0 */
		return 1;
	return strtoll(s, NULL, 10);
}

/* The type of column I, from its type's number in the server's catalog
   (pg_type.h, stable numbers): the integers, booleans as SQLite has
   them, and the floating-point numbers; the rest is text. */
static enum db_type
p_column_type(struct db_stmt *stmt, int i)
{
	struct pstmt *ps = PS(stmt);

	if (!p_column_text(stmt, i))
		return DB_NULL;
	switch (PQftype(ps->res, i)) {
	case 16:	/* boolean */
	case 20:	/* bigint */
	case 21:	/* smallint */
	case 23:	/* integer */
		return DB_INTEGER;
	case 700:	/* real */
	case 701:	/* double precision */
		return DB_FLOAT;
	default:
		return DB_TEXT;
	}
}

static int
p_column_count(struct db_stmt *stmt)
{
	struct pstmt *ps = PS(stmt);

	return ps->res ? PQnfields(ps->res) : 0;
}

static const char *
p_column_name(struct db_stmt *stmt, int i)
{
	struct pstmt *ps = PS(stmt);

	return ps->res && i >= 0 && i < PQnfields(ps->res) ?
	    PQfname(ps->res, i) : NULL;
}

static double
p_column_double(struct db_stmt *stmt, int i)
{
	const char *s = p_column_text(stmt, i);

	return s ? strtod(s, NULL) : 0;
}

static bool
p_column_null(struct db_stmt *stmt, int i)
{
	return !p_column_text(stmt, i);
}

static int64_t
p_changes(const struct db *db)
{
	return ((const struct pdb *)db)->changes;
}

static int
p_copy_begin(struct db *db, const char *table, const char *columns)
{
	struct pdb *d = PD(db);
	struct buf sql = BUF_INIT;
	PGresult *res;
	int status = DB_OK;

	settle(d);
	buf_addf(&sql, "COPY %s (%s) FROM STDIN", table, columns);
	res = PQexec(d->conn, sql.s);
	buf_release(&sql);
	if (!res || PQresultStatus(res) != PGRES_COPY_IN)
		status = note_result(db, res);
	else
		d->copying = true;
	d->copy_failed = false;
	PQclear(res);
	return status;
}

/* VALUE in COPY's text format: a backslash, a tab, a newline and a
   carriage return escaped, as the server reads them back. */
static void
add_copy_value(struct buf *b, const char *value)
{
	const char *p;

	if (!value) {
		buf_adds(b, "\\N");
		return;
	}
	for (p = value; *p; p++) {
		switch (*p) {
		case '\\':
			buf_adds(b, "\\\\");
			break;
		case '\t':
			buf_adds(b, "\\t");
			break;
		case '\n':
			buf_adds(b, "\\n");
			break;
		case '\r':
			buf_adds(b, "\\r");
			break;
		default:
			buf_addc(b, *p);
		}
	}
}

static int
p_copy_row(struct db *db, const char *const *values, int ncols)
{
	struct pdb *d = PD(db);
	struct buf line = BUF_INIT;
	int i, status = DB_OK;

	if (!d->copying)
		return db_set_error(db, DB_ERROR, "no COPY is in progress");
	for (i = 0; i < ncols; i++) {
		if (i)
			buf_addc(&line, '\t');
		add_copy_value(&line, values[i]);
	}
	buf_addc(&line, '\n');
	if (PQputCopyData(d->conn, line.s, (int)line.len) != 1) {
		d->copy_failed = true;
		status = note_conn(db, PQstatus(d->conn) == CONNECTION_BAD ?
		    DB_ELOST : DB_ERROR);
	}
	buf_release(&line);
	return status;
}

static int
p_copy_end(struct db *db)
{
	struct pdb *d = PD(db);
	PGresult *res;
	int status = DB_OK;

	if (!d->copying)
		return db_set_error(db, DB_ERROR, "no COPY is in progress");
	d->copying = false;
	/* a row that failed to go makes the server drop them all */
	if (PQputCopyEnd(d->conn, d->copy_failed ? "a row could not be sent" :
	    NULL) != 1)
		return note_conn(db, DB_ELOST);
	while ((res = PQgetResult(d->conn))) {
		if (PQresultStatus(res) != PGRES_COMMAND_OK) {
			if (!status)
				status = note_result(db, res);
		} else {
			note_changes(d, res);
		}
		PQclear(res);
	}
	d->last_tx = PQtransactionStatus(d->conn);
	return status;
}

const struct db_ops db_pg_ops = {
	.open = p_open,
	.close = p_close,
	.exec = p_exec,
	.begin = p_begin,
	.commit = p_commit,
	.rollback = p_rollback,
	.in_transaction = p_in_transaction,
	.prepare = p_prepare,
	.finalize = p_finalize,
	.reset = p_reset,
	.clear_bindings = p_clear_bindings,
	.parameter_index = p_parameter_index,
	.bind_text = p_bind_text,
	.bind_int64 = p_bind_int64,
	.bind_double = p_bind_double,
	.bind_null = p_bind_null,
	.step = p_step,
	.column_text = p_column_text,
	.column_int64 = p_column_int64,
	.column_double = p_column_double,
	.column_null = p_column_null,
	.column_type = p_column_type,
	.column_count = p_column_count,
	.column_name = p_column_name,
	.changes = p_changes,
	.copy_begin = p_copy_begin,
	.copy_row = p_copy_row,
	.copy_end = p_copy_end,
};
