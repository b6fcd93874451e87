#!/bin/sh
# Copy folder SRC into DST as a git repository with one commit at a fixed
# date, as a fresh clone of the project holds the examples: so that a
# fixture sees what a user of the example sees.  With --history, a second
# commit moves the first Markdown file and edits it, and the last one is
# changed but not committed, so that the status, the history walk and
# its rename detection all have work.
#
# usage: tests/cli/git-copy.sh [--history] SRC DST
set -e
history=
if [ "$1" = --history ]; then
	history=1
	shift
fi
mkdir -p "$2"
cp -R "$1/." "$2/"
cd "$2"
export GIT_AUTHOR_DATE='2026-11-01T09:00:00Z' GIT_COMMITTER_DATE='2026-11-01T09:00:00Z'
g() {
	git -c init.defaultBranch=main -c user.name='Example Author' \
		-c user.email=author@example.invalid -c commit.gpgsign=false \
		-c core.autocrlf=false "$@"
}
g init -q
g add -A
g commit -q -m 'The example ISMS'
[ -n "$history" ] || exit 0
md=$(git ls-files '*.md' | head -n 1)
g mv "$md" "${md%.md}-moved.md"
echo >>"${md%.md}-moved.md"
g commit -q -a -m 'Move and edit a document'
echo >>"$(git ls-files '*.md' | tail -n 1)"
