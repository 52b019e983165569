#!/usr/bin/env python3
"""Helper of eval/wire-extract-quotes.sh (stdlib only).

  build JSONL > stream.tsv
      One row per paragraph (doc, par, kind, text) of every primary
      article of PolNeAR; paragraphs are the text's lines.  The title line
      is kind=heading.
  score JSONL QUOTES.tsv
      Maps each quotation row back to character offsets in the article
      (by searching its text from its paragraph on) and prints the
      figures: quotes with quote marks (precision, recall, F1 at an
      overlap of at least 30% of the gold content span, the Gender Gap
      Tracker's measure), speaker accuracy where the gold source is a
      name, and the recall of attributions without quote marks.

      strict compares the row's content span (the `content` column: a
      partial quote's reported clause) with the gold content span, as
      the Gender Gap Tracker does; "strict, quote" the quoted words alone;
      lenient the quoted words, at 30% of the shorter of the two.
      QUOTE_EVAL_MISSES=N prints up to N strict misses and N false
      positives.
"""
import json
import os
import re
import sys

WS = re.compile(r"\s+")
QUOTED = re.compile(r"[\"“«][^\"”»]*[\"”»]|''.*?''")
TITLE_WORDS = {
    "the", "a", "an", "of", "and", "mr", "mrs", "ms", "dr", "sen", "rep",
    "gov", "president", "senator", "governor", "secretary", "minister",
    "former", "vice", "house", "speaker", "leader", "gen", "general", "u.s",
    "new", "press",
}


def articles(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            if a.get("primary", True):
                yield a


def paragraphs(text):
    """(start offset, text) of every non-empty line."""
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            yield m.start(), m.group()


def esc(s):
    return (s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
            .replace("\r", "\\r"))


def build(path):
    out = sys.stdout
    out.write("doc\tpar\tkind\ttext\n")
    for a in articles(path):
        title = (a.get("title") or "").strip().rstrip(".")
        for n, (_, p) in enumerate(paragraphs(a["text"]), 1):
            kind = "body"
            if n == 1 and title and p.strip().rstrip(".") == title:
                kind = "heading"
            out.write("%s\t%d\t%s\t%s\n" % (esc(a["doc_id"]), n, kind, esc(p)))


def normalise(text):
    """Text with white space runs as one space, and the map back."""
    out, where = [], []
    space = False
    for i, c in enumerate(text):
        if c.isspace():
            if not space:
                out.append(" ")
                where.append(i)
            space = True
            continue
        space = False
        out.append(c)
        where.append(i)
    where.append(len(text))
    return "".join(out), where


def unesc(s):
    return re.sub(r"\\(.)", lambda m: {"t": "\t", "n": "\n", "r": "\r"}.get(
        m.group(1), m.group(1)), s)


def read_quotes(path):
    with open(path, encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        for line in f:
            row = dict(zip(head, line.rstrip("\n").split("\t")))
            yield {k: unesc(v) for k, v in row.items()}


def locate(norm, where, parstart, quote):
    """(start, end) offsets of QUOTE in the text, or None."""
    q = WS.sub(" ", quote).strip()
    if not q:
        return None
    # Search from the paragraph's start (in normalised coordinates).
    lo = 0
    while lo < len(where) - 1 and where[lo] < parstart:
        lo += 1
    i = norm.find(q, lo)
    if i >= 0:
        return where[i], where[i + len(q) - 1] + 1
    # A quote joined from parts (split by its attribution, or over
    # paragraphs): its longest head and tail found in the text.
    for n in (60, 40, 25, 15, 8, 5):
        head = q[:n]
        i = norm.find(head, lo)
        if i >= 0:
            break
    else:
        return None
    for n in (60, 40, 25, 15, 8, 5):
        tail = q[-n:]
        j = norm.find(tail, i)
        if j >= 0 and j - i < 4 * len(q) + 200:
            return where[i], where[j + len(tail) - 1] + 1
    return where[i], where[i + len(head) - 1] + 1


def has_marks(g):
    """PolNeAR's has_quote_marks misses the two-apostrophe marks of some
    sources (''Yes,'' he said): those count as quote marks too."""
    return g["has_quote_marks"] or any("''" in c["text"] for c in g["contents"])


def span_set(spans):
    return [(s["start"], s["end"]) for s in spans if s and s["end"] > s["start"]]


def overlap(a, spans):
    return sum(max(0, min(a[1], e) - max(a[0], s)) for s, e in spans)


def is_name(src, text, start):
    """True when the gold source is a name, not a description or a
    pronoun: its head (the last word before any comma or parenthesis)
    is capitalised, and not only because it opens a sentence."""
    core = re.split(r"[,(]", src)[0]
    words = re.findall(r"[\w.'’-]+", core)
    if not words:
        return False
    head = words[-1].rstrip(".")
    if not head[:1].isupper() or head.lower() in ("he", "she", "it", "they", "i", "we"):
        return False
    if len(words) > 1 or words[0].lower() in ("the", "a", "an"):
        return True
    # One capitalised word: a name if it is capitalised where no sentence
    # starts, elsewhere in the article (Trump yes, Demonstrators no).
    before = text[max(0, start - 3):start]
    if not re.search(r"(^|[.!?\n\"“”]\s*)$", before):
        return True
    return re.search(r"[a-z,;] " + re.escape(head) + r"\b", text) is not None


def name_words(s):
    return {w.lower().strip(".'’") for w in re.findall(r"[\w.'’-]+", s)
            if w[:1].isupper() and w.lower().strip(".") not in TITLE_WORDS}


def score(jsonl, qpath):
    arts = {a["doc_id"]: a for a in articles(jsonl)}
    pars = {}
    for d, a in arts.items():
        pars[d] = [s for s, _ in paragraphs(a["text"])]
    norms = {d: normalise(a["text"]) for d, a in arts.items()}
    preds = {}
    unplaced = 0
    for row in read_quotes(qpath):
        d = row.get("doc")
        if d not in arts:
            continue
        p = int(row.get("par") or 1)
        start = pars[d][p - 1] if 0 < p <= len(pars[d]) else 0
        loc = locate(*norms[d], start, row["quote"])
        if loc is None:
            unplaced += 1
            continue
        content = row.get("content") or row["quote"]
        cloc = loc if content == row["quote"] else locate(*norms[d], start, content)
        preds.setdefault(d, []).append((loc, cloc or loc, row))

    strict = lambda loc, s, glen: overlap(loc, s) >= 0.3 * glen
    lenient = lambda loc, s, glen: overlap(loc, s) >= 0.3 * min(glen, loc[1] - loc[0])
    # name: (criterion, which span of the row: 0 the quote, 1 the content)
    crit = {"strict": (strict, 1), "strict, quote": (strict, 0),
            "lenient": (lenient, 0)}
    gq = pq = short = 0
    ghit = dict.fromkeys(crit, 0)
    phit = dict.fromkeys(crit, 0)
    misses, fps = [], []
    nshow = int(os.environ.get("QUOTE_EVAL_MISSES", "0"))
    spk_n = spk_ok = spk_any = 0     # speaker accuracy on found, named
    gi = gi_hit = gi_hit_ind = 0     # gold without quote marks
    pi = pi_hit = 0                  # indirect rows, inside a gold span
    wrong = []
    show = int(os.environ.get("QUOTE_EVAL_SHOW", "0"))
    for d, a in arts.items():
        golds = [(span_set(g["contents"]), g) for g in a["quotes"]]
        golds = [(s, sum(e - b for b, e in s), g) for s, g in golds if s]
        marked = [x for x in golds if has_marks(x[2])]
        mine = [(x[0], x[2]) for x in preds.get(d, [])]
        spans = [((x[0], x[1]), x[2]) for x in preds.get(d, [])
                 if x[2]["type"] in ("direct", "partial")]
        quoted = [(locs[0], r) for locs, r in spans]
        pq += len(quoted)
        for name, (ok, w) in crit.items():
            phit[name] += sum(any(ok(locs[w], s, n) for s, n, g in marked)
                              for locs, r in spans)
        for locs, r in spans:
            if len(fps) < nshow and not any(strict(locs[1], s, n) for s, n, g in marked):
                fps.append((d, r))
        ind = [(loc, r) for loc, r in mine if r["type"] == "indirect"]
        pi += len(ind)
        pi_hit += sum(any(lenient(loc, s, n) for s, n, g in golds) for loc, r in ind)
        for s, glen, g in golds:
            if not has_marks(g):
                gi += 1
                gi_hit += any(strict(loc, s, glen) for loc, r in mine)
                gi_hit_ind += any(strict(loc, s, glen) for loc, r in mine
                                  if r["type"] == "indirect")
                continue
            gq += 1
            text = " ".join(c["text"] for c in g["contents"])
            inmarks = sum(len(m) for m in QUOTED.findall(text))
            short += inmarks < 0.3 * len(text)
            for name, (ok, w) in crit.items():
                ghit[name] += any(ok(locs[w], s, glen) for locs, r in spans)
            if len(misses) < nshow and not any(strict(locs[1], s, glen)
                                               for locs, r in spans):
                misses.append((d, text, [r for locs, r in spans
                                         if overlap(locs[1], s)]))
            hits = [(loc, r) for loc, r in quoted if lenient(loc, s, glen)]
            srcs = [x for x in g["sources"] if x]
            src = " ".join(x["text"] for x in srcs)
            if (not hits or g["type"] != "Attribution" or not srcs
                    or not is_name(src, a["text"], srcs[0]["start"])):
                continue
            spk_n += 1
            best = max(hits, key=lambda h: overlap(h[0], s))[1]
            spk_any += bool(best["speaker"])
            # The canonical name, or the mention it was resolved from
            # (gold "the IMF", speaker "International Monetary Fund").
            if best["speaker"] and name_words(src) & (
                    name_words(best["speaker"]) | name_words(best["speaker_mention"])):
                spk_ok += 1
            elif len(wrong) < show:
                wrong.append((src, best["speaker"], best["speaker_mention"],
                              best["quote"][:70]))

    def ratio(a, b):
        return a / b if b else 0.0

    split = "train" if "train" in os.path.basename(jsonl) else "dev"
    print("articles                 %d (PolNeAR %s, primary annotator)" % (len(arts), split))
    print("attributions with marks  %d; rows direct+partial %d" % (gq, pq))
    for name in crit:
        prec, rec = ratio(phit[name], pq), ratio(ghit[name], gq)
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        print("quote %-14s P %.3f  R %.3f  F1 %.3f%s" % (
            name, prec, rec, f1, "   target F1 >= 0.90" if name == "strict" else ""))
    print("  strict: the content span (a partial quote's reported clause) overlaps")
    print("  >= 30% of the gold content span (GGT's measure); strict, quote: the")
    print("  quoted words alone, which cannot meet it in the %.0f%% of marked"
          % (100 * ratio(short, gq)))
    print("  attributions where they are under 30% of the content span (Trump")
    print("  said he won \"every single debate\" in which he took part); lenient:")
    print("  the quoted words, >= 30% of the shorter of the two")
    print("speaker accuracy         %.3f   target >= 0.90  (%d of %d found quotes whose"
          " gold source is a name; %d with a speaker)"
          % (ratio(spk_ok, spk_n), spk_ok, spk_n, spk_any))
    print("indirect recall          %.3f   (%d of %d attributions without marks, by"
          " indirect rows; by any row %.3f)"
          % (ratio(gi_hit_ind, gi), gi_hit_ind, gi, ratio(gi_hit, gi)))
    print("indirect precision       %.3f   (%d of %d indirect rows overlap an"
          " attribution's content, 30%% of the shorter)" % (ratio(pi_hit, pi), pi_hit, pi))
    if unplaced:
        print("rows not found in text   %d" % unplaced)
    for w in wrong:
        print("  wrong speaker: gold %r, got %r (%r): %s" % w)
    for d, text, near in misses:
        print("  missed: %s: %s" % (d, text[:160]))
        for r in near:
            print("    row %s: %s" % (r["type"], (r.get("content") or r["quote"])[:160]))
    for d, r in fps:
        print("  false positive: %s: %s %r (%s %s)" % (
            d, r["type"], (r.get("content") or r["quote"])[:160],
            r["speaker_mention"], r["cue"]))


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "build":
        build(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "score":
        score(sys.argv[2], sys.argv[3])
    else:
        sys.exit("usage: wire-extract-quotes.py build JSONL | score JSONL QUOTES")


if __name__ == "__main__":
    main()
