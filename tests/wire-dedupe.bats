#!/usr/bin/env bats
# wire-dedupe: exact and near-duplicate rows and documents, and the
# two-phase mode.  Fixtures (tests/fixtures/wire-dedupe/, invented text):
#   articles.tsv  doc,title,par,text: meridian-original (10 paragraphs);
#                 gazette-republished (new headline paragraph, last
#                 paragraph trimmed); tram-line (another story);
#                 courier-reordered (paragraphs 4 and 5 swapped);
#                 daily-typos (letters swapped in every 7th long word)
#   quotes.tsv    doc,sent,quote,speaker: one quotation printed by four
#                 outlets with different marks, case, dashes, ellipsis
bats_require_minimum_version 1.5.0
load test_helper

F="$FIXTURES/wire-dedupe"
SHARDED="$WIRE_ROOT/pipelines/dedupe-sharded"

setup() {
	TMP=$(mktemp -d)
}

teardown() {
	rm -rf "$TMP"
}

# docs_of FILE: the distinct doc values of a stream, in order.
docs_of() {
	awk -F'\t' 'NR > 1 && $1 != prev { print $1; prev = $1 }' "$1"
}

# Splits articles.tsv into two shards of whole documents.
make_shards() {
	{ head -n 1 "$F/articles.tsv"; grep -E '^(meridian|gazette)' "$F/articles.tsv"; } > "$TMP/s1.tsv"
	{ head -n 1 "$F/articles.tsv"; grep -E '^(tram|courier|daily)' "$F/articles.tsv"; } > "$TMP/s2.tsv"
}

@test "--help prints the usage on stdout and exits 0" {
	run -0 --separate-stderr wire-dedupe --help
	assert_line --index 0 --partial 'usage: wire-dedupe'
	assert_equal "$stderr" ''
}

@test "an unknown option is a usage error" {
	run -2 --separate-stderr wire-dedupe --bogus "$F/quotes.tsv"
	assert_output ''
	assert_equal "${stderr_lines[-1]}" "Try 'wire-dedupe --help' for more information."
}

@test "a threshold outside (0,1] is a usage error" {
	run -2 --separate-stderr wire-dedupe -t 1.5 "$F/quotes.tsv"
	assert_output ''
	assert_equal "${stderr_lines[0]}" "wire-dedupe: -t: a Jaccard threshold above 0 and at most 1, not '1.5'"
}

@test "--perm must be a multiple of 8" {
	run -2 --separate-stderr wire-dedupe -n --perm 100 "$F/quotes.tsv"
	assert_equal "${stderr_lines[0]}" "wire-dedupe: --perm must be a multiple of 8"
}

@test "near-mode options without --near are a usage error" {
	run -2 --separate-stderr wire-dedupe --shingle 4 "$F/quotes.tsv"
	assert_equal "${stderr_lines[0]}" "wire-dedupe: --shingle, --chars, --words, --perm and --bands need --near"
}

@test "a missing key column is a data error naming file and line" {
	run -1 --separate-stderr wire-dedupe "$F/quotes.tsv"
	assert_equal "$stderr" "wire-dedupe: $F/quotes.tsv:1: missing column 'text' in header"
	assert_output ''
}

@test "exact: one quotation with other marks, case, dashes and ellipsis is a duplicate" {
	run -0 wire-dedupe -k quote "$F/quotes.tsv"
	assert_equal "${#lines[@]}" 5
	assert_line --index 1 --partial $'meridian\t3\tWe have warned'
	assert_line --index 3 --partial $'gazette\t8\tNobody should'
	refute_output --partial 'courier	2'
	refute_output --partial 'daily	7'
}

@test "exact: a quotation with more words is not a duplicate" {
	run -0 wire-dedupe -k quote "$F/quotes.tsv"
	assert_output --partial 'and everyone knows it'
}

@test "--mark keeps every row and names the kept row as doc:K" {
	run -0 wire-dedupe -k quote --mark "$F/quotes.tsv"
	assert_line --index 0 $'doc\tsent\tquote\tspeaker\tdup_of\tsimilarity'
	assert_equal "${#lines[@]}" 8
	assert_line --index 2 --regexp $'^meridian\t9\t.*\tDorian Vasquez\t\t$'
	assert_line --index 3 --regexp $'^gazette\t5\t.*\tmeridian:1\t1.000$'
	assert_line --index 7 --regexp $'^daily\t7\t.*\tmeridian:1\t1.000$'
}

@test "--pairs prints only kept, duplicate and similarity" {
	run -0 wire-dedupe -k quote --pairs "$F/quotes.tsv"
	assert_output "$(printf 'a\tb\tsimilarity\nmeridian:1\tgazette:1\t1.000\nmeridian:1\tcourier:1\t1.000\nmeridian:1\tdaily:1\t1.000')"
}

@test "-i names rows by a column" {
	run -0 wire-dedupe -k quote -i sent --pairs "$F/quotes.tsv"
	assert_line --index 1 $'3\t5\t1.000'
}

@test "without a doc column a row is named by its row number" {
	cut -f3 "$F/quotes.tsv" > "$TMP/q.tsv"
	run -0 wire-dedupe -k quote --pairs "$TMP/q.tsv"
	assert_line --index 1 $'1\t3\t1.000'
	assert_line --index 3 $'1\t7\t1.000'
}

@test "empty keys are never duplicates" {
	tsv 'doc\ttext' 'a\t' 'b\t' 'c\t...' > "$TMP/e.tsv"
	run -0 wire-dedupe "$TMP/e.tsv"
	assert_equal "${#lines[@]}" 4
}

@test "other columns pass through in order" {
	tsv 'url\ttext\tfeed' 'u1\tSame words.\tf1' 'u2\tsame WORDS\tf2' > "$TMP/p.tsv"
	run -0 wire-dedupe "$TMP/p.tsv"
	assert_output "$(printf 'url\ttext\tfeed\nu1\tSame words.\tf1')"
}

@test "--near on rows: a quotation with a changed word is caught at a lower threshold" {
	tsv 'doc\ttext' \
	    'a\tThe port authority called the walkout illegal and said it would go to court on Tuesday.' \
	    'b\tThe port authority called the walkout unlawful and said it would go to court on Tuesday.' > "$TMP/n.tsv"
	run -0 wire-dedupe "$TMP/n.tsv"
	assert_equal "${#lines[@]}" 3
	run -0 wire-dedupe -t 0.5 --pairs "$TMP/n.tsv"
	assert_line --index 1 --regexp $'^a:1\tb:1\t0\\.[5-9][0-9]*$'
}

@test "--by doc --near drops republished, reordered and typo-noised copies whole" {
	wire-dedupe --by doc --near "$F/articles.tsv" > "$TMP/out.tsv"
	run docs_of "$TMP/out.tsv"
	assert_output "$(printf 'meridian-original\ntram-line')"
	run -0 grep -c '^meridian-original' "$TMP/out.tsv"
	assert_output 10
}

@test "--by doc --near --mark marks every row of a copy with the kept doc" {
	wire-dedupe --by doc --near --mark "$F/articles.tsv" > "$TMP/out.tsv"
	run -0 awk -F'\t' 'NR > 1 { print $1 "\t" $5 }' "$TMP/out.tsv"
	assert_line --index 0 $'meridian-original\t'
	assert_line --index 10 $'gazette-republished\tmeridian-original'
	run -0 awk -F'\t' '$1 == "gazette-republished" && $5 != "meridian-original"' "$TMP/out.tsv"
	assert_output ''
}

@test "--by doc: a higher threshold keeps the typo-noised copy (Jaccard 0.77)" {
	run -0 wire-dedupe --by doc -t 0.85 --pairs "$F/articles.tsv"
	assert_line --index 1 --regexp $'^meridian-original\tgazette-republished\t0\\.(8[5-9]|9)'
	assert_line --index 2 --regexp $'^meridian-original\tcourier-reordered\t'
	refute_output --partial daily-typos
}

@test "--chars: character shingles forgive the typos that word shingles count" {
	run -0 wire-dedupe --by doc -t 0.85 --chars --pairs "$F/articles.tsv"
	assert_line --index 3 --regexp $'^meridian-original\tdaily-typos\t0\.(8[5-9]|9)'
}

@test "--bands overrides the computed LSH choice and is recorded for --join" {
	run -0 wire-dedupe --by doc -t 0.85 --bands 16 --signatures "$F/articles.tsv"
	assert_line --index 0 '#wire-dedupe-signatures 1 near by=doc key=text keep=first perm=128 bands=16 rows=8 shingle=5w seed=1 threshold=0.85'
	run -0 wire-dedupe --by doc -t 0.85 --signatures "$F/articles.tsv"
	assert_line --index 0 --partial ' bands=18 rows=7 '
}

@test "--by doc without a doc column is an error" {
	cut -f2- "$F/articles.tsv" > "$TMP/nodoc.tsv"
	run -1 --separate-stderr wire-dedupe --by doc -n "$TMP/nodoc.tsv"
	assert_equal "$stderr" "wire-dedupe: $TMP/nodoc.tsv:1: missing column 'doc' in header"
}

@test "--keep longest keeps the untrimmed story even when it comes last" {
	{ head -n 1 "$F/articles.tsv"; grep '^gazette' "$F/articles.tsv"; grep '^meridian' "$F/articles.tsv"; } > "$TMP/in.tsv"
	run -0 wire-dedupe --by doc --near --keep longest --pairs "$TMP/in.tsv"
	assert_line --index 1 --regexp $'^meridian-original\tgazette-republished\t'
	run -0 wire-dedupe --by doc --near --pairs "$TMP/in.tsv"
	assert_line --index 1 --regexp $'^gazette-republished\tmeridian-original\t'
}

@test "--keep longest reads standard input and keeps input order" {
	{ head -n 1 "$F/articles.tsv"; grep '^gazette' "$F/articles.tsv"; grep '^meridian' "$F/articles.tsv"; } > "$TMP/in.tsv"
	wire-dedupe --by doc --near --keep longest < "$TMP/in.tsv" > "$TMP/out.tsv"
	run docs_of "$TMP/out.tsv"
	assert_output meridian-original
	wire-dedupe --by doc --near --keep longest --mark < "$TMP/in.tsv" > "$TMP/m.tsv"
	run docs_of "$TMP/m.tsv"
	assert_output "$(printf 'gazette-republished\nmeridian-original')"
}

@test "the same seed gives the same output, twice" {
	run -0 wire-dedupe --by doc --near --mark --seed 42 "$F/articles.tsv"
	first=$output
	run -0 wire-dedupe --by doc --near --mark --seed 42 "$F/articles.tsv"
	assert_equal "$output" "$first"
}

@test "several operands: one header, duplicates found across files" {
	make_shards
	run -0 wire-dedupe --by doc --near "$TMP/s1.tsv" "$TMP/s2.tsv"
	assert_equal "$(printf '%s\n' "$output" | grep -c '^doc')" 1
	assert_equal "$(printf '%s\n' "$output" | grep -c '^courier')" 0
}

@test "operands with different headers are an error" {
	run -1 --separate-stderr wire-dedupe -k quote "$F/quotes.tsv" "$F/articles.tsv"
	assert_equal "$stderr" "wire-dedupe: $F/articles.tsv:1: header differs from $F/quotes.tsv's"
}

@test "two-phase: signatures per shard, sort, join, drop = one pass" {
	make_shards
	wire-dedupe --by doc --near --signatures --shard 1 "$TMP/s1.tsv" > "$TMP/1.rec"
	wire-dedupe --by doc --near --signatures --shard 2 "$TMP/s2.tsv" > "$TMP/2.rec"
	LC_ALL=C sort "$TMP/1.rec" "$TMP/2.rec" | wire-dedupe --join > "$TMP/drop.tsv"
	run -0 cat "$TMP/drop.tsv"
	assert_line --index 0 $'id\tdup_of\tsimilarity'
	assert_equal "${#lines[@]}" 4
	wire-dedupe --by doc --drop "$TMP/drop.tsv" "$TMP/s1.tsv" "$TMP/s2.tsv" > "$TMP/two.tsv"
	wire-dedupe --by doc --near "$TMP/s1.tsv" "$TMP/s2.tsv" > "$TMP/one.tsv"
	cmp "$TMP/one.tsv" "$TMP/two.tsv"
}

@test "two-phase --drop --mark equals one-pass --mark" {
	make_shards
	for i in 1 2; do wire-dedupe --by doc --near --signatures --shard $i "$TMP/s$i.tsv"; done |
		LC_ALL=C sort | wire-dedupe --join > "$TMP/drop.tsv"
	wire-dedupe --by doc --mark --drop "$TMP/drop.tsv" "$TMP/s1.tsv" "$TMP/s2.tsv" > "$TMP/two.tsv"
	wire-dedupe --by doc --near --mark "$TMP/s1.tsv" "$TMP/s2.tsv" > "$TMP/one.tsv"
	cmp "$TMP/one.tsv" "$TMP/two.tsv"
}

@test "two-phase --join --pairs equals one-pass --pairs" {
	make_shards
	for i in 1 2; do wire-dedupe --by doc --near --signatures --shard $i "$TMP/s$i.tsv"; done |
		LC_ALL=C sort | wire-dedupe --join --pairs > "$TMP/two.tsv"
	wire-dedupe --by doc --near --pairs "$TMP/s1.tsv" "$TMP/s2.tsv" > "$TMP/one.tsv"
	cmp "$TMP/one.tsv" "$TMP/two.tsv"
}

@test "two-phase exact mode on rows: the drop list names doc:K" {
	for d in meridian gazette courier daily; do
		{ head -n 1 "$F/quotes.tsv"; grep "^$d" "$F/quotes.tsv"; } > "$TMP/$d.tsv"
	done
	i=0
	for d in meridian gazette courier daily; do
		i=$((i + 1)); wire-dedupe -k quote --signatures --shard $i "$TMP/$d.tsv"
	done | LC_ALL=C sort | wire-dedupe --join > "$TMP/drop.tsv"
	run -0 cat "$TMP/drop.tsv"
	assert_output "$(printf 'id\tdup_of\tsimilarity\ngazette:1\tmeridian:1\t1.000\ncourier:1\tmeridian:1\t1.000\ndaily:1\tmeridian:1\t1.000')"
}

@test "two-phase --keep longest decides as one pass over the shards in order" {
	make_shards
	for i in 1 2; do wire-dedupe --by doc --near --keep longest --signatures --shard $i "$TMP/s$i.tsv"; done |
		LC_ALL=C sort | wire-dedupe --join --pairs > "$TMP/two.tsv"
	wire-dedupe --by doc --near --keep longest --pairs "$TMP/s1.tsv" "$TMP/s2.tsv" > "$TMP/one.tsv"
	cmp "$TMP/one.tsv" "$TMP/two.tsv"
	run -0 cut -f1,2 "$TMP/two.tsv"
	assert_line --index 1 $'meridian-original\tgazette-republished'
}

@test "--signatures on rows needs a doc column or --id" {
	cut -f3 "$F/quotes.tsv" > "$TMP/q.tsv"
	run -2 --separate-stderr wire-dedupe -k quote --signatures "$TMP/q.tsv"
	assert_equal "${stderr_lines[0]}" "wire-dedupe: --signatures needs a doc column or --id COL to name rows across shards"
}

@test "--join refuses records made with different options" {
	make_shards
	{ wire-dedupe --by doc --near --signatures --shard 1 "$TMP/s1.tsv"
	  wire-dedupe --by doc --near --perm 64 --signatures --shard 2 "$TMP/s2.tsv"; } |
		LC_ALL=C sort > "$TMP/rec"
	run -1 --separate-stderr wire-dedupe --join "$TMP/rec"
	assert_equal "${stderr_lines[0]%%: records made*}" "wire-dedupe: $TMP/rec:2"
}

@test "--join refuses input that is not records" {
	run -1 --separate-stderr wire-dedupe --join "$F/quotes.tsv"
	assert_equal "$stderr" "wire-dedupe: $F/quotes.tsv:1: not wire-dedupe --signatures records"
}

@test "--join with a corrupt signature is an error naming the line" {
	make_shards
	wire-dedupe --by doc --near --signatures "$TMP/s1.tsv" | LC_ALL=C sort | sed '$s/\t[^\t]*$/\tAAAA/' > "$TMP/rec"
	n=$(wc -l < "$TMP/rec")
	run -1 --separate-stderr wire-dedupe --join "$TMP/rec"
	assert_equal "${stderr_lines[0]}" "wire-dedupe: $TMP/rec:$n: bad signature"
}

@test "--join without the signature record of a candidate is an error" {
	make_shards
	wire-dedupe --by doc --near --signatures "$TMP/s1.tsv" | LC_ALL=C sort | sed '$d' > "$TMP/rec"
	run -1 --separate-stderr wire-dedupe --join "$TMP/rec"
	assert_equal "${stderr_lines[0]}" "wire-dedupe: $TMP/rec: no signature record for gazette-republished"
}

@test "a closed pipe ends the program quietly" {
	awk 'NR == 1 { print; next } { row[NR] = $0 }
	     END { for (i = 0; i < 300; i++) for (j = 2; j <= NR; j++) print row[j] }' \
		"$F/articles.tsv" > "$TMP/big.tsv"
	run -0 --separate-stderr bash -c "wire-dedupe -k title --mark '$TMP/big.tsv' | head -n 1"
	assert_output $'doc\ttitle\tpar\ttext\tdup_of\tsimilarity'
	assert_equal "$stderr" ''
}

@test "pipelines/dedupe-sharded: parallel shards, one stream out, as one pass" {
	command -v parallel > /dev/null || skip "GNU parallel not installed"
	make_shards
	run -0 "$SHARDED" -j 2 -l "$TMP/list.tsv" --by doc --near -- "$TMP/s1.tsv" "$TMP/s2.tsv"
	assert_equal "$output" "$(wire-dedupe --by doc --near "$TMP/s1.tsv" "$TMP/s2.tsv")"
	run -0 cut -f1 "$TMP/list.tsv"
	assert_output "$(printf 'id\ngazette-republished\ncourier-reordered\ndaily-typos')"
}

@test "pipelines/dedupe-sharded -o: one marked file per shard" {
	command -v parallel > /dev/null || skip "GNU parallel not installed"
	make_shards
	run -0 "$SHARDED" -o "$TMP/out" --by doc --near --mark -- "$TMP/s1.tsv" "$TMP/s2.tsv"
	assert_output ''
	run -0 awk -F'\t' 'NR > 1 { print $1 "\t" $5 }' "$TMP/out/s2.tsv"
	assert_line --index 0 $'tram-line\t'
	assert_line --index 6 $'courier-reordered\tmeridian-original'
}

@test "pipelines/dedupe-sharded without shards is a usage error" {
	run -2 --separate-stderr "$SHARDED" --by doc --
	assert_equal "$stderr" "dedupe-sharded: no shards given"
}

# ---- the examples of wire-dedupe(1) ----------------------------------------

@test "man example: quotations reported by several outlets, exact" {
	run -0 bash -c "wire-dedupe -k quote '$F/quotes.tsv' | wire-to-csv --lf -c doc,quote"
	assert_equal "${#lines[@]}" 5
}

@test "man example: the republication report as CSV" {
	run -0 bash -c "wire-dedupe --by doc --near --mark '$F/articles.tsv' | wire-to-csv --lf -c doc,dup_of,similarity | uniq"
	assert_line --index 0 'doc,dup_of,similarity'
	assert_line --index 1 'meridian-original,,'
	assert_line --index 2 --regexp '^gazette-republished,meridian-original,0\.[0-9]{3}$'
}

@test "man example: GNU parallel two-phase run over shard files" {
	command -v parallel > /dev/null || skip "GNU parallel not installed"
	make_shards
	cd "$TMP"
	export LC_ALL=C
	parallel 'wire-dedupe --by doc --near --signatures --shard {#} {} | sort > {.}.rec' ::: s1.tsv s2.tsv
	sort -m s1.rec s2.rec | wire-dedupe --join > drop.tsv
	wire-dedupe --by doc --drop drop.tsv s1.tsv s2.tsv > kept.tsv
	run docs_of kept.tsv
	assert_output "$(printf 'meridian-original\ntram-line')"
}

@test "man example: the Hadoop Streaming mapper and reducer, shuffle simulated by sort" {
	make_shards
	cd "$TMP"
	printf '%s\n' '#!/bin/sh' 'exec wire-dedupe --by doc --near \
  --signatures --shard "$mapreduce_task_partition"' > mapper.sh
	for p in 0 1; do
		mapreduce_task_partition=$p sh mapper.sh < "s$((p + 1)).tsv"
	done | LC_ALL=C sort | wire-dedupe --join > drop.tsv
	wire-dedupe --by doc --drop drop.tsv s1.tsv s2.tsv > kept.tsv
	run -0 cut -f1 drop.tsv
	assert_output "$(printf 'id\ngazette-republished\ncourier-reordered\ndaily-typos')"
	run docs_of kept.tsv
	assert_output "$(printf 'meridian-original\ntram-line')"
}

# ---- the seeds (../shared/seeds, skipped when absent) -----------------------

# The seeds are raw scraped pages: wire-clean turns them into paragraphs,
# as in real use.  Every pair of seeds is deduplicated on its own so that
# "no other pair" is checked directly, not through the kept copies.
@test "seeds: 002 and 003 (one Reuters story) are the only near-duplicate pair at the default threshold" {
	require_seeds
	command -v wire-clean > /dev/null || skip "needs wire-clean: the raw pages carry donation appeals"
	wire-clean -q "$SEEDS"/*.txt > "$TMP/seeds.tsv"
	docs=$(docs_of "$TMP/seeds.tsv")
	found=
	for a in $docs; do
		for b in $docs; do
			[ "$a" \< "$b" ] || continue
			awk -F'\t' -v a="$a" -v b="$b" 'NR == 1 || $1 == a || $1 == b' "$TMP/seeds.tsv" > "$TMP/pair.tsv"
			p=$(wire-dedupe --by doc --near --pairs "$TMP/pair.tsv" | tail -n +2 | cut -f1,2)
			[ -z "$p" ] || found="$found$p;"
		done
	done
	assert_equal "$found" $'002_9388a29176dee7da\t003_70e83a417716ec79;'
}
