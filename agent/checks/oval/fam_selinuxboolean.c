/*
 * fam_selinuxboolean.c - linux:selinuxboolean_test.
 *
 * SELinux booleans belong to a running kernel.  A root filesystem or an
 * image has none: the object is not applicable, with that message.  A
 * running container: from its view of selinuxfs (/sys/fs/selinux/
 * booleans/NAME holds "current pending"); a container that sees no
 * selinuxfs runs where SELinux is not enabled for it: not applicable,
 * saying so.  Items: name, current_status, pending_status (true/false).
 */
#include <stdlib.h>
#include <string.h>

#include "checks/oval/oval_collect.h"
#include "checks/oval/oval_family.h"
#include "checks/oval/oval_item.h"

#define BOOLS "/sys/fs/selinux/booleans"

static const char *const obj[] = { "name", NULL };
static const char *const ste[] = { "name", "current_status",
	"pending_status", NULL };

static void
collect_one(struct sc_oval_doc *d, struct sc_oval_object *o, const char *name)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_buf b = SC_BUF_INIT;
	struct sc_oval_item *it;
	char *path = sc_xasprintf(BOOLS "/%s", name);
	int r = sc_target_read_file(d->rt->target, path, 64, &b, NULL, &err);

	if (r < 0) {
		sc_oval_collect_error(o, "%s", err.msg);
		goto out;
	}
	if (b.len < 3 || (b.data[0] != '0' && b.data[0] != '1') ||
	    (b.data[2] != '0' && b.data[2] != '1')) {
		sc_oval_collect_error(o, "%s: not a boolean's state", path);
		goto out;
	}
	it = sc_oval_item_new(SC_OVAL_KIND_SELINUXBOOLEAN);
	sc_oval_item_set(it, "name", name);
	sc_oval_item_set(it, "current_status", b.data[0] == '1' ? "true" : "false");
	sc_oval_item_set(it, "pending_status", b.data[2] == '1' ? "true" : "false");
	sc_oval_collect_emit(d, o, it);
out:
	free(path);
	sc_buf_free(&b);
}

static void
collect(struct sc_oval_doc *d, struct sc_oval_object *o)
{
	const struct sc_oval_entity *ne = sc_oval_collect_ent(o, "name");
	struct sc_err err = SC_ERR_INIT;
	struct sc_strv names = SC_STRV_INIT;
	int r, m;

	if (sc_target_kind(d->rt->target) != SC_TARGET_CONTAINER) {
		sc_oval_collect_not_applicable(o, "a root filesystem or image has "
		    "no running kernel, so no SELinux booleans");
		return;
	}
	r = sc_target_list_dir(d->rt->target, BOOLS, &names, &err);
	if (r == SC_ERR_NOTFOUND || r == SC_ERR_NOTREG)
		sc_oval_collect_not_applicable(o, "the container sees no "
		    "selinuxfs (" BOOLS "): SELinux is not enabled for it");
	else if (r < 0)
		sc_oval_collect_error(o, "%s", err.msg);
	for (size_t i = 0; r == SC_OK && i < names.n; i++) {
		if ((m = sc_oval_collect_match(o, ne, names.v[i])) < 0)
			break;
		if (m)
			collect_one(d, o, names.v[i]);
	}
	sc_strv_free(&names);
}

const struct sc_oval_family sc_fam_selinuxboolean = {
	.ns = SC_OVAL_LINUX_NS,
	.prefix = "selinuxboolean",
	.ns_short = "linux",
	.sc_ns = SC_OVAL_SC_LINUX_NS,
	.item = "selinuxboolean_item",
	.obj_ents = obj,
	.ste_ents = ste,
	.item_ents = ste,
	.collect = collect,
};
