/*
 * fam_partition.c - linux:partition_test.
 *
 * A root filesystem or an image has no mounts of its own: the object is
 * not applicable, and says so (a partition rule on such a target is then
 * notapplicable, never a guess from the scanning host's mounts).  For a
 * running container, reading its mountinfo is not implemented yet: the
 * object is an error that says so.
 */
#include "checks/oval/oval_collect.h"
#include "checks/oval/oval_family.h"

static const char *const obj[] = { "mount_point", NULL };
static const char *const ste[] = { "mount_point", "device", "uuid",
	"fs_type", "mount_options", "total_space", "space_used", "space_left",
	NULL };

static void
collect(struct sc_oval_doc *d, struct sc_oval_object *o)
{
	if (sc_target_kind(d->rt->target) == SC_TARGET_CONTAINER)
		sc_oval_collect_error(o, "partitions of a running container "
		    "(its mountinfo) are not supported yet");
	else
		sc_oval_collect_not_applicable(o, "a root filesystem or image "
		    "has no mounts of its own; partitions are the host's");
}

const struct sc_oval_family sc_fam_partition = {
	.ns = SC_OVAL_LINUX_NS,
	.prefix = "partition",
	.ns_short = "linux",
	.sc_ns = SC_OVAL_SC_LINUX_NS,
	.item = "partition_item",
	.obj_ents = obj,
	.ste_ents = ste,
	.item_ents = ste,
	.collect = collect,
};
