/* cmd-summary.c: 'konkordat summary', one line per party with what it brought. */
#include "store.h"

#include <getopt.h>

static int
summary_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "csv", no_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	/* the headings and values are the CSV and JSON keys; the text
	   table shows them in the user's language (table.c) */
	static const char *const cols[] = { N_("PARTY"), N_("KIND"),
	    N_("POPULATION"), N_("MEMBERS"), N_("FIELDS"), N_("GOALS"),
	    N_("PRINCIPLES"), N_("MEASURES"), N_("STRATEGY") };
	struct table t;
	bool csv = false;
	struct store *st;
	struct arena *a;
	struct kk_party *parties;
	struct kk_strategy *strategies;
	size_t np, ns, i, j, k;
	json_t *arr = json_array();
	bool json = false;
	int opt;

	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt != 'j' && opt != 'c') {
			json_decref(arr);
			return cmd_usage_error(&cmd_summary, "unknown option");
		}
		json = opt == 'j';
		csv = opt == 'c';
	}
	if (optind < argc) {
		json_decref(arr);
		return cmd_usage_error(&cmd_summary, "unexpected argument '%s'",
		    argv[optind]);
	}
	if (!(st = cmd_store(ctx, false))) {
		json_decref(arr);
		return KK_EXIT_REFUSED;
	}
	a = arena_new();
	store_list_parties(st, a, &parties, &np);
	store_list_strategies(st, a, &strategies, &ns);
	table_init(&t, cols, KK_ARRAY_SIZE(cols));
	for (i = 2; i <= 7; i++)
		table_align_right(&t, i);
	table_terms(&t, 1, VOCAB_PARTY_KIND);
	for (i = 0; i < np; i++) {
		const struct kk_party *p = &parties[i];
		const struct kk_strategy *s = NULL;
		size_t count[KK_ITEM_KIND_COUNT] = { 0 };
		char pop[24] = "-", n[1 + KK_ITEM_KIND_COUNT][24];

		if (!p->standalone)
			continue;
		for (j = 0; j < ns; j++)
			if (!strcmp(strategies[j].party, p->id))
				s = &strategies[j];
		for (k = 0; s && k < s->nitems; k++)
			count[s->items[k].kind]++;
		if (json) {
			json_t *o = json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, "
			    "s:I}", "id", p->id, "kind",
			    kk_party_kind_names[p->kind], "members",
			    (json_int_t)p->members.n, "fields",
			    (json_int_t)count[KK_FIELD], "goals",
			    (json_int_t)count[KK_GOAL], "principles",
			    (json_int_t)count[KK_PRINCIPLE], "measures",
			    (json_int_t)count[KK_MEASURE]);

			if (p->population >= 0)
				json_object_set_new(o, "population",
				    json_integer(p->population));
			if (s)
				json_object_set_new(o, "strategy",
				    json_string(s->id));
			json_array_append_new(arr, o);
			continue;
		}
		if (p->population >= 0)
			snprintf(pop, sizeof(pop), "%ld", p->population);
		snprintf(n[0], sizeof(n[0]), "%zu", p->members.n);
		for (k = 0; k < KK_ITEM_KIND_COUNT; k++)
			snprintf(n[k + 1], sizeof(n[k + 1]), "%zu", count[k]);
		table_row(&t, p->id, kk_party_kind_names[p->kind], pop, n[0],
		    n[1 + KK_FIELD], n[1 + KK_GOAL], n[1 + KK_PRINCIPLE],
		    n[1 + KK_MEASURE], s ? s->id : "-");
	}
	arena_free(a);
	if (json) {
		table_release(&t);
		return json_print(arr, stdout) ? KK_EXIT_INTERNAL : KK_EXIT_OK;
	}
	json_decref(arr);
	opt = table_print(&t, csv ? TABLE_CSV : TABLE_TEXT, stdout);
	table_release(&t);
	return opt ? KK_EXIT_INTERNAL : KK_EXIT_OK;
}

const struct cmd cmd_summary = {
	.name = "summary",
	.usage = "[--csv|--json]",
	.summary = N_("one line per party: kind, population, members, items"),
	.help = N_("Lists the parties that have a file of their own (not the "
	    "member\nmunicipalities) with the size of their strategy.\n\n"
	    "Options:\n  --csv   the table for a spreadsheet\n"
	    "  --json  JSON for scripts\n"),
	.exec = summary_exec,
};
