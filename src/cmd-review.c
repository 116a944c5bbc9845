/* cmd-review.c: 'konkordat review', people's decisions on the proposed common strategy. */
#include "store.h"

#include <getopt.h>
#include <string.h>

/* Mapping confidence as people read it: two decimals, or "-" if none. */
static const char *
conf_text(char *buf, size_t size, double score)
{
	if (score < 0)
		return "-";
	snprintf(buf, size, "%.2f", score);
	return buf;
}

static int
review_list(struct cmd_ctx *ctx, const char *org, enum table_format f,
    bool undecided)
{
	/* the headings and values are the CSV and JSON keys; the text
	   table shows them in the user's language (table.c) */
	static const char *const cols[] = { N_("GROUP"), N_("KIND"),
	    N_("LABEL"), N_("ITEM"), N_("RELATION"), N_("CONFIDENCE"),
	    N_("DECISION"), N_("WHY") };
	struct common_view v;
	struct table t;
	size_t i, j, nproposed = 0;
	int rc;

	if (cmd_common(ctx, org, &v))
		return KK_EXIT_REFUSED;
	if (f == TABLE_JSON) {
		rc = json_print(common_view_json(&v), stdout);
		common_view_release(&v);
		return rc ? KK_EXIT_INTERNAL : KK_EXIT_OK;
	}
	table_init(&t, cols, KK_ARRAY_SIZE(cols));
	table_align_right(&t, 5);
	table_terms(&t, 1, VOCAB_ITEM_KIND);
	table_terms(&t, 4, VOCAB_RELATION);
	table_terms(&t, 6, VOCAB_DECISION);
	for (i = 0; i < v.nitems; i++) {
		const struct store_citem *ci = &v.items[i];

		for (j = 0; j < v.nmaps; j++) {
			const struct store_mapping *m = &v.maps[j];
			char key[256], conf[16], *why;

			if (strcmp(m->citem, ci->id))
				continue;
			if (!strcmp(m->decision, "proposed"))
				nproposed++;
			if (undecided && strcmp(m->decision, "proposed"))
				continue;
			snprintf(key, sizeof(key), "%s/%s", m->strategy,
			    m->item);
			/* the text table's explanation in the user's
			   language; --csv and --json the engine's */
			why = f == TABLE_TEXT ?
			    i18n_explanation(common_why(v.arena, m)) :
			    xstrdup(common_why(v.arena, m));
			table_row(&t, ci->id, kk_item_kind_names[ci->kind],
			    common_citem_label(ci), key, m->relation,
			    conf_text(conf, sizeof(conf), m->score),
			    m->decision, why);
			free(why);
		}
	}
	if (f == TABLE_TEXT)
		printf(_("%s (%s): %zu common items, %zu mappings, %zu still "
		    "proposed\n"), v.cs->id, i18n_term(VOCAB_STRATEGY_STATUS,
		    v.cs->adopted ? "adopted" : "draft"),
		    v.nitems, v.nmaps, nproposed);
	rc = table_print(&t, f, stdout);
	table_release(&t);
	common_view_release(&v);
	return rc ? KK_EXIT_INTERNAL : KK_EXIT_OK;
}

static int
review_show(struct cmd_ctx *ctx, const char *org, const char *id)
{
	struct store *st = cmd_store_readonly(ctx);
	const struct store_citem *ci;
	struct common_view v;
	size_t i;
	char *msg;
	int rc;

	if (!st)
		return KK_EXIT_REFUSED;
	if ((rc = common_load(st, org, &v, &msg))) {
		cmd_refused(rc, msg);
		free(msg);
		common_view_release(&v);
		return KK_EXIT_REFUSED;
	}
	if (!v.cs || !(ci = common_citem(&v, id))) {
		if (v.cs)
			error("no common item '%s' in '%s' (see 'konkordat "
			    "review list')", id, v.cs->id);
		else
			error("'%s' has no common strategy yet; run "
			    "'konkordat align' first", v.org);
		common_view_release(&v);
		return KK_EXIT_REFUSED;
	}
	table_printf(stdout, _("%s  common %s  %s\n"), ci->id,
	    i18n_term(VOCAB_ITEM_KIND, kk_item_kind_names[ci->kind]),
	    common_citem_label(ci));
	if (ci->label)
		table_printf(stdout,
		    _("  proposed as: %s\n"), ci->proposed_label);
	if (ci->parent) {
		const struct store_citem *p = common_citem(&v, ci->parent);

		table_printf(stdout, _("  under: %s %s\n"), ci->parent,
		    p ? common_citem_label(p) : "");
	}
	for (i = 0; i < v.nitems; i++)
		if (v.items[i].parent && !strcmp(v.items[i].parent, ci->id))
			table_printf(stdout,
			    _("  goal: %s %s\n"), v.items[i].id,
			    common_citem_label(&v.items[i]));
	for (i = 0; i < v.nmaps; i++) {
		const struct store_mapping *m = &v.maps[i];
		const struct kk_strategy *s = NULL;
		const struct kk_item *it;
		char conf[16], *why;

		if (strcmp(m->citem, ci->id))
			continue;
		it = common_party_item(&v, m->strategy, m->item, &s);
		table_printf(stdout,
		    "\n  %s/%s  %s%s%s\n", m->strategy, m->item,
		    it ? it->title : _("(no longer in its strategy)"),
		    s ? "  -- " : "", s ? s->party : "");
		table_printf(stdout, _("    %s, confidence %s, %s"),
		    i18n_term(VOCAB_RELATION, m->relation),
		    conf_text(conf, sizeof(conf), m->score),
		    i18n_term(VOCAB_DECISION, m->decision));
		if (m->decided_by)
			table_printf(stdout,
			    _(" by %s at %s"), m->decided_by, m->decided_at);
		why = i18n_explanation(common_why(v.arena, m));
		table_printf(stdout, _("\n    why: %s\n"), why);
		free(why);
	}
	common_view_release(&v);
	return KK_EXIT_OK;
}

/* The exit code for a decision's result; prints the error. */
static int
decided(int rc, char *msg)
{
	if (!rc)
		return KK_EXIT_OK;
	cmd_refused(rc, msg);
	free(msg);
	/* a state the data is not in yet is the user's to change */
	return rc == KK_EINPUT || rc == KK_ENOTFOUND || *cmd_hint(rc) ?
	    KK_EXIT_REFUSED : KK_EXIT_INTERNAL;
}

static int
want_args(const char *sub, int have, int min, int max)
{
	if (have < min && min == 1)
		return cmd_usage_error(&cmd_review, "'%s' wants an argument",
		    sub);
	if (have < min)
		return cmd_usage_error(&cmd_review, "'%s' wants more arguments",
		    sub);
	if (max >= 0 && have > max)
		return cmd_usage_error(&cmd_review, Q_("'%s' takes at most %d "
		    "argument", "'%s' takes at most %d arguments",
		    (unsigned long)max), sub, max);
	return 0;
}

static int
review_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "org", required_argument, NULL, 'O' },
		{ "csv", no_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' },
		{ "undecided", no_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 },
	};
	enum table_format f = TABLE_TEXT;
	const char *org = NULL, *sub;
	bool undecided = false;
	struct store *st;
	char *msg = NULL, *id = NULL, *said = NULL;
	int opt, rc, nargs;
	char **args;

	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'O':
			org = optarg;
			break;
		case 'c':
			f = TABLE_CSV;
			break;
		case 'j':
			f = TABLE_JSON;
			break;
		case 'u':
			undecided = true;
			break;
		default:
			return cmd_usage_error(&cmd_review, "unknown option");
		}
	}
	sub = optind < argc ? argv[optind] : "list";
	args = argv + optind + (optind < argc);
	nargs = argc - optind - (optind < argc);
	if (!strcmp(sub, "list")) {
		if ((rc = want_args(sub, nargs, 0, 0)))
			return rc;
		return review_list(ctx, org, f, undecided);
	}
	if (!strcmp(sub, "show")) {
		if ((rc = want_args(sub, nargs, 1, 1)))
			return rc;
		return review_show(ctx, org, args[0]);
	}
	if (strcmp(sub, "accept") && strcmp(sub, "reject") &&
	    strcmp(sub, "move") && strcmp(sub, "merge") &&
	    strcmp(sub, "split") && strcmp(sub, "rename") &&
	    strcmp(sub, "adopt"))
		return cmd_usage_error(&cmd_review, "unknown subcommand '%s' "
		    "(list, show, accept, reject, move, merge, split, rename, "
		    "adopt)", sub);
	if ((rc = want_args(sub, nargs, !strcmp(sub, "adopt") ? 0 :
	    !strcmp(sub, "accept") || !strcmp(sub, "reject") ? 1 : 2,
	    !strcmp(sub, "adopt") ? 0 : !strcmp(sub, "move") ||
	    !strcmp(sub, "merge") || !strcmp(sub, "rename") ? 2 : -1)))
		return rc;
	if (!strcmp(sub, "rename") && !*args[1])
		return cmd_usage_error(&cmd_review, "the label is empty");
	if (!(st = cmd_store(ctx, false)))
		return KK_EXIT_REFUSED;
	if ((rc = cmd_begin(ctx, st)) != KK_OK)
		return cmd_exit_status(rc);
	/* what was done is said once it is committed */
	if (!strcmp(sub, "accept") || !strcmp(sub, "reject")) {
		bool accept = !strcmp(sub, "accept");
		size_t n;

		rc = common_decide(st, org, ctx->actor,
		    (const char *const *)args, (size_t)nargs, accept, &n, &msg);
		if (!rc)
			said = xasprintf(accept ? Q_("accepted %zu mapping\n",
			    "accepted %zu mappings\n", n) :
			    Q_("rejected %zu mapping\n",
			    "rejected %zu mappings\n", n), n);
	} else if (!strcmp(sub, "move")) {
		rc = common_move(st, org, ctx->actor, args[0], args[1], &msg);
		if (!rc)
			said = xasprintf(_("moved '%s' to '%s'\n"), args[0],
			    args[1]);
	} else if (!strcmp(sub, "merge")) {
		rc = common_merge(st, org, ctx->actor, args[0], args[1], &msg);
		if (!rc)
			said = xasprintf(_("merged '%s' into '%s'\n"),
			    args[1], args[0]);
	} else if (!strcmp(sub, "split")) {
		rc = common_split(st, org, ctx->actor, args[0],
		    (const char *const *)args + 1, (size_t)nargs - 1, &id,
		    &msg);
		if (!rc)
			said = xasprintf(Q_("split %d item of '%s' into '%s'\n",
			    "split %d items of '%s' into '%s'\n",
			    (unsigned long)nargs - 1), nargs - 1, args[0], id);
	} else if (!strcmp(sub, "rename")) {
		rc = common_rename(st, org, args[0], args[1], &msg);
		if (!rc)
			said = xasprintf(_("renamed '%s' to '%s'\n"), args[0],
			    args[1]);
	} else {
		rc = common_adopt(st, org, ctx->actor, &id, &msg);
		if (!rc)
			said = xasprintf(_("adopted '%s'; it is frozen now\n"),
			    id);
	}
	rc = cmd_end(st, rc, &msg);
	if (!rc)
		fputs(said, stdout);
	free(said);
	free(id);
	return decided(rc, msg);
}

const struct cmd cmd_review = {
	.name = "review",
	.usage = "[--org ID] [list [--undecided] [--csv|--json] | show GROUP | "
	    "accept TARGET... |\n"
	    "       reject TARGET... | move ITEM GROUP | merge GROUP1 GROUP2 | "
	    "split GROUP ITEM... |\n"
	    "       rename GROUP LABEL | adopt]",
	.summary = N_("decide on the proposed common strategy"),
	.help = N_("Subcommands:\n"
	    "  list               every mapping: common item, party item, "
	    "relation,\n"
	    "                     confidence, decision and why (default)\n"
	    "  show GROUP         one common item, its members with their "
	    "titles\n"
	    "  accept TARGET...   accept a mapping, or all of a group's "
	    "equivalents\n"
	    "  reject TARGET...   reject a mapping, or all of a group's "
	    "proposals\n"
	    "  move ITEM GROUP    put ITEM into GROUP (accepted there)\n"
	    "  merge G1 G2        G2's members and goals into G1; G2 goes\n"
	    "  split GROUP ITEM...  the ITEMs out of GROUP into a new common "
	    "item\n"
	    "  rename GROUP LABEL name a common item\n"
	    "  adopt              freeze the common strategy as a version\n"
	    "\nGROUP is a common item: c001, c002, ... ITEM is a party's field "
	    "or goal,\nSTRATEGY/ITEM. TARGET is a GROUP, an ITEM (its "
	    "equivalent mapping) or\nITEM@GROUP (that mapping, e.g. a "
	    "'related' link).\n"
	    "\nOptions:\n"
	    "  --org ID           the joint organisation (default: the only "
	    "one)\n"
	    "  --undecided        list only what is still proposed\n"
	    "  --csv, --json      the list for a spreadsheet or a script\n"
	    "\nEvery decision is stored with who (--actor) and when, and written "
	    "to the\naudit log; 'konkordat align' keeps it when it runs again. "
	    "move, merge and\nsplit accept the equivalents of the groups they "
	    "touch, so that the engine\ndoes not undo them. adopt wants no "
	    "equivalent mapping left proposed; an\nadopted common strategy "
	    "refuses every change, and the next align makes a\nnew draft from "
	    "it.\n"),
	.exec = review_exec,
};
