# Leave-one-document-out on the alignment gold set (tests/data/alignment):
# the confidence of each held-out document's proposals, fitted on the
# other documents, has an expected calibration error of at most 0.10.
. "$(dirname "$0")/lib.sh"

T="$KK_TMP"
export XDG_CACHE_HOME="$T/../lexicon-cache"
data="$KK_SRCDIR/tests/data/alignment"
[ -f "$data/items.tsv" ] && [ -f "$data/gold.tsv" ] || exit 77
command -v python3 >/dev/null || exit 77

python3 "$KK_SRCDIR/bench/align-lodo" --set "alignment=$data/items.tsv,$data/gold.tsv" \
    --max-ece 0.10 "$KONKORDAT" >"$T/out" 2>&1
rc=$?
cat "$T/out"
[ $rc -eq 0 ] || fail "calibration: $(grep ECE "$T/out")"
grep -q "leave-one-document-out" "$T/out" || fail "no held-out figures"
pass
