# The command line itself: help, usage errors and exit codes, list and show.
. "$(dirname "$0")/lib.sh"

db="$KK_TMP/k.db"
kk help >"$KK_TMP/out"; expect_rc 0 $? "help"
for verb in init check import export list show help; do
	grep -q "^  $verb " "$KK_TMP/out" || fail "help does not list $verb"
	kk "$verb" --help >/dev/null; expect_rc 0 $? "$verb --help"
done
kk >/dev/null 2>&1; expect_rc 2 $? "no verb"
kk frobnicate >/dev/null 2>"$KK_TMP/err"; expect_rc 2 $? "unknown verb"
grep -q "^konkordat: error: unknown verb 'frobnicate'" "$KK_TMP/err" ||
	fail "unknown verb message: $(cat "$KK_TMP/err")"
kk list >/dev/null 2>&1; expect_rc 2 $? "list without what"
kk --db "$db" list partys >/dev/null 2>"$KK_TMP/err"; expect_rc 2 $? "list partys"
grep -q "did you mean 'parties'" "$KK_TMP/err" || fail "no suggestion for 'partys'"
kk --db "$db" list parties >/dev/null 2>"$KK_TMP/err"; expect_rc 1 $? "list without a database"
grep -q "no database at" "$KK_TMP/err" || fail "missing database message: $(cat "$KK_TMP/err")"
[ -f "$db" ] && fail "list created a database"
kk check >/dev/null 2>&1; expect_rc 2 $? "check without files"
kk check "$KK_TMP/none.yaml" >/dev/null 2>"$KK_TMP/err"; expect_rc 1 $? "check of a missing file"
grep -q "none.yaml: cannot read: No such file or directory" "$KK_TMP/err" ||
	fail "missing file message: $(cat "$KK_TMP/err")"
kk --db "$db" export yaml >/dev/null 2>&1; expect_rc 2 $? "export of all without -o"

kk --db "$db" init >"$KK_TMP/out"; expect_rc 0 $? "init"
grep -q "schema version [1-9][0-9]*)$" "$KK_TMP/out" || fail "init: $(cat "$KK_TMP/out")"
kk --db "$db" import -q "$EXAMPLE"/*.yaml >/dev/null; expect_rc 0 $? "import"

kk --db "$db" export yaml --party vlg -o "$KK_TMP/yaml/" >"$KK_TMP/out"
expect_rc 0 $? "export yaml into a folder named with its slash"
[ "$(cat "$KK_TMP/out")" = "$KK_TMP/yaml/vlg.yaml" ] ||
	fail "export yaml -o DIR/ says: $(cat "$KK_TMP/out")"

kk --db "$db" list parties >"$KK_TMP/out"; expect_rc 0 $? "list parties"
[ "$(grep -c . "$KK_TMP/out")" -gt 80 ] || fail "list parties: too few lines"
grep -q '^vlg  *association  *377610  *2011  *83  *Verband Luzerner Gemeinden$' "$KK_TMP/out" ||
	fail "list parties: no VLG line with 83 members"
kk --db "$db" list parties --party iggi --json >"$KK_TMP/out"
[ "$(grep -c '"kind": "municipality"' "$KK_TMP/out")" = 44 ] ||
	fail "IGGI does not have 44 member municipalities"
kk --db "$db" list goals --party stadt-luzern >"$KK_TMP/out"
grep -q '^stadt-luzern-2012/' "$KK_TMP/out" || fail "list goals --party"
grep -q 'kanton-luzern' "$KK_TMP/out" && fail "list goals --party shows another party"
kk --db "$db" list strategies --json >"$KK_TMP/out"; expect_rc 0 $? "list strategies --json"
for p in kanton-luzern stadt-luzern vlg iggi; do
	grep -q "\"party\": \"$p\"" "$KK_TMP/out" || fail "no strategy of $p"
done

kk --db "$db" show kanton-luzern >"$KK_TMP/out"; expect_rc 0 $? "show party"
grep -q '^population   377610 (2011)$' "$KK_TMP/out" || fail "show party: population"
kk --db "$db" show vlg-2012 >"$KK_TMP/out"; expect_rc 0 $? "show strategy"
grep -q '^  field ' "$KK_TMP/out" || fail "show strategy: no fields"
kk --db "$db" show kanton-luzern/g1 --json >"$KK_TMP/out"; expect_rc 0 $? "show item"
grep -q '"kind": "principle"' "$KK_TMP/out" || fail "show item --json"
kk --db "$db" show informatik-luzern >"$KK_TMP/out"; expect_rc 0 $? "show organisation"
grep -q '2011-09-07' "$KK_TMP/out" || fail "show organisation: no letter of intent"
kk --db "$db" show nothing-here >/dev/null 2>&1; expect_rc 1 $? "show unknown"
finish
