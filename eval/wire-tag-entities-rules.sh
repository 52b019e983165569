#!/bin/sh
# Accuracy of the rules and the name linking of wire-tag-entities
# (make eval).
#
# 1. The DATE and TIME rules against the `time` entities of GUM (all
# genres, train + dev: dates, times of day and periods, hand-annotated as
# noun phrases).
#
# GUM's spans are whole noun phrases ("50 years of limited exposure") and
# include vague ones ("the time", "a while") that OntoNotes-style DATE
# and TIME leave alone, so the figures are:
#   precision  share of our DATE/TIME spans that overlap a GUM time
#              entity (GUM nests them: "February 13, 2014" and "2014");
#   recall     share of the specific GUM time entities (their text holds
#              a digit, a month or weekday name, yesterday, today,
#              tomorrow, tonight, noon, midnight or ago, a unit of time
#              after last/next/this/past/recent or after a number word:
#              what OntoNotes calls DATE or TIME, not "the morning") that
#              overlap a DATE/TIME span of ours; also over all of them;
#   exact      share of our overlapping spans that have the exact extent
#              of a GUM time entity.
# MONEY, PERCENT and QUANTITY have no counterpart in GUM; their counts
# are printed.  Target (set by us): precision >= 90, specific recall >= 85.
#
# 2. Name linking on the five seed articles (clean | split | tag): for the
# people and organisations below, written by hand from the articles, every
# mention of one of their forms in the cleaned text must be found and
# carry the one id of its entity and its canonical name.  Misses and
# wrong links are listed.
#
# Prints "skip: ..." and exits 0 when ../shared/data is absent; exits
# non-zero only when the program fails to run.
set -u
: "${WIRE_ROOT:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${WIRE_BIN:=$WIRE_ROOT/bin}"
: "${WIRE_MODELS:=$WIRE_ROOT/models}"
export WIRE_MODELS
gum=$WIRE_ROOT/../shared/data/gum
seeds=$WIRE_ROOT/../shared/seeds
prog=$WIRE_BIN/wire-tag-entities
if [ ! -d "$gum" ]; then
	echo "skip: ../shared/data not present"
	exit 0
fi
if [ ! -x "$prog" ]; then
	echo "skip: $prog not built"
	exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wte-rules.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

cat > "$tmp/ev.py" <<'PY'
import re, sys, collections

def esc(s):
    return s.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n').replace('\r', '\\r')

def unesc(s):
    return re.sub(r'\\(.)', lambda m: {'t': '\t', 'n': '\n', 'r': '\r', '\\': '\\'}[m.group(1)], s)

def entity_spans(toks, offs):
    """(start, end, type, entity id, named) of the Entity= brackets of one
    sentence; named when a proper noun is in the span."""
    spans, stack = [], {}
    propn = [t[2] == 'PROPN' for t in toks]
    for k, (form, misc, _) in enumerate(toks):
        m = re.search(r'Entity=([^|]*)', misc)
        if not m:
            continue
        v, j = m.group(1), 0
        while j < len(v):
            if v[j] == '(':
                e = j + 1
                while e < len(v) and v[e] not in '()':
                    e += 1
                parts = v[j + 1:e].split('-')
                eid, et = parts[0], parts[1] if len(parts) > 1 else ''
                if e < len(v) and v[e] == ')':
                    spans.append((offs[k][0], offs[k][1], et, eid, propn[k]))
                    j = e + 1
                else:
                    stack.setdefault(eid, []).append((k, et))
                    j = e
            else:
                e = j
                while e < len(v) and v[e] not in '()':
                    e += 1
                if e < len(v) and v[e] == ')' and stack.get(v[j:e]):
                    st, et = stack[v[j:e]].pop()
                    spans.append((offs[st][0], offs[k][1], et, v[j:e],
                                  any(propn[st:k + 1])))
                j = max(e, j) + 1
    return spans

def sentences(paths):
    for path in paths:
        doc, text, toks = None, None, []
        for line in open(path, encoding='utf-8'):
            line = line.rstrip('\n')
            if line.startswith('# newdoc id = '):
                doc = line[14:]
            elif line.startswith('# text = '):
                text, toks = line[9:], []
            elif line and line[0].isdigit():
                f = line.split('\t')
                if '-' not in f[0] and '.' not in f[0]:
                    toks.append((f[1], f[9], f[3]))
            elif not line and text is not None:
                offs, pos, ok = [], 0, True
                for form, _, _ in toks:
                    i = text.find(form, pos)
                    if i < 0:
                        ok = False
                        break
                    offs.append((i, i + len(form)))
                    pos = i + len(form)
                if ok:
                    yield doc, text, entity_spans(toks, offs)
                text = None

NUMW = (r'(\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|'
        r'fifteen|twenty|thirty|forty|fifty|hundred|a few|several|a couple of)\b)')
UNIT = r'(day|week|month|year|decade|hour|minute|weekend|centur(y|ie))s?'
SPECIFIC = re.compile(r'[0-9]|\b(January|February|March|April|May|June|July|'
    r'August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|'
    r'Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|'
    r'Sunday|yesterday|today|tomorrow|tonight|noon|midnight|ago)\b|'
    r'\b(last|next|this|past|coming|previous|recent)\s+(\w+\s+)?' + UNIT + r'\b|'
    + NUMW + r'[\s-]+' + UNIT + r'\b', re.I)

def make(out, gold, paths):
    with open(out, 'w', encoding='utf-8') as o, open(gold, 'w', encoding='utf-8') as g, \
         open(gold + '.names', 'w', encoding='utf-8') as n:
        o.write('doc\ttext\n')
        for doc, text, spans in sentences(paths):
            o.write('%s\t%s\n' % (doc, esc(text)))
            g.write(' '.join('%d:%d:%d' % (a, b, 1 if SPECIFIC.search(text[a:b]) else 0)
                             for a, b, t, _, _ in spans if t == 'time') + '\n')
            n.write(doc + '\t' + ' '.join('%d:%d:%s' % (a, b, eid) for a, b, t, eid, named in spans
                             if named and t in ('person', 'place', 'organization')) + '\n')

def score(pred, gold, tsv):
    texts = [unesc(l.rstrip('\n').split('\t')[1]) for l in open(tsv, encoding='utf-8')][1:]
    with open(pred, encoding='utf-8') as fp:
        head = fp.readline().rstrip('\n').split('\t')
        ei = head.index('entities')
        rows = [unesc(l.rstrip('\n').split('\t')[ei]) for l in fp]
    golds = [l.split() for l in open(gold, encoding='utf-8')]
    counts = collections.Counter()
    inside = exact = ours = 0
    g_all = g_all_hit = g_spec = g_spec_hit = 0
    wrong = collections.Counter()
    missed = collections.Counter()
    for text, row, gl in zip(texts, rows, golds):
        g = [tuple(int(x) for x in s.split(':')) for s in gl]
        spans = []
        for item in row.split():
            a, b, t, _ = item.split(':')
            counts[t] += 1
            if t in ('DATE', 'TIME'):
                spans.append((int(a), int(b)))
        for a, b in spans:
            ours += 1
            if any(a < gb and ga < b for ga, gb, _ in g):
                inside += 1
                if any(ga == a and b == gb for ga, gb, _ in g):
                    exact += 1
            else:
                wrong[text[a:b]] += 1
        for ga, gb, spec in g:
            hit = any(a < gb and ga < b for a, b in spans)
            g_all += 1
            g_all_hit += hit
            if spec:
                g_spec += 1
                g_spec_hit += hit
                if not hit:
                    missed[text[ga:gb]] += 1
    pct = lambda a, b: 100.0 * a / b if b else 0.0
    print('  DATE/TIME spans %d: precision %.1f (overlap a GUM time entity), exact extent %.1f'
          % (ours, pct(inside, ours), pct(exact, inside)))
    print('  recall: specific time entities %.1f (%d of %d), all time entities %.1f (%d of %d)'
          % (pct(g_spec_hit, g_spec), g_spec_hit, g_spec, pct(g_all_hit, g_all), g_all_hit, g_all))
    print('  spans by type: ' + ', '.join('%s %d' % (t, counts[t]) for t in
          ('DATE', 'TIME', 'MONEY', 'PERCENT', 'QUANTITY')))
    print('  most frequent spans outside a time entity: ' +
          '; '.join('%s (%d)' % kv for kv in wrong.most_common(12)))
    print('  most frequent specific entities missed: ' +
          '; '.join('%s (%d)' % kv for kv in missed.most_common(12)))
    met = pct(inside, ours) >= 90 and pct(g_spec_hit, g_spec) >= 85
    print('  target (precision >= 90, specific recall >= 85): %s' % ('met' if met else 'NOT met'))

def links(pred, names, tsv):
    """Pairwise links among the named GUM mentions that we found with the
    exact extent: same GUM entity id vs same wire id, per document; and
    the same for linking only mentions written alike, for comparison."""
    texts = [unesc(l.rstrip('\n').split('\t')[1]) for l in open(tsv, encoding='utf-8')][1:]
    with open(pred, encoding='utf-8') as fp:
        head = fp.readline().rstrip('\n').split('\t')
        ei = head.index('entities')
        rows = [unesc(l.rstrip('\n').split('\t')[ei]) for l in fp]
    docs = collections.defaultdict(list)  # doc -> [(gold id, our id, text)]
    for text, row, line in zip(texts, rows, open(names, encoding='utf-8')):
        doc, _, gl = line.rstrip('\n').partition('\t')
        ours = {}
        for item in row.split():
            a, b, t, i = item.split(':')
            if t in ('PER', 'ORG', 'LOC', 'MISC'):
                ours[(int(a), int(b))] = i
        for g in gl.split():
            a, b, eid = g.split(':')
            if (int(a), int(b)) in ours:
                docs[doc].append((eid, ours[(int(a), int(b))], text[int(a):int(b)]))
    res = {'wire': [0, 0, 0], 'same text': [0, 0, 0]}
    n = 0
    for ms in docs.values():
        n += len(ms)
        for x in range(len(ms)):
            for y in range(x + 1, len(ms)):
                gold = ms[x][0] == ms[y][0]
                for k, same in (('wire', ms[x][1] == ms[y][1]),
                                ('same text', ms[x][2] == ms[y][2])):
                    r = res[k]
                    r[0] += gold and same
                    r[1] += same and not gold
                    r[2] += gold and not same
    print('  %d named mentions found with their GUM extent; links between them:' % n)
    for k in ('wire', 'same text'):
        tp, fp, fn = res[k]
        p = 100.0 * tp / (tp + fp) if tp + fp else 0.0
        r = 100.0 * tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print('  %-10s P %5.1f  R %5.1f  F1 %5.1f  (%d right, %d wrong, %d missed)'
              % (k, p, r, f, tp, fp, fn))

# Seed prefix: (canonical name, forms as written in the article).
SEED_GOLD = {
    '000': [('Bashar Assad', ['Assad', 'Bashar Assad']),
            ('Sergei Lavrov', ['Lavrov', 'Sergei Lavrov']),
            ('Lakhdar Brahimi', ['Lakhdar Brahimi']),
            ('United Nations', ['U.N.', 'United Nations'])],
    '001': [('Bashar Assad', ['Assad', 'Bashar Assad']),
            ('Sergei Lavrov', ['Lavrov', 'Sergei V. Lavrov']),
            ('Lakhdar Brahimi', ['Lakhdar Brahimi']),
            ('Vladimir Putin', ['Vladimir Putin'])],
    '002': [('Bashar Assad', ['Assad', 'Bashar Assad']),
            ('Sergei Lavrov', ['Lavrov', 'Sergei Lavrov']),
            ('Lakhdar Brahimi', ['Brahimi', 'Lakhdar Brahimi']),
            ('Hillary Clinton', ['Clinton', 'Hillary Clinton']),
            ('Vladimir Putin', ['Vladimir Putin'])],
    '003': [('Bashar al-Assad', ['Assad', 'Bashar al-Assad']),
            ('Sergei Lavrov', ['Lavrov', 'Sergei Lavrov']),
            ('Lakhdar Brahimi', ['Brahimi', 'Lakhdar Brahimi']),
            ('Hillary Clinton', ['Clinton', 'Hillary Clinton'])],
    '004': [('Bashar al-Assad', ['Assad', 'Bashar al-Assad']),
            ('Sergei Lavrov', ['Lavrov', 'Sergei Lavrov']),
            ('Vladimir Putin', ['Putin', 'Vladimir Putin']),
            ('Lakhdar Brahimi', ['Lakhdar Brahimi']),
            ('Dmitry Medvedev', ['Dmitry Medvedev']),
            ('Mouaz al-Khatib', ['Mouaz al-Khatib'])],
}

def seeds(prefix, sents, mentions):
    """Scores one seed: SENTS the stream tagged, MENTIONS its mentions."""
    gold = SEED_GOLD.get(prefix, [])
    with open(mentions, encoding='utf-8') as fp:
        head = fp.readline().rstrip('\n').split('\t')
        c = {n: i for i, n in enumerate(head)}
        rows = [l.rstrip('\n').split('\t') for l in fp]
    got = collections.defaultdict(list)  # form -> [(name, id)]
    for r in rows:
        m = re.sub(r"(['\u2019]s)$", '', unesc(r[c['mention']]))
        got[m].append((unesc(r[c['name']]), r[c['id']]))
    with open(sents, encoding='utf-8') as fp:
        ti = fp.readline().rstrip('\n').split('\t').index('text')
        text = '\n'.join(unesc(l.rstrip('\n').split('\t')[ti]) for l in fp)
    ents = ok = found = occ = 0
    problems = []
    for name, forms in gold:
        ents += 1
        seen, right = set(), True
        for form in forms:
            # occurrences not inside a longer form of the same entity
            n = len(re.findall(r'(?<![\w-])' + re.escape(form) + r'(?![\w-])', text))
            n -= sum(len(re.findall(r'(?<![\w-])' + re.escape(f) + r'(?![\w-])', text))
                     for f in forms if f != form and form in f)
            k = len(got.get(form, []))
            occ += n
            found += min(k, n)
            if k < n:
                problems.append('%s: %d of %d "%s" not found' % (prefix, n - k, n, form))
            for nm, i in got.get(form, []):
                seen.add(i)
                if nm != name:
                    right = False
                    problems.append('%s: "%s" named "%s", want "%s"' % (prefix, form, nm, name))
        if len(seen) > 1:
            right = False
            problems.append('%s: %s split over ids %s' % (prefix, name, ' '.join(sorted(seen))))
        ok += right and bool(seen)
    return ents, ok, occ, found, problems

if sys.argv[1] == 'make':
    make(sys.argv[2], sys.argv[3], sys.argv[4:])
elif sys.argv[1] == 'links':
    links(sys.argv[2], sys.argv[3], sys.argv[4])
elif sys.argv[1] == 'seeds':
    tot = [0, 0, 0, 0]
    probs = []
    for i in range(2, len(sys.argv), 3):
        e, o, n, f, p = seeds(sys.argv[i], sys.argv[i + 1], sys.argv[i + 2])
        tot = [a + b for a, b in zip(tot, (e, o, n, f))]
        probs += p
    print('  entities linked right (one id, canonical name): %d of %d' % (tot[1], tot[0]))
    print('  their mentions found: %d of %d' % (tot[3], tot[2]))
    for p in probs:
        print('  ' + p)
else:
    score(sys.argv[2], sys.argv[3], sys.argv[4])
PY

python3 "$tmp/ev.py" make "$tmp/gum.tsv" "$tmp/gum.gold" \
	"$gum/en_gum-ud-train.conllu" "$gum/en_gum-ud-dev.conllu" || exit 1
echo "GUM time entities (train + dev, all genres):"
"$prog" "$tmp/gum.tsv" > "$tmp/gum.out" || { echo "wire-tag-entities failed" >&2; exit 1; }
python3 "$tmp/ev.py" score "$tmp/gum.out" "$tmp/gum.gold" "$tmp/gum.tsv"
echo "GUM name linking (coreference of named person/place/organization mentions):"
python3 "$tmp/ev.py" links "$tmp/gum.out" "$tmp/gum.gold.names" "$tmp/gum.tsv"

echo "Seeds, name linking:"
if [ ! -d "$seeds" ]; then
	echo "  skip: ../shared/seeds not present"
	exit 0
fi
args=
for f in "$seeds"/*.txt; do
	b=$(basename "$f" .txt)
	p=${b%%_*}
	"$WIRE_BIN/wire-clean" "$f" | "$WIRE_BIN/wire-split-sentences" > "$tmp/$p.tsv" ||
		{ echo "wire-clean | wire-split-sentences failed on $b" >&2; exit 1; }
	"$prog" --mentions "$tmp/$p.tsv" > "$tmp/$p.mentions" ||
		{ echo "wire-tag-entities failed on $b" >&2; exit 1; }
	args="$args $p $tmp/$p.tsv $tmp/$p.mentions"
done
# shellcheck disable=SC2086
python3 "$tmp/ev.py" seeds $args
