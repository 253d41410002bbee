/*
 * native_tree.c - <sc:tree>: a requirement on every entry of one or more
 * directory trees, checked during the scan's one shared walk (walk.h).
 *
 *   roots        space-separated target paths (required)
 *   types        comma-separated: file, dir, symlink, other
 *                (default "file,dir,other": symlink modes mean nothing)
 *   select_any   octal: only entries with any of these mode bits count
 *                (0002: world-writable; 06000: setuid or setgid)
 *   unless_any   octal: entries with any of these bits are exempt
 *                (01000: sticky directories)
 *   mode_max     octal: most permissive mode allowed (or mode_clear)
 *   mode_clear   octal: bits that must be clear
 *   owner, group comma-separated names or ids (the target's own tables)
 *   owner_known  yes: the owner must exist in the target's /etc/passwd
 *   group_known  yes: the group must exist in the target's /etc/group
 *   follow       yes: descend into symlinked directories (inside the root)
 *   max_depth    levels below each root (default: unlimited)
 *   missing      result when no root exists: pass (default) | fail | error
 *   what         words for evidence, e.g. "world-writable file"
 *   <sc:allow>GLOB</sc:allow>     entries exempt (fnmatch, FNM_PATHNAME)
 *   <sc:exclude>PATH</sc:exclude> subtrees not looked at
 *
 * An entry that is selected (type, select_any, unless_any, not allowed)
 * violates the test when it breaks any of mode/owner/group/known; with no
 * such requirement, being selected is the violation (e.g. "any
 * world-writable file").  Evidence lists violations (capped) and counts
 * what was checked.  A directory that cannot be read makes the result
 * error, never a silent pass.  Memory is a count and a few strings per
 * test, however many files the tree holds.
 */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "checks/native.h"
#include "util/mem.h"
#include "util/text.h"

#define TREE_SHOWN 20		/* violations quoted in evidence */

enum { T_FILE = 1, T_DIR = 2, T_LINK = 4, T_OTHER = 8 };
enum { MISSING_PASS, MISSING_FAIL, MISSING_ERROR };

struct tree_test {
	struct sc_strv roots;
	unsigned types;
	unsigned select_any, unless_any, mode_clear;
	int has_select, has_unless, has_mode;
	char *owner, *group;
	int owner_known, group_known;
	int follow;
	int max_depth;
	int missing;
	char *what;
	struct sc_strv allow, exclude;

	/* per scan */
	struct sc_target *target;
	struct sc_idset owners, groups;
	int resolved;
	unsigned long walked, checked, violations, errors, allowed;
	struct sc_strv allowed_shown;	/* allowed entries, for evidence */
	unsigned roots_missing;
	unsigned registered;		/* roots given to the walk */
	struct sc_strv shown;		/* violation messages */
	struct sc_strv errmsgs;
};

static const char *const attrs[] = { "roots", "types", "select_any",
	"unless_any", "mode_max", "mode_clear", "owner", "group", "owner_known",
	"group_known", "follow", "max_depth", "missing", "what", NULL };
static const char *const required[] = { "roots", NULL };
static const char *const yesno[] = { "no", "yes", NULL };
static const char *const missing_names[] = { "pass", "fail", "error", NULL };

static void
tree_free(void *p)
{
	struct tree_test *t = p;

	if (t == NULL)
		return;
	sc_strv_free(&t->roots);
	free(t->owner);
	free(t->group);
	free(t->what);
	sc_strv_free(&t->allow);
	sc_strv_free(&t->exclude);
	sc_idset_free(&t->owners);
	sc_idset_free(&t->groups);
	sc_strv_free(&t->shown);
	sc_strv_free(&t->errmsgs);
	sc_strv_free(&t->allowed_shown);
	free(t);
}

static int
parse_types(const char *s, unsigned *out, struct sc_err *err)
{
	*out = 0;
	while (*s) {
		size_t n = strcspn(s, ",");

		if (n == 4 && strncmp(s, "file", 4) == 0)
			*out |= T_FILE;
		else if (n == 3 && strncmp(s, "dir", 3) == 0)
			*out |= T_DIR;
		else if (n == 7 && strncmp(s, "symlink", 7) == 0)
			*out |= T_LINK;
		else if (n == 5 && strncmp(s, "other", 5) == 0)
			*out |= T_OTHER;
		else
			return sc_err_set(err, SC_ERR_PARSE,
			    "<tree>: types='%s': use file, dir, symlink, other", s);
		s += n;
		if (*s == ',')
			s++;
	}
	if (*out == 0)
		return sc_err_set(err, SC_ERR_PARSE, "<tree>: types is empty");
	return SC_OK;
}

static int
tree_parse(xmlNodePtr n, void **out, struct sc_err *err)
{
	struct tree_test *t = sc_xcalloc(1, sizeof(*t));
	unsigned mmax = 0;
	int has_max, has_clear, r;
	char *v = NULL;

	v = sc_xml_attr(n, "roots");
	for (char *tok = strtok(v, " \t\n"); tok; tok = strtok(NULL, " \t\n")) {
		if (tok[0] != '/') {
			r = sc_err_set(err, SC_ERR_PARSE,
			    "<tree>: root '%s' is not an absolute path", tok);
			goto fail;
		}
		sc_strv_push(&t->roots, tok);
	}
	SC_FREE(v);
	if (t->roots.n == 0) {
		r = sc_err_set(err, SC_ERR_PARSE, "<tree>: roots is empty");
		goto fail;
	}
	t->types = T_FILE | T_DIR | T_OTHER;
	if ((v = sc_xml_attr(n, "types")) != NULL) {
		if ((r = parse_types(v, &t->types, err)) < 0)
			goto fail;
		SC_FREE(v);
	}
	if ((r = sc_native_attr_octal(n, "select_any", &t->select_any,
	    &t->has_select, err)) < 0 ||
	    (r = sc_native_attr_octal(n, "unless_any", &t->unless_any,
	    &t->has_unless, err)) < 0 ||
	    (r = sc_native_attr_octal(n, "mode_max", &mmax, &has_max, err)) < 0 ||
	    (r = sc_native_attr_octal(n, "mode_clear", &t->mode_clear,
	    &has_clear, err)) < 0 ||
	    (r = sc_native_attr_enum(n, "owner_known", yesno, 0, &t->owner_known,
	    err)) < 0 ||
	    (r = sc_native_attr_enum(n, "group_known", yesno, 0, &t->group_known,
	    err)) < 0 ||
	    (r = sc_native_attr_enum(n, "follow", yesno, 0, &t->follow, err)) < 0 ||
	    (r = sc_native_attr_enum(n, "missing", missing_names, MISSING_PASS,
	    &t->missing, err)) < 0)
		goto fail;
	if (has_max && has_clear) {
		r = sc_err_set(err, SC_ERR_PARSE,
		    "<tree>: use mode_max or mode_clear, not both");
		goto fail;
	}
	if (has_max)
		t->mode_clear = ~mmax & 07777u;
	t->has_mode = has_max || has_clear;
	t->max_depth = -1;
	if ((v = sc_xml_attr(n, "max_depth")) != NULL) {
		char *end;
		long d = strtol(v, &end, 10);

		if (*v == '\0' || *end != '\0' || d < -1 || d > 1000) {
			r = sc_err_set(err, SC_ERR_PARSE,
			    "<tree>: max_depth='%s' is not a number from -1", v);
			goto fail;
		}
		t->max_depth = (int)d;
		SC_FREE(v);
	}
	t->owner = sc_xml_attr(n, "owner");
	t->group = sc_xml_attr(n, "group");
	t->what = sc_xml_attr(n, "what");
	if (t->what == NULL)
		t->what = sc_xstrdup("entry");
	for (xmlNodePtr ch = n->children; ch; ch = ch->next) {
		char *text;

		if (ch->type != XML_ELEMENT_NODE)
			continue;
		text = sc_xml_text_collapsed(ch);
		if (strcmp((const char *)ch->name, "allow") == 0) {
			sc_strv_push_owned(&t->allow, text);
		} else if (strcmp((const char *)ch->name, "exclude") == 0) {
			sc_strv_push_owned(&t->exclude, text);
		} else {
			free(text);
			r = sc_err_set(err, SC_ERR_PARSE,
			    "<tree>: unknown child <%s> (use allow or exclude)",
			    (const char *)ch->name);
			goto fail;
		}
	}
	if (!t->has_mode && !t->owner && !t->group && !t->owner_known &&
	    !t->group_known && !t->has_select) {
		r = sc_err_set(err, SC_ERR_PARSE,
		    "<tree>: nothing to check (give select_any, a mode, an "
		    "owner or group, or *_known)");
		goto fail;
	}
	*out = t;
	return SC_OK;
fail:
	free(v);
	tree_free(t);
	return r;
}

static unsigned
type_bit(mode_t m)
{
	if (S_ISREG(m))
		return T_FILE;
	if (S_ISDIR(m))
		return T_DIR;
	if (S_ISLNK(m))
		return T_LINK;
	return T_OTHER;
}

static int
matches_any(const struct sc_strv *globs, const char *path)
{
	for (size_t i = 0; i < globs->n; i++)
		if (fnmatch(globs->v[i], path, FNM_PATHNAME) == 0)
			return 1;
	return 0;
}

static int
excluded(const struct sc_strv *ex, const char *path)
{
	for (size_t i = 0; i < ex->n; i++) {
		size_t n = strlen(ex->v[i]);

		if (strncmp(path, ex->v[i], n) == 0 &&
		    (path[n] == '\0' || path[n] == '/'))
			return 1;
	}
	return 0;
}

/* Only a selection (e.g. "world-writable file"): being selected fails. */
static int
selection_only(const struct tree_test *t)
{
	return t->has_select && !t->has_mode && !t->owner && !t->group &&
	    !t->owner_known && !t->group_known;
}

static void
resolve_ids(struct tree_test *t)
{
	if (t->resolved)
		return;
	t->resolved = 1;
	if (t->owner)
		sc_idset_resolve(&t->owners, t->target, 0, t->owner);
	if (t->group)
		sc_idset_resolve(&t->groups, t->target, 1, t->group);
}

static void
violation(struct tree_test *t, const char *path, const struct stat *st,
    const char *why)
{
	t->violations++;
	if (t->shown.n < TREE_SHOWN) {
		struct sc_buf b = SC_BUF_INIT;

		sc_buf_reset(&b);
		sc_buf_addf(&b, "%s: %s, mode %04o, %s", path,
		    sc_mode_type_word(st->st_mode),
		    (unsigned)st->st_mode & 07777u, why);
		sc_strv_push_owned(&t->shown, sc_buf_detach(&b));
	}
}

static int
tree_visit(void *ctx, const struct sc_walk_entry *e)
{
	struct tree_test *t = ctx;
	struct sc_buf why = SC_BUF_INIT;
	unsigned mode, bad;

	if (e->event == SC_WALK_ROOT_MISSING) {
		t->roots_missing++;
		return 0;
	}
	if (e->event == SC_WALK_ERROR) {
		t->errors++;
		if (t->errmsgs.n < TREE_SHOWN) {
			char *m = sc_xasprintf("%s: %s", e->path, e->error);
			sc_strv_push_owned(&t->errmsgs, m);
		}
		return 0;
	}
	if (excluded(&t->exclude, e->path))
		return SC_WALK_PRUNE;
	t->walked++;
	if (!(type_bit(e->st->st_mode) & t->types))
		return 0;
	mode = (unsigned)e->st->st_mode & 07777u;
	if (t->has_select && !(mode & t->select_any))
		return 0;
	if (t->has_unless && (mode & t->unless_any))
		return 0;
	if (t->allow.n && matches_any(&t->allow, e->path)) {
		t->allowed++;
		if (t->allowed_shown.n < TREE_SHOWN)
			sc_strv_push_owned(&t->allowed_shown, sc_xasprintf(
			    "%s: %s, mode %04o, allowed by this rule", e->path,
			    sc_mode_type_word(e->st->st_mode), mode));
		return 0;
	}
	t->checked++;
	resolve_ids(t);
	sc_buf_reset(&why);
	if (t->has_mode && (bad = mode & t->mode_clear) != 0)
		sc_buf_addf(&why, "%sbits %04o must be clear", why.len ? "; " : "",
		    bad);
	if (t->owner && !sc_idset_has(&t->owners, (unsigned long)e->st->st_uid)) {
		sc_buf_addf(&why, "%sowner ", why.len ? "; " : "");
		sc_native_describe_id(t->target, 0, (unsigned long)e->st->st_uid, &why);
		sc_buf_addf(&why, ", expected %s", t->owner);
	}
	if (t->group && !sc_idset_has(&t->groups, (unsigned long)e->st->st_gid)) {
		sc_buf_addf(&why, "%sgroup ", why.len ? "; " : "");
		sc_native_describe_id(t->target, 1, (unsigned long)e->st->st_gid, &why);
		sc_buf_addf(&why, ", expected %s", t->group);
	}
	if (t->owner_known &&
	    sc_target_user_by_uid(t->target, (unsigned long)e->st->st_uid) == NULL)
		sc_buf_addf(&why, "%sowner uid %lu has no account in the target",
		    why.len ? "; " : "", (unsigned long)e->st->st_uid);
	if (t->group_known &&
	    sc_target_group_by_gid(t->target, (unsigned long)e->st->st_gid) == NULL)
		sc_buf_addf(&why, "%sgroup gid %lu has no group in the target",
		    why.len ? "; " : "", (unsigned long)e->st->st_gid);
	if (why.len == 0 && selection_only(t))
		sc_buf_adds(&why, t->what);
	if (why.len > 0)
		violation(t, e->path, e->st, why.data);
	sc_buf_free(&why);
	return 0;
}

static int
tree_prepare(void *p, struct sc_scan_ctx *ctx, struct sc_err *err)
{
	struct tree_test *t = p;

	struct stat *seen = sc_xcalloc(t->roots.n, sizeof(*seen));
	size_t n_seen = 0;

	(void)err;
	t->target = ctx->target;
	for (size_t i = 0; i < t->roots.n; i++) {
		struct stat st;
		size_t k;

		/* /bin and /usr/bin are one directory on merged-/usr systems:
		 * walk it once, under the first name given */
		if (sc_target_stat(ctx->target, t->roots.v[i], &st, NULL) == 0) {
			for (k = 0; k < n_seen; k++)
				if (seen[k].st_dev == st.st_dev &&
				    seen[k].st_ino == st.st_ino)
					break;
			if (k < n_seen)
				continue;
			seen[n_seen++] = st;
		}
		struct sc_walk_spec s = {
			.root = t->roots.v[i],
			.max_depth = t->max_depth,
			.flags = SC_WALK_LOCAL_ONLY |
			    (t->follow ? SC_WALK_FOLLOW_SYMLINKS : 0),
			.fn = tree_visit,
			.ctx = t,
		};
		sc_walk_add(ctx->walk, &s);
		t->registered++;
	}
	free(seen);
	return SC_OK;
}

static enum sc_result
tree_eval(void *p, struct sc_scan_ctx *ctx, struct sc_rule_result *rr)
{
	struct tree_test *t = p;
	struct sc_buf roots = SC_BUF_INIT;

	(void)ctx;
	sc_buf_reset(&roots);
	for (size_t i = 0; i < t->roots.n; i++)
		sc_buf_addf(&roots, "%s%s", i ? ", " : "", t->roots.v[i]);
	for (size_t i = 0; i < t->shown.n; i++)
		sc_rr_add(rr, SC_MSG_ERROR, t->shown.v[i]);
	for (size_t i = 0; i < t->errmsgs.n; i++)
		sc_rr_add(rr, SC_MSG_ERROR, t->errmsgs.v[i]);
	if (t->owners.unknown || t->groups.unknown)
		sc_rr_addf(rr, SC_MSG_WARNING, "'%s' is not defined in the target",
		    t->owners.unknown ? t->owners.unknown : t->groups.unknown);
	if (t->roots_missing == t->registered) {
		static const enum sc_result map[] = { SC_RESULT_PASS,
			SC_RESULT_FAIL, SC_RESULT_ERROR };

		sc_rr_addf(rr, t->missing == MISSING_PASS ? SC_MSG_INFO :
		    SC_MSG_ERROR, "%s: none of these exist", roots.data);
		sc_buf_free(&roots);
		return map[t->missing];
	}
	for (size_t i = 0; i < t->allowed_shown.n; i++)
		sc_rr_add(rr, SC_MSG_INFO, t->allowed_shown.v[i]);
	if (t->violations > 0) {
		if (selection_only(t))
			sc_rr_addf(rr, SC_MSG_ERROR, "%s: %lu found (%s), among %lu "
			    "entries", roots.data, t->violations, t->what, t->walked);
		else
			sc_rr_addf(rr, SC_MSG_ERROR, "%s: %lu of %lu entries in "
			    "violation (%s)", roots.data, t->violations, t->checked,
			    t->what);
		sc_buf_free(&roots);
		return SC_RESULT_FAIL;
	}
	if (t->errors > 0) {
		sc_rr_addf(rr, SC_MSG_ERROR, "%s: %lu directories could not be "
		    "read; the result would be incomplete", roots.data, t->errors);
		sc_buf_free(&roots);
		return SC_RESULT_ERROR;
	}
	if (selection_only(t))
		sc_rr_addf(rr, SC_MSG_INFO, "%s: no %s among %lu entries%s",
		    roots.data, t->what, t->walked, t->allowed ? " (apart from "
		    "those the rule allows)" : "");
	else
		sc_rr_addf(rr, SC_MSG_INFO, "%s: %lu entries checked, none in "
		    "violation", roots.data, t->checked);
	sc_buf_free(&roots);
	return SC_RESULT_PASS;
}

const struct sc_native_kind sc_native_tree_kind = {
	.name = "tree",
	.attrs = attrs,
	.required = required,
	.parse = tree_parse,
	.prepare = tree_prepare,
	.eval = tree_eval,
	.free = tree_free,
	.summary = "a requirement on every entry of directory trees (one walk)",
};
