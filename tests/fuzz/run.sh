#!/bin/sh
# Replay each fuzz target's corpus, then fuzz it for the given seconds.
# New inputs go to a scratch folder, never into the committed corpus;
# a crash leaves its input in build/fuzz/.  Prints "fuzz: N passed, N failed".
seconds=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
passed=0 failed=0
for bin in "$@"; do
	name=$(basename "$bin")
	corpus="$here/corpus/${name#fuzz_}"
	# A target's dictionary, tests/fuzz/<target>.dict, when it has one.
	dict="$here/${name#fuzz_}.dict"
	[ -f "$dict" ] && dict="-dict=$dict" || dict=
	scratch=$(mktemp -d)
	if "$bin" -runs=0 ${dict:+"$dict"} "$corpus" >"$scratch/log" 2>&1 &&
		"$bin" ${dict:+"$dict"} -max_total_time="$seconds" -timeout=10 \
			-rss_limit_mb=2048 -artifact_prefix="$(dirname "$bin")/" \
			"$scratch" "$corpus" >>"$scratch/log" 2>&1; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "fuzz: FAIL $name" >&2
		tail -40 "$scratch/log" >&2
	fi
	rm -rf "$scratch"
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
