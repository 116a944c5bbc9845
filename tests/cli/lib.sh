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
kk() {
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
	if [ -f "$1" ]; then
		sqlite3 "$1" .dump
	else
		echo "(no database)"
	fi
}

finish() {
	echo "$checks checks passed, $failures failed"
	[ "$failures" -eq 0 ]
}

# finish_skip WHY: like finish, but what was needed for the rest of the
# test is missing: say so and exit 77, which ctest reports as skipped
# (SKIP_RETURN_CODE in tests/CMakeLists.txt). Failures so far still fail.
finish_skip() {
	echo "$checks checks passed, $failures failed"
	[ "$failures" -eq 0 ] || exit 1
	echo "SKIP: $*"
	exit 77
}
