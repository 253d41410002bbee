/*
 * asset.c - looking up embedded files (asset.h).
 */
#include "util/asset.h"

#include <string.h>

const struct sc_asset *
sc_asset_find(const struct sc_asset *table, const char *name)
{
	for (; table && table->name; table++)
		if (strcmp(table->name, name) == 0)
			return table;
	return NULL;
}
