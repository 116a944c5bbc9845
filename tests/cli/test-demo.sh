# make demo (scripts/demo, with the Makefile's DEMO_DB) beside a user's
# work: ./konkordat.db with imports and decisions in it is left as it is;
# the demo runs twice; its "Try next" list names its database; a database
# the demo did not make, or that changed since, is refused and kept.
. "$(dirname "$0")/lib.sh"

export XDG_CACHE_HOME="$KK_TMP/../lexicon-cache"
w="$KK_TMP/work"
mkdir -p "$w"
demo_db=$(sed -n 's/^DEMO_DB ?= *//p' "$KK_SRCDIR/Makefile")
[ -n "$demo_db" ] && pass || fail "no DEMO_DB in the Makefile"

# demo: scripts/demo as make demo runs it, in the folder make runs in
demo() {
	(cd "$w" && sh "$KK_SRCDIR/scripts/demo" "$KONKORDAT" "$demo_db") \
		>"$KK_TMP/out" 2>"$KK_TMP/err"
}

# the user's work in the README's default database
(cd "$w" && kk import -q "$EXAMPLE"/*.yaml >/dev/null &&
	kk --actor anna align >/dev/null &&
	kk --actor anna review accept c001 >/dev/null)
expect_rc 0 $? "the user's work in ./konkordat.db"
dump "$w/konkordat.db" >"$KK_TMP/user.sql"
grep -q 'anna' "$KK_TMP/user.sql" && pass || fail "no decision of anna's"

demo
expect_rc 0 $? "make demo: $(cat "$KK_TMP/err")"
dump "$w/konkordat.db" >"$KK_TMP/after.sql"
cmp -s "$KK_TMP/user.sql" "$KK_TMP/after.sql" && pass ||
	fail "make demo changed the user's ./konkordat.db"
[ "$demo_db" != konkordat.db ] && [ -f "$w/$demo_db" ] && pass ||
	fail "the demo's database is '$demo_db'"
grep -q "^  ./build/konkordat --db $demo_db show kanton-luzern-2012 " "$KK_TMP/out" &&
	pass || fail "the Try next list does not name '$demo_db'"
# a command of the list works on the demo's database
(cd "$w" && kk --db "$demo_db" show vlg/z1 >/dev/null)
expect_rc 0 $? "a command of the Try next list"

# again, with the work changed in between: the demo makes its own again
(cd "$w" && kk --actor anna review reject stadt-luzern-2012/hf5 >/dev/null)
dump "$w/konkordat.db" >"$KK_TMP/user.sql"
demo
expect_rc 0 $? "make demo a second time: $(cat "$KK_TMP/err")"
dump "$w/konkordat.db" >"$KK_TMP/after.sql"
cmp -s "$KK_TMP/user.sql" "$KK_TMP/after.sql" && pass ||
	fail "the second make demo changed the user's ./konkordat.db"

# work done in the demo's database: refused, kept
(cd "$w" && kk --db "$demo_db" --actor anna review accept c002 >/dev/null)
dump "$w/$demo_db" >"$KK_TMP/demo.sql"
demo
expect_rc 1 $? "make demo over a changed demo database"
grep -q "'$demo_db' is not the demo's own, or has changed since the demo made it: kept as it is" \
	"$KK_TMP/err" && pass || fail "refusal not said: $(cat "$KK_TMP/err")"
dump "$w/$demo_db" >"$KK_TMP/after.sql"
cmp -s "$KK_TMP/demo.sql" "$KK_TMP/after.sql" && pass ||
	fail "make demo changed a database with work in it"

# a database of that name that the demo did not make: refused, kept
rm -f "$w/$demo_db" "$w/$demo_db"-* "$w/$demo_db.demo"
cp "$w/konkordat.db" "$w/$demo_db"
demo
expect_rc 1 $? "make demo over a database it did not make"
cmp -s "$w/konkordat.db" "$w/$demo_db" && pass ||
	fail "make demo changed a database it did not make"
finish
