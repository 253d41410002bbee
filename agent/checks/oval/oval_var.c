/*
 * oval_var.c - computing OVAL variables (oval_var.h).
 */
#include "checks/oval/oval_var.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	case SC_OVAL_COMP_CONCAT: {
		struct sc_strv acc = SC_STRV_INIT;

		sc_strv_push(&acc, "");
		for (size_t a = 0; a < c->n_args && r == SC_OK; a++) {
			struct sc_strv part = SC_STRV_INIT, next = SC_STRV_INIT;
			enum sc_oval_flag f;

			if ((r = comp_eval(d, c->args[a], &part, &f, err)) == SC_OK) {
				size_t pb = strv_bytes(&part), ab = strv_bytes(&acc);

				*flag = worse(*flag, f);
				/* n = acc.n * part.n, bytes = ab * part.n + pb * acc.n
				 * (both operands already capped: no overflow),
				 * checked before anything is built */
				if (part.n != 0 && acc.n > SC_LIMIT_OVAL_VALUES /
				    part.n)
					r = sc_err_set(err, SC_ERR_TOOBIG,
					    "concat of %zu by %zu values is over "
					    "the cap of %u values", acc.n, part.n,
					    (unsigned)SC_LIMIT_OVAL_VALUES);
				else
					r = over_cap(acc.n * part.n, ab * part.n +
					    pb * acc.n, err);
				for (size_t i = 0; r == SC_OK && i < acc.n; i++)
					for (size_t j = 0; j < part.n; j++)
						sc_strv_push_owned(&next, sc_xasprintf(
						    "%s%s", acc.v[i], part.v[j]));
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

			if (st > len)
				st = len;
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
			if (r == 1 && m.n > 1 && m.start[1] != SC_RE_UNSET)
				sc_strv_push_owned(out, sc_xstrndup(in.v[i] +
				    m.start[1], m.end[1] - m.start[1]));
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
