/* The quotation finder's API (lib/quote.c): what a fuzz harness or a
 * program other than wire-extract-quotes relies on. */
#include <stdlib.h>
#include <string.h>

#include "wire.h"
#include "unit.h"

/* A quoter with a handful of words, independent of models/. */
static struct wire_quoter *
small_quoter(void)
{
	static const char *const words[] = {"has AUX", "the DET", "that THAT",
	                                    "told OBJECT", "according to SOURCE"};
	struct wire_quoter *q = wire_quoter_new();
	size_t i;

	CHECK(wire_quoter_add(q, WIRE_QL_CUES, "said", 4));
	CHECK(wire_quoter_add(q, WIRE_QL_CUES, "told", 4));
	CHECK(wire_quoter_add(q, WIRE_QL_CUES, "according to", 12));
	CHECK(wire_quoter_add(q, WIRE_QL_PRONOUNS, "he PER", 6));
	CHECK(wire_quoter_add(q, WIRE_QL_NOUNS, "report ORG", 10));
	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		CHECK(wire_quoter_add(q, WIRE_QL_WORDS, words[i], strlen(words[i])));
	return q;
}

static struct wire_quote_sent
sent(const char *text, unsigned long par, unsigned long n)
{
	struct wire_quote_sent s;

	memset(&s, 0, sizeof s);
	s.text = text;
	s.len = strlen(text);
	s.par = par;
	s.sent = n;
	return s;
}

TEST(quote_add_rejects_malformed_lines)
{
	struct wire_quoter *q = wire_quoter_new();

	CHECK(!wire_quoter_add(q, WIRE_QL_PRONOUNS, "he", 2));
	CHECK(!wire_quoter_add(q, WIRE_QL_NOUNS, "report CITY", 11));
	CHECK(!wire_quoter_add(q, WIRE_QL_WORDS, "has VERB", 8));
	CHECK(!wire_quoter_add(q, WIRE_QL_CUES, "a b c d e", 9));
	CHECK(wire_quoter_add(q, WIRE_QL_CUES, "# a comment", 11));
	CHECK(wire_quoter_add(q, WIRE_QL_CUES, "   ", 3));
	wire_quoter_free(q);
}

TEST(quote_empty_document)
{
	struct wire_quoter *q = small_quoter();
	const struct wire_quote *out = NULL;

	CHECK_INT(wire_quotes_find(q, NULL, 0, 7, &out), 0);
	wire_quoter_free(q);
}

TEST(quote_entity_speaker_and_canonical_name)
{
	struct wire_quoter *q = small_quoter();
	struct wire_span a[] = {{0, 13, WIRE_PER, 1}};
	struct wire_span b[] = {{18, 24, WIRE_PER, 1}};
	struct wire_quote_sent s[2];
	const struct wire_quote *out;

	s[0] = sent("Sergei Lavrov arrived.", 1, 1);
	s[0].spans = a;
	s[0].nspans = 1;
	s[1] = sent("\"We will not go,\" Lavrov said.", 2, 2);
	s[1].spans = b;
	s[1].nspans = 1;
	CHECK_INT(wire_quotes_find(q, s, 2, 7, &out), 1);
	CHECK_MEM(out[0].quote, out[0].quote_len, "We will not go");
	CHECK_MEM(out[0].speaker, out[0].speaker_len, "Sergei Lavrov");
	CHECK_MEM(out[0].mention, out[0].mention_len, "Lavrov");
	CHECK_MEM(out[0].cue, out[0].cue_len, "said");
	CHECK_INT(out[0].type, WIRE_QUOTE_DIRECT);
	CHECK_INT(out[0].first, 1);
	CHECK_INT(out[0].par, 2);
	wire_quoter_free(q);
}

TEST(quote_apostrophes_are_not_quotes)
{
	struct wire_quoter *q = small_quoter();
	struct wire_quote_sent s[1];
	const struct wire_quote *out;

	s[0] = sent("Assad's men won't return to the '90s or the \xE2\x80\x99" "80s, "
	            "the players' union said.", 1, 1);
	CHECK_INT(wire_quotes_find(q, s, 1, WIRE_QUOTE_DIRECT | WIRE_QUOTE_PARTIAL,
	                           &out), 0);
	wire_quoter_free(q);
}

TEST(quote_unclosed_at_paragraph_end_stops_there)
{
	struct wire_quoter *q = small_quoter();
	struct wire_quote_sent s[2];
	const struct wire_quote *out;

	s[0] = sent("He said: \"We are leaving now.", 1, 1);
	s[1] = sent("The minister left the room.", 2, 2);
	CHECK_INT(wire_quotes_find(q, s, 2, WIRE_QUOTE_DIRECT, &out), 1);
	CHECK_MEM(out[0].quote, out[0].quote_len, "We are leaving now.");
	CHECK_MEM(out[0].mention, out[0].mention_len, "He");
	wire_quoter_free(q);
}

TEST(quote_continues_over_paragraphs)
{
	struct wire_quoter *q = small_quoter();
	struct wire_quote_sent s[2];
	const struct wire_quote *out;

	s[0] = sent("\xE2\x80\x9CWe are leaving now.", 1, 1);
	s[1] = sent("\xE2\x80\x9C" "And we will not come back,\xE2\x80\x9D he said.", 2, 2);
	CHECK_INT(wire_quotes_find(q, s, 2, 7, &out), 1);
	CHECK_MEM(out[0].quote, out[0].quote_len,
	          "We are leaving now. And we will not come back");
	CHECK_INT(out[0].sent, 1);
	wire_quoter_free(q);
}

TEST(quote_indirect_after_that)
{
	struct wire_quoter *q = small_quoter();
	struct wire_span a[] = {{0, 6, WIRE_PER, 1}};
	struct wire_quote_sent s[1];
	const struct wire_quote *out;

	s[0] = sent("Lavrov said that Russia could not press Assad.", 1, 1);
	s[0].spans = a;
	s[0].nspans = 1;
	CHECK_INT(wire_quotes_find(q, s, 1, 7, &out), 1);
	CHECK_MEM(out[0].quote, out[0].quote_len, "Russia could not press Assad");
	CHECK_INT(out[0].type, WIRE_QUOTE_INDIRECT);
	CHECK_INT(wire_quotes_find(q, s, 1, WIRE_QUOTE_DIRECT, &out), 0);
	wire_quoter_free(q);
}

TEST(quote_spans_in_any_order_and_multibyte_offsets)
{
	struct wire_quoter *q = small_quoter();
	/* "José Núñez" is 10 code points, 12 bytes. */
	struct wire_span a[] = {{35, 41, WIRE_ORG, 2}, {0, 10, WIRE_PER, 1}};
	struct wire_quote_sent s[1];
	const struct wire_quote *out;

	s[0] = sent("Jos\xC3\xA9 N\xC3\xBA\xC3\xB1" "ez said the plan had failed at Oxfam.",
	            1, 1);
	s[0].spans = a;
	s[0].nspans = 2;
	CHECK_INT(wire_quotes_find(q, s, 1, 7, &out), 1);
	CHECK_MEM(out[0].speaker, out[0].speaker_len, "Jos\xC3\xA9 N\xC3\xBA\xC3\xB1" "ez");
	CHECK_MEM(out[0].quote, out[0].quote_len, "the plan had failed at Oxfam");
	wire_quoter_free(q);
}

TEST(quote_invalid_utf8_is_harmless)
{
	struct wire_quoter *q = small_quoter();
	struct wire_span a[] = {{0, 40, WIRE_PER, 1}};
	struct wire_quote_sent s[1];
	const struct wire_quote *out;

	s[0] = sent("\"\xFF\xFE\xE2\x80\" \xE2 he said \xC2", 1, 1);
	s[0].spans = a;
	s[0].nspans = 1;
	(void)wire_quotes_find(q, s, 1, 7, &out);
	wire_quoter_free(q);
}

TEST(quote_content_is_the_clause_of_a_partial_quote)
{
	struct wire_quoter *q = small_quoter();
	struct wire_span a[] = {{0, 5, WIRE_PER, 1}};
	struct wire_quote_sent s[2];
	const struct wire_quote *out;

	s[0] = sent("Ruizo said that the harbour plan was \"dead on arrival\" "
	            "in its present form.", 1, 1);
	s[0].spans = a;
	s[0].nspans = 1;
	s[1] = sent("\"We will fight it,\" he said.", 1, 2);
	CHECK_INT(wire_quotes_find(q, s, 2, 7, &out), 2);
	CHECK_INT(out[0].type, WIRE_QUOTE_PARTIAL);
	CHECK_MEM(out[0].quote, out[0].quote_len, "dead on arrival");
	CHECK_MEM(out[0].content, out[0].content_len,
	          "the harbour plan was \"dead on arrival\" in its present form");
	/* A direct quote is its own content. */
	CHECK_MEM(out[1].content, out[1].content_len, "We will fight it");
	wire_quoter_free(q);
}

/* Found by fuzz_quotes: a quote in a document without a single cue
 * searched an attribution table never allocated (UB under UBSan). */
TEST(quote_in_a_document_without_cues)
{
	struct wire_quoter *q = wire_quoter_new();
	struct wire_quote_sent s[1];
	const struct wire_quote *out;

	s[0] = sent("\x07\"t\x07", 1, 1);
	CHECK_INT(wire_quotes_find(q, s, 1, 7, &out), 0);
	wire_quoter_free(q);
}
