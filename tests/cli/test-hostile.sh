# Hostile text: control characters and bidirectional overrides refused by
# every reader at their place with nothing written; what an older database
# still holds escaped on a terminal and left out of XML; messages that quote
# a value escape it and cut it short; CSV cells that a spreadsheet would run
# neutralised, numbers left numbers.
. "$(dirname "$0")/lib.sh"

H="$KK_SRCDIR/tests/data/hostile"
db="$KK_TMP/k.db"
kk --db "$db" import -q "$EXAMPLE"/*.yaml >/dev/null
expect_rc 0 $? "import of the example"
dump "$db" >"$KK_TMP/before.sql"

# unchanged WHAT: the database is as it was before the refused imports.
unchanged() {
	dump "$db" >"$KK_TMP/after.sql"
	cmp -s "$KK_TMP/before.sql" "$KK_TMP/after.sql" && pass ||
		fail "$1 changed the database"
}

# no_raw FILE WHAT: FILE holds no ESC, BEL, C1 control or U+202E.
no_raw() {
	if LC_ALL=C grep -q "$(printf '\033\\|\007\\|\302\233\\|\342\200\256')" "$1"
	then
		fail "$2: raw control characters: $(od -c "$1" | head -5)"
	else
		pass
	fi
}

# YAML: each kind once, as an escape or written as it is, at its place.
f="$H/party-escapes.yaml"
for verb in check import; do
	kk --db "$db" $verb "$f" >"$KK_TMP/out" 2>"$KK_TMP/err"
	expect_rc 1 $? "$verb of party-escapes.yaml"
	for want in "6:19: control character U+001B" \
	    "10:19: control character U+0000" \
	    "15:17: control character U+0007" \
	    "18:19: control character U+009B" \
	    "19:18: control character U+007F" \
	    "22:23: bidirectional control U+202E" \
	    "23:26: bidirectional control U+2066" \
	    "25:36: bidirectional control U+202D" \
	    "26:35: control character U+0085" \
	    "29:31: control character U+000D"; do
		grep -q "^$f:$want is not allowed in text" "$KK_TMP/err" && pass ||
			fail "$verb: expected $want, got: $(cat "$KK_TMP/err")"
	done
done
unchanged "a refused YAML import"

# ArchiMate: references XML allows, each refused at its element.
f="$H/model-controls.xml"
kk --db "$db" import archimate --party vlg "$f" >"$KK_TMP/out" 2>"$KK_TMP/err"
expect_rc 1 $? "import of model-controls.xml"
for want in "11:7: control character U+007F" \
    "15:7: control character U+009B" \
    "18:7: bidirectional control U+202E" \
    "21:7: bidirectional control U+2069" \
    "24:7: control character U+000D" \
    "27:11: bidirectional control U+202A"; do
	grep -q "^$f:$want is not allowed in text" "$KK_TMP/err" && pass ||
		fail "archimate: expected $want, got: $(cat "$KK_TMP/err")"
done
unchanged "a refused ArchiMate import"

# Archi's CSV: each kind in a name, at its byte.
c="$KK_TMP/csv"
for t in 'esc:\033:U+001B' 'bel:\007:U+0007' 'nul:\000:U+0000' \
    'del:\177:U+007F' 'c1:\302\233:U+009B' 'rlo:\342\200\256:U+202E' \
    'pdi:\342\201\251:U+2069'; do
	name=${t%%:*} rest=${t#*:}
	bytes=${rest%%:*} cp=${rest#*:}
	mkdir -p "$c/$name"
	{
		printf '"ID","Type","Name","Documentation"\r\n'
		printf '"model-1","ArchimateModel","Modell",""\r\n'
		printf '"id-1","Goal","ab'"$bytes"'c",""\r\n'
	} >"$c/$name/elements.csv"
	kk --db "$db" import csv "$c/$name" >"$KK_TMP/out" 2>"$KK_TMP/err"
	expect_rc 1 $? "CSV import with $name"
	grep -q "^$c/$name/elements.csv:3:18: .* $cp is not allowed in text" \
	    "$KK_TMP/err" && pass ||
		fail "csv $name: expected 3:18 $cp, got: $(cat "$KK_TMP/err")"
done
unchanged "a refused CSV import"

# Diagnostics: a file's name and the values quoted are escaped, always.
bad="$KK_TMP/$(printf 'x\033[2Jy.yaml')"
printf 'party:\n  id: "a\033]0;t\007"\n  name: A\n  kind: kanton\n' >"$bad"
kk check "$bad" >"$KK_TMP/out" 2>"$KK_TMP/err"
expect_rc 1 $? "check of a file with an escape in its name"
no_raw "$KK_TMP/err" "check's diagnostics"
grep -q 'x\\x1b\[2Jy.yaml:4:9: unknown kind' "$KK_TMP/err" && pass ||
	fail "the file name is not shown escaped: $(cat "$KK_TMP/err")"

# A megabyte identifier: refused, and the message stays short.
big="$KK_TMP/big.yaml"
{
	printf 'party:\n  id: '
	head -c 1048576 /dev/zero | tr '\0' 'a'
	printf '\n  name: Big\n  kind: city\n'
} >"$big"
kk --db "$db" import "$big" >"$KK_TMP/out" 2>"$KK_TMP/err"
expect_rc 1 $? "import of a megabyte id"
n=$(wc -c <"$KK_TMP/err")
[ "$n" -lt 1000 ] && pass || fail "the message about a megabyte id has $n bytes"
grep -q "invalid id 'aaa*…aaa*'" "$KK_TMP/err" && pass ||
	fail "the id is not quoted cut short: $(head -c 300 "$KK_TMP/err")"
unchanged "a refused megabyte id"

# An older database that holds such text (written before imports refused it).
old="$KK_TMP/old.db"
cp "$db" "$old"
sqlite3 "$old" "UPDATE item SET title = 'Migration' || char(27) || '[2J' ||
    char(7) || ' ' || char(155) || ' x' || char(8238) || 'y' || char(127),
    body = 'eins' || char(10) || 'zwei' || char(27) || ']0;t' || char(7)
    WHERE strategy_id = 'iggi-2012' AND id = 'z1';
    UPDATE item SET title = '=HYPERLINK(\"http://x\";\"y\")'
    WHERE strategy_id = 'iggi-2012' AND id = 'z2';
    UPDATE item SET title = '-1200.00'
    WHERE strategy_id = 'iggi-2012' AND id = 'z3';"
expect_rc 0 $? "an older database made"
sqlite3 "$old" "UPDATE project SET title = 'Portal' || char(27) || '[2J'
    WHERE id = 'einwohnerportal'"

# On a terminal, 'list' and 'show' show control characters escaped.
if need script bsdutils; then
	script -qec "$KK_WRAP '$KONKORDAT' --db '$old' list goals --party iggi" \
	    /dev/null >"$KK_TMP/tty" 2>&1
	no_raw "$KK_TMP/tty" "list on a terminal"
	grep -q 'Migration\\x1b\[2J\\x07 <U+009B> x<U+202E>y\\x7f' "$KK_TMP/tty" &&
		pass || fail "list on a terminal: $(cat "$KK_TMP/tty")"
	script -qec "$KK_WRAP '$KONKORDAT' --db '$old' show iggi-2012/z1" \
	    /dev/null >"$KK_TMP/tty" 2>&1
	no_raw "$KK_TMP/tty" "show on a terminal"
	grep -q 'zwei\\x1b\]0;t\\x07' "$KK_TMP/tty" && pass ||
		fail "show on a terminal: $(cat "$KK_TMP/tty")"
	script -qec "$KK_WRAP '$KONKORDAT' --db '$old' project show einwohnerportal" \
	    /dev/null >"$KK_TMP/tty" 2>&1
	no_raw "$KK_TMP/tty" "project show on a terminal"
	grep -q 'Portal\\x1b\[2J' "$KK_TMP/tty" && pass ||
		fail "project show on a terminal: $(cat "$KK_TMP/tty")"
	kk --db "$old" align >/dev/null 2>&1
	expect_rc 0 $? "align of the older database"
	g=$(kk --db "$old" review list --csv | grep ',iggi-2012/z1,' | cut -d, -f1 |
	    head -1)
	script -qec "$KK_WRAP '$KONKORDAT' --db '$old' review show $g" \
	    /dev/null >"$KK_TMP/tty" 2>&1
	no_raw "$KK_TMP/tty" "review show on a terminal"
	grep -q 'iggi-2012/z1  Migration\\x1b\[2J' "$KK_TMP/tty" && pass ||
		fail "review show $g on a terminal: $(cat "$KK_TMP/tty")"
fi
# Elsewhere (a pipe, a file) the table is the data, unchanged.
kk --db "$old" list goals --party iggi >"$KK_TMP/out"
grep -q "$(printf 'Migration\033\\[2J')" "$KK_TMP/out" && pass ||
	fail "list into a pipe changed the text"

# XML out of it stays XML: the control characters are left out.
kk --db "$old" export archimate -o "$KK_TMP/old.xml" >"$KK_TMP/out" \
    2>"$KK_TMP/err"
expect_rc 0 $? "export archimate of the older database"
grep -q 'warning: control characters left out of the export, as XML cannot hold them: [1-9]' \
    "$KK_TMP/err" && pass || fail "no warning: $(cat "$KK_TMP/err")"
if need xmllint libxml2-utils; then
	xmllint --noout --nonet "$KK_TMP/old.xml" 2>"$KK_TMP/err" && pass ||
		fail "the ArchiMate export is not XML: $(head -3 "$KK_TMP/err")"
fi
no_raw "$KK_TMP/old.xml" "the ArchiMate export"
kk --db "$old" report -o "$KK_TMP/old.html" >/dev/null 2>&1
expect_rc 0 $? "report of the older database"
no_raw "$KK_TMP/old.html" "the HTML report"
kk --db "$old" export ics -o "$KK_TMP/old.ics" >/dev/null 2>&1
expect_rc 0 $? "export ics of the older database"
no_raw "$KK_TMP/old.ics" "the calendar"
grep -q 'Portal\[2J' "$KK_TMP/old.ics" && pass ||
	fail "the calendar lost more than the control character"

# CSV: a formula gets a leading quote, a number stays a number.
kk --db "$old" list goals --party iggi --csv >"$KK_TMP/out"
grep -q "^iggi-2012/z2,hf1,\"'=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\"" \
    "$KK_TMP/out" && pass || fail "list --csv: $(cat "$KK_TMP/out")"
grep -q '^iggi-2012/z3,hf1,-1200.00' "$KK_TMP/out" && pass ||
	fail "list --csv changed a number: $(cat "$KK_TMP/out")"
sqlite3 "$old" "UPDATE item SET title = 'Migration' WHERE id = 'z1' AND
    strategy_id = 'iggi-2012';
    UPDATE item SET title = '''@SUM(A1)' WHERE id = 'z4' AND
    strategy_id = 'iggi-2012'"
kk --db "$old" export csv -o "$KK_TMP/one" >/dev/null 2>"$KK_TMP/err"
expect_rc 0 $? "export csv of formula-like names"
grep -q 'warning: control characters left out of the export' "$KK_TMP/err" &&
	pass || fail "export csv: no warning: $(cat "$KK_TMP/err")"
no_raw "$KK_TMP/one/elements.csv" "the CSV export"
grep -q "\"'=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\"" "$KK_TMP/one/elements.csv" &&
	pass || fail "elements.csv: a formula without its quote"
grep -q '"-1200.00"' "$KK_TMP/one/elements.csv" && pass ||
	fail "elements.csv: a number changed"
grep -q "\"''@SUM(A1)\"" "$KK_TMP/one/elements.csv" && pass ||
	fail "elements.csv: a quote before a formula not doubled"
# and back: the quote that the export added goes again, nothing else
kk --db "$KK_TMP/two.db" import csv "$KK_TMP/one" >/dev/null 2>&1
expect_rc 0 $? "import of the exported CSV"
kk --db "$KK_TMP/two.db" export csv -o "$KK_TMP/two" >/dev/null 2>&1
diff -r "$KK_TMP/one" "$KK_TMP/two" >&2 && pass ||
	fail "CSV export, import, export is not the same"
kk --db "$KK_TMP/two.db" export archimate -o "$KK_TMP/two.xml" >/dev/null
grep -q ">'@SUM(A1)<" "$KK_TMP/two.xml" && pass ||
	fail "a name with a quote before a formula did not come back as it was"
finish
