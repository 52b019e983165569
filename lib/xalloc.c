/* Allocation that cannot return NULL: running out of memory on one
 * document is a data error for that run, reported and fatal. */
#include <stdlib.h>
#include <string.h>

#include "wire.h"

static void *
checked(void *p)
{
	if (!p)
		wire_die("out of memory");
	return p;
}

void *
wire_xmalloc(size_t n)
{
	return checked(malloc(n ? n : 1));
}

void *
wire_xcalloc(size_t n, size_t size)
{
	return checked(calloc(n ? n : 1, size ? size : 1));
}

void *
wire_xrealloc(void *p, size_t n)
{
	return checked(realloc(p, n ? n : 1));
}

void *
wire_xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		wire_die("out of memory");
	return wire_xrealloc(p, n * size);
}

char *
wire_xstrdup(const char *s)
{
	return wire_xstrndup(s, strlen(s));
}

char *
wire_xstrndup(const char *s, size_t n)
{
	char *d = wire_xmalloc(n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}
