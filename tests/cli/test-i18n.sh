# Translations: every catalog complete and current, the CLI in German when
# the user's language is German and in English in the C locale, and the
# report in its language from an installed tree and a clean environment.
. "$(dirname "$0")/lib.sh"

po="$KK_SRCDIR/po"

# complete: msgfmt counts no fuzzy and no untranslated message
for f in "$po"/*.po "$po"/report/*.po; do
	if ! msgfmt --check --statistics -o /dev/null "$f" 2>"$KK_TMP/stats"; then
		fail "$f: msgfmt --check failed"
		cat "$KK_TMP/stats" >&2
	elif grep -q 'fuzzy\|untranslated' "$KK_TMP/stats"; then
		fail "$f: $(cat "$KK_TMP/stats")"
	else
		pass
	fi
done
[ -f "$po/de.po" ] && [ -f "$po/report/en.po" ] && [ -f "$po/report/fr.po" ] &&
	[ -f "$po/report/it.po" ] || fail "a catalog is missing"

# current: every text of the report in the sources (extracted afresh) is
# translated in every language; msgcmp counts untranslated and fuzzy
# entries as missing. The same for the CLI's German.
if command -v xgettext >/dev/null 2>&1; then
	"$KK_SRCDIR/scripts/update-po" --pot-only "$KK_TMP/pot" 2>/dev/null ||
		fail "the templates cannot be made"
	for f in "$po"/report/*.po; do
		msgcmp "$f" "$KK_TMP/pot/report/konkordat-report.pot" \
			2>"$KK_TMP/cmp" && pass ||
			{ fail "$f lacks texts of the sources (make pot)"; head -n 5 "$KK_TMP/cmp" >&2; }
	done
	# the CLI's messages extracted afresh: a message added to the
	# sources without its German fails here
	msgcmp "$po/de.po" "$KK_TMP/pot/konkordat.pot" 2>"$KK_TMP/cmp" && pass ||
		{ fail "po/de.po lacks messages of the sources (make pot)"; head -n 5 "$KK_TMP/cmp" >&2; }
else
	skip "no xgettext (Debian: gettext): templates not compared"
fi

kk --db "$KK_TMP/k.db" import -q "$EXAMPLE"/*.yaml >/dev/null
expect_rc 0 $? "import of the example"

# the CLI in the C locale is English, even with LANGUAGE set (glibc
# ignores it there), and --help works
env LANGUAGE=de $KK_WRAP "$KONKORDAT" --help >"$KK_TMP/help" 2>&1
expect_rc 0 $? "--help in the C locale"
grep -q '^usage: konkordat' "$KK_TMP/help" || fail "--help not English under LC_ALL=C"

# German through LANGUAGE in C.UTF-8, which every Debian 12 has
de() {
	env LC_ALL= LANG=C.UTF-8 LANGUAGE=de $KK_WRAP "$KONKORDAT" "$@"
}
de --help >"$KK_TMP/help" 2>&1
expect_rc 0 $? "--help in German"
grep -q '^Aufruf: konkordat' "$KK_TMP/help" || fail "--help not German"
grep -q '^Verben:' "$KK_TMP/help" || fail "no German 'Verben:'"
grep -q 'der Planungsbericht an das Parlament' "$KK_TMP/help" ||
	fail "the verbs' summaries not German"
de report --help >"$KK_TMP/help" 2>&1
grep -q 'Schreibt den Planungsbericht' "$KK_TMP/help" ||
	fail "report --help not German"
de check "$KK_SRCDIR/tests/cli/bad/many-errors.yaml" >/dev/null 2>"$KK_TMP/err"
expect_rc 1 $? "check in German"
grep -q "many-errors.yaml:3:10: 'name' ist leer" "$KK_TMP/err" ||
	fail "a diagnostic not German"
grep -q '^konkordat: 6 Fehler$' "$KK_TMP/err" || fail "the count not German"
de report --lang xx 2>"$KK_TMP/err"
expect_rc 2 $? "usage error in German"
grep -q "^konkordat: Fehler: kein Bericht in der Sprache 'xx'" "$KK_TMP/err" ||
	fail "a usage error not German"
grep -q "^Aufruf: konkordat" "$KK_TMP/err" || fail "the usage line not German"
# the informational output too: show's labels, timeline's states, kinds
# and its closing line; the same in the C locale stays English
de --db "$KK_TMP/k.db" show kanton-luzern >"$KK_TMP/out" 2>&1
expect_rc 0 $? "show in German"
grep -q '^Partner  *kanton-luzern$' "$KK_TMP/out" &&
	grep -q '^Einwohner  *377610 (2011)$' "$KK_TMP/out" &&
	grep -q '^Strategie  *kanton-luzern-2012 (.*, 42 Elemente)$' \
		"$KK_TMP/out" ||
	{ fail "show's labels not German"; cat "$KK_TMP/out" >&2; }
de --db "$KK_TMP/k.db" timeline --today 2013-01-01 >"$KK_TMP/out" 2>&1
expect_rc 0 $? "timeline in German"
grep -q '^2012-09-10  *verspätet  *Meilenstein ' "$KK_TMP/out" &&
	grep -q '^am 2013-01-01: 1 verspätet, 2 fällig innert 90 Tagen$' \
		"$KK_TMP/out" ||
	{ fail "timeline not German"; cat "$KK_TMP/out" >&2; }
de --db "$KK_TMP/k.db" timeline --today 2013-01-01 --csv >"$KK_TMP/out" 2>&1
grep -q '^DATE,STATE,KIND,ID,WHAT' "$KK_TMP/out" &&
	grep -q '^2012-09-10,late,milestone,' "$KK_TMP/out" ||
	fail "timeline's CSV not the English keys and values under German"
kk --db "$KK_TMP/k.db" timeline --today 2013-01-01 >"$KK_TMP/out" 2>&1
grep -q '^on 2013-01-01: 1 late, 2 due within 90 days$' "$KK_TMP/out" ||
	fail "timeline not English under LC_ALL=C"

# a German locale that is not generated (stock Debian generates none but
# C.UTF-8) still gives German, in UTF-8: de_XX never exists, and the real
# ones are tried where this machine lacks them
ungenerated="de_XX.UTF-8"
for l in de_CH.UTF-8 de_DE.UTF-8 de_AT.UTF-8; do
	locale -a 2>/dev/null | grep -qix "$(echo "$l" | sed 's/UTF-8/utf-\{0,1\}8/')" ||
		ungenerated="$ungenerated $l"
done
for l in $ungenerated; do
	env LC_ALL= LANGUAGE= LC_MESSAGES= LANG="$l" $KK_WRAP "$KONKORDAT" \
		--db "$KK_TMP/k.db" timeline --today 2013-01-01 \
		>"$KK_TMP/out" 2>"$KK_TMP/err"
	expect_rc 0 $? "timeline under LANG=$l"
	grep -q '^2012-09-10  *verspätet  *Meilenstein ' "$KK_TMP/out" ||
		{ fail "LANG=$l (not generated) not German"; cat "$KK_TMP/out" >&2; }
	[ -s "$KK_TMP/err" ] && fail "LANG=$l: $(cat "$KK_TMP/err")"
done
env LC_ALL= LANG=fr_CH.UTF-8 LANGUAGE=de $KK_WRAP "$KONKORDAT" --help \
	>"$KK_TMP/help" 2>&1
grep -q '^Aufruf: konkordat' "$KK_TMP/help" ||
	fail "LANGUAGE=de under an ungenerated fr_CH.UTF-8 not German"
env LC_ALL= LANG=fr_CH.UTF-8 LANGUAGE= $KK_WRAP "$KONKORDAT" --help \
	>"$KK_TMP/help" 2>&1
grep -q '^usage: konkordat' "$KK_TMP/help" ||
	fail "a language without a catalog is not English"

# tables: headings and enumerations' values in German in the text table;
# --csv and --json keep the English keys that scripts read
dex() {
	env LC_ALL= LANGUAGE= LANG=de_XX.UTF-8 $KK_WRAP "$KONKORDAT" \
		--db "$KK_TMP/k.db" "$@"
}
dex list parties >"$KK_TMP/out" 2>&1
grep -q '^ID  *ART  *EINWOHNER  *JAHR  *MITGLIEDER  *NAME$' "$KK_TMP/out" &&
	grep -q '^kanton-luzern  *Kanton  ' "$KK_TMP/out" &&
	grep -q '^vlg  *Verband  ' "$KK_TMP/out" ||
	{ fail "list parties not German"; cat "$KK_TMP/out" >&2; }
dex list parties --csv >"$KK_TMP/out" 2>&1
grep -q '^ID,KIND,POPULATION,YEAR,MEMBERS,NAME' "$KK_TMP/out" &&
	grep -q '^kanton-luzern,canton,' "$KK_TMP/out" ||
	fail "list parties --csv not the English keys under German"
dex list parties --json >"$KK_TMP/out" 2>&1
grep -q '"kind": "canton"' "$KK_TMP/out" ||
	fail "list parties --json not the English keys under German"
dex project list >"$KK_TMP/out" 2>&1
grep -q '^ID  *STATUS  *AMPEL  *LEITUNG  *BEGINN  *ENDE  *BUDGET CHF  *KOSTENTEILER  *TITEL$' \
	"$KK_TMP/out" && grep -q '^rz-littau  *abgeschlossen  *grün  ' "$KK_TMP/out" ||
	{ fail "project list not German"; cat "$KK_TMP/out" >&2; }
dex project list --csv >"$KK_TMP/out" 2>&1
grep -q '^rz-littau,done,green,' "$KK_TMP/out" ||
	fail "project list --csv not the English keys under German"
dex summary >"$KK_TMP/out" 2>&1
grep -q '^stadt-luzern  *Stadt  ' "$KK_TMP/out" || fail "summary not German"
dex infra list >"$KK_TMP/out" 2>&1
grep -q '^haus-der-informatik  *Standort  .*  Betrieb  ' "$KK_TMP/out" ||
	{ fail "infra list not German"; cat "$KK_TMP/out" >&2; }
dex cost --project einwohnerportal --lines >"$KK_TMP/out" 2>&1
grep -q '^PROJEKT  *JAHR  *ART  *PARTNER  *CHF$' "$KK_TMP/out" &&
	grep -q '^einwohnerportal  *2013  *Investition  ' "$KK_TMP/out" ||
	{ fail "cost --lines not German"; cat "$KK_TMP/out" >&2; }
# the labels of show are padded by what the terminal shows: an umlaut is
# one column (printf's %-12s counted its two bytes)
dex infra show haus-der-informatik --today 2013-01-01 >"$KK_TMP/out" 2>&1
grep -q '^Eigentümer   stadt-luzern$' "$KK_TMP/out" &&
	grep -q '^Art          Standort$' "$KK_TMP/out" &&
	grep -q '^Lebenszyklus Planung ab 2010-01-01$' "$KK_TMP/out" &&
	grep -q '^Phase        Betrieb (am 2013-01-01)$' "$KK_TMP/out" ||
	{ fail "infra show not German or not aligned"; cat "$KK_TMP/out" >&2; }
dex project show einwohnerportal >"$KK_TMP/out" 2>&1
grep -q '^Status       geplant, grün$' "$KK_TMP/out" &&
	grep -q '^Budget       2013 Investition CHF     200.000\.00$' \
		"$KK_TMP/out" ||
	{ fail "project show not German"; cat "$KK_TMP/out" >&2; }
dex show kanton-luzern >"$KK_TMP/out" 2>&1
grep -q '^Art          Kanton$' "$KK_TMP/out" || fail "show's kind not German"

# and through the user's locale, LANG=de_CH.UTF-8: the system's if it has
# one generated, else one made here with localedef (package locales)
# and found through LOCPATH, which changes nothing on the machine
locpath=
if ! locale -a 2>/dev/null | grep -qi '^de_CH\.utf-\{0,1\}8$'; then
	mkdir -p "$KK_TMP/locale"
	if command -v localedef >/dev/null 2>&1 &&
		localedef -i de_CH -f UTF-8 "$KK_TMP/locale/de_CH.UTF-8" \
			>/dev/null 2>&1; then
		locpath="$KK_TMP/locale"
	fi
fi
if [ -n "$locpath" ] || locale -a 2>/dev/null | grep -qi '^de_CH\.utf-\{0,1\}8$'; then
	# Not under KK_WRAP, nor with LeakSanitizer, while LOCPATH is set:
	# glibc 2.36's setlocale() and newlocale() leak their copy of
	# LOCPATH (argz) on every call then.
	wrap=$KK_WRAP
	[ -z "$locpath" ] || wrap=
	env LC_ALL= LANGUAGE= LANG=de_CH.UTF-8 ${locpath:+LOCPATH=$locpath} \
		${locpath:+ASAN_OPTIONS=detect_leaks=0} \
		$wrap "$KONKORDAT" --help >"$KK_TMP/help" 2>&1
	grep -q '^Aufruf: konkordat' "$KK_TMP/help" ||
		fail "--help not German under LANG=de_CH.UTF-8"
	# the report's language is --lang's, not the user's
	env LC_ALL= LANGUAGE= LANG=de_CH.UTF-8 ${locpath:+LOCPATH=$locpath} \
		ASAN_OPTIONS=detect_leaks=0 "$KONKORDAT" --db "$KK_TMP/k.db" \
		report --lang fr -o "$KK_TMP/fr.html"
	expect_rc 0 $? "report --lang fr under a German locale"
	grep -q '<h1>Rapport de planification</h1>' "$KK_TMP/fr.html" ||
		fail "the report followed the locale, not --lang"
else
	skip "no de_CH.UTF-8 locale, and localedef cannot make one (Debian: locales)"
fi

# the report from an installed tree, in an empty environment: its
# catalogs are found next to the binary, whatever the prefix
build=$(dirname "$KONKORDAT")
if [ -f "$build/cmake_install.cmake" ]; then
	cmake --install "$build" --prefix "$KK_TMP/inst" >/dev/null ||
		fail "cmake --install"
	env -i PATH=/usr/bin:/bin $KK_WRAP "$KK_TMP/inst/bin/konkordat" \
		--db "$KK_TMP/k.db" report --lang it -o "$KK_TMP/it.html"
	expect_rc 0 $? "installed report --lang it"
	grep -q '<h1>Rapporto di pianificazione</h1>' "$KK_TMP/it.html" ||
		fail "the installed binary did not find its catalogs"
	[ -f "$KK_TMP/inst/share/locale/fr/LC_MESSAGES/konkordat-report.mo" ] &&
		[ -f "$KK_TMP/inst/share/locale/de/LC_MESSAGES/konkordat.mo" ] ||
		fail "catalogs not installed under share/locale"
else
	skip "$build is not a CMake build tree: no install test"
fi
finish
