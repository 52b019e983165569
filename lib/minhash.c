/* MinHash signatures over word or character shingles, and the LSH index
 * that finds candidate near-duplicates among them (Broder 1997; Leskovec,
 * Rajaraman and Ullman, Mining of Massive Datasets, ch. 3).
 *
 * A shingle is hashed once to 64 bits; permutation i maps its 32-bit fold
 * x to ((mul_i * x + add_i) mod 2^32) xor-shifted, a bijection of the
 * 32-bit values, and the signature keeps the minimum per permutation.
 * Everything depends only on the seed and on fixed constants, so
 * signatures computed on different machines (two-phase mode) agree. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wire.h"

#define LSH_MISS 1e-3 /* accepted chance of missing a pair at the threshold */

double
wire_lsh_probability(double s, unsigned bands, unsigned rows)
{
	return 1.0 - pow(1.0 - pow(s, rows), bands);
}

void
wire_lsh_choose(unsigned perm, double t, unsigned *bands, unsigned *rows)
{
	unsigned r;

	for (r = perm; r > 1; r--)
		if (1.0 - wire_lsh_probability(t, perm / r, r) <= LSH_MISS)
			break;
	*rows = r;
	*bands = perm / r;
}

void
wire_minhash_init(struct wire_minhash *m, unsigned perm, unsigned shingle,
                  bool chars, double t, unsigned bands, uint64_t seed)
{
	unsigned i;
	uint64_t base;

	memset(m, 0, sizeof *m);
	m->perm = perm;
	m->shingle = shingle ? shingle : 1;
	m->chars = chars;
	m->seed = seed;
	if (bands == 0 || bands > perm) {
		wire_lsh_choose(perm, t, &m->bands, &m->rows);
	} else {
		m->bands = bands;
		m->rows = perm / bands;
	}
	m->mul = wire_xreallocarray(NULL, perm, sizeof *m->mul);
	m->add = wire_xreallocarray(NULL, perm, sizeof *m->add);
	/* The seed is mixed first so that nearby seeds share no
	 * permutations. */
	base = wire_mix64(seed ^ 0x6d696e68617368ull);
	for (i = 0; i < perm; i++) {
		/* Odd multipliers make each map a bijection. */
		m->mul[i] = (uint32_t)wire_mix64(base + 2 * (uint64_t)i + 1) | 1u;
		m->add[i] = (uint32_t)wire_mix64(base + 2 * (uint64_t)i + 2);
	}
}

void
wire_minhash_free(struct wire_minhash *m)
{
	free(m->mul);
	free(m->add);
	free(m->hbuf);
	free(m->xbuf);
	memset(m, 0, sizeof *m);
}

static void
push_hash(struct wire_minhash *m, size_t *n, uint64_t h)
{
	if (*n == m->hcap) {
		m->hcap = m->hcap ? m->hcap * 2 : 4096;
		m->hbuf = wire_xreallocarray(m->hbuf, m->hcap, sizeof *m->hbuf);
	}
	m->hbuf[(*n)++] = h;
}

/* Shingles of SHINGLE words: word hashes combined with position-dependent
 * rotations, so "a b" and "b a" differ. */
static size_t
word_shingles(struct wire_minhash *m, const char *s, size_t len)
{
	size_t n = 0, nw = 0, i = 0, j, k, start;
	uint64_t h;

	/* First pass: one hash per word, kept at the end of hbuf's use. */
	while (i < len) {
		const char *sp = memchr(s + i, ' ', len - i);

		start = i;
		i = sp ? (size_t)(sp - s) : len;
		if (i > start)
			push_hash(m, &nw, wire_hash64(s + start, i - start,
			                              m->seed ^ 0x776f7264ull));
		i++;
	}
	if (nw == 0)
		return 0;
	if (nw <= m->shingle) {
		h = 0;
		for (k = 0; k < nw; k++)
			h = (h << 23 | h >> 41) ^ m->hbuf[k];
		m->hbuf[0] = wire_mix64(h);
		return 1;
	}
	/* Window j overwrites hbuf[j], which no later window reads. */
	for (j = 0; j + m->shingle <= nw; j++) {
		h = 0;
		for (k = 0; k < m->shingle; k++)
			h = (h << 23 | h >> 41) ^ m->hbuf[j + k];
		m->hbuf[n++] = wire_mix64(h);
	}
	return n;
}

/* Shingles of SHINGLE code points of the normalised text (spaces
 * included, so word boundaries count). */
static size_t
char_shingles(struct wire_minhash *m, const char *s, size_t len)
{
	size_t n = 0, i, cps = 0, head = 0;
	size_t ring[64];
	unsigned w = m->shingle < 64 ? m->shingle : 63;
	uint64_t seed = m->seed ^ 0x63686172ull;

	if (len == 0)
		return 0;
	/* ring holds the start offsets of the last w code points. */
	for (i = 0; i < len; i++) {
		if (((unsigned char)s[i] & 0xc0) == 0x80)
			continue;
		ring[cps % 64] = i;
		cps++;
		if (cps > w) {
			head = ring[(cps - 1 - w) % 64];
			push_hash(m, &n, wire_hash64(s + head, i - head, seed));
		}
	}
	if (cps < w) {
		push_hash(m, &n, wire_hash64(s, len, seed));
	} else {
		head = ring[(cps - w) % 64];
		push_hash(m, &n, wire_hash64(s + head, len - head, seed));
	}
	return n;
}

/* The hot loop: every shingle against every permutation.  Written as
 * blocks of 8 lanes so compilers vectorise it; built for AVX2 as well
 * where the compiler and CPU support it. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__SANITIZE_ADDRESS__)
#define WIRE_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define WIRE_CLONES
#endif

typedef uint32_t v8u __attribute__((vector_size(32)));

WIRE_CLONES static void
minhash_update(uint32_t *restrict sig, const uint32_t *restrict mul,
               const uint32_t *restrict add, unsigned perm,
               const uint32_t *restrict x, size_t n)
{
	size_t j;
	unsigned i;
	v8u s0, s1, a0, a1, c0, c1, v0, v1, m0, m1;

	/* Permutations outer, shingles inner: 16 running minima stay in
	 * registers while the shingles stream past. */
	for (i = 0; i < perm; i += 16) {
		memcpy(&s0, sig + i, sizeof s0);
		memcpy(&s1, sig + i + 8, sizeof s1);
		memcpy(&a0, mul + i, sizeof a0);
		memcpy(&a1, mul + i + 8, sizeof a1);
		memcpy(&c0, add + i, sizeof c0);
		memcpy(&c1, add + i + 8, sizeof c1);
		for (j = 0; j < n; j++) {
			v0 = a0 * x[j] + c0;
			v1 = a1 * x[j] + c1;
			v0 ^= v0 >> 15;
			v1 ^= v1 >> 15;
			m0 = (v8u)(v0 < s0);
			m1 = (v8u)(v1 < s1);
			s0 = (v0 & m0) | (s0 & ~m0);
			s1 = (v1 & m1) | (s1 & ~m1);
		}
		memcpy(sig + i, &s0, sizeof s0);
		memcpy(sig + i + 8, &s1, sizeof s1);
	}
}

static void
minhash_tail(uint32_t *restrict sig, const uint32_t *restrict mul,
             const uint32_t *restrict add, const uint32_t *restrict x,
             size_t n)
{
	v8u s0, a0, c0, v0, m0;
	size_t j;

	memcpy(&s0, sig, sizeof s0);
	memcpy(&a0, mul, sizeof a0);
	memcpy(&c0, add, sizeof c0);
	for (j = 0; j < n; j++) {
		v0 = a0 * x[j] + c0;
		v0 ^= v0 >> 15;
		m0 = (v8u)(v0 < s0);
		s0 = (v0 & m0) | (s0 & ~m0);
	}
	memcpy(sig, &s0, sizeof s0);
}

size_t
wire_minhash_sign(struct wire_minhash *m, const char *s, size_t len,
                  uint32_t *sig)
{
	size_t n;

	uint32_t *x;
	size_t i, perm16 = m->perm & ~(size_t)15;

	memset(sig, 0xff, m->perm * sizeof *sig);
	n = m->chars ? char_shingles(m, s, len) : word_shingles(m, s, len);
	if (n > m->xcap) {
		m->xcap = m->hcap;
		m->xbuf = wire_xreallocarray(m->xbuf, m->xcap, sizeof *m->xbuf);
	}
	x = m->xbuf;
	for (i = 0; i < n; i++)
		x[i] = (uint32_t)(m->hbuf[i] ^ (m->hbuf[i] >> 32));
	minhash_update(sig, m->mul, m->add, (unsigned)perm16, x, n);
	if (perm16 < m->perm) /* a last block of 8 */
		minhash_tail(sig + perm16, m->mul + perm16, m->add + perm16,
		             x, n);
	return n;
}

double
wire_minhash_similarity(const uint32_t *a, const uint32_t *b, unsigned perm)
{
	unsigned i, same = 0;

	for (i = 0; i < perm; i++)
		same += (uint16_t)a[i] == (uint16_t)b[i];
	return (double)same / perm;
}

static double
similarity16(const uint32_t *a, const uint16_t *b, unsigned perm)
{
	unsigned i, same = 0;

	for (i = 0; i < perm; i++)
		same += (uint16_t)a[i] == b[i];
	return (double)same / perm;
}

uint64_t
wire_minhash_band(const struct wire_minhash *m, const uint32_t *sig,
                  unsigned b)
{
	uint64_t h = wire_mix64(m->seed ^ (0x62616e64ull + b));
	unsigned i;

	for (i = 0; i < m->rows; i++)
		h = wire_mix64(h ^ sig[b * m->rows + i]);
	return h ? h : 1;
}

static const char b64[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void
wire_minhash_encode(const uint32_t *sig, unsigned perm, struct wire_buf *out)
{
	size_t nbytes = (size_t)perm * 2, i;
	uint32_t acc = 0;
	unsigned bits = 0;

	/* Only the low 16 bits of a value take part in comparisons. */
	wire_buf_reserve(out, nbytes / 3 * 4 + 4);
	for (i = 0; i < nbytes; i++) {
		acc = acc << 8 | ((sig[i / 2] >> (8 * (i % 2))) & 0xff);
		bits += 8;
		while (bits >= 6) {
			bits -= 6;
			wire_buf_addc(out, b64[(acc >> bits) & 63]);
		}
	}
	if (bits > 0)
		wire_buf_addc(out, b64[(acc << (6 - bits)) & 63]);
}

static int
b64val(char c)
{
	const char *p = c ? strchr(b64, c) : NULL;

	return p ? (int)(p - b64) : -1;
}

int
wire_minhash_decode(const char *s, size_t len, uint32_t *sig, unsigned perm)
{
	size_t nbytes = (size_t)perm * 2, got = 0, i;
	uint32_t acc = 0;
	unsigned bits = 0;
	int v;

	if (len != (nbytes * 8 + 5) / 6)
		return -1;
	memset(sig, 0, perm * sizeof *sig);
	for (i = 0; i < len; i++) {
		if ((v = b64val(s[i])) < 0)
			return -1;
		acc = acc << 6 | (uint32_t)v;
		bits += 6;
		if (bits >= 8 && got < nbytes) {
			bits -= 8;
			sig[got / 2] |= ((acc >> bits) & 0xffu) << (8 * (got % 2));
			got++;
		}
	}
	return got == nbytes ? 0 : -1;
}

void
wire_lsh_init(struct wire_lsh *x, const struct wire_minhash *m)
{
	memset(x, 0, sizeof *x);
	x->m = m;
}

void
wire_lsh_free(struct wire_lsh *x)
{
	free(x->sigs);
	free(x->keys);
	free(x->vals);
	free(x->stamp);
	free(x->bkeys);
	memset(x, 0, sizeof *x);
}

/* The index keeps 32 bits of each band key, which are also its slot:
 * two different keys agreeing on them only add a candidate, which the
 * signature comparison rejects (about one per query per 4e9/bands
 * indexed units). */
static uint32_t
key32(uint64_t key)
{
	uint32_t k = (uint32_t)(key >> 32);

	return k ? k : 1;
}

/* The band keys of SIG into x->bkeys, each slot fetched ahead: the
 * table is far larger than the caches, and the misses then overlap
 * instead of following one another. */
static void
band_keys(struct wire_lsh *x, const uint32_t *sig)
{
	const struct wire_minhash *m = x->m;
	unsigned b;

	if (!x->bkeys)
		x->bkeys = wire_xreallocarray(NULL, m->bands, sizeof *x->bkeys);
	for (b = 0; b < m->bands; b++) {
		x->bkeys[b] = key32(wire_minhash_band(m, sig, b));
#if defined(__GNUC__) || defined(__clang__)
		__builtin_prefetch(&x->keys[x->bkeys[b] & (x->tcap - 1)]);
#endif
	}
}

static void
table_put(struct wire_lsh *x, uint32_t k, uint32_t val)
{
	size_t j = k & (x->tcap - 1);

	/* Equal keys may repeat: a band bucket is the run of equal keys
	 * along the probe sequence. */
	while (x->keys[j] != 0)
		j = (j + 1) & (x->tcap - 1);
	x->keys[j] = k;
	x->vals[j] = val;
	x->tcount++;
}

static void
table_grow(struct wire_lsh *x)
{
	uint32_t *okeys = x->keys, *ovals = x->vals;
	size_t ocap = x->tcap, i;

	x->tcap = ocap ? ocap * 2 : 4096;
	x->keys = wire_xcalloc(x->tcap, sizeof *x->keys);
	x->vals = wire_xcalloc(x->tcap, sizeof *x->vals);
	x->tcount = 0;
	for (i = 0; i < ocap; i++)
		if (okeys[i] != 0)
			table_put(x, okeys[i], ovals[i]);
	free(okeys);
	free(ovals);
}

size_t
wire_lsh_add(struct wire_lsh *x, const uint32_t *sig)
{
	const struct wire_minhash *m = x->m;
	size_t u = x->n;
	unsigned b, i;

	if (u == UINT32_MAX)
		wire_die("LSH index full (%zu units)", u);
	if (x->n == x->ncap) {
		x->ncap = x->ncap ? x->ncap + x->ncap / 2 : 1024;
		x->sigs = wire_xreallocarray(x->sigs, x->ncap,
		                             m->perm * sizeof *x->sigs);
		x->stamp = wire_xreallocarray(x->stamp, x->ncap,
		                              sizeof *x->stamp);
	}
	for (i = 0; i < m->perm; i++)
		x->sigs[u * m->perm + i] = (uint16_t)sig[i];
	x->stamp[u] = 0;
	x->n++;
	/* Load at most 5/8: linear probing stays short. */
	while (8 * (x->tcount + m->bands) > 5 * x->tcap)
		table_grow(x);
	band_keys(x, sig);
	for (b = 0; b < m->bands; b++)
		table_put(x, x->bkeys[b], (uint32_t)u);
	return u;
}

bool
wire_lsh_query(struct wire_lsh *x, const uint32_t *sig, double t,
               size_t *unit, double *sim)
{
	const struct wire_minhash *m = x->m;
	double best = -1, s;
	size_t j, u, bestu = 0;
	uint32_t key;
	unsigned b;

	if (x->n == 0)
		return false;
	if (++x->epoch == 0) {
		memset(x->stamp, 0, x->n * sizeof *x->stamp);
		x->epoch = 1;
	}
	band_keys(x, sig);
	for (b = 0; b < m->bands; b++) {
		key = x->bkeys[b];
		for (j = key & (x->tcap - 1); x->keys[j] != 0;
		     j = (j + 1) & (x->tcap - 1)) {
			if (x->keys[j] != key)
				continue;
			u = x->vals[j];
			if (x->stamp[u] == x->epoch)
				continue;
			x->stamp[u] = x->epoch;
			s = similarity16(sig, x->sigs + u * m->perm, m->perm);
			if (s > best || (s == best && u < bestu)) {
				best = s;
				bestu = u;
			}
		}
	}
	/* The estimate is a multiple of 1/perm: compare with a little slack
	 * so that 0.8 * 128 = 102.4 agreements means 103, not 102.4 - eps. */
	if (best < 0 || best + 1e-9 < t)
		return false;
	*unit = bestu;
	*sim = best;
	return true;
}

size_t
wire_lsh_bytes(const struct wire_lsh *x)
{
	size_t bytes = x->ncap * (x->m->perm * sizeof *x->sigs +
	                          sizeof *x->stamp) +
	               x->tcap * (sizeof *x->keys + sizeof *x->vals);

	return x->n ? bytes / x->n : 0;
}
