#!/bin/sh
# Debian packages wire needs, checked and (as root) installed.
#
#   deps.sh check    build dependencies; install them if root, else name them
#   deps.sh ensure   build + test dependencies, the same way
#   deps.sh install  everything, including the optional test tools
#                    (LibreOffice Calc for the spreadsheet round trip, mandoc)
set -u

BUILD="gcc make gnulib autoconf automake pkg-config libpcre2-dev libcsv-dev"
TEST="bats bats-assert bats-support parallel python3 time rsync"
OPTIONAL="clang libreoffice-calc-nogui mandoc valgrind"

missing() {
	out=
	for p in "$@"; do
		s=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
		case "$s" in *"ok installed") ;; *) out="$out $p" ;; esac
	done
	echo "$out"
}

install_or_name() {
	need=$(missing "$@")
	[ -z "$need" ] && return 0
	if [ "$(id -u)" = 0 ]; then
		echo "deps: installing$need" >&2
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq --no-install-recommends $need; } >&2 \
			|| { echo "deps: apt-get failed for$need" >&2; exit 1; }
	else
		echo "deps: missing Debian packages:$need" >&2
		echo "deps: install them with: sudo apt-get install$need" >&2
		echo "deps: (or run 'sudo make deps')" >&2
		exit 1
	fi
}

if ! command -v dpkg-query >/dev/null 2>&1; then
	# Not Debian: trust the user; the build names what it cannot find.
	exit 0
fi

case "${1:-check}" in
check)   install_or_name $BUILD ;;
ensure)  install_or_name $BUILD $TEST ;;
install) install_or_name $BUILD $TEST $OPTIONAL ;;
*) echo "usage: deps.sh check|ensure|install" >&2; exit 2 ;;
esac
