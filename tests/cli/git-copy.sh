#!/bin/sh
# Copy folder $1 into $2 as a git repository with one commit at a fixed
# date, as a fresh clone of the project holds the examples: so that a
# fixture sees what a user of the example sees.
set -e
mkdir -p "$2"
cp -R "$1/." "$2/"
cd "$2"
export GIT_AUTHOR_DATE='2026-11-01T09:00:00Z' GIT_COMMITTER_DATE='2026-11-01T09:00:00Z'
git -c init.defaultBranch=main init -q
git add -A
git -c user.name='Example Author' -c user.email=author@example.invalid \
	commit -q -m 'The example ISMS'
