/*
 * failshim - an LD_PRELOAD library that makes one call of a family fail,
 * for tests/hardening.bats (the approach of jq's and coreutils' tests).
 *
 *   WIRE_FAIL=FAMILY:N[+][,FAMILY:N[+]]...   fail the Nth call (counted
 *       from 1 since the program started), or with + the Nth and every
 *       later one.
 *   WIRE_FAIL_REPORT=FILE   at exit, append "FAMILY COUNT" lines: how many
 *       calls the run made, so a test knows how far to sweep N.
 *   WIRE_FAIL_TRACE=1   print a backtrace to standard error at each
 *       failure (for finding out which call it was).
 *
 * Families and what a failure looks like to the program:
 *   read    read, fread, getline, getdelim (and __getdelim), fgets: -1 / short count / NULL,
 *           errno EIO, the stream's error flag set
 *   write   write, fwrite, fputs, fputc: -1 / short count / EOF, errno
 *           ENOSPC (a full disk), the stream's error flag set.  Writes to
 *           standard error never count and never fail: the program's
 *           message is what the tests read.
 *   malloc  malloc, calloc, realloc: NULL, errno ENOMEM.  Counts libc's
 *           own allocations too (stdio buffers, getline's line).
 *   close   close: the descriptor is closed, then -1 with EIO (NFS style)
 *   fclose  fclose: the stream is closed, then EOF with EIO
 *   fflush  fflush: nothing written, EOF with ENOSPC, error flag set
 *   linemalloc  only the allocations getline/getdelim make to grow the
 *           line (counted apart, as well as in malloc): getline then
 *           returns -1 with ENOMEM and, in glibc, no error flag, which a
 *           loop that tests only ferror() takes for the end of the file
 *
 * glibc's stdio writes through internal calls that no preload can see,
 * which is why the stdio functions are families of their own rather than
 * being reached through read and write.  glibc only (the error flag is
 * set through _IO_ERR_SEEN of the public struct _IO_FILE).
 */
#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

enum { F_READ, F_WRITE, F_MALLOC, F_CLOSE, F_FCLOSE, F_FFLUSH, F_LINEMALLOC,
       F_N };

static const char *const family_name[F_N] = {
	"read", "write", "malloc", "close", "fclose", "fflush", "linemalloc"
};

static unsigned long calls[F_N];
static unsigned long fail_at[F_N];   /* 0: never */
static int fail_after[F_N];          /* the + form */
static int ready;
static int in_getdelim;

/* glibc's own allocator entry points: calling them (rather than dlsym's
 * "next" malloc) avoids dlsym allocating through us before we are set up. */
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

static void
parse(const char *spec)
{
	char buf[256], *item, *save = NULL, *colon, *end;
	int f;

	if (!spec || strlen(spec) >= sizeof buf)
		return;
	strcpy(buf, spec);
	for (item = strtok_r(buf, ",", &save); item;
	     item = strtok_r(NULL, ",", &save)) {
		colon = strchr(item, ':');
		if (!colon)
			continue;
		*colon = '\0';
		for (f = 0; f < F_N; f++)
			if (strcmp(item, family_name[f]) == 0)
				break;
		if (f == F_N)
			continue;
		fail_at[f] = strtoul(colon + 1, &end, 10);
		fail_after[f] = *end == '+';
	}
}

__attribute__((constructor)) static void
setup(void)
{
	parse(getenv("WIRE_FAIL"));
	ready = 1;
}

__attribute__((destructor)) static void
report(void)
{
	const char *file = getenv("WIRE_FAIL_REPORT");
	FILE *fp;
	int f;

	ready = 0;
	if (!file || !(fp = fopen(file, "a")))
		return;
	for (f = 0; f < F_N; f++)
		fprintf(fp, "%s %lu\n", family_name[f], calls[f]);
	fclose(fp);
}

/* Counts a call of family F; true when it is the one to fail. */
static int
hit(int f)
{
	if (!ready)
		return 0;
	calls[f]++;
	if (!fail_at[f])
		return 0;
	if (calls[f] != fail_at[f] && !(fail_after[f] && calls[f] > fail_at[f]))
		return 0;
	if (getenv("WIRE_FAIL_TRACE")) {
		void *frames[32];
		int n;

		ready = 0; /* backtrace allocates the first time */
		n = backtrace(frames, 32);
		backtrace_symbols_fd(frames, n, 2);
		ready = 1;
	}
	return 1;
}

static void *
next(const char *name)
{
	void *p = dlsym(RTLD_NEXT, name);

	if (!p)
		abort(); /* not glibc: the shim cannot work */
	return p;
}

static void
set_error(FILE *fp)
{
	fp->_flags |= 0x0020; /* _IO_ERR_SEEN: ferror() is true */
}

/* ---- malloc ---- */

static int
alloc_fails(void)
{
	int fail = hit(F_MALLOC);

	if (in_getdelim && hit(F_LINEMALLOC))
		fail = 1;
	return fail;
}

void *
malloc(size_t n)
{
	if (alloc_fails()) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_malloc(n);
}

void *
calloc(size_t n, size_t size)
{
	if (alloc_fails()) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_calloc(n, size);
}

void *
realloc(void *p, size_t n)
{
	if (alloc_fails()) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_realloc(p, n);
}

/* ---- read ---- */

ssize_t
read(int fd, void *buf, size_t n)
{
	static ssize_t (*real)(int, void *, size_t);

	if (!real)
		real = (ssize_t (*)(int, void *, size_t))next("read");
	if (hit(F_READ)) {
		errno = EIO;
		return -1;
	}
	return real(fd, buf, n);
}

size_t
fread(void *p, size_t size, size_t n, FILE *fp)
{
	static size_t (*real)(void *, size_t, size_t, FILE *);

	if (!real)
		real = (size_t (*)(void *, size_t, size_t, FILE *))next("fread");
	if (hit(F_READ)) {
		set_error(fp);
		errno = EIO;
		return 0;
	}
	return real(p, size, n, fp);
}

ssize_t
getdelim(char **line, size_t *cap, int delim, FILE *fp)
{
	static ssize_t (*real)(char **, size_t *, int, FILE *);
	ssize_t n;

	if (!real)
		real = (ssize_t (*)(char **, size_t *, int, FILE *))next("getdelim");
	if (hit(F_READ)) {
		set_error(fp);
		errno = EIO;
		return -1;
	}
	in_getdelim = 1;
	n = real(line, cap, delim, fp);
	in_getdelim = 0;
	return n;
}

ssize_t
getline(char **line, size_t *cap, FILE *fp)
{
	return getdelim(line, cap, '\n', fp);
}

/* glibc's <stdio.h> turns getline into this when optimising. */
ssize_t __getdelim(char **line, size_t *cap, int delim, FILE *fp);

ssize_t
__getdelim(char **line, size_t *cap, int delim, FILE *fp)
{
	return getdelim(line, cap, delim, fp);
}

char *
fgets(char *s, int n, FILE *fp)
{
	static char *(*real)(char *, int, FILE *);

	if (!real)
		real = (char *(*)(char *, int, FILE *))next("fgets");
	if (hit(F_READ)) {
		set_error(fp);
		errno = EIO;
		return NULL;
	}
	return real(s, n, fp);
}

/* ---- write (never standard error) ---- */

ssize_t
write(int fd, const void *buf, size_t n)
{
	static ssize_t (*real)(int, const void *, size_t);

	if (!real)
		real = (ssize_t (*)(int, const void *, size_t))next("write");
	if (fd != 2 && hit(F_WRITE)) {
		errno = ENOSPC;
		return -1;
	}
	return real(fd, buf, n);
}

size_t
fwrite(const void *p, size_t size, size_t n, FILE *fp)
{
	static size_t (*real)(const void *, size_t, size_t, FILE *);

	if (!real)
		real = (size_t (*)(const void *, size_t, size_t, FILE *))next("fwrite");
	if (fp != stderr && hit(F_WRITE)) {
		set_error(fp);
		errno = ENOSPC;
		return 0;
	}
	return real(p, size, n, fp);
}

int
fputs(const char *s, FILE *fp)
{
	static int (*real)(const char *, FILE *);

	if (!real)
		real = (int (*)(const char *, FILE *))next("fputs");
	if (fp != stderr && hit(F_WRITE)) {
		set_error(fp);
		errno = ENOSPC;
		return EOF;
	}
	return real(s, fp);
}

int
fputc(int c, FILE *fp)
{
	static int (*real)(int, FILE *);

	if (!real)
		real = (int (*)(int, FILE *))next("fputc");
	if (fp != stderr && hit(F_WRITE)) {
		set_error(fp);
		errno = ENOSPC;
		return EOF;
	}
	return real(c, fp);
}

/* ---- close, fclose, fflush ---- */

int
close(int fd)
{
	static int (*real)(int);
	int rc;

	if (!real)
		real = (int (*)(int))next("close");
	rc = real(fd);
	if (hit(F_CLOSE)) {
		errno = EIO;
		return -1;
	}
	return rc;
}

int
fclose(FILE *fp)
{
	static int (*real)(FILE *);
	int rc, failing;

	if (!real)
		real = (int (*)(FILE *))next("fclose");
	failing = fp != stderr && hit(F_FCLOSE);
	rc = real(fp);
	if (failing) {
		errno = EIO;
		return EOF;
	}
	return rc;
}

int
fflush(FILE *fp)
{
	static int (*real)(FILE *);

	if (!real)
		real = (int (*)(FILE *))next("fflush");
	if (fp && fp != stderr && hit(F_FFLUSH)) {
		set_error(fp);
		errno = ENOSPC;
		return EOF;
	}
	return real(fp);
}
