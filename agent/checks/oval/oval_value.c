/*
 * oval_value.c - OVAL datatypes and operations (oval_value.h).
 */
#include "checks/oval/oval_value.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/mem.h"

static const char *const dt_names[] = { "string", "int", "float", "boolean",
	"binary", "version", "evr_string", "debian_evr_string",
	"fileset_revision", "ios_version", "ipv4_address", "ipv6_address",
	"record", NULL };
static const char *const op_names[] = { "equals", "not equal",
	"case insensitive equals", "case insensitive not equal", "greater than",
	"less than", "greater than or equal", "less than or equal",
	"bitwise and", "bitwise or", "pattern match", "subset of",
	"superset of", NULL };

int sc_oval_dt_parse(const char *s) { return sc_oval_name_index(dt_names, s); }
const char *sc_oval_dt_name(enum sc_oval_dt dt) { return dt_names[dt]; }
int sc_oval_op_parse(const char *s) { return sc_oval_name_index(op_names, s); }
const char *sc_oval_op_name(enum sc_oval_op op) { return op_names[op]; }

#define OPBIT(o) (1u << (o))
#define ORDERED (OPBIT(SC_OVAL_OP_EQUALS) | OPBIT(SC_OVAL_OP_NOT_EQUAL) | \
	OPBIT(SC_OVAL_OP_GREATER) | OPBIT(SC_OVAL_OP_LESS) | \
	OPBIT(SC_OVAL_OP_GREATER_EQUAL) | OPBIT(SC_OVAL_OP_LESS_EQUAL))

int
sc_oval_op_check(enum sc_oval_op op, enum sc_oval_dt dt, struct sc_err *err)
{
	unsigned ok;

	switch (dt) {
	case SC_OVAL_DT_STRING:
		ok = OPBIT(SC_OVAL_OP_EQUALS) | OPBIT(SC_OVAL_OP_NOT_EQUAL) |
		    OPBIT(SC_OVAL_OP_CI_EQUALS) | OPBIT(SC_OVAL_OP_CI_NOT_EQUAL) |
		    OPBIT(SC_OVAL_OP_PATTERN_MATCH);
		break;
	case SC_OVAL_DT_INT:
		ok = ORDERED | OPBIT(SC_OVAL_OP_BITWISE_AND) |
		    OPBIT(SC_OVAL_OP_BITWISE_OR);
		break;
	case SC_OVAL_DT_FLOAT:
	case SC_OVAL_DT_VERSION:
	case SC_OVAL_DT_EVR_STRING:
	case SC_OVAL_DT_DEBIAN_EVR_STRING:
		ok = ORDERED;
		break;
	case SC_OVAL_DT_BOOLEAN:
	case SC_OVAL_DT_BINARY:
		ok = OPBIT(SC_OVAL_OP_EQUALS) | OPBIT(SC_OVAL_OP_NOT_EQUAL);
		break;
	default:
		return sc_err_set(err, SC_ERR_UNSUPPORTED,
		    "OVAL datatype '%s' is not supported", dt_names[dt]);
	}
	if (!(ok & OPBIT(op)))
		return sc_err_set(err, SC_ERR_UNSUPPORTED,
		    "OVAL operation '%s' is not defined for datatype '%s'",
		    op_names[op], dt_names[dt]);
	return SC_OK;
}

/* ---- orderings --------------------------------------------------------------- */

/*
 * Next component of a version: digits, then (unless at the end) exactly
 * one delimiter that a digit follows.  0 at the end, 1 with *v set, -1 on
 * a malformed version.
 */
static int
version_next(const char **s, unsigned long long *v)
{
	const char *p = *s;
	int digits = 0;

	*v = 0;
	if (*p == '\0')
		return 0;
	for (; isdigit((unsigned char)*p); p++, digits++)
		*v = *v * 10 + (unsigned)(*p - '0');
	if (digits == 0)
		return -1;
	if (*p != '\0') {
		p++;
		if (!isdigit((unsigned char)*p))
			return -1;
	}
	*s = p;
	return 1;
}

int
sc_oval_version_cmp(const char *a, const char *b, int *out)
{
	const char *p = a, *q = b;

	*out = 0;
	if (*a == '\0' || *b == '\0')
		return SC_ERR_PARSE;
	for (;;) {
		unsigned long long x, y;
		int ra = version_next(&p, &x), rb = version_next(&q, &y);

		if (ra < 0 || rb < 0)
			return SC_ERR_PARSE;
		if (ra == 0 && rb == 0)
			return SC_OK;
		if (*out == 0 && x != y)
			*out = x < y ? -1 : 1;
	}
}

int
sc_oval_rpmvercmp(const char *a, const char *b)
{
	const char *one = a, *two = b;

	if (strcmp(a, b) == 0)
		return 0;
	while (*one || *two) {
		const char *s1, *s2;
		int isnum, rc;
		size_t l1, l2;

		while (*one && !isalnum((unsigned char)*one) && *one != '~' &&
		    *one != '^')
			one++;
		while (*two && !isalnum((unsigned char)*two) && *two != '~' &&
		    *two != '^')
			two++;
		if (*one == '~' || *two == '~') {
			if (*one != '~')
				return 1;
			if (*two != '~')
				return -1;
			one++;
			two++;
			continue;
		}
		if (*one == '^' || *two == '^') {
			if (!*one)
				return -1;
			if (!*two)
				return 1;
			if (*one != '^')
				return 1;
			if (*two != '^')
				return -1;
			one++;
			two++;
			continue;
		}
		if (!(*one && *two))
			break;
		s1 = one;
		s2 = two;
		if (isdigit((unsigned char)*s1)) {
			while (isdigit((unsigned char)*s1))
				s1++;
			while (isdigit((unsigned char)*s2))
				s2++;
			isnum = 1;
		} else {
			while (isalpha((unsigned char)*s1))
				s1++;
			while (isalpha((unsigned char)*s2))
				s2++;
			isnum = 0;
		}
		if (two == s2)
			return isnum ? 1 : -1;
		if (isnum) {
			while (*one == '0' && one < s1 - 1)
				one++;
			while (*two == '0' && two < s2 - 1)
				two++;
			l1 = (size_t)(s1 - one);
			l2 = (size_t)(s2 - two);
			if (l1 != l2)
				return l1 > l2 ? 1 : -1;
		}
		l1 = (size_t)(s1 - one);
		l2 = (size_t)(s2 - two);
		rc = strncmp(one, two, l1 < l2 ? l1 : l2);
		if (rc == 0 && l1 != l2)
			rc = l1 < l2 ? -1 : 1;
		if (rc)
			return rc < 0 ? -1 : 1;
		one = s1;
		two = s2;
	}
	if (!*one && !*two)
		return 0;
	return !*one ? -1 : 1;
}

/* epoch:version-release split into a scratch copy */
static void
split_evr(char *s, const char **e, const char **v, const char **r)
{
	char *colon = strchr(s, ':'), *dash;

	*e = "0";
	if (colon != NULL) {
		*colon = '\0';
		*e = s;
		s = colon + 1;
	}
	*v = s;
	*r = "";
	dash = strrchr(s, '-');
	if (dash != NULL) {
		*dash = '\0';
		*r = dash + 1;
	}
}

static int
epoch_cmp(const char *a, const char *b)
{
	unsigned long long x = strtoull(a[0] ? a : "0", NULL, 10);
	unsigned long long y = strtoull(b[0] ? b : "0", NULL, 10);

	return x < y ? -1 : x > y;
}

static int
deb_order(int c)
{
	if (isdigit(c))
		return 0;
	if (isalpha(c))
		return c;
	if (c == '~')
		return -1;
	if (c)
		return c + 256;
	return 0;
}

static int
verrevcmp(const char *a, const char *b)
{
	while (*a || *b) {
		int first_diff = 0;

		while ((*a && !isdigit((unsigned char)*a)) ||
		    (*b && !isdigit((unsigned char)*b))) {
			int ac = deb_order((unsigned char)*a);
			int bc = deb_order((unsigned char)*b);

			if (ac != bc)
				return ac - bc;
			a++;
			b++;
		}
		while (*a == '0')
			a++;
		while (*b == '0')
			b++;
		while (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			if (!first_diff)
				first_diff = *a - *b;
			a++;
			b++;
		}
		if (isdigit((unsigned char)*a))
			return 1;
		if (isdigit((unsigned char)*b))
			return -1;
		if (first_diff)
			return first_diff;
	}
	return 0;
}

/* epoch, then version, then release, each part ordered by cmp */
static int
evr_cmp(const char *a, const char *b, int (*cmp)(const char *, const char *))
{
	char *x = sc_xstrdup(a), *y = sc_xstrdup(b);
	const char *e1, *v1, *r1, *e2, *v2, *r2;
	int c;

	split_evr(x, &e1, &v1, &r1);
	split_evr(y, &e2, &v2, &r2);
	if ((c = epoch_cmp(e1, e2)) == 0 && (c = cmp(v1, v2)) == 0)
		c = cmp(r1, r2);
	free(x);
	free(y);
	return c < 0 ? -1 : c > 0;
}

int
sc_oval_evr_cmp(const char *a, const char *b)
{
	return evr_cmp(a, b, sc_oval_rpmvercmp);
}

int
sc_oval_debian_evr_cmp(const char *a, const char *b)
{
	return evr_cmp(a, b, verrevcmp);
}

/* ---- comparison -------------------------------------------------------------- */

static enum sc_oval_res
of(int cond)
{
	return cond ? SC_OVAL_TRUE : SC_OVAL_FALSE;
}

static enum sc_oval_res
ordered(enum sc_oval_op op, int c)
{
	switch (op) {
	case SC_OVAL_OP_EQUALS:
		return of(c == 0);
	case SC_OVAL_OP_NOT_EQUAL:
		return of(c != 0);
	case SC_OVAL_OP_GREATER:
		return of(c > 0);
	case SC_OVAL_OP_LESS:
		return of(c < 0);
	case SC_OVAL_OP_GREATER_EQUAL:
		return of(c >= 0);
	case SC_OVAL_OP_LESS_EQUAL:
		return of(c <= 0);
	default:
		return SC_OVAL_ERROR;
	}
}

static int
parse_int(const char *s, long long *v)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	errno = 0;
	*v = strtoll(s, &end, 10);
	if (end == s || errno != 0)
		return -1;
	while (isspace((unsigned char)*end))
		end++;
	return *end == '\0' ? 0 : -1;
}

static int
parse_bool(const char *s, int *v)
{
	if (strcmp(s, "true") == 0 || strcmp(s, "1") == 0)
		*v = 1;
	else if (strcmp(s, "false") == 0 || strcmp(s, "0") == 0)
		*v = 0;
	else
		return -1;
	return 0;
}

static enum sc_oval_res
bad(struct sc_err *err, const char *what, const char *v, enum sc_oval_dt dt)
{
	sc_err_set(err, SC_ERR_PARSE, "%s value '%s' is not a valid %s", what, v,
	    dt_names[dt]);
	return SC_OVAL_ERROR;
}

enum sc_oval_res
sc_oval_value_cmp(enum sc_oval_op op, enum sc_oval_dt dt, const char *actual,
    const char *expected, struct sc_regex *re, struct sc_err *err)
{
	if (sc_oval_op_check(op, dt, err) < 0)
		return SC_OVAL_ERROR;
	switch (dt) {
	case SC_OVAL_DT_STRING:
		switch (op) {
		case SC_OVAL_OP_EQUALS:
			return of(strcmp(actual, expected) == 0);
		case SC_OVAL_OP_NOT_EQUAL:
			return of(strcmp(actual, expected) != 0);
		case SC_OVAL_OP_CI_EQUALS:
			return of(strcasecmp(actual, expected) == 0);
		case SC_OVAL_OP_CI_NOT_EQUAL:
			return of(strcasecmp(actual, expected) != 0);
		case SC_OVAL_OP_PATTERN_MATCH: {
			struct sc_regex *own = NULL;
			int r;

			if (re == NULL &&
			    sc_regex_compile(&own, expected, 0, err) < 0)
				return SC_OVAL_ERROR;
			r = sc_regex_search(re ? re : own, actual, strlen(actual), 0,
			    NULL, err);
			sc_regex_free(own);
			return r < 0 ? SC_OVAL_ERROR : of(r == 1);
		}
		default:
			return SC_OVAL_ERROR;
		}
	case SC_OVAL_DT_INT: {
		long long a, b;

		if (parse_int(actual, &a) < 0)
			return bad(err, "item", actual, dt);
		if (parse_int(expected, &b) < 0)
			return bad(err, "expected", expected, dt);
		if (op == SC_OVAL_OP_BITWISE_AND)
			return of((a & b) == b);
		if (op == SC_OVAL_OP_BITWISE_OR)
			return of((a | b) == b);
		return ordered(op, a < b ? -1 : a > b);
	}
	case SC_OVAL_DT_FLOAT: {
		char *e1, *e2;
		double a = strtod(actual, &e1), b = strtod(expected, &e2);

		if (e1 == actual || *e1)
			return bad(err, "item", actual, dt);
		if (e2 == expected || *e2)
			return bad(err, "expected", expected, dt);
		return ordered(op, a < b ? -1 : a > b);
	}
	case SC_OVAL_DT_BOOLEAN: {
		int a, b;

		if (parse_bool(actual, &a) < 0)
			return bad(err, "item", actual, dt);
		if (parse_bool(expected, &b) < 0)
			return bad(err, "expected", expected, dt);
		return ordered(op, a != b);
	}
	case SC_OVAL_DT_BINARY:
		for (const char *s = actual; *s; s++)
			if (!isxdigit((unsigned char)*s))
				return bad(err, "item", actual, dt);
		for (const char *s = expected; *s; s++)
			if (!isxdigit((unsigned char)*s))
				return bad(err, "expected", expected, dt);
		return ordered(op, strcasecmp(actual, expected));
	case SC_OVAL_DT_VERSION: {
		int c;

		if (sc_oval_version_cmp(actual, expected, &c) < 0) {
			int dummy;

			if (sc_oval_version_cmp(actual, actual, &dummy) < 0)
				return bad(err, "item", actual, dt);
			return bad(err, "expected", expected, dt);
		}
		return ordered(op, c);
	}
	case SC_OVAL_DT_EVR_STRING:
		return ordered(op, sc_oval_evr_cmp(actual, expected));
	case SC_OVAL_DT_DEBIAN_EVR_STRING:
		return ordered(op, sc_oval_debian_evr_cmp(actual, expected));
	default:
		return SC_OVAL_ERROR;
	}
}
