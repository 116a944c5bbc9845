# The planning report as PDF through headless Chromium: a clear refusal
# when Chromium is missing or fails, nothing left behind either way; with
# Chromium, a PDF of A4 pages none of which is empty, with the chapters in
# it, and a screenshot of the HTML. Only konkordat runs under $KK_WRAP;
# Chromium never (konkordat starts it, and valgrind does not follow).
. "$(dirname "$0")/lib.sh"

db="$KK_TMP/k.db"
pdf="$KK_TMP/report.pdf"
tmp="$KK_TMP/tmp"
mkdir -p "$tmp"
kk --db "$db" import -q "$EXAMPLE"/*.yaml >/dev/null
expect_rc 0 $? "import of the example"

# left_behind WHAT: konkordat's working directory is gone, and no file
# half written where the PDF was to go
left_behind() {
	if [ -n "$(ls -A "$tmp")" ] || [ -e "$pdf.tmp" ]; then
		fail "$1: files left behind: $(ls -A "$tmp") $(ls "$pdf.tmp" 2>/dev/null)"
	else
		pass
	fi
}

# without Chromium: exit 1, saying what to install
TMPDIR="$tmp" KONKORDAT_CHROMIUM="$KK_TMP/no-such-chromium" \
	kk --db "$db" report --format pdf -o "$pdf" 2>"$KK_TMP/err"
expect_rc 1 $? "pdf without chromium"
grep -q "no-such-chromium' not found" "$KK_TMP/err" &&
	grep -q 'apt-get install chromium' "$KK_TMP/err" && pass ||
	fail "the message does not say what is missing: $(cat "$KK_TMP/err")"
[ -e "$pdf" ] && fail "a PDF without chromium"
left_behind "no chromium"

# a browser that fails: exit 3, its failure said, nothing left
TMPDIR="$tmp" KONKORDAT_CHROMIUM=false \
	kk --db "$db" report --format pdf -o "$pdf" 2>"$KK_TMP/err"
expect_rc 3 $? "pdf with a failing chromium"
grep -q "'false' failed with exit status 1" "$KK_TMP/err" && pass ||
	fail "the failure is not said: $(cat "$KK_TMP/err")"
[ -e "$pdf" ] && fail "a PDF from a failing chromium"
left_behind "failing chromium"

if ! command -v chromium >/dev/null 2>&1; then
	finish_skip "chromium is not installed (Debian: chromium); no PDF printed"
fi

TMPDIR="$tmp" kk --db "$db" report --format pdf --date 2013-06-30 -o "$pdf"
expect_rc 0 $? "report --format pdf"
left_behind "pdf"
head -c 5 "$pdf" | grep -q '^%PDF-' || fail "not a PDF"
pdfinfo "$pdf" >"$KK_TMP/info" 2>&1 || fail "pdfinfo cannot read it"
pages=$(sed -n 's/^Pages: *//p' "$KK_TMP/info")
if [ -n "$pages" ] && [ "$pages" -ge 8 ] && [ "$pages" -le 60 ]; then
	pass
else
	fail "the PDF has '$pages' pages, not 8 to 60"
fi
grep -q '^Page size: *59[0-9.]* x 84[0-9.]* pts (A4)' "$KK_TMP/info" ||
	fail "not A4: $(grep 'Page size' "$KK_TMP/info")"
# every page has words on it
p=1
while [ -n "$pages" ] && [ "$p" -le "$pages" ]; do
	words=$(pdftotext -f "$p" -l "$p" "$pdf" - 2>/dev/null | wc -w)
	[ "$words" -gt 0 ] || fail "page $p is empty"
	p=$((p + 1))
done
pdftotext "$pdf" "$KK_TMP/pdf.txt" || fail "pdftotext failed"
for h in '1 Zusammenfassung' '4 Gemeinsames Portfolio' '5 Finanzen' \
	'Anhang: Strategien der Partner' 'Stadt Luzern' "34'140'000.00" \
	'Stand: 30. Juni 2013'; do
	grep -qF "$h" "$KK_TMP/pdf.txt" && pass || fail "the PDF lacks '$h'"
done

# the HTML report as a browser shows it: a screenshot, a real PNG
kk --db "$db" report --date 2013-06-30 -o "$KK_TMP/report.html"
expect_rc 0 $? "report as HTML"
chromium --headless --no-sandbox --disable-gpu --no-first-run \
	--disable-background-networking --disable-component-update \
	--disable-sync --user-data-dir="$KK_TMP/profile" \
	--window-size=1280,2400 --screenshot="$KK_TMP/shot.png" \
	"file://$KK_TMP/report.html" >"$KK_TMP/chromium.log" 2>&1
expect_rc 0 $? "chromium --screenshot"
[ "$(head -c 8 "$KK_TMP/shot.png" | od -An -tx1 | tr -d ' ')" = 89504e470d0a1a0a ] ||
	fail "the screenshot is not a PNG"
[ "$(wc -c <"$KK_TMP/shot.png")" -gt 20000 ] ||
	fail "the screenshot is too small to show the report"
finish
