# The smoke version of bench/align-national: the synthetic national corpus
# at 2% (about 1,900 items of some 47 strategies in German, French and
# Italian) aligned from TSV with the default settings. Every item lands in
# exactly one group, the grouping scores well above chance against the
# corpus's own gold, and the run is the same on one thread as on several.
# No timing: the bench measures that, beside its peer.
. "$(dirname "$0")/lib.sh"

python3 "$KK_SRCDIR/bench/gen-national" "$KK_TMP" --scale 0.02 \
	--municipalities "$KK_SRCDIR/tests/data/bfs/politische_gemeinden_2015.tsv" \
	>/dev/null || fail "gen-national"
export XDG_CACHE_HOME="$KK_TMP/../lexicon-cache"
# a large run: under valgrind only the smaller alignment tests
"$KONKORDAT" align --from-tsv "$KK_TMP/items.tsv" \
	--groups-tsv "$KK_TMP/groups.tsv" 2>"$KK_TMP/err"
expect_rc 0 $? "align --from-tsv"
items=$(($(wc -l <"$KK_TMP/items.tsv") - 1))
rows=$(($(wc -l <"$KK_TMP/groups.tsv") - 1))
[ "$items" -gt 1000 ] || fail "only $items items generated"
[ "$rows" -eq "$items" ] || fail "$rows group rows for $items items"
if [ "$(tail -n +2 "$KK_TMP/groups.tsv" | cut -f3 | sort | uniq -d | wc -l)" -eq 0 ]
then pass; else fail "an item in two groups"; fi
score=$(python3 "$KK_SRCDIR/bench/score-groups.py" "$KK_TMP/items.tsv" \
	"$KK_TMP/gold.tsv" "$KK_TMP/groups.tsv")
f1=$(echo "$score" | sed -n 's/.*f1=\([0-9.]*\).*/\1/p')
echo "national 2%: $score"
# a floor far below what it scores (0.6-0.7 at every scale measured) and
# far above chance: catches a broken grouping, not a small drift
if awk -v f="$f1" 'BEGIN { exit !(f >= 0.4) }'; then pass
else fail "F1 $f1 below 0.4"; fi
# the neighbour search on one thread gives the same groups
"$KONKORDAT" align --threads 1 --from-tsv "$KK_TMP/items.tsv" \
	--groups-tsv "$KK_TMP/groups1.tsv" 2>/dev/null
if cmp -s "$KK_TMP/groups.tsv" "$KK_TMP/groups1.tsv"; then pass
else fail "one thread and several give other groups"; fi
finish
