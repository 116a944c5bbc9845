/* import.c: party and organisation files in, checked together, written all or nothing. */
#include "store.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/*
 * An import reads every file first, checks each on its own (the reader) and
 * then all of them together with what the database already holds (here):
 * one party defined twice, a member or a party that exists nowhere, a
 * strategy id taken by another party. Only a set of files without a single
 * error is written, in one transaction.
 */

void
import_init(struct import *im)
{
	memset(im, 0, sizeof(*im));
	im->arena = arena_new();
	diags_init(&im->diags);
}

void
import_release(struct import *im)
{
	arena_free(im->arena);
	free(im->docs);
	diags_release(&im->diags);
	memset(im, 0, sizeof(*im));
}

/* Read and check PATH on its own; its problems go to im->diags. */
int
import_read(struct import *im, const char *path)
{
	char *data;
	size_t len;
	struct kk_doc *doc;
	int rc;

	if (read_file(path, &data, &len)) {
		struct kk_loc loc = { path, 0, 0 };

		diags_add(&im->diags, &loc, "cannot read: %s", strerror(errno));
		return KK_EIO;
	}
	if (input_check_kind(path, data, len, data, len, INPUT_YAML,
	    &im->diags)) {
		free(data);
		return KK_EINPUT;
	}
	if (im->ndocs == im->cap) {
		im->cap = im->cap ? 2 * im->cap : 8;
		im->docs = xrealloc(im->docs, im->cap * sizeof(*im->docs));
	}
	doc = &im->docs[im->ndocs];
	rc = yaml_read_doc(im->arena, arena_strdup(im->arena, path), data, len,
	    doc, &im->diags);
	free(data);
	if (rc == KK_OK)
		im->ndocs++;
	return rc;
}

void
import_add(struct import *im, const struct kk_doc *doc)
{
	if (im->ndocs == im->cap) {
		im->cap = im->cap ? 2 * im->cap : 8;
		im->docs = xrealloc(im->docs, im->cap * sizeof(*im->docs));
	}
	im->docs[im->ndocs++] = *doc;
}

/* Where a party comes from, for messages about duplicates. */
struct known {
	const struct kk_party *p;
	const struct kk_doc *doc;
};

static const struct known *
find_known(const struct known *v, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i].p->id, id))
			return &v[i];
	return NULL;
}

/*
 * The first value in which A's definition of a municipality differs from
 * B's: its key, with where A and B write it; NULL when they agree.
 */
static const char *
differing_value(const struct kk_party *a, const struct kk_party *b,
    const struct kk_loc **aloc, const struct kk_loc **bloc)
{
	if (strcmp(a->name, b->name)) {
		*aloc = &a->name_loc;
		*bloc = &b->name_loc;
		return "name";
	}
	if (a->bfs != b->bfs) {
		*aloc = &a->bfs_loc;
		*bloc = &b->bfs_loc;
		return "bfs";
	}
	if (a->population != b->population) {
		*aloc = &a->population_loc;
		*bloc = &b->population_loc;
		return "population";
	}
	if (a->population_year != b->population_year) {
		*aloc = &a->population_year_loc;
		*bloc = &b->population_year_loc;
		return "population_year";
	}
	return NULL;
}

/*
 * Each party of IDS (read inside the entry at LOC) must be in one of the
 * files or in the database.
 */
static void
check_refs(struct import *im, struct store *st, const struct known *known,
    size_t nknown, const struct kk_ids *ids, const struct kk_loc *loc,
    const char *what)
{
	struct kk_party p;
	struct arena *a;
	size_t i;
	int rc;

	for (i = 0; i < ids->n; i++) {
		if (find_known(known, nknown, ids->v[i]))
			continue;
		if (st) {
			a = arena_new();
			rc = store_get_party(st, a, ids->v[i], &p);
			arena_free(a);
			if (rc == KK_OK)
				continue;
		}
		diags_add(&im->diags, ids->locs ? &ids->locs[i] : loc,
		    "unknown party '%s' in %s: no file given and no party in "
		    "the database has this id", ids->v[i], what);
	}
}

/* Where cost keys look parties up: the files first, then the database. */
struct lookup {
	const struct known *known;
	size_t nknown;
	struct store *st;
	struct arena *a;
};

static bool
lookup_party(void *ctx, const char *id, struct cost_party *out)
{
	struct lookup *l = ctx;
	const struct known *k = find_known(l->known, l->nknown, id);
	struct kk_party p;

	if (k) {
		out->population = k->p->population;
		out->population_year = k->p->population_year;
		out->members = k->p->members;
		return true;
	}
	if (!l->st || store_get_party(l->st, l->a, id, &p))
		return false;
	out->population = p.population;
	out->population_year = p.population_year;
	out->members = p.members;
	return true;
}

/* STRATEGY/ITEM must name an item of a strategy in the files or stored. */
static bool
item_exists(struct import *im, struct store *st, const char *ref)
{
	const char *slash = strchr(ref, '/');
	struct arena *a;
	struct kk_strategy *v;
	size_t n, i, len;
	bool found = false;

	if (!slash)
		return false;
	len = (size_t)(slash - ref);
	for (i = 0; i < im->ndocs; i++) {
		const struct kk_strategy *s = im->docs[i].strategy;

		if (s && strlen(s->id) == len && !strncmp(s->id, ref, len))
			return kk_strategy_find(s, slash + 1) != NULL;
	}
	if (!st)
		return false;
	a = arena_new();
	store_list_strategies(st, a, &v, &n);
	for (i = 0; i < n && !found; i++)
		if (strlen(v[i].id) == len && !strncmp(v[i].id, ref, len))
			found = kk_strategy_find(&v[i], slash + 1) != NULL;
	arena_free(a);
	return found;
}

/*
 * The portfolio of an organisation file against the other files and the
 * database: the parties it names, every cost key resolved, the goals its
 * projects serve and the items its decisions link to.
 */
static void
check_portfolio(struct import *im, struct store *st, const struct known *known,
    size_t nknown, const struct kk_org *o)
{
	struct lookup l = { known, nknown, st, arena_new() };
	size_t i, j;

	for (i = 0; i < o->nkeys; i++)
		cost_resolve(l.a, o, o->keys[i].id, lookup_party, &l,
		    &im->diags);
	for (i = 0; i < o->nprojects; i++) {
		const struct kk_project *p = &o->projects[i];
		const char *lead_id = p->lead;
		struct kk_ids lead = { &lead_id, 1, NULL };

		/* TRANSLATORS: the places a party's id is looked up in
		   fill the %s of "unknown party '%s' in %s" */
		check_refs(im, st, known, nknown, &lead, &p->lead_loc,
		    _("a project's lead"));
		check_refs(im, st, known, nknown, &p->parties, &p->loc,
		    _("a project's parties"));
		for (j = 0; j < p->serves.n; j++)
			if (!item_exists(im, st, p->serves.v[j]))
				diags_add(&im->diags, p->serves.locs ?
				    &p->serves.locs[j] : &p->loc,
				    "project '%s' serves '%s', which is no "
				    "item of a known strategy (write "
				    "STRATEGY/ITEM)", p->id, p->serves.v[j]);
	}
	for (i = 0; i < o->ncomponents; i++) {
		const struct kk_component *c = &o->components[i];
		const char *owner_id = c->owner, *op_id = c->operator_;
		struct kk_ids owner = { &owner_id, 1, NULL };
		struct kk_ids op = { &op_id, op_id ? 1 : 0, NULL };

		check_refs(im, st, known, nknown, &owner, &c->owner_loc,
		    _("a component's owner"));
		check_refs(im, st, known, nknown, &op, &c->operator_loc,
		    _("a component's operator"));
		check_refs(im, st, known, nknown, &c->users, &c->loc,
		    _("a component's users"));
	}
	for (i = 0; i < o->ndecisions; i++) {
		const struct kk_decision *d = &o->decisions[i];

		for (j = 0; j < d->links.n; j++)
			if (!strncmp(d->links.v[j], "item:", 5) &&
			    !item_exists(im, st, d->links.v[j] + 5))
				diags_add(&im->diags, d->links.locs ?
				    &d->links.locs[j] : &d->loc,
				    "decision '%s' links to '%s', which is no "
				    "item of a known strategy", d->id,
				    d->links.v[j]);
	}
	arena_free(l.a);
}

/* S as JSON text with its items, all but its version number. */
static char *
strategy_content(const struct kk_strategy *s)
{
	json_t *j = json_strategy(s, true);
	char *text;

	json_object_del(j, "version");
	text = json_canonical(j);
	json_decref(j);
	return text;
}

/*
 * An adopted strategy is what its authority decided: a file that changes
 * it (its items, its fields or its status) is told so, and the version
 * goes up, past the stored one, so that the change is a new version of
 * record in the audit log rather than the adopted one rewritten. A file
 * that says what is stored, only with an older version number (the one
 * before konkordat raised it), changes nothing.
 */
static void
check_adopted(struct import *im, struct store *st, struct kk_doc *d)
{
	struct kk_strategy *s = d->strategy;
	struct arena *a = arena_new();
	const struct kk_strategy *old;
	struct kk_doc stored;
	char *before, *after;

	if (store_load_doc(st, a, d->party.id, &stored) ||
	    stored.type != KK_DOC_PARTY || !(old = stored.strategy) ||
	    strcmp(old->id, s->id) || !old->adopted) {
		arena_free(a);
		return;
	}
	before = strategy_content(old);
	after = strategy_content(s);
	if (strcmp(before, after)) {
		int version = s->version > old->version ? s->version :
		    old->version + 1;

		diags_warn(&im->diags, &s->id_loc, "strategy '%s' is adopted; "
		    "this import changes it, and its version goes from %d to %d",
		    s->id, old->version, version);
		s->version = version;
	} else if (s->version < old->version) {
		s->version = old->version;
	}
	free(before);
	free(after);
	arena_free(a);
}

/*
 * Check the files read so far against each other and against the database
 * ST (NULL: files alone). Returns KK_EINPUT if any file has an error.
 */
int
import_check(struct import *im, struct store *st)
{
	struct known *known = NULL;
	size_t nknown = 0, cap = 0, i, j;
	size_t before = im->diags.nerrors;

	/* every party the files define, standalone or as a member */
	for (i = 0; i < im->ndocs; i++) {
		const struct kk_doc *d = &im->docs[i];
		size_t ndefs = d->type == KK_DOC_PARTY ? d->ndefs : 0;

		for (j = 0; j <= ndefs; j++) {
			const struct kk_party *p = j == 0 ?
			    (d->type == KK_DOC_ORG ? &d->org.party : &d->party) :
			    &d->defs[j - 1];
			const struct known *k = find_known(known, nknown,
			    p->id);
			const struct kk_loc *here, *there;
			const char *key;

			if (k && (p->standalone || k->p->standalone)) {
				diags_add(&im->diags, &p->id_loc, "party '%s' "
				    "is also defined at %s:%d", p->id,
				    k->doc->path, k->p->id_loc.line);
				continue;
			}
			if (k && (key = differing_value(p, k->p, &here,
			    &there)) != NULL) {
				diags_add(&im->diags, here, "'%s' of "
				    "municipality '%s' differs from its "
				    "definition at %s:%d", key, p->id,
				    k->doc->path, there->line);
				continue;
			}
			if (k)
				continue;
			if (nknown == cap) {
				cap = cap ? 2 * cap : 64;
				known = xrealloc(known, cap * sizeof(*known));
			}
			known[nknown].p = p;
			known[nknown++].doc = d;
		}
	}

	for (i = 0; i < im->ndocs; i++) {
		const struct kk_doc *d = &im->docs[i];

		if (d->type == KK_DOC_ORG) {
			const struct kk_org *o = &d->org;

			check_refs(im, st, known, nknown, &o->party.members,
			    &o->party.loc, _("the organisation's parties"));
			for (j = 0; j < o->nbodies; j++)
				check_refs(im, st, known, nknown,
				    &o->bodies[j].members, &o->bodies[j].loc,
				    _("a body's members"));
			for (j = 0; j < o->nagreements; j++)
				check_refs(im, st, known, nknown,
				    &o->agreements[j].parties,
				    &o->agreements[j].loc,
				    _("an agreement's parties"));
			continue;
		}
		check_refs(im, st, known, nknown, &d->party.members,
		    &d->party.loc, _("the members"));
		if (!d->strategy)
			continue;
		/* a strategy id is global: two parties cannot share one */
		for (j = 0; j < i; j++)
			if (im->docs[j].strategy && !strcmp(
			    im->docs[j].strategy->id, d->strategy->id))
				diags_add(&im->diags, &d->strategy->id_loc,
				    "strategy id '%s' is also used in %s",
				    d->strategy->id, im->docs[j].path);
		if (st) {
			char *owner;

			if (!store_find_strategy(st, d->strategy->id, &owner)) {
				if (strcmp(owner, d->party.id))
					diags_add(&im->diags, &d->strategy->id_loc,
					    "strategy id '%s' belongs to party "
					    "'%s'", d->strategy->id, owner);
				free(owner);
			}
		}
	}

	/*
	 * A municipality defined inside a file must not have a file of its
	 * own; an organisation file cannot take over a party's id, nor a
	 * party file an organisation's.
	 */
	if (st) {
		struct arena *a = arena_new();

		for (i = 0; i < nknown; i++) {
			const struct kk_party *q = known[i].p;
			struct kk_party p;

			if (store_get_party(st, a, q->id, &p))
				continue;
			if (!q->standalone && p.standalone)
				diags_add(&im->diags, &q->id_loc, "'%s' has "
				    "a file of its own; list it as a member by "
				    "its id alone", p.id);
			else if (q->standalone &&
			    (q->kind == KK_JOINT_ORG) != (p.kind == KK_JOINT_ORG))
				diags_add(&im->diags, &q->id_loc, "'%s' is "
				    "already the id of %s", p.id, p.kind == KK_JOINT_ORG ?
				    _("a joint organisation") : _("a party that is "
				    "not a joint organisation"));
		}
		arena_free(a);
	}
	for (i = 0; i < im->ndocs; i++)
		if (im->docs[i].type == KK_DOC_ORG)
			check_portfolio(im, st, known, nknown, &im->docs[i].org);
	for (i = 0; st && im->diags.nerrors == before && i < im->ndocs; i++)
		if (im->docs[i].type == KK_DOC_PARTY && im->docs[i].strategy)
			check_adopted(im, st, &im->docs[i]);
	free(known);
	return im->diags.nerrors > before ? KK_EINPUT : KK_OK;
}

struct counter {
	struct import *im;
	void (*notify)(void *ctx, int change, const char *entity);
	void *ctx;
};

static void
count_change(void *ctx, enum store_change change, const char *entity)
{
	struct counter *c = ctx;

	if (change == STORE_ADDED)
		c->im->nadded++;
	else if (change == STORE_CHANGED)
		c->im->nchanged++;
	else
		c->im->nremoved++;
	if (c->notify)
		c->notify(c->ctx, (int)change, entity);
}

static int
write_all(struct import *im, struct store *st)
{
	size_t i, j;
	int rc = KK_OK;

	/* parties first, so that strategies and memberships find them */
	for (i = 0; i < im->ndocs && !rc; i++) {
		const struct kk_doc *d = &im->docs[i];

		if (d->type == KK_DOC_ORG)
			continue;
		for (j = 0; j < d->ndefs && !rc; j++)
			rc = store_put_party(st, &d->defs[j]);
		if (!rc)
			rc = store_put_party(st, &d->party);
	}
	for (i = 0; i < im->ndocs && !rc; i++) {
		const struct kk_doc *d = &im->docs[i];

		if (d->type == KK_DOC_ORG) {
			rc = store_put_party(st, &d->org.party);
			if (!rc)
				rc = store_sync_org(st, &d->org);
		} else {
			rc = store_sync_strategy(st, d->party.id, d->strategy);
		}
	}
	if (!rc)
		rc = store_prune_parties(st);
	return rc;
}

/*
 * Write every file read, in the caller's transaction: all of them or, on
 * any error, none once the caller rolls back. NOTIFY (if not NULL) hears
 * of each row added, changed or removed.
 */
int
import_write(struct import *im, struct store *st,
    void (*notify)(void *ctx, int change, const char *entity), void *ctx)
{
	struct counter c = { im, notify, ctx };
	int rc;

	store_set_notify(st, count_change, &c);
	rc = write_all(im, st);
	if (rc)
		im->nadded = im->nchanged = im->nremoved = 0;
	store_set_notify(st, NULL, NULL);
	return rc;
}
