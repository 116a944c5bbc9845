/* store.h: where konkordat keeps its data; the only door to SQL. */
#ifndef KK_STORE_H
#define KK_STORE_H

#include "konkordat.h"

/*
 * A store is a database that holds konkordat's model: an embedded SQLite
 * file now, PostgreSQL later, behind these same functions. Nothing outside
 * the store modules writes SQL.
 *
 * Every change goes through a put or sync function, which compares the new
 * value with the stored one, writes only what differs, raises the row's
 * version, writes an audit row (who, when, before and after as JSON) and
 * tells the caller through the notify function. Writing a value equal to the
 * stored one changes nothing, so that importing a file twice adds no audit
 * rows.
 *
 * Functions return 0 or a negative KK_E* code; store_errmsg() then says what
 * failed.
 */

struct store;

/* A numbered schema migration, embedded at build time from src/sql/. */
struct store_migration {
	const char *name;
	const char *sql;
};
extern const struct store_migration store_migrations[];

enum store_open_mode {
	STORE_EXISTING,		/* fail when there is no database yet */
	STORE_CREATE,		/* create the database when it is missing */
	STORE_READONLY,		/* read only; the schema must be current */
};

/*
 * Open the database at PATH and bring its schema up to date. On failure
 * *OUT is NULL and ERRMSG (if not NULL) receives a message the caller
 * frees.
 */
int store_open(const char *path, enum store_open_mode mode,
    struct store **out, char **errmsg);
void store_close(struct store *st);
const char *store_errmsg(const struct store *st);
int store_schema_version(struct store *st);

/* Transactions; nothing is visible to others before store_commit(). */
int store_begin(struct store *st);
int store_commit(struct store *st);
void store_rollback(struct store *st);

/* Changes are audited under ACTOR and announced to NOTIFY (if set). */
enum store_change { STORE_ADDED, STORE_CHANGED, STORE_REMOVED };
typedef void store_notify_fn(void *ctx, enum store_change change,
    const char *entity);
void store_set_actor(struct store *st, const char *actor);
void store_set_notify(struct store *st, store_notify_fn *fn, void *ctx);
long store_audit_count(struct store *st);

/*
 * Writing. store_put_party() writes the party and its list of members (the
 * member parties must exist). store_sync_strategy() makes PARTY's strategy
 * equal to S (NULL: the party has none), items and all.
 * store_sync_org() makes the bodies, milestones and agreements of the
 * organisation equal to ORG's; the organisation itself is written with
 * store_put_party(). store_prune_parties() removes the municipalities that
 * are no longer a member of any party (they exist only as members).
 */
int store_put_party(struct store *st, const struct kk_party *p);
int store_sync_strategy(struct store *st, const char *party,
    const struct kk_strategy *s);
int store_sync_org(struct store *st, const struct kk_org *org);
int store_prune_parties(struct store *st);

/*
 * Reading. Results live in arena A, which the caller frees.
 * store_get_party() returns KK_ENOTFOUND when there is no such party.
 * store_load_doc() fills a document as its file would hold it: a party
 * file, or an organisation file for a joint organisation.
 */
int store_get_party(struct store *st, struct arena *a, const char *id,
    struct kk_party *out);
int store_list_parties(struct store *st, struct arena *a,
    struct kk_party **out, size_t *n);
int store_load_doc(struct store *st, struct arena *a, const char *party,
    struct kk_doc *out);
int store_list_strategies(struct store *st, struct arena *a,
    struct kk_strategy **out, size_t *n);
int store_find_strategy(struct store *st, const char *id, char **party);

#endif
