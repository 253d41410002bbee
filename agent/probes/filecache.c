/*
 * filecache.c - probe results shared across containers of one image
 * (filecache.h).
 */
#include "probes/filecache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "target/mounts.h"
#include "util/fsutil.h"
#include "util/map.h"
#include "util/mem.h"

#define LAYER_KEY "sc_filecache:layer"
#define PATH_MAX_KEY 4096

struct entry {
	void *obj;
	void (*free_fn)(void *);
};

struct sc_filecache {
	struct sc_map map;	/* key -> struct entry * */
	unsigned long hits, misses, dir_hits;
	size_t charged;		/* sc_filecache_charge units so far */
};

struct layer {
	struct sc_filecache *c;	/* borrowed */
	char *lower, *upper;
	dev_t dev;		/* the overlay's device (mountinfo) */
	int samefs;		/* lowers and upper on one filesystem */
	/* sc_filecache_hint: the entry known to be image-only */
	const char *hint_path;
	dev_t hint_dev;
	ino_t hint_ino;
};

struct sc_filecache *
sc_filecache_new(void)
{
	return sc_xcalloc(1, sizeof(struct sc_filecache));
}

void
sc_filecache_free(struct sc_filecache *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->map.n; i++) {
		struct entry *e = c->map.vals[i];

		if (e->free_fn)
			e->free_fn(e->obj);
		free(e);
	}
	sc_map_free(&c->map);
	free(c);
}

void
sc_filecache_stats(const struct sc_filecache *c, unsigned long *hits,
    unsigned long *misses)
{
	*hits = c ? c->hits : 0;
	*misses = c ? c->misses : 0;
}

unsigned long
sc_filecache_dir_hits(const struct sc_filecache *c)
{
	return c ? c->dir_hits : 0;
}

static void
layer_free(void *p)
{
	struct layer *l = p;

	if (l == NULL)
		return;
	free(l->lower);
	free(l->upper);
	free(l);
}

/* The value of option name= in a comma-separated list; NULL if absent. */
static char *
opt_value(const char *opts, const char *name)
{
	size_t n = strlen(name);
	const char *p = opts;

	while (p && *p) {
		size_t len = strcspn(p, ",");

		if (len > n && strncmp(p, name, n) == 0 && p[n] == '=')
			return sc_xstrndup(p + n + 1, len - n - 1);
		p += len;
		if (*p == ',')
			p++;
	}
	return NULL;
}

/*
 * The super options of the topmost overlay mounted on "/" in mountinfo
 * text; NULL when "/" is not an overlay or a line there has escapes.
 */
static char *
root_overlay_opts(const char *text, dev_t *dev)
{
	char *found = NULL;
	const char *line = text;

	while (line && *line) {
		size_t len = strcspn(line, "\n");
		char *l = sc_xstrndup(line, len), *save = NULL, *f;
		char *fields[64];
		size_t nf = 0, sep = 0;

		for (f = strtok_r(l, " ", &save); f && nf < 64;
		    f = strtok_r(NULL, " ", &save))
			fields[nf++] = f;
		for (size_t i = 6; i < nf && !sep; i++)
			if (strcmp(fields[i], "-") == 0)
				sep = i;
		if (nf >= 5 && strcmp(fields[4], "/") == 0) {
			unsigned maj, min;
			char end;

			/* a later "/" mount is on top of an earlier one */
			free(found);
			found = NULL;
			if (sep && sep + 3 < nf &&
			    strcmp(fields[sep + 1], "overlay") == 0 &&
			    strchr(fields[sep + 3], '\\') == NULL &&
			    sscanf(fields[2], "%u:%u%c", &maj, &min, &end) == 2) {
				found = sc_xstrdup(fields[sep + 3]);
				*dev = makedev(maj, min);
			}
		}
		free(l);
		line += len;
		if (*line == '\n')
			line++;
	}
	return found;
}

/*
 * Whether every directory of the ':'-separated lower list (each prefixed
 * with root, when given) is on dev, the upper layer's filesystem.
 */
static int
same_fs(const char *lower, const char *root, dev_t dev)
{
	const char *p = lower;
	int ok = 1;

	while (ok && *p != '\0') {
		size_t len = strcspn(p, ":");
		char *d = sc_xasprintf("%s%.*s", root ? root : "", (int)len, p);
		struct stat st;

		ok = len > 0 && p[0] == '/' && stat(d, &st) == 0 &&
		    S_ISDIR(st.st_mode) && st.st_dev == dev;
		free(d);
		p += len;
		if (*p == ':')
			p++;
	}
	return ok && *lower != '\0';
}

int
sc_filecache_attach_text(struct sc_target *t, struct sc_filecache *c,
    const char *mountinfo, const char *upper_root)
{
	struct layer *l;
	struct stat st;
	char *opts, *lower = NULL, *upper = NULL;
	dev_t dev = 0;

	if (t == NULL || c == NULL || mountinfo == NULL)
		return 0;
	if ((opts = root_overlay_opts(mountinfo, &dev)) == NULL)
		return 0;
	lower = opt_value(opts, "lowerdir");
	upper = opt_value(opts, "upperdir");
	free(opts);
	if (lower == NULL || upper == NULL || upper[0] != '/' ||
	    strlen(upper) > PATH_MAX_KEY)
		goto no;
	if (upper_root) {
		char *u = sc_xasprintf("%s%s", upper_root, upper);

		free(upper);
		upper = u;
	}
	if (lstat(upper, &st) < 0 || !S_ISDIR(st.st_mode))
		goto no;
	l = sc_xcalloc(1, sizeof(*l));
	l->c = c;
	l->lower = lower;
	l->upper = upper;
	l->dev = dev;
	l->samefs = same_fs(lower, upper_root, st.st_dev);
	sc_target_cache_put(t, LAYER_KEY, l, layer_free);
	return 1;
no:
	free(lower);
	free(upper);
	return 0;
}

int
sc_filecache_attach(struct sc_target *t, struct sc_filecache *c, long pid)
{
	struct sc_buf b = SC_BUF_INIT;
	char path[64];
	int fd, r = 0;

	snprintf(path, sizeof(path), "/proc/%ld/mountinfo", pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	if (sc_read_fd(fd, SC_MOUNTS_TEXT_MAX, &b) == SC_OK && b.data) {
		sc_buf_addc(&b, '\0');
		r = sc_filecache_attach_text(t, c, b.data, NULL);
	}
	close(fd);
	sc_buf_free(&b);
	return r;
}

char *
sc_filecache_key(struct sc_target *t, const char *kind, const char *path,
    const struct stat *st)
{
	const struct layer *l = sc_target_cache_get(t, LAYER_KEY);
	struct stat ust;
	char *up;
	int in_upper;

	if (l == NULL || path == NULL || path[0] != '/' ||
	    strlen(path) > PATH_MAX_KEY || st == NULL || !S_ISREG(st->st_mode))
		return NULL;
	if (l->hint_path != NULL && strcmp(l->hint_path, path) == 0 &&
	    l->hint_dev == st->st_dev && l->hint_ino == st->st_ino) {
		in_upper = 0;	/* the walk knows: an image-only directory */
	} else {
		up = sc_xasprintf("%s%s", l->upper, path);
		in_upper = lstat(up, &ust) == 0 || errno != ENOENT;
		free(up);
	}
	if (in_upper)
		return NULL;
	return sc_xasprintf("%s\n%s\n%s\n%llu %lld %lld.%09ld %lld.%09ld",
	    l->lower, kind, path, (unsigned long long)st->st_ino,
	    (long long)st->st_size, (long long)st->st_mtim.tv_sec,
	    st->st_mtim.tv_nsec, (long long)st->st_ctim.tv_sec,
	    st->st_ctim.tv_nsec);
}

void *
sc_filecache_get(struct sc_target *t, const char *key)
{
	struct layer *l = sc_target_cache_get(t, LAYER_KEY);
	struct entry *e;

	if (l == NULL || key == NULL)
		return NULL;
	e = sc_map_get(&l->c->map, key);
	if (e == NULL) {
		l->c->misses++;
		return NULL;
	}
	l->c->hits++;
	if (key[0] == 'D')
		l->c->dir_hits++;
	return e->obj;
}

void *
sc_filecache_put(struct sc_target *t, const char *key, void *obj,
    void (*free_fn)(void *))
{
	struct layer *l = sc_target_cache_get(t, LAYER_KEY);
	struct entry *e = NULL;

	if (l == NULL || key == NULL ||
	    (e = sc_map_get(&l->c->map, key)) != NULL) {
		if (free_fn)
			free_fn(obj);
		return e ? e->obj : NULL;
	}
	e = sc_xmalloc(sizeof(*e));
	e->obj = obj;
	e->free_fn = free_fn;
	sc_map_put(&l->c->map, key, e);
	return obj;
}

/* ---- for the walk: directories of the image ---------------------------- */

int
sc_filecache_layer_dev(struct sc_target *t, dev_t *dev)
{
	const struct layer *l = sc_target_cache_get(t, LAYER_KEY);

	if (l == NULL || !l->samefs)
		return 0;
	*dev = l->dev;
	return 1;
}

int
sc_filecache_in_upper(struct sc_target *t, const char *path)
{
	const struct layer *l = sc_target_cache_get(t, LAYER_KEY);
	struct stat st;
	char *up;
	int r;

	if (l == NULL || path == NULL || path[0] != '/' ||
	    strlen(path) > PATH_MAX_KEY)
		return 1;
	up = sc_xasprintf("%s%s", l->upper, path);
	r = lstat(up, &st) == 0 || errno != ENOENT;
	free(up);
	return r;
}

char *
sc_filecache_dir_key(struct sc_target *t, const char *path)
{
	const struct layer *l = sc_target_cache_get(t, LAYER_KEY);

	if (l == NULL || !l->samefs || path == NULL || path[0] != '/' ||
	    strlen(path) > PATH_MAX_KEY)
		return NULL;
	/* "D" first: other keys start with the lower list, "/..." */
	return sc_xasprintf("D\n%s\n%s", l->lower, path);
}

void
sc_filecache_hint(struct sc_target *t, const char *path,
    const struct stat *st)
{
	struct layer *l = sc_target_cache_get(t, LAYER_KEY);

	if (l == NULL)
		return;
	l->hint_path = st ? path : NULL;
	l->hint_dev = st ? st->st_dev : 0;
	l->hint_ino = st ? st->st_ino : 0;
}

int
sc_filecache_charge(struct sc_target *t, size_t units, size_t max)
{
	struct layer *l = sc_target_cache_get(t, LAYER_KEY);

	if (l == NULL || units > max || l->c->charged > max - units)
		return 0;
	l->c->charged += units;
	return 1;
}
