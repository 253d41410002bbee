/*
 * fam_shadow.c - unix:shadow_test: the target's /etc/shadow.
 *
 * One item per line whose user name the object's <username> matches:
 * username, password, chg_lst, chg_allow, chg_req, exp_warn, exp_inact,
 * exp_date (empty: -1), flag, and encrypt_method read from the hash's
 * prefix ($1$ MD5, $2a$/$2b$/$2y$ Blowfish, $md5 Sun MD5, $5$ SHA-256,
 * $6$ SHA-512, _ BSDi, 13 characters DES; none for an empty, locked-only
 * or other hash).  States compare the password field; it never leaves
 * the scanner: evidence and results carry it redacted (util/redact.h:
 * empty, '!', '*' and "x" stay, the hash is "[redacted]").
 */
#include <string.h>

#include "checks/oval/oval_acct.h"
#include "checks/oval/oval_family.h"
#include "checks/oval/oval_item.h"

static const char *const obj[] = { "username", NULL };
static const char *const ste[] = { "username", "password", "chg_lst",
	"chg_allow", "chg_req", "exp_warn", "exp_inact", "exp_date", "flag",
	"encrypt_method", NULL };
static const char *const fields[] = { "username", "password", "chg_lst",
	"chg_allow", "chg_req", "exp_warn", "exp_inact", "exp_date", "flag",
	NULL };
static const char *const numeric[] = { "chg_lst", "chg_allow", "chg_req",
	"exp_warn", "exp_inact", "exp_date", NULL };

static const struct {
	const char *prefix, *method;
} methods[] = {
	{ "$1$", "MD5" }, { "$2a$", "Blowfish" }, { "$2b$", "Blowfish" },
	{ "$2y$", "Blowfish" }, { "$md5", "Sun MD5" }, { "$5$", "SHA-256" },
	{ "$6$", "SHA-512" }, { "_", "BSDi" },
};

static void
extra(struct sc_oval_item *it, char **f, size_t n)
{
	const char *h = n > 1 ? f[1] : "";

	while (*h == '!')
		h++;
	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		if (strncmp(h, methods[i].prefix, strlen(methods[i].prefix)) == 0) {
			sc_oval_item_set(it, "encrypt_method", methods[i].method);
			return;
		}
	if (strlen(h) == 13 && strspn(h, "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz") == 13)
		sc_oval_item_set(it, "encrypt_method", "DES");
}

static void
collect(struct sc_oval_doc *d, struct sc_oval_object *o)
{
	sc_oval_acct_collect(d, o, SC_OVAL_KIND_SHADOW, "/etc/shadow", fields,
	    numeric, extra);
}

const struct sc_oval_family sc_fam_shadow = {
	.ns = SC_OVAL_UNIX_NS,
	.prefix = "shadow",
	.ns_short = "unix",
	.sc_ns = SC_OVAL_SC_UNIX_NS,
	.item = "shadow_item",
	.obj_ents = obj,
	.ste_ents = ste,
	.item_ents = ste,
	.flags = SC_OVAL_FAM_SECRET,
	.check = sc_oval_acct_check,
	.collect = collect,
};
