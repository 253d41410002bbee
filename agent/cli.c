/*
 * cli.c - the command and option tables, and parsing (cli.h).
 */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#define E	SC_CMD_BIT(SC_CMD_EVAL)
#define I	SC_CMD_BIT(SC_CMD_INFO)
#define R	SC_CMD_BIT(SC_CMD_REPORT)
#define SCAN_CONTENT	(E | I)	/* what chooses and reads content */
#define OFF(f)	offsetof(struct sc_cli, f)

static int check_env(struct sc_cli *, const char *, struct sc_err *);
static int check_color(struct sc_cli *, const char *, struct sc_err *);

const struct sc_cli_cmd sc_cli_cmds[] = {
	{ NULL, SC_CMD_EVAL,
	  "[--rootfs DIR | --container REF | --image PATH] [options] [CONTENT]",
	  "evaluate CONTENT (default: the built-in benchmark) against a target", 0, 0 },
	{ "info", SC_CMD_INFO, "info [options] [CONTENT]",
	  "describe content: benchmark, profiles, rule counts", 0, 0 },
	{ "report", SC_CMD_REPORT, "report --from RESULTS [outputs]",
	  "re-render stored XCCDF results or ARF without rescanning", 0, 0 },
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
	/* content */
	{ "profile", 0, "ID", SC_OPT_ONE, E, "Content",
	  "XCCDF profile (default: the benchmark's selections)",
	  OFF(profile), NULL },
	{ "tailoring-file", 0, "FILE", SC_OPT_ONE, E, "Content",
	  "XCCDF 1.2 tailoring", OFF(tailoring), NULL },
	{ "cmvp-table", 0, "FILE", SC_OPT_ONE, E, "Content",
	  "CMVP certificate table (YAML) replacing the built-in one",
	  OFF(cmvp_table), NULL },
	{ "datastream-id", 0, "ID", SC_OPT_ONE, SCAN_CONTENT, "Content",
	  "data-stream to use in a collection", OFF(datastream_id), NULL },
	{ "xccdf-id", 0, "ID", SC_OPT_ONE, SCAN_CONTENT, "Content",
	  "checklist component-ref to use in a data stream", OFF(xccdf_id),
	  NULL },
	/* outputs: the output table's rows come first, then these */
	{ "from", 0, "FILE", SC_OPT_ONE, R, "Outputs",
	  "stored XCCDF results or ARF to re-render", OFF(from), NULL },
	/* console */
	{ "quiet", 'q', NULL, SC_OPT_FLAG, E | R, "Console",
	  "totals only", OFF(quiet), NULL },
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

static const char *const groups[] = { "Target", "Content", "Outputs",
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
check_color(struct sc_cli *cli, const char *val, struct sc_err *err)
{
	(void)cli;
	if (strcmp(val, "auto") && strcmp(val, "always") && strcmp(val, "never"))
		return sc_err_set(err, SC_ERR_INVAL,
		    "--color must be auto, always or never");
	return SC_OK;
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

static const struct sc_cli_cmd *
cmd_row(enum sc_cmd id)
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
	const struct sc_cli_cmd *c = cmd_row(id);

	return c->name ? c->name : "scan";
}

/*
 * Every option as one list: the option table's rows, with the output
 * table's rows (as SC_OPT_ONE options of the output commands) placed
 * before "from".  An index below sc_output_nfmts is an output row.
 */
struct any_opt {
	const char *name;
	int shortopt;
	const char *arg;
	enum sc_opt_kind kind;
	unsigned cmds;
	const char *group;
	const char *help;
	int output;		/* output row, or -1 */
	const struct sc_cli_opt *row;
};

static size_t
all_opts(struct any_opt *v)
{
	size_t i, n = 0;

	for (i = 0; i < sc_output_nfmts; i++) {
		const struct sc_output_fmt *f = &sc_output_fmts[i];

		v[n++] = (struct any_opt){ f->option, 0, "FILE", SC_OPT_ONE,
		    SC_CLI_OUTPUT_CMDS, "Outputs", f->help, (int)i, NULL };
	}
	for (i = 0; i < sc_cli_nopts; i++) {
		const struct sc_cli_opt *o = &sc_cli_opts[i];

		v[n++] = (struct any_opt){ o->name, o->shortopt, o->arg,
		    o->kind, o->cmds, o->group, o->help, -1, o };
	}
	return n;
}

#define ALL_MAX (SC_OUTPUT_MAX + 128)

void
sc_cli_usage(FILE *fp, enum sc_cmd cmd)
{
	struct any_opt v[ALL_MAX];
	size_t i, n = all_opts(v), g;
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
		const struct sc_cli_cmd *c = cmd_row(cmd);

		fprintf(fp, "usage: stigcheck %s\n\n%s.\n", c->synopsis,
		    c->summary);
	}
	for (g = 0; groups[g]; g++) {
		int head = 0;

		for (i = 0; i < n; i++) {
			char lhs[64];

			if (!(v[i].cmds & bit) || strcmp(v[i].group, groups[g]))
				continue;
			if (!head++)
				fprintf(fp, "\n%s:\n", groups[g]);
			snprintf(lhs, sizeof(lhs), "%s%c%s--%s%s%s",
			    v[i].shortopt ? "-" : "",
			    v[i].shortopt ? v[i].shortopt : ' ',
			    v[i].shortopt ? ", " : "  ", v[i].name,
			    v[i].arg ? " " : "", v[i].arg ? v[i].arg : "");
			fprintf(fp, "  %-24s %s\n", lhs + (v[i].shortopt ? 0 : 2),
			    v[i].help);
		}
	}
	fputs("\nExit status: 0 no selected rule failed or errored; "
	    "2 at least one did;\n1 the command could not run.  "
	    "See stigcheck(1).\n", fp);
}

void
sc_cli_free(struct sc_cli *cli)
{
	if (cli == NULL)
		return;
	sc_strv_free(&cli->env);
}

static int
store(struct sc_cli *cli, const struct any_opt *o, const char *val,
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
	    (cli->image != NULL) > 1)
		return sc_err_set(err, SC_ERR_INVAL,
		    "give one target: --rootfs, --container or --image");
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
	struct any_opt v[ALL_MAX];
	struct option lo[ALL_MAX + 1];
	char shorts[2 * ALL_MAX + 2], *sp = shorts;
	size_t i, n = all_opts(v);
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
		const struct any_opt *o = NULL;

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
		const struct sc_cli_cmd *row = cmd_row(cli->cmd);

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
