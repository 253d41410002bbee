/*
 * cli.h - the command line (architecture.md, "Command line").
 *
 *   stigcheck [--rootfs DIR | --container REF | --image PATH] [options] [CONTENT]
 *   stigcheck --all-containers --output-dir DIR [--formats LIST] [options] [CONTENT]
 *   stigcheck info [CONTENT | RESULTS]
 *   stigcheck report --from FILE [outputs]
 *   stigcheck diff [--json FILE|-] OLD NEW
 *   stigcheck help [COMMAND]
 *   stigcheck verify DIR [--ca CA.pem]
 *
 * Two tables define the command line, and everything a user reads about
 * it is generated from them: the usage text (--help, `help COMMAND`), the
 * man page's synopsis and option list, and the bash completion
 * (tools/clidoc.c, run at build time).
 *
 *   sc_cli_cmds   one row per command: name, synopsis, one-line summary.
 *   sc_cli_opts   one row per option: long and short name, argument, kind,
 *                 the commands it applies to, its usage group, help, and
 *                 where its value goes in struct sc_cli.  Output options
 *                 are not rows here: each row of the output table
 *                 (reports/outputs.h) is an option of the commands that
 *                 write outputs, stored in sc_cli.out.
 *
 * Adding an option is one field in struct sc_cli and one row; adding a
 * command is one enum value, one row (with its operand counts), and its
 * handler in main.c.
 *
 * Parsing never exits and never prints: a bad argument is SC_ERR_INVAL
 * with a one-line message.  A single-value option given twice, an option
 * that does not apply to the command, or two targets, is an error.
 */
#ifndef SC_CLI_H
#define SC_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "reports/outputs.h"
#include "util/err.h"
#include "util/mem.h"

enum sc_cmd {
	SC_CMD_EVAL,		/* scan a target (no command word) */
	SC_CMD_INFO,
	SC_CMD_REPORT,
	SC_CMD_HELP,
	SC_CMD_VERSION,
	SC_CMD_DIFF,
	SC_CMD_VERIFY,		/* verify DIR: an evidence directory */
	SC_CMD__COUNT
};
#define SC_CMD_BIT(c)	(1u << (c))
#define SC_CMD_ALL	((1u << SC_CMD__COUNT) - 1)

#define SC_CLI_MAX_ARGS 4	/* operands of one command, at most */

enum sc_color { SC_COLOR_AUTO, SC_COLOR_ALWAYS, SC_COLOR_NEVER };

struct sc_cli {
	enum sc_cmd cmd;
	const char *help_cmd;		/* help COMMAND */
	const char *args[SC_CLI_MAX_ARGS];	/* operands (sc_cli_cmd.min_args) */
	size_t nargs;
	/* target */
	const char *rootfs;
	const char *container;
	const char *image;
	struct sc_strv env;		/* --env NAME=VALUE */
	const char *target_name;
	int all_containers;		/* --all-containers (agent/fleetscan.h) */
	int include_mounts;		/* walk volumes and binds too */
	/* content */
	const char *content;		/* NULL: built-in */
	const char *profile;
	const char *tailoring;
	const char *datastream_id;
	const char *xccdf_id;
	const char *cmvp_table;		/* --cmvp-table FILE */
	const char *reviews;		/* --reviews FILE (xccdf/review.h) */
	/* outputs: path[i] for row i of sc_output_fmts */
	struct sc_outputs out;
	const char *from;		/* report --from */
	const char *output_dir;		/* --all-containers results */
	const char *formats;		/* --formats LIST (output table names) */
	/* selection and gates */
	struct sc_strv rules;		/* --rule ID (repeatable) */
	struct sc_strv skip_rules;	/* --skip-rule ID (repeatable) */
	const char *fail_on;		/* --fail-on high|medium|low */
	int errors_ok;
	const char *history;		/* --history DIR */
	const char *keep_word;		/* --keep N */
	unsigned keep;			/* decided from keep_word; 0 = all */
	const char *evidence;		/* --evidence DIR (agent/evidence.h) */
	const char *sign_key;		/* --sign-key KEY.pem */
	const char *sign_cert;		/* --sign-cert CERT.pem */
	const char *ca;			/* verify --ca CA.pem */
	/* console */
	int quiet;
	int verbose;
	const char *color_word;		/* --color WHEN */
	int no_color;
	enum sc_color color;		/* decided from the two above */
	int help;			/* -h given with a command */
};

enum sc_opt_kind {
	SC_OPT_FLAG,		/* int set to 1 */
	SC_OPT_COUNT,		/* int incremented (-v -v) */
	SC_OPT_ONE,		/* const char *; given twice is an error */
	SC_OPT_MANY,		/* struct sc_strv; repeatable */
};

struct sc_cli_opt {
	const char *name;	/* long name, without dashes */
	int shortopt;		/* 'q', or 0 */
	const char *arg;	/* "DIR"; NULL for flags */
	enum sc_opt_kind kind;
	unsigned cmds;		/* SC_CMD_BIT()s it applies to */
	const char *group;	/* heading in the usage text */
	const char *help;
	size_t off;		/* offsetof(struct sc_cli, field) */
	/* extra validation of one value (NULL: none) */
	int (*check)(struct sc_cli *cli, const char *val, struct sc_err *err);
};

struct sc_cli_cmd {
	const char *name;	/* NULL for the scan (no command word) */
	enum sc_cmd id;
	const char *synopsis;	/* after "stigcheck " */
	const char *summary;
	/*
	 * Positional arguments of a command with its own operands (diff OLD
	 * NEW, verify DIR): at least min_args, at most max_args, stored in
	 * sc_cli.args.  Both 0 for scan, info, report and help, whose one
	 * operand (CONTENT, COMMAND) has its own field.
	 */
	unsigned min_args, max_args;
};


extern const struct sc_cli_opt sc_cli_opts[];
extern const size_t sc_cli_nopts;
extern const struct sc_cli_cmd sc_cli_cmds[];
extern const size_t sc_cli_ncmds;
/* Commands that write outputs (the output table's options apply to them). */
#define SC_CLI_OUTPUT_CMDS (SC_CMD_BIT(SC_CMD_EVAL) | SC_CMD_BIT(SC_CMD_REPORT))

int sc_cli_parse(int argc, char **argv, struct sc_cli *cli,
    struct sc_err *err);
void sc_cli_free(struct sc_cli *cli);

/* The command row for a name, or NULL. */
const struct sc_cli_cmd *sc_cli_find_cmd(const char *name);
/* The row of a command id (the scan's row for an id without one). */
const struct sc_cli_cmd *sc_cli_cmd_row(enum sc_cmd id);

/*
 * Every option as one list, for the parser and the generated text: the
 * output table's rows first (as SC_OPT_ONE options of the output
 * commands), then the option table's rows.  v must hold SC_CLI_ALL_MAX.
 */
struct sc_cli_optview {
	const char *name;
	int shortopt;
	const char *arg;
	enum sc_opt_kind kind;
	unsigned cmds;
	const char *group;
	const char *help;
	int output;			/* row of sc_output_fmts, or -1 */
	const struct sc_cli_opt *row;	/* NULL for an output row */
};
#define SC_CLI_ALL_MAX (SC_OUTPUT_MAX + 128)
size_t sc_cli_all_opts(struct sc_cli_optview *v);

/* Usage-text headings, in order, NULL-terminated. */
extern const char *const sc_cli_groups[];

/*
 * Write the usage text for one command (SC_CMD_EVAL for the scan; the
 * overview of every command comes first for SC_CMD_EVAL and SC_CMD_HELP).
 */
void sc_cli_usage(FILE *fp, enum sc_cmd cmd);

#endif
