# The common strategy in ArchiMate and Archi's CSV: its fields and goals as
# elements, the mappings with their decisions as relationships, its version
# and state, its view; valid against the official schemas; imported again
# without duplicates and without losing the parties' items.
. "$(dirname "$0")/lib.sh"

T="$KK_TMP"
export XDG_CACHE_HOME="$T/../lexicon-cache"
XSD="$KK_SRCDIR/data/archimate/archimate3_Diagram_dc.xsd"
D="$KK_SRCDIR/tests/cli/data"
db="$T/c.db"
have_xmllint=true
need xmllint libxml2-utils || have_xmllint=false

valid() {	# FILE WHAT
	$have_xmllint || return 0
	if xmllint --noout --nonet --schema "$XSD" "$1" >"$T/xsd" 2>&1; then
		pass
	else
		fail "$2 does not validate: $(head -5 "$T/xsd")"
	fi
}

# xp FILE XPATH: the string value of XPATH (namespace-free names)
xp() {
	xmllint --xpath "$2" "$1" 2>/dev/null
}
el() {	# the concept with identifier $1
	printf "//*[local-name()='element' or local-name()='relationship'][@identifier='%s']" "$1"
}
# prop FILE ID PROPERTY-NAME: the value of the property named so
prop() {
	def=$(xp "$1" "string(//*[local-name()='propertyDefinition'][*[local-name()='name']='$3']/@identifier)")
	xp "$1" "string($(el "$2")//*[local-name()='property'][@propertyDefinitionRef='$def']/*[local-name()='value'])"
}
# ids FILE: the identifiers of its concepts, sorted
ids() {
	xp "$1" "//*[local-name()='element' or local-name()='relationship']/@identifier" |
		tr ' ' '\n' | grep . | sort
}
is() {	# WHAT WANT GOT
	[ "$2" = "$3" ] && pass || fail "$1: '$3', expected '$2'"
}

kk --db "$db" import -q "$D"/cover-nord.yaml "$D"/cover-sued.yaml "$D"/cover-verbund.yaml >/dev/null
expect_rc 0 $? "import the small set"
# no common strategy yet: the export has none, and is as before
kk --db "$db" export archimate -o "$T/none.xml" >/dev/null
expect_rc 0 $? "export without a common strategy"
grep -q 'kk-common-' "$T/none.xml" && fail "a common strategy out of nothing"

a="--actor test:anna"
kk --db "$db" align --no-system-lexicon >/dev/null; expect_rc 0 $? "align"
kk --db "$db" $a review accept c001 >/dev/null; expect_rc 0 $? "accept"
kk --db "$db" $a review reject nord-2012/z2 >/dev/null; expect_rc 0 $? "reject"
kk --db "$db" $a review rename c002 "Schulinformatik gemeinsam" >/dev/null
expect_rc 0 $? "rename"
kk --db "$db" export archimate -o "$T/c.xml" >/dev/null
expect_rc 0 $? "export with a common strategy"
valid "$T/c.xml" "the export with a common strategy"

g=kk-common-verbund
is "grouping" Grouping "$(xp "$T/c.xml" "string($(el $g)/@*[local-name()='type'])")"
is "grouping's name" "Informatikverbund Nord-Süd" "$(xp "$T/c.xml" "string($(el $g)/*[local-name()='name'])")"
is "version" 1 "$(prop "$T/c.xml" $g version)"
is "status" draft "$(prop "$T/c.xml" $g status)"
is "its id" verbund-common-1 "$(prop "$T/c.xml" $g "konkordat id")"
# every common item, of the right type; every mapping
for k in field:CourseOfAction goal:Goal; do
	want=$(sqlite3 "$db" "SELECT count(*) FROM common_item WHERE kind = '${k%%:*}'")
	got=$(xp "$T/c.xml" "count(//*[local-name()='element'][starts-with(@identifier, '$g-I-')][@*[local-name()='type']='${k#*:}'])")
	is "common ${k%%:*}s" "$want" "$got"
done
want=$(sqlite3 "$db" "SELECT count(*) FROM mapping")
is "mappings" "$want" "$(xp "$T/c.xml" "count(//*[local-name()='relationship'][starts-with(@identifier, 'kk-maps-verbund-I-')][@*[local-name()='type']='Association'])")"
m=kk-maps-verbund-I-nord-2012-I-hf1-I-c001
is "mapping source" kk-item-nord-2012-I-hf1 "$(xp "$T/c.xml" "string($(el $m)/@source)")"
is "mapping target" $g-I-c001 "$(xp "$T/c.xml" "string($(el $m)/@target)")"
is "mapping relation" equivalent "$(prop "$T/c.xml" $m "mapping relation")"
is "mapping decision" accepted "$(prop "$T/c.xml" $m decision)"
why=$(kk --db "$db" review list --csv | grep '^c001,.*,nord-2012/hf1,' | tr -d '\r' | sed 's/.*,accepted,//; s/^"//; s/"$//')
is "mapping's reasons" "$why" "$(xp "$T/c.xml" "string($(el $m)/*[local-name()='documentation'])")"
is "mapping decided by" test:anna "$(prop "$T/c.xml" $m "decided by")"
prop "$T/c.xml" $m "decided on" | grep -qx '[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]' && pass ||
	fail "decided on: $(prop "$T/c.xml" $m "decided on")"
score=$(sqlite3 "$db" "SELECT printf('%.2f', score) FROM mapping WHERE item_id = 'hf1' AND strategy_id = 'nord-2012'")
is "confidence" "$score" "$(prop "$T/c.xml" $m confidence)"
is "confidence is a number" number "$(xp "$T/c.xml" "string(//*[local-name()='propertyDefinition'][*[local-name()='name']='confidence']/@type)")"
c=$(sqlite3 "$db" "SELECT common_item_id FROM mapping WHERE strategy_id = 'nord-2012' AND item_id = 'z2'")
is "rejected" rejected "$(prop "$T/c.xml" kk-maps-verbund-I-nord-2012-I-z2-I-$c decision)"
is "proposed" proposed "$(prop "$T/c.xml" kk-maps-verbund-I-sued-2012-I-z1-I-c004 decision)"
is "renamed" "Schulinformatik gemeinsam" "$(xp "$T/c.xml" "string($(el $g-I-c002)/*[local-name()='name'])")"
is "proposed name kept" Schulinformatik "$(prop "$T/c.xml" $g-I-c002 "proposed name")"
# a goal realises its common field
p=$(sqlite3 "$db" "SELECT parent_id FROM common_item WHERE id = 'c004'")
is "common goal's field" $g-I-$p "$(xp "$T/c.xml" "string(//*[local-name()='relationship'][@target='$g-I-c004'][@*[local-name()='type']='Realization']/@source)")"
# the view: every common item and every mapping that is not rejected
v="//*[local-name()='view'][@identifier='kk-cview-verbund']"
is "view nodes" $(( $(sqlite3 "$db" "SELECT count(*) FROM common_item") + \
    $(sqlite3 "$db" "SELECT count(*) FROM mapping WHERE decision <> 'rejected'") + 2 )) \
    "$(xp "$T/c.xml" "count($v/*[local-name()='node'])")"
is "view connections of mappings" \
    "$(sqlite3 "$db" "SELECT count(*) FROM mapping WHERE decision <> 'rejected'")" \
    "$(xp "$T/c.xml" "count($v/*[local-name()='connection'][starts-with(@relationshipRef, 'kk-maps-')])")"

# adopted: the state and who adopted it
kk --db "$db" $a review accept $(sqlite3 "$db" "SELECT DISTINCT common_item_id FROM mapping
	WHERE decision = 'proposed'") >/dev/null
expect_rc 0 $? "accept the rest"
kk --db "$db" $a review adopt >/dev/null; expect_rc 0 $? "adopt"
kk --db "$db" export archimate -o "$T/adopted.xml" >/dev/null
valid "$T/adopted.xml" "the export of the adopted strategy"
is "adopted" adopted "$(prop "$T/adopted.xml" $g status)"
is "adopted by" test:anna "$(prop "$T/adopted.xml" $g "adopted by")"
is "adopted on" "$(sqlite3 "$db" "SELECT substr(adopted_at, 1, 10) FROM common_strategy")" \
    "$(prop "$T/adopted.xml" $g "adopted on")"
# the next draft: version 2, based on the first, the same identifiers
kk --db "$db" align --no-system-lexicon >/dev/null; expect_rc 0 $? "align after adopt"
kk --db "$db" export archimate -o "$T/c2.xml" >/dev/null
is "version 2" 2 "$(prop "$T/c2.xml" $g version)"
is "based on" verbund-common-1 "$(prop "$T/c2.xml" $g "based on")"
is "the same common item" "$(xp "$T/adopted.xml" "string($(el $g-I-c001)/*[local-name()='name'])")" \
    "$(xp "$T/c2.xml" "string($(el $g-I-c001)/*[local-name()='name'])")"

# not into the joint organisation: its strategy is the common one
kk --db "$db" import archimate --party verbund "$T/c2.xml" >/dev/null 2>"$T/err"
expect_rc 1 $? "import for the joint organisation"
grep -q "'verbund' is the joint organisation, whose strategy is the common one that 'konkordat align' makes" "$T/err" &&
	pass || fail "import for the joint organisation: $(cat "$T/err")"

# into the database it came from: nothing of it kept twice, nothing lost
concepts=$(sqlite3 "$db" 'SELECT count(*) FROM am_concept')
items=$(sqlite3 "$db" 'SELECT count(*) FROM item')
citems=$(sqlite3 "$db" 'SELECT count(*) FROM common_item')
kk --db "$db" import archimate --party nord "$T/c2.xml" >/dev/null 2>&1
expect_rc 0 $? "import of the export into its own database"
is "concepts kept twice" "$concepts" "$(sqlite3 "$db" 'SELECT count(*) FROM am_concept')"
is "items" "$items" "$(sqlite3 "$db" 'SELECT count(*) FROM item')"
is "common items" "$citems" "$(sqlite3 "$db" 'SELECT count(*) FROM common_item')"
kk --db "$db" export archimate -o "$T/c3.xml" >/dev/null
ids "$T/c2.xml" >"$T/a"
ids "$T/c3.xml" >"$T/b"
cmp -s "$T/a" "$T/b" && pass || fail "the export's concepts changed by importing it"

# into a database of its own: the parties' items become the model's, the
# common ones stay elements of it, and the round trip holds
fresh="$T/fresh.db"
kk --db "$fresh" import archimate "$T/c2.xml" >/dev/null 2>&1
expect_rc 0 $? "import into a new database"
is "the parties' items" "$(sqlite3 "$db" "SELECT count(*) FROM item")" \
    "$(sqlite3 "$fresh" "SELECT count(*) FROM item WHERE id <> 'archimate'")"
is "common items as items" 0 "$(sqlite3 "$fresh" "SELECT count(*) FROM am_concept WHERE id LIKE 'kk-common-%' AND item_id IS NOT NULL")"
kk --db "$fresh" export archimate -o "$T/fresh.xml" >/dev/null
valid "$T/fresh.xml" "the export of the imported export"
ids "$T/c2.xml" >"$T/a"
ids "$T/fresh.xml" >"$T/b"
cmp -s "$T/a" "$T/b" && pass || { fail "identifiers differ after a round trip"; diff "$T/a" "$T/b" | head -5 >&2; }
kk --db "$T/fresh2.db" import archimate "$T/fresh.xml" >/dev/null 2>&1
kk --db "$T/fresh2.db" export archimate -o "$T/fresh2.xml" >/dev/null
cmp -s "$T/fresh.xml" "$T/fresh2.xml" && pass || fail "export, import, export is not byte-identical"

# Archi's CSV: the same elements, relationships and properties
kk --db "$db" export csv -o "$T/csv" >/dev/null; expect_rc 0 $? "export csv"
for f in elements relations properties; do
	tr -d '\r' <"$T/csv/$f.csv" >"$T/$f.lf"
done
grep -q "^\"$g\",\"Grouping\",\"Informatikverbund Nord-Süd\"" "$T/csv/elements.csv" && pass ||
	fail "no common strategy in elements.csv"
current=$(sqlite3 "$db" "SELECT count(*) FROM common_item WHERE common_id =
	(SELECT id FROM common_strategy ORDER BY number DESC LIMIT 1)")
is "common items in CSV" "$current" "$(grep -c "^\"$g-I-" "$T/csv/elements.csv")"
grep -qx "\"$m\",\"AssociationRelationship\",\"equivalent\",\"$why\",\"kk-item-nord-2012-I-hf1\",\"$g-I-c001\"" "$T/relations.lf" &&
	pass || fail "mapping in relations.csv: $(grep "$m" "$T/csv/relations.csv")"
grep -qx "\"$m\",\"decision\",\"accepted\"" "$T/properties.lf" && pass ||
	fail "decision in properties.csv"
grep -qx "\"$m\",\"Directed\",\"true\"" "$T/properties.lf" && pass ||
	fail "direction in properties.csv"
kk --db "$T/csv.db" import csv "$T/csv" >/dev/null 2>&1; expect_rc 0 $? "import csv"
kk --db "$T/csv.db" export csv -o "$T/csv2" >/dev/null
diff -r "$T/csv" "$T/csv2" >&2 && pass || fail "CSV export, import, export is not the same"
is "common items as items (CSV)" 0 "$(sqlite3 "$T/csv.db" "SELECT count(*) FROM am_concept WHERE id LIKE 'kk-common-%' AND item_id IS NOT NULL")"

finish
