/* Output schema of a filter: input columns pass through in order, some
 * replaced, new ones appended on the right. */
#include <stdlib.h>
#include <string.h>

#include "wire.h"

static void
grow(struct wire_out *o, size_t n)
{
	o->names = wire_xreallocarray(o->names, n, sizeof *o->names);
	o->src = wire_xreallocarray(o->src, n, sizeof *o->src);
	o->val = wire_xreallocarray(o->val, n, sizeof *o->val);
	o->ref = wire_xreallocarray(o->ref, n, sizeof *o->ref);
	o->reflen = wire_xreallocarray(o->reflen, n, sizeof *o->reflen);
	o->isset = wire_xreallocarray(o->isset, n, sizeof *o->isset);
	o->held = wire_xreallocarray(o->held, n, sizeof *o->held);
}

void
wire_out_init(struct wire_out *o, struct wire_writer *w,
              const struct wire_reader *r)
{
	size_t i;

	memset(o, 0, sizeof *o);
	o->w = w;
	o->nin = r ? r->ncols : 0;
	o->ncols = o->nin;
	grow(o, o->ncols + 1);
	o->dropped = wire_xcalloc(o->nin + 1, sizeof *o->dropped);
	for (i = 0; i < o->nin; i++) {
		o->names[i] = wire_xstrdup(r->colnames[i]);
		o->src[i] = (int)i;
		memset(&o->val[i], 0, sizeof o->val[i]);
		o->ref[i] = NULL;
		o->isset[i] = false;
		o->held[i] = false;
	}
}

int
wire_out_add(struct wire_out *o, const char *name)
{
	size_t i;

	for (i = 0; i < o->ncols; i++)
		if (strcmp(o->names[i], name) == 0) {
			if (o->src[i] >= 0)
				o->dropped[o->src[i]] = false;
			return (int)i;
		}
	grow(o, o->ncols + 1);
	o->names[o->ncols] = wire_xstrdup(name);
	o->src[o->ncols] = -1;
	memset(&o->val[o->ncols], 0, sizeof o->val[o->ncols]);
	o->ref[o->ncols] = NULL;
	o->isset[o->ncols] = false;
	o->held[o->ncols] = false;
	return (int)o->ncols++;
}

void
wire_out_drop(struct wire_out *o, const char *name)
{
	size_t i;

	for (i = 0; i < o->ncols; i++)
		if (strcmp(o->names[i], name) == 0 && o->src[i] >= 0)
			o->dropped[o->src[i]] = true;
}

static bool
is_dropped(const struct wire_out *o, size_t col)
{
	return o->src[col] >= 0 && o->dropped[o->src[col]];
}

void
wire_out_header(struct wire_out *o)
{
	size_t i;

	for (i = 0; i < o->ncols; i++)
		if (!is_dropped(o, i))
			wire_put_str(o->w, o->names[i]);
	wire_end_row(o->w);
}

/* Column COL is set: a held one changes the frozen rows' template, any
 * other is one more set for this row. */
static void
mark_set(struct wire_out *o, int col)
{
	if (o->held[col])
		o->tmpl_ok = false;
	else if (!o->isset[col])
		o->nloose++;
	o->isset[col] = true;
}

void
wire_out_set(struct wire_out *o, int col, const char *s, size_t len)
{
	wire_buf_clear(&o->val[col]);
	wire_escape(s, len, &o->val[col]);
	o->ref[col] = NULL;
	mark_set(o, col);
}

void
wire_out_set_ref(struct wire_out *o, int col, const char *s, size_t len)
{
	o->ref[col] = s;
	o->reflen[col] = len;
	mark_set(o, col);
}

void
wire_out_set_str(struct wire_out *o, int col, const char *s)
{
	wire_out_set(o, col, s, strlen(s));
}

void
wire_out_set_ulong(struct wire_out *o, int col, unsigned long v)
{
	wire_buf_clear(&o->val[col]);
	wire_buf_printf(&o->val[col], "%lu", v);
	o->ref[col] = NULL;
	mark_set(o, col);
}

void
wire_out_hold(struct wire_out *o, int col, bool hold)
{
	if (hold && !o->held[col] && o->isset[col])
		o->nloose--;
	o->held[col] = hold;
	if (!hold)
		o->isset[col] = false;
	o->tmpl_ok = false;
}

/* Appends column I's value for the row from SRC to B. */
static void
put_value(const struct wire_out *o, size_t i, const struct wire_row *src, struct wire_buf *b)
{
	int s = o->src[i];

	if (o->isset[i] && o->ref[i])
		wire_escape(o->ref[i], o->reflen[i], b);
	else if (o->isset[i])
		wire_buf_add(b, o->val[i].data, o->val[i].len);
	else if (s >= 0 && src && (size_t)s < src->nfields)
		wire_buf_add(b, src->raw[s], src->rawlen[s]);
}

/* The template of the frozen rows: the bytes before each column set for
 * the row (a piece), and after the last one. */
static void
build_template(struct wire_out *o, const struct wire_row *src)
{
	size_t i, from = 0;
	bool first = true;

	wire_buf_clear(&o->tmpl);
	o->npiece = 0;
	for (i = 0; i <= o->ncols; i++) {
		bool vary = i < o->ncols && o->isset[i] && !o->held[i];

		if (i < o->ncols && is_dropped(o, i))
			continue;
		if (i < o->ncols && !first)
			wire_buf_addc(&o->tmpl, '\t');
		first = false;
		if (i < o->ncols && !vary) {
			put_value(o, i, src, &o->tmpl);
			continue;
		}
		if (o->npiece == o->piececap) {
			o->piececap = o->piececap ? 2 * o->piececap : 8;
			o->piece = wire_xreallocarray(o->piece, o->piececap, sizeof *o->piece);
		}
		o->piece[o->npiece].off = from;
		o->piece[o->npiece].len = o->tmpl.len - from;
		o->piece[o->npiece++].col = i < o->ncols ? (int)i : -1;
		from = o->tmpl.len;
	}
	o->tmpl_ok = true;
}

/* Whether the template holds for this row: the same columns set. */
static bool
template_fits(const struct wire_out *o)
{
	size_t k;

	if (o->nloose != o->npiece - 1)
		return false;
	for (k = 0; k + 1 < o->npiece; k++)
		if (!o->isset[o->piece[k].col])
			return false;
	return true;
}

void
wire_out_row(struct wire_out *o, const struct wire_row *src)
{
	struct wire_buf *b = &o->w->out;
	size_t i, k;

	if (o->frozen && src == o->fsrc && !o->w->row_open) {
		if (!o->tmpl_ok)
			build_template(o, src);
		if (template_fits(o)) {
			for (k = 0; k < o->npiece; k++) {
				wire_buf_add(b, o->tmpl.data + o->piece[k].off, o->piece[k].len);
				if (o->piece[k].col >= 0) {
					put_value(o, (size_t)o->piece[k].col, src, b);
					o->isset[o->piece[k].col] = false;
				}
			}
			o->nloose = 0;
			wire_end_row(o->w);
			return;
		}
	}
	/* the writer's buffer directly: a call per field was a tenth of
	 * wire-clean's output time */
	for (i = 0; i < o->ncols; i++) {
		if (is_dropped(o, i))
			continue;
		if (o->w->row_open)
			wire_buf_addc(b, '\t');
		o->w->row_open = true;
		put_value(o, i, src, b);
	}
	for (i = 0; i < o->ncols; i++)
		o->isset[i] = o->isset[i] && o->held[i];
	o->nloose = 0;
	wire_end_row(o->w);
}

void
wire_out_freeze(struct wire_out *o, const struct wire_row *src)
{
	o->frozen = true;
	o->fsrc = src;
	o->tmpl_ok = false;
}

void
wire_out_thaw(struct wire_out *o)
{
	o->frozen = false;
}

void
wire_out_free(struct wire_out *o)
{
	size_t i;

	for (i = 0; i < o->ncols; i++) {
		free(o->names[i]);
		wire_buf_free(&o->val[i]);
	}
	free(o->names);
	free(o->src);
	free(o->val);
	free(o->ref);
	free(o->reflen);
	free(o->piece);
	wire_buf_free(&o->tmpl);
	free(o->isset);
	free(o->held);
	free(o->dropped);
	memset(o, 0, sizeof *o);
}
