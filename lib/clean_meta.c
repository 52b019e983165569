/*
 * clean_meta.c - wire-clean's metadata: the date, byline and source
 * parsers (public, for tests and fuzzing) and the search for the title,
 * date, byline and source lines around the article block.
 *
 * Metadata is read only where pages put it: the lines before the article
 * (within HEAD_ZONE paragraphs of it), the article's first paragraphs
 * (datelines such as "MIAMI (AFP) -") and the lines after it (update
 * stamps, copyright).  A date inside prose ("Since July 1, 2024, we have
 * disabled all ads") is never taken: the date must stand alone, follow a
 * label ("Updated:", "Posted on Friday,") or open a dateline.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <strings.h>

#include "clean_int.h"

/* Paragraphs before the article block searched for its metadata: share
 * buttons and menus often stand between the headline and the story.
 * L3S-GN1: 15 found 67% of headlines, 30 to 50 about 70%. */
#define HEAD_ZONE 40
/* Article paragraphs searched for a dateline, a byline or a date. */
#define BODY_ZONE 2
/* The byline may come after the headline and a date line that open the
 * article block ("Rachel Obi, Local Democracy Reporter"). */
#define BYLINE_ZONE 4
/* A headline opening the article block is taken when sentence text
 * follows within this many paragraphs (byline and date lines between). */
#define TITLE_LOOKAHEAD 3
/* A date line may carry this many words besides the date and its label
 * ("December 29, 2012 - 7:19 PM" has none, "Dec 30 2007 Updated" one). */
#define DATE_EXTRA_WORDS 4
/* Words of a label before a date ("Last updated on Friday,"). */
#define DATE_LABEL_WORDS 6
/* A byline line may carry this many words besides the names and date. */
#define BYLINE_EXTRA_WORDS 6
/* Names are at most this many words (outlets, bylines). */
#define NAME_WORDS 8
#define OUTLET_WORDS 6

/* ---- models ------------------------------------------------------- */

/* Both lists are read through wire_each_line, which makes a read error
 * fatal: a month list cut short would silently lose every date. */
static void
add_month(char *line, size_t len, const char *file, unsigned long lineno,
          void *arg)
{
	struct wire_clean *c = arg;
	char name[64];
	int m;

	(void)len;
	if (sscanf(line, "%63s %d", name, &m) != 2 || m < 1 || m > 12)
		wire_die_at(file, lineno, "expected: NAME MONTH-NUMBER");
	wire_clean_words_add(&c->months, name, strlen(name), m);
}

static void
load_months(struct wire_clean *c)
{
	char *path = wire_model_path("months.txt");

	wire_each_line(path, add_month, c);
	free(path);
}

struct zone_load {
	struct wire_clean *c;
	size_t cap;
};

static void
add_zone(char *line, size_t len, const char *file, unsigned long lineno,
         void *arg)
{
	struct zone_load *zl = arg;
	struct wire_clean *c = zl->c;
	char name[16], off[16], rule[16] = "";
	int h, m, n;
	struct clean_zone *z;

	(void)len;
	n = sscanf(line, "%15s %15s %15s", name, off, rule);
	if (n < 2 || strlen(name) >= sizeof z->name ||
	    sscanf(off + 1, "%d:%d", &h, &m) != 2 ||
	    (off[0] != '+' && off[0] != '-') ||
	    (n == 3 && strcmp(rule, "us") != 0 && strcmp(rule, "eu") != 0))
		wire_die_at(file, lineno, "expected: ABBREVIATION +HH:MM [us|eu]");
	if (c->nzones == zl->cap) {
		zl->cap = zl->cap ? 2 * zl->cap : 32;
		c->zones = wire_xreallocarray(c->zones, zl->cap, sizeof *c->zones);
	}
	z = &c->zones[c->nzones++];
	strcpy(z->name, name);
	z->minutes = (off[0] == '-' ? -1 : 1) * (h * 60 + m);
	z->rule = n == 3 ? rule[0] : 0;
}

static void
load_zones(struct wire_clean *c)
{
	char *path = wire_model_path("timezones.txt");
	struct zone_load zl = {c, 0};

	wire_each_line(path, add_zone, &zl);
	free(path);
}

/* The bit of c->outlet_last_bits for the word W (N bytes, N > 0): its
 * first, second and last bytes and its length pick it, so that most
 * words are ruled out without hashing them all. */
static unsigned
outlet_bit(const char *w, size_t n)
{
	uint32_t k = (uint32_t)(unsigned char)w[0] |
	             (uint32_t)(unsigned char)w[n > 1] << 8 |
	             (uint32_t)(unsigned char)w[n - 1] << 16 | (uint32_t)(n & 0xff) << 24;

	return (k * 0x9e3779b1u) >> 22;
}

/* Whether the word W (N bytes) is one an outlet's name ends with. */
static inline bool
outlet_last_has(const struct wire_clean *c, const char *w, size_t n)
{
	unsigned bit;

	if (n == 0)
		return false;
	bit = outlet_bit(w, n);
	return (c->outlet_last_bits[bit >> 6] >> (bit & 63) & 1) &&
	       wire_wordset_has(&c->outlet_last, w, n);
}

/* The word an outlet's name found in prose ends with (outlet_in_prose):
 * a plain entry, or the last word of an "=" entry.  The prose search
 * runs only on text holding one of them, so all must open with an ASCII
 * capital for its quick scan (else the scan is off). */
static void
add_outlet_last(struct wire_clean *c, const char *entry, size_t len)
{
	size_t i = len;

	if (entry[0] == '=') {
		while (i > 1 && entry[i - 1] != ' ')
			i--;
		entry += i, len -= i;
	}
	if (len == 0 || !(entry[0] >= 'A' && entry[0] <= 'Z')) {
		c->outlet_last_ok = false;
	} else {
		unsigned bit = outlet_bit(entry, len);

		wire_wordset_add(&c->outlet_last, entry, len);
		c->outlet_last_bits[bit >> 6] |= 1ull << (bit & 63);
	}
}

/* From the outlets list already loaded (clean.c). */
static void
load_outlet_last(struct wire_clean *c)
{
	size_t k;

	wire_wordset_init(&c->outlet_last);
	memset(c->outlet_last_bits, 0, sizeof c->outlet_last_bits);
	c->outlet_last_ok = true;
	for (k = 0; k < c->outlets.cap; k++)
		if (c->outlets.slot[k])
			add_outlet_last(c, c->outlets.slot[k], c->outlets.slotlen[k]);
}

void
wire_clean_load_meta_models(struct wire_clean *c)
{
	load_months(c);
	load_zones(c);
	load_outlet_last(c);
}

void
wire_clean_free_meta_models(struct wire_clean *c)
{
	wire_clean_words_free(&c->months);
	free(c->zones);
	wire_wordset_free(&c->outlet_last);
}

/* ---- tokens ------------------------------------------------------- */

enum { T_WORD, T_NUM, T_PUNCT };

struct tok {
	size_t off, len;
	int type;
	bool space_before;
};

#define MAX_TOKS 96
/* Tokens from a date's first to its year: day, ordinal, full stop, "of",
 * month, full stop, comma (date_at). */
#define YEAR_AFTER 7

static bool
ascii_letter(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static bool
letter_byte(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch >= 0x80;
}

/* Tokens read after a date's first: at most YEAR_AFTER to its year, then
 * three separators, a time with seconds and "a.m." and a zone in
 * brackets (date_at, parse_time). */
#define DATE_TOKENS 32

/* Splits the start of S into words (letters, non-ASCII included),
 * numbers and single punctuation characters.  Non-ASCII punctuation
 * (dashes, quotes) is one token of its own.  Past offset UNTIL, only the
 * DATE_TOKENS tokens a date starting before it may read. */
static size_t
tokenize(const char *s, size_t len, struct tok *t, size_t max, size_t until)
{
	size_t i = 0, n = 0;
	bool space = false;

	while (i < len && n < max) {
		unsigned char ch = (unsigned char)s[i];
		size_t j = i;
		uint32_t cp = 0;

		if (ch == ' ') {
			space = true;
			i++;
			continue;
		}
		t[n].off = i;
		t[n].space_before = space;
		space = false;
		if (ch >= '0' && ch <= '9') {
			while (j < len && s[j] >= '0' && s[j] <= '9')
				j++;
			t[n].type = T_NUM;
		} else if (ch >= 0x80 && (j += wire_utf8_decode(s + i, len - i, &cp)) > i &&
		           ((cp >= 0x2000 && cp <= 0x2bff) || cp < 0xc0 || cp == 0xfffd)) {
			t[n].type = T_PUNCT;
		} else if (letter_byte(ch)) {
			j = i;
			while (j < len && letter_byte((unsigned char)s[j])) {
				if ((unsigned char)s[j] >= 0x80) {
					size_t k = wire_utf8_decode(s + j, len - j, &cp);

					if (k == 0 || (cp >= 0x2000 && cp <= 0x2bff) || cp < 0xc0)
						break;
					j += k;
				} else {
					j++;
				}
			}
			t[n].type = T_WORD;
		} else {
			j = i + 1;
			t[n].type = T_PUNCT;
		}
		if (j == i)
			j = i + 1;
		t[n].len = j - i;
		if (t[n].off > until && n + DATE_TOKENS < max)
			max = n + DATE_TOKENS;
		n++;
		i = j;
	}
	return n;
}

/* Lower-cases ASCII and Latin-1/Latin Extended-A capitals of S into OUT
 * (CAP bytes); returns the length, or 0 when it does not fit. */
static size_t
fold(const char *s, size_t len, char *out, size_t cap)
{
	size_t i = 0, o = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = wire_utf8_decode(s + i, len - i, &cp);

		if (n == 0)
			return 0;
		if (cp >= 'A' && cp <= 'Z')
			cp += 32;
		else if (cp >= 0xc0 && cp <= 0xde && cp != 0xd7)
			cp += 32;
		else if (cp >= 0x100 && cp < 0x180 && cp != 0x130 && (cp & 1) == 0)
			cp += 1;
		if (o + 4 > cap)
			return 0;
		o += wire_utf8_encode(cp, out + o);
		i += n;
	}
	return o;
}

/* Whether W (N bytes) is the string WORD; no strlen, and out at the
 * first difference: these run for every token and word of the lines
 * searched for metadata. */
static bool
word_eq(const char *word, const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (word[i] == '\0' || word[i] != w[i])
			return false;
	return word[n] == '\0';
}

/* Whether W (N bytes, ASCII capitals folded) is one of WORDS, which are
 * lower case, shorter than 16 bytes and NULL-terminated. */
static bool
word_in(const char *const *words, const char *w, size_t n)
{
	char low[16];
	size_t i;

	if (n >= sizeof low)
		return false;
	for (i = 0; i < n; i++)
		low[i] = (char)((w[i] >= 'A' && w[i] <= 'Z') ? w[i] + 32 : w[i]);
	for (i = 0; words[i]; i++)
		if (word_eq(words[i], low, n))
			return true;
	return false;
}

static bool
tok_is(const char *s, const struct tok *t, const char *word)
{
	size_t i;

	for (i = 0; i < t->len; i++) {
		char ch = s[t->off + i];

		if (ch >= 'A' && ch <= 'Z')
			ch += 32;
		if (word[i] == '\0' || ch != word[i])
			return false;
	}
	return word[i] == '\0';
}

static bool
tok_punct(const char *s, const struct tok *t, char ch)
{
	return t->type == T_PUNCT && t->len == 1 && s[t->off] == ch;
}

static bool
tok_dash(const char *s, const struct tok *t)
{
	return t->type == T_PUNCT &&
	       ((t->len == 1 && s[t->off] == '-') ||
	        (t->len == 3 && memcmp(s + t->off, "\xe2\x80", 2) == 0 &&
	         ((unsigned char)s[t->off + 2] == 0x93 ||
	          (unsigned char)s[t->off + 2] == 0x94)));
}

static long
tok_num(const char *s, const struct tok *t)
{
	long v = 0;
	size_t i;

	if (t->type != T_NUM || t->len > 4)
		return -1;
	for (i = 0; i < t->len; i++)
		v = v * 10 + (s[t->off + i] - '0');
	return v;
}

/* ---- dates -------------------------------------------------------- */

static int
month_of(const struct wire_clean *c, const char *s, const struct tok *t)
{
	char low[64];
	size_t n, i;

	if (t->type != T_WORD || t->len < 3 || t->len > 16)
		return 0;
	/* every word of a paragraph may come here: ASCII without decoding */
	for (i = 0; i < t->len; i++) {
		unsigned char ch = (unsigned char)s[t->off + i];

		if (ch >= 0x80)
			break;
		low[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
	}
	n = i == t->len ? i : fold(s + t->off, t->len, low, sizeof low);
	return wire_clean_words_get(&c->months, low, n);
}

static int
days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* Day of the week, 0 = Sunday (Sakamoto's method). */
static int
weekday(int y, int m, int d)
{
	static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};

	if (m < 3)
		y -= 1;
	return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

/* Day of month of the Nth Sunday (N >= 1) or, N = 0, the last Sunday. */
static int
sunday(int y, int m, int nth)
{
	int d;

	if (nth == 0) {
		d = days_in_month(y, m);
		return d - weekday(y, m, d);
	}
	d = 1 + (7 - weekday(y, m, 1)) % 7;
	return d + 7 * (nth - 1);
}

/* Whether summer time is kept on the date (by calendar day). */
static bool
summer_time(char rule, int y, int m, int d)
{
	int md = m * 100 + d, from, to;

	if (rule == 'u') {
		if (y >= 2007) {
			from = 300 + sunday(y, 3, 2);
			to = 1100 + sunday(y, 11, 1);
		} else {
			from = 400 + sunday(y, 4, 1);
			to = 1000 + sunday(y, 10, 0);
		}
	} else if (rule == 'e') {
		from = 300 + sunday(y, 3, 0);
		to = 1000 + sunday(y, 10, 0);
	} else {
		return false;
	}
	return md >= from && md < to;
}

static const struct clean_zone *
zone_of(const struct wire_clean *c, const char *s, const struct tok *t)
{
	size_t i;

	if (t->type != T_WORD || t->len >= sizeof c->zones[0].name)
		return NULL;
	for (i = 0; i < c->nzones; i++)
		if (word_eq(c->zones[i].name, s + t->off, t->len))
			return &c->zones[i];
	return NULL;
}

static bool
is_ordinal(const char *s, const struct tok *t)
{
	return t->type == T_WORD && t->len == 2 && !t->space_before &&
	       (tok_is(s, t, "st") || tok_is(s, t, "nd") || tok_is(s, t, "rd") ||
	        tok_is(s, t, "th"));
}

/* Appends the N low decimal digits of V (V >= 0): the dates are written
 * without printf, which costs more than the rest of the date search. */
static void
put_digits(struct wire_buf *out, long v, int n)
{
	char d[4];
	int i;

	for (i = n; i-- > 0; v /= 10)
		d[i] = (char)('0' + v % 10);
	wire_buf_add(out, d, (size_t)n);
}

/* "T06:29" or "-08:00" */
static void
put_time(struct wire_buf *out, char lead, long h, long mi)
{
	wire_buf_add(out, &lead, 1);
	put_digits(out, h, 2);
	wire_buf_add(out, ":", 1);
	put_digits(out, mi, 2);
}

/* "2012-12-22": Y, M and D are valid (valid_ymd). */
static void
put_ymd(struct wire_buf *out, long y, long m, long d)
{
	put_digits(out, y, 4);
	wire_buf_add(out, "-", 1);
	put_digits(out, m, 2);
	wire_buf_add(out, "-", 1);
	put_digits(out, d, 2);
}

/* The time after a date at token I: skips separators, reads H:MM with
 * am/pm and a zone.  Returns the index after the time, or I. */
static size_t
parse_time(struct wire_clean *c, const char *s, const struct tok *t,
           size_t n, size_t i, int ymd[3], struct wire_buf *out)
{
	size_t j = i, k;
	long h, mi;
	const struct clean_zone *z;

	while (j < n && j < i + 3 &&
	       (tok_punct(s, &t[j], ',') || tok_dash(s, &t[j]) ||
	        tok_punct(s, &t[j], '|') || tok_punct(s, &t[j], '/') ||
	        tok_punct(s, &t[j], '@') || tok_punct(s, &t[j], ':') ||
	        tok_is(s, &t[j], "at") || tok_is(s, &t[j], "um") ||
	        tok_is(s, &t[j], "à")))
		j++;
	if (j + 2 >= n + 0 || t[j].type != T_NUM || !tok_punct(s, &t[j + 1], ':') ||
	    t[j + 2].type != T_NUM || t[j + 2].len != 2 || t[j].len > 2)
		return i;
	h = tok_num(s, &t[j]);
	mi = tok_num(s, &t[j + 2]);
	if (h > 23 || mi > 59)
		return i;
	k = j + 3;
	if (k + 1 < n && tok_punct(s, &t[k], ':') && t[k + 1].type == T_NUM &&
	    t[k + 1].len == 2)
		k += 2; /* seconds */
	if (k < n && (tok_is(s, &t[k], "am") || tok_is(s, &t[k], "pm") ||
	              ((tok_is(s, &t[k], "a") || tok_is(s, &t[k], "p")) &&
	               k + 3 < n && tok_punct(s, &t[k + 1], '.') &&
	               tok_is(s, &t[k + 2], "m") && tok_punct(s, &t[k + 3], '.')))) {
		bool pm = s[t[k].off] == 'p' || s[t[k].off] == 'P';

		if (h < 1 || h > 12)
			return i;
		h = h % 12 + (pm ? 12 : 0);
		k += t[k].len == 2 ? 1 : 4;
	}
	put_time(out, 'T', h, mi);
	if (k < n && tok_punct(s, &t[k], '('))
		k++;
	if (k < n && (z = zone_of(c, s, &t[k])) != NULL) {
		int off = z->minutes;

		if (z->rule && summer_time(z->rule, ymd[0], ymd[1], ymd[2]))
			off += 60;
		put_time(out, off < 0 ? '-' : '+', abs(off) / 60, abs(off) % 60);
		k++;
		if (k < n && tok_punct(s, &t[k], ')'))
			k++;
	}
	return k;
}

static bool
valid_ymd(long y, long m, long d)
{
	return y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= days_in_month((int)y, (int)m);
}

/* A date starting at token I (a month name, a day or an ISO year):
 * returns the index after it (and its time), or I. */
static size_t
date_at(struct wire_clean *c, const char *s, const struct tok *t, size_t n,
        size_t i, struct wire_buf *out)
{
	long y = -1, m = 0, d = -1;
	size_t j = i;
	int ymd[3];

	if ((m = month_of(c, s, &t[i])) > 0) {
		/* Month [.] Day [st] [,] Year */
		j = i + 1;
		if (j < n && tok_punct(s, &t[j], '.'))
			j++;
		if (j < n && t[j].type == T_NUM && t[j].len <= 2)
			d = tok_num(s, &t[j++]);
		if (j < n && is_ordinal(s, &t[j]))
			j++;
		if (j < n && tok_punct(s, &t[j], ','))
			j++;
		if (j < n && t[j].type == T_NUM && t[j].len == 4)
			y = tok_num(s, &t[j++]);
	} else if (t[i].type == T_NUM && t[i].len <= 2) {
		/* Day [st] [.] Month [.] [,] Year */
		d = tok_num(s, &t[i]);
		j = i + 1;
		if (j < n && is_ordinal(s, &t[j]))
			j++;
		if (j < n && tok_punct(s, &t[j], '.'))
			j++;
		if (j < n && tok_is(s, &t[j], "of"))
			j++;
		if (j >= n || (m = month_of(c, s, &t[j])) == 0)
			return i;
		j++;
		if (j < n && tok_punct(s, &t[j], '.'))
			j++;
		if (j < n && tok_punct(s, &t[j], ','))
			j++;
		if (j < n && t[j].type == T_NUM && t[j].len == 4)
			y = tok_num(s, &t[j++]);
	} else if (t[i].type == T_NUM && t[i].len == 4 && i + 4 < n &&
	           tok_punct(s, &t[i + 1], '-') && t[i + 2].type == T_NUM &&
	           t[i + 2].len == 2 && tok_punct(s, &t[i + 3], '-') &&
	           t[i + 4].type == T_NUM && t[i + 4].len == 2) {
		/* ISO 8601 */
		y = tok_num(s, &t[i]);
		m = tok_num(s, &t[i + 2]);
		d = tok_num(s, &t[i + 4]);
		j = i + 5; /* a "T06:29" time after it is not read */
	} else {
		return i;
	}
	if (!valid_ymd(y, m, d))
		return i;
	wire_buf_clear(out);
	put_ymd(out, y, m, d);
	ymd[0] = (int)y;
	ymd[1] = (int)m;
	ymd[2] = (int)d;
	return parse_time(c, s, t, n, j, ymd, out);
}

/* Whether S has four digits in a row: every date has a year (valid_ymd),
 * and a year is a number token of four digits. */
static bool
has_year_digits(const char *s, size_t len)
{
	size_t i = 0, run = 0;

#ifdef __SSE2__
	/* Sixteen bytes at a time (every x86-64 processor has SSE2), the
	 * last three digit bits of a block carried into the next. */
	unsigned carry = 0;

	for (; i + 16 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		/* signed: bytes from 0x80 are negative, below '0' */
		__m128i dig = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
		                            _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
		unsigned d = carry | (unsigned)_mm_movemask_epi8(dig) << 3;

		if (d & (d >> 1) & (d >> 2) & (d >> 3))
			return true;
		carry = d >> 16;
	}
	if (i < len && len >= 16) {
		/* the rest from the last sixteen bytes, the blocks overlapping */
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + len - 16));
		__m128i dig = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
		                            _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
		unsigned d = carry | ((unsigned)_mm_movemask_epi8(dig) >> (16 - (len - i))) << 3;

		return (d & (d >> 1) & (d >> 2) & (d >> 3)) != 0;
	}
	/* the digits before I that may open a run */
	run = carry & 4 ? (carry & 2 ? (carry & 1 ? 3 : 2) : 1) : 0;
#else
	/* Eight bytes at a time, windows five apart: every run of four lies
	 * whole in one of them.  A window holds one when a digit byte has
	 * digits in the three bytes after it. */
	for (; i + 8 <= len; i += 5) {
		uint64_t w, w7, d;

		memcpy(&w, s + i, 8);
		/* the high bit of each byte from '0' to '9': the sums of the
		 * low seven bits carry into no other byte */
		w7 = w & 0x7f7f7f7f7f7f7f7full;
		d = (w7 + 0x5050505050505050ull) & ~(w7 + 0x4646464646464646ull) &
		    ~w & 0x8080808080808080ull;
		if (d & (d >> 8) & (d >> 16) & (d >> 24))
			return true;
	}
#endif
	for (; i < len; i++) {
		run = (unsigned char)(s[i] - '0') < 10 ? run + 1 : 0;
		if (run == 4)
			return true;
	}
	return false;
}

static size_t word_start(const char *s, size_t len, size_t k);

/* The first date of S opening at most WORDS words into it (count_words;
 * SIZE_MAX: anywhere). */
static bool
parse_date_within(struct wire_clean *c, const char *s, size_t len, size_t words,
                  struct wire_buf *out, size_t *at, size_t *end)
{
	struct tok t[MAX_TOKS];
	size_t n, i, j, y, until;

	wire_buf_clear(out);
	/* most paragraphs have no date: skip the tokenizer for them */
	if (!has_year_digits(s, len))
		return false;
	until = words == SIZE_MAX ? len : word_start(s, len, words);
	n = tokenize(s, len, t, MAX_TOKS, until);
	for (i = 0, y = 0; i < n && t[i].off <= until; i++) {
		/* a date's year is at most YEAR_AFTER tokens after its start
		 * ("5th. of Dec., 2012"): only starts near a year are tried */
		while (y < n && (y < i || t[y].type != T_NUM || t[y].len != 4))
			y++;
		if (y == n)
			break;
		if (y - i > YEAR_AFTER)
			continue;
		j = date_at(c, s, t, n, i, out);
		if (j > i) {
			if (at)
				*at = t[i].off;
			if (end)
				*end = t[j - 1].off + t[j - 1].len;
			return true;
		}
	}
	wire_buf_clear(out);
	return false;
}

bool
wire_clean_parse_date(struct wire_clean *c, const char *s, size_t len,
                      struct wire_buf *out, size_t *at, size_t *end)
{
	return parse_date_within(c, s, len, SIZE_MAX, out, at, end);
}

/* ---- names -------------------------------------------------------- */

static bool
upper_start(const char *s, size_t len)
{
	uint32_t cp;

	if (len == 0)
		return false;
	if ((unsigned char)s[0] < 0x80)
		return s[0] >= 'A' && s[0] <= 'Z';
	if (wire_utf8_decode(s, len, &cp) == 0)
		return false;
	return (cp >= 0xc0 && cp <= 0xde && cp != 0xd7) ||
	       (cp >= 0x100 && cp < 0x180 && (cp & 1) == 0);
}

static bool
name_connector(const char *w, size_t n)
{
	static const char *const words[] = {
		"&", "and", "de", "del", "della", "da", "di", "van", "von",
		"der", "den", "al", "bin", "ibn", "la", "le", "du", "dos", "y",
		"of", "the", NULL
	};
	size_t i;

	for (i = 0; words[i]; i++)
		if (word_eq(words[i], w, n))
			return true;
	return false;
}

/* Whether S (LEN bytes) is a run of at most MAX capitalised words (with
 * name connectors such as "de", "&", "of" between them). */
static bool
name_words(const char *s, size_t len, size_t max)
{
	size_t i = 0, words = 0;
	bool last_cap = false;

	while (i < len) {
		size_t j = i;

		while (j < len && s[j] != ' ')
			j++;
		if (upper_start(s + i, j - i) || (s[i] >= '0' && s[i] <= '9' && words > 0)) {
			last_cap = true;
		} else if (words > 0 && name_connector(s + i, j - i)) {
			last_cap = false;
		} else {
			return false;
		}
		words++;
		i = j + 1;
	}
	return words > 0 && words <= max && last_cap;
}

/* Appends S to OUT with words written in capitals turned into
 * capitalised words ("ELLEN BARRY" -> "Ellen Barry"), when the whole
 * name is in capitals. */
static void
add_name(struct wire_buf *out, const char *s, size_t len)
{
	size_t i;
	bool lower = false, up = true;

	for (i = 0; i < len; i++)
		if (s[i] >= 'a' && s[i] <= 'z')
			lower = true;
	if (lower) {
		wire_buf_add(out, s, len);
		return;
	}
	for (i = 0; i < len;) {
		uint32_t cp;
		size_t n = wire_utf8_decode(s + i, len - i, &cp);
		char enc[4];

		if (n == 0)
			n = 1, cp = (unsigned char)s[i];
		if (!up) {
			if (cp >= 'A' && cp <= 'Z')
				cp += 32;
			else if (cp >= 0xc0 && cp <= 0xde && cp != 0xd7)
				cp += 32;
		}
		wire_buf_add(out, enc, wire_utf8_encode(cp, enc));
		up = !((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp >= 0xc0);
		i += n;
	}
}

/* Whether S (LEN bytes, not necessarily NUL-terminated) starts with
 * PREFIX. */
static bool
starts(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && memcmp(s, prefix, n) == 0;
}

static bool
starts_caseless(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && strncasecmp(s, prefix, n) == 0;
}

/* In lower case, each opening with a letter a-z: byline_span rules a
 * line out by its first letter before trying them. */
#define PREFIX(s) {s, sizeof s - 1}
static const struct byline_prefix { const char *s; size_t n; } byline_prefixes[] = {
	PREFIX("article by:"), PREFIX("story by:"), PREFIX("written by:"),
	PREFIX("written by"), PREFIX("words by"), PREFIX("posted by:"),
	PREFIX("posted by"), PREFIX("reported by"), PREFIX("authors:"),
	PREFIX("author:"), PREFIX("by:"), PREFIX("by"), {NULL, 0}
};
#undef PREFIX

/* Last words of a reporter's title after the name: "Rachel Obi, Local
 * Democracy Reporter", "Ana Ruiz, Health Correspondent".  Not editors:
 * "Peter Kensington, Editor" is a masthead line more often than the
 * story's author.  In lower case, each ending with a letter a-z:
 * role_last_letter rules a line out by its last letter. */
static const char *const byline_roles[] = {
	"reporter", "reporters", "correspondent", "correspondents", "writer",
	"writers", "journalist", "columnist", NULL
};

/* Words of such a title, at most. */
#define ROLE_WORDS 5

/* LEN less the spaces and full stops S ends with ("Reporter."). */
static size_t
title_len(const char *s, size_t len)
{
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '.'))
		len--;
	return len;
}

/* Whether S (LEN bytes) is a reporter's title: a few words of letters,
 * no article, the last one of byline_roles. */
static bool
role_words(const char *s, size_t len)
{
	size_t i = 0, words = 0, w0 = 0;

	len = title_len(s, len);
	if (len == 0)
		return false;
	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != ' ') {
			char ch = s[i];

			if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
			      ch == '-' || ch == '&'))
				return false;
			continue;
		}
		if (i == w0)
			return false;
		if (word_eq("a", s + w0, i - w0) || word_eq("an", s + w0, i - w0) ||
		    word_eq("the", s + w0, i - w0) || ++words > ROLE_WORDS)
			return false;
		if (i == len)
			return word_in(byline_roles, s + w0, i - w0);
		w0 = i + 1;
	}
	return false;
}

/* Whether S (LEN bytes) ends in a letter a reporter's title ends with:
 * every line near the article is tried as a titled byline, and this
 * rules out most at once. */
static bool
role_last_letter(const char *s, size_t len)
{
	static uint32_t lasts; /* the roles' last letters, a bit each */
	unsigned last;
	size_t i;

	if (lasts == 0)
		for (i = 0; byline_roles[i]; i++)
			lasts |= 1u << (byline_roles[i][strlen(byline_roles[i]) - 1] - 'a');
	len = title_len(s, len);
	last = (unsigned)(unsigned char)(len > 0 ? s[len - 1] | 0x20 : 0) - 'a';
	return last < 26 && (lasts >> last & 1);
}

/* A byline without "By": the names, a comma and the reporter's title
 * making up the whole line.  Returns the end of the names, or 0. */
static size_t
titled_byline(const char *s, size_t len, struct wire_buf *out)
{
	const char *comma = role_last_letter(s, len) ? memchr(s, ',', len) : NULL;
	size_t end = comma ? (size_t)(comma - s) : 0;

	if (end < 3 || end + 2 >= len || s[end + 1] != ' ' ||
	    !memchr(s, ' ', end) || !role_words(s + end + 2, len - end - 2) ||
	    !name_words(s, end, 4))
		return 0;
	wire_buf_clear(out);
	add_name(out, s, end);
	return end;
}

/* Byline names in S; returns the end of the names (0 when none) and
 * writes them to OUT. */
static size_t
byline_span(const char *s, size_t len, struct wire_buf *out)
{
	static uint32_t firsts; /* the prefixes' first letters, a bit each */
	size_t i, p = 0, start, end;
	unsigned first;

	if (firsts == 0)
		for (i = 0; byline_prefixes[i].s; i++)
			firsts |= 1u << (byline_prefixes[i].s[0] - 'a');
	/* every line near the article comes here: most open with a letter
	 * no prefix opens with */
	first = (unsigned)(unsigned char)(len > 0 ? s[0] | 0x20 : 0) - 'a';
	if (first >= 26 || !(firsts >> first & 1))
		return 0;
	for (i = 0; byline_prefixes[i].s; i++) {
		size_t n = byline_prefixes[i].n, k;

		if (len <= n + 1)
			continue;
		for (k = 0; k < n; k++) {
			char ch = s[k];

			if (ch >= 'A' && ch <= 'Z')
				ch += 32;
			if (ch != byline_prefixes[i].s[k])
				break;
		}
		if (k == n && s[n] == ' ') {
			p = n + 1;
			break;
		}
	}
	if (p == 0)
		return 0;
	start = p;
	/* The names end at a separator, a comma, a date or a preposition. */
	for (end = start; end < len; end++) {
		char ch = s[end];

		if (ch == ',' || ch == '|' || ch == ';' || ch == '(' || ch == '/' ||
		    (ch >= '0' && ch <= '9'))
			break;
		if (ch == ' ' && end + 1 < len &&
		    (s[end + 1] == '-' || (unsigned char)s[end + 1] == 0xe2))
			break;
		if (ch == ' ' && (starts(s + end, len - end, " on ") ||
		                  starts(s + end, len - end, " at ") ||
		                  starts(s + end, len - end, " in ") ||
		                  starts(s + end, len - end, " for ")))
			break;
	}
	while (end > start && (s[end - 1] == ' ' || s[end - 1] == '.'))
		end--;
	/* keep the full stop of an initial or of "Jr." */
	if (end < len && s[end] == '.' && end >= 2 && s[end - 2] != ' ' &&
	    end - start >= 2 && (s[end - 2] == ' ' || s[end - 1] == 'r'))
		end++;
	if (end <= start || !name_words(s + start, end - start, NAME_WORDS))
		return 0;
	wire_buf_clear(out);
	add_name(out, s + start, end - start);
	return end;
}

bool
wire_clean_parse_byline(const char *s, size_t len, struct wire_buf *out)
{
	return byline_span(s, len, out) > 0 || titled_byline(s, len, out) > 0;
}

/* Whether the name S is an outlet's: listed whole in outlets.txt, or of
 * two words or more ending in one of its final words ("News" alone is a
 * menu item, "Deseret News" a newspaper). */
static bool
outlet_word(struct wire_clean *c, const char *s, size_t len)
{
	size_t i = len;

	/* both kinds of entry end in a word of c->outlet_last */
	while (i > 0 && s[i - 1] != ' ')
		i--;
	if (c->outlet_last_ok && !outlet_last_has(c, s + i, len - i))
		return false;
	if (len + 1 < sizeof c->meta_key) {
		c->meta_key[0] = '=';
		memcpy(c->meta_key + 1, s, len);
		if (wire_wordset_has(&c->outlets, c->meta_key, len + 1))
			return true;
	}
	return i > 0 && wire_wordset_has(&c->outlets, s + i, len - i);
}

/* Trims spaces and trailing full stops. */
static void
trim(const char **s, size_t *len)
{
	while (*len > 0 && (**s == ' '))
		(*s)++, (*len)--;
	while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '.'))
		(*len)--;
}

/* An outlet name of its own: capitalised words, the last an outlet word. */
static bool
outlet_name(struct wire_clean *c, const char *s, size_t len, struct wire_buf *out)
{
	trim(&s, &len);
	if (len == 0 || !outlet_word(c, s, len) || !name_words(s, len, OUTLET_WORDS))
		return false;
	wire_buf_clear(out);
	wire_buf_add(out, s, len);
	return true;
}

/* Whether a copyright mark opens at S[I]: \xc2\xa9, (c), (C) or
 * Copyright in one of three casings. */
static bool
copyright_at(const char *s, size_t len, size_t i)
{
	return memcmp(s + i, "\xc2\xa9", 2) == 0 ||
	       (i + 3 <= len && (memcmp(s + i, "(c)", 3) == 0 ||
	                         memcmp(s + i, "(C)", 3) == 0)) ||
	       (i + 9 <= len && (memcmp(s + i, "Copyright", 9) == 0 ||
	                         memcmp(s + i, "copyright", 9) == 0 ||
	                         memcmp(s + i, "COPYRIGHT", 9) == 0));
}

#ifdef __SSE2__
/* The bytes of the 48 at S where a copyright mark may open, a bit each. */
static uint64_t
mark_starts(const char *s)
{
	uint64_t m = 0;
	int q;

	for (q = 0; q < 3; q++) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + 16 * q));
		__m128i hit = _mm_or_si128(
		        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xc2)),
		                     _mm_cmpeq_epi8(v, _mm_set1_epi8('('))),
		        _mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8('c')));

		m |= (uint64_t)(unsigned)_mm_movemask_epi8(hit) << (16 * q);
	}
	return m;
}
#endif

/* The first copyright mark in the first 40 bytes of S, or NULL.  Every
 * line of the page may come here: the marks' first bytes are found
 * first, sixteen at a time (SSE2), a short line from a padded copy. */
static const char *
copyright_mark(const char *s, size_t len)
{
	size_t i, lim = len - 1 < 40 ? len - 1 : 40;

	if (len < 2)
		return NULL;
#ifdef __SSE2__
	{
		char pad[48] = {0};
		uint64_t m;

		if (len < sizeof pad)
			memcpy(pad, s, len);
		m = mark_starts(len < sizeof pad ? pad : s) & ((1ull << lim) - 1);
		for (; m; m &= m - 1) {
			i = (size_t)__builtin_ctzll(m);
			if (copyright_at(s, len, i))
				return s + i;
		}
		return NULL;
	}
#endif
	for (i = 0; i < lim; i++) {
		unsigned char ch = (unsigned char)s[i];

		if ((ch == 0xc2 || ch == '(' || ch == 'C' || ch == 'c') &&
		    copyright_at(s, len, i))
			return s + i;
	}
	return NULL;
}

/* "(c) 2018 Star Tribune", "Copyright (c) 2008 AFP. All rights
 * reserved.": the name after the marks and the years. */
static bool
copyright_name(const char *s, size_t len, struct wire_buf *out)
{
	const char *p = s, *e = s + len;
	const char *mark;
	bool has_sign = false; /* a (c) sign or a year: "Copyright Notice" is not */

	mark = copyright_mark(s, len);
	if (!mark)
		return false;
	p = mark;
	for (;;) {
		while (p < e && (*p == ' ' || *p == '-' || *p == ',' ||
		                 (*p >= '0' && *p <= '9'))) {
			has_sign |= *p >= '0' && *p <= '9';
			p++;
		}
		if (e - p >= 2 && memcmp(p, "\xc2\xa9", 2) == 0)
			p += 2, has_sign = true;
		else if (e - p >= 3 && (memcmp(p, "(c)", 3) == 0 || memcmp(p, "(C)", 3) == 0))
			p += 3, has_sign = true;
		else if (e - p >= 9 && (strncasecmp(p, "copyright", 9) == 0))
			p += 9;
		else if (e - p >= 3 && strncasecmp(p, "by ", 3) == 0)
			p += 3;
		else if (e - p >= 3 && (unsigned char)p[0] == 0xe2 && (unsigned char)p[1] == 0x80)
			p += 3; /* a dash between years */
		else
			break;
	}
	{
		const char *q = p;

		while (q < e && *q != '.' && *q != ',' && *q != '|' && *q != ';' &&
		       !(q + 1 < e && q[0] == ' ' && (q[1] == '-' || (q[1] >= '0' && q[1] <= '9'))) &&
		       !starts_caseless(q, (size_t)(e - q), " all rights"))
			q++;
		while (q > p && q[-1] == ' ')
			q--;
		if (!has_sign || q == p || !name_words(p, (size_t)(q - p), OUTLET_WORDS) ||
		    (q - p == 3 && strncasecmp(p, "the", 3) == 0))
			return false;
		wire_buf_clear(out);
		wire_buf_add(out, p, (size_t)(q - p));
	}
	return true;
}

/* "World Bulletin / News Desk", "Reuters Staff": the outlet of a desk. */
static bool
desk_name(struct wire_clean *c, const char *s, size_t len, struct wire_buf *out)
{
	const char *slash = memchr(s, '/', len);
	size_t n;

	if (slash) {
		const char *rest = slash + 1;
		size_t rlen = len - (size_t)(rest - s);

		if (!(memmem(rest, rlen, "Desk", 4) || memmem(rest, rlen, "desk", 4) ||
		      memmem(rest, rlen, "Staff", 5) || memmem(rest, rlen, "Bureau", 6)))
			return false;
		n = (size_t)(slash - s);
		trim(&s, &n);
		if (n == 0 || !name_words(s, n, OUTLET_WORDS))
			return false;
		wire_buf_clear(out);
		wire_buf_add(out, s, n);
		return true;
	}
	for (n = len; n > 0 && s[n - 1] != ' '; n--)
		;
	if (n == 0)
		return false;
	if (!((len - n == 4 && memcmp(s + n, "Desk", 4) == 0) ||
	      (len - n == 5 && memcmp(s + n, "Staff", 5) == 0)))
		return false;
	n--;
	if (n > 5 && memcmp(s + n - 5, " News", 5) == 0 && !outlet_name(c, s, n, out))
		n -= 5;
	return outlet_name(c, s, n, out);
}

bool
wire_clean_parse_source(struct wire_clean *c, const char *s, size_t len,
                        struct wire_buf *out)
{
	return copyright_name(s, len, out) || desk_name(c, s, len, out) ||
	       outlet_name(c, s, len, out);
}

/* "MIAMI (AFP) - ...": the agency in a dateline. */
static bool
dateline_agency(struct wire_clean *c, const char *s, size_t len, struct wire_buf *out)
{
	const char *open = memchr(s, '(', len < 40 ? len : 40), *close;
	size_t i;

	if (!open)
		return false;
	for (i = 0; s + i < open; i++)
		if (s[i] >= 'a' && s[i] <= 'z')
			return false;
	close = memchr(open, ')', len - (size_t)(open - s));
	if (!close || close - open < 2)
		return false;
	return outlet_name(c, open + 1, (size_t)(close - open - 1), out);
}

/* Whether the run of ASCII letters at S[K] (of LEN) is a word an
 * outlet's name ends with. */
static bool
run_ends_outlet(const struct wire_clean *c, const char *s, size_t len, size_t k)
{
	size_t j = k + 1;

	while (j < len && ascii_letter((unsigned char)s[j]))
		j++;
	return outlet_last_has(c, s + k, j - k);
}

/* Whether S may hold a word an outlet's name ends with, as a word of
 * its own: a run of ASCII letters opening with a capital, not after a
 * letter, found in c->outlet_last.  A letter outside ASCII before or
 * after a run may or may not join it into a longer word: the run is
 * looked up either way, so no word of the tokenizer is missed. */
static bool
may_end_outlet(const struct wire_clean *c, const char *s, size_t len)
{
	size_t i = 0;

#ifdef __SSE2__
	/* the runs' first capitals sixteen bytes at a time: most of the
	 * page's lines come here */
	const __m128i zero = _mm_setzero_si128(), z = _mm_set1_epi8(25);

	for (; i + 16 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		unsigned up = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
		        _mm_subs_epu8(_mm_sub_epi8(v, _mm_set1_epi8('A')), z), zero));
		unsigned letter = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
		        _mm_subs_epu8(_mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)),
		                                   _mm_set1_epi8('a')), z), zero));
		unsigned m = up & ~(letter << 1 | (i > 0 && ascii_letter((unsigned char)s[i - 1])));

		for (; m; m &= m - 1)
			if (run_ends_outlet(c, s, len, i + (size_t)__builtin_ctz(m)))
				return true;
	}
#endif
	for (; i < len; i++)
		if (s[i] >= 'A' && s[i] <= 'Z' &&
		    !(i > 0 && ascii_letter((unsigned char)s[i - 1])) &&
		    run_ends_outlet(c, s, len, i))
			return true;
	return false;
}

/* An outlet named in boilerplate prose: "The Moscow Times, an
 * independent news source", "Support Margot B World News with...".  A
 * maximal run of capitalised words whose last word is an outlet word
 * ("World News Service" is not an outlet); a sentence's capitalised
 * first word is not taken as part of the name unless it is "The". */
static bool
outlet_in_prose(struct wire_clean *c, const char *s, size_t len, struct wire_buf *out)
{
	struct tok t[MAX_TOKS];
	size_t n, i, j, from;

	/* most lines of a page name no outlet: skip the tokenizer */
	if (c->outlet_last_ok && !may_end_outlet(c, s, len))
		return false;
	n = tokenize(s, len, t, MAX_TOKS, len);

	for (i = 0; i < n; i = j > i ? j : i + 1) {
		j = i;
		if (t[i].type != T_WORD || !upper_start(s + t[i].off, t[i].len))
			continue;
		while (j < n && t[j].type == T_WORD && (j == i || t[j].space_before) &&
		       (upper_start(s + t[j].off, t[j].len) ||
		        (j > i && tok_is(s, &t[j], "of"))))
			j++;
		if (j - i > OUTLET_WORDS + 1)
			continue;
		if (j < n && !t[j].space_before && t[j].type != T_PUNCT)
			continue;
		from = i;
		if ((i == 0 || tok_punct(s, &t[i - 1], '.') || tok_punct(s, &t[i - 1], '!') ||
		     tok_punct(s, &t[i - 1], '?')) && !tok_is(s, &t[i], "the"))
			from = i + 1;
		if (from >= j || !outlet_word(c, s + t[from].off,
		                              t[j - 1].off + t[j - 1].len - t[from].off))
			continue;
		wire_buf_clear(out);
		wire_buf_add(out, s + t[from].off, t[j - 1].off + t[j - 1].len - t[from].off);
		return true;
	}
	return false;
}

/* ---- the search --------------------------------------------------- */

/* A byte of a word as count_words and word_start count them. */
static bool
word_byte(unsigned char ch)
{
	return letter_byte(ch) || (ch >= '0' && ch <= '9');
}

static size_t
count_words(const char *s, size_t len)
{
	size_t i, n = 0;
	bool in = false;

	for (i = 0; i < len; i++) {
		bool w = word_byte((unsigned char)s[i]);

		if (w && !in)
			n++;
		in = w;
	}
	return n;
}

/* The offset of word K (from 0) of S, as count_words counts them, or
 * LEN when S has fewer. */
static size_t
word_start(const char *s, size_t len, size_t k)
{
	size_t i;
	bool in = false;

	for (i = 0; i < len; i++) {
		bool w = word_byte((unsigned char)s[i]);

		if (w && !in && k-- == 0)
			return i;
		in = w;
	}
	return len;
}

static bool
label_word(const char *w, size_t n)
{
	static const char *const words[] = {
		"published", "updated", "posted", "on", "date", "dated",
		"modified", "created", "last", "edited", "tarihi", "monday",
		"tuesday", "wednesday", "thursday", "friday", "saturday",
		"sunday", "mon", "tue", "tues", "wed", "thu", "thurs", "fri",
		"sat", "sun", NULL
	};

	return word_in(words, w, n);
}

static bool
separator_char(const char *s)
{
	unsigned char ch = (unsigned char)*s;

	return ch == ':' || ch == '|' || ch == '-' || ch == '/' || ch == ',' ||
	       ch == '(' || ch == ')' || ch == 0xe2 || ch == 0xc2 || ch == '[' ||
	       ch == ']';
}

/* Whether the text before a date reads as its label: nothing, a
 * separator, or a label word ("Posted on", "Updated", a weekday). */
static bool
date_prefix_ok(const char *s, size_t at)
{
	size_t i = at, w;

	while (i > 0 && s[i - 1] == ' ')
		i--;
	if (i == 0)
		return true;
	/* a label is short: "Posted on Friday,", not a sentence ending in a
	 * comma ("Statement to the Parole Board, 3 October 2000") */
	if (count_words(s, i) > DATE_LABEL_WORDS)
		return false;
	if (separator_char(s + i - 1) ||
	    ((unsigned char)s[i - 1] >= 0x80 && i >= 3 &&
	     (unsigned char)s[i - 3] == 0xe2))
		return true;
	for (w = i; w > 0 && s[w - 1] != ' '; w--)
		;
	return label_word(s + w, i - w);
}

/* What the paragraph is besides its date: nothing much (a date line), or
 * a dateline opening article text. */
static bool
date_suffix_short(const char *s, size_t len, size_t end)
{
	return count_words(s + end, len - end) <= DATE_EXTRA_WORDS;
}

static bool
date_suffix_dateline(const char *s, size_t len, size_t end)
{
	while (end < len && s[end] == ' ')
		end++;
	return end < len && separator_char(s + end);
}

static void
set_meta(struct clean_par *p, int meta)
{
	p->meta = meta;
	p->kind = WIRE_CLEAN_BOILERPLATE;
}

static bool
title_shape(struct wire_clean *c, const struct clean_par *p)
{
	const char *s = clean_par_text(c, p);
	char last = s[p->len - 1];

	struct wire_buf *names = &c->scratch;
	size_t i = 0;

	/* a headline may open with a quotation mark, a company's name in
	 * angle brackets ("<IVACO INC> YEAR NET", as Reuters writes) or a
	 * bracket ("(CORRECTED) - ...") */
	while (i < p->len && (s[i] == '"' || s[i] == '\'' || s[i] == '<' || s[i] == '(' ||
	                      (unsigned char)s[i] == 0xe2))
		i += (unsigned char)s[i] == 0xe2 ? 3 : 1;
	size_t at, end;

	if (!(p->nwords >= 3 && p->nwords <= 30 && p->nchars <= 250 &&
	      p->meta == META_NONE && !p->pattern && p->nsep == 0 &&
	      last != '.' && last != ',' && last != ':' && last != ';' &&
	      i < p->len && upper_start(s + i, p->len - i) &&
	      !byline_span(s, p->len, names) && !titled_byline(s, p->len, names)))
		return false;
	/* a masthead or agency line ("Meridian News Agency") names the
	 * outlet, not the story */
	if (outlet_name(c, s, p->len, names))
		return false;
	/* not a date line ("Tuesday January 8, 2008") */
	return !(wire_clean_parse_date(c, s, p->len, names, &at, &end) &&
	         count_words(s, at) + count_words(s + end, p->len - end) <= 2);
}

/* A time in the label before a date ("04:52 PM PST on Friday, January 18,
 * 2008"), appended to the date in c->scratch. */
static void
time_before(struct wire_clean *c, const char *s, size_t at)
{
	struct tok t[MAX_TOKS];
	size_t n = tokenize(s, at, t, MAX_TOKS, at), j;
	int ymd[3];

	if (sscanf(c->scratch.data, "%4d-%2d-%2d", &ymd[0], &ymd[1], &ymd[2]) != 3)
		return;
	for (j = 0; j < n; j++)
		if (t[j].type == T_NUM && parse_time(c, s, t, n, j, ymd, &c->scratch) > j)
			return;
}

/* Takes the date of paragraph I if it is a date line or a dateline. */
static bool
try_date(struct wire_clean *c, size_t i)
{
	struct clean_par *p = &c->par[i];
	const char *s = clean_par_text(c, p);
	size_t at, end;

	if (p->meta != META_NONE || (p->pattern && p->nwords > 12))
		return false;
	/* a date after more words than a label has is never taken
	 * (date_prefix_ok): the search stops at the first word past them */
	if (!parse_date_within(c, s, p->len, DATE_LABEL_WORDS, &c->scratch, &at, &end) ||
	    !date_prefix_ok(s, at))
		return false;
	if (date_suffix_short(s, p->len, end))
		set_meta(p, META_DATE);
	else if (!date_suffix_dateline(s, p->len, end))
		return false;
	if (c->scratch.len == 10 && at > 0)
		time_before(c, s, at);
	wire_buf_clear(&c->meta.date);
	wire_buf_add(&c->meta.date, c->scratch.data, c->scratch.len);
	return true;
}

/* The head and the article's first paragraphs first, then the lines
 * after the article (update stamps). */
static void
find_date(struct wire_clean *c, size_t lo, size_t end, size_t hi)
{
	size_t i;

	if (c->meta.date.len > 0)
		return; /* from the byline line */
	for (i = lo; i < hi; i++)
		if (try_date(c, i))
			return;
	for (i = end; i < c->npar; i++)
		if (try_date(c, i))
			return;
}

/* Takes paragraph I as the byline when it is one: a "By" line in PASS 0,
 * a name with a reporter's title in pass 1. */
static bool
take_byline(struct wire_clean *c, size_t i, int pass)
{
	struct clean_par *p = &c->par[i];
	const char *s = clean_par_text(c, p);
	size_t end, at, dend;

	end = pass == 0 ? byline_span(s, p->len, &c->meta.byline)
	                : titled_byline(s, p->len, &c->meta.byline);
	if (end == 0)
		return false;
	/* the date of a "By X - Dec 22, 2012 6:29 AM PT" line */
	if (wire_clean_parse_date(c, s + end, p->len - end, &c->scratch, &at, &dend)) {
		if (c->meta.date.len == 0) {
			wire_buf_clear(&c->meta.date);
			wire_buf_add(&c->meta.date, c->scratch.data, c->scratch.len);
		}
		end += dend;
	}
	if (count_words(s + end, p->len - end) <= BYLINE_EXTRA_WORDS)
		set_meta(p, META_BYLINE);
	return true;
}

/* A "By" line first; a name with a reporter's title only when there is
 * none. */
static void
find_byline(struct wire_clean *c, size_t lo, size_t hi)
{
	size_t i;
	int pass;

	for (pass = 0; pass < 2; pass++)
		for (i = lo; i < hi; i++)
			if (take_byline(c, i, pass))
				return;
	wire_buf_clear(&c->meta.byline);
}

/* Source candidates by preference: an outlet's line of its own or a desk
 * line near the article, a dateline's agency, a copyright line, an outlet
 * named in boilerplate. */
static void
find_source(struct wire_clean *c, size_t lo, size_t start, size_t end, size_t hi)
{
	struct wire_buf *src = &c->meta.source;
	int best = 99;
	size_t i;

	wire_buf_clear(src);
	for (i = lo; i < c->npar && best > 0; i++) {
		struct clean_par *p = &c->par[i];
		const char *s = clean_par_text(c, p);
		bool body = i >= start && i < end && p->kind != WIRE_CLEAN_BOILERPLATE;
		int rank = 99;

		if (p->meta != META_NONE && p->meta != META_SOURCE)
			continue;
		/* a finder runs only while it can beat the best so far: the
		 * prose search tokenizes every line of the page */
		if (i < hi && p->nwords <= OUTLET_WORDS + 3 &&
		    (desk_name(c, s, p->len, &c->scratch) ||
		     (p->nwords <= OUTLET_WORDS && outlet_name(c, s, p->len, &c->scratch)))) {
			rank = 0;
			set_meta(p, META_SOURCE);
		} else if (best > 1 && i == start &&
		           dateline_agency(c, s, p->len, &c->scratch)) {
			rank = 1;
		} else if (best > 2 && !body && p->nwords <= 30 &&
		           copyright_name(s, p->len, &c->scratch)) {
			rank = 2;
		} else if (best > 3 && !body &&
		           outlet_in_prose(c, s, p->len, &c->scratch)) {
			rank = 3;
		}
		if (rank < best) {
			best = rank;
			wire_buf_clear(src);
			wire_buf_add(src, c->scratch.data, c->scratch.len);
		}
	}
}

/* Sentence text within the next few paragraphs: a headline is followed
 * by the story, perhaps after a byline and a date line. */
static bool
body_follows(const struct wire_clean *c, size_t i, size_t end)
{
	size_t j;

	for (j = i + 1; j < end && j <= i + TITLE_LOOKAHEAD; j++)
		if (c->par[j].final)
			return true;
	return false;
}

/* Whether the letters of P are all capitals, as in a wire headline. */
static bool
caps_line(const struct wire_clean *c, const struct clean_par *p)
{
	const char *s = clean_par_text(c, p);
	size_t i, upper = 0;

	for (i = 0; i < p->len; i++) {
		if (s[i] >= 'a' && s[i] <= 'z')
			return false;
		upper += s[i] >= 'A' && s[i] <= 'Z';
	}
	return upper >= 6;
}

/* Whether the lines from the page's second to line I are a table rather
 * than a standfirst or teasers: none ends like a sentence. */
static bool
table_above(const struct wire_clean *c, size_t i)
{
	size_t j;

	for (j = 1; j <= i; j++)
		if (c->par[j].final)
			return false;
	return true;
}

static void
find_title(struct wire_clean *c, size_t lo, size_t start, size_t end)
{
	struct wire_buf *t = &c->meta.title;
	size_t i, j, found = (size_t)-1;
	bool preferred = false;

	wire_buf_clear(t);
	/* The headline-shaped line nearest above the article (or its first
	 * line when that has the shape and body text follows).  Pages repeat
	 * the headline in the window title, their first line ("AFP: Riley
	 * unlikely to return..."): a candidate found there, or repeated, is
	 * preferred to a nearer one. */
	for (i = start + 1; i-- > lo;) {
		struct clean_par *p = &c->par[i];

		if (i == start && (i >= end || p->kind != WIRE_CLEAN_BODY ||
		                   !body_follows(c, i, end)))
			continue;
		if (!title_shape(c, p))
			continue;
		if (found == (size_t)-1)
			found = i;
		if (p->repeated || (i > 0 && c->par[0].len > p->len &&
		                    memmem(clean_par_text(c, &c->par[0]), c->par[0].len,
		                           clean_par_text(c, p), p->len))) {
			found = i;
			preferred = true;
			break;
		}
	}
	if (found == (size_t)-1)
		return;
	/* a wire brief: its headline in capitals first, then a table whose
	 * lines have a headline's shape ("Revs 38.6 mln vs 31.2 mln") */
	if (!preferred && lo == 0 && found > 0 && table_above(c, found) &&
	    caps_line(c, &c->par[0]) && title_shape(c, &c->par[0]))
		found = 0;
	wire_buf_add(t, clean_par_text(c, &c->par[found]), c->par[found].len);
	/* every copy of the headline leaves the text */
	for (j = 0; j < c->npar; j++) {
		struct clean_par *p = &c->par[j];

		if (p->len == t->len && memcmp(clean_par_text(c, p), t->data, t->len) == 0)
			set_meta(p, META_TITLE);
	}
}

void
wire_clean_find_meta(struct wire_clean *c, size_t start, size_t end)
{
	size_t lo = start > HEAD_ZONE ? start - HEAD_ZONE : 0;
	size_t hi = start + BODY_ZONE < end ? start + BODY_ZONE : end;

	if (hi < start)
		hi = start;
	wire_buf_clear(&c->meta.title);
	wire_buf_clear(&c->meta.date);
	wire_buf_clear(&c->meta.byline);
	wire_buf_clear(&c->meta.source);
	if (c->npar == 0)
		return;
	find_byline(c, lo, start + BYLINE_ZONE < end ? start + BYLINE_ZONE : end);
	find_date(c, lo, end, hi);
	find_source(c, lo, start, end, hi);
	find_title(c, lo, start, end);
}
