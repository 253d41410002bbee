/*
 * fam_sysctl.c - unix:sysctl_test: kernel parameters at run time.
 *
 * Only a running container has a kernel view: its /proc/sys, read
 * through the target (names "a.b.c" are /proc/sys/a/b/c; an object name
 * other than a literal equals is not supported there).  A root filesystem
 * or an image has no running kernel: the object is not applicable, so
 * what decides is the static configuration (sysctl.d files) that SSG
 * checks alongside, with OVAL's operators ignoring the not applicable
 * branch.
 */
#include <stdlib.h>
#include <string.h>

#include "checks/oval/oval_collect.h"
#include "checks/oval/oval_family.h"
#include "checks/oval/oval_item.h"

static const char *const obj[] = { "name", NULL };
static const char *const ste[] = { "name", "value", NULL };

static void
collect(struct sc_oval_doc *d, struct sc_oval_object *o)
{
	const struct sc_oval_entity *ne = sc_oval_collect_ent(o, "name");
	struct sc_err err = SC_ERR_INIT;
	struct sc_buf b = SC_BUF_INIT;
	struct sc_oval_item *it;
	char *path;
	int r;

	if (sc_target_kind(d->rt->target) != SC_TARGET_CONTAINER) {
		sc_oval_collect_not_applicable(o, "a root filesystem or image has "
		    "no running kernel; its sysctl.d configuration is what "
		    "applies");
		return;
	}
	if (ne == NULL || ne->var != NULL || ne->op != SC_OVAL_OP_EQUALS ||
	    ne->value == NULL || strstr(ne->value, "..") || strchr(ne->value, '/')) {
		sc_oval_collect_error(o, "only a literal <name> with operation "
		    "equals is supported");
		return;
	}
	path = sc_xasprintf("/proc/sys/%s", ne->value);
	for (char *p = path + 10; *p; p++)
		if (*p == '.')
			*p = '/';
	r = sc_target_read_file(d->rt->target, path, 65536, &b, NULL, &err);
	if (r == SC_OK) {
		while (b.len > 0 && (b.data[b.len - 1] == '\n' ||
		    b.data[b.len - 1] == ' '))
			b.data[--b.len] = '\0';
		it = sc_oval_item_new(SC_OVAL_KIND_SYSCTL);
		sc_oval_item_set(it, "name", ne->value);
		sc_oval_item_set(it, "value", b.data);
		sc_oval_collect_emit(d, o, it);
	} else if (r != SC_ERR_NOTFOUND) {
		sc_oval_collect_error(o, "%s", err.msg);
	}
	free(path);
	sc_buf_free(&b);
}

const struct sc_oval_family sc_fam_sysctl = {
	.ns = SC_OVAL_UNIX_NS,
	.prefix = "sysctl",
	.ns_short = "unix",
	.sc_ns = SC_OVAL_SC_UNIX_NS,
	.item = "sysctl_item",
	.obj_ents = obj,
	.ste_ents = ste,
	.item_ents = ste,
	.collect = collect,
};
