/*
 * wire-tag-entities - named entities in the `text` of a wire stream.
 *
 * PER, ORG, LOC and MISC come from the statistical tagger (lib/ner.c),
 * DATE, TIME, MONEY, PERCENT and QUANTITY from the rules of lib/timex.c;
 * where the two overlap the model's span wins.  A document (contiguous
 * rows with one `doc` value; each row when there is no `doc` column) is
 * tagged as a whole because the tagger looks at how a word is written
 * elsewhere in the document, and lib/linker.c then gives every mention
 * of one entity the same id and canonical name.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "wire.h"

static const char usage[] =
	"Usage: wire-tag-entities [OPTION]... [FILE]...\n"
	"Find the named entities in the `text` of each row of a wire stream and\n"
	"add them as `entities`: START:END:TYPE:ID spans in code points.\n"
	"\n"
	"  -m, --model=FILE         the tagger model (default: models/ner.model)\n"
	"  -M, --mentions           one row per mention: the row's columns, then\n"
	"                           type, start, end, mention, name, id\n"
	"      --inline             write each text with the entities marked,\n"
	"                           [PER Sergei Lavrov], one text a line\n"
	"  -p, --plain              read plain text (blank line between\n"
	"                           paragraphs; each file one document)\n"
	"  -R, --no-rules           PER/ORG/LOC/MISC only: no DATE, TIME, MONEY,\n"
	"                           PERCENT or QUANTITY\n"
	"\n"
	"Training (see wire-tag-entities(1)):\n"
	"      --train=FILE         train a model on CoNLL-2003 FILE, write it to\n"
	"                           --output\n"
	"      --clusters=FILE      word clusters to train with (as written by\n"
	"                           --build-clusters)\n"
	"      --epochs=N           training passes (default 16)\n"
	"      --bits=N             feature table of 2^N rows (default 20)\n"
	"      --build-clusters     cluster the words of the FILEs, write the\n"
	"                           table to --output\n"
	"  -o, --output=FILE        where --train and --build-clusters write\n"
	"  -v, --verbose            report training progress on stderr\n"
	"  -h, --help               show this help and exit\n"
	"      --version            show the version and exit\n"
	"\n"
	"With no FILE, or when FILE is -, read standard input.\n";

enum { OPT_TRAIN = 0x2000, OPT_CLUSTERS, OPT_EPOCHS, OPT_BUILD, OPT_BITS, OPT_INLINE };
enum mode { MODE_COLUMN, MODE_MENTIONS, MODE_INLINE };

struct tagger {
	enum mode mode;
	bool plain, rules;
	struct wire_ner *ner;
	struct wire_timex *tx;
	struct wire_linker *lk;
	struct wire_ner_doc *doc;
	/* spans of the document: all rows, row I from span0[I] */
	struct wire_span *span;
	size_t nspan, spancap;
	size_t *span0;
	size_t span0cap;
	int *lkidx; /* linker mention of each span */
	size_t *nameoff; /* canonical name of each span in names */
	struct wire_buf names;
	size_t lkcap;
	struct wire_span *tmp;
	size_t ntmp, tmpcap;
	struct wire_buf field;
	/* output */
	struct wire_writer w;
	struct wire_out o;
	int col_entities, col_type, col_start, col_end, col_mention, col_name,
	    col_id, col_doc, col_par, col_text;
	bool header_done;
};

/* ---- spans of one text ---- */

/* Byte offsets of code point offsets that come in increasing order, so
 * that a long text is walked once, not once per span. */
struct cursor {
	const char *text;
	size_t len, byte, cp;
};

static void
cursor_init(struct cursor *c, const char *text, size_t len)
{
	c->text = text;
	c->len = len;
	c->byte = c->cp = 0;
}

static size_t
cursor_byte(struct cursor *c, size_t cp)
{
	const unsigned char *u = (const unsigned char *)c->text;

	if (cp < c->cp)
		c->byte = c->cp = 0;
	while (c->cp < cp && c->byte < c->len) {
		c->byte++;
		while (c->byte < c->len && (u[c->byte] & 0xC0) == 0x80)
			c->byte++;
		c->cp++;
	}
	return c->byte;
}

/* Code point offsets of byte offsets: M (sorted by start) into spans. */
static void
mentions_to_spans(struct tagger *tg, const char *text, size_t len,
                  const struct wire_ner_mention *m, size_t n)
{
	size_t i, at = 0, cp = 0;
	const unsigned char *u = (const unsigned char *)text;

	for (i = 0; i < n; i++) {
		struct wire_span *s;
		for (; at < m[i].start && at < len; at++)
			cp += (u[at] & 0xC0) != 0x80;
		if (tg->ntmp == tg->tmpcap) {
			tg->tmpcap = tg->tmpcap ? tg->tmpcap * 2 : 64;
			tg->tmp = wire_xreallocarray(tg->tmp, tg->tmpcap,
			                             sizeof *tg->tmp);
		}
		s = &tg->tmp[tg->ntmp++];
		s->start = cp;
		s->end = cp + wire_utf8_count(text + m[i].start,
		                              m[i].end - m[i].start);
		s->type = m[i].type;
		s->id = 0;
	}
}

static void
push_span(struct tagger *tg, const struct wire_span *s)
{
	if (tg->nspan == tg->spancap) {
		tg->spancap = tg->spancap ? tg->spancap * 2 : 256;
		tg->span = wire_xreallocarray(tg->span, tg->spancap,
		                              sizeof *tg->span);
	}
	tg->span[tg->nspan++] = *s;
}

static bool
overlap(const struct wire_span *a, const struct wire_span *b)
{
	return a->start < b->end && b->start < a->end;
}

/* The model's spans (tmp[0, nner)) merged with the rule spans
 * (tmp[nner, ntmp)), both in text order.  Where they overlap the longer
 * wins, the model's on a tie: "6:29 AM PT" is a TIME although the model
 * sees an ORG in "AM PT", "the 1996 World Cup" stays MISC. */
static void
merge_spans(struct tagger *tg, size_t nner)
{
	size_t i, j, lo = 0;

	/* both lists are in text order and free of overlaps, so the model
	 * spans a rule span can meet start at lo and are few */
	for (j = nner; j < tg->ntmp; j++) {
		struct wire_span *r = &tg->tmp[j];
		bool longer = true;
		while (lo < nner && tg->tmp[lo].end <= r->start)
			lo++;
		for (i = lo; i < nner && tg->tmp[i].start < r->end; i++)
			if (tg->tmp[i].type >= 0 && overlap(r, &tg->tmp[i]) &&
			    tg->tmp[i].end - tg->tmp[i].start >= r->end - r->start)
				longer = false;
		if (!longer) {
			r->type = -1;
			continue;
		}
		for (i = lo; i < nner && tg->tmp[i].start < r->end; i++)
			if (overlap(r, &tg->tmp[i]))
				tg->tmp[i].type = -1;
	}
	i = 0;
	j = nner;
	for (;;) {
		while (i < nner && tg->tmp[i].type < 0)
			i++;
		while (j < tg->ntmp && tg->tmp[j].type < 0)
			j++;
		if (i == nner && j == tg->ntmp)
			break;
		if (j == tg->ntmp ||
		    (i < nner && tg->tmp[i].start <= tg->tmp[j].start))
			push_span(tg, &tg->tmp[i++]);
		else
			push_span(tg, &tg->tmp[j++]);
	}
}

static void
grow_span0(struct tagger *tg, size_t n)
{
	if (n > tg->span0cap) {
		tg->span0cap = n * 2;
		tg->span0 = wire_xreallocarray(tg->span0, tg->span0cap,
		                               sizeof *tg->span0);
	}
}

static void link_document(struct tagger *tg, size_t ntext);

/* Tags the NTEXT texts added to tg->doc: spans of text I are
 * span[span0[I], span0[I + 1]), with their entity ids. */
static void
tag_document(struct tagger *tg, size_t ntext)
{
	size_t i;

	wire_ner_tag(tg->ner, tg->doc);
	grow_span0(tg, ntext + 1);
	tg->nspan = 0;
	for (i = 0; i < ntext; i++) {
		const struct wire_ner_mention *m;
		size_t len, nm = wire_ner_mentions(tg->doc, i, &m);
		const char *text = wire_ner_doc_text(tg->doc, i, &len);

		tg->span0[i] = tg->nspan;
		tg->ntmp = 0;
		mentions_to_spans(tg, text, len, m, nm);
		if (tg->rules)
			wire_timex_find(tg->tx, text, len, &tg->tmp, &tg->ntmp,
			                &tg->tmpcap);
		merge_spans(tg, nm);
	}
	tg->span0[ntext] = tg->nspan;
	link_document(tg, ntext);
}

/* Resolves the mentions added since the last reset, spans [W0, W1):
 * their ids (after the BASE ids of earlier windows), the entity's type
 * (the linker may know a lone surname the model typed ORG or MISC for
 * the person it is) and canonical name. */
static void
link_window(struct tagger *tg, size_t w0, size_t w1, int *base)
{
	size_t k;

	wire_linker_resolve(tg->lk);
	for (k = w0; k < w1; k++) {
		int id = wire_linker_id(tg->lk, tg->lkidx[k]);
		tg->span[k].id = *base + id;
		tg->span[k].type = wire_linker_type(tg->lk, id);
		tg->nameoff[k] = tg->names.len;
		wire_buf_adds(&tg->names, wire_linker_name(tg->lk, id));
		wire_buf_addc(&tg->names, '\0');
	}
	*base += wire_linker_count(tg->lk);
	wire_linker_reset(tg->lk);
}

/* Links the spans of the document in order.  The linker compares each
 * mention with the entities before it, so a document of more than
 * LINK_WINDOW mentions (a book, a whole feed as one row) is linked a
 * window at a time: ids stay distinct, and the time and memory stay
 * linear. */
#define LINK_WINDOW 20000

static void
link_document(struct tagger *tg, size_t ntext)
{
	size_t i, k, w0 = 0;
	int base = 0;

	if (tg->nspan > tg->lkcap) {
		tg->lkcap = tg->nspan;
		tg->lkidx = wire_xreallocarray(tg->lkidx, tg->lkcap,
		                               sizeof *tg->lkidx);
		tg->nameoff = wire_xreallocarray(tg->nameoff, tg->lkcap,
		                                 sizeof *tg->nameoff);
	}
	wire_buf_clear(&tg->names);
	wire_linker_reset(tg->lk);
	for (i = 0; i < ntext; i++) {
		size_t len;
		const char *text = wire_ner_doc_text(tg->doc, i, &len);
		struct cursor cur;

		cursor_init(&cur, text, len);
		for (k = tg->span0[i]; k < tg->span0[i + 1]; k++) {
			size_t b0 = cursor_byte(&cur, tg->span[k].start);
			size_t b1 = cursor_byte(&cur, tg->span[k].end);
			tg->lkidx[k] = wire_linker_add(tg->lk, tg->span[k].type,
			                               text + b0, b1 - b0);
			if (k + 1 - w0 == LINK_WINDOW) {
				link_window(tg, w0, k + 1, &base);
				w0 = k + 1;
			}
		}
	}
	link_window(tg, w0, tg->nspan, &base);
}

/* ---- output ---- */

/* TEXT with its spans marked: [PER Sergei Lavrov]. */
static void
put_inline(const char *text, size_t len, const struct wire_span *sp, size_t n,
           struct wire_buf *out)
{
	size_t at = 0, i;
	struct cursor cur;

	cursor_init(&cur, text, len);
	wire_buf_clear(out);
	for (i = 0; i < n; i++) {
		size_t b0 = cursor_byte(&cur, sp[i].start);
		size_t b1 = cursor_byte(&cur, sp[i].end);
		wire_buf_add(out, text + at, b0 - at);
		wire_buf_printf(out, "[%s ", wire_etype_name(sp[i].type));
		wire_buf_add(out, text + b0, b1 - b0);
		wire_buf_addc(out, ']');
		at = b1;
	}
	wire_buf_add(out, text + at, len - at);
	wire_buf_addc(out, '\n');
	if (fwrite(out->data, 1, out->len, stdout) != out->len)
		wire_write_error("standard output");
}

/* Output for text I of the document, whose input row is ROW (NULL in
 * --plain mode, where DOC and PAR are set instead). */
static void
emit_text(struct tagger *tg, size_t i, const struct wire_row *row,
          const char *doc, size_t doclen, unsigned long par)
{
	size_t len, k;
	const char *text = wire_ner_doc_text(tg->doc, i, &len);
	const struct wire_span *sp = tg->span + tg->span0[i];
	size_t n = tg->span0[i + 1] - tg->span0[i];
	struct cursor cur;

	if (tg->mode == MODE_INLINE) {
		put_inline(text, len, sp, n, &tg->field);
		return;
	}
	if (tg->plain) {
		wire_out_set(&tg->o, tg->col_doc, doc, doclen);
		wire_out_set_ulong(&tg->o, tg->col_par, par);
		wire_out_set(&tg->o, tg->col_text, text, len);
	}
	if (tg->mode == MODE_COLUMN) {
		wire_buf_clear(&tg->field);
		wire_entities_format(sp, n, &tg->field);
		wire_out_set(&tg->o, tg->col_entities, tg->field.data,
		             tg->field.len);
		wire_out_row(&tg->o, row);
		return;
	}
	cursor_init(&cur, text, len);
	for (k = 0; k < n; k++) {
		size_t b0 = cursor_byte(&cur, sp[k].start);
		size_t b1 = cursor_byte(&cur, sp[k].end);
		if (tg->plain) {
			wire_out_set(&tg->o, tg->col_doc, doc, doclen);
			wire_out_set_ulong(&tg->o, tg->col_par, par);
			wire_out_set(&tg->o, tg->col_text, text, len);
		}
		wire_out_set_str(&tg->o, tg->col_type, wire_etype_name(sp[k].type));
		wire_out_set_ulong(&tg->o, tg->col_start, sp[k].start);
		wire_out_set_ulong(&tg->o, tg->col_end, sp[k].end);
		wire_out_set(&tg->o, tg->col_mention, text + b0, b1 - b0);
		wire_out_set_str(&tg->o, tg->col_name,
		                 tg->names.data + tg->nameoff[tg->span0[i] + k]);
		wire_out_set_ulong(&tg->o, tg->col_id, (unsigned long)sp[k].id);
		wire_out_row(&tg->o, row);
	}
}

/* Output columns: the input's, then entities or the mention columns. */
static void
start_output(struct tagger *tg, const struct wire_reader *r)
{
	if (tg->mode == MODE_INLINE || tg->header_done)
		return;
	wire_out_init(&tg->o, &tg->w, r);
	if (!r) {
		tg->col_doc = wire_out_add(&tg->o, "doc");
		tg->col_par = wire_out_add(&tg->o, "par");
		tg->col_text = wire_out_add(&tg->o, "text");
	}
	if (tg->mode == MODE_COLUMN) {
		tg->col_entities = wire_out_add(&tg->o, "entities");
	} else {
		tg->col_type = wire_out_add(&tg->o, "type");
		tg->col_start = wire_out_add(&tg->o, "start");
		tg->col_end = wire_out_add(&tg->o, "end");
		tg->col_mention = wire_out_add(&tg->o, "mention");
		tg->col_name = wire_out_add(&tg->o, "name");
		tg->col_id = wire_out_add(&tg->o, "id");
	}
	wire_out_header(&tg->o);
	tg->header_done = true;
}

/* ---- stream input ---- */

static void
stream_file(struct tagger *tg, struct wire_reader *r, const char *path,
            const struct wire_reader *first)
{
	struct wire_doc d = {0};
	int doc_col, text_col;
	size_t i;

	wire_reader_open(r, path);
	if (first && !wire_reader_same_header(first, r))
		wire_die_at(r->name, 1, "header differs from that of %s",
		            first->name);
	text_col = wire_reader_require(r, "text");
	doc_col = wire_reader_col(r, "doc");
	start_output(tg, first ? first : r);
	if (doc_col < 0) {
		/* no documents: each row is one */
		while (wire_reader_next(r)) {
			size_t len;
			const char *text = wire_field(r, text_col, &len);
			wire_ner_doc_clear(tg->doc);
			wire_ner_doc_add(tg->doc, text, len);
			tag_document(tg, 1);
			emit_text(tg, 0, &r->row, NULL, 0, 0);
		}
		return;
	}
	while (wire_doc_read(&d, r, doc_col)) {
		wire_ner_doc_clear(tg->doc);
		for (i = 0; i < d.nrows; i++) {
			wire_doc_field(&d, i, text_col, &tg->field);
			wire_ner_doc_add(tg->doc, tg->field.data ? tg->field.data : "",
			                 tg->field.len);
		}
		tag_document(tg, d.nrows);
		for (i = 0; i < d.nrows; i++)
			emit_text(tg, i, &d.rows[i], NULL, 0, 0);
	}
	wire_doc_free(&d);
}

/* ---- plain input ---- */

/* A plain-text document larger than this is tagged in parts, so memory
 * stays bounded on a huge file without document breaks. */
#define PLAIN_CHUNK (1u << 20)

struct plain {
	struct wire_buf par;  /* the paragraph being read */
	struct wire_buf id;   /* document id */
	size_t ntext, bytes;
	unsigned long par0;   /* number of the first paragraph in the part */
	bool any;             /* a paragraph has been written (--inline) */
};

static void
plain_flush(struct tagger *tg, struct plain *pl)
{
	size_t i;

	if (pl->ntext == 0)
		return;
	tag_document(tg, pl->ntext);
	for (i = 0; i < pl->ntext; i++) {
		if (tg->mode == MODE_INLINE && pl->any && putchar('\n') == EOF)
			wire_write_error("standard output");
		pl->any = true;
		emit_text(tg, i, NULL, pl->id.data, pl->id.len, pl->par0 + i);
	}
	pl->par0 += pl->ntext;
	pl->ntext = pl->bytes = 0;
	wire_ner_doc_clear(tg->doc);
}

static void
plain_paragraph(struct tagger *tg, struct plain *pl)
{
	if (pl->par.len == 0)
		return;
	wire_ner_doc_add(tg->doc, pl->par.data, pl->par.len);
	pl->ntext++;
	pl->bytes += pl->par.len;
	wire_buf_clear(&pl->par);
	if (pl->bytes >= PLAIN_CHUNK)
		plain_flush(tg, pl);
}

static bool
blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\f' &&
		    s[i] != '\v')
			return false;
	return true;
}

static void
plain_file(struct tagger *tg, struct plain *pl, const char *path)
{
	FILE *fp = stdin;
	const char *name = "<stdin>";
	char *line = NULL;
	size_t cap = 0, len, bad;
	ssize_t n;
	unsigned long lineno = 0;

	if (path && strcmp(path, "-") != 0) {
		name = path;
		if (!(fp = fopen(path, "r")))
			wire_die("%s: %s", path, strerror(errno));
	}
	wire_buf_clear(&pl->id);
	if (fp == stdin)
		wire_buf_adds(&pl->id, "-");
	else
		wire_doc_id(path, &pl->id);
	pl->par0 = 1;
	start_output(tg, NULL);
	while ((n = getline(&line, &cap, fp)) != -1) {
		len = (size_t)n;
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			len--;
		if (len > 0 && line[len - 1] == '\r')
			len--;
		if (!wire_utf8_valid(line, len, &bad))
			wire_die_at(name, lineno, "invalid UTF-8 at byte %zu",
			            bad + 1);
		if (memchr(line, '\0', len))
			wire_die_at(name, lineno, "NUL byte");
		if (blank(line, len)) {
			plain_paragraph(tg, pl);
			continue;
		}
		/* the lines of a paragraph are joined by a space */
		if (pl->par.len)
			wire_buf_addc(&pl->par, ' ');
		wire_buf_add(&pl->par, line, len);
	}
	if (ferror(fp) || !feof(fp))
		wire_die("%s: %s", name, strerror(errno));
	plain_paragraph(tg, pl);
	plain_flush(tg, pl);
	free(line);
	if (fp != stdin)
		fclose(fp);
}

/* ---- main ---- */

static long
number_arg(const char *opt, const char *s, long lo, long hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < lo || v > hi)
		wire_usage_error("%s: expected a number from %ld to %ld, not '%s'",
		                 opt, lo, hi, s);
	return v;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"model", required_argument, NULL, 'm'},
		{"mentions", no_argument, NULL, 'M'},
		{"inline", no_argument, NULL, OPT_INLINE},
		{"plain", no_argument, NULL, 'p'},
		{"no-rules", no_argument, NULL, 'R'},
		{"output", required_argument, NULL, 'o'},
		{"verbose", no_argument, NULL, 'v'},
		{"train", required_argument, NULL, OPT_TRAIN},
		{"clusters", required_argument, NULL, OPT_CLUSTERS},
		{"epochs", required_argument, NULL, OPT_EPOCHS},
		{"bits", required_argument, NULL, OPT_BITS},
		{"build-clusters", no_argument, NULL, OPT_BUILD},
		WIRE_COMMON_LONGOPTS,
		{NULL, 0, NULL, 0}};
	struct tagger tg = {0};
	struct wire_ner_train_opts to = {0};
	const char *model = NULL, *output = NULL;
	bool build = false;
	int c, i;

	wire_init(argv[0]);
	tg.rules = true;
	to.epochs = 16;
	to.bits = 20;
	to.seed = 20030531;
	while ((c = getopt_long(argc, argv, "m:MpRo:vh", longopts, NULL)) != -1) {
		switch (c) {
		case 'm': model = optarg; break;
		case 'M': tg.mode = MODE_MENTIONS; break;
		case OPT_INLINE: tg.mode = MODE_INLINE; break;
		case 'p': tg.plain = true; break;
		case 'R': tg.rules = false; break;
		case 'o': output = optarg; break;
		case 'v': to.verbose = true; break;
		case OPT_TRAIN: to.file = optarg; break;
		case OPT_CLUSTERS: to.clusters = optarg; break;
		case OPT_EPOCHS:
			to.epochs = (int)number_arg("--epochs", optarg, 1, 1000);
			break;
		case OPT_BITS:
			to.bits = (int)number_arg("--bits", optarg, 10, 26);
			break;
		case OPT_BUILD: build = true; break;
		default: wire_common_option(c, usage);
		}
	}
	if (to.file || build) {
		if (!output)
			wire_usage_error("%s needs -o FILE",
			                 build ? "--build-clusters" : "--train");
		if (to.file && build)
			wire_usage_error("--train and --build-clusters exclude each other");
		if (build) {
			if (optind == argc)
				wire_usage_error("--build-clusters needs text FILEs");
			wire_ner_clusters_build(argv + optind, (size_t)(argc - optind),
			                        3, 64, 512, output, to.verbose);
		} else {
			if (optind != argc)
				wire_usage_error("--train takes no FILE operands");
			to.output = output;
			wire_ner_train(&to);
		}
		wire_close_stdout();
		return 0;
	}
	tg.ner = wire_ner_load(model);
	if (tg.rules)
		tg.tx = wire_timex_load(NULL);
	tg.lk = wire_linker_new();
	tg.doc = wire_ner_doc_new();
	wire_writer_init(&tg.w, stdout);
	if (tg.plain) {
		struct plain pl = {0};
		if (optind == argc)
			plain_file(&tg, &pl, NULL);
		for (i = optind; i < argc; i++)
			plain_file(&tg, &pl, argv[i]);
		wire_buf_free(&pl.par);
		wire_buf_free(&pl.id);
	} else {
		struct wire_reader first = {0}, r = {0};
		if (optind == argc) {
			stream_file(&tg, &first, NULL, NULL);
		} else {
			stream_file(&tg, &first, argv[optind], NULL);
			for (i = optind + 1; i < argc; i++) {
				stream_file(&tg, &r, argv[i], &first);
				wire_reader_close(&r);
			}
		}
		wire_reader_close(&first);
	}
	if (tg.header_done) {
		wire_out_free(&tg.o);
	}
	wire_writer_finish(&tg.w);
	wire_ner_doc_free(tg.doc);
	wire_ner_free(tg.ner);
	if (tg.tx)
		wire_timex_free(tg.tx);
	wire_linker_free(tg.lk);
	free(tg.span);
	free(tg.span0);
	free(tg.lkidx);
	free(tg.nameoff);
	wire_buf_free(&tg.names);
	free(tg.tmp);
	wire_buf_free(&tg.field);
	wire_close_stdout();
	return 0;
}
