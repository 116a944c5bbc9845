# Files that are each right on their own but wrong together (a party
# defined in two files, a municipality defined differently in two) are
# refused by check and by import with exactly the messages in the case's
# expected.err, each at the value at fault, and the database is left
# unchanged. Each folder of bad-across/ is one case: its files are given
# together, in the order of their names.
. "$(dirname "$0")/lib.sh"

db="$KK_TMP/k.db"
kk --db "$db" import -q "$EXAMPLE"/*.yaml >/dev/null ||
	fail "importing the example"
before=$(dump "$db")

n=0
for dir in "$KK_SRCDIR"/tests/cli/bad-across/*/; do
	name=$(basename "$dir")
	n=$((n + 1))
	cd "$dir" || exit 1
	kk --db "$db" check *.yaml >"$KK_TMP/out" 2>"$KK_TMP/err"
	expect_rc 1 $? "check $name"
	grep -v '^konkordat: [0-9]* errors*$' "$KK_TMP/err" >"$KK_TMP/diags"
	if ! cmp -s expected.err "$KK_TMP/diags"; then
		fail "check $name: messages differ"
		diff expected.err "$KK_TMP/diags" >&2
	else
		pass
	fi
	kk --db "$db" import *.yaml >"$KK_TMP/out" 2>"$KK_TMP/err"
	expect_rc 1 $? "import $name"
	grep -v '^konkordat: [0-9]* errors*; nothing imported$' \
		"$KK_TMP/err" >"$KK_TMP/diags"
	if ! cmp -s expected.err "$KK_TMP/diags"; then
		fail "import $name: messages differ"
		diff expected.err "$KK_TMP/diags" >&2
	else
		pass
	fi
	[ "$(dump "$db")" = "$before" ] || fail "import $name changed the database"
done
[ "$n" -ge 4 ] || fail "only $n cases in bad-across/"
finish
