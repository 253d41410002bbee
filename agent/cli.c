/*
 * cli.c - argument parsing (cli.h).  The option table is data; handling
 * is one switch.
 */
#include "cli.h"

#include <getopt.h>
#include <string.h>

enum {
	OPT_ROOTFS = 256, OPT_CONTAINER, OPT_IMAGE, OPT_PROFILE, OPT_TAILORING,
	OPT_DATASTREAM_ID, OPT_XCCDF_ID, OPT_RESULTS, OPT_RESULTS_ARF,
	OPT_REPORT, OPT_CKL, OPT_CKLB, OPT_FROM, OPT_ENV, OPT_TARGET_NAME,
	OPT_COLOR, OPT_NO_COLOR, OPT_VERSION, OPT_HELP,
};

static const struct option options[] = {
	{ "ckl", required_argument, NULL, OPT_CKL },
	{ "cklb", required_argument, NULL, OPT_CKLB },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "container", required_argument, NULL, OPT_CONTAINER },
	{ "datastream-id", required_argument, NULL, OPT_DATASTREAM_ID },
	{ "env", required_argument, NULL, OPT_ENV },
	{ "from", required_argument, NULL, OPT_FROM },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "image", required_argument, NULL, OPT_IMAGE },
	{ "no-color", no_argument, NULL, OPT_NO_COLOR },
	{ "profile", required_argument, NULL, OPT_PROFILE },
	{ "quiet", no_argument, NULL, 'q' },
	{ "report", required_argument, NULL, OPT_REPORT },
	{ "results", required_argument, NULL, OPT_RESULTS },
	{ "results-arf", required_argument, NULL, OPT_RESULTS_ARF },
	{ "rootfs", required_argument, NULL, OPT_ROOTFS },
	{ "tailoring-file", required_argument, NULL, OPT_TAILORING },
	{ "target-name", required_argument, NULL, OPT_TARGET_NAME },
	{ "verbose", no_argument, NULL, 'v' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "xccdf-id", required_argument, NULL, OPT_XCCDF_ID },
	{ NULL, 0, NULL, 0 },
};

static const char usage[] =
"usage: stigcheck [--rootfs DIR | --container REF | --image PATH] [options] [CONTENT]\n"
"       stigcheck info [CONTENT]\n"
"       stigcheck report --from RESULTS [outputs]\n"
"\n"
"Evaluates CONTENT (a SCAP 1.3 source data stream or an XCCDF 1.2 benchmark;\n"
"the built-in GPOS SRG benchmark when omitted) against a target without\n"
"changing it.\n"
"\n"
"Target (default --rootfs /):\n"
"  --rootfs DIR            an unpacked root filesystem\n"
"  --container REF         a running container (PID, id or name)\n"
"  --image PATH            an OCI layout or docker/podman save archive\n"
"  --env NAME=VALUE        the target's environment (repeatable)\n"
"  --target-name NAME      name the target in results\n"
"\n"
"Content:\n"
"  --profile ID            XCCDF profile (default: the benchmark's defaults)\n"
"  --tailoring-file FILE   XCCDF 1.2 tailoring\n"
"  --datastream-id ID      data-stream to use in a collection\n"
"  --xccdf-id ID           checklist component-ref to use\n"
"\n"
"Outputs (written atomically; also for 'report --from' XCCDF results or ARF):\n"
"  --results FILE          XCCDF 1.2 results (Benchmark with TestResult)\n"
"  --results-arf FILE      ARF 1.1 report\n"
"  --report FILE           HTML report\n"
"  --ckl FILE              STIG Viewer 2 checklist\n"
"  --cklb FILE             STIG Viewer 3 checklist\n"
"\n"
"Console:\n"
"  -q, --quiet             totals only\n"
"  -v, --verbose           evidence for each rule\n"
"  --color WHEN            auto (default), always, never; --no-color\n"
"  --version, --help\n"
"\n"
"Exit status: 0 no selected rule failed or errored; 2 at least one did;\n"
"1 the scan could not run.\n";

const char *
sc_cli_usage(void)
{
	return usage;
}

void
sc_cli_free(struct sc_cli *cli)
{
	if (cli == NULL)
		return;
	sc_strv_free(&cli->env);
}

int
sc_cli_parse(int argc, char **argv, struct sc_cli *cli, struct sc_err *err)
{
	int c, first = 1;

	memset(cli, 0, sizeof(*cli));
	cli->cmd = SC_CMD_EVAL;
	if (argc > 1 && strcmp(argv[1], "info") == 0) {
		cli->cmd = SC_CMD_INFO;
		first = 2;
	} else if (argc > 1 && strcmp(argv[1], "report") == 0) {
		cli->cmd = SC_CMD_REPORT;
		first = 2;
	}
	optind = first;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":qv", options, NULL)) != -1) {
		switch (c) {
		case OPT_ROOTFS:
			cli->rootfs = optarg;
			break;
		case OPT_CONTAINER:
			cli->container = optarg;
			break;
		case OPT_IMAGE:
			cli->image = optarg;
			break;
		case OPT_PROFILE:
			cli->profile = optarg;
			break;
		case OPT_TAILORING:
			cli->tailoring = optarg;
			break;
		case OPT_DATASTREAM_ID:
			cli->datastream_id = optarg;
			break;
		case OPT_XCCDF_ID:
			cli->xccdf_id = optarg;
			break;
		case OPT_RESULTS:
			cli->results = optarg;
			break;
		case OPT_RESULTS_ARF:
			cli->results_arf = optarg;
			break;
		case OPT_REPORT:
			cli->report = optarg;
			break;
		case OPT_CKL:
			cli->ckl = optarg;
			break;
		case OPT_CKLB:
			cli->cklb = optarg;
			break;
		case OPT_FROM:
			cli->from = optarg;
			break;
		case OPT_ENV:
			if (strchr(optarg, '=') == NULL || optarg[0] == '=')
				return sc_err_set(err, SC_ERR_INVAL,
				    "--env needs NAME=VALUE, got '%s'", optarg);
			sc_strv_push(&cli->env, optarg);
			break;
		case OPT_TARGET_NAME:
			cli->target_name = optarg;
			break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") == 0)
				cli->color = SC_COLOR_AUTO;
			else if (strcmp(optarg, "always") == 0)
				cli->color = SC_COLOR_ALWAYS;
			else if (strcmp(optarg, "never") == 0)
				cli->color = SC_COLOR_NEVER;
			else
				return sc_err_set(err, SC_ERR_INVAL,
				    "--color must be auto, always or never");
			break;
		case OPT_NO_COLOR:
			cli->color = SC_COLOR_NEVER;
			break;
		case 'q':
			cli->quiet = 1;
			break;
		case 'v':
			cli->verbose++;
			break;
		case OPT_VERSION:
			cli->cmd = SC_CMD_VERSION;
			return SC_OK;
		case OPT_HELP:
			cli->cmd = SC_CMD_HELP;
			return SC_OK;
		case ':':
			return sc_err_set(err, SC_ERR_INVAL,
			    "option '%s' needs an argument", argv[optind - 1]);
		default:
			if (optopt && optopt < 256)
				return sc_err_set(err, SC_ERR_INVAL,
				    "unknown option '-%c' (try --help)", optopt);
			return sc_err_set(err, SC_ERR_INVAL,
			    "unknown option '%s' (try --help)", argv[optind - 1]);
		}
	}
	if (optind < argc)
		cli->content = argv[optind++];
	if (optind < argc)
		return sc_err_set(err, SC_ERR_INVAL,
		    "unexpected argument '%s' (one CONTENT at most)", argv[optind]);
	if ((cli->rootfs != NULL) + (cli->container != NULL) +
	    (cli->image != NULL) > 1)
		return sc_err_set(err, SC_ERR_INVAL,
		    "give one target: --rootfs, --container or --image");
	if (cli->quiet && cli->verbose)
		return sc_err_set(err, SC_ERR_INVAL,
		    "--quiet and --verbose exclude each other");
	if (cli->cmd == SC_CMD_REPORT && cli->from == NULL)
		return sc_err_set(err, SC_ERR_INVAL, "report needs --from FILE");
	if (cli->cmd != SC_CMD_REPORT && cli->from != NULL)
		return sc_err_set(err, SC_ERR_INVAL,
		    "--from is only for 'stigcheck report'");
	if (cli->cmd == SC_CMD_REPORT) {
		const char *scan_only = cli->rootfs ? "--rootfs" :
		    cli->container ? "--container" : cli->image ? "--image" :
		    cli->profile ? "--profile" : cli->tailoring ?
		    "--tailoring-file" : cli->datastream_id ? "--datastream-id" :
		    cli->xccdf_id ? "--xccdf-id" : cli->env.n ? "--env" :
		    cli->target_name ? "--target-name" : cli->content ?
		    cli->content : NULL;

		if (scan_only)
			return sc_err_set(err, SC_ERR_INVAL, "'%s' is not for "
			    "'stigcheck report' (it re-renders stored results)",
			    scan_only);
	}
	return SC_OK;
}
