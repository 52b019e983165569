/*
 * wire-split-sentences - one row (or line) per sentence.
 *
 * Stream mode: each row's `text` is split; one row per sentence, `text`
 * replaced by the sentence, `sent` numbering the sentences of a document
 * (contiguous rows with one `doc` value).  --plain: plain text in, one
 * sentence per line out.  The splitting itself is lib/sentence.c.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "wire.h"

static const char usage[] =
	"Usage: wire-split-sentences [OPTION]... [FILE]...\n"
	"Split the `text` of each row of a wire stream into sentences: one row\n"
	"per sentence, with `sent` numbering the sentences of each document.\n"
	"\n"
	"  -p, --plain              read plain text (blank line between\n"
	"                           paragraphs), write one sentence per line\n"
	"  -O, --offsets            with --plain: write START<TAB>END<TAB>sentence,\n"
	"                           code point offsets within the paragraph\n"
	"  -a, --abbreviations=FILE add the abbreviations in FILE (one per line,\n"
	"                           optionally followed by nonfinal, final or\n"
	"                           number; nonfinal when absent); repeatable\n"
	"  -h, --help               show this help and exit\n"
	"      --version            show the version and exit\n"
	"\n"
	"With no FILE, or when FILE is -, read standard input.\n";

/* ---- plain text ---- */

struct plain {
	const struct wire_splitter *sp;
	bool offsets;
	bool any;            /* a sentence has been written */
	bool need_sep;       /* a blank line is due before the next sentence */
	struct wire_buf par; /* the paragraph, line ends made spaces */
	const char *text;
	size_t cp_pos, cp_at; /* code point count up to byte cp_at */
};

/* Code points of text[0, byte), counted on from the last call (sentences
 * come in order, so the whole paragraph is counted once).  A byte starts
 * a code point unless it is 10xxxxxx; eight bytes are counted at a time
 * (this was most of --offsets' run time). */
static size_t cp_upto(struct plain *pl, size_t byte)
{
	const unsigned char *u = (const unsigned char *)pl->text;
	size_t i = pl->cp_at, n = pl->cp_pos;

	for (; i + 8 <= byte; i += 8) {
		uint64_t w;

		memcpy(&w, u + i, 8);
		n += 8 - (size_t)__builtin_popcountll(w & ~(w << 1) &
		                                      0x8080808080808080ull);
	}
	for (; i < byte; i++)
		if ((u[i] & 0xC0) != 0x80)
			n++;
	pl->cp_at = i;
	pl->cp_pos = n;
	return n;
}

/* Writes V in decimal and then C into P, which has room; returns the end.
 * By hand: printf per sentence was a third of --offsets' run time. */
static char *put_count(char *p, size_t v, char c)
{
	char num[24], *q = num + sizeof num;

	do
		*--q = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	memcpy(p, q, (size_t)(num + sizeof num - q));
	p += num + sizeof num - q;
	*p++ = c;
	return p;
}

static int plain_sentence(void *ctx, size_t start, size_t end)
{
	struct plain *pl = ctx;

	if (pl->need_sep) {
		pl->need_sep = false;
		if (putchar('\n') == EOF)
			wire_write_error("standard output");
	}
	if (pl->offsets) {
		char buf[64], *p = buf;

		p = put_count(p, cp_upto(pl, start), '\t');
		p = put_count(p, cp_upto(pl, end), '\t');
		if (fwrite(buf, 1, (size_t)(p - buf), stdout) != (size_t)(p - buf))
			wire_write_error("standard output");
	}
	if (fwrite(pl->text + start, 1, end - start, stdout) != end - start ||
	    putchar('\n') == EOF)
		wire_write_error("standard output");
	return 0;
}

static void plain_paragraph(struct plain *pl)
{
	if (pl->par.len == 0)
		return;
	pl->text = pl->par.data;
	pl->cp_pos = pl->cp_at = 0;
	/* the blank line goes before a paragraph that has a sentence */
	pl->need_sep = pl->any;
	if (wire_sentences(pl->sp, pl->par.data, pl->par.len, 0,
	                   plain_sentence, pl) > 0)
		pl->any = true;
	wire_buf_clear(&pl->par);
}

static bool blank_line(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\f' &&
		    s[i] != '\v')
			return false;
	return true;
}

static void plain_file(struct plain *pl, const char *path)
{
	FILE *fp = stdin;
	const char *name = "<stdin>";
	char *line = NULL;
	size_t cap = 0, bad;
	ssize_t n;
	unsigned long lineno = 0;

	if (path && strcmp(path, "-") != 0) {
		name = path;
		if (!(fp = fopen(path, "r")))
			wire_die("%s: %s", path, strerror(errno));
	}
	while ((n = getline(&line, &cap, fp)) != -1) {
		size_t len = (size_t)n;

		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			len--;
		if (len > 0 && line[len - 1] == '\r')
			len--;
		if (blank_line(line, len)) {
			plain_paragraph(pl);
			continue;
		}
		if (!wire_utf8_valid(line, len, &bad))
			wire_die_at(name, lineno, "invalid UTF-8 at byte %zu",
			            bad + 1);
		if (pl->par.len > 0)
			wire_buf_addc(&pl->par, ' ');
		wire_buf_add(&pl->par, line, len);
	}
	/* getline failing for memory sets errno but not the error flag:
	 * only feof() tells the end of the input apart. */
	if (ferror(fp) || !feof(fp))
		wire_die("%s: %s", name, strerror(errno ? errno : EIO));
	plain_paragraph(pl);
	free(line);
	if (fp != stdin)
		fclose(fp);
}

/* ---- the stream ---- */

struct stream {
	const struct wire_splitter *sp;
	struct wire_reader *r;
	struct wire_out *o;
	int text_out, sent_out;
	const char *text;
	unsigned long sent; /* sentences so far in this document */
};

static int stream_sentence(void *ctx, size_t start, size_t end)
{
	struct stream *st = ctx;
	char num[24], *p = num + sizeof num;
	unsigned long v = ++st->sent;

	/* by hand: printf per sentence was a tenth of the run time */
	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	wire_out_set(st->o, st->text_out, st->text + start, end - start);
	wire_out_set(st->o, st->sent_out, p, (size_t)(num + sizeof num - p));
	wire_out_row(st->o, &st->r->row);
	return 0;
}

/* "body" or no kind column: split freely; headings, bylines and captions
 * are kept whole unless they end like sentences. */
static unsigned row_flags(struct wire_reader *r, int kind_col)
{
	size_t n;
	const char *kind;

	if (kind_col < 0)
		return 0;
	kind = wire_field(r, kind_col, &n);
	return (n == 4 && memcmp(kind, "body", 4) == 0) ? 0 : WIRE_SPLIT_HEADING;
}

static void stream_files(const struct wire_splitter *sp, char **paths,
                         int npaths)
{
	struct wire_reader first, cur, *r;
	struct wire_writer w;
	struct wire_out o;
	struct wire_buf doc = {0};
	struct stream st = {0};
	bool have_doc = false;
	int i = 0;

	wire_reader_open(&first, npaths > 0 ? paths[0] : NULL);
	wire_writer_init(&w, stdout);
	wire_out_init(&o, &w, &first);
	st.sp = sp;
	st.o = &o;
	st.text_out = wire_out_add(&o, "text");
	st.sent_out = wire_out_add(&o, "sent");
	wire_out_header(&o);

	r = &first;
	for (;;) {
		int text_col = wire_reader_require(r, "text");
		int doc_col = wire_reader_col(r, "doc");
		int kind_col = wire_reader_col(r, "kind");

		st.r = r;
		while (wire_reader_next(r)) {
			size_t len;

			if (doc_col >= 0) {
				size_t dl;
				const char *d = wire_field(r, doc_col, &dl);

				if (!have_doc || dl != doc.len ||
				    memcmp(d, doc.data, dl) != 0) {
					wire_buf_clear(&doc);
					wire_buf_add(&doc, d, dl);
					have_doc = true;
					st.sent = 0;
				}
			}
			st.text = wire_field(r, text_col, &len);
			wire_sentences(sp, st.text, len, row_flags(r, kind_col),
			               stream_sentence, &st);
		}
		if (r != &first)
			wire_reader_close(r);
		if (++i >= npaths)
			break;
		wire_reader_open(&cur, paths[i]);
		if (!wire_reader_same_header(&first, &cur))
			wire_die_at(cur.name, 1,
			            "header differs from that of %s", first.name);
		r = &cur;
	}
	wire_reader_close(&first);
	wire_writer_finish(&w);
	wire_out_free(&o);
	wire_buf_free(&doc);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"plain", no_argument, NULL, 'p'},
		{"offsets", no_argument, NULL, 'O'},
		{"abbreviations", required_argument, NULL, 'a'},
		WIRE_COMMON_LONGOPTS,
		{NULL, 0, NULL, 0},
	};
	struct wire_splitter *sp;
	bool plain = false, offsets = false;
	char **extra;
	int nextra = 0, c;

	wire_init(argv[0]);
	extra = wire_xcalloc((size_t)argc, sizeof *extra);
	while ((c = getopt_long(argc, argv, "pOa:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'p':
			plain = true;
			break;
		case 'O':
			offsets = true;
			break;
		case 'a':
			extra[nextra++] = optarg;
			break;
		default:
			wire_common_option(c, usage);
		}
	}
	if (offsets && !plain)
		wire_usage_error("--offsets needs --plain");

	sp = wire_splitter_new();
	wire_splitter_load_defaults(sp);
	for (int k = 0; k < nextra; k++)
		wire_splitter_load(sp, extra[k], WIRE_ABBR_NONFINAL);

	if (plain) {
		struct plain pl = {0};
		static char obuf[1 << 16];

		setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
		pl.sp = sp;
		pl.offsets = offsets;
		if (optind >= argc)
			plain_file(&pl, NULL);
		for (int k = optind; k < argc; k++)
			plain_file(&pl, argv[k]);
		wire_buf_free(&pl.par);
	} else {
		stream_files(sp, argv + optind, argc - optind);
	}
	wire_splitter_free(sp);
	free(extra);
	wire_close_stdout();
	return 0;
}
