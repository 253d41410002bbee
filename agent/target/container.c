/*
 * container.c - resolving a container reference and opening its root
 * (container.h).
 *
 * Everything here reads the host's procfs, which the kernel writes, except
 * /proc/PID/environ, whose content the container controls: it is capped
 * and only NAME=VALUE strings are kept.  Runtime CLIs are host programs
 * found on PATH and run with posix_spawnp (no shell), never anything from
 * the target.
 */
#include "target/container.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "target/imagedigest.h"
#include "target/mounts.h"
#include "util/mem.h"

#define FACT "urn:stigcheck:fact:container:"
#define PROC_SMALL_MAX (256u << 10)	/* status, cgroup */
#define ENVIRON_MAX (4u << 20)
#define CLI_OUT_MAX (16u << 20)
#define SHORT_ID 12

extern char **environ;

void
sc_container_info_free(struct sc_container_info *ci)
{
	if (ci == NULL)
		return;
	free(ci->id);
	free(ci->name);
	free(ci->runtime);
	free(ci->image);
	free(ci->image_id);
	free(ci->image_digest);
	free(ci->how);
	memset(ci, 0, sizeof(*ci));
}

static void
set_str(char **dst, const char *s)
{
	if (s == NULL || *s == '\0')
		return;
	free(*dst);
	*dst = sc_xstrdup(s);
}

/* ---- procfs --------------------------------------------------------------- */

/* Read a procfs file under DIRFD (capped) into b. */
static int
read_proc(int dirfd, const char *name, size_t max, struct sc_buf *b)
{
	char chunk[8192];
	int fd;

	sc_buf_reset(b);
	fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -1;
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		if (n == 0)
			break;
		if (b->len + (size_t)n > max) {
			close(fd);
			errno = EFBIG;
			return -1;
		}
		sc_buf_add(b, chunk, (size_t)n);
	}
	close(fd);
	return 0;
}

static int
is_hex(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

static const struct {
	const char *prefix;
	const char *runtime;
} id_prefixes[] = {
	{ "docker-", "docker" },
	{ "libpod-", "podman" },
	{ "cri-containerd-", "containerd" },
	{ "crio-", "cri-o" },
	{ "nerdctl-", "containerd" },
};

static const struct {
	const char *parent;
	const char *runtime;
} id_parents[] = {
	{ "docker", "docker" },
	{ "libpod_parent", "podman" },
};

/* One cgroup path component: "<prefix><64 hex>[.scope]" or "<64 hex>". */
static int
component_id(const char *c, size_t n, const char *parent, size_t pn,
    char id[SC_CONTAINER_ID_LEN + 1], const char **runtime)
{
	const char *rt = NULL;
	size_t i;

	if (memmem(c, n, "conmon", 6) != NULL)
		return 0;	/* podman's and CRI-O's monitor, not the container */
	if (n > 6 && memcmp(c + n - 6, ".scope", 6) == 0)
		n -= 6;
	for (i = 0; i < sizeof(id_prefixes) / sizeof(id_prefixes[0]); i++) {
		size_t pl = strlen(id_prefixes[i].prefix);

		if (n > pl && memcmp(c, id_prefixes[i].prefix, pl) == 0) {
			c += pl;
			n -= pl;
			rt = id_prefixes[i].runtime;
			break;
		}
	}
	if (n != SC_CONTAINER_ID_LEN || !is_hex(c, n))
		return 0;
	for (i = 0; rt == NULL && i < sizeof(id_parents) / sizeof(id_parents[0]);
	    i++)
		if (pn == strlen(id_parents[i].parent) &&
		    memcmp(parent, id_parents[i].parent, pn) == 0)
			rt = id_parents[i].runtime;
	memcpy(id, c, n);
	id[n] = '\0';
	*runtime = rt;
	return 1;
}

/*
 * The innermost component of one line of /proc/PID/cgroup
 * ("hierarchy-id:controllers:path", END its end) naming a container.
 */
static int
line_id(const char *line, const char *end, char id[SC_CONTAINER_ID_LEN + 1],
    const char **runtime)
{
	const char *path, *c, *parent = "";
	size_t pn = 0;
	int found = 0;

	path = memchr(line, ':', (size_t)(end - line));
	if (path != NULL)
		path = memchr(path + 1, ':', (size_t)(end - path - 1));
	if (path == NULL)
		return 0;
	for (c = path + 1; c < end;) {
		const char *ce = memchr(c, '/', (size_t)(end - c));
		char cid[SC_CONTAINER_ID_LEN + 1];
		const char *crt;

		if (ce == NULL)
			ce = end;
		if (ce > c && component_id(c, (size_t)(ce - c), parent, pn,
		    cid, &crt)) {
			memcpy(id, cid, sizeof(cid));
			*runtime = crt;
			found = 1;
		}
		parent = c;
		pn = (size_t)(ce - c);
		c = ce + 1;
	}
	return found;
}

int
sc_container_cgroup_id(const char *text, char id[SC_CONTAINER_ID_LEN + 1],
    const char **runtime)
{
	const char *line, *nl;

	*runtime = NULL;
	for (line = text; line && *line; line = nl ? nl + 1 : NULL) {
		nl = strchr(line, '\n');
		if (line_id(line, nl ? nl : line + strlen(line), id, runtime))
			return 1;
	}
	return 0;
}

int
sc_container_cgroup_matches(const char *text, const char *id,
    char found[SC_CONTAINER_ID_LEN + 1])
{
	const char *line, *nl;
	int r = 0;

	/* every hierarchy that names a container must name this one */
	for (line = text; line && *line; line = nl ? nl + 1 : NULL) {
		char cid[SC_CONTAINER_ID_LEN + 1];
		const char *rt;

		nl = strchr(line, '\n');
		if (!line_id(line, nl ? nl : line + strlen(line), cid, &rt))
			continue;
		if (id == NULL || strcmp(cid, id) != 0) {
			if (found != NULL)
				memcpy(found, cid, sizeof(cid));
			return -1;
		}
		r = 1;
	}
	return r;
}

/*
 * The value of the status line whose key is KEY ("Uid:"), found only at a
 * line start, never inside another line's value.  Name: (the process's
 * comm, which the process writes itself) is opaque: it is skipped, and no
 * other line can be matched inside it.  NULL when there is no such line.
 */
static const char *
status_value(const char *text, const char *key)
{
	const char *line, *nl;
	size_t kl = strlen(key);

	for (line = text; line && *line; line = nl ? nl + 1 : NULL) {
		nl = strchr(line, '\n');
		if (strncmp(line, "Name:", 5) == 0)
			continue;
		if (strncmp(line, key, kl) == 0)
			return line + kl;
	}
	return NULL;
}

/* Up to MAX numbers (in BASE) from a status value, on its own line. */
static int
status_nums(const char *v, int base, unsigned long long *out, int max)
{
	int n = 0;

	while (v != NULL && n < max) {
		char *end;
		unsigned long long x;

		while (*v == ' ' || *v == '\t')
			v++;
		if (!((*v >= '0' && *v <= '9') || (base == 16 &&
		    ((*v >= 'a' && *v <= 'f') || (*v >= 'A' && *v <= 'F')))))
			break;
		errno = 0;
		x = strtoull(v, &end, base);
		if (end == v || errno != 0)
			break;
		out[n++] = x;
		v = end;
	}
	return n;
}

int
sc_container_parse_status(const char *text, struct sc_target_runtime *rt)
{
	static const char *caps[] = { "CapInh:", "CapPrm:", "CapEff:",
		"CapBnd:", "CapAmb:" };
	unsigned long long *capv[] = { &rt->cap_inh, &rt->cap_prm,
		&rt->cap_eff, &rt->cap_bnd, &rt->cap_amb };
	unsigned long long v[4];
	size_t i;
	int have = 0, k;

	rt->no_new_privs = -1;
	rt->seccomp = -1;
	if (status_nums(status_value(text, "Uid:"), 10, v, 4) == 4) {
		for (k = 0; k < 4; k++)
			rt->uid[k] = (unsigned long)v[k];
		have |= 1;
	}
	if (status_nums(status_value(text, "Gid:"), 10, v, 4) == 4) {
		for (k = 0; k < 4; k++)
			rt->gid[k] = (unsigned long)v[k];
		have |= 2;
	}
	for (i = 0; i < sizeof(caps) / sizeof(caps[0]); i++) {
		if (status_nums(status_value(text, caps[i]), 16, v, 1) != 1)
			continue;
		*capv[i] = v[0];
		if (capv[i] == &rt->cap_eff)
			have |= 4;
	}
	if (status_nums(status_value(text, "NoNewPrivs:"), 10, v, 1) == 1)
		rt->no_new_privs = v[0] != 0;
	if (status_nums(status_value(text, "Seccomp:"), 10, v, 1) == 1 &&
	    v[0] <= 2)
		rt->seccomp = (int)v[0];
	return have == 7 ? 0 : -1;
}

/*
 * A number from a status line ("PPid:"); with LAST, the line's last
 * number ("NSpid:": the PID in the process's own PID namespace).
 */
static long
status_field(const char *status, const char *key, int last)
{
	unsigned long long v[32];
	int n = status_nums(status_value(status, key), 10, v, 32);

	if (n == 0 || v[last ? n - 1 : 0] > 0x7fffffffULL)
		return -1;
	return (long)v[last ? n - 1 : 0];
}

int
sc_container_parse_stat(const char *text, size_t len,
    unsigned long long *start)
{
	const char *p = NULL, *end = text + len;
	size_t i;
	int field;

	/* comm is "(...)" and may hold anything, ')' and newlines too: the
	 * fields that follow it start after the LAST ')' */
	for (i = len; i > 0; i--)
		if (text[i - 1] == ')') {
			p = text + i;
			break;
		}
	if (p == NULL)
		return -1;
	/* field 3 (state) follows; the start time is field 22 */
	for (field = 3; p < end; field++) {
		const char *tok;

		if (*p != ' ')
			return -1;
		tok = ++p;
		while (p < end && *p != ' ' && *p != '\n')
			p++;
		if (p == tok)
			return -1;
		if (field == 22) {
			unsigned long long x = 0;
			const char *q;

			for (q = tok; q < p; q++) {
				if (*q < '0' || *q > '9' || x > (~0ULL - 9) / 10)
					return -1;
				x = x * 10 + (unsigned long long)(*q - '0');
			}
			*start = x;
			return 0;
		}
		if (p < end && *p == '\n')
			return -1;
	}
	return -1;
}

/* ---- pinning: the process resolved is the process scanned --------------- */

/* The start time of the process whose /proc directory is PFD. */
static int
read_start(int pfd, unsigned long long *start)
{
	struct sc_buf b = SC_BUF_INIT;
	int r = -1;

	if (read_proc(pfd, "stat", PROC_SMALL_MAX, &b) == 0 &&
	    sc_container_parse_stat(b.data, b.len, start) == 0)
		r = 0;
	sc_buf_free(&b);
	return r;
}

/* The start time of process PID now (0 when it is gone). */
static unsigned long long
pid_start(long pid)
{
	unsigned long long start = 0;
	char path[64];
	int pfd;

	snprintf(path, sizeof(path), "/proc/%ld", pid);
	pfd = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (pfd < 0)
		return 0;
	if (read_start(pfd, &start) < 0)
		start = 0;
	close(pfd);
	return start;
}

/* A pidfd for PID, or -1 where the kernel (or valgrind) has none. */
static int
open_pidfd(long pid)
{
#ifdef SYS_pidfd_open
	long fd = syscall(SYS_pidfd_open, (pid_t)pid, 0);

	return fd < 0 ? -1 : (int)fd;
#else
	(void)pid;
	return -1;
#endif
}

/* The pinned process (PFD its /proc dir, PIDFD or -1) is still START. */
static int
check_pinned(int pfd, int pidfd, long pid, unsigned long long start,
    struct sc_err *err)
{
	unsigned long long now;

	if (pidfd >= 0) {
		struct pollfd p = { pidfd, POLLIN, 0 };

		if (poll(&p, 1, 0) != 0)	/* readable: it has exited */
			goto gone;
	}
	if (read_start(pfd, &now) == 0 && now == start)
		return SC_OK;
gone:
	return sc_err_set(err, SC_ERR_NOTFOUND, "container process %ld exited "
	    "or was replaced", pid);
}

struct match {
	long pid;
	long ppid;
	long nspid;
	char id[SC_CONTAINER_ID_LEN + 1];
	const char *runtime;
};

/* Every process whose cgroup names a container id starting with PREFIX. */
static void
scan_cgroups(const char *prefix, struct match **out, size_t *n)
{
	struct sc_buf b = SC_BUF_INIT;
	size_t cap = 0, plen = strlen(prefix);
	struct dirent *de;
	DIR *proc;

	*out = NULL;
	*n = 0;
	proc = opendir("/proc");
	if (proc == NULL)
		return;
	while ((de = readdir(proc)) != NULL) {
		char id[SC_CONTAINER_ID_LEN + 1];
		const char *rt;
		int pfd;

		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		pfd = openat(dirfd(proc), de->d_name, O_PATH | O_DIRECTORY |
		    O_CLOEXEC);
		if (pfd < 0)
			continue;	/* exited */
		if (read_proc(pfd, "cgroup", PROC_SMALL_MAX, &b) == 0 &&
		    sc_container_cgroup_id(b.data, id, &rt) &&
		    strncmp(id, prefix, plen) == 0) {
			SC_GROW(*out, cap, *n + 1);
			(*out)[*n].pid = strtol(de->d_name, NULL, 10);
			memcpy((*out)[*n].id, id, sizeof(id));
			(*out)[*n].runtime = rt;
			(*out)[*n].ppid = (*out)[*n].nspid = -1;
			if (read_proc(pfd, "status", PROC_SMALL_MAX, &b) == 0) {
				(*out)[*n].ppid = status_field(b.data, "PPid:", 0);
				(*out)[*n].nspid = status_field(b.data, "NSpid:", 1);
			}
			(*n)++;
		}
		close(pfd);
	}
	closedir(proc);
	sc_buf_free(&b);
}

/* The container's init among its processes. */
static const struct match *
pick_init(const struct match *m, size_t n)
{
	const struct match *best = NULL;
	size_t i, j;

	for (i = 0; i < n; i++)
		if (m[i].nspid == 1 && (best == NULL || m[i].pid < best->pid))
			best = &m[i];
	if (best != NULL)
		return best;
	for (i = 0; i < n; i++) {
		for (j = 0; j < n && m[j].pid != m[i].ppid; j++)
			;
		if (j == n && (best == NULL || m[i].pid < best->pid))
			best = &m[i];
	}
	return best ? best : &m[0];
}

/*
 * Resolve an id prefix through the cgroups.  1: found; 0: no container;
 * <0: error (ambiguous).
 */
static int
by_cgroup(const char *prefix, struct sc_container_info *ci,
    struct sc_err *err)
{
	struct match *m;
	const struct match *init;
	size_t n, i;
	int r = 0;

	scan_cgroups(prefix, &m, &n);
	if (n == 0)
		goto out;
	for (i = 1; i < n; i++) {
		if (strcmp(m[i].id, m[0].id) != 0) {
			r = sc_err_set(err, SC_ERR_INVAL, "container id '%s' is "
			    "ambiguous: it starts both %.12s and %.12s", prefix,
			    m[0].id, m[i].id);
			goto out;
		}
	}
	init = pick_init(m, n);
	ci->pid = init->pid;
	set_str(&ci->id, init->id);
	set_str(&ci->runtime, init->runtime);
	set_str(&ci->how, "its cgroup");
	ci->start_time = pid_start(ci->pid);
	r = 1;
out:
	free(m);
	return r;
}

/* ---- runtime CLIs --------------------------------------------------------- */

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/*
 * Wait for PID until DEADLINE (now_ms); then SIGKILL it and reap it.
 * Returns its wait status, with *late set when it had to be killed.
 */
static int
reap_by(pid_t pid, long deadline, int *late)
{
	int ws = 0;

	for (;;) {
		pid_t w = waitpid(pid, &ws, WNOHANG);
		struct timespec ts = { 0, 10 * 1000000L };

		if (w == pid || (w < 0 && errno != EINTR))
			return ws;
		if (now_ms() >= deadline)
			break;
		nanosleep(&ts, NULL);
	}
	*late = 1;
	kill(pid, SIGKILL);
	while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
		;
	return ws;
}

/*
 * Run argv (a host program from PATH) and collect stdout and stderr.  The
 * deadline covers reading and the wait for its exit: a program still
 * running then is killed (SIGKILL) and reaped.  Returns 0 with *status
 * set (the exit status, -1 killed by a signal, -2 killed at the
 * deadline), or -1 with errno (ENOENT: not installed).
 */
int
sc_container_run_cli(char *const argv[], struct sc_buf *out,
    struct sc_buf *errout, int *status)
{
	posix_spawn_file_actions_t fa;
	int po[2] = { -1, -1 }, pe[2] = { -1, -1 }, r, ws;
	long deadline = now_ms() + SC_CONTAINER_CLI_TIMEOUT_MS;
	pid_t pid;
	int killed = 0, late = 0, saved = 0;

	sc_buf_reset(out);
	sc_buf_reset(errout);
	if (pipe2(po, O_CLOEXEC) < 0 || pipe2(pe, O_CLOEXEC) < 0) {
		r = errno;
		goto fail;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null",
	    O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, po[1], STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, pe[1], STDERR_FILENO);
	r = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(po[1]);
	close(pe[1]);
	po[1] = pe[1] = -1;
	if (r != 0)
		goto fail;
	while (po[0] >= 0 || pe[0] >= 0) {
		struct pollfd p[2] = { { po[0], POLLIN, 0 }, { pe[0], POLLIN, 0 } };
		long left = deadline - now_ms();
		int k;

		if (left <= 0 || out->len + errout->len > CLI_OUT_MAX) {
			kill(pid, SIGKILL);
			killed = left <= 0 ? 2 : 1;
			break;
		}
		if (poll(p, 2, (int)left) < 0 && errno != EINTR)
			break;
		for (k = 0; k < 2; k++) {
			char buf[8192];
			ssize_t n;
			int *fd = k == 0 ? &po[0] : &pe[0];

			if (*fd < 0 || !(p[k].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			n = read(*fd, buf, sizeof(buf));
			if (n > 0)
				sc_buf_add(k == 0 ? out : errout, buf, (size_t)n);
			else if (n == 0 || errno != EINTR) {
				close(*fd);
				*fd = -1;
			}
		}
	}
	ws = reap_by(pid, deadline, &late);
	if (late || killed == 2)
		*status = -2;
	else
		*status = killed || !WIFEXITED(ws) ? -1 : WEXITSTATUS(ws);
	r = 0;
	goto out;
fail:
	saved = r ? r : EIO;
	r = -1;
out:
	for (int k = 0; k < 2; k++) {
		if (po[k] >= 0)
			close(po[k]);
		if (pe[k] >= 0)
			close(pe[k]);
	}
	if (r < 0)
		errno = saved;
	return r;
}

/* The first line of a CLI's complaint, for the one-line error. */
static void
add_complaint(struct sc_buf *tried, const char *tool, const struct sc_buf *eo,
    int status)
{
	size_t n = eo->len ? strcspn(eo->data, "\r\n") : 0;

	if (n > 160)
		n = 160;
	sc_buf_addf(tried, "; %s: ", tool);
	if (n > 0)
		sc_buf_add(tried, eo->data, n);
	else if (status < 0)
		sc_buf_adds(tried, "timed out or killed");
	else
		sc_buf_addf(tried, "exit status %d, no such container", status);
}

static int
digest_like(const char *s)
{
	return s != NULL && strncmp(s, "sha256:", 7) == 0;
}

/* One container object of docker/podman/nerdctl inspect output. */
static int
parse_docker_obj(const char *tool, json_t *c, const char *ref,
    struct sc_container_info *ci, struct sc_err *err)
{
	json_t *state, *cfg, *running;
	const char *name, *image, *img;
	json_int_t pid;

	if (!json_is_object(c))
		return sc_err_set(err, SC_ERR_PARSE, "%s knows no container '%s'",
		    tool, ref);
	state = json_object_get(c, "State");
	cfg = json_object_get(c, "Config");
	running = json_object_get(state, "Running");
	pid = json_integer_value(json_object_get(state, "Pid"));
	if ((running != NULL && !json_is_true(running)) || pid <= 0)
		return sc_err_set(err, SC_ERR_NOTFOUND, "container '%s' (%s) is "
		    "not running", ref, tool);
	ci->pid = (long)pid;
	set_str(&ci->id, json_string_value(json_object_get(c, "Id")));
	name = json_string_value(json_object_get(c, "Name"));
	if (name != NULL && name[0] == '/')
		name++;
	set_str(&ci->name, name);
	image = json_string_value(json_object_get(cfg, "Image"));
	if (image == NULL)
		image = json_string_value(json_object_get(c, "ImageName"));
	img = json_string_value(json_object_get(c, "Image"));
	if (img != NULL && strlen(img) == SC_CONTAINER_ID_LEN &&
	    is_hex(img, SC_CONTAINER_ID_LEN)) {
		char *d = sc_xasprintf("sha256:%s", img);	/* podman */
		set_str(&ci->image_id, d);
		free(d);
	} else if (digest_like(img)) {
		set_str(&ci->image_id, img);
	} else if (image == NULL) {
		image = img;	/* nerdctl puts the reference there */
	}
	set_str(&ci->image, image);
	set_str(&ci->image_digest,
	    json_string_value(json_object_get(c, "ImageDigest")));
	return SC_OK;
}

static int
parse_docker_like(const char *tool, json_t *doc, const char *ref,
    struct sc_container_info *ci, struct sc_err *err)
{
	return parse_docker_obj(tool, json_array_get(doc, 0), ref, ci, err);
}

static int
parse_crictl(json_t *doc, const char *ref, struct sc_container_info *ci,
    struct sc_err *err)
{
	json_t *st = json_object_get(doc, "status");
	const char *state = json_string_value(json_object_get(st, "state"));
	const char *iref = json_string_value(json_object_get(st, "imageRef"));
	json_int_t pid = json_integer_value(json_object_get(
	    json_object_get(doc, "info"), "pid"));

	if (!json_is_object(st))
		return sc_err_set(err, SC_ERR_PARSE, "crictl knows no container "
		    "'%s'", ref);
	if ((state != NULL && strcmp(state, "CONTAINER_RUNNING") != 0) ||
	    pid <= 0)
		return sc_err_set(err, SC_ERR_NOTFOUND, "container '%s' (crictl) "
		    "is not running", ref);
	ci->pid = (long)pid;
	set_str(&ci->id, json_string_value(json_object_get(st, "id")));
	set_str(&ci->name, json_string_value(json_object_get(
	    json_object_get(st, "metadata"), "name")));
	set_str(&ci->image, json_string_value(json_object_get(
	    json_object_get(st, "image"), "image")));
	if (iref != NULL && strchr(iref, '@') != NULL)
		set_str(&ci->image_digest, strchr(iref, '@') + 1);
	else if (digest_like(iref))
		set_str(&ci->image_id, iref);
	return SC_OK;
}

int
sc_container_parse_inspect(const char *tool, const char *json,
    const char *ref, struct sc_container_info *ci, struct sc_err *err)
{
	json_error_t je;
	json_t *doc = json_loads(json, 0, &je);
	int r;

	if (doc == NULL)
		return sc_err_set(err, SC_ERR_PARSE, "%s printed something that "
		    "is not JSON: %s", tool, je.text);
	if (strcmp(tool, "crictl") == 0)
		r = parse_crictl(doc, ref, ci, err);
	else
		r = parse_docker_like(tool, doc, ref, ci, err);
	json_decref(doc);
	if (r == SC_OK) {
		char *how = sc_xasprintf("%s inspect", tool);

		set_str(&ci->how, how);
		free(how);
		if (ci->runtime == NULL)
			set_str(&ci->runtime, strcmp(tool, "nerdctl") == 0 ?
			    "containerd" : strcmp(tool, "crictl") == 0 ? "cri" :
			    tool);
	}
	return r;
}

/*
 * crictl: the id of the one running container with that exact name.  As
 * sc_container_run_cli; *id is NULL when there is none or several
 * (*note says which).
 */
static int
crictl_id(const char *ref, struct sc_buf *out, struct sc_buf *eo,
    int *status, char **id, const char **note)
{
	struct sc_buf re = SC_BUF_INIT;
	char *argv[] = { "crictl", "ps", "-q", "--name", NULL, NULL };
	const char *p;
	size_t n = 0;
	int r;

	*id = NULL;
	*note = NULL;
	sc_buf_reset(&re);
	sc_buf_addc(&re, '^');
	for (p = ref; *p; p++) {
		if (*p == '.')
			sc_buf_addc(&re, '\\');
		sc_buf_addc(&re, *p);
	}
	sc_buf_addc(&re, '$');
	argv[4] = re.data;
	r = sc_container_run_cli(argv, out, eo, status);
	sc_buf_free(&re);
	if (r < 0 || *status != 0)
		return r;
	for (p = out->data; *p; ) {
		size_t len;

		p += strspn(p, " \t\r\n");
		len = strcspn(p, " \t\r\n");
		if (len == 0)
			break;
		if (n++ == 0)
			*id = sc_xstrndup(p, len);
		p += len;
	}
	if (n != 1) {
		SC_FREE(*id);
		*note = n == 0 ? "no running container with that name" :
		    "several running containers with that name";
	}
	return 0;
}

static int
valid_name(const char *s)
{
	size_t i;

	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') ||
	    (s[0] >= '0' && s[0] <= '9')))
		return 0;
	for (i = 1; s[i]; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '.' ||
		    s[i] == '-'))
			return 0;
	return i <= 253;
}

/*
 * docker's container inspect names the image by its id only: its manifest
 * digest is the image's (`docker image inspect -- ID`: RepoDigests), the
 * value --image docker:NAME records (imagedigest.h).  One inspect per
 * image id; an image with no RepoDigests (imported or built here, never
 * pushed or pulled) has no digest, and none is guessed.
 */
static void
docker_digests(struct sc_container_info *cis, size_t n)
{
	struct sc_buf out = SC_BUF_INIT, eo = SC_BUF_INIT;
	size_t i, j;
	int status;

	for (i = 0; i < n; i++) {
		char *argv[] = { "docker", "image", "inspect", "--", NULL, NULL };

		if (cis[i].runtime == NULL || strcmp(cis[i].runtime, "docker") ||
		    cis[i].image_digest != NULL || !digest_like(cis[i].image_id))
			continue;
		for (j = 0; j < i; j++)	/* asked already */
			if (cis[j].image_id != NULL &&
			    strcmp(cis[j].image_id, cis[i].image_id) == 0)
				break;
		if (j < i) {
			set_str(&cis[i].image_digest, cis[j].image_digest);
			continue;
		}
		argv[4] = cis[i].image_id;
		if (sc_container_run_cli(argv, &out, &eo, &status) == 0 &&
		    status == 0 && out.len > 0) {
			sc_buf_addc(&out, '\0');
			cis[i].image_digest = sc_imagedigest_parse("docker",
			    out.data, cis[i].image_id);
		}
	}
	sc_buf_free(&out);
	sc_buf_free(&eo);
}

/*
 * Ask the runtime CLIs.  1: found; 0: none knows it (tried says what each
 * said); <0: a definite error (not running, bad output).
 */
static int
by_name(const char *ref, struct sc_container_info *ci, struct sc_buf *tried,
    struct sc_err *err)
{
	static const char *tools[] = { "docker", "podman", "nerdctl" };
	struct sc_buf out = SC_BUF_INIT, eo = SC_BUF_INIT;
	size_t i;
	int r = 0, status;
	char *id = NULL;

	for (i = 0; i <= sizeof(tools) / sizeof(tools[0]) && r == 0; i++) {
		const char *tool = i < 3 ? tools[i] : "crictl";
		char *argv[] = { (char *)tool, "container", "inspect", "--",
			(char *)ref, NULL };
		char *cargv[] = { "crictl", "inspect", NULL, NULL };

		const char *note;

		if (i < 3) {
			r = sc_container_run_cli(argv, &out, &eo, &status);
		} else {
			r = crictl_id(ref, &out, &eo, &status, &id, &note);
			if (r == 0 && status == 0 && id == NULL) {
				sc_buf_addf(tried, "; crictl: %s", note);
				continue;
			}
			if (r == 0 && status == 0) {
				cargv[2] = id;
				r = sc_container_run_cli(cargv, &out, &eo,
				    &status);
			}
		}
		/* 127 with nothing said: exec failed after the fork (under
		 * valgrind, posix_spawnp cannot report it otherwise) */
		if (r < 0 || (status == 127 && eo.len == 0)) {
			sc_buf_addf(tried, "; %s: %s", tool, r == 0 ||
			    errno == ENOENT ? "not installed" : strerror(errno));
			r = 0;
			continue;
		}
		if (status == -2) {
			r = sc_err_set(err, SC_ERR_IO, "%s did not answer within "
			    "%d s (killed)", tool, SC_CONTAINER_CLI_TIMEOUT_MS / 1000);
			break;
		}
		if (status != 0) {
			add_complaint(tried, tool, &eo, status);
			continue;
		}
		r = sc_container_parse_inspect(tool, out.data, ref, ci, err);
		if (r == SC_OK && (ci->id == NULL ||
		    strlen(ci->id) != SC_CONTAINER_ID_LEN ||
		    !is_hex(ci->id, SC_CONTAINER_ID_LEN)))
			r = sc_err_set(err, SC_ERR_PARSE, "%s gave no full "
			    "container id for '%s'; refusing to scan process %ld",
			    tool, ref, ci->pid);
		else if (r == SC_OK) {
			ci->start_time = pid_start(ci->pid);
			docker_digests(ci, 1);
			r = 1;
		}
	}
	free(id);
	sc_buf_free(&out);
	sc_buf_free(&eo);
	return r;
}

/* ---- identity: the same facts however the container was named ------------- */

/* Copy what the runtime said (info) into ci where ci does not know it. */
static void
merge_identity(struct sc_container_info *ci,
    const struct sc_container_info *info)
{
	if (ci->name == NULL)
		set_str(&ci->name, info->name);
	if (ci->image == NULL)
		set_str(&ci->image, info->image);
	if (ci->image_id == NULL)
		set_str(&ci->image_id, info->image_id);
	if (ci->image_digest == NULL)
		set_str(&ci->image_digest, info->image_digest);
	if (ci->runtime == NULL)
		set_str(&ci->runtime, info->runtime);
}

static int
wants_identity(const struct sc_container_info *ci)
{
	return ci->id != NULL && ci->name == NULL;
}

/*
 * One `TOOL container inspect -- ID...` for every container still without
 * a name.  Runtimes print the containers they know even when they do not
 * know all (and then exit non-zero), so stdout is read whatever the status.
 */
static void
identify_with(const char *tool, struct sc_container_info *cis, size_t n)
{
	struct sc_buf out = SC_BUF_INIT, eo = SC_BUF_INIT;
	char **argv = sc_xcalloc(n + 5, sizeof(char *));
	json_t *doc = NULL;
	size_t i, k = 0;
	int status;

	argv[k++] = (char *)tool;
	argv[k++] = "container";
	argv[k++] = "inspect";
	argv[k++] = "--";
	for (i = 0; i < n; i++)
		if (wants_identity(&cis[i]))
			argv[k++] = cis[i].id;
	if (k == 4 || sc_container_run_cli(argv, &out, &eo, &status) < 0 ||
	    out.len == 0)
		goto out;
	doc = json_loads(out.data, 0, NULL);
	for (i = 0; json_is_array(doc) && i < json_array_size(doc); i++) {
		struct sc_container_info t;
		size_t j;

		memset(&t, 0, sizeof(t));
		if (parse_docker_obj(tool, json_array_get(doc, i), tool, &t,
		    NULL) == SC_OK && t.id != NULL) {
			set_str(&t.runtime, strcmp(tool, "nerdctl") == 0 ?
			    "containerd" : tool);
			for (j = 0; j < n; j++)
				if (wants_identity(&cis[j]) &&
				    strcmp(cis[j].id, t.id) == 0)
					merge_identity(&cis[j], &t);
		}
		sc_container_info_free(&t);
	}
out:
	json_decref(doc);
	free(argv);
	sc_buf_free(&out);
	sc_buf_free(&eo);
}

/* crictl, one container at a time (Kubernetes nodes). */
static void
identify_crictl(struct sc_container_info *ci)
{
	struct sc_buf out = SC_BUF_INIT, eo = SC_BUF_INIT;
	char *argv[] = { "crictl", "inspect", ci->id, NULL };
	struct sc_container_info t;
	int status;

	memset(&t, 0, sizeof(t));
	if (sc_container_run_cli(argv, &out, &eo, &status) == 0 && status == 0 &&
	    sc_container_parse_inspect("crictl", out.data, ci->id, &t,
	    NULL) == SC_OK && t.id != NULL && strcmp(t.id, ci->id) == 0)
		merge_identity(ci, &t);
	sc_container_info_free(&t);
	sc_buf_free(&out);
	sc_buf_free(&eo);
}

void
sc_container_identify(struct sc_container_info *cis, size_t n)
{
	static const char *tools[] = { "podman", "docker", "nerdctl" };
	size_t i, t, left;

	for (t = 0; t < sizeof(tools) / sizeof(tools[0]); t++) {
		for (i = left = 0; i < n; i++)
			left += wants_identity(&cis[i]);
		if (left == 0)
			break;
		identify_with(tools[t], cis, n);
	}
	for (i = 0; i < n; i++)
		if (wants_identity(&cis[i]))
			identify_crictl(&cis[i]);
	docker_digests(cis, n);
}

int
sc_container_list(struct sc_container_info **out, size_t *nout,
    struct sc_err *err)
{
	struct match *m;
	size_t n, i, j, cap = 0;

	(void)err;
	*out = NULL;
	*nout = 0;
	scan_cgroups("", &m, &n);
	for (i = 0; i < n; i++) {
		const struct match *init;
		struct match *same = NULL;
		size_t ns = 0, cs = 0;

		for (j = 0; j < *nout && strcmp((*out)[j].id, m[i].id) != 0; j++)
			;
		if (j < *nout)
			continue;	/* already listed */
		for (j = i; j < n; j++)
			if (strcmp(m[j].id, m[i].id) == 0) {
				SC_GROW(same, cs, ns + 1);
				same[ns++] = m[j];
			}
		init = pick_init(same, ns);
		SC_GROW(*out, cap, *nout + 1);
		memset(&(*out)[*nout], 0, sizeof(**out));
		(*out)[*nout].pid = init->pid;
		set_str(&(*out)[*nout].id, init->id);
		set_str(&(*out)[*nout].runtime, init->runtime);
		set_str(&(*out)[*nout].how, "its cgroup");
		(*out)[*nout].start_time = pid_start(init->pid);
		(*nout)++;
		free(same);
	}
	free(m);
	return SC_OK;
}

/* ---- resolution ----------------------------------------------------------- */

static int
all_digits(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return i > 0;
}

int
sc_container_resolve(const char *ref, struct sc_container_info *ci,
    struct sc_err *err)
{
	struct sc_buf tried = SC_BUF_INIT;
	size_t len = strlen(ref);
	int hex = len > 0 && len <= SC_CONTAINER_ID_LEN && is_hex(ref, len);
	int r;

	memset(ci, 0, sizeof(*ci));
	if (len == 0)
		return sc_err_set(err, SC_ERR_INVAL, "--container needs a PID, "
		    "a container id or a name");
	sc_buf_reset(&tried);
	if (all_digits(ref) && len <= 10) {
		ci->pid = strtol(ref, NULL, 10);
		ci->start_time = pid_start(ci->pid);
		if (ci->start_time != 0) {
			set_str(&ci->how, "PID");
			r = 1;
			goto out;
		}
		ci->pid = 0;
		sc_buf_addf(&tried, "no process %s", ref);
	}
	if (hex && len >= SHORT_ID) {
		if ((r = by_cgroup(ref, ci, err)) != 0)
			goto out;
		sc_buf_addf(&tried, "%sno process in /proc/*/cgroup belongs to "
		    "a container id starting with %s", tried.len ? "; " : "", ref);
	}
	if (valid_name(ref)) {
		if (tried.len == 0)
			sc_buf_adds(&tried, "not a PID or a container id");
		if ((r = by_name(ref, ci, &tried, err)) != 0)
			goto out;
	} else if (!hex) {
		r = sc_err_set(err, SC_ERR_INVAL, "'%s' is not a PID, a container "
		    "id or a container name", ref);
		goto out;
	}
	if (hex && len < SHORT_ID) {
		if ((r = by_cgroup(ref, ci, err)) != 0)
			goto out;
		sc_buf_addf(&tried, "; no container id in /proc/*/cgroup starts "
		    "with %s", ref);
	}
	r = sc_err_set(err, SC_ERR_NOTFOUND, "cannot find container '%s': %s",
	    ref, tried.data);
out:
	sc_buf_free(&tried);
	if (r < 0)
		sc_container_info_free(ci);
	return r < 0 ? r : SC_OK;
}

/* ---- opening -------------------------------------------------------------- */

static int
proc_err(struct sc_err *err, long pid, const char *what, int e)
{
	if (e == EACCES || e == EPERM)
		return sc_err_set(err, SC_ERR_ACCESS, "cannot read %s of process "
		    "%ld: permission denied (scanning a container needs root)",
		    what, pid);
	if (e == ENOENT || e == ESRCH)
		return sc_err_set(err, SC_ERR_NOTFOUND, "process %ld has exited",
		    pid);
	return sc_err_set(err, sc_err_from_errno(e), "cannot read %s of "
	    "process %ld: %s", what, pid, strerror(e));
}

/* The first line of a cgroup file, printable and short, for messages. */
static void
cgroup_line(const char *text, char *out, size_t size)
{
	size_t i, k = 0;

	for (i = 0; text[i] != '\0' && text[i] != '\n' && k + 1 < size; i++)
		out[k++] = text[i] >= 0x20 && text[i] < 0x7f ? text[i] : '?';
	out[k] = '\0';
}

/* Whether process PFD has a mount namespace of its own (not the host's,
 * as PID 1 has it where that can be read, nor the scanner's). */
static int
own_mount_ns(int pfd)
{
	struct stat me, self, init;

	if (fstatat(pfd, "ns/mnt", &me, 0) < 0 ||
	    stat("/proc/self/ns/mnt", &self) < 0)
		return 0;
	if (me.st_dev == self.st_dev && me.st_ino == self.st_ino)
		return 0;
	return stat("/proc/1/ns/mnt", &init) < 0 ||
	    me.st_dev != init.st_dev || me.st_ino != init.st_ino;
}

/*
 * The process must belong to the container it was resolved as: its cgroup
 * names that full id.  A bare PID takes the id its cgroup names, or must
 * have a mount namespace of its own (container.h).
 */
static int
recheck(int pfd, struct sc_container_info *ci, struct sc_err *err)
{
	struct sc_buf b = SC_BUF_INIT;
	char id[SC_CONTAINER_ID_LEN + 1], line[128];
	const char *rt = NULL;
	int r = SC_OK, m;

	if (read_proc(pfd, "cgroup", PROC_SMALL_MAX, &b) < 0) {
		r = proc_err(err, ci->pid, "the cgroup", errno);
		goto out;
	}
	if (ci->id == NULL && sc_container_cgroup_id(b.data, id, &rt))
		set_str(&ci->id, id);	/* a bare PID: its cgroup says */
	if (ci->id == NULL) {
		if (!own_mount_ns(pfd)) {
			cgroup_line(b.data, line, sizeof(line));
			r = sc_err_set(err, SC_ERR_INVAL, "process %ld is not in a "
			    "container: its cgroup (%s) names none and it shares "
			    "the host's mount namespace; refusing to scan it "
			    "(scan the host with --rootfs /)", ci->pid, line);
		}
		goto out;
	}
	m = sc_container_cgroup_matches(b.data, ci->id, id);
	if (m < 0) {
		r = sc_err_set(err, SC_ERR_INVAL, "process %ld belongs to "
		    "container %.12s, not %.12s (%s); refusing to scan it",
		    ci->pid, id, ci->id, ci->how ? ci->how : "?");
		goto out;
	}
	if (m == 0) {
		cgroup_line(b.data, line, sizeof(line));
		r = sc_err_set(err, SC_ERR_INVAL, "process %ld belongs to no "
		    "container (its cgroup is %s), not %.12s (%s); refusing to "
		    "scan it", ci->pid, line, ci->id, ci->how ? ci->how : "?");
		goto out;
	}
	(void)sc_container_cgroup_id(b.data, id, &rt);
	if (rt != NULL && (ci->runtime == NULL || strcmp(ci->runtime, "cri") == 0))
		set_str(&ci->runtime, rt);
out:
	sc_buf_free(&b);
	return r;
}

static int
load_environ(struct sc_target *t, int pfd, long pid, struct sc_err *err)
{
	struct sc_buf b = SC_BUF_INIT;
	size_t off;

	if (read_proc(pfd, "environ", ENVIRON_MAX, &b) < 0) {
		int e = errno;

		sc_buf_free(&b);
		if (e == EFBIG)
			return sc_err_set(err, SC_ERR_TOOBIG, "the environment of "
			    "process %ld is over %u bytes", pid, ENVIRON_MAX);
		return proc_err(err, pid, "the environment", e);
	}
	for (off = 0; off < b.len; off += strlen(b.data + off) + 1) {
		const char *s = b.data + off;

		if (*s != '\0' && *s != '=' && strchr(s, '=') != NULL)
			(void)sc_target_putenv(t, s, NULL);
	}
	sc_buf_free(&b);
	return SC_OK;
}

/*
 * The process's user namespace maps (uid_map, gid_map, as seen from the
 * scanner's namespace).  Identity maps are not set.  Returns 1 when the
 * ids are remapped.
 */
int
sc_container_parse_idmap(const char *text, struct sc_idmap **out, size_t *n)
{
	const char *line, *nl;
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	for (line = text; line && *line; line = nl ? nl + 1 : NULL) {
		unsigned long in, outside, count;

		nl = strchr(line, '\n');
		if (sscanf(line, "%lu %lu %lu", &in, &outside, &count) != 3)
			continue;
		SC_GROW(*out, cap, *n + 1);
		(*out)[*n].inside = in;
		(*out)[*n].outside = outside;
		(*out)[*n].count = count;
		(*n)++;
	}
	if (*n == 1 && (*out)[0].inside == 0 && (*out)[0].outside == 0 &&
	    (*out)[0].count == 4294967295UL) {
		SC_FREE(*out);
		*n = 0;
	}
	return *n > 0;
}

/* Whether the scanner runs in the user namespace of process pfd. */
static int
same_userns(int pfd)
{
	struct stat a, b;

	return stat("/proc/self/ns/user", &a) == 0 &&
	    fstatat(pfd, "ns/user", &b, 0) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

static int
load_idmaps(struct sc_target *t, int pfd, struct sc_target_runtime *rt,
    long pid, struct sc_err *err)
{
	static const char *files[] = { "uid_map", "gid_map" };
	struct sc_buf b = SC_BUF_INIT;
	struct sc_idmap *m;
	size_t n;
	int k;

	/*
	 * From inside the container's own user namespace (`podman unshare`
	 * for a rootless container), the kernel already shows owners as the
	 * container sees them and the maps are relative to the parent:
	 * mapping again would map twice.
	 */
	int same = same_userns(pfd);

	for (k = 0; k < 2; k++) {
		if (read_proc(pfd, files[k], PROC_SMALL_MAX, &b) < 0) {
			int e = errno;

			sc_buf_free(&b);
			return proc_err(err, pid, files[k], e);
		}
		if (sc_container_parse_idmap(b.data, &m, &n)) {
			if (!same)
				sc_target_set_idmap(t, k, m, n);
			rt->userns = 1;
		}
		free(m);
	}
	sc_buf_free(&b);
	if (rt->userns && !same) {
		/* the process's own ids, as it sees them too */
		struct stat st;
		int i;

		for (i = 0; i < 4; i++) {
			memset(&st, 0, sizeof(st));
			st.st_uid = (uid_t)rt->uid[i];
			st.st_gid = (gid_t)rt->gid[i];
			sc_target_map_ids(t, &st);
			rt->uid[i] = st.st_uid;
			rt->gid[i] = st.st_gid;
		}
	}
	return SC_OK;
}

static void
add_facts(struct sc_target *t, const struct sc_container_info *ci,
    const struct sc_target_runtime *rt)
{
	static const char *seccomp[] = { "disabled", "strict", "filter" };
	char num[64];

	snprintf(num, sizeof(num), "%ld", ci->pid);
	sc_target_add_fact(t, FACT "pid", "number", num);
	if (ci->id)
		sc_target_add_fact(t, FACT "id", "string", ci->id);
	if (ci->name)
		sc_target_add_fact(t, FACT "name", "string", ci->name);
	if (ci->runtime)
		sc_target_add_fact(t, FACT "runtime", "string", ci->runtime);
	if (ci->image)
		sc_target_add_fact(t, FACT "image", "string", ci->image);
	if (ci->image_id)
		sc_target_add_fact(t, FACT "image-id", "string", ci->image_id);
	if (ci->image_digest)
		sc_target_add_fact(t, FACT "image-digest", "string",
		    ci->image_digest);
	snprintf(num, sizeof(num), "%lu", rt->uid[1]);
	sc_target_add_fact(t, FACT "uid", "number", num);
	snprintf(num, sizeof(num), "%lu", rt->gid[1]);
	sc_target_add_fact(t, FACT "gid", "number", num);
	snprintf(num, sizeof(num), "%016llx", rt->cap_eff);
	sc_target_add_fact(t, FACT "cap-eff", "string", num);
	if (rt->no_new_privs >= 0)
		sc_target_add_fact(t, FACT "no-new-privs", "boolean",
		    rt->no_new_privs ? "true" : "false");
	if (rt->seccomp >= 0 && rt->seccomp <= 2)
		sc_target_add_fact(t, FACT "seccomp", "string",
		    seccomp[rt->seccomp]);
	sc_target_add_fact(t, FACT "root-readonly", "boolean",
	    rt->root_readonly ? "true" : "false");
	sc_target_add_fact(t, FACT "userns", "boolean",
	    rt->userns ? "true" : "false");
}

/*
 * The mount table: facts for every listed mount, and the volumes and binds
 * the walk skips (mounts.h).  The host's table (for host paths) is
 * /proc/1/mountinfo, else the scanner's own.
 */
static int
load_mounts(struct sc_target *t, int pfd, long pid, int include_mounts,
    struct sc_err *err)
{
	struct sc_mounts *ms = sc_xcalloc(1, sizeof(*ms));
	struct sc_mounts host;
	size_t i;
	int r;

	memset(&host, 0, sizeof(host));
	if ((r = sc_mounts_read(pfd, "mountinfo", ms, err)) < 0) {
		sc_mounts_free(ms);
		free(ms);
		if (r == SC_ERR_TOOBIG)
			return r;
		return proc_err(err, pid, "the mount table", errno);
	}
	if (sc_mounts_read(AT_FDCWD, "/proc/1/mountinfo", &host, NULL) < 0) {
		sc_mounts_free(&host);
		(void)sc_mounts_read(AT_FDCWD, "/proc/self/mountinfo", &host,
		    NULL);
	}
	sc_mounts_classify(ms, &host, include_mounts);
	sc_mounts_free(&host);
	for (i = 0; i < ms->n; i++) {
		char *d;

		if (!ms->m[i].top)
			continue;
		d = sc_mount_describe(&ms->m[i]);
		sc_target_add_fact(t, FACT "mount", "string", d);
		free(d);
	}
	sc_mounts_attach(t, ms);
	return SC_OK;
}

int
sc_container_open_info(struct sc_target **out,
    const struct sc_container_info *resolved,
    const struct sc_container_opts *opts, struct sc_err *err)
{
	struct sc_container_info ci;
	struct sc_target_runtime rt;
	struct sc_target *t = NULL;
	struct sc_buf b = SC_BUF_INIT;
	struct statfs sfs;
	struct stat st;
	char path[64];
	int pfd = -1, pidfd = -1, rootfd = -1, r;

	*out = NULL;
	memset(&rt, 0, sizeof(rt));
	memset(&ci, 0, sizeof(ci));
	ci.pid = resolved->pid;
	set_str(&ci.id, resolved->id);
	merge_identity(&ci, resolved);
	set_str(&ci.how, resolved->how);
	snprintf(path, sizeof(path), "/proc/%ld", ci.pid);
	pfd = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (pfd < 0) {
		r = proc_err(err, ci.pid, "the directory", errno);
		goto out;
	}
	/* pinned: the process resolved, still running (its pidfd where the
	 * kernel has one), with the start time recorded when resolved */
	pidfd = open_pidfd(ci.pid);
	ci.start_time = resolved->start_time;
	errno = 0;
	if (ci.start_time == 0 && read_start(pfd, &ci.start_time) < 0) {
		r = proc_err(err, ci.pid, "the start time", errno ? errno : EIO);
		goto out;
	}
	if ((r = check_pinned(pfd, pidfd, ci.pid, ci.start_time, err)) < 0 ||
	    (r = recheck(pfd, &ci, err)) < 0)
		goto out;
	/* named by PID or id: ask the runtime who it is, as a name would */
	if (wants_identity(&ci) && !(opts && opts->no_identify))
		sc_container_identify(&ci, 1);
	if (read_proc(pfd, "status", PROC_SMALL_MAX, &b) < 0) {
		r = proc_err(err, ci.pid, "the status", errno);
		goto out;
	}
	if (sc_container_parse_status(b.data, &rt) < 0) {
		r = sc_err_set(err, SC_ERR_PARSE, "%s/status lacks Uid, Gid or "
		    "CapEff", path);
		goto out;
	}
	rt.pid = ci.pid;
	rootfd = openat(pfd, "root", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (rootfd < 0) {
		r = proc_err(err, ci.pid, "the root", errno);
		goto out;
	}
	if ((r = check_pinned(pfd, pidfd, ci.pid, ci.start_time, err)) < 0 ||
	    (r = recheck(pfd, &ci, err)) < 0)
		goto out;
	rt.root_readonly = fstatfs(rootfd, &sfs) == 0 &&
	    (sfs.f_flags & ST_RDONLY) != 0;
	snprintf(path, sizeof(path), "/proc/%ld/root", ci.pid);
	r = sc_target_open_fd(&t, rootfd, SC_TARGET_CONTAINER, path, err);
	rootfd = -1;
	if (r < 0)
		goto out;
	if ((r = load_environ(t, pfd, ci.pid, err)) < 0 ||
	    (r = load_idmaps(t, pfd, &rt, ci.pid, err)) < 0)
		goto out;
	sc_target_set_runtime(t, &rt);
	add_facts(t, &ci, &rt);
	if ((r = load_mounts(t, pfd, ci.pid, opts && opts->include_mounts,
	    err)) < 0)
		goto out;
	/* what was read through /proc/PID is the pinned process's */
	if ((r = check_pinned(pfd, pidfd, ci.pid, ci.start_time, err)) < 0)
		goto out;
	if (ci.name != NULL) {
		sc_target_set_name(t, ci.name);
	} else if (ci.id != NULL) {
		char s[SHORT_ID + 1];

		snprintf(s, sizeof(s), "%s", ci.id);
		sc_target_set_name(t, s);
	} else if (sc_target_stat(t, "/etc/hostname", &st, NULL) < 0) {
		snprintf(path, sizeof(path), "pid-%ld", ci.pid);
		sc_target_set_name(t, path);
	}
	*out = t;
	t = NULL;
out:
	sc_target_free(t);
	if (rootfd >= 0)
		close(rootfd);
	if (pfd >= 0)
		close(pfd);
	if (pidfd >= 0)
		close(pidfd);
	sc_buf_free(&b);
	sc_container_info_free(&ci);
	return r;
}

int
sc_container_open_opts(struct sc_target **out, const char *ref,
    const struct sc_container_opts *opts, struct sc_err *err)
{
	struct sc_container_info ci;
	int r;

	*out = NULL;
	if ((r = sc_container_resolve(ref, &ci, err)) < 0)
		return r;
	r = sc_container_open_info(out, &ci, opts, err);
	sc_container_info_free(&ci);
	return r;
}

int
sc_container_open(struct sc_target **out, const char *ref, struct sc_err *err)
{
	return sc_container_open_opts(out, ref, NULL, err);
}
