#!/bin/sh
# Files are read on a pool of threads (ISMS_JOBS); what isms prints must
# not depend on how many.  For each repository and command, the output,
# standard error and exit status with 1 thread are the reference, and 2,
# 3, 8 and 64 threads must give the same bytes.  Then every CLI fixture
# runs against its golden output with 8 threads, and, when a
# ThreadSanitizer build is given, a check and a map of a generated
# repository and of one with a history run under it with 4 threads.
# Prints
# "threads: N passed, N failed".
#
#   sh tests/threads_check.sh ISMS GEN [TSAN_ISMS]
isms=$1 gen=$2 tsan=${3:-}
passed=0 failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export ISMS_TODAY=2026-12-01 NO_COLOR=1 LC_ALL=C

ok() { passed=$((passed + 1)); }
bad() {
	failed=$((failed + 1))
	echo "threads: FAIL $*"
}

# A repository of 300 documents and 30 000 rows, many files per thread.
"$gen" -s 3 300 30000 "$tmp/gen" >/dev/null || { bad "generator"; exit 1; }

# The example with a history of its own (two commits, a rename, a
# change not committed), read on a thread beside the files.
sh tests/cli/git-copy.sh --history examples/acme-msp "$tmp/hist" \
	>/dev/null 2>&1 || { bad "history fixture"; exit 1; }

# Run isms with $1 threads in repository $2: the rest are its arguments.
run() {
	jobs=$1 repo=$2
	shift 2
	ISMS_JOBS=$jobs "$isms" -C "$repo" "$@" >"$tmp/out" 2>"$tmp/err"
	echo "exit $?" >>"$tmp/err"
	cat "$tmp/out" "$tmp/err"
}

for repo in examples/acme-msp examples/pipe-msp "$tmp/gen" "$tmp/hist"; do
	while read -r cmd; do
		# shellcheck disable=SC2086
		run 1 "$repo" $cmd >"$tmp/ref"
		for jobs in 2 3 8 64; do
			# shellcheck disable=SC2086
			run $jobs "$repo" $cmd >"$tmp/got"
			if cmp -s "$tmp/ref" "$tmp/got"; then
				ok
			else
				bad "$repo: '$cmd' with $jobs threads differs" \
					"from 1 thread"
				diff "$tmp/ref" "$tmp/got" | head -5
			fi
		done
	done <<'CMDS'
check
check --format json
check --format sarif
map --format json
checklist --format csv
gaps --format json
maturity --format json
metrics --format json
soa --format csv
calendar
CMDS
done

# Every fixture still gives its golden output on 8 threads.
if ISMS_JOBS=8 sh tests/cli/run.sh "$isms" >"$tmp/cli" 2>&1; then
	ok
else
	bad "CLI fixtures with 8 threads:"
	tail -5 "$tmp/cli"
fi

# No data race that ThreadSanitizer can see.
if [ -n "$tsan" ]; then
	for repo in "$tmp/gen" "$tmp/hist"; do
		for cmd in check map; do
			ISMS_JOBS=4 TSAN_OPTIONS="halt_on_error=1 exitcode=66" \
				"$tsan" -C "$repo" $cmd >/dev/null 2>"$tmp/tsan"
			if [ $? -ne 66 ] &&
				! grep -q ThreadSanitizer "$tmp/tsan"; then
				ok
			else
				bad "ThreadSanitizer on '$cmd' in '$repo':"
				head -20 "$tmp/tsan"
			fi
		done
	done
fi

echo "threads: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
