/*
 * oval_systemd.h - systemd units read offline from the target, for
 * linux:systemdunitproperty and linux:systemdunitdependency.
 *
 * Nothing asks a running systemd (no D-Bus): a unit is what its files in
 * the target say.  Unit directories, first wins: /etc/systemd/system,
 * /run/systemd/system, /usr/local/lib/systemd/system,
 * /usr/lib/systemd/system, /lib/systemd/system.  A unit's fragment is the
 * first NAME found (an instance foo@x.service falls back to the template
 * foo@.service); a fragment that is a link to /dev/null, or empty, masks
 * the unit.  Drop-ins NAME.d/ *.conf files of every directory are applied after
 * the fragment in file-name order (a name in an earlier directory hides
 * the same name in later ones).  NAME.wants/ and NAME.requires/ entries
 * of every directory add Wants= and Requires=.  Settings are kept by key
 * name: dependency lists (Requires, Requisite, Wants, BindsTo, PartOf,
 * Before, After, Conflicts, ...) accumulate, an empty assignment resets
 * them; other keys keep the last value.
 */
#ifndef SC_OVAL_SYSTEMD_H
#define SC_OVAL_SYSTEMD_H

#include "target/target.h"
#include "util/mem.h"

struct sc_oval_unit {
	char *name;
	int found;		/* a fragment exists */
	int masked;
	int has_install;	/* the fragment has an [Install] section */
	char *fragment;		/* its path, or NULL */
	struct sc_strv keys, vals;	/* merged settings */
};

/* Every unit name in the unit directories (sorted, unique) into out. */
int sc_oval_systemd_names(struct sc_target *t, struct sc_strv *out,
    struct sc_err *err);

/* Load unit name (found 0 when there is no fragment). */
int sc_oval_systemd_load(struct sc_target *t, const char *name,
    struct sc_oval_unit *u, struct sc_err *err);
void sc_oval_systemd_unit_free(struct sc_oval_unit *u);

/* The merged value of key ("" when unset). */
const char *sc_oval_systemd_get(const struct sc_oval_unit *u,
    const char *key);

/*
 * Whether name is enabled: a .wants/ or .requires/ entry of another unit
 * in /etc/systemd/system or /run/systemd/system names it.
 */
int sc_oval_systemd_enabled(struct sc_target *t, const char *name);

/*
 * The units name depends on (Requires, Requisite, Wants, BindsTo and
 * their directories), recursively, each once, into out (name excluded).
 */
int sc_oval_systemd_deps(struct sc_target *t, const char *name,
    struct sc_strv *out, struct sc_err *err);

#endif
