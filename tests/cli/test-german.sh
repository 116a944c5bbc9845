# German everywhere under a German locale, also where it is not generated
# (stock Debian has only C.UTF-8): the workbook's sheets and headings, the
# calendar's summaries and categories, libfyaml's syntax errors; and in
# the C locale the same in English.
. "$(dirname "$0")/lib.sh"

db="$KK_TMP/k.db"
kk --db "$db" import -q "$EXAMPLE"/*.yaml >/dev/null
expect_rc 0 $? "import"

# de ARGS...: konkordat under LANG=de_XX.UTF-8, a German locale that no
# system generates, so that the fallback of i18n.c is what is tested
de() {
	env LC_ALL= LANGUAGE= LC_MESSAGES= LANG=de_XX.UTF-8 $KK_WRAP \
		"$KONKORDAT" --db "$db" "$@"
}

# sheets SHEET...: true if the workbook's sheets are SHEET..., in order
sheets() {
	unzip -p "$KK_TMP/$wb" xl/workbook.xml |
		grep -o '<sheet name="[^"]*"' | sed 's/<sheet name="//; s/"$//' \
		>"$KK_TMP/sheets"
	printf '%s\n' "$@" | cmp -s - "$KK_TMP/sheets"
}

# strings TEXT...: true if every TEXT is a whole string of the workbook
strings_in() {
	unzip -p "$KK_TMP/$wb" xl/sharedStrings.xml |
		grep -o '<t[^>]*>[^<]*</t>' | sed 's/<t[^>]*>//; s/<\/t>$//' \
		>"$KK_TMP/strings"
	for t in "$@"; do
		grep -qxF "$t" "$KK_TMP/strings" || { echo "no '$t'"; return 1; }
	done
}

if need unzip unzip; then
	wb=de.xlsx
	de export xlsx -o "$KK_TMP/$wb" >/dev/null
	expect_rc 0 $? "export xlsx in German"
	sheets Portfolio "Budget je Jahr" "Anteile je Partner" Infrastruktur \
		Partner Strategieelemente ||
		fail "the German workbook's sheets: $(tr '\n' '|' <"$KK_TMP/sheets")"
	# headings, enumerations' values; identifiers as they are
	strings_in Titel Leitung Ampel Kostenteiler "Kosten CHF/Jahr" \
		Einwohner Handlungsfeld Ablösung abgeschlossen grün Kanton Stadt \
		Investition Standort Ziel einwohnerportal kanton-luzern \
		>"$KK_TMP/why" || fail "the German workbook: $(cat "$KK_TMP/why")"
	for w in Title Lead Light "Cost key" Population done green canton \
		investment goal Parties "Strategy items"; do
		! grep -qxF "$w" "$KK_TMP/strings" ||
			fail "English '$w' in the German workbook"
	done

	wb=en.xlsx
	kk --db "$db" export xlsx -o "$KK_TMP/$wb" >/dev/null
	expect_rc 0 $? "export xlsx in English"
	sheets Portfolio "Budget per year" "Shares per party" Infrastructure \
		Parties "Strategy items" ||
		fail "the English workbook's sheets: $(tr '\n' '|' <"$KK_TMP/sheets")"
	strings_in Title Lead Light "Cost key" "Cost CHF/year" Population \
		Field Retire done green canton investment site goal \
		>"$KK_TMP/why" || fail "the English workbook: $(cat "$KK_TMP/why")"
fi

# the calendar: summaries and categories; UIDs the same in both. To
# standard output, whose lines end in CRLF as RFC 5545 wants: cut off.
SOURCE_DATE_EPOCH=1372550400 de export ics >"$KK_TMP/de.crlf"
expect_rc 0 $? "export ics in German"
SOURCE_DATE_EPOCH=1372550400 kk --db "$db" export ics >"$KK_TMP/en.crlf"
expect_rc 0 $? "export ics in English"
tr -d '\r' <"$KK_TMP/de.crlf" >"$KK_TMP/de.ics"
tr -d '\r' <"$KK_TMP/en.crlf" >"$KK_TMP/en.ics"
for c in Meilenstein Projektmeilenstein Entscheid; do
	grep -q "^CATEGORIES:$c\$" "$KK_TMP/de.ics" ||
		fail "German calendar: no category '$c'"
done
for c in Milestone "Project milestone" Decision; do
	grep -q "^CATEGORIES:$c\$" "$KK_TMP/en.ics" ||
		fail "English calendar: no category '$c'"
done
grep -q '^SUMMARY:Entscheid: ' "$KK_TMP/de.ics" &&
	grep -q '(erledigt)$' "$KK_TMP/de.ics" ||
	fail "German calendar: the summaries are not German"
grep -q 'Decision\|(done)\|Milestone' "$KK_TMP/de.ics" &&
	fail "English left in the German calendar: $(grep 'Decision\|(done)\|Milestone' "$KK_TMP/de.ics" | head -3)"
grep -q '^SUMMARY:Decision: ' "$KK_TMP/en.ics" &&
	grep -q '(done)$' "$KK_TMP/en.ics" ||
	fail "English calendar: the summaries are not English"
[ "$(grep '^UID:' "$KK_TMP/de.ics")" = "$(grep '^UID:' "$KK_TMP/en.ics")" ] ||
	fail "the calendar's UIDs depend on the language"

# libfyaml's syntax errors: German, at the line and column libfyaml gives
# (the same as in English); the check changes nothing
printf 'party:\n  id: x\n  name: a: b\n' >"$KK_TMP/nested.yaml"
printf 'party:\n  id: x\n  name: "abc\n' >"$KK_TMP/quote.yaml"
printf 'party: [a, b}\n' >"$KK_TMP/flow.yaml"
printf 'party:\n\tid: x\n' >"$KK_TMP/tab.yaml"
printf '%%YAML 1.2 x\n---\nparty: 1\n' >"$KK_TMP/directive.yaml"
printf 'a: [1, 2]]\n' >"$KK_TMP/extra.yaml"
# an error libfyaml reports in its other form, "<LINE:COLUMN>: [ERR]: ...",
# 0-based: once given without place or reason
printf '%%YAML 2.0\n---\nparty: 1\n' >"$KK_TMP/version.yaml"
while IFS='|' read -r file where german english; do
	de check "$KK_TMP/$file" >/dev/null 2>"$KK_TMP/err"
	expect_rc 1 $? "check $file in German"
	grep -qxF "$KK_TMP/$file:$where: ungültiges YAML: $german" "$KK_TMP/err" ||
		fail "$file in German: $(head -n 1 "$KK_TMP/err")"
	kk check "$KK_TMP/$file" >/dev/null 2>"$KK_TMP/err"
	grep -qxF "$KK_TMP/$file:$where: invalid YAML: $english" "$KK_TMP/err" ||
		fail "$file in English: $(head -n 1 "$KK_TMP/err")"
done <<'CASES'
nested.yaml|3:10|ungültige verschachtelte Zuordnung auf derselben Zeile|invalid nested block mapping on the same line
quote.yaml|3:10|Skalar in doppelten Anführungszeichen ohne schliessendes Anführungszeichen|double-quoted scalar without closing quote
flow.yaml|1:13|Ende einer Fluss-Zuordnung passt nicht|mismatched flow mapping end
tab.yaml|2:1|ein Tabulator darf nicht zum Einrücken dienen|tab character may not be used as indentation
directive.yaml|1:11|überzählige Zeichen nach der Direktive (Version)|garbage after version directive
extra.yaml|1:10|Fluss-Liste mit einem überzähligen Schliesszeichen (eckige Klammer)|flow sequence with invalid extra closing bracket
version.yaml|2:1|nicht unterstützte Versionsnummer 2.0|unsupport version number 2.0
CASES

finish
