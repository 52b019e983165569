/*
 * wire-clean's core (clean.c, clean_class.c, clean_meta.c) on any bytes:
 * wire_clean_run yields paragraphs of valid UTF-8 without NUL, TAB-free
 * metadata of valid UTF-8, kinds in range; the date, byline and source
 * parsers on the same bytes (repaired, as the program gives them) return
 * valid UTF-8 and spans inside their input.  The models are the real
 * ones (models/ of the checkout).  The unanchored pattern lists answer
 * the same from the feature scan's triggers as from the byte scan.
 */
#include "fuzz.h"
#include "clean_int.h"

static struct wire_clean *c;
static struct wire_buf text, out;

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
	wire_buf_clear(&out);
	if (wire_clean_parse_byline(s, text.len, &out))
		check_text(out.data ? out.data : "", out.len);
	wire_buf_clear(&out);
	if (wire_clean_parse_source(c, s, text.len, &out))
		check_text(out.data ? out.data : "", out.len);
	return 0;
}
