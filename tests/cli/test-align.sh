# konkordat align --from-tsv: groups out, bad input refused with FILE:LINE, the bar.
. "$(dirname "$0")/lib.sh"

T="$KK_TMP"
# never the user's cache; one per build tree, shared with unit/test-align
export XDG_CACHE_HOME="$T/../lexicon-cache"
nosys=--no-system-lexicon		# fast and the same everywhere

printf 'doc_id\titem_id\tkind\tlang\ttitle\ttext\tsource\n' >"$T/items.tsv"
printf 'a\ta.1\tgoal\tde\tInformationssicherheit und Datenschutz\t\t\n' >>"$T/items.tsv"
printf 'a\ta.2\tprinciple\tde\tOffenheit und Transparenz\t\t\n' >>"$T/items.tsv"
printf 'b\tb.1\tgoal\tfr\tSécurité de l'"'"'information et protection des données\t\t\n' >>"$T/items.tsv"
printf 'b\tb.2\tprinciple\t\tOuverture et transparence de l'"'"'administration\t\t\n' >>"$T/items.tsv"
printf 'c\tc.1\tfield\ten\tInformation security and data protection\t\t\n' >>"$T/items.tsv"

kk align --from-tsv "$T/items.tsv" --groups-tsv "$T/out.tsv" $nosys 2>"$T/err"
expect_rc 0 $? "align"
[ "$(head -1 "$T/out.tsv")" = "$(printf 'group_id\tgroup_label\titem_id')" ] ||
	fail "groups header: $(head -1 "$T/out.tsv")"
[ "$(tail -n +2 "$T/out.tsv" | wc -l)" -eq 5 ] || fail "every item once: $(cat "$T/out.tsv")"
g1=$(awk -F'\t' '$3 == "a.1" { print $1 }' "$T/out.tsv")
g2=$(awk -F'\t' '$3 == "a.2" { print $1 }' "$T/out.tsv")
[ "$(awk -F'\t' '$3 == "b.1" || $3 == "c.1" { print $1 }' "$T/out.tsv" | sort -u)" = "$g1" ] ||
	fail "security items not together: $(cat "$T/out.tsv")"
[ "$(awk -F'\t' '$3 == "b.2" { print $1 }' "$T/out.tsv")" = "$g2" ] ||
	fail "openness items not together: $(cat "$T/out.tsv")"
[ "$g1" != "$g2" ] || fail "one group for two concerns"
[ -s "$T/err" ] && fail "stderr not empty: $(cat "$T/err")"

kk align --from-tsv "$T/items.tsv" --json $nosys >"$T/out.json"
expect_rc 0 $? "align --json"
grep -q '"relation": "equivalent"' "$T/out.json" || fail "--json: no relation"
grep -q '"why": "' "$T/out.json" || fail "--json: no explanation"
grep -q '"confidence": ' "$T/out.json" || fail "--json: no confidence"
grep -q '"lang": "fr"' "$T/out.json" || fail "--json: language of b.2 not detected"

kk align --from-tsv "$T/items.tsv" --groups-tsv - $nosys | grep -q "^G001	" ||
	fail "--groups-tsv - does not write to standard output"

# the groups TSV belongs to the file mode
kk align --groups-tsv "$T/x.tsv" >/dev/null 2>"$T/err"; expect_rc 2 $? "--groups-tsv without --from-tsv"
grep -q "konkordat: error: --groups-tsv works only with --from-tsv" "$T/err" ||
	fail "--groups-tsv message: $(cat "$T/err")"

# usage errors
kk align --from-tsv "$T/items.tsv" --groups-tsv "$T/x.tsv" --min-score 2 >/dev/null 2>&1
expect_rc 2 $? "--min-score 2"
kk align --from-tsv "$T/items.tsv" --groups-tsv "$T/x.tsv" --min-score abc >/dev/null 2>&1
expect_rc 2 $? "--min-score abc"
kk align --from-tsv "$T/items.tsv" >/dev/null 2>&1; expect_rc 2 $? "no output named"
kk align --bogus >/dev/null 2>&1; expect_rc 2 $? "unknown option"
kk align --help | grep -q -- "--from-tsv" || fail "align --help"

# bad input: FILE:LINE and exit 1, nothing written
bad() {	# NAME CONTENT WANT
	printf "$2" >"$T/bad.tsv"
	rm -f "$T/bad-out.tsv"
	kk align --from-tsv "$T/bad.tsv" --groups-tsv "$T/bad-out.tsv" $nosys \
	    >/dev/null 2>"$T/err"
	expect_rc 1 $? "$1"
	grep -q "$3" "$T/err" || fail "$1: message: $(cat "$T/err")"
	[ -f "$T/bad-out.tsv" ] && fail "$1: wrote output"
}
hdr='doc_id\titem_id\tkind\tlang\ttitle\ttext\tsource\n'
bad "missing column" 'doc_id\titem_id\ttext\nd\ti\tx\n' "bad.tsv:1: the header has no column 'title'"
bad "short line" "${hdr}d\ti.1\tgoal\tde\tTitel\n" "bad.tsv:2: 5 fields where the header has 7"
bad "duplicate id" "${hdr}d\ti.1\tgoal\tde\tA\t\t\nd\ti.1\tgoal\tde\tB\t\t\n" "bad.tsv:3: item 'i.1' is there twice"
bad "empty title" "${hdr}d\ti.1\tgoal\tde\t\t\t\n" "bad.tsv:2: item 'i.1' has no title"
bad "bad language" "${hdr}d\ti.1\tgoal\trm\tTitel\t\t\n" "bad.tsv:2: unknown language 'rm'"
bad "no doc" "${hdr}\ti.1\tgoal\tde\tTitel\t\t\n" "bad.tsv:2: the item has no doc_id"
bad "empty file" "" "bad.tsv:1: empty file"
bad "binary" 'doc_id\0item' "a NUL byte"
kk align --from-tsv "$T/none.tsv" --groups-tsv "$T/x.tsv" $nosys >/dev/null 2>"$T/err"
expect_rc 1 $? "missing file"
grep -q "unable to read '$T/none.tsv'" "$T/err" || fail "missing file: $(cat "$T/err")"
printf 'concept\tde\n' >"$T/th.tsv"
kk align --from-tsv "$T/items.tsv" --groups-tsv "$T/x.tsv" --thesaurus "$T/th.tsv" $nosys \
    >/dev/null 2>"$T/err"
expect_rc 1 $? "bad thesaurus"
grep -q "th.tsv:1: expected 5 tab-separated columns" "$T/err" || fail "bad thesaurus: $(cat "$T/err")"

# the quality bar on the real data set, with the real lexicon (not under
# valgrind: building the lexicon cache there would take many minutes)
set_dir="$KK_SRCDIR/tests/data/alignment"
if [ -n "$KK_WRAP" ]; then
	echo "the F1 on tests/data/alignment is checked in the ASan build"
elif need python3 python3; then
	kk align --from-tsv "$set_dir/items.tsv" --groups-tsv "$T/pred.tsv" 2>"$T/err"
	expect_rc 0 $? "align shared/alignment"
	f1=$(python3 "$set_dir/score.py" "$set_dir/items.tsv" "$set_dir/gold.tsv" "$T/pred.tsv" |
	    sed -n 's/.* f1=\([0-9.]*\) .*/\1/p')
	echo "shared/alignment: f1=$f1"
	awk -v f="$f1" 'BEGIN { exit !(f >= 0.65) }' || fail "F1 $f1 below 0.65"
	# the second run reads the cache
	kk align --from-tsv "$set_dir/items.tsv" --groups-tsv "$T/pred2.tsv" --verbose 2>"$T/err"
	grep -q "loaded from cache" "$T/err" || fail "no cache: $(cat "$T/err")"
	cmp -s "$T/pred.tsv" "$T/pred2.tsv" || fail "two runs differ"
fi

finish
