/*
 * oval_var.c - computing OVAL variables (oval_var.h).
 */
#include "checks/oval/oval_var.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "checks/oval/oval_collect.h"
#include "checks/oval/oval_item.h"
#include "util/limits.h"

/*
 * Components multiply values (concat is a cross product, and nesting
 * doubles lengths): over SC_LIMIT_OVAL_VALUES values or
 * SC_LIMIT_OVAL_VALUE_BYTES bytes a component is an error, never a cut
 * list (a cut list could turn a fail into a pass).
 */
static int
over_cap(size_t n, size_t bytes, struct sc_err *err)
{
	if (n > SC_LIMIT_OVAL_VALUES)
		return sc_err_set(err, SC_ERR_TOOBIG,
		    "a variable component yields %zu values, over the cap of %u",
		    n, (unsigned)SC_LIMIT_OVAL_VALUES);
	if (bytes > SC_LIMIT_OVAL_VALUE_BYTES)
		return sc_err_set(err, SC_ERR_TOOBIG,
		    "a variable component yields more than %u bytes of values",
		    (unsigned)SC_LIMIT_OVAL_VALUE_BYTES);
	return SC_OK;
}

static size_t
strv_bytes(const struct sc_strv *v)
{
	size_t n = 0;

	for (size_t i = 0; i < v->n; i++)
		n += strlen(v->v[i]);
	return n;
}

static int comp_prepare(struct sc_oval_doc *d, struct sc_oval_comp *c,
    struct sc_err *err);

static int
comp_prepare(struct sc_oval_doc *d, struct sc_oval_comp *c, struct sc_err *err)
{
	int r;

	if (c->object && (r = sc_oval_collect_prepare(d, c->object, err)) < 0)
		return r;
	if (c->var && (r = sc_oval_var_prepare(d, c->var, err)) < 0)
		return r;
	for (size_t i = 0; i < c->n_args; i++)
		if ((r = comp_prepare(d, c->args[i], err)) < 0)
			return r;
	return SC_OK;
}

int
sc_oval_var_prepare(struct sc_oval_doc *d, struct sc_oval_var *v,
    struct sc_err *err)
{
	return v->comp ? comp_prepare(d, v->comp, err) : SC_OK;
}

/* the worse of two flags */
static enum sc_oval_flag
worse(enum sc_oval_flag a, enum sc_oval_flag b)
{
	static const enum sc_oval_flag order[] = { SC_OVAL_FLAG_ERROR,
		SC_OVAL_FLAG_NOT_COLLECTED, SC_OVAL_FLAG_NOT_APPLICABLE,
		SC_OVAL_FLAG_DOES_NOT_EXIST, SC_OVAL_FLAG_INCOMPLETE };

	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (a == order[i] || b == order[i])
			return order[i];
	return SC_OVAL_FLAG_COMPLETE;
}

static void
escape_regex(const char *s, struct sc_buf *out)
{
	for (; *s; s++) {
		if (strchr(".^$*+?()[]{}\\|/", *s))
			sc_buf_addc(out, '\\');
		sc_buf_addc(out, *s);
	}
}

/* ---- glob_to_regex ---------------------------------------------------------- */

/* characters a glob takes literally that are special in a Perl regex */
static int
glob_meta(char ch)
{
	return ch != '\0' && strchr(".|^(){}+$", ch) != NULL;
}

int
sc_oval_var_glob_to_regex(const char *glob, int noescape, struct sc_buf *out)
{
	/* at_start: at the start of a path component, where '*' and '?'
	 * do not match a leading '.' (the OVAL 5.11 glob_to_regex table) */
	int at_start = 1;

	sc_buf_addc(out, '^');
	for (const char *p = glob; *p; p++) {
		char ch = *p;

		if (ch == '/') {
			sc_buf_addc(out, '/');
			at_start = 1;
			continue;
		}
		if (ch == '*')
			sc_buf_adds(out, at_start ? "(?=[^.])[^/]*" : "[^/]*");
		else if (ch == '?')
			sc_buf_adds(out, at_start ? "[^./]" : "[^/]");
		else if (ch == '\\' && noescape)
			sc_buf_adds(out, "\\\\");
		else if (ch == '\\') {
			/* an escape only before a glob special character;
			 * otherwise (and at the end) a literal backslash */
			if (p[1] != '\0' && strchr("?*[]", p[1]) != NULL) {
				sc_buf_addc(out, '\\');
				sc_buf_addc(out, *++p);
			} else
				sc_buf_adds(out, "\\\\");
		} else if (ch == '[') {
			/* a bracket expression: [!x] is [^x]; a first ']' is
			 * a member; unclosed is an invalid glob */
			sc_buf_addc(out, '[');
			p++;
			if (*p == '!') {
				sc_buf_addc(out, '^');
				p++;
			}
			if (*p == '\0')
				return -1;
			sc_buf_addc(out, *p);
			for (p++; *p != ']'; p++) {
				if (*p == '\0')
					return -1;
				if (*p == '\\' && noescape)
					sc_buf_addc(out, '\\');
				sc_buf_addc(out, *p);
			}
			sc_buf_addc(out, ']');
		} else {
			if (glob_meta(ch))
				sc_buf_addc(out, '\\');
			sc_buf_addc(out, ch);
		}
		at_start = 0;
	}
	sc_buf_addc(out, '$');
	return 0;
}

/* ---- time_difference -------------------------------------------------------- */

/* days from 1970-01-01 to y-m-d (proleptic Gregorian) */
static int64_t
days_from_civil(int64_t y, int m, int dd)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* exactly n digits (n > 0) or, with n < 0, 1 to -n digits; advances *p */
static int
digits(const char **p, int n, int *val)
{
	int k = 0, max = n < 0 ? -n : n;

	*val = 0;
	while (k < max && **p >= '0' && **p <= '9') {
		*val = *val * 10 + (**p - '0');
		(*p)++;
		k++;
	}
	return k > 0 && (n < 0 || k == n) ? 0 : -1;
}

struct civil {
	int y, mo, d, h, mi, s;
};

static int
civil_secs(const struct civil *c, int64_t *secs)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };
	int leap = (c->y % 4 == 0 && c->y % 100 != 0) || c->y % 400 == 0;

	if (c->mo < 1 || c->mo > 12 || c->d < 1 || c->d > mdays[c->mo - 1] ||
	    (c->mo == 2 && !leap && c->d > 28) || c->h > 23 || c->mi > 59 ||
	    c->s > 60)
		return -1;
	*secs = days_from_civil(c->y, c->mo, c->d) * 86400 + c->h * 3600 +
	    c->mi * 60 + c->s;
	return 0;
}

/* " hh:mm:ss" or nothing, then the end of the string */
static int
opt_time(const char *p, struct civil *c)
{
	if (*p == '\0')
		return 0;
	if (*p != ' ')
		return -1;
	while (*p == ' ')
		p++;
	if (digits(&p, -2, &c->h) < 0 || *p++ != ':' ||
	    digits(&p, -2, &c->mi) < 0 || *p++ != ':' ||
	    digits(&p, -2, &c->s) < 0)
		return -1;
	return *p == '\0' ? 0 : -1;
}

/* "a S b S c" with S '/' or '-' (the same both times); widths per field */
static int
three(const char **p, int w1, int *a, int w2, int *b, int w3, int *c3)
{
	char sep;

	if (digits(p, w1, a) < 0 || (**p != '/' && **p != '-'))
		return -1;
	sep = *(*p)++;
	if (digits(p, w2, b) < 0 || *(*p)++ != sep)
		return -1;
	return digits(p, w3, c3);
}

static int
month_name(const char **p, int *mo)
{
	static const char *const names[] = { "january", "february", "march",
		"april", "may", "june", "july", "august", "september",
		"october", "november", "december" };
	size_t n = 0;

	while (isalpha((unsigned char)(*p)[n]))
		n++;
	for (int i = 0; i < 12; i++)
		if ((n == 3 || n == strlen(names[i])) &&
		    strncasecmp(*p, names[i], n) == 0) {
			*mo = i + 1;
			*p += n;
			return 0;
		}
	return -1;
}

static int
parse_int64(const char *s, int base, int64_t *v)
{
	char *end;
	long long x;

	if (*s == '\0' || isspace((unsigned char)*s))
		return -1;
	errno = 0;
	x = strtoll(s, &end, base);
	if (errno != 0 || *end != '\0')
		return -1;
	*v = (int64_t)x;
	return 0;
}

int
sc_oval_var_parse_time(const char *s, enum sc_oval_timefmt fmt,
    int64_t *secs)
{
	struct civil c = { 0, 0, 0, 0, 0, 0 };
	const char *p = s;
	int64_t v;

	switch (fmt) {
	case SC_OVAL_TIME_YEAR_MONTH_DAY:
		if (strlen(s) == 8 || (strlen(s) == 15 && s[8] == 'T')) {
			if (digits(&p, 4, &c.y) < 0 || digits(&p, 2, &c.mo) < 0 ||
			    digits(&p, 2, &c.d) < 0)
				return -1;
			if (*p == 'T' && (p++, digits(&p, 2, &c.h) < 0 ||
			    digits(&p, 2, &c.mi) < 0 || digits(&p, 2, &c.s) < 0))
				return -1;
			if (*p != '\0')
				return -1;
		} else if (three(&p, 4, &c.y, -2, &c.mo, -2, &c.d) < 0 ||
		    opt_time(p, &c) < 0)
			return -1;
		return civil_secs(&c, secs);
	case SC_OVAL_TIME_MONTH_DAY_YEAR:
		if (isalpha((unsigned char)*p)) {
			if (month_name(&p, &c.mo) < 0)
				return -1;
			if (*p == ',')
				p++;
			if (*p != ' ')
				return -1;
			while (*p == ' ')
				p++;
			if (digits(&p, -2, &c.d) < 0 || *p != ' ')
				return -1;
			while (*p == ' ')
				p++;
			if (digits(&p, 4, &c.y) < 0)
				return -1;
		} else if (three(&p, -2, &c.mo, -2, &c.d, 4, &c.y) < 0)
			return -1;
		return opt_time(p, &c) < 0 ? -1 : civil_secs(&c, secs);
	case SC_OVAL_TIME_DAY_MONTH_YEAR:
		if (three(&p, -2, &c.d, -2, &c.mo, 4, &c.y) < 0 ||
		    opt_time(p, &c) < 0)
			return -1;
		return civil_secs(&c, secs);
	case SC_OVAL_TIME_WIN_FILETIME:
		/* 100 ns intervals since 1601-01-01 UTC: decimal, or 0x hex */
		if (strncmp(s, "0x", 2) == 0 || strncmp(s, "0X", 2) == 0) {
			if (!isxdigit((unsigned char)s[2]) ||
			    parse_int64(s + 2, 16, &v) < 0)
				return -1;
		} else if (!isdigit((unsigned char)*s) || parse_int64(s, 10, &v) < 0)
			return -1;
		*secs = v / 10000000 - INT64_C(11644473600);
		return 0;
	case SC_OVAL_TIME_SECONDS_SINCE_EPOCH:
		return parse_int64(s, 10, secs);
	case SC_OVAL_TIME_CIM_DATETIME: {
		int off, frac;

		/* yyyymmddHHMMSS.mmmmmmsUUU (UUU: minutes east of UTC) */
		if (strlen(s) == 25) {
			if (digits(&p, 4, &c.y) < 0 || digits(&p, 2, &c.mo) < 0 ||
			    digits(&p, 2, &c.d) < 0 || digits(&p, 2, &c.h) < 0 ||
			    digits(&p, 2, &c.mi) < 0 || digits(&p, 2, &c.s) < 0 ||
			    *p++ != '.' || digits(&p, 6, &frac) < 0 ||
			    (*p != '+' && *p != '-'))
				return -1;
			v = *p++ == '-' ? -1 : 1;
			if (digits(&p, 3, &off) < 0 || civil_secs(&c, secs) < 0)
				return -1;
			*secs -= v * off * 60;
			return 0;
		}
		/* yyyy-mm-dd HH:MM:SS:mmm (WQL) */
		if (strlen(s) != 23 || three(&p, 4, &c.y, 2, &c.mo, 2, &c.d) < 0 ||
		    s[4] != '-' || *p++ != ' ' || digits(&p, 2, &c.h) < 0 ||
		    *p++ != ':' || digits(&p, 2, &c.mi) < 0 || *p++ != ':' ||
		    digits(&p, 2, &c.s) < 0 || *p++ != ':' ||
		    digits(&p, 3, &frac) < 0)
			return -1;
		return civil_secs(&c, secs);
	}
	}
	return -1;
}

/* ---- arithmetic ----------------------------------------------------------- */

/* a number: an integer (is_int) or a finite float */
struct num {
	int is_int;
	int64_t i;
	double f;
};

static int
num_parse(const char *s, struct num *n)
{
	char *end;

	if (parse_int64(s, 10, &n->i) == 0) {
		n->is_int = 1;
		n->f = (double)n->i;
		return 0;
	}
	/* decimal only: strtod would take hex floats, inf and nan */
	if (*s == '\0' || isspace((unsigned char)*s) ||
	    strpbrk(s, "xXpPiInN") != NULL)
		return -1;
	errno = 0;
	n->f = strtod(s, &end);
	if (errno != 0 || *end != '\0' || !isfinite(n->f))
		return -1;
	n->is_int = 0;
	return 0;
}

/* a OP b for arithmetic: integers while both are, else floats */
static int
arith(enum sc_oval_arith op, const char *a, const char *b, char **out,
    struct sc_err *err)
{
	struct num x, y;
	int64_t z;

	if (num_parse(a, &x) < 0 || num_parse(b, &y) < 0)
		return sc_err_set(err, SC_ERR_INVAL,
		    "arithmetic: \"%s\" is not a number",
		    num_parse(a, &x) < 0 ? a : b);
	if (x.is_int && y.is_int) {
		if (op == SC_OVAL_ARITH_ADD ? __builtin_add_overflow(x.i, y.i, &z) :
		    __builtin_mul_overflow(x.i, y.i, &z))
			return sc_err_set(err, SC_ERR_TOOBIG,
			    "arithmetic: %s %s %s overflows a 64-bit integer", a,
			    op == SC_OVAL_ARITH_ADD ? "+" : "*", b);
		*out = sc_xasprintf("%" PRId64, z);
		return SC_OK;
	}
	x.f = op == SC_OVAL_ARITH_ADD ? x.f + y.f : x.f * y.f;
	if (!isfinite(x.f))
		return sc_err_set(err, SC_ERR_TOOBIG,
		    "arithmetic: %s %s %s is out of a float's range", a,
		    op == SC_OVAL_ARITH_ADD ? "+" : "*", b);
	*out = sc_xasprintf("%.15g", x.f);
	return SC_OK;
}

static int comp_eval(struct sc_oval_doc *d, struct sc_oval_comp *c,
    struct sc_strv *out, enum sc_oval_flag *flag, struct sc_err *err);

/* values of every argument, appended; the worst flag */
static int
args_eval(struct sc_oval_doc *d, struct sc_oval_comp *c, struct sc_strv *out,
    enum sc_oval_flag *flag, struct sc_err *err)
{
	int r;

	*flag = SC_OVAL_FLAG_COMPLETE;
	for (size_t i = 0; i < c->n_args; i++) {
		enum sc_oval_flag f;

		if ((r = comp_eval(d, c->args[i], out, &f, err)) < 0)
			return r;
		*flag = worse(*flag, f);
	}
	return SC_OK;
}

static int
object_values(struct sc_oval_doc *d, struct sc_oval_comp *c,
    struct sc_strv *out, enum sc_oval_flag *flag, struct sc_err *err)
{
	struct sc_oval_object *o = c->object;
	struct sc_buf v = SC_BUF_INIT;

	sc_oval_collect(d, o);
	if (o->truncated)
		return sc_err_set(err, SC_ERR_TOOBIG,
		    "object %s collected more than %d items; its values are "
		    "not kept", o->id, SC_OVAL_MAX_KEPT_ITEMS);
	*flag = o->flag;
	for (size_t i = 0; i < o->n_items; i++) {
		if (o->items[i]->status != SC_OVAL_STATUS_EXISTS)
			continue;
		for (size_t k = 0; sc_oval_item_field(o->items[i], c->value, k,
		    &v) > 0; k++)
			sc_strv_push(out, v.data);
	}
	sc_buf_free(&v);
	if (*flag == SC_OVAL_FLAG_COMPLETE && out->n == 0)
		*flag = SC_OVAL_FLAG_DOES_NOT_EXIST;
	return SC_OK;
}

static const char *const timefmt_names[] = { "year_month_day",
	"month_day_year", "day_month_year", "win_filetime",
	"seconds_since_epoch", "cim_datetime" };

static const char *
comp_name(const struct sc_oval_comp *c)
{
	return c->type == SC_OVAL_COMP_CONCAT ? "concat" :
	    c->type == SC_OVAL_COMP_ARITHMETIC ? "arithmetic" : "time_difference";
}

/* time_difference: every value of one argument as seconds since the epoch */
static int
to_secs(struct sc_strv *v, enum sc_oval_timefmt fmt, struct sc_err *err)
{
	for (size_t i = 0; i < v->n; i++) {
		int64_t t;

		if (sc_oval_var_parse_time(v->v[i], fmt, &t) < 0)
			return sc_err_set(err, SC_ERR_INVAL,
			    "time_difference: \"%s\" is not a %s date-time",
			    v->v[i], timefmt_names[fmt]);
		free(v->v[i]);
		v->v[i] = sc_xasprintf("%" PRId64, t);
	}
	return SC_OK;
}

/* one value of the cross product: acc combined with part */
static int
combine(const struct sc_oval_comp *c, const char *acc, const char *part,
    char **out, struct sc_err *err)
{
	int64_t a, b, z;

	switch (c->type) {
	case SC_OVAL_COMP_ARITHMETIC:
		return arith(c->arith, acc, part, out, err);
	case SC_OVAL_COMP_TIME_DIFFERENCE:
		/* both are seconds (to_secs), within int64 */
		if (parse_int64(acc, 10, &a) < 0 || parse_int64(part, 10, &b) < 0 ||
		    __builtin_sub_overflow(a, b, &z))
			return sc_err_set(err, SC_ERR_TOOBIG,
			    "time_difference: %s - %s overflows", acc, part);
		*out = sc_xasprintf("%" PRId64, z);
		return SC_OK;
	default:
		*out = sc_xasprintf("%s%s", acc, part);
		return SC_OK;
	}
}

/*
 * concat, arithmetic and time_difference: the cross product of their
 * arguments' values, left to right, each pair combined; its size is
 * checked against the caps before anything is built.  time_difference
 * with one argument starts from the current time.
 */
static int
cross_eval(struct sc_oval_doc *d, struct sc_oval_comp *c, struct sc_strv *out,
    enum sc_oval_flag *flag, struct sc_err *err)
{
	struct sc_strv acc = SC_STRV_INIT;
	size_t a = 0;
	int r = SC_OK;

	*flag = SC_OVAL_FLAG_COMPLETE;
	if (c->type == SC_OVAL_COMP_CONCAT)
		sc_strv_push(&acc, "");
	else if (c->type == SC_OVAL_COMP_TIME_DIFFERENCE && c->n_args == 1)
		sc_strv_push_owned(&acc, sc_xasprintf("%" PRId64,
		    (int64_t)time(NULL)));
	else {
		r = comp_eval(d, c->args[0], &acc, flag, err);
		if (r == SC_OK && c->type == SC_OVAL_COMP_TIME_DIFFERENCE)
			r = to_secs(&acc, c->fmt1, err);
		a = 1;
	}
	for (; a < c->n_args && r == SC_OK; a++) {
		struct sc_strv part = SC_STRV_INIT, next = SC_STRV_INIT;
		enum sc_oval_flag f;

		if ((r = comp_eval(d, c->args[a], &part, &f, err)) == SC_OK &&
		    c->type == SC_OVAL_COMP_TIME_DIFFERENCE)
			r = to_secs(&part, c->fmt2, err);
		if (r == SC_OK) {
			size_t pb = strv_bytes(&part), ab = strv_bytes(&acc);

			*flag = worse(*flag, f);
			/* n = acc.n * part.n, bytes = ab * part.n + pb * acc.n
			 * (both operands already capped: no overflow),
			 * checked before anything is built */
			if (part.n != 0 && acc.n > SC_LIMIT_OVAL_VALUES / part.n)
				r = sc_err_set(err, SC_ERR_TOOBIG,
				    "%s of %zu by %zu values is over the cap of %u "
				    "values", comp_name(c), acc.n, part.n,
				    (unsigned)SC_LIMIT_OVAL_VALUES);
			else
				r = over_cap(acc.n * part.n, ab * part.n +
				    pb * acc.n, err);
			for (size_t i = 0; r == SC_OK && i < acc.n; i++)
				for (size_t j = 0; r == SC_OK && j < part.n; j++) {
					char *v = NULL;

					if ((r = combine(c, acc.v[i], part.v[j], &v,
					    err)) == SC_OK)
						sc_strv_push_owned(&next, v);
				}
			sc_strv_free(&acc);
			acc = next;
		}
		sc_strv_free(&part);
	}
	for (size_t i = 0; r == SC_OK && i < acc.n; i++)
		sc_strv_push(out, acc.v[i]);
	sc_strv_free(&acc);
	return r;
}

static int
comp_eval(struct sc_oval_doc *d, struct sc_oval_comp *c, struct sc_strv *out,
    enum sc_oval_flag *flag, struct sc_err *err)
{
	struct sc_strv in = SC_STRV_INIT;
	struct sc_buf b = SC_BUF_INIT;
	const struct sc_strv *vals;
	int r = SC_OK;

	*flag = SC_OVAL_FLAG_COMPLETE;
	switch (c->type) {
	case SC_OVAL_COMP_LITERAL:
		sc_strv_push(out, c->value);
		return SC_OK;
	case SC_OVAL_COMP_OBJECT:
		return object_values(d, c, out, flag, err);
	case SC_OVAL_COMP_VARIABLE:
		if ((r = sc_oval_var_values(d, c->var, flag, &vals, err)) < 0)
			return r;
		for (size_t i = 0; i < vals->n; i++)
			sc_strv_push(out, vals->v[i]);
		return SC_OK;
	case SC_OVAL_COMP_CONCAT:
	case SC_OVAL_COMP_ARITHMETIC:
	case SC_OVAL_COMP_TIME_DIFFERENCE:
		return cross_eval(d, c, out, flag, err);
	default:
		break;
	}
	if ((r = args_eval(d, c, &in, flag, err)) < 0)
		goto out;
	switch (c->type) {
	case SC_OVAL_COMP_SUBSTRING:
		for (size_t i = 0; i < in.n; i++) {
			size_t len = strlen(in.v[i]);
			size_t st = c->start > 1 ? (size_t)(c->start - 1) : 0;
			size_t n;

			if (st >= len) {
				r = sc_err_set(err, SC_ERR_INVAL,
				    "substring: substring_start %ld is past the end "
				    "of \"%s\"", c->start, in.v[i]);
				goto out;
			}
			n = c->length < 0 || (size_t)c->length > len - st ?
			    len - st : (size_t)c->length;
			sc_strv_push_owned(out, sc_xstrndup(in.v[i] + st, n));
		}
		break;
	case SC_OVAL_COMP_BEGIN:
	case SC_OVAL_COMP_END:
		for (size_t i = 0; i < in.n; i++) {
			size_t len = strlen(in.v[i]), cl = strlen(c->value);
			int has = c->type == SC_OVAL_COMP_BEGIN ?
			    strncmp(in.v[i], c->value, cl) == 0 :
			    len >= cl && strcmp(in.v[i] + len - cl, c->value) == 0;

			if (has)
				sc_strv_push(out, in.v[i]);
			else if (c->type == SC_OVAL_COMP_BEGIN)
				sc_strv_push_owned(out, sc_xasprintf("%s%s",
				    c->value, in.v[i]));
			else
				sc_strv_push_owned(out, sc_xasprintf("%s%s",
				    in.v[i], c->value));
		}
		break;
	case SC_OVAL_COMP_SPLIT:
		for (size_t i = 0; i < in.n; i++) {
			const char *s = in.v[i], *hit;
			size_t dl = strlen(c->value);

			if (dl == 0) {
				sc_strv_push(out, s);
				continue;
			}
			while ((hit = strstr(s, c->value)) != NULL) {
				sc_strv_push_owned(out, sc_xstrndup(s,
				    (size_t)(hit - s)));
				s = hit + dl;
			}
			sc_strv_push(out, s);
		}
		break;
	case SC_OVAL_COMP_REGEX_CAPTURE:
		for (size_t i = 0; i < in.n; i++) {
			struct sc_match m;

			r = sc_regex_search(c->re, in.v[i], strlen(in.v[i]), 0, &m,
			    err);
			if (r < 0)
				goto out;
			/* OVAL: no match, or no group, gives the empty string */
			if (r == 1 && m.n > 1 && m.start[1] != SC_RE_UNSET)
				sc_strv_push_owned(out, sc_xstrndup(in.v[i] +
				    m.start[1], m.end[1] - m.start[1]));
			else
				sc_strv_push(out, "");
		}
		r = SC_OK;
		break;
	case SC_OVAL_COMP_ESCAPE_REGEX:
		for (size_t i = 0; i < in.n; i++) {
			sc_buf_reset(&b);
			escape_regex(in.v[i], &b);
			sc_strv_push(out, b.data);
		}
		break;
	case SC_OVAL_COMP_GLOB_TO_REGEX:
		for (size_t i = 0; i < in.n; i++) {
			sc_buf_reset(&b);
			if (sc_oval_var_glob_to_regex(in.v[i], c->noescape, &b) < 0) {
				r = sc_err_set(err, SC_ERR_INVAL,
				    "glob_to_regex: \"%s\" is not a valid glob "
				    "pattern (unclosed '[')", in.v[i]);
				goto out;
			}
			sc_strv_push(out, b.data);
		}
		break;
	case SC_OVAL_COMP_UNIQUE:
		for (size_t i = 0; i < in.n; i++)
			if (sc_strv_find(out, in.v[i]) < 0)
				sc_strv_push(out, in.v[i]);
		break;
	case SC_OVAL_COMP_COUNT: {
		char num[32];

		snprintf(num, sizeof(num), "%zu", in.n);
		sc_strv_push(out, num);
		if (*flag == SC_OVAL_FLAG_DOES_NOT_EXIST)
			*flag = SC_OVAL_FLAG_COMPLETE;
		break;
	}
	default:
		break;
	}
	if (r == SC_OK)
		r = over_cap(out->n, strv_bytes(out), err);
out:
	sc_strv_free(&in);
	sc_buf_free(&b);
	return r;
}

int
sc_oval_var_values(struct sc_oval_doc *d, struct sc_oval_var *v,
    enum sc_oval_flag *flag, const struct sc_strv **values,
    struct sc_err *err)
{
	int r;

	*values = &v->values;
	if (v->computed) {
		*flag = v->flag;
		if (v->error)
			return sc_err_set(err, SC_ERR_INVAL, "%s", v->error);
		return SC_OK;
	}
	if (v->computing) {
		*flag = SC_OVAL_FLAG_ERROR;
		return sc_err_set(err, SC_ERR_PARSE,
		    "OVAL variable %s depends on itself", v->id);
	}
	v->computing = 1;
	if (v->kind != SC_OVAL_VAR_LOCAL) {
		for (size_t i = 0; i < v->consts.n; i++)
			sc_strv_push(&v->values, v->consts.v[i]);
		v->flag = v->values.n ? SC_OVAL_FLAG_COMPLETE :
		    SC_OVAL_FLAG_DOES_NOT_EXIST;
		r = SC_OK;
	} else if ((r = comp_eval(d, v->comp, &v->values, &v->flag, err)) < 0) {
		v->flag = SC_OVAL_FLAG_ERROR;
		v->error = sc_xasprintf("OVAL variable %s: %s", v->id, err->msg);
		sc_err_set(err, r, "%s", v->error);
	} else if (v->flag == SC_OVAL_FLAG_COMPLETE && v->values.n == 0) {
		v->flag = SC_OVAL_FLAG_DOES_NOT_EXIST;
	}
	v->computing = 0;
	v->computed = 1;
	*flag = v->flag;
	return r;
}
