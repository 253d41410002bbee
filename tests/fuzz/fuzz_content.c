/*
 * SCAP content: XCCDF benchmarks, data streams, profiles (policy); then
 * the XCCDF results and ARF written the lending way (xccdf/graft.h) must
 * be the bytes the copying way writes, and the content the same after
 * (the harness aborts otherwise).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xccdf/arf.h"
#include "xccdf/content.h"
#include "xccdf/policy.h"
#include "xccdf/results_xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *
content_slurp(const char *path, long *len)
{
	FILE *f = fopen(path, "rb");
	char *s = NULL;

	*len = -1;
	if (f && fseek(f, 0, SEEK_END) == 0 && (*len = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (s = malloc((size_t)*len + 1)) &&
	    fread(s, 1, (size_t)*len, f) != (size_t)*len) {
		free(s);
		s = NULL;
	}
	if (f)
		fclose(f);
	return s;
}

static char *
content_dump(struct sc_content *c)
{
	xmlChar *mem = NULL;
	int len = 0;
	char *s;

	xmlDocDumpMemory(sc_content_doc(c), &mem, &len);
	s = mem ? strdup((const char *)mem) : NULL;
	xmlFree(mem);
	return s;
}

/* write == build + save, byte for byte; arf: the same for ARF */
static void
content_lend_vs_copy(struct sc_content *c, int arf)
{
	struct sc_testresult *tr = sc_testresult_new();
	struct sc_benchmark *b = sc_content_benchmark(c);
	struct sc_err err = SC_ERR_INIT;
	char dir[64], copy[96], lent[96], *x, *y, *before, *after;
	long nx, ny;
	xmlDocPtr doc = NULL;
	int r;

	/* a directory of its own per call, gone before it returns */
	snprintf(dir, sizeof(dir), "%s/sc-fuzz-XXXXXX",
	    access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(copy, sizeof(copy), "%s/copy.xml", dir);
	snprintf(lent, sizeof(lent), "%s/lent.xml", dir);
	tr->id = strdup("xccdf_org.fuzz_testresult_x");
	tr->benchmark_id = strdup(b->id ? b->id : "x");
	tr->benchmark_href = strdup("fuzz.xml");
	tr->title = strdup("fuzz");
	tr->test_system = strdup("cpe:/a:stigcheck:stigcheck");
	tr->target = strdup("fuzz-target");
	before = content_dump(c);
	r = arf ? sc_arf_build(c, tr, &doc, &err) : sc_results_build(c, tr,
	    &doc, &err);
	if (r == 0 && sc_results_save(doc, copy, &err) == 0) {
		if ((arf ? sc_arf_write(c, tr, lent, &err) :
		    sc_results_write(c, tr, lent, &err)) != 0)
			abort();
		x = content_slurp(copy, &nx);
		y = content_slurp(lent, &ny);
		if (x == NULL || y == NULL || nx != ny || memcmp(x, y,
		    (size_t)nx) != 0)
			abort();
		free(x);
		free(y);
	}
	xmlFreeDoc(doc);
	unlink(copy);
	unlink(lent);
	rmdir(dir);
	after = content_dump(c);
	if ((before == NULL) != (after == NULL) || (before && strcmp(before,
	    after) != 0))
		abort();
	free(before);
	free(after);
	sc_testresult_free(tr);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sc_content *c = NULL;
	struct sc_err err = SC_ERR_INIT;

	if (sc_content_load_memory(&c, (const char *)data, size, "fuzz.xml", NULL,
	    &err) == 0) {
		struct sc_benchmark *b = sc_content_benchmark(c);
		struct sc_policy *p = NULL;

		for (size_t i = 0; b && i < b->n_profiles; i++) {
			if (sc_policy_new(&p, b, b->profiles[i].id, &err) == 0)
				sc_policy_free(p);
		}
		if (b && sc_policy_new(&p, b, NULL, &err) == 0)
			sc_policy_free(p);
		if (b) {
			content_lend_vs_copy(c, 0);
			content_lend_vs_copy(c, 1);
		}
		sc_content_free(c);
	}
	return 0;
}
