/* tempdb.h: a new store in a temporary file for a unit test, and its removal. */
#ifndef KK_TEST_TEMPDB_H
#define KK_TEST_TEMPDB_H

#include <unistd.h>

#include "store.h"

/*
 * Open a new store at a fresh path "/tmp/kk-test-NAME-XXXXXX" written into
 * PATH (64 bytes). Fails the test if it cannot. Its writes are made
 * under tempdb_actor.
 */
static const struct store_actor tempdb_actor = { "test:unit", NULL, NULL };

static inline struct store *
tempdb_open(char path[64], const char *name)
{
	struct store *st = NULL;
	char *msg = NULL;
	int fd;

	snprintf(path, 64, "/tmp/kk-test-%s-XXXXXX", name);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	assert_int_equal(store_open(path, STORE_CREATE, &st, &msg), KK_OK);
	return st;
}

/* A write transaction on ST under tempdb_actor, and its commit; each
   fails the test if it fails. */
static inline void
tempdb_begin(struct store *st)
{
	assert_int_equal(store_begin(st, &tempdb_actor), KK_OK);
}

static inline void
tempdb_commit(struct store *st)
{
	assert_int_equal(store_commit(st), KK_OK);
}

/* Close ST and remove its file with SQLite's WAL and shared-memory files. */
static inline void
tempdb_remove(struct store *st, const char *path)
{
	char more[80];

	store_close(st);
	unlink(path);
	snprintf(more, sizeof(more), "%s-wal", path);
	unlink(more);
	snprintf(more, sizeof(more), "%s-shm", path);
	unlink(more);
}

#endif
