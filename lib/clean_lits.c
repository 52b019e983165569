/*
 * clean_lits.c - a literal prefilter for wire-clean's pattern lists.
 *
 * PCRE2 tries a case-insensitive alternation of many branches at every
 * position of a paragraph, and that was most of wire-clean's time.  Most
 * patterns need some literal text: "photographer:" needs "photographer",
 * "^(read|see) more" needs a paragraph starting with "read" or "see".
 * From each pattern we take such a set of literals, one of which must
 * occur in any match (at the start, for patterns anchored with ^), and
 * run the regular expression only on paragraphs that have one.  A pattern
 * we cannot analyse (lookarounds, inline options, \Q...\E, a branch
 * without literals) turns the filter off for its list, so the filter
 * never changes a result; it only skips matches that cannot succeed.
 *
 * Literals are compared with ASCII letters folded to lower case; a
 * literal stops at any other letter outside ASCII (PCRE2 folds those by
 * Unicode rules), so the comparison is exact for what is kept.  Under
 * those rules ASCII k and s also match the Kelvin sign (U+212A) and the
 * long s (U+017F): text with either always goes to the regex.
 */
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

static unsigned
tri_key(unsigned a, unsigned b, unsigned c)
{
	return (((a << 16) | (b << 8) | c) * 0x9e3779b1u) >> 16;
}

void
wire_clean_lits_add(struct clean_lits *l, const char *pattern, bool anchored)
{
	struct parser ps = {pattern, false};
	struct litset *best = malloc(sizeof *best), *first = malloc(sizeof *first);
	struct litset *use;
	size_t i;

	if (!best || !first)
		wire_die("out of memory");
	l->used = true;
	parse_alt(&ps, best, first);
	use = anchored ? first : best;
	if (ps.fail || *ps.p != '\0' || !use->ok) {
		l->all = true;
	} else {
		for (i = 0; i < use->n; i++) {
			size_t n = strlen(use->lit[i]);

			unsigned char b = (unsigned char)use->lit[i][0];

			l->lit = wire_xreallocarray(l->lit, l->n + 1, sizeof *l->lit);
			l->lit[l->n].s = wire_xstrndup(use->lit[i], n);
			l->lit[l->n].len = n;
			l->lit[l->n].next = l->head[b];
			l->head[b] = ++l->n;
			if (n >= 3) {
				unsigned key = tri_key(b, (unsigned char)use->lit[i][1],
				                       (unsigned char)use->lit[i][2]);

				l->tri[key >> 3] |= (uint8_t)(1u << (key & 7));
				key = tri_key(0xe2, 0x84, 0xaa);
				l->tri[key >> 3] |= (uint8_t)(1u << (key & 7));
			} else if (n == 2) {
				l->two = true;
			}
			if (n >= 2) {
				unsigned key = b << 8 | (unsigned char)use->lit[i][1];

				l->pair[key >> 3] |= (uint8_t)(1u << (key & 7));
				/* the two folding letters are looked at too */
				l->pair[(0xe284u) >> 3] |= (uint8_t)(1u << (0xe284u & 7));
				l->pair[(0xc5bfu) >> 3] |= (uint8_t)(1u << (0xc5bfu & 7));
			} else if (!anchored) {
				l->all = true; /* a one-byte literal filters nothing */
			}
		}
	}
	free(best);
	free(first);
}

void
wire_clean_lits_free(struct clean_lits *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->lit[i].s);
	free(l->lit);
	memset(l, 0, sizeof *l);
}

static bool
prefix_caseless(const char *s, size_t len, const char *lit, size_t n)
{
	size_t i;

	if (n > len)
		return false;
	for (i = 0; i < n; i++) {
		char ch = s[i];

		if (ch >= 'A' && ch <= 'Z')
			ch += 32;
		if (ch != lit[i])
			return false;
	}
	return true;
}

static unsigned char lower[256];

static void
init_lower(void)
{
	int i;

	for (i = 0; i < 256; i++)
		lower[i] = (unsigned char)(i >= 'A' && i <= 'Z' ? i + 32 : i);
}

static bool
equal_caseless(const unsigned char *s, const char *lit, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (lower[s[i]] != (unsigned char)lit[i])
			return false;
	return true;
}

/* Whether S starts with U+212A or U+017F, which fold to k and s. */
static bool
unicode_fold(const unsigned char *s, size_t len)
{
	return (len >= 3 && s[0] == 0xe2 && s[1] == 0x84 && s[2] == 0xaa) ||
	       (len >= 2 && s[0] == 0xc5 && s[1] == 0xbf);
}

/* Whether S (LEN bytes) may match: it starts with (ANCHORED) or contains
 * one of the literals, ASCII letters compared in lower case. */
bool
wire_clean_lits_may_match(const struct clean_lits *l, const char *s, size_t len,
                          bool anchored)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	if (lower['A'] == 0)
		init_lower();

	if (!l->used)
		return false;
	if (l->all)
		return true;
	if (anchored) {
		unsigned char b = len ? (unsigned char)s[0] : 0;

		if (unicode_fold(u, len))
			return true;

		if (b >= 'A' && b <= 'Z')
			b += 32;
		for (i = l->head[b]; i != 0; i = l->lit[i - 1].next)
			if (prefix_caseless(s, len, l->lit[i - 1].s, l->lit[i - 1].len))
				return true;
		return false;
	}
	if (!l->two) {
		/* one pass: a bitmap of hashes of the literals' first three
		 * bytes, then the literals with that first byte */
		if (memmem(s, len, "\xc5\xbf", 2))
			return true;
		for (i = 0; i + 2 < len; i++) {
			unsigned key = tri_key(lower[u[i]], lower[u[i + 1]], lower[u[i + 2]]);
			size_t j;

			if (!(l->tri[key >> 3] & (1u << (key & 7))))
				continue;
			if (unicode_fold(u + i, len - i))
				return true;
			for (j = l->head[lower[u[i]]]; j != 0; j = l->lit[j - 1].next)
				if (l->lit[j - 1].len <= len - i &&
				    equal_caseless(u + i, l->lit[j - 1].s, l->lit[j - 1].len))
					return true;
		}
		return false;
	}
	/* the same by pairs of bytes, when a literal is that short */
	for (i = 0; i + 1 < len; i++) {
		unsigned key = (unsigned)lower[u[i]] << 8 | lower[u[i + 1]];
		size_t j;

		if (!(l->pair[key >> 3] & (1u << (key & 7))))
			continue;
		if (unicode_fold(u + i, len - i))
			return true;
		for (j = l->head[lower[u[i]]]; j != 0; j = l->lit[j - 1].next)
			if (l->lit[j - 1].len <= len - i &&
			    equal_caseless(u + i, l->lit[j - 1].s, l->lit[j - 1].len))
				return true;
	}
	return false;
}
