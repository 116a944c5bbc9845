# The portfolio as a workbook (read back with openpyxl) and as a calendar.
. "$(dirname "$0")/lib.sh"

db="$KK_TMP/k.db"
kk --db "$db" import -q "$EXAMPLE"/*.yaml >/dev/null
expect_rc 0 $? "import"

kk --db "$db" export xlsx >/dev/null 2>&1
expect_rc 2 $? "xlsx without -o"
kk --db "$db" export xlsx -o "$KK_TMP/p.xlsx" >/dev/null
expect_rc 0 $? "export xlsx"
if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
	/usr/bin/python3 - "$KK_TMP/p.xlsx" <<'PY' >"$KK_TMP/xlsx.txt" 2>&1
import sys
from decimal import Decimal
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == ['Portfolio', 'Budget per year', 'Shares per party',
                         'Infrastructure', 'Parties', 'Strategy items'], \
    wb.sheetnames
for ws in wb:
    assert ws.freeze_panes == 'A2', (ws.title, ws.freeze_panes)
    assert ws['A1'].font.b, ws.title
p = wb['Portfolio']
assert p.max_row == 17, p.max_row          # 16 projects and the heading
assert p['I2'].number_format == '#,##0.00', p['I2'].number_format
assert p['G2'].is_date, p['G2'].value
budget = sum(Decimal(str(r[8].value)) for r in p.iter_rows(min_row=2))
s = wb['Shares per party']
last = s.max_row
assert s.cell(last, 1).value == 'Total'
total = Decimal(str(s.cell(last, s.max_column).value))
parts = sum(Decimal(str(s.cell(r, s.max_column).value)) for r in range(2, last))
assert total == budget == parts == Decimal('34140000'), (total, budget, parts)
b = wb['Budget per year']
assert Decimal(str(b.cell(b.max_row, b.max_column).value)) == budget
assert wb['Infrastructure'].max_row == 13
# the four parties with files of their own, each with its strategy's size
p = {r[0]: r for r in wb['Parties'].iter_rows(min_row=2, values_only=True)}
assert sorted(p) == ['iggi', 'kanton-luzern', 'stadt-luzern', 'vlg'], sorted(p)
assert p['stadt-luzern'][1:6] == ('Stadt Luzern', 'city', 1061, 77491,
                                  'stadt-luzern-2012'), p['stadt-luzern']
items = list(wb['Strategy items'].iter_rows(min_row=2, values_only=True))
assert len(items) == sum(sum(r[10:14]) for r in p.values()), len(items)
goals = [r for r in items if r[1] == 'stadt-luzern-2012' and r[3] == 'goal']
assert len(goals) == p['stadt-luzern'][11] and all(r[4] for r in goals)
print('workbook ok', budget)
PY
	if [ $? -eq 0 ]; then pass; else fail "workbook: $(cat "$KK_TMP/xlsx.txt")"; fi
else
	skip "the workbook read back: python3-openpyxl is not installed"
fi

SOURCE_DATE_EPOCH=1372550400 kk --db "$db" export ics -o "$KK_TMP/p.ics" >/dev/null
expect_rc 0 $? "export ics"
ics="$KK_TMP/p.ics"
[ "$(grep -c '^BEGIN:VEVENT' "$ics")" = 47 ] ||
	fail "ics: $(grep -c '^BEGIN:VEVENT' "$ics") events, expected 6 + 34 + 7"
[ "$(grep -c '^BEGIN:VEVENT' "$ics")" = "$(grep -c '^END:VEVENT' "$ics")" ] ||
	fail "ics: unbalanced events"
grep -q '^DTSTAMP:20130630T000000Z' "$ics" || fail "ics: DTSTAMP not fixed"
grep -q '^DTSTART;VALUE=DATE:20110907' "$ics" || fail "ics: letter of intent"
[ "$(grep -vc "$(printf '\r')\$" "$ics")" = 0 ] || fail "ics: lines without CRLF"
awk '{ if (length($0) > 76) bad++ } END { exit bad > 0 }' "$ics" ||
	fail "ics: lines longer than 75 octets"

# the infrastructure of the example: what could be merged, on a day
kk --db "$db" infra consolidation --today 2015-06-30 --csv >"$KK_TMP/out"
expect_rc 0 $? "infra consolidation"
grep -q '^data-centre,rechenzentrum,rz-kanton rz-stadt,kanton-luzern stadt-luzern,2950000.00,850000.00' \
	"$KK_TMP/out" || fail "consolidation: $(cat "$KK_TMP/out")"
[ "$(wc -l <"$KK_TMP/out")" = 4 ] || fail "consolidation: 3 groups expected"
kk --db "$db" infra consolidation --today 2013-06-30 --csv >"$KK_TMP/out"
[ "$(wc -l <"$KK_TMP/out")" = 2 ] ||
	fail "on 2013-06-30 only the data centres run twice: $(cat "$KK_TMP/out")"
kk --db "$db" infra party iggi --csv >"$KK_TMP/out"
grep -q '^ekr-iggi,' "$KK_TMP/out" || fail "infra party iggi"
grep -q '^gever-kanton,' "$KK_TMP/out" && fail "infra party iggi lists the canton's"
kk --db "$db" infra show rz-kanton >"$KK_TMP/out"
expect_rc 0 $? "infra show"
kk --db "$db" infra show nothing >/dev/null 2>&1
expect_rc 1 $? "infra show unknown"
finish
