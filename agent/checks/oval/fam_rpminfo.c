/*
 * fam_rpminfo.c - linux:rpminfo_test: packages in the target's rpm
 * database (rpmdb.sqlite, probes/packages.h), compared as rpm versions
 * (evr, datatype evr_string, rpmvercmp).
 */
#include "checks/oval/oval_family.h"
#include "checks/oval/oval_item.h"
#include "checks/oval/oval_pkg.h"

static const char *const obj[] = { "name", NULL };
static const char *const ste[] = { "name", "arch", "epoch", "release",
	"version", "evr", "signature_keyid", NULL };

static void
collect(struct sc_oval_doc *d, struct sc_oval_object *o)
{
	sc_oval_pkg_collect(d, o, SC_OVAL_KIND_RPMINFO, "rpm");
}

const struct sc_oval_family sc_fam_rpminfo = {
	.ns = SC_OVAL_LINUX_NS,
	.prefix = "rpminfo",
	.ns_short = "linux",
	.sc_ns = SC_OVAL_SC_LINUX_NS,
	.item = "rpminfo_item",
	.obj_ents = obj,
	.ste_ents = ste,
	.item_ents = ste,
	.check = sc_oval_pkg_check,
	.collect = collect,
	.describe = sc_oval_pkg_describe,
	.describe_none = sc_oval_pkg_describe_none,
};
