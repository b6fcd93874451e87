#!/bin/sh
# Allocation failure, one allocation at a time, over `isms check`: each
# run must exit 2 with "isms: out of memory" or complete as the run
# without a failure did, never crash, hang, leak or lose data quietly
# (tests/fault/sweep.py judges the runs).  Then output to a full disk
# must be exit 2.  docs/performance.md describes the coverage.
#
# usage: tests/fault/run.sh WRAP PLAIN PRELOAD SMALL EXAMPLE [full]
#   WRAP     isms linked with wrap.c: isms's own allocations fail, under
#            the build's sanitizers
#   PLAIN    isms without sanitizers, for PRELOAD (preload.c), through
#            which the libraries' allocations fail too
#   SMALL, EXAMPLE   the repositories, each checked as a copy in a git
#            repository of its own, so that libgit2's share does not
#            grow with this project's history
#   full     more runs under valgrind, and a third of the allocations of
#            map, diff, report and pack and of a check on four threads
#            over the example; without it, a twentieth on four threads
#            and fewer under valgrind.  Either way every allocation of a
#            check of both repositories fails once in each build.
# FAULT_JOBS runs at a time (default: the processors online).
wrap=$1 plain=$2 preload=$3 small=$4 example=$5 mode=${6:-check}
here=$(cd "$(dirname "$0")" && pwd)
py=${PYTHON:-python3}
jobs=${FAULT_JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
HOME=$scratch/home
GIT_CONFIG_NOSYSTEM=1
export HOME GIT_CONFIG_NOSYSTEM
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GITHUB_STEP_SUMMARY
mkdir -p "$HOME"
status=0

# fixture <dir> <repo>: a copy of repo as a work tree with history: two
# commits, the second moving and editing a document, and a document
# changed since.
fixture() {
	sh "$here/../cli/git-copy.sh" --history "$2" "$1" >/dev/null 2>&1 || {
		echo "fault: cannot build the fixture '$1'"
		exit 1
	}
}

# sweep.py with the common arguments; remember a failure.
sweep() {
	$py "$here/sweep.py" --jobs "$jobs" "$@" || status=1
}

# A full disk: output that cannot be written is exit 2, never 0 or 1.
full_disk() {
	[ -w /dev/full ] || return
	for cmd in "check" "check --format json" "map" "checklist --format csv"
	do
		# shellcheck disable=SC2086
		err=$(ISMS_TODAY=2026-12-01 "$plain" -C "$1" $cmd 2>&1 >/dev/full)
		rc=$?
		if [ $rc -ne 2 ] || [ -z "$err" ]; then
			status=1
			echo "fault: FAIL '$cmd' to a full disk: exit $rc: $err"
		fi
	done
	echo "fault: full disk: 4 outputs"
}

fixture "$scratch/small" "$small"
fixture "$scratch/example" "$example"
# Every allocation of a check of both, in both builds; the samples are
# the runs under valgrind and on four threads.
if [ "$mode" = full ]; then
	small_vg=20 example_vg=100 threaded=3
else
	small_vg=4 example_vg=6 threaded=20
fi
sweep --label "small, own" "$wrap" "$scratch/small"
sweep --label "example, own" "$wrap" "$scratch/example"
sweep --label small --preload "$preload" --valgrind $small_vg \
	"$plain" "$scratch/small"
sweep --label example --preload "$preload" \
	--valgrind $example_vg "$plain" "$scratch/example"
sweep --label "example, 4 threads" --preload "$preload" --threads 4 \
	--stride $threaded "$plain" "$scratch/example"
if [ "$mode" = full ]; then
	# The other outputs that read the repository, each a third.
	for args in "map --format json" "diff HEAD~1 --format json" \
		"report -o {out}" "pack -o {out}"; do
		# shellcheck disable=SC2086
		sweep --label "example, $args" --preload "$preload" \
			--stride 3 --output out.html "$plain" "$scratch/example" \
			$args
	done
fi
full_disk "$scratch/example"
exit $status
