#!/usr/bin/env bats
# Fault injection: every program driven through failing read, write,
# malloc (any, and those of getline alone), close, fclose and fflush calls (tests/faults/failshim.c, built
# into build/failshim.so).  Whatever fails, a program exits 0 with exactly
# its normal output, or exits 1 with a "program: ..." message; never a
# crash, never exit 0 with output that looks complete but is not.
bats_require_minimum_version 1.5.0
load test_helper

H="$FIXTURES/hardening"
SHIM="$WIRE_ROOT/build/failshim.so"

setup() {
	TMP=$(mktemp -d)
}

teardown() {
	rm -rf "$TMP"
}

# The shim interposes malloc and stdio: it cannot sit under ASan (whose
# runtime must come first) or valgrind (which replaces malloc itself).
need_shim() {
	case "$WIRE_BIN" in */build/san/*) skip "fault injection needs the plain build" ;; esac
	[ -z "${WIRE_VALGRIND:-}" ] || skip "fault injection does not run under valgrind"
	[ -f "$SHIM" ] || skip "build/failshim.so not built (make bats builds it)"
}

need_prog() {
	command -v "$1" > /dev/null || skip "$1 not built"
}

# The program's arguments for the shared cases: input operands included,
# so that reading is part of what fails.
args_for() {
	case $1 in
	wire-clean) echo "$H/article-a.txt $H/article-b.txt" ;;
	wire-split-sentences) echo "$H/paragraphs.tsv" ;;
	wire-tag-entities) echo "$H/sentences.tsv" ;;
	wire-extract-quotes) echo "$H/tagged.tsv" ;;
	wire-dedupe) echo "$H/paragraphs.tsv" ;;
	wire-to-csv) echo "$H/tagged.tsv" ;;
	esac
}

# Runs PROG under the shim with WIRE_FAIL=$1; stdout to $TMP/out.
faulty() {
	local spec=$1
	shift
	LD_PRELOAD="$SHIM" WIRE_FAIL="$spec" "$@" > "$TMP/out" 2> "$TMP/err"
}

# sweep FAMILY MAXPOINTS PROG [ARG...]: fails the Nth FAMILY call for N
# spread over every call the program makes (at most MAXPOINTS of them,
# the first, and the last ten, where the input is read) and checks each
# outcome.  Without ARGs, the program's shared case (args_for).
sweep() {
	local family=$1 max=$2 prog=$3 total step n rc points
	shift 3
	# shellcheck disable=SC2046
	[ $# -gt 0 ] || set -- $(args_for "$prog")
	"$prog" "$@" > "$TMP/ref" 2> /dev/null || fail "$prog fails without faults"
	rm -f "$TMP/count" # the shim appends to it
	LD_PRELOAD="$SHIM" WIRE_FAIL_REPORT="$TMP/count" "$prog" "$@" > "$TMP/out" 2> /dev/null ||
		fail "$prog fails under the shim without faults"
	cmp -s "$TMP/ref" "$TMP/out" || fail "$prog: the shim alone changes the output"
	total=$(awk -v f="$family" '$1 == f { print $2 }' "$TMP/count")
	[ -n "$total" ] || fail "$prog: the shim counted no $family calls"
	[ "$total" -gt 0 ] || return 0
	step=$(( (total + max - 1) / max ))
	points=$( { seq 1 "$step" "$total"; seq $(( total > 10 ? total - 9 : 1 )) "$total"; } | sort -nu)
	for n in $points; do
		rc=0
		faulty "$family:$n" "$prog" "$@" || rc=$?
		case $rc in
		0) cmp -s "$TMP/ref" "$TMP/out" ||
			fail "$prog $* with $family:$n of $total: exit 0 but the output is not the full output" ;;
		1) grep -q "^$prog: " "$TMP/err" ||
			fail "$prog $* with $family:$n of $total: exit 1 without a message: $(cat "$TMP/err")" ;;
		*) fail "$prog $* with $family:$n of $total: exit status $rc: $(head -c 300 "$TMP/err")" ;;
		esac
	done
}

@test "the shared fixtures exist" {
	for f in article-a.txt article-b.txt paragraphs.tsv sentences.tsv tagged.tsv; do
		[ -s "$H/$f" ] || fail "missing $H/$f"
	done
}

# ---- the shim itself ---------------------------------------------------

@test "failshim: without WIRE_FAIL a program runs as usual" {
	need_shim
	need_prog wire-to-csv
	run -0 wire-to-csv "$H/tagged.tsv"
	local ref=$output
	run -0 env LD_PRELOAD="$SHIM" wire-to-csv "$H/tagged.tsv"
	assert_equal "$output" "$ref"
}

@test "failshim: WIRE_FAIL_REPORT counts the calls of each family" {
	need_shim
	need_prog wire-to-csv
	LD_PRELOAD="$SHIM" WIRE_FAIL_REPORT="$TMP/count" wire-to-csv "$H/tagged.tsv" > /dev/null
	run -0 awk '$1 == "read" && $2 > 1 { print "ok" }' "$TMP/count"
	assert_output ok
}

# ---- a full disk: /dev/full needs no shim (runs under ASan too) ---------

full_disk() {
	need_prog "$1"
	# shellcheck disable=SC2046
	run -1 --separate-stderr sh -c '"$@" > /dev/full' sh "$1" $(args_for "$1")
	assert_equal "$stderr" "$1: standard output: write error: No space left on device"
}

@test "wire-clean: a full disk is exit 1 with a message" { full_disk wire-clean; }
@test "wire-split-sentences: a full disk is exit 1 with a message" { full_disk wire-split-sentences; }
@test "wire-tag-entities: a full disk is exit 1 with a message" { full_disk wire-tag-entities; }
@test "wire-extract-quotes: a full disk is exit 1 with a message" { full_disk wire-extract-quotes; }
@test "wire-dedupe: a full disk is exit 1 with a message" { full_disk wire-dedupe; }
@test "wire-to-csv: a full disk is exit 1 with a message" { full_disk wire-to-csv; }

# ---- one failing call at every point of a run --------------------------

faults() {
	need_shim
	need_prog "$3"
	sweep "$1" "$2" "$3"
}

@test "wire-clean: a failing read" { faults read 20 wire-clean; }
@test "wire-clean: a failing write" { faults write 20 wire-clean; }
@test "wire-clean: a failing malloc" { faults malloc 40 wire-clean; }
@test "wire-clean: a getline that runs out of memory" { faults linemalloc 40 wire-clean; }
@test "wire-clean: a failing close, fclose or fflush" {
	faults close 10 wire-clean
	faults fclose 10 wire-clean
	faults fflush 10 wire-clean
}

@test "wire-split-sentences: a failing read" { faults read 20 wire-split-sentences; }
@test "wire-split-sentences: a failing write" { faults write 20 wire-split-sentences; }
@test "wire-split-sentences: a failing malloc" { faults malloc 40 wire-split-sentences; }
@test "wire-split-sentences: a getline that runs out of memory" { faults linemalloc 40 wire-split-sentences; }
@test "wire-split-sentences --plain: a failing malloc or read" {
	need_shim
	need_prog wire-split-sentences
	cut -f 8 "$H/paragraphs.tsv" | tail -n +2 > "$TMP/plain.txt"
	sweep malloc 40 wire-split-sentences --plain "$TMP/plain.txt"
	sweep linemalloc 40 wire-split-sentences --plain "$TMP/plain.txt"
	sweep read 20 wire-split-sentences --plain "$TMP/plain.txt"
}

@test "wire-split-sentences: a failing close, fclose or fflush" {
	faults close 10 wire-split-sentences
	faults fclose 10 wire-split-sentences
	faults fflush 10 wire-split-sentences
}

@test "wire-tag-entities: a failing read" { faults read 20 wire-tag-entities; }
@test "wire-tag-entities: a failing write" { faults write 20 wire-tag-entities; }
@test "wire-tag-entities: a failing malloc" { faults malloc 40 wire-tag-entities; }
@test "wire-tag-entities: a getline that runs out of memory" { faults linemalloc 40 wire-tag-entities; }
@test "wire-tag-entities --plain: a failing malloc or read" {
	need_shim
	need_prog wire-tag-entities
	cut -f 8 "$H/paragraphs.tsv" | tail -n +2 | sed 's/$/\n/' > "$TMP/plain.txt"
	sweep malloc 40 wire-tag-entities --plain "$TMP/plain.txt"
	sweep linemalloc 40 wire-tag-entities --plain "$TMP/plain.txt"
	sweep read 20 wire-tag-entities --plain "$TMP/plain.txt"
}

@test "wire-tag-entities: a failing close, fclose or fflush" {
	faults close 10 wire-tag-entities
	faults fclose 10 wire-tag-entities
	faults fflush 10 wire-tag-entities
}

@test "wire-extract-quotes: a failing read" { faults read 20 wire-extract-quotes; }
@test "wire-extract-quotes: a failing write" { faults write 20 wire-extract-quotes; }
@test "wire-extract-quotes: a failing malloc" { faults malloc 40 wire-extract-quotes; }
@test "wire-extract-quotes: a getline that runs out of memory" { faults linemalloc 40 wire-extract-quotes; }
@test "wire-extract-quotes: a failing close, fclose or fflush" {
	faults close 10 wire-extract-quotes
	faults fclose 10 wire-extract-quotes
	faults fflush 10 wire-extract-quotes
}

@test "wire-dedupe: a failing read" { faults read 20 wire-dedupe; }
@test "wire-dedupe: a failing write" { faults write 20 wire-dedupe; }
@test "wire-dedupe: a failing malloc" { faults malloc 40 wire-dedupe; }
@test "wire-dedupe: a getline that runs out of memory" { faults linemalloc 40 wire-dedupe; }
@test "wire-dedupe: a failing close, fclose or fflush" {
	faults close 10 wire-dedupe
	faults fclose 10 wire-dedupe
	faults fflush 10 wire-dedupe
}

@test "wire-to-csv: a failing read" { faults read 20 wire-to-csv; }
@test "wire-to-csv: a failing write" { faults write 20 wire-to-csv; }
@test "wire-to-csv: a failing malloc" { faults malloc 40 wire-to-csv; }
@test "wire-to-csv: a getline that runs out of memory" { faults linemalloc 40 wire-to-csv; }
@test "wire-to-csv: a failing close, fclose or fflush" {
	faults close 10 wire-to-csv
	faults fclose 10 wire-to-csv
	faults fflush 10 wire-to-csv
}

# ---- writes that fail after output has begun ---------------------------

@test "wire-to-csv: a write failing after 64 KB went out is exit 1, never 0" {
	need_shim
	need_prog wire-to-csv
	for i in $(seq 60); do tail -n +2 "$H/tagged.tsv"; done > "$TMP/body"
	{ head -n 1 "$H/tagged.tsv"; cat "$TMP/body"; } > "$TMP/big.tsv"
	run -1 --separate-stderr env LD_PRELOAD="$SHIM" WIRE_FAIL=write:2 wire-to-csv "$TMP/big.tsv"
	assert_equal "$stderr" "wire-to-csv: standard output: write error: No space left on device"
}

@test "wire-split-sentences: every write failing from the second on is exit 1" {
	need_shim
	need_prog wire-split-sentences
	for i in $(seq 60); do tail -n +2 "$H/paragraphs.tsv"; done > "$TMP/body"
	{ head -n 1 "$H/paragraphs.tsv"; cat "$TMP/body"; } > "$TMP/big.tsv"
	run -1 --separate-stderr env LD_PRELOAD="$SHIM" WIRE_FAIL=write:2+ wire-split-sentences "$TMP/big.tsv"
	assert_equal "$stderr" "wire-split-sentences: standard output: write error: No space left on device"
}

# ---- fuzz findings (tests/fixtures/fuzz-regressions, fuzz/README.md) ----

# Replays every kept input of TARGET through its harness, when built
# (make fuzz-build; needs clang): exit 0 means no finding.
replay() {
	local harness="$WIRE_ROOT/build/fuzz/fuzz_$1"
	[ -x "$harness" ] || skip "build/fuzz/fuzz_$1 not built (make fuzz-build)"
	run -0 "$harness" "$FIXTURES/fuzz-regressions/$1"/*
}

@test "fuzz regressions: csv inputs replay without a finding" { replay csv; }

@test "fuzz regression csv/guard-on-nul-start: the stream cannot carry the NUL to wire-to-csv" {
	need_prog wire-to-csv
	{ printf 'text\n'; tail -c +2 "$FIXTURES/fuzz-regressions/csv/guard-on-nul-start"; printf '\n'; } > "$TMP/nul.tsv"
	run -1 --separate-stderr wire-to-csv --formula-guard "$TMP/nul.tsv"
	assert_output ''
	assert_equal "$stderr" "wire-to-csv: $TMP/nul.tsv:2: NUL byte in column 'text'"
}

# ---- a model file that cannot be read ----------------------------------
# Each file of models/ in turn is replaced by a directory, which opens
# but fails on the first read (EISDIR): a program that uses the file must
# stop with a message, not run on with an empty list.  Needs no shim.

unreadable_models() {
	local prog=$1 f name rc
	# A check of error paths, not of memory: the plain pass is enough.
	case "$WIRE_BIN" in */build/san/*) skip "run in the plain pass only" ;; esac
	need_prog "$prog"
	# shellcheck disable=SC2046
	"$prog" $(args_for "$prog") > "$TMP/ref" 2> /dev/null || fail "$prog fails as it is"
	for f in "$WIRE_MODELS"/*; do
		name=${f##*/}
		rm -rf "$TMP/m" && mkdir "$TMP/m"
		ln -s "$WIRE_MODELS"/* "$TMP/m/"
		rm "$TMP/m/$name" && mkdir "$TMP/m/$name"
		rc=0
		# shellcheck disable=SC2046
		WIRE_MODELS="$TMP/m" "$prog" $(args_for "$prog") > "$TMP/out" 2> "$TMP/err" || rc=$?
		case $rc in
		0) cmp -s "$TMP/ref" "$TMP/out" ||
			fail "$prog with models/$name unreadable: exit 0 but the output changed" ;;
		1) grep -q "^$prog: " "$TMP/err" || fail "$prog with models/$name unreadable: exit 1 without a message" ;;
		*) fail "$prog with models/$name unreadable: exit status $rc: $(head -c 300 "$TMP/err")" ;;
		esac
	done
}

@test "wire-clean: an unreadable model file is an error, never ignored" { unreadable_models wire-clean; }
@test "wire-split-sentences: an unreadable model file is an error, never ignored" { unreadable_models wire-split-sentences; }
@test "wire-tag-entities: an unreadable model file is an error, never ignored" { unreadable_models wire-tag-entities; }
@test "wire-extract-quotes: an unreadable model file is an error, never ignored" { unreadable_models wire-extract-quotes; }
@test "wire-dedupe: an unreadable model file is an error, never ignored" { unreadable_models wire-dedupe; }
@test "wire-to-csv: an unreadable model file is an error, never ignored" { unreadable_models wire-to-csv; }
