#!/bin/sh
# Quotation extraction on PolNeAR dev (../shared/data/polnear): each
# article's lines become paragraphs, then wire-split-sentences,
# wire-tag-entities and wire-extract-quotes; eval/wire-extract-quotes.py
# maps the rows back to offsets and scores them (see its header).
set -u
root=${WIRE_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
bin=${WIRE_BIN:-$root/bin}
data=${SHARED_DATA:-$root/../shared/data}/polnear/polnear_dev.jsonl
if [ ! -f "$data" ]; then
	echo "skip: ../shared/data not present"
	exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
py="python3 $root/eval/wire-extract-quotes.py"

$py build "$data" > "$tmp/pars.tsv" || exit 1
"$bin/wire-split-sentences" "$tmp/pars.tsv" > "$tmp/sents.tsv" || exit 1
if [ -x "$bin/wire-tag-entities" ]; then
	"$bin/wire-tag-entities" "$tmp/sents.tsv" > "$tmp/ents.tsv" || exit 1
else
	echo "note: wire-tag-entities not built; speakers without entities"
	awk 'BEGIN { FS = OFS = "\t" } { print $0, (NR == 1 ? "entities" : "") }' \
		"$tmp/sents.tsv" > "$tmp/ents.tsv"
fi
"$bin/wire-extract-quotes" "$tmp/ents.tsv" > "$tmp/quotes.tsv" || exit 1
if [ -n "${QUOTE_EVAL_KEEP:-}" ]; then cp "$tmp"/*.tsv "$QUOTE_EVAL_KEEP"/; fi
$py score "$data" "$tmp/quotes.tsv" || exit 1
