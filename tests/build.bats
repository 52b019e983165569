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
