/*
 * native_accounts.c - <sc:accounts>: properties of the target's account
 * and group databases (/etc/passwd, /etc/group; never the host's).
 *
 *   check   one of:
 *           uid0_only_root   only the account named root has uid 0
 *           unique_users     no two accounts share a name or a uid
 *           unique_groups    no two groups share a name or a gid
 *           system_nologin   accounts with uid below the target's
 *                            UID_MIN (/etc/login.defs, default 1000),
 *                            other than root, have a shell that refuses
 *                            logins (nologin, false, /dev/null)
 *   <sc:allow>NAME</sc:allow>   accounts exempt (system_nologin only:
 *                               e.g. Debian's sync with /bin/sync)
 *
 * A missing /etc/passwd (or /etc/group) means there are no accounts to
 * check: pass, said in the evidence.  An unreadable one is an error.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "checks/native.h"
#include "util/mem.h"
#include "util/regex.h"

enum { C_UID0, C_UNIQUE_USERS, C_UNIQUE_GROUPS, C_NOLOGIN };

struct accounts_test {
	int check;
	struct sc_strv allow;
};

static const char *const attrs[] = { "check", NULL };
static const char *const required[] = { "check", NULL };
static const char *const checks[] = { "uid0_only_root", "unique_users",
	"unique_groups", "system_nologin", NULL };

static void
accounts_free(void *p)
{
	struct accounts_test *t = p;

	if (t == NULL)
		return;
	sc_strv_free(&t->allow);
	free(t);
}

static int
accounts_parse(xmlNodePtr n, void **out, struct sc_err *err)
{
	struct accounts_test *t = sc_xcalloc(1, sizeof(*t));
	int r;

	if ((r = sc_native_attr_enum(n, "check", checks, -1, &t->check, err)) < 0)
		goto fail;
	for (xmlNodePtr ch = n->children; ch; ch = ch->next) {
		if (ch->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)ch->name, "allow") != 0 ||
		    t->check != C_NOLOGIN) {
			r = sc_err_set(err, SC_ERR_PARSE,
			    "<accounts>: unexpected child <%s>", (const char *)ch->name);
			goto fail;
		}
		sc_strv_push_owned(&t->allow, sc_xml_text_collapsed(ch));
	}
	*out = t;
	return SC_OK;
fail:
	accounts_free(t);
	return r;
}

/* Is the table there?  Adds evidence; returns 1 to go on, or a result. */
static int
table_state(struct sc_target *tg, int which, struct sc_rule_result *rr,
    enum sc_result *res)
{
	const char *why = sc_target_accounts_error(tg, which);
	const char *path = which ? "/etc/group" : "/etc/passwd";
	struct stat st;

	if (why == NULL)
		return 1;
	if (sc_target_lstat(tg, path, &st, NULL) == SC_ERR_NOTFOUND) {
		sc_rr_addf(rr, SC_MSG_INFO, "%s does not exist: no %s to check",
		    path, which ? "groups" : "accounts");
		*res = SC_RESULT_PASS;
	} else {
		sc_rr_addf(rr, SC_MSG_ERROR, "%s", why);
		*res = SC_RESULT_ERROR;
	}
	return 0;
}

static enum sc_result
check_unique(struct sc_rule_result *rr, const struct sc_account *a, size_t n,
    const char *path, const char *kind)
{
	unsigned long dups = 0;

	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < i; j++) {
			if (strcmp(a[i].name, a[j].name) == 0) {
				sc_rr_addf(rr, SC_MSG_ERROR,
				    "%s:%u: %s name '%s' is also on line %u", path,
				    a[i].line, kind, a[i].name, a[j].line);
				dups++;
				break;
			}
			if (a[i].id == a[j].id) {
				sc_rr_addf(rr, SC_MSG_ERROR,
				    "%s:%u: %s '%s' has id %lu, as '%s' on line %u",
				    path, a[i].line, kind, a[i].name, a[i].id,
				    a[j].name, a[j].line);
				dups++;
				break;
			}
		}
	}
	if (dups) {
		sc_rr_addf(rr, SC_MSG_ERROR, "%s: %lu duplicate %s names or ids",
		    path, dups, kind);
		return SC_RESULT_FAIL;
	}
	sc_rr_addf(rr, SC_MSG_INFO, "%s: %zu %ss, names and ids all unique",
	    path, n, kind);
	return SC_RESULT_PASS;
}

/* UID_MIN from the target's /etc/login.defs, or 1000. */
static unsigned long
uid_min(struct sc_target *tg)
{
	struct sc_buf b = SC_BUF_INIT;
	struct sc_regex *re = NULL;
	struct sc_match m;
	unsigned long v = 1000;

	if (sc_target_read_file(tg, "/etc/login.defs", 1u << 20, &b, NULL,
	    NULL) == 0 &&
	    sc_regex_compile(&re, "^[ \\t]*UID_MIN[ \\t]+([0-9]+)",
	    SC_RE_MULTILINE, NULL) == 0 &&
	    sc_regex_search(re, b.data, b.len, 0, &m, NULL) == 1)
		v = strtoul(b.data + m.start[1], NULL, 10);
	sc_regex_free(re);
	sc_buf_free(&b);
	return v;
}

static int
refuses_login(const char *shell)
{
	static const char *const no[] = { "/sbin/nologin", "/usr/sbin/nologin",
		"/bin/nologin", "/usr/bin/nologin", "/bin/false", "/usr/bin/false",
		"/dev/null", NULL };

	for (size_t i = 0; no[i]; i++)
		if (strcmp(shell, no[i]) == 0)
			return 1;
	return 0;
}

static enum sc_result
accounts_eval(void *p, struct sc_scan_ctx *ctx, struct sc_rule_result *rr)
{
	struct accounts_test *t = p;
	struct sc_target *tg = ctx->target;
	const struct sc_account *a;
	enum sc_result res = SC_RESULT_PASS;
	unsigned long bad = 0, lim;
	size_t n;

	if (!table_state(tg, t->check == C_UNIQUE_GROUPS, rr, &res))
		return res;
	switch (t->check) {
	case C_UID0:
		a = sc_target_users(tg, &n);
		for (size_t i = 0; i < n; i++) {
			if (a[i].id != 0 || strcmp(a[i].name, "root") == 0)
				continue;
			sc_rr_addf(rr, SC_MSG_ERROR,
			    "/etc/passwd:%u: account '%s' has uid 0", a[i].line,
			    a[i].name);
			bad++;
		}
		if (bad)
			return SC_RESULT_FAIL;
		sc_rr_addf(rr, SC_MSG_INFO, "/etc/passwd: %s",
		    sc_target_user_by_uid(tg, 0) ? "only root has uid 0" :
		    "no account has uid 0");
		return SC_RESULT_PASS;
	case C_UNIQUE_USERS:
		a = sc_target_users(tg, &n);
		return check_unique(rr, a, n, "/etc/passwd", "account");
	case C_UNIQUE_GROUPS:
		a = sc_target_groups(tg, &n);
		return check_unique(rr, a, n, "/etc/group", "group");
	default:
		lim = uid_min(tg);
		a = sc_target_users(tg, &n);
		for (size_t i = 0; i < n; i++) {
			const char *sh = a[i].shell[0] ? a[i].shell : "/bin/sh";

			if (a[i].id >= lim || a[i].id == 0 ||
			    sc_strv_find(&t->allow, a[i].name) >= 0 ||
			    refuses_login(sh))
				continue;
			sc_rr_addf(rr, SC_MSG_ERROR, "/etc/passwd:%u: system account "
			    "'%s' (uid %lu) has login shell %s%s", a[i].line,
			    a[i].name, a[i].id, sh, a[i].shell[0] ? "" :
			    " (an empty shell field means /bin/sh)");
			bad++;
		}
		if (bad)
			return SC_RESULT_FAIL;
		sc_rr_addf(rr, SC_MSG_INFO, "/etc/passwd: every system account "
		    "(uid below %lu, root and allowed names aside) refuses logins",
		    lim);
		return SC_RESULT_PASS;
	}
}

const struct sc_native_kind sc_native_accounts_kind = {
	.name = "accounts",
	.attrs = attrs,
	.required = required,
	.parse = accounts_parse,
	.prepare = NULL,
	.eval = accounts_eval,
	.free = accounts_free,
	.summary = "uid 0, uniqueness and login shells of the target's accounts",
};
