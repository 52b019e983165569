/*
 * A tiny unit-test framework for libwire.  Each tests/unit/test_*.c file
 * defines tests with TEST(name) { ... } and CHECK* macros; tests register
 * themselves (a constructor), so adding a file needs no central list.
 * The runner (main.c) prints one line per failure and, last,
 * "N passed, N failed".  Run one test: unit-tests NAME.
 */
#ifndef UNIT_H
#define UNIT_H

#include <stdio.h>
#include <string.h>

struct unit_case {
	const char *name;
	void (*fn)(void);
	struct unit_case *next;
};

void unit_register(struct unit_case *c);
void unit_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define TEST(name)                                                             \
	static void name(void);                                                \
	static struct unit_case name##_case = {#name, name, NULL};             \
	__attribute__((constructor)) static void name##_register(void)         \
	{                                                                      \
		unit_register(&name##_case);                                   \
	}                                                                      \
	static void name(void)

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond))                                                   \
			unit_fail(__FILE__, __LINE__, "%s", #cond);            \
	} while (0)

#define CHECK_INT(got, want)                                                   \
	do {                                                                   \
		long long g_ = (long long)(got), w_ = (long long)(want);       \
		if (g_ != w_)                                                  \
			unit_fail(__FILE__, __LINE__, "%s == %lld, want %lld", \
			          #got, g_, w_);                               \
	} while (0)

#define CHECK_STR(got, want)                                                   \
	do {                                                                   \
		const char *g_ = (got), *w_ = (want);                          \
		if (!g_ || strcmp(g_, w_) != 0)                                \
			unit_fail(__FILE__, __LINE__, "%s == \"%s\", want \"%s\"", \
			          #got, g_ ? g_ : "(null)", w_);               \
	} while (0)

#define CHECK_MEM(got, glen, want)                                             \
	do {                                                                   \
		const char *w_ = (want);                                       \
		size_t gl_ = (glen);                                           \
		if (gl_ != strlen(w_) || memcmp((got), w_, gl_) != 0)          \
			unit_fail(__FILE__, __LINE__, "%s == \"%.*s\", want \"%s\"", \
			          #got, (int)gl_, (const char *)(got), w_);    \
	} while (0)

#endif
