/* The stream's field escapes: TAB, LF, CR and backslash as \t \n \r \\
 * (the PostgreSQL COPY / Miller TSV convention). */
#include <string.h>

#include "wire.h"

static int
needs_escape(unsigned char c)
{
	return c == '\t' || c == '\n' || c == '\r' || c == '\\';
}

void
wire_escape(const char *s, size_t len, struct wire_buf *out)
{
	size_t i, run = 0;

	wire_buf_reserve(out, len);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!needs_escape(c))
			continue;
		wire_buf_add(out, s + run, i - run);
		wire_buf_addc(out, '\\');
		wire_buf_addc(out, c == '\t' ? 't' : c == '\n' ? 'n' :
		                   c == '\r' ? 'r' : '\\');
		run = i + 1;
	}
	wire_buf_add(out, s + run, len - run);
}

int
wire_unescape(const char *raw, size_t len, struct wire_buf *out, size_t *bad)
{
	size_t i = 0;
	const char *bs;

	wire_buf_reserve(out, len);
	while (i < len) {
		bs = memchr(raw + i, '\\', len - i);
		if (!bs) {
			wire_buf_add(out, raw + i, len - i);
			break;
		}
		wire_buf_add(out, raw + i, (size_t)(bs - (raw + i)));
		i = (size_t)(bs - raw);
		if (i + 1 >= len)
			goto fail;
		switch (raw[i + 1]) {
		case 't': wire_buf_addc(out, '\t'); break;
		case 'n': wire_buf_addc(out, '\n'); break;
		case 'r': wire_buf_addc(out, '\r'); break;
		case '\\': wire_buf_addc(out, '\\'); break;
		default: goto fail;
		}
		i += 2;
	}
	return 0;
fail:
	if (bad)
		*bad = i;
	return -1;
}
