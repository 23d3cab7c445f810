/* cost_calls.c — what a call costs where it is made (cost.h): its
 * callee's level, less where the call passes its loop's element, a small
 * constant or a string literal for the parameter the callee's loops are
 * bounded by, or a constant failing the parameter test its costliest work
 * runs under (NULL for `if (conn)`, -2 for `if (idx >= 0)`); nothing on
 * the way out of the process, nothing for a message it formats or two
 * keys it compares through a function pointer, nothing for growing an
 * object that is full by a factor (amortised). */
#include "cost.h"

/* What function g costs where it is called (cost->target_kind). */
static unsigned cost_target_level(const struct lc_cost *cost, uint32_t g)
{
    return cost->target_kind[g] == LC_COST_TARGET_HEAVY      ? LC_COST_HEAVY
           : cost->target_kind[g] == LC_COST_TARGET_FOLLOWED ? cost->function_level[g]
                                                             : 0;
}

/* Does `call` pass, for parameter `param`, what a loop bounded by it
 * walks in a few rounds: an integer constant a loop of that many rounds
 * costs nothing for (lc_cost_of_rounds: `verifyClusterNodeId(name,
 * CLUSTER_NAMELEN)`), a value at most such a constant (an unsigned
 * one-byte value plus a constant, call_arg at_most), or a string literal
 * (`config_node_traverse(rec, "settings", 0)`: its characters, its
 * parts)? */
static int cost_passes_small(const struct lc_program *program, const struct lc_program_call *call, int param)
{
    if (param < 0 || (uint32_t)param >= call->arg_count)
        return 0;
    const struct lc_program_value *arg = &program->args[call->first_arg + (uint32_t)param];
    if (arg->kind == LC_VALUE_INT)
        return arg->int_value >= 0 && lc_cost_of_rounds(arg->int_value) == 0;
    if (arg->at_most > 0)
        return lc_cost_of_rounds(arg->at_most) == 0;   /* `hashlittle(labuf, labuf[0] + 1, h)` */
    return arg->kind == LC_VALUE_STRING;
}

/* Does `call` pass, for one of `params`, what a loop bounded by it walks
 * in a few rounds, or one of the arguments `own` (bit i: argument i) says
 * cover only the round's own share? */
static int cost_passes_few(const struct lc_program *program, const struct lc_program_call *call, uint32_t params,
                           uint32_t own)
{
    if (params & own)
        return 1;
    for (int p = 0; p < LC_ELEMENT_ARGUMENTS && params >> p; p++)
        if (((params >> p) & 1u) && cost_passes_small(program, call, p))
            return 1;
    return 0;
}

const struct lc_param_guard *lc_cost_site_guard(const struct lc_program *program, uint32_t site)
{
    return site < program->call_count ? &lc_program_call_extra_of(program, &program->calls[site])->param_guard
                                      : &program->loops[site - program->call_count].param_guard;
}

const struct lc_cost_guarded *lc_cost_guard_failing_at(const struct lc_program *program, const struct lc_cost *cost,
                                                       uint32_t g, const struct lc_program_call *call)
{
    if (cost->target_kind[g] != LC_COST_TARGET_FOLLOWED || cost->guarded_of[g] == LC_NONE)
        return NULL;
    const struct lc_cost_guarded *guarded = &cost->guarded[cost->guarded_of[g]];
    const struct lc_param_guard *guard = lc_cost_site_guard(program, guarded->site);
    int fails = guard->param > 0 && (uint32_t)guard->param <= call->arg_count
                && lc_param_guard_fails(program, guard, &program->args[call->first_arg + (uint32_t)guard->param - 1]);
    return fails ? guarded : NULL;
}

struct lc_cost_why lc_cost_guarded_loop_why(const struct lc_cost *cost, const struct lc_cost_guarded *guarded,
                                            uint32_t function, uint32_t loop)
{
    for (uint32_t i = cost->loops_start[function]; i < cost->loops_start[function + 1]; i++)
        if (cost->loops_of_function[i] == loop)
            return cost->guarded_loop_why[guarded->first_loop_why + (i - cost->loops_start[function])];
    return cost->loop_why[loop];
}

/* The arguments of `call` naming a fixed table of a few entries (bit i:
 * argument i). */
static uint32_t cost_small_tables(const struct lc_program *program, const struct lc_program_call *call)
{
    uint32_t tables = 0;
    for (uint32_t p = 0; p < call->arg_count && p < LC_ELEMENT_ARGUMENTS; p++) {
        long long length = program->args[call->first_arg + p].table_length;
        if (length > 0 && lc_cost_of_rounds(length) == 0)
            tables |= 1u << p;
    }
    return tables;
}

#define REFILL_DEPTH 6        /* calls followed from a refilling call */
#define REFILL_VISITS 256     /* functions looked at for one call */

/* A function reached from a refilling call, and whether a call made in a
 * loop's round was on the way. */
struct refill_visit {
    uint32_t function;
    int in_loop;
};

struct refill_search {
    const struct lc_program *program;
    int64_t field_symbol;
    struct refill_visit seen[REFILL_VISITS];
    unsigned seen_count;
};

/* Does `function`, or a function it calls (`depth` calls deep at most),
 * count the field up in the rounds of a loop: its own, or one of a
 * function calling it on the way (`in_loop`)? */
static int cost_counts_up_in_rounds(struct refill_search *search, uint32_t function, int in_loop, unsigned depth)
{
    for (unsigned i = 0; i < search->seen_count; i++)
        if (search->seen[i].function == function && search->seen[i].in_loop >= in_loop)
            return 0;
    if (search->seen_count == REFILL_VISITS)
        return 0;
    search->seen[search->seen_count++] = (struct refill_visit){ function, in_loop };
    const struct lc_program *program = search->program;
    int counts = lc_program_counts_field(program, function, search->field_symbol);
    if ((counts & LC_COUNTED_IN_LOOP) || (counts && in_loop))
        return 1;
    const struct lc_program_function *fn = &program->functions[function];
    for (uint32_t c = fn->first_call; depth > 0 && c < fn->first_call + fn->call_count; c++) {
        const struct lc_program_call *call = &program->calls[c];
        for (uint32_t t = 0; t < call->target_count; t++)
            if (cost_counts_up_in_rounds(search, program->targets[call->first_target + t],
                                         in_loop || call->loop != LC_NONE, depth - 1))
                return 1;
    }
    return 0;
}

/* The same at one call: a callee whose only growing loops are bounded by
 * a parameter (cost->linear, LC_COST_LINEAR_PLAIN) given a field of the element the
 * caller's loop is at (`hash(key, it->nkey)` in a walk over the items)
 * walks that element's own data, once per element; given the loop's own
 * cursor, taken back (`buf = sprintf_num(buf, last, ...)` in `while (*fmt
 * && buf < last)`), it walks on from where the loop is; given a fixed
 * table of a few entries for the table its loops walk (LC_COST_LINEAR_TABLE),
 * it walks those few; given a small
 * constant or a string literal there (cost_passes_small) it walks a few
 * rounds: only the rest of it counts.  A callee given a constant failing the test its
 * costliest work runs under (cost->guard_site: `createClient(NULL)` skips
 * `if (conn) { ... }`, `lua_settop(L, -2)` skips `if (idx >= 0) { ...
 * }`) costs what it does without that work.  A callee that frees a
 * parameter every time it runs (cost->frees_params) and whose growing loops
 * are all bounded by it walks the parts of the object it frees (a chunked
 * item's chunks handed back to the slabs): each part is freed once per
 * allocation, so only the rest counts, wherever it is called.  A callee
 * given an object only when it is full (`if (t->n >= t->size)
 * grow(t)`), which raises that limit by a factor, runs once per doubling:
 * what it does over the object is paid for by the insertions that filled
 * it, so it costs nothing where it is called.  So does a callee given
 * control only where a count field of an object is 0 (`if (p->free_count
 * == 0) new_slab(id)`) that counts that field up in the rounds of a loop,
 * itself or through what it calls (a slab split into free items, each
 * handed to the function putting it on the free list): it refills an
 * empty pool, once per emptying, and its rounds are paid for by the takes
 * that emptied it. */
unsigned lc_cost_target_level_at(const struct lc_program *program, const struct lc_cost *cost, uint32_t g,
                                 const struct lc_program_call *call)
{
    unsigned level = cost_target_level(cost, g);
    if (cost->target_kind[g] != LC_COST_TARGET_FOLLOWED || !lc_program_call_passes_arguments(call, g))
        return level;
    const struct lc_program_call_extra *extra = lc_program_call_extra_of(program, call);
    if (extra->full_guard.param > 0
        && lc_program_raises_limit(program, g, extra->full_guard.param, extra->full_guard.field_symbol))
        return 0;
    if (extra->empty_field_symbol) {
        struct refill_search search = { .program = program, .field_symbol = extra->empty_field_symbol };
        if (cost_counts_up_in_rounds(&search, g, 0, REFILL_DEPTH))
            return 0;
    }
    /* what each kind of tracker takes for the round's own share */
    const uint32_t own[LC_COST_LINEAR_KINDS] = { extra->element_args, extra->cursor_args, extra->counter_args,
                                                 cost_small_tables(program, call) };
    for (int k = 0; k < LC_COST_LINEAR_KINDS; k++) {
        const struct lc_cost_linear *kind = &cost->linear[k];
        if (cost_passes_few(program, call, kind->params[g], own[k]) && kind->level_but[g] < level)
            level = kind->level_but[g];
    }
    /* freeing an object walks what it owns, once per allocation */
    const struct lc_cost_linear *plain = &cost->linear[LC_COST_LINEAR_PLAIN];
    if ((plain->params[g] & cost->frees_params[g]) && plain->level_but[g] < level)
        level = plain->level_but[g];
    const struct lc_cost_guarded *guarded = lc_cost_guard_failing_at(program, cost, g, call);
    return guarded && guarded->level < level ? guarded->level : level;
}

/* Is every function the call may reach declared cold (LC_ANNOT_COLD)? */
static int cost_call_is_cold(const struct lc_program *program, const struct lc_program_call *c)
{
    for (uint32_t t = 0; t < c->target_count; t++)
        if (!(program->functions[program->targets[c->first_target + t]].annotations & LC_ANNOT_COLD))
            return 0;
    return 1;
}

int lc_cost_call_adds_nothing(const struct lc_program *program, const struct lc_cost *cost,
                              const struct lc_program_call *c)
{
    const struct lc_program_call_extra *extra = lc_program_call_extra_of(program, c);
    return c->target_count > 0
           && (lc_program_call_on_way_out(program, c) || lc_program_call_on_failure_path(program, c)
               || extra->share != LC_SHARE_NONE || (cost->off_loop && extra->loop_only)
               || extra->unlikely || cost_call_is_cold(program, c));
}

unsigned lc_cost_call_level(const struct lc_program *program, const struct lc_cost *cost, uint32_t call,
                            struct lc_cost_why *why)
{
    const struct lc_program_call *c = &program->calls[call];
    unsigned best = 0;
    uint32_t counted = lc_cost_call_adds_nothing(program, cost, c) ? 0 : c->target_count;
    for (uint32_t t = 0; t < counted; t++) {
        unsigned level = lc_cost_target_level_at(program, cost, program->targets[c->first_target + t], c);
        if (level > best)
            best = level;
    }
    if (why)
        *why = (struct lc_cost_why){ best ? LC_COST_CAUSE_CALL : LC_COST_CAUSE_NONE, call };
    return best;
}
