# wire - small C filters for news text.  See README.md.
#
#   make            build every program into bin/
#   make check      unit tests + Bats suite, then again under ASan+UBSan
#   make eval       accuracy figures on ../shared/data (skips when absent)
#   make bench      throughput and peak memory
#   make demo       run the pipeline on the bundled sample articles
#   make install PREFIX=/usr/local DESTDIR=
#
# Programs are discovered: filters/NAME.c becomes bin/NAME, lib/*.c is
# libwire, tests/*.bats the suite, eval/*.sh the evaluations.

VERSION   = 0.1.0
PREFIX   ?= /usr/local
BINDIR_I  = $(PREFIX)/bin
MANDIR_I  = $(PREFIX)/share/man
DATADIR_I = $(PREFIX)/share/wire

CC       ?= cc
CFLAGS   ?= -O2 -g
SAN      ?= 0

ifeq ($(SAN),1)
  BUILD   = build/san
  BIN     = build/san/bin
  CFLAGS += -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
  LDFLAGS += -fsanitize=address,undefined
else
  BUILD   = build/$(notdir $(CC))
  BIN     = bin
endif

PCRE_CFLAGS := $(shell pkg-config --cflags libpcre2-8 2>/dev/null)
PCRE_LIBS   := $(shell pkg-config --libs libpcre2-8 2>/dev/null || echo -lpcre2-8)

GNULIB     = build/gnulib
GNULIB_A   = $(GNULIB)/gllib/libgnu.a

WIRE_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-DWIRE_VERSION='"$(VERSION)"' -DWIRE_MODELS_DIR='"$(DATADIR_I)/models"' \
	-Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-include $(GNULIB)/config.h -I$(GNULIB)/gllib -I$(GNULIB) -Ilib $(PCRE_CFLAGS)
LIBS = $(GNULIB_A) $(PCRE_LIBS) -lcsv -lm

LIB_SRC  = $(wildcard lib/*.c)
LIB_OBJ  = $(patsubst %.c,$(BUILD)/%.o,$(LIB_SRC))
LIBWIRE  = $(BUILD)/libwire.a
PROG_SRC = $(wildcard filters/*.c)
PROGS    = $(patsubst filters/%.c,$(BIN)/%,$(PROG_SRC))
UNIT_SRC = $(wildcard tests/unit/*.c)
UNIT     = $(BUILD)/unit-tests
MANPAGES = $(wildcard man/*.1 man/*.7)
# demo.sh runs on the samples/ of a source tree: not installed.
SCRIPTS  = $(filter-out %.md pipelines/demo.sh,$(wildcard pipelines/*))

BATS_JOBS ?= 2

.PHONY: all check test unit bats eval bench demo deps deps-check install \
	uninstall clean model fuzz
.SUFFIXES:
.SECONDARY:

all: $(PROGS)

# --- dependencies --------------------------------------------------------
deps:
	@sh build-aux/deps.sh install

# --- gnulib's getopt-gnu, imported into the build tree, never committed --
$(GNULIB_A):
	@sh build-aux/deps.sh check
	@echo "  GNULIB  getopt-gnu"
	@rm -rf $(GNULIB) && mkdir -p build
	@gnulib-tool --create-testdir --without-tests --dir=$(GNULIB) getopt-gnu >$(GNULIB).log 2>&1 \
	  || { cat $(GNULIB).log; exit 1; }
	@cd $(GNULIB) && ./configure -q -C --disable-dependency-tracking CC=cc CFLAGS=-O2 >>../gnulib.log 2>&1 \
	  && $(MAKE) -s >>../gnulib.log 2>&1 || { cat build/gnulib.log; exit 1; }

# --- compile -------------------------------------------------------------
$(BUILD)/%.o: %.c lib/wire.h $(GNULIB_A)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS) $(WIRE_CFLAGS) -c -o $@ $<

$(LIBWIRE): $(LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(BIN)/%: $(BUILD)/filters/%.o $(LIBWIRE)
	@mkdir -p $(BIN)
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) -o $@ $< $(LIBWIRE) $(LIBS)

$(UNIT): $(patsubst %.c,$(BUILD)/%.o,$(UNIT_SRC)) $(LIBWIRE)
	@$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) $(LIBWIRE) $(LIBS)

# --- tests ---------------------------------------------------------------
# check: the whole suite, plain and then under ASan+UBSan.
check: deps-check
	@$(MAKE) --no-print-directory test
	@$(MAKE) --no-print-directory test SAN=1

deps-check:
	@sh build-aux/deps.sh ensure

test: all unit bats

unit: $(UNIT)
	@echo "  UNIT    lib"
	@WIRE_MODELS=$(CURDIR)/models $(UNIT)

bats: all
	@echo "  BATS    tests/ ($(BIN))"
	@WIRE_BIN=$(CURDIR)/$(BIN) WIRE_MODELS=$(CURDIR)/models WIRE_ROOT=$(CURDIR) \
	  $(VALGRIND_ENV) BATS_JOBS=$(BATS_JOBS) sh build-aux/run-bats.sh tests/

# --- evaluations on ../shared/data ---------------------------------------
eval: all
	@WIRE_BIN=$(CURDIR)/$(BIN) WIRE_MODELS=$(CURDIR)/models WIRE_ROOT=$(CURDIR) \
	  sh eval/run.sh

bench: all
	@WIRE_BIN=$(CURDIR)/$(BIN) WIRE_MODELS=$(CURDIR)/models WIRE_ROOT=$(CURDIR) \
	  sh bench/run.sh

demo: deps-check all
	@WIRE_BIN=$(CURDIR)/$(BIN) WIRE_MODELS=$(CURDIR)/models \
	  sh pipelines/demo.sh

# --- install -------------------------------------------------------------
install: all
	mkdir -p $(DESTDIR)$(BINDIR_I) $(DESTDIR)$(MANDIR_I)/man1 \
	  $(DESTDIR)$(MANDIR_I)/man7 $(DESTDIR)$(DATADIR_I)/models \
	  $(DESTDIR)$(DATADIR_I)/pipelines
	cp $(PROGS) $(DESTDIR)$(BINDIR_I)/
	for m in $(MANPAGES); do \
	  s=$${m##*.}; cp $$m $(DESTDIR)$(MANDIR_I)/man$$s/; done
	cp -R models/. $(DESTDIR)$(DATADIR_I)/models/
	if [ -n "$(SCRIPTS)" ]; then cp $(SCRIPTS) $(DESTDIR)$(DATADIR_I)/pipelines/; fi

uninstall:
	for p in $(notdir $(PROGS)); do rm -f $(DESTDIR)$(BINDIR_I)/$$p; done
	for m in $(notdir $(MANPAGES)); do \
	  s=$${m##*.}; rm -f $(DESTDIR)$(MANDIR_I)/man$$s/$$m; done
	rm -rf $(DESTDIR)$(DATADIR_I)

clean:
	rm -rf bin build

# --- program-specific rules ----------------------------------------------
# Each program that needs more than the generic rules adds a block here.

# wire-tag-entities: `make model` rebuilds models/ner.clusters (word
# clusters of the Reuters-21578 text and the CoNLL-2003 training text) and
# models/ner.model (trained on CoNLL-2003 train only) from ../shared/data.
# Deterministic: the same data gives the same bytes.
NER_DATA = ../shared/data
.PHONY: ner-model ner-clusters
model: ner-model
ner-clusters: $(BIN)/wire-tag-entities
	$(BIN)/wire-tag-entities --build-clusters -v -o models/ner.clusters \
	  $(NER_DATA)/unlabeled/reuters21578.txt $(NER_DATA)/conll2003/train.iob1
ner-model: ner-clusters
	$(BIN)/wire-tag-entities --train $(NER_DATA)/conll2003/train.iob1 \
	  --clusters models/ner.clusters -v -o models/ner.model

# --- hardening: fuzzing, fault injection, valgrind (fuzz/README.md) ------
# make fuzz FUZZ_SECONDS=N [FUZZ_TARGETS="reader csv"]: builds every
# fuzz/fuzz_*.c with clang's libFuzzer, ASan and UBSan into build/fuzz and
# runs each for N seconds, one after another, from its seed corpus.
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_BUILD    = build/fuzz
FUZZ_TARGETS ?= $(patsubst fuzz/fuzz_%.c,%,$(wildcard fuzz/fuzz_*.c))
FUZZ_SAN      = -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=all
FUZZ_LIBWIRE  = $(FUZZ_BUILD)/libwire.a

$(FUZZ_BUILD)/lib/%.o: lib/%.c lib/wire.h $(GNULIB_A)
	@mkdir -p $(dir $@)
	@echo "  CC      $< (fuzz)"
	@$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer-no-link $(WIRE_CFLAGS) -c -o $@ $<

$(FUZZ_LIBWIRE): $(patsubst %.c,$(FUZZ_BUILD)/%.o,$(LIB_SRC))
	@rm -f $@
	@ar rcs $@ $^

$(FUZZ_BUILD)/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz.h $(FUZZ_LIBWIRE)
	@echo "  LD      $@"
	@$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer $(WIRE_CFLAGS) \
	  -DFUZZ_MODELS_DIR='"$(CURDIR)/models"' -o $@ $< $(FUZZ_LIBWIRE) $(LIBS)

fuzz-build: $(patsubst %,$(FUZZ_BUILD)/fuzz_%,$(FUZZ_TARGETS))
.PHONY: fuzz-build

fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
	  sh fuzz/run.sh $(FUZZ_BUILD) $$t $(FUZZ_SECONDS) || exit 1; done

# The fault-injection shim of tests/hardening.bats (LD_PRELOAD).
FAILSHIM = build/failshim.so
$(FAILSHIM): tests/faults/failshim.c
	@mkdir -p build
	@echo "  CC      $< (shim)"
	@$(CC) -std=c11 -D_GNU_SOURCE -O2 -g -Wall -Wextra -Werror -fPIC -shared \
	  -o $@ $< -ldl
bats: $(FAILSHIM)

# make check VALGRIND=1: the plain pass runs every program of the Bats
# suite under valgrind (memory errors, definite and indirect leaks), via
# wrappers that tests/test_helper.bash puts first on PATH.  Not with SAN=1.
VALGRIND ?= 0
VALGRIND_DIR = $(CURDIR)/build/valgrind
ifeq ($(VALGRIND):$(SAN),1:0)
VALGRIND_ENV = WIRE_VALGRIND=$(VALGRIND_DIR)
bats: valgrind-wrappers
endif
valgrind-wrappers: $(PROGS)
	@rm -rf $(VALGRIND_DIR) && sh tests/faults/valgrind-wrap.sh $(VALGRIND_DIR) $(PROGS)
.PHONY: valgrind-wrappers

# wire-clean: its lib files, unit tests and fuzz harness share lib/clean_int.h.
$(patsubst %.c,$(BUILD)/%.o,$(wildcard lib/clean*.c) tests/unit/test_clean.c): lib/clean_int.h
$(patsubst %.c,$(FUZZ_BUILD)/%.o,$(wildcard lib/clean*.c)) $(FUZZ_BUILD)/fuzz_clean: lib/clean_int.h
