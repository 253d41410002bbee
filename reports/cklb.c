/*
 * cklb.c - STIG Viewer 3 checklists (cklb.h).
 */
#include "reports/cklb.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "reports/ruleinfo.h"
#include "util/fsutil.h"

#define SRG_CHECK_HREF "General_Purpose_Operating_System_SRG.xml"
#define TECH_AREA "UNIX OS"

/* A JSON string ("" for NULL); text that is not UTF-8 is made so. */
static json_t *
str(const char *s)
{
	return sc_ruleinfo_jstr(s ? s : "");
}

static void
set(json_t *o, const char *key, json_t *v)
{
	json_object_set_new(o, key, v);
}

static json_t *
strings(const struct sc_strv *sv)
{
	json_t *a = json_array();

	for (size_t i = 0; i < sv->n; i++)
		json_array_append_new(a, str(sv->v[i]));
	return a;
}

/* "SRG ... Security Requirements Guide" -> "... SRG" for display. */
static char *
display_name(const char *title)
{
	static const char long_name[] = " Security Requirements Guide";
	size_t n = strlen(title), l = sizeof(long_name) - 1;

	if (n > l && strcmp(title + n - l, long_name) == 0)
		return sc_xasprintf("%.*s SRG", (int)(n - l), title);
	return sc_xstrdup(title);
}

static json_t *
rule(const struct sc_checklist *cl, const struct sc_checklist_item *it)
{
	const struct sc_srg_rule *r = it->srg;
	json_t *o = json_object(), *ref = json_object(), *tree = json_array();
	json_t *g = json_object();
	const char *rs = strstr(r->rule_id, "_rule");
	char *rule_id = rs ? sc_xstrndup(r->rule_id, (size_t)(rs - r->rule_id)) :
	    sc_xstrdup(r->rule_id);

	set(o, "uuid", str(it->uuid));
	set(o, "stig_uuid", str(cl->stig_uuid));
	set(o, "target_key", str(cl->srg->target_key));
	set(o, "stig_ref", str(cl->stig_ref));
	set(o, "group_id", str(r->vuln_id));
	set(o, "rule_id", str(rule_id));
	set(o, "rule_id_src", str(r->rule_id));
	set(o, "weight", str(r->weight));
	set(o, "classification", str("Unclass"));
	set(o, "severity", str(r->severity));
	set(o, "rule_version", str(r->srg_id));
	set(o, "group_title", str(r->group_title));
	set(o, "rule_title", str(r->title));
	set(o, "fix_text", str(it->fix_text));
	set(o, "false_positives", str(""));
	set(o, "false_negatives", str(""));
	set(o, "discussion", str(it->discussion));
	set(o, "check_content", str(it->check_text));
	set(o, "documentable", str("false"));
	set(o, "mitigations", str(""));
	set(o, "potential_impacts", str(""));
	set(o, "third_party_tools", str(""));
	set(o, "mitigation_control", str(""));
	set(o, "responsibility", str(""));
	set(o, "security_override_guidance", str(""));
	set(o, "ia_controls", str(""));
	set(ref, "name", str("M"));
	set(ref, "href", str(SRG_CHECK_HREF));
	set(o, "check_content_ref", ref);
	set(o, "legacy_ids", strings(&r->legacy_ids));
	set(o, "ccis", strings(&r->ccis));
	set(g, "id", str(r->vuln_id));
	set(g, "title", str(r->group_title));
	set(g, "description", str("<GroupDescription></GroupDescription>"));
	json_array_append_new(tree, g);
	set(o, "group_tree", tree);
	set(o, "group_id_src", str(r->vuln_id));
	set(o, "createdAt", str(cl->time));
	set(o, "updatedAt", str(cl->time));
	set(o, "status", str(sc_cklb_status_name(it->status)));
	set(o, "overrides", json_object());
	set(o, "comments", str(it->comments));
	set(o, "finding_details", str(it->details));
	set(o, "reference_identifier", str(cl->srg->target_key));
	free(rule_id);
	return o;
}

char *
sc_cklb_build(const struct sc_checklist *cl, const char *title)
{
	const struct sc_srg *srg = cl->srg;
	json_t *root = json_object(), *td = json_object(), *stigs = json_array();
	json_t *stig = json_object(), *rules = json_array();
	char *dn = display_name(srg->title ? srg->title : srg->benchmark_id);
	char *text;
	size_t i;

	set(root, "title", str(title));
	set(root, "id", str(cl->id));
	set(td, "target_type", str("Computing"));
	set(td, "host_name", str(cl->host_name));
	set(td, "ip_address", str(cl->ip));
	set(td, "mac_address", str(cl->mac));
	set(td, "fqdn", str(cl->fqdn));
	set(td, "comments", str(cl->target_comment));
	set(td, "role", str("None"));
	set(td, "is_web_database", json_false());
	set(td, "technology_area", str(TECH_AREA));
	set(td, "web_db_site", str(""));
	set(td, "web_db_instance", str(""));
	set(root, "target_data", td);

	set(stig, "stig_name", str(srg->title));
	set(stig, "display_name", str(dn));
	set(stig, "stig_id", str(srg->benchmark_id));
	set(stig, "release_info", str(srg->release));
	set(stig, "uuid", str(cl->stig_uuid));
	set(stig, "reference_identifier", str(srg->target_key));
	set(stig, "size", json_integer((json_int_t)srg->n_rules));
	for (i = 0; i < cl->n_items; i++)
		json_array_append_new(rules, rule(cl, &cl->items[i]));
	set(stig, "rules", rules);
	json_array_append_new(stigs, stig);
	set(root, "stigs", stigs);
	set(root, "active", json_false());
	set(root, "mode", json_integer(2));
	set(root, "has_path", json_true());
	set(root, "cklb_version", str("1.0"));

	text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	free(dn);
	if (text == NULL) {
		fputs("stigcheck: out of memory\n", stderr);
		abort();
	}
	return text;
}

int
sc_cklb_write(const struct sc_checklist *cl, const char *path,
    struct sc_err *err)
{
	const char *base = strrchr(path, '/');
	char *text = sc_cklb_build(cl, base ? base + 1 : path);
	struct sc_buf b = SC_BUF_INIT;
	int r;

	sc_buf_reset(&b);
	sc_buf_adds(&b, text);
	sc_buf_addc(&b, '\n');
	free(text);
	r = sc_write_atomic(path, b.data, b.len, err);
	sc_buf_free(&b);
	return r;
}
