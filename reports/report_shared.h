/* report_shared.h — what the report writers share (implemented in report.c):
 * paths shown relative to the base directory, file paths as URIs for SARIF,
 * and source lines read once per file for SARIF fingerprints.  Private to
 * reports/. */
#ifndef LOOPCHECK_REPORT_SHARED_H
#define LOOPCHECK_REPORT_SHARED_H

#include <stddef.h>

#include "arena.h"
#include "strmap.h"


/* `path` percent-encoded for the path part of a URI: every byte but ASCII
 * letters, digits, "-._~" and "/" becomes %XX.  In `arena`; NULL when memory
 * runs out. */
char *lc_report_uri_encode_path(struct lc_arena *arena, const char *path);

/* "file:///abs/path" for an absolute path; with `directory` set the URI ends
 * in "/" as SARIF wants for a base URI.  In `arena`; NULL on no memory. */
char *lc_report_file_uri(struct lc_arena *arena, const char *path,
                         int directory);

/* One source file read for its lines. */
struct lc_report_source {
    char *text;            /* NULL when the file could not be read */
    size_t *line_starts;   /* offset of each line in text */
    size_t line_count;
};

/* Files read so far, by path (the path strings must outlive the cache). */
struct lc_report_sources {
    struct lc_strmap by_path;
    struct lc_report_source *files;
    size_t count, cap;
};

void lc_report_sources_init(struct lc_report_sources *sources);
void lc_report_sources_free(struct lc_report_sources *sources);
/* Line `line` (1-based) of `path` without its line break, its length in
 * *length; NULL when the file or the line does not exist. */
const char *lc_report_sources_line(struct lc_report_sources *sources,
                                   const char *path, unsigned line,
                                   size_t *length);

#endif
