/*
 * native_runtime.c - <sc:runtime check="..."/>: the running container's
 * process, as the kernel reports it (target.h, struct sc_target_runtime).
 *
 *   not_root        PID 1 of the container does not run as uid 0 (real,
 *                   effective or saved, as the container sees them)
 *   no_dangerous_caps  neither its effective nor its bounding capability
 *                   set holds a capability that defeats the container's
 *                   isolation (SYS_ADMIN, SYS_MODULE, SYS_RAWIO,
 *                   SYS_PTRACE, SYS_BOOT, SYS_TIME, NET_ADMIN,
 *                   DAC_READ_SEARCH, LINUX_IMMUTABLE, MAC_ADMIN,
 *                   MAC_OVERRIDE, SYSLOG, BPF, PERFMON)
 *   no_new_privs    no_new_privs is set: setuid programs and file
 *                   capabilities cannot raise privileges
 *   readonly_root   the container's root filesystem is mounted read-only
 *   no_sensitive_mounts  nothing sensitive of the host is mounted in: the
 *                   host's /, /etc, /proc or /sys, a container runtime
 *                   socket or state directory, or any host path
 *                   read-write (target/mounts.h decides; each finding
 *                   names the mount).  A mount table with lines that did
 *                   not parse is an error, never a pass.
 *
 * Root filesystems and images have no running process: the result is
 * notapplicable, with a message saying so (never a pass).  One exception:
 * not_root on an image judges the user its config runs as (the image:user
 * fact, config.User): empty, "0", "root" or a name whose uid in the
 * image's /etc/passwd is 0 (with or without ":GROUP") is root and fails;
 * a name the image's /etc/passwd does not know is an error (the runtime
 * could not start it).
 */
#include <stdlib.h>
#include <string.h>

#include "checks/native.h"
#include "target/mounts.h"
#include "util/mem.h"

enum { R_NOT_ROOT, R_CAPS, R_NNP, R_RO, R_MOUNTS };

static const char *const attrs[] = { "check", NULL };
static const char *const checks[] = { "not_root", "no_dangerous_caps",
	"no_new_privs", "readonly_root", "no_sensitive_mounts", NULL };

static const struct {
	int bit;
	const char *name;
} dangerous[] = {
	{ 2, "CAP_DAC_READ_SEARCH" }, { 9, "CAP_LINUX_IMMUTABLE" },
	{ 12, "CAP_NET_ADMIN" }, { 16, "CAP_SYS_MODULE" },
	{ 17, "CAP_SYS_RAWIO" }, { 19, "CAP_SYS_PTRACE" },
	{ 21, "CAP_SYS_ADMIN" }, { 22, "CAP_SYS_BOOT" }, { 25, "CAP_SYS_TIME" },
	{ 32, "CAP_MAC_OVERRIDE" }, { 33, "CAP_MAC_ADMIN" },
	{ 34, "CAP_SYSLOG" }, { 38, "CAP_PERFMON" }, { 39, "CAP_BPF" },
};

static int
rt_parse(xmlNodePtr n, void **out, struct sc_err *err)
{
	int *c = sc_xcalloc(1, sizeof(int));
	int r;

	if ((r = sc_native_attr_enum(n, "check", checks, -1, c, err)) < 0) {
		free(c);
		return r;
	}
	*out = c;
	return SC_OK;
}

static const char *
image_user(struct sc_target *t)
{
	size_t n, i;
	const struct sc_fact *f = sc_target_facts(t, &n);

	for (i = 0; i < n; i++)
		if (strcmp(f[i].name, "urn:stigcheck:fact:image:user") == 0)
			return f[i].value;
	return NULL;
}

/* not_root for an image: the config's User, resolved in the image. */
static enum sc_result
image_not_root(struct sc_target *t, const char *cfg,
    struct sc_rule_result *rr)
{
	char *user = sc_xstrndup(cfg, strcspn(cfg, ":")), *end;
	const struct sc_account *a;
	enum sc_result res;
	unsigned long uid;

	if (*user == '\0') {
		sc_rr_add(rr, SC_MSG_ERROR, "the image config sets no User: its "
		    "containers run as root unless the runtime is told otherwise");
		res = SC_RESULT_FAIL;
		goto out;
	}
	uid = strtoul(user, &end, 10);
	if (*end != '\0' || user[0] < '0' || user[0] > '9') {
		a = sc_target_user_by_name(t, user);
		if (a == NULL) {
			sc_rr_addf(rr, SC_MSG_ERROR, "the image config's User "
			    "'%s' is not in the image's /etc/passwd: the runtime "
			    "cannot start it as that user", cfg);
			res = SC_RESULT_ERROR;
			goto out;
		}
		uid = a->id;
	}
	if (uid == 0) {
		sc_rr_addf(rr, SC_MSG_ERROR, "the image config's User is '%s' "
		    "(uid 0): its containers run as root", cfg);
		res = SC_RESULT_FAIL;
	} else {
		sc_rr_addf(rr, SC_MSG_INFO, "the image config's User is '%s' "
		    "(uid %lu)", cfg, uid);
		res = SC_RESULT_PASS;
	}
out:
	free(user);
	return res;
}

static enum sc_result
eval_mounts(const struct sc_target_runtime *rt, const struct sc_mounts *ms,
    struct sc_rule_result *rr)
{
	enum sc_result res = SC_RESULT_PASS;
	size_t i, listed = 0;

	if (ms == NULL) {
		sc_rr_addf(rr, SC_MSG_ERROR, "process %ld: its mount table "
		    "could not be read", rt->pid);
		return SC_RESULT_ERROR;
	}
	for (i = 0; i < ms->n; i++) {
		const struct sc_mount *m = &ms->m[i];
		char *d;

		if (!m->top)
			continue;
		listed++;
		if (m->sensitive == NULL)
			continue;
		d = sc_mount_describe(m);
		sc_rr_addf(rr, SC_MSG_ERROR, "%s is mounted at %s: %s [%s]",
		    m->host ? m->host : m->source, m->point, m->sensitive, d);
		free(d);
		res = SC_RESULT_FAIL;
	}
	if (ms->n_bad) {
		sc_rr_addf(rr, SC_MSG_ERROR, "process %ld: %zu lines of its "
		    "mount table did not parse", rt->pid, ms->n_bad);
		return SC_RESULT_ERROR;
	}
	if (res == SC_RESULT_PASS)
		sc_rr_addf(rr, SC_MSG_INFO, "process %ld: %zu volumes, bind "
		    "mounts and other mounts; none of the host's /, /etc, /proc, "
		    "/sys, runtime sockets or state, and no host path read-write",
		    rt->pid, listed);
	return res;
}

static enum sc_result
rt_eval(void *p, struct sc_scan_ctx *ctx, struct sc_rule_result *rr)
{
	const struct sc_target_runtime *rt = sc_target_runtime(ctx->target);
	struct sc_buf b = SC_BUF_INIT;
	enum sc_result res = SC_RESULT_PASS;
	int check = *(int *)p;

	if (rt == NULL && check == R_NOT_ROOT &&
	    sc_target_kind(ctx->target) == SC_TARGET_IMAGE &&
	    image_user(ctx->target) != NULL)
		return image_not_root(ctx->target, image_user(ctx->target), rr);
	if (rt == NULL) {
		sc_rr_add(rr, SC_MSG_INFO, "the target is not a running container "
		    "(it is a root filesystem or an image): this check needs a "
		    "running process (stigcheck --container)");
		return SC_RESULT_NOTAPPLICABLE;
	}
	switch (check) {
	case R_NOT_ROOT:
		if (rt->uid[0] == 0 || rt->uid[1] == 0 || rt->uid[2] == 0) {
			sc_rr_addf(rr, SC_MSG_ERROR, "process %ld runs as uid %lu "
			    "(effective %lu, saved %lu): root in the container",
			    rt->pid, rt->uid[0], rt->uid[1], rt->uid[2]);
			res = SC_RESULT_FAIL;
		} else {
			sc_rr_addf(rr, SC_MSG_INFO, "process %ld runs as uid %lu, "
			    "gid %lu", rt->pid, rt->uid[1], rt->gid[1]);
		}
		break;
	case R_CAPS:
		sc_buf_reset(&b);
		for (size_t i = 0; i < sizeof(dangerous) / sizeof(dangerous[0]); i++) {
			unsigned long long m = 1ULL << dangerous[i].bit;

			if (!((rt->cap_eff | rt->cap_bnd) & m))
				continue;
			sc_buf_addf(&b, "%s%s (%s)", b.len ? ", " : "",
			    dangerous[i].name, rt->cap_eff & m ? "effective" :
			    "bounding set");
		}
		if (b.len) {
			sc_rr_addf(rr, SC_MSG_ERROR, "process %ld holds %s", rt->pid,
			    b.data);
			res = SC_RESULT_FAIL;
		} else {
			sc_rr_addf(rr, SC_MSG_INFO, "process %ld: effective "
			    "capabilities %016llx, bounding %016llx: none that break "
			    "isolation", rt->pid, rt->cap_eff, rt->cap_bnd);
		}
		break;
	case R_NNP:
		if (rt->no_new_privs < 0) {
			sc_rr_addf(rr, SC_MSG_ERROR, "process %ld: the kernel does "
			    "not report no_new_privs", rt->pid);
			res = SC_RESULT_ERROR;
		} else if (!rt->no_new_privs) {
			sc_rr_addf(rr, SC_MSG_ERROR, "process %ld: no_new_privs is "
			    "not set (setuid programs can raise privileges)",
			    rt->pid);
			res = SC_RESULT_FAIL;
		} else {
			sc_rr_addf(rr, SC_MSG_INFO, "process %ld: no_new_privs is "
			    "set", rt->pid);
		}
		break;
	case R_MOUNTS:
		res = eval_mounts(rt, sc_mounts_get(ctx->target), rr);
		break;
	default:
		if (!rt->root_readonly) {
			sc_rr_addf(rr, SC_MSG_ERROR, "process %ld: the root "
			    "filesystem is mounted read-write", rt->pid);
			res = SC_RESULT_FAIL;
		} else {
			sc_rr_addf(rr, SC_MSG_INFO, "process %ld: the root "
			    "filesystem is mounted read-only", rt->pid);
		}
		break;
	}
	sc_buf_free(&b);
	return res;
}

const struct sc_native_kind sc_native_runtime_kind = {
	.name = "runtime",
	.attrs = attrs,
	.required = attrs,
	.parse = rt_parse,
	.prepare = NULL,
	.eval = rt_eval,
	.free = free,
	.summary = "the running container's user, capabilities, no_new_privs, "
	    "read-only root, host mounts",
};
