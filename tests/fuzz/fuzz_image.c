/*
 * Image layouts' JSON in memory (sc_image_parse_mem, the code
 * sc_image_open reads them with): index.json and nested indexes with
 * their platform choice, manifests, configs and rootfs.diff_ids, docker
 * archives' manifest.json.  Layers are named, not read.
 *
 * The input is files separated by a line "----".  The first is
 * index.json (with an oci-layout file beside it) or, when it starts with
 * '[', a docker manifest.json.  Every later file N (1, 2, ...) is stored
 * at blobs/sha256/<hex> and at <hex>.json, where <hex> is its SHA-256; in
 * any file, "@N@" is replaced by "sha256:<hex of file N>" and "#N#" by
 * "<hex of file N>" (files are resolved last to first, so a file refers
 * to later ones), so that the fuzzer can reach past the digest checks.
 */
#include <openssl/evp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "target/image.h"
#include "util/mem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAXF 8
#define SEP "\n----\n"

static void
image_sha256_hex(const void *p, size_t n, char hex[65])
{
	unsigned char md[32];
	unsigned int len = 0;

	EVP_Digest(p, n, md, &len, EVP_sha256(), NULL);
	for (int i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
}

/* Replace the placeholders of parts after k in src into out. */
static void
image_resolve(struct sc_buf *out, const char *src, size_t n, size_t nparts,
    char hex[][65])
{
	sc_buf_reset(out);
	for (size_t i = 0; i < n; i++) {
		char c = src[i];

		if ((c == '@' || c == '#') && i + 2 < n && src[i + 2] == c &&
		    src[i + 1] >= '1' && (size_t)(src[i + 1] - '0') < nparts) {
			size_t k = (size_t)(src[i + 1] - '0');

			sc_buf_addf(out, "%s%s", c == '@' ? "sha256:" : "", hex[k]);
			i += 2;
			continue;
		}
		sc_buf_addc(out, c);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *start[MAXF];
	size_t len[MAXF], nparts = 0, nf = 0;
	struct sc_buf buf[MAXF];
	char hex[MAXF][65], *paths[2 * MAXF + 1];
	struct sc_image_memfile files[2 * MAXF + 1];
	struct sc_err err = SC_ERR_INIT;
	const char *p = (const char *)data, *e = p + size;
	static const char layout[] = "{\"imageLayoutVersion\":\"1.0.0\"}";

	while (nparts < MAXF) {
		const char *q = NULL;

		for (const char *s = p; s + sizeof(SEP) - 1 <= e; s++)
			if (memcmp(s, SEP, sizeof(SEP) - 1) == 0) {
				q = s;
				break;
			}
		if (nparts + 1 == MAXF)
			q = NULL;	/* the last file takes the rest */
		start[nparts] = p;
		len[nparts] = q ? (size_t)(q - p) : (size_t)(e - p);
		nparts++;
		if (q == NULL)
			break;
		p = q + sizeof(SEP) - 1;
	}
	memset(buf, 0, sizeof(buf));
	for (size_t k = nparts; k-- > 0;) {
		image_resolve(&buf[k], start[k], len[k], nparts, hex);
		image_sha256_hex(buf[k].data, buf[k].len, hex[k]);
	}
	memset(paths, 0, sizeof(paths));
	if (nparts > 0 && len[0] > 0 && start[0][0] == '[') {
		files[nf++] = (struct sc_image_memfile){ "manifest.json",
		    buf[0].data, buf[0].len };
	} else {
		files[nf++] = (struct sc_image_memfile){ "oci-layout", layout,
		    sizeof(layout) - 1 };
		files[nf++] = (struct sc_image_memfile){ "index.json",
		    buf[0].data, buf[0].len };
	}
	for (size_t k = 1; k < nparts; k++) {
		paths[2 * k] = sc_xasprintf("blobs/sha256/%s", hex[k]);
		paths[2 * k + 1] = sc_xasprintf("%s.json", hex[k]);
		files[nf++] = (struct sc_image_memfile){ paths[2 * k],
		    buf[k].data, buf[k].len };
		files[nf++] = (struct sc_image_memfile){ paths[2 * k + 1],
		    buf[k].data, buf[k].len };
	}
	sc_image_parse_mem(files, nf, NULL, &err);
	for (size_t k = 0; k < nparts; k++)
		sc_buf_free(&buf[k]);
	for (size_t i = 0; i < 2 * MAXF + 1; i++)
		free(paths[i]);
	return 0;
}
