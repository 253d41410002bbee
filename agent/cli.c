/*
 * cli.c - the command and option tables, and parsing (cli.h).
 */
#include "cli.h"
#include "gate.h"
#include "history.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#define E	SC_CMD_BIT(SC_CMD_EVAL)
#define I	SC_CMD_BIT(SC_CMD_INFO)
#define R	SC_CMD_BIT(SC_CMD_REPORT)
#define D	SC_CMD_BIT(SC_CMD_DIFF)
#define V	SC_CMD_BIT(SC_CMD_VERIFY)
#define SCAN_CONTENT	(E | I)	/* what chooses and reads content */
#define OFF(f)	offsetof(struct sc_cli, f)

static int check_env(struct sc_cli *, const char *, struct sc_err *);
static int check_color(struct sc_cli *, const char *, struct sc_err *);
static int check_formats(struct sc_cli *, const char *, struct sc_err *);
static int check_fail_on(struct sc_cli *, const char *, struct sc_err *);
static int check_keep(struct sc_cli *, const char *, struct sc_err *);

const struct sc_cli_cmd sc_cli_cmds[] = {
	{ NULL, SC_CMD_EVAL,
	  "[--rootfs DIR | --container REF | --image PATH | --all-containers]\n"
	  "                 [options] [CONTENT]",
	  "evaluate CONTENT (default: the built-in benchmark) against a "
	  "target", 0, 0 },
	{ "info", SC_CMD_INFO, "info [options] [CONTENT]",
	  "describe content: benchmark, profiles, rule counts", 0, 0 },
	{ "report", SC_CMD_REPORT, "report --from RESULTS [outputs]",
	  "re-render stored XCCDF results or ARF without rescanning", 0, 0 },
	{ "verify", SC_CMD_VERIFY, "verify DIR [--ca CA.pem]",
	  "check an evidence directory's hashes, file list and signature",
	  1, 1 },
	{ "diff", SC_CMD_DIFF, "diff [--json FILE|-] OLD NEW",
	  "compare two stored results: regressions, fixes, evidence changes",
	  2, 2 },
	{ "help", SC_CMD_HELP, "help [COMMAND]",
	  "show the usage of stigcheck or of one command", 0, 0 },
};
const size_t sc_cli_ncmds = sizeof(sc_cli_cmds) / sizeof(sc_cli_cmds[0]);

const struct sc_cli_opt sc_cli_opts[] = {
	/* target */
	{ "rootfs", 0, "DIR", SC_OPT_ONE, E, "Target",
	  "an unpacked root filesystem (default /)", OFF(rootfs), NULL },
	{ "container", 0, "REF", SC_OPT_ONE, E, "Target",
	  "a running container (PID, id or name)", OFF(container), NULL },
	{ "image", 0, "PATH", SC_OPT_ONE, E, "Target",
	  "an OCI layout or docker/podman save archive", OFF(image), NULL },
	{ "env", 0, "NAME=VALUE", SC_OPT_MANY, E, "Target",
	  "the target's environment (repeatable)", OFF(env), check_env },
	{ "target-name", 0, "NAME", SC_OPT_ONE, E, "Target",
	  "name the target in results", OFF(target_name), NULL },
	{ "all-containers", 0, NULL, SC_OPT_FLAG, E, "Target",
	  "every running container on the node, each its own target "
	  "(needs --output-dir)", OFF(all_containers), NULL },
	{ "include-mounts", 0, NULL, SC_OPT_FLAG, E, "Target",
	  "also walk a container's volumes and bind mounts",
	  OFF(include_mounts), NULL },
	/* content */
	{ "profile", 0, "ID", SC_OPT_ONE, E, "Content",
	  "XCCDF profile (default: the benchmark's selections)",
	  OFF(profile), NULL },
	{ "tailoring-file", 0, "FILE", SC_OPT_ONE, E, "Content",
	  "XCCDF 1.2 tailoring", OFF(tailoring), NULL },
	{ "reviews", 0, "FILE", SC_OPT_ONE, E | R, "Content",
	  "reviews and waivers to apply (YAML, or a CKL/CKLB checklist; "
	  "docs/reviews.md)", OFF(reviews), NULL },
	{ "cmvp-table", 0, "FILE", SC_OPT_ONE, E, "Content",
	  "CMVP certificate table (YAML) replacing the built-in one",
	  OFF(cmvp_table), NULL },
	{ "datastream-id", 0, "ID", SC_OPT_ONE, SCAN_CONTENT, "Content",
	  "data-stream to use in a collection", OFF(datastream_id), NULL },
	{ "xccdf-id", 0, "ID", SC_OPT_ONE, SCAN_CONTENT, "Content",
	  "checklist component-ref to use in a data stream", OFF(xccdf_id),
	  NULL },
	/* outputs: the output table's rows come first, then these */
	{ "output-dir", 0, "DIR", SC_OPT_ONE, E, "Outputs",
	  "with --all-containers: NAME.xml per container and summary.json",
	  OFF(output_dir), NULL },
	{ "formats", 0, "LIST", SC_OPT_ONE, E, "Outputs",
	  "with --output-dir: more files per container (comma-separated "
	  "format names: arf, html, ckl, ...)", OFF(formats), check_formats },
	{ "from", 0, "FILE", SC_OPT_ONE, R, "Outputs",
	  "stored XCCDF results or ARF to re-render", OFF(from), NULL },
	{ "history", 0, "DIR", SC_OPT_ONE, E, "Outputs",
	  "also keep this run's results as DIR/TARGET.TIME.xml",
	  OFF(history), NULL },
	{ "keep", 0, "N", SC_OPT_ONE, E, "Outputs",
	  "with --history: remove all but the newest N (default: keep all)",
	  OFF(keep_word), check_keep },
	/* selection and gates */
	{ "rule", 0, "ID", SC_OPT_MANY, E, "Selection and gates",
	  "evaluate only this rule (repeatable; as oscap --rule)",
	  OFF(rules), NULL },
	{ "skip-rule", 0, "ID", SC_OPT_MANY, E, "Selection and gates",
	  "do not evaluate this rule (repeatable)", OFF(skip_rules), NULL },
	{ "fail-on", 0, "LEVEL", SC_OPT_ONE, E | R, "Selection and gates",
	  "exit 2 only for failures of severity LEVEL (high, medium, low) "
	  "or higher", OFF(fail_on), check_fail_on },
	{ "errors-ok", 0, NULL, SC_OPT_FLAG, E | R, "Selection and gates",
	  "rules that could not be evaluated do not make the exit status 2",
	  OFF(errors_ok), NULL },
	{ "evidence", 0, "DIR", SC_OPT_ONE, E | R, "Outputs",
	  "every output, manifest.json and provenance in a new directory",
	  OFF(evidence), NULL },
	{ "sign-key", 0, "KEY.pem", SC_OPT_ONE, E | R, "Outputs",
	  "sign the evidence manifest (CMS) with this key", OFF(sign_key),
	  NULL },
	{ "sign-cert", 0, "CERT.pem", SC_OPT_ONE, E | R, "Outputs",
	  "the signer's certificate (and chain) for --sign-key",
	  OFF(sign_cert), NULL },
	{ "ca", 0, "CA.pem", SC_OPT_ONE, V, "Outputs",
	  "the signature must chain to these certificates", OFF(ca), NULL },
	/* console */
	{ "quiet", 'q', NULL, SC_OPT_FLAG, E | R, "Console",
	  "totals, then the failing rules' ids", OFF(quiet), NULL },
	{ "verbose", 'v', NULL, SC_OPT_COUNT, E | R, "Console",
	  "evidence for each rule", OFF(verbose), NULL },
	{ "color", 0, "WHEN", SC_OPT_ONE, E | R, "Console",
	  "auto (default), always or never", OFF(color_word), check_color },
	{ "no-color", 0, NULL, SC_OPT_FLAG, E | R, "Console",
	  "same as --color never", OFF(no_color), NULL },
	{ "help", 'h', NULL, SC_OPT_FLAG, SC_CMD_ALL, "Console",
	  "this text (or: stigcheck help COMMAND)", OFF(help), NULL },
	{ "version", 'V', NULL, SC_OPT_FLAG, SC_CMD_ALL, "Console",
	  "version, build and library versions", 0, NULL },
};
const size_t sc_cli_nopts = sizeof(sc_cli_opts) / sizeof(sc_cli_opts[0]);

const char *const sc_cli_groups[] = { "Target", "Content", "Outputs",
	"Selection and gates", "Console", NULL };

static int
check_env(struct sc_cli *cli, const char *val, struct sc_err *err)
{
	const char *eq = strchr(val, '=');
	size_t i, n;

	if (eq == NULL || eq == val)
		return sc_err_set(err, SC_ERR_INVAL,
		    "--env needs NAME=VALUE, got '%s'", val);
	n = (size_t)(eq - val) + 1;
	for (i = 0; i < cli->env.n; i++)
		if (strncmp(cli->env.v[i], val, n) == 0)
			return sc_err_set(err, SC_ERR_INVAL,
			    "--env %.*s given twice", (int)(n - 1), val);
	return SC_OK;
}

static int
check_fail_on(struct sc_cli *cli, const char *val, struct sc_err *err)
{
	struct sc_gate g = { 0, 0 };

	(void)cli;
	return sc_gate_parse(&g, val, err);
}

static int
check_keep(struct sc_cli *cli, const char *val, struct sc_err *err)
{
	return sc_history_parse_keep(val, &cli->keep, err);
}

static int
check_color(struct sc_cli *cli, const char *val, struct sc_err *err)
{
	(void)cli;
	if (strcmp(val, "auto") && strcmp(val, "always") && strcmp(val, "never"))
		return sc_err_set(err, SC_ERR_INVAL,
		    "--color must be auto, always or never");
	return SC_OK;
}

/* Every word of LIST names a row of the output table. */
static int
check_formats(struct sc_cli *cli, const char *val, struct sc_err *err)
{
	const char *p = val;

	(void)cli;
	for (;;) {
		size_t n = strcspn(p, ",");
		char word[64];

		if (n == 0 || n >= sizeof(word))
			return sc_err_set(err, SC_ERR_INVAL, "--formats needs a "
			    "comma-separated list of format names, got '%s'", val);
		memcpy(word, p, n);
		word[n] = '\0';
		if (sc_output_find(word) < 0) {
			struct sc_buf b = SC_BUF_INIT;
			size_t i;
			int r;

			for (i = 0; i < sc_output_nfmts; i++)
				sc_buf_addf(&b, "%s%s", i ? ", " : "",
				    sc_output_fmts[i].name);
			r = sc_err_set(err, SC_ERR_INVAL, "--formats: unknown "
			    "format '%s' (known: %s)", word, b.data);
			sc_buf_free(&b);
			return r;
		}
		if (p[n] == '\0')
			return SC_OK;
		p += n + 1;
	}
}

const struct sc_cli_cmd *
sc_cli_find_cmd(const char *name)
{
	size_t i;

	for (i = 0; i < sc_cli_ncmds; i++)
		if (sc_cli_cmds[i].name && strcmp(sc_cli_cmds[i].name, name) == 0)
			return &sc_cli_cmds[i];
	return NULL;
}

const struct sc_cli_cmd *
sc_cli_cmd_row(enum sc_cmd id)
{
	size_t i;

	for (i = 0; i < sc_cli_ncmds; i++)
		if (sc_cli_cmds[i].id == id)
			return &sc_cli_cmds[i];
	return &sc_cli_cmds[0];
}

static const char *
cmd_word(enum sc_cmd id)
{
	const struct sc_cli_cmd *c = sc_cli_cmd_row(id);

	return c->name ? c->name : "scan";
}

size_t
sc_cli_all_opts(struct sc_cli_optview *v)
{
	size_t i, n = 0;

	for (i = 0; i < sc_output_nfmts; i++) {
		const struct sc_output_fmt *f = &sc_output_fmts[i];

		/* diff writes its changes as JSON */
		unsigned cmds = SC_CLI_OUTPUT_CMDS |
		    (strcmp(f->name, "json") == 0 ? D : 0);

		v[n++] = (struct sc_cli_optview){ f->option, 0, "FILE",
		    SC_OPT_ONE, cmds, "Outputs", f->help, (int)i, NULL };
	}
	for (i = 0; i < sc_cli_nopts; i++) {
		const struct sc_cli_opt *o = &sc_cli_opts[i];

		v[n++] = (struct sc_cli_optview){ o->name, o->shortopt, o->arg,
		    o->kind, o->cmds, o->group, o->help, -1, o };
	}
	return n;
}


void
sc_cli_usage(FILE *fp, enum sc_cmd cmd)
{
	struct sc_cli_optview v[SC_CLI_ALL_MAX];
	size_t i, n = sc_cli_all_opts(v), g;
	unsigned bit = SC_CMD_BIT(cmd == SC_CMD_HELP || cmd == SC_CMD_VERSION ?
	    SC_CMD_EVAL : cmd);

	if (cmd == SC_CMD_EVAL || cmd == SC_CMD_HELP) {
		for (i = 0; i < sc_cli_ncmds; i++)
			fprintf(fp, "%s stigcheck %s\n", i ? "      " : "usage:",
			    sc_cli_cmds[i].synopsis);
		fputs("\n", fp);
		for (i = 0; i < sc_cli_ncmds; i++)
			fprintf(fp, "  %-8s %s\n", cmd_word(sc_cli_cmds[i].id),
			    sc_cli_cmds[i].summary);
		fputs("\nCONTENT is a SCAP 1.3 source data stream or an XCCDF 1.2 "
		    "benchmark.\nOptions of the scan:\n", fp);
	} else {
		const struct sc_cli_cmd *c = sc_cli_cmd_row(cmd);

		fprintf(fp, "usage: stigcheck %s\n\n%s.\n", c->synopsis,
		    c->summary);
	}
	for (g = 0; sc_cli_groups[g]; g++) {
		int head = 0;

		for (i = 0; i < n; i++) {
			char lhs[64];

			if (!(v[i].cmds & bit) || strcmp(v[i].group, sc_cli_groups[g]))
				continue;
			if (!head++)
				fprintf(fp, "\n%s:\n", sc_cli_groups[g]);
			if (v[i].shortopt)
				snprintf(lhs, sizeof(lhs), "-%c, --%s%s%s",
				    v[i].shortopt, v[i].name, v[i].arg ? " " : "",
				    v[i].arg ? v[i].arg : "");
			else
				snprintf(lhs, sizeof(lhs), "    --%s%s%s",
				    v[i].name, v[i].arg ? " " : "",
				    v[i].arg ? v[i].arg : "");
			fprintf(fp, "  %-26s %s\n", lhs, v[i].help);
		}
	}
	fputs("\nExit status: 0 no selected rule failed or errored; "
	    "2 at least one did\n(--fail-on, --errors-ok narrow this; diff: "
	    "2 when something regressed);\n1 the command could not run.  "
	    "See stigcheck(1) and docs/ci.md.\n", fp);
}

void
sc_cli_free(struct sc_cli *cli)
{
	if (cli == NULL)
		return;
	sc_strv_free(&cli->env);
	sc_strv_free(&cli->rules);
	sc_strv_free(&cli->skip_rules);
}

static int
store(struct sc_cli *cli, const struct sc_cli_optview *o, const char *val,
    struct sc_err *err)
{
	char *base = (char *)cli;
	int r;

	if (!(o->cmds & SC_CMD_BIT(cli->cmd)))
		return sc_err_set(err, SC_ERR_INVAL,
		    "--%s does not apply to 'stigcheck %s' (see stigcheck help %s)",
		    o->name, cmd_word(cli->cmd), cmd_word(cli->cmd));
	if (o->output >= 0) {
		if (cli->out.path[o->output])
			return sc_err_set(err, SC_ERR_INVAL,
			    "--%s given twice", o->name);
		cli->out.path[o->output] = val;
		return SC_OK;
	}
	if (o->row->check && (r = o->row->check(cli, val, err)) < 0)
		return r;
	if (strcmp(o->name, "version") == 0) {
		cli->cmd = SC_CMD_VERSION;
		return SC_OK;
	}
	switch (o->kind) {
	case SC_OPT_FLAG:
		*(int *)(void *)(base + o->row->off) = 1;
		break;
	case SC_OPT_COUNT:
		(*(int *)(void *)(base + o->row->off))++;
		break;
	case SC_OPT_ONE: {
		const char **p = (const char **)(void *)(base + o->row->off);

		if (*p)
			return sc_err_set(err, SC_ERR_INVAL,
			    "--%s given twice", o->name);
		*p = val;
		break;
	}
	case SC_OPT_MANY:
		sc_strv_push((struct sc_strv *)(void *)(base + o->row->off), val);
		break;
	}
	return SC_OK;
}

static int
finish(struct sc_cli *cli, struct sc_err *err)
{
	size_t i;
	int any_out = 0;

	if ((cli->rootfs != NULL) + (cli->container != NULL) +
	    (cli->image != NULL) + (cli->all_containers != 0) > 1)
		return sc_err_set(err, SC_ERR_INVAL, "give one target: --rootfs, "
		    "--container, --image or --all-containers");
	if (cli->all_containers && cli->output_dir == NULL)
		return sc_err_set(err, SC_ERR_INVAL,
		    "--all-containers needs --output-dir DIR");
	if (cli->output_dir && !cli->all_containers)
		return sc_err_set(err, SC_ERR_INVAL,
		    "--output-dir applies to --all-containers");
	if (cli->formats && !cli->output_dir)
		return sc_err_set(err, SC_ERR_INVAL,
		    "--formats applies to --output-dir");
	if (cli->include_mounts && !cli->container && !cli->all_containers)
		return sc_err_set(err, SC_ERR_INVAL, "--include-mounts applies "
		    "to --container and --all-containers");
	if (cli->all_containers && cli->target_name)
		return sc_err_set(err, SC_ERR_INVAL, "--target-name names one "
		    "target; --all-containers names each by its container");
	for (i = 0; cli->all_containers && i < sc_output_nfmts; i++)
		if (cli->out.path[i])
			return sc_err_set(err, SC_ERR_INVAL, "--%s names one file; "
			    "with --all-containers choose formats with --formats",
			    sc_output_fmts[i].option);
	if (cli->quiet && cli->verbose)
		return sc_err_set(err, SC_ERR_INVAL,
		    "--quiet and --verbose exclude each other");
	if (cli->no_color && cli->color_word)
		return sc_err_set(err, SC_ERR_INVAL,
		    "--color and --no-color exclude each other");
	cli->color = cli->no_color ? SC_COLOR_NEVER :
	    cli->color_word == NULL || !strcmp(cli->color_word, "auto") ?
	    SC_COLOR_AUTO : !strcmp(cli->color_word, "always") ?
	    SC_COLOR_ALWAYS : SC_COLOR_NEVER;
	if (cli->keep_word && cli->history == NULL)
		return sc_err_set(err, SC_ERR_INVAL, "--keep needs --history DIR");
	if ((cli->sign_key || cli->sign_cert) && cli->evidence == NULL)
		return sc_err_set(err, SC_ERR_INVAL,
		    "--sign-key and --sign-cert sign an --evidence directory");
	if ((cli->sign_key == NULL) != (cli->sign_cert == NULL))
		return sc_err_set(err, SC_ERR_INVAL,
		    "--sign-key and --sign-cert go together");
	if (cli->cmd == SC_CMD_REPORT && cli->from == NULL)
		return sc_err_set(err, SC_ERR_INVAL, "report needs --from FILE");
	if (cli->cmd == SC_CMD_REPORT && cli->content)
		return sc_err_set(err, SC_ERR_INVAL, "'%s' is not for "
		    "'stigcheck report' (it re-renders stored results)",
		    cli->content);
	/* the same file for two outputs, or an output over the input */
	for (i = 0; i < sc_output_nfmts; i++) {
		const char *p = cli->out.path[i];

		if (p == NULL)
			continue;
		any_out = 1;
		for (size_t j = i + 1; j < sc_output_nfmts; j++)
			if (cli->out.path[j] && !strcmp(p, cli->out.path[j]))
				return sc_err_set(err, SC_ERR_INVAL,
				    "--%s and --%s name the same file '%s'",
				    sc_output_fmts[i].option,
				    sc_output_fmts[j].option, p);
		if (cli->from && !strcmp(p, cli->from))
			return sc_err_set(err, SC_ERR_INVAL,
			    "--%s would overwrite the input '%s'",
			    sc_output_fmts[i].option, p);
	}
	(void)any_out;
	return SC_OK;
}

int
sc_cli_parse(int argc, char **argv, struct sc_cli *cli, struct sc_err *err)
{
	struct sc_cli_optview v[SC_CLI_ALL_MAX];
	struct option lo[SC_CLI_ALL_MAX + 1];
	char shorts[2 * SC_CLI_ALL_MAX + 2], *sp = shorts;
	size_t i, n = sc_cli_all_opts(v);
	const struct sc_cli_cmd *c;
	int ch, first = 1, r;

	memset(cli, 0, sizeof(*cli));
	cli->cmd = SC_CMD_EVAL;
	if (argc > 1 && argv[1][0] != '-') {
		if ((c = sc_cli_find_cmd(argv[1])) != NULL) {
			cli->cmd = c->id;
			first = 2;
		}
	}
	*sp++ = ':';
	for (i = 0; i < n; i++) {
		lo[i] = (struct option){ v[i].name,
		    v[i].arg ? required_argument : no_argument, NULL,
		    256 + (int)i };
		if (v[i].shortopt) {
			*sp++ = (char)v[i].shortopt;
			if (v[i].arg)
				*sp++ = ':';
		}
	}
	*sp = '\0';
	lo[n] = (struct option){ NULL, 0, NULL, 0 };
	optind = first;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, shorts, lo, NULL)) != -1) {
		const struct sc_cli_optview *o = NULL;

		if (ch == ':')
			return sc_err_set(err, SC_ERR_INVAL,
			    "option '%s' needs an argument", argv[optind - 1]);
		if (ch >= 256 && ch < 256 + (int)n)
			o = &v[ch - 256];
		for (i = 0; o == NULL && ch > 0 && ch < 256 && i < n; i++)
			if (v[i].shortopt == ch)
				o = &v[i];
		if (o == NULL) {
			if (optopt > 0 && optopt < 256)
				return sc_err_set(err, SC_ERR_INVAL,
				    "unknown option '-%c' (try --help)", optopt);
			return sc_err_set(err, SC_ERR_INVAL,
			    "unknown option '%s' (try --help)", argv[optind - 1]);
		}
		if ((r = store(cli, o, optarg, err)) < 0)
			return r;
		if (cli->cmd == SC_CMD_VERSION)
			return SC_OK;
	}
	if (cli->cmd == SC_CMD_HELP) {
		if (optind < argc && (cli->help_cmd = argv[optind++]) &&
		    sc_cli_find_cmd(cli->help_cmd) == NULL &&
		    strcmp(cli->help_cmd, "scan") != 0)
			return sc_err_set(err, SC_ERR_INVAL,
			    "no command '%s' (try stigcheck help)", cli->help_cmd);
	} else if (cli->cmd != SC_CMD_EVAL && cli->cmd != SC_CMD_INFO &&
	    cli->cmd != SC_CMD_REPORT) {
		const struct sc_cli_cmd *row = sc_cli_cmd_row(cli->cmd);

		while (optind < argc && cli->nargs < row->max_args &&
		    cli->nargs < SC_CLI_MAX_ARGS)
			cli->args[cli->nargs++] = argv[optind++];
		if (optind < argc)
			return sc_err_set(err, SC_ERR_INVAL,
			    "unexpected argument '%s' (usage: stigcheck %s)",
			    argv[optind], row->synopsis);
		if (cli->nargs < row->min_args && !cli->help)
			return sc_err_set(err, SC_ERR_INVAL,
			    "missing argument (usage: stigcheck %s)",
			    row->synopsis);
	} else if (optind < argc && cli->cmd != SC_CMD_REPORT) {
		cli->content = argv[optind++];
	} else if (optind < argc) {
		return sc_err_set(err, SC_ERR_INVAL,
		    "'%s' is not for 'stigcheck report' (it re-renders stored "
		    "results)", argv[optind]);
	}
	if (optind < argc)
		return sc_err_set(err, SC_ERR_INVAL,
		    "unexpected argument '%s' (one CONTENT at most)",
		    argv[optind]);
	if (cli->help)
		return SC_OK;
	return finish(cli, err);
}
