/*
 * clidoc.c - generate the man page's synopsis and option list, and the
 * bash completion, from the command and option tables (agent/cli.h), so
 * that what a user reads and what the parser accepts cannot drift.
 *
 *   clidoc man TEMPLATE OUT    copy an mdoc template, replacing the lines
 *                              `.\" @SYNOPSIS@` and `.\" @OPTIONS@`
 *   clidoc bash OUT            write a bash completion script
 *
 * A build-time tool: it is linked with the library but is not part of it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *
cmd_word(const struct sc_cli_cmd *c)
{
	return c->name ? c->name : "scan";
}

/* mdoc text: a line may not start with '.' or '\''; backslash is \e. */
static void
roff_text(FILE *fp, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", fp);
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", fp);
		else
			fputc(*s, fp);
	}
}

/* The option's arg/flag as mdoc macros: "Fl q" or "Fl -rootfs Ar DIR". */
static void
mdoc_flag(FILE *fp, const struct sc_cli_optview *o, int brief)
{
	if (brief && o->shortopt)
		fprintf(fp, "Fl %c", o->shortopt);
	else
		fprintf(fp, "Fl -%s", o->name);
	if (o->arg)
		fprintf(fp, " Ar %s", o->arg);
}

/*
 * The operands of a command, from its synopsis: upper-case words that do
 * not follow an option ("[CONTENT]", "OLD NEW", "DIR").  Options the
 * synopsis names without brackets are required.
 */
static void
mdoc_operands(FILE *fp, const char *synopsis)
{
	char buf[256], *tok, *save = NULL, *prev = NULL;

	snprintf(buf, sizeof(buf), "%s", synopsis);
	for (tok = strtok_r(buf, " ", &save); tok;
	    prev = tok, tok = strtok_r(NULL, " ", &save)) {
		int opt = tok[0] == '[' ? 1 : 0;
		size_t n = strlen(tok);
		const char *w = tok + opt;
		int upper = 1;

		if (prev && (prev[0] == '-' || (prev[0] == '[' && prev[1] == '-')))
			continue;
		if (n > 0 && tok[n - 1] == ']')
			tok[--n] = '\0';
		for (const char *p = w; *p; p++)
			if (!((*p >= 'A' && *p <= 'Z') || *p == '.' || *p == '_'))
				upper = 0;
		if (!upper || *w == '\0')
			continue;
		fprintf(fp, opt ? ".Op Ar %s\n" : ".Ar %s\n", w);
	}
}

static int
required_in(const char *synopsis, const char *name)
{
	char pat[80];
	const char *p;

	snprintf(pat, sizeof(pat), "--%s", name);
	for (p = synopsis; (p = strstr(p, pat)) != NULL; p++) {
		int depth = 0;

		for (const char *q = synopsis; q < p; q++)
			depth += *q == '[' ? 1 : *q == ']' ? -1 : 0;
		if (depth == 0 && (p == synopsis || p[-1] == ' '))
			return 1;
	}
	return 0;
}

static void
gen_synopsis(FILE *fp)
{
	struct sc_cli_optview v[SC_CLI_ALL_MAX];
	size_t n = sc_cli_all_opts(v), i, j, g;

	for (i = 0; i < sc_cli_ncmds; i++) {
		const struct sc_cli_cmd *c = &sc_cli_cmds[i];
		unsigned bit = SC_CMD_BIT(c->id);

		fputs(".Nm\n", fp);
		if (c->name)
			fprintf(fp, ".Cm %s\n", c->name);
		/* by usage group; -h and -V (every command) are left out */
		for (g = 0; sc_cli_groups[g]; g++)
		for (j = 0; j < n; j++) {
			if (!(v[j].cmds & bit) || c->id == SC_CMD_HELP ||
			    v[j].cmds == SC_CMD_ALL ||
			    strcmp(v[j].group, sc_cli_groups[g]))
				continue;
			fputs(required_in(c->synopsis, v[j].name) ? "." : ".Op ",
			    fp);
			mdoc_flag(fp, &v[j], 1);
			fputs("\n", fp);
		}
		mdoc_operands(fp, c->synopsis);
	}
}

static void
gen_options(FILE *fp)
{
	struct sc_cli_optview v[SC_CLI_ALL_MAX];
	size_t n = sc_cli_all_opts(v), i, g, k;

	for (g = 0; sc_cli_groups[g]; g++) {
		int head = 0;

		for (i = 0; i < n; i++) {
			if (strcmp(v[i].group, sc_cli_groups[g]))
				continue;
			if (!head++)
				fprintf(fp, ".Ss %s\n.Bl -tag -width Ds\n",
				    sc_cli_groups[g]);
			fputs(".It ", fp);
			if (v[i].shortopt) {
				fprintf(fp, "Fl %c", v[i].shortopt);
				if (v[i].arg)
					fprintf(fp, " Ar %s", v[i].arg);
				fputs(" , ", fp);
			}
			mdoc_flag(fp, &v[i], 0);
			fputs("\n", fp);
			roff_text(fp, v[i].help);
			fputs(".\n", fp);
			if ((v[i].cmds & SC_CMD_ALL) != SC_CMD_ALL) {
				int first = 1;

				fputs("For:", fp);
				for (k = 0; k < sc_cli_ncmds; k++)
					if (v[i].cmds & SC_CMD_BIT(sc_cli_cmds[k].id)) {
						fprintf(fp, "%s %s", first ? "" : ",",
						    cmd_word(&sc_cli_cmds[k]));
						first = 0;
					}
				fputs(".\n", fp);
			}
			if (v[i].kind == SC_OPT_MANY)
				fputs("May be given more than once.\n", fp);
		}
		if (head)
			fputs(".El\n", fp);
	}
}

static int
gen_man(const char *tmpl, const char *out)
{
	FILE *in = NULL, *fp = NULL;
	char line[4096];
	int rc = 1, seen = 0;

	if ((in = fopen(tmpl, "r")) == NULL || (fp = fopen(out, "w")) == NULL) {
		perror(in ? out : tmpl);
		goto out;
	}
	while (fgets(line, sizeof(line), in)) {
		if (strcmp(line, ".\\\" @SYNOPSIS@\n") == 0) {
			gen_synopsis(fp);
			seen |= 1;
		} else if (strcmp(line, ".\\\" @OPTIONS@\n") == 0) {
			gen_options(fp);
			seen |= 2;
		} else {
			fputs(line, fp);
		}
	}
	if (seen != 3) {
		fprintf(stderr, "%s: lacks the @SYNOPSIS@ or @OPTIONS@ line\n",
		    tmpl);
		goto out;
	}
	rc = ferror(fp) ? 1 : 0;
out:
	if (in)
		fclose(in);
	if (fp && fclose(fp) != 0)
		rc = 1;
	return rc;
}

/* How to complete an option's argument, from its argument name. */
static const char *
arg_action(const char *arg)
{
	if (strcmp(arg, "DIR") == 0)
		return "COMPREPLY=($(compgen -d -- \"$cur\"))";
	if (strcmp(arg, "WHEN") == 0)
		return "COMPREPLY=($(compgen -W 'auto always never' -- \"$cur\"))";
	if (strstr(arg, "FILE") || strcmp(arg, "PATH") == 0 ||
	    strstr(arg, ".pem"))
		return "COMPREPLY=($(compgen -f -- \"$cur\"))";
	return "COMPREPLY=()";
}

/* The command words (not the scan's), separated by sep. */
static void
put_cmd_words(FILE *fp, const char *sep)
{
	size_t k, i = 0;

	for (k = 0; k < sc_cli_ncmds; k++)
		if (sc_cli_cmds[k].name)
			fprintf(fp, "%s%s", i++ ? sep : "", sc_cli_cmds[k].name);
}

static int
gen_bash(const char *out)
{
	struct sc_cli_optview v[SC_CLI_ALL_MAX];
	size_t n = sc_cli_all_opts(v), i, k;
	FILE *fp;

	if ((fp = fopen(out, "w")) == NULL) {
		perror(out);
		return 1;
	}
	fputs("# bash completion for stigcheck; generated by tools/clidoc.c "
	    "from the option table.\n_stigcheck()\n{\n"
	    "\tlocal cur=${COMP_WORDS[COMP_CWORD]} "
	    "prev=${COMP_WORDS[COMP_CWORD-1]} cmd=scan i\n"
	    "\tfor ((i = 1; i < COMP_CWORD; i++)); do\n"
	    "\t\tcase ${COMP_WORDS[i]} in\n\t\t", fp);
	put_cmd_words(fp, "|");
	fputs(") cmd=${COMP_WORDS[i]}; break ;;\n"
	    "\t\t-*) ;;\n\t\t*) break ;;\n\t\tesac\n\tdone\n"
	    "\tcase $prev in\n", fp);
	for (i = 0; i < n; i++) {
		if (!v[i].arg)
			continue;
		fprintf(fp, "\t--%s", v[i].name);
		if (v[i].shortopt)
			fprintf(fp, "|-%c", v[i].shortopt);
		fprintf(fp, ") %s; return ;;\n", arg_action(v[i].arg));
	}
	fputs("\tesac\n\tif [[ $cmd == help ]]; then\n"
	    "\t\tCOMPREPLY=($(compgen -W 'scan", fp);
	for (k = 0; k < sc_cli_ncmds; k++)
		if (sc_cli_cmds[k].name)
			fprintf(fp, " %s", sc_cli_cmds[k].name);
	fputs("' -- \"$cur\"))\n\t\treturn\n\tfi\n\tlocal opts\n"
	    "\tcase $cmd in\n", fp);
	for (k = 0; k < sc_cli_ncmds; k++) {
		unsigned bit = SC_CMD_BIT(sc_cli_cmds[k].id);

		fprintf(fp, "\t%s) opts='", cmd_word(&sc_cli_cmds[k]));
		for (i = 0; i < n; i++)
			if (v[i].cmds & bit)
				fprintf(fp, "%s--%s", i ? " " : "", v[i].name);
		fputs("' ;;\n", fp);
	}
	fputs("\tesac\n\tif [[ $cur == -* ]]; then\n"
	    "\t\tCOMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
	    "\telif [[ $cmd == scan && $COMP_CWORD == 1 ]]; then\n"
	    "\t\tCOMPREPLY=($(compgen -W '", fp);
	put_cmd_words(fp, " ");
	fputs("' -- \"$cur\") $(compgen -f -- \"$cur\"))\n"
	    "\telse\n\t\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n\tfi\n}\n"
	    "complete -o filenames -F _stigcheck stigcheck\n", fp);
	if (fclose(fp) != 0) {
		perror(out);
		return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "man") == 0)
		return gen_man(argv[2], argv[3]);
	if (argc == 3 && strcmp(argv[1], "bash") == 0)
		return gen_bash(argv[2]);
	fprintf(stderr, "usage: clidoc man TEMPLATE OUT | clidoc bash OUT\n");
	return 2;
}
