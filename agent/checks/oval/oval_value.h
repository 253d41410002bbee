/*
 * oval_value.h - OVAL 5.11 datatypes and entity operations.
 *
 * sc_oval_value_cmp() decides "actual OPERATION expected" for one value of
 * an item entity (actual) against a state or object entity (expected),
 * both given as text and read as the entity's datatype:
 *
 *   string            equals, not equal, case insensitive (not) equal,
 *                     pattern match (PCRE2, via util/regex.h)
 *   int               equals, not equal, greater/less (or equal),
 *                     bitwise and, bitwise or  (64-bit)
 *   float             equals, not equal, greater/less (or equal)
 *   boolean           equals, not equal ("true", "false", "1", "0")
 *   binary            equals, not equal (hex, case-insensitive)
 *   version           equals .. less than or equal: integer components
 *                     separated by single non-digit characters, the
 *                     shorter padded with zeros ("1.2" == "1.2.0")
 *   evr_string        as version, RPM's epoch:version-release ordering
 *   debian_evr_string as version, dpkg's epoch:upstream-revision ordering
 *
 * Other datatypes (ipv4_address, ipv6_address, fileset_revision,
 * ios_version, record) and operations a datatype does not define are
 * refused by sc_oval_op_check() with a message naming them; the engine
 * turns that into a rule `error`.  A value that does not parse as its
 * datatype gives SC_OVAL_ERROR, never a guess.
 */
#ifndef SC_OVAL_VALUE_H
#define SC_OVAL_VALUE_H

#include "checks/oval/oval_result.h"
#include "util/err.h"
#include "util/regex.h"

enum sc_oval_dt {
	SC_OVAL_DT_STRING = 0,
	SC_OVAL_DT_INT,
	SC_OVAL_DT_FLOAT,
	SC_OVAL_DT_BOOLEAN,
	SC_OVAL_DT_BINARY,
	SC_OVAL_DT_VERSION,
	SC_OVAL_DT_EVR_STRING,
	SC_OVAL_DT_DEBIAN_EVR_STRING,
	/* parsed, but not supported */
	SC_OVAL_DT_FILESET_REVISION,
	SC_OVAL_DT_IOS_VERSION,
	SC_OVAL_DT_IPV4_ADDRESS,
	SC_OVAL_DT_IPV6_ADDRESS,
	SC_OVAL_DT_RECORD,
};

enum sc_oval_op {
	SC_OVAL_OP_EQUALS = 0,
	SC_OVAL_OP_NOT_EQUAL,
	SC_OVAL_OP_CI_EQUALS,
	SC_OVAL_OP_CI_NOT_EQUAL,
	SC_OVAL_OP_GREATER,
	SC_OVAL_OP_LESS,
	SC_OVAL_OP_GREATER_EQUAL,
	SC_OVAL_OP_LESS_EQUAL,
	SC_OVAL_OP_BITWISE_AND,
	SC_OVAL_OP_BITWISE_OR,
	SC_OVAL_OP_PATTERN_MATCH,
	SC_OVAL_OP_SUBSET_OF,
	SC_OVAL_OP_SUPERSET_OF,
};

int sc_oval_dt_parse(const char *s);		/* -1 if unknown */
const char *sc_oval_dt_name(enum sc_oval_dt dt);
int sc_oval_op_parse(const char *s);		/* -1 if unknown */
const char *sc_oval_op_name(enum sc_oval_op op);

/*
 * Whether stigcheck evaluates op on dt; SC_ERR_UNSUPPORTED with a message
 * naming the datatype or the combination otherwise.
 */
int sc_oval_op_check(enum sc_oval_op op, enum sc_oval_dt dt,
    struct sc_err *err);

/*
 * actual OP expected.  re: expected compiled (pattern match), or NULL to
 * compile it here.  err gets the reason of an SC_OVAL_ERROR.
 */
enum sc_oval_res sc_oval_value_cmp(enum sc_oval_op op, enum sc_oval_dt dt,
    const char *actual, const char *expected, struct sc_regex *re,
    struct sc_err *err);

/* Orderings (<0, 0, >0); version returns SC_ERR_PARSE on a bad value. */
int sc_oval_version_cmp(const char *a, const char *b, int *out);
int sc_oval_rpmvercmp(const char *a, const char *b);
int sc_oval_evr_cmp(const char *a, const char *b);
int sc_oval_debian_evr_cmp(const char *a, const char *b);

#endif
