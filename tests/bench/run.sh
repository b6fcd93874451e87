#!/bin/sh
# The benchmark behind docs/performance.md; run by hand (`make bench`),
# never by `make check`: it measures, it does not pass or fail.
#
#   sh tests/bench/run.sh BUILD_DIR
#
# For each size: generate the repository once (cached under
# BUILD_DIR/bench/data/, made again when gen.c or the size changes), read
# it once to warm the page cache, then run the floor, the floor with md4c
# (`floor -m`) and `isms check` BENCH_RUNS times each, alternating, and
# keep the median of wall time, CPU time and peak RSS.  Knobs
# (environment):
#   BENCH_SIZES="200:10000 2000:100000 20000:1000000"   documents:rows
#   BENCH_RUNS=3
#   BENCH_SEED=1
set -u
B=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
gen=$B/bench/gen
floor=$B/bench/floor
measure=$B/bench/measure
isms=$B/isms
sizes=${BENCH_SIZES:-"200:10000 2000:100000 20000:1000000"}
runs=${BENCH_RUNS:-3}
seed=${BENCH_SEED:-1}
data=$B/bench/data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export ISMS_TODAY=2026-12-01 NO_COLOR=1 LC_ALL=C

for f in "$gen" "$floor" "$measure" "$isms"; do
	[ -x "$f" ] || { echo "bench: '$f' is not built" >&2; exit 2; }
done
mkdir -p "$data"

# The median of the numbers on standard input, one a line.
median() {
	sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# Make repository $1 with $2 documents and $3 rows unless it is current.
generate() {
	stamp="$(cksum <"$here/gen.c") $2 $3 $seed committed"
	if [ -f "$1/.stamp" ] && [ "$(cat "$1/.stamp")" = "$stamp" ]; then
		return 0
	fi
	echo "bench: generating $2 documents and $3 rows in '$1'" >&2
	rm -rf "$1"
	"$gen" -s "$seed" "$2" "$3" "$1" || exit 2
	# Committed and packed, as an ISMS in git is: the status compares
	# each file with the index, and the history has one commit that adds
	# them all.  No gc may start behind a timed run.
	(
		cd "$1" &&
			git -c core.autocrlf=false add -A &&
			GIT_AUTHOR_DATE=2026-11-01T10:00:00+00:00 \
				GIT_COMMITTER_DATE=2026-11-01T10:00:00+00:00 \
				git -c user.name=Bench -c user.email=bench@example.org \
				-c commit.gpgsign=false -c gc.auto=0 commit -q \
				-m "The ISMS" &&
			git -c gc.auto=0 gc -q &&
			git config gc.auto 0
	) || exit 2
	# Let the writes reach the disk now, not during a timed run.
	sync
	echo "$stamp" >"$1/.stamp"
}

# Run "$@" under measure $runs times; append "wall cpu rss" to $1.
timed() {
	out=$1
	shift
	"$measure" -o "$tmp/m" "$@" >/dev/null 2>"$tmp/err"
	read -r wall cpu rss status <"$tmp/m"
	if [ "$status" -gt 1 ]; then
		echo "bench: '$*' exited $status" >&2
		cat "$tmp/err" >&2
		exit 2
	fi
	echo "$wall $cpu $rss" >>"$out"
}

# Column $2 (1 wall, 2 cpu, 3 rss) of file $1, median.
col() {
	cut -d' ' -f"$2" "$1" | median
}

echo "machine: $(nproc) cores," \
	"$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' \
		/proc/meminfo)," \
	"$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
	"Linux $(uname -r)"
echo "libraries: libyaml $(pkg-config --modversion yaml-0.1)," \
	"pcre2 $(pkg-config --modversion libpcre2-8)," \
	"libcsv $(dpkg-query -W -f='${Version}' libcsv-dev 2>/dev/null)," \
	"md4c $(pkg-config --modversion md4c)," \
	"libgit2 $(pkg-config --modversion libgit2)"
threads=$(ISMS_JOBS='' nproc)
echo "median of $runs runs, warm page cache; isms on 1 thread" \
	"(ISMS_JOBS=1) and on $threads (one per core)"
echo

# The fixed cost: isms on a repository with nothing to read.
mkdir -p "$tmp/empty"
: >"$tmp/empty/isms.yaml"
"$measure" -o "$tmp/m" "$isms" -C "$tmp/empty" check >/dev/null 2>&1
read -r ew _ er _ <"$tmp/m"
printf 'isms on an empty repository: %.3f s, %.1f MiB peak RSS\n\n' \
	"$ew" "$(awk -v r="$er" 'BEGIN { print r / 1024 }')"

line='%-14s %6s %7s  %6s %5s %7s  %6s %5s %7s  %6s %5s %7s  %5s %5s %5s\n'
printf '%31s%-22s%-22s%-22s%s\n' '' '  floor' '  isms, 1 thread' \
	"  isms, $threads threads" 'isms/floor: 1 thr, N'
# shellcheck disable=SC2059
printf "$line" docs:rows files 'in MiB' wall cpu 'RSS MiB' wall cpu \
	'RSS MiB' wall cpu 'RSS MiB' wall cpu wall
: >"$tmp/summary"
for size in $sizes; do
	docs=${size%%:*}
	rows=${size#*:}
	repo=$data/d$docs-r$rows
	generate "$repo" "$docs" "$rows"
	"$floor" "$repo" || exit 2	# warm the page cache
	: >"$tmp/floor"
	: >"$tmp/floorm"
	: >"$tmp/isms"
	: >"$tmp/ismsn"
	i=0
	while [ $i -lt "$runs" ]; do
		timed "$tmp/floor" "$floor" "$repo"
		timed "$tmp/floorm" "$floor" -m "$repo"
		timed "$tmp/isms" env ISMS_JOBS=1 "$isms" -C "$repo" check
		timed "$tmp/ismsn" env ISMS_JOBS="$threads" "$isms" \
			-C "$repo" check
		i=$((i + 1))
	done
	files=$(find "$repo" -type f \( -name '*.md' -o -name '*.csv' \) |
		wc -l)
	bytes=$(find "$repo" -type f \( -name '*.md' -o -name '*.csv' \) \
		-exec cat {} + | wc -c)
	fw=$(col "$tmp/floor" 1) fc=$(col "$tmp/floor" 2)
	fr=$(col "$tmp/floor" 3)
	iw=$(col "$tmp/isms" 1) ic=$(col "$tmp/isms" 2)
	ir=$(col "$tmp/isms" 3)
	nw=$(col "$tmp/ismsn" 1) nc=$(col "$tmp/ismsn" 2)
	nr=$(col "$tmp/ismsn" 3)
	mw=$(col "$tmp/floorm" 1) mc=$(col "$tmp/floorm" 2)
	echo "$docs:$rows $files $bytes $fw $fc $fr $iw $ic $ir $nw $nc $nr" \
		"$mw $mc" >>"$tmp/summary"
	awk -v s="$docs:$rows" -v n="$files" -v b="$bytes" -v fw="$fw" \
		-v fc="$fc" -v fr="$fr" -v iw="$iw" -v ic="$ic" -v ir="$ir" \
		-v nw="$nw" -v nc="$nc" -v nr="$nr" \
		'BEGIN {
		printf "%-14s %6d %7.1f  %6.3f %5.3f %7.1f  %6.3f %5.3f " \
			"%7.1f  %6.3f %5.3f %7.1f  %5.2f %5.2f %5.2f\n", s, n,
			b / 1048576, fw, fc, fr / 1024, iw, ic, ir / 1024,
			nw, nc, nr / 1024, iw / fw, ic / fc, nw / fw
	}'
done

echo
echo "growth from one size to the next (isms; floor in brackets):"
awk 'NR > 1 {
	printf "  %s -> %s: input x%.2f, wall x%.2f (x%.2f), " \
		"cpu x%.2f (x%.2f), RSS x%.2f\n", s, $1, $3 / b,
		$7 / iw, $4 / fw, $8 / ic, $5 / fc, $9 / ir
}
{ s = $1; b = $3; fw = $4; fc = $5; iw = $7; ic = $8; ir = $9 }' \
	"$tmp/summary"

echo
echo "against the floor with md4c over every Markdown body (floor -m), which"
echo "isms needs to tell text from code and to find headings and tables:"
awk '{
	printf "  %-14s floor -m wall %6.3f s, cpu %6.3f s; isms/floor -m: " \
		"1 thread wall %.2f, cpu %.2f; %s wall %.2f\n", $1, $13, $14,
		$7 / $13, $8 / $14, t " threads", $10 / $13
}' t="$threads" "$tmp/summary"

echo
echo "input size against isms peak RSS, 1 thread and N (and less the" \
	"empty run's):"
awk -v e="$er" '{
	printf "  %-14s input %6.1f MiB, peak RSS %6.1f and %6.1f MiB: " \
		"%.2f and %.2f x input (%.2f x)\n", $1, $3 / 1048576,
		$9 / 1024, $12 / 1024, $9 * 1024 / $3, $12 * 1024 / $3,
		($9 - e) * 1024 / $3
}' "$tmp/summary"
