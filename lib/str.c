/* Small string and file helpers. */
#include <string.h>

#include "wire.h"

size_t
wire_split(char *s, char sep, char **out, size_t max)
{
	size_t n = 0;
	char *p;

	if (max == 0)
		return 0;
	for (;;) {
		out[n++] = s;
		if (n == max || !(p = strchr(s, sep)))
			break;
		*p = '\0';
		s = p + 1;
	}
	return n;
}

bool
wire_has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

void
wire_doc_id(const char *path, struct wire_buf *out)
{
	const char *base = strrchr(path, '/'), *dot;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	/* A leading dot is a hidden file's name, not its extension. */
	if (!dot || dot == base)
		dot = base + strlen(base);
	wire_buf_clear(out);
	wire_buf_add(out, base, (size_t)(dot - base));
}

int
wire_read_all(FILE *fp, struct wire_buf *out)
{
	size_t n;

	for (;;) {
		wire_buf_reserve(out, 1 << 16);
		n = fread(out->data + out->len, 1, out->cap - out->len - 1, fp);
		out->len += n;
		out->data[out->len] = '\0';
		if (n == 0)
			break;
	}
	return ferror(fp) || !feof(fp) ? -1 : 0;
}
