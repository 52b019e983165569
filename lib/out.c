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

void
wire_out_set(struct wire_out *o, int col, const char *s, size_t len)
{
	wire_buf_clear(&o->val[col]);
	wire_escape(s, len, &o->val[col]);
	o->ref[col] = NULL;
	o->isset[col] = true;
}

void
wire_out_set_ref(struct wire_out *o, int col, const char *s, size_t len)
{
	o->ref[col] = s;
	o->reflen[col] = len;
	o->isset[col] = true;
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
	o->isset[col] = true;
}

void
wire_out_hold(struct wire_out *o, int col, bool hold)
{
	o->held[col] = hold;
	if (!hold)
		o->isset[col] = false;
}

void
wire_out_row(struct wire_out *o, const struct wire_row *src)
{
	struct wire_buf *b = &o->w->out;
	size_t i;
	int s;

	/* the writer's buffer directly: a call per field was a tenth of
	 * wire-clean's output time */
	for (i = 0; i < o->ncols; i++) {
		if (is_dropped(o, i))
			continue;
		if (o->w->row_open)
			wire_buf_addc(b, '\t');
		o->w->row_open = true;
		s = o->src[i];
		if (o->isset[i] && o->ref[i])
			wire_escape(o->ref[i], o->reflen[i], b);
		else if (o->isset[i])
			wire_buf_add(b, o->val[i].data, o->val[i].len);
		else if (s >= 0 && src && (size_t)s < src->nfields)
			wire_buf_add(b, src->raw[s], src->rawlen[s]);
		o->isset[i] = o->isset[i] && o->held[i];
	}
	wire_end_row(o->w);
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
	free(o->isset);
	free(o->held);
	free(o->dropped);
	memset(o, 0, sizeof *o);
}
