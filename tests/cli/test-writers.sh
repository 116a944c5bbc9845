# Concurrent writers, the smoke test of bench/concurrent-writers: a few
# threads, each with a connection of its own, edit goals of the Lucerne
# example against the version they read, each a goal of its own and then
# all the same one, on SQLite and on the PostgreSQL server of ctest's
# fixture "pg". Every edit committed is counted in the goals: no update
# is lost, the losers of a race get the conflict and retry.
. "$(dirname "$0")/lib.sh"

: "${KK_PG_URI_FILE:?set KK_PG_URI_FILE to the file of the server's URI (ctest's fixture pg)}"
need psql postgresql-client
bin=$(dirname "$KONKORDAT")/bench-writers
[ -x "$bin" ] || fail "no $bin"

# writers LOCATION THREADS EDITS [same]: a run whose updates all count
writers() {
	out=$("$bin" "$@" 2>&1)
	expect_rc 0 $? "bench-writers $*: $out"
	case $out in
	*" lost 0 "*) ;;
	*) fail "bench-writers $*: $out" ;;
	esac
	case $out in
	*"committed $(($3 * $4)) "*) ;;
	*) fail "bench-writers $*: not every edit committed: $out" ;;
	esac
}

db=$KK_TMP/w.db
writers "$db" "$EXAMPLE" 4 3
writers "$db" "$EXAMPLE" 4 3 same
pg=$(pg_location "$KK_TMP/pg.db")
writers "$pg" "$EXAMPLE" 4 3
writers "$pg" "$EXAMPLE" 4 3 same
finish
