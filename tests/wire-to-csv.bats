#!/usr/bin/env bats
# wire-to-csv: the stream as RFC 4180 CSV for spreadsheets.
bats_require_minimum_version 1.5.0
load test_helper

F="$FIXTURES/wire-to-csv"

setup() {
	TMP=$(mktemp -d)
}

teardown() {
	rm -rf "$TMP"
}

@test "writes every column with CRLF row ends by default" {
	run -0 wire-to-csv "$F/paragraphs.tsv"
	assert_equal "$(printf '%s' "$output" | head -n 1 | od -An -c | tr -s ' ')" \
		" d o c , p a r , t e x t \r \n"
	assert_line --index 2 --partial '"""We will not negotiate,"" the minister said."'
}

@test "--lf ends rows with LF only" {
	wire-to-csv --lf "$F/paragraphs.tsv" > "$TMP/out.csv"
	run -1 grep -c $'\r' "$TMP/out.csv"
	assert_output 0
}

@test "-c picks columns in the order given" {
	run -0 wire-to-csv --lf -c text,doc "$F/paragraphs.tsv"
	assert_line --index 0 'text,doc'
	assert_line --index 3 '"Prices rose 3.5%, to $1,200.",002'
}

@test "-c with an unknown column is an error naming it" {
	run -1 --separate-stderr wire-to-csv -c doc,speaker "$F/paragraphs.tsv"
	assert_equal "$stderr" "wire-to-csv: $F/paragraphs.tsv:1: no column 'speaker' in header"
	assert_output ''
}

@test "--no-header leaves the header row out" {
	run -0 wire-to-csv --lf --no-header -c doc "$F/paragraphs.tsv"
	assert_output $'001\n001\n002'
}

@test "--bom starts the output with a UTF-8 byte order mark" {
	wire-to-csv --bom "$F/paragraphs.tsv" > "$TMP/out.csv"
	run -0 sh -c "head -c 3 '$TMP/out.csv' | od -An -tx1"
	assert_output ' ef bb bf'
}

@test "cells are quoted only when they need it" {
	run -0 wire-to-csv --lf "$F/tricky.tsv"
	assert_line --index 1 '1,"a, b"'
	assert_line --index 2 '2,"say ""hi"""'
	assert_line '14,'
	assert_line '15,back\slash'
}

@test "without a guard formula-like cells are written as they are" {
	run -0 wire-to-csv --lf -c value "$F/tricky.tsv"
	assert_line '=SUM(A1:A2)'
	assert_line '+1'
}

@test "--formula-guard prefixes an apostrophe to = + - @ and TAB starts" {
	run -0 wire-to-csv --lf --formula-guard -c value "$F/tricky.tsv"
	assert_line "'=SUM(A1:A2)"
	assert_line "'+1"
	assert_line "'-2"
	assert_line "'@cmd"
	assert_line "'"$'\t'"leading tab"
}

@test "--formula-guard leaves the header alone" {
	printf '=x\n=1\n' > "$TMP/s.tsv"
	run -0 wire-to-csv --lf --formula-guard "$TMP/s.tsv"
	assert_output $'=x\n\'=1'
}

@test "--excel is BOM, CRLF and the formula guard" {
	wire-to-csv --excel -c value "$F/tricky.tsv" > "$TMP/out.csv"
	run -0 sh -c "head -c 3 '$TMP/out.csv' | od -An -tx1"
	assert_output ' ef bb bf'
	run -0 grep -c $'\r$' "$TMP/out.csv"
	run -0 grep -c "^'=SUM" "$TMP/out.csv"
}

@test "every cell survives a round trip through Python's csv module" {
	command -v python3 >/dev/null || skip "python3 not installed"
	wire-to-csv "$F/tricky.tsv" > "$TMP/out.csv"
	run -0 python3 "$WIRE_ROOT/tests/lib/csv-compare.py" "$F/tricky.tsv" "$TMP/out.csv"
}

@test "--excel output round-trips through Python's csv module with the guard" {
	command -v python3 >/dev/null || skip "python3 not installed"
	wire-to-csv --excel "$F/tricky.tsv" > "$TMP/out.csv"
	run -0 python3 "$WIRE_ROOT/tests/lib/csv-compare.py" "$F/tricky.tsv" "$TMP/out.csv" --guard
}

# Calc re-exports what it imported, every text cell quoted; the infilter
# is comma, double quote, UTF-8, from row 1 (see DESIGN.md).
calc_round_trip() {
	HOME="$TMP" soffice --headless --infilter=CSV:44,34,76,1 \
		--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true' \
		--outdir "$TMP/calc" "$1" > /dev/null 2>&1
}

@test "--excel output opens in LibreOffice Calc with every cell identical" {
	command -v soffice >/dev/null || skip "LibreOffice (soffice) not installed"
	wire-to-csv --excel "$F/tricky.tsv" > "$TMP/tricky.csv"
	calc_round_trip "$TMP/tricky.csv"
	run -0 python3 "$WIRE_ROOT/tests/lib/csv-compare.py" "$F/tricky.tsv" "$TMP/calc/tricky.csv" --guard --calc
}

@test "without the guard Calc evaluates a formula cell" {
	command -v soffice >/dev/null || skip "LibreOffice (soffice) not installed"
	printf 'v\n=1+2\n' > "$TMP/f.tsv"
	wire-to-csv "$TMP/f.tsv" > "$TMP/f.csv"
	calc_round_trip "$TMP/f.csv"
	run -0 cat "$TMP/calc/f.csv"
	assert_line --index 1 '3'
}

@test "several files with one header give one table" {
	run -0 wire-to-csv --lf -c doc "$F/paragraphs.tsv" - < "$F/paragraphs.tsv"
	assert_equal "${#lines[@]}" 7
}

@test "files with different headers are an error" {
	run -1 --separate-stderr wire-to-csv "$F/paragraphs.tsv" "$F/tricky.tsv"
	assert_equal "$stderr" "wire-to-csv: $F/tricky.tsv:1: header differs from that of $F/paragraphs.tsv"
}

@test "-o writes to a file" {
	run -0 wire-to-csv --lf -o "$TMP/out.csv" "$F/paragraphs.tsv"
	assert_output ''
	run -0 head -n 1 "$TMP/out.csv"
	assert_output 'doc,par,text'
}

@test "a cell longer than a spreadsheet holds is kept whole, with a warning" {
	awk 'BEGIN { printf "v\n"; for (i = 0; i < 40000; i++) printf "x"; printf "\n" }' > "$TMP/long.tsv"
	run -0 --separate-stderr wire-to-csv --lf "$TMP/long.tsv"
	assert_equal "${#lines[1]}" 40000
	assert_equal "$stderr" "wire-to-csv: 1 cell longer than 32767 characters: spreadsheets will cut it"
}

@test "a missing input file is an error" {
	run -1 --separate-stderr wire-to-csv "$TMP/nope.tsv"
	assert_equal "$stderr" "wire-to-csv: $TMP/nope.tsv: No such file or directory"
}

@test "--help prints usage to stdout and exits 0" {
	run -0 --separate-stderr wire-to-csv --help
	assert_line --index 0 'Usage: wire-to-csv [OPTION]... [FILE]...'
	assert_equal "$stderr" ''
}

@test "--version prints the version" {
	run -0 wire-to-csv --version
	assert_output --regexp '^wire-to-csv \(wire\) [0-9]+\.[0-9]+\.[0-9]+$'
}

@test "an unknown option is a usage error with a hint" {
	run -2 --separate-stderr wire-to-csv --frobnicate
	assert_equal "$stderr" "wire-to-csv: unrecognized option '--frobnicate'
Try 'wire-to-csv --help' for more information."
	assert_output ''
}

@test "a closed pipe ends the program quietly" {
	awk 'BEGIN { print "n"; for (i = 0; i < 300000; i++) print i }' > "$TMP/big.tsv"
	run -0 --separate-stderr bash -c "set -o pipefail; wire-to-csv '$TMP/big.tsv' | head -n 1; s=\${PIPESTATUS[0]}; [ \$s = 0 ] || [ \$s = 141 ]"
	assert_equal "$stderr" ''
	assert_output $'n\r'
}

@test "a failed write is exit 1 with a message" {
	[ -w /dev/full ] || skip "/dev/full not available"
	run -1 --separate-stderr wire-to-csv "$F/paragraphs.tsv" -o /dev/full
	assert_equal "$stderr" "wire-to-csv: /dev/full: write error: No space left on device"
	run -1 --separate-stderr sh -c "wire-to-csv '$F/paragraphs.tsv' > /dev/full"
	assert_equal "$stderr" "wire-to-csv: standard output: write error: No space left on device"
}

@test "the man page's Calc line converts the CSV to an ODS sheet" {
	command -v soffice >/dev/null || skip "LibreOffice (soffice) not installed"
	wire-to-csv --excel "$F/paragraphs.tsv" > "$TMP/quotes.csv"
	(cd "$TMP" && HOME="$TMP" soffice --headless --infilter=CSV:44,34,76,1 \
		--convert-to ods quotes.csv > /dev/null 2>&1)
	run -0 python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("content.xml").decode())' "$TMP/quotes.ods"
	assert_output --partial 'We will not negotiate,'
	assert_output --partial 'Prices rose 3.5%, to $1,200.'
}
