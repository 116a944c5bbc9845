# Every verb of the README's walk-through and of the man page's examples
# under a German locale that is not generated (stock Debian has only
# C.UTF-8): what they say to people has no English word left. The same
# run in the C locale finds English words, so that the check can fail.
. "$(dirname "$0")/lib.sh"

# Words of konkordat's English that German never writes in lowercase:
# its sentences and labels, and the values of its enumerations. Matched
# as whole words, case and all, where a word is letters, digits, '-' and
# '_' (so that ids such as 'informatik-luzern-common-1' are one word).
english='the and of with from for is are each every which this that when
or by not only default done late due added changed removed error errors
warning nothing cannot unknown missing expected invalid found items goals
fields measures party parties project projects milestone decision
translation synonym thesaurus words shared common proposed accepted
rejected equivalent confidence why moved adopted frozen imported files ok
total critical path planned running green yellow red canton city
association consortium field goal measure principle investment operation
site network platform application service retire usage kind title lead
status light start end owner operator users cost members population
strategy period version language vision text serves'

# sweep NAME ALIGN ENV...: run the walk-through with the environment ENV,
# each command's output (standard output and error) into $KK_TMP/NAME.out;
# the alignment's part (the slowest) only if ALIGN is yes
sweep() {
	name=$1
	with_align=$2
	shift 2
	dir="$KK_TMP/$name"
	mkdir -p "$dir"
	db="$dir/k.db"
	(
		cd "$dir" || exit 1
		run() {
			env "$@" >>"$dir/out" 2>&1
		}
		k() {
			run $envs $KK_WRAP "$KONKORDAT" --db "$db" "$@"
		}
		envs="$*"
		k init
		k check "$EXAMPLE"/*.yaml
		k import "$EXAMPLE"/*.yaml
		k import "$EXAMPLE"/*.yaml
		k summary
		k list strategies
		k list goals --party vlg
		k list parties --party iggi
		k show kanton-luzern-2012
		k show vlg/z1
		k show informatik-luzern
		k export yaml -o out/
		k export archimate -o luzern.xml
		k export csv -o archi/
		k export xlsx -o portfolio.xlsx
		k export ics -o termine.ics
		k import archimate luzern.xml
		k project list
		k project show einwohnerportal
		k project schedule
		k cost
		k cost --party stadt-luzern
		k cost --project einwohnerportal --lines
		k timeline --today 2013-06-30
		k timeline --today 2013-06-30 --all
		k infra list
		k infra show haus-der-informatik --today 2013-01-01
		k infra consolidation
		k infra party iggi
		k report -o out/planungsbericht.html
		if [ "$with_align" = yes ]; then
			k align
			k review list --undecided
			k review show c001
			k review accept c001
			k review reject stadt-luzern-2012/hf5
			k review move vlg-2012/z9 c009
			k review adopt
			k review accept $(env $envs "$KONKORDAT" --db "$db" \
				review list --undecided --csv | cut -d, -f1 |
				grep '^c' | sort -u)
			k review adopt
			k coverage --goals
			k cost --by-field
			k align --from-tsv \
				"$KK_SRCDIR/tests/data/alignment/items.tsv" \
				--groups-tsv groups.tsv --no-system-lexicon
		fi
		sed 's/Gemeindeinteressen vertreten/Gemeindeinteressen gut vertreten/' \
			"$EXAMPLE/vlg.yaml" >vlg.yaml
		k check vlg.yaml
		k --actor anna.muster import vlg.yaml
		k help
		for v in init check import export list show summary cost \
			project infra timeline align report review coverage help; do
			k "$v" --help
		done
	)
	# what is not konkordat's to translate: the options and metavariables
	# of the usage lines; commands and what is quoted ('parties'), the
	# verbs in the list of verbs, the columns of the TSV align reads;
	# the thesaurus' concepts (its keys) that explain a match, and the
	# ArchiMate element types the help names
	grep -v '^\(usage\|Aufruf\|   or\|  oder\): konkordat' "$dir/out" |
		sed "s/'[^']*'//g; s/konkordat [a-z][a-z ]*//g;
			s/^  [a-z][a-z]*  */  /;
			s/item_id, kind, lang, title, text//; s/[a-z_./-]*\.tsv//g;
			s/(\(Thesaurus\|thesaurus\): [^)]*)//g;
			s/(goals)//; s/(courses of action)//" >"$KK_TMP/$name.out"
}

# english_words FILE: the words of the list that FILE has, one per line
english_words() {
	tr -c 'A-Za-z0-9_\n-' ' ' <"$1" | tr ' ' '\n' | grep -v '^$' |
		sort -u >"$KK_TMP/words"
	echo $english | tr ' ' '\n' | sort -u | comm -12 - "$KK_TMP/words"
}

sweep de yes LC_ALL= LANGUAGE= LC_MESSAGES= LANG=de_XX.UTF-8
# the walk-through ran: German output, to its end
out="$KK_TMP/de/out"
grep -q '^5 Dateien importiert: 298 hinzugefügt' "$out" &&
	grep -q "^'informatik-luzern-common-1' festgeschrieben" "$out" &&
	grep -q '^neu      Massnahme vlg-2012/m10$' "$out" &&
	grep -q '^geändert Ziel vlg-2012/z1$' "$out" &&
	grep -q '^Schreibt den Planungsbericht' "$out" ||
	fail "the German walk-through did not run through"
english_words "$KK_TMP/de.out" >"$KK_TMP/left"
if [ -s "$KK_TMP/left" ]; then
	fail "English left under German: $(tr '\n' ' ' <"$KK_TMP/left")"
	for w in $(cat "$KK_TMP/left"); do
		grep -m 2 -w -- "$w" "$KK_TMP/de.out" | sed 's/^/    /' >&2
	done
else
	pass
fi

# in English without the alignment: enough to show that the check finds
sweep en no LC_ALL=C
english_words "$KK_TMP/en.out" >"$KK_TMP/left"
[ "$(wc -l <"$KK_TMP/left")" -gt 40 ] ||
	fail "the English walk-through has too few of the English words: $(tr '\n' ' ' <"$KK_TMP/left")"

finish
