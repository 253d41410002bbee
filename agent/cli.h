/*
 * cli.h - the command line (architecture.md, "Command line").
 *
 *   stigcheck [--rootfs DIR | --container REF | --image PATH] [options] [CONTENT]
 *   stigcheck info [CONTENT]
 *   stigcheck report --from FILE [outputs]
 *
 * Option names follow `oscap xccdf eval` where one exists.  Parsing fills
 * a plain struct; main.c turns it into work.  Parsing never exits: a bad
 * argument is an SC_ERR_INVAL with a one-line message.
 */
#ifndef SC_CLI_H
#define SC_CLI_H

#include "util/err.h"
#include "util/mem.h"

enum sc_cmd { SC_CMD_EVAL, SC_CMD_INFO, SC_CMD_REPORT, SC_CMD_HELP,
	SC_CMD_VERSION };
enum sc_color { SC_COLOR_AUTO, SC_COLOR_ALWAYS, SC_COLOR_NEVER };

struct sc_cli {
	enum sc_cmd cmd;
	const char *rootfs;
	const char *container;
	const char *image;
	const char *content;		/* NULL: built-in */
	const char *profile;
	const char *tailoring;
	const char *datastream_id;
	const char *xccdf_id;
	const char *results;
	const char *results_arf;
	const char *report;
	const char *ckl;
	const char *cklb;
	const char *from;		/* report --from */
	const char *target_name;
	struct sc_strv env;		/* --env NAME=VALUE */
	int quiet;
	int verbose;
	enum sc_color color;
};

int sc_cli_parse(int argc, char **argv, struct sc_cli *cli,
    struct sc_err *err);
void sc_cli_free(struct sc_cli *cli);
/* The --help text. */
const char *sc_cli_usage(void);

#endif
