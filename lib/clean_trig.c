/*
 * clean_trig.c - which unanchored caption and boilerplate patterns a
 * paragraph needs tried, from the words the feature scan reads anyway.
 *
 * The byte scan of clean_lits.c looks for the patterns' literals at
 * every position of every paragraph of the article, and was a sixth of
 * wire-clean's time.  Nearly every literal holds a word that any text
 * containing it must hold as a whole run of ASCII letters and digits
 * ("all rights reserved": "rights"), or as the start or end of one
 * ("(photo": a run starting "photo"), or a symbol outside ASCII ("©").
 * The feature scan already splits each paragraph into such runs and
 * looks each one up in the stop-word table; the triggers ride on that
 * lookup, so a paragraph arrives at the pattern stage with the list of
 * patterns it may match.  Exactness is as the byte scan's: a trigger
 * missing means the pattern cannot match.  A text with a character
 * PCRE2 folds to an ASCII letter (K, long s) tries every pattern, and
 * when some literal has no trigger, both lists go back to the byte scan.
 */
#include <stdlib.h>
#include <string.h>

#include "clean_int.h"

static uint32_t
add_node(struct clean_trigs *t, int set, size_t lit, uint32_t next)
{
	t->node = wire_xreallocarray(t->node, t->nnode + 1, sizeof *t->node);
	t->node[t->nnode].set = (uint16_t)set;
	t->node[t->nnode].lit = (uint16_t)lit;
	t->node[t->nnode].next = next;
	return (uint32_t)++t->nnode;
}

static void
four_bit(uint8_t *set, const char *four)
{
	uint32_t k;
	unsigned b;

	memcpy(&k, four, 4);
	b = wire_clean_trig_bit(k);
	set[b >> 3] |= (uint8_t)(1u << (b & 7));
}

static void
add_word(struct wire_clean *c, int set, size_t li, const struct clean_trig_lit *l)
{
	int v = wire_clean_words_get(&c->stop, l->w, l->len);
	uint32_t head = add_node(&c->trigs, set, li, (uint32_t)v >> 1);

	wire_clean_words_add(&c->stop, l->w, l->len, (v & 1) | (int)(head << 1));
}

static void
add_edge(struct clean_trigs *t, int set, size_t li, const struct clean_trig_lit *l)
{
	int k = l->mode == TRIG_SUFFIX;
	size_t i;
	struct clean_trig_edge *e;

	for (i = 0; i < t->nedge[k]; i++)
		if (t->edge[k][i].len == l->len && memcmp(t->edge[k][i].w, l->w, l->len) == 0)
			break;
	if (i == t->nedge[k]) {
		t->edge[k] = wire_xreallocarray(t->edge[k], i + 1, sizeof *t->edge[k]);
		e = &t->edge[k][t->nedge[k]++];
		memset(e, 0, sizeof *e);
		memcpy(e->w, l->w, l->len);
		e->len = l->len;
		if (l->len >= 4)
			four_bit(t->four[k], k ? l->w + l->len - 4 : l->w);
		else
			t->short_edge = true;
	}
	e = &t->edge[k][i];
	e->head = add_node(t, set, li, e->head);
	t->any_edge = true;
}

static void
add_cp(struct clean_trigs *t, int set, size_t li, const struct clean_trig_lit *l)
{
	size_t i;

	if (l->cp < 0x80) {
		t->punct[l->cp] = add_node(t, set, li, t->punct[l->cp]);
		return;
	}
	for (i = 0; i < t->ncp && t->cp[i].cp != l->cp; i++)
		;
	if (i == t->ncp) {
		t->cp = wire_xreallocarray(t->cp, i + 1, sizeof *t->cp);
		t->cp[t->ncp].cp = l->cp;
		t->cp[t->ncp++].head = 0;
	}
	t->cp[i].head = add_node(t, set, li, t->cp[i].head);
}

/* Values above 1 in the stop table are triggers: a rebuild (after
 * --patterns) starts from the stop words alone. */
static void
clear_words(struct clean_words *w)
{
	size_t i;

	for (i = 0; i <= w->cap && w->key; i++)
		if (w->val[i] > 1)
			w->val[i] = 1;
}

void
wire_clean_trigs_build(struct wire_clean *c)
{
	struct clean_trigs *t = &c->trigs;
	struct clean_set *sets[2] = {&c->caption[1], &c->boiler[1]};
	int k;
	size_t i;

	clear_words(&c->stop);
	free(t->node);
	free(t->edge[0]);
	free(t->edge[1]);
	free(t->cp);
	t->node = NULL;
	t->edge[0] = t->edge[1] = NULL;
	t->cp = NULL;
	t->nnode = t->nedge[0] = t->nedge[1] = t->ncp = 0;
	memset(t->four, 0, sizeof t->four);
	memset(t->punct, 0, sizeof t->punct);
	t->any_edge = t->short_edge = false;
	t->usable = sets[0]->untriggered == 0 && sets[1]->untriggered == 0;
	for (k = 0; t->usable && k < 2; k++)
		for (i = 0; i < sets[k]->ntrig; i++) {
			const struct clean_trig_lit *l = &sets[k]->trig[i];

			if (l->mode == TRIG_WORD)
				add_word(c, k, i, l);
			else if (l->mode == TRIG_CP)
				add_cp(t, k, i, l);
			else
				add_edge(t, k, i, l);
		}
	t->ready = true;
}

void
wire_clean_trigs_free(struct clean_trigs *t)
{
	free(t->node);
	free(t->edge[0]);
	free(t->edge[1]);
	free(t->cp);
	free(t->hit);
	memset(t, 0, sizeof *t);
}

/* Prefixes and suffixes of the run; a run past 16 bytes, whose end the
 * key lacks, meets every suffix. */
void
wire_clean_trig_edges(struct wire_clean *c, const uint64_t key[2], size_t wl,
                      size_t end)
{
	struct clean_trigs *t = &c->trigs;
	const char *kb = (const char *)key;
	size_t i;

	for (i = 0; i < t->nedge[0]; i++) {
		const struct clean_trig_edge *e = &t->edge[0][i];

		if (wl >= e->len && memcmp(kb, e->w, e->len) == 0)
			wire_clean_trig_hit(c, e->head, end - wl);
	}
	for (i = 0; i < t->nedge[1]; i++) {
		const struct clean_trig_edge *e = &t->edge[1][i];

		if (wl > 16 || (wl >= e->len && memcmp(kb + wl - e->len, e->w, e->len) == 0))
			wire_clean_trig_hit(c, e->head, end);
	}
}

void
wire_clean_trig_cp(struct wire_clean *c, uint32_t cp, size_t pos)
{
	struct clean_trigs *t = &c->trigs;
	size_t i;

	for (i = 0; i < t->ncp; i++)
		if (t->cp[i].cp == cp)
			wire_clean_trig_hit(c, t->cp[i].head, pos);
}

/* Whether literal L of a trigger met at POS is in S (LEN bytes), ASCII
 * letters folded (a paragraph with a character folding to them tries
 * every pattern instead). */
static bool
literal_there(const struct clean_trig_lit *l, const char *s, size_t len, size_t pos)
{
	size_t i, at;

	if (pos < l->at || len - (pos - l->at) < l->litlen)
		return false;
	at = pos - l->at;
	for (i = 0; i < l->litlen; i++) {
		unsigned char ch = (unsigned char)s[at + i];

		if ((ch >= 'A' && ch <= 'Z' ? ch + 32 : ch) != (unsigned char)l->lit[i])
			return false;
	}
	return true;
}

bool
wire_clean_trig_match(struct wire_clean *c, int which, const struct clean_par *p)
{
	struct clean_set *s = which ? &c->boiler[1] : &c->caption[1];
	const struct clean_trigs *t = &c->trigs;
	const char *text = clean_par_text(c, p);
	size_t i;
	uint32_t j;

	if (s->n == 0)
		return false;
	if (!t->usable || p->len > WIRE_CLEAN_UNANCHORED_MAX)
		return wire_clean_set_match(s, text, p->len);
	wire_clean_set_begin(s);
	if (p->fold || p->len == 0)
		s->fold = true;
	else
		for (i = 0; i < p->nhit; i++) {
			const struct clean_trig_hit *h = &t->hit[p->hit_off + i];

			for (j = h->head; j != 0; j = t->node[j - 1].next) {
				const struct clean_trig_node *nd = &t->node[j - 1];
				const struct clean_trig_lit *l = &s->trig[nd->lit];

				if (nd->set == which && literal_there(l, text, p->len, h->pos))
					wire_clean_set_mark(s, l->pat);
			}
		}
	return wire_clean_set_run(s, text, p->len);
}
