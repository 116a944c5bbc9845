/* fmt-yaml-write.c: party and organisation files out, in one canonical layout. */
#include "konkordat.h"

#include <libfyaml.h>
#include <string.h>

/*
 * Files are written by building a libfyaml document and letting its emitter
 * lay it out. (Its event emitter cannot write a block list of mappings in
 * this version.) Lines are not folded: the emitter's folding of quoted text
 * can lose spaces. The layout is fixed: key order, block style, two spaces;
 * so export, import and export again give the same bytes.
 */

struct writer {
	struct fy_document *doc;
	struct arena *texts;	/* quoted texts; the document points into them */
	int rc;
};

static struct fy_node *
checked(struct writer *w, struct fy_node *n)
{
	if (!n)
		die("cannot build a YAML node");
	return n;
}

static struct fy_node *
new_map(struct writer *w)
{
	return checked(w, fy_node_create_mapping(w->doc));
}

static struct fy_node *
new_seq(struct writer *w)
{
	return checked(w, fy_node_create_sequence(w->doc));
}

/*
 * Whether TEXT can be written as a plain scalar and read back as the same
 * text, by konkordat and by other YAML tools. Conservative on purpose:
 * libfyaml 0.7's emitter writes some texts plain that do not read back
 * ("- a", "# a", leading spaces), so the choice is made here.
 */
static bool
plain_safe(const char *s)
{
	static const char *const special[] = { "null", "Null", "NULL", "~",
	    "true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes",
	    "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF" };
	size_t len = strlen(s), i;

	if (!len || strchr("-?:,[]{}#&*!|>'\"%@` \t", s[0]) ||
	    s[len - 1] == ' ' || s[len - 1] == ':')
		return false;
	if (strstr(s, ": ") || strstr(s, " #") || strpbrk(s, "\t\r\n"))
		return false;
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	for (i = 0; i < KK_ARRAY_SIZE(special); i++)
		if (!strcmp(s, special[i]))
			return false;
	/*
	 * Other YAML tools read "2012", "0x1F", "1e3" or "1:20" as numbers;
	 * quote every word that starts like one.
	 */
	if (strchr("0123456789+.", s[0]) && !strchr(s, ' '))
		return false;
	return true;
}

/* TEXT in double quotes, with YAML's escapes; the caller frees it. */
static char *
double_quoted(const char *s)
{
	struct buf b = BUF_INIT;

	buf_addc(&b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			buf_addc(&b, '\\');
			buf_addc(&b, (char)c);
		} else if (c == '\n') {
			buf_adds(&b, "\\n");
		} else if (c == '\t') {
			buf_adds(&b, "\\t");
		} else if (c < 0x20 || c == 0x7f) {
			buf_addf(&b, "\\x%02x", c);
		} else {
			buf_addc(&b, (char)c);
		}
	}
	buf_addc(&b, '"');
	return buf_detach(&b, NULL);
}

static struct fy_node *
new_scalar(struct writer *w, const char *s)
{
	if (plain_safe(s))
		return checked(w, fy_node_create_scalar_copy(w->doc, s,
		    strlen(s)));
	/*
	 * The node points into the text until the document is emitted, so
	 * the text lives in the writer's arena. (Handing libfyaml a malloced
	 * string makes it read past the end in this version.)
	 */
	char *q = double_quoted(s), *kept = arena_strdup(w->texts, q);

	free(q);
	return checked(w, fy_node_build_from_string(w->doc, kept, FY_NT));
}

/* A number or a date, which is meant to be read as one. */
static struct fy_node *
new_plain(struct writer *w, const char *s)
{
	return checked(w, fy_node_create_scalar_copy(w->doc, s, strlen(s)));
}

static void
put(struct writer *w, struct fy_node *map, const char *key,
    struct fy_node *val)
{
	if (fy_node_mapping_append(map, new_plain(w, key), val))
		die("cannot build a YAML mapping");
}

static void
append(struct fy_node *seq, struct fy_node *val)
{
	if (fy_node_sequence_append(seq, val))
		die("cannot build a YAML list");
}

static void
put_text(struct writer *w, struct fy_node *map, const char *key,
    const char *s)
{
	if (s)
		put(w, map, key, new_scalar(w, s));
}

static void
put_long(struct writer *w, struct fy_node *map, const char *key, long v)
{
	char num[32];

	snprintf(num, sizeof(num), "%ld", v);
	put(w, map, key, new_plain(w, num));
}

static void
put_ids(struct writer *w, struct fy_node *map, const char *key,
    const struct kk_ids *ids)
{
	struct fy_node *seq;
	size_t i;

	if (!ids->n)
		return;
	seq = new_seq(w);
	for (i = 0; i < ids->n; i++)
		append(seq, new_scalar(w, ids->v[i]));
	put(w, map, key, seq);
}

static struct fy_node *
begin(struct writer *w)
{
	struct fy_node *root;

	w->rc = KK_OK;
	w->texts = arena_new();
	w->doc = fy_document_create(NULL);
	if (!w->doc)
		die("cannot create a YAML document");
	root = new_map(w);
	fy_document_set_root(w->doc, root);
	return root;
}

static int
end(struct writer *w, FILE *fp)
{
	int rc = fy_emit_document_to_fp(w->doc, FYECF_MODE_ORIGINAL |
	    FYECF_INDENT_2 | FYECF_WIDTH_INF | FYECF_DOC_START_MARK_OFF |
	    FYECF_DOC_END_MARK_OFF | FYECF_VERSION_DIR_OFF |
	    FYECF_TAG_DIR_OFF, fp);

	fy_document_destroy(w->doc);
	arena_free(w->texts);
	if (rc || fflush(fp))
		return KK_EIO;
	return KK_OK;
}

static void
put_population(struct writer *w, struct fy_node *m, const struct kk_party *p,
    int parent_year)
{
	if (p->bfs)
		put_long(w, m, "bfs", p->bfs);
	if (p->population >= 0) {
		put_long(w, m, "population", p->population);
		if (p->population_year != parent_year)
			put_long(w, m, "population_year", p->population_year);
	}
}

static struct fy_node *
item_node(struct writer *w, const struct kk_item *it)
{
	struct fy_node *m = new_map(w);

	put_text(w, m, "id", it->id);
	put_text(w, m, "title", it->title);
	put_text(w, m, "text", it->text);
	put_ids(w, m, "tags", &it->tags);
	if (it->kind == KK_MEASURE)
		put_ids(w, m, "goals", &it->goals);
	return m;
}

/* The items of KIND under KEY; a field's goals go inside the field. */
static void
put_items(struct writer *w, struct fy_node *map, const struct kk_strategy *s,
    const char *key, enum kk_item_kind kind)
{
	struct fy_node *seq = NULL;
	size_t i, j;

	for (i = 0; i < s->nitems; i++) {
		const struct kk_item *it = &s->items[i];
		struct fy_node *m, *goals = NULL;

		if (it->kind != kind)
			continue;
		if (!seq)
			seq = new_seq(w);
		m = item_node(w, it);
		for (j = 0; kind == KK_FIELD && j < s->nitems; j++) {
			const struct kk_item *g = &s->items[j];

			if (g->kind != KK_GOAL || !g->parent ||
			    strcmp(g->parent, it->id))
				continue;
			if (!goals)
				goals = new_seq(w);
			append(goals, item_node(w, g));
		}
		if (goals)
			put(w, m, "goals", goals);
		append(seq, m);
	}
	if (seq)
		put(w, map, key, seq);
}

/*
 * Write DOC, a party file, to FP. Members that have their own file are
 * written as references, the others as definitions (DOC->defs). Returns 0 or
 * KK_EIO.
 */
int
yaml_write_party(FILE *fp, const struct kk_doc *doc)
{
	const struct kk_party *p = &doc->party;
	const struct kk_strategy *s = doc->strategy;
	struct writer w;
	struct fy_node *root = begin(&w), *pm = new_map(&w);
	size_t i, j;

	put(&w, root, "party", pm);
	put_text(&w, pm, "id", p->id);
	put_text(&w, pm, "name", p->name);
	put_text(&w, pm, "kind", kk_party_kind_names[p->kind]);
	put_population(&w, pm, p, 0);
	if (p->members.n) {
		struct fy_node *seq = new_seq(&w);

		for (i = 0; i < p->members.n; i++) {
			const struct kk_party *d = NULL;
			struct fy_node *m;

			for (j = 0; j < doc->ndefs; j++)
				if (!strcmp(doc->defs[j].id, p->members.v[i]))
					d = &doc->defs[j];
			if (!d) {
				append(seq, new_scalar(&w, p->members.v[i]));
				continue;
			}
			m = new_map(&w);
			put_text(&w, m, "id", d->id);
			put_text(&w, m, "name", d->name);
			put_population(&w, m, d, p->population_year);
			append(seq, m);
		}
		put(&w, pm, "members", seq);
	}

	if (s) {
		struct fy_node *sm = new_map(&w), *period = new_map(&w);

		put(&w, root, "strategy", sm);
		put_text(&w, sm, "id", s->id);
		put_text(&w, sm, "title", s->title);
		put_long(&w, period, "start", s->start);
		put_long(&w, period, "end", s->end);
		put(&w, sm, "period", period);
		put_long(&w, sm, "version", s->version);
		put_text(&w, sm, "status", s->adopted ? "adopted" : "draft");
		put_text(&w, sm, "language", s->lang);
		put_text(&w, sm, "vision", s->vision);
		put_items(&w, sm, s, "principles", KK_PRINCIPLE);
		put_items(&w, sm, s, "fields", KK_FIELD);
		put_items(&w, sm, s, "measures", KK_MEASURE);
	}
	return end(&w, fp);
}

static struct fy_node *
milestone_node(struct writer *w, const struct kk_milestone *ms)
{
	struct fy_node *m = new_map(w);

	put_text(w, m, "id", ms->id);
	put_text(w, m, "title", ms->title);
	put(w, m, "date", new_plain(w, ms->date));
	put(w, m, "done", new_plain(w, ms->done ? "true" : "false"));
	put_text(w, m, "text", ms->text);
	return m;
}

/* CHF from Rappen, as the reader takes it: "1250000" or "1250000.50". */
static void
put_chf(struct writer *w, struct fy_node *map, const char *key, kk_rappen r)
{
	char num[40];

	if (r % 100)
		snprintf(num, sizeof(num), "%lld.%02lld", (long long)(r / 100),
		    (long long)(r % 100));
	else
		snprintf(num, sizeof(num), "%lld", (long long)(r / 100));
	put(w, map, key, new_plain(w, num));
}

/* A percentage from basis points: "50", "41.62". */
static void
put_percent(struct writer *w, struct fy_node *map, const char *key,
    int64_t bp)
{
	put_chf(w, map, key, bp);
}

static struct fy_node *
key_node(struct writer *w, const struct kk_cost_key *k)
{
	struct fy_node *m = new_map(w), *seq;
	size_t i;

	put_text(w, m, "id", k->id);
	put_text(w, m, "title", k->title);
	put_text(w, m, "method", kk_key_method_names[k->method]);
	switch (k->method) {
	case KK_KEY_EQUAL:
		put_ids(w, m, "parties", &k->parties);
		break;
	case KK_KEY_POPULATION:
		if (k->of) {
			put_text(w, m, "of", k->of);
			put_ids(w, m, "only", &k->parties);
		} else {
			put_ids(w, m, "parties", &k->parties);
		}
		put_long(w, m, "year", k->year);
		break;
	case KK_KEY_USAGE:
		put_text(w, m, "unit", k->unit);
		/* fall through */
	case KK_KEY_FIXED:
	case KK_KEY_NESTED:
		seq = new_seq(w);
		for (i = 0; i < k->nparts; i++) {
			const struct kk_key_part *pt = &k->parts[i];
			struct fy_node *x = new_map(w);

			if (k->method == KK_KEY_NESTED)
				put_percent(w, x, "share", pt->weight);
			put_text(w, x, "party", pt->party);
			put_text(w, x, "key", pt->key);
			if (k->method == KK_KEY_FIXED)
				put_percent(w, x, "share", pt->weight);
			if (k->method == KK_KEY_USAGE)
				put_long(w, x, "units", (long)pt->weight);
			append(seq, x);
		}
		put(w, m, k->method == KK_KEY_FIXED ? "shares" :
		    k->method == KK_KEY_USAGE ? "units" : "parts", seq);
		break;
	default:
		break;
	}
	return m;
}

static struct fy_node *
project_node(struct writer *w, const struct kk_project *p)
{
	struct fy_node *m = new_map(w), *seq;
	size_t i;

	put_text(w, m, "id", p->id);
	put_text(w, m, "title", p->title);
	put_text(w, m, "text", p->text);
	put_text(w, m, "lead", p->lead);
	put_ids(w, m, "parties", &p->parties);
	put_ids(w, m, "serves", &p->serves);
	put(w, m, "start", new_plain(w, p->start));
	put(w, m, "end", new_plain(w, p->end));
	put_text(w, m, "status", kk_project_status_names[p->status]);
	put_text(w, m, "light", kk_light_names[p->light]);
	if (p->nhistory) {
		seq = new_seq(w);
		for (i = 0; i < p->nhistory; i++) {
			const struct kk_status_entry *h = &p->history[i];
			struct fy_node *x = new_map(w);

			put(w, x, "date", new_plain(w, h->date));
			put_text(w, x, "status",
			    kk_project_status_names[h->status]);
			put_text(w, x, "light", kk_light_names[h->light]);
			put_text(w, x, "note", h->note);
			append(seq, x);
		}
		put(w, m, "history", seq);
	}
	put_text(w, m, "cost_key", p->cost_key);
	if (p->nbudget) {
		seq = new_seq(w);
		for (i = 0; i < p->nbudget; i++) {
			const struct kk_budget_line *b = &p->budget[i];
			struct fy_node *x = new_map(w);

			put_long(w, x, "year", b->year);
			put_text(w, x, "kind", kk_budget_kind_names[b->kind]);
			put_chf(w, x, "amount", b->amount);
			append(seq, x);
		}
		put(w, m, "budget", seq);
	}
	if (p->nmilestones) {
		seq = new_seq(w);
		for (i = 0; i < p->nmilestones; i++)
			append(seq, milestone_node(w, &p->milestones[i]));
		put(w, m, "milestones", seq);
	}
	if (p->ndeps) {
		seq = new_seq(w);
		for (i = 0; i < p->ndeps; i++) {
			struct fy_node *x;

			if (!p->deps[i].lag) {
				append(seq, new_scalar(w, p->deps[i].project));
				continue;
			}
			x = new_map(w);
			put_text(w, x, "project", p->deps[i].project);
			put_long(w, x, "lag", p->deps[i].lag);
			append(seq, x);
		}
		put(w, m, "depends_on", seq);
	}
	return m;
}

static struct fy_node *
component_node(struct writer *w, const struct kk_component *c)
{
	struct fy_node *m = new_map(w), *life = NULL;
	size_t i;

	put_text(w, m, "id", c->id);
	put_text(w, m, "title", c->title);
	put_text(w, m, "kind", kk_component_kind_names[c->kind]);
	put_text(w, m, "function", c->function);
	put_text(w, m, "owner", c->owner);
	put_text(w, m, "operator", c->operator_);
	put_ids(w, m, "users", &c->users);
	if (c->cost >= 0)
		put_chf(w, m, "cost", c->cost);
	for (i = 0; i < KK_PHASE_COUNT; i++) {
		if (!c->phases[i])
			continue;
		if (!life)
			life = new_map(w);
		put(w, life, kk_phase_names[i], new_plain(w, c->phases[i]));
	}
	if (life)
		put(w, m, "lifecycle", life);
	put_ids(w, m, "depends_on", &c->depends_on);
	put_text(w, m, "text", c->text);
	return m;
}

static struct fy_node *
decision_node(struct writer *w, const struct kk_decision *d)
{
	struct fy_node *m = new_map(w);

	put_text(w, m, "id", d->id);
	put(w, m, "date", new_plain(w, d->date));
	put_text(w, m, "body", d->body);
	put_text(w, m, "subject", d->subject);
	put_text(w, m, "outcome", d->outcome);
	put_ids(w, m, "links", &d->links);
	return m;
}

static void
put_portfolio(struct writer *w, struct fy_node *root, const struct kk_org *o)
{
	struct fy_node *seq;
	size_t i;

	if (o->nkeys) {
		seq = new_seq(w);
		for (i = 0; i < o->nkeys; i++)
			append(seq, key_node(w, &o->keys[i]));
		put(w, root, "cost_keys", seq);
	}
	if (o->nprojects) {
		seq = new_seq(w);
		for (i = 0; i < o->nprojects; i++)
			append(seq, project_node(w, &o->projects[i]));
		put(w, root, "projects", seq);
	}
	if (o->ncomponents) {
		seq = new_seq(w);
		for (i = 0; i < o->ncomponents; i++)
			append(seq, component_node(w, &o->components[i]));
		put(w, root, "components", seq);
	}
	if (o->ndecisions) {
		seq = new_seq(w);
		for (i = 0; i < o->ndecisions; i++)
			append(seq, decision_node(w, &o->decisions[i]));
		put(w, root, "decisions", seq);
	}
}

/* Write ORG as an organisation file to FP. Returns 0 or KK_EIO. */
int
yaml_write_org(FILE *fp, const struct kk_org *org)
{
	struct writer w;
	struct fy_node *root = begin(&w), *om = new_map(&w), *seq;
	size_t i;

	put(&w, root, "organisation", om);
	put_text(&w, om, "id", org->party.id);
	put_text(&w, om, "name", org->party.name);
	put_ids(&w, om, "parties", &org->party.members);
	if (org->start) {
		struct fy_node *period = new_map(&w);

		put_long(&w, period, "start", org->start);
		put_long(&w, period, "end", org->end);
		put(&w, om, "period", period);
	}

	if (org->nbodies) {
		seq = new_seq(&w);
		for (i = 0; i < org->nbodies; i++) {
			const struct kk_body *b = &org->bodies[i];
			struct fy_node *m = new_map(&w);

			put_text(&w, m, "id", b->id);
			put_text(&w, m, "name", b->name);
			put_text(&w, m, "kind", kk_body_kind_names[b->kind]);
			put_ids(&w, m, "members", &b->members);
			put_text(&w, m, "text", b->text);
			append(seq, m);
		}
		put(&w, root, "bodies", seq);
	}
	if (org->nmilestones) {
		seq = new_seq(&w);
		for (i = 0; i < org->nmilestones; i++)
			append(seq, milestone_node(&w, &org->milestones[i]));
		put(&w, root, "milestones", seq);
	}
	if (org->nagreements) {
		seq = new_seq(&w);
		for (i = 0; i < org->nagreements; i++) {
			const struct kk_agreement *a = &org->agreements[i];
			struct fy_node *m = new_map(&w);

			put_text(&w, m, "id", a->id);
			put_text(&w, m, "title", a->title);
			put_text(&w, m, "kind",
			    kk_agreement_kind_names[a->kind]);
			put_ids(&w, m, "parties", &a->parties);
			put(&w, m, "valid_from", new_plain(&w, a->valid_from));
			if (a->valid_to)
				put(&w, m, "valid_to",
				    new_plain(&w, a->valid_to));
			put_text(&w, m, "text", a->text);
			append(seq, m);
		}
		put(&w, root, "agreements", seq);
	}
	put_portfolio(&w, root, org);
	return end(&w, fp);
}
