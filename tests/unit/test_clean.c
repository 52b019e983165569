/* Unit tests of wire-clean's metadata parsers and cleaner (lib/clean*.c). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "wire.h"

static struct wire_clean *
cleaner(void)
{
	static struct wire_clean *c;

	if (!c)
		c = wire_clean_new();
	return c;
}

static const char *
date_of(const char *s)
{
	static struct wire_buf out;

	if (!wire_clean_parse_date(cleaner(), s, strlen(s), &out, NULL, NULL))
		return "(none)";
	return out.data;
}

static const char *
byline_of(const char *s)
{
	static struct wire_buf out;

	if (!wire_clean_parse_byline(s, strlen(s), &out))
		return "(none)";
	return out.data;
}

static const char *
source_of(const char *s)
{
	static struct wire_buf out;

	if (!wire_clean_parse_source(cleaner(), s, strlen(s), &out))
		return "(none)";
	return out.data;
}

TEST(clean_date_formats)
{
	CHECK_STR(date_of("December 10, 2012"), "2012-12-10");
	CHECK_STR(date_of("Dec. 3, 2012"), "2012-12-03");
	CHECK_STR(date_of("Dec 30 2007"), "2007-12-30");
	CHECK_STR(date_of("16 January 2008 - The Security Council"), "2008-01-16");
	CHECK_STR(date_of("January 18th, 2008"), "2008-01-18");
	CHECK_STR(date_of("2012-12-22"), "2012-12-22");
	CHECK_STR(date_of("11 Aralık 2012, 12:36"), "2012-12-11T12:36");
	CHECK_STR(date_of("14 January 2008: 4:20pm |"), "2008-01-14T16:20");
	CHECK_STR(date_of("December 29, 2012 - 7:19 PM"), "2012-12-29T19:19");
	CHECK_STR(date_of("June 1, 2013 12:05 a.m."), "2013-06-01T00:05");
}

TEST(clean_date_zones)
{
	/* PT is -08:00 in winter, -07:00 under US summer time */
	CHECK_STR(date_of("Dec 22, 2012 6:29 AM PT"), "2012-12-22T06:29-08:00");
	CHECK_STR(date_of("Jul 4, 2012 6:29 AM PT"), "2012-07-04T06:29-07:00");
	CHECK_STR(date_of("Mar 3, 2024 6:15 PM ET"), "2024-03-03T18:15-05:00");
	CHECK_STR(date_of("Mar 11, 2024 6:15 PM ET"), "2024-03-11T18:15-04:00");
	CHECK_STR(date_of("5 May 2010 10:00 GMT"), "2010-05-05T10:00+00:00");
	CHECK_STR(date_of("5 May 2010 10:00 EDT"), "2010-05-05T10:00-04:00");
}

TEST(clean_date_rejects)
{
	CHECK_STR(date_of("February 30, 2012"), "(none)");
	CHECK_STR(date_of("12/11/2012"), "(none)");
	CHECK_STR(date_of("May the force be with you"), "(none)");
	CHECK_STR(date_of("March 2012"), "(none)");
	CHECK_STR(date_of(""), "(none)");
	/* a time that is not one */
	CHECK_STR(date_of("Dec 22, 2012 25:61"), "2012-12-22");
}

TEST(clean_date_line_with_time_first)
{
	static const char article[] =
	    "Storm closes the pass again\n\n"
	    "04:52 PM PST on Friday, January 18, 2008\n\n"
	    "Snow and high winds kept the mountain pass closed for a third day on "
	    "Friday, and the road authority said it could not say when it would "
	    "reopen to traffic.\n";
	struct wire_clean *c = cleaner();

	wire_clean_run(c, article, sizeof article - 1);
	CHECK_STR(wire_clean_meta(c)->date.data, "2008-01-18T16:52-08:00");
}

TEST(clean_byline)
{
	CHECK_STR(byline_of("By Ilya Arkhipov & Henry Meyer - Dec 22, 2012 6:29 AM PT"),
	          "Ilya Arkhipov & Henry Meyer");
	CHECK_STR(byline_of("Article by: ELLEN BARRY"), "Ellen Barry");
	CHECK_STR(byline_of("By JILL LAWLESS"), "Jill Lawless");
	CHECK_STR(byline_of("By Steve Gunn | U.S. Sen. John McCain seems"), "Steve Gunn");
	CHECK_STR(byline_of("BY SEAN O'DRISCOLL, Associated Press"), "Sean O'Driscoll");
	CHECK_STR(byline_of("By the end of today, Obama will"), "(none)");
	CHECK_STR(byline_of("By submitting this comment you agree"), "(none)");
	CHECK_STR(byline_of("Bystanders said"), "(none)");
	/* a name with a reporter's title, the whole line */
	CHECK_STR(byline_of("Rachel Obi, Local Democracy Reporter"), "Rachel Obi");
	CHECK_STR(byline_of("ANA RUIZ, Health Correspondent."), "Ana Ruiz");
	CHECK_STR(byline_of("Peter Kensington, Editor"), "(none)");
	CHECK_STR(byline_of("Ruiz, a reporter"), "(none)");
	CHECK_STR(byline_of("Ana Ruiz, a reporter for the Post, said"), "(none)");
	CHECK_STR(byline_of("Ana Ruiz, Correspondent in 2019"), "(none)");
}

TEST(clean_source)
{
	CHECK_STR(source_of("Los Angeles Times"), "Los Angeles Times");
	CHECK_STR(source_of("World Bulletin / News Desk"), "World Bulletin");
	CHECK_STR(source_of("© 2018 Star Tribune"), "Star Tribune");
	CHECK_STR(source_of("Copyright © 2008 AFP. All rights reserved."), "AFP");
	CHECK_STR(source_of("Russia says Assad isn't leaving"), "(none)");
	CHECK_STR(source_of("Further Discussion"), "(none)");
}

TEST(clean_kinds_and_metadata)
{
	static const char article[] =
	    "\xef\xbb\xbfHome | News | Sport\r\n\r\n"
	    "Council backs tram plan\r\n\r\n"
	    "By Jane Roe - May 5, 2021\r\n\r\n"
	    "The city council backed the tram plan on Tuesday after a debate that "
	    "lasted most of the night, and work is due to start in the spring.\r\n\r\n"
	    "Costs\r\n\r\n"
	    "The first section will cost about 80 million euros, the council said, "
	    "and the rest will be paid for by the regional government.\r\n\r\n"
	    "\xa9 2021 Tram Times";
	struct wire_clean *c = cleaner();
	const struct wire_clean_meta *m;
	size_t n, i, body = 0, heading = 0, repaired;

	repaired = wire_clean_run(c, article, sizeof article - 1);
	CHECK_INT(repaired, 1); /* the bare Latin-1 copyright sign */
	m = wire_clean_meta(c);
	CHECK_STR(m->title.data, "Council backs tram plan");
	CHECK_STR(m->byline.data, "Jane Roe");
	CHECK_STR(m->date.data, "2021-05-05");
	n = wire_clean_count(c);
	for (i = 0; i < n; i++) {
		int k = wire_clean_kind(c, i);

		body += k == WIRE_CLEAN_BODY;
		heading += k == WIRE_CLEAN_HEADING;
	}
	CHECK_INT(body, 2);
	CHECK_INT(heading, 1);
	CHECK_STR(wire_clean_kind_name(WIRE_CLEAN_CAPTION), "caption");
}

TEST(clean_any_bytes)
{
	/* the cleaner survives arbitrary bytes, as a fuzz harness feeds it */
	static const char junk[] = "\x00\xff\xfe\r\r\n\x0c\x0c\xe2\x80\n\n\xc2";
	struct wire_clean *c = cleaner();

	size_t i;

	wire_clean_run(c, junk, sizeof junk - 1);
	for (i = 0; i < wire_clean_count(c); i++)
		CHECK_INT(wire_clean_kind(c, i), WIRE_CLEAN_BOILERPLATE);
	wire_clean_run(c, "", 0);
	CHECK_INT(wire_clean_count(c), 0);
}

#include "clean_int.h"

/* Whether PATTERN's regex runs on TEXT at all: a literal it needs is
 * missing, the prefilter skips it.  *MATCHED gets the set's answer. */
static bool
may(const char *pattern, const char *text, bool *matched)
{
	struct clean_set s;
	bool r, m;

	memset(&s, 0, sizeof s);
	wire_clean_set_add(&s, pattern, pattern[0] == '^', "test", 1);
	m = wire_clean_set_match(&s, text, strlen(text));
	r = s.runs > 0;
	wire_clean_set_free(&s);
	if (matched)
		*matched = m;
	return r;
}

TEST(clean_literal_prefilter)
{
	bool m;

	/* a needed literal absent: the regex need not run */
	CHECK(!may("\\bphotographer:", "The minister said on Monday.", NULL));
	CHECK(may("\\bphotographer:", "A ship. PHOTOGRAPHER: Jan Dekker", &m) && m);
	CHECK(!may("^(read|see) (more|all)\\b", "The council said more.", NULL));
	CHECK(may("^(read|see) (more|all)\\b", "Read more", &m) && m);
	CHECK(may("(©|\\(c\\) ?\\d{4}|all rights reserved)", "© 2024 Harbour Gazette", &m) && m);
	CHECK(!may("(©|\\(c\\) ?\\d{4}|all rights reserved)", "Rights groups said", NULL));
	/* what the filter cannot analyse always runs */
	CHECK(may("(?i)said", "nothing here", &m) && !m);
	CHECK(may("^(a )?b", "c", &m) && !m);
	CHECK(may("colou?r", "the color", &m) && m);
	CHECK(!may("colou?r", "the hue", NULL));
	/* every branch of a line starting with ^ is anchored */
	CHECK(may("^foo|bar", "bar none", &m) && m);
	CHECK(!may("^foo|bar", "a bar", &m) && !m);
}

TEST(clean_pattern_set_runs_only_candidates)
{
	struct clean_set s;

	memset(&s, 0, sizeof s);
	wire_clean_set_add(&s, "\\bphotographer:", false, "test", 1);
	wire_clean_set_add(&s, "\\bgetty images\\b", false, "test", 2);
	wire_clean_set_add(&s, "all rights reserved", false, "test", 3);
	/* one literal present: one regex run, whatever the list's length */
	CHECK(wire_clean_set_match(&s, "Photo: Getty Images", 19));
	CHECK_INT(s.runs, 1);
	CHECK(!wire_clean_set_match(&s, "telephotographer: x", 19));
	CHECK_INT(s.runs, 2);
	CHECK(!wire_clean_set_match(&s, "nothing to see", 14));
	CHECK_INT(s.runs, 2);
	wire_clean_set_free(&s);
}

TEST(clean_literal_prefilter_folding)
{
	bool m;

	/* PCRE2 folds the Kelvin sign to k and the long s to s */
	CHECK(may("\\bkeep\\b", "\xe2\x84\xaa" "eep out", &m) && m);
	CHECK(may("^support us", "\xc5\xbf" "upport us", &m) && m);
	CHECK(may("^bookmark", "bookmar" "\xe2\x84\xaa", &m) && m);
	CHECK(may("\\bkeep\\b", "we \xe2\x84\xaa" "eep out", &m) && m);
}

TEST(clean_parsers_unterminated)
{
	/* the parsers take a length, not a C string: under ASan this reads
	 * an exact-size heap buffer */
	static const char text[] = "Copyright 2008 AFP all rights";
	char *s = wire_xmalloc(sizeof text - 1);
	struct wire_buf out = {0};

	memcpy(s, text, sizeof text - 1);
	CHECK(wire_clean_parse_source(cleaner(), s, sizeof text - 1, &out));
	CHECK_STR(out.data, "AFP");
	memcpy(s, "By Jo Roe on Monday", 19);
	CHECK(wire_clean_parse_byline(s, 9, &out));
	CHECK_STR(out.data, "Jo Roe");
	free(s);
	wire_buf_free(&out);
}

TEST(clean_words_table)
{
	/* the two-slot table keeps every word through its rebuilds */
	struct clean_words t;
	char w[17];
	int i;

	memset(&t, 0, sizeof t);
	for (i = 0; i < 3000; i++) {
		snprintf(w, sizeof w, "w%d", i * 7919);
		wire_clean_words_add(&t, w, strlen(w), i + 1);
	}
	wire_clean_words_add(&t, "w0", 2, 42); /* a second add replaces */
	CHECK_INT(t.count, 3000);
	CHECK_INT(wire_clean_words_get(&t, "w0", 2), 42);
	for (i = 1; i < 3000; i++) {
		snprintf(w, sizeof w, "w%d", i * 7919);
		if (wire_clean_words_get(&t, w, strlen(w)) != i + 1)
			break;
	}
	CHECK_INT(i, 3000);
	CHECK_INT(wire_clean_words_get(&t, "w1", 2), 0);
	CHECK_INT(wire_clean_words_get(&t, "sixteen-bytes-xx", 16), 0);
	wire_clean_words_free(&t);
}

/* The next number of the tests' random sequence. */
static unsigned
next_random(unsigned *seed)
{
	return (*seed = *seed * 1103515245u + 12345u) >> 16;
}

/* Appends PARTS strings drawn at random from BITS (NBITS of them) to
 * TEXT, N bytes so far and CAP bytes of room with the NUL; returns the
 * new length. */
static size_t
append_random(char *text, size_t cap, size_t n, const char *const *bits,
              size_t nbits, unsigned parts, unsigned *seed)
{
	while (parts-- > 0) {
		const char *b = bits[next_random(seed) % nbits];

		if (n + strlen(b) >= cap)
			break;
		memcpy(text + n, b, strlen(b));
		n += strlen(b);
	}
	text[n] = '\0';
	return n;
}

TEST(clean_pattern_set_agrees_with_pcre)
{
	/* the literal scan may skip a regex only where it cannot match:
	 * random texts, each pattern set against PCRE2 run on every text */
	static const char *const pats[] = {
		"\\bun\\b", "photographer:", "/ap\\b", "colou?r", "getty images",
		"(©|\\(c\\) ?\\d{4}|copyright|all rights reserved)",
		"\\bfrom (?:£|\\$) ?\\d", " today\\b", "^read more", "^(e-?mail|send) us",
	};
	static const char *const bits[] = {
		"UN", "un ", "Photographer:", "PHOTOGRAPHER", "/AP", "/ap ", "colour",
		"COLOR", "Getty Images", "getty", "©", "(C) 2024", "copyright",
		"All Rights Reserved", "from $5", "FROM £ 9", " today", "Today",
		"Read more", "E-mail us", "email us", "\xe2\x84\xaa", "\xc5\xbf",
		"x", " ", "the ", "a", "\xe2\x80\x9c", "1999", ".", "read ", "more",
	};
	struct clean_set s;
	struct wire_patterns *ref = wire_patterns_new();
	char text[256];
	size_t i, n;
	unsigned seed = 12345;
	int t, bad = 0;

	memset(&s, 0, sizeof s);
	for (i = 0; i < sizeof pats / sizeof pats[0]; i++)
		wire_clean_set_add(&s, pats[i], false, "test", i + 1);
	for (i = 0; i < sizeof pats / sizeof pats[0]; i++)
		wire_patterns_add(ref, pats[i], "test", i + 1);
	for (t = 0; t < 20000; t++) {
		n = append_random(text, sizeof text, 0, bits, sizeof bits / sizeof bits[0],
		                  next_random(&seed) % 12, &seed);
		if (wire_clean_set_match(&s, text, n) != (wire_patterns_match(ref, text, n) >= 0))
			bad++;
	}
	CHECK_INT(bad, 0);
	wire_clean_set_free(&s);
	wire_patterns_free(ref);
}

TEST(clean_anchored_set_agrees_with_pcre)
{
	/* anchored lists chain their literals by the first four bytes (two
	 * or one for shorter ones): random openings against PCRE2 */
	static const char *const pats[] = {
		"^read more", "^(e-?mail|send) us", "^bookmark", "^ab", "^x\\b",
		"^(support|subscribe)( now)?$", "^keep\\b", "^u\\.s\\.", "^ask\\b",
		"^asks",
	};
	static const char *const bits[] = {
		"Read", "read ", "more", "E-mail", "email", " us", "send", "Bookmar",
		"book", "k", "\xe2\x84\xaa", "\xc5\xbf", "AB", "ab", "x", "X ", " ",
		"support", "SUBSCRIBE", " now", "keep", "kee", "U.S.", "u.s", ".",
		"boo", "mark", "as", "\xc5\xbf" "ub", "s", "as" "\xe2\x84\xaa",
	};
	struct clean_set s;
	struct wire_patterns *ref = wire_patterns_new();
	char text[128];
	size_t i, n;
	unsigned seed = 777;
	int t, bad = 0, hits = 0;

	memset(&s, 0, sizeof s);
	for (i = 0; i < sizeof pats / sizeof pats[0]; i++) {
		wire_clean_set_add(&s, pats[i], true, "test", i + 1);
		wire_patterns_add(ref, pats[i], "test", i + 1);
	}
	for (t = 0; t < 20000; t++) {
		bool want;

		n = append_random(text, sizeof text, 0, bits, sizeof bits / sizeof bits[0],
		                  next_random(&seed) % 5, &seed);
		want = wire_patterns_match(ref, text, n) >= 0;
		hits += want;
		if (wire_clean_set_match(&s, text, n) != want)
			bad++;
	}
	CHECK_INT(bad, 0);
	CHECK(hits > 500);
	wire_clean_set_free(&s);
	wire_patterns_free(ref);
}

/* A cleaner with the model lists and PATTERNS (a --patterns file). */
static struct wire_clean *
cleaner_with(const char *patterns)
{
	char path[] = "/tmp/wire-unit-pat-XXXXXX";
	struct wire_clean *c = wire_clean_new();
	int fd = mkstemp(path);
	size_t n = strlen(patterns);

	if (fd < 0 || write(fd, patterns, n) != (ssize_t)n)
		abort();
	close(fd);
	wire_clean_add_patterns(c, path);
	unlink(path);
	return c;
}

/* Random one-paragraph texts from BITS: the triggers the feature scan
 * records must leave each unanchored list the answer of the byte scan
 * (itself checked against PCRE2 above).  Returns the disagreements. */
static int
triggers_disagree(struct wire_clean *c, const char *const *bits, size_t nbits,
                  unsigned long *hits)
{
	char text[800];
	unsigned seed = 4321;
	int t, k, bad = 0;

	for (t = 0; t < 20000; t++) {
		unsigned parts = next_random(&seed) % 14;
		size_t n = 0, len;
		const char *s;

		/* one text in eight past WIRE_CLEAN_UNANCHORED_MAX, whose
		 * triggers are not recorded */
		if (t % 8 == 0)
			for (; n < WIRE_CLEAN_UNANCHORED_MAX; n += 5)
				memcpy(text + n, "word ", 5);
		n = append_random(text, sizeof text, n, bits, nbits, parts, &seed);
		wire_clean_run(c, text, n);
		if (wire_clean_count(c) != 1)
			continue;
		s = wire_clean_text(c, 0, &len);
		for (k = 0; k < 2; k++) {
			struct clean_set *set = k ? &c->boiler[1] : &c->caption[1];
			bool by_trig = wire_clean_trig_match(c, k, &c->par[0]);

			*hits += by_trig;
			if (by_trig != wire_clean_set_match(set, s, len))
				bad++;
		}
	}
	return bad;
}

static const char *const trig_bits[] = {
	"Photo: ", "(photo", "(PHOTOS: ", "(c) 2024", "(C)2024 ", "\xc2\xa9 ",
	"from $5 a month", "FROM \xc2\xa3\x39 per week", "/AP", "/ap.", "Reuters/",
	"reuters", "Getty Images", "getty", "copyright 2012", "xcopyright 2012",
	"all rights reserved", "Rights", "don't", "na\xc3\xafve", "\xe2\x80\x99",
	"\xe2\x84\xaa", "\xc5\xbf", "please ", "subscribe", "Subscriptions",
	"prescription", "RIPTION ", "ab", "AB", "xy", "Xy", "oxy", "abacus",
	"w\xc3\xa9", "'", " ", " ", " ", ", ", ". ", "x", "1999", "-", "(", "/",
	"terms of use", "TERMS", "today", "privacy policy", "aaaaaaaaaaaaaaaaaaab",
};

TEST(clean_triggers_agree_with_scan)
{
	/* prefixes, suffixes, short edges, ASCII signs and symbols */
	struct wire_clean *c = cleaner_with(
		"\\bsubscri\n"
		"ription\\b\n"
		"\\bab\n"
		"xy\\b\n"
		"w\xc3\xa9 ?\\d\n"
		"\\baaaaaaaaaaaaaaaaaaab\n");
	unsigned long hits = 0;

	wire_clean_run(c, "x", 1);
	CHECK(c->trigs.usable);
	CHECK(c->trigs.any_edge && c->trigs.short_edge);
	CHECK_INT(triggers_disagree(c, trig_bits, sizeof trig_bits / sizeof trig_bits[0],
	                            &hits), 0);
	CHECK(hits > 1000); /* the lists did match: the test can fail */
	wire_clean_free(c);
}

TEST(clean_triggers_fall_back_to_scan)
{
	/* a literal without a trigger (a run bounded on neither side) puts
	 * both lists back on the byte scan, with the same answers */
	struct wire_clean *c = cleaner_with("scri\n");
	unsigned long hits = 0;

	wire_clean_run(c, "x", 1);
	CHECK(!c->trigs.usable);
	CHECK_INT(triggers_disagree(c, trig_bits, sizeof trig_bits / sizeof trig_bits[0],
	                            &hits), 0);
	wire_clean_free(c);
}

TEST(clean_trigger_choice)
{
	/* a symbol first, then a long whole word, a sign, a short word, an
	 * edge of a run */
	struct clean_set s;
	static const struct { const char *pat; int mode; const char *w; unsigned cp; } want[] = {
		{"from \xc2\xa3", TRIG_CP, "", 0xa3},
		{"\\ball rights reserved", TRIG_WORD, "rights", 0},
		{"\\(photo", TRIG_CP, "", '('},
		{"\\bap photo", TRIG_WORD, "ap", 0},
		{"\\bsubscri", TRIG_PREFIX, "subscri", 0},
		{"ription\\b", TRIG_SUFFIX, "ription", 0},
		{"scri", TRIG_NONE, "", 0},
	};
	size_t i;

	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		memset(&s, 0, sizeof s);
		wire_clean_set_add(&s, want[i].pat, false, "test", 1);
		CHECK_INT(s.ntrig, 1);
		CHECK_INT(s.trig[0].mode, want[i].mode);
		CHECK_INT(s.trig[0].len, strlen(want[i].w));
		CHECK(memcmp(s.trig[0].w, want[i].w, s.trig[0].len) == 0);
		if (want[i].mode == TRIG_CP)
			CHECK_INT(s.trig[0].cp, want[i].cp);
		wire_clean_set_free(&s);
	}
}

TEST(clean_date_year_at_every_offset)
{
	/* the search for four digits in a row reads blocks of bytes: a
	 * year is found wherever it falls in a block, three digits are not
	 * a year; the last two put the year, or digits that are none, at
	 * every distance from the end, where the last block overlaps the
	 * one before */
	static const struct {
		const char *format, *fill, *want;
	} cases[] = {
		{"%.*s December 10, 2012", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "2012-12-10"},
		{"%.*s 10 Dec 2012 and 123 4", "1234 5678 1234 5678 1234 5678 1234 5678 12345",
		 "2012-12-10"},
		{"%.*s 10 Dec 201 x", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "(none)"},
		{"xxxxxxxx 10 Dec 2012%.*s", " 12 34 56 78 90 12 34 56 78 90 12 34 56 78 90",
		 "2012-12-10"},
		{"x 10 Dec 201 2%.*s", " 12 34 56 78 90 12 34 56 78 90 12 34 56 78 90", "(none)"},
	};
	char text[96];
	size_t k;
	int pad;

	for (pad = 0; pad < 40; pad++)
		for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
			snprintf(text, sizeof text, cases[k].format, pad, cases[k].fill);
			CHECK_STR(date_of(text), cases[k].want);
		}
}

/* The date of an article whose only date is in the line LINE above it. */
static const char *
date_line(const char *line)
{
	static char text[1024];
	struct wire_clean *c = cleaner();

	snprintf(text, sizeof text,
	         "Harbour council approves new ferry timetable\n\n%s\n\n"
	         "The harbour council voted on Tuesday to approve a new ferry timetable "
	         "that will add three evening sailings between the island and the "
	         "mainland from next month, the council said.\n\n"
	         "Councillors said the change followed a survey in which more than two "
	         "thousand residents asked for later crossings in the summer season.\n",
	         line);
	wire_clean_run(c, text, strlen(text));
	return wire_clean_meta(c)->date.data ? wire_clean_meta(c)->date.data : "";
}

TEST(clean_date_label_at_most_six_words)
{
	/* the search of a line for its date stops after the words a label
	 * may have */
	CHECK_STR(date_line("Last updated on Friday, January 18, 2008"), "2008-01-18");
	CHECK_STR(date_line("Ferry news: first posted on Friday, January 18, 2008"), "2008-01-18");
	CHECK_STR(date_line("Ferry news today: first posted on Friday, January 18, 2008"), "");
	CHECK_STR(date_line("Ferry news today: first posted on Friday, January 18, 2008 "
	                    "and updated on Saturday, January 19, 2008"), "");
}

/* The source of an article whose only outlet is named in a line of
 * prose after it. */
static const char *
prose_source(const char *footer)
{
	static char text[1024];
	struct wire_clean *c = cleaner();

	snprintf(text, sizeof text,
	         "Harbour council approves new ferry timetable\n\n"
	         "The harbour council voted on Tuesday to approve a new ferry timetable "
	         "that will add three evening sailings between the island and the "
	         "mainland from next month, the council said.\n\n"
	         "Councillors said the change followed a survey in which more than two "
	         "thousand residents asked for later crossings in the summer season.\n\n"
	         "%s\n", footer);
	wire_clean_run(c, text, strlen(text));
	return wire_clean_meta(c)->source.data ? wire_clean_meta(c)->source.data : "";
}

TEST(clean_source_named_in_prose)
{
	/* the quick scan before the prose search must not miss a name next
	 * to a digit, a sign outside ASCII or at the end */
	CHECK_STR(prose_source("This report first appeared in the Coast Times\xe2\x80\x94our partner."),
	          "Coast Times");
	CHECK_STR(prose_source("Story and photos via 2012Reuters."), "Reuters");
	CHECK_STR(prose_source("Our thanks to the Deseret News"), "Deseret News");
	CHECK_STR(prose_source("Our thanks to the Deseret Newsroom team."), "");
}

/* Everything the cleaner found in the last article, in one string. */
static void
clean_result(struct wire_clean *c, struct wire_buf *out)
{
	const struct wire_clean_meta *m = wire_clean_meta(c);
	size_t i, len;

	wire_buf_clear(out);
	wire_buf_printf(out, "%s|%s|%s|%s\n", m->title.data ? m->title.data : "",
	                m->date.data ? m->date.data : "", m->byline.data ? m->byline.data : "",
	                m->source.data ? m->source.data : "");
	for (i = 0; i < wire_clean_count(c); i++) {
		const char *s = wire_clean_text(c, i, &len);

		wire_buf_printf(out, "%d ", wire_clean_kind(c, i));
		wire_buf_add(out, s, len);
		wire_buf_addc(out, '\n');
	}
}

TEST(clean_escaped_run_equals_unescaped)
{
	/* a stream's text is unescaped as it is normalised: random texts
	 * with escapes at every offset of the sixteen-byte blocks, against
	 * the text unescaped first */
	static const char *const bits[] = {
		"word ", "The ", "said ", "council ", "a", "x", " ", "  ", "\n", "\n\n",
		"\r\n", "\r", "\t", "\\", "\\n", ". ", ", ", "-\n", "\xc2\xa0", "\xe2\x80\x9c",
		"\xe2\x80\x8b", "\xc3\xa9t\xc3\xa9 ", "\f", "\xe2\x80\xa2 ", "By Ann Lee\n",
		"December 10, 2012\n", "the long-", "running dispute over rest days ",
	};
	struct wire_clean *c = cleaner();
	struct wire_buf esc = {0}, want = {0}, got = {0};
	char text[1200];
	unsigned seed = 77;
	int t, bad = 0;

	for (t = 0; t < 3000; t++) {
		size_t n = append_random(text, sizeof text, 0, bits, sizeof bits / sizeof bits[0],
		                         next_random(&seed) % 80, &seed);

		wire_buf_clear(&esc);
		wire_escape(text, n, &esc);
		wire_clean_run(c, text, n);
		clean_result(c, &want);
		CHECK(wire_clean_run_escaped(c, esc.data ? esc.data : "", esc.len));
		clean_result(c, &got);
		bad += want.len != got.len || memcmp(want.data, got.data, want.len) != 0;
	}
	CHECK_INT(bad, 0);
	/* a bad escape, one cut short */
	CHECK(!wire_clean_run_escaped(c, "say \\\"hi\\\" now", 14));
	CHECK(!wire_clean_run_escaped(c, "ends with \\", 11));
	wire_buf_free(&esc);
	wire_buf_free(&want);
	wire_buf_free(&got);
}

TEST(clean_repeats_found_when_lines_share_their_ends)
{
	/* 300 distinct lines of one length alike in their first and last
	 * sixteen bytes (past the budget of the sampled hash: the search
	 * starts again with whole texts), two of them twice */
	struct wire_buf text = {0};
	struct wire_clean *c = cleaner();
	size_t i, repeated = 0;

	for (i = 0; i < 300; i++)
		wire_buf_printf(&text, "Share this story on the site %03zu of our many pages here\n\n",
		                i == 299 ? (size_t)7 : i == 298 ? (size_t)123 : i);
	wire_clean_run(c, text.data, text.len);
	CHECK_INT(wire_clean_count(c), 300);
	for (i = 0; i < wire_clean_count(c); i++)
		repeated += c->par[i].repeated;
	CHECK_INT(repeated, 4);
	CHECK(c->par[7].repeated && c->par[7].next_copy == 299);
	CHECK(c->par[123].repeated && c->par[123].next_copy == 298);
	CHECK(!c->par[8].repeated);
	/* a few such lines stay within the budget: the same answer */
	wire_buf_clear(&text);
	for (i = 0; i < 6; i++)
		wire_buf_printf(&text, "Share this story on the site %03zu of our many pages here\n\n",
		                i == 5 ? (size_t)1 : i);
	wire_clean_run(c, text.data, text.len);
	CHECK(c->par[1].repeated && c->par[1].next_copy == 5);
	CHECK(!c->par[0].repeated && !c->par[2].repeated);
	wire_buf_free(&text);
}
