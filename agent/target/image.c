/*
 * image.c - OCI layouts and docker archives flattened into a target
 * (image.h).
 *
 * Layers are read through two chained libarchive readers: the first
 * (format "raw", every filter) decompresses the blob, the second (tar)
 * reads the decompressed stream, and the callbacks between them hash both
 * sides, so the compressed digest (manifest) and the uncompressed one
 * (config diff_ids) are both checked in one pass.
 */
#include "target/image.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <isa-l/igzip_lib.h>
#include <fcntl.h>
#include <jansson.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "target/imagedigest.h"
#include "target/imagesave.h"
#include "target/inodes.h"
#include "util/fsutil.h"
#include "util/map.h"
#include "util/mem.h"

#define FACT "urn:stigcheck:fact:image:"
#define BLOCK (64u << 10)
#define MAX_NESTING 4
/* decompressed bytes allowed per entry beyond file data: tar headers */
#define HEADER_BYTES 4096ULL

/* the tree goes to a memory file system when one has room (docs/images.md) */
#define MEMDIR_ENV "STIGCHECK_IMAGE_MEMDIR"
#define MEMDIR_DEFAULT "/dev/shm"
#define MEMDIR_PREFIX "stigcheck-tree"
#define TMPFS_MAGIC_ 0x01021994
/* room wanted there: this many times the layers' blob bytes, plus a margin */
#define MEMDIR_FACTOR 4ULL
#define MEMDIR_MARGIN (64ULL << 20)
#define TIMING_ENV "STIGCHECK_IMAGE_TIMING"
/* "libarchive": gzip layers are inflated by libarchive (zlib), not ISA-L */
#define INFLATE_ENV "STIGCHECK_IMAGE_INFLATE"

#define MT_OCI_INDEX "application/vnd.oci.image.index.v1+json"
#define MT_DOCKER_LIST "application/vnd.docker.distribution.manifest.list.v2+json"

/* A regular member of an archive read in place (index_archive). */
struct member {
	off_t off;		/* of its data in the archive */
	unsigned long long size;
};

struct layer {
	char *blob;		/* path in the layout */
	char *digest;		/* of the blob as stored; NULL: not known */
	char *diff_id;		/* of the uncompressed tar */
	long long size;		/* of the blob; -1: not known */
};

struct img {
	const char *arg;	/* PATH as given */
	char *tmp;		/* private directory */
	int tmp_fd;
	char *mem;		/* private directory on a memory fs; NULL: none */
	int timing;		/* $STIGCHECK_IMAGE_TIMING: phases on stderr */
	struct timespec t0;
	struct sc_target *src;	/* the layout, read-only */
	const char *format;
	char *manifest_digest;
	char *config_digest;
	char *ref;
	json_t *config;
	struct layer *layers;
	size_t n_layers;
	/* the layout's files in memory instead of src (sc_image_parse_mem) */
	const struct sc_image_memfile *memfiles;
	size_t n_memfiles;
	/* or in an uncompressed archive file, read in place (index_archive) */
	int indexed;
	int arc_fd;			/* borrowed */
	struct member *members;
	size_t n_members, n_alloc;
	struct sc_map names;		/* normalised name -> members index + 1,
					 * or DIR_NAME */
};

/* ---- digests -------------------------------------------------------------- */

/* "sha256:<64 hex>" or "sha512:<128 hex>": the EVP digest, else NULL. */
static const EVP_MD *
digest_md(const char *d)
{
	size_t want, i;
	const EVP_MD *md;
	const char *hex;

	if (d == NULL)
		return NULL;
	if (strncmp(d, "sha256:", 7) == 0) {
		md = EVP_sha256();
		want = 64;
	} else if (strncmp(d, "sha512:", 7) == 0) {
		md = EVP_sha512();
		want = 128;
	} else {
		return NULL;
	}
	hex = d + 7;
	for (i = 0; hex[i]; i++)
		if (!((hex[i] >= '0' && hex[i] <= '9') ||
		    (hex[i] >= 'a' && hex[i] <= 'f')))
			return NULL;
	return i == want ? md : NULL;
}

static char *
digest_final(EVP_MD_CTX *ctx)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0, i;
	struct sc_buf b = SC_BUF_INIT;
	const char *name;

	sc_buf_reset(&b);
	name = EVP_MD_get_size(EVP_MD_CTX_get0_md(ctx)) == 64 ? "sha512" :
	    "sha256";
	EVP_DigestFinal_ex(ctx, md, &n);
	sc_buf_addf(&b, "%s:", name);
	for (i = 0; i < n; i++)
		sc_buf_addf(&b, "%02x", md[i]);
	return sc_buf_detach(&b);
}

static EVP_MD_CTX *
digest_new(const EVP_MD *md)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();

	if (ctx == NULL || EVP_DigestInit_ex(ctx, md, NULL) != 1) {
		fputs("stigcheck: cannot initialise a digest\n", stderr);
		abort();
	}
	return ctx;
}

static char *
digest_of(const EVP_MD *md, const void *data, size_t len)
{
	EVP_MD_CTX *ctx = digest_new(md);
	char *r;

	EVP_DigestUpdate(ctx, data, len);
	r = digest_final(ctx);
	EVP_MD_CTX_free(ctx);
	return r;
}

/* "sha256:abcdef012345" for messages. */
static const char *
short_digest(const char *d, char *buf, size_t size)
{
	snprintf(buf, size, "%.19s", d ? d : "?");
	return buf;
}

/* blobs/ALG/HEX of a digest, or NULL when it is malformed. */
static char *
blob_path(const char *digest)
{
	if (digest_md(digest) == NULL)
		return NULL;
	return sc_xasprintf("blobs/%.6s/%s", digest, strchr(digest, ':') + 1);
}

/* ---- reading the layout ------------------------------------------------- */

static char dir_name_tag;
#define DIR_NAME ((void *)&dir_name_tag)

/* The archive member named exactly PATH (read in place), or NULL. */
static const struct member *
member_get(const struct img *im, const char *path)
{
	void *v = sc_map_get(&im->names, path);

	if (v == NULL || v == DIR_NAME)
		return NULL;
	return &im->members[(uintptr_t)v - 1];
}

/* Read member M of the archive read in place into B. */
static int
member_read(struct img *im, const struct member *m, const char *path,
    struct sc_buf *b, struct sc_err *err)
{
	size_t done = 0;
	ssize_t n;

	sc_buf_reset(b);
	SC_GROW(b->data, b->cap, (size_t)m->size + 1);
	while (done < m->size) {
		n = pread(im->arc_fd, b->data + done, (size_t)m->size - done,
		    m->off + (off_t)done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return sc_err_set(err, n < 0 ? sc_err_from_errno(errno) :
			    SC_ERR_IO, "%s: %s", path, n < 0 ? strerror(errno) :
			    "the archive is shorter than its index");
		done += (size_t)n;
	}
	b->len = done;
	b->data[done] = '\0';
	return SC_OK;
}

/* The in-memory file at path, or NULL. */
static const struct sc_image_memfile *
mem_file(const struct img *im, const char *path)
{
	for (size_t i = 0; i < im->n_memfiles; i++)
		if (strcmp(im->memfiles[i].path, path) == 0)
			return &im->memfiles[i];
	return NULL;
}

/* Read a JSON file of the layout (from the target, or from memory). */
static int
layout_read(struct img *im, const char *path, struct sc_buf *b,
    struct sc_err *err)
{
	const struct sc_image_memfile *f;
	const struct member *m;

	if (im->indexed) {
		if ((m = member_get(im, path)) == NULL)
			return sc_err_set(err, SC_ERR_NOTFOUND, "%s: not found",
			    path);
		if (m->size > SC_IMAGE_JSON_MAX)
			return sc_err_set(err, SC_ERR_TOOBIG, "%s: over %u bytes",
			    path, (unsigned)SC_IMAGE_JSON_MAX);
		return member_read(im, m, path, b, err);
	}
	if (im->memfiles == NULL)
		return sc_target_read_file(im->src, path, SC_IMAGE_JSON_MAX, b,
		    NULL, err);
	if ((f = mem_file(im, path)) == NULL)
		return sc_err_set(err, SC_ERR_NOTFOUND, "%s: not found", path);
	if (f->len > SC_IMAGE_JSON_MAX)
		return sc_err_set(err, SC_ERR_TOOBIG, "%s: over %u bytes", path,
		    (unsigned)SC_IMAGE_JSON_MAX);
	sc_buf_reset(b);
	sc_buf_add(b, f->data, f->len);
	return SC_OK;
}

static int
read_json(struct img *im, const char *path, const char *want_digest,
    long long want_size, json_t **out, char **digest, struct sc_err *err)
{
	struct sc_buf b = SC_BUF_INIT;
	struct sc_err e2 = SC_ERR_INIT;
	json_error_t je;
	char *got = NULL;
	int r;

	*out = NULL;
	if (path == NULL || (want_digest != NULL && digest_md(want_digest) == NULL))
		return sc_err_set(err, SC_ERR_PARSE, "image '%s': a descriptor "
		    "has an invalid digest", im->arg);
	if ((r = layout_read(im, path, &b, &e2)) < 0) {
		r = sc_err_set(err, r, "image '%s': %s", im->arg, e2.msg);
		goto out;
	}
	got = digest_of(want_digest ? digest_md(want_digest) : EVP_sha256(),
	    b.data, b.len);
	if (want_digest != NULL && strcmp(got, want_digest) != 0) {
		r = sc_err_set(err, SC_ERR_PARSE, "image '%s': '%s' does not "
		    "match its digest %s (it is %s)", im->arg, path, want_digest,
		    got);
		goto out;
	}
	if (want_size >= 0 && (unsigned long long)want_size != b.len) {
		r = sc_err_set(err, SC_ERR_PARSE, "image '%s': '%s' is %zu bytes,"
		    " not the %lld its descriptor says", im->arg, path, b.len,
		    want_size);
		goto out;
	}
	*out = json_loadb(b.data, b.len, JSON_REJECT_DUPLICATES, &je);
	if (*out == NULL) {
		r = sc_err_set(err, SC_ERR_PARSE, "image '%s': '%s': %s (line "
		    "%d)", im->arg, path, je.text, je.line);
		goto out;
	}
	if (digest != NULL) {
		*digest = got;
		got = NULL;
	}
out:
	free(got);
	sc_buf_free(&b);
	return r;
}

static const char *
jstr(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static int
exists(struct img *im, const char *path)
{
	struct stat st;

	if (im->indexed)
		return member_get(im, path) != NULL;
	if (im->memfiles != NULL)
		return mem_file(im, path) != NULL;
	return sc_target_stat(im->src, path, &st, NULL) == 0 &&
	    S_ISREG(st.st_mode);
}

const char *
sc_image_host_arch(void)
{
	static const char *map[][2] = {
		{ "x86_64", "amd64" }, { "aarch64", "arm64" },
		{ "armv7l", "arm" }, { "armv6l", "arm" }, { "i686", "386" },
		{ "i386", "386" }, { "ppc64le", "ppc64le" },
		{ "s390x", "s390x" }, { "riscv64", "riscv64" },
	};
	static char other[65];
	struct utsname u;
	size_t i;

	if (uname(&u) < 0)
		return "unknown";
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(u.machine, map[i][0]) == 0)
			return map[i][1];
	snprintf(other, sizeof(other), "%s", u.machine);
	return other;
}

/* ---- OCI layouts ---------------------------------------------------------- */

static int
is_index(const char *mt)
{
	return mt != NULL && (strcmp(mt, MT_OCI_INDEX) == 0 ||
	    strcmp(mt, MT_DOCKER_LIST) == 0);
}

/* A descriptor that is an image (not an attestation) with its blob here. */
static int
candidate(struct img *im, const json_t *d)
{
	const json_t *plat = json_object_get(d, "platform");
	const json_t *ann = json_object_get(d, "annotations");
	char *p;
	int ok;

	if (json_object_get(ann, "vnd.docker.reference.type") != NULL)
		return 0;
	if (plat != NULL && jstr(plat, "os") != NULL &&
	    strcmp(jstr(plat, "os"), "unknown") == 0)
		return 0;
	if ((p = blob_path(jstr(d, "digest"))) == NULL)
		return 0;
	ok = exists(im, p);
	free(p);
	return ok;
}

static int
for_host(const json_t *d)
{
	const json_t *plat = json_object_get(d, "platform");
	const char *os = jstr(plat, "os"), *arch = jstr(plat, "architecture");

	return plat == NULL || (os != NULL && strcmp(os, "linux") == 0 &&
	    arch != NULL && strcmp(arch, sc_image_host_arch()) == 0);
}

/* Pick one descriptor from an index's manifests. */
static int
choose(struct img *im, const json_t *index, const char *where,
    const json_t **out, struct sc_err *err)
{
	const json_t *ms = json_object_get(index, "manifests"), *d, *pick = NULL;
	struct sc_buf names = SC_BUF_INIT;
	size_t i, n = 0, nhost = 0;

	*out = NULL;
	if (!json_is_array(ms))
		return sc_err_set(err, SC_ERR_PARSE, "image '%s': %s has no "
		    "manifests list", im->arg, where);
	sc_buf_reset(&names);
	json_array_foreach(ms, i, d) {
		if (!candidate(im, d))
			continue;
		n++;
		if (for_host(d)) {
			nhost++;
			if (pick == NULL)
				pick = d;
		}
		sc_buf_addf(&names, "%s%s", names.len ? ", " : "",
		    jstr(d, "digest"));
	}
	if (n == 1) {
		json_array_foreach(ms, i, d)
			if (candidate(im, d))
				pick = d;
		nhost = 1;
	}
	if (n == 0 || nhost != 1) {
		int r = sc_err_set(err, n == 0 ? SC_ERR_NOTFOUND : SC_ERR_UNSUPPORTED,
		    n == 0 ? "image '%s': %s lists no image whose blob is present" :
		    "image '%s': %s lists several images (%s) and not exactly one "
		    "for linux/%s; stigcheck scans one image", im->arg, where,
		    names.data, sc_image_host_arch());
		sc_buf_free(&names);
		return r;
	}
	sc_buf_free(&names);
	*out = pick;
	return SC_OK;
}

static const char *
ref_of(const json_t *d)
{
	const json_t *ann = json_object_get(d, "annotations");
	const char *r = jstr(ann, "io.containerd.image.name");

	return r ? r : jstr(ann, "org.opencontainers.image.ref.name");
}

static int
layer_type_ok(const char *mt)
{
	static const char *ok[] = {
		"application/vnd.oci.image.layer.v1.tar",
		"application/vnd.oci.image.layer.v1.tar+gzip",
		"application/vnd.oci.image.layer.v1.tar+zstd",
		"application/vnd.oci.image.layer.nondistributable.v1.tar",
		"application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
		"application/vnd.oci.image.layer.nondistributable.v1.tar+zstd",
		"application/vnd.docker.image.rootfs.diff.tar.gzip",
		"application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
	};
	size_t i;

	for (i = 0; mt != NULL && i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strcmp(mt, ok[i]) == 0)
			return 1;
	return 0;
}

static long long
jsize(const json_t *d)
{
	const json_t *s = json_object_get(d, "size");

	return json_is_integer(s) ? (long long)json_integer_value(s) : -1;
}

static int
load_oci(struct img *im, struct sc_err *err)
{
	json_t *index = NULL, *doc = NULL, *manifest = NULL;
	const json_t *d, *layers, *cfg, *l;
	char *path = NULL, where[64];
	int r, depth;
	size_t i;

	if ((r = read_json(im, "index.json", NULL, -1, &index, NULL, err)) < 0)
		goto out;
	doc = index;
	index = NULL;
	snprintf(where, sizeof(where), "index.json");
	for (depth = 0;; depth++) {
		if ((r = choose(im, doc, where, &d, err)) < 0)
			goto out;
		if (im->ref == NULL && ref_of(d) != NULL)
			im->ref = sc_xstrdup(ref_of(d));
		free(path);
		path = blob_path(jstr(d, "digest"));
		free(im->manifest_digest);
		im->manifest_digest = sc_xstrdup(jstr(d, "digest"));
		if (is_index(jstr(d, "mediaType"))) {
			if (depth == MAX_NESTING) {
				r = sc_err_set(err, SC_ERR_UNSUPPORTED, "image '%s': "
				    "indexes nested deeper than %d", im->arg,
				    MAX_NESTING);
				goto out;
			}
			json_decref(index);
			index = doc;
			doc = NULL;
			if ((r = read_json(im, path, im->manifest_digest,
			    jsize(d), &doc, NULL, err)) < 0)
				goto out;
			snprintf(where, sizeof(where), "index %.19s",
			    im->manifest_digest);
			continue;
		}
		if ((r = read_json(im, path, im->manifest_digest, jsize(d),
		    &manifest, NULL, err)) < 0)
			goto out;
		break;
	}
	if (is_index(jstr(manifest, "mediaType")) ||
	    json_object_get(manifest, "manifests") != NULL) {
		r = sc_err_set(err, SC_ERR_UNSUPPORTED, "image '%s': manifest %s "
		    "is an index inside an index; not supported", im->arg,
		    im->manifest_digest);
		goto out;
	}
	cfg = json_object_get(manifest, "config");
	layers = json_object_get(manifest, "layers");
	free(path);
	path = blob_path(jstr(cfg, "digest"));
	if (path == NULL || !json_is_array(layers)) {
		r = sc_err_set(err, SC_ERR_PARSE, "image '%s': manifest %s has no "
		    "valid config or layers", im->arg, im->manifest_digest);
		goto out;
	}
	if ((r = read_json(im, path, jstr(cfg, "digest"), jsize(cfg),
	    &im->config, &im->config_digest, err)) < 0)
		goto out;
	im->n_layers = json_array_size(layers);
	im->layers = sc_xcalloc(im->n_layers + 1, sizeof(*im->layers));
	json_array_foreach(layers, i, l) {
		const char *mt = jstr(l, "mediaType"), *dg = jstr(l, "digest");

		if (!layer_type_ok(mt)) {
			r = sc_err_set(err, SC_ERR_UNSUPPORTED, "image '%s': layer "
			    "%zu has media type '%s', which stigcheck cannot apply",
			    im->arg, i + 1, mt ? mt : "(none)");
			goto out;
		}
		im->layers[i].blob = blob_path(dg);
		if (im->layers[i].blob == NULL) {
			r = sc_err_set(err, SC_ERR_PARSE, "image '%s': layer %zu "
			    "has an invalid digest", im->arg, i + 1);
			goto out;
		}
		im->layers[i].digest = sc_xstrdup(dg);
		im->layers[i].size = jsize(l);
	}
out:
	free(path);
	json_decref(index);
	json_decref(doc);
	json_decref(manifest);
	return r;
}

/* ---- docker archives ------------------------------------------------------ */

/* "<64 hex>.json" or ".../sha256/<64 hex>": the digest it claims. */
static char *
claimed_digest(const char *path)
{
	const char *base = strrchr(path, '/');
	char *d;

	base = base ? base + 1 : path;
	if (strlen(base) < 64)
		return NULL;
	d = sc_xasprintf("sha256:%.64s", base);
	if (digest_md(d) == NULL || (base[64] != '\0' &&
	    strcmp(base + 64, ".json") != 0)) {
		free(d);
		return NULL;
	}
	return d;
}

static int
load_docker(struct img *im, struct sc_err *err)
{
	json_t *top = NULL;
	const json_t *m, *layers, *tags, *l;
	const char *cfg;
	char *claim = NULL;
	size_t i;
	int r;

	if ((r = read_json(im, "manifest.json", NULL, -1, &top, NULL, err)) < 0)
		goto out;
	if (!json_is_array(top) || json_array_size(top) != 1) {
		r = sc_err_set(err, SC_ERR_UNSUPPORTED, "image '%s': manifest.json "
		    "lists %zu images; stigcheck scans one image at a time",
		    im->arg, json_is_array(top) ? json_array_size(top) : 0);
		goto out;
	}
	m = json_array_get(top, 0);
	cfg = jstr(m, "Config");
	layers = json_object_get(m, "Layers");
	tags = json_object_get(m, "RepoTags");
	if (cfg == NULL || !json_is_array(layers)) {
		r = sc_err_set(err, SC_ERR_PARSE, "image '%s': manifest.json has "
		    "no Config or Layers", im->arg);
		goto out;
	}
	if (json_is_string(json_array_get(tags, 0)))
		im->ref = sc_xstrdup(json_string_value(json_array_get(tags, 0)));
	claim = claimed_digest(cfg);
	if ((r = read_json(im, cfg, claim, -1, &im->config, &im->config_digest,
	    err)) < 0)
		goto out;
	im->n_layers = json_array_size(layers);
	im->layers = sc_xcalloc(im->n_layers + 1, sizeof(*im->layers));
	json_array_foreach(layers, i, l) {
		if (!json_is_string(l)) {
			r = sc_err_set(err, SC_ERR_PARSE, "image '%s': manifest.json"
			    " layer %zu is not a path", im->arg, i + 1);
			goto out;
		}
		im->layers[i].blob = sc_xstrdup(json_string_value(l));
		im->layers[i].size = -1;
	}
out:
	free(claim);
	json_decref(top);
	return r;
}

/* The config's diff_ids, one per layer: every layer is checked. */
static int
load_diff_ids(struct img *im, struct sc_err *err)
{
	const json_t *ids = json_object_get(json_object_get(im->config,
	    "rootfs"), "diff_ids");
	size_t i;

	if (!json_is_array(ids) || json_array_size(ids) != im->n_layers)
		return sc_err_set(err, SC_ERR_PARSE, "image '%s': the config "
		    "lists %zu layer digests (rootfs.diff_ids) for %zu layers",
		    im->arg, json_is_array(ids) ? json_array_size(ids) : 0,
		    im->n_layers);
	for (i = 0; i < im->n_layers; i++) {
		const char *d = json_string_value(json_array_get(ids, i));

		if (digest_md(d) == NULL)
			return sc_err_set(err, SC_ERR_PARSE, "image '%s': the "
			    "config's diff_id %zu is not a digest", im->arg, i + 1);
		im->layers[i].diff_id = sc_xstrdup(d);
	}
	return SC_OK;
}

/* ---- applying layers ------------------------------------------------------ */

/*
 * A compressed layer is decompressed (and both its digests computed) by a
 * second thread, while this one writes the tree: the decompressed bytes
 * pass through a ring of RING_SLOTS blocks.  The producer stops at the end
 * of the blob, at an error (kept, and reported where the tar reader
 * reaches it, as without the thread) or when told to.
 */
#define RING_SLOTS 8

enum { PROD_OK, PROD_ERR, PROD_TOOBIG };

struct ring {
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;		/* a slot filled or emptied; state */
	unsigned char (*slot)[BLOCK];
	size_t len[RING_SLOTS];
	unsigned head, count;		/* next to read, slots filled */
	int done, stop, status;
	char msg[512];			/* PROD_ERR: the decompressor's */
};

#define TO_EOF (~0ULL)

struct blob {
	int fd;
	off_t base;			/* the blob is LEN bytes at BASE in fd */
	unsigned long long len, pos;	/* len TO_EOF: to the end of fd */
	EVP_MD_CTX *raw_md, *plain_md;
	const EVP_MD *raw_type;		/* of raw_md, to start it again */
	unsigned long long raw_n, plain_n, plain_max;
	struct archive *dec;		/* NULL while ist inflates */
	struct ring *ring;		/* NULL: no second thread */
	/* a gzip blob is inflated by ISA-L (ist) while it can be */
	struct inflate_state *ist;
	unsigned char *obuf;		/* ist's output, BLOCK bytes */
	int in_eof;
	/* for STIGCHECK_IMAGE_TIMING */
	int fast_used, fell_back;
	unsigned long long fell_back_at;
	/* after falling back to dec: decompressed bytes delivered already */
	unsigned long long skip;
	unsigned char buf[BLOCK];
};

/* The next block of the blob into b->buf, hashed; -1 with errno. */
static ssize_t
raw_fill(struct blob *b)
{
	size_t want = sizeof(b->buf);
	ssize_t n;

	if (b->len != TO_EOF) {
		if (b->pos >= b->len)
			return 0;
		if (b->len - b->pos < want)
			want = (size_t)(b->len - b->pos);
	}
	do
		n = pread(b->fd, b->buf, want, b->base + (off_t)b->pos);
	while (n < 0 && errno == EINTR);
	if (n > 0) {
		b->pos += (unsigned long long)n;
		if (b->raw_md != NULL)
			EVP_DigestUpdate(b->raw_md, b->buf, (size_t)n);
		b->raw_n += (unsigned long long)n;
	}
	return n;
}

static la_ssize_t
blob_raw_read(struct archive *a, void *ud, const void **buf)
{
	struct blob *b = ud;
	ssize_t n = raw_fill(b);

	if (n < 0) {
		archive_set_error(a, errno, "%s", strerror(errno));
		return -1;
	}
	*buf = b->buf;
	return n;
}

/* Read the blob again from its start, for its digest and size too. */
static void
raw_rewind(struct blob *b)
{
	b->pos = 0;
	if (b->raw_md != NULL)
		EVP_DigestInit_ex(b->raw_md, b->raw_type, NULL);
	b->raw_n = 0;
	b->in_eof = 0;
}

/* Open the libarchive decompressor on the blob (its first header read). */
static int
dec_open(struct blob *b)
{
	struct archive_entry *e;

	b->dec = archive_read_new();
	archive_read_support_filter_all(b->dec);
	archive_read_support_format_raw(b->dec);
	if (archive_read_open(b->dec, b, NULL, blob_raw_read, NULL) !=
	    ARCHIVE_OK || archive_read_next_header(b->dec, &e) != ARCHIVE_OK)
		return -1;
	return 0;
}

static const char *
dec_error(struct blob *b)
{
	const char *s = b->dec != NULL ? archive_error_string(b->dec) : NULL;

	return s != NULL ? s : "decompression failed";
}

/*
 * ISA-L inflates a gzip blob two to three times faster than zlib.  It is
 * used for the common case only: one gzip member that ends where the blob
 * ends, decoded without an error.  Anything else (an error, a checksum
 * mismatch, data after the member, a second member, a truncated blob)
 * hands the blob back to libarchive, which reads it again from the start
 * and skips what was delivered already, so what the tar reader sees, the
 * digests and the messages are libarchive's (dec_fallback).
 */
static int
fast_start(struct blob *b)
{
	const char *v = getenv(INFLATE_ENV);

	if (v != NULL && strcmp(v, "libarchive") == 0)
		return -1;
	raw_rewind(b);
	archive_read_free(b->dec);
	b->dec = NULL;
	b->ist = sc_xcalloc(1, sizeof(*b->ist));
	b->obuf = sc_xmalloc(BLOCK);
	isal_inflate_init(b->ist);
	b->ist->crc_flag = ISAL_GZIP;
	b->fast_used = 1;
	return 0;
}

static void
fast_free(struct blob *b)
{
	SC_FREE(b->ist);
	SC_FREE(b->obuf);
}

/* 1: a block in *p, *size; 0: the end; -1: libarchive must take over. */
static int
fast_block(struct blob *b, const void **p, size_t *size)
{
	struct inflate_state *s = b->ist;

	for (;;) {
		uint32_t in_before;
		size_t got;
		ssize_t n;
		int r;

		if (s->block_state == ISAL_BLOCK_FINISH) {
			/* the member ended: so must the blob */
			if (s->avail_in > 0)
				return -1;
			if (!b->in_eof && (n = raw_fill(b)) != 0)
				return -1;
			b->in_eof = 1;
			return 0;
		}
		if (s->avail_in == 0 && !b->in_eof) {
			if ((n = raw_fill(b)) < 0)
				return -1;
			b->in_eof = n == 0;
			s->next_in = b->buf;
			s->avail_in = (uint32_t)n;
		}
		in_before = s->avail_in;
		s->next_out = b->obuf;
		s->avail_out = BLOCK;
		r = isal_inflate(s);
		if (r != ISAL_DECOMP_OK && r != ISAL_END_INPUT &&
		    r != ISAL_OUT_OVERFLOW)
			return -1;
		got = BLOCK - s->avail_out;
		if (got > 0) {
			*p = b->obuf;
			*size = got;
			return 1;
		}
		if (s->block_state != ISAL_BLOCK_FINISH &&
		    (b->in_eof || s->avail_in == in_before))
			return -1;	/* truncated, or no progress */
	}
}

/* libarchive reads the blob again; what was delivered is skipped. */
static int
dec_fallback(struct blob *b)
{
	fast_free(b);
	b->fell_back = 1;
	b->fell_back_at = b->skip = b->plain_n;
	raw_rewind(b);
	return dec_open(b);
}

/*
 * The next decompressed block, as archive_read_data_block returns it
 * (ARCHIVE_OK or ARCHIVE_WARN with data, ARCHIVE_EOF, an error; its
 * message: dec_error).
 */
static int
dec_block(struct blob *b, const void **p, size_t *size)
{
	la_int64_t off;
	int r;

	if (b->ist != NULL) {
		r = fast_block(b, p, size);
		if (r >= 0)
			return r > 0 ? ARCHIVE_OK : ARCHIVE_EOF;
		if (dec_fallback(b) < 0)
			return ARCHIVE_FATAL;
	}
	for (;;) {
		r = archive_read_data_block(b->dec, p, size, &off);
		if ((r != ARCHIVE_OK && r != ARCHIVE_WARN) || b->skip == 0)
			return r;
		if (*size <= b->skip) {
			b->skip -= *size;
			continue;
		}
		*p = (const char *)*p + b->skip;
		*size -= b->skip;
		b->skip = 0;
		return r;
	}
}

/* Read the rest of the blob (trailing data), for its digest and size. */
static void
raw_tail(struct blob *b)
{
	while (raw_fill(b) > 0)
		;
}

/* ---- the decompressing thread ---- */

/* Hand DATA to the reader, a block at a time; 0 when told to stop. */
static int
ring_put(struct ring *rg, const unsigned char *data, size_t n)
{
	while (n > 0) {
		size_t k = n < BLOCK ? n : BLOCK, at;

		pthread_mutex_lock(&rg->mu);
		while (rg->count == RING_SLOTS && !rg->stop)
			pthread_cond_wait(&rg->cv, &rg->mu);
		if (rg->stop) {
			pthread_mutex_unlock(&rg->mu);
			return 0;
		}
		at = (rg->head + rg->count) % RING_SLOTS;
		pthread_mutex_unlock(&rg->mu);
		/* the slot is the producer's until it is counted */
		memcpy(rg->slot[at], data, k);
		rg->len[at] = k;
		pthread_mutex_lock(&rg->mu);
		rg->count++;
		pthread_cond_broadcast(&rg->cv);
		pthread_mutex_unlock(&rg->mu);
		data += k;
		n -= k;
	}
	return 1;
}

static void *
ring_produce(void *ud)
{
	struct blob *b = ud;
	struct ring *rg = b->ring;
	int status = PROD_OK, stopped = 0;
	const void *p;
	size_t size;

	for (;;) {
		int r = dec_block(b, &p, &size);

		if (r == ARCHIVE_EOF)
			break;
		if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
			status = PROD_ERR;
			snprintf(rg->msg, sizeof(rg->msg), "%s", dec_error(b));
			break;
		}
		EVP_DigestUpdate(b->plain_md, p, size);
		b->plain_n += size;
		if (b->plain_n > b->plain_max) {
			status = PROD_TOOBIG;
			break;
		}
		if (!ring_put(rg, p, size)) {
			stopped = 1;
			break;
		}
	}
	/* the raw digest covers every byte of the blob (blob_drain) */
	if (!stopped && status != PROD_TOOBIG)
		raw_tail(b);
	pthread_mutex_lock(&rg->mu);
	rg->status = status;
	rg->done = 1;
	pthread_cond_broadcast(&rg->cv);
	pthread_mutex_unlock(&rg->mu);
	return NULL;
}

/* Start the thread, every signal blocked in it (they are main's). */
static int
ring_start(struct blob *b)
{
	struct ring *rg = sc_xcalloc(1, sizeof(*rg));
	sigset_t all, old;
	int r;

	rg->slot = sc_xcalloc(RING_SLOTS, sizeof(*rg->slot));
	pthread_mutex_init(&rg->mu, NULL);
	pthread_cond_init(&rg->cv, NULL);
	b->ring = rg;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	r = pthread_create(&rg->th, NULL, ring_produce, b);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (r != 0) {
		pthread_cond_destroy(&rg->cv);
		pthread_mutex_destroy(&rg->mu);
		free(rg->slot);
		free(rg);
		b->ring = NULL;
		return -1;
	}
	return 0;
}

/*
 * Tell the thread to stop (with DRAIN: let it read the blob to its end,
 * the blocks discarded), join it and free the ring.  Returns the
 * producer's PROD_* outcome; PROD_OK without a thread.
 */
static int
ring_end(struct blob *b, int drain)
{
	struct ring *rg = b->ring;
	int status;

	if (rg == NULL)
		return PROD_OK;
	pthread_mutex_lock(&rg->mu);
	while (drain && !rg->done) {
		rg->head = (rg->head + rg->count) % RING_SLOTS;
		rg->count = 0;
		pthread_cond_broadcast(&rg->cv);
		pthread_cond_wait(&rg->cv, &rg->mu);
	}
	rg->stop = 1;
	pthread_cond_broadcast(&rg->cv);
	pthread_mutex_unlock(&rg->mu);
	pthread_join(rg->th, NULL);
	status = rg->status;
	pthread_cond_destroy(&rg->cv);
	pthread_mutex_destroy(&rg->mu);
	free(rg->slot);
	free(rg);
	b->ring = NULL;
	return status;
}

/* The tar reader's side: the next block, or the producer's outcome. */
static la_ssize_t
ring_read(struct archive *a, void *ud, const void **buf)
{
	struct blob *b = ud;
	struct ring *rg = b->ring;
	la_ssize_t n;

	pthread_mutex_lock(&rg->mu);
	/* the block handed out last time is free now */
	if (rg->count > 0 && rg->len[rg->head] == (size_t)-1) {
		rg->head = (rg->head + 1) % RING_SLOTS;
		rg->count--;
		pthread_cond_broadcast(&rg->cv);
	}
	while (rg->count == 0 && !rg->done)
		pthread_cond_wait(&rg->cv, &rg->mu);
	if (rg->count > 0) {
		*buf = rg->slot[rg->head];
		n = (la_ssize_t)rg->len[rg->head];
		rg->len[rg->head] = (size_t)-1;	/* in use until the next call */
	} else if (rg->status == PROD_ERR) {
		archive_set_error(a, EINVAL, "%s", rg->msg);
		n = -1;
	} else if (rg->status == PROD_TOOBIG) {
		archive_set_error(a, EFBIG, "decompresses to too many bytes");
		n = -1;
	} else {
		n = 0;
	}
	pthread_mutex_unlock(&rg->mu);
	return n;
}

static la_ssize_t
blob_plain_read(struct archive *a, void *ud, const void **buf)
{
	struct blob *b = ud;
	size_t size;
	int r;

	if (b->ring != NULL)
		return ring_read(a, ud, buf);
	r = dec_block(b, buf, &size);

	if (r == ARCHIVE_EOF)
		return 0;
	if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
		archive_set_error(a, EINVAL, "%s", dec_error(b));
		return -1;
	}
	EVP_DigestUpdate(b->plain_md, *buf, size);
	b->plain_n += size;
	if (b->plain_n > b->plain_max) {
		archive_set_error(a, EFBIG, "decompresses to too many bytes");
		return -1;
	}
	return (la_ssize_t)size;
}

/*
 * Read what the readers left (tar padding, trailing data), so the digests
 * cover every byte; -1 when that is over the decompression cap.
 */
static int
blob_drain(struct blob *b)
{
	const void *p;
	size_t size;

	if (b->ring != NULL)
		return ring_end(b, 1) == PROD_TOOBIG ? -1 : 0;
	while (dec_block(b, &p, &size) == ARCHIVE_OK) {
		EVP_DigestUpdate(b->plain_md, p, size);
		b->plain_n += size;
		if (b->plain_n > b->plain_max)
			return -1;
	}
	raw_tail(b);
	return 0;
}

static int
apply_layer(struct img *im, struct sc_extract *x, size_t i,
    unsigned long long plain_max, struct sc_err *err)
{
	struct layer *l = &im->layers[i];
	struct blob *b = sc_xcalloc(1, sizeof(*b));
	struct archive *tar = NULL;
	struct sc_err e2 = SC_ERR_INIT;
	char what[256], sd[32];
	char *raw = NULL, *plain = NULL;
	struct stat st;
	int r, fcode;

	b->fd = -1;
	b->len = TO_EOF;
	snprintf(what, sizeof(what), "image '%s': layer %zu (%s)", im->arg,
	    i + 1, short_digest(l->digest ? l->digest : l->diff_id, sd,
	    sizeof(sd)));
	if (im->indexed) {
		const struct member *m = member_get(im, l->blob);

		if (m == NULL || (b->fd = fcntl(im->arc_fd, F_DUPFD_CLOEXEC,
		    3)) < 0) {
			r = sc_err_set(err, m ? SC_ERR_IO : SC_ERR_NOTFOUND,
			    "%s: %s", what, m ? strerror(errno) : "not found");
			goto out;
		}
		b->base = m->off;
		b->len = m->size;
	} else if ((r = sc_target_open_file(im->src, l->blob, &b->fd, &st,
	    &e2)) < 0) {
		r = sc_err_set(err, r, "%s: %s", what, e2.msg);
		goto out;
	}
	/* a docker-archive names no blob digest: only the diff_id is checked */
	b->raw_type = l->digest ? digest_md(l->digest) : NULL;
	b->raw_md = l->digest ? digest_new(b->raw_type) : NULL;
	b->plain_md = digest_new(digest_md(l->diff_id));
	b->plain_max = plain_max;
	if (dec_open(b) < 0) {
		r = sc_err_set(err, SC_ERR_PARSE, "%s: %s", what,
		    archive_error_string(b->dec));
		goto out;
	}
	/* a compressed blob is decompressed on another core meanwhile (when
	 * no thread can start, here); gzip by ISA-L while it can be */
	fcode = archive_filter_code(b->dec, 0);
	if (fcode == ARCHIVE_FILTER_GZIP)
		(void)fast_start(b);
	if (fcode != ARCHIVE_FILTER_NONE)
		(void)ring_start(b);
	tar = archive_read_new();
	archive_read_support_format_tar(tar);
	if (archive_read_open(tar, b, NULL, blob_plain_read, NULL) != ARCHIVE_OK) {
		r = sc_err_set(err, SC_ERR_PARSE, "%s: %s", what,
		    archive_error_string(tar));
		goto out;
	}
	if ((r = sc_extract_apply(x, tar, what, err)) < 0)
		goto out;
	if (blob_drain(b) < 0) {
		r = SC_ERR_TOOBIG;
		goto out;
	}
	raw = b->raw_md ? digest_final(b->raw_md) : NULL;
	plain = digest_final(b->plain_md);
	if (l->digest != NULL && strcmp(raw, l->digest) != 0)
		r = sc_err_set(err, SC_ERR_PARSE, "%s: the blob does not match "
		    "its digest (it is %s)", what, raw);
	else if (l->size >= 0 && (unsigned long long)l->size != b->raw_n)
		r = sc_err_set(err, SC_ERR_PARSE, "%s: the blob is %llu bytes, "
		    "not the %lld its descriptor says", what, b->raw_n, l->size);
	else if (strcmp(plain, l->diff_id) != 0)
		r = sc_err_set(err, SC_ERR_PARSE, "%s: the uncompressed layer "
		    "does not match the config's diff_id %s (it is %s)", what,
		    l->diff_id, plain);
out:
	(void)ring_end(b, 0);	/* before plain_n is read and dec freed */
	if (im->timing && b->fell_back)
		fprintf(stderr, "stigcheck: image timing: layer %zu inflated by "
		    "libarchive (ISA-L stopped after %llu bytes)\n", i + 1,
		    b->fell_back_at);
	else if (im->timing && b->fast_used)
		fprintf(stderr, "stigcheck: image timing: layer %zu inflated by "
		    "ISA-L\n", i + 1);
	if (r < 0 && b->plain_n > b->plain_max)	/* whatever failed first */
		r = sc_err_set(err, SC_ERR_TOOBIG, "%s: decompresses to more than "
		    "%llu bytes; refused", what, b->plain_max);
	if (tar != NULL)
		archive_read_free(tar);
	if (b->dec != NULL)
		archive_read_free(b->dec);
	if (b->fd >= 0)
		close(b->fd);
	fast_free(b);
	EVP_MD_CTX_free(b->raw_md);
	EVP_MD_CTX_free(b->plain_md);
	free(raw);
	free(plain);
	free(b);
	return r;
}

/* ---- staging an archive --------------------------------------------------- */

static int
open_input(const char *path, int *fdp, struct stat *st, struct sc_err *err)
{
	int fd;

	*fdp = -1;
	if (strcmp(path, "-") == 0)
		fd = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3);
	else {
		fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC | O_NOATIME);
		if (fd < 0 && errno == EPERM)
			fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC);
	}
	if (fd < 0)
		return sc_err_set(err, sc_err_from_errno(errno), "cannot open "
		    "image '%s': %s", path, strerror(errno));
	if (fstat(fd, st) < 0 || !(S_ISREG(st->st_mode) ||
	    S_ISDIR(st->st_mode) || S_ISFIFO(st->st_mode))) {
		close(fd);
		return sc_err_set(err, SC_ERR_NOTREG, "image '%s' is not a "
		    "directory, a file or a pipe", path);
	}
	*fdp = fd;
	return SC_OK;
}

/*
 * Stage the archive read from FD, or from the runtime's save SV: then the
 * save's outcome is checked too, and explains a stream that is no archive.
 */
static int
stage_archive(struct img *im, int fd, struct sc_imagesave *sv,
    const struct sc_image_opts *o, struct sc_err *err)
{
	struct archive *a = archive_read_new();
	struct sc_extract *x = NULL;
	char what[256], *read_err = NULL;
	int dfd = -1, r;

	archive_read_support_filter_all(a);
	archive_read_support_format_tar(a);
	if ((sv != NULL ? sc_imagesave_open_archive(sv, a) :
	    archive_read_open_fd(a, fd, BLOCK)) != ARCHIVE_OK) {
		r = sc_err_set(err, SC_ERR_PARSE, "image '%s' is not a tar "
		    "archive: %s", im->arg, archive_error_string(a));
		goto out;
	}
	if (mkdirat(im->tmp_fd, "archive", 0700) < 0 ||
	    (dfd = openat(im->tmp_fd, "archive", O_PATH | O_DIRECTORY |
	    O_NOFOLLOW | O_CLOEXEC)) < 0) {
		r = sc_err_set(err, sc_err_from_errno(errno), "cannot stage "
		    "image '%s' in '%s': %s", im->arg, im->tmp, strerror(errno));
		goto out;
	}
	snprintf(what, sizeof(what), "image '%s'", im->arg);
	x = sc_extract_new(dfd, 0, o ? o->limits : NULL);
	if ((r = sc_extract_apply(x, a, what, err)) < 0)
		goto out;
	if ((r = sc_target_open_fd(&im->src, dfd, SC_TARGET_ROOTFS, im->arg,
	    err)) < 0) {
		dfd = -1;	/* closed by sc_target_open_fd */
		goto out;
	}
	dfd = -1;
out:
	if (sv != NULL) {
		int r2;

		read_err = r < 0 ? sc_xstrdup(err->msg) : NULL;
		r2 = sc_imagesave_finish(sv, read_err, err);
		if (r2 < 0)
			r = r2;
		free(read_err);
	}
	sc_extract_free(x);
	if (dfd >= 0)
		close(dfd);
	archive_read_free(a);
	return r;
}

/* ---- reading an archive in place ----------------------------------------- */

/*
 * An uncompressed archive file need not be staged: its regular members
 * are read where they are.  That is tried for the common case only: a
 * tar (no compression) of regular files and directories, no links, no
 * sparse or special entries, no name given twice or under a file, within
 * the staging limits.  Each member's data offset is where the tar reader
 * stands after its header, checked against the first bytes libarchive
 * reads.  Returns 0 when indexed, -1 when the archive must be staged.
 */
static void
unindex(struct img *im)
{
	SC_FREE(im->members);
	im->n_members = 0;
	sc_map_free(&im->names);
	memset(&im->names, 0, sizeof(im->names));
	im->indexed = 0;
	im->arc_fd = -1;
}

/* NAME's parent directories are directories (recorded as such). */
static int
index_parents(struct img *im, const char *name)
{
	char *p = sc_xstrdup(name), *slash;
	int ok = 1;
	void *v;

	while (ok && (slash = strrchr(p, '/')) != NULL) {
		*slash = '\0';
		v = sc_map_get(&im->names, p);
		if (v == DIR_NAME)
			break;		/* and so its ancestors are */
		if (v != NULL)
			ok = 0;		/* a file */
		else
			sc_map_put(&im->names, p, DIR_NAME);
	}
	free(p);
	return ok ? 0 : -1;
}

static int
index_member(struct img *im, struct archive *a, struct archive_entry *e,
    const char *name, const struct stat *st, unsigned long long *total,
    const struct sc_extract_limits *lim)
{
	la_int64_t off = archive_filter_bytes(a, 0), size;
	unsigned char head[512], got[512];
	size_t n;

	if (archive_entry_filetype(e) != AE_IFREG ||
	    !archive_entry_size_is_set(e) || (size = archive_entry_size(e)) < 0 ||
	    archive_entry_sparse_count(e) > 0 || off < 0 ||
	    (unsigned long long)size > lim->max_file ||
	    *total + (unsigned long long)size > lim->max_total ||
	    off + size > st->st_size || sc_map_get(&im->names, name) != NULL ||
	    index_parents(im, name) < 0)
		return -1;
	*total += (unsigned long long)size;
	n = size < (la_int64_t)sizeof(head) ? (size_t)size : sizeof(head);
	if (n > 0 && (archive_read_data(a, head, n) != (la_ssize_t)n ||
	    pread(im->arc_fd, got, n, (off_t)off) != (ssize_t)n ||
	    memcmp(head, got, n) != 0))
		return -1;
	SC_GROW(im->members, im->n_alloc, im->n_members + 1);
	im->members[im->n_members].off = (off_t)off;
	im->members[im->n_members].size = (unsigned long long)size;
	im->n_members++;
	sc_map_put(&im->names, name, (void *)(uintptr_t)im->n_members);
	return 0;
}

static int
index_archive(struct img *im, int fd, const struct sc_image_opts *o)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	struct sc_buf name = SC_BUF_INIT;
	struct sc_extract_limits lim = { SC_EXTRACT_MAX_FILE,
	    SC_EXTRACT_MAX_TOTAL, SC_EXTRACT_MAX_ENTRIES };
	unsigned long long total = 0;
	unsigned long entries = 0;
	struct stat st;
	int ar, ok = 0;

	if (o != NULL && o->limits != NULL) {
		if (o->limits->max_file)
			lim.max_file = o->limits->max_file;
		if (o->limits->max_total)
			lim.max_total = o->limits->max_total;
		if (o->limits->max_entries)
			lim.max_entries = o->limits->max_entries;
	}
	im->indexed = 1;
	im->arc_fd = fd;
	archive_read_support_filter_all(a);
	archive_read_support_format_tar(a);
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    archive_read_open_fd(a, fd, BLOCK) != ARCHIVE_OK)
		goto out;
	while ((ar = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
		const char *raw = archive_entry_pathname(e);

		if (archive_filter_code(a, 0) != ARCHIVE_FILTER_NONE ||
		    ++entries > lim.max_entries || raw == NULL ||
		    archive_entry_hardlink(e) != NULL ||
		    sc_extract_normalize(raw, &name) < 0)
			goto out;
		if (archive_entry_filetype(e) == AE_IFDIR) {
			void *v = name.len ? sc_map_get(&im->names, name.data) :
			    DIR_NAME;

			if ((v != NULL && v != DIR_NAME) || (v == NULL &&
			    index_parents(im, name.data) < 0))
				goto out;
			if (v == NULL)
				sc_map_put(&im->names, name.data, DIR_NAME);
			continue;
		}
		if (name.len == 0 || index_member(im, a, e, name.data, &st,
		    &total, &lim) < 0)
			goto out;
	}
	ok = ar == ARCHIVE_EOF;
out:
	archive_read_free(a);
	sc_buf_free(&name);
	if (!ok) {
		unindex(im);
		if (lseek(fd, 0, SEEK_SET) != 0)
			return -1;
	}
	return ok ? 0 : -1;
}

/* ---- the target ----------------------------------------------------------- */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
add_facts(struct img *im, struct sc_target *t)
{
	const json_t *c = json_object_get(im->config, "config"), *env, *v;
	const json_t *labels = json_object_get(c, "Labels");
	const char *key, *user = jstr(c, "User");
	char num[32];
	size_t i, n = 0;
	const char **keys;

	sc_target_add_fact(t, FACT "format", "string", im->format);
	if (im->ref != NULL)
		sc_target_add_fact(t, FACT "ref", "string", im->ref);
	if (im->manifest_digest != NULL)
		sc_target_add_fact(t, FACT "digest", "string",
		    im->manifest_digest);
	sc_target_add_fact(t, FACT "id", "string", im->config_digest);
	if (jstr(im->config, "os") != NULL)
		sc_target_add_fact(t, FACT "os", "string", jstr(im->config, "os"));
	if (jstr(im->config, "architecture") != NULL)
		sc_target_add_fact(t, FACT "architecture", "string",
		    jstr(im->config, "architecture"));
	sc_target_add_fact(t, FACT "user", "string", user ? user : "");
	snprintf(num, sizeof(num), "%zu", im->n_layers);
	sc_target_add_fact(t, FACT "layers", "number", num);

	keys = sc_xcalloc(json_object_size(labels) + 1, sizeof(*keys));
	json_object_foreach((json_t *)labels, key, v)
		if (json_is_string(v))
			keys[n++] = key;
	qsort(keys, n, sizeof(*keys), cmp_str);
	for (i = 0; i < n; i++) {
		char *name = sc_xasprintf(FACT "label:%s", keys[i]);

		sc_target_add_fact(t, name, "string",
		    jstr(labels, keys[i]));
		free(name);
	}
	free(keys);

	env = json_object_get(c, "Env");
	json_array_foreach(env, i, v)
		if (json_is_string(v))
			(void)sc_target_putenv(t, json_string_value(v), NULL);
}

/* The private directories a scanned image's target owns. */
struct img_dirs {
	char *tmp, *mem;
	int timing;
};

static double
since(struct timespec *t0)
{
	struct timespec now;
	double d;

	clock_gettime(CLOCK_MONOTONIC, &now);
	d = (double)(now.tv_sec - t0->tv_sec) +
	    (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
	*t0 = now;
	return d;
}

/* With $STIGCHECK_IMAGE_TIMING set: the time since the last phase. */
static void
phase(struct img *im, const char *what, size_t n)
{
	if (im->timing)
		fprintf(stderr, "stigcheck: image timing: %s%.0zu %.3f s\n",
		    what, n, since(&im->t0));
}

static void
remove_tmp(void *ctx)
{
	struct img_dirs *d = ctx;
	struct timespec t0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (d->mem != NULL)
		sc_tmpdir_remove(d->mem);
	sc_tmpdir_remove(d->tmp);
	if (d->timing)
		fprintf(stderr, "stigcheck: image timing: removal %.3f s\n",
		    since(&t0));
	free(d->mem);
	free(d->tmp);
	free(d);
}

/* Forget what load_layout read. */
static void
layout_reset(struct img *im)
{
	size_t i;

	for (i = 0; i < im->n_layers; i++) {
		free(im->layers[i].blob);
		free(im->layers[i].digest);
		free(im->layers[i].diff_id);
	}
	SC_FREE(im->layers);
	im->n_layers = 0;
	SC_FREE(im->manifest_digest);
	SC_FREE(im->config_digest);
	SC_FREE(im->ref);
	json_decref(im->config);
	im->config = NULL;
	im->format = NULL;
}

static void
img_free(struct img *im)
{
	sc_target_free(im->src);
	if (im->tmp_fd >= 0)
		close(im->tmp_fd);
	layout_reset(im);
	unindex(im);
}

/* The last component of a host path, trailing slashes ignored. */
static char *
base_name(const char *p)
{
	size_t len = strlen(p), start;

	while (len > 1 && p[len - 1] == '/')
		len--;
	for (start = len; start > 0 && p[start - 1] != '/'; start--)
		;
	return sc_xstrndup(p + start, len - start);
}

/* Bytes of the layers' blobs as stored (what the tree is sized from). */
static unsigned long long
blob_bytes(struct img *im)
{
	unsigned long long n = 0;
	struct stat st;
	size_t i;

	const struct member *m;

	for (i = 0; i < im->n_layers; i++)
		if (im->indexed && (m = member_get(im, im->layers[i].blob)))
			n += m->size;
		else if (!im->indexed && sc_target_stat(im->src,
		    im->layers[i].blob, &st, NULL) == 0 && st.st_size > 0)
			n += (unsigned long long)st.st_size;
	return n;
}

/*
 * The directory on a memory file system the tree goes to, or NULL (with
 * the staging directory, on disk): $STIGCHECK_IMAGE_MEMDIR when set ("":
 * none), else /dev/shm when it is a tmpfs with NEED bytes free and as much
 * memory is free.
 */
static const char *
memdir(unsigned long long need)
{
	const char *d = getenv(MEMDIR_ENV);
	struct statfs sfs;
	long pages = sysconf(_SC_AVPHYS_PAGES), psize = sysconf(_SC_PAGESIZE);

	if (d != NULL)
		return *d ? d : NULL;
	if (statfs(MEMDIR_DEFAULT, &sfs) < 0 || sfs.f_type != TMPFS_MAGIC_ ||
	    (unsigned long long)sfs.f_bavail * (unsigned long long)sfs.f_bsize <
	    need || pages < 0 || psize < 0 ||
	    (unsigned long long)pages * (unsigned long long)psize < need ||
	    access(MEMDIR_DEFAULT, W_OK | X_OK) < 0)
		return NULL;
	return MEMDIR_DEFAULT;
}

/*
 * Apply every layer into a new directory "rootfs" in PARENT_FD; owners
 * and modes go to a new side table, never to the disk.
 */
static int
build_tree(struct img *im, int parent_fd, unsigned long long plain_max,
    const struct sc_image_opts *o, int *rootfdp, struct sc_inodes **tabp,
    struct sc_err *err)
{
	struct sc_extract *x = NULL;
	struct sc_inodes *tab = NULL;
	struct sc_inode_meta rootm;
	struct stat rst;
	int rootfd = -1, r = SC_OK;
	size_t i;

	*rootfdp = -1;
	*tabp = NULL;
	/* the root is 0755 unless a layer says otherwise ("./") */
	if (mkdirat(parent_fd, "rootfs", 0700) < 0 ||
	    fchmodat(parent_fd, "rootfs", 0755, 0) < 0 ||
	    (rootfd = openat(parent_fd, "rootfs", O_PATH | O_DIRECTORY |
	    O_NOFOLLOW | O_CLOEXEC)) < 0 || fstat(rootfd, &rst) < 0) {
		r = sc_err_set(err, sc_err_from_errno(errno), "cannot create the "
		    "image root for '%s': %s", im->arg, strerror(errno));
		goto out;
	}
	tab = sc_inodes_new();
	memset(&rootm, 0, sizeof(rootm));
	rootm.mode = S_IFDIR | 0755;
	rootm.mtime.tv_nsec = UTIME_OMIT;
	sc_inodes_set(tab, rst.st_dev, rst.st_ino, &rootm);
	x = sc_extract_new(rootfd, SC_EXTRACT_WHITEOUTS, o ? o->limits : NULL);
	sc_extract_set_inodes(x, tab);
	for (i = 0; i < im->n_layers; i++) {
		if ((r = apply_layer(im, x, i, plain_max, err)) < 0)
			goto out;
		phase(im, "layer ", i + 1);
	}
	*rootfdp = rootfd;
	*tabp = tab;
	rootfd = -1;
	tab = NULL;
out:
	sc_extract_free(x);
	sc_inodes_free(tab);
	if (rootfd >= 0)
		close(rootfd);
	return r;
}

/*
 * Build the tree on a memory file system when one has room; when that
 * fails for want of room (an I/O error: ENOSPC), or there is none, in the
 * staging directory.  *TREE_FD is the directory holding "rootfs".
 */
static int
place_tree(struct img *im, unsigned long long plain_max,
    const struct sc_image_opts *o, int *rootfdp, struct sc_inodes **tabp,
    struct sc_err *err)
{
	struct sc_err e2 = SC_ERR_INIT;
	const char *mem = memdir(MEMDIR_FACTOR * blob_bytes(im) + MEMDIR_MARGIN);
	int mfd, r;

	if (mem != NULL && sc_tmpdir_new(mem, MEMDIR_PREFIX, &im->mem,
	    &e2) == SC_OK) {
		if (im->timing)
			fprintf(stderr, "stigcheck: image timing: the tree goes "
			    "to '%s'\n", mem);
		mfd = open(im->mem, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		r = mfd < 0 ? sc_err_set(&e2, SC_ERR_IO, "%s", strerror(errno)) :
		    build_tree(im, mfd, plain_max, o, rootfdp, tabp, &e2);
		if (mfd >= 0)
			close(mfd);
		if (r != SC_ERR_IO) {
			if (r < 0)
				*err = e2;
			return r;
		}
		sc_tmpdir_remove(im->mem);
		SC_FREE(im->mem);
		phase(im, "memory tree failed, again on disk", 0);
	}
	return build_tree(im, im->tmp_fd, plain_max, o, rootfdp, tabp, err);
}

/* Which layout im holds, its index, manifest and config, its layers. */
static int
load_layout(struct img *im, int is_dir, struct sc_err *err)
{
	int r;

	if (exists(im, "oci-layout")) {
		im->format = is_dir ? "oci-layout" : "oci-archive";
		r = load_oci(im, err);
	} else if (exists(im, "manifest.json")) {
		im->format = "docker-archive";
		r = load_docker(im, err);
	} else {
		r = sc_err_set(err, SC_ERR_UNSUPPORTED, "image '%s' is neither an "
		    "OCI image layout (no oci-layout file) nor a docker or podman "
		    "save archive (no manifest.json); to scan an unpacked root "
		    "filesystem, use --rootfs", im->arg);
	}
	if (r < 0)
		return r;
	return load_diff_ids(im, err);
}

/* Remove a tree place_tree left behind after failing. */
static void
drop_tree(struct img *im)
{
	if (im->mem != NULL) {
		sc_tmpdir_remove(im->mem);
		SC_FREE(im->mem);
	}
	(void)sc_rmtree_at(im->tmp_fd, "rootfs");
}

/*
 * Read the image at *FDP (or from the runtime's save SV): its layout (a
 * directory, an uncompressed archive file read in place, else the staged
 * archive), its manifest and config, its layers into a tree.  When
 * reading in place fails in any way, the archive is staged and read
 * again: its outcome, and its error messages, are the staged one's.
 */
static int
flatten(struct img *im, int *fdp, struct sc_imagesave *sv,
    const struct stat *st, const struct sc_image_opts *o,
    unsigned long long plain_max, int *rootfdp, struct sc_inodes **tabp,
    struct sc_err *err)
{
	struct sc_err e2 = SC_ERR_INIT;
	int r;

	if (S_ISDIR(st->st_mode)) {
		r = sc_target_open_fd(&im->src, *fdp, SC_TARGET_ROOTFS, im->arg,
		    err);
		*fdp = -1;
		if (r < 0)
			return r;
	} else if (sv == NULL && S_ISREG(st->st_mode) &&
	    index_archive(im, *fdp, o) == 0) {
		phase(im, "indexing", 0);
		if (load_layout(im, 0, &e2) == SC_OK && (phase(im, "manifest", 0),
		    place_tree(im, plain_max, o, rootfdp, tabp, &e2)) == SC_OK)
			return SC_OK;
		phase(im, "reading in place failed, staging", 0);
		unindex(im);
		layout_reset(im);
		drop_tree(im);
		if (lseek(*fdp, 0, SEEK_SET) != 0)
			return sc_err_set(err, sc_err_from_errno(errno), "cannot "
			    "read image '%s': %s", im->arg, strerror(errno));
		if ((r = stage_archive(im, *fdp, NULL, o, err)) < 0)
			return r;
	} else if ((r = stage_archive(im, *fdp, sv, o, err)) < 0) {
		return r;
	}
	phase(im, "staging", 0);
	if ((r = load_layout(im, S_ISDIR(st->st_mode), err)) < 0)
		return r;
	phase(im, "manifest", 0);
	return place_tree(im, plain_max, o, rootfdp, tabp, err);
}

int
sc_image_parse_mem(const struct sc_image_memfile *files, size_t n,
    size_t *n_layers, struct sc_err *err)
{
	struct img im;
	int r;

	memset(&im, 0, sizeof(im));
	im.arg = "(memory)";
	im.tmp_fd = -1;
	im.arc_fd = -1;
	im.memfiles = files;
	im.n_memfiles = n;
	r = load_layout(&im, 1, err);
	if (r == SC_OK && n_layers != NULL)
		*n_layers = im.n_layers;
	img_free(&im);
	return r;
}

int
sc_image_open(struct sc_target **out, const char *path,
    const struct sc_image_opts *o, struct sc_err *err)
{
	struct img im;
	struct img_dirs *dirs;
	struct sc_target *t = NULL;
	struct sc_inodes *tab = NULL;
	unsigned long long max_total = SC_EXTRACT_MAX_TOTAL, plain_max;
	unsigned long max_entries = SC_EXTRACT_MAX_ENTRIES;
	struct stat st;
	struct sc_imagesave *sv = NULL;
	int fd = -1, rootfd = -1, r, saved = sc_imagesave_is_ref(path);
	const char *tv = getenv(TIMING_ENV);

	*out = NULL;
	memset(&im, 0, sizeof(im));
	im.arg = path;
	im.tmp_fd = -1;
	im.arc_fd = -1;
	im.timing = tv != NULL && *tv != '\0';
	clock_gettime(CLOCK_MONOTONIC, &im.t0);
	if (o != NULL && o->limits != NULL && o->limits->max_total)
		max_total = o->limits->max_total;
	if (o != NULL && o->limits != NULL && o->limits->max_entries)
		max_entries = o->limits->max_entries;
	/* a layer decompresses to its files and their headers, no more */
	plain_max = max_total + max_entries * HEADER_BYTES;
	if (saved) {
		if ((r = sc_imagesave_start(&sv, path, o ? o->save_timeout_ms : 0,
		    err)) < 0)
			return r;
		memset(&st, 0, sizeof(st));
		st.st_mode = S_IFIFO;
	} else if ((r = open_input(path, &fd, &st, err)) < 0) {
		return r;
	}
	if ((r = sc_tmpdir_new(o ? o->tmpdir : NULL, "stigcheck-image", &im.tmp,
	    err)) < 0)
		goto out;
	im.tmp_fd = open(im.tmp, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (im.tmp_fd < 0) {
		r = sc_err_set(err, sc_err_from_errno(errno), "cannot open '%s': "
		    "%s", im.tmp, strerror(errno));
		goto out;
	}
	if ((r = flatten(&im, &fd, sv, &st, o, plain_max, &rootfd, &tab,
	    err)) < 0)
		goto out;
	/* the staged archive is not needed any more */
	sc_target_free(im.src);
	im.src = NULL;
	unindex(&im);
	if (!S_ISDIR(st.st_mode))
		(void)sc_rmtree_at(im.tmp_fd, "archive");
	phase(&im, "staged archive removed", 0);

	if ((r = sc_target_open_fd(&t, rootfd, SC_TARGET_IMAGE,
	    strcmp(path, "-") == 0 ? "(standard input)" : path, err)) < 0) {
		rootfd = -1;
		goto out;
	}
	rootfd = -1;
	sc_target_set_inodes(t, tab);
	tab = NULL;
	/* the target owns the directories now */
	dirs = sc_xcalloc(1, sizeof(*dirs));
	dirs->tmp = im.tmp;
	dirs->mem = im.mem;
	dirs->timing = im.timing;
	im.tmp = im.mem = NULL;
	sc_target_on_free(t, remove_tmp, dirs);
	add_facts(&im, t);
	if (saved && im.manifest_digest == NULL)	/* imagedigest.h */
		sc_imagedigest_add(t, path, im.config_digest);
	if (im.ref != NULL || saved || strcmp(path, "-") == 0) {
		sc_target_set_name(t, im.ref ? im.ref : saved ? path :
		    im.config_digest);
	} else {
		char *base = base_name(path);

		sc_target_set_name(t, base);
		free(base);
	}
	*out = t;
out:
	sc_imagesave_free(sv);
	sc_inodes_free(tab);
	if (rootfd >= 0)
		close(rootfd);
	if (fd >= 0)
		close(fd);
	img_free(&im);
	if (im.mem != NULL) {
		sc_tmpdir_remove(im.mem);
		free(im.mem);
	}
	if (im.tmp != NULL) {
		sc_tmpdir_remove(im.tmp);
		free(im.tmp);
	}
	return r;
}
