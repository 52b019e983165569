/* The stream reader: one reused line buffer, fields split in place, a
 * field unescaped only when a program asks for it. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wire.h"

static void
grow_fields(struct wire_reader *r, size_t n)
{
	if (n <= r->fieldcap)
		return;
	/* Doubling: one field more at a time made a wide header quadratic
	 * wherever realloc copies (ASan, valgrind, other libcs). */
	r->fieldcap = r->fieldcap < 16 ? 16 : r->fieldcap;
	while (r->fieldcap < n)
		r->fieldcap *= 2;
	r->row.raw = wire_xreallocarray(r->row.raw, r->fieldcap, sizeof *r->row.raw);
	r->row.rawlen = wire_xreallocarray(r->row.rawlen, r->fieldcap,
	                                   sizeof *r->row.rawlen);
	r->escaped = wire_xreallocarray(r->escaped, r->fieldcap, 1);
}

/* Bytes read at a time, at least: stdio's default, the file system's
 * block (4 KB), made one system call for every 4 KB of a 100 MB stream,
 * 3% of wire-clean's time. */
#define READ_SIZE (64 * 1024)

/* Reads up to N bytes of the input to DST: with read(2), or through
 * stdio for a stream without a descriptor (fmemopen).  Returns the bytes
 * read, 0 at the end, -1 on an error (errno). */
static ssize_t
read_some(struct wire_reader *r, char *dst, size_t n)
{
	ssize_t got;
	size_t k;

	if (r->fd >= 0) {
		do
			got = read(r->fd, dst, n);
		while (got < 0 && errno == EINTR);
		return got;
	}
	errno = 0;
	k = fread(dst, 1, n, r->fp);
	if (k == 0 && ferror(r->fp)) {
		if (errno == 0)
			errno = EIO;
		return -1;
	}
	return (ssize_t)k;
}

/* Reads more of the input after the unread bytes, which move to the
 * front of the buffer first; returns false at the end of the input. */
static bool
fill(struct wire_reader *r)
{
	size_t keep = r->end - r->start;
	ssize_t n;

	if (r->start > 0) {
		memmove(r->buf, r->buf + r->start, keep);
		r->scan -= r->start;
		r->start = 0;
		r->end = keep;
	}
	/* room for a NUL after the last byte read */
	if (r->bufcap - r->end < READ_SIZE + 1) {
		r->bufcap = r->bufcap ? 2 * r->bufcap : READ_SIZE + 1;
		while (r->bufcap - r->end < READ_SIZE + 1)
			r->bufcap *= 2;
		r->buf = wire_xrealloc(r->buf, r->bufcap);
	}
	n = read_some(r, r->buf + r->end, r->bufcap - r->end - 1);
	if (n < 0)
		wire_die_at(r->name, r->lineno + 1, "read error: %s", strerror(errno));
	r->end += (size_t)n;
	return n > 0;
}

/* Reads one line without its LF (and a CR before it), in place in the
 * buffer: a row is read once and never copied.  Returns its length or -1
 * at the end of the input. */
static ssize_t
read_line(struct wire_reader *r)
{
	char *nl;
	size_t n;

	while (r->scan == r->end || !(nl = memchr(r->buf + r->scan, '\n', r->end - r->scan))) {
		r->scan = r->end;
		if (!fill(r)) {
			if (r->start == r->end)
				return -1;
			nl = r->buf + r->end; /* a last line without LF */
			break;
		}
	}
	r->line = r->buf + r->start;
	n = (size_t)(nl - r->line);
	*nl = '\0';
	r->start = r->scan = r->start + n + (nl < r->buf + r->end);
	r->lineno++;
	if (n > 0 && r->line[n - 1] == '\r')
		r->line[--n] = '\0';
	return (ssize_t)n;
}

/* Which field of the current line holds byte OFF (for messages). */
static size_t
field_at(const char *line, size_t off)
{
	size_t i, field = 0;

	for (i = 0; i < off; i++)
		field += line[i] == '\t' || line[i] == '\0';
	return field;
}

static const char *
field_label(struct wire_reader *r, size_t field)
{
	wire_buf_clear(&r->msg);
	if (r->colnames && field < r->ncols)
		wire_buf_printf(&r->msg, "column '%s'", r->colnames[field]);
	else
		wire_buf_printf(&r->msg, "field %zu", field + 1);
	return r->msg.data;
}

/* Dies on a NUL, a CR or invalid UTF-8 in the line's N bytes. */
static void
check_bytes(struct wire_reader *r, size_t n)
{
	const char *p;
	size_t bad;

	if (wire_utf8_clean(r->line, n))
		return;
	/* each check in turn, to report the first error */

	if ((p = memchr(r->line, '\0', n)))
		wire_die_at(r->name, r->lineno, "NUL byte in %s",
		            field_label(r, field_at(r->line, (size_t)(p - r->line))));
	if ((p = memchr(r->line, '\r', n)))
		wire_die_at(r->name, r->lineno,
		            "unescaped carriage return in %s (write it as \\r)",
		            field_label(r, field_at(r->line, (size_t)(p - r->line))));
	if (!wire_utf8_valid(r->line, n, &bad))
		wire_die_at(r->name, r->lineno, "invalid UTF-8 in %s",
		            field_label(r, field_at(r->line, bad)));
}

/* Splits the line at TABs in place; returns the number of fields. */
static size_t
split_fields(struct wire_reader *r, size_t n)
{
	char *p = r->line, *end = r->line + n, *tab;
	size_t count = 0;

	for (;;) {
		grow_fields(r, count + 1);
		tab = memchr(p, '\t', (size_t)(end - p));
		if (!tab)
			tab = end;
		*tab = '\0';
		r->row.raw[count] = p;
		r->row.rawlen[count] = (size_t)(tab - p);
		r->escaped[count] = memchr(p, '\\', (size_t)(tab - p)) != NULL;
		count++;
		if (tab == end)
			break;
		p = tab + 1;
	}
	return count;
}

/* Unescapes field I of the row into its buffer, or dies. */
static void
cook(struct wire_reader *r, size_t i)
{
	size_t bad;

	wire_buf_clear(&r->cooked[i]);
	if (wire_unescape(r->row.raw[i], r->row.rawlen[i], &r->cooked[i], &bad) < 0)
		wire_die_at(r->name, r->lineno,
		            "bad escape '\\%.1s' in %s (only \\t \\n \\r \\\\ are defined)",
		            r->row.raw[i] + bad + 1, field_label(r, i));
	r->cooked_at[i] = r->serial;
}

static void
check_escapes(struct wire_reader *r, size_t nfields)
{
	size_t i;

	for (i = 0; i < nfields; i++)
		if (r->escaped[i] && !r->deferred[i])
			cook(r, i);
}

/* A hash set, not a pairwise comparison: a million-column header takes
 * a second, not an hour.  The set is freed before dying. */
static void
check_duplicates(struct wire_reader *r)
{
	struct wire_wordset seen;
	const char *dup = NULL;
	size_t i, len;

	wire_wordset_init(&seen);
	for (i = 0; i < r->ncols && !dup; i++) {
		len = strlen(r->colnames[i]);
		if (wire_wordset_has(&seen, r->colnames[i], len))
			dup = r->colnames[i];
		else
			wire_wordset_add(&seen, r->colnames[i], len);
	}
	wire_wordset_free(&seen);
	if (dup)
		wire_die_at(r->name, 1, "duplicate column '%s' in header", dup);
}

static void
read_header(struct wire_reader *r)
{
	ssize_t n = read_line(r);
	size_t i;
	/* The reader's own message buffer, not a local: a die below then
	 * leaves nothing unfreed for a fuzz harness that survives it. */
	struct wire_buf *name = &r->msg;

	if (n < 0)
		wire_die_at(r->name, 0, "empty input: no header line");
	/* A BOM from a spreadsheet export is not part of the first name. */
	if (n >= 3 && memcmp(r->line, "\xEF\xBB\xBF", 3) == 0) {
		r->line += 3;
		n -= 3;
	}
	check_bytes(r, (size_t)n);
	r->ncols = split_fields(r, (size_t)n);
	r->colnames = wire_xcalloc(r->ncols, sizeof *r->colnames);
	r->cooked = wire_xcalloc(r->ncols, sizeof *r->cooked);
	r->cooked_at = wire_xcalloc(r->ncols, sizeof *r->cooked_at);
	r->deferred = wire_xcalloc(r->ncols, 1);
	for (i = 0; i < r->ncols; i++) {
		wire_buf_clear(name);
		if (wire_unescape(r->row.raw[i], r->row.rawlen[i], name, NULL) < 0)
			wire_die_at(r->name, 1, "bad escape in header field %zu", i + 1);
		if (name->len == 0)
			wire_die_at(r->name, 1, "empty column name in header field %zu",
			            i + 1);
		r->colnames[i] = wire_xstrndup(name->data, name->len);
	}
	check_duplicates(r);
	r->row.nfields = 0;
	r->header_only = true;
}

void
wire_reader_open(struct wire_reader *r, const char *path)
{
	memset(r, 0, sizeof *r);
	if (!path || strcmp(path, "-") == 0) {
		r->path = "-";
		r->name = "stdin";
		r->fp = stdin;
	} else {
		r->path = r->name = path;
		r->fp = fopen(path, "r");
		if (!r->fp)
			wire_die("%s: %s", path, strerror(errno));
	}
	r->fd = fileno(r->fp);
	read_header(r);
}

void
wire_reader_close(struct wire_reader *r)
{
	size_t i;

	if (r->fp && r->fp != stdin)
		fclose(r->fp);
	for (i = 0; i < r->ncols; i++) {
		free(r->colnames[i]);
		wire_buf_free(&r->cooked[i]);
	}
	free(r->colnames);
	free(r->cooked);
	free(r->cooked_at);
	free(r->deferred);
	free(r->row.raw);
	free(r->row.rawlen);
	free(r->escaped);
	free(r->buf);
	wire_buf_free(&r->msg);
	memset(r, 0, sizeof *r);
}

int
wire_reader_col(const struct wire_reader *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->ncols; i++)
		if (strcmp(r->colnames[i], name) == 0)
			return (int)i;
	return -1;
}

int
wire_reader_require(const struct wire_reader *r, const char *name)
{
	int col = wire_reader_col(r, name);

	if (col < 0)
		wire_die_at(r->name, 1, "missing column '%s' in header", name);
	return col;
}

bool
wire_reader_next(struct wire_reader *r)
{
	ssize_t n;
	size_t nfields;

	if (r->pushed_back) {
		r->pushed_back = false;
		return true;
	}
	n = read_line(r);
	if (n < 0) {
		r->row.nfields = 0;
		return false;
	}
	r->header_only = false;
	r->serial++;
	check_bytes(r, (size_t)n);
	nfields = split_fields(r, (size_t)n);
	if (nfields != r->ncols)
		wire_die_at(r->name, r->lineno, "expected %zu field%s, found %zu",
		            r->ncols, r->ncols == 1 ? "" : "s", nfields);
	check_escapes(r, nfields);
	r->row.nfields = nfields;
	return true;
}

void
wire_reader_unread(struct wire_reader *r)
{
	if (r->row.nfields)
		r->pushed_back = true;
}

const char *
wire_field(struct wire_reader *r, int col, size_t *len)
{
	size_t c = (size_t)col;

	if (col < 0 || c >= r->row.nfields) {
		if (len)
			*len = 0;
		return "";
	}
	if (!r->escaped[c]) {
		if (len)
			*len = r->row.rawlen[c];
		return r->row.raw[c];
	}
	/* check_escapes unescaped it for this row, unless deferred */
	if (r->cooked_at[c] != r->serial)
		cook(r, c);
	if (len)
		*len = r->cooked[c].len;
	return r->cooked[c].data;
}

void
wire_reader_defer(struct wire_reader *r, int col)
{
	if (col >= 0 && (size_t)col < r->ncols)
		r->deferred[col] = 1;
}

const char *
wire_field_raw(const struct wire_reader *r, int col, size_t *len)
{
	size_t c = (size_t)col;

	if (col < 0 || c >= r->row.nfields) {
		if (len)
			*len = 0;
		return "";
	}
	if (len)
		*len = r->row.rawlen[c];
	return r->row.raw[c];
}

bool
wire_reader_same_header(const struct wire_reader *r1,
                        const struct wire_reader *r2)
{
	size_t i;

	if (r1->ncols != r2->ncols)
		return false;
	for (i = 0; i < r1->ncols; i++)
		if (strcmp(r1->colnames[i], r2->colnames[i]) != 0)
			return false;
	return true;
}
