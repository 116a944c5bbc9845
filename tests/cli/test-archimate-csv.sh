# Archi's CSV triple: out and in again the same, Archi's own dialect in
# (byte order mark, semicolons, quotes, the Specialization column, the
# model row, junctions and access types), broken files refused with their
# place and the database unchanged.
. "$(dirname "$0")/lib.sh"

AM="$KK_SRCDIR/tests/data/archimate"
XSD="$KK_SRCDIR/data/archimate/archimate3_Diagram_dc.xsd"

# The Lucerne example and Archisurance as CSV,
# in and out again: the same three files.
db="$KK_TMP/k.db"
kk --db "$db" import -q "$EXAMPLE"/*.yaml >/dev/null
kk --db "$db" import archimate --party stadt-luzern "$AM/archisurance.xml" \
    >/dev/null
expect_rc 0 $? "import of archisurance.xml beside the example"
kk --db "$db" export csv -o "$KK_TMP/one" >/dev/null
expect_rc 0 $? "export csv"
for f in elements relations properties; do
	[ -f "$KK_TMP/one/$f.csv" ] && pass || fail "no $f.csv"
done
head -1 "$KK_TMP/one/elements.csv" | grep -q '^"ID","Type","Name","Documentation"' &&
	pass || fail "elements.csv header: $(head -1 "$KK_TMP/one/elements.csv")"
sed -n 2p "$KK_TMP/one/elements.csv" | grep -q '"ArchimateModel"' && pass ||
	fail "no model row"
kk --db "$KK_TMP/two.db" import csv "$KK_TMP/one" >"$KK_TMP/out" 2>&1
expect_rc 0 $? "import of the CSV export"
kk --db "$KK_TMP/two.db" export csv -o "$KK_TMP/two" >/dev/null
if diff -r "$KK_TMP/one" "$KK_TMP/two" >&2; then pass; else
	fail "CSV export, import, export is not the same"; fi
kk --db "$KK_TMP/two.db" import csv "$KK_TMP/one"/*.csv >"$KK_TMP/out" 2>&1
expect_rc 0 $? "second import of the CSV export, by file names"
grep -q '^imported: nothing changed$' "$KK_TMP/out" && pass ||
	fail "second CSV import: $(tail -1 "$KK_TMP/out")"

# Archi's dialect, as its exporter and people with spreadsheets write it.
d="$KK_TMP/archi"
mkdir -p "$d"
printf '\357\273\277"ID";"Type";"Name";"Documentation";"Specialization"\r\n' >"$d/elements.csv"
cat >>"$d/elements.csv" <<'EOF'
"model-1";"ArchimateModel";"Spreadsheet model";"kept; with a semicolon";""
"id-g1";"Goal";"Say ""yes"" to shared services";"two
lines";""
"id-c1";"CourseOfAction";"Share services";"";""
"id-a1";"ApplicationComponent";"Portal";"";"Platform"
"id-d1";"DataObject";"Register";"";""
"id-j1";"Junction";"";"";""
EOF
cat >"$d/relations.csv" <<'EOF'
ID;Type;Name;Documentation;Source;Target;Specialization
id-r1;RealizationRelationship;;;id-c1;id-g1;
id-r2;AccessRelationship;reads;;id-a1;id-d1;
id-r3;AssociationRelationship;;;id-a1;id-j1;
EOF
cat >"$d/properties.csv" <<'EOF'
"ID";"Key";"Value"
"model-1";"owner";"IT office"
"id-a1";"cost";"1200"
"id-r2";"Access_Type";"Read"
"id-j1";"Junction_Type";"Or"
EOF
kk --db "$KK_TMP/archi.db" import csv "$d" >"$KK_TMP/out" 2>&1
expect_rc 0 $? "import of Archi-style CSV: $(cat "$KK_TMP/out")"
kk --db "$KK_TMP/archi.db" export archimate -o "$KK_TMP/archi.xml" >/dev/null
expect_rc 0 $? "export of the CSV model"
if need xmllint libxml2-utils; then
	xmllint --noout --nonet --schema "$XSD" "$KK_TMP/archi.xml" 2>"$KK_TMP/err" &&
		pass || fail "the CSV model's export does not validate: $(head -3 "$KK_TMP/err")"
fi
grep -q 'Say &quot;yes&quot; to shared services\|Say "yes" to shared services' \
    "$KK_TMP/archi.xml" && pass || fail "a doubled quote was lost"
grep -q 'accessType="Read"' "$KK_TMP/archi.xml" && pass || fail "Access_Type lost"
grep -q 'xsi:type="OrJunction"' "$KK_TMP/archi.xml" && pass || fail "Junction_Type lost"
grep -q 'identifier="model-1"' "$KK_TMP/archi.xml" && pass || fail "model id lost"
kk --db "$KK_TMP/archi.db" list goals >"$KK_TMP/out"
grep -q 'Say "yes" to shared services' "$KK_TMP/out" && pass ||
	fail "the goal did not become an item: $(cat "$KK_TMP/out")"
kk --db "$KK_TMP/archi.db" export csv -o "$KK_TMP/archi-out" >/dev/null
grep -q '"id-j1","Junction_Type","Or"' "$KK_TMP/archi-out/properties.csv" &&
	pass || fail "Junction_Type not written back"

# Broken files: located, refused, nothing written.
dump "$db" >"$KK_TMP/before.sql"
b="$KK_TMP/bad"
mkdir -p "$b/quote" "$b/type" "$b/header" "$b/fields" "$b/ref"
printf '"ID","Type","Name","Documentation"\n"id-1","Goal","open quote,""\n' \
    >"$b/quote/elements.csv"
printf '"ID","Type","Name","Documentation"\n"id-1","Goul","x",""\n' \
    >"$b/type/elements.csv"
printf '"Id","Typ","Name","Documentation"\n' >"$b/header/elements.csv"
printf '"ID","Type","Name","Documentation"\n"id-1","Goal","x"\n' \
    >"$b/fields/elements.csv"
printf '"ID","Type","Name","Documentation"\n"id-1","Goal","x",""\n' \
    >"$b/ref/elements.csv"
printf '"ID","Type","Name","Documentation","Source","Target"\n"id-r","AssociationRelationship","","","id-1","id-9"\n' \
    >"$b/ref/relations.csv"
for t in "quote:elements.csv:2:[0-9]*: malformed CSV" \
    "type:elements.csv:2:8: unknown element type 'Goul'" \
    "header:elements.csv:1:6: expected the column \"Type\"" \
    "fields:elements.csv:2:[0-9]*: this row has 3 fields" \
    "ref:relations.csv:2:1: 'id-r' refers to 'id-9'"; do
	name=${t%%:*} msg=${t#*:}
	kk --db "$db" import csv "$b/$name" >"$KK_TMP/out" 2>"$KK_TMP/err"
	expect_rc 1 $? "import of $name"
	grep -q "^$b/$name/$msg" "$KK_TMP/err" && pass ||
		fail "$name: expected $msg, got: $(cat "$KK_TMP/err")"
done
kk --db "$db" import csv "$KK_TMP/nothing" >/dev/null 2>&1
expect_rc 1 $? "import of a missing folder"
dump "$db" >"$KK_TMP/after.sql"
cmp -s "$KK_TMP/before.sql" "$KK_TMP/after.sql" && pass ||
	fail "a refused CSV import changed the database"
finish
