/*
 * fam_password.c - unix:password_test: the target's /etc/passwd.
 *
 * One item per line whose user name the object's <username> matches:
 * username, password (as written there; old-style hashes are redacted in
 * evidence and results, SC_OVAL_FAM_SECRET), user_id, group_id, gcos,
 * home_dir, login_shell.  last_login (lastlog) is not collected.
 */
#include "checks/oval/oval_acct.h"
#include "checks/oval/oval_family.h"

static const char *const obj[] = { "username", NULL };
static const char *const ste[] = { "username", "password", "user_id",
	"group_id", "gcos", "home_dir", "login_shell", "last_login", NULL };
static const char *const fields[] = { "username", "password", "user_id",
	"group_id", "gcos", "home_dir", "login_shell", NULL };
static const char *const numeric[] = { "user_id", "group_id", NULL };

static void
collect(struct sc_oval_doc *d, struct sc_oval_object *o)
{
	sc_oval_acct_collect(d, o, SC_OVAL_KIND_PASSWORD, "/etc/passwd",
	    fields, numeric, NULL);
}

const struct sc_oval_family sc_fam_password = {
	.ns = SC_OVAL_UNIX_NS,
	.prefix = "password",
	.ns_short = "unix",
	.sc_ns = SC_OVAL_SC_UNIX_NS,
	.item = "password_item",
	.obj_ents = obj,
	.ste_ents = ste,
	.item_ents = ste,
	.flags = SC_OVAL_FAM_SECRET,
	.check = sc_oval_acct_check,
	.collect = collect,
};
