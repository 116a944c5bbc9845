# The README's walk-through, run as a user would run it: every command
# shown as `$ konkordat ...` (or `$ VAR=... konkordat ...`), in the order
# of the README, in a scratch folder that has the repository's examples/
# and tests/. Each exits as the README implies: 1 where the lines it shows
# hold an error (FILE:LINE:COLUMN: or "konkordat: error:"), 0 otherwise.
# The lines shown under a command are its real output: all of it, or, where
# the README writes "...", those lines in that order with others between.
# A README that says "254 added" where the import adds 298 fails here.
. "$(dirname "$0")/lib.sh"

w="$KK_TMP/walk"
mkdir -p "$w/bin"
ln -s "$KK_SRCDIR/examples" "$w/examples"
ln -s "$KK_SRCDIR/tests" "$w/tests"
# `konkordat` on the PATH is the binary under test (under KK_WRAP if set)
cat >"$w/bin/konkordat" <<EOF
#!/bin/sh
exec $KK_WRAP "$KONKORDAT" "\$@"
EOF
chmod +x "$w/bin/konkordat"
export XDG_CACHE_HOME="$KK_TMP/../lexicon-cache"
unset KONKORDAT_DB

# The commands and the lines shown under each, from the README's indented
# blocks: "C<tab>command" (its comment cut off), then "O<tab>line" for each.
awk '
/^    \$ / {
	c = substr($0, 7)
	sub(/  +# .*$/, "", c)
	if (c ~ /(^|[ ;(])konkordat( |$)/) { print "C\t" c; incmd = 1 } else incmd = 0
	next
}
/^    / && incmd { print "O\t" substr($0, 5); next }
{ incmd = 0 }
' "$KK_SRCDIR/README.md" >"$KK_TMP/walk.txt"
n=$(grep -c '^C' "$KK_TMP/walk.txt")
[ "$n" -ge 40 ] && pass || fail "only $n commands found in README.md"

# run CMD: in the scratch folder, in a user's English locale
run() {
	(cd "$w" && env -u LC_ALL -u LANGUAGE LANG=C.UTF-8 PATH="$w/bin:$PATH" \
		sh -c "$1" >"$KK_TMP/got" 2>&1 </dev/null)
}

# check CMD: its exit status and its output against the lines shown
check() {
	run "$1"
	rc=$?
	want=0
	grep -qE '^[^ ]+:[0-9]+:[0-9]+: |^konkordat: error: ' "$KK_TMP/want" &&
		want=1
	expect_rc "$want" "$rc" "README: \$ $1"
	[ "$rc" = "$want" ] || { head -5 "$KK_TMP/got" >&2; return; }
	[ -s "$KK_TMP/want" ] || return
	if grep -qx '\.\.\.' "$KK_TMP/want"; then
		# the lines shown, in order, with others between
		missing=$(grep -vx '\.\.\.' "$KK_TMP/want" | awk '
			NR == FNR { want[++n] = $0; next }
			i < n && $0 == want[i + 1] { i++ }
			END { if (i < n) print want[i + 1] }' - "$KK_TMP/got")
		[ -z "$missing" ] && pass ||
			fail "README: \$ $1: not printed (in this order): $missing"
	elif cmp -s "$KK_TMP/want" "$KK_TMP/got"; then
		pass
	else
		fail "README: \$ $1: prints other lines than the README shows"
		diff "$KK_TMP/want" "$KK_TMP/got" | head -10 >&2
	fi
}

cmd=
: >"$KK_TMP/want"
while IFS= read -r line; do
	case $line in
	C*)
		[ -z "$cmd" ] || check "$cmd"
		cmd=${line#C	}
		: >"$KK_TMP/want" ;;
	O*)
		printf '%s\n' "${line#O	}" >>"$KK_TMP/want" ;;
	esac
done <"$KK_TMP/walk.txt"
[ -z "$cmd" ] || check "$cmd"
finish
