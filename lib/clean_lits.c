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

#define MAX_LIT WIRE_CLEAN_MAX_LIT /* longest literal kept (bytes) */
#define MAX_SET 64   /* literals in one set */
#define EDGE_LEFT 1
#define EDGE_RIGHT 2

struct litset {
	bool ok;               /* a requirement was found */
	size_t n;
	char lit[MAX_SET][MAX_LIT + 1];
	/* a \b before or after the literal in the pattern (EDGE_*): the
	 * text next to it is not a letter or digit */
	unsigned char edge[MAX_SET];
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
single(struct litset *s, const char *run, size_t len, unsigned edge)
{
	s->ok = true;
	s->n = 1;
	memcpy(s->lit[0], run, len);
	s->lit[0][len] = '\0';
	s->edge[0] = (unsigned char)edge;
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
	    *cp == 0xb7 || (*cp >= 0xa2 && *cp <= 0xa5) ||
	    (*cp >= 0x2000 && *cp <= 0x2bff))
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

static void parse_alt(struct parser *ps, struct litset *best, struct litset *first,
                      bool bounded);

/* One sequence (a branch of an alternation) up to '|', ')' or the end.
 * BEST gets the strongest required literal set anywhere in it, FIRST the
 * set that must open it (not ok when it may start otherwise).  BOUNDED:
 * a \b stands right before the sequence. */
static void
parse_seq(struct parser *ps, struct litset *best, struct litset *first,
          bool bounded)
{
	char run[MAX_LIT + 1];
	size_t rl = 0;
	bool at_start = true, run_at_start = true;
	/* a \b right before the next item, and before the run */
	bool bound = bounded, run_bound = false;
	struct litset cand;

	memset(best, 0, sizeof *best);
	memset(first, 0, sizeof *first);
#define FLUSH_EDGE(right_b)                                                  \
	do {                                                                 \
		if (rl > 0) {                                                \
			unsigned edge_ = (run_bound ? EDGE_LEFT : 0u) |      \
			                 ((right_b) ? EDGE_RIGHT : 0u);      \
			single(&cand, run, rl, edge_);                       \
			consider(best, &cand);                               \
			if (run_at_start && !first->ok && rl >= 1)          \
				single(first, run, rl, edge_);               \
			at_start = false;                                    \
		}                                                            \
		rl = 0;                                                      \
		run_at_start = false;                                        \
	} while (0)
#define FLUSH() FLUSH_EDGE(false)

	while (*ps->p && *ps->p != '|' && *ps->p != ')' && !ps->fail) {
		const char *p = ps->p;
		char lit[4];
		size_t ln = 0;
		uint32_t cp;
		bool was_bound = bound;

		bound = false;
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
				FLUSH_EDGE(e == 'b');
				bound = e == 'b';
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
			parse_alt(ps, &gbest, &gfirst, was_bound);
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
		if (rl == 0)
			run_bound = was_bound;
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
	for (i = 0; i < s->n; i++) {
		into->edge[into->n] = s->edge[i];
		memcpy(into->lit[into->n++], s->lit[i], sizeof s->lit[i]);
	}
}

/* Alternatives: every branch must have a requirement; the union of them
 * is the requirement of the whole. */
static void
parse_alt(struct parser *ps, struct litset *best, struct litset *first,
          bool bounded)
{
	bool best_ok = true, first_ok = true;
	struct litset *b = malloc(sizeof *b), *f = malloc(sizeof *f);

	if (!b || !f)
		wire_die("out of memory");
	memset(best, 0, sizeof *best);
	memset(first, 0, sizeof *first);
	for (;;) {
		parse_seq(ps, b, f, bounded);
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

/* Sets bit A B (two bytes as they are in memory) in PAIR. */
static void
pair_set(uint8_t *pair, unsigned char a, unsigned char b)
{
	unsigned char two[2] = {a, b};
	uint16_t key;

	memcpy(&key, two, 2);
	pair[key >> 3] |= (uint8_t)(1u << (key & 7));
}

/* Whether the two bytes at U are a pair of PAIR (as pair_set keys them). */
static bool
pair_has(const uint8_t *pair, const unsigned char *u)
{
	uint16_t key;

	memcpy(&key, u, 2);
	return pair[key >> 3] & (1u << (key & 7));
}

/* Bit of the first N (2 to 4) bytes K (byte I at bits 8 I) in a
 * 1024-byte bit set. */
static unsigned
lit_bit(uint32_t k)
{
	return (k * 0x9e3779b1u) >> 19;
}

static void
bit_set(uint8_t *set, unsigned bit)
{
	set[bit >> 3] |= (uint8_t)(1u << (bit & 7));
}

static bool
bit_has(const uint8_t *set, unsigned bit)
{
	return set[bit >> 3] & (1u << (bit & 7));
}

/* The chain (head2) of literals starting with A B, in lower case. */
static unsigned
pair_bucket(unsigned char a, unsigned char b)
{
	return lit_bit((uint32_t)a | (uint32_t)b << 8) >> 3;
}

/* The chain (head4) of anchored literals starting with the four bytes
 * at S, in lower case. */
static unsigned
quad_bucket(const unsigned char *s)
{
	uint32_t k = (uint32_t)s[0] | (uint32_t)s[1] << 8 | (uint32_t)s[2] << 16 |
	             (uint32_t)s[3] << 24;

	return lit_bit(k) >> 3;
}

/* The first N bytes of S (at most 4) as a key, byte I at bits 8 I. */
static uint32_t
lit_key(const unsigned char *s, size_t n)
{
	uint32_t k = 0;
	size_t i;

	for (i = 0; i < n && i < 4; i++)
		k |= (uint32_t)s[i] << (8 * i);
	return k;
}

static unsigned char
upper_of(unsigned char ch)
{
	return (unsigned char)(ch >= 'a' && ch <= 'z' ? ch - 32 : ch);
}

/* How rare a byte is in English text, for rare_start: letters by their
 * frequency, a space least, other signs most. */
static int
rarity(unsigned char ch)
{
	static const char freq[] = "etaoinshrdlcumwfgypbvkjxqz";

	if (ch == ' ')
		return -1;
	if (ch >= 'a' && ch <= 'z')
		return (int)(strchr(freq, ch) - freq);
	return 30;
}

/* Where the scan should look for the unanchored literal L: any part of a
 * needed literal is needed too, and the scan stops at every text position
 * holding the literal's first two bytes, so start at the rarest pair that
 * leaves four bytes (" today" would stop it at every " t"). */
static size_t
rare_start(const char *l)
{
	size_t n = strlen(l), d, best = 0;
	int top = -3;

	for (d = 0; d == 0 || d + 4 <= n; d++) {
		int r = rarity((unsigned char)l[d]) +
		        (d + 1 < n ? rarity((unsigned char)l[d + 1]) : 0);

		if (r > top) {
			top = r;
			best = d;
		}
	}
	return best;
}

/* Adds the literals of USE, which pattern PAT needs, to the set.  The
 * pair bit set holds their first two bytes in every case, so that the
 * scan need not fold the text. */
static void
set_add_literals(struct clean_set *s, const struct litset *use, size_t pat)
{
	size_t i;

	for (i = 0; i < use->n; i++) {
		size_t d = s->anchored ? 0 : rare_start(use->lit[i]);
		const char *lit = use->lit[i] + d;
		size_t n = strlen(lit);
		unsigned char a = (unsigned char)lit[0];
		unsigned char b = (unsigned char)lit[1];
		struct clean_lit *l;

		if (s->nlit == s->litcap) {
			s->litcap = s->litcap ? 2 * s->litcap : 32;
			s->lit = wire_xreallocarray(s->lit, s->litcap, sizeof *s->lit);
		}
		l = &s->lit[s->nlit];
		memcpy(l->s, lit, n + 1);
		l->len = (uint16_t)n;
		l->pat = (uint16_t)pat;
		if (s->anchored && n >= 4) {
			unsigned q = quad_bucket((const unsigned char *)lit);

			l->next = s->head4[q];
			s->head4[q] = (uint16_t)++s->nlit;
		} else if (n >= 2) {
			l->next = s->head2[pair_bucket(a, b)];
			s->head2[pair_bucket(a, b)] = (uint16_t)++s->nlit;
		} else {
			l->next = s->head[a];
			s->head[a] = (uint16_t)++s->nlit;
		}
		if (n >= 2) {
			struct clean_filter *f = &s->filter;
			const unsigned char *u = (const unsigned char *)l->s;

			pair_set(f->pair, a, b);
			pair_set(f->pair, upper_of(a), b);
			pair_set(f->pair, a, upper_of(b));
			pair_set(f->pair, upper_of(a), upper_of(b));
			bit_set(n == 2 ? f->lit2 : n == 3 ? f->lit3 : f->lit4,
			        lit_bit(lit_key(u, n)));
		}
	}
}

static bool
is_alnum(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9');
}

/* How much a trigger narrows the search: a symbol outside ASCII most,
 * then a long whole word, a sign such as ( or / (checked where it
 * stands, so common ones cost a little), a short whole word, the start
 * or end of a run (a filter on each run of the text), and last a common
 * sign.  Tiers, then length. */
static int
trig_score(const struct clean_trig_lit *t, size_t len)
{
	switch (t->mode) {
	case TRIG_CP:
		if (t->cp >= 0x80)
			return 1000;
		return strchr(".,-:;\"'!?", (int)t->cp) ? 5 : 90;
	case TRIG_WORD:
		return len >= 5 ? 100 + (int)len : 50 + (int)len;
	case TRIG_PREFIX:
	case TRIG_SUFFIX:
		return 20 + (int)len;
	}
	return -1;
}

/* The best trigger of literal L (lower case) for pattern PAT; EDGE says
 * which of its ends the pattern bounds with \b. */
static void
choose_trigger(const char *l, unsigned edge, size_t pat, struct clean_trig_lit *best)
{
	size_t n = strlen(l), a = 0, b, best_len = 0;

	memset(best, 0, sizeof *best);
	best->pat = (uint16_t)pat;
	while (a < n) {
		struct clean_trig_lit t;
		bool left, right;

		memset(&t, 0, sizeof t);
		t.pat = (uint16_t)pat;
		t.at = (uint8_t)a;
		if (!is_alnum((unsigned char)l[a])) {
			/* a sign: any but the space, which the scan skips */
			size_t k = 1;

			t.cp = (unsigned char)l[a];
			if (t.cp >= 0x80 && (k = wire_utf8_decode(l + a, n - a, &t.cp)) == 0)
				k = 1;
			else if (t.cp != ' ')
				t.mode = TRIG_CP;
			if (trig_score(&t, k) > trig_score(best, best_len)) {
				*best = t;
				best_len = k;
			}
			a += k;
			continue;
		}
		for (b = a; b < n && is_alnum((unsigned char)l[b]); b++)
			;
		left = a > 0 || (edge & EDGE_LEFT);
		right = b < n || (edge & EDGE_RIGHT);
		t.mode = left && right ? TRIG_WORD : left ? TRIG_PREFIX
		         : right ? TRIG_SUFFIX : TRIG_NONE;
		/* the scan filters runs by their first or last bytes */
		if (t.mode != TRIG_WORD && b - a < 2)
			t.mode = TRIG_NONE;
		t.len = (uint8_t)(b - a > 16 ? 16 : b - a);
		/* the text's word keeps its first 16 bytes; a suffix its last */
		memcpy(t.w, l + (t.mode == TRIG_SUFFIX ? b - t.len : a), t.len);
		t.at = (uint8_t)(t.mode == TRIG_SUFFIX ? b : a);
		if (trig_score(&t, b - a) > trig_score(best, best_len)) {
			*best = t;
			best_len = b - a;
		}
		a = b;
	}
	best->litlen = (uint8_t)n;
	memcpy(best->lit, l, n + 1);
}

/* Triggers of the literals of USE (pattern PAT of an unanchored list). */
static void
set_add_triggers(struct clean_set *s, const struct litset *use, size_t pat)
{
	size_t i;

	for (i = 0; i < use->n; i++) {
		if (s->ntrig == s->trigcap) {
			s->trigcap = s->trigcap ? 2 * s->trigcap : 32;
			s->trig = wire_xreallocarray(s->trig, s->trigcap, sizeof *s->trig);
		}
		choose_trigger(use->lit[i], use->edge[i], pat, &s->trig[s->ntrig]);
		s->untriggered += s->trig[s->ntrig].mode == TRIG_NONE;
		s->ntrig++;
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

	parse_alt(&ps, best, first, false);
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
	if (pcre2_jit_compile(re, PCRE2_JIT_COMPLETE) != 0)
		s->nojit = true;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->code = wire_xreallocarray(s->code, s->cap, sizeof *s->code);
		s->mark = wire_xreallocarray(s->mark, s->cap, sizeof *s->mark);
		s->cand = wire_xreallocarray(s->cand, s->cap, sizeof *s->cand);
	}
	if (s->n == 0) {
		/* the fold characters make their pairs candidates */
		pair_set(s->filter.pair, 0xe2, 0x84);
		pair_set(s->filter.pair, 0xc5, 0xbf);
	}
	s->anchored = anchored;
	s->code[s->n] = re;
	s->mark[s->n] = 0;
	/* (links are 16 bits: a list beyond that runs its later patterns
	 * on every paragraph) */
	if (pattern_literals(pattern, anchored, use) &&
	    s->n < WIRE_CLEAN_MAX_INDEX && s->nlit + use->n < WIRE_CLEAN_MAX_INDEX) {
		set_add_literals(s, use, s->n);
		if (!anchored)
			set_add_triggers(s, use, s->n);
	} else
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
	free(s->code);
	free(s->mark);
	free(s->cand);
	free(s->lit);
	free(s->always);
	free(s->trig);
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

/* Whether one of the first four positions of S, the bytes an anchored
 * literal is chained by, starts a character folding to ASCII. */
static bool
anchored_fold(const unsigned char *s, size_t len)
{
	size_t i;

	for (i = 0; i < 4 && i < len; i++)
		if (unicode_fold(s + i, len - i))
			return true;
	return false;
}

/* Starts the candidates of S for a new text. */
static void
set_begin(struct clean_set *s)
{
	if (lower['A'] == 0)
		init_lower();
	if (!s->md && s->n > 0) {
		s->md = pcre2_match_data_create(1, NULL);
		if (!s->md)
			wire_die("out of memory");
	}
	if (++s->epoch == 0) {
		memset(s->mark, 0, s->n * sizeof *s->mark);
		s->epoch = 1;
	}
	s->ncand = 0;
	s->fold = false;
}

static void
mark_literal(struct clean_set *s, const struct clean_lit *l,
             const unsigned char *u, size_t left)
{
	if (s->mark[l->pat] != s->epoch && literal_at(u, left, l)) {
		s->mark[l->pat] = s->epoch;
		s->cand[s->ncand++] = l->pat;
	}
}

/* Marks the patterns of S whose literals occur at U (LEFT bytes).  The
 * literals are chained by their first two bytes, or four for anchored
 * lists: a character folding to ASCII among those must have been seen
 * by the caller. */
static void
set_scan_at(struct clean_set *s, const unsigned char *u, size_t left)
{
	size_t j;

	if (s->anchored && left >= 4) {
		unsigned char low[4] = {lower[u[0]], lower[u[1]], lower[u[2]], lower[u[3]]};

		for (j = s->head4[quad_bucket(low)]; j != 0; j = s->lit[j - 1].next)
			mark_literal(s, &s->lit[j - 1], u, left);
	}
	if (left >= 2)
		for (j = s->head2[pair_bucket(lower[u[0]], lower[u[1]])]; j != 0;
		     j = s->lit[j - 1].next)
			mark_literal(s, &s->lit[j - 1], u, left);
	for (j = s->head[lower[u[0]]]; j != 0; j = s->lit[j - 1].next)
		mark_literal(s, &s->lit[j - 1], u, left);
}

static bool
try_pattern(struct clean_set *s, size_t i, const char *text, size_t len)
{
	int rc;

	s->runs++;
	/* the paragraphs are valid UTF-8 (repaired on input): PCRE2 would
	 * check every one again at every pattern tried on it */
	if (s->nojit)
		rc = pcre2_match((pcre2_code *)s->code[i], (PCRE2_SPTR)text, len, 0,
		                 PCRE2_NO_UTF_CHECK, (pcre2_match_data *)s->md, NULL);
	else /* straight into the compiled code: most tries fail at once */
		rc = pcre2_jit_match((pcre2_code *)s->code[i], (PCRE2_SPTR)text, len, 0, 0,
		                     (pcre2_match_data *)s->md, NULL);
	if (rc >= 0)
		return true;
	if (rc != PCRE2_ERROR_NOMATCH)
		wire_die("pattern %zu: match error %d", i + 1, rc);
	return false;
}

/* Runs the patterns the scan left as candidates (all of them after a
 * folding character). */
static bool
set_run(struct clean_set *s, const char *text, size_t len)
{
	size_t i;

	if (s->fold) {
		for (i = 0; i < s->n; i++)
			if (try_pattern(s, i, text, len))
				return true;
		return false;
	}
	for (i = 0; i < s->nalways; i++)
		if (try_pattern(s, s->always[i], text, len))
			return true;
	for (i = 0; i < s->ncand; i++)
		if (try_pattern(s, s->cand[i], text, len))
			return true;
	return false;
}

/* Whether a literal of filter F may start at U (LEFT bytes, at least 2):
 * a second look, with up to four bytes folded, where the pair matched. */
static bool
second_look(const struct clean_filter *f, const unsigned char *u, size_t left)
{
	unsigned char low[4] = {0, 0, 0, 0};
	size_t i, n = left < 4 ? left : 4;

	for (i = 0; i < n; i++)
		low[i] = lower[u[i]];
	return bit_has(f->lit2, lit_bit(lit_key(low, 2))) ||
	       (n >= 3 && bit_has(f->lit3, lit_bit(lit_key(low, 3)))) ||
	       (n >= 4 && bit_has(f->lit4, lit_bit(lit_key(low, 4))));
}

/* One pass over TEXT for the literals of the unanchored set S, by pairs
 * of bytes. */
static void
scan_text(struct clean_set *s, const char *text, size_t len)
{
	const unsigned char *u = (const unsigned char *)text;
	const struct clean_filter *f = &s->filter;
	size_t i;

	for (i = 0; i + 1 < len; i++) {
		if (!pair_has(f->pair, u + i))
			continue;
		if (unicode_fold(u + i, len - i)) {
			s->fold = true;
			return;
		}
		if (second_look(f, u + i, len - i) && s->nlit > 0)
			set_scan_at(s, u + i, len - i);
	}
}

void
wire_clean_set_begin(struct clean_set *s)
{
	set_begin(s);
}

void
wire_clean_set_mark(struct clean_set *s, size_t pat)
{
	if (s->mark[pat] != s->epoch) {
		s->mark[pat] = s->epoch;
		s->cand[s->ncand++] = pat;
	}
}

bool
wire_clean_set_match(struct clean_set *s, const char *text, size_t len)
{
	const unsigned char *u = (const unsigned char *)text;

	if (s->n == 0)
		return false;
	if (lower['A'] == 0)
		init_lower();
	/* most paragraphs open with bytes no anchored literal opens with:
	 * nothing to start.  The pair filter (both cases, exact) answers
	 * most of them with one bit; the chains the rest. */
	if (s->anchored && len >= 2 && s->nalways == 0 && !((u[0] | u[1]) & 0x80) &&
	    !pair_has(s->filter.pair, u) &&
	    s->head[lower[u[0]]] == 0)
		return false;
	if (s->anchored && len >= 4 && s->nalways == 0 &&
	    !((u[0] | u[1] | u[2] | u[3]) & 0x80) &&
	    s->head4[quad_bucket((const unsigned char[4]){lower[u[0]], lower[u[1]],
	                                                  lower[u[2]], lower[u[3]]})] == 0 &&
	    s->head2[pair_bucket(lower[u[0]], lower[u[1]])] == 0 &&
	    s->head[lower[u[0]]] == 0)
		return false;
	set_begin(s);
	if (len == 0)
		s->fold = true; /* nothing to scan: try them all */
	else if (!s->anchored)
		scan_text(s, text, len);
	else if (anchored_fold(u, len))
		s->fold = true;
	else
		set_scan_at(s, u, len);
	return set_run(s, text, len);
}

bool
wire_clean_set_run(struct clean_set *s, const char *text, size_t len)
{
	return s->n > 0 && set_run(s, text, len);
}
