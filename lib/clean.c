/*
 * clean.c - wire-clean's cleaner: models, Unicode and whitespace
 * normalisation, paragraphs, and the public API (wire.h, section
 * wire-clean).  The classifier is in clean_class.c, the metadata parsers
 * in clean_meta.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "clean_int.h"

static const char *const kind_names[] = {
	"body", "heading", "caption", "boilerplate"
};

const char *
wire_clean_kind_name(int kind)
{
	if (kind < 0 || kind > WIRE_CLEAN_BOILERPLATE)
		return "?";
	return kind_names[kind];
}

/* Reads a pattern file into the sets S: patterns anchored with ^ go to
 * S[0], which is tried at the paragraph's start only, the others to
 * S[1].  Each pattern is compiled on its own, so that a bad one is
 * reported with its file:line and only the patterns whose literals a
 * paragraph holds are run on it. */
static void
pattern_line(char *line, size_t len, const char *file, unsigned long lineno,
             void *arg)
{
	struct clean_set *sets = arg;
	bool anchored = line[0] == '^';

	(void)len;
	wire_clean_set_add(&sets[anchored ? 0 : 1], line, anchored, file, lineno);
}

static void
load_pattern_file(struct clean_set sets[2], const char *file)
{
	wire_each_line(file, pattern_line, sets);
}

static void
load_model_patterns(struct clean_set sets[2], const char *name)
{
	char *path = wire_model_path(name);

	load_pattern_file(sets, path);
	free(path);
}

static void
load_model_words(struct wire_wordset *s, const char *name)
{
	char *path = wire_model_path(name);

	wire_wordset_init(s);
	wire_wordset_load(s, path);
	free(path);
}

/* The stop list: one lower-case word a line, '#' comments. */
/* Read errors are checked by wire_each_line: a stop list cut short would
 * silently change what counts as article text. */
static void
add_stop_word(char *line, size_t len, const char *file, unsigned long lineno,
              void *words)
{
	(void)file;
	(void)lineno;
	wire_clean_words_add(words, line, len, 1);
}

static void
load_stop_words(struct clean_words *t, const char *name)
{
	char *path = wire_model_path(name);

	wire_each_line(path, add_stop_word, t);
	free(path);
}

struct wire_clean *
wire_clean_new(void)
{
	struct wire_clean *c = wire_xcalloc(1, sizeof *c);

	load_stop_words(&c->stop, "stopwords.en");
	load_model_words(&c->outlets, "outlets.txt");
	load_model_patterns(c->boiler, "boilerplate.patterns");
	load_model_patterns(c->caption, "caption.patterns");
	load_model_patterns(c->comment, "comments.patterns");
	wire_clean_load_meta_models(c);
	return c;
}

void
wire_clean_add_patterns(struct wire_clean *c, const char *file)
{
	load_pattern_file(c->boiler, file);
	c->trigs.ready = false;
}

void
wire_clean_free(struct wire_clean *c)
{
	int i;

	if (!c)
		return;
	wire_clean_words_free(&c->stop);
	wire_clean_trigs_free(&c->trigs);
	wire_wordset_free(&c->outlets);
	for (i = 0; i < 2; i++) {
		wire_clean_set_free(&c->boiler[i]);
		wire_clean_set_free(&c->caption[i]);
		wire_clean_set_free(&c->comment[i]);
	}
	wire_clean_free_meta_models(c);
	wire_buf_free(&c->raw);
	wire_buf_free(&c->text);
	free(c->par);
	free(c->seen);
	free(c->ctx);
	free(c->line);
	wire_buf_free(&c->meta.title);
	wire_buf_free(&c->meta.date);
	wire_buf_free(&c->meta.byline);
	wire_buf_free(&c->meta.source);
	wire_buf_free(&c->scratch);
	free(c);
}

/* ---- normalisation ------------------------------------------------ */

enum { NORM_KEEP, NORM_SPACE, NORM_DROP, NORM_LINE, NORM_PARA };

/* What a code point becomes in normalised text: white space of every
 * kind collapses to one space, invisible format characters (soft hyphen,
 * zero-width space and joiners, BOM) vanish, form feeds and the Unicode
 * paragraph separator end a paragraph. */
static int
norm_class(uint32_t cp)
{
	if (cp == '\n' || cp == 0x2028 || cp == 0x85)
		return NORM_LINE;
	if (cp == '\f' || cp == '\v' || cp == 0x2029)
		return NORM_PARA;
	if (cp <= 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
		return NORM_SPACE;
	if (cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) ||
	    cp == 0x202f || cp == 0x205f || cp == 0x3000)
		return NORM_SPACE;
	if (cp == 0xad || (cp >= 0x200b && cp <= 0x200d) || cp == 0x2060 ||
	    cp == 0xfeff || cp == 0x180e)
		return NORM_DROP;
	return NORM_KEEP;
}

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__

/* Whether the eight bytes W (in text order, little-endian) are already
 * normal text that follows normal text: printable ASCII and single
 * spaces, none first at a line start, none last unless NEXT, the byte
 * after them, is printable.  Most of an article is such runs, copied as
 * they are. */
static inline bool
plain_chunk(uint64_t w, bool linestart, unsigned char next, bool escaped)
{
	uint64_t sp;

	if ((w & HIGHS) || bytes_in(w, 0x20, 0x7e) != HIGHS ||
	    (escaped && bytes_in(w, '\\', '\\')))
		return false;
	sp = bytes_in(w, 0x20, 0x20);
	return !(sp & (sp << 8)) && !(linestart && (sp & 0x80)) &&
	       (!(sp >> 63) || (next >= 0x21 && next < 0x7f));
}
#else
static inline bool
plain_chunk(uint64_t w, bool linestart, unsigned char next, bool escaped)
{
	(void)w;
	(void)linestart;
	(void)next;
	(void)escaped;
	return false;
}
#endif

/* The byte after a run of plain text for plain16 and plain_chunk: in
 * ESCAPED text a backslash opens an escape, which may be a line end. */
static inline unsigned char
byte_after(const char *s, size_t i, size_t len, bool escaped)
{
	unsigned char ch = i < len ? (unsigned char)s[i] : 0;

	return escaped && ch == '\\' ? 0 : ch;
}

#ifdef __SSE2__
/* How many of the sixteen bytes at S + I (of LEN) are normal text that
 * follows normal text, as plain_chunk asks of eight (every x86-64
 * processor has SSE2): they are copied as they are, and the byte loop
 * takes over at the first that is not (a line end, a character outside
 * ASCII, a second space), less a space before it, whose fate that byte
 * decides; the byte after the sixteen is read only for a last space. */
static inline size_t
plain16(const char *s, size_t i, size_t len, bool linestart, bool escaped)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
	__m128i sp = _mm_cmpeq_epi8(v, _mm_set1_epi8(' '));
	__m128i bs = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
	/* signed compares: bytes from 0x80 are negative, not printable */
	__m128i print = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x20)),
	                              _mm_cmplt_epi8(v, _mm_set1_epi8(0x7f)));
	unsigned spaces = (unsigned)_mm_movemask_epi8(sp);
	unsigned bad = (~(unsigned)_mm_movemask_epi8(_mm_or_si128(print, sp)) & 0xffff) |
	               (spaces & (spaces << 1)) | (linestart ? spaces & 1 : 0) |
	               (escaped ? (unsigned)_mm_movemask_epi8(bs) : 0);
	size_t k;

	if (spaces & 0x8000) {
		unsigned char next = byte_after(s, i + 16, len, escaped);

		if (!(next >= 0x21 && next < 0x7f))
			bad |= 0x8000;
	}
	k = (size_t)__builtin_ctz(bad | 0x10000);
	if (k > 0 && ((spaces >> (k - 1)) & 1))
		k--;
	return k;
}
#endif

/* Bytes of the line feed at S[I], as a byte or in ESCAPED text as \n,
 * or 0. */
static inline size_t
line_end_at(const char *s, size_t i, size_t len, bool escaped)
{
	if (i >= len)
		return 0;
	if (s[i] == '\n')
		return 1;
	return escaped && s[i] == '\\' && i + 1 < len && s[i + 1] == 'n' ? 2 : 0;
}

/* Length and code point of the escape at S[0] of ESCAPED text (\n, \t,
 * \r, \\; \r\n is one line end), or 0 for a bad one. */
static size_t
escape_at(const char *s, size_t len, uint32_t *cp)
{
	if (len < 2)
		return 0;
	switch (s[1]) {
	case 'n': *cp = '\n'; return 2;
	case 't': *cp = '\t'; return 2;
	case '\\': *cp = '\\'; return 2;
	case 'r':
		*cp = '\n';
		return len >= 4 && s[2] == '\\' && s[3] == 'n' ? 4 : 2;
	}
	return 0;
}

/* Writes S to OUT as trimmed lines with single spaces, every line end a
 * LF and a blank line between paragraphs.  Writes straight into the
 * reserved buffer: this runs over every byte.  With STRICT, S is read in
 * place, unchecked: a NUL or invalid UTF-8 makes it return false, OUT
 * half written, for the caller to repair S and start again (checking
 * first was a pass of its own over every article).  ESCAPED text is a
 * field of a stream as it was read, its escapes undone here (undoing
 * them first was another pass); a bad escape returns false. */
static bool
normalise(const char *s, size_t len, struct wire_buf *out, bool strict, bool escaped)
{
	size_t i = 0, n;
	uint32_t cp;
	bool space = false;   /* a space is pending */
	bool linestart = true;
	/* the last byte of a run of printable ASCII: a backslash ends the
	 * run in escaped text */
	unsigned char last_print = escaped ? '\\' - 1 : 0x7e;
	char *o;

	/* no byte becomes more than one, but for a form feed or vertical tab
	 * (two, reserved when met), then the last LF and a NUL */
	wire_buf_reserve(out, len + 2);
	o = out->data + out->len;
	while (i < len) {
		unsigned char ch = (unsigned char)s[i];

#ifdef __SSE2__
		if (!space && len - i >= 16) {
			size_t start = i, k = plain16(s, i, len, linestart, escaped);

			if (k > 0) {
				/* the output never runs ahead of the input: all
				 * sixteen fit.  Whole blocks in a row, most of the
				 * text, without the rest of the loop. */
				memcpy(o, s + i, 16);
				o += k;
				i += k;
				linestart = false;
				while (k == 16 && len - i >= 16) {
					k = plain16(s, i, len, false, escaped);
					memcpy(o, s + i, 16);
					o += k;
					i += k;
				}
			}
			/* the end of a line of plain text: most blocks that
			 * stop early stop here */
			if ((k = line_end_at(s, i, len, escaped)) > 0) {
				*o++ = '\n';
				linestart = true;
				i += k;
				continue;
			}
			if (i > start)
				continue;
		} else
#endif
		if (!space && len - i >= 8) {
			uint64_t w;

			memcpy(&w, s + i, 8);
			if (plain_chunk(w, linestart, byte_after(s, i + 8, len, escaped),
			                escaped)) {
				memcpy(o, s + i, 8);
				o += 8;
				i += 8;
				linestart = false;
				continue;
			}
		}
		if (ch >= 0x21 && ch <= last_print) {
			if (space && !linestart)
				*o++ = ' ';
			space = false;
			linestart = false;
			do
				*o++ = s[i++];
			while (i < len && (unsigned char)s[i] >= 0x21 &&
			       (unsigned char)s[i] <= last_print);
			continue;
		}
		if (ch == ' ') {
			space = true;
			i++;
			continue;
		}
		if (escaped && ch == '\\') {
			n = escape_at(s + i, len - i, &cp);
			if (n == 0)
				return false;
			if (cp == '\\') {
				if (space && !linestart)
					*o++ = ' ';
				space = false;
				linestart = false;
				*o++ = '\\';
				i += n;
				continue;
			}
		} else if (ch == '\r') {
			cp = '\n';
			n = (i + 1 < len && s[i + 1] == '\n') ? 2 : 1;
		} else if (ch < 0x80) {
			if (ch == 0 && strict)
				return false;
			cp = ch;
			n = 1;
		} else {
			n = wire_utf8_decode(s + i, len - i, &cp);
			if (n == 0) { /* cannot happen after repair */
				if (strict)
					return false;
				i++;
				continue;
			}
		}
		switch (norm_class(cp)) {
		case NORM_KEEP:
			if (space && !linestart)
				*o++ = ' ';
			space = false;
			linestart = false;
			/* n is 1 to 4: no call to memcpy for it */
			do
				*o++ = s[i++];
			while (--n > 0);
			continue;
		case NORM_SPACE:
			space = true;
			break;
		case NORM_DROP:
			break;
		case NORM_PARA:
			if (n == 1) {
				out->len = (size_t)(o - out->data);
				wire_buf_reserve(out, len - i + 2);
				o = out->data + out->len;
			}
			*o++ = '\n';
			/* fall through */
		case NORM_LINE:
			*o++ = '\n';
			space = false;
			linestart = true;
			break;
		}
		i += n;
	}
	*o++ = '\n';
	out->len = (size_t)(o - out->data);
	*o = '\0';
	return true;
}

/* ---- paragraphs --------------------------------------------------- */

/* Length of a list bullet (and the space after it) opening S, or 0. */
static size_t
bullet_len(const char *s, size_t len)
{
	uint32_t cp;
	size_t n;

	if (len == 0)
		return 0;
	if (s[0] == '*' || s[0] == '-') {
		n = 1;
		cp = (uint32_t)s[0];
	} else {
		n = wire_utf8_decode(s, len, &cp);
		if (n == 0)
			return 0;
		if (!(cp == 0x2022 || cp == 0x25e6 || cp == 0x25aa ||
		      cp == 0x25ab || cp == 0x2023 || cp == 0x25cf ||
		      cp == 0x25cb || cp == 0x25a0 || cp == 0x25a1 ||
		      cp == 0x25ba || cp == 0x25b8 || cp == 0xb7 ||
		      cp == 0x2043 || cp == 0x25b6))
			return 0;
	}
	if (n == len)
		return n; /* a bullet alone on its line */
	if (s[n] != ' ')
		return 0;
	return n + 1;
}

static size_t
first_word_len(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && s[i] != ' ')
		i++;
	return i;
}

/* Makes the LEN bytes at OFF in c->text a paragraph. */
static void
push_par(struct wire_clean *c, size_t off, size_t len, bool bullet)
{
	struct clean_par *p;

	c->text.data[off + len] = '\0';
	if (c->npar == c->parcap) {
		c->parcap = c->parcap ? 2 * c->parcap : 64;
		c->par = wire_xreallocarray(c->par, c->parcap, sizeof *c->par);
	}
	p = &c->par[c->npar++];
	memset(p, 0, sizeof *p);
	p->off = off;
	p->len = len;
	p->bullet = bullet;
	p->kind = WIRE_CLEAN_BODY;
}

/* Whether a line break after line I of the block is a wrap: the next
 * line's first word would not have fitted on line I. */
static bool
wraps(const struct wire_clean *c, size_t i, size_t width)
{
	const struct clean_line *l = &c->line[i], *nx = &c->line[i + 1];

	return !nx->bullet && width >= 40 &&
	       l->len + 1 + first_word_len(c->text.data + nx->off, nx->len) > width;
}

/* Whether line I ends a sentence and the next line starts one. */
static bool
sentence_break(const struct wire_clean *c, size_t i)
{
	const struct clean_line *l = &c->line[i], *nx = &c->line[i + 1];
	char last = c->text.data[l->off + l->len - 1];
	unsigned char first = (unsigned char)c->text.data[nx->off];

	return (last == '.' || last == '!' || last == '?' || last == ':') &&
	       ((first >= 'A' && first <= 'Z') || first == '"' || first >= 0x80);
}

/* Turns the lines of one block (no blank line between them) into
 * paragraphs.  Each line is a paragraph of its own (pages put headlines,
 * menu items and list items on separate lines) unless the block is prose
 * wrapped at a fixed width: a line is joined to the next when the next
 * line's first word would not have fitted on it.  Lines of about equal
 * length can pass that test by chance ("Since July 1, 2024, we have
 * disabled all ads." over "This commitment costs us..."), so unless
 * nearly every line of the block wraps, a line ending a sentence is not
 * joined to one starting a sentence.  The paragraphs stay where the
 * normalised lines are, a joined line moved up to its predecessor: only
 * a line after a hyphen's wrap ever moves. */
static void
block_pars(struct wire_clean *c)
{
	size_t i, width = 0, off = 0, end = 0, nwrap = 0;
	bool open = false, bullet = false, wrapped;
	char *base = c->text.data;

	if (c->nline == 1) {
		/* most blocks of a page: one line */
		push_par(c, c->line[0].off, c->line[0].len, c->line[0].bullet);
		c->nline = 0;
		return;
	}
	for (i = 0; i < c->nline; i++)
		if (c->line[i].len > width)
			width = c->line[i].len;
	for (i = 0; i + 1 < c->nline; i++)
		nwrap += wraps(c, i, width);
	wrapped = c->nline >= 2 && 4 * nwrap >= 3 * (c->nline - 1);
	/* a line read after an earlier one moved still has its last byte
	 * where it was: the move writes only below the line's end */
	for (i = 0; i < c->nline; i++) {
		struct clean_line *l = &c->line[i];

		if (!open) {
			off = l->off;
			end = off + l->len;
			bullet = l->bullet;
			open = true;
		} else {
			/* a hyphen at a wrap joins the word halves */
			if (!(base[end - 1] == '-' && end - off > 1 && base[end - 2] != ' '))
				base[end++] = ' ';
			if (end != l->off)
				memmove(base + end, base + l->off, l->len);
			end += l->len;
		}
		if (i + 1 < c->nline && wraps(c, i, width) &&
		    (wrapped || !sentence_break(c, i)))
			continue;
		push_par(c, off, end - off, bullet);
		open = false;
	}
	c->nline = 0;
}

static void
add_line(struct wire_clean *c, size_t off, size_t len)
{
	size_t b = bullet_len(c->text.data + off, len);

	if (b == len)
		return; /* a bare bullet or nothing */
	if (c->nline == c->linecap) {
		c->linecap = c->linecap ? 2 * c->linecap : 32;
		c->line = wire_xreallocarray(c->line, c->linecap, sizeof *c->line);
	}
	c->line[c->nline].off = off + b;
	c->line[c->nline].len = len - b;
	c->line[c->nline].bullet = b > 0;
	c->nline++;
}

/* Whether paragraph P ends like a sentence or a heading label. */
static bool
ends_open(const struct wire_clean *c, const struct clean_par *p)
{
	const char *s = clean_par_text(c, p);
	unsigned char last = (unsigned char)s[p->len - 1];
	size_t i, words = 1;

	if (last == '.' || last == '!' || last == '?' || last == ':' ||
	    last == ';' || last == '"' || last >= 0x80)
		return false;
	for (i = 0; i < p->len; i++)
		words += s[i] == ' ';
	return words >= 6;
}

/* A dateline cut off from its story: "LONDON --", "BEIRUT -". */
static bool
dateline_dash(const struct wire_clean *c, const struct clean_par *p)
{
	const char *s = clean_par_text(c, p);

	return p->len >= 3 && p->len <= 40 &&
	       ((s[p->len - 1] == '-' && s[p->len - 2] == ' ') ||
	        (s[p->len - 2] == '-' && s[p->len - 1] == '-' && s[p->len - 3] == ' ') ||
	        (p->len >= 4 && memcmp(s + p->len - 4, " \xe2\x80\x94", 4) == 0));
}

/* Joins a paragraph that starts in lower case to the one before it when
 * that one ends mid-sentence, and a dateline to its story: pages break
 * lines at links and other inline elements ("There were only two other matches on Sunday" / "with
 * France's Nathalie Dechy beating ...").  Joining replaces the NUL after
 * the first with a space and moves the second up to it unless it follows
 * right there. */
static void
join_broken(struct wire_clean *c)
{
	size_t i, out = 0;

	for (i = 0; i < c->npar; i++) {
		struct clean_par *p = &c->par[i];
		unsigned char first = (unsigned char)c->text.data[p->off];

		if (out > 0 && !p->bullet &&
		    ((first >= 'a' && first <= 'z' && ends_open(c, &c->par[out - 1])) ||
		     dateline_dash(c, &c->par[out - 1]))) {
			struct clean_par *q = &c->par[out - 1];

			char *end = c->text.data + q->off + q->len;

			*end = ' ';
			if (end + 1 != c->text.data + p->off) {
				memmove(end + 1, c->text.data + p->off, p->len);
				end[1 + p->len] = '\0';
			}
			q->len += 1 + p->len;
			continue;
		}
		if (out != i)
			c->par[out] = *p;
		out++;
	}
	c->npar = out;
}

/* The offset of the first line feed in S from I (I < LEN), or LEN.  Most
 * lines of a page are short: sixteen bytes at a time inline, where
 * memchr's setup cost more than the search, reading into the zeroed
 * padding after the text (SSE2). */
static inline size_t
line_feed(const char *s, size_t i, size_t len)
{
#ifdef __SSE2__
	for (;;) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')));

		if (m) {
			i += (size_t)__builtin_ctz(m);
			return i < len ? i : len;
		}
		if ((i += 16) >= len)
			return len;
	}
#else
	const char *nl = memchr(s + i, '\n', len - i);

	return nl ? (size_t)(nl - s) : len;
#endif
}

/* The paragraphs of the normalised lines in c->text, which has
 * WIRE_CLEAN_PAD zeroed bytes after it. */
static void
split_pars(struct wire_clean *c)
{
	const char *s = c->text.data;
	size_t len = c->text.len, i = 0;

	while (i < len) {
		size_t end = line_feed(s, i, len);

		if (end == i)
			block_pars(c);
		else
			add_line(c, i, end - i);
		i = end + 1;
	}
	block_pars(c);
	join_broken(c);
}

/* The hash by which repeats are found: of the whole text, or with
 * SAMPLED of its length and its first and last sixteen bytes only.
 * Texts that agree on those differ mostly not at all (a repeated
 * line), and memcmp settles the rest. */
static uint64_t
repeat_hash(const char *s, size_t len, bool sampled)
{
	char ends[32];

	if (!sampled || len <= sizeof ends)
		return wire_hash64(s, len, 0x636c65616e) | 1;
	memcpy(ends, s, 16);
	memcpy(ends + 16, s + len - 16, 16);
	return wire_hash64(ends, sizeof ends, 0x636c65616e ^ len) | 1;
}

/* Marks paragraphs whose text occurs more than once in the article;
 * the repeats are found by SAMPLED hashes (repeat_hash) as long as the
 * texts compared in vain stay fewer bytes than the article: returns
 * false past that, for a search by hashes of the whole texts (a page of
 * distinct lines alike at both ends would make this one quadratic),
 * which marks the same repeats again and the rest. */
static bool
mark_repeats(struct wire_clean *c, bool sampled)
{
	size_t cap = 16, i, mask, k, vain = 0;

	while (cap < 2 * c->npar)
		cap *= 2;
	if (cap > c->seencap) {
		c->seen = wire_xreallocarray(c->seen, cap, sizeof *c->seen);
		c->seencap = cap;
	}
	memset(c->seen, 0, cap * sizeof *c->seen);
	mask = cap - 1;
	for (i = 0; i < c->npar; i++) {
		struct clean_par *p = &c->par[i];
		uint64_t h = repeat_hash(clean_par_text(c, p), p->len, sampled);

		for (k = h & mask;; k = (k + 1) & mask) {
			struct clean_seen *e = &c->seen[k];

			if (e->h == 0) {
				e->h = h;
				e->i = i;
				break;
			}
			if (e->h != h || c->par[e->i].len != p->len)
				continue;
			if (memcmp(clean_par_text(c, &c->par[e->i]), clean_par_text(c, p),
			           p->len) == 0) {
				c->par[e->i].repeated = true;
				c->par[e->i].next_copy = i;
				p->repeated = true;
				e->i = i;
				break;
			}
			if (sampled && (vain += p->len) > c->text.len)
				return false;
		}
	}
	return true;
}

static void
clean_start(struct wire_clean *c)
{
	wire_buf_clear(&c->raw);
	wire_buf_clear(&c->text);
	c->npar = 0;
	c->nline = 0;
	if (!c->trigs.ready)
		wire_clean_trigs_build(c);
	c->trigs.nhit = 0;
}

/* Paragraphs, features, classes and metadata of the normalised text. */
static void
clean_norm(struct wire_clean *c)
{
	size_t i;

	/* zeroed bytes after the text: the line search and the feature
	 * scan read sixteen bytes at a time */
	wire_buf_reserve(&c->text, WIRE_CLEAN_PAD);
	memset(c->text.data + c->text.len, 0, WIRE_CLEAN_PAD);
	split_pars(c);
	for (i = 0; i < c->npar; i++)
		wire_clean_features(c, &c->par[i]);
	if (!mark_repeats(c, true))
		mark_repeats(c, false);
	wire_clean_classify(c);
}

size_t
wire_clean_run(struct wire_clean *c, const char *s, size_t len)
{
	size_t repaired = 0;

	clean_start(c);
	/* valid text (always, from a stream) is read in place */
	if (!normalise(s, len, &c->text, true, false)) {
		wire_buf_clear(&c->text);
		repaired = wire_utf8_repair(s, len, &c->raw);
		normalise(c->raw.data ? c->raw.data : "", c->raw.len, &c->text, false,
		          false);
	}
	clean_norm(c);
	return repaired;
}

bool
wire_clean_run_escaped(struct wire_clean *c, const char *s, size_t len)
{
	clean_start(c);
	if (!normalise(s, len, &c->text, true, true))
		return false;
	clean_norm(c);
	return true;
}

size_t
wire_clean_count(const struct wire_clean *c)
{
	return c->npar;
}

const char *
wire_clean_text(const struct wire_clean *c, size_t i, size_t *len)
{
	if (len)
		*len = c->par[i].len;
	return clean_par_text(c, &c->par[i]);
}

int
wire_clean_kind(const struct wire_clean *c, size_t i)
{
	return c->par[i].kind;
}

const struct wire_clean_meta *
wire_clean_meta(const struct wire_clean *c)
{
	return &c->meta;
}
