/*
 * wire_csv_cell (csv.c): whatever the bytes, the cell parses back to
 * them with a strict RFC 4180 reader, and with WIRE_CSV_GUARD to them
 * behind one apostrophe exactly when they start like a formula.  The
 * first input byte holds the flags.
 */
#include "fuzz.h"

static struct wire_buf out, back;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_models();
	return 0;
}

/* One RFC 4180 field that must span all of S: quoted ("" inside for a
 * quote) or bare (then no comma, quote, CR or LF).  Returns false when S
 * is not exactly one well-formed field. */
static bool
parse_cell(const char *s, size_t len, struct wire_buf *cell)
{
	size_t i;

	wire_buf_clear(cell);
	if (len > 0 && s[0] == '"') {
		for (i = 1; i < len; i++) {
			if (s[i] != '"') {
				wire_buf_addc(cell, s[i]);
				continue;
			}
			if (i + 1 < len && s[i + 1] == '"') {
				wire_buf_addc(cell, '"');
				i++;
				continue;
			}
			return i + 1 == len; /* the closing quote ends it */
		}
		return false;
	}
	for (i = 0; i < len; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
			return false;
	wire_buf_add(cell, s, len);
	return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s;
	size_t len, skip;
	unsigned flags;
	bool formula;

	if (size == 0)
		return 0;
	flags = data[0] & 1 ? WIRE_CSV_GUARD : 0;
	s = (const char *)data + 1;
	len = size - 1;
	wire_buf_clear(&out);
	wire_buf_addc(&out, 'x'); /* appends, never overwrites */
	wire_csv_cell(s, len, flags, &out);
	FUZZ_CHECK(out.data[0] == 'x');
	FUZZ_CHECK(parse_cell(out.data + 1, out.len - 1, &back));
	formula = len > 0 && strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0';
	skip = 0;
	if (flags & WIRE_CSV_GUARD && formula) {
		FUZZ_CHECK(back.len > 0 && back.data[0] == '\'');
		skip = 1;
	}
	FUZZ_CHECK(back.len - skip == len);
	FUZZ_CHECK(len == 0 || memcmp(back.data + skip, s, len) == 0);
	/* Edge spaces are quoted: spreadsheets trim them from bare cells. */
	if (len > 0 && (s[0] == ' ' || s[len - 1] == ' '))
		FUZZ_CHECK(out.data[1] == '"');
	return 0;
}
