/*
 * outputs.h - writing every requested output of a scan or a re-render.
 *
 * The scan (`stigcheck ... --results F --results-arf F --report F --ckl F
 * --cklb F`) and `stigcheck report --from FILE` call the same function
 * with the same in-memory content and TestResult, so a re-render gives
 * the files the scan gave.  Each file is written atomically
 * (util/fsutil.h); the first failure stops and is returned, naming the
 * file.  The checklist mapping (checklist.h) is built once, when the HTML
 * report, CKL or CKLB is asked for.
 */
#ifndef SC_OUTPUTS_H
#define SC_OUTPUTS_H

#include "util/err.h"
#include "xccdf/content.h"
#include "xccdf/result.h"

struct sc_outputs {
	const char *results;		/* XCCDF 1.2 results */
	const char *results_arf;	/* ARF 1.1 */
	const char *report;		/* HTML */
	const char *ckl;		/* STIG Viewer 2 */
	const char *cklb;		/* STIG Viewer 3 */
};

int sc_outputs_write(const struct sc_outputs *o, const struct sc_content *c,
    const struct sc_testresult *tr, struct sc_err *err);

#endif
