#!/bin/sh
# make demo: news-to-csv over the sample articles bundled in samples/,
# then where the CSV files are and a short summary (top speakers, most
# named people, organisations and places, duplicates found).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
if [ -n "${WIRE_BIN:-}" ]; then
	PATH=$WIRE_BIN:$PATH
	export PATH
fi
out=${DEMO_OUT:-$root/build/demo}
echo "news-to-csv $root/samples -> $out"
echo
"$root/pipelines/news-to-csv" --summary "$root/samples" "$out"
echo
echo "Open the CSV files in a spreadsheet; quotes.csv is the one most people want."
