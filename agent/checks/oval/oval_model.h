/*
 * oval_model.h - an OVAL 5.11 definitions document, parsed on demand.
 *
 * sc_oval_doc_new() indexes an <oval_definitions> element (definitions,
 * tests, objects, states, variables by id) without parsing them;
 * sc_oval_doc_def() parses one definition and everything it reaches:
 * criteria, extended definitions, tests, objects, states, filters and
 * variables.  Each construct is parsed once and cached, and so is a parse
 * error, so every rule that reaches a bad construct reports the same
 * message.
 *
 * What is understood (and nothing else: anything else is SC_ERR_UNSUPPORTED
 * with a message naming the construct).  A criterion whose test (or
 * anything it reaches) is unsupported stays in the criteria as an OVAL
 * `error` that takes part in the operators as OVAL 5.11 says (an AND with
 * a false branch is false, an OR with a true branch is true), its message
 * kept for evidence; anything else unsupported makes the rule `error`:
 *   criteria (operator AND/OR/ONE/XOR, negate), criterion, extend_definition;
 *   tests: ind:textfilecontent54, ind:environmentvariable58, ind:filehash58,
 *     ind:family, ind:unknown, unix:file (check, check_existence,
 *     state_operator, any number of states);
 *   object entities with operation, datatype, var_ref and var_check;
 *     behaviors (max_depth, recurse, recurse_direction none/down,
 *     recurse_file_system, multiline, singleline, ignore_case); filter;
 *   state entities with operation, datatype, var_ref, var_check,
 *     entity_check and check_existence;
 *   objects made of a <set> (UNION, INTERSECTION, COMPLEMENT of one or
 *     two object_references, with filters; not nested sets);
 *   variables: constant, external (bound by XCCDF check-export), local with
 *     literal, object, variable, concat, substring, begin, end, split,
 *     regex_capture, escape_regex, unique, count, arithmetic,
 *     time_difference and glob_to_regex components.
 *
 * The structs also carry the per-scan state of evaluation (collected
 * items, test accumulators, results): a document lives for one scan.
 */
#ifndef SC_OVAL_MODEL_H
#define SC_OVAL_MODEL_H

#include <libxml/tree.h>
#include <sys/types.h>

#include "checks/oval/oval_family.h"
#include "checks/oval/oval_result.h"
#include "util/limits.h"
#include "checks/oval/oval_value.h"
#include "probes/tree.h"
#include "target/target.h"
#include "util/map.h"
#include "util/mem.h"
#include "walk/walk.h"

#define SC_OVAL_DEF_NS "http://oval.mitre.org/XMLSchema/oval-definitions-5"
#define SC_OVAL_IND_NS SC_OVAL_DEF_NS "#independent"
#define SC_OVAL_UNIX_NS SC_OVAL_DEF_NS "#unix"
#define SC_OVAL_LINUX_NS SC_OVAL_DEF_NS "#linux"
#define SC_OVAL_SC_IND_NS "http://oval.mitre.org/XMLSchema/oval-system-characteristics-5#independent"
#define SC_OVAL_SC_UNIX_NS "http://oval.mitre.org/XMLSchema/oval-system-characteristics-5#unix"
#define SC_OVAL_SC_LINUX_NS "http://oval.mitre.org/XMLSchema/oval-system-characteristics-5#linux"
#define SC_OVAL_COMMON_NS "http://oval.mitre.org/XMLSchema/oval-common-5"
#define SC_OVAL_XSI_NS "http://www.w3.org/2001/XMLSchema-instance"

/*
 * Items a results document keeps (past this, its content is thin): each
 * kept file item is about 20 XML elements in an ARF, 10000 of them some
 * 25 MB of DOM while it is written.
 */
#define SC_OVAL_MAX_KEPT_ITEMS SC_LIMIT_OVAL_KEPT_ITEMS
/* Evidence lines kept per test and per kind (satisfying / not). */
#define SC_OVAL_MAX_EVIDENCE 10


struct sc_oval_var;
struct sc_oval_state;
struct sc_oval_test;
struct sc_oval_item;
struct sc_oval_rt;

struct sc_oval_entity {
	char *name;
	char *value;		/* the literal; NULL when nil or var_ref */
	int nil;
	enum sc_oval_dt dt;
	enum sc_oval_op op;
	char *var_ref;
	struct sc_oval_var *var;
	enum sc_oval_check var_check;
	enum sc_oval_check entity_check;	/* states */
	enum sc_oval_existence check_existence;	/* states */
	struct sc_regex *re;	/* literal pattern, compiled */
};

enum { SC_OVAL_DIR_NONE, SC_OVAL_DIR_DOWN };
enum { SC_OVAL_FS_ALL, SC_OVAL_FS_LOCAL, SC_OVAL_FS_DEFINED };

struct sc_oval_behaviors {
	int max_depth;		/* -1: no limit */
	int direction;		/* SC_OVAL_DIR_* */
	unsigned recurse;	/* SC_TREE_RECURSE_* */
	int fs;			/* SC_OVAL_FS_* */
	int multiline, singleline, ignore_case;
};

struct sc_oval_filter {
	int exclude;
	struct sc_oval_state *state;
};

enum { SC_OVAL_SET_UNION, SC_OVAL_SET_INTERSECTION, SC_OVAL_SET_COMPLEMENT };

struct sc_oval_object {
	char *id, *version, *comment;
	enum sc_oval_kind kind;
	xmlNodePtr node;
	struct sc_oval_entity *ents;
	size_t n_ents;
	struct sc_oval_behaviors bh;
	struct sc_oval_filter *filters;
	size_t n_filters;
	struct sc_regex *pattern_re;	/* textfilecontent54: the pattern */
	/* <set>: items of one or two objects combined, then filtered */
	int is_set;
	int set_op;			/* SC_OVAL_SET_* */
	struct sc_oval_object *set_refs[2];
	size_t n_set_refs;

	/* per scan */
	struct sc_oval_doc *doc;
	int prepared;
	int walk;			/* located by the shared walk */
	int var_walk;			/* <path> from a variable, walked per value
				   at collection (sc_oval_collect) */
	unsigned long n_located;	/* files located (file kinds) */
	struct sc_tree *tree;
	struct sc_regex *path_re;	/* path / filepath pattern match */
	int collected, collecting;
	enum sc_oval_flag flag;
	int had_error;
	int not_applicable;		/* the family does not apply here */
	int var_empty;			/* an entity's local variable has no
					   value: nothing can match */
	struct sc_strv messages;
	struct sc_oval_item **items;	/* kept for results and variables */
	size_t n_items, cap_items;
	unsigned long n_found;		/* items collected, kept or not */
	unsigned long n_filtered;	/* items a filter left out ... */
	struct sc_strv filtered;	/* ... the first few, in words, and why */
	int truncated;			/* some were not kept */
	struct sc_oval_test **tests;	/* fed as items arrive */
	size_t n_tests, cap_tests;
	struct sc_oval_var **vars;	/* variables of entities, for results */
	size_t n_vars, cap_vars;
	int reported;			/* in the results document */
};

struct sc_oval_state {
	char *id, *version, *comment;
	enum sc_oval_kind kind;
	xmlNodePtr node;
	enum sc_oval_operator op;
	struct sc_oval_entity *ents;
	size_t n_ents;
};

struct sc_oval_tested {
	unsigned long item_id;
	enum sc_oval_res res;
};

struct sc_oval_test {
	char *id, *version, *comment;
	enum sc_oval_kind kind;
	xmlNodePtr node;
	enum sc_oval_check check;
	enum sc_oval_existence existence;
	enum sc_oval_operator state_op;
	struct sc_oval_object *object;	/* NULL for unknown_test */
	struct sc_oval_state **states;
	size_t n_states;

	/* per scan: accumulated while the object's items arrive */
	unsigned long n_items, n_exists, n_errors;
	struct sc_oval_counts item_res;
	struct sc_oval_tested *tested;	/* kept items only */
	size_t n_tested, cap_tested;
	struct sc_strv ev_true, ev_false;	/* evidence lines, capped */
	unsigned long n_true, n_false;
	int evaluated;
	enum sc_oval_res result;
	int reported;
	char *unsupported;	/* why it cannot be prepared: an error test */
};

enum sc_oval_crit_type {
	SC_OVAL_CRIT_CRITERIA,
	SC_OVAL_CRIT_CRITERION,
	SC_OVAL_CRIT_EXTEND,
};

struct sc_oval_def;

struct sc_oval_crit {
	enum sc_oval_crit_type type;
	enum sc_oval_operator op;
	int negate;
	char *comment;
	int has_op;			/* operator given explicitly */
	struct sc_oval_crit **kids;
	size_t n_kids;
	struct sc_oval_test *test;	/* NULL when unsupported */
	char *unsupported;		/* why the test cannot be evaluated */
	char *test_ref;			/* the criterion's test_ref */
	char *test_version;		/* its version, when unsupported */
	struct sc_oval_def *def;
	/* per scan */
	enum sc_oval_res raw;		/* before negate */
	enum sc_oval_res result;
};

struct sc_oval_def {
	char *id, *version, *cls, *title;
	xmlNodePtr node;
	struct sc_oval_crit *criteria;
	int evaluated, evaluating;
	enum sc_oval_res result;
	int reported;
};

enum sc_oval_var_kind {
	SC_OVAL_VAR_CONSTANT,
	SC_OVAL_VAR_LOCAL,
	SC_OVAL_VAR_EXTERNAL,
};

enum sc_oval_comp_type {
	SC_OVAL_COMP_LITERAL,
	SC_OVAL_COMP_OBJECT,
	SC_OVAL_COMP_VARIABLE,
	SC_OVAL_COMP_CONCAT,
	SC_OVAL_COMP_SUBSTRING,
	SC_OVAL_COMP_BEGIN,
	SC_OVAL_COMP_END,
	SC_OVAL_COMP_SPLIT,
	SC_OVAL_COMP_REGEX_CAPTURE,
	SC_OVAL_COMP_ESCAPE_REGEX,
	SC_OVAL_COMP_UNIQUE,
	SC_OVAL_COMP_COUNT,
	SC_OVAL_COMP_ARITHMETIC,
	SC_OVAL_COMP_TIME_DIFFERENCE,
	SC_OVAL_COMP_GLOB_TO_REGEX,
};

/* arithmetic_operation */
enum sc_oval_arith {
	SC_OVAL_ARITH_ADD,
	SC_OVAL_ARITH_MULTIPLY,
};

/* time_difference format_1 / format_2 (OVAL's DateTimeFormatEnumeration) */
enum sc_oval_timefmt {
	SC_OVAL_TIME_YEAR_MONTH_DAY,
	SC_OVAL_TIME_MONTH_DAY_YEAR,
	SC_OVAL_TIME_DAY_MONTH_YEAR,
	SC_OVAL_TIME_WIN_FILETIME,
	SC_OVAL_TIME_SECONDS_SINCE_EPOCH,
	SC_OVAL_TIME_CIM_DATETIME,
};

struct sc_oval_comp {
	enum sc_oval_comp_type type;
	char *value;			/* literal; item_field; character;
					   delimiter; pattern */
	long start, length;		/* substring */
	enum sc_oval_dt dt;		/* literal: its datatype attribute */
	enum sc_oval_arith arith;	/* arithmetic */
	enum sc_oval_timefmt fmt1, fmt2;	/* time_difference */
	int noescape;			/* glob_to_regex glob_noescape */
	struct sc_oval_object *object;
	struct sc_oval_var *var;
	struct sc_regex *re;		/* regex_capture */
	struct sc_oval_comp **args;
	size_t n_args;
};

struct sc_oval_var {
	char *id, *version, *comment;
	enum sc_oval_var_kind kind;
	enum sc_oval_dt dt;
	xmlNodePtr node;
	struct sc_strv consts;		/* constant values */
	struct sc_oval_comp *comp;	/* local */
	/* per scan */
	int computed, computing;
	enum sc_oval_flag flag;
	struct sc_strv values;
	char *error;
};

/* What evaluation needs of the scan, shared by every document. */
struct sc_oval_rt {
	struct sc_target *target;
	struct sc_walk *walk;
	int walked;			/* the shared walk has run */
	struct sc_map regexes;		/* "flags:pattern" -> struct sc_regex
					 * (oval_regex.h; the owner releases) */
};

/* what each owned struct of a document is */
enum sc_oval_construct {
	SC_OVAL_C_DEF,
	SC_OVAL_C_TEST,
	SC_OVAL_C_OBJECT,
	SC_OVAL_C_STATE,
	SC_OVAL_C_VAR,
};

struct sc_oval_doc {
	xmlNodePtr root;
	char *name;			/* the check-content-ref href */
	struct sc_oval_rt *rt;
	struct sc_map nodes;		/* id -> xmlNode */
	struct sc_map parsed;		/* id -> struct (by the id's type) */
	struct sc_map errors;		/* id -> char *message */
	struct sc_map exports;		/* external variable id -> value */
	int has_exports;
	void **owned;			/* parsed structs, in parse order */
	enum sc_oval_construct *owned_type;
	size_t n_owned, cap_owned;

	/* per scan */
	unsigned long next_item_id;
	unsigned long n_kept;
	int thin;			/* too many items for full results */
	int used;
};

int sc_oval_doc_new(struct sc_oval_doc **out, xmlNodePtr root,
    const char *name, struct sc_oval_rt *rt, struct sc_err *err);
void sc_oval_doc_free(struct sc_oval_doc *d);

/*
 * Bind XCCDF check-export values to external variables (name = variable
 * id), adding to what earlier rules bound.  SC_ERR_EXISTS (and nothing
 * bound) when a variable is already bound to another value: the rule
 * needs a document of its own (oval_engine.c keeps one per distinct
 * binding, so rules whose bound values agree share collection).
 */
int sc_oval_doc_bind(struct sc_oval_doc *d, const char *const *names,
    const char *const *values, size_t n, struct sc_err *err);

/* The definition with this id, parsed with all it reaches. */
int sc_oval_doc_def(struct sc_oval_doc *d, const char *id,
    struct sc_oval_def **out, struct sc_err *err);
/* The variable with this id, parsed with all it reaches. */
int sc_oval_doc_var(struct sc_oval_doc *d, const char *id,
    struct sc_oval_var **out, struct sc_err *err);
/* Ids of every definition, in document order (for a nameless ref). */
void sc_oval_doc_def_ids(const struct sc_oval_doc *d, struct sc_strv *ids);

/* Find an entity of an object or state by name (the first), or NULL. */
const struct sc_oval_entity *sc_oval_entity_find(
    const struct sc_oval_entity *ents, size_t n, const char *name);

#endif
