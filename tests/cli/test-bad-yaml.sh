# Every malformed file in bad/ is refused by check and by import, with
# exactly the messages in its .err file, and the database is left unchanged.
. "$(dirname "$0")/lib.sh"

db="$KK_TMP/k.db"
kk --db "$db" import -q "$EXAMPLE"/*.yaml >/dev/null ||
	fail "importing the example"
before=$(dump "$db")
cd "$KK_SRCDIR/tests/cli/bad" || exit 1

n=0
for input in *.yaml; do
	name=${input%.yaml}
	n=$((n + 1))
	[ -f "$name.err" ] || { fail "$name: no $name.err"; continue; }

	kk --db "$db" check "$input" >"$KK_TMP/out" 2>"$KK_TMP/err"
	expect_rc 1 $? "check $input"
	# the last line counts the errors; the rest must match exactly
	grep -v '^konkordat: [0-9]* errors*$' "$KK_TMP/err" >"$KK_TMP/diags"
	if ! cmp -s "$name.err" "$KK_TMP/diags"; then
		fail "check $input: messages differ"
		diff "$name.err" "$KK_TMP/diags" >&2
	else
		pass
	fi

	# under valgrind, import (the same reader and checks as check) for
	# every fourth case only: each run there takes seconds
	if [ -n "$KK_WRAP" ] && [ $((n % 4)) -ne 1 ]; then
		continue
	fi
	kk --db "$db" import "$input" >"$KK_TMP/out" 2>"$KK_TMP/err"
	expect_rc 1 $? "import $input"
	grep -v '^konkordat: [0-9]* errors*; nothing imported$' \
		"$KK_TMP/err" >"$KK_TMP/diags"
	if ! cmp -s "$name.err" "$KK_TMP/diags"; then
		fail "import $input: messages differ"
		diff "$name.err" "$KK_TMP/diags" >&2
	else
		pass
	fi
	[ -s "$KK_TMP/out" ] && fail "import $input: printed '$(cat "$KK_TMP/out")'"

	# a bad file among good ones: nothing at all is written (the same
	# code path as above, so not repeated under valgrind)
	[ -n "$KK_WRAP" ] && continue
	kk --db "$db" import "$EXAMPLE/kanton-luzern.yaml" "$input" \
		>/dev/null 2>&1
	expect_rc 1 $? "import of a good and a bad file ($input)"
	if [ "$(dump "$db")" != "$before" ]; then
		fail "import $input changed the database"
		before=$(dump "$db")
	else
		pass
	fi
done
if [ -n "$KK_WRAP" ] && [ "$(dump "$db")" != "$before" ]; then
	fail "the bad files changed the database"
fi
[ "$n" -ge 25 ] || fail "only $n malformed cases; at least 25 are wanted"
finish
