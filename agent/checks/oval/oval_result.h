/*
 * oval_result.h - OVAL 5.11 result values and how they combine.
 *
 * The enumerations of the OVAL common schema that decide results
 * (ResultEnumeration, CheckEnumeration, ExistenceEnumeration,
 * OperatorEnumeration, FlagEnumeration, StatusEnumeration), their names,
 * and the truth tables of the OVAL 5.11 specification for combining
 * results: by operator (criteria, state entities), by check (items of a
 * test, values of a variable), and existence (items of an object).  The
 * tables follow OpenSCAP's implementation (oval_resultTest.c) where the
 * specification leaves room, so results agree with OpenSCAP's.
 */
#ifndef SC_OVAL_RESULT_H
#define SC_OVAL_RESULT_H

enum sc_oval_res {
	SC_OVAL_TRUE = 0,
	SC_OVAL_FALSE,
	SC_OVAL_UNKNOWN,
	SC_OVAL_ERROR,
	SC_OVAL_NOT_EVALUATED,
	SC_OVAL_NOT_APPLICABLE,
	SC_OVAL_RES__COUNT
};

enum sc_oval_check {
	SC_OVAL_CHECK_ALL = 0,
	SC_OVAL_CHECK_AT_LEAST_ONE,
	SC_OVAL_CHECK_NONE_EXIST,	/* deprecated: none satisfy, and the
				   test's check_existence is none_exist */
	SC_OVAL_CHECK_NONE_SATISFY,
	SC_OVAL_CHECK_ONLY_ONE,
};

enum sc_oval_existence {
	SC_OVAL_ALL_EXIST = 0,
	SC_OVAL_ANY_EXIST,
	SC_OVAL_AT_LEAST_ONE_EXISTS,
	SC_OVAL_NONE_EXIST,
	SC_OVAL_ONLY_ONE_EXISTS,
};

enum sc_oval_operator {
	SC_OVAL_AND = 0,
	SC_OVAL_ONE,
	SC_OVAL_OR,
	SC_OVAL_XOR,
};

/* collected object flags (system characteristics) */
enum sc_oval_flag {
	SC_OVAL_FLAG_ERROR = 0,
	SC_OVAL_FLAG_COMPLETE,
	SC_OVAL_FLAG_INCOMPLETE,
	SC_OVAL_FLAG_DOES_NOT_EXIST,
	SC_OVAL_FLAG_NOT_COLLECTED,
	SC_OVAL_FLAG_NOT_APPLICABLE,
};

/* item and item entity status */
enum sc_oval_status {
	SC_OVAL_STATUS_EXISTS = 0,
	SC_OVAL_STATUS_DOES_NOT_EXIST,
	SC_OVAL_STATUS_ERROR,
	SC_OVAL_STATUS_NOT_COLLECTED,
};

/* Counts of results, to combine. */
struct sc_oval_counts {
	unsigned long n[SC_OVAL_RES__COUNT];
};

const char *sc_oval_res_name(enum sc_oval_res r);
const char *sc_oval_check_name(enum sc_oval_check c);
const char *sc_oval_existence_name(enum sc_oval_existence e);
const char *sc_oval_operator_name(enum sc_oval_operator o);
const char *sc_oval_flag_name(enum sc_oval_flag f);
const char *sc_oval_status_name(enum sc_oval_status s);

/* Index of s in a NULL-terminated list of names, or -1. */
int sc_oval_name_index(const char *const *names, const char *s);

/* Parse the schema's names; -1 when unknown. */
int sc_oval_check_parse(const char *s);
int sc_oval_existence_parse(const char *s);
int sc_oval_operator_parse(const char *s);

void sc_oval_counts_add(struct sc_oval_counts *c, enum sc_oval_res r);
enum sc_oval_res sc_oval_by_check(const struct sc_oval_counts *c,
    enum sc_oval_check check);
enum sc_oval_res sc_oval_by_operator(const struct sc_oval_counts *c,
    enum sc_oval_operator op);
/* Existence of items: counts of items with status exists and error. */
enum sc_oval_res sc_oval_by_existence(enum sc_oval_existence e,
    unsigned long exists, unsigned long errors);
/* Negation: true <-> false, anything else unchanged. */
enum sc_oval_res sc_oval_negate(enum sc_oval_res r, int negate);

#endif
