/*
 * outputs.c - the output table and writing every requested output
 * (outputs.h).
 */
#include "reports/outputs.h"

#include <string.h>

#include "reports/ckl.h"
#include "reports/cklb.h"
#include "reports/html.h"
#include "reports/oscal.h"
#include "reports/srg.h"
#include "xccdf/arf.h"
#include "xccdf/results_xml.h"

static int
write_results(const struct sc_output_ctx *x, const char *path,
    struct sc_err *err)
{
	return sc_results_write(x->content, x->tr, path, err);
}

static int
write_arf(const struct sc_output_ctx *x, const char *path, struct sc_err *err)
{
	return sc_arf_write(x->content, x->tr, path, err);
}

static int
write_html(const struct sc_output_ctx *x, const char *path, struct sc_err *err)
{
	return sc_html_write(x->content, x->tr, x->cl, path, err);
}

static int
write_ckl(const struct sc_output_ctx *x, const char *path, struct sc_err *err)
{
	return sc_ckl_write(x->cl, path, err);
}

static int
write_cklb(const struct sc_output_ctx *x, const char *path, struct sc_err *err)
{
	return sc_cklb_write(x->cl, path, err);
}

static int
write_oscal_ar(const struct sc_output_ctx *x, const char *path,
    struct sc_err *err)
{
	return sc_oscal_write_ar(x->content, x->tr, path, err);
}

static int
write_oscal_poam(const struct sc_output_ctx *x, const char *path,
    struct sc_err *err)
{
	return sc_oscal_write_poam(x->content, x->tr, path, err);
}

const struct sc_output_fmt sc_output_fmts[] = {
	{ "results", "results", "results.xml",
	  "XCCDF 1.2 results (Benchmark with TestResult)", 0, write_results },
	{ "arf", "results-arf", "arf.xml",
	  "ARF 1.1 report (with OVAL results)", SC_OUTF_CHECK_DOCS, write_arf },
	{ "html", "report", "report.html",
	  "HTML report", SC_OUTF_CHECKLIST, write_html },
	{ "ckl", "ckl", "checklist.ckl",
	  "STIG Viewer 2 checklist", SC_OUTF_CHECKLIST, write_ckl },
	{ "cklb", "cklb", "checklist.cklb",
	  "STIG Viewer 3 checklist", SC_OUTF_CHECKLIST, write_cklb },
	{ "oscal-ar", "oscal-ar", "assessment-results.json",
	  "OSCAL 1.1.3 assessment results (JSON)", 0, write_oscal_ar },
	{ "oscal-poam", "oscal-poam", "poam.json",
	  "OSCAL 1.1.3 plan of action and milestones (JSON)", 0,
	  write_oscal_poam },
};
const size_t sc_output_nfmts = sizeof(sc_output_fmts) / sizeof(sc_output_fmts[0]);

/* The table must fit the arrays indexed by it. */
_Static_assert(sizeof(sc_output_fmts) / sizeof(sc_output_fmts[0]) <=
    SC_OUTPUT_MAX, "raise SC_OUTPUT_MAX");

int
sc_output_find(const char *name)
{
	size_t i;

	for (i = 0; i < sc_output_nfmts; i++)
		if (strcmp(sc_output_fmts[i].name, name) == 0)
			return (int)i;
	return -1;
}

int
sc_outputs_need(const struct sc_outputs *o, unsigned flags)
{
	size_t i;

	for (i = 0; i < sc_output_nfmts; i++)
		if (o->path[i] && (sc_output_fmts[i].flags & flags) == flags)
			return 1;
	return 0;
}

int
sc_outputs_write(const struct sc_outputs *o, const struct sc_content *c,
    const struct sc_testresult *tr, struct sc_err *err)
{
	struct sc_output_ctx x = { c, tr, NULL };
	struct sc_srg *srg = NULL;
	struct sc_checklist *cl = NULL;
	size_t i;
	int r = SC_OK;

	if (sc_outputs_need(o, SC_OUTF_CHECKLIST)) {
		if ((r = sc_srg_builtin(&srg, err)) < 0 ||
		    (r = sc_checklist_build(&cl, srg, tr, err)) < 0)
			goto out;
		x.cl = cl;
	}
	for (i = 0; i < sc_output_nfmts; i++)
		if (o->path[i] &&
		    (r = sc_output_fmts[i].write(&x, o->path[i], err)) < 0)
			goto out;
out:
	sc_checklist_free(cl);
	sc_srg_free(srg);
	return r;
}
