/* A growable byte buffer, always NUL-terminated, reused across rows. */
#include <stdlib.h>
#include <string.h>

#include "wire.h"

void
wire_buf_reserve(struct wire_buf *b, size_t extra)
{
	size_t need;

	if (extra > SIZE_MAX - b->len - 1)
		wire_die("out of memory");
	need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	if (b->cap < 64)
		b->cap = 64;
	while (b->cap < need)
		b->cap = b->cap > SIZE_MAX / 2 ? need : b->cap * 2;
	b->data = wire_xrealloc(b->data, b->cap);
}

void
wire_buf_adds(struct wire_buf *b, const char *s)
{
	wire_buf_add(b, s, strlen(s));
}

void
wire_buf_printf(struct wire_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		wire_die("formatting error");
	wire_buf_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
wire_buf_clear(struct wire_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void
wire_buf_free(struct wire_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}
