/*
 * clean_int.h - internals shared by the parts of wire-clean's library
 * (clean.c: normalisation and paragraphs; clean_class.c: the paragraph
 * classifier; clean_meta.c: title, date, byline and source).  Not part of
 * the public API in wire.h.
 */
#ifndef WIRE_CLEAN_INT_H
#define WIRE_CLEAN_INT_H

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "wire.h"

/* Longest literal the pattern prefilter keeps (bytes), and most
 * patterns or literals in one list it can index. */
#define WIRE_CLEAN_MAX_LIT 48
#define WIRE_CLEAN_MAX_INDEX 65535

/* Paragraphs of at most this many bytes are matched against patterns not
 * anchored with ^ ("all rights reserved", photo credits): such a phrase
 * in a long paragraph is article text far more often than boilerplate,
 * and skipping long paragraphs keeps the scan fast. */
#define WIRE_CLEAN_UNANCHORED_MAX 400

/* Readable zero bytes kept after the paragraph texts (c->text). */
#define WIRE_CLEAN_PAD 16

/* Classes of the jusText-style first pass (clean_class.c). */
enum { CL_BAD, CL_SHORT, CL_NEARGOOD, CL_GOOD };

/* Metadata roles of a paragraph taken out of the text. */
enum { META_NONE, META_TITLE, META_DATE, META_BYLINE, META_SOURCE };

struct clean_par {
	size_t off, len;     /* text in c->text, NUL-terminated */
	unsigned nchars;     /* code points */
	unsigned nwords;     /* runs of letters or digits */
	unsigned nalpha;     /* words with a letter */
	unsigned nstop;      /* stop words */
	unsigned ncap;       /* words with a capital first letter */
	unsigned nsep;       /* navigation separators: | » › > · • */
	unsigned nsent;      /* sentence ends inside or at the end */
	unsigned ncode;      /* { } ; = as in script code */
	bool final;          /* ends like a sentence (. ! ? or a closing quote) */
	bool bullet;         /* was a list item */
	bool pattern;        /* a boilerplate pattern matched */
	bool caption;        /* a caption pattern matched */
	bool barrier;        /* a comment line: the article block ends here */
	bool repeated;       /* the same text occurs again in the article */
	bool fold;           /* has a character PCRE2 folds to ASCII (K, long s) */
	unsigned nhit;       /* triggers met (clean_trig.c), from c->trigs.hit */
	size_t hit_off;
	size_t next_copy;    /* index of the next paragraph with this text, or 0 */
	int first;           /* CL_* of the first pass */
	int cls;             /* CL_*, after the context pass */
	int meta;            /* META_* */
	int kind;            /* enum wire_clean_kind */
};

/* Bit sets of the literals' first bytes (clean_lits.c): PAIR the first
 * two in either case, as 16-bit loads of the text; LIT2, LIT3 and LIT4
 * hashes of the first two, three or four bytes in lower case, for
 * literals of that length or more (LIT4) -- a second look at a text
 * position whose pair is in PAIR. */
struct clean_filter {
	uint8_t pair[8192];
	uint8_t lit2[1024], lit3[1024], lit4[1024];
};

/* How a literal of an unanchored pattern shows in the paragraph's
 * words, which the feature scan reads anyway (clean_trig.c): a word
 * between non-alphanumeric signs or \b in the literal is a whole run of
 * ASCII letters and digits in any text holding it (TRIG_WORD), one
 * bounded on one side only begins (TRIG_PREFIX) or ends (TRIG_SUFFIX)
 * such a run; a symbol outside ASCII is a character of the text
 * and an ASCII sign other than the space is a sign of the text
 * (TRIG_CP).  A literal with none of them leaves its list to the byte
 * scan. */
enum { TRIG_NONE, TRIG_CP, TRIG_WORD, TRIG_PREFIX, TRIG_SUFFIX };

struct clean_trig_lit {
	uint8_t mode;      /* TRIG_* */
	uint8_t len;       /* bytes of w, at most 16 (a longer word's first
	                    * or, for TRIG_SUFFIX, last 16) */
	uint16_t pat;
	uint32_t cp;
	char w[16];
	/* the whole literal, checked where the trigger was met: AT is where
	 * the word (its end, for TRIG_SUFFIX) or symbol is in it */
	uint8_t litlen, at;
	char lit[WIRE_CLEAN_MAX_LIT + 1];
};

/* A pattern list (clean_lits.c): each pattern compiled on its own (PCRE2,
 * caseless, JIT) and run only on text holding one of its literals. */
struct clean_set {
	bool anchored;     /* tried at the start of the text only */
	void **code;       /* pcre2_code *, one per pattern */
	size_t n, cap;
	size_t *always;    /* patterns without literals: always run */
	size_t nalways;
	/* the literals, each with its text in place and 16-bit links, so
	 * that a chain walk touches little memory */
	struct clean_lit {
		uint16_t len, next, pat;
		char s[WIRE_CLEAN_MAX_LIT + 1];
	} *lit;
	size_t nlit, litcap;
	uint16_t head[256];  /* literals of one byte by that byte, index + 1 */
	uint16_t head2[1024]; /* longer ones by a hash of their first two */
	uint16_t head4[1024]; /* anchored ones of four or more by their first four */
	struct clean_filter filter;
	/* the text being matched: patterns whose literals it holds */
	uint32_t *mark;    /* epoch of the text that made a pattern a candidate */
	uint32_t epoch;
	size_t *cand, ncand;
	bool fold;         /* a character folding to ASCII: try them all */
	bool nojit;        /* a pattern without JIT code: no pcre2_jit_match */
	void *md;          /* pcre2_match_data * */
	unsigned long runs; /* regexes run (for tests) */
	/* unanchored lists: each literal's trigger, and how many have none */
	struct clean_trig_lit *trig;
	size_t ntrig, trigcap, untriggered;
};

/* Adds PATTERN (dies with FILE:LINENO on a bad one). */
void wire_clean_set_add(struct clean_set *s, const char *pattern, bool anchored,
                        const char *file, unsigned long lineno);
/* Whether any pattern of S matches TEXT (LEN bytes), which must be
 * valid UTF-8, as the cleaner's paragraphs are. */
bool wire_clean_set_match(struct clean_set *s, const char *text, size_t len);
/* Candidates by hand: wire_clean_set_begin starts a text,
 * wire_clean_set_mark makes pattern PAT a candidate (or s->fold = true
 * all of them), wire_clean_set_run answers. */
void wire_clean_set_begin(struct clean_set *s);
void wire_clean_set_mark(struct clean_set *s, size_t pat);
bool wire_clean_set_run(struct clean_set *s, const char *text, size_t len);
void wire_clean_set_free(struct clean_set *s);

/* Short words (at most 16 bytes) with a non-zero value (clean_words.c):
 * a cuckoo table, every word in one of two slots, so that a lookup reads
 * both and needs no branch (whether a word is a stop word is a coin
 * toss the processor cannot predict). */
struct clean_words {
	uint64_t (*key)[2];
	int *val;
	size_t cap, count;
	uint64_t seed;
};

void wire_clean_words_add(struct clean_words *t, const char *w, size_t n, int val);
void wire_clean_words_free(struct clean_words *t);

static inline uint64_t
clean_words_hash2(uint64_t k0, uint64_t k1, uint64_t seed)
{
	uint64_t h = (k0 ^ seed ^ (k1 * 0x9e3779b97f4a7c15ull)) * 0xff51afd7ed558ccdull;

	return h ^ (h >> 29);
}

static inline uint64_t
clean_words_hash(const uint64_t k[2], uint64_t seed)
{
	return clean_words_hash2(k[0], k[1], seed);
}

/* The two slots of key K in T (whose capacity is not 0). */
static inline void
clean_words_slots(const struct clean_words *t, const uint64_t k[2], size_t *i,
                  size_t *j)
{
	uint64_t h = clean_words_hash(k, t->seed);

	*i = h & (t->cap - 1);
	*j = (h >> 32) & (t->cap - 1);
}

/* The value of the word whose bytes, zero-padded to 16, are K, or 0. */
static inline int
wire_clean_words_get_key(const struct clean_words *t, const uint64_t k[2])
{
	size_t i, j;
	int a, b;

	if (t->cap == 0)
		return 0;
	clean_words_slots(t, k, &i, &j);
	a = -(int)((t->key[i][0] == k[0]) & (t->key[i][1] == k[1]));
	b = -(int)((t->key[j][0] == k[0]) & (t->key[j][1] == k[1]));
	return (t->val[i] & a) | (t->val[j] & b);
}


/* A table's fields as the per-word loop reads them: copied into locals,
 * they stay in registers across the loop's stores (which may alias the
 * table), and a table of no words is one empty slot, so a lookup needs
 * no test. */
struct clean_words_view {
	const uint64_t (*key)[2];
	const int *val;
	size_t mask;
	uint64_t seed;
};

static inline struct clean_words_view
clean_words_view(const struct clean_words *t)
{
	static const uint64_t empty_key[1][2];
	static const int empty_val[1];
	struct clean_words_view v = {empty_key, empty_val, 0, 0};

	if (t->cap > 0) {
		v.key = (const uint64_t (*)[2])t->key;
		v.val = t->val;
		v.mask = t->cap - 1;
		v.seed = t->seed;
	}
	return v;
}

#ifdef __SSE2__
/* The value of the word whose zero-padded bytes are K0, K1 and, as a
 * vector, KV (a word is never all zeros, the key of an empty slot). */
static inline int
clean_words_view_get(const struct clean_words_view *t, uint64_t k0, uint64_t k1, __m128i kv)
{
	uint64_t h = clean_words_hash2(k0, k1, t->seed);
	size_t i = h & t->mask, j = (h >> 32) & t->mask;
	int a = -(int)(_mm_movemask_epi8(_mm_cmpeq_epi8(
	            _mm_loadu_si128((const __m128i *)(const void *)t->key[i]), kv)) == 0xffff);
	int b = -(int)(_mm_movemask_epi8(_mm_cmpeq_epi8(
	            _mm_loadu_si128((const __m128i *)(const void *)t->key[j]), kv)) == 0xffff);

	return (t->val[i] & a) | (t->val[j] & b);
}
#else
static inline int
clean_words_view_get(const struct clean_words_view *t, uint64_t k0, uint64_t k1)
{
	uint64_t h = clean_words_hash2(k0, k1, t->seed);
	size_t i = h & t->mask, j = (h >> 32) & t->mask;
	int a = -(int)((t->key[i][0] == k0) & (t->key[i][1] == k1));
	int b = -(int)((t->key[j][0] == k0) & (t->key[j][1] == k1));

	return (t->val[i] & a) | (t->val[j] & b);
}
#endif

/* The value of W (N bytes), or 0.  Inline: it runs for every word. */
static inline int
wire_clean_words_get(const struct clean_words *t, const char *w, size_t n)
{
	uint64_t k[2] = {0, 0};

	if (n == 0 || n > 16)
		return 0;
	memcpy(k, w, n);
	return wire_clean_words_get_key(t, k);
}

struct clean_zone {
	char name[8];
	int minutes;   /* offset east of UTC */
	char rule;     /* 0, 'u' (US summer time) or 'e' (EU) */
};

/* The triggers of the unanchored caption and boilerplate lists
 * (clean_trig.c).  A trigger is a chain of (list, pattern) nodes; whole
 * words find theirs through the stop-word table, whose values are
 * 1 for a stop word plus twice the chain's first node + 1. */
struct clean_trigs {
	bool ready;
	bool usable;        /* every literal of both lists has a trigger */
	struct clean_trig_node { uint16_t set, lit; uint32_t next; } *node;
	size_t nnode;
	struct clean_trig_edge { char w[16]; uint8_t len; uint32_t head; } *edge[2];
	size_t nedge[2];    /* [0] prefixes, [1] suffixes */
	struct clean_trig_cp { uint32_t cp, head; } *cp; /* outside ASCII */
	size_t ncp;
	uint32_t punct[128]; /* ASCII signs' chains */
	/* prefixes' (suffixes') first (last) four bytes, hashed; those of
	 * two or three bytes are looked for in every run */
	uint8_t four[2][1024];
	bool any_edge, short_edge;
	bool skip;          /* the paragraph scanned is too long to record */
	/* chains met by the article's paragraphs, and where in the text */
	struct clean_trig_hit { uint32_t head; size_t pos; } *hit;
	size_t nhit, hitcap;
};

struct wire_clean {
	struct clean_words stop;
	struct clean_trigs trigs;
	struct wire_wordset outlets;
	/* the words an outlet's name ends with, for a quick scan of prose;
	 * false when one does not open with an ASCII capital */
	struct wire_wordset outlet_last;
	bool outlet_last_ok;
	uint64_t outlet_last_bits[16]; /* a filter before outlet_last */
	/* [0] anchored at the start (cheap: one attempt per paragraph), [1]
	 * the others */
	struct clean_set boiler[2], caption[2], comment[2];
	struct clean_words months; /* name -> month number */
	struct clean_zone *zones;
	size_t nzones;

	struct wire_buf raw;   /* the article, repaired */
	/* normalised lines, then the paragraph texts among them, each
	 * ending with a NUL */
	struct wire_buf text;
	struct clean_par *par;
	size_t npar, parcap;
	struct clean_seen { uint64_t h; size_t i; } *seen; /* repeats */
	int *ctx;              /* the context pass's classes */
	size_t ctxcap;
	size_t seencap;
	struct clean_line { size_t off, len; bool bullet; } *line; /* a block */
	size_t nline, linecap;
	struct wire_clean_meta meta;
	struct wire_buf scratch;
	char meta_key[128];    /* "=Name" for the outlets list */
};

static inline const char *
clean_par_text(const struct wire_clean *c, const struct clean_par *p)
{
	return c->text.data + p->off;
}

/* clean_class.c */
void wire_clean_features(struct wire_clean *c, struct clean_par *p);
void wire_clean_classify(struct wire_clean *c);

/* clean_trig.c */
void wire_clean_trigs_build(struct wire_clean *c);
void wire_clean_trigs_free(struct clean_trigs *t);
void wire_clean_trig_edges(struct wire_clean *c, const uint64_t key[2], size_t wl,
                           size_t end);
void wire_clean_trig_cp(struct wire_clean *c, uint32_t cp, size_t pos);
/* Whether list WHICH (0 the unanchored captions, 1 the unanchored
 * boilerplate) matches paragraph P (by the byte scan when the lists are
 * not usable or P is longer than WIRE_CLEAN_UNANCHORED_MAX, whose
 * triggers are not recorded). */
bool wire_clean_trig_match(struct wire_clean *c, int which, const struct clean_par *p);

/* Bit of four bytes K in a trigger filter. */
static inline unsigned
wire_clean_trig_bit(uint32_t k)
{
	return (k * 0x9e3779b1u) >> 19;
}

static inline void
wire_clean_trig_hit(struct wire_clean *c, uint32_t head, size_t pos)
{
	struct clean_trigs *t = &c->trigs;

	if (t->skip)
		return;
	if (t->nhit == t->hitcap) {
		t->hitcap = t->hitcap ? 2 * t->hitcap : 64;
		t->hit = wire_xreallocarray(t->hit, t->hitcap, sizeof *t->hit);
	}
	t->hit[t->nhit].head = head;
	t->hit[t->nhit++].pos = pos;
}

static inline void wire_clean_trig_edge_run(struct wire_clean *c, uint64_t k0, uint64_t k1,
                                            size_t wl, const unsigned char *s, size_t end);

/* The triggers of the run of ASCII letters and digits of paragraph text
 * S that ends at offset END (WL bytes, K0 and K1 its first 16 in lower
 * case, zero-padded), V its value in the stop table. */
static inline void
wire_clean_trig_run(struct wire_clean *c, int v, uint64_t k0, uint64_t k1, size_t wl,
                    const unsigned char *s, size_t end)
{
	const struct clean_trigs *t = &c->trigs;

	if (v > 1)
		wire_clean_trig_hit(c, (uint32_t)v >> 1, end - wl);
	if (t->any_edge && wl >= 2)
		wire_clean_trig_edge_run(c, k0, k1, wl, s, end);
}

/* The prefix and suffix triggers of such a run (WL at least 2). */
static inline void
wire_clean_trig_edge_run(struct wire_clean *c, uint64_t k0, uint64_t k1, size_t wl,
                         const unsigned char *s, size_t end)
{
	const struct clean_trigs *t = &c->trigs;
	/* the run's first four bytes are in the key, its last four in the
	 * text (ORing 0x20 lowers letters and keeps digits) */
	uint32_t first = (uint32_t)k0, last = 0;
	unsigned bf = wire_clean_trig_bit(first), bl;

	if (wl >= 4) {
		memcpy(&last, s + end - 4, 4);
		last |= 0x20202020u;
	}
	bl = wire_clean_trig_bit(last);
	if (wl > 16 || t->short_edge || (t->four[0][bf >> 3] & (1u << (bf & 7))) ||
	    (t->four[1][bl >> 3] & (1u << (bl & 7)))) {
		/* an array only here: the key stays in registers in the loop */
		const uint64_t key[2] = {k0, k1};

		wire_clean_trig_edges(c, key, wl, end);
	}
}

/* clean_meta.c */
void wire_clean_load_meta_models(struct wire_clean *c);
void wire_clean_free_meta_models(struct wire_clean *c);
void wire_clean_find_meta(struct wire_clean *c, size_t start, size_t end);

/* For the few functions of the per-word loop that must be inlined
 * wherever they are called. */
#if defined(__GNUC__)
#define CLEAN_INLINE inline __attribute__((always_inline))
#else
#define CLEAN_INLINE inline
#endif

/* Eight bytes at a time, where the compiler and byte order allow. */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/* The high bit of each byte of W7 (bytes below 0x80) that lies in
 * [LO, HI]: adding 0x80 - LO sets it from LO up, 0x7f - HI above HI, and
 * neither sum carries into the next byte. */
static inline uint64_t
bytes_in(uint64_t w7, unsigned lo, unsigned hi)
{
	return (w7 + ONES * (0x80 - lo)) & ~(w7 + ONES * (0x7f - hi)) & HIGHS;
}
#endif

#endif /* WIRE_CLEAN_INT_H */
