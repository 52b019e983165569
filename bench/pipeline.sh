#!/bin/sh
# The whole pipeline: pipelines/news-to-csv over the articles of
# $BENCH_DIR/articles.tsv (a doc,text stream, one raw article per row),
# on one core and then on all cores (--jobs = nproc).  MB/s is raw
# article bytes per second, from stream in to every CSV sheet written;
# peak MB is the largest single process.  PIPELINE_MB (default: all)
# cuts the corpus for a quicker run.
set -u
root=${WIRE_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
. "$root/bench/lib.sh"
sh "$root/bench/corpus.sh" || exit 1
export WIRE_MODELS=${WIRE_MODELS:-$root/models}

for p in wire-clean wire-split-sentences wire-tag-entities wire-extract-quotes wire-dedupe wire-to-csv; do
	command -v "$p" > /dev/null || { echo "bench: pipeline: $p not built" >&2; exit 1; }
done
in=$BENCH_DIR/articles.tsv
if [ -n "${PIPELINE_MB:-}" ]; then
	in=$BENCH_DIR/pipeline-$PIPELINE_MB.tsv
	[ -s "$in" ] || awk -v max="$((PIPELINE_MB * 1000000))" \
		'{ n += length($0) + 1 } NR > 1 && n > max { exit } { print }' \
		"$BENCH_DIR/articles.tsv" > "$in"
fi
out=$BENCH_DIR/pipeline-out
log=$BENCH_DIR/pipeline.log
n=$(nproc 2> /dev/null || echo 1)
: > "$log"
n2c=$root/pipelines/news-to-csv
# A run takes a minute: one each.
BENCH_RUNS=1
# The programs' warnings (pages without article text...) go to the log.
bench_run "news-to-csv, 1 core" "$in" \
	sh -c 'exec "$0" --no-progress - "$1" 2>> "$2"' "$n2c" "$out" "$log"
bench_run "news-to-csv --jobs $n ($n cores)" "$in" \
	sh -c 'exec "$0" --no-progress --jobs "$3" - "$1" 2>> "$2"' "$n2c" "$out" "$log" "$n"
rm -rf "$out"
