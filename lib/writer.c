/* The stream writer: fields escaped into one buffer that goes out in
 * large writes; every write error is checked. */
#include <errno.h>
#include <string.h>

#include "wire.h"

#define WIRE_FLUSH_AT (1u << 16)

void
wire_writer_init(struct wire_writer *w, FILE *fp)
{
	memset(w, 0, sizeof *w);
	w->fp = fp;
	w->name = fp == stdout ? "standard output" : "output";
}

void
wire_writer_flush(struct wire_writer *w)
{
	if (w->out.len == 0)
		return;
	errno = 0;
	if (fwrite(w->out.data, 1, w->out.len, w->fp) != w->out.len)
		wire_write_error(w->name);
	wire_buf_clear(&w->out);
}

static void
separate(struct wire_writer *w)
{
	if (w->row_open)
		wire_buf_addc(&w->out, '\t');
	w->row_open = true;
}

void
wire_put(struct wire_writer *w, const char *s, size_t len)
{
	separate(w);
	wire_escape(s, len, &w->out);
}

void
wire_put_str(struct wire_writer *w, const char *s)
{
	wire_put(w, s, strlen(s));
}

void
wire_put_ulong(struct wire_writer *w, unsigned long v)
{
	separate(w);
	wire_buf_printf(&w->out, "%lu", v);
}

void
wire_put_double(struct wire_writer *w, double v, int decimals)
{
	separate(w);
	wire_buf_printf(&w->out, "%.*f", decimals, v);
}

void
wire_put_raw(struct wire_writer *w, const char *raw, size_t len)
{
	separate(w);
	wire_buf_add(&w->out, raw, len);
}

void
wire_end_row(struct wire_writer *w)
{
	wire_buf_addc(&w->out, '\n');
	w->row_open = false;
	if (w->out.len >= WIRE_FLUSH_AT)
		wire_writer_flush(w);
}

void
wire_writer_finish(struct wire_writer *w)
{
	wire_writer_flush(w);
	errno = 0;
	if (fflush(w->fp) != 0)
		wire_write_error(w->name);
	wire_buf_free(&w->out);
}
