/* edit.c: one record at a time: the stored document, one record changed, written as an import of it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "edit.h"

/* A diagnostic about FIELD of the record; FMT is the English literal. */
static void KK_PRINTF(3, 4)
edit_diag(struct kk_diags *d, const char *field, const char *fmt, ...)
{
	struct kk_loc loc = { field, 0, 0 };
	va_list ap;

	va_start(ap, fmt);
	diags_vadd(d, &loc, fmt, ap);
	va_end(ap);
}

/* The store's failure RC, with its message, as a diagnostic. */
static int
store_failed(struct store *st, int rc, struct kk_diags *d)
{
	edit_diag(d, rc == KK_ECONFLICT ? "version" : NULL, "%s",
	    store_errmsg(st));
	return rc;
}

/*
 * Check DOC and write it, as import.c does a file's; its diagnostics go to
 * D. What did not change is not written.
 */
static int
write_doc(struct store *st, const struct kk_doc *doc, struct kk_diags *d)
{
	struct import im;
	size_t i;
	int rc;

	import_init(&im);
	import_add(&im, doc);
	rc = import_check(&im, st);
	for (i = 0; i < im.diags.n; i++) {
		const struct kk_diag *g = &im.diags.v[i];

		if (g->warning)
			diags_warn(d, &g->loc, "%s", g->msg);
		else
			diags_add(d, &g->loc, "%s", g->msg);
	}
	if (!rc && (rc = import_write(&im, st, NULL, NULL)) != KK_OK)
		store_failed(st, rc, d);
	import_release(&im);
	return rc;
}

/* Strategies and their items. */

/* The stored document of the party whose strategy is STRATEGY, in A. */
static int
load_strategy_doc(struct store *st, struct arena *a, const char *strategy,
    struct kk_doc *doc, struct kk_diags *d)
{
	char *party;
	int rc = store_find_strategy(st, strategy, &party);

	if (rc == KK_ENOTFOUND) {
		edit_diag(d, "strategy", "no strategy '%s'", strategy);
		return rc;
	}
	if (rc)
		return store_failed(st, rc, d);
	rc = store_load_doc(st, a, party, doc);
	free(party);
	if (rc)
		return store_failed(st, rc, d);
	/* a party keeps one strategy; a file made by hand may say else */
	if (!doc->strategy || strcmp(doc->strategy->id, strategy)) {
		edit_diag(d, "strategy", "no strategy '%s'", strategy);
		return KK_ENOTFOUND;
	}
	return KK_OK;
}

static const struct kk_item *
find_item(const struct kk_strategy *s, const char *id, size_t *at)
{
	size_t i;

	for (i = 0; i < s->nitems; i++)
		if (!strcmp(s->items[i].id, id)) {
			if (at)
				*at = i;
			return &s->items[i];
		}
	return NULL;
}

/* The first measure of S that realises goal ID, or NULL. */
static const struct kk_item *
realised_by(const struct kk_strategy *s, const char *id)
{
	size_t i, j;

	for (i = 0; i < s->nitems; i++)
		for (j = 0; j < s->items[i].goals.n; j++)
			if (s->items[i].kind == KK_MEASURE &&
			    !strcmp(s->items[i].goals.v[j], id))
				return &s->items[i];
	return NULL;
}

/* The first goal of S whose field is ID, or NULL. */
static const struct kk_item *
goal_of(const struct kk_strategy *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->nitems; i++)
		if (s->items[i].kind == KK_GOAL && s->items[i].parent &&
		    !strcmp(s->items[i].parent, id))
			return &s->items[i];
	return NULL;
}

/* What others of S hold of OLD, which is to go or change its kind. */
static void
check_dependents(const struct kk_strategy *s, const struct kk_item *old,
    const char *field, struct kk_diags *d)
{
	const struct kk_item *x;

	if (old->kind == KK_FIELD && (x = goal_of(s, old->id)))
		edit_diag(d, field, "field of action '%s' still has goal "
		    "'%s'", old->id, x->id);
	if (old->kind == KK_GOAL && (x = realised_by(s, old->id)))
		edit_diag(d, field, "goal '%s' is realised by measure '%s'",
		    old->id, x->id);
}

/* Whether the text S is one a file could hold; a diagnostic if not. */
static void
check_text(const char *s, const char *field, struct kk_diags *d)
{
	struct kk_loc loc = { field, 0, 0 };

	if (s)
		textguard_check(s, strlen(s), d, &loc);
}

/* IT as the item of S that replaces OLD (NULL: a new one). */
static void
check_item(const struct kk_strategy *s, const struct kk_item *old,
    const struct kk_item *it, struct kk_diags *d)
{
	const struct kk_item *x;
	size_t i;

	if (!it->title || !*it->title)
		edit_diag(d, "title", "an item needs a title");
	check_text(it->title, "title", d);
	check_text(it->text, "text", d);
	for (i = 0; i < it->tags.n; i++) {
		check_text(it->tags.v[i], "tags", d);
		if (!*it->tags.v[i])
			edit_diag(d, "tags", "a tag is not empty");
	}
	if (it->kind == KK_GOAL) {
		x = it->parent ? find_item(s, it->parent, NULL) : NULL;
		if (!it->parent)
			edit_diag(d, "parent", "a goal belongs to a field of "
			    "action");
		else if (!x || x->kind != KK_FIELD)
			edit_diag(d, "parent", "'%s' is no field of action "
			    "of strategy '%s'", it->parent, s->id);
	} else if (it->parent) {
		edit_diag(d, "parent", "only a goal belongs to a field of "
		    "action");
	}
	for (i = 0; i < it->goals.n; i++) {
		x = find_item(s, it->goals.v[i], NULL);
		if (it->kind != KK_MEASURE) {
			edit_diag(d, "goals", "only a measure realises goals");
			break;
		}
		if (!x || x->kind != KK_GOAL || x == old)
			edit_diag(d, "goals", "'%s' is no goal of strategy "
			    "'%s'", it->goals.v[i], s->id);
	}
	if (old && old->kind != it->kind)
		check_dependents(s, old, "kind", d);
}

int
edit_put_item(struct store *st, const char *strategy,
    const struct kk_item *it, struct kk_diags *d)
{
	struct arena *a = arena_new();
	const struct kk_item *old;
	struct kk_strategy s;
	struct kk_doc doc;
	size_t before = d->nerrors, at = 0;
	char *entity;
	int rc;

	if (!it->id || !kk_id_valid(it->id)) {
		edit_diag(d, "id", "invalid id '%s': use lowercase letters, "
		    "digits, '-', '_' and '.', starting with a letter or digit, "
		    "at most 64 characters", it->id ? it->id : "");
		rc = KK_EINPUT;
		goto out;
	}
	if ((unsigned)it->kind >= KK_ITEM_KIND_COUNT) {
		edit_diag(d, "kind", "an item is a field, goal, principle or "
		    "measure");
		rc = KK_EINPUT;
		goto out;
	}
	if ((rc = load_strategy_doc(st, a, strategy, &doc, d)))
		goto out;
	s = *doc.strategy;
	old = find_item(&s, it->id, &at);
	entity = xasprintf("%s %s/%s", kk_item_kind_names[old ? old->kind :
	    it->kind], strategy, it->id);
	/* one that adds must not overwrite what another added meanwhile */
	if (old && !it->row_version) {
		edit_diag(d, "version", "%s exists already, at version %d",
		    entity, old->row_version);
		rc = KK_ECONFLICT;
	} else if (!old && it->row_version) {
		rc = store_failed(st, store_conflict(st, entity,
		    it->row_version, 0), d);
	}
	free(entity);
	if (rc)
		goto out;
	check_item(&s, old, it, d);
	if (d->nerrors > before) {
		rc = KK_EINPUT;
		goto out;
	}
	s.items = arena_calloc(a, s.nitems + 1, sizeof(*s.items));
	memcpy(s.items, doc.strategy->items,
	    doc.strategy->nitems * sizeof(*s.items));
	if (old)
		s.items[at] = *it;
	else
		s.items[s.nitems++] = *it;
	doc.strategy = &s;
	rc = write_doc(st, &doc, d);
out:
	arena_free(a);
	return rc;
}

int
edit_del_item(struct store *st, const char *strategy, const char *id,
    int version, struct kk_diags *d)
{
	struct arena *a = arena_new();
	const struct kk_item *old;
	struct kk_strategy s;
	struct kk_doc doc;
	size_t before = d->nerrors, at = 0;
	int rc;

	if ((rc = load_strategy_doc(st, a, strategy, &doc, d)))
		goto out;
	s = *doc.strategy;
	if (!(old = find_item(&s, id, &at))) {
		edit_diag(d, "id", "no item '%s' in strategy '%s'", id,
		    strategy);
		rc = KK_ENOTFOUND;
		goto out;
	}
	if (version && version != old->row_version) {
		char *entity = xasprintf("%s %s/%s",
		    kk_item_kind_names[old->kind], strategy, id);

		rc = store_failed(st, store_conflict(st, entity, version,
		    old->row_version), d);
		free(entity);
		goto out;
	}
	check_dependents(&s, old, "id", d);
	if (d->nerrors > before) {
		rc = KK_EINPUT;
		goto out;
	}
	s.items = arena_calloc(a, s.nitems, sizeof(*s.items));
	memcpy(s.items, doc.strategy->items, at * sizeof(*s.items));
	memcpy(s.items + at, doc.strategy->items + at + 1,
	    (s.nitems - at - 1) * sizeof(*s.items));
	s.nitems--;
	doc.strategy = &s;
	rc = write_doc(st, &doc, d);
out:
	arena_free(a);
	return rc;
}

/* The records of a joint organisation. */

/* Where the records of each kind are in struct kk_org, and their ids and
   versions in the record's struct. */
static const struct {
	const char *name;	/* as the audit log names the kind */
	size_t array, count, size, id, version, title;
} kinds[EDIT_KIND_COUNT] = {
#define KIND(name, field, type, title) { name, \
	offsetof(struct kk_org, field), offsetof(struct kk_org, n##field), \
	sizeof(struct type), offsetof(struct type, id), \
	offsetof(struct type, row_version), offsetof(struct type, title) }
	[EDIT_BODY] = KIND("body", bodies, kk_body, name),
	[EDIT_MILESTONE] = KIND("milestone", milestones, kk_milestone, title),
	[EDIT_AGREEMENT] = KIND("agreement", agreements, kk_agreement, title),
	[EDIT_PROJECT] = KIND("project", projects, kk_project, title),
	[EDIT_COST_KEY] = KIND("cost_key", keys, kk_cost_key, title),
	[EDIT_COMPONENT] = KIND("component", components, kk_component, title),
	[EDIT_DECISION] = KIND("decision", decisions, kk_decision, subject),
#undef KIND
};

/* The TYPE at byte OFF of BASE, to write (AT) or to read (CAT: "type
   const", so that a TYPE that is itself const is not declared so twice) */
#define AT(base, off, type) (*(type *)(void *)((char *)(base) + (off)))
#define CAT(base, off, type) \
	(*(type const *)(const void *)((const char *)(base) + (off)))

/* The stored organisation ORG in A, or KK_ENOTFOUND. */
static int
load_org_doc(struct store *st, struct arena *a, const char *org,
    struct kk_doc *doc, struct kk_diags *d)
{
	int rc = store_load_doc(st, a, org, doc);

	if (rc == KK_OK && doc->type != KK_DOC_ORG)
		rc = KK_ENOTFOUND;
	if (rc == KK_ENOTFOUND)
		edit_diag(d, "org", "no joint organisation '%s'", org);
	else if (rc)
		store_failed(st, rc, d);
	return rc;
}

/* The index of the record ID of KIND in O, or -1. */
static long
find_record(const struct kk_org *o, enum edit_kind kind, const char *id)
{
	const char *v = CAT(o, kinds[kind].array, const char *);
	size_t n = CAT(o, kinds[kind].count, size_t), i;

	for (i = 0; i < n; i++)
		if (!strcmp(CAT(v + i * kinds[kind].size, kinds[kind].id,
		    const char *), id))
			return (long)i;
	return -1;
}

/* Record ID of KIND, as the audit log names it. */
static char *
record_entity(const char *org, enum edit_kind kind, const char *id)
{
	return xasprintf("%s %s/%s", kinds[kind].name, org, id);
}

/* O with its records of KIND replaced by V (N of them), in arena A. */
static void
set_records(struct kk_org *o, enum edit_kind kind, void *v, size_t n)
{
	AT(o, kinds[kind].array, void *) = v;
	AT(o, kinds[kind].count, size_t) = n;
}

/* O, with a record of KIND (ROW) changed, as the YAML reader checks an
   organisation file's model; import_check() then checks it against the
   other parties. */
static void
check_record(const struct kk_org *o, enum edit_kind kind, const void *row,
    struct kk_diags *d)
{
	const char *title = CAT(row, kinds[kind].title, const char *);

	if ((!title || !*title) && kind == EDIT_BODY)
		edit_diag(d, "name", "a body needs a name");
	else if ((!title || !*title) && kind == EDIT_DECISION)
		edit_diag(d, "subject", "a decision needs a subject");
	else if (!title || !*title)
		edit_diag(d, "title", "a record needs a title");
	if (kind == EDIT_COST_KEY)
		check_key(row, d);
	check_org(o, d);
}

int
edit_put_record(struct store *st, const char *org, enum edit_kind kind,
    const void *row, struct kk_diags *d)
{
	struct arena *a;
	const char *id;
	int version;
	size_t before = d->nerrors, n, size;
	struct kk_doc doc;
	char *v, *entity;
	long at;
	int rc = KK_OK;

	if ((unsigned)kind >= EDIT_KIND_COUNT)
		return KK_EINPUT;
	a = arena_new();
	id = CAT(row, kinds[kind].id, const char *);
	version = CAT(row, kinds[kind].version, int);
	size = kinds[kind].size;
	if (!id || !kk_id_valid(id)) {
		edit_diag(d, "id", "invalid id '%s': use lowercase letters, "
		    "digits, '-', '_' and '.', starting with a letter or digit, "
		    "at most 64 characters", id ? id : "");
		rc = KK_EINPUT;
		goto out;
	}
	if ((rc = load_org_doc(st, a, org, &doc, d)))
		goto out;
	at = find_record(&doc.org, kind, id);
	n = CAT(&doc.org, kinds[kind].count, size_t);
	v = arena_calloc(a, n + 1, size);
	memcpy(v, CAT(&doc.org, kinds[kind].array, const char *), n * size);
	entity = record_entity(org, kind, id);
	if (at >= 0 && !version) {
		edit_diag(d, "version", "%s exists already, at version %d",
		    entity, CAT(v + (size_t)at * size, kinds[kind].version,
		    int));
		rc = KK_ECONFLICT;
	} else if (at < 0 && version) {
		rc = store_failed(st, store_conflict(st, entity, version, 0),
		    d);
	}
	free(entity);
	if (rc)
		goto out;
	memcpy(v + (at >= 0 ? (size_t)at : n++) * size, row, size);
	set_records(&doc.org, kind, v, n);
	check_record(&doc.org, kind, row, d);
	if (d->nerrors > before) {
		rc = KK_EINPUT;
		goto out;
	}
	rc = write_doc(st, &doc, d);
out:
	arena_free(a);
	return rc;
}

int
edit_del_record(struct store *st, const char *org, enum edit_kind kind,
    const char *id, int version, struct kk_diags *d)
{
	struct arena *a;
	size_t before = d->nerrors, n, size;
	const char *old;
	struct kk_doc doc;
	char *v;
	long at;
	int rc, stored;

	if ((unsigned)kind >= EDIT_KIND_COUNT)
		return KK_EINPUT;
	a = arena_new();
	size = kinds[kind].size;
	if ((rc = load_org_doc(st, a, org, &doc, d)))
		goto out;
	if ((at = find_record(&doc.org, kind, id)) < 0) {
		edit_diag(d, "id", "no record '%s' (%s) in '%s'", id,
		    i18n_term(VOCAB_RECORD, kinds[kind].name), org);
		rc = KK_ENOTFOUND;
		goto out;
	}
	n = CAT(&doc.org, kinds[kind].count, size_t);
	old = CAT(&doc.org, kinds[kind].array, const char *);
	stored = CAT(old + (size_t)at * size, kinds[kind].version, int);
	if (version && version != stored) {
		char *entity = record_entity(org, kind, id);

		rc = store_failed(st, store_conflict(st, entity, version,
		    stored), d);
		free(entity);
		goto out;
	}
	v = arena_calloc(a, n, size);
	memcpy(v, old, (size_t)at * size);
	memcpy(v + (size_t)at * size, old + ((size_t)at + 1) * size,
	    (n - (size_t)at - 1) * size);
	set_records(&doc.org, kind, v, n - 1);
	/* what refers to the record (a project its cost key, a decision
	   its body) keeps it */
	check_org(&doc.org, d);
	rc = d->nerrors > before ? KK_EINPUT : write_doc(st, &doc, d);
out:
	arena_free(a);
	return rc;
}
