# ArchiMate exchange files: the shared samples and the Lucerne example out
# and in again, valid against the official schemas; hostile XML refused
# with its place and the database unchanged.
. "$(dirname "$0")/lib.sh"

AM="$KK_SRCDIR/tests/data/archimate"
XSD="$KK_SRCDIR/data/archimate/archimate3_Diagram_dc.xsd"
have_xmllint=true
need xmllint libxml2-utils || have_xmllint=false

# valid FILE WHAT: the file validates against the official schemas
valid() {
	if ! $have_xmllint; then
		return
	fi
	if xmllint --noout --nonet --schema "$XSD" "$1" >"$KK_TMP/xsd" 2>&1; then
		pass
	else
		fail "$2 does not validate: $(head -5 "$KK_TMP/xsd")"
	fi
}

# count FILE TAG: how many <TAG ...> start tags the file has
count() {
	grep -o "<$2[ >/]" "$1" | wc -l | tr -d ' '
}

# ids FILE TAG: the identifier and xsi:type of each TAG, sorted
ids() {
	xmllint --xpath "//*[local-name()='$2']/@*[local-name()='identifier' or local-name()='type']" "$1" 2>/dev/null |
		tr ' ' '\n' | grep . | paste - - | sort
}

# names FILE: every name with its language, sorted
names() {
	xmllint --xpath "//*[local-name()='elements' or local-name()='relationships']//*[local-name()='name']" "$1" 2>/dev/null |
		sed 's/<name/\n<name/g' | grep . | sort
}

roundtrip() {
	src=$1 name=$2
	db="$KK_TMP/$name.db"
	kk --db "$db" import archimate "$src" >"$KK_TMP/out" 2>&1
	expect_rc 0 $? "import of $name"
	kk --db "$db" export archimate -o "$KK_TMP/$name.xml" >/dev/null 2>&1
	expect_rc 0 $? "export of $name"
	valid "$KK_TMP/$name.xml" "the export of $name"
	for tag in element relationship property propertyDefinition view item; do
		a=$(count "$src" "$tag") b=$(count "$KK_TMP/$name.xml" "$tag")
		[ "$a" = "$b" ] && pass ||
			fail "$name: $a <$tag> in, $b out"
	done
	for tag in element relationship; do
		ids "$src" "$tag" >"$KK_TMP/a"
		ids "$KK_TMP/$name.xml" "$tag" >"$KK_TMP/b"
		if cmp -s "$KK_TMP/a" "$KK_TMP/b"; then pass; else
			fail "$name: identifiers or types of <$tag> differ"
			diff "$KK_TMP/a" "$KK_TMP/b" | head -5 >&2
		fi
	done
	names "$src" >"$KK_TMP/a"
	names "$KK_TMP/$name.xml" >"$KK_TMP/b"
	cmp -s "$KK_TMP/a" "$KK_TMP/b" && pass || fail "$name: names differ"
	# what the import added is one audit row, with the number of each kind
	a=$(count "$src" element)
	sqlite3 "$db" "SELECT after FROM audit WHERE entity LIKE 'archimate model %: added'" |
		grep -q "^{\"elements\":$a," && pass ||
		fail "$name: no audit row of the $a elements added"
	[ "$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE entity LIKE 'archimate element %'")" = 0 ] &&
		pass || fail "$name: an audit row per element added"
	# importing the file again changes nothing, not even the audit log
	audit=$(sqlite3 "$db" 'SELECT count(*) FROM audit')
	kk --db "$db" import archimate "$src" >"$KK_TMP/out" 2>&1
	expect_rc 0 $? "second import of $name"
	grep -q '^imported: nothing changed$' "$KK_TMP/out" ||
		fail "second import of $name: $(tail -1 "$KK_TMP/out")"
	[ "$(sqlite3 "$db" 'SELECT count(*) FROM audit')" = "$audit" ] ||
		fail "second import of $name wrote audit rows"
	# and importing the export into a new database gives the same export
	kk --db "$KK_TMP/$name-2.db" import archimate "$KK_TMP/$name.xml" \
	    >/dev/null 2>&1
	expect_rc 0 $? "import of the export of $name"
	kk --db "$KK_TMP/$name-2.db" export archimate \
	    -o "$KK_TMP/$name-2.xml" >/dev/null 2>&1
	cmp -s "$KK_TMP/$name.xml" "$KK_TMP/$name-2.xml" && pass ||
		fail "$name: export, import, export is not byte-identical"
}

if $have_xmllint; then
	roundtrip "$AM/Sample1.xml" sample1
	roundtrip "$AM/archisurance.xml" archisurance
	roundtrip "$AM/bendpoint.test.xml" bendpoint
	# the principles of Archisurance became items of a strategy
	out=$(kk --db "$KK_TMP/archisurance.db" list principles --party archisurance)
	[ "$(echo "$out" | grep -c '^archisurance/')" = 9 ] && pass ||
		fail "not 9 principles listed: $out"
fi

# The Lucerne example out, valid, with a view per strategy.
db="$KK_TMP/luzern.db"
kk --db "$db" import -q "$EXAMPLE"/*.yaml >/dev/null
expect_rc 0 $? "import of the example"
kk --db "$db" export archimate -o "$KK_TMP/luzern.xml" >/dev/null
expect_rc 0 $? "export archimate of the example"
valid "$KK_TMP/luzern.xml" "the Lucerne export"
[ "$(count "$KK_TMP/luzern.xml" view)" -ge 5 ] && pass ||
	fail "the Lucerne export has fewer than 5 views"
grep -q 'xsi:type="Plateau"' "$KK_TMP/luzern.xml" && pass ||
	fail "no plateaus in the Lucerne export"
grep -q 'type="currency"' "$KK_TMP/luzern.xml" && pass ||
	fail "no currency property in the Lucerne export"
kk --db "$db" export archimate >"$KK_TMP/stdout.xml"
cmp -s "$KK_TMP/luzern.xml" "$KK_TMP/stdout.xml" && pass ||
	fail "export to standard output differs from -o"
# and into a database of its own: konkordat's own elements become a model
kk --db "$KK_TMP/luzern-2.db" import archimate "$KK_TMP/luzern.xml" \
    >"$KK_TMP/out" 2>&1
expect_rc 0 $? "import of the Lucerne export"
kk --db "$KK_TMP/luzern-2.db" export archimate -o "$KK_TMP/luzern-2.xml" \
    >/dev/null 2>&1
valid "$KK_TMP/luzern-2.xml" "the Lucerne export imported and exported"
[ "$(count "$KK_TMP/luzern.xml" element)" = \
  "$(count "$KK_TMP/luzern-2.xml" element)" ] && pass ||
	fail "the Lucerne export lost elements on the way through"
# importing it into the database it came from adds nothing of its own
before=$(sqlite3 "$db" 'SELECT count(*) FROM am_concept')
kk --db "$db" import archimate --party stadt-luzern "$KK_TMP/luzern.xml" \
    >"$KK_TMP/out" 2>&1
expect_rc 0 $? "import of the export into its own database"
[ "$(sqlite3 "$db" 'SELECT count(*) FROM am_concept')" = "$before" ] && pass ||
	fail "konkordat's own elements were kept as foreign ones"
# a foreign model beside konkordat's own: one file, still valid
if $have_xmllint; then
	kk --db "$db" import archimate --party kanton-luzern "$AM/archisurance.xml" \
	    >/dev/null 2>&1
	expect_rc 0 $? "import of archisurance.xml for kanton-luzern"
	kk --db "$db" export archimate -o "$KK_TMP/mixed.xml" >/dev/null
	valid "$KK_TMP/mixed.xml" "the export of the example with Archisurance"
	[ "$(count "$KK_TMP/mixed.xml" element)" -gt \
	  "$(count "$KK_TMP/luzern.xml" element)" ] && pass ||
		fail "the mixed export lacks Archisurance's elements"
	kk --db "$db" list principles --party kanton-luzern | grep -q 'id-' &&
		pass || fail "Archisurance's principles are not kanton-luzern's"
fi

# Hostile or broken files: refused, located, nothing written.
db="$KK_TMP/hostile.db"
kk --db "$db" import -q "$EXAMPLE"/*.yaml >/dev/null
dump "$db" >"$KK_TMP/before.sql"
h="$KK_TMP/hostile"
mkdir -p "$h"
head='<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="id-m">'
cat >"$h/xxe.xml" <<EOF
<?xml version="1.0"?>
<!DOCTYPE model [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
$head<name>&secret;</name></model>
EOF
cat >"$h/laughs.xml" <<EOF
<?xml version="1.0"?>
<!DOCTYPE model [
<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
]>
$head<name>&h;</name></model>
EOF
cat >"$h/dtd.xml" <<EOF
<?xml version="1.0"?>
<!DOCTYPE model SYSTEM "model.dtd">
$head<name>x</name></model>
EOF
cat >"$h/network.xml" <<EOF
<?xml version="1.0"?>
<!DOCTYPE model PUBLIC "-//x//y" "http://127.0.0.1:9/model.dtd">
$head<name>x</name></model>
EOF
cat >"$h/xinclude.xml" <<EOF
<?xml version="1.0"?>
$head<name>x</name><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="http://127.0.0.1:9/x.xml"/></model>
EOF
head -c 3000 "$AM/archisurance.xml" >"$h/truncated.xml"
cat >"$h/namespace.xml" <<EOF
<?xml version="1.0"?>
<model xmlns="http://www.opengroup.org/xsd/archimate/2.1/" identifier="id-m"><name>x</name></model>
EOF
cat >"$h/unknown-type.xml" <<EOF
<?xml version="1.0"?>
$head<name>x</name>
<elements>
  <element identifier="id-1" xsi:type="BusinessActor"><name>a</name></element>
  <element identifier="id-2" xsi:type="BusinessAktor"><name>b</name></element>
</elements></model>
EOF
cat >"$h/dangling.xml" <<EOF
<?xml version="1.0"?>
$head<name>x</name>
<elements>
  <element identifier="id-1" xsi:type="Goal"><name>a</name></element>
</elements>
<relationships>
  <relationship identifier="id-r" xsi:type="Association" source="id-1" target="id-9"/>
</relationships></model>
EOF
cat >"$h/duplicate.xml" <<EOF
<?xml version="1.0"?>
$head<name>x</name>
<elements>
  <element identifier="id-1" xsi:type="Goal"><name>a</name></element>
  <element identifier="id-1" xsi:type="Goal"><name>b</name></element>
</elements></model>
EOF
# FILE EXPECTED-MESSAGE (a grep pattern; the place is checked too)
for t in "xxe:DOCTYPE is not accepted" \
    "laughs:\(DOCTYPE is not accepted\|entity expansion refused\)" \
    "dtd:DOCTYPE is not accepted" "network:DOCTYPE is not accepted" \
    "xinclude:XInclude is not accepted" \
    "truncated:malformed XML" "namespace:not an ArchiMate exchange file" \
    "unknown-type:unknown element type 'BusinessAktor'" \
    "dangling:'id-r' refers to 'id-9', which is not in the model" \
    "duplicate:identifier 'id-1' is used twice"; do
	name=${t%%:*} msg=${t#*:}
	kk --db "$db" import archimate "$h/$name.xml" >"$KK_TMP/out" 2>"$KK_TMP/err"
	expect_rc 1 $? "import of $name.xml"
	grep -q "^$h/$name.xml:[0-9][0-9]*:[0-9][0-9]*: .*$msg" "$KK_TMP/err" && pass ||
		fail "$name.xml: expected FILE:LINE:COLUMN: ...$msg..., got: $(cat "$KK_TMP/err")"
	grep -q 'root:' "$KK_TMP/err" && fail "$name.xml: /etc/passwd leaked"
	dump "$db" >"$KK_TMP/after.sql"
	cmp -s "$KK_TMP/before.sql" "$KK_TMP/after.sql" && pass ||
		fail "$name.xml changed the database"
done
# the places: the second id-1 is on line 5, column 3
kk --db "$db" import archimate "$h/duplicate.xml" 2>&1 |
	grep -q "duplicate.xml:5:3: " && pass || fail "duplicate.xml: wrong place"
kk --db "$db" import archimate "$h/unknown-type.xml" 2>&1 |
	grep -q "unknown-type.xml:5:3: " && pass || fail "unknown-type.xml: wrong place"
kk --db "$db" import archimate "$h/dangling.xml" 2>&1 |
	grep -q "dangling.xml:7:3: " && pass || fail "dangling.xml: wrong place"
# concepts are written in batches: a duplicate deep in a batch is still
# found and placed, and nothing is written
sh "$KK_SRCDIR/bench/archimate-scale" --generate 300 "$h/gen.xml"
sed 's/<element identifier="id-e150" /<element identifier="id-e20" /' \
    "$h/gen.xml" >"$h/dup300.xml"
line=$(grep -n 'identifier="id-e20"' "$h/dup300.xml" | tail -1 | cut -d: -f1)
kk --db "$db" import archimate "$h/dup300.xml" >/dev/null 2>"$KK_TMP/err"
expect_rc 1 $? "import of a duplicate in a batch"
grep -q "dup300.xml:$line:5: identifier 'id-e20' is used twice" "$KK_TMP/err" &&
	pass || fail "duplicate in a batch: $(cat "$KK_TMP/err")"
kk --db "$db" import archimate "$h/none.xml" >/dev/null 2>&1
expect_rc 1 $? "import of a missing file"
kk --db "$db" import archimate --party nobody "$AM/Sample1.xml" \
    >/dev/null 2>"$KK_TMP/err"
expect_rc 1 $? "import for a party that does not exist"
grep -q "no party 'nobody'" "$KK_TMP/err" || fail "--party nobody: $(cat "$KK_TMP/err")"
dump "$db" >"$KK_TMP/after.sql"
cmp -s "$KK_TMP/before.sql" "$KK_TMP/after.sql" && pass ||
	fail "a refused import changed the database"

# A generated model of some thousand elements, in and out (bench/ has the
# big one); fewer under valgrind.
n=10000
[ -n "$KK_WRAP" ] && n=200
sh "$KK_SRCDIR/bench/archimate-scale" --generate "$n" "$KK_TMP/gen.xml"
kk --db "$KK_TMP/gen.db" import archimate "$KK_TMP/gen.xml" >"$KK_TMP/out" 2>&1
expect_rc 0 $? "import of $n generated elements"
grep -q "^$KK_TMP/gen.xml: $n elements, $n relationships" "$KK_TMP/out" && pass ||
	fail "generated import: $(head -1 "$KK_TMP/out")"
kk --db "$KK_TMP/gen.db" export archimate -o "$KK_TMP/gen-out.xml" >/dev/null
expect_rc 0 $? "export of $n generated elements"
[ "$(count "$KK_TMP/gen-out.xml" element)" = "$n" ] && pass ||
	fail "generated export lost elements"
valid "$KK_TMP/gen-out.xml" "the generated export"

# A model imported again after edits (an element moved, one renamed, one
# removed with its two relationships and their folder items, one added)
# comes out as the edited file imported into a new database, and the
# import says what changed.
sh "$KK_SRCDIR/bench/archimate-scale" --generate 300 "$KK_TMP/ed.xml"
awk '
/<element identifier="id-e[0-9]*" / { cur = $2 }
cur == "identifier=\"id-e10\"" { held = held $0 "\n" }
cur == "identifier=\"id-e10\"" && /<\/element>/ { cur = ""; next }
cur == "identifier=\"id-e10\"" { next }
cur == "identifier=\"id-e150\"" { if (/<\/element>/) cur = ""; next }
/identifier="id-r149" |identifier="id-r150" / { next }
/identifierRef="id-e150" |identifierRef="id-r149" |identifierRef="id-r150" / { next }
cur == "identifier=\"id-e20\"" { sub(/ApplicationComponent 20/, "Renamed 20") }
{ print }
/<\/element>/ && cur == "identifier=\"id-e100\"" {
	print "    <element identifier=\"id-x1\" xsi:type=\"Node\">"
	print "      <name xml:lang=\"en\">Added</name>"
	print "    </element>"
}
/<\/element>/ && cur == "identifier=\"id-e200\"" { printf "%s", held }
' "$KK_TMP/ed.xml" >"$KK_TMP/ed2.xml"
kk --db "$KK_TMP/ed.db" import archimate "$KK_TMP/ed.xml" >/dev/null 2>&1
expect_rc 0 $? "import of the model to edit"
kk --db "$KK_TMP/ed.db" import archimate "$KK_TMP/ed2.xml" >"$KK_TMP/out" 2>&1
expect_rc 0 $? "import of the edited model over it"
grep -q '^imported: 1 added, 3 changed, 3 removed$' "$KK_TMP/out" && pass ||
	fail "edited model: $(tail -1 "$KK_TMP/out")"
kk --db "$KK_TMP/ed-new.db" import archimate "$KK_TMP/ed2.xml" >/dev/null 2>&1
expect_rc 0 $? "import of the edited model into a new database"
kk --db "$KK_TMP/ed.db" export archimate -o "$KK_TMP/ed-a.xml" >/dev/null
kk --db "$KK_TMP/ed-new.db" export archimate -o "$KK_TMP/ed-b.xml" >/dev/null
[ "$(count "$KK_TMP/ed-a.xml" element)" = 300 ] && pass ||
	fail "edited model: not 300 elements"
grep -q 'identifier="id-e150"' "$KK_TMP/ed-a.xml" &&
	fail "edited model: the removed element is still there"
cmp -s "$KK_TMP/ed-a.xml" "$KK_TMP/ed-b.xml" && pass ||
	fail "edited model imported over the old one is not the edited model"
finish
