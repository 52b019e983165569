/*
 * wire-tag-entities' statistical tagger (ner.c, ner_tok.c): the CoNLL
 * tokeniser on any bytes (tokens in order, non-empty, inside the text,
 * not overlapping), then the real model's Viterbi decoder over the
 * input's lines as one document's texts (mentions in order, inside their
 * text, on token boundaries, of a model type).  The program hands both
 * valid UTF-8; the tokeniser gets the raw bytes too, as the API allows.
 */
#include "fuzz.h"

static struct wire_ner *model;
static struct wire_ner_doc *doc;
static struct wire_ner_token *toks;
static size_t tokcap;
static struct wire_buf text;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *path;

	(void)argc;
	(void)argv;
	fuzz_models();
	path = wire_model_path("ner.model");
	model = wire_ner_load(path);
	free(path);
	doc = wire_ner_doc_new();
	return 0;
}

static size_t
check_tokens(const char *s, size_t len)
{
	size_t i, n = wire_ner_tokenize(s, len, &toks, &tokcap);

	for (i = 0; i < n; i++) {
		FUZZ_CHECK(toks[i].start < toks[i].end && toks[i].end <= len);
		FUZZ_CHECK(i == 0 || toks[i].start >= toks[i - 1].end);
	}
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct wire_ner_mention *men;
	const char *s, *nl, *t;
	size_t i, j, k, n, ntexts, len, tlen, ntok;
	bool start_ok, end_ok;

	if (size > 20000)
		return 0; /* decoding is linear; long inputs only slow the search */
	check_tokens((const char *)data, size);

	wire_buf_clear(&text);
	wire_utf8_repair((const char *)data, size, &text);
	s = text.data ? text.data : "";
	len = text.len;
	wire_ner_doc_clear(doc);
	for (i = 0; i <= len;) {
		nl = memchr(s + i, '\n', len - i);
		n = nl ? (size_t)(nl - (s + i)) : len - i;
		wire_ner_doc_add(doc, s + i, n);
		i += n + 1;
	}
	wire_ner_tag(model, doc);
	for (ntexts = 0, i = 0; i <= len; ntexts++) {
		nl = memchr(s + i, '\n', len - i);
		i += (nl ? (size_t)(nl - (s + i)) : len - i) + 1;
	}
	for (i = 0; i < ntexts; i++) {
		t = wire_ner_doc_text(doc, i, &tlen);
		ntok = check_tokens(t, tlen);
		n = wire_ner_mentions(doc, i, &men);
		for (j = 0; j < n; j++) {
			FUZZ_CHECK(men[j].start < men[j].end && men[j].end <= tlen);
			FUZZ_CHECK(j == 0 || men[j].start >= men[j - 1].end);
			FUZZ_CHECK(men[j].type == WIRE_PER || men[j].type == WIRE_ORG ||
			           men[j].type == WIRE_LOC || men[j].type == WIRE_MISC);
			start_ok = end_ok = false;
			for (k = 0; k < ntok; k++) {
				start_ok |= toks[k].start == men[j].start;
				end_ok |= toks[k].end == men[j].end;
			}
			FUZZ_CHECK(start_ok && end_ok);
		}
	}
	return 0;
}
