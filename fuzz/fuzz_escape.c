/*
 * The stream's field escapes (escape.c): unescape(escape(s)) == s for any
 * bytes, escaped text holds no TAB, LF or CR, and a raw field that
 * unescapes without error (and holds no literal TAB, LF or CR, which the
 * reader never hands over) escapes back to itself.
 */
#include "fuzz.h"

static struct wire_buf esc, back;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_models();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	size_t bad = (size_t)-1;
	int rc;

	wire_buf_clear(&esc);
	wire_escape(s, size, &esc);
	FUZZ_CHECK(!memchr(esc.data ? esc.data : "", '\t', esc.len));
	FUZZ_CHECK(!memchr(esc.data ? esc.data : "", '\n', esc.len));
	FUZZ_CHECK(!memchr(esc.data ? esc.data : "", '\r', esc.len));
	wire_buf_clear(&back);
	FUZZ_CHECK(wire_unescape(esc.data, esc.len, &back, NULL) == 0);
	FUZZ_CHECK(back.len == size && (size == 0 || memcmp(back.data, s, size) == 0));

	/* The other way round: the input as a raw field. */
	wire_buf_clear(&back);
	rc = wire_unescape(s, size, &back, &bad);
	if (rc < 0) {
		FUZZ_CHECK(bad < size && s[bad] == '\\');
		return 0;
	}
	FUZZ_CHECK(rc == 0);
	if (memchr(s, '\t', size) || memchr(s, '\n', size) || memchr(s, '\r', size))
		return 0;
	wire_buf_clear(&esc);
	wire_escape(back.data, back.len, &esc);
	FUZZ_CHECK(esc.len == size && (size == 0 || memcmp(esc.data, s, size) == 0));
	return 0;
}
