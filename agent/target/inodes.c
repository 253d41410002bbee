/*
 * inodes.c - the side table of file metadata (inodes.h): open addressing
 * with linear probing on a hash of (device, inode); the table doubles at
 * half load, so lookups stay short.
 */
#include "target/inodes.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/sysmacros.h>

#include "util/mem.h"

struct slot {
	dev_t dev;
	ino_t ino;
	int used;
	struct sc_inode_meta m;
};

struct sc_inodes {
	struct slot *slots;
	size_t n_slots;		/* a power of two */
	size_t n;
};

struct sc_inodes *
sc_inodes_new(void)
{
	struct sc_inodes *tab = sc_xcalloc(1, sizeof(*tab));

	tab->n_slots = 1024;
	tab->slots = sc_xcalloc(tab->n_slots, sizeof(*tab->slots));
	return tab;
}

void
sc_inodes_free(struct sc_inodes *tab)
{
	if (tab == NULL)
		return;
	free(tab->slots);
	free(tab);
}

size_t
sc_inodes_count(const struct sc_inodes *tab)
{
	return tab ? tab->n : 0;
}

static size_t
hash(dev_t dev, ino_t ino)
{
	uint64_t h = (uint64_t)ino * 0x9e3779b97f4a7c15ULL ^ (uint64_t)dev;

	h ^= h >> 29;
	return (size_t)h;
}

static struct slot *
find(const struct sc_inodes *tab, dev_t dev, ino_t ino)
{
	size_t mask = tab->n_slots - 1, i = hash(dev, ino) & mask;

	while (tab->slots[i].used &&
	    !(tab->slots[i].dev == dev && tab->slots[i].ino == ino))
		i = (i + 1) & mask;
	return &tab->slots[i];
}

static void
grow(struct sc_inodes *tab)
{
	struct slot *old = tab->slots;
	size_t n_old = tab->n_slots, i;

	tab->n_slots *= 2;
	tab->slots = sc_xcalloc(tab->n_slots, sizeof(*tab->slots));
	for (i = 0; i < n_old; i++)
		if (old[i].used)
			*find(tab, old[i].dev, old[i].ino) = old[i];
	free(old);
}

void
sc_inodes_set(struct sc_inodes *tab, dev_t dev, ino_t ino,
    const struct sc_inode_meta *m)
{
	struct slot *s;

	if ((tab->n + 1) * 2 > tab->n_slots)
		grow(tab);
	s = find(tab, dev, ino);
	if (!s->used) {
		s->used = 1;
		s->dev = dev;
		s->ino = ino;
		tab->n++;
	}
	s->m = *m;
}

const struct sc_inode_meta *
sc_inodes_get(const struct sc_inodes *tab, dev_t dev, ino_t ino)
{
	const struct slot *s;

	if (tab == NULL)
		return NULL;
	s = find(tab, dev, ino);
	return s->used ? &s->m : NULL;
}

int
sc_inodes_apply(const struct sc_inodes *tab, struct stat *st)
{
	const struct sc_inode_meta *m = sc_inodes_get(tab, st->st_dev,
	    st->st_ino);

	if (m == NULL)
		return 0;
	st->st_mode = m->mode;
	st->st_uid = (uid_t)m->uid;
	st->st_gid = (gid_t)m->gid;
	if (S_ISCHR(m->mode) || S_ISBLK(m->mode))
		st->st_rdev = makedev(m->rdev_major, m->rdev_minor);
	else
		st->st_rdev = 0;
	if (!S_ISREG(m->mode) && !S_ISDIR(m->mode) && !S_ISLNK(m->mode))
		st->st_size = 0;
	if (m->mtime.tv_nsec != UTIME_OMIT)
		st->st_mtim = m->mtime;
	return 1;
}
