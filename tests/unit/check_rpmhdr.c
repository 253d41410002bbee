/*
 * check_rpmhdr.c - the rpm header tag reader (packages.h sc_pkgdb_rpmhdr_*):
 * a well-formed header read tag by tag, every truncation refused, and
 * hostile index entries (offsets and counts past the data store, wrong
 * types, unterminated strings, counts that overflow) refused without a
 * read outside the blob; then many random mutations of a good header,
 * each blob in its own exact-size allocation so ASan and valgrind see any
 * stray read.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "probes/packages.h"
#include "testutil.h"

/* a header under construction: index entries and data store */
struct hb {
	unsigned char idx[16 * 16], data[512];
	uint32_t il, dl;
};

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* Add an entry whose data is bytes (n of them) at the store's end. */
static void
hb_add(struct hb *h, uint32_t tag, uint32_t type, uint32_t count,
    const void *bytes, size_t n)
{
	unsigned char *e = h->idx + 16 * h->il++;

	put32(e, tag);
	put32(e + 4, type);
	put32(e + 8, h->dl);
	put32(e + 12, count);
	memcpy(h->data + h->dl, bytes, n);
	h->dl += (uint32_t)n;
}

/* The blob (malloc'ed, exactly *len bytes). */
static unsigned char *
hb_blob(const struct hb *h, size_t *len)
{
	unsigned char *b;

	*len = 8 + 16 * (size_t)h->il + h->dl;
	b = malloc(*len);
	put32(b, h->il);
	put32(b + 4, h->dl);
	memcpy(b + 8, h->idx, 16 * (size_t)h->il);
	memcpy(b + 8 + 16 * (size_t)h->il, h->data, h->dl);
	return b;
}

static void
good(struct hb *h)
{
	static const unsigned char sizes[] = { 0, 0, 0, 17, 0, 0, 1, 0 };
	static const unsigned char modes[] = { 0x81, 0xa4, 0x41, 0xed };
	static const unsigned char big[] = { 0, 0, 0, 1, 0, 0, 0, 2 };

	memset(h, 0, sizeof(*h));
	hb_add(h, 1000, 6, 1, "pkg", 4);
	hb_add(h, 1117, 8, 2, "a.txt\0dir", 10);
	hb_add(h, 1028, 4, 2, sizes, sizeof(sizes));
	hb_add(h, 1030, 3, 2, modes, sizeof(modes));
	hb_add(h, 5008, 5, 1, big, sizeof(big));
	hb_add(h, 1029, 1, 2, "\0\2", 2);
}

START_TEST(test_good)
{
	struct hb h;
	struct sc_pkgdb_rpmhdr r;
	struct sc_err err = SC_ERR_INIT;
	const char **s;
	uint64_t *v;
	uint32_t n;
	size_t len;
	unsigned char *b;

	good(&h);
	b = hb_blob(&h, &len);
	ck_assert_int_eq(sc_pkgdb_rpmhdr_init(&r, b, len, &err), 0);
	ck_assert_int_eq(sc_pkgdb_rpmhdr_strs(&r, 1000, &s, &n, &err), 1);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(s[0], "pkg");
	free(s);
	ck_assert_int_eq(sc_pkgdb_rpmhdr_strs(&r, 1117, &s, &n, &err), 1);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(s[0], "a.txt");
	ck_assert_str_eq(s[1], "dir");
	free(s);
	ck_assert_int_eq(sc_pkgdb_rpmhdr_ints(&r, 1028, &v, &n, &err), 1);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(v[0], 17);
	ck_assert_uint_eq(v[1], 256);
	free(v);
	ck_assert_int_eq(sc_pkgdb_rpmhdr_ints(&r, 1030, &v, &n, &err), 1);
	ck_assert_uint_eq(v[0], 0100644);
	ck_assert_uint_eq(v[1], 040755);
	free(v);
	ck_assert_int_eq(sc_pkgdb_rpmhdr_ints(&r, 5008, &v, &n, &err), 1);
	ck_assert_uint_eq(v[0], (1ULL << 32) + 2);
	free(v);
	ck_assert_int_eq(sc_pkgdb_rpmhdr_ints(&r, 1029, &v, &n, &err), 1);
	ck_assert_uint_eq(v[1], 2);
	free(v);
	/* absent: 0 and NULL; the wrong kind of type: an error */
	ck_assert_int_eq(sc_pkgdb_rpmhdr_ints(&r, 9999, &v, &n, &err), 0);
	ck_assert_ptr_null(v);
	ck_assert_int_eq(sc_pkgdb_rpmhdr_ints(&r, 1000, &v, &n, &err),
	    SC_ERR_PARSE);
	ck_assert_ptr_null(v);
	ck_assert_int_eq(sc_pkgdb_rpmhdr_strs(&r, 1028, &s, &n, &err),
	    SC_ERR_PARSE);
	ck_assert_ptr_null(s);
	free(b);
}
END_TEST

START_TEST(test_truncated)
{
	struct hb h;
	struct sc_pkgdb_rpmhdr r;
	struct sc_err err = SC_ERR_INIT;
	size_t len;
	unsigned char *b;

	good(&h);
	b = hb_blob(&h, &len);
	for (size_t l = 0; l < len; l++) {
		unsigned char *c = malloc(l ? l : 1);

		memcpy(c, b, l);
		ck_assert_int_eq(sc_pkgdb_rpmhdr_init(&r, c, l, &err),
		    SC_ERR_PARSE);
		free(c);
	}
	/* sizes that overflow 32 bits or claim more than there is */
	put32(b, 0xffffffffu);
	ck_assert_int_eq(sc_pkgdb_rpmhdr_init(&r, b, len, &err), SC_ERR_PARSE);
	put32(b, h.il);
	put32(b + 4, 0xfffffff0u);
	ck_assert_int_eq(sc_pkgdb_rpmhdr_init(&r, b, len, &err), SC_ERR_PARSE);
	put32(b, 0);
	put32(b + 4, 0);
	ck_assert_int_eq(sc_pkgdb_rpmhdr_init(&r, b, len, &err), SC_ERR_PARSE);
	free(b);
}
END_TEST

/* Read tag of blob b, with one index field (entry e, word w) set to v. */
static int
hostile(uint32_t e, uint32_t w, uint32_t v, uint32_t tag, int strings)
{
	struct hb h;
	struct sc_pkgdb_rpmhdr r;
	struct sc_err err = SC_ERR_INIT;
	const char **s = NULL;
	uint64_t *x = NULL;
	uint32_t n = 0;
	size_t len;
	unsigned char *b;
	int rc;

	good(&h);
	put32(h.idx + 16 * e + 4 * w, v);
	b = hb_blob(&h, &len);
	ck_assert_int_eq(sc_pkgdb_rpmhdr_init(&r, b, len, &err), 0);
	rc = strings ? sc_pkgdb_rpmhdr_strs(&r, tag, &s, &n, &err) :
	    sc_pkgdb_rpmhdr_ints(&r, tag, &x, &n, &err);
	if (rc < 0) {
		ck_assert_ptr_null(s);
		ck_assert_ptr_null(x);
		ck_assert(err.msg[0] != '\0');
	}
	free(s);
	free(x);
	free(b);
	return rc;
}

START_TEST(test_hostile)
{
	/* offsets past the store */
	ck_assert_int_eq(hostile(2, 2, 10000, 1028, 0), SC_ERR_PARSE);
	ck_assert_int_eq(hostile(2, 2, 0xffffffffu, 1028, 0), SC_ERR_PARSE);
	ck_assert_int_eq(hostile(1, 2, 0xffffffffu, 1117, 1), SC_ERR_PARSE);
	/* counts past the store, and counts whose size overflows */
	ck_assert_int_eq(hostile(2, 3, 1000, 1028, 0), SC_ERR_PARSE);
	ck_assert_int_eq(hostile(2, 3, 0x40000001u, 1028, 0), SC_ERR_PARSE);
	ck_assert_int_eq(hostile(4, 3, 0x20000001u, 5008, 0), SC_ERR_PARSE);
	ck_assert_int_eq(hostile(1, 3, 0xffffffffu, 1117, 1), SC_ERR_PARSE);
	ck_assert_int_eq(hostile(2, 3, 0, 1028, 0), SC_ERR_PARSE);
	/* more strings than bytes left */
	ck_assert_int_eq(hostile(1, 3, 40, 1117, 1), SC_ERR_PARSE);
	/* moved to the store's start: two strings, "pkg" and "a.txt" */
	ck_assert_int_eq(hostile(1, 2, 0, 1117, 1), 1);
	/* the second string (the store's last byte, 2) is not terminated */
	ck_assert_int_eq(hostile(1, 2, 34, 1117, 1), SC_ERR_PARSE);
	ck_assert_int_eq(hostile(1, 2, 35, 1117, 1), SC_ERR_PARSE);
	ck_assert_int_eq(hostile(1, 2, 36, 1117, 1), SC_ERR_PARSE);
	/* unknown and wrong types */
	ck_assert_int_eq(hostile(2, 1, 7 /* BIN */, 1028, 0), SC_ERR_PARSE);
	ck_assert_int_eq(hostile(2, 1, 0xffffffffu, 1028, 0), SC_ERR_PARSE);
	ck_assert_int_eq(hostile(0, 1, 4, 1000, 1), SC_ERR_PARSE);
}
END_TEST

START_TEST(test_mutations)
{
	static const uint32_t tags[] = { 1000, 1117, 1028, 1030, 5008, 1029 };
	struct hb h;
	size_t len;
	unsigned char *orig;
	uint32_t seed = 12345;

	good(&h);
	orig = hb_blob(&h, &len);
	for (int round = 0; round < 20000; round++) {
		unsigned char *b = malloc(len);
		struct sc_pkgdb_rpmhdr r;
		struct sc_err err = SC_ERR_INIT;
		size_t l = len;

		memcpy(b, orig, len);
		for (int k = 0; k < 1 + round % 4; k++) {
			seed = seed * 1103515245u + 12345u;
			b[(seed >> 8) % len] = (unsigned char)(seed >> 20);
		}
		if (round % 7 == 0)
			l = (seed >> 4) % (len + 1);
		if (sc_pkgdb_rpmhdr_init(&r, b, l, &err) == 0)
			for (size_t t = 0; t < sizeof(tags) / sizeof(tags[0]);
			    t++) {
				const char **s;
				uint64_t *x;
				uint32_t n;

				if (sc_pkgdb_rpmhdr_strs(&r, tags[t], &s, &n,
				    &err) > 0)
					for (uint32_t i = 0; i < n; i++)
						ck_assert(strlen(s[i]) < len);
				free(s);
				sc_pkgdb_rpmhdr_ints(&r, tags[t], &x, &n, &err);
				free(x);
			}
		free(b);
	}
	free(orig);
}
END_TEST

static Suite *
rpmhdr_suite(void)
{
	Suite *s = suite_create("rpmhdr");
	TCase *tc = tcase_create("rpmhdr");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_good);
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_hostile);
	tcase_add_test(tc, test_mutations);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(rpmhdr_suite)
