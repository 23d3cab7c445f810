/* analysis.h — one whole analysis: models, compile database, parallel
 * extraction into the store (skipping unchanged TUs), linking, coloring and
 * every check.  The CLI and the LSP adapter drive it. */
#ifndef LOOPCHECK_ANALYSIS_H
#define LOOPCHECK_ANALYSIS_H

#include <stddef.h>
#include <stdio.h>

#include "compdb.h"
#include "finding.h"
#include "models.h"
#include "program.h"
#include "store.h"

struct lc_analysis_options {
    const char *build_dir;          /* holds compile_commands.json */
    const char *db_path;            /* NULL: BUILD_DIR/loopcheck.db */
    int jobs;                       /* parallel parsers; <= 0: one per core */
    const char *const *rules_files; /* --rules, loaded after the defaults */
    size_t rules_file_count;
    unsigned cpu_heavy_level;       /* cpu-heavy-loop threshold; 0: default */
    uint32_t disabled_checks;       /* bit i: lc_checks[i] does not run
                                       (--checks, rules/checks.h) */
    FILE *err;                      /* diagnostics, one line each */
    /* --shard K/N: extract only the K-th (1-based) of N slices of the
     * compile database into the store, and stop there (no linking, no
     * checks; `loopcheck merge` combines the shards).  The slices: the
     * files sorted by path, the i-th (0-based) goes to slice i % N + 1.
     * shard_count 0: no sharding. */
    unsigned shard_index, shard_count;
    /* When no TU is parsed again and the stored results were computed from
     * the same rules and options (analysis_reuse.c), report them without
     * linking again: the program stays empty (the CLI sets it; a caller that
     * needs the program does not). */
    int reuse_results;
};

/* The phases of a run, timed for `loopcheck check --stats`. */
enum lc_analysis_phase {
    LC_PHASE_MODELS,        /* rules files */
    LC_PHASE_COMPDB,        /* compile_commands.json */
    LC_PHASE_OPEN,          /* opening the store */
    LC_PHASE_FINGERPRINTS,  /* which TUs changed */
    LC_PHASE_PARSE,         /* extraction of the changed TUs, and storing it */
    LC_PHASE_RETAIN,        /* forgetting TUs gone from the compile database */
    LC_PHASE_REUSE,         /* the results key; the stored results when it matches */
    LC_PHASE_LOAD,          /* the stored facts into memory */
    LC_PHASE_FPFLOW,        /* function pointers, registrations */
    LC_PHASE_COLOR,         /* colors */
    LC_PHASE_CHECKS,        /* every check, sorting, suppressions */
    LC_PHASE_RESULTS,       /* registrations, colors, findings into the store */
    LC_PHASE_COUNT
};

struct lc_analysis_stats {
    size_t tus, parsed, reused, failed;
    uint32_t functions, calls, entry_points, cut_pointers;
    size_t findings, suppressed;
    size_t rules_errors;
    double seconds;
    double phase_seconds[LC_PHASE_COUNT];
    size_t shard_of;                /* sharding: TUs in the whole compile
                                       database (tus: in this shard) */
    int results_reused;             /* the findings came from the store */
};

struct lc_analysis {
    struct lc_models models;
    struct lc_lock_vocabulary lock_vocabulary;  /* from the models */
    struct lc_arena arena;                      /* lock_vocabulary's lists */
    struct lc_compdb compdb;
    struct lc_store *store;
    struct lc_program program;
    struct lc_findings findings;
    struct lc_analysis_stats stats;
};

/* Run everything.  Returns 0 when all input was read, 1 when the analysis
 * ran but some input was bad (a TU failed, a rules file had errors: each
 * reported on options->err), -1 when it could not run at all (no compile
 * database, no database).  Free with lc_analysis_free in every case. */
int lc_analysis_run(struct lc_analysis *analysis, const struct lc_analysis_options *options);
void lc_analysis_free(struct lc_analysis *analysis);

/* analysis_reuse.c: the key of this run's results (rules, options, stored
 * TUs); reading the stored results when their stamp is that key (1 reused,
 * 0 not, -1 error); stamping the results just stored with the key.  Each
 * returns -1 on error (after a line on `err` for the last two). */
int lc_analysis_results_key(const struct lc_analysis_options *options, struct lc_store *store, uint64_t *key);
int lc_analysis_reuse_results(struct lc_analysis *analysis, uint64_t key, FILE *err);
int lc_analysis_stamp_results(struct lc_analysis *analysis, uint64_t key, FILE *err);

/* Print the time of each phase and the peak RSS, one line each
 * ("loopcheck: stats: load 0.412 s"). */
void lc_analysis_print_stats(const struct lc_analysis_stats *stats, FILE *out);

struct lc_extractor;
/* Give an extractor what the analysis knows that the walk needs (the lock
 * functions of the models). */
void lc_analysis_configure_extractor(const struct lc_analysis *analysis, struct lc_extractor *extractor);

/* Load the stored facts as one program, link and color it, run every check
 * and fill the statistics: what lc_analysis_run does after extraction, for
 * callers (the LSP) that re-extract one TU and need the rest again.  The
 * program and findings must be empty.  Returns 0, or -1 after a line on
 * `err`. */
int lc_analysis_relink(struct lc_analysis *analysis, unsigned cpu_heavy_level, uint32_t disabled_checks,
                       FILE *err);

/* The directory of the models shipped with loopcheck: $LOOPCHECK_RULES_DIR,
 * else next to the installed binary, else the source tree's rules/. */
const char *lc_default_rules_dir(void);

/* The project's own models: the first `.loopcheck` file in BUILD_DIR or a
 * directory above it (malloc'd path), or NULL.  Loaded after the shipped
 * models and before --rules files. */
char *lc_project_rules_file(const char *build_dir);

/* Write registrations, colors and findings of the analysis into the store
 * (store_results.c).  Returns 0 or -1 after one line on `err`. */
int lc_store_save_results(struct lc_store *store, const struct lc_program *program,
                          const struct lc_findings *findings, FILE *err);

#endif
