/*
 * fsutil.c - atomic output files (fsutil.h).
 */
#include "util/fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/mem.h"

/* the temporary file being written, for the signal handler */
static char tmp_path[4096];
static volatile sig_atomic_t tmp_active;

void
sc_atomic_cleanup(void)
{
	if (tmp_active)
		unlink(tmp_path);
	tmp_active = 0;
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
sc_write_atomic(const char *path, const void *data, size_t len,
    struct sc_err *err)
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
	if (fchmod(fd, 0666 & ~um) < 0 || write_all(fd, data, len) < 0 ||
	    fsync(fd) < 0) {
		e = errno;
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
