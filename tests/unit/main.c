/* Runs every registered unit test, or those named on the command line. */
#include <stdarg.h>
#include <stdlib.h>

#include "unit.h"

static struct unit_case *cases;
static const char *current;
static int current_failed;

void
unit_register(struct unit_case *c)
{
	c->next = cases;
	cases = c;
}

void
unit_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	printf("FAIL %s (%s:%d): ", current, file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	current_failed = 1;
}

static int
selected(const char *name, int argc, char **argv)
{
	int i;

	if (argc < 2)
		return 1;
	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return 1;
	return 0;
}

int
main(int argc, char **argv)
{
	struct unit_case *c;
	int passed = 0, failed = 0;

	for (c = cases; c; c = c->next) {
		if (!selected(c->name, argc, argv))
			continue;
		current = c->name;
		current_failed = 0;
		c->fn();
		if (current_failed)
			failed++;
		else
			passed++;
	}
	printf("unit: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
