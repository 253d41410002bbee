/*
 * extract.c - applying tar streams into a private directory (extract.h).
 *
 * Every operation is relative to a directory fd reached from the root one
 * component at a time with O_NOFOLLOW|O_DIRECTORY; the last directory
 * reached is cached, since tar streams list a directory's entries
 * together, and forgotten whenever a directory is removed.
 */
#include "target/extract.h"

#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "target/inodes.h"
#include "util/fsutil.h"
#include "util/map.h"
#include "util/mem.h"

#define WH_PREFIX ".wh."
#define WH_OPAQUE ".wh..wh..opq"
#define WH_META ".wh..wh."
#define CAP_XATTR "security.capability"

struct sc_extract {
	int root_fd;
	unsigned flags;
	struct sc_extract_limits lim;
	unsigned long long total;
	unsigned long entries;

	/* per stream */
	const char *what;
	struct sc_map created;		/* paths this stream created */
	struct sc_inodes *inodes;	/* borrowed; NULL: staging mode */

	char *cache_path;		/* parent directory last opened */
	int cache_fd;
};

struct sc_extract *
sc_extract_new(int dir_fd, unsigned flags,
    const struct sc_extract_limits *limits)
{
	struct sc_extract *x = sc_xcalloc(1, sizeof(*x));

	x->root_fd = dir_fd;
	x->flags = flags;
	x->cache_fd = -1;
	x->lim.max_file = SC_EXTRACT_MAX_FILE;
	x->lim.max_total = SC_EXTRACT_MAX_TOTAL;
	x->lim.max_entries = SC_EXTRACT_MAX_ENTRIES;
	if (limits != NULL) {
		if (limits->max_file)
			x->lim.max_file = limits->max_file;
		if (limits->max_total)
			x->lim.max_total = limits->max_total;
		if (limits->max_entries)
			x->lim.max_entries = limits->max_entries;
	}
	return x;
}

static void
cache_drop(struct sc_extract *x)
{
	if (x->cache_fd >= 0)
		close(x->cache_fd);
	x->cache_fd = -1;
	SC_FREE(x->cache_path);
}

static void
stream_reset(struct sc_extract *x)
{
	sc_map_free(&x->created);
	cache_drop(x);
}

void
sc_extract_set_inodes(struct sc_extract *x, struct sc_inodes *tab)
{
	x->inodes = tab;
}

void
sc_extract_free(struct sc_extract *x)
{
	if (x == NULL)
		return;
	stream_reset(x);
	free(x);
}

unsigned long long
sc_extract_total(const struct sc_extract *x)
{
	return x->total;
}

static int record_implied(struct sc_extract *x, int fd);

/* ---- names ---------------------------------------------------------------- */

/* A name fit for a one-line message: printable ASCII, capped. */
static const char *
disp(const char *s, char *buf, size_t size)
{
	size_t i = 0;

	if (s == NULL)
		s = "(unnamed)";
	for (; *s && i + 4 < size; s++)
		buf[i++] = (*s >= 0x20 && *s < 0x7f) ? *s : '?';
	if (*s)
		buf[i++] = '.', buf[i++] = '.', buf[i++] = '.';
	buf[i] = '\0';
	return buf;
}

/*
 * Normalise an entry name into out ("a/b"; "" for the root).  Returns -1
 * on a ".." component, -2 when too deep.
 */
static int
normalize(const char *in, struct sc_buf *out)
{
	const char *p = in, *e;
	int depth = 0;

	sc_buf_reset(out);
	while (*p) {
		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		e = strchr(p, '/');
		if (e == NULL)
			e = p + strlen(p);
		if (e - p == 1 && p[0] == '.') {
			p = e;
			continue;
		}
		if (e - p == 2 && p[0] == '.' && p[1] == '.')
			return -1;
		if (++depth > SC_EXTRACT_MAX_DEPTH)
			return -2;
		if (out->len)
			sc_buf_addc(out, '/');
		sc_buf_add(out, p, (size_t)(e - p));
		p = e;
	}
	return 0;
}

int
sc_extract_normalize(const char *in, struct sc_buf *out)
{
	return normalize(in, out);
}

/* ---- reaching directories without following links ------------------------- */

/*
 * Open the parent directory of REL (normalised, not "") and set *name to
 * its last component.  Missing directories are created (mode 0755) when
 * CREATE is set, else SC_ERR_NOTFOUND.  The fd belongs to the cache unless
 * OWN is set (then the caller closes it).
 */
static int
open_parent(struct sc_extract *x, const char *rel, int create, int own,
    int *dfd, const char **name, const char *entry, struct sc_err *err)
{
	const char *slash = strrchr(rel, '/');
	char *parent, *walk = NULL, *p, *comp, db[256], cb[256];
	int fd, nfd;

	*name = slash ? slash + 1 : rel;
	parent = sc_xstrndup(rel, slash ? (size_t)(slash - rel) : 0);
	if (!own && x->cache_path != NULL && strcmp(parent, x->cache_path) == 0) {
		free(parent);
		*dfd = x->cache_fd;
		return SC_OK;
	}
	fd = openat(x->root_fd, ".", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		goto ioerr;
	/* walk a copy: parent itself becomes the cache key */
	free(walk);
	walk = sc_xstrdup(parent);
	for (p = walk; *p; ) {
		struct stat st;

		comp = p;
		p = strchr(p, '/');
		if (p != NULL)
			*p++ = '\0';
		else
			p = comp + strlen(comp);
		nfd = openat(fd, comp, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (nfd < 0 && errno == ENOENT && create) {
			/* an implied directory: 0755 whatever the umask, as
			 * runtimes create them */
			if (mkdirat(fd, comp, 0700) < 0 && errno != EEXIST)
				goto ioerr;
			if (fchmodat(fd, comp, 0755, 0) < 0)
				goto ioerr;
			nfd = openat(fd, comp, O_PATH | O_DIRECTORY | O_NOFOLLOW |
			    O_CLOEXEC);
			if (nfd >= 0 && x->inodes != NULL &&
			    record_implied(x, nfd) < 0) {
				close(nfd);
				goto ioerr;
			}
		}
		if (nfd < 0) {
			int e = errno, r;
			/* name the link by its path, not just its name */
			char *upto = sc_xstrndup(rel, (size_t)(comp - walk) +
			    strlen(comp));

			if (e == ENOENT)
				r = sc_err_set(err, SC_ERR_NOTFOUND,
				    "%s: '%s' does not exist", x->what,
				    disp(entry, db, sizeof(db)));
			else if (fstatat(fd, comp, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
			    S_ISLNK(st.st_mode))
				r = sc_err_set(err, SC_ERR_ESCAPE,
				    "%s: entry '%s' goes through the symbolic link "
				    "'%s'; refused", x->what,
				    disp(entry, db, sizeof(db)),
				    disp(upto, cb, sizeof(cb)));
			else if (e == ENOTDIR)
				r = sc_err_set(err, SC_ERR_NOTREG,
				    "%s: entry '%s': '%s' is not a directory",
				    x->what, disp(entry, db, sizeof(db)),
				    disp(upto, cb, sizeof(cb)));
			else {
				free(upto);
				errno = e;
				goto ioerr;
			}
			free(upto);
			close(fd);
			free(parent);
			free(walk);
			return r;
		}
		close(fd);
		fd = nfd;
	}
	free(walk);
	if (own) {
		free(parent);
	} else {
		cache_drop(x);
		x->cache_path = parent;
		x->cache_fd = fd;
	}
	*dfd = fd;
	return SC_OK;
ioerr:
	{
		int e = errno;

		if (fd >= 0)
			close(fd);
		free(parent);
		free(walk);
		return sc_err_set(err, sc_err_from_errno(e), "%s: entry '%s': %s",
		    x->what, disp(entry, db, sizeof(db)), strerror(e));
	}
}

/* Remove DFD/NAME whatever it is; forget the cache if it was a directory. */
static int
remove_at(struct sc_extract *x, int dfd, const char *name)
{
	struct stat st;

	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlinkat(dfd, name, 0) < 0 && errno != ENOENT ? -1 : 0;
	/*
	 * A directory in the cached one leaves the cache valid; anywhere
	 * else it may be the cached directory or one of its ancestors.
	 */
	if (dfd != x->cache_fd)
		cache_drop(x);
	return sc_rmtree_at(dfd, name) < 0 && errno != ENOENT ? -1 : 0;
}

/* ---- metadata ------------------------------------------------------------- */

/*
 * In table mode, what the header says is recorded against the inode of
 * the object just created (FD, or DFD/NAME without following it); on
 * disk, files stay the scanning user's, 0600 (directories 0700).  In
 * staging mode, files keep their permission bits, readable by the user.
 */
static int
record(struct sc_extract *x, struct archive_entry *e, mode_t type, int fd,
    int dfd, const char *name, const char *path, struct sc_err *err)
{
	struct sc_inode_meta m;
	struct stat st;
	la_int64_t uid = archive_entry_uid(e), gid = archive_entry_gid(e);
	const char *xn;
	const void *xv;
	size_t xs;
	char db[256];

	if (uid < 0 || uid >= 0xffffffffLL || gid < 0 || gid >= 0xffffffffLL)
		return sc_err_set(err, SC_ERR_PARSE,
		    "%s: entry '%s' has an invalid owner %lld:%lld",
		    x->what, disp(path, db, sizeof(db)), (long long)uid,
		    (long long)gid);
	if ((fd >= 0 ? fstat(fd, &st) : fstatat(dfd, name, &st,
	    AT_SYMLINK_NOFOLLOW)) < 0)
		return sc_err_set(err, sc_err_from_errno(errno), "%s: '%s': %s",
		    x->what, disp(path, db, sizeof(db)), strerror(errno));
	memset(&m, 0, sizeof(m));
	m.mode = type | (type == AE_IFLNK ? 0777 :
	    (archive_entry_perm(e) & 07777));
	m.uid = (unsigned long)uid;
	m.gid = (unsigned long)gid;
	m.rdev_major = (unsigned long)archive_entry_rdevmajor(e);
	m.rdev_minor = (unsigned long)archive_entry_rdevminor(e);
	m.mtime.tv_sec = archive_entry_mtime(e);
	m.mtime.tv_nsec = archive_entry_mtime_is_set(e) ?
	    archive_entry_mtime_nsec(e) : UTIME_OMIT;
	if (archive_entry_xattr_reset(e) > 0)
		while (archive_entry_xattr_next(e, &xn, &xv, &xs) == ARCHIVE_OK)
			if (xn != NULL && strcmp(xn, CAP_XATTR) == 0 && xs > 0)
				m.caps = 1;
	sc_inodes_set(x->inodes, st.st_dev, st.st_ino, &m);
	return SC_OK;
}

/* A directory this module created for an entry below it: 0755 root. */
static int
record_implied(struct sc_extract *x, int fd)
{
	struct sc_inode_meta m;
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -1;
	memset(&m, 0, sizeof(m));
	m.mode = S_IFDIR | 0755;
	m.mtime.tv_nsec = UTIME_OMIT;
	sc_inodes_set(x->inodes, st.st_dev, st.st_ino, &m);
	return 0;
}

static int
set_meta(struct sc_extract *x, struct archive_entry *e, int fd, int dfd,
    const char *name, const char *path, struct sc_err *err)
{
	mode_t type = archive_entry_filetype(e), mode;
	char db[256];
	int r;

	if (x->inodes != NULL) {
		if ((r = record(x, e, type, fd, dfd, name, path, err)) < 0)
			return r;
		mode = type == AE_IFDIR ? 0700 : 0600;
	} else {
		mode = (archive_entry_perm(e) & 0777) | (type == AE_IFDIR ?
		    0700 : 0600);
	}
	if (type == AE_IFLNK)
		return SC_OK;
	r = fd >= 0 ? fchmod(fd, mode) : fchmodat(dfd, name, mode, 0);
	if (r < 0)
		return sc_err_set(err, sc_err_from_errno(errno),
		    "%s: cannot set the mode of '%s': %s", x->what,
		    disp(path, db, sizeof(db)), strerror(errno));
	return SC_OK;
}

/* ---- entry kinds ---------------------------------------------------------- */

static int
write_data(struct sc_extract *x, struct archive *a, int fd,
    unsigned long long declared, const char *path, struct sc_err *err)
{
	unsigned long long end = 0;
	char db[256];

	for (;;) {
		const void *buf;
		size_t size;
		la_int64_t off;
		int r = archive_read_data_block(a, &buf, &size, &off);

		if (r == ARCHIVE_EOF)
			break;
		if (r != ARCHIVE_OK && r != ARCHIVE_WARN)
			return sc_err_set(err, SC_ERR_PARSE, "%s: cannot read "
			    "'%s': %s", x->what, disp(path, db, sizeof(db)),
			    archive_error_string(a));
		if (off < 0 || (unsigned long long)off + size > declared)
			return sc_err_set(err, SC_ERR_PARSE, "%s: '%s' holds more "
			    "data than its declared %llu bytes", x->what,
			    disp(path, db, sizeof(db)), declared);
		while (size > 0) {
			ssize_t w = pwrite(fd, buf, size, (off_t)off);

			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0)
				return sc_err_set(err, sc_err_from_errno(errno),
				    "%s: cannot write '%s': %s", x->what,
				    disp(path, db, sizeof(db)), strerror(errno));
			buf = (const char *)buf + w;
			size -= (size_t)w;
			off += w;
		}
		if ((unsigned long long)off > end)
			end = (unsigned long long)off;
	}
	if (end < declared && ftruncate(fd, (off_t)declared) < 0)
		return sc_err_set(err, sc_err_from_errno(errno),
		    "%s: cannot write '%s': %s", x->what,
		    disp(path, db, sizeof(db)), strerror(errno));
	return SC_OK;
}

static int
make_file(struct sc_extract *x, struct archive *a, struct archive_entry *e,
    int dfd, const char *name, const char *path, struct sc_err *err)
{
	unsigned long long size;
	char db[256];
	int fd, r;

	if (!archive_entry_size_is_set(e) || archive_entry_size(e) < 0)
		return sc_err_set(err, SC_ERR_PARSE, "%s: entry '%s' has no "
		    "valid size", x->what, disp(path, db, sizeof(db)));
	size = (unsigned long long)archive_entry_size(e);
	if (size > x->lim.max_file)
		return sc_err_set(err, SC_ERR_TOOBIG, "%s: entry '%s' declares "
		    "%llu bytes, over the %llu-byte limit for one file; refused",
		    x->what, disp(path, db, sizeof(db)), size, x->lim.max_file);
	if (x->total + size > x->lim.max_total)
		return sc_err_set(err, SC_ERR_TOOBIG, "%s: entry '%s' takes the "
		    "image over %llu bytes; refused", x->what,
		    disp(path, db, sizeof(db)), x->lim.max_total);
	x->total += size;
	fd = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600);
	if (fd < 0)
		return sc_err_set(err, sc_err_from_errno(errno),
		    "%s: cannot create '%s': %s", x->what,
		    disp(path, db, sizeof(db)), strerror(errno));
	if ((r = write_data(x, a, fd, size, path, err)) == SC_OK)
		r = set_meta(x, e, fd, dfd, name, path, err);
	close(fd);
	return r;
}

static int
make_dir(struct sc_extract *x, struct archive_entry *e, int dfd,
    const char *name, const char *path, struct sc_err *err)
{
	struct stat st;
	char db[256];
	int fd, r;

	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    !S_ISDIR(st.st_mode) && remove_at(x, dfd, name) < 0)
		goto ioerr;
	if (mkdirat(dfd, name, 0700) < 0 && errno != EEXIST)
		goto ioerr;
	fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		goto ioerr;
	r = set_meta(x, e, fd, dfd, name, path, err);
	close(fd);
	return r;
ioerr:
	return sc_err_set(err, sc_err_from_errno(errno), "%s: cannot create "
	    "directory '%s': %s", x->what, disp(path, db, sizeof(db)),
	    strerror(errno));
}

/*
 * Symbolic links are created as links.  A device node, FIFO or socket is
 * never created: in table mode an empty regular file stands in for it and
 * the table gives its type; in staging mode it is refused earlier.
 */
static int
make_other(struct sc_extract *x, struct archive_entry *e, int dfd,
    const char *name, const char *path, struct sc_err *err)
{
	mode_t type = archive_entry_filetype(e);
	char db[256];
	int r, fd = -1;

	if (type == AE_IFLNK) {
		const char *to = archive_entry_symlink(e);

		if (to == NULL || *to == '\0')
			return sc_err_set(err, SC_ERR_PARSE, "%s: symbolic link "
			    "'%s' has no target", x->what,
			    disp(path, db, sizeof(db)));
		/* the text is stored as is; the target module resolves it
		 * inside the root, and this module never follows it */
		r = symlinkat(to, dfd, name);
	} else {
		fd = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0600);
		r = fd < 0 ? -1 : 0;
	}
	if (r < 0)
		return sc_err_set(err, sc_err_from_errno(errno), "%s: cannot "
		    "create '%s': %s", x->what, disp(path, db, sizeof(db)),
		    strerror(errno));
	r = set_meta(x, e, fd, dfd, name, path, err);
	if (fd >= 0)
		close(fd);
	return r;
}

static int
make_hardlink(struct sc_extract *x, const char *link, int dfd,
    const char *name, const char *path, struct sc_err *err)
{
	struct sc_buf target = SC_BUF_INIT;
	const char *tname;
	struct stat st, cur;
	char db[256], tb[256];
	int tdfd = -1, r;

	if (normalize(link, &target) < 0 || target.len == 0) {
		r = sc_err_set(err, SC_ERR_ESCAPE, "%s: hard link '%s' -> '%s' "
		    "points outside the image root; refused", x->what,
		    disp(path, db, sizeof(db)), disp(link, tb, sizeof(tb)));
		goto out;
	}
	if ((r = open_parent(x, target.data, 0, 1, &tdfd, &tname, path,
	    err)) < 0) {
		if (r == SC_ERR_NOTFOUND)
			r = sc_err_set(err, r, "%s: hard link '%s' -> '%s': the "
			    "target does not exist", x->what,
			    disp(path, db, sizeof(db)), disp(link, tb, sizeof(tb)));
		goto out;
	}
	if (fstatat(tdfd, tname, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		if (errno != ENOENT)
			goto ioerr;
		r = sc_err_set(err, SC_ERR_NOTFOUND, "%s: hard link '%s' -> '%s':"
		    " the target does not exist", x->what,
		    disp(path, db, sizeof(db)), disp(link, tb, sizeof(tb)));
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		r = sc_err_set(err, SC_ERR_NOTFOUND, "%s: hard link '%s' -> '%s':"
		    " the target is a directory", x->what,
		    disp(path, db, sizeof(db)), disp(link, tb, sizeof(tb)));
		goto out;
	}
	if (fstatat(dfd, name, &cur, AT_SYMLINK_NOFOLLOW) == 0) {
		if (cur.st_dev == st.st_dev && cur.st_ino == st.st_ino)
			goto out;	/* already that file */
		if (remove_at(x, dfd, name) < 0)
			goto ioerr;
	}
	if (linkat(tdfd, tname, dfd, name, 0) < 0)
		goto ioerr;
	goto out;
ioerr:
	r = sc_err_set(err, sc_err_from_errno(errno), "%s: cannot link '%s' to "
	    "'%s': %s", x->what, disp(path, db, sizeof(db)),
	    disp(link, tb, sizeof(tb)), strerror(errno));
out:
	if (tdfd >= 0)
		close(tdfd);
	sc_buf_free(&target);
	return r;
}

/* ---- whiteouts ------------------------------------------------------------ */

static int
was_created(const struct sc_extract *x, const char *dir, const char *name)
{
	char *p = *dir ? sc_xasprintf("%s/%s", dir, name) : sc_xstrdup(name);
	int r = sc_map_get(&x->created, p) != NULL;

	free(p);
	return r;
}

/*
 * Remember that this stream created PATH, and so holds its ancestors:
 * an opaque marker must not remove them.
 */
static void
mark_created(struct sc_extract *x, const char *path)
{
	char *p = sc_xstrdup(path), *slash;

	for (;;) {
		if (!sc_map_add(&x->created, p, (void *)1))
			break;		/* and so its ancestors are there */
		slash = strrchr(p, '/');
		if (slash == NULL)
			break;
		*slash = '\0';
	}
	free(p);
}

/* .wh..wh..opq in DIR: remove what lower layers put there. */
static int
opaque(struct sc_extract *x, int dfd, const char *dirpath, const char *path,
    struct sc_err *err)
{
	struct sc_strv names = SC_STRV_INIT;
	struct dirent *de;
	char db[256];
	DIR *d;
	int fd, r = SC_OK;
	size_t i;

	fd = openat(dfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || (d = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		return sc_err_set(err, sc_err_from_errno(errno), "%s: '%s': %s",
		    x->what, disp(path, db, sizeof(db)), strerror(errno));
	}
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0 &&
		    !was_created(x, dirpath, de->d_name))
			sc_strv_push(&names, de->d_name);
	closedir(d);
	for (i = 0; i < names.n && r == SC_OK; i++)
		if (remove_at(x, dfd, names.v[i]) < 0)
			r = sc_err_set(err, sc_err_from_errno(errno), "%s: cannot "
			    "apply '%s': %s", x->what, disp(path, db, sizeof(db)),
			    strerror(errno));
	sc_strv_free(&names);
	return r;
}

static int
whiteout(struct sc_extract *x, const char *path, const char *name,
    struct sc_err *err)
{
	char *dirpath = sc_xstrndup(path, (size_t)(name - path) -
	    (name > path ? 1 : 0));
	const char *leaf;
	char db[256];
	int dfd = -1, r, own = 0;

	if (*dirpath == '\0') {
		dfd = openat(x->root_fd, ".", O_PATH | O_DIRECTORY | O_CLOEXEC);
		own = 1;
		r = dfd < 0 ? sc_err_set(err, sc_err_from_errno(errno),
		    "%s: %s", x->what, strerror(errno)) : SC_OK;
	} else {
		/* the directory holding the whiteout: open it as a "parent"
		 * of a dummy last component */
		char *probe = sc_xasprintf("%s/x", dirpath);

		r = open_parent(x, probe, 0, 0, &dfd, &leaf, path, err);
		free(probe);
		if (r == SC_ERR_NOTFOUND) {
			r = SC_OK;	/* nothing below to hide */
			dfd = -1;
		}
	}
	if (r < 0 || dfd < 0)
		goto out;
	if (strcmp(name, WH_OPAQUE) == 0) {
		r = opaque(x, dfd, dirpath, path, err);
	} else if (strncmp(name, WH_META, strlen(WH_META)) == 0) {
		r = SC_OK;	/* reserved (aufs metadata): ignored */
	} else {
		const char *hidden = name + strlen(WH_PREFIX);

		if (*hidden == '\0' || strcmp(hidden, ".") == 0 ||
		    strcmp(hidden, "..") == 0)
			r = sc_err_set(err, SC_ERR_PARSE, "%s: invalid whiteout "
			    "'%s'", x->what, disp(path, db, sizeof(db)));
		else if (!was_created(x, dirpath, hidden) &&
		    remove_at(x, dfd, hidden) < 0)
			r = sc_err_set(err, sc_err_from_errno(errno), "%s: cannot "
			    "apply whiteout '%s': %s", x->what,
			    disp(path, db, sizeof(db)), strerror(errno));
	}
out:
	if (own && dfd >= 0)
		close(dfd);
	free(dirpath);
	return r;
}

/* ---- one entry ------------------------------------------------------------ */

static const char *
type_name(mode_t t)
{
	switch (t) {
	case AE_IFCHR:
		return "a character device";
	case AE_IFBLK:
		return "a block device";
	case AE_IFSOCK:
		return "a socket";
	case AE_IFIFO:
		return "a FIFO";
	default:
		return "of an unknown type";
	}
}

static int
apply_entry(struct sc_extract *x, struct archive *a, struct archive_entry *e,
    struct sc_buf *path, struct sc_err *err)
{
	const char *raw = archive_entry_pathname(e), *hl, *name;
	mode_t type = archive_entry_filetype(e);
	char db[256];
	int dfd, r, n;
	struct stat st;

	if (raw == NULL)
		return sc_err_set(err, SC_ERR_PARSE, "%s: an entry has a name "
		    "that cannot be decoded", x->what);
	if (++x->entries > x->lim.max_entries)
		return sc_err_set(err, SC_ERR_TOOBIG, "%s: more than %lu entries;"
		    " refused", x->what, x->lim.max_entries);
	if ((n = normalize(raw, path)) < 0)
		return sc_err_set(err, SC_ERR_ESCAPE, n == -1 ?
		    "%s: entry '%s' leaves the image root; refused" :
		    "%s: entry '%s' is nested too deep; refused", x->what,
		    disp(raw, db, sizeof(db)));
	hl = archive_entry_hardlink(e);
	if (hl == NULL && type != AE_IFREG && type != AE_IFDIR &&
	    type != AE_IFLNK && (x->inodes == NULL || (type != AE_IFCHR &&
	    type != AE_IFBLK && type != AE_IFIFO && type != AE_IFSOCK)))
		return sc_err_set(err, SC_ERR_UNSUPPORTED, "%s: entry '%s' is %s;"
		    " refused here", x->what, disp(raw, db, sizeof(db)),
		    type_name(type));

	if (path->len == 0) {	/* the root directory itself */
		int fd;

		if (type != AE_IFDIR || hl != NULL)
			return sc_err_set(err, SC_ERR_PARSE, "%s: entry '%s' "
			    "would replace the root directory; refused", x->what,
			    disp(raw, db, sizeof(db)));
		fd = openat(x->root_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd < 0)
			return sc_err_set(err, sc_err_from_errno(errno), "%s: %s",
			    x->what, strerror(errno));
		r = set_meta(x, e, fd, -1, NULL, "/", err);
		close(fd);
		return r;
	}

	name = strrchr(path->data, '/');
	name = name ? name + 1 : path->data;
	if ((x->flags & SC_EXTRACT_WHITEOUTS) &&
	    strncmp(name, WH_PREFIX, strlen(WH_PREFIX)) == 0)
		return whiteout(x, path->data, name, err);

	if ((r = open_parent(x, path->data, 1, 0, &dfd, &name, raw, err)) < 0)
		return r;
	if (x->flags & SC_EXTRACT_WHITEOUTS)
		mark_created(x, path->data);
	if (hl != NULL)
		return make_hardlink(x, hl, dfd, name, path->data, err);
	if (type == AE_IFDIR)
		return make_dir(x, e, dfd, name, path->data, err);
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    remove_at(x, dfd, name) < 0)
		return sc_err_set(err, sc_err_from_errno(errno), "%s: cannot "
		    "replace '%s': %s", x->what, disp(path->data, db, sizeof(db)),
		    strerror(errno));
	if (type == AE_IFREG)
		return make_file(x, a, e, dfd, name, path->data, err);
	return make_other(x, e, dfd, name, path->data, err);
}

int
sc_extract_apply(struct sc_extract *x, struct archive *a, const char *what,
    struct sc_err *err)
{
	struct archive_entry *e;
	struct sc_buf path = SC_BUF_INIT;
	int r = SC_OK, ar;

	stream_reset(x);
	x->what = what;
	while ((ar = archive_read_next_header(a, &e)) != ARCHIVE_EOF) {
		if (ar != ARCHIVE_OK && ar != ARCHIVE_WARN) {
			r = sc_err_set(err, SC_ERR_PARSE, "%s: %s", what,
			    archive_error_string(a));
			break;
		}
		if ((r = apply_entry(x, a, e, &path, err)) < 0)
			break;
	}
	stream_reset(x);
	sc_buf_free(&path);
	return r;
}
