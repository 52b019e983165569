/*
 * sentence.c - sentence boundaries by a byte scanner and word lists.
 *
 * A boundary candidate is a run of terminators (. ? ! and U+2026) with
 * the closing quotes and brackets after it, followed by white space.
 * Only at a candidate do we look at words: the token before the period
 * (abbreviation, initial, acronym, list number) and the word after the
 * white space (lower case, capital, digit, opening quote, a known
 * sentence starter).  Everything else is a plain loop over bytes, so the
 * cost is one table lookup per byte.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "wire.h"

struct wire_splitter {
	struct wire_wordset nonfinal;
	struct wire_wordset final;
	struct wire_wordset number;
	struct wire_wordset starters;
	struct wire_wordset labels;
	struct wire_wordset speech;
	struct wire_wordset runin;
	/* run-in openers by their first two letters: bit L (0-25 for a-z,
	 * 26 for a one-letter word) of runin_next[F - 'A'] is set when a
	 * word starts with capital F and then L; a cheap test before the
	 * word set's */
	uint32_t runin_next[26];
};

struct wire_splitter *wire_splitter_new(void)
{
	struct wire_splitter *sp = wire_xcalloc(1, sizeof *sp);

	wire_wordset_init(&sp->nonfinal);
	wire_wordset_init(&sp->final);
	wire_wordset_init(&sp->number);
	wire_wordset_init(&sp->starters);
	wire_wordset_init(&sp->labels);
	wire_wordset_init(&sp->speech);
	wire_wordset_init(&sp->runin);
	return sp;
}

void wire_splitter_free(struct wire_splitter *sp)
{
	if (!sp)
		return;
	wire_wordset_free(&sp->nonfinal);
	wire_wordset_free(&sp->final);
	wire_wordset_free(&sp->number);
	wire_wordset_free(&sp->starters);
	wire_wordset_free(&sp->labels);
	wire_wordset_free(&sp->speech);
	wire_wordset_free(&sp->runin);
	free(sp);
}

void wire_splitter_add(struct wire_splitter *sp, const char *abbr, size_t len,
                       enum wire_abbr_kind kind)
{
	char tmp[256];

	/* Lookups use the token with its final period; accept an entry
	 * written without one. */
	if (len > 0 && abbr[len - 1] != '.' && len < sizeof tmp - 1) {
		memcpy(tmp, abbr, len);
		tmp[len++] = '.';
		abbr = tmp;
	}
	switch (kind) {
	case WIRE_ABBR_NONFINAL:
		wire_wordset_add(&sp->nonfinal, abbr, len);
		break;
	case WIRE_ABBR_FINAL:
		wire_wordset_add(&sp->final, abbr, len);
		break;
	case WIRE_ABBR_NUMBER:
		wire_wordset_add(&sp->number, abbr, len);
		break;
	}
}

void wire_splitter_add_starter(struct wire_splitter *sp, const char *w,
                               size_t len)
{
	wire_wordset_add(&sp->starters, w, len);
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
	       c == '\v';
}

static int parse_kind(const char *s, size_t n)
{
	if (n == 8 && memcmp(s, "nonfinal", 8) == 0)
		return WIRE_ABBR_NONFINAL;
	if (n == 5 && memcmp(s, "final", 5) == 0)
		return WIRE_ABBR_FINAL;
	if (n == 6 && memcmp(s, "number", 6) == 0)
		return WIRE_ABBR_NUMBER;
	return -1;
}

struct splitter_load {
	struct wire_splitter *sp;
	enum wire_abbr_kind default_kind;
};

/* "ABBREVIATION [KIND]": the line comes trimmed, comments skipped. */
static void
splitter_line(char *line, size_t len, const char *file, unsigned long lineno,
              void *arg)
{
	struct splitter_load *sl = arg;
	int kind = (int)sl->default_kind;
	size_t w, k;

	for (w = 0; w < len && !is_blank(line[w]); w++)
		;
	if (w < len) {
		for (k = w; k < len && is_blank(line[k]); k++)
			;
		kind = parse_kind(line + k, len - k);
		if (kind < 0)
			wire_die_at(file, lineno,
			            "unknown kind '%.*s' (nonfinal, final or number)",
			            (int)(len - k), line + k);
	}
	wire_splitter_add(sl->sp, line, w, (enum wire_abbr_kind)kind);
}

void wire_splitter_load(struct wire_splitter *sp, const char *file,
                        enum wire_abbr_kind default_kind)
{
	struct splitter_load sl = {sp, default_kind};

	wire_each_line(file, splitter_line, &sl);
}

void wire_splitter_load_starters(struct wire_splitter *sp, const char *file)
{
	wire_wordset_load(&sp->starters, file);
}

void wire_splitter_load_labels(struct wire_splitter *sp, const char *file)
{
	wire_wordset_load(&sp->labels, file);
}

void wire_splitter_add_label(struct wire_splitter *sp, const char *w,
                             size_t len)
{
	wire_wordset_add(&sp->labels, w, len);
}

void wire_splitter_load_speech(struct wire_splitter *sp, const char *file)
{
	wire_wordset_load(&sp->speech, file);
}

void wire_splitter_add_speech(struct wire_splitter *sp, const char *w,
                              size_t len)
{
	wire_wordset_add(&sp->speech, w, len);
}

void wire_splitter_add_runin(struct wire_splitter *sp, const char *w,
                             size_t len)
{
	wire_wordset_add(&sp->runin, w, len);
	if (len > 0 && w[0] >= 'A' && w[0] <= 'Z')
		sp->runin_next[w[0] - 'A'] |=
		    len > 1 && w[1] >= 'a' && w[1] <= 'z' ? 1u << (w[1] - 'a')
		                                          : 1u << 26;
}

static void runin_line(char *line, size_t len, const char *file,
                       unsigned long lineno, void *arg)
{
	(void)file;
	(void)lineno;
	wire_splitter_add_runin(arg, line, len);
}

void wire_splitter_load_runin(struct wire_splitter *sp, const char *file)
{
	wire_each_line(file, runin_line, sp);
}

void wire_splitter_load_defaults(struct wire_splitter *sp)
{
	static const struct {
		const char *name;
		enum wire_abbr_kind kind;
	} lists[] = {
		{"abbreviations.nonfinal", WIRE_ABBR_NONFINAL},
		{"abbreviations.final", WIRE_ABBR_FINAL},
		{"abbreviations.number", WIRE_ABBR_NUMBER},
	};
	char *path;

	for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
		path = wire_model_path(lists[i].name);
		wire_splitter_load(sp, path, lists[i].kind);
		free(path);
	}
	path = wire_model_path("sentence.starters");
	wire_splitter_load_starters(sp, path);
	free(path);
	path = wire_model_path("sentence.labels");
	wire_splitter_load_labels(sp, path);
	free(path);
	path = wire_model_path("sentence.speech");
	wire_splitter_load_speech(sp, path);
	free(path);
	path = wire_model_path("sentence.runin");
	wire_splitter_load_runin(sp, path);
	free(path);
}

/* ---- character classes over UTF-8 bytes ---- */

static const unsigned char *U(const char *s)
{
	return (const unsigned char *)s;
}

/* Byte length of the white space character at S[i], or 0.  Besides ASCII:
 * NO-BREAK SPACE, the U+2000..U+200A spaces, U+202F, U+205F, U+3000. */
static size_t ws_at(const char *s, size_t i, size_t len)
{
	const unsigned char *u = U(s);
	unsigned char c = u[i];

	if (c < 0x80)
		return is_blank((char)c) ? 1 : 0;
	if (c == 0xC2 && i + 1 < len && u[i + 1] == 0xA0)
		return 2;
	if (c == 0xE2 && i + 2 < len) {
		if (u[i + 1] == 0x80 && u[i + 2] >= 0x80 &&
		    (u[i + 2] <= 0x8A || u[i + 2] == 0xAF))
			return 3;
		if (u[i + 1] == 0x81 && u[i + 2] == 0x9F)
			return 3;
	}
	if (c == 0xE3 && i + 2 < len && u[i + 1] == 0x80 && u[i + 2] == 0x80)
		return 3;
	return 0;
}

/* Byte length of the white space character that ends just before S[i]. */
static size_t ws_before(const char *s, size_t i)
{
	const unsigned char *u = U(s);

	if (i == 0)
		return 0;
	if (u[i - 1] < 0x80)
		return is_blank((char)u[i - 1]) ? 1 : 0;
	if (i >= 2 && u[i - 2] == 0xC2 && u[i - 1] == 0xA0)
		return 2;
	if (i >= 3 && ws_at(s, i - 3, i) == 3)
		return 3;
	return 0;
}

static size_t skip_ws(const char *s, size_t i, size_t len)
{
	size_t w;

	while (i < len && (w = ws_at(s, i, len)) > 0)
		i += w;
	return i;
}

/* Terminator at S[i]: returns its byte length (. ? ! or U+2026), or 0. */
static size_t term_at(const char *s, size_t i, size_t len)
{
	const unsigned char *u = U(s);

	if (u[i] == '.' || u[i] == '?' || u[i] == '!')
		return 1;
	if (u[i] == 0xE2 && i + 2 < len && u[i + 1] == 0x80 && u[i + 2] == 0xA6)
		return 3;
	return 0;
}

/* Closing quote or bracket at S[i]: its byte length, or 0.
 * " ' ) ] } and U+2019 U+201D U+203A U+00BB. */
static size_t closer_at(const char *s, size_t i, size_t len)
{
	const unsigned char *u = U(s);
	unsigned char c = u[i];

	if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '}')
		return 1;
	if (c == 0xC2 && i + 1 < len && u[i + 1] == 0xBB)
		return 2;
	if (c == 0xE2 && i + 2 < len && u[i + 1] == 0x80 &&
	    (u[i + 2] == 0x99 || u[i + 2] == 0x9D || u[i + 2] == 0xBA))
		return 3;
	return 0;
}

/* Opening quote or bracket (or inverted mark) at S[i]: its length, or 0.
 * " ' ( [ { and U+2018 U+201C U+2039 U+00AB U+00BF U+00A1. */
static size_t opener_at(const char *s, size_t i, size_t len)
{
	const unsigned char *u = U(s);
	unsigned char c = u[i];

	if (c == '"' || c == '\'' || c == '(' || c == '[' || c == '{')
		return 1;
	if (c == 0xC2 && i + 1 < len &&
	    (u[i + 1] == 0xAB || u[i + 1] == 0xBF || u[i + 1] == 0xA1))
		return 2;
	if (c == 0xE2 && i + 2 < len && u[i + 1] == 0x80 &&
	    (u[i + 2] == 0x98 || u[i + 2] == 0x9C || u[i + 2] == 0xB9))
		return 3;
	return 0;
}

enum letter_case { CASE_NONE, CASE_UPPER, CASE_LOWER };

/* Case of a code point, for the scripts news text uses: Latin (with
 * Latin-1 and Extended-A), Greek and Cyrillic.  Anything else is
 * CASE_NONE. */
static enum letter_case cp_case(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return CASE_UPPER;
	if (c >= 'a' && c <= 'z')
		return CASE_LOWER;
	if (c < 0xC0)
		return CASE_NONE;
	if (c <= 0xDE)
		return c == 0xD7 ? CASE_NONE : CASE_UPPER;
	if (c <= 0xFF)
		return c == 0xF7 ? CASE_NONE : CASE_LOWER;
	if (c <= 0x17F) /* Extended-A alternates upper, lower (mostly) */
		return (c & 1) == ((c >= 0x139 && c <= 0x148) || c >= 0x179)
		           ? CASE_LOWER : CASE_UPPER;
	if (c >= 0x391 && c <= 0x3A9)
		return CASE_UPPER;
	if (c >= 0x3AC && c <= 0x3CE)
		return CASE_LOWER;
	if (c >= 0x400 && c <= 0x42F)
		return CASE_UPPER;
	if (c >= 0x430 && c <= 0x45F)
		return CASE_LOWER;
	return CASE_NONE;
}

static enum letter_case case_at(const char *s, size_t i, size_t len,
                                size_t *used)
{
	uint32_t c;
	size_t n = wire_utf8_decode(s + i, len - i, &c);

	if (n == 0) {
		*used = 1;
		return CASE_NONE;
	}
	*used = n;
	return cp_case(c);
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* ---- the word after a candidate boundary ---- */

enum next_class {
	NEXT_LOWER, NEXT_UPPER, NEXT_DIGIT,
	NEXT_PUNCT, /* . , ; : continue the sentence (". . ." too) */
	NEXT_OTHER
};

struct next_word {
	enum next_class cls;
	bool opener;      /* an opening quote or bracket came first */
	size_t word, wlen; /* the leading letters, for the starter list */
};

static void look_next(const char *s, size_t i, size_t len,
                      struct next_word *nx)
{
	size_t n, used;
	enum letter_case lc;

	nx->opener = false;
	while (i < len && (n = opener_at(s, i, len)) > 0) {
		nx->opener = true;
		i += n;
	}
	nx->word = i;
	nx->wlen = 0;
	if (i >= len) {
		nx->cls = NEXT_OTHER;
		return;
	}
	if (is_digit(s[i])) {
		nx->cls = NEXT_DIGIT;
		return;
	}
	if (!nx->opener && strchr(".,;:", s[i]) && s[i] != '\0') {
		nx->cls = NEXT_PUNCT;
		return;
	}
	lc = case_at(s, i, len, &used);
	if (lc == CASE_NONE) {
		nx->cls = NEXT_OTHER;
		return;
	}
	nx->cls = lc == CASE_UPPER ? NEXT_UPPER : NEXT_LOWER;
	n = i;
	while (n < len && case_at(s, n, len, &used) != CASE_NONE)
		n += used;
	nx->wlen = n - i;
}

static bool next_is_starter(const struct wire_splitter *sp, const char *s,
                            const struct next_word *nx)
{
	if (nx->cls != NEXT_UPPER)
		return false;
	if (nx->opener) /* a quotation opening after the abbreviation */
		return true;
	return wire_wordset_has(&sp->starters, s + nx->word, nx->wlen);
}

/* ---- the token before a period ---- */

/* Leading quotes, brackets and dashes are not part of the token. */
static size_t strip_leading(const char *s, size_t a, size_t end)
{
	const unsigned char *u = U(s);
	size_t n;

	for (;;) {
		if (a >= end)
			return a;
		if ((n = opener_at(s, a, end)) > 0) {
			a += n;
			continue;
		}
		if (u[a] == '-' || u[a] == '*' || u[a] == '/') {
			a++;
			continue;
		}
		/* en dash, em dash */
		if (u[a] == 0xE2 && a + 2 < end && u[a + 1] == 0x80 &&
		    (u[a + 2] == 0x93 || u[a + 2] == 0x94)) {
			a += 3;
			continue;
		}
		return a;
	}
}

/* One letter: an initial ("Sergei V. Lavrov", "(b. 1950)"). */
static bool is_initial(const char *s, size_t a, size_t dot)
{
	size_t used;

	if (a >= dot)
		return false;
	return case_at(s, a, dot, &used) != CASE_NONE && a + used == dot;
}

/* Letters and periods alternating, every piece 1-3 letters, at least two
 * pieces: U.S.A, e.g, Ph.D (the final period is at DOT). */
static bool is_dotted(const char *s, size_t a, size_t dot)
{
	size_t run = 0, pieces = 0, used;

	for (size_t i = a; i < dot; i += used) {
		used = 1;
		if (s[i] == '.') {
			if (run == 0)
				return false;
			pieces++;
			run = 0;
		} else if (case_at(s, i, dot, &used) != CASE_NONE) {
			if (++run > 3)
				return false;
		} else {
			return false;
		}
	}
	return run > 0 && pieces >= 1;
}

/* A list label: 1-3 digits, one letter, or a Roman numeral. */
static bool is_list_label(const char *s, size_t a, size_t dot)
{
	size_t n = dot - a, i;

	if (n == 0 || n > 4)
		return false;
	for (i = a; i < dot && is_digit(s[i]); i++)
		;
	if (i == dot)
		return n <= 3;
	if (n == 1)
		return (s[a] >= 'a' && s[a] <= 'z') || (s[a] >= 'A' && s[a] <= 'Z');
	for (i = a; i < dot; i++)
		if (!strchr("IVXivx", s[i]))
			return false;
	return true;
}

/* Is TOK (with its period) in SET, as written or, when written in
 * capitals ("GEN."), in title case? */
static bool abbr_in(const struct wire_wordset *set, const char *tok,
                    size_t tlen)
{
	char tc[32];
	bool caps = false;

	if (wire_wordset_has(set, tok, tlen))
		return true;
	if (tlen < 3 || tlen > sizeof tc)
		return false;
	for (size_t i = 0; i < tlen; i++) {
		char c = tok[i];

		if (c >= 'a' && c <= 'z')
			return false;
		if (c >= 'A' && c <= 'Z') {
			if (i > 0 && tok[i - 1] >= 'A' && tok[i - 1] <= 'Z') {
				c = (char)(c - 'A' + 'a');
				caps = true;
			}
		} else if (c != '.') {
			return false;
		}
		tc[i] = c;
	}
	return caps && wire_wordset_has(set, tc, tlen);
}

/* A footnote marker at S[i]: [1], [23], [a], [citation needed].
 * Returns its length or 0. */
static size_t footnote_at(const char *s, size_t i, size_t len)
{
	size_t j = i + 1;

	if (i >= len || s[i] != '[' || j >= len || !(is_digit(s[j]) ||
	                                 (s[j] >= 'a' && s[j] <= 'z')))
		return 0;
	while (j < len && j - i <= 32 &&
	       (is_digit(s[j]) || (s[j] >= 'a' && s[j] <= 'z') || s[j] == ' '))
		j++;
	if (j >= len || s[j] != ']')
		return 0;
	return j + 1 - i;
}

/* "Why?" Smith asked. -- a question or exclamation in quotes followed
 * by its speaker and a speech verb (within three words, the first one
 * capitalised) goes on in the same sentence. */
static bool speaker_follows(const struct wire_splitter *sp, const char *s,
                            size_t i, size_t len)
{
	if (sp->speech.count == 0)
		return false;
	for (int word = 0; word < 3 && i < len; word++) {
		size_t a = i, used;
		enum letter_case lc = CASE_NONE;

		while (i < len && (lc = case_at(s, i, len, &used)) != CASE_NONE &&
		       (i == a || lc == CASE_LOWER))
			i += used;
		if (i == a)
			return false;
		if (word > 0 && wire_wordset_has(&sp->speech, s + a, i - a))
			return true;
		if (i >= len || ws_at(s, i, len) == 0)
			return false;
		i = skip_ws(s, i, len);
	}
	return false;
}

/* English month and weekday names, for datelines. */
static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
	"Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
};
static const char *const weekdays[] = {
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
	"Sunday",
};

static size_t name_at(const char *s, size_t i, size_t len,
                      const char *const *names, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		size_t l;

		if (names[k][0] != s[i])
			continue;
		l = strlen(names[k]);
		if (len - i >= l && memcmp(s + i, names[k], l) == 0)
			return l;
	}
	return 0;
}

static size_t digits_at(const char *s, size_t i, size_t len)
{
	size_t j = i;

	while (j < len && is_digit(s[j]))
		j++;
	return j - i;
}

/* A dateline opening a text and run into the next sentence: "Thursday,
 * May 7, 2015 On Tuesday, the ..." or "December 10, 2012 Russia ...".
 * Returns the offset just after the year when one is followed by white
 * space and a capital, else 0. */
static size_t dateline_end(const char *s, size_t i, size_t len)
{
	size_t n, used;

	if (!strchr("ADFJMNOSTW", s[i]) || s[i] == '\0')
		return 0; /* no month or weekday starts otherwise */
	if ((n = name_at(s, i, len, weekdays, 7)) > 0) {
		i += n;
		if (i + 1 >= len || s[i] != ',' || s[i + 1] != ' ')
			return 0;
		i += 2;
	}
	if ((n = name_at(s, i, len, months, sizeof months / sizeof *months)) == 0)
		return 0;
	i += n;
	if (i >= len || s[i] != ' ')
		return 0;
	n = digits_at(s, ++i, len);
	if (n < 1 || n > 2)
		return 0;
	i += n;
	if (i + 1 >= len || s[i] != ',' || s[i + 1] != ' ')
		return 0;
	i += 2;
	if (digits_at(s, i, len) != 4)
		return 0;
	i += 4;
	if (i >= len || ws_at(s, i, len) == 0)
		return 0;
	n = skip_ws(s, i, len);
	return n < len && case_at(s, n, len, &used) == CASE_UPPER ? i : 0;
}

/* A dash and a word after a sentence end go on with it: an attribution
 * ("... a long game." - Matthew Ingram) or an aside ("'Huh?' - used as
 * a ...").  A bullet dash opening a paragraph never follows a sentence
 * end, so it is not affected. */
static bool attribution_at(const char *s, size_t i, size_t len)
{
	const unsigned char *u = U(s);
	size_t n, used;

	if (i >= len)
		return false;
	if (u[i] == '-')
		n = 1;
	else if (u[i] == 0xE2 && i + 2 < len && u[i + 1] == 0x80 &&
	         (u[i + 2] == 0x93 || u[i + 2] == 0x94))
		n = 3;
	else
		return false;
	if (i + n >= len || ws_at(s, i + n, len) == 0)
		return false;
	i = skip_ws(s, i + n, len);
	return i < len && case_at(s, i, len, &used) != CASE_NONE;
}

static bool ends_with_terminator(const char *s, size_t end);

/* A heading, caption or dateline run into the first sentence of a
 * paragraph, because scraping lost the line break after it: "Results by
 * district In the north, turnout rose."  Only the first RUNIN_MAX bytes
 * are looked at: what runs in is a short line, and the bound keeps the
 * cost per paragraph fixed. */
#define RUNIN_MAX 100

/* Is the character that ends just before S[i] a letter or a digit?  A
 * word, not punctuation, comes before the run-in opener. */
static bool word_before(const char *s, size_t start, size_t i)
{
	const unsigned char *u = U(s);
	size_t a = i, used;

	if (i <= start)
		return false;
	if (u[i - 1] < 0x80)
		return is_digit(s[i - 1]) || cp_case(u[i - 1]) != CASE_NONE;
	while (a > start && (u[a - 1] & 0xC0) == 0x80 && i - a < 3)
		a--;
	if (a == start)
		return false;
	a--; /* the lead byte */
	return case_at(s, a, i, &used) != CASE_NONE && a + used == i;
}

/* Is S[i] inside a double quotation opened after START?  An opener in
 * quotes is part of a title ("Things Lost In the Fire"). */
static bool quoted_at(const char *s, size_t start, size_t i)
{
	const unsigned char *u = U(s);
	bool quoted = false;

	for (size_t k = start; k < i; k++) {
		if (u[k] == '"')
			quoted = !quoted;
		else if (u[k] == 0xE2 && k + 2 < i && u[k + 1] == 0x80 &&
		         (u[k + 2] == 0x9C || u[k + 2] == 0x9D))
			quoted = u[k + 2] == 0x9C;
	}
	return quoted;
}

/* Does a run-in opener start at S[i] (a capital after a space)?  A word
 * from the list, after a word, followed by a word in lower case, and not
 * in quotes. */
static bool runin_word(const struct wire_splitter *sp, const char *s,
                       size_t start, size_t i, size_t end)
{
	size_t w, n, used;
	unsigned next = s[i + 1] >= 'a' && s[i + 1] <= 'z'
	                    ? (unsigned)(s[i + 1] - 'a') : 26;

	if (!(sp->runin_next[s[i] - 'A'] >> next & 1) ||
	    !word_before(s, start, i - 1))
		return false;
	for (w = i + 1; w < end && s[w] >= 'a' && s[w] <= 'z'; w++)
		;
	if (w >= end || ws_at(s, w, end) == 0)
		return false;
	n = skip_ws(s, w, end);
	return n < end && case_at(s, n, end, &used) == CASE_LOWER &&
	       wire_wordset_has(&sp->runin, s + i, w - i) &&
	       !quoted_at(s, start, i);
}

/* Sixteen bytes at a time, as the compiler's vector code (SSE2, NEON, or
 * plain words where there is none): lanes are -1 where true. */
typedef signed char v16s __attribute__((vector_size(16)));
typedef uint64_t v2u __attribute__((vector_size(16)));

/* The capitals after a space among the sixteen bytes at U[i] (U[i - 1]
 * readable), as two words with 0xFF in each marked byte: mostly 0.  Bytes
 * of 0x80 and up are negative as signed chars, never capitals. */
static v2u capitals_after_space(const unsigned char *u, size_t i)
{
	v16s w, p;

	memcpy(&w, u + i, sizeof w);
	memcpy(&p, u + i - 1, sizeof p);
	return (v2u)((w >= 'A') & (w <= 'Z') & (p == ' '));
}

/* Index of the first byte (in memory order) marked in mask M != 0. */
static size_t first_marked(uint64_t m)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return (size_t)__builtin_clzll(m) / 8;
#else
	return (size_t)__builtin_ctzll(m) / 8;
#endif
}

/* The offset of a run-in opener in [START, STOP), the paragraph's text
 * before its first terminator, or 0.  Jumps from capital to capital. */
static size_t runin_at(const struct wire_splitter *sp, const char *s,
                       size_t start, size_t stop, size_t end)
{
	const unsigned char *u = U(s);
	v2u m;

	if (stop - start > RUNIN_MAX)
		stop = start + RUNIN_MAX;
	for (size_t i = start + 1; i < stop; i++) {
		if (i + 16 <= stop) {
			m = capitals_after_space(u, i);
			if ((m[0] | m[1]) == 0) {
				i += 15;
				continue;
			}
			i += m[0] ? first_marked(m[0]) : 8 + first_marked(m[1]);
		} else if (s[i] < 'A' || s[i] > 'Z' || s[i - 1] != ' ') {
			continue;
		}
		if (runin_word(sp, s, start, i, end))
			return i;
	}
	return 0;
}

/* ---- the decision ---- */

/* Run of terminators at [T, E) followed by white space, sentence started
 * at START, next word at NEXT.  Is this a sentence boundary? */
static bool is_boundary(const struct wire_splitter *sp, const char *s,
                        size_t len, size_t start, size_t t, size_t dotend,
                        size_t j, size_t next)
{
	struct next_word nx;
	size_t a, ndots = 0, i;
	bool question = false;

	look_next(s, next, len, &nx);
	for (i = t; i < dotend; i += term_at(s, i, len)) {
		if (s[i] == '?' || s[i] == '!')
			question = true;
		else
			ndots += (s[i] == '.') ? 1 : 3;
	}
	if (nx.cls == NEXT_LOWER || nx.cls == NEXT_PUNCT)
		return false; /* "Why?" he asked. / e.g. the / U.S. officials */
	if (nx.cls == NEXT_OTHER && !nx.opener && attribution_at(s, next, len))
		return false;
	if (question)
		return !(j > dotend && nx.cls == NEXT_UPPER && !nx.opener &&
		         speaker_follows(sp, s, next, len));
	if (ndots > 1) /* an ellipsis ends a sentence before a capital */
		return nx.cls == NEXT_UPPER;

	/* A single period: the token before it decides. */
	a = t;
	while (a > start && ws_before(s, a) == 0)
		a--;
	a = strip_leading(s, a, t);
	if (a == t) /* a period standing alone */
		return true;
	{
		const char *tok = s + a;
		size_t tlen = t + 1 - a; /* with its period */

		if (abbr_in(&sp->nonfinal, tok, tlen))
			return false;
		if (nx.cls == NEXT_DIGIT && abbr_in(&sp->number, tok, tlen))
			return false;
		if (a == strip_leading(s, start, t) && is_list_label(s, a, t))
			return false; /* "1. Buy milk." */
		if (abbr_in(&sp->final, tok, tlen) ||
		    is_initial(s, a, t) || is_dotted(s, a, t))
			return next_is_starter(sp, s, &nx);
	}
	return true;
}

/* Sentence-final punctuation at the end of [0, end)?  Looks through
 * closing quotes and brackets. */
static bool ends_with_terminator(const char *s, size_t end)
{
	const unsigned char *u = U(s);

	while (end > 0) {
		unsigned char c = u[end - 1];

		if (c == '.' || c == '?' || c == '!')
			return true;
		if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '}') {
			end--;
			continue;
		}
		if (end >= 3 && u[end - 3] == 0xE2 && u[end - 2] == 0x80) {
			if (c == 0xA6)
				return true;
			if (c == 0x99 || c == 0x9D || c == 0xBA) {
				end -= 3;
				continue;
			}
		}
		if (end >= 2 && u[end - 2] == 0xC2 && c == 0xBB) {
			end -= 2;
			continue;
		}
		return false;
	}
	return false;
}

/* Bytes the scanner stops at: terminators . ? ! , the lead byte of U+2026
 * (and of curly quotes and dashes), and the colon of a credit label. */
static const unsigned char term_lead[256] = {
	['.'] = 1, ['?'] = 1, ['!'] = 1, [0xE2] = 1, [':'] = 1,
};

/* The next byte at or after I that can start a terminator, a label's
 * colon or U+2026 (END if none).  Sixteen bytes at a time, jumping
 * straight to the byte: in news text these bytes are a few per hundred,
 * and this loop is the program's hot path. */
static size_t next_lead(const unsigned char *u, size_t i, size_t end)
{
	while (i + 16 <= end) {
		v16s w;
		v2u m;

		memcpy(&w, u + i, sizeof w);
		m = (v2u)((w == '.') | (w == '?') | (w == '!') | (w == ':') |
		          (w == (signed char)0xE2));
		if (m[0] != 0)
			return i + first_marked(m[0]);
		if (m[1] != 0)
			return i + 8 + first_marked(m[1]);
		i += 16;
	}
	while (i < end && !term_lead[u[i]])
		i++;
	return i;
}

/* A credit label ("Playstation VR demo Image: Nick Moreau.") starts a new
 * sentence: the capitalised word before the colon at I, when it is in the
 * label list and not the first word of the sentence.  Returns the
 * label's offset, or 0. */
static size_t label_before(const struct wire_splitter *sp, const char *s,
                           size_t start, size_t i, size_t len)
{
	size_t a = i;

	if (sp->labels.count == 0 || i + 1 >= len || ws_at(s, i + 1, len) == 0)
		return 0;
	while (a > start && ((s[a - 1] >= 'a' && s[a - 1] <= 'z') ||
	                     (s[a - 1] >= 'A' && s[a - 1] <= 'Z')))
		a--;
	if (a == i || a <= start || !(s[a] >= 'A' && s[a] <= 'Z') ||
	    ws_before(s, a) == 0)
		return 0;
	return wire_wordset_has(&sp->labels, s + a, i - a) ? a : 0;
}

size_t wire_sentences(const struct wire_splitter *sp, const char *text,
                      size_t len, unsigned flags, wire_sentence_fn fn,
                      void *ctx)
{
	const unsigned char *u = U(text);
	size_t count = 0, start, end, i, n, w;
	bool runin; /* a run-in opener may come before this terminator */

	start = skip_ws(text, 0, len);
	end = len;
	while (end > start && (n = ws_before(text, end)) > 0)
		end -= n;
	if (start >= end)
		return 0;
	if ((flags & WIRE_SPLIT_HEADING) &&
	    !ends_with_terminator(text, end)) {
		fn(ctx, start, end);
		return 1;
	}

	if ((n = dateline_end(text, start, end)) > 0) {
		count++;
		if (fn(ctx, start, n))
			return count;
		start = skip_ws(text, n, end);
	}
	runin = sp->runin.count > 0 && ends_with_terminator(text, end);
	i = start;
	while (i < end) {
		size_t t, dotend, j, next;

		if (!term_lead[u[i]]) {
			if ((i = next_lead(u, i, end)) >= end)
				break;
		}
		if (u[i] == ':') {
			size_t a = label_before(sp, text, start, i, end), e;

			if (a > 0) {
				for (e = a; (n = ws_before(text, e)) > 0; e -= n)
					;
				count++;
				if (fn(ctx, start, e))
					return count;
				start = a;
			}
			i++;
			continue;
		}
		if ((n = term_at(text, i, end)) == 0) {
			i++;
			continue;
		}
		if (runin) {
			size_t r = runin_at(sp, text, start, i, end), e;

			runin = false;
			if (r > 0) {
				for (e = r; (w = ws_before(text, e)) > 0; e -= w)
					;
				count++;
				if (fn(ctx, start, e))
					return count;
				start = r;
			}
		}
		t = i;
		j = i + n;
		while (j < end && (n = term_at(text, j, end)) > 0)
			j += n;
		dotend = j;
		/* closers, and terminators after them: "?)." ".'" */
		while (j < end && ((n = closer_at(text, j, end)) > 0 ||
		                   (n = term_at(text, j, end)) > 0))
			j += n;
		if (j >= end)
			break;
		if (ws_at(text, j, end) == 0) {
			i = j; /* U.N.'s, 3.5%, example.com, "Stop."He */
			continue;
		}
		next = skip_ws(text, j, end);
		/* footnote markers belong to the sentence they follow */
		while ((n = footnote_at(text, next, end)) > 0) {
			j = next + n;
			if (j >= end || ws_at(text, j, end) == 0)
				break;
			next = skip_ws(text, j, end);
		}
		if (j >= end)
			break;
		if (next < j) {
			i = j;
			continue;
		}
		if (is_boundary(sp, text, end, start, t, dotend, j, next)) {
			count++;
			if (fn(ctx, start, j))
				return count;
			start = next;
		}
		i = next;
	}
	count++;
	fn(ctx, start, end);
	return count;
}
