/*
 * oval_item.h - OVAL system-characteristics items: what was collected.
 *
 * One struct for every kind of item stigcheck collects; the fields a kind
 * does not use stay empty.  The first families (file_item,
 * textfilecontent_item, filehash58_item, environmentvariable58_item,
 * family_item) have fields of their own; later ones keep named values
 * (sc_oval_item_set), which the generic operations read, describe and
 * write in the family's item entity order.  Items are read by name the way
 * states compare them (sc_oval_item_field), described in plain words for
 * evidence (sc_oval_item_describe), and written as system characteristics
 * (sc_oval_item_to_xml); each through its family (oval_family.h).
 *
 * Secrets: items keep the values states compare; what leaves them
 * (evidence, results documents) is redacted: the text, lines and
 * subexpressions of textfilecontent items from password files
 * (/etc/shadow and friends, util/redact.h), and the value of environment
 * variables whose names say they hold secrets (PASSWORD, SECRET, TOKEN,
 * KEY, CREDENTIAL...).
 */
#ifndef SC_OVAL_ITEM_H
#define SC_OVAL_ITEM_H

#include <libxml/tree.h>
#include <sys/types.h>

#include "checks/oval/oval_model.h"
#include "target/target.h"
#include "util/mem.h"

struct sc_oval_item {
	unsigned long id;		/* in the results document; 0: not kept */
	enum sc_oval_kind kind;
	enum sc_oval_status status;
	char *message;			/* why, for status error */

	/* file kinds: directory and last component (NULL: a directory item) */
	char *path, *name;
	/* file_item */
	mode_t mode;
	unsigned long uid, gid;
	long long size, mtime;
	/* textfilecontent_item */
	char *pattern;
	unsigned long instance, line;
	char *text;			/* the match (redacted for secret files) */
	int secret;			/* read from a password file (by identity) */
	char **subs;			/* subexpressions */
	size_t n_subs;
	char *line_text;		/* the whole line, for evidence */
	char *note;			/* a reading of it, e.g. "package
					   dropbear 2024.86-r1 installed" */
	/* later families: named values, in the order set (a repeated name
	   is an entity with several values) */
	struct sc_strv vnames, vvals;
};

struct sc_oval_item *sc_oval_item_new(enum sc_oval_kind kind);
void sc_oval_item_free(struct sc_oval_item *it);
/* A copy of it, not yet kept (id 0). */
struct sc_oval_item *sc_oval_item_copy(const struct sc_oval_item *it);

/* path + "/" + name (the filepath), or path for a directory item. */
void sc_oval_item_filepath(const struct sc_oval_item *it, struct sc_buf *out);

/*
 * Value number idx of item entity name into out (reset first).  Returns 1
 * when there is one, 0 when there is no (further) value, -1 when the
 * entity exists but has no value (nil: a directory's filename).
 */
int sc_oval_item_field(const struct sc_oval_item *it, const char *name,
    size_t idx, struct sc_buf *out);

/*
 * One line of evidence: what the item is, in words, with the entities
 * named by the states (e.g. "/usr/lib/x.so owned by uid 1000 (app),
 * group gid 0 (root)"; "/usr/lib/apk/db/installed:12: package dropbear
 * 2024.86-r1 installed").  Owners are named from the target.
 */
void sc_oval_item_describe(const struct sc_oval_item *it,
    struct sc_target *t, struct sc_oval_state *const *states,
    size_t n_states, struct sc_buf *out);

/* Append the item as an element of its system-characteristics namespace. */
void sc_oval_item_to_xml(const struct sc_oval_item *it, xmlNodePtr parent);

/* Add a named value (a NULL value is skipped). */
void sc_oval_item_set(struct sc_oval_item *it, const char *name,
    const char *value);

/* Append <name>value</name> in ns to n (value NULL: empty); the element. */
xmlNodePtr sc_oval_item_xml_child(xmlNodePtr n, xmlNsPtr ns,
    const char *name, const char *value, const char *datatype);

/* The generic operations, over named values (oval_family.h). */
int sc_oval_item_named_field(const struct sc_oval_item *it, const char *name,
    size_t idx, struct sc_buf *out);
void sc_oval_item_named_describe(const struct sc_oval_item *it,
    struct sc_buf *out);
void sc_oval_item_named_to_xml(const struct sc_oval_item *it, xmlNodePtr n,
    xmlNsPtr ns);

/* Copy s into out, or nothing for NULL; 1 when copied, else 0. */
int sc_oval_item_str(struct sc_buf *out, const char *s);

#endif
