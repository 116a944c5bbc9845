/* portfolio.c: the joint organisation's portfolio loaded from the store, with every party to cost it against. */
#include "store.h"

static int
cmp_party(const void *a, const void *b)
{
	return strcmp(((const struct kk_party *)a)->id,
	    ((const struct kk_party *)b)->id);
}

/*
 * Load the organisation ORG (NULL: the only one there is) with its
 * portfolio, and every party. Returns 0, or KK_ENOTFOUND / KK_EINPUT with
 * *ERRMSG (the caller frees it) saying what is missing or ambiguous.
 */
int
portfolio_load(struct portfolio *pf, struct store *st, const char *org,
    char **errmsg)
{
	size_t i, norgs = 0;
	int rc;

	memset(pf, 0, sizeof(*pf));
	pf->arena = arena_new();
	diags_init(&pf->diags);
	*errmsg = NULL;
	rc = store_list_parties(st, pf->arena, &pf->parties, &pf->nparties);
	if (rc) {
		*errmsg = xstrdup(store_errmsg(st));
		return rc;
	}
	for (i = 0; i < pf->nparties; i++) {
		if (pf->parties[i].kind != KK_JOINT_ORG)
			continue;
		if (!org) {
			if (norgs++)
				continue;
			org = pf->parties[i].id;
		}
	}
	if (norgs > 1) {
		*errmsg = xstrdup(_("there are several joint organisations"));
		return KK_ENEED_ORG;
	}
	if (!org) {
		*errmsg = xstrdup("there is no joint organisation yet: import "
		    "an organisation file");
		return KK_ENOTFOUND;
	}
	rc = store_load_doc(st, pf->arena, org, &pf->doc);
	if (rc || pf->doc.type != KK_DOC_ORG) {
		*errmsg = xasprintf(_("no joint organisation '%s'"), org);
		return KK_ENOTFOUND;
	}
	pf->org = &pf->doc.org;
	qsort(pf->parties, pf->nparties, sizeof(*pf->parties), cmp_party);
	return KK_OK;
}

void
portfolio_release(struct portfolio *pf)
{
	if (!pf)
		return;
	arena_free(pf->arena);
	diags_release(&pf->diags);
	memset(pf, 0, sizeof(*pf));
}

const struct kk_party *
portfolio_party(const struct portfolio *pf, const char *id)
{
	struct kk_party key;

	key.id = id;
	return bsearch(&key, pf->parties, pf->nparties, sizeof(key),
	    cmp_party);
}

static bool
lookup(void *ctx, const char *id, struct cost_party *out)
{
	const struct kk_party *p = portfolio_party(ctx, id);

	if (!p)
		return false;
	out->population = p->population;
	out->population_year = p->population_year;
	out->members = p->members;
	return true;
}

/* A resolved key, kept for every project that uses it. */
struct resolved {
	const char *key;
	struct cost_tree *tree;
	kk_rappen *shares;
};

/*
 * Split every budget line of every project (or of PROJECT alone) under its
 * cost key and call FN once per line and payer with the payer's part.
 * The parts of one line add up to the line exactly. Returns KK_EINPUT, with
 * the reasons in pf->diags, if a key cannot be applied (data changed in
 * the database since the import checked it).
 */
int
portfolio_costs(struct portfolio *pf, const char *project,
    portfolio_share_fn *fn, void *ctx)
{
	const struct kk_org *o = pf->org;
	struct resolved *keys = xcalloc(o->nkeys + 1, sizeof(*keys));
	size_t nkeys = 0, i, j, k;
	int rc = KK_OK;

	for (i = 0; i < o->nprojects && !rc; i++) {
		const struct kk_project *p = &o->projects[i];
		struct resolved *r = NULL;
		const char *const *payers;
		size_t npayers;

		if ((project && strcmp(p->id, project)) || !p->cost_key)
			continue;
		for (j = 0; j < nkeys; j++)
			if (!strcmp(keys[j].key, p->cost_key))
				r = &keys[j];
		if (!r) {
			r = &keys[nkeys];
			r->key = p->cost_key;
			r->tree = cost_resolve(pf->arena, o, p->cost_key,
			    lookup, pf, &pf->diags);
			if (!r->tree) {
				rc = KK_EINPUT;
				break;
			}
			npayers = cost_payers(r->tree, &payers);
			r->shares = arena_calloc(pf->arena, npayers + 1,
			    sizeof(*r->shares));
			nkeys++;
		}
		npayers = cost_payers(r->tree, &payers);
		for (j = 0; j < p->nbudget; j++) {
			memset(r->shares, 0, npayers * sizeof(*r->shares));
			cost_apply(r->tree, p->budget[j].amount, r->shares);
			for (k = 0; k < npayers; k++)
				fn(ctx, p, &p->budget[j], payers[k],
				    r->shares[k]);
		}
	}
	free(keys);
	return rc;
}

kk_rappen
portfolio_project_total(const struct kk_project *p)
{
	kk_rappen t = 0;
	size_t i;

	for (i = 0; i < p->nbudget; i++)
		t += p->budget[i].amount;
	return t;
}

void
portfolio_years(const struct kk_org *o, int *first, int *count)
{
	int lo = o->start, hi = o->end;
	size_t i, j;

	for (i = 0; i < o->nprojects; i++)
		for (j = 0; j < o->projects[i].nbudget; j++) {
			int y = o->projects[i].budget[j].year;

			if (!lo || y < lo)
				lo = y;
			if (!hi || y > hi)
				hi = y;
		}
	*first = lo;
	*count = lo ? hi - lo + 1 : 0;
}
