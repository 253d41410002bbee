/*
 * oval_collect.h - collecting the items of OVAL objects from the target.
 *
 * Objects are collected once per scan, through the probes (probes/):
 *
 *  - unix:file, ind:textfilecontent54 and ind:filehash58 locate files with
 *    OVAL's file semantics: filepath (equals, pattern match), or path
 *    (equals, pattern match) and filename (any operation, or nil for the
 *    directory itself), with behaviors max_depth, recurse,
 *    recurse_direction (none, down) and recurse_file_system.  Paths named
 *    exactly are looked up directly; anything that needs to list or
 *    descend directories registers a search on the scan's one shared walk
 *    in the prepare phase (probes/tree.h) and collects while walking;
 *  - textfilecontent54 matches its pattern (multiline, singleline,
 *    ignore_case) in each regular file and keeps the instances its
 *    instance entity selects, with their subexpressions;
 *  - filehash58 hashes each regular file with every hash_type the object
 *    selects (MD5, SHA-1, SHA-224, SHA-256, SHA-384, SHA-512);
 *  - environmentvariable58 reads the target's environment (nil pid);
 *  - family reports "unix".
 *
 * Each item passes the object's filters, then is handed to every test
 * registered on the object (oval_eval.h), which evaluates its states at
 * once; only the first SC_OVAL_MAX_KEPT_ITEMS items of a document are kept
 * (for results documents and variables), so memory stays flat however
 * many files a recursive object finds.
 *
 * The object's flag follows OVAL: complete when items were found, does not
 * exist when none were, error (with a message) when the target could not
 * be read where it mattered.
 */
#ifndef SC_OVAL_COLLECT_H
#define SC_OVAL_COLLECT_H

#include "checks/oval/oval_item.h"
#include "checks/oval/oval_model.h"

/*
 * Prepare an object: register its walk search if it needs one.  Errors
 * (SC_ERR_UNSUPPORTED) name what cannot be collected.  Idempotent.
 */
int sc_oval_collect_prepare(struct sc_oval_doc *d, struct sc_oval_object *o,
    struct sc_err *err);

/* Feed t with o's items as they are collected (before collection). */
void sc_oval_collect_add_test(struct sc_oval_object *o, struct sc_oval_test *t);

/*
 * Collect o now if not done (direct objects), or close a walked object's
 * collection once the walk has run.  Sets o->flag.
 */
void sc_oval_collect(struct sc_oval_doc *d, struct sc_oval_object *o);

/* Test hook: how many items a document keeps (SC_OVAL_MAX_KEPT_ITEMS). */
void sc_oval_collect_set_keep_limit(unsigned long n);

/* The object in plain words, for evidence when it found nothing. */
void sc_oval_collect_describe(const struct sc_oval_object *o,
    struct sc_buf *out);

/* ---- for the families (oval_family.h) ---- */

/* Record an error collecting o (its flag becomes error); capped. */
void sc_oval_collect_error(struct sc_oval_object *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * The object's family does not apply to this target (its flag becomes
 * not applicable, and why is kept as the object's message).
 */
void sc_oval_collect_not_applicable(struct sc_oval_object *o,
    const char *why);

/*
 * An item of o was made: pass it through o's filters, keep it (up to the
 * document's limit) and feed o's tests.  Takes ownership of it.
 */
void sc_oval_collect_emit(struct sc_oval_doc *d, struct sc_oval_object *o,
    struct sc_oval_item *it);

/*
 * The values entity e names directly into out: its literal, or those of
 * its variable that match it by var_check.  -1 (recorded on o) on error;
 * 1 when a local variable has no value (nothing can match: o's flag
 * becomes does not exist, with a message).
 */
int sc_oval_collect_values(struct sc_oval_doc *d, struct sc_oval_object *o,
    const struct sc_oval_entity *e, struct sc_strv *out);

/* The object entity named name, or NULL. */
const struct sc_oval_entity *sc_oval_collect_ent(
    const struct sc_oval_object *o, const char *name);

/*
 * Whether value matches object entity e (NULL: any value); errors are
 * recorded on o.  1 matches, 0 does not, -1 error.
 */
int sc_oval_collect_match(struct sc_oval_object *o,
    const struct sc_oval_entity *e, const char *value);

/* The shape file families share: filepath, or path and filename. */
int sc_oval_collect_check_files(struct sc_oval_object *o, const char *owner,
    struct sc_err *err);

/*
 * Where a file object looks, in words; returns 1 when that is one path
 * named exactly.
 */
int sc_oval_collect_describe_where(const struct sc_oval_object *o,
    struct sc_buf *out);
/* describe_none for a file family: the regular file(s) it looks for are
   not there. */
void sc_oval_collect_describe_no_file(const struct sc_oval_object *o,
    struct sc_buf *out);
/* An entity's value(s) in words: "x", "pattern match '^a'", "the values
   of VAR". */
void sc_oval_collect_describe_entity(const struct sc_oval_entity *e,
    struct sc_buf *out);

#endif
