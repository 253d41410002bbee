/*
 * map.h - a string-keyed hash map (open addressing, FNV-1a).
 *
 * Keys are copied; values are borrowed pointers the map never frees.
 * Iteration order is insertion order (entries are also kept in an array),
 * so anything rendered from a map is deterministic.
 */
#ifndef SC_MAP_H
#define SC_MAP_H

#include <stddef.h>

struct sc_map {
	struct sc_map_slot *slots;	/* hash index into keys/vals */
	size_t n_slots;
	char **keys;
	void **vals;
	size_t n, cap;
};

#define SC_MAP_INIT { NULL, 0, NULL, NULL, 0, 0 }

/* Insert or replace; returns the previous value or NULL. */
void *sc_map_put(struct sc_map *m, const char *key, void *val);
void *sc_map_get(const struct sc_map *m, const char *key);
/* Insert only if absent; returns 1 if inserted. */
int sc_map_add(struct sc_map *m, const char *key, void *val);
void sc_map_free(struct sc_map *m);
size_t sc_map_count(const struct sc_map *m);

#endif
