#!/usr/bin/env bats
# pipelines/: news-to-csv, wire.mk and the demo, over the bundled sample
# articles (samples/) and, when ../shared is present, the seeds.

bats_require_minimum_version 1.5.0
load test_helper

N2C="$WIRE_ROOT/pipelines/news-to-csv"
WIRE_MK="$WIRE_ROOT/pipelines/wire.mk"
SAMPLES="$WIRE_ROOT/samples"
SHEETS="articles sentences entities people organisations places quotes duplicates"

# One serial run over the samples, shared by the tests that only read it.
setup_file() {
	"$N2C" --no-progress "$SAMPLES" "$BATS_FILE_TMPDIR/serial" \
		2> "$BATS_FILE_TMPDIR/serial.err"
	echo $? > "$BATS_FILE_TMPDIR/serial.rc"
	"$N2C" --no-progress "$FIXTURES/pipelines/acronyms" "$BATS_FILE_TMPDIR/acronyms" \
		2> "$BATS_FILE_TMPDIR/acronyms.err"
	echo $? > "$BATS_FILE_TMPDIR/acronyms.rc"
}

SERIAL() { echo "$BATS_FILE_TMPDIR/serial"; }
# Three articles naming the United Nations as "United Nations", "U.N."
# and "UN" (tests/fixtures/pipelines/acronyms).
ACRONYMS() { echo "$BATS_FILE_TMPDIR/acronyms"; }

# csv_rows FILE...: checks each FILE is RFC 4180 CSV that Python's csv
# module reads with every row as wide as the header; prints the number of
# data rows of each.
csv_rows() {
	python3 - "$@" <<'EOF'
import csv, sys
for name in sys.argv[1:]:
    with open(name, newline='', encoding='utf-8') as f:
        rows = list(csv.reader(f, strict=True))
    assert rows, name + ": no header"
    for i, r in enumerate(rows):
        assert len(r) == len(rows[0]), "%s: row %d has %d cells, header %d" % (name, i + 1, len(r), len(rows[0]))
    print(len(rows) - 1)
EOF
}

# cell FILE KEYCOL KEY COL: the COL cell of the rows whose KEYCOL is KEY.
cells() {
	python3 - "$@" <<'EOF'
import csv, sys
f, keycol, key, col = sys.argv[1:]
with open(f, newline='', encoding='utf-8-sig') as fh:
    for r in csv.DictReader(fh):
        if r[keycol] == key:
            print(r[col])
EOF
}

# as_stream DIR: the *.txt articles of DIR as a doc/text stream, escaped
# as wire(7) says.
as_stream() {
	python3 - "$1" <<'EOF'
import os, sys
d = sys.argv[1]
print("doc\ttext")
for f in sorted(os.listdir(d)):
    if f.endswith(".txt"):
        t = open(os.path.join(d, f), encoding="utf-8").read()
        t = t.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
        print(f[:-4] + "\t" + t)
EOF
}

# column_of FILE COL: the cells of column COL, one a line.
column_of() {
	python3 -c 'import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8-sig")): print(r[sys.argv[2]])' "$1" "$2"
}

@test "news-to-csv --help prints the usage and exits 0" {
	run -0 "$N2C" --help
	assert_line --partial "Usage: news-to-csv [OPTIONS] INPUT... OUTDIR"
	assert_line --partial -- "--jobs N"
}

@test "news-to-csv: an unknown option is a usage error, status 2" {
	run -2 --separate-stderr "$N2C" --frobnicate "$SAMPLES" "$BATS_TEST_TMPDIR/out"
	assert_equal "${stderr_lines[0]}" "news-to-csv: unknown option '--frobnicate'"
	[ ! -e "$BATS_TEST_TMPDIR/out" ]
}

@test "news-to-csv: no OUTDIR is a usage error" {
	run -2 --separate-stderr "$N2C" "$SAMPLES"
	assert_equal "${stderr_lines[0]}" "news-to-csv: give at least one INPUT and the OUTDIR"
}

@test "news-to-csv: --jobs must be a whole number" {
	run -2 --separate-stderr "$N2C" --jobs two "$SAMPLES" "$BATS_TEST_TMPDIR/out"
	assert_output ""
	[[ "$stderr" == *"--jobs wants a whole number"* ]]
}

@test "news-to-csv on the samples: status 0, all eight sheets, no work files left" {
	assert_equal "$(cat "$BATS_FILE_TMPDIR/serial.rc")" 0
	for s in $SHEETS; do [ -s "$(SERIAL)/$s.csv" ]; done
	run -0 ls -A "$(SERIAL)"
	assert_output "articles.csv
duplicates.csv
entities.csv
organisations.csv
people.csv
places.csv
quotes.csv
sentences.csv"
}

@test "news-to-csv on the samples: every sheet parses with Python's csv module" {
	run -0 csv_rows $(for s in $SHEETS; do echo "$(SERIAL)/$s.csv"; done)
	assert_line --index 0 7
}

@test "news-to-csv: the sheets have the documented columns" {
	run -0 head -n 1 "$(SERIAL)/articles.csv"
	assert_output $'doc,title,date,byline,source,paragraphs,sentences,words,dup_of\r'
	run -0 head -n 1 "$(SERIAL)/quotes.csv"
	assert_output $'doc,date,source,speaker,quote,type,cue,content\r'
	run -0 head -n 1 "$(SERIAL)/people.csv"
	assert_output $'name,type,mentions,articles\r'
	run -0 head -n 1 "$(SERIAL)/entities.csv"
	assert_output $'doc,par,sent,type,name,mention,start,end\r'
	run -0 head -n 1 "$(SERIAL)/duplicates.csv"
	assert_output $'doc,title,source,dup_of,dup_of_title,dup_of_source,similarity\r'
}

@test "news-to-csv: quotes.csv holds a quote over two paragraphs with its speaker" {
	run -0 cells "$(SERIAL)/quotes.csv" doc antwerp-strike-meridian speaker
	assert_line "Marieke Janssens"
	run -0 cells "$(SERIAL)/quotes.csv" speaker "Marieke Janssens" quote
	assert_line --partial "Until then, nothing moves."
}

@test "news-to-csv: quotes.csv resolves 'he said' and 'she said' to names" {
	run -0 cells "$(SERIAL)/quotes.csv" doc brussels-chronicle-dock-families speaker
	assert_line --partial "Van Damme"
	assert_line "Koen Peeters"
	run -0 cells "$(SERIAL)/quotes.csv" doc coast-times-valencia-fire speaker
	assert_line "Ana Belmonte"
}

@test "news-to-csv: both republications of the wire story are flagged" {
	run -0 cells "$(SERIAL)/articles.csv" doc antwerp-strike-republished-harbour-gazette dup_of
	assert_output antwerp-strike-meridian
	run -0 cells "$(SERIAL)/articles.csv" doc antwerp-strike-republished-valley-post dup_of
	assert_output antwerp-strike-meridian
	run -0 cells "$(SERIAL)/articles.csv" doc antwerp-strike-meridian dup_of
	assert_output ""
	run -0 cells "$(SERIAL)/duplicates.csv" dup_of antwerp-strike-meridian doc
	assert_output "antwerp-strike-republished-harbour-gazette
antwerp-strike-republished-valley-post"
}

@test "news-to-csv: the follow-up story on the same strike is not a duplicate" {
	run -0 cells "$(SERIAL)/articles.csv" doc brussels-chronicle-dock-families dup_of
	assert_output ""
}

@test "news-to-csv: people.csv counts mentions and articles per name" {
	run -0 cells "$(SERIAL)/people.csv" name "Marieke Janssens" articles
	assert_output 4
	run -0 cells "$(SERIAL)/entities.csv" name "Marieke Janssens" doc
	assert_line antwerp-strike-meridian
	assert_line brussels-chronicle-dock-families
}

@test "news-to-csv: an acronym one article spells out is that name in every article" {
	run -0 cat "$BATS_FILE_TMPDIR/acronyms.rc"
	assert_output 0
	run -0 cells "$(ACRONYMS)/organisations.csv" name "United Nations" articles
	assert_output 3
	run -0 cells "$(ACRONYMS)/entities.csv" mention UN name
	assert_output "United Nations"
	run -0 column_of "$(ACRONYMS)/organisations.csv" name
	refute_line "U.N."
	refute_line "UN"
}

@test "news-to-csv: an acronym inside a longer name is spelled out too" {
	run -0 cells "$(ACRONYMS)/entities.csv" mention "U.N. Security Council" name
	assert_output "United Nations Security Council"
}

@test "news-to-csv: -j 2 -b 1 (two jobs, one article a batch) gives byte-identical sheets" {
	run -0 "$N2C" -j 2 -b 1 "$SAMPLES" "$BATS_TEST_TMPDIR/par"
	run -0 diff -r "$(SERIAL)" "$BATS_TEST_TMPDIR/par"
}

@test "news-to-csv --hosts: batches go to the host and back, sheets byte-identical, even without SHELL or HOME" {
	command -v parallel > /dev/null || skip "GNU parallel not installed"
	command -v rsync > /dev/null || skip "rsync (GNU parallel's file transfer) not installed"
	# An ssh that runs the command here, in a "remote" home of its own.
	mkdir "$BATS_TEST_TMPDIR/remote"
	cat > "$BATS_TEST_TMPDIR/ssh" <<EOF
#!/bin/sh
while [ \$# -gt 0 ]; do
	case \$1 in
	-o|-p|-l|-i|-S|-e) shift 2 ;;
	--) shift; break ;;
	-*) shift ;;
	*) shift; [ "\${1-}" = -- ] && shift; break ;;
	esac
done
echo "\$*" >> "$BATS_TEST_TMPDIR/ssh.log"
export HOME="$BATS_TEST_TMPDIR/remote"
cd "\$HOME" && exec sh -c "\$*"
EOF
	chmod +x "$BATS_TEST_TMPDIR/ssh"
	printf 'otherhost\n' > "$BATS_TEST_TMPDIR/hosts"
	# No SHELL and no HOME, as under cron or a CI runner: parallel must
	# still run the remote jobs, and say nothing.
	PARALLEL_SSH="$BATS_TEST_TMPDIR/ssh" run -0 --separate-stderr \
		env -u SHELL -u HOME "$N2C" --hosts "$BATS_TEST_TMPDIR/hosts" --batch 3 "$SAMPLES" "$BATS_TEST_TMPDIR/hosts-out"
	assert_equal "$stderr" ""
	run -0 diff -r "$(SERIAL)" "$BATS_TEST_TMPDIR/hosts-out"
	# Batches went over (rsync), results came back, nothing was left there.
	grep -q '^rsync --server ' "$BATS_TEST_TMPDIR/ssh.log"
	grep -q 'rsync --server --sender .*/000001.tagged' "$BATS_TEST_TMPDIR/ssh.log"
	run -0 find "$BATS_TEST_TMPDIR/remote" -name '*.tagged'
	assert_output ""
}

@test "news-to-csv: a corrupt row of a stream is reported by name, the rest go on" {
	run -1 --separate-stderr "$N2C" - "$BATS_TEST_TMPDIR/o" < "$FIXTURES/pipelines/stream-with-bad-row.tsv"
	[[ "$stderr" == *"news-to-csv: stdin:3 doc 'broken': bad escape"*"; article skipped"* ]]
	[[ "$stderr" == *"1 of 3 articles failed"* ]]
	run -0 cat "$BATS_TEST_TMPDIR/o/failed.txt"
	assert_output "stdin:3 doc 'broken'"
	run -0 column_of "$BATS_TEST_TMPDIR/o/articles.csv" doc
	assert_output "library-hours
bridge-repairs"
}

@test "news-to-csv --stream: a stream file's rows are articles, named by file and line" {
	run -1 --separate-stderr "$N2C" --stream "$FIXTURES/pipelines/stream-with-bad-row.tsv" "$BATS_TEST_TMPDIR/o"
	[[ "$stderr" == *"news-to-csv: $FIXTURES/pipelines/stream-with-bad-row.tsv:3 doc 'broken': bad escape"* ]]
	run -0 column_of "$BATS_TEST_TMPDIR/o/articles.csv" doc
	assert_output "library-hours
bridge-repairs"
}

@test "news-to-csv: an article that fails a later stage is reported by path, the rest go on" {
	# A wire-split-sentences that breaks on one article, as a bug would.
	mkdir "$BATS_TEST_TMPDIR/bin" "$BATS_TEST_TMPDIR/in"
	real=$(command -v wire-split-sentences)
	printf '#!/bin/sh\nif grep -q Skelmay "$1"; then echo "wire-split-sentences: $1:2: simulated crash" >&2; exit 1; fi\nexec %s "$@"\n' \
		"$real" > "$BATS_TEST_TMPDIR/bin/wire-split-sentences"
	chmod +x "$BATS_TEST_TMPDIR/bin/wire-split-sentences"
	cp "$SAMPLES"/*.txt "$BATS_TEST_TMPDIR/in/"
	cp "$FIXTURES/pipelines/quarrington-ferry.txt" "$BATS_TEST_TMPDIR/in/"
	PATH="$BATS_TEST_TMPDIR/bin:$PATH" run -1 --separate-stderr "$N2C" "$BATS_TEST_TMPDIR/in" "$BATS_TEST_TMPDIR/o"
	[[ "$stderr" == *"news-to-csv: $BATS_TEST_TMPDIR/in/quarrington-ferry.txt: article skipped"* ]]
	run -0 cat "$BATS_TEST_TMPDIR/o/failed.txt"
	assert_output "$BATS_TEST_TMPDIR/in/quarrington-ferry.txt"
	# The others are exactly as without the bad one.
	for s in $SHEETS; do
		cmp "$(SERIAL)/$s.csv" "$BATS_TEST_TMPDIR/o/$s.csv"
	done
}

@test "news-to-csv: a missing input is reported and the others still run" {
	run -1 --separate-stderr "$N2C" "$SAMPLES/coast-times-valencia-fire.txt" \
		"$BATS_TEST_TMPDIR/nothing-here.txt" "$BATS_TEST_TMPDIR/o"
	[[ "$stderr" == *"news-to-csv: $BATS_TEST_TMPDIR/nothing-here.txt: no such file or folder"* ]]
	run -0 column_of "$BATS_TEST_TMPDIR/o/articles.csv" doc
	assert_output coast-times-valencia-fire
	run -0 cat "$BATS_TEST_TMPDIR/o/failed.txt"
	assert_output "$BATS_TEST_TMPDIR/nothing-here.txt"
}

@test "news-to-csv: two articles with one document id: the second is refused" {
	mkdir -p "$BATS_TEST_TMPDIR/a" "$BATS_TEST_TMPDIR/b"
	cp "$SAMPLES/coast-times-valencia-fire.txt" "$BATS_TEST_TMPDIR/a/fire.txt"
	cp "$SAMPLES/evening-record-tram-link.txt" "$BATS_TEST_TMPDIR/b/fire.txt"
	run -1 --separate-stderr "$N2C" "$BATS_TEST_TMPDIR/a" "$BATS_TEST_TMPDIR/b" "$BATS_TEST_TMPDIR/o"
	[[ "$stderr" == *"$BATS_TEST_TMPDIR/b/fire.txt: document id \"fire\" is taken by $BATS_TEST_TMPDIR/a/fire.txt"* ]]
	run -0 cells "$BATS_TEST_TMPDIR/o/articles.csv" doc fire source
	assert_output "Coast Times International"
}

@test "news-to-csv --skip-duplicates --excel: republications left out after dedupe, Excel CSV" {
	run -0 "$N2C" --skip-duplicates --excel "$SAMPLES" "$BATS_TEST_TMPDIR/o"
	# Still listed, with their original, but not sentences or quotes.
	run -0 cells "$BATS_TEST_TMPDIR/o/articles.csv" doc antwerp-strike-republished-valley-post dup_of
	assert_output antwerp-strike-meridian
	run -0 cells "$BATS_TEST_TMPDIR/o/quotes.csv" doc antwerp-strike-republished-valley-post quote
	assert_output ""
	run -0 cells "$BATS_TEST_TMPDIR/o/quotes.csv" doc antwerp-strike-meridian speaker
	assert_line "Marieke Janssens"
	run -0 head -c 3 "$BATS_TEST_TMPDIR/o/quotes.csv"
	assert_output $'\xef\xbb\xbf'
}

@test "news-to-csv --progress: done/total, rate and time left on stderr" {
	run -0 --separate-stderr "$N2C" --progress --batch 1 "$SAMPLES" "$BATS_TEST_TMPDIR/o"
	assert_output ""
	# Updates come once a second; each step ends with its final count.
	assert_equal "$(grep -c '^news-to-csv: cleaning' <<< "$stderr")" "$(grep -c '^news-to-csv: cleaning [0-9]*/7 articles, [0-9.]*/s, ' <<< "$stderr")"
	[[ "$stderr" =~ news-to-csv:\ cleaning\ 7/7\ articles,\ [0-9.]+/s,\ done ]]
	[[ "$stderr" =~ news-to-csv:\ tagging\ 7/7\ articles,\ [0-9.]+/s,\ done ]]
	# Not a terminal, no --progress: nothing.
	run -0 --separate-stderr "$N2C" "$SAMPLES/coast-times-valencia-fire.txt" "$BATS_TEST_TMPDIR/o2"
	assert_equal "$stderr" ""
}

@test "news-to-csv: the sheets open in LibreOffice Calc with every cell intact" {
	command -v soffice > /dev/null || skip "soffice (libreoffice-calc) not installed"
	local lo=$BATS_TEST_TMPDIR/lo
	(cd "$(SERIAL)" && soffice -env:UserInstallation="file://$lo/profile" --headless \
		--infilter=CSV:44,34,76,1 --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' \
		--outdir "$lo/out" quotes.csv people.csv articles.csv duplicates.csv) > /dev/null 2>&1
	run -0 python3 - "$(SERIAL)" "$lo/out" <<'EOF'
import csv, os, sys
a_dir, b_dir = sys.argv[1:]
def same_number(x, y):
    try:
        return float(x) == float(y)
    except ValueError:
        return False
for name in ("quotes.csv", "people.csv", "articles.csv", "duplicates.csv"):
    a = list(csv.reader(open(os.path.join(a_dir, name), newline='', encoding='utf-8')))
    b = list(csv.reader(open(os.path.join(b_dir, name), newline='', encoding='utf-8')))
    assert len(a) == len(b), (name, len(a), len(b))
    for ra, rb in zip(a, b):
        for x, y in zip(ra, rb):
            # Calc reads an ISO date-time as a date and writes back the
            # seconds, and a number such as 0.820 as the number 0.82.
            assert x == y or y == x + ":00" or same_number(x, y), (name, x, y)
print("ok")
EOF
	assert_output ok
}

# ---- wire.mk -------------------------------------------------------------

@test "wire.mk: the same sheets as news-to-csv, one stream per article" {
	run -0 make -s -f "$WIRE_MK" IN="$SAMPLES" OUT="$BATS_TEST_TMPDIR/mk" -j2
	for s in $SHEETS; do cmp "$(SERIAL)/$s.csv" "$BATS_TEST_TMPDIR/mk/$s.csv"; done
	run -0 ls "$BATS_TEST_TMPDIR/mk/streams"
	assert_line antwerp-strike-meridian.tsv
	assert_line antwerp-strike-meridian.mentions
	# Nothing to redo the second time.
	run -0 make -s -f "$WIRE_MK" IN="$SAMPLES" OUT="$BATS_TEST_TMPDIR/mk" -j2
	assert_output ""
}

@test "wire.mk: a changed article redoes its own stream and the sheets only" {
	mkdir "$BATS_TEST_TMPDIR/in"
	cp "$SAMPLES"/[c-e]*.txt "$BATS_TEST_TMPDIR/in/"
	touch -d '-1 hour' "$BATS_TEST_TMPDIR"/in/*.txt
	run -0 make -s -f "$WIRE_MK" IN="$BATS_TEST_TMPDIR/in" OUT="$BATS_TEST_TMPDIR/mk"
	touch "$BATS_TEST_TMPDIR/in/evening-record-tram-link.txt"
	run -0 make -s -f "$WIRE_MK" IN="$BATS_TEST_TMPDIR/in" OUT="$BATS_TEST_TMPDIR/mk"
	assert_output "  STREAM  $BATS_TEST_TMPDIR/in/evening-record-tram-link.txt
  CSV     $BATS_TEST_TMPDIR/mk/"
}

@test "wire.mk: an interrupted run resumes where it stopped" {
	mkdir "$BATS_TEST_TMPDIR/bin"
	real=$(command -v wire-split-sentences)
	# Kills make (its whole process group) when the fifth article starts.
	printf '#!/bin/sh\ncase "$1" in *coast-times*) kill -TERM 0; sleep 5; exit 1 ;; esac\nexec %s "$@"\n' \
		"$real" > "$BATS_TEST_TMPDIR/bin/wire-split-sentences"
	chmod +x "$BATS_TEST_TMPDIR/bin/wire-split-sentences"
	run setsid -w make -s -f "$WIRE_MK" WIRE_BIN="$BATS_TEST_TMPDIR/bin" IN="$SAMPLES" OUT="$BATS_TEST_TMPDIR/mk" -j1
	[ "$status" -ne 0 ]
	[ ! -e "$BATS_TEST_TMPDIR/mk/articles.csv" ]
	[ -s "$BATS_TEST_TMPDIR/mk/streams/brussels-chronicle-dock-families.tsv" ]
	[ ! -e "$BATS_TEST_TMPDIR/mk/streams/coast-times-valencia-fire.tsv" ]
	# The next run does only what is left, and ends as an unbroken run.
	run -0 make -s -f "$WIRE_MK" IN="$SAMPLES" OUT="$BATS_TEST_TMPDIR/mk" -j1
	assert_output "  STREAM  $SAMPLES/coast-times-valencia-fire.txt
  STREAM  $SAMPLES/daily-ledger-hospital-waits.txt
  STREAM  $SAMPLES/evening-record-tram-link.txt
  CSV     $BATS_TEST_TMPDIR/mk/"
	for s in $SHEETS; do cmp "$(SERIAL)/$s.csv" "$BATS_TEST_TMPDIR/mk/$s.csv"; done
	run -0 find "$BATS_TEST_TMPDIR/mk" -name '*.tmp*'
	assert_output ""
}

@test "wire.mk: a failing article is named, the others make the sheets, status 1" {
	mkdir "$BATS_TEST_TMPDIR/bin" "$BATS_TEST_TMPDIR/in"
	real=$(command -v wire-split-sentences)
	printf '#!/bin/sh\nif grep -q Skelmay "$1"; then echo "wire-split-sentences: simulated crash" >&2; exit 1; fi\nexec %s "$@"\n' \
		"$real" > "$BATS_TEST_TMPDIR/bin/wire-split-sentences"
	chmod +x "$BATS_TEST_TMPDIR/bin/wire-split-sentences"
	cp "$SAMPLES"/*.txt "$BATS_TEST_TMPDIR/in/"
	cp "$FIXTURES/pipelines/quarrington-ferry.txt" "$BATS_TEST_TMPDIR/in/"
	run -2 --separate-stderr make -s -f "$WIRE_MK" WIRE_BIN="$BATS_TEST_TMPDIR/bin" IN="$BATS_TEST_TMPDIR/in" OUT="$BATS_TEST_TMPDIR/mk"
	[[ "$stderr" == *"wire.mk: $BATS_TEST_TMPDIR/in/quarrington-ferry.txt: article failed"* ]]
	[[ "$stderr" == *"wire.mk: 1 article(s) failed"* ]]
	[ -s "$BATS_TEST_TMPDIR/mk/failed/quarrington-ferry.err" ]
	for s in $SHEETS; do cmp "$(SERIAL)/$s.csv" "$BATS_TEST_TMPDIR/mk/$s.csv"; done
	# It stays reported, and is not retried until it changes.
	run -2 --separate-stderr make -s -f "$WIRE_MK" WIRE_BIN="$BATS_TEST_TMPDIR/bin" IN="$BATS_TEST_TMPDIR/in" OUT="$BATS_TEST_TMPDIR/mk"
	assert_output ""
	[[ "$stderr" != *"article failed"* ]]
	[[ "$stderr" == *"wire.mk: 1 article(s) failed"* ]]
}

@test "wire.mk: an article removed from IN leaves the sheets" {
	mkdir "$BATS_TEST_TMPDIR/in"
	cp "$SAMPLES"/[c-e]*.txt "$BATS_TEST_TMPDIR/in/"
	run -0 make -s -f "$WIRE_MK" IN="$BATS_TEST_TMPDIR/in" OUT="$BATS_TEST_TMPDIR/mk"
	rm "$BATS_TEST_TMPDIR/in/coast-times-valencia-fire.txt"
	touch "$BATS_TEST_TMPDIR/in/evening-record-tram-link.txt"
	run -0 make -s -f "$WIRE_MK" IN="$BATS_TEST_TMPDIR/in" OUT="$BATS_TEST_TMPDIR/mk"
	run -0 cells "$BATS_TEST_TMPDIR/mk/articles.csv" doc coast-times-valencia-fire doc
	assert_output ""
	[ ! -e "$BATS_TEST_TMPDIR/mk/streams/coast-times-valencia-fire.tsv" ]
}

# ---- the demo and the seeds -------------------------------------------------

@test "make demo's script: sheets in DEMO_OUT and the summary" {
	DEMO_OUT="$BATS_TEST_TMPDIR/demo" run -0 sh "$WIRE_ROOT/pipelines/demo.sh"
	assert_line --partial "CSV files in $BATS_TEST_TMPDIR/demo/"
	assert_line "Duplicates (republished, original, similarity):"
	for s in $SHEETS; do cmp "$(SERIAL)/$s.csv" "$BATS_TEST_TMPDIR/demo/$s.csv"; done
}

@test "news-to-csv on the seeds: sheets parse, duplicates as wire-dedupe finds them" {
	require_seeds
	run -0 "$N2C" "$SEEDS" "$BATS_TEST_TMPDIR/seeds"
	run -0 csv_rows $(for s in $SHEETS; do echo "$BATS_TEST_TMPDIR/seeds/$s.csv"; done)
	assert_line --index 0 5
	# The sharded two-phase dedupe agrees with one wire-dedupe pass.
	wire-clean "$SEEDS"/*.txt | wire-dedupe --by doc --near --mark |
		awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
			$c["dup_of"] != "" { print $c["doc"] " " $c["dup_of"] }' | uniq > "$BATS_TEST_TMPDIR/want"
	python3 -c 'import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline="")): print(r["doc"], r["dup_of"])' \
		"$BATS_TEST_TMPDIR/seeds/duplicates.csv" > "$BATS_TEST_TMPDIR/got"
	run -0 diff "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got"
}

@test "news-to-csv on the seeds: Lavrov's quotes with his canonical name" {
	require_seeds
	run -0 "$N2C" "$SEEDS" "$BATS_TEST_TMPDIR/seeds"
	run -0 cells "$BATS_TEST_TMPDIR/seeds/quotes.csv" doc 000_897dda0d41565100 speaker
	assert_line "Sergei Lavrov"
	run -0 cells "$BATS_TEST_TMPDIR/seeds/quotes.csv" doc 004_c487dccc27ae4887 speaker
	assert_line "Sergei Lavrov"
	assert_line "Vladimir Putin"
}

@test "news-to-csv(1): every example runs as written" {
	cd "$BATS_TEST_TMPDIR"
	ln -s "$SAMPLES" articles
	as_stream "$SAMPLES" > feed.tsv
	PATH="$WIRE_ROOT/pipelines:$PATH"
	# --summary: counts, speakers, names and duplicates on stdout.
	run -0 --separate-stderr news-to-csv --summary articles out
	assert_line --regexp '^news-to-csv: 7 articles, [0-9]+ sentences, [0-9]+ quotes, [0-9]+ entity mentions$'
	assert_line "Top speakers (quotes):"
	assert_line --regexp '^  Marieke Janssens +[0-9]+$'
	assert_line --regexp '^  antwerp-strike-republished-valley-post = antwerp-strike-meridian \(0\.[0-9]+\)$'
	run -0 news-to-csv --jobs 8 --excel --skip-duplicates articles out
	run -0 head -c 3 out/quotes.csv
	assert_output $'\xef\xbb\xbf'
	# (The --hosts example has its own test above, with a stand-in ssh.)
	# A stream gives the same sheets as the files.
	run -0 news-to-csv - out < feed.tsv
	run -0 diff -r "$(SERIAL)" out
	rm -r out
	run -0 make -s -f "$WIRE_MK" IN=articles OUT=out -j8
	cmp "$(SERIAL)/quotes.csv" out/quotes.csv
}

# ---- wire-map: the mapper of the Hadoop Streaming and Spark examples ------

@test "wire-map quotes: header-less lines give the rows of quotes.csv" {
	as_stream "$SAMPLES" | tail -n +2 > "$BATS_TEST_TMPDIR/lines"
	# As a cluster would: two splits, mapped apart, concatenated.
	head -n 3 "$BATS_TEST_TMPDIR/lines" > "$BATS_TEST_TMPDIR/split1"
	tail -n +4 "$BATS_TEST_TMPDIR/lines" > "$BATS_TEST_TMPDIR/split2"
	{
		"$WIRE_ROOT/pipelines/wire-map" --header quotes
		"$WIRE_ROOT/pipelines/wire-map" quotes < "$BATS_TEST_TMPDIR/split1"
		"$WIRE_ROOT/pipelines/wire-map" quotes < "$BATS_TEST_TMPDIR/split2"
	} | wire-to-csv -c doc,date,source,speaker,quote,type,cue,content > "$BATS_TEST_TMPDIR/quotes.csv"
	cmp "$(SERIAL)/quotes.csv" "$BATS_TEST_TMPDIR/quotes.csv"
}

@test "wire-map signatures: sorted and joined, the duplicates of the samples" {
	as_stream "$SAMPLES" | tail -n +2 > "$BATS_TEST_TMPDIR/lines"
	head -n 2 "$BATS_TEST_TMPDIR/lines" | "$WIRE_ROOT/pipelines/wire-map" signatures > "$BATS_TEST_TMPDIR/s1"
	tail -n +3 "$BATS_TEST_TMPDIR/lines" | "$WIRE_ROOT/pipelines/wire-map" signatures > "$BATS_TEST_TMPDIR/s2"
	run -0 bash -c 'LC_ALL=C sort "$0" "$1" | wire-dedupe --join | tail -n +2 | cut -f 1,2 | LC_ALL=C sort' \
		"$BATS_TEST_TMPDIR/s1" "$BATS_TEST_TMPDIR/s2"
	assert_output "antwerp-strike-republished-harbour-gazette	antwerp-strike-meridian
antwerp-strike-republished-valley-post	antwerp-strike-meridian"
}

@test "wire-map: an unknown result is a usage error" {
	run -2 --separate-stderr "$WIRE_ROOT/pipelines/wire-map" nonsense
	assert_equal "$stderr" "wire-map: unknown result 'nonsense'"
}
