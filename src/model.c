/* model.c: names of the model's enumerations and checks of its values. */
#include "konkordat.h"

#include <libical/ical.h>
#include <string.h>

#include <utf8proc.h>

const char *const kk_party_kind_names[KK_PARTY_KIND_COUNT] = {
	"canton", "city", "municipality", "association", "consortium",
	"joint-organisation",
};

const char *const kk_item_kind_names[KK_ITEM_KIND_COUNT] = {
	"field", "goal", "principle", "measure",
};

const char *const kk_body_kind_names[KK_BODY_KIND_COUNT] = {
	"steering-committee", "board", "office", "working-group",
};

const char *const kk_agreement_kind_names[KK_AGREEMENT_KIND_COUNT] = {
	"framework", "project", "operating",
};

const char *const kk_languages[4] = { "de", "fr", "it", "en" };

/* The index of S in NAMES, or -1. */
int
kk_enum_parse(const char *s, const char *const *names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(s, names[i]))
			return (int)i;
	return -1;
}

/*
 * An id is what users type on the command line and what files refer to:
 * lowercase ASCII letters, digits, '-', '_' and '.', starting with a letter
 * or a digit, at most 64 bytes.
 */
bool
kk_id_valid(const char *id)
{
	size_t i;

	if (!((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= '0' && id[0] <= '9')))
		return false;
	for (i = 0; id[i]; i++) {
		char c = id[i];

		if (i >= 64)
			return false;
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.'))
			return false;
	}
	return true;
}

static bool
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* True for a real calendar date "YYYY-MM-DD" between 1900 and 2199. */
bool
kk_date_valid(const char *s)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int y, m, d, i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1)
		return false;
	return d <= mdays[m - 1] + (m == 2 && is_leap(y));
}

const struct kk_item *
kk_strategy_find(const struct kk_strategy *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->nitems; i++)
		if (!strcmp(s->items[i].id, id))
			return &s->items[i];
	return NULL;
}

bool
kk_ids_contain(const struct kk_ids *ids, const char *id)
{
	size_t i;

	for (i = 0; i < ids->n; i++)
		if (!strcmp(ids->v[i], id))
			return true;
	return false;
}

const char *const kk_project_status_names[KK_PROJECT_STATUS_COUNT] = {
	"planned", "running", "done", "stopped",
};

const char *const kk_light_names[KK_LIGHT_COUNT] = {
	"green", "yellow", "red",
};

const char *const kk_budget_kind_names[KK_BUDGET_KIND_COUNT] = {
	"investment", "operation",
};

const char *const kk_key_method_names[KK_KEY_METHOD_COUNT] = {
	"fixed", "equal", "population", "usage", "nested",
};

const char *const kk_component_kind_names[KK_COMPONENT_KIND_COUNT] = {
	"site", "data-centre", "network", "platform", "application", "service",
};

const char *const kk_phase_names[KK_PHASE_COUNT] = {
	"plan", "build", "run", "retire",
};

/*
 * Days since 1970-01-01 of a valid date "YYYY-MM-DD" (kk_date_valid()), by
 * the proleptic Gregorian calendar; and back. Dates are compared and
 * shifted as day numbers, without time zones.
 */
long
kk_date_days(const char *date)
{
	long y = (date[0] - '0') * 1000 + (date[1] - '0') * 100 +
	    (date[2] - '0') * 10 + (date[3] - '0');
	long m = (date[5] - '0') * 10 + (date[6] - '0');
	long d = (date[8] - '0') * 10 + (date[9] - '0');
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
kk_days_date(long days, char out[11])
{
	long z = days + 719468, era = z / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp + (mp < 10 ? 3 : -9);
	long y = yoe + era * 400 + (m <= 2);
	char tmp[64];

	/* years outside 0..9999 do not occur: dates are checked on input */
	snprintf(tmp, sizeof(tmp), "%04ld-%02ld-%02ld", y, m, d);
	memcpy(out, tmp, 10);
	out[10] = '\0';
}

/* R as "1'250'000.00" in BUF (the CLI's amounts, as de-CH writes them:
   locale-fmt.c); returns BUF. */
char *
kk_format_chf(kk_rappen r, char *buf, size_t size)
{
	char tmp[LFMT_SIZE];

	snprintf(buf, size, "%s", lfmt_chf("de", r, tmp));
	return buf;
}

const struct kk_project *
kk_org_project(const struct kk_org *o, const char *id)
{
	size_t i;

	for (i = 0; i < o->nprojects; i++)
		if (!strcmp(o->projects[i].id, id))
			return &o->projects[i];
	return NULL;
}

struct id_at {
	const char *id;
	size_t at;
};

static int
cmp_id_at(const void *a, const void *b)
{
	const struct id_at *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	if (c)
		return c;
	return x->at < y->at ? -1 : x->at > y->at;
}

void
kk_deps_init(struct kk_deps *g, const struct kk_org *o)
{
	struct id_at *by_id = xcalloc(o->nprojects + 1, sizeof(*by_id));
	size_t i, j, n = 0;

	for (i = 0; i < o->nprojects; i++) {
		by_id[i].id = o->projects[i].id;
		by_id[i].at = i;
		n += o->projects[i].ndeps;
	}
	/* by id, and of one id the first project first */
	qsort(by_id, o->nprojects, sizeof(*by_id), cmp_id_at);
	g->first = xcalloc(o->nprojects + 1, sizeof(*g->first));
	g->at = xcalloc(n + 1, sizeof(*g->at));
	n = 0;
	for (i = 0; i < o->nprojects; i++) {
		const struct kk_project *p = &o->projects[i];

		g->first[i] = n;
		for (j = 0; j < p->ndeps; j++) {
			size_t lo = 0, hi = o->nprojects;

			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;

				if (strcmp(by_id[mid].id, p->deps[j].project) < 0)
					lo = mid + 1;
				else
					hi = mid;
			}
			g->at[n++] = lo < o->nprojects &&
			    !strcmp(by_id[lo].id, p->deps[j].project) ?
			    (long)by_id[lo].at : -1;
		}
	}
	g->first[o->nprojects] = n;
	free(by_id);
}

void
kk_deps_release(struct kk_deps *g)
{
	if (!g)
		return;
	free(g->first);
	free(g->at);
	g->first = NULL;
	g->at = NULL;
}

const struct kk_cost_key *
kk_org_key(const struct kk_org *o, const char *id)
{
	size_t i;

	for (i = 0; i < o->nkeys; i++)
		if (!strcmp(o->keys[i].id, id))
			return &o->keys[i];
	return NULL;
}

/*
 * Now, as konkordat sees it: SOURCE_DATE_EPOCH when it holds a whole
 * number of seconds (a reproducible build, a test's clock), else the
 * system's clock.
 */
time_t
kk_now(void)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");

	if (sde && *sde) {
		char *end;
		long long v = strtoll(sde, &end, 10);

		if (*end == '\0' && v >= 0)
			return (time_t)v;
	}
	return time(NULL);
}

/*
 * Switzerland's time zone from the system's tzdata, through libical (the
 * C library would take the process's TZ, which a verb must not change
 * behind a caller's back). Let go with swiss_zone_done(): libical keeps
 * the zones it loaded until then.
 */
static icaltimezone *
swiss_zone(void)
{
	icaltimezone *z = icaltimezone_get_builtin_timezone("Europe/Zurich");

	if (!z)
		die("the time zone 'Europe/Zurich' is missing; install tzdata");
	return z;
}

static void
swiss_zone_done(void)
{
	icaltimezone_free_builtin_timezones();
}

void
kk_swiss_date(time_t t, char out[11])
{
	struct icaltimetype tt = icaltime_from_timet_with_zone(t, 0,
	    swiss_zone());
	char day[40];

	snprintf(day, sizeof(day), "%04d-%02d-%02d", tt.year, tt.month,
	    tt.day);
	memcpy(out, day, 10);
	out[10] = '\0';
	swiss_zone_done();
}

void
kk_today(char out[11])
{
	kk_swiss_date(kk_now(), out);
}

int
kk_swiss_day_start(const char *date, char out[21])
{
	struct icaltimetype tt = icaltime_null_time();
	icaltimezone *z;
	struct tm tm;
	time_t t;

	if (!kk_date_valid(date))
		return KK_EINPUT;
	z = swiss_zone();
	tt.year = (int)strtol(date, NULL, 10);
	tt.month = (int)strtol(date + 5, NULL, 10);
	tt.day = (int)strtol(date + 8, NULL, 10);
	tt.zone = z;
	t = icaltime_as_timet_with_zone(tt, z);
	swiss_zone_done();
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return KK_OK;
}

static bool
is_white_space(utf8proc_int32_t cp)
{
	utf8proc_category_t c;

	if ((cp >= 0x09 && cp <= 0x0d) || cp == 0x85)
		return true;
	c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL ||
	    c == UTF8PROC_CATEGORY_ZP;
}

/*
 * Names come from other tools with white space around them, or of nothing
 * else (a model named "   "): kept as they came, they would be written
 * to a file that no reader takes back ("'name' is empty"), or compare
 * unequal to the same name typed again.
 */
const char *
kk_text_trim(struct arena *a, const char *s)
{
	size_t len = strlen(s), i = 0, start = len, end = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)
		    s + i, (utf8proc_ssize_t)(len - i), &cp);

		if (n <= 0) {
			n = 1;		/* not UTF-8: no white space either */
			cp = 0;
		}
		if (cp == 0 || !is_white_space(cp)) {
			if (start == len)
				start = i;
			end = i + (size_t)n;
		}
		i += (size_t)n;
	}
	if (start == len)
		return len ? arena_strdup(a, "") : s;
	if (start == 0 && end == len)
		return s;
	return arena_strndup(a, s + start, end - start);
}
