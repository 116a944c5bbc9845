/* cmd-list.c: 'konkordat list', parties, strategies and their items. */
#include "store.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char *const whats[] = {
	"parties", "strategies", "fields", "goals", "principles", "measures",
};

/* The width of S on a terminal, counting characters, not bytes. */
static int
width(const char *s)
{
	int n = 0;

	for (; *s; s++)
		if ((*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* Print S padded to W characters. */
static void
padded(const char *s, int w)
{
	int pad = w - width(s);

	fputs(s, stdout);
	while (pad-- > 0)
		fputc(' ', stdout);
}

static bool
party_selected(const struct kk_party *p, const struct kk_party *filter)
{
	return !filter || kk_ids_contain(&filter->members, p->id);
}

static int
list_parties(struct store *st, struct arena *a, const struct kk_party *filter,
    bool json)
{
	struct kk_party *v;
	size_t n, i;
	json_t *arr = json_array();
	int wid = 2, wkind = 4;

	store_list_parties(st, a, &v, &n);
	for (i = 0; i < n; i++) {
		if (!party_selected(&v[i], filter))
			continue;
		if (width(v[i].id) > wid)
			wid = width(v[i].id);
		if (width(kk_party_kind_names[v[i].kind]) > wkind)
			wkind = width(kk_party_kind_names[v[i].kind]);
	}
	if (!json) {
		padded("ID", wid + 2);
		padded("KIND", wkind + 2);
		printf("%10s  %7s  NAME\n", "POPULATION", "MEMBERS");
	}
	for (i = 0; i < n; i++) {
		const struct kk_party *p = &v[i];

		if (!party_selected(p, filter))
			continue;
		if (json) {
			json_array_append_new(arr, json_party(p));
			continue;
		}
		padded(p->id, wid + 2);
		padded(kk_party_kind_names[p->kind], wkind + 2);
		if (p->population >= 0)
			printf("%10ld  ", p->population);
		else
			printf("%10s  ", "-");
		if (p->members.n)
			printf("%7zu  ", p->members.n);
		else
			printf("%7s  ", "-");
		printf("%s\n", p->name);
	}
	if (json)
		return json_print(arr, stdout);
	json_decref(arr);
	return KK_OK;
}

static int
list_strategies(struct kk_strategy *v, size_t n, const char *party, bool json)
{
	json_t *arr = json_array();
	size_t i, j;

	if (!json)
		printf("%-24s %-16s %-9s %-7s %-4s %6s %5s %5s %5s  TITLE\n",
		    "ID", "PARTY", "PERIOD", "STATUS", "LANG", "FIELDS", "GOALS",
		    "PRINC", "MEAS");
	for (i = 0; i < n; i++) {
		const struct kk_strategy *s = &v[i];
		size_t count[KK_ITEM_KIND_COUNT] = { 0 };

		if (party && strcmp(s->party, party))
			continue;
		if (json) {
			json_array_append_new(arr, json_strategy(s, false));
			continue;
		}
		for (j = 0; j < s->nitems; j++)
			count[s->items[j].kind]++;
		printf("%-24s %-16s %d-%d %-7s %-4s %6zu %5zu %5zu %5zu  %s\n",
		    s->id, s->party, s->start, s->end,
		    s->adopted ? "adopted" : "draft", s->lang, count[KK_FIELD],
		    count[KK_GOAL], count[KK_PRINCIPLE], count[KK_MEASURE],
		    s->title);
	}
	if (json)
		return json_print(arr, stdout);
	json_decref(arr);
	return KK_OK;
}

static int
list_items(struct kk_strategy *v, size_t n, const char *party,
    enum kk_item_kind kind, bool json)
{
	json_t *arr = json_array();
	size_t i, j;
	int wid = 2;

	for (i = 0; i < n; i++)
		for (j = 0; j < v[i].nitems; j++)
			if (v[i].items[j].kind == kind && (int)(strlen(v[i].id) +
			    strlen(v[i].items[j].id) + 1) > wid)
				wid = (int)(strlen(v[i].id) +
				    strlen(v[i].items[j].id) + 1);
	if (!json) {
		padded("ID", wid + 2);
		if (kind == KK_GOAL)
			padded("FIELD", 8);
		if (kind == KK_MEASURE)
			padded("GOALS", 16);
		printf("TITLE\n");
	}
	for (i = 0; i < n; i++) {
		const struct kk_strategy *s = &v[i];

		if (party && strcmp(s->party, party))
			continue;
		for (j = 0; j < s->nitems; j++) {
			const struct kk_item *it = &s->items[j];
			char *id;

			if (it->kind != kind)
				continue;
			if (json) {
				json_t *o = json_item(it);

				json_object_set_new(o, "strategy",
				    json_string(s->id));
				json_object_set_new(o, "party",
				    json_string(s->party));
				json_array_append_new(arr, o);
				continue;
			}
			id = xasprintf("%s/%s", s->id, it->id);
			padded(id, wid + 2);
			free(id);
			if (kind == KK_GOAL)
				padded(it->parent ? it->parent : "-", 8);
			if (kind == KK_MEASURE) {
				struct buf b = BUF_INIT;
				size_t k;

				for (k = 0; k < it->goals.n; k++)
					buf_addf(&b, "%s%s", k ? "," : "",
					    it->goals.v[k]);
				padded(b.len ? b.s : "-", 16);
				buf_release(&b);
			}
			printf("%s\n", it->title);
		}
	}
	if (json)
		return json_print(arr, stdout);
	json_decref(arr);
	return KK_OK;
}

static int
list_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "party", required_argument, NULL, 'p' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	const char *party = NULL;
	bool json = false;
	struct store *st;
	struct arena *a;
	struct kk_party filter;
	int opt, what, rc;

	while ((opt = getopt_long(argc, argv, "p:", opts, NULL)) != -1) {
		if (opt == 'p')
			party = optarg;
		else if (opt == 'j')
			json = true;
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

		return cmd_usage_error(&cmd_list, "cannot list '%s'%s%s%s",
		    argv[optind], hint ? "; did you mean '" : "",
		    hint ? hint : "", hint ? "'?" : "");
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
		rc = list_parties(st, a, party ? &filter : NULL, json);
	} else {
		struct kk_strategy *v;
		size_t n;

		store_list_strategies(st, a, &v, &n);
		rc = what == 1 ? list_strategies(v, n, party, json) :
		    list_items(v, n, party, (enum kk_item_kind)(what - 2),
		    json);
	}
	arena_free(a);
	return rc ? KK_EXIT_INTERNAL : KK_EXIT_OK;
}

const struct cmd cmd_list = {
	.name = "list",
	.usage = "parties|strategies|fields|goals|principles|measures "
	    "[--party ID] [--json]",
	.summary = "list parties, strategies, or the items of strategies",
	.help = "Options:\n"
	    "  -p, --party ID  only what belongs to this party; with "
	    "'parties', its members\n"
	    "  --json          JSON for scripts instead of a table\n"
	    "\nItems are named STRATEGY/ITEM, the form 'konkordat show' "
	    "takes.\n",
	.exec = list_exec,
};
