/*
 * clean_lits.c - wire-clean's pattern lists: each pattern compiled on its
 * own, and tried only on paragraphs holding one of its literals.
 *
 * PCRE2 tries a case-insensitive pattern at every position of a
 * paragraph, and one alternation of all patterns, run whenever any
 * pattern's literal was seen, was most of wire-clean's time.  Most
 * patterns need some literal text: "photographer:" needs "photographer",
 * "^(read|see) more" needs a paragraph starting with "read" or "see".
 * From each pattern we take such a set of literals, one of which must
 * occur in any match (at the start, for patterns anchored with ^); one
 * scan of the paragraph finds the literals present, and only the
 * patterns they belong to are run.  A pattern we cannot analyse
 * (lookarounds, inline options, \Q...\E, a branch without literals) is
 * run on every paragraph, so the filter never changes a result; it only
 * skips matches that cannot succeed.
 *
 * Literals are compared with ASCII letters folded to lower case; a
 * literal stops at any other letter outside ASCII (PCRE2 folds those by
 * Unicode rules), so the comparison is exact for what is kept.  Under
 * those rules ASCII k and s also match the Kelvin sign (U+212A) and the
 * long s (U+017F): text with either goes to every pattern.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "clean_int.h"

#define MAX_LIT 48   /* longest literal kept (bytes) */
#define MAX_SET 64   /* literals in one set */

struct litset {
	bool ok;               /* a requirement was found */
	size_t n;
	char lit[MAX_SET][MAX_LIT + 1];
};

struct parser {
	const char *p;
	bool fail;             /* unsupported syntax: no filter at all */
};

static size_t
set_min(const struct litset *s)
{
	size_t i, m = (size_t)-1;

	for (i = 0; i < s->n; i++)
		if (strlen(s->lit[i]) < m)
			m = strlen(s->lit[i]);
	return s->n ? m : 0;
}

/* Keeps CAND in BEST when it is a stronger requirement (longer shortest
 * literal, fewer literals on a tie). */
static void
consider(struct litset *best, const struct litset *cand)
{
	if (!cand->ok || cand->n == 0 || set_min(cand) < 2)
		return;
	if (!best->ok || set_min(cand) > set_min(best) ||
	    (set_min(cand) == set_min(best) && cand->n < best->n))
		*best = *cand;
}

static void
single(struct litset *s, const char *run, size_t len)
{
	s->ok = true;
	s->n = 1;
	memcpy(s->lit[0], run, len);
	s->lit[0][len] = '\0';
}

/* Literal bytes of a character outside ASCII: only those without case
 * (symbols, punctuation), which PCRE2 matches byte for byte. */
static size_t
caseless_symbol(const char *p, uint32_t *cp)
{
	size_t n = wire_utf8_decode(p, strlen(p), cp);

	if (n == 0)
		return 0;
	if (*cp == 0xa9 || *cp == 0xae || *cp == 0xab || *cp == 0xbb ||
	    *cp == 0xb7 || (*cp >= 0x2000 && *cp <= 0x2bff))
		return n;
	return 0;
}

static bool
quant_optional(const char *p)
{
	return *p == '?' || *p == '*' || (p[0] == '{' && p[1] == '0');
}

static bool
is_quant(const char *p)
{
	return *p == '?' || *p == '*' || *p == '+' ||
	       (*p == '{' && p[1] >= '0' && p[1] <= '9');
}

static const char *
skip_quant(const char *p)
{
	if (*p == '{') {
		while (*p && *p != '}')
			p++;
		if (*p)
			p++;
	} else if (*p) {
		p++;
	}
	if (*p == '?' || *p == '+')
		p++; /* lazy or possessive */
	return p;
}

static void parse_alt(struct parser *ps, struct litset *best, struct litset *first);

/* One sequence (a branch of an alternation) up to '|', ')' or the end.
 * BEST gets the strongest required literal set anywhere in it, FIRST the
 * set that must open it (not ok when it may start otherwise). */
static void
parse_seq(struct parser *ps, struct litset *best, struct litset *first)
{
	char run[MAX_LIT + 1];
	size_t rl = 0;
	bool at_start = true, run_at_start = true;
	struct litset cand;

	memset(best, 0, sizeof *best);
	memset(first, 0, sizeof *first);
#define FLUSH()                                                              \
	do {                                                                 \
		if (rl > 0) {                                                \
			single(&cand, run, rl);                              \
			consider(best, &cand);                               \
			if (run_at_start && !first->ok && rl >= 1)          \
				single(first, run, rl);                      \
			at_start = false;                                    \
		}                                                            \
		rl = 0;                                                      \
		run_at_start = false;                                        \
	} while (0)

	while (*ps->p && *ps->p != '|' && *ps->p != ')' && !ps->fail) {
		const char *p = ps->p;
		char lit[4];
		size_t ln = 0;
		uint32_t cp;

		if (*p == '\\') {
			char e = p[1];

			if (e == '\0' || e == 'Q' || e == 'E' || e == 'x' ||
			    e == 'o' || e == 'c' || e == 'N' || e == 'g' || e == 'k' ||
			    (e >= '0' && e <= '9')) {
				ps->fail = true;
				break;
			}
			if (e == 'p' || e == 'P') {
				FLUSH();
				p += 2;
				if (*p == '{')
					while (*p && *p++ != '}')
						;
				else if (*p)
					p++;
				ps->p = p;
				at_start = false;
				goto quantifier;
			}
			if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z')) {
				/* a class (\s \d \w) or an assertion (\b \A) */
				FLUSH();
				ps->p = p + 2;
				if (e != 'b' && e != 'B' && e != 'A' && e != 'z' &&
				    e != 'Z' && e != 'G')
					at_start = false;
				goto quantifier;
			}
			lit[0] = e;
			ln = 1;
			ps->p = p + 2;
		} else if (*p == '.' || *p == '[') {
			FLUSH();
			if (*p == '[') {
				p++;
				if (*p == '^')
					p++;
				if (*p == ']')
					p++;
				while (*p && *p != ']') {
					if (*p == '\\' && p[1])
						p++;
					p++;
				}
				if (!*p) {
					ps->fail = true;
					break;
				}
			}
			ps->p = p + 1;
			at_start = false;
			goto quantifier;
		} else if (*p == '^' || *p == '$') {
			FLUSH();
			ps->p = p + 1;
			continue;
		} else if (*p == '(') {
			struct litset gbest, gfirst;
			bool opt;

			if (p[1] == '*') {
				ps->fail = true;
				break;
			}
			if (p[1] == '?') {
				if (p[2] != ':') {
					ps->fail = true; /* options, lookarounds */
					break;
				}
				ps->p = p + 3;
			} else {
				ps->p = p + 1;
			}
			FLUSH();
			parse_alt(ps, &gbest, &gfirst);
			if (ps->fail || *ps->p != ')') {
				ps->fail = true;
				break;
			}
			ps->p++;
			opt = quant_optional(ps->p);
			if (!opt) {
				consider(best, &gbest);
				if (at_start && !first->ok && gfirst.ok)
					*first = gfirst;
			}
			at_start = false;
			run_at_start = false;
			if (is_quant(ps->p))
				ps->p = skip_quant(ps->p);
			continue;
		} else if ((unsigned char)*p >= 0x80) {
			size_t n = caseless_symbol(p, &cp);

			if (n == 0) {
				size_t k = wire_utf8_decode(p, strlen(p), &cp);

				FLUSH();
				ps->p = p + (k ? k : 1);
				at_start = false;
				goto quantifier;
			}
			memcpy(lit, p, n);
			ln = n;
			ps->p = p + n;
		} else if (is_quant(p)) {
			ps->fail = true; /* a quantifier with nothing before it */
			break;
		} else {
			lit[0] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
			ln = 1;
			ps->p = p + 1;
		}
		/* a literal character, maybe quantified */
		if (quant_optional(ps->p)) {
			FLUSH();
			at_start = false;
			ps->p = skip_quant(ps->p);
			continue;
		}
		if (rl == 0 && at_start)
			run_at_start = true;
		if (rl + ln > MAX_LIT) {
			FLUSH();
			at_start = false;
		}
		memcpy(run + rl, lit, ln);
		rl += ln;
		if (is_quant(ps->p)) { /* + or {n,}: once for sure, then a break */
			FLUSH();
			ps->p = skip_quant(ps->p);
		}
		continue;
quantifier:
		if (is_quant(ps->p))
			ps->p = skip_quant(ps->p);
	}
	FLUSH();
#undef FLUSH
}

static void
merge(struct litset *into, const struct litset *s, bool *ok)
{
	size_t i;

	if (!s->ok || into->n + s->n > MAX_SET) {
		*ok = false;
		return;
	}
	for (i = 0; i < s->n; i++)
		memcpy(into->lit[into->n++], s->lit[i], sizeof s->lit[i]);
}

/* Alternatives: every branch must have a requirement; the union of them
 * is the requirement of the whole. */
static void
parse_alt(struct parser *ps, struct litset *best, struct litset *first)
{
	bool best_ok = true, first_ok = true;
	struct litset *b = malloc(sizeof *b), *f = malloc(sizeof *f);

	if (!b || !f)
		wire_die("out of memory");
	memset(best, 0, sizeof *best);
	memset(first, 0, sizeof *first);
	for (;;) {
		parse_seq(ps, b, f);
		if (ps->fail)
			break;
		merge(best, b, &best_ok);
		merge(first, f, &first_ok);
		if (*ps->p != '|')
			break;
		ps->p++;
	}
	best->ok = best_ok && !ps->fail && best->n > 0;
	first->ok = first_ok && !ps->fail && first->n > 0;
	free(b);
	free(f);
}

/* ---- pattern sets ------------------------------------------------- */

/* Adds the literals of USE, which pattern PAT needs, to the set. */
static void
set_add_literals(struct clean_set *s, const struct litset *use, size_t pat)
{
	size_t i;

	for (i = 0; i < use->n; i++) {
		size_t n = strlen(use->lit[i]);
		unsigned char b = (unsigned char)use->lit[i][0];
		struct clean_lit *l;

		if (s->nlit == s->litcap) {
			s->litcap = s->litcap ? 2 * s->litcap : 32;
			s->lit = wire_xreallocarray(s->lit, s->litcap, sizeof *s->lit);
		}
		l = &s->lit[s->nlit];
		l->s = wire_xstrndup(use->lit[i], n);
		l->len = n;
		l->pat = pat;
		l->next = s->head[b];
		s->head[b] = ++s->nlit;
		if (n >= 2) {
			unsigned key = (unsigned)b << 8 | (unsigned char)use->lit[i][1];

			s->pair[key >> 3] |= (uint8_t)(1u << (key & 7));
		}
	}
}

static void
set_add_always(struct clean_set *s, size_t pat)
{
	s->always = wire_xreallocarray(s->always, s->nalways + 1, sizeof *s->always);
	s->always[s->nalways++] = pat;
}

/* Literals of PATTERN for the prefilter; false when it has none we can
 * use, and the pattern must then be tried on every paragraph. */
static bool
pattern_literals(const char *pattern, bool anchored, struct litset *use)
{
	struct parser ps = {pattern, false};
	struct litset *best = wire_xmalloc(sizeof *best), *first = wire_xmalloc(sizeof *first);
	size_t i;
	bool ok;

	parse_alt(&ps, best, first);
	*use = anchored ? *first : *best;
	ok = !ps.fail && *ps.p == '\0' && use->ok;
	/* a one-byte literal inside the text filters nothing */
	for (i = 0; ok && !anchored && i < use->n; i++)
		if (strlen(use->lit[i]) < 2)
			ok = false;
	free(best);
	free(first);
	return ok;
}

void
wire_clean_set_add(struct clean_set *s, const char *pattern, bool anchored,
                   const char *file, unsigned long lineno)
{
	int err;
	PCRE2_SIZE off;
	PCRE2_UCHAR msg[256];
	pcre2_code *re;
	struct litset *use = wire_xmalloc(sizeof *use);

	/* PCRE2_ANCHORED, not a ^ prefix: every branch of "^a|b" is tried at
	 * the start only, and error offsets stay those of the line. */
	re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	                   PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS |
	                   (anchored ? PCRE2_ANCHORED : 0), &err, &off, NULL);
	if (!re) {
		pcre2_get_error_message(err, msg, sizeof msg);
		wire_die_at(file, lineno, "bad pattern at offset %zu: %s",
		            (size_t)off, (char *)msg);
	}
	/* JIT is an optimisation; without it matching is merely slower. */
	(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->code = wire_xreallocarray(s->code, s->cap, sizeof *s->code);
		s->tried = wire_xreallocarray(s->tried, s->cap, sizeof *s->tried);
	}
	s->anchored = anchored;
	s->code[s->n] = re;
	s->tried[s->n] = 0;
	if (pattern_literals(pattern, anchored, use))
		set_add_literals(s, use, s->n);
	else
		set_add_always(s, s->n);
	s->n++;
	free(use);
}

void
wire_clean_set_free(struct clean_set *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		pcre2_code_free((pcre2_code *)s->code[i]);
	for (i = 0; i < s->nlit; i++)
		free(s->lit[i].s);
	free(s->code);
	free(s->tried);
	free(s->lit);
	free(s->always);
	pcre2_match_data_free((pcre2_match_data *)s->md);
	memset(s, 0, sizeof *s);
}

static unsigned char lower[256];

static void
init_lower(void)
{
	int i;

	for (i = 0; i < 256; i++)
		lower[i] = (unsigned char)(i >= 'A' && i <= 'Z' ? i + 32 : i);
}

/* Whether S starts with U+212A or U+017F, which fold to k and s. */
static bool
unicode_fold(const unsigned char *s, size_t len)
{
	return (len >= 3 && s[0] == 0xe2 && s[1] == 0x84 && s[2] == 0xaa) ||
	       (len >= 2 && s[0] == 0xc5 && s[1] == 0xbf);
}

/* Whether literal L may occur at S (LEN bytes left): equal with ASCII
 * letters folded, or unequal only where S has a character that PCRE2
 * folds to an ASCII letter. */
static bool
literal_at(const unsigned char *s, size_t len, const struct clean_lit *l)
{
	size_t i;

	for (i = 0; i < l->len; i++) {
		if (i == len)
			return false;
		if (lower[s[i]] != (unsigned char)l->s[i])
			return unicode_fold(s + i, len - i);
	}
	return true;
}

/* Runs pattern I of S on the text unless it was tried on it already. */
static bool
try_pattern(struct clean_set *s, size_t i, const char *text, size_t len)
{
	int rc;

	if (s->tried[i] == s->epoch)
		return false;
	s->tried[i] = s->epoch;
	s->runs++;
	rc = pcre2_match((pcre2_code *)s->code[i], (PCRE2_SPTR)text, len, 0, 0,
	                 (pcre2_match_data *)s->md, NULL);
	if (rc >= 0)
		return true;
	if (rc != PCRE2_ERROR_NOMATCH)
		wire_die("pattern %zu: match error %d", i + 1, rc);
	return false;
}

static bool
try_all(struct clean_set *s, const char *text, size_t len)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (try_pattern(s, i, text, len))
			return true;
	return false;
}

/* The patterns whose literals occur in the text, in the order found. */
static bool
try_found(struct clean_set *s, const char *text, size_t len)
{
	const unsigned char *u = (const unsigned char *)text;
	size_t i, j;

	if (s->anchored) {
		if (unicode_fold(u, len))
			return try_all(s, text, len);
		for (j = s->head[lower[u[0]]]; j != 0; j = s->lit[j - 1].next)
			if (literal_at(u, len, &s->lit[j - 1]) &&
			    try_pattern(s, s->lit[j - 1].pat, text, len))
				return true;
		return false;
	}
	/* by pairs of bytes: a bit set of the literals' first two bytes */
	for (i = 0; i + 1 < len; i++) {
		unsigned key = (unsigned)lower[u[i]] << 8 | lower[u[i + 1]];

		if (!(s->pair[key >> 3] & (1u << (key & 7))))
			continue;
		if (unicode_fold(u + i, len - i))
			return try_all(s, text, len);
		for (j = s->head[lower[u[i]]]; j != 0; j = s->lit[j - 1].next)
			if (literal_at(u + i, len - i, &s->lit[j - 1]) &&
			    try_pattern(s, s->lit[j - 1].pat, text, len))
				return true;
	}
	return false;
}

bool
wire_clean_set_match(struct clean_set *s, const char *text, size_t len)
{
	size_t i;

	if (s->n == 0)
		return false;
	if (lower['A'] == 0)
		init_lower();
	if (!s->md) {
		s->md = pcre2_match_data_create(1, NULL);
		if (!s->md)
			wire_die("out of memory");
		/* the fold characters make their pairs candidates */
		s->pair[0xe284u >> 3] |= (uint8_t)(1u << (0xe284u & 7));
		s->pair[0xc5bfu >> 3] |= (uint8_t)(1u << (0xc5bfu & 7));
	}
	if (++s->epoch == 0) {
		memset(s->tried, 0, s->n * sizeof *s->tried);
		s->epoch = 1;
	}
	if (len == 0)
		return try_all(s, text, len);
	for (i = 0; i < s->nalways; i++)
		if (try_pattern(s, s->always[i], text, len))
			return true;
	return try_found(s, text, len);
}
