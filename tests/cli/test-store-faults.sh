#!/bin/sh
# A database konkordat cannot read (random bytes, cut short, a page zeroed,
# another program's tables under konkordat's mark) ends the reading verbs
# with a message and exit 1, never an abort, and is left unchanged; one it
# may only read (read-only folder, mode 0444) is read; a YAML import whose
# commit fails prints no change it did not make.
. "$KK_SRCDIR/tests/cli/lib.sh"

good="$KK_TMP/good.db"
kk --db "$good" import "$EXAMPLE"/*.yaml >/dev/null 2>&1
kk --db "$good" align >/dev/null 2>&1
expect_rc 0 $? "align on the example"

# reads DB WHAT: every reading verb of the fault list exits 1 with a
# message on DB, and DB's bytes are as they were
reads() {
	sum=$(cksum <"$1")
	for verb in "report -o $KK_TMP/r.html" "review list" "list goals" \
	    "show vlg" "export yaml -o $KK_TMP/out"; do
		# shellcheck disable=SC2086
		kk --db "$1" $verb >"$KK_TMP/out.txt" 2>"$KK_TMP/err.txt"
		expect_rc 1 $? "$2: $verb"
		grep -q '^konkordat: error: ' "$KK_TMP/err.txt" ||
		    fail "$2: $verb: no error message"
	done
	kk --db "$1" check "$EXAMPLE/vlg.yaml" >/dev/null 2>&1
	expect_rc 1 $? "$2: check"
	[ "$(cksum <"$1")" = "$sum" ] || fail "$2: the file was changed"
}

head -c 200000 /dev/urandom >"$KK_TMP/random.db"
reads "$KK_TMP/random.db" "random bytes"

cp "$good" "$KK_TMP/cut.db"
truncate -s 20000 "$KK_TMP/cut.db"
reads "$KK_TMP/cut.db" "truncated"

# konkordat's mark and schema version, none of its tables: every prepared
# statement fails (it aborted before)
sqlite3 "$KK_TMP/marked.db" "PRAGMA application_id = 1263488587;
    PRAGMA user_version = 8; CREATE TABLE other (a);"
reads "$KK_TMP/marked.db" "foreign tables under konkordat's mark"

# a page of the strategies' items zeroed: the reads stopped there and the
# verbs printed a part of the model with exit 0
cp "$good" "$KK_TMP/zeroed.db"
page=$(sqlite3 "$good" "SELECT pageno FROM dbstat WHERE name = 'item' AND
    pagetype = 'leaf' LIMIT 1 OFFSET 1" 2>/dev/null)
if [ -n "$page" ]; then
	dd if=/dev/zero of="$KK_TMP/zeroed.db" bs=16384 seek=$((page - 1)) \
	    count=1 conv=notrunc 2>/dev/null
	kk --db "$KK_TMP/zeroed.db" list goals >/dev/null 2>"$KK_TMP/err.txt"
	expect_rc 1 $? "a zeroed page: list goals"
	grep -q 'malformed\|damaged' "$KK_TMP/err.txt" ||
	    fail "a zeroed page: the message does not say the file is damaged"
else
	fail "sqlite3 has no dbstat table to find a page of items"
fi

# read-only folder and a 0444 file: a user who may not write reads them.
# root may write anywhere, so as root the reads run as nobody.
as_reader() {
	if [ "$(id -u)" = 0 ]; then
		setpriv --reuid=nobody --regid=nogroup --clear-groups \
		    "$KONKORDAT" "$@"
	else
		kk "$@"
	fi
}
chmod 755 "$KK_TMP"
mkdir "$KK_TMP/ro"
cp "$good" "$KK_TMP/ro/k.db"
chmod 644 "$KK_TMP/ro/k.db"
chmod 555 "$KK_TMP/ro"
kk --db "$good" list goals >"$KK_TMP/want.txt" 2>/dev/null
as_reader --db "$KK_TMP/ro/k.db" list goals >"$KK_TMP/got.txt" \
    2>"$KK_TMP/err.txt"
expect_rc 0 $? "read-only folder: list goals ($(head -c 200 "$KK_TMP/err.txt"))"
cmp -s "$KK_TMP/want.txt" "$KK_TMP/got.txt" ||
    fail "read-only folder: list goals shows another model"
as_reader --db "$KK_TMP/ro/k.db" review list >/dev/null 2>&1
expect_rc 0 $? "read-only folder: review list"
chmod 755 "$KK_TMP/ro"
cp "$good" "$KK_TMP/ro444.db"
chmod 444 "$KK_TMP/ro444.db"
as_reader --db "$KK_TMP/ro444.db" list goals >"$KK_TMP/got.txt" 2>/dev/null
expect_rc 0 $? "a 0444 file: list goals"
cmp -s "$KK_TMP/want.txt" "$KK_TMP/got.txt" ||
    fail "a 0444 file: list goals shows another model"
as_reader --db "$KK_TMP/ro444.db" import "$EXAMPLE/vlg.yaml" >/dev/null 2>&1
expect_rc 1 $? "a 0444 file: import is refused"

# a YAML import whose commit fails (a file size limit: the write-ahead log
# cannot grow) exits 5 and prints none of the changes it did not make
rm -f "$KK_TMP/full.db"
kk --db "$KK_TMP/full.db" import "$EXAMPLE/kanton-luzern.yaml" >/dev/null 2>&1
before=$(dump "$KK_TMP/full.db")
(
	trap '' XFSZ
	ulimit -f 100
	kk --db "$KK_TMP/full.db" import "$EXAMPLE"/*.yaml \
	    >"$KK_TMP/out.txt" 2>"$KK_TMP/err.txt"
)
expect_rc 5 $? "import on a full disk"
[ -s "$KK_TMP/out.txt" ] &&
    fail "import on a full disk printed changes: $(head -n 2 "$KK_TMP/out.txt")"
grep -q 'nothing' "$KK_TMP/err.txt" ||
    fail "import on a full disk does not say that nothing was written"
[ "$(dump "$KK_TMP/full.db")" = "$before" ] ||
    fail "import on a full disk changed the database"

finish
