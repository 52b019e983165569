/*
 * Shared by the libFuzzer harnesses in fuzz/ (see fuzz/README.md).
 *
 * libwire ends the program on bad input (wire_die_at -> exit(1)); for the
 * fuzzer that is a correct, finding-free outcome, so the harness installs
 * wire_die_hook and longjmps back out of the library.  Anything else
 * that ends the run (a sanitizer report, an abort from FUZZ_CHECK, a
 * real exit) is a finding.
 */
#ifndef WIRE_FUZZ_H
#define WIRE_FUZZ_H

#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static jmp_buf fuzz_jmp;
static volatile int fuzz_armed;

__attribute__((unused)) static void
fuzz_die(int status)
{
	(void)status;
	if (fuzz_armed) {
		fuzz_armed = 0;
		longjmp(fuzz_jmp, 1);
	}
	/* Returning makes libwire exit(): libFuzzer reports that. */
}

/* Use:
 *	wire_die_hook = fuzz_die;
 *	if (setjmp(fuzz_jmp) == 0) {
 *		fuzz_armed = 1;
 *		... code that may die ...
 *	}
 *	fuzz_armed = 0;
 * Locals changed inside and read after must be volatile (C11 7.13.2.1). */

/* A broken invariant: abort, which libFuzzer records as a crash. */
#define FUZZ_CHECK(cond)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
			        __LINE__, #cond);                              \
			abort();                                               \
		}                                                              \
	} while (0)

/* The models directory of the checkout, unless $WIRE_MODELS says other. */
static void
fuzz_models(void)
{
#ifdef FUZZ_MODELS_DIR
	setenv("WIRE_MODELS", FUZZ_MODELS_DIR, 0);
#endif
	wire_progname = "fuzz";
}

#endif
