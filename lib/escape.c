/* The stream's field escapes: TAB, LF, CR and backslash as \t \n \r \\
 * (the PostgreSQL COPY / Miller TSV convention). */
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "wire.h"

static int
needs_escape(unsigned char c)
{
	return c == '\t' || c == '\n' || c == '\r' || c == '\\';
}

/* Bytes of S that need no escape, one at a time. */
static size_t
plain_tail(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && !needs_escape((unsigned char)s[i]))
		i++;
	return i;
}

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/* Non-zero when some byte of W equals C (the classic has-zero-byte test
 * on W ^ C repeated). */
static uint64_t
has_byte(uint64_t w, unsigned char c)
{
	uint64_t x = w ^ (ONES * c);

	return (x - ONES) & ~x & HIGHS;
}

/* Non-zero when some byte of W is below N (N <= 0x80): exact as a test
 * for any, which is all that is asked. */
static uint64_t
has_below(uint64_t w, unsigned char n)
{
	return (w - ONES * n) & ~w & HIGHS;
}

#ifdef __SSE2__
/* The bytes of the sixteen at S that may need an escape: below 0x0e
 * (TAB, LF, CR and rarer controls, which plain_tail sorts out) and the
 * backslash. */
static inline unsigned
escape_mask16(const char *s)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
	__m128i low = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x0d)), v);

	return (unsigned)_mm_movemask_epi8(_mm_or_si128(low, _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
}
#endif

/* Length of the prefix of S that needs no escape, sixteen or eight
 * bytes at a time: most text has no TAB, LF, CR or backslash at all.
 * TAB, LF and CR are all below 0x0e; the rarer control bytes there just
 * end the fast scan. */
static size_t
plain_prefix(const char *s, size_t len)
{
	size_t i = 0;
	uint64_t w;

#ifdef __SSE2__
	/* every x86-64 processor has SSE2 */
	unsigned m;

	while (i + 16 <= len) {
		m = escape_mask16(s + i);
		if (m)
			return i + (size_t)__builtin_ctz(m) +
			       plain_tail(s + i + __builtin_ctz(m), len - i - __builtin_ctz(m));
		i += 16;
	}
	if (i < len && len >= 16) {
		/* the last bytes in the sixteen that end the text */
		m = escape_mask16(s + len - 16) >> (16 - (len - i));
		return m ? i + (size_t)__builtin_ctz(m) +
		           plain_tail(s + i + __builtin_ctz(m), len - i - __builtin_ctz(m))
		         : len;
	}
#endif
	while (i + 8 <= len) {
		memcpy(&w, s + i, 8);
		if (has_below(w, 0x0e) | has_byte(w, '\\'))
			break;
		i += 8;
	}
	return i + plain_tail(s + i, len - i);
}

/* The letter of the escape of C, one of TAB, LF, CR and backslash. */
static char
escape_letter(unsigned char c)
{
	return c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : '\\';
}

void
wire_escape(const char *s, size_t len, struct wire_buf *out)
{
	size_t i = 0, run;
	char *o;

	/* room for the worst, every byte escaped, and the NUL: then the
	 * bytes go straight in */
	if (2 * len >= out->cap - out->len)
		wire_buf_reserve(out, 2 * len);
	o = out->data + out->len;
	if (len < 16) {
		/* short fields (numbers, names of kinds) a byte at a time */
		for (; i < len; i++) {
			if (needs_escape((unsigned char)s[i])) {
				*o++ = '\\';
				*o++ = escape_letter((unsigned char)s[i]);
			} else {
				*o++ = s[i];
			}
		}
		i = len;
	}
	while (i < len) {
		run = plain_prefix(s + i, len - i);
		memcpy(o, s + i, run);
		o += run;
		i += run;
		if (i == len)
			break;
		*o++ = '\\';
		*o++ = escape_letter((unsigned char)s[i++]);
	}
	out->len = (size_t)(o - out->data);
	*o = '\0';
}

int
wire_unescape(const char *raw, size_t len, struct wire_buf *out, size_t *bad)
{
	size_t i = 0;
	const char *bs;

	wire_buf_reserve(out, len);
	while (i < len) {
		bs = memchr(raw + i, '\\', len - i);
		if (!bs) {
			wire_buf_add(out, raw + i, len - i);
			break;
		}
		wire_buf_add(out, raw + i, (size_t)(bs - (raw + i)));
		i = (size_t)(bs - raw);
		if (i + 1 >= len)
			goto fail;
		switch (raw[i + 1]) {
		case 't': wire_buf_addc(out, '\t'); break;
		case 'n': wire_buf_addc(out, '\n'); break;
		case 'r': wire_buf_addc(out, '\r'); break;
		case '\\': wire_buf_addc(out, '\\'); break;
		default: goto fail;
		}
		i += 2;
	}
	return 0;
fail:
	if (bad)
		*bad = i;
	return -1;
}
