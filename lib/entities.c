/* Entity types and the `entities` column: START:END:TYPE:ID items. */
#include <stdlib.h>
#include <string.h>

#include "wire.h"

static const char *const type_names[WIRE_NTYPES] = {
	"PER", "ORG", "LOC", "MISC", "DATE", "TIME", "MONEY", "PERCENT",
	"QUANTITY",
};

const char *
wire_etype_name(int type)
{
	if (type < 0 || type >= WIRE_NTYPES)
		return "?";
	return type_names[type];
}

int
wire_etype_parse(const char *name, size_t len)
{
	int t;

	for (t = 0; t < WIRE_NTYPES; t++)
		if (strlen(type_names[t]) == len && memcmp(type_names[t], name, len) == 0)
			return t;
	return -1;
}

/* Parses a decimal number at *P (before END); advances *P. */
static bool
parse_number(const char **p, const char *end, size_t *out)
{
	size_t v = 0;
	const char *s = *p;

	if (s >= end || *s < '0' || *s > '9')
		return false;
	while (s < end && *s >= '0' && *s <= '9') {
		if (v > (SIZE_MAX - 9) / 10)
			return false;
		v = v * 10 + (size_t)(*s - '0');
		s++;
	}
	*p = s;
	*out = v;
	return true;
}

static bool
parse_item(const char *s, const char *end, struct wire_span *sp)
{
	const char *colon;
	size_t id;

	if (!parse_number(&s, end, &sp->start) || s >= end || *s++ != ':')
		return false;
	if (!parse_number(&s, end, &sp->end) || s >= end || *s++ != ':')
		return false;
	colon = memchr(s, ':', (size_t)(end - s));
	if (!colon)
		return false;
	sp->type = wire_etype_parse(s, (size_t)(colon - s));
	s = colon + 1;
	if (sp->type < 0 || !parse_number(&s, end, &id) || s != end)
		return false;
	if (sp->start > sp->end || id > INT32_MAX)
		return false;
	sp->id = (int)id;
	return true;
}

long
wire_entities_parse(const char *s, size_t len, struct wire_span **spans,
                    size_t *cap)
{
	const char *end = s + len, *item, *sp;
	long n = 0;

	for (item = s; item < end; item = sp + 1) {
		sp = memchr(item, ' ', (size_t)(end - item));
		if (!sp)
			sp = end;
		if (sp == item)
			continue;
		if ((size_t)n == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			*spans = wire_xreallocarray(*spans, *cap, sizeof **spans);
		}
		if (!parse_item(item, sp, &(*spans)[n]))
			return -1;
		n++;
	}
	return n;
}

void
wire_entities_format(const struct wire_span *spans, size_t n,
                     struct wire_buf *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		wire_buf_printf(out, "%s%zu:%zu:%s:%d", i ? " " : "", spans[i].start,
		                spans[i].end, wire_etype_name(spans[i].type),
		                spans[i].id);
}
