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
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "target/imagesave.h"
#include "target/inodes.h"
#include "util/fsutil.h"
#include "util/mem.h"

#define FACT "urn:stigcheck:fact:image:"
#define BLOCK (64u << 10)
#define MAX_NESTING 4
/* decompressed bytes allowed per entry beyond file data: tar headers */
#define HEADER_BYTES 4096ULL

#define MT_OCI_INDEX "application/vnd.oci.image.index.v1+json"
#define MT_DOCKER_LIST "application/vnd.docker.distribution.manifest.list.v2+json"

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
	struct sc_target *src;	/* the layout, read-only */
	const char *format;
	char *manifest_digest;
	char *config_digest;
	char *ref;
	json_t *config;
	struct layer *layers;
	size_t n_layers;
	/* the layout's files in memory instead of src (sc_image_parse_mem) */
	const struct sc_image_memfile *mem;
	size_t n_mem;
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

/* The in-memory file at path, or NULL. */
static const struct sc_image_memfile *
mem_file(const struct img *im, const char *path)
{
	for (size_t i = 0; i < im->n_mem; i++)
		if (strcmp(im->mem[i].path, path) == 0)
			return &im->mem[i];
	return NULL;
}

/* Read a JSON file of the layout (from the target, or from memory). */
static int
layout_read(struct img *im, const char *path, struct sc_buf *b,
    struct sc_err *err)
{
	const struct sc_image_memfile *f;

	if (im->mem == NULL)
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

	if (im->mem != NULL)
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

struct blob {
	int fd;
	EVP_MD_CTX *raw_md, *plain_md;
	unsigned long long raw_n, plain_n, plain_max;
	struct archive *dec;
	unsigned char buf[BLOCK];
};

static la_ssize_t
blob_raw_read(struct archive *a, void *ud, const void **buf)
{
	struct blob *b = ud;
	ssize_t n;

	do
		n = read(b->fd, b->buf, sizeof(b->buf));
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		archive_set_error(a, errno, "%s", strerror(errno));
		return -1;
	}
	if (b->raw_md != NULL)
		EVP_DigestUpdate(b->raw_md, b->buf, (size_t)n);
	b->raw_n += (unsigned long long)n;
	*buf = b->buf;
	return n;
}

static la_ssize_t
blob_plain_read(struct archive *a, void *ud, const void **buf)
{
	struct blob *b = ud;
	size_t size;
	la_int64_t off;
	int r = archive_read_data_block(b->dec, buf, &size, &off);

	if (r == ARCHIVE_EOF)
		return 0;
	if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
		archive_set_error(a, EINVAL, "%s",
		    archive_error_string(b->dec));
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
	la_int64_t off;
	ssize_t n;

	while (archive_read_data_block(b->dec, &p, &size, &off) == ARCHIVE_OK) {
		EVP_DigestUpdate(b->plain_md, p, size);
		b->plain_n += size;
		if (b->plain_n > b->plain_max)
			return -1;
	}
	while ((n = read(b->fd, b->buf, sizeof(b->buf))) > 0 ||
	    (n < 0 && errno == EINTR)) {
		if (n > 0) {
			if (b->raw_md != NULL)
				EVP_DigestUpdate(b->raw_md, b->buf, (size_t)n);
			b->raw_n += (unsigned long long)n;
		}
	}
	return 0;
}

static int
apply_layer(struct img *im, struct sc_extract *x, size_t i,
    unsigned long long plain_max, struct sc_err *err)
{
	struct layer *l = &im->layers[i];
	struct blob *b = sc_xcalloc(1, sizeof(*b));
	struct archive *tar = NULL;
	struct archive_entry *e;
	struct sc_err e2 = SC_ERR_INIT;
	char what[256], sd[32];
	char *raw = NULL, *plain = NULL;
	struct stat st;
	int r;

	b->fd = -1;
	snprintf(what, sizeof(what), "image '%s': layer %zu (%s)", im->arg,
	    i + 1, short_digest(l->digest ? l->digest : l->diff_id, sd,
	    sizeof(sd)));
	if ((r = sc_target_open_file(im->src, l->blob, &b->fd, &st, &e2)) < 0) {
		r = sc_err_set(err, r, "%s: %s", what, e2.msg);
		goto out;
	}
	/* a docker-archive names no blob digest: only the diff_id is checked */
	b->raw_md = l->digest ? digest_new(digest_md(l->digest)) : NULL;
	b->plain_md = digest_new(digest_md(l->diff_id));
	b->plain_max = plain_max;
	b->dec = archive_read_new();
	archive_read_support_filter_all(b->dec);
	archive_read_support_format_raw(b->dec);
	if (archive_read_open(b->dec, b, NULL, blob_raw_read, NULL) != ARCHIVE_OK ||
	    archive_read_next_header(b->dec, &e) != ARCHIVE_OK) {
		r = sc_err_set(err, SC_ERR_PARSE, "%s: %s", what,
		    archive_error_string(b->dec));
		goto out;
	}
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
	if (r < 0 && b->plain_n > b->plain_max)	/* whatever failed first */
		r = sc_err_set(err, SC_ERR_TOOBIG, "%s: decompresses to more than "
		    "%llu bytes; refused", what, b->plain_max);
	if (tar != NULL)
		archive_read_free(tar);
	if (b->dec != NULL)
		archive_read_free(b->dec);
	if (b->fd >= 0)
		close(b->fd);
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

static void
remove_tmp(void *ctx)
{
	sc_tmpdir_remove(ctx);
	free(ctx);
}

static void
img_free(struct img *im)
{
	size_t i;

	sc_target_free(im->src);
	if (im->tmp_fd >= 0)
		close(im->tmp_fd);
	for (i = 0; i < im->n_layers; i++) {
		free(im->layers[i].blob);
		free(im->layers[i].digest);
		free(im->layers[i].diff_id);
	}
	free(im->layers);
	free(im->manifest_digest);
	free(im->config_digest);
	free(im->ref);
	json_decref(im->config);
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

int
sc_image_parse_mem(const struct sc_image_memfile *files, size_t n,
    size_t *n_layers, struct sc_err *err)
{
	struct img im;
	int r;

	memset(&im, 0, sizeof(im));
	im.arg = "(memory)";
	im.tmp_fd = -1;
	im.mem = files;
	im.n_mem = n;
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
	struct sc_extract *x = NULL;
	struct sc_target *t = NULL;
	struct sc_inodes *tab = NULL;
	struct sc_inode_meta rootm;
	struct stat rst;
	unsigned long long max_total = SC_EXTRACT_MAX_TOTAL, plain_max;
	unsigned long max_entries = SC_EXTRACT_MAX_ENTRIES;
	struct stat st;
	struct sc_imagesave *sv = NULL;
	int fd = -1, rootfd = -1, r, saved = sc_imagesave_is_ref(path);
	size_t i;

	*out = NULL;
	memset(&im, 0, sizeof(im));
	im.arg = path;
	im.tmp_fd = -1;
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
	if (S_ISDIR(st.st_mode)) {
		r = sc_target_open_fd(&im.src, fd, SC_TARGET_ROOTFS, path, err);
		fd = -1;
		if (r < 0)
			goto out;
	} else if ((r = stage_archive(&im, fd, sv, o, err)) < 0) {
		goto out;
	}

	if ((r = load_layout(&im, S_ISDIR(st.st_mode), err)) < 0)
		goto out;

	/* the root is 0755 unless a layer says otherwise ("./") */
	if (mkdirat(im.tmp_fd, "rootfs", 0700) < 0 ||
	    fchmodat(im.tmp_fd, "rootfs", 0755, 0) < 0 ||
	    (rootfd = openat(im.tmp_fd, "rootfs", O_PATH | O_DIRECTORY |
	    O_NOFOLLOW | O_CLOEXEC)) < 0) {
		r = sc_err_set(err, sc_err_from_errno(errno), "cannot create the "
		    "image root in '%s': %s", im.tmp, strerror(errno));
		goto out;
	}
	/* owners and modes go to a side table, never to the disk */
	tab = sc_inodes_new();
	memset(&rootm, 0, sizeof(rootm));
	rootm.mode = S_IFDIR | 0755;
	rootm.mtime.tv_nsec = UTIME_OMIT;
	if (fstat(rootfd, &rst) < 0) {
		r = sc_err_set(err, sc_err_from_errno(errno), "cannot stat the "
		    "image root in '%s': %s", im.tmp, strerror(errno));
		goto out;
	}
	sc_inodes_set(tab, rst.st_dev, rst.st_ino, &rootm);
	x = sc_extract_new(rootfd, SC_EXTRACT_WHITEOUTS, o ? o->limits : NULL);
	sc_extract_set_inodes(x, tab);
	for (i = 0; i < im.n_layers; i++)
		if ((r = apply_layer(&im, x, i, plain_max, err)) < 0)
			goto out;
	/* the staged archive is not needed any more */
	sc_target_free(im.src);
	im.src = NULL;
	if (!S_ISDIR(st.st_mode))
		(void)sc_rmtree_at(im.tmp_fd, "archive");

	if ((r = sc_target_open_fd(&t, rootfd, SC_TARGET_IMAGE,
	    strcmp(path, "-") == 0 ? "(standard input)" : path, err)) < 0) {
		rootfd = -1;
		goto out;
	}
	rootfd = -1;
	sc_target_set_inodes(t, tab);
	tab = NULL;
	sc_target_on_free(t, remove_tmp, im.tmp);
	im.tmp = NULL;		/* the target owns it now */
	add_facts(&im, t);
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
	sc_extract_free(x);
	sc_inodes_free(tab);
	if (rootfd >= 0)
		close(rootfd);
	if (fd >= 0)
		close(fd);
	img_free(&im);
	if (im.tmp != NULL) {
		sc_tmpdir_remove(im.tmp);
		free(im.tmp);
	}
	return r;
}
