/*
 * fam_uname.c - unix:uname_test, as the target sees it.
 *
 * machine_class and processor_type come from the target's own binaries
 * (the ELF header of /bin/sh, else /usr/bin/env): the architecture the
 * root filesystem is built for.  node_name is the target's name.  A
 * container or root filesystem has no kernel of its own: os_release and
 * os_version are the scanning host's kernel (uname(2)), and the item's
 * evidence says so.
 */
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "checks/oval/oval_collect.h"
#include "checks/oval/oval_family.h"
#include "checks/oval/oval_item.h"

static const char *const none[] = { NULL };
static const char *const ste[] = { "machine_class", "node_name", "os_name",
	"os_release", "os_version", "processor_type", NULL };

/* ELF e_machine values and uname -m names */
static const struct {
	unsigned m;
	const char *name;
} machines[] = {
	{ 3, "i686" }, { 62, "x86_64" }, { 183, "aarch64" }, { 40, "armv7l" },
	{ 22, "s390x" }, { 21, "ppc64le" }, { 243, "riscv64" },
};

/* the architecture of the target's binaries, or NULL */
static const char *
target_arch(struct sc_target *t)
{
	static const char *const bins[] = { "/bin/sh", "/usr/bin/env", NULL };

	for (size_t i = 0; bins[i]; i++) {
		unsigned char h[20];
		struct sc_err err = SC_ERR_INIT;
		int fd;
		ssize_t n;
		unsigned m;

		if (sc_target_open_file(t, bins[i], &fd, NULL, &err) < 0)
			continue;
		n = read(fd, h, sizeof(h));
		close(fd);
		if (n < (ssize_t)sizeof(h) || memcmp(h, "\177ELF", 4) != 0)
			continue;
		m = h[5] == 2 ? (unsigned)h[18] << 8 | h[19] :
		    (unsigned)h[19] << 8 | h[18];
		for (size_t k = 0; k < sizeof(machines) / sizeof(machines[0]); k++)
			if (machines[k].m == m)
				return m == 21 && h[5] == 2 ? "ppc64" :
				    machines[k].name;
	}
	return NULL;
}

static void
collect(struct sc_oval_doc *d, struct sc_oval_object *o)
{
	struct sc_oval_item *it = sc_oval_item_new(SC_OVAL_KIND_UNAME);
	const char *arch = target_arch(d->rt->target);
	struct utsname u;

	if (arch == NULL) {
		sc_oval_item_free(it);
		sc_oval_collect_error(o, "the target's architecture is unknown "
		    "(no ELF /bin/sh or /usr/bin/env)");
		return;
	}
	sc_oval_item_set(it, "machine_class", arch);
	sc_oval_item_set(it, "node_name", sc_target_name(d->rt->target));
	sc_oval_item_set(it, "os_name", "Linux");
	if (uname(&u) == 0) {
		sc_oval_item_set(it, "os_release", u.release);
		sc_oval_item_set(it, "os_version", u.version);
	}
	sc_oval_item_set(it, "processor_type", arch);
	sc_oval_collect_emit(d, o, it);
}

static void
describe(const struct sc_oval_item *it, struct sc_target *t,
    struct sc_oval_state *const *states, size_t n_states, struct sc_buf *out)
{
	(void)t;
	(void)states;
	(void)n_states;
	sc_oval_item_named_describe(it, out);
	sc_buf_adds(out, " (architecture from the target's binaries; "
	    "os_release and os_version are the scanning host's kernel)");
}

const struct sc_oval_family sc_fam_uname = {
	.ns = SC_OVAL_UNIX_NS,
	.prefix = "uname",
	.ns_short = "unix",
	.sc_ns = SC_OVAL_SC_UNIX_NS,
	.item = "uname_item",
	.obj_ents = none,
	.ste_ents = ste,
	.item_ents = ste,
	.collect = collect,
	.describe = describe,
};
