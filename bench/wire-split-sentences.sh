#!/bin/sh
# Throughput of wire-split-sentences: --plain on $BENCH_DIR/plain.txt
# (target >= 200 MB/s, peak < 10 MB), the stream mode on the paragraphs
# of the same text, and for comparison a Moses split-sentences.perl-style
# regex splitter (bench/split-sentences-moses.pl, written for wire) on the
# same input, measured the same way.
set -u
root=${WIRE_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
. "$root/bench/lib.sh"
sh "$root/bench/corpus.sh" || exit 1
export WIRE_MODELS=${WIRE_MODELS:-$root/models}

bench_run "split-sentences --plain" "$BENCH_DIR/plain.txt" \
	wire-split-sentences --plain
# The same run measured in CPU time (user + system), which a loaded
# machine does not inflate the way it does wall-clock time.
bench_cpu() {
	name=$1 input=$2
	shift 2
	bytes=$(wc -c < "$input")
	tfile=$(mktemp)
	/usr/bin/time -f '%U %S %M' -o "$tfile" "$@" < "$input" > /dev/null || {
		echo "bench: $name: command failed" >&2; rm -f "$tfile"; return 1; }
	tail -n 1 "$tfile" | awk -v n="$name" -v b="$bytes" '{
		t = $1 + $2; if (t <= 0) t = 0.000001
		printf "%-34s %9.1f %8.2f %9.1f %10.1f\n", n, b/1e6, t, b/1e6/t, $3/1024 }'
	rm -f "$tfile"
}
bench_cpu "split-sentences --plain (CPU s)" "$BENCH_DIR/plain.txt" \
	wire-split-sentences --plain
bench_run "split-sentences --plain --offsets" "$BENCH_DIR/plain.txt" \
	wire-split-sentences --plain --offsets

# The stream: one row per paragraph of plain.txt (doc, par, text).
par=$BENCH_DIR/split-paragraphs.tsv
if [ ! -s "$par" ]; then
	awk 'BEGIN { print "doc\tpar\ttext"; n = 0 }
	     /^[ \t\r]*$/ { if (t != "") { print "d" int(n / 20) "\t" n % 20 + 1 "\t" t; n++ }; t = ""; next }
	     { gsub(/\\/, "\\\\"); gsub(/\t/, "\\t"); t = (t == "" ? $0 : t " " $0) }
	     END { if (t != "") print "d" int(n / 20) "\t" n % 20 + 1 "\t" t }' \
		"$BENCH_DIR/plain.txt" > "$par"
fi
bench_run "split-sentences (stream)" "$par" wire-split-sentences

# The regex splitter is slow: time it on the first 10 MB and compare MB/s.
head -c 10000000 "$BENCH_DIR/plain.txt" > "$BENCH_DIR/plain-10mb.txt"
bench_run "moses-style perl regex (10 MB)" "$BENCH_DIR/plain-10mb.txt" \
	perl "$root/bench/split-sentences-moses.pl"
bench_cpu "moses-style perl (10 MB, CPU s)" "$BENCH_DIR/plain-10mb.txt" \
	perl "$root/bench/split-sentences-moses.pl"
