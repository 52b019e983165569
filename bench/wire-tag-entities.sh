#!/bin/sh
# Throughput of wire-tag-entities (make bench): raw news articles, one
# per row (bench/corpus.sh's articles.tsv), PER/ORG/LOC/MISC and the
# rules; the model's load time on its own; tokens per second of CPU time
# (tokens counted as the tagger cuts them, approximated by a regular
# expression), load excluded.  Target: 500,000 tokens/s, peak < 200 MB.
set -u
: "${WIRE_ROOT:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$WIRE_ROOT/bench/lib.sh"
sh "$WIRE_ROOT/bench/corpus.sh" || exit 0
in=$BENCH_DIR/articles.tsv
prog=wire-tag-entities

bench_run "tag-entities articles" "$in" $prog
bench_run "tag-entities articles --no-rules" "$in" $prog --no-rules

# CPU seconds of a command (user + system), its input on stdin
cpu() {
	f=$(mktemp)
	/usr/bin/time -f '%U %S' -o "$f" "$@" > /dev/null || { rm -f "$f"; return 1; }
	awk '{ printf "%.3f", $1 + $2 }' "$f"
	rm -f "$f"
}

tokens=$BENCH_DIR/articles.tokens
if [ ! -s "$tokens" ] || [ "$in" -nt "$tokens" ]; then
	python3 - "$in" > "$tokens" <<'EOF'
import re, sys
tok = re.compile(r"\w+(?:[-.,:/&'\u2019]\w+)*\.?|--+|\.\.+|[^\w\s]")
n = 0
with open(sys.argv[1], encoding='utf-8') as f:
	f.readline()
	for line in f:
		text = line.rstrip('\n').split('\t')[-1].replace('\\n', '\n').replace('\\t', '\t')
		n += len(tok.findall(text))
print(n)
EOF
fi
ntok=$(cat "$tokens")
load=$(printf 'text\n' | cpu $prog) || exit 1
all=$(cpu $prog --no-rules < "$in") || exit 1
awk -v n="$ntok" -v l="$load" -v a="$all" 'BEGIN {
	t = a - l; if (t <= 0) t = 0.001
	printf "tag-entities: model load %.3f s CPU; %d tokens in %.2f s CPU (--no-rules, load excluded): %.0f tokens/s (target 500000)\n", l, n, t, n / t }'
