# Every file konkordat writes: whole or not at all, through a private
# temporary file; nothing planted at a predictable name is followed; a
# missing folder is exit 1 naming it; the folder of a multi-file export is
# created; standard output still works where it did.
. "$(dirname "$0")/lib.sh"

T="$KK_TMP"
export XDG_CACHE_HOME="$T/../lexicon-cache"
db="$T/k.db"
kk --db "$db" import -q "$EXAMPLE"/*.yaml >/dev/null
expect_rc 0 $? "import"
# another connection holds the database open for the whole test, so that
# its 32 KiB -shm file exists: the size limit below is meant for the output
# alone
mkfifo "$T/hold"
sqlite3 "$db" <"$T/hold" >/dev/null &
holder=$!
exec 9>"$T/hold"
echo "SELECT count(*) FROM sqlite_master;" >&9
i=0
while [ ! -s "$db-shm" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done

# items for align --from-tsv, enough to fill more than 512 bytes of groups
items="$T/items.tsv"
printf 'doc_id\titem_id\tkind\tlang\ttitle\ttext\tsource\n' >"$items"
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
	printf 'a\ta.%s\tgoal\tde\tInformationssicherheit und Datenschutz %s\t\t\n' "$i" "$i"
	printf 'b\tb.%s\tgoal\tde\tInformationssicherheit Datenschutz %s\t\t\n' "$i" "$i"
done >>"$items"

# write NAME TARGET: run the writer NAME with its output at TARGET.
write() {
	case $1 in
	html) kk --db "$db" report -o "$2" ;;
	odt) kk --db "$db" report --format odt -o "$2" ;;
	archimate) kk --db "$db" export archimate -o "$2" ;;
	xlsx) kk --db "$db" export xlsx -o "$2" ;;
	ics) kk --db "$db" export ics -o "$2" ;;
	tsv) kk align --from-tsv "$items" --groups-tsv "$2" \
	    --no-system-lexicon ;;
	yaml) kk --db "$db" export yaml -o "$2" ;;
	csv) kk --db "$db" export csv -o "$2" ;;
	esac
}
single="html odt archimate xlsx ics tsv"
multi="yaml csv"

# files a folder export writes, one of which the checks below plant at
first_file() {
	case $1 in
	yaml) echo vlg.yaml ;;
	csv) echo elements.csv ;;
	esac
}

for w in $single; do
	d="$T/$w"
	mkdir -p "$d"
	write "$w" "$d/out" >/dev/null 2>"$T/err"
	expect_rc 0 $? "$w: first write"

	# a symlink at the name the old code wrote through is not followed
	echo "victim" >"$T/victim-$w"
	ln -s "$T/victim-$w" "$d/out.tmp"
	write "$w" "$d/out" >/dev/null 2>"$T/err"
	expect_rc 0 $? "$w: write beside a planted symlink"
	[ "$(cat "$T/victim-$w")" = victim ] ||
		fail "$w: the symlink at out.tmp was followed"
	[ -L "$d/out.tmp" ] || fail "$w: the planted symlink was replaced"
	rm -f "$d/out.tmp"

	# a failed write (a file size limit) leaves the old file as it was
	# and no temporary beside it
	cp "$d/out" "$T/before-$w"
	(trap '' XFSZ; ulimit -f 1; write "$w" "$d/out") >/dev/null 2>"$T/err"
	expect_rc 1 $? "$w: write over the size limit"
	cmp -s "$d/out" "$T/before-$w" ||
		fail "$w: the old file changed on a failed write"
	grep -q "cannot write '$d/out'" "$T/err" ||
		fail "$w: the message does not name the file: $(cat "$T/err")"
	grep -q "ERROR" "$T/err" &&
		fail "$w: a library's message reached the user: $(cat "$T/err")"
	[ "$(ls -A "$d")" = out ] ||
		fail "$w: files left beside the target: $(ls -A "$d")"

	# a read-only folder: refused, the old file as it was
	chmod 555 "$d"
	if [ -w "$d" ]; then
		:	# root writes anyway: nothing to see
	else
		write "$w" "$d/out" >/dev/null 2>"$T/err"
		expect_rc 1 $? "$w: read-only folder"
		cmp -s "$d/out" "$T/before-$w" ||
			fail "$w: the old file changed in a read-only folder"
	fi
	chmod 755 "$d"

	# a missing folder: exit 1, the folder named, nothing created
	write "$w" "$T/nodir-$w/out" >/dev/null 2>"$T/err"
	expect_rc 1 $? "$w: missing folder"
	grep -q "there is no folder '$T/nodir-$w'" "$T/err" ||
		fail "$w: missing folder message: $(cat "$T/err")"
	[ -e "$T/nodir-$w" ] && fail "$w: the missing folder was created"
done

for w in $multi; do
	d="$T/$w"
	f=$(first_file "$w")
	write "$w" "$d" >/dev/null 2>"$T/err"
	expect_rc 0 $? "$w: the folder of a multi-file export is created"
	[ -s "$d/$f" ] || fail "$w: no $f in the new folder"

	echo "victim" >"$T/victim-$w"
	ln -s "$T/victim-$w" "$d/$f.tmp"
	write "$w" "$d" >/dev/null 2>"$T/err"
	expect_rc 0 $? "$w: write beside a planted symlink"
	[ "$(cat "$T/victim-$w")" = victim ] ||
		fail "$w: the symlink at $f.tmp was followed"
	rm -f "$d/$f.tmp"

	cp "$d/$f" "$T/before-$w"
	ls -A "$d" >"$T/list-$w"
	(trap '' XFSZ; ulimit -f 1; write "$w" "$d") >/dev/null 2>"$T/err"
	expect_rc 1 $? "$w: write over the size limit"
	cmp -s "$d/$f" "$T/before-$w" ||
		fail "$w: the old $f changed on a failed write"
	ls -A "$d" | cmp -s - "$T/list-$w" ||
		fail "$w: files left in the folder: $(ls -A "$d")"

	# its parent must exist: only the last folder is made
	write "$w" "$T/nodir-$w/sub" >/dev/null 2>"$T/err"
	expect_rc 1 $? "$w: missing parent folder"
	grep -q "there is no folder '$T/nodir-$w'" "$T/err" ||
		fail "$w: missing parent message: $(cat "$T/err")"

	# a file where the folder should be
	: >"$T/file-$w"
	write "$w" "$T/file-$w" >/dev/null 2>"$T/err"
	expect_rc 1 $? "$w: a file in the folder's place"
done

# standard output still works where it did
kk --db "$db" report -o - | grep -q "<html" || fail "report -o - is empty"
kk --db "$db" report --format odt -o - | head -c 2 | grep -q PK ||
	fail "report --format odt -o - is not a package"
kk --db "$db" export archimate | grep -q "<model" ||
	fail "export archimate to standard output"
kk --db "$db" export ics | grep -q "BEGIN:VCALENDAR" ||
	fail "export ics to standard output"
kk --db "$db" export yaml --party vlg | grep -q "^  id: vlg" ||
	fail "export yaml --party to standard output"
kk align --from-tsv "$items" --groups-tsv - --no-system-lexicon |
	grep -q "^G001	" || fail "--groups-tsv - to standard output"

# a target that is a folder
mkdir -p "$T/adir"
kk --db "$db" report -o "$T/adir" >/dev/null 2>"$T/err"
expect_rc 1 $? "report onto a folder"
grep -q "it is a folder" "$T/err" || fail "folder target: $(cat "$T/err")"

# the new file has the mode a new file gets, not mkstemp's 0600
(umask 022; kk --db "$db" export ics -o "$T/mode.ics" >/dev/null)
[ "$(stat -c %a "$T/mode.ics")" = 644 ] ||
	fail "new file mode $(stat -c %a "$T/mode.ics"), expected 644"

# a target that is no regular file (a named pipe here; /dev/null and
# /dev/stdout alike) is written in place, not replaced by a file
for w in "report" "export archimate" "export ics" "export xlsx"; do
	rm -f "$T/pipe"
	mkfifo "$T/pipe" || fail "mkfifo"
	wc -c <"$T/pipe" >"$T/pipe-bytes" &
	reader=$!
	kk --db "$db" $w -o "$T/pipe" >/dev/null 2>"$T/err"
	rc=$?
	# a reader still waiting for a writer is let go
	if [ ! -p "$T/pipe" ]; then
		fail "$w put a file in the place of the pipe"
		kill $reader 2>/dev/null
	elif [ $rc -ne 0 ]; then
		: >"$T/pipe"
	fi
	wait $reader
	expect_rc 0 $rc "$w into a named pipe"
	[ "$(cat "$T/pipe-bytes")" -gt 100 ] ||
		fail "$w into a named pipe: $(cat "$T/pipe-bytes") bytes read"
done

exec 9>&-
wait $holder
finish
