/*
 * native.c - the native check engine and its table of test kinds
 * (native.h).
 */
#include "checks/native.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "checks/native_fips.h"
#include "util/limits.h"
#include "xccdf/evidence.h"
#include "util/mem.h"

static int parse_test(xmlNodePtr n, const struct sc_native_kind **kp,
    void **test, struct sc_err *err);

static const struct sc_native_kind *const kinds[] = {
	&sc_native_file_kind,
	&sc_native_lines_kind,
	&sc_native_tree_kind,
	&sc_native_accounts_kind,
	&sc_native_packages_kind,
	&sc_native_programs_kind,
	&sc_native_package_sources_kind,
	&sc_native_any_kind,
	&sc_native_ca_bundle_kind,
	&sc_native_runtime_kind,
	&sc_native_fips_config_kind,
	&sc_native_fips_integrity_kind,
	&sc_native_fips_cmvp_kind,
	&sc_native_fips_entropy_kind,
	&sc_native_crypto_inventory_kind,
	NULL,
};

const struct sc_native_kind *
sc_native_kind_find(const char *name)
{
	for (size_t i = 0; kinds[i]; i++)
		if (strcmp(kinds[i]->name, name) == 0)
			return kinds[i];
	return NULL;
}

const struct sc_native_kind *const *
sc_native_kinds(void)
{
	return kinds;
}

enum sc_result
sc_result_and(enum sc_result a, enum sc_result b)
{
	static const enum sc_result order[] = {
		SC_RESULT_FAIL, SC_RESULT_ERROR, SC_RESULT_UNKNOWN,
		SC_RESULT_NOTCHECKED,
	};

	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (a == order[i] || b == order[i])
			return order[i];
	/* pass AND informational is informational (a note, not a pass) */
	if (a == SC_RESULT_INFORMATIONAL || b == SC_RESULT_INFORMATIONAL)
		return SC_RESULT_INFORMATIONAL;
	/* notapplicable operands do not count unless all are */
	if (a == SC_RESULT_NOTAPPLICABLE)
		return b;
	if (b == SC_RESULT_NOTAPPLICABLE)
		return a;
	return SC_RESULT_PASS;
}

/* ---- attribute helpers ------------------------------------------------------- */

int
sc_native_attr_octal(xmlNodePtr n, const char *name, unsigned *out,
    int *present, struct sc_err *err)
{
	char *v = sc_xml_attr(n, name), *end;
	unsigned long x;

	*present = 0;
	if (v == NULL)
		return SC_OK;
	x = strtoul(v, &end, 8);
	if (*v == '\0' || *end != '\0' || x > 07777) {
		int r = sc_err_set(err, SC_ERR_PARSE,
		    "<%s>: %s='%s' is not an octal mode (0000-7777)",
		    (const char *)n->name, name, v);
		free(v);
		return r;
	}
	free(v);
	*out = (unsigned)x;
	*present = 1;
	return SC_OK;
}

int
sc_native_attr_enum(xmlNodePtr n, const char *name, const char *const *choices,
    int dflt, int *out, struct sc_err *err)
{
	char *v = sc_xml_attr(n, name);
	struct sc_buf b = SC_BUF_INIT;
	int r;

	*out = dflt;
	if (v == NULL)
		return SC_OK;
	for (int i = 0; choices[i]; i++) {
		if (strcmp(v, choices[i]) == 0) {
			*out = i;
			free(v);
			return SC_OK;
		}
	}
	sc_buf_reset(&b);
	for (int i = 0; choices[i]; i++)
		sc_buf_addf(&b, "%s%s", i ? ", " : "", choices[i]);
	r = sc_err_set(err, SC_ERR_PARSE, "<%s>: %s='%s' is not one of: %s",
	    (const char *)n->name, name, v, b.data);
	free(v);
	sc_buf_free(&b);
	return r;
}

/* ---- ids and descriptions ------------------------------------------------------ */

void
sc_idset_resolve(struct sc_idset *set, struct sc_target *t, int is_group,
    const char *spec)
{
	const char *p = spec;
	size_t cap = 0;

	memset(set, 0, sizeof(*set));
	set->spec = sc_xstrdup(spec);
	while (*p) {
		size_t len = strcspn(p, ",");
		char *tok = sc_xstrndup(p, len), *end;
		unsigned long v = strtoul(tok, &end, 10);
		int ok = 1;

		if (len == 0) {
			ok = 0;
		} else if (*end != '\0') {
			const struct sc_account *a = is_group ?
			    sc_target_group_by_name(t, tok) :
			    sc_target_user_by_name(t, tok);
			if (a != NULL)
				v = a->id;
			else if (strcmp(tok, "root") == 0)
				v = 0;
			else {
				ok = 0;
				if (set->unknown == NULL)
					set->unknown = sc_xstrdup(tok);
			}
		}
		if (ok) {
			SC_GROW(set->ids, cap, set->n + 1);
			set->ids[set->n++] = v;
		}
		free(tok);
		p += len;
		if (*p == ',')
			p++;
	}
}

int
sc_idset_has(const struct sc_idset *set, unsigned long id)
{
	for (size_t i = 0; i < set->n; i++)
		if (set->ids[i] == id)
			return 1;
	return 0;
}

void
sc_idset_free(struct sc_idset *set)
{
	if (set == NULL)
		return;
	free(set->ids);
	free(set->unknown);
	free(set->spec);
	memset(set, 0, sizeof(*set));
}

void
sc_native_describe_id(struct sc_target *t, int is_group, unsigned long id,
    struct sc_buf *out)
{
	const struct sc_account *a = is_group ? sc_target_group_by_gid(t, id) :
	    sc_target_user_by_uid(t, id);

	if (a)
		sc_buf_addf(out, "%s (%lu)", a->name, id);
	else
		sc_buf_addf(out, "%s %lu (not in the target's %s)",
		    is_group ? "gid" : "uid", id,
		    is_group ? "/etc/group" : "/etc/passwd");
}


/* ---- validation ----------------------------------------------------------------- */

static int
in_list(const char *const *l, const char *s)
{
	for (size_t i = 0; l && l[i]; i++)
		if (strcmp(l[i], s) == 0)
			return 1;
	return 0;
}

static int
check_attrs(const struct sc_native_kind *k, xmlNodePtr n, struct sc_err *err)
{
	for (xmlAttrPtr a = n->properties; a; a = a->next) {
		if (a->ns != NULL)
			continue;	/* xml:lang and friends */
		if (!in_list(k->attrs, (const char *)a->name))
			return sc_err_set(err, SC_ERR_PARSE,
			    "<%s>: unknown attribute '%s'", k->name,
			    (const char *)a->name);
	}
	for (size_t i = 0; k->required && k->required[i]; i++)
		if (!xmlHasProp(n, (const xmlChar *)k->required[i]))
			return sc_err_set(err, SC_ERR_PARSE,
			    "<%s>: missing attribute '%s'", k->name,
			    k->required[i]);
	return SC_OK;
}

static int
parse_test(xmlNodePtr n, const struct sc_native_kind **kp, void **test,
    struct sc_err *err)
{
	const struct sc_native_kind *k;
	int r;

	*test = NULL;
	if (n->ns == NULL || strcmp((const char *)n->ns->href, SC_NATIVE_NS) != 0)
		return sc_err_set(err, SC_ERR_UNSUPPORTED,
		    "native check content has a foreign element <%s>",
		    (const char *)n->name);
	k = sc_native_kind_find((const char *)n->name);
	if (k == NULL)
		return sc_err_set(err, SC_ERR_UNSUPPORTED,
		    "unknown native test <%s>", (const char *)n->name);
	if ((r = check_attrs(k, n, err)) < 0)
		return r;
	if ((r = k->parse(n, test, err)) < 0)
		return r;
	*kp = k;
	return SC_OK;
}

/* ---- the engine --------------------------------------------------------------------- */

struct job_test {
	const struct sc_native_kind *kind;
	void *test;
};

/*
 * <sc:any> TEST... </sc:any>: passes when at least one of its tests
 * passes (XCCDF OR: pass > fail > error > unknown > notchecked;
 * notapplicable children count only when all are).  Every child's
 * evidence is kept, so the message says which branch decided.
 */
struct any_test {
	struct job_test *tests;
	size_t n, cap;
};

static void
any_free(void *p)
{
	struct any_test *a = p;

	if (a == NULL)
		return;
	for (size_t i = 0; i < a->n; i++)
		a->tests[i].kind->free(a->tests[i].test);
	free(a->tests);
	free(a);
}

static int
any_parse(xmlNodePtr n, void **out, struct sc_err *err)
{
	struct any_test *a = sc_xcalloc(1, sizeof(*a));
	int r;

	for (xmlNodePtr ch = n->children; ch; ch = ch->next) {
		struct job_test t;

		if (ch->type != XML_ELEMENT_NODE)
			continue;
		if ((r = parse_test(ch, &t.kind, &t.test, err)) < 0) {
			any_free(a);
			return r;
		}
		SC_GROW(a->tests, a->cap, a->n + 1);
		a->tests[a->n++] = t;
	}
	if (a->n < 2) {
		any_free(a);
		return sc_err_set(err, SC_ERR_PARSE,
		    "<any>: needs at least two tests");
	}
	if (a->n > SC_LIMIT_ANY_BRANCHES) {
		size_t count = a->n;

		any_free(a);
		return sc_err_set(err, SC_ERR_TOOBIG,
		    "<any>: %zu tests, over the cap of %u", count,
		    (unsigned)SC_LIMIT_ANY_BRANCHES);
	}
	*out = a;
	return SC_OK;
}

static int
any_prepare(void *p, struct sc_scan_ctx *ctx, struct sc_err *err)
{
	struct any_test *a = p;
	int r;

	for (size_t i = 0; i < a->n; i++)
		if (a->tests[i].kind->prepare &&
		    (r = a->tests[i].kind->prepare(a->tests[i].test, ctx, err)) < 0)
			return r;
	return SC_OK;
}

static enum sc_result
any_eval(void *p, struct sc_scan_ctx *ctx, struct sc_rule_result *rr)
{
	/*
	 * OR as OVAL has it: a pass decides; else a branch that could not
	 * be decided (error, unknown, notchecked) does, since it might have
	 * passed; a fail only when every branch failed.
	 */
	static const enum sc_result order[] = { SC_RESULT_PASS,
		SC_RESULT_INFORMATIONAL, SC_RESULT_ERROR, SC_RESULT_UNKNOWN,
		SC_RESULT_NOTCHECKED, SC_RESULT_FAIL, SC_RESULT_NOTAPPLICABLE };
	struct any_test *a = p;
	enum sc_result got[SC_LIMIT_ANY_BRANCHES];
	size_t n = a->n, first[SC_LIMIT_ANY_BRANCHES + 1];	/* any_parse refuses more */

	for (size_t i = 0; i < n; i++) {
		first[i] = rr->n_msgs;
		got[i] = a->tests[i].kind->eval(a->tests[i].test, ctx, rr);
	}
	first[n] = rr->n_msgs;
	for (size_t k = 0; k < sizeof(order) / sizeof(order[0]); k++)
		for (size_t i = 0; i < n; i++)
			if (got[i] == order[k]) {
				/* which branch decided, for the reason line */
				const char *last = NULL;

				for (size_t m = first[i]; m < first[i + 1] &&
				    m < rr->n_msgs; m++)
					if (!sc_evidence_is_absent(rr->msgs[m].text))
						last = rr->msgs[m].text;
				sc_rr_addf(rr, SC_MSG_INFO, "alternative %zu of %zu "
				    "decided (%s)%s%s", i + 1, n,
				    sc_result_name(order[k]), last ? ": " : "",
				    last ? last : "");
				return order[k];
			}
	return SC_RESULT_ERROR;
}

static const char *const any_attrs[] = { NULL };

const struct sc_native_kind sc_native_any_kind = {
	.name = "any",
	.attrs = any_attrs,
	.required = NULL,
	.parse = any_parse,
	.prepare = any_prepare,
	.eval = any_eval,
	.free = any_free,
	.summary = "at least one of the enclosed tests passes",
};

struct job {
	struct job_test *tests;
	size_t n, cap;
	/* <sc:outcome>: what the combined result becomes (-1: itself) */
	int on_pass, on_fail;
};

static void
job_free(void *p)
{
	struct job *j = p;

	if (j == NULL)
		return;
	for (size_t i = 0; i < j->n; i++)
		j->tests[i].kind->free(j->tests[i].test);
	free(j->tests);
	free(j);
}

/*
 * <sc:outcome pass="notapplicable" fail="notchecked"/> restates what a
 * pass or a fail of the tests means for this rule.  For example, "no
 * account has a usable password" makes password-complexity requirements
 * not applicable; if one has, the policy needs a person's review.
 */
static const char *const outcome_names[] = { "pass", "fail", "notapplicable",
	"notchecked", "informational", NULL };
static const enum sc_result outcome_results[] = { SC_RESULT_PASS,
	SC_RESULT_FAIL, SC_RESULT_NOTAPPLICABLE, SC_RESULT_NOTCHECKED,
	SC_RESULT_INFORMATIONAL };

static int
parse_outcome(xmlNodePtr n, struct job *j, struct sc_err *err)
{
	int r;

	for (xmlAttrPtr a = n->properties; a; a = a->next)
		if (a->ns == NULL && strcmp((const char *)a->name, "pass") != 0 &&
		    strcmp((const char *)a->name, "fail") != 0)
			return sc_err_set(err, SC_ERR_PARSE,
			    "<outcome>: unknown attribute '%s'",
			    (const char *)a->name);
	if ((r = sc_native_attr_enum(n, "pass", outcome_names, -1, &j->on_pass,
	    err)) < 0 ||
	    (r = sc_native_attr_enum(n, "fail", outcome_names, -1, &j->on_fail,
	    err)) < 0)
		return r;
	return SC_OK;
}

static int
is_outcome(xmlNodePtr n)
{
	return n->ns && strcmp((const char *)n->ns->href, SC_NATIVE_NS) == 0 &&
	    strcmp((const char *)n->name, "outcome") == 0;
}

int
sc_native_validate(xmlNodePtr node, struct sc_err *err)
{
	const struct sc_native_kind *k;
	struct job j;
	void *test;
	int r;

	if (is_outcome(node))
		return parse_outcome(node, &j, err);
	if ((r = parse_test(node, &k, &test, err)) < 0)
		return r;
	k->free(test);
	return SC_OK;
}

static int
native_prepare(void *state, struct sc_scan_ctx *ctx,
    const struct sc_check *check, const struct sc_export *exports,
    size_t n_exports, void **jobp, struct sc_err *err)
{
	struct job *j;
	int r;

	(void)state;
	(void)exports;
	(void)n_exports;
	*jobp = NULL;
	if (check->content == NULL)
		return sc_err_set(err, SC_ERR_PARSE,
		    "native check without check-content");
	j = sc_xcalloc(1, sizeof(*j));
	j->on_pass = j->on_fail = -1;
	for (xmlNodePtr n = check->content->children; n; n = n->next) {
		struct job_test t;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_outcome(n)) {
			if ((r = parse_outcome(n, j, err)) < 0)
				goto fail;
			continue;
		}
		if ((r = parse_test(n, &t.kind, &t.test, err)) < 0)
			goto fail;
		SC_GROW(j->tests, j->cap, j->n + 1);
		j->tests[j->n++] = t;
		if (t.kind->prepare &&
		    (r = t.kind->prepare(t.test, ctx, err)) < 0)
			goto fail;
	}
	if (j->n == 0) {
		r = sc_err_set(err, SC_ERR_PARSE, "native check-content is empty");
		goto fail;
	}
	*jobp = j;
	return SC_OK;
fail:
	job_free(j);
	return r;
}

/*
 * The decisive tests' summaries (the last non-absent message each test
 * added), at most three, joined with "; ".
 */
static void
decisive_summary(const struct sc_rule_result *rr, const size_t *start,
    const enum sc_result *got, size_t n, enum sc_result decided,
    struct sc_buf *out)
{
	size_t shown = 0, more = 0;

	for (size_t i = 0; i < n; i++) {
		const char *last = NULL;

		if (got[i] != decided)
			continue;
		for (size_t m = start[i]; m < start[i + 1] && m < rr->n_msgs; m++)
			if (!sc_evidence_is_absent(rr->msgs[m].text))
				last = rr->msgs[m].text;
		if (last == NULL)
			continue;
		if (shown == 3) {
			more++;
			continue;
		}
		sc_buf_addf(out, "%s%s", shown ? "; " : "", last);
		shown++;
	}
	if (more)
		sc_buf_addf(out, "; and %zu more", more);
}

/* Move the decisive tests' messages (from base on) before the others. */
static void
decisive_first(struct sc_rule_result *rr, const size_t *start,
    const enum sc_result *got, size_t n, enum sc_result decided)
{
	size_t base = start[0], end = start[n] < rr->n_msgs ? start[n] :
	    rr->n_msgs, k = 0;
	struct sc_message *tmp;

	if (end <= base)
		return;
	tmp = sc_xcalloc(end - base, sizeof(*tmp));
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < n; i++)
			if ((got[i] == decided) == (pass == 0))
				for (size_t m = start[i]; m < start[i + 1] &&
				    m < end; m++)
					tmp[k++] = rr->msgs[m];
	memcpy(&rr->msgs[base], tmp, k * sizeof(*tmp));
	free(tmp);
}

/*
 * Lead with the reason: which tests decided and what they found; an
 * <outcome> that restates the result says why (a way to log on found:
 * a person reviews; nothing found: not applicable).
 */
static void
lead(struct sc_rule_result *rr, const struct job *j, const struct sc_buf *sum,
    enum sc_result decided, enum sc_result res)
{
	const struct sc_buf b = *sum;

	if (decided == SC_RESULT_FAIL && res == SC_RESULT_NOTCHECKED)
		sc_evidence_lead(rr, "Manual review: the target has what this "
		    "requirement covers (%s), so a person reviews it with the "
		    "procedure below", b.data);
	else if (decided == SC_RESULT_PASS && res == SC_RESULT_NOTAPPLICABLE)
		sc_evidence_lead(rr, "Not applicable: the target has nothing "
		    "this requirement covers (%zu test%s, none found any)",
		    j->n, j->n == 1 ? "" : "s");
	else if (decided == SC_RESULT_PASS)
		sc_evidence_lead(rr, "%s: %s%zu test%s passed, none found a "
		    "violation", res == SC_RESULT_PASS ? "Pass" :
		    sc_result_name(res), j->n == 1 ? "the " : "all ", j->n,
		    j->n == 1 ? "" : "s");
	else if (decided == SC_RESULT_FAIL)
		sc_evidence_lead(rr, "%s: %s", res == SC_RESULT_FAIL ?
		    "Finding" : sc_result_name(res), b.data[0] ? b.data :
		    "a test failed");
	else
		sc_evidence_lead(rr, "%s: %s",
		    decided == SC_RESULT_ERROR ? "Error, the rule could not be "
		    "decided" : decided == SC_RESULT_NOTAPPLICABLE ?
		    "Not applicable" : decided == SC_RESULT_NOTCHECKED ?
		    "Manual review" : sc_result_name(decided),
		    b.data[0] ? b.data : sc_result_name(decided));
}

static int
native_evaluate(void *state, struct sc_scan_ctx *ctx, void *p,
    struct sc_rule_result *rr, struct sc_err *err)
{
	struct job *j = p;
	enum sc_result res = SC_RESULT_PASS, decided;
	size_t *start = sc_xcalloc(j->n + 1, sizeof(*start));
	enum sc_result *got = sc_xcalloc(j->n + 1, sizeof(*got));
	struct sc_buf sum = SC_BUF_INIT;

	(void)state;
	(void)err;
	/* the AND of one test is that test (notapplicable stays so) */
	for (size_t i = 0; i < j->n; i++) {
		start[i] = rr->n_msgs;
		got[i] = j->tests[i].kind->eval(j->tests[i].test, ctx, rr);
		res = i == 0 ? got[i] : sc_result_and(res, got[i]);
	}
	start[j->n] = rr->n_msgs;
	decided = res;
	if (res == SC_RESULT_PASS && j->on_pass >= 0)
		res = outcome_results[j->on_pass];
	else if (res == SC_RESULT_FAIL && j->on_fail >= 0)
		res = outcome_results[j->on_fail];
	sc_buf_reset(&sum);
	if (decided != SC_RESULT_PASS) {
		decisive_summary(rr, start, got, j->n, decided, &sum);
		decisive_first(rr, start, got, j->n, decided);
	}
	lead(rr, j, &sum, decided, res);
	rr->result = res;
	sc_buf_free(&sum);
	free(start);
	free(got);
	return SC_OK;
}

const struct sc_engine_ops sc_native_engine = {
	.system = SC_NATIVE_SYSTEM,
	.name = "native",
	.info = "evaluated",
	.init = NULL,
	.fini = NULL,
	.prepare = native_prepare,
	.evaluate = native_evaluate,
	.job_free = job_free,
};
