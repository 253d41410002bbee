/*
 * check_uuid.c - name-based UUIDs against RFC 4122 version 5 vectors.
 */
#include <string.h>

#include "testutil.h"
#include "util/uuid.h"

START_TEST(test_vectors)
{
	char u[SC_UUID_LEN];

	/* uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") */
	ck_assert_int_eq(sc_uuid_v5("6ba7b810-9dad-11d1-80b4-00c04fd430c8",
	    "python.org", u), 0);
	ck_assert_str_eq(u, "886313e1-3b8a-5372-9b90-0c9aee199e5d");
	/* uuid.uuid5(uuid.UUID(SC_UUID_NS), "hello") */
	ck_assert_int_eq(sc_uuid_v5(SC_UUID_NS, "hello", u), 0);
	ck_assert_str_eq(u, "0252ca1a-f557-50b6-a535-2c033037f09c");
	/* upper-case namespace, same UUID */
	ck_assert_int_eq(sc_uuid_v5("6BA7B810-9DAD-11D1-80B4-00C04FD430C8",
	    "python.org", u), 0);
	ck_assert_str_eq(u, "886313e1-3b8a-5372-9b90-0c9aee199e5d");
}
END_TEST

START_TEST(test_distinct_and_stable)
{
	char a[SC_UUID_LEN], b[SC_UUID_LEN], c[SC_UUID_LEN];

	sc_uuid_v5(SC_UUID_NS, "checklist one", a);
	sc_uuid_v5(SC_UUID_NS, "checklist one", b);
	sc_uuid_v5(SC_UUID_NS, "checklist two", c);
	ck_assert_str_eq(a, b);
	ck_assert_str_ne(a, c);
	ck_assert_int_eq(a[14], '5');		/* version */
	ck_assert(strchr("89ab", a[19]) != NULL);	/* variant */
}
END_TEST

START_TEST(test_bad_namespace)
{
	char u[SC_UUID_LEN];

	ck_assert_int_eq(sc_uuid_v5("not-a-uuid", "x", u), -1);
	ck_assert_str_eq(u, "");
	ck_assert_int_eq(sc_uuid_v5("6ba7b810-9dad-11d1-80b4-00c04fd430", "x", u), -1);
	ck_assert_int_eq(sc_uuid_v5("6ba7b810-9dad-11d1-80b4-00c04fd430c8ff", "x", u), -1);
}
END_TEST

static Suite *
uuid_suite(void)
{
	Suite *s = suite_create("uuid");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_vectors);
	tcase_add_test(tc, test_distinct_and_stable);
	tcase_add_test(tc, test_bad_namespace);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(uuid_suite)
