/* terminates.c — functions that never return.  A `terminates` model
 * (exit, abort, __assert_fail) never returns, nor does a function declared
 * so (GNU `noreturn`, `_Noreturn`, clang's `analyzer_noreturn`, which says
 * it of a reporter of a state that can't happen); neither does one with a
 * body that makes a call to one that surely runs (not in a branch, a loop,
 * or a conditional expression, no return before it): a panic handler that
 * writes a crash log and aborts.  Such functions are not followed: their
 * blocking calls and loops end the process rather than stall the loop.
 * Nor are the calls on the way to one, in a branch that can only end with
 * it: their cost is none, the threads' roles do not spread through them,
 * and the accesses there (`{ warned = 1; die(); }`) are shared with no
 * other thread.  A direct call may end the process for its arguments
 * alone: its target returns only under a test of a parameter the argument
 * fails (`if (fp) return r; exit(r);` called with NULL); such a call is on
 * the way out.  So is what a function does on its way to returning an
 * error every caller asserts away (`{ log(...); return -1; }` of a
 * function whose every call is `r = f(); assert(r == 0);`). */
#include "callers.h"
#include "program.h"

#include <stdlib.h>
#include <string.h>

#define TERMINATES_EXIT_STEPS 4   /* nested branches followed to their end */

static int terminates_direct_call(const struct lc_program *program, const struct lc_program_call *c)
{
    return c->callee.kind == LC_VALUE_FUNCTION && c->callee.function != LC_NONE && program->terminates
           && program->terminates[c->callee.function];
}

/* Does the call end the process: a direct call of a function that never
 * returns, or one given arguments for which its target does. */
static int terminates_call_ends(const struct lc_program *program, const struct lc_program_call *c)
{
    return c->ends_process || terminates_direct_call(program, c);
}

/* Does the call's function return here a non-zero constant that every
 * caller turns into the end of the process (facts.h error_return)? */
static int terminates_error_return(const struct lc_program *program, uint32_t function, int error_return)
{
    return error_return && program->error_exits && program->error_exits[function];
}

int lc_program_call_on_way_out(const struct lc_program *program, const struct lc_program_call *c)
{
    if (c->ends_process || terminates_error_return(program, c->caller, lc_program_call_extra_of(program, c)->error_return))
        return 1;
    uint32_t end = lc_program_call_extra_of(program, c)->branch_exit;
    for (int step = 0; step < TERMINATES_EXIT_STEPS && end != LC_NONE; step++) {
        const struct lc_program_call *exit = &program->calls[end];
        if (terminates_call_ends(program, exit))
            return 1;
        end = lc_program_call_extra_of(program, exit)->branch_exit;
    }
    return 0;
}

int lc_program_access_on_way_out(const struct lc_program *program, const struct lc_program_access *access)
{
    if (terminates_error_return(program, access->function, access->error_return))
        return 1;
    if (access->exit_call == LC_NONE)
        return 0;
    const struct lc_program_call *exit = &program->calls[access->exit_call];
    return terminates_call_ends(program, exit) || lc_program_call_on_way_out(program, exit);
}

/* A direct call that surely runs when its function does: one of a
 * function that never returns makes its caller one too. */
static int terminates_sure_call(const struct lc_program_call *call)
{
    return (call->runs == LC_RUNS_ONCE || call->runs == LC_RUNS_RETRIED) && call->callee.kind == LC_VALUE_FUNCTION;
}

enum lc_terminates_reason lc_terminates_reason(const struct lc_program *program, uint32_t function, uint32_t *call)
{
    const struct lc_program_function *fn = &program->functions[function];
    *call = LC_NONE;
    if (fn->model && fn->model->terminates)
        return LC_TERMINATES_MODEL;
    if (fn->annotations & LC_ANNOT_NORETURN)
        return LC_TERMINATES_DECLARED;
    for (uint32_t c = fn->first_call; c < fn->first_call + fn->call_count && *call == LC_NONE; c++)
        if (terminates_sure_call(&program->calls[c]) && terminates_direct_call(program, &program->calls[c]))
            *call = c;
    return LC_TERMINATES_CALL;
}

/* Per function, a call of one that never returns outside every branch,
 * after returns all under one test of a parameter (facts.h
 * returned_guard): a caller whose argument fails the test makes it end
 * the process; LC_NONE for the rest. */
static uint32_t *terminates_guarded_ends(const struct lc_program *program)
{
    uint32_t *ends = malloc(((size_t)program->function_count + 1) * sizeof *ends);
    if (!ends)
        return NULL;
    memset(ends, 0xff, ((size_t)program->function_count + 1) * sizeof *ends);
    for (uint32_t k = 0; k < program->call_count; k++) {
        const struct lc_program_call *x = &program->calls[k];
        if (x->runs == LC_RUNS_UNLESS_RETURNED && x->caller < program->function_count && ends[x->caller] == LC_NONE
            && lc_program_call_extra_of(program, x)->returned_guard.param > 0 && terminates_direct_call(program, x))
            ends[x->caller] = k;
    }
    return ends;
}

/* The direct calls whose target ends the process given their arguments
 * (lc_program_call ends_process): `check(argc, argv, NULL)` of `if (fp)
 * return r; exit(r);`. */
static int terminates_mark_calls(struct lc_program *program)
{
    uint32_t *ends = terminates_guarded_ends(program);
    if (!ends)
        return -1;
    for (uint32_t c = 0; c < program->call_count; c++) {
        struct lc_program_call *call = &program->calls[c];
        uint32_t g = call->callee.kind == LC_VALUE_FUNCTION ? call->callee.function : LC_NONE;
        if (g == LC_NONE || ends[g] == LC_NONE || program->terminates[g])
            continue;
        const struct lc_param_guard *guard = &lc_program_call_extra_of(program, &program->calls[ends[g]])->returned_guard;
        call->ends_process = (uint32_t)guard->param <= call->arg_count
                             && lc_param_guard_fails(program, guard, &program->args[call->first_arg + (uint32_t)guard->param - 1]);
    }
    free(ends);
    return 0;
}

int lc_terminates_compute(struct lc_program *program)
{
    uint32_t n = program->function_count;
    program->terminates = calloc((size_t)n + 1, 1);
    uint32_t *queue = malloc(((size_t)n + 1) * sizeof *queue);
    if (!program->terminates || !queue || !program->callers) {
        free(queue);
        return -1;
    }
    uint32_t head = 0, tail = 0;
    for (uint32_t f = 0; f < n; f++) {
        const struct lc_program_function *fn = &program->functions[f];
        if ((fn->model && fn->model->terminates) || (fn->annotations & LC_ANNOT_NORETURN)) {
            program->terminates[f] = 1;
            queue[tail++] = f;
        }
    }
    const struct lc_callers *callers = program->callers;
    while (head < tail) {
        uint32_t g = queue[head++];
        for (uint32_t i = callers->start[g]; i < callers->start[g + 1]; i++) {
            const struct lc_program_call *call = &program->calls[callers->calls[i]];
            const struct lc_program_function *fn = &program->functions[call->caller];
            /* Only a direct call that surely runs reaches g (no branch
             * around it, no return before it: `switch (op) { case A:
             * return a(); } unreached(); return 0;` returns from its
             * cases); a pointer may hold others. */
            if (!terminates_sure_call(call) || program->terminates[call->caller]
                || !fn->is_defined || lc_model_hides_body(fn->model))
                continue;
            program->terminates[call->caller] = 1;
            queue[tail++] = call->caller;
        }
    }
    free(queue);
    return terminates_mark_calls(program);
}

int lc_terminates_error_exits(struct lc_program *program)
{
    uint32_t n = program->function_count;
    program->error_exits = calloc((size_t)n + 1, 1);
    uint8_t *taken = lc_program_address_taken(program);
    if (!program->error_exits || !taken || !program->callers) {
        free(taken);
        return -1;
    }
    const struct lc_callers *callers = program->callers;
    for (uint32_t f = 0; f < n; f++) {
        int every = !taken[f] && callers->start[f] < callers->start[f + 1];
        for (uint32_t i = callers->start[f]; every && i < callers->start[f + 1]; i++) {
            const struct lc_program_call *c = &program->calls[callers->calls[i]];
            uint32_t exit = lc_program_call_extra_of(program, c)->nonzero_exit;
            every = c->callee.kind == LC_VALUE_FUNCTION && c->callee.function == f && exit != LC_NONE
                    && terminates_call_ends(program, &program->calls[exit]);
        }
        program->error_exits[f] = (uint8_t)every;
    }
    free(taken);
    return 0;
}
