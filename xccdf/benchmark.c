/*
 * benchmark.c - parsing an XCCDF 1.2 Benchmark into the model (benchmark.h).
 */
#include "xccdf/benchmark.h"
#include "xccdf/prune.h"

#include <stdlib.h>
#include <string.h>

/* ---- XML helpers -------------------------------------------------------- */

int
sc_xml_is(xmlNodePtr n, const char *ns, const char *name)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return 0;
	if (strcmp((const char *)n->name, name) != 0)
		return 0;
	if (ns == NULL)
		return 1;
	return n->ns != NULL && n->ns->href != NULL &&
	    strcmp((const char *)n->ns->href, ns) == 0;
}

char *
sc_xml_attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	char *s;

	if (v == NULL)
		return NULL;
	s = sc_xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

char *
sc_xml_text_collapsed(xmlNodePtr n)
{
	xmlChar *t = xmlNodeGetContent(n);
	struct sc_buf b = SC_BUF_INIT;
	int space = 0;

	sc_buf_reset(&b);
	if (t != NULL) {
		for (const xmlChar *p = t; *p; p++) {
			if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
				space = b.len > 0;
				continue;
			}
			if (space)
				sc_buf_addc(&b, ' ');
			space = 0;
			sc_buf_addc(&b, (char)*p);
		}
		xmlFree(t);
	}
	return sc_buf_detach(&b);
}

static int
attr_bool(xmlNodePtr n, const char *name, int dflt)
{
	char *v = sc_xml_attr(n, name);
	int r = dflt;

	if (v != NULL) {
		r = (strcmp(v, "true") == 0 || strcmp(v, "1") == 0);
		free(v);
	}
	return r;
}

static double
attr_double(xmlNodePtr n, const char *name, double dflt)
{
	char *v = sc_xml_attr(n, name), *end;
	double d = dflt;

	if (v != NULL) {
		d = strtod(v, &end);
		if (end == v || *end != '\0' || d < 0)
			d = dflt;
		free(v);
	}
	return d;
}

/* ---- enums ---------------------------------------------------------------- */

static const char *sev_names[] = { "unknown", "info", "low", "medium", "high" };
static const char *role_names[] = { "full", "unscored", "unchecked" };

const char *
sc_severity_name(enum sc_severity s)
{
	return (unsigned)s < 5 ? sev_names[s] : "unknown";
}

int
sc_severity_parse(const char *s)
{
	for (int i = 0; i < 5; i++)
		if (s && strcmp(s, sev_names[i]) == 0)
			return i;
	return -1;
}

const char *
sc_role_name(enum sc_role r)
{
	return (unsigned)r < 3 ? role_names[r] : "full";
}

int
sc_role_parse(const char *s)
{
	for (int i = 0; i < 3; i++)
		if (s && strcmp(s, role_names[i]) == 0)
			return i;
	return -1;
}

/* ---- items ---------------------------------------------------------------- */

static void
check_free(struct sc_check *c)
{
	size_t i;

	free(c->system);
	free(c->selector);
	for (i = 0; i < c->n_refs; i++) {
		free(c->refs[i].href);
		free(c->refs[i].name);
	}
	free(c->refs);
	for (i = 0; i < c->n_exports; i++) {
		free(c->exports[i].value_id);
		free(c->exports[i].export_name);
	}
	free(c->exports);
}

static void
item_free(struct sc_item *it)
{
	size_t i;

	if (it == NULL)
		return;
	free(it->id);
	free(it->children);
	free(it->cluster_id);
	free(it->title);
	free(it->rationale);
	free(it->version);
	sc_strv_free(&it->platforms);
	sc_strv_free(&it->requires);
	sc_strv_free(&it->conflicts);
	for (i = 0; i < it->n_idents; i++) {
		free(it->idents[i].system);
		free(it->idents[i].value);
	}
	free(it->idents);
	for (i = 0; i < it->n_refs; i++) {
		free(it->refs[i].text);	/* href: the benchmark's strings */
	}
	free(it->refs);
	for (i = 0; i < it->n_checks; i++)
		check_free(&it->checks[i]);
	free(it->checks);
	free(it->value_type);
	free(it->value_operator);
	for (i = 0; i < it->n_values; i++) {
		free(it->values[i].selector);
		free(it->values[i].value);
	}
	free(it->values);
	free(it);
}

static int
parse_check(struct sc_check *c, xmlNodePtr n, const char *rule_id,
    struct sc_err *err)
{
	size_t cap_refs = 0, cap_exp = 0;

	memset(c, 0, sizeof(*c));
	c->node = n;
	c->system = sc_xml_attr(n, "system");
	if (c->system == NULL)
		return sc_err_set(err, SC_ERR_PARSE,
		    "rule '%s': <check> without a system attribute", rule_id);
	c->selector = sc_xml_attr(n, "selector");
	c->multi_check = attr_bool(n, "multi-check", 0);
	c->negate = attr_bool(n, "negate", 0);
	for (xmlNodePtr ch = n->children; ch; ch = ch->next) {
		if (sc_xml_is(ch, SC_XCCDF12_NS, "check-content-ref")) {
			SC_GROW(c->refs, cap_refs, c->n_refs + 1);
			c->refs[c->n_refs].href = sc_xml_attr(ch, "href");
			c->refs[c->n_refs].name = sc_xml_attr(ch, "name");
			if (c->refs[c->n_refs].href == NULL)
				c->refs[c->n_refs].href = sc_xstrdup("");
			c->n_refs++;
		} else if (sc_xml_is(ch, SC_XCCDF12_NS, "check-export")) {
			SC_GROW(c->exports, cap_exp, c->n_exports + 1);
			c->exports[c->n_exports].value_id = sc_xml_attr(ch, "value-id");
			c->exports[c->n_exports].export_name =
			    sc_xml_attr(ch, "export-name");
			if (c->exports[c->n_exports].value_id == NULL ||
			    c->exports[c->n_exports].export_name == NULL) {
				c->n_exports++;
				return sc_err_set(err, SC_ERR_PARSE,
				    "rule '%s': <check-export> needs value-id and "
				    "export-name", rule_id);
			}
			c->n_exports++;
		} else if (sc_xml_is(ch, SC_XCCDF12_NS, "check-content")) {
			c->content = ch;
		}
	}
	return SC_OK;
}

static int
parse_item(struct sc_benchmark *b, struct sc_item *parent, xmlNodePtr n,
    enum sc_item_type type, struct sc_err *err);

static int
parse_children(struct sc_benchmark *b, struct sc_item *parent, xmlNodePtr n,
    struct sc_err *err)
{
	int r;

	for (xmlNodePtr ch = n->children; ch; ch = ch->next) {
		if (sc_xml_is(ch, SC_XCCDF12_NS, "Group"))
			r = parse_item(b, parent, ch, SC_ITEM_GROUP, err);
		else if (sc_xml_is(ch, SC_XCCDF12_NS, "Rule"))
			r = parse_item(b, parent, ch, SC_ITEM_RULE, err);
		else if (sc_xml_is(ch, SC_XCCDF12_NS, "Value"))
			r = parse_item(b, parent, ch, SC_ITEM_VALUE, err);
		else
			continue;
		if (r < 0)
			return r;
	}
	return SC_OK;
}


static void
add_ref(struct sc_benchmark *b, struct sc_item *it, xmlNodePtr ch,
    size_t *cap)
{
	char *href = sc_xml_attr(ch, "href");

	SC_GROW(it->refs, *cap, it->n_refs + 1);
	/* a few URLs serve thousands of references: one copy each */
	if (href != NULL && (it->refs[it->n_refs].href =
	    sc_map_get(&b->strings, href)) == NULL) {
		it->refs[it->n_refs].href = sc_xstrdup(href);
		sc_map_add(&b->strings, href, it->refs[it->n_refs].href);
	} else if (href == NULL) {
		it->refs[it->n_refs].href = NULL;
	}
	free(href);
	it->refs[it->n_refs].text = sc_xml_text_collapsed(ch);
	it->n_refs++;
}

static int
pruned_refs(struct sc_benchmark *b, struct sc_item *it, xmlNodePtr ph,
    size_t *cap,
    struct sc_err *err)
{
	xmlNodePtr list;
	int r;

	if ((r = sc_prune_expand(ph, &list, err)) < 0)
		return r;
	for (xmlNodePtr ch = list; ch; ch = ch->next)
		if (sc_xml_is(ch, SC_XCCDF12_NS, "reference"))
			add_ref(b, it, ch, cap);
	xmlFreeNodeList(list);
	return SC_OK;
}

static int
parse_item(struct sc_benchmark *b, struct sc_item *parent, xmlNodePtr n,
    enum sc_item_type type, struct sc_err *err)
{
	static const char *kind[] = { "Group", "Rule", "Value" };
	struct sc_item *it = sc_xcalloc(1, sizeof(*it));
	size_t cap_id = 0, cap_ref = 0, cap_chk = 0, cap_val = 0;
	char *ext, *s;
	int r;

	it->type = type;
	it->node = n;
	it->parent = parent;
	it->id = sc_xml_attr(n, "id");
	if (it->id == NULL) {
		item_free(it);
		return sc_err_set(err, SC_ERR_PARSE, "a <%s> has no id (line %ld)",
		    kind[type], xmlGetLineNo(n));
	}
	if ((ext = sc_xml_attr(n, "extends")) != NULL) {
		r = sc_err_set(err, SC_ERR_UNSUPPORTED,
		    "%s '%s' extends '%s': only resolved benchmarks are supported",
		    kind[type], it->id, ext);
		free(ext);
		item_free(it);
		return r;
	}
	if (!sc_map_add(&b->by_id, it->id, it)) {
		r = sc_err_set(err, SC_ERR_PARSE, "duplicate id '%s'", it->id);
		item_free(it);
		return r;
	}
	/* the item is owned by the benchmark from here on */
	SC_GROW(b->items, b->cap_items, b->n_items + 1);
	it->index = b->n_items;
	b->items[b->n_items++] = it;
	if (parent) {
		SC_GROW(parent->children, parent->cap_children,
		    parent->n_children + 1);
		parent->children[parent->n_children++] = it;
	} else {
		SC_GROW(b->top, b->cap_top, b->n_top + 1);
		b->top[b->n_top++] = it;
	}

	it->selected = attr_bool(n, "selected", 1);
	it->hidden = attr_bool(n, "hidden", 0);
	it->abstract = attr_bool(n, "abstract", 0);
	it->cluster_id = sc_xml_attr(n, "cluster-id");
	it->weight = attr_double(n, "weight", 1.0);
	it->severity = SC_SEV_UNKNOWN;
	it->role = SC_ROLE_FULL;
	if ((s = sc_xml_attr(n, "severity")) != NULL) {
		int v = sc_severity_parse(s);
		if (v >= 0)
			it->severity = (enum sc_severity)v;
		free(s);
	}
	if ((s = sc_xml_attr(n, "role")) != NULL) {
		int v = sc_role_parse(s);
		if (v >= 0)
			it->role = (enum sc_role)v;
		free(s);
	}
	if (type == SC_ITEM_VALUE) {
		it->value_type = sc_xml_attr(n, "type");
		if (it->value_type == NULL)
			it->value_type = sc_xstrdup("string");
		it->value_operator = sc_xml_attr(n, "operator");
	}

	for (xmlNodePtr ch = n->children; ch; ch = ch->next) {
		if (type == SC_ITEM_RULE && sc_prune_is(ch)) {
			/* references left out of the tree (prune.h) */
			if ((r = pruned_refs(b, it, ch, &cap_ref, err)) < 0)
				return r;
			continue;
		}
		if (ch->type != XML_ELEMENT_NODE)
			continue;
		if (sc_xml_is(ch, SC_XCCDF12_NS, "title") && it->title == NULL) {
			it->title = sc_xml_text_collapsed(ch);
		} else if (sc_xml_is(ch, SC_XCCDF12_NS, "rationale") &&
		    it->rationale == NULL) {
			it->rationale = sc_xml_text_collapsed(ch);
		} else if (sc_xml_is(ch, SC_XCCDF12_NS, "version") &&
		    it->version == NULL) {
			it->version = sc_xml_text_collapsed(ch);
		} else if (sc_xml_is(ch, SC_XCCDF12_NS, "platform")) {
			char *idref = sc_xml_attr(ch, "idref");
			if (idref)
				sc_strv_push_owned(&it->platforms, idref);
		} else if (sc_xml_is(ch, SC_XCCDF12_NS, "requires") ||
		    sc_xml_is(ch, SC_XCCDF12_NS, "conflicts")) {
			char *idref = sc_xml_attr(ch, "idref");

			if (idref)
				sc_strv_push_owned(sc_xml_is(ch, SC_XCCDF12_NS,
				    "requires") ? &it->requires : &it->conflicts, idref);
		} else if (type == SC_ITEM_RULE &&
		    sc_xml_is(ch, SC_XCCDF12_NS, "ident")) {
			SC_GROW(it->idents, cap_id, it->n_idents + 1);
			it->idents[it->n_idents].system = sc_xml_attr(ch, "system");
			if (it->idents[it->n_idents].system == NULL)
				it->idents[it->n_idents].system = sc_xstrdup("");
			it->idents[it->n_idents].value = sc_xml_text_collapsed(ch);
			it->n_idents++;
		} else if (type == SC_ITEM_RULE &&
		    sc_xml_is(ch, SC_XCCDF12_NS, "reference")) {
			add_ref(b, it, ch, &cap_ref);
		} else if (type == SC_ITEM_RULE &&
		    sc_xml_is(ch, SC_XCCDF12_NS, "check")) {
			SC_GROW(it->checks, cap_chk, it->n_checks + 1);
			r = parse_check(&it->checks[it->n_checks], ch, it->id, err);
			it->n_checks++;
			if (r < 0)
				return r;
		} else if (type == SC_ITEM_RULE &&
		    sc_xml_is(ch, SC_XCCDF12_NS, "complex-check")) {
			it->complex_check = 1;
		} else if (type == SC_ITEM_VALUE &&
		    sc_xml_is(ch, SC_XCCDF12_NS, "value")) {
			char *sel = sc_xml_attr(ch, "selector");
			xmlChar *t = xmlNodeGetContent(ch);

			SC_GROW(it->values, cap_val, it->n_values + 1);
			it->values[it->n_values].selector = sel ? sel : sc_xstrdup("");
			it->values[it->n_values].value =
			    sc_xstrdup(t ? (const char *)t : "");
			xmlFree(t);
			it->n_values++;
		}
	}
	if (type == SC_ITEM_GROUP)
		return parse_children(b, it, n, err);
	return SC_OK;
}

/* ---- profiles --------------------------------------------------------------- */

static void
idvals_free(struct sc_idval *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].idref);
		free(v[i].value);
	}
	free(v);
}

static void
profile_free(struct sc_profile *p)
{
	free(p->id);
	free(p->title);
	free(p->description);
	free(p->extends);
	idvals_free(p->selects, p->n_selects);
	idvals_free(p->refine_values, p->n_refine_values);
	idvals_free(p->set_values, p->n_set_values);
	for (size_t i = 0; i < p->n_refine_rules; i++) {
		free(p->refine_rules[i].idref);
		free(p->refine_rules[i].selector);
	}
	free(p->refine_rules);
}

static void
push_idval(struct sc_idval **v, size_t *n, size_t *cap, char *idref,
    char *value, int flag)
{
	SC_GROW(*v, *cap, *n + 1);
	(*v)[*n].idref = idref;
	(*v)[*n].value = value;
	(*v)[*n].flag = flag;
	(*n)++;
}

struct profile_caps {
	size_t c1, c2, c3, c4;
};

/* One child of a Profile (title, description, select, refine-*, set-value). */
static void
profile_child(struct sc_profile *p, xmlNodePtr ch, const char *ns,
    struct profile_caps *c)
{
	char *idref;

	if (ch->type != XML_ELEMENT_NODE)
		return;
	if (sc_xml_is(ch, ns, "title") && p->title == NULL) {
		p->title = sc_xml_text_collapsed(ch);
		return;
	}
	if (sc_xml_is(ch, ns, "description") && p->description == NULL) {
		p->description = sc_xml_text_collapsed(ch);
		return;
	}
	idref = sc_xml_attr(ch, "idref");
	if (idref == NULL)
		return;
	if (sc_xml_is(ch, ns, "select")) {
		push_idval(&p->selects, &p->n_selects, &c->c1, idref, NULL,
		    attr_bool(ch, "selected", 1));
	} else if (sc_xml_is(ch, ns, "refine-value")) {
		push_idval(&p->refine_values, &p->n_refine_values, &c->c2,
		    idref, sc_xml_attr(ch, "selector"), 0);
	} else if (sc_xml_is(ch, ns, "set-value")) {
		xmlChar *t = xmlNodeGetContent(ch);
		push_idval(&p->set_values, &p->n_set_values, &c->c3, idref,
		    sc_xstrdup(t ? (const char *)t : ""), 0);
		xmlFree(t);
	} else if (sc_xml_is(ch, ns, "refine-rule")) {
		struct sc_refine_rule *rr;
		char *s;

		SC_GROW(p->refine_rules, c->c4, p->n_refine_rules + 1);
		rr = &p->refine_rules[p->n_refine_rules++];
		rr->idref = idref;
		rr->selector = sc_xml_attr(ch, "selector");
		rr->severity = -1;
		rr->role = -1;
		rr->weight = attr_double(ch, "weight", -1.0);
		if ((s = sc_xml_attr(ch, "severity")) != NULL) {
			rr->severity = sc_severity_parse(s);
			free(s);
		}
		if ((s = sc_xml_attr(ch, "role")) != NULL) {
			rr->role = sc_role_parse(s);
			free(s);
		}
	} else {
		free(idref);
	}
}

static int
parse_profile(struct sc_profile *p, xmlNodePtr n, const char *ns,
    struct sc_err *err)
{
	struct profile_caps c = { 0, 0, 0, 0 };
	int r;

	memset(p, 0, sizeof(*p));
	p->node = n;
	p->id = sc_xml_attr(n, "id");
	if (p->id == NULL)
		return sc_err_set(err, SC_ERR_PARSE,
		    "a <Profile> has no id (line %ld)", xmlGetLineNo(n));
	p->extends = sc_xml_attr(n, "extends");
	for (xmlNodePtr ch = n->children; ch; ch = ch->next) {
		xmlNodePtr list;

		if (!sc_prune_is(ch)) {
			profile_child(p, ch, ns, &c);
			continue;
		}
		/* selections left out of the tree (prune.h) */
		if ((r = sc_prune_expand(ch, &list, err)) < 0)
			return r;
		for (xmlNodePtr e = list; e; e = e->next)
			profile_child(p, e, ns, &c);
		xmlFreeNodeList(list);
	}
	return SC_OK;
}

static int
add_profile(struct sc_benchmark *b, xmlNodePtr n, const char *ns,
    int tailoring, struct sc_err *err)
{
	struct sc_profile p;
	size_t i;
	int r;

	if ((r = parse_profile(&p, n, ns, err)) < 0) {
		profile_free(&p);
		return r;
	}
	p.from_tailoring = tailoring;
	for (i = 0; i < b->n_profiles; i++) {
		if (strcmp(b->profiles[i].id, p.id) == 0) {
			if (!tailoring) {
				r = sc_err_set(err, SC_ERR_PARSE,
				    "duplicate profile id '%s'", p.id);
				profile_free(&p);
				return r;
			}
			profile_free(&b->profiles[i]);
			b->profiles[i] = p;
			return SC_OK;
		}
	}
	SC_GROW(b->profiles, b->cap_profiles, b->n_profiles + 1);
	b->profiles[b->n_profiles++] = p;
	return SC_OK;
}

/* ---- benchmark ------------------------------------------------------------ */

int
sc_bench_parse(struct sc_benchmark **out, xmlNodePtr node, struct sc_err *err)
{
	struct sc_benchmark *b;
	int r;

	*out = NULL;
	if (!sc_xml_is(node, NULL, "Benchmark"))
		return sc_err_set(err, SC_ERR_PARSE, "not an XCCDF Benchmark");
	if (!sc_xml_is(node, SC_XCCDF12_NS, "Benchmark"))
		return sc_err_set(err, SC_ERR_UNSUPPORTED,
		    "Benchmark is not XCCDF 1.2 (namespace '%s')",
		    node->ns ? (const char *)node->ns->href : "");
	b = sc_xcalloc(1, sizeof(*b));
	b->node = node;
	b->id = sc_xml_attr(node, "id");
	if (b->id == NULL) {
		sc_bench_free(b);
		return sc_err_set(err, SC_ERR_PARSE, "Benchmark has no id");
	}
	for (xmlNodePtr ch = node->children; ch; ch = ch->next) {
		if (sc_xml_is(ch, SC_XCCDF12_NS, "title") && b->title == NULL)
			b->title = sc_xml_text_collapsed(ch);
		else if (sc_xml_is(ch, SC_XCCDF12_NS, "version") &&
		    b->version == NULL)
			b->version = sc_xml_text_collapsed(ch);
		else if (sc_xml_is(ch, SC_XCCDF12_NS, "status") &&
		    b->status == NULL)
			b->status = sc_xml_text_collapsed(ch);
		else if (sc_xml_is(ch, SC_XCCDF12_NS, "platform")) {
			char *idref = sc_xml_attr(ch, "idref");
			if (idref)
				sc_strv_push_owned(&b->platforms, idref);
		} else if (sc_xml_is(ch, SC_XCCDF12_NS, "model")) {
			char *sys = sc_xml_attr(ch, "system");
			if (sys)
				sc_strv_push_owned(&b->models, sys);
		} else if (sc_xml_is(ch, SC_XCCDF12_NS, "Profile")) {
			if ((r = add_profile(b, ch, SC_XCCDF12_NS, 0, err)) < 0)
				goto fail;
		}
	}
	if ((r = parse_children(b, NULL, node, err)) < 0)
		goto fail;
	if (b->version == NULL)
		b->version = sc_xstrdup("");
	*out = b;
	return SC_OK;
fail:
	sc_bench_free(b);
	return r;
}

int
sc_bench_add_tailoring(struct sc_benchmark *b, xmlNodePtr tailoring,
    struct sc_err *err)
{
	int r;

	if (!sc_xml_is(tailoring, SC_XCCDF12_NS, "Tailoring"))
		return sc_err_set(err, SC_ERR_PARSE,
		    "not an XCCDF 1.2 Tailoring document");
	for (xmlNodePtr ch = tailoring->children; ch; ch = ch->next)
		if (sc_xml_is(ch, SC_XCCDF12_NS, "Profile"))
			if ((r = add_profile(b, ch, SC_XCCDF12_NS, 1, err)) < 0)
				return r;
	return SC_OK;
}

void
sc_bench_free(struct sc_benchmark *b)
{
	size_t i;

	if (b == NULL)
		return;
	for (i = 0; i < b->n_items; i++)
		item_free(b->items[i]);
	free(b->items);
	free(b->top);
	for (i = 0; i < b->n_profiles; i++)
		profile_free(&b->profiles[i]);
	free(b->profiles);
	sc_strv_free(&b->platforms);
	sc_strv_free(&b->models);
	sc_map_free(&b->by_id);
	for (size_t k = 0; k < b->strings.n; k++)
		free(b->strings.vals[k]);
	sc_map_free(&b->strings);
	free(b->id);
	free(b->version);
	free(b->title);
	free(b->status);
	free(b);
}

const struct sc_item *
sc_bench_find(const struct sc_benchmark *b, const char *id)
{
	return sc_map_get(&b->by_id, id);
}

const struct sc_profile *
sc_bench_profile(const struct sc_benchmark *b, const char *id)
{
	for (size_t i = 0; i < b->n_profiles; i++)
		if (strcmp(b->profiles[i].id, id) == 0)
			return &b->profiles[i];
	return NULL;
}

int
sc_cpe_never_applies(const char *name)
{
	return strcmp(name, SC_CPE_NOTAPPLICABLE) == 0 ||
	    strcmp(name, "cpe:/o:notapplicable") == 0;
}
