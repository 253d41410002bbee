/*
 * oval_family.h - OVAL test families: one interface, one file each.
 *
 * A family (ind:textfilecontent54, unix:file, ...) is one
 * `const struct sc_oval_family` defined in its own file
 * (agent/checks/oval/fam_NAME.c) and one row of SC_OVAL_FAMILIES below.
 * The rest of the engine never names a family: parsing finds the family
 * of an element by namespace and name prefix, collection, item field
 * access, evidence, system-characteristics and freeing all go through the
 * family's operations.
 *
 * To add a family: write fam_NAME.c defining `sc_fam_NAME` and add
 * `X(NAME_UPPER, NAME)` here.
 *
 * Items of a family keep either the fields of struct sc_oval_item made for
 * the early families, or (new families) generic named values
 * (sc_oval_item_set); an operation left NULL uses the generic
 * implementation over those named values.
 */
#ifndef SC_OVAL_FAMILY_H
#define SC_OVAL_FAMILY_H

#include <libxml/tree.h>
#include <sys/stat.h>

#include "util/err.h"
#include "util/mem.h"

struct sc_oval_doc;
struct sc_oval_object;
struct sc_oval_state;
struct sc_oval_item;
struct sc_target;

/* X(ENUM_SUFFIX, file suffix): the families, in one place. */
#define SC_OVAL_FAMILIES(X)                                             \
	X(TEXTFILECONTENT54, textfilecontent54)                         \
	X(FILE, file)                                                   \
	X(FILEHASH58, filehash58)                                       \
	X(ENVIRONMENTVARIABLE58, environmentvariable58)                 \
	X(FAMILY, family)                                               \
	X(UNKNOWN, unknown)                                             \
	X(DPKGINFO, dpkginfo)                                           \
	X(RPMINFO, rpminfo)                                             \
	X(VARIABLE, variable)                                           \
	X(UNAME, uname)                                                 \
	X(PARTITION, partition)                                         \
	X(SYSCTL, sysctl)                                               \
	X(SYMLINK, symlink)                                             \
	X(PASSWORD, password)                                           \
	X(SHADOW, shadow)                                               \
	X(XMLFILECONTENT, xmlfilecontent)                               \
	X(SELINUXBOOLEAN, selinuxboolean)                               \
	X(SELINUXSECURITYCONTEXT, selinuxsecuritycontext)               \
	X(SYSTEMDUNITPROPERTY, systemdunitproperty)                     \
	X(SYSTEMDUNITDEPENDENCY, systemdunitdependency)                 \
	X(RPMVERIFYFILE, rpmverifyfile)

enum sc_oval_kind {
#define SC_OVAL_FAM_ENUM(U, l) SC_OVAL_KIND_##U,
	SC_OVAL_FAMILIES(SC_OVAL_FAM_ENUM)
#undef SC_OVAL_FAM_ENUM
	SC_OVAL_KIND__COUNT
};

/* family flags */
#define SC_OVAL_FAM_FILES	1u	/* objects locate files (filepath, or
					   path + filename, behaviors) */
#define SC_OVAL_FAM_NO_OBJECT	2u	/* tests have no object (unknown) */
#define SC_OVAL_FAM_SECRET	4u	/* the "password" entity holds a hash:
					   states compare it, evidence and
					   results show it redacted */

struct sc_oval_family {
	const char *ns;			/* definitions namespace */
	const char *prefix;		/* "textfilecontent54" */
	const char *ns_short;		/* "ind", "unix", "linux" */
	const char *sc_ns;		/* system-characteristics namespace */
	const char *item;		/* item element, "textfilecontent_item" */
	const char *const *obj_ents;	/* object entities, schema order */
	const char *const *ste_ents;	/* state entities stigcheck compares */
	const char *const *item_ents;	/* item entities, schema order */
	unsigned flags;			/* SC_OVAL_FAM_* */
	/* behaviors of its own the family reads from o->node (NULL: none) */
	const char *const *behaviors;

	/*
	 * The object's shape, once parsed (required entities, what is not
	 * supported; may compile what collection needs).  NULL: any.
	 */
	int (*check)(struct sc_oval_object *o, const char *owner,
	    struct sc_err *err);
	/*
	 * Collect the items of an object that is not located by files
	 * (SC_OVAL_FAM_FILES unset), emitting each (sc_oval_collect_emit).
	 */
	void (*collect)(struct sc_oval_doc *d, struct sc_oval_object *o);
	/* SC_OVAL_FAM_FILES: a file (name NULL: a directory) was located. */
	void (*located)(struct sc_oval_doc *d, struct sc_oval_object *o,
	    const char *dir, const char *name, const struct stat *lst);
	/* Item entity values (sc_oval_item_field); NULL: named values. */
	int (*field)(const struct sc_oval_item *it, const char *name,
	    size_t idx, struct sc_buf *out);
	/* One line of evidence for an existing item; NULL: named values. */
	void (*describe)(const struct sc_oval_item *it, struct sc_target *t,
	    struct sc_oval_state *const *states, size_t n_states,
	    struct sc_buf *out);
	/* The object in words when it found nothing. */
	void (*describe_none)(const struct sc_oval_object *o,
	    struct sc_buf *out);
	/* Append the entities of an existing item; NULL: named values. */
	void (*to_xml)(const struct sc_oval_item *it, xmlNodePtr n,
	    xmlNsPtr ns);
	/* Free the family's part of an item; NULL: nothing of its own. */
	void (*free_item)(struct sc_oval_item *it);
};

#define SC_OVAL_FAM_DECL(U, l) extern const struct sc_oval_family sc_fam_##l;
SC_OVAL_FAMILIES(SC_OVAL_FAM_DECL)
#undef SC_OVAL_FAM_DECL

/* The family of kind k. */
const struct sc_oval_family *sc_oval_family_get(enum sc_oval_kind k);

/*
 * The kind of an element named PREFIX_suffix (suffix "_test", "_object",
 * "_state") in a family namespace, or -1.
 */
int sc_oval_family_of(xmlNodePtr n, const char *suffix);

/* 1 when s is in the NULL-terminated list l. */
int sc_oval_family_in_list(const char *const *l, const char *s);

#endif
