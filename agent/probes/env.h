/*
 * env.h - the target's environment variables (the environment probe).
 *
 * The environment is the target's own: a container's process environment,
 * an image's Config.Env, or what the user gave with --env (target.h).  The
 * scanner's environment is never consulted.
 */
#ifndef SC_PROBE_ENV_H
#define SC_PROBE_ENV_H

#include <stddef.h>

#include "target/target.h"

/*
 * Call fn for every variable, in the target's order.  name is not
 * NUL-terminated (name_len bytes); value is.  fn returns 0 to go on.
 */
typedef int (*sc_env_fn)(void *ctx, const char *name, size_t name_len,
    const char *value);
int sc_probe_env_each(const struct sc_target *t, sc_env_fn fn, void *ctx);

#endif
