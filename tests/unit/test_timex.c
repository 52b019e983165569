/* DATE, TIME, MONEY, PERCENT and QUANTITY rules (lib/timex.c with
 * models/timex.patterns): what is tagged, what is left alone, offsets. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "wire.h"

static struct wire_timex *
rules(void)
{
	static struct wire_timex *tx;

	if (!tx)
		tx = wire_timex_load(NULL);
	return tx;
}

/* The spans found in S as "TYPE[text]" joined by '|'. */
static const char *
spans(const char *s)
{
	static char out[1024];
	struct wire_span *sp = NULL;
	size_t n = 0, cap = 0, i, at = 0, len = strlen(s);

	wire_timex_find(rules(), s, len, &sp, &n, &cap);
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		size_t b = wire_utf8_offset(s, len, sp[i].start);
		size_t e = wire_utf8_offset(s, len, sp[i].end);

		at += (size_t)snprintf(out + at, sizeof out - at, "%s%s[%.*s]",
		                       i ? "|" : "", wire_etype_name(sp[i].type),
		                       (int)(e - b), s + b);
		if (at >= sizeof out)
			break;
	}
	free(sp);
	return out;
}

static const struct {
	const char *text, *want;
} cases[] = {
	/* dates as the seeds write them */
	{"December 10, 2012", "DATE[December 10, 2012]"},
	{"- Dec 22, 2012 6:29 AM PT", "DATE[Dec 22, 2012]|TIME[6:29 AM PT]"},
	{"Russia said Sunday it has no intention", "DATE[Sunday]"},
	{"talks in Dublin last week with the envoy", "DATE[last week]"},
	{"the June 30 Geneva declaration", "DATE[June 30]"},
	{"Since July 1, 2024, we", "DATE[July 1, 2024]"},
	{"since March 2011, according to", "DATE[March 2011]"},
	{"on May 10, 2010 in Beirut", "DATE[May 10, 2010]"},
	{"the 22nd of December 2012", "DATE[the 22nd of December 2012]"},
	{"Sunday, Dec. 22, 2012", "DATE[Sunday, Dec. 22, 2012]"},
	{"published 2012-12-22 at", "DATE[2012-12-22]"},
	{"In 2012, the vote", "DATE[2012]"},
	{"2012 was a hard year", "DATE[2012]"},
	{"the 2012 election", "DATE[2012]"},
	{"in the 1990s and the '90s", "DATE[the 1990s]|DATE[the '90s]"},
	{"in mid-December", "DATE[mid-December]"},
	{"in March the troops", "DATE[March]"},
	{"Yesterday and today", "DATE[Yesterday]|DATE[today]"},
	{"two years ago", "DATE[two years ago]"},
	{"for the past 30 years", "DATE[the past 30 years]"},
	{"after almost 21 months of conflict", "DATE[21 months]"},
	{"a 20-month-old uprising", "DATE[20-month-old]"},
	{"in recent days", "DATE[recent days]"},
	{"a couple of years ago", "DATE[a couple of years ago]"},
	{"in the coming weeks", "DATE[the coming weeks]"},
	{"over the past few days", "DATE[the past few days]"},
	{"later the same year", "DATE[the same year]"},
	{"Today’s vote", "DATE[Today]"},
	{"a 2011 study", "DATE[2011]"},
	{"Pian (1922 - 2013) was", "DATE[1922 - 2013]"},
	{"in the 19th century", "DATE[the 19th century]"},
	{"our 9-May-2006 meeting", "DATE[9-May-2006]"},
	{"the last one hundred years", "DATE[the last one hundred years]"},
	/* times */
	{"at 7:19 PM and 6 p.m.", "TIME[7:19 PM]|TIME[6 p.m.]"},
	{"at noon, at midnight", "TIME[noon]|TIME[midnight]"},
	{"last night and this morning", "TIME[last night]|TIME[this morning]"},
	{"late on Sunday night", "TIME[Sunday night]"},
	{"for two hours", "TIME[two hours]"},
	/* money */
	{"It costs us $10,000 a month", "MONEY[$10,000 a month]"},
	{"from just $2.", "MONEY[$2]"},
	{"a $1.5 billion loan", "MONEY[$1.5 billion]"},
	{"10 million euros", "MONEY[10 million euros]"},
	{"US$5m and £3bn", "MONEY[US$5m]|MONEY[£3bn]"},
	{"EUR 40 or 40 USD", "MONEY[EUR 40]|MONEY[40 USD]"},
	{"50 cents", "MONEY[50 cents]"},
	{"paid $15 an hour", "MONEY[$15 an hour]"},
	{"2 million pounds", "MONEY[2 million pounds]"},
	{"profit of 12.5 mln dlrs", "MONEY[12.5 mln dlrs]"},
	/* percent */
	{"grew 3.5% last year", "PERCENT[3.5%]|DATE[last year]"},
	{"40 percent, 40 per cent", "PERCENT[40 percent]|PERCENT[40 per cent]"},
	{"three to four percent", "PERCENT[three to four percent]"},
	{"2 percentage points", "PERCENT[2 percentage points]"},
	/* quantities: measures only */
	{"a 20-km convoy", "QUANTITY[20-km]"},
	{"5 tonnes of aid", "QUANTITY[5 tonnes]"},
	{"40 degrees Celsius", "QUANTITY[40 degrees Celsius]"},
	{"100,000 barrels a day", "QUANTITY[100,000 barrels]"},
	{"lost 20 pounds", "QUANTITY[20 pounds]"},
	/* left alone: counts, bare numbers, May and march as words */
	{"killed at least 40,000 people", ""},
	{"four more people were killed", ""},
	{"The index rose 12.5 points to 2,345", ""},
	{"Theresa May said they may march", ""},
	{"the troops march on", ""},
	{"Jan Egeland said", ""},
	{"told USA TODAY", ""},
	{"a second round", ""},
	{"tens of thousands of deaths", ""},
	{"he scored 3.50", ""},
	{"", ""},
	/* boundaries: not inside words or numbers */
	{"Sundays", ""},
	{"X2012Y", ""},
};

TEST(timex_cases)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *got = spans(cases[i].text);

		if (strcmp(got, cases[i].want) != 0)
			unit_fail(__FILE__, __LINE__, "\"%s\" -> \"%s\", want \"%s\"",
			          cases[i].text, got, cases[i].want);
	}
}

TEST(timex_offsets_are_code_points)
{
	/* "Güncelleme": one two-byte letter before the date */
	const char *s = "Güncelleme “Dec. 5” 2012";
	struct wire_span *sp = NULL;
	size_t n = 0, cap = 0;

	CHECK_INT(wire_timex_find(rules(), s, strlen(s), &sp, &n, &cap), 1);
	CHECK_INT(n, 1);
	CHECK_INT(sp[0].start, 12);
	CHECK_INT(sp[0].end, 18);
	CHECK_INT(sp[0].type, WIRE_DATE);
	CHECK_INT(sp[0].id, 0);
	free(sp);
}

TEST(timex_appends)
{
	const char *s = "on Sunday";
	struct wire_span *sp = NULL;
	size_t n = 0, cap = 0;

	wire_timex_find(rules(), s, strlen(s), &sp, &n, &cap);
	CHECK_INT(wire_timex_find(rules(), s, strlen(s), &sp, &n, &cap), 1);
	CHECK_INT(n, 2);
	CHECK_INT(sp[1].start, 3);
	CHECK_INT(sp[1].end, 9);
	free(sp);
}

/* Many spans in one long text: no overlaps, in order, same as alone. */
TEST(timex_long_text)
{
	static char buf[64 * 1024];
	const char *piece = "On Dec 22, 2012 at 6:29 AM PT it cost $10,000, up 3.5% on "
	                    "last week; 40,000 people walked 20 km. ";
	size_t len = 0, n = 0, cap = 0, plen = strlen(piece);
	struct wire_span *sp = NULL;

	while (len + plen < sizeof buf) {
		memcpy(buf + len, piece, plen);
		len += plen;
	}
	buf[len] = '\0';
	wire_timex_find(rules(), buf, len, &sp, &n, &cap);
	CHECK_INT(n, (len / plen) * 6);
	for (size_t i = 1; i < n; i++)
		CHECK(sp[i].start >= sp[i - 1].end);
	free(sp);
}

TEST(timex_user_rules)
{
	char path[] = "/tmp/wire-timex-XXXXXX";
	int fd = mkstemp(path);
	FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
	struct wire_timex *tx;
	struct wire_span *sp = NULL;
	size_t n = 0, cap = 0;
	const char *s = "a fortnight from now, in a fortnight";

	CHECK(fp != NULL);
	if (!fp)
		return;
	fputs("# a user's own rule, with a macro and a trigger\n"
	      "trigger\tfortnight\n"
	      "define\tFN\tfortnight\n"
	      "DATE\ta {FN}(?: from now)?\n", fp);
	fclose(fp);
	tx = wire_timex_load(path);
	wire_timex_find(tx, s, strlen(s), &sp, &n, &cap);
	CHECK_INT(n, 2);
	CHECK_INT(sp[0].start, 0);
	CHECK_INT(sp[0].end, 20);
	CHECK_INT(sp[1].start, 25);
	wire_timex_free(tx);
	free(sp);
	unlink(path);
}

/* Random texts from pieces that trigger the rules, glued without and
 * with spaces: spans stay non-empty, in order, apart and inside the
 * text (and ASan sees no stray read). */
TEST(timex_random_texts)
{
	static const char *const piece[] = {
		"$", "1", "12", "2012", ",", ".", ":", "May", "March", "Dec.",
		"22", "’s", "'", "\xC2\xA0", " ", " ", " ", "last", "week",
		"-", "é", "percent", "%", "km", "the", "1990s", "AM", "PT",
		"million", "dollars", "Sunday", "night", "ago", "two", "(",
	};
	unsigned long seed = 12345;
	char buf[256];
	struct wire_span *sp = NULL;
	size_t cap = 0;

	for (int round = 0; round < 3000; round++) {
		size_t len = 0, n = 0, cps;

		while (len < 200) {
			const char *p;

			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			p = piece[(seed >> 33) % (sizeof piece / sizeof piece[0])];
			if (len + strlen(p) >= 200)
				break;
			memcpy(buf + len, p, strlen(p));
			len += strlen(p);
		}
		buf[len] = '\0';
		cps = wire_utf8_count(buf, len);
		wire_timex_find(rules(), buf, len, &sp, &n, &cap);
		for (size_t i = 0; i < n; i++) {
			CHECK(sp[i].start < sp[i].end);
			CHECK(sp[i].end <= cps);
			CHECK(i == 0 || sp[i].start >= sp[i - 1].end);
		}
	}
	free(sp);
}
