#!/bin/sh
# wire-clean throughput (target: 150 MB/s, one core): the 100 MB stream of
# raw articles with --stream, and raw article files given as operands.
set -u
. "${WIRE_ROOT:-.}/bench/lib.sh"
sh "$WIRE_ROOT/bench/corpus.sh" || { echo "skip: wire-clean bench: no corpus"; exit 0; }
bench_run "wire-clean --stream" "$BENCH_DIR/articles.tsv" wire-clean -q --stream

# The same articles as files, one per article (about 20 MB of them), built
# once from the stream.  bench_run counts the bytes of INPUT, so the files'
# concatenation is the input and the command reads the files themselves.
raw="$BENCH_DIR/clean-raw"
if [ ! -f "$raw.cat" ] || [ "$BENCH_DIR/articles.tsv" -nt "$raw.cat" ]; then
	rm -rf "$raw" && mkdir -p "$raw"
	head -c 20000000 "$BENCH_DIR/articles.tsv" | tail -n +2 | python3 -c '
import re, sys
out = sys.argv[1]
un = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}
for i, line in enumerate(sys.stdin):
    doc, text = line.rstrip("\n").split("\t", 1)
    text = re.sub(r"\\(.)", lambda m: un.get(m.group(1), m.group(1)), text)
    with open("%s/%06d.txt" % (out, i), "w", encoding="utf-8") as f:
        f.write(text)
' "$raw"
	cat "$raw"/*.txt > "$raw.cat"
fi
bench_run "wire-clean FILE..." "$raw.cat" sh -c 'exec wire-clean -q "$0"/*.txt' "$raw"
