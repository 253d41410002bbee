/*
 * XCCDF 1.2 tailoring files (sc_content_load_tailoring_memory, the code
 * --tailoring-file runs after reading the file), applied to a small
 * benchmark with profiles, values, a group and a cluster-id, then every
 * profile resolved into a policy (sc_policy_new) as a scan would.
 */
#include <stdint.h>

#include "xccdf/content.h"
#include "xccdf/policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char bench[] =
"<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\" "
"id=\"xccdf_t_benchmark_b\"><status>draft</status><title>t</title>"
"<version>1</version>"
"<Profile id=\"xccdf_t_profile_q\"><title>q</title>"
"<select idref=\"xccdf_t_rule_r2\" selected=\"true\"/></Profile>"
"<Value id=\"xccdf_t_value_v\" type=\"number\"><title>v</title>"
"<value>1</value><value selector=\"s\">2</value></Value>"
"<Group id=\"xccdf_t_group_g\"><title>g</title>"
"<Rule id=\"xccdf_t_rule_r1\" selected=\"true\" cluster-id=\"cl\">"
"<title>r1</title></Rule></Group>"
"<Rule id=\"xccdf_t_rule_r2\" selected=\"false\"><title>r2</title></Rule>"
"</Benchmark>";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sc_content *c = NULL;
	struct sc_err err = SC_ERR_INIT;
	struct sc_benchmark *b;
	struct sc_policy *p = NULL;

	if (sc_content_load_memory(&c, bench, sizeof(bench) - 1, "bench.xml",
	    NULL, &err) < 0)
		__builtin_trap();	/* the fixed benchmark must load */
	if (sc_content_load_tailoring_memory(c, (const char *)data, size,
	    "fuzz-tailoring.xml", &err) == 0) {
		b = sc_content_benchmark(c);
		for (size_t i = 0; i < b->n_profiles; i++)
			if (sc_policy_new(&p, b, b->profiles[i].id, &err) == 0)
				sc_policy_free(p);
	}
	sc_content_free(c);
	return 0;
}
