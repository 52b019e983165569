/*
 * UTF-8 (utf8.c): repair always yields valid UTF-8 without NUL and leaves
 * valid NUL-free text alone; valid, decode, encode, count and offset
 * agree with one another on any bytes.
 */
#include "fuzz.h"

static struct wire_buf out, again;

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
	size_t i, n, bad = (size_t)-1, fixes, ncp = 0, off;
	bool valid, walk_ok = true;
	uint32_t cp;
	char enc[4];

	wire_buf_clear(&out);
	fixes = wire_utf8_repair(s, size, &out);
	FUZZ_CHECK(wire_utf8_valid(out.data ? out.data : "", out.len, NULL));
	FUZZ_CHECK(!memchr(out.data ? out.data : "", '\0', out.len));
	/* Repair is idempotent. */
	wire_buf_clear(&again);
	FUZZ_CHECK(wire_utf8_repair(out.data ? out.data : "", out.len, &again) == 0);
	FUZZ_CHECK(again.len == out.len &&
	           (out.len == 0 || memcmp(again.data, out.data, out.len) == 0));

	/* A walk with decode finds what valid() finds. */
	for (i = 0; i < size; i += n) {
		n = wire_utf8_decode(s + i, size - i, &cp);
		if (n == 0) {
			walk_ok = false;
			break;
		}
		FUZZ_CHECK(n <= 4 && i + n <= size);
		FUZZ_CHECK(cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF));
		FUZZ_CHECK(wire_utf8_encode(cp, enc) == n);
		FUZZ_CHECK(memcmp(enc, s + i, n) == 0);
		ncp++;
	}
	valid = wire_utf8_valid(s, size, &bad);
	FUZZ_CHECK(valid == walk_ok);
	if (!valid) {
		FUZZ_CHECK(bad == i);
		return 0;
	}
	FUZZ_CHECK(wire_utf8_count(s, size) == ncp);
	FUZZ_CHECK(wire_utf8_offset(s, size, ncp) == size);
	off = wire_utf8_offset(s, size, ncp / 2);
	FUZZ_CHECK(off <= size && wire_utf8_count(s, off) == ncp / 2);
	if (!memchr(s, '\0', size)) {
		FUZZ_CHECK(fixes == 0 && out.len == size);
		FUZZ_CHECK(size == 0 || memcmp(out.data, s, size) == 0);
	}
	return 0;
}
