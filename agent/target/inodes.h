/*
 * inodes.h - a side table of file metadata, keyed by (device, inode).
 *
 * An image is flattened into a private directory that belongs to the
 * scanning user: its files are not chowned and no device node is created.
 * The owners, modes (type, permission and set-id bits), device numbers and
 * mtimes the layer headers give are recorded here instead, against the
 * inode of the object extract.h created for the entry (an empty regular
 * file stands in for a device node, FIFO or socket).  The target module
 * (target.h) consults the table on every stat it returns, so probes, the
 * walk and the checks see the image's metadata, as root or not.
 *
 * Hard links share an inode and so an entry, as they share metadata.  A
 * later entry for the same inode (a path replaced by a later layer, an
 * inode number reused after a removal) replaces the earlier one.
 *
 * The table is filled while an image is applied and read-only afterwards.
 */
#ifndef SC_INODES_H
#define SC_INODES_H

#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

struct sc_inode_meta {
	mode_t mode;		/* type and permission bits, as the header says */
	unsigned long uid, gid;
	unsigned long rdev_major, rdev_minor;	/* device nodes */
	struct timespec mtime;	/* tv_nsec UTIME_OMIT: not recorded */
	unsigned char caps;	/* 1: the entry carries security.capability */
};

struct sc_inodes;

struct sc_inodes *sc_inodes_new(void);
void sc_inodes_free(struct sc_inodes *tab);

/* Record (replace) the metadata of the object with this device and inode. */
void sc_inodes_set(struct sc_inodes *tab, dev_t dev, ino_t ino,
    const struct sc_inode_meta *m);
/* NULL when the inode is not in the table. */
const struct sc_inode_meta *sc_inodes_get(const struct sc_inodes *tab,
    dev_t dev, ino_t ino);
size_t sc_inodes_count(const struct sc_inodes *tab);

/*
 * Overwrite *st with the recorded metadata of st's (st_dev, st_ino), if
 * any: type and mode, owner, device number and mtime.  A device node,
 * FIFO or socket stand-in keeps st_size 0.  Returns 1 when it changed st.
 */
int sc_inodes_apply(const struct sc_inodes *tab, struct stat *st);

#endif
