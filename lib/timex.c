/*
 * timex.c - DATE, TIME, MONEY, PERCENT and QUANTITY spans by PCRE2 rules.
 *
 * The rules live in models/timex.patterns (what each type covers is
 * written there).  The file format:
 *
 *   TYPE<TAB>regex              a rule; TYPE is DATE TIME MONEY PERCENT QUANTITY
 *   define<TAB>NAME<TAB>regex   a macro: {NAME} in later lines is (?:regex)
 *   trigger<TAB>word word ...   words that let rules run (see below)
 *   trigger-chars<TAB>$ % ...   characters that do the same
 *   # comment, blank lines
 *
 * Macro names are upper-case letters, digits and '_', so they never clash
 * with PCRE2 quantifiers ({2,3}).
 *
 * Matching: every rule is wrapped in word-boundary guards (a span never
 * starts or ends inside a word or number), and all rules are joined into
 * one JIT-compiled alternation.  The alternation finds the leftmost
 * position where any rule matches; only there is each rule tried again,
 * anchored, to take the longest match (ties: the earlier rule).  Scanning
 * resumes after the chosen span, so spans never overlap.
 *
 * Speed: trying some forty rules at every word would cost microseconds a
 * word, so the regexes run only near triggers.  A trigger is a
 * white-space delimited token that holds a digit, a trigger character,
 * or a run of letters that (in lower case) is a trigger word.  Every rule
 * must contain one, and a match may start at most TX_REACH tokens before
 * its first trigger; the search for a trigger starts there and may not
 * start past the trigger's end (PCRE2's offset limit).  Most words are
 * then one hash lookup, and the result is what a scan of the whole text
 * would give.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "wire.h"

/* A span never begins after a letter, digit or underscore, nor in the
 * middle of a number such as 1,500 or 3.5; it never ends before one. */
#define TX_BEFORE "(?<![\\p{L}\\p{N}_]|\\p{N}[.,:])"
#define TX_AFTER  "(?![\\p{L}\\p{N}_]|[.,:]\\p{N})"

/* How many tokens before its first trigger a match may start ("the last
 * one hundred years" starts 4 before "years"). */
#define TX_REACH 4
/* Longer letter runs are never trigger words. */
#define TX_MAXWORD 32

struct tx_macro {
	char *name;
	char *body; /* already expanded, wrapped in (?:...) */
};

struct tx_rule {
	int type;
	pcre2_code *anchored;
	uint8_t first[32]; /* bytes a match can start with, a bit each */
};

struct wire_timex {
	pcre2_code *all;
	pcre2_match_data *md;
	pcre2_match_context *mctx;  /* for the alternation, with an offset limit */
	pcre2_match_context *actx;  /* for the anchored rules */
	pcre2_jit_stack *stack;
	struct tx_rule *rule;
	size_t nrules;
	struct wire_wordset words;  /* trigger words, lower case */
	/* Bit L of lens[c] is set when a trigger word of length L starts
	 * with letter c ('a'..'z'; 26 for any other byte): most words are
	 * refused by it without hashing. */
	uint32_t lens[27];
	char **chars;               /* trigger characters (UTF-8) */
	size_t nchars;
	bool ascii_char[128];       /* ASCII trigger characters */
	unsigned char cls[256];     /* byte classes, TX_SPACE ... */
};

/* The loader's state while reading one file. */
struct tx_load {
	const char *file;
	unsigned long line;
	struct tx_macro *macro;
	size_t nmacros;
	struct wire_buf all; /* the alternation being built */
};

static const uint32_t tx_compile_opts = PCRE2_UTF | PCRE2_NO_UTF_CHECK;

static pcre2_code *
tx_compile(const struct tx_load *ld, const char *pat, size_t len,
           uint32_t extra)
{
	pcre2_code *re;
	int err;
	PCRE2_SIZE at;
	PCRE2_UCHAR msg[256];

	re = pcre2_compile((PCRE2_SPTR)pat, len, tx_compile_opts | extra, &err,
	                   &at, NULL);
	if (!re) {
		pcre2_get_error_message(err, msg, sizeof msg);
		/* The offset is into the expanded, wrapped pattern, which
		 * the user never wrote, so it is not reported. */
		(void)at;
		wire_die_at(ld->file, ld->line, "pattern error: %s", (char *)msg);
	}
	/* Without JIT (a platform that lacks it) the interpreter gives the
	 * same results, only slower, so a failure here is not fatal. */
	(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

static const struct tx_macro *
tx_find_macro(const struct tx_load *ld, const char *name, size_t len)
{
	for (size_t i = 0; i < ld->nmacros; i++)
		if (strlen(ld->macro[i].name) == len &&
		    memcmp(ld->macro[i].name, name, len) == 0)
			return &ld->macro[i];
	return NULL;
}

static bool
tx_macro_char(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Appends PAT to OUT with every {NAME} replaced by its macro body. */
static void
tx_expand(const struct tx_load *ld, const char *pat, struct wire_buf *out)
{
	const char *p = pat, *q;
	const struct tx_macro *m;

	while (*p) {
		if (*p == '\\' && p[1]) { /* an escaped brace is not a macro */
			wire_buf_add(out, p, 2);
			p += 2;
			continue;
		}
		if (*p == '{' && p[1] >= 'A' && p[1] <= 'Z') {
			for (q = p + 1; tx_macro_char((unsigned char)*q); q++)
				;
			if (*q == '}') {
				m = tx_find_macro(ld, p + 1, (size_t)(q - p - 1));
				if (!m)
					wire_die_at(ld->file, ld->line,
					            "unknown macro {%.*s}",
					            (int)(q - p - 1), p + 1);
				wire_buf_adds(out, m->body);
				p = q + 1;
				continue;
			}
		}
		wire_buf_addc(out, *p++);
	}
}

static void
tx_define(struct tx_load *ld, const char *rest)
{
	const char *tab = strchr(rest, '\t');
	struct wire_buf body = {0};
	struct tx_macro *m;

	if (!tab || tab == rest)
		wire_die_at(ld->file, ld->line, "expected define<TAB>NAME<TAB>regex");
	for (const char *p = rest; p < tab; p++)
		if (!tx_macro_char((unsigned char)*p) || !(*rest >= 'A' && *rest <= 'Z'))
			wire_die_at(ld->file, ld->line,
			            "macro name must be upper-case letters, digits, _");
	if (tx_find_macro(ld, rest, (size_t)(tab - rest)))
		wire_die_at(ld->file, ld->line, "macro %.*s defined twice",
		            (int)(tab - rest), rest);
	wire_buf_adds(&body, "(?:");
	tx_expand(ld, tab + 1, &body);
	wire_buf_adds(&body, ")");
	/* Compile alone so that an error points at this line, not later. */
	pcre2_code_free(tx_compile(ld, body.data, body.len, 0));

	ld->macro = wire_xreallocarray(ld->macro, ld->nmacros + 1,
	                               sizeof *ld->macro);
	m = &ld->macro[ld->nmacros++];
	m->name = wire_xstrndup(rest, (size_t)(tab - rest));
	m->body = body.data;
}

/* Records which bytes a match of R can start with, as PCRE2 worked out
 * when it studied the pattern, so that at a match position only the
 * rules that can start there are tried. */
static void
tx_first_bytes(struct tx_rule *r)
{
	uint32_t type = 0, unit = 0;
	const uint8_t *bitmap = NULL;

	memset(r->first, 0xFF, sizeof r->first);
	if (pcre2_pattern_info(r->anchored, PCRE2_INFO_FIRSTCODETYPE, &type) != 0)
		return;
	if (type == 1 &&
	    pcre2_pattern_info(r->anchored, PCRE2_INFO_FIRSTCODEUNIT, &unit) == 0 &&
	    unit < 256) {
		memset(r->first, 0, sizeof r->first);
		r->first[unit >> 3] |= (uint8_t)(1u << (unit & 7));
		/* a caseless first letter: both cases */
		if ((unit | 0x20) >= 'a' && (unit | 0x20) <= 'z') {
			unit ^= 0x20;
			r->first[unit >> 3] |= (uint8_t)(1u << (unit & 7));
		}
		return;
	}
	if (type == 0 &&
	    pcre2_pattern_info(r->anchored, PCRE2_INFO_FIRSTBITMAP, &bitmap) == 0 &&
	    bitmap)
		memcpy(r->first, bitmap, sizeof r->first);
}

static void
tx_add_rule(struct wire_timex *tx, struct tx_load *ld, int type,
            const char *regex)
{
	struct wire_buf pat = {0}, anch = {0};
	struct tx_rule *r;
	uint32_t empty = 0;

	wire_buf_adds(&pat, "(?:");
	tx_expand(ld, regex, &pat);
	wire_buf_adds(&pat, ")" TX_AFTER);

	tx->rule = wire_xreallocarray(tx->rule, tx->nrules + 1, sizeof *tx->rule);
	r = &tx->rule[tx->nrules];
	r->type = type;
	wire_buf_clear(&anch);
	wire_buf_adds(&anch, TX_BEFORE);
	wire_buf_add(&anch, pat.data, pat.len);
	r->anchored = tx_compile(ld, anch.data, anch.len, PCRE2_ANCHORED);
	if (pcre2_pattern_info(r->anchored, PCRE2_INFO_MATCHEMPTY, &empty) == 0 &&
	    empty)
		wire_die_at(ld->file, ld->line, "rule can match the empty string");
	tx_first_bytes(r);

	/* The mark names the rule that matched in the alternation. */
	if (ld->all.len)
		wire_buf_addc(&ld->all, '|');
	wire_buf_printf(&ld->all, "%s(*MARK:%zu)", pat.data, tx->nrules);
	tx->nrules++;
	wire_buf_free(&pat);
	wire_buf_free(&anch);
}

static int
tx_letter_index(char c)
{
	return (c >= 'a' && c <= 'z') ? c - 'a' : 26;
}

/* Adds the space-separated words (or characters) of LIST. */
static void
tx_triggers(struct wire_timex *tx, const char *list, bool chars)
{
	const char *p = list, *q;
	char low[TX_MAXWORD];

	while (*p) {
		while (*p == ' ' || *p == '\t')
			p++;
		for (q = p; *q && *q != ' ' && *q != '\t'; q++)
			;
		if (q == p)
			break;
		if (chars && q - p == 1 && (unsigned char)*p < 128 &&
		    !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) {
			tx->ascii_char[(unsigned char)*p] = true;
		} else if (chars) {
			tx->chars = wire_xreallocarray(tx->chars, tx->nchars + 1,
			                               sizeof *tx->chars);
			tx->chars[tx->nchars++] = wire_xstrndup(p, (size_t)(q - p));
		} else if (q - p < TX_MAXWORD) {
			for (size_t i = 0; i < (size_t)(q - p); i++)
				low[i] = (p[i] >= 'A' && p[i] <= 'Z') ? (char)(p[i] + 32) : p[i];
			wire_wordset_add(&tx->words, low, (size_t)(q - p));
			tx->lens[tx_letter_index(low[0])] |= 1u << (q - p);
		}
		p = q;
	}
}

static void
tx_line(struct wire_timex *tx, struct tx_load *ld, char *line)
{
	size_t n = strlen(line);
	char *tab;
	int type;

	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	if (n == 0 || line[0] == '#')
		return;
	tab = strchr(line, '\t');
	if (!tab)
		wire_die_at(ld->file, ld->line, "expected TYPE<TAB>regex");
	if (tab - line == 6 && memcmp(line, "define", 6) == 0) {
		tx_define(ld, tab + 1);
		return;
	}
	if (tab - line == 7 && memcmp(line, "trigger", 7) == 0) {
		tx_triggers(tx, tab + 1, false);
		return;
	}
	if (tab - line == 13 && memcmp(line, "trigger-chars", 13) == 0) {
		tx_triggers(tx, tab + 1, true);
		return;
	}
	type = wire_etype_parse(line, (size_t)(tab - line));
	if (type < WIRE_DATE || type > WIRE_QUANTITY)
		wire_die_at(ld->file, ld->line,
		            "type '%.*s' is not DATE, TIME, MONEY, PERCENT or QUANTITY",
		            (int)(tab - line), line);
	if (tab[1] == '\0')
		wire_die_at(ld->file, ld->line, "empty rule");
	tx_add_rule(tx, ld, type, tab + 1);
}

/* Byte classes for the trigger scan. */
enum {
	TX_SPACE = 1,
	TX_LETTER = 2,   /* ASCII letter or any byte of a multi-byte char */
	TX_TRIG = 4,     /* digit or ASCII trigger character */
	TX_HIGH = 8,     /* part of a multi-byte character */
};

static void
tx_classes(struct wire_timex *tx)
{
	for (int c = 0; c < 256; c++) {
		unsigned char k = 0;

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f' || c == '\v')
			k = TX_SPACE;
		else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			k = TX_LETTER;
		else if (c >= 0x80)
			k = TX_LETTER | TX_HIGH;
		else if ((c >= '0' && c <= '9') || tx->ascii_char[c])
			k = TX_TRIG;
		tx->cls[c] = k;
	}
}

struct tx_file {
	struct wire_timex *tx;
	struct tx_load *ld;
};

static void
tx_file_line(char *line, size_t len, const char *file, unsigned long lineno,
             void *arg)
{
	struct tx_file *tf = arg;

	(void)len;
	(void)file;
	tf->ld->line = lineno;
	tx_line(tf->tx, tf->ld, line);
}

struct wire_timex *
wire_timex_load(const char *file)
{
	struct wire_timex *tx = wire_xcalloc(1, sizeof *tx);
	struct tx_load ld = {0};

	wire_wordset_init(&tx->words);
	struct wire_buf pat = {0};
	char *path = file ? wire_xstrdup(file) : wire_model_path("timex.patterns");
	struct tx_file tf = {tx, &ld};

	ld.file = path;
	wire_each_line(path, tx_file_line, &tf);

	if (tx->nrules == 0)
		wire_die_at(path, 0, "no rules");
	tx_classes(tx);
	ld.line = 0;
	/* The boundary test is shared, so that a position inside a word is
	 * refused once rather than once per rule. */
	wire_buf_clear(&pat);
	wire_buf_adds(&pat, TX_BEFORE "(?:");
	wire_buf_add(&pat, ld.all.data, ld.all.len);
	wire_buf_adds(&pat, ")");
	tx->all = tx_compile(&ld, pat.data, pat.len, PCRE2_USE_OFFSET_LIMIT);
	wire_buf_free(&pat);
	tx->md = pcre2_match_data_create(2, NULL);
	/* Rules are short, but a long sentence full of candidates can need
	 * more than the 32 KiB default JIT stack. */
	tx->mctx = pcre2_match_context_create(NULL);
	tx->actx = pcre2_match_context_create(NULL);
	tx->stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
	if (!tx->md || !tx->mctx || !tx->actx || !tx->stack)
		wire_die("out of memory");
	pcre2_jit_stack_assign(tx->mctx, NULL, tx->stack);
	pcre2_jit_stack_assign(tx->actx, NULL, tx->stack);

	for (size_t i = 0; i < ld.nmacros; i++) {
		free(ld.macro[i].name);
		free(ld.macro[i].body);
	}
	free(ld.macro);
	wire_buf_free(&ld.all);
	free(path);
	return tx;
}

/* End of the match of rule R anchored at START, or 0 when none. */
static size_t
tx_try(struct wire_timex *tx, size_t r, const char *text, size_t len,
       size_t start)
{
	int rc = pcre2_match(tx->rule[r].anchored, (PCRE2_SPTR)text, len, start,
	                     PCRE2_NO_UTF_CHECK, tx->md, tx->actx);

	if (rc < 0)
		return 0;
	return (size_t)pcre2_get_ovector_pointer(tx->md)[1];
}

static void
tx_push(struct wire_span **spans, size_t *n, size_t *cap, size_t start,
        size_t end, int type)
{
	struct wire_span *sp;

	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*spans = wire_xreallocarray(*spans, *cap, sizeof **spans);
	}
	sp = &(*spans)[(*n)++];
	sp->start = start;
	sp->end = end;
	sp->type = type;
	sp->id = 0;
}

static bool
tx_contains(const char *t, size_t n, const char *needle)
{
	size_t k = strlen(needle);

	for (size_t i = 0; i + k <= n; i++)
		if (t[i] == needle[0] && memcmp(t + i, needle, k) == 0)
			return true;
	return false;
}

/* True when the letter run W (N bytes) is a trigger word. */
static bool
tx_word(const struct wire_timex *tx, const char *w, size_t n)
{
	char low[TX_MAXWORD];

	if (n >= TX_MAXWORD ||
	    !(tx->lens[tx_letter_index((char)(w[0] | 0x20))] >> n & 1))
		return false;
	for (size_t k = 0; k < n; k++)
		low[k] = (w[k] >= 'A' && w[k] <= 'Z') ? (char)(w[k] + 32) : w[k];
	return wire_wordset_has(&tx->words, low, n);
}

/* Length of the non-ASCII punctuation at T[i] (U+00A1..U+00BF, U+2000..
 * U+206F: quotes, dashes, the apostrophe of "Today’s"), or 0. */
static size_t
tx_punct(const char *t, size_t n, size_t i)
{
	unsigned char c = (unsigned char)t[i];

	if (c == 0xC2 && i + 1 < n && (unsigned char)t[i + 1] >= 0xA1 &&
	    (unsigned char)t[i + 1] <= 0xBF)
		return 2;
	if (c == 0xE2 && i + 2 < n && ((unsigned char)t[i + 1] == 0x80 ||
	                               (unsigned char)t[i + 1] == 0x81))
		return 3;
	return 0;
}

/* True when token T (N bytes) holds a trigger. */
static bool
tx_trigger(const struct wire_timex *tx, const char *t, size_t n)
{
	size_t i, run = 0;
	unsigned char all = 0;

	for (i = 0; i < n; i++) {
		unsigned char k = tx->cls[(unsigned char)t[i]];
		size_t w = tx_punct(t, n, i);

		all |= k;
		if (k & TX_TRIG)
			return true;
		if ((k & TX_LETTER) && !w) {
			run++;
			continue;
		}
		if (run && tx_word(tx, t + i - run, run))
			return true;
		run = 0;
		if (w)
			i += w - 1;
	}
	if (run && tx_word(tx, t + n - run, run))
		return true;
	if (all & TX_HIGH)
		for (i = 0; i < tx->nchars; i++)
			if (tx_contains(t, n, tx->chars[i]))
				return true;
	return false;
}

/* U+00A0, common in scraped pages, separates tokens too. */
static bool
tx_nbsp(const char *s, size_t len, size_t i)
{
	return (unsigned char)s[i] == 0xC2 && i + 1 < len &&
	       (unsigned char)s[i + 1] == 0xA0;
}

/* The state of one wire_timex_find call. */
struct tx_scan {
	struct wire_timex *tx;
	const char *text;
	size_t len;
	size_t done;          /* bytes before this are settled */
	size_t cp_at, cp;     /* code point index cp of byte cp_at */
	struct wire_span **spans;
	size_t *n, *cap;
	size_t found;
};

/* Takes every match that starts in [from, limit] and not before done. */
static void
tx_window(struct tx_scan *sc, size_t from, size_t limit)
{
	struct wire_timex *tx = sc->tx;

	if (from < sc->done)
		from = sc->done;
	pcre2_set_offset_limit(tx->mctx, limit);
	while (from <= limit && from < sc->len) {
		PCRE2_SIZE *ov;
		PCRE2_SPTR mark;
		size_t s, e, best, end, r, cs;
		unsigned char c;
		int rc;

		rc = pcre2_match(tx->all, (PCRE2_SPTR)sc->text, sc->len, from,
		                 PCRE2_NO_UTF_CHECK, tx->md, tx->mctx);
		if (rc < 0)
			break; /* no match; resource limits also end the search */
		ov = pcre2_get_ovector_pointer(tx->md);
		s = ov[0];
		e = ov[1];
		if (e <= s)
			break; /* cannot happen: empty rules are refused */
		mark = pcre2_get_mark(tx->md);
		best = mark ? (size_t)strtoul((const char *)mark, NULL, 10) : 0;
		c = (unsigned char)sc->text[s];
		for (r = 0; r < tx->nrules; r++) {
			if (r == best || !(tx->rule[r].first[c >> 3] >> (c & 7) & 1))
				continue;
			end = tx_try(tx, r, sc->text, sc->len, s);
			if (end > e || (end == e && r < best)) {
				e = end;
				best = r;
			}
		}
		/* Offsets are counted on from the previous span, so the
		 * conversion to code points stays linear in the text. */
		cs = sc->cp + wire_utf8_count(sc->text + sc->cp_at, s - sc->cp_at);
		sc->cp = cs + wire_utf8_count(sc->text + s, e - s);
		sc->cp_at = e;
		tx_push(sc->spans, sc->n, sc->cap, cs, sc->cp, tx->rule[best].type);
		sc->found++;
		sc->done = from = e;
	}
	if (sc->done < limit)
		sc->done = limit;
}

size_t
wire_timex_find(struct wire_timex *tx, const char *text, size_t len,
                struct wire_span **spans, size_t *n, size_t *cap)
{
	struct tx_scan sc = {tx, text, len, 0, 0, 0, spans, n, cap, 0};
	size_t back[TX_REACH + 1]; /* starts of the last tokens, a ring */
	size_t ntok = 0, i = 0, ts;

	while (i < len) {
		while (i < len && ((tx->cls[(unsigned char)text[i]] & TX_SPACE) ||
		                   tx_nbsp(text, len, i)))
			i += (unsigned char)text[i] == 0xC2 ? 2 : 1;
		if (i >= len)
			break;
		ts = i;
		while (i < len && !(tx->cls[(unsigned char)text[i]] & TX_SPACE) &&
		       !tx_nbsp(text, len, i))
			i++;
		back[ntok % (TX_REACH + 1)] = ts;
		ntok++;
		if (i <= sc.done || !tx_trigger(tx, text + ts, i - ts))
			continue;
		tx_window(&sc, back[(ntok > TX_REACH ? ntok - TX_REACH - 1 : 0) %
		                    (TX_REACH + 1)], i);
	}
	return sc.found;
}

void
wire_timex_free(struct wire_timex *tx)
{
	if (!tx)
		return;
	for (size_t i = 0; i < tx->nrules; i++)
		pcre2_code_free(tx->rule[i].anchored);
	free(tx->rule);
	pcre2_code_free(tx->all);
	pcre2_match_data_free(tx->md);
	pcre2_match_context_free(tx->mctx);
	pcre2_match_context_free(tx->actx);
	pcre2_jit_stack_free(tx->stack);
	wire_wordset_free(&tx->words);
	for (size_t i = 0; i < tx->nchars; i++)
		free(tx->chars[i]);
	free(tx->chars);
	free(tx);
}
