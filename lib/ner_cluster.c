/*
 * Word clusters for the entity tagger by the exchange algorithm (Kneser &
 * Ney 1993; Martin, Liermann & Ney 1998): words are moved one at a time
 * to the class that most increases the likelihood of a class-bigram model
 * of the text,
 *
 *   F = sum N(c1,c2) log N(c1,c2) - sum Nl(c) log Nl(c) - sum Nr(c) log Nr(c)
 *
 * (N(c1,c2) class bigram counts, Nl and Nr their left and right
 * marginals).  Like Brown clusters it groups words that occur in the same
 * contexts (surnames, capitals, companies, months), which lets the tagger
 * generalise to names absent from its training data; unlike Brown's
 * agglomeration it costs O(classes x distinct neighbours) per word and
 * pass, a minute on the Reuters text.  Rare words (under MINCOUNT) share
 * one token; sentence boundaries are a token of their own.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wire.h"

struct vocab {
	uint64_t *key;   /* hash | 1, 0 empty */
	uint32_t *id;
	size_t cap;
	char **word;
	uint64_t *count;
	size_t n, wcap;
};

static uint32_t
vocab_id(struct vocab *v, const char *w, size_t len)
{
	uint64_t key = wire_hash64(w, len, 11) | 1;
	size_t i;

	if (2 * (v->n + 1) > v->cap) {
		size_t oc = v->cap, j;
		uint64_t *ok = v->key;
		uint32_t *oid = v->id;
		v->cap = oc ? oc * 2 : 1 << 16;
		v->key = wire_xcalloc(v->cap, sizeof *v->key);
		v->id = wire_xcalloc(v->cap, sizeof *v->id);
		for (j = 0; j < oc; j++) {
			if (!ok[j])
				continue;
			for (i = ok[j] & (v->cap - 1); v->key[i];
			     i = (i + 1) & (v->cap - 1))
				;
			v->key[i] = ok[j];
			v->id[i] = oid[j];
		}
		free(ok);
		free(oid);
	}
	for (i = key & (v->cap - 1); v->key[i]; i = (i + 1) & (v->cap - 1))
		if (v->key[i] == key)
			return v->id[i];
	if (v->n == v->wcap) {
		v->wcap = v->wcap ? v->wcap * 2 : 1 << 15;
		v->word = wire_xreallocarray(v->word, v->wcap, sizeof *v->word);
		v->count = wire_xreallocarray(v->count, v->wcap, sizeof *v->count);
	}
	v->key[i] = key;
	v->id[i] = (uint32_t)v->n;
	v->word[v->n] = wire_xstrndup(w, len);
	v->count[v->n] = 0;
	return (uint32_t)v->n++;
}

/* The corpus as word ids; id 0 is the sentence boundary. */
struct text {
	uint32_t *ids;
	size_t n, cap;
};

static void
text_push(struct text *t, uint32_t id)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 1 << 20;
		t->ids = wire_xreallocarray(t->ids, t->cap, sizeof *t->ids);
	}
	t->ids[t->n++] = id;
}

static void
add_word(struct vocab *v, struct text *t, struct wire_buf *norm, const char *w,
         size_t len)
{
	uint32_t id;

	wire_buf_clear(norm);
	wire_ner_norm(w, len, norm);
	id = vocab_id(v, norm->data, norm->len);
	v->count[id]++;
	text_push(t, id);
}

static bool
has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);
	return n >= k && strcmp(s + n - k, suf) == 0;
}

static void
read_file(const char *file, struct vocab *v, struct text *t)
{
	FILE *fp = fopen(file, "r");
	bool conll = has_suffix(file, ".iob1") || has_suffix(file, ".conll");
	struct wire_ner_token *tok = NULL;
	struct wire_buf norm = {0};
	size_t tcap = 0, cap = 0, i, nt;
	char *line = NULL;
	ssize_t n;

	if (!fp)
		wire_die("%s: %s", file, strerror(errno));
	while ((n = getline(&line, &cap, fp)) >= 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (conll) {
			size_t k = strcspn(line, " \t");
			if (n == 0 || strncmp(line, "-DOCSTART-", 10) == 0)
				text_push(t, 0);
			else
				add_word(v, t, &norm, line, k);
			continue;
		}
		nt = wire_ner_tokenize(line, (size_t)n, &tok, &tcap);
		for (i = 0; i < nt; i++)
			add_word(v, t, &norm, line + tok[i].start,
			         tok[i].end - tok[i].start);
		text_push(t, 0);
	}
	if (ferror(fp) || !feof(fp))
		wire_die("%s: %s", file, strerror(errno));
	fclose(fp);
	free(line);
	free(tok);
	wire_buf_free(&norm);
}

/* Neighbour lists in compressed rows: word w's successors are
 * succ[soff[w], soff[w + 1]) with counts scnt. */
struct graph {
	size_t nw;
	size_t *soff, *poff;
	uint32_t *succ, *pred;
	uint32_t *scnt, *pcnt;
	uint64_t *wl, *wr; /* word counts as left and right member */
};

struct bigram {
	uint64_t key; /* (a << 32 | b) + 1, 0 empty */
	uint32_t n;
};

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static void
build_graph(const uint32_t *ids, size_t n, size_t nw, struct graph *g)
{
	size_t cap = 1 << 20, used = 0, i, j, k;
	struct bigram *tab = wire_xcalloc(cap, sizeof *tab);
	uint64_t *keys;

	for (i = 0; i + 1 < n; i++) {
		uint64_t key = ((uint64_t)ids[i] << 32 | ids[i + 1]) + 1;
		if (2 * (used + 1) > cap) {
			struct bigram *old = tab;
			size_t oc = cap;
			cap *= 2;
			tab = wire_xcalloc(cap, sizeof *tab);
			for (j = 0; j < oc; j++) {
				if (!old[j].key)
					continue;
				for (k = wire_mix64(old[j].key) & (cap - 1); tab[k].key;
				     k = (k + 1) & (cap - 1))
					;
				tab[k] = old[j];
			}
			free(old);
		}
		for (k = wire_mix64(key) & (cap - 1); tab[k].key && tab[k].key != key;
		     k = (k + 1) & (cap - 1))
			;
		if (!tab[k].key) {
			tab[k].key = key;
			used++;
		}
		tab[k].n++;
	}
	/* sorted keys give each word's successors in a fixed order */
	keys = wire_xmalloc(used * sizeof *keys);
	for (i = 0, j = 0; i < cap; i++)
		if (tab[i].key)
			keys[j++] = tab[i].key;
	qsort(keys, used, sizeof *keys, cmp_u64);
	g->nw = nw;
	g->soff = wire_xcalloc(nw + 1, sizeof *g->soff);
	g->poff = wire_xcalloc(nw + 1, sizeof *g->poff);
	g->succ = wire_xmalloc(used * sizeof *g->succ);
	g->pred = wire_xmalloc(used * sizeof *g->pred);
	g->scnt = wire_xmalloc(used * sizeof *g->scnt);
	g->pcnt = wire_xmalloc(used * sizeof *g->pcnt);
	g->wl = wire_xcalloc(nw, sizeof *g->wl);
	g->wr = wire_xcalloc(nw, sizeof *g->wr);
	for (i = 0; i < used; i++) {
		uint64_t kk = keys[i] - 1;
		g->soff[(kk >> 32) + 1]++;
		g->poff[(kk & 0xFFFFFFFF) + 1]++;
	}
	for (i = 0; i < nw; i++) {
		g->soff[i + 1] += g->soff[i];
		g->poff[i + 1] += g->poff[i];
	}
	{
		size_t *sfill = wire_xcalloc(nw, sizeof *sfill);
		size_t *pfill = wire_xcalloc(nw, sizeof *pfill);
		for (i = 0; i < used; i++) {
			uint64_t kk = keys[i] - 1;
			uint32_t a = (uint32_t)(kk >> 32), b = (uint32_t)kk, cnt;
			for (k = wire_mix64(keys[i]) & (cap - 1); tab[k].key != keys[i];
			     k = (k + 1) & (cap - 1))
				;
			cnt = tab[k].n;
			j = g->soff[a] + sfill[a]++;
			g->succ[j] = b;
			g->scnt[j] = cnt;
			j = g->poff[b] + pfill[b]++;
			g->pred[j] = a;
			g->pcnt[j] = cnt;
			g->wl[a] += cnt;
			g->wr[b] += cnt;
		}
		free(sfill);
		free(pfill);
	}
	free(keys);
	free(tab);
}

static void
graph_free(struct graph *g)
{
	free(g->soff);
	free(g->poff);
	free(g->succ);
	free(g->pred);
	free(g->scnt);
	free(g->pcnt);
	free(g->wl);
	free(g->wr);
}

/* x log x of the counts, from a table for the small ones (most of them):
 * the exchange loop spends its time here. */
#define XLOG_TAB (1u << 21)
static double *xlog_tab;

static inline double
xlogx(int64_t x)
{
	if (x < (int64_t)XLOG_TAB)
		return xlog_tab[x];
	return (double)x * log((double)x);
}

static void
xlog_init(void)
{
	uint32_t i;

	if (xlog_tab)
		return;
	xlog_tab = wire_xmalloc(XLOG_TAB * sizeof *xlog_tab);
	xlog_tab[0] = 0;
	for (i = 1; i < XLOG_TAB; i++)
		xlog_tab[i] = (double)i * log((double)i);
}

/* Exchange clustering of the graph's words into K classes; CLS gets the
 * class of each word.  Word 0 (the boundary) keeps class 0 alone... it
 * takes part like any word; it simply ends up with the punctuation. */
static void
exchange(const struct graph *g, int K, int passes, uint32_t *cls,
         const uint32_t *order, bool verbose)
{
	int64_t *N = wire_xcalloc((size_t)K * K, sizeof *N);
	int64_t *Nt = wire_xcalloc((size_t)K * K, sizeof *Nt); /* transposed */
	int64_t *Nl = wire_xcalloc((size_t)K, sizeof *Nl);
	int64_t *Nr = wire_xcalloc((size_t)K, sizeof *Nr);
	int64_t *to = wire_xcalloc((size_t)K, sizeof *to);
	int64_t *from = wire_xcalloc((size_t)K, sizeof *from);
	int *nzto = wire_xmalloc((size_t)K * sizeof *nzto);
	int *nzfrom = wire_xmalloc((size_t)K * sizeof *nzfrom);
	size_t w, i, r;
	int p, b, c;

	xlog_init();
	for (r = 0; r < g->nw; r++)
		cls[order[r]] = (uint32_t)(r % (size_t)K);
	for (w = 0; w < g->nw; w++) {
		for (i = g->soff[w]; i < g->soff[w + 1]; i++)
		{
			N[(size_t)cls[w] * K + cls[g->succ[i]]] += g->scnt[i];
			Nt[(size_t)cls[g->succ[i]] * K + cls[w]] += g->scnt[i];
		}
		Nl[cls[w]] += (int64_t)g->wl[w];
		Nr[cls[w]] += (int64_t)g->wr[w];
	}
	for (p = 0; p < passes; p++) {
		size_t moved = 0;
		for (r = 0; r < g->nw; r++) {
			int a, best, nto = 0, nfrom = 0, k;
			int64_t self = 0, wl, wr;
			double bestd;

			w = order[r];
			a = (int)cls[w];
			wl = (int64_t)g->wl[w];
			wr = (int64_t)g->wr[w];
			for (i = g->soff[w]; i < g->soff[w + 1]; i++) {
				if (g->succ[i] == w) {
					self += g->scnt[i];
					continue;
				}
				c = (int)cls[g->succ[i]];
				if (to[c] == 0)
					nzto[nto++] = c;
				to[c] += g->scnt[i];
			}
			for (i = g->poff[w]; i < g->poff[w + 1]; i++) {
				if (g->pred[i] == w)
					continue;
				c = (int)cls[g->pred[i]];
				if (from[c] == 0)
					nzfrom[nfrom++] = c;
				from[c] += g->pcnt[i];
			}
			/* take w out of a */
			for (k = 0; k < nto; k++) {
				N[(size_t)a * K + nzto[k]] -= to[nzto[k]];
				Nt[(size_t)nzto[k] * K + a] -= to[nzto[k]];
			}
			for (k = 0; k < nfrom; k++) {
				N[(size_t)nzfrom[k] * K + a] -= from[nzfrom[k]];
				Nt[(size_t)a * K + nzfrom[k]] -= from[nzfrom[k]];
			}
			N[(size_t)a * K + a] -= self;
			Nt[(size_t)a * K + a] -= self;
			Nl[a] -= wl;
			Nr[a] -= wr;
			/* the class that gains most */
			best = a;
			bestd = -INFINITY;
			for (b = 0; b < K; b++) {
				double d = 0;
				const int64_t *row = N + (size_t)b * K;
				const int64_t *col = Nt + (size_t)b * K;
				for (k = 0; k < nto; k++) {
					c = nzto[k];
					if (c != b)
						d += xlogx((row[c] + to[c])) -
						     xlogx(row[c]);
				}
				for (k = 0; k < nfrom; k++) {
					int64_t v;
					c = nzfrom[k];
					if (c == b)
						continue;
					v = col[c];
					d += xlogx((v + from[c])) - xlogx(v);
				}
				d += xlogx((row[b] + to[b] + from[b] + self)) -
				     xlogx(row[b]);
				d -= xlogx((Nl[b] + wl)) - xlogx(Nl[b]);
				d -= xlogx((Nr[b] + wr)) - xlogx(Nr[b]);
				if (d > bestd + 1e-9) {
					bestd = d;
					best = b;
				}
			}
			/* put w into best */
			for (k = 0; k < nto; k++) {
				N[(size_t)best * K + nzto[k]] += to[nzto[k]];
				Nt[(size_t)nzto[k] * K + best] += to[nzto[k]];
			}
			for (k = 0; k < nfrom; k++) {
				N[(size_t)nzfrom[k] * K + best] += from[nzfrom[k]];
				Nt[(size_t)best * K + nzfrom[k]] += from[nzfrom[k]];
			}
			N[(size_t)best * K + best] += self;
			Nt[(size_t)best * K + best] += self;
			Nl[best] += wl;
			Nr[best] += wr;
			if (best != a) {
				moved++;
				cls[w] = (uint32_t)best;
			}
			for (k = 0; k < nto; k++)
				to[nzto[k]] = 0;
			for (k = 0; k < nfrom; k++)
				from[nzfrom[k]] = 0;
		}
		if (verbose)
			fprintf(stderr, "%s: %d classes, pass %d: %zu words moved\n",
			        wire_progname, K, p + 1, moved);
		if (moved < g->nw / 1000)
			break;
	}
	free(N);
	free(Nt);
	free(Nl);
	free(Nr);
	free(to);
	free(from);
	free(nzto);
	free(nzfrom);
}

static const struct vocab *sort_vocab;

/* Frequent words first, then byte order: a fixed order for a fixed
 * result. */
static int
cmp_freq(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	const struct vocab *v = sort_vocab;

	if (v->count[x] != v->count[y])
		return v->count[x] > v->count[y] ? -1 : 1;
	return strcmp(v->word[x], v->word[y]);
}

void
wire_ner_clusters_build(char *const *files, size_t nfiles, int mincount,
                        int coarse, int fine, const char *output, bool verbose)
{
	struct vocab v = {0};
	struct text t = {0};
	struct graph g = {0};
	uint32_t *remap, *order, *c1, *c2, nw = 1;
	size_t i;
	FILE *fp;

	vocab_id(&v, "<s>", 3); /* id 0: sentence boundary */
	for (i = 0; i < nfiles; i++)
		read_file(files[i], &v, &t);
	v.count[0] = (uint64_t)-1; /* sorts first */
	/* kept words get ids 1..nw-1 by frequency; rare words id nw */
	order = wire_xmalloc(v.n * sizeof *order);
	for (i = 0; i < v.n; i++)
		order[i] = (uint32_t)i;
	sort_vocab = &v;
	qsort(order, v.n, sizeof *order, cmp_freq);
	remap = wire_xmalloc(v.n * sizeof *remap);
	for (i = 0; i < v.n; i++)
		if (order[i] == 0 || v.count[order[i]] >= (uint64_t)mincount)
			remap[order[i]] = order[i] == 0 ? 0 : nw++;
	for (i = 0; i < v.n; i++)
		if (order[i] != 0 && v.count[order[i]] < (uint64_t)mincount)
			remap[order[i]] = nw;
	for (i = 0; i < t.n; i++)
		t.ids[i] = remap[t.ids[i]];
	if (verbose)
		fprintf(stderr, "%s: %zu tokens, %u words kept of %zu\n",
		        wire_progname, t.n, nw - 1, v.n - 1);
	build_graph(t.ids, t.n, nw + 1, &g);
	{
		uint32_t *ord = wire_xmalloc((nw + 1) * sizeof *ord);
		for (i = 0; i <= nw; i++)
			ord[i] = (uint32_t)i; /* ids are already by frequency */
		c1 = wire_xmalloc((nw + 1) * sizeof *c1);
		c2 = wire_xmalloc((nw + 1) * sizeof *c2);
		exchange(&g, coarse, 20, c1, ord, verbose);
		exchange(&g, fine, 12, c2, ord, verbose);
		free(ord);
	}
	if (!(fp = fopen(output, "w")))
		wire_die("%s: %s", output, strerror(errno));
	fprintf(fp, "# word clusters: wire-tag-entities --build-clusters, "
	            "%d and %d classes, words seen %d times or more\n",
	        coarse, fine, mincount);
	for (i = 0; i < v.n; i++) {
		uint32_t id = order[i];
		if (id == 0 || v.count[id] < (uint64_t)mincount)
			continue;
		if (strchr(v.word[id], '\t'))
			continue;
		fprintf(fp, "%s\t%u\t%u\n", v.word[id], c1[remap[id]],
		        c2[remap[id]]);
	}
	if (ferror(fp) | (fclose(fp) != 0))
		wire_die("%s: write error", output);
	for (i = 0; i < v.n; i++)
		free(v.word[i]);
	free(v.word);
	free(v.count);
	free(v.key);
	free(v.id);
	free(t.ids);
	free(remap);
	free(order);
	free(c1);
	free(c2);
	graph_free(&g);
	free(xlog_tab);
	xlog_tab = NULL;
}
