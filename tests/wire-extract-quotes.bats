#!/usr/bin/env bats
# wire-extract-quotes: quotations, their speakers and cues.  The fixtures
# are sentence streams with hand-written entities (make-fixture.py turns
# the annotated .txt beside each into its .tsv), so these tests do not
# depend on the tagger; the seeds tests run the whole pipeline.
bats_require_minimum_version 1.5.0
load test_helper

F="$FIXTURES/wire-extract-quotes"

setup() {
	TMP=$(mktemp -d)
}

# The whole pipeline runs once per seed article, for all the seeds tests.
setup_file() {
	local f n
	[ -d "$SEEDS" ] && command -v wire-tag-entities > /dev/null || return 0
	for f in "$SEEDS"/*.txt; do
		n=$(basename "$f" | cut -c 1-3)
		wire-clean "$f" | wire-split-sentences | wire-tag-entities |
			wire-extract-quotes > "$BATS_FILE_TMPDIR/seed-$n.tsv"
	done
}

teardown() {
	rm -rf "$TMP"
}

# quotes FILE [OPTION...]: the rows as quote|speaker|speaker_mention|cue|type
quotes() {
	wire-extract-quotes "$@" | awk -F '\t' '
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		{ print $c["quote"] "|" $c["speaker"] "|" $c["speaker_mention"] "|" \
		        $c["cue"] "|" $c["type"] }'
}

@test "--help prints the usage and exits 0" {
	run -0 wire-extract-quotes --help
	assert_line --index 0 'Usage: wire-extract-quotes [OPTION]... [FILE]...'
}

@test "an unknown quotation type is a usage error" {
	run -2 --separate-stderr wire-extract-quotes --types direct,hearsay "$F/strike.tsv"
	assert_equal "${stderr_lines[0]}" "wire-extract-quotes: unknown quotation type 'hearsay' in --types (direct, partial, indirect)"
}

@test "the output columns: document columns, par, sent, then the quotation" {
	run -0 wire-extract-quotes "$F/strike.tsv"
	assert_line --index 0 "$(printf 'doc\ttitle\tpar\tsent\tquote\tspeaker\tspeaker_mention\tcue\ttype\tcontent')"
}

@test "a header alone gives a header alone" {
	printf 'doc\tpar\tsent\ttext\tentities\n' > "$TMP/h.tsv"
	run -0 wire-extract-quotes "$TMP/h.tsv"
	assert_output "$(printf 'doc\tpar\tsent\tquote\tspeaker\tspeaker_mention\tcue\ttype\tcontent')"
}

@test "a stream without entities is an error naming the column" {
	printf 'doc\ttext\na\t"Yes," he said.\n' > "$TMP/n.tsv"
	run -1 --separate-stderr wire-extract-quotes "$TMP/n.tsv"
	assert_equal "$stderr" "wire-extract-quotes: $TMP/n.tsv:1: missing column 'entities' in header"
}

@test "a malformed entities value is an error with its line" {
	printf 'doc\ttext\tentities\na\tHe said so.\t\na\tShe said so.\t0:3:PERSON:1\n' > "$TMP/b.tsv"
	run -1 --separate-stderr wire-extract-quotes "$TMP/b.tsv"
	assert_equal "$stderr" "wire-extract-quotes: $TMP/b.tsv:3: bad entities value (want START:END:TYPE:ID ...)"
}

@test "an entity past the end of its sentence is an error" {
	printf 'doc\ttext\tentities\na\tHe said so.\t4:40:PER:1\n' > "$TMP/b.tsv"
	run -1 --separate-stderr wire-extract-quotes "$TMP/b.tsv"
	assert_equal "$stderr" "wire-extract-quotes: $TMP/b.tsv:2: entity 4:40 is past the end of the text"
}

@test "a direct quote before its cue, speaker by entity id and canonical name" {
	run -0 quotes "$F/strike.tsv"
	assert_line 'Nobody wants a long strike|Tomas Brandt|he|said|direct'
}

@test "a quote split by its attribution is one row, the comma back to a period" {
	run -0 quotes "$F/strike.tsv"
	assert_line 'We are not going to negotiate on behalf of either side. Both parties know what a settlement would look like.|Transport Minister Maria Keller|Keller|told reporters|direct'
}

@test "a quote split inside one sentence keeps its comma" {
	run -0 quotes "$F/marks.tsv"
	assert_line 'Nobody in this chamber, wants to see the ’80s repeated.|Ana Ruiz|Ruiz|said|direct'
}

@test "indirect speech: speaker, cue and the clause after that" {
	run -0 quotes "$F/strike.tsv"
	assert_line 'the workers would stay out until the authority restored the old shift rota|Tomas Brandt|Tomas Brandt|said|indirect'
}

@test "indirect speech with the attribution at the end" {
	run -0 quotes "$F/strike.tsv"
	assert_line "The authority's own figures tell a different story|Transport Minister Maria Keller|Keller|said|indirect"
}

@test "according to names the speaker after it" {
	run -0 quotes "$F/strike.tsv"
	assert_line 'The dispute has cost the port millions of euros|Harbour Gazette|Harbour Gazette|according to|indirect'
}

@test "said the newspaper resolves to the nearest publication" {
	run -0 quotes "$F/strike.tsv"
	assert_line 'The losses now exceed anything seen since the 1990s|Harbour Gazette|the newspaper|said|direct'
}

@test "it said resolves to the organisation that spoke last" {
	run -0 quotes "$F/strike.tsv"
	assert_line 'Shipping lines are already diverting cargo to Rotterdam|Harbour Gazette|it|said|direct'
}

@test "a partial quote inside the reporter's sentence" {
	run -0 quotes "$F/strike.tsv"
	assert_line 'a danger to every man on the quay|Tomas Brandt|Brandt|called|partial'
}

@test "a group of people is kept as written, with no canonical speaker" {
	run -0 quotes "$F/strike.tsv"
	assert_line 'they had offered talks on Friday||Port managers|said|indirect'
}

@test "a heading holds no quotation" {
	run -0 quotes "$F/strike.tsv"
	refute_line --partial 'Port strike enters'
	run -0 quotes "$F/marks.tsv"
	refute_line --partial 'Ensure Order'
}

@test "curly single quotes are quotes, apostrophes are not" {
	run -0 quotes "$F/marks.tsv"
	assert_line 'We cannot keep patching the old quay|Ana Ruiz|Ruiz|said|direct'
	assert_line 'had run its course|Ana Ruiz|Ana Ruiz|said|partial'
	refute_line --partial 'players'
}

@test "straight single quotes around a sentence with apostrophes inside" {
	run -0 quotes "$F/marks.tsv"
	assert_line "It's a fair deal for the port's workers|Jean Morel|Morel|added|direct"
}

@test "guillemets, and a speaker after an appositive" {
	run -0 quotes "$F/marks.tsv"
	assert_line 'Nous allons voter demain|Jean Morel|Jean Morel|said|direct'
}

@test "a quoted title is not a quotation" {
	run -0 quotes "$F/marks.tsv"
	refute_line --partial 'Harbour Lights'
}

@test "a quote over three paragraphs (a mark opens each) is one row" {
	run -0 quotes "$F/multipar.tsv"
	assert_line 'We inherited a deficit that nobody wanted to talk about. We have cut it by half. The next two years will be harder. Families will feel it, and I will not pretend otherwise. But the alternative is a debt that our children pay for.|Finance Minister Paul Okafor|Okafor|said|direct'
	assert_equal "$(printf '%s\n' "${lines[@]}" | grep -c Okafor)" 1
}

@test "a quote that starts a paragraph keeps the row's own par and sent" {
	run -0 wire-extract-quotes "$F/leadin.tsv"
	assert_line --partial "$(printf 'leadin\tHearing on the bridge collapse\t2\t3\tThe inspections')"
}

@test "a lead-in ending with a colon gives the next paragraph's speaker" {
	run -0 quotes "$F/leadin.tsv"
	assert_line 'The inspections were done on time, and every report was filed.|Karen Holt|Holt|said|direct'
}

@test "From the chairwoman: resolves the description to the person" {
	run -0 quotes "$F/leadin.tsv"
	assert_line 'Who decided that a bridge built in 1958 could carry modern trucks?|Beatrice Lange|the chairwoman|from|direct'
}

@test "a quote without a cue takes the speaker of the sentence before" {
	run -0 quotes "$F/leadin.tsv"
	assert_line 'We followed every standard that applied at the time.|Vossberg|Vossberg|denied|direct'
}

@test "--types direct,partial leaves indirect speech out" {
	run -0 quotes --types direct,partial "$F/strike.tsv"
	refute_line --partial '|indirect'
	assert_line 'Nobody wants a long strike|Tomas Brandt|he|said|direct'
}

@test "--types indirect writes only indirect speech" {
	run -0 quotes -t indirect "$F/strike.tsv"
	refute_line --partial '|direct'
	refute_line --partial '|partial'
	assert_line --partial '|indirect'
}

@test "--cues adds cue verbs to the defaults" {
	printf 'doc\ttext\tentities\na\t"The plan is dead," Ruiz thundered.\t20:24:PER:1\n' > "$TMP/c.tsv"
	run -0 quotes "$TMP/c.tsv"
	assert_line 'The plan is dead||||direct'
	printf '# more cues\nthundered\n' > "$TMP/cues"
	run -0 quotes --cues "$TMP/cues" "$TMP/c.tsv"
	assert_line 'The plan is dead|Ruiz|Ruiz|thundered|direct'
}

@test "a cue file that cannot be read is an error" {
	run -1 --separate-stderr wire-extract-quotes --cues "$TMP/none" "$F/strike.tsv"
	assert_equal "$stderr" "wire-extract-quotes: $TMP/none: No such file or directory"
}

@test "user columns pass through from the quote's first sentence" {
	printf 'doc\turl\tpar\tsent\ttext\tentities\n' > "$TMP/u.tsv"
	printf 'a\thttp://x/1\t1\t1\t"Yes, we will," Ruiz said.\t16:20:PER:1\n' >> "$TMP/u.tsv"
	run -0 wire-extract-quotes "$TMP/u.tsv"
	assert_line --index 1 "$(printf 'a\thttp://x/1\t1\t1\tYes, we will\tRuiz\tRuiz\tsaid\tdirect\tYes, we will')"
}

@test "documents are separate: no speaker carries over" {
	printf 'doc\tpar\ttext\tentities\n' > "$TMP/d.tsv"
	printf 'a\t1\tRuiz spoke on Monday.\t0:4:PER:1\n' >> "$TMP/d.tsv"
	printf 'b\t1\t"We will win," he said.\t\n' >> "$TMP/d.tsv"
	run -0 quotes "$TMP/d.tsv"
	assert_output 'We will win||he|said|direct'
}

@test "several files with one header are read as one stream" {
	run -0 wire-extract-quotes "$F/strike.tsv" "$F/marks.tsv"
	assert_equal "$(printf '%s\n' "${lines[@]}" | grep -c '^doc')" 1
	assert_line --partial 'Nobody wants a long strike'
	assert_line --partial 'Nous allons voter demain'
}

@test "a second file with another header is an error" {
	printf 'doc\ttext\tentities\n' > "$TMP/o.tsv"
	run -1 --separate-stderr wire-extract-quotes "$F/strike.tsv" "$TMP/o.tsv"
	assert_equal "$stderr" "wire-extract-quotes: $TMP/o.tsv:1: header differs from that of $F/strike.tsv"
}

@test "standard input is read when the operand is -" {
	run -0 bash -c "wire-extract-quotes - < '$F/strike.tsv' | grep -c '	direct	'"
	assert_output 4
}

# --- content: the reported clause of a partial quote ---------------------

# contents SENTENCE ENTITIES...: the rows of a one-document stream, one
# sentence a row, as quote|speaker|cue|type|content.
contents() {
	{
		printf 'doc\tpar\ttext\tentities\n'
		while [ $# -gt 1 ]; do
			printf 'a\t1\t%s\t%s\n' "$1" "$2"
			shift 2
		done
	} | wire-extract-quotes | awk -F '\t' '
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		{ print $c["quote"] "|" $c["speaker"] "|" $c["cue"] "|" $c["type"] "|" $c["content"] }'
}

@test "content: a partial quote's clause after the cue, marks kept" {
	run -0 contents 'Ruiz said the harbour plan was "dead on arrival" in its present form.' 0:4:PER:1
	assert_output 'dead on arrival|Ruiz|said|partial|the harbour plan was "dead on arrival" in its present form'
}

@test "content: the clause after that, to the end of the sentence" {
	run -0 contents 'Keller said on Monday that the strike fund was "nearly empty."' 0:6:PER:1
	assert_output 'nearly empty.|Keller|said|partial|the strike fund was "nearly empty."'
}

@test "content: the clause before a speaker who follows the cue" {
	run -0 contents 'The plan is "dead on arrival," said Ruiz.' 36:40:PER:1
	assert_output 'dead on arrival|Ruiz|said|partial|The plan is "dead on arrival,"'
}

@test "content: the clause before a final according to" {
	run -0 contents 'Harbour fees will rise "sharply next year," according to the ministry.' ''
	assert_output 'sharply next year||according to|partial|Harbour fees will rise "sharply next year,"'
}

@test "content: the clause of a nearer cue when the quote's own cue does not hold it" {
	run -0 contents 'Keller told dock workers that the fund was "nearly empty" and says she will ask the union for more.' 0:6:PER:1
	assert_output 'nearly empty|Keller|says|partial|the fund was "nearly empty" and says she will ask the union for more'
}

@test "content: partial quotes of one clause share it" {
	run -0 contents 'Keller called the strike "reckless" and "a gift to our rivals."' 0:6:PER:1
	assert_line --index 0 'reckless|Keller|called|partial|the strike "reckless" and "a gift to our rivals."'
	assert_line --index 1 'a gift to our rivals.|Keller|called|partial|the strike "reckless" and "a gift to our rivals."'
}

@test "content: direct and indirect quotations are their own content" {
	run -0 contents '"We will not move," Ruiz said.' 20:24:PER:1 \
		'Ruiz said that the dockers would stay out until March.' 0:4:PER:1
	assert_line --index 0 'We will not move|Ruiz|said|direct|We will not move'
	assert_line --index 1 'the dockers would stay out until March|Ruiz|said|indirect|the dockers would stay out until March'
}

@test "content: a clause of more than 2,000 bytes is not used" {
	local long
	long=$(printf 'the dockers and %.0s' $(seq 150))
	run -0 contents "Ruiz said $long the plan was \"dead on arrival\" in the end." 0:4:PER:1
	assert_output 'dead on arrival|Ruiz|said|partial|dead on arrival'
}

@test "indirect speech before a final according to" {
	run -0 contents 'Harbour fees will rise by a fifth next year, according to the ministry.' ''
	assert_output 'Harbour fees will rise by a fifth next year||according to|indirect|Harbour fees will rise by a fifth next year'
}

@test "a cue after a possessive is a noun: only with a that-clause" {
	run -0 contents "Ruiz's tweet to invite the mayor was only \"a joke,\" Keller said." '0:4:PER:1 52:58:PER:2' \
		"Ruiz's claim that the port is \"losing money\" was disputed." 0:4:PER:1
	assert_line --index 0 "a joke|Keller|said|partial|Ruiz's tweet to invite the mayor was only \"a joke,\""
	assert_line --index 1 'losing money|Ruiz|claim|partial|the port is "losing money" was disputed'
}

@test "a contraction is no possessive: he's claiming" {
	run -0 contents "He's claiming the vote was \"rigged from the start.\"" ''
	assert_output "rigged from the start.|He's|claiming|partial|the vote was \"rigged from the start.\""
}

@test "a that-clause after the cue wins over the clause before the speaker" {
	run -0 contents 'Following the blast, Ruiz said at a briefing in Oslo that "a gas leak" had caused it.' 21:25:PER:1 \
		'Following the blast, Ruiz said at a briefing in Oslo that a gas leak had caused it.' 21:25:PER:1
	assert_line --index 0 'a gas leak|Ruiz|said|partial|"a gas leak" had caused it'
	assert_line --index 1 'a gas leak had caused it|Ruiz|said|indirect|a gas leak had caused it'
}

@test "a participle takes the subject named after its title" {
	run -0 contents 'Former harbour spokeswoman Maria Keller walked out of the talks, saying the offer was "an insult."' 27:39:PER:1
	assert_output 'an insult.|Maria Keller|saying|partial|the offer was "an insult."'
}

@test "a title-case headline in quote marks is no quotation, even with its period" {
	run -0 contents "'Harbour Strike Enters Third Week.'" '' \
		'"THIS IS NOT OK." Keller wrote on Sunday.' 18:24:PER:1 \
		'"Thank You." Ruiz said to the crowd.' 13:17:PER:2
	assert_line --index 0 'THIS IS NOT OK.|Keller|wrote|direct|THIS IS NOT OK.'
	assert_line --index 1 'Thank You.|Ruiz|said|direct|Thank You.'
	assert_equal "${#lines[@]}" 2
}

@test "man: a partial quotation and the clause it belongs to" {
	run -0 bash -c "printf 'doc\tpar\ttext\tentities\n%s\t1\t%s\t%s\n' a \
		'Ruiz said the plan was \"dead on arrival\" in its form.' 0:4:PER:1 |
		wire-extract-quotes | cut -f 4,8,9"
	assert_output "$(printf 'quote\ttype\tcontent\ndead on arrival\tpartial\tthe plan was "dead on arrival" in its form')"
}

# --- the whole pipeline ---------------------------------------------------

pipeline() {
	wire-clean "$@" | wire-split-sentences | wire-tag-entities | wire-extract-quotes
}

require_pipeline() {
	command -v wire-tag-entities > /dev/null || skip "wire-tag-entities not built"
}

# --- the examples of wire-extract-quotes(1) -------------------------------

@test "man: a quote split by its attribution, from a hand-made stream" {
	run -0 bash -c "printf 'doc\tpar\ttext\tentities\n%s\t1\t%s\t%s\n' a \
		'\"We are not leaving,\" Lavrov said. \"Not now.\"' 22:28:PER:1 |
		wire-extract-quotes"
	assert_output "$(printf 'doc\tpar\tsent\tquote\tspeaker\tspeaker_mention\tcue\ttype\tcontent\na\t1\t1\tWe are not leaving. Not now.\tLavrov\tLavrov\tsaid\tdirect\tWe are not leaving. Not now.')"
}

@test "man: count the quotations of each speaker" {
	run -0 bash -c "wire-extract-quotes '$F/strike.tsv' |
		wire-to-csv --lf --no-header -c speaker | sort | uniq -c | sort -rn"
	assert_line '      3 Transport Minister Maria Keller'
	assert_line '      3 Tomas Brandt'
	assert_line '      3 Harbour Gazette'
	assert_line '      1 '
}

@test "man: more cue verbs, of one word or several" {
	printf 'doc\ttext\tentities\na\t"Not a chance," Ruiz fired back.\t16:20:PER:1\n' > "$TMP/s.tsv"
	printf 'thundered\nfired back\n' > "$TMP/my-cues"
	run -0 quotes --cues "$TMP/my-cues" "$TMP/s.tsv"
	assert_output 'Not a chance|Ruiz|Ruiz|fired back|direct'
}

@test "man: every quotation of a folder of articles, as a spreadsheet" {
	require_pipeline
	cp "$F/ferry-article.txt" "$TMP/"
	run -0 bash -c "cd '$TMP' && wire-clean *.txt | wire-split-sentences |
		wire-tag-entities | wire-extract-quotes | wire-to-csv > quotes.csv && cat quotes.csv"
	assert_line --index 0 $'doc,title,date,byline,source,par,sent,quote,speaker,speaker_mention,cue,type,content\r'
	assert_line --partial 'We lost money on every night sailing last winter. No company can run a service like that for long.,Henrik Aas,Aas,told reporters,direct'
}

@test "pipeline: an article I wrote, every quotation and its speaker" {
	require_pipeline
	pipeline "$F/ferry-article.txt" | cut -f 8-12 > "$TMP/out"
	run -0 cat "$TMP/out"
	# The tagger decides how much of a name (titles) a mention holds.
	T=$'\t' N="[^$'\t']*"
	assert_equal "${#lines[@]}" 6
	assert_line --regexp "^The ferry operator Nordlys Lines will not restore its night crossings to the islands$T${N}Henrik Aas$T${N}Henrik Aas${T}said${T}indirect\$"
	assert_line --regexp "^We lost money on every night sailing last winter\. No company can run a service like that for long\.$T${N}Henrik Aas${T}Aas${T}told reporters${T}direct\$"
	assert_line --regexp "^the decision would cut the islands off from hospitals on the mainland$T${N}Ingrid Solberg$T${N}Ingrid Solberg${T}said${T}indirect\$"
	assert_line --regexp "^People will die waiting for a boat$T${N}Ingrid Solberg${T}she${T}said${T}direct\$"
	assert_line "it was studying the contract${T}${T}The transport ministry${T}said${T}indirect"
}

# --- the seeds: every quotation of the five articles, with its speaker -----

# seed N: the direct and partial quotations of seed article N through the
# whole pipeline (run once per file, in setup_file), as
# quote|speaker|speaker_mention|cue|type
seed() {
	require_seeds
	require_pipeline
	awk -F '\t' '
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$c["type"] != "indirect" { print $c["quote"] "|" $c["speaker"] "|" \
		        $c["speaker_mention"] "|" $c["cue"] "|" $c["type"] }' \
		"$BATS_FILE_TMPDIR/seed-$1.tsv" > "$TMP/seed"
	run -0 cat "$TMP/seed"
}

@test "seed 000: a quote split by its attribution, one row for Lavrov" {
	seed 000
	assert_output --regexp '^We are not conducting any negotiations on the fate of Assad\. All attempts to portray things differently are unscrupulous, even for diplomats of those countries which are known to try to distort the facts in their favor\.\|[^|]*Lavrov\|Lavrov\|told reporters\|direct$'
}

@test "seed 001: partial quotes, he resolved to Lavrov, a two-sentence quote" {
	seed 001
	assert_equal "${#lines[@]}" 6
	assert_line --regexp '^no possibility\|[^|]*Lavrov\|[^|]*Lavrov\|said\|partial$'
	assert_line --regexp '^more and more lives of Syrian citizens\|[^|]*Lavrov\|He\|said\|partial$'
	assert_line --regexp "^isn't in the business of regime change\|[^|]*Lavrov\|Lavrov\|said\|partial$"
	assert_line --regexp '^He has repeatedly said, .* and so forth\. There is no possibility of changing this position\.\|[^|]*Lavrov\|Lavrov\|said\|direct$'
	assert_line --regexp "^are not preoccupied by the fate of Assad's regime\|[^|]*Putin\|[^|]*Putin\|said\|partial$"
	assert_line --regexp '^undoubtedly there is a call for change\.\|[^|]*Putin\|[^|]*Putin\|said\|partial$'
}

@test "seed 002: the report and it, resolved to Kommersant" {
	seed 002
	assert_line 'Russia does not intend to persuade the Syrian leader to leave his post voluntarily|Kommersant|the report|said|direct'
	assert_line 'Moscow is convinced that Assad will not go voluntarily|Kommersant|it|said|direct'
	refute_line --partial 'foreign agent'
}

@test "seed 003: the same story republished, the report resolved to Kommersant" {
	seed 003
	assert_line 'Russia does not intend to persuade the Syrian leader to leave his post voluntarily|Kommersant|the report|said|direct'
	assert_line 'Moscow is convinced that Assad will not go voluntarily|Kommersant|it|said|direct'
}

@test "seed 004: every quotation, speakers from names, he, and the paragraph" {
	seed 004
	assert_equal "${#lines[@]}" 8
	assert_line --regexp '^Assad has no intention of quitting\. He refuses these proposals, whatever we might like\. Irrespective of who tells him, Russia, China or someone else\.\|[^|]*Lavrov\|Lavrov\|told reporters\|direct$'
	assert_line --regexp '^Russia is not inviting Assad to come here, we have no such plans\.\|[^|]*Lavrov\|Lavrov\|said\|direct$'
	assert_line --regexp '^the last stronghold of secularism and stability in the region\|[^|]*Assad\|Assad\|said\|partial$'
	assert_line --regexp '^I have to live and die in Syria\.\|[^|]*Assad\|Assad\|said\|direct$'
	assert_line --regexp '^chaos\|[^|]*Putin\|Putin\|said\|partial$'
	assert_line --regexp '^We aren’t advocates for the current leadership\. We will work to ensure order in Syria and a democratic system based on the popular will of the Syrian people\.\|[^|]*Putin\|Putin\|said\|direct$'
	assert_line --regexp '^There are forecasts made by Western intelligence services that the ouster of the regime won’t lead to the end of this drama, but that a renewed battle will be triggered\|[^|]*Lavrov\|he\|said\|direct$'
	assert_line --regexp '^increased dramatically\|[^|]*\|the commission\|said\|partial$'
	refute_line --partial 'Ensure Order'
}

@test "seed 004: indirect speech with the speaker at the end" {
	require_seeds
	require_pipeline
	run -0 cut -f 8-12 "$BATS_FILE_TMPDIR/seed-004.tsv"
	assert_line --regexp "^Russia doesn’t believe that the overthrow of the Syrian leader would end the fighting	[^	]*Lavrov	Lavrov	said	indirect$"
}

# --- rules of wire-extract-quotes(1), on tests/fixtures/.../rules.txt -----

@test "two apostrophes stand for a double quote mark" {
	run -0 quotes "$F/rules.tsv"
	assert_line 'We expect the first ships within a week|Rui Costa|Costa|said|direct'
}

@test "a dateline is left out of indirect speech" {
	run -0 quotes "$F/rules.tsv"
	assert_line 'The harbour will reopen in May|Rui Costa|Rui Costa|said|indirect'
}

@test "a quote signed with a dash has that speaker and no cue" {
	run -0 quotes "$F/rules.tsv"
	assert_line 'The quay is finally safe.|Marta Pires|Marta Pires||direct'
}

@test "a labelling cue introduces quoted words, not indirect speech" {
	run -0 quotes "$F/rules.tsv"
	assert_line 'a trap for every driver|Marta Pires|Pires|likened|partial'
	refute_line --partial 'the old quay to'
}

@test "added to is not speech, vowed to is" {
	run -0 quotes "$F/rules.tsv"
	refute_line --partial 'fears that the season'
	assert_line 'to rebuild the southern pier before winter|Rui Costa|Costa|vowed|indirect'
}

@test "a place after the speaker belongs to a group, not a speaker" {
	run -0 quotes "$F/rules.tsv"
	assert_line 'the plan met every standard||Officials in the United States|said|indirect'
}

@test "a participle after a comma takes the subject after an opening phrase" {
	run -0 quotes "$F/rules.tsv"
	assert_line 'ahead of schedule.|Rui Costa|Costa|saying|partial'
}

@test "a surname the tagger missed is linked to the document's person" {
	run -0 quotes "$F/rules.tsv"
	assert_line 'Nobody will be laid off|Marta Pires|Pires|told|direct'
}

@test "a continued quote is split where a paragraph has another attribution" {
	run -0 quotes "$F/multipar.tsv"
	assert_line 'It is a budget for the comfortable. It asks nothing of them.|Grace Mbeki|Mbeki|said|direct'
	assert_line 'We will vote against it|Samuel Dlamini|Samuel Dlamini|added|direct'
}

@test "a par that is not a number is an error with its line" {
	printf 'doc\tpar\ttext\tentities\na\tx\t"Hi there," he said.\t\n' > "$TMP/p.tsv"
	run -1 --separate-stderr wire-extract-quotes "$TMP/p.tsv"
	assert_equal "$stderr" "wire-extract-quotes: $TMP/p.tsv:2: par is not a number: 'x'"
}

@test "CRLF line ends are read" {
	printf 'doc\ttext\tentities\r\na\t"Hello there," she said.\t\r\n' > "$TMP/c.tsv"
	run -0 quotes "$TMP/c.tsv"
	assert_output 'Hello there||she|said|direct'
}

@test "the speaker is named as wire-tag-entities names the entity: no middle initial, no Mr." {
	run -0 quotes "$F/names.tsv"
	assert_line 'The coalition has a majority and it will use it|Pieter de Vries|de Vries|told reporters|direct'
	assert_line 'We will not be lectured by the opposition|Pieter de Vries|Mr. de Vries|said|direct'
	assert_line 'there would be no early election|Pieter de Vries|Pieter J. de Vries|said|indirect'
}

@test "a body named with a place (the Commission of Inquiry on Moldavia said) is the speaker, not the place" {
	run -0 quotes "$F/inquiry.tsv"
	assert_line 'Conditions in the camps have worsened since the spring|Independent Commission of Inquiry|Independent Commission of Inquiry|said|indirect'
	assert_line 'increased sharply|Independent Commission of Inquiry|the commission|said|partial'
	assert_line 'Food aid reached fewer than half of the families|Independent Commission of Inquiry|the report|according to|indirect'
}

@test "the institute, the university, the authority: bodies that a description points back to" {
	run -0 quotes "$F/inquiry.tsv"
	assert_line 'the number had doubled since the winter|Marlowe Institute|The institute|said|indirect'
}

@test "an unnamed speaker (A report by ..., published last week, said) keeps 'it' from an earlier body" {
	run -0 quotes "$F/anon.tsv"
	assert_line 'too little room for delays||A report|said|partial'
	assert_line 'the cost could rise by a fifth if the works ran late||It|said|indirect'
	refute_output --partial 'Harbour Trust'
}

# --- cues that are not verbs, and findings -------------------------------

# one sentence with its entities as a stream on stdin
one_sentence() {
	printf 'doc\ttext\tentities\na\t%s\t%s\n' "$1" "${2:-}"
}

@test "'found that' reports a finding, with its speaker" {
	run -0 bash -c "$(declare -f one_sentence quotes); one_sentence \
		'The Hartley Institute, a health policy think tank, found that waiting lists had grown by a third.' \
		4:21:ORG:1 | quotes"
	assert_output 'waiting lists had grown by a third|Hartley Institute|Hartley Institute|found that|indirect'
}

@test "the think of 'think tank' is not a cue" {
	run -0 bash -c "$(declare -f one_sentence quotes); one_sentence \
		'The Hartley Institute, a health policy think tank, published its figures on Monday.' \
		4:21:ORG:1 | quotes"
	assert_output ''
}

@test "an -ing cue used as a noun before a preposition is not a cue" {
	run -0 bash -c "$(declare -f one_sentence quotes); one_sentence \
		'The weather agency issued a red warning for the region, with temperatures forecast to reach 43 degrees.' |
		quotes"
	assert_output ''
}

@test "an -ing cue after a noun is still a verb: 'a statement calling on'" {
	run -0 bash -c "$(declare -f one_sentence quotes); one_sentence \
		'The ministry issued a statement calling on the union \"to return to the table at once.\"' |
		quotes"
	assert_output 'to return to the table at once.||a statement|calling|partial'
}

@test "'according to the U.K.-based ...': the body speaks, not the place" {
	run -0 bash -c "$(declare -f one_sentence quotes); one_sentence \
		'At least 40 people died in the fighting, according to the U.K.-based Syrian Observatory for Human Rights.' \
		'58:62:LOC:1 69:75:MISC:2 76:104:ORG:3' | quotes"
	assert_output 'At least 40 people died in the fighting|Observatory for Human Rights|Observatory for Human Rights|according to|indirect'
}

@test "'added fuel to speculation' reports nothing" {
	run -0 bash -c "$(declare -f one_sentence quotes); one_sentence \
		'Talks in Dublin added fuel to speculation that Russia was ready to cut its ally loose.' \
		'9:15:LOC:1 47:53:LOC:2' | quotes"
	assert_output ''
}

@test "'she added warily:' still introduces a quotation" {
	run -0 bash -c "$(declare -f one_sentence quotes); one_sentence \
		'Then Ruiz added warily: \"There is always something.\"' 5:9:PER:1 | quotes"
	assert_output 'There is always something.|Ruiz|Ruiz|added|direct'
}
