# The verbs of the README on PostgreSQL print what they print on SQLite:
# the Lucerne example imported into both, then each verb run on each, and
# the outputs compared (times of day aside). The server is ctest's
# fixture "pg" (tests/CMakeLists.txt); this test makes a database of its
# own there.
. "$(dirname "$0")/lib.sh"

: "${KK_PG_URI_FILE:?set KK_PG_URI_FILE to the file of the server's URI (ctest's fixture pg)}"
need psql postgresql-client
server=$(cat "$KK_PG_URI_FILE")
pg=$(pg_location "$KK_TMP/pg.db")
name=${pg##*/}

# Archisurance as another model with the same concepts: refused
sed 's/identifier="id-11f5304f"/identifier="id-other"/' \
    "$KK_SRCDIR/tests/data/archimate/archisurance.xml" >"$KK_TMP/other.xml"

lite="$KK_TMP/k.db"
for db in "$lite" "$pg"; do
	kk --db "$db" import -q "$EXAMPLE"/*.yaml >/dev/null
	expect_rc 0 $? "import into $db"
done

# each line a verb, run in this order on both: the writing ones change
# both databases alike
n=0
while IFS= read -r verb; do
	n=$((n + 1))
	verb=$(echo "$verb" | sed -e "s|^import \([a-z-]*\.yaml\)|import $EXAMPLE/\1|" \
	    -e "s|DATA/|$KK_SRCDIR/tests/data/archimate/|" -e "s|TMP/|$KK_TMP/|")
	for side in lite pg; do
		eval db=\$$side
		# the SQLite side without KK_WRAP: valgrind sees those paths
		# in the other scripts
		wrap=$KK_WRAP
		[ "$side" = pg ] || wrap=
		# shellcheck disable=SC2086
		$wrap "$KONKORDAT" --db "$db" $verb >"$KK_TMP/$side.$n" 2>&1
		echo "exit status $?" >>"$KK_TMP/$side.$n"
		# what differs by nature: the location, and the times of day
		sed -i -e "s|$db|DB|g" \
		    -e 's/[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9:]*Z/TIME/g' \
		    -e 's/^DTSTAMP:.*/DTSTAMP/' "$KK_TMP/$side.$n"
	done
	if cmp -s "$KK_TMP/lite.$n" "$KK_TMP/pg.$n"; then
		pass
	else
		fail "'$verb' prints otherwise on PostgreSQL:
$(diff "$KK_TMP/lite.$n" "$KK_TMP/pg.$n" | head -20)"
	fi
done <<'EOF'
import kanton-luzern.yaml
list parties
list strategies
list fields
list goals --party vlg
list principles --csv
list measures --json
show kanton-luzern
show vlg-2012/z9
project list
project show einwohnerportal
cost
cost --lines
cost --all --csv
cost --json
timeline
timeline --json
infra
infra --candidates
align
review list --undecided
review show c001
review accept c001
review reject stadt-luzern-2012/hf5
review move vlg-2012/z9 c009
review adopt
coverage
coverage --goals
cost --by-field
log --actor cli:nobody
log goal:vlg-2012/z9
log project:einwohnerportal --since 2013-01-01 --json
export archimate
export yaml --party vlg
export ics
report --lang de -o -
report --lang fr -o -
align
review list --csv
import archimate DATA/archisurance.xml
export archimate
list goals --party archisurance
import archimate DATA/archisurance.xml
import archimate TMP/other.xml
import archimate DATA/rich.xml
import archimate DATA/Sample1.xml
import archimate --party kanton-luzern DATA/bendpoint.test.xml
export archimate
log --since 2000-01-01 --actor cli:nobody
EOF

# a database the server does not have is named, with the server's
# reason, and never with the password of the URI
missing=$(echo "${server%/*}/kk_no_such_db" | sed 's|://\([^:@/]*\)@|://\1:sekret@|')
kk --db "$missing" list parties >"$KK_TMP/out" 2>&1
expect_rc 1 $? "a database the server does not have"
grep -q 'cannot open .*kk_no_such_db.*does not exist' "$KK_TMP/out" ||
	fail "no reason for the missing database: $(cat "$KK_TMP/out")"
grep -q sekret "$KK_TMP/out" && fail "the password is shown: $(cat "$KK_TMP/out")"
# trust authentication takes any password: what init says names none
kk --db "$(echo "$pg" | sed 's|://\([^:@/]*\)@|://\1:sekret@|')" init \
    >"$KK_TMP/out" 2>&1
expect_rc 0 $? "init of the database: $(cat "$KK_TMP/out")"
grep -q "^database 'postgresql://[^']*/$name' ready (schema version [0-9]*)$" \
    "$KK_TMP/out" || fail "what init says: $(cat "$KK_TMP/out")"
grep -q sekret "$KK_TMP/out" && fail "init shows the password: $(cat "$KK_TMP/out")"
finish
