# konkordat log: the audit log shows who changed what, when, and the
# record before and after; for one record, since a day in Switzerland,
# of one actor; as text (German headings in German), CSV and JSON. It
# only reads.
. "$(dirname "$0")/lib.sh"

T="$KK_TMP"
export XDG_CACHE_HOME="$T/../lexicon-cache"
D="$KK_SRCDIR/tests/cli/data"
db="$T/k.db"

# JSON checks: python3 reads the log's JSON from standard input
py() {
	python3 -c "import json, sys; rows = json.load(sys.stdin); $1"
}

# the import at 23:30 on 30 June in Lucerne (21:30 UTC), the edit at
# 00:30 on 1 July there (22:30 UTC, still 30 June in UTC)
SOURCE_DATE_EPOCH=1372627800 kk --db "$db" --actor cli:anna import -q \
	"$D"/cover-nord.yaml "$D"/cover-sued.yaml "$D"/cover-verbund.yaml >/dev/null ||
	fail "import"
sed 's/title: Daten vor unbefugtem Zugriff schützen/title: Daten schützen/' \
	"$D/cover-nord.yaml" >"$T/nord.yaml"
SOURCE_DATE_EPOCH=1372631400 kk --db "$db" --actor cli:bruno import -q \
	"$T/nord.yaml" >/dev/null 2>&1 || fail "import of the edit"
kk --db "$db" --actor cli:carla align --no-system-lexicon >/dev/null || fail "align"
kk --db "$db" --actor cli:dora review accept nord-2012/z1 >/dev/null ||
	fail "review accept nord-2012/z1"

before=$(dump "$db")

# the whole log, as text: the import, the edit and the decision
kk --db "$db" log >"$T/log" 2>"$T/err"
expect_rc 0 $? "log"
head -1 "$T/log" | grep -q '^WHEN  *WHO  *ACTION  *RECORD  *BEFORE  *AFTER$' ||
	fail "log's headings: $(head -1 "$T/log")"
grep -q '^2013-06-30T21:30:00Z  cli:anna  *added  *party nord  ' "$T/log" ||
	fail "the import by anna is not in the log"
grep -q '^2013-06-30T22:30:00Z  cli:bruno  *changed  *goal nord-2012/z1  *title: Daten vor unbefugtem Zugriff schützen  *title: Daten schützen$' "$T/log" ||
	fail "bruno's edit, before and after, is not in the log"
grep -q 'cli:dora  *changed  *mapping verbund-common-1: nord-2012/z1 -> c[0-9]* .*decision: proposed .*decision: accepted$' "$T/log" ||
	fail "dora's decision, before and after, is not in the log"

# one record: the goal's rows and the decisions about it, in JSON
kk --db "$db" log goal:nord-2012/z1 --json >"$T/goal.json"
expect_rc 0 $? "log goal:nord-2012/z1 --json"
py '
want = [("cli:anna", "insert", "goal nord-2012/z1"),
        ("cli:bruno", "update", "goal nord-2012/z1"),
        ("cli:carla", "insert", "mapping"),
        ("cli:dora", "update", "mapping")]
got = [(r["actor"], r["action"], r["record"]) for r in rows]
assert len(got) == 4 and all(g[:2] == w[:2] and g[2].startswith(w[2])
    for g, w in zip(got, want)), got
assert rows[1]["before"]["title"] == "Daten vor unbefugtem Zugriff schützen"
assert rows[1]["after"]["title"] == "Daten schützen"
assert rows[0]["before"] is None and rows[0]["after"]["id"] == "z1"
assert rows[3]["before"]["decision"] == "proposed"
assert rows[3]["after"]["decision"] == "accepted"
assert rows[3]["after"]["decided_by"] == "cli:dora"
assert [r["seq"] for r in rows] == sorted(r["seq"] for r in rows)
' <"$T/goal.json" && pass || fail "log goal:nord-2012/z1 --json: $(cat "$T/goal.json")"
# the id alone finds it in its strategy
kk --db "$db" log goal:z1 --json | py 'assert any(r["actor"] == "cli:bruno" for r in rows)' ||
	fail "goal:z1 does not find nord-2012/z1"
kk --db "$db" log party:nord --json | py '
assert [r["record"] for r in rows] == ["party nord"], rows' ||
	fail "party:nord is not only the party"

# --actor, and --since a day in Switzerland: 1 July began at 22:00 UTC
kk --db "$db" log --actor cli:bruno --json | py '
assert rows and all(r["actor"] == "cli:bruno" for r in rows), rows' ||
	fail "--actor cli:bruno"
kk --db "$db" log --since 2013-07-01 --json | py '
assert rows and not any(r["actor"] == "cli:anna" for r in rows)
assert any(r["actor"] == "cli:bruno" for r in rows), rows' ||
	fail "--since 2013-07-01 is not 1 July in Switzerland"
kk --db "$db" log --since 2013-06-30 --actor cli:anna --json | py 'assert rows' ||
	fail "--since 2013-06-30 misses anna's import"
kk --db "$db" log party:nord --actor cli:nobody >"$T/out"
expect_rc 0 $? "log with nothing to show"
[ "$(cat "$T/out")" = "no change in the audit log matches" ] ||
	fail "nothing to show: $(cat "$T/out")"

# CSV: the records whole, as JSON; the action as the log writes it
kk --db "$db" log goal:nord-2012/z1 --csv >"$T/csv"
head -1 "$T/csv" | grep -q '^WHEN,WHO,ACTION,RECORD,BEFORE,AFTER' || fail "CSV heading"
grep -q '^2013-06-30T22:30:00Z,cli:bruno,update,goal nord-2012/z1,"{""field"":""hf1""' "$T/csv" ||
	fail "CSV row of the edit: $(cat "$T/csv")"

# German headings and words in a German locale
LANG=C.UTF-8 LANGUAGE=de LC_ALL= kk --db "$db" log party:nord >"$T/de"
head -1 "$T/de" | grep -q '^WANN  *WER  *AKTION  *DATENSATZ  *VOR  *NACH$' ||
	fail "German headings: $(head -1 "$T/de")"

# wrong records and options
for bad in nord party: :nord foo:nord 'party:Nord' 'goal:a/b/c'; do
	kk --db "$db" log "$bad" >/dev/null 2>"$T/err"
	expect_rc 2 $? "log $bad"
	grep -q "'$bad' is not a record" "$T/err" || fail "log $bad: $(cat "$T/err")"
done
kk --db "$db" log --since 1.7.2013 >/dev/null 2>"$T/err"
expect_rc 2 $? "log --since 1.7.2013"

[ "$(dump "$db")" = "$before" ] || fail "log changed the database"
finish
