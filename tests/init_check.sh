#!/bin/sh
# isms init end to end: scaffold into an empty folder and check that
# `isms check` finds exactly what a new ISMS should have (work still to do,
# no format error); scaffold over existing files and check that none is
# touched; scaffold where nothing can be written.  Prints
# "init: N passed, N failed".
#
# usage: tests/init_check.sh build/isms
isms=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
scratch=$(mktemp -d)
trap 'chmod -R u+w "$scratch" 2>/dev/null; rm -rf "$scratch"' EXIT
passed=0 failed=0
ISMS_TODAY=2026-12-01
NO_COLOR=1
export ISMS_TODAY NO_COLOR

# The rules a fresh repository gives, and no others: controls unmapped and
# SoA rows unjustified, clauses and spine procedures still to write, core
# documents in draft below their maturity target, registers empty, no
# audit or review held yet; and, as the new folder is not yet in git, the
# note that document control could not be checked.
fresh_rules='approval-pending
clause-missing
control-unmapped
git-unavailable
maturity-target
record-missing
register-missing
register-stale
soa-inclusion
spine-missing'

ok() {
	passed=$((passed + 1))
}

fail() {
	failed=$((failed + 1))
	echo "init: FAIL $*"
}

# expect <what> <want> <got>: compare two values.
expect() {
	if [ "$2" = "$3" ]; then
		ok
	else
		fail "$1: expected '$2', got '$3'"
	fi
}

# The sorted, distinct rule ids of `isms check` on folder $1.
rules_of() {
	"$isms" -C "$1" check 2>/dev/null |
		sed -n 's/.*\[\([a-z0-9-]*\)\]$/\1/p' | LC_ALL=C sort -u
}

# How many findings of rule $2 `isms check` gives on folder $1.
count_of() {
	"$isms" -C "$1" check 2>/dev/null | grep -c "\[$2\]\$"
}

# A checksum of every file under $1, with its path.
tree_sum() {
	(cd "$1" && find . -type f -o -type l | LC_ALL=C sort |
		while read -r f; do
			if [ -L "$f" ]; then
				echo "$f -> $(readlink "$f")"
			else
				echo "$f $(cksum <"$f")"
			fi
		done)
}

# Init template $1 into a new folder, then check it.
fresh() {
	dir="$scratch/fresh-$1"
	"$isms" init "$dir" --template "$1" >"$scratch/out" 2>"$scratch/err"
	expect "init $1: exit" 0 $?
	expect "init $1: stderr" "" "$(cat "$scratch/err")"
	"$isms" -C "$dir" check >/dev/null 2>&1
	expect "check after init $1: exit" 1 $?
	expect "check after init $1: rules" "$fresh_rules" "$(rules_of "$dir")"
	expect "init $1: control-unmapped" 93 \
		"$(count_of "$dir" control-unmapped)"
	expect "init $1: soa-inclusion" 93 "$(count_of "$dir" soa-inclusion)"
	expect "init $1: spine-missing" 5 "$(count_of "$dir" spine-missing)"
	expect "init $1: temporary files" "" \
		"$(find "$dir" -name '.*.isms-*')"
}

fresh msp
fresh minimal
expect "msp: services" "catalogue.csv responsibilities.csv" \
	"$(ls "$scratch/fresh-msp/services" | tr '\n' ' ' | sed 's/ $//')"
expect "minimal: no services" no \
	"$([ -e "$scratch/fresh-minimal/services" ] && echo yes || echo no)"
expect "default template" "template msp" \
	"$("$isms" init "$scratch/default" | sed -n '$s/.*(\(.*\)).*/\1/p')"
expect "today" "# ISMS configuration, written by \`isms init\` on 2026-12-01." \
	"$(head -n 1 "$scratch/default/isms.yaml")"

# --organisation fills isms.yaml; one that would break YAML is refused.
"$isms" init "$scratch/org" --organisation "Acme Ltd" >/dev/null
expect "organisation" 'organisation: "Acme Ltd"' \
	"$(grep '^organisation:' "$scratch/org/isms.yaml")"
"$isms" init "$scratch/org-bad" --organisation 'A "quoted" name' \
	>/dev/null 2>&1
expect "organisation with quotes: exit" 2 $?
expect "organisation with quotes: nothing created" no \
	"$([ -e "$scratch/org-bad" ] && echo yes || echo no)"

# Existing files are left alone, links are not followed, the rest is
# written; a second init skips everything and changes nothing.
dir="$scratch/existing"
mkdir -p "$dir/procedures"
printf 'organisation: Mine\n' >"$dir/isms.yaml"
printf 'not a template\n' >"$dir/procedures/backup.md"
ln -s "$scratch/nowhere" "$dir/soa.csv"
before=$(tree_sum "$dir")
"$isms" init "$dir" >"$scratch/out" 2>"$scratch/err"
expect "init over files: exit" 0 $?
expect "init over files: skipped" "isms: skipped 'isms.yaml': it exists
isms: skipped 'procedures/backup.md': it exists
isms: skipped 'soa.csv': it exists" "$(cat "$scratch/err")"
want="19 files created, 3 skipped in '$dir' (template msp); next:"
expect "init over files: summary" "$want isms -C $dir check" \
	"$(tail -n 1 "$scratch/out")"
expect "init over files: untouched" "$before" \
	"$(tree_sum "$dir" | grep -e '^./isms.yaml ' -e '^./soa.csv ' \
		-e '^./procedures/backup.md ')"
expect "init over files: link not followed" no \
	"$([ -e "$scratch/nowhere" ] && echo yes || echo no)"
before=$(tree_sum "$dir")
"$isms" -q init "$dir" >"$scratch/out" 2>"$scratch/err"
expect "second init: exit" 0 $?
expect "second init: quiet" "" "$(cat "$scratch/err")"
expect "second init: summary" "0 files created, 22 skipped" \
	"$(sed -n '$s/ in .*//p' "$scratch/out")"
expect "second init: untouched" "$before" "$(tree_sum "$dir")"

# -C names the folder <dir> is relative to, as for every command.
mkdir "$scratch/base"
(cd "$scratch" && "$isms" -C base init sub >/dev/null)
expect "-C base init sub" yes \
	"$([ -f "$scratch/base/sub/isms.yaml" ] && echo yes || echo no)"

# Nothing can be written.  chmod does not stop root (CI runs as root), so
# the folder that cannot be created is one under a regular file, which
# fails for everyone; the read-only folder is tried when not root.
printf 'x\n' >"$scratch/file"
"$isms" init "$scratch/file/sub" >"$scratch/out" 2>"$scratch/err"
expect "init under a file: exit" 2 $?
expect "init under a file: message" \
	"isms: cannot create '$scratch/file/sub': Not a directory" \
	"$(cat "$scratch/err")"
if [ "$(id -u)" != 0 ]; then
	mkdir "$scratch/ro"
	chmod 555 "$scratch/ro"
	"$isms" init "$scratch/ro" >"$scratch/out" 2>"$scratch/err"
	expect "init read-only: exit" 2 $?
	want="isms: cannot write '$scratch/ro/README.md'"
	expect "init read-only: message" "$want: Permission denied" \
		"$(cat "$scratch/err")"
	expect "init read-only: nothing created" "" "$(ls -A "$scratch/ro")"
fi

# Usage errors: an unknown template, a second operand.
"$isms" init "$scratch/unknown" --template big >/dev/null 2>"$scratch/err"
expect "unknown template: exit" 2 $?
expect "unknown template: message" \
	"isms: unknown template 'big'; use minimal or msp" \
	"$(cat "$scratch/err")"
expect "unknown template: nothing created" no \
	"$([ -e "$scratch/unknown" ] && echo yes || echo no)"
"$isms" init "$scratch/a" "$scratch/b" >/dev/null 2>&1
expect "two operands: exit" 2 $?

echo "init: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
