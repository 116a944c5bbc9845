# The smoke version of bench/cost-scale: a national portfolio of 50
# projects, shared to the Rappen and compared with the SQL peer.
. "$(dirname "$0")/lib.sh"

# (not under valgrind: too slow there; tests/CMakeLists.txt leaves it out)
"$KK_SRCDIR/bench/cost-scale" "$KONKORDAT" 50 \
	"$KK_SRCDIR/tests/data/bfs/bevoelkerung_2014.tsv" >"$KK_TMP/out" 2>&1
expect_rc 0 $? "bench/cost-scale"
cat "$KK_TMP/out"
grep -q '(equal to the budget: True)' "$KK_TMP/out" ||
	fail "the shares do not add up to the budget"
grep -q '^data  *50 projects, 500 budget lines, [0-9]* payers$' "$KK_TMP/out" ||
	fail "unexpected data line"
finish
