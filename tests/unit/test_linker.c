/* Name linking within a document (lib/linker.c): which mentions are one
 * entity, the canonical name, the ids. */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "wire.h"

/* Links the mentions of DOC, "TYPE:mention|TYPE:mention|...", and
 * returns "id:name" for each, joined by '|'. */
static const char *
link_doc(struct wire_linker *lk, const char *doc)
{
	static char out[2048];
	const char *p = doc;
	int idx[64];
	size_t n = 0, at = 0, i;

	wire_linker_reset(lk);
	while (*p && n < 64) {
		const char *colon = strchr(p, ':');
		const char *bar = strchr(p, '|');
		size_t end = bar ? (size_t)(bar - p) : strlen(p);
		int type = wire_etype_parse(p, (size_t)(colon - p));

		idx[n++] = wire_linker_add(lk, type, colon + 1,
		                           end - (size_t)(colon + 1 - p));
		p += end + (bar ? 1 : 0);
	}
	wire_linker_resolve(lk);
	out[0] = '\0';
	for (i = 0; i < n && at < sizeof out; i++) {
		int id = wire_linker_id(lk, idx[i]);

		at += (size_t)snprintf(out + at, sizeof out - at, "%s%d:%s",
		                       i ? "|" : "", id, wire_linker_name(lk, id));
	}
	return out;
}

static const struct {
	const char *doc, *want;
} cases[] = {
	/* the fullest form, middle initials left out */
	{"PER:Lavrov|PER:Sergei Lavrov|PER:Sergei V. Lavrov",
	 "1:Sergei Lavrov|1:Sergei Lavrov|1:Sergei Lavrov"},
	{"PER:Sergei V. Lavrov|PER:Lavrov", "1:Sergei Lavrov|1:Sergei Lavrov"},
	/* name particles */
	{"PER:Assad|PER:Bashar Assad|PER:Bashar al-Assad",
	 "1:Bashar al-Assad|1:Bashar al-Assad|1:Bashar al-Assad"},
	{"PER:Bashar al-Assad|PER:al-Assad|PER:Assad's",
	 "1:Bashar al-Assad|1:Bashar al-Assad|1:Bashar al-Assad"},
	{"PER:Staffan de Mistura|PER:de Mistura|PER:Mistura",
	 "1:Staffan de Mistura|1:Staffan de Mistura|1:Staffan de Mistura"},
	{"PER:Ludwig van Beethoven|PER:Beethoven",
	 "1:Ludwig van Beethoven|1:Ludwig van Beethoven"},
	/* possessives and honorifics */
	{"PER:Assad's|PER:Bashar Assad", "1:Bashar Assad|1:Bashar Assad"},
	{"PER:Lakhdar Brahimi|PER:Mr. Brahimi|PER:Brahimi’s",
	 "1:Lakhdar Brahimi|1:Lakhdar Brahimi|1:Lakhdar Brahimi"},
	{"PER:James Jones|PER:Jones'", "1:James Jones|1:James Jones"},
	/* titles a tagger left in the span */
	{"PER:Foreign Minister Sergei Lavrov|PER:Lavrov|PER:President Vladimir Putin",
	 "1:Sergei Lavrov|1:Sergei Lavrov|2:Vladimir Putin"},
	{"PER:John Major|PER:Major", "1:John Major|1:John Major"},
	/* acronyms, with and without periods, both orders */
	{"ORG:U.N.|ORG:UN|ORG:United Nations",
	 "1:United Nations|1:United Nations|1:United Nations"},
	{"ORG:the United Nations|ORG:U.N.'s", "1:United Nations|1:United Nations"},
	{"ORG:North Atlantic Treaty Organization|ORG:NATO",
	 "1:North Atlantic Treaty Organization|1:North Atlantic Treaty Organization"},
	{"ORG:Federal Bureau of Investigation|ORG:FBI",
	 "1:Federal Bureau of Investigation|1:Federal Bureau of Investigation"},
	{"LOC:U.S.|LOC:United States|LOC:US",
	 "1:United States|1:United States|1:United States"},
	/* the last word of an organisation's name, unless generic */
	{"ORG:Pittsburgh Pirates|ORG:Pirates", "1:Pittsburgh Pirates|1:Pittsburgh Pirates"},
	{"ORG:Syrian National Council|ORG:Council", "1:Syrian National Council|2:Council"},
	/* post-nominal letters */
	{"PER:Daniel Bernoulli FRS|PER:Daniel Bernoulli|PER:Bernoulli",
	 "1:Daniel Bernoulli FRS|1:Daniel Bernoulli FRS|1:Daniel Bernoulli FRS"},
	/* company designators */
	{"ORG:Microsoft Corp.|ORG:Microsoft", "1:Microsoft Corp.|1:Microsoft Corp."},
	/* same first and last name */
	{"PER:Hillary Rodham Clinton|PER:Hillary Clinton",
	 "1:Hillary Rodham Clinton|1:Hillary Rodham Clinton"},
	/* an ambiguous short form right after a full name is that person */
	{"PER:Bill Clinton|PER:Hillary Clinton|PER:Clinton|PER:Bill Clinton|PER:Clinton",
	 "1:Bill Clinton|2:Hillary Clinton|2:Hillary Clinton|1:Bill Clinton|1:Bill Clinton"},
	{"PER:Bill Clinton|PER:Hillary Clinton|LOC:Dublin|DATE:Sunday|PER:Clinton",
	 "1:Bill Clinton|2:Hillary Clinton|3:Dublin|4:Sunday|2:Hillary Clinton"},
	/* further on, the person named first (the article's subject) */
	{"PER:Jared Padalecki|PER:Padalecki|LOC:Texas|PER:Sherri Padalecki|"
	 "LOC:Austin|LOC:Dallas|PER:Padalecki",
	 "1:Jared Padalecki|1:Jared Padalecki|2:Texas|3:Sherri Padalecki|"
	 "4:Austin|5:Dallas|1:Jared Padalecki"},
	/* a short form before any full name links forward */
	{"PER:Assad|PER:Lavrov|PER:Bashar Assad|PER:Sergei Lavrov",
	 "1:Bashar Assad|2:Sergei Lavrov|1:Bashar Assad|2:Sergei Lavrov"},
	/* first name alone */
	{"PER:Hillary Clinton|PER:Hillary", "1:Hillary Clinton|1:Hillary Clinton"},
	/* different people stay apart */
	{"PER:Sergei Lavrov|PER:Sergei Ryabkov|PER:Ryabkov|PER:Lavrov",
	 "1:Sergei Lavrov|2:Sergei Ryabkov|2:Sergei Ryabkov|1:Sergei Lavrov"},
	{"PER:George Bush|PER:George Washington",
	 "1:George Bush|2:George Washington"},
	/* types are kept apart... */
	{"LOC:Russia|ORG:Russia|LOC:Russia", "1:Russia|2:Russia|1:Russia"},
	{"LOC:Washington|PER:George Washington", "1:Washington|2:George Washington"},
	/* ...except a lone surname mistyped after the full name */
	{"PER:Bashar Assad|ORG:Assad|MISC:Assad's",
	 "1:Bashar Assad|1:Bashar Assad|1:Bashar Assad"},
	/* (not a place: Washington the city is not George Washington) */
	{"PER:George Washington|LOC:Washington",
	 "1:George Washington|2:Washington"},
	/* ...and a lone person word that names an organisation */
	{"ORG:Kommersant|PER:Kommersant|PER:Sergei Lavrov",
	 "1:Kommersant|1:Kommersant|2:Sergei Lavrov"},
	{"PER:Kommersant|ORG:Kommersant", "1:Kommersant|1:Kommersant"},
	/* but not a person who has a full name */
	{"PER:Michael Jordan|LOC:Jordan|PER:Jordan",
	 "1:Michael Jordan|2:Jordan|1:Michael Jordan"},
	/* rule types: same text is the same entity, first form kept */
	{"DATE:Sunday|DATE:Sunday's|DATE:Monday|MONEY:$10,000|MONEY:$10,000",
	 "1:Sunday|1:Sunday|2:Monday|3:$10,000|3:$10,000"},
	/* a headline in capitals does not name the entity */
	{"PER:SERGEI LAVROV|PER:Sergei Lavrov|PER:LAVROV",
	 "1:Sergei Lavrov|1:Sergei Lavrov|1:Sergei Lavrov"},
	{"LOC:WASHINGTON|LOC:Washington", "1:Washington|1:Washington"},
	/* a date with its month abbreviated is the same date */
	{"DATE:Dec. 22, 2012|DATE:December 22, 2012|DATE:Dec 22|DATE:Sept. 5|DATE:September 5",
	 "1:Dec. 22, 2012|1:Dec. 22, 2012|2:Dec 22|3:Sept. 5|3:Sept. 5"},
	/* white space does not matter */
	{"PER:Sergei  Lavrov|PER:Sergei\tLavrov", "1:Sergei Lavrov|1:Sergei Lavrov"},
	/* ids in order of first mention */
	{"LOC:Moscow|PER:Lavrov|LOC:Damascus|PER:Sergei Lavrov|LOC:Moscow",
	 "1:Moscow|2:Sergei Lavrov|3:Damascus|2:Sergei Lavrov|1:Moscow"},
};

TEST(linker_cases)
{
	struct wire_linker *lk = wire_linker_new();

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *got = link_doc(lk, cases[i].doc);

		if (strcmp(got, cases[i].want) != 0)
			unit_fail(__FILE__, __LINE__, "%s\n     -> %s\n   want %s",
			          cases[i].doc, got, cases[i].want);
	}
	wire_linker_free(lk);
}

TEST(linker_types_and_count)
{
	struct wire_linker *lk = wire_linker_new();

	link_doc(lk, "PER:Bashar Assad|ORG:Assad|LOC:Syria|ORG:UN");
	CHECK_INT(wire_linker_count(lk), 3);
	CHECK_INT(wire_linker_type(lk, 1), WIRE_PER);
	CHECK_INT(wire_linker_type(lk, 2), WIRE_LOC);
	CHECK_INT(wire_linker_type(lk, 3), WIRE_ORG);
	CHECK_INT(wire_linker_type(lk, 4), -1);
	CHECK_STR(wire_linker_name(lk, 4), "");
	CHECK_INT(wire_linker_id(lk, 99), 0);
	link_doc(lk, "PER:Kommersant|ORG:Kommersant");
	CHECK_INT(wire_linker_count(lk), 1);
	CHECK_INT(wire_linker_type(lk, 1), WIRE_ORG);
	wire_linker_free(lk);
}

/* Reset forgets the previous document. */
TEST(linker_reset)
{
	struct wire_linker *lk = wire_linker_new();

	link_doc(lk, "PER:Sergei Lavrov");
	CHECK_STR(link_doc(lk, "PER:Lavrov"), "1:Lavrov");
	wire_linker_reset(lk);
	wire_linker_resolve(lk);
	CHECK_INT(wire_linker_count(lk), 0);
	wire_linker_free(lk);
}

/* A long document: many mentions and entities, ids dense and stable. */
TEST(linker_many)
{
	struct wire_linker *lk = wire_linker_new();
	char name[64];
	int first[200];

	for (int round = 0; round < 2; round++) {
		wire_linker_reset(lk);
		for (int i = 0; i < 200; i++) {
			snprintf(name, sizeof name, "Person%c%c Name%d",
			         'A' + i % 26, 'a' + i / 26, i);
			first[i] = wire_linker_add(lk, WIRE_PER, name, strlen(name));
		}
		for (int i = 0; i < 200; i++) {
			snprintf(name, sizeof name, "Name%d", i);
			wire_linker_add(lk, WIRE_PER, name, strlen(name));
		}
		wire_linker_resolve(lk);
		CHECK_INT(wire_linker_count(lk), 200);
		for (int i = 0; i < 200; i++) {
			CHECK_INT(wire_linker_id(lk, first[i]), i + 1);
			CHECK_INT(wire_linker_id(lk, 200 + i), i + 1);
		}
	}
	wire_linker_free(lk);
}

/* Odd mentions a tagger might pass: nothing breaks, each gets an id. */
TEST(linker_odd_mentions)
{
	struct wire_linker *lk = wire_linker_new();
	static const char *const odd[] = {
		"", " ", "'s", "’s", "the", "The", "Mr.", "V.", "al-", "-",
		"Sergei V.", "A. B. C. D. E. F. G. H. I. J. K. L. M. N. O. P. Q. R. S. T. U. V. W. X. Y. Z. Smith",
		"Ölüdeniz Çağlayan", "\xE2\x80\x99", "U.N.'s", "s'",
	};
	size_t n = sizeof odd / sizeof odd[0];
	int idx[2 * sizeof odd / sizeof odd[0]];

	for (int round = 0; round < 2; round++) {
		wire_linker_reset(lk);
		for (size_t i = 0; i < n; i++) {
			idx[2 * i] = wire_linker_add(lk, WIRE_PER, odd[i], strlen(odd[i]));
			idx[2 * i + 1] = wire_linker_add(lk, WIRE_ORG, odd[i], strlen(odd[i]));
		}
		wire_linker_resolve(lk);
		for (size_t i = 0; i < 2 * n; i++) {
			int id = wire_linker_id(lk, idx[i]);

			CHECK(id >= 1 && id <= wire_linker_count(lk));
			CHECK(wire_linker_name(lk, id) != NULL);
		}
	}
	wire_linker_free(lk);
}
