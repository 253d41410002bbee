/*
 * outputs.c - every requested output (outputs.h).
 */
#include "reports/outputs.h"

#include "reports/checklist.h"
#include "reports/ckl.h"
#include "reports/cklb.h"
#include "reports/html.h"
#include "reports/srg.h"
#include "xccdf/arf.h"
#include "xccdf/results_xml.h"

int
sc_outputs_write(const struct sc_outputs *o, const struct sc_content *c,
    const struct sc_testresult *tr, struct sc_err *err)
{
	struct sc_srg *srg = NULL;
	struct sc_checklist *cl = NULL;
	int r = SC_OK;

	if (o->results && (r = sc_results_write(c, tr, o->results, err)) < 0)
		goto out;
	if (o->results_arf &&
	    (r = sc_arf_write(c, tr, o->results_arf, err)) < 0)
		goto out;
	if (!o->report && !o->ckl && !o->cklb)
		goto out;
	if ((r = sc_srg_builtin(&srg, err)) < 0 ||
	    (r = sc_checklist_build(&cl, srg, tr, err)) < 0)
		goto out;
	if (o->report && (r = sc_html_write(c, tr, cl, o->report, err)) < 0)
		goto out;
	if (o->ckl && (r = sc_ckl_write(cl, o->ckl, err)) < 0)
		goto out;
	if (o->cklb && (r = sc_cklb_write(cl, o->cklb, err)) < 0)
		goto out;
out:
	sc_checklist_free(cl);
	sc_srg_free(srg);
	return r;
}
