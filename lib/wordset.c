/* A set of words with open addressing, loaded from models/ word lists. */
#include <stdlib.h>
#include <string.h>

#include "wire.h"

void
wire_wordset_init(struct wire_wordset *s)
{
	memset(s, 0, sizeof *s);
}

static size_t
find_slot(const struct wire_wordset *s, const char *w, size_t len)
{
	size_t mask = s->cap - 1;
	size_t i = (size_t)wire_hash64(w, len, 0) & mask;

	while (s->slot[i] &&
	       (s->slotlen[i] != len || memcmp(s->slot[i], w, len) != 0))
		i = (i + 1) & mask;
	return i;
}

static void
rehash(struct wire_wordset *s, size_t cap)
{
	struct wire_wordset old = *s;
	size_t i, j;

	s->cap = cap;
	s->slot = wire_xcalloc(cap, sizeof *s->slot);
	s->slotlen = wire_xcalloc(cap, sizeof *s->slotlen);
	for (i = 0; i < old.cap; i++) {
		if (!old.slot[i])
			continue;
		j = find_slot(s, old.slot[i], old.slotlen[i]);
		s->slot[j] = old.slot[i];
		s->slotlen[j] = old.slotlen[i];
	}
	free(old.slot);
	free(old.slotlen);
}

void
wire_wordset_add(struct wire_wordset *s, const char *w, size_t len)
{
	size_t i;

	if ((s->count + 1) * 2 > s->cap)
		rehash(s, s->cap ? s->cap * 2 : 64);
	i = find_slot(s, w, len);
	if (s->slot[i])
		return;
	s->slot[i] = wire_xstrndup(w, len);
	s->slotlen[i] = len;
	s->count++;
}

bool
wire_wordset_has(const struct wire_wordset *s, const char *w, size_t len)
{
	if (s->count == 0)
		return false;
	return s->slot[find_slot(s, w, len)] != NULL;
}

static void
add_line(char *line, size_t len, const char *file, unsigned long lineno,
         void *set)
{
	(void)file;
	(void)lineno;
	wire_wordset_add(set, line, len);
}

void
wire_wordset_load(struct wire_wordset *s, const char *file)
{
	wire_each_line(file, add_line, s);
}

void
wire_wordset_free(struct wire_wordset *s)
{
	size_t i;

	for (i = 0; i < s->cap; i++)
		free(s->slot[i]);
	free(s->slot);
	free(s->slotlen);
	memset(s, 0, sizeof *s);
}
