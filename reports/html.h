/*
 * html.h - the HTML report: one self-contained file.
 *
 * The report is rendered by libxslt with reports/html.xsl (CSS and script
 * from reports/report.css and report.js, inlined) from the XCCDF results
 * document (results_xml.h: the Benchmark holding the TestResult), so what
 * it shows is exactly what --results holds.  Before rendering, stigcheck
 * adds to that in-memory document one urn:stigcheck:report element with,
 * per rule-result, the GPOS SRG rule it maps to (SRG id, V-id, SV-id; see
 * checklist.h), its CCIs and NIST SP 800-53 controls (the content's own,
 * else from its CCIs), and its description, rationale, check and fix texts
 * tidied into paragraphs (ruletext.h).  The installed html.xsl also works
 * on a plain results file with xsltproc (without those extras):
 *   xsltproc --stringparam css "$(cat report.css)" \
 *            --stringparam js "$(cat report.js)" html.xsl results.xml
 *
 * The page: a summary (target, content and version, profile, start and
 * end, scores, counts by result and by severity), then a table of the
 * rules (result, severity, id and title, SRG/CCI/NIST) with filters by
 * result and severity and a text search, and for each rule a details row
 * (evidence, description, rationale, check, fix, references) opened on
 * click.  A rule a person reviewed or waived (an XCCDF <override>) shows
 * its final result with the evaluated one beneath, and its details start
 * with the review: both results, who, when and the reason; printed, its
 * details always show.  It stays usable with 10,000 rule-results: the details rows are
 * hidden (no layout) until opened, and the script shows the matching rows
 * a page at a time.  Everything works offline: no external resource.
 *
 * The transform may not read or write files or use the network (libxslt
 * security preferences).
 */
#ifndef SC_HTML_H
#define SC_HTML_H

#include "reports/checklist.h"
#include "util/err.h"
#include "util/mem.h"
#include "xccdf/content.h"
#include "xccdf/result.h"

/* Render into out (replaced).  cl gives the SRG mapping (may be NULL). */
int sc_html_render(const struct sc_content *c, const struct sc_testresult *tr,
    const struct sc_checklist *cl, struct sc_buf *out, struct sc_err *err);
/* Render and write atomically. */
int sc_html_write(const struct sc_content *c, const struct sc_testresult *tr,
    const struct sc_checklist *cl, const char *path, struct sc_err *err);

#endif
