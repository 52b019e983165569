/* RFC 4180 cells, written through libcsv's quoting writer. */
#include <csv.h>
#include <string.h>

#include "wire.h"

static bool
needs_quotes(const char *s, size_t len)
{
	size_t i;

	if (len == 0)
		return false;
	/* Spreadsheets trim unquoted edge spaces on import. */
	if (s[0] == ' ' || s[len - 1] == ' ')
		return true;
	for (i = 0; i < len; i++)
		switch (s[i]) {
		case ',': case '"': case '\r': case '\n':
			return true;
		}
	return false;
}

static bool
looks_like_formula(const char *s, size_t len)
{
	/* s[0] != 0: strchr finds the terminator of its own string. */
	return len > 0 && s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
}

void
wire_csv_cell(const char *s, size_t len, unsigned flags, struct wire_buf *out)
{
	bool guard = (flags & WIRE_CSV_GUARD) && looks_like_formula(s, len);
	size_t need;

	if (!needs_quotes(s, len)) {
		if (guard)
			wire_buf_addc(out, '\'');
		wire_buf_add(out, s, len);
		return;
	}
	/* Quoting at most doubles the text, plus the two quotes and the guard. */
	wire_buf_reserve(out, 2 * len + 3);
	if (guard) {
		out->data[out->len++] = '"';
		out->data[out->len++] = '\'';
		need = csv_write(out->data + out->len, out->cap - out->len, s, len);
		/* csv_write opened its own quote: drop it, ours comes first. */
		memmove(out->data + out->len, out->data + out->len + 1, need - 1);
		out->len += need - 1;
	} else {
		need = csv_write(out->data + out->len, out->cap - out->len, s, len);
		out->len += need;
	}
	out->data[out->len] = '\0';
}
