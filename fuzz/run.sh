#!/bin/sh
# Runs one libFuzzer target for SECONDS: sh fuzz/run.sh BUILD TARGET SECONDS
# The working corpus grows in BUILD/corpus/TARGET (never in fuzz/corpus,
# which holds only the seeds we wrote); a crash lands in
# BUILD/artifacts/TARGET/ and fails the run.
set -eu
build=$1 target=$2 seconds=$3
bin=$build/fuzz_$target
seeds=fuzz/corpus/$target
work=$build/corpus/$target
art=$build/artifacts/$target
mkdir -p "$work" "$art"
opts=
[ -f "fuzz/$target.options" ] && opts=$(cat "fuzz/$target.options")
dict=
[ -f "fuzz/$target.dict" ] && dict=-dict=fuzz/$target.dict
echo "  FUZZ    $target ${seconds}s"
# -close_fd_mask=2: libwire's error messages would flood the log; libFuzzer
# keeps its own (and the sanitizers') reports on a copy of stderr.
# shellcheck disable=SC2086
"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
	-close_fd_mask=2 -print_final_stats=1 -artifact_prefix="$art/" \
	$dict $opts "$work" "$seeds" 2>"$build/$target.log" || {
	tail -n 60 "$build/$target.log"
	echo "fuzz: $target: finding, input in $art/" >&2
	exit 1
}
grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ +DONE)' \
	"$build/$target.log" | tr '\n' ' '
echo
