/*
 * CoNLL-2003-style tokenisation of raw text for the entity tagger.
 *
 * The model was trained on the CoNLL tokens (Reuters, tokenised in the
 * Penn Treebank manner), so raw text has to be cut the same way or the
 * word features miss: punctuation apart, "n't" and the clitics 's 're 've
 * 'll 'd 'm apart, but U.S., 1,000, 6:29, 1996-08-22, al-Assad, O'Brien,
 * AT&T and US$ whole, "--" and "..." as one token.
 */
#include <string.h>

#include "wire.h"

/* Decodes one code point; a bad byte reads as U+FFFD of length 1 so that
 * the scanner always advances. */
static size_t
cp_at(const char *s, size_t len, size_t i, uint32_t *cp)
{
	size_t n;

	if (i >= len) {
		*cp = 0;
		return 0;
	}
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

static bool
is_space_cp(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v' || c == 0xA0 || c == 0x1680 ||
	       (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 ||
	       c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

/* Non-ASCII code points that are punctuation or symbols rather than
 * letters: Latin-1 signs, general punctuation, currency, arrows and
 * other symbols, CJK punctuation, emoji. */
static bool
is_punct_hi(uint32_t c)
{
	return (c >= 0x80 && c <= 0xBF && c != 0xAA && c != 0xB5 && c != 0xBA) ||
	       c == 0xD7 || c == 0xF7 || (c >= 0x2010 && c <= 0x206F) ||
	       (c >= 0x20A0 && c <= 0x20CF) || (c >= 0x2100 && c <= 0x2BFF) ||
	       (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE30 && c <= 0xFE4F) ||
	       (c >= 0xFF01 && c <= 0xFF0F) || c >= 0x1F000 ||
	       c == WIRE_REPLACEMENT_CHAR;
}

static bool
is_word_cp(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		       (c >= '0' && c <= '9');
	return !is_space_cp(c) && !is_punct_hi(c);
}

static bool
is_apos(uint32_t c)
{
	return c == '\'' || c == 0x2019;
}

static bool
is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

static bool
is_upper_ascii(uint32_t c)
{
	return c >= 'A' && c <= 'Z';
}

/* Length in bytes of the run of word characters at I. */
static size_t
word_run(const char *s, size_t len, size_t i)
{
	size_t j = i, n;
	uint32_t c;

	while ((n = cp_at(s, len, j, &c)) && is_word_cp(c))
		j += n;
	return j - i;
}

/* Clitics split off a word after an apostrophe (PTB/CoNLL). */
static bool
is_clitic(const char *s, size_t n)
{
	static const char *const cl[] = {"s", "re", "ve", "ll", "d", "m"};
	size_t k, j;

	for (k = 0; k < sizeof cl / sizeof cl[0]; k++) {
		if (strlen(cl[k]) != n)
			continue;
		for (j = 0; j < n; j++)
			if ((s[j] | 0x20) != cl[k][j])
				break;
		if (j == n)
			return true;
	}
	return false;
}

/* Abbreviations that keep their period in CoNLL-2003 (the most frequent
 * word-final-period tokens of its training file, plus the honorifics and
 * month forms of the same Reuters style). */
static bool
is_abbrev(const char *s, size_t n)
{
	static const char *const ab[] = {
	    "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Gen", "Lt", "Col",
	    "Sgt", "Capt", "Cpl", "Adm", "Maj", "Rep", "Sen", "Gov", "Prof",
	    "Rev", "Inc", "Corp", "Co", "Ltd", "Bros", "No", "vs", "etc", "Jan",
	    "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
	    "Nov", "Dec", "Mt", "Ft", "Calif", "Fla", "Mass", "Penn", "Ariz",
	    "Ill", "Wash", "Conn", "Mich", "Minn", "Tenn", "Va", "Md", "Ga",
	    "Ky", "La", "Mo", "Nev", "Okla", "Ore", "Wis", "Ala", "Colo",
	    "approx", "Dept", "Est", "Messrs", "Pres"};
	size_t k;

	for (k = 0; k < sizeof ab / sizeof ab[0]; k++)
		if (strlen(ab[k]) == n && memcmp(ab[k], s, n) == 0)
			return true;
	return false;
}

/* U.S, U.N, a.m, F.C: letters between periods, at most two at a time. */
static bool
is_dotted(const char *s, size_t n)
{
	size_t i, run = 0;
	bool dot = false;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '.') {
			if (run == 0)
				return false;
			dot = true;
			run = 0;
		} else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
			if (++run > 2)
				return false;
		} else {
			return false;
		}
	}
	return dot || (n == 1 && is_upper_ascii((unsigned char)s[0]));
}

static void
push(struct wire_ner_token **toks, size_t *cap, size_t *n, size_t start,
     size_t end, unsigned flags)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		*toks = wire_xreallocarray(*toks, *cap, sizeof **toks);
	}
	(*toks)[*n].start = start;
	(*toks)[*n].end = end;
	(*toks)[*n].flags = flags;
	(*n)++;
}

/* Scans a word token from I; returns its end.  *SPLIT gets the end of a
 * clitic or "n't" that follows it (0 when none). */
static size_t
scan_word(const char *s, size_t len, size_t i, size_t *split)
{
	size_t j = i + word_run(s, len, i), n, k, r;
	uint32_t c, prev, next;

	*split = 0;
	for (;;) {
		n = cp_at(s, len, j, &c);
		if (n == 0)
			break;
		r = word_run(s, len, j + n);
		if (r == 0)
			break;
		cp_at(s, len, j - 1, &prev);
		cp_at(s, len, j + n, &next);
		if (c == '.' || c == '-' || c == '_' || c == '@') {
			j += n + r;
		} else if ((c == ',' || c == ':' || c == '/') &&
		           is_digit(prev) && is_digit(next)) {
			j += n + r;
		} else if (c == '&' && is_upper_ascii(prev) &&
		           is_upper_ascii(next)) {
			j += n + r;
		} else if (is_apos(c)) {
			if (r == 1 && (s[j + n] | 0x20) == 't' && j - i >= 2 &&
			    (s[j - 1] | 0x20) == 'n') {
				/* do|n't, ca|n't */
				*split = j + n + 1;
				return j - 1;
			}
			if (is_clitic(s + j + n, r)) {
				*split = j + n + r;
				return j;
			}
			j += n + r; /* O'Brien, d'Italia */
		} else {
			break;
		}
	}
	/* a period that belongs to the word */
	if (j < len && s[j] == '.' &&
	    (is_dotted(s + i, j - i) || is_abbrev(s + i, j - i)))
		j++;
	/* US$, C$, HK$ */
	if (j < len && s[j] == '$' && j - i <= 3) {
		for (k = i; k < j && is_upper_ascii((unsigned char)s[k]); k++)
			;
		if (k == j)
			j++;
	}
	return j;
}

size_t
wire_ner_tokenize(const char *s, size_t len, struct wire_ner_token **toks,
                  size_t *cap)
{
	size_t n = 0, i = 0, k, end, split;
	unsigned flags = WIRE_NER_NEWLINE;
	uint32_t c, c2;

	while (i < len) {
		k = cp_at(s, len, i, &c);
		if (is_space_cp(c)) {
			if (c == '\n' || c == 0x2028 || c == 0x2029)
				flags |= WIRE_NER_NEWLINE;
			i += k;
			continue;
		}
		if (is_word_cp(c)) {
			end = scan_word(s, len, i, &split);
			push(toks, cap, &n, i, end, flags);
			if (split) {
				push(toks, cap, &n, end, split, 0);
				end = split;
			}
		} else if (c == '-' || c == '.') {
			/* "--", "---", "..." as one token */
			for (end = i + 1; end < len && s[end] == (char)c; end++)
				;
			push(toks, cap, &n, i, end, flags);
		} else if (is_apos(c) && cp_at(s, len, i + k, &c2) &&
		           is_word_cp(c2) && i > 0 &&
		           is_clitic(s + i + k, word_run(s, len, i + k))) {
			/* a clitic after a token that ended otherwise */
			end = i + k + word_run(s, len, i + k);
			push(toks, cap, &n, i, end, flags);
		} else {
			end = i + k;
			push(toks, cap, &n, i, end, flags);
		}
		flags = 0;
		i = end;
	}
	return n;
}
