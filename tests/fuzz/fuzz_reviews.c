/*
 * Reviews files given to --reviews: YAML, CKL (XML) and CKLB (JSON),
 * parsed by the one in-memory entry point the scanner uses, then applied
 * to a small TestResult (rule ids, V-ids and SRG ids resolved through the
 * built-in SRG table) and written back as checklist COMMENTS.
 */
#include <stdint.h>
#include <stdlib.h>

#include "reports/srg.h"
#include "xccdf/result.h"
#include "xccdf/review.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct sc_srg *srg;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const ids[] = { "xccdf_org.x_rule_a",
		"xccdf_org.x_rule_SV-203780r991589_rule", "xccdf_org.x_rule_c" };
	struct sc_reviews *rv = NULL;
	struct sc_testresult *tr;
	struct sc_strv notes = SC_STRV_INIT;
	struct sc_buf b = SC_BUF_INIT;
	struct sc_err err = SC_ERR_INIT;

	if (srg == NULL && sc_srg_builtin(&srg, &err) < 0)
		return 0;
	if (sc_review_parse((const char *)data, size, "fuzz", &rv, &err) < 0)
		return 0;
	tr = sc_testresult_new();
	tr->start_time = 1767261600;
	for (size_t i = 0; i < 3; i++) {
		struct sc_rule_result *rr = sc_testresult_add(tr, ids[i]);

		rr->result = i == 0 ? SC_RESULT_FAIL : i == 1 ?
		    SC_RESULT_NOTCHECKED : SC_RESULT_NOTSELECTED;
		if (i == 2)
			rr->version = sc_xstrdup("SRG-OS-000001-GPOS-00001");
	}
	if (sc_review_apply(rv, tr, srg, &notes, &err) == 0)
		for (size_t i = 0; i < tr->n_rr; i++)
			sc_review_comment(&tr->rr[i], &b);
	sc_buf_free(&b);
	sc_strv_free(&notes);
	sc_testresult_free(tr);
	sc_reviews_free(rv);
	return 0;
}
