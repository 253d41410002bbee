/*
 * evidence.c - evidence directories: outputs, manifest, signature
 * (evidence.h).
 */
#include "evidence.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/pem.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/x509.h>

#include "reports/outputs.h"
#include "util/fsutil.h"

/* DIR without trailing slashes, split into parent and base name. */
static int
split_dest(const char *dir, char **parent, char **base, struct sc_err *err)
{
	size_t n = strlen(dir);
	const char *slash;
	char *d;

	while (n > 1 && dir[n - 1] == '/')
		n--;
	d = sc_xstrndup(dir, n);
	slash = strrchr(d, '/');
	if (slash == NULL) {
		*parent = sc_xstrdup(".");
		*base = sc_xstrdup(d);
	} else {
		*parent = slash == d ? sc_xstrdup("/") :
		    sc_xstrndup(d, (size_t)(slash - d));
		*base = sc_xstrdup(slash + 1);
	}
	free(d);
	if (**base == '\0' || !strcmp(*base, ".") || !strcmp(*base, "..") ||
	    !strcmp(*base, "/")) {
		free(*parent);
		free(*base);
		*parent = *base = NULL;
		return sc_err_set(err, SC_ERR_INVAL,
		    "--evidence '%s': name a new directory", dir);
	}
	return SC_OK;
}

/* DIR absent, or an empty directory (a rename may replace it). */
static int
dest_free(const char *dir, struct sc_err *err)
{
	struct dirent *de;
	struct stat st;
	DIR *d;
	int r = SC_OK;

	if (lstat(dir, &st) < 0) {
		if (errno == ENOENT)
			return SC_OK;
		return sc_err_set(err, sc_err_from_errno(errno),
		    "--evidence '%s': %s", dir, strerror(errno));
	}
	if (!S_ISDIR(st.st_mode))
		return sc_err_set(err, SC_ERR_EXISTS,
		    "--evidence '%s' exists and is not a directory", dir);
	if ((d = opendir(dir)) == NULL)
		return sc_err_set(err, sc_err_from_errno(errno),
		    "--evidence '%s': %s", dir, strerror(errno));
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
			r = sc_err_set(err, SC_ERR_EXISTS, "--evidence '%s' "
			    "exists and is not empty", dir);
			break;
		}
	closedir(d);
	return r;
}

/* ---- signing ----------------------------------------------------------- */

struct signer {
	EVP_PKEY *key;
	X509 *cert;
	STACK_OF(X509) *chain;
};

static void
signer_free(struct signer *s)
{
	EVP_PKEY_free(s->key);
	X509_free(s->cert);
	sk_X509_pop_free(s->chain, X509_free);
	memset(s, 0, sizeof(*s));
}

/* never prompt for a passphrase */
static int
no_passphrase(char *buf, int size, int rwflag, void *u)
{
	(void)buf;
	(void)size;
	(void)rwflag;
	(void)u;
	return -1;
}

static int
signer_load(struct signer *s, const char *keyf, const char *certf,
    struct sc_err *err)
{
	BIO *b = NULL;
	X509 *x;
	int r = SC_OK;

	memset(s, 0, sizeof(*s));
	if ((b = BIO_new_file(keyf, "r")) == NULL ||
	    (s->key = PEM_read_bio_PrivateKey(b, NULL, no_passphrase,
	    NULL)) == NULL) {
		r = sc_err_set(err, SC_ERR_PARSE, "--sign-key '%s': not a "
		    "readable, unencrypted PEM private key", keyf);
		goto out;
	}
	BIO_free(b);
	if ((b = BIO_new_file(certf, "r")) == NULL ||
	    (s->cert = PEM_read_bio_X509(b, NULL, no_passphrase,
	    NULL)) == NULL) {
		r = sc_err_set(err, SC_ERR_PARSE, "--sign-cert '%s': not a "
		    "readable PEM certificate", certf);
		goto out;
	}
	s->chain = sk_X509_new_null();
	while ((x = PEM_read_bio_X509(b, NULL, no_passphrase, NULL)) != NULL)
		sk_X509_push(s->chain, x);
	if (X509_check_private_key(s->cert, s->key) != 1) {
		r = sc_err_set(err, SC_ERR_INVAL, "--sign-cert '%s' does not "
		    "match the key in '%s'", certf, keyf);
		goto out;
	}
out:
	BIO_free(b);
	ERR_clear_error();
	if (r < 0)
		signer_free(s);
	return r;
}

static int
sign_manifest(const struct signer *s, const char *data, size_t len,
    struct sc_buf *pem, struct sc_err *err)
{
	CMS_ContentInfo *cms = NULL;
	BIO *in = NULL, *out = NULL;
	BUF_MEM *bm;
	int r = SC_OK;

	in = BIO_new_mem_buf(data, (int)len);
	out = BIO_new(BIO_s_mem());
	if (in == NULL || out == NULL ||
	    (cms = CMS_sign(s->cert, s->key, s->chain, in,
	    CMS_DETACHED | CMS_BINARY)) == NULL ||
	    PEM_write_bio_CMS(out, cms) != 1) {
		r = sc_err_set(err, SC_ERR_INTERNAL,
		    "cannot sign the manifest: %s",
		    ERR_reason_error_string(ERR_peek_last_error()) ?
		    ERR_reason_error_string(ERR_peek_last_error()) : "CMS error");
		goto out;
	}
	BIO_get_mem_ptr(out, &bm);
	sc_buf_add(pem, bm->data, bm->length);
out:
	CMS_ContentInfo_free(cms);
	BIO_free(in);
	BIO_free(out);
	ERR_clear_error();
	return r;
}

int
sc_evidence_precheck(const struct sc_evidence_opts *o, struct sc_err *err)
{
	struct signer s;
	char *parent = NULL, *base = NULL;
	struct stat st;
	int r;

	if ((r = split_dest(o->dir, &parent, &base, err)) < 0)
		return r;
	if (stat(parent, &st) < 0 || !S_ISDIR(st.st_mode))
		r = sc_err_set(err, SC_ERR_NOTFOUND, "--evidence '%s': the "
		    "directory '%s' does not exist", o->dir, parent);
	else
		r = dest_free(o->dir, err);
	free(parent);
	free(base);
	if (r < 0 || (o->sign_key == NULL && o->sign_cert == NULL))
		return r;
	if (o->sign_key == NULL || o->sign_cert == NULL)
		return sc_err_set(err, SC_ERR_INVAL,
		    "--sign-key and --sign-cert go together");
	if ((r = signer_load(&s, o->sign_key, o->sign_cert, err)) < 0)
		return r;
	signer_free(&s);
	return SC_OK;
}

/* ---- the manifest ------------------------------------------------------ */

static json_t *
str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *
file_ref(const char *file, const char *sha256)
{
	if (file == NULL)
		return json_null();
	return json_pack("{s:s, s:s}", "file", file, "sha256",
	    sha256 ? sha256 : "");
}

static json_t *
manifest_head(const struct sc_evidence_opts *o, const struct sc_testresult *tr,
    struct sc_err *err)
{
	const struct sc_provenance *p = o->prov;
	json_t *m = json_object(), *a = json_array(), *facts = json_object();
	char t0[40], t1[40];
	size_t i;

	json_object_set_new(m, "stigcheck-evidence",
	    json_integer(SC_EVIDENCE_FORMAT));
	json_object_set_new(m, "scanner", json_pack("{s:s, s:s, s:s}",
	    "name", "stigcheck", "version", STIGCHECK_VERSION,
	    "sha256", p->scanner_sha256));
	for (i = 0; i < p->argv.n; i++)
		json_array_append_new(a, json_string(p->argv.v[i]));
	json_object_set_new(m, "command-line", a);
	if (o->from) {
		char hex[SC_SHA256_HEX];

		if (sc_provenance_hash_file(o->from, SC_PROVENANCE_FILE_MAX,
		    hex, NULL, err) < 0) {
			json_decref(m);
			json_decref(facts);
			return NULL;
		}
		json_object_set_new(m, "source-results", file_ref(o->from, hex));
	}
	sc_time_iso8601(tr->start_time, t0, sizeof(t0));
	sc_time_iso8601(tr->end_time, t1, sizeof(t1));
	json_object_set_new(m, "scan", json_pack(
	    "{s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:s}",
	    "testresult-id", str_or_null(tr->id),
	    "benchmark-id", str_or_null(tr->benchmark_id),
	    "benchmark-version", str_or_null(tr->benchmark_version),
	    "benchmark-href", str_or_null(tr->benchmark_href),
	    "profile", str_or_null(tr->profile_id),
	    "target", str_or_null(tr->target),
	    "start-time", t0, "end-time", t1));
	json_object_set_new(m, "content", file_ref(
	    sc_testresult_fact(tr, SC_FACT_CONTENT_FILE),
	    sc_testresult_fact(tr, SC_FACT_CONTENT_SHA256)));
	json_object_set_new(m, "tailoring", file_ref(
	    sc_testresult_fact(tr, SC_FACT_TAILORING_FILE),
	    sc_testresult_fact(tr, SC_FACT_TAILORING_SHA256)));
	json_object_set_new(m, "reviews", file_ref(
	    sc_testresult_fact(tr, SC_FACT_REVIEWS_FILE),
	    sc_testresult_fact(tr, SC_FACT_REVIEWS_SHA256)));
	for (i = 0; i < tr->n_facts; i++)
		if (json_object_get(facts, tr->facts[i].name) == NULL)
			json_object_set_new(facts, tr->facts[i].name,
			    json_string(tr->facts[i].value ?
			    tr->facts[i].value : ""));
	json_object_set_new(m, "target-facts", facts);
	return m;
}

/* Hash NAME in the directory fd and append it to files. */
static int
add_file(int dfd, const char *name, json_t *files, struct sc_err *err)
{
	char hex[SC_SHA256_HEX];
	unsigned long long size = 0;
	int fd, r;

	fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return sc_err_set(err, sc_err_from_errno(errno),
		    "cannot read back '%s': %s", name, strerror(errno));
	r = sc_provenance_hash_fd(fd, name, SC_PROVENANCE_FILE_MAX, hex, &size,
	    err);
	close(fd);
	if (r < 0)
		return r;
	json_array_append_new(files, json_pack("{s:s, s:I, s:s}", "name", name,
	    "size", (json_int_t)size, "sha256", hex));
	return SC_OK;
}

static int
write_in(const char *tmp, const char *name, const char *data, size_t len,
    struct sc_err *err)
{
	char *path = sc_xasprintf("%s/%s", tmp, name);
	int r = sc_write_atomic(path, data, len, err);

	free(path);
	return r;
}

int
sc_evidence_write(const struct sc_evidence_opts *o,
    const struct sc_content *c, const struct sc_testresult *tr,
    struct sc_err *err)
{
	struct sc_outputs out;
	struct signer s;
	struct sc_buf sig = SC_BUF_INIT;
	char *parent = NULL, *base = NULL, *prefix = NULL, *tmp = NULL;
	char **paths = NULL, *text = NULL;
	json_t *m = NULL, *files;
	mode_t um;
	size_t i;
	int dfd = -1, r, signing = o->sign_key != NULL;

	memset(&s, 0, sizeof(s));
	if ((r = split_dest(o->dir, &parent, &base, err)) < 0)
		goto out;
	if (signing && (r = signer_load(&s, o->sign_key, o->sign_cert, err)) < 0)
		goto out;
	prefix = sc_xasprintf(".%s", base);
	if ((r = sc_tmpdir_new(parent, prefix, &tmp, err)) < 0)
		goto out;
	/* every row of the output table, under its own file name */
	memset(&out, 0, sizeof(out));
	paths = sc_xcalloc(sc_output_nfmts + 1, sizeof(*paths));
	for (i = 0; i < sc_output_nfmts; i++)
		out.path[i] = paths[i] = sc_xasprintf("%s/%s", tmp,
		    sc_output_fmts[i].file);
	if ((r = sc_outputs_write(&out, c, tr, err)) < 0)
		goto out;
	if ((m = manifest_head(o, tr, err)) == NULL) {
		r = err->code ? err->code : SC_ERR_INTERNAL;
		goto out;
	}
	files = json_array();
	json_object_set_new(m, "files", files);
	if ((dfd = open(tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		r = sc_err_set(err, sc_err_from_errno(errno), "cannot open "
		    "'%s': %s", tmp, strerror(errno));
		goto out;
	}
	for (i = 0; i < sc_output_nfmts; i++)
		if ((r = add_file(dfd, sc_output_fmts[i].file, files, err)) < 0)
			goto out;
	text = json_dumps(m, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (text == NULL) {
		r = sc_err_set(err, SC_ERR_NOMEM, "cannot render the manifest");
		goto out;
	}
	{
		size_t len = strlen(text);

		if ((r = write_in(tmp, SC_EVIDENCE_MANIFEST, text, len, err)) < 0)
			goto out;
		if (signing) {
			sc_buf_reset(&sig);
			if ((r = sign_manifest(&s, text, len, &sig, err)) < 0 ||
			    (r = write_in(tmp, SC_EVIDENCE_SIGNATURE, sig.data,
			    sig.len, err)) < 0)
				goto out;
		}
	}
	/* the private directory's lock (util/fsutil.h) is not evidence */
	if (unlinkat(dfd, ".lock", 0) < 0 && errno != ENOENT) {
		r = sc_err_set(err, sc_err_from_errno(errno), "cannot remove "
		    "'%s/.lock': %s", tmp, strerror(errno));
		goto out;
	}
	um = umask(0);
	umask(um);
	(void)fchmod(dfd, 0777 & ~um);
	(void)fsync(dfd);
	if ((r = dest_free(o->dir, err)) < 0)
		goto out;
	if (rename(tmp, o->dir) < 0) {
		int e = errno;

		r = sc_err_set(err, e == ENOTEMPTY || e == EEXIST ?
		    SC_ERR_EXISTS : sc_err_from_errno(e),
		    "cannot create evidence directory '%s': %s", o->dir,
		    e == ENOTEMPTY || e == EEXIST ? "it exists and is not empty" :
		    strerror(e));
		goto out;
	}
	/* renamed: only unregister (the old name no longer exists) */
	sc_tmpdir_remove(tmp);
	{
		int pfd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		if (pfd >= 0) {
			(void)fsync(pfd);
			close(pfd);
		}
	}
	r = SC_OK;
out:
	if (dfd >= 0)
		close(dfd);
	if (r < 0 && tmp)
		sc_tmpdir_remove(tmp);
	for (i = 0; paths && i < sc_output_nfmts; i++)
		free(paths[i]);
	free(paths);
	free(text);
	json_decref(m);
	sc_buf_free(&sig);
	signer_free(&s);
	free(tmp);
	free(prefix);
	free(parent);
	free(base);
	return r;
}
