/*
 * clean_words.c - a small table of short words (up to 16 bytes) with a
 * value each, for wire-clean's per-word lookups (stop words, month
 * names).  A word is two 64-bit keys compared at once: checking every
 * word of every paragraph against the stop list has to cost a few
 * cycles, and wire_wordset's general strings cost several times more.
 */
#include <stdlib.h>
#include <string.h>

#include "clean_int.h"

static void
words_key(const char *w, size_t n, uint64_t k[2])
{
	char pad[16] = {0};

	memcpy(pad, w, n);
	memcpy(k, pad, 16);
}

static void
words_put(struct clean_words *t, const uint64_t k[2], int val)
{
	size_t i = clean_words_hash(k) & (t->cap - 1);

	while (t->val[i] != 0 && (t->key[i][0] != k[0] || t->key[i][1] != k[1]))
		i = (i + 1) & (t->cap - 1);
	t->key[i][0] = k[0];
	t->key[i][1] = k[1];
	if (t->val[i] == 0)
		t->count++;
	t->val[i] = val;
}

void
wire_clean_words_add(struct clean_words *t, const char *w, size_t n, int val)
{
	uint64_t k[2];

	if (n == 0 || n > 16 || val == 0)
		return;
	if (2 * (t->count + 1) > t->cap) {
		struct clean_words old = *t;
		size_t i;

		t->cap = old.cap ? 2 * old.cap : 256;
		t->key = wire_xcalloc(t->cap, sizeof *t->key);
		t->val = wire_xcalloc(t->cap, sizeof *t->val);
		t->count = 0;
		for (i = 0; i < old.cap; i++)
			if (old.val[i] != 0)
				words_put(t, old.key[i], old.val[i]);
		free(old.key);
		free(old.val);
	}
	words_key(w, n, k);
	words_put(t, k, val);
	if (n > t->maxlen)
		t->maxlen = n;
}

void
wire_clean_words_free(struct clean_words *t)
{
	free(t->key);
	free(t->val);
	memset(t, 0, sizeof *t);
}
