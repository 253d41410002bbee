/*
 * check_limits.c - docs/limits.md states the caps of agent/util/limits.h,
 * number for number: a cap changed, added or removed on one side only
 * fails here.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "util/limits.h"
#include "testutil.h"

#define ROW(name) { #name, (unsigned long long)(name) }

/* The compiled values: the header parse below must agree with these. */
static const struct cap {
	const char *name;
	unsigned long long value;
} compiled[] = {
	ROW(SC_LIMIT_SYMLINKS), ROW(SC_LIMIT_READ_BYTES),
	ROW(SC_LIMIT_OSRELEASE_BYTES), ROW(SC_LIMIT_ACCOUNTS_BYTES),
	ROW(SC_LIMIT_DIR_ENTRIES), ROW(SC_LIMIT_WALK_DEPTH),
	ROW(SC_LIMIT_WALK_ENTRIES), ROW(SC_LIMIT_PKGDB_TEXT_BYTES),
	ROW(SC_LIMIT_RPM_SQLITE_BYTES), ROW(SC_LIMIT_RPM_HEADER_ENTRIES),
	ROW(SC_LIMIT_RPM_SQLITE_STEPS), ROW(SC_LIMIT_OSSLCONF_VALUE),
	ROW(SC_LIMIT_OSSLCONF_EXPANDED), ROW(SC_LIMIT_OSSLCONF_FILE_BYTES),
	ROW(SC_LIMIT_OSSLCONF_DEPTH), ROW(SC_LIMIT_OSSLCONF_FILES),
	ROW(SC_LIMIT_CONTENT_BYTES), ROW(SC_LIMIT_OVAL_VALUES),
	ROW(SC_LIMIT_OVAL_VALUE_BYTES), ROW(SC_LIMIT_OVAL_KEPT_ITEMS),
	ROW(SC_LIMIT_ANY_BRANCHES), ROW(SC_LIMIT_PROFILE_EXTENDS),
	ROW(SC_LIMIT_REGEX_MATCH), ROW(SC_LIMIT_REGEX_DEPTH),
	ROW(SC_LIMIT_REGEX_HEAP_KIB), ROW(SC_LIMIT_RESULT_MESSAGES),
	ROW(SC_LIMIT_LINE_SHOWN), ROW(SC_LIMIT_IMAGE_JSON_BYTES),
	ROW(SC_LIMIT_EXTRACT_FILE_BYTES), ROW(SC_LIMIT_EXTRACT_TOTAL_BYTES),
	ROW(SC_LIMIT_EXTRACT_ENTRIES), ROW(SC_LIMIT_EXTRACT_DEPTH),
	ROW(SC_LIMIT_REVIEWS_BYTES), ROW(SC_LIMIT_REVIEWS_ENTRIES),
	ROW(SC_LIMIT_REVIEWS_TEXT),
};
#define N_COMPILED (sizeof(compiled) / sizeof(compiled[0]))

static const struct cap *
find_compiled(const char *name)
{
	for (size_t i = 0; i < N_COMPILED; i++)
		if (strcmp(compiled[i].name, name) == 0)
			return &compiled[i];
	return NULL;
}

/* "40", "100000u", "(32u << 20)", "(16ULL << 30)" */
static int
parse_value(const char *s, unsigned long long *out)
{
	unsigned long long v = 0, sh = 0;

	while (*s == '(' || *s == ' ')
		s++;
	if (!isdigit((unsigned char)*s))
		return -1;
	while (isdigit((unsigned char)*s))
		v = v * 10 + (unsigned long long)(*s++ - '0');
	while (*s == 'u' || *s == 'U' || *s == 'l' || *s == 'L')
		s++;
	while (*s == ' ')
		s++;
	if (s[0] == '<' && s[1] == '<') {
		s += 2;
		while (*s == ' ')
			s++;
		while (isdigit((unsigned char)*s))
			sh = sh * 10 + (unsigned long long)(*s++ - '0');
		v <<= sh;
	}
	*out = v;
	return 0;
}

START_TEST(test_header_doc_agree)
{
	size_t hlen, dlen, n_header = 0, n_doc = 0;
	char *h = tu_read("agent/util/limits.h", &hlen);
	char *d = tu_read("docs/limits.md", &dlen);
	char *line, *save;

	ck_assert_msg(h != NULL, "agent/util/limits.h not found (run from the tree)");
	ck_assert_msg(d != NULL, "docs/limits.md not found");
	/* every define of the header: compiled value, and a doc row */
	for (line = strtok_r(h, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char name[64], row[96], *r;
		unsigned long long v, dv = 0;
		const struct cap *c;

		if (sscanf(line, "#define %63s", name) != 1 ||
		    strncmp(name, "SC_LIMIT_", 9) != 0)
			continue;
		n_header++;
		ck_assert_msg(parse_value(line + 8 + strlen(name) + 1, &v) == 0,
		    "cannot read the value of %s", name);
		c = find_compiled(name);
		ck_assert_msg(c != NULL, "%s is not in check_limits' table", name);
		ck_assert_msg(c->value == v, "%s: header text %llu, compiled %llu",
		    name, v, c->value);
		snprintf(row, sizeof(row), "| `%s` | ", name);
		r = strstr(d, row);
		ck_assert_msg(r != NULL, "docs/limits.md has no row for %s", name);
		ck_assert_msg(sscanf(r + strlen(row), "%llu", &dv) == 1 && dv == v,
		    "docs/limits.md says %llu for %s, the header %llu", dv, name, v);
	}
	/* and no doc row for a cap the header does not have */
	for (char *p = d; (p = strstr(p, "| `SC_LIMIT_")) != NULL; p++)
		n_doc++;
	ck_assert_uint_eq(n_header, N_COMPILED);
	ck_assert_uint_eq(n_doc, n_header);
	free(h);
	free(d);
}
END_TEST

static Suite *
limits_suite(void)
{
	Suite *s = suite_create("limits");
	TCase *tc = tcase_create("limits");

	tcase_add_test(tc, test_header_doc_agree);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(limits_suite)
