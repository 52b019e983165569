# wire.mk - the news-to-csv job as an incremental batch for make(1).
#
#   make -f pipelines/wire.mk IN=articles OUT=out -j8
#
# Every article IN/.../DOC.txt becomes one tagged sentence stream,
# OUT/streams/DOC.tsv (wire-clean | wire-split-sentences |
# wire-tag-entities, through news-to-csv's own worker so that both run
# the same commands), with its entity mentions beside it in
# OUT/streams/DOC.mentions; news-to-csv --tagged then turns the streams
# into the CSV files in OUT.  make's timestamps decide what is redone: a new or
# changed article redoes its own stream and the CSVs, nothing else.
# Every target is written to a temporary name and renamed, so a run that
# is interrupted leaves no half file and the next run picks up where it
# stopped.  An article that fails leaves an empty stream and its message
# in OUT/failed/DOC.err; the others go on, and the run ends with status 1
# naming it, until the article changes.  See news-to-csv(1).
#
# Variables: IN, OUT, WIRE_BIN (a folder put first in PATH),
# NEWS_TO_CSV_FLAGS (e.g. --excel --skip-duplicates).  Article file names
# must not hold spaces (a limit of make).

IN  ?= articles
OUT ?= out
WIRE_BIN ?=
NEWS_TO_CSV ?= $(dir $(lastword $(MAKEFILE_LIST)))news-to-csv
NEWS_TO_CSV_FLAGS ?=

ifneq ($(WIRE_BIN),)
export PATH := $(WIRE_BIN):$(PATH)
endif
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
.SUFFIXES:
.PHONY: all report clean-out

ARTICLES := $(shell find -L '$(IN)' -type f -name '*.txt' 2>/dev/null | LC_ALL=C sort)
ifeq ($(ARTICLES),)
$(error no *.txt articles under IN=$(IN))
endif
doc_of = $(basename $(notdir $(1)))
STREAMS := $(foreach a,$(ARTICLES),$(OUT)/streams/$(call doc_of,$(a)).tsv)

all: report

# One stream per article.  On failure the message is kept and the stream
# left empty, so that one bad article neither stops the run nor is
# retried before it changes.
define stream_rule
$(OUT)/streams/$(call doc_of,$(1)).tsv: $(1)
	@mkdir -p $(OUT)/streams $(OUT)/failed
	@rm -f $(OUT)/failed/$(call doc_of,$(1)).err
	@echo "  STREAM  $$<"
	@if $(NEWS_TO_CSV) --worker article $$< $$(basename $$@) 2> $$@.err; then \
	  cat $$@.err >&2; rm -f $$@.err; \
	else \
	  cat $$@.err >&2; echo "wire.mk: $$<: article failed" >&2; \
	  mv -f $$@.err $(OUT)/failed/$(call doc_of,$(1)).err; \
	  rm -f $$(basename $$@).mentions; : > $$@.tmp; mv -f $$@.tmp $$@; \
	fi
endef
$(foreach a,$(ARTICLES),$(eval $(call stream_rule,$(a))))

# The CSV files, from every stream.  Streams of articles that are gone
# are removed first.  news-to-csv renames articles.csv last, so it is
# the mark that the whole set is complete.
$(OUT)/articles.csv: $(STREAMS)
	@$(file >$(OUT)/streams.want,$(notdir $(STREAMS)))
	@cd $(OUT)/streams && ls | awk 'NR == FNR { for (i = 1; i <= NF; i++) want[$$i]; next } \
	  /\.tsv$$/ && !($$0 in want)' ../streams.want - | \
	  while IFS= read -r f; do rm -f "$$f" "$${f%.tsv}.mentions" "../failed/$${f%.tsv}.err"; done
	@rm -f $(OUT)/streams.want
	@echo "  CSV     $(OUT)/"
	@$(NEWS_TO_CSV) --tagged --no-progress $(NEWS_TO_CSV_FLAGS) $(OUT)/streams $(OUT)

# Ends the run with status 1 while any article fails.
report: $(OUT)/articles.csv
	@set -- $(OUT)/failed/*.err; \
	if [ -e "$$1" ]; then \
	  echo "wire.mk: $$# article(s) failed; messages in $(OUT)/failed/:" >&2; \
	  for f in "$$@"; do echo "  $$(basename "$$f" .err)" >&2; done; \
	  exit 1; \
	fi

clean-out:
	rm -rf $(OUT)/streams $(OUT)/failed $(OUT)/*.csv $(OUT)/failed.txt
