/* analysis.c — the pipeline of analysis.h: models → compile database →
 * extraction (parallel, cached) → program → function-pointer flow →
 * colors → checks → suppressions → results in the store. */
#include "analysis.h"

#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "checks.h"
#include "extract.h"
#include "hash.h"

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Add the time since *mark to `phase`, and move the mark. */
static void analysis_phase_done(struct lc_analysis *analysis, enum lc_analysis_phase phase, double *mark)
{
    double now = now_seconds();
    analysis->stats.phase_seconds[phase] += now - *mark;
    *mark = now;
}

static int is_directory(const char *path)
{
    struct stat st;
    return path && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *lc_default_rules_dir(void)
{
    static _Thread_local char installed[PATH_MAX];
    const char *env = getenv("LOOPCHECK_RULES_DIR");
    if (env && *env)
        return env;
    ssize_t n = readlink("/proc/self/exe", installed, sizeof installed - 1);
    if (n > 0) {
        installed[n] = '\0';
        char *slash = strrchr(installed, '/');
        if (slash && (size_t)(slash - installed) + sizeof "/../share/loopcheck/rules" < sizeof installed) {
            strcpy(slash, "/../share/loopcheck/rules");
            if (is_directory(installed))
                return installed;
        }
    }
    if (is_directory(LOOPCHECK_SOURCE_RULES_DIR))
        return LOOPCHECK_SOURCE_RULES_DIR;
    return LOOPCHECK_INSTALL_RULES_DIR;
}

char *lc_project_rules_file(const char *build_dir)
{
    char *dir = build_dir ? realpath(build_dir, NULL) : NULL;
    while (dir) {
        char *candidate = NULL;
        struct stat st;
        if (asprintf(&candidate, "%s/.loopcheck", strcmp(dir, "/") == 0 ? "" : dir) < 0)
            break;
        if (stat(candidate, &st) == 0 && S_ISREG(st.st_mode)) {
            free(dir);
            return candidate;
        }
        free(candidate);
        char *slash = strrchr(dir, '/');
        if (!slash || slash == dir) {
            if (strcmp(dir, "/") == 0)
                break;
            dir[1] = '\0';   /* try the root last */
            continue;
        }
        *slash = '\0';
    }
    free(dir);
    return NULL;
}

void lc_analysis_configure_extractor(const struct lc_analysis *analysis, struct lc_extractor *extractor)
{
    lc_extractor_set_lock_vocabulary(extractor, &analysis->lock_vocabulary);
}

/* What the facts of a TU depend on besides its command and files: the
 * extractor's version and the lock functions it follows. */
static void analysis_fingerprint_commands(struct lc_analysis *analysis)
{
    uint64_t salt[2] = { LC_FACTS_VERSION, analysis->lock_vocabulary.hash };
    for (size_t i = 0; i < analysis->compdb.count; i++)
        analysis->compdb.commands[i].args_hash =
            lc_hash_fnv1a64(salt, sizeof salt, analysis->compdb.commands[i].args_hash);
}

/* The TUs to parse, shared by the workers. */
struct parse_queue {
    struct lc_analysis *analysis;
    FILE *err;
    const struct lc_compile_command **commands;
    size_t count;
    atomic_size_t next;
    atomic_size_t parsed, failed;
};

static void *parse_worker(void *arg)
{
    struct parse_queue *queue = arg;
    struct lc_extractor *extractor = lc_extractor_new();
    if (!extractor) {
        fprintf(queue->err, "loopcheck: cannot create a libclang index\n");
        return NULL;
    }
    lc_analysis_configure_extractor(queue->analysis, extractor);
    for (size_t i; (i = atomic_fetch_add(&queue->next, 1)) < queue->count;) {
        const struct lc_compile_command *command = queue->commands[i];
        struct lc_tu_facts facts;
        lc_tu_facts_init(&facts);
        double start = now_seconds();
        int rc = lc_extract_tu(extractor, command, NULL, 0, &facts);
        double parse_ms = (now_seconds() - start) * 1000.0;
        if (rc != 0) {
            fprintf(queue->err, "%s\n", facts.error ? facts.error : "loopcheck: a TU failed to parse");
            atomic_fetch_add(&queue->failed, 1);
        } else {
            atomic_fetch_add(&queue->parsed, 1);
        }
        if (lc_store_save_tu(queue->analysis->store, command, &facts, parse_ms, queue->err) != 0 && rc == 0)
            atomic_fetch_add(&queue->failed, 1);
        lc_tu_facts_free(&facts);
    }
    lc_extractor_free(extractor);
    return NULL;
}

static int default_jobs(void)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    return cores > 0 ? (int)cores : 1;
}

/* Parse the stale TUs in parallel; the others come from the cache. */
static int analysis_extract(struct lc_analysis *analysis, const struct lc_analysis_options *options)
{
    struct parse_queue queue = { .analysis = analysis, .err = options->err };
    double mark = now_seconds();
    queue.commands = malloc((analysis->compdb.count + 1) * sizeof *queue.commands);
    if (!queue.commands)
        return -1;
    for (size_t i = 0; i < analysis->compdb.count; i++) {
        const struct lc_compile_command *command = &analysis->compdb.commands[i];
        char *error = NULL;
        switch (lc_store_tu_state(analysis->store, command, &error)) {
        case LC_TU_CURRENT_OK:
            analysis->stats.reused++;
            break;
        case LC_TU_CURRENT_FAILED:
            fprintf(options->err, "%s\n", error ? error : command->file);
            analysis->stats.failed++;
            break;
        case LC_TU_STALE:
            queue.commands[queue.count++] = command;
            break;
        }
        free(error);
    }
    analysis_phase_done(analysis, LC_PHASE_FINGERPRINTS, &mark);
    int jobs = options->jobs > 0 ? options->jobs : default_jobs();
    if ((size_t)jobs > queue.count)
        jobs = (int)queue.count;
    pthread_t *threads = calloc((size_t)jobs + 1, sizeof *threads);
    int started = 0;
    for (int j = 0; threads && j < jobs; j++)
        if (pthread_create(&threads[started], NULL, parse_worker, &queue) == 0)
            started++;
    if (started == 0 && queue.count > 0)
        parse_worker(&queue);
    for (int j = 0; j < started; j++)
        pthread_join(threads[j], NULL);
    free(threads);
    free(queue.commands);
    analysis->stats.parsed = atomic_load(&queue.parsed);
    analysis->stats.failed += atomic_load(&queue.failed);
    analysis_phase_done(analysis, LC_PHASE_PARSE, &mark);
    return 0;
}

static int analysis_load_models(struct lc_analysis *analysis, const struct lc_analysis_options *options)
{
    const char *dir = lc_default_rules_dir();
    int errors = lc_models_load_dir(&analysis->models, dir, options->err);
    if (errors < 0)
        return -1;
    analysis->stats.rules_errors += (size_t)errors;
    char *project = lc_project_rules_file(options->build_dir);
    if (project) {
        errors = lc_models_load_file(&analysis->models, project, options->err);
        analysis->stats.rules_errors += errors < 0 ? 1 : (size_t)errors;
        free(project);
    }
    for (size_t i = 0; i < options->rules_file_count; i++) {
        errors = lc_models_load_file(&analysis->models, options->rules_files[i], options->err);
        analysis->stats.rules_errors += errors < 0 ? 1 : (size_t)errors;
    }
    return 0;
}

static int analysis_compare_paths(const void *a, const void *b)
{
    const struct lc_compile_command *const *x = a, *const *y = b;
    return strcmp((*x)->file, (*y)->file);
}

/* Keep only slice `index` of `count` (analysis.h): its commands move to the
 * front of the compile database, in their order, and only they are
 * counted; the others stay behind them until lc_analysis_free counts them
 * again to free them. */
static int analysis_keep_shard(struct lc_analysis *analysis, unsigned index, unsigned count)
{
    struct lc_compdb *compdb = &analysis->compdb;
    size_t total = compdb->count, kept = 0;
    const struct lc_compile_command **sorted = malloc((total + 1) * sizeof *sorted);
    struct lc_compile_command *reordered = malloc((total + 1) * sizeof *reordered);
    unsigned char *keep = calloc(total + 1, 1);
    int rc = sorted && reordered && keep ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < total; i++)
        sorted[i] = &compdb->commands[i];
    if (rc == 0)
        qsort(sorted, total, sizeof *sorted, analysis_compare_paths);
    for (size_t rank = 0; rc == 0 && rank < total; rank++)
        keep[sorted[rank] - compdb->commands] = rank % count == index - 1;
    for (size_t i = 0; rc == 0 && i < total; i++)
        kept += keep[i];
    for (size_t i = 0, front = 0, back = kept; rc == 0 && i < total; i++)
        reordered[keep[i] ? front++ : back++] = compdb->commands[i];
    if (rc == 0) {
        memcpy(compdb->commands, reordered, total * sizeof *reordered);
        compdb->count = kept;
        analysis->stats.shard_of = total;
    }
    free(sorted);
    free(reordered);
    free(keep);
    return rc;
}

int lc_analysis_relink(struct lc_analysis *analysis, unsigned cpu_heavy_level, uint32_t disabled_checks,
                       FILE *err)
{
    double mark = now_seconds();
    if (lc_program_load(&analysis->program, analysis->store, &analysis->models, err) != 0)
        return -1;
    analysis_phase_done(analysis, LC_PHASE_LOAD, &mark);
    struct lc_program *program = &analysis->program;
    program->cpu_heavy_level = cpu_heavy_level;
    if (lc_fpflow_resolve(program, err) != 0)
        return -1;
    analysis_phase_done(analysis, LC_PHASE_FPFLOW, &mark);
    if (lc_color_program(program) != 0)
        return -1;
    analysis_phase_done(analysis, LC_PHASE_COLOR, &mark);
    for (size_t i = 0; i < lc_check_count; i++)
        if (lc_check_enabled(disabled_checks, i))
            lc_checks[i]->run(program, &analysis->findings);
    lc_findings_sort(&analysis->findings);
    analysis->stats.suppressed = lc_findings_apply_suppressions(&analysis->findings);
    analysis->stats.findings = analysis->findings.count - analysis->stats.suppressed;
    analysis_phase_done(analysis, LC_PHASE_CHECKS, &mark);
    analysis->stats.functions = program->function_count;
    analysis->stats.calls = program->call_count;
    analysis->stats.entry_points = 0;
    for (uint32_t e = 0; e < program->entry_count; e++)
        analysis->stats.entry_points += program->entries[e].role == LC_ROLE_LOOP;
    analysis->stats.cut_pointers = program->cut_pointer_count;
    return 0;
}

int lc_analysis_run(struct lc_analysis *analysis, const struct lc_analysis_options *options)
{
    double start = now_seconds(), mark = start;
    memset(analysis, 0, sizeof *analysis);
    lc_models_init(&analysis->models);
    lc_arena_init(&analysis->arena);
    lc_findings_init(&analysis->findings);
    if (analysis_load_models(analysis, options) != 0
        || lc_models_lock_vocabulary(&analysis->models, &analysis->arena, &analysis->lock_vocabulary) != 0)
        return -1;
    analysis_phase_done(analysis, LC_PHASE_MODELS, &mark);
    if (lc_compdb_load(&analysis->compdb, options->build_dir, options->err) != 0)
        return -1;
    analysis_fingerprint_commands(analysis);
    if (options->shard_count > 0 && analysis_keep_shard(analysis, options->shard_index, options->shard_count) != 0)
        return -1;
    analysis->stats.tus = analysis->compdb.count;
    analysis_phase_done(analysis, LC_PHASE_COMPDB, &mark);
    char *default_db = NULL;
    if (!options->db_path && asprintf(&default_db, "%s/loopcheck.db", options->build_dir) < 0)
        return -1;
    analysis->store = lc_store_open(options->db_path ? options->db_path : default_db, options->err);
    free(default_db);
    if (!analysis->store)
        return -1;
    analysis_phase_done(analysis, LC_PHASE_OPEN, &mark);
    if (analysis_extract(analysis, options) != 0)
        goto incomplete;
    mark = now_seconds();
    if (lc_store_retain_tus(analysis->store, &analysis->compdb, options->err) != 0)
        goto incomplete;
    analysis_phase_done(analysis, LC_PHASE_RETAIN, &mark);
    if (options->shard_count > 0)
        goto done;
    uint64_t results_key = 0;
    int keyed = options->reuse_results && lc_analysis_results_key(options, analysis->store, &results_key) == 0;
    int reused = keyed && analysis->stats.parsed == 0 ? lc_analysis_reuse_results(analysis, results_key, options->err) : 0;
    analysis_phase_done(analysis, LC_PHASE_REUSE, &mark);
    if (reused < 0)
        goto incomplete;
    if (reused)
        goto done;
    if (lc_analysis_relink(analysis, options->cpu_heavy_level, options->disabled_checks, options->err) != 0)
        goto incomplete;
    mark = now_seconds();
    int saved = lc_store_save_results(analysis->store, &analysis->program, &analysis->findings, options->err) == 0;
    analysis_phase_done(analysis, LC_PHASE_RESULTS, &mark);
    if (keyed && saved)
        lc_analysis_stamp_results(analysis, results_key, options->err);
done:
    analysis->stats.seconds = now_seconds() - start;
    return analysis->stats.failed > 0 || analysis->stats.rules_errors > 0 ? 1 : 0;
incomplete:
    fprintf(options->err, "loopcheck: the analysis could not complete\n");
    return -1;
}

void lc_analysis_print_stats(const struct lc_analysis_stats *stats, FILE *out)
{
    static const char *const names[LC_PHASE_COUNT] = {
        [LC_PHASE_MODELS] = "models", [LC_PHASE_COMPDB] = "compile-db", [LC_PHASE_OPEN] = "open-db",
        [LC_PHASE_FINGERPRINTS] = "fingerprints", [LC_PHASE_PARSE] = "parse", [LC_PHASE_RETAIN] = "retain",
        [LC_PHASE_REUSE] = "reuse",
        [LC_PHASE_LOAD] = "load", [LC_PHASE_FPFLOW] = "fpflow", [LC_PHASE_COLOR] = "color",
        [LC_PHASE_CHECKS] = "checks", [LC_PHASE_RESULTS] = "results",
    };
    for (int phase = 0; phase < LC_PHASE_COUNT; phase++)
        fprintf(out, "loopcheck: stats: %s %.3f s\n", names[phase], stats->phase_seconds[phase]);
    fprintf(out, "loopcheck: stats: findings %s\n", stats->results_reused ? "reused" : "computed");
    struct rusage usage;
    if (getrusage(RUSAGE_SELF, &usage) == 0)
        fprintf(out, "loopcheck: stats: peak-rss %.1f MiB\n", (double)usage.ru_maxrss / 1024.0);
}

void lc_analysis_free(struct lc_analysis *analysis)
{
    if (analysis->stats.shard_of)   /* the commands of other shards too */
        analysis->compdb.count = analysis->stats.shard_of;
    lc_program_free(&analysis->program);
    lc_findings_free(&analysis->findings);
    lc_store_close(analysis->store);
    lc_compdb_free(&analysis->compdb);
    lc_models_free(&analysis->models);
    lc_arena_free(&analysis->arena);
    memset(analysis, 0, sizeof *analysis);
}
