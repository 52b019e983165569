/*
 * The sentence splitter (sentence.c) with the real abbreviation lists:
 * sentences come in order, inside the text, non-empty, without white
 * space at either end, with only white space between them; the count
 * returned is the number of callbacks; a stop request is honoured.  The
 * first byte chooses the flags and where to stop.
 */
#include "fuzz.h"

static struct wire_splitter *sp;

struct ctx {
	const char *text;
	size_t len, prev_end, calls, stop_at;
};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_models();
	sp = wire_splitter_new();
	wire_splitter_load_defaults(sp);
	return 0;
}

static bool
space(unsigned char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static int
on_sentence(void *p, size_t start, size_t end)
{
	struct ctx *x = p;
	size_t i;

	FUZZ_CHECK(start < end && end <= x->len);
	FUZZ_CHECK(start >= x->prev_end);
	/* ASCII white space only: the splitter may treat NBSP either way. */
	FUZZ_CHECK(!space((unsigned char)x->text[start]));
	FUZZ_CHECK(!space((unsigned char)x->text[end - 1]));
	for (i = x->prev_end; i < start; i++)
		FUZZ_CHECK(x->calls == 0 || (unsigned char)x->text[i] <= ' ' ||
		           (unsigned char)x->text[i] >= 0x80);
	x->prev_end = end;
	x->calls++;
	return x->stop_at && x->calls == x->stop_at;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ctx x = {0};
	size_t n;
	unsigned flags;
	char *copy;

	if (size == 0)
		return 0;
	flags = data[0] & 1 ? WIRE_SPLIT_HEADING : 0;
	x.stop_at = (data[0] >> 1) & 7;
	/* An exact-size copy: ASan sees any read past the end. */
	copy = malloc(size - 1 ? size - 1 : 1);
	memcpy(copy, data + 1, size - 1);
	x.text = copy;
	x.len = size - 1;
	n = wire_sentences(sp, copy, x.len, flags, on_sentence, &x);
	FUZZ_CHECK(n == x.calls);
	if (x.stop_at)
		FUZZ_CHECK(x.calls <= x.stop_at);
	free(copy);
	return 0;
}
