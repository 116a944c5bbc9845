# The planning report as ODT: a real OpenDocument package (mimetype first
# and stored, a manifest that lists every part, well-formed parts with
# the structure a word processor needs), the same bytes every run, and
# LibreOffice turns it into a PDF with the chapters, a party and the
# total in it. Only konkordat runs under $KK_WRAP; LibreOffice never.
. "$(dirname "$0")/lib.sh"

db="$KK_TMP/k.db"
odt="$KK_TMP/report.odt"
x="$KK_TMP/x"
kk --db "$db" import -q "$EXAMPLE"/*.yaml >/dev/null
expect_rc 0 $? "import of the example"

kk --db "$db" report --format odt --date 2013-06-30 -o "$odt"
expect_rc 0 $? "report --format odt"

# the package: the first entry is 'mimetype', stored, with no extra
# field, so that its text stands at byte 38 (ODF 1.3 part 2, 3.3)
[ "$(head -c 4 "$odt" | od -An -tx1 | tr -d ' ')" = 504b0304 ] ||
	fail "not a zip file"
[ "$(dd if="$odt" bs=1 skip=8 count=2 2>/dev/null | od -An -tx1 | tr -d ' ')" = 0000 ] ||
	fail "mimetype is compressed"
[ "$(dd if="$odt" bs=1 skip=30 count=8 2>/dev/null)" = mimetype ] ||
	fail "mimetype is not the first entry"
[ "$(dd if="$odt" bs=1 skip=38 count=39 2>/dev/null)" = \
	application/vnd.oasis.opendocument.text ] ||
	fail "mimetype is not at byte 38 with its text"
rm -rf "$x" && mkdir -p "$x"
(cd "$x" && unzip -q "$odt") || fail "unzip failed"
for part in content.xml styles.xml meta.xml META-INF/manifest.xml \
	Pictures/figure-1.svg Pictures/figure-3.svg; do
	[ -s "$x/$part" ] || { fail "no $part"; continue; }
	xmllint --noout --nonet "$x/$part" 2>"$KK_TMP/lint" &&
		[ ! -s "$KK_TMP/lint" ] && pass || fail "$part: not well-formed"
done

# the manifest lists exactly the package's files
unzip -Z1 "$odt" | grep -v '^mimetype$' | sort >"$KK_TMP/files"
xmllint --xpath '//*[local-name()="file-entry"]/@*[local-name()="full-path"]' \
	"$x/META-INF/manifest.xml" | tr ' ' '\n' | sed -n 's/^.*full-path="\(.*\)"$/\1/p' |
	grep -v '^/$' | sort >"$KK_TMP/listed"
{ echo META-INF/manifest.xml; cat "$KK_TMP/listed"; } | sort >"$KK_TMP/listed2"
cmp -s "$KK_TMP/files" "$KK_TMP/listed2" && pass ||
	fail "the manifest does not list the package's files"

# xp EXPR: the value of an XPath expression on content.xml
xp() {
	xmllint --xpath "$1" "$x/content.xml" 2>/dev/null
}
[ "$(xp 'count(/*[local-name()="document-content"]/*[local-name()="body"]/*[local-name()="text"])')" = 1 ] ||
	fail "no office:body/office:text"
[ "$(xp 'count(//*[local-name()="h"][@*[local-name()="outline-level"]="1"])')" = 8 ] ||
	fail "not 8 chapters at outline level 1"
[ "$(xp 'count(//*[local-name()="h"][not(@*[local-name()="outline-level"])])')" = 0 ] ||
	fail "a heading without its outline level"
[ "$(xp 'count(//*[local-name()="table-of-content"])')" = 1 ] ||
	fail "no table of contents"
[ "$(xp 'count(//*[local-name()="index-body"]/*[local-name()="p"])')" = 12 ] ||
	fail "the contents do not list 8 chapters and 4 parties"
ntab=$(xp 'count(//*[local-name()="table"][@*[local-name()="name"]])')
[ "$ntab" = "$(xp 'count(//*[local-name()="sequence"][@*[local-name()="name"]="Table"])')" ] ||
	fail "a table without its numbered caption"
# the same tables and charts as the HTML report of the same data
kk --db "$db" report --date 2013-06-30 -o "$KK_TMP/report.html"
expect_rc 0 $? "report as HTML"
[ "$ntab" = "$(grep -c '<table id=' "$KK_TMP/report.html")" ] ||
	fail "$ntab tables, not as many as the HTML has"
[ "$(xp 'count(//*[local-name()="frame"]/*[local-name()="image"])')" = \
	"$(grep -c '<svg ' "$KK_TMP/report.html")" ] ||
	fail "not as many charts as the HTML has"
for href in $(xp '//*[local-name()="image"]/@*[local-name()="href"]' |
	sed 's/[^ ]*href="\([^"]*\)"/\1/g'); do
	[ -s "$x/$href" ] && pass || fail "chart '$href' not in the package"
done
grep -q "34'140'000.00" "$x/content.xml" || fail "no portfolio total"
grep -q '<dc:date>2013-06-30T00:00:00</dc:date>' "$x/meta.xml" ||
	fail "no date in meta.xml"

# stable: the same data and date give the same bytes; no date, no date
"$KONKORDAT" --db "$db" report --format odt --date 2013-06-30 -o - >"$KK_TMP/again.odt"
expect_rc 0 $? "report --format odt -o -"
cmp -s "$odt" "$KK_TMP/again.odt" && pass || fail "odt not stable"
(export SOURCE_DATE_EPOCH=1372629600; kk --db "$db" report --format odt --lang en -o "$KK_TMP/en.odt")
expect_rc 0 $? "report --format odt --lang en"
unzip -p "$KK_TMP/en.odt" meta.xml | grep -q '2013-07-01' || fail "not dated today in Switzerland"
unzip -p "$KK_TMP/en.odt" content.xml | grep -q '>2 Starting point<' ||
	fail "no English heading"
unzip -Zl "$KK_TMP/en.odt" | grep -q ' 13-Jul-01 00:00 content.xml' || fail "entries not dated the report's day"

# usage errors
"$KONKORDAT" --db "$db" report --format docx >/dev/null 2>&1
expect_rc 2 $? "unknown format"

# LibreOffice reads it: to PDF, with a profile of its own
if ! command -v libreoffice >/dev/null 2>&1; then
	finish_skip "libreoffice is not installed (Debian: libreoffice-writer-nogui); no conversion to PDF"
fi
libreoffice -env:UserInstallation="file://$KK_TMP/lo-profile" --headless \
	--convert-to pdf --outdir "$KK_TMP/pdf" "$odt" >"$KK_TMP/lo.log" 2>&1
expect_rc 0 $? "libreoffice --convert-to pdf"
pdf="$KK_TMP/pdf/report.pdf"
pages=$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
if [ -n "$pages" ] && [ "$pages" -ge 12 ] && [ "$pages" -le 60 ]; then
	pass
else
	fail "the PDF has '$pages' pages, not 12 to 60"
fi
pdftotext -layout "$pdf" "$KK_TMP/pdf.txt" || fail "pdftotext failed"
for h in '1 Zusammenfassung' '2 Ausgangslage' '3 Gemeinsame Strategie' \
	'4 Gemeinsames Portfolio' '5 Finanzen' '6 Infrastruktur' \
	'7 Organisation und Steuerung' 'Anhang: Strategien der Partner' \
	'Verband Luzerner Gemeinden' "34'140'000.00" 'Tabelle 3: Die gemeinsamen Projekte' \
	'Abbildung 1: Roadmap der gemeinsamen Projekte'; do
	grep -qF "$h" "$KK_TMP/pdf.txt" && pass || fail "the PDF lacks '$h'"
done
# the charts are drawn: the Gantt's labels come out of Pictures/figure-2.svg
grep -q 'Meilenstein erreicht' "$KK_TMP/pdf.txt" || fail "the Gantt's legend is not in the PDF"
finish
