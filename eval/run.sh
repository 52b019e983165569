#!/bin/sh
# make eval: runs every eval/*.sh in turn.  Each prints its figures and
# skips with a message when ../shared/data is absent; a target not met is
# reported, not fatal.  The run fails only when a program fails to run.
set -u
here=$(cd "$(dirname "$0")" && pwd)
status=0
for e in "$here"/*.sh; do
	[ "$(basename "$e")" = run.sh ] && continue
	echo "== $(basename "$e" .sh)"
	sh "$e" || { echo "eval: $(basename "$e") failed to run" >&2; status=1; }
done
exit $status
