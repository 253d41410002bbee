/*
 * fam_rpmverifyfile.c - linux:rpmverifyfile_test: the files of packages in
 * the target's rpm database (rpmdb.sqlite, probes/packages.h) verified as
 * `rpm -V` does, against each header's per-file data (sizes, modes,
 * digests with their algorithm, owner and group names, mtimes, link
 * targets, device numbers, config/ghost/doc flags), the file itself read
 * through the target only.
 *
 * Each *_differs entity is "pass", "fail" or "not performed" (a behavior
 * omitted it, or the file is missing: then every check is "not performed"
 * and the evidence says the file is missing).  Checks rpm skips for the
 * file's type (the digest of a directory, the link of a regular file)
 * are "pass", as rpm reports nothing for them.  Capabilities are not
 * compared ("not performed").  Files rpm did not install (replaced,
 * not installed, netshared states) give no item.  The size is compared
 * first: a file whose size differs is not read, its digest differs.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "checks/oval/oval_collect.h"
#include "checks/oval/oval_family.h"
#include "checks/oval/oval_item.h"
#include "probes/file.h"
#include "probes/hash.h"
#include "probes/packages.h"
#include "xccdf/benchmark.h"

static const char *const obj[] = { "name", "epoch", "version", "release",
	"arch", "filepath", NULL };
static const char *const item_ents[] = { "name", "epoch", "version",
	"release", "arch", "filepath", "extended_name", "size_differs",
	"mode_differs", "md5_differs", "device_differs", "link_mismatch",
	"ownership_differs", "group_differs", "mtime_differs",
	"capabilities_differ", "configuration_file", "documentation_file",
	"ghost_file", "license_file", "readme_file", NULL };
/* 5.11.1 names the digest filedigest_differs (the same value) */
static const char *const ste[] = { "name", "epoch", "version", "release",
	"arch", "filepath", "extended_name", "size_differs", "mode_differs",
	"md5_differs", "filedigest_differs", "device_differs", "link_mismatch",
	"ownership_differs", "group_differs", "mtime_differs",
	"capabilities_differ", "configuration_file", "documentation_file",
	"ghost_file", "license_file", "readme_file", NULL };

/* the checks, as rpm's RPMVERIFY_* bits */
enum {
	V_DIGEST = 1 << 0, V_SIZE = 1 << 1, V_LINK = 1 << 2, V_USER = 1 << 3,
	V_GROUP = 1 << 4, V_MTIME = 1 << 5, V_MODE = 1 << 6, V_RDEV = 1 << 7,
	V_CAPS = 1 << 8,
};

/* behaviors, each omitting checks or files */
#define B_NOCONFIG	(1u << 16)
#define B_NOGHOST	(1u << 17)
static const struct {
	const char *name;
	unsigned bits;
} behaviors[] = {
	{ "nolinkto", V_LINK }, { "nomd5", V_DIGEST },
	{ "nofiledigest", V_DIGEST }, { "nosize", V_SIZE },
	{ "nouser", V_USER }, { "nogroup", V_GROUP }, { "nomtime", V_MTIME },
	{ "nomode", V_MODE }, { "nordev", V_RDEV }, { "nocaps", V_CAPS },
	{ "noconfigfiles", B_NOCONFIG }, { "noghostfiles", B_NOGHOST },
};
#define N_BEHAVIORS (sizeof(behaviors) / sizeof(behaviors[0]))
static const char *const behavior_names[] = { "nolinkto", "nomd5",
	"nofiledigest", "nosize", "nouser", "nogroup", "nomtime", "nomode",
	"nordev", "nocaps", "noconfigfiles", "noghostfiles", NULL };

/* the item entity of each check, in item order */
static const struct {
	const char *ent;
	unsigned bit;
	const char *words;
} checks[] = {
	{ "size_differs", V_SIZE, "size" },
	{ "mode_differs", V_MODE, "mode" },
	{ "md5_differs", V_DIGEST, "digest" },
	{ "device_differs", V_RDEV, "device" },
	{ "link_mismatch", V_LINK, "link target" },
	{ "ownership_differs", V_USER, "owner" },
	{ "group_differs", V_GROUP, "group" },
	{ "mtime_differs", V_MTIME, "mtime" },
	{ "capabilities_differ", V_CAPS, "capabilities" },
};
#define N_CHECKS (sizeof(checks) / sizeof(checks[0]))

/* RPMTAG_* and RPMFILE_* */
enum {
	TAG_NAME = 1000, TAG_VERSION = 1001, TAG_RELEASE = 1002,
	TAG_EPOCH = 1003, TAG_ARCH = 1022, TAG_FILESIZES = 1028,
	TAG_FILESTATES = 1029, TAG_FILEMODES = 1030, TAG_FILERDEVS = 1033,
	TAG_FILEMTIMES = 1034, TAG_FILEDIGESTS = 1035, TAG_FILELINKTOS = 1036,
	TAG_FILEFLAGS = 1037, TAG_FILEUSERNAME = 1039,
	TAG_FILEGROUPNAME = 1040, TAG_DIRINDEXES = 1116, TAG_BASENAMES = 1117,
	TAG_DIRNAMES = 1118, TAG_LONGFILESIZES = 5008,
	TAG_FILEDIGESTALGO = 5011,
};
enum {
	F_CONFIG = 1 << 0, F_DOC = 1 << 1, F_GHOST = 1 << 6,
	F_LICENSE = 1 << 7, F_README = 1 << 8,
};

static int
behavior_true(const char *v)
{
	return strcmp(v, "true") == 0 || strcmp(v, "1") == 0;
}

/* The behaviors element of o, or NULL. */
static xmlNodePtr
behaviors_node(const struct sc_oval_object *o)
{
	for (xmlNodePtr c = o->node ? o->node->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, "behaviors") == 0)
			return c;
	return NULL;
}

/* What the behaviors omit; -1 (err set) for a value that is no boolean. */
static long
omitted(const struct sc_oval_object *o, struct sc_err *err)
{
	xmlNodePtr b = behaviors_node(o);
	unsigned long omit = 0;

	for (size_t i = 0; b && i < N_BEHAVIORS; i++) {
		char *v = sc_xml_attr(b, behaviors[i].name);

		if (v == NULL)
			continue;
		if (!behavior_true(v) && strcmp(v, "false") != 0 &&
		    strcmp(v, "0") != 0) {
			sc_err_set(err, SC_ERR_PARSE, "behavior %s='%s' is not "
			    "a boolean", behaviors[i].name, v);
			free(v);
			return -1;
		}
		if (behavior_true(v))
			omit |= behaviors[i].bits;
		free(v);
	}
	return (long)omit;
}

static int
check(struct sc_oval_object *o, const char *owner, struct sc_err *err)
{
	struct sc_err e2 = SC_ERR_INIT;

	if (sc_oval_collect_ent(o, "name") == NULL)
		return sc_err_set(err, SC_ERR_PARSE, "%s: no <name>", owner);
	if (sc_oval_collect_ent(o, "filepath") == NULL)
		return sc_err_set(err, SC_ERR_PARSE, "%s: no <filepath>", owner);
	if (omitted(o, &e2) < 0)
		return sc_err_set(err, SC_ERR_PARSE, "%s: %s", owner, e2.msg);
	return SC_OK;
}

/* One package's header, its arrays read and checked against each other. */
struct pkg {
	struct sc_pkgdb_rpmhdr h;
	const char **name, **ver, **rel, **arch;
	uint64_t *epoch;
	const char **base, **dirs, **digests, **links, **users, **groups;
	uint64_t *diridx, *sizes, *modes, *rdevs, *mtimes, *flags, *states,
	    *algo;
	uint32_t n, n_dirs;
};

static void
pkg_free(struct pkg *p)
{
	free(p->name);
	free(p->ver);
	free(p->rel);
	free(p->arch);
	free(p->epoch);
	free(p->base);
	free(p->dirs);
	free(p->digests);
	free(p->links);
	free(p->users);
	free(p->groups);
	free(p->diridx);
	free(p->sizes);
	free(p->modes);
	free(p->rdevs);
	free(p->mtimes);
	free(p->flags);
	free(p->states);
	free(p->algo);
}

/* A per-file string array: absent is allowed, another count is not. */
static int
file_strs(struct pkg *p, uint32_t tag, const char ***v, struct sc_err *err)
{
	uint32_t n;
	int r = sc_pkgdb_rpmhdr_strs(&p->h, tag, v, &n, err);

	if (r > 0 && n != p->n)
		return sc_err_set(err, SC_ERR_PARSE, "rpm header tag %u has %u "
		    "values for %u files", tag, n, p->n);
	return r < 0 ? r : SC_OK;
}

static int
file_ints(struct pkg *p, uint32_t tag, uint64_t **v, struct sc_err *err)
{
	uint32_t n;
	int r = sc_pkgdb_rpmhdr_ints(&p->h, tag, v, &n, err);

	if (r > 0 && n != p->n)
		return sc_err_set(err, SC_ERR_PARSE, "rpm header tag %u has %u "
		    "values for %u files", tag, n, p->n);
	return r < 0 ? r : SC_OK;
}

/* Read the header's identity; 0 when it has no files. */
static int
pkg_read(struct pkg *p, const unsigned char *blob, size_t len,
    struct sc_err *err)
{
	uint32_t n;
	int r;

	if ((r = sc_pkgdb_rpmhdr_init(&p->h, blob, len, err)) < 0)
		return r;
	if ((r = sc_pkgdb_rpmhdr_strs(&p->h, TAG_NAME, &p->name, &n, err)) < 0)
		return r;
	if (r == 0)
		return sc_err_set(err, SC_ERR_PARSE, "rpm header without a "
		    "package name");
	if ((r = sc_pkgdb_rpmhdr_strs(&p->h, TAG_VERSION, &p->ver, &n,
	    err)) < 0 ||
	    (r = sc_pkgdb_rpmhdr_strs(&p->h, TAG_RELEASE, &p->rel, &n,
	    err)) < 0 ||
	    (r = sc_pkgdb_rpmhdr_strs(&p->h, TAG_ARCH, &p->arch, &n, err)) < 0 ||
	    (r = sc_pkgdb_rpmhdr_ints(&p->h, TAG_EPOCH, &p->epoch, &n, err)) < 0)
		return r;
	if ((r = sc_pkgdb_rpmhdr_strs(&p->h, TAG_BASENAMES, &p->base, &p->n,
	    err)) <= 0)
		return r;
	if ((r = sc_pkgdb_rpmhdr_strs(&p->h, TAG_DIRNAMES, &p->dirs,
	    &p->n_dirs, err)) < 0 ||
	    (r = file_ints(p, TAG_DIRINDEXES, &p->diridx, err)) < 0)
		return r;
	if (p->dirs == NULL || p->diridx == NULL)
		return sc_err_set(err, SC_ERR_PARSE, "rpm header with file "
		    "names but no directory names or indexes");
	for (uint32_t i = 0; i < p->n; i++)
		if (p->diridx[i] >= p->n_dirs)
			return sc_err_set(err, SC_ERR_PARSE, "rpm header: file "
			    "%u names directory %llu of %u", i,
			    (unsigned long long)p->diridx[i], p->n_dirs);
	if ((r = file_ints(p, TAG_FILESIZES, &p->sizes, err)) < 0 ||
	    (p->sizes == NULL &&
	    (r = file_ints(p, TAG_LONGFILESIZES, &p->sizes, err)) < 0) ||
	    (r = file_ints(p, TAG_FILEMODES, &p->modes, err)) < 0 ||
	    (r = file_ints(p, TAG_FILERDEVS, &p->rdevs, err)) < 0 ||
	    (r = file_ints(p, TAG_FILEMTIMES, &p->mtimes, err)) < 0 ||
	    (r = file_ints(p, TAG_FILEFLAGS, &p->flags, err)) < 0 ||
	    (r = file_ints(p, TAG_FILESTATES, &p->states, err)) < 0 ||
	    (r = file_strs(p, TAG_FILEDIGESTS, &p->digests, err)) < 0 ||
	    (r = file_strs(p, TAG_FILELINKTOS, &p->links, err)) < 0 ||
	    (r = file_strs(p, TAG_FILEUSERNAME, &p->users, err)) < 0 ||
	    (r = file_strs(p, TAG_FILEGROUPNAME, &p->groups, err)) < 0 ||
	    (r = sc_pkgdb_rpmhdr_ints(&p->h, TAG_FILEDIGESTALGO, &p->algo, &n,
	    err)) < 0)
		return r;
	if (p->sizes == NULL || p->modes == NULL)
		return sc_err_set(err, SC_ERR_PARSE, "rpm header with files but "
		    "no sizes or modes");
	return 1;
}

/* rpm's PGPHASHALGO_* numbers as digest names. */
static const char *
algo_name(const struct pkg *p)
{
	switch (p->algo ? p->algo[0] : 1) {
	case 1: return "MD5";
	case 2: return "SHA-1";
	case 8: return "SHA-256";
	case 9: return "SHA-384";
	case 10: return "SHA-512";
	case 11: return "SHA-224";
	default: return NULL;
	}
}

struct walk {
	struct sc_oval_doc *d;
	struct sc_oval_object *o;
	unsigned long omit;
	int stopped;		/* an entity error, already recorded on o */
};

/* Which of the checks (not omitted) fail for file i; *missing when absent. */
static unsigned
verify(struct sc_target *t, const struct pkg *p, uint32_t i,
    const char *fp, unsigned todo, int *missing, struct sc_buf *why)
{
	uint64_t fl = p->flags ? p->flags[i] : 0;
	unsigned fmode = (unsigned)p->modes[i], res = 0;
	struct sc_buf b = SC_BUF_INIT;
	struct stat st;

	*missing = 0;
	if (sc_target_lstat(t, fp, &st, NULL) < 0 ||
	    (S_ISDIR(fmode) && S_ISLNK(st.st_mode) &&
	    sc_target_stat(t, fp, &st, NULL) < 0)) {
		*missing = 1;
		return 0;
	}
	if (S_ISLNK(st.st_mode))
		todo &= ~(unsigned)V_MODE;
	else
		todo &= ~(unsigned)V_LINK;
	if (!S_ISREG(st.st_mode))
		todo &= ~(unsigned)(V_DIGEST | V_SIZE | V_MTIME | V_CAPS);
	if (fl & F_GHOST)
		todo &= ~(unsigned)(V_DIGEST | V_SIZE | V_MTIME | V_LINK);
	if ((todo & (V_SIZE | V_DIGEST)) &&
	    (unsigned long long)st.st_size != p->sizes[i]) {
		res |= (todo & (V_SIZE | V_DIGEST));
		sc_buf_addf(why, "; size %lld, rpm %llu", (long long)st.st_size,
		    (unsigned long long)p->sizes[i]);
	} else if (todo & V_DIGEST) {
		const char *want = p->digests ? p->digests[i] : "";
		const char *algo = algo_name(p);
		char hex[SC_HASH_HEX_MAX];
		struct sc_err e = SC_ERR_INIT;

		if (algo == NULL || sc_probe_hash_file(t, fp, algo, hex,
		    &e) < 0 || strcasecmp(hex, want) != 0) {
			res |= V_DIGEST;
			if (algo == NULL)
				sc_buf_addf(why, "; digest algorithm %llu unknown",
				    (unsigned long long)p->algo[0]);
			else if (e.msg[0])
				sc_buf_addf(why, "; digest not read: %s", e.msg);
			else
				sc_buf_addf(why, "; %s %s, rpm %s", algo, hex,
				    want);
		}
	}
	if (todo & V_LINK) {
		const char *want = p->links ? p->links[i] : "";

		sc_buf_reset(&b);
		if (sc_target_readlink(t, fp, &b, NULL) < 0 ||
		    strcmp(b.data, want) != 0) {
			res |= V_LINK;
			sc_buf_addf(why, "; links to '%s', rpm '%s'", b.data, want);
		}
	}
	if (todo & V_MODE) {
		unsigned have = (unsigned)st.st_mode, meta = fmode & 0xffff;

		if (fl & F_GHOST) {
			have &= ~(unsigned)S_IFMT;
			meta &= ~(unsigned)S_IFMT;
		}
		if (have != meta) {
			res |= V_MODE;
			sc_buf_addf(why, "; mode %06o, rpm %06o", have, meta);
		}
	}
	if ((todo & V_RDEV) && (S_ISCHR(fmode) || S_ISBLK(fmode) ||
	    S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))) {
		if ((fmode & S_IFMT) != (st.st_mode & S_IFMT) ||
		    (p->rdevs && (uint64_t)(st.st_rdev & 0xffff) !=
		    p->rdevs[i])) {
			res |= V_RDEV;
			sc_buf_adds(why, "; device differs");
		}
	}
	if ((todo & V_MTIME) && p->mtimes &&
	    (uint64_t)st.st_mtime != p->mtimes[i]) {
		res |= V_MTIME;
		sc_buf_addf(why, "; mtime %lld, rpm %llu", (long long)st.st_mtime,
		    (unsigned long long)p->mtimes[i]);
	}
	if (todo & V_USER) {
		const struct sc_account *a = sc_target_user_by_uid(t, st.st_uid);
		const char *want = p->users ? p->users[i] : NULL;

		if (a == NULL || want == NULL || strcmp(a->name, want) != 0) {
			res |= V_USER;
			sc_buf_addf(why, "; owner %s, rpm %s", a ? a->name : "?",
			    want ? want : "?");
		}
	}
	if (todo & V_GROUP) {
		const struct sc_account *a = sc_target_group_by_gid(t, st.st_gid);
		const char *want = p->groups ? p->groups[i] : NULL;

		if (a == NULL || want == NULL || strcmp(a->name, want) != 0) {
			res |= V_GROUP;
			sc_buf_addf(why, "; group %s, rpm %s", a ? a->name : "?",
			    want ? want : "?");
		}
	}
	sc_buf_free(&b);
	return res;
}

static const char *
tf(uint64_t flags, unsigned bit)
{
	return (flags & bit) ? "true" : "false";
}

/* Emit the item of file i of p (filepath fp). */
static void
emit_file(struct walk *w, const struct pkg *p, uint32_t i, const char *fp,
    const char *epoch, const char *extended)
{
	unsigned todo = (unsigned)(~w->omit & 0xffffu) & ~(unsigned)V_CAPS;
	uint64_t fl = p->flags ? p->flags[i] : 0;
	struct sc_buf why = SC_BUF_INIT;
	struct sc_oval_item *it;
	unsigned res;
	int missing;

	sc_buf_reset(&why);
	res = verify(w->d->rt->target, p, i, fp, todo, &missing, &why);
	it = sc_oval_item_new(SC_OVAL_KIND_RPMVERIFYFILE);
	sc_oval_item_set(it, "name", p->name[0]);
	sc_oval_item_set(it, "epoch", epoch);
	sc_oval_item_set(it, "version", p->ver ? p->ver[0] : "");
	sc_oval_item_set(it, "release", p->rel ? p->rel[0] : "");
	sc_oval_item_set(it, "arch", p->arch ? p->arch[0] : "");
	sc_oval_item_set(it, "filepath", fp);
	sc_oval_item_set(it, "extended_name", extended);
	for (size_t c = 0; c < N_CHECKS; c++) {
		const char *v = missing || !(todo & checks[c].bit) ?
		    "not performed" : (res & checks[c].bit) ? "fail" : "pass";

		sc_oval_item_set(it, checks[c].ent, v);
		if (checks[c].bit == V_DIGEST)
			sc_oval_item_set(it, "filedigest_differs", v);
	}
	sc_oval_item_set(it, "configuration_file", tf(fl, F_CONFIG));
	sc_oval_item_set(it, "documentation_file", tf(fl, F_DOC));
	sc_oval_item_set(it, "ghost_file", tf(fl, F_GHOST));
	sc_oval_item_set(it, "license_file", tf(fl, F_LICENSE));
	sc_oval_item_set(it, "readme_file", tf(fl, F_README));
	if (missing)
		it->note = sc_xasprintf("missing (package %s)", extended);
	else {
		struct sc_buf n = SC_BUF_INIT;

		sc_buf_reset(&n);
		sc_buf_addf(&n, "package %s: ", extended);
		if (res == 0)
			sc_buf_adds(&n, "verifies");
		else {
			int first = 1;

			sc_buf_adds(&n, "differs in ");
			for (size_t c = 0; c < N_CHECKS; c++)
				if (res & checks[c].bit) {
					sc_buf_addf(&n, "%s%s", first ? "" : ", ",
					    checks[c].words);
					first = 0;
				}
			sc_buf_addf(&n, " (%s)", why.data + 2);
		}
		it->note = sc_xstrdup(n.data);
		sc_buf_free(&n);
	}
	sc_buf_free(&why);
	sc_oval_collect_emit(w->d, w->o, it);
}

/* The entity named name of o matches v (errors stop the walk). */
static int
match(struct walk *w, const char *name, const char *v)
{
	int m = sc_oval_collect_match(w->o, sc_oval_collect_ent(w->o, name),
	    v);

	if (m < 0)
		w->stopped = 1;
	return m;
}

static int
each_header(void *ctx, const char *path, const unsigned char *blob,
    size_t len, struct sc_err *err)
{
	struct walk *w = ctx;
	struct pkg p;
	struct sc_buf fp = SC_BUF_INIT, ext = SC_BUF_INIT;
	struct sc_err e2 = SC_ERR_INIT;
	char epoch[24];
	int r;

	memset(&p, 0, sizeof(p));
	if ((r = pkg_read(&p, blob, len, &e2)) < 0) {
		r = sc_err_set(err, SC_ERR_PARSE, "%s: %s", path, e2.msg);
		goto out;
	}
	if (r == 0)
		goto out;	/* no files */
	r = SC_OK;
	if (p.epoch)
		snprintf(epoch, sizeof(epoch), "%llu",
		    (unsigned long long)p.epoch[0]);
	else
		snprintf(epoch, sizeof(epoch), "(none)");
	sc_buf_reset(&ext);
	sc_buf_addf(&ext, "%s-%s:%s-%s.%s", p.name[0], p.epoch ? epoch : "0",
	    p.ver ? p.ver[0] : "", p.rel ? p.rel[0] : "",
	    p.arch ? p.arch[0] : "");
	if (match(w, "name", p.name[0]) <= 0 ||
	    match(w, "epoch", epoch) <= 0 ||
	    match(w, "version", p.ver ? p.ver[0] : "") <= 0 ||
	    match(w, "release", p.rel ? p.rel[0] : "") <= 0 ||
	    match(w, "arch", p.arch ? p.arch[0] : "") <= 0)
		goto stop;
	for (uint32_t i = 0; i < p.n; i++) {
		uint64_t fl = p.flags ? p.flags[i] : 0;
		int m;

		if (p.states && p.states[i] >= 1 && p.states[i] <= 3)
			continue;	/* replaced, not installed, netshared */
		if (((w->omit & B_NOCONFIG) && (fl & F_CONFIG)) ||
		    ((w->omit & B_NOGHOST) && (fl & F_GHOST)))
			continue;
		sc_buf_reset(&fp);
		sc_buf_addf(&fp, "%s%s", p.dirs[p.diridx[i]], p.base[i]);
		if ((m = match(w, "filepath", fp.data)) < 0)
			break;
		if (m > 0)
			emit_file(w, &p, i, fp.data, epoch, ext.data);
	}
stop:
	if (w->stopped)
		r = sc_err_set(err, SC_ERR_PARSE, "stopped");
out:
	sc_buf_free(&fp);
	sc_buf_free(&ext);
	pkg_free(&p);
	return r;
}

static void
collect(struct sc_oval_doc *d, struct sc_oval_object *o)
{
	struct sc_err err = SC_ERR_INIT;
	struct walk w = { d, o, 0, 0 };
	long omit = omitted(o, &err);

	if (omit < 0) {
		sc_oval_collect_error(o, "%s", err.msg);
		return;
	}
	w.omit = (unsigned long)omit;
	if (sc_pkgdb_rpm_each(d->rt->target, each_header, &w, &err) < 0 &&
	    !w.stopped)
		sc_oval_collect_error(o, "%s", err.msg);
}

static void
describe(const struct sc_oval_item *it, struct sc_target *t,
    struct sc_oval_state *const *states, size_t n_states, struct sc_buf *out)
{
	struct sc_buf v = SC_BUF_INIT;

	(void)t;
	(void)states;
	(void)n_states;
	sc_buf_reset(&v);
	sc_oval_item_named_field(it, "filepath", 0, &v);
	sc_buf_addf(out, "%s %s", v.data, it->note ? it->note : "");
	sc_buf_free(&v);
}

static void
describe_none(const struct sc_oval_object *o, struct sc_buf *out)
{
	sc_buf_adds(out, "no file ");
	sc_oval_collect_describe_entity(sc_oval_collect_ent(o, "filepath"), out);
	sc_buf_adds(out, " of an installed rpm package ");
	sc_oval_collect_describe_entity(sc_oval_collect_ent(o, "name"), out);
}

/* The named values in schema order; the *_file flags are booleans. */
static void
to_xml(const struct sc_oval_item *it, xmlNodePtr n, xmlNsPtr ns)
{
	struct sc_buf v = SC_BUF_INIT;

	for (size_t e = 0; item_ents[e]; e++) {
		size_t l = strlen(item_ents[e]);
		int boolean = l > 5 && strcmp(item_ents[e] + l - 5, "_file") == 0;

		sc_buf_reset(&v);
		if (sc_oval_item_named_field(it, item_ents[e], 0, &v) > 0)
			sc_oval_item_xml_child(n, ns, item_ents[e], v.data,
			    boolean ? "boolean" : NULL);
	}
	sc_buf_free(&v);
}

const struct sc_oval_family sc_fam_rpmverifyfile = {
	.ns = SC_OVAL_LINUX_NS,
	.prefix = "rpmverifyfile",
	.ns_short = "linux",
	.sc_ns = SC_OVAL_SC_LINUX_NS,
	.item = "rpmverifyfile_item",
	.obj_ents = obj,
	.ste_ents = ste,
	.item_ents = item_ents,
	.behaviors = behavior_names,
	.check = check,
	.collect = collect,
	.describe = describe,
	.describe_none = describe_none,
	.to_xml = to_xml,
};
