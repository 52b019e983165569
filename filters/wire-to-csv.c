/*
 * wire-to-csv - write a wire stream as RFC 4180 CSV for spreadsheets.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "wire.h"

static const char usage[] =
"Usage: wire-to-csv [OPTION]... [FILE]...\n"
"Write a wire stream (TSV with a header) as RFC 4180 CSV.\n"
"With no FILE, or when FILE is -, read standard input.\n"
"\n"
"  -c, --columns=LIST    write only these columns, in this order (a,b,c)\n"
"      --no-header       do not write the header row\n"
"      --bom             start the output with a UTF-8 byte order mark\n"
"      --lf              end rows with LF (default: CRLF, as RFC 4180)\n"
"      --formula-guard   prefix ' to cells starting with = + - @ TAB CR\n"
"      --excel           the same as --bom --formula-guard with CRLF\n"
"  -o, --output=FILE     write to FILE instead of standard output\n"
"  -h, --help            display this help and exit\n"
"      --version         output version information and exit\n"
"\n"
"Cells are quoted only when they hold a comma, a double quote, CR or LF,\n"
"or start or end with a space.  A cell over 32,767 characters is written\n"
"whole, with a warning: spreadsheets cut such cells.\n"
"Exit status: 0 ok, 1 data or I/O error, 2 usage error.\n";

enum { OPT_NO_HEADER = 0x100, OPT_BOM, OPT_LF, OPT_GUARD, OPT_EXCEL };

static const struct option longopts[] = {
	{"columns", required_argument, NULL, 'c'},
	{"no-header", no_argument, NULL, OPT_NO_HEADER},
	{"bom", no_argument, NULL, OPT_BOM},
	{"lf", no_argument, NULL, OPT_LF},
	{"formula-guard", no_argument, NULL, OPT_GUARD},
	{"excel", no_argument, NULL, OPT_EXCEL},
	{"output", required_argument, NULL, 'o'},
	WIRE_COMMON_LONGOPTS,
	{NULL, 0, NULL, 0},
};

struct options {
	char *columns;
	bool header, bom, crlf;
	unsigned flags;
	const char *output;
};

struct csv_out {
	FILE *fp;
	const char *name;
	struct wire_buf buf;
	const char *eol;
	unsigned flags;
	size_t *pick;      /* input column of each output column */
	size_t npick;
	unsigned long long_cells;
};

static void
flush_out(struct csv_out *c)
{
	errno = 0;
	if (c->buf.len && fwrite(c->buf.data, 1, c->buf.len, c->fp) != c->buf.len)
		wire_write_error(c->name);
	wire_buf_clear(&c->buf);
}

static void
end_row(struct csv_out *c)
{
	wire_buf_adds(&c->buf, c->eol);
	if (c->buf.len >= (1u << 16))
		flush_out(c);
}

static void
put_cell(struct csv_out *c, size_t i, const char *s, size_t len, unsigned flags)
{
	if (i > 0)
		wire_buf_addc(&c->buf, ',');
	if (len > WIRE_CSV_SPREADSHEET_CELL_MAX &&
	    wire_utf8_count(s, len) > WIRE_CSV_SPREADSHEET_CELL_MAX)
		c->long_cells++;
	wire_csv_cell(s, len, flags, &c->buf);
}

/* Maps the -c list onto the input's columns; all columns without it. */
static void
choose_columns(struct csv_out *c, const struct wire_reader *r, char *list)
{
	char *name;
	int col;

	c->npick = 0;
	if (!list) {
		c->pick = wire_xreallocarray(NULL, r->ncols, sizeof *c->pick);
		for (c->npick = 0; c->npick < r->ncols; c->npick++)
			c->pick[c->npick] = c->npick;
		return;
	}
	c->pick = wire_xreallocarray(NULL, strlen(list) + 1, sizeof *c->pick);
	for (name = strtok(list, ","); name; name = strtok(NULL, ",")) {
		col = wire_reader_col(r, name);
		if (col < 0)
			wire_die_at(r->name, 1, "no column '%s' in header", name);
		c->pick[c->npick++] = (size_t)col;
	}
	if (c->npick == 0)
		wire_usage_error("--columns needs at least one column name");
}

static void
write_header(struct csv_out *c, const struct wire_reader *r)
{
	size_t i;
	const char *n;

	for (i = 0; i < c->npick; i++) {
		n = r->colnames[c->pick[i]];
		/* A header is never a formula, but it may need quoting. */
		put_cell(c, i, n, strlen(n), 0);
	}
	end_row(c);
}

static void
convert(struct csv_out *c, struct wire_reader *r)
{
	size_t i, len;
	const char *s;

	while (wire_reader_next(r)) {
		for (i = 0; i < c->npick; i++) {
			s = wire_field(r, (int)c->pick[i], &len);
			put_cell(c, i, s, len, c->flags);
		}
		end_row(c);
	}
}

static void
parse_options(int argc, char **argv, struct options *o)
{
	int ch;

	memset(o, 0, sizeof *o);
	o->header = o->crlf = true;
	while ((ch = getopt_long(argc, argv, "c:o:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c': o->columns = optarg; break;
		case 'o': o->output = optarg; break;
		case OPT_NO_HEADER: o->header = false; break;
		case OPT_BOM: o->bom = true; break;
		case OPT_LF: o->crlf = false; break;
		case OPT_GUARD: o->flags |= WIRE_CSV_GUARD; break;
		case OPT_EXCEL:
			o->bom = o->crlf = true;
			o->flags |= WIRE_CSV_GUARD;
			break;
		default: wire_common_option(ch, usage);
		}
	}
}

static FILE *
open_output(const char *path)
{
	FILE *fp;

	if (!path || strcmp(path, "-") == 0)
		return stdout;
	if (!(fp = fopen(path, "w")))
		wire_die("%s: %s", path, strerror(errno));
	return fp;
}

static void
close_output(struct csv_out *c)
{
	flush_out(c);
	if (c->fp == stdout)
		return;
	errno = 0;
	if (fflush(c->fp) != 0 || ferror(c->fp) || fclose(c->fp) != 0)
		wire_write_error(c->name);
}

int
main(int argc, char **argv)
{
	struct options o;
	struct csv_out c = {0};
	struct wire_reader first, r;
	int i;

	wire_init(argv[0]);
	parse_options(argc, argv, &o);
	c.fp = open_output(o.output);
	c.name = o.output && strcmp(o.output, "-") ? o.output : "standard output";
	c.eol = o.crlf ? "\r\n" : "\n";
	c.flags = o.flags;

	wire_reader_open(&first, optind < argc ? argv[optind] : NULL);
	choose_columns(&c, &first, o.columns);
	if (o.bom)
		wire_buf_adds(&c.buf, "\xEF\xBB\xBF");
	if (o.header)
		write_header(&c, &first);
	convert(&c, &first);
	for (i = optind + 1; i < argc; i++) {
		wire_reader_open(&r, argv[i]);
		if (!wire_reader_same_header(&first, &r))
			wire_die_at(r.name, 1, "header differs from that of %s",
			            first.name);
		convert(&c, &r);
		wire_reader_close(&r);
	}
	wire_reader_close(&first);
	close_output(&c);
	if (c.long_cells)
		wire_warn("%lu cell%s longer than %d characters: spreadsheets "
		          "will cut %s", c.long_cells, c.long_cells == 1 ? "" : "s",
		          WIRE_CSV_SPREADSHEET_CELL_MAX,
		          c.long_cells == 1 ? "it" : "them");
	free(c.pick);
	wire_buf_free(&c.buf);
	wire_close_stdout();
	return 0;
}
