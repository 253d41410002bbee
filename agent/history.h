/*
 * history.h - `--history DIR --keep N`: each run's results kept under a
 * timestamped name, the oldest beyond N removed, so a cron job or a
 * Kubernetes CronJob needs nothing else (docs/ci.md).
 *
 * A run stores its XCCDF 1.2 results (what `stigcheck diff` and
 * `stigcheck report --from` read) as DIR/TARGET.YYYYmmddTHHMMSSZ.xml:
 * TARGET is the target's name with anything but letters, digits, '.',
 * '_' and '-' made '_'; the time is the scan's start (UTC).  A second run
 * in the same second gets "~01" ... "~99" before ".xml", so names sort in
 * run order.  The file is written with the run's other outputs, all or
 * none (outputs.h).  Afterwards, of the files of that TARGET whose names
 * have this form, all but the newest N are removed (N 0: keep all);
 * nothing else in DIR is touched.
 *
 * sc_history_check() runs before the scan: DIR is created when missing
 * (one level, mode 0755), and must be a directory that takes new files.
 */
#ifndef SC_HISTORY_H
#define SC_HISTORY_H

#include "util/err.h"
#include "xccdf/content.h"
#include "xccdf/result.h"

/* "N" (0 to 100000) into *keep; SC_ERR_INVAL otherwise. */
int sc_history_parse_keep(const char *s, unsigned *keep, struct sc_err *err);

int sc_history_check(const char *dir, struct sc_err *err);

/* Write (staged, util/fsutil.h) this run's results into dir; *path gets
 * the file's name (caller frees; may be NULL). */
int sc_history_store(const char *dir, const struct sc_content *c,
    const struct sc_testresult *tr, char **path, struct sc_err *err);

/* Remove all but the newest keep files of tr's target (keep 0: none). */
int sc_history_prune(const char *dir, const struct sc_testresult *tr,
    unsigned keep, struct sc_err *err);

#endif
