#!/usr/bin/env bats
# wire-tag-entities: the rule types and the name linking through the
# program (the rules themselves are unit-tested in tests/unit/test_timex.c
# and tests/unit/test_linker.c).  The sentences are plain Reuters-style
# news, so that the model's PER/ORG/LOC reading of them is not in doubt.
bats_require_minimum_version 1.5.0
load test_helper

setup() {
	command -v wire-tag-entities >/dev/null || skip "wire-tag-entities not built"
	TMP=$(mktemp -d)
	export -f mentions ids_of
}

teardown() {
	rm -rf "$TMP"
}

# Prints "TYPE<TAB>mention<TAB>name<TAB>id" for each mention of the
# stream on standard input, the columns found by name.
mentions() {
	wire-tag-entities --mentions "$@" | awk -F '\t' '
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		{ print $c["type"] "\t" $c["mention"] "\t" $c["name"] "\t" $c["id"] }'
}

# The distinct "name<TAB>id" pairs of the mentions whose text matches RE.
ids_of() {
	awk -F '\t' -v re="$1" '$2 ~ re { print $3 "\t" $4 }' | sort -u
}

@test "linking: Lavrov, Sergei Lavrov and Sergei V. Lavrov are one person" {
	tsv 'doc\ttext' \
	    'a\tRussian Foreign Minister Sergei Lavrov said on Sunday that Moscow would not change its position.' \
	    'a\tLavrov told reporters in Moscow that talks would continue.' \
	    'a\tSergei V. Lavrov met the envoy in Dublin last week.' > "$TMP/in.tsv"
	run -0 bash -c "mentions < '$TMP/in.tsv' | ids_of Lavrov"
	assert_output --regexp $'^Sergei Lavrov\t[0-9]+$'
}

@test "linking: Assad, Bashar Assad and Bashar al-Assad's are one person" {
	tsv 'doc\ttext' \
	    'a\tSyrian President Bashar al-Assad addressed the nation on Sunday.' \
	    'a\tRussia has no intention of pushing for the ouster of President Bashar Assad.' \
	    'a\tOfficials in Washington say Assad'"'"'s rule is weakening.' > "$TMP/in.tsv"
	run -0 bash -c "mentions < '$TMP/in.tsv' | ids_of Assad"
	assert_output --regexp $'^Bashar al-Assad\t[0-9]+$'

}

@test "linking: U.N. and United Nations are one organisation" {
	tsv 'doc\ttext' \
	    'a\tThe United Nations said on Monday that aid convoys had reached the city.' \
	    'a\tA U.N. spokesman in Geneva said more trucks would follow.' > "$TMP/in.tsv"
	run -0 bash -c "mentions < '$TMP/in.tsv' | awk -F '\t' '\$1 == \"ORG\"' | ids_of 'U'"
	assert_output "$(printf 'United Nations\t1')"
}

@test "linking: an ambiguous surname right after a full name is that person" {
	tsv 'doc\ttext' \
	    'a\tFormer President Bill Clinton spoke in New York on Tuesday.' \
	    'a\tSecretary of State Hillary Clinton arrived in Dublin on Thursday.' \
	    'a\tClinton met Russian Foreign Minister Sergei Lavrov in Dublin.' > "$TMP/in.tsv"
	run -0 bash -c "mentions < '$TMP/in.tsv' | awk -F '\t' '\$2 == \"Clinton\" { print \$3 }'"
	assert_output 'Hillary Clinton'
}

@test "linking: ids are numbered per document in order of first mention" {
	tsv 'doc\ttext' \
	    'a\tSergei Lavrov flew to Geneva on Sunday.' \
	    'a\tLavrov met John Kerry in Geneva.' \
	    'b\tJohn Kerry flew to Moscow on Monday.' > "$TMP/in.tsv"
	run -0 wire-tag-entities --no-rules "$TMP/in.tsv"
	# a: Sergei Lavrov 1, Geneva 2, then Lavrov 1, Kerry 3, Geneva 2
	assert_line --index 1 --regexp $'\t0:13:PER:1 22:28:LOC:2$'
	assert_line --index 2 --regexp $'\t0:6:PER:1 11:21:PER:3 25:31:LOC:2$'
	# b starts again from 1
	assert_line --index 3 --regexp $'\t0:10:PER:1 19:25:LOC:2$'
}

@test "rules: dates, times, money and percentages get their types" {
	tsv 'doc\ttext' \
	    'a\tOn Dec 22, 2012 at 6:29 AM PT the fund had $1.5 billion, up 3.5% on last week.' > "$TMP/in.tsv"
	run -0 bash -c "mentions < '$TMP/in.tsv' | cut -f 1,2"
	assert_line "$(printf 'DATE\tDec 22, 2012')"
	assert_line "$(printf 'TIME\t6:29 AM PT')"
	assert_line "$(printf 'MONEY\t$1.5 billion')"
	assert_line "$(printf 'PERCENT\t3.5%%')"
	assert_line "$(printf 'DATE\tlast week')"
}

@test "rules: counts of people and bare numbers are not entities" {
	tsv 'doc\ttext' \
	    'a\tThe conflict has killed at least 40,000 people and 148 died on the road.' > "$TMP/in.tsv"
	run -0 bash -c "mentions < '$TMP/in.tsv' | cut -f 1,2 | { grep -E '^(DATE|TIME|MONEY|PERCENT|QUANTITY)' || true; }"
	assert_output ''
}

@test "rules: the same date twice is one entity" {
	tsv 'doc\ttext' \
	    'a\tThe talks began on Sunday.' \
	    'a\tThey ended late on Sunday.' > "$TMP/in.tsv"
	run -0 bash -c "mentions < '$TMP/in.tsv' | awk -F '\t' '\$1 == \"DATE\" { print \$4 }' | sort -u | wc -l"
	assert_output '1'
}

@test "rules: --no-rules leaves dates out" {
	tsv 'doc\ttext' 'a\tJohn Kerry flew to Geneva on Sunday, Dec. 9.' > "$TMP/in.tsv"
	run -0 wire-tag-entities --no-rules "$TMP/in.tsv"
	refute_output --partial 'DATE'
}

@test "seeds: Lavrov and Assad are linked to their full names" {
	require_seeds
	seed=$(ls "$SEEDS"/000_*.txt)
	run -0 bash -c "wire-clean '$seed' | wire-split-sentences | mentions | cut -f 1-3"
	assert_line "$(printf 'PER\tLavrov\tSergei Lavrov')"
	assert_line "$(printf 'PER\tAssad\tBashar Assad')"
	refute_line --regexp $'^PER\tAssad\t(Assad)?$'
}

# A models directory like $WIRE_MODELS with its own timex.patterns.
own_models() {
	mkdir "$TMP/models"
	for f in "$WIRE_MODELS"/*; do
		ln -s "$f" "$TMP/models/"
	done
	rm "$TMP/models/timex.patterns"
	cp "$WIRE_MODELS/timex.patterns" "$TMP/models/"
}

@test "rules: users may add a rule to timex.patterns" {
	own_models
	printf 'trigger\tfortnight\nDATE\ta fortnight ago\n' >> "$TMP/models/timex.patterns"
	tsv 'doc\ttext' 'a\tThe talks collapsed a fortnight ago.' > "$TMP/in.tsv"
	run -0 env WIRE_MODELS="$TMP/models" wire-tag-entities --inline "$TMP/in.tsv"
	assert_output --partial '[DATE a fortnight ago]'
}

@test "rules: a bad rule is an error naming the file and line" {
	own_models
	printf 'DATE\t(unclosed\n' >> "$TMP/models/timex.patterns"
	n=$(wc -l < "$TMP/models/timex.patterns")
	tsv 'doc\ttext' 'a\tNothing here.' > "$TMP/in.tsv"
	run -1 --separate-stderr env WIRE_MODELS="$TMP/models" wire-tag-entities "$TMP/in.tsv"
	assert_equal "$output" ''
	[[ "$stderr" == "wire-tag-entities: $TMP/models/timex.patterns:$n: pattern error"* ]]
}
