/* UTF-8 decoding, validation and repair (RFC 3629: shortest form only,
 * no surrogates, nothing above U+10FFFF). */
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "wire.h"

size_t
wire_utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c;
	size_t n, i;

	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		n = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		n = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

size_t
wire_utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = WIRE_REPLACEMENT_CHAR;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Most news text is ASCII: skip it sixteen (SSE2, every x86-64
 * processor) or eight bytes at a time. */
static size_t
ascii_prefix(const char *s, size_t len)
{
	size_t i = 0;
	uint64_t w;

#ifdef __SSE2__
	while (i + 16 <= len &&
	       !_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + i))))
		i += 16;
#endif
	while (i + 8 <= len) {
		memcpy(&w, s + i, 8);
		if (w & 0x8080808080808080ull)
			break;
		i += 8;
	}
	while (i < len && (unsigned char)s[i] < 0x80)
		i++;
	return i;
}

bool
wire_utf8_valid(const char *s, size_t len, size_t *bad)
{
	size_t i = 0, n;
	uint32_t cp;

	for (;;) {
		i += ascii_prefix(s + i, len - i);
		if (i >= len)
			return true;
		n = wire_utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			if (bad)
				*bad = i;
			return false;
		}
		i += n;
	}
}

#ifdef __SSE2__
/* The bytes of the sixteen at S that may need a look: below 14 (NUL,
 * CR, but also TAB and other controls) or from 0x80 (signed: negative). */
static inline unsigned
odd16(const char *s)
{
	return (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(
	        _mm_loadu_si128((const __m128i *)(const void *)s), _mm_set1_epi8(14)));
}

/* One pass (every x86-64 processor has SSE2), sixty-four bytes skipped
 * at once when none needs a look: three passes of memchr and the UTF-8
 * check were a tenth of wire-clean's time. */
bool
wire_utf8_clean(const char *s, size_t n)
{
	size_t i = 0, k;
	uint32_t cp;
	unsigned odd;

	while (n - i >= 64) {
		if ((odd16(s + i) | odd16(s + i + 16) | odd16(s + i + 32) |
		     odd16(s + i + 48)) == 0) {
			i += 64;
			continue;
		}
		/* the block a sixteen at a time; what the last odd character
		 * leaves of it starts the next */
		for (k = i + 64; i + 16 <= k;) {
			odd = odd16(s + i);
			if (odd == 0) {
				i += 16;
				continue;
			}
			i += (size_t)__builtin_ctz(odd);
			if (s[i] == '\0' || s[i] == '\r')
				return false;
			if ((unsigned char)s[i] < 0x80) {
				i++;
				continue;
			}
			odd = (unsigned)wire_utf8_decode(s + i, n - i, &cp);
			if (odd == 0)
				return false;
			i += odd;
		}
	}
	for (; i < n; i += k) {
		k = 1;
		if (s[i] == '\0' || s[i] == '\r')
			return false;
		if ((unsigned char)s[i] >= 0x80 && (k = wire_utf8_decode(s + i, n - i, &cp)) == 0)
			return false;
	}
	return true;
}
#else
bool
wire_utf8_clean(const char *s, size_t n)
{
	return !memchr(s, '\0', n) && !memchr(s, '\r', n) && wire_utf8_valid(s, n, NULL);
}
#endif

size_t
wire_utf8_count(const char *s, size_t len)
{
	size_t i, count = 0;

	/* Count every byte that is not a continuation byte. */
	for (i = 0; i < len; i++)
		count += ((unsigned char)s[i] & 0xC0) != 0x80;
	return count;
}

size_t
wire_utf8_offset(const char *s, size_t len, size_t cp)
{
	size_t i = 0;

	while (i < len && cp > 0) {
		i++;
		while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		cp--;
	}
	return i;
}

size_t
wire_utf8_repair(const char *s, size_t len, struct wire_buf *out)
{
	size_t i = 0, start, n, repaired = 0;
	uint32_t cp;
	char rep[4];
	size_t replen = wire_utf8_encode(WIRE_REPLACEMENT_CHAR, rep);

	wire_buf_reserve(out, len);
	while (i < len) {
		start = i;
		i += ascii_prefix(s + i, len - i);
		/* NUL bytes are dropped: they are never text. */
		while (start < i) {
			const char *nul = memchr(s + start, '\0', i - start);
			size_t end = nul ? (size_t)(nul - s) : i;

			wire_buf_add(out, s + start, end - start);
			start = nul ? end + 1 : i;
		}
		if (i >= len)
			break;
		n = wire_utf8_decode(s + i, len - i, &cp);
		if (n) {
			wire_buf_add(out, s + i, n);
			i += n;
		} else {
			wire_buf_add(out, rep, replen);
			repaired++;
			i++;
			/* One replacement per broken sequence, not per byte. */
			while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
				i++;
		}
	}
	return repaired;
}
