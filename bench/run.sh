#!/bin/sh
# make bench: builds the benchmark corpora once (bench/corpus.sh), then
# runs every bench/*.sh; each prints table rows through bench/lib.sh.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
bench_header
for b in "$here"/*.sh; do
	case "$(basename "$b")" in run.sh|lib.sh|corpus.sh) continue ;; esac
	sh "$b" || echo "bench: $(basename "$b") failed" >&2
done
