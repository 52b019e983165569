/*
 * wire-extract-quotes - one row per quotation, with its speaker and cue,
 * from the sentence stream with entities.  See wire-extract-quotes(1).
 *
 * The finder is lib/quote.c; this file buffers one document at a time,
 * hands its sentences and entity spans to it and writes the rows.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "wire.h"

static const char usage[] =
    "Usage: wire-extract-quotes [OPTION]... [FILE]...\n"
    "Find the quotations in a sentence stream with entities (the output of\n"
    "wire-tag-entities) and write one row per quotation: the document's\n"
    "columns, then par sent quote speaker speaker_mention cue type content\n"
    "(content: the reported clause that holds a partial quote, marks kept;\n"
    "the quote itself for direct and indirect ones).\n"
    "Reads standard input when there is no FILE or FILE is -.\n"
    "\n"
    "  -t, --types LIST   quotation types to write, comma-separated:\n"
    "                     direct, partial, indirect (default: all three)\n"
    "      --cues FILE    more cue verbs, one a line (added to the defaults)\n"
    "  -h, --help         show this help and exit\n"
    "      --version      show the version and exit\n";

enum { OPT_CUES = 0x100 };

static const struct option longopts[] = {
	{"types", required_argument, NULL, 't'},
	{"cues", required_argument, NULL, OPT_CUES},
	WIRE_COMMON_LONGOPTS,
	{NULL, 0, NULL, 0}
};

static const char *const type_names[] = {"", "direct", "partial", "", "indirect"};

/* Input columns, -1 when absent. */
struct incols {
	int doc, par, sent, kind, text, ents;
};

/* Output columns. */
struct outcols {
	int par, sent, quote, speaker, mention, cue, type, content;
};

/* One document's sentences, in buffers reused from document to document. */
struct docbuf {
	struct wire_doc d;
	struct wire_buf text;     /* unescaped texts, back to back */
	size_t *toff;
	struct wire_span *spans;    /* the document's spans */
	size_t nspans, spancap;
	struct wire_span *row;      /* one row's spans */
	size_t rowcap;
	size_t *soff;
	struct wire_quote_sent *s;
	size_t cap;
	struct wire_buf scratch;
};

static unsigned
parse_types(const char *list)
{
	unsigned mask = 0;
	const char *p = list, *e;
	size_t n;

	while (*p) {
		e = strchr(p, ',');
		n = e ? (size_t)(e - p) : strlen(p);
		if (n == 6 && strncmp(p, "direct", 6) == 0)
			mask |= WIRE_QUOTE_DIRECT;
		else if (n == 7 && strncmp(p, "partial", 7) == 0)
			mask |= WIRE_QUOTE_PARTIAL;
		else if (n == 8 && strncmp(p, "indirect", 8) == 0)
			mask |= WIRE_QUOTE_INDIRECT;
		else
			wire_usage_error("unknown quotation type '%.*s' in --types "
			                 "(direct, partial, indirect)", (int)n, p);
		p += n;
		if (*p == ',')
			p++;
	}
	if (!mask)
		wire_usage_error("--types needs at least one of direct, partial, indirect");
	return mask;
}

static void
grow(struct docbuf *b, size_t n)
{
	if (n <= b->cap)
		return;
	b->cap = n;
	b->toff = wire_xreallocarray(b->toff, n + 1, sizeof *b->toff);
	b->soff = wire_xreallocarray(b->soff, n + 1, sizeof *b->soff);
	b->s = wire_xreallocarray(b->s, n, sizeof *b->s);
}

static unsigned long
number_field(struct wire_reader *r, const struct wire_doc *d, size_t row,
             int col, const char *name)
{
	const char *raw = d->rows[row].raw[col];
	char *end;
	unsigned long v;

	v = strtoul(raw, &end, 10);
	if (end == raw || *end != '\0' || *raw == '-' || *raw == '+')
		wire_die_at(r->name, d->lineno[row], "%s is not a number: '%s'", name,
		            raw);
	return v;
}

static bool
is_heading(const struct wire_doc *d, size_t row, int col)
{
	const char *k;

	if (col < 0)
		return false;
	k = d->rows[row].raw[col];
	return strcmp(k, "heading") == 0 || strcmp(k, "boilerplate") == 0;
}

/* Unescapes the document's texts and parses its entities into B->s. */
static void
load_doc(struct docbuf *b, struct wire_reader *r, const struct incols *c)
{
	struct wire_doc *d = &b->d;
	size_t i, k, ncp, bad;
	long n;
	const char *e;
	size_t elen;

	grow(b, d->nrows);
	wire_buf_clear(&b->text);
	b->nspans = 0;
	for (i = 0; i < d->nrows; i++) {
		b->toff[i] = b->text.len;
		if (wire_unescape(d->rows[i].raw[c->text], d->rows[i].rawlen[c->text],
		                  &b->text, &bad) < 0)
			wire_die_at(r->name, d->lineno[i], "bad escape in text");
		e = wire_doc_field(d, i, c->ents, &b->scratch);
		elen = b->scratch.len;
		b->soff[i] = b->nspans;
		n = wire_entities_parse(e, elen, &b->row, &b->rowcap);
		if (n < 0)
			wire_die_at(r->name, d->lineno[i],
			            "bad entities value (want START:END:TYPE:ID ...)");
		ncp = n ? wire_utf8_count(b->text.data + b->toff[i],
		                          b->text.len - b->toff[i]) : 0;
		for (k = 0; k < (size_t)n; k++)
			if (b->row[k].end > ncp)
				wire_die_at(r->name, d->lineno[i],
				            "entity %zu:%zu is past the end of the text",
				            b->row[k].start, b->row[k].end);
		if (b->nspans + (size_t)n > b->spancap) {
			b->spancap = 2 * (b->nspans + (size_t)n);
			b->spans = wire_xreallocarray(b->spans, b->spancap,
			                              sizeof *b->spans);
		}
		if (n > 0)
			memcpy(b->spans + b->nspans, b->row, (size_t)n * sizeof *b->row);
		b->nspans += (size_t)n;
	}
	b->toff[d->nrows] = b->text.len;
	b->soff[d->nrows] = b->nspans;
	for (i = 0; i < d->nrows; i++) {
		struct wire_quote_sent *s = &b->s[i];

		s->text = b->text.data ? b->text.data + b->toff[i] : "";
		s->len = b->toff[i + 1] - b->toff[i];
		s->spans = b->spans + b->soff[i];
		s->nspans = b->soff[i + 1] - b->soff[i];
		s->par = c->par >= 0 ? number_field(r, d, i, c->par, "par") : 1;
		s->sent = c->sent >= 0 ? number_field(r, d, i, c->sent, "sent") : i + 1;
		s->heading = is_heading(d, i, c->kind);
	}
}

static void
write_quotes(struct wire_out *o, const struct outcols *oc, const struct docbuf *b,
             const struct wire_quote *q, size_t n, bool own_par, bool own_sent)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (own_par)
			wire_out_set_ulong(o, oc->par, q[i].par);
		if (own_sent)
			wire_out_set_ulong(o, oc->sent, q[i].sent);
		wire_out_set(o, oc->quote, q[i].quote, q[i].quote_len);
		wire_out_set(o, oc->speaker, q[i].speaker, q[i].speaker_len);
		wire_out_set(o, oc->mention, q[i].mention, q[i].mention_len);
		wire_out_set(o, oc->cue, q[i].cue, q[i].cue_len);
		wire_out_set_str(o, oc->type, type_names[q[i].type]);
		wire_out_set(o, oc->content, q[i].content, q[i].content_len);
		wire_out_row(o, &b->d.rows[q[i].first]);
	}
}

int
main(int argc, char **argv)
{
	struct wire_quoter *qr;
	struct wire_reader first, other, *r;
	struct wire_writer w;
	struct wire_out o;
	struct incols ic;
	struct outcols oc;
	struct docbuf b;
	const struct wire_quote *q;
	unsigned types = WIRE_QUOTE_DIRECT | WIRE_QUOTE_PARTIAL | WIRE_QUOTE_INDIRECT;
	const char **cues = NULL;
	size_t ncues = 0, i, n;
	int c, f, nfiles;
	char **files, *stdin_only[] = {"-"};
	bool own_par, own_sent;

	wire_init(argv[0]);
	cues = wire_xcalloc((size_t)argc, sizeof *cues);
	while ((c = getopt_long(argc, argv, "t:h", longopts, NULL)) != -1) {
		switch (c) {
		case 't':
			types = parse_types(optarg);
			break;
		case OPT_CUES:
			cues[ncues++] = optarg;
			break;
		default:
			wire_common_option(c, usage);
		}
	}
	files = optind < argc ? argv + optind : stdin_only;
	nfiles = optind < argc ? argc - optind : 1;

	qr = wire_quoter_new();
	wire_quoter_load_defaults(qr);
	for (i = 0; i < ncues; i++)
		wire_quoter_load(qr, WIRE_QL_CUES, cues[i]);

	memset(&b, 0, sizeof b);
	wire_reader_open(&first, files[0]);
	ic.text = wire_reader_require(&first, "text");
	ic.ents = wire_reader_require(&first, "entities");
	ic.doc = wire_reader_col(&first, "doc");
	ic.par = wire_reader_col(&first, "par");
	ic.sent = wire_reader_col(&first, "sent");
	ic.kind = wire_reader_col(&first, "kind");
	own_par = ic.par < 0;
	own_sent = ic.sent < 0;

	wire_writer_init(&w, stdout);
	wire_out_init(&o, &w, &first);
	wire_out_drop(&o, "text");
	wire_out_drop(&o, "entities");
	wire_out_drop(&o, "kind");
	oc.par = wire_out_add(&o, "par");
	oc.sent = wire_out_add(&o, "sent");
	oc.quote = wire_out_add(&o, "quote");
	oc.speaker = wire_out_add(&o, "speaker");
	oc.mention = wire_out_add(&o, "speaker_mention");
	oc.cue = wire_out_add(&o, "cue");
	oc.type = wire_out_add(&o, "type");
	oc.content = wire_out_add(&o, "content");
	wire_out_header(&o);

	for (f = 0; f < nfiles; f++) {
		r = &first;
		if (f > 0) {
			r = &other;
			wire_reader_open(r, files[f]);
			if (!wire_reader_same_header(&first, r))
				wire_die_at(r->name, 1, "header differs from that of %s",
				            first.name);
		}
		while (wire_doc_read(&b.d, r, ic.doc)) {
			load_doc(&b, r, &ic);
			n = wire_quotes_find(qr, b.s, b.d.nrows, types, &q);
			write_quotes(&o, &oc, &b, q, n, own_par, own_sent);
		}
		if (f > 0)
			wire_reader_close(r);
	}
	wire_reader_close(&first);
	wire_writer_finish(&w);
	wire_out_free(&o);
	wire_doc_free(&b.d);
	wire_buf_free(&b.text);
	wire_buf_free(&b.scratch);
	free(b.toff);
	free(b.soff);
	free(b.spans);
	free(b.row);
	free(b.s);
	free(cues);
	wire_quoter_free(qr);
	wire_close_stdout();
	return 0;
}
