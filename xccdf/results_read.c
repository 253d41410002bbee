/*
 * results_read.c - loading stored results (results_read.h).
 */
#include "xccdf/results_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"
#include "xccdf/arf.h"
#include "xccdf/score.h"

static const char *score_systems[] = {
	SC_SCORE_DEFAULT, SC_SCORE_FLAT, SC_SCORE_FLAT_UNWEIGHTED,
	SC_SCORE_ABSOLUTE,
};

static int
is(xmlNodePtr n, const char *name)
{
	return sc_xml_is(n, SC_XCCDF12_NS, name);
}

static char *
text(xmlNodePtr n)
{
	xmlChar *t = xmlNodeGetContent(n);
	char *s = sc_xstrdup(t ? (const char *)t : "");

	xmlFree(t);
	return s;
}

static int
parse_time(xmlNodePtr n, const char *name, time_t *t, int required,
    struct sc_err *err)
{
	char *v = sc_xml_attr(n, name);
	int r = SC_OK;

	if (v == NULL) {
		if (required)
			r = sc_err_set(err, SC_ERR_PARSE, "<%s> has no %s",
			    (const char *)n->name, name);
	} else if (sc_time_parse_iso8601(v, t) < 0) {
		r = sc_err_set(err, SC_ERR_PARSE, "<%s> %s '%s' is not a time",
		    (const char *)n->name, name, v);
	}
	free(v);
	return r;
}

/* Evidence lines as messages (no cap: the file was capped already). */
static void
add_lines(struct sc_rule_result *rr, const char *s, enum sc_msg_sev sev)
{
	unsigned long more;
	char tail;

	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		char *line = sc_xstrndup(s, n);

		if (sscanf(line, SC_RR_MORE_FMT "%c", &more, &tail) == 1 &&
		    nl == NULL) {
			rr->dropped = more;
			free(line);
			break;
		}
		SC_GROW(rr->msgs, rr->cap_msgs, rr->n_msgs + 1);
		rr->msgs[rr->n_msgs].sev = sev;
		rr->msgs[rr->n_msgs].text = line;
		rr->n_msgs++;
		s += n;
		if (*s == '\n')
			s++;
	}
}

static const struct sc_check *
rule_check(const struct sc_item *rule, const char *system, const char *name)
{
	const struct sc_check *first = NULL;

	for (size_t i = 0; rule && i < rule->n_checks; i++) {
		const struct sc_check *c = &rule->checks[i];

		if (strcmp(c->system, system) != 0)
			continue;
		if (first == NULL)
			first = c;
		if (name == NULL || (c->n_refs > 0 && c->refs[0].name &&
		    strcmp(c->refs[0].name, name) == 0))
			return c;
	}
	return first;
}

static void
parse_check(struct sc_rule_result *rr, xmlNodePtr n)
{
	const struct sc_check *c;
	char *system = sc_xml_attr(n, "system"), *name = NULL;
	size_t cap = 0;

	if (system == NULL)
		return;
	for (xmlNodePtr r = n->children; r; r = r->next)
		if (is(r, "check-content-ref") && name == NULL)
			name = sc_xml_attr(r, "name");
	if ((c = rule_check(rr->rule, system, name)) != NULL) {
		sc_rr_set_check(rr, c);
		goto out;
	}
	rr->check_system = sc_xstrdup(system);
	rr->check_selector = sc_xml_attr(n, "selector");
	for (xmlNodePtr r = n->children; r; r = r->next) {
		if (!is(r, "check-content-ref"))
			continue;
		SC_GROW(rr->check_refs, cap, rr->n_check_refs + 1);
		rr->check_refs[rr->n_check_refs].href = sc_xml_attr(r, "href");
		if (rr->check_refs[rr->n_check_refs].href == NULL)
			rr->check_refs[rr->n_check_refs].href = sc_xstrdup("");
		rr->check_refs[rr->n_check_refs].name = sc_xml_attr(r, "name");
		rr->n_check_refs++;
	}
out:
	free(system);
	free(name);
}

/* <override>: the evaluated result and the review it gave way to */
static int
parse_override(struct sc_rule_result *rr, xmlNodePtr n, struct sc_err *err)
{
	char *who = sc_xml_attr(n, "authority"), *t, *reason = NULL;
	int oldr = -1, newr = -1, r = SC_OK;
	time_t when = 0, expires = 0;
	char *remark = NULL;
	enum sc_result cur;

	if ((r = parse_time(n, "time", &when, 1, err)) < 0)
		goto out;
	for (xmlNodePtr ch = n->children; ch; ch = ch->next) {
		if (is(ch, "old-result") || is(ch, "new-result")) {
			t = text(ch);
			*(is(ch, "old-result") ? &oldr : &newr) =
			    sc_result_parse(t);
			free(t);
		} else if (is(ch, "remark") && remark == NULL) {
			remark = text(ch);
		}
	}
	if (who == NULL || oldr < 0 || newr < 0 || remark == NULL) {
		r = sc_err_set(err, SC_ERR_PARSE, "rule-result '%s': <override> "
		    "lacks authority, old-result, new-result or remark",
		    rr->idref);
		goto out;
	}
	sc_override_parse_remark(remark, &reason, &expires);
	/* the stored <result> is the final one, whatever new-result says */
	cur = rr->result;
	rr->result = (enum sc_result)oldr;
	sc_rr_set_override(rr, (enum sc_result)newr, when, who, reason,
	    expires);
	rr->result = cur;
out:
	free(who);
	free(remark);
	free(reason);
	return r;
}

static int
parse_rule_result(struct sc_testresult *tr, xmlNodePtr n,
    const struct sc_benchmark *b, struct sc_err *err)
{
	struct sc_rule_result *rr;
	char *idref = sc_xml_attr(n, "idref"), *v;
	int r = SC_OK, x;

	if (idref == NULL)
		return sc_err_set(err, SC_ERR_PARSE, "a <rule-result> has no idref");
	rr = sc_testresult_add(tr, idref);
	free(idref);
	rr->rule = b ? sc_bench_find(b, rr->idref) : NULL;
	if (rr->rule && rr->rule->type != SC_ITEM_RULE)
		rr->rule = NULL;
	rr->severity = rr->rule ? rr->rule->severity : SC_SEV_UNKNOWN;
	if ((v = sc_xml_attr(n, "severity")) != NULL) {
		if ((x = sc_severity_parse(v)) >= 0)
			rr->severity = (enum sc_severity)x;
		free(v);
	}
	if ((v = sc_xml_attr(n, "role")) != NULL) {
		if ((x = sc_role_parse(v)) >= 0)
			rr->role = (enum sc_role)x;
		free(v);
	}
	if ((v = sc_xml_attr(n, "weight")) != NULL) {
		rr->weight = strtod(v, NULL);
		free(v);
	}
	rr->version = sc_xml_attr(n, "version");
	if ((r = parse_time(n, "time", &rr->time, 0, err)) < 0)
		return r;
	rr->result = (enum sc_result)-1;
	for (xmlNodePtr ch = n->children; ch; ch = ch->next) {
		if (is(ch, "result")) {
			char *t = text(ch);

			x = sc_result_parse(t);
			if (x < 0)
				r = sc_err_set(err, SC_ERR_PARSE,
				    "rule-result '%s': unknown result '%s'",
				    rr->idref, t);
			free(t);
			if (r < 0)
				return r;
			rr->result = (enum sc_result)x;
		} else if (is(ch, "message")) {
			char *t = text(ch), *sev = sc_xml_attr(ch, "severity");
			enum sc_msg_sev s = SC_MSG_INFO;

			if (sev && strcmp(sev, "warning") == 0)
				s = SC_MSG_WARNING;
			else if (sev && strcmp(sev, "error") == 0)
				s = SC_MSG_ERROR;
			add_lines(rr, t, s);
			free(t);
			free(sev);
		} else if (is(ch, "override") && rr->ovr == NULL) {
			if ((r = parse_override(rr, ch, err)) < 0)
				return r;
		} else if (is(ch, "check") && rr->check_system == NULL) {
			parse_check(rr, ch);
		}
	}
	if ((int)rr->result < 0)
		return sc_err_set(err, SC_ERR_PARSE,
		    "rule-result '%s' has no <result>", rr->idref);
	return SC_OK;
}

static void
parse_score(struct sc_testresult *tr, xmlNodePtr n)
{
	char *sys = sc_xml_attr(n, "system"), *max = sc_xml_attr(n, "maximum");
	char *t = text(n);

	for (size_t i = 0; sys && i < 4 && tr->n_scores < 4; i++) {
		if (strcmp(sys, score_systems[i]) != 0)
			continue;
		tr->scores[tr->n_scores].system = score_systems[i];
		tr->scores[tr->n_scores].score = strtod(t, NULL);
		tr->scores[tr->n_scores].maximum = max ? strtod(max, NULL) : 100;
		tr->n_scores++;
	}
	free(sys);
	free(max);
	free(t);
}

int
sc_results_parse_testresult(xmlNodePtr trn, const struct sc_benchmark *b,
    struct sc_testresult **out, struct sc_err *err)
{
	struct sc_testresult *tr = sc_testresult_new();
	int r;

	*out = NULL;
	tr->id = sc_xml_attr(trn, "id");
	tr->benchmark_version = sc_xml_attr(trn, "version");
	tr->test_system = sc_xml_attr(trn, "test-system");
	if (tr->id == NULL) {
		r = sc_err_set(err, SC_ERR_PARSE, "<TestResult> has no id");
		goto fail;
	}
	if ((r = parse_time(trn, "start-time", &tr->start_time, 0, err)) < 0 ||
	    (r = parse_time(trn, "end-time", &tr->end_time, 1, err)) < 0)
		goto fail;
	if (xmlHasProp(trn, (const xmlChar *)"start-time") == NULL)
		tr->start_time = tr->end_time;
	for (xmlNodePtr ch = trn->children; ch; ch = ch->next) {
		if (is(ch, "benchmark") && tr->benchmark_id == NULL) {
			tr->benchmark_id = sc_xml_attr(ch, "id");
			tr->benchmark_href = sc_xml_attr(ch, "href");
		} else if (is(ch, "title") && tr->title == NULL) {
			tr->title = text(ch);
		} else if (is(ch, "profile") && tr->profile_id == NULL) {
			tr->profile_id = sc_xml_attr(ch, "idref");
		} else if (is(ch, "target") && tr->target == NULL) {
			tr->target = text(ch);
		} else if (is(ch, "target-address")) {
			sc_strv_push_owned(&tr->target_addresses, text(ch));
		} else if (is(ch, "target-facts")) {
			for (xmlNodePtr f = ch->children; f; f = f->next) {
				char *name, *type, *v;

				if (!is(f, "fact"))
					continue;
				name = sc_xml_attr(f, "name");
				type = sc_xml_attr(f, "type");
				v = text(f);
				if (name)
					sc_testresult_add_fact(tr, name, type, v);
				free(name);
				free(type);
				free(v);
			}
		} else if (is(ch, "rule-result")) {
			if ((r = parse_rule_result(tr, ch, b, err)) < 0)
				goto fail;
		} else if (is(ch, "score")) {
			parse_score(tr, ch);
		}
	}
	if (tr->benchmark_id == NULL && b)
		tr->benchmark_id = sc_xstrdup(b->id);
	if (tr->benchmark_id == NULL)
		tr->benchmark_id = sc_xstrdup("");
	if (tr->benchmark_href == NULL)
		tr->benchmark_href = sc_xstrdup("");
	if (tr->benchmark_version == NULL && b)
		tr->benchmark_version = sc_xstrdup(b->version);
	if (tr->title == NULL)
		tr->title = sc_xstrdup("");
	if (tr->test_system == NULL)
		tr->test_system = sc_xstrdup("");
	if (tr->target == NULL) {
		r = sc_err_set(err, SC_ERR_PARSE, "TestResult '%s' has no <target>",
		    tr->id);
		goto fail;
	}
	*out = tr;
	return SC_OK;
fail:
	sc_testresult_free(tr);
	return r;
}

/* ---- XCCDF results ------------------------------------------------------------ */

static int
load_xccdf(const char *path, xmlDocPtr doc, struct sc_content **cp,
    struct sc_testresult **trp, struct sc_err *err)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), ch, next, last = NULL;
	int r;

	/*
	 * Keep only the last TestResult, inside the document: the content
	 * loader owns (and on error frees) the document, so a node taken out
	 * of it must never outlive it (a Benchmark that does not parse used
	 * to leave the unlinked node pointing into a freed document).
	 */
	for (ch = root->children; ch; ch = next) {
		next = ch->next;
		if (!is(ch, "TestResult"))
			continue;
		if (last) {
			xmlUnlinkNode(last);
			xmlFreeNode(last);
		}
		last = ch;
	}
	if (last == NULL) {
		xmlFreeDoc(doc);
		return sc_err_set(err, SC_ERR_PARSE,
		    "%s: the Benchmark holds no TestResult", path);
	}
	if ((r = sc_content_from_doc(cp, doc, path, NULL, err)) < 0)
		return r;	/* doc, and last with it, are gone */
	r = sc_results_parse_testresult(last, sc_content_benchmark(*cp), trp, err);
	/* the content's document stays as a benchmark, without results */
	xmlUnlinkNode(last);
	xmlFreeNode(last);
	if (r < 0) {
		sc_err_prefix(err, "%s", path);
		sc_content_free(*cp);
		*cp = NULL;
	}
	return r;
}

/* ---- ARF ---------------------------------------------------------------------- */

static xmlNodePtr
first_child(xmlNodePtr n, const char *ns, const char *name)
{
	for (xmlNodePtr ch = n ? n->children : NULL; ch; ch = ch->next)
		if (sc_xml_is(ch, ns, name))
			return ch;
	return NULL;
}

static xmlNodePtr
content_root(xmlNodePtr holder)
{
	xmlNodePtr c = first_child(holder, SC_ARF_NS, "content");

	for (xmlNodePtr ch = c ? c->children : NULL; ch; ch = ch->next)
		if (ch->type == XML_ELEMENT_NODE)
			return ch;
	return NULL;
}

/* The checklist component-ref whose xlink:href is "#comp" (owned ids). */
static void
find_checklist(xmlNodePtr coll, const char *href, char **ds_id, char **cref_id)
{
	*ds_id = *cref_id = NULL;
	if (href == NULL || href[0] != '#')
		return;
	for (xmlNodePtr ds = coll->children; ds; ds = ds->next) {
		xmlNodePtr lists = first_child(ds, SC_SDS_NS, "checklists");

		if (!sc_xml_is(ds, SC_SDS_NS, "data-stream") || lists == NULL)
			continue;
		for (xmlNodePtr cr = lists->children; cr; cr = cr->next) {
			xmlChar *h;

			if (!sc_xml_is(cr, SC_SDS_NS, "component-ref"))
				continue;
			h = xmlGetNsProp(cr, (const xmlChar *)"href",
			    (const xmlChar *)SC_XLINK_NS);
			if (h && strcmp((const char *)h, href) == 0) {
				xmlFree(h);
				*ds_id = sc_xml_attr(ds, "id");
				*cref_id = sc_xml_attr(cr, "id");
				return;
			}
			xmlFree(h);
		}
	}
}

static int
load_arf(const char *path, xmlDocPtr doc, struct sc_content **cp,
    struct sc_testresult **trp, struct sc_err *err)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), reqs, reports, rep;
	xmlNodePtr trn = NULL, coll = NULL;
	xmlDocPtr cdoc = NULL;
	struct sc_content_opts o = { NULL, NULL, 0 };
	char *ds_id = NULL, *cref_id = NULL, *href = NULL;
	int r;

	reports = first_child(root, SC_ARF_NS, "reports");
	for (rep = reports ? reports->children : NULL; rep && !trn; rep = rep->next)
		if (sc_xml_is(rep, SC_ARF_NS, "report") &&
		    is(content_root(rep), "TestResult"))
			trn = content_root(rep);
	if (trn == NULL) {
		r = sc_err_set(err, SC_ERR_PARSE,
		    "%s: the ARF holds no XCCDF 1.2 TestResult report", path);
		goto out;
	}
	reqs = first_child(root, SC_ARF_NS, "report-requests");
	for (rep = reqs ? reqs->children : NULL; rep && !coll; rep = rep->next) {
		xmlNodePtr c = sc_xml_is(rep, SC_ARF_NS, "report-request") ?
		    content_root(rep) : NULL;

		if (sc_xml_is(c, SC_SDS_NS, "data-stream-collection") ||
		    is(c, "Benchmark"))
			coll = c;
	}
	if (coll == NULL) {
		r = sc_err_set(err, SC_ERR_PARSE,
		    "%s: the ARF has no report-request holding the data stream "
		    "or benchmark that was evaluated", path);
		goto out;
	}
	for (xmlNodePtr ch = trn->children; ch; ch = ch->next)
		if (is(ch, "benchmark")) {
			href = sc_xml_attr(ch, "href");
			break;
		}
	if (sc_xml_is(coll, SC_SDS_NS, "data-stream-collection")) {
		find_checklist(coll, href, &ds_id, &cref_id);
		o.datastream_id = ds_id;
		o.checklist_id = cref_id;
	}
	cdoc = xmlNewDoc((const xmlChar *)"1.0");
	xmlDocSetRootElement(cdoc, xmlDocCopyNode(coll, cdoc, 1));
	r = sc_content_from_doc(cp, cdoc, path, &o, err);
	if (r < 0)
		goto out;
	if ((r = sc_results_parse_testresult(trn, sc_content_benchmark(*cp), trp,
	    err)) < 0) {
		sc_err_prefix(err, "%s", path);
		goto out;
	}
	/* the engines' own results documents */
	for (rep = reports->children; rep; rep = rep->next) {
		xmlNodePtr c = sc_xml_is(rep, SC_ARF_NS, "report") ?
		    content_root(rep) : NULL;
		xmlDocPtr d;

		if (!sc_xml_is(c, SC_OVAL_RESULTS_NS, "oval_results"))
			continue;
		d = xmlNewDoc((const xmlChar *)"1.0");
		xmlDocSetRootElement(d, xmlDocCopyNode(c, d, 1));
		sc_testresult_add_check_doc(*trp, SC_OVAL_DEFS_NS, d);
	}
out:
	if (r < 0) {
		sc_content_free(*cp);
		*cp = NULL;
	}
	free(ds_id);
	free(cref_id);
	free(href);
	xmlFreeDoc(doc);
	return r;
}

static int
load_doc(const char *path, xmlDocPtr doc, struct sc_content **cp,
    struct sc_testresult **trp, struct sc_err *err)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	int r;

	if (is(root, "Benchmark"))
		return load_xccdf(path, doc, cp, trp, err);
	if (sc_xml_is(root, SC_ARF_NS, "asset-report-collection"))
		return load_arf(path, doc, cp, trp, err);
	if (sc_xml_is(root, NULL, "TestResult"))
		r = sc_err_set(err, SC_ERR_UNSUPPORTED, "%s: a bare TestResult has "
		    "no Benchmark to render; use the results --results or "
		    "--results-arf wrote", path);
	else if (root->ns && strcmp((const char *)root->ns->href,
	    "http://checklists.nist.gov/xccdf/1.1") == 0)
		r = sc_err_set(err, SC_ERR_UNSUPPORTED,
		    "%s: XCCDF 1.1 results are not supported", path);
	else
		r = sc_err_set(err, SC_ERR_PARSE, "%s: not XCCDF 1.2 results or "
		    "an ARF 1.1 report (root element <%s>)", path,
		    (const char *)root->name);
	xmlFreeDoc(doc);
	return r;
}

int
sc_results_load(const char *path, struct sc_content **cp,
    struct sc_testresult **trp, struct sc_err *err)
{
	xmlDocPtr doc;
	int r;

	*cp = NULL;
	*trp = NULL;
	if ((r = sc_xml_read_file(path, &doc, err)) < 0)
		return r;
	return load_doc(path, doc, cp, trp, err);
}

int
sc_results_load_memory(const char *buf, size_t len, const char *name,
    struct sc_content **cp, struct sc_testresult **trp, struct sc_err *err)
{
	xmlDocPtr doc;
	int r;

	*cp = NULL;
	*trp = NULL;
	if ((r = sc_xml_read_memory(buf, len, name, &doc, err)) < 0)
		return r;
	return load_doc(name, doc, cp, trp, err);
}
