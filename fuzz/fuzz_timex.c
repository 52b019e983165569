/*
 * wire-tag-entities' rules (timex.c) with the real models/timex.patterns:
 * DATE/TIME/MONEY/PERCENT/QUANTITY spans of any valid UTF-8 text are in
 * order, inside the text (code points), non-overlapping, of a rule type;
 * the count returned matches; appending to a non-empty array keeps what
 * was there.
 */
#include "fuzz.h"

static struct wire_timex *tx;
static struct wire_buf text;
static struct wire_span *spans;
static size_t cap;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_models();
	tx = wire_timex_load(NULL);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t i, n = 1, got, ncp;
	const char *s;

	wire_buf_clear(&text);
	wire_utf8_repair((const char *)data, size, &text);
	s = text.data ? text.data : "";
	ncp = wire_utf8_count(s, text.len);
	if (cap == 0) {
		cap = 4;
		spans = wire_xreallocarray(NULL, cap, sizeof *spans);
	}
	spans[0].start = 12345; /* a sentinel the call must keep */
	got = wire_timex_find(tx, s, text.len, &spans, &n, &cap);
	FUZZ_CHECK(n == got + 1);
	FUZZ_CHECK(spans[0].start == 12345);
	for (i = 1; i < n; i++) {
		FUZZ_CHECK(spans[i].start < spans[i].end && spans[i].end <= ncp);
		FUZZ_CHECK(i == 1 || spans[i].start >= spans[i - 1].end);
		FUZZ_CHECK(spans[i].type >= WIRE_DATE && spans[i].type <= WIRE_QUANTITY);
	}
	return 0;
}
