/*
 * wire-clean's core (clean.c, clean_class.c, clean_meta.c) on any bytes:
 * wire_clean_run yields paragraphs of valid UTF-8 without NUL, TAB-free
 * metadata of valid UTF-8, kinds in range; the date, byline and source
 * parsers on the same bytes (repaired, as the program gives them) return
 * valid UTF-8 and spans inside their input.  The models are the real
 * ones (models/ of the checkout).  The unanchored pattern lists answer
 * the same from the feature scan's triggers as from the byte scan, and
 * the text escaped as in a stream (wire_clean_run_escaped) gives what
 * the text itself gives.
 */
#include "fuzz.h"
#include "clean_int.h"

static struct wire_clean *c;
static struct wire_buf text, out, escaped, plain_result, escaped_result;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_models();
	c = wire_clean_new();
	return 0;
}

static void
check_text(const char *s, size_t len)
{
	FUZZ_CHECK(s != NULL);
	FUZZ_CHECK(wire_utf8_valid(s, len, NULL));
	FUZZ_CHECK(!memchr(s, '\0', len));
}

/* Everything the cleaner found in the last article, in one string. */
static void
result(struct wire_buf *b)
{
	const struct wire_clean_meta *m = wire_clean_meta(c);
	size_t i, len;

	wire_buf_clear(b);
	wire_buf_add(b, m->title.data, m->title.len);
	wire_buf_addc(b, '|');
	wire_buf_add(b, m->date.data, m->date.len);
	wire_buf_addc(b, '|');
	wire_buf_add(b, m->byline.data, m->byline.len);
	wire_buf_addc(b, '|');
	wire_buf_add(b, m->source.data, m->source.len);
	wire_buf_addc(b, '\n');
	for (i = 0; i < wire_clean_count(c); i++) {
		const char *s = wire_clean_text(c, i, &len);

		wire_buf_addc(b, (char)('0' + wire_clean_kind(c, i)));
		wire_buf_add(b, s, len);
		wire_buf_addc(b, '\n');
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct wire_clean_meta *m;
	size_t i, n, len, at, end;
	const char *s;
	int kind;

	wire_clean_run(c, (const char *)data, size);
	n = wire_clean_count(c);
	for (i = 0; i < n; i++) {
		s = wire_clean_text(c, i, &len);
		check_text(s, len);
		FUZZ_CHECK(strlen(s) == len);
		kind = wire_clean_kind(c, i);
		FUZZ_CHECK(kind >= WIRE_CLEAN_BODY && kind <= WIRE_CLEAN_BOILERPLATE);
		FUZZ_CHECK(wire_clean_kind_name(kind) != NULL);
		/* the triggers of the feature scan answer as the byte scan */
		FUZZ_CHECK(wire_clean_trig_match(c, 0, &c->par[i]) ==
		           wire_clean_set_match(&c->caption[1], s, len));
		FUZZ_CHECK(wire_clean_trig_match(c, 1, &c->par[i]) ==
		           wire_clean_set_match(&c->boiler[1], s, len));
	}
	m = wire_clean_meta(c);
	check_text(m->title.data ? m->title.data : "", m->title.len);
	check_text(m->date.data ? m->date.data : "", m->date.len);
	check_text(m->byline.data ? m->byline.data : "", m->byline.len);
	check_text(m->source.data ? m->source.data : "", m->source.len);

	/* The line parsers see repaired text in the program. */
	wire_buf_clear(&text);
	wire_utf8_repair((const char *)data, size, &text);
	s = text.data ? text.data : "";
	at = end = (size_t)-1;
	if (wire_clean_parse_date(c, s, text.len, &out, &at, &end)) {
		check_text(out.data, out.len);
		FUZZ_CHECK(out.len >= 10); /* YYYY-MM-DD at least */
		FUZZ_CHECK(at <= end && end <= text.len);
	}
	/* the stream's path: the escapes undone by the cleaner itself */
	wire_clean_run(c, s, text.len);
	result(&plain_result);
	wire_buf_clear(&escaped);
	wire_escape(s, text.len, &escaped);
	FUZZ_CHECK(wire_clean_run_escaped(c, escaped.data ? escaped.data : "", escaped.len));
	result(&escaped_result);
	FUZZ_CHECK(plain_result.len == escaped_result.len &&
	           memcmp(plain_result.data, escaped_result.data, plain_result.len) == 0);
	wire_buf_clear(&out);
	if (wire_clean_parse_byline(s, text.len, &out))
		check_text(out.data ? out.data : "", out.len);
	wire_buf_clear(&out);
	if (wire_clean_parse_source(c, s, text.len, &out))
		check_text(out.data ? out.data : "", out.len);
	return 0;
}
