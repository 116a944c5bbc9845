/* cmd-align.c: 'konkordat align', proposing common groups of the parties' items. */
#include "store.h"
#include "align-tsv.h"

#include <errno.h>
#include <getopt.h>
#include <string.h>

/*
 * Read an items file (the form of shared/alignment/items.tsv) into SET.
 * Returns 0, or KK_EINPUT with each problem printed as FILE:LINE.
 */
static int
read_items(align_set *set, const char *path)
{
	struct kk_diags d;
	struct align_tsv t;
	char *data, *msg;
	size_t len, i;
	int rc;

	if (read_file(path, &data, &len)) {
		error("unable to read '%s': %s", path, strerror(errno));
		return KK_EINPUT;
	}
	diags_init(&d);
	rc = align_tsv_read(path, data, len, &t, &d);
	free(data);
	for (i = 0; i < d.n; i++) {
		if (d.v[i].loc.line)
			error("%s:%d: %s", path, d.v[i].loc.line, d.v[i].msg);
		else
			error("%s: %s", path, d.v[i].msg);
	}
	diags_release(&d);
	for (i = 0; i < t.n && rc == KK_OK; i++)
		if (align_add(set, &t.v[i].item, &msg)) {
			error("%s:%d: %s", path, t.v[i].loc.line, msg);
			free(msg);
			rc = KK_EINPUT;
		}
	align_tsv_release(&t);
	return rc;
}

/* A label on one TSV line: tabs and newlines become spaces. */
static void
put_field(FILE *fp, const char *s)
{
	for (; *s; s++)
		fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, fp);
}

static int
write_groups_tsv(const align_set *set, FILE *fp, bool links)
{
	size_t i, j;

	fprintf(fp, "group_id\tgroup_label\titem_id\n");
	for (i = 0; i < align_ngroups(set); i++) {
		const struct align_group *g = align_group(set, i);

		for (j = 0; j < g->nmembers; j++) {
			if (!links && g->members[j].rel != ALIGN_EQUIVALENT)
				continue;
			put_field(fp, g->id);
			fputc('\t', fp);
			put_field(fp, g->label);
			fputc('\t', fp);
			put_field(fp, g->members[j].item);
			fputc('\n', fp);
		}
	}
	return ferror(fp) ? -1 : 0;
}

static json_t *
groups_json(const align_set *set, const align_lexicon *lex)
{
	json_t *root = json_object(), *groups = json_array();
	size_t i, j;

	for (i = 0; i < align_ngroups(set); i++) {
		const struct align_group *g = align_group(set, i);
		json_t *jg = json_object(), *members = json_array();

		json_object_set_new(jg, "id", json_string(g->id));
		json_object_set_new(jg, "label", json_string(g->label));
		json_object_set_new(jg, "label_item",
		    json_string(g->label_item));
		for (j = 0; j < g->nmembers; j++) {
			const struct align_member *m = &g->members[j];
			json_t *jm = json_object();
			const char *lang = align_item_lang(set, m->item);

			json_object_set_new(jm, "item", json_string(m->item));
			json_object_set_new(jm, "relation",
			    json_string(align_relation_names[m->rel]));
			json_object_set_new(jm, "confidence",
			    json_real(m->confidence));
			json_object_set_new(jm, "score", json_real(m->score));
			json_object_set_new(jm, "pinned",
			    json_boolean(m->pinned));
			json_object_set_new(jm, "lang", lang ?
			    json_string(lang) : json_null());
			json_object_set_new(jm, "why", json_string(m->why));
			json_array_append_new(members, jm);
		}
		json_object_set_new(jg, "members", members);
		json_array_append_new(groups, jg);
	}
	json_object_set_new(root, "groups", groups);
	json_object_set_new(root, "lexicon",
	    json_string(align_lexicon_describe(lex)));
	return root;
}

/*
 * The database mode: the fields and goals of the joint organisation's
 * parties aligned into its draft common strategy (common.c), keeping
 * every decision people took. Returns the exit code.
 */
static int
align_database(struct cmd_ctx *ctx, const struct align_lexicon_opts *lo,
    const char *org, double min_score, bool json, bool verbose)
{
	struct store *st = cmd_store(ctx, false);
	struct common_stats cs;
	align_lexicon *lex;
	char *msg;
	int rc;

	if (!st)
		return KK_EXIT_REFUSED;
	if (align_lexicon_load(lo, &lex, &msg)) {
		error("%s", msg);
		free(msg);
		return KK_EXIT_REFUSED;
	}
	if (verbose)
		fprintf(stderr, "konkordat: %s\n",
		    align_lexicon_describe(lex));
	if ((rc = cmd_begin(ctx, st)) != KK_OK) {
		align_lexicon_free(lex);
		return cmd_exit_status(rc);
	}
	msg = NULL;
	rc = common_align(st, lex, org, min_score, &cs, &msg);
	align_lexicon_free(lex);
	rc = cmd_end(st, rc, &msg);
	if (rc) {
		error("%s", msg);
		free(msg);
		return rc == KK_EINPUT ? KK_EXIT_REFUSED : KK_EXIT_INTERNAL;
	}
	if (json) {
		struct common_view v;
		json_t *j = json_pack("{s:s, s:o, s:I, s:I, s:I, s:I, s:I, s:I, s:I}",
		    "common", cs.common, "based_on", cs.based_on ?
		    json_string(cs.based_on) : json_null(),
		    "groups", (json_int_t)cs.groups,
		    "new_common_items", (json_int_t)cs.made,
		    "items", (json_int_t)cs.items,
		    "proposed", (json_int_t)cs.mapped,
		    "new", (json_int_t)cs.proposed,
		    "kept", (json_int_t)cs.kept,
		    "removed", (json_int_t)cs.removed);

		if (!common_load(st, org, &v, &msg)) {
			json_t *jv = common_view_json(&v);

			json_object_set(j, "common_items",
			    json_object_get(jv, "items"));
			json_decref(jv);
		} else {
			free(msg);
		}
		common_view_release(&v);
		json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
		    JSON_REAL_PRECISION(3));
		fputc('\n', stdout);
		json_decref(j);
	} else {
		if (cs.based_on)
			printf(_("new draft '%s' made from the adopted '%s'\n"),
			    cs.common, cs.based_on);
		printf(_("aligned %zu fields and goals into '%s': %zu common "
		    "items (%zu new)\n"), cs.items, cs.common, cs.groups,
		    cs.made);
		printf(_("%zu mappings proposed (%zu new), %zu decisions "
		    "kept, %zu common items removed\n"), cs.mapped,
		    cs.proposed, cs.kept, cs.removed);
		fputs(_("review them with 'konkordat review list'\n"),
		    stdout);
	}
	common_stats_release(&cs);
	return KK_EXIT_OK;
}

static int
align_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from-tsv", required_argument, NULL, 'f' },
		{ "groups-tsv", required_argument, NULL, 'o' },
		{ "min-score", required_argument, NULL, 'm' },
		{ "thesaurus", required_argument, NULL, 't' },
		{ "label-lang", required_argument, NULL, 'l' },
		{ "with-links", no_argument, NULL, 'L' },
		{ "no-system-lexicon", no_argument, NULL, 'n' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "threads", required_argument, NULL, 'T' },
		{ "json", no_argument, NULL, 'j' },
		{ "org", required_argument, NULL, 'O' },
		{ NULL, 0, NULL, 0 },
	};
	struct align_lexicon_opts lo;
	struct align_opts ao;
	struct progress prog;
	const char *from = NULL, *out = NULL, *org = NULL;
	const char **thes = NULL;
	size_t nthes = 0;
	bool json = false, links = false, verbose = false;
	align_lexicon *lex = NULL;
	align_set *set = NULL;
	char *msg, *end;
	int opt, rc = KK_EXIT_OK;

	align_lexicon_opts_init(&lo);
	align_opts_init(&ao);
	ao.links_in_groups = true;	/* --json and --with-links show them */
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			from = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'm':
			errno = 0;
			ao.min_score = strtod(optarg, &end);
			if (errno || end == optarg || *end ||
			    !(ao.min_score > 0 && ao.min_score <= 1)) {
				free(thes);
				return cmd_usage_error(&cmd_align, "--min-score "
				    "wants a number above 0 and at most 1, not "
				    "'%s'", optarg);
			}
			break;
		case 't':
			thes = xrealloc(thes, (nthes + 1) * sizeof(*thes));
			thes[nthes++] = optarg;
			break;
		case 'l':
			ao.label_lang = optarg;
			break;
		case 'L':
			links = true;
			break;
		case 'n':
			lo.use_system = false;
			break;
		case 'v':
			verbose = true;
			break;
		case 'T': {
			unsigned long t;

			errno = 0;
			t = strtoul(optarg, &end, 10);
			if (errno || end == optarg || *end || t < 1 || t > 8) {
				free(thes);
				return cmd_usage_error(&cmd_align, "--threads "
				    "wants a number from 1 to 8, not '%s'",
				    optarg);
			}
			ao.threads = (unsigned)t;
			break;
		}
		case 'j':
			json = true;
			break;
		case 'O':
			org = optarg;
			break;
		default:
			free(thes);
			return cmd_usage_error(&cmd_align, "unknown option");
		}
	}
	if (optind < argc) {
		free(thes);
		return cmd_usage_error(&cmd_align, "unexpected argument '%s'",
		    argv[optind]);
	}
	if (!from && out) {
		/* the groups TSV is the file mode's; the database keeps its
		   groups as common items (see 'konkordat review') */
		free(thes);
		return cmd_usage_error(&cmd_align, "--groups-tsv works only "
		    "with --from-tsv; the database keeps its groups as common "
		    "items (see 'konkordat review list')");
	}
	if (!from) {
		lo.thesaurus_files = thes;
		lo.nthesaurus_files = nthes;
		rc = align_database(ctx, &lo, org, ao.min_score, json,
		    verbose);
		free(thes);
		return rc;
	}
	if (!out && !json) {
		free(thes);
		return cmd_usage_error(&cmd_align, "say where the groups go: "
		    "--groups-tsv OUT.tsv ('-' for standard output) or "
		    "--json");
	}
	lo.thesaurus_files = thes;
	lo.nthesaurus_files = nthes;
	if (align_lexicon_load(&lo, &lex, &msg)) {
		error("%s", msg);
		free(msg);
		free(thes);
		return KK_EXIT_REFUSED;
	}
	if (verbose)
		fprintf(stderr, "konkordat: %s\n",
		    align_lexicon_describe(lex));
	progress_init(&prog, verbose);
	ao.progress = progress_update;
	ao.progress_ctx = &prog;
	set = align_new(lex, &ao);
	if (read_items(set, from)) {
		rc = KK_EXIT_REFUSED;
		goto out;
	}
	align_run(set);
	progress_end(&prog);
	if (out) {
		struct outfile of;
		char *why = NULL;

		if (outfile_open(&of, out, &why) ||
		    (write_groups_tsv(set, of.fp, links) &&
		    (why = xasprintf(_("cannot write '%s': %s"), out,
		    strerror(errno)))) || outfile_commit(&of, &why)) {
			outfile_abort(&of);
			error("%s", why);
			free(why);
			rc = KK_EXIT_REFUSED;
			goto out;
		}
	}
	if (json) {
		json_t *j = groups_json(set, lex);

		/* as json_print, but confidences with 3 digits, not 17 */
		json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
		    JSON_REAL_PRECISION(3));
		fputc('\n', stdout);
		json_decref(j);
	}
out:
	align_free(set);
	align_lexicon_free(lex);
	free(thes);
	return rc;
}

const struct cmd cmd_align = {
	.name = "align",
	.usage = "[--org ID] [--min-score X] [--thesaurus FILE]... [--json]\n"
	    "--from-tsv ITEMS.tsv [--groups-tsv OUT.tsv] [--min-score X] "
	    "[--thesaurus FILE]... [--json]",
	.summary = N_("propose common groups of the parties' fields and goals"),
	.help = N_("Options:\n"
	    "  --from-tsv FILE    align the items of FILE (columns doc_id, "
	    "item_id, kind,\n"
	    "                     lang, title, text, source; lang may be "
	    "empty: detected)\n"
	    "  --groups-tsv OUT   write the groups there as TSV: group_id, "
	    "group_label,\n"
	    "                     item_id ('-': standard output)\n"
	    "  --min-score X      how similar items must be to share a group, "
	    "0 < X <= 1\n"
	    "                     (default 0.29); higher: fewer, surer groups\n"
	    "  --thesaurus FILE   more concepts, in the form of "
	    "data/thesaurus.tsv\n"
	    "  --label-lang LANG  label groups with an item in LANG where "
	    "one is\n"
	    "  --with-links       also list items linked as broader, narrower "
	    "or related\n"
	    "                     in the groups TSV\n"
	    "  --no-system-lexicon  without mythes and FreeDict (faster, "
	    "weaker)\n"
	    "  --json             print groups, relations, confidences and "
	    "explanations\n"
	    "  --verbose          say what the lexicon loaded, and how fast; "
	    "with\n"
	    "                     --from-tsv, each step's time and memory\n"
	    "  --threads N        search neighbours on N threads (default: "
	    "one per\n"
	    "                     processor, at most 8); the groups are the "
	    "same\n"
	    "  --org ID           the joint organisation (default: the only "
	    "one)\n"
	    "\nEvery item is equivalent to one group, maybe alone in it; an item "
	    "close to\nother groups is linked to them as broader, narrower or "
	    "related. Each\nmapping has a confidence (0.5 at --min-score) and "
	    "the words or concepts\nthat made it.\n"
	    "\nWithout --from-tsv, align works on the database: the fields and "
	    "goals of\nthe joint organisation's parties become the draft common "
	    "strategy, fields\nwith fields and goals with goals; a common goal "
	    "sits under the common\nfield most of its party fields map to. "
	    "Every accepted and rejected\nmapping is kept across runs, and "
	    "only proposals are replaced; after\n'konkordat review adopt', the "
	    "next align makes a new draft. Decide with\n'konkordat review'.\n"),
	.exec = align_exec,
};
