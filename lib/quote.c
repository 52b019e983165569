/*
 * Quotation finder: who said what in one document's sentences.
 *
 * The rules, in the order they run (wire-extract-quotes(1) has the user's
 * view):
 *
 * 1. Quote marks.  A byte scanner walks the sentences of a paragraph with
 *    a small stack of open marks.  Double marks (" “ ” „ « ») open when
 *    the next character is not a space and close when the previous one is
 *    not; single marks (' ‘ ’) open only after a space or an opening
 *    bracket and before a letter that does not start '90s, and close only
 *    when one is open and no letter follows, so that apostrophes (Assad's,
 *    won’t, the ’90s) never count.  A quote still open at the end of a
 *    paragraph continues when the next paragraph opens with the same kind
 *    of mark (news style: a mark opens every paragraph, only the last one
 *    closes); otherwise it ends there.  Headings hold no quotes.
 *
 * 2. Tokens.  The text outside the quotes is cut into words and
 *    punctuation; each quote becomes one token.  Every word is looked up
 *    once in a table built from the word lists (cue verbs, pronouns,
 *    speaker nouns, function words).
 *
 * 3. Attribution.  For a cue (said, told reporters, according to) the
 *    speaker is the entity, pronoun, description ("the foreign minister")
 *    or capitalised name just before it, skipping auxiliaries and -ly
 *    adverbs ("Lavrov has also said") and an appositive comma
 *    ("the minister, Sergei Lavrov, said"); after it when the cue follows
 *    a quote or a comma ("..., said the report") or is a SOURCE cue
 *    (according to).  A quote takes the nearest cue of its sentences that
 *    has a speaker.  A quote without one takes, in this order: the lead-in
 *    of the sentence before ("Lavrov said:", "From the chairwoman:"); a
 *    short attribution sentence right after it in the paragraph ("Lavrov
 *    said on Sunday."); the last attribution of its paragraph (the second
 *    half of "..., Lavrov told reporters. "All attempts ..."" and news
 *    paragraphs that continue a quote); for a quote that opens its
 *    paragraph, the last attribution of the paragraph before.
 *
 * 4. Types.  direct: the quote opens its sentence, or follows a colon, or
 *    is a capitalised clause after a comma or cue; partial: a quoted
 *    phrase inside the reporter's sentence, kept only when that sentence
 *    has a cue with a speaker; short title-case phrases (‘Ensure Order’,
 *    film titles) are never quotes.  indirect: a sentence without quote
 *    marks with a cue and a speaker; the content is the clause after the
 *    cue ("said that ...") or, when the cue ends the sentence, the clause
 *    before the comma ("..., Lavrov said in Brussels.").
 *
 * 5. Speakers.  An entity speaker gets its canonical name: the longest
 *    mention in the document with the same entity id, cleaned by the
 *    tagger's linker (linker.c: no title, no middle initial).  He/she and "the
 *    minister" resolve to a person, it / "the report" / "the newspaper"
 *    to an organisation: the last speaker of that kind in the same or the
 *    previous paragraph, unless an entity of that kind has since become
 *    the subject of a sentence; else the nearest such entity before.
 *    Generic descriptions (officials, sources) stay unresolved.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "wire.h"

/* Word classes, one bit each, from the word lists. */
enum {
	F_CUE = 1u << 0,      /* a whole cue (one or more words) */
	F_CUEHEAD = 1u << 1,  /* first word of a cue of several words */
	F_AUX = 1u << 2,
	F_AFTER = 1u << 3,
	F_DET = 1u << 4,
	F_STOP = 1u << 5,
	F_PREP = 1u << 6,
	F_OBJECT = 1u << 7,   /* cue followed by its addressee: told X */
	F_SOURCE = 1u << 8,   /* cue followed by its speaker: according to X */
	F_PRON_PER = 1u << 9,
	F_PRON_ORG = 1u << 10,
	F_PRON_GEN = 1u << 11,
	F_NOUN_PER = 1u << 12,
	F_NOUN_ORG = 1u << 13,
	F_NOUN_GEN = 1u << 14,
	F_THAT = 1u << 15,    /* "that": opens the reported clause */
	F_CONJ = 1u << 16,    /* and, but: a second verb of the subject */
	F_LABEL = 1u << 17,   /* a cue of quoted words, never of a clause */
	F_INF = 1u << 18      /* a cue whose content may be "to" + verb */
};
#define F_PRON (F_PRON_PER | F_PRON_ORG | F_PRON_GEN)
#define F_NOUN (F_NOUN_PER | F_NOUN_ORG | F_NOUN_GEN)

#define MAXKEY 64      /* longer words are never in a list */
/* A partial quote's content is its clause only up to this many bytes:
 * many times a long news sentence (about 400), while a line of quoted
 * junk cannot make each of its quotes repeat the whole line. */
#define MAXCLAUSE 2000
#define MAXCUEWORDS 4
#define NOSIZE ((size_t)-1)

/* Word -> class bits; open addressing, keys lower case. */
struct wordmap {
	size_t count, cap;
	char **key;
	size_t *klen;
	uint32_t *flags;
	/* One bit per (length, first letter, last letter) of the keys: most
	 * words of a text miss it and skip the hash. */
	uint64_t filter[64];
};

static unsigned
filter_bit(const char *w, size_t len)
{
	unsigned a = (unsigned char)w[0] | 32, b = (unsigned char)w[len - 1] | 32;

	return ((unsigned)(len & 31) * 7u + a * 131u + b * 31u) & 4095u;
}

enum { T_WORD, T_PUNCT, T_QUOTE };

/* Small, because a document holds one per word: offsets within one
 * sentence fit 32 bits (longer sentences are cut at 4 GB). */
struct tok {
	uint32_t b0, b1;  /* bytes in the sentence (a quote: its content) */
	uint32_t flags;   /* word classes (0 for other tokens) */
	int32_t ment;     /* mention covering the token, or -1 */
	union {
		int32_t rec;  /* quote record of a quote token */
		uint32_t ch;  /* code point of a punctuation token */
	};
	unsigned char kind;
	unsigned char cuelen; /* tokens of the cue starting here, or 0 */
	bool cap;         /* word starting with a capital letter */
	bool noun;        /* a cue after a possessive: a noun */
};

struct ment {
	size_t sent, b0, b1;
	size_t tok;       /* first token, or NOSIZE (inside a quote) */
	int type, id;
	bool inquote;
};

struct seg {
	size_t sent;
	size_t m0, b0, b1, m1; /* opening mark, content, end of closing mark */
	size_t tok;            /* its quote token, or NOSIZE (dead record) */
	int rec;
};

struct rec {
	size_t seg0, nseg;
	bool closed, dead;
	bool merged;      /* written as the second half of the quote before */
	size_t from;      /* when partly so: the first segment left, else 0 */
	int kind;         /* 'D' or 'S' */
};

struct sinfo {
	size_t tok0, ntok;
	size_t m0, nm;
	size_t seg0, nseg;
	size_t lead;      /* first token that is not punctuation other than , : */
	size_t end;       /* the token after the last one that is not punctuation */
	/* Its attributions, computed once (many quotes may share a long
	 * sentence): those with a listed speaker, then the weak ones, each
	 * run in token order. */
	size_t at0, nstrong, nweak;
	bool cued;        /* the attributions above are computed */
	unsigned long parseq; /* paragraph ordinal, from 1 */
	bool has_quote;
	bool used;        /* consumed as the attribution of a quote */
};

enum { SP_ENT = 1, SP_PRON, SP_NOUN, SP_NAME, SP_FROM };

struct attr {
	bool ok;
	size_t sent;
	size_t cue0, cue1;   /* token range of the cue (global indices) */
	size_t sp0, sp1;     /* token range of the speaker */
	int sp_kind;
	int ment;            /* mention of an entity speaker */
	int res;             /* mention giving the canonical name, or -1 */
	bool before;         /* the speaker stands before the cue */
	bool weak;           /* a common noun outside the lists */
	bool far;            /* the subject of the sentence, not next to the cue */
	bool label;          /* the cue introduces quoted words only */
	/* An attribution kept in wire_quoter.at (CACHED, at SLOT) remembers
	 * its reported clause there once found: CLAUSE 0 not yet, 1 none, 2
	 * bytes [CL0, CL1). */
	bool cached;
	size_t slot;
	int clause;
	size_t cl0, cl1;
};

struct last {
	int ment;            /* -1: none */
	size_t sent;
	unsigned long parseq;
};

struct outrow {
	size_t sent, byte;   /* sort key */
	struct wire_quote q;
	size_t qo, so, mo, co, xo; /* offsets in the arena */
};

/* A slot of the per-document tables: KEY 0 is empty. */
struct slot {
	uint64_t key;
	int val;
};

struct wire_quoter {
	struct wordmap map;
	/* entity id -> its longest mention; PER surname -> a mention */
	struct slot *ids, *surnames;
	/* cleans a speaker's name as the tagger does (the entities column
	 * carries ids, not names) */
	struct wire_linker *lk;
	size_t htcap;   /* allocated slots */
	size_t htn;     /* slots in use for this document, a power of two */
	/* per document, reused */
	struct sinfo *si;
	size_t sicap;
	struct tok *tok;
	size_t ntok, tokcap;
	struct ment *ment;
	size_t nment, mentcap;
	/* per mention: the nearest person / organisation at or before it,
	 * outside quotes, or -1; a pronoun's antecedent in constant time */
	int *prev_per, *prev_org;
	size_t prevcap;
	struct attr *at;         /* the sentences' attributions (sinfo.at0) */
	size_t nat, atcap;
	struct seg *seg;
	size_t nseg, segcap;
	struct rec *rec;
	size_t nrec, reccap;
	struct outrow *out;
	size_t nout, outcap;
	struct wire_quote *res;
	size_t rescap;
	struct wire_buf arena;
	struct last last_per, last_org;
	/* the last unnamed speaker of each kind ("a report by the audit
	 * committee", "a spokesman"); ment unused */
	struct last anon_per, anon_org;
	bool has_anon_per, has_anon_org;
	struct attr para_attr;   /* last attribution, with its paragraph */
	unsigned long para_attr_par;
	const struct wire_quote_sent *s;
	size_t n;
};

/* ---- word map ---------------------------------------------------- */

static size_t
lower_key(const char *w, size_t len, char *key)
{
	size_t i;

	if (len >= MAXKEY)
		return 0;
	for (i = 0; i < len; i++)
		key[i] = (w[i] >= 'A' && w[i] <= 'Z') ? (char)(w[i] + 32) : w[i];
	key[len] = '\0';
	return len;
}

static size_t
map_slot(const struct wordmap *m, const char *k, size_t len)
{
	size_t mask = m->cap - 1;
	size_t i = (size_t)wire_hash64(k, len, 7) & mask;

	while (m->key[i] && (m->klen[i] != len || memcmp(m->key[i], k, len) != 0))
		i = (i + 1) & mask;
	return i;
}

static void
map_grow(struct wordmap *m)
{
	struct wordmap old = *m;
	size_t i, j;

	m->cap = old.cap ? old.cap * 2 : 512;
	m->key = wire_xcalloc(m->cap, sizeof *m->key);
	m->klen = wire_xcalloc(m->cap, sizeof *m->klen);
	m->flags = wire_xcalloc(m->cap, sizeof *m->flags);
	for (i = 0; i < old.cap; i++) {
		if (!old.key[i])
			continue;
		j = map_slot(m, old.key[i], old.klen[i]);
		m->key[j] = old.key[i];
		m->klen[j] = old.klen[i];
		m->flags[j] = old.flags[i];
	}
	free(old.key);
	free(old.klen);
	free(old.flags);
}

/* Adds FLAGS to word W (lower-cased here). */
static void
map_or(struct wordmap *m, const char *w, size_t len, uint32_t flags)
{
	char key[MAXKEY];
	size_t i;

	if (!lower_key(w, len, key))
		return;
	m->filter[filter_bit(key, len) >> 6] |= 1ull << (filter_bit(key, len) & 63);
	if ((m->count + 1) * 2 > m->cap)
		map_grow(m);
	i = map_slot(m, key, len);
	if (!m->key[i]) {
		m->key[i] = wire_xstrndup(key, len);
		m->klen[i] = len;
		m->count++;
	}
	m->flags[i] |= flags;
}

static uint32_t
map_get(const struct wordmap *m, const char *w, size_t len)
{
	char key[MAXKEY];
	size_t i;

	unsigned f;

	if (!m->cap || !len)
		return 0;
	f = filter_bit(w, len);
	if (!(m->filter[f >> 6] & (1ull << (f & 63))) || !lower_key(w, len, key))
		return 0;
	i = map_slot(m, key, len);
	return m->key[i] ? m->flags[i] : 0;
}

/* ---- word lists -------------------------------------------------- */

struct wire_quoter *
wire_quoter_new(void)
{
	struct wire_quoter *q = wire_xcalloc(1, sizeof *q);

	return q;
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool
word_is(const char *s, size_t len, const char *w)
{
	return strlen(w) == len && memcmp(s, w, len) == 0;
}

/* Class bits of a TYPE or CLASS word of list LIST, or 0 when unknown. */
static uint32_t
class_bits(enum wire_quote_list list, const char *c, size_t len)
{
	bool pron = list == WIRE_QL_PRONOUNS;

	if (list == WIRE_QL_PRONOUNS || list == WIRE_QL_NOUNS) {
		if (word_is(c, len, "PER"))
			return pron ? F_PRON_PER : F_NOUN_PER;
		if (word_is(c, len, "ORG"))
			return pron ? F_PRON_ORG : F_NOUN_ORG;
		if (word_is(c, len, "-"))
			return pron ? F_PRON_GEN : F_NOUN_GEN;
		return 0;
	}
	if (word_is(c, len, "AUX"))
		return F_AUX;
	if (word_is(c, len, "AFTER"))
		return F_AFTER;
	if (word_is(c, len, "DET"))
		return F_DET;
	if (word_is(c, len, "STOP"))
		return F_STOP;
	if (word_is(c, len, "PREP"))
		return F_PREP;
	if (word_is(c, len, "OBJECT"))
		return F_OBJECT;
	if (word_is(c, len, "SOURCE"))
		return F_SOURCE;
	if (word_is(c, len, "THAT"))
		return F_THAT;
	if (word_is(c, len, "CONJ"))
		return F_CONJ;
	if (word_is(c, len, "LABEL"))
		return F_LABEL;
	if (word_is(c, len, "INF"))
		return F_INF;
	return 0;
}

/* Adds the cue S (words separated by white space) in its normal form. */
static bool
add_cue(struct wire_quoter *q, const char *s, size_t len)
{
	char norm[MAXKEY];
	size_t n = 0, words = 0, i = 0, w0;

	while (i < len) {
		while (i < len && is_blank(s[i]))
			i++;
		if (i == len)
			break;
		w0 = i;
		while (i < len && !is_blank(s[i]))
			i++;
		if (n + (i - w0) + 1 >= MAXKEY || ++words > MAXCUEWORDS)
			return false;
		if (n)
			norm[n++] = ' ';
		memcpy(norm + n, s + w0, i - w0);
		n += i - w0;
		if (words == 1 && i < len)
			map_or(&q->map, s + w0, i - w0, F_CUEHEAD);
	}
	if (!n)
		return false;
	map_or(&q->map, norm, n, F_CUE);
	return true;
}

bool
wire_quoter_add(struct wire_quoter *q, enum wire_quote_list list,
                const char *line, size_t len)
{
	const char *b = line, *e = line + len, *c;
	uint32_t bits;

	while (b < e && is_blank(*b))
		b++;
	while (e > b && is_blank(e[-1]))
		e--;
	if (b == e || *b == '#')
		return true;
	if (list == WIRE_QL_CUES)
		return add_cue(q, b, (size_t)(e - b));
	/* WORD CLASS: the class is the last field, the word all before it. */
	c = e;
	while (c > b && !is_blank(c[-1]))
		c--;
	if (c == b)
		return false;
	bits = class_bits(list, c, (size_t)(e - c));
	if (!bits)
		return false;
	while (c > b && is_blank(c[-1]))
		c--;
	if (list == WIRE_QL_WORDS && memchr(b, ' ', (size_t)(c - b))) {
		/* A class on a cue of several words (according to SOURCE). */
		char norm[MAXKEY];
		size_t i, n = 0;

		for (i = 0; i < (size_t)(c - b) && n + 1 < MAXKEY; i++)
			if (!is_blank(b[i]) || (n && norm[n - 1] != ' '))
				norm[n++] = is_blank(b[i]) ? ' ' : b[i];
		map_or(&q->map, norm, n, bits);
		return true;
	}
	map_or(&q->map, b, (size_t)(c - b), bits);
	return true;
}

struct quoter_load {
	struct wire_quoter *q;
	enum wire_quote_list list;
};

static void
quoter_line(char *line, size_t len, const char *file, unsigned long lineno,
            void *arg)
{
	struct quoter_load *ql = arg;

	if (!wire_quoter_add(ql->q, ql->list, line, len))
		wire_die_at(file, lineno, "%s",
		            ql->list == WIRE_QL_CUES ? "cue of more than 4 words or too long"
		                                     : "expected WORD CLASS with a known class");
}

void
wire_quoter_load(struct wire_quoter *q, enum wire_quote_list list,
                 const char *file)
{
	struct quoter_load ql = {q, list};

	wire_each_line(file, quoter_line, &ql);
}

void
wire_quoter_load_defaults(struct wire_quoter *q)
{
	static const struct {
		const char *name;
		enum wire_quote_list list;
	} files[] = {
		{"cue-verbs", WIRE_QL_CUES},
		{"speaker-pronouns", WIRE_QL_PRONOUNS},
		{"speaker-nouns", WIRE_QL_NOUNS},
		{"quote-words", WIRE_QL_WORDS},
	};
	size_t i;
	char *path;

	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		path = wire_model_path(files[i].name);
		wire_quoter_load(q, files[i].list, path);
		free(path);
	}
}

void
wire_quoter_free(struct wire_quoter *q)
{
	size_t i;

	if (!q)
		return;
	for (i = 0; i < q->map.cap; i++)
		free(q->map.key[i]);
	free(q->map.key);
	free(q->map.klen);
	free(q->map.flags);
	free(q->ids);
	free(q->surnames);
	if (q->lk)
		wire_linker_free(q->lk);
	free(q->si);
	free(q->tok);
	free(q->ment);
	free(q->prev_per);
	free(q->prev_org);
	free(q->at);
	free(q->seg);
	free(q->rec);
	free(q->out);
	free(q->res);
	wire_buf_free(&q->arena);
	free(q);
}

/* ---- characters -------------------------------------------------- */

/* Decodes the code point at P (< END); an invalid byte reads as U+FFFD. */
static inline size_t
decode(const char *p, const char *end, uint32_t *cp)
{
	size_t n;

	if ((unsigned char)*p < 0x80) {
		*cp = (unsigned char)*p;
		return 1;
	}
	n = wire_utf8_decode(p, (size_t)(end - p), cp);

	if (!n) {
		*cp = WIRE_REPLACEMENT_CHAR;
		n = 1;
	}
	return n;
}

/* The code point ending just before P (> START). */
static uint32_t
decode_prev(const char *start, const char *p)
{
	const char *b = p - 1;
	uint32_t cp;

	while (b > start && ((unsigned char)*b & 0xC0) == 0x80 && p - b < 4)
		b--;
	if (wire_utf8_decode(b, (size_t)(p - b), &cp) != (size_t)(p - b))
		return WIRE_REPLACEMENT_CHAR;
	return cp;
}

static bool
is_space_cp(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 ||
	       (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F ||
	       c == 0x3000 || c == 0xFEFF;
}

/* Letters and digits; outside ASCII, everything but the punctuation and
 * symbol blocks that news text uses. */
static bool
is_alnum_cp(uint32_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
	if (c <= 0xBF || c == 0xD7 || c == 0xF7)
		return false;
	if ((c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) ||
	    c == 0xFEFF || c == 0xFFFD)
		return false;
	return true;
}

static bool
is_upper_cp(uint32_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) ||
	       (c >= 0x391 && c <= 0x3A9) || (c >= 0x410 && c <= 0x42F);
}

static bool
is_digit_cp(uint32_t c)
{
	return c >= '0' && c <= '9';
}

/* 'D' for a double quote mark, 'S' for a single one, else 0. */
static int
mark_kind(uint32_t c)
{
	switch (c) {
	case '"': case 0x201C: case 0x201D: case 0x201E: case 0xAB: case 0xBB:
		return 'D';
	case '\'': case 0x2018: case 0x2019:
		return 'S';
	default:
		return 0;
	}
}

static bool
is_open_bracket(uint32_t c)
{
	return c == '(' || c == '[' || c == '{' || c == 0x2014 || c == 0x2013 ||
	       c == '-' || c == '/';
}

/* ---- pass 1: quote marks ----------------------------------------- */

enum { M_NONE, M_OPEN, M_CLOSE };

#define MAXDEPTH 8

struct scan {
	int stack[MAXDEPTH];
	int depth;
	int rec;          /* record of the open top-level quote, or -1 */
};

static bool
stack_has(const struct scan *sc, int kind)
{
	int i;

	for (i = 0; i < sc->depth; i++)
		if (sc->stack[i] == kind)
			return true;
	return false;
}

/* What the mark C does, between the code points PREV and NEXT (0 at the
 * ends of the sentence). */
static int
mark_role(const struct scan *sc, uint32_t c, uint32_t prev, uint32_t next,
          uint32_t next2)
{
	bool lflank = next && !is_space_cp(next);
	bool rflank = prev && !is_space_cp(prev);
	bool after_space = !prev || is_space_cp(prev) || is_open_bracket(prev) ||
	                   mark_kind(prev) == 'D' || prev == ':';

	switch (c) {
	case 0x201C: case 0x201E: case 0xAB:
		return lflank ? M_OPEN : (stack_has(sc, 'D') ? M_CLOSE : M_NONE);
	case 0x201D: case 0xBB:
		if (stack_has(sc, 'D'))
			return M_CLOSE;
		return lflank && !rflank ? M_OPEN : M_NONE;
	case '"':
		if (stack_has(sc, 'D'))
			return rflank || !lflank ? M_CLOSE : M_OPEN;
		return lflank && !is_alnum_cp(prev) ? M_OPEN : M_NONE;
	case 0x2018:
		if (lflank && after_space && !(is_digit_cp(next) && is_digit_cp(next2)))
			return M_OPEN;
		return stack_has(sc, 'S') && rflank ? M_CLOSE : M_NONE;
	case 0x2019: case '\'':
		if (stack_has(sc, 'S') && rflank && !is_alnum_cp(next))
			return M_CLOSE;
		if (c == '\'' && lflank && after_space && is_alnum_cp(next) &&
		    !(is_digit_cp(next) && is_digit_cp(next2)))
			return M_OPEN;
		return M_NONE;
	default:
		return M_NONE;
	}
}

static struct seg *
new_seg(struct wire_quoter *q, size_t sent, size_t m0, size_t b0, int rec)
{
	struct seg *g;

	if (q->nseg == q->segcap) {
		q->segcap = q->segcap ? q->segcap * 2 : 64;
		q->seg = wire_xreallocarray(q->seg, q->segcap, sizeof *q->seg);
	}
	g = &q->seg[q->nseg++];
	g->sent = sent;
	g->m0 = m0;
	g->b0 = b0;
	g->b1 = g->m1 = q->s[sent].len;
	g->tok = NOSIZE;
	g->rec = rec;
	q->rec[rec].nseg++;
	return g;
}

static void
open_rec(struct wire_quoter *q, struct scan *sc, size_t sent, size_t m0,
         size_t b0, int kind)
{
	struct rec *r;

	if (q->nrec == q->reccap) {
		q->reccap = q->reccap ? q->reccap * 2 : 32;
		q->rec = wire_xreallocarray(q->rec, q->reccap, sizeof *q->rec);
	}
	r = &q->rec[q->nrec];
	memset(r, 0, sizeof *r);
	r->seg0 = q->nseg;
	r->kind = kind;
	sc->rec = (int)q->nrec++;
	sc->stack[0] = kind;
	sc->depth = 1;
	new_seg(q, sent, m0, b0, sc->rec);
}

/* Ends the open quote: closed by a mark at bytes [AT, END), or not (at
 * the end of a paragraph; a single mark never closed was an apostrophe). */
static void
close_rec(struct wire_quoter *q, struct scan *sc, size_t at, size_t end,
          bool closed)
{
	struct rec *r = &q->rec[sc->rec];

	if (closed) {
		q->seg[q->nseg - 1].b1 = at;
		q->seg[q->nseg - 1].m1 = end;
	}
	r->closed = closed;
	if (!closed && r->kind == 'S')
		r->dead = true;
	sc->depth = 0;
	sc->rec = -1;
}

static const unsigned char mark_lead[256] = {
	['"'] = 1, ['\''] = 1, [0xC2] = 1, [0xE2] = 1,
};

/* Scans sentence I for marks; START is where scanning begins. */
static void
scan_sentence(struct wire_quoter *q, struct scan *sc, size_t i, size_t start)
{
	const char *t = q->s[i].text, *end = t + q->s[i].len, *p, *np;
	uint32_t c, prev, next, next2;
	size_t n;
	int kind, role;

	for (p = t + start; p < end; p += n) {
		/* Only " ' and the lead bytes of « » “ ” „ ‘ ’ can start a mark. */
		while (p < end && !mark_lead[(unsigned char)*p])
			p++;
		if (p == end)
			break;
		if (*p == '\'' && p + 1 < end && p[1] == '\'') {
			/* Two apostrophes for a double mark: ''Yes,'' he said. */
			c = '"';
			n = 2;
		} else
			n = decode(p, end, &c);
		kind = mark_kind(c);
		if (!kind)
			continue;
		prev = p > t ? decode_prev(t, p) : 0;
		next = next2 = 0;
		np = p + n;
		if (np < end) {
			np += decode(np, end, &next);
			if (np < end)
				decode(np, end, &next2);
		}
		role = mark_role(sc, c, prev, next, next2);
		if (role == M_OPEN) {
			if (sc->depth == 0)
				open_rec(q, sc, i, (size_t)(p - t), (size_t)(p - t) + n, kind);
			else if (kind == 'D' && sc->stack[0] == 'D' && sc->depth == 1) {
				/* A second opening double mark: the first one was never
				 * closed; end it here and start again. */
				close_rec(q, sc, (size_t)(p - t), (size_t)(p - t), true);
				open_rec(q, sc, i, (size_t)(p - t), (size_t)(p - t) + n, kind);
			} else if (sc->depth < MAXDEPTH)
				sc->stack[sc->depth++] = kind;
		} else if (role == M_CLOSE && sc->depth > 0) {
			while (sc->depth > 0 && sc->stack[sc->depth - 1] != kind)
				sc->depth--;
			if (sc->depth > 0)
				sc->depth--;
			if (sc->depth == 0)
				close_rec(q, sc, (size_t)(p - t), (size_t)(p - t) + n, true);
		}
	}
}

/* Byte after the continuation mark opening sentence I, or 0 when it does
 * not open with a mark of KIND; *AT gets the mark's own offset. */
static size_t
continuation_mark(const struct wire_quoter *q, size_t i, int kind, size_t *at)
{
	const char *t = q->s[i].text, *end = t + q->s[i].len, *p = t;
	uint32_t c = 0;
	size_t n = 0;

	while (p < end) {
		n = decode(p, end, &c);
		if (!is_space_cp(c))
			break;
		p += n;
	}
	if (p + 1 < end && p[0] == '\'' && p[1] == '\'') {
		c = '"';
		n = 2;
	}
	if (p == end || mark_kind(c) != kind)
		return 0;
	if (c == 0x201D || c == 0xBB || c == 0x2019)
		return 0;
	*at = (size_t)(p - t);
	return (size_t)(p - t) + n;
}

static void
find_marks(struct wire_quoter *q)
{
	struct scan sc = {{0}, 0, -1};
	size_t i, start, cont, at = 0, last = NOSIZE;

	for (i = 0; i < q->n; i++) {
		if (q->s[i].heading) {
			if (sc.depth > 0)
				close_rec(q, &sc, 0, 0, false);
			last = NOSIZE;
			continue;
		}
		start = 0;
		if (sc.depth > 0) {
			if (last != NOSIZE && q->s[last].par != q->s[i].par) {
				cont = continuation_mark(q, i, sc.stack[0], &at);
				if (cont) {
					sc.depth = 1;
					new_seg(q, i, at, cont, sc.rec);
					start = cont;
				} else
					close_rec(q, &sc, 0, 0, false);
			} else
				new_seg(q, i, 0, 0, sc.rec);
		}
		scan_sentence(q, &sc, i, start);
		last = i;
	}
	if (sc.depth > 0)
		close_rec(q, &sc, 0, 0, false);
}

/* ---- pass 2: mentions and tokens --------------------------------- */

static void
add_mentions(struct wire_quoter *q, size_t i)
{
	const struct wire_quote_sent *s = &q->s[i];
	size_t k, j, cur_cp = 0, cur_b = 0, lim = s->len;
	struct ment *m, tmp;

	q->si[i].m0 = q->nment;
	for (k = 0; k < s->nspans; k++) {
		const struct wire_span *sp = &s->spans[k];
		size_t b[2], want[2] = {sp->start, sp->end}, h;

		if (sp->end <= sp->start)
			continue;
		for (h = 0; h < 2; h++) {
			if (want[h] < cur_cp) {
				cur_cp = 0;
				cur_b = 0;
			}
			while (cur_cp < want[h] && cur_b < lim) {
				uint32_t c;

				cur_b += decode(s->text + cur_b, s->text + lim, &c);
				cur_cp++;
			}
			b[h] = cur_b;
		}
		if (b[0] >= b[1])
			continue;
		if (q->nment == q->mentcap) {
			q->mentcap = q->mentcap ? q->mentcap * 2 : 64;
			q->ment = wire_xreallocarray(q->ment, q->mentcap, sizeof *q->ment);
		}
		m = &q->ment[q->nment++];
		m->sent = i;
		m->b0 = b[0];
		m->b1 = b[1];
		m->type = sp->type;
		m->id = sp->id;
		m->tok = NOSIZE;
		m->inquote = false;
	}
	q->si[i].nm = q->nment - q->si[i].m0;
	/* Insertion sort by start: spans are usually in order already. */
	for (k = q->si[i].m0 + 1; k < q->nment; k++) {
		tmp = q->ment[k];
		for (j = k; j > q->si[i].m0 && q->ment[j - 1].b0 > tmp.b0; j--)
			q->ment[j] = q->ment[j - 1];
		q->ment[j] = tmp;
	}
}

static struct tok *
new_tok(struct wire_quoter *q, int kind, size_t b0, size_t b1)
{
	struct tok *t;

	if (q->ntok == q->tokcap) {
		q->tokcap = q->tokcap ? q->tokcap * 2 : 256;
		q->tok = wire_xreallocarray(q->tok, q->tokcap, sizeof *q->tok);
	}
	t = &q->tok[q->ntok++];
	memset(t, 0, sizeof *t);
	t->kind = (unsigned char)kind;
	t->b0 = b0;
	t->b1 = b1;
	t->ment = -1;
	t->rec = -1;
	return t;
}

/* A word joiner: - ' ’ . & between letters or digits. */
static bool
is_joiner(uint32_t c)
{
	return c == '-' || c == '\'' || c == 0x2019 || c == '.' || c == '&';
}

/* Cuts text[b0, b1) of sentence I into word and punctuation tokens. */
static void
tokenize_range(struct wire_quoter *q, size_t i, size_t b0, size_t b1)
{
	const char *t = q->s[i].text, *end, *p, *w;
	uint32_t c, d;
	size_t n, m;
	struct tok *k;

	if (b1 > UINT32_MAX)
		b1 = UINT32_MAX;
	if (b0 > b1)
		b0 = b1;
	end = t + b1;
	p = t + b0;
	while (p < end) {
		/* ASCII letters and spaces, the bulk of the text, first. */
		if (*p == ' ') {
			p++;
			continue;
		}
		n = decode(p, end, &c);
		if (is_space_cp(c)) {
			p += n;
			continue;
		}
		if (!is_alnum_cp(c)) {
			k = new_tok(q, T_PUNCT, (size_t)(p - t), (size_t)(p - t) + n);
			k->ch = c;
			p += n;
			continue;
		}
		w = p;
		k = new_tok(q, T_WORD, (size_t)(p - t), 0);
		k->cap = is_upper_cp(c);
		p += n;
		while (p < end) {
			n = decode(p, end, &c);
			if (is_alnum_cp(c)) {
				p += n;
				continue;
			}
			if (!is_joiner(c) || p + n >= end)
				break;
			m = decode(p + n, end, &d);
			if (!is_alnum_cp(d))
				break;
			p += n + m;
		}
		/* Abbreviations keep their period: Mr. V. U.N. and, since
		 * sentences are already split, any period that a comma or a
		 * lower-case word follows (R-Ky., U.S. officials). */
		if (p < end && *p == '.' &&
		    ((k->cap && p - w <= 3) ||
		     (p + 1 < end && (p[1] == ',' || p[1] == ';' || p[1] == ')')) ||
		     (p + 2 < end && p[1] == ' ' && p[2] >= 'a' && p[2] <= 'z')))
			p++;
		k->b1 = (size_t)(p - t);
		k->flags = map_get(&q->map, w, (size_t)(p - w));
	}
}

/* Connecticut's, Putin’s: a word that acts as a determiner; not he's
 * or it's (is, has). */
static bool
possessive_word(const struct wire_quoter *q, const char *w, const struct tok *t)
{
	size_t n;

	if (t->kind != T_WORD || t->b1 - t->b0 < 3 || w[t->b1 - 1] != 's')
		return false;
	if (w[t->b1 - 2] == '\'')
		n = 2;
	else if (t->b1 - t->b0 >= 5 && memcmp(w + t->b1 - 4, "\xE2\x80\x99", 3) == 0)
		n = 4;
	else
		return false;
	return !(map_get(&q->map, w + t->b0, t->b1 - t->b0 - n) &
	         (F_PRON | F_THAT | F_STOP | F_DET | F_AUX));
}

/* An adverb by its form: a lower-case word ending in -ly.  TEXT is the
 * token's sentence. */
static bool
is_ly(const char *text, const struct tok *t)
{
	const char *w = text + t->b0;
	size_t len = t->b1 - t->b0;

	return t->kind == T_WORD && !t->cap && len > 3 && w[len - 2] == 'l' &&
	       w[len - 1] == 'y';
}

/* A participle or gerund by its form: a word ending in -ing. */
static bool
is_ing(const char *text, const struct tok *t)
{
	size_t len = t->b1 - t->b0;

	return len > 4 && memcmp(text + t->b1 - 3, "ing", 3) == 0;
}

/* Whether word token T of TEXT is one of WORDS (NULL-terminated). */
static bool
word_in(const char *text, const struct tok *t, const char *const *words)
{
	size_t i;

	if (t->kind != T_WORD)
		return false;
	for (i = 0; words[i]; i++)
		if (word_is(text + t->b0, t->b1 - t->b0, words[i]))
			return true;
	return false;
}

/* "think tank": a cue word that is the first half of a noun. */
static bool
noun_compound(const char *text, const struct tok *a, const struct tok *next)
{
	static const char *const tanks[] = {"tank", "tanks", NULL};

	return next && word_is(text + a->b0, a->b1 - a->b0, "think") &&
	       word_in(text, next, tanks);
}

/* "added fuel to speculation": add with an object is not speech, which
 * follows it after "that", a colon, a quote, a comma or an adverb, or
 * inverted after a determiner or a name ("added the minister"). */
static bool
add_object(const char *text, const struct tok *a, const struct tok *next)
{
	static const char *const adds[] = {"add", "adds", "added", "adding", NULL};

	return next && next->kind == T_WORD && !next->cap &&
	       !(next->flags & (F_STOP | F_DET | F_PREP | F_THAT | F_PRON | F_AUX)) &&
	       !is_ly(text, next) && /* "she added warily:" */
	       word_in(text, a, adds);
}

/* An -ing cue used as a noun after a determiner and an adjective, before
 * a place or time: "issued a red warning for the region".  After a noun
 * it is a verb ("a statement warning that ...", "a statement calling on
 * the United States to ..."), which only the preposition after it tells
 * apart, so the list is short. */
static bool
ing_noun(const struct wire_quoter *q, const char *text, size_t k, size_t t0,
         size_t nt)
{
	static const char *const preps[] = {"for", "over", "across", "in", "at", NULL};

	return k >= t0 + 2 && k + 1 < t0 + nt && is_ing(text, &q->tok[k]) &&
	       q->tok[k - 1].kind == T_WORD && !q->tok[k - 1].cap &&
	       q->tok[k - 2].kind == T_WORD && (q->tok[k - 2].flags & F_DET) &&
	       word_in(text, &q->tok[k + 1], preps);
}

/* Marks the cues that start at each word: several words first. */
static void
find_cues(struct wire_quoter *q, size_t t0, size_t nt, const char *text)
{
	size_t k, j, n, len;
	char key[MAXKEY];
	struct tok *a;

	for (k = t0; k < t0 + nt; k++) {
		a = &q->tok[k];
		/* A cue is a lower-case verb: not "States" in a name, nor a
		 * noun after a determiner ("the report", "his comment"). */
		if (a->kind != T_WORD || (a->cap && k != t0) ||
		    (k > t0 && q->tok[k - 1].kind == T_WORD &&
		     (q->tok[k - 1].flags & F_DET)) ||
		    noun_compound(text, a, k + 1 < t0 + nt ? &q->tok[k + 1] : NULL) ||
		    add_object(text, a, k + 1 < t0 + nt ? &q->tok[k + 1] : NULL) ||
		    ing_noun(q, text, k, t0, nt))
			continue;
		/* After a possessive it is a noun too, a cue only with its
		 * clause: "Trump's claim that ...", not "Trump's tweet to
		 * invite ..." nor "Obama's remarks on Saturday". */
		a->noun = k > t0 && possessive_word(q, text, &q->tok[k - 1]);
		if (a->flags & F_CUEHEAD) {
			len = 0;
			for (j = k, n = 0; j < t0 + nt && n < MAXCUEWORDS; j++, n++) {
				const struct tok *b = &q->tok[j];

				if (b->kind != T_WORD || len + (b->b1 - b->b0) + 1 >= MAXKEY)
					break;
				if (len)
					key[len++] = ' ';
				memcpy(key + len, text + b->b0, b->b1 - b->b0);
				len += b->b1 - b->b0;
				if (n > 0 && (map_get(&q->map, key, len) & F_CUE))
					a->cuelen = (unsigned char)(n + 1);
			}
		}
		if (!a->cuelen && (a->flags & F_CUE))
			a->cuelen = 1;
	}
}

static void
tokenize(struct wire_quoter *q, size_t i)
{
	struct sinfo *si = &q->si[i];
	size_t at = 0, g, k, mi;
	struct tok *t;

	si->tok0 = q->ntok;
	for (g = si->seg0; g < si->seg0 + si->nseg; g++) {
		const struct seg *sg = &q->seg[g];

		if (q->rec[sg->rec].dead)
			continue;
		tokenize_range(q, i, at, sg->m0 > at ? sg->m0 : at);
		q->seg[g].tok = q->ntok;
		t = new_tok(q, T_QUOTE, sg->b0, sg->b1);
		t->rec = sg->rec;
		si->has_quote = true;
		at = sg->m1;
	}
	tokenize_range(q, i, at, q->s[i].len);
	si->ntok = q->ntok - si->tok0;
	for (k = si->tok0; k < q->ntok; k++)
		if (q->tok[k].kind != T_PUNCT || q->tok[k].ch == ',' ||
		    q->tok[k].ch == ':')
			break;
	si->lead = k;
	for (k = q->ntok; k > si->tok0 && q->tok[k - 1].kind == T_PUNCT; k--)
		;
	si->end = k;
	find_cues(q, si->tok0, si->ntok, q->s[i].text);
	/* Tie tokens to the mentions that cover them. */
	mi = si->m0;
	for (k = si->tok0; k < q->ntok; k++) {
		t = &q->tok[k];
		if (t->kind == T_QUOTE)
			continue;
		while (mi < si->m0 + si->nm && q->ment[mi].b1 <= t->b0)
			mi++;
		if (mi < si->m0 + si->nm && q->ment[mi].b0 <= t->b0) {
			t->ment = (int)mi;
			if (q->ment[mi].tok == NOSIZE)
				q->ment[mi].tok = k;
		}
	}
	for (mi = si->m0; mi < si->m0 + si->nm; mi++)
		if (q->ment[mi].tok == NOSIZE)
			q->ment[mi].inquote = true;
}

/* ---- pass 3: speakers -------------------------------------------- */

static bool
is_punct(const struct tok *t, uint32_t c)
{
	return t->kind == T_PUNCT && t->ch == c;
}

static bool
is_speaker_type(int type)
{
	return type == WIRE_PER || type == WIRE_ORG || type == WIRE_LOC;
}

/* Token range [*A, *B) of the mention token K belongs to. */
static void
mention_extent(const struct wire_quoter *q, size_t k, size_t lo, size_t hi,
               size_t *a, size_t *b)
{
	int m = q->tok[k].ment;

	*a = k;
	*b = k + 1;
	while (*a > lo && q->tok[*a - 1].ment == m)
		(*a)--;
	while (*b < hi && q->tok[*b].ment == m)
		(*b)++;
}

static bool
ent_tok(const struct wire_quoter *q, size_t k)
{
	const struct tok *t = &q->tok[k];

	return t->kind == T_WORD && t->ment >= 0 &&
	       is_speaker_type(q->ment[t->ment].type);
}

/* A capitalised word that can be part of a name. */
static bool
name_word(const struct tok *t)
{
	return t->kind == T_WORD && t->cap && !t->cuelen &&
	       !(t->flags & (F_STOP | F_DET | F_AUX | F_PRON | F_PREP | F_AFTER));
}

static void
set_ent(const struct wire_quoter *q, struct attr *a, size_t k, size_t lo,
        size_t hi)
{
	a->sp_kind = SP_ENT;
	a->ment = q->tok[k].ment;
	mention_extent(q, k, lo, hi, &a->sp0, &a->sp1);
}

static bool
possessive(const struct wire_quoter *q, size_t sent, size_t k)
{
	return possessive_word(q, q->s[sent].text, &q->tok[k]);
}

/* Start of a noun phrase ending at head J: a determiner or a possessive
 * ("Obama's former campaign strategist", "The New York businessman")
 * at most three modifiers before it; NOSIZE when there is none. */
static size_t
np_start(const struct wire_quoter *q, size_t sent, size_t j, size_t lo)
{
	size_t m;

	for (m = j; m > lo && j - m <= 3; m--) {
		const struct tok *p = &q->tok[m - 1];

		if (p->kind != T_WORD || p->cuelen ||
		    (p->flags & (F_STOP | F_AUX | F_PREP | F_THAT | F_PRON)))
			return NOSIZE;
		if ((p->flags & F_DET) || possessive(q, sent, m - 1)) {
			/* A possessive name belongs to the phrase. */
			while (m - 1 > lo && p->ment >= 0 && q->tok[m - 2].ment == p->ment)
				m--;
			return m - 1;
		}
	}
	return NOSIZE;
}

static bool
ends_with_s(const struct wire_quoter *q, size_t sent, size_t k)
{
	const struct tok *t = &q->tok[k];

	return t->kind == T_WORD && t->b1 - t->b0 > 3 &&
	       q->s[sent].text[t->b1 - 1] == 's' && q->s[sent].text[t->b1 - 2] != 's';
}

static bool subject_speaker(const struct wire_quoter *q, size_t k, size_t lo,
                            struct attr *a);
static bool subject_at(const struct wire_quoter *q, size_t k, size_t lo,
                       struct attr *a);

/* A comma or a dash, which set off an appositive. */
static bool
is_delim(const struct tok *t)
{
	return t->kind == T_PUNCT && (t->ch == ',' || t->ch == '-' ||
	                              t->ch == 0x2014 || t->ch == 0x2013);
}

/* The token before delimiter D, stepping over a parenthesis just before
 * it ("Jordan (R-Ohio),"); NOSIZE when there is none. */
static size_t
before_paren(const struct wire_quoter *q, size_t d, size_t lo)
{
	size_t m;

	if (d <= lo)
		return NOSIZE;
	if (!is_punct(&q->tok[d - 1], ')'))
		return d - 1;
	for (m = d - 1; m > lo && d - m < 12 && !is_punct(&q->tok[m - 1], '('); m--)
		;
	if (m <= lo + 1 || !is_punct(&q->tok[m - 1], '('))
		return NOSIZE;
	return m - 2;
}

/* The subject before an appositive that ends at token D: "Rendell, a
 * Clinton surrogate, said", "Trump, speaking to veterans, said".  The
 * leftmost person followed by a comma or dash, else any entity, else a
 * capitalised name, within 16 tokens of the clause. */
static bool
appositive(const struct wire_quoter *q, size_t d, size_t lo,
           struct attr *a)
{
	size_t m, b, per = NOSIZE, ent = NOSIZE, name = NOSIZE;

	/* Relative clauses run long: "Christie, who has been ..., blasted". */
	for (m = d; m > lo && d - m < 28; m--) {
		const struct tok *t = &q->tok[m - 1];

		if (t->kind == T_QUOTE || is_punct(t, '.') || is_punct(t, ':') ||
		    is_punct(t, ';'))
			break;
		if (!is_delim(&q->tok[m]) || m - 1 == d - 1)
			continue;
		/* A dateline, "MOSCOW - ...", is not a subject. */
		if (m - 1 == lo && !is_punct(&q->tok[m], ','))
			continue;
		/* "Rep. Jim Jordan (R-Ohio), an oversight panel member," */
		b = before_paren(q, m, lo);
		if (b != NOSIZE && b + 1 != m) {
			if (ent_tok(q, b) && q->ment[q->tok[b].ment].type == WIRE_PER)
				per = b;
			continue;
		}
		if (ent_tok(q, m - 1)) {
			if (q->ment[t->ment].type == WIRE_PER)
				per = m - 1;
			else
				ent = m - 1;
		} else if (name_word(t))
			name = m - 1;
	}
	m = per != NOSIZE ? per : ent != NOSIZE ? ent : name;
	/* "A report by the audit committee, published last week, said": a
	 * description opening the sentence. */
	if (m == NOSIZE)
		return subject_at(q, d, lo, a) && a->sp_kind == SP_NOUN;
	if (m == name) {
		a->sp_kind = SP_NAME;
		a->sp1 = m + 1;
		for (a->sp0 = m; a->sp0 > lo && m - a->sp0 < 3 &&
		                 name_word(&q->tok[a->sp0 - 1]);
		     a->sp0--)
			;
		return true;
	}
	set_ent(q, a, m, lo, d);
	return true;
}

/* Speaker of the cue at token K standing before it, in [LO, K). */
static bool
speaker_before(const struct wire_quoter *q, size_t sent, size_t k, size_t lo,
               struct attr *a)
{
	size_t j = k, m, skipped = 0;
	bool comma = false;

	while (j > lo && skipped < 4 && q->tok[j - 1].kind == T_WORD &&
	       q->tok[j - 1].ment < 0 &&
	       ((q->tok[j - 1].flags & F_AUX) || is_ly(q->s[sent].text, &q->tok[j - 1]))) {
		j--;
		skipped++;
	}
	/* "... and has said": the subject of the sentence. */
	if (j > lo && (q->tok[j - 1].flags & F_CONJ) && q->tok[j - 1].kind == T_WORD) {
		a->far = true;
		return subject_speaker(q, j - 1, lo, a);
	}
	/* "Rep. Stephen Lynch (D-Mass.) said" */
	if (j > lo && is_punct(&q->tok[j - 1], ')')) {
		for (m = j - 1; m > lo && j - m < 12 && !is_punct(&q->tok[m - 1], '('); m--)
			;
		if (m > lo && is_punct(&q->tok[m - 1], '('))
			j = m - 1;
	}
	if (j > lo + 1 && is_delim(&q->tok[j - 1])) {
		size_t b = before_paren(q, j - 1, lo);

		/* "the mayor of Lille, Jean Morel, said": the person just
		 * before the comma; else the subject before an appositive. */
		if (b != NOSIZE && ent_tok(q, b) &&
		    q->ment[q->tok[b].ment].type == WIRE_PER) {
			set_ent(q, a, b, lo, k);
			return true;
		}
		if (ent_tok(q, j - 2) && q->ment[q->tok[j - 2].ment].type == WIRE_PER) {
			set_ent(q, a, j - 2, lo, k);
			return true;
		}
		if (q->tok[j - 2].ment < 0 && name_word(&q->tok[j - 2]) &&
		    is_punct(&q->tok[j - 1], ',')) {
			a->sp_kind = SP_NAME;
			a->sp1 = j - 1;
			for (m = j - 2; m > lo && j - 2 - m < 3 && name_word(&q->tok[m - 1]); m--)
				;
			a->sp0 = m;
			return true;
		}
		if (appositive(q, j - 1, lo, a))
			return true;
		j--;
		comma = true;
	}
	if (j == lo)
		return false;
	j--;
	if (ent_tok(q, j)) {
		set_ent(q, a, j, lo, k);
		/* "Officials in the United States said": the place belongs to
		 * the speaker, a group. */
		m = a->sp0;
		if (m > lo && (q->tok[m - 1].flags & F_DET) && q->tok[m - 1].kind == T_WORD)
			m--;
		if (m > lo + 1 && (q->tok[m - 1].flags & F_PREP) &&
		    q->tok[m - 1].kind == T_WORD && q->tok[m - 2].kind == T_WORD &&
		    ((q->tok[m - 2].flags & F_NOUN) || ends_with_s(q, sent, m - 2)) &&
		    q->tok[m - 2].ment < 0) {
			size_t n0 = np_start(q, sent, m - 2, lo);

			a->sp_kind = SP_NOUN;
			a->ment = -1;
			a->sp0 = n0 != NOSIZE ? n0 : m - 2;
			a->weak = !(q->tok[m - 2].flags & F_NOUN);
		} else if (m > lo + 1 && (q->tok[m - 1].flags & F_PREP) &&
		           q->tok[m - 1].kind == T_WORD && ent_tok(q, m - 2) &&
		           q->ment[a->ment].type != WIRE_PER) {
			/* "the Commission of Inquiry on Syria said", "Clinton
			 * in Dublin said": the place is the speaker's. */
			set_ent(q, a, m - 2, lo, k);
		}
		return true;
	}
	if (comma && !(q->tok[j].flags & F_NOUN))
		return false;
	if (q->tok[j].kind != T_WORD)
		return false;
	if (q->tok[j].flags & F_PRON) {
		a->sp_kind = SP_PRON;
		a->sp0 = j;
		a->sp1 = j + 1;
		return true;
	}
	/* "Mr. King", "the International Atomic Energy Agency": a name. */
	if ((q->tok[j].flags & F_NOUN) && q->tok[j].cap && j > lo &&
	    name_word(&q->tok[j - 1]) && !comma) {
		for (m = j; m > lo && j - m < 5 && name_word(&q->tok[m - 1]); m--)
			;
		a->sp_kind = SP_NAME;
		a->sp0 = m;
		a->sp1 = j + 1;
		return true;
	}
	if (q->tok[j].flags & F_NOUN) {
		for (m = j; m > lo && j - m < 4; m--) {
			const struct tok *p = &q->tok[m - 1];

			if (p->kind != T_WORD || p->cuelen ||
			    (p->flags & (F_STOP | F_AUX | F_PREP | F_THAT)))
				break;
			if (p->flags & F_DET) {
				m--;
				break;
			}
		}
		/* "Peskov, the Kremlin spokesman, said": the name wins. */
		if (comma && m >= lo + 2 && is_punct(&q->tok[m - 1], ',') &&
		    ent_tok(q, m - 2)) {
			set_ent(q, a, m - 2, lo, k);
			return true;
		}
		a->sp_kind = SP_NOUN;
		a->sp0 = m;
		a->sp1 = j + 1;
		return true;
	}
	/* Any plural, or a word after a determiner: "port managers said",
	 * "the lawyer said"; unresolved, like "officials". */
	if (!comma && !q->tok[j].cap && !q->tok[j].cuelen &&
	    !(q->tok[j].flags & (F_STOP | F_AUX | F_PREP | F_THAT | F_DET | F_AFTER)) &&
	    !is_ly(q->s[sent].text, &q->tok[j]) &&
	    (ends_with_s(q, sent, j) || np_start(q, sent, j, lo) != NOSIZE)) {
		m = np_start(q, sent, j, lo);
		if (m == NOSIZE) {
			m = j;
			if (m > lo && q->tok[m - 1].kind == T_WORD &&
			    !(q->tok[m - 1].flags & (F_STOP | F_AUX | F_PREP | F_THAT)) &&
			    !q->tok[m - 1].cuelen)
				m--;
		}
		a->sp_kind = SP_NOUN;
		a->sp0 = m;
		a->sp1 = j + 1;
		a->weak = true;
		return true;
	}
	if (!comma && name_word(&q->tok[j])) {
		for (m = j; m > lo && j - m < 3 && name_word(&q->tok[m - 1]); m--)
			;
		a->sp_kind = SP_NAME;
		a->sp0 = m;
		a->sp1 = j + 1;
		return true;
	}
	return false;
}

/* Tokens of an entity made a modifier by a hyphenated word: "U.K.-based"
 * (three tokens: the abbreviation keeps its period), "Kremlin-backed"
 * (one); 0 when token J starts none. */
static size_t
hyphen_modifier(const struct wire_quoter *q, size_t j, size_t hi)
{
	const struct tok *t = &q->tok[j];
	const struct ment *m;

	if (t->kind != T_WORD || t->ment < 0)
		return 0;
	m = &q->ment[t->ment];
	if (t->b1 > m->b1 && q->s[m->sent].text[m->b1] == '-')
		return 1;
	if (j + 2 < hi && is_punct(&q->tok[j + 1], '-') &&
	    q->tok[j + 1].b0 == t->b1 && q->tok[j + 2].kind == T_WORD &&
	    q->tok[j + 2].b0 == q->tok[j + 1].b1 && !q->tok[j + 2].cap)
		return 3;
	return 0;
}

/* The first token from M (below HI) after the place and nationality that
 * describe the body that speaks: "the U.K.-based Syrian Observatory". */
static size_t
after_modifiers(const struct wire_quoter *q, size_t m, size_t hi)
{
	size_t j = m, mod;

	for (;;) {
		if (j < hi && (mod = hyphen_modifier(q, j, hi)) > 0)
			j += mod;
		else if (j > m && j < hi && q->tok[j].kind == T_WORD &&
		         q->tok[j].ment >= 0 && !ent_tok(q, j))
			j++;
		else
			return j;
	}
}

/* Speaker standing after the cue, from token K (below HI). */
static bool
speaker_after(const struct wire_quoter *q, size_t k, size_t hi, struct attr *a)
{
	size_t j, m, first;

	if (k >= hi || q->tok[k].kind != T_WORD)
		return false;
	/* "said European Council President Donald Tusk": the person in a
	 * run of capitalised words, else the entity that opens it. */
	for (j = k; j < hi && j < k + 8 && q->tok[j].kind == T_WORD &&
	            (q->tok[j].cap || ent_tok(q, j));
	     j++)
		if (ent_tok(q, j) && q->ment[q->tok[j].ment].type == WIRE_PER) {
			set_ent(q, a, j, k, hi);
			return true;
		}
	/* "said 9/11 widow Terry Strada", "said the Rev. Peter Wherry". */
	for (j = k; j < hi && j < k + 6 && q->tok[j].kind != T_QUOTE &&
	            !is_delim(&q->tok[j]) && !is_punct(&q->tok[j], '.') &&
	            !(q->tok[j].flags & (F_NOUN | F_PREP | F_STOP | F_PRON));
	     j++)
		if (ent_tok(q, j) && q->ment[q->tok[j].ment].type == WIRE_PER) {
			set_ent(q, a, j, k, hi);
			return true;
		}
	if (ent_tok(q, k)) {
		set_ent(q, a, k, k, hi);
		return true;
	}
	if (q->tok[k].flags & F_PRON) {
		a->sp_kind = SP_PRON;
		a->sp0 = k;
		a->sp1 = k + 1;
		return true;
	}
	m = k;
	if (q->tok[k].flags & F_DET)
		m++;
	first = after_modifiers(q, m, hi);
	for (j = first; j < hi && j < m + 5 && q->tok[j].kind == T_WORD; j++) {
		if (ent_tok(q, j) && j == first) {
			set_ent(q, a, j, k, hi);
			return true;
		}
		if (q->tok[j].flags & F_NOUN) {
			/* The longest run of description words: "the news service". */
			while (j + 1 < hi && q->tok[j + 1].kind == T_WORD &&
			       (q->tok[j + 1].flags & F_NOUN) && j + 1 < m + 4)
				j++;
			a->sp_kind = SP_NOUN;
			a->sp0 = k;
			a->sp1 = j + 1;
			return true;
		}
		if (q->tok[j].flags & (F_STOP | F_PREP | F_AUX | F_THAT) ||
		    q->tok[j].cuelen)
			break;
	}
	if (m == k && name_word(&q->tok[k])) {
		for (j = k + 1; j < hi && j < k + 4 && name_word(&q->tok[j]); j++)
			;
		a->sp_kind = SP_NAME;
		a->sp0 = k;
		a->sp1 = j;
		return true;
	}
	return false;
}

/* The subject opening the sentence (tokens from LO, before K): an entity,
 * a pronoun or a description after capitalised or function words. */
static bool
subject_speaker(const struct wire_quoter *q, size_t k, size_t lo,
                struct attr *a)
{
	size_t j;

	/* "Later in the day, Trump attacked ...": after the opening phrase. */
	if (subject_at(q, k, lo, a))
		return true;
	for (j = lo; j < k && j < lo + 12; j++)
		if (is_punct(&q->tok[j], ','))
			return subject_at(q, k, j + 1, a);
	return false;
}

static bool
subject_at(const struct wire_quoter *q, size_t k, size_t lo, struct attr *a)
{
	size_t j, m;

	for (j = lo; j < k && j < lo + 8; j++) {
		const struct tok *t = &q->tok[j];

		if (t->kind != T_WORD)
			return false;
		if (ent_tok(q, j)) {
			set_ent(q, a, j, lo, k);
			return true;
		}
		if (t->flags & (F_PRON_PER | F_PRON_ORG)) {
			a->sp_kind = SP_PRON;
			a->sp0 = j;
			a->sp1 = j + 1;
			return true;
		}
		/* "Democratic presidential nominee Hillary Clinton": the
		 * name after its title. */
		if ((t->flags & F_NOUN) && j + 1 < k && ent_tok(q, j + 1) &&
		    q->ment[q->tok[j + 1].ment].type == WIRE_PER) {
			set_ent(q, a, j + 1, lo, k);
			return true;
		}
		if (t->flags & F_NOUN) {
			for (m = j; m > lo && !(q->tok[m].flags & F_DET) &&
			            (q->tok[m - 1].flags & F_DET || j - m < 2) &&
			            q->tok[m - 1].kind == T_WORD;
			     m--)
				;
			a->sp_kind = SP_NOUN;
			a->sp0 = m;
			a->sp1 = j + 1;
			return true;
		}
		/* A modifier of a listed noun: "presidential nominee". */
		if (!t->cap && !(t->flags & (F_STOP | F_DET)) &&
		    !(j + 1 < k && q->tok[j + 1].kind == T_WORD &&
		      (q->tok[j + 1].flags & F_NOUN)))
			return false;
	}
	return false;
}

/* Attribution of the cue at token K of sentence SENT (tokens [LO, HI)). */
static bool
cue_attr(const struct wire_quoter *q, size_t sent, size_t k, size_t lo,
         size_t hi, struct attr *a)
{
	const struct tok *c = &q->tok[k];
	size_t ke = k + c->cuelen;
	uint32_t cf;
	bool inverted;

	memset(a, 0, sizeof *a);
	a->ment = a->res = -1;
	a->sent = sent;
	a->cue0 = k;
	a->cue1 = ke;
	cf = c->flags;
	if (c->cuelen > 1) {
		char key[MAXKEY];
		size_t len = 0, j;
		const char *text = q->s[sent].text;

		for (j = k; j < ke; j++) {
			if (len)
				key[len++] = ' ';
			memcpy(key + len, text + q->tok[j].b0, q->tok[j].b1 - q->tok[j].b0);
			len += q->tok[j].b1 - q->tok[j].b0;
		}
		cf = map_get(&q->map, key, len);
	}
	a->label = (cf & F_LABEL) != 0;
	if (c->noun && !(ke < hi && q->tok[ke].kind == T_WORD &&
	                 (q->tok[ke].flags & F_THAT)))
		return false;
	if (cf & F_SOURCE) {
		a->before = false;
		return (a->ok = speaker_after(q, ke, hi, a));
	}
	/* "..., saying that": the speaker is the subject of the sentence. */
	if (k > lo && is_punct(&q->tok[k - 1], ',') && is_ing(q->s[sent].text, c)) {
		if (!subject_speaker(q, k, lo, a))
			return false;
		a->before = true;
		a->far = true;
		return (a->ok = true);
	}
	if (speaker_before(q, sent, k, lo, a)) {
		a->before = true;
		return (a->ok = true);
	}
	/* "..., said the report": only right after a quote or a comma, or at
	 * the start, and never for cues whose object is the addressee. */
	inverted = k == lo || q->tok[k - 1].kind == T_QUOTE ||
	           is_punct(&q->tok[k - 1], ',');
	if (inverted && !(cf & (F_OBJECT | F_LABEL)) && speaker_after(q, ke, hi, a)) {
		a->before = false;
		return (a->ok = true);
	}
	return false;
}

/* ---- resolution -------------------------------------------------- */

/* True when mention M opens its sentence: only capitalised words,
 * function words or dashes before it. */
static bool
is_subject(const struct wire_quoter *q, const struct ment *m)
{
	const struct sinfo *si = &q->si[m->sent];
	size_t k, n = 0;

	for (k = si->tok0; k < m->tok; k++) {
		const struct tok *t = &q->tok[k];

		if (t->kind == T_WORD && (t->cap || (t->flags & (F_STOP | F_DET)))) {
			if (++n > 6)
				return false;
			continue;
		}
		return false;
	}
	return true;
}

static bool
fits(int want, int type)
{
	return want == WIRE_PER ? type == WIRE_PER : type == WIRE_ORG;
}

/* Whether an unnamed speaker of type WANT spoke in this or the previous
 * paragraph, after the last named one (L) and the nearest fitting
 * entity (NEAR). */
static bool
anon_since(const struct wire_quoter *q, int want, const struct last *l,
           int near, unsigned long parseq)
{
	const struct last *an = want == WIRE_PER ? &q->anon_per : &q->anon_org;

	if (!(want == WIRE_PER ? q->has_anon_per : q->has_anon_org) ||
	    an->parseq + 1 < parseq)
		return false;
	return (l->ment < 0 || an->sent > l->sent) &&
	       (near < 0 || q->ment[near].sent < an->sent);
}

/* The antecedent of a pronoun or description of type WANT at token K of
 * sentence SENT, or -1. */
static int
antecedent(const struct wire_quoter *q, size_t sent, size_t k, int want)
{
	const struct last *l = want == WIRE_PER ? &q->last_per : &q->last_org;
	const int *prev = want == WIRE_PER ? q->prev_per : q->prev_org;
	unsigned long parseq = q->si[sent].parseq;
	size_t lo = q->si[sent].m0, hi = lo + q->si[sent].nm, mid, lim;
	int near;

	/* Nearest fitting entity before, outside quotes, within 10 sentences:
	 * the mentions of the sentence that start before token K, then the
	 * table of the nearest fitting one (a mention may start inside the
	 * word before K and still have its first token at K). */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (q->ment[mid].b0 < q->tok[k].b0)
			lo = mid + 1;
		else
			hi = mid;
	}
	near = lo > 0 ? prev[lo - 1] : -1;
	while (near >= 0 && q->ment[near].sent == sent && q->ment[near].tok >= k)
		near = near > 0 ? prev[near - 1] : -1;
	lim = sent > 10 ? sent - 10 : 0;
	if (near >= 0 && q->ment[near].sent < lim)
		near = -1;
	/* The last speaker holds for the next paragraph; a body that spoke
	 * ("it said") for a few. */
	/* "A report by the committee said ... It said": the pronoun is the
	 * unnamed speaker's, when no fitting entity has come since. */
	if (anon_since(q, want, l, near, parseq))
		return -1;
	if (l->ment >= 0 && l->parseq + (want == WIRE_PER ? 1 : 4) >= parseq) {
		if (near >= 0 && q->ment[near].sent > l->sent &&
		    q->ment[near].id != q->ment[l->ment].id &&
		    is_subject(q, &q->ment[near]))
			return near;
		return l->ment;
	}
	return near;
}

static void
resolve(struct wire_quoter *q, struct attr *a)
{
	uint32_t f;
	int want, type;
	const char *w;

	a->res = -1;
	if (a->sp_kind == SP_ENT)
		a->res = a->ment;
	else if (a->sp_kind == SP_PRON || a->sp_kind == SP_NOUN ||
	         a->sp_kind == SP_FROM) {
		f = q->tok[a->sp1 - 1].flags;
		want = (f & (F_PRON_PER | F_NOUN_PER)) ? WIRE_PER
		     : (f & (F_PRON_ORG | F_NOUN_ORG)) ? WIRE_ORG : -1;
		if (want >= 0 && a->sp_kind != SP_PRON) {
			/* Only a definite description points back: "the
			 * minister", not "a minister" or "Putin's spokesman". */
			size_t k;

			w = q->s[a->sent].text + q->tok[a->sp0].b0;
			if (q->tok[a->sp0].b1 - q->tok[a->sp0].b0 != 3 ||
			    (w[0] | 32) != 't' || (w[1] | 32) != 'h' || (w[2] | 32) != 'e')
				want = -1;
			/* "the Vermont senator" is someone, "the Kremlin
			 * spokesman" or "Putin's aide" someone else. */
			for (k = a->sp0; k < a->sp1; k++)
				if (q->tok[k].ment >= 0 &&
				    q->ment[q->tok[k].ment].type != WIRE_LOC)
					want = -1;
			/* "the report" points back, "the transport ministry"
			 * introduces a body of its own. */
			if (want == WIRE_ORG && a->sp1 - a->sp0 > 2)
				want = -1;
		}
		if (want >= 0)
			a->res = antecedent(q, a->sent, a->sp0, want);
	}
	if (a->res < 0 && a->sp_kind == SP_NOUN && !a->weak) {
		f = q->tok[a->sp1 - 1].flags;
		if (f & (F_NOUN_PER | F_NOUN_ORG)) {
			struct last *an = (f & F_NOUN_PER) ? &q->anon_per : &q->anon_org;

			an->sent = a->sent;
			an->parseq = q->si[a->sent].parseq;
			*((f & F_NOUN_PER) ? &q->has_anon_per : &q->has_anon_org) = true;
		}
	}
	if (a->res >= 0) {
		type = q->ment[a->res].type;
		if (type == WIRE_PER) {
			q->last_per.ment = a->res;
			q->last_per.sent = a->sent;
			q->last_per.parseq = q->si[a->sent].parseq;
		} else {
			q->last_org.ment = a->res;
			q->last_org.sent = a->sent;
			q->last_org.parseq = q->si[a->sent].parseq;
		}
	}
}

/* ---- output ------------------------------------------------------ */

static void
arena_text(struct wire_quoter *q, const char *s, size_t len)
{
	wire_buf_add(&q->arena, s, len);
}

/* Appends S without white space at its ends, and a separating space
 * when the arena already holds part of this field (from FIELD0). */
static void
arena_trimmed(struct wire_quoter *q, size_t field0, const char *s, size_t len)
{
	while (len && is_blank(*s)) {
		s++;
		len--;
	}
	while (len && is_blank(s[len - 1]))
		len--;
	if (!len)
		return;
	if (q->arena.len > field0)
		wire_buf_addc(&q->arena, ' ');
	arena_text(q, s, len);
}

/* The slot of KEY in table T (HTCAP slots, a power of two): its own or
 * the empty one where it belongs. */
static struct slot *
ht_slot(struct slot *t, size_t cap, uint64_t key)
{
	size_t i = (size_t)wire_mix64(key) & (cap - 1);

	while (t[i].key && t[i].key != key)
		i = (i + 1) & (cap - 1);
	return &t[i];
}

/* The last word of mention M (bytes [*W, *W + *N)). */
static void
last_word(const struct wire_quoter *q, const struct ment *m, const char **w,
          size_t *n)
{
	const char *t = q->s[m->sent].text;
	size_t b = m->b1;

	while (b > m->b0 && t[b - 1] != ' ')
		b--;
	*w = t + b;
	*n = m->b1 - b;
}

/* Fills the tables: each entity id's longest mention, and for each last
 * word of a person's name of several words, that mention. */
static void
index_mentions(struct wire_quoter *q)
{
	size_t need = 16, i, n;
	struct slot *sl;
	const char *w;

	while (need < 2 * q->nment + 16)
		need *= 2;
	if (need > q->htcap) {
		q->htcap = need;
		q->ids = wire_xreallocarray(q->ids, need, sizeof *q->ids);
		q->surnames = wire_xreallocarray(q->surnames, need, sizeof *q->surnames);
	}
	/* Only as many slots as this document needs: clearing the largest
	 * document's table for every small one would cost more than all. */
	q->htn = need;
	memset(q->ids, 0, need * sizeof *q->ids);
	memset(q->surnames, 0, need * sizeof *q->surnames);
	for (i = 0; i < q->nment; i++) {
		const struct ment *m = &q->ment[i];

		if (m->id > 0) {
			sl = ht_slot(q->ids, q->htn, (uint64_t)m->id);
			if (!sl->key || m->b1 - m->b0 > q->ment[sl->val].b1 - q->ment[sl->val].b0) {
				sl->key = (uint64_t)m->id;
				sl->val = (int)i;
			}
		}
		last_word(q, m, &w, &n);
		if (m->type != WIRE_PER || n == 0 || n == m->b1 - m->b0)
			continue;
		sl = ht_slot(q->surnames, q->htn, wire_hash64(w, n, 11) | 1);
		if (!sl->key) {
			sl->key = wire_hash64(w, n, 11) | 1;
			sl->val = (int)i;
		}
	}
}

/* Fills prev_per and prev_org: for each mention, the nearest person and
 * organisation at or before it outside quotes. */
static void
index_fits(struct wire_quoter *q)
{
	size_t i;
	int per = -1, org = -1;

	if (q->nment > q->prevcap) {
		q->prevcap = q->nment;
		q->prev_per = wire_xreallocarray(q->prev_per, q->prevcap, sizeof(int));
		q->prev_org = wire_xreallocarray(q->prev_org, q->prevcap, sizeof(int));
	}
	for (i = 0; i < q->nment; i++) {
		if (!q->ment[i].inquote && fits(WIRE_PER, q->ment[i].type))
			per = (int)i;
		if (!q->ment[i].inquote && fits(WIRE_ORG, q->ment[i].type))
			org = (int)i;
		q->prev_per[i] = per;
		q->prev_org[i] = org;
	}
}

/* Canonical name of mention M: its entity's longest mention, cleaned as
 * wire-tag-entities cleans names, so that a quote's speaker is written
 * as in entities.csv ("Sergei V. Lavrov" -> Sergei Lavrov, no "Mr.").
 * One mention at a time: linking the whole document again would cost a
 * large document more than finding its quotes. */
static void
canonical(struct wire_quoter *q, int m)
{
	const struct ment *best = &q->ment[m];
	const struct slot *sl;
	const char *name;

	if (best->id > 0 && q->htn) {
		sl = ht_slot(q->ids, q->htn, (uint64_t)best->id);
		if (sl->key)
			best = &q->ment[sl->val];
	}
	if (!q->lk)
		q->lk = wire_linker_new();
	wire_linker_reset(q->lk);
	wire_linker_add(q->lk, best->type, q->s[best->sent].text + best->b0,
	                best->b1 - best->b0);
	wire_linker_resolve(q->lk);
	name = wire_linker_name(q->lk, wire_linker_id(q->lk, 0));
	if (name && *name)
		arena_text(q, name, strlen(name));
	else
		arena_text(q, q->s[best->sent].text + best->b0, best->b1 - best->b0);
}

static struct outrow *
new_out(struct wire_quoter *q, size_t sent, size_t byte, int type)
{
	struct outrow *o;

	if (q->nout == q->outcap) {
		q->outcap = q->outcap ? q->outcap * 2 : 32;
		q->out = wire_xreallocarray(q->out, q->outcap, sizeof *q->out);
	}
	o = &q->out[q->nout++];
	memset(o, 0, sizeof *o);
	o->sent = sent;
	o->byte = byte;
	o->q.first = sent;
	o->q.par = q->s[sent].par;
	o->q.sent = q->s[sent].sent;
	o->q.type = type;
	return o;
}

/* A person of the document whose name ends with the last word of the
 * untagged name of A ("Aas" -> Henrik Aas), or -1. */
static int
same_surname(const struct wire_quoter *q, const struct attr *a)
{
	const struct tok *t = &q->tok[a->sp1 - 1];
	const char *w = q->s[a->sent].text + t->b0, *mw;
	size_t n = t->b1 - t->b0, mn;
	const struct slot *sl;

	if (!q->htn)
		return -1;
	sl = ht_slot(q->surnames, q->htn, wire_hash64(w, n, 11) | 1);
	if (!sl->key)
		return -1;
	last_word(q, &q->ment[sl->val], &mw, &mn);
	return mn == n && memcmp(mw, w, n) == 0 ? sl->val : -1;
}

/* Speaker, mention and cue of attribution A (may be NULL) into O. */
static void
out_attr(struct wire_quoter *q, struct outrow *o, const struct attr *a)
{
	size_t k, start;
	const char *t;

	o->so = q->arena.len;
	if (a && a->res >= 0)
		canonical(q, a->res);
	else if (a && a->sp_kind == SP_NAME) {
		int m = same_surname(q, a);

		if (m >= 0)
			canonical(q, m);
		else
			arena_text(q, q->s[a->sent].text + q->tok[a->sp0].b0,
			           q->tok[a->sp1 - 1].b1 - q->tok[a->sp0].b0);
	}
	o->q.speaker_len = q->arena.len - o->so;
	o->mo = q->arena.len;
	if (a && a->sp_kind) {
		t = q->s[a->sent].text;
		if (a->sp_kind == SP_ENT)
			arena_text(q, t + q->ment[a->ment].b0,
			           q->ment[a->ment].b1 - q->ment[a->ment].b0);
		else
			arena_text(q, t + q->tok[a->sp0].b0,
			           q->tok[a->sp1 - 1].b1 - q->tok[a->sp0].b0);
	}
	o->q.mention_len = q->arena.len - o->mo;
	o->co = q->arena.len;
	if (a && a->cue1 > a->cue0) {
		t = q->s[a->sent].text;
		for (k = a->cue0; k < a->cue1; k++) {
			if (k > a->cue0)
				wire_buf_addc(&q->arena, ' ');
			start = q->arena.len;
			arena_text(q, t + q->tok[k].b0, q->tok[k].b1 - q->tok[k].b0);
			for (; start < q->arena.len; start++)
				if (q->arena.data[start] >= 'A' && q->arena.data[start] <= 'Z')
					q->arena.data[start] += 32;
		}
	}
	o->q.cue_len = q->arena.len - o->co;
}

/* ---- pass 4: quotations ------------------------------------------ */

/* Index of the quote token of record R in sentence SENT, or NOSIZE.  A
 * record has one segment per sentence, in order: a binary search, since
 * a sentence (or a line of minified script) may hold thousands. */
static size_t
seg_index(const struct wire_quoter *q, size_t sent, int r)
{
	const struct rec *rc = &q->rec[r];
	size_t lo = rc->seg0, hi = rc->seg0 + rc->nseg, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (q->seg[mid].sent < sent)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < rc->seg0 + rc->nseg && q->seg[lo].sent == sent)
		return lo;
	return NOSIZE;
}

static size_t
quote_tok(const struct wire_quoter *q, size_t sent, int r)
{
	size_t g = seg_index(q, sent, r);

	return g == NOSIZE ? NOSIZE : q->seg[g].tok;
}

/* First and end byte of token K of sentence SENT; a quote's with its
 * marks. */
static size_t
tok_b0(const struct wire_quoter *q, size_t sent, size_t k)
{
	const struct tok *t = &q->tok[k];

	return t->kind == T_QUOTE ? q->seg[seg_index(q, sent, t->rec)].m0 : t->b0;
}

static size_t
tok_b1(const struct wire_quoter *q, size_t sent, size_t k)
{
	const struct tok *t = &q->tok[k];

	return t->kind == T_QUOTE ? q->seg[seg_index(q, sent, t->rec)].m1 : t->b1;
}

/* A quote signed with a dash: "..." ― Carla Sanchez.  No cue. */
static bool
dash_attr(const struct wire_quoter *q, size_t sent, size_t k, size_t hi,
          struct attr *a)
{
	const struct tok *t = &q->tok[k];

	if (t->kind != T_PUNCT || !(t->ch == 0x2015 || t->ch == 0x2014 ||
	                            t->ch == 0x2013 || t->ch == '-'))
		return false;
	memset(a, 0, sizeof *a);
	a->ment = a->res = -1;
	a->sent = sent;
	if (!speaker_after(q, k + 1, hi, a) || a->sp_kind == SP_PRON ||
	    hi - a->sp1 > 1)
		return false;
	a->ok = true;
	return true;
}

static struct attr *
new_attr(struct wire_quoter *q)
{
	if (q->nat == q->atcap) {
		q->atcap = q->atcap ? q->atcap * 2 : 64;
		q->at = wire_xreallocarray(q->at, q->atcap, sizeof *q->at);
	}
	return &q->at[q->nat++];
}

/* Computes the attributions of sentence SENT once: the strong ones, then
 * the weak ones, each in token order. */
static void
sentence_attrs(struct wire_quoter *q, size_t sent)
{
	struct sinfo *si = &q->si[sent];
	size_t k, hi = si->tok0 + si->ntok, w;
	struct attr a;
	int pass;

	if (si->cued)
		return;
	si->cued = true;
	si->at0 = q->nat;
	for (pass = 0; pass < 2; pass++) {
		w = q->nat;
		for (k = si->tok0; k < hi; k++)
			if (q->tok[k].cuelen && cue_attr(q, sent, k, si->tok0, hi, &a) &&
			    a.weak == (pass == 1)) {
				a.cached = true;
				a.slot = q->nat;
				*new_attr(q) = a;
			}
		if (pass == 0)
			si->nstrong = q->nat - w;
		else
			si->nweak = q->nat - w;
	}
}

/* The attribution of [A, A + N) nearest to token QT: distance in tokens,
 * 3 more for a speaker far from its cue, the earlier one on a tie; NULL
 * when N is 0.  A binary search, then a walk outwards that stops once
 * no cue can be nearer. */
static const struct attr *
nearest_attr(const struct attr *a, size_t n, size_t qt)
{
	size_t lo = 0, hi = n, mid, i, d, bestd = NOSIZE, besti = NOSIZE;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (a[mid].cue0 < qt)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i-- > 0 && qt - a[i].cue0 <= bestd;) {
		d = qt - a[i].cue0 + (a[i].far ? 3 : 0);
		if (d <= bestd) {
			bestd = d;
			besti = i;
		}
	}
	for (i = lo; i < n && a[i].cue0 - qt < bestd; i++) {
		d = a[i].cue0 - qt + (a[i].far ? 3 : 0);
		if (d < bestd || (d == bestd && i < besti)) {
			bestd = d;
			besti = i;
		}
	}
	return besti == NOSIZE ? NULL : &a[besti];
}

/* The attribution of record R in sentence SENT: the cue with a speaker
 * nearest to its quote token; one whose speaker is only a common noun
 * outside the lists ("port managers") when there is no other. */
static bool
attr_in_sentence(struct wire_quoter *q, size_t sent, int r,
                 struct attr *best)
{
	const struct sinfo *si = &q->si[sent];
	size_t qt = quote_tok(q, sent, r);
	const struct attr *a;

	if (qt == NOSIZE)
		return false;
	sentence_attrs(q, sent);
	/* q->at may still be NULL: no pointer arithmetic on it then. */
	a = si->nstrong ? nearest_attr(q->at + si->at0, si->nstrong, qt) : NULL;
	if (!a && si->nweak)
		a = nearest_attr(q->at + si->at0 + si->nstrong, si->nweak, qt);
	if (a) {
		*best = *a;
		return true;
	}
	return qt + 2 < si->tok0 + si->ntok &&
	       dash_attr(q, sent, qt + 1, si->tok0 + si->ntok, best);
}

/* First attribution of a sentence, anywhere in it. */
static bool
sentence_attr(struct wire_quoter *q, size_t sent, struct attr *a)
{
	const struct sinfo *si = &q->si[sent];
	const struct attr *s, *w;

	sentence_attrs(q, sent);
	s = si->nstrong ? &q->at[si->at0] : NULL;
	w = si->nweak ? &q->at[si->at0 + si->nstrong] : NULL;
	if (s && w)
		s = s->cue0 < w->cue0 ? s : w;
	else if (!s)
		s = w;
	if (s)
		*a = *s;
	return s != NULL;
}

/* Bytes of the text of record R appended to the arena, segments joined
 * by a space; the comma that hands over to the attribution is dropped. */
static void
quote_text(struct wire_quoter *q, const struct rec *r, struct outrow *o)
{
	size_t g;

	for (g = r->seg0; g < r->seg0 + r->nseg; g++) {
		const struct seg *sg = &q->seg[g];

		arena_trimmed(q, o->qo, q->s[sg->sent].text + sg->b0, sg->b1 - sg->b0);
	}
}

static void
quote_end(struct wire_quoter *q, struct outrow *o)
{
	while (q->arena.len > o->qo &&
	       (q->arena.data[q->arena.len - 1] == ',' ||
	        is_blank(q->arena.data[q->arena.len - 1])))
		q->arena.len--;
	o->q.quote_len = q->arena.len - o->qo;
}

/* Shouting in capitals ("THIS IS NOT OK.") is no headline. */
static bool
has_lower(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] >= 'a' && s[i] <= 'z')
			return true;
	return false;
}

/* A short phrase of capitalised words without final punctuation: a
 * heading or a title ("Ensure Order", "Hidden Figures"), not speech.  A
 * partial quote may end with the reporter's period ("State of the
 * Union."), and a headline of three words or more with its own ("All
 * Bets Are Off.", "Coal Isn't the Villain."): speech has lower-case
 * words. */
static bool
is_title(const struct wire_quoter *q, const char *s, size_t len, int type)
{
	size_t i = 0, w0, words = 0, caps = 0;
	uint32_t c;
	char last;
	bool period = false;

	if (!len)
		return true;
	last = s[len - 1];
	if (last == '.') {
		period = type != WIRE_QUOTE_PARTIAL;
		last = --len ? s[len - 1] : ' ';
	}
	if (last == '.' || last == '?' || last == '!' || last == ',')
		return false;
	while (i < len) {
		while (i < len && is_blank(s[i]))
			i++;
		if (i == len)
			break;
		w0 = i;
		while (i < len && !is_blank(s[i]))
			i++;
		if (++words > 6)
			return false;
		decode(s + w0, s + len, &c);
		caps += is_upper_cp(c);
		if (!is_upper_cp(c) && !is_digit_cp(c) &&
		    !(map_get(&q->map, s + w0, i - w0) & (F_STOP | F_DET | F_PREP)))
			return false;
	}
	return !period || (words >= 3 && caps >= 3 && has_lower(s, len));
}

/* Direct when the quote opens its sentence, follows a colon, or is a
 * capitalised clause after a comma or a cue; else partial. */
static int
quote_type(const struct wire_quoter *q, const struct rec *r, size_t qt)
{
	const struct seg *sg = &q->seg[r->seg0];
	const struct sinfo *si = &q->si[sg->sent];
	const struct tok *p;
	size_t k;
	uint32_t c = 0;
	bool upper;

	if (si->lead >= qt)
		return WIRE_QUOTE_DIRECT;
	p = &q->tok[qt - 1];
	if (is_punct(p, ':'))
		return WIRE_QUOTE_DIRECT;
	k = sg->b0;
	while (k < sg->b1 && is_blank(q->s[sg->sent].text[k]))
		k++;
	if (k < sg->b1)
		decode(q->s[sg->sent].text + k, q->s[sg->sent].text + sg->b1, &c);
	upper = is_upper_cp(c);
	if (upper && (is_punct(p, ',') || p->cuelen || r->nseg > 1))
		return WIRE_QUOTE_DIRECT;
	return WIRE_QUOTE_PARTIAL;
}

/* A sentence right after a quote that only attributes it: "Lavrov said
 * on Sunday." (the speaker opens it, no clause follows the cue). */
static int indirect_content(const struct wire_quoter *q, size_t sent,
                            const struct attr *a, bool quoted, size_t *c0,
                            size_t *c1);

static bool
attr_sentence_after(struct wire_quoter *q, size_t sent, struct attr *a)
{
	size_t c0, c1;

	if (sent + 1 >= q->n || q->s[sent + 1].par != q->s[sent].par ||
	    q->s[sent + 1].heading || q->si[sent + 1].has_quote)
		return false;
	if (q->si[sent + 1].ntok > 1 &&
	    dash_attr(q, sent + 1, q->si[sent + 1].tok0,
	              q->si[sent + 1].tok0 + q->si[sent + 1].ntok, a)) {
		q->si[sent + 1].used = true;
		return true;
	}
	if (!sentence_attr(q, sent + 1, a) || !a->before ||
	    a->sp0 != q->si[sent + 1].tok0)
		return false;
	if (indirect_content(q, sent + 1, a, false, &c0, &c1))
		return false;
	q->si[sent + 1].used = true;
	return true;
}

static void
remember(struct wire_quoter *q, const struct attr *a, size_t sent)
{
	q->para_attr = *a;
	q->para_attr_par = q->si[sent].parseq;
}

static bool
starts_upper(const struct wire_quoter *q, const struct rec *r)
{
	const struct seg *sg = &q->seg[r->seg0];
	const char *t = q->s[sg->sent].text;
	size_t k = sg->b0;
	uint32_t c = 0;

	while (k < sg->b1 && is_blank(t[k]))
		k++;
	if (k < sg->b1)
		decode(t + k, t + sg->b1, &c);
	return is_upper_cp(c);
}

/* A full stop among the tokens strictly between A and B. */
static bool
stop_between(const struct wire_quoter *q, size_t a, size_t b)
{
	for (a++; a < b; a++)
		if (is_punct(&q->tok[a], '.') || is_punct(&q->tok[a], '!') ||
		    is_punct(&q->tok[a], '?'))
			return true;
	return false;
}

/* The first segment of record RI that opens a later paragraph with an
 * attribution of its own (in that sentence, or in the quote's last one),
 * which goes to *B; NOSIZE when there is none. */
static size_t
later_split(struct wire_quoter *q, int ri, struct attr *b)
{
	const struct rec *r = &q->rec[ri];
	size_t g, gend = r->seg0 + r->nseg, last = q->seg[gend - 1].sent;

	for (g = r->seg0 + 1; g < gend; g++) {
		size_t sg = q->seg[g].sent;

		if (q->s[sg].par == q->s[q->seg[g - 1].sent].par)
			continue;
		if (attr_in_sentence(q, sg, ri, b) ||
		    (q->s[last].par == q->s[sg].par && last != sg &&
		     attr_in_sentence(q, last, ri, b)))
			return g;
	}
	return NOSIZE;
}

/* True when record R's text ends with a comma: "...," Lavrov said. */
static bool
ends_with_comma(const struct wire_quoter *q, const struct rec *r)
{
	const struct seg *sg = &q->seg[r->seg0 + r->nseg - 1];
	const char *t = q->s[sg->sent].text;
	size_t e = sg->b1;

	while (e > sg->b0 && is_blank(t[e - 1]))
		e--;
	return e > sg->b0 && t[e - 1] == ',';
}

/* A quote split by its attribution is one quotation: "We are not ...,"
 * Lavrov told reporters. "All attempts ..." (or "..., he said, "...").
 * Appends the second half to O when record RI + 1 is one. */
static void
merge_next(struct wire_quoter *q, int ri, const struct attr *a,
           struct outrow *o)
{
	const struct rec *r = &q->rec[ri];
	struct rec *n;
	size_t last = q->seg[r->seg0 + r->nseg - 1].sent, s2, qt;
	struct attr b;
	size_t g, gs;

	if ((size_t)ri + 1 >= q->nrec || !ends_with_comma(q, r))
		return;
	n = &q->rec[ri + 1];
	if (n->dead || a->sent != last || a->cue0 < quote_tok(q, last, ri))
		return;
	/* A second half that runs into a paragraph with its own attribution
	 * is taken only up to that paragraph: the rest may be another
	 * speaker's. */
	gs = later_split(q, ri + 1, &b);
	s2 = q->seg[n->seg0].sent;
	qt = quote_tok(q, s2, ri + 1);
	if (qt == NOSIZE)
		return;
	if (s2 == last) {
		if (qt < a->cue1)
			return;
	} else if (s2 != last + 1 || q->s[s2].par != q->s[last].par ||
	           qt != q->si[s2].tok0 || attr_in_sentence(q, s2, ri + 1, &b))
		return;
	/* Across sentences the comma before the attribution stood for the
	 * speaker's period: "Assad," Lavrov said. "All ..." */
	if ((s2 != last || stop_between(q, quote_tok(q, last, ri), qt)) &&
	    q->arena.len > o->qo && q->arena.data[q->arena.len - 1] == ',' &&
	    starts_upper(q, n))
		q->arena.data[q->arena.len - 1] = '.';
	if (gs == NOSIZE) {
		quote_text(q, n, o);
		n->merged = true;
		return;
	}
	for (g = n->seg0; g < gs; g++)
		arena_trimmed(q, o->qo, q->s[q->seg[g].sent].text + q->seg[g].b0,
		              q->seg[g].b1 - q->seg[g].b0);
	n->from = gs;
}

static int indirect_content(const struct wire_quoter *q, size_t sent,
                            const struct attr *a, bool quoted, size_t *c0,
                            size_t *c1);

/* The reported clause of attribution A for quotes, found once per
 * attribution (a sentence may hold many quotes and one cue): 2 and the
 * bytes, or 0. */
static int
quoted_clause(struct wire_quoter *q, const struct attr *a, size_t *c0,
              size_t *c1)
{
	struct attr *c = a->cached ? &q->at[a->slot] : NULL;

	if (!c)
		return indirect_content(q, a->sent, a, true, c0, c1) ? 2 : 0;
	if (!c->clause)
		c->clause = indirect_content(q, a->sent, a, true, &c->cl0, &c->cl1)
		            ? 2 : 1;
	*c0 = c->cl0;
	*c1 = c->cl1;
	return c->clause == 2 ? 2 : 0;
}

/* True when the reported clause of attribution A holds segment SG: its
 * bytes go to *C0, *C1. */
static bool
clause_holds(struct wire_quoter *q, const struct attr *a, const struct seg *sg,
             size_t *c0, size_t *c1)
{
	return a->sent == sg->sent && a->cue1 > a->cue0 &&
	       quoted_clause(q, a, c0, c1) && *c0 <= sg->m0 && sg->m1 <= *c1;
}

/* Attributions of the quote's sentence tried for its clause when that of
 * its own does not hold it, on each side of the quote. */
#define CLAUSE_TRIES 3

/* The content of the partial quote of record RI (one segment, in the
 * sentence of its attribution A) into O: the reported clause that holds
 * it, of A or else of one of the nearest other cues of the sentence ("X
 * told veterans that the military is "depleted" and says ..."), when it
 * is more than the quote and not too long; else the quote stays its own
 * content. */
static void
partial_content(struct wire_quoter *q, int ri, const struct attr *a,
                struct outrow *o)
{
	const struct seg *sg = &q->seg[q->rec[ri].seg0];
	const struct sinfo *si = &q->si[sg->sent];
	const struct attr *at;
	size_t c0, c1, n, i, lo, mid;
	bool found;

	found = clause_holds(q, a, sg, &c0, &c1);
	if (!found && si->cued && si->nstrong) {
		/* Before the quote, nearest first; then after it. */
		at = q->at + si->at0;
		n = si->nstrong;
		for (lo = 0, i = n; lo < i;) {
			mid = lo + (i - lo) / 2;
			if (at[mid].cue0 < sg->tok)
				lo = mid + 1;
			else
				i = mid;
		}
		for (i = lo; i-- > 0 && lo - i <= CLAUSE_TRIES && !found;)
			found = clause_holds(q, &at[i], sg, &c0, &c1);
		for (i = lo; i < n && i - lo < CLAUSE_TRIES && !found; i++)
			found = clause_holds(q, &at[i], sg, &c0, &c1);
	}
	if (!found || (c0 == sg->m0 && c1 == sg->m1) || c1 - c0 > MAXCLAUSE)
		return;
	o->xo = q->arena.len;
	arena_trimmed(q, o->xo, q->s[sg->sent].text + c0, c1 - c0);
	o->q.content_len = q->arena.len - o->xo;
}

/* Writes one row for segments [G0, G1) of record RI with attribution A
 * (may be NULL); MERGE lets a quote split by A take its second half. */
static void
emit_quote(struct wire_quoter *q, int ri, size_t g0, size_t g1, int type,
           const struct attr *a, unsigned types, bool merge)
{
	struct outrow *o = new_out(q, q->seg[g0].sent, q->seg[g0].b0, type);
	const char *text;
	size_t g, len;

	o->qo = q->arena.len;
	for (g = g0; g < g1; g++)
		arena_trimmed(q, o->qo, q->s[q->seg[g].sent].text + q->seg[g].b0,
		              q->seg[g].b1 - q->seg[g].b0);
	if (merge && a && type == WIRE_QUOTE_DIRECT)
		merge_next(q, ri, a, o);
	quote_end(q, o);
	text = q->arena.data + o->qo;
	len = o->q.quote_len;
	/* A title is never a quote; an unattributed direct quote must at
	 * least look like a sentence of several words. */
	if (is_title(q, text, len, type) || (!a && memchr(text, ' ', len) == NULL) ||
	    !(types & (unsigned)type)) {
		q->arena.len = o->qo;
		q->nout--;
		return;
	}
	out_attr(q, o, a);
	o->xo = o->qo;
	o->q.content_len = o->q.quote_len;
	if (type == WIRE_QUOTE_PARTIAL && a && g0 == q->rec[ri].seg0 && g1 == g0 + 1)
		partial_content(q, ri, a, o);
}

static void
do_record(struct wire_quoter *q, int ri, unsigned types,
          const struct attr *leadin)
{
	const struct rec *r = &q->rec[ri];
	size_t first = q->seg[r->seg0].sent;
	size_t last = q->seg[r->seg0 + r->nseg - 1].sent;
	size_t qt = quote_tok(q, first, ri), gs, gend = r->seg0 + r->nseg;
	struct attr a, b;
	bool found, opens_par;
	int type;

	if (qt == NOSIZE)
		return;
	if (r->from) {
		/* Its first part went to the quote before. */
		if (later_split(q, ri, &b) == r->from) {
			resolve(q, &b);
			remember(q, &b, last);
			emit_quote(q, ri, r->from, gend, WIRE_QUOTE_DIRECT, &b, types, true);
		}
		return;
	}
	type = quote_type(q, r, qt);
	/* A quote continued over paragraphs whose last paragraph has an
	 * attribution of its own is two quotations ("...," Moore said.
	 * "... | "...," added Clyburn.): split at that paragraph. */
	gs = later_split(q, ri, &b);
	found = attr_in_sentence(q, first, ri, &a) ||
	        (gs == NOSIZE && last != first && attr_in_sentence(q, last, ri, &a));
	if (found) {
		resolve(q, &a);
		remember(q, &a, first);
	} else if (type == WIRE_QUOTE_PARTIAL) {
		/* Only its own sentence's cue: else scare quotes. */
		if (gs == NOSIZE)
			return;
	} else if (leadin) {
		a = *leadin;
		found = true;
	} else if (gs == NOSIZE && attr_sentence_after(q, last, &a)) {
		resolve(q, &a);
		remember(q, &a, first);
		found = true;
	} else if (q->para_attr.ok) {
		opens_par = qt == q->si[first].tok0 &&
		            (first == 0 || q->s[first - 1].par != q->s[first].par);
		if (q->para_attr_par == q->si[first].parseq ||
		    (opens_par && q->para_attr_par + 1 == q->si[first].parseq)) {
			a = q->para_attr;
			found = true;
		}
	}
	/* With no speaker of its own, the first part is the later
	 * attribution's too: one quotation. */
	if (gs != NOSIZE && !found) {
		resolve(q, &b);
		remember(q, &b, last);
		a = b;
		found = true;
		gs = NOSIZE;
	}
	if (gs == NOSIZE) {
		emit_quote(q, ri, r->seg0, gend, type, found ? &a : NULL, types, true);
		return;
	}
	if (found || type != WIRE_QUOTE_PARTIAL)
		emit_quote(q, ri, r->seg0, gs, type, found ? &a : NULL, types, false);
	resolve(q, &b);
	remember(q, &b, last);
	emit_quote(q, ri, gs, gend, WIRE_QUOTE_DIRECT, &b, types, true);
}

/* ---- pass 5: indirect speech ------------------------------------- */

/* True when tokens [A, B) hold at least N words; a quote counts as one
 * when QUOTED.  Stops at the Nth: a sentence may hold thousands of
 * quotes, each asking. */
static bool
has_words(const struct wire_quoter *q, size_t a, size_t b, size_t n,
          bool quoted)
{
	for (; a < b && n > 0; a++)
		if (q->tok[a].kind == T_WORD || (quoted && q->tok[a].kind == T_QUOTE))
			n--;
	return n == 0;
}

/* True when quote token K's text ends with a comma: "... go," she said. */
static bool
quote_ends_comma(const struct wire_quoter *q, size_t sent, size_t k)
{
	const struct tok *t = &q->tok[k];
	const char *w = q->s[sent].text;
	size_t e = t->b1;

	if (t->kind != T_QUOTE)
		return false;
	while (e > t->b0 && is_blank(w[e - 1]))
		e--;
	return e > t->b0 && w[e - 1] == ',';
}

/* True when token K of sentence SENT is the lower-case word W. */
static bool
word_at(const struct wire_quoter *q, size_t sent, size_t k, const char *w)
{
	const struct tok *t = &q->tok[k];

	return t->kind == T_WORD && word_is(q->s[sent].text + t->b0, t->b1 - t->b0, w);
}

/* The first token after a dateline opening the sentence ("OSLO -",
 * "LONDON (Reuters) -"), or LO when there is none. */
static size_t
after_dateline(const struct wire_quoter *q, size_t sent, size_t lo, size_t hi)
{
	size_t k;

	/* Place names, a state, a date: "NEW YORK, Feb 26 -". */
	for (k = lo; k < hi && k < lo + 9; k++) {
		const struct tok *t = &q->tok[k];
		const char *w = q->s[sent].text + t->b0;

		if (is_delim(t) && !is_punct(t, ',') && k > lo)
			return k + 1 < hi ? k + 1 : lo;
		if (t->kind == T_WORD && (t->cap || (*w >= '0' && *w <= '9')))
			continue;
		if (!is_punct(t, '(') && !is_punct(t, ')') && !is_punct(t, ','))
			return lo;
	}
	return lo;
}

/* The "that" opening the reported clause of a cue that ends at token E,
 * or NOSIZE: "told reporters on Saturday that ...", "said in a statement
 * that": after time words, prepositions, names and at most two other
 * words ("added fuel to speculation that" is no speech). */
static size_t
that_after(const struct wire_quoter *q, size_t e, size_t hi)
{
	size_t k, others = 0;

	for (k = e; k < hi && k < e + 8; k++) {
		const struct tok *w = &q->tok[k];

		if (w->kind == T_WORD && (w->flags & F_THAT))
			return k;
		if (w->kind == T_WORD &&
		    ((w->flags & (F_AFTER | F_PREP | F_DET)) || w->cap || w->ment >= 0))
			continue;
		if (is_punct(w, ','))
			continue;
		if (w->kind != T_WORD || ++others > 2)
			break;
	}
	return NOSIZE;
}

/* The reported clause of attribution A in sentence SENT, as bytes (a
 * quote token with its marks).  Returns 0 when there is none, 2 for a
 * clause the structure marks ("said that ...", "..., Lavrov said.",
 * "According to X, ..."), 1 for a bare clause after the cue ("Russia said
 * Sunday it has no intention ...").  QUOTED: the clause of a quote of the
 * sentence, which may open with the quote or be no more than it and a
 * word ("called it "outrageous""); else, for speech without marks, it
 * holds no quote and at least three words. */
static int
indirect_content(const struct wire_quoter *q, size_t sent, const struct attr *a,
                 bool quoted, size_t *c0, size_t *c1)
{
	const struct sinfo *si = &q->si[sent];
	size_t lo = si->tok0, hi = si->end, k, e, sp0, ce;
	size_t need = quoted ? 1 : 3;
	const struct tok *t;
	bool trailing;

	/* The speaker phrase and the cue, in text order. */
	sp0 = a->before ? a->sp0 : a->cue0;
	e = a->before ? a->cue1 : a->sp1;
	t = e < hi ? &q->tok[e] : NULL;
	/* "added to", "said to be": not speech; "vowed to", "urged X to" are
	 * (INF cues). */
	if (t && a->before && t->kind == T_WORD && word_at(q, sent, e, "to") &&
	    !(q->tok[a->cue0].flags & F_INF) &&
	    !(e + 1 < hi && (q->tok[e + 1].flags & F_AFTER)))
		return 0;
	/* A speaker after its cue stands after the clause too: "...,
	 * said Lavrov (who ...)", "..., according to the report". */
	trailing = !a->before || !t || is_punct(t, ',') ||
	           (t->kind == T_WORD && (t->flags & (F_PREP | F_AFTER)) &&
	            !(t->flags & F_THAT));
	/* "..., Lavrov said in Brussels.": the clause before the comma, and
	 * "..., chief executive Henrik Aas said": titles before the name. */
	if (a->before && a->sp_kind == SP_ENT)
		while (sp0 > lo && a->sp0 - sp0 < 3 && q->tok[sp0 - 1].kind == T_WORD &&
		       !(q->tok[sp0 - 1].flags & (F_STOP | F_PREP | F_THAT | F_AUX)) &&
		       !q->tok[sp0 - 1].cuelen)
			sp0--;
	/* The clause ends at the comma before the speaker, or with a quote
	 * that holds that comma ("The plan is "dead on arrival," Smith
	 * said."). */
	ce = NOSIZE;
	if (sp0 > lo + 2 && is_punct(&q->tok[sp0 - 1], ','))
		ce = sp0 - 1;
	else if (quoted && sp0 > lo + 1 && quote_ends_comma(q, sent, sp0 - 1))
		ce = sp0;
	/* Not when a that-clause follows: "Following ..., Trump said at
	 * an event that ...". */
	if (trailing && ce != NOSIZE && has_words(q, lo, ce, need, quoted) &&
	    (!a->before || that_after(q, e, hi) == NOSIZE)) {
		*c0 = tok_b0(q, sent, after_dateline(q, sent, lo, ce));
		*c1 = ce == sp0 ? tok_b1(q, sent, sp0 - 1) : q->tok[sp0 - 1].b0;
		return 2;
	}
	/* "According to Lavrov, Russia ...": the clause after the comma. */
	if (!a->before && sp0 == lo) {
		for (k = e; k < hi && !is_punct(&q->tok[k], ','); k++)
			;
		if (k + 1 < hi && has_words(q, k + 1, hi, need, quoted)) {
			*c0 = tok_b0(q, sent, k + 1);
			*c1 = tok_b1(q, sent, hi - 1);
			return 2;
		}
		return 0;
	}
	if (!a->before)
		return 0;
	k = that_after(q, e, hi);
	if (k != NOSIZE) {
		k++;
		while (k < hi && is_punct(&q->tok[k], ','))
			k++;
		if (k >= hi || (!quoted && q->tok[k].kind == T_QUOTE) ||
		    !has_words(q, k, hi, need, quoted))
			return 0;
		*c0 = tok_b0(q, sent, k);
		*c1 = tok_b1(q, sent, hi - 1);
		return 2;
	}
	/* A bare clause: "Russia said Sunday it has ...", "told reporters
	 * Russia would ..."; not after "asked X to" or "urged X to". */
	for (k = e; k < hi && (is_punct(&q->tok[k], ',') ||
	                       (q->tok[k].kind == T_WORD &&
	                        (q->tok[k].flags & F_AFTER)));
	     k++)
		;
	if (k >= hi || (!quoted && q->tok[k].kind == T_QUOTE) ||
	    !has_words(q, k, hi, need, quoted))
		return 0;
	if (q->tok[k].kind == T_PUNCT && !is_punct(&q->tok[k], '('))
		return 0;
	*c0 = tok_b0(q, sent, k);
	*c1 = tok_b1(q, sent, hi - 1);
	return 1;
}

/* The first cue of sentence SENT with a speaker and a clause; a speaker
 * from the lists or an entity before a common noun. */
static void
do_indirect(struct wire_quoter *q, size_t sent, unsigned types)
{
	const struct sinfo *si = &q->si[sent];
	size_t k, c0 = 0, c1 = 0, b0, b1;
	struct attr a, best, any;
	struct outrow *o;
	int score, best_score = 0;

	best.ok = any.ok = false;
	for (k = si->tok0; k < si->tok0 + si->ntok; k++) {
		if (!q->tok[k].cuelen ||
		    !cue_attr(q, sent, k, si->tok0, si->tok0 + si->ntok, &a))
			continue;
		if (!any.ok || (any.weak && !a.weak))
			any = a;
		if (a.label)
			continue;
		/* The best-marked clause, then a listed speaker next to its
		 * cue, then the first. */
		score = indirect_content(q, sent, &a, false, &b0, &b1);
		if (!score)
			continue;
		score = score * 4 + !a.weak * 2 + !a.far;
		if (score > best_score) {
			best = a;
			best_score = score;
			c0 = b0;
			c1 = b1;
		}
	}
	if (!best.ok) {
		/* No clause, but the speaker of the next quote: "Engineers at
		 * Vossberg denied it." */
		if (any.ok && !any.weak) {
			resolve(q, &any);
			remember(q, &any, sent);
		}
		return;
	}
	resolve(q, &best);
	remember(q, &best, sent);
	if (!(types & WIRE_QUOTE_INDIRECT))
		return;
	o = new_out(q, sent, c0, WIRE_QUOTE_INDIRECT);
	o->qo = q->arena.len;
	arena_trimmed(q, o->qo, q->s[sent].text + c0, c1 - c0);
	o->q.quote_len = q->arena.len - o->qo;
	o->xo = o->qo;
	o->q.content_len = o->q.quote_len;
	out_attr(q, o, &best);
}

/* A lead-in: "Lavrov said:" or "From the chairwoman:" ending sentence
 * SENT, for the quote that follows. */
static bool
leadin_attr(struct wire_quoter *q, size_t sent, struct attr *a)
{
	const struct sinfo *si = &q->si[sent];
	size_t lo = si->tok0, hi = si->tok0 + si->ntok;
	const char *w;

	if (si->has_quote || hi - lo < 2 || !is_punct(&q->tok[hi - 1], ':'))
		return false;
	if (sentence_attr(q, sent, a))
		return true;
	w = q->s[sent].text + q->tok[lo].b0;
	if (q->tok[lo].b1 - q->tok[lo].b0 == 4 && (w[0] | 32) == 'f' &&
	    (w[1] | 32) == 'r' && (w[2] | 32) == 'o' && (w[3] | 32) == 'm') {
		memset(a, 0, sizeof *a);
		a->ment = a->res = -1;
		a->sent = sent;
		a->cue0 = lo;
		a->cue1 = lo + 1;
		if (speaker_after(q, lo + 1, hi - 1, a)) {
			if (a->sp_kind == SP_NOUN || a->sp_kind == SP_PRON)
				a->sp_kind = SP_FROM;
			a->ok = true;
			return true;
		}
	}
	return false;
}

/* ---- the document ------------------------------------------------ */

static void
reset(struct wire_quoter *q, const struct wire_quote_sent *s, size_t n)
{
	q->s = s;
	q->n = n;
	q->ntok = q->nment = q->nseg = q->nrec = q->nout = q->nat = 0;
	wire_buf_clear(&q->arena);
	q->last_per.ment = q->last_org.ment = -1;
	q->has_anon_per = q->has_anon_org = false;
	memset(&q->para_attr, 0, sizeof q->para_attr);
	q->para_attr_par = 0;
	if (n > q->sicap) {
		q->sicap = n;
		q->si = wire_xreallocarray(q->si, n, sizeof *q->si);
	}
	if (n)
		memset(q->si, 0, n * sizeof *q->si);
}

static int
cmp_out(const void *pa, const void *pb)
{
	const struct outrow *a = pa, *b = pb;

	if (a->sent != b->sent)
		return a->sent < b->sent ? -1 : 1;
	if (a->byte != b->byte)
		return a->byte < b->byte ? -1 : 1;
	return 0;
}

size_t
wire_quotes_find(struct wire_quoter *q, const struct wire_quote_sent *s,
                 size_t n, unsigned types, const struct wire_quote **out)
{
	size_t i, g, r;
	unsigned long parseq = 0;
	struct attr lead;
	bool have_lead = false;
	size_t lead_sent = 0;

	reset(q, s, n);
	for (i = 0; i < n; i++) {
		if (i == 0 || s[i].par != s[i - 1].par)
			parseq++;
		q->si[i].parseq = parseq;
		add_mentions(q, i);
	}
	index_mentions(q);
	find_marks(q);
	for (g = 0; g < q->nseg; g++) {
		struct sinfo *si = &q->si[q->seg[g].sent];

		if (!si->nseg)
			si->seg0 = g;
		si->nseg++;
	}
	for (i = 0; i < n; i++)
		tokenize(q, i);
	index_fits(q);
	r = 0;
	for (i = 0; i < n; i++) {
		if (s[i].heading)
			continue;
		for (; r < q->nrec && q->seg[q->rec[r].seg0].sent <= i; r++)
			if (!q->rec[r].dead && !q->rec[r].merged)
				do_record(q, (int)r, types,
				          have_lead && lead_sent + 1 == i ? &lead : NULL);
		if (leadin_attr(q, i, &lead)) {
			resolve(q, &lead);
			have_lead = true;
			lead_sent = i;
			continue;
		}
		if (!q->si[i].has_quote && !q->si[i].used)
			do_indirect(q, i, types);
	}
	if (q->nout > 1)
		qsort(q->out, q->nout, sizeof *q->out, cmp_out);
	if (q->nout > q->rescap) {
		q->rescap = q->nout;
		q->res = wire_xreallocarray(q->res, q->rescap, sizeof *q->res);
	}
	for (i = 0; i < q->nout; i++) {
		struct outrow *o = &q->out[i];

		o->q.quote = q->arena.data + o->qo;
		o->q.speaker = q->arena.data + o->so;
		o->q.mention = q->arena.data + o->mo;
		o->q.cue = q->arena.data + o->co;
		o->q.content = q->arena.data + o->xo;
		q->res[i] = o->q;
	}
	*out = q->res;
	return q->nout;
}
