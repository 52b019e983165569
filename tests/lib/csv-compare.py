#!/usr/bin/env python3
"""Compare a CSV file cell by cell with the wire stream it came from.

usage: csv-compare.py STREAM.tsv OUT.csv [--guard] [--calc]

--guard: cells that start with = + - @ TAB or CR are expected with a
         leading apostrophe (wire-to-csv --formula-guard).
--calc:  OUT.csv went through LibreOffice Calc, which turns CR and CRLF
         inside a cell into LF.
Exit 0 when every cell matches, 1 with the first difference otherwise.
"""
import csv
import sys


def unescape(field):
    out, i = [], 0
    while i < len(field):
        c = field[i]
        if c == "\\":
            out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}[field[i + 1]])
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def main():
    stream, csvfile = sys.argv[1], sys.argv[2]
    guard = "--guard" in sys.argv
    calc = "--calc" in sys.argv
    with open(stream, encoding="utf-8", newline="") as f:
        want = [[unescape(x) for x in line.rstrip("\n").split("\t")] for line in f]
    with open(csvfile, encoding="utf-8-sig", newline="") as f:
        got = list(csv.reader(f))
    if len(got) != len(want):
        print(f"rows: got {len(got)}, want {len(want)}")
        return 1
    for r, (g, w) in enumerate(zip(got, want)):
        if len(g) != len(w):
            print(f"row {r + 1}: got {len(g)} cells, want {len(w)}")
            return 1
        for c, (gc, wc) in enumerate(zip(g, w)):
            if guard and r > 0 and wc[:1] in ("=", "+", "-", "@", "\t", "\r"):
                wc = "'" + wc
            if calc:
                wc = wc.replace("\r\n", "\n").replace("\r", "\n")
            if gc != wc:
                print(f"row {r + 1} cell {c + 1}: got {gc!r}, want {wc!r}")
                return 1
    print(f"ok: {len(want)} rows match")
    return 0


if __name__ == "__main__":
    sys.exit(main())
