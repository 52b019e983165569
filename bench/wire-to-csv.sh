#!/bin/sh
# wire-to-csv throughput on a 100 MB stream (target: 300 MB/s, one core).
set -u
. "${WIRE_ROOT:-.}/bench/lib.sh"
sh "$WIRE_ROOT/bench/corpus.sh" || { echo "skip: wire-to-csv bench: no corpus"; exit 0; }
bench_run "wire-to-csv" "$BENCH_DIR/articles.tsv" wire-to-csv
bench_run "wire-to-csv --excel" "$BENCH_DIR/articles.tsv" wire-to-csv --excel
