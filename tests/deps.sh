#!/bin/sh
# Install the Debian packages isms builds with, when any is missing.
# Without root or apt-get, print the command to run and fail.
missing=
for pkg in "$@"; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null |
		grep -q 'install ok installed' || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
cmd="apt-get install -y --no-install-recommends$missing"
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
	echo "deps: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && $cmd -qq >/dev/null || {
		echo "deps: '$cmd' failed" >&2
		exit 1
	}
	exit 0
fi
echo "deps: missing packages:$missing" >&2
if command -v sudo >/dev/null 2>&1; then
	echo "deps: run: sudo apt-get update && sudo $cmd" >&2
else
	echo "deps: run as root: apt-get update && $cmd" >&2
fi
exit 1
