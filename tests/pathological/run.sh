#!/bin/sh
# Hostile inputs, each a repository built here at test time (nothing large
# is kept in git) and checked under `timeout 60` and the measure wrapper:
#
#   sh tests/pathological/run.sh ISMS MEASURE [CASE]
#
# Every case expects an exit status, a time and a peak-memory bound, a
# clear finding about the hostile file, and the finding of a sentinel
# document beside it, which shows that the rest of the repository was
# still checked.  A case named in KNOWN_GAPS below is run and, while it
# fails, reported as skipped with its reason; once it passes it counts as
# passed and asks to be taken off the list.  Prints "pathological: N
# passed, N failed, N skipped".
set -u
umask 022
isms=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
measure=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
only=${3:-}
passed=0 failed=0 skipped=0
scratch=$(mktemp -d)
chmod 755 "$scratch"	# the unreadable-file case runs isms as nobody
trap 'chmod -R u+rwx "$scratch" 2>/dev/null; rm -rf "$scratch"' EXIT
trap 'exit 2' INT TERM
export ISMS_TODAY=2026-12-01 NO_COLOR=1 LC_ALL=C
unset GITHUB_STEP_SUMMARY

# Cases that show a shortcoming still open; see docs/performance.md.
KNOWN_GAPS='
'

# The pattern of a finding: at PATH LINE:COLUMN SEVERITY RULE [TEXT].
# N in LINE:COLUMN stands for any number, an empty LINE:COLUMN for none
# (a finding about a whole file); TEXT is an extended regular expression
# that the message must contain.
at() {
	printf '^%s%s: %s: .*%s.*\\[%s\\]$' \
		"$(printf '%s' "$1" | sed 's/[.]/\\./g')" \
		"$(printf '%s' "${2:+:$2}" | sed 's/N/[0-9]+/g')" \
		"$3" "${5:-}" "$4"
}

SENTINEL=$(at sentinel.md 1:1 error owner-missing)

# Start case $1: a repository with isms.yaml (plus the lines in $2) and
# the sentinel, a draft without an owner.  Sets name, repo and the
# defaults of judge: exit 1, 60 seconds, 128 MiB, the sentinel expected
# on standard output.
begin() {
	name=$1
	repo=$scratch/$name/repo
	mkdir -p "$repo"
	printf 'organisation: Pathological\n%s' "${2:-}" >"$repo/isms.yaml"
	printf -- '---\nid: SENTINEL-1\ntitle: Sentinel\ntype: policy\n%s\n' \
		'status: draft
---
Text.' >"$repo/sentinel.md"
	want_status=1 max_wall=60 max_rss=128 sentinel=1 runas='' args=check
	stream=out
}

# Front matter of a register of kind $2 with id $1, for CSV cases.
register_head() {
	printf -- '---\nid: %s\ntitle: T\ntype: register\nregister: %s\n' \
		"$1" "$2"
	printf -- 'owner: O\nstatus: draft\n---\n'
}

# Is the current case a known gap?  Sets gap to its reason.
known_gap() {
	gap=$(printf '%s\n' "$KNOWN_GAPS" | sed -n "s/^$name //p")
	[ -n "$gap" ]
}

# Run isms on the case's repository and check the result against the
# bounds and against each extended regular expression given: each must
# match a line of standard output, or of standard error when stream is
# err (one that starts with '!' must match none).  Then remove the repository.
judge() {
	dir=$scratch/$name
	# $runas and $args are word lists on purpose.
	# shellcheck disable=SC2086
	(cd "$dir" && "$measure" -o "$dir/stats" timeout 60 $runas \
		"$isms" -C repo $args >"$dir/out" 2>"$dir/err")
	[ -s "$dir/stats" ] || echo '0 0 0 125' >"$dir/stats"
	read -r wall _ rss status <"$dir/stats"
	why=
	[ "$status" = "$want_status" ] ||
		why="exit $status, expected $want_status"
	[ "$status" = 124 ] && why="timed out after 60 s"
	awk -v w="$wall" -v m="$max_wall" 'BEGIN { exit !(w > m) }' &&
		why="${why:+$why; }took ${wall} s, over $max_wall s"
	# A sanitizer's shadow memory multiplies what a run holds.
	rss_limit=$((max_rss * ${RSS_SCALE:-1}))
	if [ $((rss / 1024)) -gt "$rss_limit" ]; then
		why="${why:+$why; }peak RSS $((rss / 1024)) MiB, over"
		why="$why $rss_limit MiB"
	fi
	[ "$sentinel" = 1 ] && set -- "$@" "$SENTINEL"
	for re in "$@"; do
		case $re in
		!*)
			! grep -Eq -- "${re#!}" "$dir/$stream" ||
				why="${why:+$why; }a line matches '${re#!}'" ;;
		*)
			grep -Eq -- "$re" "$dir/$stream" ||
				why="${why:+$why; }no line matches '$re'" ;;
		esac
	done
	verdict "$(printf '%.2f s, %d MiB' "$wall" $((rss / 1024)))"
	chmod -R u+rwx "$dir" 2>/dev/null
	rm -rf "$dir"
}

# Count the case from $why, a known gap as skipped while it fails.
verdict() {
	if known_gap && [ -n "$why" ]; then
		echo "pathological: skip $name: known gap: $gap ($why)"
		skipped=$((skipped + 1))
	elif known_gap; then
		echo "pathological: $name now passes ($1); take it off" \
			"KNOWN_GAPS"
		passed=$((passed + 1))
	elif [ -z "$why" ]; then
		[ -n "${VERBOSE:-}" ] && echo "pathological: ok $name ($1)"
		passed=$((passed + 1))
	else
		echo "pathological: FAIL $name: $why"
		sed 's/^/  stderr: /' "$scratch/$name/err" | head -5
		failed=$((failed + 1))
	fi
}

# Should case $1 run?
want() {
	[ -z "$only" ] || [ "$only" = "$1" ]
}

# ---- YAML ---------------------------------------------------------------

# 100 000 flow sequences deep: over the 64 KiB block limit first.
if want yaml-deep; then
	begin yaml-deep
	python3 -c 'import sys; n = 100000
sys.stdout.write("---\nid: D\nx: " + "[" * n + "]" * n + "\n---\nx\n")' \
		>"$repo/deep.md"
	judge "$(at deep.md 3:N error frontmatter-limit \
		'front matter of 200010 bytes exceeds')"
fi

# The same with the block limit raised, so that the depth limit stops it;
# block sequences ("- - - ...") and flow mappings too.
if want yaml-deep-parsed; then
	begin yaml-deep-parsed 'limits: {frontmatter: 4MiB}
'
	python3 -c 'import sys; n = 100000
sys.stdout.write("---\nid: D1\nx: " + "[" * n + "]" * n + "\n---\nx\n")' \
		>"$repo/flow.md"
	python3 -c 'import sys; n = 100000
sys.stdout.write("---\nid: D2\nx:\n  " + "- " * n + "y\n---\nx\n")' \
		>"$repo/block.md"
	python3 -c 'import sys; n = 100000
sys.stdout.write("---\nid: D3\nx: " + "{a: " * n + "1" + "}" * n +
		 "\n---\nx\n")' >"$repo/map.md"
	deeper='front matter nests deeper than 64 levels'
	judge "$(at flow.md 3:N error frontmatter-limit "$deeper")" \
		"$(at block.md 4:N error frontmatter-limit "$deeper")" \
		"$(at map.md 3:N error frontmatter-limit "$deeper")"
fi

# Nine levels of nine aliases: 387 420 489 strings if expanded.
laughs() {
	python3 -c 'import sys
print(sys.argv[1] + "a: &a [" + ",".join(["\"lol\""] * 9) + "]")
p = "a"
for c in "bcdefghi":
    print("%s: &%s [%s]" % (c, c, ",".join(["*" + p] * 9)))
    p = c
print(sys.argv[2], end="")' "$1" "$2"
}

if want billion-laughs; then
	begin billion-laughs
	laughs '---
id: BOMB
title: Bomb
' '---
x
' >"$repo/bomb.md"
	judge "$(at bomb.md 4:4 error frontmatter-limit 'anchors are not')"
fi

# The configuration is YAML too; a bad one stops the run (exit 2).
if want config-bombs; then
	begin config-deep
	python3 -c 'import sys; n = 100000
sys.stdout.write("x: " + "[" * n + "]" * n + "\n")' >>"$repo/isms.yaml"
	want_status=2 sentinel=0 stream=err
	judge '^isms\.yaml:2:[0-9]+: error: .*nests deeper than 64 levels'
	begin config-laughs
	laughs '' '' >>"$repo/isms.yaml"
	want_status=2 sentinel=0 stream=err
	judge '^isms\.yaml:2:4: error: anchors are not allowed'
fi

# ---- large files --------------------------------------------------------

# 200 MiB of real text (not sparse): over the 16 MiB Markdown limit, so
# only its size is looked at.
if want markdown-200m; then
	begin markdown-200m
	printf -- '---\nid: BIG\ntitle: Big\n---\n' >"$repo/big.md"
	yes 'Text that names A.5.1 and clause 4.3, line after line.' |
		head -c 200M >>"$repo/big.md"
	max_wall=10 max_rss=64
	judge "$(at big.md 1:1 error file-limit \
		'file of 209715227 bytes exceeds the limit of 16777216 bytes')"
fi

# 1 GiB holes, as Markdown and as a CSV one byte over its limit: must not
# be read, so fast and small.
if want sparse-1g; then
	begin sparse-1g
	truncate -s 1G "$repo/huge.md"
	truncate -s 1073741825 "$repo/huge.csv"
	max_wall=5 max_rss=64
	judge "$(at huge.md 1:1 error file-limit 'of 1073741824 bytes')" \
		"$(at huge.csv 1:1 error file-limit 'of 1073741825 bytes')"
fi

# A CSV of exactly the CSV limit: allowed, but its first 4 KiB already
# show NUL bytes, so it need not be read whole.
if want sparse-csv-at-limit; then
	begin sparse-csv-at-limit
	truncate -s 1G "$repo/exact.csv"
	max_wall=5 max_rss=64
	judge "$(at exact.csv 1:1 error file-encoding 'NUL bytes')"
fi

# ---- CSV ----------------------------------------------------------------

# A row of a million columns, and a header of a million names.
if want csv-million-columns; then
	begin csv-million-columns
	{
		register_head REG-W asset
		printf 'id,name,owner,classification\nAST-1,n,o,public\n'
		python3 -c 'import sys; sys.stdout.write("x," * 1000000 + "\n")'
	} >"$repo/wide.csv"
	{
		register_head REG-WH asset
		python3 -c 'import sys
sys.stdout.write(",".join("c%d" % i for i in range(1000000)) + "\n")'
	} >"$repo/wideh.csv"
	max_rss=64
	columns='row exceeds the limit of 4096 columns'
	judge "$(at wide.csv 11:8193 error file-limit "$columns")" \
		"$(at wideh.csv 9:N error file-limit "$columns")"
fi

# A 64 MiB cell, plain, quoted with newlines, and quoted but never closed.
if want csv-64m-field; then
	begin csv-64m-field
	for kind in plain quoted open; do
		{
			register_head "REG-$kind" asset
			printf 'id,name,owner,classification\nAST-1,'
			case $kind in
			plain) head -c 64M /dev/zero | tr '\0' x ;;
			quoted)
				printf '"'
				head -c 64M /dev/zero | tr '\0' '\n'
				printf '"' ;;
			open)
				printf '"'
				head -c 64M /dev/zero | tr '\0' x ;;
			esac
			printf ',o,public\n'
		} >"$repo/$kind.csv"
	done
	max_rss=512
	cell='cell of 67108864 bytes exceeds the limit of 1048576 bytes'
	judge "$(at plain.csv 10:7 error file-limit "$cell")" \
		"$(at quoted.csv 10:7 error file-limit "$cell")" \
		"$(at open.csv 10:7 error file-limit 'cell of [0-9]+ bytes')"
fi

# ---- encodings ----------------------------------------------------------

# Binary files, NUL bytes in and after the first 4 KiB, UTF-16 and
# UTF-32 with and without a byte order mark.
if want binary-and-nul; then
	begin binary-and-nul
	python3 - "$repo" <<'EOF'
import random, sys
d = sys.argv[1] + "/"
r = random.Random(7)
def w(name, data):
    open(d + name, "wb").write(data)
w("blob.md", bytes(r.randrange(256) for _ in range(1 << 20)))
w("image.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" +
  bytes(r.randrange(256) for _ in range(1 << 16)))
w("nulfm.md", b"---\nid: N\0UL\ntitle: T\n---\nx\n")
w("nullate.md", b"---\nid: NL\ntitle: T\ntype: policy\nowner: O\n"
  b"status: draft\n---\n" + b"text\n" * 1000 + b"\0\0\0\nA.5.2\n")
w("binfm.md", b"---\n" + bytes(r.randrange(1, 256) for _ in range(3000)) +
  b"\n---\nx\n")
EOF
	judge "$(at blob.md 1:1 error file-encoding 'NUL bytes')" \
		"$(at image.csv 1:1 error file-encoding 'NUL bytes')" \
		"$(at nulfm.md 1:1 error file-encoding 'NUL bytes')" \
		"$(at nullate.md 1009:1 note reference-untagged 'A\.5\.2')" \
		"$(at binfm.md N:N error yaml-syntax)"
fi

if want utf16; then
	begin utf16
	python3 - "$repo" <<'EOF'
import sys
d = sys.argv[1] + "/"
doc = "---\nid: U\ntitle: T\ntype: policy\nowner: O\n---\nx\n"
open(d + "le.md", "wb").write(("\ufeff" + doc).encode("utf-16-le"))
open(d + "be.csv", "wb").write(("\ufeff" + doc).encode("utf-16-be"))
open(d + "nobom.md", "wb").write(doc.encode("utf-16-le"))
open(d + "wide.md", "wb").write(("\ufeff" + doc).encode("utf-32-le"))
EOF
	judge "$(at le.md 1:1 error file-encoding 'UTF-16; save it as UTF-8')" \
		"$(at be.csv 1:1 error file-encoding 'file is UTF-16')" \
		"$(at nobom.md 1:1 error file-encoding 'NUL bytes')" \
		"$(at wide.md 1:1 error file-encoding 'file is UTF-32')"
fi

# Invalid UTF-8 in front matter, body, cells, a file name and at the end
# of a file; the JSON output must still be valid JSON.
invalid_utf8() {
	python3 - "$repo" <<'EOF'
import sys
d = sys.argv[1].encode() + b"/"
def w(name, data):
    open(d + name, "wb").write(data)
w(b"fm.md", b"---\nid: BAD-1\ntitle: caf\xe9 \xc0\xaf\ntype: policy\n---\nx\n")
w(b"body.md", b"---\nid: BAD-2\ntitle: T\ntype: policy\nowner: O\n"
  b"status: draft\ncontrols: [A.5.1]\n---\nbody \xff\xfe A.5.2 \xed\xa0\x80 "
  b"A.\xe9 A.5.3\xc3\n\xf0\x9f\x98 A.5.4\n\xf4\x90\x80\x80 A.8.1\n")
w(b"cell.csv", b"---\nid: REG-B\ntitle: T\ntype: register\nregister: asset\n"
  b"owner: O\nstatus: draft\n---\nid,name,owner,classification\n"
  b"AST-\xff1,n\xc3,o,publ\xe9c\n")
w(b"name\xff.md", b"---\nid: BADNAME\ntitle: T\ntype: policy\n"
  b"status: draft\n---\nx\n")
w(b"cut.md", b"---\nid: CUT\ntitle: T\xe2\x82")
EOF
}

if want invalid-utf8; then
	begin invalid-utf8
	invalid_utf8
	judge "$(at fm.md N:N error yaml-syntax 'invalid .*UTF-8')" \
		"$(at body.md 10:N note reference-untagged 'A\.5\.4')" \
		"$(at body.md 11:N note reference-untagged 'A\.8\.1')" \
		"$(at cell.csv 10:N error register-value classification)" \
		"BADNAME.*\\[owner-missing\\]\$" \
		"$(at cut.md 1:1 error frontmatter-unclosed)"
	begin invalid-utf8-json
	invalid_utf8
	args='check --format json' sentinel=0
	judge '"rule": "yaml-syntax"' '"document": "BADNAME"' \
		'"rule": "frontmatter-unclosed"'
fi

# ---- links, permissions, names -----------------------------------------

# Links are never followed: a link to itself, a pair, a link up to the
# root, links to a file and a folder outside the repository.
if want symlinks; then
	begin symlinks
	outside=$scratch/symlinks/outside
	mkdir -p "$outside/dir"
	printf -- '---\nid: OUTSIDE-1\ntitle: T\ntype: policy\n---\nx\n' \
		>"$outside/secret.md"
	cp "$outside/secret.md" "$outside/dir/secret.md"
	ln -s loop.md "$repo/loop.md"
	ln -s b.md "$repo/a.md"
	ln -s a.md "$repo/b.md"
	mkdir "$repo/sub"
	ln -s .. "$repo/sub/up"
	ln -s "$outside/secret.md" "$repo/outside.md"
	ln -s "$outside/dir" "$repo/outdir"
	judge '^1 document,' '!OUTSIDE-1'
fi

# A register whose data: file lies behind a linked folder.
if want data-link-outside; then
	begin data-link-outside
	outside=$scratch/data-link-outside/outside
	mkdir -p "$outside"
	{
		printf 'id,name,owner,classification\n'
		printf 'AST-OUT,secret,o,confidential\n'
	} >"$outside/rows.csv"
	ln -s "$outside" "$repo/linked"
	printf -- '---\nid: REG-D\ntitle: T\ntype: register\n%s\n' \
		'register: asset
owner: O
status: draft
data: linked/rows.csv
---
x' >"$repo/assets.md"
	judge "$(at assets.md N:N error field-invalid \
		'data file .* is outside the repository')"
fi

# A file nobody may read, and a folder nobody may open.  Root reads them
# anyway, so as root isms runs as nobody; without a way to, it is skipped.
if want unreadable; then
	begin unreadable
	printf -- '---\nid: LOCKED\n---\n' >"$repo/locked.md"
	printf -- '---\nid: LOCKED-2\n---\n' >"$repo/locked.csv"
	mkdir "$repo/closed"
	cp "$repo/sentinel.md" "$repo/closed/inside.md"
	chmod 000 "$repo/locked.md" "$repo/locked.csv" "$repo/closed"
	if [ "$(id -u)" = 0 ]; then
		runas='setpriv --reuid=65534 --regid=65534 --clear-groups'
		# shellcheck disable=SC2086
		$runas "$isms" --version >/dev/null 2>&1 || runas=skip
	fi
	if [ "$runas" = skip ]; then
		echo "pathological: unreadable skipped (root)"
		skipped=$((skipped + 1))
		chmod -R u+rwx "$scratch/unreadable"
		rm -rf "$scratch/unreadable"
	else
		cannot='cannot read: .*'
		judge "$(at locked.md '' error file-unreadable "$cannot")" \
			"$(at locked.csv '' error file-unreadable "$cannot")" \
			"$(at closed '' error file-unreadable 'cannot open')"
	fi
fi

# FIFOs are skipped, never opened for a read that would block.
if want fifo; then
	begin fifo
	mkfifo "$repo/pipe.md" "$repo/pipe.csv"
	printf -- '---\nid: REG-P\ntitle: T\ntype: register\n%s\n' \
		'register: asset
owner: O
status: draft
data: pipe.csv
---
x' >"$repo/assets.md"
	max_wall=10
	judge "$(at assets.md 8:7 error file-unreadable \
		"data file 'pipe\.csv' cannot be read: not a regular file")"
fi

# A newline in a file name: the finding is still there, on one line with
# the name quoted as git quotes it, and JSON keeps the name whole.  An
# escape sequence in a value reaches the terminal as text.
if want newline-name; then
	begin newline-name
	printf -- '---\nid: NEWLINE-1\ntitle: T\ntype: policy\n%s\n' \
		'status: draft
---
x' >"$repo/bad
name.md"
	printf -- '---\nid: ESC-1\ntitle: T\ntype: policy\n%s\n%s\n' \
		'owner: o' 'status: "dr\e[2Jaft"
---
x' >"$repo/esc.md"
	judge '^"bad\\nname\.md":1:1: error: .*NEWLINE-1.*\[owner-missing\]$' \
		"^esc\\.md:[0-9]+:[0-9]+: error: status 'dr\\\\033\\[2Jaft' " \
		'!^name\.md' "!$(printf '\033')"
	begin newline-name-json
	printf -- '---\nid: NEWLINE-1\ntitle: T\ntype: policy\n%s\n' \
		'status: draft
---
x' >"$repo/bad
name.md"
	args='check --format json' sentinel=0
	judge '"file": "bad\\nname\.md"'
fi

# ---- Markdown -----------------------------------------------------------

# Inputs that make naive Markdown parsers quadratic.
if want markdown-nesting; then
	begin markdown-nesting
	for kind in brackets emphasis quotes images; do
		python3 -c 'import sys
n = 100000
body = {"brackets": "[" * n + "a" + "]" * n,
	"emphasis": "*a **a " * n,
	"quotes": "> " * n + "a",
	"images": "![[" * n}[sys.argv[1]]
sys.stdout.write("---\nid: MD-%s\ntitle: T\ntype: policy\nowner: O\n"
		 "status: draft\n---\n%s\n" % (sys.argv[1], body))' "$kind" \
			>"$repo/$kind.md"
	done
	max_wall=30 max_rss=256	# 30 MiB; 134 under the address sanitizer
	judge '^5 documents,'
fi

# A Markdown file packed with ids up to its 16 MiB limit: 2.8 million
# mentions.  Each is kept while the file is read (about 15 bytes of
# memory per byte of input, 40 under the address sanitizer): linear, and
# bounded by the file limit.
if want markdown-ids; then
	begin markdown-ids
	python3 -c 'import sys
body = "A.5.1 " * (16 * 1024 * 1024 // 6 - 20)
sys.stdout.write("---\nid: MD\ntitle: T\ntype: policy\nowner: O\n"
		 "status: draft\n---\n%s\n" % body)' >"$repo/ids.md"
	max_wall=30 max_rss=1024
	judge "$(at ids.md 8:1 note reference-untagged 'A\.5\.1')"
fi

echo "pathological: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
