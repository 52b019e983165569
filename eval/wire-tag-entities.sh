#!/bin/sh
# Accuracy of wire-tag-entities (make eval).
#
#  1. CoNLL-2003 dev: each document a `doc`, each sentence a row whose text
#     is the tokens joined by spaces; the program tags raw text, so this
#     also tests its tokeniser.  Exact-span precision, recall and F1 per
#     type and overall (as conlleval), target F1 >= 91.0.
#  2. GUM news (out of domain): the `Entity=` annotations of the news
#     documents, person -> PER, place -> LOC, organization -> ORG; only
#     named mentions (a proper noun in the span) count, and MISC output
#     is ignored.  Sentences are the `# text =` lines.
#  3. The seeds: the people, places and organisations of the five
#     articles, with the canonical names they should get; what is missed
#     is listed.
#
# Prints "skip: ..." and exits 0 when ../shared/data is absent; exits
# non-zero only when the program fails to run.
set -u
: "${WIRE_ROOT:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${WIRE_BIN:=$WIRE_ROOT/bin}"
: "${WIRE_MODELS:=$WIRE_ROOT/models}"
export WIRE_MODELS
data=$WIRE_ROOT/../shared/data
seeds=$WIRE_ROOT/../shared/seeds
prog=$WIRE_BIN/wire-tag-entities
if [ ! -d "$data" ]; then
	echo "skip: ../shared/data not present"
	exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wte-eval.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# --- helpers (Python 3, stdlib only) ---------------------------------------
cat > "$tmp/ev.py" <<'EOF'
import sys, re, collections

def esc(s):
    return s.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n').replace('\r', '\\r')

def unesc(s):
    return re.sub(r'\\(.)', lambda m: {'t': '\t', 'n': '\n', 'r': '\r', '\\': '\\'}[m.group(1)], s)

def conll_rows(path):
    """Documents of sentences of (token, type-or-None, begin) from IOB1."""
    docs, doc, sent = [], [], []
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if line.startswith('-DOCSTART-') or not line.strip():
            if sent:
                doc.append(sent)
                sent = []
            if line.startswith('-DOCSTART-') and doc:
                docs.append(doc)
                doc = []
            continue
        f = line.split()
        tag = f[-1]
        sent.append((f[0], None if tag == 'O' else tag[2:], tag.startswith('B-')))
    if sent:
        doc.append(sent)
    if doc:
        docs.append(doc)
    return docs

def gold_spans(sent):
    """Text of a sentence and its gold spans (start, end, type) in chars."""
    text, spans, pos, cur = '', [], 0, None
    for tok, ty, b in sent:
        if text:
            text += ' '
        start = len(text)
        text += tok
        if ty is None:
            cur = None
            continue
        if cur is not None and cur[2] == ty and not b:
            cur[1] = len(text)
        else:
            cur = [start, len(text), ty]
            spans.append(cur)
    return text, [tuple(s) for s in spans]

def score(gold, pred, types):
    """gold, pred: lists (per row) of sets of (start, end, type)."""
    tp, fp, fn = collections.Counter(), collections.Counter(), collections.Counter()
    for g, p in zip(gold, pred):
        for s in p:
            if s[2] not in types:
                continue
            if s in g:
                tp[s[2]] += 1
            else:
                fp[s[2]] += 1
        for s in g:
            if s not in p:
                fn[s[2]] += 1
    def prf(t, f_p, f_n):
        p = t / (t + f_p) if t + f_p else 0.0
        r = t / (t + f_n) if t + f_n else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return 100 * p, 100 * r, 100 * f
    print('  %-8s %7s %7s %7s %6s' % ('type', 'P', 'R', 'F1', 'gold'))
    for t in types:
        p, r, f = prf(tp[t], fp[t], fn[t])
        print('  %-8s %7.2f %7.2f %7.2f %6d' % (t, p, r, f, tp[t] + fn[t]))
    p, r, f = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    print('  %-8s %7.2f %7.2f %7.2f %6d' % ('all', p, r, f, sum(tp.values()) + sum(fn.values())))
    return f

def read_pred(path):
    rows = []
    with open(path, encoding='utf-8') as fp:
        head = fp.readline().rstrip('\n').split('\t')
        ei = head.index('entities')
        for line in fp:
            f = line.rstrip('\n').split('\t')
            spans = set()
            for item in unesc(f[ei]).split():
                a, b, t, _ = item.split(':')
                spans.add((int(a), int(b), t))
            rows.append(spans)
    return rows

def conll_stream(path, out, goldout):
    docs = conll_rows(path)
    with open(out, 'w', encoding='utf-8') as o, open(goldout, 'w', encoding='utf-8') as g:
        o.write('doc\ttext\n')
        for i, doc in enumerate(docs):
            for sent in doc:
                text, spans = gold_spans(sent)
                o.write('d%d\t%s\n' % (i + 1, esc(text)))
                g.write(' '.join('%d:%d:%s' % s for s in spans) + '\n')

def read_gold(path):
    rows = []
    for line in open(path, encoding='utf-8'):
        rows.append(set((int(a), int(b), t) for a, b, t in
                        (x.split(':') for x in line.split())))
    return rows

GUM_MAP = {'person': 'PER', 'place': 'LOC', 'organization': 'ORG'}
ENT_RE = re.compile(r'\((\d+)-([^()]*)(\))?|(\d+)\)')

TITLES = set('President Vice Prime Minister Foreign Secretary Senator Sen. Rep. '
             'Governor Gov. Mayor General Gen. Major Colonel Col. Captain Admiral '
             'Ambassador Chancellor King Queen Prince Princess Pope Judge Justice '
             'Chairman Director Chief Mr. Mrs. Ms. Dr. Professor Prof. Sir Lord '
             'Lady Saint St. Reverend Rev. Commissioner Spokesman Team'.split())
LINKS = set('of and the for de del da al la von van du le & \'s'.split())

def gum_sentence(toks, text):
    """Gold spans of one GUM sentence, approximating CoNLL-2003 from the
    Entity= annotations: mentions of the three types that hold a proper
    noun (plural ones like Afghans, a MISC in CoNLL, are left out); the
    span is the run of capitalised words (with of/and/the between them)
    around the first proper noun, less leading titles; a span inside
    another is dropped (CoNLL tags the outer name)."""
    pos, offs = 0, []
    for form, _, _, _ in toks:
        k = text.find(form, pos)
        if k < 0:
            k = pos
        offs.append((k, k + len(form)))
        pos = k + len(form)
    opened, found = {}, []
    def cap(k):
        return toks[k][0][:1].isupper() or toks[k][0][:1].isdigit() and toks[k][1] == 'PROPN'
    def close(eid, end):
        if eid not in opened:
            return
        start, fields = opened.pop(eid)
        etype = fields.split('-')[0]
        if etype not in GUM_MAP:
            return
        ks = [k for k in range(start, end + 1) if toks[k][1] == 'PROPN']
        if not ks or all(toks[k][2] == 'NNPS' for k in ks):
            return
        a = b = ks[0]
        while a - 1 >= start and (cap(a - 1) or (toks[a - 1][0] in LINKS and a - 2 >= start and cap(a - 2))):
            a -= 1
        while b + 1 <= end and (cap(b + 1) or (toks[b + 1][0] in LINKS and b + 2 <= end and cap(b + 2))):
            b += 1
        while a < b and (toks[a][0] in TITLES or toks[a][0] in LINKS):
            a += 1
        if toks[a][0] in TITLES:
            return
        found.append((offs[a][0], offs[b][1], GUM_MAP[etype]))
    for i, (form, upos, xpos, misc) in enumerate(toks):
        ent = ''
        for kv in misc.split('|'):
            if kv.startswith('Entity='):
                ent = kv[7:]
        for m in ENT_RE.finditer(ent):
            if m.group(1):
                opened[m.group(1)] = (i, m.group(2))
                if m.group(3):
                    close(m.group(1), i)
            else:
                close(m.group(4), i)
    spans = set()
    for s in found:
        if not any(o != s and o[0] <= s[0] and o[1] >= s[1] for o in found):
            spans.add(s)
    return spans

def gum_stream(paths, out, goldout):
    with open(out, 'w', encoding='utf-8') as o, open(goldout, 'w', encoding='utf-8') as g:
        o.write('doc\ttext\n')
        for path in paths:
            doc, text, toks = None, None, []
            def flush():
                if doc and doc.startswith('GUM_news_') and text is not None and toks:
                    spans = gum_sentence(toks, text)
                    o.write('%s\t%s\n' % (doc, esc(text)))
                    g.write(' '.join('%d:%d:%s' % s for s in sorted(spans)) + '\n')
            for line in open(path, encoding='utf-8'):
                line = line.rstrip('\n')
                if line.startswith('# newdoc id'):
                    doc = line.split('=', 1)[1].strip()
                elif line.startswith('# text ='):
                    text = line.split('=', 1)[1].strip()
                elif line.startswith('#'):
                    continue
                elif not line:
                    flush()
                    text, toks = None, []
                else:
                    f = line.split('\t')
                    if '-' in f[0] or '.' in f[0]:
                        continue
                    toks.append((f[1], f[3], f[4], f[9]))
            flush()

if __name__ == '__main__':
    cmd = sys.argv[1]
    if cmd == 'conll':
        conll_stream(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == 'gum':
        gum_stream(sys.argv[4:], sys.argv[2], sys.argv[3])
    elif cmd == 'score':
        types = sys.argv[4].split(',')
        f = score(read_gold(sys.argv[2]), read_pred(sys.argv[3]), types)
        if len(sys.argv) > 5:
            print('  F1 %.2f (target %s): %s' % (f, sys.argv[5], 'met' if f >= float(sys.argv[5]) else 'NOT met'))
EOF

ev() { python3 "$tmp/ev.py" "$@"; }

# --- 1. CoNLL-2003 dev ---------------------------------------------------------
if [ -f "$data/conll2003/dev.iob1" ]; then
	echo "CoNLL-2003 dev, exact spans (PER ORG LOC MISC):"
	ev conll "$data/conll2003/dev.iob1" "$tmp/dev.tsv" "$tmp/dev.gold" || exit 1
	"$prog" --no-rules "$tmp/dev.tsv" > "$tmp/dev.out" || { echo "wire-tag-entities failed" >&2; exit 1; }
	ev score "$tmp/dev.gold" "$tmp/dev.out" PER,ORG,LOC,MISC 91.0 || exit 1
fi

# --- 2. GUM news, out of domain -------------------------------------------------
gum=$data/gum
if [ -f "$gum/en_gum-ud-train.conllu" ]; then
	echo "GUM news documents (out of domain), named person/place/organization:"
	ev gum "$tmp/gum.tsv" "$tmp/gum.gold" "$gum/en_gum-ud-train.conllu" \
	    "$gum/en_gum-ud-dev.conllu" || exit 1
	"$prog" --no-rules "$tmp/gum.tsv" > "$tmp/gum.out" || { echo "wire-tag-entities failed" >&2; exit 1; }
	ev score "$tmp/gum.gold" "$tmp/gum.out" PER,ORG,LOC || exit 1
fi

# --- 3. the seeds ----------------------------------------------------------------
# The people, places and organisations named in the body of each seed
# article (bylines and mastheads are wire-clean's columns, not text), with
# the canonical name each should get; alternatives separated by '|'.
if [ -d "$seeds" ] && [ -x "$WIRE_BIN/wire-clean" ] && [ -x "$WIRE_BIN/wire-split-sentences" ]; then
	echo "Seeds: named people, places and organisations found with their canonical names:"
	cat > "$tmp/seeds.expected" <<'EOS'
000	PER	Bashar Assad
000	PER	Sergei Lavrov
000	PER	Lakhdar Brahimi
000	LOC	Russia
000	LOC	Syria
000	LOC	Damascus
000	LOC	Tripoli
000	LOC	Moscow
000	LOC	Dublin
000	LOC	Beirut
000	ORG	United Nations
001	PER	Sergei Lavrov
001	PER	Bashar Assad
001	PER	Lakhdar Brahimi
001	PER	Vladimir Putin
001	LOC	Russia
001	LOC	Moscow
001	LOC	Syria
001	LOC	Homs
001	ORG	Arab League
001	ORG	U.N.|United Nations
001	ORG	Syrian Observatory for Human Rights
002	PER	Bashar Assad
002	PER	Lakhdar Brahimi
002	PER	Hillary Clinton
002	PER	Sergei Lavrov
002	PER	Vladimir Putin
002	LOC	Russia
002	LOC	Moscow
002	LOC	Damascus
002	LOC	Syria
002	LOC	Geneva
002	LOC	Dublin
002	LOC	Cambodia
002	LOC	U.S.
002	ORG	Kommersant
003	PER	Bashar al-Assad
003	PER	Lakhdar Brahimi
003	PER	Hillary Clinton
003	PER	Sergei Lavrov
003	LOC	Russia
003	LOC	Moscow
003	LOC	Damascus
003	LOC	Syria
003	LOC	Dublin
003	LOC	Cambodia
003	ORG	Kommersant
003	ORG	U.N.|United Nations
004	PER	Bashar al-Assad
004	PER	Sergei Lavrov
004	PER	Dmitry Medvedev
004	PER	Vladimir Putin
004	PER	Lakhdar Brahimi
004	PER	Mikhail Bogdanov
004	PER	Mouaz al-Khatib
004	PER	Sasha Mordovets
004	LOC	Russia
004	LOC	Moscow
004	LOC	Brussels
004	LOC	China
004	LOC	Damascus
004	LOC	Syria
004	LOC	Qaboun
004	LOC	Hama
004	LOC	Daraya
004	LOC	Shabaa
004	LOC	Hajar al-Aswad
004	LOC	Aleppo
004	ORG	European Union
004	ORG	United Nations Security Council
004	ORG	Syrian Observatory for Human Rights
004	ORG	Local Coordination Committees
004	ORG	Syrian Arab News Agency
004	ORG	RT
004	ORG	Getty Images
EOS
	for f in "$seeds"/*.txt; do
		"$WIRE_BIN/wire-clean" "$f" | "$WIRE_BIN/wire-split-sentences" |
		    "$prog" --mentions || { echo "wire-tag-entities failed" >&2; exit 1; }
	done | awk -F'\t' 'NR == 1 || $1 != "doc"' > "$tmp/seeds.out"
	python3 - "$tmp/seeds.expected" "$tmp/seeds.out" <<'PYEOF'
import sys, collections
exp = [l.rstrip('\n').split('\t') for l in open(sys.argv[1], encoding='utf-8')]
rows = [l.rstrip('\n').split('\t') for l in open(sys.argv[2], encoding='utf-8')]
h = {n: i for i, n in enumerate(rows[0])}
got = collections.defaultdict(set)     # (doc, type) -> canonical names
written = collections.defaultdict(set) # doc -> mentions as written, any type
for r in rows[1:]:
    d = r[h['doc']][:3]
    got[(d, r[h['type']])].add(r[h['name']])
    written[d].add(r[h['mention']])
found, missed = 0, []
for d, t, names in exp:
    alts = names.split('|')
    if any(a in got[(d, t)] for a in alts):
        found += 1
        continue
    other = [tt for tt in ('PER', 'ORG', 'LOC', 'MISC') if any(a in got[(d, tt)] for a in alts)]
    near = sorted(n for n in got[(d, t)] if any(a in n or n in a for a in alts))
    why = ('typed ' + '/'.join(other)) if other else ('as ' + ' | '.join(near)) if near else 'not found'
    missed.append('    %s %s %s: %s' % (d, t, alts[0], why))
print('  %d of %d found with the right type and canonical name' % (found, len(exp)))
if missed:
    print('  missed:')
    print('\n'.join(missed))
PYEOF
fi
