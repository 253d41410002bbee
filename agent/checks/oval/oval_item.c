/*
 * oval_item.c - collected items (oval_item.h).
 */
#include "checks/oval/oval_item.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/redact.h"
#include "xccdf/result.h"

struct sc_oval_item *
sc_oval_item_new(enum sc_oval_kind kind)
{
	struct sc_oval_item *it = sc_xcalloc(1, sizeof(*it));

	it->kind = kind;
	it->status = SC_OVAL_STATUS_EXISTS;
	return it;
}

void
sc_oval_item_free(struct sc_oval_item *it)
{
	if (it == NULL)
		return;
	free(it->message);
	free(it->path);
	free(it->name);
	free(it->pattern);
	free(it->text);
	for (size_t i = 0; i < it->n_subs; i++)
		free(it->subs[i]);
	free(it->subs);
	free(it->line_text);
	free(it->note);
	sc_strv_free(&it->vnames);
	sc_strv_free(&it->vvals);
	if (sc_oval_family_get(it->kind)->free_item)
		sc_oval_family_get(it->kind)->free_item(it);
	free(it);
}

static char *
dup_or_null(const char *s)
{
	return s ? sc_xstrdup(s) : NULL;
}

struct sc_oval_item *
sc_oval_item_copy(const struct sc_oval_item *it)
{
	struct sc_oval_item *c = sc_xcalloc(1, sizeof(*c));

	*c = *it;
	c->id = 0;
	c->message = dup_or_null(it->message);
	c->path = dup_or_null(it->path);
	c->name = dup_or_null(it->name);
	c->pattern = dup_or_null(it->pattern);
	c->text = dup_or_null(it->text);
	c->line_text = dup_or_null(it->line_text);
	c->note = dup_or_null(it->note);
	c->subs = it->n_subs ? sc_xcalloc(it->n_subs, sizeof(char *)) : NULL;
	for (size_t i = 0; i < it->n_subs; i++)
		c->subs[i] = sc_xstrdup(it->subs[i]);
	memset(&c->vnames, 0, sizeof(c->vnames));
	memset(&c->vvals, 0, sizeof(c->vvals));
	for (size_t i = 0; i < it->vnames.n; i++)
		sc_oval_item_set(c, it->vnames.v[i], it->vvals.v[i]);
	return c;
}

void
sc_oval_item_filepath(const struct sc_oval_item *it, struct sc_buf *out)
{
	const char *p = it->path ? it->path : "";
	size_t n = strlen(p);

	if (it->name == NULL) {
		sc_buf_adds(out, p);
		return;
	}
	sc_buf_adds(out, p);
	if (n == 0 || p[n - 1] != '/')
		sc_buf_addc(out, '/');
	sc_buf_adds(out, it->name);
}

static int
is_file_kind(enum sc_oval_kind k)
{
	return (sc_oval_family_get(k)->flags & SC_OVAL_FAM_FILES) != 0;
}

int
sc_oval_item_str(struct sc_buf *out, const char *s)
{
	if (s == NULL)
		return 0;
	sc_buf_adds(out, s);
	return 1;
}

void
sc_oval_item_set(struct sc_oval_item *it, const char *name, const char *value)
{
	if (value == NULL)
		return;
	sc_strv_push(&it->vnames, name);
	sc_strv_push(&it->vvals, value);
}

int
sc_oval_item_named_field(const struct sc_oval_item *it, const char *name,
    size_t idx, struct sc_buf *out)
{
	for (size_t i = 0; i < it->vnames.n; i++) {
		if (strcmp(it->vnames.v[i], name) != 0)
			continue;
		if (idx-- > 0)
			continue;
		sc_buf_adds(out, it->vvals.v[i]);
		return 1;
	}
	return 0;
}

int
sc_oval_item_field(const struct sc_oval_item *it, const char *name,
    size_t idx, struct sc_buf *out)
{
	const struct sc_oval_family *f = sc_oval_family_get(it->kind);

	sc_buf_reset(out);
	if (is_file_kind(it->kind) && idx == 0) {
		if (strcmp(name, "filepath") == 0) {
			if (it->name == NULL)
				return 0;
			sc_oval_item_filepath(it, out);
			return 1;
		}
		if (strcmp(name, "path") == 0)
			return sc_oval_item_str(out, it->path);
		if (strcmp(name, "filename") == 0)
			return it->name ? sc_oval_item_str(out, it->name) : -1;
	}
	if (f->field != NULL)
		return f->field(it, name, idx, out);
	return sc_oval_item_named_field(it, name, idx, out);
}

/* ---- evidence ---------------------------------------------------------------------- */

/*
 * The value of named value i as it may leave the scanner: a password
 * hash of a SC_OVAL_FAM_SECRET family is redacted (util/redact.h: empty,
 * "x", locked '!' and disabled '*' stay, the hash does not); into b.
 */
static const char *
shown_value(const struct sc_oval_item *it, size_t i, struct sc_buf *b)
{
	const char *v = it->vvals.v[i];
	char *line;

	if (!(sc_oval_family_get(it->kind)->flags & SC_OVAL_FAM_SECRET) ||
	    strcmp(it->vnames.v[i], "password") != 0)
		return v;
	line = sc_xasprintf("-:%s", v);

	sc_buf_reset(b);
	sc_redact_password_field(b, line, strlen(line));
	free(line);
	return b->len >= 2 ? b->data + 2 : "";
}

void
sc_oval_item_named_describe(const struct sc_oval_item *it, struct sc_buf *out)
{
	struct sc_buf b = SC_BUF_INIT;

	sc_buf_addf(out, "%s", sc_oval_family_get(it->kind)->item);
	for (size_t i = 0; i < it->vnames.n; i++)
		sc_buf_addf(out, "%s%s=%s", i ? ", " : " ", it->vnames.v[i],
		    shown_value(it, i, &b));
	sc_buf_free(&b);
}

void
sc_oval_item_describe(const struct sc_oval_item *it, struct sc_target *t,
    struct sc_oval_state *const *states, size_t n_states, struct sc_buf *out)
{
	const struct sc_oval_family *f = sc_oval_family_get(it->kind);

	if (it->status != SC_OVAL_STATUS_EXISTS) {
		if (it->path || it->name)
			sc_oval_item_filepath(it, out);
		sc_buf_addf(out, "%s%s%s", out->len ? ": " : "",
		    sc_oval_status_name(it->status),
		    it->message ? "" : "");
		if (it->message)
			sc_buf_addf(out, " (%s)", it->message);
		return;
	}
	if (f->describe != NULL)
		f->describe(it, t, states, n_states, out);
	else
		sc_oval_item_named_describe(it, out);
}

/* ---- system characteristics ----------------------------------------------------------- */

static xmlNsPtr
xsi_ns(xmlNodePtr n)
{
	xmlNsPtr ns = xmlSearchNsByHref(n->doc, n, (const xmlChar *)SC_OVAL_XSI_NS);

	return ns ? ns : xmlNewNs(n, (const xmlChar *)SC_OVAL_XSI_NS,
	    (const xmlChar *)"xsi");
}

xmlNodePtr
sc_oval_item_xml_child(xmlNodePtr parent, xmlNsPtr ns, const char *name,
    const char *value, const char *datatype)
{
	struct sc_buf b = SC_BUF_INIT;
	xmlNodePtr n;

	sc_buf_reset(&b);
	if (value)
		sc_xml_safe_append(&b, value, strlen(value));
	n = xmlNewChild(parent, ns, (const xmlChar *)name, NULL);
	if (value)
		xmlNodeAddContent(n, (const xmlChar *)b.data);
	if (datatype)
		xmlNewProp(n, (const xmlChar *)"datatype", (const xmlChar *)datatype);
	sc_buf_free(&b);
	return n;
}

void
sc_oval_item_named_to_xml(const struct sc_oval_item *it, xmlNodePtr n,
    xmlNsPtr ns)
{
	const char *const *ents = sc_oval_family_get(it->kind)->item_ents;
	struct sc_buf b = SC_BUF_INIT;

	for (size_t e = 0; ents[e]; e++)
		for (size_t i = 0; i < it->vnames.n; i++)
			if (strcmp(it->vnames.v[i], ents[e]) == 0)
				sc_oval_item_xml_child(n, ns, ents[e],
				    shown_value(it, i, &b), NULL);
	sc_buf_free(&b);
}

void
sc_oval_item_to_xml(const struct sc_oval_item *it, xmlNodePtr parent)
{
	const struct sc_oval_family *k = sc_oval_family_get(it->kind);
	struct sc_buf b = SC_BUF_INIT;
	char num[64];
	xmlNsPtr ns;
	xmlNodePtr n;

	ns = xmlSearchNsByHref(parent->doc, parent, (const xmlChar *)k->sc_ns);
	n = xmlNewChild(parent, NULL, (const xmlChar *)k->item, NULL);
	if (ns == NULL) {
		char pfx[32];

		snprintf(pfx, sizeof(pfx), "%s-sys", k->ns_short);
		ns = xmlNewNs(n, (const xmlChar *)k->sc_ns, (const xmlChar *)pfx);
	}
	xmlSetNs(n, ns);
	snprintf(num, sizeof(num), "%lu", it->id);
	xmlNewProp(n, (const xmlChar *)"id", (const xmlChar *)num);
	xmlNewProp(n, (const xmlChar *)"status",
	    (const xmlChar *)sc_oval_status_name(it->status));
	if (it->message) {
		xmlNodePtr m = xmlNewChild(n, xmlSearchNsByHref(parent->doc, parent,
		    (const xmlChar *)"http://oval.mitre.org/XMLSchema/oval-system-characteristics-5"),
		    (const xmlChar *)"message", NULL);

		xmlNewProp(m, (const xmlChar *)"level", (const xmlChar *)"error");
		sc_buf_reset(&b);
		sc_xml_safe_append(&b, it->message, strlen(it->message));
		xmlNodeAddContent(m, (const xmlChar *)b.data);
	}
	if (is_file_kind(it->kind)) {
		if (it->name) {
			sc_buf_reset(&b);
			sc_oval_item_filepath(it, &b);
			sc_oval_item_xml_child(n, ns, "filepath", b.data, NULL);
		}
		if (it->path)
			sc_oval_item_xml_child(n, ns, "path", it->path, NULL);
		if (it->name)
			sc_oval_item_xml_child(n, ns, "filename", it->name, NULL);
		else if (it->path)
			xmlNewNsProp(sc_oval_item_xml_child(n, ns, "filename", NULL,
			    NULL), xsi_ns(n), (const xmlChar *)"nil",
			    (const xmlChar *)"true");
	}
	if (it->status == SC_OVAL_STATUS_EXISTS) {
		if (k->to_xml != NULL)
			k->to_xml(it, n, ns);
		else
			sc_oval_item_named_to_xml(it, n, ns);
	}
	sc_buf_free(&b);
}
