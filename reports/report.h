/* report.h — writing findings: compiler-style text, JSON and SARIF 2.1.0. */
#ifndef LOOPCHECK_REPORT_H
#define LOOPCHECK_REPORT_H

#include <stdio.h>

#include "checks.h"
#include "finding.h"

enum lc_format {
    LC_FORMAT_TEXT,
    LC_FORMAT_JSON,
    LC_FORMAT_SARIF,
};

struct lc_report_options {
    const char *base_dir;       /* paths under it are printed relative to it
                                   (SARIF: uriBaseId "SRCROOT"); NULL: absolute */
    const char *tool_version;   /* "0.1.0" */
    const char *docs_base_uri;  /* rule help URIs are docs_base_uri + check->doc */
};

/* `file` relative to `base_dir` when it lies under it (a pointer into
 * `file`), else `file` itself.  Both are absolute; NULL base_dir: `file`. */
const char *lc_report_display_path(const char *file, const char *base_dir);

/* "text" | "json" | "sarif" -> format; -1 when unknown. */
int lc_format_parse(const char *name);

/* Write every finding.  Suppressed ones: text leaves them out; JSON lists
 * them with "suppressed": true; SARIF carries them with a `suppressions`
 * entry.
 * Returns 0, or -1 when writing failed. */
int lc_report_write(enum lc_format format, FILE *out,
                    const struct lc_findings *findings,
                    const struct lc_report_options *options);

int lc_report_write_text(FILE *out, const struct lc_findings *findings,
                         const struct lc_report_options *options);
int lc_report_write_json(FILE *out, const struct lc_findings *findings,
                         const struct lc_report_options *options);
int lc_report_write_sarif(FILE *out, const struct lc_findings *findings,
                          const struct lc_report_options *options);

#endif
