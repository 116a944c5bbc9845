# One reference date for every verb: the --date given, else today in
# Switzerland (Europe/Zurich), whatever the machine's time zone. The clock
# is faked with SOURCE_DATE_EPOCH at 23:30 UTC, when it is already the
# next day in Lucerne; at 22:30 UTC in winter it is still the same day.
# The example's rz-stadt retires on 2015-12-31: from then on the two data
# centres are no longer a consolidation candidate.
. "$(dirname "$0")/lib.sh"

db="$KK_TMP/k.db"
kk --db "$db" import -q "$EXAMPLE"/*.yaml >/dev/null || fail "importing the example"

# rows of 'infra consolidation --csv' (without the heading)
candidates() {
	kk --db "$db" infra consolidation --csv "$@" | tail -n +2
}

late_night=1451518200	# 2015-12-30 23:30 UTC: 31 December in Lucerne
evening=1451514600	# 2015-12-30 22:30 UTC: still 30 December there
summer_night=1372635000	# 2013-06-30 23:30 UTC: 1 July in Lucerne

for tz in UTC America/Los_Angeles Pacific/Kiritimati; do
	export TZ=$tz
	SOURCE_DATE_EPOCH=$late_night candidates >"$KK_TMP/now.csv"
	candidates --date 2015-12-31 >"$KK_TMP/dec31.csv"
	candidates --date 2015-12-30 >"$KK_TMP/dec30.csv"
	if cmp -s "$KK_TMP/now.csv" "$KK_TMP/dec31.csv" &&
	    ! cmp -s "$KK_TMP/dec30.csv" "$KK_TMP/dec31.csv"; then
		pass
	else
		fail "TZ=$tz: infra at 23:30 UTC does not read the phases on 31 December"
		diff "$KK_TMP/dec31.csv" "$KK_TMP/now.csv" >&2
	fi
	grep -q rechenzentrum "$KK_TMP/now.csv" &&
		fail "TZ=$tz: a retired data centre still a candidate"
	SOURCE_DATE_EPOCH=$evening candidates >"$KK_TMP/evening.csv"
	cmp -s "$KK_TMP/evening.csv" "$KK_TMP/dec30.csv" ||
		fail "TZ=$tz: at 22:30 UTC (23:30 in Lucerne) not 30 December"

	# the report takes the same day, and finds the same candidates
	SOURCE_DATE_EPOCH=$late_night kk --db "$db" report --lang en \
		-o "$KK_TMP/report.html"
	expect_rc 0 $? "report"
	grep -q 'As of: 31 December 2015' "$KK_TMP/report.html" ||
		fail "TZ=$tz: the report is not dated 31 December 2015"
	n=$(wc -l <"$KK_TMP/now.csv")
	grep -q "$n groups of alike components run by several parties" \
		"$KK_TMP/report.html" ||
		fail "TZ=$tz: the report's candidates are not infra's $n"

	# and so do timeline and infra show
	out=$(SOURCE_DATE_EPOCH=$summer_night kk --db "$db" timeline | tail -1)
	case $out in
	"on 2013-07-01:"*) pass ;;
	*) fail "TZ=$tz: timeline at 23:30 UTC on 30 June says '$out'" ;;
	esac
	SOURCE_DATE_EPOCH=$late_night kk --db "$db" infra show rz-stadt \
		>"$KK_TMP/show"
	grep -q 2015-12-31 "$KK_TMP/show" ||
		fail "TZ=$tz: infra show does not read rz-stadt on 2015-12-31"
done
unset TZ

# --today is --date, as before
candidates --today 2015-12-30 >"$KK_TMP/today.csv"
cmp -s "$KK_TMP/today.csv" "$KK_TMP/dec30.csv" || fail "--today differs from --date"
kk --db "$db" timeline --date 2013-06-30 | tail -1 | grep -q '^on 2013-06-30:' ||
	fail "timeline --date"
kk --db "$db" infra --date 30.12.2015 >/dev/null 2>"$KK_TMP/err"
expect_rc 2 $? "infra --date 30.12.2015"
grep -q "'30.12.2015' is not a date" "$KK_TMP/err" || fail "no message for a wrong date"
finish
