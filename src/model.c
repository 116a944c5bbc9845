/* model.c: names of the model's enumerations and checks of its values. */
#include "konkordat.h"

#include <string.h>

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
 * Today's date in UTC as "YYYY-MM-DD"; SOURCE_DATE_EPOCH fixes it, as it
 * fixes the time of the audit log.
 */
void
kk_today(char out[11])
{
	char now[21];

	utc_now(now);
	memcpy(out, now, 10);
	out[10] = '\0';
}
