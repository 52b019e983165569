#!/bin/sh
# Throughput of wire-extract-quotes (target >= 50 MB/s of sentence
# stream): the articles of $BENCH_DIR/articles.tsv through wire-clean
# --stream, wire-split-sentences and wire-tag-entities, built once and
# kept as $BENCH_DIR/quotes-input.tsv, then timed alone.
set -u
root=${WIRE_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
. "$root/bench/lib.sh"
sh "$root/bench/corpus.sh" || exit 1
export WIRE_MODELS=${WIRE_MODELS:-$root/models}

in=$BENCH_DIR/quotes-input.tsv
if [ ! -s "$in" ]; then
	if command -v wire-tag-entities > /dev/null; then
		wire-clean --stream "$BENCH_DIR/articles.tsv" 2>/dev/null | wire-split-sentences |
			wire-tag-entities > "$in.tmp" || exit 1
	else
		# Without the tagger: the same stream with an empty entities column.
		wire-clean --stream "$BENCH_DIR/articles.tsv" 2>/dev/null | wire-split-sentences |
			awk 'BEGIN { FS = OFS = "\t" } { print $0, (NR == 1 ? "entities" : "") }' \
			> "$in.tmp" || exit 1
		echo "bench: wire-tag-entities not built; entities column empty" >&2
	fi
	mv "$in.tmp" "$in"
fi
bench_run "extract-quotes" "$in" wire-extract-quotes
bench_run "extract-quotes --types direct" "$in" wire-extract-quotes -t direct
