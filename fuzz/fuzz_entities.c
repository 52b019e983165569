/*
 * The entities column (entities.c): parse any bytes; what parses formats
 * back to text that parses to the same spans.
 */
#include "fuzz.h"

static struct wire_span *a, *b;
static size_t acap, bcap;
static struct wire_buf out;

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
	long n, m, i;

	n = wire_entities_parse((const char *)data, size, &a, &acap);
	if (n < 0)
		return 0;
	for (i = 0; i < n; i++) {
		FUZZ_CHECK(a[i].start <= a[i].end);
		FUZZ_CHECK(a[i].type >= 0 && a[i].type < WIRE_NTYPES);
	}
	wire_buf_clear(&out);
	wire_entities_format(a, (size_t)n, &out);
	m = wire_entities_parse(out.data ? out.data : "", out.len, &b, &bcap);
	FUZZ_CHECK(m == n);
	for (i = 0; i < n; i++)
		FUZZ_CHECK(a[i].start == b[i].start && a[i].end == b[i].end &&
		           a[i].type == b[i].type && a[i].id == b[i].id);
	return 0;
}
