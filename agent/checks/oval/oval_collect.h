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

#endif
