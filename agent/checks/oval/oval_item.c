/*
 * oval_item.c - collected items (oval_item.h).
 */
#include "checks/oval/oval_item.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "probes/file.h"
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
	free(it->hash_type);
	free(it->hash);
	free(it->env_name);
	free(it->env_value);
	free(it->family);
	free(it);
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
	return k == SC_OVAL_KIND_FILE || k == SC_OVAL_KIND_TEXTFILECONTENT54 ||
	    k == SC_OVAL_KIND_FILEHASH58;
}

static const struct {
	const char *name;
	mode_t bit;
} mode_bits[] = {
	{ "suid", S_ISUID }, { "sgid", S_ISGID }, { "sticky", S_ISVTX },
	{ "uread", S_IRUSR }, { "uwrite", S_IWUSR }, { "uexec", S_IXUSR },
	{ "gread", S_IRGRP }, { "gwrite", S_IWGRP }, { "gexec", S_IXGRP },
	{ "oread", S_IROTH }, { "owrite", S_IWOTH }, { "oexec", S_IXOTH },
};

static int
str(struct sc_buf *out, const char *s)
{
	if (s == NULL)
		return 0;
	sc_buf_adds(out, s);
	return 1;
}

int
sc_oval_item_field(const struct sc_oval_item *it, const char *name,
    size_t idx, struct sc_buf *out)
{
	sc_buf_reset(out);
	if (strcmp(name, "subexpression") == 0) {
		if (it->kind != SC_OVAL_KIND_TEXTFILECONTENT54 || idx >= it->n_subs)
			return 0;
		sc_buf_adds(out, it->subs[idx]);
		return 1;
	}
	if (idx > 0)
		return 0;
	if (is_file_kind(it->kind)) {
		if (strcmp(name, "filepath") == 0) {
			if (it->name == NULL)
				return 0;
			sc_oval_item_filepath(it, out);
			return 1;
		}
		if (strcmp(name, "path") == 0)
			return str(out, it->path);
		if (strcmp(name, "filename") == 0)
			return it->name ? str(out, it->name) : -1;
	}
	switch (it->kind) {
	case SC_OVAL_KIND_FILE:
		if (strcmp(name, "type") == 0)
			return str(out, sc_probe_file_type(it->mode));
		if (strcmp(name, "user_id") == 0) {
			sc_buf_addf(out, "%lu", it->uid);
			return 1;
		}
		if (strcmp(name, "group_id") == 0) {
			sc_buf_addf(out, "%lu", it->gid);
			return 1;
		}
		if (strcmp(name, "size") == 0) {
			sc_buf_addf(out, "%lld", it->size);
			return 1;
		}
		if (strcmp(name, "m_time") == 0) {
			sc_buf_addf(out, "%lld", it->mtime);
			return 1;
		}
		for (size_t i = 0; i < sizeof(mode_bits) / sizeof(mode_bits[0]); i++)
			if (strcmp(name, mode_bits[i].name) == 0)
				return str(out, (it->mode & mode_bits[i].bit) ?
				    "true" : "false");
		return 0;
	case SC_OVAL_KIND_TEXTFILECONTENT54:
		if (strcmp(name, "pattern") == 0)
			return str(out, it->pattern);
		if (strcmp(name, "instance") == 0) {
			sc_buf_addf(out, "%lu", it->instance);
			return 1;
		}
		if (strcmp(name, "text") == 0)
			return str(out, it->text);
		return 0;
	case SC_OVAL_KIND_FILEHASH58:
		if (strcmp(name, "hash_type") == 0)
			return str(out, it->hash_type);
		if (strcmp(name, "hash") == 0)
			return str(out, it->hash);
		return 0;
	case SC_OVAL_KIND_ENVIRONMENTVARIABLE58:
		if (strcmp(name, "name") == 0)
			return str(out, it->env_name);
		if (strcmp(name, "value") == 0)
			return str(out, it->env_value);
		return 0;
	case SC_OVAL_KIND_FAMILY:
		return strcmp(name, "family") == 0 ? str(out, it->family) : 0;
	default:
		return 0;
	}
}

/* ---- redaction ------------------------------------------------------------------- */

static int
secret_env_name(const char *name)
{
	static const char *const words[] = { "PASSW", "SECRET", "TOKEN", "KEY",
		"CREDENTIAL", "AUTH", "PRIVATE", "COOKIE", "SESSION", NULL };
	char up[256];
	size_t i;

	for (i = 0; name[i] && i < sizeof(up) - 1; i++)
		up[i] = (char)toupper((unsigned char)name[i]);
	up[i] = '\0';
	for (i = 0; words[i]; i++)
		if (strstr(up, words[i]) != NULL)
			return 1;
	return 0;
}

static int
secret_file(const struct sc_oval_item *it)
{
	struct sc_buf fp = SC_BUF_INIT;
	int r;

	if (it->kind != SC_OVAL_KIND_TEXTFILECONTENT54)
		return 0;
	if (it->secret)
		return 1;
	sc_buf_reset(&fp);
	sc_oval_item_filepath(it, &fp);
	r = sc_redact_is_secret_path(fp.data);
	sc_buf_free(&fp);
	return r;
}

/* a line of a file as evidence shows it */
static void
shown_line(const struct sc_oval_item *it, const char *line, struct sc_buf *out)
{
	struct sc_buf fp = SC_BUF_INIT;

	if (secret_file(it)) {
		sc_redact_text(out, line, strlen(line), 1);
		return;
	}
	sc_buf_reset(&fp);
	sc_oval_item_filepath(it, &fp);
	sc_redact_line(out, fp.data, line, strlen(line));
	sc_buf_free(&fp);
}

/* ---- evidence ---------------------------------------------------------------------- */

static int
states_name(struct sc_oval_state *const *states, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (sc_oval_entity_find(states[i]->ents, states[i]->n_ents, name))
			return 1;
	return 0;
}

static void
describe_file(const struct sc_oval_item *it, struct sc_target *t,
    struct sc_oval_state *const *states, size_t n, struct sc_buf *out)
{
	int all = n == 0, mode = all, owner = all, group = all;

	for (size_t i = 0; i < sizeof(mode_bits) / sizeof(mode_bits[0]); i++)
		if (states_name(states, n, mode_bits[i].name))
			mode = 1;
	if (states_name(states, n, "type"))
		mode = 1;
	if (states_name(states, n, "user_id"))
		owner = 1;
	if (states_name(states, n, "group_id"))
		group = 1;
	sc_oval_item_filepath(it, out);
	if (mode)
		sc_buf_addf(out, " (%s, mode %04o)", sc_probe_file_type(it->mode),
		    (unsigned)(it->mode & 07777));
	if (owner) {
		sc_buf_adds(out, " owned by ");
		sc_probe_file_describe_id(t, 0, it->uid, out);
	}
	if (group) {
		sc_buf_adds(out, owner ? ", group " : " group ");
		sc_probe_file_describe_id(t, 1, it->gid, out);
	}
	if (states_name(states, n, "size"))
		sc_buf_addf(out, ", %lld bytes", it->size);
	if (states_name(states, n, "m_time"))
		sc_buf_addf(out, ", modified at %lld", it->mtime);
}

void
sc_oval_item_describe(const struct sc_oval_item *it, struct sc_target *t,
    struct sc_oval_state *const *states, size_t n_states, struct sc_buf *out)
{
	if (it->status != SC_OVAL_STATUS_EXISTS) {
		if (it->path || it->name)
			sc_oval_item_filepath(it, out);
		else if (it->env_name)
			sc_buf_adds(out, it->env_name);
		sc_buf_addf(out, "%s%s%s", out->len ? ": " : "",
		    sc_oval_status_name(it->status),
		    it->message ? "" : "");
		if (it->message)
			sc_buf_addf(out, " (%s)", it->message);
		return;
	}
	switch (it->kind) {
	case SC_OVAL_KIND_FILE:
		describe_file(it, t, states, n_states, out);
		break;
	case SC_OVAL_KIND_TEXTFILECONTENT54:
		sc_oval_item_filepath(it, out);
		sc_buf_addf(out, ":%lu: ", it->line);
		if (it->note) {
			sc_buf_addf(out, "%s (", it->note);
			shown_line(it, it->line_text ? it->line_text : "", out);
			sc_buf_addc(out, ')');
		} else {
			shown_line(it, it->line_text ? it->line_text : "", out);
		}
		break;
	case SC_OVAL_KIND_FILEHASH58:
		sc_oval_item_filepath(it, out);
		sc_buf_addf(out, ": %s %s", it->hash_type ? it->hash_type : "hash",
		    it->hash ? it->hash : "");
		break;
	case SC_OVAL_KIND_ENVIRONMENTVARIABLE58:
		sc_buf_addf(out, "%s=%s in the target's environment", it->env_name,
		    secret_env_name(it->env_name) ? "[redacted]" : it->env_value);
		break;
	case SC_OVAL_KIND_FAMILY:
		sc_buf_addf(out, "family %s", it->family);
		break;
	default:
		break;
	}
}

/* ---- system characteristics ----------------------------------------------------------- */

static xmlNsPtr
xsi_ns(xmlNodePtr n)
{
	xmlNsPtr ns = xmlSearchNsByHref(n->doc, n, (const xmlChar *)SC_OVAL_XSI_NS);

	return ns ? ns : xmlNewNs(n, (const xmlChar *)SC_OVAL_XSI_NS,
	    (const xmlChar *)"xsi");
}

static xmlNodePtr
child(xmlNodePtr parent, xmlNsPtr ns, const char *name, const char *value,
    const char *datatype)
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
sc_oval_item_to_xml(const struct sc_oval_item *it, xmlNodePtr parent)
{
	const struct sc_oval_kind_info *k = sc_oval_kind_info(it->kind);
	struct sc_buf b = SC_BUF_INIT;
	char num[64];
	xmlNsPtr ns;
	xmlNodePtr n;
	int secret = secret_file(it);

	ns = xmlSearchNsByHref(parent->doc, parent, (const xmlChar *)k->sc_ns);
	n = xmlNewChild(parent, NULL, (const xmlChar *)k->item, NULL);
	if (ns == NULL)
		ns = xmlNewNs(n, (const xmlChar *)k->sc_ns,
		    (const xmlChar *)(it->kind == SC_OVAL_KIND_FILE ? "unix-sys" :
		    "ind-sys"));
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
			child(n, ns, "filepath", b.data, NULL);
		}
		if (it->path)
			child(n, ns, "path", it->path, NULL);
		if (it->name)
			child(n, ns, "filename", it->name, NULL);
		else if (it->kind == SC_OVAL_KIND_FILE && it->path)
			xmlNewNsProp(child(n, ns, "filename", NULL, NULL),
			    xsi_ns(n), (const xmlChar *)"nil",
			    (const xmlChar *)"true");
	}
	if (it->status != SC_OVAL_STATUS_EXISTS)
		goto out;
	switch (it->kind) {
	case SC_OVAL_KIND_FILE:
		child(n, ns, "type", sc_probe_file_type(it->mode), NULL);
		snprintf(num, sizeof(num), "%lu", it->gid);
		child(n, ns, "group_id", num, "int");
		snprintf(num, sizeof(num), "%lu", it->uid);
		child(n, ns, "user_id", num, "int");
		snprintf(num, sizeof(num), "%lld", it->mtime);
		child(n, ns, "m_time", num, "int");
		snprintf(num, sizeof(num), "%lld", it->size);
		child(n, ns, "size", num, "int");
		for (size_t i = 0; i < sizeof(mode_bits) / sizeof(mode_bits[0]); i++)
			child(n, ns, mode_bits[i].name, (it->mode & mode_bits[i].bit) ?
			    "true" : "false", "boolean");
		break;
	case SC_OVAL_KIND_TEXTFILECONTENT54:
		child(n, ns, "pattern", it->pattern, NULL);
		snprintf(num, sizeof(num), "%lu", it->instance);
		child(n, ns, "instance", num, "int");
		/* every line of a multi-line match; hashes by shape anywhere */
		sc_buf_reset(&b);
		sc_redact_text(&b, it->text, strlen(it->text), secret);
		child(n, ns, "text", b.data, NULL);
		for (size_t i = 0; i < it->n_subs; i++) {
			sc_buf_reset(&b);
			if (secret)
				sc_buf_adds(&b, "[redacted]");
			else
				sc_redact_text(&b, it->subs[i],
				    strlen(it->subs[i]), 0);
			child(n, ns, "subexpression", b.data, NULL);
		}
		break;
	case SC_OVAL_KIND_FILEHASH58:
		child(n, ns, "hash_type", it->hash_type, NULL);
		child(n, ns, "hash", it->hash, NULL);
		break;
	case SC_OVAL_KIND_ENVIRONMENTVARIABLE58:
		child(n, ns, "name", it->env_name, NULL);
		child(n, ns, "value", secret_env_name(it->env_name) ? "[redacted]" :
		    it->env_value, NULL);
		break;
	case SC_OVAL_KIND_FAMILY:
		child(n, ns, "family", it->family, NULL);
		break;
	default:
		break;
	}
out:
	sc_buf_free(&b);
}
