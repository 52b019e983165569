/*
 * The PER/ORG/LOC/MISC tagger: an averaged structured perceptron (Collins
 * 2002) over BILOU tags (Ratinov & Roth 2009), first-order Viterbi with
 * the BILOU constraints built in, and hashed features (Weinberger et al.
 * 2009): every feature string maps to one row of a 2^bits x 17 table, so
 * the model has no feature dictionary and loading is one read.
 *
 * Features of token i (ner_features below): the word and its lower-cased,
 * digit-folded form; long and short shape (Xxxx, Xx, d-d); prefixes and
 * suffixes of 1-4 bytes; words and shapes at +-1 and +-2; word bigrams;
 * the shape trigram; capitalisation class with the sentence position and
 * whether the sentence is all capitals (CoNLL headlines); word-cluster
 * ids at two granularities of the word and its neighbours; and a
 * document feature, how the same word is capitalised elsewhere in the
 * document away from sentence starts and headlines ("JAPAN" in a
 * headline, "Japan" in the body).
 *
 * Model file (little-endian): "WIRENER1", u32 tags, u32 bits, f32 scale,
 * f32 transitions[(tags + 1) * tags] (last row: sentence start), u32
 * cluster entries of (u64 word hash, u16 coarse, u16 fine), u32 rows of
 * (u32 row, i16 weight[tags]) for the rows not all zero; weight =
 * i16 * scale.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wire.h"

#define NT 17              /* O, then B I L U of PER ORG LOC MISC */
#define NTYPES_NER 4
#define MAXF 48            /* features per token, at most */
#define MAXSENT 400        /* longer sentences are cut for decoding */
#define MAGIC "WIRENER1"

enum { B_, I_, L_, U_ };
#define TAG(type, k) (1 + (type) * 4 + (k))
#define TTYPE(t) (((t) - 1) / 4)
#define TPOS(t) (((t) - 1) % 4)

/* capitalisation classes */
enum { CAP_NONE, CAP_LOWER, CAP_TITLE, CAP_UPPER, CAP_MIXED };

/* token flags */
#define TF_NEWLINE 1u
#define TF_START 2u    /* first token of a sentence */
#define TF_ALLCAPS 4u  /* in a sentence written in capitals */
#define TF_TITLED 8u   /* in a sentence of capitalised words (a headline) */
#define TF_HEADLINE (TF_ALLCAPS | TF_TITLED)

struct ntok {
	uint32_t seg;         /* text index */
	uint32_t start, end;  /* bytes into the text */
	uint32_t low, lowlen; /* lower-cased form in d->forms */
	uint64_t hw, hl, hs, hss;
	uint16_t c1, c2;      /* clusters + 1, 0 when unknown */
	uint8_t flags, cap, prof, pos;
	uint8_t gold, pred;
};

struct seginfo {
	size_t off, len;     /* text bytes in d->text */
	size_t ment0, nment; /* its mentions */
};

struct profent {
	uint64_t key;
	uint16_t n[3]; /* lower, title, upper */
	uint16_t h[NTYPES_NER + 1]; /* tagged so far: O, PER, ORG, LOC, MISC */
};

struct scratch {
	float *e;
	uint8_t *bp, *tags, *nf;
	uint32_t *f;
};

static void scratch_free(struct scratch *s);

struct wire_ner_doc {
	struct wire_buf text;
	struct wire_buf forms;
	struct wire_buf scratch, scratch2;
	struct seginfo *seg;
	size_t nseg, segcap;
	struct ntok *tok;
	size_t ntok, tokcap;
	struct wire_ner_token *raw;
	size_t rawcap;
	struct wire_ner_mention *ment;
	size_t nment, mentcap;
	struct profent *prof;
	size_t profcap, profsize, profused;
	uint32_t *feat; /* cached feature rows (training), MAXF per token */
	struct scratch sc;
	uint8_t *nfeat;
};

struct wire_ner {
	int bits;
	uint32_t mask;
	float scale;
	/* The loaded model keeps only its non-zero rows (a few percent of
	 * the table), so that they stay in the cache: row r is present when
	 * bit r of nz is set, and is then row rank(r) of w. */
	uint64_t *nz;
	uint32_t *rank; /* set bits before each word of nz */
	int16_t *w;     /* present rows x NT */
	float *fw;    /* rows x NT, while training */
	double *acc;  /* sum of c * update, for the average */
	float trans[(NT + 1) * NT];
	double tacc[(NT + 1) * NT];
	uint64_t *ckey;
	uint16_t (*cval)[2];
	size_t ccap, ncl;
};

/* ---- character classes and word forms ---------------------------------- */

static size_t
dec(const char *s, size_t len, size_t i, uint32_t *cp)
{
	size_t n;

	if ((unsigned char)s[i] < 0x80) {
		*cp = (unsigned char)s[i];
		return 1;
	}
	n = wire_utf8_decode(s + i, len - i, cp);
	if (n == 0) {
		*cp = WIRE_REPLACEMENT_CHAR;
		n = 1;
	}
	return n;
}

/* Upper and lower case for ASCII, Latin-1, Latin Extended-A, Greek and
 * Cyrillic: enough for the names in English news. */
static bool
cp_upper(uint32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	if (c >= 0xC0 && c <= 0xDE)
		return c != 0xD7;
	if (c >= 0x100 && c <= 0x17F)
		return (c >= 0x139 && c <= 0x148) || c >= 0x179 ? (c & 1) : !(c & 1);
	return (c >= 0x391 && c <= 0x3A9) || (c >= 0x400 && c <= 0x42F);
}

static bool
cp_lower(uint32_t c)
{
	if (c < 0x80)
		return c >= 'a' && c <= 'z';
	if (c >= 0xDF && c <= 0xFF)
		return c != 0xF7;
	if (c >= 0x100 && c <= 0x17F)
		return !cp_upper(c);
	return (c >= 0x3B1 && c <= 0x3C9) || (c >= 0x430 && c <= 0x45F);
}

static uint32_t
cp_tolower(uint32_t c)
{
	if (!cp_upper(c))
		return c;
	if (c < 0x80 || (c >= 0xC0 && c <= 0xDE) || (c >= 0x391 && c <= 0x3A9) ||
	    (c >= 0x410 && c <= 0x42F))
		return c + 32;
	if (c >= 0x400 && c <= 0x40F)
		return c + 80;
	return c + 1; /* Latin Extended-A pairs */
}

static bool
cp_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

/* The form the features see: typographic quotes, dashes and ellipses as
 * the ASCII that CoNLL uses. */
void
wire_ner_norm(const char *s, size_t n, struct wire_buf *out)
{
	size_t i = 0, k;
	uint32_t c;

	for (k = 0; k < n && (unsigned char)s[k] < 0x80; k++)
		;
	if (k == n) {
		wire_buf_add(out, s, n);
		return;
	}

	while (i < n) {
		k = dec(s, n, i, &c);
		if (c == 0x2018 || c == 0x2019 || c == 0x201A || c == 0x201B ||
		    c == 0x2032)
			wire_buf_addc(out, '\'');
		else if (c == 0x201C || c == 0x201D || c == 0x201E ||
		         c == 0x201F || c == 0x2033 || c == 0xAB || c == 0xBB)
			wire_buf_addc(out, '"');
		else if (c == 0x2013 || c == 0x2012 || c == 0x2212)
			wire_buf_addc(out, '-');
		else if (c == 0x2014 || c == 0x2015)
			wire_buf_add(out, "--", 2);
		else if (c == 0x2026)
			wire_buf_add(out, "...", 3);
		else
			wire_buf_add(out, s + i, k);
		i += k;
	}
}

/* Lower case with digits folded to 0, appended to OUT. */
static void
low_form(const char *s, size_t n, struct wire_buf *out)
{
	size_t i = 0, k;
	uint32_t c;
	char tmp[4];

	wire_buf_reserve(out, n + 4);
	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			char ch = s[i++];
			if (ch >= '0' && ch <= '9')
				ch = '0';
			else if (ch >= 'A' && ch <= 'Z')
				ch = (char)(ch + 32);
			out->data[out->len++] = ch;
			out->data[out->len] = '\0';
			continue;
		}
		k = dec(s, n, i, &c);
		if (cp_digit(c))
			wire_buf_addc(out, '0');
		else if (cp_upper(c))
			wire_buf_add(out, tmp, wire_utf8_encode(cp_tolower(c), tmp));
		else
			wire_buf_add(out, s + i, k);
		i += k;
	}
}

/* Shape: X x d or the character itself; LONG keeps runs up to 4, short
 * collapses every run. */
static uint64_t
shape_hash(const char *s, size_t n, bool lng, int *cap)
{
	char sh[64];
	size_t i = 0, k, m = 0, run = 0;
	uint32_t c;
	char ch, last = 0;
	bool up = false, lo = false, firstup = false, laterup = false;

	while (i < n && m < sizeof sh) {
		k = dec(s, n, i, &c);
		if (cp_upper(c)) {
			ch = 'X';
			if (i == 0)
				firstup = true;
			else
				laterup = true;
			up = true;
		} else if (cp_lower(c)) {
			ch = 'x';
			lo = true;
		} else if (cp_digit(c)) {
			ch = 'd';
		} else if (c < 0x80) {
			ch = (char)c;
		} else {
			ch = c >= 0xC0 && !(c >= 0x2000 && c <= 0x2BFF) ? 'x' : '?';
		}
		run = ch == last ? run + 1 : 1;
		last = ch;
		if (run <= (lng ? 4u : 1u))
			sh[m++] = ch;
		i += k;
	}
	if (cap) {
		if (!up && !lo)
			*cap = CAP_NONE;
		else if (!up)
			*cap = CAP_LOWER;
		else if (!lo)
			*cap = CAP_UPPER;
		else if (firstup && !laterup)
			*cap = CAP_TITLE;
		else
			*cap = firstup ? CAP_TITLE : CAP_MIXED;
	}
	return wire_hash64(sh, m, lng ? 3 : 4);
}

/* ---- hashing of features ------------------------------------------------ */

#define K1 0x9E3779B97F4A7C15ull

static inline uint32_t
f1(const struct wire_ner *m, uint64_t tmpl, uint64_t a)
{
	return (uint32_t)(wire_mix64(a ^ (tmpl * K1)) & m->mask);
}

static inline uint32_t
f2(const struct wire_ner *m, uint64_t tmpl, uint64_t a, uint64_t b)
{
	return (uint32_t)(wire_mix64(wire_mix64(a ^ (tmpl * K1)) + b) & m->mask);
}

static inline uint32_t
f3(const struct wire_ner *m, uint64_t tmpl, uint64_t a, uint64_t b,
   uint64_t c)
{
	return (uint32_t)(wire_mix64(wire_mix64(wire_mix64(a ^ (tmpl * K1)) + b) +
	                             c) &
	                  m->mask);
}

/* ---- clusters ------------------------------------------------------------ */

static void
cl_put(struct wire_ner *m, uint64_t key, uint16_t c1, uint16_t c2)
{
	size_t i;

	if (2 * (m->ncl + 1) > m->ccap) {
		uint64_t *ok = m->ckey;
		uint16_t(*ov)[2] = m->cval;
		size_t oc = m->ccap, j;
		m->ccap = oc ? oc * 2 : 1024;
		m->ckey = wire_xcalloc(m->ccap, sizeof *m->ckey);
		m->cval = wire_xcalloc(m->ccap, sizeof *m->cval);
		m->ncl = 0;
		for (j = 0; j < oc; j++)
			if (ok[j])
				cl_put(m, ok[j], ov[j][0], ov[j][1]);
		free(ok);
		free(ov);
	}
	key |= 1; /* 0 marks an empty slot */
	for (i = key & (m->ccap - 1); m->ckey[i] && m->ckey[i] != key;
	     i = (i + 1) & (m->ccap - 1))
		;
	if (!m->ckey[i])
		m->ncl++;
	m->ckey[i] = key;
	m->cval[i][0] = c1;
	m->cval[i][1] = c2;
}

static const uint16_t *
cl_get(const struct wire_ner *m, const char *w, size_t n)
{
	uint64_t key;
	size_t i;

	if (!m->ccap)
		return NULL;
	key = wire_hash64(w, n, 11) | 1;
	for (i = key & (m->ccap - 1); m->ckey[i]; i = (i + 1) & (m->ccap - 1))
		if (m->ckey[i] == key)
			return m->cval[i];
	return NULL;
}

/* Cluster of a word: its own form, else (for "BRUSSELS" in a headline or
 * "The" at a sentence start) the title-case and lower-case forms. */
static const uint16_t *
cl_lookup(const struct wire_ner *m, struct wire_buf *tmp, const char *w,
          size_t n)
{
	const uint16_t *c = cl_get(m, w, n);
	size_t i, k;
	uint32_t cp;
	char enc[4];

	if (c || n == 0)
		return c;
	for (int pass = 0; pass < 2; pass++) {
		wire_buf_clear(tmp);
		for (i = 0; i < n; i += k) {
			k = dec(w, n, i, &cp);
			if ((i > 0 || pass == 1) && cp_upper(cp))
				wire_buf_add(tmp, enc,
				             wire_utf8_encode(cp_tolower(cp), enc));
			else
				wire_buf_add(tmp, w + i, k);
		}
		if ((c = cl_get(m, tmp->data, tmp->len)))
			return c;
	}
	return NULL;
}

static void
cl_load(struct wire_ner *m, const char *file)
{
	FILE *fp = fopen(file, "r");
	char *line = NULL, *f[4];
	size_t cap = 0;
	ssize_t n;
	unsigned long ln = 0;

	if (!fp)
		wire_die("%s: %s", file, strerror(errno));
	while ((n = getline(&line, &cap, fp)) > 0) {
		ln++;
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		if (n == 0 || line[0] == '#')
			continue;
		if (wire_split(line, '\t', f, 4) != 3)
			wire_die_at(file, ln, "expected word TAB coarse TAB fine");
		cl_put(m, wire_hash64(f[0], strlen(f[0]), 11),
		       (uint16_t)(atoi(f[1]) + 1), (uint16_t)(atoi(f[2]) + 1));
	}
	if (ferror(fp) || !feof(fp))
		wire_die("%s: %s", file, strerror(errno));
	free(line);
	fclose(fp);
}

/* ---- documents ------------------------------------------------------------ */

struct wire_ner_doc *
wire_ner_doc_new(void)
{
	return wire_xcalloc(1, sizeof(struct wire_ner_doc));
}

void
wire_ner_doc_clear(struct wire_ner_doc *d)
{
	wire_buf_clear(&d->text);
	wire_buf_clear(&d->forms);
	d->nseg = d->ntok = d->nment = 0;
}

void
wire_ner_doc_free(struct wire_ner_doc *d)
{
	if (!d)
		return;
	wire_buf_free(&d->text);
	wire_buf_free(&d->forms);
	wire_buf_free(&d->scratch);
	wire_buf_free(&d->scratch2);
	free(d->seg);
	free(d->tok);
	free(d->raw);
	free(d->ment);
	free(d->prof);
	free(d->feat);
	free(d->nfeat);
	if (d->sc.e)
		scratch_free(&d->sc);
	free(d);
}

static size_t
add_seg(struct wire_ner_doc *d, const char *text, size_t len)
{
	struct seginfo *sg;

	if (d->nseg == d->segcap) {
		d->segcap = d->segcap ? d->segcap * 2 : 64;
		d->seg = wire_xreallocarray(d->seg, d->segcap, sizeof *d->seg);
	}
	sg = &d->seg[d->nseg];
	sg->off = d->text.len;
	sg->len = len;
	sg->ment0 = sg->nment = 0;
	wire_buf_add(&d->text, text, len);
	return d->nseg++;
}

/* Adds a token whose form is FORM (N bytes). */
static struct ntok *
add_tok(struct wire_ner_doc *d, size_t seg, size_t start, size_t end,
        const char *form, size_t n, unsigned flags)
{
	struct ntok *t;
	int cap;

	if (d->ntok == d->tokcap) {
		/* by half: a long document is most of the memory */
		d->tokcap = d->tokcap ? d->tokcap + d->tokcap / 2 : 1024;
		d->tok = wire_xreallocarray(d->tok, d->tokcap, sizeof *d->tok);
	}
	t = &d->tok[d->ntok++];
	memset(t, 0, sizeof *t);
	t->seg = (uint32_t)seg;
	t->start = (uint32_t)start;
	t->end = (uint32_t)end;
	t->flags = (uint8_t)flags;
	wire_buf_clear(&d->scratch);
	wire_ner_norm(form, n, &d->scratch);
	t->hw = wire_hash64(d->scratch.data, d->scratch.len, 1);
	t->hs = shape_hash(d->scratch.data, d->scratch.len, true, &cap);
	t->hss = shape_hash(d->scratch.data, d->scratch.len, false, NULL);
	t->cap = (uint8_t)cap;
	t->low = (uint32_t)d->forms.len;
	low_form(d->scratch.data, d->scratch.len, &d->forms);
	t->lowlen = (uint32_t)(d->forms.len - t->low);
	t->hl = wire_hash64(d->forms.data + t->low, t->lowlen, 2);
	/* the exact form too, for the cluster lookup at prepare time */
	return t;
}

static bool
tok_is(const struct wire_ner_doc *d, const struct ntok *t, const char *s)
{
	size_t n = strlen(s);
	return t->lowlen == n && memcmp(d->forms.data + t->low, s, n) == 0;
}

/* Sentence starts inside one text: after . ! ? (and closing quotes or
 * brackets after them) when the next token starts a sentence, at a line
 * break, and every MAXSENT tokens. */
static void
mark_sentences(struct wire_ner_doc *d, size_t t0)
{
	size_t i, run = 0;
	bool end = false;

	for (i = t0; i < d->ntok; i++) {
		struct ntok *t = &d->tok[i];
		if (i == t0 || (t->flags & TF_NEWLINE) || run >= MAXSENT ||
		    (end && (t->cap == CAP_TITLE || t->cap == CAP_UPPER ||
		             tok_is(d, t, "\"") || tok_is(d, t, "(") ||
		             (d->forms.data[t->low] == '0')))) {
			t->flags |= TF_START;
			run = 0;
			end = false;
		}
		run++;
		if (tok_is(d, t, ".") || tok_is(d, t, "!") || tok_is(d, t, "?") ||
		    tok_is(d, t, "..."))
			end = true;
		else if (!(end && (tok_is(d, t, "\"") || tok_is(d, t, "'") ||
		                   tok_is(d, t, ")"))))
			end = false;
	}
}

size_t
wire_ner_doc_add(struct wire_ner_doc *d, const char *text, size_t len)
{
	size_t seg = add_seg(d, text, len), n, i, t0 = d->ntok;
	const char *s = d->text.data + d->seg[seg].off;

	size_t at = 0, end;

	/* a line at a time: a line break ends a token anyway, and the
	 * token buffer stays as small as the longest line */
	while (at < len) {
		const char *nl = memchr(s + at, '\n', len - at);
		end = nl ? (size_t)(nl - s) + 1 : len;
		n = wire_ner_tokenize(s + at, end - at, &d->raw, &d->rawcap);
		for (i = 0; i < n; i++)
			add_tok(d, seg, at + d->raw[i].start, at + d->raw[i].end,
			        s + at + d->raw[i].start,
			        d->raw[i].end - d->raw[i].start,
			        (d->raw[i].flags & WIRE_NER_NEWLINE) ||
			                (i == 0 && at > 0) ? TF_NEWLINE : 0);
		at = end;
	}
	mark_sentences(d, t0);
	return seg;
}

const char *
wire_ner_doc_text(const struct wire_ner_doc *d, size_t i, size_t *len)
{
	if (len)
		*len = d->seg[i].len;
	return d->text.data ? d->text.data + d->seg[i].off : "";
}

/* ---- document-level preparation -------------------------------------------- */

static struct profent *
prof_find(struct profent *tab, size_t size, uint64_t key)
{
	size_t i;

	for (i = key & (size - 1); tab[i].key && tab[i].key != key;
	     i = (i + 1) & (size - 1))
		;
	return &tab[i];
}

/* The entry of word KEY, made if new.  The table grows with the words
 * of the document (far fewer than its tokens). */
static struct profent *
prof_slot(struct wire_ner_doc *d, uint64_t key)
{
	struct profent *p;

	key |= 1;
	p = prof_find(d->prof, d->profsize, key);
	if (p->key)
		return p;
	if (2 * (d->profused + 1) > d->profsize) {
		size_t size = d->profsize * 2, i;
		struct profent *tab = wire_xcalloc(size, sizeof *tab);
		for (i = 0; i < d->profsize; i++)
			if (d->prof[i].key)
				*prof_find(tab, size, d->prof[i].key) = d->prof[i];
		free(d->prof);
		d->prof = tab;
		d->profsize = d->profcap = size;
		p = prof_find(d->prof, d->profsize, key);
	}
	d->profused++;
	p->key = key;
	return p;
}

/* Capitalisation of a word elsewhere in the document: 0 not seen away
 * from sentence starts and headlines, 1 lower only, 2 title only, 3 both,
 * 4 capitals only.  The token's own occurrence does not count. */
static uint8_t
profile_of(const struct profent *p, const struct ntok *t)
{
	int n[3] = {p->n[0], p->n[1], p->n[2]};
	bool counted = !(t->flags & (TF_START | TF_HEADLINE));

	if (counted && t->cap == CAP_LOWER)
		n[0]--;
	else if (counted && t->cap == CAP_TITLE)
		n[1]--;
	else if (counted && t->cap == CAP_UPPER)
		n[2]--;
	if (n[0] > 0 && n[1] > 0)
		return 3;
	if (n[1] > 0)
		return 2;
	if (n[0] > 0)
		return 1;
	if (n[2] > 0)
		return 4;
	return 0;
}


/* A title-case headline is read as if it were in capitals, which CoNLL
 * has plenty of: its words' forms and shapes become those of capitals,
 * and the model leans on the lower-case form, the clusters and the
 * document instead of the capital letters. */
static void
as_capitals(struct wire_ner_doc *d, struct ntok *t)
{
	size_t i;
	int cap;

	t->flags |= TF_ALLCAPS | TF_TITLED;
	wire_buf_clear(&d->scratch);
	wire_ner_norm(d->text.data + d->seg[t->seg].off + t->start,
	              t->end - t->start, &d->scratch);
	for (i = 0; i < d->scratch.len; i++)
		if (d->scratch.data[i] >= 'a' && d->scratch.data[i] <= 'z')
			d->scratch.data[i] = (char)(d->scratch.data[i] - 32);
	t->hw = wire_hash64(d->scratch.data, d->scratch.len, 1);
	t->hs = shape_hash(d->scratch.data, d->scratch.len, true, &cap);
	t->hss = shape_hash(d->scratch.data, d->scratch.len, false, NULL);
	t->cap = (uint8_t)cap;
}

static void
prepare(const struct wire_ner *m, struct wire_ner_doc *d)
{
	size_t i, j, s0, need;

	/* headlines: sentences in capitals (CoNLL's), or whose words of
	 * four letters or more are all capitalised ("Moscow Rejects
	 * Washington Pressure to Seek Assad's Exit") */
	for (s0 = 0; s0 < d->ntok; s0 = j) {
		bool lower = false, upper = false, listy = false;
		size_t content = 0, lowcontent = 0, commas = 0;
		for (j = s0; j < d->ntok && (j == s0 || !(d->tok[j].flags & TF_START));
		     j++) {
			const struct ntok *t = &d->tok[j];
			if (t->cap == CAP_LOWER || t->cap == CAP_TITLE ||
			    t->cap == CAP_MIXED)
				lower = true;
			if (t->cap == CAP_UPPER && t->end - t->start > 1)
				upper = true;
			if (t->cap != CAP_NONE && t->lowlen >= 4) {
				content++;
				lowcontent += t->cap == CAP_LOWER;
			}
			/* not a headline: results tables, name lists, labels */
			if (memchr(d->forms.data + t->low, '0', t->lowlen) ||
			    tok_is(d, t, "(") || tok_is(d, t, ":"))
				listy = true;
			commas += tok_is(d, t, ",");
		}
		if (j > s0 && (tok_is(d, &d->tok[j - 1], ".") ||
		               tok_is(d, &d->tok[j - 1], "?") ||
		               tok_is(d, &d->tok[j - 1], "!")))
			listy = true;
		if (upper && !lower)
			for (i = s0; i < j; i++)
				d->tok[i].flags |= TF_ALLCAPS;
		else if (content >= 3 && lowcontent == 0 && !listy && commas <= 2)
			for (i = s0; i < j; i++)
				as_capitals(d, &d->tok[i]);
	}
	for (need = 1024; need < d->ntok / 2; need *= 2)
		;
	if (need > d->profcap) {
		free(d->prof);
		d->profcap = need;
		d->prof = wire_xcalloc(need, sizeof *d->prof);
	}
	/* the part this document uses, so that a long document before does
	 * not make every short one pay for clearing its table */
	d->profsize = need;
	d->profused = 0;
	memset(d->prof, 0, need * sizeof *d->prof);
	for (i = 0; i < d->ntok; i++) {
		struct ntok *t = &d->tok[i];
		struct profent *p = prof_slot(d, t->hl);
		int k = t->cap == CAP_LOWER ? 0 : t->cap == CAP_TITLE ? 1 :
		        t->cap == CAP_UPPER ? 2 : -1;
		if (k >= 0 && !(t->flags & (TF_START | TF_HEADLINE)) &&
		    p->n[k] < 0xFFFF)
			p->n[k]++;
	}
	for (i = 0; i < d->ntok; i++) {
		struct ntok *t = &d->tok[i];
		const uint16_t *c;
		t->prof = profile_of(prof_slot(d, t->hl), t);
		/* position: 0 sentence start, 1 after an opening quote,
		 * bracket or colon, 2 elsewhere */
		if (t->flags & TF_START)
			t->pos = 0;
		else if (tok_is(d, t - 1, "\"") || tok_is(d, t - 1, "(") ||
		         tok_is(d, t - 1, ":") || tok_is(d, t - 1, "'") ||
		         tok_is(d, t - 1, "-") || tok_is(d, t - 1, "--"))
			t->pos = 1;
		else
			t->pos = 2;
		wire_buf_clear(&d->scratch);
		if (d->nseg && d->text.len)
			wire_ner_norm(d->text.data + d->seg[t->seg].off + t->start,
			          t->end - t->start, &d->scratch);
		c = d->scratch.len ? cl_lookup(m, &d->scratch2, d->scratch.data,
		                               d->scratch.len) : NULL;
		t->c1 = c ? c[0] : 0;
		t->c2 = c ? c[1] : 0;
	}
}

/* ---- features ------------------------------------------------------------------ */

static const struct ntok bos = {.hw = 0x1001, .hl = 0x1002, .hs = 0x1003,
                                .hss = 0x1004};
static const struct ntok eos = {.hw = 0x2001, .hl = 0x2002, .hs = 0x2003,
                                .hss = 0x2004};

/* Features of token I of the sentence [S0, S1) as table rows. */
static size_t
ner_features(const struct wire_ner *m, const struct wire_ner_doc *d,
             size_t s0, size_t s1, size_t i, uint32_t *f)
{
	const struct ntok *t = &d->tok[i];
	const struct ntok *p1 = i > s0 ? t - 1 : &bos;
	const struct ntok *p2 = i > s0 + 1 ? t - 2 : &bos;
	const struct ntok *n1 = i + 1 < s1 ? t + 1 : &eos;
	const struct ntok *n2 = i + 2 < s1 ? t + 2 : &eos;
	const char *low = d->forms.data + t->low;
	uint64_t ac = (t->flags & TF_ALLCAPS) ? 1 : 0;
	uint64_t ctx = (uint64_t)t->pos * 16 + (uint64_t)t->cap * 2 + ac;
	size_t n = 0, k;

	f[n++] = f1(m, 0, 0);
	f[n++] = f1(m, 1, t->hw);
	f[n++] = f1(m, 2, t->hl);
	f[n++] = f1(m, 3, t->hs);
	f[n++] = f1(m, 4, t->hss);
	for (k = 1; k <= 4 && k <= t->lowlen; k++) {
		f[n++] = f2(m, 4 + k, k, wire_hash64(low, k, 5));
		f[n++] = f2(m, 8 + k, k, wire_hash64(low + t->lowlen - k, k, 6));
	}
	f[n++] = f1(m, 13, p1->hl);
	f[n++] = f1(m, 14, n1->hl);
	f[n++] = f1(m, 15, p2->hl);
	f[n++] = f1(m, 16, n2->hl);
	f[n++] = f1(m, 17, p1->hs);
	f[n++] = f1(m, 18, n1->hs);
	f[n++] = f1(m, 19, p2->hss);
	f[n++] = f1(m, 20, n2->hss);
	f[n++] = f2(m, 21, p1->hl, t->hl);
	f[n++] = f2(m, 22, t->hl, n1->hl);
	f[n++] = f3(m, 23, p1->hss, t->hss, n1->hss);
	f[n++] = f1(m, 24, ctx);
	if (ac)
		f[n++] = f1(m, 25, t->hl);
	if (t->c1) {
		f[n++] = f1(m, 26, t->c1);
		f[n++] = f2(m, 30, t->c1, ctx);
	}
	if (t->c2)
		f[n++] = f1(m, 27, t->c2);
	f[n++] = f1(m, 28, p1->c2 | (uint64_t)(p1 == &bos) << 20);
	f[n++] = f1(m, 29, n1->c2 | (uint64_t)(n1 == &eos) << 20);
	f[n++] = f2(m, 31, t->prof, ctx);
	f[n++] = f3(m, 32, t->prof, t->hss, t->pos);
	f[n++] = f2(m, 33, p1->hl, t->cap);
	f[n++] = f2(m, 34, t->cap, n1->hl);
	f[n++] = f3(m, 35, p1->cap, t->cap, n1->cap);
	return n;
}

/* ---- decoding ------------------------------------------------------------------- */

/* BILOU transitions that can occur; -1 for the sentence start. */
static bool
allowed(int p, int t)
{
	bool open = p > 0 && (TPOS(p) == B_ || TPOS(p) == I_);

	if (open)
		return t > 0 && TTYPE(t) == TTYPE(p) &&
		       (TPOS(t) == I_ || TPOS(t) == L_);
	return t == 0 || TPOS(t) == B_ || TPOS(t) == U_;
}

static bool
final_ok(int t)
{
	return t == 0 || TPOS(t) == L_ || TPOS(t) == U_;
}

/* Index in m->w of table row R, or UINT32_MAX when the row is zero. */
static inline uint32_t
present_row(const struct wire_ner *m, uint32_t r)
{
	uint64_t word = m->nz[r >> 6], bit = (uint64_t)1 << (r & 63);

	if (!(word & bit))
		return UINT32_MAX;
	return m->rank[r >> 6] + (uint32_t)__builtin_popcountll(word & (bit - 1));
}

static void
emissions(const struct wire_ner *m, const uint32_t *f, size_t nf, float *out)
{
	size_t j;
	int t;

	if (m->fw) {
		for (t = 0; t < NT; t++)
			out[t] = 0;
		for (j = 0; j < nf; j++) {
			const float *row = m->fw + (size_t)f[j] * NT;
			for (t = 0; t < NT; t++)
				out[t] += row[t];
		}
	} else {
		int32_t acc[NT] = {0};
		for (j = 0; j < nf; j++) {
			const int16_t *row;
			if (f[j] == UINT32_MAX)
				continue;
			row = m->w + (size_t)f[j] * NT;
			for (t = 0; t < NT; t++)
				acc[t] += row[t];
		}
		for (t = 0; t < NT; t++)
			out[t] = (float)acc[t] * m->scale;
	}
}

/* Viterbi over emissions E (n x NT); the best tags go to OUT. */
static void
viterbi(const struct wire_ner *m, const float *e, size_t n, uint8_t *bp,
        uint8_t *out)
{
	float cur[NT], prev[NT], tr[NT * NT];
	uint8_t from[NT][NT];
	int nfrom[NT];
	int p, t, best, k;
	size_t i;

	/* the possible predecessors of each tag, with their weights: 97
	 * pairs of the 289 */
	for (t = 0; t < NT; t++) {
		nfrom[t] = 0;
		for (p = 0; p < NT; p++)
			if (allowed(p, t)) {
				tr[t * NT + nfrom[t]] = m->trans[p * NT + t];
				from[t][nfrom[t]++] = (uint8_t)p;
			}
	}
	for (t = 0; t < NT; t++)
		cur[t] = allowed(-1, t) ? m->trans[NT * NT + t] + e[t] : -INFINITY;
	for (i = 1; i < n; i++) {
		memcpy(prev, cur, sizeof prev);
		for (t = 0; t < NT; t++) {
			const float *w = tr + t * NT;
			float bs = prev[from[t][0]] + w[0];
			int bpv = from[t][0];
			for (k = 1; k < nfrom[t]; k++) {
				float v = prev[from[t][k]] + w[k];
				if (v > bs) {
					bs = v;
					bpv = from[t][k];
				}
			}
			cur[t] = bs + e[i * NT + t];
			bp[i * NT + t] = (uint8_t)bpv;
		}
	}
	best = 0;
	for (t = 1; t < NT; t++)
		if (final_ok(t) && cur[t] > cur[best])
			best = t;
	for (i = n; i-- > 0;) {
		out[i] = (uint8_t)best;
		if (i > 0)
			best = bp[i * NT + best];
	}
}


static void
scratch_init(struct scratch *s)
{
	s->e = wire_xmalloc(MAXSENT * NT * sizeof *s->e);
	s->bp = wire_xmalloc(MAXSENT * NT);
	s->tags = wire_xmalloc(MAXSENT);
	s->f = wire_xmalloc(MAXSENT * MAXF * sizeof *s->f);
	s->nf = wire_xmalloc(MAXSENT);
}

static void
scratch_free(struct scratch *s)
{
	free(s->e);
	free(s->bp);
	free(s->tags);
	free(s->f);
	free(s->nf);
}

/* Prediction history (Ratinov & Roth 2009): how the same capitalised
 * word was tagged in the sentences of the document decoded so far. */
static size_t
history_features(const struct wire_ner *m, struct wire_ner_doc *d, size_t i,
                 uint32_t *f)
{
	const struct ntok *t = &d->tok[i];
	const struct profent *p;
	int k, best = 0, total = 0;

	if (t->cap == CAP_NONE || t->cap == CAP_LOWER)
		return 0;
	p = prof_slot(d, t->hl);
	for (k = 0; k <= NTYPES_NER; k++) {
		total += p->h[k];
		if (p->h[k] > p->h[best])
			best = k;
	}
	if (total == 0) {
		f[0] = f1(m, 40, 99);
		return 1;
	}
	f[0] = f2(m, 40, (uint64_t)best, p->h[best] == total);
	f[1] = f3(m, 41, (uint64_t)best, t->pos, (t->flags & TF_ALLCAPS) != 0);
	return 2;
}

/* Adds the tags of sentence [S0, S1) to the history. */
static void
history_add(struct wire_ner_doc *d, size_t s0, size_t s1)
{
	size_t i;

	for (i = s0; i < s1; i++) {
		const struct ntok *t = &d->tok[i];
		struct profent *p;
		int k;
		if (t->cap == CAP_NONE || t->cap == CAP_LOWER)
			continue;
		p = prof_slot(d, t->hl);
		k = t->pred ? 1 + TTYPE(t->pred) : 0;
		if (p->h[k] < 0xFFFF)
			p->h[k]++;
	}
}

static void
history_clear(struct wire_ner_doc *d)
{
	size_t i;

	for (i = 0; i < d->profsize; i++)
		memset(d->prof[i].h, 0, sizeof d->prof[i].h);
}

/* Decodes sentence [S0, S1) into tok[].pred; the features used are left
 * in sc->f and sc->nf (table rows while training). */
static void
decode_sentence(const struct wire_ner *m, struct wire_ner_doc *d, size_t s0,
                size_t s1, struct scratch *sc)
{
	size_t i, j;

	/* all rows of the sentence first, fetched ahead: the table is far
	 * larger than the cache, and waiting for one row at a time is most
	 * of the tagger's time */
	for (i = s0; i < s1; i++) {
		uint32_t *fi = sc->f + (i - s0) * MAXF;
		size_t n;
		if (d->feat) {
			n = d->nfeat[i];
			memcpy(fi, d->feat + i * MAXF, n * sizeof *fi);
		} else {
			n = ner_features(m, d, s0, s1, i, fi);
		}
		n += history_features(m, d, i, fi + n);
		sc->nf[i - s0] = (uint8_t)n;
		if (m->fw)
			continue;
		for (j = 0; j < n; j++) {
			fi[j] = present_row(m, fi[j]);
			if (fi[j] != UINT32_MAX)
				__builtin_prefetch(m->w + (size_t)fi[j] * NT);
		}
	}
	for (i = s0; i < s1; i++)
		emissions(m, sc->f + (i - s0) * MAXF, sc->nf[i - s0],
		          sc->e + (i - s0) * NT);
	viterbi(m, sc->e, s1 - s0, sc->bp, sc->tags);
	for (i = s0; i < s1; i++)
		d->tok[i].pred = sc->tags[i - s0];
	history_add(d, s0, s1);
}

static size_t
sentence_end(const struct wire_ner_doc *d, size_t s0)
{
	size_t j = s0 + 1;

	while (j < d->ntok && !(d->tok[j].flags & TF_START))
		j++;
	return j;
}

static void
add_mention(struct wire_ner_doc *d, size_t seg, size_t start, size_t end,
            int type)
{
	struct wire_ner_mention *mn;

	if (d->nment == d->mentcap) {
		d->mentcap = d->mentcap ? d->mentcap * 2 : 64;
		d->ment = wire_xreallocarray(d->ment, d->mentcap, sizeof *d->ment);
	}
	mn = &d->ment[d->nment++];
	mn->start = start;
	mn->end = end;
	mn->type = type;
	if (d->seg[seg].nment++ == 0)
		d->seg[seg].ment0 = d->nment - 1;
}

void
wire_ner_tag(const struct wire_ner *m, struct wire_ner_doc *d)
{
	size_t s0, s1, i, open = 0;

	prepare(m, d);
	if (!d->sc.e)
		scratch_init(&d->sc);
	for (s0 = 0; s0 < d->ntok; s0 = s1) {
		s1 = sentence_end(d, s0);
		decode_sentence(m, d, s0, s1, &d->sc);
	}
	d->nment = 0;
	for (i = 0; i < d->nseg; i++)
		d->seg[i].nment = 0;
	for (i = 0; i < d->ntok; i++) {
		int t = d->tok[i].pred;
		if (t == 0)
			continue;
		if (TPOS(t) == B_ || TPOS(t) == U_)
			open = i;
		if (TPOS(t) == L_ || TPOS(t) == U_)
			add_mention(d, d->tok[i].seg, d->tok[open].start,
			            d->tok[i].end, TTYPE(t));
	}
}

size_t
wire_ner_mentions(const struct wire_ner_doc *d, size_t i,
                  const struct wire_ner_mention **out)
{
	if (i >= d->nseg || d->seg[i].nment == 0) {
		*out = NULL;
		return 0;
	}
	*out = d->ment + d->seg[i].ment0;
	return d->seg[i].nment;
}

/* ---- model files ---------------------------------------------------------------- */

static void
put32(FILE *fp, uint32_t v)
{
	unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8),
	                      (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
	fwrite(b, 1, 4, fp);
}

static void
put16(FILE *fp, uint16_t v)
{
	unsigned char b[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
	fwrite(b, 1, 2, fp);
}

static void
putf(FILE *fp, float f)
{
	uint32_t v;
	memcpy(&v, &f, 4);
	put32(fp, v);
}

struct rd {
	const unsigned char *p, *end;
	const char *file;
};

static const unsigned char *
take(struct rd *r, size_t n)
{
	const unsigned char *p = r->p;

	if ((size_t)(r->end - r->p) < n)
		wire_die("%s: truncated model file", r->file);
	r->p += n;
	return p;
}

static uint32_t
get32(struct rd *r)
{
	const unsigned char *b = take(r, 4);
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	       (uint32_t)b[3] << 24;
}

static uint16_t
get16(struct rd *r)
{
	const unsigned char *b = take(r, 2);
	return (uint16_t)(b[0] | b[1] << 8);
}

static float
getf(struct rd *r)
{
	uint32_t v = get32(r);
	float f;
	memcpy(&f, &v, 4);
	return f;
}

struct wire_ner *
wire_ner_load(const char *file)
{
	char *path = file ? NULL : wire_model_path("ner.model");
	const char *name = file ? file : path;
	FILE *fp = fopen(name, "rb");
	struct wire_buf b = {0};
	struct wire_ner *m;
	struct rd r;
	uint32_t i, n, t, last = 0;

	if (!fp)
		wire_die("%s: %s", name, strerror(errno));
	if (wire_read_all(fp, &b) != 0)
		wire_die("%s: %s", name, strerror(errno));
	fclose(fp);
	r.p = (const unsigned char *)b.data;
	r.end = r.p + b.len;
	r.file = name;
	if (b.len < 8 || memcmp(take(&r, 8), MAGIC, 8) != 0)
		wire_die("%s: not a wire-tag-entities model", name);
	if (get32(&r) != NT)
		wire_die("%s: model has an unknown tag set", name);
	m = wire_xcalloc(1, sizeof *m);
	m->bits = (int)get32(&r);
	if (m->bits < 10 || m->bits > 26)
		wire_die("%s: bad model table size", name);
	m->mask = (1u << m->bits) - 1;
	m->scale = getf(&r);
	for (i = 0; i < (NT + 1) * NT; i++)
		m->trans[i] = getf(&r);
	n = get32(&r);
	for (i = 0; i < n; i++) {
		uint64_t lo = get32(&r), hi = get32(&r);
		uint16_t c1 = get16(&r), c2 = get16(&r);
		cl_put(m, lo | hi << 32, c1, c2);
	}
	n = get32(&r);
	m->w = wire_xcalloc((size_t)n * NT + 1, sizeof *m->w);
	m->nz = wire_xcalloc(((size_t)1 << m->bits) / 64, sizeof *m->nz);
	m->rank = wire_xcalloc(((size_t)1 << m->bits) / 64, sizeof *m->rank);
	for (i = 0; i < n; i++) {
		uint32_t row = get32(&r);
		/* rows come in increasing order, so rank(row) is i */
		if (row > m->mask || (i > 0 && row <= last))
			wire_die("%s: bad model row", name);
		last = row;
		m->nz[row >> 6] |= (uint64_t)1 << (row & 63);
		for (t = 0; t < NT; t++)
			m->w[(size_t)i * NT + t] = (int16_t)get16(&r);
	}
	for (i = 1; i < ((uint32_t)1 << m->bits) / 64; i++)
		m->rank[i] = m->rank[i - 1] +
		             (uint32_t)__builtin_popcountll(m->nz[i - 1]);
	if (r.p != r.end)
		wire_die("%s: trailing bytes in model file", name);
	wire_buf_free(&b);
	free(path);
	return m;
}

void
wire_ner_free(struct wire_ner *m)
{
	if (!m)
		return;
	free(m->w);
	free(m->nz);
	free(m->rank);
	free(m->fw);
	free(m->acc);
	free(m->ckey);
	free(m->cval);
	free(m);
}

/* Writes the averaged weights, quantised to 16 bits. */
static void
save_model(const struct wire_ner *m, double c, const char *file)
{
	size_t rows = (size_t)1 << m->bits, i, nrows = 0, ncl = 0;
	float *avg = wire_xmalloc(rows * NT * sizeof *avg);
	float maxw = 0, scale, trans[(NT + 1) * NT];
	FILE *fp = fopen(file, "wb");
	int t;

	if (!fp)
		wire_die("%s: %s", file, strerror(errno));
	for (i = 0; i < rows * NT; i++) {
		avg[i] = (float)(m->fw[i] - m->acc[i] / c);
		if (fabsf(avg[i]) > maxw)
			maxw = fabsf(avg[i]);
	}
	scale = maxw > 0 ? maxw / 32767.0f : 1.0f;
	for (i = 0; i < (NT + 1) * NT; i++)
		trans[i] = (float)(m->trans[i] - m->tacc[i] / c);
	fwrite(MAGIC, 1, 8, fp);
	put32(fp, NT);
	put32(fp, (uint32_t)m->bits);
	putf(fp, scale);
	for (i = 0; i < (NT + 1) * NT; i++)
		putf(fp, trans[i]);
	for (i = 0; i < m->ccap; i++)
		ncl += m->ckey[i] != 0;
	put32(fp, (uint32_t)ncl);
	for (i = 0; i < m->ccap; i++) {
		if (!m->ckey[i])
			continue;
		put32(fp, (uint32_t)m->ckey[i]);
		put32(fp, (uint32_t)(m->ckey[i] >> 32));
		put16(fp, m->cval[i][0]);
		put16(fp, m->cval[i][1]);
	}
	for (i = 0; i < rows * NT; i++)
		avg[i] = roundf(avg[i] / scale);
	for (i = 0; i < rows; i++)
		for (t = 0; t < NT; t++)
			if (avg[i * NT + t] != 0) {
				nrows++;
				break;
			}
	put32(fp, (uint32_t)nrows);
	for (i = 0; i < rows; i++) {
		for (t = 0; t < NT; t++)
			if (avg[i * NT + t] != 0)
				break;
		if (t == NT)
			continue;
		put32(fp, (uint32_t)i);
		for (t = 0; t < NT; t++)
			put16(fp, (uint16_t)(int16_t)avg[i * NT + t]);
	}
	free(avg);
	if (ferror(fp) | (fclose(fp) != 0))
		wire_die("%s: write error", file);
}

/* ---- training --------------------------------------------------------------------- */

/* IOB1/IOB2 chunks of one sentence as BILOU tags in tok[].gold. */
static void
to_bilou(struct wire_ner_doc *d, size_t s0, size_t s1, const int *type,
         const bool *begin)
{
	size_t i, j;

	for (i = s0; i < s1; i = j) {
		int ty = type[i - s0];
		if (ty < 0) {
			d->tok[i].gold = 0;
			j = i + 1;
			continue;
		}
		for (j = i + 1; j < s1 && type[j - s0] == ty && !begin[j - s0]; j++)
			;
		if (j - i == 1) {
			d->tok[i].gold = TAG(ty, U_);
		} else {
			size_t k;
			d->tok[i].gold = TAG(ty, B_);
			for (k = i + 1; k + 1 < j; k++)
				d->tok[k].gold = TAG(ty, I_);
			d->tok[j - 1].gold = TAG(ty, L_);
		}
	}
}

struct corpus {
	struct wire_ner_doc **doc;
	size_t n, cap;
};

static void
corpus_add(struct corpus *c, struct wire_ner_doc *d)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->doc = wire_xreallocarray(c->doc, c->cap, sizeof *c->doc);
	}
	c->doc[c->n++] = d;
}

static int
ner_type_of(const char *s, size_t n)
{
	int t = wire_etype_parse(s, n);
	return t >= WIRE_PER && t <= WIRE_MISC ? t : -2;
}

/* Ends the sentence being read: its tags to BILOU. */
static void
end_sentence(struct wire_ner_doc *d, size_t s0, int *type, bool *begin)
{
	size_t i;

	if (d->ntok == s0)
		return;
	d->tok[s0].flags |= TF_START;
	to_bilou(d, s0, d->ntok, type, begin);
	for (i = s0; i < d->ntok; i++)
		d->tok[i].pred = 0;
}

/* Reads a CoNLL file into documents.  The tokens' text is kept so that
 * clusters can be looked up by form. */
static void
read_conll(const char *file, struct corpus *c)
{
	FILE *fp = fopen(file, "r");
	char *line = NULL, *fld[16];
	size_t cap = 0, s0 = 0, nf;
	ssize_t n;
	unsigned long ln = 0;
	struct wire_ner_doc *d = NULL;
	int type[MAXSENT];
	bool begin[MAXSENT];

	if (!fp)
		wire_die("%s: %s", file, strerror(errno));
	while ((n = getline(&line, &cap, fp)) >= 0) {
		const char *tag;
		size_t i, seg, tl;
		ln++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (!wire_utf8_valid(line, (size_t)n, NULL))
			wire_die_at(file, ln, "invalid UTF-8");
		if (n == 0 || strncmp(line, "-DOCSTART-", 10) == 0) {
			if (!d)
				continue;
			end_sentence(d, s0, type, begin);
			s0 = d->ntok;
			if (n > 0 && d->ntok) {
				corpus_add(c, d);
				d = NULL;
				s0 = 0;
			}
			continue;
		}
		if (!d)
			d = wire_ner_doc_new();
		nf = wire_split(line, strchr(line, '\t') ? '\t' : ' ', fld, 16);
		if (nf < 2)
			wire_die_at(file, ln, "expected a token and a tag");
		tag = fld[nf - 1];
		tl = strlen(fld[0]);
		i = d->ntok - s0;
		if (i >= MAXSENT) {
			end_sentence(d, s0, type, begin);
			s0 = d->ntok;
			i = 0;
		}
		if (strcmp(tag, "O") == 0) {
			type[i] = -1;
			begin[i] = false;
		} else if ((tag[0] == 'I' || tag[0] == 'B') && tag[1] == '-' &&
		           (type[i] = ner_type_of(tag + 2, strlen(tag + 2))) >= 0) {
			begin[i] = tag[0] == 'B';
		} else {
			wire_die_at(file, ln, "unknown tag '%s'", tag);
		}
		seg = add_seg(d, fld[0], tl);
		add_tok(d, seg, 0, tl, fld[0], tl, 0);
	}
	if (ferror(fp) || !feof(fp))
		wire_die("%s: %s", file, strerror(errno));
	if (d) {
		end_sentence(d, s0, type, begin);
		if (d->ntok)
			corpus_add(c, d);
		else
			wire_ner_doc_free(d);
	}
	free(line);
	fclose(fp);
}

/* One perceptron step on sentence [S0, S1): decode, then move the weights
 * toward the gold tags wherever the prediction differs.  C is the
 * number of steps so far (for the averaged weights).  Returns the number
 * of tokens tagged wrongly. */
static size_t
train_sentence(struct wire_ner *m, struct wire_ner_doc *d, size_t s0,
               size_t s1, struct scratch *sc, double c)
{
	size_t i, j, wrong = 0;

	decode_sentence(m, d, s0, s1, sc);
	for (i = s0; i < s1; i++) {
		const struct ntok *t = &d->tok[i];
		int g = t->gold, p = t->pred;
		int gp = i > s0 ? d->tok[i - 1].gold : NT;
		int pp = i > s0 ? d->tok[i - 1].pred : NT;
		if (g != p) {
			const uint32_t *f = sc->f + (i - s0) * MAXF;
			wrong++;
			for (j = 0; j < sc->nf[i - s0]; j++) {
				size_t r = (size_t)f[j] * NT;
				m->fw[r + g] += 1;
				m->acc[r + g] += c;
				m->fw[r + p] -= 1;
				m->acc[r + p] -= c;
			}
		}
		if (g != p || gp != pp) {
			m->trans[gp * NT + g] += 1;
			m->tacc[gp * NT + g] += c;
			m->trans[pp * NT + p] -= 1;
			m->tacc[pp * NT + p] -= c;
		}
	}
	return wrong;
}

static void
cache_features(const struct wire_ner *m, struct wire_ner_doc *d)
{
	size_t s0, s1, i;

	d->feat = wire_xmalloc(d->ntok * MAXF * sizeof *d->feat);
	d->nfeat = wire_xmalloc(d->ntok);
	for (s0 = 0; s0 < d->ntok; s0 = s1) {
		s1 = sentence_end(d, s0);
		for (i = s0; i < s1; i++)
			d->nfeat[i] = (uint8_t)ner_features(m, d, s0, s1, i,
			                                    d->feat + i * MAXF);
	}
}

void
wire_ner_train(const struct wire_ner_train_opts *o)
{
	struct wire_ner *m = wire_xcalloc(1, sizeof *m);
	struct corpus c = {0};
	struct scratch sc;
	size_t i, *order, ntok = 0;
	uint64_t rng = o->seed ? o->seed : 1;
	double steps = 1;
	int e;

	m->bits = o->bits ? o->bits : 20;
	m->mask = (1u << m->bits) - 1;
	if (o->clusters)
		cl_load(m, o->clusters);
	read_conll(o->file, &c);
	if (c.n == 0)
		wire_die("%s: no sentences", o->file);
	m->fw = wire_xcalloc((size_t)NT << m->bits, sizeof *m->fw);
	m->acc = wire_xcalloc((size_t)NT << m->bits, sizeof *m->acc);
	for (i = 0; i < c.n; i++) {
		prepare(m, c.doc[i]);
		cache_features(m, c.doc[i]);
		ntok += c.doc[i]->ntok;
	}
	if (o->verbose)
		fprintf(stderr, "%s: %zu documents, %zu tokens\n", wire_progname,
		        c.n, ntok);
	order = wire_xmalloc(c.n * sizeof *order);
	for (i = 0; i < c.n; i++)
		order[i] = i;
	scratch_init(&sc);
	for (e = 0; e < (o->epochs > 0 ? o->epochs : 10); e++) {
		size_t wrong = 0;
		/* Fisher-Yates with a fixed-seed xorshift: the same model
		 * every time */
		for (i = c.n; i > 1; i--) {
			size_t j, tmp;
			rng ^= rng << 13;
			rng ^= rng >> 7;
			rng ^= rng << 17;
			j = (size_t)(rng % i);
			tmp = order[i - 1];
			order[i - 1] = order[j];
			order[j] = tmp;
		}
		for (i = 0; i < c.n; i++) {
			struct wire_ner_doc *d = c.doc[order[i]];
			size_t s0, s1;
			history_clear(d);
			for (s0 = 0; s0 < d->ntok; s0 = s1) {
				s1 = sentence_end(d, s0);
				wrong += train_sentence(m, d, s0, s1, &sc, steps);
				steps += 1;
			}
		}
		if (o->verbose)
			fprintf(stderr, "%s: epoch %d: %zu of %zu tokens wrong\n",
			        wire_progname, e + 1, wrong, ntok);
	}
	scratch_free(&sc);
	save_model(m, steps, o->output);
	for (i = 0; i < c.n; i++)
		wire_ner_doc_free(c.doc[i]);
	free(c.doc);
	free(order);
	wire_ner_free(m);
}
