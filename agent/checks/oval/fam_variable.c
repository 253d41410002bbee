/*
 * fam_variable.c - ind:variable_test: the values of an OVAL variable (the
 * object's <var_ref> names it), one item with every value.
 */
#include "checks/oval/oval_collect.h"
#include "checks/oval/oval_family.h"
#include "checks/oval/oval_item.h"
#include "checks/oval/oval_var.h"

static const char *const obj[] = { "var_ref", NULL };
static const char *const ste[] = { "var_ref", "value", NULL };

static int
check(struct sc_oval_object *o, const char *owner, struct sc_err *err)
{
	const struct sc_oval_entity *e = sc_oval_collect_ent(o, "var_ref");

	if (e == NULL || e->value == NULL)
		return sc_err_set(err, SC_ERR_PARSE, "%s: needs a literal <var_ref>",
		    owner);
	if (e->op != SC_OVAL_OP_EQUALS)
		return sc_err_set(err, SC_ERR_UNSUPPORTED, "%s: <var_ref> with "
		    "operation '%s' is not supported", owner,
		    sc_oval_op_name(e->op));
	return SC_OK;
}

static void
collect(struct sc_oval_doc *d, struct sc_oval_object *o)
{
	const char *id = sc_oval_collect_ent(o, "var_ref")->value;
	struct sc_err err = SC_ERR_INIT;
	const struct sc_strv *vals;
	struct sc_oval_var *v;
	struct sc_oval_item *it;
	enum sc_oval_flag flag;

	if (sc_oval_doc_var(d, id, &v, &err) < 0 ||
	    sc_oval_var_values(d, v, &flag, &vals, &err) < 0) {
		sc_oval_collect_error(o, "%s", err.msg);
		return;
	}
	if (flag != SC_OVAL_FLAG_COMPLETE && flag != SC_OVAL_FLAG_INCOMPLETE) {
		if (flag == SC_OVAL_FLAG_ERROR)
			sc_oval_collect_error(o, "variable %s: %s", id,
			    v->error ? v->error : "error");
		return;
	}
	it = sc_oval_item_new(SC_OVAL_KIND_VARIABLE);
	sc_oval_item_set(it, "var_ref", id);
	for (size_t i = 0; i < vals->n; i++)
		sc_oval_item_set(it, "value", vals->v[i]);
	sc_oval_collect_emit(d, o, it);
}

static void
describe_none(const struct sc_oval_object *o, struct sc_buf *out)
{
	sc_buf_addf(out, "variable %s has no value",
	    sc_oval_collect_ent(o, "var_ref")->value);
}

const struct sc_oval_family sc_fam_variable = {
	.ns = SC_OVAL_IND_NS,
	.prefix = "variable",
	.ns_short = "ind",
	.sc_ns = SC_OVAL_SC_IND_NS,
	.item = "variable_item",
	.obj_ents = obj,
	.ste_ents = ste,
	.item_ents = ste,
	.check = check,
	.collect = collect,
	.describe_none = describe_none,
};
