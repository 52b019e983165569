#!/usr/bin/env bats
# The examples of wire(7): the stream read and written by other tools.
bats_require_minimum_version 1.5.0
load test_helper

F="$FIXTURES/wire7/paragraphs.tsv"

setup() {
	TMP=$(mktemp -d)
}

teardown() {
	rm -rf "$TMP"
}

@test "awk selects body rows and keeps the header" {
	run -0 awk -F '\t' 'NR == 1 || $3 == "body"' "$F"
	assert_equal "${#lines[@]}" 3
	assert_line --index 0 $'doc\tpar\tkind\ttext'
	assert_line --index 2 --partial $'\tbody\t"We are not'
}

@test "the Python reader and writer of wire(7) round-trip a stream" {
	command -v python3 >/dev/null || skip "python3 not installed"
	cat > "$TMP/rt.py" <<'PY'
import sys
ESC = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}
def unescape(f):
    out, i = [], 0
    while i < len(f):
        if f[i] == "\\":
            out.append(ESC[f[i + 1]]); i += 2
        else:
            out.append(f[i]); i += 1
    return "".join(out)
def escape(s):
    return (s.replace("\\", "\\\\").replace("\t", "\\t")
             .replace("\n", "\\n").replace("\r", "\\r"))
rows = (l.rstrip("\n").split("\t") for l in sys.stdin)
header = next(rows)
print("\t".join(header))
for r in rows:
    rec = dict(zip(header, map(unescape, r)))
    print("\t".join(escape(rec[h]) for h in header))
PY
	python3 "$TMP/rt.py" < "$F" > "$TMP/out.tsv"
	run -0 cmp "$F" "$TMP/out.tsv"
}

@test "a stream written by Python is read by wire-to-csv" {
	command -v python3 >/dev/null || skip "python3 not installed"
	python3 -c 'print("doc\ttext"); print("a\tone\\ttwo\\nthree")' > "$TMP/py.tsv"
	run -0 wire-to-csv --lf -c text "$TMP/py.tsv"
	assert_output $'text\n"one\ttwo\nthree"'
}
