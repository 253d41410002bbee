/*
 * check_heap.c - sc_heap_init: the main heap reserved in one step and
 * advised onto huge pages (read back from /proc/self/smaps), nothing done
 * when the user set malloc tunables, and memory from it usable.
 */
#define _DEFAULT_SOURCE
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "util/heap.h"

#if defined(__SANITIZE_ADDRESS__)
#define TU_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TU_ASAN 1
#endif
#endif
#ifndef TU_ASAN
#define TU_ASAN 0
#endif

/* glibc's own malloc (not valgrind's, not a sanitizer's) */
static int
glibc_malloc(void)
{
#if defined(__GLIBC__)
	return !TU_ASAN && !tu_under_valgrind();
#else
	return 0;
#endif
}

static int
thp_on(void)
{
	char *s = tu_read("/sys/kernel/mm/transparent_hugepage/enabled", NULL);
	int on = s != NULL && (strstr(s, "[always]") || strstr(s, "[madvise]"));

	free(s);
	return on;
}

/* The VmFlags of the mapping holding address a carry "hg" (MADV_HUGEPAGE). */
static int
advised_huge(const void *a)
{
	char *s = tu_read("/proc/self/smaps", NULL), *line, *save = NULL;
	int in = 0, hg = -1;

	ck_assert_ptr_nonnull(s);
	for (line = strtok_r(s, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		unsigned long lo, hi;

		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 &&
		    strchr(line, ':') != NULL && strchr(line, ' ') != NULL &&
		    line[strspn(line, "0123456789abcdef")] == '-') {
			in = (uintptr_t)a >= lo && (uintptr_t)a < hi;
			continue;
		}
		if (in && strncmp(line, "VmFlags:", 8) == 0) {
			hg = strstr(line, " hg") != NULL;
			break;
		}
	}
	free(s);
	ck_assert_int_ne(hg, -1);	/* the mapping was found */
	return hg;
}

START_TEST(test_reserve_on_huge_pages)
{
	uintptr_t b0 = (uintptr_t)sbrk(0), b1;
	char *p[64];
	size_t i;

	sc_heap_init();
	b1 = (uintptr_t)sbrk(0);
	if (!glibc_malloc() || !thp_on()) {
		/* nothing to do here: the break is malloc's business */
		if (glibc_malloc())
			ck_assert(b1 == b0);
		return;
	}
	ck_assert(b1 >= b0 + SC_HEAP_RESERVE);
	/* what malloc hands out past the first huge page boundary (4 MiB
	 * on) lies in the advised region, and works */
	for (i = 0; i < 64; i++) {
		p[i] = malloc(64 << 10);
		ck_assert_ptr_nonnull(p[i]);
		memset(p[i], (int)i, 64 << 10);
	}
	ck_assert((uintptr_t)p[63] < b1);
	ck_assert(advised_huge(p[63]));
	ck_assert_int_eq(p[63][100], 63);
	for (i = 0; i < 64; i++)
		free(p[i]);
	/* once only */
	sc_heap_init();
	ck_assert((uintptr_t)sbrk(0) == b1);
}
END_TEST

START_TEST(test_user_tunables_win)
{
	uintptr_t b0;
	char *p;

	setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=0", 1);
	b0 = (uintptr_t)sbrk(0);
	sc_heap_init();
	ck_assert((uintptr_t)sbrk(0) == b0);
	p = malloc(1000);
	ck_assert_ptr_nonnull(p);
	if (glibc_malloc() && (uintptr_t)p >= b0 - (1 << 20) &&
	    (uintptr_t)p < b0)
		ck_assert(!advised_huge(p));
	free(p);
}
END_TEST

static Suite *
heap_suite(void)
{
	Suite *s = suite_create("heap");
	TCase *tc = tcase_create("core");

	/* each test forks (CK_FORK): sc_heap_init runs once per process */
	tcase_add_test(tc, test_reserve_on_huge_pages);
	tcase_add_test(tc, test_user_tunables_win);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(heap_suite)
