/*
 * ckl.c - STIG Viewer 2 checklists (ckl.h).
 */
#include "reports/ckl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xccdf/results_xml.h"

#define CHECK_CONTENT_REF "M"
#define TECH_AREA "UNIX OS"

static xmlNodePtr
text(xmlNodePtr parent, const char *name, const char *value)
{
	return xmlNewTextChild(parent, NULL, (const xmlChar *)name,
	    (const xmlChar *)(value ? value : ""));
}

static void
si_data(xmlNodePtr info, const char *name, const char *value)
{
	xmlNodePtr si = xmlNewChild(info, NULL, (const xmlChar *)"SI_DATA", NULL);

	text(si, "SID_NAME", name);
	if (value)
		text(si, "SID_DATA", value);
}

static void
stig_data(xmlNodePtr vuln, const char *attr, const char *value)
{
	xmlNodePtr sd = xmlNewChild(vuln, NULL, (const xmlChar *)"STIG_DATA",
	    NULL);

	text(sd, "VULN_ATTRIBUTE", attr);
	text(sd, "ATTRIBUTE_DATA", value);
}

static void
add_vuln(xmlNodePtr istig, const struct sc_checklist *cl,
    const struct sc_checklist_item *it)
{
	const struct sc_srg_rule *r = it->srg;
	xmlNodePtr v = xmlNewChild(istig, NULL, (const xmlChar *)"VULN", NULL);
	size_t i;

	stig_data(v, "Vuln_Num", r->vuln_id);
	stig_data(v, "Severity", r->severity);
	stig_data(v, "Group_Title", r->group_title);
	stig_data(v, "Rule_ID", r->rule_id);
	stig_data(v, "Rule_Ver", r->srg_id);
	stig_data(v, "Rule_Title", r->title);
	stig_data(v, "Vuln_Discuss", it->discussion);
	stig_data(v, "IA_Controls", "");
	stig_data(v, "Check_Content", it->check_text);
	stig_data(v, "Fix_Text", it->fix_text);
	stig_data(v, "False_Positives", "");
	stig_data(v, "False_Negatives", "");
	stig_data(v, "Documentable", "false");
	stig_data(v, "Mitigations", "");
	stig_data(v, "Potential_Impact", "");
	stig_data(v, "Third_Party_Tools", "");
	stig_data(v, "Mitigation_Control", "");
	stig_data(v, "Responsibility", "");
	stig_data(v, "Security_Override_Guidance", "");
	stig_data(v, "Check_Content_Ref", CHECK_CONTENT_REF);
	stig_data(v, "Weight", r->weight);
	stig_data(v, "Class", "Unclass");
	stig_data(v, "STIGRef", cl->stig_ref);
	stig_data(v, "TargetKey", cl->srg->target_key);
	stig_data(v, "STIG_UUID", cl->stig_uuid);
	for (i = 0; i < r->legacy_ids.n; i++)
		stig_data(v, "LEGACY_ID", r->legacy_ids.v[i]);
	for (i = 0; i < r->ccis.n; i++)
		stig_data(v, "CCI_REF", r->ccis.v[i]);
	text(v, "STATUS", sc_ckl_status_name(it->status));
	text(v, "FINDING_DETAILS", it->details);
	text(v, "COMMENTS", it->comments);
	text(v, "SEVERITY_OVERRIDE", "");
	text(v, "SEVERITY_JUSTIFICATION", "");
}

xmlDocPtr
sc_ckl_build(const struct sc_checklist *cl)
{
	const struct sc_srg *srg = cl->srg;
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root, a, istig, info;
	char *comment;
	size_t i;

	comment = sc_xasprintf("stigcheck %s", STIGCHECK_VERSION);
	xmlAddChild((xmlNodePtr)doc, xmlNewDocComment(doc,
	    (const xmlChar *)comment));
	free(comment);
	root = xmlNewDocNode(doc, NULL, (const xmlChar *)"CHECKLIST", NULL);
	xmlDocSetRootElement(doc, root);

	a = xmlNewChild(root, NULL, (const xmlChar *)"ASSET", NULL);
	text(a, "ROLE", "None");
	text(a, "ASSET_TYPE", "Computing");
	text(a, "HOST_NAME", cl->host_name);
	text(a, "HOST_IP", cl->ip);
	text(a, "HOST_MAC", cl->mac);
	text(a, "HOST_FQDN", cl->fqdn);
	text(a, "TARGET_COMMENT", cl->target_comment);
	text(a, "TECH_AREA", TECH_AREA);
	text(a, "TARGET_KEY", srg->target_key);
	text(a, "WEB_OR_DATABASE", "false");
	text(a, "WEB_DB_SITE", "");
	text(a, "WEB_DB_INSTANCE", "");

	istig = xmlNewChild(xmlNewChild(root, NULL, (const xmlChar *)"STIGS",
	    NULL), NULL, (const xmlChar *)"iSTIG", NULL);
	info = xmlNewChild(istig, NULL, (const xmlChar *)"STIG_INFO", NULL);
	si_data(info, "version", srg->version);
	si_data(info, "classification", "UNCLASSIFIED");
	si_data(info, "customname", NULL);
	si_data(info, "stigid", srg->benchmark_id);
	si_data(info, "description", NULL);
	si_data(info, "filename", srg->filename);
	si_data(info, "releaseinfo", srg->release);
	si_data(info, "title", srg->title);
	si_data(info, "uuid", cl->stig_uuid);
	si_data(info, "notice", "terms-of-use");
	si_data(info, "source", srg->source);
	for (i = 0; i < cl->n_items; i++)
		add_vuln(istig, cl, &cl->items[i]);
	return doc;
}

int
sc_ckl_write(const struct sc_checklist *cl, const char *path,
    struct sc_err *err)
{
	xmlDocPtr doc = sc_ckl_build(cl);
	int r = sc_results_save(doc, path, err);

	xmlFreeDoc(doc);
	return r;
}
