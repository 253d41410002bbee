/*
 * fam_selinuxsecuritycontext.c - linux:selinuxsecuritycontext_test.
 *
 * Security contexts are labels a running SELinux kernel enforces.  A root
 * filesystem or an image has no running kernel: the object is not
 * applicable, with that message.  A running container that sees no
 * selinuxfs runs where SELinux is not enabled for it: not applicable,
 * saying so.  A container under SELinux: reading its files' labels is not
 * implemented yet, an object error that says so (never a guess).
 */
#include "checks/oval/oval_collect.h"
#include "checks/oval/oval_family.h"

static const char *const obj[] = { "filepath", "path", "filename", "pid",
	NULL };
static const char *const ste[] = { "filepath", "path", "filename", "pid",
	"user", "role", "type", "low_sensitivity", "low_category",
	"high_sensitivity", "high_category", "rawlow_sensitivity",
	"rawlow_category", "rawhigh_sensitivity", "rawhigh_category", NULL };

static void
collect(struct sc_oval_doc *d, struct sc_oval_object *o)
{
	struct stat st;

	if (sc_target_kind(d->rt->target) != SC_TARGET_CONTAINER)
		sc_oval_collect_not_applicable(o, "a root filesystem or image has "
		    "no running kernel to enforce SELinux security contexts");
	else if (sc_target_stat(d->rt->target, "/sys/fs/selinux/enforce", &st,
	    NULL) < 0)
		sc_oval_collect_not_applicable(o, "the container sees no "
		    "selinuxfs: SELinux is not enabled for it");
	else
		sc_oval_collect_error(o, "security contexts of a container "
		    "under SELinux are not supported yet");
}

const struct sc_oval_family sc_fam_selinuxsecuritycontext = {
	.ns = SC_OVAL_LINUX_NS,
	.prefix = "selinuxsecuritycontext",
	.ns_short = "linux",
	.sc_ns = SC_OVAL_SC_LINUX_NS,
	.item = "selinuxsecuritycontext_item",
	.obj_ents = obj,
	.ste_ents = ste,
	.item_ents = ste,
	.collect = collect,
};
