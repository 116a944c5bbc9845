/* cmd-log.c: 'konkordat log [RECORD]', the audit log: who changed what, when, from what to what. */
#include "store.h"

#include <getopt.h>

/* How long a value may be in the text table; --csv and --json keep all. */
#define LOG_VALUE_MAX 60

struct log_out {
	enum table_format format;
	struct table t;
	json_t *rows;		/* --json */
	size_t n;
};

/* The words for a change, as 'konkordat import' prints them. */
static const char *
action_word(const char *action)
{
	if (!strcmp(action, "insert"))
		return _("added");
	if (!strcmp(action, "update"))
		return _("changed");
	return _("removed");
}

/* "KEY: VALUE" of V into B, on one line; a long value cut after
   LOG_VALUE_MAX characters (for the eye only). */
static void
add_value(struct buf *b, const char *key, const json_t *v)
{
	char *dump = NULL;
	const char *s;
	size_t len, cut = 0, chars = 0, start;

	if (b->len)
		buf_adds(b, "; ");
	buf_addf(b, "%s: ", key);
	if (json_is_string(v))
		s = json_string_value(v);
	else
		s = dump = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS |
		    JSON_ENCODE_ANY);
	if (!s)
		s = "";
	len = strlen(s);
	while (cut < len && chars++ < LOG_VALUE_MAX)
		do
			cut++;
		while (cut < len && ((unsigned char)s[cut] & 0xc0) == 0x80);
	start = b->len;
	buf_add(b, s, cut);
	for (; start < b->len; start++)
		if (b->s[start] == '\n' || b->s[start] == '\r' ||
		    b->s[start] == '\t')
			b->s[start] = ' ';
	if (cut < len)
		buf_adds(b, "…");
	free(dump);
}

/*
 * The text table's BEFORE and AFTER: of a change, the values that differ;
 * of a row added or removed, all of it.
 */
static void
describe(const char *before, const char *after, struct buf *bb,
    struct buf *ab)
{
	json_t *b = before ? json_loads(before, 0, NULL) : NULL;
	json_t *a = after ? json_loads(after, 0, NULL) : NULL;
	const char *key;
	json_t *v;

	if (json_is_object(b))
		json_object_foreach(b, key, v) {
			json_t *w = json_object_get(a, key);

			if (!w || !json_equal(v, w))
				add_value(bb, key, v);
		}
	if (json_is_object(a))
		json_object_foreach(a, key, v) {
			json_t *w = json_object_get(b, key);

			if (!w || !json_equal(v, w))
				add_value(ab, key, v);
		}
	json_decref(b);
	json_decref(a);
}

static json_t *
json_or_null(const char *text)
{
	json_t *j = text ? json_loads(text, JSON_DECODE_ANY, NULL) : NULL;

	return j ? j : json_null();
}

static int
take_row(void *ctx, const struct store_audit_row *r)
{
	struct log_out *o = ctx;

	o->n++;
	if (o->format == TABLE_JSON) {
		json_array_append_new(o->rows, json_pack("{s:I, s:s, s:s, s:o, "
		    "s:o, s:s, s:s, s:o, s:o}", "seq", (json_int_t)r->seq,
		    "at", r->at, "actor", r->actor, "actor_party",
		    r->actor_party ? json_string(r->actor_party) : json_null(),
		    "actor_role", r->actor_role ? json_string(r->actor_role) :
		    json_null(), "action", r->action, "record", r->entity,
		    "before", json_or_null(r->before), "after",
		    json_or_null(r->after)));
	} else if (o->format == TABLE_CSV) {
		table_row(&o->t, r->at, r->actor, r->action, r->entity,
		    r->before ? r->before : "", r->after ? r->after : "");
	} else {
		struct buf b = BUF_INIT, a = BUF_INIT;

		describe(r->before, r->after, &b, &a);
		table_row(&o->t, r->at, r->actor, action_word(r->action),
		    r->entity, b.s, a.s);
		buf_release(&b);
		buf_release(&a);
	}
	return 0;
}

/* RECORD, "KIND:ID", into F; kinds as the log writes them ("cost_key",
   also "cost-key"). */
static int
parse_record(char *record, struct store_audit_filter *f)
{
	char *colon = strchr(record, ':'), *p;

	if (!colon || colon == record || !colon[1])
		return -1;
	*colon = '\0';
	for (p = record; *p; p++)
		if (*p == '-')
			*p = '_';
	f->kind = record;
	f->id = colon + 1;
	return 0;
}

static int
log_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "since", required_argument, NULL, 's' },
		{ "actor", required_argument, NULL, 'a' },
		{ "csv", no_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	/* the headings are the CSV keys; the text table shows them in the
	   user's language (table.c) */
	static const char *const cols[] = { N_("WHEN"), N_("WHO"),
	    N_("ACTION"), N_("RECORD"), N_("BEFORE"), N_("AFTER") };
	struct store_audit_filter f = { 0 };
	struct log_out o = { TABLE_TEXT, { 0 }, NULL, 0 };
	char since[21], *record = NULL;
	struct store *st;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt == 's') {
			if (kk_swiss_day_start(optarg, since))
				return cmd_usage_error(&cmd_log, "'%s' is not a "
				    "date (YYYY-MM-DD)", optarg);
			f.since = since;
		} else if (opt == 'a') {
			f.actor = optarg;
		} else if (opt == 'c') {
			o.format = TABLE_CSV;
		} else if (opt == 'j') {
			o.format = TABLE_JSON;
		} else {
			return cmd_usage_error(&cmd_log, "unknown option");
		}
	}
	if (optind + 1 < argc)
		return cmd_usage_error(&cmd_log, "unexpected argument '%s'",
		    argv[optind + 1]);
	if (optind < argc) {
		record = xstrdup(argv[optind]);
		if (parse_record(record, &f)) {
			free(record);
			return cmd_usage_error(&cmd_log, "'%s' is not a record: "
			    "write KIND:ID, such as party:stadt-luzern or "
			    "goal:vlg-2012/z1", argv[optind]);
		}
	}
	if (!(st = cmd_store_readonly(ctx))) {
		free(record);
		return KK_EXIT_REFUSED;
	}
	if (o.format == TABLE_JSON)
		o.rows = json_array();
	else
		table_init(&o.t, cols, KK_ARRAY_SIZE(cols));
	rc = store_audit_each(st, &f, take_row, &o);
	if (rc == KK_EINPUT) {
		struct buf kinds = BUF_INIT;
		const char *const *v;
		size_t n, i;

		v = store_audit_kinds(&n);
		for (i = 0; i < n; i++)
			buf_addf(&kinds, "%s%s", i ? ", " : "", v[i]);
		rc = cmd_usage_error(&cmd_log, "'%s' is not a record: the kind "
		    "is one of %s, the id an id or SCOPE/ID", argv[optind],
		    kinds.s);
		buf_release(&kinds);
	} else if (rc) {
		error("%s", store_errmsg(st));
		rc = cmd_exit_status(rc);
	} else if (o.format == TABLE_JSON) {
		rc = json_print(o.rows, stdout) ? KK_EXIT_INTERNAL : 0;
		o.rows = NULL;
	} else if (!o.n && o.format == TABLE_TEXT) {
		printf("%s\n", record || f.since || f.actor ? _("no change in "
		    "the audit log matches") : _("the audit log is empty"));
	} else {
		rc = table_print(&o.t, o.format, stdout) ? KK_EXIT_INTERNAL : 0;
	}
	json_decref(o.rows);
	if (o.format != TABLE_JSON)
		table_release(&o.t);
	free(record);
	return rc;
}

const struct cmd cmd_log = {
	.name = "log",
	.usage = "[RECORD] [--since DATE] [--actor NAME] [--csv|--json]",
	.summary = N_("the audit log: who changed what, when, from what to "
	    "what"),
	.help = N_("Shows every change written to the database, oldest "
	    "first: when (UTC),\nwho (the --actor of the change), what was "
	    "done to which record, and the\nrecord before and after. The text "
	    "table shows the values that changed\n(of a record added or "
	    "removed, all of them), each cut after 60\ncharacters; --csv and "
	    "--json give the records whole, as JSON.\n"
	    "\nRECORD is KIND:ID as the log names it: party:stadt-luzern, "
	    "strategy:vlg-2012\n(with its items), goal:vlg-2012/z1 or "
	    "field:..., principle:..., measure:...\n(with the review's "
	    "decisions on them; item: is any of the four),\n"
	    "project:einwohnerportal, cost_key:, component:, body:, "
	    "milestone:, agreement:,\ndecision:, period:, common_strategy:, "
	    "common_item:c001. An id without\nits scope (z1, not vlg-2012/z1) "
	    "finds the record in any.\n"
	    "\nOptions:\n"
	    "  --since DATE   changes from that day on (00:00 in Switzerland)\n"
	    "  --actor NAME   changes made by NAME only\n"
	    "  --csv, --json  for a spreadsheet or a script\n"),
	.exec = log_exec,
};
