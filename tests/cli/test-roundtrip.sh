# The Lucerne example: check, import, re-import (nothing changes), and the
# round trip import, export, import, export gives the same bytes.
. "$(dirname "$0")/lib.sh"

db="$KK_TMP/k.db"
kk --db "$db" check "$EXAMPLE"/*.yaml >"$KK_TMP/out" 2>&1
expect_rc 0 $? "check of the example"

kk --db "$db" import "$EXAMPLE"/*.yaml >"$KK_TMP/out" 2>&1
expect_rc 0 $? "first import"
grep -q '^added    goal kanton-luzern-2012/' "$KK_TMP/out" ||
	fail "first import does not list added goals"
tail -n 1 "$KK_TMP/out" | grep -q '^5 files imported: [0-9]* added, 0 changed, 0 removed$' ||
	fail "first import summary: $(tail -n 1 "$KK_TMP/out")"
audit=$(sqlite3 "$db" 'SELECT count(*) FROM audit')

kk --db "$db" import "$EXAMPLE"/*.yaml >"$KK_TMP/out" 2>&1
expect_rc 0 $? "second import"
[ "$(cat "$KK_TMP/out")" = "5 files imported: nothing changed" ] ||
	fail "second import said: $(cat "$KK_TMP/out")"
[ "$(sqlite3 "$db" 'SELECT count(*) FROM audit')" = "$audit" ] ||
	fail "second import added audit rows"

kk --db "$db" export yaml -o "$KK_TMP/one" >/dev/null
expect_rc 0 $? "first export"
kk --db "$KK_TMP/two.db" import -q "$KK_TMP/one"/*.yaml >/dev/null
expect_rc 0 $? "import of the export"
kk --db "$KK_TMP/two.db" export yaml -o "$KK_TMP/two" >/dev/null
expect_rc 0 $? "second export"
if diff -r "$KK_TMP/one" "$KK_TMP/two" >&2; then pass; else
	fail "export, import, export is not byte-identical"; fi

# the export holds what the files held: same parties, strategies, items
for what in parties strategies fields goals principles measures; do
	kk --db "$db" list "$what" --json >"$KK_TMP/a.json"
	kk --db "$KK_TMP/two.db" list "$what" --json >"$KK_TMP/b.json"
	if cmp -s "$KK_TMP/a.json" "$KK_TMP/b.json"; then pass; else
		fail "list $what differs after the round trip"; fi
done
# and importing the export into the first database changes nothing
out=$(kk --db "$db" import "$KK_TMP/one"/*.yaml)
[ "$out" = "5 files imported: nothing changed" ] ||
	fail "importing the export changed: $out"

# one party alone, to standard output
kk --db "$db" export yaml --party stadt-luzern >"$KK_TMP/stadt.yaml"
expect_rc 0 $? "export --party"
cmp -s "$KK_TMP/stadt.yaml" "$KK_TMP/one/stadt-luzern.yaml" ||
	fail "export --party differs from the file of the full export"
finish
