#!/bin/sh
# Run the CLI fixtures: each folder under tests/cli/cases/ holds
#   repo/     the input repository (isms runs with -C repo)
#   args      the arguments after "isms -C repo", on one line
#   stdout    the expected standard output
#   status    the expected exit code
#   stderr    (optional) the expected standard error
#   setup     (optional) a shell script run in a scratch copy of the case
#             before isms, for what git cannot hold (links, modes); it
#             finds the source tree in $ISMS_SRC
# Dates are pinned with ISMS_TODAY; the absolute root path in the output
# is replaced by <root>.  Prints "cli: N passed, N failed".
isms=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
ISMS_SRC=$(cd "$here/../.." && pwd)
export ISMS_SRC
# Outside GitHub Actions too: check --format github appends to this file.
unset GITHUB_STEP_SUMMARY
only=$2
passed=0 failed=0
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

for case in "$here"/cases/*/; do
	name=$(basename "$case")
	[ -n "$only" ] && [ "$only" != "$name" ] && continue
	work="$scratch/$name"
	cp -R "$case" "$work"
	mkdir -p "$work/repo"
	if [ -f "$work/setup" ]; then
		(cd "$work" && sh ./setup) || {
			echo "cli: FAIL $name (setup)"
			failed=$((failed + 1))
			continue
		}
	fi
	root=$(cd "$work/repo" && pwd -P)
	args=$(cat "$work/args")
	(cd "$work" && eval "ISMS_TODAY=2026-12-01 NO_COLOR=1 \
		\"$isms\" -C repo $args" >"$work/out" 2>"$work/err")
	echo $? >"$work/got-status"
	sed "s|$root|<root>|g" "$work/out" >"$work/got-stdout"
	ok=1
	cmp -s "$work/got-status" "$work/status" || ok=0
	cmp -s "$work/got-stdout" "$work/stdout" || ok=0
	if [ -f "$work/stderr" ]; then
		sed "s|$root|<root>|g" "$work/err" >"$work/got-stderr"
		cmp -s "$work/got-stderr" "$work/stderr" || ok=0
	fi
	if [ $ok = 1 ]; then
		passed=$((passed + 1))
		continue
	fi
	failed=$((failed + 1))
	echo "cli: FAIL $name: exit $(cat "$work/got-status"), expected" \
		"$(cat "$work/status")"
	diff -u "$work/stdout" "$work/got-stdout" | head -40
	[ -f "$work/stderr" ] &&
		diff -u "$work/stderr" "$work/got-stderr" | head -20
	if [ -n "$ISMS_UPDATE" ]; then
		cp "$work/got-stdout" "$case/stdout"
		cp "$work/got-status" "$case/status"
		[ -f "$work/stderr" ] && cp "$work/got-stderr" "$case/stderr"
		echo "cli: updated $name"
	fi
done
echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
