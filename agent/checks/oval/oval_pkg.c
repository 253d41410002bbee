/*
 * oval_pkg.c - package items (oval_pkg.h).
 */
#include "checks/oval/oval_pkg.h"

#include <stdlib.h>
#include <string.h>

#include "checks/oval/oval_collect.h"
#include "checks/oval/oval_item.h"
#include "probes/packages.h"

static void
split_evr(struct sc_oval_item *it, const char *ver)
{
	const char *colon = strchr(ver, ':'), *v = colon ? colon + 1 : ver;
	const char *dash = strrchr(v, '-');
	char *epoch = colon ? sc_xstrndup(ver, (size_t)(colon - ver)) :
	    sc_xstrdup("0");
	char *version = dash ? sc_xstrndup(v, (size_t)(dash - v)) : sc_xstrdup(v);
	char *evr = dash ? sc_xasprintf("%s:%s-%s", epoch, version, dash + 1) :
	    sc_xasprintf("%s:%s", epoch, version);

	sc_oval_item_set(it, "epoch", epoch);
	sc_oval_item_set(it, "release", dash ? dash + 1 : "");
	sc_oval_item_set(it, "version", version);
	sc_oval_item_set(it, "evr", evr);
	free(epoch);
	free(version);
	free(evr);
}

void
sc_oval_pkg_collect(struct sc_oval_doc *d, struct sc_oval_object *o,
    enum sc_oval_kind kind, const char *db_path_part)
{
	const struct sc_oval_entity *ne = sc_oval_collect_ent(o, "name");
	const struct sc_pkgdb *db;
	struct sc_err err = SC_ERR_INIT;

	if (sc_pkgdb_cached(&db, d->rt->target, &err) < 0) {
		sc_oval_collect_error(o, "%s", err.msg);
		return;
	}
	for (size_t i = 0; i < sc_pkgdb_count(db); i++) {
		const struct sc_package *p = sc_pkgdb_get(db, i);
		struct sc_oval_item *it;
		int m;

		if (strstr(p->source, db_path_part) == NULL)
			continue;
		if ((m = sc_oval_collect_match(o, ne, p->name)) < 0)
			return;
		if (m == 0)
			continue;
		it = sc_oval_item_new(kind);
		sc_oval_item_set(it, "name", p->name);
		split_evr(it, p->version);
		it->path = sc_xstrdup(p->source);
		sc_oval_collect_emit(d, o, it);
	}
}

int
sc_oval_pkg_check(struct sc_oval_object *o, const char *owner,
    struct sc_err *err)
{
	if (sc_oval_entity_find(o->ents, o->n_ents, "name") == NULL)
		return sc_err_set(err, SC_ERR_PARSE, "%s: no <name>", owner);
	return SC_OK;
}

void
sc_oval_pkg_describe(const struct sc_oval_item *it, struct sc_target *t,
    struct sc_oval_state *const *states, size_t n_states, struct sc_buf *out)
{
	struct sc_buf v = SC_BUF_INIT;

	(void)t;
	(void)states;
	(void)n_states;
	sc_buf_reset(&v);
	sc_oval_item_named_field(it, "name", 0, &v);
	sc_buf_addf(out, "package %s ", v.data);
	sc_buf_reset(&v);
	sc_oval_item_named_field(it, "evr", 0, &v);
	sc_buf_addf(out, "%s installed (%s)", v.data, it->path ? it->path : "");
	sc_buf_free(&v);
}

void
sc_oval_pkg_describe_none(const struct sc_oval_object *o, struct sc_buf *out)
{
	sc_buf_adds(out, "no package ");
	sc_oval_collect_describe_entity(sc_oval_collect_ent(o, "name"), out);
	sc_buf_adds(out, " is installed");
}
