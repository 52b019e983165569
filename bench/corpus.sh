#!/bin/sh
# Builds the benchmark corpora once, from the article texts under
# ../shared/data, replicated to about 100 MB (BENCH_MB):
#   $BENCH_DIR/plain.txt     plain text, a blank line between paragraphs
#   $BENCH_DIR/articles.tsv  doc,text stream, one raw article per row
#                            (L3S-GN1 pages with their boilerplate,
#                            PolNeAR articles, Reuters-21578 stories)
# Prints nothing on success; exits 1 when the data is absent.
set -eu
root=${WIRE_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
BENCH_DIR=${BENCH_DIR:-$root/build/bench}
SHARED_DATA=${SHARED_DATA:-$root/../shared/data}
BENCH_MB=${BENCH_MB:-100}

if [ ! -d "$SHARED_DATA" ]; then
	echo "bench: $SHARED_DATA not present" >&2
	exit 1
fi
mkdir -p "$BENCH_DIR"
stamp="$BENCH_DIR/.corpus-$BENCH_MB"
[ -f "$stamp" ] && [ -s "$BENCH_DIR/plain.txt" ] && [ -s "$BENCH_DIR/articles.tsv" ] && exit 0

python3 - "$SHARED_DATA" "$BENCH_DIR" "$BENCH_MB" <<'PY'
import json, os, sys
data, out, mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
target = mb * 1000 * 1000

def esc(s):
    return (s.replace("\0", "").replace("\\", "\\\\").replace("\t", "\\t")
             .replace("\n", "\\n").replace("\r", "\\r"))

articles = []          # (id, raw text)
l3s = os.path.join(data, "l3s-gn1", "pages")
for name in sorted(os.listdir(l3s)):
    with open(os.path.join(l3s, name), encoding="utf-8", errors="replace") as f:
        articles.append(("l3s-" + name.rsplit(".", 1)[0], f.read()))
for part in ("train", "dev"):
    with open(os.path.join(data, "polnear", f"polnear_{part}.jsonl"), encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d.get("primary", True):
                articles.append(("polnear-" + d["doc_id"], d["text"]))
with open(os.path.join(data, "unlabeled", "reuters21578.txt"), encoding="utf-8", errors="replace") as f:
    paras = [p.strip() for p in f.read().split("\n\n") if p.strip()]
# Blank lines separate paragraphs and stories alike; a story starts with
# its headline, a paragraph in capitals without a full stop at the end.
stories, cur = [], []
for p in paras:
    if p.upper() == p and any(c.isalpha() for c in p) and not p.endswith(".") and cur:
        stories.append(cur)
        cur = []
    cur.append(p)
if cur:
    stories.append(cur)
for i, s in enumerate(stories):
    articles.append(("reuters-%05d" % i, "\n\n".join(s) + "\n"))

plain_texts = []
gold = os.path.join(data, "l3s-gn1", "gold")
for name in sorted(os.listdir(gold)):
    with open(os.path.join(gold, name), encoding="utf-8") as f:
        d = json.load(f)
    plain_texts.append(d.get("body", ""))
plain_texts += [a[1] for a in articles if not a[0].startswith("l3s-")]

with open(os.path.join(out, "articles.tsv"), "w", encoding="utf-8") as f:
    f.write("doc\ttext\n")
    size, copy = 0, 0
    while size < target:
        for doc, text in articles:
            line = "%s-%d\t%s\n" % (doc, copy, esc(text))
            f.write(line)
            size += len(line.encode("utf-8"))
            if size >= target:
                break
        copy += 1
with open(os.path.join(out, "plain.txt"), "w", encoding="utf-8") as f:
    size = 0
    while size < target:
        for text in plain_texts:
            block = "\n\n".join(p.strip() for p in text.split("\n") if p.strip()) + "\n\n"
            f.write(block)
            size += len(block.encode("utf-8"))
            if size >= target:
                break
PY
touch "$stamp"
