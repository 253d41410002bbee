/*
 * file.c - file metadata helpers (file.h).
 */
#include "probes/file.h"

#include <stdlib.h>
#include <string.h>

#include "util/redact.h"

const char *
sc_probe_file_type(mode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG:
		return "regular";
	case S_IFDIR:
		return "directory";
	case S_IFLNK:
		return "symbolic link";
	case S_IFBLK:
		return "block special";
	case S_IFCHR:
		return "character special";
	case S_IFIFO:
		return "fifo";
	case S_IFSOCK:
		return "socket";
	}
	return "unknown";
}

void
sc_probe_file_describe_id(struct sc_target *t, int is_group, unsigned long id,
    struct sc_buf *out)
{
	const struct sc_account *a = is_group ? sc_target_group_by_gid(t, id) :
	    sc_target_user_by_uid(t, id);

	if (a != NULL)
		sc_buf_addf(out, "%s %lu (%s)", is_group ? "gid" : "uid", id,
		    a->name);
	else
		sc_buf_addf(out, "%s %lu (not in the target's %s)",
		    is_group ? "gid" : "uid", id,
		    is_group ? "/etc/group" : "/etc/passwd");
}

void
sc_probe_file_split(const char *path, char **dir, char **name)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL) {
		*dir = sc_xstrdup("");
		*name = sc_xstrdup(path);
	} else if (slash == path) {
		*dir = sc_xstrdup("/");
		*name = sc_xstrdup(slash + 1);
	} else {
		*dir = sc_xstrndup(path, (size_t)(slash - path));
		*name = sc_xstrdup(slash + 1);
	}
}

char *
sc_probe_file_join(const char *dir, const char *name)
{
	size_t n = strlen(dir);

	if (n > 0 && dir[n - 1] == '/')
		return sc_xasprintf("%s%s", dir, name);
	return sc_xasprintf("%s/%s", dir, name);
}

/* (dev, ino) of the target's password files, resolved once per target. */
struct secret_ids {
	size_t n;
	dev_t dev[16];
	ino_t ino[16];
};

int
sc_probe_file_is_secret(struct sc_target *t, const char *path,
    const struct stat *st)
{
	static const char key[] = "probes/file:secret-ids";
	struct secret_ids *ids;

	if (sc_redact_is_secret_path(path))
		return 1;
	if (t == NULL || st == NULL)
		return 0;
	if ((ids = sc_target_cache_get(t, key)) == NULL) {
		const char *const *p = sc_redact_secret_paths();
		struct stat s2;

		ids = sc_xcalloc(1, sizeof(*ids));
		for (size_t i = 0; p[i] && ids->n < 16; i++) {
			if (sc_target_stat(t, p[i], &s2, NULL) != 0)
				continue;
			ids->dev[ids->n] = s2.st_dev;
			ids->ino[ids->n] = s2.st_ino;
			ids->n++;
		}
		sc_target_cache_put(t, key, ids, free);
	}
	for (size_t i = 0; i < ids->n; i++)
		if (ids->dev[i] == st->st_dev && ids->ino[i] == st->st_ino)
			return 1;
	return 0;
}
