# An adopted strategy is what its authority decided: an import that edits
# it says so, and raises its version past the stored one; the audit log
# keeps both versions. The same file again changes nothing; a draft is
# edited without a word.
. "$(dirname "$0")/lib.sh"

db="$KK_TMP/k.db"
kk --db "$db" --actor cli:setup import -q "$EXAMPLE"/*.yaml >/dev/null ||
	fail "importing the example"
file="$KK_TMP/kanton-luzern.yaml"

# version SID: the strategy's version and status, as 'show' prints them
version() {
	kk --db "$db" show "$1" | sed -n 's/^version  *//p'
}
[ "$(version kanton-luzern-2012)" = "1, adopted" ] || fail "the example's strategy is not adopted at version 1"

# an item's title edited
sed 's/title: Standard vor Eigenentwicklung/title: Standard vor Eigenbau/' \
	"$EXAMPLE/kanton-luzern.yaml" >"$file"
cmp -s "$file" "$EXAMPLE/kanton-luzern.yaml" && fail "the edit did not apply"
line=$(grep -n '^  id: kanton-luzern-2012$' "$file" | cut -d: -f1)
warn="$file:$line:7: warning: strategy 'kanton-luzern-2012' is adopted; this import changes it, and its version goes from 1 to 2"

before=$(dump "$db")
kk --db "$db" check "$file" >"$KK_TMP/out" 2>"$KK_TMP/err"
expect_rc 0 $? "check of the edited file"
grep -qxF "$warn" "$KK_TMP/err" || fail "check does not warn: $(cat "$KK_TMP/err")"
[ "$(dump "$db")" = "$before" ] || fail "check changed the database"

kk --db "$db" --actor cli:anna import "$file" >"$KK_TMP/out" 2>"$KK_TMP/err"
expect_rc 0 $? "import of the edited file"
grep -qxF "$warn" "$KK_TMP/err" || fail "import does not warn: $(cat "$KK_TMP/err")"
grep -q '^changed  *strategy kanton-luzern-2012$' "$KK_TMP/out" ||
	fail "the strategy's new version is not a change: $(cat "$KK_TMP/out")"
grep -q '^changed  *principle kanton-luzern-2012/g2$' "$KK_TMP/out" ||
	fail "the item is not changed"
[ "$(version kanton-luzern-2012)" = "2, adopted" ] ||
	fail "version after the edit: $(version kanton-luzern-2012)"

# the audit log holds version 1 before and version 2 after, by anna
row=$(sqlite3 "$db" "SELECT actor, action, json_extract(before, '\$.version'),
	json_extract(after, '\$.version') FROM audit
	WHERE entity = 'strategy kanton-luzern-2012' ORDER BY seq DESC LIMIT 1")
[ "$row" = "cli:anna|update|1|2" ] || fail "audit row of the new version: '$row'"

# the same file again: nothing changes, nothing is said, the version stays
kk --db "$db" import "$file" >"$KK_TMP/out" 2>"$KK_TMP/err"
expect_rc 0 $? "import of the same file"
grep -q 'nothing changed' "$KK_TMP/out" || fail "the same file changed something: $(cat "$KK_TMP/out")"
[ -s "$KK_TMP/err" ] && fail "the same file warns: $(cat "$KK_TMP/err")"
[ "$(version kanton-luzern-2012)" = "2, adopted" ] || fail "version after the same file"

# the old text back is another edit: version 3
kk --db "$db" import "$EXAMPLE/kanton-luzern.yaml" >/dev/null 2>"$KK_TMP/err"
expect_rc 0 $? "import of the old file"
grep -q "its version goes from 2 to 3" "$KK_TMP/err" || fail "no warning for the old text back"
[ "$(version kanton-luzern-2012)" = "3, adopted" ] || fail "version after the old text back"

# a file that already counts past the stored version keeps its number
sed 's/^  version: 1$/  version: 7/; s/Standard vor Eigenentwicklung/Standard zuerst/' \
	"$EXAMPLE/kanton-luzern.yaml" >"$file"
kk --db "$db" import "$file" >/dev/null 2>"$KK_TMP/err"
grep -q "its version goes from 3 to 7" "$KK_TMP/err" || fail "a file's own higher version not kept: $(cat "$KK_TMP/err")"

# the export holds the version konkordat counts, and goes back unchanged
kk --db "$db" export yaml --party kanton-luzern -o "$KK_TMP/out.d" >/dev/null ||
	fail "export"
grep -q '^  version: 7$' "$KK_TMP/out.d/kanton-luzern.yaml" || fail "the export lacks version 7"
kk --db "$db" import "$KK_TMP/out.d/kanton-luzern.yaml" >"$KK_TMP/out" 2>"$KK_TMP/err"
grep -q 'nothing changed' "$KK_TMP/out" || fail "the export back changed something"
[ -s "$KK_TMP/err" ] && fail "the export back warns: $(cat "$KK_TMP/err")"

# a draft is edited in silence, its version as the file says
cat >"$KK_TMP/dorf.yaml" <<'YAML'
party:
  id: testdorf
  name: Testdorf
  kind: municipality
strategy:
  id: testdorf-2012
  title: Entwurf
  period: {start: 2012, end: 2016}
  status: draft
  language: de
  fields:
    - id: hf1
      title: Daten
YAML
kk --db "$db" import -q "$KK_TMP/dorf.yaml" >/dev/null 2>"$KK_TMP/err" || fail "import of a draft"
sed -i 's/title: Daten/title: Daten und Register/' "$KK_TMP/dorf.yaml"
kk --db "$db" import "$KK_TMP/dorf.yaml" >/dev/null 2>"$KK_TMP/err"
expect_rc 0 $? "edit of a draft"
[ -s "$KK_TMP/err" ] && fail "a draft's edit warns: $(cat "$KK_TMP/err")"
[ "$(version testdorf-2012)" = "1, draft" ] || fail "a draft's version changed: $(version testdorf-2012)"
finish
