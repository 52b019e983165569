/*
 * The quotation finder (quote.c) with the real word lists.  The input is
 * one document: a line per sentence, an empty line between paragraphs, a
 * line starting with '#' a heading.  Entities are made the way a tagger
 * would give them: each run of capitalised words is a span, its type
 * and id drawn from its bytes (so the same name keeps one id).  Each
 * quotation found must have a type in the mask, its sentence inside the
 * document, and strings that are valid UTF-8 when the input was.
 */
#include "fuzz.h"

static struct wire_quoter *q;
static struct wire_buf text;
static struct wire_quote_sent *sents;
static size_t sentcap;
static struct wire_span *spans;
static size_t spancap;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_models();
	q = wire_quoter_new();
	wire_quoter_load_defaults(q);
	return 0;
}

static bool
upper_at(const char *s, size_t len, size_t i)
{
	return i < len && s[i] >= 'A' && s[i] <= 'Z' &&
	       (i == 0 || s[i - 1] == ' ');
}

/* Spans of capitalised word runs in S, appended to the global array;
 * returns their count. */
static size_t
make_spans(const char *s, size_t len, size_t *nspans)
{
	size_t i = 0, b, e, first = *nspans;
	uint64_t h;

	while (i < len) {
		if (!upper_at(s, len, i)) {
			i++;
			continue;
		}
		b = e = i;
		while (upper_at(s, len, e)) {
			while (e < len && s[e] != ' ')
				e++;
			if (e + 1 < len && upper_at(s, len, e + 1))
				e++;
			else
				break;
		}
		if (*nspans == spancap) {
			spancap = spancap ? 2 * spancap : 64;
			spans = wire_xreallocarray(spans, spancap, sizeof *spans);
		}
		h = wire_hash64(s + b, e - b, 7);
		spans[*nspans].start = wire_utf8_count(s, b);
		spans[*nspans].end = wire_utf8_count(s, e);
		spans[*nspans].type = (int)(h % 4); /* PER ORG LOC MISC */
		spans[*nspans].id = (int)(h % 9) + 1;
		(*nspans)++;
		i = e;
	}
	return *nspans - first;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct wire_quote *out;
	size_t i, n = 0, nspans = 0, len, nq, types;
	size_t *first_span = NULL;
	unsigned long par = 1, sent = 0;
	const char *s, *nl;

	if (size == 0 || size > 20000)
		return 0;
	types = (data[0] & 7) ? (data[0] & 7) : 7;
	wire_buf_clear(&text);
	wire_utf8_repair((const char *)data + 1, size - 1, &text);
	s = text.data ? text.data : "";
	len = text.len;
	first_span = wire_xmalloc((len + 2) * sizeof *first_span);
	for (i = 0; i <= len;) {
		nl = memchr(s + i, '\n', len - i);
		size_t l = nl ? (size_t)(nl - (s + i)) : len - i;

		if (l == 0) {
			par++;
		} else {
			if (n == sentcap) {
				sentcap = sentcap ? 2 * sentcap : 64;
				sents = wire_xreallocarray(sents, sentcap, sizeof *sents);
			}
			sents[n].heading = s[i] == '#';
			sents[n].text = s + i;
			sents[n].len = l;
			sents[n].par = par;
			sents[n].sent = ++sent;
			first_span[n] = nspans;
			make_spans(s + i, l, &nspans);
			n++;
		}
		i += l + 1;
	}
	/* The span array may have moved while growing: point at it now. */
	for (i = 0; i < n; i++) {
		sents[i].spans = spans ? spans + first_span[i] : NULL;
		sents[i].nspans = (i + 1 < n ? first_span[i + 1] : nspans) - first_span[i];
	}
	free(first_span);
	nq = wire_quotes_find(q, sents, n, (unsigned)types, &out);
	for (i = 0; i < nq; i++) {
		FUZZ_CHECK(out[i].type & (int)types);
		FUZZ_CHECK(out[i].type == WIRE_QUOTE_DIRECT ||
		           out[i].type == WIRE_QUOTE_PARTIAL ||
		           out[i].type == WIRE_QUOTE_INDIRECT);
		FUZZ_CHECK(out[i].first < n);
		FUZZ_CHECK(out[i].par == sents[out[i].first].par);
		FUZZ_CHECK(out[i].sent == sents[out[i].first].sent);
		FUZZ_CHECK(wire_utf8_valid(out[i].quote, out[i].quote_len, NULL));
		FUZZ_CHECK(wire_utf8_valid(out[i].speaker, out[i].speaker_len, NULL));
		FUZZ_CHECK(wire_utf8_valid(out[i].mention, out[i].mention_len, NULL));
		FUZZ_CHECK(wire_utf8_valid(out[i].cue, out[i].cue_len, NULL));
		FUZZ_CHECK(wire_utf8_valid(out[i].content, out[i].content_len, NULL));
		FUZZ_CHECK(out[i].content_len >= out[i].quote_len ||
		           out[i].content == out[i].quote);
		FUZZ_CHECK(i == 0 || out[i].first >= out[i - 1].first);
	}
	return 0;
}
