/*
 * fam_partition.c - linux:partition_test.
 *
 * A running container: its mount table (/proc/PID/mountinfo, read by the
 * container front end, target/mounts.h) as the container sees it, one
 * item per mount whose mount point matches the object: device (the mount
 * source), fs_type, and mount_options as /proc/mounts lists them (one
 * value per option), as OpenSCAP's probe reads a live system's mntent.
 * uuid and the space entities are not collected (the container's view of
 * block devices and free space is not its own): a state that checks them
 * finds no such entity.  A mount table with lines that did not parse is an
 * error, never a partial answer.
 *
 * A root filesystem or an image has no mounts of its own: the object is
 * not applicable, and says so (a partition rule on such a target is then
 * notapplicable, never a guess from the scanning host's mounts).
 */
#include <stdlib.h>
#include <string.h>

#include "checks/oval/oval_collect.h"
#include "checks/oval/oval_family.h"
#include "checks/oval/oval_item.h"
#include "target/mounts.h"

static const char *const obj[] = { "mount_point", NULL };
static const char *const ste[] = { "mount_point", "device", "uuid",
	"fs_type", "mount_options", "total_space", "space_used", "space_left",
	NULL };

static void
emit(struct sc_oval_doc *d, struct sc_oval_object *o, const struct sc_mount *m)
{
	struct sc_oval_item *it = sc_oval_item_new(SC_OVAL_KIND_PARTITION);
	char *opts = sc_xstrdup(m->opts ? m->opts : ""), *tok, *save;

	sc_oval_item_set(it, "mount_point", m->point);
	sc_oval_item_set(it, "device", m->source);
	sc_oval_item_set(it, "fs_type", m->fstype);
	for (tok = strtok_r(opts, ",", &save); tok;
	    tok = strtok_r(NULL, ",", &save))
		sc_oval_item_set(it, "mount_options", tok);
	free(opts);
	sc_oval_collect_emit(d, o, it);
}

static void
collect(struct sc_oval_doc *d, struct sc_oval_object *o)
{
	const struct sc_oval_entity *mp = sc_oval_collect_ent(o, "mount_point");
	const struct sc_mounts *ms;

	if (sc_target_kind(d->rt->target) != SC_TARGET_CONTAINER) {
		sc_oval_collect_not_applicable(o, "a root filesystem or image "
		    "has no mounts of its own; partitions are the host's");
		return;
	}
	if ((ms = sc_mounts_get(d->rt->target)) == NULL) {
		sc_oval_collect_error(o, "the container's mount table was not "
		    "read");
		return;
	}
	if (ms->n_bad > 0) {
		sc_oval_collect_error(o, "%zu line%s of the container's mount "
		    "table did not parse", ms->n_bad, ms->n_bad == 1 ? "" : "s");
		return;
	}
	for (size_t i = 0; i < ms->n; i++) {
		int r = sc_oval_collect_match(o, mp, ms->m[i].point);

		if (r < 0)
			return;
		if (r > 0)
			emit(d, o, &ms->m[i]);
	}
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
