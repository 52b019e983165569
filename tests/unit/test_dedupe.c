/* Unit tests of wire-dedupe's core: key normalisation, exact keys,
 * MinHash estimates, LSH band choice and the signature codec. */
#include <math.h>
#include <stdlib.h>

#include "unit.h"
#include "wire.h"

static const char *
norm(const char *s)
{
	static struct wire_buf b;

	wire_buf_clear(&b);
	wire_dedupe_normalise(s, strlen(s), &b);
	return b.data;
}

TEST(dedupe_normalise_quotes_and_case)
{
	CHECK_STR(norm("\"Hello,\" he said \xe2\x80\x94 \xe2\x80\x9cit\xe2\x80\x99s OK.\xe2\x80\x9d"),
	          "hello he said its ok");
	CHECK_STR(norm("HELLO he said -- \"it's ok\""), "hello he said its ok");
	CHECK_STR(norm("  \t\n "), "");
	CHECK_STR(norm(""), "");
}

/* The example of wire-dedupe(1). */
TEST(dedupe_normalise_man_example)
{
	CHECK_STR(norm("\xe2\x80\x9cWe will not negotiate,\xe2\x80\x9d he said "
	               "\xe2\x80\x94 \xe2\x80\x9cit\xe2\x80\x99s over.\xe2\x80\x9d"),
	          "we will not negotiate he said its over");
	CHECK_STR(norm("\"WE WILL NOT NEGOTIATE\" he said -- \"it's over\""),
	          "we will not negotiate he said its over");
}

TEST(dedupe_normalise_abbreviations_and_numbers)
{
	CHECK_STR(norm("U.N.-backed"), "un backed");
	CHECK_STR(norm("UN-backed"), "un backed");
	CHECK_STR(norm("40,000 people, 3.5 percent"), "40000 people 35 percent");
	CHECK_STR(norm("one,two"), "one two");
	CHECK_STR(norm("a..b"), "a b");
}

TEST(dedupe_normalise_unicode)
{
	/* Café, straße, Æon, fullwidth A, soft hyphen, Москва */
	CHECK_STR(norm("Caf\xc3\xa9 stra\xc3\x9f" "e \xc3\x86on \xef\xbc\xa1"),
	          "cafe strasse aeon a");
	CHECK_STR(norm("co\xc2\xadop\xe2\x80\x8b"), "coop");
	CHECK_STR(norm("\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0"),
	          "\xd0\xbc\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0");
	CHECK_STR(norm("a\xc2\xa0" "b\xe2\x80\x83" "c"), "a b c");
}

TEST(dedupe_normalise_appends)
{
	struct wire_buf b = {0};

	wire_buf_adds(&b, "x ");
	wire_dedupe_normalise("Y", 1, &b);
	CHECK_STR(b.data, "x y");
	wire_buf_free(&b);
}

TEST(dedupe_key128_differs)
{
	uint64_t a[2], b[2], c[2];

	wire_dedupe_key128("a b", 3, a);
	wire_dedupe_key128("a b", 3, b);
	wire_dedupe_key128("a c", 3, c);
	CHECK(a[0] == b[0] && a[1] == b[1]);
	CHECK(a[0] != c[0] && a[1] != c[1]);
}

TEST(dedupe_keyset)
{
	struct wire_keyset k;
	uint64_t key[2];
	uint32_t old = 0, i;

	wire_keyset_init(&k);
	for (i = 0; i < 5000; i++) {
		key[0] = wire_mix64(i);
		key[1] = i;
		CHECK(!wire_keyset_add(&k, key, i, &old));
	}
	key[0] = wire_mix64(1234);
	key[1] = 1234;
	CHECK(wire_keyset_add(&k, key, 99, &old));
	CHECK_INT(old, 1234);
	CHECK_INT(k.count, 5000);
	wire_keyset_free(&k);
}

TEST(dedupe_lsh_choice)
{
	unsigned b, r;

	wire_lsh_choose(128, 0.8, &b, &r);
	CHECK_INT(r, 5);
	CHECK_INT(b, 25);
	CHECK(1 - wire_lsh_probability(0.8, b, r) < 1e-3);
	wire_lsh_choose(128, 0.5, &b, &r);
	CHECK_INT(r, 2);
	CHECK_INT(b, 64);
	wire_lsh_choose(8, 0.1, &b, &r);
	CHECK_INT(r, 1);
	CHECK_INT(b, 8);
}

/* Text of N distinct words w<START>..w<START+N-1>. */
static void
words(struct wire_buf *b, int start, int n)
{
	int i;

	wire_buf_clear(b);
	for (i = 0; i < n; i++)
		wire_buf_printf(b, "%sw%d", i ? " " : "", start + i);
}

TEST(dedupe_minhash_estimates_jaccard)
{
	struct wire_minhash m;
	struct wire_buf a = {0}, b = {0};
	uint32_t sa[256], sb[256];
	double est, want, err = 0;
	int shift, trials = 0;

	/* Unigram shingles of 400 words against the same shifted by SHIFT:
	 * exact Jaccard (400 - s) / (400 + s). */
	wire_minhash_init(&m, 256, 1, false, 0.8, 0, 7);
	for (shift = 0; shift <= 200; shift += 20) {
		words(&a, 0, 400);
		words(&b, shift, 400);
		CHECK_INT(wire_minhash_sign(&m, a.data, a.len, sa), 400);
		wire_minhash_sign(&m, b.data, b.len, sb);
		est = wire_minhash_similarity(sa, sb, 256);
		want = (400.0 - shift) / (400.0 + shift);
		err += fabs(est - want);
		trials++;
		/* 4 standard deviations of a 256-permutation estimate */
		CHECK(fabs(est - want) <= 4 * sqrt(want * (1 - want) / 256) + 1e-9);
	}
	CHECK(err / trials < 0.03);
	wire_minhash_free(&m);
	wire_buf_free(&a);
	wire_buf_free(&b);
}

TEST(dedupe_minhash_shingles)
{
	struct wire_minhash m;
	uint32_t s1[64], s2[64];

	wire_minhash_init(&m, 64, 3, false, 0.8, 0, 1);
	CHECK_INT(wire_minhash_sign(&m, "a b c d e", 9, s1), 3);
	CHECK_INT(wire_minhash_sign(&m, "a b", 3, s1), 1);
	CHECK_INT(wire_minhash_sign(&m, "", 0, s1), 0);
	/* word order matters within a shingle */
	wire_minhash_sign(&m, "a b c", 5, s1);
	wire_minhash_sign(&m, "c b a", 5, s2);
	CHECK(wire_minhash_similarity(s1, s2, 64) < 0.2);
	wire_minhash_free(&m);
	wire_minhash_init(&m, 64, 4, true, 0.8, 0, 1);
	CHECK_INT(wire_minhash_sign(&m, "abcdef", 6, s1), 3);
	CHECK_INT(wire_minhash_sign(&m, "ab", 2, s1), 1);
	/* code points, not bytes: four two-byte letters make one shingle */
	CHECK_INT(wire_minhash_sign(&m, "\xd0\xb0\xd0\xb1\xd0\xb2\xd0\xb3", 8, s1), 1);
	wire_minhash_free(&m);
}

TEST(dedupe_signature_codec)
{
	uint32_t sig[16], back[16];
	struct wire_buf t = {0};
	unsigned i;

	for (i = 0; i < 16; i++)
		sig[i] = (uint32_t)wire_mix64(i);
	wire_minhash_encode(sig, 16, &t);
	CHECK_INT(t.len, (16 * 2 * 8 + 5) / 6);
	CHECK_INT(wire_minhash_decode(t.data, t.len, back, 16), 0);
	for (i = 0; i < 16; i++)
		CHECK_INT(back[i], sig[i] & 0xffff);
	CHECK(wire_minhash_similarity(sig, back, 16) == 1.0);
	CHECK_INT(wire_minhash_decode(t.data, t.len - 1, back, 16), -1);
	t.data[3] = '!';
	CHECK_INT(wire_minhash_decode(t.data, t.len, back, 16), -1);
	wire_buf_free(&t);
}

TEST(dedupe_lsh_finds_near_copy)
{
	struct wire_minhash m;
	struct wire_lsh x;
	struct wire_buf a = {0};
	uint32_t sig[128];
	size_t u = 99;
	double sim = 0;

	wire_minhash_init(&m, 128, 2, false, 0.8, 0, 1);
	wire_lsh_init(&x, &m);
	words(&a, 0, 300);
	wire_minhash_sign(&m, a.data, a.len, sig);
	CHECK_INT(wire_lsh_add(&x, sig), 0);
	words(&a, 1000, 300);
	wire_minhash_sign(&m, a.data, a.len, sig);
	CHECK(!wire_lsh_query(&x, sig, 0.8, &u, &sim));
	CHECK_INT(wire_lsh_add(&x, sig), 1);
	words(&a, 1002, 300); /* J about 0.987 with unit 1 */
	wire_minhash_sign(&m, a.data, a.len, sig);
	CHECK(wire_lsh_query(&x, sig, 0.8, &u, &sim));
	CHECK_INT(u, 1);
	CHECK(sim > 0.9);
	CHECK(wire_lsh_bytes(&x) > 128 * 4);
	wire_lsh_free(&x);
	wire_minhash_free(&m);
	wire_buf_free(&a);
}
