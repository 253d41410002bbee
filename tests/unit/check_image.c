/*
 * check_image.c - OCI layouts and docker archives as targets.
 *
 * Layouts are built here, blob by blob: layers with whiteouts, indexes
 * with several images (attestations, other architectures, missing blobs),
 * nested indexes, docker-archive manifests, and broken ones (wrong
 * digests, unknown media types, sizes over the limits).  The private
 * directory must exist while the target is open and be gone after, on
 * success and on every error.
 */
#include <archive.h>
#include <dirent.h>
#include <jansson.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "target/image.h"
#include "target/imagesave.h"
#include "util/mem.h"
#include "testutil.h"
#include "tu_archive.h"

static char *tmp, *work, *lay;

static void
setup(void)
{
	tmp = tu_mkdtemp();
	work = tu_path(tmp, "work");
	lay = tu_path(tmp, "layout");
	tu_mkdir(tmp, "work", 0755);
	tu_mkdir(tmp, "layout/blobs/sha256", 0755);
}

static void
teardown(void)
{
	tu_rmrf(tmp);
	free(tmp);
	free(work);
	free(lay);
}

/* The number of private directories under work/. */
static int
n_private(void)
{
	DIR *d = opendir(work);
	struct dirent *de;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, "stigcheck-image.", 16) == 0)
			n++;
	closedir(d);
	return n;
}

static void
sha256_hex(const void *data, size_t len, char hex[65])
{
	unsigned char md[32];
	unsigned int n = 0, i;

	EVP_Digest(data, len, md, &n, EVP_sha256(), NULL);
	for (i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
}

/* Store a blob; digest receives "sha256:<hex>". */
static void
put_blob(const void *data, size_t len, char digest[72])
{
	char hex[65], rel[128];
	FILE *f;
	char *p;

	sha256_hex(data, len, hex);
	snprintf(digest, 72, "sha256:%s", hex);
	snprintf(rel, sizeof(rel), "blobs/sha256/%s", hex);
	p = tu_path(lay, rel);
	f = fopen(p, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	fclose(f);
	free(p);
}

/* Serialise and release a JSON value. */
static char *
dump(json_t *j, size_t flags)
{
	char *s = json_dumps(j, flags);

	json_decref(j);
	return s;
}

static json_t *
descriptor(const char *mt, const char *digest, size_t size)
{
	return json_pack("{s:s, s:s, s:I}", "mediaType", mt, "digest", digest,
	    "size", (json_int_t)size);
}

static json_t *
put_json(json_t *doc, const char *mt, char digest[72])
{
	char *s = json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS);
	json_t *d;

	put_blob(s, strlen(s), digest);
	d = descriptor(mt, digest, strlen(s));
	free(s);
	json_decref(doc);
	return d;
}

struct layer {
	unsigned char *tar;
	size_t len;
};

static struct layer
layer_of(struct tu_tar *t)
{
	struct layer l;

	l.tar = tu_tar_finish(t, &l.len);
	return l;
}

#define MT_MANIFEST "application/vnd.oci.image.manifest.v1+json"
#define MT_INDEX "application/vnd.oci.image.index.v1+json"
#define MT_CONFIG "application/vnd.oci.image.config.v1+json"
#define MT_TAR "application/vnd.oci.image.layer.v1.tar"
#define MT_TGZ "application/vnd.oci.image.layer.v1.tar+gzip"

/*
 * An image manifest blob for the layers (gzip'd when gz); returns its
 * descriptor.  layer_mt overrides the media type when not NULL.
 */
static json_t *
image(struct layer *ls, size_t n, int gz, const char *layer_mt,
    const char *user)
{
	json_t *ids = json_array(), *lds = json_array(), *cfg, *man, *d;
	char digest[72], hex[65];
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char *blob = ls[i].tar;
		size_t blen = ls[i].len;

		sha256_hex(ls[i].tar, ls[i].len, hex);
		json_array_append_new(ids, json_sprintf("sha256:%s", hex));
		if (gz)
			blob = tu_gzip(ls[i].tar, ls[i].len, &blen);
		put_blob(blob, blen, digest);
		json_array_append_new(lds, descriptor(layer_mt ? layer_mt :
		    gz ? MT_TGZ : MT_TAR, digest, blen));
		if (gz)
			free(blob);
	}
	cfg = json_pack("{s:s, s:s, s:{s:[s,s,s], s:s, s:{s:s, s:s}}, "
	    "s:{s:s, s:o}}", "architecture", sc_image_host_arch(), "os", "linux",
	    "config", "Env", "PATH=/usr/bin", "IMAGE_ENV=from-config", "HOME=/app",
	    "User", user, "Labels", "z.last", "2", "a.first", "1",
	    "rootfs", "type", "layers", "diff_ids", ids);
	d = put_json(cfg, MT_CONFIG, digest);
	man = json_pack("{s:i, s:s, s:o, s:o}", "schemaVersion", 2, "mediaType",
	    MT_MANIFEST, "config", d, "layers", lds);
	return put_json(man, MT_MANIFEST, digest);
}

static void
write_index(json_t *manifests)
{
	json_t *idx = json_pack("{s:i, s:o}", "schemaVersion", 2, "manifests",
	    manifests);
	char *s = json_dumps(idx, JSON_COMPACT);

	tu_write(lay, "index.json", s, 0644);
	tu_write(lay, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}", 0644);
	free(s);
	json_decref(idx);
}

static json_t *
with_ref(json_t *d, const char *ref, const char *arch)
{
	json_object_set_new(d, "annotations", json_pack("{s:s}",
	    "org.opencontainers.image.ref.name", ref));
	if (arch)
		json_object_set_new(d, "platform", json_pack("{s:s, s:s}", "os",
		    "linux", "architecture", arch));
	return d;
}

static struct layer
base_layer(void)
{
	struct tu_tar *t = tu_tar_new();

	tu_tar_dir(t, "./", 0755, 0, 0);
	tu_tar_file(t, "etc/passwd", "root:x:0:0::/root:/bin/sh\n"
	    "app:x:1000:1000::/app:/bin/sh\n", 0644, 0, 0);
	tu_tar_file(t, "etc/group", "root:x:0:\napp:x:1000:\n", 0644, 0, 0);
	tu_tar_file(t, "etc/todelete", "gone\n", 0644, 0, 0);
	tu_tar_file(t, "opt/old/a", "a\n", 0644, 0, 0);
	tu_tar_file(t, "etc/hostname", "not-the-image-name\n", 0644, 0, 0);
	tu_tar_node(t, "dev/null", S_IFCHR);
	return layer_of(t);
}

static struct layer
top_layer(void)
{
	struct tu_tar *t = tu_tar_new();

	tu_tar_file(t, "etc/.wh.todelete", "", 0644, 0, 0);
	tu_tar_file(t, "opt/old/.wh..wh..opq", "", 0644, 0, 0);
	tu_tar_file(t, "opt/old/c", "c\n", 0600, 1000, 1000);
	return layer_of(t);
}

static int
open_image(struct sc_target **t, const char *path, struct sc_err *err)
{
	struct sc_image_opts o = { work, NULL, 0 };

	return sc_image_open(t, path, &o, err);
}

static const char *
fact(struct sc_target *t, const char *name)
{
	size_t n, i;
	const struct sc_fact *f = sc_target_facts(t, &n);

	for (i = 0; i < n; i++)
		if (strcmp(f[i].name, name) == 0)
			return f[i].value;
	return NULL;
}

/* any user may scan an image: owners live in the side table */
#define NEED_ROOT() do { } while (0)

START_TEST(test_oci_layers)
{
	struct layer ls[2] = { base_layer(), top_layer() };
	struct sc_err err = SC_ERR_INIT;
	struct sc_target *t;
	struct stat st;
	size_t n;
	const struct sc_fact *f;
	json_t *d;
	char mdigest[72];

	NEED_ROOT();
	d = image(ls, 2, _i, NULL, "app");
	snprintf(mdigest, sizeof(mdigest), "%s", json_string_value(
	    json_object_get(d, "digest")));
	write_index(json_pack("[o]", with_ref(d, "example/app:1", NULL)));
	ck_assert_msg(open_image(&t, lay, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(n_private(), 1);
	ck_assert_int_eq(sc_target_kind(t), SC_TARGET_IMAGE);
	ck_assert_str_eq(sc_target_path(t), lay);
	ck_assert_str_eq(sc_target_name(t), "example/app:1");
	ck_assert_ptr_null(sc_target_runtime(t));
	/* the environment is the config's, never the scanner's */
	ck_assert_str_eq(sc_target_getenv(t, "IMAGE_ENV"), "from-config");
	ck_assert_str_eq(sc_target_getenv(t, "HOME"), "/app");
	ck_assert_ptr_null(sc_target_getenv(t, "TMPDIR"));
	ck_assert_str_eq(fact(t, "urn:stigcheck:fact:image:format"), "oci-layout");
	ck_assert_str_eq(fact(t, "urn:stigcheck:fact:image:digest"), mdigest);
	ck_assert_str_eq(fact(t, "urn:stigcheck:fact:image:user"), "app");
	ck_assert_str_eq(fact(t, "urn:stigcheck:fact:image:layers"), "2");
	ck_assert_str_eq(fact(t, "urn:stigcheck:fact:image:ref"), "example/app:1");
	/* labels in key order */
	f = sc_target_facts(t, &n);
	ck_assert_str_eq(f[n - 2].name, "urn:stigcheck:fact:image:label:a.first");
	ck_assert_str_eq(f[n - 1].name, "urn:stigcheck:fact:image:label:z.last");
	/* layers applied in order */
	ck_assert_int_eq(sc_target_lstat(t, "/etc/todelete", &st, &err),
	    SC_ERR_NOTFOUND);
	ck_assert_int_eq(sc_target_lstat(t, "/opt/old/a", &st, &err),
	    SC_ERR_NOTFOUND);
	ck_assert_int_eq(sc_target_lstat(t, "/opt/old/c", &st, &err), 0);
	ck_assert_uint_eq(st.st_uid, 1000);
	ck_assert_uint_eq(st.st_mode & 0777, 0600);
	ck_assert_str_eq(sc_target_user_by_uid(t, 1000)->name, "app");
	/* a device node is an entry, judged by its header, never read */
	ck_assert_int_eq(sc_target_lstat(t, "/dev/null", &st, &err), 0);
	ck_assert(S_ISCHR(st.st_mode));
	ck_assert_uint_eq(st.st_uid, 0);
	{
		struct sc_buf b = SC_BUF_INIT;

		ck_assert_int_eq(sc_target_read_file(t, "/dev/null", 100, &b,
		    NULL, &err), SC_ERR_NOTREG);
		ck_assert_msg(strstr(err.msg, "character device"), "%s", err.msg);
		sc_buf_free(&b);
	}
	sc_target_free(t);
	ck_assert_int_eq(n_private(), 0);
	free(ls[0].tar);
	free(ls[1].tar);
}
END_TEST

START_TEST(test_index_choice)
{
	struct layer ls[1] = { base_layer() };
	struct sc_err err = SC_ERR_INIT;
	struct sc_target *t;
	json_t *host, *other, *att, *missing;

	NEED_ROOT();
	host = with_ref(image(ls, 1, 0, NULL, ""), "host", sc_image_host_arch());
	other = with_ref(image(ls, 1, 0, NULL, ""), "other", "mips64le");
	att = image(ls, 1, 0, NULL, "");
	json_object_set_new(att, "annotations", json_pack("{s:s}",
	    "vnd.docker.reference.type", "attestation-manifest"));
	missing = with_ref(descriptor(MT_MANIFEST, "sha256:00000000000000000000"
	    "00000000000000000000000000000000000000000000", 10), "missing",
	    sc_image_host_arch());
	write_index(json_pack("[o,o,o,o]", att, other, missing, host));
	ck_assert_msg(open_image(&t, lay, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(sc_target_name(t), "host");
	ck_assert_str_eq(fact(t, "urn:stigcheck:fact:image:user"), "");
	sc_target_free(t);

	/* two images for this machine: which one is meant is not guessed */
	host = with_ref(image(ls, 1, 0, NULL, "a"), "one", sc_image_host_arch());
	other = with_ref(image(ls, 1, 0, NULL, "b"), "two", sc_image_host_arch());
	write_index(json_pack("[o,o]", host, other));
	ck_assert_int_eq(open_image(&t, lay, &err), SC_ERR_UNSUPPORTED);
	ck_assert_msg(strstr(err.msg, "lists several images"), "%s", err.msg);
	ck_assert_int_eq(n_private(), 0);
	free(ls[0].tar);
}
END_TEST

START_TEST(test_nested_index)
{
	struct layer ls[1] = { base_layer() };
	struct sc_err err = SC_ERR_INIT;
	struct sc_target *t;
	json_t *inner, *d;
	char digest[72];

	NEED_ROOT();
	d = with_ref(image(ls, 1, 1, NULL, ""), "inner", sc_image_host_arch());
	inner = json_pack("{s:i, s:s, s:[o]}", "schemaVersion", 2, "mediaType",
	    MT_INDEX, "manifests", d);
	d = put_json(inner, MT_INDEX, digest);
	write_index(json_pack("[o]", with_ref(d, "outer", NULL)));
	ck_assert_msg(open_image(&t, lay, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(sc_target_name(t), "outer");
	sc_target_free(t);
	free(ls[0].tar);
}
END_TEST

START_TEST(test_refusals)
{
	struct layer ls[2] = { base_layer(), top_layer() };
	struct sc_err err = SC_ERR_INIT;
	struct sc_target *t;
	json_t *d;
	char *p, hex[65], rel[128];

	NEED_ROOT();
	/* 0: a layer type we cannot apply */
	d = image(ls, 2, 0, "application/vnd.oci.image.layer.v1.tar+encrypted",
	    "");
	write_index(json_pack("[o]", d));
	ck_assert_int_eq(open_image(&t, lay, &err), SC_ERR_UNSUPPORTED);
	ck_assert_msg(strstr(err.msg, "layer 1 has media type 'application/vnd."
	    "oci.image.layer.v1.tar+encrypted'"), "%s", err.msg);
	/* 1: a manifest that does not match its digest */
	d = image(ls, 2, 0, NULL, "");
	sha256_hex("x", 1, hex);
	json_object_set_new(d, "digest", json_sprintf("sha256:%s", hex));
	snprintf(rel, sizeof(rel), "blobs/sha256/%s", hex);
	tu_write(lay, rel, "{\"schemaVersion\":2}", 0644);
	write_index(json_pack("[o]", d));
	ck_assert_int_eq(open_image(&t, lay, &err), SC_ERR_PARSE);
	ck_assert_msg(strstr(err.msg, "does not match its digest"), "%s", err.msg);
	/* 2: a missing layer blob */
	d = image(ls, 2, 0, NULL, "");
	sha256_hex(ls[1].tar, ls[1].len, hex);
	snprintf(rel, sizeof(rel), "blobs/sha256/%s", hex);
	p = tu_path(lay, rel);
	unlink(p);
	free(p);
	write_index(json_pack("[o]", d));
	ck_assert_int_eq(open_image(&t, lay, &err), SC_ERR_NOTFOUND);
	ck_assert_msg(strstr(err.msg, "layer 2 (sha256:"), "%s", err.msg);
	/* 3: neither format */
	tu_rmrf(lay);
	tu_mkdir(tmp, "layout", 0755);
	ck_assert_int_eq(open_image(&t, lay, &err), SC_ERR_UNSUPPORTED);
	ck_assert_msg(strstr(err.msg, "neither an OCI image layout"), "%s",
	    err.msg);
	ck_assert_int_eq(n_private(), 0);
	free(ls[0].tar);
	free(ls[1].tar);
}
END_TEST

START_TEST(test_docker_archive)
{
	struct layer ls[2] = { base_layer(), top_layer() };
	struct sc_err err = SC_ERR_INIT;
	struct sc_target *t;
	char hex[2][65], chex[65], *cfg, *man, *path, name[256];
	json_t *c;
	size_t i;
	struct stat st;
	FILE *f;

	NEED_ROOT();
	for (i = 0; i < 2; i++)
		sha256_hex(ls[i].tar, ls[i].len, hex[i]);
	c = json_pack("{s:s, s:s, s:{s:[s]}, s:{s:[s+,s+]}}", "os", "linux",
	    "architecture", "amd64", "config", "Env", "FROM_DOCKER=1",
	    "rootfs", "diff_ids", "sha256:", hex[0], "sha256:", hex[1]);
	cfg = json_dumps(c, JSON_COMPACT);
	json_decref(c);
	sha256_hex(cfg, strlen(cfg), chex);
	man = dump(json_pack("[{s:s+, s:[s], s:[s+,s+]}]", "Config", chex,
	    ".json", "RepoTags", "example/docker:2", "Layers", hex[0],
	    "/layer.tar", hex[1], "/layer.tar"), JSON_COMPACT);
	/* docker save's layout, as a directory (what an archive stages to) */
	tu_write(tmp, "da/manifest.json", man, 0644);
	snprintf(name, sizeof(name), "da/%s.json", chex);
	tu_write(tmp, name, cfg, 0644);
	for (i = 0; i < 2; i++) {
		snprintf(name, sizeof(name), "da/%s/layer.tar", hex[i]);
		path = tu_path(tmp, name);
		tu_write(tmp, name, "", 0644);
		f = fopen(path, "wb");
		ck_assert_uint_eq(fwrite(ls[i].tar, 1, ls[i].len, f), ls[i].len);
		fclose(f);
		free(path);
	}
	path = tu_path(tmp, "da");
	ck_assert_msg(open_image(&t, path, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(fact(t, "urn:stigcheck:fact:image:format"),
	    "docker-archive");
	ck_assert_str_eq(sc_target_name(t), "example/docker:2");
	ck_assert_str_eq(sc_target_getenv(t, "FROM_DOCKER"), "1");
	ck_assert_ptr_null(fact(t, "urn:stigcheck:fact:image:digest"));
	ck_assert_int_eq(sc_target_stat(t, "/opt/old/c", &st, &err), 0);
	sc_target_free(t);
	/* two images in one archive */
	free(man);
	man = dump(json_pack("[{s:s},{s:s}]", "Config", "a.json", "Config",
	    "b.json"), JSON_COMPACT);
	tu_write(tmp, "da/manifest.json", man, 0644);
	ck_assert_int_eq(open_image(&t, path, &err), SC_ERR_UNSUPPORTED);
	ck_assert_msg(strstr(err.msg, "lists 2 images"), "%s", err.msg);
	/* a config whose name is not its digest */
	free(man);
	man = dump(json_pack("[{s:s+, s:[]}]", "Config", hex[0], ".json",
	    "Layers"), JSON_COMPACT);
	tu_write(tmp, "da/manifest.json", man, 0644);
	snprintf(name, sizeof(name), "da/%s.json", hex[0]);
	tu_write(tmp, name, cfg, 0644);
	ck_assert_int_eq(open_image(&t, path, &err), SC_ERR_PARSE);
	ck_assert_msg(strstr(err.msg, "does not match its digest"), "%s", err.msg);
	/* diff_ids that do not match the layers */
	free(man);
	man = dump(json_pack("[{s:s+, s:[s+]}]", "Config", chex, ".json",
	    "Layers", hex[0], "/layer.tar"), JSON_COMPACT);
	tu_write(tmp, "da/manifest.json", man, 0644);
	ck_assert_int_eq(open_image(&t, path, &err), SC_ERR_PARSE);
	ck_assert_msg(strstr(err.msg, "lists 2 layer digests (rootfs.diff_ids) "
	    "for 1 layers"), "%s", err.msg);
	ck_assert_int_eq(n_private(), 0);
	free(path);
	free(man);
	free(cfg);
	free(ls[0].tar);
	free(ls[1].tar);
}
END_TEST

START_TEST(test_limits)
{
	struct layer ls[1];
	struct sc_err err = SC_ERR_INIT;
	struct sc_extract_limits lim = { 1000, 1000, 4 };
	struct sc_image_opts o = { NULL, &lim, 0 };
	struct sc_target *t;
	struct tu_tar *tt;
	unsigned char *big;

	NEED_ROOT();
	o.tmpdir = work;
	/* files over the total */
	tt = tu_tar_new();
	tu_tar_filled(tt, "a", 600, 'a');
	tu_tar_filled(tt, "b", 600, 'b');
	ls[0] = layer_of(tt);
	write_index(json_pack("[o]", image(ls, 1, 1, NULL, "")));
	ck_assert_int_eq(sc_image_open(&t, lay, &o, &err), SC_ERR_TOOBIG);
	ck_assert_msg(strstr(err.msg, "takes the image over 1000 bytes"), "%s",
	    err.msg);
	free(ls[0].tar);
	/* a small tar followed by a megabyte of zeros: a decompression bomb */
	tt = tu_tar_new();
	tu_tar_file(tt, "a", "a", 0644, 0, 0);
	ls[0] = layer_of(tt);
	big = calloc(1, ls[0].len + (1u << 20));
	memcpy(big, ls[0].tar, ls[0].len);
	free(ls[0].tar);
	ls[0].tar = big;
	ls[0].len += 1u << 20;
	write_index(json_pack("[o]", image(ls, 1, 1, NULL, "")));
	ck_assert_msg(sc_image_open(&t, lay, &o, &err) == SC_ERR_TOOBIG, "%s",
	    err.msg);
	ck_assert_msg(strstr(err.msg, "decompresses to more than"), "%s",
	    err.msg);
	ck_assert_int_eq(n_private(), 0);
	free(ls[0].tar);
}
END_TEST

/*
 * A gzip'd layer whose deflate data is damaged half-way, past the first
 * blocks the decompressing thread hands over: one error, nothing left.
 */
START_TEST(test_corrupt_gzip)
{
	struct layer ls[1];
	struct sc_err err = SC_ERR_INIT;
	struct sc_image_opts o = { NULL, NULL, 0 };
	struct sc_target *t = NULL;
	struct tu_tar *tt;
	unsigned char *gz, *data;
	size_t glen, i;
	unsigned x = 12345;

	NEED_ROOT();
	o.tmpdir = work;
	data = malloc((1u << 20) + 1);
	ck_assert_ptr_nonnull(data);
	data[1u << 20] = '\0';
	for (i = 0; i < (1u << 20); i++) {	/* compressible, not trivially */
		x = x * 1103515245u + 12345u;
		data[i] = (unsigned char)('a' + (x >> 16) % 4);
	}
	tt = tu_tar_new();
	tu_tar_dir(tt, "etc", 0755, 0, 0);
	tu_tar_file(tt, "etc/data", (const char *)data, 0644, 0, 0);
	ls[0] = layer_of(tt);
	gz = tu_gzip(ls[0].tar, ls[0].len, &glen);
	memset(gz + glen * 6 / 10, 0xff, 4096);
	free(ls[0].tar);
	ls[0].tar = gz;
	ls[0].len = glen;
	write_index(json_pack("[o]", image(ls, 1, 0, MT_TGZ, "")));
	ck_assert_int_lt(sc_image_open(&t, lay, &o, &err), 0);
	ck_assert_ptr_null(t);
	ck_assert_msg(strstr(err.msg, "layer 1") != NULL, "%s", err.msg);
	ck_assert_msg(strchr(err.msg, '\n') == NULL, "%s", err.msg);
	ck_assert_int_eq(n_private(), 0);
	free(ls[0].tar);
	free(data);
}
END_TEST

START_TEST(test_oci_archive)
{
	struct layer ls[2] = { base_layer(), top_layer() };
	struct sc_err err = SC_ERR_INIT;
	struct sc_target *t;
	char cmd[8192], *arc;
	struct stat st;

	NEED_ROOT();
	write_index(json_pack("[o]", with_ref(image(ls, 2, 1, NULL, ""),
	    "archived", NULL)));
	arc = tu_path(tmp, "image.tar");
	snprintf(cmd, sizeof(cmd), "tar -cf '%s' -C '%s' . && gzip '%s'", arc,
	    lay, arc);
	ck_assert_int_eq(system(cmd), 0);
	free(arc);
	arc = tu_path(tmp, "image.tar.gz");
	ck_assert_msg(open_image(&t, arc, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(fact(t, "urn:stigcheck:fact:image:format"),
	    "oci-archive");
	ck_assert_int_eq(sc_target_stat(t, "/opt/old/c", &st, &err), 0);
	ck_assert_int_eq(n_private(), 1);
	sc_target_free(t);
	ck_assert_int_eq(n_private(), 0);
	free(arc);
	free(ls[0].tar);
	free(ls[1].tar);
}
END_TEST

/*
 * podman:NAME through a runtime that hangs, fails, or prints no archive:
 * one line each, with what the runtime said; the hanging one is killed at
 * the deadline and reaped (no child is left).
 */
START_TEST(test_runtime_save)
{
	static const struct {
		const char *script, *want;
		int rc;
	} cases[] = {
		{ "echo 'Error: stuck' >&2\nexec sleep 30\n",
		  "podman save failed (timed out, killed): Error: stuck",
		  SC_ERR_IO },
		{ "echo 'Error: x: image not known' >&2\nexit 125\n",
		  "image 'podman:x': podman save failed (exit status 125): Error: "
		  "x: image not known", SC_ERR_IO },
		{ "echo 'not an archive'\nexit 0\n", "is not a tar archive",
		  SC_ERR_PARSE },
		{ "exit 0\n", "is not a tar archive", SC_ERR_PARSE },
	};
	struct sc_image_opts o = { NULL, NULL, 1500 };
	struct sc_err err = SC_ERR_INIT;
	struct sc_target *t = NULL;
	char *bin = tu_path(tmp, "bin"), *script, *path;
	const char *old = getenv("PATH");
	char *saved = sc_xstrdup(old ? old : "/usr/bin:/bin");
	time_t start;
	int status;

	o.tmpdir = work;
	script = sc_xasprintf("#!/bin/sh\n%s", cases[_i].script);
	tu_write(tmp, "bin/podman", script, 0755);
	path = sc_xasprintf("%s:/usr/bin:/bin", bin);
	setenv("PATH", path, 1);
	start = time(NULL);
	ck_assert_int_eq(sc_image_open(&t, "podman:x", &o, &err), cases[_i].rc);
	setenv("PATH", saved, 1);
	ck_assert_ptr_null(t);
	ck_assert_msg(strstr(err.msg, cases[_i].want) != NULL, "%s", err.msg);
	ck_assert_ptr_null(strchr(err.msg, '\n'));
	ck_assert_int_lt(time(NULL) - start, 15);
	ck_assert_int_eq(waitpid(-1, &status, WNOHANG), -1);	/* reaped */
	ck_assert_int_eq(n_private(), 0);
	free(script);
	free(path);
	free(saved);
	free(bin);
}
END_TEST

START_TEST(test_runtime_names)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_target *t = NULL;

	ck_assert(sc_imagesave_is_ref("podman:a"));
	ck_assert(sc_imagesave_is_ref("docker:a"));
	ck_assert(sc_imagesave_is_ref("containers-storage:a"));
	ck_assert(!sc_imagesave_is_ref("./podman:a"));
	ck_assert(!sc_imagesave_is_ref("oci:dir"));
	ck_assert_int_eq(sc_image_open(&t, "podman:-o/etc/x", NULL, &err),
	    SC_ERR_INVAL);
	ck_assert_int_eq(sc_image_open(&t, "docker:a b", NULL, &err),
	    SC_ERR_INVAL);
	ck_assert_int_eq(sc_image_open(&t, "containers-storage:", NULL, &err),
	    SC_ERR_INVAL);
	ck_assert_ptr_null(t);
}
END_TEST

static Suite *
image_suite(void)
{
	Suite *s = suite_create("image");
	TCase *tc = tcase_create("image");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_oci_layers, 0, 2);
	tcase_add_test(tc, test_index_choice);
	tcase_add_test(tc, test_nested_index);
	tcase_add_test(tc, test_refusals);
	tcase_add_test(tc, test_docker_archive);
	tcase_add_test(tc, test_limits);
	tcase_add_test(tc, test_corrupt_gzip);
	tcase_add_test(tc, test_oci_archive);
	tcase_add_loop_test(tc, test_runtime_save, 0, 4);
	tcase_add_test(tc, test_runtime_names);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(image_suite)
