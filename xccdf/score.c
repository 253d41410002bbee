/*
 * score.c - the four XCCDF scoring models (score.h).
 */
#include "xccdf/score.h"

#include <stdlib.h>

#include "util/map.h"

struct node_score {
	double score;
	int count;
};

static int
counts(const struct sc_rule_result *rr)
{
	switch (rr->result) {
	case SC_RESULT_NOTAPPLICABLE:
	case SC_RESULT_NOTCHECKED:
	case SC_RESULT_INFORMATIONAL:
	case SC_RESULT_NOTSELECTED:
		return 0;
	default:
		return rr->role != SC_ROLE_UNSCORED;
	}
}

static int
passed(const struct sc_rule_result *rr)
{
	return rr->result == SC_RESULT_PASS || rr->result == SC_RESULT_FIXED;
}

static struct node_score
score_item(const struct sc_policy *p, const struct sc_map *rrs,
    const struct sc_item *it)
{
	struct node_score ns = { 0, 0 };

	if (it->type == SC_ITEM_RULE) {
		const struct sc_rule_result *rr = sc_map_get(rrs, it->id);

		if (rr == NULL || !counts(rr))
			return ns;
		ns.count = 1;
		ns.score = passed(rr) ? 100.0 : 0.0;
		return ns;
	}
	if (it->type == SC_ITEM_GROUP) {
		double s = 0, a = 0;

		for (size_t i = 0; i < it->n_children; i++) {
			const struct sc_item *c = it->children[i];
			struct node_score cs;

			if (c->type == SC_ITEM_VALUE ||
			    !sc_policy_item_selected(p, c))
				continue;
			cs = score_item(p, rrs, c);
			if (cs.count == 0)
				continue;
			s += cs.score * sc_policy_weight(p, c);
			a += sc_policy_weight(p, c);
			ns.count++;
		}
		ns.score = a > 0 ? s / a : 0;
	}
	return ns;
}

void
sc_score_compute(const struct sc_policy *p, struct sc_testresult *tr)
{
	const struct sc_benchmark *b = sc_policy_benchmark(p);
	struct sc_map rrs = SC_MAP_INIT;
	double s = 0, a = 0, fs = 0, fm = 0, us = 0, um = 0;
	size_t i;

	for (i = 0; i < tr->n_rr; i++)
		sc_map_put(&rrs, tr->rr[i].idref, &tr->rr[i]);

	/* default: the Benchmark is the root Group */
	for (i = 0; i < b->n_top; i++) {
		const struct sc_item *c = b->top[i];
		struct node_score cs;

		if (c->type == SC_ITEM_VALUE || !sc_policy_item_selected(p, c))
			continue;
		cs = score_item(p, &rrs, c);
		if (cs.count == 0)
			continue;
		s += cs.score * sc_policy_weight(p, c);
		a += sc_policy_weight(p, c);
	}

	/* flat models, over the rule-results */
	for (i = 0; i < tr->n_rr; i++) {
		const struct sc_rule_result *rr = &tr->rr[i];
		double w = rr->weight;

		if (!counts(rr))
			continue;
		fm += w;
		um += w > 0 ? 1 : 0;
		if (passed(rr)) {
			fs += w;
			us += w > 0 ? 1 : 0;
		}
	}
	sc_map_free(&rrs);

	tr->scores[0] = (struct sc_score){ SC_SCORE_DEFAULT, a > 0 ? s / a : 0, 100 };
	tr->scores[1] = (struct sc_score){ SC_SCORE_FLAT, fs, fm };
	tr->scores[2] = (struct sc_score){ SC_SCORE_FLAT_UNWEIGHTED, us, um };
	tr->scores[3] = (struct sc_score){ SC_SCORE_ABSOLUTE, fs == fm ? 1 : 0, 1 };
	tr->n_scores = 4;
}
