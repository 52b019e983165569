#!/usr/bin/env bats
# wire-split-sentences: sentence boundaries, one test per rule, then the
# stream and plain modes, options and errors, the man page's examples and
# the seeds.
bats_require_minimum_version 1.5.0
load test_helper

F="$FIXTURES/wire-split-sentences"

setup() {
	TMP=$(mktemp -d)
}

teardown() {
	rm -rf "$TMP"
}

# Splits one paragraph of plain text; one sentence per output line.
split() {
	printf '%s\n' "$1" | wire-split-sentences --plain
}

# --- rules ---------------------------------------------------------------

@test "a full stop before a capital ends a sentence" {
	run -0 split 'The ferry sank. Nobody was hurt.'
	assert_output "$(printf '%s\n' 'The ferry sank.' 'Nobody was hurt.')"
}

@test "titles, months and vs. never end a sentence" {
	run -0 split 'Mr. Obi met Gen. Park and Sen. Ruiz on Dec. 3 before the Rangers vs. Kings game. They left.'
	assert_output "$(printf '%s\n' 'Mr. Obi met Gen. Park and Sen. Ruiz on Dec. 3 before the Rangers vs. Kings game.' 'They left.')"
}

@test "May is a month, not an abbreviation" {
	run -0 split 'The vote was held in May. Turnout was low.'
	assert_equal "${#lines[@]}" 2
}

@test "U.S. before a proper noun does not end the sentence" {
	run -0 split 'The U.S. Senate voted on Monday. The bill passed.'
	assert_line --index 0 'The U.S. Senate voted on Monday.'
	assert_equal "${#lines[@]}" 2
}

@test "U.S. and Inc. end a sentence when the next word starts one" {
	run -0 split 'She moved to the U.S. He stayed. She joined Acme Inc. The firm grew.'
	assert_output "$(printf '%s\n' 'She moved to the U.S.' 'He stayed.' 'She joined Acme Inc.' 'The firm grew.')"
}

@test "a.m. and p.m. end a sentence only before a sentence starter" {
	run -0 split 'It began at 6 a.m. Monday and ended at 5 p.m. The crowd left.'
	assert_output "$(printf '%s\n' 'It began at 6 a.m. Monday and ended at 5 p.m.' 'The crowd left.')"
}

@test "initials stay inside the name" {
	run -0 split 'Sergei V. Lavrov met fans of J. R. R. Tolkien in Oslo. They talked.'
	assert_line --index 0 'Sergei V. Lavrov met fans of J. R. R. Tolkien in Oslo.'
	assert_equal "${#lines[@]}" 2
}

@test "acronyms with periods: possessives and hyphenated forms" {
	run -0 split "The U.N.'s envoy met a U.K.-based group and E.U. officials. Talks resume today."
	assert_line --index 0 "The U.N.'s envoy met a U.K.-based group and E.U. officials."
	assert_equal "${#lines[@]}" 2
}

@test "numbers, decimals, times and money do not split" {
	run -0 split 'Shares rose 3.5% to $1.5 billion at 6:29 AM PT on Dec 22, 2012, or 1,204.75 points. Trading ended.'
	assert_line --index 0 'Shares rose 3.5% to $1.5 billion at 6:29 AM PT on Dec 22, 2012, or 1,204.75 points.'
	assert_equal "${#lines[@]}" 2
}

@test "ordinals and years end sentences like words" {
	run -0 split 'She finished 2nd. Her rival was 21st. It was 2012. Both were tired.'
	assert_equal "${#lines[@]}" 4
}

@test "No. and Fig. do not end a sentence before a number" {
	run -0 split 'He wore No. 5 as in Fig. 3 of the report. No. I disagree.'
	assert_output "$(printf '%s\n' 'He wore No. 5 as in Fig. 3 of the report.' 'No.' 'I disagree.')"
}

@test "an ellipsis ends a sentence only before a capital" {
	run -0 split 'He paused... and went on. Then... Nothing.'
	assert_output "$(printf '%s\n' 'He paused... and went on.' 'Then...' 'Nothing.')"
}

@test "the ellipsis character U+2026 works like three periods" {
	run -0 split 'We waited… and waited. Then it came… The end.'
	assert_output "$(printf '%s\n' 'We waited… and waited.' 'Then it came…' 'The end.')"
}

@test "URLs, e-mail addresses and file names do not split" {
	run -0 split 'See www.example.com/news.html or write to desk@example.org. Download report.v2.pdf today.'
	assert_output "$(printf '%s\n' 'See www.example.com/news.html or write to desk@example.org.' 'Download report.v2.pdf today.')"
}

@test "a quotation opening after a full stop starts a sentence" {
	run -0 split 'The mayor said. "Next one." It was late.'
	assert_output "$(printf '%s\n' 'The mayor said.' '"Next one."' 'It was late.')"
}

@test "a sentence can end inside straight closing quotes" {
	run -0 split '"Stop." He left.'
	assert_output "$(printf '%s\n' '"Stop."' 'He left.')"
}

@test "a sentence can end inside curly closing quotes" {
	run -0 split '“Stop.” He left. She said: ‘Go.’ They went.'
	assert_output "$(printf '%s\n' '“Stop.”' 'He left.' 'She said: ‘Go.’' 'They went.')"
}

@test "a quoted sentence followed by a lower-case attribution continues" {
	run -0 split '"We will win!" she said. "Why?" he asked.'
	assert_output "$(printf '%s\n' '"We will win!" she said.' '"Why?" he asked.')"
}

@test "a quoted question followed by a speaker and speech verb continues" {
	run -0 split '"Is it safe?" Mayor Diaz asked. Nobody answered.'
	assert_output "$(printf '%s\n' '"Is it safe?" Mayor Diaz asked.' 'Nobody answered.')"
}

@test "a dash attribution after a quotation stays with it" {
	run -0 split '"It is a long game." - Ana Ruiz. The next day it rained.'
	assert_output "$(printf '%s\n' '"It is a long game." - Ana Ruiz.' 'The next day it rained.')"
}

@test "closing brackets stay with their sentence" {
	run -0 split '(The rain stopped.) The match went on [after a delay.] Fans cheered.'
	assert_output "$(printf '%s\n' '(The rain stopped.)' 'The match went on [after a delay.]' 'Fans cheered.')"
}

@test "?! runs end one sentence" {
	run -0 split 'Really?! Yes!!! Who knew? Nobody.'
	assert_output "$(printf '%s\n' 'Really?!' 'Yes!!!' 'Who knew?' 'Nobody.')"
}

@test "numbered list items keep their label" {
	run -0 split '1. Buy milk. 2. Buy eggs. IV. Call home.'
	assert_output "$(printf '%s\n' '1. Buy milk.' '2. Buy eggs.' 'IV. Call home.')"
}

@test "a lower-case word after an abbreviation continues the sentence" {
	run -0 split 'Some towns, e.g. in Ohio, voted. The U.S. officials and Corp. lawyers met etc. and left.'
	assert_output "$(printf '%s\n' 'Some towns, e.g. in Ohio, voted.' 'The U.S. officials and Corp. lawyers met etc. and left.')"
}

@test "footnote markers stay with the sentence before them" {
	run -0 split 'The bridge opened in 1932. [4] [5] It was repainted in 2001.[6] Tolls ended.'
	assert_output "$(printf '%s\n' 'The bridge opened in 1932. [4] [5]' 'It was repainted in 2001.[6] Tolls ended.')"
}

@test "a caption run into its credit is split before the credit label" {
	run -0 split 'Fans at the comic booth Image: Jane Doe.'
	assert_output "$(printf '%s\n' 'Fans at the comic booth' 'Image: Jane Doe.')"
}

@test "a dateline run into the first sentence is split after the year" {
	run -0 split 'Thursday, May 7, 2015 On Tuesday, the council voted.'
	assert_output "$(printf '%s\n' 'Thursday, May 7, 2015' 'On Tuesday, the council voted.')"
}

@test "a heading or caption run into the first sentence is split before an opener" {
	run -0 split 'Votes by ward In the east, turnout rose to a record. Officials were pleased.'
	assert_output "$(printf '%s\n' 'Votes by ward' 'In the east, turnout rose to a record.' 'Officials were pleased.')"
	run -0 split 'Dock workers strike This week the port shut.'
	assert_output "$(printf '%s\n' 'Dock workers strike' 'This week the port shut.')"
}

@test "a run-in opener needs a word before it, a lower-case word after it and no quotes" {
	run -0 wire-split-sentences --plain <<< $'She starred in Lost In Paris last year.\n\nHe sang "Songs In the Dark" twice.\n\nLater, In the end it held.'
	assert_output "$(printf '%s\n' 'She starred in Lost In Paris last year.' '' 'He sang "Songs In the Dark" twice.' '' 'Later, In the end it held.')"
}

@test "a run-in opener is looked for only in the first sentence of a paragraph" {
	run -0 split 'The port shut. Workers waited In the end most went home.'
	assert_output "$(printf '%s\n' 'The port shut.' 'Workers waited In the end most went home.')"
}

@test "a title-case heading without final punctuation keeps its words together" {
	run -0 split 'Baking In a Clay Pot'
	assert_output 'Baking In a Clay Pot'
}

@test "white space around and between sentences is dropped" {
	run -0 split $'  \tOne.   Two.\t '
	assert_output "$(printf '%s\n' 'One.' 'Two.')"
}

@test "a paragraph without final punctuation is one sentence" {
	run -0 split 'Storm hits coast, thousands flee'
	assert_output 'Storm hits coast, thousands flee'
}

# --- stream mode ------------------------------------------------------------

@test "stream: one row per sentence, sent numbered per document, columns kept" {
	run -0 wire-split-sentences "$F/paragraphs.tsv"
	assert_line --index 0 $'doc\tpar\tkind\ttext\turl\tsent'
	assert_line --index 3 $'harbor\t3\tbody\tLISBON - Dock workers ended a 12-day strike on Dec. 4 after the U.S.-based Atlas Shipping Co. raised pay 3.5%.\thttp://example.net/harbor\t3'
	assert_line --index 4 $'harbor\t3\tbody\tThe first ship left at 6:15 a.m. Tuesday.\thttp://example.net/harbor\t4'
	assert_line --index 9 $'budget\t1\tbody\tThe council approved a $1.2 billion budget.\thttp://example.net/budget\t1'
	assert_line --index 11 $'budget\t2\tbody\tIt takes effect in July.\thttp://example.net/budget\t3'
	assert_equal "${#lines[@]}" 12
}

@test "stream: a heading or byline without final punctuation stays whole" {
	run -0 wire-split-sentences "$F/paragraphs.tsv"
	assert_line --index 1 $'harbor\t1\theading\tPort strike ends. Ships move again\thttp://example.net/harbor\t1'
	assert_line --index 2 $'harbor\t2\tbyline\tBy Ana K. Ruiz\thttp://example.net/harbor\t2'
}

@test "stream: a caption that ends like sentences is split" {
	run -0 wire-split-sentences "$F/paragraphs.tsv"
	assert_line --index 7 --partial $'caption\tCranes at the Alcantara terminal.\t'
	assert_line --index 8 --partial $'caption\tWork resumed at dawn.\t'
}

@test "stream: a caption run into a body row is split, a heading row stays whole" {
	run -0 wire-split-sentences < <(tsv 'kind\ttext' 'heading\tLife In the Slow Lane' 'body\tHarbour at dawn In the fog, the cranes stood still.')
	assert_output "$(tsv 'kind\ttext\tsent' 'heading\tLife In the Slow Lane\t1' 'body\tHarbour at dawn\t2' 'body\tIn the fog, the cranes stood still.\t3')"
}

@test "stream: without a doc column the input is one document" {
	run -0 wire-split-sentences < <(tsv 'text' 'One. Two.' 'Three.')
	assert_output "$(tsv 'text\tsent' 'One.\t1' 'Two.\t2' 'Three.\t3')"
}

@test "stream: escaped line ends inside text are white space" {
	run -0 wire-split-sentences < <(printf 'doc\ttext\nd\tFirst line.\\nSecond line.\n')
	assert_output "$(tsv 'doc\ttext\tsent' 'd\tFirst line.\t1' 'd\tSecond line.\t2')"
}

@test "stream: an empty text has no sentence" {
	run -0 wire-split-sentences < <(printf 'doc\ttext\nd\t\nd\tOnly one.\n')
	assert_output "$(tsv 'doc\ttext\tsent' 'd\tOnly one.\t1')"
}

@test "stream: running twice replaces sent instead of adding it again" {
	wire-split-sentences "$F/paragraphs.tsv" > "$TMP/once.tsv"
	run -0 wire-split-sentences "$TMP/once.tsv"
	assert_output "$(cat "$TMP/once.tsv")"
}

@test "stream: several files with one header continue the numbering" {
	head -n 6 "$F/paragraphs.tsv" > "$TMP/a.tsv"
	{ head -n 1 "$F/paragraphs.tsv"; tail -n +7 "$F/paragraphs.tsv"; } > "$TMP/b.tsv"
	run -0 wire-split-sentences "$TMP/a.tsv" "$TMP/b.tsv"
	assert_output "$(wire-split-sentences "$F/paragraphs.tsv")"
}

@test "stream: files with different headers are an error" {
	tsv 'doc\ttext' 'a\tOne.' > "$TMP/a.tsv"
	tsv 'text\tdoc' 'Two.\tb' > "$TMP/b.tsv"
	run -1 --separate-stderr wire-split-sentences "$TMP/a.tsv" "$TMP/b.tsv"
	assert_equal "$stderr" "wire-split-sentences: $TMP/b.tsv:1: header differs from that of $TMP/a.tsv"
}

@test "stream: a missing text column is an error naming the file" {
	tsv 'doc\tbody' 'a\tOne.' > "$TMP/a.tsv"
	run -1 --separate-stderr wire-split-sentences "$TMP/a.tsv"
	[[ "$stderr" == "wire-split-sentences: $TMP/a.tsv:1: missing column 'text'"* ]]
}

@test "stream: a row with the wrong number of fields is an error" {
	printf 'doc\ttext\na\tOne.\textra\n' > "$TMP/a.tsv"
	run -1 --separate-stderr wire-split-sentences "$TMP/a.tsv"
	assert_equal "${stderr%%:*}" "wire-split-sentences"
	[[ "$stderr" == *"$TMP/a.tsv:2:"* ]]
}

# --- plain mode -------------------------------------------------------------

@test "plain: blank lines separate paragraphs, single line ends are spaces" {
	run -0 wire-split-sentences --plain "$F/story.txt"
	assert_output "$(printf '%s\n' \
		'The storm reached the coast at 4 a.m. Friday, the weather service said.' \
		'Winds topped 90 mph.' '' \
		'Gov. Lee declared an emergency.' '"Stay home," she said.' '"Roads are closed."' '' \
		'Officials in St. Augustine, Fla. reported no injuries.')"
}

@test "plain: CRLF line ends and several blank lines are handled" {
	printf 'One. Two.\r\n\r\n\r\n   \r\nThree.\r\n' > "$TMP/crlf.txt"
	run -0 wire-split-sentences --plain "$TMP/crlf.txt"
	assert_output "$(printf '%s\n' 'One.' 'Two.' '' 'Three.')"
}

@test "plain: --offsets gives code point offsets within the paragraph" {
	printf 'Ünïcode café. “Quoted.”\nNext line.\n\nÀ bientôt.\n' > "$TMP/u.txt"
	run -0 wire-split-sentences --plain --offsets "$TMP/u.txt"
	assert_output "$(printf '0\t13\tÜnïcode café.\n14\t23\t“Quoted.”\n24\t34\tNext line.\n\n0\t10\tÀ bientôt.\n')"
}

@test "plain: --offsets stay exact over long paragraphs of multi-byte text" {
	local want='' k
	for k in $(seq 0 24); do
		printf 'Ça déjà vu. ' >> "$TMP/u.txt"
		want+="$((k * 12))"$'\t'"$((k * 12 + 11))"$'\tÇa déjà vu.\n'
	done
	echo >> "$TMP/u.txt"
	run -0 wire-split-sentences --plain --offsets "$TMP/u.txt"
	assert_output "${want%$'\n'}"
}

@test "plain: invalid UTF-8 is an error with file and line" {
	printf 'Fine.\n\nBad \377 byte.\n' > "$TMP/bad.txt"
	run -1 --separate-stderr wire-split-sentences --plain "$TMP/bad.txt"
	assert_equal "$stderr" "wire-split-sentences: $TMP/bad.txt:3: invalid UTF-8 at byte 5"
}

@test "plain: empty input gives empty output" {
	run -0 wire-split-sentences --plain < /dev/null
	assert_output ''
}

@test "plain: several files are read in turn, '-' is standard input" {
	printf 'From stdin.\n' > "$TMP/in.txt"
	run -0 wire-split-sentences --plain "$F/story.txt" - < "$TMP/in.txt"
	assert_equal "${lines[-1]}" 'From stdin.'
	assert_equal "$(printf '%s\n' "$output" | tail -n 2 | head -n 1)" ''
}

# --- options ----------------------------------------------------------------

@test "--abbreviations adds nonfinal and final abbreviations" {
	run -0 split 'Gouv. Martin visited Sime Darby Bhd. Officials met. He left Sime Bhd. The end.'
	assert_equal "${#lines[@]}" 5
	run -0 wire-split-sentences --plain -a "$F/local.abbr" <<<'Gouv. Martin visited Sime Darby Bhd. Officials met. He left Sime Bhd. The end.'
	assert_output "$(printf '%s\n' 'Gouv. Martin visited Sime Darby Bhd. Officials met.' 'He left Sime Bhd.' 'The end.')"
}

@test "--abbreviations with an unknown kind is an error with file and line" {
	run -1 --separate-stderr wire-split-sentences --plain --abbreviations "$F/bad.abbr" < /dev/null
	assert_equal "$stderr" "wire-split-sentences: $F/bad.abbr:2: unknown kind 'sometimes' (nonfinal, final or number)"
}

@test "--abbreviations with a missing file is an error" {
	run -1 --separate-stderr wire-split-sentences --plain -a "$TMP/none" < /dev/null
	[[ "$stderr" == "wire-split-sentences: $TMP/none: "* ]]
}

@test "--help prints usage on stdout and exits 0" {
	run -0 --separate-stderr wire-split-sentences --help
	assert_line --index 0 --partial 'Usage: wire-split-sentences'
	assert_equal "$stderr" ''
}

@test "--version prints the version" {
	run -0 wire-split-sentences --version
	assert_output --regexp '^wire-split-sentences \(wire\) [0-9]'
}

@test "an unknown option is a usage error" {
	run -2 --separate-stderr wire-split-sentences --frobnicate
	[[ "$stderr" == *"Try 'wire-split-sentences --help' for more information."* ]]
}

@test "--offsets without --plain is a usage error" {
	run -2 --separate-stderr wire-split-sentences --offsets < /dev/null
	[[ "$stderr" == "wire-split-sentences: --offsets needs --plain"* ]]
}

@test "a missing input file is an error" {
	run -1 --separate-stderr wire-split-sentences --plain "$TMP/absent.txt"
	[[ "$stderr" == "wire-split-sentences: $TMP/absent.txt: "* ]]
}

@test "a closed output pipe ends quietly" {
	awk 'BEGIN { for (i = 0; i < 50000; i++) print "The storm hit. Winds rose.\n" }' > "$TMP/big.txt"
	run --separate-stderr bash -c "wire-split-sentences --plain '$TMP/big.txt' | head -n 1"
	assert_output 'The storm hit.'
	assert_equal "$stderr" ''
}

# --- the man page's examples ---------------------------------------------

@test "man example: plain text, one sentence per line" {
	run -0 bash -c "printf 'Mr. Smith went to the U.S. He met Sen. Jones.\n' | wire-split-sentences --plain"
	assert_output "$(printf '%s\n' 'Mr. Smith went to the U.S.' 'He met Sen. Jones.')"
}

@test "man example: --offsets" {
	run -0 bash -c "printf '“Stop.” He left.\n' | wire-split-sentences --plain --offsets"
	assert_output "$(printf '0\t7\t“Stop.”\n8\t16\tHe left.\n')"
}

@test "man example: the stream" {
	run -0 bash -c "printf 'doc\ttext\na\tHello there. Bye.\n' | wire-split-sentences"
	assert_output "$(tsv 'doc\ttext\tsent' 'a\tHello there.\t1' 'a\tBye.\t2')"
}

@test "man example: a local abbreviation file" {
	cd "$TMP"
	printf 'Gouv.\nBhd. final\n' > local.abbr
	printf 'Gouv. Roy met Acme Bhd. The end.\n' > story.txt
	run -0 wire-split-sentences --plain -a local.abbr story.txt
	assert_output "$(printf '%s\n' 'Gouv. Roy met Acme Bhd.' 'The end.')"
}

@test "man example: articles to a sheet of sentences" {
	command -v wire-clean > /dev/null || skip "wire-clean not built"
	command -v wire-to-csv > /dev/null || skip "wire-to-csv not built"
	run -0 bash -c "wire-clean '$F/port.txt' | wire-split-sentences | wire-to-csv -c doc,sent,text"
	assert_line --index 0 $'doc,sent,text\r'
	assert_line --index 2 $'port,2,The first container ship left the Alcantara terminal at dawn.\r'
	assert_line --index 3 $'port,3,Dozens of trucks waited outside the gates as customs officers returned to work.\r'
}

# --- the seeds ------------------------------------------------------------

@test "seeds: no split after U.S., U.N.'s, Sergei V., U.K.-based or the time" {
	require_seeds
	cat "$SEEDS"/*.txt | wire-split-sentences --plain > "$TMP/seeds.out"
	run grep -nE "(U\.S\.|U\.N\.|Sergei V\.|U\.N\.'s|U\.K\.-based|6:29 AM|Dec)$" "$TMP/seeds.out"
	assert_failure
	run grep -c 'Sergei V. Lavrov' "$TMP/seeds.out"
	refute_output 0
	run grep -Fx 'By Ilya Arkhipov & Henry Meyer - Dec 22, 2012 6:29 AM PT' "$TMP/seeds.out"
	assert_success
}

@test "seeds: full stops that end sentences split, also inside closing quotes" {
	require_seeds
	cat "$SEEDS"/*.txt | wire-split-sentences --plain > "$TMP/seeds.out"
	run grep -Fx '"We are not conducting any negotiations on the fate of Assad," Lavrov told reporters in Moscow.' "$TMP/seeds.out"
	assert_success
	run grep -Fx 'Violence in Syria has long been outpacing efforts to reach a diplomatic solution.' "$TMP/seeds.out"
	assert_success
	run grep -Fx '“I have to live and die in Syria.”' "$TMP/seeds.out"
	assert_success
	# every line that has a full stop followed by a space and a capital
	# letter inside it is a known abbreviation or initial case
	run grep -nE '[a-z]{3,}[.!?]["”]? [A-Z][a-z]' "$TMP/seeds.out"
	assert_failure
}
