/*
 * fam_symlink.c - unix:symlink_test: where a symbolic link points.
 *
 * The link (filepath: a literal or a variable's values, operation equals)
 * is resolved inside the target, the way its own processes would see it:
 * absolute link text starts again at the target's root, every component
 * must exist (a dangling link is an object error, as for OpenSCAP's
 * realpath), at most SC_TARGET_MAX_SYMLINKS links are followed (more: a
 * loop).  A link whose ".." climbs above the target's root resolves
 * outside the target: it is reported as such (an object error naming
 * it), never followed on the scanning host.  A filepath that is not a
 * symbolic link gives no item (does not exist).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "checks/oval/oval_collect.h"
#include "checks/oval/oval_family.h"
#include "checks/oval/oval_item.h"

static const char *const obj[] = { "filepath", NULL };
static const char *const ste[] = { "filepath", "canonical_path", NULL };

static int
check(struct sc_oval_object *o, const char *owner, struct sc_err *err)
{
	const struct sc_oval_entity *fp = sc_oval_collect_ent(o, "filepath");

	if (fp == NULL || fp->nil)
		return sc_err_set(err, SC_ERR_PARSE, "%s: no <filepath>", owner);
	if (fp->op != SC_OVAL_OP_EQUALS)
		return sc_err_set(err, SC_ERR_UNSUPPORTED, "%s: a symlink "
		    "<filepath> other than equals is not supported", owner);
	return SC_OK;
}

/* drop the last component of the canonical path so far ("" is the root) */
static void
parent(struct sc_buf *res)
{
	while (res->len > 0 && res->data[res->len - 1] != '/')
		res->len--;
	if (res->len > 0)
		res->len--;
	res->data[res->len] = '\0';
}

/*
 * Resolve path inside the target into res (canonical, absolute).  SC_OK,
 * or an SC_ERR_* with err set: NOTFOUND (a component is missing), LOOP,
 * ESCAPE (a ".." above the root).
 */
static int
canonical(struct sc_target *t, const char *path, struct sc_buf *res,
    struct sc_err *err)
{
	struct sc_buf rem = SC_BUF_INIT, comp = SC_BUF_INIT, link = SC_BUF_INIT;
	unsigned links = 0;
	size_t pos = 0;
	int r = SC_OK;

	sc_buf_reset(res);
	sc_buf_adds(&rem, path);
	while (pos < rem.len) {
		size_t e = pos;
		struct stat st;

		while (e < rem.len && rem.data[e] != '/')
			e++;
		sc_buf_reset(&comp);
		sc_buf_add(&comp, rem.data + pos, e - pos);
		pos = e < rem.len ? e + 1 : e;
		if (comp.len == 0 || strcmp(comp.data, ".") == 0)
			continue;
		if (strcmp(comp.data, "..") == 0) {
			if (res->len == 0) {
				r = sc_err_set(err, SC_ERR_ESCAPE, "%s resolves "
				    "above the target's root (outside the "
				    "target); not followed", path);
				goto out;
			}
			parent(res);
			continue;
		}
		sc_buf_addc(res, '/');
		sc_buf_adds(res, comp.data);
		r = sc_target_lstat(t, res->data, &st, err);
		if (r < 0) {
			if (r == SC_ERR_NOTREG)
				r = SC_ERR_NOTFOUND;
			if (r == SC_ERR_NOTFOUND)
				sc_err_set(err, r, "link target of %s does not "
				    "exist (%s)", path, res->data);
			goto out;
		}
		if (S_ISLNK(st.st_mode)) {
			struct sc_buf nrem = SC_BUF_INIT;

			if (++links > SC_TARGET_MAX_SYMLINKS) {
				r = sc_err_set(err, SC_ERR_LOOP, "%s is a "
				    "circular link", path);
				goto out;
			}
			sc_buf_reset(&link);
			r = sc_target_readlink(t, res->data, &link, err);
			if (r < 0)
				goto out;
			if (link.len > 0 && link.data[0] == '/')
				sc_buf_reset(res);
			else
				parent(res);
			sc_buf_adds(&nrem, link.data);
			sc_buf_addc(&nrem, '/');
			sc_buf_add(&nrem, rem.data + pos, rem.len - pos);
			sc_buf_free(&rem);
			rem = nrem;
			pos = 0;
		} else if (!S_ISDIR(st.st_mode) && pos < rem.len) {
			r = sc_err_set(err, SC_ERR_NOTFOUND, "link target of %s "
			    "does not exist (%s is not a directory)", path,
			    res->data);
			goto out;
		}
	}
	if (res->len == 0)
		sc_buf_addc(res, '/');
out:
	sc_buf_free(&rem);
	sc_buf_free(&comp);
	sc_buf_free(&link);
	return r;
}

static void
collect_one(struct sc_oval_doc *d, struct sc_oval_object *o, const char *fp)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_buf res = SC_BUF_INIT;
	struct sc_oval_item *it;
	struct stat st;
	int r;

	r = sc_target_lstat(d->rt->target, fp, &st, &err);
	if (r == SC_ERR_NOTFOUND || r == SC_ERR_NOTREG ||
	    (r == SC_OK && !S_ISLNK(st.st_mode)))
		goto out;
	if (r < 0 || (r = canonical(d->rt->target, fp, &res, &err)) < 0) {
		sc_oval_collect_error(o, "%s", err.msg);
		goto out;
	}
	it = sc_oval_item_new(SC_OVAL_KIND_SYMLINK);
	sc_oval_item_set(it, "filepath", fp);
	sc_oval_item_set(it, "canonical_path", res.data);
	sc_oval_collect_emit(d, o, it);
out:
	sc_buf_free(&res);
}

static void
collect(struct sc_oval_doc *d, struct sc_oval_object *o)
{
	struct sc_strv fps = { 0 };

	if (sc_oval_collect_values(d, o, sc_oval_collect_ent(o, "filepath"),
	    &fps) == 0)
		for (size_t i = 0; i < fps.n; i++)
			collect_one(d, o, fps.v[i]);
	sc_strv_free(&fps);
}

static void
describe(const struct sc_oval_item *it, struct sc_target *t,
    struct sc_oval_state *const *states, size_t n_states, struct sc_buf *out)
{
	(void)t;
	(void)states;
	(void)n_states;
	sc_oval_item_named_field(it, "filepath", 0, out);
	sc_buf_adds(out, " -> ");
	sc_oval_item_named_field(it, "canonical_path", 0, out);
}

static void
describe_none(const struct sc_oval_object *o, struct sc_buf *out)
{
	sc_buf_adds(out, "no symbolic link ");
	sc_oval_collect_describe_entity(sc_oval_collect_ent(o, "filepath"), out);
}

const struct sc_oval_family sc_fam_symlink = {
	.ns = SC_OVAL_UNIX_NS,
	.prefix = "symlink",
	.ns_short = "unix",
	.sc_ns = SC_OVAL_SC_UNIX_NS,
	.item = "symlink_item",
	.obj_ents = obj,
	.ste_ents = ste,
	.item_ents = ste,
	.check = check,
	.collect = collect,
	.describe = describe,
	.describe_none = describe_none,
};
