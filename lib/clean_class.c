/*
 * clean_class.c - wire-clean's paragraph classifier.
 *
 * Three passes over the paragraphs of one article:
 *
 * 1. Each paragraph alone, after jusText (Pomikálek 2011): a boilerplate
 *    pattern, a navigation separator or a line repeated in the page makes
 *    it bad; under LENGTH_LOW characters it is short (undecided); else its
 *    stop-word density makes it good, near-good or bad.
 * 2. Context, as jusText: short and near-good paragraphs take the class
 *    of the good or bad paragraphs around them.
 * 3. Position, after boilerpipe's idea of the main text block: the
 *    article is the one contiguous run of paragraphs with the highest
 *    score, good text counting for it and bad text against it.  Good
 *    paragraphs outside it (comments, teasers of other stories) are
 *    dropped.
 *
 * Then headings, captions and metadata lines are told apart.  The
 * thresholds below were tuned on L3S-GN1 (../shared/data/l3s-gn1, the dev
 * set: see eval/wire-clean.sh), starting from jusText's defaults.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "clean_int.h"

/* jusText's length limits (characters); its defaults are 70 and 200.
 * News paragraphs are short (one or two sentences), and at 200 most of
 * them were only near-good, so whole short articles between menus were
 * lost; 100 was best on L3S-GN1 (F1 0.81 at 200, 0.90 at 120). */
#define LENGTH_LOW 70
#define LENGTH_HIGH 100
/* Stop-word density limits.  jusText uses 0.30 and 0.32 with a list of
 * several hundred words; models/stopwords.en is shorter and news leads
 * are dense in names, so the best limits on L3S-GN1 were lower. */
#define STOP_LOW 0.18
#define STOP_HIGH 0.25
/* A paragraph with this many navigation separators (| » › · •) is a
 * menu or a breadcrumb trail. */
#define MAX_SEPARATORS 2
/* Script text left in the page: more than one character in this many is
 * one of { } ; = (prose has a semicolon now and then). */
#define CODE_SHARE 40
/* Score of a bad paragraph against the article block: a fixed cost plus
 * its length, so that a long appeal or a run of menu lines separates the
 * article from comments and teasers below it.  Tuned on L3S-GN1: cost
 * 30 and half the length gave F1 0.920, 200 and the length 0.931, higher
 * costs began to cut articles with a stray line inside. */
#define BAD_COST 200
#define BAD_SHARE 1.0
/* Article text (characters of good paragraphs) before a comment line
 * that makes it the start of the comments.  L3S-GN1: 100 gave F1 0.932,
 * 400 to 600 0.941, 1000 0.936. */
#define COMMENTS_AFTER 500
/* Near-good text counts this much of its length for the block. */
#define NEARGOOD_SHARE 0.5
/* Headings: at most this many characters and words, no sentence end. */
#define HEADING_CHARS 80
#define HEADING_WORDS 10
/* Longer headings are in title case or capitals. */
#define HEADING_SHORT 5
/* Captions need this many words besides the credit. */
#define CAPTION_WORDS 8
/* Words with letters in a sentence of a brief (brief_block): a sign-off
 * such as "Thank you." or "Stay safe." is not one. */
#define BRIEF_WORDS 3

static bool
is_upper_cp(uint32_t cp)
{
	return (cp >= 'A' && cp <= 'Z') || (cp >= 0xc0 && cp <= 0xde && cp != 0xd7) ||
	       (cp >= 0x100 && cp < 0x180 && (cp & 1) == 0) ||
	       (cp >= 0x391 && cp <= 0x3a9) || (cp >= 0x410 && cp <= 0x42f);
}

/* Letters and digits outside ASCII: everything but the punctuation and
 * symbol blocks. */
static bool
is_word_cp(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		       (cp >= '0' && cp <= '9');
	if (cp < 0xc0)
		return cp == 0xaa || cp == 0xb5 || cp == 0xba;
	if (cp == 0xd7 || cp == 0xf7)
		return false;
	if (cp >= 0x2000 && cp <= 0x2bff)
		return false;
	if (cp >= 0x3000 && cp <= 0x303f)
		return false;
	if (cp >= 0xfe00 && cp <= 0xfe6f)
		return false;
	if (cp >= 0xff00 && cp <= 0xff0f)
		return false;
	if (cp == WIRE_REPLACEMENT_CHAR)
		return false;
	return true;
}

static bool
is_separator(uint32_t cp)
{
	return cp == '|' || cp == 0xbb || cp == 0x203a || cp == '>' ||
	       cp == 0xb7 || cp == 0x2022 || cp == 0xab || cp == 0x2039;
}

static bool
is_closing(uint32_t cp)
{
	return cp == '"' || cp == '\'' || cp == ')' || cp == ']' ||
	       cp == 0x201d || cp == 0x2019 || cp == 0xbb;
}

static uint32_t
decode_at(const char *s, size_t len, size_t i, size_t *n)
{
	uint32_t cp;

	if ((unsigned char)s[i] < 0x80) {
		*n = 1;
		return (unsigned char)s[i];
	}
	*n = wire_utf8_decode(s + i, len - i, &cp);
	if (*n == 0) {
		*n = 1;
		return WIRE_REPLACEMENT_CHAR;
	}
	return cp;
}

/* Whether the text ends like a sentence: . ! ? or … before any closing
 * quotes and brackets. */
static bool
ends_sentence(const char *s, size_t len)
{
	size_t i = len;

	while (i > 0) {
		size_t start = i - 1;
		uint32_t cp;
		size_t n;

		while (start > 0 && ((unsigned char)s[start] & 0xc0) == 0x80)
			start--;
		cp = decode_at(s, len, start, &n);
		if (is_closing(cp)) {
			i = start;
			continue;
		}
		return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
	}
	return false;
}

/* Byte classes for the feature scan. */
enum { B_OTHER, B_LOWER, B_UPPER, B_DIGIT, B_SPACE, B_SENT, B_SEP, B_APOS, B_HIGH, B_CODE };

static unsigned char byte_class[256];
static unsigned char byte_lower[256]; /* ASCII capitals folded */

static void
init_byte_class(void)
{
	int ch;

	for (ch = 0; ch < 256; ch++) {
		unsigned char k = B_OTHER;

		if (ch >= 'a' && ch <= 'z')
			k = B_LOWER;
		else if (ch >= 'A' && ch <= 'Z')
			k = B_UPPER;
		else if (ch >= '0' && ch <= '9')
			k = B_DIGIT;
		else if (ch == ' ')
			k = B_SPACE;
		else if (ch == '.' || ch == '!' || ch == '?')
			k = B_SENT;
		else if (ch == '|' || ch == '>')
			k = B_SEP;
		else if (ch == '\'')
			k = B_APOS;
		else if (ch == '{' || ch == '}' || ch == ';' || ch == '=')
			k = B_CODE;
		else if (ch >= 0x80)
			k = B_HIGH;
		byte_class[ch] = k;
		byte_lower[ch] = (unsigned char)(k == B_UPPER ? ch + 32 : ch);
	}
}

#define UNANCHORED_MAX WIRE_CLEAN_UNANCHORED_MAX
/* Comment lines ("Posted by ...") are short. */
#define COMMENT_MAX 200

/* Whether pattern list SETS[K] (anchored patterns for K 0, the others
 * for 1) matches S, a paragraph of LEN bytes. */
static bool
matches(struct clean_set sets[2], int k, const char *s, size_t len)
{
	return wire_clean_set_match(&sets[k], s, len);
}

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__

/* The run's bytes among the eight W: its letters (high bit of each
 * byte), its capitals, and the mask of the bytes before the first that
 * ends it (all eight when none does); returns that byte's high bit. */
static inline uint64_t
word_chunk(uint64_t w, uint64_t *letter, uint64_t *up, uint64_t *m)
{
	uint64_t w7 = w & ~HIGHS, stop;

	/* with bit 5 set, capitals fall in a..z and nothing else does;
	 * capitals are the letters with bit 5 clear */
	*letter = bytes_in(w7 | ONES * 0x20, 'a', 'z') & ~w;
	*up = *letter & ~(w7 << 2);
	stop = ~(*letter | (bytes_in(w7, '0', '9') & ~w)) & HIGHS;
	*m = ((stop & -stop) >> 7) - 1;
	return stop;
}

/* Length of the run of ASCII letters and digits at S (at least one), its
 * first 16 bytes folded to lower case and zero-padded into KEY (the
 * stop-word table's key), and in *FLAGS whether it has a letter (bit 0)
 * and starts with a capital (bit 1).  Eight bytes at a time: every word
 * of every paragraph comes here, and most end in the first eight.  The
 * run ends at the text's NUL at the latest, and the text buffer has
 * zeroed padding after it, so reading eight bytes from any run position
 * stays in bounds. */
static CLEAN_INLINE size_t
ascii_word(const unsigned char *s, uint64_t key[2], unsigned *flags)
{
	uint64_t w, letter, up, m, stop, alpha;
	size_t n;

	memcpy(&w, s, 8);
	stop = word_chunk(w, &letter, &up, &m);
	key[0] = (w | up >> 2) & m;
	key[1] = 0;
	alpha = letter & m;
	*flags = ((unsigned)(up >> 6) & 2) | (alpha != 0);
	if (stop)
		return (size_t)__builtin_ctzll(stop) >> 3;
	for (n = 8;; n += 8) {
		memcpy(&w, s + n, 8);
		stop = word_chunk(w, &letter, &up, &m);
		if (n == 8)
			key[1] = (w | up >> 2) & m;
		alpha |= letter & m;
		if (stop)
			break;
	}
	*flags |= alpha != 0;
	return n + ((size_t)__builtin_ctzll(stop) >> 3);
}
#else
/* The same a byte at a time. */
static CLEAN_INLINE size_t
ascii_word(const unsigned char *s, uint64_t key[2], unsigned *flags)
{
	size_t n = 0;
	unsigned char *kb = (unsigned char *)key;

	key[0] = key[1] = 0;
	*flags = byte_class[s[0]] == B_UPPER ? 2 : 0;
	do {
		if (n < 16)
			kb[n] = byte_lower[s[n]];
		*flags |= s[n] >= 'A'; /* digits are below the letters */
		n++;
	} while (byte_class[s[n]] - 1u < 3u);
	return n;
}
#endif

#if defined(__SSE2__) && defined(__GNUC__)
/* ascii_word sixteen bytes at a time (every x86-64 processor has SSE2):
 * the compares' constants stay in vector registers, where the eight-byte
 * version reloaded them for every word.  A run of sixteen bytes or more
 * goes to ascii_word. */
static CLEAN_INLINE size_t
ascii_word16(const unsigned char *s, uint64_t key[2], unsigned *flags, __m128i *kv)
{
	/* bytes below N of sixteen set */
	static const unsigned char keep[17][16] __attribute__((aligned(16))) = {
#define K(n) { (n) > 0 ? 0xff : 0, (n) > 1 ? 0xff : 0, (n) > 2 ? 0xff : 0, \
	(n) > 3 ? 0xff : 0, (n) > 4 ? 0xff : 0, (n) > 5 ? 0xff : 0, (n) > 6 ? 0xff : 0, \
	(n) > 7 ? 0xff : 0, (n) > 8 ? 0xff : 0, (n) > 9 ? 0xff : 0, (n) > 10 ? 0xff : 0, \
	(n) > 11 ? 0xff : 0, (n) > 12 ? 0xff : 0, (n) > 13 ? 0xff : 0, \
	(n) > 14 ? 0xff : 0, (n) > 15 ? 0xff : 0 }
		K(0), K(1), K(2), K(3), K(4), K(5), K(6), K(7), K(8), K(9), K(10),
		K(11), K(12), K(13), K(14), K(15), K(16)
#undef K
	};
	const __m128i zero = _mm_setzero_si128();
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
	/* x in [lo, lo + n]: x - lo, wrapping, saturates to zero less n */
	__m128i letter = _mm_cmpeq_epi8(_mm_subs_epu8(_mm_sub_epi8(
	        _mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8('a')),
	        _mm_set1_epi8(25)), zero);
	__m128i digit = _mm_cmpeq_epi8(_mm_subs_epu8(_mm_sub_epi8(v, _mm_set1_epi8('0')),
	                                             _mm_set1_epi8(9)), zero);
	/* capitals are the letters without the 0x20 bit */
	__m128i upper = _mm_andnot_si128(_mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8(0x20)),
	                                                _mm_set1_epi8(0x20)), letter);
	unsigned run = (unsigned)_mm_movemask_epi8(_mm_or_si128(letter, digit));
	size_t wl = (size_t)__builtin_ctz(~run);
	__m128i k;

	if (wl == 16) {
		wl = ascii_word(s, key, flags);
		*kv = _mm_loadu_si128((const __m128i *)(const void *)key);
		return wl;
	}
	k = _mm_and_si128(_mm_or_si128(v, _mm_and_si128(upper, _mm_set1_epi8(0x20))),
	                  _mm_load_si128((const __m128i *)(const void *)keep[wl]));
	/* one store: the compiler rebuilt the vector from two halves */
	_mm_storeu_si128((__m128i *)(void *)key, k);
	*kv = k;
	*flags = (((unsigned)_mm_movemask_epi8(upper) & 1) << 1) |
	         (((unsigned)_mm_movemask_epi8(letter) & ((1u << wl) - 1)) != 0);
	return wl;
}
/* The word at S, its key (K0, K1) and its value in the stop table T. */
static CLEAN_INLINE size_t
fast_word(const unsigned char *s, uint64_t *k0, uint64_t *k1, unsigned *flags,
          const struct clean_words_view *t, int *v)
{
	uint64_t key[2];
	__m128i kv;
	size_t wl = ascii_word16(s, key, flags, &kv);

	*k0 = (uint64_t)_mm_cvtsi128_si64(kv);
	*k1 = (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(kv, kv));
	*v = clean_words_view_get(t, *k0, *k1, kv);
	return wl;
}
#else
static CLEAN_INLINE size_t
fast_word(const unsigned char *s, uint64_t *k0, uint64_t *k1, unsigned *flags,
          const struct clean_words_view *t, int *v)
{
	uint64_t key[2];
	size_t wl = ascii_word(s, key, flags);

	*k0 = key[0];
	*k1 = key[1];
	*v = clean_words_view_get(t, *k0, *k1);
	return wl;
}
#endif

/* ASCII punctuation outside words: what the slow path would do with it
 * is all that punct_counts does. */
static bool
is_ascii_punct(unsigned k)
{
	return k == B_OTHER || k == B_SENT || k == B_SEP || k == B_CODE;
}

/* The triggers of a run of ASCII letters and digits at S inside a word
 * of the slow path. */
static void
slow_run(struct wire_clean *c, const unsigned char *s, size_t i)
{
	uint64_t key[2];
	unsigned fl;
	size_t wl = ascii_word(s + i, key, &fl);

	wire_clean_trig_run(c, wire_clean_words_get_key(&c->stop, key), key[0], key[1], wl, s,
	                    i + wl);
}

/* Counts the sign of class K (N bytes) at S[I] outside a word. */
static CLEAN_INLINE void
punct_counts(struct clean_par *p, const unsigned char *s, size_t i, size_t len,
             unsigned k, size_t n)
{
	/* a separator stands between spaces ("Home » News"); a guillemet at
	 * a word is a quotation mark */
	if (k == B_SEP && (i == 0 || s[i - 1] == ' ') &&
	    (i + n >= len || s[i + n] == ' '))
		p->nsep++;
	else if (k == B_SENT && (i + n >= len || s[i + n] == ' '))
		p->nsent++;
	else if (k == B_CODE)
		p->ncode++;
}

/* The word counts of fast_run, two to a register (a paragraph has fewer
 * than 2^32 words): the loop keeps them, the stop table and the text in
 * registers, where the whole feature scan spilled them to the stack. */
struct run_counts {
	uint64_t words_alpha; /* words, and words with a letter << 32 */
	uint64_t stop_cap;    /* stop words, and capitalised words << 32 */
};

/* The fast path of the feature scan: from S[I], at a run of ASCII
 * letters and digits, the runs and the ASCII punctuation and single
 * spaces between them, one character a byte.  Returns where it stopped.
 * *OPEN is 0, or, when it stopped in a word that may go on (don't,
 * café), its length so far << 2 | 2 | whether it has a letter, its
 * first 16 bytes in lower case in WORD: the slow path goes on with it. */
static CLEAN_INLINE size_t
fast_run(struct wire_clean *c, struct clean_par *p, const unsigned char *s, size_t i,
         size_t len, struct run_counts *counts, char word[16], unsigned *open,
         bool triggers)
{
	const struct clean_words_view stop = clean_words_view(&c->stop);
	uint64_t words_alpha = counts->words_alpha, stop_cap = counts->stop_cap;
	/* a pointer, not S + I: one register less in the loop, which kept
	 * the counts on the stack */
	const unsigned char *q = s + i, *end = s + len;

	*open = 0;
	for (;;) {
		uint64_t k0, k1;
		unsigned fl;
		int v;
		unsigned char after;
		size_t wl = fast_word(q, &k0, &k1, &fl, &stop, &v);

		q += wl;
		if (triggers)
			wire_clean_trig_run(c, v, k0, k1, wl, s, (size_t)(q - s));
		/* counted without branches: these are coin tosses */
		stop_cap += (uint64_t)(fl >> 1) << 32;
		after = *q;
		if (after >= 0x80 || after == '\'') {
			/* the word may go on: the slow path */
			memcpy(word, &k0, 8);
			memcpy(word + 8, &k1, 8);
			*open = (unsigned)wl << 2 | 2 | (fl & 1);
			break;
		}
		words_alpha += 1 + ((uint64_t)(fl & 1) << 32);
		/* a longer word's key holds its first 16 bytes only */
		stop_cap += (unsigned)v & (wl <= 16);
		if (after == ' ') {
			/* most words: a space and the next word */
			if (byte_class[q[1]] - 1u >= 3u)
				break;
			q++;
			continue;
		}
		while (q < end && is_ascii_punct(byte_class[*q])) {
			i = (size_t)(q - s);
			punct_counts(p, s, i, len, byte_class[*q], 1);
			if (c->trigs.punct[*q])
				wire_clean_trig_hit(c, c->trigs.punct[*q], i);
			q++;
		}
		if (!(*q == ' ' && byte_class[q[1]] - 1u < 3u))
			break;
		q++;
	}
	counts->words_alpha = words_alpha;
	counts->stop_cap = stop_cap;
	return (size_t)(q - s);
}

void
wire_clean_features(struct wire_clean *c, struct clean_par *p)
{
	const unsigned char *s = (const unsigned char *)clean_par_text(c, p);
	size_t len = p->len, i = 0, wl = 0, n;
	char word[16];
	bool inword = false, letter = false, plain = true;
	/* counted in registers: stores through P would be ordered with
	 * every read of the text, which may alias them */
	unsigned chars = 0, nwords = 0, nalpha = 0, nstop = 0, ncap = 0;
	struct run_counts counts = {0, 0};

	if (byte_class['a'] == B_OTHER)
		init_byte_class();
	p->hit_off = c->trigs.nhit;
	/* a long paragraph never meets the unanchored lists: its triggers
	 * would only take memory */
	c->trigs.skip = len > UNANCHORED_MAX;
	/* One pass over the bytes: words (stop words, capitals), navigation
	 * separators and sentence ends.  A NUL terminator follows the text,
	 * so s[len] is readable and closes the last word. */
	while (i <= len) {
		unsigned char ch = s[i];
		unsigned k = i < len ? byte_class[ch] : B_SPACE;
		uint32_t cp = ch;

		if (!inword && i == len)
			break; /* most paragraphs: nothing left to close */
		if (!inword && k == B_SPACE) {
			chars++;
			i++;
			continue;
		}
		if (!inword && k - 1u < 3u) {
			size_t from = i;
			unsigned open;

			/* a copy of the loop without the triggers, which
			 * a long paragraph does not record */
			if (c->trigs.skip)
				i = fast_run(c, p, s, i, len, &counts, word, &open, false);
			else
				i = fast_run(c, p, s, i, len, &counts, word, &open, true);
			chars += (unsigned)(i - from);
			if (open) {
				inword = true;
				letter = open & 1;
				plain = true;
				wl = open >> 2;
			}
			continue;
		}
		n = 1;
		if (k == B_HIGH) {
			n = wire_utf8_decode((const char *)s + i, len - i, &cp);
			if (n == 0)
				n = 1, cp = WIRE_REPLACEMENT_CHAR;
			if (cp == 0x17f || cp == 0x212a)
				p->fold = true; /* long s, Kelvin sign: s, k to PCRE2 */
			if (c->trigs.ncp > 0)
				wire_clean_trig_cp(c, cp, i);
			if (cp == 0x2019)
				k = B_APOS;
			else if (is_separator(cp))
				k = B_SEP;
			else if (cp == 0x2026)
				k = B_SENT;
			else if (is_word_cp(cp))
				k = is_upper_cp(cp) ? B_UPPER : B_LOWER;
			else
				k = B_OTHER;
		}
		chars++;
		if (ch < 0x80 && k - 1u < 3u) {
			/* "t" of "don't", "ve" of "naïve" */
			if (byte_class[s[i - 1]] - 1u >= 3u)
				slow_run(c, s, i);
		} else if (ch < 0x80 && c->trigs.punct[ch] && i < len) {
			wire_clean_trig_hit(c, c->trigs.punct[ch], i);
		}
		if (k == B_LOWER || k == B_UPPER || k == B_DIGIT ||
		    (k == B_APOS && inword && i + n < len && byte_class[s[i + n]] <= B_DIGIT &&
		     byte_class[s[i + n]] != B_OTHER)) {
			if (!inword) {
				inword = true;
				letter = false;
				plain = true;
				wl = 0;
				if (k == B_UPPER)
					ncap++;
			}
			if (k != B_DIGIT && k != B_APOS)
				letter = true;
			if (n > 1 && k != B_APOS)
				plain = false;
			if (wl < sizeof word)
				word[wl] = k == B_APOS ? '\'' : (char)(k == B_UPPER && cp < 0x80 ? ch + 32 : ch);
			wl++;
		} else {
			if (inword) {
				nwords++;
				if (letter)
					nalpha++;
				if (plain && wl <= sizeof word &&
				    (wire_clean_words_get(&c->stop, word, wl) & 1))
					nstop++;
				inword = false;
			}
			punct_counts(p, s, i, len, k, n);
		}
		i += n;
	}
	p->nchars = chars - (i > len); /* less a terminator that closed a word */
	p->nhit = (unsigned)(c->trigs.nhit - p->hit_off);
	p->nwords = nwords + (unsigned)counts.words_alpha;
	p->nalpha = nalpha + (unsigned)(counts.words_alpha >> 32);
	p->nstop = nstop + (unsigned)counts.stop_cap;
	p->ncap = ncap + (unsigned)(counts.stop_cap >> 32);
	p->final = ends_sentence((const char *)s, len);
	/* Only the anchored patterns here, one attempt per paragraph; the
	 * others and the caption patterns, which PCRE2 must try at every
	 * position, only on the paragraphs of the article block. */
	p->pattern = matches(c->boiler, 0, (const char *)s, len);
	p->barrier = len <= COMMENT_MAX &&
	             (matches(c->comment, 0, (const char *)s, len) ||
	              matches(c->comment, 1, (const char *)s, len));
}

static double
stop_density(const struct clean_par *p)
{
	return p->nwords ? (double)p->nstop / p->nwords : 0.0;
}

/* Pass 1: each paragraph on its own. */
static int
first_class(const struct clean_par *p)
{
	double sd;

	if (p->pattern || p->barrier)
		return CL_BAD;
	if (p->nsep >= MAX_SEPARATORS)
		return CL_BAD;
	if (p->ncode >= 3 && p->ncode * CODE_SHARE > p->nchars)
		return CL_BAD;
	if (p->repeated && p->nchars < LENGTH_HIGH)
		return CL_BAD;
	if (p->nchars < LENGTH_LOW)
		return CL_SHORT;
	sd = stop_density(p);
	if (sd >= STOP_HIGH)
		return p->nchars > LENGTH_HIGH ? CL_GOOD : CL_NEARGOOD;
	if (sd >= STOP_LOW)
		return CL_NEARGOOD;
	return CL_BAD;
}

/* Pass 2: jusText's context-sensitive revision of short and near-good
 * paragraphs.  For each paragraph, the class of the nearest paragraph
 * before and after it that is neither short nor near-good ("far"), and
 * that is not short ("near"); the page's edges count as bad.  Linear:
 * pages with hundreds of menu lines in a row are common. */
static void
context_pass(struct wire_clean *c)
{
	size_t i, n = c->npar;
	int *cls, *prev_far, *prev_near, *next_far, *next_near;
	int far = CL_BAD, near = CL_BAD;

	/* kept for the next article: no allocation per page */
	if (5 * n > c->ctxcap) {
		c->ctxcap = 5 * n;
		c->ctx = wire_xreallocarray(c->ctx, c->ctxcap, sizeof *c->ctx);
	}
	cls = c->ctx;
	prev_far = cls + n;
	prev_near = cls + 2 * n;
	next_far = cls + 3 * n;
	next_near = cls + 4 * n;

	for (i = 0; i < n; i++) {
		cls[i] = c->par[i].cls;
		prev_far[i] = far;
		prev_near[i] = near;
		if (cls[i] != CL_SHORT) {
			near = cls[i];
			if (cls[i] != CL_NEARGOOD)
				far = cls[i];
		}
	}
	far = near = CL_BAD;
	for (i = n; i-- > 0;) {
		next_far[i] = far;
		next_near[i] = near;
		if (cls[i] != CL_SHORT) {
			near = cls[i];
			if (cls[i] != CL_NEARGOOD)
				far = cls[i];
		}
	}
	for (i = 0; i < n; i++) {
		int prev = prev_far[i], next = next_far[i];

		if (cls[i] == CL_SHORT) {
			if (prev == CL_GOOD && next == CL_GOOD)
				c->par[i].cls = CL_GOOD;
			else if (prev == CL_BAD && next == CL_BAD)
				c->par[i].cls = CL_BAD;
			else if ((prev == CL_BAD && prev_near[i] == CL_NEARGOOD) ||
			         (next == CL_BAD && next_near[i] == CL_NEARGOOD))
				c->par[i].cls = CL_GOOD;
			else
				c->par[i].cls = CL_BAD;
		} else if (cls[i] == CL_NEARGOOD) {
			c->par[i].cls = prev == CL_BAD && next == CL_BAD ? CL_BAD : CL_GOOD;
		}
	}
}

static double
block_weight(const struct clean_par *p, int first)
{
	if (p->cls == CL_GOOD)
		return first == CL_NEARGOOD || first == CL_SHORT
		           ? NEARGOOD_SHARE * p->nchars : (double)p->nchars;
	return -(BAD_COST + BAD_SHARE * p->nchars);
}

/* Where the comments begin: the first comment line after some article
 * text.  Reader comments are prose too and may outweigh a short article,
 * but they come after it; a comment line before any article text is a
 * blog's "Posted by" header instead. */
static size_t
comments_start(const struct wire_clean *c)
{
	size_t i, good = 0;

	for (i = 0; i < c->npar; i++) {
		if (c->par[i].barrier && good >= COMMENTS_AFTER)
			return i;
		if (c->par[i].cls == CL_GOOD)
			good += c->par[i].nchars;
	}
	return c->npar;
}

/* Pass 3: the highest-scoring contiguous run (Kadane's algorithm); sets
 * *START and *END (exclusive).  Returns false when nothing scores. */
static bool
best_block(const struct wire_clean *c, size_t *start, size_t *end)
{
	double best = 0, run = 0;
	size_t i, run_start = 0;
	bool found = false;

	size_t n = comments_start(c);

	for (i = 0; i < n; i++) {
		double w = block_weight(&c->par[i], c->par[i].first);

		if (c->par[i].barrier) {
			run = 0;
			run_start = i + 1;
			continue;
		}
		if (run <= 0) {
			run = 0;
			run_start = i;
		}
		run += w;
		if (run > best) {
			best = run;
			*start = run_start;
			*end = i + 1;
			found = true;
		}
	}
	return found;
}

/* A section heading: short, no sentence end, capitalised like a title
 * unless very short ("System criticised"), and not a line broken off a
 * sentence ("... in its antitrust crusade against"). */
static bool
heading_shape(const struct wire_clean *c, const struct clean_par *p)
{
	const char *s = clean_par_text(c, p);
	char last = s[p->len - 1];
	size_t w = p->len;

	if (!(p->nchars <= HEADING_CHARS && p->nwords <= HEADING_WORDS &&
	      p->nalpha > 0 && !p->final && last != ',' && last != ';' &&
	      last != ':' && last != '-' && !p->bullet))
		return false;
	if (p->nwords > HEADING_SHORT && 2 * p->ncap < p->nalpha)
		return false;
	while (w > 0 && s[w - 1] != ' ')
		w--;
	return !(w > 0 && p->len - w <= 16 && islower((unsigned char)s[w]) &&
	         (wire_clean_words_get(&c->stop, s + w, p->len - w) & 1));
}

/* Drops the earlier copy of a paragraph kept twice (a standfirst that
 * repeats the article's first lines, a pull quote). */
static void
drop_copies(struct wire_clean *c, size_t start, size_t end)
{
	size_t i, j;

	for (i = start; i < end; i++) {
		struct clean_par *p = &c->par[i];

		if (!p->repeated || p->kind == WIRE_CLEAN_BOILERPLATE)
			continue;
		for (j = p->next_copy; j != 0 && j < end; j = c->par[j].next_copy)
			if (c->par[j].kind != WIRE_CLEAN_BOILERPLATE) {
				p->kind = WIRE_CLEAN_BOILERPLATE;
				break;
			}
	}
}

/* The patterns left for the paragraphs of the article block. */
static void
late_patterns(struct wire_clean *c, struct clean_par *p)
{
	const char *s = clean_par_text(c, p);

	bool want_caption = p->nwords >= CAPTION_WORDS;
	bool want_boiler = p->cls == CL_GOOD && p->len <= UNANCHORED_MAX;

	/* only where the answer can change the paragraph's kind; the
	 * unanchored lists by the triggers the feature scan met */
	p->caption = want_caption &&
	             (matches(c->caption, 0, s, p->len) ||
	              (p->len <= UNANCHORED_MAX && wire_clean_trig_match(c, 0, p)));
	if (!p->caption && want_boiler && wire_clean_trig_match(c, 1, p))
		p->pattern = true;
}

/* A paragraph that may belong to a brief: not bad on its own (short will
 * do) and no boilerplate, comment or caption pattern. */
static bool
brief_part(struct wire_clean *c, const struct clean_par *p, int first)
{
	const char *s = clean_par_text(c, p);

	if (first == CL_BAD || p->pattern || p->barrier)
		return false;
	return !(p->len <= UNANCHORED_MAX &&
	         (wire_clean_trig_match(c, 1, p) ||
	          matches(c->caption, 0, s, p->len) ||
	          wire_clean_trig_match(c, 0, p)));
}

/* Its sentences: menus, link lists and tables of figures do not end like
 * sentences of a few words. */
static bool
brief_prose(const struct clean_par *p)
{
	return p->final && p->nalpha >= BRIEF_WORDS;
}

/* The fallback when no article block scores: a brief (a headline and a
 * few sentences, each under LENGTH_LOW characters, so that none is good
 * and context makes them all bad) or a page whose only article text is
 * short.  The article is the run of consecutive possible brief
 * paragraphs with the most sentence text, from its first sentence to its
 * last; the search for the headline, byline and date above it then runs
 * as for a block.  Returns false when no run has a sentence. */
static bool
brief_block(struct wire_clean *c, size_t *start, size_t *end)
{
	size_t i, from = 0, text = 0, best = 0;
	bool part = false;

	for (i = 0; i < c->npar; i++) {
		const struct clean_par *p = &c->par[i];

		if (!brief_part(c, p, p->first)) {
			part = false;
			continue;
		}
		if (!part)
			text = 0;
		part = true;
		if (!brief_prose(p))
			continue;
		if (text == 0)
			from = i;
		text += p->nchars;
		if (text > best) {
			best = text;
			*start = from;
			*end = i + 1;
		}
	}
	if (best == 0)
		return false;
	for (i = *start; i < *end; i++)
		c->par[i].kind = WIRE_CLEAN_BODY;
	return true;
}

static bool
is_caption(const struct clean_par *p)
{
	return p->caption && p->nwords >= CAPTION_WORDS;
}

void
wire_clean_classify(struct wire_clean *c)
{
	size_t i, start = 0, end = 0;

	if (c->npar == 0) {
		wire_clean_find_meta(c, 0, 0);
		return;
	}
	for (i = 0; i < c->npar; i++)
		c->par[i].first = c->par[i].cls = first_class(&c->par[i]);
	context_pass(c);
	if (!best_block(c, &start, &end))
		start = end = 0;
	for (i = 0; i < c->npar; i++) {
		struct clean_par *p = &c->par[i];
		bool inside = i >= start && i < end;

		if (inside)
			late_patterns(c, p);
		if (inside && is_caption(p))
			p->kind = WIRE_CLEAN_CAPTION;
		else if (inside && p->cls == CL_GOOD && !p->pattern)
			p->kind = WIRE_CLEAN_BODY;
		else
			p->kind = WIRE_CLEAN_BOILERPLATE;
	}
	/* Late patterns can reject the block's first paragraphs (a menu line
	 * that looked like prose): the article, and the search for its
	 * headline and date, starts at the first paragraph kept. */
	while (start < end && c->par[start].kind == WIRE_CLEAN_BOILERPLATE)
		start++;
	if (start == end)
		brief_block(c, &start, &end);
	wire_clean_find_meta(c, start, end);
	/* A heading introduces body text: a heading-shaped line with body
	 * after it; one closing the article is a teaser or a label. */
	for (i = start; i < end; i++) {
		struct clean_par *p = &c->par[i];
		size_t j;

		if (p->kind != WIRE_CLEAN_BODY || !heading_shape(c, p))
			continue;
		for (j = i + 1; j < end && c->par[j].kind == WIRE_CLEAN_BOILERPLATE; j++)
			;
		if (j < end && c->par[j].kind == WIRE_CLEAN_BODY &&
		    !heading_shape(c, &c->par[j]))
			p->kind = WIRE_CLEAN_HEADING;
		else
			p->kind = WIRE_CLEAN_BOILERPLATE;
	}
	drop_copies(c, start, end);
}
