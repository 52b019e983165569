# Helpers for bench/*.sh.  bench_run NAME INPUT CMD... runs CMD with INPUT
# on stdin and output to /dev/null, BENCH_RUNS times (default 3), and
# prints one table row: input MB, the fastest run's seconds and MB/s, and
# the highest peak resident memory (GNU time's %M).  The fastest run, as
# timeit and hyperfine's minimum: the virtual machines we measure on slow
# down for seconds at a time, and a slower run measures them, not us.
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
	best= kbmax=0 run=0
	while [ "$run" -lt "${BENCH_RUNS:-3}" ]; do
		run=$((run + 1))
		start=$(date +%s.%N)
		/usr/bin/time -f %M -o "$tfile" "$@" < "$input" > /dev/null || {
			echo "bench: $name: command failed" >&2; rm -f "$tfile"; return 1; }
		end=$(date +%s.%N)
		kb=$(tail -n 1 "$tfile")
		[ "$kb" -gt "$kbmax" ] && kbmax=$kb
		best=$(awk -v s="$start" -v e="$end" -v b="$best" 'BEGIN {
			t = e - s; if (b != "" && b < t) t = b; printf "%.6f", t }')
	done
	rm -f "$tfile"
	awk -v n="$name" -v b="$bytes" -v t="$best" -v kb="$kbmax" 'BEGIN {
		if (t <= 0) t = 0.000001
		printf "%-34s %9.1f %8.2f %9.1f %10.1f\n", n, b/1e6, t, b/1e6/t, kb/1024 }'
}
