/* common.c: the common strategy: the parties' items aligned into it, people's decisions on it, its coverage. */
#include "store.h"
#include "align.h"

#include <stdlib.h>
#include <string.h>

/*
 * The engine proposes, people decide. Fields are aligned with fields and
 * goals with goals, in two runs of the engine over the same lexicon: a
 * field of action and a goal are different promises even when they use
 * the same words. A common goal sits under the common field that most of
 * its members' party fields map to.
 *
 * What survives a new run: every accepted or rejected mapping (accepted
 * ones come back to the engine as pins under their common item's id,
 * rejected ones as rejections), every common item that has one of those
 * or that people renamed. Proposed mappings are replaced; a common item
 * whose engine group comes back keeps its id (the group is matched to the
 * common item most of its members were proposed to last time).
 */

static bool
is_equivalent(const struct store_mapping *m)
{
	return !strcmp(m->relation, "equivalent");
}

static bool
is_decision(const struct store_mapping *m, const char *d)
{
	return !strcmp(m->decision, d);
}

const char *
common_citem_label(const struct store_citem *ci)
{
	return ci->label ? ci->label : ci->proposed_label;
}

/* The joint organisation ORG, or the only one when ORG is NULL. */
static int
find_org(struct store *st, struct arena *a, const char *org,
    struct kk_party *out, char **errmsg)
{
	struct kk_party *v;
	size_t n, i, found = 0;
	int rc;

	if (org) {
		rc = store_get_party(st, a, org, out);
		if (rc == KK_ENOTFOUND) {
			*errmsg = xasprintf(_("no party '%s'"), org);
			return KK_EINPUT;
		}
		if (!rc && out->kind != KK_JOINT_ORG) {
			*errmsg = xasprintf(_("'%s' is not a joint organisation"),
			    org);
			return KK_EINPUT;
		}
		if (rc)
			*errmsg = xstrdup(store_errmsg(st));
		return rc;
	}
	if ((rc = store_list_parties(st, a, &v, &n))) {
		*errmsg = xstrdup(store_errmsg(st));
		return rc;
	}
	for (i = 0; i < n; i++)
		if (v[i].kind == KK_JOINT_ORG) {
			if (found++)
				break;
			*out = v[i];
		}
	if (found == 1)
		return KK_OK;
	if (found) {
		*errmsg = xstrdup(_("there are several joint organisations"));
		return KK_ENEED_ORG;
	}
	*errmsg = xstrdup(_("there is no joint organisation (import its "
	    "file first)"));
	return KK_EINPUT;
}

int
common_load(struct store *st, const char *org, struct common_view *v,
    char **errmsg)
{
	struct kk_strategy *ss;
	size_t n, i;
	int rc;

	memset(v, 0, sizeof(*v));
	v->arena = arena_new();
	*errmsg = NULL;
	v->orgp = arena_calloc(v->arena, 1, sizeof(*v->orgp));
	if ((rc = find_org(st, v->arena, org, v->orgp, errmsg)))
		return rc;
	v->org = v->orgp->id;
	if ((rc = store_list_strategies(st, v->arena, &ss, &n)))
		goto fail;
	v->strategies = arena_calloc(v->arena, n + 1, sizeof(*v->strategies));
	for (i = 0; i < n; i++)
		if (kk_ids_contain(&v->orgp->members, ss[i].party))
			v->strategies[v->nstrategies++] = ss[i];
	v->cs = arena_calloc(v->arena, 1, sizeof(*v->cs));
	rc = store_common_current(st, v->arena, v->org, v->cs);
	if (rc == KK_ENOTFOUND) {
		v->cs = NULL;
		return KK_OK;
	}
	if (!rc)
		rc = store_common_items(st, v->arena, v->cs->id, &v->items,
		    &v->nitems);
	if (!rc)
		rc = store_common_mappings(st, v->arena, v->cs->id, &v->maps,
		    &v->nmaps);
	if (!rc)
		return KK_OK;
fail:
	*errmsg = xstrdup(store_errmsg(st));
	return rc;
}

void
common_view_release(struct common_view *v)
{
	arena_free(v->arena);
	memset(v, 0, sizeof(*v));
}

const struct store_citem *
common_citem(const struct common_view *v, const char *id)
{
	size_t i;

	for (i = 0; i < v->nitems; i++)
		if (!strcmp(v->items[i].id, id))
			return &v->items[i];
	return NULL;
}

const struct kk_item *
common_party_item(const struct common_view *v, const char *strategy,
    const char *item, const struct kk_strategy **sp)
{
	size_t i;

	for (i = 0; i < v->nstrategies; i++)
		if (!strcmp(v->strategies[i].id, strategy)) {
			if (sp)
				*sp = &v->strategies[i];
			return kk_strategy_find(&v->strategies[i], item);
		}
	return NULL;
}

bool
common_mapping_holds(const struct store_mapping *m)
{
	return is_equivalent(m) && !is_decision(m, "rejected");
}

/* The non-rejected equivalent mapping of STRATEGY/ITEM, or NULL. */
static struct store_mapping *
equivalent_of(const struct common_view *v, const char *strategy,
    const char *item)
{
	size_t i;

	for (i = 0; i < v->nmaps; i++)
		if (!strcmp(v->maps[i].strategy, strategy) &&
		    !strcmp(v->maps[i].item, item) &&
		    common_mapping_holds(&v->maps[i]))
			return &v->maps[i];
	return NULL;
}

static struct store_mapping *
mapping_of(const struct common_view *v, const char *strategy,
    const char *item, const char *citem)
{
	size_t i;

	for (i = 0; i < v->nmaps; i++)
		if (!strcmp(v->maps[i].strategy, strategy) &&
		    !strcmp(v->maps[i].item, item) &&
		    !strcmp(v->maps[i].citem, citem))
			return &v->maps[i];
	return NULL;
}

/* The next free common item id, c001 onwards. */
static char *
next_citem_id(struct arena *a, const struct store_citem *v, size_t n,
    int *last)
{
	char buf[16];
	size_t i;

	for (i = 0; i < n; i++) {
		long k = strtol(v[i].id + 1, NULL, 10);

		if (v[i].id[0] == 'c' && k > *last && k < 100000)
			*last = (int)k;
	}
	snprintf(buf, sizeof(buf), "c%03d", ++*last);
	return arena_strdup(a, buf);
}

static int
next_position(const struct common_view *v)
{
	int max = 0;
	size_t i;

	for (i = 0; i < v->nitems; i++)
		if (v->items[i].position > max)
			max = v->items[i].position;
	return max + 1;
}

/* Reload what is stored after writes, into a fresh arena. */
static int
reload(struct store *st, struct common_view *v, char **errmsg)
{
	char *org = xstrdup(v->org);
	int rc;

	common_view_release(v);
	rc = common_load(st, org, v, errmsg);
	free(org);
	return rc;
}

/*
 * A new draft for V's organisation: version 1, or a copy of the adopted
 * current one (its items, names and decisions; not its proposals).
 */
static int
new_draft(struct store *st, struct common_view *v, char **errmsg)
{
	struct store_common c;
	const struct kk_party *o = v->orgp;
	struct kk_doc doc;
	size_t i;
	int rc;

	memset(&c, 0, sizeof(c));
	c.org = v->org;
	c.number = v->cs ? v->cs->number + 1 : 1;
	{
		char *id = xasprintf("%s-common-%d", v->org, c.number);

		c.id = arena_strdup(v->arena, id);
		free(id);
	}
	if (store_load_doc(st, v->arena, v->org, &doc) == KK_OK) {
		c.start = doc.org.start;
		c.end = doc.org.end;
	}
	c.title = v->cs ? v->cs->title : o->name;
	c.based_on = v->cs ? v->cs->id : NULL;
	if ((rc = store_common_put(st, &c)))
		goto fail;
	for (i = 0; v->cs && i < v->nitems && !rc; i++)
		rc = store_common_put_item(st, c.id, &v->items[i]);
	for (i = 0; v->cs && i < v->nmaps && !rc; i++)
		if (!is_decision(&v->maps[i], "proposed"))
			rc = store_common_put_mapping(st, c.id, &v->maps[i]);
	if (!rc)
		return reload(st, v, errmsg);
fail:
	*errmsg = xstrdup(store_errmsg(st));
	return rc;
}

/* Goals' common fields: the one most of its members' party fields map to. */
static int
place_goals(struct store *st, struct common_view *v)
{
	size_t i, j, k;
	int rc = KK_OK;

	for (i = 0; i < v->nitems && !rc; i++) {
		struct store_citem ci = v->items[i];
		const char *best = NULL;
		size_t nbest = 0;

		if (ci.kind != KK_GOAL)
			continue;
		/* each candidate field counted over the goal's members */
		for (k = 0; k < v->nitems; k++) {
			size_t votes = 0;

			if (v->items[k].kind != KK_FIELD)
				continue;
			for (j = 0; j < v->nmaps; j++) {
				const struct store_mapping *m = &v->maps[j];
				const struct kk_item *it;
				const struct store_mapping *fm;

				if (strcmp(m->citem, ci.id) ||
				    !common_mapping_holds(m))
					continue;
				it = common_party_item(v, m->strategy, m->item,
				    NULL);
				if (!it || !it->parent)
					continue;
				fm = equivalent_of(v, m->strategy, it->parent);
				if (fm && !strcmp(fm->citem, v->items[k].id))
					votes++;
			}
			if (votes > nbest) {
				nbest = votes;
				best = v->items[k].id;
			}
		}
		/* no vote: keep a parent people made (a merge), if it is
		   still there */
		if (!best && ci.parent && common_citem(v, ci.parent))
			best = ci.parent;
		ci.parent = best;
		rc = store_common_put_item(st, v->cs->id, &ci);
	}
	return rc;
}

static char *
explanation(const char *why, const char *central)
{
	json_t *j = json_object();
	char *s;

	json_object_set_new(j, "why", json_string(why ? why : ""));
	if (central)
		json_object_set_new(j, "central", json_string(central));
	s = json_canonical(j);
	json_decref(j);
	return s;
}

/* A proposal of the last run: replaced in place when proposed again (no
   audit row when nothing changed), removed at the end when not. */
struct old_prop {
	struct store_mapping m;
	const char *key;	/* STRATEGY/ITEM */
	bool seen, gone;
};

/* What one engine run (of one kind) needs to know and counts. */
struct run {
	struct store *st;
	struct common_view *v;
	struct common_stats *stats;
	struct old_prop *old;	/* the proposals of the last run */
	size_t nold;
	char **claimed;		/* common item ids given to groups */
	size_t nclaimed;
	int last_id;
};

static bool
claimed(const struct run *r, const char *id)
{
	size_t i;

	for (i = 0; i < r->nclaimed; i++)
		if (!strcmp(r->claimed[i], id))
			return true;
	return false;
}

static void
claim(struct run *r, const char *id)
{
	r->claimed = xrealloc(r->claimed, (r->nclaimed + 1) *
	    sizeof(*r->claimed));
	r->claimed[r->nclaimed++] = xstrdup(id);
}

/* The common item of group G: its pinned key, or the unclaimed one of
   KIND that most members were proposed to before, or a new one. */
static const char *
group_citem(struct run *r, const struct align_group *g,
    enum kk_item_kind kind, bool *made)
{
	const struct store_citem *ci = common_citem(r->v, g->id);
	const char *best = NULL;
	size_t i, j, k, nbest = 0;

	*made = false;
	if (ci && ci->kind == kind && !claimed(r, ci->id))
		return ci->id;
	for (k = 0; k < r->v->nitems; k++) {
		size_t votes = 0;

		ci = &r->v->items[k];
		if (ci->kind != kind || claimed(r, ci->id))
			continue;
		for (i = 0; i < g->nmembers; i++) {
			if (g->members[i].rel != ALIGN_EQUIVALENT)
				continue;
			for (j = 0; j < r->nold; j++)
				if (!strcmp(r->old[j].key, g->members[i].item) &&
				    !strcmp(r->old[j].m.citem, ci->id) &&
				    is_equivalent(&r->old[j].m))
					votes++;
		}
		if (votes > nbest) {
			nbest = votes;
			best = ci->id;
		}
	}
	if (best)
		return best;
	*made = true;
	return next_citem_id(r->v->arena, r->v->items, r->v->nitems,
	    &r->last_id);
}

static void
split_key(struct arena *a, const char *key, const char **strategy,
    const char **item)
{
	const char *slash = strchr(key, '/');

	*strategy = arena_strndup(a, key, (size_t)(slash - key));
	*item = slash + 1;
}

/*
 * Before M (of item KEY) is written: mark the old proposal of the same
 * mapping seen, and remove an old equivalent of the item elsewhere (an
 * item has one equivalent). Counts M as new when it was not proposed
 * there before.
 */
static int
replace_old(struct run *r, const char *key, const struct store_mapping *m)
{
	bool same = false;
	size_t i;
	int rc = KK_OK;

	for (i = 0; i < r->nold && !rc; i++) {
		struct old_prop *o = &r->old[i];

		if (o->gone || strcmp(o->key, key))
			continue;
		if (!strcmp(o->m.citem, m->citem)) {
			o->seen = same = true;
			o->m.relation = m->relation;
		} else if (is_equivalent(m) && is_equivalent(&o->m) &&
		    !o->seen) {
			rc = store_common_del_mapping(r->st, r->v->cs->id,
			    &o->m);
			o->gone = true;
		}
	}
	if (!same)
		r->stats->proposed++;
	return rc;
}

/* Align the parties' items of KIND and write the proposals. */
static int
run_kind(struct run *r, align_lexicon *lex, const struct align_opts *ao,
    enum kk_item_kind kind)
{
	struct common_view *v = r->v;
	align_set *set = align_new(lex, ao);
	size_t i, j, nitems = 0;
	int rc = KK_OK, pos = next_position(v);
	char now[21];

	utc_now(now);
	for (i = 0; i < v->nstrategies; i++) {
		const struct kk_strategy *s = &v->strategies[i];

		for (j = 0; j < s->nitems; j++) {
			const struct kk_item *it = &s->items[j];
			struct align_item ai;
			char *key, *msg;

			if (it->kind != kind)
				continue;
			key = xasprintf("%s/%s", s->id, it->id);
			memset(&ai, 0, sizeof(ai));
			ai.id = key;
			ai.doc = s->id;
			ai.kind = kk_item_kind_names[kind];
			ai.lang = s->lang;
			ai.title = it->title;
			ai.text = it->text;
			if (align_add(set, &ai, &msg))
				BUG("item '%s': %s", key, msg);
			free(key);
			nitems++;
		}
	}
	r->stats->items += nitems;
	for (i = 0; i < v->nmaps; i++) {
		const struct store_mapping *m = &v->maps[i];
		const struct store_citem *ci = common_citem(v, m->citem);
		char *key;

		if (!ci || ci->kind != kind)
			continue;
		key = xasprintf("%s/%s", m->strategy, m->item);
		if (is_decision(m, "accepted") && is_equivalent(m))
			align_pin(set, key, m->citem);
		else if (is_decision(m, "rejected"))
			align_reject_group(set, key, m->citem);
		free(key);
	}
	align_run(set);
	for (i = 0; i < align_ngroups(set) && !rc; i++) {
		const struct align_group *g = align_group(set, i);
		const struct store_citem *old;
		struct store_citem ci;
		bool made;

		memset(&ci, 0, sizeof(ci));
		ci.id = group_citem(r, g, kind, &made);
		claim(r, ci.id);
		old = made ? NULL : common_citem(v, ci.id);
		if (old)
			ci = *old;
		else
			ci.position = pos++;
		ci.kind = kind;
		ci.proposed_label = g->label;
		r->stats->groups++;
		if (made)
			r->stats->made++;
		rc = store_common_put_item(r->st, v->cs->id, &ci);
		for (j = 0; j < g->nmembers && !rc; j++) {
			const struct align_member *am = &g->members[j];
			struct store_mapping m;
			const struct store_mapping *have;
			char *ex;

			if (am->pinned)
				continue;
			memset(&m, 0, sizeof(m));
			split_key(v->arena, am->item, &m.strategy, &m.item);
			m.citem = ci.id;
			have = mapping_of(v, m.strategy, m.item, ci.id);
			if (have)
				continue;	/* decided before: kept */
			if (am->rel == ALIGN_EQUIVALENT &&
			    equivalent_of(v, m.strategy, m.item))
				continue;
			m.relation = align_relation_names[am->rel];
			m.score = am->confidence;
			ex = explanation(am->why, g->label_item);
			m.explanation = ex;
			m.decision = "proposed";
			rc = replace_old(r, am->item, &m);
			if (!rc)
				rc = store_common_put_mapping(r->st, v->cs->id,
				    &m);
			r->stats->mapped++;
			free(ex);
		}
	}
	align_free(set);
	return rc;
}

int
common_align(struct store *st, align_lexicon *lex, const char *org,
    double min_score, struct common_stats *out, char **errmsg)
{
	struct common_view v;
	struct align_opts ao;
	struct run r;
	size_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&r, 0, sizeof(r));
	*errmsg = NULL;
	if ((rc = common_load(st, org, &v, errmsg)))
		goto out;
	if (!v.nstrategies) {
		*errmsg = xasprintf(_("the parties of '%s' have no strategies "
		    "to align"), v.org);
		rc = KK_EINPUT;
		goto out;
	}
	if (!v.cs || v.cs->adopted) {
		out->based_on = v.cs ? xstrdup(v.cs->id) : NULL;
		if ((rc = new_draft(st, &v, errmsg)))
			goto out;
	}
	/* the last run's proposals are set aside: they are replaced, and
	   keep the ids of common items stable; the view keeps decisions */
	r.old = xcalloc(v.nmaps + 1, sizeof(*r.old));
	for (i = 0; i < v.nmaps; i++) {
		const struct store_mapping *m = &v.maps[i];
		char *key;

		if (!is_decision(m, "proposed")) {
			out->kept++;
			continue;
		}
		key = xasprintf("%s/%s", m->strategy, m->item);
		r.old[r.nold].m = *m;
		r.old[r.nold++].key = arena_strdup(v.arena, key);
		free(key);
	}
	{
		size_t k = 0;

		for (i = 0; i < v.nmaps; i++)
			if (!is_decision(&v.maps[i], "proposed"))
				v.maps[k++] = v.maps[i];
		v.nmaps = k;
	}
	align_opts_init(&ao);
	if (min_score > 0)
		ao.min_score = min_score;
	ao.links_in_groups = true;
	r.st = st;
	r.v = &v;
	r.stats = out;
	rc = run_kind(&r, lex, &ao, KK_FIELD);
	if (!rc)
		rc = run_kind(&r, lex, &ao, KK_GOAL);
	for (i = 0; i < r.nold && !rc; i++)
		if (!r.old[i].seen && !r.old[i].gone)
			rc = store_common_del_mapping(st, v.cs->id, &r.old[i].m);
	/* common items no group claimed, nobody decided on or named: gone */
	for (i = 0; i < v.nitems && !rc; i++) {
		const struct store_citem *ci = &v.items[i];
		size_t j;
		bool keep = ci->label != NULL || claimed(&r, ci->id);

		for (j = 0; j < v.nmaps && !keep; j++)
			if (!strcmp(v.maps[j].citem, ci->id))
				keep = true;
		if (!keep) {
			rc = store_common_del_item(st, v.cs->id, ci->id);
			out->removed++;
		}
	}
	if (!rc)
		rc = reload(st, &v, errmsg);
	if (!rc)
		rc = place_goals(st, &v);
	if (!rc) {
		struct store_align_run run;
		json_t *j = json_pack("{s:f, s:s}", "min_score", min_score > 0 ?
		    min_score : ao.min_score, "lexicon",
		    align_lexicon_describe(lex));
		char *settings = json_canonical(j);

		json_decref(j);
		run.settings = settings;
		run.groups = (long)out->groups;
		run.items = (long)out->items;
		run.proposed = (long)out->proposed;
		run.kept = (long)out->kept;
		rc = store_common_add_run(st, v.cs->id, &run);
		free(settings);
	}
	if (rc && !*errmsg)
		*errmsg = xstrdup(store_errmsg(st));
	if (!rc)
		out->common = xstrdup(v.cs->id);
out:
	for (i = 0; i < r.nclaimed; i++)
		free(r.claimed[i]);
	free(r.claimed);
	free(r.old);
	common_view_release(&v);
	return rc;
}

void
common_stats_release(struct common_stats *s)
{
	free(s->common);
	free(s->based_on);
	memset(s, 0, sizeof(*s));
}

/*
 * Decisions. Each loads the current common strategy in the caller's
 * transaction, refuses when there is none or it is adopted, and changes it.
 */
static int
begin_decision(struct store *st, const char *org, struct common_view *v,
    char **errmsg)
{
	int rc;

	*errmsg = NULL;
	/* end_decision() releases V whatever happened here: it must be
	   a view, even an empty one, before anything can fail */
	memset(v, 0, sizeof(*v));
	if ((rc = common_load(st, org, v, errmsg)))
		return rc;
	if (!v->cs) {
		*errmsg = common_none_msg(v);
		return KK_ENEED_ALIGN;
	}
	if (v->cs->adopted) {
		*errmsg = xasprintf(_("the common strategy '%s' is adopted and "
		    "frozen"), v->cs->id);
		return KK_ENEED_DRAFT;
	}
	return KK_OK;
}

/* Why V cannot be worked on when it has no common strategy; the caller
   frees it. */
char *
common_none_msg(const struct common_view *v)
{
	return xasprintf(_("'%s' has no common strategy yet"), v->org);
}

static int
end_decision(struct store *st, struct common_view *v, int rc, char **errmsg)
{
	if (rc && !*errmsg)
		*errmsg = xstrdup(store_errmsg(st));
	common_view_release(v);
	return rc;
}

static void
decide(struct store_mapping *m, const char *decision, const char *actor,
    const char *now)
{
	m->decision = decision;
	m->decided_by = actor;
	m->decided_at = now;
}

static const struct store_citem *
want_citem(const struct common_view *v, const char *id, char **errmsg)
{
	const struct store_citem *ci = common_citem(v, id);

	if (!ci)
		*errmsg = xasprintf(_("no common item '%s' in '%s'"), id,
		    v->cs->id);
	return ci;
}

/* Parse STRATEGY/ITEM; checks that it is a field or goal of a party. */
static const struct kk_item *
want_item(const struct common_view *v, const char *arg, const char **strategy,
    const char **item, char **errmsg)
{
	const struct kk_item *it = NULL;
	const char *slash = strchr(arg, '/');

	if (slash) {
		*strategy = arena_strndup(v->arena, arg, (size_t)(slash - arg));
		*item = arena_strdup(v->arena, slash + 1);
		it = common_party_item(v, *strategy, *item, NULL);
	}
	if (!slash)
		*errmsg = xasprintf(_("'%s' is neither a common item (c001) nor "
		    "an item (STRATEGY/ITEM)"), arg);
	else if (!it || (it->kind != KK_FIELD && it->kind != KK_GOAL))
		*errmsg = xasprintf(_("no field or goal '%s' in the strategies "
		    "of the parties of '%s'"), arg, v->org);
	else
		return it;
	return NULL;
}

int
common_decide(struct store *st, const char *org, const char *actor,
    const char *const *targets, size_t ntargets, bool accept, size_t *count,
    char **errmsg)
{
	const char *d = accept ? "accepted" : "rejected";
	struct common_view v;
	char now[21];
	size_t t, i;
	int rc;

	*count = 0;
	utc_now(now);
	if ((rc = begin_decision(st, org, &v, errmsg)))
		return end_decision(st, &v, rc, errmsg);
	for (t = 0; t < ntargets && !rc; t++) {
		const char *arg = targets[t], *at = strchr(arg, '@');
		const char *strategy, *item;
		struct store_mapping *m = NULL;

		if (arg[0] == 'c' && !strchr(arg, '/')) {
			/* a whole group: its proposals (an accept takes the
			   equivalents only; links stay suggestions) */
			size_t before = *count;

			if (!want_citem(&v, arg, errmsg)) {
				rc = KK_ENEED_ITEM;
				break;
			}
			for (i = 0; i < v.nmaps && !rc; i++) {
				m = &v.maps[i];
				if (strcmp(m->citem, arg) ||
				    !is_decision(m, "proposed") ||
				    (accept && !is_equivalent(m)))
					continue;
				decide(m, d, actor, now);
				rc = store_common_put_mapping(st, v.cs->id, m);
				++*count;
			}
			if (!rc && *count == before) {
				*errmsg = accept ? xasprintf(_("'%s' has no "
				    "proposals to accept"), arg) : xasprintf(_("'%s' "
				    "has no proposals to reject"), arg);
				rc = KK_EINPUT;
			}
			continue;
		}
		{
			char *s = at ? xstrndup(arg, (size_t)(at - arg)) :
			    xstrdup(arg);

			if (!want_item(&v, s, &strategy, &item, errmsg))
				rc = KK_EINPUT;
			free(s);
		}
		if (rc)
			break;
		if (at) {
			if (!want_citem(&v, at + 1, errmsg)) {
				rc = KK_ENEED_ITEM;
				break;
			}
			m = mapping_of(&v, strategy, item, at + 1);
		} else {
			m = equivalent_of(&v, strategy, item);
		}
		if (!m) {
			*errmsg = at ? xasprintf(_("'%s' is not mapped to '%s'"),
			    targets[t], at + 1) : xasprintf(_("'%s' is not "
			    "mapped to a common item"), arg);
			rc = KK_EINPUT;
			break;
		}
		if (is_decision(m, d))
			continue;
		decide(m, d, actor, now);
		rc = store_common_put_mapping(st, v.cs->id, m);
		++*count;
	}
	return end_decision(st, &v, rc, errmsg);
}

/* Put ITEM's equivalent on CITEM, accepted; its other equivalent goes. */
static int
move_item(struct store *st, struct common_view *v, const char *strategy,
    const char *item, const char *citem, const char *actor,
    const char *now)
{
	struct store_mapping *old = equivalent_of(v, strategy, item);
	struct store_mapping *there = mapping_of(v, strategy, item, citem);
	struct store_mapping m;
	char *ex = NULL;
	int rc = KK_OK;

	memset(&m, 0, sizeof(m));
	if (old) {
		m = *old;
		rc = store_common_del_mapping(st, v->cs->id, old);
		old->decision = "rejected";	/* gone: never seen again */
		old->relation = "related";
		old->citem = "";
	}
	if (there && !rc) {
		m = *there;
		rc = store_common_del_mapping(st, v->cs->id, there);
		there->citem = "";
	}
	if (rc)
		return rc;
	m.strategy = strategy;
	m.item = item;
	m.citem = citem;
	m.relation = "equivalent";
	if (!m.explanation) {
		ex = explanation("moved here by a person", NULL);
		m.explanation = ex;
		m.score = -1;
	}
	decide(&m, "accepted", actor, now);
	rc = store_common_put_mapping(st, v->cs->id, &m);
	free(ex);
	return rc;
}

static bool
kinds_match(const struct common_view *v, const struct kk_item *it,
    const struct store_citem *ci, const char *arg, char **errmsg)
{
	if (it->kind == ci->kind)
		return true;
	*errmsg = xasprintf(_("'%s' is a %s, '%s' a common %s"), arg,
	    kk_item_kind_names[it->kind], ci->id,
	    kk_item_kind_names[ci->kind]);
	(void)v;
	return false;
}

int
common_move(struct store *st, const char *org, const char *actor,
    const char *item_arg, const char *citem, char **errmsg)
{
	struct common_view v;
	const struct store_citem *ci;
	const struct kk_item *it;
	const char *strategy, *item;
	char now[21];
	int rc;

	utc_now(now);
	if ((rc = begin_decision(st, org, &v, errmsg)))
		return end_decision(st, &v, rc, errmsg);
	if (!(it = want_item(&v, item_arg, &strategy, &item, errmsg)))
		rc = KK_EINPUT;
	else if (!(ci = want_citem(&v, citem, errmsg)))
		rc = KK_ENEED_ITEM;
	else if (!kinds_match(&v, it, ci, item_arg, errmsg))
		rc = KK_EINPUT;
	else
		rc = move_item(st, &v, strategy, item, ci->id, actor, now);
	return end_decision(st, &v, rc, errmsg);
}

/* Accept the proposed equivalents of CITEM: people looked at the group. */
static int
accept_rest(struct store *st, struct common_view *v, const char *citem,
    const char *actor, const char *now)
{
	size_t i;
	int rc = KK_OK;

	for (i = 0; i < v->nmaps && !rc; i++) {
		struct store_mapping *m = &v->maps[i];

		if (!strcmp(m->citem, citem) && is_equivalent(m) &&
		    is_decision(m, "proposed")) {
			decide(m, "accepted", actor, now);
			rc = store_common_put_mapping(st, v->cs->id, m);
		}
	}
	return rc;
}

int
common_merge(struct store *st, const char *org, const char *actor,
    const char *into, const char *from, char **errmsg)
{
	const struct store_citem *a, *b;
	struct common_view v;
	char now[21];
	size_t i, n;
	int rc;

	utc_now(now);
	if ((rc = begin_decision(st, org, &v, errmsg)))
		return end_decision(st, &v, rc, errmsg);
	if (!(a = want_citem(&v, into, errmsg)) ||
	    !(b = want_citem(&v, from, errmsg))) {
		rc = KK_ENEED_ITEM;
	} else if (a == b) {
		*errmsg = xasprintf(_("cannot merge '%s' with itself"), into);
		rc = KK_EINPUT;
	} else if (a->kind != b->kind) {
		*errmsg = xasprintf(_("'%s' is a common %s, '%s' a common %s"),
		    a->id, kk_item_kind_names[a->kind], b->id,
		    kk_item_kind_names[b->kind]);
		rc = KK_EINPUT;
	}
	if (rc)
		return end_decision(st, &v, rc, errmsg);
	rc = accept_rest(st, &v, a->id, actor, now);
	n = v.nmaps;
	for (i = 0; i < n && !rc; i++) {
		struct store_mapping *m = &v.maps[i];

		if (strcmp(m->citem, b->id))
			continue;
		if (common_mapping_holds(m))
			rc = move_item(st, &v, m->strategy, m->item, a->id,
			    actor, now);
		else if (!mapping_of(&v, m->strategy, m->item, a->id)) {
			struct store_mapping c = *m;

			c.citem = a->id;
			rc = store_common_put_mapping(st, v.cs->id, &c);
		}
	}
	/* goals under the merged field follow it */
	for (i = 0; i < v.nitems && !rc; i++)
		if (v.items[i].parent && !strcmp(v.items[i].parent, b->id)) {
			struct store_citem c = v.items[i];

			c.parent = a->id;
			rc = store_common_put_item(st, v.cs->id, &c);
		}
	if (!rc)
		rc = store_common_del_item(st, v.cs->id, b->id);
	return end_decision(st, &v, rc, errmsg);
}

int
common_split(struct store *st, const char *org, const char *actor,
    const char *citem, const char *const *items, size_t nitems,
    char **newid, char **errmsg)
{
	const struct store_citem *from;
	struct store_citem ci;
	struct common_view v;
	char now[21];
	size_t i;
	int rc, last = 0;

	*newid = NULL;
	utc_now(now);
	if ((rc = begin_decision(st, org, &v, errmsg)))
		return end_decision(st, &v, rc, errmsg);
	if (!(from = want_citem(&v, citem, errmsg)))
		return end_decision(st, &v, KK_ENEED_ITEM, errmsg);
	memset(&ci, 0, sizeof(ci));
	ci.id = next_citem_id(v.arena, v.items, v.nitems, &last);
	ci.kind = from->kind;
	ci.parent = from->parent;
	ci.position = next_position(&v);
	for (i = 0; i < nitems && !rc; i++) {
		const char *strategy, *item;
		const struct kk_item *it;
		const struct store_mapping *m;

		if (!(it = want_item(&v, items[i], &strategy, &item, errmsg))) {
			rc = KK_EINPUT;
			break;
		}
		m = equivalent_of(&v, strategy, item);
		if (!m || strcmp(m->citem, from->id)) {
			*errmsg = xasprintf(_("'%s' is not in '%s'"), items[i],
			    from->id);
			rc = KK_EINPUT;
			break;
		}
		if (i == 0) {
			ci.proposed_label = it->title;
			rc = store_common_put_item(st, v.cs->id, &ci);
		}
		if (!rc)
			rc = move_item(st, &v, strategy, item, ci.id, actor, now);
	}
	if (!rc)
		rc = accept_rest(st, &v, from->id, actor, now);
	if (!rc)
		*newid = xstrdup(ci.id);
	return end_decision(st, &v, rc, errmsg);
}

int
common_rename(struct store *st, const char *org, const char *citem,
    const char *label, char **errmsg)
{
	const struct store_citem *ci;
	struct common_view v;
	struct store_citem c;
	int rc;

	if ((rc = begin_decision(st, org, &v, errmsg)))
		return end_decision(st, &v, rc, errmsg);
	if (!(ci = want_citem(&v, citem, errmsg)))
		return end_decision(st, &v, KK_ENEED_ITEM, errmsg);
	c = *ci;
	c.label = label;
	rc = store_common_put_item(st, v.cs->id, &c);
	return end_decision(st, &v, rc, errmsg);
}

int
common_adopt(struct store *st, const char *org, const char *actor,
    char **id, char **errmsg)
{
	struct common_view v;
	struct store_common c;
	size_t i, open = 0;
	char now[21];
	int rc;

	*id = NULL;
	utc_now(now);
	if ((rc = begin_decision(st, org, &v, errmsg)))
		return end_decision(st, &v, rc, errmsg);
	for (i = 0; i < v.nmaps; i++)
		if (is_equivalent(&v.maps[i]) &&
		    is_decision(&v.maps[i], "proposed"))
			open++;
	if (open) {
		*errmsg = xasprintf(Q_("%zu mapping is still proposed; accept "
		    "or reject it first", "%zu mappings are still proposed; "
		    "accept or reject them first", open), open);
		return end_decision(st, &v, KK_EINPUT, errmsg);
	}
	c = *v.cs;
	c.adopted = true;
	c.adopted_at = now;
	c.adopted_by = actor;
	rc = store_common_put(st, &c);
	if (!rc)
		*id = xstrdup(c.id);
	return end_decision(st, &v, rc, errmsg);
}

json_t *
common_view_json(const struct common_view *v)
{
	json_t *root = json_object(), *items = json_array();
	size_t i, j;

	if (!v->cs) {
		json_object_set_new(root, "common", json_null());
		json_object_set_new(root, "items", items);
		return root;
	}
	json_object_set_new(root, "common", json_string(v->cs->id));
	json_object_set_new(root, "org", json_string(v->org));
	json_object_set_new(root, "status", json_string(v->cs->adopted ?
	    "adopted" : "draft"));
	for (i = 0; i < v->nitems; i++) {
		const struct store_citem *ci = &v->items[i];
		json_t *jc = json_object(), *ms = json_array();

		json_object_set_new(jc, "id", json_string(ci->id));
		json_object_set_new(jc, "kind",
		    json_string(kk_item_kind_names[ci->kind]));
		json_object_set_new(jc, "label",
		    json_string(common_citem_label(ci)));
		json_object_set_new(jc, "proposed_label",
		    json_string(ci->proposed_label));
		json_object_set_new(jc, "parent", ci->parent ?
		    json_string(ci->parent) : json_null());
		for (j = 0; j < v->nmaps; j++) {
			const struct store_mapping *m = &v->maps[j];
			json_t *jm, *ex;
			char *key;

			if (strcmp(m->citem, ci->id))
				continue;
			key = xasprintf("%s/%s", m->strategy, m->item);
			jm = json_object();
			json_object_set_new(jm, "item", json_string(key));
			free(key);
			json_object_set_new(jm, "relation",
			    json_string(m->relation));
			json_object_set_new(jm, "confidence", m->score >= 0 ?
			    json_real(m->score) : json_null());
			json_object_set_new(jm, "decision",
			    json_string(m->decision));
			ex = m->explanation ? json_loads(m->explanation, 0,
			    NULL) : NULL;
			json_object_set_new(jm, "why", ex &&
			    json_object_get(ex, "why") ?
			    json_incref(json_object_get(ex, "why")) :
			    json_null());
			json_decref(ex);
			json_object_set_new(jm, "decided_by", m->decided_by ?
			    json_string(m->decided_by) : json_null());
			json_array_append_new(ms, jm);
		}
		json_object_set_new(jc, "members", ms);
		json_array_append_new(items, jc);
	}
	json_object_set_new(root, "items", items);
	return root;
}

/* The "why" of an explanation, into arena A ("" if none). */
const char *
common_why(struct arena *a, const struct store_mapping *m)
{
	json_t *ex = m->explanation ? json_loads(m->explanation, 0, NULL) :
	    NULL;
	const char *why = json_string_value(json_object_get(ex, "why"));
	const char *s = arena_strdup(a, why ? why : "");

	json_decref(ex);
	return s;
}
