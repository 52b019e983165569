/* The options every program shares: --help, --version, bad options. */
#include <stdlib.h>

#include "wire.h"

void
wire_common_option(int opt, const char *usage)
{
	switch (opt) {
	case 'h':
		fputs(usage, stdout);
		wire_exit(0);
	case WIRE_OPT_VERSION:
		printf("%s (wire) %s\n", wire_progname, WIRE_VERSION);
		wire_exit(0);
	default:
		/* getopt has already said what was wrong. */
		fprintf(stderr, "Try '%s --help' for more information.\n",
		        wire_progname);
		exit(2);
	}
}
