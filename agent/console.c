/*
 * console.c - terminal output (console.h).
 */
#include "console.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define C_RESET "\033[0m"

static const char *
color_of(enum sc_result r)
{
	switch (r) {
	case SC_RESULT_PASS:
	case SC_RESULT_FIXED:
		return "\033[32m";
	case SC_RESULT_FAIL:
		return "\033[1;31m";
	case SC_RESULT_ERROR:
	case SC_RESULT_UNKNOWN:
		return "\033[1;35m";
	case SC_RESULT_NOTCHECKED:
		return "\033[33m";
	default:
		return "\033[2m";
	}
}

int
sc_console_width(FILE *f)
{
	struct winsize ws;
	const char *c;
	long n;

	if (f == NULL || !isatty(fileno(f)))
		return 0;
	if (ioctl(fileno(f), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	/* a terminal that does not say its size: the shell's COLUMNS */
	if ((c = getenv("COLUMNS")) != NULL && (n = strtol(c, NULL, 10)) > 0 &&
	    n < 10000)
		return (int)n;
	return 80;
}

/* Print title in at most room columns (UTF-8 aware; "..." when cut). */
static void
put_title(FILE *f, const char *title, int room)
{
	size_t n = strlen(title), cut;

	if (room <= 0 || n <= (size_t)room) {
		fputs(title, f);
		return;
	}
	cut = room > 3 ? (size_t)room - 3 : 0;
	while (cut > 0 && ((unsigned char)title[cut] & 0xC0) == 0x80)
		cut--;
	fprintf(f, "%.*s...", (int)cut, title);
}

void
sc_console_cat_counts(const struct sc_testresult *tr, unsigned long cat[3])
{
	cat[0] = cat[1] = cat[2] = 0;
	for (size_t i = 0; i < tr->n_rr; i++) {
		if (tr->rr[i].result != SC_RESULT_FAIL)
			continue;
		if (tr->rr[i].severity == SC_SEV_HIGH)
			cat[0]++;
		else if (tr->rr[i].severity == SC_SEV_MEDIUM)
			cat[1]++;
		else if (tr->rr[i].severity == SC_SEV_LOW)
			cat[2]++;
	}
}

void
sc_console_print(FILE *f, const struct sc_testresult *tr,
    const struct sc_console_opts *o)
{
	unsigned long counts[SC_RESULT__COUNT];
	unsigned long cat[3];
	size_t i, j;
	int first = 1, width = sc_console_width(f);

	if (!o->quiet) {
		for (i = 0; i < tr->n_rr; i++) {
			const struct sc_rule_result *rr = &tr->rr[i];
			const char *title = rr->rule && rr->rule->title ?
			    rr->rule->title : "";

			if (rr->result == SC_RESULT_NOTSELECTED)
				continue;
			if (o->color)
				fprintf(f, "%s%-13s%s", color_of(rr->result),
				    sc_result_name(rr->result), C_RESET);
			else
				fprintf(f, "%-13s", sc_result_name(rr->result));
			fprintf(f, " %-7s %s  ", sc_severity_name(rr->severity),
			    rr->idref);
			/* on a terminal, the title ends at its right edge */
			if (width > 0) {
				int used = 13 + 1 + 7 + 1 + (int)strlen(rr->idref) + 2;

				put_title(f, title, width - used > 8 ?
				    width - used : 8);
			} else {
				fputs(title, f);
			}
			fputc('\n', f);
			if (rr->ovr) {
				char *ol = sc_override_line(rr->ovr);

				fprintf(f, "      %s\n", ol);
				free(ol);
			}
			if (o->verbose) {
				for (j = 0; j < rr->n_msgs; j++)
					fprintf(f, "      %s\n", rr->msgs[j].text);
				if (rr->dropped)
					fprintf(f, "      ... and %lu more\n",
					    rr->dropped);
			}
		}
	}
	sc_testresult_count(tr, counts);
	fprintf(f, "%s", o->quiet ? "" : "\n");
	for (i = 0; i < SC_RESULT__COUNT; i++) {
		if (counts[i] == 0 && i != SC_RESULT_PASS && i != SC_RESULT_FAIL &&
		    i != SC_RESULT_ERROR)
			continue;
		fprintf(f, "%s%s %lu", first ? "" : ", ",
		    sc_result_name((enum sc_result)i), counts[i]);
		first = 0;
	}
	/* the results above are final; this many came from a person */
	if (sc_testresult_overridden(tr) > 0)
		fprintf(f, ", %lu overridden", sc_testresult_overridden(tr));
	for (i = 0; i < tr->n_scores; i++)
		if (strcmp(tr->scores[i].system, "urn:xccdf:scoring:default") == 0)
			fprintf(f, "; score %.1f%%", tr->scores[i].score);
	/* what STIG users count: open findings by category */
	sc_console_cat_counts(tr, cat);
	fprintf(f, "; open findings CAT I %lu, CAT II %lu, CAT III %lu\n",
	    cat[0], cat[1], cat[2]);
	/* the headline FIPS verdict, when a FIPS rule ran (not with -q) */
	if (!o->quiet &&
	    sc_testresult_fact(tr, "urn:stigcheck:fact:fips:summary")) {
		/* cut to the terminal's width like the titles; whole in files */
		put_title(f, sc_testresult_fact(tr,
		    "urn:stigcheck:fact:fips:summary"), width);
		fputc('\n', f);
	}
	if (o->quiet)
		for (i = 0; i < tr->n_rr; i++)
			if (tr->rr[i].result == SC_RESULT_FAIL)
				fprintf(f, "%s\n", tr->rr[i].idref);
}
