/*
 * main.c - the stigcheck program: the only place that prints errors for
 * the user and decides the exit status.
 *
 *   0  no selected rule failed or errored (or none at the --fail-on
 *      level; errors not counted with --errors-ok); diff: nothing regressed
 *   2  at least one selected rule failed or errored (gate.h); diff:
 *      something regressed
 *   1  the scan could not run (bad arguments, unreadable content,
 *      unreachable target, an output that could not be written)
 */
#include <archive.h>
#include <libxml/parser.h>
#include <libxslt/xsltconfig.h>
#include <libxslt/xslt.h>
#include <openssl/crypto.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtin.h"
#include "cli.h"
#include "checks/cmvp.h"
#include "console.h"
#include "diff.h"
#include "evidence.h"
#include "fleetscan.h"
#include "gate.h"
#include "history.h"
#include "info.h"
#include "provenance.h"
#include "reports/srg.h"
#include "verify.h"
#include "reports/outputs.h"
#include "scan.h"
#include "target/container.h"
#include "target/image.h"
#include "target/target.h"
#include "util/fsutil.h"
#include "util/heap.h"
#include "xccdf/content.h"
#include "xccdf/policy.h"
#include "xccdf/results_read.h"
#include "xccdf/results_xml.h"
#include "xccdf/review.h"
#include "xccdf/score.h"

#define EXIT_CLEAN 0
#define EXIT_CANNOT 1
#define EXIT_FINDINGS 2

static void
on_signal(int sig)
{
	sc_atomic_cleanup();
	sc_tmpdir_cleanup();	/* a flattened image */
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sigaction(SIGPIPE, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
}

static int
load_content(const struct sc_cli *cli, struct sc_content **c,
    struct sc_err *err)
{
	/* STIGCHECK_NO_PRUNE=1 loads every node (a diagnostic, prune.h) */
	const char *np = getenv("STIGCHECK_NO_PRUNE");
	struct sc_content_opts o = { cli->datastream_id, cli->xccdf_id,
	    np != NULL && strcmp(np, "1") == 0 };
	int r;

	if (cli->content)
		r = sc_content_load_file(c, cli->content, &o, err);
	else
		r = sc_content_load_memory(c, sc_builtin_xccdf,
		    sc_builtin_xccdf_len, SC_BUILTIN_NAME, &o, err);
	if (r < 0)
		return r;
	if (sc_content_kind(*c) != SC_CONTENT_DATASTREAM &&
	    (cli->datastream_id || cli->xccdf_id)) {
		r = sc_err_set(err, SC_ERR_INVAL, "--%s applies to a data stream; "
		    "%s is an XCCDF benchmark", cli->datastream_id ?
		    "datastream-id" : "xccdf-id", sc_content_name(*c));
		sc_content_free(*c);
		*c = NULL;
		return r;
	}
	if (cli->tailoring &&
	    (r = sc_content_load_tailoring(*c, cli->tailoring, err)) < 0) {
		sc_content_free(*c);
		*c = NULL;
	}
	return r;
}

static int
open_target(const struct sc_cli *cli, struct sc_target **t, struct sc_err *err)
{
	struct sc_container_opts co = { cli->include_mounts, 0 };
	size_t i;
	int r;

	if (cli->container)
		r = sc_container_open_opts(t, cli->container, &co, err);
	else if (cli->image)
		r = sc_image_open(t, cli->image, NULL, err);
	else
		r = sc_target_open_rootfs(t, cli->rootfs ? cli->rootfs : "/", err);
	if (r < 0)
		return r;
	for (i = 0; i < cli->env.n; i++)
		if ((r = sc_target_putenv(*t, cli->env.v[i], err)) < 0)
			goto fail;
	if (cli->target_name)
		sc_target_set_name(*t, cli->target_name);
	if (cli->cmvp_table &&
	    (r = sc_cmvp_use_file(*t, cli->cmvp_table, err)) < 0)
		goto fail;
	return SC_OK;
fail:
	sc_target_free(*t);
	*t = NULL;
	return r;
}

static int
print_and_status(const struct sc_cli *cli, const struct sc_testresult *tr)
{
	struct sc_console_opts co;
	struct sc_gate g = { 0, cli->errors_ok };
	struct sc_err err = SC_ERR_INIT;

	co.quiet = cli->quiet;
	co.verbose = cli->verbose;
	co.color = cli->color == SC_COLOR_ALWAYS ||
	    (cli->color == SC_COLOR_AUTO && isatty(STDOUT_FILENO) &&
	    getenv("NO_COLOR") == NULL);
	sc_console_print(stdout, tr, &co);
	fflush(stdout);

	sc_gate_warn(stderr, tr);
	if (cli->fail_on)
		(void)sc_gate_parse(&g, cli->fail_on, &err);	/* checked */
	return sc_gate_status(&g, tr, NULL) ? EXIT_FINDINGS : EXIT_CLEAN;
}

/* a scan that decided nothing says so, and why */
static void
warn_all_notapplicable(const struct sc_testresult *tr)
{
	struct sc_buf why = SC_BUF_INIT;

	sc_buf_reset(&why);
	if (sc_scan_all_notapplicable(tr, &why))
		fprintf(stderr, "stigcheck: warning: every selected rule is "
		    "notapplicable: %s\n", why.data);
	sc_buf_free(&why);
}

/* --reviews FILE: read (and hashed) before anything is scanned or written */
static int
load_reviews(const struct sc_cli *cli, struct sc_provenance *prov,
    struct sc_reviews **rv, struct sc_err *err)
{
	int r;

	if (cli->reviews == NULL)
		return SC_OK;
	if (cli->all_containers)
		return sc_err_set(err, SC_ERR_INVAL, "--reviews applies to one "
		    "target, not to --all-containers");
	if ((r = sc_review_load(cli->reviews, rv, err)) < 0)
		return r;
	sc_provenance_set_reviews(prov, cli->reviews, (*rv)->sha256);
	return SC_OK;
}

/*
 * After evaluation, before any writer: overrides, one stderr line per
 * entry not applied, and the scores of the final results (policy NULL:
 * the profile the results name).
 */
static int
apply_reviews(const struct sc_reviews *rv, const struct sc_content *content,
    const struct sc_policy *policy, struct sc_testresult *tr,
    struct sc_err *err)
{
	struct sc_strv notes = SC_STRV_INIT;
	struct sc_policy *own = NULL;
	struct sc_srg *srg = NULL;
	int r;

	if (rv == NULL)
		return SC_OK;
	if ((r = sc_srg_builtin(&srg, err)) < 0 ||
	    (r = sc_review_apply(rv, tr, srg, &notes, err)) < 0)
		goto out;
	for (size_t i = 0; i < notes.n; i++)
		fprintf(stderr, "stigcheck: %s\n", notes.v[i]);
	if (policy == NULL && sc_policy_new(&own, sc_content_benchmark(content),
	    tr->profile_id, NULL) == 0)
		policy = own;
	if (policy)
		sc_score_compute(policy, tr);
out:
	sc_policy_free(own);
	sc_srg_free(srg);
	sc_strv_free(&notes);
	return r;
}

/* --evidence DIR: the whole directory, after the single outputs */
static int
write_evidence(const struct sc_cli *cli, const struct sc_provenance *prov,
    const struct sc_content *content, const struct sc_testresult *tr,
    struct sc_err *err)
{
	struct sc_evidence_opts eo = { cli->evidence, cli->sign_key,
	    cli->sign_cert, prov, cli->from };

	if (cli->evidence == NULL)
		return SC_OK;
	if (tr == NULL)
		return sc_evidence_precheck(&eo, err);
	return sc_evidence_write(&eo, content, tr, err);
}

static int
cmd_eval(const struct sc_cli *cli, struct sc_provenance *prov,
    struct sc_err *err)
{
	struct sc_content *content = NULL;
	struct sc_target *target = NULL;
	struct sc_policy *policy = NULL;
	struct sc_testresult *tr = NULL;
	struct sc_reviews *rv = NULL;
	/* engines' own result documents (OVAL) are only needed in an ARF */
	struct sc_scan_opts so = { cli->verbose, !cli->evidence &&
	    !sc_outputs_need(&cli->out, SC_OUTF_CHECK_DOCS) };
	int r, status = EXIT_CANNOT;

	if ((r = sc_outputs_check(&cli->out, NULL, err)) < 0)
		goto out;
	if (cli->history && (r = sc_history_check(cli->history, err)) < 0)
		goto out;
	if ((r = write_evidence(cli, prov, NULL, NULL, err)) < 0)
		goto out;
	if ((r = load_reviews(cli, prov, &rv, err)) < 0)
		goto out;
	if (!cli->all_containers && (r = open_target(cli, &target, err)) < 0)
		goto out;
	if ((r = load_content(cli, &content, err)) < 0)
		goto out;
	if ((r = sc_provenance_set_content(prov, cli->content,
	    sc_builtin_xccdf, sc_builtin_xccdf_len, SC_BUILTIN_NAME, err)) < 0 ||
	    (cli->tailoring &&
	    (r = sc_provenance_set_tailoring(prov, cli->tailoring, err)) < 0))
		goto out;
	if ((r = sc_policy_new(&policy, sc_content_benchmark(content),
	    cli->profile, err)) < 0)
		goto out;
	if ((r = sc_policy_filter(policy, &cli->rules, &cli->skip_rules,
	    err)) < 0)
		goto out;
	if (cli->all_containers) {
		struct sc_fleetscan_opts fo = { cli->output_dir, cli->formats,
		    cli->include_mounts, cli->quiet };

		status = sc_fleetscan_run(content, policy, &fo, err);
		goto out;
	}
	if ((r = sc_scan_run(content, target, policy, &so, &tr, err)) < 0)
		goto out;
	if ((r = apply_reviews(rv, content, policy, tr, err)) < 0)
		goto out;
	warn_all_notapplicable(tr);
	sc_provenance_add_facts(prov, tr);
	/* the outputs and the history file: all or none */
	sc_stage_begin();
	if ((r = sc_outputs_write(&cli->out, content, tr, err)) < 0 ||
	    (cli->history && (r = sc_history_store(cli->history, content, tr,
	    NULL, err)) < 0)) {
		sc_stage_abort();
		goto out;
	}
	if ((r = sc_stage_commit(err)) < 0)
		goto out;
	/*
	 * The evidence directory reads its files back to hash them, so it is
	 * written after the stage; it is built beside its destination and
	 * renamed, so it too appears whole or not at all.
	 */
	if ((r = write_evidence(cli, prov, content, tr, err)) < 0)
		goto out;
	if (cli->history &&
	    (r = sc_history_prune(cli->history, tr, cli->keep, err)) < 0)
		goto out;
	status = print_and_status(cli, tr);
out:
	sc_reviews_free(rv);
	sc_testresult_free(tr);
	sc_policy_free(policy);
	sc_content_free(content);
	sc_target_free(target);
	return status;
}

/* stigcheck report --from FILE [outputs]: re-render without rescanning */
static int
cmd_report(const struct sc_cli *cli, struct sc_provenance *prov,
    struct sc_err *err)
{
	struct sc_content *content = NULL;
	struct sc_testresult *tr = NULL;
	struct sc_reviews *rv = NULL;
	int status = EXIT_CANNOT;

	if (sc_outputs_check(&cli->out, cli->from, err) < 0 ||
	    write_evidence(cli, prov, NULL, NULL, err) < 0 ||
	    load_reviews(cli, prov, &rv, err) < 0 ||
	    sc_results_load(cli->from, &content, &tr, err) < 0 ||
	    apply_reviews(rv, content, NULL, tr, err) < 0)
		goto out;
	if (rv)
		sc_provenance_add_reviews_facts(prov, tr);
	if (sc_outputs_write(&cli->out, content, tr, err) < 0 ||
	    write_evidence(cli, prov, content, tr, err) < 0)
		goto out;
	status = print_and_status(cli, tr);
out:
	sc_reviews_free(rv);
	sc_testresult_free(tr);
	sc_content_free(content);
	return status;
}

static int
cmd_info(const struct sc_cli *cli, struct sc_err *err)
{
	struct sc_content *content = NULL;
	int r;

	/* results, ARF or an evidence directory: describe those */
	if (cli->content && (r = sc_info_results(stdout, cli->content, err)) != 0)
		return r < 0 ? EXIT_CANNOT : EXIT_CLEAN;
	if ((r = load_content(cli, &content, err)) < 0)
		return EXIT_CANNOT;
	r = sc_info_print(stdout, content, err);
	sc_content_free(content);
	return r < 0 ? EXIT_CANNOT : EXIT_CLEAN;
}

/* -V: what a bug report needs */
static int
cmd_version(void)
{
	struct sc_content *c = NULL;
	struct sc_err err = SC_ERR_INIT;
	const struct sc_benchmark *b;

	printf("stigcheck %s\n", STIGCHECK_VERSION);
	printf("commit %s, built %s\n", STIGCHECK_COMMIT, STIGCHECK_BUILD_DATE);
	if (sc_content_load_memory(&c, sc_builtin_xccdf, sc_builtin_xccdf_len,
	    SC_BUILTIN_NAME, NULL, &err) == 0 &&
	    (b = sc_content_benchmark(c)) != NULL)
		printf("built-in content %s version %s\n", b->id,
		    b->version ? b->version : "(none)");
	sc_content_free(c);
	printf("libxml2 %s, libxslt %s, %s, %s\n", xmlParserVersion,
	    xsltEngineVersion, OpenSSL_version(OPENSSL_VERSION),
	    archive_version_string());
	return EXIT_CLEAN;
}

int
main(int argc, char **argv)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_provenance prov;
	struct sc_cli cli;
	int status;

	sc_heap_init();
	install_signals();
	xmlInitParser();
	if (sc_cli_parse(argc, argv, &cli, &err) < 0) {
		fprintf(stderr, "stigcheck: %s\n", err.msg);
		sc_cli_free(&cli);
		return EXIT_CANNOT;
	}
	if (cli.help) {
		sc_cli_usage(stdout, cli.cmd);
		sc_cli_free(&cli);
		return EXIT_CLEAN;
	}
	switch (cli.cmd) {
	case SC_CMD_HELP: {
		const struct sc_cli_cmd *hc = cli.help_cmd ?
		    sc_cli_find_cmd(cli.help_cmd) : NULL;

		sc_cli_usage(stdout, hc ? hc->id : SC_CMD_HELP);
		status = EXIT_CLEAN;
		break;
	}
	case SC_CMD_VERSION:
		status = cmd_version();
		break;
	case SC_CMD_INFO:
		status = cmd_info(&cli, &err);
		break;
	case SC_CMD_VERIFY:
		status = sc_verify_dir(cli.args[0], cli.ca, stdout, &err) < 0 ?
		    EXIT_CANNOT : EXIT_CLEAN;
		break;
	case SC_CMD_REPORT:
	case SC_CMD_EVAL:
		status = EXIT_CANNOT;
		if (sc_provenance_init(&prov, argc, argv, &err) == 0) {
			prov.command_line_fact = cli.evidence != NULL;
			status = cli.cmd == SC_CMD_REPORT ?
			    cmd_report(&cli, &prov, &err) :
			    cmd_eval(&cli, &prov, &err);
		}
		sc_provenance_free(&prov);
		break;
	case SC_CMD_DIFF:
		status = sc_diff_main(cli.args[0], cli.args[1],
		    cli.out.path[sc_output_find("json")], stdout, &err);
		break;
	default:
		status = EXIT_CANNOT;
		break;
	}
	if (status == EXIT_CANNOT && err.msg[0])
		fprintf(stderr, "stigcheck: %s\n", err.msg);
	sc_cli_free(&cli);
	xmlCleanupParser();
	return status;
}
