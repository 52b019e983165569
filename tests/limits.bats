#!/usr/bin/env bats
# Limits (fuzz/LIMITS.md): a huge line, a huge header, a document of a
# million paragraphs, deep nesting of quote marks, and a long input go
# through with memory bounded as DESIGN.md says, at sizes that keep the
# suite fast; the full sizes of LIMITS.md are measured by hand.
bats_require_minimum_version 1.5.0
load test_helper

setup() {
	[ -z "${WIRE_VALGRIND:-}" ] || skip "limits are not run under valgrind (too slow)"
	TMP=$(mktemp -d)
}

teardown() {
	[ -z "${TMP:-}" ] || rm -rf "$TMP"
}

need_prog() {
	command -v "$1" > /dev/null || skip "$1 not built"
}

# Peak memory is only meaningful without ASan, whose shadow memory and
# quarantine dwarf the program's own.
plain_build() {
	case "$WIRE_BIN" in */build/san/*) return 1 ;; esac
	return 0
}

# peak_kb FILE: the peak resident set of the run that /usr/bin/time -f %M
# recorded in FILE (its last line).
peak_kb() {
	tail -n 1 "$1"
}

# The size to test: N, or N/5 under ASan, which is several times slower
# and whose pass would otherwise dominate the suite's time.
size() {
	if plain_build; then echo "$1"; else echo $(( $1 / 5 )); fi
}

measure() {
	/usr/bin/time -o "$TMP/mem" -f %M "$@"
}

# ---- a stream with a million columns -----------------------------------

# N columns c0..; with EXTRA a last column of that name holding text.
million_columns() {
	awk -v n="$1" -v extra="$2" 'BEGIN {
		for (i = 0; i < n; i++) printf "%sc%d", i ? "\t" : "", i
		if (extra != "") printf "\t%s", extra
		print ""
		for (i = 0; i < n; i++) printf "%sv", i ? "\t" : ""
		if (extra != "") printf "\tOne sentence. Another one."
		print ""
	}'
}

@test "a 1,000,000-column header passes through wire-to-csv whole" {
	need_prog wire-to-csv
	local n
	n=$(size 1000000)
	million_columns "$n" "" > "$TMP/wide.tsv"
	measure wire-to-csv --lf "$TMP/wide.tsv" > "$TMP/out.csv"
	run -0 awk -F, '{ print NF }' "$TMP/out.csv"
	assert_output "$n"$'\n'"$n"
	if plain_build; then
		[ "$(peak_kb "$TMP/mem")" -lt 400000 ] || fail "peak $(peak_kb "$TMP/mem") KB"
	fi
}

@test "a duplicate name at the end of a 1,000,000-column header is found" {
	need_prog wire-to-csv
	awk -v n="$(size 1000000)" 'BEGIN { for (i = 0; i < n; i++) printf "c%d\t", i; print "c7" }' > "$TMP/dup.tsv"
	run -1 --separate-stderr wire-to-csv "$TMP/dup.tsv"
	assert_equal "$stderr" "wire-to-csv: $TMP/dup.tsv:1: duplicate column 'c7' in header"
}

@test "wire-split-sentences keeps 1,000,000 passing columns in order" {
	need_prog wire-split-sentences
	local n
	n=$(size 1000000)
	million_columns "$n" text > "$TMP/wide.tsv"
	wire-split-sentences "$TMP/wide.tsv" > "$TMP/out.tsv"
	run -0 awk -F '\t' -v n="$n" '{ print NF - n, $1, $n, $(n + 1), $NF }' "$TMP/out.tsv"
	assert_output "2 c0 c$((n - 1)) text sent"$'\n2 v v One sentence. 1\n2 v v Another one. 2'
}

# ---- a 100 MB line -----------------------------------------------------

# One row whose text is N MB of words ending in a period.
long_line() {
	printf 'doc\ttext\na\t'
	yes word | head -c $(( $1 * 1024 * 1024 )) | tr '\n' ' '
	printf 'end.\n'
}

@test "a 100 MB line goes through wire-to-csv whole, in at most 3x its size" {
	need_prog wire-to-csv
	long_line "$(size 100)" > "$TMP/long.tsv"
	measure wire-to-csv --lf -c text "$TMP/long.tsv" > "$TMP/out.csv" 2> "$TMP/err"
	run -0 wc -c < "$TMP/out.csv"
	# header "text\n" + the cell + "\n"
	assert_output "$(( 5 + $(tail -n 1 "$TMP/long.tsv" | cut -f 2 | wc -c) ))"
	grep -q 'longer than 32767 characters' "$TMP/err"
	if plain_build; then
		[ "$(peak_kb "$TMP/mem")" -lt 307200 ] || fail "peak $(peak_kb "$TMP/mem") KB"
	fi
}

@test "a 10 MB line goes through wire-split-sentences, in at most 5x its size" {
	need_prog wire-split-sentences
	long_line 10 > "$TMP/long.tsv"
	measure wire-split-sentences "$TMP/long.tsv" > "$TMP/out.tsv"
	run -0 awk -F '\t' 'NR > 1 { n++ } END { print n }' "$TMP/out.tsv"
	assert_output 1
	if plain_build; then
		[ "$(peak_kb "$TMP/mem")" -lt 51200 ] || fail "peak $(peak_kb "$TMP/mem") KB"
	fi
}

# ---- a document of a million paragraphs --------------------------------

@test "wire-clean writes a document of 1,000,000 paragraphs, every one" {
	need_prog wire-clean
	local n
	n=$(size 1000000)
	awk -v n="$n" 'BEGIN { print "Title\n"; for (i = 0; i < n; i++) printf "Par %d.\n\n", i }' > "$TMP/many.txt"
	measure wire-clean -q -b "$TMP/many.txt" > "$TMP/out.tsv"
	run -0 awk -F '\t' 'NR > 1 { n++; last = $6 } END { print n, last }' "$TMP/out.tsv"
	assert_output "$((n + 1)) $((n + 1))"
	if plain_build; then
		# Bounded by the document (12 MB here), as DESIGN.md allows.
		[ "$(peak_kb "$TMP/mem")" -lt 400000 ] || fail "peak $(peak_kb "$TMP/mem") KB"
	fi
}

@test "wire-split-sentences streams 1,000,000 paragraphs of one document in constant memory" {
	need_prog wire-split-sentences
	local n
	n=$(size 1000000)
	awk -v n="$n" 'BEGIN { print "doc\tpar\ttext"; for (i = 1; i <= n; i++) printf "d\t%d\tPar %d. Next.\n", i, i }' > "$TMP/many.tsv"
	measure wire-split-sentences "$TMP/many.tsv" > "$TMP/out.tsv"
	run -0 tail -n 1 "$TMP/out.tsv"
	assert_output "d	$n	Next.	$((2 * n))"
	if plain_build; then
		[ "$(peak_kb "$TMP/mem")" -lt 20000 ] || fail "peak $(peak_kb "$TMP/mem") KB"
	fi
}

# ---- deep nesting of quote marks ---------------------------------------

# A sentence with N opening marks of each kind, then N closing ones.
nested() {
	awk -v n="$1" 'BEGIN {
		print "doc\tpar\tkind\ttext\tsent\tentities"
		printf "a\t1\tbody\tHe said "
		for (i = 0; i < n; i++) printf "\342\200\234\"\302\253"
		printf "yes"
		for (i = 0; i < n; i++) printf "\302\273\"\342\200\235"
		print ".\t1\t"
	}'
}

@test "wire-split-sentences takes 100,000 nested quote marks" {
	need_prog wire-split-sentences
	nested 100000 | cut -f 1-4 > "$TMP/nest.tsv"
	run -0 wire-split-sentences "$TMP/nest.tsv"
	assert_equal "${#lines[@]}" 2
}

@test "wire-extract-quotes takes 200,000 nested quote marks" {
	need_prog wire-extract-quotes
	nested 200000 > "$TMP/nest.tsv"
	run -0 wire-extract-quotes "$TMP/nest.tsv"
	assert_equal "${#lines[@]}" 2
	assert_line --index 1 --partial "	yes	"
}

# N quotes, each with its own cue and an entity, in one sentence.
quoted_run() {
	awk -v n="$1" 'BEGIN {
		u = "\"We will stay,\" he said of Smith. "
		l = length(u); p = index(u, "Smith") - 1
		print "doc\tpar\tkind\ttext\tsent\tentities"
		printf "a\t1\tbody\t"
		for (i = 0; i < n; i++) printf "%s", u
		printf "\t1\t"
		for (i = 0; i < n; i++) printf "%s%d:%d:PER:1", (i ? " " : ""), i * l + p, i * l + p + 5
		print ""
	}'
}

@test "wire-extract-quotes takes 100,000 attributed quotes in one sentence" {
	need_prog wire-extract-quotes
	quoted_run 100000 > "$TMP/run.tsv"
	wire-extract-quotes "$TMP/run.tsv" > "$TMP/out.tsv"
	run -0 awk -F '\t' 'NR > 1 && $5 == "Smith" { n++ } END { print n }' "$TMP/out.tsv"
	assert_output 99998
}

# ---- a long input: memory does not grow with it ------------------------

# N documents of 3 short paragraphs each.
docs() {
	awk -v n="$1" 'BEGIN {
		print "doc\tpar\tkind\ttext\tsent\tentities"
		for (d = 0; d < n; d++)
			for (p = 1; p <= 3; p++)
				printf "doc%d\t%d\tbody\t\"It is late,\" Mr. Smith said on day %d. The U.S. agreed.\t%d\t\n", d, p, d, p
	}'
}

# same_memory N PROG ARGS: peak memory on N documents is within 8 MB of
# that on N/100.
same_memory() {
	local n=$1
	shift
	docs $(( n / 100 )) > "$TMP/small.tsv"
	docs "$n" > "$TMP/big.tsv"
	measure "$@" "$TMP/small.tsv" > /dev/null
	local small
	small=$(peak_kb "$TMP/mem")
	measure "$@" "$TMP/big.tsv" > /dev/null
	local big
	big=$(peak_kb "$TMP/mem")
	[ "$big" -lt $(( small + 8192 )) ] || fail "peak $small KB on $(( n / 100 )) documents, $big KB on $n"
}

@test "wire-to-csv: memory does not grow with the input" {
	need_prog wire-to-csv
	plain_build || skip "peak memory is not meaningful under ASan"
	same_memory 200000 wire-to-csv
}

@test "wire-split-sentences: memory does not grow with the input" {
	need_prog wire-split-sentences
	plain_build || skip "peak memory is not meaningful under ASan"
	same_memory 200000 wire-split-sentences
}

@test "wire-extract-quotes: memory does not grow with the input" {
	need_prog wire-extract-quotes
	plain_build || skip "peak memory is not meaningful under ASan"
	same_memory 200000 wire-extract-quotes
}

@test "wire-tag-entities: memory does not grow with the input" {
	need_prog wire-tag-entities
	[ -f "$WIRE_MODELS/ner.model" ] || skip "no models/ner.model"
	plain_build || skip "peak memory is not meaningful under ASan"
	same_memory 10000 wire-tag-entities
}

@test "wire-clean --stream: memory does not grow with the input" {
	need_prog wire-clean
	plain_build || skip "peak memory is not meaningful under ASan"
	same_memory 50000 wire-clean --stream -q
}
