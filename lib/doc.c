/* One document's rows held at once: the raw bytes of every row in one
 * buffer, reused from document to document. */
#include <stdlib.h>
#include <string.h>

#include "wire.h"

static void
keep_row(struct wire_doc *d, const struct wire_reader *r)
{
	size_t i, base;

	if (d->nrows == d->rowcap) {
		d->rowcap = d->rowcap ? d->rowcap * 2 : 64;
		d->offs = wire_xreallocarray(d->offs, d->rowcap * r->ncols + 1,
		                             sizeof *d->offs);
		d->lineno = wire_xreallocarray(d->lineno, d->rowcap,
		                               sizeof *d->lineno);
	}
	base = d->nrows * r->ncols;
	for (i = 0; i < r->ncols; i++) {
		d->offs[base + i] = d->bytes.len;
		/* Keep the NUL so the stored fields stay C strings. */
		wire_buf_add(&d->bytes, r->row.raw[i], r->row.rawlen[i] + 1);
	}
	d->lineno[d->nrows] = r->lineno;
	d->nrows++;
}

/* Pointers are made only once the document is complete: the byte buffer
 * may move while it grows. */
static void
make_rows(struct wire_doc *d)
{
	size_t i, j, k;

	if (d->nrows * d->ncols > d->ptrcap) {
		d->ptrcap = d->nrows * d->ncols;
		d->ptrs = wire_xreallocarray(d->ptrs, d->ptrcap, sizeof *d->ptrs);
		d->lens = wire_xreallocarray(d->lens, d->ptrcap, sizeof *d->lens);
	}
	d->rows = wire_xreallocarray(d->rows, d->nrows ? d->nrows : 1,
	                             sizeof *d->rows);
	for (i = 0; i < d->nrows; i++) {
		for (j = 0; j < d->ncols; j++) {
			k = i * d->ncols + j;
			d->ptrs[k] = d->bytes.data + d->offs[k];
			d->lens[k] = strlen(d->ptrs[k]);
		}
		d->rows[i].nfields = d->ncols;
		d->rows[i].raw = d->ptrs + i * d->ncols;
		d->rows[i].rawlen = d->lens + i * d->ncols;
	}
}

static bool
same_doc(const struct wire_doc *d, const struct wire_reader *r, int doc_col)
{
	const char *first;

	if (doc_col < 0)
		return true;
	first = d->bytes.data + d->offs[(size_t)doc_col];
	return strcmp(first, r->row.raw[doc_col]) == 0;
}

bool
wire_doc_read(struct wire_doc *d, struct wire_reader *r, int doc_col)
{
	d->nrows = 0;
	d->ncols = r->ncols;
	wire_buf_clear(&d->bytes);
	while (wire_reader_next(r)) {
		if (d->nrows > 0 && !same_doc(d, r, doc_col)) {
			wire_reader_unread(r);
			break;
		}
		keep_row(d, r);
	}
	if (d->nrows == 0)
		return false;
	make_rows(d);
	return true;
}

const char *
wire_doc_field(const struct wire_doc *d, size_t row, int col,
               struct wire_buf *out)
{
	wire_buf_clear(out);
	if (row >= d->nrows || col < 0 || (size_t)col >= d->ncols)
		return out->data ? out->data : "";
	/* Stored fields were validated by the reader. */
	wire_unescape(d->rows[row].raw[col], d->rows[row].rawlen[col], out, NULL);
	if (!out->data)
		wire_buf_reserve(out, 0);
	return out->data;
}

void
wire_doc_free(struct wire_doc *d)
{
	wire_buf_free(&d->bytes);
	free(d->offs);
	free(d->lineno);
	free(d->rows);
	free(d->ptrs);
	free(d->lens);
	memset(d, 0, sizeof *d);
}
