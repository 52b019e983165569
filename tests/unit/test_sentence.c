/* Unit tests of the sentence splitter's API (lib/sentence.c): a table of
 * texts and their sentences, the callback contract, the heading flag and
 * the abbreviation loader. */
#include <stdlib.h>
#include <unistd.h>

#include "unit.h"
#include "wire.h"

struct collect {
	const char *text;
	struct wire_buf out; /* sentences joined by '|' */
	size_t calls, stop_after;
	size_t last_end;
	bool ordered;        /* offsets increase, only white space between */
};

static int collect_fn(void *ctx, size_t start, size_t end)
{
	struct collect *c = ctx;

	if (start < c->last_end || end <= start)
		c->ordered = false;
	if (c->out.len > 0)
		wire_buf_addc(&c->out, '|');
	wire_buf_add(&c->out, c->text + start, end - start);
	c->last_end = end;
	return ++c->calls == c->stop_after;
}

static struct wire_splitter *splitter(void)
{
	static struct wire_splitter *sp;

	if (!sp) {
		sp = wire_splitter_new();
		wire_splitter_load_defaults(sp);
	}
	return sp;
}

static const char *split_str(const struct wire_splitter *sp, const char *text,
                             unsigned flags, struct collect *c)
{
	wire_buf_free(&c->out);
	memset(c, 0, sizeof *c);
	c->text = text;
	c->ordered = true;
	wire_buf_adds(&c->out, "");
	wire_sentences(sp, text, strlen(text), flags, collect_fn, c);
	return c->out.data;
}

TEST(sentence_table)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{"", ""},
		{"   \n\t ", ""},
		{"One.", "One."},
		{"One. Two.", "One.|Two."},
		{"Mr. Smith left. He came back.", "Mr. Smith left.|He came back."},
		{"The U.S. Senate met. It voted.", "The U.S. Senate met.|It voted."},
		{"He moved to the U.S. He stayed.", "He moved to the U.S.|He stayed."},
		{"Sergei V. Lavrov spoke.", "Sergei V. Lavrov spoke."},
		{"The U.N.'s envoy, a U.K.-based man, came.",
		 "The U.N.'s envoy, a U.K.-based man, came."},
		{"It rose 3.5% to $1.5 billion. Then fell.",
		 "It rose 3.5% to $1.5 billion.|Then fell."},
		{"At 6:29 AM PT on Dec. 22 it ended.", "At 6:29 AM PT on Dec. 22 it ended."},
		{"\"Stop.\" He left.", "\"Stop.\"|He left."},
		{"He said. \"Next one.\"", "He said.|\"Next one.\""},
		{"\xE2\x80\x9CStop.\xE2\x80\x9D He left.",
		 "\xE2\x80\x9CStop.\xE2\x80\x9D|He left."},
		{"Wait\xE2\x80\xA6 What?", "Wait\xE2\x80\xA6|What?"},
		{"Why?! Because.", "Why?!|Because."},
		{"\"Why?\" he asked.", "\"Why?\" he asked."},
		{"1. Milk. 2. Eggs.", "1. Milk.|2. Eggs."},
		{"No. 5 won. No. I said no.", "No. 5 won.|No.|I said no."},
		{"Mail a@b.org. Then wait.", "Mail a@b.org.|Then wait."},
		{"(It rained.) We left.", "(It rained.)|We left."},
		{"Done. [3] Next.", "Done. [3]|Next."},
		{"ORAL ARGUMENT OF GEN. SMITH", "ORAL ARGUMENT OF GEN. SMITH"},
		{"Hi.\xC2\xA0\xC2\xA0There.", "Hi.|There."},
		/* invalid UTF-8 is harmless */
		{"Bad \xFF. Worse \xE2\x80.", "Bad \xFF.|Worse \xE2\x80."},
		{"Ends with E2 byte\xE2", "Ends with E2 byte\xE2"},
		/* E2 80 and an ASCII byte is not a space (was read past the end) */
		{"a? !\xE2\x80\"", "a?|!\xE2\x80\""},
		{"Done. [", "Done.|["},
		{"Done. -", "Done.|-"},
		/* a heading or caption run into the first sentence */
		{"Votes by ward In the east, turnout rose. It fell.",
		 "Votes by ward|In the east, turnout rose.|It fell."},
		{"Dock workers strike This week the port shut.",
		 "Dock workers strike|This week the port shut."},
		{"Lost In Paris won. It ran.", "Lost In Paris won.|It ran."},
		{"Baking In a Clay Pot", "Baking In a Clay Pot"},
		{"It rained. Crowds came In the end nobody left.",
		 "It rained.|Crowds came In the end nobody left."},
		{"He sang \"Songs In the Dark\" twice.",
		 "He sang \"Songs In the Dark\" twice."},
		{"He sang \xE2\x80\x9CSongs In the Dark\xE2\x80\x9D twice.",
		 "He sang \xE2\x80\x9CSongs In the Dark\xE2\x80\x9D twice."},
		{"Later, In the end it held.", "Later, In the end it held."},
		{"Caf\xC3\xA9 Ren\xC3\xA9 In the square, music played.",
		 "Caf\xC3\xA9 Ren\xC3\xA9|In the square, music played."},
	};
	struct collect c = {0};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *got = split_str(splitter(), cases[i].in, 0, &c);

		if (strcmp(got, cases[i].want) != 0)
			unit_fail(__FILE__, __LINE__, "split(\"%s\") == \"%s\", want \"%s\"",
			          cases[i].in, got, cases[i].want);
		CHECK(c.ordered);
	}
	wire_buf_free(&c.out);
}

TEST(sentence_count_and_stop)
{
	struct collect c = {0};
	const char *text = "One. Two. Three.";

	CHECK_STR(split_str(splitter(), text, 0, &c), "One.|Two.|Three.");
	CHECK_INT(c.calls, 3);
	/* a non-zero return from the callback stops the scan */
	wire_buf_free(&c.out);
	memset(&c, 0, sizeof c);
	c.text = text;
	c.stop_after = 2;
	CHECK_INT(wire_sentences(splitter(), text, strlen(text), 0, collect_fn, &c), 2);
	CHECK_INT(c.calls, 2);
	wire_buf_free(&c.out);
}

TEST(sentence_heading_flag)
{
	struct collect c = {0};

	CHECK_STR(split_str(splitter(), "Talks fail. Fighting goes on", WIRE_SPLIT_HEADING, &c),
	          "Talks fail. Fighting goes on");
	CHECK_STR(split_str(splitter(), "Troops at the gate. They left at noon.",
	                    WIRE_SPLIT_HEADING, &c),
	          "Troops at the gate.|They left at noon.");
	wire_buf_free(&c.out);
}

TEST(sentence_empty_splitter_and_add)
{
	struct wire_splitter *sp = wire_splitter_new();
	struct collect c = {0};

	CHECK_STR(split_str(sp, "Mr. Smith left.", 0, &c), "Mr.|Smith left.");
	wire_splitter_add(sp, "Mr", 2, WIRE_ABBR_NONFINAL); /* period added */
	CHECK_STR(split_str(sp, "Mr. Smith left.", 0, &c), "Mr. Smith left.");
	wire_splitter_add(sp, "Bhd.", 4, WIRE_ABBR_FINAL);
	CHECK_STR(split_str(sp, "Acme Bhd. Sales rose.", 0, &c), "Acme Bhd. Sales rose.");
	wire_splitter_add_starter(sp, "Sales", 5);
	CHECK_STR(split_str(sp, "Acme Bhd. Sales rose.", 0, &c), "Acme Bhd.|Sales rose.");
	wire_splitter_free(sp);
	wire_buf_free(&c.out);
}

TEST(sentence_load_file)
{
	char path[] = "/tmp/wire-unit-abbr-XXXXXX";
	const char text[] = "# comment\n\n  Gouv.  \nSdn.\tfinal\nPt. number\n";
	struct wire_splitter *sp = wire_splitter_new();
	struct collect c = {0};
	int fd = mkstemp(path);

	if (fd < 0 || write(fd, text, sizeof text - 1) != (ssize_t)(sizeof text - 1))
		abort();
	close(fd);
	wire_splitter_load(sp, path, WIRE_ABBR_NONFINAL);
	unlink(path);
	CHECK_STR(split_str(sp, "Gouv. Roy came.", 0, &c), "Gouv. Roy came.");
	CHECK_STR(split_str(sp, "Acme Sdn. Roy came.", 0, &c), "Acme Sdn. Roy came.");
	CHECK_STR(split_str(sp, "See Pt. 4 now. Pt. One.", 0, &c), "See Pt. 4 now.|Pt.|One.");
	wire_splitter_free(sp);
	wire_buf_free(&c.out);
}

/* The scanner reads blocks of bytes: the first terminator, and a run-in
 * opener, are found wherever they fall in a block, and a run-in opener
 * only in the first RUNIN_MAX (100) bytes. */
TEST(sentence_block_offsets)
{
	struct collect c = {0};
	char text[256], want[320];

	for (int pad = 0; pad < 40; pad++) {
		int n = snprintf(text, sizeof text, "%.*s. Then it ended\xE2\x80\xA6 Yes: done.",
		                 pad + 2, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz");

		snprintf(want, sizeof want, "%.*s.|Then it ended\xE2\x80\xA6|Yes: done.",
		         pad + 2, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz");
		CHECK(n > 0);
		CHECK_STR(split_str(splitter(), text, 0, &c), want);
	}
	for (int words = 1; words < 40; words++) {
		size_t len = 0;
		bool inside;

		len += (size_t)snprintf(text + len, sizeof text - len, "Results");
		for (int k = 0; k < words; k++)
			len += (size_t)snprintf(text + len, sizeof text - len, " by");
		inside = len + 1 < 100; /* the opener, after the space */
		snprintf(want, sizeof want, "%s%sIn the north, turnout rose.", text,
		         inside ? "|" : " ");
		snprintf(text + len, sizeof text - len, " In the north, turnout rose.");
		CHECK_STR(split_str(splitter(), text, 0, &c), want);
	}
	wire_buf_free(&c.out);
}

TEST(sentence_runin_add)
{
	struct wire_splitter *sp = wire_splitter_new();
	struct collect c = {0};

	CHECK_STR(split_str(sp, "Port news Today the docks shut.", 0, &c),
	          "Port news Today the docks shut.");
	wire_splitter_add_runin(sp, "Today", 5);
	CHECK_STR(split_str(sp, "Port news Today the docks shut.", 0, &c),
	          "Port news|Today the docks shut.");
	/* the first two letters filter: Tomorrow shares only the T */
	CHECK_STR(split_str(sp, "Port news Tomorrow the docks shut.", 0, &c),
	          "Port news Tomorrow the docks shut.");
	wire_splitter_free(sp);
	wire_buf_free(&c.out);
}
