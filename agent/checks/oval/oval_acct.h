/*
 * oval_acct.h - items from the target's colon-separated account files
 * (/etc/passwd, /etc/shadow), for unix:password and unix:shadow.
 *
 * The file is read through the target (at most SC_LIMIT_ACCOUNTS_BYTES);
 * every line whose first field the object's <username> matches becomes
 * one item of kind, its fields named by names in order (NULL-terminated;
 * missing trailing fields are empty); fields in numeric (a NULL-terminated list of names) that
 * are empty get -1, as the C library reports them.  An absent file is no
 * item (does not exist); an unreadable one an object error.  extra, when
 * set, adds what is derived from the fields (n of them).
 */
#ifndef SC_OVAL_ACCT_H
#define SC_OVAL_ACCT_H

#include "checks/oval/oval_model.h"

struct sc_oval_item;

int sc_oval_acct_check(struct sc_oval_object *o, const char *owner,
    struct sc_err *err);

void sc_oval_acct_collect(struct sc_oval_doc *d, struct sc_oval_object *o,
    enum sc_oval_kind kind, const char *path, const char *const *names,
    const char *const *numeric,
    void (*extra)(struct sc_oval_item *it, char **fields, size_t n));

#endif
