/*
 * provenance.c - scanner, command line and input files by SHA-256
 * (provenance.h).
 */
#include "provenance.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

static void
to_hex(const unsigned char *d, unsigned n, char *hex)
{
	static const char x[] = "0123456789abcdef";
	unsigned i;

	for (i = 0; i < n; i++) {
		hex[2 * i] = x[d[i] >> 4];
		hex[2 * i + 1] = x[d[i] & 15];
	}
	hex[2 * n] = '\0';
}

void
sc_provenance_hash_mem(const void *data, size_t len, char *hex)
{
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned n = 0;

	if (!EVP_Digest(data, len, d, &n, EVP_sha256(), NULL))
		n = 0;
	to_hex(d, n, hex);
}

int
sc_provenance_hash_fd(int fd, const char *name, unsigned long long max,
    char *hex, unsigned long long *size, struct sc_err *err)
{
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned long long total = 0;
	unsigned n = 0;
	EVP_MD_CTX *c = NULL;
	unsigned char *buf = NULL;
	struct stat st;
	int r = SC_OK;

	hex[0] = '\0';
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		return sc_err_set(err, SC_ERR_NOTREG,
		    "'%s' is not a regular file", name);
	if ((unsigned long long)st.st_size > max)
		return sc_err_set(err, SC_ERR_TOOBIG,
		    "'%s' is %lld bytes, over the %llu-byte limit", name,
		    (long long)st.st_size, max);
	buf = sc_xmalloc(65536);
	if ((c = EVP_MD_CTX_new()) == NULL ||
	    !EVP_DigestInit_ex(c, EVP_sha256(), NULL)) {
		r = sc_err_set(err, SC_ERR_INTERNAL, "SHA-256 is not available");
		goto out;
	}
	for (;;) {
		ssize_t k = read(fd, buf, 65536);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			r = sc_err_set(err, sc_err_from_errno(errno),
			    "cannot read '%s': %s", name, strerror(errno));
			goto out;
		}
		if (k == 0)
			break;
		total += (unsigned long long)k;
		if (total > max) {
			r = sc_err_set(err, SC_ERR_TOOBIG,
			    "'%s' grew over the %llu-byte limit", name, max);
			goto out;
		}
		EVP_DigestUpdate(c, buf, (size_t)k);
	}
	if (!EVP_DigestFinal_ex(c, d, &n)) {
		r = sc_err_set(err, SC_ERR_INTERNAL, "SHA-256 failed");
		goto out;
	}
	to_hex(d, n, hex);
	if (size)
		*size = total;
out:
	EVP_MD_CTX_free(c);
	free(buf);
	return r;
}

int
sc_provenance_hash_file(const char *path, unsigned long long max, char *hex,
    unsigned long long *size, struct sc_err *err)
{
	int fd, r;

	hex[0] = '\0';
	fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return sc_err_set(err, sc_err_from_errno(errno),
		    "cannot open '%s': %s", path, strerror(errno));
	r = sc_provenance_hash_fd(fd, path, max, hex, size, err);
	close(fd);
	return r;
}

int
sc_provenance_init(struct sc_provenance *p, int argc, char **argv,
    struct sc_err *err)
{
	int i;

	memset(p, 0, sizeof(*p));
	for (i = 0; i < argc; i++)
		sc_strv_push(&p->argv, argv[i]);
	return sc_provenance_hash_file("/proc/self/exe", SC_PROVENANCE_FILE_MAX,
	    p->scanner_sha256, NULL, err);
}

void
sc_provenance_free(struct sc_provenance *p)
{
	if (p == NULL)
		return;
	sc_strv_free(&p->argv);
	free(p->content_file);
	free(p->tailoring_file);
	free(p->reviews_file);
	memset(p, 0, sizeof(*p));
}

int
sc_provenance_set_content(struct sc_provenance *p, const char *path,
    const void *builtin, size_t len, const char *builtin_name,
    struct sc_err *err)
{
	free(p->content_file);
	if (path == NULL) {
		p->content_file = sc_xasprintf("built-in:%s", builtin_name);
		sc_provenance_hash_mem(builtin, len, p->content_sha256);
		return SC_OK;
	}
	p->content_file = sc_xstrdup(path);
	return sc_provenance_hash_file(path, SC_PROVENANCE_FILE_MAX,
	    p->content_sha256, NULL, err);
}

int
sc_provenance_set_tailoring(struct sc_provenance *p, const char *path,
    struct sc_err *err)
{
	free(p->tailoring_file);
	p->tailoring_file = sc_xstrdup(path);
	return sc_provenance_hash_file(path, SC_PROVENANCE_FILE_MAX,
	    p->tailoring_sha256, NULL, err);
}

void
sc_provenance_set_reviews(struct sc_provenance *p, const char *path,
    const char *sha256_hex)
{
	free(p->reviews_file);
	p->reviews_file = sc_xstrdup(path);
	snprintf(p->reviews_sha256, sizeof(p->reviews_sha256), "%s", sha256_hex);
}

char *
sc_provenance_command_line(const struct sc_strv *argv)
{
	struct sc_buf b = SC_BUF_INIT;
	size_t i;

	sc_buf_reset(&b);
	for (i = 0; i < argv->n; i++) {
		const char *a = argv->v[i], *s;
		int plain = a[0] != '\0';

		for (s = a; *s && plain; s++)
			plain = strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN"
			    "OPQRSTUVWXYZ0123456789-_./=:,+@%", *s) != NULL;
		if (i)
			sc_buf_addc(&b, ' ');
		if (plain) {
			sc_buf_adds(&b, a);
			continue;
		}
		sc_buf_addc(&b, '\'');
		for (s = a; *s; s++) {
			if (*s == '\'')
				sc_buf_adds(&b, "'\\''");
			else
				sc_buf_addc(&b, *s);
		}
		sc_buf_addc(&b, '\'');
	}
	return sc_buf_detach(&b);
}

void
sc_provenance_add_reviews_facts(const struct sc_provenance *p,
    struct sc_testresult *tr)
{
	if (p->reviews_file == NULL)
		return;
	sc_testresult_set_fact(tr, SC_FACT_REVIEWS_FILE, "string",
	    p->reviews_file);
	sc_testresult_set_fact(tr, SC_FACT_REVIEWS_SHA256, "string",
	    p->reviews_sha256);
}

void
sc_provenance_add_facts(const struct sc_provenance *p, struct sc_testresult *tr)
{
	char *cl = sc_provenance_command_line(&p->argv);

	sc_testresult_add_fact(tr, SC_FACT_SCANNER_SHA256, "string",
	    p->scanner_sha256);
	if (p->command_line_fact)
		sc_testresult_add_fact(tr, SC_FACT_COMMAND_LINE, "string", cl);
	if (p->content_file) {
		sc_testresult_add_fact(tr, SC_FACT_CONTENT_FILE, "string",
		    p->content_file);
		sc_testresult_add_fact(tr, SC_FACT_CONTENT_SHA256, "string",
		    p->content_sha256);
	}
	if (p->tailoring_file) {
		sc_testresult_add_fact(tr, SC_FACT_TAILORING_FILE, "string",
		    p->tailoring_file);
		sc_testresult_add_fact(tr, SC_FACT_TAILORING_SHA256, "string",
		    p->tailoring_sha256);
	}
	sc_provenance_add_reviews_facts(p, tr);
	free(cl);
}
