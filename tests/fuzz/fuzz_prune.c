/*
 * Pruned content loading (xccdf/prune.h): the input, as a content file,
 * loads pruned exactly when it loads whole, and the XCCDF results and the
 * ARF written from the pruned tree (placeholders read back from the file)
 * are byte for byte those written from the whole tree; the OVAL
 * constructs are put back by id without harm (the harness aborts
 * otherwise).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include "checks/oval/oval_model.h"
#include "util/fsutil.h"
#include "util/mem.h"
#include "xccdf/arf.h"
#include "xccdf/content.h"
#include "xccdf/results_xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The file's bytes into b (sc_read_fd); 0 on success. */
static int
prune_read(const char *path, struct sc_buf *b)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), r;

	if (fd < 0)
		return -1;
	r = sc_read_fd(fd, (size_t)1 << 30, b);
	close(fd);
	return r;
}

static struct sc_testresult *
prune_tr(struct sc_content *c)
{
	struct sc_testresult *tr = sc_testresult_new();
	struct sc_benchmark *b = sc_content_benchmark(c);

	tr->id = strdup("xccdf_org.fuzz_testresult_x");
	tr->benchmark_id = strdup(b && b->id ? b->id : "x");
	tr->benchmark_href = strdup("fuzz.xml");
	tr->title = strdup("fuzz");
	tr->test_system = strdup("cpe:/a:stigcheck:stigcheck");
	tr->target = strdup("fuzz-target");
	return tr;
}

/* Write results (arf 0/1) of c to path; 0 on success. */
static int
prune_write(struct sc_content *c, int arf, const char *path)
{
	struct sc_testresult *tr = prune_tr(c);
	struct sc_err err = SC_ERR_INIT;
	int r = arf ? sc_arf_write(c, tr, path, &err) :
	    sc_results_write(c, tr, path, &err);

	sc_testresult_free(tr);
	return r;
}

/* Every OVAL document's definitions, read (constructs put back by id). */
static void
prune_oval(struct sc_content *c)
{
	struct sc_benchmark *b = sc_content_benchmark(c);

	for (size_t i = 0; b && i < b->n_items; i++) {
		const struct sc_item *it = b->items[i];

		for (size_t k = 0; k < it->n_checks; k++)
			for (size_t j = 0; j < it->checks[k].n_refs; j++) {
				struct sc_err err = SC_ERR_INIT;
				xmlNodePtr root = NULL;
				struct sc_oval_doc *d = NULL;
				struct sc_strv ids = SC_STRV_INIT;

				if (sc_content_resolve_href(c,
				    it->checks[k].refs[j].href, &root, NULL,
				    &err) < 0 || sc_oval_doc_new(&d, root,
				    "fuzz", NULL, &err) < 0)
					continue;
				sc_oval_doc_def_ids(d, &ids);
				for (size_t m = 0; m < ids.n; m++) {
					struct sc_oval_def *def;

					(void)sc_oval_doc_def(d, ids.v[m], &def,
					    &err);
				}
				sc_strv_free(&ids);
				sc_oval_doc_free(d);
			}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sc_content_opts whole = { NULL, NULL, 1 }, pruned = { NULL,
	    NULL, 0 };
	struct sc_content *w = NULL, *p = NULL;
	struct sc_err err = SC_ERR_INIT;
	char dir[64], in[96], out[2][96];
	FILE *f;

	snprintf(dir, sizeof(dir), "%s/sc-fuzz-XXXXXX",
	    access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(in, sizeof(in), "%s/c.xml", dir);
	snprintf(out[0], sizeof(out[0]), "%s/w.xml", dir);
	snprintf(out[1], sizeof(out[1]), "%s/p.xml", dir);
	if ((f = fopen(in, "wb")) == NULL || fwrite(data, 1, size, f) != size ||
	    fclose(f) != 0)
		abort();
	if ((sc_content_load_file(&w, in, &whole, &err) == 0) !=
	    (sc_content_load_file(&p, in, &pruned, &err) == 0))
		abort();
	if (w && p && sc_content_benchmark(w)) {
		for (int arf = 0; arf < 2; arf++) {
			int rw = prune_write(w, arf, out[0]);
			int rp = prune_write(p, arf, out[1]);
			struct sc_buf x = SC_BUF_INIT, y = SC_BUF_INIT;

			if ((rw == 0) != (rp == 0))
				abort();
			if (rw == 0 && (prune_read(out[0], &x) != 0 ||
			    prune_read(out[1], &y) != 0 || x.len != y.len ||
			    memcmp(x.data, y.data, x.len) != 0))
				abort();
			sc_buf_free(&x);
			sc_buf_free(&y);
			unlink(out[0]);
			unlink(out[1]);
		}
		prune_oval(p);
	}
	sc_content_free(w);
	sc_content_free(p);
	unlink(in);
	rmdir(dir);
	return 0;
}
