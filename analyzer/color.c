/* color.c — coloring: which functions run on the loop (breadth-first from
 * the entry points, so each keeps the shortest chain), which on workers,
 * which may block (backwards from blocking calls), and how many distinct
 * entry points reach each (capped); then, once for all the checks, the
 * reverse call graph, its components, thread roles and CPU costs.  Every
 * pass is O(V + E); the entry count pass is O(LC_ENTRY_COUNT_CAP^2 * E). */
#include "blocking.h"
#include "callers.h"
#include "cost.h"
#include "locks.h"
#include "program.h"
#include "scc.h"
#include "threads.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* The executables (bits below program_count) that may run `function`;
 * bit 0 alone when the program tells none apart. */
static uint64_t color_programs_of(const struct lc_program *program, uint32_t function)
{
    if (!program->function_programs)
        return 1;
    return program->function_programs[function] & lc_program_every_program(program);
}

/* Breadth-first from the entries of the given roles over pairs (function,
 * executable): from an entry, only into functions that may run in one of
 * the entry's executables and in the same one all along, so each chain is
 * one a single program can run.  Marks `seen` for a function reached in
 * any; when `parent` is set, records per pair the call it was first
 * reached through (program->loop_state_parent) and per function the
 * first pair's executable, call and entry: the shortest chain.  A
 * registered function reached through a pointer is not reached
 * (lc_program_dispatches): it runs on the thread of its own registration;
 * nor is one reached only on the way out of the process (a call in a
 * branch that ends in one that never returns, terminates.c).
 * O(executables * (V + E)). */
static int color_reach(struct lc_program *program, int want_loop, uint8_t *seen, uint32_t *parent,
                       uint32_t *entry_of)
{
    size_t n = program->function_count, programs = program->function_programs ? program->program_count : 1;
    size_t *queue = malloc((programs * n + 1) * sizeof *queue);
    uint64_t *reached = calloc(n + 1, sizeof *reached);
    uint32_t *state_entry = parent ? malloc((programs * n + 1) * sizeof *state_entry) : NULL;
    uint8_t *ways_out = calloc(n + 1, 1);   /* has a call on the way out: rare */
    if (!queue || !reached || (parent && !state_entry) || !ways_out) {
        free(queue);
        free(reached);
        free(state_entry);
        free(ways_out);
        return -1;
    }
    for (uint32_t c = 0; c < program->call_count; c++)
        if ((program->calls[c].extra != LC_NONE || program->calls[c].ends_process) && program->calls[c].caller < n
            && lc_program_call_on_way_out(program, &program->calls[c]))
            ways_out[program->calls[c].caller] = 1;
    size_t head = 0, tail = 0;
    for (uint32_t e = 0; e < program->entry_count; e++) {
        const struct lc_entry *entry = &program->entries[e];
        if ((entry->role == LC_ROLE_LOOP) != want_loop)
            continue;
        uint32_t f = entry->function;
        uint64_t fresh = color_programs_of(program, f) & ~reached[f];
        for (size_t p = 0; p < programs; p++) {
            if (!(fresh >> p & 1))
                continue;
            if (parent) {
                program->loop_state_parent[p * n + f] = LC_NONE;
                state_entry[p * n + f] = e;
            }
            queue[tail++] = p * n + f;
        }
        reached[f] |= fresh;
        if (fresh && !seen[f]) {
            seen[f] = 1;
            if (parent) {
                parent[f] = LC_NONE;
                entry_of[f] = e;
                program->loop_chain_program[f] = (uint8_t)__builtin_ctzll(fresh);
            }
        }
    }
    while (head < tail) {
        size_t state = queue[head++], p = state / n;
        uint32_t f = (uint32_t)(state % n), begin, end;
        if (!lc_program_function_is_followed(program, f))
            continue;
        lc_program_function_targets(program, f, &begin, &end);
        for (uint32_t t = begin; t < end; t++) {
            uint32_t g = program->targets[t];
            if ((reached[g] >> p & 1) || !(color_programs_of(program, g) >> p & 1) || lc_program_dispatches(program, f, t)
                || (ways_out[f]
                    && lc_program_call_on_way_out(program, &program->calls[lc_program_target_call(program, f, t)])))
                continue;
            reached[g] |= (uint64_t)1 << p;
            if (parent) {
                program->loop_state_parent[p * n + g] = lc_program_target_call(program, f, t);
                state_entry[p * n + g] = state_entry[state];
            }
            queue[tail++] = p * n + g;
            if (seen[g])
                continue;
            seen[g] = 1;
            if (parent) {
                parent[g] = lc_program_target_call(program, f, t);
                entry_of[g] = state_entry[state];
                program->loop_chain_program[g] = (uint8_t)p;
            }
        }
    }
    free(queue);
    free(reached);
    free(state_entry);
    free(ways_out);
    return 0;
}

/* Backwards from every blocking call: a followed function that makes one
 * blocks too. */
static int color_blocking(struct lc_program *program)
{
    uint32_t n = program->function_count;
    const struct lc_callers *callers = program->callers;
    uint32_t *queue = malloc(((size_t)n + 1) * sizeof *queue);
    uint8_t *may_block = malloc((size_t)n + 1);   /* can lc_call_blocks say yes? */
    if (!queue || !may_block) {
        free(queue);
        free(may_block);
        return -1;
    }
    for (uint32_t g = 0; g < n; g++) {
        const struct lc_program_function *fn = &program->functions[g];
        may_block[g] = !(fn->annotations & LC_ANNOT_NONBLOCKING)
                       && ((fn->annotations & LC_ANNOT_BLOCKING) || (fn->model && fn->model->blocking));
    }
    uint32_t head = 0, tail = 0;
    for (uint32_t i = 0; i < program->model_call_count; i++) {
        uint32_t c = program->model_calls[i];
        const struct lc_program_call *call = &program->calls[c];
        for (uint32_t t = 0; t < call->target_count; t++) {
            uint32_t g = program->targets[call->first_target + t], f = call->caller;
            if (!may_block[g] || !lc_call_blocks(program, c, g, NULL).blocks)
                continue;
            /* The callee blocks (here: a modelled one only where its
             * conditions hold), and so does the caller, through this call. */
            program->blocking[g] = 1;
            if (!program->blocking[f] && lc_program_function_is_followed(program, f)) {
                program->blocking[f] = 1;
                program->blocking_via[f] = c;
                queue[tail++] = f;
            }
        }
    }
    /* Then upwards: a followed function that calls one that blocks blocks
     * too, whatever the call's arguments. */
    while (head < tail) {
        uint32_t g = queue[head++];
        for (uint32_t i = callers->start[g]; i < callers->start[g + 1]; i++) {
            uint32_t c = callers->calls[i], f = callers->functions[i];
            if (program->blocking[f] || !lc_program_function_is_followed(program, f))
                continue;
            program->blocking[f] = 1;
            program->blocking_via[f] = c;
            queue[tail++] = f;
        }
    }
    free(queue);
    free(may_block);
    return 0;
}

/* Add `entry` to set `to` unless there or full; sets are rows of
 * LC_ENTRY_COUNT_CAP entries, counts their sizes. */
static void color_add_entry(uint32_t *sets, uint8_t *counts, uint32_t to, uint32_t entry)
{
    uint32_t *set = &sets[(size_t)to * LC_ENTRY_COUNT_CAP];
    for (uint32_t j = 0; j < counts[to]; j++)
        if (set[j] == entry)
            return;
    if (counts[to] < LC_ENTRY_COUNT_CAP)
        set[counts[to]++] = entry;
}

/* The distinct loop entry points reaching each function, capped: one pass
 * over the call graph's components, callers first (the reverse of the
 * callee-first order of scc.h).  The members of a component reach each
 * other, so they share one set: the component's own entries and those of
 * every component with a followed function calling into it.  A set that
 * reached the cap stays capped, so each count is min(cap, the true count). */
static int color_entry_points(struct lc_program *program)
{
    const struct lc_scc *scc = program->scc;
    const struct lc_callers *callers = program->callers;
    uint32_t *sets = malloc(((size_t)scc->component_count * LC_ENTRY_COUNT_CAP + 1) * sizeof *sets);
    uint8_t *counts = calloc((size_t)scc->component_count + 1, 1);
    if (!sets || !counts) {
        free(sets);
        free(counts);
        return -1;
    }
    for (uint32_t e = 0; e < program->entry_count; e++) {
        uint32_t f = program->entries[e].function;
        if (program->entries[e].role == LC_ROLE_LOOP)
            color_add_entry(sets, counts, scc->component_of[f], f);
    }
    for (uint32_t k = scc->component_count; k > 0; k--) {
        for (uint32_t i = scc->component_start[k - 1]; i < scc->component_start[k]; i++) {
            uint32_t g = scc->order[i];
            for (uint32_t r = callers->start[g]; r < callers->start[g + 1]; r++) {
                uint32_t f = callers->functions[r], from = scc->component_of[f];
                for (uint32_t j = 0; from != k - 1 && j < counts[from] && lc_program_function_is_followed(program, f);
                     j++)
                    color_add_entry(sets, counts, k - 1, sets[(size_t)from * LC_ENTRY_COUNT_CAP + j]);
            }
        }
    }
    for (uint32_t f = 0; f < program->function_count; f++)
        program->entry_points[f] = counts[scc->component_of[f]];
    free(sets);
    free(counts);
    return 0;
}

/* A pass run on a second thread while the calling thread does others. */
struct color_job {
    struct lc_program *program;
    int (*pass)(struct lc_program *program);
    pthread_t thread;
    int threaded, rc;
};

static void *color_job_run(void *arg)
{
    struct color_job *job = arg;
    job->rc = job->pass(job->program);
    return NULL;
}

static void color_job_start(struct color_job *job, struct lc_program *program, int (*pass)(struct lc_program *))
{
    *job = (struct color_job){ .program = program, .pass = pass, .rc = -1 };
    job->threaded = pthread_create(&job->thread, NULL, color_job_run, job) == 0;
}

/* Wait for the job (or run it here when no thread could be started). */
static int color_job_finish(struct color_job *job)
{
    if (job->threaded)
        pthread_join(job->thread, NULL);
    else
        color_job_run(job);
    return job->rc;
}

/* The three results below are NULL unless their pass succeeded. */
static int color_components(struct lc_program *program)
{
    struct lc_scc *scc = calloc(1, sizeof *scc);
    if (!scc || lc_scc_compute(program, scc) != 0) {
        if (scc)
            lc_scc_free(scc);
        free(scc);
        return -1;
    }
    program->scc = scc;
    return 0;
}

/* Some call or loop the loop's thread only runs (past a
 * `loop-thread-test`)? */
static int color_has_loop_only_calls(const struct lc_program *program)
{
    for (uint32_t c = 0; c < program->call_count; c++)
        if (program->calls[c].extra != LC_NONE && lc_program_call_extra_of(program, &program->calls[c])->loop_only)
            return 1;
    for (uint32_t l = 0; l < program->loop_count; l++)
        if (program->loops[l].loop_only)
            return 1;
    return 0;
}

static struct lc_cost *color_cost(const struct lc_program *program, int off_loop)
{
    struct lc_cost *cost = calloc(1, sizeof *cost);
    if (!cost || lc_cost_compute(program, cost, off_loop) != 0) {
        if (cost)
            lc_cost_free(cost);
        free(cost);
        return NULL;
    }
    return cost;
}

static int color_costs(struct lc_program *program)
{
    int off_loop = color_has_loop_only_calls(program);
    program->cost = color_cost(program, 0);
    if (program->cost && off_loop)
        program->off_loop_cost = color_cost(program, 1);
    return program->cost && (program->off_loop_cost || !off_loop) ? 0 : -1;
}

static int color_thread_roles(struct lc_program *program)
{
    struct lc_threads *threads = calloc(1, sizeof *threads);
    if (!threads || lc_threads_compute(program, threads) != 0) {
        free(threads);   /* lc_threads_compute cleaned up after itself */
        return -1;
    }
    program->threads = threads;
    return 0;
}

/* Colors, then thread roles and CPU costs, computed here once for every
 * check that needs them (program.h).  Two threads share the passes, each
 * pass reading only what the passes before it wrote: the components while
 * the lock wrappers' locksets, the loop and worker reach and the blocking
 * colors are computed (none of them reads the components, and the
 * components read no lockset), then the costs (which read functions, calls,
 * loops and the components) while the entry counts and the thread roles
 * are.  A pass that fails leaves its result NULL for lc_program_free. */
static int color_passes(struct lc_program *program)
{
    struct color_job job;
    color_job_start(&job, program, color_components);
    int rc = lc_lock_wrappers_apply(program) == 0
                     && color_reach(program, 1, program->on_loop, program->loop_parent, program->loop_entry) == 0
                     && color_reach(program, 0, program->on_worker, NULL, NULL) == 0 && color_blocking(program) == 0
                 ? 0
                 : -1;
    if (color_job_finish(&job) != 0 || rc != 0)
        return -1;
    color_job_start(&job, program, color_costs);
    rc = color_entry_points(program) == 0 && color_thread_roles(program) == 0 ? 0 : -1;
    return color_job_finish(&job) == 0 && rc == 0 ? 0 : -1;
}

int lc_color_program(struct lc_program *program)
{
    size_t n = (size_t)program->function_count + 1;
    program->on_loop = calloc(n, 1);
    program->on_worker = calloc(n, 1);
    program->blocking = calloc(n, 1);
    program->entry_points = calloc(n, 1);
    program->loop_parent = malloc(n * sizeof *program->loop_parent);
    program->loop_entry = malloc(n * sizeof *program->loop_entry);
    size_t programs = program->function_programs ? program->program_count : 1;
    program->loop_chain_program = calloc(n, 1);
    program->loop_state_parent = malloc(programs * n * sizeof *program->loop_state_parent);
    program->blocking_via = malloc(n * sizeof *program->blocking_via);
    program->callers = calloc(1, sizeof *program->callers);
    program->registered = calloc(n, 1);
    if (!program->registered || !program->on_loop || !program->on_worker || !program->blocking || !program->entry_points
        || !program->loop_parent || !program->loop_entry || !program->loop_chain_program
        || !program->loop_state_parent || !program->blocking_via || !program->callers
        || lc_callers_build(program, program->callers) != 0 || lc_terminates_compute(program) != 0)
        return -1;
    /* A function that never returns is followed no more. */
    for (uint32_t f = 0; program->followed && f < program->function_count; f++)
        program->followed[f] &= (uint8_t)!program->terminates[f];
    for (uint32_t e = 0; e < program->entry_count; e++)
        program->registered[program->entries[e].function] = 1;
    for (uint32_t k = 0; k < program->keyed_callback_count; k++)
        program->registered[program->keyed_callbacks[k]] = 1;
    if (lc_terminates_error_exits(program) != 0)
        return -1;
    memset(program->loop_parent, 0xff, n * sizeof *program->loop_parent);
    memset(program->loop_entry, 0xff, n * sizeof *program->loop_entry);
    memset(program->blocking_via, 0xff, n * sizeof *program->blocking_via);
    return color_passes(program);
}
