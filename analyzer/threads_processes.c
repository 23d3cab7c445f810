/* threads_processes.c — in which processes each role reaches each function,
 * when the models name process mains (`process-main NAME`: a test runner
 * that runs each test in a process of its own, as libuv's runner does with
 * its run_test_* functions).  Two accesses that their roles reach in no
 * common process never race.
 *
 * A function runs in the processes whose mains reach it, along direct
 * calls and along the calls that name it as an argument (a function
 * registering a callback, starting a thread, or handing it to a wrapper
 * that keeps it for later gives it its processes); it runs in any process
 * when code that no process main reaches first gets to it (the runner's
 * own `main`, a function only stored into a field or a table).  Calls
 * through pointers are not followed here (a library's loop calling every
 * timer callback of the program, an allocator hook): the function runs in
 * the processes that named it.  Each role then starts in the processes of the functions
 * it is seeded on and spreads as executables do (lc_threads_spread_sets). */
#include "threads_internal.h"
#include "worklist.h"

#include <stdlib.h>
#include <string.h>

/* The edges the processes follow: calls (not dispatches) and
 * registrations, as a compressed successor list per function. */
struct process_edges {
    uint32_t *start;      /* function -> first successor, function + 1 -> end */
    uint32_t *successors;
};

/* Walks every edge; pass 0 counts them into start[from + 1], pass 1
 * places them.  The edges: direct calls, and functions named as arguments
 * (registered, handed to a thread, or handed to a wrapper that registers
 * them or keeps them for a call through a pointer: the function runs where
 * the call naming it does, not wherever a pointer to it may be called). */
static void process_edges_walk(const struct lc_program *program, struct process_edges *edges, int pass)
{
    uint32_t *next = edges->start;
    for (uint32_t f = 0; f < program->function_count; f++) {
        const struct lc_program_function *fn = &program->functions[f];
        if (!lc_program_function_is_followed(program, f))
            continue;
        for (uint32_t c = fn->first_call; c < fn->first_call + fn->call_count; c++) {
            const struct lc_program_call *call = &program->calls[c];
            for (uint32_t t = 0; call->callee.kind == LC_VALUE_FUNCTION && t < call->target_count; t++) {
                if (pass == 0)
                    next[f + 1]++;
                else
                    edges->successors[next[f]++] = program->targets[call->first_target + t];
            }
            for (uint32_t a = 0; a < call->arg_count; a++) {
                const struct lc_program_value *arg = &program->args[call->first_arg + a];
                if (arg->kind != LC_VALUE_FUNCTION || arg->function == LC_NONE)
                    continue;
                if (pass == 0)
                    next[f + 1]++;
                else
                    edges->successors[next[f]++] = arg->function;
            }
        }
    }
}

static int process_edges_build(const struct lc_program *program, struct process_edges *edges)
{
    uint32_t n = program->function_count;
    edges->successors = NULL;
    edges->start = calloc((size_t)n + 2, sizeof *edges->start);
    if (!edges->start)
        return -1;
    process_edges_walk(program, edges, 0);
    for (uint32_t f = 0; f < n; f++)
        edges->start[f + 1] += edges->start[f];
    edges->successors = malloc(((size_t)edges->start[n] + 1) * sizeof *edges->successors);
    if (!edges->successors)
        return -1;
    /* Pass 1 advances start[f] to the end of f's list; shift back after. */
    process_edges_walk(program, edges, 1);
    memmove(edges->start + 1, edges->start, (size_t)n * sizeof *edges->start);
    edges->start[0] = 0;
    return 0;
}

/* Per function, `words` words: the processes that may run it (all bits:
 * any).  NULL when memory runs out. */
static uint64_t *process_sets(const struct lc_program *program, const struct process_edges *edges,
                              const uint32_t *main_of, size_t words)
{
    uint32_t n = program->function_count;
    uint64_t *sets = calloc(((size_t)n + 1) * words, sizeof *sets);
    uint8_t *anywhere = calloc((size_t)n + 1, 1), *reached = calloc((size_t)n + 1, 1);
    struct lc_worklist work;
    if (lc_worklist_init(&work, n) != 0 || !sets || !anywhere || !reached) {
        free(sets);
        sets = NULL;
        goto done;
    }
    /* Any process: what the code outside the process mains reaches, from
     * the functions nothing reaches, without entering a process main. */
    for (uint32_t e = 0; e < edges->start[n]; e++)
        reached[edges->successors[e]] = 1;
    uint32_t f;
    for (f = 0; f < n; f++)
        if (!reached[f] && main_of[f] == LC_NONE) {
            anywhere[f] = 1;
            lc_worklist_push(&work, f);
        }
    while (lc_worklist_pop(&work, &f)) {
        for (uint32_t e = edges->start[f]; e < edges->start[f + 1]; e++) {
            uint32_t g = edges->successors[e];
            if (!anywhere[g] && main_of[g] == LC_NONE) {
                anywhere[g] = 1;
                lc_worklist_push(&work, g);
            }
        }
    }
    /* Each process main's bit, to what it reaches (a worklist: a function
     * goes back in when its set grows). */
    for (f = 0; f < n; f++)
        if (main_of[f] != LC_NONE) {
            sets[(size_t)f * words + main_of[f] / 64] |= 1ull << (main_of[f] % 64);
            lc_worklist_push(&work, f);
        }
    while (lc_worklist_pop(&work, &f)) {
        for (uint32_t e = edges->start[f]; e < edges->start[f + 1]; e++) {
            uint32_t g = edges->successors[e];
            int more = 0;
            for (size_t w = 0; !anywhere[g] && w < words; w++) {
                uint64_t bits = sets[(size_t)f * words + w] & ~sets[(size_t)g * words + w];
                sets[(size_t)g * words + w] |= bits;
                more |= bits != 0;
            }
            if (more)
                lc_worklist_push(&work, g);
        }
    }
    for (f = 0; f < n; f++)
        if (anywhere[f])
            memset(sets + (size_t)f * words, 0xff, words * sizeof *sets);
done:
    free(anywhere);
    free(reached);
    lc_worklist_free(&work);
    return sets;
}

int lc_threads_processes(const struct lc_program *program, struct lc_threads *t)
{
    uint32_t n = program->function_count, mains = 0;
    t->processes = NULL;
    t->process_words = 0;
    uint32_t *main_of = malloc(((size_t)n + 1) * sizeof *main_of);
    if (!main_of)
        return -1;
    for (uint32_t f = 0; f < n; f++) {
        const struct lc_program_function *fn = &program->functions[f];
        main_of[f] = fn->is_defined && fn->model && fn->model->process_main ? mains++ : LC_NONE;
    }
    if (mains == 0) {
        free(main_of);
        return 0;
    }
    size_t words = (mains + 63) / 64;
    struct process_edges edges;
    uint64_t *sets = process_edges_build(program, &edges) == 0 ? process_sets(program, &edges, main_of, words) : NULL;
    t->processes = sets ? lc_threads_spread_sets(program, t, sets, words) : NULL;
    t->process_words = t->processes ? words : 0;
    free(sets);
    free(edges.start);
    free(edges.successors);
    free(main_of);
    return t->processes ? 0 : -1;
}

int lc_threads_share_process(const struct lc_threads *t, uint32_t function_a, uint32_t role_a,
                             uint32_t function_b, uint32_t role_b)
{
    int slot_a = t->processes ? lc_threads_role_slot(t, function_a, role_a) : -1;
    int slot_b = t->processes ? lc_threads_role_slot(t, function_b, role_b) : -1;
    if (slot_a < 0 || slot_b < 0)
        return 1;
    const uint64_t *a = t->processes + ((size_t)function_a * LC_THREAD_ROLE_CAP + (size_t)slot_a) * t->process_words;
    const uint64_t *b = t->processes + ((size_t)function_b * LC_THREAD_ROLE_CAP + (size_t)slot_b) * t->process_words;
    for (size_t w = 0; w < t->process_words; w++)
        if (a[w] & b[w])
            return 1;
    return 0;
}
