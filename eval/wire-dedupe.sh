#!/bin/sh
# make eval: wire-dedupe against ../shared.
#  1. seeds: which pairs of the five seed articles (after wire-clean) are
#     near-duplicate documents at the default threshold (target: only
#     002 and 003, one Reuters story).
#  2. PolNeAR with planted copies, against exact Jaccard by brute force at
#     J = 0.8 (target: recall >= 0.98, precision >= 0.99), and the same
#     quotations with other marks at sentence level.  See
#     eval/wire-dedupe-score.py.
set -u
root=${WIRE_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
bin=${WIRE_BIN:-$root/bin}
shared=$root/../shared
if [ ! -d "$shared/data" ]; then
	echo "skip: ../shared/data not present"
	exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/wire-dedupe-eval.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [ -d "$shared/seeds" ] && [ -x "$bin/wire-clean" ]; then
	"$bin/wire-clean" -q "$shared"/seeds/*.txt > "$work/seeds.tsv" || exit 1
	docs=$(awk -F'\t' 'NR > 1 && $1 != p { print $1; p = $1 }' "$work/seeds.tsv")
	found=''
	# every unordered pair once: b runs over the docs after a
	rest=$docs
	for a in $docs; do
		rest=${rest#*"$a"}
		for b in $rest; do
			awk -F'\t' -v a="$a" -v b="$b" 'NR == 1 || $1 == a || $1 == b' \
				"$work/seeds.tsv" > "$work/pair.tsv"
			p=$("$bin/wire-dedupe" --by doc --near --pairs "$work/pair.tsv") || exit 1
			p=$(printf '%s\n' "$p" | awk -F'\t' 'NR > 1 { printf "%s-%s (%s) ", substr($1, 1, 3), substr($2, 1, 3), $3 }')
			found="$found$p"
		done
	done
	# met when the only pair found is "002-003 (similarity) "
	if [ "${found%% *}" = 002-003 ] && [ -z "${found#002-003 (*) }" ]; then
		verdict=ok
	else
		verdict="NOT MET"
	fi
	echo "seeds (wire-clean, --by doc --near, default threshold 0.5): pairs found: ${found:-none}-- target only 002-003: $verdict"
else
	echo "seeds: skipped (no ../shared/seeds or no wire-clean)"
fi

python3 "$root/eval/wire-dedupe-score.py" "$bin/wire-dedupe" \
	"$shared/data/polnear" "$work" || exit 1
