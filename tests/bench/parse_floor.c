/* parse_floor.c — the parse floor the benchmark compares loopcheck with
 * (tests/bench/run_bench.sh).  Both modes take each TU's own flags from
 * BUILD_DIR/compile_commands.json, adapted exactly as loopcheck adapts them
 * (lc_extract_arguments: no -c/-o/-M*, the working directory, clang's
 * resource directory, -w).
 *
 *   parse_floor commands BUILD_DIR [CLANG]
 *       prints one shell command per TU, `CLANG -fsyntax-only FLAGS...`
 *       (default CLANG: clang-19), for `xargs -0 -n1 -P N sh -c` after
 *       `tr '\n' '\0'`: the floor of separate compiler processes.
 *   parse_floor inprocess BUILD_DIR JOBS
 *       parses every TU with libclang (clang_parseTranslationUnit2FullArgv,
 *       the options loopcheck uses) on JOBS threads, one CXIndex each, and
 *       disposes of it without walking it; prints the seconds taken.  The
 *       difference with loopcheck's cold run is the cost of the walk and
 *       the store. */
#include <clang-c/Index.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compdb.h"
#include "extract.h"

struct floor_queue {
    const struct lc_compdb *compdb;
    atomic_size_t next, failed;
};

static void floor_print_quoted(const char *arg)
{
    putchar('\'');
    for (const char *p = arg; *p; p++) {
        if (*p == '\'')
            fputs("'\\''", stdout);
        else
            putchar(*p);
    }
    putchar('\'');
}

static int floor_commands(const struct lc_compdb *compdb, const char *clang)
{
    for (size_t i = 0; i < compdb->count; i++) {
        int argc;
        const char **argv = lc_extract_arguments(&compdb->commands[i], &argc);
        if (!argv)
            return 1;
        fputs(clang, stdout);
        fputs(" -fsyntax-only", stdout);
        for (int a = 1; a < argc; a++) {
            putchar(' ');
            floor_print_quoted(argv[a]);
        }
        putchar('\n');
        free(argv);
    }
    return fflush(stdout) == 0 ? 0 : 1;
}

static void *floor_worker(void *arg)
{
    struct floor_queue *queue = arg;
    CXIndex index = clang_createIndex(0, 0);
    for (size_t i; (i = atomic_fetch_add(&queue->next, 1)) < queue->compdb->count;) {
        int argc;
        const char **argv = lc_extract_arguments(&queue->compdb->commands[i], &argc);
        CXTranslationUnit tu = NULL;
        if (!argv || clang_parseTranslationUnit2FullArgv(index, NULL, argv, argc, NULL, 0,
                                                         CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles,
                                                         &tu) != CXError_Success)
            atomic_fetch_add(&queue->failed, 1);
        if (tu)
            clang_disposeTranslationUnit(tu);
        free(argv);
    }
    clang_disposeIndex(index);
    return NULL;
}

static double floor_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int floor_inprocess(const struct lc_compdb *compdb, int jobs)
{
    struct floor_queue queue = { .compdb = compdb };
    pthread_t *threads = calloc((size_t)jobs, sizeof *threads);
    if (!threads)
        return 1;
    double start = floor_now();
    int started = 0;
    while (started < jobs && pthread_create(&threads[started], NULL, floor_worker, &queue) == 0)
        started++;
    for (int j = 0; j < started; j++)
        pthread_join(threads[j], NULL);
    free(threads);
    printf("%.3f\n", floor_now() - start);
    if (atomic_load(&queue.failed))
        fprintf(stderr, "parse_floor: %zu TUs failed to parse\n", atomic_load(&queue.failed));
    return started == jobs ? 0 : 1;
}

int main(int argc, char **argv)
{
    int commands = argc >= 3 && argc <= 4 && strcmp(argv[1], "commands") == 0;
    int inprocess = argc == 4 && strcmp(argv[1], "inprocess") == 0;
    if (!commands && !inprocess) {
        fprintf(stderr, "usage: parse_floor commands BUILD_DIR [CLANG]\n"
                        "       parse_floor inprocess BUILD_DIR JOBS\n");
        return 2;
    }
    struct lc_compdb compdb;
    if (lc_compdb_load(&compdb, argv[2], stderr) != 0)
        return 2;
    int jobs = inprocess ? atoi(argv[3]) : 0;
    int rc = commands ? floor_commands(&compdb, argc == 4 ? argv[3] : "clang-19")
           : jobs > 0 ? floor_inprocess(&compdb, jobs) : 2;
    lc_compdb_free(&compdb);
    return rc;
}
