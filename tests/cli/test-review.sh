# konkordat align (database mode), review and coverage: decisions survive re-runs, adopt freezes.
. "$(dirname "$0")/lib.sh"

T="$KK_TMP"
export XDG_CACHE_HOME="$T/../lexicon-cache"
nosys=--no-system-lexicon		# fast and the same everywhere
D="$KK_SRCDIR/tests/cli/data"
db="$T/c.db"

# want WHAT FILE: FILE equals the lines of $T/want
want() {
	if cmp -s "$T/want" "$2"; then pass; else
		fail "$1"; diff "$T/want" "$2" >&2; fi
}

kk --db "$db" import -q "$D"/cover-nord.yaml "$D"/cover-sued.yaml "$D"/cover-verbund.yaml >/dev/null
expect_rc 0 $? "import the small set"
kk --db "$db" coverage >/dev/null 2>"$T/err"; expect_rc 1 $? "coverage before align"
grep -q "'verbund' has no common strategy yet" "$T/err" || fail "coverage before align: $(cat "$T/err")"

kk --db "$db" align $nosys >"$T/out"
expect_rc 0 $? "align"
printf '%s\n' "aligned 8 fields and goals into 'verbund-common-1': 6 common items (6 new)" \
	"8 mappings proposed (8 new), 0 decisions kept, 0 common items removed" \
	"review them with 'konkordat review list'" >"$T/want"
want "align summary" "$T/out"

# the matrix with known answers: security shared, school and geodata gaps
kk --db "$db" coverage --goals --csv >"$T/out"
expect_rc 0 $? "coverage --goals --csv"
printf '%s\r\n' 'COMMON,LABEL,nord,sued,PARTIES,NOTE' \
	'c001,Datenschutz und Informationssicherheit,hf1 z1 (1 measure),hf1 z1 (1 measure),2/2,"overlap: measures of nord, sued"' \
	'c004,  Daten vor unbefugtem Zugriff schützen,z1 (m1),z1 (m1),2/2,"overlap: measures of nord, sued"' \
	'c002,Schulinformatik,hf2 z2,-,1/2,gap: not sued' \
	'c005,  Schulhäuser mit Computern ausrüsten,z2,-,1/2,gap: not sued' \
	'c003,Geodaten,-,hf2 z2,1/2,gap: not nord' \
	'c006,  Geodaten öffentlich bereitstellen,-,z2,1/2,gap: not nord' >"$T/want"
want "coverage matrix" "$T/out"
kk --db "$db" coverage --json >"$T/out"
grep -q '"nord": "hf1 z1 (1 measure)"' "$T/out" || fail "coverage --json"
kk --db "$db" coverage >"$T/out"
tail -n 1 "$T/out" | grep -qx "3 common fields: 1 addressed by every party, 2 with gaps, 1 with overlaps" ||
	fail "coverage summary: $(tail -n 1 "$T/out")"

# the list, with explanation and confidence
kk --db "$db" review list --csv >"$T/out"
expect_rc 0 $? "review list"
grep -q '^c001,field,Datenschutz und Informationssicherheit,nord-2012/hf1,equivalent,1.00,proposed,' "$T/out" ||
	fail "review list: $(cat "$T/out")"
kk --db "$db" review list --json >"$T/out"
grep -q '"why": "unbefugtem' "$T/out" || fail "review list --json: why"
kk --db "$db" review show c004 >"$T/out"
expect_rc 0 $? "review show"
grep -q "sued-2012/z1  Schutz der Daten vor unbefugtem Zugriff  -- sued" "$T/out" || fail "show: $(cat "$T/out")"
grep -q "under: c001" "$T/out" || fail "show: goal not under its field"

# decisions
a="--actor test:anna"
kk --db "$db" $a review accept c001 >"$T/out"; expect_rc 0 $? "accept a group"
grep -qx "accepted 2 mappings" "$T/out" || fail "accept c001: $(cat "$T/out")"
kk --db "$db" $a review reject nord-2012/z2 >"$T/out"; expect_rc 0 $? "reject an item"
grep -qx "rejected 1 mapping" "$T/out" || fail "reject: $(cat "$T/out")"
kk --db "$db" $a review merge c002 c003 >"$T/out"; expect_rc 0 $? "merge"
kk --db "$db" $a review split c002 sued-2012/hf2 >"$T/out"; expect_rc 0 $? "split"
grep -qx "split 1 item of 'c002' into 'c007'" "$T/out" || fail "split: $(cat "$T/out")"
kk --db "$db" $a review rename c007 "Geoinformation" >/dev/null; expect_rc 0 $? "rename"
kk --db "$db" $a review move sued-2012/z2 c005 >/dev/null; expect_rc 0 $? "move"
sqlite3 "$db" "SELECT count(*) FROM audit WHERE actor = 'test:anna' AND entity LIKE 'mapping %'" >"$T/out"
[ "$(cat "$T/out")" -ge 6 ] || fail "decisions not audited: $(cat "$T/out")"
decisions() {
	sqlite3 "$db" "SELECT common_item_id, strategy_id || '/' || item_id, decision, ifnull(decided_by, '')
		FROM mapping WHERE decision <> 'proposed' ORDER BY 1, 2"
	sqlite3 "$db" "SELECT id, ifnull(label, '') FROM common_item WHERE label IS NOT NULL"
}
decisions >"$T/before"
printf '%s\n' 'c001|nord-2012/hf1|accepted|test:anna' 'c001|sued-2012/hf1|accepted|test:anna' \
	'c002|nord-2012/hf2|accepted|test:anna' 'c005|nord-2012/z2|rejected|test:anna' \
	'c005|sued-2012/z2|accepted|test:anna' 'c007|sued-2012/hf2|accepted|test:anna' 'c007|Geoinformation' >"$T/want"
want "decisions" "$T/before"

# wrong ids: exit 1 with a message; usage: exit 2
refused() {	# WHAT MESSAGE ARGS...
	what=$1 msg=$2; shift 2
	kk --db "$db" review "$@" >/dev/null 2>"$T/err"; expect_rc 1 $? "$what"
	grep -qF "$msg" "$T/err" || fail "$what: $(cat "$T/err")"
}
refused "unknown group" "no common item 'c999' in 'verbund-common-1'" show c999
refused "unknown item" "no field or goal 'nord-2012/zz' in the strategies of the parties of 'verbund'" accept nord-2012/zz
refused "not an id" "'bogus' is neither a common item (c001) nor an item (STRATEGY/ITEM)" reject bogus
refused "field into goal" "'nord-2012/hf1' is a field, 'c004' a common goal" move nord-2012/hf1 c004
refused "merge kinds" "'c001' is a common field, 'c004' a common goal" merge c001 c004
refused "split a stranger" "'nord-2012/hf1' is not in 'c007'" split c007 nord-2012/hf1
refused "unknown org" "no party 'nowhere'" --org nowhere list
kk --db "$db" review frobnicate >/dev/null 2>&1; expect_rc 2 $? "unknown subcommand"
kk --db "$db" review move c001 >/dev/null 2>&1; expect_rc 2 $? "move with one argument"
kk --db "$db" review rename c001 "" >/dev/null 2>&1; expect_rc 2 $? "empty label"
kk review --help >"$T/out"
grep -q "merge G1 G2" "$T/out" || fail "review --help"

# align again: every decision survives, the ids stay
kk --db "$db" align $nosys >"$T/out"; expect_rc 0 $? "align again"
grep -q "^3 mappings proposed (1 new), 6 decisions kept, 1 common items removed$" "$T/out" || fail "align again: $(cat "$T/out")"
decisions >"$T/after"
if cmp -s "$T/before" "$T/after"; then pass; else fail "decisions changed by align"; diff "$T/before" "$T/after" >&2; fi
kk --db "$db" review list --csv >"$T/out"
grep -q '^c004,goal,Daten vor unbefugtem Zugriff schützen,sued-2012/z1,' "$T/out" ||
	fail "c004 lost its id: $(cat "$T/out")"

# adopt: not with proposals open; then frozen; the next align makes a new draft
refused "adopt with proposals" "still proposed; accept or reject" adopt
# the rejected school goal came back alone, as c008
kk --db "$db" $a review accept c004 c008 >/dev/null; expect_rc 0 $? "accept the rest"
kk --db "$db" $a review list --undecided --csv >"$T/out"
grep -q ',equivalent,.*,proposed,' "$T/out" && fail "still undecided: $(cat "$T/out")"
kk --db "$db" $a review adopt >"$T/out"; expect_rc 0 $? "adopt"
grep -qx "adopted 'verbund-common-1'; it is frozen now" "$T/out" || fail "adopt: $(cat "$T/out")"
refused "change after adopt" "the common strategy 'verbund-common-1' is adopted and frozen" rename c001 "Sicherheit"
kk --db "$db" align $nosys >"$T/out"; expect_rc 0 $? "align after adopt"
grep -q "new draft 'verbund-common-2' made from the adopted 'verbund-common-1'" "$T/out" || fail "new draft: $(cat "$T/out")"
kk --db "$db" review rename c001 "Sicherheit" >/dev/null; expect_rc 0 $? "rename in the new draft"
sqlite3 "$db" "SELECT status FROM common_strategy ORDER BY number" | tr '\n' ' ' >"$T/out"
[ "$(cat "$T/out")" = "adopted draft " ] || fail "versions: $(cat "$T/out")"

# the Lucerne example: four parties, every field and goal on a common item
ldb="$T/l.db"
kk --db "$ldb" import -q "$EXAMPLE"/*.yaml >/dev/null
kk --db "$ldb" align $nosys >"$T/out"; expect_rc 0 $? "align luzern"
grep -q "^aligned 84 fields and goals into 'informatik-luzern-common-1'" "$T/out" || fail "luzern: $(cat "$T/out")"
kk --db "$ldb" align --json $nosys >"$T/out"
grep -q '"common": "informatik-luzern-common-1"' "$T/out" || fail "align --json"
n=$(sqlite3 "$ldb" "SELECT count(DISTINCT strategy_id || item_id) FROM mapping WHERE relation = 'equivalent'")
[ "$n" = 84 ] || fail "luzern: $n items mapped, want 84"
kk --db "$ldb" review accept c001 >/dev/null; expect_rc 0 $? "luzern accept"
kk --db "$ldb" align $nosys >/dev/null; expect_rc 0 $? "luzern align again"
[ "$(sqlite3 "$ldb" "SELECT count(*) FROM mapping WHERE common_item_id = 'c001' AND decision = 'accepted'")" -gt 0 ] ||
	fail "luzern: accepted mappings lost"
kk --db "$ldb" coverage >"$T/out"; expect_rc 0 $? "luzern coverage"
head -2 "$T/out" | tail -1 | grep -q "kanton-luzern .*stadt-luzern .*vlg .*iggi" || fail "luzern coverage: $(head -2 "$T/out")"

# align without a joint organisation
kk --db "$T/none.db" import -q "$D"/cover-nord.yaml >/dev/null
kk --db "$T/none.db" align $nosys >/dev/null 2>"$T/err"; expect_rc 1 $? "no organisation"
grep -q "there is no joint organisation" "$T/err" || fail "no organisation: $(cat "$T/err")"

finish
