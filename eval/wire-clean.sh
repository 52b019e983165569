#!/bin/sh
# Evaluation of wire-clean on L3S-GN1 (621 Google News pages as text, with
# the gold article body): word 4-gram overlap per page (the metric of the
# ScrapingHub article-extraction benchmark: \w+ tokens, shingle multiset
# P/R/F1), averaged over pages.  The headline is not part of the gold
# body, and wire-clean puts it in the title column, so only the kept
# paragraphs are scored.  Target: F1 >= 0.92.
#
#   WIRE_BIN, WIRE_ROOT as set by make eval; CLEAN_KINDS (default
#   "body heading caption") chooses the kinds scored; CLEAN_DUMP=FILE
#   writes one line per page (id P R F1) for error analysis.
set -u
root=${WIRE_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
bin=${WIRE_BIN:-$root/bin}
data=${SHARED_DATA:-$root/../shared/data}/l3s-gn1
if [ ! -d "$data/pages" ] || [ ! -d "$data/gold" ]; then
	echo "skip: ../shared/data not present"
	exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# One run over every page; the stream holds each page's kept paragraphs.
# shellcheck disable=SC2046
"$bin/wire-clean" --keep-boilerplate "$data"/pages/*.txt > "$tmp/out.tsv" \
	2> "$tmp/err" || { cat "$tmp/err" >&2; exit 1; }

python3 - "$data" "$tmp/out.tsv" "${CLEAN_KINDS:-body heading caption}" \
	"${CLEAN_DUMP:-}" <<'PY'
import collections, json, os, re, sys

data, out, kinds, dump = sys.argv[1], sys.argv[2], set(sys.argv[3].split()), sys.argv[4]
TOKEN = re.compile(r'\w+', re.UNICODE)

def shingles(text, n=4):
    toks = TOKEN.findall(text)
    return collections.Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))

def prf(gold, pred):
    g, p = shingles(gold), shingles(pred)
    if not g and not p:
        return 1.0, 1.0, 1.0
    tp = sum((g & p).values())
    prec = tp / sum(p.values()) if p else 0.0
    rec = tp / sum(g.values()) if g else 0.0
    f = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f

def unescape(s):
    return re.sub(r'\\(.)', lambda m: {'t': '\t', 'n': '\n', 'r': '\r'}.get(m.group(1), m.group(1)), s)

kept = collections.defaultdict(list)
titles = {}
with open(out, encoding='utf-8') as fp:
    head = fp.readline().rstrip('\n').split('\t')
    di, ki, ti = head.index('doc'), head.index('kind'), head.index('text')
    hi = head.index('title')
    for line in fp:
        f = line.rstrip('\n').split('\t')
        titles.setdefault(f[di], unescape(f[hi]))
        if f[ki] in kinds:
            kept[f[di]].append(unescape(f[ti]))

def ascii_fold(s):
    # the gold files have '?' for every character outside ASCII
    return ''.join(ch if ord(ch) < 128 else '?' for ch in s).strip().lower()

pages = sorted(n[:-4] for n in os.listdir(os.path.join(data, 'pages')) if n.endswith('.txt'))
sums, raws = [0.0] * 3, [0.0] * 3
rows = []
title_ok = 0
for pid in pages:
    with open(os.path.join(data, 'gold', pid + '.json'), encoding='utf-8') as fp:
        g = json.load(fp)
    gold = g['body']
    # some gold headlines carry the subheadline on a second line
    title_ok += ascii_fold(titles.get(pid, '')) == ascii_fold((g.get('headline') or '').split('\n')[0])
    with open(os.path.join(data, 'pages', pid + '.txt'), encoding='utf-8', errors='replace') as fp:
        raw = fp.read()
    s = prf(gold, '\n'.join(kept.get(pid, [])))
    r = prf(gold, raw)
    rows.append((pid,) + s)
    for i in range(3):
        sums[i] += s[i]
        raws[i] += r[i]
n = len(pages)
print('pages: %d' % n)
print('wire-clean   P %.3f  R %.3f  F1 %.3f' % tuple(x / n for x in sums))
print('raw page     P %.3f  R %.3f  F1 %.3f' % tuple(x / n for x in raws))
f1 = sums[2] / n
print('target F1 >= 0.92: %s' % ('met' if f1 >= 0.92 else 'NOT met'))
print('title = gold headline, first line (exact, case-folded): %d/%d (%.1f%%)' % (title_ok, n, 100.0 * title_ok / n))
if dump:
    with open(dump, 'w') as fp:
        for r in sorted(rows, key=lambda r: r[3]):
            fp.write('%s %.3f %.3f %.3f\n' % r)
PY
