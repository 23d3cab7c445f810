/* analysis_incremental.h — an analysis kept open between edits (the LSP
 * adapter drives it): the whole program is analysed once, as by
 * lc_analysis_run; afterwards one TU at a time is extracted again — from
 * disk, or from an editor's unsaved buffer — and the stored graph is loaded,
 * linked, colored and checked again.
 *
 * Unsaved buffers and the shared cache: the facts of an unsaved buffer are
 * saved into the store like any TU's, but under a fingerprint that cannot
 * match the file on disk (the hash of the compile command continued over
 * the buffer's bytes), so the next `loopcheck check` — or the next update
 * from disk — parses that TU again instead of trusting facts of text that
 * was never saved. */
#ifndef LOOPCHECK_ANALYSIS_INCREMENTAL_H
#define LOOPCHECK_ANALYSIS_INCREMENTAL_H

#include <stdint.h>
#include <stdio.h>

#include "analysis.h"
#include "extract.h"

struct lc_analysis_session {
    struct lc_analysis analysis;   /* program and findings of the last update */
    /* The options of the first run, copied, for whole runs again. */
    char *build_dir, *db_path;     /* db_path: the store, reopened by every
                                      update so what it knows of files on
                                      disk is fresh */
    char **rules_files;
    size_t rules_file_count;
    int jobs;
    unsigned cpu_heavy_level;
    uint32_t disabled_checks;
    struct lc_extractor *extractor;
    double parse_ms, relink_ms;    /* the last update's extraction (and
                                      storing), and its relinking and checks */
};

/* What an update did. */
enum lc_update_status {
    LC_UPDATE_DONE = 0,          /* extracted, linked, colored, checked */
    LC_UPDATE_PARSE_FAILED,      /* the TU did not parse: *parse_error says why;
                                    from disk the failure is stored (the TU drops
                                    out, as in the CLI); an unsaved buffer that
                                    fails leaves the program as it was */
    LC_UPDATE_NOT_IN_COMPDB,     /* the file is no TU of the compile database */
    LC_UPDATE_FAILED = -1,       /* the store or the relinking failed (one
                                    line on `err`); the program is empty */
};

/* Run the whole analysis (lc_analysis_run) and keep it open.  Returns what
 * lc_analysis_run returns; close the session in every case. */
int lc_analysis_session_open(struct lc_analysis_session *session,
                             const struct lc_analysis_options *options);
void lc_analysis_session_close(struct lc_analysis_session *session);

/* The compile command of `file` (absolute, normalised), or NULL. */
const struct lc_compile_command *lc_analysis_find_command(const struct lc_analysis *analysis,
                                                          const char *file);

/* Extract `file` again — from `unsaved`/`length` when unsaved is not NULL,
 * else from disk — store it, and relink, color and check the whole stored
 * program.  *parse_error (malloc'd, or NULL) receives the parse error. */
enum lc_update_status lc_analysis_update_tu(struct lc_analysis_session *session, const char *file,
                                            const char *unsaved, unsigned long length, FILE *err,
                                            char **parse_error);

/* When any TU's file, flags or headers changed on disk since it was stored
 * (a header was saved, files changed outside the editor), run the whole
 * analysis again as lc_analysis_run does: the changed TUs are parsed in
 * parallel, the others reused; the compile database and the models are
 * read again too.  *reparsed receives how many TUs were parsed, *failed how
 * many TUs do not parse (each reported on `err`). */
enum lc_update_status lc_analysis_refresh(struct lc_analysis_session *session, FILE *err,
                                          size_t *reparsed, size_t *failed);

/* The function whose declaration names it at exactly file:line:col (the
 * location the program keeps: its definition, else its first declaration),
 * or LC_NONE. */
uint32_t lc_analysis_function_at(const struct lc_program *program, const char *file,
                                 unsigned line, unsigned col);

#endif
