/* Lists of PCRE2 patterns (boilerplate lines, date rules...), compiled
 * UTF + case-insensitive with JIT where the library has it. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "wire.h"

struct wire_patterns {
	pcre2_code **code;
	size_t count, cap;
	pcre2_match_data *md;
};

struct wire_patterns *
wire_patterns_new(void)
{
	return wire_xcalloc(1, sizeof(struct wire_patterns));
}

void
wire_patterns_add(struct wire_patterns *p, const char *pattern,
                  const char *origin, unsigned long line)
{
	int err;
	PCRE2_SIZE off;
	PCRE2_UCHAR msg[256];
	pcre2_code *re;

	re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	                   PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &err, &off, NULL);
	if (!re) {
		pcre2_get_error_message(err, msg, sizeof msg);
		wire_die_at(origin, line, "bad pattern at offset %zu: %s",
		            (size_t)off, (char *)msg);
	}
	/* JIT is an optimisation; without it matching is merely slower. */
	(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	if (p->count == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->code = wire_xreallocarray(p->code, p->cap, sizeof *p->code);
	}
	p->code[p->count++] = re;
}

static void
add_line(char *line, size_t len, const char *file, unsigned long lineno,
         void *p)
{
	(void)len;
	wire_patterns_add(p, line, file, lineno);
}

void
wire_patterns_load(struct wire_patterns *p, const char *file)
{
	wire_each_line(file, add_line, p);
}

int
wire_patterns_match(struct wire_patterns *p, const char *s, size_t len)
{
	size_t i;
	int rc;

	if (!p->md)
		p->md = pcre2_match_data_create(1, NULL);
	for (i = 0; i < p->count; i++) {
		rc = pcre2_match(p->code[i], (PCRE2_SPTR)s, len, 0, 0, p->md, NULL);
		if (rc >= 0)
			return (int)i;
		if (rc != PCRE2_ERROR_NOMATCH)
			wire_die("pattern %zu: match error %d", i + 1, rc);
	}
	return -1;
}

size_t
wire_patterns_count(const struct wire_patterns *p)
{
	return p->count;
}

void
wire_patterns_free(struct wire_patterns *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->count; i++)
		pcre2_code_free(p->code[i]);
	free(p->code);
	pcre2_match_data_free(p->md);
	free(p);
}
