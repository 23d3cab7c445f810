/* analysis_incremental.c — an analysis kept open between edits
 * (analysis_incremental.h): re-extracting one TU, then loading, linking,
 * coloring and checking the stored program again; or, when files changed
 * on disk, the whole run again. */
#include "analysis_incremental.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "extract.h"
#include "hash.h"

static double session_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* The options of the first run, for the next whole run. */
static struct lc_analysis_options session_options(const struct lc_analysis_session *session, FILE *err)
{
    struct lc_analysis_options options = {
        .build_dir = session->build_dir,
        .db_path = session->db_path,
        .jobs = session->jobs,
        .rules_files = (const char *const *)session->rules_files,
        .rules_file_count = session->rules_file_count,
        .cpu_heavy_level = session->cpu_heavy_level,
        .disabled_checks = session->disabled_checks,
        .err = err,
    };
    return options;
}

static int session_keep_options(struct lc_analysis_session *session, const struct lc_analysis_options *options)
{
    session->build_dir = strdup(options->build_dir);
    session->db_path = strdup(lc_store_path(session->analysis.store));
    session->rules_files = calloc(options->rules_file_count + 1, sizeof *session->rules_files);
    if (!session->build_dir || !session->db_path || !session->rules_files)
        return -1;
    for (size_t i = 0; i < options->rules_file_count; i++)
        if (!(session->rules_files[session->rules_file_count++] = strdup(options->rules_files[i])))
            return -1;
    session->jobs = options->jobs;
    session->cpu_heavy_level = options->cpu_heavy_level;
    session->disabled_checks = options->disabled_checks;
    return 0;
}

int lc_analysis_session_open(struct lc_analysis_session *session, const struct lc_analysis_options *options)
{
    memset(session, 0, sizeof *session);
    int rc = lc_analysis_run(&session->analysis, options);
    if (rc < 0)
        return rc;
    session->extractor = lc_extractor_new();
    if (session_keep_options(session, options) != 0 || !session->extractor) {
        fprintf(options->err, "loopcheck: out of memory\n");
        return -1;
    }
    lc_analysis_configure_extractor(&session->analysis, session->extractor);
    return rc;
}

void lc_analysis_session_close(struct lc_analysis_session *session)
{
    lc_analysis_free(&session->analysis);
    lc_extractor_free(session->extractor);
    for (size_t i = 0; i < session->rules_file_count; i++)
        free(session->rules_files[i]);
    free(session->rules_files);
    free(session->build_dir);
    free(session->db_path);
    memset(session, 0, sizeof *session);
}

const struct lc_compile_command *lc_analysis_find_command(const struct lc_analysis *analysis, const char *file)
{
    for (size_t i = 0; file && i < analysis->compdb.count; i++)
        if (strcmp(analysis->compdb.commands[i].file, file) == 0)
            return &analysis->compdb.commands[i];
    return NULL;
}

/* A fresh connection: the store remembers what it saw of each file on
 * disk for as long as it is open, and files change between updates. */
static int session_reopen_store(struct lc_analysis_session *session, FILE *err)
{
    lc_store_close(session->analysis.store);
    session->analysis.store = lc_store_open(session->db_path, err);
    return session->analysis.store ? 0 : -1;
}

/* Load, link, color and check the stored program again. */
static enum lc_update_status session_relink(struct lc_analysis_session *session, FILE *err)
{
    struct lc_analysis *analysis = &session->analysis;
    double start = session_now_ms();
    lc_program_free(&analysis->program);
    lc_findings_free(&analysis->findings);
    lc_findings_init(&analysis->findings);
    if (lc_analysis_relink(analysis, session->cpu_heavy_level, session->disabled_checks, err) != 0) {
        fprintf(err, "loopcheck: the analysis could not complete\n");
        lc_program_free(&analysis->program);
        return LC_UPDATE_FAILED;
    }
    session->relink_ms = session_now_ms() - start;
    return LC_UPDATE_DONE;
}

/* Parse one TU and store its facts (or its failure).  An unsaved buffer is
 * stored under a fingerprint no file on disk has; when it fails to parse
 * nothing is stored.  Returns 0, 1 when it did not parse (*parse_error
 * set), -1 when the store failed. */
static int session_extract(struct lc_analysis_session *session, const struct lc_compile_command *command,
                           const char *unsaved, unsigned long length, FILE *err, char **parse_error)
{
    struct lc_tu_facts facts;
    lc_tu_facts_init(&facts);
    double start = session_now_ms();
    int parsed = lc_extract_tu(session->extractor, command, unsaved, length, &facts) == 0;
    double parse_ms = session_now_ms() - start;
    int rc = 0;
    if (!parsed) {
        *parse_error = strdup(facts.error ? facts.error : "loopcheck: the TU failed to parse");
        rc = 1;
    }
    if (parsed || !unsaved) {
        struct lc_compile_command stored = *command;
        if (unsaved) {
            stored.args_hash = lc_hash_fnv1a64(unsaved, length, command->args_hash);
            if (stored.args_hash == command->args_hash)
                stored.args_hash ^= 1;
        }
        if (lc_store_save_tu(session->analysis.store, &stored, &facts, parse_ms, err) != 0)
            rc = -1;
    }
    lc_tu_facts_free(&facts);
    session->parse_ms += session_now_ms() - start;
    return rc;
}

enum lc_update_status lc_analysis_update_tu(struct lc_analysis_session *session, const char *file,
                                            const char *unsaved, unsigned long length, FILE *err,
                                            char **parse_error)
{
    *parse_error = NULL;
    session->parse_ms = session->relink_ms = 0;
    const struct lc_compile_command *command = lc_analysis_find_command(&session->analysis, file);
    if (!command)
        return LC_UPDATE_NOT_IN_COMPDB;
    if (session_reopen_store(session, err) != 0)
        return LC_UPDATE_FAILED;
    int extracted = session_extract(session, command, unsaved, length, err, parse_error);
    if (extracted < 0)
        return LC_UPDATE_FAILED;
    if (extracted > 0 && unsaved)
        return LC_UPDATE_PARSE_FAILED;
    enum lc_update_status status = session_relink(session, err);
    if (status == LC_UPDATE_DONE && !unsaved)
        lc_store_save_results(session->analysis.store, &session->analysis.program, &session->analysis.findings,
                              err);
    return status == LC_UPDATE_DONE && extracted > 0 ? LC_UPDATE_PARSE_FAILED : status;
}

enum lc_update_status lc_analysis_refresh(struct lc_analysis_session *session, FILE *err, size_t *reparsed,
                                          size_t *failed)
{
    *reparsed = *failed = 0;
    session->parse_ms = session->relink_ms = 0;
    if (session_reopen_store(session, err) != 0)
        return LC_UPDATE_FAILED;
    const struct lc_compdb *compdb = &session->analysis.compdb;
    size_t stale = 0;
    for (size_t i = 0; i < compdb->count && stale == 0; i++) {
        char *stored_error = NULL;
        stale += lc_store_tu_state(session->analysis.store, &compdb->commands[i], &stored_error) == LC_TU_STALE;
        free(stored_error);
    }
    if (stale == 0)
        return LC_UPDATE_DONE;
    double start = session_now_ms();
    struct lc_analysis_options options = session_options(session, err);
    lc_analysis_free(&session->analysis);
    int rc = lc_analysis_run(&session->analysis, &options);
    lc_analysis_configure_extractor(&session->analysis, session->extractor);   /* the models were read again */
    session->relink_ms = session_now_ms() - start;
    *reparsed = session->analysis.stats.parsed;
    *failed = session->analysis.stats.failed;
    return rc < 0 ? LC_UPDATE_FAILED : *failed > 0 ? LC_UPDATE_PARSE_FAILED : LC_UPDATE_DONE;
}

uint32_t lc_analysis_function_at(const struct lc_program *program, const char *file, unsigned line, unsigned col)
{
    for (uint32_t f = 0; file && f < program->function_count; f++) {
        const struct lc_location *loc = &program->functions[f].loc;
        if (loc->line == line && loc->col == col && loc->file && strcmp(loc->file, file) == 0)
            return f;
    }
    return LC_NONE;
}
