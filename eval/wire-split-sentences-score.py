#!/usr/bin/env python3
"""Sentence-boundary score of wire-split-sentences on GUM (CoNLL-U).

Paragraph text is rebuilt from the `# text =` lines of the sentences in
it (`# newpar` and `# newdoc` start a paragraph), joined by one space, or
by nothing when the last token of a sentence has SpaceAfter=No (GUM never
has that at a sentence end, so in practice one space).  The paragraphs go
to `wire-split-sentences --plain --offsets`; a boundary is the code point
offset where a sentence ends inside a paragraph.  Paragraph ends are not
counted: every splitter gets them for free, counting them would inflate
the score.

usage: score.py [--errors N] [--lines] BIN NAME:FILTER:FILE[,FILE...]...
  FILTER: "news" keeps GUM_news_ documents, "all" keeps every document.
  --lines: BIN is a program (a perl script when it ends in .pl) that
  reads the same plain text and writes one sentence per line, blank line
  between paragraphs, without offsets; its sentences are aligned to the
  paragraph on the characters other than white space.
"""
import subprocess
import sys


def paragraphs(path):
    """Yields (doc_id, text, [end offsets of its sentences])."""
    doc, par = None, None      # par: [text, ends]
    text, space_after, join = None, True, " "
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# newdoc id = ") or line == "# newpar" \
                    or line.startswith("# newpar "):
                if par:
                    yield (doc,) + tuple(par)
                par = None
                if line.startswith("# newdoc id = "):
                    doc = line[14:].strip()
            elif line.startswith("# text = "):
                text = line[9:]
            elif line and line[0].isdigit():
                cols = line.split("\t")
                if "." not in cols[0]:
                    space_after = "SpaceAfter=No" not in cols[9]
            elif line == "" and text is not None:
                if par is None:
                    par = [text, [len(text)]]
                else:
                    par[0] += join + text
                    par[1].append(len(par[0]))
                join = " " if space_after else ""
                text = None
    if par:
        yield (doc,) + tuple(par)


def nonspace_ends(text, ends):
    """Offsets in TEXT mapped to counts of non-white-space characters."""
    count, at = 0, {}
    for i, ch in enumerate(text):
        at[i] = count
        if not ch.isspace():
            count += 1
    at[len(text)] = count
    return [at[e] for e in ends]


def line_ends(block):
    """Sentence ends, in non-white-space characters, of a block of lines."""
    ends, count = [], 0
    for line in block.split("\n"):
        if line.strip():
            count += sum(1 for ch in line if not ch.isspace())
            ends.append(count)
    return ends


def main():
    args = sys.argv[1:]
    nerr = 0
    lines_mode = "--lines" in args
    if lines_mode:
        args.remove("--lines")
    if "--errors" in args:
        k = args.index("--errors")
        nerr = int(args[k + 1])
        del args[k:k + 2]
    binary, sets = args[0], args[1:]
    ok = True
    for spec in sets:
        name, filt, files = spec.split(":", 2)
        pars = []
        for path in files.split(","):
            for doc, text, ends in paragraphs(path):
                if filt == "news" and not doc.startswith("GUM_news_"):
                    continue
                pars.append((doc, text, ends))
        data = "\n\n".join(p[1] for p in pars) + "\n"
        cmd = [binary, "--plain", "--offsets"]
        if lines_mode:
            cmd = ["perl", binary] if binary.endswith(".pl") else [binary]
        res = subprocess.run(cmd,
                             input=data.encode("utf-8"),
                             stdout=subprocess.PIPE)
        if res.returncode != 0:
            print("%s: wire-split-sentences failed (exit %d)"
                  % (name, res.returncode), file=sys.stderr)
            ok = False
            continue
        blocks = res.stdout.decode("utf-8").split("\n\n")
        if blocks and blocks[-1].endswith("\n"):
            blocks[-1] = blocks[-1][:-1]
        if len(blocks) != len(pars):
            print("%s: %d paragraphs in, %d out"
                  % (name, len(pars), len(blocks)), file=sys.stderr)
            ok = False
            continue
        tp = fp = fn = 0
        errors = []
        for (doc, text, gold), block in zip(pars, blocks):
            if lines_mode:
                pred = line_ends(block)
                gold = nonspace_ends(text, gold)
                text = "".join(ch for ch in text if not ch.isspace())
            else:
                pred = [int(l.split("\t", 2)[1])
                        for l in block.split("\n") if l]
            g = set(gold[:-1])
            p = set(e for e in pred if e != len(text))
            tp += len(g & p)
            fp += len(p - g)
            fn += len(g - p)
            for e in sorted((p - g) | (g - p)):
                kind = "FP" if e in p else "FN"
                errors.append("%s %s: %s || %s" % (
                    kind, doc, text[max(0, e - 60):e], text[e:e + 40]))
        prec = tp / (tp + fp) if tp + fp else 1.0
        rec = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        # the same with every paragraph end counted as a correct boundary,
        # as evaluations that score all sentence ends do
        n = len(pars)
        pa, ra = (tp + n) / (tp + fp + n), (tp + n) / (tp + fn + n)
        fa = 2 * pa * ra / (pa + ra)
        print("%-22s paragraphs %4d  boundaries %5d  P %.4f  R %.4f  F1 %.4f"
              "  (with paragraph ends: F1 %.4f)"
              % (name, n, tp + fn, prec, rec, f1, fa))
        for e in errors[:nerr]:
            print("   ", e)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
