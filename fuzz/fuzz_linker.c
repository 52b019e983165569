/*
 * Name linking (linker.c): each input line is one mention, its first
 * byte (ASCII; other lines are skipped) choosing the type and the rest
 * the text as the tagger would give it (repaired to valid UTF-8).  Every mention gets an id in 1..count,
 * ids are numbered in order of first mention, every entity has a
 * NUL-terminated, valid UTF-8 name and a type, identical mentions of one
 * type that are not a lone word are one entity, and linking the same
 * mentions again after a reset gives the same answer.
 */
#include "fuzz.h"

static struct wire_linker *lk;
static struct wire_buf text;
static int *ids;
static size_t idcap;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_models();
	lk = wire_linker_new();
	return 0;
}

/* A type byte that is not the start of a character and some text. */
static bool
is_mention(const char *s, const char *end)
{
	return end - s >= 2 && (unsigned char)s[0] < 0x80;
}

/* Adds the mentions of TEXT; returns how many. */
static int
add_mentions(const char *s, size_t len)
{
	const char *end = s + len, *nl;
	int n = 0;

	while (s < end) {
		nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl)
			nl = end;
		if (is_mention(s, nl)) {
			wire_linker_add(lk, (unsigned char)s[0] % WIRE_NTYPES, s + 1,
			                (size_t)(nl - s - 1));
			n++;
		}
		s = nl + 1;
	}
	return n;
}

/* Mentions that rule 1 alone must link when their texts are equal:
 * dates and amounts, and names of organisations, places and the rest
 * made of two or more plain words ("Pittsburgh Pirates"; not "the
 * Pirates", which is one word once cleaned and may name the most recent
 * of two teams, nor people: "Mr. Clinton" may be either Clinton). */
static bool
links_by_text(int type, const char *s, size_t len)
{
	size_t i, words = 1;

	if (type >= WIRE_DATE)
		return true;
	if (type == WIRE_PER || len < 3 || s[0] == ' ' || s[len - 1] == ' ' ||
	    ((s[0] == 't' || s[0] == 'T') && len > 4 && memcmp(s + 1, "he ", 3) == 0))
		return false;
	for (i = 0; i < len; i++) {
		if (s[i] == ' ') {
			if (s[i - 1] == ' ')
				return false;
			words++;
		} else if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) {
			return false;
		}
	}
	return words >= 2;
}

static void
check_entities(int n)
{
	int count = wire_linker_count(lk), i, seen = 0;
	const char *name;

	FUZZ_CHECK(count >= 0 && count <= n);
	for (i = 0; i < n; i++) {
		int id = wire_linker_id(lk, i);
		FUZZ_CHECK(id >= 1 && id <= count);
		/* first mentions number the entities 1, 2, 3 ... */
		FUZZ_CHECK(id <= seen + 1);
		if (id == seen + 1)
			seen++;
	}
	FUZZ_CHECK(seen == count);
	for (i = 1; i <= count; i++) {
		name = wire_linker_name(lk, i);
		FUZZ_CHECK(name != NULL);
		FUZZ_CHECK(wire_utf8_valid(name, strlen(name), NULL));
		FUZZ_CHECK(wire_linker_type(lk, i) >= 0 &&
		           wire_linker_type(lk, i) < WIRE_NTYPES);
	}
}

/* Same type and text, linked by rule 1: one entity.  Quadratic, so only
 * on short inputs. */
static void
check_same_text(const char *s, size_t len, int n)
{
	const char *line[64];
	size_t linelen[64];
	const char *end = s + len, *nl;
	int k = 0, i, j;

	if (n > 64)
		return;
	while (s < end) {
		nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl)
			nl = end;
		if (is_mention(s, nl)) {
			line[k] = s;
			linelen[k++] = (size_t)(nl - s);
		}
		s = nl + 1;
	}
	for (i = 0; i < k; i++)
		for (j = i + 1; j < k; j++)
			if (linelen[i] == linelen[j] &&
			    (unsigned char)line[i][0] % WIRE_NTYPES ==
			            (unsigned char)line[j][0] % WIRE_NTYPES &&
			    memcmp(line[i] + 1, line[j] + 1, linelen[i] - 1) == 0 &&
			    links_by_text((unsigned char)line[i][0] % WIRE_NTYPES,
			                  line[i] + 1, linelen[i] - 1))
				FUZZ_CHECK(wire_linker_id(lk, i) == wire_linker_id(lk, j));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s;
	int n, i;

	wire_buf_clear(&text);
	wire_utf8_repair((const char *)data, size, &text);
	s = text.data ? text.data : "";

	wire_linker_reset(lk);
	n = add_mentions(s, text.len);
	wire_linker_resolve(lk);
	check_entities(n);
	check_same_text(s, text.len, n);

	if ((size_t)n > idcap) {
		idcap = (size_t)n;
		ids = wire_xreallocarray(ids, idcap, sizeof *ids);
	}
	for (i = 0; i < n; i++)
		ids[i] = wire_linker_id(lk, i);
	wire_linker_reset(lk);
	FUZZ_CHECK(add_mentions(s, text.len) == n);
	wire_linker_resolve(lk);
	for (i = 0; i < n; i++)
		FUZZ_CHECK(wire_linker_id(lk, i) == ids[i]);
	return 0;
}
