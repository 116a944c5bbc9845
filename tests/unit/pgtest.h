/* pgtest.h: a PostgreSQL database of its own for a unit test, on the server of ctest's fixture "pg". */
#ifndef KK_TEST_PGTEST_H
#define KK_TEST_PGTEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"

/*
 * The fixture (tests/CMakeLists.txt) starts one server for the ctest run
 * and puts its URI in the file $KK_PG_URI_FILE. A test makes a database
 * of its own there, named after the test and its process, so that tests
 * running at once share no tables. Without the server this fails, and
 * so does the test: it is not skipped.
 */
struct pgtest {
	char server[512];	/* the URI of the cluster's own database */
	char dbname[64];	/* the database made for the test */
	char location[600];	/* its URI, for db_open() */
};

/* URI with its database name replaced by NAME, into OUT (SIZE). */
static inline int
pgtest_uri_with_dbname(const char *uri, const char *name, char *out,
    size_t size)
{
	const char *host = strstr(uri, "://");
	const char *path, *query;
	int n;

	if (!host)
		return -1;
	path = strchr(host + 3, '/');
	if (!path)
		path = host + strlen(host);
	query = strchr(path, '?');
	n = snprintf(out, size, "%.*s/%s%s", (int)(path - uri), uri, name,
	    query ? query : "");
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* Make the database of test TAG (letters, digits, _) into PG; 0 or -1,
   having said why on stderr. */
static inline int
pgtest_create(struct pgtest *pg, const char *tag)
{
	const char *file = getenv("KK_PG_URI_FILE");
	struct db *db = NULL;
	char sql[160];
	FILE *f;
	int rc;

	if (!file || !(f = fopen(file, "r"))) {
		fprintf(stderr, "no PostgreSQL server: KK_PG_URI_FILE '%s' "
		    "cannot be read (run through ctest, whose fixture pg "
		    "starts one)\n", file ? file : "");
		return -1;
	}
	if (!fgets(pg->server, sizeof(pg->server), f)) {
		fclose(f);
		fprintf(stderr, "'%s' holds no URI\n", file);
		return -1;
	}
	fclose(f);
	pg->server[strcspn(pg->server, "\n")] = '\0';
	snprintf(pg->dbname, sizeof(pg->dbname), "kk_%s_%ld", tag,
	    (long)getpid());
	if (pgtest_uri_with_dbname(pg->server, pg->dbname, pg->location,
	    sizeof(pg->location)))
		return -1;
	rc = db_open(pg->server, 0, &db);
	if (rc == DB_OK) {
		snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s",
		    pg->dbname);
		db_exec(db, sql);
		snprintf(sql, sizeof(sql), "CREATE DATABASE %s", pg->dbname);
		rc = db_exec(db, sql);
	}
	if (rc != DB_OK)
		fprintf(stderr, "cannot create a database on '%s': %s\n",
		    pg->server, db ? db_errmsg(db) : "");
	db_close(db);
	return rc == DB_OK ? 0 : -1;
}

/* Drop the database of PG, and whoever is still connected to it. */
static inline void
pgtest_drop(struct pgtest *pg)
{
	struct db *db = NULL;
	char sql[160];

	if (db_open(pg->server, 0, &db) == DB_OK) {
		snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s "
		    "WITH (FORCE)", pg->dbname);
		db_exec(db, sql);
	}
	db_close(db);
}

#endif
