/*
 * oval_pkg.h - package items for the package families (dpkginfo,
 * rpminfo): the target's installed packages (probes/packages.h) of one
 * database kind, as OVAL items with name, arch, epoch, release, version
 * and evr.
 *
 * A version "E:V-R" splits into epoch E ("0" when absent, as dpkg and rpm
 * compare it), version V and release R (after the last '-'; empty when
 * there is none); evr is "E:V-R" (or "E:V").  The architecture is not in
 * the databases stigcheck reads, so items carry no arch.
 */
#ifndef SC_OVAL_PKG_H
#define SC_OVAL_PKG_H

#include "checks/oval/oval_model.h"

/*
 * Collect the packages whose database path contains db_path_part
 * ("/dpkg/", "rpm") and whose name matches o's <name>, as items of kind.
 */
void sc_oval_pkg_collect(struct sc_oval_doc *d, struct sc_oval_object *o,
    enum sc_oval_kind kind, const char *db_path_part);

/* The object shape both families share: a <name>. */
int sc_oval_pkg_check(struct sc_oval_object *o, const char *owner,
    struct sc_err *err);

/* "package NAME EVR installed (SOURCE)" (a family describe operation) */
void sc_oval_pkg_describe(const struct sc_oval_item *it, struct sc_target *t,
    struct sc_oval_state *const *states, size_t n_states, struct sc_buf *out);

/* "no package NAME is installed (databases read: ...)" */
void sc_oval_pkg_describe_none(const struct sc_oval_object *o,
    struct sc_buf *out);

#endif
