/* cmd-list.c: 'konkordat list', parties, strategies and their items. */
#include "store.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char *const whats[] = {
	"parties", "strategies", "fields", "goals", "principles", "measures",
};

static bool
party_selected(const struct kk_party *p, const struct kk_party *filter)
{
	return !filter || kk_ids_contain(&filter->members, p->id);
}

/* Print T (as text or CSV), or the JSON array ARR; release both. */
static int
finish(struct table *t, json_t *arr, enum table_format f)
{
	int rc = f == TABLE_JSON ? json_print(arr, stdout) :
	    table_print(t, f, stdout);

	if (f != TABLE_JSON)
		json_decref(arr);
	table_release(t);
	return rc;
}

static int
list_parties(struct store *st, struct arena *a, const struct kk_party *filter,
    enum table_format f)
{
	/* the headings and values are the CSV and JSON keys; the text
	   table shows them in the user's language (table.c) */
	static const char *const cols[] = { N_("ID"), N_("KIND"),
	    N_("POPULATION"), N_("YEAR"), N_("MEMBERS"), N_("NAME") };
	struct kk_party *v;
	json_t *arr = json_array();
	struct table t;
	size_t n, i;

	table_init(&t, cols, KK_ARRAY_SIZE(cols));
	table_align_right(&t, 2);
	table_align_right(&t, 4);
	table_terms(&t, 1, VOCAB_PARTY_KIND);
	store_list_parties(st, a, &v, &n);
	for (i = 0; i < n; i++) {
		const struct kk_party *p = &v[i];
		char pop[24] = "", year[8] = "", members[24] = "";

		if (!party_selected(p, filter))
			continue;
		if (f == TABLE_JSON) {
			json_array_append_new(arr, json_party(p));
			continue;
		}
		if (p->population >= 0) {
			snprintf(pop, sizeof(pop), "%ld", p->population);
			snprintf(year, sizeof(year), "%d", p->population_year);
		}
		if (p->members.n)
			snprintf(members, sizeof(members), "%zu", p->members.n);
		table_row(&t, p->id, kk_party_kind_names[p->kind], pop, year,
		    members, p->name);
	}
	return finish(&t, arr, f);
}

static int
list_strategies(struct kk_strategy *v, size_t n, const char *party,
    enum table_format f)
{
	/* the headings and values are the CSV and JSON keys; the text
	   table shows them in the user's language (table.c) */
	static const char *const cols[] = { N_("ID"), N_("PARTY"),
	    N_("PERIOD"), N_("STATUS"), N_("LANG"), N_("FIELDS"), N_("GOALS"),
	    N_("PRINCIPLES"), N_("MEASURES"), N_("TITLE") };
	json_t *arr = json_array();
	struct table t;
	size_t i, j;

	table_init(&t, cols, KK_ARRAY_SIZE(cols));
	for (i = 5; i <= 8; i++)
		table_align_right(&t, i);
	table_terms(&t, 3, VOCAB_STRATEGY_STATUS);
	for (i = 0; i < n; i++) {
		const struct kk_strategy *s = &v[i];
		size_t count[KK_ITEM_KIND_COUNT] = { 0 };
		char period[16], c[KK_ITEM_KIND_COUNT][24];

		if (party && strcmp(s->party, party))
			continue;
		if (f == TABLE_JSON) {
			json_array_append_new(arr, json_strategy(s, false));
			continue;
		}
		for (j = 0; j < s->nitems; j++)
			count[s->items[j].kind]++;
		for (j = 0; j < KK_ITEM_KIND_COUNT; j++)
			snprintf(c[j], sizeof(c[j]), "%zu", count[j]);
		snprintf(period, sizeof(period), "%d-%d", s->start, s->end);
		table_row(&t, s->id, s->party, period,
		    s->adopted ? "adopted" : "draft", s->lang, c[KK_FIELD],
		    c[KK_GOAL], c[KK_PRINCIPLE], c[KK_MEASURE], s->title);
	}
	return finish(&t, arr, f);
}

static int
list_items(struct kk_strategy *v, size_t n, const char *party,
    enum kk_item_kind kind, enum table_format f)
{
	/* a goal's field, a measure's goals: the middle column */
	const char *cols[] = { N_("ID"), kind == KK_GOAL ? N_("FIELD") :
	    N_("GOALS"), N_("TITLE") };
	bool middle = kind == KK_GOAL || kind == KK_MEASURE;
	json_t *arr = json_array();
	struct table t;
	size_t i, j, k;

	if (!middle)
		cols[1] = cols[2];
	table_init(&t, cols, middle ? 3 : 2);
	for (i = 0; i < n; i++) {
		const struct kk_strategy *s = &v[i];

		if (party && strcmp(s->party, party))
			continue;
		for (j = 0; j < s->nitems; j++) {
			const struct kk_item *it = &s->items[j];
			struct buf goals = BUF_INIT;
			char *id;

			if (it->kind != kind)
				continue;
			if (f == TABLE_JSON) {
				json_t *o = json_item(it);

				json_object_set_new(o, "strategy",
				    json_string(s->id));
				json_object_set_new(o, "party",
				    json_string(s->party));
				json_array_append_new(arr, o);
				continue;
			}
			for (k = 0; k < it->goals.n; k++)
				buf_addf(&goals, "%s%s", k ? "," : "",
				    it->goals.v[k]);
			id = xasprintf("%s/%s", s->id, it->id);
			if (kind == KK_GOAL)
				table_row(&t, id, it->parent, it->title);
			else if (middle)
				table_row(&t, id, goals.s, it->title);
			else
				table_row(&t, id, it->title);
			free(id);
			buf_release(&goals);
		}
	}
	return finish(&t, arr, f);
}

static int
list_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "party", required_argument, NULL, 'p' },
		{ "json", no_argument, NULL, 'j' },
		{ "csv", no_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	const char *party = NULL;
	enum table_format f = TABLE_TEXT;
	struct store *st;
	struct arena *a;
	struct kk_party filter;
	int opt, what, rc;

	while ((opt = getopt_long(argc, argv, "p:", opts, NULL)) != -1) {
		if (opt == 'p')
			party = optarg;
		else if (opt == 'j')
			f = TABLE_JSON;
		else if (opt == 'c')
			f = TABLE_CSV;
		else
			return cmd_usage_error(&cmd_list, "unknown option");
	}
	if (optind + 1 != argc)
		return cmd_usage_error(&cmd_list, "list what? (parties, "
		    "strategies, fields, goals, principles, measures)");
	what = kk_enum_parse(argv[optind], whats, KK_ARRAY_SIZE(whats));
	if (what < 0) {
		const char *hint = closest_word(argv[optind], whats,
		    KK_ARRAY_SIZE(whats));

		if (hint)
			return cmd_usage_error(&cmd_list, "cannot list '%s'; "
			    "did you mean '%s'?", argv[optind], hint);
		return cmd_usage_error(&cmd_list, "cannot list '%s'",
		    argv[optind]);
	}
	if (!(st = cmd_store(ctx, false)))
		return KK_EXIT_REFUSED;
	a = arena_new();
	if (party && store_get_party(st, a, party, &filter)) {
		error("no party '%s'", party);
		arena_free(a);
		return KK_EXIT_REFUSED;
	}
	if (what == 0) {
		rc = list_parties(st, a, party ? &filter : NULL, f);
	} else {
		struct kk_strategy *v;
		size_t n;

		store_list_strategies(st, a, &v, &n);
		rc = what == 1 ? list_strategies(v, n, party, f) :
		    list_items(v, n, party, (enum kk_item_kind)(what - 2), f);
	}
	arena_free(a);
	return rc ? KK_EXIT_INTERNAL : KK_EXIT_OK;
}

const struct cmd cmd_list = {
	.name = "list",
	.usage = "parties|strategies|fields|goals|principles|measures "
	    "[--party ID] [--csv|--json]",
	.summary = N_("list parties, strategies, or the items of strategies"),
	.help = N_("Options:\n"
	    "  -p, --party ID  only what belongs to this party; with "
	    "'parties', its members\n"
	    "  --csv           the table for a spreadsheet\n"
	    "  --json          the items as JSON, for scripts\n"
	    "\nItems are named STRATEGY/ITEM, the form 'konkordat show' "
	    "takes.\n"),
	.exec = list_exec,
};
