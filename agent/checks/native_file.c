/*
 * native_file.c - <sc:file>: existence, type, mode bits, owner and group
 * of one path in the target.
 *
 *   path      target path (required)
 *   exists    required (default) | optional | forbidden
 *   type      any (default) | regular | directory | symlink
 *   follow    yes (default: stat through symlinks, inside the root) | no
 *   mode_max  octal: the most permissive mode allowed ("0640" = 0640 or
 *             stricter); bits outside it must be clear
 *   mode_clear octal: bits that must be clear (alternative to mode_max)
 *   owner     comma-separated user names or uids, e.g. "root" or "0,daemon"
 *   group     comma-separated group names or gids
 *
 * Names are looked up in the target's /etc/passwd and /etc/group, never
 * the scanning host's.  "root" means uid/gid 0 even when the target has no
 * passwd file (the kernel's meaning).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "checks/native.h"
#include "util/mem.h"
#include "util/text.h"

enum { EXISTS_REQUIRED, EXISTS_OPTIONAL, EXISTS_FORBIDDEN };
enum { TYPE_ANY, TYPE_REGULAR, TYPE_DIRECTORY, TYPE_SYMLINK };

struct file_test {
	char *path;
	int exists;
	int type;
	int follow;
	unsigned mode_clear;
	int has_mode;
	char *owner;		/* NULL: not checked */
	char *group;
};

static const char *const attrs[] = { "path", "exists", "type", "follow",
	"mode_max", "mode_clear", "owner", "group", NULL };
static const char *const required[] = { "path", NULL };
static const char *const exists_names[] = { "required", "optional",
	"forbidden", NULL };
static const char *const type_names[] = { "any", "regular", "directory",
	"symlink", NULL };
static const char *const yesno[] = { "no", "yes", NULL };

static void
file_free(void *p)
{
	struct file_test *t = p;

	if (t == NULL)
		return;
	free(t->path);
	free(t->owner);
	free(t->group);
	free(t);
}

static int
file_parse(xmlNodePtr n, void **out, struct sc_err *err)
{
	struct file_test *t = sc_xcalloc(1, sizeof(*t));
	unsigned mmax = 0, mclear = 0;
	int has_max, has_clear, r;

	t->path = sc_xml_attr(n, "path");
	if (t->path == NULL || t->path[0] != '/') {
		r = sc_err_set(err, SC_ERR_PARSE,
		    "<file>: path must be absolute, got '%s'",
		    t->path ? t->path : "");
		goto fail;
	}
	if ((r = sc_native_attr_enum(n, "exists", exists_names,
	    EXISTS_REQUIRED, &t->exists, err)) < 0 ||
	    (r = sc_native_attr_enum(n, "type", type_names, TYPE_ANY, &t->type,
	    err)) < 0 ||
	    (r = sc_native_attr_enum(n, "follow", yesno, 1, &t->follow,
	    err)) < 0 ||
	    (r = sc_native_attr_octal(n, "mode_max", &mmax, &has_max, err)) < 0 ||
	    (r = sc_native_attr_octal(n, "mode_clear", &mclear, &has_clear,
	    err)) < 0)
		goto fail;
	if (has_max && has_clear) {
		r = sc_err_set(err, SC_ERR_PARSE,
		    "<file>: use mode_max or mode_clear, not both");
		goto fail;
	}
	t->has_mode = has_max || has_clear;
	t->mode_clear = has_max ? (~mmax & 07777u) : mclear;
	t->owner = sc_xml_attr(n, "owner");
	t->group = sc_xml_attr(n, "group");
	if ((t->owner && !t->owner[0]) || (t->group && !t->group[0])) {
		r = sc_err_set(err, SC_ERR_PARSE, "<file>: empty owner or group");
		goto fail;
	}
	if (t->type == TYPE_SYMLINK)
		t->follow = 0;
	*out = t;
	return SC_OK;
fail:
	file_free(t);
	return r;
}

static int
type_ok(int want, mode_t m)
{
	switch (want) {
	case TYPE_REGULAR:
		return S_ISREG(m);
	case TYPE_DIRECTORY:
		return S_ISDIR(m);
	case TYPE_SYMLINK:
		return S_ISLNK(m);
	}
	return 1;
}

/* Compare an owner or group with a spec; a fail message when it differs. */
static int
check_id(struct sc_target *t, int is_group, const char *spec,
    unsigned long id, const char *path, const char *what,
    struct sc_rule_result *rr)
{
	struct sc_idset set;
	struct sc_buf who = SC_BUF_INIT;
	int ok;

	sc_idset_resolve(&set, t, is_group, spec);
	ok = sc_idset_has(&set, id);
	if (!ok) {
		sc_buf_reset(&who);
		sc_native_describe_id(t, is_group, id, &who);
		sc_rr_addf(rr, SC_MSG_ERROR, "%s: %s %s, expected %s%s%s%s", path,
		    what, who.data, spec, set.unknown ? " ('" : "",
		    set.unknown ? set.unknown : "", set.unknown ? (is_group ?
		    "' is not a group in the target)" :
		    "' is not a user in the target)") : "");
	}
	sc_buf_free(&who);
	sc_idset_free(&set);
	return ok ? 0 : -1;
}

/* Files whose permission rules a symbolic link must not satisfy. */
static int
governed(const char *path)
{
	static const char *const files[] = { "/etc/shadow", "/etc/gshadow",
		"/etc/passwd", "/etc/group", "/etc/sudoers", NULL };
	size_t n = strlen(path);

	for (size_t i = 0; files[i]; i++)
		if (strcmp(path, files[i]) == 0)
			return 1;
	return strncmp(path, "/etc/sudoers.d/", 15) == 0 ||
	    (n >= 11 && strcmp(path + n - 11, "openssl.cnf") == 0);
}

/* Whether link text, read in the directory of path, climbs above "/". */
static int
climbs_out(const char *path, const char *text)
{
	int depth = 0;
	const char *p;

	if (text[0] != '/')
		for (p = path; *p; p++)	/* the link's directory's depth */
			if (*p == '/' && p[1] != '\0' && strchr(p + 1, '/'))
				depth++;
	for (p = text; *p;) {
		const char *e = strchr(p, '/');
		size_t len = e ? (size_t)(e - p) : strlen(p);

		if (len == 2 && p[0] == '.' && p[1] == '.') {
			if (--depth < 0)
				return 1;
		} else if (len > 0 && !(len == 1 && p[0] == '.')) {
			depth++;
		}
		p += len;
		while (*p == '/')
			p++;
	}
	return 0;
}

/*
 * A governed file that is a symbolic link: evidence names the link, its
 * text, whether the text climbs out of the root, and what it resolves to
 * inside the target; the permission rule fails (the file the system uses
 * is not the one whose permissions were authored, and may be outside).
 */
static enum sc_result
link_at_governed(struct file_test *t, struct sc_scan_ctx *ctx,
    struct sc_rule_result *rr)
{
	struct sc_buf text = SC_BUF_INIT;
	struct stat st;
	int r;

	if (sc_target_readlink(ctx->target, t->path, &text, NULL) < 0) {
		sc_buf_free(&text);
		sc_rr_addf(rr, SC_MSG_ERROR, "%s is a symbolic link that cannot "
		    "be read", t->path);
		return SC_RESULT_FAIL;
	}
	r = sc_target_stat(ctx->target, t->path, &st, NULL);
	sc_rr_addf(rr, SC_MSG_ERROR, "%s is a symbolic link to '%s'%s; %s%s; "
	    "its permissions are those of whatever the link reaches, not of "
	    "%s", t->path, text.data, climbs_out(t->path, text.data) ?
	    ", which climbs out of the target root (read in the target it "
	    "stays inside)" : "", r == 0 ? "inside the target it resolves to a " :
	    "inside the target it resolves to nothing", r == 0 ?
	    sc_mode_type_word(st.st_mode) : "", t->path);
	sc_buf_free(&text);
	return SC_RESULT_FAIL;
}

static enum sc_result
file_eval(void *p, struct sc_scan_ctx *ctx, struct sc_rule_result *rr)
{
	struct file_test *t = p;
	struct sc_err err = SC_ERR_INIT;
	struct sc_buf desc = SC_BUF_INIT;
	enum sc_result res = SC_RESULT_PASS;
	struct stat st;
	unsigned mode, bad;
	int r;

	if (t->follow && (t->has_mode || t->owner || t->group) &&
	    governed(t->path) &&
	    sc_target_lstat(ctx->target, t->path, &st, NULL) == 0 &&
	    S_ISLNK(st.st_mode) && t->exists != EXISTS_FORBIDDEN)
		return link_at_governed(t, ctx, rr);
	r = t->follow ? sc_target_stat(ctx->target, t->path, &st, &err) :
	    sc_target_lstat(ctx->target, t->path, &st, &err);
	if (r == SC_ERR_NOTFOUND) {
		switch (t->exists) {
		case EXISTS_REQUIRED:
			sc_rr_addf(rr, SC_MSG_ERROR, "%s does not exist", t->path);
			return SC_RESULT_FAIL;
		default:
			sc_rr_addf(rr, SC_MSG_INFO, "%s does not exist", t->path);
			return SC_RESULT_PASS;
		}
	}
	if (r < 0) {
		sc_rr_addf(rr, SC_MSG_ERROR, "%s", err.msg);
		return SC_RESULT_ERROR;
	}
	if (t->exists == EXISTS_FORBIDDEN) {
		sc_rr_addf(rr, SC_MSG_ERROR, "%s exists (a %s) and must not",
		    t->path, sc_mode_type_word(st.st_mode));
		return SC_RESULT_FAIL;
	}
	if (!type_ok(t->type, st.st_mode)) {
		sc_rr_addf(rr, SC_MSG_ERROR, "%s is a %s, expected a %s", t->path,
		    sc_mode_type_word(st.st_mode), type_names[t->type]);
		return SC_RESULT_FAIL;
	}
	mode = (unsigned)st.st_mode & 07777u;
	sc_buf_reset(&desc);
	sc_buf_addf(&desc, "%s: %s, mode %04o, owner ", t->path,
	    sc_mode_type_word(st.st_mode), mode);
	sc_native_describe_id(ctx->target, 0, (unsigned long)st.st_uid, &desc);
	sc_buf_adds(&desc, ", group ");
	sc_native_describe_id(ctx->target, 1, (unsigned long)st.st_gid, &desc);

	if (t->has_mode && (bad = mode & t->mode_clear) != 0) {
		sc_rr_addf(rr, SC_MSG_ERROR,
		    "%s: mode %04o, expected %04o or stricter (bits %04o must be clear)",
		    t->path, mode, ~t->mode_clear & 07777u, bad);
		res = SC_RESULT_FAIL;
	}
	if (t->owner && check_id(ctx->target, 0, t->owner,
	    (unsigned long)st.st_uid, t->path, "owned by", rr) < 0)
		res = SC_RESULT_FAIL;
	if (t->group && check_id(ctx->target, 1, t->group,
	    (unsigned long)st.st_gid, t->path, "group", rr) < 0)
		res = SC_RESULT_FAIL;
	if (res == SC_RESULT_PASS)
		sc_rr_add(rr, SC_MSG_INFO, desc.data);
	sc_buf_free(&desc);
	return res;
}

const struct sc_native_kind sc_native_file_kind = {
	.name = "file",
	.attrs = attrs,
	.required = required,
	.parse = file_parse,
	.prepare = NULL,
	.eval = file_eval,
	.free = file_free,
	.summary = "existence, type, mode, owner and group of one path",
};
