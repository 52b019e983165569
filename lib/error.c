/* Error reporting and the exit conventions shared by every program. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wire.h"

const char *wire_progname = "wire";
void (*wire_die_hook)(int status);

/* Every fatal exit goes through here so that a fuzz harness can take the
 * die back (see wire.h, section hardening); programs never set the hook. */
WIRE_NORETURN static void
die_exit(int status)
{
	if (wire_die_hook)
		wire_die_hook(status);
	exit(status);
}

void
wire_init(const char *argv0)
{
	const char *slash;

	if (argv0 && *argv0) {
		slash = strrchr(argv0, '/');
		wire_progname = slash ? slash + 1 : argv0;
	}
	/* A parent that ignores SIGPIPE (Python's subprocess does) would
	 * otherwise leave us writing into a closed pipe until EPIPE; restoring
	 * the default makes `| head` end us quietly in both cases. */
	signal(SIGPIPE, SIG_DFL);
}

static void
vreport(const char *file, unsigned long line, const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", wire_progname);
	if (file) {
		if (line)
			fprintf(stderr, "%s:%lu: ", file, line);
		else
			fprintf(stderr, "%s: ", file);
	}
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
wire_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(NULL, 0, fmt, ap);
	va_end(ap);
	die_exit(1);
}

void
wire_die_at(const char *file, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(file, line, fmt, ap);
	va_end(ap);
	die_exit(1);
}

void
wire_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(NULL, 0, fmt, ap);
	va_end(ap);
}

void
wire_warn_at(const char *file, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(file, line, fmt, ap);
	va_end(ap);
}

void
wire_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(NULL, 0, fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s --help' for more information.\n", wire_progname);
	die_exit(2);
}

void
wire_write_error(const char *name)
{
	if (errno == EPIPE)
		_exit(0);
	fprintf(stderr, "%s: %s: write error: %s\n", wire_progname,
	        name ? name : "standard output", strerror(errno));
	exit(1);
}

void
wire_close_stdout(void)
{
	/* fclose alone can miss an error that fflush reported earlier and
	 * cleared; ferror catches it (the coreutils close_stdout rule). */
	int failed = fflush(stdout) != 0;
	int saved = errno;

	if (ferror(stdout) && !failed) {
		failed = 1;
		saved = EIO;
	}
	if (fclose(stdout) != 0 && !failed) {
		failed = 1;
		saved = errno;
	}
	if (failed) {
		errno = saved;
		wire_write_error("standard output");
	}
}

void
wire_exit(int status)
{
	wire_close_stdout();
	exit(status);
}
