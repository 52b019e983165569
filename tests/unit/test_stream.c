/* Unit tests of libwire's stream core: escaping, UTF-8, reader, writer,
 * output schema, document grouping, hashing, word sets, entities. */
#include <stdlib.h>
#include <unistd.h>

#include "unit.h"
#include "wire.h"

/* Writes TEXT to a fresh temporary file and returns its path. */
static char *
temp_file(const char *text)
{
	static char path[64];
	int fd;

	strcpy(path, "/tmp/wire-unit-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		abort();
	close(fd);
	return path;
}

TEST(escape_round_trip)
{
	const char in[] = "a\tb\nc\rd\\e";
	struct wire_buf esc = {0}, back = {0};

	wire_escape(in, sizeof in - 1, &esc);
	CHECK_STR(esc.data, "a\\tb\\nc\\rd\\\\e");
	CHECK_INT(wire_unescape(esc.data, esc.len, &back, NULL), 0);
	CHECK_MEM(back.data, back.len, in);
	wire_buf_free(&esc);
	wire_buf_free(&back);
}

TEST(unescape_rejects_unknown_and_trailing_backslash)
{
	struct wire_buf out = {0};
	size_t bad = 99;

	CHECK_INT(wire_unescape("ab\\x", 4, &out, &bad), -1);
	CHECK_INT(bad, 2);
	wire_buf_clear(&out);
	CHECK_INT(wire_unescape("ab\\", 3, &out, &bad), -1);
	CHECK_INT(bad, 2);
	wire_buf_free(&out);
}

TEST(utf8_decode_accepts_shortest_forms_only)
{
	uint32_t cp;

	CHECK_INT(wire_utf8_decode("\xC3\xA9", 2, &cp), 2);
	CHECK_INT(cp, 0xE9);
	CHECK_INT(wire_utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
	CHECK_INT(cp, 0x1F600);
	CHECK_INT(wire_utf8_decode("\xC0\xAF", 2, &cp), 0);     /* overlong */
	CHECK_INT(wire_utf8_decode("\xED\xA0\x80", 3, &cp), 0); /* surrogate */
	CHECK_INT(wire_utf8_decode("\xF4\x90\x80\x80", 4, &cp), 0);
	CHECK_INT(wire_utf8_decode("\xE2\x80", 2, &cp), 0);     /* truncated */
}

TEST(utf8_valid_reports_offset)
{
	size_t bad = 0;
	const char s[] = "plain ascii text, then caf\xC3\xA9 and \xFF here";

	CHECK(wire_utf8_valid("only ascii here, long enough", 28, NULL));
	CHECK(!wire_utf8_valid(s, sizeof s - 1, &bad));
	CHECK_INT(bad, strchr(s, '\xFF') - s);
}

TEST(utf8_count_and_offset)
{
	const char s[] = "a\xC3\xA9z\xE2\x80\x9C";

	CHECK_INT(wire_utf8_count(s, sizeof s - 1), 4);
	CHECK_INT(wire_utf8_offset(s, sizeof s - 1, 2), 3);
	CHECK_INT(wire_utf8_offset(s, sizeof s - 1, 9), sizeof s - 1);
}

TEST(utf8_repair_replaces_and_drops_nul)
{
	struct wire_buf out = {0};
	const char s[] = "ok\xFF\xFEgo\0on";

	CHECK_INT(wire_utf8_repair(s, sizeof s - 1, &out), 2);
	CHECK_STR(out.data, "ok\xEF\xBF\xBD\xEF\xBF\xBDgoon");
	wire_buf_free(&out);
}

TEST(reader_reads_header_rows_and_unescapes)
{
	struct wire_reader r;
	size_t len;
	char *path = temp_file("doc\ttext\r\na\tx\\ty\nb\tlast");

	wire_reader_open(&r, path);
	CHECK_INT(r.ncols, 2);
	CHECK_INT(wire_reader_col(&r, "text"), 1);
	CHECK_INT(wire_reader_col(&r, "nope"), -1);
	CHECK(wire_reader_next(&r));
	CHECK_STR(wire_field(&r, 1, &len), "x\ty");
	CHECK_INT(len, 3);
	CHECK_STR(r.row.raw[1], "x\\ty");
	CHECK(wire_reader_next(&r));
	CHECK_STR(wire_field(&r, 1, NULL), "last");
	CHECK_INT(r.lineno, 3);
	CHECK(!wire_reader_next(&r));
	wire_reader_close(&r);
	unlink(path);
}

TEST(reader_rows_longer_than_its_buffer)
{
	/* rows about the reader's 64 KB buffer and past it, whole */
	static const size_t lens[] = {65535, 65536, 65537, 3 * 65536 + 7, 1};
	struct wire_buf text = {0};
	struct wire_reader r;
	size_t i, j, len;
	char *path;

	wire_buf_adds(&text, "doc\ttext\n");
	for (i = 0; i < sizeof lens / sizeof *lens; i++) {
		wire_buf_printf(&text, "d%zu\t", i);
		for (j = 0; j < lens[i]; j++)
			wire_buf_addc(&text, (char)('a' + (i + j) % 26));
		wire_buf_addc(&text, '\n');
	}
	path = temp_file(text.data);
	wire_reader_open(&r, path);
	for (i = 0; i < sizeof lens / sizeof *lens; i++) {
		const char *f;

		CHECK(wire_reader_next(&r));
		f = wire_field(&r, 1, &len);
		CHECK_INT(len, lens[i]);
		CHECK(f[0] == 'a' + (char)(i % 26));
		CHECK(f[len - 1] == 'a' + (char)((i + len - 1) % 26));
	}
	CHECK(!wire_reader_next(&r));
	wire_reader_close(&r);
	unlink(path);
	wire_buf_free(&text);
}

TEST(reader_reads_a_stream_without_descriptor)
{
	/* fmemopen has no file descriptor: the reader reads it by stdio */
	static char text[] = "doc\ttext\na\tfirst\nb\tsecond";
	FILE *fp = fmemopen(text, sizeof text - 1, "r"), *saved = stdin;
	struct wire_reader r;

	CHECK(fp != NULL);
	stdin = fp;
	wire_reader_open(&r, NULL);
	CHECK(wire_reader_next(&r));
	CHECK_STR(wire_field(&r, 1, NULL), "first");
	CHECK(wire_reader_next(&r));
	CHECK_STR(wire_field(&r, 1, NULL), "second");
	CHECK(!wire_reader_next(&r));
	wire_reader_close(&r);
	stdin = saved;
	fclose(fp);
}

TEST(reader_strips_bom_from_header)
{
	struct wire_reader r;
	char *path = temp_file("\xEF\xBB\xBF" "doc\ttext\n");

	wire_reader_open(&r, path);
	CHECK_INT(wire_reader_col(&r, "doc"), 0);
	wire_reader_close(&r);
	unlink(path);
}

TEST(reader_unread_returns_row_again)
{
	struct wire_reader r;
	char *path = temp_file("x\n1\n2\n");

	wire_reader_open(&r, path);
	CHECK(wire_reader_next(&r));
	wire_reader_unread(&r);
	CHECK(wire_reader_next(&r));
	CHECK_STR(wire_field(&r, 0, NULL), "1");
	CHECK(wire_reader_next(&r));
	CHECK_STR(wire_field(&r, 0, NULL), "2");
	wire_reader_close(&r);
	unlink(path);
}

static char *
write_rows(void (*fn)(struct wire_writer *, void *), void *arg)
{
	char *mem = NULL;
	size_t size = 0;
	FILE *fp = open_memstream(&mem, &size);
	struct wire_writer w;

	wire_writer_init(&w, fp);
	fn(&w, arg);
	wire_writer_finish(&w);
	fclose(fp);
	return mem;
}

static void
two_rows(struct wire_writer *w, void *arg)
{
	(void)arg;
	wire_put_str(w, "a\tb");
	wire_put_ulong(w, 42);
	wire_end_row(w);
	wire_put_raw(w, "x\\ny", 4);
	wire_put_str(w, "");
	wire_end_row(w);
}

TEST(writer_escapes_and_separates)
{
	char *out = write_rows(two_rows, NULL);

	CHECK_STR(out, "a\\tb\t42\nx\\ny\t\n");
	free(out);
}

static void
schema_rows(struct wire_writer *w, void *arg)
{
	struct wire_reader *r = arg;
	struct wire_out o;
	int text, sent;

	wire_out_init(&o, w, r);
	text = wire_out_add(&o, "text");
	sent = wire_out_add(&o, "sent");
	wire_out_drop(&o, "skip");
	wire_out_header(&o);
	while (wire_reader_next(r)) {
		wire_out_set_str(&o, text, "new\ttext");
		wire_out_set_ulong(&o, sent, 7);
		wire_out_row(&o, &r->row);
	}
	wire_out_free(&o);
}

TEST(out_passes_through_replaces_appends_and_drops)
{
	struct wire_reader r;
	char *path = temp_file("url\tskip\ttext\tfeed\nu1\tzz\told\tf1\n");
	char *out;

	wire_reader_open(&r, path);
	out = write_rows(schema_rows, &r);
	CHECK_STR(out, "url\ttext\tfeed\tsent\nu1\tnew\\ttext\tf1\t7\n");
	free(out);
	wire_reader_close(&r);
	unlink(path);
}

static void
held_rows(struct wire_writer *w, void *arg)
{
	struct wire_out o;
	int doc, par;

	(void)arg;
	wire_out_init(&o, w, NULL);
	doc = wire_out_add(&o, "doc");
	par = wire_out_add(&o, "par");
	wire_out_header(&o);
	wire_out_set_str(&o, doc, "d\t1");
	wire_out_hold(&o, doc, true);
	wire_out_set_ulong(&o, par, 1);
	wire_out_row(&o, NULL);
	wire_out_set_ulong(&o, par, 2);
	wire_out_row(&o, NULL);
	wire_out_hold(&o, doc, false);
	wire_out_set_ulong(&o, par, 3);
	wire_out_row(&o, NULL);
	wire_out_free(&o);
}

TEST(out_held_value_repeats_until_released)
{
	char *out = write_rows(held_rows, NULL);

	CHECK_STR(out, "doc\tpar\nd\\t1\t1\nd\\t1\t2\n\t3\n");
	free(out);
}

static void
ref_rows(struct wire_writer *w, void *arg)
{
	struct wire_out o;
	int doc, text;
	char buf[16];

	(void)arg;
	wire_out_init(&o, w, NULL);
	doc = wire_out_add(&o, "doc");
	text = wire_out_add(&o, "text");
	wire_out_header(&o);
	wire_out_set_ref(&o, doc, "d\\1", 3);
	wire_out_hold(&o, doc, true);
	strcpy(buf, "a\tb\nc");
	wire_out_set_ref(&o, text, buf, 5);
	wire_out_row(&o, NULL);
	/* a copy set after a reference replaces it */
	wire_out_set_str(&o, text, "copy");
	wire_out_row(&o, NULL);
	wire_out_set_ref(&o, doc, "d2", 2);
	wire_out_row(&o, NULL);
	wire_out_free(&o);
}

TEST(out_reference_is_escaped_at_write_time)
{
	char *out = write_rows(ref_rows, NULL);

	CHECK_STR(out, "doc\ttext\nd\\\\1\ta\\tb\\nc\nd\\\\1\tcopy\nd2\t\n");
	free(out);
}

TEST(escape_of_every_byte_appends_at_any_length)
{
	/* fields short and long, every byte escaped, appended to what the
	 * buffer holds: room is reserved for the worst */
	struct wire_buf esc = {0};
	char in[40], want[200];
	size_t n, i;

	for (n = 0; n < sizeof in; n++) {
		for (i = 0; i < n; i++)
			in[i] = "\t\n\r\\"[i % 4];
		wire_buf_clear(&esc);
		wire_buf_adds(&esc, "x\t");
		wire_escape(in, n, &esc);
		memcpy(want, "x\t", 2);
		for (i = 0; i < n; i++) {
			want[2 + 2 * i] = '\\';
			want[3 + 2 * i] = "tnr\\"[i % 4];
		}
		want[2 + 2 * n] = '\0';
		CHECK_STR(esc.data, want);
		CHECK_INT(esc.len, 2 + 2 * n);
	}
	wire_buf_free(&esc);
}

TEST(escape_finds_a_byte_at_every_offset)
{
	/* one TAB or backslash in plain text, at every offset of fields of
	 * 16 to 47 bytes: the blocks of sixteen and the last, overlapping
	 * one */
	struct wire_buf esc = {0};
	char in[48], want[64];
	size_t n, at;
	int wrong = 0;

	for (n = 16; n < sizeof in; n++)
		for (at = 0; at < n; at++) {
			memset(in, 'a', n);
			in[at] = at % 2 ? '\t' : '\\';
			memset(want, 'a', n + 1);
			want[at] = '\\';
			want[at + 1] = at % 2 ? 't' : '\\';
			want[n + 1] = '\0';
			wire_buf_clear(&esc);
			wire_escape(in, n, &esc);
			wrong += esc.len != n + 1 || strcmp(esc.data, want) != 0;
		}
	CHECK_INT(wrong, 0);
	wire_buf_free(&esc);
}

/* Rows of one source row, with wire_out_freeze when ARG is non-NULL;
 * some keep the promise (the same columns set, held values unchanged),
 * some break it. */
static void
frozen_rows(struct wire_writer *w, void *arg)
{
	struct wire_reader r;
	struct wire_out o;
	char *path = temp_file("url\tskip\ttext\tfeed\nu\\\\1\tzz\told\tf1\n");
	int text, title, par, kind;
	bool freeze = arg != NULL;

	wire_reader_open(&r, path);
	CHECK(wire_reader_next(&r));
	wire_out_init(&o, w, &r);
	text = wire_out_add(&o, "text");
	title = wire_out_add(&o, "title");
	par = wire_out_add(&o, "par");
	kind = wire_out_add(&o, "kind");
	wire_out_drop(&o, "skip");
	wire_out_header(&o);
	wire_out_set_str(&o, title, "T\t1");
	wire_out_hold(&o, title, true);
	if (freeze)
		wire_out_freeze(&o, &r.row);
	wire_out_set_ref(&o, text, "one\\", 4);
	wire_out_set_ulong(&o, par, 1);
	wire_out_row(&o, &r.row);
	wire_out_set_ref(&o, text, "two", 3);
	wire_out_set_ulong(&o, par, 2);
	wire_out_row(&o, &r.row);
	wire_out_set_ulong(&o, par, 3);          /* text not set */
	wire_out_row(&o, &r.row);
	wire_out_set_str(&o, title, "T2");      /* a held value changes */
	wire_out_set_ref(&o, text, "four", 4);
	wire_out_set_ulong(&o, par, 4);
	wire_out_row(&o, &r.row);
	wire_out_set_ref(&o, text, "five", 4);  /* one column more */
	wire_out_set_ulong(&o, par, 5);
	wire_out_set_str(&o, kind, "body");
	wire_out_row(&o, &r.row);
	wire_out_set_ulong(&o, par, 6);
	wire_out_row(&o, NULL);                 /* another source */
	if (freeze)
		wire_out_thaw(&o);
	wire_out_hold(&o, title, false);
	wire_out_set_ulong(&o, par, 7);
	wire_out_row(&o, &r.row);
	wire_out_free(&o);
	wire_reader_close(&r);
	unlink(path);
}

TEST(out_frozen_rows_equal_the_others)
{
	char *plain = write_rows(frozen_rows, NULL);
	char *frozen = write_rows(frozen_rows, "freeze");

	CHECK_STR(frozen, plain);
	CHECK_STR(plain, "url\ttext\tfeed\ttitle\tpar\tkind\n"
	                 "u\\\\1\tone\\\\\tf1\tT\\t1\t1\t\n"
	                 "u\\\\1\ttwo\tf1\tT\\t1\t2\t\n"
	                 "u\\\\1\told\tf1\tT\\t1\t3\t\n"
	                 "u\\\\1\tfour\tf1\tT2\t4\t\n"
	                 "u\\\\1\tfive\tf1\tT2\t5\tbody\n"
	                 "\t\t\tT2\t6\t\n"
	                 "u\\\\1\told\tf1\t\t7\t\n");
	free(plain);
	free(frozen);
}

TEST(escape_leaves_other_control_bytes)
{
	struct wire_buf esc = {0};
	const char in[] = "a\001b\013c\014d\016efghijklmnop\tq";

	wire_escape(in, sizeof in - 1, &esc);
	CHECK_STR(esc.data, "a\001b\013c\014d\016efghijklmnop\\tq");
	wire_buf_free(&esc);
}

TEST(doc_groups_contiguous_rows)
{
	struct wire_reader r;
	struct wire_doc d = {0};
	struct wire_buf cell = {0};
	char *path = temp_file("doc\ttext\na\t1\na\t2\\n\nb\t3\na\t4\n");
	int docs = 0;

	wire_reader_open(&r, path);
	CHECK(wire_doc_read(&d, &r, 0));
	CHECK_INT(d.nrows, 2);
	CHECK_STR(wire_doc_field(&d, 1, 1, &cell), "2\n");
	CHECK_INT(d.lineno[1], 3);
	docs++;
	while (wire_doc_read(&d, &r, 0))
		docs++;
	CHECK_INT(docs, 3);
	wire_doc_free(&d);
	wire_buf_free(&cell);
	wire_reader_close(&r);
	unlink(path);
}

TEST(hash_is_stable_and_seeded)
{
	uint64_t a = wire_hash64("hello world", 11, 0);

	CHECK(a == wire_hash64("hello world", 11, 0));
	CHECK(a != wire_hash64("hello world", 11, 1));
	CHECK(a != wire_hash64("hello worle", 11, 0));
	CHECK(wire_hash64("", 0, 0) != wire_hash64("\0", 1, 0));
	CHECK(wire_mix64(1) != wire_mix64(2));
}

TEST(hash_values_are_fixed)
{
	/* wire-dedupe stores hashes across runs and machines: these are the
	 * values of the first version, every tail length below eight and a
	 * block of sixteen among them */
	static const char abc[] = "abcdefghijklmnopqrstuvwxyz";

	CHECK(wire_hash64("hello world", 11, 0) == 0xe301f915b72cf9d0ull);
	CHECK(wire_hash64(abc, 0, 7) == 0xdbd3122dc08fce08ull);
	CHECK(wire_hash64(abc, 1, 7) == 0x684f6425dbd8c63eull);
	CHECK(wire_hash64(abc, 3, 7) == 0xecb1ae33cf8fd00cull);
	CHECK(wire_hash64(abc, 5, 7) == 0xd9708003dfadafebull);
	CHECK(wire_hash64(abc, 10, 7) == 0x5c088d407e1afa39ull);
	CHECK(wire_hash64(abc, 15, 7) == 0xc15c465d3f5edcf8ull);
	CHECK(wire_hash64(abc, 20, 7) == 0x4971ce86b28432c9ull);
}

TEST(wordset_add_has_grow)
{
	struct wire_wordset s;
	char w[16];
	int i, found = 0;

	wire_wordset_init(&s);
	CHECK(!wire_wordset_has(&s, "x", 1));
	for (i = 0; i < 1000; i++) {
		snprintf(w, sizeof w, "w%d", i);
		wire_wordset_add(&s, w, strlen(w));
	}
	wire_wordset_add(&s, "w5", 2);
	CHECK_INT(s.count, 1000);
	for (i = 0; i < 1000; i++) {
		snprintf(w, sizeof w, "w%d", i);
		found += wire_wordset_has(&s, w, strlen(w));
	}
	CHECK_INT(found, 1000);
	CHECK(!wire_wordset_has(&s, "w1000", 5));
	wire_wordset_free(&s);
}

TEST(wordset_load_skips_comments_and_blanks)
{
	struct wire_wordset s;
	char *path = temp_file("# list\n\n  Mr.  \nDr.\r\n");

	wire_wordset_init(&s);
	wire_wordset_load(&s, path);
	CHECK_INT(s.count, 2);
	CHECK(wire_wordset_has(&s, "Mr.", 3));
	CHECK(wire_wordset_has(&s, "Dr.", 3));
	wire_wordset_free(&s);
	unlink(path);
}

TEST(entities_parse_and_format)
{
	struct wire_span *sp = NULL;
	size_t cap = 0;
	struct wire_buf out = {0};
	const char col[] = "0:13:PER:1 22:28:LOC:2";

	CHECK_INT(wire_entities_parse(col, sizeof col - 1, &sp, &cap), 2);
	CHECK_INT(sp[1].start, 22);
	CHECK_INT(sp[1].type, WIRE_LOC);
	CHECK_INT(sp[1].id, 2);
	wire_entities_format(sp, 2, &out);
	CHECK_STR(out.data, col);
	CHECK_INT(wire_entities_parse("", 0, &sp, &cap), 0);
	CHECK_INT(wire_entities_parse("1:2:XX:1", 8, &sp, &cap), -1);
	CHECK_INT(wire_entities_parse("5:2:PER:1", 9, &sp, &cap), -1);
	CHECK_INT(wire_entities_parse("1:2:PER", 7, &sp, &cap), -1);
	free(sp);
	wire_buf_free(&out);
}

TEST(doc_id_strips_directory_and_extension)
{
	struct wire_buf b = {0};

	wire_doc_id("a/b/001_x.txt", &b);
	CHECK_STR(b.data, "001_x");
	wire_doc_id("plain", &b);
	CHECK_STR(b.data, "plain");
	wire_doc_id("dir/.hidden", &b);
	CHECK_STR(b.data, ".hidden");
	wire_doc_id("x.tar.gz", &b);
	CHECK_STR(b.data, "x.tar");
	wire_buf_free(&b);
}

TEST(split_at_separator)
{
	char s[] = "a,b,,c";
	char *out[8];

	CHECK_INT(wire_split(s, ',', out, 8), 4);
	CHECK_STR(out[2], "");
	CHECK_STR(out[3], "c");
}

TEST(patterns_match_caseless_utf8)
{
	struct wire_patterns *p = wire_patterns_new();

	wire_patterns_add(p, "^read more", "test", 1);
	wire_patterns_add(p, "donat(e|ion)", "test", 2);
	CHECK_INT(wire_patterns_count(p), 2);
	CHECK_INT(wire_patterns_match(p, "READ MORE \xE2\x80\xA6", 13), 0);
	CHECK_INT(wire_patterns_match(p, "Please donate today", 19), 1);
	CHECK_INT(wire_patterns_match(p, "News text", 9), -1);
	wire_patterns_free(p);
}

static void
collect_line(char *line, size_t len, const char *file, unsigned long lineno,
             void *arg)
{
	struct wire_buf *b = arg;

	(void)file;
	wire_buf_printf(b, "%lu:%.*s|", lineno, (int)len, line);
}

TEST(each_line_trims_and_skips_comments_and_blanks)
{
	struct wire_buf b = {0};
	char *path = temp_file("# header\n\n  one  \r\n\t# indented comment\ntwo\nlast");

	wire_each_line(path, collect_line, &b);
	CHECK_STR(b.data, "3:one|5:two|6:last|");
	wire_buf_free(&b);
	unlink(path);
}

TEST(escape_finds_specials_at_every_position_of_a_word)
{
	const char specials[] = "\t\n\r\\";
	char in[40];
	struct wire_buf esc = {0}, back = {0};
	size_t pos, k;

	for (k = 0; k < 4; k++)
		for (pos = 0; pos < 24; pos++) {
			memset(in, 'a', sizeof in);
			in[pos] = specials[k];
			wire_buf_clear(&esc);
			wire_buf_clear(&back);
			wire_escape(in, sizeof in, &esc);
			CHECK_INT(esc.len, sizeof in + 1);
			CHECK_INT(esc.data[pos], '\\');
			CHECK_INT(wire_unescape(esc.data, esc.len, &back, NULL), 0);
			CHECK(back.len == sizeof in && memcmp(back.data, in, sizeof in) == 0);
		}
	wire_buf_free(&esc);
	wire_buf_free(&back);
}

TEST(reader_defers_escapes_of_a_column)
{
	struct wire_reader r;
	size_t len;
	char *path = temp_file("doc\ttext\na\\tb\tsay \\\"hi\\\"\n");

	wire_reader_open(&r, path);
	wire_reader_defer(&r, 1);
	/* the bad escape is the caller's to find; other columns are checked
	 * and unescaped as before */
	CHECK(wire_reader_next(&r));
	CHECK_STR(wire_field_raw(&r, 1, &len), "say \\\"hi\\\"");
	CHECK_INT(len, 10);
	CHECK_STR(wire_field(&r, 0, NULL), "a\tb");
	CHECK_STR(wire_field_raw(&r, 0, NULL), "a\\tb");
	CHECK_STR(wire_field_raw(&r, 5, &len), "");
	CHECK_INT(len, 0);
	wire_reader_close(&r);
	unlink(path);
}

TEST(utf8_clean_finds_nul_cr_and_bad_bytes_anywhere)
{
	/* the one-pass scan against the three checks it replaces: each bad
	 * byte at every offset of a line with tabs and characters outside
	 * ASCII spread over its blocks */
	static const char *const bad[] = { "\0", "\r", "\xff", "\xc3", "\xe2\x80",
	                                   "\xed\xa0\x80", "\xc0\xaf" };
	char line[300];
	size_t i, k, n, len;
	int wrong = 0, spoilt = 0;

	for (i = 0; i < sizeof line; i++)
		line[i] = "abc\tdefgh ijk"[i % 13];
	for (i = 0; i + 3 < sizeof line; i += 37)
		memcpy(line + i, "\xe2\x80\x9c", 3);
	CHECK(wire_utf8_clean(line, sizeof line));
	/* every length: some cut a character short */
	for (len = 0; len <= sizeof line; len++)
		wrong += wire_utf8_clean(line, len) != wire_utf8_valid(line, len, NULL);
	for (k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		n = k == 0 ? 1 : strlen(bad[k]);
		for (i = 0; i + n <= sizeof line; i++) {
			char copy[sizeof line];
			bool want;

			memcpy(copy, line, sizeof line);
			memcpy(copy + i, bad[k], n);
			want = !memchr(copy, '\0', sizeof copy) && !memchr(copy, '\r', sizeof copy) &&
			       wire_utf8_valid(copy, sizeof copy, NULL);
			wrong += wire_utf8_clean(copy, sizeof copy) != want;
			spoilt += !want;
		}
	}
	CHECK_INT(wrong, 0);
	/* all but the few that rebuild the character they overwrite */
	CHECK(spoilt > 7 * 280);
}
