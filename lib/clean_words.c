/*
 * clean_words.c - a small table of short words (up to 16 bytes) with a
 * value each, for wire-clean's per-word lookups (stop words, month
 * names).  A word is two 64-bit keys compared at once: checking every
 * word of every paragraph against the stop list has to cost a few
 * cycles, and wire_wordset's general strings cost several times more.
 * Cuckoo hashing: each word lives in one of its two slots, so a lookup
 * reads both without a branch (clean_int.h).
 */
#include <stdlib.h>
#include <string.h>

#include "clean_int.h"

/* Displacements before the table is rebuilt larger. */
#define MAX_KICKS 64

static void
words_key(const char *w, size_t n, uint64_t k[2])
{
	char pad[16] = {0};

	memcpy(pad, w, n);
	memcpy(k, pad, 16);
}

static size_t
slot_of(const struct clean_words *t, const uint64_t k[2], int which)
{
	uint64_t h = clean_words_hash(k, t->seed);

	return (which ? h >> 32 : h) & (t->cap - 1);
}

static bool
same_key(const uint64_t a[2], const uint64_t b[2])
{
	return a[0] == b[0] && a[1] == b[1];
}

/* Puts K in one of its slots, moving the words in the way to their
 * other slots; false when that goes on too long. */
static bool
words_put(struct clean_words *t, const uint64_t key[2], int val)
{
	uint64_t k[2] = {key[0], key[1]};
	size_t i = slot_of(t, k, 0), kick;
	int which;

	for (which = 0; which < 2; which++) {
		size_t s = slot_of(t, k, which);

		if (t->val[s] != 0 && same_key(t->key[s], k)) {
			t->val[s] = val;
			return true;
		}
	}
	for (kick = 0; kick < MAX_KICKS; kick++) {
		uint64_t ok[2];
		int ov;

		if (t->val[i] == 0) {
			t->key[i][0] = k[0];
			t->key[i][1] = k[1];
			t->val[i] = val;
			t->count++;
			return true;
		}
		/* the other slot of K may be free */
		if (kick == 0) {
			size_t j = slot_of(t, k, 1);

			if (t->val[j] == 0) {
				i = j;
				continue;
			}
		}
		ok[0] = t->key[i][0];
		ok[1] = t->key[i][1];
		ov = t->val[i];
		t->key[i][0] = k[0];
		t->key[i][1] = k[1];
		t->val[i] = val;
		k[0] = ok[0];
		k[1] = ok[1];
		val = ov;
		i = slot_of(t, k, 0) == i ? slot_of(t, k, 1) : slot_of(t, k, 0);
	}
	/* VAL (K) was pushed out: put it back by rebuilding */
	t->key = wire_xreallocarray(t->key, t->cap + 1, sizeof *t->key);
	t->val = wire_xreallocarray(t->val, t->cap + 1, sizeof *t->val);
	t->key[t->cap][0] = k[0];
	t->key[t->cap][1] = k[1];
	t->val[t->cap] = val;
	return false;
}

/* Rebuilds T with CAP slots, with new seeds until every word fits (and
 * twice the slots after every eight tries); EXTRA words past the slots
 * (an evicted one) are placed too. */
static void
rebuild(struct clean_words *t, size_t cap, size_t extra)
{
	struct clean_words old = *t;
	size_t i, tries = 0;

	for (;;) {
		bool ok = true;

		t->cap = cap;
		t->key = wire_xcalloc(cap + 1, sizeof *t->key);
		t->val = wire_xcalloc(cap + 1, sizeof *t->val);
		t->count = 0;
		for (i = 0; ok && i < old.cap + extra; i++)
			if (old.val[i] != 0 && !words_put(t, old.key[i], old.val[i]))
				ok = false;
		if (ok)
			break;
		free(t->key);
		free(t->val);
		t->seed = t->seed * 6364136223846793005ull + 1442695040888963407ull;
		if (++tries % 8 == 0)
			cap *= 2;
	}
	free(old.key);
	free(old.val);
}

void
wire_clean_words_add(struct clean_words *t, const char *w, size_t n, int val)
{
	uint64_t k[2];

	if (n == 0 || n > 16 || val == 0)
		return;
	/* at most half full, the most two slots a word allow; small, the
	 * stop list stays in the first-level cache */
	if (2 * (t->count + 1) > t->cap)
		rebuild(t, t->cap ? 2 * t->cap : 256, 0);
	words_key(w, n, k);
	if (!words_put(t, k, val))
		rebuild(t, t->cap, 1);
}

void
wire_clean_words_free(struct clean_words *t)
{
	free(t->key);
	free(t->val);
	memset(t, 0, sizeof *t);
}
