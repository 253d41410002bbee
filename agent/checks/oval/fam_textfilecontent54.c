/*
 * fam_textfilecontent54.c - ind:textfilecontent54_test: the instances of
 * a pattern in regular files, with their subexpressions.
 *
 * Secrets: the text and subexpressions of items from password files
 * (/etc/shadow and friends, util/redact.h) are redacted in evidence and
 * results documents.
 */
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#include "checks/oval/oval_collect.h"
#include "checks/oval/oval_eval.h"
#include "checks/oval/oval_family.h"
#include "checks/oval/oval_item.h"
#include "checks/oval/oval_regex.h"
#include "probes/file.h"
#include "probes/text.h"
#include "util/redact.h"

static const char *const tfc_obj[] = { "filepath", "path", "filename",
	"pattern", "instance", NULL };
static const char *const tfc_ste[] = { "filepath", "path", "filename",
	"pattern", "instance", "text", "subexpression", NULL };

static unsigned
re_flags(const struct sc_oval_object *o)
{
	return (o->bh.multiline ? SC_RE_MULTILINE : 0) |
	    (o->bh.singleline ? SC_RE_DOTALL : 0) |
	    (o->bh.ignore_case ? SC_RE_CASELESS : 0);
}

static int
check(struct sc_oval_object *o, const char *owner, struct sc_err *err)
{
	const struct sc_oval_entity *f = sc_oval_collect_ent(o, "filename");
	const struct sc_oval_entity *pat = sc_oval_collect_ent(o, "pattern");

	if (f && f->nil)
		return sc_err_set(err, SC_ERR_PARSE, "%s: <filename> is nil",
		    owner);
	if (pat == NULL || sc_oval_collect_ent(o, "instance") == NULL)
		return sc_err_set(err, SC_ERR_PARSE,
		    "%s: needs <pattern> and <instance>", owner);
	if (pat->op != SC_OVAL_OP_PATTERN_MATCH)
		return sc_err_set(err, SC_ERR_PARSE,
		    "%s: <pattern> must use operation 'pattern match'", owner);
	if (pat->value != NULL &&
	    sc_regex_compile(&o->pattern_re, pat->value, re_flags(o), err) < 0)
		return sc_err_prefix(err, "%s", owner);
	return SC_OK;
}

/* "package dropbear 2024.86-r1 installed" for a P: line of an apk database */
static char *
apk_note(const char *filepath, const char *buf, size_t len, size_t ls,
    size_t le)
{
	static const char suffix[] = "/apk/db/installed";
	size_t fl = strlen(filepath), sl = sizeof(suffix) - 1, pos = le;
	char *name, *note;

	if (fl < sl || strcmp(filepath + fl - sl, suffix) != 0 ||
	    le - ls < 3 || strncmp(buf + ls, "P:", 2) != 0)
		return NULL;
	name = sc_xstrndup(buf + ls + 2, le - ls - 2);
	/* the V: line of the same record; records end at a blank line */
	while (pos < len) {
		size_t st = pos + 1, e;
		const char *nl;

		if (st >= len || buf[st] == '\n')
			break;
		nl = memchr(buf + st, '\n', len - st);
		e = nl ? (size_t)(nl - buf) : len;
		if (e - st > 2 && buf[st] == 'V' && buf[st + 1] == ':') {
			note = sc_xasprintf("package %s %.*s installed", name,
			    (int)(e - st - 2), buf + st + 2);
			free(name);
			return note;
		}
		pos = e;
	}
	note = sc_xasprintf("package %s installed", name);
	free(name);
	return note;
}

struct text_ctx {
	struct sc_oval_doc *d;
	struct sc_oval_object *o;
	const char *dir, *name, *pattern;
	char *filepath;
	int secret;			/* a password file: redact its items */
};

static int
text_match(void *p, const struct sc_text_match *tm)
{
	struct text_ctx *c = p;
	const struct sc_oval_entity *inst = sc_oval_collect_ent(c->o,
	    "instance");
	struct sc_oval_item *it;
	struct sc_err err = SC_ERR_INIT;
	char num[32];
	size_t ls, le;
	enum sc_oval_res r;

	snprintf(num, sizeof(num), "%lu", tm->instance);
	r = sc_oval_eval_entity_match(c->d, inst, num, &err);
	if (r == SC_OVAL_ERROR) {
		sc_oval_collect_error(c->o, "instance: %s", err.msg);
		return 1;
	}
	if (r != SC_OVAL_TRUE)
		return 0;
	it = sc_oval_item_new(SC_OVAL_KIND_TEXTFILECONTENT54);
	it->path = sc_xstrdup(c->dir);
	it->name = sc_xstrdup(c->name);
	it->pattern = sc_xstrdup(c->pattern);
	it->secret = c->secret;
	it->instance = tm->instance;
	it->line = tm->line;
	it->text = sc_xstrndup(tm->subject + tm->m->start[0],
	    tm->m->end[0] - tm->m->start[0]);
	for (size_t g = 1; g < tm->m->n; g++) {
		if (tm->m->start[g] == SC_RE_UNSET)
			continue;
		it->subs = sc_xreallocarray(it->subs, it->n_subs + 1,
		    sizeof(char *));
		it->subs[it->n_subs++] = sc_xstrndup(tm->subject + tm->m->start[g],
		    tm->m->end[g] - tm->m->start[g]);
	}
	sc_probe_text_line_bounds(tm->subject, tm->subject_len, tm->m->start[0],
	    &ls, &le);
	it->line_text = sc_xstrndup(tm->subject + ls, le - ls);
	it->note = apk_note(c->filepath, tm->subject, tm->subject_len, ls, le);
	sc_oval_collect_emit(c->d, c->o, it);
	return 0;
}

static void
collect_text(struct sc_oval_doc *d, struct sc_oval_object *o, const char *dir,
    const char *name)
{
	const struct sc_oval_entity *pe = sc_oval_collect_ent(o, "pattern");
	struct sc_strv pats = SC_STRV_INIT;
	struct sc_buf buf = SC_BUF_INIT;
	struct sc_err err = SC_ERR_INIT;
	struct text_ctx c;
	struct stat st;
	int r;

	memset(&c, 0, sizeof(c));
	c.d = d;
	c.o = o;
	c.dir = dir;
	c.name = name;
	c.filepath = sc_probe_file_join(dir, name);
	r = sc_target_read_file(d->rt->target, c.filepath, SC_TARGET_READ_MAX, &buf,
	    &st, &err);
	if (r == SC_ERR_NOTFOUND || r == SC_ERR_NOTREG)
		goto out;	/* not a regular file: nothing to match */
	if (r < 0) {
		sc_oval_collect_error(o, "%s", err.msg);
		goto out;
	}
	/* redaction is decided here, by the file read, not by its spelling */
	c.secret = sc_probe_file_is_secret(d->rt->target, c.filepath, &st);
	o->n_located++;
	if (o->pattern_re != NULL) {
		c.pattern = pe->value;
		if (sc_probe_text_scan(buf.data, buf.len, o->pattern_re, text_match,
		    &c, &err) < 0)
			sc_oval_collect_error(o, "%s: %s", c.filepath, err.msg);
		goto out;
	}
	if (sc_oval_collect_values(d, o, pe, &pats) < 0)
		goto out;
	for (size_t i = 0; i < pats.n; i++) {
		/* compiled once per scan (the scan's runtime owns it) */
		struct sc_regex *re = sc_oval_regex_get(d->rt, pats.v[i],
		    re_flags(o), &err);

		if (re == NULL) {
			sc_oval_collect_error(o, "%s", err.msg);
			continue;
		}
		c.pattern = pats.v[i];
		if (sc_probe_text_scan(buf.data, buf.len, re, text_match, &c,
		    &err) < 0)
			sc_oval_collect_error(o, "%s: %s", c.filepath, err.msg);
	}
out:
	sc_strv_free(&pats);
	sc_buf_free(&buf);
	free(c.filepath);
}

static void
located(struct sc_oval_doc *d, struct sc_oval_object *o, const char *dir,
    const char *name, const struct stat *lst)
{
	(void)lst;
	if (name != NULL)
		collect_text(d, o, dir, name);
}

static int
field(const struct sc_oval_item *it, const char *name, size_t idx,
    struct sc_buf *out)
{
	if (strcmp(name, "subexpression") == 0) {
		if (idx >= it->n_subs)
			return 0;
		sc_buf_adds(out, it->subs[idx]);
		return 1;
	}
	if (idx > 0)
		return 0;
	if (strcmp(name, "pattern") == 0)
		return sc_oval_item_str(out, it->pattern);
	if (strcmp(name, "instance") == 0) {
		sc_buf_addf(out, "%lu", it->instance);
		return 1;
	}
	if (strcmp(name, "text") == 0)
		return sc_oval_item_str(out, it->text);
	return 0;
}

/* a line of a file as evidence shows it */
static int secret_file(const struct sc_oval_item *it);

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

static void
describe(const struct sc_oval_item *it, struct sc_target *t,
    struct sc_oval_state *const *states, size_t n_states, struct sc_buf *out)
{
	(void)t;
	(void)states;
	(void)n_states;
	sc_oval_item_filepath(it, out);
	sc_buf_addf(out, ":%lu: ", it->line);
	if (it->note) {
		sc_buf_addf(out, "%s (", it->note);
		shown_line(it, it->line_text ? it->line_text : "", out);
		sc_buf_addc(out, ')');
	} else {
		shown_line(it, it->line_text ? it->line_text : "", out);
	}
}

static void
describe_none(const struct sc_oval_object *o, struct sc_buf *out)
{
	struct sc_buf where = SC_BUF_INIT;
	int exact;

	sc_buf_reset(&where);
	exact = sc_oval_collect_describe_where(o, &where);
	if (o->n_located > 0) {
		const struct sc_oval_entity *pe = sc_oval_collect_ent(o, "pattern");

		sc_buf_addf(out, "no line of %s%s matches ", exact ? "" : "a file ",
		    where.data);
		if (pe->var)
			sc_buf_addf(out, "the patterns of %s", pe->var->id);
		else
			sc_buf_adds(out, pe->value);
	} else if (exact) {
		sc_buf_addf(out, "%s does not exist or is not a regular file",
		    where.data);
	} else {
		sc_buf_addf(out, "no regular file %s exists", where.data);
	}
	sc_buf_free(&where);
}

static int
secret_file(const struct sc_oval_item *it)
{
	struct sc_buf fp = SC_BUF_INIT;
	int r;

	if (it->secret)
		return 1;
	sc_buf_reset(&fp);
	sc_oval_item_filepath(it, &fp);
	r = sc_redact_is_secret_path(fp.data);
	sc_buf_free(&fp);
	return r;
}

static void
to_xml(const struct sc_oval_item *it, xmlNodePtr n, xmlNsPtr ns)
{
	int secret = secret_file(it);
	char num[64];

	sc_oval_item_xml_child(n, ns, "pattern", it->pattern, NULL);
	snprintf(num, sizeof(num), "%lu", it->instance);
	sc_oval_item_xml_child(n, ns, "instance", num, "int");
	struct sc_buf b = SC_BUF_INIT;

	/* every line of a multi-line match; hashes by shape anywhere */
	sc_buf_reset(&b);
	sc_redact_text(&b, it->text, strlen(it->text), secret);
	sc_oval_item_xml_child(n, ns, "text", b.data, NULL);
	for (size_t i = 0; i < it->n_subs; i++) {
		sc_buf_reset(&b);
		if (secret)
			sc_buf_adds(&b, "[redacted]");
		else
			sc_redact_text(&b, it->subs[i], strlen(it->subs[i]), 0);
		sc_oval_item_xml_child(n, ns, "subexpression", b.data, NULL);
	}
	sc_buf_free(&b);
}

const struct sc_oval_family sc_fam_textfilecontent54 = {
	.ns = SC_OVAL_IND_NS,
	.prefix = "textfilecontent54",
	.ns_short = "ind",
	.sc_ns = SC_OVAL_SC_IND_NS,
	.item = "textfilecontent_item",
	.obj_ents = tfc_obj,
	.ste_ents = tfc_ste,
	.item_ents = tfc_ste,
	.flags = SC_OVAL_FAM_FILES,
	.check = check,
	.located = located,
	.field = field,
	.describe = describe,
	.describe_none = describe_none,
	.to_xml = to_xml,
};
