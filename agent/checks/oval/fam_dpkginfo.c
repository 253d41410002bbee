/*
 * fam_dpkginfo.c - linux:dpkginfo_test: packages in the target's dpkg
 * database (/var/lib/dpkg/status and status.d), compared as Debian
 * versions (evr, datatype debian_evr_string).
 */
#include "checks/oval/oval_family.h"
#include "checks/oval/oval_item.h"
#include "checks/oval/oval_pkg.h"

static const char *const obj[] = { "name", NULL };
static const char *const ste[] = { "name", "arch", "epoch", "release",
	"version", "evr", NULL };

static void
collect(struct sc_oval_doc *d, struct sc_oval_object *o)
{
	sc_oval_pkg_collect(d, o, SC_OVAL_KIND_DPKGINFO, "/dpkg/");
}

const struct sc_oval_family sc_fam_dpkginfo = {
	.ns = SC_OVAL_LINUX_NS,
	.prefix = "dpkginfo",
	.ns_short = "linux",
	.sc_ns = SC_OVAL_SC_LINUX_NS,
	.item = "dpkginfo_item",
	.obj_ents = obj,
	.ste_ents = ste,
	.item_ents = ste,
	.check = sc_oval_pkg_check,
	.collect = collect,
	.describe = sc_oval_pkg_describe,
	.describe_none = sc_oval_pkg_describe_none,
};
