/*
 * engine.c - the check engine table (engine.h).  Add an engine here.
 */
#include "checks/engine.h"

#include <string.h>

extern const struct sc_engine_ops sc_native_engine;
extern const struct sc_engine_ops sc_manual_engine;
extern const struct sc_engine_ops sc_oval_engine;

static const struct sc_engine_ops *const engines[] = {
	&sc_native_engine,
	&sc_manual_engine,
	&sc_oval_engine,
	NULL,
};

const struct sc_engine_ops *
sc_engine_find(const char *system)
{
	for (size_t i = 0; engines[i] != NULL; i++)
		if (strcmp(engines[i]->system, system) == 0)
			return engines[i];
	return NULL;
}

const struct sc_engine_ops *const *
sc_engine_table(void)
{
	return engines;
}
