#!/bin/sh
# Document control with git, end to end.  Builds real git repositories in
# a scratch folder (fixed names and dates, so commit ids are the same on
# every run) and checks what isms makes of them:
#   - history: last commit date, author and revisions per document, in
#     map --by document, map --format json, checklist and show, across a
#     rename;
#   - check: changed-after-approval naming the commit date, git-untracked,
#     git-modified (also for a file only added to the index), review-overdue
#     counted from the last commit;
#   - outside a work tree: output as before, one git-unavailable note
#     with -v only; a repository of another user says so; a repository
#     with no commit yet is checked, its documents untracked;
#   - what git ignores is not read, but tracked files and those of a
#     repository inside this one are;
#   - diff across the tag stage1 (and a branch, a commit id), text,
#     Markdown and JSON;
#   - an ISMS in a folder of a larger repository, with a merge counted
#     once on the first-parent line;
#   - check as a pre-commit hook: what the commit stages is not reported
#     as uncommitted (git names that index in GIT_INDEX_FILE);
#   - calendar as a list and as iCalendar, read back by tests/ics_check.py.
# Prints "git: N passed, N failed".
#
# usage: tests/git_check.sh build/isms
isms=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
passed=0 failed=0
HOME=$scratch/home
GIT_CONFIG_NOSYSTEM=1
ISMS_TODAY=2026-12-01
NO_COLOR=1
export HOME GIT_CONFIG_NOSYSTEM ISMS_TODAY NO_COLOR
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE SOURCE_DATE_EPOCH
mkdir -p "$HOME"
py=${PYTHON:-python3}

ok() {
	passed=$((passed + 1))
}

fail() {
	failed=$((failed + 1))
	echo "git: FAIL $*"
}

# expect <what> <want> <got>: compare two values.
expect() {
	if [ "$2" = "$3" ]; then
		ok
	else
		fail "$1: expected '$2', got '$3'"
	fi
}

# has <what> <file> <fixed string>: the file holds the string.
has() {
	if grep -qF -- "$3" "$2"; then
		ok
	else
		fail "$1: no '$3' in:"
		sed 's/^/    /' "$2" | head -30
	fi
}

# hasre <what> <file> <extended regex>: a line of the file matches.
hasre() {
	if grep -qE -- "$3" "$2"; then
		ok
	else
		fail "$1: no line like '$3' in:"
		sed 's/^/    /' "$2" | head -30
	fi
}

# lacks <what> <file> <fixed string>: the file does not hold the string.
lacks() {
	if grep -qF -- "$3" "$2"; then
		fail "$1: unexpected '$3'"
	else
		ok
	fi
}

# g <args>: git in the fixture with fixed settings.
g() {
	git -c init.defaultBranch=main -c user.name=Committer \
		-c user.email=committer@example.org -c commit.gpgsign=false \
		-c core.autocrlf=false "$@"
}

# commit <date> <author> <message>: commit everything staged.
commit() {
	GIT_AUTHOR_DATE="$1T10:00:00+00:00" \
		GIT_COMMITTER_DATE="$1T10:00:00+00:00" \
		g commit -q --author="$2 <$2@example.org>" -m "$3"
}

# run <out> <args>: isms -C repo <args>, stdout to out, stderr to out.err.
run() {
	out=$1
	shift
	"$isms" -C "$repo" "$@" >"$out" 2>"$out.err"
	echo $? >"$out.status"
}

# policy <status> <approved_on> <body>: the access control policy.
policy() {
	cat <<EOF
---
id: POL-001
title: $4
type: policy
owner: CISO
status: $1
approved_by: Managing Director
approved_on: $2
review_every: 12m
controls: [A.5.15]
clauses: [5.2]
---

# Access control policy

$3
EOF
}

# procedure <extra front matter line> <body>: the backup procedure.
procedure() {
	cat <<EOF
---
id: PRC-001
title: Backup procedure
type: procedure
owner: IT Manager
status: approved
approved_by: CISO
approved_on: 2026-01-10
$1
controls: [A.8.13]
---

# Backup procedure

$2
EOF
}

# The history of the fixture: a rename, a change after approval, a
# front-matter-only commit, and a tag stage1 before the later work.
build_history() {
	repo=$scratch/acme
	mkdir -p "$repo/policies" "$repo/procedures" "$repo/guides"
	cd "$repo" || exit 2
	g init -q
	printf 'organisation: "Acme, Ltd; Ops"\n' >isms.yaml
	policy draft 2026-03-01 "Access is granted on need." \
		"Access control policy" >policies/access.md
	procedure "" "Back up nightly." >procedures/old-name.md
	cat >guides/handbook.md <<'EOF'
---
id: GDE-001
title: Staff handbook
type: standard
owner: HR Manager
---

# Staff handbook
EOF
	g add -A && commit 2025-06-01 Alice "Start the ISMS"
	policy approved 2026-03-01 "Access is granted on need." \
		"Access control policy" >policies/access.md
	g add -A && commit 2026-03-01 Bob "Approve the access policy"
	g tag stage1
	g mv procedures/old-name.md procedures/backup.md
	commit 2026-04-02 Carol "Rename the backup procedure"
	policy approved 2026-03-01 "Access is granted on need and reviewed." \
		"Access control policy and rules" >policies/access.md
	g add -A && commit 2026-05-02 Dave "Tighten access reviews"
	procedure "" "Back up nightly and test restores." \
		>procedures/backup.md
	cat >procedures/logging.md <<'EOF'
---
id: PRC-002
title: Logging procedure
type: procedure
owner: IT Manager
status: approved
approved_by: CISO
approved_on: 2026-06-01
controls: [A.8.15, A.8.16]
---

# Logging procedure
EOF
	g add -A && commit 2026-06-01 Erin "Test restores; log"
	procedure "last_reviewed: 2026-06-15" \
		"Back up nightly and test restores." >procedures/backup.md
	g add -A && commit 2026-06-15 Frank "Review the backup procedure"
	g branch reviewed
	cd "$here" || exit 2
}

# History in map, checklist and show.
test_history() {
	run "$scratch/map.csv" map --by document --format csv
	has "map header" "$scratch/map.csv" \
		'"clauses","last_changed","last_author","revisions"'
	has "policy history" "$scratch/map.csv" \
		'"2026-05-02","Dave","3"'
	has "history across a rename" "$scratch/map.csv" \
		'"procedures/backup.md","Backup procedure","procedure","IT Manager","approved","2","A.8.13","","2026-06-15","Frank","4"'
	run "$scratch/map.json" map --format json
	has "json last_changed" "$scratch/map.json" \
		'"last_changed": "2026-06-15"'
	has "json revisions" "$scratch/map.json" '"revisions": 4'
	run "$scratch/show.txt" show PRC-001
	has "show last changed" "$scratch/show.txt" \
		'last changed:  2026-06-15'
	has "show author" "$scratch/show.txt" 'last author:   Frank'
	has "show revisions" "$scratch/show.txt" 'revisions:     4'
	run "$scratch/cl.json" checklist --format json
	has "checklist json" "$scratch/cl.json" '"last_author": "Dave"'
	run "$scratch/cl.csv" checklist --format csv
	has "checklist csv" "$scratch/cl.csv" \
		'"stage","last_changed","last_author","revisions"'
}

# check: what git says of the documents.
test_check() {
	id=$(cd "$repo" && g rev-parse --short=7 HEAD~2)
	run "$scratch/check.txt" check
	has "changed after approval" "$scratch/check.txt" \
		"policies/access.md:8:14: warning: changed on 2026-05-02 (commit $id) after its approval on 2026-03-01; re-approve it [changed-after-approval]"
	lacks "a front-matter change is no change" "$scratch/check.txt" \
		"procedures/backup.md:9:14: warning: changed on"
	has "review due from history" "$scratch/check.txt" \
		'guides/handbook.md:1:1: warning: review was due on 2026-06-01, a cycle after its last commit on 2025-06-01; review the document and set last_reviewed [review-overdue]'
	lacks "clean tree" "$scratch/check.txt" '[git-'
	lacks "no note in a work tree" "$scratch/check.txt" 'git-unavailable'
	printf '\nA change.\n' >>"$repo/procedures/backup.md"
	cp "$repo/guides/handbook.md" "$repo/guides/new.md"
	sed -i 's/GDE-001/GDE-002/' "$repo/guides/new.md"
	cp "$repo/guides/new.md" "$repo/guides/staged.md"
	sed -i 's/GDE-002/GDE-003/' "$repo/guides/staged.md"
	(cd "$repo" && g add guides/staged.md)
	run "$scratch/dirty.txt" check
	has "modified" "$scratch/dirty.txt" \
		"procedures/backup.md:1:1: warning: document 'procedures/backup.md' has uncommitted changes; commit them or restore the committed version [git-modified]"
	has "untracked" "$scratch/dirty.txt" \
		"guides/new.md:1:1: warning: document 'guides/new.md' is not tracked by git; add and commit it so that its changes are on record [git-untracked]"
	has "added, not committed" "$scratch/dirty.txt" \
		"guides/staged.md:1:1: warning: document 'guides/staged.md' is added to the index but never committed; commit it [git-modified]"
	run "$scratch/dirty.json" check --format json
	has "json rule" "$scratch/dirty.json" '"rule": "git-untracked"'
	(cd "$repo" && g checkout -q -- procedures/backup.md &&
		g rm -q --cached guides/staged.md &&
		rm guides/new.md guides/staged.md)
}

# diff across the tag stage1, a branch and a commit id.
test_diff() {
	run "$scratch/diff.txt" diff stage1
	expect "diff status" 0 "$(cat "$scratch/diff.txt.status")"
	has "diff head" "$scratch/diff.txt" "changes from 'stage1' ("
	has "diff gained" "$scratch/diff.txt" 'controls gained coverage (2)'
	has "diff gained A.8.15" "$scratch/diff.txt" \
		'  A.8.15 Logging: none -> full'
	has "diff added" "$scratch/diff.txt" \
		'  PRC-002 Logging procedure (procedures/logging.md)'
	has "diff retitled" "$scratch/diff.txt" \
		'    title: Access control policy -> Access control policy and rules'
	has "diff renamed" "$scratch/diff.txt" \
		'    path: procedures/old-name.md -> procedures/backup.md'
	run "$scratch/diff.json" diff stage1 --format json
	"$py" - "$scratch/diff.json" <<'EOF' >"$scratch/diff.py" 2>&1
import json, sys
d = json.load(open(sys.argv[1]))
assert d["controls"]["gained"] == ["A.8.15", "A.8.16"], d["controls"]
assert d["controls"]["lost"] == [], d["controls"]
assert d["documents"]["added"] == ["PRC-002"], d["documents"]
assert d["documents"]["removed"] == [], d["documents"]
assert d["documents"]["changed"] == ["POL-001", "PRC-001"], d["documents"]
assert set(d["findings"]) == {"new", "closed"}, d["findings"]
assert len(d["from"]["commit"]) == 40
print("ok")
EOF
	has "diff json" "$scratch/diff.py" ok
	run "$scratch/diff.md" diff stage1 --format markdown
	has "diff markdown" "$scratch/diff.md" '## Controls gained coverage (2)'
	run "$scratch/same.txt" diff reviewed
	has "no change" "$scratch/same.txt" \
		'controls: 0 gained, 0 lost; clauses: 0 gained, 0 lost; documents: 0 added, 0 removed, 0 changed; findings: 0 new, 0 closed'
	run "$scratch/first.txt" diff "$(cd "$repo" && g rev-list --max-parents=0 HEAD)"
	has "diff from a commit id" "$scratch/first.txt" 'documents added (1)'
	has "diff status change" "$scratch/first.txt" '    status: draft -> approved'
	has "diff maturity" "$scratch/first.txt" '    maturity: 1 -> 2'
	has "diff closed finding" "$scratch/first.txt" \
		"policies/access.md:6:9: warning: core document 'POL-001' is still a draft; it needs approval before the Stage 1 audit [approval-pending]"
	run "$scratch/bad.txt" diff no-such-tag
	expect "unknown revision" 2 "$(cat "$scratch/bad.txt.status")"
	has "unknown revision says so" "$scratch/bad.txt.err" \
		"'no-such-tag' is no revision"
	run "$scratch/none.txt" diff
	expect "diff needs a revision" 2 "$(cat "$scratch/none.txt.status")"
}

# An ISMS in a folder of a larger repository: paths are the root's own.
test_subfolder() {
	mono=$scratch/mono
	mkdir -p "$mono/compliance/isms/pol"
	cd "$mono" || exit 2
	g init -q
	echo "The rest of the company" >README
	g add -A && commit 2026-01-05 Alice "Start"
	echo "organisation: Acme" >compliance/isms/isms.yaml
	policy approved 2026-03-01 "Access is granted on need." \
		"Access control policy" >compliance/isms/pol/access.md
	g add -A && commit 2026-04-04 Zoe "The ISMS"
	g checkout -q -b edit
	echo "Reviewed quarterly." >>compliance/isms/pol/access.md
	g add -A && commit 2026-05-05 Yan "Quarterly reviews"
	echo "Logged." >>compliance/isms/pol/access.md
	g add -A && commit 2026-05-05 Yan "Logging"
	g checkout -q main
	GIT_AUTHOR_NAME=Xena GIT_AUTHOR_DATE=2026-05-06T10:00:00+00:00 \
		GIT_COMMITTER_DATE=2026-05-06T10:00:00+00:00 \
		g merge -q --no-ff -m "Merge the reviews" edit
	sed 's/POL-001/POL-002/' compliance/isms/pol/access.md \
		>compliance/isms/pol/two.md
	cd "$here" || exit 2
	"$isms" -C "$mono/compliance/isms" map --by document --format csv \
		>"$scratch/mono.csv"
	has "first-parent history in a folder" "$scratch/mono.csv" \
		'"pol/access.md","Access control policy","policy","CISO","approved","2","A.5.15","5.2","2026-05-06","Xena","2"'
	"$isms" -C "$mono/compliance/isms/pol" check >"$scratch/mono.txt"
	has "untracked in a folder" "$scratch/mono.txt" \
		"pol/two.md:1:1: warning: document 'pol/two.md' is not tracked by git"
	"$isms" -C "$mono/compliance/isms" diff HEAD~2 >"$scratch/mono.diff"
	has "diff from before the folder existed" "$scratch/mono.diff" \
		'documents: 2 added, 0 removed, 0 changed'
}

# As a pre-commit hook: what is being committed is not "uncommitted".
test_hook() {
	hooked=$scratch/hooked
	mkdir -p "$hooked"
	(cd "$repo" && tar cf - .) | (cd "$hooked" && tar xf -)
	printf '#!/bin/sh\n"%s" check >"%s" 2>&1\nexit 0\n' "$isms" \
		"$scratch/hook.txt" >"$hooked/.git/hooks/pre-commit"
	chmod +x "$hooked/.git/hooks/pre-commit"
	cd "$hooked" || exit 2
	printf '\nStaged.\n' >>policies/access.md
	printf '\nNot staged.\n' >>procedures/backup.md
	g add policies/access.md
	commit 2026-07-01 Gina "Staged only"
	cd "$here" || exit 2
	lacks "staged change in a hook" "$scratch/hook.txt" \
		"document 'policies/access.md' has uncommitted changes"
	has "unstaged change in a hook" "$scratch/hook.txt" \
		"document 'procedures/backup.md' has uncommitted changes"
	cd "$hooked" || exit 2
	GIT_AUTHOR_DATE=2026-07-02T10:00:00+00:00 \
		GIT_COMMITTER_DATE=2026-07-02T10:00:00+00:00 \
		g commit -q -a --author="Gina <g@example.org>" -m "All"
	cd "$here" || exit 2
	lacks "commit -a in a hook" "$scratch/hook.txt" \
		"has uncommitted changes"
}

# Outside a work tree: nothing new but one note saying so.
test_outside() {
	plain=$scratch/plain
	mkdir -p "$plain"
	(cd "$repo" && tar cf - --exclude=.git .) | (cd "$plain" && tar xf -)
	"$isms" -C "$plain" check >"$scratch/plain.txt" 2>&1
	expect "one note" 1 "$(grep -c 'git-unavailable' "$scratch/plain.txt")"
	lacks "no history check" "$scratch/plain.txt" 'changed-after-approval'
	has "note says why" "$scratch/plain.txt" \
		"note: document control could not be checked: the repository is in no git work tree"
	"$isms" -C "$plain" map --by document --format csv >"$scratch/plain.csv"
	expect "no history columns" \
		'"document","path","title","type","owner","status","maturity","controls","clauses"' \
		"$(head -1 "$scratch/plain.csv" | tr -d '\r')"
	"$isms" -C "$plain" diff stage1 >/dev/null 2>"$scratch/plaind.err"
	expect "diff outside git" 2 $?
	has "diff outside git says so" "$scratch/plaind.err" \
		'is in no git work tree'
}

# A repository with no commit yet: every document is untracked, and
# document control is checked (no git-unavailable note).
test_unborn() {
	fresh=$scratch/fresh
	mkdir -p "$fresh"
	(cd "$repo" && tar cf - --exclude=.git .) | (cd "$fresh" && tar xf -)
	(cd "$fresh" && g init -q) || exit 2
	"$isms" -C "$fresh" check >"$scratch/fresh.txt" 2>&1
	lacks "no commit: checked" "$scratch/fresh.txt" 'git-unavailable'
	has "no commit: untracked" "$scratch/fresh.txt" \
		"document 'policies/access.md' is not tracked by git"
}

# sop <id>: a small procedure with that id.
sop() {
	printf -- '---\nid: %s\ntitle: SOP %s\ntype: procedure\nowner: Ops\nstatus: draft\ncontrols: [A.8.13]\n---\n\nText.\n' \
		"$1" "$1"
}

# What git ignores is never read: ignored files beside tracked ones, in
# an untracked folder and in an ignored folder, under nested .gitignore
# files; but a tracked file is read whatever the rules say, and so are
# the files of a repository inside this one (untracked).
test_ignored() {
	ign=$scratch/ignored
	mkdir -p "$ign"
	(cd "$repo" && tar cf - .) | (cd "$ign" && tar xf -)
	cd "$ign" || exit 2
	mkdir -p drafts build/deep fresh nested procedures/old
	sop PRC-TRK >procedures/kept.tmp.md
	g add procedures/kept.tmp.md
	commit 2026-07-03 Gina "A file the rules match later"
	printf '*.tmp.md\nbuild/\ndrafts/*.md\n' >.gitignore
	printf 'old/\n' >procedures/.gitignore
	sop PRC-D1 >drafts/one.md
	sop PRC-B1 >build/deep/two.md
	sop PRC-F1 >fresh/three.md
	sop PRC-F2 >fresh/four.tmp.md
	sop PRC-O1 >procedures/old/five.md
	(cd nested && g init -q) || exit 2
	sop PRC-N1 >nested/six.md
	cd "$here" || exit 2
	"$isms" -C "$ign" map --by document --format csv >"$scratch/ign.csv" \
		2>&1
	for id in PRC-D1 PRC-B1 PRC-F2 PRC-O1; do
		lacks "ignored $id" "$scratch/ign.csv" "\"$id\""
	done
	for id in PRC-TRK PRC-F1 PRC-N1; do
		has "read $id" "$scratch/ign.csv" "\"$id\""
	done
	"$isms" -C "$ign" check >"$scratch/ign.txt" 2>&1
	lacks "ignored: checked" "$scratch/ign.txt" 'git-unavailable'
	has "untracked beside ignored" "$scratch/ign.txt" \
		"document 'fresh/three.md' is not tracked by git"
	has "untracked in a nested repository" "$scratch/ign.txt" \
		"document 'nested/six.md' is not tracked by git"
	lacks "tracked and matched" "$scratch/ign.txt" \
		"document 'procedures/kept.tmp.md' is not tracked"
	# A damaged index: no status, so one note, but the ignore rules hold.
	printf 'damaged' >"$ign/.git/index"
	"$isms" -C "$ign" map --by document --format csv >"$scratch/dmg.csv" \
		2>&1
	for id in PRC-D1 PRC-B1 PRC-F2 PRC-O1; do
		lacks "damaged index: ignored $id" "$scratch/dmg.csv" "\"$id\""
	done
	has "damaged index: read PRC-F1" "$scratch/dmg.csv" '"PRC-F1"'
	"$isms" -C "$ign" check >"$scratch/dmg.txt" 2>&1
	expect "damaged index: one note" 1 \
		"$(grep -c 'git-unavailable' "$scratch/dmg.txt")"
	has "damaged index: git's reason" "$scratch/dmg.txt" "read index"
}

# A repository of another user: git refuses it and the note says so.
test_owner() {
	if [ "$(id -u)" != 0 ] || ! id nobody >/dev/null 2>&1; then
		echo "git: skipped the other-user case (needs root)"
		return
	fi
	other=$scratch/other
	mkdir -p "$other"
	(cd "$repo" && tar cf - .) | (cd "$other" && tar xf -)
	chown -R nobody "$other"
	"$isms" -C "$other" check >"$scratch/other.txt" 2>&1
	has "another user's repository" "$scratch/other.txt" \
		'belongs to another user'
}

# calendar: the list and the iCalendar file, read back twice.
test_calendar() {
	cat >"$repo/isms.yaml" <<'EOF'
organisation: "Acme, Ltd; Ops"
waivers:
  - rule: review-overdue
    document: GDE-001
    reason: "Handbook rewrite; due with the HR project"
    expires: 2027-01-31
EOF
	cat >"$repo/plan.md" <<'EOF'
---
id: PLN-001
title: Internal audit programme
type: plan
owner: Quality Manager
status: approved
approved_by: CISO
approved_on: 2026-03-01
clauses: [9.2.2]
schedule:
  - {date: 2027-03-15, title: 'Internal audit: access control, backup; logging \ ÄÖÜ – a long title that goes past seventy-five octets'}
  - {date: 2026-09-21, title: "Internal audit 2026"}
---

# Internal audit programme
EOF
	run "$scratch/cal.txt" calendar
	hasre "calendar audit" "$scratch/cal.txt" \
		'^2026-09-21 +audit +Internal audit 2026 +plan.md$'
	hasre "calendar review" "$scratch/cal.txt" \
		'^2027-03-01 +review +Review POL-001 Access control policy and rules +policies/access.md$'
	hasre "calendar overdue" "$scratch/cal.txt" \
		'^2026-06-01 +review +Review GDE-001 Staff handbook \(overdue\) '
	hasre "calendar waiver" "$scratch/cal.txt" \
		'^2027-01-31 +waiver +Waiver of review-overdue for GDE-001 expires +isms.yaml$'
	run "$scratch/a.status" calendar --ics "$scratch/a.ics"
	expect "ics written" 0 "$(cat "$scratch/a.status.status")"
	run "$scratch/b.status" calendar --ics "$scratch/a.ics"
	expect "ics not replaced" 2 "$(cat "$scratch/b.status.status")"
	run "$scratch/b.status" calendar --ics "$scratch/b.ics" --force
	run "$scratch/c.ics" calendar --ics -
	cmp -s "$scratch/a.ics" "$scratch/c.ics" && ok ||
		fail "ics on stdout differs from the file"
	"$py" "$here/ics_check.py" "$scratch/a.ics" "$scratch/b.ics" \
		>"$scratch/ics.txt" 2>&1
	expect "ics check" 0 $?
	has "ics round trip" "$scratch/ics.txt" 'ics: ok'
	cat "$scratch/ics.txt" | grep -v '^ics: ok' | sed 's/^/    /'
}

build_history
test_history
test_check
test_diff
test_subfolder
test_hook
test_outside
test_unborn
test_ignored
test_owner
test_calendar
echo "git: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
