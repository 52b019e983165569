#!/usr/bin/env bats
# The stream format's bad inputs, read through a real program
# (wire-to-csv reads every field): each has one exact outcome.
bats_require_minimum_version 1.5.0
load test_helper

setup() {
	TMP=$(mktemp -d)
}

teardown() {
	rm -rf "$TMP"
}

@test "an empty input is an error: there is no header" {
	: > "$TMP/empty.tsv"
	run -1 --separate-stderr wire-to-csv "$TMP/empty.tsv"
	assert_equal "$stderr" "wire-to-csv: $TMP/empty.tsv: empty input: no header line"
	assert_output ''
}

@test "empty standard input is named stdin in the message" {
	run -1 --separate-stderr wire-to-csv < /dev/null
	assert_equal "$stderr" "wire-to-csv: stdin: empty input: no header line"
}

@test "a header-less input is read as if its first row were the header" {
	printf 'a1\tSome text.\n' > "$TMP/nohead.tsv"
	run -1 --separate-stderr wire-to-csv -c text "$TMP/nohead.tsv"
	assert_equal "$stderr" "wire-to-csv: $TMP/nohead.tsv:1: no column 'text' in header"
}

@test "a header with no rows gives the header only" {
	printf 'doc\ttext\n' > "$TMP/h.tsv"
	run -0 wire-to-csv --lf "$TMP/h.tsv"
	assert_output 'doc,text'
}

@test "a row with too many fields is an error with file and line" {
	printf 'doc\ttext\na\tb\nc\td\te\n' > "$TMP/bad.tsv"
	run -1 --separate-stderr wire-to-csv "$TMP/bad.tsv"
	assert_equal "$stderr" "wire-to-csv: $TMP/bad.tsv:3: expected 2 fields, found 3"
}

@test "a row with too few fields is an error with file and line" {
	printf 'doc\ttext\tpar\na\tb\n' > "$TMP/bad.tsv"
	run -1 --separate-stderr wire-to-csv "$TMP/bad.tsv"
	assert_equal "$stderr" "wire-to-csv: $TMP/bad.tsv:2: expected 3 fields, found 2"
}

@test "an empty line is a row with too few fields" {
	printf 'doc\ttext\na\tb\n\n' > "$TMP/bad.tsv"
	run -1 --separate-stderr wire-to-csv "$TMP/bad.tsv"
	assert_equal "$stderr" "wire-to-csv: $TMP/bad.tsv:3: expected 2 fields, found 1"
}

@test "a bad escape is an error naming the column" {
	printf 'doc\ttext\na\tsay \\"hi\\"\n' > "$TMP/bad.tsv"
	run -1 --separate-stderr wire-to-csv "$TMP/bad.tsv"
	assert_equal "$stderr" "wire-to-csv: $TMP/bad.tsv:2: bad escape '\\\"' in column 'text' (only \\t \\n \\r \\\\ are defined)"
}

@test "a backslash at the end of a field is a bad escape" {
	printf 'doc\ttext\na\tends with \\\n' > "$TMP/bad.tsv"
	run -1 --separate-stderr wire-to-csv "$TMP/bad.tsv"
	assert_output ''
	assert_equal "$stderr" "wire-to-csv: $TMP/bad.tsv:2: bad escape '\\' in column 'text' (only \\t \\n \\r \\\\ are defined)"
}

@test "a NUL byte is an error naming the column" {
	printf 'doc\ttext\na\tnul\000here\n' > "$TMP/bad.tsv"
	run -1 --separate-stderr wire-to-csv "$TMP/bad.tsv"
	assert_equal "$stderr" "wire-to-csv: $TMP/bad.tsv:2: NUL byte in column 'text'"
}

@test "invalid UTF-8 is an error naming the column" {
	printf 'doc\ttext\na\tcaf\xe9\n' > "$TMP/bad.tsv"
	run -1 --separate-stderr wire-to-csv "$TMP/bad.tsv"
	assert_equal "$stderr" "wire-to-csv: $TMP/bad.tsv:2: invalid UTF-8 in column 'text'"
}

@test "nothing after the bad row is written as if complete" {
	printf 'doc\ttext\na\tgood\nb\tcaf\xe9\nc\tlater\n' > "$TMP/bad.tsv"
	run -1 --separate-stderr wire-to-csv --lf "$TMP/bad.tsv"
	refute_output --partial 'later'
}

@test "a file without a final newline keeps its last row" {
	printf 'doc\ttext\na\tfirst\nb\tlast' > "$TMP/nonl.tsv"
	run -0 wire-to-csv --lf "$TMP/nonl.tsv"
	assert_line --index 2 'b,last'
}

@test "CRLF line ends are accepted and the CR dropped" {
	printf 'doc\ttext\r\na\tfirst\r\nb\tlast\r\n' > "$TMP/crlf.tsv"
	run -0 wire-to-csv --lf "$TMP/crlf.tsv"
	assert_output $'doc,text\na,first\nb,last'
}

@test "a bare CR inside a line is an error: it must be escaped" {
	printf 'doc\ttext\na\tone\rtwo\n' > "$TMP/cr.tsv"
	run -1 --separate-stderr wire-to-csv "$TMP/cr.tsv"
	assert_equal "$stderr" "wire-to-csv: $TMP/cr.tsv:2: unescaped carriage return in column 'text' (write it as \\r)"
}

@test "a UTF-8 BOM before the header is ignored" {
	printf '\xef\xbb\xbfdoc\ttext\na\tb\n' > "$TMP/bom.tsv"
	run -0 wire-to-csv --lf -c doc "$TMP/bom.tsv"
	assert_output $'doc\na'
}

@test "a duplicate column name is an error" {
	printf 'doc\ttext\tdoc\n' > "$TMP/dup.tsv"
	run -1 --separate-stderr wire-to-csv "$TMP/dup.tsv"
	assert_equal "$stderr" "wire-to-csv: $TMP/dup.tsv:1: duplicate column 'doc' in header"
}

@test "a 200 MB single line streams through whole" {
	{ printf 'doc\ttext\nbig\t'; head -c 200000000 /dev/zero | tr '\0' x; printf '\n'; } > "$TMP/big.tsv"
	wire-to-csv --lf --no-header -c text "$TMP/big.tsv" > "$TMP/big.csv"
	run -0 wc -c < "$TMP/big.csv"
	assert_output 200000001
}
