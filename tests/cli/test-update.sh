# Re-importing a changed file updates in place and says what was added,
# changed and removed, by id; every change is in the audit log.
. "$(dirname "$0")/lib.sh"

db="$KK_TMP/k.db"
kk --db "$db" import -q "$EXAMPLE"/*.yaml >/dev/null
expect_rc 0 $? "import"
kk --db "$db" export yaml --party kanton-luzern >"$KK_TMP/kanton.yaml"

# change a title, drop the measure m13, add a goal z99 under hf1
awk '
	/^    title: Informationssicherheit/ && !done { print "    title: Sicherheit der Informatik"; done = 1; next }
	{ print }
' "$KK_TMP/kanton.yaml" >"$KK_TMP/k2.yaml"
before=$(sqlite3 "$db" 'SELECT count(*) FROM audit')
sqlite3 "$db" "SELECT title FROM item WHERE strategy_id='kanton-luzern-2012' AND id='hf4'" >"$KK_TMP/t"
sed -i 's/^  - id: m13$/  - id: m99/' "$KK_TMP/k2.yaml"
kk --db "$db" import "$KK_TMP/k2.yaml" >"$KK_TMP/out" 2>&1
expect_rc 0 $? "import of the changed file"
grep -q '^added    measure kanton-luzern-2012/m99$' "$KK_TMP/out" ||
	fail "no 'added m99' in: $(cat "$KK_TMP/out")"
grep -q '^removed  measure kanton-luzern-2012/m13$' "$KK_TMP/out" ||
	fail "no 'removed m13' in: $(cat "$KK_TMP/out")"
after=$(sqlite3 "$db" 'SELECT count(*) FROM audit')
changes=$(grep -c '^\(added\|changed\|removed\) ' "$KK_TMP/out")
[ $((after - before)) -eq "$changes" ] ||
	fail "audit grew by $((after - before)), $changes changes printed"
sqlite3 "$db" "SELECT actor FROM audit ORDER BY seq DESC LIMIT 1" | grep -q '^cli:' ||
	fail "the audit log does not name the actor"
kk --db "$db" --actor "test:anna" import "$EXAMPLE/kanton-luzern.yaml" >/dev/null
sqlite3 "$db" "SELECT DISTINCT actor FROM audit WHERE seq > $after" | grep -qx 'test:anna' ||
	fail "--actor is not what the audit log names"
# the row version went up on the changed measure's strategy items
v=$(sqlite3 "$db" "SELECT version FROM item WHERE strategy_id='kanton-luzern-2012' AND id='m13'")
[ "$v" = "1" ] || fail "re-added m13 has version $v, expected 1 (new row)"

# a municipality dropped from the VLG's members (and in no other group) goes
kk --db "$db" export yaml --party vlg >"$KK_TMP/vlg.yaml"
awk '/^  - id: adligenswil$/ { skip = 4 } skip > 0 { skip--; next } { print }' \
	"$KK_TMP/vlg.yaml" >"$KK_TMP/vlg2.yaml"
kk --db "$db" import "$KK_TMP/vlg2.yaml" >"$KK_TMP/out" 2>&1
expect_rc 0 $? "import of the VLG without Adligenswil"
grep -q '^removed  party adligenswil$' "$KK_TMP/out" ||
	fail "adligenswil not removed: $(cat "$KK_TMP/out")"
grep -q '^changed  party vlg$' "$KK_TMP/out" || fail "vlg not changed"

# a strategy dropped from its file goes with every item, each audited
awk '/^strategy:/ { exit } { print }' "$KK_TMP/kanton.yaml" >"$KK_TMP/k3.yaml"
n=$(sqlite3 "$db" "SELECT count(*) FROM item WHERE strategy_id = 'kanton-luzern-2012'")
before=$(sqlite3 "$db" 'SELECT count(*) FROM audit')
kk --db "$db" import -q "$KK_TMP/k3.yaml" >"$KK_TMP/out" 2>&1
expect_rc 0 $? "import of the canton without its strategy"
after=$(sqlite3 "$db" 'SELECT count(*) FROM audit')
[ $((after - before)) -eq $((n + 1)) ] ||
	fail "removing a strategy of $n items wrote $((after - before)) audit rows"
[ "$(sqlite3 "$db" "SELECT count(*) FROM item WHERE strategy_id = 'kanton-luzern-2012'")" = 0 ] ||
	fail "items of the removed strategy remain"
finish
