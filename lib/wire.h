/*
 * wire.h - the one header of libwire, shared by every wire program.
 *
 * The stream format is described in wire(7) and ../shared/DESIGN.md:
 * UTF-8 TSV with a header line, fields escaped with \t \n \r \\.
 * Every name here is prefixed wire_ so that programs can include it
 * beside anything else.
 */
#ifndef WIRE_H
#define WIRE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#ifndef WIRE_VERSION
#define WIRE_VERSION "0.1.0"
#endif

#if defined(__GNUC__) || defined(__clang__)
#define WIRE_NORETURN __attribute__((noreturn))
#define WIRE_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define WIRE_NORETURN
#define WIRE_PRINTF(f, a)
#endif

/* ---- program conventions (error.c, options.c, xalloc.c) ---- */

extern const char *wire_progname;

/* Call first in main(): records the program name and makes a closed
 * pipe end the program quietly (SIGPIPE default, EPIPE handled). */
void wire_init(const char *argv0);

/* "program: reason", exit 1. */
WIRE_NORETURN void wire_die(const char *fmt, ...) WIRE_PRINTF(1, 2);
/* "program: file:line: reason", exit 1.  line 0 omits the line. */
WIRE_NORETURN void wire_die_at(const char *file, unsigned long line,
                               const char *fmt, ...) WIRE_PRINTF(3, 4);
/* "program: reason" on stderr; the program goes on. */
void wire_warn(const char *fmt, ...) WIRE_PRINTF(1, 2);
void wire_warn_at(const char *file, unsigned long line, const char *fmt, ...)
    WIRE_PRINTF(3, 4);
/* "program: reason" and the one-line --help hint, exit 2. */
WIRE_NORETURN void wire_usage_error(const char *fmt, ...) WIRE_PRINTF(1, 2);

/* Long option value for --version; -h is --help. */
#define WIRE_OPT_VERSION 0x1000
#define WIRE_COMMON_LONGOPTS                                                   \
	{"help", no_argument, NULL, 'h'},                                      \
	{"version", no_argument, NULL, WIRE_OPT_VERSION}

/* Handles the getopt_long result of a common option: 'h' prints usage to
 * stdout and exits 0, WIRE_OPT_VERSION prints the version and exits 0,
 * anything else (getopt's '?' or ':') prints the hint and exits 2.
 * Put it in the default: branch of the option switch. */
WIRE_NORETURN void wire_common_option(int opt, const char *usage);

/* Flushes and closes stdout; a failed write is exit 1 with a message, a
 * closed pipe a quiet exit.  Call before returning from main(). */
void wire_close_stdout(void);
/* Exit status helper: closes stdout, then exit(status). */
WIRE_NORETURN void wire_exit(int status);
/* A failed write on FP (named NAME): quiet exit on EPIPE, else die. */
WIRE_NORETURN void wire_write_error(const char *name);

void *wire_xmalloc(size_t n);
void *wire_xcalloc(size_t n, size_t size);
void *wire_xrealloc(void *p, size_t n);
/* realloc for arrays: n * size, checked for overflow. */
void *wire_xreallocarray(void *p, size_t n, size_t size);
char *wire_xstrdup(const char *s);
char *wire_xstrndup(const char *s, size_t n);

/* ---- growable byte buffer (buf.c) ---- */

/* data is always NUL-terminated after a wire_buf_* call (when cap > 0). */
struct wire_buf {
	char *data;
	size_t len;
	size_t cap;
};

void wire_buf_reserve(struct wire_buf *b, size_t extra);
void wire_buf_adds(struct wire_buf *b, const char *s);

/* Inline: called for every field and many bytes; the room check is all
 * that runs when the buffer is big enough (cap > len always holds once
 * anything was reserved, so N < cap - len means len + N + 1 <= cap). */
static inline void
wire_buf_add(struct wire_buf *b, const char *s, size_t n)
{
	if (n >= b->cap - b->len)
		wire_buf_reserve(b, n);
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static inline void
wire_buf_addc(struct wire_buf *b, char c)
{
	if (b->cap - b->len < 2)
		wire_buf_reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}
void wire_buf_printf(struct wire_buf *b, const char *fmt, ...) WIRE_PRINTF(2, 3);
void wire_buf_clear(struct wire_buf *b);
void wire_buf_free(struct wire_buf *b);

/* ---- UTF-8 (utf8.c) ---- */

#define WIRE_REPLACEMENT_CHAR 0xFFFDu

/* Decodes one code point from S (LEN > 0 bytes available).  Returns the
 * bytes used, or 0 when S does not start with a valid, shortest-form
 * sequence (surrogates and values over U+10FFFF are invalid). */
size_t wire_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encodes CP into OUT (4 bytes room); returns the bytes written. */
size_t wire_utf8_encode(uint32_t cp, char *out);
/* True when S is valid UTF-8; otherwise *BAD gets the offset of the first
 * invalid byte (BAD may be NULL). */
bool wire_utf8_valid(const char *s, size_t len, size_t *bad);
/* True when S is valid UTF-8 without a NUL or a CR, as a stream's line
 * must be. */
bool wire_utf8_clean(const char *s, size_t len);
/* Number of code points in valid UTF-8 S. */
size_t wire_utf8_count(const char *s, size_t len);
/* Byte offset of code point index CP in valid UTF-8 S (len if past end). */
size_t wire_utf8_offset(const char *s, size_t len, size_t cp);
/* Appends S to OUT with every invalid sequence replaced by U+FFFD and NUL
 * bytes dropped; returns how many replacements were made. */
size_t wire_utf8_repair(const char *s, size_t len, struct wire_buf *out);

/* ---- escaping of stream fields (escape.c) ---- */

/* Appends S escaped (\t \n \r \\) to OUT. */
void wire_escape(const char *s, size_t len, struct wire_buf *out);
/* Appends the unescaped form of RAW to OUT.  Returns 0, or -1 on a bad
 * escape (backslash not followed by t n r or \), with *BAD its offset. */
int wire_unescape(const char *raw, size_t len, struct wire_buf *out,
                  size_t *bad);

/* ---- the stream reader (reader.c) ---- */

/* One row of raw (still escaped) fields.  Pointers stay valid until the
 * next read from the reader that produced the row. */
struct wire_row {
	size_t nfields;
	char **raw;     /* NUL-terminated raw fields */
	size_t *rawlen; /* their lengths */
};

struct wire_reader {
	const char *path;   /* as given; "-" for stdin */
	const char *name;   /* for messages: path, or "<stdin>" */
	FILE *fp;
	unsigned long lineno; /* line number of the current row */
	size_t ncols;
	char **colnames;    /* header names, unescaped */
	struct wire_row row;  /* the current row */

	/* private */
	int fd;             /* fp's, read without stdio (-1: through stdio) */
	char *buf;          /* input read: lines are split in place in it */
	size_t bufcap;
	size_t start, scan, end; /* unread bytes; searched for a LF up to scan */
	char *line;         /* the current line, in buf */
	size_t fieldcap;
	struct wire_buf *cooked; /* per-column unescape buffers */
	unsigned long *cooked_at; /* row serial each buffer was filled for */
	unsigned long serial;
	unsigned char *escaped; /* field i of the row holds a backslash */
	unsigned char *deferred; /* column i: escapes left to the caller */
	struct wire_buf msg;
	bool pushed_back;
	bool header_only; /* the reader has seen no row yet */
};

/* Opens PATH (NULL or "-" = stdin) and reads its header line.  Dies with
 * "file: reason" on an I/O error or an empty input. */
void wire_reader_open(struct wire_reader *r, const char *path);
void wire_reader_close(struct wire_reader *r);
/* Column index of NAME, or -1. */
int wire_reader_col(const struct wire_reader *r, const char *name);
/* Column index of NAME; dies "file:1: missing column 'NAME'" if absent. */
int wire_reader_require(const struct wire_reader *r, const char *name);
/* Reads the next row into r->row.  Returns false at end of input.  Dies
 * with file:line on a wrong field count, a bad escape, a NUL byte or
 * invalid UTF-8.  A trailing CR (CRLF line end) is dropped. */
bool wire_reader_next(struct wire_reader *r);
/* Makes the next wire_reader_next() return the current row again. */
void wire_reader_unread(struct wire_reader *r);
/* The unescaped value of column COL of the current row (NUL-terminated;
 * may contain NULs only if the data had none -- it never does).  LEN may
 * be NULL.  Valid until the next wire_reader_next(). */
const char *wire_field(struct wire_reader *r, int col, size_t *len);
/* Leaves the escapes of column COL unchecked by wire_reader_next, for a
 * program that reads the raw field (wire_field_raw) and checks them as it
 * goes: a pass over the field the less.  wire_field still unescapes it,
 * dying on a bad escape. */
void wire_reader_defer(struct wire_reader *r, int col);
/* The raw (escaped) value of column COL of the current row. */
const char *wire_field_raw(const struct wire_reader *r, int col, size_t *len);
/* True when the header of R2 equals that of R1 (same names, same order). */
bool wire_reader_same_header(const struct wire_reader *r1,
                             const struct wire_reader *r2);

/* ---- the stream writer (writer.c) ---- */

struct wire_writer {
	FILE *fp;
	const char *name;    /* for messages, "standard output" */
	struct wire_buf out; /* pending bytes, flushed when large */
	bool row_open;       /* a field was written in this row */
};

void wire_writer_init(struct wire_writer *w, FILE *fp);
/* Writes field S (escaped), preceded by a TAB unless first in the row. */
void wire_put(struct wire_writer *w, const char *s, size_t len);
void wire_put_str(struct wire_writer *w, const char *s);
void wire_put_ulong(struct wire_writer *w, unsigned long v);
void wire_put_double(struct wire_writer *w, double v, int decimals);
/* Writes an already escaped field as it is. */
void wire_put_raw(struct wire_writer *w, const char *raw, size_t len);
void wire_end_row(struct wire_writer *w);
/* Writes pending bytes; dies on a write error (quiet on EPIPE). */
void wire_writer_flush(struct wire_writer *w);
/* Flushes and frees the buffer (does not close the FILE). */
void wire_writer_finish(struct wire_writer *w);

/* ---- output schema bound to an input (out.c) ----
 *
 * The common shape of a filter: every input column passes through in
 * order, some are replaced, new ones are appended on the right.  A
 * column added that the input already has is replaced in place, so a
 * filter run twice does not duplicate its columns. */
struct wire_out {
	struct wire_writer *w;
	size_t nin;        /* input columns */
	size_t ncols;      /* output columns */
	char **names;      /* output names */
	int *src;          /* input column of each output column, or -1 */
	bool *dropped;     /* input columns left out */
	/* per-row values set with wire_out_set, escaped at write time */
	struct wire_buf *val;
	const char **ref;  /* or text escaped straight into the output */
	size_t *reflen;
	bool *isset;
	bool *held;        /* set values kept for the next rows */
	/* wire_out_freeze: the bytes between the columns set for each row,
	 * built once for the rows of one source row */
	bool frozen, tmpl_ok;
	const struct wire_row *fsrc;
	struct wire_buf tmpl;
	struct wire_out_piece { size_t off, len; int col; } *piece;
	size_t npiece, piececap;
	size_t nloose;     /* columns set for the row being built, not held */
};

/* Starts an output schema that passes through R's columns.  R may be
 * NULL: then every column is added with wire_out_add. */
void wire_out_init(struct wire_out *o, struct wire_writer *w,
                   const struct wire_reader *r);
/* Output column index for NAME: the input's own if present, else a new
 * column appended on the right. */
int wire_out_add(struct wire_out *o, const char *name);
/* Leaves input column NAME out of the output (no-op if absent). */
void wire_out_drop(struct wire_out *o, const char *name);
void wire_out_header(struct wire_out *o);
/* Sets output column COL of the row being built. */
void wire_out_set(struct wire_out *o, int col, const char *s, size_t len);
void wire_out_set_str(struct wire_out *o, int col, const char *s);
void wire_out_set_ulong(struct wire_out *o, int col, unsigned long v);
/* The same for text that stays where it is until wire_out_row (or, held,
 * until it is released): escaped straight into the output, not copied
 * first. */
void wire_out_set_ref(struct wire_out *o, int col, const char *s, size_t len);
/* Keeps column COL's value (HOLD true) for the rows that follow, until
 * it is set again or released (HOLD false, which also unsets it): a
 * document's fields repeated on each of its rows are escaped once. */
void wire_out_hold(struct wire_out *o, int col, bool hold);
/* Writes one row: set values where set, else the raw field of SRC (which
 * may be NULL: empty fields), then clears the set values not held. */
void wire_out_row(struct wire_out *o, const struct wire_row *src);
/* Says that the rows written from here to wire_out_thaw all come from
 * SRC, with the same held values and the same other columns set for
 * each: the bytes between those are built once, at the first row.  (A
 * row that breaks the promise is written the slow way.) */
void wire_out_freeze(struct wire_out *o, const struct wire_row *src);
void wire_out_thaw(struct wire_out *o);
void wire_out_free(struct wire_out *o);

/* ---- one document's rows held at once (doc.c) ----
 *
 * For filters that need a whole document (entity IDs, quotes over
 * several paragraphs, dedupe by document).  Memory is bounded by the
 * largest document and reused between documents. */
struct wire_doc {
	size_t nrows;
	size_t ncols;
	struct wire_row *rows;   /* valid after wire_doc_read */
	unsigned long *lineno;   /* input line of each row */
	/* private */
	struct wire_buf bytes;
	size_t *offs;
	size_t rowcap;
	char **ptrs;
	size_t *lens;
	size_t ptrcap;
};

/* Reads the rows of the next document (contiguous rows with one value in
 * column DOC_COL; if DOC_COL < 0 the whole input is one document).
 * Returns false when the input is exhausted. */
bool wire_doc_read(struct wire_doc *d, struct wire_reader *r, int doc_col);
/* Unescaped value of a cell, appended to OUT after clearing it. */
const char *wire_doc_field(const struct wire_doc *d, size_t row, int col,
                           struct wire_buf *out);
void wire_doc_free(struct wire_doc *d);

/* ---- hashing (hash.c) ---- */

/* A fast 64-bit hash with a seed (wyhash-style multiply-mix); stable
 * across platforms and releases, so hashes may be stored. */
uint64_t wire_hash64(const void *data, size_t len, uint64_t seed);
/* Final mixer of a 64-bit value (splitmix64).  Inline: the tagger's
 * feature hashes and MinHash call it in their inner loops.  Stored models
 * and signatures depend on it staying this function. */
static inline uint64_t
wire_mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	x ^= x >> 31;
	return x;
}

/* ---- word sets (wordset.c) ---- */

/* A set of strings (exact bytes), for abbreviation, stop-word and
 * cue-verb lists. */
struct wire_wordset {
	size_t count;
	size_t cap;   /* power of two */
	char **slot;
	size_t *slotlen;
};

void wire_wordset_init(struct wire_wordset *s);
void wire_wordset_add(struct wire_wordset *s, const char *w, size_t len);
bool wire_wordset_has(const struct wire_wordset *s, const char *w, size_t len);
/* Adds every line of FILE: blank lines and lines starting with '#' are
 * skipped, surrounding white space trimmed.  Dies if FILE can't be read. */
void wire_wordset_load(struct wire_wordset *s, const char *file);
void wire_wordset_free(struct wire_wordset *s);

/* ---- models/ lookup (models.c) ---- */

/* The models directory: $WIRE_MODELS, else <dir of executable>/../models
 * (build tree), else <dir of executable>/../share/wire/models (installed),
 * else the compiled-in WIRE_MODELS_DIR.  Never NULL. */
const char *wire_models_dir(void);
/* Path of NAME in the models directory (malloc'd); dies naming the
 * directories tried when it does not exist. */
char *wire_model_path(const char *name);

/* ---- PCRE2 pattern lists (patterns.c) ---- */

/* A list of regular expressions, one per line of a file ('#' comments and
 * blank lines skipped), compiled UTF + case-insensitive with JIT. */
struct wire_patterns;

struct wire_patterns *wire_patterns_new(void);
/* Loads FILE; dies with "file:line: pattern error" on a bad pattern. */
void wire_patterns_load(struct wire_patterns *p, const char *file);
/* Adds one pattern (ORIGIN names it in error messages). */
void wire_patterns_add(struct wire_patterns *p, const char *pattern,
                       const char *origin, unsigned long line);
/* Index of the first pattern matching anywhere in S, or -1. */
int wire_patterns_match(struct wire_patterns *p, const char *s, size_t len);
size_t wire_patterns_count(const struct wire_patterns *p);
void wire_patterns_free(struct wire_patterns *p);

/* ---- small string helpers (str.c) ---- */

/* Splits S at SEP into at most MAX pieces stored in OUT (pointing into S,
 * which is modified).  Returns the number of pieces. */
size_t wire_split(char *s, char sep, char **out, size_t max);
bool wire_has_prefix(const char *s, const char *prefix);
/* Document id of a path: the file name without directory and extension. */
void wire_doc_id(const char *path, struct wire_buf *out);
/* Reads all of FP into OUT (appending).  Returns 0, or -1 on a read error
 * with errno set. */
int wire_read_all(FILE *fp, struct wire_buf *out);

/* Calls FN once for each line of the list file FILE, without its line end
 * (LF or CRLF), skipping blank lines and lines whose first non-blank
 * character is '#'; LINE is trimmed of surrounding blanks and may be
 * modified.  LINENO is for messages.  Dies if FILE cannot be read. */
typedef void wire_line_fn(char *line, size_t len, const char *file,
                          unsigned long lineno, void *arg);
void wire_each_line(const char *file, wire_line_fn *fn, void *arg);

/* ---- entities: types, spans and the `entities` column (entities.c) ----
 *
 * The entities column is space-separated START:END:TYPE:ID, offsets in
 * code points into `text`, END exclusive, ID the entity's number within
 * its document (from 1). */
enum wire_etype {
	WIRE_PER, WIRE_ORG, WIRE_LOC, WIRE_MISC,
	WIRE_DATE, WIRE_TIME, WIRE_MONEY, WIRE_PERCENT, WIRE_QUANTITY,
	WIRE_NTYPES
};

struct wire_span {
	size_t start, end; /* code points into the text, end exclusive */
	int type;          /* enum wire_etype */
	int id;            /* entity number within the document, from 1 */
};

/* "PER", "ORG", ... */
const char *wire_etype_name(int type);
/* Type of NAME (LEN bytes), or -1. */
int wire_etype_parse(const char *name, size_t len);
/* Parses an entities column value (unescaped) into *SPANS, grown as
 * needed (*CAP its capacity).  Returns the number of spans, or -1 when an
 * item is not START:END:TYPE:ID with START <= END and a known TYPE. */
long wire_entities_parse(const char *s, size_t len, struct wire_span **spans,
                         size_t *cap);
/* Appends the column form of N spans to OUT (space-separated). */
void wire_entities_format(const struct wire_span *spans, size_t n,
                          struct wire_buf *out);

/* Sections below belong to one program each; add declarations inside
 * your own section only (concurrent work edits this header). */

/* ---- section: wire-to-csv (csv.c) ---- */

/* Cell flags for wire_csv_cell. */
#define WIRE_CSV_GUARD 1u /* prefix ' to = + - @ TAB CR (OWASP CSV injection) */

/* Appends S as one RFC 4180 CSV cell to OUT: quoted (through libcsv) when
 * it holds a comma, quote, CR or LF, or starts or ends with a space;
 * with WIRE_CSV_GUARD a formula-like start is neutralised. */
void wire_csv_cell(const char *s, size_t len, unsigned flags,
                   struct wire_buf *out);
/* Spreadsheets cap a cell at this many characters (Calc and Excel). */
#define WIRE_CSV_SPREADSHEET_CELL_MAX 32767

/* ---- section: wire-clean ---- */

/* Kinds of paragraph wire-clean writes. */
enum wire_clean_kind {
	WIRE_CLEAN_BODY, WIRE_CLEAN_HEADING, WIRE_CLEAN_CAPTION,
	WIRE_CLEAN_BOILERPLATE
};

/* Metadata found in one article; empty buffers when not found. */
struct wire_clean_meta {
	struct wire_buf title, date, byline, source;
};

/* The cleaner: its models (stop words, patterns, month and time-zone
 * names, outlet words) and the buffers of the article being cleaned,
 * reused from one article to the next.  Opaque. */
struct wire_clean;

/* Loads the models from the models directory; dies if one is missing. */
struct wire_clean *wire_clean_new(void);
/* Adds the boilerplate patterns of FILE (dies with file:line on a bad
 * pattern).  Call before the first wire_clean_run. */
void wire_clean_add_patterns(struct wire_clean *c, const char *file);
/* Cleans one article of LEN bytes (any bytes: invalid UTF-8 is repaired,
 * NULs dropped).  Returns the number of invalid sequences repaired.
 * The results stay valid until the next call. */
size_t wire_clean_run(struct wire_clean *c, const char *s, size_t len);
/* The same for an article still escaped as a stream field, which must be
 * valid UTF-8 without NULs (as wire_reader_next checks).  Returns false,
 * the results undefined, on a bad escape or a byte that needs repair:
 * then unescape it and call wire_clean_run. */
bool wire_clean_run_escaped(struct wire_clean *c, const char *s, size_t len);
/* Paragraphs of the last article in order, boilerplate included. */
size_t wire_clean_count(const struct wire_clean *c);
/* Text (normalised, NUL-terminated) and kind of paragraph I. */
const char *wire_clean_text(const struct wire_clean *c, size_t i, size_t *len);
int wire_clean_kind(const struct wire_clean *c, size_t i);
const char *wire_clean_kind_name(int kind);
const struct wire_clean_meta *wire_clean_meta(const struct wire_clean *c);
void wire_clean_free(struct wire_clean *c);

/* Metadata parsers (clean_meta.c), exposed for tests and fuzzing; S may
 * hold any bytes.
 * The first date in S (within its first 96 words and signs) as ISO 8601
 * into OUT (cleared first): 2012-12-22, 2012-12-22T06:29,
 * 2012-12-22T06:29-08:00.  Returns true if found; *AT and *END (may be
 * NULL) get the byte span of the date in S. */
bool wire_clean_parse_date(struct wire_clean *c, const char *s, size_t len,
                           struct wire_buf *out, size_t *at, size_t *end);
/* The names of a byline line ("By Ilya Arkhipov & Henry Meyer - Dec 22",
 * "Article by: ELLEN BARRY") into OUT; false when S is not a byline. */
bool wire_clean_parse_byline(const char *s, size_t len, struct wire_buf *out);
/* Outlet named by a line of its own, a desk or a copyright line ("Los
 * Angeles Times", "World Bulletin / News Desk", "(c) 2018 Star Tribune")
 * into OUT; false when S names none. */
bool wire_clean_parse_source(struct wire_clean *c, const char *s, size_t len,
                             struct wire_buf *out);

/* ---- section: wire-split-sentences ---- */

/* Sentence splitter (sentence.c): a hand-written byte scanner driven by
 * abbreviation lists.  Kinds of abbreviation:
 *   NONFINAL  never ends a sentence (Mr. Gen. Dec. vs.)
 *   FINAL     ends one only when the next word starts one (U.S. Inc. a.m.)
 *   NUMBER    never ends one before a number (No. 5, Fig. 3, pp. 12) */
enum wire_abbr_kind {
	WIRE_ABBR_NONFINAL = 1,
	WIRE_ABBR_FINAL,
	WIRE_ABBR_NUMBER
};

struct wire_splitter;

/* An empty splitter: no abbreviations, no sentence-starter words. */
struct wire_splitter *wire_splitter_new(void);
/* Loads models/abbreviations.{nonfinal,final,number} and
 * models/sentence.{starters,labels,speech,runin} (dies when one is
 * missing). */
void wire_splitter_load_defaults(struct wire_splitter *sp);
/* Loads an abbreviation file: one abbreviation per line with its final
 * period, optionally followed by white space and a kind word (nonfinal,
 * final, number); DEFAULT_KIND applies when there is none.  '#' starts a
 * comment line.  Dies with file:line on an unknown kind. */
void wire_splitter_load(struct wire_splitter *sp, const char *file,
                        enum wire_abbr_kind default_kind);
void wire_splitter_add(struct wire_splitter *sp, const char *abbr, size_t len,
                       enum wire_abbr_kind kind);
/* Words that start sentences (The, He, But): after a FINAL abbreviation
 * or an initial, only these end the sentence.  One per line. */
void wire_splitter_load_starters(struct wire_splitter *sp, const char *file);
void wire_splitter_add_starter(struct wire_splitter *sp, const char *w,
                               size_t len);
/* Caption credit labels (Image, Photo): "LABEL:" inside a text starts a
 * new sentence.  One per line. */
void wire_splitter_load_labels(struct wire_splitter *sp, const char *file);
void wire_splitter_add_label(struct wire_splitter *sp, const char *w,
                             size_t len);
/* Speech verbs (said, asked): "Why?" Smith asked. stays one sentence. */
void wire_splitter_load_speech(struct wire_splitter *sp, const char *file);
void wire_splitter_add_speech(struct wire_splitter *sp, const char *w,
                              size_t len);
/* Sentence openers never capitalised mid-sentence (In, This, When): in a
 * paragraph's first sentence, "WORD Opener lower" starts a new sentence,
 * as a heading, caption or dateline run into the text.  One per line. */
void wire_splitter_load_runin(struct wire_splitter *sp, const char *file);
void wire_splitter_add_runin(struct wire_splitter *sp, const char *w,
                             size_t len);
void wire_splitter_free(struct wire_splitter *sp);

/* Called once per sentence, in order, with byte offsets [START, END) into
 * the text; the sentence has no white space at either end and only white
 * space lies between sentences.  Return 0 to go on, non-zero to stop. */
typedef int (*wire_sentence_fn)(void *ctx, size_t start, size_t end);

/* A heading, byline or caption: stays one sentence unless it ends with
 * sentence-final punctuation (then it clearly holds sentences). */
#define WIRE_SPLIT_HEADING 1u

/* Splits TEXT (LEN bytes of UTF-8; invalid bytes are harmless) into
 * sentences, calling FN for each.  Returns the number of sentences.
 * No allocation; safe to call from several threads on one splitter. */
size_t wire_sentences(const struct wire_splitter *sp, const char *text,
                      size_t len, unsigned flags, wire_sentence_fn fn,
                      void *ctx);

/* ---- section: wire-tag-entities: tagger (ner*.c) ---- */

/* The statistical PER/ORG/LOC/MISC tagger (ner.c): an averaged structured
 * perceptron over BILOU tags with Viterbi decoding, hashed features
 * (word, shape, affixes, context, word clusters, document-level
 * capitalisation), trained on CoNLL-2003-style files.  Text is split into
 * CoNLL tokens internally (wire_ner_tokenize). */

/* One token: byte offsets [start, end) into the text tokenised. */
struct wire_ner_token {
	size_t start, end;
	unsigned flags; /* WIRE_NER_NEWLINE: a line break precedes it */
};
#define WIRE_NER_NEWLINE 1u

/* Splits TEXT (LEN bytes of UTF-8) into CoNLL-2003-style tokens
 * (punctuation apart, "n't" and "'s" apart, U.S. and 1,000 whole), kept
 * in *TOKS (grown; *CAP its capacity).  Returns the number of tokens. */
size_t wire_ner_tokenize(const char *text, size_t len,
                         struct wire_ner_token **toks, size_t *cap);

struct wire_ner;     /* a loaded model */
struct wire_ner_doc; /* one document's texts, tokens and tags */

/* A mention found by the model: byte offsets into its text. */
struct wire_ner_mention {
	size_t start, end;
	int type; /* WIRE_PER, WIRE_ORG, WIRE_LOC or WIRE_MISC */
};

/* Loads model FILE (NULL: models/ner.model).  Dies on a bad file. */
struct wire_ner *wire_ner_load(const char *file);
void wire_ner_free(struct wire_ner *m);

struct wire_ner_doc *wire_ner_doc_new(void);
/* Starts a new document (memory is kept for the next one). */
void wire_ner_doc_clear(struct wire_ner_doc *d);
/* Adds one text of the document (a row, a paragraph); it is copied.
 * Sentences never cross texts.  Returns the text's index, from 0. */
size_t wire_ner_doc_add(struct wire_ner_doc *d, const char *text, size_t len);
/* Text I of the document as added (LEN may be NULL). */
const char *wire_ner_doc_text(const struct wire_ner_doc *d, size_t i,
                              size_t *len);
/* Tags every text of the document (features look at the whole document,
 * so add all its texts first). */
void wire_ner_tag(const struct wire_ner *m, struct wire_ner_doc *d);
/* Mentions of text I after wire_ner_tag, in text order; *OUT points into
 * the document (valid until the next clear). */
size_t wire_ner_mentions(const struct wire_ner_doc *d, size_t i,
                         const struct wire_ner_mention **out);
void wire_ner_doc_free(struct wire_ner_doc *d);

/* Training (ner.c).  FILE is CoNLL-2003 format (token first, IOB1 or
 * IOB2 tag last, blank line between sentences, -DOCSTART- between
 * documents).  CLUSTERS (may be NULL) is a word-cluster table written by
 * wire_ner_clusters_build; it is stored in the model.  Progress goes to
 * stderr when VERBOSE.  Dies with file:line on bad input. */
struct wire_ner_train_opts {
	const char *file;
	const char *clusters;
	const char *output;
	int epochs;         /* passes over the data */
	int bits;           /* log2 of the feature table rows */
	unsigned long seed; /* document shuffling */
	bool verbose;
};
void wire_ner_train(const struct wire_ner_train_opts *o);

/* Appends the form of S (N bytes) that the tagger's features and word
 * clusters see: typographic quotes, dashes and ellipses as ASCII. */
void wire_ner_norm(const char *s, size_t n, struct wire_buf *out);

/* Word clusters (ner_cluster.c): the exchange algorithm (Kneser & Ney
 * 1993, Martin et al. 1998) maximising the class-bigram likelihood of the
 * text in FILES (plain text, tokenised with wire_ner_tokenize; a file
 * whose name ends in .iob1 or .conll is read as CoNLL tokens).  Words
 * seen at least MINCOUNT times get a class at each of two granularities
 * (COARSE and FINE classes); OUTPUT gets lines `word TAB coarse TAB fine`.
 * Deterministic. */
void wire_ner_clusters_build(char *const *files, size_t nfiles, int mincount,
                             int coarse, int fine, const char *output,
                             bool verbose);

/* ---- section: wire-tag-entities: rules and linking (timex.c, linker.c, entities.c) ---- */

/* DATE, TIME, MONEY, PERCENT and QUANTITY by PCRE2 rules (timex.c).
 * The rule file has one rule a line, `TYPE<TAB>regex` ('#' comments and
 * blank lines skipped); TYPE is one of the five names above.  Rules are
 * compiled UTF, case-sensitive (write (?i) where wanted), with JIT, and
 * matched at word boundaries.  Where matches overlap the leftmost wins,
 * then the longest, then the earlier rule.  The file also names trigger
 * words and characters: the rules are tried only near them (lib/timex.c
 * says how), which keeps the cost near one hash lookup a word.  What
 * each type covers is in the header of models/timex.patterns and in
 * wire-tag-entities(1). */
struct wire_timex;

/* Loads FILE (NULL: models/timex.patterns via wire_model_path).  Dies
 * with "file:line: reason" on a bad line or pattern. */
struct wire_timex *wire_timex_load(const char *file);
/* Finds the spans in TEXT (LEN bytes of valid UTF-8) and appends them at
 * (*spans)[*n], growing *spans and *cap as needed (they may start as
 * NULL and 0); *n is advanced.  Offsets are in code points, id is 0,
 * spans are in text order and do not overlap.  Returns how many were
 * appended.  No allocation once *spans is large enough. */
size_t wire_timex_find(struct wire_timex *tx, const char *text, size_t len,
                       struct wire_span **spans, size_t *n, size_t *cap);
void wire_timex_free(struct wire_timex *tx);

/* Name linking within one document (linker.c), after GATE's
 * OrthoMatcher: every mention of one entity gets one entity id and one
 * canonical name, the fullest form seen ("Lavrov", "Sergei V. Lavrov"
 * -> Sergei Lavrov; "UN", "U.N." -> United Nations).  The rules are in
 * the header comment of linker.c and in wire-tag-entities(1).
 *
 * Use: wire_linker_reset at each document; wire_linker_add every mention
 * in document order; wire_linker_resolve; then wire_linker_id for each
 * mention and wire_linker_name / wire_linker_type for each entity. */
struct wire_linker;

struct wire_linker *wire_linker_new(void);
/* Forgets every mention (keeps the memory for the next document). */
void wire_linker_reset(struct wire_linker *lk);
/* Adds a mention of type TYPE (enum wire_etype) as written in the text
 * (MENTION, LEN bytes of UTF-8, not NUL-terminated).  Returns the
 * mention's index, from 0 in the order of adding. */
int wire_linker_add(struct wire_linker *lk, int type, const char *mention,
                    size_t len);
/* Links the mentions added since the reset into entities. */
void wire_linker_resolve(struct wire_linker *lk);
/* Entity id of MENTION, from 1, numbered in order of first mention. */
int wire_linker_id(const struct wire_linker *lk, int mention);
/* Number of entities (ids run 1..count). */
int wire_linker_count(const struct wire_linker *lk);
/* Canonical name of entity ID (NUL-terminated, valid until the next
 * wire_linker_add or reset). */
const char *wire_linker_name(const struct wire_linker *lk, int id);
/* Type of entity ID.  A mention is linked across types only as
 * wire-tag-entities(1) documents (a lone surname typed ORG or MISC that
 * names a person, a lone PER word that names an organisation); its
 * entity's type is then the better guess for the mention too. */
int wire_linker_type(const struct wire_linker *lk, int id);
void wire_linker_free(struct wire_linker *lk);

/* ---- section: wire-extract-quotes ---- */

/* Quotation finder (quote.c): direct, partial and indirect quotations in
 * the sentences of one document, each with its cue and its speaker
 * resolved through entity ids, pronouns and descriptions.  The rules are
 * in the header comment of quote.c and in wire-extract-quotes(1). */
enum wire_quote_type {
	WIRE_QUOTE_DIRECT = 1,
	WIRE_QUOTE_PARTIAL = 2,
	WIRE_QUOTE_INDIRECT = 4
};

/* Word lists a quoter reads; the formats are in the headers of the
 * default files models/cue-verbs, speaker-pronouns, speaker-nouns and
 * quote-words. */
enum wire_quote_list {
	WIRE_QL_CUES,     /* one cue a line, several words allowed */
	WIRE_QL_PRONOUNS, /* WORD TYPE (PER, ORG or -) */
	WIRE_QL_NOUNS,    /* WORD TYPE (PER, ORG or -) */
	WIRE_QL_WORDS     /* WORD CLASS (AUX, AFTER, DET, STOP) */
};

/* One sentence of the document, in document order. */
struct wire_quote_sent {
	const char *text;              /* UTF-8 (invalid bytes are harmless) */
	size_t len;
	const struct wire_span *spans; /* entities, code points into text */
	size_t nspans;
	unsigned long par;             /* a new value starts a paragraph */
	unsigned long sent;
	bool heading;                  /* heading or caption: no quotations */
};

/* One quotation.  The strings are not NUL-terminated and stay valid until
 * the next wire_quotes_find on the same quoter. */
struct wire_quote {
	unsigned long par, sent; /* of the sentence where the quote starts */
	int type;                /* enum wire_quote_type */
	size_t first;            /* index of that sentence in the input */
	const char *quote;       /* without its quote marks */
	size_t quote_len;
	const char *speaker;     /* canonical name; empty when unknown */
	size_t speaker_len;
	const char *mention;     /* the speaker as written; may be empty */
	size_t mention_len;
	const char *cue;         /* lower case, words joined by one space */
	size_t cue_len;
	/* The content span: for a partial quote, the reported clause that
	 * holds it, as written (marks kept); else the quote itself. */
	const char *content;
	size_t content_len;
};

struct wire_quoter;

/* A quoter with empty word lists (tests, fuzzing). */
struct wire_quoter *wire_quoter_new(void);
/* Loads the four default lists from models/ (dies when one is missing). */
void wire_quoter_load_defaults(struct wire_quoter *q);
/* Loads FILE as LIST; dies with "file:line: reason" on a bad line. */
void wire_quoter_load(struct wire_quoter *q, enum wire_quote_list list,
                      const char *file);
/* Adds one line of LIST (same format as the files).  Returns false when
 * the line is malformed. */
bool wire_quoter_add(struct wire_quoter *q, enum wire_quote_list list,
                     const char *line, size_t len);
/* Finds the quotations of one document's N sentences whose type is in
 * the mask TYPES.  Sets *OUT to them in text order and returns how many.
 * Memory is reused from call to call; no allocation per sentence once
 * the buffers have grown to the largest document. */
size_t wire_quotes_find(struct wire_quoter *q, const struct wire_quote_sent *s,
                        size_t n, unsigned types,
                        const struct wire_quote **out);
void wire_quoter_free(struct wire_quoter *q);

/* ---- section: wire-dedupe ---- */

/* Key normalisation for comparison (documented in wire-dedupe(1)):
 * Latin, Greek and Cyrillic letters lower-cased, Latin-1 and Latin
 * Extended-A diacritics folded (e -> e, ß -> ss), combining marks and
 * zero-width characters deleted, apostrophes and periods between word
 * characters deleted (U.N. -> un, Assad's -> assads), commas between digits
 * deleted, every other punctuation, quotation mark, dash, symbol or white
 * space a word break; words joined by one space.  Appends to OUT. */
void wire_dedupe_normalise(const char *s, size_t len, struct wire_buf *out);

/* 128-bit hash of a normalised key (two seeded wire_hash64). */
void wire_dedupe_key128(const char *s, size_t len, uint64_t out[2]);

/* MinHash parameters: PERM permutations (a multiple of 8), shingles of
 * SHINGLE words or, with CHARS, SHINGLE code points; LSH with BANDS bands
 * of ROWS rows. */
struct wire_minhash {
	unsigned perm, shingle, bands, rows;
	bool chars;
	uint64_t seed;
	uint32_t *mul, *add;   /* per-permutation parameters */
	uint64_t *hbuf;        /* shingle hashes of the current key */
	uint32_t *xbuf;        /* their 32-bit folds */
	size_t hcap, xcap;
};

/* Bands and rows for PERM permutations and threshold T: the most rows per
 * band whose probability of missing a pair of Jaccard T stays below
 * 1/1000 (the fewest candidate pairs without losing true ones). */
void wire_lsh_choose(unsigned perm, double t, unsigned *bands,
                     unsigned *rows);
/* Probability that a pair of Jaccard S shares at least one band. */
double wire_lsh_probability(double s, unsigned bands, unsigned rows);
/* BANDS 0 chooses them with wire_lsh_choose(PERM, T). */
void wire_minhash_init(struct wire_minhash *m, unsigned perm,
                       unsigned shingle, bool chars, double t,
                       unsigned bands, uint64_t seed);
void wire_minhash_free(struct wire_minhash *m);
/* Signature SIG[perm] of normalised text S; returns the number of
 * shingles (0: empty text, SIG all 0xffffffff). */
size_t wire_minhash_sign(struct wire_minhash *m, const char *s, size_t len,
                         uint32_t *sig);
/* Fraction of signature positions whose low 16 bits agree: the Jaccard
 * estimate (b-bit minwise hashing; a chance agreement adds
 * (1 - J) / 65536). */
double wire_minhash_similarity(const uint32_t *a, const uint32_t *b,
                               unsigned perm);
/* Key of band B of SIG (band index mixed in, so keys of different bands
 * never meet). */
uint64_t wire_minhash_band(const struct wire_minhash *m, const uint32_t *sig,
                           unsigned b);
/* Signature as text (base64 of the low 16 bits of each value, 2 bytes
 * little-endian) and back, high bits 0; decode returns 0, or -1 when S is
 * not PERM values. */
void wire_minhash_encode(const uint32_t *sig, unsigned perm,
                         struct wire_buf *out);
int wire_minhash_decode(const char *s, size_t len, uint32_t *sig,
                        unsigned perm);

/* The LSH index of kept signatures.  Units are numbered from 0 in the
 * order added. */
struct wire_lsh {
	const struct wire_minhash *m;
	size_t n, ncap;
	uint16_t *sigs;        /* n * perm, the low 16 bits of each value */
	uint32_t *keys;        /* band key fingerprints, 0 = empty */
	uint32_t *vals;
	size_t tcap, tcount;
	uint32_t *stamp;       /* per unit: last query that looked at it */
	uint32_t epoch;
	uint32_t *bkeys;       /* the band keys of the signature at hand */
};

void wire_lsh_init(struct wire_lsh *x, const struct wire_minhash *m);
void wire_lsh_free(struct wire_lsh *x);
/* Adds SIG; returns its unit number. */
size_t wire_lsh_add(struct wire_lsh *x, const uint32_t *sig);
/* The indexed unit sharing a band with SIG that agrees best, at least T
 * (ties: the earliest); returns false when none. */
bool wire_lsh_query(struct wire_lsh *x, const uint32_t *sig, double t,
                    size_t *unit, double *sim);
/* Bytes held per indexed unit (for the benchmark's report). */
size_t wire_lsh_bytes(const struct wire_lsh *x);

/* A set of 128-bit keys, each with a value (exact mode). */
struct wire_keyset {
	uint64_t *slot;  /* 2 words per slot; (0,0) = empty */
	uint32_t *val;
	size_t cap, count;
};

void wire_keyset_init(struct wire_keyset *k);
void wire_keyset_free(struct wire_keyset *k);
/* Adds KEY with VAL unless present; returns true and sets *OLD to the
 * stored value when KEY was already there. */
bool wire_keyset_add(struct wire_keyset *k, const uint64_t key[2],
                     uint32_t val, uint32_t *old);

/* ---- section: hardening (fuzz, fault injection) ---- */

/* NULL in every program.  When set, wire_die, wire_die_at and
 * wire_usage_error (and so every fatal error of libwire) call it with the
 * exit status after printing their message, instead of exit(); it must
 * not return (a fuzz harness longjmps back into itself).  If it does
 * return, the program exits as usual. */
extern void (*wire_die_hook)(int status);

#endif /* WIRE_H */
