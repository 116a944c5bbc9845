# Shared by the CLI tests: how to run the binary, make scratch space, and
# say what failed. Each test script sources this, then calls its checks.
set -u

: "${KONKORDAT:?set KONKORDAT to the binary}"
: "${KK_SRCDIR:?set KK_SRCDIR to the source tree}"
: "${KK_TMP:=$(mktemp -d)}"
KK_WRAP=${KK_WRAP:-}
# The messages the tests compare are the English ones: the C locale,
# whatever the developer's (a German LANG would translate them).
LC_ALL=C
export LC_ALL
unset LANGUAGE
rm -rf "$KK_TMP"
mkdir -p "$KK_TMP"
EXAMPLE="$KK_SRCDIR/examples/luzern"
failures=0
checks=0

# kk ARGS...: run konkordat (under KK_WRAP, e.g. valgrind, if set).
# With KK_BACKEND=postgresql, every '--db FILE' is a database of its own
# on the server of ctest's fixture (KK_PG_URI_FILE), made at its first
# use and named after the file: the same script then tests the verbs on
# PostgreSQL.
kk() {
	if [ "${KK_BACKEND:-sqlite}" = postgresql ]; then
		kk_on_postgresql "$@"
		return
	fi
	# shellcheck disable=SC2086
	$KK_WRAP "$KONKORDAT" "$@"
}

# pg_location FILE: the URI of the database that stands for FILE on the
# server, made at its first use.
pg_location() {
	_kk_server=$(cat "${KK_PG_URI_FILE:?}")
	_kk_name="kk_$(printf '%s' "$1" | md5sum | cut -c1-16)_$$"
	psql -q "${_kk_server%/*}/postgres" -c "CREATE DATABASE $_kk_name" \
	    >/dev/null 2>&1
	echo "${_kk_server%/*}/$_kk_name"
}

kk_on_postgresql() {
	_kk_n=$#
	_kk_next=
	while [ "$_kk_n" -gt 0 ]; do
		_kk_a=$1
		shift
		_kk_n=$((_kk_n - 1))
		if [ "$_kk_next" = db ]; then
			case $_kk_a in
			postgres*) ;;
			*) _kk_a=$(pg_location "$_kk_a") ;;
			esac
		fi
		_kk_next=
		[ "$_kk_a" = --db ] && _kk_next=db
		set -- "$@" "$_kk_a"
	done
	# shellcheck disable=SC2086
	$KK_WRAP "$KONKORDAT" "$@"
}

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

pass() {
	checks=$((checks + 1))
}

# expect_rc WANT GOT WHAT
expect_rc() {
	if [ "$1" != "$2" ]; then
		fail "$3: exit status $2, expected $1"
	else
		pass
	fi
}

# dump DB: the whole database as SQL text, to compare before and after.
dump() {
	if [ "${KK_BACKEND:-sqlite}" = postgresql ]; then
		# the rows; not the sequences, which a rolled-back insert
		# advances too, nor pg_dump's key of the session (\restrict)
		pg_dump --data-only "$(pg_location "$1")" 2>/dev/null |
		    grep -v '^SELECT pg_catalog.setval\|^\\\(un\)\{0,1\}restrict '
	elif [ -f "$1" ]; then
		sqlite3 "$1" .dump
	else
		echo "(no database)"
	fi
}

skips=0

# skip WHY: a part of this test cannot run here, because a program it
# needs is missing (say which, and its Debian package). The checks that
# can run still run; finish then exits 77, which ctest shows as skipped
# (SKIP_RETURN_CODE in tests/CMakeLists.txt), and `make test` fails on a
# skip that KK_ALLOWED_SKIPS does not name (scripts/check-skips). The one
# way a test says that it did not run everything.
skip() {
	echo "SKIP: $*"
	skips=$((skips + 1))
}

# need PROGRAM PACKAGE: true if PROGRAM is installed; otherwise a skip
# naming the Debian package that has it.
need() {
	command -v "$1" >/dev/null 2>&1 && return 0
	skip "$1 is not installed (Debian: $2)"
	return 1
}

# finish: the verdict, as the exit status: 1 if a check failed, else 77
# if a part was skipped, else 0.
finish() {
	echo "$checks checks passed, $failures failed, $skips parts skipped"
	[ "$failures" -eq 0 ] || exit 1
	[ "$skips" -eq 0 ] || exit 77
	exit 0
}

# finish_skip WHY: what the rest of the test needs is missing: skip it
# and finish now. Failures so far still fail.
finish_skip() {
	skip "$@"
	finish
}
