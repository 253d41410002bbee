/*
 * env.c - iterating over the target's environment (env.h).
 */
#include "probes/env.h"

#include <string.h>

int
sc_probe_env_each(const struct sc_target *t, sc_env_fn fn, void *ctx)
{
	const struct sc_strv *env = sc_target_environ(t);
	int r;

	for (size_t i = 0; env != NULL && i < env->n; i++) {
		const char *s = env->v[i], *eq = strchr(s, '=');

		if (eq == NULL || eq == s)
			continue;
		if ((r = fn(ctx, s, (size_t)(eq - s), eq + 1)) != 0)
			return r;
	}
	return 0;
}
