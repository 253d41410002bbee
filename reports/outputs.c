/*
 * outputs.c - the output table and writing every requested output
 * (outputs.h).
 */
#include "reports/outputs.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reports/cbom.h"
#include "reports/ckl.h"
#include "reports/cklb.h"
#include "reports/html.h"
#include "reports/json.h"
#include "reports/junit.h"
#include "reports/sarif.h"
#include "reports/oscal.h"
#include "reports/srg.h"
#include "xccdf/arf.h"
#include "xccdf/results_xml.h"
#include "util/fsutil.h"

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
	{ "json", "json", "results.json",
	  "JSON summary (docs/ci.md); stigcheck diff: the changes",
	  SC_OUTF_SRG, sc_json_write },
	{ "sarif", "sarif", "results.sarif",
	  "SARIF 2.1.0 (one result per failing rule)", SC_OUTF_SRG,
	  sc_sarif_write },
	{ "junit", "junit", "junit.xml",
	  "JUnit XML (one testcase per rule)", SC_OUTF_SRG, sc_junit_write },
	{ "oscal-ar", "oscal-ar", "assessment-results.json",
	  "OSCAL 1.1.3 assessment results (JSON)", 0, write_oscal_ar },
	{ "oscal-poam", "oscal-poam", "poam.json",
	  "OSCAL 1.1.3 plan of action and milestones (JSON)", 0,
	  write_oscal_poam },
	{ "cbom", "cbom", "cbom.json",
	  "CycloneDX 1.6 CBOM: the crypto inventory and the FIPS verdict", 0,
	  sc_cbom_write },
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
	struct sc_output_ctx x = { c, tr, NULL, NULL };
	struct sc_srg *srg = NULL;
	struct sc_checklist *cl = NULL;
	size_t i;
	int r = SC_OK;

	if (sc_outputs_need(o, SC_OUTF_CHECKLIST) ||
	    sc_outputs_need(o, SC_OUTF_SRG)) {
		if ((r = sc_srg_builtin(&srg, err)) < 0)
			goto out;
		x.srg = srg;
	}
	if (sc_outputs_need(o, SC_OUTF_CHECKLIST)) {
		if ((r = sc_checklist_build(&cl, srg, tr, err)) < 0)
			goto out;
		x.cl = cl;
	}
	sc_stage_begin();
	for (i = 0; i < sc_output_nfmts; i++)
		if (o->path[i] &&
		    (r = sc_output_fmts[i].write(&x, o->path[i], err)) < 0)
			break;
	if (r < 0)
		sc_stage_abort();
	else
		r = sc_stage_commit(err);
out:
	sc_checklist_free(cl);
	sc_srg_free(srg);
	return r;
}

/*
 * The file path names, as "REALDIR/BASE" (malloc'd): its directory must
 * exist, be a directory and take a new file; the path must not be a
 * directory.
 */
static int
check_one(const char *opt, const char *path, char **canon,
    struct sc_err *err)
{
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	char *dir, *real = NULL, *tmp = NULL;
	struct stat st;
	int fd, e, r = SC_OK;

	*canon = NULL;
	if (strcmp(path, "-") == 0)
		return sc_err_set(err, SC_ERR_INVAL, "--%s -: standard output "
		    "is the console's; give a file name", opt);
	if (*base == '\0' || !strcmp(base, ".") || !strcmp(base, ".."))
		return sc_err_set(err, SC_ERR_INVAL,
		    "--%s '%s' is a directory, not a file", opt, path);
	dir = slash == NULL ? sc_xstrdup(".") : slash == path ?
	    sc_xstrdup("/") : sc_xstrndup(path, (size_t)(slash - path));
	if ((real = realpath(dir, NULL)) == NULL ||
	    stat(real, &st) < 0 || !S_ISDIR(st.st_mode)) {
		e = real ? ENOTDIR : errno;
		r = sc_err_set(err, sc_err_from_errno(e), "cannot write '%s' "
		    "(--%s): directory '%s': %s", path, opt, dir, strerror(e));
		goto out;
	}
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		r = sc_err_set(err, SC_ERR_INVAL,
		    "--%s '%s' is a directory, not a file", opt, path);
		goto out;
	}
	tmp = sc_xasprintf("%s/.%s.XXXXXX", real, base);
	if ((fd = mkstemp(tmp)) < 0) {
		e = errno;
		r = sc_err_set(err, sc_err_from_errno(e),
		    "cannot write '%s' (--%s): %s", path, opt, strerror(e));
		goto out;
	}
	close(fd);
	unlink(tmp);
	*canon = sc_xasprintf("%s/%s", strcmp(real, "/") ? real : "", base);
out:
	free(tmp);
	free(real);
	free(dir);
	return r;
}

int
sc_outputs_check(const struct sc_outputs *o, const char *from,
    struct sc_err *err)
{
	char *canon[SC_OUTPUT_MAX] = { NULL };
	char *in = from ? realpath(from, NULL) : NULL;
	size_t i, j;
	int r = SC_OK;

	for (i = 0; i < sc_output_nfmts && r == SC_OK; i++) {
		if (o->path[i] == NULL)
			continue;
		if ((r = check_one(sc_output_fmts[i].option, o->path[i],
		    &canon[i], err)) < 0)
			break;
		for (j = 0; j < i && r == SC_OK; j++)
			if (canon[j] && !strcmp(canon[i], canon[j]))
				r = sc_err_set(err, SC_ERR_INVAL,
				    "--%s and --%s name the same file '%s'",
				    sc_output_fmts[j].option,
				    sc_output_fmts[i].option, o->path[i]);
		if (r == SC_OK && in && !strcmp(in, canon[i]))
			r = sc_err_set(err, SC_ERR_INVAL,
			    "--%s would overwrite the input '%s'",
			    sc_output_fmts[i].option, o->path[i]);
	}
	for (i = 0; i < sc_output_nfmts; i++)
		free(canon[i]);
	free(in);
	return r;
}
