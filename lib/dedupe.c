/* Key normalisation and exact keys for wire-dedupe.  The normaliser
 * decides what "the same text" means, so every choice here is listed in
 * wire-dedupe(1): two outlets that print one quotation with different
 * quotation marks, dashes, capitals or abbreviation dots must produce one
 * key. */
#include <stdlib.h>
#include <string.h>

#include "wire.h"

enum cls {
	C_WORD,   /* letters, digits, anything not listed below */
	C_SPACE,  /* white space, punctuation, symbols: a word break */
	C_JOIN,   /* apostrophes: deleted between word characters */
	C_DOT,    /* '.': deleted between word characters (U.N., 3.5) */
	C_COMMA,  /* ',': deleted between digits (40,000) */
	C_DELETE  /* soft hyphen, zero-width characters, combining marks */
};

/* Latin-1 Supplement U+00C0..U+00FF without their diacritics, from the
 * Unicode canonical decompositions; 1 = ae, 2 = th, 3 = ss, ' ' = the
 * two symbols (multiplication and division signs). */
static const char latin1[] =
	"AAAAAA\1CEEEEIIIIDNOOOOO OUUUUY\2\3"
	"aaaaaa\1ceeeeiiiidnooooo ouuuuy\2y";

/* Latin Extended-A U+0100..U+017F folded the same way (IJ, OE and the
 * long s lose their second letter: they are rare in English news). */
static const char latin_ext_a[] =
	"AaAaAa" "CcCcCcCc" "DdDd" "EeEeEeEeEe" "GgGgGgGg" "HhHh"
	"IiIiIiIiIi" "Ii" "Jj" "Kkk" "LlLlLlLlLl" "NnNnNnnNn" "OoOoOo" "Oo"
	"RrRrRr" "SsSsSsSs" "TtTtTt" "UuUuUuUuUuUu" "Ww" "YyY" "ZzZzZz" "s";

_Static_assert(sizeof latin1 == 65, "U+00C0..U+00FF");
_Static_assert(sizeof latin_ext_a == 129, "U+0100..U+017F");

static bool
is_space(uint32_t c)
{
	return c == 0x85 || c == 0xa0 || c == 0x1680 ||
	       (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 ||
	       c == 0x202f || c == 0x205f || c == 0x3000;
}

static enum cls
classify(uint32_t c)
{
	if (c < 0x80) {
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9'))
			return C_WORD;
		if (c == '\'' || c == '`')
			return C_JOIN;
		if (c == '.')
			return C_DOT;
		if (c == ',')
			return C_COMMA;
		return C_SPACE;
	}
	if (c == 0xad || (c >= 0x200b && c <= 0x200d) || c == 0x2060 ||
	    c == 0xfeff || (c >= 0x300 && c <= 0x36f))
		return C_DELETE;
	if (is_space(c))
		return C_SPACE;
	/* Right and left single quotation marks, the single high-reversed-9
	 * and the prime all stand for the apostrophe in scraped text. */
	if (c == 0x2018 || c == 0x2019 || c == 0x201b || c == 0x2032 ||
	    c == 0x02bc)
		return C_JOIN;
	if (c < 0xc0)
		return c == 0xaa || c == 0xb5 || c == 0xba ? C_WORD : C_SPACE;
	if (c == 0xd7 || c == 0xf7)
		return C_SPACE;
	/* General punctuation, symbols and arrows, CJK punctuation, the
	 * pictographs: none of them carries a word. */
	if ((c >= 0x2010 && c <= 0x2bff) || (c >= 0x2e00 && c <= 0x2e7f) ||
	    (c >= 0x3001 && c <= 0x303f) || (c >= 0xfe10 && c <= 0xfe6f) ||
	    (c >= 0x1f000 && c <= 0x1faff))
		return C_SPACE;
	return C_WORD;
}

/* Writes the folded form of word character C at P; returns the end. */
static char *
fold(uint32_t c, char *p)
{
	char f = 0;

	if (c < 0x80) {
		f = (char)c;
	} else if (c >= 0xc0 && c <= 0xff) {
		f = latin1[c - 0xc0];
	} else if (c >= 0x100 && c <= 0x17f) {
		f = latin_ext_a[c - 0x100];
	} else {
		if ((c >= 0x391 && c <= 0x3a9) || (c >= 0x410 && c <= 0x42f))
			c += 0x20;
		else if (c >= 0x400 && c <= 0x40f)
			c += 0x50;
		return p + wire_utf8_encode(c, p);
	}
	switch (f) {
	case '\1': *p++ = 'a'; *p++ = 'e'; return p;
	case '\2': *p++ = 't'; *p++ = 'h'; return p;
	case '\3': *p++ = 's'; *p++ = 's'; return p;
	default: break;
	}
	*p++ = (char)(f >= 'A' && f <= 'Z' ? f + 32 : f);
	return p;
}

static bool
is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

/* ASCII classes, filled once: the hot path never calls classify(). */
static unsigned char ascii_cls[128];

static void
init_ascii(void)
{
	uint32_t c;

	for (c = 0; c < 128; c++)
		ascii_cls[c] = (unsigned char)classify(c);
}

void
wire_dedupe_normalise(const char *s, size_t len, struct wire_buf *out)
{
	size_t i = 0, n;
	uint32_t c, prev = 0;      /* last word character of the open word */
	enum cls held = C_SPACE;   /* a joiner waiting for the next character */
	enum cls k;
	bool inword = false, any = false;
	char *p, *start;

	if (ascii_cls['.'] != C_DOT)
		init_ascii();
	/* No character grows when folded (ae, ss and th replace two-byte
	 * letters) and a word break costs at least one byte: LEN + 1
	 * bytes are enough. */
	wire_buf_reserve(out, len + 2);
	start = out->data + out->len;
	p = start;
	while (i < len) {
		c = (unsigned char)s[i];
		if (c < 0x80 && ascii_cls[c] == C_WORD) {
			/* The common case: a run of ASCII letters and digits
			 * copied in one loop. */
			if (!inword) {
				if (any)
					*p++ = ' ';
				any = inword = true;
			} else if (held == C_COMMA &&
			           !(is_digit(prev) && is_digit(c))) {
				*p++ = ' ';
			}
			held = C_SPACE;
			do {
				*p++ = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
				prev = c;
				if (++i == len)
					break;
				c = (unsigned char)s[i];
			} while (c < 0x80 && ascii_cls[c] == C_WORD);
			continue;
		}
		if (c < 0x80) {
			i++;
			k = (enum cls)ascii_cls[c];
		} else {
			n = wire_utf8_decode(s + i, len - i, &c);
			if (n == 0) {
				n = 1;
				c = WIRE_REPLACEMENT_CHAR;
			}
			i += n;
			if (c >= 0xff01 && c <= 0xff5e) {
				c -= 0xfee0; /* fullwidth forms are ASCII */
				k = (enum cls)ascii_cls[c];
			} else {
				k = classify(c);
			}
		}
		switch (k) {
		case C_DELETE:
			continue;
		case C_WORD:
			if (!inword) {
				if (any)
					*p++ = ' ';
				any = inword = true;
			} else if (held == C_COMMA &&
			           !(is_digit(prev) && is_digit(c))) {
				*p++ = ' ';
			}
			held = C_SPACE;
			if (c < 0x80)
				*p++ = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			else
				p = fold(c, p);
			prev = c;
			break;
		case C_JOIN:
		case C_DOT:
		case C_COMMA:
			if (inword && held == C_SPACE) {
				held = k;
				break;
			}
			inword = false;
			held = C_SPACE;
			break;
		case C_SPACE:
			inword = false;
			held = C_SPACE;
			break;
		}
	}
	out->len += (size_t)(p - start);
	out->data[out->len] = '\0';
}

void
wire_dedupe_key128(const char *s, size_t len, uint64_t out[2])
{
	/* Two independent 64-bit hashes: a collision needs both to collide,
	 * about 2^-128 per pair, negligible even for 10^9 keys. */
	out[0] = wire_hash64(s, len, 0x6475706b65793031ull);
	out[1] = wire_hash64(s, len, 0x6475706b65793032ull);
	if (out[0] == 0 && out[1] == 0)
		out[1] = 1; /* (0,0) marks an empty slot */
}

void
wire_keyset_init(struct wire_keyset *k)
{
	memset(k, 0, sizeof *k);
}

void
wire_keyset_free(struct wire_keyset *k)
{
	free(k->slot);
	free(k->val);
	memset(k, 0, sizeof *k);
}

static void
keyset_grow(struct wire_keyset *k)
{
	struct wire_keyset old = *k;
	size_t i, j;

	k->cap = old.cap ? old.cap * 2 : 1024;
	k->slot = wire_xcalloc(k->cap * 2, sizeof *k->slot);
	k->val = wire_xcalloc(k->cap, sizeof *k->val);
	for (i = 0; i < old.cap; i++) {
		if (old.slot[2 * i] == 0 && old.slot[2 * i + 1] == 0)
			continue;
		j = (size_t)old.slot[2 * i] & (k->cap - 1);
		while (k->slot[2 * j] != 0 || k->slot[2 * j + 1] != 0)
			j = (j + 1) & (k->cap - 1);
		k->slot[2 * j] = old.slot[2 * i];
		k->slot[2 * j + 1] = old.slot[2 * i + 1];
		k->val[j] = old.val[i];
	}
	free(old.slot);
	free(old.val);
}

bool
wire_keyset_add(struct wire_keyset *k, const uint64_t key[2], uint32_t val,
                uint32_t *old)
{
	size_t j;

	/* Load at most 3/4: linear probing stays short. */
	if (4 * (k->count + 1) > 3 * k->cap)
		keyset_grow(k);
	j = (size_t)key[0] & (k->cap - 1);
	while (k->slot[2 * j] != 0 || k->slot[2 * j + 1] != 0) {
		if (k->slot[2 * j] == key[0] && k->slot[2 * j + 1] == key[1]) {
			*old = k->val[j];
			return true;
		}
		j = (j + 1) & (k->cap - 1);
	}
	k->slot[2 * j] = key[0];
	k->slot[2 * j + 1] = key[1];
	k->val[j] = val;
	k->count++;
	return false;
}
