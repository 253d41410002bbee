/*
 * imagesave.c - the local runtime's save command, streamed (imagesave.h).
 *
 * One child, two pipes: the archive (stdout) is read by libarchive
 * through read_cb, which polls both pipes so that stderr is drained (and
 * kept, capped) while the archive flows and the runtime never blocks on
 * a full stderr pipe.  Every wait is bounded by one deadline.
 */
#include "target/imagesave.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/mem.h"

#define BLOCK (64u << 10)
#define ERR_KEEP 4096
#define NOTE_MAX 200

extern char **environ;

struct sc_imagesave {
	char *arg;		/* podman:NAME as given */
	const char *tool;	/* "podman", "docker" */
	pid_t pid;		/* -1 once reaped */
	int status;		/* exit status; -1 killed or not exited */
	int out_fd, err_fd;
	long deadline;
	int timed_out;
	int spawn_errno;	/* posix_spawnp failed */
	struct sc_buf errbuf;
	unsigned char buf[BLOCK];
};

static const struct {
	const char *prefix;
	const char *tool;
} prefixes[] = {
	{ "podman:", "podman" },
	{ "docker:", "docker" },
	{ "containers-storage:", "podman" },
};

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* The name after the prefix, or NULL when PATH has none of ours. */
static const char *
split(const char *path, const char **tool)
{
	size_t i, n;

	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		n = strlen(prefixes[i].prefix);
		if (strncmp(path, prefixes[i].prefix, n) == 0) {
			*tool = prefixes[i].tool;
			return path + n;
		}
	}
	return NULL;
}

const char *
sc_imagesave_split(const char *path, const char **tool)
{
	return path != NULL ? split(path, tool) : NULL;
}

int
sc_imagesave_is_ref(const char *path)
{
	const char *tool;

	return path != NULL && split(path, &tool) != NULL;
}

static int
name_ok(const char *name)
{
	const unsigned char *p;

	if (*name == '\0' || *name == '-')
		return 0;
	for (p = (const unsigned char *)name; *p; p++)
		if (*p <= 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

int
sc_imagesave_start(struct sc_imagesave **out, const char *path,
    long timeout_ms, struct sc_err *err)
{
	struct sc_imagesave *s;
	posix_spawn_file_actions_t fa;
	const char *tool = NULL, *name = split(path, &tool);
	char *argv[6];
	int po[2] = { -1, -1 }, pe[2] = { -1, -1 }, r, i = 0;

	*out = NULL;
	if (name == NULL || !name_ok(name))
		return sc_err_set(err, SC_ERR_INVAL, "image '%s': not a valid "
		    "image name (empty, starting with '-', or holding spaces or "
		    "control characters)", path);
	if (pipe2(po, O_CLOEXEC) < 0 || pipe2(pe, O_CLOEXEC) < 0) {
		r = sc_err_set(err, sc_err_from_errno(errno), "image '%s': %s",
		    path, strerror(errno));
		goto fail;
	}
	s = sc_xcalloc(1, sizeof(*s));
	s->arg = sc_xstrdup(path);
	s->tool = tool;
	s->pid = -1;
	s->status = -1;
	s->deadline = now_ms() + (timeout_ms > 0 ? timeout_ms :
	    SC_IMAGESAVE_TIMEOUT_MS);
	argv[i++] = (char *)tool;
	argv[i++] = "save";
	if (strcmp(tool, "podman") == 0) {
		argv[i++] = "--format";
		argv[i++] = "docker-archive";
	}
	argv[i++] = (char *)name;
	argv[i] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null",
	    O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, po[1], STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, pe[1], STDERR_FILENO);
	r = posix_spawnp(&s->pid, tool, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(po[1]);
	close(pe[1]);
	s->out_fd = po[0];
	s->err_fd = pe[0];
	if (r != 0) {
		s->pid = -1;
		s->spawn_errno = r;
	}
	(void)fcntl(s->out_fd, F_SETFL, O_NONBLOCK);
	(void)fcntl(s->err_fd, F_SETFL, O_NONBLOCK);
	*out = s;
	return SC_OK;
fail:
	for (i = 0; i < 2; i++) {
		if (po[i] >= 0)
			close(po[i]);
		if (pe[i] >= 0)
			close(pe[i]);
	}
	return r;
}

/* Keep what the runtime says on stderr (the first ERR_KEEP bytes). */
static void
drain_err(struct sc_imagesave *s)
{
	char b[4096];
	ssize_t n;

	while (s->err_fd >= 0) {
		n = read(s->err_fd, b, sizeof(b));
		if (n > 0) {
			if (s->errbuf.len < ERR_KEEP)
				sc_buf_add(&s->errbuf, b, (size_t)n);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		close(s->err_fd);
		s->err_fd = -1;
	}
}

/*
 * Wait until stdout is readable (1), at its end (0 after reading it), or
 * the deadline passed (-1, the runtime killed).
 */
static ssize_t
read_out(struct sc_imagesave *s, void *buf, size_t size)
{
	for (;;) {
		struct pollfd p[2] = { { s->out_fd, POLLIN, 0 },
			{ s->err_fd, POLLIN, 0 } };
		long left = s->deadline - now_ms();
		ssize_t n;

		if (s->out_fd < 0)
			return 0;
		n = read(s->out_fd, buf, size);
		if (n >= 0)
			return n;
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN)
			return -1;
		if (left <= 0) {
			s->timed_out = 1;
			if (s->pid > 0)
				kill(s->pid, SIGKILL);
			errno = ETIMEDOUT;
			return -1;
		}
		if (poll(p, 2, (int)(left > 1000 ? 1000 : left)) < 0 &&
		    errno != EINTR)
			return -1;
		if (p[1].revents)
			drain_err(s);
	}
}

static la_ssize_t
read_cb(struct archive *a, void *ud, const void **buf)
{
	struct sc_imagesave *s = ud;
	ssize_t n = read_out(s, s->buf, sizeof(s->buf));

	if (n < 0) {
		archive_set_error(a, errno, "%s", s->timed_out ?
		    "the runtime's save timed out" : strerror(errno));
		return -1;
	}
	*buf = s->buf;
	return n;
}

int
sc_imagesave_open_archive(struct sc_imagesave *s, struct archive *a)
{
	return archive_read_open(a, s, NULL, read_cb, NULL);
}

/* Reap the child, waiting until the deadline, then killing it. */
static void
reap(struct sc_imagesave *s, int kill_now)
{
	int ws;
	pid_t w;

	if (s->pid <= 0)
		return;
	if (kill_now)
		kill(s->pid, SIGKILL);
	for (;;) {
		w = waitpid(s->pid, &ws, WNOHANG);
		if (w == s->pid)
			break;
		if (w < 0 && errno != EINTR) {
			s->pid = -1;
			return;
		}
		if (w == 0 && now_ms() >= s->deadline) {
			s->timed_out = 1;
			kill(s->pid, SIGKILL);
			while (waitpid(s->pid, &ws, 0) < 0 && errno == EINTR)
				;
			break;
		}
		drain_err(s);
		if (w == 0) {
			struct timespec ts = { 0, 20 * 1000000L };

			nanosleep(&ts, NULL);
		}
	}
	s->status = WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
	s->pid = -1;
}

/* The runtime's first meaningful stderr line, printable and capped. */
static void
note(const struct sc_imagesave *s, char *out, size_t size)
{
	const char *p = s->errbuf.len ? s->errbuf.data : "", *e;
	size_t i = 0;

	while (*p == '\n' || *p == '\r' || *p == ' ')
		p++;
	e = p + strcspn(p, "\r\n");
	for (; p < e && i + 4 < size && i < NOTE_MAX; p++)
		out[i++] = (*p >= 0x20 && *p < 0x7f) ? *p : '?';
	if (p < e)
		out[i++] = '.', out[i++] = '.', out[i++] = '.';
	out[i] = '\0';
}

int
sc_imagesave_finish(struct sc_imagesave *s, const char *read_err,
    struct sc_err *err)
{
	char msg[NOTE_MAX + 8], why[64];
	ssize_t n;

	if (s->spawn_errno)
		return sc_err_set(err, SC_ERR_NOTFOUND, "image '%s': cannot run "
		    "'%s save': %s", s->arg, s->tool, s->spawn_errno == ENOENT ?
		    "not installed (not on PATH)" : strerror(s->spawn_errno));
	if (read_err == NULL) {
		/* the end-of-archive padding, then the end of the stream */
		while ((n = read_out(s, s->buf, sizeof(s->buf))) > 0)
			;
	}
	if (s->out_fd >= 0) {
		close(s->out_fd);	/* a runtime still writing stops */
		s->out_fd = -1;
	}
	reap(s, 0);
	drain_err(s);
	note(s, msg, sizeof(msg));
	/* 127 with nothing said: the exec failed after the fork (valgrind) */
	if (s->status == 127 && msg[0] == '\0')
		return sc_err_set(err, SC_ERR_NOTFOUND, "image '%s': cannot run "
		    "'%s save': not installed (not on PATH)", s->arg, s->tool);
	if (s->timed_out || s->status != 0) {
		if (s->timed_out)
			snprintf(why, sizeof(why), "timed out, killed");
		else if (s->status < 0)
			snprintf(why, sizeof(why), "killed");
		else
			snprintf(why, sizeof(why), "exit status %d", s->status);
		return sc_err_set(err, SC_ERR_IO, "image '%s': %s save failed "
		    "(%s)%s%s", s->arg, s->tool, why, msg[0] ? ": " : "", msg);
	}
	if (read_err != NULL)
		return sc_err_set(err, SC_ERR_PARSE, "%s", read_err);
	return SC_OK;
}

void
sc_imagesave_free(struct sc_imagesave *s)
{
	if (s == NULL)
		return;
	if (s->out_fd >= 0)
		close(s->out_fd);
	reap(s, 1);
	if (s->err_fd >= 0)
		close(s->err_fd);
	sc_buf_free(&s->errbuf);
	free(s->arg);
	free(s);
}
