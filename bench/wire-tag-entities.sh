#!/bin/sh
# Throughput of wire-tag-entities (make bench).
#
#  - MB/s and peak memory on bench/corpus.sh's articles.tsv (raw news
#    articles, one per row, all of PER/ORG/LOC/MISC, the rules and the
#    linking).  Note that the corpus holds one 10 MB row (reuters-00000-0,
#    a whole text as one "article"), which alone sets the peak: memory
#    grows with the largest document.
#  - The same without that row (every other row is under 1 MB).
#  - Tokens per second of CPU time on the first 20 MB of articles without
#    the rules (the statistical tagger and the linker), the model's load
#    time apart; tokens counted the way the tagger cuts them
#    (approximated by a regular expression).  Target 500,000 tokens/s.
set -u
: "${WIRE_ROOT:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$WIRE_ROOT/bench/lib.sh"
sh "$WIRE_ROOT/bench/corpus.sh" || exit 0
in=$BENCH_DIR/articles.tsv
small=$BENCH_DIR/articles-under-1mb.tsv
slice=$BENCH_DIR/articles-20mb.tsv
prog=wire-tag-entities

if [ ! -s "$small" ] || [ "$in" -nt "$small" ]; then
	awk 'length($0) < 1000000' "$in" > "$small"
	head -c 20000000 "$small" | sed '$d' > "$slice"
fi

bench_run "tag-entities articles" "$in" $prog
bench_run "tag-entities articles, rows < 1 MB" "$small" $prog

# CPU seconds (user + system) of a command, input on stdin
cpu() {
	f=$(mktemp)
	/usr/bin/time -f '%U %S' -o "$f" "$@" > /dev/null || { rm -f "$f"; return 1; }
	awk '{ printf "%.3f", $1 + $2 }' "$f"
	rm -f "$f"
}

ntok=$(python3 - "$slice" <<'PYEOF'
import re, sys
tok = re.compile(r"\w+(?:[-.,:/&'\u2019]\w+)*\.?|--+|\.\.+|[^\w\s]")
n = 0
with open(sys.argv[1], encoding='utf-8') as f:
	f.readline()
	for line in f:
		text = line.rstrip('\n').split('\t')[-1].replace('\\n', '\n').replace('\\t', '\t')
		n += len(tok.findall(text))
print(n)
PYEOF
)
load=$(printf 'text\n' | cpu $prog) || exit 1
all=$(cpu $prog --no-rules < "$slice") || exit 1
awk -v n="$ntok" -v l="$load" -v a="$all" 'BEGIN {
	t = a - l; if (t <= 0) t = 0.001
	printf "tag-entities: model load %.3f s CPU; %d tokens in %.2f s CPU (--no-rules, load excluded): %.0f tokens/s (target 500000)\n", l, n, t, n / t }'
# The default run, with the DATE/TIME/MONEY rules, is what users get.
all=$(cpu $prog < "$slice") || exit 1
awk -v n="$ntok" -v l="$load" -v a="$all" 'BEGIN {
	t = a - l; if (t <= 0) t = 0.001
	printf "tag-entities: %d tokens in %.2f s CPU (default, with rules, load excluded): %.0f tokens/s (target 500000)\n", n, t, n / t }'
