/*
 * console.c - terminal output (console.h).
 */
#include "console.h"

#include <string.h>

#define C_RESET "\033[0m"

static const char *
color_of(enum sc_result r)
{
	switch (r) {
	case SC_RESULT_PASS:
	case SC_RESULT_FIXED:
		return "\033[32m";
	case SC_RESULT_FAIL:
		return "\033[1;31m";
	case SC_RESULT_ERROR:
	case SC_RESULT_UNKNOWN:
		return "\033[1;35m";
	case SC_RESULT_NOTCHECKED:
		return "\033[33m";
	default:
		return "\033[2m";
	}
}

void
sc_console_print(FILE *f, const struct sc_testresult *tr,
    const struct sc_console_opts *o)
{
	unsigned long counts[SC_RESULT__COUNT];
	size_t i, j;
	int first = 1;

	if (!o->quiet) {
		for (i = 0; i < tr->n_rr; i++) {
			const struct sc_rule_result *rr = &tr->rr[i];
			const char *title = rr->rule && rr->rule->title ?
			    rr->rule->title : "";

			if (rr->result == SC_RESULT_NOTSELECTED)
				continue;
			if (o->color)
				fprintf(f, "%s%-13s%s", color_of(rr->result),
				    sc_result_name(rr->result), C_RESET);
			else
				fprintf(f, "%-13s", sc_result_name(rr->result));
			fprintf(f, " %-7s %s  %s\n", sc_severity_name(rr->severity),
			    rr->idref, title);
			if (o->verbose) {
				for (j = 0; j < rr->n_msgs; j++)
					fprintf(f, "      %s\n", rr->msgs[j].text);
				if (rr->dropped)
					fprintf(f, "      ... and %lu more\n",
					    rr->dropped);
			}
		}
	}
	sc_testresult_count(tr, counts);
	fprintf(f, "%s", o->quiet ? "" : "\n");
	for (i = 0; i < SC_RESULT__COUNT; i++) {
		if (counts[i] == 0 && i != SC_RESULT_PASS && i != SC_RESULT_FAIL &&
		    i != SC_RESULT_ERROR)
			continue;
		fprintf(f, "%s%s %lu", first ? "" : ", ",
		    sc_result_name((enum sc_result)i), counts[i]);
		first = 0;
	}
	for (i = 0; i < tr->n_scores; i++)
		if (strcmp(tr->scores[i].system, "urn:xccdf:scoring:default") == 0)
			fprintf(f, "; score %.1f%%", tr->scores[i].score);
	fprintf(f, "\n");
	/* the headline FIPS verdict, when a FIPS rule ran */
	if (sc_testresult_fact(tr, "urn:stigcheck:fact:fips:summary"))
		fprintf(f, "%s\n", sc_testresult_fact(tr,
		    "urn:stigcheck:fact:fips:summary"));
	if (o->quiet)
		for (i = 0; i < tr->n_rr; i++)
			if (tr->rr[i].result == SC_RESULT_FAIL)
				fprintf(f, "%s\n", tr->rr[i].idref);
}
