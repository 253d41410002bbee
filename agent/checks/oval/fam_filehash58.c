/*
 * fam_filehash58.c - ind:filehash58_test: digests of regular files
 * (MD5, SHA-1, SHA-224, SHA-256, SHA-384, SHA-512), each hash_type the
 * object selects.
 */
#include <stdlib.h>
#include <string.h>

#include "checks/oval/oval_collect.h"
#include "checks/oval/oval_eval.h"
#include "checks/oval/oval_family.h"
#include "checks/oval/oval_item.h"
#include "probes/file.h"
#include "probes/hash.h"

static const char *const hash_obj[] = { "filepath", "path", "filename",
	"hash_type", NULL };
static const char *const hash_ste[] = { "filepath", "path", "filename",
	"hash_type", "hash", NULL };

static const char *const hash_types[] = { "MD5", "SHA-1", "SHA-224",
	"SHA-256", "SHA-384", "SHA-512", NULL };

static int
check(struct sc_oval_object *o, const char *owner, struct sc_err *err)
{
	const struct sc_oval_entity *f = sc_oval_collect_ent(o, "filename");

	if (f && f->nil)
		return sc_err_set(err, SC_ERR_PARSE, "%s: <filename> is nil",
		    owner);
	if (sc_oval_collect_ent(o, "hash_type") == NULL)
		return sc_err_set(err, SC_ERR_PARSE, "%s: no <hash_type>", owner);
	return SC_OK;
}

static void
collect_hash(struct sc_oval_doc *d, struct sc_oval_object *o, const char *dir,
    const char *name)
{
	const struct sc_oval_entity *he = sc_oval_collect_ent(o, "hash_type");
	char *fp = sc_probe_file_join(dir, name);
	int located = 0;

	for (size_t i = 0; hash_types[i]; i++) {
		struct sc_err err = SC_ERR_INIT;
		char hex[SC_HASH_HEX_MAX];
		struct sc_oval_item *it;
		enum sc_oval_res m;
		int r;

		m = sc_oval_eval_entity_match(d, he, hash_types[i], &err);
		if (m == SC_OVAL_ERROR) {
			sc_oval_collect_error(o, "hash_type: %s", err.msg);
			break;
		}
		if (m != SC_OVAL_TRUE)
			continue;
		r = sc_probe_hash_file(d->rt->target, fp, hash_types[i], hex, &err);
		if (r == SC_ERR_NOTFOUND || r == SC_ERR_NOTREG)
			break;
		if (r < 0) {
			sc_oval_collect_error(o, "%s", err.msg);
			break;
		}
		if (!located++)
			o->n_located++;
		it = sc_oval_item_new(SC_OVAL_KIND_FILEHASH58);
		it->path = sc_xstrdup(dir);
		it->name = sc_xstrdup(name);
		sc_oval_item_set(it, "hash_type", hash_types[i]);
		sc_oval_item_set(it, "hash", hex);
		sc_oval_collect_emit(d, o, it);
	}
	free(fp);
}

static void
located(struct sc_oval_doc *d, struct sc_oval_object *o, const char *dir,
    const char *name, const struct stat *lst)
{
	(void)lst;
	if (name != NULL)
		collect_hash(d, o, dir, name);
}

static void
describe(const struct sc_oval_item *it, struct sc_target *t,
    struct sc_oval_state *const *states, size_t n_states, struct sc_buf *out)
{
	struct sc_buf v = SC_BUF_INIT;

	(void)t;
	(void)states;
	(void)n_states;
	sc_oval_item_filepath(it, out);
	sc_buf_reset(&v);
	sc_oval_item_named_field(it, "hash_type", 0, &v);
	sc_buf_addf(out, ": %s ", v.data);
	sc_buf_reset(&v);
	sc_oval_item_named_field(it, "hash", 0, &v);
	sc_buf_adds(out, v.data);
	sc_buf_free(&v);
}

const struct sc_oval_family sc_fam_filehash58 = {
	.ns = SC_OVAL_IND_NS,
	.prefix = "filehash58",
	.ns_short = "ind",
	.sc_ns = SC_OVAL_SC_IND_NS,
	.item = "filehash58_item",
	.obj_ents = hash_obj,
	.ste_ents = hash_ste,
	.item_ents = hash_ste,
	.flags = SC_OVAL_FAM_FILES,
	.check = check,
	.located = located,
	.describe = describe,
	.describe_none = sc_oval_collect_describe_no_file,
};
