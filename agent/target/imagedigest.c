/*
 * imagedigest.c - a runtime image's manifest digest (imagedigest.h).
 */
#include "target/imagedigest.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "target/container.h"
#include "target/imagesave.h"
#include "util/mem.h"

#define FACT_DIGEST "urn:stigcheck:fact:image:digest"

/* "sha256:" and 64 lowercase hex digits. */
static int
sha256_digest(const char *s)
{
	return s != NULL && strncmp(s, "sha256:", 7) == 0 && strlen(s) == 71 &&
	    strspn(s + 7, "0123456789abcdef") == 64;
}

char *
sc_imagedigest_parse(const char *tool, const char *json, const char *id)
{
	json_t *doc = json ? json_loads(json, 0, NULL) : NULL;
	json_t *img = json_array_get(doc, 0);
	const char *d = NULL;
	char *out = NULL;

	const char *got_id;

	if (!json_is_object(img))
		goto out;
	/* the image saved, not one tagged with that name since */
	got_id = json_string_value(json_object_get(img, "Id"));
	if (id != NULL && (got_id == NULL || (strcmp(got_id, id) != 0 &&
	    (strncmp(id, "sha256:", 7) != 0 || strcmp(got_id, id + 7) != 0))))
		goto out;
	if (strcmp(tool, "podman") == 0) {
		d = json_string_value(json_object_get(img, "Digest"));
	} else {
		const char *rd = json_string_value(json_array_get(
		    json_object_get(img, "RepoDigests"), 0));
		const char *at = rd ? strchr(rd, '@') : NULL;

		d = at ? at + 1 : NULL;
	}
	if (sha256_digest(d))
		out = sc_xstrdup(d);
out:
	json_decref(doc);
	return out;
}

int
sc_imagedigest_add(struct sc_target *t, const char *ref, const char *id)
{
	struct sc_buf out = SC_BUF_INIT, eo = SC_BUF_INIT;
	const char *tool = NULL, *name = sc_imagesave_split(ref, &tool);
	char *argv[6], *d = NULL;
	int status = -1, r = 0;

	if (name == NULL || *name == '\0' || *name == '-')
		return 0;
	argv[0] = (char *)tool;
	argv[1] = "image";
	argv[2] = "inspect";
	argv[3] = "--";
	argv[4] = (char *)name;
	argv[5] = NULL;
	if (sc_container_run_cli(argv, &out, &eo, &status) == 0 &&
	    status == 0 && out.len > 0) {
		sc_buf_addc(&out, '\0');
		d = sc_imagedigest_parse(tool, out.data, id);
	}
	if (d != NULL) {
		sc_target_add_fact(t, FACT_DIGEST, "string", d);
		r = 1;
	}
	free(d);
	sc_buf_free(&out);
	sc_buf_free(&eo);
	return r;
}
