#!/bin/sh
# Fail each of isms's own allocations in turn (every one over a small
# repository, a stride over the example) and check that every run ends
# with exit 2 and "isms: out of memory", or completes normally: never a
# crash, a sanitizer report or another status; and that output to a
# full disk is exit 2.  Prints
# "fault: N passed, N failed".
isms=$1 small=$2 example=$3
passed=0 failed=0

# Run check over repo with allocation n failing; judge the outcome.
sweep_one() {
	out=$(ISMS_FAIL_ALLOC=$2 ISMS_TODAY=2026-12-01 "$isms" -C "$1" check \
		--format json 2>&1 >/dev/null)
	rc=$?
	if [ $rc -eq 2 ] && [ "$out" = "isms: out of memory" ]; then
		passed=$((passed + 1))
	elif [ $rc -le 1 ] && [ -z "$out" ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "fault: FAIL $1 allocation $2: exit $rc: $out" | head -5
	fi
}

# Sweep repo: every allocation, or every step-th.
sweep() {
	total=$(ISMS_COUNT_ALLOC=1 ISMS_TODAY=2026-12-01 "$isms" -C "$1" \
		check --format json 2>&1 >/dev/null | sed -n 's/^allocations: //p')
	n=1
	while [ "$n" -le "${total:-0}" ]; do
		sweep_one "$1" $n
		n=$((n + $2))
	done
}

# A full disk: output that cannot be written is exit 2, never 0 or 1.
full_disk() {
	[ -w /dev/full ] || return
	for cmd in "check" "check --format json" "map" "checklist --format csv"
	do
		# shellcheck disable=SC2086
		err=$(ISMS_TODAY=2026-12-01 "$isms" -C "$example" $cmd \
			2>&1 >/dev/full)
		rc=$?
		if [ $rc -eq 2 ] && [ -n "$err" ]; then
			passed=$((passed + 1))
		else
			failed=$((failed + 1))
			echo "fault: FAIL '$cmd' to a full disk: exit $rc: $err"
		fi
	done
}

sweep "$small" 1
sweep "$example" 5
full_disk
echo "fault: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
