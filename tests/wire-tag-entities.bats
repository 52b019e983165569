bats_require_minimum_version 1.5.0
load test_helper

F="$FIXTURES/wire-tag-entities"

setup() {
	TMP=$(mktemp -d "${BATS_TMPDIR:-/tmp}/wte.XXXXXX")
}

teardown() {
	rm -rf "$TMP"
}

# --- options ------------------------------------------------------------------

@test "tag-entities: --help prints usage and exits 0" {
	run -0 wire-tag-entities --help
	assert_output --partial "Usage: wire-tag-entities"
}

@test "tag-entities: an unknown option is a usage error" {
	run -2 --separate-stderr wire-tag-entities --bogus
	assert_equal "$output" ""
	[[ "$stderr" == *"--help"* ]]
}

@test "tag-entities: --train without -o is a usage error" {
	run -2 --separate-stderr wire-tag-entities --train "$F/tiny.conll"
	[[ "$stderr" == *"needs -o"* ]]
}

# --- stream -------------------------------------------------------------------

@test "tag-entities: adds entities, code point offsets, other columns pass" {
	run -0 wire-tag-entities --no-rules <<-'EOF'
	doc	url	text
	a	u1	John Kerry flew to Geneva.
	EOF
	assert_line -n 0 "doc	url	text	entities"
	assert_line -n 1 "a	u1	John Kerry flew to Geneva.	0:10:PER:1 19:25:LOC:2"
}

@test "tag-entities: offsets count code points, not bytes" {
	run -0 wire-tag-entities --no-rules <<-'EOF'
	text
	Señor José Ramos Horta arrived in Zürich on Monday.
	EOF
	assert_line -n 1 --partial "	6:22:PER:1 34:40:LOC:2"
}

@test "tag-entities: a title stays outside the name" {
	run -0 wire-tag-entities --no-rules <<-'EOF'
	text
	Foreign Minister Sergei Lavrov met reporters in Moscow.
	EOF
	assert_line -n 1 --partial "	17:30:PER:1 48:54:LOC:2"
}

@test "tag-entities: a possessive 's is not part of the name" {
	run -0 wire-tag-entities --no-rules <<-'EOF'
	text
	Germany's finance minister spoke.
	EOF
	assert_line -n 1 --partial "	0:7:LOC:1"
}

@test "tag-entities: running twice does not add a second entities column" {
	printf 'text\nJohn Kerry flew to Geneva.\n' > "$TMP/in.tsv"
	wire-tag-entities --no-rules "$TMP/in.tsv" > "$TMP/once.tsv"
	run -0 wire-tag-entities --no-rules "$TMP/once.tsv"
	assert_output "$(cat "$TMP/once.tsv")"
}

@test "tag-entities: a missing text column is reported with file and line" {
	printf 'doc\tbody\na\tJohn Kerry\n' > "$TMP/bad.tsv"
	run -1 --separate-stderr wire-tag-entities "$TMP/bad.tsv"
	[[ "$stderr" == *"bad.tsv:1:"*"text"* ]]
}

@test "tag-entities: files with different headers are an error" {
	printf 'doc\ttext\na\tHello.\n' > "$TMP/a.tsv"
	printf 'text\tdoc\nHello.\ta\n' > "$TMP/b.tsv"
	run -1 --separate-stderr wire-tag-entities "$TMP/a.tsv" "$TMP/b.tsv"
	[[ "$stderr" == *"b.tsv"* ]]
}

@test "tag-entities: several files give one header" {
	printf 'doc\ttext\na\tJohn Kerry spoke.\n' > "$TMP/a.tsv"
	printf 'doc\ttext\nb\tJohn Kerry spoke.\n' > "$TMP/b.tsv"
	run -0 wire-tag-entities --no-rules "$TMP/a.tsv" "$TMP/b.tsv"
	assert_equal "${#lines[@]}" 3
	assert_line -n 2 "b	John Kerry spoke.	0:10:PER:1"
}

@test "tag-entities: an empty text gets an empty entities field" {
	run -0 wire-tag-entities <<-'EOF'
	doc	text
	a	
	EOF
	assert_line -n 1 "a		"
}

# --- output modes -----------------------------------------------------------------

@test "tag-entities: --mentions writes one row per mention" {
	run -0 wire-tag-entities --no-rules --mentions <<-'EOF'
	doc	text
	a	John Kerry flew to Geneva.
	a	No names here.
	EOF
	assert_line -n 0 "doc	text	type	start	end	mention	name	id"
	assert_equal "${#lines[@]}" 3
	assert_line -n 1 --regexp "^a	John Kerry flew to Geneva\.	PER	0	10	John Kerry	[^	]+	1$"
	assert_line -n 2 --regexp "^a	John Kerry flew to Geneva\.	LOC	19	25	Geneva	[^	]+	2$"
}

@test "tag-entities: --inline marks the names (man page example)" {
	run -0 wire-tag-entities --plain --inline --no-rules <<-'EOF'
	Foreign Minister Sergei Lavrov met John Kerry in Geneva.
	EOF
	assert_output "Foreign Minister [PER Sergei Lavrov] met [PER John Kerry] in [LOC Geneva]."
}

@test "tag-entities: the stream example of the man page" {
	run -0 wire-tag-entities --no-rules < <(printf 'doc\ttext\na\tJohn Kerry flew to Geneva.\n')
	assert_output "$(printf 'doc\ttext\tentities\na\tJohn Kerry flew to Geneva.\t0:10:PER:1 19:25:LOC:2')"
}

@test "tag-entities: --plain numbers paragraphs and names the document" {
	printf 'Angela Merkel spoke in Berlin.\n\nShe left for\nParis.\n' > "$TMP/story.txt"
	run -0 wire-tag-entities --plain --no-rules "$TMP/story.txt"
	assert_line -n 0 "doc	par	text	entities"
	assert_line -n 1 "story	1	Angela Merkel spoke in Berlin.	0:13:PER:1 23:29:LOC:2"
	assert_line -n 2 "story	2	She left for Paris.	13:18:LOC:3"
}

@test "tag-entities: --plain --inline separates paragraphs by a blank line" {
	printf 'Angela Merkel spoke.\n\n\nIn Berlin.\n' > "$TMP/p.txt"
	run -0 wire-tag-entities --plain --inline --no-rules "$TMP/p.txt"
	assert_output "$(printf '[PER Angela Merkel] spoke.\n\nIn [LOC Berlin].')"
}

@test "tag-entities: invalid UTF-8 in plain text is an error with the line" {
	printf 'fine\n\xff\xfe bad\n' > "$TMP/bad.txt"
	run -1 --separate-stderr wire-tag-entities --plain "$TMP/bad.txt"
	[[ "$stderr" == *"bad.txt:2:"* ]]
}

@test "tag-entities: an all-capitals headline is read from the body" {
	run -0 wire-tag-entities --no-rules <<-'EOF'
	doc	text
	a	SOCCER - BRAZIL BEAT SWEDEN IN FRIENDLY .
	a	Brazil beat Sweden 2-1 in a friendly in Stockholm on Sunday .
	EOF
	assert_line -n 1 --partial "	9:15:LOC:1 21:27:LOC:2"
}

# --- training ---------------------------------------------------------------------

@test "tag-entities: --train writes a model that tags what it was taught" {
	run -0 wire-tag-entities --train "$F/tiny.conll" --epochs 5 -o "$TMP/tiny.model"
	[ -s "$TMP/tiny.model" ]
	run -0 wire-tag-entities -R -m "$TMP/tiny.model" <<-'EOF'
	text
	Karl Lind visited Oslo on Friday .
	EOF
	assert_line -n 1 "Karl Lind visited Oslo on Friday .	0:9:PER:1 18:22:LOC:2"
}

@test "tag-entities: training is deterministic" {
	wire-tag-entities --train "$F/tiny.conll" -o "$TMP/a.model"
	wire-tag-entities --train "$F/tiny.conll" -o "$TMP/b.model"
	cmp "$TMP/a.model" "$TMP/b.model"
}

@test "tag-entities: a bad tag in the training file is reported with its line" {
	printf 'Anna X X I-PER\nBerg X X I-PERSON\n' > "$TMP/bad.conll"
	run -1 --separate-stderr wire-tag-entities --train "$TMP/bad.conll" -o "$TMP/m"
	[[ "$stderr" == *"bad.conll:2: unknown tag"* ]]
}

@test "tag-entities: a file that is not a model is an error" {
	printf 'not a model\n' > "$TMP/junk.model"
	run -1 --separate-stderr wire-tag-entities -m "$TMP/junk.model" < /dev/null
	[[ "$stderr" == *"junk.model"* ]]
}

@test "tag-entities: --build-clusters writes a cluster table" {
	for i in 1 2 3 4; do
		echo "Anna went to Oslo . Karl went to Bergen . Anna saw Karl ."
	done > "$TMP/text.txt"
	run -0 wire-tag-entities --build-clusters -o "$TMP/cl.tsv" "$TMP/text.txt"
	run -0 grep -c "	" "$TMP/cl.tsv"
	assert_output 8
	run -0 wire-tag-entities --train "$F/tiny.conll" --clusters "$TMP/cl.tsv" -o "$TMP/m"
}

# --- rules and linking --------------------------------------------------------------

@test "tag-entities: mentions of one person share an id and the full name" {
	run -0 wire-tag-entities --mentions --no-rules <<-'EOF2'
	doc	text
	a	Foreign Minister Sergei V. Lavrov spoke in Moscow.
	a	Lavrov said Russia would not change course.
	b	Sergei Lavrov arrived.
	EOF2
	assert_line -n 1 --partial "	PER	17	33	Sergei V. Lavrov	Sergei Lavrov	1"
	assert_line -n 3 --partial "	PER	0	6	Lavrov	Sergei Lavrov	1"
	assert_line -n 5 "b	Sergei Lavrov arrived.	PER	0	13	Sergei Lavrov	Sergei Lavrov	1"
}

@test "tag-entities: dates, times, money and percentages come from the rules" {
	run -0 wire-tag-entities <<-'EOF2'
	text
	On Dec. 22, 2012 at 6:29 AM PT the fund paid $10,000, or 5 percent.
	EOF2
	assert_line -n 1 --partial "	3:16:DATE:1 20:30:TIME:2 45:52:MONEY:3 57:66:PERCENT:4"
}

@test "tag-entities: --no-rules leaves dates out" {
	run -0 wire-tag-entities --no-rules <<-'EOF2'
	text
	On Dec. 22, 2012 the fund paid $10,000.
	EOF2
	assert_line -n 1 "On Dec. 22, 2012 the fund paid \$10,000.	"
}

@test "tag-entities: the pipeline example of the man page" {
	run -0 bash -c "wire-clean '$F/summit.txt' | wire-split-sentences |
	    wire-tag-entities --mentions | wire-to-csv | tr -d '\\r'"
	assert_line -n 0 "doc,title,date,byline,source,par,kind,text,sent,type,start,end,mention,name,id"
	assert_line --regexp ',PER,29,44,Werner Hofstadt,Werner Hofstadt,([0-9]+)$'
	assert_line --regexp '^summit,.*,2,PER,24,32,Hofstadt,Werner Hofstadt,[0-9]+$'
	assert_line --regexp ',PER,0,4,Holm,Lars Holm,[0-9]+$'
}

@test "tag-entities: a document of over 20,000 mentions is linked in parts" {
	awk 'BEGIN { print "doc\ttext"; for (i = 0; i < 20001; i++) print "a\tJohn Smith spoke." }' > "$TMP/long.tsv"
	run -0 wire-tag-entities --no-rules "$TMP/long.tsv"
	assert_line -n 1 "a	John Smith spoke.	0:10:PER:1"
	assert_line -n 20000 "a	John Smith spoke.	0:10:PER:1"
	assert_line -n 20001 "a	John Smith spoke.	0:10:PER:2"
}

@test "tag-entities: -i is not --inline (-i is --id in wire-clean and wire-dedupe)" {
	run -2 --separate-stderr wire-tag-entities -i /dev/null
	assert_output ""
	[[ "$stderr" == *"invalid option"* ]]
}
