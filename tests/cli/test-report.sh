# The planning report of the Lucerne example: written, parsed by libxml2's
# HTML parser, the figures we know, stable, equal to the golden file, and
# hostile titles only escaped.
#
# When the report changes on purpose, regenerate the golden file with
#   rm -f /tmp/g.db && build/konkordat --db /tmp/g.db import -q examples/luzern/*.yaml &&
#   build/konkordat --db /tmp/g.db report --date 2013-06-30 -o tests/golden/report-luzern-de.html
# and read the diff before committing it.
. "$(dirname "$0")/lib.sh"

# html_ok FILE: libxml2's HTML parser (HTML 4) reads FILE without error.
# It knows no SVG: "Tag svg invalid" and its kin are all it may say, and
# each inline SVG must then be well-formed XML on its own.
html_ok() {
	xmllint --html --noout "$1" 2>"$KK_TMP/lint" || fail "$1: xmllint failed"
	grep -E 'error|warning' "$KK_TMP/lint" | grep -vE 'HTML parser error : Tag (svg|g|defs|pattern|marker|desc|rect|line|path|polygon|circle|text|tspan) invalid$' >"$KK_TMP/lint.bad"
	if [ -s "$KK_TMP/lint.bad" ]; then
		fail "$1: the HTML parser complains"
		head -n 5 "$KK_TMP/lint.bad" >&2
	else
		pass
	fi
	rm -f "$KK_TMP"/svg-*.svg
	awk -v dir="$KK_TMP" '/<svg /{n++; f=sprintf("%s/svg-%d.svg", dir, n)}
		f {print > f} /<\/svg>/{close(f); f=""}' "$1"
	for s in "$KK_TMP"/svg-*.svg; do
		[ -f "$s" ] || { fail "$1: no chart"; break; }
		xmllint --noout --nonet "$s" 2>"$KK_TMP/lint" &&
			[ ! -s "$KK_TMP/lint" ] || fail "$s: not well-formed XML"
	done
}

db="$KK_TMP/k.db"
out="$KK_TMP/report.html"
kk --db "$db" import -q "$EXAMPLE"/*.yaml >/dev/null
expect_rc 0 $? "import of the example"

kk --db "$db" report --date 2013-06-30 -o "$out"
expect_rc 0 $? "report -o"
html_ok "$out"
for h in '1 Zusammenfassung' '2 Ausgangslage' '3 Gemeinsame Strategie' \
	'4 Gemeinsames Portfolio' '5 Finanzen' '6 Infrastruktur' \
	'7 Organisation und Steuerung' 'Anhang: Strategien der Partner'; do
	grep -q "<h2 id=\"[a-z-]*\">$h</h2>" "$out" || fail "no heading '$h'"
done
grep -q "CHF 34'140'000.00" "$out" || fail "no portfolio total"
grep -q "umfasst 16 Projekte" "$out" || fail "not 16 projects"
grep -q 'Die gemeinsame Strategie ist noch nicht erarbeitet.' "$out" ||
	fail "the missing common strategy is not said"
grep -q 'Stand: 30. Juni 2013' "$out" || fail "no date"
# the topics' counts (0 to 2) take too few values for a heatmap
[ "$(grep -c '<svg ' "$out")" -eq 3 ] || fail "not 3 charts"
[ "$(grep -c '<title id=' "$out")" -eq 3 ] || fail "a chart without title"
grep -q 'fig-themen' "$out" && fail "a heatmap of counts 0 to 2"
# no internal keys, cut words or lights as colour words
grep -q '…' "$out" && fail "a cut word"
grep -q 'ohne eigene Datei' "$out" && fail "an internal term"
grep -q '<td>rot</td>\|<td>gelb</td>\|<td>grün</td>' "$out" &&
	fail "a traffic light as a colour's name"
grep -q '<span class="light2">▲</span> gefährdet' "$out" ||
	fail "no traffic light with a symbol"
grep -q '<tspan x="252.0" dy="12">' "$out" || fail "a project name not wrapped"
grep -q '<a href="#finanzen">5 Finanzen</a>' "$out" || fail "no linked contents"
grep -q '@media print' "$out" || fail "no print style"
grep -qE '<(script|link|img|iframe|object)|(src|href)="[a-z]+:' "$out" &&
	fail "the report fetches or runs something"
grep -q '<td>Rechenzentrum</td><td>Rechenzentrum Kanton' "$out" ||
	fail "no consolidation candidate"

# stable: the same data and date give the same bytes; stdout is the same
# (the runs that only repeat a path run without valgrind, to stay fast)
"$KONKORDAT" --db "$db" report --date 2013-06-30 >"$KK_TMP/again.html"
expect_rc 0 $? "report to stdout"
cmp -s "$out" "$KK_TMP/again.html" && pass || fail "report not stable"
if cmp -s "$KK_SRCDIR/tests/golden/report-luzern-de.html" "$out"; then
	pass
else
	fail "report differs from tests/golden/report-luzern-de.html"
	diff "$KK_SRCDIR/tests/golden/report-luzern-de.html" "$out" | head -n 20 >&2
fi

# without a date: today in Switzerland (30 June 2013 22:00 UTC is
# 1 July in Lucerne); in English through the same tables
(export SOURCE_DATE_EPOCH=1372629600; kk --db "$db" report --lang en -o "$KK_TMP/en.html")
expect_rc 0 $? "report --lang en"
html_ok "$KK_TMP/en.html"
grep -q 'As of: 1 July 2013' "$KK_TMP/en.html" || fail "not dated today in Switzerland"
grep -q 'on the reference date 1 July 2013' "$KK_TMP/en.html" ||
	fail "the infrastructure not read on the report's date"
grep -q '<html lang="en">' "$KK_TMP/en.html" || fail "not English"
grep -q '>2 Starting point</h2>' "$KK_TMP/en.html" || fail "no English heading"
grep -q 'The common strategy has not been drawn up yet.' "$KK_TMP/en.html" ||
	fail "no English note"

# coverage: before 'konkordat align' the report says there is none yet;
# after it, a heatmap of party x common field and its table, whose
# numbers are those of 'konkordat coverage' (fields and goals mapped as
# equivalent, not rejected, to the field or a goal under it)
grep -q 'id="fig-abdeckung"' "$out" && fail "a coverage heatmap without a common strategy"
grep -q 'Ohne gemeinsame Strategie gibt es noch keine gemeinsamen Handlungsfelder' "$out" ||
	fail "the missing coverage is not said"
export XDG_CACHE_HOME="$KK_TMP/../lexicon-cache"
cp "$db" "$KK_TMP/aligned.db"
# (align is test-review's: here it runs without valgrind, to stay fast)
"$KONKORDAT" --db "$KK_TMP/aligned.db" align --no-system-lexicon >/dev/null
expect_rc 0 $? "align"
kk --db "$KK_TMP/aligned.db" report -o "$KK_TMP/cover.html"
expect_rc 0 $? "report after align"
html_ok "$KK_TMP/cover.html"
"$KONKORDAT" --db "$KK_TMP/aligned.db" coverage --csv >"$KK_TMP/cover.csv"
expect_rc 0 $? "coverage --csv"
/usr/bin/python3 - "$KK_TMP/cover.html" "$KK_TMP/cover.csv" >"$KK_TMP/cover.txt" 2>&1 <<'PY'
import csv, html, re, sys
page = open(sys.argv[1], encoding='utf-8').read()
names = {'kanton-luzern': 'Kanton Luzern', 'stadt-luzern': 'Stadt Luzern',
         'vlg': 'Verband Luzerner Gemeinden',
         'iggi': 'Interessengemeinschaft Gemeindeinformatik'}
want = {}  # (party name, common field label) -> count
fields = []
for r in csv.DictReader(open(sys.argv[2], encoding='utf-8')):
    fields.append(r['LABEL'])
    for pid, name in names.items():
        cell = r[pid].split(' (')[0]
        want[(name, r['LABEL'])] = 0 if cell == '-' else len(cell.split())
assert len(fields) >= 3, fields
sec = page[page.index('id="abdeckung"'):page.index('id="rueckverfolgung"')]
svg = re.search(r'<svg.*?</svg>', sec, re.S).group(0)
assert 'aria-labelledby="fig-abdeckung-t' in svg, 'not the coverage chart'
cells = {}
for t in re.findall(r'<rect [^>]*><title>(.*?)</title></rect>', svg):
    head, n = html.unescape(t).rsplit(': ', 1)
    party, field = head.split(', ', 1)  # a party's name has no comma
    cells[(party, field)] = int(n)
assert cells == want, (sorted(set(cells.items()) ^ set(want.items())))
# the legend says what the hatch is; each empty cell is hatched
assert '>0: Lücke</text>' in svg
assert svg.count('fill="url(#fig-abdeckung-zero)" stroke="#999"') == \
    sum(1 for v in want.values() if v == 0)
# the table: a column per common field, a row per party, the same numbers
table = sec[sec.index('<table'):sec.index('</table>')]
heads = [html.unescape(h) for h in re.findall(r'<th(?: [^>]*)?>(.*?)</th>', table)]
assert heads == ['Partner'] + fields, heads
rows = re.findall(r'<tr><td>(.*?)</td>(.*?)</tr>', table)
assert [html.unescape(r[0]) for r in rows] == list(names.values()), rows
for name, rest in rows:
    nums = [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', rest)]
    assert nums == [want[(html.unescape(name), f)] for f in fields], (name, nums)
print('coverage ok', len(fields), 'fields;', 'Kanton Luzern,', fields[0], '=',
      want[('Kanton Luzern', fields[0])])
PY
if [ $? -eq 0 ]; then pass; else fail "coverage heatmap: $(cat "$KK_TMP/cover.txt")"; fi

# French and Italian, in the C locale with no locale generated: the
# headings translated, numbers and dates as each language writes them
kk --db "$db" report --lang fr --date 2013-06-01 -o "$KK_TMP/fr.html"
expect_rc 0 $? "report --lang fr"
html_ok "$KK_TMP/fr.html"
nnbsp=$(printf '\342\200\257')
for h in '1 Résumé' '2 Situation initiale' '3 Stratégie commune' \
	'4 Portefeuille commun' '5 Finances' '6 Infrastructure' \
	'7 Organisation et pilotage'; do
	grep -q "<h2 id=\"[a-z-]*\">$h</h2>" "$KK_TMP/fr.html" ||
		fail "fr: no heading '$h'"
done
grep -q '<html lang="fr">' "$KK_TMP/fr.html" || fail "fr: not French"
grep -q '<h1>Rapport de planification</h1>' "$KK_TMP/fr.html" ||
	fail "fr: no title"
grep -q "CHF 34${nnbsp}140${nnbsp}000.00" "$KK_TMP/fr.html" ||
	fail "fr: the total not as 34 140 000.00 with narrow no-break spaces"
grep -q 'État au 1er juin 2013' "$KK_TMP/fr.html" || fail "fr: no long date"
grep -q '1 groupe de composants' "$KK_TMP/fr.html" || fail "fr: no singular"
kk --db "$db" report --lang it --date 2013-06-30 -o "$KK_TMP/it.html"
expect_rc 0 $? "report --lang it"
html_ok "$KK_TMP/it.html"
for h in '1 Riassunto' '2 Situazione iniziale' '3 Strategia comune' \
	'4 Portafoglio comune' '5 Finanze' '6 Infrastruttura' \
	'7 Organizzazione e pilotaggio'; do
	grep -q "<h2 id=\"[a-z-]*\">$h</h2>" "$KK_TMP/it.html" ||
		fail "it: no heading '$h'"
done
grep -q '<h1>Rapporto di pianificazione</h1>' "$KK_TMP/it.html" ||
	fail "it: no title"
grep -q "CHF 34'140'000.00" "$KK_TMP/it.html" || fail "it: no total"
grep -q 'Stato al 30 giugno 2013' "$KK_TMP/it.html" || fail "it: no date"
grep -q '>30.06.2014<' "$KK_TMP/it.html" || fail "it: no short date"
grep -q 'The shared infrastructure has 12 components. 1 group of alike' \
	"$KK_TMP/en.html" || fail "en: no plural and singular"

# the ODT from the same document: Italian text, Swiss Italian spelling
kk --db "$db" report --format odt --lang it --date 2013-06-30 -o "$KK_TMP/it.odt"
expect_rc 0 $? "report --format odt --lang it"
unzip -p "$KK_TMP/it.odt" content.xml >"$KK_TMP/it-content.xml" ||
	fail "unzip of the Italian ODT"
grep -q '>1 Riassunto<' "$KK_TMP/it-content.xml" || fail "odt: no Italian heading"
grep -q "CHF 34'140'000.00" "$KK_TMP/it-content.xml" || fail "odt: no Italian total"
unzip -p "$KK_TMP/it.odt" styles.xml | grep -q 'fo:language="it" fo:country="CH"' ||
	fail "odt: not marked as Swiss Italian"

# No fixed text left in German. german PO: each German text of the
# report's catalog that PO translates into something else, as the whole
# text of an element (after a chapter's number), or up to its first printf
# conversion as the start of one; leaving out those that the example's own
# data also hold as a value (which stay German in every report).
german() {
	awk '
	function unq(s) { sub(/^[^"]*"/, "", s); sub(/"$/, "", s); return s }
	function emit(id, tr) {
		if (id == "" || id == tr) return
		if (id ~ /%/) {
			sub(/%.*/, "", id)
			if (length(id) >= 12 && !index(data, id)) print ">" id
			return
		}
		if (index(data, ": " id "\n")) return	# a whole value
		print ">" id "<"
		for (i = 1; i <= 8; i++) print ">" i " " id "<"
	}
	FILENAME != po { data = data $0 "\n"; next }
	/^msgid / { id = unq($0); pl = "" }
	/^msgid_plural / { pl = unq($0) }
	/^msgstr / { emit(id, unq($0)) }
	/^msgstr\[0\] / { emit(id, unq($0)) }
	/^msgstr\[1\] / { emit(pl, unq($0)) }
	' po="$1" "$EXAMPLE"/*.yaml "$1" | sort -u
}
german "$KK_SRCDIR/po/report/fr.po" >"$KK_TMP/german"
[ "$(wc -l <"$KK_TMP/german")" -ge 500 ] || fail "too few German texts to look for"
found=$(grep -oFf "$KK_TMP/german" "$out" | sort -u | wc -l)
[ "$found" -ge 60 ] || fail "only $found German texts in the German report"
for l in fr it en; do
	german "$KK_SRCDIR/po/report/$l.po" >"$KK_TMP/german"
	if grep -Ff "$KK_TMP/german" "$KK_TMP/$l.html" >"$KK_TMP/left"; then
		fail "$l: German fixed text left"
		grep -oFf "$KK_TMP/german" "$KK_TMP/left" | sort -u | head -n 5 >&2
	else
		pass
	fi
done

# a catalog that is missing is said, not replaced by German
KONKORDAT_LOCALEDIR="$KK_TMP/nowhere" "$KONKORDAT" --db "$db" report \
	--lang it -o "$KK_TMP/none.html" 2>"$KK_TMP/err"
expect_rc 3 $? "report without the Italian catalog"
grep -q "nowhere/it/LC_MESSAGES/konkordat-report.mo is missing" "$KK_TMP/err" ||
	fail "no clear message for the missing catalog"
[ -f "$KK_TMP/none.html" ] && fail "a report written without its catalog"

# a damaged catalog is named, not read past its end
mkdir -p "$KK_TMP/broken/fr/LC_MESSAGES"
printf '\336\022\004\225\0\0\0\0\377\377\0\0\034\0\0\0\034\0\0\0' \
	>"$KK_TMP/broken/fr/LC_MESSAGES/konkordat-report.mo"
KONKORDAT_LOCALEDIR="$KK_TMP/broken" "$KONKORDAT" --db "$db" report \
	--lang fr -o "$KK_TMP/broken.html" 2>"$KK_TMP/err"
expect_rc 3 $? "report with a damaged French catalog"
grep -q "broken/fr/LC_MESSAGES/konkordat-report.mo' is not a message catalog" \
	"$KK_TMP/err" || fail "no clear message for the damaged catalog"
[ -f "$KK_TMP/broken.html" ] && fail "a report written with a damaged catalog"

# usage errors
"$KONKORDAT" --db "$db" report --lang xx >/dev/null 2>&1
expect_rc 2 $? "unknown language"
"$KONKORDAT" --db "$db" report --date 2013-13-01 >/dev/null 2>&1
expect_rc 2 $? "bad date"
"$KONKORDAT" --db "$db" report --format docx >/dev/null 2>&1
expect_rc 2 $? "unknown format"
"$KONKORDAT" --db "$KK_TMP/none.db" report >/dev/null 2>&1
expect_rc 1 $? "no database"

# hostile titles in a party file and the organisation file
evil="<script>alert(1)</script> \& \"Zitat\" ''x'' ]]>"
mkdir -p "$KK_TMP/evil"
sed -e "s|^  name: Stadt Luzern\$|  name: 'Stadt $evil'|" \
	-e "s|^  title: IT-Strategie 2012–2016\$|  title: 'Strategie $evil'|" \
	-e "s|^      title: Online-Dienstleistungen\$|      title: 'Feld $evil'|" \
	"$EXAMPLE/stadt-luzern.yaml" >"$KK_TMP/evil/stadt-luzern.yaml"
sed -e "s|^    title: Digitale Archivierung\$|    title: 'Projekt $evil'|" \
	"$EXAMPLE/organisation.yaml" >"$KK_TMP/evil/organisation.yaml"
grep -q 'alert' "$KK_TMP/evil/stadt-luzern.yaml" &&
	grep -q 'alert' "$KK_TMP/evil/organisation.yaml" || fail "sed missed"
# on a copy of the database: only the two changed files are imported
cp "$db" "$KK_TMP/evil.db"
kk --db "$KK_TMP/evil.db" import -q "$KK_TMP/evil/stadt-luzern.yaml" \
	"$KK_TMP/evil/organisation.yaml" >/dev/null
expect_rc 0 $? "import of hostile titles"
kk --db "$KK_TMP/evil.db" report -o "$KK_TMP/evil.html"
expect_rc 0 $? "report of hostile titles"
html_ok "$KK_TMP/evil.html"
grep -q '<script' "$KK_TMP/evil.html" && fail "a raw <script> in the report"
grep -q ']]>' "$KK_TMP/evil.html" && fail "a raw ]]> in the report"
for what in Stadt Strategie Feld Projekt; do
	grep -qF "$what &lt;script&gt;alert(1)&lt;/script&gt; &amp; \"Zitat\" 'x' ]]&gt;" \
		"$KK_TMP/evil.html" || fail "$what: not escaped as text"
done
# in the charts (the stacked bars' series, the Gantt's rows) as well
grep -qF "<title>Projekt &lt;script&gt;" "$KK_TMP/evil.html" ||
	fail "the Gantt's row not escaped"

# the same titles in the ODT: every part well-formed, the titles there as
# text (what a parser reads back), no element they could have smuggled in
kk --db "$KK_TMP/evil.db" report --format odt -o "$KK_TMP/evil.odt"
expect_rc 0 $? "odt report of hostile titles"
rm -rf "$KK_TMP/evil-odt" && mkdir -p "$KK_TMP/evil-odt"
(cd "$KK_TMP/evil-odt" && unzip -q "$KK_TMP/evil.odt") || fail "unzip failed"
for part in content.xml styles.xml meta.xml META-INF/manifest.xml \
	Pictures/figure-1.svg Pictures/figure-2.svg Pictures/figure-3.svg; do
	xmllint --noout --nonet "$KK_TMP/evil-odt/$part" 2>"$KK_TMP/lint" &&
		[ ! -s "$KK_TMP/lint" ] || fail "$part: not well-formed"
done
c="$KK_TMP/evil-odt/content.xml"
[ "$(xmllint --xpath 'count(//*[local-name()="script"])' "$c")" = 0 ] ||
	fail "a <script> element in content.xml"
grep -q ']]>' "$c" && fail "a raw ]]> in content.xml"
# the text content of content.xml, one text node per line
xmllint --xpath '//text()' "$c" >"$KK_TMP/evil-text.xml" 2>/dev/null
for what in Stadt Strategie Feld Projekt; do
	# xmllint prints text nodes escaped again: compare in that form
	grep -qF "$what &lt;script&gt;alert(1)&lt;/script&gt; &amp; " \
		"$KK_TMP/evil-text.xml" || fail "$what: not in content.xml as text"
done
[ "$(xmllint --xpath 'count(//*[local-name()="h"][contains(., "Strategie <script>alert(1)</script> & ")])' "$c")" -ge 1 ] ||
	fail "the hostile strategy title is not a heading's text"
grep -qF "<title>Projekt &lt;script&gt;" "$KK_TMP"/evil-odt/Pictures/figure-*.svg ||
	fail "the Gantt's row not escaped in the ODT's chart"
finish
