/*
 * walk.c - one traversal for every recursive check (see walk.h).
 *
 * The walk keeps, per directory level, the set of visitors that are
 * "active" there (the directory lies in their subtree and within their
 * depth).  A directory is entered when an active visitor wants to go deeper,
 * or when a visitor not yet served may have its root below it.  Each
 * directory is read once, its names sorted, each entry lstat'ed once and
 * handed to every active visitor.
 */
#include "walk/walk.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "probes/filecache.h"
#include "target/mounts.h"
#include "util/map.h"

#ifndef CGROUP2_SUPER_MAGIC
#define CGROUP2_SUPER_MAGIC 0x63677270
#endif
#ifndef NFS_SUPER_MAGIC
#define NFS_SUPER_MAGIC 0x6969
#endif
#define CIFS_MAGIC 0xFF534D42
#define SMB2_MAGIC 0xFE534D42
#define FUSE_MAGIC 0x65735546
#define CEPH_MAGIC 0x00c36400
#define AFS_MAGIC 0x5346414F

struct visitor {
	char *root;
	size_t root_len;
	int max_depth;
	unsigned flags;
	sc_walk_fn fn;
	void *ctx;
	unsigned order;		/* registration order, for stable sorting */

	int resolved;		/* 1: dev/ino known, -1: missing */
	int served;
	dev_t dev;
	ino_t ino;
};

struct active {
	struct visitor *v;
	int base_depth;		/* walk depth of the visitor's root */
	size_t prefix_len;	/* walk path length at the visitor's root */
	int identity;		/* visitor path == walk path */
};

struct ancestor {
	dev_t dev;
	ino_t ino;
};

/*
 * Where a directory stands for sharing (probes/filecache.h): SH_NO, the
 * walk came through a symlink or the target shares nothing; SH_MAYBE, a
 * canonical path whose directories are each asked; SH_YES, image-only
 * (and so is everything below it).
 */
enum { SH_NO, SH_MAYBE, SH_YES };

/*
 * An image-only directory as one container read it, replayed in the
 * others of that image: its sorted names and their lstat (owners as on
 * disk, before sc_target_map_ids; st_dev the overlay's of the container
 * that read it, dev).
 */
struct listing {
	size_t n;
	char **names;
	struct stat *st;
	dev_t dev;
	int memo;		/* this run's own (below), not another
				 * container's: st_dev as read, and fstype */
	unsigned long fstype;	/* memo: the directory's statfs f_type */
};

struct sc_walk {
	struct visitor *v;
	size_t n, cap;
	struct sc_walk_stats stats;

	/* per run */
	struct sc_target *t;
	struct ancestor anc[SC_WALK_MAX_DEPTH + 2];
	int n_anc;
	struct ancestor pseudo[3];	/* the target's /proc, /sys, /dev */
	int n_pseudo;
	struct ancestor *mounts;	/* volumes and binds: not walked */
	size_t n_mounts, cap_mounts;
	struct sc_buf vpath;		/* scratch for visitor paths */
	int too_big;
	int share;			/* image-only directories are shared */
	dev_t ovl_dev;			/* the container's overlay device */
	int hint;			/* delivering an image-only entry */
	char *dents;			/* getdents64 buffer (DENTS_BUF) */

	/*
	 * Directories read below a followed symlink in this run, by
	 * "dev:ino" (struct listing, memo set), up to
	 * SC_WALK_MEMO_MAX_ENTRIES entries: reached again by their own path
	 * (/lib is walked before /usr/lib on a merged-/usr root), they are
	 * replayed, not read and stat'ed again.  Only there, so that a walk
	 * without symlinks keeps no listing (memory stays flat).  Not used
	 * when directories are shared between containers (share).
	 */
	struct sc_map memo;
	size_t memo_entries;
	int links;			/* followed symlinks above this point */
};

#define DENTS_BUF (32u << 10)

static void memo_clear(struct sc_walk *w);

struct sc_walk *
sc_walk_new(void)
{
	return sc_xcalloc(1, sizeof(struct sc_walk));
}

void
sc_walk_free(struct sc_walk *w)
{
	size_t i;

	if (w == NULL)
		return;
	for (i = 0; i < w->n; i++)
		free(w->v[i].root);
	free(w->v);
	free(w->mounts);
	sc_buf_free(&w->vpath);
	free(w->dents);
	memo_clear(w);
	free(w);
}

static char *
normalize(const char *p)
{
	struct sc_buf b = SC_BUF_INIT;

	sc_buf_reset(&b);
	sc_buf_addc(&b, '/');
	for (; *p; p++) {
		if (*p == '/' && b.data[b.len - 1] == '/')
			continue;
		sc_buf_addc(&b, *p);
	}
	if (b.len > 1 && b.data[b.len - 1] == '/')
		b.data[--b.len] = '\0';
	return sc_buf_detach(&b);
}

void
sc_walk_add(struct sc_walk *w, const struct sc_walk_spec *spec)
{
	struct visitor *v;

	SC_GROW(w->v, w->cap, w->n + 1);
	v = &w->v[w->n];
	memset(v, 0, sizeof(*v));
	v->root = normalize(spec->root);
	v->root_len = strlen(v->root);
	v->max_depth = spec->max_depth < 0 ? SC_WALK_MAX_DEPTH :
	    (spec->max_depth > SC_WALK_MAX_DEPTH ? SC_WALK_MAX_DEPTH :
	    spec->max_depth);
	v->flags = spec->flags;
	v->fn = spec->fn;
	v->ctx = spec->ctx;
	v->order = (unsigned)w->n;
	w->n++;
}

unsigned
sc_walk_count(const struct sc_walk *w)
{
	return (unsigned)w->n;
}

void
sc_walk_get_stats(const struct sc_walk *w, struct sc_walk_stats *st)
{
	*st = w->stats;
}

/* ---- helpers --------------------------------------------------------------- */

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
cmp_visitors(const void *a, const void *b)
{
	const struct visitor *x = a, *y = b;
	int c = strcmp(x->root, y->root);

	if (c != 0)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* The filesystem type of fd (statfs f_type), 0 when unknown. */
static unsigned long
fs_type(int fd)
{
	struct statfs s;

	if (fstatfs(fd, &s) < 0)
		return 0;
	return (unsigned long)s.f_type;
}

static int
is_pseudo_fs(unsigned long type)
{
	switch (type) {
	case PROC_SUPER_MAGIC:
	case SYSFS_MAGIC:
	case DEVPTS_SUPER_MAGIC:
	case CGROUP_SUPER_MAGIC:
	case CGROUP2_SUPER_MAGIC:
	case DEBUGFS_MAGIC:
	case SECURITYFS_MAGIC:
	case TRACEFS_MAGIC:
	case BPF_FS_MAGIC:
	case SELINUX_MAGIC:
		return 1;
	}
	return 0;
}

static int
is_network_fs(unsigned long type)
{
	switch (type) {
	case NFS_SUPER_MAGIC:
	case CIFS_MAGIC:
	case SMB2_MAGIC:
	case SMB_SUPER_MAGIC:
	case CEPH_MAGIC:
	case AFS_MAGIC:
	case CODA_SUPER_MAGIC:
	case NCP_SUPER_MAGIC:
		return 1;
	}
	return 0;
}

/* Whether st is one of the n (dev, inode) pairs in set. */
static int
in_set(const struct ancestor *set, size_t n, const struct stat *st)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (set[i].dev == st->st_dev && set[i].ino == st->st_ino)
			return 1;
	return 0;
}

static int
is_ancestor(const struct sc_walk *w, const struct stat *st)
{
	return in_set(w->anc, (size_t)w->n_anc, st);
}

static int
is_target_pseudo(const struct sc_walk *w, const struct stat *st)
{
	return in_set(w->pseudo, (size_t)w->n_pseudo, st);
}

/* The path a visitor sees for walk path wp. */
static const char *
visitor_path(struct sc_walk *w, const struct active *a, const char *wp)
{
	const char *suffix;

	if (a->identity)
		return wp;
	suffix = wp + a->prefix_len;
	sc_buf_reset(&w->vpath);
	sc_buf_adds(&w->vpath, a->v->root);
	if (w->vpath.len > 0 && w->vpath.data[w->vpath.len - 1] == '/' &&
	    suffix[0] == '/')
		suffix++;
	sc_buf_adds(&w->vpath, suffix);
	return w->vpath.data;
}

static int
deliver(struct sc_walk *w, const struct active *a, enum sc_walk_event ev,
    const char *wp, const char *name, const struct stat *st, int depth,
    int dirfd, const char *error)
{
	struct sc_walk_entry e;
	int r;

	e.event = ev;
	e.path = visitor_path(w, a, wp);
	e.name = name;
	e.st = st;
	e.depth = depth - a->base_depth;
	e.dirfd = dirfd;
	e.error = error;
	e.target = w->t;
	if (!w->hint || st == NULL)
		return a->v->fn(a->v->ctx, &e);
	sc_filecache_hint(w->t, e.path, st);
	r = a->v->fn(a->v->ctx, &e);
	sc_filecache_hint(w->t, NULL, NULL);
	return r;
}

/* Is an unserved visitor's root textually below walk path wp? */
static int
unserved_below(const struct sc_walk *w, const char *wp, size_t wlen)
{
	size_t i;

	for (i = 0; i < w->n; i++) {
		const struct visitor *v = &w->v[i];

		if (v->served || v->resolved != 1)
			continue;
		if (wlen == 1 && wp[0] == '/')
			return 1;
		if (v->root_len > wlen && memcmp(v->root, wp, wlen) == 0 &&
		    v->root[wlen] == '/')
			return 1;
	}
	return 0;
}

/*
 * Activate every unserved visitor whose root is this directory; deliver its
 * root entry.  Appends to act (which has room for w->n more).
 */
static size_t
activate_here(struct sc_walk *w, struct active *act, size_t nact,
    const char *wp, const char *name, const struct stat *st, int depth,
    int dirfd)
{
	size_t i;

	for (i = 0; i < w->n; i++) {
		struct visitor *v = &w->v[i];
		struct active *a;

		if (v->served || v->resolved != 1 || v->dev != st->st_dev ||
		    v->ino != st->st_ino)
			continue;
		v->served = 1;
		a = &act[nact];
		a->v = v;
		a->base_depth = depth;
		a->prefix_len = strlen(wp);
		a->identity = (strcmp(v->root, wp) == 0);
		if (!(v->flags & SC_WALK_NO_ROOT) &&
		    deliver(w, a, SC_WALK_ENTRY, wp, name, st, depth, dirfd,
		    NULL) == SC_WALK_PRUNE)
			continue;
		if (v->max_depth == 0)
			continue;
		nact++;
	}
	return nact;
}

/*
 * The names of directory dirfd, which the walk opened for this and reads
 * once from its start: getdents64 on it directly, rather than opening "."
 * again for a DIR stream (three system calls fewer per directory).
 */
static int
read_names(struct sc_walk *w, int dirfd, char ***namesp, size_t *np)
{
	char **names = NULL;
	size_t n = 0, cap = 0;
	ssize_t got;

	*namesp = NULL;
	*np = 0;
	if (w->dents == NULL)
		w->dents = sc_xmalloc(DENTS_BUF);
	while ((got = getdents64(dirfd, w->dents, DENTS_BUF)) > 0) {
		for (ssize_t off = 0; off < got;) {
			const struct dirent64 *de =
			    (const struct dirent64 *)(w->dents + off);

			if (de->d_reclen == 0)
				break;	/* never from a kernel; no endless loop */
			off += de->d_reclen;
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			SC_GROW(names, cap, n + 1);
			names[n++] = sc_xstrdup(de->d_name);
		}
	}
	if (got < 0) {
		int e = errno;

		for (size_t i = 0; i < n; i++)
			free(names[i]);
		free(names);
		errno = e;
		return -1;
	}
	if (n > 1)	/* names is NULL for an empty directory */
		qsort(names, n, sizeof(*names), cmp_names);
	*namesp = names;
	*np = n;
	return 0;
}

static void
names_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static void
listing_free(void *p)
{
	struct listing *ls = p;

	if (ls == NULL)
		return;
	names_free(ls->names, ls->n);
	free(ls->st);
	free(ls);
}

static void
memo_key(char *key, size_t len, const struct stat *st)
{
	snprintf(key, len, "%llx:%llx", (unsigned long long)st->st_dev,
	    (unsigned long long)st->st_ino);
}

/* This run's listing of the directory st (dev, ino), or NULL. */
static const struct listing *
memo_get(const struct sc_walk *w, const struct stat *st)
{
	char key[64];

	if (w->share || w->memo.n == 0)
		return NULL;
	memo_key(key, sizeof(key), st);
	return sc_map_get(&w->memo, key);
}

static void
memo_clear(struct sc_walk *w)
{
	for (size_t i = 0; i < w->memo.n; i++)
		listing_free(w->memo.vals[i]);
	sc_map_free(&w->memo);
	w->memo_entries = 0;
}

/* Is something mounted at path or below it in the container? */
static int
mount_at_or_below(const struct sc_walk *w, const char *path, size_t len)
{
	const struct sc_mounts *ms = sc_mounts_get(w->t);
	size_t i;

	if (ms == NULL || ms->n_bad > 0)
		return 1;
	for (i = 0; i < ms->n; i++) {
		const char *p = ms->m[i].point;

		if (p == NULL || strcmp(p, "/") == 0)
			continue;	/* the root mount itself */
		if (strncmp(p, path, len) == 0 && (p[len] == '\0' ||
		    p[len] == '/'))
			return 1;
	}
	return 0;
}

/*
 * The sharing state of the directory at walk path wp (lstat st) below a
 * parent in state parent; link: reached through a symlink.
 */
static int
share_state(struct sc_walk *w, int parent, const struct sc_buf *wp,
    const struct stat *st, int link)
{
	if (parent == SH_NO || link)
		return SH_NO;
	if (parent == SH_YES)
		return SH_YES;
	if (st->st_dev == w->ovl_dev && !mount_at_or_below(w, wp->data,
	    wp->len) && !sc_filecache_in_upper(w->t, wp->data))
		return SH_YES;
	return SH_MAYBE;
}

/*
 * Make the *np names just read from the image-only directory dirfd (walk
 * path wp) a shared listing, stat'ing each: the listing takes the names
 * (*namesp is set to NULL).  NULL, with the names left with the caller
 * (*np updated), when the cache's budget would be passed, or when what
 * was read may not be the image's: an entry on another device (something
 * was mounted there meanwhile), or the directory is in the upper layer
 * now (the container changed it while it was read: overlayfs copies the
 * directory up before any change below it shows).
 */
static const struct listing *
listing_make(struct sc_walk *w, int dirfd, const char *wp, char ***namesp,
    size_t *np)
{
	struct listing *ls;
	char *key;
	size_t i, k = 0;
	int ok = 1;

	if ((key = sc_filecache_dir_key(w->t, wp)) == NULL)
		return NULL;
	if (!sc_filecache_charge(w->t, *np + 1, SC_WALK_SHARE_MAX_ENTRIES)) {
		free(key);
		return NULL;
	}
	ls = sc_xcalloc(1, sizeof(*ls));
	ls->dev = w->ovl_dev;
	ls->names = *namesp;
	ls->st = sc_xcalloc(*np + 1, sizeof(*ls->st));
	for (i = 0; i < *np; i++) {
		if (fstatat(dirfd, ls->names[i], &ls->st[k], AT_SYMLINK_NOFOLLOW)
		    < 0) {
			free(ls->names[i]);	/* vanished */
			continue;
		}
		if (ls->st[k].st_dev != ls->dev)
			ok = 0;
		ls->names[k++] = ls->names[i];
	}
	ls->n = k;
	if (!ok || sc_filecache_in_upper(w->t, wp)) {
		*np = ls->n;	/* the caller's again, stat'ed anew */
		ls->names = NULL;
		ls->n = 0;
		listing_free(ls);
		free(key);
		return NULL;
	}
	*namesp = NULL;
	ls = sc_filecache_put(w->t, key, ls, listing_free); /* the cache's */
	free(key);
	return ls;
}

static void walk_dir(struct sc_walk *w, int dirfd, const struct listing *ls,
    struct sc_buf *wp, int depth, struct active *act, size_t nact, int sh,
    const struct stat *dst, unsigned long fstype);

/*
 * Decide which visitors go below the directory entry at wp and walk it.
 * act/nact: visitors that received the entry (and did not prune).
 * parentfd is -1 when the parent came from a shared listing; psh is the
 * parent's sharing state.
 */
static void
descend(struct sc_walk *w, int parentfd, const char *name, struct sc_buf *wp,
    const struct stat *lst, int depth, struct active *act, size_t nact,
    int psh)
{
	struct active *child = NULL;
	const struct listing *ls = NULL;
	size_t nchild = 0, i;
	struct stat dst;
	unsigned long type = 0;
	int is_link = S_ISLNK(lst->st_mode), fd = -1, search, sh;

	child = sc_xcalloc(nact + w->n + 1, sizeof(*child));
	for (i = 0; i < nact; i++) {
		const struct visitor *v = act[i].v;

		if (depth - act[i].base_depth >= v->max_depth)
			continue;
		if (is_link && !(v->flags & SC_WALK_FOLLOW_SYMLINKS))
			continue;
		child[nchild++] = act[i];
	}
	search = !is_link && unserved_below(w, wp->data, wp->len);
	if (nchild == 0 && !search && !is_link)
		goto out;
	if (is_link && nchild == 0)
		goto out;
	sh = share_state(w, psh, wp, lst, is_link);
	if (sh == SH_YES) {
		char *key = sc_filecache_dir_key(w->t, wp->data);

		ls = key ? sc_filecache_get(w->t, key) : NULL;
		free(key);
		if (ls != NULL)
			w->stats.shared++;
	} else if (!is_link) {
		ls = memo_get(w, lst);	/* read earlier in this run */
	}
	if (ls != NULL) {
		dst = *lst;	/* read before (here, or by another
				 * container): no fd */
	} else {
		int r = -1;

		/* only followers go through a link; resolve it in the root */
		if (is_link || parentfd < 0)
			r = sc_target_open(w->t, wp->data, SC_OPEN_DIR, &fd, NULL);
		else
			fd = openat(parentfd, name, O_RDONLY | O_DIRECTORY |
			    O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		if (is_link && r < 0)
			goto out;	/* dangling, or not a directory */
		if (fd < 0) {
			char msg[256];

			w->stats.errors++;
			snprintf(msg, sizeof(msg), "cannot open directory: %s",
			    strerror(errno));
			for (i = 0; i < nchild; i++)
				deliver(w, &child[i], SC_WALK_ERROR, wp->data, name,
				    NULL, depth, parentfd, msg);
			goto out;
		}
		if (fstat(fd, &dst) < 0 || !S_ISDIR(dst.st_mode))
			goto out;
	}
	if (!is_link && (dst.st_dev != lst->st_dev || dst.st_ino != lst->st_ino))
		goto out;	/* replaced while we looked */
	if (is_link && is_ancestor(w, &dst)) {
		w->stats.loops++;
		goto out;
	}
	if (is_link && ls == NULL)
		ls = memo_get(w, &dst);	/* its target was read in this run */
	if (ls != NULL && ls->memo)
		w->stats.replayed++;
	/* a shared directory is on the container's overlay (nothing is
	 * mounted in it): not a pseudo or network filesystem; one read in
	 * this run was not a pseudo filesystem (it was entered) */
	if (ls == NULL)
		type = fs_type(fd);	/* one fstatfs for both questions */
	else if (ls->memo)
		type = ls->fstype;
	if ((ls == NULL && is_pseudo_fs(type)) || is_target_pseudo(w, &dst)) {
		w->stats.pruned++;
		goto out;
	}
	/* filesystem boundaries, per visitor */
	{
		size_t k = 0;
		int net = ls != NULL && !ls->memo ? 0 : -1;

		for (i = 0; i < nchild; i++) {
			const struct visitor *v = child[i].v;

			if ((v->flags & SC_WALK_SAME_DEV) && dst.st_dev != v->dev)
				continue;
			if (v->flags & SC_WALK_LOCAL_ONLY) {
				if (net < 0)
					net = is_network_fs(type);
				if (net)
					continue;
			}
			child[k++] = child[i];
		}
		nchild = k;
	}
	if (nchild == 0 && !search)
		goto out;
	if (depth + 1 > SC_WALK_MAX_DEPTH) {
		for (i = 0; i < nchild; i++)
			deliver(w, &child[i], SC_WALK_ERROR, wp->data, name, NULL,
			    depth, parentfd, "directory nesting over the walk's depth limit");
		goto out;
	}
	w->anc[w->n_anc].dev = dst.st_dev;
	w->anc[w->n_anc].ino = dst.st_ino;
	w->n_anc++;
	/* a replayed listing has no descriptor, as another container's */
	w->links += is_link;
	walk_dir(w, ls != NULL ? -1 : fd, ls, wp, depth, child, nchild, sh,
	    &dst, type);
	w->links -= is_link;
	w->n_anc--;
out:
	if (fd >= 0)
		close(fd);
	free(child);
}

/*
 * One entry (name, lstat st) of the directory whose walk path is wp[0,
 * base): deliver it to the active visitors (got: scratch) and go below.
 * image: the entry is in an image-only directory (sh == SH_YES).
 */
static void
walk_entry(struct sc_walk *w, int dirfd, struct sc_buf *wp, size_t base,
    const char *name, struct stat *st, int depth, struct active *act,
    size_t nact, struct active *got, int sh)
{
	size_t ngot = 0, j;

	wp->len = base;
	wp->data[base] = '\0';
	if (!(base == 1 && wp->data[0] == '/'))
		sc_buf_addc(wp, '/');
	sc_buf_adds(wp, name);
	if (in_set(w->mounts, w->n_mounts, st)) {
		w->stats.mounts++;	/* a volume or bind (mounts.h) */
		return;
	}
	sc_target_map_ids(w->t, st);	/* owners as the target sees them */
	sc_target_note_meta(w->t, wp->data, st);
	w->hint = sh == SH_YES;
	for (j = 0; j < nact; j++) {
		if (depth + 1 - act[j].base_depth > act[j].v->max_depth)
			continue;
		if (deliver(w, &act[j], SC_WALK_ENTRY, wp->data, name, st,
		    depth + 1, dirfd, NULL) == SC_WALK_PRUNE)
			continue;
		got[ngot++] = act[j];
	}
	if (S_ISDIR(st->st_mode))
		ngot = activate_here(w, got, ngot, wp->data, name, st, depth + 1,
		    dirfd);
	w->hint = 0;
	if (S_ISDIR(st->st_mode) || S_ISLNK(st->st_mode))
		descend(w, dirfd, name, wp, st, depth + 1, got, ngot, sh);
}

/*
 * Walk the entries of a directory whose walk path is wp: from the shared
 * listing ls when given (dirfd may then be -1), else read from dirfd.
 */
static void
walk_dir(struct sc_walk *w, int dirfd, const struct listing *ls,
    struct sc_buf *wp, int depth, struct active *act, size_t nact, int sh,
    const struct stat *dst, unsigned long fstype)
{
	struct active *got = NULL;
	struct listing *memo = NULL;
	char **names = NULL;
	size_t n = 0, i, j, base = wp->len;

	if (ls == NULL)
		w->stats.dir_reads++;
	if (ls == NULL && read_names(w, dirfd, &names, &n) < 0) {
		char msg[256];

		w->stats.errors++;
		snprintf(msg, sizeof(msg), "cannot read directory: %s",
		    strerror(errno));
		for (j = 0; j < nact; j++)
			deliver(w, &act[j], SC_WALK_ERROR, wp->data, "", NULL,
			    depth, dirfd, msg);
		return;
	}
	if (ls == NULL && sh == SH_YES)
		ls = listing_make(w, dirfd, wp->data, &names, &n);
	if (names == NULL)
		n = 0;		/* the listing's now (or there were none) */
	/* below a followed link: kept for its own path, within the budget */
	if (ls == NULL && !w->share && dst != NULL && w->links > 0 &&
	    w->memo_entries + n <= SC_WALK_MEMO_MAX_ENTRIES) {
		memo = sc_xcalloc(1, sizeof(*memo));
		memo->memo = 1;
		memo->fstype = fstype;
		memo->names = sc_xcalloc(n + 1, sizeof(*memo->names));
		memo->st = sc_xcalloc(n + 1, sizeof(*memo->st));
	}
	got = sc_xcalloc(nact + w->n + 1, sizeof(*got));
	for (i = 0; i < (ls ? ls->n : n) && !w->too_big; i++) {
		const char *name = ls ? ls->names[i] : names[i];
		struct stat st;

		if (++w->stats.entries > SC_WALK_MAX_ENTRIES) {
			w->too_big = 1;
			break;
		}
		if (ls != NULL) {
			st = ls->st[i];
			if (!ls->memo && st.st_dev == ls->dev)
				st.st_dev = w->ovl_dev;	/* this container's */
		} else if (fstatat(dirfd, names[i], &st, AT_SYMLINK_NOFOLLOW) < 0) {
			continue;	/* vanished */
		} else if (memo != NULL) {
			/* as read: before walk_entry maps the owners */
			memo->st[memo->n] = st;
			memo->names[memo->n++] = names[i];
			names[i] = NULL;
		}
		walk_entry(w, dirfd, wp, base, name, &st, depth, act, nact, got,
		    sh);
	}
	/* the budget again: directories below this one were kept meanwhile */
	if (memo != NULL && i == n && !w->too_big &&
	    w->memo_entries + memo->n <= SC_WALK_MEMO_MAX_ENTRIES) {
		char key[64];

		memo_key(key, sizeof(key), dst);
		w->memo_entries += memo->n;
		listing_free(sc_map_put(&w->memo, key, memo));
	} else {
		listing_free(memo);	/* cut short: not kept */
	}
	wp->len = base;
	wp->data[base] = '\0';
	names_free(names, n);
	free(got);
}

static void
load_pseudo(struct sc_walk *w)
{
	static const char *paths[] = { "/proc", "/sys", "/dev" };
	const struct sc_mounts *ms;
	size_t i;

	w->n_pseudo = 0;
	for (i = 0; i < 3; i++) {
		struct stat st;

		if (sc_target_lstat(w->t, paths[i], &st, NULL) == 0 &&
		    S_ISDIR(st.st_mode)) {
			w->pseudo[w->n_pseudo].dev = st.st_dev;
			w->pseudo[w->n_pseudo].ino = st.st_ino;
			w->n_pseudo++;
		}
	}
	/* a running container's volumes and binds, unless --include-mounts */
	w->n_mounts = 0;
	ms = sc_mounts_get(w->t);
	for (i = 0; ms != NULL && i < ms->n; i++) {
		struct stat st;

		if (!ms->m[i].skip ||
		    sc_target_lstat(w->t, ms->m[i].point, &st, NULL) < 0)
			continue;
		SC_GROW(w->mounts, w->cap_mounts, w->n_mounts + 1);
		w->mounts[w->n_mounts].dev = st.st_dev;
		w->mounts[w->n_mounts].ino = st.st_ino;
		w->n_mounts++;
	}
}

int
sc_walk_run(struct sc_walk *w, struct sc_target *t, struct sc_err *err)
{
	struct sc_buf wp = SC_BUF_INIT;
	struct active *act = NULL;
	size_t i;

	memset(&w->stats, 0, sizeof(w->stats));
	memo_clear(w);
	w->t = t;
	w->too_big = 0;
	w->n_anc = 0;
	w->links = 0;
	w->hint = 0;
	w->share = sc_filecache_layer_dev(t, &w->ovl_dev);
	load_pseudo(w);
	if (w->n > 1)
		qsort(w->v, w->n, sizeof(*w->v), cmp_visitors);

	for (i = 0; i < w->n; i++) {
		struct visitor *v = &w->v[i];
		struct sc_err e2 = SC_ERR_INIT;
		struct stat st;
		int r;

		v->served = 0;
		r = sc_target_stat(t, v->root, &st, &e2);
		if (r < 0) {
			struct active a = { v, 0, 0, 1 };

			v->resolved = -1;
			v->served = 1;
			deliver(w, &a, r == SC_ERR_NOTFOUND ? SC_WALK_ROOT_MISSING :
			    SC_WALK_ERROR, v->root, v->root, NULL, 0, -1, e2.msg);
			continue;
		}
		v->resolved = 1;
		v->dev = st.st_dev;
		v->ino = st.st_ino;
		if (!S_ISDIR(st.st_mode)) {
			struct active a = { v, 0, 0, 1 };

			v->served = 1;
			if (!(v->flags & SC_WALK_NO_ROOT))
				deliver(w, &a, SC_WALK_ENTRY, v->root, v->root, &st,
				    0, -1, NULL);
		}
	}

	act = sc_xcalloc(w->n + 1, sizeof(*act));
	for (i = 0; i < w->n && !w->too_big; i++) {
		struct visitor *v = &w->v[i];
		struct stat st;
		unsigned long type;
		size_t nact;
		int fd;

		if (v->served)
			continue;
		if (sc_target_open(t, v->root, SC_OPEN_DIR, &fd, NULL) < 0 ||
		    fstat(fd, &st) < 0) {
			struct active a = { v, 0, 0, 1 };

			if (fd >= 0)
				close(fd);
			v->served = 1;
			w->stats.errors++;
			deliver(w, &a, SC_WALK_ERROR, v->root, v->root, NULL, 0, -1,
			    "cannot open directory");
			continue;
		}
		sc_target_map_ids(t, &st);
		w->stats.walks++;
		sc_buf_reset(&wp);
		sc_buf_adds(&wp, v->root);
		nact = activate_here(w, act, 0, wp.data, v->root, &st, 0, -1);
		type = fs_type(fd);
		if (nact > 0 && !is_pseudo_fs(type)) {
			w->anc[0].dev = st.st_dev;
			w->anc[0].ino = st.st_ino;
			w->n_anc = 1;
			/* directories of the image are shared from a
			 * canonical path down: the walk of "/" */
			walk_dir(w, fd, NULL, &wp, 0, act, nact, w->share &&
			    strcmp(v->root, "/") == 0 ? SH_MAYBE : SH_NO, &st,
			    type);
			w->n_anc = 0;
		}
		close(fd);
	}
	free(act);
	memo_clear(w);
	sc_buf_free(&wp);
	w->t = NULL;
	if (w->too_big)
		return sc_err_set(err, SC_ERR_TOOBIG,
		    "the target has more than %lu entries; walk stopped",
		    SC_WALK_MAX_ENTRIES);
	return SC_OK;
}
