/*
 * fact.h - a named fact about a target (TestResult/target-facts/fact).
 * Shared by the target model and the results model.
 */
#ifndef SC_FACT_H
#define SC_FACT_H

struct sc_fact {
	char *name;	/* URI, e.g. urn:xccdf:fact:asset:identifier:host_name */
	char *type;	/* "string", "number" or "boolean" */
	char *value;
};

#endif
