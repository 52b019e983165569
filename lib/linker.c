/*
 * linker.c - tie the mentions of one entity in a document together, in
 * the spirit of GATE's OrthoMatcher: every mention gets an entity id and
 * every entity one canonical name, the fullest form seen.
 *
 * Each mention is first cleaned:
 *   - white space is collapsed; a possessive ending ('s, ’s, or the
 *     apostrophe after a final s) is dropped;
 *   - a leading "the" is dropped (not for DATE..QUANTITY);
 *   - PER: leading honorifics and titles (Mr., Dr., President, Sen.,
 *     Foreign Minister's "Minister" ...) are dropped, and so are middle
 *     initials ("Sergei V. Lavrov" -> "Sergei Lavrov").
 * The cleaned text is the mention's name.  Its key, used for comparing,
 * is the name in lower case without periods, and for PER without name
 * particles (al-, el-, bin, ibn, van, von, de, da, du, di, del, der, la,
 * le ...) and generational suffixes (Jr., Sr., II, III), so "Bashar
 * al-Assad" and "Bashar Assad" have the same key; for ORG without
 * company designators at the end (Corp., Inc., Ltd., Co., plc, LLC).
 *
 * Rules, applied per type (types are kept apart except in rule 7):
 *   1. Mentions with the same key are one entity (all types; for DATE,
 *      TIME, MONEY, PERCENT, QUANTITY this is the only rule; a DATE's
 *      key has its months written out, "Dec. 22" = "December 22").
 *   2. PER, two or more words: same first and last key word is the same
 *      person ("Hillary Clinton", "Hillary Rodham Clinton").
 *   3. PER, one word: the surname (last key word) of a fuller name, else
 *      its first name, links to that person ("Lavrov", "Mr. Lavrov",
 *      "Assad's").  When several people fit (two Clintons): the one
 *      named in full at most two names before, dates and amounts not
 *      counted ("Hillary Clinton arrived in Dublin ... Clinton said"),
 *      else the one named first in the document, who in news is the
 *      subject while relatives and namesakes get full names (on GUM's
 *      coreference this beats "the most recent" by 3 points of link
 *      F1).  When none is named before, the first named after.
 *   4. ORG, LOC, MISC: an acronym (one word of 2 to 8 capitals, with or
 *      without periods: "U.N.", "UN", "NATO") is the same entity as a
 *      name of two or more words whose capitalised words give those
 *      initials ("United Nations", "North Atlantic Treaty
 *      Organization"), whichever comes first; the most recent wins.
 *   5. Otherwise, of several candidates the most recently mentioned
 *      entity wins.
 *   6. The canonical name is the cleaned name of the fullest mention:
 *      PER the most key words; ORG, LOC, MISC a non-acronym before an
 *      acronym, then the most words; then mixed case before capitals
 *      (a headline); then the longer text; then the earlier mention.
 *      For DATE..QUANTITY the first mention as written.
 *   7. Across types, for a tagger's slips: a one-word ORG or MISC
 *      mention that is the surname of a person named in full earlier in
 *      the document is that person (chosen as in rule 3; not LOC, so
 *      that Washington the city stays apart from George Washington); a
 *      person known only by one word that is the name of an ORG, LOC or
 *      MISC entity of the document ("Kommersant") is that entity (the
 *      first such).  An entity keeps the type of the mention that
 *      started it, and only mentions of that type name it.
 *   8. ORG: one word that is the last word of a longer organisation
 *      name ("Pirates", "Pittsburgh Pirates"; the most recent) is that
 *      organisation, unless the word is generic ("Council", "Party",
 *      "Times").
 *
 * Ids run from 1 in the order of each entity's first mention.  All text
 * lives in one buffer and all records in arrays reused between documents,
 * so adding a mention allocates nothing once the arrays have grown.  The
 * candidates of each rule are looked up in one hash table (by key, by
 * first and last name, by surname, by initials), kept up to date as the
 * mentions are taken in document order, so linking is linear in the
 * number of mentions: a document of tens of thousands of mentions (a
 * long file read with --plain) costs no more per mention than a short
 * one.
 */
#include <stdlib.h>
#include <string.h>

#include "wire.h"

struct lk_mention {
	int type;
	int entity;           /* index into lk->ent, -1 until linked */
	size_t name, namelen; /* cleaned name in lk->buf */
	size_t key, keylen;   /* key words, space-separated, in lk->buf */
	size_t first, firstlen, last, lastlen; /* first and last key word */
	size_t acro, acrolen; /* initials of a multi-word name, lower case */
	int nkey;             /* key words */
	int nname;            /* words of the name */
	int rank;             /* PER, ORG, LOC, MISC mentions before it */
	bool acronym;         /* the mention is itself an acronym */
	bool allcaps;         /* written in capitals (a headline) */
	bool generic;         /* ORG whose last word is generic (Council) */
};

struct lk_entity {
	int type;
	int canon;  /* the mention that gives the name */
	int id;     /* from 1, set by resolve */
	int full;   /* its first PER mention of two or more key words, or -1 */
	int alias;  /* the entity it was merged into (rule 7), or -1 */
};

/* A one-word name right after a full one (at most this many names
 * later, dates and amounts not counted) is that person even when
 * another was named first. */
#define LK_NEAR 2

/* ---- lookup tables ---------------------------------------------- */

/* What a table entry is keyed by; the type is added for per-type keys. */
enum {
	K_KEY = 0,                  /* + type: the key */
	K_ACRO = K_KEY + WIRE_NTYPES, /* + type: initials of a multi-word name */
	K_ACRONYM = K_ACRO + WIRE_NTYPES, /* + type: key of an acronym */
	K_FULL = K_ACRONYM + WIRE_NTYPES, /* first and last word of a person */
	K_SUR_BEFORE,               /* surname: the person named last so far */
	K_SUR_FIRST,                /* surname: the person named first */
	K_FN_BEFORE,                /* first name, as K_SUR_BEFORE */
	K_FN_FIRST,
	K_OTHER,                    /* key of an ORG, LOC or MISC: the first */
	K_ORG_LAST,                 /* last word of a multi-word ORG */
};

/* One entry: the mention that stored it (its strings, chosen by the
 * kind, are the entry's key) and the entity they lead to. */
struct lk_slot {
	uint64_t h;
	unsigned gen;   /* the entry is live when gen == the table's */
	int kind;
	int src;        /* the mention that stored it */
	int ent;
};

struct lk_table {
	struct lk_slot *slot;
	size_t cap, n; /* cap a power of two */
	unsigned gen;
};

struct wire_linker {
	struct wire_buf buf;
	struct lk_mention *m;
	size_t nm, mcap;
	struct lk_entity *ent;
	size_t ne, ecap;
	int *byid; /* entity index of each id - 1 */
	size_t idcap;
	int nids;
	struct lk_table tab;
};

struct wire_linker *
wire_linker_new(void)
{
	return wire_xcalloc(1, sizeof(struct wire_linker));
}

void
wire_linker_reset(struct wire_linker *lk)
{
	wire_buf_clear(&lk->buf);
	lk->nm = 0;
	lk->ne = 0;
	lk->nids = 0;
}

void
wire_linker_free(struct wire_linker *lk)
{
	if (!lk)
		return;
	wire_buf_free(&lk->buf);
	free(lk->m);
	free(lk->ent);
	free(lk->byid);
	free(lk->tab.slot);
	free(lk);
}

/* ---- cleaning ---------------------------------------------------- */

static bool
lk_numeric(int type)
{
	return type >= WIRE_DATE;
}

static char
lk_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
}

static bool
lk_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

/* True when the LEN bytes at S equal one of the NULL-terminated WORDS,
 * ignoring ASCII case and a final period of S. */
static bool
lk_in(const char *s, size_t len, const char *const *words)
{
	if (len > 1 && s[len - 1] == '.')
		len--;
	for (; *words; words++) {
		size_t n = strlen(*words);
		size_t i;

		if (n != len)
			continue;
		for (i = 0; i < n && lk_lower(s[i]) == (*words)[i]; i++)
			;
		if (i == n)
			return true;
	}
	return false;
}

/* Words before a person's name that are not part of it.  CoNLL leaves
 * titles outside the span; these catch a tagger that does not. */
static const char *const lk_titles[] = {
	"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir",
	"dame", "rev", "reverend", "sen", "senator", "rep", "representative",
	"gov", "governor", "gen", "general", "lt", "col", "colonel", "maj",
	"major", "capt", "captain", "sgt", "sergeant", "adm", "admiral",
	"president", "minister", "secretary", "chancellor", "premier",
	"ambassador", "envoy", "judge", "justice", "mayor", "cardinal",
	"bishop", "father", "brother", "sister", "st", "saint",
	/* words that open a title: Foreign Minister, Vice President */
	"foreign", "prime", "vice", "deputy", "former", "acting", "chief",
	"attorney", "spokesman", "spokeswoman", NULL,
};

static const char *const lk_particles[] = {
	"al", "el", "bin", "ibn", "bint", "van", "von", "de", "da", "du",
	"di", "del", "della", "der", "den", "la", "le", "ter", "ten", "dos",
	"das", "do", "y", NULL,
};

/* Generational suffixes and post-nominal letters. */
static const char *const lk_suffixes[] = {
	"jr", "sr", "ii", "iii", "iv", "frs", "phd", "md", "mp", "qc", "kc",
	"obe", "mbe", "cbe", "kbe", "esq", NULL,
};

/* Last words of organisation names too generic to stand for the name
 * alone ("Council" is not the Syrian National Council). */
static const char *const lk_generic_org[] = {
	"council", "party", "ministry", "army", "bank", "committee", "court",
	"commission", "agency", "union", "university", "college", "school",
	"institute", "league", "association", "group", "department", "office",
	"senate", "house", "government", "parliament", "assembly", "front",
	"movement", "organization", "organisation", "fund", "company",
	"foundation", "church", "network", "times", "post", "news", "press",
	"journal", "service", "services", "authority", "board", "bureau",
	"centre", "center", "club", "federation", "force", "forces", "guard",
	"police", "corps", "brigade", "brigades", "coalition", "alliance",
	"society", "trust", "administration", "cabinet", "congress",
	"observatory", "program", "programme", "project", "team", "city",
	"state", "states", "nations", "republic", "kingdom", NULL,
};

static const char *const lk_company[] = {
	"corp", "corporation", "inc", "incorporated", "ltd", "limited", "co",
	"plc", "llc", "llp", "ag", "sa", "nv", "gmbh", "group", NULL,
};

/* An initial: "V", "V.", "H.W." (letters each followed by a period). */
static bool
lk_initial(const char *s, size_t len)
{
	if (len == 1)
		return lk_upper(s[0]);
	if (len % 2)
		return false;
	for (size_t i = 0; i < len; i += 2)
		if (!lk_upper(s[i]) || s[i + 1] != '.')
			return false;
	return true;
}

/* One word of a mention. */
struct lk_word {
	const char *s;
	size_t len;
};

#define LK_MAXWORDS 24

/* Splits S at white space into W (at most LK_MAXWORDS; the rest joins
 * the last word). */
static size_t
lk_words(const char *s, size_t len, struct lk_word *w)
{
	size_t n = 0, i = 0, j;

	while (i < len) {
		while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
		                   s[i] == '\r'))
			i++;
		if (i >= len)
			break;
		for (j = i; j < len && s[j] != ' ' && s[j] != '\t' &&
		            s[j] != '\n' && s[j] != '\r'; j++)
			;
		if (n == LK_MAXWORDS) {
			w[n - 1].len = j - (size_t)(w[n - 1].s - s);
		} else {
			w[n].s = s + i;
			w[n].len = j - i;
			n++;
		}
		i = j;
	}
	return n;
}

/* Drops a possessive ending from the last word. */
static void
lk_unpossess(struct lk_word *w)
{
	const char *s = w->s;
	size_t n = w->len;

	if (n > 2 && s[n - 1] == 's' && s[n - 2] == '\'')
		w->len -= 2;
	else if (n > 4 && s[n - 1] == 's' && memcmp(s + n - 4, "\xE2\x80\x99", 3) == 0)
		w->len -= 4;
	else if (n > 2 && s[n - 1] == '\'' && s[n - 2] == 's')
		w->len -= 1;
	else if (n > 4 && memcmp(s + n - 3, "\xE2\x80\x99", 3) == 0 && s[n - 4] == 's')
		w->len -= 3;
}

static const char *const lk_months[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december", NULL,
};

/* True when the N bytes at S (any case) begin WORD: an abbreviation
 * ("Sept" of "september"). */
static bool
lk_prefix(const char *word, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!word[i] || lk_lower(s[i]) != word[i])
			return false;
	return true;
}

/* Appends the key form of word W (lower case, no periods; for PER
 * without an al-/el- prefix; for DATE with months written out) to B.
 * Returns the bytes appended. */
static size_t
lk_keyword(struct wire_buf *b, const struct lk_word *w, int type)
{
	const char *s = w->s;
	size_t n = w->len, before = b->len;

	if (type == WIRE_PER && n > 3 && s[2] == '-' &&
	    (lk_lower(s[0]) == 'a' || lk_lower(s[0]) == 'e') &&
	    lk_lower(s[1]) == 'l') {
		s += 3;
		n -= 3;
	}
	if (type == WIRE_DATE) { /* "Dec. 22," is "december 22" */
		while (n && (s[n - 1] == ',' || s[n - 1] == '.'))
			n--;
		for (size_t k = 0; lk_months[k]; k++)
			if (n >= 3 && n < strlen(lk_months[k]) &&
			    lk_prefix(lk_months[k], s, n)) {
				wire_buf_adds(b, lk_months[k]);
				return b->len - before;
			}
	}
	for (size_t i = 0; i < n; i++)
		if (s[i] != '.')
			wire_buf_addc(b, lk_lower(s[i]));
	return b->len - before;
}

/* No lower-case ASCII letter and some upper-case one. */
static bool
lk_allcaps(const char *s, size_t n)
{
	bool upper = false;

	for (size_t i = 0; i < n; i++) {
		if (s[i] >= 'a' && s[i] <= 'z')
			return false;
		upper |= lk_upper(s[i]);
	}
	return upper;
}

static void
lk_clean(struct wire_linker *lk, struct lk_mention *m, const char *text,
         size_t len)
{
	struct lk_word w[LK_MAXWORDS];
	size_t n = lk_words(text, len, w), a = 0, z = n, i;
	struct wire_buf *b = &lk->buf;
	bool first = true;

	if (n)
		lk_unpossess(&w[n - 1]);
	if (!lk_numeric(m->type) && z - a > 1 && lk_in(w[a].s, w[a].len,
	                                               (const char *const[]){"the", NULL}))
		a++;
	if (m->type == WIRE_PER)
		while (z - a > 1 && lk_in(w[a].s, w[a].len, lk_titles))
			a++;

	/* name: the words kept, middle initials of a person dropped */
	m->name = b->len;
	m->nname = 0;
	for (i = a; i < z; i++) {
		if (m->type == WIRE_PER && i > a && i + 1 < z &&
		    lk_initial(w[i].s, w[i].len))
			continue;
		if (m->nname++)
			wire_buf_addc(b, ' ');
		wire_buf_add(b, w[i].s, w[i].len);
	}
	m->namelen = b->len - m->name;
	m->allcaps = lk_allcaps(b->data + m->name, m->namelen);
	wire_buf_addc(b, '\0');

	/* key: the words compared */
	m->key = b->len;
	m->nkey = 0;
	for (i = a; i < z; i++) {
		size_t at = b->len, kl;

		if (m->type == WIRE_PER && i > a && i + 1 < z &&
		    lk_initial(w[i].s, w[i].len))
			continue;
		if (m->type == WIRE_PER && z - a > 1 &&
		    (((i + 1 < z) && lk_in(w[i].s, w[i].len, lk_particles)) ||
		     (i > a && lk_in(w[i].s, w[i].len, lk_suffixes))))
			continue;
		if (m->type == WIRE_ORG && i > a && i + 1 == z &&
		    lk_in(w[i].s, w[i].len, lk_company))
			continue;
		if (!first)
			wire_buf_addc(b, ' ');
		at = b->len;
		kl = lk_keyword(b, &w[i], m->type);
		if (first) {
			m->first = at;
			m->firstlen = kl;
		}
		m->last = at;
		m->lastlen = kl;
		first = false;
		m->nkey++;
	}
	m->keylen = b->len - m->key;
	wire_buf_addc(b, '\0');
	m->generic = m->type == WIRE_ORG && m->lastlen &&
	             lk_in(b->data + m->last, m->lastlen, lk_generic_org);
	if (first) { /* nothing left: compare the text itself */
		m->first = m->last = m->key;
		m->firstlen = m->lastlen = 0;
	}

	/* acronym forms (ORG, LOC, MISC) */
	m->acronym = false;
	m->acro = b->len;
	m->acrolen = 0;
	if (m->type == WIRE_ORG || m->type == WIRE_LOC || m->type == WIRE_MISC) {
		if (z - a == 1) {
			size_t caps = 0, other = 0;

			for (i = 0; i < w[a].len; i++) {
				if (lk_upper(w[a].s[i]))
					caps++;
				else if (w[a].s[i] != '.' && w[a].s[i] != '&')
					other++;
			}
			m->acronym = other == 0 && caps >= 2 && caps <= 8;
		} else {
			for (i = a; i < z; i++)
				if (lk_upper(w[i].s[0]))
					wire_buf_addc(b, lk_lower(w[i].s[0]));
			m->acrolen = b->len - m->acro;
			if (m->acrolen < 2)
				m->acrolen = 0;
		}
	}
	wire_buf_addc(b, '\0');
}

int
wire_linker_add(struct wire_linker *lk, int type, const char *mention,
                size_t len)
{
	struct lk_mention *m;

	if (lk->nm == lk->mcap) {
		lk->mcap = lk->mcap ? lk->mcap * 2 : 64;
		lk->m = wire_xreallocarray(lk->m, lk->mcap, sizeof *lk->m);
	}
	m = &lk->m[lk->nm];
	memset(m, 0, sizeof *m);
	m->type = type;
	m->entity = -1;
	lk_clean(lk, m, mention, len);
	return (int)lk->nm++;
}

/* ---- lookup tables (continued) ---- */

static const char *
lk_str(const struct wire_linker *lk, size_t off)
{
	return lk->buf.data + off;
}

static bool
lk_same(const struct wire_linker *lk, size_t a, size_t alen, size_t b,
        size_t blen)
{
	return alen == blen && memcmp(lk_str(lk, a), lk_str(lk, b), alen) == 0;
}

/* Empties the table and makes room for N entries at most half full.
 * Bumping the generation empties it without touching the slots. */
static void
lk_table_clear(struct lk_table *t, size_t n)
{
	size_t want = 64;

	while (want < 2 * n)
		want *= 2;
	if (want > t->cap) {
		free(t->slot);
		t->slot = wire_xcalloc(want, sizeof *t->slot);
		t->cap = want;
		t->gen = 0;
	}
	if (++t->gen == 0) { /* wrapped: really clear */
		memset(t->slot, 0, t->cap * sizeof *t->slot);
		t->gen = 1;
	}
	t->n = 0;
}

/* The strings of mention SRC that an entry of KIND is keyed by. */
static void
lk_slot_strs(const struct wire_linker *lk, int kind, int src, size_t *a,
             size_t *alen, size_t *b, size_t *blen)
{
	const struct lk_mention *m = &lk->m[src];

	*b = *blen = 0;
	if (kind >= K_ACRO && kind < K_ACRONYM) {
		*a = m->acro;
		*alen = m->acrolen;
	} else if (kind == K_FULL) {
		*a = m->first;
		*alen = m->firstlen;
		*b = m->last;
		*blen = m->lastlen;
	} else if (kind == K_SUR_BEFORE || kind == K_SUR_FIRST ||
	           kind == K_ORG_LAST) {
		*a = m->last;
		*alen = m->lastlen;
	} else if (kind == K_FN_BEFORE || kind == K_FN_FIRST) {
		*a = m->first;
		*alen = m->firstlen;
	} else { /* K_KEY, K_ACRONYM, K_OTHER */
		*a = m->key;
		*alen = m->keylen;
	}
}

/* The slot of (KIND, A, B): the live entry, or the free slot for it. */
static struct lk_slot *
lk_find(struct wire_linker *lk, int kind, size_t a, size_t alen, size_t b,
        size_t blen, uint64_t *hp)
{
	struct lk_table *t = &lk->tab;
	uint64_t h = wire_hash64(lk_str(lk, a), alen, (uint64_t)kind);
	size_t i, sa, salen, sb, sblen;

	if (blen)
		h = wire_mix64(h ^ wire_hash64(lk_str(lk, b), blen, 0x9e37));
	*hp = h;
	for (i = h & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
		struct lk_slot *sl = &t->slot[i];

		if (sl->gen != t->gen)
			return sl;
		if (sl->h != h || sl->kind != kind)
			continue;
		lk_slot_strs(lk, kind, sl->src, &sa, &salen, &sb, &sblen);
		if (lk_same(lk, sa, salen, a, alen) &&
		    lk_same(lk, sb, sblen, b, blen))
			return sl;
	}
}

/* The entity stored for (KIND, A, B), or -1; *POS (if not NULL) gets
 * the mention that stored it. */
static int
lk_get2(struct wire_linker *lk, int kind, size_t a, size_t alen, size_t b,
        size_t blen, int *pos)
{
	uint64_t h;
	struct lk_slot *sl = lk_find(lk, kind, a, alen, b, blen, &h);

	if (sl->gen != lk->tab.gen)
		return -1;
	if (pos)
		*pos = sl->src;
	return sl->ent;
}

static int
lk_get(struct wire_linker *lk, int kind, size_t a, size_t alen, int *pos)
{
	return lk_get2(lk, kind, a, alen, 0, 0, pos);
}

/* Stores ENT under the strings of mention SRC for KIND; an existing
 * entry is replaced unless KEEP (then the first stored stays). */
static void
lk_put(struct wire_linker *lk, int kind, int src, int ent, bool keep)
{
	uint64_t h;
	size_t a, alen, b, blen;
	struct lk_slot *sl;

	lk_slot_strs(lk, kind, src, &a, &alen, &b, &blen);
	sl = lk_find(lk, kind, a, alen, b, blen, &h);
	if (sl->gen == lk->tab.gen) {
		if (!keep) {
			sl->ent = ent;
			sl->src = src;
		}
		return;
	}
	if (lk->tab.n + 1 > lk->tab.cap / 2)
		return; /* cannot happen: sized for every entry resolve puts */
	*sl = (struct lk_slot){h, lk->tab.gen, kind, src, ent};
	lk->tab.n++;
}

/* ---- linking ----------------------------------------------------- */

static int
lk_new_entity(struct wire_linker *lk, int type)
{
	struct lk_entity *e;

	if (lk->ne == lk->ecap) {
		lk->ecap = lk->ecap ? lk->ecap * 2 : 32;
		lk->ent = wire_xreallocarray(lk->ent, lk->ecap, sizeof *lk->ent);
	}
	e = &lk->ent[lk->ne];
	e->type = type;
	e->canon = -1;
	e->id = 0;
	e->full = -1;
	e->alias = -1;
	return (int)lk->ne++;
}

static bool
lk_full_person(const struct lk_mention *m)
{
	return m->type == WIRE_PER && m->nkey > 1;
}

/* Gives mention MI to entity E (a new one when E < 0) and records it in
 * the tables that later mentions consult. */
static void
lk_join(struct wire_linker *lk, size_t mi, int e)
{
	struct lk_mention *m = &lk->m[mi];
	int at = (int)mi;

	if (e < 0)
		e = lk_new_entity(lk, m->type);
	m->entity = e;
	lk_put(lk, K_KEY + m->type, at, e, false);
	if (lk_full_person(m)) {
		if (lk->ent[e].full < 0)
			lk->ent[e].full = at;
		lk_put(lk, K_FULL, at, e, false);
		lk_put(lk, K_SUR_FIRST, at, e, true);
		lk_put(lk, K_FN_FIRST, at, e, true);
	}
	if (m->acrolen)
		lk_put(lk, K_ACRO + m->type, at, e, false);
	if (m->acronym)
		lk_put(lk, K_ACRONYM + m->type, at, e, false);
	if (m->type == WIRE_ORG || m->type == WIRE_LOC || m->type == WIRE_MISC)
		lk_put(lk, K_OTHER, at, e, true);
	if (m->type == WIRE_ORG && m->nkey > 1 && !m->generic)
		lk_put(lk, K_ORG_LAST, at, e, false);
}

/* Rules 1 and 2 for a full name of a person. */
static int
lk_full_name(struct wire_linker *lk, const struct lk_mention *m)
{
	int e = lk_get(lk, K_KEY + WIRE_PER, m->key, m->keylen, NULL);

	if (e < 0)
		e = lk_get2(lk, K_FULL, m->first, m->firstlen, m->last,
		            m->lastlen, NULL);
	return e;
}

/* The person whose surname (or first name: BEFORE and FIRST name the
 * tables) is the key of mention MI: the one named in full at most
 * LK_NEAR names before, else the first one named in the document.  With
 * EARLIER, only a person named before MI.  -1 when none. */
static int
lk_person_by(struct wire_linker *lk, size_t mi, int before, int first,
             bool earlier)
{
	const struct lk_mention *m = &lk->m[mi];
	int pos, e = lk_get(lk, before, m->key, m->keylen, &pos);

	if (e >= 0 && m->rank - lk->m[pos].rank <= LK_NEAR)
		return e;
	e = lk_get(lk, first, m->key, m->keylen, &pos);
	return e >= 0 && (!earlier || pos < (int)mi) ? e : -1;
}

/* Rule 3 for a one-word person: by surname, then by first name, then
 * the same word before. */
static int
lk_short_name(struct wire_linker *lk, size_t mi)
{
	const struct lk_mention *m = &lk->m[mi];
	int e = lk_person_by(lk, mi, K_SUR_BEFORE, K_SUR_FIRST, false);

	if (e < 0)
		e = lk_person_by(lk, mi, K_FN_BEFORE, K_FN_FIRST, false);
	if (e < 0)
		e = lk_get(lk, K_KEY + WIRE_PER, m->key, m->keylen, NULL);
	return e;
}

/* Rules 1, 4 and 7 for an organisation, place, other name, or a rule
 * type. */
static int
lk_other(struct wire_linker *lk, size_t mi)
{
	const struct lk_mention *m = &lk->m[mi];
	int e = -1;

	if ((m->type == WIRE_ORG || m->type == WIRE_MISC) && m->nkey == 1 &&
	    !m->acronym)
		e = lk_person_by(lk, mi, K_SUR_BEFORE, K_SUR_FIRST, true);
	if (e < 0)
		e = lk_get(lk, K_KEY + m->type, m->key, m->keylen, NULL);
	if (e < 0 && m->acronym)
		e = lk_get(lk, K_ACRO + m->type, m->key, m->keylen, NULL);
	if (e < 0 && m->acrolen)
		e = lk_get(lk, K_ACRONYM + m->type, m->acro, m->acrolen, NULL);
	if (e < 0 && m->type == WIRE_ORG && m->nkey == 1 && !m->acronym)
		e = lk_get(lk, K_ORG_LAST, m->key, m->keylen, NULL);
	return e;
}

/* Rule 7, the other way: a person known only by one word that is the
 * name of an organisation, place or other entity of the document is
 * that entity (the first such one). */
static void
lk_lone_persons(struct wire_linker *lk)
{
	for (size_t i = 0; i < lk->nm; i++) {
		const struct lk_mention *m = &lk->m[i];
		struct lk_entity *from = &lk->ent[m->entity];
		int to;

		if (m->type != WIRE_PER || from->type != WIRE_PER ||
		    from->full >= 0 || from->alias >= 0)
			continue;
		to = lk_get(lk, K_OTHER, m->key, m->keylen, NULL);
		if (to >= 0)
			from->alias = to;
	}
}

/* True when mention A names entity E better than mention B. */
static bool
lk_fuller(const struct wire_linker *lk, const struct lk_entity *e, int a,
          int b)
{
	const struct lk_mention *x = &lk->m[a], *y = &lk->m[b];

	if (x->type != y->type) /* rule 7: the entity's own type names it */
		return x->type == e->type;
	if (lk_numeric(x->type))
		return false; /* the first as written */
	if (x->acronym != y->acronym)
		return !x->acronym;
	if (x->type == WIRE_PER && x->nkey != y->nkey)
		return x->nkey > y->nkey;
	if (x->nname != y->nname)
		return x->nname > y->nname;
	if (x->allcaps != y->allcaps) /* "Sergei Lavrov", not "SERGEI LAVROV" */
		return !x->allcaps;
	return x->namelen > y->namelen;
}

void
wire_linker_resolve(struct wire_linker *lk)
{
	size_t i, sweep = 0;
	int names = 0;

	lk->ne = 0;
	for (i = 0; i < lk->nm; i++) {
		lk->m[i].rank = names;
		names += !lk_numeric(lk->m[i].type);
	}
	/* a full name puts 4 entries and the sweep 2 more; an
	 * organisation 4; anything else fewer */
	lk_table_clear(&lk->tab, 6 * lk->nm);
	/* Full names of people first, so that a short form anywhere can
	 * find them. */
	for (i = 0; i < lk->nm; i++)
		if (lk_full_person(&lk->m[i]))
			lk_join(lk, i, lk_full_name(lk, &lk->m[i]));
	/* The rest in document order; the sweep keeps "the person named
	 * last before this mention" up to date. */
	for (i = 0; i < lk->nm; i++) {
		const struct lk_mention *m = &lk->m[i];

		for (; sweep < i; sweep++) {
			const struct lk_mention *f = &lk->m[sweep];

			if (!lk_full_person(f))
				continue;
			lk_put(lk, K_SUR_BEFORE, (int)sweep, f->entity, false);
			lk_put(lk, K_FN_BEFORE, (int)sweep, f->entity, false);
		}
		if (lk_full_person(m))
			continue;
		lk_join(lk, i, m->type == WIRE_PER ? lk_short_name(lk, i)
		                                   : lk_other(lk, i));
	}
	lk_lone_persons(lk);

	/* names and ids in order of first mention */
	if (lk->idcap < lk->ne) {
		lk->idcap = lk->ne;
		lk->byid = wire_xreallocarray(lk->byid, lk->idcap, sizeof *lk->byid);
	}
	lk->nids = 0;
	for (i = 0; i < lk->nm; i++) {
		struct lk_entity *e;

		while (lk->ent[lk->m[i].entity].alias >= 0)
			lk->m[i].entity = lk->ent[lk->m[i].entity].alias;
		e = &lk->ent[lk->m[i].entity];
		if (e->id == 0) {
			e->id = ++lk->nids;
			lk->byid[e->id - 1] = lk->m[i].entity;
			e->canon = (int)i;
		} else if (lk_fuller(lk, e, (int)i, e->canon)) {
			e->canon = (int)i;
		}
	}
}

int
wire_linker_id(const struct wire_linker *lk, int mention)
{
	if (mention < 0 || (size_t)mention >= lk->nm || lk->m[mention].entity < 0)
		return 0;
	return lk->ent[lk->m[mention].entity].id;
}

int
wire_linker_count(const struct wire_linker *lk)
{
	return lk->nids;
}

static const struct lk_entity *
lk_byid(const struct wire_linker *lk, int id)
{
	if (id < 1 || id > lk->nids)
		return NULL;
	return &lk->ent[lk->byid[id - 1]];
}

const char *
wire_linker_name(const struct wire_linker *lk, int id)
{
	const struct lk_entity *e = lk_byid(lk, id);

	return e ? lk_str(lk, lk->m[e->canon].name) : "";
}

int
wire_linker_type(const struct wire_linker *lk, int id)
{
	const struct lk_entity *e = lk_byid(lk, id);

	return e ? e->type : -1;
}
