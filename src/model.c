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
