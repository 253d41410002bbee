/*
 * verify.c - checking an evidence directory (verify.h).
 */
#include "verify.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/pem.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/x509.h>

#include "evidence.h"
#include "provenance.h"
#include "util/fsutil.h"
#include "util/mem.h"

struct listed {
	const char *name;
	json_int_t size;
	const char *sha256;
	int seen;
};

/* Open a member of the directory: a regular file, never through a link. */
static int
open_member(int dfd, const char *name, int *fdp, struct stat *st,
    struct sc_err *err)
{
	int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_NOCTTY | O_CLOEXEC);

	*fdp = -1;
	if (fd < 0) {
		if (errno == ELOOP)
			return sc_err_set(err, SC_ERR_NOTREG,
			    "'%s' is a symbolic link", name);
		if (errno == ENOENT)
			return sc_err_set(err, SC_ERR_NOTFOUND,
			    "'%s' is missing", name);
		return sc_err_set(err, sc_err_from_errno(errno),
		    "cannot open '%s': %s", name, strerror(errno));
	}
	if (fstat(fd, st) < 0 || !S_ISREG(st->st_mode)) {
		close(fd);
		return sc_err_set(err, SC_ERR_NOTREG,
		    "'%s' is not a regular file", name);
	}
	*fdp = fd;
	return SC_OK;
}

static int
read_member(int dfd, const char *name, size_t max, struct sc_buf *b,
    struct sc_err *err)
{
	struct stat st;
	int fd, r;

	if ((r = open_member(dfd, name, &fd, &st, err)) < 0)
		return r;
	if ((unsigned long long)st.st_size > max)
		r = sc_err_set(err, SC_ERR_TOOBIG, "'%s' is %lld bytes, over "
		    "the %zu-byte limit", name, (long long)st.st_size, max);
	else if ((r = sc_read_fd(fd, max, b)) < 0)
		r = sc_err_set(err, r, "cannot read '%s'", name);
	close(fd);
	return r;
}

/* A name from the directory, printable on one line. */
static const char *
shown(const char *name, char *buf, size_t n)
{
	size_t i;

	for (i = 0; name[i] && i + 1 < n; i++)
		buf[i] = (unsigned char)name[i] < 0x20 || name[i] == 0x7f ?
		    '?' : name[i];
	buf[i] = '\0';
	return buf;
}

static int
no_controls(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

static int
plain_name(const char *s, size_t len)
{
	return len > 0 && no_controls(s) && len < 256 && strlen(s) == len && !strchr(s, '/') &&
	    strcmp(s, ".") && strcmp(s, "..") &&
	    strcmp(s, SC_EVIDENCE_MANIFEST) && strcmp(s, SC_EVIDENCE_SIGNATURE);
}

static int
hex64(const char *s)
{
	size_t i;

	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[64] == '\0';
}

/* The manifest's file list, checked for shape. */
static int
parse_files(json_t *m, struct listed **out, size_t *n, struct sc_err *err)
{
	json_t *files = json_is_object(m) ? json_object_get(m, "files") : NULL;
	struct listed *v;
	size_t i, j;

	*out = NULL;
	*n = 0;
	if (!json_is_object(m) ||
	    json_integer_value(json_object_get(m, "stigcheck-evidence")) !=
	    SC_EVIDENCE_FORMAT)
		return sc_err_set(err, SC_ERR_PARSE, "%s is not a stigcheck "
		    "evidence manifest (version %d)", SC_EVIDENCE_MANIFEST,
		    SC_EVIDENCE_FORMAT);
	if (!json_is_array(files) || json_array_size(files) > SC_VERIFY_MAX_FILES)
		return sc_err_set(err, SC_ERR_PARSE, "%s: \"files\" is not a "
		    "list of at most %d files", SC_EVIDENCE_MANIFEST,
		    SC_VERIFY_MAX_FILES);
	v = sc_xcalloc(json_array_size(files) + 1, sizeof(*v));
	for (i = 0; i < json_array_size(files); i++) {
		json_t *f = json_array_get(files, i);
		json_t *nm = json_object_get(f, "name");
		json_t *sz = json_object_get(f, "size");
		json_t *h = json_object_get(f, "sha256");

		if (!json_is_string(nm) || !plain_name(json_string_value(nm),
		    json_string_length(nm))) {
			free(v);
			return sc_err_set(err, SC_ERR_PARSE, "%s: file %zu has no "
			    "name, or a name that is not a plain file name",
			    SC_EVIDENCE_MANIFEST, i + 1);
		}
		v[i].name = json_string_value(nm);
		if (!json_is_integer(sz) || json_integer_value(sz) < 0 ||
		    !json_is_string(h) || !hex64(json_string_value(h))) {
			free(v);
			return sc_err_set(err, SC_ERR_PARSE, "%s: '%s' needs a "
			    "size and a SHA-256", SC_EVIDENCE_MANIFEST,
			    json_string_value(nm));
		}
		v[i].size = json_integer_value(sz);
		v[i].sha256 = json_string_value(h);
		for (j = 0; j < i; j++)
			if (strcmp(v[j].name, v[i].name) == 0) {
				free(v);
				return sc_err_set(err, SC_ERR_PARSE, "%s lists "
				    "'%s' twice", SC_EVIDENCE_MANIFEST,
				    json_string_value(nm));
			}
	}
	*out = v;
	*n = i;
	return SC_OK;
}

static const char *
ossl_reason(void)
{
	const char *s = ERR_reason_error_string(ERR_peek_last_error());

	return s ? s : "invalid signature";
}

/* Check the detached signature over the manifest's bytes. */
static int
check_signature(int dfd, const struct sc_buf *manifest, const char *ca,
    struct sc_buf *who, struct sc_err *err)
{
	struct sc_buf sig = SC_BUF_INIT;
	CMS_ContentInfo *cms = NULL;
	X509_STORE *store = NULL;
	STACK_OF(X509) *signers = NULL;
	BIO *in = NULL, *content = NULL;
	struct stat st;
	int r;

	if (fstatat(dfd, SC_EVIDENCE_SIGNATURE, &st, AT_SYMLINK_NOFOLLOW) < 0 &&
	    errno == ENOENT) {
		if (ca)
			return sc_err_set(err, SC_ERR_NOTFOUND, "no signature "
			    "(%s) to check against '%s'", SC_EVIDENCE_SIGNATURE,
			    ca);
		sc_buf_adds(who, "not signed");
		return SC_OK;
	}
	sc_buf_reset(&sig);
	if ((r = read_member(dfd, SC_EVIDENCE_SIGNATURE,
	    SC_VERIFY_SIGNATURE_MAX, &sig, err)) < 0)
		goto out;
	in = BIO_new_mem_buf(sig.data, (int)sig.len);
	if (in == NULL || (cms = PEM_read_bio_CMS(in, NULL, NULL, NULL)) == NULL) {
		BIO_free(in);
		in = BIO_new_mem_buf(sig.data, (int)sig.len);
		if (in == NULL || (cms = d2i_CMS_bio(in, NULL)) == NULL) {
			r = sc_err_set(err, SC_ERR_PARSE, "%s is not a CMS "
			    "signature", SC_EVIDENCE_SIGNATURE);
			goto out;
		}
	}
	if (ca) {
		store = X509_STORE_new();
		if (store == NULL || X509_STORE_load_file(store, ca) != 1) {
			r = sc_err_set(err, SC_ERR_PARSE, "--ca '%s': not a "
			    "readable PEM certificate file", ca);
			goto out;
		}
	}
	content = BIO_new_mem_buf(manifest->data, (int)manifest->len);
	if (content == NULL || CMS_verify(cms, NULL, store, content, NULL,
	    CMS_BINARY | (ca ? 0 : CMS_NO_SIGNER_CERT_VERIFY)) != 1) {
		r = sc_err_set(err, SC_ERR_INVAL, "%s does not verify%s: %s",
		    SC_EVIDENCE_SIGNATURE, ca ? " against the CA" : "",
		    ossl_reason());
		goto out;
	}
	signers = CMS_get0_signers(cms);
	if (signers && sk_X509_num(signers) > 0) {
		char *nm = X509_NAME_oneline(X509_get_subject_name(
		    sk_X509_value(signers, 0)), NULL, 0);

		sc_buf_addf(who, "signed by %s%s", nm ? nm : "?",
		    ca ? ", chains to the CA" : " (signer not checked: no --ca)");
		OPENSSL_free(nm);
	}
	r = SC_OK;
out:
	sk_X509_free(signers);
	CMS_ContentInfo_free(cms);
	X509_STORE_free(store);
	BIO_free(in);
	BIO_free(content);
	sc_buf_free(&sig);
	ERR_clear_error();
	return r;
}

/* Every entry of the directory is a regular file the manifest names. */
static int
check_entries(int dfd, struct listed *v, size_t n, struct sc_err *err)
{
	struct dirent *de;
	DIR *d;
	int fd, r = SC_OK;
	size_t i, count = 0;

	if ((fd = dup(dfd)) < 0 || (d = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		return sc_err_set(err, SC_ERR_IO, "cannot list the directory");
	}
	while (r == SC_OK && (de = readdir(d)) != NULL) {
		struct stat st;
		char nm[256];

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (++count > SC_VERIFY_MAX_FILES + 2) {
			r = sc_err_set(err, SC_ERR_TOOBIG, "too many files");
			break;
		}
		if (fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			r = sc_err_set(err, SC_ERR_IO, "cannot stat '%s'",
			    shown(de->d_name, nm, sizeof(nm)));
			break;
		}
		for (i = 0; i < n && strcmp(v[i].name, de->d_name); i++)
			;
		if (i == n && strcmp(de->d_name, SC_EVIDENCE_MANIFEST) &&
		    strcmp(de->d_name, SC_EVIDENCE_SIGNATURE))
			r = sc_err_set(err, SC_ERR_INVAL, "'%s' is not listed "
			    "in %s", shown(de->d_name, nm, sizeof(nm)),
			    SC_EVIDENCE_MANIFEST);
		else if (S_ISLNK(st.st_mode))
			r = sc_err_set(err, SC_ERR_NOTREG,
			    "'%s' is a symbolic link", de->d_name);
		else if (!S_ISREG(st.st_mode))
			r = sc_err_set(err, SC_ERR_NOTREG,
			    "'%s' is not a regular file", de->d_name);
	}
	closedir(d);
	return r;
}

static int
check_file(int dfd, const struct listed *l, struct sc_err *err)
{
	char hex[SC_SHA256_HEX];
	struct stat st;
	int fd, r;

	if ((r = open_member(dfd, l->name, &fd, &st, err)) < 0)
		return r;
	if ((json_int_t)st.st_size != l->size) {
		close(fd);
		return sc_err_set(err, SC_ERR_INVAL, "'%s' is %lld bytes, the "
		    "manifest says %lld", l->name, (long long)st.st_size,
		    (long long)l->size);
	}
	r = sc_provenance_hash_fd(fd, l->name, (unsigned long long)l->size,
	    hex, NULL, err);
	close(fd);
	if (r < 0)
		return r;
	if (strcmp(hex, l->sha256) != 0)
		return sc_err_set(err, SC_ERR_INVAL, "'%s' has SHA-256 %s, the "
		    "manifest says %s", l->name, hex, l->sha256);
	return SC_OK;
}

int
sc_verify_dir(const char *dir, const char *ca, FILE *out, struct sc_err *err)
{
	struct sc_buf man = SC_BUF_INIT, who = SC_BUF_INIT;
	struct listed *v = NULL;
	json_error_t je;
	json_t *m = NULL;
	size_t n = 0, i;
	int dfd, r;

	sc_buf_reset(&man);
	sc_buf_reset(&who);
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0) {
		r = sc_err_set(err, sc_err_from_errno(errno), "cannot open "
		    "evidence directory: %s", strerror(errno));
		goto out;
	}
	if ((r = read_member(dfd, SC_EVIDENCE_MANIFEST, SC_VERIFY_MANIFEST_MAX,
	    &man, err)) < 0)
		goto out;
	m = json_loadb(man.data, man.len, JSON_REJECT_DUPLICATES, &je);
	if (m == NULL) {
		r = sc_err_set(err, SC_ERR_PARSE, "%s is not JSON (line %d: "
		    "%s)", SC_EVIDENCE_MANIFEST, je.line, je.text);
		goto out;
	}
	if ((r = parse_files(m, &v, &n, err)) < 0 ||
	    (r = check_signature(dfd, &man, ca, &who, err)) < 0 ||
	    (r = check_entries(dfd, v, n, err)) < 0)
		goto out;
	for (i = 0; i < n; i++)
		if ((r = check_file(dfd, &v[i], err)) < 0)
			goto out;
	fprintf(out, "%s: %zu files match %s; %s\n", dir, n,
	    SC_EVIDENCE_MANIFEST, who.data);
out:
	if (r < 0)
		sc_err_prefix(err, "verify %s", dir);
	if (dfd >= 0)
		close(dfd);
	free(v);
	json_decref(m);
	sc_buf_free(&man);
	sc_buf_free(&who);
	return r;
}
