/* The tagger's tokeniser must cut raw text as CoNLL-2003 is cut. */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "wire.h"

/* The tokens of S joined by '|'. */
static const char *
toks(const char *s)
{
	static char out[512];
	struct wire_ner_token *t = NULL;
	size_t cap = 0, n, i, at = 0;

	n = wire_ner_tokenize(s, strlen(s), &t, &cap);
	out[0] = '\0';
	for (i = 0; i < n && at + (t[i].end - t[i].start) + 2 < sizeof out; i++) {
		if (i)
			out[at++] = '|';
		memcpy(out + at, s + t[i].start, t[i].end - t[i].start);
		at += t[i].end - t[i].start;
	}
	out[at] = '\0';
	free(t);
	return out;
}

TEST(ner_tokenize_punctuation)
{
	CHECK_STR(toks("Hello, world."), "Hello|,|world|.");
	CHECK_STR(toks("(Reuters) -- said"), "(|Reuters|)|--|said");
	CHECK_STR(toks("\"Yes...\" he said"), "\"|Yes|...|\"|he|said");
}

TEST(ner_tokenize_clitics)
{
	CHECK_STR(toks("Lavrov's plan"), "Lavrov|'s|plan");
	CHECK_STR(toks("didn't"), "did|n't");
	CHECK_STR(toks("we're"), "we|'re");
	CHECK_STR(toks("O'Brien"), "O'Brien");
	CHECK_STR(toks("Assad\xe2\x80\x99s"), "Assad|\xe2\x80\x99s");
	CHECK_STR(toks("workers' union"), "workers|'|union");
}

TEST(ner_tokenize_whole)
{
	CHECK_STR(toks("the U.S. and U.N."), "the|U.S.|and|U.N.");
	CHECK_STR(toks("Sergei V. Lavrov"), "Sergei|V.|Lavrov");
	CHECK_STR(toks("$1,000.50 at 6:29"), "$|1,000.50|at|6:29");
	CHECK_STR(toks("1996-08-22 al-Assad"), "1996-08-22|al-Assad");
	CHECK_STR(toks("AT&T US$ 5"), "AT&T|US$|5");
	CHECK_STR(toks("Mr. Smith left."), "Mr.|Smith|left|.");
}

TEST(ner_tokenize_offsets)
{
	struct wire_ner_token *t = NULL;
	size_t cap = 0;
	const char *s = "Z\xc3\xbcrich\n Bern";

	CHECK_INT(wire_ner_tokenize(s, strlen(s), &t, &cap), 2);
	CHECK_INT(t[0].start, 0);
	CHECK_INT(t[0].end, 7);
	CHECK_INT(t[1].start, 9);
	CHECK(t[1].flags & WIRE_NER_NEWLINE);
	free(t);
}
