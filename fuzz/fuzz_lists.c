/*
 * The list files of models/ and of --patterns / --abbreviations
 * (lines.c, wordset.c, patterns.c): the input's first line is a subject
 * text, the rest a list file.  Every entry wire_each_line hands over is
 * trimmed, not blank, not a comment, and counted once per line; a word
 * set loaded from the file holds every entry; a pattern list whose
 * patterns compile loads them all and matches the subject without a
 * sanitizer report (a match error may end the run: that is a clean die).
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <unistd.h>

#include "fuzz.h"

static char path[] = "/tmp/wire-fuzz-lists-XXXXXX";
static size_t entries;
static unsigned long last_lineno;
static struct wire_buf subject;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int fd;

	(void)argc;
	(void)argv;
	fuzz_models();
	fd = mkstemp(path);
	if (fd < 0) {
		perror("mkstemp");
		exit(1);
	}
	close(fd);
	return 0;
}

static bool
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void
check_entry(char *line, size_t len, const char *file, unsigned long lineno,
            void *set)
{
	FUZZ_CHECK(strcmp(file, path) == 0);
	FUZZ_CHECK(len > 0 && line[len] == '\0');
	FUZZ_CHECK(!blank(line[0]) && !blank(line[len - 1]) && line[0] != '#');
	FUZZ_CHECK(lineno > last_lineno);
	last_lineno = lineno;
	entries++;
	if (set)
		FUZZ_CHECK(wire_wordset_has(set, line, len));
}

/* Whether every entry of the file compiles as wire_patterns_add would
 * compile it, so that loading cannot die half-way (leaking the list
 * reader's buffer, which a real program never frees: it exits). */
static void
check_compiles(char *line, size_t len, const char *file, unsigned long lineno,
               void *ok)
{
	int err;
	PCRE2_SIZE off;
	pcre2_code *re;

	(void)len;
	(void)file;
	(void)lineno;
	re = pcre2_compile((PCRE2_SPTR)line, PCRE2_ZERO_TERMINATED,
	                   PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &err, &off, NULL);
	if (!re)
		*(bool *)ok = false;
	pcre2_code_free(re);
}

static void
write_list(const uint8_t *data, size_t size)
{
	FILE *fp = fopen(path, "w");

	if (!fp || fwrite(data, 1, size, fp) != size || fclose(fp) != 0) {
		perror(path);
		exit(1);
	}
}

static void
match_patterns(size_t expect)
{
	struct wire_patterns *volatile p = wire_patterns_new();

	wire_patterns_load(p, path);
	FUZZ_CHECK(wire_patterns_count(p) == expect);
	if (setjmp(fuzz_jmp) == 0) {
		fuzz_armed = 1;
		(void)wire_patterns_match(p, subject.data ? subject.data : "",
		                          subject.len);
	}
	fuzz_armed = 0;
	wire_patterns_free(p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t head = nl ? (size_t)(nl - data) : size;
	struct wire_wordset set;
	size_t n;
	bool compiles = true;

	wire_die_hook = fuzz_die;
	wire_buf_clear(&subject);
	wire_utf8_repair((const char *)data, head < 256 ? head : 256, &subject);
	data += nl ? head + 1 : size;
	size -= nl ? head + 1 : size;
	write_list(data, size);

	entries = 0;
	last_lineno = 0;
	wire_each_line(path, check_entry, NULL);
	n = entries;

	wire_wordset_init(&set);
	wire_wordset_load(&set, path);
	FUZZ_CHECK(set.count <= n);
	entries = 0;
	last_lineno = 0;
	wire_each_line(path, check_entry, &set);
	wire_wordset_free(&set);

	wire_each_line(path, check_compiles, &compiles);
	if (compiles)
		match_patterns(n);
	return 0;
}
