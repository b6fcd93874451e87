#!/bin/sh
# One risk register in its three shapes must give one map: the cases
# reg-shape-csv (a CSV with front matter), reg-shape-data (Markdown whose
# data: names a plain CSV) and reg-shape-pipe (Markdown holding a pipe
# table after a "Document control" table) hold the same rows.  This runs
# isms on the three repositories and compares what each prints with what
# the CSV shape prints:
#   map --by control --format csv   byte for byte
#   map --format json               byte for byte once the register's own
#                                   path (.csv or .md) is set aside
# Usage: sh tests/cli/same-map.sh build/isms
# Prints "same-map: N passed, N failed".
isms=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cases=$(cd "$(dirname "$0")" && pwd)/cases
passed=0 failed=0
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# Copies outside any git work tree, as tests/cli/run.sh runs its cases:
# inside one the map would carry each file's own history.
for shape in csv data pipe; do
	mkdir -p "$scratch/$shape"
	cp -R "$cases/reg-shape-$shape/repo" "$scratch/$shape/"
done

# run SHAPE NAME ARGS...: isms on reg-shape-SHAPE into $scratch/SHAPE.NAME
run() {
	shape=$1 name=$2
	shift 2
	ISMS_TODAY=2026-12-01 NO_COLOR=1 "$isms" \
		-C "$scratch/$shape/repo" "$@" \
		>"$scratch/$shape.$name" 2>/dev/null
	echo $? >>"$scratch/$shape.$name"
}

for shape in csv data pipe; do
	run "$shape" csv map --by control --format csv
	run "$shape" json map --format json
	sed 's|"path": "registers/risks\.[a-z]*"|"path": "<register>"|' \
		"$scratch/$shape.json" >"$scratch/$shape.json-paths"
done

for shape in data pipe; do
	for name in csv json-paths; do
		if cmp -s "$scratch/csv.$name" "$scratch/$shape.$name"; then
			passed=$((passed + 1))
			continue
		fi
		failed=$((failed + 1))
		echo "same-map: FAIL reg-shape-$shape ($name) differs" \
			"from reg-shape-csv"
		diff -u "$scratch/csv.$name" "$scratch/$shape.$name" |
			head -20
	done
done
echo "same-map: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
