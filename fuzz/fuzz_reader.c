/*
 * The stream reader (reader.c) and the document reader (doc.c) on any
 * bytes.  The contract: the reader either dies with a message (a
 * finding-free end, see fuzz.h) or yields rows with as many fields as the
 * header, each field free of NUL, valid UTF-8, and escaping back to its
 * raw form exactly.  The first input byte chooses row or document mode.
 */
#include "fuzz.h"

static struct wire_reader r;
static struct wire_doc d;
static struct wire_buf esc, cell;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_models();
	return 0;
}

static void
check_field(const char *raw, size_t rawlen, const char *s, size_t len)
{
	FUZZ_CHECK(strlen(s) == len);
	FUZZ_CHECK(wire_utf8_valid(s, len, NULL));
	wire_buf_clear(&esc);
	wire_escape(s, len, &esc);
	FUZZ_CHECK(esc.len == rawlen && memcmp(esc.data, raw, rawlen) == 0);
}

static void
rows(void)
{
	size_t i, len;
	const char *s;
	unsigned long n = 0;

	while (wire_reader_next(&r)) {
		FUZZ_CHECK(r.row.nfields == r.ncols);
		for (i = 0; i < r.ncols; i++) {
			s = wire_field(&r, (int)i, &len);
			check_field(r.row.raw[i], r.row.rawlen[i], s, len);
		}
		/* An unread row comes back the same. */
		if (n++ % 2 == 0) {
			wire_reader_unread(&r);
			FUZZ_CHECK(wire_reader_next(&r));
			FUZZ_CHECK(r.row.nfields == r.ncols);
		}
	}
}

static void
docs(void)
{
	int doc_col = wire_reader_col(&r, "doc");
	size_t i, j, len;
	const char *s;

	while (wire_doc_read(&d, &r, doc_col)) {
		FUZZ_CHECK(d.nrows > 0);
		for (i = 0; i < d.nrows; i++) {
			FUZZ_CHECK(d.rows[i].nfields == r.ncols);
			for (j = 0; j < r.ncols; j++) {
				s = wire_doc_field(&d, i, (int)j, &cell);
				len = cell.len;
				check_field(d.rows[i].raw[j], d.rows[i].rawlen[j], s,
				            len);
			}
			if (doc_col >= 0 && i > 0)
				FUZZ_CHECK(strcmp(d.rows[i].raw[doc_col],
				                  d.rows[0].raw[doc_col]) == 0);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *fp, *saved = stdin;
	int mode;

	if (size == 0)
		return 0;
	mode = data[0] & 1;
	data++;
	size--;
	fp = size ? fmemopen((void *)data, size, "r") : fopen("/dev/null", "r");
	if (!fp)
		return 0;
	/* The reader reads "-" from stdin: lend it the memory stream. */
	stdin = fp;
	wire_die_hook = fuzz_die;
	if (setjmp(fuzz_jmp) == 0) {
		fuzz_armed = 1;
		wire_reader_open(&r, NULL);
		FUZZ_CHECK(r.ncols >= 1);
		if (mode)
			docs();
		else
			rows();
	}
	fuzz_armed = 0;
	stdin = saved;
	if (r.fp)
		wire_reader_close(&r); /* closes fp: it is no longer stdin */
	else
		fclose(fp);
	return 0;
}
