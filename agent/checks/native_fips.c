/*
 * native_fips.c - the shared OpenSSL 3 analysis of the FIPS kinds
 * (native_fips.h) and <sc:openssl_fips_config>, the configuration rules:
 *
 *   aspect   loads        the effective configuration loads cleanly, as
 *                         the target's libcrypto would load it
 *            provider     the FIPS provider is configured and activated
 *            properties   default_properties makes fips=yes mandatory
 *            providers    no non-FIPS provider is activated; base is
 *            activate     every `activate` means the same on every 3.x
 *            module       the FIPS section's install-version,
 *                         conditional-errors and security-checks
 */
#include "checks/native_fips.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/mem.h"

#define CACHE_KEY "native_fips.state"

static const char *const usual_confdirs[] = { "/etc/ssl", "/usr/lib/ssl",
	"/etc/pki/tls", NULL };
static const char *const usual_moddirs[] = { "/usr/lib/ossl-modules",
	"/usr/lib64/ossl-modules", "/usr/lib/x86_64-linux-gnu/ossl-modules",
	"/usr/lib/aarch64-linux-gnu/ossl-modules", NULL };
/* conf_mall.c registration order; conf_mod.c matches by name prefix */
static const char *const builtin_modules[] = { "oid_section", "stbl_section",
	"engines", "alg_section", "ssl_conf", "providers", "random", NULL };

/* ---- small helpers ----------------------------------------------------------- */

int
sc_fips_conf_bool(const char *v)
{
	static const char *const t[] = { "1", "yes", "YES", "true", "TRUE", "on",
		"ON", NULL };
	static const char *const f[] = { "0", "no", "NO", "false", "FALSE",
		"off", "OFF", NULL };

	for (size_t i = 0; t[i]; i++)
		if (strcmp(v, t[i]) == 0)
			return 1;
	for (size_t i = 0; f[i]; i++)
		if (strcmp(v, f[i]) == 0)
			return 0;
	return -1;
}

int
sc_fips_version_cmp(const struct sc_fips_state *s, int major, int minor)
{
	if (s->lib == NULL || s->lib->major < 0)
		return -2;
	return sc_openssl_version_cmp(s->lib->major, s->lib->minor, major, minor);
}

enum sc_fips_act
sc_fips_activate(const struct sc_fips_state *s, const char *v)
{
	int b = sc_fips_conf_bool(v);
	int cmp = sc_fips_version_cmp(s, 3, 3);

	if (b == 1)
		return SC_FIPS_ACT_YES;
	if (cmp == -2)
		return SC_FIPS_ACT_UNKNOWN;
	if (cmp < 0)
		return SC_FIPS_ACT_YES;	/* presence is enough before 3.3 */
	return b == 0 ? SC_FIPS_ACT_NO : SC_FIPS_ACT_ERROR;
}

void
sc_fips_describe_lib(const struct sc_fips_state *s, struct sc_buf *out)
{
	if (s->lib == NULL) {
		sc_buf_adds(out, "no libcrypto.so.3 in the target's standard "
		    "library directories");
		return;
	}
	sc_buf_addf(out, "the target's libcrypto %s (%s)",
	    s->lib->version_text ? s->lib->version_text : "of unknown version",
	    s->lib->path);
}

void
sc_fips_where(struct sc_buf *out, const struct sc_osslconf_value *v)
{
	sc_buf_addf(out, "%s:%u: %s = %s", v->file, v->line, v->name, v->value);
}

static void
add_where(struct sc_rule_result *rr, enum sc_msg_sev sev, const char *prefix,
    const struct sc_osslconf_value *v, const char *suffix)
{
	struct sc_buf b = SC_BUF_INIT;

	sc_buf_reset(&b);
	sc_buf_adds(&b, prefix);
	sc_fips_where(&b, v);
	sc_buf_adds(&b, suffix);
	sc_rr_add(rr, sev, b.data);
	sc_buf_free(&b);
}

static const char *
skip_dot(const char *name)
{
	const char *p = strchr(name, '.');

	return p ? p + 1 : name;
}

static const char *
module_of(const char *name)
{
	const char *dot = strrchr(name, '.');
	size_t n = dot ? (size_t)(dot - name) : strlen(name);

	for (size_t i = 0; builtin_modules[i]; i++)
		if (strncmp(builtin_modules[i], name, n) == 0)
			return builtin_modules[i];
	return NULL;
}

static const char *
target_env(void *ctx, const char *name)
{
	return sc_target_getenv(ctx, name);
}

static int
is_file(struct sc_target *t, const char *path)
{
	struct stat st;

	return sc_target_stat(t, path, &st, NULL) == 0 && S_ISREG(st.st_mode);
}

static int
is_dir(struct sc_target *t, const char *path)
{
	struct stat st;

	return sc_target_stat(t, path, &st, NULL) == 0 && S_ISDIR(st.st_mode);
}

/* ---- the analysis ---------------------------------------------------------------- */

static void
state_free(void *p)
{
	struct sc_fips_state *s = p;

	if (s == NULL)
		return;
	sc_libcrypto_set_free(&s->libs);
	free(s->lib_how);
	free(s->conf_path);
	free(s->conf_how);
	free(s->conf_link);
	free(s->conf_error);
	sc_osslconf_free(s->conf);
	free(s->modules_dir);
	free(s->modules_how);
	sc_strv_free(&s->module_problems);
	sc_strv_free(&s->provider_problems);
	for (size_t i = 0; i < s->nprov; i++)
		free(s->prov[i].name);
	free(s->prov);
	free(s->fips_sec_how);
	sc_osslconf_free(s->fallback);
	free(s->module_path);
	free(s->module_how);
	free(s->module_error);
	sc_fipsmod_clear(&s->module);
	free(s->key);
	free(s);
}

static struct sc_fips_state *
state_get(struct sc_target *t)
{
	struct sc_fips_state *s = sc_target_cache_get(t, CACHE_KEY);

	if (s == NULL) {
		s = sc_xcalloc(1, sizeof(*s));
		sc_target_cache_put(t, CACHE_KEY, s, state_free);
	}
	return s;
}

/* The walk finds bundled copies; the state is created empty here. */
struct fips_cache_flags {
	int watching;
	int computed;
};

static struct fips_cache_flags *
flags_get(struct sc_target *t)
{
	struct fips_cache_flags *f = sc_target_cache_get(t, CACHE_KEY ".flags");

	if (f == NULL) {
		f = sc_xcalloc(1, sizeof(*f));
		sc_target_cache_put(t, CACHE_KEY ".flags", f, free);
	}
	return f;
}

void
sc_fips_prepare(struct sc_scan_ctx *ctx)
{
	struct fips_cache_flags *f;
	struct sc_fips_state *s;

	if (ctx->walk == NULL)
		return;
	s = state_get(ctx->target);
	f = flags_get(ctx->target);
	if (f->watching || f->computed)
		return;
	f->watching = 1;
	sc_libcrypto_watch(ctx->walk, &s->libs);
}

static void
choose_lib(struct sc_fips_state *s, struct sc_target *t)
{
	struct sc_err err = SC_ERR_INIT;

	sc_libcrypto_find(t, &s->libs, &err);
	for (size_t i = 0; i < s->libs.n; i++) {
		if (s->libs.v[i].standard && s->libs.v[i].error == NULL) {
			s->lib = &s->libs.v[i];
			break;
		}
	}
	if (s->lib)
		s->lib_how = sc_xasprintf("%s: the first libcrypto.so.3 in the "
		    "dynamic loader's standard directories", s->lib->path);
	else
		s->lib_how = sc_xstrdup("no readable libcrypto.so.3 in the "
		    "dynamic loader's standard directories");
}

static void
choose_conf(struct sc_fips_state *s, struct sc_target *t)
{
	const char *env = sc_target_getenv(t, "OPENSSL_CONF");

	if (env != NULL) {
		if (env[0] == '\0') {
			s->conf_how = sc_xstrdup("OPENSSL_CONF is set to the empty "
			    "string in the target's environment: libcrypto loads "
			    "no configuration");
			return;
		}
		s->conf_path = sc_xstrdup(env);
		s->conf_how = sc_xasprintf("OPENSSL_CONF=%s in the target's "
		    "environment%s", env, env[0] == '/' ? "" : " (a relative "
		    "path: each process resolves it against its own working "
		    "directory; stigcheck reads it from /)");
		return;
	}
	if (s->lib && s->lib->openssldir) {
		s->conf_path = sc_xasprintf("%s/openssl.cnf", s->lib->openssldir);
		s->conf_how = sc_xasprintf("OPENSSLDIR \"%s\" compiled into %s "
		    "(OPENSSL_CONF is not set in the target's environment)",
		    s->lib->openssldir, s->lib->path);
		return;
	}
	for (size_t i = 0; usual_confdirs[i]; i++) {
		char *p = sc_xasprintf("%s/openssl.cnf", usual_confdirs[i]);

		if (is_file(t, p)) {
			s->conf_path = p;
			s->conf_how = sc_xasprintf("%s: the first openssl.cnf in "
			    "the usual places (%s; OPENSSLDIR unknown)", p,
			    s->lib ? "libcrypto has no OPENSSLDIR string" :
			    "no libcrypto found");
			return;
		}
		free(p);
	}
	s->conf_path = sc_xstrdup("/etc/ssl/openssl.cnf");
	s->conf_how = sc_xstrdup("no OPENSSLDIR known and no openssl.cnf in "
	    "/etc/ssl, /usr/lib/ssl or /etc/pki/tls");
}

static void
load_conf(struct sc_fips_state *s, struct sc_target *t)
{
	struct sc_osslconf_opts o = { 0 };
	struct sc_err err = SC_ERR_INIT;
	struct sc_buf link = SC_BUF_INIT;
	struct stat st;

	if (s->conf_path == NULL)
		return;
	if (sc_target_lstat(t, s->conf_path, &st, NULL) == 0 &&
	    S_ISLNK(st.st_mode) &&
	    sc_target_readlink(t, s->conf_path, &link, NULL) == 0)
		s->conf_link = sc_buf_detach(&link);
	sc_buf_free(&link);
	o.target = t;
	o.include_dir = sc_target_getenv(t, "OPENSSL_CONF_INCLUDE");
	o.getenv = target_env;
	o.getenv_ctx = t;
	s->conf_status = sc_osslconf_load_file(&s->conf, s->conf_path, &o, &err);
	if (s->conf_status < 0)
		s->conf_error = sc_xstrdup(err.msg);
}

static void
choose_modules_dir(struct sc_fips_state *s, struct sc_target *t)
{
	const char *env = sc_target_getenv(t, "OPENSSL_MODULES");

	if (env != NULL && env[0] != '\0') {
		s->modules_dir = sc_xstrdup(env);
		s->modules_how = sc_xasprintf("OPENSSL_MODULES=%s in the target's "
		    "environment", env);
		return;
	}
	if (s->lib && s->lib->modulesdir) {
		s->modules_dir = sc_xstrdup(s->lib->modulesdir);
		s->modules_how = sc_xasprintf("MODULESDIR \"%s\" compiled into %s",
		    s->lib->modulesdir, s->lib->path);
		return;
	}
	for (size_t i = 0; usual_moddirs[i]; i++) {
		if (is_dir(t, usual_moddirs[i])) {
			s->modules_dir = sc_xstrdup(usual_moddirs[i]);
			s->modules_how = sc_xasprintf("%s: the first provider "
			    "directory in the usual places (MODULESDIR unknown)",
			    usual_moddirs[i]);
			return;
		}
	}
	s->modules_dir = sc_xstrdup("/usr/lib/ossl-modules");
	s->modules_how = sc_xstrdup("MODULESDIR unknown and no provider "
	    "directory in the usual places");
}

/* provider_conf_init + provider_conf_load; 0 when the module fails. */
static int
replay_providers(struct sc_fips_state *s, const struct sc_osslconf_value *ref)
{
	const struct sc_osslconf_section *ps = sc_osslconf_section(s->conf,
	    ref->value);

	s->providers_seen = 1;
	if (ps == NULL) {
		sc_strv_push_owned(&s->provider_problems, sc_xasprintf("%s:%u: "
		    "%s = %s names a section that does not exist: the providers "
		    "module fails", ref->file, ref->line, ref->name, ref->value));
		return 0;
	}
	for (size_t i = 0; i < ps->n; i++) {
		const struct sc_osslconf_value *e = &ps->v[i];
		struct sc_fips_provider *p;

		SC_GROW(s->prov, s->capprov, s->nprov + 1);
		p = &s->prov[s->nprov++];
		memset(p, 0, sizeof(*p));
		p->entry = e;
		p->sec = sc_osslconf_section(s->conf, e->value);
		p->name = sc_xstrdup(skip_dot(e->name));
		p->act = SC_FIPS_ACT_NO;
		if (p->sec == NULL) {
			sc_strv_push_owned(&s->provider_problems, sc_xasprintf(
			    "%s:%u: %s = %s: section [%s] does not exist: the "
			    "providers module fails", e->file, e->line, e->name,
			    e->value, e->value));
			goto failed;
		}
		for (size_t k = 0; k < p->sec->n; k++) {
			const struct sc_osslconf_value *c = &p->sec->v[k];
			const char *cn = skip_dot(c->name);

			if (strcmp(cn, "identity") == 0) {
				free(p->name);
				p->name = sc_xstrdup(c->value);
			} else if (strcmp(cn, "module") == 0) {
				p->module = c;
			} else if (strcmp(cn, "activate") == 0) {
				p->activate = c;
			}
		}
		if (p->activate != NULL) {
			p->act = sc_fips_activate(s, p->activate->value);
			if (p->act == SC_FIPS_ACT_ERROR) {
				sc_strv_push_owned(&s->provider_problems, sc_xasprintf(
				    "%s:%u: activate = %s is not a boolean: OpenSSL "
				    "3.3 and later refuse it and the providers module "
				    "fails", p->activate->file, p->activate->line,
				    p->activate->value));
				goto failed;
			}
		}
	}
	return 1;
failed:
	/* providers after the failing one are not configured */
	return 0;
}

/* CONF_modules_load with the default flags (no IGNORE_ERRORS). */
static void
replay_modules(struct sc_fips_state *s)
{
	const struct sc_osslconf_value *v;

	if (s->conf == NULL)
		return;
	s->init_name = sc_osslconf_get_string(s->conf, NULL, "openssl_conf", &v);
	s->init_entry = v;
	if (s->init_name == NULL)
		return;
	s->init_sec = sc_osslconf_section(s->conf, s->init_name);
	if (s->init_sec == NULL)
		return;
	for (size_t i = 0; i < s->init_sec->n; i++) {
		const struct sc_osslconf_value *e = &s->init_sec->v[i];
		const char *m = module_of(e->name);
		int ok = 1;

		if (m == NULL) {
			sc_strv_push_owned(&s->module_problems, sc_xasprintf(
			    "%s:%u: %s: not a module libcrypto knows (and not a "
			    "loadable one): configuration stops here", e->file,
			    e->line, e->name));
			ok = 0;
		} else if (strcmp(m, "providers") == 0) {
			ok = replay_providers(s, e);
		} else if (strcmp(m, "alg_section") == 0) {
			s->alg_entry = e;
			s->alg_sec = sc_osslconf_section(s->conf, e->value);
			if (s->alg_sec == NULL) {
				sc_strv_push_owned(&s->module_problems, sc_xasprintf(
				    "%s:%u: %s = %s: section [%s] does not exist: "
				    "configuration stops here", e->file, e->line,
				    e->name, e->value, e->value));
				ok = 0;
			}
		} else if (strcmp(m, "random") == 0) {
			s->random_entry = e;
			s->random_sec = sc_osslconf_section(s->conf, e->value);
			if (s->random_sec == NULL) {
				sc_strv_push_owned(&s->module_problems, sc_xasprintf(
				    "%s:%u: %s = %s: section [%s] does not exist: "
				    "configuration stops here", e->file, e->line,
				    e->name, e->value, e->value));
				ok = 0;
			}
		}
		if (!ok) {
			/* CONF_modules_load stops at the first failing module */
			if (i + 1 < s->init_sec->n)
				sc_strv_push_owned(&s->module_problems, sc_xasprintf(
				    "%s:%u: the entries after this one in [%s] are "
				    "never run", e->file, e->line, s->init_name));
			break;
		}
	}
}

static void
find_fips(struct sc_fips_state *s, struct sc_target *t)
{
	const char *mp = NULL;

	for (size_t i = 0; i < s->nprov; i++)
		if (strcmp(s->prov[i].name, "fips") == 0)
			s->fips = &s->prov[i];
	if (s->fips && s->fips->sec) {
		s->fips_sec = s->fips->sec;
		s->fips_sec_how = sc_xasprintf("section [%s] of the effective "
		    "configuration (%s:%u: %s = %s)", s->fips->sec->name,
		    s->fips->entry->file, s->fips->entry->line,
		    s->fips->entry->name, s->fips->entry->value);
		if (s->fips->module)
			mp = s->fips->module->value;
	} else {
		/* the installed module configuration, for the module rules */
		struct sc_osslconf_opts o = { 0 };
		char *p = sc_xasprintf("%s/fipsmodule.cnf", s->lib &&
		    s->lib->openssldir ? s->lib->openssldir : "/etc/ssl");

		o.target = t;
		if (sc_osslconf_load_file(&s->fallback, p, &o, NULL) == 0 &&
		    (s->fips_sec = sc_osslconf_section(s->fallback,
		    "fips_sect")) != NULL)
			s->fips_sec_how = sc_xasprintf("[fips_sect] of the installed "
			    "%s (the effective configuration does not configure "
			    "the fips provider)", p);
		free(p);
	}
	if (mp != NULL && mp[0] == '/') {
		s->module_path = sc_xstrdup(mp);
		s->module_how = sc_xasprintf("module = %s in [%s]", mp,
		    s->fips->sec->name);
	} else if (mp != NULL) {
		s->module_path = sc_xasprintf("%s/%s", s->modules_dir, mp);
		s->module_how = sc_xasprintf("module = %s in [%s], relative to the "
		    "modules directory (%s)", mp, s->fips->sec->name,
		    s->modules_how);
	} else {
		s->module_path = sc_xasprintf("%s/fips.so", s->modules_dir);
		s->module_how = sc_xasprintf("fips.so in the modules directory (%s)",
		    s->modules_how);
	}
}

static void
probe_module(struct sc_fips_state *s, struct sc_target *t)
{
	struct sc_err err = SC_ERR_INIT;

	s->key = sc_xstrdup(SC_FIPSMOD_DEFAULT_KEY);
	s->module_status = sc_fipsmod_probe(t, s->module_path, s->key,
	    &s->module, &err);
	if (s->module_status < 0)
		s->module_error = sc_xstrdup(err.msg);
}

static void
add_facts(struct sc_fips_state *s, struct sc_target *t)
{
	struct sc_buf b = SC_BUF_INIT;

	if (s->lib) {
		sc_target_add_fact(t, SC_FIPS_FACT "libcrypto:path", "string",
		    s->lib->path);
		if (s->lib->version_text)
			sc_target_add_fact(t, SC_FIPS_FACT "libcrypto:version",
			    "string", s->lib->version_text);
	}
	for (size_t i = 0; i < s->libs.n; i++)
		if (&s->libs.v[i] != s->lib)
			sc_target_add_fact(t, SC_FIPS_FACT "libcrypto:other-copy",
			    "string", s->libs.v[i].path);
	sc_target_add_fact(t, SC_FIPS_FACT "config:path", "string",
	    s->conf_path ? s->conf_path : "(none: OPENSSL_CONF is empty)");
	sc_target_add_fact(t, SC_FIPS_FACT "modules:dir", "string",
	    s->modules_dir);
	if (s->module_status == SC_OK) {
		if (s->module.name)
			sc_target_add_fact(t, SC_FIPS_FACT "fips-provider:name",
			    "string", s->module.name);
		if (s->module.version)
			sc_target_add_fact(t, SC_FIPS_FACT "fips-provider:version",
			    "string", s->module.version);
		sc_target_add_fact(t, SC_FIPS_FACT "fips-provider:path", "string",
		    s->module_path);
	}
	/* the kernel's FIPS flag means something only for a running container */
	if (sc_target_kind(t) == SC_TARGET_CONTAINER) {
		sc_buf_reset(&b);
		if (sc_target_read_file(t, "/proc/sys/crypto/fips_enabled", 64, &b,
		    NULL, NULL) == 0) {
			while (b.len && (b.data[b.len - 1] == '\n'))
				b.data[--b.len] = '\0';
			sc_target_add_fact(t,
			    "urn:stigcheck:fact:kernel:fips_enabled", "string",
			    b.data);
		}
	}
	sc_buf_free(&b);
}

/* Steps 2-4 of the analysis, once s->lib is chosen. */
static void
analyze(struct sc_fips_state *s, struct sc_target *t)
{
	choose_conf(s, t);
	load_conf(s, t);
	choose_modules_dir(s, t);
	replay_modules(s);
	find_fips(s, t);
	probe_module(s, t);
}

struct sc_fips_state *
sc_fips_state(struct sc_scan_ctx *ctx)
{
	struct sc_target *t = ctx->target;
	struct sc_fips_state *s = state_get(t);
	struct fips_cache_flags *f = flags_get(t);

	if (f->computed)
		return s;
	f->computed = 1;
	choose_lib(s, t);
	analyze(s, t);
	add_facts(s, t);
	return s;
}

/* ---- apk database ------------------------------------------------------------- */

void
sc_fips_apk_packages(struct sc_target *t, const char *prefix,
    struct sc_strv *out, const char **db)
{
	static const char *const dbs[] = { "/usr/lib/apk/db/installed",
		"/lib/apk/db/installed", NULL };
	struct sc_buf b = SC_BUF_INIT;
	size_t pl = strlen(prefix);

	if (db)
		*db = NULL;
	for (size_t i = 0; dbs[i]; i++) {
		const char *l, *end;

		if (sc_target_read_file(t, dbs[i], 64u << 20, &b, NULL, NULL) < 0)
			continue;
		if (db)
			*db = dbs[i];
		end = b.data + b.len;
		for (l = b.data; l < end;) {
			const char *nl = memchr(l, '\n', (size_t)(end - l));
			size_t n = nl ? (size_t)(nl - l) : (size_t)(end - l);

			if (n > 2 + pl && l[0] == 'P' && l[1] == ':' &&
			    strncmp(l + 2, prefix, pl) == 0)
				sc_strv_push_owned(out, sc_xstrndup(l + 2, n - 2));
			else if (n == 2 + pl && l[0] == 'P' && l[1] == ':' &&
			    strncmp(l + 2, prefix, pl) == 0)
				sc_strv_push(out, prefix);
			l = nl ? nl + 1 : end;
		}
		break;
	}
	sc_buf_free(&b);
}

int
sc_fips_apk_has(struct sc_target *t, const char *name)
{
	struct sc_strv v = SC_STRV_INIT;
	int found;

	sc_fips_apk_packages(t, name, &v, NULL);
	found = sc_strv_find(&v, name) >= 0;
	sc_strv_free(&v);
	return found;
}

/* ---- evidence shared by the kinds ------------------------------------------------ */

enum sc_result
sc_fips_need_conf(const struct sc_fips_state *s, struct sc_rule_result *rr)
{
	if (s->conf_path == NULL) {
		sc_rr_add(rr, SC_MSG_ERROR, s->conf_how);
		return SC_RESULT_FAIL;
	}
	if (s->conf == NULL) {
		if (s->conf_status == SC_ERR_NOTFOUND)
			sc_rr_addf(rr, SC_MSG_ERROR, "%s does not exist in the "
			    "target%s%s%s: libcrypto runs with no configuration "
			    "(no FIPS provider; the default provider is loaded "
			    "implicitly)", s->conf_path, s->conf_link ?
			    " (a symbolic link to " : "", s->conf_link ?
			    s->conf_link : "", s->conf_link ? ", resolved inside "
			    "the target as the container resolves it)" : "");
		else
			sc_rr_addf(rr, SC_MSG_ERROR, "%s: libcrypto cannot load "
			    "this configuration", s->conf_error);
		sc_rr_addf(rr, SC_MSG_INFO, "configuration file: %s", s->conf_how);
		return SC_RESULT_FAIL;
	}
	return SC_RESULT_PASS;
}

/* ---- aspects ----------------------------------------------------------------------- */

enum { ASPECT_LOADS, ASPECT_PROVIDER, ASPECT_PROPERTIES, ASPECT_PROVIDERS,
	ASPECT_ACTIVATE, ASPECT_MODULE };
static const char *const aspect_names[] = { "loads", "provider", "properties",
	"providers", "activate", "module", NULL };

static enum sc_result
eval_loads(struct sc_fips_state *s, struct sc_rule_result *rr)
{
	enum sc_result res = SC_RESULT_PASS;
	const struct sc_osslconf_note *notes;
	const struct sc_osslconf_value *diag;
	struct sc_buf b = SC_BUF_INIT;
	size_t n;

	sc_buf_reset(&b);
	sc_fips_describe_lib(s, &b);
	sc_rr_add(rr, SC_MSG_INFO, b.data);
	for (size_t i = 0; i < s->libs.n; i++)
		if (&s->libs.v[i] != s->lib)
			sc_rr_addf(rr, SC_MSG_WARNING, "another libcrypto copy: %s "
			    "(%s): programs that load it read their configuration "
			    "as it directs", s->libs.v[i].path,
			    s->libs.v[i].version_text ? s->libs.v[i].version_text :
			    "version unknown");
	if (sc_fips_need_conf(s, rr) != SC_RESULT_PASS) {
		sc_buf_free(&b);
		return SC_RESULT_FAIL;
	}
	sc_rr_addf(rr, SC_MSG_INFO, "configuration file %s: %s", s->conf_path,
	    s->conf_how);
	if (s->conf_link)
		sc_rr_addf(rr, SC_MSG_INFO, "%s is a symbolic link to %s "
		    "(resolved inside the target)", s->conf_path, s->conf_link);
	notes = sc_osslconf_notes(s->conf, &n);
	for (size_t i = 0; i < n; i++) {
		switch (notes[i].kind) {
		case SC_OSSLCONF_INCLUDED:
			sc_rr_add(rr, SC_MSG_INFO, notes[i].text);
			break;
		case SC_OSSLCONF_DIR_ORDER:
			sc_rr_add(rr, SC_MSG_WARNING, notes[i].text);
			break;
		default:
			sc_rr_add(rr, SC_MSG_ERROR, notes[i].text);
			res = SC_RESULT_FAIL;
			break;
		}
	}
	if (s->init_name != NULL && s->init_sec == NULL) {
		add_where(rr, SC_MSG_ERROR, "", s->init_entry,
		    ": no such section: libcrypto refuses the configuration");
		res = SC_RESULT_FAIL;
	}
	for (size_t i = 0; i < s->module_problems.n; i++) {
		sc_rr_add(rr, SC_MSG_ERROR, s->module_problems.v[i]);
		res = SC_RESULT_FAIL;
	}
	for (size_t i = 0; i < s->provider_problems.n; i++) {
		sc_rr_add(rr, SC_MSG_ERROR, s->provider_problems.v[i]);
		res = SC_RESULT_FAIL;
	}
	if (sc_osslconf_get_string(s->conf, NULL, "config_diagnostics", &diag) &&
	    diag && strspn(diag->value, "0123456789") == strlen(diag->value) &&
	    strtol(diag->value, NULL, 10) != 0) {
		add_where(rr, SC_MSG_INFO, "", diag, ": configuration errors are "
		    "fatal");
	} else {
		if (diag)
			add_where(rr, SC_MSG_ERROR, "", diag, "");
		sc_rr_addf(rr, SC_MSG_ERROR, "config_diagnostics is not set to a "
		    "non-zero number in the default section of %s: a "
		    "configuration error (a missing provider section, a module "
		    "that fails) is then ignored and programs run without the "
		    "FIPS provider instead of stopping", s->conf_path);
		res = SC_RESULT_FAIL;
	}
	if (res == SC_RESULT_PASS)
		sc_rr_addf(rr, SC_MSG_INFO, "%s loads cleanly: %zu file%s read, "
		    "every include found inside the target", s->conf_path,
		    sc_osslconf_files(s->conf)->n,
		    sc_osslconf_files(s->conf)->n == 1 ? "" : "s");
	sc_buf_free(&b);
	return res;
}

/* Why the configuration configures no providers at all, or NULL. */
static int
need_init(struct sc_fips_state *s, struct sc_rule_result *rr)
{
	if (sc_fips_need_conf(s, rr) != SC_RESULT_PASS)
		return 0;
	if (s->init_name == NULL) {
		sc_rr_addf(rr, SC_MSG_ERROR, "%s has no openssl_conf in its "
		    "default section: libcrypto configures no providers and loads "
		    "the default provider implicitly", s->conf_path);
		return 0;
	}
	if (s->init_sec == NULL) {
		add_where(rr, SC_MSG_ERROR, "", s->init_entry,
		    ": no such section");
		return 0;
	}
	return 1;
}

static const char *
act_words(enum sc_fips_act a)
{
	switch (a) {
	case SC_FIPS_ACT_YES:
		return "activated";
	case SC_FIPS_ACT_NO:
		return "not activated";
	case SC_FIPS_ACT_ERROR:
		return "refused (the providers module fails)";
	default:
		return "activated or not depending on the libcrypto version, "
		    "which is unknown";
	}
}

static enum sc_result
eval_provider(struct sc_fips_state *s, struct sc_rule_result *rr)
{
	const struct sc_fips_provider *p = NULL;
	struct sc_buf b = SC_BUF_INIT;
	enum sc_result res = SC_RESULT_PASS;

	if (!need_init(s, rr))
		return SC_RESULT_FAIL;
	for (size_t i = 0; i < s->provider_problems.n; i++)
		sc_rr_add(rr, SC_MSG_ERROR, s->provider_problems.v[i]);
	for (size_t i = 0; i < s->module_problems.n; i++)
		sc_rr_add(rr, SC_MSG_ERROR, s->module_problems.v[i]);
	if (!s->providers_seen) {
		sc_rr_addf(rr, SC_MSG_ERROR, "[%s] has no providers entry: no "
		    "provider is configured and the default provider is loaded "
		    "implicitly", s->init_name);
		return SC_RESULT_FAIL;
	}
	for (size_t i = 0; i < s->nprov; i++)
		if (strcmp(s->prov[i].name, "fips") == 0)
			p = &s->prov[i];
	if (p == NULL) {
		sc_rr_addf(rr, SC_MSG_ERROR, "no provider named fips in the "
		    "providers section(s) of %s", s->conf_path);
		return SC_RESULT_FAIL;
	}
	sc_buf_reset(&b);
	sc_fips_where(&b, p->entry);
	if (p->sec == NULL) {
		sc_rr_addf(rr, SC_MSG_ERROR, "%s: section [%s] does not exist",
		    b.data, p->entry->value);
		res = SC_RESULT_FAIL;
	} else if (p->activate == NULL) {
		sc_rr_addf(rr, SC_MSG_ERROR, "%s: [%s] has no activate: the FIPS "
		    "provider is configured but not activated", b.data,
		    p->sec->name);
		res = SC_RESULT_FAIL;
	} else {
		sc_rr_addf(rr, SC_MSG_INFO, "%s", b.data);
		sc_buf_reset(&b);
		sc_fips_describe_lib(s, &b);
		add_where(rr, p->act == SC_FIPS_ACT_YES ? SC_MSG_INFO :
		    SC_MSG_ERROR, "", p->activate, "");
		sc_rr_addf(rr, p->act == SC_FIPS_ACT_YES ? SC_MSG_INFO :
		    SC_MSG_ERROR, "the fips provider is %s with %s",
		    act_words(p->act), b.data);
		if (p->act == SC_FIPS_ACT_YES &&
		    sc_fips_conf_bool(p->activate->value) != 1)
			sc_rr_addf(rr, SC_MSG_WARNING, "activate = %s activates it "
			    "only because this libcrypto is older than 3.3; see "
			    "the activate rule", p->activate->value);
		if (p->act == SC_FIPS_ACT_UNKNOWN)
			res = SC_RESULT_ERROR;
		else if (p->act != SC_FIPS_ACT_YES)
			res = SC_RESULT_FAIL;
	}
	sc_buf_free(&b);
	return res;
}

static int
module_present(struct sc_fips_state *s, struct sc_rule_result *rr)
{
	if (s->module_status == SC_OK) {
		sc_rr_addf(rr, SC_MSG_INFO, "FIPS module %s (%s): %s %s",
		    s->module_path, s->module_how, s->module.name ?
		    s->module.name : "name unknown", s->module.version ?
		    s->module.version : "version unknown");
		return 1;
	}
	sc_rr_addf(rr, SC_MSG_ERROR, "FIPS module %s (%s): %s: the fips provider "
	    "cannot load", s->module_path, s->module_how, s->module_error);
	return 0;
}

/* default_properties as a property query: is fips=yes mandatory? */
static int
props_fips(const char *q, struct sc_buf *why)
{
	int mandatory = 0;
	const char *p = q;

	while (*p) {
		size_t n = strcspn(p, ",");
		char *cl = sc_xstrndup(p, n), *c = cl, *eq, *end;
		int optional = 0, neg = 0;

		while (*c == ' ' || *c == '\t')
			c++;
		end = c + strlen(c);
		while (end > c && (end[-1] == ' ' || end[-1] == '\t'))
			*--end = '\0';
		if (*c == '?') {
			optional = 1;
			c++;
		} else if (*c == '-') {
			neg = 1;
			c++;
		}
		eq = strchr(c, '=');
		if (eq && eq > c && eq[-1] == '!') {
			eq[-1] = '\0';
			neg = !neg;
		} else if (eq) {
			*eq = '\0';
		}
		{
			char *nm = c, *ne = nm + strlen(nm);
			const char *val = eq ? eq + 1 : "yes";

			while (ne > nm && (ne[-1] == ' ' || ne[-1] == '\t'))
				*--ne = '\0';
			while (*val == ' ' || *val == '\t')
				val++;
			if (strcasecmp(nm, "fips") == 0) {
				int yes = strcasecmp(val, "yes") == 0 ||
				    strcasecmp(val, "\"yes\"") == 0;

				if (neg || !yes) {
					sc_buf_addf(why, "'%s' excludes or negates fips",
					    cl);
					mandatory = 0;
				} else if (optional) {
					sc_buf_addf(why, "'%s' is only a preference: a "
					    "fetch falls back to a non-FIPS implementation "
					    "when no FIPS one matches", cl);
					mandatory = 0;
				} else {
					mandatory = 1;
				}
			}
		}
		free(cl);
		p += n;
		if (*p == ',')
			p++;
	}
	return mandatory;
}

static int
x509_bool(const char *v)
{
	static const char *const t[] = { "TRUE", "true", "Y", "y", "YES", "yes",
		NULL };
	static const char *const f[] = { "FALSE", "false", "N", "n", "NO", "no",
		NULL };

	for (size_t i = 0; t[i]; i++)
		if (strcmp(v, t[i]) == 0)
			return 1;
	for (size_t i = 0; f[i]; i++)
		if (strcmp(v, f[i]) == 0)
			return 0;
	return -1;
}

static enum sc_result
eval_properties(struct sc_fips_state *s, struct sc_rule_result *rr)
{
	struct sc_buf why = SC_BUF_INIT;
	int mandatory = 0, seen = 0;

	if (!need_init(s, rr))
		return SC_RESULT_FAIL;
	if (s->alg_sec == NULL) {
		sc_rr_addf(rr, SC_MSG_ERROR, "[%s] has no usable alg_section: no "
		    "default property query is set, so fetches may return "
		    "non-FIPS implementations", s->init_name);
		return SC_RESULT_FAIL;
	}
	sc_buf_reset(&why);
	for (size_t i = 0; i < s->alg_sec->n; i++) {
		const struct sc_osslconf_value *v = &s->alg_sec->v[i];

		if (strcmp(v->name, "default_properties") == 0) {
			sc_buf_reset(&why);
			mandatory = props_fips(v->value, &why);
			seen = 1;
			add_where(rr, mandatory ? SC_MSG_INFO : SC_MSG_ERROR, "", v,
			    mandatory ? ": fips=yes is mandatory for every fetch "
			    "that does not override it" : "");
			if (why.len)
				sc_rr_add(rr, SC_MSG_ERROR, why.data);
		} else if (strcmp(v->name, "fips_mode") == 0) {
			int b = x509_bool(v->value);

			seen = 1;
			mandatory = b == 1;
			add_where(rr, b == 1 ? SC_MSG_WARNING : SC_MSG_ERROR, "", v,
			    b == 1 ? ": deprecated spelling of default_properties "
			    "= fips=yes" : ": does not require FIPS");
		}
	}
	sc_buf_free(&why);
	if (!seen)
		sc_rr_addf(rr, SC_MSG_ERROR, "[%s] sets no default_properties: "
		    "fetches may return non-FIPS implementations",
		    s->alg_sec->name);
	return mandatory ? SC_RESULT_PASS : SC_RESULT_FAIL;
}

static enum sc_result
eval_providers(struct sc_fips_state *s, struct sc_rule_result *rr)
{
	enum sc_result res = SC_RESULT_PASS;
	int any = 0, base = 0, deflt = 0;
	struct sc_buf b = SC_BUF_INIT;

	if (!need_init(s, rr))
		return SC_RESULT_FAIL;
	for (size_t i = 0; i < s->nprov; i++) {
		const struct sc_fips_provider *p = &s->prov[i];

		if (p->act != SC_FIPS_ACT_YES)
			continue;
		any = 1;
		sc_buf_reset(&b);
		sc_fips_where(&b, p->activate);
		if (strcmp(p->name, "base") == 0) {
			base = 1;
			sc_rr_addf(rr, SC_MSG_INFO, "base provider activated (%s)",
			    b.data);
		} else if (strcmp(p->name, "fips") == 0) {
			sc_rr_addf(rr, SC_MSG_INFO, "fips provider activated (%s)",
			    b.data);
		} else if (strcmp(p->name, "null") == 0) {
			sc_rr_addf(rr, SC_MSG_INFO, "null provider activated (%s): "
			    "it implements no algorithms", b.data);
		} else {
			if (strcmp(p->name, "default") == 0)
				deflt = 1;
			sc_rr_addf(rr, SC_MSG_ERROR, "%s provider activated (%s): its "
			    "non-approved algorithms are available to any program "
			    "that asks for them with its own property query "
			    "(default_properties is only a default)", p->name,
			    b.data);
			res = SC_RESULT_FAIL;
		}
	}
	if (!any) {
		sc_rr_add(rr, SC_MSG_ERROR, "no provider is activated: libcrypto "
		    "loads the default provider implicitly");
		res = SC_RESULT_FAIL;
	} else if (!base && !deflt) {
		sc_rr_add(rr, SC_MSG_ERROR, "the base provider is not activated: "
		    "without it (or the default provider) keys and certificates "
		    "cannot be decoded or encoded");
		res = SC_RESULT_FAIL;
	}
	sc_buf_free(&b);
	return res;
}

static enum sc_result
eval_activate(struct sc_fips_state *s, struct sc_rule_result *rr)
{
	enum sc_result res = SC_RESULT_PASS;
	struct sc_buf lib = SC_BUF_INIT;
	int seen = 0;

	if (s->conf == NULL || s->init_sec == NULL) {
		/* Nothing to judge: not a pass, which would read as a FIPS
		 * setting found sound. */
		sc_rr_addf(rr, SC_MSG_INFO, "%s configures no providers, so "
		    "there is no activate setting to judge (the other FIPS "
		    "rules report what that means)",
		    s->conf_path ? s->conf_path : "libcrypto");
		return SC_RESULT_NOTAPPLICABLE;
	}
	sc_buf_reset(&lib);
	sc_fips_describe_lib(s, &lib);
	for (size_t i = 0; i < s->nprov; i++) {
		const struct sc_fips_provider *p = &s->prov[i];

		if (p->sec == NULL)
			continue;
		for (size_t k = 0; k < p->sec->n; k++) {
			const struct sc_osslconf_value *v = &p->sec->v[k];
			int b;

			if (strcmp(skip_dot(v->name), "activate") != 0)
				continue;
			seen = 1;
			b = sc_fips_conf_bool(v->value);
			if (b == 1) {
				add_where(rr, SC_MSG_INFO, "", v, ": activates the "
				    "provider with every OpenSSL 3 version");
				continue;
			}
			res = SC_RESULT_FAIL;
			add_where(rr, SC_MSG_ERROR, "", v, b == 0 ?
			    ": before OpenSSL 3.3 the key alone activates the "
			    "provider, whatever its value; from 3.3 this value "
			    "means 'do not activate'" :
			    ": before OpenSSL 3.3 the key alone activates the "
			    "provider; from 3.3 this value is refused and the "
			    "configuration fails");
			sc_rr_addf(rr, SC_MSG_ERROR, "with %s, the %s provider is %s",
			    lib.data, p->name, act_words(sc_fips_activate(s,
			    v->value)));
		}
	}
	if (!seen)
		sc_rr_add(rr, SC_MSG_INFO, "no provider section has an activate "
		    "key");
	sc_buf_free(&lib);
	return res;
}

static enum sc_result
eval_module(struct sc_fips_state *s, struct sc_rule_result *rr)
{
	static const char *const must_not_be_zero[] = { "conditional-errors",
		"security-checks", NULL };
	const struct sc_osslconf_value *v;
	enum sc_result res = SC_RESULT_PASS;

	if (s->fips_sec == NULL) {
		sc_rr_addf(rr, SC_MSG_ERROR, "no FIPS module configuration: the "
		    "effective configuration has no fips provider section and "
		    "no installed fipsmodule.cnf with [fips_sect] was found");
		return SC_RESULT_FAIL;
	}
	sc_rr_addf(rr, SC_MSG_INFO, "FIPS module parameters: %s",
	    s->fips_sec_how);
	v = NULL;
	for (size_t i = 0; i < s->fips_sec->n; i++)
		if (strcmp(s->fips_sec->v[i].name, "install-version") == 0)
			v = &s->fips_sec->v[i];
	if (v == NULL) {
		sc_rr_addf(rr, SC_MSG_ERROR, "[%s] has no install-version: the "
		    "module configuration was not written by fipsinstall",
		    s->fips_sec->name);
		res = SC_RESULT_FAIL;
	} else if (strcmp(v->value, "1") != 0) {
		add_where(rr, SC_MSG_ERROR, "", v, ": must be 1");
		res = SC_RESULT_FAIL;
	} else {
		add_where(rr, SC_MSG_INFO, "", v, "");
	}
	for (size_t k = 0; must_not_be_zero[k]; k++) {
		v = NULL;
		for (size_t i = 0; i < s->fips_sec->n; i++)
			if (strcmp(s->fips_sec->v[i].name, must_not_be_zero[k]) == 0)
				v = &s->fips_sec->v[i];
		if (v == NULL)
			sc_rr_addf(rr, SC_MSG_INFO, "[%s] has no %s: the module's "
			    "default (on) applies", s->fips_sec->name,
			    must_not_be_zero[k]);
		else if (strcmp(v->value, "0") == 0) {
			add_where(rr, SC_MSG_ERROR, "", v, ": turned off");
			res = SC_RESULT_FAIL;
		} else {
			add_where(rr, SC_MSG_INFO, "", v, "");
		}
	}
	return res;
}

/* ---- the kind -------------------------------------------------------------------------- */

struct config_test {
	int aspect;
};

static const char *const config_attrs[] = { "aspect", NULL };

static int
config_parse(xmlNodePtr n, void **out, struct sc_err *err)
{
	struct config_test *t = sc_xcalloc(1, sizeof(*t));
	int r;

	if ((r = sc_native_attr_enum(n, "aspect", aspect_names, -1, &t->aspect,
	    err)) < 0) {
		free(t);
		return r;
	}
	*out = t;
	return SC_OK;
}

static int
config_prepare(void *test, struct sc_scan_ctx *ctx, struct sc_err *err)
{
	(void)test;
	(void)err;
	sc_fips_prepare(ctx);
	return SC_OK;
}

static enum sc_result
config_eval(void *p, struct sc_scan_ctx *ctx, struct sc_rule_result *rr)
{
	struct config_test *t = p;
	struct sc_fips_state *s = sc_fips_state(ctx);

	switch (t->aspect) {
	case ASPECT_LOADS:
		return eval_loads(s, rr);
	case ASPECT_PROVIDER: {
		enum sc_result r = eval_provider(s, rr);

		if (r == SC_RESULT_PASS && !module_present(s, rr))
			r = SC_RESULT_FAIL;
		return r;
	}
	case ASPECT_PROPERTIES:
		return eval_properties(s, rr);
	case ASPECT_PROVIDERS:
		return eval_providers(s, rr);
	case ASPECT_ACTIVATE:
		return eval_activate(s, rr);
	default:
		return eval_module(s, rr);
	}
}

const struct sc_native_kind sc_native_fips_config_kind = {
	.name = "openssl_fips_config",
	.attrs = config_attrs,
	.required = config_attrs,
	.parse = config_parse,
	.prepare = config_prepare,
	.eval = config_eval,
	.free = free,
	.summary = "OpenSSL 3 FIPS configuration as the target's libcrypto "
	    "loads it (aspect: loads, provider, properties, providers, "
	    "activate, module)",
};

/* ---- other OpenSSL copies ------------------------------------------------------- */

struct sc_fips_state *
sc_fips_state_peek(struct sc_target *t)
{
	struct fips_cache_flags *f = sc_target_cache_get(t, CACHE_KEY ".flags");

	return f && f->computed ? sc_target_cache_get(t, CACHE_KEY) : NULL;
}

struct sc_fips_state *
sc_fips_analyze_copy(struct sc_target *t, const char *path,
    const char *version_text, const char *openssldir, const char *modulesdir)
{
	struct sc_fips_state *s = sc_xcalloc(1, sizeof(*s));
	struct sc_libcrypto *lc;

	SC_GROW(s->libs.v, s->libs.cap, 1);
	lc = &s->libs.v[s->libs.n++];
	memset(lc, 0, sizeof(*lc));
	lc->path = sc_xstrdup(path);
	lc->major = lc->minor = lc->patch = -1;
	if (version_text) {
		lc->version_text = sc_xasprintf("OpenSSL %s", version_text);
		sc_openssl_version_parse(version_text, &lc->major, &lc->minor,
		    &lc->patch);
	}
	lc->openssldir = openssldir ? sc_xstrdup(openssldir) : NULL;
	lc->modulesdir = modulesdir ? sc_xstrdup(modulesdir) : NULL;
	s->lib = lc;
	s->lib_how = sc_xasprintf("%s (a copy other than the system's)", path);
	analyze(s, t);
	return s;
}

void
sc_fips_state_free(struct sc_fips_state *s)
{
	state_free(s);
}

int
sc_fips_enforced(struct sc_fips_state *s, char **why)
{
	struct sc_testresult *tr = sc_testresult_new();
	struct sc_rule_result *rr = sc_testresult_add(tr, "scratch");
	enum sc_result r = eval_loads(s, rr);

	*why = NULL;
	if (r == SC_RESULT_PASS)
		r = eval_provider(s, rr);
	if (r == SC_RESULT_PASS)
		r = eval_properties(s, rr);
	if (r == SC_RESULT_PASS && s->module_status < 0) {
		sc_rr_addf(rr, SC_MSG_ERROR, "FIPS module %s (%s): %s",
		    s->module_path, s->module_how, s->module_error);
		r = SC_RESULT_FAIL;
	}
	if (r != SC_RESULT_PASS) {
		for (size_t i = 0; i < rr->n_msgs && *why == NULL; i++)
			if (rr->msgs[i].sev == SC_MSG_ERROR)
				*why = sc_xstrdup(rr->msgs[i].text);
		if (*why == NULL)
			*why = sc_xstrdup("the configuration does not enforce the "
			    "FIPS provider");
	}
	sc_testresult_free(tr);
	return r == SC_RESULT_PASS;
}
