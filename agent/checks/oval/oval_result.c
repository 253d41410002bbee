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

int
sc_oval_name_index(const char *const *names, const char *s)
{
	for (int i = 0; names[i]; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

int sc_oval_check_parse(const char *s) { return sc_oval_name_index(check_names, s); }
int sc_oval_existence_parse(const char *s) { return sc_oval_name_index(existence_names, s); }
int sc_oval_operator_parse(const char *s) { return sc_oval_name_index(operator_names, s); }

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

/*
 * How results combine, for checks and operators alike (the tables of the
 * OVAL specification): the deciding cases of each, then error, unknown
 * and not evaluated, in that order.
 */
enum how { ALL, ANY, ONE, NONE, ODD };

static enum sc_oval_res
combine(const struct sc_oval_counts *c, enum how how)
{
	int clean = E == 0 && U == 0 && NE == 0;

	if (T == 0 && F == 0 && E == 0 && U == 0 && NA == 0 && NE == 0)
		return SC_OVAL_UNKNOWN;
	if (NA > 0 && NE == 0 && F == 0 && E == 0 && U == 0 && T == 0)
		return SC_OVAL_NOT_APPLICABLE;
	switch (how) {
	case ALL:
		if (F > 0)
			return SC_OVAL_FALSE;
		if (T > 0 && clean)
			return SC_OVAL_TRUE;
		break;
	case ANY:
		if (T > 0)
			return SC_OVAL_TRUE;
		if (F > 0 && clean)
			return SC_OVAL_FALSE;
		break;
	case ONE:
		if (T >= 2)
			return SC_OVAL_FALSE;
		if (clean)
			return T == 1 ? SC_OVAL_TRUE : SC_OVAL_FALSE;
		break;
	case NONE:
		if (T > 0)
			return SC_OVAL_FALSE;
		if (F > 0 && clean)
			return SC_OVAL_TRUE;
		break;
	case ODD:
		if (clean)
			return T % 2 == 1 ? SC_OVAL_TRUE : SC_OVAL_FALSE;
		break;
	}
	if (E > 0)
		return SC_OVAL_ERROR;
	if (U > 0)
		return SC_OVAL_UNKNOWN;
	if (NE > 0)
		return SC_OVAL_NOT_EVALUATED;
	return SC_OVAL_ERROR;
}

enum sc_oval_res
sc_oval_by_check(const struct sc_oval_counts *c, enum sc_oval_check check)
{
	static const enum how how[] = { ALL, ANY, NONE, NONE, ONE };

	return combine(c, how[check]);
}

enum sc_oval_res
sc_oval_by_operator(const struct sc_oval_counts *c, enum sc_oval_operator op)
{
	static const enum how how[] = { ALL, ONE, ANY, ODD };

	return combine(c, how[op]);
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
