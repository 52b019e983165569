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

# run JSONL NAME: the pipeline on one PolNeAR file, then its figures.
run() {
	$py build "$1" > "$tmp/$2-pars.tsv" || exit 1
	"$bin/wire-split-sentences" "$tmp/$2-pars.tsv" > "$tmp/$2-sents.tsv" || exit 1
	if [ -x "$bin/wire-tag-entities" ]; then
		"$bin/wire-tag-entities" "$tmp/$2-sents.tsv" > "$tmp/$2-ents.tsv" || exit 1
	else
		echo "note: wire-tag-entities not built; speakers without entities"
		awk 'BEGIN { FS = OFS = "\t" } { print $0, (NR == 1 ? "entities" : "") }' \
			"$tmp/$2-sents.tsv" > "$tmp/$2-ents.tsv"
	fi
	"$bin/wire-extract-quotes" "$tmp/$2-ents.tsv" > "$tmp/$2-quotes.tsv" || exit 1
	if [ -n "${QUOTE_EVAL_KEEP:-}" ]; then
		cp "$tmp/$2-ents.tsv" "$QUOTE_EVAL_KEEP/ents.tsv"
		cp "$tmp/$2-quotes.tsv" "$QUOTE_EVAL_KEEP/quotes.tsv"
	fi
	$py score "$1" "$tmp/$2-quotes.tsv" || exit 1
}

run "$data" dev
# The rules were written looking at dev; train is the held-out check.
train=$(dirname "$data")/polnear_train.jsonl
if [ -f "$train" ] && [ -z "${QUOTE_EVAL_KEEP:-}" ]; then
	echo "-- held out (the rules were tuned on dev):"
	run "$train" train | grep -v '^  '
fi
