# What an ArchiMate or Archi CSV import must never do: lose or invent data
# when a file comes back unchanged, move a name to another language, or
# depend on whether anyone reads its output. Every file it needs is here.
. "$(dirname "$0")/lib.sh"

DATA="$KK_SRCDIR/tests/cli/data/archimate"
GOALS="$DATA/goals-under-strategy.xml"

# expect_unchanged DB WHAT ARGS...: import ARGS into DB, which must say
# "nothing changed" and leave the database as it was.
expect_unchanged() {
	db=$1
	what=$2
	shift 2
	dump "$db" >"$KK_TMP/before.sql"
	kk --db "$db" import "$@" >"$KK_TMP/out" 2>&1
	expect_rc 0 $? "$what: $(cat "$KK_TMP/out")"
	grep -q '^imported: nothing changed$' "$KK_TMP/out" && pass ||
		fail "$what: $(tail -1 "$KK_TMP/out")"
	dump "$db" >"$KK_TMP/after.sql"
	cmp -s "$KK_TMP/before.sql" "$KK_TMP/after.sql" && pass ||
		fail "$what changed the database"
}

# 1. Output never decides whether a transaction commits: a reader that is
# gone before the first line (a fifo whose only reader closed) and one
# that stops after a line.
db="$KK_TMP/pipe.db"
mkfifo "$KK_TMP/fifo"
exec 3<>"$KK_TMP/fifo"
exec 4>"$KK_TMP/fifo"
exec 3<&-
kk --db "$db" import "$EXAMPLE"/*.yaml >&4 2>"$KK_TMP/err"
rc=$?
exec 4>&-
[ "$rc" = 3 ] && pass || fail "import into a closed pipe: exit status $rc, expected 3"
grep -q 'cannot write the output' "$KK_TMP/err" && pass ||
	fail "import into a closed pipe said: $(cat "$KK_TMP/err")"
n=$(kk --db "$db" list parties --csv 2>/dev/null | wc -l)
[ "$n" -gt 80 ] && pass || fail "import into a closed pipe wrote $n parties"
kk --db "$KK_TMP/head.db" import "$EXAMPLE"/*.yaml 2>/dev/null | head -1 >/dev/null
kk --db "$KK_TMP/head.db" import -q "$EXAMPLE"/*.yaml >"$KK_TMP/out" 2>&1
grep -q 'imported: nothing changed$' "$KK_TMP/out" && pass ||
	fail "import | head did not commit: $(tail -1 "$KK_TMP/out")"

# 2. Archi's CSV, imported again unchanged into the database it came
# from: goals that no field claims (and a work package that realises one)
# stay where they are.
d="$KK_TMP/archimetal"
mkdir -p "$d"
cat >"$d/elements.csv" <<'EOF'
"ID","Type","Name","Documentation","Specialization"
"model-1","ArchimateModel","ArchiMetal","",""
"id-g1","Goal","Reduce costs","",""
"id-g2","Goal","Harmonise processes","",""
"id-g3","Goal","One ERP","",""
"id-c1","CourseOfAction","Share services","",""
"id-s1","Grouping","Strategy","",""
"id-w1","WorkPackage","ERP programme","",""
EOF
cat >"$d/relations.csv" <<'EOF'
"ID","Type","Name","Documentation","Source","Target","Specialization"
"id-r1","RealizationRelationship","","","id-c1","id-g1",""
"id-r2","RealizationRelationship","","","id-w1","id-g3",""
"id-r3","AggregationRelationship","","","id-s1","id-g2",""
EOF
printf '"ID","Key","Value"\r\n' >"$d/properties.csv"
db="$KK_TMP/csv.db"
kk --db "$db" import csv "$d" >"$KK_TMP/out" 2>&1
expect_rc 0 $? "first import of the CSV: $(cat "$KK_TMP/out")"
kk --db "$db" list goals --csv >"$KK_TMP/goals1"
expect_unchanged "$db" "the same CSV again" csv "$d"
kk --db "$db" list goals --csv >"$KK_TMP/goals2"
[ "$(wc -l <"$KK_TMP/goals2")" -eq 4 ] && cmp -s "$KK_TMP/goals1" "$KK_TMP/goals2" &&
	pass || fail "goals after the CSV came again: $(cat "$KK_TMP/goals2")"

# ... and a model with goals under a strategy, as CSV and as XML, out of
# konkordat and into the database it came from.
db="$KK_TMP/goals.db"
kk --db "$db" import archimate "$GOALS" >"$KK_TMP/out" 2>&1
expect_rc 0 $? "import of $GOALS: $(cat "$KK_TMP/out")"
kk --db "$db" export csv -o "$KK_TMP/goals-csv" >/dev/null
expect_unchanged "$db" "the model's CSV export again" csv "$KK_TMP/goals-csv"
expect_unchanged "$db" "the model's CSV export a third time" csv "$KK_TMP/goals-csv"
kk --db "$db" export archimate -o "$KK_TMP/goals-out.xml" >/dev/null
expect_unchanged "$db" "the model's ArchiMate export again" archimate "$KK_TMP/goals-out.xml"

# 3. konkordat's own export into the database it came from: with the
# Lucerne parties alone, and with an imported model beside them.
db="$KK_TMP/own.db"
kk --db "$db" import -q "$EXAMPLE"/*.yaml >/dev/null
kk --db "$db" export archimate -o "$KK_TMP/own.xml" >/dev/null
expect_unchanged "$db" "konkordat's export of the example" archimate "$KK_TMP/own.xml"
kk --db "$db" list strategies --csv >"$KK_TMP/strategies"
grep -q informatikzusammenarbeit "$KK_TMP/strategies" &&
	fail "a party was made of konkordat's own export" || pass
kk --db "$db" export csv -o "$KK_TMP/own-csv" >/dev/null
expect_unchanged "$db" "konkordat's CSV export of the example" csv "$KK_TMP/own-csv"
kk --db "$db" import archimate --party stadt-luzern "$GOALS" >/dev/null
kk --db "$db" export archimate -o "$KK_TMP/own2.xml" >/dev/null
grep -q 'identifier="kk-model"' "$KK_TMP/own2.xml" && pass ||
	fail "the export of the example and a model is not konkordat's model"
expect_unchanged "$db" "konkordat's export with a model" archimate "$KK_TMP/own2.xml"
rm -rf "$KK_TMP/own2-csv"
kk --db "$db" export csv -o "$KK_TMP/own2-csv" >/dev/null
expect_unchanged "$db" "konkordat's CSV export with a model" csv "$KK_TMP/own2-csv"

# 4. A title edited in konkordat keeps to the strategy's language: the
# French name of a goal in a German strategy stays French.
db="$KK_TMP/lang.db"
kk --db "$db" import -q "$EXAMPLE"/*.yaml >/dev/null
kk --db "$db" import archimate --party kanton-luzern "$GOALS" >/dev/null
kk --db "$db" export yaml -o "$KK_TMP/lang" >/dev/null
sed 's/title: Guichet unique/title: Einheitlicher Schalter/' \
    "$KK_TMP/lang/kanton-luzern.yaml" >"$KK_TMP/kanton-luzern.yaml"
kk --db "$db" import -q "$KK_TMP/kanton-luzern.yaml" >/dev/null
kk --db "$db" export archimate -o "$KK_TMP/lang.xml" >/dev/null
grep -A3 'identifier="id-goal-fr"' "$KK_TMP/lang.xml" >"$KK_TMP/goal-fr"
grep -q '<name xml:lang="fr">Guichet unique</name>' "$KK_TMP/goal-fr" && pass ||
	fail "the French name was lost: $(cat "$KK_TMP/goal-fr")"
grep -q '<name xml:lang="de">Einheitlicher Schalter</name>' "$KK_TMP/goal-fr" && pass ||
	fail "the edited title is not the German name: $(cat "$KK_TMP/goal-fr")"
grep -q '<name xml:lang="fr">Einheitlicher' "$KK_TMP/goal-fr" &&
	fail "the German title went out as French" || pass

finish
