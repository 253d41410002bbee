/*
 * fam_unknown.c - ind:unknown_test: no object, always unknown.
 */
#include "checks/oval/oval_family.h"
#include "checks/oval/oval_model.h"

static const char *const none[] = { NULL };

const struct sc_oval_family sc_fam_unknown = {
	.ns = SC_OVAL_IND_NS,
	.prefix = "unknown",
	.ns_short = "ind",
	.sc_ns = SC_OVAL_SC_IND_NS,
	.item = NULL,
	.obj_ents = none,
	.ste_ents = none,
	.item_ents = none,
	.flags = SC_OVAL_FAM_NO_OBJECT,
};
