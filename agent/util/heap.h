/*
 * heap.h - the process heap on transparent huge pages.
 *
 * A scan builds and frees large trees of small objects (the data stream,
 * the results document, the OVAL items): with 4 KiB pages a run spends as
 * much time taking page faults for fresh heap memory as it spends parsing
 * (a fault is dearer still in a virtual machine).  sc_heap_init, called
 * once at the start of main before anything large is allocated, reserves
 * the first SC_HEAP_RESERVE bytes of malloc's main heap in one brk step
 * and advises the kernel to back it with huge pages (MADV_HUGEPAGE), as
 * glibc's own glibc.malloc.hugetlb=1 tunable would; buffers up to
 * SC_HEAP_MMAP_MAX bytes come from that heap rather than from a fresh
 * mapping of their own each; and malloc's fast bins are off (M_MXFAST 0),
 * so that freeing a large tree does not leave hundreds of thousands of
 * small chunks for the next large free to sweep and coalesce.
 *
 * It changes where memory comes from, never what the program computes.
 * It does nothing when the C library is not glibc, when the kernel has no
 * transparent huge pages ("never" in
 * /sys/kernel/mm/transparent_hugepage/enabled), when malloc is not glibc's
 * (valgrind, sanitizers: their malloc does not move the break), or when
 * the user set malloc tunables (GLIBC_TUNABLES names glibc.malloc): the
 * user's choice wins.  Growth past the reserve is served as usual.
 */
#ifndef SC_HEAP_H
#define SC_HEAP_H

#define SC_HEAP_RESERVE (64UL << 20)
#define SC_HEAP_MMAP_MAX (32UL << 20)

/* Set up the heap as above; call once, first thing in main.  Idempotent. */
void sc_heap_init(void);

#endif
