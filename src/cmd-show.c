/* cmd-show.c: 'konkordat show', one party, strategy or item in full. */
#include "store.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static void
print_text(const char *label, const char *text)
{
	if (text)
		printf("%-12s %s\n", PADDED(label, 12), text);
}

static void
print_ids(const char *label, const struct kk_ids *ids)
{
	size_t i;

	if (!ids->n)
		return;
	printf("%-12s ", PADDED(label, 12));
	for (i = 0; i < ids->n; i++)
		printf("%s%s", i ? ", " : "", ids->v[i]);
	printf("\n");
}

static void
show_strategy(const struct kk_strategy *s)
{
	size_t i, j;

	printf(_("strategy     %s\n"), s->id);
	print_text(_("title"), s->title);
	printf("%-12s %s\n", PADDED(_("party"), 12), s->party);
	printf("%-12s %d-%d\n", PADDED(_("period"), 12), s->start, s->end);
	printf("%-12s %d, %s\n", PADDED(_("version"), 12), s->version,
	    i18n_term(VOCAB_STRATEGY_STATUS, s->adopted ? "adopted" : "draft"));
	printf("%-12s %s\n", PADDED(_("language"), 12), s->lang);
	print_text(_("vision"), s->vision);
	for (i = 0; i < s->nitems; i++) {
		const struct kk_item *it = &s->items[i];

		if (it->kind == KK_PRINCIPLE)
			printf(_("  principle  %-6s %s\n"), it->id, it->title);
	}
	for (i = 0; i < s->nitems; i++) {
		const struct kk_item *f = &s->items[i];

		if (f->kind != KK_FIELD)
			continue;
		printf(_("  field      %-6s %s\n"), f->id, f->title);
		for (j = 0; j < s->nitems; j++) {
			const struct kk_item *g = &s->items[j];

			if (g->kind == KK_GOAL && !strcmp(g->parent, f->id))
				printf(_("    goal     %-6s %s\n"), g->id,
				    g->title);
		}
	}
	for (i = 0; i < s->nitems; i++) {
		const struct kk_item *it = &s->items[i];

		if (it->kind == KK_MEASURE)
			printf(_("  measure    %-6s %s\n"), it->id, it->title);
	}
}

static void
show_item(const struct kk_strategy *s, const struct kk_item *it)
{
	size_t i;

	printf("%-12s %s/%s\n", PADDED(i18n_term(VOCAB_ITEM_KIND,
	    kk_item_kind_names[it->kind]), 12), s->id, it->id);
	print_text(_("title"), it->title);
	print_text(_("text"), it->text);
	printf("%-12s %s (%s)\n", PADDED(_("strategy"), 12), s->id, s->party);
	print_text(_("field"), it->parent);
	print_ids(_("tags"), &it->tags);
	print_ids(_("realises"), &it->goals);
	if (it->kind == KK_GOAL)
		for (i = 0; i < s->nitems; i++)
			if (kk_ids_contain(&s->items[i].goals, it->id))
				printf("%-12s %s %s\n",
				    PADDED(_("realised by"), 12),
				    s->items[i].id, s->items[i].title);
	if (it->kind == KK_FIELD)
		for (i = 0; i < s->nitems; i++)
			if (s->items[i].parent &&
			    !strcmp(s->items[i].parent, it->id))
				printf("%-12s %s %s\n", PADDED(_("goal"), 12),
				    s->items[i].id, s->items[i].title);
}

static void
show_doc(const struct kk_doc *d)
{
	const struct kk_party *p = &d->party;
	size_t i;

	printf(_("party        %s\n"), p->id);
	print_text(_("name"), p->name);
	printf("%-12s %s\n", PADDED(_("kind"), 12),
	    i18n_term(VOCAB_PARTY_KIND, kk_party_kind_names[p->kind]));
	if (p->bfs)
		printf("%-12s %ld\n", PADDED(_("bfs"), 12), p->bfs);
	if (p->population >= 0)
		printf("%-12s %ld (%d)\n", PADDED(_("population"), 12),
		    p->population,
		    p->population_year);
	if (p->members.n && p->kind != KK_JOINT_ORG)
		printf("%-12s %zu\n", PADDED(_("members"), 12), p->members.n);
	if (d->type == KK_DOC_ORG) {
		print_ids(_("parties"), &p->members);
		for (i = 0; i < d->org.nbodies; i++)
			printf(_("  body       %-24s %s\n"), d->org.bodies[i].id,
			    d->org.bodies[i].name);
		for (i = 0; i < d->org.nmilestones; i++)
			printf(_("  milestone  %s %s%s\n"),
			    d->org.milestones[i].date,
			    d->org.milestones[i].title,
			    d->org.milestones[i].done ? _(" (done)") : "");
		for (i = 0; i < d->org.nagreements; i++)
			printf(_("  agreement  %-24s %s\n"),
			    d->org.agreements[i].id,
			    d->org.agreements[i].title);
		return;
	}
	if (d->strategy)
		/* TRANSLATORS: English says "items" for one too, as it always has */
		printf(Q_("%-12s %s (%s, %zu items)\n",
		    "%-12s %s (%s, %zu items)\n", d->strategy->nitems),
		    PADDED(_("strategy"), 12), d->strategy->id,
		    d->strategy->title, d->strategy->nitems);
}

static json_t *
doc_json(const struct kk_doc *d)
{
	json_t *o = json_party(&d->party);
	size_t i;

	if (d->type == KK_DOC_ORG) {
		json_t *b = json_array(), *m = json_array(), *a = json_array();

		for (i = 0; i < d->org.nbodies; i++)
			json_array_append_new(b, json_body(&d->org.bodies[i]));
		for (i = 0; i < d->org.nmilestones; i++)
			json_array_append_new(m,
			    json_milestone(&d->org.milestones[i]));
		for (i = 0; i < d->org.nagreements; i++)
			json_array_append_new(a,
			    json_agreement(&d->org.agreements[i]));
		json_object_set_new(o, "bodies", b);
		json_object_set_new(o, "milestones", m);
		json_object_set_new(o, "agreements", a);
	} else if (d->strategy) {
		json_object_set_new(o, "strategy",
		    json_strategy(d->strategy, false));
	}
	return o;
}

/*
 * ID is a party, a strategy, or STRATEGY/ITEM; in the last form a party id
 * may stand for the party's strategy.
 */
static int
show_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	struct store *st;
	struct arena *a;
	struct kk_strategy *v;
	struct kk_doc doc;
	const char *id, *slash;
	bool json = false;
	size_t n, i;
	int opt, rc = KK_EXIT_REFUSED;

	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt != 'j')
			return cmd_usage_error(&cmd_show, "unknown option");
		json = true;
	}
	if (optind + 1 != argc)
		return cmd_usage_error(&cmd_show, "show what? name one id");
	id = argv[optind];
	if (!(st = cmd_store(ctx, false)))
		return KK_EXIT_REFUSED;
	a = arena_new();
	slash = strchr(id, '/');
	if (!slash && store_load_doc(st, a, id, &doc) == KK_OK) {
		if (json)
			json_print(doc_json(&doc), stdout);
		else
			show_doc(&doc);
		rc = KK_EXIT_OK;
		goto out;
	}
	store_list_strategies(st, a, &v, &n);
	for (i = 0; i < n; i++) {
		const struct kk_strategy *s = &v[i];
		size_t plen = slash ? (size_t)(slash - id) : strlen(id);
		const struct kk_item *it;

		if (!((strlen(s->id) == plen && !strncmp(s->id, id, plen)) ||
		    (slash && strlen(s->party) == plen &&
		    !strncmp(s->party, id, plen))))
			continue;
		if (!slash) {
			if (json)
				json_print(json_strategy(s, true), stdout);
			else
				show_strategy(s);
			rc = KK_EXIT_OK;
			goto out;
		}
		if ((it = kk_strategy_find(s, slash + 1)) != NULL) {
			if (json) {
				json_t *o = json_item(it);

				json_object_set_new(o, "strategy",
				    json_string(s->id));
				json_print(o, stdout);
			} else {
				show_item(s, it);
			}
			rc = KK_EXIT_OK;
			goto out;
		}
	}
	error("nothing has the id '%s' (try 'konkordat list parties' or "
	    "'konkordat list strategies')", id);
out:
	arena_free(a);
	return rc;
}

const struct cmd cmd_show = {
	.name = "show",
	.usage = "ID [--json]",
	.summary = N_("show one party, organisation, strategy or item"),
	.help = N_("ID is a party or organisation id, a strategy id, or "
	    "STRATEGY/ITEM for one\nfield, goal, principle or measure (a "
	    "party's id may stand for its strategy:\nkanton-luzern/z1).\n"
	    "\nOptions:\n  --json  JSON for scripts\n"),
	.exec = show_exec,
};
