# An ArchiMate import checks what the exchange format's schema checks,
# before it writes: each file of tests/data/archimate-invalid/ (one fault
# each) is refused at the place its README gives, and nothing is written;
# DOCTYPE, entities and XInclude are refused where they are written; what
# is accepted exports as a file the schema validates.
. "$(dirname "$0")/lib.sh"

INVALID="$KK_SRCDIR/tests/data/archimate-invalid"
XSD="$KK_SRCDIR/data/archimate/archimate3_Diagram_dc.xsd"

# refused FILE PLACE WHAT: the import of FILE fails with a message at
# FILE:PLACE (and one matching WHAT, a grep pattern, if given), and the
# database is as it was.
refused() {
	kk --db "$db" import archimate "$1" >"$KK_TMP/out" 2>"$KK_TMP/err"
	expect_rc 1 $? "import of $(basename "$1")"
	grep -q "^$1:$2: " "$KK_TMP/err" && pass ||
		fail "$(basename "$1"): expected a message at $2, got: $(cat "$KK_TMP/err")"
	[ -z "${3:-}" ] || grep -q "^$1:$2: .*$3" "$KK_TMP/err" && pass ||
		fail "$(basename "$1"): expected '$3' at $2, got: $(cat "$KK_TMP/err")"
	dump "$db" >"$KK_TMP/after.sql"
	cmp -s "$KK_TMP/before.sql" "$KK_TMP/after.sql" && pass ||
		fail "$(basename "$1") changed the database"
	cp "$KK_TMP/err" "$KK_TMP/err-$(basename "$1")"
}

# said FILE PLACE WHAT: what the import of FILE (in the set) said at PLACE
# matches WHAT.
said() {
	grep -q "^$INVALID/$1:$2: .*$3" "$KK_TMP/err-$1" && pass ||
		fail "$1: expected '$3' at $2, got: $(cat "$KK_TMP/err-$1")"
}

db="$KK_TMP/k.db"
kk --db "$db" import -q "$EXAMPLE"/*.yaml >/dev/null
dump "$db" >"$KK_TMP/before.sql"

# 1. The invalid set: every file the README names, at its place.
n=0
sed -n 's/^| `\([a-z0-9-]*\.xml\)` | .* | \([0-9]*:[0-9]*\) |$/\1 \2/p' \
    "$INVALID/README.md" >"$KK_TMP/places"
while read -r file place; do
	refused "$INVALID/$file" "$place"
	n=$((n + 1))
done <"$KK_TMP/places"
[ "$n" -ge 40 ] && pass || fail "the README names $n invalid files"
# and the README names every file there
for f in "$INVALID"/*.xml; do
	name=$(basename "$f")
	[ "$name" = valid.xml ] && continue
	grep -q "^$name " "$KK_TMP/places" && pass ||
		fail "$name is not in tests/data/archimate-invalid/README.md"
done

# the messages say what is wrong
said node-width-0.xml 58:9 \
    "schema: element 'node', attribute 'w': '0' is not a valid value"
said id-space.xml 19:5 "'g 1' is not a valid value of the atomic type 'xs:ID'"
said dup-node-element.xml 66:9 "identifier 'id-goal' is used twice"
said source-view.xml 26:5 \
    "'id-assoc' refers to 'id-view', which is not in the model as an element or a relationship"
said node-element-ref-relationship.xml 59:9 \
    "'id-n3' refers to 'id-access', which is not in the model as an element"
said connection-unknown-node.xml 60:9 "'id-n9'"

# 2. The file they are made of is valid, imported, and its export too;
# and so is the export of it beside the example.
kk --db "$KK_TMP/valid.db" import archimate "$INVALID/valid.xml" >"$KK_TMP/out" 2>&1
expect_rc 0 $? "import of valid.xml: $(cat "$KK_TMP/out")"
if need xmllint libxml2-utils; then
	for d in "$KK_TMP/valid.db" "$db"; do
		[ "$d" = "$db" ] && cp "$KK_TMP/valid.db" "$KK_TMP/both.db" &&
			kk --db "$KK_TMP/both.db" import -q "$EXAMPLE"/*.yaml >/dev/null &&
			d="$KK_TMP/both.db"
		kk --db "$d" export archimate -o "$KK_TMP/export.xml"
		expect_rc 0 $? "export of $(basename "$d")"
		xmllint --noout --nonet --schema "$XSD" "$KK_TMP/export.xml" \
		    >/dev/null 2>"$KK_TMP/xmllint" && pass ||
			fail "the export of $(basename "$d") is not valid: $(head -3 "$KK_TMP/xmllint")"
	done
	# each file of the set is indeed invalid
	for f in "$INVALID"/*.xml; do
		[ "$(basename "$f")" = valid.xml ] && continue
		xmllint --noout --nonet --schema "$XSD" "$f" >/dev/null 2>&1 &&
			fail "$(basename "$f") is valid against the schema" || pass
	done
fi

# 3. DOCTYPE, entities and XInclude: refused where they are written.
h="$KK_TMP/hostile"
mkdir -p "$h"
head='<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="id-m">'
cat >"$h/doctype.xml" <<EOF
<?xml version="1.0"?>
<!-- a model -->
  <!DOCTYPE model [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
$head
  <name>&secret;</name>
</model>
EOF
cat >"$h/laughs.xml" <<EOF
<?xml version="1.0"?>
<!DOCTYPE model [
<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
]>
$head
  <name>x</name>
  <documentation>&h;</documentation>
</model>
EOF
xi='<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" parse="text"/>'
cat >"$h/xi-model.xml" <<EOF
<?xml version="1.0"?>
$head
  <name>x</name>
  $xi
</model>
EOF
cat >"$h/xi-documentation.xml" <<EOF
<?xml version="1.0"?>
$head
  <name>x</name>
  <documentation>see $xi</documentation>
</model>
EOF
cat >"$h/xi-metadata.xml" <<EOF
<?xml version="1.0"?>
$head
  <name>x</name>
  <metadata>
    <schema>Dublin Core</schema>
      $xi
  </metadata>
</model>
EOF
cat >"$h/xi-node.xml" <<EOF
<?xml version="1.0"?>
$head
  <name>x</name>
  <elements>
    <element identifier="id-1" xsi:type="Goal"><name>a</name></element>
  </elements>
  <views>
    <diagrams>
      <view identifier="id-v" xsi:type="Diagram">
        <name>v</name>
        <node identifier="id-n" xsi:type="Element" elementRef="id-1" x="1" y="1" w="10" h="10">
          <xi:include xmlns:xi="http://www.w3.org/2003/XInclude" href="file:///etc/passwd" parse="text"/>
        </node>
      </view>
    </diagrams>
  </views>
</model>
EOF
for t in "doctype:3:3:a DOCTYPE is not accepted" \
    "laughs:2:1:a DOCTYPE is not accepted" \
    "xi-model:4:3:XInclude is not accepted" \
    "xi-documentation:4:22:XInclude is not accepted" \
    "xi-metadata:6:7:XInclude is not accepted" \
    "xi-node:12:11:XInclude is not accepted"; do
	name=${t%%:*} rest=${t#*:}
	place=${rest%:*} msg=${rest##*:}
	refused "$h/$name.xml" "$place" "$msg"
	grep -q 'root:' "$KK_TMP/err" && fail "$name.xml: /etc/passwd leaked"
done

# 4. Two models in one database are exported into one file, where each
# identifier is once: an import that reuses an identifier of another
# stored model (its folder, view, view node or connection, whatever the
# kind in either) is refused there. A property definition's is not: Archi
# numbers them "propid-1", ... in every model, and the export renames one.
db="$KK_TMP/two.db"
kk --db "$db" import -q archimate "$INVALID/valid.xml" >/dev/null
dump "$db" >"$KK_TMP/before.sql"
m="$KK_TMP/models"
mkdir -p "$m"
# the concepts and the model renamed, folders and views as they were
sed -e 's/"id-\(model\|goal\|wp\|data\|spare\|real\|access\|assoc\)"/"id-\1-b"/g' \
    -e 's/One fault/Another/' "$INVALID/valid.xml" >"$m/views-kept.xml"
for place in 29:5 49:7 51:9 60:9 66:9; do
	refused "$m/views-kept.xml" "$place" "already in the database as part of model 'id-model'"
done
# every identifier renamed, but an element takes a node's of the other
sed -e 's/"id-\([a-z0-9]*\)"/"id-\1-b"/g' -e 's/"id-spare-b"/"id-n1"/' \
    -e 's/One fault/Another/' "$INVALID/valid.xml" >"$m/element-node.xml"
refused "$m/element-node.xml" 19:5 "identifier 'id-n1' is already in the database as part of model 'id-model'"
# every identifier renamed but the property definition's: both are in the
# database, and in one valid file
sed -e 's/"id-\([a-z0-9]*\)"/"id-\1-b"/g' -e 's/"id-pd-b"/"id-pd"/g' \
    -e 's/One fault/Another/' "$INVALID/valid.xml" >"$m/renamed.xml"
kk --db "$db" import archimate "$m/renamed.xml" >"$KK_TMP/out" 2>&1
expect_rc 0 $? "import of the renamed model: $(cat "$KK_TMP/out")"
if need xmllint libxml2-utils; then
	kk --db "$db" export archimate -o "$KK_TMP/two.xml"
	expect_rc 0 $? "export of two models"
	xmllint --noout --nonet --schema "$XSD" "$KK_TMP/two.xml" \
	    >/dev/null 2>"$KK_TMP/xmllint" && pass ||
		fail "the export of two models is not valid: $(head -3 "$KK_TMP/xmllint")"
fi
# and the first again is as it was
kk --db "$db" import archimate "$INVALID/valid.xml" >"$KK_TMP/out" 2>&1
grep -q '^imported: nothing changed$' "$KK_TMP/out" && pass ||
	fail "valid.xml again beside another model: $(cat "$KK_TMP/out")"

finish
