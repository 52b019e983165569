/* wire-dedupe: drop or mark exact and near-duplicate rows or documents.
 *
 * A unit (a row, or with --by doc all rows of one document) is reduced to
 * a normalised key.  Exact mode keeps a 128-bit hash per distinct key;
 * near mode a MinHash signature per kept unit, found again through LSH
 * bands.  The two-phase mode writes band records (--signatures) that plain
 * sort brings together, so --join can decide without ever holding the
 * whole corpus in one process; --drop applies the decision. */
#include <getopt.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wire.h"

static const char usage[] =
	"usage: wire-dedupe [-n] [-t J] [-k COL] [-b doc|row] [--keep first|longest]\n"
	"                   [-m | -p] [--shingle N] [--chars | --words] [--perm N]\n"
	"                   [--bands B] [--seed N] [-i COL] [FILE...]\n"
	"       wire-dedupe --signatures [--shard N] [options] [FILE...]\n"
	"       wire-dedupe --join [-p] [-t J] [RECORDS...]\n"
	"       wire-dedupe --drop LIST [-m] [-b doc|row] [-i COL] [FILE...]\n"
	"Drop (or mark) duplicate rows or documents of a wire stream.\n"
	"  -k, --key COL        column compared (default text)\n"
	"  -n, --near           near duplicates by MinHash + LSH (default: exact)\n"
	"  -t, --threshold J    Jaccard threshold, implies --near (default 0.8;\n"
	"                       0.5 with --by doc)\n"
	"  -b, --by UNIT        doc: whole documents; row: single rows (default)\n"
	"      --keep WHICH     first (default) or longest copy is kept\n"
	"  -m, --mark           keep every row, add dup_of and similarity\n"
	"  -p, --pairs          print only the pairs: a (kept) b (duplicate) similarity\n"
	"  -s, --shingle N      shingle size (default 5 for documents, 3 for rows)\n"
	"      --chars          shingles of N characters instead of N words\n"
	"      --words          shingles of N words (the default)\n"
	"      --perm N         MinHash permutations, a multiple of 8 (default 128)\n"
	"      --bands B        LSH bands (default: chosen from J and N)\n"
	"      --seed N         hash seed (default 1)\n"
	"  -i, --id COL         name rows by column COL (default doc:K or row number)\n"
	"      --signatures     phase one: band records for sort, one per band\n"
	"      --shard N        phase one: this shard's number, in input order\n"
	"      --join           phase two: sorted records in, drop list out\n"
	"      --drop LIST      apply a drop list (or pairs) from --join\n"
	"      --shingles       print each unit's id and shingle hashes (checks)\n"
	"      --stats          counts and index memory on standard error\n"
	"  -h, --help           this help;  --version  the version\n";

enum {
	OPT_KEEP = 0x2000, OPT_CHARS, OPT_WORDS, OPT_PERM, OPT_BANDS,
	OPT_SEED, OPT_SIGNATURES, OPT_SHARD, OPT_JOIN, OPT_DROP, OPT_SHINGLES,
	OPT_STATS
};

static const struct option longopts[] = {
	{"key", required_argument, NULL, 'k'},
	{"near", no_argument, NULL, 'n'},
	{"threshold", required_argument, NULL, 't'},
	{"by", required_argument, NULL, 'b'},
	{"keep", required_argument, NULL, OPT_KEEP},
	{"mark", no_argument, NULL, 'm'},
	{"pairs", no_argument, NULL, 'p'},
	{"shingle", required_argument, NULL, 's'},
	{"chars", no_argument, NULL, OPT_CHARS},
	{"words", no_argument, NULL, OPT_WORDS},
	{"perm", required_argument, NULL, OPT_PERM},
	{"bands", required_argument, NULL, OPT_BANDS},
	{"seed", required_argument, NULL, OPT_SEED},
	{"id", required_argument, NULL, 'i'},
	{"signatures", no_argument, NULL, OPT_SIGNATURES},
	{"shard", required_argument, NULL, OPT_SHARD},
	{"join", no_argument, NULL, OPT_JOIN},
	{"drop", required_argument, NULL, OPT_DROP},
	{"shingles", no_argument, NULL, OPT_SHINGLES},
	{"stats", no_argument, NULL, OPT_STATS},
	WIRE_COMMON_LONGOPTS,
	{NULL, 0, NULL, 0}
};

#define NONE UINT32_MAX
#define SIG_MAGIC "#wire-dedupe-signatures 1"

static struct {
	const char *key, *idcol, *drop;
	bool near, by_doc, longest, mark, pairs, signatures, join, shingles;
	bool stats;
	int chars;            /* -1: default for the unit */
	double t;
	unsigned shingle, perm, bands;
	uint64_t seed;
	unsigned long shard;
} opt = {"text", NULL, NULL, false, false, false, false, false, false,
         false, false, false, -1, 0.8, 0, 128, 0, 1, 0};

/* ---- reading units ---------------------------------------------------- */

/* Iterates over the units of the operands: one row, or one document. */
struct units {
	char **files;
	int nfiles, fi;
	bool open;
	struct wire_reader first; /* header every operand must match */
	struct wire_reader r;     /* the later operands */
	struct wire_reader *cur;  /* &first or &r */
	struct wire_doc d;
	int keycol, doccol, idcol;
	unsigned long rowno;      /* data rows so far, over all operands */
	unsigned long inrank;     /* row's place within its document */
	struct wire_buf prevdoc, cell, norm, label;
	size_t nrows;             /* rows of the current unit */
	size_t cps;               /* code points of the normalised key */
};

static void
units_open_file(struct units *u, const char *path, bool is_first)
{
	if (is_first) {
		wire_reader_open(&u->first, path);
		u->keycol = wire_reader_require(&u->first, opt.key);
		u->doccol = wire_reader_col(&u->first, "doc");
		if (opt.by_doc && u->doccol < 0)
			wire_reader_require(&u->first, "doc");
		u->idcol = opt.idcol ? wire_reader_require(&u->first, opt.idcol)
		                     : -1;
		u->cur = &u->first;
		return;
	}
	wire_reader_open(&u->r, path);
	if (!wire_reader_same_header(&u->first, &u->r))
		wire_die_at(u->r.name, 1, "header differs from %s's",
		            u->first.name);
	u->cur = &u->r;
}

static void
units_init(struct units *u, char **files, int nfiles)
{
	memset(u, 0, sizeof *u);
	u->files = files;
	u->nfiles = nfiles;
	units_open_file(u, nfiles ? files[0] : "-", true);
	u->open = true;
}

static void
append_key(struct units *u, const char *s, size_t len)
{
	size_t before = u->norm.len;

	if (before > 0)
		wire_buf_addc(&u->norm, ' ');
	wire_dedupe_normalise(s, len, &u->norm);
	if (u->norm.len == before + 1) /* empty key: no separator either */
		u->norm.data[--u->norm.len] = '\0';
}

static void
row_label(struct units *u, const struct wire_row *row)
{
	size_t len;
	const char *s;

	wire_buf_clear(&u->label);
	if (u->idcol >= 0) {
		wire_unescape(row->raw[u->idcol], row->rawlen[u->idcol],
		              &u->label, NULL);
	} else if (u->doccol >= 0) {
		s = row->raw[u->doccol];
		len = row->rawlen[u->doccol];
		if (u->prevdoc.len == len && u->inrank > 0 &&
		    memcmp(u->prevdoc.data, s, len) == 0) {
			u->inrank++;
		} else {
			wire_buf_clear(&u->prevdoc);
			wire_buf_add(&u->prevdoc, s, len);
			u->inrank = 1;
		}
		wire_unescape(s, len, &u->label, NULL);
		wire_buf_printf(&u->label, ":%lu", u->inrank);
	} else {
		wire_buf_printf(&u->label, "%lu", u->rowno);
	}
}

static bool
units_read(struct units *u)
{
	size_t len, i;
	const char *s;

	for (;;) {
		if (!u->open) {
			if (++u->fi >= u->nfiles)
				return false;
			units_open_file(u, u->files[u->fi], false);
			u->open = true;
		}
		if (opt.by_doc ? wire_doc_read(&u->d, u->cur, u->doccol)
		               : wire_reader_next(u->cur))
			break;
		if (u->fi > 0)
			wire_reader_close(&u->r);
		u->open = false;
	}
	wire_buf_clear(&u->norm);
	wire_buf_clear(&u->label);
	if (opt.by_doc) {
		u->nrows = u->d.nrows;
		u->rowno += u->d.nrows;
		for (i = 0; i < u->d.nrows; i++) {
			s = wire_doc_field(&u->d, i, u->keycol, &u->cell);
			append_key(u, s, u->cell.len);
		}
		wire_unescape(u->d.rows[0].raw[u->doccol],
		              u->d.rows[0].rawlen[u->doccol], &u->label, NULL);
	} else {
		u->nrows = 1;
		u->rowno++;
		s = wire_field(u->cur, u->keycol, &len);
		append_key(u, s, len);
		row_label(u, &u->cur->row);
	}
	if (u->norm.cap == 0)
		wire_buf_reserve(&u->norm, 1);
	if (opt.longest)
		u->cps = wire_utf8_count(u->norm.data, u->norm.len);
	return true;
}

static const struct wire_row *
units_row(struct units *u, size_t i)
{
	return opt.by_doc ? &u->d.rows[i] : &u->cur->row;
}

static void
units_free(struct units *u)
{
	if (u->open && u->fi > 0)
		wire_reader_close(&u->r);
	wire_reader_close(&u->first);
	wire_doc_free(&u->d);
	wire_buf_free(&u->prevdoc);
	wire_buf_free(&u->cell);
	wire_buf_free(&u->norm);
	wire_buf_free(&u->label);
}

/* ---- labels of units, kept for dup_of and pairs ------------------------ */

struct labels {
	struct wire_buf bytes;
	size_t *off;
	size_t n, cap;
};

static uint32_t
labels_add(struct labels *l, const char *s, size_t len)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 1024;
		l->off = wire_xreallocarray(l->off, l->cap + 1, sizeof *l->off);
	}
	if (l->n == 0)
		l->off[0] = 0;
	wire_buf_add(&l->bytes, s, len);
	l->off[++l->n] = l->bytes.len;
	return (uint32_t)(l->n - 1);
}

static const char *
labels_get(const struct labels *l, uint32_t i, size_t *len)
{
	*len = l->off[i + 1] - l->off[i];
	return l->bytes.data + l->off[i];
}

static void
labels_free(struct labels *l)
{
	wire_buf_free(&l->bytes);
	free(l->off);
}

/* ---- the decision for one unit ---------------------------------------- */

struct decider {
	struct wire_minhash mh;
	struct wire_lsh lsh;
	struct wire_keyset keys;
	uint32_t *sig;
	uint32_t nkept;
};

static void
decider_init(struct decider *dc)
{
	memset(dc, 0, sizeof *dc);
	if (opt.near) {
		wire_minhash_init(&dc->mh, opt.perm, opt.shingle, opt.chars == 1,
		                  opt.t, opt.bands, opt.seed);
		wire_lsh_init(&dc->lsh, &dc->mh);
		dc->sig = wire_xreallocarray(NULL, opt.perm, sizeof *dc->sig);
	} else {
		wire_keyset_init(&dc->keys);
	}
}

static void
decider_free(struct decider *dc)
{
	if (opt.near) {
		wire_lsh_free(&dc->lsh);
		wire_minhash_free(&dc->mh);
		free(dc->sig);
	} else {
		wire_keyset_free(&dc->keys);
	}
}

/* Prepares what decide() compares: the signature, or the key hash. */
static bool
decider_prepare(struct decider *dc, const char *norm, size_t len,
                uint64_t key[2])
{
	if (len == 0)
		return false; /* empty keys are never duplicates */
	if (opt.near)
		return wire_minhash_sign(&dc->mh, norm, len, dc->sig) > 0;
	wire_dedupe_key128(norm, len, key);
	return true;
}

/* Returns the kept unit (numbered in keep order) the prepared unit
 * duplicates, or NONE after keeping it as unit number dc->nkept - 1. */
static uint32_t
decide(struct decider *dc, const uint64_t key[2], double *sim)
{
	uint32_t old;
	size_t u;

	if (opt.near) {
		if (wire_lsh_query(&dc->lsh, dc->sig, opt.t, &u, sim))
			return (uint32_t)u;
		wire_lsh_add(&dc->lsh, dc->sig);
	} else {
		if (wire_keyset_add(&dc->keys, key, dc->nkept, &old)) {
			*sim = 1.0;
			return old;
		}
	}
	if (dc->nkept == NONE - 1)
		wire_die("too many distinct units");
	dc->nkept++;
	return NONE;
}

/* ---- output ------------------------------------------------------------ */

struct output {
	struct wire_writer w;
	struct wire_out o;
	int dupcol, simcol;
	char simtext[32];
};

static void
output_init(struct output *out, const struct wire_reader *r)
{
	wire_writer_init(&out->w, stdout);
	if (opt.pairs) {
		wire_put_str(&out->w, "a");
		wire_put_str(&out->w, "b");
		wire_put_str(&out->w, "similarity");
		wire_end_row(&out->w);
		return;
	}
	wire_out_init(&out->o, &out->w, r);
	if (opt.mark) {
		out->dupcol = wire_out_add(&out->o, "dup_of");
		out->simcol = wire_out_add(&out->o, "similarity");
	}
	wire_out_header(&out->o);
}

static void
output_finish(struct output *out)
{
	if (!opt.pairs)
		wire_out_free(&out->o);
	wire_writer_finish(&out->w);
}

static void
format_sim(char *buf, size_t n, double sim)
{
	snprintf(buf, n, "%.3f", sim);
}

/* Writes the rows of unit U as the decision says: DUP (NULL: an
 * original) with similarity SIM (text). */
static void
emit(struct output *out, struct units *u, const char *dup, size_t duplen,
     const char *sim)
{
	size_t i;

	if (opt.pairs) {
		if (dup) {
			wire_put(&out->w, dup, duplen);
			wire_put(&out->w, u->label.data, u->label.len);
			wire_put_str(&out->w, sim);
			wire_end_row(&out->w);
		}
		return;
	}
	if (dup && !opt.mark)
		return;
	for (i = 0; i < u->nrows; i++) {
		if (opt.mark && dup) {
			wire_out_set(&out->o, out->dupcol, dup, duplen);
			wire_out_set_str(&out->o, out->simcol, sim);
		}
		wire_out_row(&out->o, units_row(u, i));
	}
}

static bool
need_labels(void)
{
	return opt.mark || opt.pairs;
}

static void
print_stats(const struct decider *dc, unsigned long units,
            unsigned long dups)
{
	size_t per;

	if (!opt.stats)
		return;
	if (opt.near) {
		per = wire_lsh_bytes(&dc->lsh);
		fprintf(stderr, "%s: %lu units, %lu duplicates, %zu indexed; "
		        "%u permutations, %u bands of %u rows; index %zu bytes "
		        "per indexed unit\n", wire_progname, units, dups,
		        dc->lsh.n, dc->mh.perm, dc->mh.bands, dc->mh.rows, per);
	} else {
		per = dc->keys.count ? dc->keys.cap * (2 * sizeof *dc->keys.slot +
		      sizeof *dc->keys.val) / dc->keys.count : 0;
		fprintf(stderr, "%s: %lu units, %lu duplicates, %zu distinct "
		        "keys; index %zu bytes per key\n", wire_progname,
		        units, dups, dc->keys.count, per);
	}
}

/* ---- keep first: one pass ---------------------------------------------- */

static void
run_first(char **files, int nfiles)
{
	struct units u;
	struct decider dc;
	struct output out;
	struct labels kept = {0};
	uint64_t key[2];
	unsigned long nunits = 0, ndups = 0;
	uint32_t d;
	double sim = 0;
	const char *lab;
	size_t len = 0;

	units_init(&u, files, nfiles);
	decider_init(&dc);
	output_init(&out, &u.first);
	while (units_read(&u)) {
		d = NONE;
		nunits++;
		if (decider_prepare(&dc, u.norm.data, u.norm.len, key)) {
			d = decide(&dc, key, &sim);
			if (d == NONE && need_labels())
				labels_add(&kept, u.label.data, u.label.len);
		}
		if (d == NONE) {
			emit(&out, &u, NULL, 0, NULL);
		} else {
			ndups++;
			lab = need_labels() ? labels_get(&kept, d, &len) : "";
			format_sim(out.simtext, sizeof out.simtext, sim);
			emit(&out, &u, lab, need_labels() ? len : 0,
			     out.simtext);
		}
	}
	output_finish(&out);
	print_stats(&dc, nunits, ndups);
	labels_free(&kept);
	decider_free(&dc);
	units_free(&u);
}

/* ---- keep longest: the input is spooled, decided, then replayed -------- */

static FILE *
spool_input(char **files, int nfiles, char *path, size_t pathsz)
{
	struct wire_reader first, other, *r;
	struct wire_writer w;
	struct wire_buf name = {0};
	const char *tmp = getenv("TMPDIR");
	FILE *fp;
	size_t i;
	int fd, f;

	wire_buf_printf(&name, "%s/wire-dedupe-XXXXXX",
	                tmp && *tmp ? tmp : "/tmp");
	if ((fd = mkstemp(name.data)) < 0 || !(fp = fdopen(fd, "w+")))
		wire_die("%s: cannot create the spool file: %s", name.data,
		         strerror(errno));
	wire_writer_init(&w, fp);
	w.name = name.data;
	wire_reader_open(&first, nfiles ? files[0] : "-");
	for (i = 0; i < first.ncols; i++)
		wire_put_str(&w, first.colnames[i]);
	wire_end_row(&w);
	for (f = 0; f < (nfiles ? nfiles : 1); f++) {
		if (f == 0) {
			r = &first;
		} else {
			r = &other;
			wire_reader_open(r, files[f]);
			if (!wire_reader_same_header(&first, r))
				wire_die_at(r->name, 1, "header differs from %s's",
				            first.name);
		}
		while (wire_reader_next(r)) {
			for (i = 0; i < r->ncols; i++)
				wire_put_raw(&w, r->row.raw[i], r->row.rawlen[i]);
			wire_end_row(&w);
		}
		if (f > 0)
			wire_reader_close(r);
	}
	wire_reader_close(&first);
	wire_writer_finish(&w);
	if (fflush(fp) != 0)
		wire_die("%s: cannot write the spool file", name.data);
	/* Unlinked at once, so that no exit leaves it behind; the passes
	 * read it through the descriptor. */
	unlink(name.data);
	wire_buf_free(&name);
	if (fseek(fp, 0, SEEK_SET) != 0)
		wire_die("cannot rewind the spool file");
	snprintf(path, pathsz, "/dev/fd/%d", fileno(fp));
	return fp;
}

struct unitinfo {
	size_t cps;
	uint32_t index;
};

static int
by_length(const void *a, const void *b)
{
	const struct unitinfo *x = a, *y = b;

	if (x->cps != y->cps)
		return x->cps > y->cps ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Everything --keep longest holds about every unit of the input. */
struct longest {
	uint32_t n, cap;
	struct unitinfo *info; /* sorted into keep order by decide */
	uint64_t *keys;        /* exact mode: 2 words per unit */
	uint32_t *sigs;        /* near mode: perm values per unit */
	uint32_t *dup;         /* the kept unit each one duplicates, or NONE */
	float *sims;
	struct labels names;
};

/* Pass one: what each unit compares, and its length. */
static void
longest_collect(struct longest *l, struct decider *dc, char *spool)
{
	struct units u;
	uint64_t *key;

	units_init(&u, &spool, 1);
	while (units_read(&u)) {
		if (l->n == l->cap) {
			l->cap = l->cap ? 2 * l->cap : 1024;
			l->info = wire_xreallocarray(l->info, l->cap,
			                             sizeof *l->info);
			if (opt.near)
				l->sigs = wire_xreallocarray(l->sigs, l->cap,
				              opt.perm * sizeof *l->sigs);
			else
				l->keys = wire_xreallocarray(l->keys, l->cap,
				              2 * sizeof *l->keys);
		}
		key = l->keys ? l->keys + 2 * (size_t)l->n : NULL;
		l->info[l->n].index = l->n;
		l->info[l->n].cps = 0;
		if (decider_prepare(dc, u.norm.data, u.norm.len, key)) {
			l->info[l->n].cps = u.cps ? u.cps : 1;
			if (opt.near)
				memcpy(l->sigs + (size_t)l->n * opt.perm,
				       dc->sig, opt.perm * sizeof *l->sigs);
		}
		if (need_labels())
			labels_add(&l->names, u.label.data, u.label.len);
		if (l->n == NONE - 1)
			wire_die("too many units");
		l->n++;
	}
	units_free(&u);
}

/* Keep-first over the units taken longest first, then in input order. */
static void
longest_decide(struct longest *l, struct decider *dc)
{
	uint32_t *keptunit, i, k, d, n = l->n ? l->n : 1;
	double sim = 0;

	qsort(l->info, l->n, sizeof *l->info, by_length);
	l->dup = wire_xreallocarray(NULL, n, sizeof *l->dup);
	l->sims = wire_xreallocarray(NULL, n, sizeof *l->sims);
	keptunit = wire_xreallocarray(NULL, n, sizeof *keptunit);
	for (i = 0; i < l->n; i++) {
		k = l->info[i].index;
		l->dup[k] = NONE;
		if (l->info[i].cps == 0)
			continue; /* empty: never a duplicate */
		if (opt.near)
			memcpy(dc->sig, l->sigs + (size_t)k * opt.perm,
			       opt.perm * sizeof *l->sigs);
		d = decide(dc, l->keys ? l->keys + 2 * (size_t)k : NULL, &sim);
		if (d == NONE) {
			keptunit[dc->nkept - 1] = k;
		} else {
			l->dup[k] = keptunit[d];
			l->sims[k] = (float)sim;
		}
	}
	free(keptunit);
}

/* Pass two: the spool again, written as decided. */
static void
longest_replay(const struct longest *l, char *spool)
{
	struct units u;
	struct output out;
	const char *lab = "";
	size_t len = 0;
	uint32_t i;

	units_init(&u, &spool, 1);
	output_init(&out, &u.first);
	for (i = 0; units_read(&u); i++) {
		if (l->dup[i] == NONE) {
			emit(&out, &u, NULL, 0, NULL);
			continue;
		}
		if (need_labels())
			lab = labels_get(&l->names, l->dup[i], &len);
		format_sim(out.simtext, sizeof out.simtext, l->sims[i]);
		emit(&out, &u, lab, len, out.simtext);
	}
	output_finish(&out);
	units_free(&u);
}

static void
run_longest(char **files, int nfiles)
{
	char path[64];
	FILE *fp;
	struct decider dc;
	struct longest l;

	memset(&l, 0, sizeof l);
	fp = spool_input(files, nfiles, path, sizeof path);
	decider_init(&dc);
	longest_collect(&l, &dc, path);
	if (fseek(fp, 0, SEEK_SET) != 0)
		wire_die("cannot rewind the spool file");
	longest_decide(&l, &dc);
	longest_replay(&l, path);
	fclose(fp);
	free(l.info);
	free(l.keys);
	free(l.sigs);
	free(l.dup);
	free(l.sims);
	labels_free(&l.names);
	decider_free(&dc);
}

/* ---- a map from labels (unit ids) to numbers --------------------------- */

struct strmap {
	struct labels keys;
	uint32_t *slot; /* NONE = empty */
	size_t cap;
};

static uint32_t
strmap_find(struct strmap *m, const char *s, size_t len, bool add)
{
	size_t j, klen, i;
	const char *k;
	uint32_t *old;

	if (add && 2 * (m->keys.n + 1) > m->cap) {
		old = m->slot;
		j = m->cap;
		m->cap = m->cap ? 2 * m->cap : 1024;
		m->slot = wire_xreallocarray(NULL, m->cap, sizeof *m->slot);
		memset(m->slot, 0xff, m->cap * sizeof *m->slot);
		for (i = 0; i < j; i++) {
			if (old[i] == NONE)
				continue;
			k = labels_get(&m->keys, old[i], &klen);
			size_t h = (size_t)wire_hash64(k, klen, 7) & (m->cap - 1);
			while (m->slot[h] != NONE)
				h = (h + 1) & (m->cap - 1);
			m->slot[h] = old[i];
		}
		free(old);
	}
	if (m->cap == 0)
		return NONE;
	j = (size_t)wire_hash64(s, len, 7) & (m->cap - 1);
	for (; m->slot[j] != NONE; j = (j + 1) & (m->cap - 1)) {
		k = labels_get(&m->keys, m->slot[j], &klen);
		if (klen == len && memcmp(k, s, len) == 0)
			return m->slot[j];
	}
	if (!add)
		return NONE;
	m->slot[j] = labels_add(&m->keys, s, len);
	return m->slot[j];
}

static void
strmap_free(struct strmap *m)
{
	labels_free(&m->keys);
	free(m->slot);
}

/* ---- phase one: band records ------------------------------------------- */

static void
sig_params(struct wire_buf *b, const struct wire_minhash *mh)
{
	wire_buf_printf(b, "%s %s by=%s key=%s keep=%s", SIG_MAGIC,
	                opt.near ? "near" : "exact", opt.by_doc ? "doc" : "row",
	                opt.key, opt.longest ? "longest" : "first");
	if (opt.near)
		wire_buf_printf(b, " perm=%u bands=%u rows=%u shingle=%u%s "
		                "seed=%" PRIu64 " threshold=%g",
		                mh->perm, mh->bands, mh->rows, mh->shingle,
		                mh->chars ? "c" : "w", mh->seed, opt.t);
}

static void
put_record_head(struct wire_writer *w, const char *hex, struct units *u,
                unsigned long index, struct wire_buf *esc)
{
	wire_put_raw(w, hex, strlen(hex));
	wire_put_ulong(w, opt.shard);
	wire_put_ulong(w, index);
	wire_put_ulong(w, (unsigned long)u->cps);
	wire_put_raw(w, esc->data, esc->len);
}

static void
run_signatures(char **files, int nfiles)
{
	struct units u;
	struct decider dc;
	struct wire_writer w;
	struct wire_buf line = {0}, sigtext = {0}, esc = {0};
	uint64_t key[2];
	unsigned long index;
	unsigned b;
	char hex[40];

	units_init(&u, files, nfiles);
	if (u.doccol < 0 && u.idcol < 0 && !opt.by_doc)
		wire_usage_error("--signatures needs a doc column or --id COL "
		                 "to name rows across shards");
	decider_init(&dc);
	wire_writer_init(&w, stdout);
	sig_params(&line, &dc.mh);
	wire_put_raw(&w, line.data, line.len);
	wire_end_row(&w);
	for (index = 0; units_read(&u); index++) {
		if (!decider_prepare(&dc, u.norm.data, u.norm.len, key))
			continue;
		wire_buf_clear(&esc);
		wire_escape(u.label.data, u.label.len, &esc);
		if (!opt.near) {
			snprintf(hex, sizeof hex, "%016" PRIx64 "%016" PRIx64,
			         key[0], key[1]);
			put_record_head(&w, hex, &u, index, &esc);
			wire_end_row(&w);
			continue;
		}
		for (b = 0; b < dc.mh.bands; b++) {
			snprintf(hex, sizeof hex, "%016" PRIx64,
			         wire_minhash_band(&dc.mh, dc.sig, b));
			put_record_head(&w, hex, &u, index, &esc);
			wire_end_row(&w);
		}
		/* The signature once per unit, under a key that sorts after
		 * every band key: --join reads it only for candidates. */
		wire_buf_clear(&sigtext);
		wire_minhash_encode(dc.sig, opt.perm, &sigtext);
		put_record_head(&w, "~", &u, index, &esc);
		wire_put_raw(&w, sigtext.data, sigtext.len);
		wire_end_row(&w);
	}
	wire_writer_finish(&w);
	wire_buf_free(&line);
	wire_buf_free(&sigtext);
	wire_buf_free(&esc);
	decider_free(&dc);
	units_free(&u);
}

/* ---- phase two: join the sorted records -------------------------------- */

struct junit {
	unsigned long shard, index, len;
};

struct edge {
	uint32_t a, b;
	float sim;
};

struct join {
	const char *file;
	unsigned long lineno;
	struct wire_buf params;
	bool near, longest;
	unsigned perm;
	double t;
	struct strmap ids;       /* escaped label -> unit */
	struct junit *units;
	size_t ucap;
	struct edge *edges;
	size_t nedges, ecap;
	/* near mode: candidate pairs (a << 32 | b, a < b), confirmed once
	 * the signature records, which sort last, have been read */
	uint64_t *cand;
	size_t ccap, ccount;
	uint16_t *sigs;          /* per unit, perm values */
	bool *hassig;
	size_t scap;
	uint32_t *sigtmp;
	bool in_sigs;
	/* the group being read: records with one key */
	struct wire_buf gkey, gbytes;
	size_t *goff;
	unsigned long *gline;
	size_t gn, gcap, goffcap;
	uint32_t *gunit;
};

static unsigned long
parse_ulong(struct join *j, const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (*s == '\0' || *end != '\0')
		wire_die_at(j->file, j->lineno, "bad number '%s'", s);
	return v;
}

static const char *
param(struct join *j, const char *name)
{
	static char val[64];
	const char *p = strstr(j->params.data, name);
	size_t n;

	if (!p)
		wire_die_at(j->file, j->lineno, "records lack %s", name);
	p += strlen(name);
	n = strcspn(p, " ");
	if (n >= sizeof val)
		n = sizeof val - 1;
	memcpy(val, p, n);
	val[n] = '\0';
	return val;
}

static void
join_params(struct join *j, const char *line, bool have_t)
{
	if (j->params.len > 0) {
		if (strcmp(j->params.data, line) != 0)
			wire_die_at(j->file, j->lineno, "records made with other "
			            "options than the first ones: %s", line);
		return;
	}
	if (!wire_has_prefix(line, SIG_MAGIC " "))
		wire_die_at(j->file, j->lineno, "not wire-dedupe --signatures "
		            "records");
	wire_buf_adds(&j->params, line);
	j->near = strstr(line, " near ") != NULL;
	j->longest = strstr(line, " keep=longest") != NULL;
	if (j->near) {
		j->perm = (unsigned)parse_ulong(j, param(j, " perm="));
		if (j->perm == 0 || j->perm > 1024)
			wire_die_at(j->file, j->lineno, "bad perm=%u", j->perm);
		j->sigtmp = wire_xreallocarray(NULL, j->perm,
		                               sizeof *j->sigtmp);
		if (!have_t)
			j->t = strtod(param(j, " threshold="), NULL);
	}
}

static uint32_t
join_unit(struct join *j, const char *id, unsigned long shard,
          unsigned long index, unsigned long len)
{
	uint32_t u = strmap_find(&j->ids, id, strlen(id), true);

	if (u >= j->ucap) {
		j->ucap = j->ucap ? 2 * j->ucap : 1024;
		j->units = wire_xreallocarray(j->units, j->ucap,
		                              sizeof *j->units);
	}
	j->units[u].shard = shard;
	j->units[u].index = index;
	j->units[u].len = len;
	return u;
}

static void
add_edge(struct join *j, uint32_t a, uint32_t b, double sim)
{
	if (j->nedges == j->ecap) {
		j->ecap = j->ecap ? 2 * j->ecap : 1024;
		j->edges = wire_xreallocarray(j->edges, j->ecap,
		                              sizeof *j->edges);
	}
	j->edges[j->nedges].a = a;
	j->edges[j->nedges].b = b;
	j->edges[j->nedges].sim = (float)sim;
	j->nedges++;
}

/* Candidate pairs are a set: one pair shares several bands. */
static void
add_candidate(struct join *j, uint32_t a, uint32_t b)
{
	uint64_t key, *old;
	size_t i, h, ocap;

	if (a > b) {
		key = a;
		a = b;
		b = (uint32_t)key;
	}
	if (2 * (j->ccount + 1) > j->ccap) {
		old = j->cand;
		ocap = j->ccap;
		j->ccap = ocap ? 2 * ocap : 4096;
		j->cand = wire_xcalloc(j->ccap, sizeof *j->cand);
		for (i = 0; i < ocap; i++) {
			if (old[i] == 0)
				continue;
			h = (size_t)wire_mix64(old[i]) & (j->ccap - 1);
			while (j->cand[h] != 0)
				h = (h + 1) & (j->ccap - 1);
			j->cand[h] = old[i];
		}
		free(old);
	}
	/* b + 1 keeps the pair (0, 0) apart from an empty slot */
	key = (uint64_t)a << 32 | ((uint64_t)b + 1);
	h = (size_t)wire_mix64(key) & (j->ccap - 1);
	for (; j->cand[h] != 0; h = (h + 1) & (j->ccap - 1))
		if (j->cand[h] == key)
			return;
	j->cand[h] = key;
	j->ccount++;
}

static const struct join *rank_join;

/* -1 when unit A comes before B in keep order. */
static int
keep_order(const struct join *j, uint32_t a, uint32_t b)
{
	const struct junit *x = &j->units[a], *y = &j->units[b];

	if (j->longest && x->len != y->len)
		return x->len > y->len ? -1 : 1;
	if (x->shard != y->shard)
		return x->shard < y->shard ? -1 : 1;
	if (x->index != y->index)
		return x->index < y->index ? -1 : 1;
	return 0;
}

static int
by_keep_order(const void *a, const void *b)
{
	return keep_order(rank_join, *(const uint32_t *)a,
	                  *(const uint32_t *)b);
}

/* Every pair in a group of records sharing a band agrees on that band;
 * confirm it on the whole signature.  Exact groups share the key. */
static void
join_group(struct join *j)
{
	char *f[7];
	size_t i, k, n;
	uint32_t first;

	if (j->gn < 2) {
		j->gn = 0;
		return;
	}
	if (j->gn > j->gcap) {
		j->gcap = j->gn;
		j->gunit = wire_xreallocarray(j->gunit, j->gcap,
		                              sizeof *j->gunit);
	}
	for (i = 0; i < j->gn; i++) {
		n = wire_split(j->gbytes.data + j->goff[i], '\t', f, 7);
		if (n != 5)
			wire_die_at(j->file, j->gline[i], "not a --signatures "
			            "record");
		j->gunit[i] = join_unit(j, f[4], parse_ulong(j, f[1]),
		                        parse_ulong(j, f[2]),
		                        parse_ulong(j, f[3]));
	}
	if (!j->near) {
		first = j->gunit[0];
		for (i = 1; i < j->gn; i++)
			if (keep_order(j, j->gunit[i], first) < 0)
				first = j->gunit[i];
		for (i = 0; i < j->gn; i++)
			if (j->gunit[i] != first)
				add_edge(j, first, j->gunit[i], 1.0);
		j->gn = 0;
		return;
	}
	for (i = 0; i < j->gn; i++)
		for (k = i + 1; k < j->gn; k++)
			if (j->gunit[i] != j->gunit[k])
				add_candidate(j, j->gunit[i], j->gunit[k]);
	j->gn = 0;
}

/* A signature record: kept only for units that are in a candidate
 * pair. */
static void
join_signature(struct join *j, char *line)
{
	char *f[7];
	uint32_t u;
	size_t n, i;

	n = wire_split(line, '\t', f, 7);
	if (n != 6)
		wire_die_at(j->file, j->lineno, "not a --signatures record");
	u = strmap_find(&j->ids, f[4], strlen(f[4]), false);
	if (u == NONE)
		return;
	if (wire_minhash_decode(f[5], strlen(f[5]), j->sigtmp, j->perm) != 0)
		wire_die_at(j->file, j->lineno, "bad signature");
	if (u >= j->scap) {
		n = j->scap;
		j->scap = j->ids.keys.n + 1024;
		j->sigs = wire_xreallocarray(j->sigs, j->scap,
		                             j->perm * sizeof *j->sigs);
		j->hassig = wire_xrealloc(j->hassig, j->scap);
		memset(j->hassig + n, 0, j->scap - n);
	}
	for (i = 0; i < j->perm; i++)
		j->sigs[(size_t)u * j->perm + i] = (uint16_t)j->sigtmp[i];
	j->hassig[u] = true;
}

/* Every candidate pair confirmed on its signatures. */
static void
join_confirm(struct join *j)
{
	size_t i, k;
	uint32_t a, b;
	const char *lab;
	unsigned same;

	for (i = 0; i < j->ccap; i++) {
		if (j->cand[i] == 0)
			continue;
		a = (uint32_t)(j->cand[i] >> 32);
		b = (uint32_t)j->cand[i] - 1;
		if (a >= j->scap || b >= j->scap || !j->hassig[a] ||
		    !j->hassig[b]) {
			lab = labels_get(&j->ids.keys, a < j->scap &&
			                 j->hassig[a] ? b : a, &k);
			wire_die("%s: no signature record for %.*s", j->file,
			         (int)k, lab);
		}
		same = 0;
		for (k = 0; k < j->perm; k++)
			same += j->sigs[(size_t)a * j->perm + k] ==
			        j->sigs[(size_t)b * j->perm + k];
		if ((double)same / j->perm + 1e-9 >= j->t)
			add_edge(j, a, b, (double)same / j->perm);
	}
}

static void
join_record(struct join *j, char *line, size_t len)
{
	size_t keylen = strcspn(line, "\t");

	if (keylen == len)
		wire_die_at(j->file, j->lineno, "not a --signatures record");
	if (keylen == 1 && line[0] == '~' && j->params.len > 0 && j->near) {
		if (!j->in_sigs) {
			join_group(j);
			j->in_sigs = true;
		}
		join_signature(j, line);
		return;
	}
	if (j->params.len == 0) {
		if (keylen == 16 || keylen == 32)
			wire_die_at(j->file, j->lineno, "records without their "
			            "parameter line (was the sort done with "
			            "LC_ALL=C?)");
		wire_die_at(j->file, j->lineno, "not wire-dedupe --signatures "
		            "records");
	}
	if (j->gn > 0 && (keylen != j->gkey.len ||
	                  memcmp(line, j->gkey.data, keylen) != 0))
		join_group(j);
	if (j->gn == 0) {
		wire_buf_clear(&j->gbytes);
		wire_buf_clear(&j->gkey);
		wire_buf_add(&j->gkey, line, keylen);
	}
	if (j->gn == j->goffcap) {
		/* goff grows with the group, gunit in join_group */
		j->goffcap = j->goffcap ? 2 * j->goffcap : 64;
		j->goff = wire_xreallocarray(j->goff, j->goffcap,
		                             sizeof *j->goff);
		j->gline = wire_xreallocarray(j->gline, j->goffcap,
		                              sizeof *j->gline);
	}
	j->gline[j->gn] = j->lineno;
	j->goff[j->gn++] = j->gbytes.len;
	wire_buf_add(&j->gbytes, line, len + 1);
}

/* Keep order over the units that have a pair: each is dropped when a
 * kept unit before it is similar enough, exactly as one pass would. */
static void
join_decide(struct join *j, bool pairs)
{
	size_t n = j->ids.keys.n, i, e, *start;
	uint32_t *order, *rank, *adj, *dupof, u, v, best;
	float *asim, *usim, bs;
	struct wire_writer w;
	const char *s;
	size_t len;
	char simtext[32];

	order = wire_xreallocarray(NULL, n + 1, sizeof *order);
	rank = wire_xreallocarray(NULL, n + 1, sizeof *rank);
	dupof = wire_xreallocarray(NULL, n + 1, sizeof *dupof);
	usim = wire_xreallocarray(NULL, n + 1, sizeof *usim);
	memset(dupof, 0xff, (n + 1) * sizeof *dupof);
	start = wire_xcalloc(n + 2, sizeof *start);
	adj = wire_xreallocarray(NULL, 2 * j->nedges + 1, sizeof *adj);
	asim = wire_xreallocarray(NULL, 2 * j->nedges + 1, sizeof *asim);
	for (i = 0; i < n; i++)
		order[i] = (uint32_t)i;
	rank_join = j;
	qsort(order, n, sizeof *order, by_keep_order);
	for (i = 0; i < n; i++)
		rank[order[i]] = (uint32_t)i;
	for (e = 0; e < j->nedges; e++) {
		start[j->edges[e].a + 1]++;
		start[j->edges[e].b + 1]++;
	}
	for (i = 0; i < n; i++)
		start[i + 1] += start[i];
	for (e = 0; e < j->nedges; e++) {
		u = j->edges[e].a;
		v = j->edges[e].b;
		asim[start[u]] = j->edges[e].sim;
		adj[start[u]++] = v;
		asim[start[v]] = j->edges[e].sim;
		adj[start[v]++] = u;
	}
	for (i = n; i > 0; i--)
		start[i] = start[i - 1];
	start[0] = 0;

	wire_writer_init(&w, stdout);
	wire_put_str(&w, pairs ? "a" : "id");
	wire_put_str(&w, pairs ? "b" : "dup_of");
	wire_put_str(&w, "similarity");
	wire_end_row(&w);
	for (i = 0; i < n; i++) {
		u = order[i];
		best = NONE;
		bs = -1;
		for (e = start[u]; e < start[u + 1]; e++) {
			v = adj[e];
			if (rank[v] >= rank[u] || dupof[v] != NONE)
				continue;
			if (asim[e] > bs ||
			    (asim[e] == bs && rank[v] < rank[best])) {
				best = v;
				bs = asim[e];
			}
		}
		dupof[u] = best;
		usim[u] = bs;
	}
	/* Written in input order (shard, then place in the shard), as a
	 * single pass over the shards would write them. */
	if (j->longest) {
		j->longest = false;
		qsort(order, n, sizeof *order, by_keep_order);
	}
	for (i = 0; i < n; i++) {
		u = order[i];
		if ((best = dupof[u]) == NONE)
			continue;
		format_sim(simtext, sizeof simtext, usim[u]);
		s = labels_get(&j->ids.keys, pairs ? best : u, &len);
		wire_put_raw(&w, s, len);
		s = labels_get(&j->ids.keys, pairs ? u : best, &len);
		wire_put_raw(&w, s, len);
		wire_put_str(&w, simtext);
		wire_end_row(&w);
	}
	wire_writer_finish(&w);
	free(order);
	free(rank);
	free(dupof);
	free(usim);
	free(start);
	free(adj);
	free(asim);
}

static void
run_join(char **files, int nfiles, bool have_t)
{
	struct join j;
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	int f;
	FILE *fp;

	memset(&j, 0, sizeof j);
	j.t = opt.t;
	for (f = 0; f < (nfiles ? nfiles : 1); f++) {
		j.file = nfiles && strcmp(files[f], "-") != 0 ? files[f]
		                                               : "<stdin>";
		fp = strcmp(j.file, "<stdin>") == 0 ? stdin
		                                   : fopen(files[f], "r");
		if (!fp)
			wire_die("%s: cannot open: %s", files[f],
			         strerror(errno));
		j.lineno = 0;
		while ((got = getline(&line, &cap, fp)) > 0) {
			j.lineno++;
			if (line[got - 1] == '\n')
				line[--got] = '\0';
			if (got > 0 && line[got - 1] == '\r')
				line[--got] = '\0';
			if (line[0] == '#') {
				/* A shuffle may give the key line an empty
				 * value: "key\t". */
				while (got > 0 && line[got - 1] == '\t')
					line[--got] = '\0';
				join_params(&j, line, have_t);
			}
			else if (got > 0)
				join_record(&j, line, (size_t)got);
		}
		if (ferror(fp) || !feof(fp))
			wire_die("%s: read error", j.file);
		if (fp != stdin)
			fclose(fp);
	}
	join_group(&j);
	if (j.near)
		join_confirm(&j);
	join_decide(&j, opt.pairs);
	free(line);
	strmap_free(&j.ids);
	free(j.units);
	free(j.edges);
	wire_buf_free(&j.params);
	wire_buf_free(&j.gkey);
	wire_buf_free(&j.gbytes);
	free(j.goff);
	free(j.gline);
	free(j.gunit);
	free(j.cand);
	free(j.sigs);
	free(j.hassig);
	free(j.sigtmp);
}

/* ---- applying a drop list ---------------------------------------------- */

static void
run_drop(char **files, int nfiles)
{
	struct wire_reader lr;
	struct strmap ids = {0};
	struct labels dupof = {0}, sims = {0};
	struct units u;
	struct output out;
	int idc, dupc, simc;
	const char *s, *d;
	size_t len, dlen;
	uint32_t k;

	wire_reader_open(&lr, opt.drop);
	idc = wire_reader_col(&lr, "id");
	dupc = wire_reader_col(&lr, "dup_of");
	if (idc < 0 && (idc = wire_reader_col(&lr, "b")) >= 0)
		dupc = wire_reader_col(&lr, "a");
	if (idc < 0)
		wire_reader_require(&lr, "id");
	simc = wire_reader_col(&lr, "similarity");
	while (wire_reader_next(&lr)) {
		s = wire_field(&lr, idc, &len);
		if (strmap_find(&ids, s, len, false) != NONE)
			continue;
		strmap_find(&ids, s, len, true);
		s = dupc >= 0 ? wire_field(&lr, dupc, &len) : "";
		labels_add(&dupof, s, dupc >= 0 ? len : 0);
		s = simc >= 0 ? wire_field(&lr, simc, &len) : "";
		labels_add(&sims, s, simc >= 0 ? len : 0);
	}
	wire_reader_close(&lr);

	units_init(&u, files, nfiles);
	output_init(&out, &u.first);
	while (units_read(&u)) {
		k = strmap_find(&ids, u.label.data, u.label.len, false);
		if (k == NONE) {
			emit(&out, &u, NULL, 0, NULL);
			continue;
		}
		d = labels_get(&dupof, k, &dlen);
		s = labels_get(&sims, k, &len);
		snprintf(out.simtext, sizeof out.simtext, "%.*s",
		         (int)(len < 31 ? len : 31), s);
		emit(&out, &u, d, dlen, out.simtext);
	}
	output_finish(&out);
	units_free(&u);
	strmap_free(&ids);
	labels_free(&dupof);
	labels_free(&sims);
}

/* ---- shingle sets, for checking the estimates against exact Jaccard --- */

static void
run_shingles(char **files, int nfiles)
{
	struct units u;
	struct decider dc;
	struct wire_writer w;
	struct wire_buf hex = {0};
	size_t i, n;

	units_init(&u, files, nfiles);
	decider_init(&dc);
	wire_writer_init(&w, stdout);
	wire_put_str(&w, "id");
	wire_put_str(&w, "shingles");
	wire_end_row(&w);
	while (units_read(&u)) {
		n = wire_minhash_sign(&dc.mh, u.norm.data, u.norm.len, dc.sig);
		wire_buf_clear(&hex);
		for (i = 0; i < n; i++)
			wire_buf_printf(&hex, "%s%" PRIx64, i ? " " : "",
			                dc.mh.hbuf[i]);
		wire_put(&w, u.label.data, u.label.len);
		wire_put(&w, hex.data ? hex.data : "", hex.len);
		wire_end_row(&w);
	}
	wire_writer_finish(&w);
	wire_buf_free(&hex);
	decider_free(&dc);
	units_free(&u);
}

/* ---- options ----------------------------------------------------------- */

static unsigned long
number(const char *s, const char *what, unsigned long lo, unsigned long hi)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *s == '\0' || *s == '-' || *end != '\0' || v < lo ||
	    v > hi)
		wire_usage_error("%s must be a number from %lu to %lu, not '%s'",
		                 what, lo, hi, s);
	return v;
}

/* Combinations of options that make no sense, and the defaults that
 * depend on the unit. */
static void
check_options(bool have_t, bool have_near_opt)
{
	if (have_t && !opt.join)
		opt.near = true;
	if (have_near_opt && !opt.near)
		wire_usage_error("--shingle, --chars, --words, --perm and "
		                 "--bands need --near");
	if (opt.mark && opt.pairs)
		wire_usage_error("--mark and --pairs exclude each other");
	if (opt.signatures + opt.join + (opt.drop != NULL) > 1)
		wire_usage_error("--signatures, --join and --drop exclude each "
		                 "other");
	if ((opt.signatures || opt.join) && opt.mark)
		wire_usage_error("--mark needs a stream: use it with --drop");
	if ((opt.signatures || opt.drop) && opt.pairs)
		wire_usage_error("--pairs goes with --join or a one-pass run");
	if (opt.bands && opt.perm / opt.bands == 0)
		wire_usage_error("--bands must not exceed --perm");
	if (opt.chars < 0)
		opt.chars = 0;
	if (!have_t)
		opt.t = opt.by_doc ? 0.5 : 0.8;
	if (opt.shingle == 0)
		opt.shingle = opt.by_doc ? 5 : 3;
}

int
main(int argc, char **argv)
{
	int c;
	char *end;
	bool have_t = false, have_near_opt = false;

	wire_init(argv[0]);
	while ((c = getopt_long(argc, argv, "hk:nt:b:mps:i:", longopts,
	                        NULL)) != -1) {
		switch (c) {
		case 'k': opt.key = optarg; break;
		case 'n': opt.near = true; break;
		case 't':
			errno = 0;
			opt.t = strtod(optarg, &end);
			if (errno || *end != '\0' || end == optarg ||
			    !(opt.t > 0 && opt.t <= 1))
				wire_usage_error("-t: a Jaccard threshold above "
				                 "0 and at most 1, not '%s'",
				                 optarg);
			have_t = true;
			break;
		case 'b':
			if (strcmp(optarg, "doc") == 0)
				opt.by_doc = true;
			else if (strcmp(optarg, "row") == 0)
				opt.by_doc = false;
			else
				wire_usage_error("--by: doc or row, not '%s'",
				                 optarg);
			break;
		case OPT_KEEP:
			if (strcmp(optarg, "longest") == 0)
				opt.longest = true;
			else if (strcmp(optarg, "first") == 0)
				opt.longest = false;
			else
				wire_usage_error("--keep: first or longest, "
				                 "not '%s'", optarg);
			break;
		case 'm': opt.mark = true; break;
		case 'p': opt.pairs = true; break;
		case 's':
			opt.shingle = (unsigned)number(optarg, "--shingle", 1,
			                               32);
			have_near_opt = true;
			break;
		case OPT_CHARS: opt.chars = 1; have_near_opt = true; break;
		case OPT_WORDS: opt.chars = 0; have_near_opt = true; break;
		case OPT_PERM:
			opt.perm = (unsigned)number(optarg, "--perm", 8, 1024);
			if (opt.perm % 8)
				wire_usage_error("--perm must be a multiple of 8");
			have_near_opt = true;
			break;
		case OPT_BANDS:
			opt.bands = (unsigned)number(optarg, "--bands", 1, 1024);
			have_near_opt = true;
			break;
		case OPT_SEED:
			opt.seed = number(optarg, "--seed", 0, ULONG_MAX);
			break;
		case 'i': opt.idcol = optarg; break;
		case OPT_SIGNATURES: opt.signatures = true; break;
		case OPT_SHARD:
			opt.shard = number(optarg, "--shard", 0, ULONG_MAX);
			break;
		case OPT_JOIN: opt.join = true; break;
		case OPT_DROP: opt.drop = optarg; break;
		case OPT_SHINGLES: opt.shingles = opt.near = true; break;
		case OPT_STATS: opt.stats = true; break;
		default: wire_common_option(c, usage);
		}
	}
	check_options(have_t, have_near_opt);

	argv += optind;
	argc -= optind;
	if (opt.join)
		run_join(argv, argc, have_t);
	else if (opt.signatures)
		run_signatures(argv, argc);
	else if (opt.shingles)
		run_shingles(argv, argc);
	else if (opt.drop)
		run_drop(argv, argc);
	else if (opt.longest)
		run_longest(argv, argc);
	else
		run_first(argv, argc);
	wire_close_stdout();
	return 0;
}
