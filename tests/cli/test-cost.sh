# Cost cases with known answers, through the command line: the shares of
# each line add up to the line, to the Rappen.
. "$(dirname "$0")/lib.sh"

db="$KK_TMP/k.db"
kk --db "$db" import -q "$EXAMPLE"/kanton-luzern.yaml "$EXAMPLE"/stadt-luzern.yaml \
	"$EXAMPLE"/vlg.yaml "$KK_SRCDIR/tests/cli/data/portal.yaml" >/dev/null
expect_rc 0 $? "import of the portal case"

# canton half; Dierikon 1446 and Adligenswil 5491 inhabitants at CHF 2.50
kk --db "$db" cost --project portal --lines --csv >"$KK_TMP/out"
expect_rc 0 $? "cost --lines --csv"
printf '%s\r\n' 'PROJECT,YEAR,KIND,PARTY,CHF' \
	'portal,2013,operation,kanton-luzern,17342.50' \
	'portal,2013,operation,dierikon,3615.00' \
	'portal,2013,operation,adligenswil,13727.50' >"$KK_TMP/want"
if cmp -s "$KK_TMP/want" "$KK_TMP/out"; then pass; else
	fail "portal shares"; diff "$KK_TMP/want" "$KK_TMP/out" >&2; fi

# CHF 100 in three equal parts: the Rappen left goes to the first
kk --db "$db" cost --project drittel --csv >"$KK_TMP/out"
grep -q '^kanton-luzern,0.00,0.00,33.34,0.00,0.00,33.34' "$KK_TMP/out" ||
	fail "thirds: kanton: $(cat "$KK_TMP/out")"
grep -q '^stadt-luzern,0.00,0.00,33.33,0.00,0.00,33.33' "$KK_TMP/out" ||
	fail "thirds: stadt"
grep -q '^TOTAL,0.00,0.00,100.00,0.00,0.00,100.00' "$KK_TMP/out" ||
	fail "thirds: total"

# the whole portfolio: totals equal the budget; one party's view
kk --db "$db" cost >"$KK_TMP/out"
expect_rc 0 $? "cost"
grep -q "^TOTAL .* 34'785.00$" "$KK_TMP/out" ||
	fail "portfolio total: $(tail -n 1 "$KK_TMP/out")"
grep -q '^2 municipalities ' "$KK_TMP/out" || fail "municipalities row"
kk --db "$db" cost --party kanton-luzern --json >"$KK_TMP/out"
expect_rc 0 $? "cost --party --json"
grep -q '"project": "portal"' "$KK_TMP/out" || fail "--party portal row"
grep -q '"total": "17375.84"' "$KK_TMP/out" ||
	fail "--party total: $(cat "$KK_TMP/out")"
kk --db "$db" cost --party nobody >/dev/null 2>&1
expect_rc 1 $? "cost --party unknown"
kk --db "$db" cost --project nothing >/dev/null 2>&1
expect_rc 1 $? "cost --project unknown"

# the portfolio verbs on the same data
kk --db "$db" project list --csv >"$KK_TMP/out"
expect_rc 0 $? "project list"
grep -q '^portal,running,green,kanton-luzern,2013-01-01,2013-12-31,34685.00,portal,Einwohnerportal' \
	"$KK_TMP/out" || fail "project list: $(cat "$KK_TMP/out")"
kk --db "$db" project show portal >"$KK_TMP/out"
expect_rc 0 $? "project show"
kk --db "$db" project schedule >/dev/null
expect_rc 0 $? "project schedule"
kk --db "$db" timeline --today 2013-06-30 --days 200 --csv >"$KK_TMP/out"
expect_rc 0 $? "timeline"
grep -q '^2013-12-31,due,project end,portal,' "$KK_TMP/out" ||
	fail "timeline: $(cat "$KK_TMP/out")"

# the budget per common field of action, once the fields are aligned
export XDG_CACHE_HOME="$KK_TMP/../lexicon-cache"
kk --db "$db" cost --by-field >/dev/null 2>"$KK_TMP/err"
expect_rc 1 $? "cost --by-field before align"
grep -q "has no common strategy yet" "$KK_TMP/err" || fail "by-field: $(cat "$KK_TMP/err")"
kk --db "$db" align --no-system-lexicon >/dev/null 2>&1
expect_rc 0 $? "align"
kk --db "$db" cost --by-field --csv >"$KK_TMP/out"
expect_rc 0 $? "cost --by-field"
# every line is split among fields to the Rappen: the rows add up to the budget
awk -F, 'NR > 1 { t += $NF * 100 } END { exit !(t == 3478500) }' "$KK_TMP/out" ||
	fail "by-field rows do not add up to CHF 34785.00: $(cat "$KK_TMP/out")"

# the report's common strategy chapter, once there is one
kk --db "$db" report -o "$KK_TMP/report.html" >/dev/null
expect_rc 0 $? "report after align"
grep -q 'Gemeinsame Handlungsfelder und Ziele mit den Elementen der Partner' \
	"$KK_TMP/report.html" || fail "report: no common strategy table"
grep -q 'noch nicht erarbeitet' "$KK_TMP/report.html" &&
	fail "report: says the common strategy is missing"
finish
