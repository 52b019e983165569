#!/bin/sh
# Runs the Bats suite and ends with one summary line,
# "bats: N passed, N failed, N skipped", whatever the formatter printed.
# Exit status is Bats' own.
set -u
log=$(mktemp)
trap 'rm -f "$log"' EXIT
bats --formatter tap --jobs "${BATS_JOBS:-2}" "$@" | tee "$log"
status=$?
# tee hides bats' status in plain sh; ask the log instead.
failed=$(grep -c '^not ok' "$log")
skipped=$(grep -c '^ok .* # skip' "$log")
passed=$(( $(grep -c '^ok' "$log") - skipped ))
planned=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$log" | head -n 1)
echo "bats: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] || exit 1
[ -n "$planned" ] && [ $((passed + skipped)) -eq "$planned" ] || {
	echo "bats: ran $((passed + skipped)) of ${planned:-?} planned tests" >&2
	exit 1
}
exit 0
