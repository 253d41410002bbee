/*
 * oval_model.c - parsing an OVAL definitions document on demand
 * (oval_model.h).
 */
#include "checks/oval/oval_model.h"
#include "xccdf/prune.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "checks/oval/oval_collect.h"
#include "checks/oval/oval_item.h"
#include "xccdf/benchmark.h"

/* "ind:xmlfilecontent_test" for messages */
static void
qname(xmlNodePtr n, struct sc_buf *out)
{
	const char *href = n->ns ? (const char *)n->ns->href : "";
	const char *hash = strrchr(href, '#');

	sc_buf_reset(out);
	if (hash != NULL)
		sc_buf_addf(out, "%s:", strcmp(hash + 1, "independent") == 0 ?
		    "ind" : hash + 1);
	sc_buf_adds(out, (const char *)n->name);
}

/* ---- small helpers ---------------------------------------------------------------- */

static int
is_def(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && sc_xml_is(n, SC_OVAL_DEF_NS, name);
}

static char *
text_of(xmlNodePtr n)
{
	xmlChar *c = xmlNodeGetContent(n);
	char *s = sc_xstrdup(c ? (const char *)c : "");

	xmlFree(c);
	return s;
}

static int
is_nil(xmlNodePtr n)
{
	xmlChar *v = xmlGetNsProp(n, (const xmlChar *)"nil",
	    (const xmlChar *)SC_OVAL_XSI_NS);
	int r = v != NULL && (strcmp((const char *)v, "true") == 0 ||
	    strcmp((const char *)v, "1") == 0);

	xmlFree(v);
	return r;
}

static int
attr_bool(xmlNodePtr n, const char *name, int dflt)
{
	char *v = sc_xml_attr(n, name);
	int r = dflt;

	if (v != NULL)
		r = strcmp(v, "true") == 0 || strcmp(v, "1") == 0;
	free(v);
	return r;
}

/* an enumerated attribute: parse() or -1; dflt when absent */
static int
attr_enum(xmlNodePtr n, const char *name, int (*parse)(const char *),
    int dflt, const char *what, struct sc_err *err)
{
	char *v = sc_xml_attr(n, name);
	int r;

	if (v == NULL)
		return dflt;
	r = parse(v);
	if (r < 0)
		sc_err_set(err, SC_ERR_PARSE, "%s: %s='%s' is not valid", what,
		    name, v);
	free(v);
	return r;
}

static void
own(struct sc_oval_doc *d, void *p, enum sc_oval_construct type)
{
	if (d->n_owned == d->cap_owned) {
		SC_GROW(d->owned, d->cap_owned, d->n_owned + 1);
		d->owned_type = sc_xreallocarray(d->owned_type, d->cap_owned,
		    sizeof(*d->owned_type));
	}
	d->owned[d->n_owned] = p;
	d->owned_type[d->n_owned] = type;
	d->n_owned++;
}

#define T_DEF SC_OVAL_C_DEF
#define T_TEST SC_OVAL_C_TEST
#define T_OBJ SC_OVAL_C_OBJECT
#define T_STE SC_OVAL_C_STATE
#define T_VAR SC_OVAL_C_VAR
static const char *const sections[] = { "definitions", "tests", "objects",
	"states", "variables" };
static const char *const type_words[] = { "definition", "test", "object",
	"state", "variable" };

/* ---- document ---------------------------------------------------------------------- */

struct pruned_ids {
	struct sc_map *nodes;
	xmlNodePtr section;
};

static void
index_pruned(void *arg, const char *id)
{
	struct pruned_ids *pi = arg;

	sc_map_add(pi->nodes, id, pi->section);
}

int
sc_oval_doc_new(struct sc_oval_doc **out, xmlNodePtr root, const char *name,
    struct sc_oval_rt *rt, struct sc_err *err)
{
	struct sc_oval_doc *d;

	*out = NULL;
	if (root == NULL || !is_def(root, "oval_definitions"))
		return sc_err_set(err, SC_ERR_PARSE,
		    "'%s' is not an OVAL definitions document", name);
	d = sc_xcalloc(1, sizeof(*d));
	d->root = root;
	d->name = sc_xstrdup(name);
	d->rt = rt;
	for (xmlNodePtr s = root->children; s; s = s->next) {
		int t;

		if (s->type != XML_ELEMENT_NODE)
			continue;
		for (t = 0; t < 5; t++)
			if (is_def(s, sections[t]))
				break;
		if (t == 5)
			continue;
		for (xmlNodePtr c = s->children; c; c = c->next) {
			char *id;

			if (sc_prune_is(c)) {
				/* constructs the load left out (prune.h):
				 * their section stands in until one is read */
				struct pruned_ids pi = { &d->nodes, s };

				sc_prune_ids(c, index_pruned, &pi);
				continue;
			}
			if (c->type != XML_ELEMENT_NODE)
				continue;
			if ((id = sc_xml_attr(c, "id")) == NULL)
				continue;
			sc_map_add(&d->nodes, id, c);
			free(id);
		}
	}
	*out = d;
	return SC_OK;
}

struct cached_error {
	int code;
	char *msg;
};

static void entity_free(struct sc_oval_entity *e);
static void comp_free(struct sc_oval_comp *c);
static void crit_free(struct sc_oval_crit *c);

static void
ents_free(struct sc_oval_entity *e, size_t n)
{
	for (size_t i = 0; i < n; i++)
		entity_free(&e[i]);
	free(e);
}

static void
object_free(struct sc_oval_object *o)
{
	free(o->id);
	free(o->version);
	free(o->comment);
	ents_free(o->ents, o->n_ents);
	free(o->filters);
	sc_regex_free(o->pattern_re);
	sc_regex_free(o->path_re);
	sc_probe_tree_free(o->tree);
	sc_strv_free(&o->messages);
	sc_strv_free(&o->filtered);
	for (size_t i = 0; i < o->n_items; i++)
		sc_oval_item_free(o->items[i]);
	free(o->items);
	free(o->tests);
	free(o->vars);
	free(o);
}

static void
test_free(struct sc_oval_test *t)
{
	free(t->id);
	free(t->version);
	free(t->comment);
	free(t->unsupported);
	free(t->states);
	free(t->tested);
	sc_strv_free(&t->ev_true);
	sc_strv_free(&t->ev_false);
	free(t);
}

static void
state_free(struct sc_oval_state *s)
{
	free(s->id);
	free(s->version);
	free(s->comment);
	ents_free(s->ents, s->n_ents);
	free(s);
}

static void
var_free(struct sc_oval_var *v)
{
	free(v->id);
	free(v->version);
	free(v->comment);
	sc_strv_free(&v->consts);
	comp_free(v->comp);
	sc_strv_free(&v->values);
	free(v->error);
	free(v);
}

static void
def_free(struct sc_oval_def *d)
{
	free(d->id);
	free(d->version);
	free(d->cls);
	free(d->title);
	crit_free(d->criteria);
	free(d);
}

void
sc_oval_doc_free(struct sc_oval_doc *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->n_owned; i++) {
		switch (d->owned_type[i]) {
		case T_DEF: def_free(d->owned[i]); break;
		case T_TEST: test_free(d->owned[i]); break;
		case T_OBJ: object_free(d->owned[i]); break;
		case T_STE: state_free(d->owned[i]); break;
		case T_VAR: var_free(d->owned[i]); break;
		}
	}
	free(d->owned);
	free(d->owned_type);
	for (size_t i = 0; i < d->errors.n; i++) {
		struct cached_error *ce = d->errors.vals[i];

		free(ce->msg);
		free(ce);
	}
	for (size_t i = 0; i < d->exports.n; i++)
		free(d->exports.vals[i]);
	sc_map_free(&d->nodes);
	sc_map_free(&d->parsed);
	sc_map_free(&d->errors);
	sc_map_free(&d->exports);
	free(d->name);
	free(d);
}

int
sc_oval_doc_bind(struct sc_oval_doc *d, const char *const *names,
    const char *const *values, size_t n, struct sc_err *err)
{
	for (size_t i = 0; i < n; i++) {
		const char *v = sc_map_get(&d->exports, names[i]);

		for (size_t k = 0; k < i; k++)
			if (strcmp(names[k], names[i]) == 0 &&
			    strcmp(values[k], values[i]) != 0)
				return sc_err_set(err, SC_ERR_PARSE,
				    "check-export binds variable '%s' twice",
				    names[i]);
		if (v != NULL && strcmp(v, values[i]) != 0)
			return sc_err_set(err, SC_ERR_EXISTS,
			    "variable '%s' of '%s' is bound to another value",
			    names[i], d->name);
	}
	for (size_t i = 0; i < n; i++)
		if (sc_map_get(&d->exports, names[i]) == NULL)
			sc_map_add(&d->exports, names[i], sc_xstrdup(values[i]));
	d->has_exports |= n > 0;
	return SC_OK;
}

void
sc_oval_doc_def_ids(const struct sc_oval_doc *d, struct sc_strv *ids)
{
	for (size_t i = 0; i < d->nodes.n; i++) {
		xmlNodePtr n = d->nodes.vals[i];

		if ((is_def(n, "definition") && n->parent &&
		    is_def(n->parent, "definitions")) ||
		    (is_def(n, "definitions") && n->parent == d->root))
			sc_strv_push(ids, d->nodes.keys[i]);
	}
}

/* ---- lookups with caching and cycle detection ------------------------------------- */

static int
cached(struct sc_oval_doc *d, const char *id, void **out, struct sc_err *err)
{
	struct cached_error *ce = sc_map_get(&d->errors, id);

	if (ce != NULL)
		return sc_err_set(err, ce->code, "%s", ce->msg);
	*out = sc_map_get(&d->parsed, id);
	return SC_OK;
}

static int
remember_error(struct sc_oval_doc *d, const char *id, int code,
    struct sc_err *err)
{
	struct cached_error *ce = sc_xcalloc(1, sizeof(*ce));

	ce->code = code;
	ce->msg = sc_xstrdup(err && err->msg[0] ? err->msg : "invalid");
	if (!sc_map_add(&d->errors, id, ce)) {
		free(ce->msg);
		free(ce);
	}
	return code;
}

static int
node_for(struct sc_oval_doc *d, const char *id, int type, xmlNodePtr *out,
    struct sc_err *err)
{
	xmlNodePtr n = sc_map_get(&d->nodes, id);

	if (n != NULL && n->parent == d->root && is_def(n, sections[type])) {
		/* left out of the tree at load (prune.h): put it back */
		xmlNodePtr el;

		if (sc_prune_take(n, id, &el, err) < 0)
			return err->code;
		sc_map_put(&d->nodes, id, el);
		n = el;
	}
	if (n == NULL || n->parent == NULL || !is_def(n->parent, sections[type]))
		return sc_err_set(err, SC_ERR_NOTFOUND,
		    "OVAL %s '%s' is not in '%s'", type_words[type], id, d->name);
	*out = n;
	return SC_OK;
}

static int get_def(struct sc_oval_doc *d, const char *id,
    struct sc_oval_def **out, struct sc_err *err);
static int get_test(struct sc_oval_doc *d, const char *id,
    struct sc_oval_test **out, struct sc_err *err);
static int get_object(struct sc_oval_doc *d, const char *id,
    struct sc_oval_object **out, struct sc_err *err);
static int get_state(struct sc_oval_doc *d, const char *id,
    struct sc_oval_state **out, struct sc_err *err);
static int get_var(struct sc_oval_doc *d, const char *id,
    struct sc_oval_var **out, struct sc_err *err);

/* ---- entities ---------------------------------------------------------------------- */

static void
entity_free(struct sc_oval_entity *e)
{
	free(e->name);
	free(e->value);
	free(e->var_ref);
	sc_regex_free(e->re);
}

const struct sc_oval_entity *
sc_oval_entity_find(const struct sc_oval_entity *ents, size_t n,
    const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(ents[i].name, name) == 0)
			return &ents[i];
	return NULL;
}

static int
parse_entity(struct sc_oval_doc *d, xmlNodePtr n, int is_state,
    const char *owner, struct sc_oval_entity *e, struct sc_err *err)
{
	int v;

	memset(e, 0, sizeof(*e));
	e->name = sc_xstrdup((const char *)n->name);
	e->var_check = SC_OVAL_CHECK_ALL;
	e->entity_check = SC_OVAL_CHECK_ALL;
	e->check_existence = SC_OVAL_AT_LEAST_ONE_EXISTS;
	if ((v = attr_enum(n, "datatype", sc_oval_dt_parse, SC_OVAL_DT_STRING,
	    owner, err)) < 0)
		return SC_ERR_PARSE;
	e->dt = (enum sc_oval_dt)v;
	if ((v = attr_enum(n, "operation", sc_oval_op_parse, SC_OVAL_OP_EQUALS,
	    owner, err)) < 0)
		return SC_ERR_PARSE;
	e->op = (enum sc_oval_op)v;
	if ((v = attr_enum(n, "var_check", sc_oval_check_parse,
	    SC_OVAL_CHECK_ALL, owner, err)) < 0)
		return SC_ERR_PARSE;
	e->var_check = (enum sc_oval_check)v;
	if (is_state) {
		if ((v = attr_enum(n, "entity_check", sc_oval_check_parse,
		    SC_OVAL_CHECK_ALL, owner, err)) < 0)
			return SC_ERR_PARSE;
		e->entity_check = (enum sc_oval_check)v;
		if ((v = attr_enum(n, "check_existence",
		    sc_oval_existence_parse, SC_OVAL_AT_LEAST_ONE_EXISTS, owner,
		    err)) < 0)
			return SC_ERR_PARSE;
		e->check_existence = (enum sc_oval_existence)v;
	}
	if (sc_oval_op_check(e->op, e->dt, err) < 0)
		return sc_err_prefix(err, "%s, entity <%s>", owner, e->name);
	e->nil = is_nil(n);
	e->var_ref = sc_xml_attr(n, "var_ref");
	if (e->var_ref != NULL) {
		int r = get_var(d, e->var_ref, &e->var, err);

		if (r < 0)
			return sc_err_prefix(err, "%s, entity <%s>", owner, e->name);
		return SC_OK;
	}
	if (e->nil)
		return SC_OK;
	e->value = text_of(n);
	if (e->op == SC_OVAL_OP_PATTERN_MATCH &&
	    sc_regex_compile(&e->re, e->value, 0, err) < 0)
		return sc_err_prefix(err, "%s, entity <%s>", owner, e->name);
	return SC_OK;
}

/* entities of an object or state element: the family's entity children */
static int
parse_entities(struct sc_oval_doc *d, xmlNodePtr n, enum sc_oval_kind k,
    int is_state, const char *owner, struct sc_oval_entity **ents,
    size_t *n_ents, struct sc_err *err)
{
	const char *const *allowed = is_state ? sc_oval_family_get(k)->ste_ents :
	    sc_oval_family_get(k)->obj_ents;
	size_t cap = 0;
	int r;

	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || c->ns == NULL ||
		    strcmp((const char *)c->ns->href, sc_oval_family_get(k)->ns) != 0)
			continue;
		if (!is_state && strcmp((const char *)c->name, "behaviors") == 0)
			continue;
		if (!sc_oval_family_in_list(allowed, (const char *)c->name))
			return sc_err_set(err, SC_ERR_UNSUPPORTED,
			    "%s: entity <%s> is not supported", owner,
			    (const char *)c->name);
		SC_GROW(*ents, cap, *n_ents + 1);
		r = parse_entity(d, c, is_state, owner, &(*ents)[*n_ents], err);
		(*n_ents)++;
		if (r < 0)
			return r;
	}
	return SC_OK;
}

/*
 * The family kind of an object, state or test element (suffix "_object"
 * ...); owner gets "OVAL <what> <id>" for messages.  -1 with err set when
 * stigcheck does not support it.
 */
static int
family_kind(xmlNodePtr n, const char *suffix, const char *what, const char *id,
    int allow_unknown, struct sc_buf *owner, struct sc_err *err)
{
	struct sc_buf q = SC_BUF_INIT;
	int k = sc_oval_family_of(n, suffix);

	sc_buf_reset(owner);
	sc_buf_addf(owner, "OVAL %s %s", what, id);
	if (k < 0 || ((sc_oval_family_get(k)->flags & SC_OVAL_FAM_NO_OBJECT) &&
	    !allow_unknown)) {
		qname(n, &q);
		sc_err_set(err, SC_ERR_UNSUPPORTED, "%s: <%s> is not supported",
		    owner->data, q.data);
		k = -1;
	}
	sc_buf_free(&q);
	return k;
}

/* ---- objects ------------------------------------------------------------------------ */

static int
parse_behaviors(xmlNodePtr b, struct sc_oval_object *o, const char *owner,
    struct sc_err *err)
{
	static const char *const known[] = { "max_depth", "recurse",
		"recurse_direction", "recurse_file_system", "multiline",
		"singleline", "ignore_case", NULL };
	char *v;

	for (xmlAttrPtr a = b->properties; a; a = a->next)
		if (a->ns == NULL && !sc_oval_family_in_list(known, (const char *)a->name) &&
		    (sc_oval_family_get(o->kind)->behaviors == NULL ||
		    !sc_oval_family_in_list(sc_oval_family_get(o->kind)->behaviors,
		    (const char *)a->name)))
			return sc_err_set(err, SC_ERR_UNSUPPORTED,
			    "%s: behavior '%s' is not supported", owner,
			    (const char *)a->name);
	if ((v = sc_xml_attr(b, "max_depth")) != NULL) {
		char *end;
		long x = strtol(v, &end, 10);

		if (*v == '\0' || *end != '\0' || x < -1) {
			int r = sc_err_set(err, SC_ERR_PARSE,
			    "%s: max_depth='%s' is not valid", owner, v);
			free(v);
			return r;
		}
		o->bh.max_depth = (int)(x > 1000000 ? 1000000 : x);
		free(v);
	}
	if ((v = sc_xml_attr(b, "recurse_direction")) != NULL) {
		int r = SC_OK;

		if (strcmp(v, "none") == 0)
			o->bh.direction = SC_OVAL_DIR_NONE;
		else if (strcmp(v, "down") == 0)
			o->bh.direction = SC_OVAL_DIR_DOWN;
		else
			r = sc_err_set(err, SC_ERR_UNSUPPORTED,
			    "%s: recurse_direction='%s' is not supported", owner,
			    v);
		free(v);
		if (r < 0)
			return r;
	}
	if ((v = sc_xml_attr(b, "recurse")) != NULL) {
		int r = SC_OK;

		if (strcmp(v, "directories") == 0)
			o->bh.recurse = SC_TREE_RECURSE_DIRS;
		else if (strcmp(v, "symlinks") == 0)
			o->bh.recurse = SC_TREE_RECURSE_SYMLINKS;
		else if (strcmp(v, "symlinks and directories") == 0)
			o->bh.recurse = SC_TREE_RECURSE_DIRS |
			    SC_TREE_RECURSE_SYMLINKS;
		else
			r = sc_err_set(err, SC_ERR_UNSUPPORTED,
			    "%s: recurse='%s' is not supported", owner, v);
		free(v);
		if (r < 0)
			return r;
	}
	if ((v = sc_xml_attr(b, "recurse_file_system")) != NULL) {
		int r = SC_OK;

		if (strcmp(v, "all") == 0)
			o->bh.fs = SC_OVAL_FS_ALL;
		else if (strcmp(v, "local") == 0)
			o->bh.fs = SC_OVAL_FS_LOCAL;
		else if (strcmp(v, "defined") == 0)
			o->bh.fs = SC_OVAL_FS_DEFINED;
		else
			r = sc_err_set(err, SC_ERR_PARSE,
			    "%s: recurse_file_system='%s' is not valid", owner, v);
		free(v);
		if (r < 0)
			return r;
	}
	o->bh.multiline = attr_bool(b, "multiline", o->bh.multiline);
	o->bh.singleline = attr_bool(b, "singleline", o->bh.singleline);
	o->bh.ignore_case = attr_bool(b, "ignore_case", o->bh.ignore_case);
	return SC_OK;
}

/* which entities an object of kind k must have */
static int
check_object_shape(struct sc_oval_object *o, const char *owner,
    struct sc_err *err)
{
	const struct sc_oval_family *f = sc_oval_family_get(o->kind);
	int r;

	if ((f->flags & SC_OVAL_FAM_FILES) &&
	    (r = sc_oval_collect_check_files(o, owner, err)) < 0)
		return r;
	return f->check ? f->check(o, owner, err) : SC_OK;
}

static int
parse_filter(struct sc_oval_doc *d, xmlNodePtr c, struct sc_oval_object *o,
    size_t *cap_f, const char *owner, struct sc_err *err)
{
	char *act = sc_xml_attr(c, "action"), *ref = text_of(c);
	struct sc_oval_filter *f;
	int r;

	SC_GROW(o->filters, *cap_f, o->n_filters + 1);
	f = &o->filters[o->n_filters++];
	f->exclude = act == NULL || strcmp(act, "exclude") == 0;
	if (act && strcmp(act, "include") != 0 && strcmp(act, "exclude") != 0)
		r = sc_err_set(err, SC_ERR_PARSE,
		    "%s: filter action '%s' is not valid", owner, act);
	else
		r = get_state(d, ref, &f->state, err);
	free(act);
	free(ref);
	return r;
}

static int
parse_set(struct sc_oval_doc *d, xmlNodePtr n, struct sc_oval_object *o,
    size_t *cap_f, const char *owner, struct sc_err *err)
{
	char *op = sc_xml_attr(n, "set_operator");
	int r = SC_OK;

	o->is_set = 1;
	if (op == NULL || strcmp(op, "UNION") == 0)
		o->set_op = SC_OVAL_SET_UNION;
	else if (strcmp(op, "INTERSECTION") == 0)
		o->set_op = SC_OVAL_SET_INTERSECTION;
	else if (strcmp(op, "COMPLEMENT") == 0)
		o->set_op = SC_OVAL_SET_COMPLEMENT;
	else
		r = sc_err_set(err, SC_ERR_PARSE, "%s: set_operator '%s' is not "
		    "valid", owner, op);
	free(op);
	for (xmlNodePtr c = n->children; r == SC_OK && c; c = c->next) {
		if (is_def(c, "set")) {
			r = sc_err_set(err, SC_ERR_UNSUPPORTED,
			    "%s: a nested <set> is not supported", owner);
		} else if (is_def(c, "filter")) {
			r = parse_filter(d, c, o, cap_f, owner, err);
		} else if (is_def(c, "object_reference")) {
			char *ref = text_of(c);

			if (o->n_set_refs == 2)
				r = sc_err_set(err, SC_ERR_PARSE, "%s: a <set> has at "
				    "most two object_reference", owner);
			else
				r = get_object(d, ref, &o->set_refs[o->n_set_refs++],
				    err);
			if (r < 0 && o->n_set_refs > 0 &&
			    o->set_refs[o->n_set_refs - 1] == NULL)
				o->n_set_refs--;
			free(ref);
		}
	}
	if (r == SC_OK && (o->n_set_refs == 0 ||
	    (o->set_op != SC_OVAL_SET_UNION && o->n_set_refs != 2)))
		r = sc_err_set(err, SC_ERR_PARSE, "%s: <set> needs %s", owner,
		    o->set_op == SC_OVAL_SET_UNION ? "an object_reference" :
		    "two object_reference");
	return r;
}

static int
parse_object(struct sc_oval_doc *d, xmlNodePtr n, struct sc_oval_object *o,
    struct sc_err *err)
{
	struct sc_buf owner = SC_BUF_INIT;
	size_t cap_f = 0;
	int k, r;

	if ((k = family_kind(n, "_object", "object", o->id, 0, &owner, err)) < 0) {
		r = SC_ERR_UNSUPPORTED;
		goto out;
	}
	o->kind = (enum sc_oval_kind)k;
	o->bh.max_depth = -1;
	o->bh.direction = SC_OVAL_DIR_NONE;
	o->bh.recurse = SC_TREE_RECURSE_DIRS | SC_TREE_RECURSE_SYMLINKS;
	o->bh.fs = SC_OVAL_FS_ALL;
	o->bh.multiline = 1;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_def(c, "set")) {
			if ((r = parse_set(d, c, o, &cap_f, owner.data, err)) < 0)
				goto out;
			continue;
		}
		if (is_def(c, "filter")) {
			if ((r = parse_filter(d, c, o, &cap_f, owner.data, err)) < 0)
				goto out;
			continue;
		}
		if (c->ns && strcmp((const char *)c->ns->href, sc_oval_family_get(k)->ns) == 0 &&
		    strcmp((const char *)c->name, "behaviors") == 0 &&
		    (r = parse_behaviors(c, o, owner.data, err)) < 0)
			goto out;
	}
	if ((r = parse_entities(d, n, o->kind, 0, owner.data, &o->ents, &o->n_ents,
	    err)) < 0 || (!o->is_set &&
	    (r = check_object_shape(o, owner.data, err)) < 0))
		goto out;
	for (size_t i = 0; i < o->n_set_refs; i++)
		if (o->set_refs[i]->kind != o->kind) {
			r = sc_err_set(err, SC_ERR_PARSE, "%s: set member %s is "
			    "another kind of object", owner.data,
			    o->set_refs[i]->id);
			goto out;
		}
	for (size_t i = 0; i < o->n_filters; i++)
		if (o->filters[i].state->kind != o->kind) {
			r = sc_err_set(err, SC_ERR_PARSE,
			    "%s: filter state %s is for another kind of object",
			    owner.data, o->filters[i].state->id);
			goto out;
		}
	r = SC_OK;
out:
	sc_buf_free(&owner);
	return r;
}

/* ---- states ------------------------------------------------------------------------- */

static int
parse_state(struct sc_oval_doc *d, xmlNodePtr n, struct sc_oval_state *s,
    struct sc_err *err)
{
	struct sc_buf owner = SC_BUF_INIT;
	int k, v, r;

	if ((k = family_kind(n, "_state", "state", s->id, 0, &owner, err)) < 0) {
		r = SC_ERR_UNSUPPORTED;
		goto out;
	}
	s->kind = (enum sc_oval_kind)k;
	if ((v = attr_enum(n, "operator", sc_oval_operator_parse, SC_OVAL_AND,
	    owner.data, err)) < 0) {
		r = SC_ERR_PARSE;
		goto out;
	}
	s->op = (enum sc_oval_operator)v;
	r = parse_entities(d, n, s->kind, 1, owner.data, &s->ents, &s->n_ents,
	    err);
out:
	sc_buf_free(&owner);
	return r;
}

/* ---- tests -------------------------------------------------------------------------- */

static int
parse_test(struct sc_oval_doc *d, xmlNodePtr n, struct sc_oval_test *t,
    struct sc_err *err)
{
	struct sc_buf owner = SC_BUF_INIT;
	size_t cap_s = 0;
	char *v;
	int k, e, r;

	if ((k = family_kind(n, "_test", "test", t->id, 1, &owner, err)) < 0) {
		r = SC_ERR_UNSUPPORTED;
		goto out;
	}
	t->kind = (enum sc_oval_kind)k;
	if ((v = sc_xml_attr(n, "check")) == NULL) {
		r = sc_err_set(err, SC_ERR_PARSE, "%s: no check attribute",
		    owner.data);
		goto out;
	}
	e = sc_oval_check_parse(v);
	free(v);
	if (e < 0) {
		r = sc_err_set(err, SC_ERR_PARSE, "%s: check is not valid",
		    owner.data);
		goto out;
	}
	t->check = (enum sc_oval_check)e;
	if ((e = attr_enum(n, "check_existence", sc_oval_existence_parse,
	    SC_OVAL_AT_LEAST_ONE_EXISTS, owner.data, err)) < 0 ||
	    (k = attr_enum(n, "state_operator", sc_oval_operator_parse,
	    SC_OVAL_AND, owner.data, err)) < 0) {
		r = SC_ERR_PARSE;
		goto out;
	}
	t->existence = (enum sc_oval_existence)e;
	/* the deprecated check="none exist" is check_existence none_exist
	 * with check none satisfy, whatever check_existence says (as
	 * MITRE's interpreter and OpenSCAP read it); sc_oval_by_check
	 * already reads it as none satisfy */
	if (t->check == SC_OVAL_CHECK_NONE_EXIST)
		t->existence = SC_OVAL_NONE_EXIST;
	t->state_op = (enum sc_oval_operator)k;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || c->ns == NULL ||
		    strcmp((const char *)c->ns->href, sc_oval_family_get(t->kind)->ns) != 0)
			continue;
		if (strcmp((const char *)c->name, "object") == 0) {
			char *ref = sc_xml_attr(c, "object_ref");

			r = ref ? get_object(d, ref, &t->object, err) :
			    sc_err_set(err, SC_ERR_PARSE, "%s: <object> without "
			    "object_ref", owner.data);
			free(ref);
			if (r < 0)
				goto out;
			if (t->object->kind != t->kind) {
				r = sc_err_set(err, SC_ERR_PARSE,
				    "%s: object %s is of another kind", owner.data,
				    t->object->id);
				goto out;
			}
		} else if (strcmp((const char *)c->name, "state") == 0) {
			char *ref = sc_xml_attr(c, "state_ref");

			SC_GROW(t->states, cap_s, t->n_states + 1);
			r = ref ? get_state(d, ref, &t->states[t->n_states], err) :
			    sc_err_set(err, SC_ERR_PARSE, "%s: <state> without "
			    "state_ref", owner.data);
			free(ref);
			if (r < 0)
				goto out;
			if (t->states[t->n_states++]->kind != t->kind) {
				r = sc_err_set(err, SC_ERR_PARSE,
				    "%s: a state is of another kind", owner.data);
				goto out;
			}
		}
	}
	if (t->object == NULL &&
	    !(sc_oval_family_get(t->kind)->flags & SC_OVAL_FAM_NO_OBJECT)) {
		r = sc_err_set(err, SC_ERR_PARSE, "%s: no <object>", owner.data);
		goto out;
	}
	r = SC_OK;
out:
	sc_buf_free(&owner);
	return r;
}

/* ---- variables ------------------------------------------------------------------------ */

static void
comp_free(struct sc_oval_comp *c)
{
	if (c == NULL)
		return;
	free(c->value);
	sc_regex_free(c->re);
	for (size_t i = 0; i < c->n_args; i++)
		comp_free(c->args[i]);
	free(c->args);
	free(c);
}

static const struct {
	const char *name;
	enum sc_oval_comp_type type;
	int min_args, max_args;
} comp_names[] = {
	{ "literal_component", SC_OVAL_COMP_LITERAL, 0, 0 },
	{ "object_component", SC_OVAL_COMP_OBJECT, 0, 0 },
	{ "variable_component", SC_OVAL_COMP_VARIABLE, 0, 0 },
	{ "concat", SC_OVAL_COMP_CONCAT, 2, 1000 },
	{ "substring", SC_OVAL_COMP_SUBSTRING, 1, 1 },
	{ "begin", SC_OVAL_COMP_BEGIN, 1, 1 },
	{ "end", SC_OVAL_COMP_END, 1, 1 },
	{ "split", SC_OVAL_COMP_SPLIT, 1, 1 },
	{ "regex_capture", SC_OVAL_COMP_REGEX_CAPTURE, 1, 1 },
	{ "escape_regex", SC_OVAL_COMP_ESCAPE_REGEX, 1, 1 },
	{ "unique", SC_OVAL_COMP_UNIQUE, 1, 1000 },
	{ "count", SC_OVAL_COMP_COUNT, 1, 1000 },
	{ "arithmetic", SC_OVAL_COMP_ARITHMETIC, 2, 1000 },
	{ "time_difference", SC_OVAL_COMP_TIME_DIFFERENCE, 1, 2 },
	{ "glob_to_regex", SC_OVAL_COMP_GLOB_TO_REGEX, 1, 1 },
};

static int
arith_parse(const char *s)
{
	return strcmp(s, "add") == 0 ? SC_OVAL_ARITH_ADD :
	    strcmp(s, "multiply") == 0 ? SC_OVAL_ARITH_MULTIPLY : -1;
}

static int
timefmt_parse(const char *s)
{
	static const char *const names[] = { "year_month_day",
		"month_day_year", "day_month_year", "win_filetime",
		"seconds_since_epoch", "cim_datetime" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i]) == 0)
			return (int)i;
	return -1;
}

static int
parse_comp(struct sc_oval_doc *d, xmlNodePtr n, const char *owner,
    struct sc_oval_comp **out, struct sc_err *err)
{
	struct sc_oval_comp *c;
	size_t i, cap = 0;
	char *s;
	int r = SC_OK, e;

	*out = NULL;
	for (i = 0; i < sizeof(comp_names) / sizeof(comp_names[0]); i++)
		if (is_def(n, comp_names[i].name))
			break;
	if (i == sizeof(comp_names) / sizeof(comp_names[0]))
		return sc_err_set(err, SC_ERR_UNSUPPORTED,
		    "%s: <%s> is not supported", owner, (const char *)n->name);
	c = sc_xcalloc(1, sizeof(*c));
	*out = c;
	c->type = comp_names[i].type;
	switch (c->type) {
	case SC_OVAL_COMP_LITERAL:
		c->value = text_of(n);
		if ((e = attr_enum(n, "datatype", sc_oval_dt_parse,
		    SC_OVAL_DT_STRING, owner, err)) < 0)
			return SC_ERR_PARSE;
		c->dt = (enum sc_oval_dt)e;
		break;
	case SC_OVAL_COMP_ARITHMETIC:
		if (xmlHasProp(n, (const xmlChar *)"arithmetic_operation") == NULL)
			return sc_err_set(err, SC_ERR_PARSE,
			    "%s: <arithmetic> without arithmetic_operation", owner);
		if ((e = attr_enum(n, "arithmetic_operation", arith_parse, -1,
		    owner, err)) < 0)
			return SC_ERR_PARSE;
		c->arith = (enum sc_oval_arith)e;
		break;
	case SC_OVAL_COMP_TIME_DIFFERENCE:
		for (int k = 0; k < 2; k++) {
			if ((e = attr_enum(n, k ? "format_2" : "format_1",
			    timefmt_parse, SC_OVAL_TIME_YEAR_MONTH_DAY, owner,
			    err)) < 0)
				return SC_ERR_PARSE;
			*(k ? &c->fmt2 : &c->fmt1) = (enum sc_oval_timefmt)e;
		}
		break;
	case SC_OVAL_COMP_GLOB_TO_REGEX:
		c->noescape = attr_bool(n, "glob_noescape", 0);
		break;
	case SC_OVAL_COMP_OBJECT:
		s = sc_xml_attr(n, "object_ref");
		c->value = sc_xml_attr(n, "item_field");
		if (xmlHasProp(n, (const xmlChar *)"record_field") != NULL) {
			free(s);
			return sc_err_set(err, SC_ERR_UNSUPPORTED,
			    "%s: object_component record_field is not supported",
			    owner);
		}
		if (s == NULL || c->value == NULL) {
			free(s);
			return sc_err_set(err, SC_ERR_PARSE,
			    "%s: object_component needs object_ref and item_field",
			    owner);
		}
		r = get_object(d, s, &c->object, err);
		free(s);
		if (r < 0)
			return r;
		if (!sc_oval_family_in_list(sc_oval_family_get(c->object->kind)->item_ents, c->value))
			return sc_err_set(err, SC_ERR_UNSUPPORTED,
			    "%s: item field '%s' of %s items is not supported",
			    owner, c->value, sc_oval_family_get(c->object->kind)->item);
		return SC_OK;
	case SC_OVAL_COMP_VARIABLE:
		s = sc_xml_attr(n, "var_ref");
		r = s ? get_var(d, s, &c->var, err) :
		    sc_err_set(err, SC_ERR_PARSE,
		    "%s: variable_component without var_ref", owner);
		free(s);
		return r;
	case SC_OVAL_COMP_SUBSTRING:
		s = sc_xml_attr(n, "substring_start");
		c->start = s ? strtol(s, NULL, 10) : 1;
		free(s);
		s = sc_xml_attr(n, "substring_length");
		c->length = s ? strtol(s, NULL, 10) : -1;
		free(s);
		break;
	case SC_OVAL_COMP_BEGIN:
	case SC_OVAL_COMP_END:
		c->value = sc_xml_attr(n, "character");
		break;
	case SC_OVAL_COMP_SPLIT:
		c->value = sc_xml_attr(n, "delimiter");
		break;
	case SC_OVAL_COMP_REGEX_CAPTURE:
		c->value = sc_xml_attr(n, "pattern");
		if (c->value && (r = sc_regex_compile(&c->re, c->value, 0, err)) < 0)
			return sc_err_prefix(err, "%s", owner);
		break;
	default:
		break;
	}
	if ((c->type == SC_OVAL_COMP_BEGIN || c->type == SC_OVAL_COMP_END ||
	    c->type == SC_OVAL_COMP_SPLIT || c->type == SC_OVAL_COMP_REGEX_CAPTURE) &&
	    c->value == NULL)
		return sc_err_set(err, SC_ERR_PARSE, "%s: <%s> lacks its attribute",
		    owner, comp_names[i].name);
	for (xmlNodePtr k = n->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (comp_names[i].max_args == 0)
			return sc_err_set(err, SC_ERR_PARSE, "%s: <%s> has children",
			    owner, comp_names[i].name);
		SC_GROW(c->args, cap, c->n_args + 1);
		r = parse_comp(d, k, owner, &c->args[c->n_args], err);
		c->n_args++;
		if (r < 0)
			return r;
	}
	if ((int)c->n_args < comp_names[i].min_args ||
	    (int)c->n_args > comp_names[i].max_args)
		return sc_err_set(err, SC_ERR_PARSE,
		    "%s: <%s> has %zu components", owner, comp_names[i].name,
		    c->n_args);
	return SC_OK;
}

static int
parse_var(struct sc_oval_doc *d, xmlNodePtr n, struct sc_oval_var *v,
    struct sc_err *err)
{
	struct sc_buf owner = SC_BUF_INIT;
	int dt, r = SC_OK;

	sc_buf_reset(&owner);
	sc_buf_addf(&owner, "OVAL variable %s", v->id);
	if ((dt = attr_enum(n, "datatype", sc_oval_dt_parse, SC_OVAL_DT_STRING,
	    owner.data, err)) < 0) {
		r = SC_ERR_PARSE;
		goto out;
	}
	v->dt = (enum sc_oval_dt)dt;
	if (is_def(n, "constant_variable")) {
		v->kind = SC_OVAL_VAR_CONSTANT;
		for (xmlNodePtr c = n->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE && is_def(c, "value"))
				sc_strv_push_owned(&v->consts, text_of(c));
	} else if (is_def(n, "external_variable")) {
		const char *val = sc_map_get(&d->exports, v->id);

		v->kind = SC_OVAL_VAR_EXTERNAL;
		if (val == NULL) {
			r = sc_err_set(err, SC_ERR_UNSUPPORTED,
			    "%s: external variable without a value (no XCCDF "
			    "check-export binds it)", owner.data);
			goto out;
		}
		sc_strv_push(&v->consts, val);
	} else if (is_def(n, "local_variable")) {
		v->kind = SC_OVAL_VAR_LOCAL;
		for (xmlNodePtr c = n->children; c; c = c->next) {
			if (c->type != XML_ELEMENT_NODE || !c->ns ||
			    strcmp((const char *)c->ns->href, SC_OVAL_DEF_NS) != 0 ||
			    is_def(c, "notes"))
				continue;
			if (v->comp != NULL) {
				r = sc_err_set(err, SC_ERR_PARSE,
				    "%s: more than one component", owner.data);
				goto out;
			}
			if ((r = parse_comp(d, c, owner.data, &v->comp, err)) < 0)
				goto out;
		}
		if (v->comp == NULL)
			r = sc_err_set(err, SC_ERR_PARSE, "%s: no component",
			    owner.data);
	} else {
		r = sc_err_set(err, SC_ERR_UNSUPPORTED, "%s: <%s> is not supported",
		    owner.data, (const char *)n->name);
	}
out:
	sc_buf_free(&owner);
	return r;
}

/* ---- criteria and definitions ----------------------------------------------------------- */

static void
crit_free(struct sc_oval_crit *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n_kids; i++)
		crit_free(c->kids[i]);
	free(c->kids);
	free(c->comment);
	free(c->unsupported);
	free(c->test_ref);
	free(c->test_version);
	free(c);
}

static int
parse_crit(struct sc_oval_doc *d, xmlNodePtr n, const char *owner,
    struct sc_oval_crit **out, struct sc_err *err)
{
	struct sc_oval_crit *c = sc_xcalloc(1, sizeof(*c));
	size_t cap = 0;
	char *ref;
	int v, r = SC_OK;

	*out = c;
	c->negate = attr_bool(n, "negate", 0);
	c->comment = sc_xml_attr(n, "comment");
	if (is_def(n, "criteria")) {
		c->type = SC_OVAL_CRIT_CRITERIA;
		c->has_op = xmlHasProp(n, (const xmlChar *)"operator") != NULL;
		if ((v = attr_enum(n, "operator", sc_oval_operator_parse,
		    SC_OVAL_AND, owner, err)) < 0)
			return SC_ERR_PARSE;
		c->op = (enum sc_oval_operator)v;
		for (xmlNodePtr k = n->children; k; k = k->next) {
			if (k->type != XML_ELEMENT_NODE || !(is_def(k, "criteria") ||
			    is_def(k, "criterion") || is_def(k, "extend_definition")))
				continue;
			SC_GROW(c->kids, cap, c->n_kids + 1);
			r = parse_crit(d, k, owner, &c->kids[c->n_kids], err);
			c->n_kids++;
			if (r < 0)
				return r;
		}
		if (c->n_kids == 0)
			return sc_err_set(err, SC_ERR_PARSE, "%s: empty <criteria>",
			    owner);
	} else if (is_def(n, "criterion")) {
		c->type = SC_OVAL_CRIT_CRITERION;
		if ((ref = sc_xml_attr(n, "test_ref")) == NULL)
			return sc_err_set(err, SC_ERR_PARSE,
			    "%s: criterion without test_ref", owner);
		r = get_test(d, ref, &c->test, err);
		c->test_ref = ref;
		if (r == SC_ERR_UNSUPPORTED) {
			/* an error in the logic, not of the definition */
			xmlNodePtr tn = sc_map_get(&d->nodes, ref);

			c->test = NULL;
			c->unsupported = sc_xstrdup(err->msg);
			c->test_version = tn ? sc_xml_attr(tn, "version") : NULL;
			sc_err_clear(err);
			r = SC_OK;
		}
	} else {
		c->type = SC_OVAL_CRIT_EXTEND;
		if ((ref = sc_xml_attr(n, "definition_ref")) == NULL)
			return sc_err_set(err, SC_ERR_PARSE,
			    "%s: extend_definition without definition_ref", owner);
		r = get_def(d, ref, &c->def, err);
		free(ref);
	}
	return r;
}

static int
parse_def(struct sc_oval_doc *d, xmlNodePtr n, struct sc_oval_def *def,
    struct sc_err *err)
{
	struct sc_buf owner = SC_BUF_INIT;
	int r = SC_OK;

	sc_buf_reset(&owner);
	sc_buf_addf(&owner, "OVAL definition %s", def->id);
	def->cls = sc_xml_attr(n, "class");
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (is_def(c, "metadata")) {
			for (xmlNodePtr m = c->children; m; m = m->next)
				if (is_def(m, "title") && def->title == NULL)
					def->title = sc_xml_text_collapsed(m);
		} else if (is_def(c, "criteria")) {
			if ((r = parse_crit(d, c, owner.data, &def->criteria,
			    err)) < 0)
				goto out;
		}
	}
	if (def->criteria == NULL)
		r = sc_err_set(err, SC_ERR_UNSUPPORTED,
		    "%s has no criteria (nothing to evaluate)", owner.data);
out:
	sc_buf_free(&owner);
	return r;
}

/* ---- the typed getters ------------------------------------------------------------------- */

static void *
new_struct(struct sc_oval_doc *d, enum sc_oval_construct type, const char *id,
    xmlNodePtr n)
{
	char **idp, **versionp, **commentp = NULL;
	xmlNodePtr *nodep;
	void *p;

#define NEW(T) do {                                                            \
		T *x_ = sc_xcalloc(1, sizeof(*x_));                            \
		idp = &x_->id;                                                 \
		versionp = &x_->version;                                       \
		nodep = &x_->node;                                             \
		p = x_;                                                        \
	} while (0)
	switch (type) {
	case T_DEF:
		NEW(struct sc_oval_def);
		break;
	case T_TEST:
		NEW(struct sc_oval_test);
		commentp = &((struct sc_oval_test *)p)->comment;
		break;
	case T_OBJ:
		NEW(struct sc_oval_object);
		commentp = &((struct sc_oval_object *)p)->comment;
		((struct sc_oval_object *)p)->doc = d;
		break;
	case T_STE:
		NEW(struct sc_oval_state);
		commentp = &((struct sc_oval_state *)p)->comment;
		break;
	default:
		NEW(struct sc_oval_var);
		commentp = &((struct sc_oval_var *)p)->comment;
		break;
	}
#undef NEW
	*idp = sc_xstrdup(id);
	*versionp = sc_xml_attr(n, "version");
	if (commentp != NULL)
		*commentp = sc_xml_attr(n, "comment");
	*nodep = n;
	own(d, p, type);
	return p;
}

static int
parse_any(struct sc_oval_doc *d, int type, xmlNodePtr n, void *p,
    struct sc_err *err)
{
	switch (type) {
	case T_DEF: return parse_def(d, n, p, err);
	case T_TEST: return parse_test(d, n, p, err);
	case T_OBJ: return parse_object(d, n, p, err);
	case T_STE: return parse_state(d, n, p, err);
	default: return parse_var(d, n, p, err);
	}
}

/*
 * The struct for id of the given type, parsed the first time.  While it is
 * being parsed, d->parsed maps it to a marker, which catches cycles.
 */
static int
get_any(struct sc_oval_doc *d, const char *id, int type, void **out,
    struct sc_err *err)
{
	static int in_progress;
	xmlNodePtr n = NULL;
	void *p = NULL;
	int r;

	*out = NULL;
	if ((r = cached(d, id, &p, err)) < 0)
		return r;
	if (p == &in_progress)
		return sc_err_set(err, SC_ERR_PARSE,
		    "OVAL %s '%s' refers to itself", type_words[type], id);
	if (p != NULL) {
		*out = p;
		return SC_OK;
	}
	if ((r = node_for(d, id, type, &n, err)) < 0)
		return r;
	/* the construct's children, if the content was loaded without them */
	if ((r = sc_prune_materialize(n, err)) < 0)
		return remember_error(d, id, r, err);
	sc_map_put(&d->parsed, id, &in_progress);
	p = new_struct(d, type, id, n);
	if ((r = parse_any(d, type, n, p, err)) < 0) {
		sc_map_put(&d->parsed, id, NULL);
		return remember_error(d, id, r, err);
	}
	sc_map_put(&d->parsed, id, p);
	*out = p;
	return SC_OK;
}

/* typed wrappers of get_any */
#define GETTER(fn, type, T)                                                    \
	static int fn(struct sc_oval_doc *d, const char *id, T **out,          \
	    struct sc_err *err)                                                \
	{                                                                      \
		void *p;                                                       \
		int r = get_any(d, id, type, &p, err);                         \
                                                                               \
		*out = p;                                                      \
		return r;                                                      \
	}
GETTER(get_def, T_DEF, struct sc_oval_def)
GETTER(get_test, T_TEST, struct sc_oval_test)
GETTER(get_object, T_OBJ, struct sc_oval_object)
GETTER(get_state, T_STE, struct sc_oval_state)
GETTER(get_var, T_VAR, struct sc_oval_var)
#undef GETTER

int
sc_oval_doc_var(struct sc_oval_doc *d, const char *id,
    struct sc_oval_var **out, struct sc_err *err)
{
	return get_var(d, id, out, err);
}

int
sc_oval_doc_def(struct sc_oval_doc *d, const char *id,
    struct sc_oval_def **out, struct sc_err *err)
{
	return get_def(d, id, out, err);
}
