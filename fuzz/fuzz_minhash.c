/*
 * wire-dedupe's core (dedupe.c, minhash.c): normalisation of any valid
 * UTF-8 is valid UTF-8, idempotent, without double or edge spaces; the
 * MinHash of the normalised key (word and character shingles) agrees with
 * itself, survives base64 encoding (low 16 bits of each value), and the LSH index finds a key just
 * added; the exact-key set finds a key twice.  Input lines are the keys
 * of one run; the first byte picks shingle size and mode.
 */
#include "fuzz.h"

#define PERM 64

static struct wire_buf text, norm, again, enc;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_models();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wire_minhash m;
	struct wire_lsh x;
	struct wire_keyset ks;
	uint32_t sig[PERM], back[PERM], old;
	uint64_t key[2];
	size_t i, l, unit, added, nkeys = 0;
	double sim;
	const char *s, *nl;
	bool chars;

	if (size == 0 || size > 20000)
		return 0;
	chars = data[0] & 1;
	wire_minhash_init(&m, PERM, 1 + ((data[0] >> 1) & 7), chars, 0.8, 0,
	                  0x5eed);
	wire_lsh_init(&x, &m);
	wire_keyset_init(&ks);
	wire_buf_clear(&text);
	wire_utf8_repair((const char *)data + 1, size - 1, &text);
	s = text.data ? text.data : "";
	for (i = 0; i <= text.len; i += l + 1) {
		nl = memchr(s + i, '\n', text.len - i);
		l = nl ? (size_t)(nl - (s + i)) : text.len - i;

		wire_buf_clear(&norm);
		wire_dedupe_normalise(s + i, l, &norm);
		FUZZ_CHECK(wire_utf8_valid(norm.data ? norm.data : "", norm.len, NULL));
		if (norm.len) {
			FUZZ_CHECK(norm.data[0] != ' ' && norm.data[norm.len - 1] != ' ');
			FUZZ_CHECK(!strstr(norm.data, "  "));
		}
		wire_buf_clear(&again);
		wire_dedupe_normalise(norm.data ? norm.data : "", norm.len, &again);
		FUZZ_CHECK(again.len == norm.len &&
		           (norm.len == 0 || memcmp(again.data, norm.data, norm.len) == 0));

		wire_dedupe_key128(norm.data ? norm.data : "", norm.len, key);
		FUZZ_CHECK(!wire_keyset_add(&ks, key, (uint32_t)nkeys, &old) ||
		           old < nkeys);
		FUZZ_CHECK(wire_keyset_add(&ks, key, 999999, &old));
		nkeys++;

		if (wire_minhash_sign(&m, norm.data ? norm.data : "", norm.len, sig) == 0)
			continue;
		FUZZ_CHECK(wire_minhash_similarity(sig, sig, PERM) == 1.0);
		wire_buf_clear(&enc);
		wire_minhash_encode(sig, PERM, &enc);
		FUZZ_CHECK(wire_minhash_decode(enc.data, enc.len, back, PERM) == 0);
		/* The text form keeps the low 16 bits, all that comparisons use. */
		for (unsigned k = 0; k < PERM; k++)
			FUZZ_CHECK(back[k] == (sig[k] & 0xffffu));
		added = wire_lsh_add(&x, sig);
		FUZZ_CHECK(wire_lsh_query(&x, sig, 0.9, &unit, &sim));
		FUZZ_CHECK(unit <= added && sim >= 0.9);
	}
	/* Garbage never decodes to a signature by accident of length. */
	(void)wire_minhash_decode(s, text.len, back, PERM);
	wire_keyset_free(&ks);
	wire_lsh_free(&x);
	wire_minhash_free(&m);
	return 0;
}
