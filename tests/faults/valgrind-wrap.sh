#!/bin/sh
# Writes, into DIR, one wrapper per program that runs it under valgrind:
#   sh tests/faults/valgrind-wrap.sh DIR PROGRAM...
# tests/test_helper.bash puts DIR first on PATH when WIRE_VALGRIND=DIR
# (make check VALGRIND=1).  A wrapped program exits 99 on any memory
# error or definite/indirect leak, and then prints valgrind's report on
# standard error; otherwise its output and status are the program's own.
set -eu
dir=$(mkdir -p "$1" && cd "$1" && pwd) # absolute: tests run from anywhere
shift
supp=$(cd "$(dirname "$0")" && pwd)/valgrind.supp
mkdir -p "$dir/logs"
for prog in "$@"; do
	real=$(cd "$(dirname "$prog")" && pwd)/$(basename "$prog")
	w="$dir/$(basename "$prog")"
	cat > "$w" <<WRAP
#!/bin/sh
# The bare name, found first on PATH, keeps argv[0] (and so the
# program's messages) as without valgrind.
PATH="$(dirname "$real"):\$PATH"
log=\$(mktemp "$dir/logs/$(basename "$prog").XXXXXX")
valgrind -q --error-exitcode=99 --leak-check=full --suppressions="$supp" \\
	--show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \\
	--log-file="\$log" "$(basename "$prog")" "\$@"
status=\$?
if [ -s "\$log" ]; then
	cat "\$log" >&2
	[ "\$status" -ne 0 ] || status=99
else
	rm -f "\$log"
fi
exit "\$status"
WRAP
	chmod +x "$w"
done
