# Helpers for bench/*.sh.  bench_run NAME INPUT CMD... runs CMD with INPUT
# on stdin and output to /dev/null, and prints one table row: input MB,
# seconds, MB/s and peak resident memory (GNU time's %M).
BENCH_DIR=${BENCH_DIR:-${WIRE_ROOT:-.}/build/bench}
SHARED_DATA=${SHARED_DATA:-${WIRE_ROOT:-.}/../shared/data}
export PATH="${WIRE_BIN:-${WIRE_ROOT:-.}/bin}:$PATH"

bench_header() {
	printf '%-34s %9s %8s %9s %10s\n' benchmark "input MB" seconds "MB/s" "peak MB"
}

bench_run() {
	name=$1 input=$2
	shift 2
	bytes=$(wc -c < "$input")
	tfile=$(mktemp)
	start=$(date +%s.%N)
	/usr/bin/time -f %M -o "$tfile" "$@" < "$input" > /dev/null || {
		echo "bench: $name: command failed" >&2; rm -f "$tfile"; return 1; }
	end=$(date +%s.%N)
	kb=$(tail -n 1 "$tfile")
	rm -f "$tfile"
	awk -v n="$name" -v b="$bytes" -v s="$start" -v e="$end" -v kb="$kb" 'BEGIN {
		t = e - s; if (t <= 0) t = 0.000001
		printf "%-34s %9.1f %8.2f %9.1f %10.1f\n", n, b/1e6, t, b/1e6/t, kb/1024 }'
}
