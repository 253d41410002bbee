/*
 * outputs.h - the output table: one row per format, and writing every
 * requested output of a scan or a re-render.
 *
 * Every output format is one row of sc_output_fmts: its name (the word in
 * --formats and the key of an evidence directory), its command-line
 * option, its file name inside an output or evidence directory, one line
 * of help, what it needs, and its writer.  The option table (agent/cli.c),
 * the usage text, the man page and the shell completion take their output
 * options from this table, so adding a format is one writer file and one
 * row here.
 *
 * The scan and `stigcheck report --from FILE` call sc_outputs_write with
 * the same in-memory content and TestResult, so a re-render gives the files
 * the scan gave.  The outputs of one call are written all or none: each
 * is staged beside its destination (util/fsutil.h sc_stage_begin) and all
 * are renamed into place only when every one was written; the first
 * failure stops, removes the staged files and is returned, naming the
 * file.  A caller may open an enclosing stage to add files of its own
 * (--history).  The checklist mapping (checklist.h) and the SRG table are
 * built once, when a row that needs them is asked for.
 *
 * sc_outputs_check() runs before a scan (or a re-render, or diff --json),
 * so a run that cannot write its outputs fails at once rather than after
 * the work: every output's directory must exist and take a new file (a
 * temporary file is created there and removed), the path must not be a
 * directory nor "-" (standard output is the console's), no two outputs
 * may be the same file, and no output may be the input (from, may be
 * NULL).  Paths are compared after resolving their directories, so
 * "./a.xml" and "a.xml" are the same file.
 */
#ifndef SC_OUTPUTS_H
#define SC_OUTPUTS_H

#include <stddef.h>

#include "reports/checklist.h"
#include "util/err.h"
#include "xccdf/content.h"
#include "xccdf/result.h"

/* What a writer is given. */
struct sc_output_ctx {
	const struct sc_content *content;
	const struct sc_testresult *tr;
	/* built once when a chosen row has SC_OUTF_CHECKLIST, else NULL */
	const struct sc_checklist *cl;
	/* the GPOS SRG table, when a chosen row has SC_OUTF_SRG or
	 * SC_OUTF_CHECKLIST, else NULL */
	const struct sc_srg *srg;
};

typedef int sc_output_write_fn(const struct sc_output_ctx *ctx,
    const char *path, struct sc_err *err);

/* sc_output_fmt.flags */
#define SC_OUTF_CHECKLIST	0x1u	/* needs the checklist mapping */
#define SC_OUTF_CHECK_DOCS	0x2u	/* needs the engines' result documents */
#define SC_OUTF_SRG		0x4u	/* needs the SRG table (V-ids, SRG ids) */

struct sc_output_fmt {
	const char *name;	/* --formats word, evidence key: "arf" */
	const char *option;	/* long option without dashes: "results-arf" */
	const char *file;	/* name in an output/evidence directory */
	const char *help;	/* one line for --help and the man page */
	unsigned flags;
	sc_output_write_fn *write;
};

/* The table; sc_output_nfmts rows.  Order is the order files are written. */
extern const struct sc_output_fmt sc_output_fmts[];
extern const size_t sc_output_nfmts;

/* Upper bound on rows, for fixed arrays indexed like sc_output_fmts. */
#define SC_OUTPUT_MAX 32

/* Requested outputs: path[i] is the file for row i, or NULL. */
struct sc_outputs {
	const char *path[SC_OUTPUT_MAX];
};

/* The row named name (a --formats word), or -1. */
int sc_output_find(const char *name);

/* Whether any requested row has all of flags. */
int sc_outputs_need(const struct sc_outputs *o, unsigned flags);

int sc_outputs_write(const struct sc_outputs *o, const struct sc_content *c,
    const struct sc_testresult *tr, struct sc_err *err);

int sc_outputs_check(const struct sc_outputs *o, const char *from,
    struct sc_err *err);

#endif
