/*
 * wire-clean - from scraped article text to clean, classified paragraphs
 * with the article's metadata.  See wire-clean(1).
 *
 * The work is in lib/clean*.c (the cleaner, its classifier and metadata
 * parsers); this file reads articles (files, stdin or a stream with doc
 * and text columns) and writes one row per paragraph.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "wire.h"

static const char usage[] =
    "Usage: wire-clean [OPTION]... [FILE]...\n"
    "Turn scraped news articles into clean paragraphs with metadata.\n"
    "Each FILE is one article (doc = file name without extension); with no\n"
    "FILE, or when FILE is -, standard input is one article.\n"
    "Writes: doc title date byline source par kind text.\n"
    "\n"
    "  -s, --stream            read a stream with doc and text columns, one\n"
    "                          article per row; other columns pass through\n"
    "  -i, --id NAME           doc of the article read from standard input\n"
    "                          (default: stdin)\n"
    "  -p, --patterns FILE     more boilerplate patterns (PCRE2, one a line)\n"
    "  -b, --keep-boilerplate  also write dropped paragraphs, kind boilerplate\n"
    "  -q, --quiet             no warnings about repaired or empty articles\n"
    "  -h, --help              show this help and exit\n"
    "      --version           show the version and exit\n";

static const struct option longopts[] = {
	{"stream", no_argument, NULL, 's'},
	{"id", required_argument, NULL, 'i'},
	{"patterns", required_argument, NULL, 'p'},
	{"keep-boilerplate", no_argument, NULL, 'b'},
	{"quiet", no_argument, NULL, 'q'},
	WIRE_COMMON_LONGOPTS,
	{NULL, 0, NULL, 0}
};

struct opts {
	bool stream, keep, quiet;
	const char *id;
};

/* Output columns; -1 = keep the input's value (stream mode, when the
 * input carries its own title, date...). */
enum { C_DOC, C_TITLE, C_DATE, C_BYLINE, C_SOURCE, C_PAR, C_KIND, C_TEXT, NCOLS };
static const char *const colnames[NCOLS] = {
	"doc", "title", "date", "byline", "source", "par", "kind", "text"
};

struct run {
	struct opts o;
	struct wire_clean *c;
	struct wire_writer w;
	struct wire_out out;
	int col[NCOLS];
	int incol[NCOLS]; /* input column of each name (stream mode), or -1 */
	struct wire_reader *r; /* stream mode: the current reader */
};

static void
set_meta_col(struct run *rn, int k, const struct wire_buf *v)
{
	size_t len;

	/* a non-empty value the stream already has wins over a guess */
	if (rn->r && rn->incol[k] >= 0) {
		wire_field(rn->r, rn->incol[k], &len);
		if (len > 0)
			return;
	}
	wire_out_set(&rn->out, rn->col[k], v->data ? v->data : "", v->len);
}

/* The decimal digits of N into BUF (at least 20 bytes), not terminated:
 * snprintf for every row's par column cost more than all else written. */
static size_t
format_ulong(char *buf, size_t n)
{
	char tmp[20];
	size_t len = 0, i;

	do
		tmp[len++] = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	for (i = 0; i < len; i++)
		buf[i] = tmp[len - 1 - i];
	return len;
}

/* The columns every row of the article repeats: set and escaped once. */
static const int doc_cols[] = {C_DOC, C_TITLE, C_DATE, C_BYLINE, C_SOURCE};

static void
hold_doc_cols(struct run *rn, const char *doc, size_t doclen, bool hold)
{
	const struct wire_clean_meta *m = wire_clean_meta(rn->c);
	size_t k;

	if (hold) {
		if (doc)
			wire_out_set(&rn->out, rn->col[C_DOC], doc, doclen);
		set_meta_col(rn, C_TITLE, &m->title);
		set_meta_col(rn, C_DATE, &m->date);
		set_meta_col(rn, C_BYLINE, &m->byline);
		set_meta_col(rn, C_SOURCE, &m->source);
	}
	for (k = 0; k < sizeof doc_cols / sizeof doc_cols[0]; k++)
		wire_out_hold(&rn->out, rn->col[doc_cols[k]], hold);
}

/* Writes the paragraphs of the article just cleaned.  Returns how many. */
static size_t
write_article(struct run *rn, const char *doc, size_t doclen)
{
	size_t i, n = wire_clean_count(rn->c), par = 0;

	hold_doc_cols(rn, doc, doclen, true);
	/* every row repeats the article's columns: written once */
	wire_out_freeze(&rn->out, rn->r ? &rn->r->row : NULL);
	for (i = 0; i < n; i++) {
		int kind = wire_clean_kind(rn->c, i);
		size_t len;
		const char *text;
		char num[20];

		if (kind == WIRE_CLEAN_BOILERPLATE && !rn->o.keep)
			continue;
		text = wire_clean_text(rn->c, i, &len);
		/* escaped straight into the output: most of it is text */
		wire_out_set_ref(&rn->out, rn->col[C_PAR], num, format_ulong(num, ++par));
		wire_out_set_ref(&rn->out, rn->col[C_KIND], wire_clean_kind_name(kind),
		                 strlen(wire_clean_kind_name(kind)));
		wire_out_set_ref(&rn->out, rn->col[C_TEXT], text, len);
		wire_out_row(&rn->out, rn->r ? &rn->r->row : NULL);
	}
	wire_out_thaw(&rn->out);
	hold_doc_cols(rn, NULL, 0, false);
	return par;
}

static void
report(const struct run *rn, const char *name, unsigned long line,
       size_t repaired, size_t written)
{
	if (rn->o.quiet)
		return;
	if (repaired > 0)
		wire_warn_at(name, line, "%zu invalid UTF-8 sequence%s replaced",
		             repaired, repaired == 1 ? "" : "s");
	if (written == 0)
		wire_warn_at(name, line, "no article text found");
}

static void
clean_file(struct run *rn, const char *path, struct wire_buf *in,
           struct wire_buf *doc)
{
	bool is_stdin = strcmp(path, "-") == 0;
	FILE *fp = is_stdin ? stdin : fopen(path, "rb");
	const char *name = is_stdin ? "<stdin>" : path;
	size_t repaired, written;

	if (!fp)
		wire_die("%s: %s", path, strerror(errno));
	wire_buf_clear(in);
	if (wire_read_all(fp, in) != 0)
		wire_die("%s: %s", name, strerror(errno));
	if (!is_stdin)
		fclose(fp);
	else
		clearerr(stdin);
	if (is_stdin) {
		wire_buf_clear(doc);
		wire_buf_adds(doc, rn->o.id ? rn->o.id : "stdin");
	} else {
		wire_doc_id(path, doc);
	}
	repaired = wire_clean_run(rn->c, in->data ? in->data : "", in->len);
	written = write_article(rn, doc->data, doc->len);
	report(rn, name, 0, repaired, written);
}

static void
raw_mode(struct run *rn, int argc, char **argv)
{
	struct wire_buf in = {0}, doc = {0};
	int k, i;

	wire_out_init(&rn->out, &rn->w, NULL);
	for (k = 0; k < NCOLS; k++) {
		rn->col[k] = wire_out_add(&rn->out, colnames[k]);
		rn->incol[k] = -1;
	}
	wire_out_header(&rn->out);
	if (argc == 0)
		clean_file(rn, "-", &in, &doc);
	for (i = 0; i < argc; i++)
		clean_file(rn, argv[i], &in, &doc);
	wire_buf_free(&in);
	wire_buf_free(&doc);
}

static void
stream_file(struct run *rn, struct wire_reader *r, int doccol, int textcol)
{
	size_t len, written;
	const char *text;

	rn->r = r;
	/* the text is unescaped as it is normalised */
	wire_reader_defer(r, textcol);
	while (wire_reader_next(r)) {
		text = wire_field_raw(r, textcol, &len);
		if (!wire_clean_run_escaped(rn->c, text, len)) {
			/* a bad escape: wire_field reports it (the reader
			 * rejects invalid UTF-8, so nothing is repaired) */
			text = wire_field(r, textcol, &len);
			(void)wire_clean_run(rn->c, text, len);
		}
		written = write_article(rn, NULL, 0);
		if (!rn->o.quiet && written == 0) {
			const char *doc = wire_field(r, doccol, NULL);

			wire_warn_at(r->name, r->lineno, "%s: no article text found", doc);
		}
	}
	rn->r = NULL;
}

static void
stream_mode(struct run *rn, int argc, char **argv)
{
	struct wire_reader first, next;
	int k, i, doccol, textcol;

	wire_reader_open(&first, argc > 0 ? argv[0] : NULL);
	doccol = wire_reader_require(&first, "doc");
	textcol = wire_reader_require(&first, "text");
	wire_out_init(&rn->out, &rn->w, &first);
	for (k = 0; k < NCOLS; k++) {
		rn->incol[k] = wire_reader_col(&first, colnames[k]);
		rn->col[k] = wire_out_add(&rn->out, colnames[k]);
	}
	rn->incol[C_DOC] = rn->incol[C_TEXT] = -1;
	wire_out_header(&rn->out);
	stream_file(rn, &first, doccol, textcol);
	for (i = 1; i < argc; i++) {
		wire_reader_open(&next, argv[i]);
		if (!wire_reader_same_header(&first, &next))
			wire_die_at(next.name, 1, "header differs from that of %s",
			            first.name);
		stream_file(rn, &next, doccol, textcol);
		wire_reader_close(&next);
	}
	wire_reader_close(&first);
}

int
main(int argc, char **argv)
{
	struct run rn;
	const char *patterns[64];
	size_t npatterns = 0, i;
	int opt;

	wire_init(argv[0]);
	memset(&rn, 0, sizeof rn);
	while ((opt = getopt_long(argc, argv, "si:p:bqh", longopts, NULL)) != -1) {
		switch (opt) {
		case 's':
			rn.o.stream = true;
			break;
		case 'i':
			rn.o.id = optarg;
			break;
		case 'p':
			if (npatterns == sizeof patterns / sizeof patterns[0])
				wire_usage_error("too many --patterns files");
			patterns[npatterns++] = optarg;
			break;
		case 'b':
			rn.o.keep = true;
			break;
		case 'q':
			rn.o.quiet = true;
			break;
		default:
			wire_common_option(opt, usage);
		}
	}
	argc -= optind;
	argv += optind;
	if (rn.o.stream && rn.o.id)
		wire_usage_error("--id names a raw article on standard input, not a stream");

	rn.c = wire_clean_new();
	for (i = 0; i < npatterns; i++)
		wire_clean_add_patterns(rn.c, patterns[i]);
	wire_writer_init(&rn.w, stdout);
	if (rn.o.stream)
		stream_mode(&rn, argc, argv);
	else
		raw_mode(&rn, argc, argv);
	wire_writer_finish(&rn.w);
	wire_out_free(&rn.out);
	wire_clean_free(rn.c);
	wire_close_stdout();
	return 0;
}
