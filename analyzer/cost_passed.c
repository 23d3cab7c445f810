/* cost_passed.c — for each loop bounded by a parameter, the largest
 * constant every caller of its function passes there (cost.h,
 * lc_cost_passed_constants): an integer constant (its value: `mempbrk(s,
 * len, "\r\n", 2)`), a string literal (its length: a loop over its
 * characters or over its parts makes at most that many rounds) or a null
 * pointer (none); or a parameter of the caller, passed on unchanged, for
 * which every caller of the caller passes such a constant in turn, at any
 * depth (`config_get_str(rec, "aliases", key, NULL)` calling
 * `config_node_traverse(rec, section, FALSE)`, whose loop walks the parts
 * of `section`); or at most a bound (call_arg at_most: an unsigned
 * one-byte value plus a constant).  A loop walking the table its
 * parameter points to (loop table_walk) makes as many rounds as the fixed
 * table passed has entries (call_arg table_length: `sldns_lookup_by_id(
 * sldns_rcodes, rcode)`), and only that, a null pointer or such a
 * parameter passed on bound it.  A function registered with a library (an entry point) is
 * called with what the library gives it: nothing is known there. */
#include "cost.h"

#include <stdlib.h>
#include <string.h>

#include "callers.h"
#include "grow.h"
#include "triple_map.h"

#define COST_PASSED_PARAMS LC_ELEMENT_ARGUMENTS  /* call facts: changed_param_args */
#define COST_PASSED_DEPTH 16                     /* callers passing a parameter on */
#define COST_PASSED_UNKNOWN (-3)
#define COST_PASSED_VISITING (-2)                /* a cycle: not a constant */

/* The answers so far, only for the (function, parameter) pairs asked
 * about: a map to 1 + an index into `values` (the constant, -1, or
 * COST_PASSED_VISITING), so a program of millions of functions costs
 * nothing for the ones no loop asks about. */
struct cost_passed {
    const struct lc_program *program;
    struct lc_triple_map memo;
    long long *values;
    size_t value_count, value_cap;
    int failed;        /* out of memory */
};

/* The slot of (f, param, table), made COST_PASSED_UNKNOWN when new; NULL
 * when out of memory. */
static long long *cost_passed_slot(struct cost_passed *passed, uint32_t f, int param, int table)
{
    int added;
    uint32_t *index = lc_triple_map_get(&passed->memo, f, (uint32_t)param, (uint32_t)table, 0, &added);
    if (!index)
        return NULL;
    if (added) {
        long long *value = lc_grow_append((void **)&passed->values, &passed->value_count, &passed->value_cap,
                                          sizeof *passed->values, 64);
        if (!value)
            return NULL;
        *value = COST_PASSED_UNKNOWN;
        *index = (uint32_t)passed->value_count;
    }
    return &passed->values[*index - 1];
}

static long long cost_passed_param(struct cost_passed *passed, uint32_t f, int param, int table, int depth);

/* The rounds a loop bounded by parameter `param` of the callee of `call`
 * (walking the table it points to, when `table`) makes at most for what
 * `call` passes there, or -1 when it is not a constant. */
static long long cost_passed_argument(struct cost_passed *passed, const struct lc_program_call *call, int param,
                                      int table, int depth)
{
    const struct lc_program *program = passed->program;
    if ((uint32_t)param >= call->arg_count)
        return -1;
    const struct lc_program_value *arg = &program->args[call->first_arg + (uint32_t)param];
    if (table && arg->kind != LC_VALUE_NULL && arg->kind != LC_VALUE_PARAM)
        return arg->table_length > 0 ? arg->table_length : -1;
    switch (arg->kind) {
    case LC_VALUE_INT:
        return arg->int_value >= 0 ? arg->int_value : -1;
    case LC_VALUE_NULL:
        return 0;
    case LC_VALUE_STRING:
        return arg->text ? (long long)strlen(arg->text) - 2 : -1;
    case LC_VALUE_PARAM:
        if (param >= COST_PASSED_PARAMS || ((lc_program_call_extra_of(program, call)->changed_param_args >> param) & 1u))
            return -1;
        return cost_passed_param(passed, call->caller, arg->param_index, table, depth + 1);
    default:
        return arg->at_most > 0 ? arg->at_most : -1;   /* `labuf[0] + 1`: at most 256 */
    }
}

/* The largest constant every caller of `f` passes for `param`, or -1. */
static long long cost_passed_param(struct cost_passed *passed, uint32_t f, int param, int table, int depth)
{
    const struct lc_program *program = passed->program;
    const struct lc_callers *callers = program->callers;
    if (param < 0 || param >= COST_PASSED_PARAMS || depth > COST_PASSED_DEPTH || !callers
        || callers->start[f] == callers->start[f + 1] || (program->registered && program->registered[f]))
        return -1;
    long long *memo = cost_passed_slot(passed, f, param, table);
    if (!memo) {
        passed->failed = 1;
        return -1;
    }
    if (*memo != COST_PASSED_UNKNOWN)
        return *memo == COST_PASSED_VISITING ? -1 : *memo;
    *memo = COST_PASSED_VISITING;
    long long largest = 0;
    for (uint32_t i = callers->start[f]; i < callers->start[f + 1] && largest >= 0; i++) {
        long long rounds = cost_passed_argument(passed, &program->calls[callers->calls[i]], param, table, depth);
        largest = rounds < 0 ? -1 : rounds > largest ? rounds : largest;
    }
    /* The values may have moved while the callers were asked. */
    memo = cost_passed_slot(passed, f, param, table);
    if (memo)
        *memo = largest;
    return largest;
}

int lc_cost_passed_constants(const struct lc_program *program, long long *passed_of_loop)
{
    struct cost_passed passed = { .program = program };
    for (uint32_t l = 0; l < program->loop_count && !passed.failed; l++) {
        const struct lc_program_loop *loop = &program->loops[l];
        passed_of_loop[l] = loop->bound_param < 0 ? -1
                                                  : cost_passed_param(&passed, loop->function, loop->bound_param,
                                                                      loop->table_walk, 0);
    }
    lc_triple_map_free(&passed.memo);
    free(passed.values);
    return passed.failed ? -1 : 0;
}
