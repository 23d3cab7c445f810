/* threads_main_first.c — the functions `main` runs before anything else can
 * run (threads.h, main_first): calls of `main`, in source order, up to the
 * first one that may start a thread or register a callback, and what those
 * calls reach through calls that run every time their function does.  A
 * lazy initialisation (`if (!g) g = make();`) done there happens before any
 * other thread exists, so every later call only reads. */
#include <stdlib.h>
#include <string.h>

#include "callers.h"
#include "threads.h"
#include "threads_internal.h"

/* May this function start a thread or register a callback (or run one):
 * it is an entry itself, calls an API modelled with a callback, calls
 * through a pointer nothing is known to flow into, or calls such a
 * function.  Per function, by a walk up the callers. */
static uint8_t *main_first_starters(const struct lc_program *program)
{
    uint32_t n = program->function_count;
    uint8_t *starts = calloc((size_t)n + 1, 1);
    uint32_t *queue = malloc(((size_t)n + 1) * sizeof *queue);
    uint32_t head = 0, tail = 0;
    if (!starts || !queue) {
        free(starts);
        free(queue);
        return NULL;
    }
    for (uint32_t f = 0; f < n; f++) {
        const struct lc_program_function *function = &program->functions[f];
        int start = program->registered[f] || (function->model && function->model->callback_count > 0);
        for (uint32_t c = function->first_call; !start && c < function->first_call + function->call_count; c++)
            start = program->calls[c].callee.kind != LC_VALUE_FUNCTION && program->calls[c].target_count == 0
                    && !program->calls[c].in_child && !program->calls[c].never_returns;
        if (start) {
            starts[f] = 1;
            queue[tail++] = f;
        }
    }
    const struct lc_callers *callers = program->callers;
    while (head < tail) {
        uint32_t f = queue[head++];
        for (uint32_t r = callers->start[f]; r < callers->start[f + 1]; r++)
            if (!starts[callers->functions[r]]) {
                starts[callers->functions[r]] = 1;
                queue[tail++] = callers->functions[r];
            }
    }
    free(queue);
    return starts;
}

static int main_first_call_starts(const struct lc_program *program, const uint8_t *starts, uint32_t call)
{
    const struct lc_program_call *c = &program->calls[call];
    for (uint32_t t = 0; t < c->target_count; t++)
        if (starts[program->targets[c->first_target + t]])
            return 1;
    return 0;
}

static int main_first_same_file(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Is call x before call y: by file (the `main`s of several programs are
 * one symbol, so one function with the calls of each), line, column. */
static int main_first_before(const struct lc_program_call *x, const struct lc_program_call *y)
{
    return lc_location_compare(&x->loc, &y->loc) <= 0;
}

/* A function's calls in source order.  Insertion sort: `main` has few
 * calls. */
static uint32_t *main_first_sorted_calls(const struct lc_program *program, uint32_t function)
{
    const struct lc_program_function *f = &program->functions[function];
    uint32_t *order = malloc(((size_t)f->call_count + 1) * sizeof *order);
    for (uint32_t i = 0; order && i < f->call_count; i++) {
        const struct lc_program_call *c = &program->calls[f->first_call + i];
        uint32_t j = i;
        for (; j > 0; j--) {
            if (main_first_before(&program->calls[order[j - 1]], c))
                break;
            order[j] = order[j - 1];
        }
        order[j] = f->first_call + i;
    }
    return order;
}

/* Queue the targets of `call` not seen yet, when it always runs. */
static void main_first_push(const struct lc_program *program, uint32_t call, uint32_t *queue, uint32_t *tail,
                            uint8_t *seen)
{
    const struct lc_program_call *c = &program->calls[call];
    for (uint32_t t = 0; !c->conditional && t < c->target_count; t++) {
        uint32_t f = program->targets[c->first_target + t];
        if (!seen[f]) {
            seen[f] = 1;
            queue[(*tail)++] = f;
        }
    }
}

/* Give what `call` reaches through calls that always run the executables
 * of `main` (`programs`).  `queue` has room for every function; `seen`
 * (per function) is all 0 before and after. */
static void main_first_mark(const struct lc_program *program, uint32_t call, uint64_t programs, uint64_t *main_first,
                            uint32_t *queue, uint8_t *seen)
{
    uint32_t tail = 0;
    main_first_push(program, call, queue, &tail, seen);
    for (uint32_t head = 0; head < tail; head++) {
        const struct lc_program_function *f = &program->functions[queue[head]];
        for (uint32_t c = f->first_call; c < f->first_call + f->call_count; c++)
            main_first_push(program, c, queue, &tail, seen);
    }
    for (uint32_t i = 0; i < tail; i++) {
        main_first[queue[i]] |= programs;
        seen[queue[i]] = 0;
    }
}

/* The executables of the `main` in `file`, when `main`'s calls are in
 * `files` files: `main`'s own when one; else those of every function
 * defined in that file (its TU's, as a static function's are), 0 when it
 * defines no other. */
static uint64_t main_first_programs(const struct lc_program *program, uint32_t main_function, const char *file,
                                    uint32_t files)
{
    if (!program->function_programs)
        return UINT64_MAX;
    if (files == 1)
        return program->function_programs[main_function];
    uint64_t programs = UINT64_MAX;
    int any = 0;
    for (uint32_t f = 0; f < program->function_count; f++)
        if (f != main_function && program->functions[f].is_defined
            && main_first_same_file(program->functions[f].loc.file, file)) {
            programs &= program->function_programs[f];
            any = 1;
        }
    return any ? programs : 0;
}

/* One `main`'s calls (those of one file, in source order) up to the first
 * that may start something; `programs`: its executables. */
static void main_first_scan(const struct lc_program *program, const uint8_t *starts, const uint32_t *calls,
                            uint32_t count, uint64_t programs, uint64_t *main_first, uint32_t *queue, uint8_t *seen)
{
    for (uint32_t i = 0; i < count && programs && !main_first_call_starts(program, starts, calls[i]); i++)
        main_first_mark(program, calls[i], programs, main_first, queue, seen);
}

int lc_threads_main_first(const struct lc_program *program, struct lc_threads *threads)
{
    uint32_t n = program->function_count;
    threads->main_first = calloc((size_t)n + 1, sizeof *threads->main_first);
    uint8_t *starts = NULL, *seen = NULL;   /* made at the first `main` */
    uint32_t *queue = NULL;
    int rc = threads->main_first ? 0 : -1;
    for (uint32_t m = 0; rc == 0 && m < n; m++) {
        const struct lc_program_function *main_function = &program->functions[m];
        if (!main_function->is_defined || main_function->call_count == 0 || strcmp(main_function->name, "main") != 0)
            continue;
        if (!starts) {
            starts = main_first_starters(program);
            seen = calloc((size_t)n + 1, 1);
            queue = malloc(((size_t)n + 1) * sizeof *queue);
            if (!starts || !seen || !queue) {
                rc = -1;
                break;
            }
        }
        uint32_t *order = main_first_sorted_calls(program, m), files = 1;
        if (!order) {
            rc = -1;
            break;
        }
        for (uint32_t i = 1; i < main_function->call_count; i++)
            files += !main_first_same_file(program->calls[order[i - 1]].loc.file, program->calls[order[i]].loc.file);
        for (uint32_t first = 0, end; first < main_function->call_count; first = end) {
            const char *file = program->calls[order[first]].loc.file;
            for (end = first + 1;
                 end < main_function->call_count && main_first_same_file(program->calls[order[end]].loc.file, file);
                 end++)
                ;
            main_first_scan(program, starts, &order[first], end - first, main_first_programs(program, m, file, files),
                            threads->main_first, queue, seen);
        }
        free(order);
    }
    free(starts);
    free(seen);
    free(queue);
    return rc;
}

int lc_threads_main_initialises(const struct lc_program *program, const struct lc_threads *threads,
                                uint32_t function)
{
    uint64_t before = threads->main_first[function];
    /* The executables there are (all bits, "any", stand for these). */
    uint64_t every = program->function_programs ? lc_program_every_program(program) : UINT64_MAX;
    if ((before & every) == 0)
        return 0;
    for (uint8_t i = 0; i < threads->function_role_count[function]; i++) {
        uint32_t role = threads->function_roles[(size_t)function * LC_THREAD_ROLE_CAP + i];
        if (lc_threads_programs_of(threads, function, role) & every & ~before)
            return 0;
    }
    return 1;
}
