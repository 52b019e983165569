#!/bin/sh
# Evaluation of wire-split-sentences on UD English GUM (train and dev
# CoNLL-U).  Each paragraph's raw text is rebuilt from the `# text =` lines
# of its sentences (`# newpar` / `# newdoc` start a paragraph; sentences
# joined by one space, none after a last token with SpaceAfter=No, which
# GUM never has), split with --plain --offsets, and the sentence ends
# inside paragraphs are scored against the gold ones (paragraph ends are
# free for every splitter and not counted).
# Targets: boundary F1 >= 0.98 on the news documents of train+dev,
# >= 0.95 on all genres of dev.
#
#   WIRE_BIN, WIRE_ROOT as set by make eval; SPLIT_ERRORS=N prints the
#   first N errors of each set (FP: split where gold has none; FN: missed).
set -u
root=${WIRE_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
bin=${WIRE_BIN:-$root/bin}
gum=${SHARED_DATA:-$root/../shared/data}/gum
if [ ! -f "$gum/en_gum-ud-train.conllu" ] || [ ! -f "$gum/en_gum-ud-dev.conllu" ]; then
	echo "skip: ../shared/data not present"
	exit 0
fi
export WIRE_MODELS=${WIRE_MODELS:-$root/models}
train=$gum/en_gum-ud-train.conllu
dev=$gum/en_gum-ud-dev.conllu
echo "GUM sentence boundaries inside paragraphs; targets: news F1 >= 0.98, dev F1 >= 0.95"
python3 "$root/eval/wire-split-sentences-score.py" \
	--errors "${SPLIT_ERRORS:-0}" "$bin/wire-split-sentences" \
	"news (train+dev):news:$train,$dev" \
	"all genres (dev):all:$dev" \
	"all genres (train):all:$train"
# For comparison: the Moses split-sentences.perl-style regex splitter of
# bench/ (written for wire, with wire's abbreviation lists), scored the
# same way on the characters other than white space.
if command -v perl > /dev/null; then
	echo "for comparison, a Moses-style regex splitter (bench/split-sentences-moses.pl):"
	python3 "$root/eval/wire-split-sentences-score.py" --lines \
		"$root/bench/split-sentences-moses.pl" \
		"news (train+dev):news:$train,$dev" \
		"all genres (dev):all:$dev"
fi
