# 'konkordat copy': the Lucerne example, with a common strategy, decisions
# and an ArchiMate model, copied SQLite -> PostgreSQL -> SQLite; what
# konkordat's own exports and listings show of the three is the same,
# every audit entry and row version included. The server is ctest's
# fixture "pg".
. "$(dirname "$0")/lib.sh"

: "${KK_PG_URI_FILE:?set KK_PG_URI_FILE to the file of the server's URI (ctest's fixture pg)}"
need psql postgresql-client
pg=$(pg_location "$KK_TMP/pg.db")

a="$KK_TMP/a.db"
b="$KK_TMP/b.db"
kk --db "$a" import -q "$EXAMPLE"/*.yaml >/dev/null &&
kk --db "$a" align >/dev/null &&
kk --db "$a" review accept c001 >/dev/null &&
kk --db "$a" review reject stadt-luzern-2012/hf5 >/dev/null &&
kk --db "$a" --actor test:anna import -q archimate \
    "$KK_SRCDIR/tests/data/archimate/archisurance.xml" >/dev/null
expect_rc 0 $? "the database to copy"

kk copy "$a" "$pg" >"$KK_TMP/out" 2>&1
expect_rc 0 $? "copy SQLite -> PostgreSQL: $(cat "$KK_TMP/out")"
grep -q "^copied [0-9]* rows of [0-9]* tables from '$a' to 'postgresql://" \
    "$KK_TMP/out" || fail "what copy says: $(cat "$KK_TMP/out")"
kk copy "$pg" "$b" >"$KK_TMP/out" 2>&1
expect_rc 0 $? "copy PostgreSQL -> SQLite: $(cat "$KK_TMP/out")"

# the three alike, through konkordat's own eyes
show() {
	kk --db "$1" export archimate
	kk --db "$1" export yaml --party informatik-luzern
	kk --db "$1" log --json
	kk --db "$1" review list --csv
	kk --db "$1" list goals --csv
	kk --db "$1" cost --all --csv
	kk --db "$1" coverage --goals
	kk --db "$1" timeline --json
}
show "$a" >"$KK_TMP/a.txt" 2>&1
for db in "$pg" "$b"; do
	show "$db" >"$KK_TMP/other.txt" 2>&1
	cmp -s "$KK_TMP/a.txt" "$KK_TMP/other.txt" && pass ||
		fail "the copy in $db shows otherwise:
$(diff "$KK_TMP/a.txt" "$KK_TMP/other.txt" | head -20)"
done
# row versions too (the listings show none)
versions="SELECT 'item', strategy_id, id, version FROM item UNION ALL
    SELECT 'mapping', common_id, strategy_id || '/' || item_id || ' ' ||
    common_item_id || ' ' || score, version FROM mapping UNION ALL
    SELECT 'common_item', common_id, id, version FROM common_item
    ORDER BY 1, 2, 3"
sqlite3 "$a" "$versions" >"$KK_TMP/va"
sqlite3 "$b" "$versions" >"$KK_TMP/vb"
cmp -s "$KK_TMP/va" "$KK_TMP/vb" && pass || fail "row versions differ"
grep -q '|[2-9]$' "$KK_TMP/va" || fail "no changed row to compare versions of"

# the copy on PostgreSQL goes on: a new audit entry after the copied ones
n=$(kk --db "$pg" log --json | grep -c '"seq"')
kk --db "$pg" review accept c002 >/dev/null
expect_rc 0 $? "a decision on the copy"
[ "$(kk --db "$pg" log --json | grep -c '"seq"')" -gt "$n" ] ||
	fail "no new audit entry on the copy"

# only into an empty database, and then nothing at all
before=$(sqlite3 "$b" "SELECT count(*) FROM audit")
kk copy "$a" "$b" >"$KK_TMP/out" 2>&1
expect_rc 1 $? "copy into a database that holds data"
grep -q "holds data already (table 'party'); a copy goes only into an empty one; nothing was copied" \
    "$KK_TMP/out" || fail "refusal: $(cat "$KK_TMP/out")"
[ "$(sqlite3 "$b" "SELECT count(*) FROM audit")" = "$before" ] ||
	fail "the refused copy changed the database"
kk copy "$a" >"$KK_TMP/out" 2>&1
expect_rc 2 $? "copy without TO"
finish
