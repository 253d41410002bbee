/*
 * oval_regex.c - OVAL patterns compiled once per scan (oval_regex.h).
 */
#include "checks/oval/oval_regex.h"

#include <stdlib.h>

#include "checks/oval/oval_model.h"
#include "util/map.h"
#include "util/mem.h"

struct sc_regex *
sc_oval_regex_get(struct sc_oval_rt *rt, const char *pattern, unsigned flags,
    struct sc_err *err)
{
	struct sc_regex *re;
	char *key;

	if (rt == NULL)
		return NULL;
	/* "flags:pattern": hex digits up to the first colon */
	key = sc_xasprintf("%x:%s", flags, pattern);
	re = sc_map_get(&rt->regexes, key);
	if (re == NULL && sc_regex_compile(&re, pattern, flags, err) == 0)
		sc_map_put(&rt->regexes, key, re);
	free(key);
	return re;
}

void
sc_oval_regex_release(struct sc_oval_rt *rt)
{
	if (rt == NULL)
		return;
	for (size_t i = 0; i < rt->regexes.n; i++)
		sc_regex_free(rt->regexes.vals[i]);
	sc_map_free(&rt->regexes);
}
