/* Reading the line-per-entry list files of models/ (word lists, pattern
 * lists): one loop, so every list treats comments, blanks and CRLF alike. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "wire.h"

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

void
wire_each_line(const char *file, wire_line_fn *fn, void *arg)
{
	FILE *fp = fopen(file, "r");
	char *line = NULL, *b, *e;
	size_t cap = 0;
	ssize_t n;
	unsigned long lineno = 0;

	if (!fp)
		wire_die("%s: %s", file, strerror(errno));
	errno = 0;
	while ((n = getline(&line, &cap, fp)) >= 0) {
		lineno++;
		b = line;
		e = line + n;
		while (b < e && is_blank(*b))
			b++;
		while (e > b && is_blank(e[-1]))
			e--;
		if (b == e || *b == '#')
			continue;
		*e = '\0';
		fn(b, (size_t)(e - b), file, lineno, arg);
	}
	/* getline failing for memory sets errno but not the error flag:
	 * only feof() tells the end of the file apart. */
	if (ferror(fp) || !feof(fp))
		wire_die("%s: read error: %s", file, strerror(errno ? errno : EIO));
	free(line);
	fclose(fp);
}
