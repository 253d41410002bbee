/*
 * fam_environmentvariable58.c - ind:environmentvariable58_test: the
 * target's environment (nil pid only).
 *
 * Secrets: the value of a variable whose name says it holds one
 * (PASSWORD, SECRET, TOKEN, KEY, CREDENTIAL...) is redacted in evidence
 * and results documents.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "checks/oval/oval_collect.h"
#include "checks/oval/oval_family.h"
#include "checks/oval/oval_item.h"
#include "probes/env.h"

static const char *const env_obj[] = { "pid", "name", NULL };
static const char *const env_ste[] = { "name", "value", NULL };

static int
check(struct sc_oval_object *o, const char *owner, struct sc_err *err)
{
	const struct sc_oval_entity *pid = sc_oval_collect_ent(o, "pid");

	if (sc_oval_collect_ent(o, "name") == NULL)
		return sc_err_set(err, SC_ERR_PARSE, "%s: no <name>", owner);
	if (pid != NULL && !pid->nil)
		return sc_err_set(err, SC_ERR_UNSUPPORTED,
		    "%s: a pid other than nil (another process's "
		    "environment) is not supported", owner);
	return SC_OK;
}

struct env_ctx {
	struct sc_oval_doc *d;
	struct sc_oval_object *o;
};

static int
env_var(void *p, const char *name, size_t name_len, const char *value)
{
	struct env_ctx *c = p;
	char *n = sc_xstrndup(name, name_len);

	if (sc_oval_collect_match(c->o, sc_oval_collect_ent(c->o, "name"),
	    n) == 1) {
		struct sc_oval_item *it = sc_oval_item_new(
		    SC_OVAL_KIND_ENVIRONMENTVARIABLE58);

		sc_oval_item_set(it, "name", n);
		sc_oval_item_set(it, "value", value);
		sc_oval_collect_emit(c->d, c->o, it);
	}
	free(n);
	return 0;
}

static void
collect(struct sc_oval_doc *d, struct sc_oval_object *o)
{
	struct env_ctx c = { d, o };

	sc_probe_env_each(d->rt->target, env_var, &c);
}

static int
secret_env_name(const char *name)
{
	static const char *const words[] = { "PASSW", "SECRET", "TOKEN", "KEY",
		"CREDENTIAL", "AUTH", "PRIVATE", "COOKIE", "SESSION", NULL };
	char up[256];
	size_t i;

	for (i = 0; name[i] && i < sizeof(up) - 1; i++)
		up[i] = (char)toupper((unsigned char)name[i]);
	up[i] = '\0';
	for (i = 0; words[i]; i++)
		if (strstr(up, words[i]) != NULL)
			return 1;
	return 0;
}

static void
describe(const struct sc_oval_item *it, struct sc_target *t,
    struct sc_oval_state *const *states, size_t n_states, struct sc_buf *out)
{
	const char *name = it->vvals.v[0], *value = it->vvals.v[1];

	(void)t;
	(void)states;
	(void)n_states;
	sc_buf_addf(out, "%s=%s in the target's environment", name,
	    secret_env_name(name) ? "[redacted]" : value);
}

static void
describe_none(const struct sc_oval_object *o, struct sc_buf *out)
{
	sc_buf_adds(out, "no variable ");
	sc_oval_collect_describe_entity(sc_oval_collect_ent(o, "name"), out);
	sc_buf_adds(out, " is set in the target's environment");
}

static void
to_xml(const struct sc_oval_item *it, xmlNodePtr n, xmlNsPtr ns)
{
	const char *name = it->vvals.v[0], *value = it->vvals.v[1];

	sc_oval_item_xml_child(n, ns, "name", name, NULL);
	sc_oval_item_xml_child(n, ns, "value", secret_env_name(name) ?
	    "[redacted]" : value, NULL);
}

const struct sc_oval_family sc_fam_environmentvariable58 = {
	.ns = SC_OVAL_IND_NS,
	.prefix = "environmentvariable58",
	.ns_short = "ind",
	.sc_ns = SC_OVAL_SC_IND_NS,
	.item = "environmentvariable58_item",
	.obj_ents = env_obj,
	.ste_ents = env_ste,
	.item_ents = env_ste,
	.check = check,
	.collect = collect,
	.describe = describe,
	.describe_none = describe_none,
	.to_xml = to_xml,
};
