/*
 * oval_result.c - OVAL result tables (oval_result.h).
 */
#include "checks/oval/oval_result.h"

#include <string.h>

static const char *const res_names[] = { "true", "false", "unknown", "error",
	"not evaluated", "not applicable" };
static const char *const check_names[] = { "all", "at least one",
	"none exist", "none satisfy", "only one", NULL };
static const char *const existence_names[] = { "all_exist", "any_exist",
	"at_least_one_exists", "none_exist", "only_one_exists", NULL };
static const char *const operator_names[] = { "AND", "ONE", "OR", "XOR", NULL };
static const char *const flag_names[] = { "error", "complete", "incomplete",
	"does not exist", "not collected", "not applicable" };
static const char *const status_names[] = { "exists", "does not exist",
	"error", "not collected" };

const char *sc_oval_res_name(enum sc_oval_res r) { return res_names[r]; }
const char *sc_oval_check_name(enum sc_oval_check c) { return check_names[c]; }
const char *sc_oval_existence_name(enum sc_oval_existence e) { return existence_names[e]; }
const char *sc_oval_operator_name(enum sc_oval_operator o) { return operator_names[o]; }
const char *sc_oval_flag_name(enum sc_oval_flag f) { return flag_names[f]; }
const char *sc_oval_status_name(enum sc_oval_status s) { return status_names[s]; }

static int
lookup(const char *const *names, const char *s)
{
	for (int i = 0; names[i]; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

int sc_oval_check_parse(const char *s) { return lookup(check_names, s); }
int sc_oval_existence_parse(const char *s) { return lookup(existence_names, s); }
int sc_oval_operator_parse(const char *s) { return lookup(operator_names, s); }

void
sc_oval_counts_add(struct sc_oval_counts *c, enum sc_oval_res r)
{
	c->n[r]++;
}

#define T c->n[SC_OVAL_TRUE]
#define F c->n[SC_OVAL_FALSE]
#define U c->n[SC_OVAL_UNKNOWN]
#define E c->n[SC_OVAL_ERROR]
#define NE c->n[SC_OVAL_NOT_EVALUATED]
#define NA c->n[SC_OVAL_NOT_APPLICABLE]

/* the cases common to every check and operator */
static int
trivial(const struct sc_oval_counts *c, enum sc_oval_res *r)
{
	if (T == 0 && F == 0 && E == 0 && U == 0 && NA == 0 && NE == 0) {
		*r = SC_OVAL_UNKNOWN;
		return 1;
	}
	if (NA > 0 && NE == 0 && F == 0 && E == 0 && U == 0 && T == 0) {
		*r = SC_OVAL_NOT_APPLICABLE;
		return 1;
	}
	return 0;
}

static enum sc_oval_res
all_of(const struct sc_oval_counts *c)
{
	if (T > 0 && F == 0 && E == 0 && U == 0 && NE == 0)
		return SC_OVAL_TRUE;
	if (F > 0)
		return SC_OVAL_FALSE;
	if (E > 0)
		return SC_OVAL_ERROR;
	if (U > 0)
		return SC_OVAL_UNKNOWN;
	if (NE > 0)
		return SC_OVAL_NOT_EVALUATED;
	return SC_OVAL_ERROR;
}

static enum sc_oval_res
any_of(const struct sc_oval_counts *c)
{
	if (T > 0)
		return SC_OVAL_TRUE;
	if (F > 0 && U == 0 && E == 0 && NE == 0)
		return SC_OVAL_FALSE;
	if (E > 0)
		return SC_OVAL_ERROR;
	if (F == 0 && U > 0)
		return SC_OVAL_UNKNOWN;
	if (F == 0 && U == 0 && NE > 0)
		return SC_OVAL_NOT_EVALUATED;
	return SC_OVAL_ERROR;
}

enum sc_oval_res
sc_oval_by_check(const struct sc_oval_counts *c, enum sc_oval_check check)
{
	enum sc_oval_res r;

	if (trivial(c, &r))
		return r;
	switch (check) {
	case SC_OVAL_CHECK_ALL:
		return all_of(c);
	case SC_OVAL_CHECK_AT_LEAST_ONE:
		return any_of(c);
	case SC_OVAL_CHECK_NONE_EXIST:
	case SC_OVAL_CHECK_NONE_SATISFY:
		if (T > 0)
			return SC_OVAL_FALSE;
		if (E > 0)
			return SC_OVAL_ERROR;
		if (U > 0)
			return SC_OVAL_UNKNOWN;
		if (NE > 0)
			return SC_OVAL_NOT_EVALUATED;
		if (F > 0)
			return SC_OVAL_TRUE;
		return SC_OVAL_ERROR;
	case SC_OVAL_CHECK_ONLY_ONE:
		if (T == 1 && E == 0 && U == 0 && NE == 0)
			return SC_OVAL_TRUE;
		if (T > 1)
			return SC_OVAL_FALSE;
		if (E > 0)
			return SC_OVAL_ERROR;
		if (U > 0)
			return SC_OVAL_UNKNOWN;
		if (NE > 0)
			return SC_OVAL_NOT_EVALUATED;
		if (F > 0)
			return SC_OVAL_FALSE;
		return SC_OVAL_ERROR;
	}
	return SC_OVAL_ERROR;
}

enum sc_oval_res
sc_oval_by_operator(const struct sc_oval_counts *c, enum sc_oval_operator op)
{
	enum sc_oval_res r;

	if (trivial(c, &r))
		return r;
	switch (op) {
	case SC_OVAL_AND:
		return all_of(c);
	case SC_OVAL_OR:
		return any_of(c);
	case SC_OVAL_ONE:
		if (T == 1 && E == 0 && U == 0 && NE == 0)
			return SC_OVAL_TRUE;
		if (T >= 2)
			return SC_OVAL_FALSE;
		if (T == 0 && E == 0 && U == 0 && NE == 0)
			return SC_OVAL_FALSE;
		if (E > 0)
			return SC_OVAL_ERROR;
		if (U > 0)
			return SC_OVAL_UNKNOWN;
		if (NE > 0)
			return SC_OVAL_NOT_EVALUATED;
		return SC_OVAL_ERROR;
	case SC_OVAL_XOR:
		if (E == 0 && U == 0 && NE == 0)
			return T % 2 == 1 ? SC_OVAL_TRUE : SC_OVAL_FALSE;
		if (E > 0)
			return SC_OVAL_ERROR;
		if (U > 0)
			return SC_OVAL_UNKNOWN;
		return SC_OVAL_NOT_EVALUATED;
	}
	return SC_OVAL_ERROR;
}

enum sc_oval_res
sc_oval_by_existence(enum sc_oval_existence e, unsigned long exists,
    unsigned long errors)
{
	switch (e) {
	case SC_OVAL_ALL_EXIST:
		if (errors > 0)
			return SC_OVAL_ERROR;
		return exists >= 1 ? SC_OVAL_TRUE : SC_OVAL_FALSE;
	case SC_OVAL_ANY_EXIST:
		return exists == 0 && errors > 0 ? SC_OVAL_ERROR : SC_OVAL_TRUE;
	case SC_OVAL_AT_LEAST_ONE_EXISTS:
		if (exists >= 1)
			return SC_OVAL_TRUE;
		return errors > 0 ? SC_OVAL_ERROR : SC_OVAL_FALSE;
	case SC_OVAL_NONE_EXIST:
		/* the specification's table: an item that exists decides */
		if (exists >= 1)
			return SC_OVAL_FALSE;
		return errors > 0 ? SC_OVAL_ERROR : SC_OVAL_TRUE;
	case SC_OVAL_ONLY_ONE_EXISTS:
		if (exists >= 2)
			return SC_OVAL_FALSE;
		if (errors > 0)
			return SC_OVAL_ERROR;
		return exists == 1 ? SC_OVAL_TRUE : SC_OVAL_FALSE;
	}
	return SC_OVAL_ERROR;
}

enum sc_oval_res
sc_oval_negate(enum sc_oval_res r, int negate)
{
	if (!negate)
		return r;
	if (r == SC_OVAL_TRUE)
		return SC_OVAL_FALSE;
	if (r == SC_OVAL_FALSE)
		return SC_OVAL_TRUE;
	return r;
}
