# The smoke version of bench/report-national: a national data set at a
# small scale (the 26 cantons, their associations, the few municipalities
# of a 1% sample with strategies of their own, 80 projects): over 30
# parties the report sums them up by kind and says where each one is; over
# 60 projects the roadmap shows 60 of them.
. "$(dirname "$0")/lib.sh"

bfs="$KK_SRCDIR/tests/data/bfs"
python3 "$KK_SRCDIR/bench/gen-national" "$KK_TMP/items" --scale 0.01 \
	--municipalities "$bfs/politische_gemeinden_2015.tsv" >/dev/null ||
	fail "gen-national"
python3 "$KK_SRCDIR/bench/gen-portfolio" \
	"$bfs/bevoelkerung_2014.tsv" "$KK_TMP/files" 80 \
	--items "$KK_TMP/items" || fail "gen-portfolio"
nmunis=$(ls "$KK_TMP/files" | grep -c '^m[0-9]*\.yaml$')
nparties=$((52 + nmunis))
# the import is bench/cost-scale's and test-cost-scale's: not under valgrind
"$KONKORDAT" --db "$KK_TMP/k.db" import -q "$KK_TMP/files"/*.yaml >/dev/null
expect_rc 0 $? "import"
out="$KK_TMP/r.html"
kk --db "$KK_TMP/k.db" report --date 2015-06-30 -o "$out"
expect_rc 0 $? "report"
xmllint --html --noout "$out" 2>"$KK_TMP/lint"
grep -E 'error|warning' "$KK_TMP/lint" |
	grep -vE 'Tag (svg|g|defs|pattern|marker|desc|rect|line|path|polygon|circle|text) invalid$' |
	grep -q . && fail "the HTML parser complains"

grep -q "<p>26 Kantone, 26 Verbände und $nmunis Gemeinden</p>" "$out" ||
	fail "the title page does not sum the parties up by kind"
grep -q "Tabelle 1: Die Partner und ihre Strategien nach Art" "$out" ||
	fail "no table of the parties by kind"
grep -q "<tr class=\"total\"><td>Total</td><td class=\"num\">$nparties</td>" "$out" ||
	fail "the parties' total is not $nparties"
grep -q "Bei $nparties Partnern fasst der Bericht sie nach ihrer Art zusammen" "$out" ||
	fail "the report does not say that it sums the parties up"
grep -q '«konkordat export xlsx»' "$out" || fail "the workbook is not named"
grep -q 'A\.1 ' "$out" && fail "the annex gives each party"
grep -q 'Bei 80 Projekten zeigt die Abbildung 60 davon' "$out" ||
	fail "the roadmap's choice is not said"
grep -q 'Budget je Projekt und Jahr' "$out" &&
	fail "a table of each project's budget per year"
# the roadmap: 60 rows of bars, each with its tooltip
gantt=$(awk '/aria-labelledby="fig-gantt-t/,/<\/svg>/' "$out" |
	grep -c '<title>Projekt [0-9]*: ')
[ "$gantt" = 60 ] || fail "the roadmap has $gantt rows, not 60"
# no table has a row per party
awk '/<table/{n=0} /<tr/{n++} /<\/table>/{if (n > m) m = n} END {print m}' \
	"$out" >"$KK_TMP/rows"
[ "$(cat "$KK_TMP/rows")" -le 82 ] ||
	fail "a table of $(cat "$KK_TMP/rows") rows"

# the workbook holds each party and each item (the export is
# test-export-portfolio's: here without valgrind)
"$KONKORDAT" --db "$KK_TMP/k.db" export xlsx -o "$KK_TMP/p.xlsx" >/dev/null
expect_rc 0 $? "export xlsx"
if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
	items=$(sqlite3 "$KK_TMP/k.db" 'SELECT count(*) FROM item' 2>/dev/null ||
		echo unknown)
	/usr/bin/python3 - "$KK_TMP/p.xlsx" "$nparties" "$items" \
		>"$KK_TMP/x.txt" 2>&1 <<'PY'
import sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
parties = wb['Parties'].max_row - 1
items = wb['Strategy items'].max_row - 1
assert parties == int(sys.argv[2]), parties
assert sys.argv[3] == 'unknown' or items == int(sys.argv[3]), items
PY
	if [ $? -eq 0 ]; then pass; else fail "workbook: $(cat "$KK_TMP/x.txt")"; fi
else
	skip "the workbook read back: python3-openpyxl is not installed"
fi
finish
