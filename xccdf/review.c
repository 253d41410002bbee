/*
 * review.c - reviews and waivers (review.h).
 */
#include "xccdf/review.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <libxml/tree.h>
#include <openssl/evp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "util/fsutil.h"
#include "util/limits.h"
#include "util/map.h"
#include "xccdf/content.h"

#define DAY 86400

const char *
sc_review_format_name(enum sc_review_format f)
{
	return f == SC_REVIEW_CKL ? "CKL" : f == SC_REVIEW_CKLB ? "CKLB" :
	    "YAML";
}

void
sc_reviews_free(struct sc_reviews *rv)
{
	if (rv == NULL)
		return;
	for (size_t i = 0; i < rv->n; i++) {
		free(rv->v[i].rule);
		free(rv->v[i].reason);
		free(rv->v[i].by);
		free(rv->v[i].details);
		free(rv->v[i].where);
	}
	free(rv->v);
	free(rv->name);
	free(rv);
}

/* YYYY-MM-DD, or an ISO 8601 time (its UTC day is kept as is) */
static int
parse_date(const char *s, time_t *t)
{
	struct tm tm;
	const char *p;

	memset(&tm, 0, sizeof(tm));
	p = strptime(s, "%Y-%m-%d", &tm);
	if (p && *p == '\0' && strlen(s) == 10 && tm.tm_year > 0) {
		*t = timegm(&tm);
		return 0;
	}
	return sc_time_parse_iso8601(s, t);
}

static int
parse_result(const char *s)
{
	static const struct { const char *w; enum sc_result r; } w[] = {
		{ "pass", SC_RESULT_PASS }, { "fail", SC_RESULT_FAIL },
		{ "notapplicable", SC_RESULT_NOTAPPLICABLE },
		/* checklist statuses */
		{ "NotAFinding", SC_RESULT_PASS }, { "Open", SC_RESULT_FAIL },
		{ "Not_Applicable", SC_RESULT_NOTAPPLICABLE },
		{ "not_a_finding", SC_RESULT_PASS }, { "open", SC_RESULT_FAIL },
		{ "not_applicable", SC_RESULT_NOTAPPLICABLE },
	};

	for (size_t i = 0; s && i < sizeof(w) / sizeof(w[0]); i++)
		if (strcmp(s, w[i].w) == 0)
			return (int)w[i].r;
	return -1;
}

static int
is_not_reviewed(const char *s)
{
	return s == NULL || s[0] == '\0' || strcmp(s, "Not_Reviewed") == 0 ||
	    strcmp(s, "not_reviewed") == 0;
}

static struct sc_review *
add_entry(struct sc_reviews *rv, const char *where, struct sc_err *err)
{
	struct sc_review *e;

	if (rv->n >= SC_LIMIT_REVIEWS_ENTRIES) {
		sc_err_set(err, SC_ERR_TOOBIG, "%s: more than %d entries "
		    "(SC_LIMIT_REVIEWS_ENTRIES)", where, SC_LIMIT_REVIEWS_ENTRIES);
		return NULL;
	}
	SC_GROW(rv->v, rv->cap, rv->n + 1);
	e = &rv->v[rv->n++];
	memset(e, 0, sizeof(*e));
	e->result = SC_RESULT_PASS;
	e->where = sc_xstrdup(where);
	return e;
}

/* a text field: capped, copied */
static int
set_text(char **dst, const char *v, const char *where, const char *key,
    struct sc_err *err)
{
	if (strlen(v) > SC_LIMIT_REVIEWS_TEXT)
		return sc_err_set(err, SC_ERR_TOOBIG, "%s: '%s' is longer than "
		    "%d characters (SC_LIMIT_REVIEWS_TEXT)", where, key,
		    SC_LIMIT_REVIEWS_TEXT);
	free(*dst);
	*dst = sc_xstrdup(v);
	return SC_OK;
}

/* ---- stigcheck's own review blocks in checklist COMMENTS ------------------- */

static void
one_line(struct sc_buf *out, const char *s)
{
	for (; *s; s++)
		sc_buf_addc(out, *s == '\n' || *s == '\r' ? ' ' : *s);
}

void
sc_review_comment(const struct sc_rule_result *rr, struct sc_buf *out)
{
	const struct sc_override *o = rr->ovr;
	char day[16];

	if (o == NULL)
		return;
	sc_buf_addf(out, SC_REVIEW_COMMENT_HEAD "%s: %s (evaluated %s)\nBy: ",
	    rr->idref, sc_result_name(o->new_result),
	    sc_result_name(o->old_result));
	one_line(out, o->authority);
	sc_time_date(o->time, day, sizeof(day));
	sc_buf_addf(out, "\nDate: %s\n", day);
	if (o->expires) {
		sc_time_date(o->expires, day, sizeof(day));
		sc_buf_addf(out, "Expires: %s\n", day);
	}
	sc_buf_adds(out, "Reason: ");
	one_line(out, o->remark);
	sc_buf_addc(out, '\n');
}

/*
 * Read the blocks above out of COMMENTS: 1 when there were any (entries
 * added), 0 when none, < 0 on a malformed block.
 */
static int
parse_comment_blocks(struct sc_reviews *rv, const char *comments,
    const char *where, struct sc_err *err)
{
	const char *p = comments;
	struct sc_review *e = NULL;
	size_t start = rv->n;
	int found = 0;

	while (p && *p) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		char *line = sc_xstrndup(p, len), *v;
		int r = SC_OK;

		p = eol ? eol + 1 : NULL;
		if (strncmp(line, SC_REVIEW_COMMENT_HEAD,
		    strlen(SC_REVIEW_COMMENT_HEAD)) == 0) {
			char *rule = line + strlen(SC_REVIEW_COMMENT_HEAD);
			char *colon = strstr(rule, ": "), *sp;
			int res = -1;

			if (colon) {
				*colon = '\0';
				if ((sp = strchr(colon + 2, ' ')) != NULL)
					*sp = '\0';
				res = parse_result(colon + 2);
			}
			if (colon == NULL || res < 0) {
				free(line);
				return sc_err_set(err, SC_ERR_PARSE, "%s: malformed "
				    "stigcheck review in COMMENTS", where);
			}
			if ((e = add_entry(rv, where, err)) == NULL) {
				free(line);
				return SC_ERR_TOOBIG;
			}
			e->rule = sc_xstrdup(rule);
			e->result = (enum sc_result)res;
			e->by = sc_xstrdup("");
			found = 1;
		} else if (e && strncmp(line, "By: ", 4) == 0) {
			r = set_text(&e->by, line + 4, where, "By", err);
		} else if (e && strncmp(line, "Reason: ", 8) == 0) {
			r = set_text(&e->reason, line + 8, where, "Reason", err);
		} else if (e && (strncmp(line, "Date: ", 6) == 0 ||
		    strncmp(line, "Expires: ", 9) == 0)) {
			int exp = line[0] == 'E';

			v = line + (exp ? 9 : 6);
			if (parse_date(v, exp ? &e->expires : &e->date) < 0)
				r = sc_err_set(err, SC_ERR_PARSE, "%s: '%s' is not "
				    "a date (YYYY-MM-DD)", where, v);
		}
		free(line);
		if (r < 0)
			return r;
	}
	for (size_t i = start; found && i < rv->n; i++)
		if (rv->v[i].reason == NULL)
			return sc_err_set(err, SC_ERR_PARSE, "%s: a stigcheck "
			    "review in COMMENTS has no Reason", where);
	return found;
}

/*
 * One checklist entry (CKL VULN or CKLB rule): a review unless not
 * reviewed or stigcheck's own automated result.
 */
static int
checklist_entry(struct sc_reviews *rv, const char *where, const char *vid,
    const char *status, const char *details, const char *comments,
    struct sc_err *err)
{
	struct sc_review *e;
	int r, res;

	if (is_not_reviewed(status))
		return SC_OK;
	if ((res = parse_result(status)) < 0)
		return sc_err_set(err, SC_ERR_PARSE, "%s: unknown status '%s'",
		    where, status);
	comments = comments ? comments : "";
	if ((r = parse_comment_blocks(rv, comments, where, err)) != 0)
		return r < 0 ? r : SC_OK;
	if (strncmp(comments, SC_REVIEW_AUTOMATED,
	    strlen(SC_REVIEW_AUTOMATED)) == 0)
		return SC_OK;
	if (vid == NULL || vid[0] == '\0')
		return sc_err_set(err, SC_ERR_PARSE, "%s: a reviewed entry has "
		    "no rule id", where);
	if ((e = add_entry(rv, where, err)) == NULL)
		return SC_ERR_TOOBIG;
	e->rule = sc_xstrdup(vid);
	e->result = (enum sc_result)res;
	e->by = sc_xstrdup("");
	if ((r = set_text(&e->reason, comments[0] ? comments :
	    "status set in the checklist", where, "COMMENTS", err)) < 0)
		return r;
	if (details && details[0] &&
	    (r = set_text(&e->details, details, where, "FINDING_DETAILS",
	    err)) < 0)
		return r;
	return SC_OK;
}

/* ---- CKL (XML) --------------------------------------------------------------- */

static char *
child_text(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, name) == 0) {
			xmlChar *t = xmlNodeGetContent(c);
			char *s = sc_xstrdup(t ? (const char *)t : "");

			xmlFree(t);
			return s;
		}
	}
	return NULL;
}

/* the ATTRIBUTE_DATA of the STIG_DATA whose VULN_ATTRIBUTE is attr */
static char *
stig_data(xmlNodePtr vuln, const char *attr)
{
	for (xmlNodePtr c = vuln->children; c; c = c->next) {
		char *a, *d = NULL;

		if (c->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)c->name, "STIG_DATA") != 0)
			continue;
		a = child_text(c, "VULN_ATTRIBUTE");
		if (a && strcmp(a, attr) == 0)
			d = child_text(c, "ATTRIBUTE_DATA");
		free(a);
		if (d)
			return d;
	}
	return NULL;
}

static int
parse_ckl(struct sc_reviews *rv, const char *buf, size_t len,
    struct sc_err *err)
{
	xmlDocPtr doc = NULL;
	xmlNodePtr root, n;
	int r;

	if ((r = sc_xml_read_memory(buf, len, rv->name, &doc, err)) < 0)
		return r;
	root = xmlDocGetRootElement(doc);
	if (strcmp((const char *)root->name, "CHECKLIST") != 0) {
		r = sc_err_set(err, SC_ERR_PARSE, "%s:%ld: not a YAML reviews "
		    "file or a checklist (root element <%s>)", rv->name,
		    xmlGetLineNo(root), (const char *)root->name);
		goto out;
	}
	/* CHECKLIST/STIGS/iSTIG/VULN, walked iteratively in document order */
	for (n = root; n && r == SC_OK; ) {
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "VULN") == 0) {
			char *vid = stig_data(n, "Vuln_Num");
			char *st = child_text(n, "STATUS");
			char *fd = child_text(n, "FINDING_DETAILS");
			char *cm = child_text(n, "COMMENTS");
			char *where = sc_xasprintf("%s:%ld", rv->name,
			    xmlGetLineNo(n));

			r = checklist_entry(rv, where, vid, st, fd, cm, err);
			free(where);
			free(vid);
			free(st);
			free(fd);
			free(cm);
		} else if (n->children && n->type == XML_ELEMENT_NODE) {
			n = n->children;
			continue;
		}
		while (n && n->next == NULL && n != root)
			n = n->parent;
		n = (n == NULL || n == root) ? NULL : n->next;
	}
out:
	xmlFreeDoc(doc);
	return r;
}

/* ---- CKLB (JSON) ------------------------------------------------------------- */

static const char *
jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int
parse_cklb(struct sc_reviews *rv, const char *buf, size_t len,
    struct sc_err *err)
{
	json_error_t je;
	json_t *root, *stigs, *stig, *rules, *rule;
	size_t i, j;
	int r = SC_OK;

	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);
	if (root == NULL)
		return sc_err_set(err, SC_ERR_PARSE, "%s:%d: malformed JSON: %s",
		    rv->name, je.line, je.text);
	stigs = json_object_get(root, "stigs");
	if (!json_is_array(stigs)) {
		r = sc_err_set(err, SC_ERR_PARSE, "%s:1: not a CKLB checklist "
		    "(no \"stigs\" list)", rv->name);
		goto out;
	}
	json_array_foreach(stigs, i, stig) {
		rules = json_object_get(stig, "rules");
		if (!json_is_array(rules)) {
			r = sc_err_set(err, SC_ERR_PARSE, "%s: stigs[%zu] has no "
			    "\"rules\" list", rv->name, i);
			goto out;
		}
		json_array_foreach(rules, j, rule) {
			const char *gid = jstr(rule, "group_id");
			char *where = sc_xasprintf("%s: stigs[%zu].rules[%zu]",
			    rv->name, i, j);

			/* STIG Viewer 3 writes V-NNN; some tools SV-NNN */
			if (gid == NULL || gid[0] == '\0')
				gid = jstr(rule, "rule_id");
			r = !json_is_object(rule) ? sc_err_set(err, SC_ERR_PARSE,
			    "%s: not an object", where) : checklist_entry(rv,
			    where, gid, jstr(rule, "status"),
			    jstr(rule, "finding_details"), jstr(rule, "comments"),
			    err);
			free(where);
			if (r < 0)
				goto out;
		}
	}
out:
	json_decref(root);
	return r;
}

/* ---- YAML -------------------------------------------------------------------- */

static const char *
yscalar(yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ?
	    (const char *)n->data.scalar.value : NULL;
}

/* one list item: a mapping of the keys below */
static int
yaml_entry(struct sc_reviews *rv, yaml_document_t *doc, yaml_node_t *m,
    struct sc_err *err)
{
	char *where = sc_xasprintf("%s:%zu", rv->name, m->start_mark.line + 1);
	struct sc_review *e = NULL;
	int r = SC_OK, have_date = 0, have_result = 0;

	if (m->type != YAML_MAPPING_NODE)
		r = sc_err_set(err, SC_ERR_PARSE, "%s: a review is a mapping "
		    "(rule, result, reason, by, date, expires)", where);
	else if ((e = add_entry(rv, where, err)) == NULL)
		r = SC_ERR_TOOBIG;
	if (r < 0)
		goto out;
	for (yaml_node_pair_t *p = m->data.mapping.pairs.start;
	    p < m->data.mapping.pairs.top && r == SC_OK; p++) {
		yaml_node_t *kn = yaml_document_get_node(doc, p->key);
		yaml_node_t *vn = yaml_document_get_node(doc, p->value);
		const char *k = yscalar(kn), *v = yscalar(vn);
		char *kw = sc_xasprintf("%s:%zu", rv->name,
		    (vn ? vn->start_mark.line : m->start_mark.line) + 1);

		if (k == NULL || v == NULL) {
			r = sc_err_set(err, SC_ERR_PARSE, "%s: '%s' must be a "
			    "plain value", kw, k ? k : "?");
		} else if (strcmp(k, "rule") == 0) {
			r = v[0] ? set_text(&e->rule, v, kw, k, err) :
			    sc_err_set(err, SC_ERR_PARSE, "%s: empty rule", kw);
		} else if (strcmp(k, "result") == 0) {
			int x = sc_result_parse(v);

			have_result = 1;
			if (x != SC_RESULT_PASS && x != SC_RESULT_FAIL &&
			    x != SC_RESULT_NOTAPPLICABLE)
				r = sc_err_set(err, SC_ERR_PARSE, "%s: result '%s' "
				    "is not pass, fail or notapplicable", kw, v);
			else
				e->result = (enum sc_result)x;
		} else if (strcmp(k, "reason") == 0 || strcmp(k, "by") == 0) {
			r = set_text(k[0] == 'r' ? &e->reason : &e->by, v, kw, k,
			    err);
		} else if (strcmp(k, "date") == 0 || strcmp(k, "expires") == 0) {
			if (parse_date(v, k[0] == 'd' ? &e->date :
			    &e->expires) < 0)
				r = sc_err_set(err, SC_ERR_PARSE, "%s: %s '%s' is "
				    "not a date (YYYY-MM-DD)", kw, k, v);
			have_date |= k[0] == 'd';
		} else {
			r = sc_err_set(err, SC_ERR_PARSE, "%s: unknown key '%s' "
			    "(rule, result, reason, by, date, expires)", kw, k);
		}
		free(kw);
	}
	if (r == SC_OK && (e->rule == NULL || !have_result ||
	    e->reason == NULL ||
	    e->reason[0] == '\0' || e->by == NULL || e->by[0] == '\0' ||
	    !have_date))
		r = sc_err_set(err, SC_ERR_PARSE, "%s: a review needs rule, "
		    "result, reason, by and date", where);
out:
	free(where);
	return r;
}

static int
parse_yaml(struct sc_reviews *rv, const char *buf, size_t len,
    struct sc_err *err)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root, *list = NULL;
	int r = SC_OK, have_doc = 0;

	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	if (!yaml_parser_load(&parser, &doc)) {
		r = sc_err_set(err, SC_ERR_PARSE, "%s:%zu: malformed YAML: %s",
		    rv->name, parser.problem_mark.line + 1, parser.problem ?
		    parser.problem : "syntax error");
		goto out;
	}
	have_doc = 1;
	root = yaml_document_get_root_node(&doc);
	if (root && root->type == YAML_MAPPING_NODE) {
		for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
		    p < root->data.mapping.pairs.top; p++) {
			yaml_node_t *kn = yaml_document_get_node(&doc, p->key);
			const char *k = yscalar(kn);

			if (k && strcmp(k, "reviews") == 0 && list == NULL) {
				list = yaml_document_get_node(&doc, p->value);
				continue;
			}
			r = sc_err_set(err, SC_ERR_PARSE, "%s:%zu: unknown key "
			    "'%s' (a reviews file has one 'reviews' list)",
			    rv->name, (kn ? kn->start_mark.line : 0) + 1,
			    k ? k : "?");
			goto out;
		}
	}
	if (list == NULL || list->type != YAML_SEQUENCE_NODE) {
		r = sc_err_set(err, SC_ERR_PARSE, "%s:%zu: no 'reviews' list",
		    rv->name, (list ? list->start_mark.line : root ?
		    root->start_mark.line : 0) + 1);
		goto out;
	}
	for (yaml_node_item_t *it = list->data.sequence.items.start;
	    it < list->data.sequence.items.top; it++) {
		yaml_node_t *m = yaml_document_get_node(&doc, *it);

		if (m == NULL) {
			r = sc_err_set(err, SC_ERR_PARSE, "%s: bad list item",
			    rv->name);
			goto out;
		}
		if ((r = yaml_entry(rv, &doc, m, err)) < 0)
			goto out;
	}
out:
	if (have_doc)
		yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	return r;
}

/* ---- entry points ------------------------------------------------------------ */

static void
sha256_hex(const char *buf, size_t len, char *hex)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	hex[0] = '\0';
	if (EVP_Digest(buf, len, md, &n, EVP_sha256(), NULL) != 1)
		return;
	for (unsigned int i = 0; i < n && i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
}

int
sc_review_parse(const char *buf, size_t len, const char *name,
    struct sc_reviews **out, struct sc_err *err)
{
	struct sc_reviews *rv = sc_xcalloc(1, sizeof(*rv));
	struct sc_map seen = SC_MAP_INIT;
	size_t i = 0;
	int r;

	*out = NULL;
	rv->name = sc_xstrdup(name);
	if (len > SC_LIMIT_REVIEWS_BYTES) {
		r = sc_err_set(err, SC_ERR_TOOBIG, "%s: larger than %u bytes "
		    "(SC_LIMIT_REVIEWS_BYTES)", name, SC_LIMIT_REVIEWS_BYTES);
		goto out;
	}
	sha256_hex(buf, len, rv->sha256);
	if (memchr(buf, '\0', len) != NULL) {
		r = sc_err_set(err, SC_ERR_PARSE, "%s: a NUL byte: not a text "
		    "file", name);
		goto out;
	}
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n' ||
	    buf[i] == '\r'))
		i++;
	if (i < len && buf[i] == '<') {
		rv->format = SC_REVIEW_CKL;
		r = parse_ckl(rv, buf, len, err);
	} else if (i < len && buf[i] == '{') {
		rv->format = SC_REVIEW_CKLB;
		r = parse_cklb(rv, buf, len, err);
	} else {
		rv->format = SC_REVIEW_YAML;
		r = parse_yaml(rv, buf, len, err);
	}
	/* one entry per rule as written: a second one is an error */
	for (i = 0; r == SC_OK && i < rv->n; i++) {
		const struct sc_review *first = sc_map_get(&seen, rv->v[i].rule);

		if (first)
			r = sc_err_set(err, SC_ERR_PARSE, "%s: rule '%s' is "
			    "reviewed twice (also at %s)", rv->v[i].where,
			    rv->v[i].rule, first->where);
		else
			sc_map_put(&seen, rv->v[i].rule, &rv->v[i]);
	}
	sc_map_free(&seen);
out:
	if (r < 0) {
		sc_reviews_free(rv);
		return r;
	}
	*out = rv;
	return SC_OK;
}

int
sc_review_load(const char *path, struct sc_reviews **out, struct sc_err *err)
{
	struct sc_buf b = SC_BUF_INIT;
	struct stat st;
	int fd, r;

	*out = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return sc_err_set(err, sc_err_from_errno(errno), "cannot read "
		    "reviews file '%s': %s", path, strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		r = sc_err_set(err, SC_ERR_NOTREG, "cannot read reviews file "
		    "'%s': not a regular file", path);
		goto out;
	}
	if ((r = sc_read_fd(fd, SC_LIMIT_REVIEWS_BYTES, &b)) < 0) {
		r = sc_err_set(err, r, r == SC_ERR_TOOBIG ? "%s: larger than "
		    "32 MiB (SC_LIMIT_REVIEWS_BYTES)" : "cannot read reviews "
		    "file '%s'", path);
		goto out;
	}
	r = sc_review_parse(b.data ? b.data : "", b.len, path, out, err);
out:
	close(fd);
	sc_buf_free(&b);
	return r;
}

/* ---- application ------------------------------------------------------------- */

/*
 * The key an entry is found by: its rule as written, except that an SV
 * rule id is its SRG rule's V-id (SV ids match on their number, so any
 * revision finds the current rule).
 */
static const char *
entry_key(const struct sc_review *e, const struct sc_srg *srg)
{
	const struct sc_srg_rule *sr;

	if (srg && strncmp(e->rule, "SV-", 3) == 0 &&
	    (sr = sc_srg_by_sv(srg, e->rule)) != NULL)
		return sr->vuln_id;
	return e->rule;
}

static void
note(struct sc_testresult *tr, struct sc_strv *notes, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
note(struct sc_testresult *tr, struct sc_strv *notes, const char *fmt, ...)
{
	struct sc_buf b = SC_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sc_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	if (notes)
		sc_strv_push(notes, b.data);
	sc_testresult_add_fact(tr, SC_FACT_REVIEW_NOT_APPLIED, "string", b.data);
	sc_buf_free(&b);
}

int
sc_review_apply(const struct sc_reviews *rv, struct sc_testresult *tr,
    const struct sc_srg *srg, struct sc_strv *notes, struct sc_err *err)
{
	struct sc_map keys = SC_MAP_INIT, twice = SC_MAP_INIT;
	size_t *by = NULL, i, j, k;	/* rule-result -> entry + 1 */
	time_t today = tr->start_time - tr->start_time % DAY;
	int r = SC_OK;

	if (tr->n_rr == 0 || rv->n == 0)
		return SC_OK;
	/* linear: one map of entries, each rule-result looks its ids up */
	for (i = 0; i < rv->n; i++) {
		const char *key = entry_key(&rv->v[i], srg);
		void *first = sc_map_get(&keys, key);

		if (first == NULL)
			sc_map_put(&keys, key, &rv->v[i]);
		else		/* an SV id and its V-id: an error if it reaches a rule */
			sc_map_add(&twice, key, &rv->v[i]);
	}
	by = sc_xcalloc(tr->n_rr, sizeof(*by));
	for (j = 0; j < tr->n_rr; j++) {
		const struct sc_rule_result *rr = &tr->rr[j];
		const struct sc_srg_rule *sr = srg ? sc_srg_match(srg, rr->idref,
		    rr->rule) : NULL;
		const char *ids[4] = { rr->idref, rr->version,
		    sr ? sr->vuln_id : NULL, sr ? sr->srg_id : NULL };

		for (k = 0; k < 4; k++) {
			const struct sc_review *e = ids[k] ?
			    sc_map_get(&keys, ids[k]) : NULL;
			const struct sc_review *e2 = ids[k] ?
			    sc_map_get(&twice, ids[k]) : NULL;
			size_t n = e ? (size_t)(e - rv->v) + 1 : 0;

			if (e == NULL || by[j] == n)
				continue;
			if (by[j] || e2) {
				const struct sc_review *a = e2 ? e : &rv->v[by[j] - 1];
				const struct sc_review *b2 = e2 ? e2 : e;

				r = sc_err_set(err, SC_ERR_INVAL, "%s: '%s' and "
				    "%s: '%s' both review rule %s", a->where,
				    a->rule, b2->where, b2->rule, rr->idref);
				goto out;
			}
			by[j] = n;
		}
	}
	for (i = 0; i < rv->n; i++) {
		const struct sc_review *e = &rv->v[i];
		size_t hit = 0, selected = 0;

		for (j = 0; j < tr->n_rr; j++)
			if (by[j] == i + 1) {
				hit++;
				selected += tr->rr[j].result !=
				    SC_RESULT_NOTSELECTED;
			}
		if (hit == 0) {
			note(tr, notes, "%s: review of '%s' not applied: no rule "
			    "of the benchmark has this id", e->where, e->rule);
			continue;
		}
		if (selected == 0) {
			note(tr, notes, "%s: review of '%s' not applied: the "
			    "rule is not selected", e->where, e->rule);
			continue;
		}
		if (e->expires && e->expires < today) {
			char day[16];

			sc_time_date(e->expires, day, sizeof(day));
			note(tr, notes, "%s: review of '%s' not applied: it "
			    "expired on %s", e->where, e->rule, day);
			continue;
		}
		for (j = 0; j < tr->n_rr; j++) {
			struct sc_rule_result *rr = &tr->rr[j];
			const char *who = e->by && e->by[0] ? e->by : NULL;
			char *auth = who ? NULL : sc_xasprintf("checklist %s",
			    rv->name);

			if (by[j] == i + 1 && rr->result != SC_RESULT_NOTSELECTED) {
				sc_rr_set_override(rr, e->result, e->date ?
				    e->date : tr->start_time, who ? who : auth,
				    e->reason, e->expires);
				if (e->details)
					sc_rr_addf(rr, SC_MSG_INFO, "Reviewer's "
					    "finding details (%s): %s", e->where,
					    e->details);
			}
			free(auth);
		}
	}
out:
	sc_map_free(&keys);
	sc_map_free(&twice);
	free(by);
	return r;
}
