/* Where the models/ data lives: $WIRE_MODELS, next to the executable in
 * the build tree, or the installed share directory. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wire.h"

#ifndef WIRE_MODELS_DIR
#define WIRE_MODELS_DIR "/usr/local/share/wire/models"
#endif

static char *models_dir;

static bool
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Directory of the running executable, or NULL (Linux /proc only; other
 * systems use $WIRE_MODELS or the installed path). */
static char *
exe_dir(void)
{
	char path[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
	char *slash;

	if (n <= 0)
		return NULL;
	path[n] = '\0';
	slash = strrchr(path, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	return wire_xstrdup(path);
}

static char *
try_relative(const char *dir, const char *rel)
{
	struct wire_buf b = {0};

	wire_buf_printf(&b, "%s/%s", dir, rel);
	if (is_dir(b.data))
		return b.data;
	wire_buf_free(&b);
	return NULL;
}

const char *
wire_models_dir(void)
{
	const char *env = getenv("WIRE_MODELS");
	char *dir;

	if (models_dir)
		return models_dir;
	if (env && *env) {
		models_dir = wire_xstrdup(env);
		return models_dir;
	}
	if ((dir = exe_dir())) {
		models_dir = try_relative(dir, "../models");
		if (!models_dir)
			models_dir = try_relative(dir, "../share/wire/models");
		free(dir);
	}
	if (!models_dir)
		models_dir = wire_xstrdup(WIRE_MODELS_DIR);
	return models_dir;
}

char *
wire_model_path(const char *name)
{
	struct wire_buf b = {0};

	wire_buf_printf(&b, "%s/%s", wire_models_dir(), name);
	if (access(b.data, R_OK) != 0)
		wire_die("%s: cannot read model file (set WIRE_MODELS to the "
		         "models directory)", b.data);
	return b.data;
}
