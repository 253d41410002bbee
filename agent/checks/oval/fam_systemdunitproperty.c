/*
 * fam_systemdunitproperty.c - linux:systemdunitproperty_test, offline.
 *
 * For every unit of the target whose name the object's <unit> matches
 * (oval_systemd.h: unit files and drop-ins, never a running systemd), one
 * item per property the object's <property> matches, among:
 *  - Id (the name), LoadState (loaded, masked), UnitFileState (masked;
 *    enabled when a .wants/ or .requires/ entry under /etc or /run names
 *    it; static without an [Install] section; else disabled),
 *    FragmentPath;
 *  - every setting of the unit's files (Description, ExecStart, Wants...)
 *    by its key name, merged as systemd does.
 * ActiveState and SubState are the running manager's: a root filesystem,
 * an image or a container scanned offline has none to ask, so an object
 * naming them is not applicable (said so), and SSG's definitions are
 * decided by their static halves (dependencies, LoadState), as OVAL's
 * operators ignore not applicable branches.
 */
#include <string.h>

#include "checks/oval/oval_collect.h"
#include "checks/oval/oval_family.h"
#include "checks/oval/oval_item.h"
#include "checks/oval/oval_systemd.h"

static const char *const obj[] = { "unit", "property", NULL };
static const char *const ste[] = { "unit", "property", "value", NULL };

static void
emit(struct sc_oval_doc *d, struct sc_oval_object *o, const char *unit,
    const char *prop, const char *value)
{
	struct sc_oval_item *it = sc_oval_item_new(
	    SC_OVAL_KIND_SYSTEMDUNITPROPERTY);

	sc_oval_item_set(it, "unit", unit);
	sc_oval_item_set(it, "property", prop);
	sc_oval_item_set(it, "value", value);
	sc_oval_collect_emit(d, o, it);
}

/* the properties of one loaded unit; -1 on a match error */
static int
unit_props(struct sc_oval_doc *d, struct sc_oval_object *o,
    const struct sc_oval_unit *u)
{
	const struct sc_oval_entity *pe = sc_oval_collect_ent(o, "property");
	const char *ufs = u->masked ? "masked" :
	    sc_oval_systemd_enabled(d->rt->target, u->name) ? "enabled" :
	    !u->has_install ? "static" : "disabled";
	const char *fixed[][2] = {
		{ "Id", u->name },
		{ "LoadState", u->masked ? "masked" : "loaded" },
		{ "UnitFileState", ufs },
		{ "FragmentPath", u->masked ? "" : u->fragment },
	};
	int m;

	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		if ((m = sc_oval_collect_match(o, pe, fixed[i][0])) < 0)
			return -1;
		if (m)
			emit(d, o, u->name, fixed[i][0], fixed[i][1]);
	}
	for (size_t i = 0; i < u->keys.n; i++) {
		if (sc_oval_family_in_list((const char *const[]){ "Id",
		    "LoadState", "UnitFileState", "FragmentPath", NULL },
		    u->keys.v[i]))
			continue;
		if ((m = sc_oval_collect_match(o, pe, u->keys.v[i])) < 0)
			return -1;
		if (m)
			emit(d, o, u->name, u->keys.v[i], u->vals.v[i]);
	}
	return 0;
}

static void
collect(struct sc_oval_doc *d, struct sc_oval_object *o)
{
	const struct sc_oval_entity *ue = sc_oval_collect_ent(o, "unit");
	const struct sc_oval_entity *pe = sc_oval_collect_ent(o, "property");
	struct sc_strv names = SC_STRV_INIT;
	struct sc_err err = SC_ERR_INIT;
	int m;

	if (pe && (sc_oval_collect_match(o, pe, "ActiveState") == 1 ||
	    sc_oval_collect_match(o, pe, "SubState") == 1)) {
		sc_oval_collect_not_applicable(o, "a unit's ActiveState and "
		    "SubState are a running systemd's; none is asked offline");
		return;
	}
	if (sc_oval_systemd_names(d->rt->target, &names, &err) < 0) {
		sc_oval_collect_error(o, "%s", err.msg);
		goto out;
	}
	for (size_t i = 0; i < names.n; i++) {
		struct sc_oval_unit u;

		if ((m = sc_oval_collect_match(o, ue, names.v[i])) < 0)
			break;
		if (m == 0)
			continue;
		if (sc_oval_systemd_load(d->rt->target, names.v[i], &u, &err) < 0) {
			sc_oval_collect_error(o, "%s", err.msg);
			sc_oval_systemd_unit_free(&u);
			break;
		}
		m = u.found ? unit_props(d, o, &u) : 0;
		sc_oval_systemd_unit_free(&u);
		if (m < 0)
			break;
	}
out:
	sc_strv_free(&names);
}

const struct sc_oval_family sc_fam_systemdunitproperty = {
	.ns = SC_OVAL_LINUX_NS,
	.prefix = "systemdunitproperty",
	.ns_short = "linux",
	.sc_ns = SC_OVAL_SC_LINUX_NS,
	.item = "systemdunitproperty_item",
	.obj_ents = obj,
	.ste_ents = ste,
	.item_ents = ste,
	.collect = collect,
};
