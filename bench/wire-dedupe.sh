#!/bin/sh
# bench: wire-dedupe throughput on the articles corpus (doc,text, one
# article per row, ~100 MB), exact and near (128 permutations, --by doc),
# then a million synthetic documents: time, peak memory and index bytes
# per indexed document (--stats).  The synthetic corpus is generated once
# into $BENCH_DIR/dedupe-1m.tsv: 80 words per document drawn from a
# Zipf-like vocabulary of 50,000 words, every tenth document a copy of an
# earlier one with three words changed.
set -u
WIRE_ROOT=${WIRE_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
. "$WIRE_ROOT/bench/lib.sh"

if ! sh "$WIRE_ROOT/bench/corpus.sh"; then
	echo "wire-dedupe: skipped (no corpus)"
	exit 0
fi
A=$BENCH_DIR/articles.tsv
dd=$(command -v wire-dedupe) || { echo "bench: wire-dedupe not built" >&2; exit 1; }

# run NAME INPUT ARGS...: bench_run's row, with the CPU time (user + sys)
# and the MB/s it gives appended: on a shared machine the wall clock
# also counts the time other processes had the core.
run() {
	name=$1 input=$2
	shift 2
	t=$(mktemp)
	bytes=$(wc -c < "$input")
	start=$(date +%s.%N)
	/usr/bin/time -f '%U %S %M' -o "$t" "$dd" "$@" < "$input" > /dev/null 2> "$t.err" || {
		echo "bench: $name: command failed" >&2; cat "$t.err" >&2; rm -f "$t" "$t.err"; return 1; }
	end=$(date +%s.%N)
	awk -v n="$name" -v b="$bytes" -v s="$start" -v e="$end" '{
		t = e - s; if (t <= 0) t = 0.000001; c = $1 + $2; if (c <= 0) c = 0.000001
		printf "%-34s %9.1f %8.2f %9.1f %10.1f   cpu %.2f s = %.1f MB/s\n", n, b/1e6, t, b/1e6/t, $3/1024, c, b/1e6/c }' "$t"
	sed 's/^/    /' "$t.err"
	rm -f "$t" "$t.err"
}


run "wire-dedupe exact rows" "$A"
run "wire-dedupe exact --by doc" "$A" --by doc
run "wire-dedupe --near --by doc (J .5)" "$A" --near --by doc
run "wire-dedupe --near -t .8 --by doc" "$A" -t 0.8 --by doc
run "wire-dedupe --near --keep longest" "$A" --near --by doc --keep longest
run "wire-dedupe --signatures (J .8)" "$A" -t 0.8 --by doc --signatures

M=$BENCH_DIR/dedupe-1m.tsv
if [ ! -s "$M" ]; then
	python3 - "$M.tmp" <<'EOF' || exit 1
import random, sys
rnd = random.Random(1)
V = 50000
vocab = ["w%x" % rnd.getrandbits(24) for _ in range(V)]
weights = [1.0 / (r + 1) for r in range(V)]
out = open(sys.argv[1], "w")
out.write("doc\ttext\n")
docs = []
N = 1000000
batch = rnd.choices(vocab, weights, k=80 * N)
for i in range(N):
    if i % 10 == 9:
        w = list(docs[rnd.randrange(len(docs))])
        for _ in range(3):
            w[rnd.randrange(80)] = rnd.choice(vocab)
    else:
        w = batch[80 * i:80 * i + 80]
        if len(docs) < 100000:
            docs.append(w)
        else:
            docs[rnd.randrange(100000)] = w
    out.write("d%07d\t%s\n" % (i, " ".join(w)))
out.close()
EOF
	mv "$M.tmp" "$M"
fi
for t in 0.5 0.8; do
	run "wire-dedupe 1M docs --near -t $t" "$M" --by doc -t "$t" --stats
done
run "wire-dedupe 1M docs exact" "$M" --by doc --stats
