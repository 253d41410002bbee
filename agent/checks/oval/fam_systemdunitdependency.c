/*
 * fam_systemdunitdependency.c - linux:systemdunitdependency_test, offline.
 *
 * For every unit of the target whose name the object's <unit> matches
 * (oval_systemd.h: unit files and drop-ins, never a running systemd):
 * one item, unit and each unit it depends on (Requires, Requisite, Wants,
 * BindsTo and the .wants/ and .requires/ directories, recursively), as
 * `systemctl list-dependencies` would list them.  A masked unit has no
 * dependencies.
 */
#include "checks/oval/oval_collect.h"
#include "checks/oval/oval_family.h"
#include "checks/oval/oval_item.h"
#include "checks/oval/oval_systemd.h"

static const char *const obj[] = { "unit", NULL };
static const char *const ste[] = { "unit", "dependency", NULL };

static void
collect(struct sc_oval_doc *d, struct sc_oval_object *o)
{
	const struct sc_oval_entity *ue = sc_oval_collect_ent(o, "unit");
	struct sc_strv names = SC_STRV_INIT;
	struct sc_err err = SC_ERR_INIT;
	int m;

	if (sc_oval_systemd_names(d->rt->target, &names, &err) < 0) {
		sc_oval_collect_error(o, "%s", err.msg);
		goto out;
	}
	for (size_t i = 0; i < names.n; i++) {
		struct sc_strv deps = SC_STRV_INIT;
		struct sc_oval_item *it;

		if ((m = sc_oval_collect_match(o, ue, names.v[i])) < 0)
			break;
		if (m == 0)
			continue;
		if (sc_oval_systemd_deps(d->rt->target, names.v[i], &deps,
		    &err) < 0) {
			sc_oval_collect_error(o, "%s", err.msg);
			sc_strv_free(&deps);
			break;
		}
		it = sc_oval_item_new(SC_OVAL_KIND_SYSTEMDUNITDEPENDENCY);
		sc_oval_item_set(it, "unit", names.v[i]);
		for (size_t k = 0; k < deps.n; k++)
			sc_oval_item_set(it, "dependency", deps.v[k]);
		sc_strv_free(&deps);
		sc_oval_collect_emit(d, o, it);
	}
out:
	sc_strv_free(&names);
}

const struct sc_oval_family sc_fam_systemdunitdependency = {
	.ns = SC_OVAL_LINUX_NS,
	.prefix = "systemdunitdependency",
	.ns_short = "linux",
	.sc_ns = SC_OVAL_SC_LINUX_NS,
	.item = "systemdunitdependency_item",
	.obj_ents = obj,
	.ste_ents = ste,
	.item_ents = ste,
	.collect = collect,
};
