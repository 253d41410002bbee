/*
 * map.c - string-keyed hash map (see map.h).
 */
#include "util/map.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "util/mem.h"

struct sc_map_slot {
	uint32_t hash;
	uint32_t idx1;		/* index + 1 into keys/vals; 0 = empty */
};

/*
 * Keys come from hostile input (configuration names, content ids): a
 * per-process random basis keeps anyone from precomputing names that all
 * land in one probe chain (which would make loading quadratic).  Only
 * slot positions depend on it; iteration order is insertion order.
 */
static uint32_t
basis(void)
{
	static uint32_t b;

	if (b == 0) {
		uint32_t r = 0;

		if (getrandom(&r, sizeof(r), GRND_NONBLOCK) != (ssize_t)sizeof(r))
			r = (uint32_t)(uintptr_t)&r ^ (uint32_t)getpid();
		b = (2166136261u ^ (r & 0xffffff00u)) | 1u;
	}
	return b;
}

static uint32_t
fnv1a(const char *s)
{
	uint32_t h = basis();

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

static struct sc_map_slot *
lookup(const struct sc_map *m, const char *key, uint32_t h)
{
	size_t mask, i;

	if (m->n_slots == 0)
		return NULL;
	mask = m->n_slots - 1;
	for (i = h & mask;; i = (i + 1) & mask) {
		struct sc_map_slot *s = &m->slots[i];

		if (s->idx1 == 0)
			return s;
		if (s->hash == h && strcmp(m->keys[s->idx1 - 1], key) == 0)
			return s;
	}
}

static void
rehash(struct sc_map *m)
{
	size_t ns = m->n_slots ? m->n_slots * 2 : 16, i;

	free(m->slots);
	m->slots = sc_xcalloc(ns, sizeof(*m->slots));
	m->n_slots = ns;
	for (i = 0; i < m->n; i++) {
		uint32_t h = fnv1a(m->keys[i]);
		struct sc_map_slot *s = lookup(m, m->keys[i], h);

		s->hash = h;
		s->idx1 = (uint32_t)(i + 1);
	}
}

static void *
put(struct sc_map *m, const char *key, void *val, int replace, int *inserted)
{
	uint32_t h = fnv1a(key);
	struct sc_map_slot *s;
	void *old;

	*inserted = 0;
	if ((m->n + 1) * 2 > m->n_slots)
		rehash(m);
	s = lookup(m, key, h);
	if (s->idx1 != 0) {
		old = m->vals[s->idx1 - 1];
		if (replace)
			m->vals[s->idx1 - 1] = val;
		return old;
	}
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 16;
		m->keys = sc_xreallocarray(m->keys, m->cap, sizeof(*m->keys));
		m->vals = sc_xreallocarray(m->vals, m->cap, sizeof(*m->vals));
	}
	m->keys[m->n] = sc_xstrdup(key);
	m->vals[m->n] = val;
	m->n++;
	s->hash = h;
	s->idx1 = (uint32_t)m->n;
	*inserted = 1;
	return NULL;
}

void *
sc_map_put(struct sc_map *m, const char *key, void *val)
{
	int ins;

	return put(m, key, val, 1, &ins);
}

int
sc_map_add(struct sc_map *m, const char *key, void *val)
{
	int ins;

	put(m, key, val, 0, &ins);
	return ins;
}

void *
sc_map_get(const struct sc_map *m, const char *key)
{
	struct sc_map_slot *s = lookup(m, key, fnv1a(key));

	return (s && s->idx1) ? m->vals[s->idx1 - 1] : NULL;
}

size_t
sc_map_count(const struct sc_map *m)
{
	return m->n;
}

void
sc_map_free(struct sc_map *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->n; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	free(m->slots);
	memset(m, 0, sizeof(*m));
}
