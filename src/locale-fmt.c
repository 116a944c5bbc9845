/* locale-fmt.c: numbers, amounts and dates as the report's languages write them in Switzerland. */
#include "konkordat.h"

/*
 * Not the C library's locales (printf's ' flag, strfmon, strftime): they
 * need generated locales, which a build machine often lacks, and glibc's
 * Swiss locales do not write what the Swiss federal administration writes
 * (fr_CH copies de_CH's separators). The rules, one per language:
 *
 *   de, it  1'250'000   CHF 1'250'000.00   30.06.2013   30. Juni 2013
 *   fr      1 250 000   CHF 1 250 000.00   30.06.2013   30 juin 2013
 *   en      1,250,000   CHF 1,250,000.00   30 June 2013 30 June 2013
 *
 * Thousands are grouped from five digits on as from four (1'000): the
 * report's tables mix both and should line up. French groups with a
 * narrow no-break space (U+202F), which never breaks a number across
 * lines. Amounts have a decimal point in every language, as Swiss
 * amounts do (fr-CH too: CHF 12.50). Short dates are what tables hold;
 * English has no unambiguous short form but ISO, so its dates are always
 * written out. Month names come from the report's catalog. Unknown
 * languages are written as German.
 */

struct rules {
	const char *lang;
	const char *group;	/* thousands separator */
	bool long_dates;	/* no short form */
	const char *day_one;	/* the first of a month: 1er, 1° */
	const char *day_suffix;	/* after the day of a long date */
};

static const struct rules rules[] = {
	{ "de", "'", false, NULL, "." },
	{ "it", "'", false, "1°", "" },
	{ "fr", "\u202f", false, "1er", "" },
	{ "en", ",", true, NULL, "" },
};

static const char *const months[12] = {
	RN_("Januar"), RN_("Februar"), RN_("März"), RN_("April"), RN_("Mai"),
	RN_("Juni"), RN_("Juli"), RN_("August"), RN_("September"),
	RN_("Oktober"), RN_("November"), RN_("Dezember"),
};

static const struct rules *
rules_of(const char *lang)
{
	size_t i;

	for (i = 0; lang && i < KK_ARRAY_SIZE(rules); i++)
		if (!strcmp(rules[i].lang, lang))
			return &rules[i];
	return &rules[0];
}

/* |N| in digits grouped by GROUP, after a minus if N < 0. */
static void
grouped(struct buf *b, const char *group, bool negative, uint64_t n)
{
	char digits[24];
	size_t len, i;

	snprintf(digits, sizeof(digits), "%llu", (unsigned long long)n);
	len = strlen(digits);
	if (negative)
		buf_addc(b, '-');
	for (i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			buf_adds(b, group);
		buf_addc(b, digits[i]);
	}
}

static uint64_t
magnitude(int64_t n)
{
	/* -INT64_MIN overflows; its magnitude does not */
	return n < 0 ? (uint64_t)-(n + 1) + 1 : (uint64_t)n;
}

static char *
done(struct buf *b, char *out)
{
	snprintf(out, LFMT_SIZE, "%s", b->s);
	buf_release(b);
	return out;
}

/* N grouped in thousands as LANG writes it: 1'250'000. Returns OUT. */
char *
lfmt_int(const char *lang, int64_t n, char out[LFMT_SIZE])
{
	struct buf b = BUF_INIT;

	grouped(&b, rules_of(lang)->group, n < 0, magnitude(n));
	return done(&b, out);
}

/* R Rappen as an amount in francs with two decimals: 1'250'000.05,
   -0.50. Returns OUT. */
char *
lfmt_chf(const char *lang, kk_rappen r, char out[LFMT_SIZE])
{
	struct buf b = BUF_INIT;
	uint64_t m = magnitude(r);

	grouped(&b, rules_of(lang)->group, r < 0, m / 100);
	buf_addf(&b, ".%02u", (unsigned)(m % 100));
	return done(&b, out);
}

/* The date ISO (YYYY-MM-DD) as LANG writes it in a table: 30.06.2013,
   30 June 2013; ISO itself if it is not a date. Returns OUT. */
char *
lfmt_date(const char *lang, const char *iso, char out[LFMT_SIZE])
{
	if (!kk_date_valid(iso)) {
		snprintf(out, LFMT_SIZE, "%s", iso);
		return out;
	}
	if (rules_of(lang)->long_dates)
		return lfmt_date_long(lang, iso, out);
	snprintf(out, LFMT_SIZE, "%.2s.%.2s.%.4s", iso + 8, iso + 5, iso);
	return out;
}

/* The date ISO written out, as a document is dated: 30. Juni 2013,
   1er juin 2013, 1° giugno 2013, 30 June 2013. Returns OUT. */
char *
lfmt_date_long(const char *lang, const char *iso, char out[LFMT_SIZE])
{
	const struct rules *ru = rules_of(lang);
	int day, month;

	if (!kk_date_valid(iso)) {
		snprintf(out, LFMT_SIZE, "%s", iso);
		return out;
	}
	day = (iso[8] - '0') * 10 + (iso[9] - '0');
	month = (iso[5] - '0') * 10 + (iso[6] - '0');
	if (day == 1 && ru->day_one)
		snprintf(out, LFMT_SIZE, "%s %s %.4s", ru->day_one,
		    report_text(ru->lang, months[month - 1]), iso);
	else
		snprintf(out, LFMT_SIZE, "%d%s %s %.4s", day, ru->day_suffix,
		    report_text(ru->lang, months[month - 1]), iso);
	return out;
}

/*
 * The length of the thousands separator at S: the apostrophe (1), the
 * typographic apostrophe U+2019 (3, as Word writes 1’250’000), or 0.
 */
static size_t
separator_at(const char *s)
{
	if (*s == '\'')
		return 1;
	if (!strncmp(s, "\u2019", 3))
		return 3;
	return 0;
}

int
kk_parse_chf(const char *s, kk_rappen *out)
{
	int64_t francs = 0, rappen = 0;
	int digits = 0, group = 0, decimals = 0;
	bool grouped = false, too_large = false;
	size_t sep;

	/* the francs: digits, perhaps in groups of three after the first */
	for (; *s && *s != '.'; s++) {
		if (*s >= '0' && *s <= '9') {
			if (grouped && group == 3)
				return KK_CHF_GROUPING;	/* 1'0000 */
			if (francs > KK_CHF_MAX_FRANCS / 10)
				too_large = true; /* read the form on */
			else
				francs = francs * 10 + (*s - '0');
			digits++;
			group++;
		} else if ((sep = separator_at(s)) != 0) {
			/* the first group has one to three digits, the
			   others exactly three: not 1'2'3, 12'34, 1234'567
			   or 1''000 */
			if (!digits)
				return KK_CHF_SYNTAX;
			if (group == 0 || group > 3 || (grouped && group != 3))
				return KK_CHF_GROUPING;
			grouped = true;
			group = 0;
			s += sep - 1;
		} else {
			return KK_CHF_SYNTAX;
		}
	}
	if (!digits)
		return KK_CHF_SYNTAX;
	if (grouped && group != 3)
		return KK_CHF_GROUPING;	/* 1'00, 12'34.50, and 1' */
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++)
			if (++decimals <= 2)
				rappen = rappen * 10 + (*s - '0');
		if (*s || !decimals || decimals > 2)
			return KK_CHF_SYNTAX;
		if (decimals == 1)
			rappen *= 10;
	}
	if (too_large || francs > KK_CHF_MAX_FRANCS)
		return KK_CHF_TOO_LARGE;
	*out = francs * 100 + rappen;
	return 0;
}
