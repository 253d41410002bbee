/*
 * srg.c - the GPOS SRG id table (srg.h).
 */
#include "reports/srg.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "reports/assets.h"

#define SRG_ASSET "gpos-srg.tsv"
#define LEGACY_SYSTEM "http://cyber.mil/legacy"

/* the value stored for an SRG id that names several rules */
static const struct sc_srg_rule ambiguous;

/* Split line at tabs into at most max fields; returns the count. */
static size_t
split_tabs(char *line, char **f, size_t max)
{
	size_t n = 0;

	while (n < max) {
		f[n++] = line;
		line = strchr(line, '\t');
		if (line == NULL)
			break;
		*line++ = '\0';
	}
	return n;
}

static void
split_list(struct sc_strv *sv, const char *s)
{
	while (*s) {
		const char *c = strchr(s, ',');
		size_t n = c ? (size_t)(c - s) : strlen(s);
		char *item = sc_xstrndup(s, n);

		if (item[0])
			sc_strv_push_owned(sv, item);
		else
			free(item);
		s += n;
		if (*s == ',')
			s++;
	}
}

/* "SV-203591r958362_rule" -> "SV-203591" (key); returns 0 if no SV-NNN. */
static int
sv_key(const char *text, char *key, size_t n)
{
	const char *p = strstr(text ? text : "", "SV-");
	size_t d = 0;

	while (p) {
		while (p[3 + d] >= '0' && p[3 + d] <= '9')
			d++;
		if (d > 0 && d + 4 < n) {
			memcpy(key, p, 3 + d);
			key[3 + d] = '\0';
			return 1;
		}
		d = 0;
		p = strstr(p + 3, "SV-");
	}
	return 0;
}

static int
meta(struct sc_srg *s, const char *k, const char *v)
{
	static const struct { const char *key; size_t off; } keys[] = {
		{ "benchmark", offsetof(struct sc_srg, benchmark_id) },
		{ "title", offsetof(struct sc_srg, title) },
		{ "version", offsetof(struct sc_srg, version) },
		{ "release", offsetof(struct sc_srg, release) },
		{ "filename", offsetof(struct sc_srg, filename) },
		{ "source", offsetof(struct sc_srg, source) },
		{ "target-key", offsetof(struct sc_srg, target_key) },
	};

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (strcmp(keys[i].key, k) == 0) {
			*(const char **)((char *)s + keys[i].off) = v;
			return 1;
		}
	}
	return 0;
}

int
sc_srg_parse(struct sc_srg **out, const char *text, size_t len,
    const char *name, struct sc_err *err)
{
	struct sc_srg *s = sc_xcalloc(1, sizeof(*s));
	size_t cap = 0, lineno = 0;
	char *line, *next;
	int r = SC_OK;

	*out = NULL;
	s->text = sc_xstrndup(text, len);
	for (line = s->text; line && *line; line = next) {
		char *f[10];
		size_t n;

		lineno++;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		n = split_tabs(line, f, 10);
		if (f[0][0] == '@' && n == 2) {
			meta(s, f[0] + 1, f[1]);
		} else if (strcmp(f[0], "R") == 0 && n == 10) {
			SC_GROW(s->rules, cap, s->n_rules + 1);
			struct sc_srg_rule *rule = &s->rules[s->n_rules];

			memset(rule, 0, sizeof(*rule));
			rule->vuln_id = f[1];
			rule->rule_id = f[2];
			rule->srg_id = f[3];
			rule->group_title = f[4];
			rule->severity = f[5];
			rule->weight = f[6];
			split_list(&rule->ccis, f[7]);
			split_list(&rule->legacy_ids, f[8]);
			rule->title = f[9];
			rule->index = s->n_rules++;
		} else if (strcmp(f[0], "C") == 0 && n == 3) {
			sc_map_put(&s->cci_nist, f[1], f[2]);
		} else {
			r = sc_err_set(err, SC_ERR_PARSE,
			    "%s:%zu: malformed SRG table line", name, lineno);
			goto out;
		}
	}
	if (s->benchmark_id == NULL || s->release == NULL || s->n_rules == 0) {
		r = sc_err_set(err, SC_ERR_PARSE,
		    "%s: SRG table without benchmark, release or rules", name);
		goto out;
	}
	for (size_t i = 0; i < s->n_rules; i++) {
		struct sc_srg_rule *rule = &s->rules[i];
		char key[64];

		if (sv_key(rule->rule_id, key, sizeof(key)))
			sc_map_put(&s->by_sv, key, rule);
		sc_map_put(&s->by_vuln, rule->vuln_id, rule);
		if (!sc_map_add(&s->by_srg, rule->srg_id, rule))
			sc_map_put(&s->by_srg, rule->srg_id, (void *)&ambiguous);
	}
out:
	if (r < 0) {
		sc_srg_free(s);
		return r;
	}
	*out = s;
	return SC_OK;
}

int
sc_srg_builtin(struct sc_srg **out, struct sc_err *err)
{
	const struct sc_asset *a = sc_asset_find(sc_report_assets, SRG_ASSET);

	if (a == NULL)
		return sc_err_set(err, SC_ERR_INTERNAL,
		    "the SRG table is not built in");
	return sc_srg_parse(out, a->data, a->len, SRG_ASSET, err);
}

void
sc_srg_free(struct sc_srg *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->n_rules; i++) {
		sc_strv_free(&s->rules[i].ccis);
		sc_strv_free(&s->rules[i].legacy_ids);
	}
	free(s->rules);
	sc_map_free(&s->by_sv);
	sc_map_free(&s->by_vuln);
	sc_map_free(&s->by_srg);
	sc_map_free(&s->cci_nist);
	free(s->text);
	free(s);
}

char *
sc_srg_stig_ref(const struct sc_srg *s)
{
	return sc_xasprintf("%s :: Version %s, %s", s->title ? s->title : "",
	    s->version ? s->version : "", s->release);
}

const struct sc_srg_rule *
sc_srg_by_sv(const struct sc_srg *s, const char *text)
{
	char key[64];

	if (!sv_key(text, key, sizeof(key)))
		return NULL;
	return sc_map_get(&s->by_sv, key);
}

const struct sc_srg_rule *
sc_srg_by_vuln(const struct sc_srg *s, const char *vuln_id)
{
	return vuln_id ? sc_map_get(&s->by_vuln, vuln_id) : NULL;
}

const struct sc_srg_rule *
sc_srg_by_srg_id(const struct sc_srg *s, const char *srg_id)
{
	const struct sc_srg_rule *r = srg_id ? sc_map_get(&s->by_srg, srg_id) :
	    NULL;

	return r == &ambiguous ? NULL : r;
}

const char *
sc_srg_cci_nist(const struct sc_srg *s, const char *cci)
{
	return cci ? sc_map_get(&s->cci_nist, cci) : NULL;
}

/* DISA's pre-2020 ids (V-56571, SV-70831) name no current rule */
static int
legacy(const struct sc_ident *id)
{
	return id->system && strcmp(id->system, LEGACY_SYSTEM) == 0;
}

const struct sc_srg_rule *
sc_srg_match(const struct sc_srg *s, const char *idref,
    const struct sc_item *rule)
{
	const struct sc_srg_rule *r;
	size_t i;

	if ((r = sc_srg_by_sv(s, idref)) != NULL || rule == NULL)
		return r;
	for (i = 0; i < rule->n_refs; i++)
		if ((r = sc_srg_by_sv(s, rule->refs[i].text)) != NULL)
			return r;
	for (i = 0; i < rule->n_idents; i++)
		if (!legacy(&rule->idents[i]) &&
		    (r = sc_srg_by_sv(s, rule->idents[i].value)) != NULL)
			return r;
	for (i = 0; i < rule->n_refs; i++)
		if ((r = sc_srg_by_vuln(s, rule->refs[i].text)) != NULL)
			return r;
	for (i = 0; i < rule->n_idents; i++)
		if (!legacy(&rule->idents[i]) &&
		    (r = sc_srg_by_vuln(s, rule->idents[i].value)) != NULL)
			return r;
	return sc_srg_by_srg_id(s, rule->version);
}
