/*
 * benchmark.h - the XCCDF 1.2 Benchmark model.
 *
 * sc_bench_parse() reads a resolved XCCDF 1.2 <Benchmark> element into
 * plain structs: Groups, Rules and Values in document order, Profiles, and
 * an id index.  The model keeps pointers to the XML nodes it came from
 * (writers copy the Benchmark verbatim into results), so the document must
 * outlive the model; sc_content owns both.
 *
 * What is understood: Group/Rule/Value (selected, hidden, abstract,
 * cluster-id, weight, severity, role, platform, ident, reference, check
 * with check-content-ref / check-content / check-export, multi-check,
 * negate, complex-check flagged), Value (type, operator, value selectors,
 * default), Profile (extends, select, refine-value, set-value,
 * refine-rule).  Items with @extends are refused: only resolved benchmarks
 * are evaluated (SC_ERR_UNSUPPORTED naming the item).
 */
#ifndef SC_BENCHMARK_H
#define SC_BENCHMARK_H

#include <libxml/tree.h>
#include <stddef.h>

#include "util/err.h"
#include "util/map.h"
#include "util/mem.h"

#define SC_XCCDF12_NS "http://checklists.nist.gov/xccdf/1.2"

enum sc_item_type { SC_ITEM_GROUP, SC_ITEM_RULE, SC_ITEM_VALUE };

enum sc_severity {
	SC_SEV_UNKNOWN = 0,
	SC_SEV_INFO,
	SC_SEV_LOW,
	SC_SEV_MEDIUM,
	SC_SEV_HIGH,
};

enum sc_role { SC_ROLE_FULL = 0, SC_ROLE_UNSCORED, SC_ROLE_UNCHECKED };

struct sc_ident {
	char *system;
	char *value;
};

struct sc_reference {
	char *href;	/* may be NULL; owned by the benchmark (strings) */
	char *text;	/* text or dc:identifier / dc:title */
};

struct sc_check_ref {
	char *href;
	char *name;	/* may be NULL */
};

struct sc_check_export {
	char *value_id;
	char *export_name;
};

struct sc_check {
	char *system;
	char *selector;		/* may be NULL */
	int multi_check;
	int negate;
	struct sc_check_ref *refs;
	size_t n_refs;
	struct sc_check_export *exports;
	size_t n_exports;
	xmlNodePtr content;	/* <check-content>, or NULL */
	xmlNodePtr node;	/* <check> */
};

struct sc_value_sel {
	char *selector;		/* "" for the default (unselected) value */
	char *value;
};

struct sc_item {
	enum sc_item_type type;
	char *id;
	size_t index;			/* position in sc_benchmark.items */
	xmlNodePtr node;
	struct sc_item *parent;		/* NULL at the Benchmark level */
	struct sc_item **children;	/* Groups: Values, Rules, Groups */
	size_t n_children, cap_children;

	int selected;			/* @selected default */
	int hidden, abstract;
	char *cluster_id;
	char *title;			/* first title, whitespace collapsed */
	char *rationale;		/* first rationale, collapsed */
	char *version;
	struct sc_strv platforms;
	/* Rules and Groups: each <requires idref="A B ..."> as written (one
	 * entry per element: met when any listed item is selected), and the
	 * idref of each <conflicts> (policy.c applies both) */
	struct sc_strv requires, conflicts;
	double weight;

	/* Rules */
	enum sc_severity severity;
	enum sc_role role;
	struct sc_ident *idents;
	size_t n_idents;
	struct sc_reference *refs;
	size_t n_refs;
	struct sc_check *checks;
	size_t n_checks;
	int complex_check;

	/* Values */
	char *value_type;		/* "string", "number", "boolean" */
	char *value_operator;
	struct sc_value_sel *values;
	size_t n_values;
};

struct sc_refine_rule {
	char *idref;
	char *selector;			/* may be NULL */
	int severity;			/* -1 = not refined */
	int role;			/* -1 = not refined */
	double weight;			/* < 0 = not refined */
};

struct sc_idval {
	char *idref;
	char *value;			/* selector (refine) or value (set) */
	int flag;			/* select: selected? */
};

struct sc_profile {
	char *id;
	char *title;
	char *description;
	char *extends;
	int from_tailoring;
	xmlNodePtr node;
	struct sc_idval *selects;
	size_t n_selects;
	struct sc_idval *refine_values;
	size_t n_refine_values;
	struct sc_idval *set_values;
	size_t n_set_values;
	struct sc_refine_rule *refine_rules;
	size_t n_refine_rules;
};

struct sc_benchmark {
	char *id;
	char *version;
	char *title;
	char *status;
	xmlNodePtr node;
	struct sc_item **top;		/* Benchmark-level items */
	size_t n_top, cap_top;
	struct sc_item **items;		/* every item, document order */
	size_t n_items, cap_items;
	struct sc_profile *profiles;
	size_t n_profiles, cap_profiles;
	struct sc_strv platforms;	/* Benchmark-level platforms */
	struct sc_strv models;		/* declared scoring models */
	struct sc_map by_id;		/* id -> struct sc_item */
	struct sc_map strings;		/* reference hrefs, one copy each */
};

/* Parse a Benchmark element.  The document must outlive the result. */
int sc_bench_parse(struct sc_benchmark **out, xmlNodePtr node,
    struct sc_err *err);
void sc_bench_free(struct sc_benchmark *b);

/*
 * Add the Profiles of an XCCDF 1.2 <Tailoring> element.  A tailoring
 * profile with the id of a benchmark profile replaces it.  The Tailoring
 * document must outlive b.
 */
int sc_bench_add_tailoring(struct sc_benchmark *b, xmlNodePtr tailoring,
    struct sc_err *err);

const struct sc_item *sc_bench_find(const struct sc_benchmark *b,
    const char *id);
const struct sc_profile *sc_bench_profile(const struct sc_benchmark *b,
    const char *id);

const char *sc_severity_name(enum sc_severity s);
int sc_severity_parse(const char *s);		/* -1 if unknown */
const char *sc_role_name(enum sc_role r);
int sc_role_parse(const char *s);		/* -1 if unknown */

/*
 * The CPE name of a platform no target has (native rules that do not
 * apply to containers), as a CPE 2.3 formatted string, the binding XCCDF
 * 1.2 prefers.  Its URI binding cpe:/o:notapplicable, as Chainguard's
 * content writes it, means the same.
 */
#define SC_CPE_NOTAPPLICABLE "cpe:2.3:o:notapplicable:*:*:*:*:*:*:*:*:*"
/* 1 when name is SC_CPE_NOTAPPLICABLE in either binding. */
int sc_cpe_never_applies(const char *name);

/* XML helpers shared by the xccdf modules. */
int sc_xml_is(xmlNodePtr n, const char *ns, const char *name);
char *sc_xml_attr(xmlNodePtr n, const char *name);	/* malloc'd or NULL */
/* Text content with runs of whitespace collapsed to one space, trimmed. */
char *sc_xml_text_collapsed(xmlNodePtr n);

#endif
