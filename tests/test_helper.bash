# Loaded by every tests/*.bats file: bats-support, bats-assert, and the
# paths of the programs under test (WIRE_BIN, set by `make check`).
load '/usr/lib/bats/bats-support/load'
load '/usr/lib/bats/bats-assert/load'

WIRE_ROOT=${WIRE_ROOT:-$(cd "$BATS_TEST_DIRNAME/.." && pwd)}
WIRE_BIN=${WIRE_BIN:-$WIRE_ROOT/bin}
export WIRE_MODELS=${WIRE_MODELS:-$WIRE_ROOT/models}
export PATH="$WIRE_BIN:$PATH"
# make check VALGRIND=1: wrappers that run each program under valgrind.
[ -z "${WIRE_VALGRIND:-}" ] || PATH="$WIRE_VALGRIND:$PATH"
FIXTURES="$WIRE_ROOT/tests/fixtures"
SHARED="$WIRE_ROOT/../shared"
SEEDS="$SHARED/seeds"

# Skips the test when ../shared/seeds is not beside the checkout.
require_seeds() {
	[ -d "$SEEDS" ] || skip "../shared/seeds not present"
}

# Writes a stream from printf-style lines: tsv 'doc\ttext' 'a\tHello.'
tsv() {
	printf '%b\n' "$@"
}
