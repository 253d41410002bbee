/*
 * oval_engine.c - the OVAL check engine (oval_engine.h).
 */
#include "checks/oval/oval_engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "checks/native.h"
#include "checks/oval/oval_eval.h"
#include "checks/oval/oval_model.h"
#include "checks/oval/oval_regex.h"
#include "checks/oval/oval_results.h"

struct state {
	struct sc_oval_rt rt;
	struct sc_map by_root;		/* "%p" of the root element -> doc */
	struct sc_oval_doc **docs;
	size_t n_docs, cap_docs;
};

struct job {
	struct sc_oval_doc *doc;
	struct sc_oval_def **defs;
	size_t n_defs;
};

static int
oval_init(struct sc_scan_ctx *ctx, void **out, struct sc_err *err)
{
	struct state *s = sc_xcalloc(1, sizeof(*s));

	(void)err;
	s->rt.target = ctx->target;
	s->rt.walk = ctx->walk;
	*out = s;
	return SC_OK;
}

static void
oval_fini(void *p)
{
	struct state *s = p;

	if (s == NULL)
		return;
	for (size_t i = 0; i < s->n_docs; i++)
		sc_oval_doc_free(s->docs[i]);
	free(s->docs);
	sc_map_free(&s->by_root);
	sc_oval_regex_release(&s->rt);
	free(s);
}

static void
job_free(void *p)
{
	struct job *j = p;

	if (j == NULL)
		return;
	free(j->defs);
	free(j);
}

static int
bind_exports(struct sc_oval_doc *d, const struct sc_export *ex, size_t n,
    struct sc_err *err)
{
	const char **names = sc_xcalloc(n + 1, sizeof(*names));
	const char **values = sc_xcalloc(n + 1, sizeof(*values));
	int r;

	for (size_t i = 0; i < n; i++) {
		names[i] = ex[i].name;
		values[i] = ex[i].value;
	}
	r = sc_oval_doc_bind(d, names, values, n, err);
	free(names);
	free(values);
	return r;
}

/*
 * The document for href whose bindings agree with the rule's exports
 * (a new one, parsed on demand, when every document of that root binds
 * some variable to another value).
 */
static int
get_doc(struct state *s, struct sc_scan_ctx *ctx, const char *href,
    const struct sc_export *ex, size_t n_ex, struct sc_oval_doc **out,
    struct sc_err *err)
{
	xmlNodePtr root;
	const char *comp;
	char key[80];
	int r;

	if ((r = sc_content_resolve_href(ctx->content, href, &root, &comp,
	    err)) < 0)
		return r;
	for (unsigned gen = 0;; gen++) {
		snprintf(key, sizeof(key), "%p/%u", (void *)root, gen);
		if ((*out = sc_map_get(&s->by_root, key)) == NULL)
			break;
		r = bind_exports(*out, ex, n_ex, err);
		if (r != SC_ERR_EXISTS)
			return r;
		sc_err_clear(err);
	}
	if ((r = sc_oval_doc_new(out, root, href, &s->rt, err)) < 0)
		return r;
	sc_map_put(&s->by_root, key, *out);
	SC_GROW(s->docs, s->cap_docs, s->n_docs + 1);
	s->docs[s->n_docs++] = *out;
	return bind_exports(*out, ex, n_ex, err);
}

static int
add_def(struct sc_oval_doc *d, struct job *j, const char *id,
    struct sc_err *err)
{
	struct sc_oval_def *def;
	int r;

	if ((r = sc_oval_doc_def(d, id, &def, err)) < 0)
		return r;
	if ((r = sc_oval_eval_prepare(d, def, err)) < 0)
		return r;
	j->defs = sc_xreallocarray(j->defs, j->n_defs + 1, sizeof(*j->defs));
	j->defs[j->n_defs++] = def;
	return SC_OK;
}

static int
oval_prepare(void *p, struct sc_scan_ctx *ctx, const struct sc_check *check,
    const struct sc_export *exports, size_t n_exports, void **jobp,
    struct sc_err *err)
{
	struct state *s = p;
	struct job *j = NULL;
	struct sc_err first = SC_ERR_INIT;
	int r = SC_ERR_NOTFOUND;

	*jobp = NULL;
	if (check->multi_check)
		return sc_err_set(err, SC_ERR_UNSUPPORTED,
		    "OVAL check with multi-check=\"true\" is not supported");
	if (check->n_refs == 0)
		return sc_err_set(err, SC_ERR_UNSUPPORTED, check->content ?
		    "inline OVAL check-content is not supported" :
		    "OVAL check without a check-content-ref");
	for (size_t i = 0; i < check->n_refs; i++) {
		const struct sc_check_ref *ref = &check->refs[i];
		struct sc_err e2 = SC_ERR_INIT;
		struct sc_oval_doc *d;

		r = get_doc(s, ctx, ref->href, exports, n_exports, &d, &e2);
		if (r == SC_OK) {
			j = sc_xcalloc(1, sizeof(*j));
			j->doc = d;
			if (ref->name != NULL) {
				r = add_def(d, j, ref->name, &e2);
			} else {
				struct sc_strv ids = SC_STRV_INIT;

				sc_oval_doc_def_ids(d, &ids);
				if (ids.n == 0)
					r = sc_err_set(&e2, SC_ERR_NOTFOUND,
					    "'%s' has no definitions", ref->href);
				for (size_t k = 0; r == SC_OK && k < ids.n; k++)
					r = add_def(d, j, ids.v[k], &e2);
				sc_strv_free(&ids);
			}
			if (r == SC_OK) {
				d->used = 1;
				*jobp = j;
				return SC_OK;
			}
			job_free(j);
			j = NULL;
		}
		/* a missing document or definition: try the next ref */
		if (first.code == 0)
			first = e2;
		if (r != SC_ERR_NOTFOUND)
			break;
	}
	sc_err_set(err, first.code ? first.code : r, "%s", first.msg);
	return r;
}

static int
oval_evaluate(void *p, struct sc_scan_ctx *ctx, void *jp,
    struct sc_rule_result *rr, struct sc_err *err)
{
	struct state *s = p;
	struct job *j = jp;
	enum sc_result res = SC_RESULT_PASS;

	(void)ctx;
	(void)err;
	s->rt.walked = 1;
	for (size_t i = 0; i < j->n_defs; i++) {
		enum sc_oval_res r = sc_oval_eval_def(j->doc, j->defs[i]);

		res = i == 0 ? sc_oval_eval_xccdf(j->defs[i], r) :
		    sc_result_and(res, sc_oval_eval_xccdf(j->defs[i], r));
		sc_oval_eval_evidence(j->doc, j->defs[i], rr);
	}
	rr->result = res;
	return SC_OK;
}

static int
oval_collect(void *p, struct sc_scan_ctx *ctx, struct sc_testresult *tr,
    struct sc_err *err)
{
	struct state *s = p;
	time_t now = time(NULL);

	(void)ctx;
	(void)err;
	for (size_t i = 0; i < s->n_docs; i++)
		if (s->docs[i]->used)
			sc_testresult_add_check_doc(tr, SC_OVAL_SYSTEM,
			    sc_oval_results_build(s->docs[i], now));
	return SC_OK;
}

const struct sc_engine_ops sc_oval_engine = {
	.system = SC_OVAL_SYSTEM,
	.name = "oval",
	.info = "evaluated (OVAL 5.11 subset)",
	.init = oval_init,
	.fini = oval_fini,
	.prepare = oval_prepare,
	.evaluate = oval_evaluate,
	.job_free = job_free,
	.collect = oval_collect,
};
