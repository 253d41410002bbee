/*
 * fam_family.c - ind:family_test: the target's OS family, "unix".
 */
#include "checks/oval/oval_collect.h"
#include "checks/oval/oval_family.h"
#include "checks/oval/oval_item.h"

static const char *const family_ste[] = { "family", NULL };
static const char *const none[] = { NULL };

static void
collect(struct sc_oval_doc *d, struct sc_oval_object *o)
{
	struct sc_oval_item *it = sc_oval_item_new(SC_OVAL_KIND_FAMILY);

	sc_oval_item_set(it, "family", "unix");
	sc_oval_collect_emit(d, o, it);
}

static void
describe(const struct sc_oval_item *it, struct sc_target *t,
    struct sc_oval_state *const *states, size_t n_states, struct sc_buf *out)
{
	struct sc_buf v = SC_BUF_INIT;

	(void)t;
	(void)states;
	(void)n_states;
	sc_buf_reset(&v);
	sc_oval_item_named_field(it, "family", 0, &v);
	sc_buf_addf(out, "family %s", v.data);
	sc_buf_free(&v);
}

const struct sc_oval_family sc_fam_family = {
	.ns = SC_OVAL_IND_NS,
	.prefix = "family",
	.ns_short = "ind",
	.sc_ns = SC_OVAL_SC_IND_NS,
	.item = "family_item",
	.obj_ents = none,
	.ste_ents = family_ste,
	.item_ents = family_ste,
	.collect = collect,
	.describe = describe,
};
