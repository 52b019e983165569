#!/usr/bin/env bats
# wire-clean: scraped articles to clean, classified paragraphs with metadata.
bats_require_minimum_version 1.5.0
load test_helper

F="$FIXTURES/wire-clean"

setup() {
	TMP=$(mktemp -d)
}

teardown() {
	rm -rf "$TMP"
}

# Column N (1-based) of the data rows of wire-clean's output.
field() {
	tail -n +2 | cut -f "$1"
}

# The distinct values of column N for article FILE, in order.
meta() {
	wire-clean -q "$2" | field "$1" | uniq
}

# Non-empty lines FROM..TO of a seed, normalised as wire-clean does (no-break
# spaces, runs of spaces and list bullets), so that the seed tests compare
# with the seed itself instead of copying its text.
seed_lines() {
	sed -n "$2,$3p" "$SEEDS/$1" | sed 's/\xc2\xa0/ /g; s/^ *//; s/^• //; s/ *$//' |
		tr -s ' ' | grep -v '^$'
}

# ---- options and usage --------------------------------------------------

@test "--help prints the usage to stdout and exits 0" {
	run -0 --separate-stderr wire-clean --help
	assert_line --index 0 'Usage: wire-clean [OPTION]... [FILE]...'
	assert_equal "$stderr" ''
}

@test "--version prints the version" {
	run -0 wire-clean --version
	assert_output --regexp '^wire-clean \(wire\) [0-9]'
}

@test "an unknown option is a usage error, exit 2" {
	run -2 --separate-stderr wire-clean --bogus
	assert_equal "$output" ''
	assert_equal "${stderr##*$'\n'}" "Try 'wire-clean --help' for more information."
}

@test "--id with --stream is a usage error" {
	run -2 --separate-stderr wire-clean --stream --id x /dev/null
	assert_equal "$output" ''
}

@test "a missing file is an error naming it, exit 1" {
	run -1 --separate-stderr wire-clean "$TMP/nope.txt"
	assert_equal "$stderr" "wire-clean: $TMP/nope.txt: No such file or directory"
}

# ---- output shape ---------------------------------------------------------

@test "writes the columns doc title date byline source par kind text" {
	run -0 wire-clean "$F/wrapped.txt"
	assert_line --index 0 "$(printf 'doc\ttitle\tdate\tbyline\tsource\tpar\tkind\ttext')"
}

@test "doc is the file name without directory and extension" {
	wire-clean "$F/wrapped.txt" "$F/bullets.txt" | field 1 | uniq > "$TMP/docs"
	assert_equal "$(cat "$TMP/docs")" "$(printf 'wrapped\nbullets')"
}

@test "par numbers the written paragraphs of each document from 1" {
	wire-clean "$F/wrapped.txt" "$F/bullets.txt" | field 6 > "$TMP/par"
	assert_equal "$(paste -sd' ' "$TMP/par")" "1 2 1 2 3 4"
}

@test "standard input is one article, doc stdin unless --id names it" {
	run -0 sh -c "wire-clean < '$F/wrapped.txt' | tail -n +2 | cut -f1 | uniq"
	assert_output stdin
	run -0 sh -c "wire-clean --id storm - < '$F/wrapped.txt' | tail -n +2 | cut -f1 | uniq"
	assert_output storm
}

@test "an article with no text left writes no rows and warns" {
	printf 'Home\n\nSport\n\nContact us\n' > "$TMP/menu.txt"
	run -0 --separate-stderr wire-clean "$TMP/menu.txt"
	assert_equal "${#lines[@]}" 1
	assert_equal "$stderr" "wire-clean: $TMP/menu.txt: no article text found"
}

@test "--quiet silences the warnings" {
	printf 'Home\n' > "$TMP/menu.txt"
	run -0 --separate-stderr wire-clean -q "$TMP/menu.txt"
	assert_equal "$stderr" ''
}

# ---- boilerplate and kinds --------------------------------------------------

@test "a brief of short paragraphs comes out: its sentences, headline and metadata" {
	# each paragraph is under 70 characters, so none is good on its own
	wire-clean "$F/brief.txt" > "$TMP/out"
	run -0 field 8 < "$TMP/out"
	assert_output "$(printf '%s\n' \
		'MILLBROOK - Ferry crossings to Gull Island were halted on Tuesday.' \
		'The storm tore a section off the main pier overnight.' \
		'Repairs are expected to take at least a week, the county said.')"
	run -0 sh -c "tail -n +2 '$TMP/out' | cut -f2-5 | uniq"
	assert_output "$(printf 'Ferry service suspended after storm damages pier\t2023-03-14\tCarla Mendes\tLakeside Post')"
	run -0 sh -c "tail -n +2 '$TMP/out' | cut -f7 | sort -u"
	assert_output body
}

@test "the brief fallback keeps no menu lines or sign-offs" {
	printf 'Home\n\nNews\n\nThank you.\n\nRead more about us.\n\nContact us\n' > "$TMP/menu.txt"
	run -0 --separate-stderr wire-clean "$TMP/menu.txt"
	assert_equal "${#lines[@]}" 1
	assert_equal "$stderr" "wire-clean: $TMP/menu.txt: no article text found"
}

@test "keeps the article paragraphs and drops banners, appeals and contact lines" {
	wire-clean "$F/harbour-strike.txt" | field 8 | cut -c1-24 > "$TMP/text"
	assert_equal "$(cat "$TMP/text")" "$(printf '%s\n' \
		'ROTTERDAM - Dockworkers ' \
		'"We are not going back t' \
		'Container ships waiting ' \
		'The operators said in a ' \
		'About 40 ships were wait' \
		'Talks Resume' \
		'Mediators appointed by t' \
		'The strike is the longes')"
}

@test "a dateline prefix stays in the first paragraph" {
	run -0 sh -c "wire-clean '$F/harbour-strike.txt' | sed -n 2p | cut -f8"
	assert_output --partial 'ROTTERDAM - Dockworkers at the port'
}

@test "a short title-case line between body paragraphs is a heading" {
	run -0 sh -c "wire-clean '$F/harbour-strike.txt' | awk -F'\t' '\$7 == \"heading\" { print \$8 }'"
	assert_output 'Talks Resume'
}

@test "a paragraph with a photo credit is a caption" {
	run -0 sh -c "wire-clean '$F/harbour-strike.txt' | awk -F'\t' '\$7 == \"caption\" { print \$8 }'"
	assert_output --partial 'Container ships waiting to unload'
	assert_output --partial 'Photographer: Jan Dekker/Harbour Images'
}

@test "--keep-boilerplate writes the dropped paragraphs as kind boilerplate" {
	wire-clean --keep-boilerplate "$F/harbour-strike.txt" > "$TMP/out"
	run -0 awk -F'\t' '$7 == "boilerplate" { print $8 }' "$TMP/out"
	assert_line 'Share this article'
	assert_line 'Support Harbour Gazette with your tax-deductible donation'
	assert_line --partial 'To contact the reporters on this story'
	assert_equal "$(tail -n +2 "$TMP/out" | wc -l)" 17
}

@test "a donation appeal after the article is dropped" {
	run -0 wire-clean "$F/appeal.txt"
	refute_output --partial 'small favor'
	refute_output --partial 'Remind me later'
	assert_equal "$(printf '%s\n' "$output" | field 8 | wc -l)" 4
}

@test "a headline repeated twice is kept once, as the title" {
	wire-clean "$F/repeated-title.txt" > "$TMP/out"
	run -0 field 2 < "$TMP/out"
	assert_line --index 0 'Fishermen fear new quota will empty the harbour: report'
	run -1 grep -c "$(printf '\t')Fishermen fear new quota will empty the harbour: report\$" "$TMP/out"
}

@test "a pull quote repeating an article paragraph is not kept twice" {
	run -0 sh -c "wire-clean '$F/repeated-title.txt' | cut -f8 | grep -c 'We will not survive'"
	assert_output 1
}

@test "--patterns adds boilerplate patterns" {
	printf '# ours\n^the fisheries ministry said\n' > "$TMP/extra.patterns"
	run -0 wire-clean --patterns "$TMP/extra.patterns" "$F/repeated-title.txt"
	refute_output --partial 'The fisheries ministry said'
	assert_output --partial 'The quota, which cuts the catch'
}

@test "a pattern may use a numbered back-reference" {
	printf '%s\n\n' 'Council passes budget after long debate' \
		'The council met on Monday and agreed the new budget for the coming year after a debate that went on for most of the evening.' \
		'Members said they would meet again again in the spring to look at the plans for the new library and the pool.' \
		'The mayor said the vote was a good result for the town and its people.' > "$TMP/a.txt"
	printf '%s\n' '\b(\w+) \1\b' > "$TMP/twice.patterns"
	run -0 wire-clean "$TMP/a.txt"
	assert_output --partial 'again again'
	run -0 wire-clean --patterns "$TMP/twice.patterns" "$TMP/a.txt"
	refute_output --partial 'again again'
	assert_output --partial 'The mayor said'
}

@test "a bad pattern is an error with its file and line" {
	printf '# ours\n^fine\n(unclosed\n' > "$TMP/bad.patterns"
	run -1 --separate-stderr wire-clean --patterns "$TMP/bad.patterns" "$F/wrapped.txt"
	assert_equal "$output" ''
	assert_equal "${stderr%%: bad pattern*}" "wire-clean: $TMP/bad.patterns:3"
}

# ---- metadata -------------------------------------------------------------

@test "title is the headline, not the banner or the standfirst" {
	run -0 meta 2 "$F/harbour-strike.txt"
	assert_output 'Dockworkers Extend Strike as Talks Stall, Union Says'
}

@test "date and byline come from a By line with a time and zone" {
	wire-clean "$F/harbour-strike.txt" | sed -n 2p | cut -f3,4 > "$TMP/meta"
	assert_equal "$(cat "$TMP/meta")" "$(printf '2024-03-03T18:15-05:00\tAnna Visser & Tom Berg')"
}

@test "a byline in capitals becomes a capitalised name without 'Article by'" {
	run -0 meta 4 "$F/bullets.txt"
	assert_output 'Maria Lopez'
}

@test "date from a list line with a 12-hour time" {
	run -0 meta 3 "$F/bullets.txt"
	assert_output '2023-06-04T08:05'
}

@test "source is the outlet's own line, preferred to a copyright line" {
	run -0 meta 5 "$F/bullets.txt"
	assert_output 'Valley Post'
}

@test "source from a desk line" {
	run -0 meta 5 "$F/repeated-title.txt"
	assert_output 'Coastal Wire'
}

@test "a date in another language's month name, from an update stamp" {
	run -0 meta 3 "$F/repeated-title.txt"
	assert_output '2021-01-05T09:40'
}

@test "no date is taken from a boilerplate sentence" {
	run -0 meta 3 "$F/appeal.txt"
	assert_output ''
}

@test "source from an outlet named in boilerplate when nothing better" {
	run -0 meta 5 "$F/appeal.txt"
	assert_output 'The Northern Times'
}

@test "metadata lines are not paragraphs" {
	run -0 wire-clean "$F/bullets.txt"
	refute_output --partial 'Article by'
	assert_equal "$(printf '%s\n' "$output" | field 8 | grep -c 'Valley Post')" 0
	refute_output --partial 'June 4, 2023'
	refute_output --partial 'River Tribune'
}

# ---- normalisation and encoding damage -------------------------------------

@test "line-wrapped paragraphs are joined" {
	wire-clean "$F/wrapped.txt" | field 8 > "$TMP/text"
	assert_equal "$(wc -l < "$TMP/text")" 2
	run -0 sed -n 1p "$TMP/text"
	assert_output --partial 'closed for a third day on Wednesday'
}

@test "a word hyphenated at a wrap is joined without a space, the lines after it intact" {
	run -0 sh -c "wire-clean '$F/wrapped-hyphen.txt' | cut -f8"
	assert_line --index 1 'HARWICH - Ferry crews went back to work on Thursday after a two-week strike that had left hundreds of lorries queuing at the port, the union said, and the first sailing left for the Hook of Holland shortly after noon with a full load of freight and some forty cars.'
	assert_line --index 2 'The company said the deal gave crews a rise of four per cent this year and a further three per cent next year, and that the long-running dispute over rest days would go to an independent panel.'
	assert_equal "${#lines[@]}" 3
}

@test "lines of an appeal are not joined into one paragraph" {
	run -0 wire-clean -b "$F/appeal.txt"
	assert_line --partial "$(printf '\tSince July 1, 2024, we have disabled all ads to improve your reading experience.')"
}

@test "invalid UTF-8 is repaired and counted in one warning per article" {
	run -0 --separate-stderr wire-clean "$F/damaged.txt"
	assert_equal "$stderr" "wire-clean: $F/damaged.txt: 2 invalid UTF-8 sequences replaced"
	assert_output --partial "the price $(printf '\xef\xbf\xbd') had been agreed"
}

@test "BOM, NUL, tab, no-break space, soft hyphen and zero-width space are gone" {
	wire-clean -q "$F/damaged.txt" > "$TMP/out"
	run -1 grep -c "$(printf '\xef\xbb\xbf')" "$TMP/out"
	run -1 grep -c "$(printf '\xc2\xa0\\|\xc2\xad\\|\xe2\x80\x8b')" "$TMP/out"
	run -0 grep -c 'old river bridge will start in April and last about a year' "$TMP/out"
	run -0 grep -c 'expects delays of up to twenty minutes' "$TMP/out"
	run -0 grep -c 'most of the construction period' "$TMP/out"
}

@test "CRLF and CR line ends, a form feed and a last line without newline" {
	wire-clean -q "$F/damaged.txt" > "$TMP/out"
	run -1 grep -c $'\r' "$TMP/out"
	run -0 field 8 < "$TMP/out"
	assert_equal "${#lines[@]}" 4
	assert_line --index 3 --partial 'until the repairs are done.'
	assert_equal "$(field 2 < "$TMP/out" | uniq)" 'Bridge repairs to start in April'
}

@test "whitespace and invisible characters only: no rows, no crash" {
	printf '\xef\xbb\xbf \t\r\n\x0c\xc2\xa0\xe2\x80\x8b\n' > "$TMP/blank.txt"
	run -0 --separate-stderr wire-clean "$TMP/blank.txt"
	assert_equal "${#lines[@]}" 1
}

# ---- --stream -------------------------------------------------------------

@test "--stream reads doc and text; other columns pass through, new ones on the right" {
	{
		printf 'url\tdoc\ttext\n'
		printf 'http://example.org/a\ta1\t'
		sed 's/\\/\\\\/g' "$F/wrapped.txt" | awk '{ printf "%s\\n", $0 }'
		printf '\n'
	} > "$TMP/in.tsv"
	run -0 wire-clean --stream "$TMP/in.tsv"
	assert_line --index 0 "$(printf 'url\tdoc\ttext\ttitle\tdate\tbyline\tsource\tpar\tkind')"
	assert_line --index 1 --regexp "^http://example.org/a	a1	GENEVA - Snow .*	Storm closes mountain pass for third day				1	body\$"
	assert_equal "${#lines[@]}" 3
}

@test "--stream: a title the input already has is kept" {
	printf 'doc\ttitle\ttext\nd1\tOur own title\tHeadline words here for the test\\n\\nThe council said on Monday that it would review the plan again before the end of the year, after residents complained about the noise.\\n\n' > "$TMP/in.tsv"
	run -0 wire-clean -s "$TMP/in.tsv"
	assert_line --index 1 --partial "$(printf 'd1\tOur own title\tThe council said on Monday')"
}

@test "--stream: invalid UTF-8 is a stream error with file and line" {
	printf 'doc\ttext\nd1\tgood text\nd2\tbad \xff text\n' > "$TMP/in.tsv"
	run -1 --separate-stderr wire-clean -s -q "$TMP/in.tsv"
	assert_equal "${stderr%%: invalid*}" "wire-clean: $TMP/in.tsv:3"
}

@test "--stream: the text's escapes are undone: line ends, CRLF, tabs, backslashes" {
	printf 'doc\ttext\nd1\tStorm closes pass\\r\\n\\r\\nGENEVA - Snow and\\twinds kept the pass closed, the\\r\\nroad authority said in a note filed under C:\\\\roads on Wednesday.\\n\n' > "$TMP/in.tsv"
	run -0 sh -c "wire-clean -s -q '$TMP/in.tsv' | cut -f2,3"
	assert_line --index 1 "$(printf 'GENEVA - Snow and winds kept the pass closed, the road authority said in a note filed under C:\\\\roads on Wednesday.\tStorm closes pass')"
	assert_equal "${#lines[@]}" 2
}

@test "--stream: a bad escape in the text is an error naming the column" {
	printf 'doc\ttext\nd1\tThe mayor said \\"no\\" to the plan.\n' > "$TMP/in.tsv"
	run -1 --separate-stderr wire-clean -s "$TMP/in.tsv"
	assert_equal "$stderr" "wire-clean: $TMP/in.tsv:2: bad escape '\\\"' in column 'text' (only \\t \\n \\r \\\\ are defined)"
}

@test "--stream: a missing text column is an error" {
	printf 'doc\tbody\nd1\tx\n' > "$TMP/in.tsv"
	run -1 --separate-stderr wire-clean -s "$TMP/in.tsv"
	assert_equal "$stderr" "wire-clean: $TMP/in.tsv:1: missing column 'text' in header"
}

@test "--stream: operands with different headers are an error" {
	printf 'doc\ttext\nd1\tx\n' > "$TMP/a.tsv"
	printf 'doc\ttext\turl\nd2\tx\tu\n' > "$TMP/b.tsv"
	run -1 --separate-stderr wire-clean -s -q "$TMP/a.tsv" "$TMP/b.tsv"
	assert_equal "${stderr%%:*}" "wire-clean"
	assert_equal "${stderr#*$TMP/b.tsv:1: }" "header differs from that of $TMP/a.tsv"
}

@test "--stream writes one header for several operands" {
	printf 'doc\ttext\nd1\tThe council said on Monday that it would review the plan again before the end of the year, after residents complained.\n' > "$TMP/a.tsv"
	sed 's/d1/d2/' "$TMP/a.tsv" > "$TMP/b.tsv"
	run -0 wire-clean -s "$TMP/a.tsv" "$TMP/b.tsv"
	assert_equal "${#lines[@]}" 3
	assert_line --index 2 --partial "$(printf 'd2\t')"
}

# ---- the man page's examples ----------------------------------------------

@test "man example: articles to a stream, body paragraphs only" {
	run -0 sh -c "wire-clean '$F/harbour-strike.txt' '$F/bullets.txt' | awk -F'\t' 'NR == 1 || \$7 == \"body\"' | wc -l"
	assert_output 11
}

@test "man example: one row per article with its metadata" {
	run -0 sh -c "wire-clean -q '$F'/*.txt | awk -F'\t' 'NR > 1 && \$6 == 1 { print \$1 \"\t\" \$3 }'"
	assert_line "$(printf 'harbour-strike\t2024-03-03T18:15-05:00')"
	assert_line "$(printf 'bullets\t2023-06-04T08:05')"
	assert_equal "${#lines[@]}" 9
}

@test "man example: a scraper's stream keeps its url on every row" {
	{
		printf 'url\tdoc\ttext\n'
		printf 'http://example.org/b\tb1\t'
		sed 's/\\/\\\\/g' "$F/bullets.txt" | awk '{ printf "%s\\n", $0 }'
		printf '\n'
	} > "$TMP/scraped.tsv"
	wire-clean --stream "$TMP/scraped.tsv" > "$TMP/paragraphs.tsv"
	run -0 cut -f 1,2,8,9 "$TMP/paragraphs.tsv"
	assert_line --index 0 "$(printf 'url\tdoc\tpar\tkind')"
	assert_line --index 4 "$(printf 'http://example.org/b\tb1\t4\tbody')"
	assert_equal "${#lines[@]}" 5
}

@test "man example: inspect what was dropped" {
	run -0 sh -c "wire-clean --keep-boilerplate '$F/appeal.txt' | awk -F'\t' '\$7 == \"boilerplate\" { print \$8 }' | head -n 1"
	assert_output 'Enjoying ad-free content?'
}

# ---- the seeds (../shared/seeds, skipped when absent) -----------------------

@test "seed 000: standfirst and article, metadata from the head" {
	require_seeds
	s=000_897dda0d41565100.txt
	wire-clean "$SEEDS/$s" > "$TMP/out"
	assert_equal "$(field 8 < "$TMP/out")" "$(seed_lines $s 5 5; seed_lines $s 9 23)"
	assert_equal "$(field 7 < "$TMP/out" | sort -u)" body
	assert_equal "$(field 2 < "$TMP/out" | uniq)" "$(seed_lines $s 3 3)"
	assert_equal "$(field 3-5 < "$TMP/out" | uniq)" "$(printf '2012-12-10\t\tLos Angeles Times')"
}

@test "seed 001: byline from 'Article by:', outlet line over copyright" {
	require_seeds
	s=001_42d87ab533acdf14.txt
	wire-clean "$SEEDS/$s" > "$TMP/out"
	assert_equal "$(field 8 < "$TMP/out")" "$(seed_lines $s 7 19)"
	assert_equal "$(field 2 < "$TMP/out" | uniq)" "$(seed_lines $s 1 1)"
	assert_equal "$(field 3-5 < "$TMP/out" | uniq)" "$(printf '2012-12-29T19:19\tEllen Barry\tNew York Times')"
}

@test "seed 002: appeals dropped, no date from the ad notice" {
	require_seeds
	s=002_9388a29176dee7da.txt
	wire-clean "$SEEDS/$s" > "$TMP/out"
	assert_equal "$(field 8 < "$TMP/out")" "$(seed_lines $s 9 37)"
	assert_equal "$(field 2 < "$TMP/out" | uniq)" "$(seed_lines $s 7 7)"
	assert_equal "$(field 3-5 < "$TMP/out" | uniq)" "$(printf '\t\tThe Moscow Times')"
}

@test "seed 003: repeated headline once, desk line, Turkish update stamp" {
	require_seeds
	s=003_70e83a417716ec79.txt
	wire-clean "$SEEDS/$s" > "$TMP/out"
	assert_equal "$(field 8 < "$TMP/out")" "$(seed_lines $s 9 33)"
	assert_equal "$(field 2 < "$TMP/out" | uniq)" "$(seed_lines $s 1 1)"
	assert_equal "$(field 3-5 < "$TMP/out" | uniq)" "$(printf '2012-12-11T12:36\t\tWorld Bulletin')"
}

@test "seed 004: headings, caption, By line with date and zone" {
	require_seeds
	s=004_c487dccc27ae4887.txt
	wire-clean "$SEEDS/$s" > "$TMP/out"
	assert_equal "$(field 8 < "$TMP/out")" "$(seed_lines $s 10 50)"
	assert_equal "$(awk -F'\t' '$7 == "heading" { print $8 }' "$TMP/out")" \
		"$(seed_lines $s 22 22; seed_lines $s 32 32; seed_lines $s 42 42)"
	assert_equal "$(awk -F'\t' '$7 == "caption" { print $8 }' "$TMP/out")" "$(seed_lines $s 14 14)"
	assert_equal "$(field 2 < "$TMP/out" | uniq)" "$(seed_lines $s 6 6)"
	assert_equal "$(field 3-5 < "$TMP/out" | uniq)" \
		"$(printf '2012-12-22T06:29-08:00\tIlya Arkhipov & Henry Meyer\tMargot B World News')"
}

@test "seeds: the last line without a newline (seed 000) is read" {
	require_seeds
	run -0 wire-clean -b "$SEEDS/000_897dda0d41565100.txt"
	assert_line --index 19 --partial 'Exact operating system and browser'
}

@test "a dateline cut off from its story is joined to it" {
	run -0 sh -c "wire-clean '$F/broken.txt' | sed -n 2p | cut -f8"
	assert_output --partial 'BERLIN -- Heavy snow closed airports in Berlin'
}

@test "a line broken mid-sentence is joined to its paragraph, not a heading" {
	wire-clean "$F/broken.txt" > "$TMP/out"
	assert_equal "$(field 7 < "$TMP/out" | sort -u)" body
	run -0 field 8 < "$TMP/out"
	assert_line --index 1 --partial 'until at least Wednesday morning, when crews expect to have cleared'
	assert_equal "${#lines[@]}" 3
}

@test "a paragraph joined across a blank line keeps the next paragraph whole" {
	run -0 sh -c "wire-clean '$F/broken.txt' | cut -f8"
	assert_line --index 2 'Flights resumed in Hamburg in the afternoon, but the operator of the Berlin airport said that it would stay shut until at least Wednesday morning, when crews expect to have cleared the second runway of ice and snow.'
	assert_line --index 3 'The weather service said more snow would fall in the east overnight and warned drivers to stay off the motorways where they could.'
}

@test "script code left in a page is not article text" {
	{
		printf 'var pageIsLoaded = false; function onLoad() { if (pageIsLoaded) { return; } var i = 0; while (i < 10) { i = i + 1; } pageIsLoaded = true; }\n\n'
		cat "$F/wrapped.txt"
	} > "$TMP/script.txt"
	run -0 wire-clean "$TMP/script.txt"
	refute_output --partial 'pageIsLoaded'
	assert_equal "${#lines[@]}" 3
}

@test "a donation appeal above the headline is dropped, the headline found" {
	run -0 wire-clean "$FIXTURES/wire-clean-meta/appeal-before-headline.txt"
	refute_output --partial 'paywall'
	refute_output --partial 'Donate now'
	refute_output --partial 'Support independent'
	assert_line --index 1 --regexp $'^appeal-before-headline\tFerry crews vote to strike over weekend rosters\t2021-04-02T07:45\tJoanna Price\t'
}

@test "Skip to main content is never the title" {
	printf 'Skip to main content\n\nNothing moves on the quays\n\nBy Ana Lima | March 6, 2019\n\nROTTERDAM - On the third day of the strike the canteen smelled of coffee, and the mood among the dockers was defiant.\n\nThe union said talks would resume on Friday at the earliest, after the company asked for more time.\n\nShe said the strike would go on until the company agreed to talk to the union about the plan.\n' > "$BATS_TEST_TMPDIR/skip.txt"
	run -0 wire-clean "$BATS_TEST_TMPDIR/skip.txt"
	assert_line --index 1 --regexp $'^skip\tNothing moves on the quays\t2019-03-06\tAna Lima\t'
}

@test "a masthead line of the agency is the source, not the title" {
	printf 'Valley News\nMenu\nSearch\n\nFloods close two schools in the valley\n\nPosted: Monday, March 4, 2019 11:02 am\n\nAssociated Press\n\nKENDAL - Two primary schools closed on Monday after the river burst its banks overnight, flooding playgrounds and the road between them.\n\nParents were told to keep children at home until Wednesday, the county council said in a statement.\n\nEngineers were checking the buildings for damage, a spokesman said.\n' > "$BATS_TEST_TMPDIR/agency.txt"
	run -0 wire-clean "$BATS_TEST_TMPDIR/agency.txt"
	assert_line --index 1 --regexp $'^agency\tFloods close two schools in the valley\t2019-03-04T11:02\t'
}

@test "the headline after a tagline and menu block is found with its date" {
	run -0 wire-clean "$FIXTURES/wire-clean-meta/tagline-then-headline.txt"
	assert_line --index 1 --regexp $'^tagline-then-headline\tBridge repairs to close coast road for six weeks\t2021-04-16T18:10\t'
	refute_output --partial 'Breaking news, sport'
}

@test "a wire brief's headline in capitals is the title, not a line of its table" {
	run -0 wire-clean "$FIXTURES/wire-clean-meta/earnings-table.txt"
	assert_line --index 1 --regexp $'^earnings-table\tHOLLIS MARINE <HLMR> 3RD QTR NET\t'
	refute_output --partial $'\tAvg shrs'
}

@test "a headline opening with a company in angle brackets is the title" {
	run -0 wire-clean "$FIXTURES/wire-clean-meta/dividend-table.txt"
	assert_line --index 1 --regexp $'^dividend-table\t<BARLOW FOODS INC> SETS QUARTERLY PAYOUT\t'
}

@test "a name with a reporter's title is the byline, not the title" {
	run -0 wire-clean "$FIXTURES/wire-clean-meta/titled-byline.txt"
	assert_line --index 1 --regexp $'^titled-byline\tFerry crossings resume after storm damage is repaired\t2019-09-06T07:15\tTom Reyes\t'
	refute_output --partial 'Transport Correspondent'
}

@test "a By line is preferred to a name with a reporter's title" {
	run -0 wire-clean "$FIXTURES/wire-clean-meta/by-and-titled.txt"
	assert_line --index 1 --regexp $'^by-and-titled\t[^\t]*\t[^\t]*\tAna Lloyd\t'
}

@test "a byline is found anywhere in a short article block" {
	# the block is four paragraphs: the By line is its third
	run -0 wire-clean "$FIXTURES/wire-clean-meta/short-block-byline.txt"
	assert_line --index 1 --regexp $'^short-block-byline\tQuay lights to be replaced before winter\t2019-11-04\tMara Lindqvist\t'
	refute_output --partial $'\tBy Mara'
}
