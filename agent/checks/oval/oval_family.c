/*
 * oval_family.c - the table of OVAL test families (oval_family.h).
 */
#include "checks/oval/oval_family.h"

#include <string.h>

static const struct sc_oval_family *const families[SC_OVAL_KIND__COUNT] = {
#define SC_OVAL_FAM_ROW(U, l) [SC_OVAL_KIND_##U] = &sc_fam_##l,
	SC_OVAL_FAMILIES(SC_OVAL_FAM_ROW)
#undef SC_OVAL_FAM_ROW
};

const struct sc_oval_family *
sc_oval_family_get(enum sc_oval_kind k)
{
	return families[k];
}

int
sc_oval_family_of(xmlNodePtr n, const char *suffix)
{
	const char *name = (const char *)n->name;
	size_t nl = strlen(name), sl = strlen(suffix);

	if (n->ns == NULL || nl <= sl || strcmp(name + nl - sl, suffix) != 0)
		return -1;
	for (int k = 0; k < SC_OVAL_KIND__COUNT; k++) {
		size_t pl = strlen(families[k]->prefix);

		if (strcmp((const char *)n->ns->href, families[k]->ns) == 0 &&
		    pl == nl - sl && strncmp(name, families[k]->prefix, pl) == 0)
			return k;
	}
	return -1;
}

int
sc_oval_family_in_list(const char *const *l, const char *s)
{
	for (size_t i = 0; l[i]; i++)
		if (strcmp(l[i], s) == 0)
			return 1;
	return 0;
}
