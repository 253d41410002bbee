/*
 * heap.c - the process heap on transparent huge pages (heap.h).
 */
#define _DEFAULT_SOURCE
#include "util/heap.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#endif

#if defined(__GLIBC__) && defined(MADV_HUGEPAGE) && defined(M_TOP_PAD)

#define HUGE_PAGE (2UL << 20)
#define PROBE_SIZE (64UL << 10)	/* under the mmap threshold */
#define PROBES 16		/* 1 MiB: more than malloc's first top */

/* Whether the kernel may give huge pages on request. */
static int
thp_available(void)
{
	char buf[128];
	ssize_t n;
	int fd = open("/sys/kernel/mm/transparent_hugepage/enabled",
	    O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	return strstr(buf, "[always]") != NULL || strstr(buf, "[madvise]") != NULL;
}

void
sc_heap_init(void)
{
	static int done;
	const char *tun = getenv("GLIBC_TUNABLES");
	void *probe[PROBES];
	uintptr_t b0, b1, lo, hi;
	size_t n = 0;

	if (done)
		return;
	done = 1;
	if ((tun != NULL && strstr(tun, "glibc.malloc.") != NULL) ||
	    !thp_available())
		return;
	b0 = (uintptr_t)sbrk(0);
	if (b0 == (uintptr_t)-1)
		return;
	/* the next brk step takes the whole reserve; freeing never trims
	 * below it; buffers come from the heap, not from mmap */
	mallopt(M_TOP_PAD, (int)SC_HEAP_RESERVE);
	mallopt(M_TRIM_THRESHOLD, (int)(2 * SC_HEAP_RESERVE));
	mallopt(M_MMAP_THRESHOLD, (int)SC_HEAP_MMAP_MAX);
	/* no fast bins: a free coalesces at once, instead of the first large
	 * free after a tree is released sweeping every small chunk of it */
	mallopt(M_MXFAST, 0);
	while (n < PROBES && (uintptr_t)sbrk(0) == b0)
		probe[n++] = malloc(PROBE_SIZE);
	while (n > 0)
		free(probe[--n]);
	/* later steps as malloc's default (128 KiB) */
	mallopt(M_TOP_PAD, 128 * 1024);
	b1 = (uintptr_t)sbrk(0);
	if (b1 == (uintptr_t)-1 || b1 <= b0)
		return;		/* another malloc: the break did not move */
	lo = (b0 + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	hi = b1 & ~(HUGE_PAGE - 1);
	if (hi > lo)
		(void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
}

#else

void
sc_heap_init(void)
{
}

#endif
