/* A seeded 64-bit hash in the style of wyhash: 64x64->128 multiply-mix
 * over 8-byte words.  Fixed constants and little-endian reads make the
 * value the same on every platform, so hashes may be stored and compared
 * across machines (wire-dedupe's two-phase mode relies on it). */
#include <string.h>

#include "wire.h"

#define P0 0xa0761d6478bd642full
#define P1 0xe7037ed1a0b428dbull
#define P2 0x8ebc6af09c88c6e3ull
#define P3 0x589965cc75374cc3ull

static uint64_t
mum(uint64_t a, uint64_t b)
{
	__uint128_t r = (__uint128_t)a * b;

	return (uint64_t)r ^ (uint64_t)(r >> 64);
}

/* Little-endian reads, whatever the machine's order.  Inline: a call
 * for every eight bytes was most of a paragraph's hashing. */
static inline uint64_t
read64(const unsigned char *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
#else
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	       (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 |
	       (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
	       (uint64_t)p[7] << 56;
#endif
}

static inline uint64_t
read32(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	       (uint64_t)p[3] << 24;
}

/* The N bytes (below eight) at P as a little-endian number: two reads
 * that overlap for four to seven, three single bytes for one to three
 * (the same bytes OR-ed twice change nothing). */
static inline uint64_t
read_tail(const unsigned char *p, size_t n)
{
	if (n >= 4)
		return read32(p) | read32(p + n - 4) << (8 * (n - 4));
	if (n > 0)
		return (uint64_t)p[0] | (uint64_t)p[n / 2] << (8 * (n / 2)) |
		       (uint64_t)p[n - 1] << (8 * (n - 1));
	return 0;
}

uint64_t
wire_hash64(const void *data, size_t len, uint64_t seed)
{
	const unsigned char *p = data;
	uint64_t h = seed ^ mum(seed ^ P0, P1), total = len;

	while (len >= 16) {
		h = mum(read64(p) ^ P1, read64(p + 8) ^ h);
		p += 16;
		len -= 16;
	}
	if (len >= 8) {
		h = mum(read64(p) ^ P2, h ^ P3);
		p += 8;
		len -= 8;
	}
	h = mum(read_tail(p, len) ^ P1, h ^ P2);
	return mum(h ^ total, P3 ^ seed);
}
