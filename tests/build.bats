#!/usr/bin/env bats
# The build's own promises: install layout, models found when installed.
bats_require_minimum_version 1.5.0
load test_helper

setup() {
	TMP=$(mktemp -d)
}

teardown() {
	rm -rf "$TMP"
}

@test "make install puts programs, man pages and models under PREFIX" {
	[ -f "$WIRE_ROOT/Makefile" ] || skip "not in a source tree"
	[ "$WIRE_BIN" = "$WIRE_ROOT/bin" ] || skip "install is tested with the plain build"
	run -0 make -C "$WIRE_ROOT" --no-print-directory -s install PREFIX=/usr DESTDIR="$TMP/root"
	[ -x "$TMP/root/usr/bin/wire-to-csv" ]
	[ -f "$TMP/root/usr/share/man/man1/wire-to-csv.1" ]
	[ -f "$TMP/root/usr/share/man/man7/wire.7" ]
	[ -d "$TMP/root/usr/share/wire/models" ]
}

@test "installed programs find the installed models without WIRE_MODELS" {
	[ -f "$WIRE_ROOT/Makefile" ] || skip "not in a source tree"
	[ "$WIRE_BIN" = "$WIRE_ROOT/bin" ] || skip "install is tested with the plain build"
	make -C "$WIRE_ROOT" --no-print-directory -s install PREFIX=/usr DESTDIR="$TMP/root"
	run -0 env -u WIRE_MODELS sh -c "printf 'Mr. Smith left the U.S. on Monday. He came back.\n' | '$TMP/root/usr/bin/wire-split-sentences' --plain"
	assert_output $'Mr. Smith left the U.S. on Monday.\nHe came back.'
}

@test "the installed news-to-csv finds the installed programs" {
	[ -f "$WIRE_ROOT/Makefile" ] || skip "not in a source tree"
	[ "$WIRE_BIN" = "$WIRE_ROOT/bin" ] || skip "install is tested with the plain build"
	make -C "$WIRE_ROOT" --no-print-directory -s install PREFIX=/usr DESTDIR="$TMP/root"
	mkdir "$TMP/in"
	cp "$WIRE_ROOT/samples/evening-record-tram-link.txt" "$TMP/in/a.txt"
	run -0 env -u WIRE_MODELS PATH=/usr/bin:/bin "$TMP/root/usr/share/wire/pipelines/news-to-csv" --no-progress "$TMP/in" "$TMP/out"
	[ -s "$TMP/out/articles.csv" ]
	run -0 cat "$TMP/out/quotes.csv"
	assert_line --index 1 --regexp '^a,'
}
