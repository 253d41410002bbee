/*
 * fsutil.c - atomic output files and private temporary directories
 * (fsutil.h).
 */
#include "util/fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "util/mem.h"

/* the temporary file being written, for the signal handler */
static char tmp_path[4096];
static volatile sig_atomic_t tmp_active;

/*
 * Staged writes (sc_stage_begin): finished temporary files waiting for
 * sc_stage_commit, each with its destination.  Fixed arrays, so the
 * signal handler can unlink them.
 */
static struct {
	char tmp[4096];
	char dest[4096];
	volatile sig_atomic_t active;
} staged[SC_STAGE_MAX];
static volatile sig_atomic_t staging;

void
sc_atomic_cleanup(void)
{
	int i;

	if (tmp_active)
		unlink(tmp_path);
	tmp_active = 0;
	for (i = 0; i < SC_STAGE_MAX; i++) {
		if (staged[i].active)
			unlink(staged[i].tmp);
		staged[i].active = 0;
	}
}

static int stage_depth;

void
sc_stage_begin(void)
{
	if (stage_depth++ == 0) {
		sc_stage_abort();
		staging = 1;
		stage_depth = 1;
	}
}

void
sc_stage_abort(void)
{
	int i;

	for (i = 0; i < SC_STAGE_MAX; i++) {
		if (staged[i].active)
			unlink(staged[i].tmp);
		staged[i].active = 0;
	}
	staging = 0;
	stage_depth = 0;
}

static void
fsync_dir_of(const char *path)
{
	char dir[4096];
	const char *slash = strrchr(path, '/');
	int dfd;

	if (slash == NULL)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == path)
		snprintf(dir, sizeof(dir), "/");
	else
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		(void)fsync(dfd);
		close(dfd);
	}
}

int
sc_stage_commit(struct sc_err *err)
{
	int i, r = SC_OK, e;

	if (stage_depth > 1) {		/* an enclosing stage commits */
		stage_depth--;
		return SC_OK;
	}
	staging = 0;
	for (i = 0; i < SC_STAGE_MAX; i++) {
		if (!staged[i].active)
			continue;
		if (r == SC_OK && rename(staged[i].tmp, staged[i].dest) < 0) {
			e = errno;
			r = sc_err_set(err, sc_err_from_errno(e),
			    "cannot write '%s': %s", staged[i].dest,
			    strerror(e));
		}
		if (r == SC_OK) {
			staged[i].active = 0;
			fsync_dir_of(staged[i].dest);
		}
	}
	sc_stage_abort();	/* what a failed rename left */
	return r;
}

/* A free staging slot, or -1. */
static int
stage_slot(void)
{
	int i;

	for (i = 0; i < SC_STAGE_MAX; i++)
		if (!staged[i].active)
			return i;
	return -1;
}

static int
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int
sc_read_fd(int fd, size_t max, struct sc_buf *out)
{
	for (;;) {
		char chunk[65536];
		ssize_t n = read(fd, chunk, sizeof(chunk));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return SC_ERR_IO;
		if (n == 0)
			return SC_OK;
		if (out->len + (size_t)n > max)
			return SC_ERR_TOOBIG;
		sc_buf_add(out, chunk, (size_t)n);
	}
}

struct mem_src {
	const void *data;
	size_t len;
};

static int
write_mem(int fd, void *arg)
{
	const struct mem_src *m = arg;

	return write_all(fd, m->data, m->len);
}

int
sc_write_atomic(const char *path, const void *data, size_t len,
    struct sc_err *err)
{
	struct mem_src m = { data, len };

	return sc_write_atomic_fn(path, write_mem, &m, err);
}

int
sc_write_atomic_fn(const char *path, int (*fill)(int fd, void *arg),
    void *arg, struct sc_err *err)
{
	const char *slash = strrchr(path, '/');
	struct sc_buf dir = SC_BUF_INIT;
	sigset_t all, old;
	mode_t um;
	int fd = -1, dfd, r = SC_OK, e;

	sc_buf_reset(&dir);
	if (slash == NULL)
		sc_buf_adds(&dir, ".");
	else if (slash == path)
		sc_buf_adds(&dir, "/");
	else
		sc_buf_add(&dir, path, (size_t)(slash - path));
	if ((size_t)snprintf(tmp_path, sizeof(tmp_path), "%s/.%s.XXXXXX",
	    dir.data, slash ? slash + 1 : path) >= sizeof(tmp_path)) {
		sc_buf_free(&dir);
		return sc_err_set(err, SC_ERR_TOOBIG, "output path '%s' too long",
		    path);
	}
	/* mkstemp and registration must not be split by a signal */
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	fd = mkstemp(tmp_path);
	e = errno;
	if (fd >= 0)
		tmp_active = 1;
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (fd < 0) {
		r = sc_err_set(err, sc_err_from_errno(e),
		    "cannot write '%s': %s", path, strerror(e));
		goto out;
	}
	um = umask(0);
	umask(um);
	errno = 0;
	if (fchmod(fd, 0666 & ~um) < 0 || fill(fd, arg) < 0 ||
	    fsync(fd) < 0) {
		e = errno ? errno : EIO;
		r = sc_err_set(err, sc_err_from_errno(e),
		    "cannot write '%s': %s", path, strerror(e));
		goto out;
	}
	if (close(fd) < 0) {
		fd = -1;
		e = errno;
		r = sc_err_set(err, sc_err_from_errno(e),
		    "cannot write '%s': %s", path, strerror(e));
		goto out;
	}
	fd = -1;
	if (staging) {
		int k = stage_slot();

		if (k < 0 || strlen(path) >= sizeof(staged[k].dest)) {
			r = sc_err_set(err, SC_ERR_TOOBIG,
			    "cannot write '%s': too many outputs", path);
			goto out;
		}
		memcpy(staged[k].tmp, tmp_path, sizeof(tmp_path));
		snprintf(staged[k].dest, sizeof(staged[k].dest), "%s", path);
		/* registered there before it leaves tmp_path */
		staged[k].active = 1;
		tmp_active = 0;
		goto out;
	}
	if (rename(tmp_path, path) < 0) {
		e = errno;
		r = sc_err_set(err, sc_err_from_errno(e),
		    "cannot write '%s': %s", path, strerror(e));
		goto out;
	}
	tmp_active = 0;
	dfd = open(dir.data, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		(void)fsync(dfd);
		close(dfd);
	}
out:
	if (fd >= 0)
		close(fd);
	if (r < 0)
		sc_atomic_cleanup();
	sc_buf_free(&dir);
	return r;
}

/* ---- recursive removal (async-signal-safe) ------------------------------- */

#define RM_DEPTH 512		/* deeper trees are left, with an error */
#define RM_STUCK 64		/* directories that could not be emptied */

struct rm_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

struct rm_id {
	dev_t dev;
	ino_t ino;
};

static int
rm_is_stuck(const struct rm_id *stuck, int n, const struct stat *st)
{
	int i;

	for (i = 0; i < n; i++)
		if (stuck[i].dev == st->st_dev && stuck[i].ino == st->st_ino)
			return 1;
	return 0;
}

/*
 * Iterative depth-first removal with a stack of directory fds.  When a
 * non-empty subdirectory is met the walk descends into it; when a
 * directory has been read to the end it is closed and its parent is read
 * again from the start, so the emptied child is removed on the second
 * pass.  A directory that could not be emptied is remembered (by device
 * and inode) so it is not entered again.
 */
int
sc_rmtree_at(int dirfd, const char *name)
{
	int fds[RM_DEPTH], failed[RM_DEPTH];
	struct rm_id stuck[RM_STUCK];
	char buf[4096] __attribute__((aligned(8)));
	int depth, n_stuck = 0, err = 0;
	struct stat st;
	dev_t dev;

	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return -1;
	if (!S_ISDIR(st.st_mode))
		return unlinkat(dirfd, name, 0);
	if (unlinkat(dirfd, name, AT_REMOVEDIR) == 0)
		return 0;
	dev = st.st_dev;
	fds[0] = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fds[0] < 0)
		return -1;
	failed[0] = 0;
	depth = 1;
	while (depth > 0) {
		int fd = fds[depth - 1];
		long n = syscall(SYS_getdents64, fd, buf, sizeof(buf));
		long off;

		if (n < 0) {
			err = errno;
			failed[depth - 1] = 1;
			n = 0;
		}
		if (n == 0) {
			/* read to the end: this directory is done */
			if (failed[depth - 1] && fstat(fd, &st) == 0) {
				if (n_stuck == RM_STUCK) {
					while (depth > 0)
						close(fds[--depth]);
					errno = EBUSY;
					return -1;
				}
				stuck[n_stuck].dev = st.st_dev;
				stuck[n_stuck].ino = st.st_ino;
				n_stuck++;
			}
			close(fd);
			depth--;
			if (depth > 0) {
				failed[depth - 1] |= failed[depth];
				(void)lseek(fds[depth - 1], 0, SEEK_SET);
			}
			continue;
		}
		for (off = 0; off < n;) {
			struct rm_dirent64 *d = (struct rm_dirent64 *)(buf + off);
			const char *nm = d->d_name;
			int child;

			off += d->d_reclen;
			if (nm[0] == '.' && (nm[1] == '\0' ||
			    (nm[1] == '.' && nm[2] == '\0')))
				continue;
			if (d->d_type != DT_UNKNOWN && d->d_type != DT_DIR) {
				if (unlinkat(fd, nm, 0) < 0 && errno != ENOENT) {
					err = errno;
					failed[depth - 1] = 1;
				}
				continue;
			}
			if (fstatat(fd, nm, &st, AT_SYMLINK_NOFOLLOW) < 0)
				continue;	/* gone meanwhile */
			if (!S_ISDIR(st.st_mode)) {
				if (unlinkat(fd, nm, 0) < 0 && errno != ENOENT) {
					err = errno;
					failed[depth - 1] = 1;
				}
				continue;
			}
			if (unlinkat(fd, nm, AT_REMOVEDIR) == 0 || errno == ENOENT)
				continue;
			if ((errno != ENOTEMPTY && errno != EEXIST) ||
			    st.st_dev != dev || depth == RM_DEPTH ||
			    rm_is_stuck(stuck, n_stuck, &st)) {
				if (errno != ENOTEMPTY && errno != EEXIST)
					err = errno;
				else
					err = EBUSY;
				failed[depth - 1] = 1;
				continue;
			}
			child = openat(fd, nm, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
			    O_CLOEXEC);
			if (child < 0) {
				err = errno;
				failed[depth - 1] = 1;
				continue;
			}
			fds[depth] = child;
			failed[depth] = 0;
			depth++;
			break;		/* read the child; this one is re-read later */
		}
	}
	if (unlinkat(dirfd, name, AT_REMOVEDIR) < 0)
		return -1;
	if (err) {
		errno = err;
		return -1;
	}
	return 0;
}

/* ---- registered temporary directories ------------------------------------ */

static struct {
	char path[4096];
	volatile sig_atomic_t active;
	int lock_fd;		/* PATH/.lock, flock'ed while the run lives */
} tmpdirs[SC_TMPDIR_MAX];

#define TMPDIR_LOCK ".lock"
#define TMPDIR_UNLOCKED_AGE 60	/* seconds: a lockless directory is stale */

/*
 * Remove PARENT/PREFIX.XXXXXX directories of this user that no live run
 * holds: their .lock can be flock'ed (the kernel drops a killed run's
 * lock), or they have no .lock and are older than a minute (killed
 * between mkdtemp and the lock).  Symbolic links and other users'
 * directories are left alone.
 */
static void
reap_stale(const char *parent, const char *prefix)
{
	size_t plen = strlen(prefix);
	struct dirent *de;
	struct stat st, lst;
	DIR *d;
	int pfd, dfd, lfd, stale;

	pfd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (pfd < 0)
		return;
	d = fdopendir(pfd);
	if (d == NULL) {
		close(pfd);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, prefix, plen) != 0 ||
		    de->d_name[plen] != '.' || strlen(de->d_name) != plen + 7)
			continue;
		if (fstatat(pfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
		    !S_ISDIR(st.st_mode) || st.st_uid != geteuid())
			continue;
		dfd = openat(pfd, de->d_name, O_RDONLY | O_DIRECTORY |
		    O_NOFOLLOW | O_CLOEXEC);
		if (dfd < 0)
			continue;
		stale = 0;
		lfd = openat(dfd, TMPDIR_LOCK, O_RDONLY | O_NOFOLLOW |
		    O_NONBLOCK | O_CLOEXEC);
		if (lfd >= 0) {
			stale = fstat(lfd, &lst) == 0 && S_ISREG(lst.st_mode) &&
			    flock(lfd, LOCK_EX | LOCK_NB) == 0;
		} else if (errno == ENOENT) {
			stale = time(NULL) - st.st_mtime > TMPDIR_UNLOCKED_AGE;
		}
		if (stale)
			(void)sc_rmtree_at(pfd, de->d_name);
		if (lfd >= 0)
			close(lfd);
		close(dfd);
	}
	closedir(d);
}

int
sc_tmpdir_new(const char *parent, const char *prefix, char **path,
    struct sc_err *err)
{
	sigset_t all, old;
	int i, e = 0, r = SC_OK;

	*path = NULL;
	if (parent == NULL || *parent == '\0')
		parent = getenv("TMPDIR");
	if (parent == NULL || *parent == '\0')
		parent = "/var/tmp";
	reap_stale(parent, prefix);
	/* mkdtemp and registration must not be split by a signal */
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	for (i = 0; i < SC_TMPDIR_MAX && tmpdirs[i].active; i++)
		;
	if (i == SC_TMPDIR_MAX) {
		r = SC_ERR_TOOBIG;
	} else if ((size_t)snprintf(tmpdirs[i].path, sizeof(tmpdirs[i].path),
	    "%s/%s.XXXXXX", parent, prefix) >= sizeof(tmpdirs[i].path)) {
		r = SC_ERR_TOOBIG;
	} else if (mkdtemp(tmpdirs[i].path) == NULL) {
		e = errno;
		r = sc_err_from_errno(e);
	} else {
		tmpdirs[i].active = 1;
		tmpdirs[i].lock_fd = -1;
		*path = sc_xstrdup(tmpdirs[i].path);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (r == SC_OK) {
		int dfd = open(*path, O_PATH | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC), lfd = -1;

		if (dfd >= 0)
			lfd = openat(dfd, TMPDIR_LOCK, O_RDWR | O_CREAT | O_EXCL |
			    O_NOFOLLOW | O_CLOEXEC, 0600);
		if (lfd < 0 || flock(lfd, LOCK_EX | LOCK_NB) < 0) {
			e = errno;
			if (lfd >= 0)
				close(lfd);
			if (dfd >= 0)
				close(dfd);
			sc_tmpdir_remove(*path);
			SC_FREE(*path);
			return sc_err_set(err, sc_err_from_errno(e), "cannot lock "
			    "the temporary directory in '%s': %s", parent,
			    strerror(e));
		}
		close(dfd);
		tmpdirs[i].lock_fd = lfd;
	}
	if (r == SC_ERR_TOOBIG)
		return sc_err_set(err, r, "cannot create a temporary directory "
		    "in '%s': too many, or the name is too long", parent);
	if (r < 0)
		return sc_err_set(err, r, "cannot create a temporary directory "
		    "in '%s': %s", parent, strerror(e));
	return SC_OK;
}

void
sc_tmpdir_remove(const char *path)
{
	int i;

	if (path == NULL)
		return;
	for (i = 0; i < SC_TMPDIR_MAX; i++) {
		if (tmpdirs[i].active && strcmp(tmpdirs[i].path, path) == 0) {
			(void)sc_rmtree_at(AT_FDCWD, tmpdirs[i].path);
			tmpdirs[i].active = 0;
			if (tmpdirs[i].lock_fd >= 0)
				close(tmpdirs[i].lock_fd);
			tmpdirs[i].lock_fd = -1;
		}
	}
}

void
sc_tmpdir_cleanup(void)
{
	int i;

	for (i = 0; i < SC_TMPDIR_MAX; i++) {
		if (tmpdirs[i].active) {
			(void)sc_rmtree_at(AT_FDCWD, tmpdirs[i].path);
			tmpdirs[i].active = 0;
		}
	}
}
