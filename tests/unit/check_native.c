/*
 * check_native.c - the native check engine, its <file> and <lines> kinds,
 * and the XCCDF loop decisions (scan.c): notselected, notapplicable,
 * notchecked, error, negate.
 */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checks/native.h"
#include "scan.h"
#include "testutil.h"

#define NS "xmlns=\"http://checklists.nist.gov/xccdf/1.2\""
#define SCNS "xmlns:sc=\"urn:stigcheck:native\""

static char *tmp, *root;

static void
setup(void)
{
	tmp = tu_mkdtemp();
	root = tu_path(tmp, "root");
	tu_write(root, "etc/passwd", "toor:x:0:0::/:/bin/sh\n"
	    "app:x:1000:1000::/:/sbin/nologin\n", 0644);
	tu_write(root, "etc/group", "wheel:x:0:\napp:x:1000:\n", 0644);
	tu_write(root, "etc/shadow", "toor:*:1::::::\napp:!:1::::::\n", 0600);
	tu_write(root, "etc/loose", "x\n", 0666);
	tu_write(root, "etc/app.conf",
	    "# comment line\n\nPermitRootLogin no\nCiphers aes256-ctr\n", 0644);
	tu_symlink(root, "etc/link", "/etc/app.conf");
	tu_mkdir(root, "var/log", 0755);
	tu_mkfifo(root, "etc/fifo");
}

static void
teardown(void)
{
	tu_rmrf(tmp);
	free(tmp);
	free(root);
}

/* Run one rule whose check-content is `tests` and return its rule-result. */
static struct sc_testresult *
scan_rule(const char *tests, const char *extra_rule_attrs)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_content *c = NULL;
	struct sc_target *t = NULL;
	struct sc_policy *p = NULL;
	struct sc_testresult *tr = NULL;
	char *xml;

	if (asprintf(&xml,
	    "<Benchmark " NS " " SCNS " id=\"xccdf_t_benchmark_n\">"
	    "<Rule id=\"xccdf_t_rule_x\" severity=\"high\" %s><title>X</title>"
	    "<check system=\"urn:stigcheck:native\"><check-content>%s"
	    "</check-content></check></Rule></Benchmark>",
	    extra_rule_attrs ? extra_rule_attrs : "", tests) < 0)
		abort();
	ck_assert_msg(sc_content_load_memory(&c, xml, strlen(xml), "t.xml", NULL,
	    &err) == 0, "%s", err.msg);
	ck_assert_int_eq(sc_target_open_rootfs(&t, root, &err), 0);
	ck_assert_int_eq(sc_policy_new(&p, sc_content_benchmark(c), NULL, &err),
	    0);
	ck_assert_msg(sc_scan_run(c, t, p, NULL, &tr, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(tr->n_rr, 1);
	tr->rr[0].rule = NULL;	/* the content goes away */
	sc_policy_free(p);
	sc_target_free(t);
	sc_content_free(c);
	free(xml);
	return tr;
}

static int
has_msg(const struct sc_rule_result *rr, const char *text)
{
	for (size_t i = 0; i < rr->n_msgs; i++)
		if (strstr(rr->msgs[i].text, text))
			return 1;
	return 0;
}

#define EXPECT(tests, res, msg)                                            \
	do {                                                               \
		struct sc_testresult *tr_ = scan_rule(tests, NULL);        \
		ck_assert_msg(tr_->rr[0].result == (res),                  \
		    "%s: got %s", tests, sc_result_name(tr_->rr[0].result)); \
		ck_assert_msg(has_msg(&tr_->rr[0], msg),                   \
		    "%s: no message containing '%s' (first: %s)", tests, msg, \
		    tr_->rr[0].n_msgs ? tr_->rr[0].msgs[0].text : "none"); \
		sc_testresult_free(tr_);                                   \
	} while (0)

START_TEST(test_file_kind)
{
	EXPECT("<sc:file path=\"/etc/shadow\" mode_max=\"0640\" owner=\"root\"/>",
	    SC_RESULT_PASS, "/etc/shadow: regular file, mode 0600, owner toor (0)");
	EXPECT("<sc:file path=\"/etc/loose\" mode_max=\"0644\"/>",
	    SC_RESULT_FAIL, "/etc/loose: mode 0666, expected 0644 or stricter "
	    "(bits 0022 must be clear)");
	EXPECT("<sc:file path=\"/etc/loose\" mode_clear=\"0002\"/>",
	    SC_RESULT_FAIL, "bits 0002 must be clear");
	/* names come from the target: uid 0 is "toor" there */
	EXPECT("<sc:file path=\"/etc/shadow\" owner=\"toor\" group=\"wheel\"/>",
	    SC_RESULT_PASS, "group wheel (0)");
	EXPECT("<sc:file path=\"/etc/shadow\" owner=\"app\"/>",
	    SC_RESULT_FAIL, "owned by toor (0), expected app");
	EXPECT("<sc:file path=\"/etc/shadow\" owner=\"1000,0\"/>",
	    SC_RESULT_PASS, "/etc/shadow");
	EXPECT("<sc:file path=\"/etc/shadow\" group=\"nosuchgroup\"/>",
	    SC_RESULT_FAIL, "'nosuchgroup' is not a group in the target");
	EXPECT("<sc:file path=\"/etc/nothere\"/>", SC_RESULT_FAIL,
	    "/etc/nothere does not exist");
	EXPECT("<sc:file path=\"/etc/nothere\" exists=\"optional\"/>",
	    SC_RESULT_PASS, "/etc/nothere does not exist");
	EXPECT("<sc:file path=\"/etc/loose\" exists=\"forbidden\"/>",
	    SC_RESULT_FAIL, "exists (a regular file) and must not");
	EXPECT("<sc:file path=\"/var/log\" type=\"regular\"/>", SC_RESULT_FAIL,
	    "is a directory, expected a regular");
	EXPECT("<sc:file path=\"/etc/link\" type=\"symlink\"/>", SC_RESULT_PASS,
	    "symbolic link");
	EXPECT("<sc:file path=\"/etc/link\" type=\"regular\"/>", SC_RESULT_PASS,
	    "/etc/link: regular file");
	EXPECT("<sc:file path=\"/etc/link\" follow=\"no\" type=\"regular\"/>",
	    SC_RESULT_FAIL, "is a symbolic link");
	EXPECT("<sc:file path=\"/etc/fifo\" type=\"regular\"/>", SC_RESULT_FAIL,
	    "is a FIFO");
}
END_TEST

START_TEST(test_lines_kind)
{
	EXPECT("<sc:lines path=\"/etc/shadow\" pattern=\"^[^:]+:(?![!*])[^:]*:\"/>",
	    SC_RESULT_PASS, "no matching line (2 lines checked");
	tu_write(root, "etc/shadow", "toor:*:1::::::\n"
	    "app:$6$abc$SECRETHASH:1::::::\nempty::1::::::\n", 0600);
	{
		struct sc_testresult *tr = scan_rule("<sc:lines path=\"/etc/shadow\""
		    " pattern=\"^[^:]+:(?![!*])[^:]*:\" what=\"usable password\"/>",
		    NULL);
		ck_assert_int_eq(tr->rr[0].result, SC_RESULT_FAIL);
		ck_assert(has_msg(&tr->rr[0], "/etc/shadow:2: app:[redacted]:1"));
		ck_assert(has_msg(&tr->rr[0], "/etc/shadow:3: empty::1"));
		ck_assert(has_msg(&tr->rr[0], "usable password: 2 found"));
		for (size_t i = 0; i < tr->rr[0].n_msgs; i++)
			ck_assert(strstr(tr->rr[0].msgs[i].text, "SECRET") == NULL);
		sc_testresult_free(tr);
	}
	EXPECT("<sc:lines path=\"/etc/app.conf\" pattern=\"^PermitRootLogin\\s+no$\""
	    " expect=\"some\"/>", SC_RESULT_PASS, "/etc/app.conf:3: PermitRootLogin no");
	EXPECT("<sc:lines path=\"/etc/app.conf\" pattern=\"^Banner\" expect=\"some\"/>",
	    SC_RESULT_FAIL, "no matching line");
	EXPECT("<sc:lines path=\"/etc/app.conf\" pattern=\"^[A-Z]\" expect=\"all\""
	    " skip_comments=\"yes\"/>", SC_RESULT_PASS, "all 2 lines match");
	EXPECT("<sc:lines path=\"/etc/app.conf\" pattern=\"^[A-Z]\" expect=\"all\"/>",
	    SC_RESULT_FAIL, "/etc/app.conf:1: does not match: # comment line");
	EXPECT("<sc:lines path=\"/etc/app.conf\" pattern=\"^permitrootlogin\""
	    " expect=\"some\" caseless=\"yes\"/>", SC_RESULT_PASS, "PermitRootLogin");
	/* missing file: default per expect, or as asked */
	EXPECT("<sc:lines path=\"/etc/none\" pattern=\"x\"/>", SC_RESULT_PASS,
	    "/etc/none does not exist");
	EXPECT("<sc:lines path=\"/etc/none\" pattern=\"x\" expect=\"some\"/>",
	    SC_RESULT_FAIL, "/etc/none does not exist");
	EXPECT("<sc:lines path=\"/etc/none\" pattern=\"x\" missing=\"error\"/>",
	    SC_RESULT_ERROR, "/etc/none does not exist");
	/* a settings file whose absence leaves built-in defaults */
	EXPECT("<sc:lines path=\"/etc/none\" pattern=\"x\" expect=\"some\""
	    " missing=\"notchecked\"/>", SC_RESULT_NOTCHECKED,
	    "no /etc/none in the target: what it would set is left to built-in "
	    "defaults the target does not show");
	/* a FIFO is never read: error, not a silent pass */
	EXPECT("<sc:lines path=\"/etc/fifo\" pattern=\"x\"/>", SC_RESULT_ERROR,
	    "is a FIFO, not a regular file");
	/* catastrophic backtracking is cut off: error */
	tu_write(root, "etc/aaa", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\n",
	    0644);
	EXPECT("<sc:lines path=\"/etc/aaa\" pattern=\"^(a|a?)+$\"/>",
	    SC_RESULT_ERROR, "could not be matched");
}
END_TEST

START_TEST(test_and_and_errors)
{
	/* AND of tests: the worst wins */
	EXPECT("<sc:file path=\"/etc/shadow\"/><sc:file path=\"/etc/none\"/>",
	    SC_RESULT_FAIL, "/etc/none does not exist");
	/* parse errors become rule errors naming the problem */
	EXPECT("<sc:file path=\"/etc/x\" bogus=\"1\"/>", SC_RESULT_ERROR,
	    "<file>: unknown attribute 'bogus'");
	EXPECT("<sc:file/>", SC_RESULT_ERROR, "missing attribute 'path'");
	EXPECT("<sc:file path=\"/etc/x\" mode_max=\"0999\"/>", SC_RESULT_ERROR,
	    "not an octal mode");
	EXPECT("<sc:file path=\"/etc/x\" exists=\"maybe\"/>", SC_RESULT_ERROR,
	    "is not one of: required, optional, forbidden");
	EXPECT("<sc:lines path=\"/etc/x\" pattern=\"(\"/>", SC_RESULT_ERROR,
	    "invalid pattern");
	EXPECT("<sc:teleport path=\"/\"/>", SC_RESULT_ERROR,
	    "unknown native test <teleport>");
	EXPECT("<x:file xmlns:x=\"urn:other\" path=\"/\"/>", SC_RESULT_ERROR,
	    "foreign element");
	EXPECT("", SC_RESULT_ERROR, "check-content is empty");
	/* outcome restates the meaning of pass and fail */
	EXPECT("<sc:file path=\"/etc/shadow\"/><sc:outcome pass=\"notapplicable\""
	    " fail=\"notchecked\"/>", SC_RESULT_NOTAPPLICABLE,
	    "Not applicable: the target has nothing this requirement covers");
	EXPECT("<sc:file path=\"/etc/none\"/><sc:outcome pass=\"notapplicable\""
	    " fail=\"notchecked\"/>", SC_RESULT_NOTCHECKED,
	    "/etc/none does not exist");
	EXPECT("<sc:lines path=\"/etc/fifo\" pattern=\"x\"/><sc:outcome "
	    "pass=\"notapplicable\"/>", SC_RESULT_ERROR, "FIFO");
	EXPECT("<sc:file path=\"/\"/><sc:outcome pass=\"maybe\"/>",
	    SC_RESULT_ERROR, "is not one of");
	EXPECT("<sc:file path=\"/\"/><sc:outcome when=\"x\"/>",
	    SC_RESULT_ERROR, "<outcome>: unknown attribute 'when'");
	EXPECT("<sc:outcome pass=\"pass\"/>", SC_RESULT_ERROR,
	    "check-content is empty");
	/* any: one passing branch is enough; evidence from every branch */
	EXPECT("<sc:any><sc:file path=\"/etc/none\"/><sc:file path=\"/etc/shadow\"/>"
	    "</sc:any>", SC_RESULT_PASS, "/etc/none does not exist");
	EXPECT("<sc:any><sc:file path=\"/etc/none\"/><sc:file path=\"/etc/nada\"/>"
	    "</sc:any>", SC_RESULT_FAIL, "/etc/nada does not exist");
	/* a branch that could not be decided decides over a fail (OR) */
	EXPECT("<sc:any><sc:file path=\"/etc/none\"/><sc:lines path=\"/etc/fifo\""
	    " pattern=\"x\"/></sc:any>", SC_RESULT_ERROR, "FIFO");
	EXPECT("<sc:any><sc:file path=\"/etc/none\"/><sc:programs forbid=\"x\""
	    "/></sc:any>", SC_RESULT_NOTCHECKED, "cannot be looked for");
	EXPECT("<sc:any><sc:file path=\"/etc/shadow\"/></sc:any>", SC_RESULT_ERROR,
	    "<any>: needs at least two tests");
	EXPECT("<sc:any><sc:file path=\"/etc/shadow\"/><sc:file nope=\"1\"/>"
	    "</sc:any>", SC_RESULT_ERROR, "unknown attribute 'nope'");
	ck_assert_int_eq(sc_result_and(SC_RESULT_PASS, SC_RESULT_NOTAPPLICABLE),
	    SC_RESULT_PASS);
	ck_assert_int_eq(sc_result_and(SC_RESULT_NOTAPPLICABLE,
	    SC_RESULT_NOTAPPLICABLE), SC_RESULT_NOTAPPLICABLE);
	ck_assert_int_eq(sc_result_and(SC_RESULT_ERROR, SC_RESULT_FAIL),
	    SC_RESULT_FAIL);
	ck_assert_int_eq(sc_result_and(SC_RESULT_ERROR, SC_RESULT_PASS),
	    SC_RESULT_ERROR);
}
END_TEST

START_TEST(test_negate_and_loop_decisions)
{
	struct sc_testresult *tr;
	struct sc_err err = SC_ERR_INIT;
	struct sc_content *c = NULL;
	struct sc_target *t = NULL;
	struct sc_policy *p = NULL;
	static const char xml[] =
	    "<Benchmark " NS " " SCNS " id=\"xccdf_t_benchmark_l\">"
	    "<Profile id=\"xccdf_t_profile_p\"><title>P</title>"
	    "  <select idref=\"xccdf_t_rule_unsel\" selected=\"false\"/></Profile>"
	    "<Rule id=\"xccdf_t_rule_neg\"><check system=\"urn:stigcheck:native\" "
	    "  negate=\"true\"><check-content><sc:file path=\"/etc/none\"/>"
	    "  </check-content></check></Rule>"
	    "<Rule id=\"xccdf_t_rule_unsel\"><check system=\"urn:stigcheck:native\">"
	    "  <check-content><sc:file path=\"/etc/none\"/></check-content></check></Rule>"
	    "<Rule id=\"xccdf_t_rule_na\"><rationale>host does it</rationale>"
	    "  <platform idref=\"cpe:/o:notapplicable\"/></Rule>"
	    "<Rule id=\"xccdf_t_rule_cpe\"><platform idref=\"cpe:/o:debian\"/></Rule>"
	    "<Rule id=\"xccdf_t_rule_nocheck\"/>"
	    "<Rule id=\"xccdf_t_rule_unchecked\" role=\"unchecked\"><check "
	    "  system=\"urn:stigcheck:native\"><check-content><sc:file path=\"/\"/>"
	    "  </check-content></check></Rule>"
	    "<Rule id=\"xccdf_t_rule_sce\"><check system=\"http://open-scap.org/page/SCE\">"
	    "  <check-content-ref href=\"x.sh\"/></check></Rule>"
	    "<Rule id=\"xccdf_t_rule_oval\"><check system=\"urn:unknown:system\">"
	    "  <check-content-ref href=\"x.xml\"/></check></Rule>"
	    "<Rule id=\"xccdf_t_rule_complex\"><complex-check operator=\"AND\"/></Rule>"
	    "<Rule id=\"xccdf_t_rule_manual\"><check system=\"urn:stigcheck:manual\">"
	    "  <check-content>Ask the owner.</check-content></check></Rule>"
	    "<Rule id=\"xccdf_t_rule_alt\"><check system=\"urn:unknown:system\">"
	    "  <check-content-ref href=\"x.xml\"/></check>"
	    "  <check system=\"urn:stigcheck:native\"><check-content>"
	    "  <sc:file path=\"/etc/passwd\"/></check-content></check></Rule>"
	    "</Benchmark>";
	static const struct {
		const char *id;
		enum sc_result r;
		const char *msg;
	} want[] = {
		{ "xccdf_t_rule_neg", SC_RESULT_PASS, "/etc/none does not exist" },
		{ "xccdf_t_rule_unsel", SC_RESULT_NOTSELECTED, NULL },
		{ "xccdf_t_rule_na", SC_RESULT_NOTAPPLICABLE, "host does it" },
		/* a platform that cannot be evaluated is an error (issue 14) */
		{ "xccdf_t_rule_cpe", SC_RESULT_ERROR,
		  "cpe:/o:debian cannot be evaluated: the content has no CPE "
		  "dictionary" },
		{ "xccdf_t_rule_nocheck", SC_RESULT_NOTCHECKED, "no automated check" },
		{ "xccdf_t_rule_unchecked", SC_RESULT_NOTCHECKED, "'unchecked'" },
		{ "xccdf_t_rule_sce", SC_RESULT_NOTCHECKED,
		  "never runs programs against a target" },
		{ "xccdf_t_rule_oval", SC_RESULT_NOTCHECKED,
		  "urn:unknown:system is not supported" },
		{ "xccdf_t_rule_complex", SC_RESULT_ERROR, "complex-check" },
		{ "xccdf_t_rule_manual", SC_RESULT_NOTCHECKED,
		  "Review procedure: Ask the owner." },
		{ "xccdf_t_rule_alt", SC_RESULT_PASS, "/etc/passwd" },
	};

	ck_assert_int_eq(sc_content_load_memory(&c, xml, strlen(xml), "l.xml",
	    NULL, &err), 0);
	ck_assert_int_eq(sc_target_open_rootfs(&t, root, &err), 0);
	ck_assert_int_eq(sc_policy_new(&p, sc_content_benchmark(c),
	    "xccdf_t_profile_p", &err), 0);
	ck_assert_int_eq(sc_scan_run(c, t, p, NULL, &tr, &err), 0);
	ck_assert_uint_eq(tr->n_rr, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < tr->n_rr; i++) {
		ck_assert_str_eq(tr->rr[i].idref, want[i].id);
		ck_assert_msg(tr->rr[i].result == want[i].r, "%s: %s", want[i].id,
		    sc_result_name(tr->rr[i].result));
		if (want[i].msg)
			ck_assert_msg(has_msg(&tr->rr[i], want[i].msg),
			    "%s lacks '%s'", want[i].id, want[i].msg);
		ck_assert_int_ne(tr->rr[i].time, 0);
	}
	ck_assert_str_eq(tr->id, "xccdf_org.stigcheck_testresult_xccdf_t_profile_p");
	ck_assert_str_eq(tr->profile_id, "xccdf_t_profile_p");
	ck_assert_str_eq(tr->target, "root");
	ck_assert_uint_eq(tr->n_scores, 4);
	sc_testresult_free(tr);
	sc_policy_free(p);
	sc_target_free(t);
	sc_content_free(c);
}
END_TEST

START_TEST(test_tree_kind)
{
	int root_user = geteuid() == 0;

	tu_write(root, "usr/lib/ok.so", "x", 0755);
	tu_write(root, "usr/lib/deep/er/lib.so", "x", 0644);
	tu_write(root, "usr/lib/writable.so", "x", 0775);
	tu_symlink(root, "lib", "usr/lib");
	tu_write(root, "tmp/ww", "x", 0666);
	tu_mkdir(root, "tmp/wwdir", 0777);
	tu_mkdir(root, "tmp/sticky", 01777);
	tu_write(root, "usr/bin/su", "x", 04755);
	tu_write(root, "usr/bin/evil", "x", 02755);
	if (root_user) {
		ck_assert_int_eq(tu_chown(root, "/", 0, 0), 0);
		tu_chown(root, "usr", 0, 0);
		tu_chown(root, "usr/lib", 0, 0);
		tu_chown(root, "usr/lib/ok.so", 0, 0);
		tu_chown(root, "usr/lib/deep", 0, 0);
		tu_chown(root, "usr/lib/deep/er", 0, 0);
		tu_chown(root, "usr/lib/deep/er/lib.so", 4242, 0);
		tu_chown(root, "usr/lib/writable.so", 0, 0);
	}
	/* group/other-writable under /usr/lib, once even though /lib aliases it */
	{
		struct sc_testresult *tr = scan_rule("<sc:tree roots=\"/lib /usr/lib\""
		    " mode_clear=\"0022\" what=\"library file\"/>", NULL);
		ck_assert_int_eq(tr->rr[0].result, SC_RESULT_FAIL);
		ck_assert(has_msg(&tr->rr[0], "/lib/writable.so: regular file, "
		    "mode 0775, bits 0020 must be clear"));
		ck_assert(!has_msg(&tr->rr[0], "/usr/lib/writable.so"));
		ck_assert(has_msg(&tr->rr[0], "1 of 6 entries in violation "
		    "(library file)"));
		sc_testresult_free(tr);
	}
	if (root_user) {
		EXPECT("<sc:tree roots=\"/usr/lib\" owner=\"root\"/>",
		    SC_RESULT_FAIL, "/usr/lib/deep/er/lib.so: regular file, mode "
		    "0644, owner uid 4242 (not in the target's /etc/passwd), "
		    "expected root");
		EXPECT("<sc:tree roots=\"/usr/lib\" owner_known=\"yes\"/>",
		    SC_RESULT_FAIL, "owner uid 4242 has no account in the target");
		EXPECT("<sc:tree roots=\"/usr/lib\" owner=\"root\">"
		    "<sc:exclude>/usr/lib/deep</sc:exclude></sc:tree>",
		    SC_RESULT_PASS, "none in violation");
		EXPECT("<sc:tree roots=\"/usr/lib\" owner=\"root\">"
		    "<sc:allow>/usr/lib/*/*/lib.so</sc:allow></sc:tree>",
		    SC_RESULT_PASS, "/usr/lib: 5 entries checked, none in violation");
	}
	/* world-writable files; world-writable directories without sticky */
	EXPECT("<sc:tree roots=\"/\" types=\"file\" select_any=\"0002\""
	    " what=\"world-writable file\"/>", SC_RESULT_FAIL,
	    "/tmp/ww: regular file, mode 0666, world-writable file");
	EXPECT("<sc:tree roots=\"/\" types=\"dir\" select_any=\"0002\""
	    " unless_any=\"01000\" what=\"directory\"/>", SC_RESULT_FAIL,
	    "/tmp/wwdir: directory, mode 0777, directory");
	/* setuid/setgid with an allow-list */
	EXPECT("<sc:tree roots=\"/usr/bin\" types=\"file\" select_any=\"06000\""
	    " what=\"setuid or setgid file\"><sc:allow>/usr/bin/su</sc:allow>"
	    "</sc:tree>", SC_RESULT_FAIL, "/usr/bin/evil: regular file, mode 2755");
	EXPECT("<sc:tree roots=\"/usr/bin\" types=\"file\" select_any=\"06000\""
	    " what=\"setuid or setgid file\"><sc:allow>/usr/bin/su</sc:allow>"
	    "<sc:allow>/usr/bin/evil</sc:allow></sc:tree>", SC_RESULT_PASS,
	    "/usr/bin/evil: regular file, mode 2755, allowed by this rule");
	EXPECT("<sc:tree roots=\"/usr/bin\" types=\"file\" select_any=\"06000\""
	    " what=\"setuid or setgid file\"><sc:allow>/usr/bin/*</sc:allow>"
	    "</sc:tree>", SC_RESULT_PASS, "/usr/bin: no setuid or setgid file "
	    "among 3 entries (apart from those the rule allows)");
	EXPECT("<sc:tree roots=\"/usr/bin\" types=\"file\" select_any=\"06000\""
	    " what=\"setuid or setgid file\"/>", SC_RESULT_FAIL,
	    "/usr/bin: 2 found (setuid or setgid file), among 3 entries");
	/* missing roots */
	EXPECT("<sc:tree roots=\"/nope /nada\" mode_clear=\"0002\"/>",
	    SC_RESULT_PASS, "/nope, /nada: none of these exist");
	EXPECT("<sc:tree roots=\"/nope\" mode_clear=\"0002\" missing=\"fail\"/>",
	    SC_RESULT_FAIL, "none of these exist");
	/* parse errors */
	EXPECT("<sc:tree roots=\"/x\"/>", SC_RESULT_ERROR, "nothing to check");
	EXPECT("<sc:tree roots=\"rel\" owner=\"root\"/>", SC_RESULT_ERROR,
	    "not an absolute path");
	EXPECT("<sc:tree roots=\"/x\" owner=\"root\" types=\"fifo\"/>",
	    SC_RESULT_ERROR, "types='fifo'");
	EXPECT("<sc:tree roots=\"/x\" owner=\"root\"><sc:bogus/></sc:tree>",
	    SC_RESULT_ERROR, "unknown child <bogus>");
}
END_TEST

START_TEST(test_accounts_kind)
{
	EXPECT("<sc:accounts check=\"uid0_only_root\"/>", SC_RESULT_FAIL,
	    "/etc/passwd:1: account 'toor' has uid 0");
	EXPECT("<sc:accounts check=\"unique_users\"/>", SC_RESULT_PASS,
	    "/etc/passwd: 2 accounts, names and ids all unique");
	EXPECT("<sc:accounts check=\"system_nologin\"/>", SC_RESULT_PASS,
	    "every system account");
	tu_write(root, "etc/passwd",
	    "root:x:0:0::/root:/bin/sh\n"
	    "daemon:x:1:1::/:/usr/sbin/nologin\n"
	    "svc:x:100:100::/:\n"
	    "sync:x:4:65534::/bin:/bin/sync\n"
	    "dup:x:100:100::/:/bin/false\n"
	    "root:x:500:500::/:/bin/false\n"
	    "human:x:1000:1000::/home/h:/bin/bash\n", 0644);
	tu_write(root, "etc/group", "root:x:0:\nwheel:x:0:\nroot:x:5:\n", 0644);
	EXPECT("<sc:accounts check=\"uid0_only_root\"/>", SC_RESULT_PASS,
	    "only root has uid 0");
	EXPECT("<sc:accounts check=\"unique_users\"/>", SC_RESULT_FAIL,
	    "/etc/passwd:5: account 'dup' has id 100, as 'svc' on line 3");
	EXPECT("<sc:accounts check=\"unique_users\"/>", SC_RESULT_FAIL,
	    "/etc/passwd:6: account name 'root' is also on line 1");
	EXPECT("<sc:accounts check=\"unique_groups\"/>", SC_RESULT_FAIL,
	    "/etc/group:2: group 'wheel' has id 0, as 'root' on line 1");
	EXPECT("<sc:accounts check=\"system_nologin\"/>", SC_RESULT_FAIL,
	    "/etc/passwd:3: system account 'svc' (uid 100) has login shell "
	    "/bin/sh (an empty shell field means /bin/sh)");
	EXPECT("<sc:accounts check=\"system_nologin\"/>", SC_RESULT_FAIL,
	    "'sync' (uid 4) has login shell /bin/sync");
	EXPECT("<sc:accounts check=\"system_nologin\"><sc:allow>sync</sc:allow>"
	    "</sc:accounts>", SC_RESULT_FAIL, "'svc'");
	/* UID_MIN from the target's login.defs */
	tu_write(root, "etc/login.defs", "# x\nUID_MIN\t\t 50\n", 0644);
	EXPECT("<sc:accounts check=\"system_nologin\"><sc:allow>sync</sc:allow>"
	    "</sc:accounts>", SC_RESULT_PASS, "uid below 50");
	/* no passwd at all: nothing to check */
	{
		char *p = tu_path(root, "etc/passwd");
		unlink(p);
		free(p);
	}
	EXPECT("<sc:accounts check=\"uid0_only_root\"/>", SC_RESULT_PASS,
	    "/etc/passwd does not exist: no accounts to check");
	tu_mkfifo(root, "etc/passwd");
	EXPECT("<sc:accounts check=\"unique_users\"/>", SC_RESULT_ERROR,
	    "FIFO");
	EXPECT("<sc:accounts check=\"everything\"/>", SC_RESULT_ERROR,
	    "is not one of");
	EXPECT("<sc:accounts check=\"uid0_only_root\"><sc:allow>x</sc:allow>"
	    "</sc:accounts>", SC_RESULT_ERROR, "unexpected child <allow>");
}
END_TEST

START_TEST(test_validate)
{
	struct sc_err err = SC_ERR_INIT;
	xmlDocPtr doc;
	xmlNodePtr n;
	static const char xml[] = "<sc:file xmlns:sc=\"urn:stigcheck:native\" "
	    "path=\"/etc/x\" group=\"\"/>";

	doc = xmlReadMemory(xml, sizeof(xml) - 1, "v.xml", NULL, 0);
	n = xmlDocGetRootElement(doc);
	ck_assert_int_eq(sc_native_validate(n, &err), SC_ERR_PARSE);
	ck_assert_msg(strstr(err.msg, "empty owner or group"), "%s", err.msg);
	xmlSetProp(n, (const xmlChar *)"group", (const xmlChar *)"root");
	ck_assert_int_eq(sc_native_validate(n, &err), 0);
	xmlSetProp(n, (const xmlChar *)"path", (const xmlChar *)"relative");
	ck_assert_int_eq(sc_native_validate(n, &err), SC_ERR_PARSE);
	ck_assert_msg(strstr(err.msg, "path must be absolute"), "%s", err.msg);
	xmlFreeDoc(doc);
	ck_assert_ptr_nonnull(sc_native_kind_find("lines"));
	ck_assert_ptr_null(sc_native_kind_find("nope"));
}
END_TEST

static Suite *
native_suite(void)
{
	Suite *s = suite_create("native");
	TCase *tc = tcase_create("native");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_file_kind);
	tcase_add_test(tc, test_lines_kind);
	tcase_add_test(tc, test_and_and_errors);
	tcase_add_test(tc, test_negate_and_loop_decisions);
	tcase_add_test(tc, test_tree_kind);
	tcase_add_test(tc, test_accounts_kind);
	tcase_add_test(tc, test_validate);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(native_suite)
