/*
 * gate.c - CI gates (gate.h).
 */
#include "gate.h"

#include <string.h>

int
sc_gate_parse(struct sc_gate *g, const char *word, struct sc_err *err)
{
	static const struct {
		const char *word;
		enum sc_severity sev;
	} levels[] = {
		{ "high", SC_SEV_HIGH },
		{ "medium", SC_SEV_MEDIUM },
		{ "low", SC_SEV_LOW },
	};
	size_t i;

	for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
		if (strcmp(word, levels[i].word) == 0) {
			g->fail_on = (int)levels[i].sev;
			return SC_OK;
		}
	return sc_err_set(err, SC_ERR_INVAL,
	    "--fail-on must be high, medium or low, got '%s'", word);
}

int
sc_gate_trips(const struct sc_gate *g, const struct sc_rule_result *rr)
{
	if (rr->result == SC_RESULT_ERROR) {
		if (g->errors_ok)
			return 0;
	} else if (rr->result != SC_RESULT_FAIL) {
		return 0;
	}
	if (g->fail_on == SC_SEV_UNKNOWN || rr->severity == SC_SEV_UNKNOWN)
		return 1;
	return (int)rr->severity >= g->fail_on;
}

int
sc_gate_status(const struct sc_gate *g, const struct sc_testresult *tr,
    unsigned long *tripped)
{
	unsigned long n = 0;
	size_t i;

	for (i = 0; i < tr->n_rr; i++)
		if (sc_gate_trips(g, &tr->rr[i]))
			n++;
	if (tripped)
		*tripped = n;
	return n ? 2 : 0;
}

void
sc_gate_warn(FILE *f, const struct sc_testresult *tr)
{
	unsigned long counts[SC_RESULT__COUNT];

	sc_testresult_count(tr, counts);
	if (counts[SC_RESULT_ERROR] == 0)
		return;
	fprintf(f, "stigcheck: %lu rule%s could not be evaluated (result "
	    "error); their messages say why\n", counts[SC_RESULT_ERROR],
	    counts[SC_RESULT_ERROR] == 1 ? "" : "s");
}
