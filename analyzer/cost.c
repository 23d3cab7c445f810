/* cost.c — the CPU cost levels of cost.h, computed callee-first over the
 * call graph's strongly connected components. */
#include "cost.h"

#include <stdlib.h>
#include <string.h>

#include "callers.h"
#include "grow.h"
#include "scc.h"

static unsigned cost_cap(unsigned level)
{
    return level > LC_COST_MAX ? LC_COST_MAX : level;
}

unsigned lc_cost_of_rounds(long long trip_count)
{
    if (trip_count >= LC_COST_LIMIT_TRIP)
        return 1;   /* `i < INT_MAX`: a search that stops at a break */
    return trip_count >= LC_COST_BIG_TRIP ? 2 : trip_count >= LC_COST_MEDIUM_TRIP ? 1 : 0;
}

/* What a loop costs by itself, from its bound; `passed` is the largest
 * constant every caller passes for the parameter bounding it, or -1. */
static unsigned cost_loop_own(const struct lc_program_loop *loop, long long passed)
{
    if (loop->source == LC_SOURCE_PARENT)
        return 0;
    if (passed >= 0)
        return lc_cost_of_rounds(passed);
    switch (loop->bound) {
    case LC_BOUND_DATA:
    case LC_BOUND_UNBOUNDED: return 1;
    case LC_BOUND_CONSTANT: return lc_cost_of_rounds(loop->trip_count);
    case LC_BOUND_SMALL_CONSTANT: break;
    }
    return 0;
}

static void cost_raise(uint8_t *level, struct lc_cost_why *why, unsigned candidate, struct lc_cost_why cause)
{
    if (candidate > *level) {
        *level = (uint8_t)cost_cap(candidate);
        *why = cause;
    }
}

/* What a loop's own repetitions add where its function is called: a loop
 * over data a caller passes or the program shares (or over a big constant
 * count), not one over the function's own locals, over a string's
 * characters (text: short in practice) or filling an object from its mark
 * (amortised over the calls).  Inside the function it costs its
 * full level all the same. */
static unsigned cost_loop_exported(const struct lc_program_loop *loop, unsigned own, long long passed)
{
    int counted = loop->bound == LC_BOUND_CONSTANT || loop->bound == LC_BOUND_SMALL_CONSTANT || passed >= 0;
    return counted || loop->source == LC_SOURCE_INPUT ? own : 0;
}

static void cost_max(uint8_t *level, unsigned candidate)
{
    if (candidate > *level)
        *level = (uint8_t)cost_cap(candidate);
}

/* Scratch per loop while one function is done. */
struct cost_scratch {
    uint8_t *inner;          /* the costliest loop or call inside it */
    uint8_t *inner_export;   /* the same, as its function's callers see it */
    uint8_t *drives;         /* it holds a call back into the recursion */
    long long *passed;       /* the largest constant every caller passes for
                                the parameter bounding it, or -1 */
    uint8_t *registry;       /* it walks a small registry filled at
                                start-up (cost_registry.c), or up a link
                                of short chains (cost_link_depth.c): a
                                constant */
    uint8_t *disposing;      /* every round frees the object it is at
                                (cost_disposal.c): its rounds are paid for
                                by the allocations */
    uint8_t *owned;          /* it walks what its enclosing loop's element
                                owns through a pointer field
                                (cost_owned_fields.c): the element's
                                children, no repetition */
    const struct lc_param_guard *skip_guard;  /* while a function's level
                                                 without its calls and loops
                                                 under this test is
                                                 computed (cost->
                                                 level_if_guard_fails), else
                                                 NULL */
};

/* What a recursive function adds to the work it repeats at every step of
 * its recursion: 1, none when every step frees what it is given (a tree's
 * free runs once per node: cost_disposal.c). */
static unsigned cost_repeat(const struct lc_cost *cost, uint32_t f)
{
    return cost->recursive[f] && !cost->frees_params[f] ? 1 : 0;
}

/* Does `guard` (of a call or loop) test what `skipped` does? */
static int cost_guard_skipped(const struct lc_param_guard *guard, const struct lc_param_guard *skipped)
{
    return skipped && guard->param != 0 && guard->param == skipped->param && guard->test == skipped->test
           && guard->value == skipped->value && guard->field_symbol == skipped->field_symbol;
}

/* What a function's level is without the repetitions of a parameter:
 * the parameters each of which bounds every loop and call noted so far
 * (bit i: parameter i; all of them while none is seen), and the level of
 * the rest.  One is kept per kind (enum lc_cost_linear_kind, cost.h):
 * bounded as a count or the data the parameter owns, bounded so or as a
 * cursor the function hands back, and the slot an index picks. */
struct cost_linear {
    uint32_t params;
    int seen;
    unsigned rest;
    struct lc_cost_why rest_why;   /* what makes `rest` */
};

/* A loop or call bounded by `params` (0: by none of them), costing `rest`
 * besides. */
static void cost_linear_note(struct cost_linear *linear, uint32_t params, unsigned rest, struct lc_cost_why why)
{
    if (params) {
        linear->params = linear->seen ? linear->params & params : params;
        linear->seen = 1;
    }
    if (rest > linear->rest) {
        linear->rest = rest;
        linear->rest_why = why;
    }
}

/* Keep what one tracker found for function f at `level`: its parameters
 * when the rest costs less than the whole, the rest's level and cause. */
static void cost_keep_linear(const struct cost_linear *linear, unsigned level, struct lc_cost_linear *kept, uint32_t f)
{
    kept->params[f] = linear->rest < level ? linear->params : 0;
    kept->level_but[f] = (uint8_t)cost_cap(linear->rest);
    kept->why_but[f] = linear->rest_why;
}

/* The per-function arrays of one kind; 0, or -1 when memory runs out. */
static int cost_linear_alloc(struct lc_cost_linear *kept, size_t n)
{
    kept->params = calloc(n, sizeof *kept->params);
    kept->level_but = calloc(n, 1);
    kept->why_but = calloc(n, sizeof *kept->why_but);
    return kept->params && kept->level_but && kept->why_but ? 0 : -1;
}

/* The parameters of the caller of `c` it passes (themselves, or a field
 * of one) for those of `params`. */
static uint32_t cost_params_passed(const struct lc_program *program, const struct lc_program_call *c, uint32_t params)
{
    uint32_t mine = 0;
    for (uint32_t p = 0; p < c->arg_count && p < LC_ELEMENT_ARGUMENTS; p++) {
        if (!((params >> p) & 1u))
            continue;
        const struct lc_program_value *arg = &program->args[c->first_arg + p];
        int param = arg->kind == LC_VALUE_PARAM ? arg->param_index : arg->field_of_param - 1;
        if (param >= 0 && param < LC_ELEMENT_ARGUMENTS)
            mine |= 1u << param;
    }
    return mine;
}

/* The caller's integer parameters by which call `c` hands `g` one slot of
 * an array: a slot at that index for a parameter bounding g's loops
 * (`args_value_as_string(&args->values[idx])`: call_arg slot_of_param),
 * or the index itself for one g picks its slot by (cost->linear, LC_COST_LINEAR_SLOT);
 * what g does besides in *rest. */
static uint32_t cost_slots_passed(const struct lc_program *program, const struct lc_cost *cost,
                                  const struct lc_program_call *c, uint32_t g, unsigned *rest)
{
    const struct lc_program_call_extra *extra = lc_program_call_extra_of(program, c);
    const struct lc_cost_linear *plain = &cost->linear[LC_COST_LINEAR_PLAIN], *slot = &cost->linear[LC_COST_LINEAR_SLOT];
    uint32_t mine = 0;
    *rest = 0;
    for (uint32_t p = 0; p < c->arg_count && p < LC_ELEMENT_ARGUMENTS; p++) {
        const struct lc_program_value *arg = &program->args[c->first_arg + p];
        if (((plain->params[g] >> p) & 1u) && arg->slot_of_param > 0 && arg->slot_of_param <= LC_ELEMENT_ARGUMENTS) {
            mine |= 1u << (arg->slot_of_param - 1);
            *rest = plain->level_but[g] > *rest ? plain->level_but[g] : *rest;
        } else if (((slot->params[g] >> p) & 1u) && arg->kind == LC_VALUE_PARAM && arg->param_index >= 0
                   && arg->param_index < LC_ELEMENT_ARGUMENTS && !((extra->changed_param_args >> p) & 1u)) {
            mine |= 1u << arg->param_index;
            *rest = slot->level_but[g] > *rest ? slot->level_but[g] : *rest;
        }
    }
    return mine;
}

/* Target `g` (at `level` there) of call `c`, outside any loop of `f`: a
 * target linear in the parameter its caller passes one of its own
 * parameters for (`hash(key, len)` calling `jenkins_hash(key, len)`), or a
 * field of one (`hash(key, item->nkey)` in `item_remove(item)`), makes `f`
 * linear in that one; in both senses (struct cost_linear). */
static void cost_linear_target(const struct lc_program *program, const struct lc_cost *cost, uint32_t call,
                               uint32_t g, unsigned level, struct cost_linear *linear)
{
    const struct lc_program_call *c = &program->calls[call];
    struct lc_cost_why why = { LC_COST_CAUSE_CALL, call };
    int followed = cost->target_kind[g] == LC_COST_TARGET_FOLLOWED && lc_program_call_passes_arguments(c, g);
    const struct lc_cost_linear *kind = cost->linear;
    uint32_t plain = cost_params_passed(program, c, followed ? kind[LC_COST_LINEAR_PLAIN].params[g] : 0);
    uint32_t cursor = cost_params_passed(program, c, followed ? kind[LC_COST_LINEAR_CURSOR].params[g] : 0);
    uint32_t table = cost_params_passed(program, c, followed ? kind[LC_COST_LINEAR_TABLE].params[g] : 0);
    unsigned slot_rest = 0;
    uint32_t slot = followed ? cost_slots_passed(program, cost, c, g, &slot_rest) : 0;
    cost_linear_note(&linear[LC_COST_LINEAR_PLAIN], plain, plain ? kind[LC_COST_LINEAR_PLAIN].level_but[g] : level, why);
    cost_linear_note(&linear[LC_COST_LINEAR_CURSOR], cursor, cursor ? kind[LC_COST_LINEAR_CURSOR].level_but[g] : level, why);
    cost_linear_note(&linear[LC_COST_LINEAR_SLOT], slot, slot ? slot_rest : level, why);
    cost_linear_note(&linear[LC_COST_LINEAR_TABLE], table, table ? kind[LC_COST_LINEAR_TABLE].level_but[g] : level, why);
}

/* The level a call adds inside `component`: the most expensive target
 * outside it (a call back into the component is the recursion itself).
 * For a call outside any loop of its function, `linear` is not NULL and
 * takes its targets (cost_linear_target) in the same walk. */
static unsigned cost_call_level_outside(const struct lc_program *program, const struct lc_cost *cost, uint32_t call,
                                        uint32_t component, int *recursive_call, struct cost_linear *linear)
{
    const struct lc_program_call *c = &program->calls[call];
    unsigned best = 0;
    /* On the way out or a failure path it adds nothing, not even to the
     * rest of a function linear in a parameter (a failed assertion's
     * report before `abort()`); off the loop, nor does a call the loop's
     * thread only makes. */
    if (lc_cost_call_adds_nothing(program, cost, c))
        return 0;
    for (uint32_t t = 0; t < c->target_count; t++) {
        uint32_t g = program->targets[c->first_target + t];
        if (cost->component_of[g] == component) {
            *recursive_call = 1;
            continue;
        }
        unsigned level = lc_cost_target_level_at(program, cost, g, c);
        if (level > best)
            best = level;
        if (linear)
            cost_linear_target(program, cost, call, g, level, linear);
    }
    return best;
}

/* The calls of `f`: each raises the loops around it, or the top level. */
static void cost_function_calls(const struct lc_program *program, struct lc_cost *cost, uint32_t f,
                                struct cost_scratch *scratch, uint8_t *top, struct lc_cost_why *top_why,
                                struct cost_linear *linear)
{
    const struct lc_program_function *fn = &program->functions[f];
    uint32_t component = cost->component_of[f];
    unsigned repeat = cost_repeat(cost, f);
    for (uint32_t c = fn->first_call; c < fn->first_call + fn->call_count; c++) {
        int recursive_call = 0;
        const struct lc_param_guard *guard = &lc_program_call_extra_of(program, &program->calls[c])->param_guard;
        if (cost_guard_skipped(guard, scratch->skip_guard))
            continue;   /* the test fails: the branch is not taken */
        unsigned level = cost_call_level_outside(program, cost, c, component, &recursive_call,
                                                 program->calls[c].loop == LC_NONE ? linear : NULL);
        struct lc_cost_why why = { level ? LC_COST_CAUSE_CALL : LC_COST_CAUSE_NONE, c };
        uint32_t loop = program->calls[c].loop;
        for (uint32_t l = loop; recursive_call && l != LC_NONE; l = program->loops[l].parent)
            scratch->drives[l] = 1;
        if (loop != LC_NONE) {
            cost_raise(&scratch->inner[loop], &cost->loop_why[loop], level, why);
            cost_max(&scratch->inner_export[loop], level);
        } else {
            cost_raise(top, top_why, level ? level + repeat : 0, why);
        }
    }
}

/* One function's loops and top level, its callees (outside its component)
 * being done already.  In a recursive function, work that is not what
 * drives the recursion is repeated at every step: +1.  A loop whose body
 * recurses (over a node's children) is the recursion itself: a tree walk
 * is linear, like one loop; a recursion descending through a parameter
 * (lc_cost_descended_param) is linear in it.  The function's level is what
 * its callers see: the exported levels of its loops (cost_loop_exported). */
static void cost_function(const struct lc_program *program, struct lc_cost *cost, uint32_t f,
                          struct cost_scratch *scratch)
{
    unsigned repeat = cost_repeat(cost, f);
    uint8_t top = 0;
    struct lc_cost_why top_why = { 0 };
    uint32_t first = cost->loops_start[f], last = cost->loops_start[f + 1];
    for (uint32_t i = first; i < last; i++) {
        uint32_t l = cost->loops_of_function[i];
        scratch->inner[l] = scratch->inner_export[l] = scratch->drives[l] = 0;
        cost->loop_why[l] = (struct lc_cost_why){ 0 };
    }
    int descended = repeat ? lc_cost_descended_param(program, cost, f) : -1;
    uint32_t descent = descended >= 0 && descended < LC_ELEMENT_ARGUMENTS ? 1u << descended : 0;
    struct cost_linear linear[LC_COST_LINEAR_KINDS];
    for (int k = 0; k < LC_COST_LINEAR_KINDS; k++)
        linear[k] = (struct cost_linear){ k == LC_COST_LINEAR_SLOT || k == LC_COST_LINEAR_TABLE ? 0 : descent,
                                          descended >= 0 || repeat, 0,
                                          { LC_COST_CAUSE_NONE, 0 } };
    cost_function_calls(program, cost, f, scratch, &top, &top_why, linear);
    /* Children come after their parents: walk backwards. */
    for (uint32_t i = last; i > first; i--) {
        uint32_t l = cost->loops_of_function[i - 1];
        const struct lc_program_loop *loop = &program->loops[l];
        if (cost_guard_skipped(&loop->param_guard, scratch->skip_guard))
            continue;   /* the test fails: the loop does not run */
        if (loop->source == LC_SOURCE_WAIT || (cost->off_loop && loop->loop_only)) {
            /* a spin lock's wait; off the loop, a loop the loop's thread
             * only runs: it and all in it cost nothing */
            cost->loop_level[l] = cost->loop_export[l] = cost->loop_repeated[l] = 0;
            continue;
        }
        unsigned own = scratch->registry[l] || scratch->owned[l] ? 0 : cost_loop_own(loop, scratch->passed[l]);
        unsigned level = own + scratch->inner[l];
        unsigned exported = (scratch->disposing[l] ? 0 : cost_loop_exported(loop, own, scratch->passed[l]))
                            + scratch->inner_export[l];
        int repeated = loop->parent == LC_NONE && !scratch->drives[l];
        cost->loop_level[l] = (uint8_t)cost_cap(level + (repeated && level > 0 ? repeat : 0));
        cost->loop_repeated[l] = repeated && level > 0 && repeat > 0;
        cost->loop_export[l] = (uint8_t)cost_cap(exported + (repeated && exported > 0 ? repeat : 0));
        struct lc_cost_why cause = { LC_COST_CAUSE_LOOP, l };
        if (loop->parent != LC_NONE) {
            /* a loop freeing what it walks: its rounds are paid for by the
             * allocations, in a loop around it too (only the rest of each
             * round repeats there) */
            unsigned nested = scratch->disposing[l] ? cost_cap(scratch->inner[l]) : cost->loop_level[l];
            cost_raise(&scratch->inner[loop->parent], &cost->loop_why[loop->parent], nested, cause);
            cost_max(&scratch->inner_export[loop->parent], cost->loop_export[l]);
        } else {
            cost_raise(&top, &top_why, cost->loop_export[l], cause);
            /* a loop driving a descent walks the children it descends to */
            uint32_t plain = loop->bound_param >= 0 && loop->bound_param < LC_ELEMENT_ARGUMENTS
                                 ? 1u << loop->bound_param
                                 : scratch->drives[l] ? descent : 0;
            int growing = scratch->passed[l] < 0 && own == 1 && cost->loop_export[l] > scratch->inner_export[l];
            uint32_t bounds[LC_COST_LINEAR_KINDS] = { plain, plain | loop->cursor_params, 0,
                                                      loop->table_walk ? plain : 0 };
            for (int k = 0; k < LC_COST_LINEAR_KINDS; k++) {
                int bounded = growing && bounds[k];
                cost_linear_note(&linear[k], bounded ? bounds[k] : 0,
                                 bounded ? scratch->inner_export[l] : cost->loop_export[l],
                                 bounded ? cost->loop_why[l] : cause);
            }
        }
    }
    cost->function_level[f] = (uint8_t)cost_cap(top > repeat ? top : repeat);
    cost->function_why[f] = top_why;
    for (int k = 0; k < LC_COST_LINEAR_KINDS; k++)
        cost_keep_linear(&linear[k], cost->function_level[f], &cost->linear[k], f);
}

/* The call or loop (a site, cost.h) under the test of a parameter that
 * makes f's level: down the chain of causes from the function's (its
 * costliest top-level loop, the costliest loop or call in that one, ...),
 * the first with a test; LC_NONE when none has one.  Only what makes the
 * level can lower it when skipped, so one test per function is enough. */
static uint32_t cost_guarded_site(const struct lc_program *program, const struct lc_cost *cost, uint32_t f)
{
    struct lc_cost_why why = cost->function_why[f];
    while (why.cause == LC_COST_CAUSE_LOOP) {
        if (program->loops[why.index].param_guard.param != 0)
            return program->call_count + why.index;
        why = cost->loop_why[why.index];
    }
    if (why.cause == LC_COST_CAUSE_CALL
        && lc_program_call_extra_of(program, &program->calls[why.index])->param_guard.param != 0)
        return why.index;
    return LC_NONE;
}

/* Keep what f costs, and why, without what the test at `site` guards
 * (its levels now): cost->guarded.  0, or -1 (no memory). */
static int cost_keep_guarded(struct lc_cost *cost, uint32_t f, uint32_t site)
{
    uint32_t first = cost->loops_start[f], last = cost->loops_start[f + 1];
    struct lc_cost_guarded *guarded = lc_grow_append((void **)&cost->guarded, &cost->guarded_count,
                                                     &cost->guarded_cap, sizeof *cost->guarded, 64);
    if (!guarded)
        return -1;
    *guarded = (struct lc_cost_guarded){ site, cost->function_level[f], cost->function_why[f],
                                         (uint32_t)cost->guarded_loop_why_count };
    for (uint32_t i = first; i < last; i++) {
        struct lc_cost_why *why = lc_grow_append((void **)&cost->guarded_loop_why, &cost->guarded_loop_why_count,
                                                 &cost->guarded_loop_why_cap, sizeof *cost->guarded_loop_why, 256);
        if (!why)
            return -1;
        *why = cost->loop_why[cost->loops_of_function[i]];
    }
    cost->guarded_of[f] = (uint32_t)(cost->guarded_count - 1);
    return 0;
}

int lc_cost_compute(const struct lc_program *program, struct lc_cost *cost, int off_loop)
{
    memset(cost, 0, sizeof *cost);
    cost->off_loop = off_loop;
    if (!program->scc)
        return -1;
    size_t n = (size_t)program->function_count + 1, loops = (size_t)program->loop_count + 1;
    cost->function_level = calloc(n, 1);
    cost->function_why = calloc(n, sizeof *cost->function_why);
    cost->recursive = calloc(n, 1);
    int linear_failed = 0;
    for (int k = 0; k < LC_COST_LINEAR_KINDS; k++)
        linear_failed |= cost_linear_alloc(&cost->linear[k], n);
    cost->frees_params = calloc(n, sizeof *cost->frees_params);
    cost->guarded_of = malloc(n * sizeof *cost->guarded_of);
    cost->loop_level = calloc(loops, 1);
    cost->loop_repeated = calloc(loops, 1);
    cost->loop_export = calloc(loops, 1);
    cost->loop_why = calloc(loops, sizeof *cost->loop_why);
    struct cost_scratch scratch = { .inner = calloc(loops, 1), .inner_export = calloc(loops, 1),
                                    .drives = calloc(loops, 1), .passed = malloc(loops * sizeof *scratch.passed),
                                    .registry = calloc(loops, 1), .disposing = calloc(loops, 1),
                                    .owned = calloc(loops, 1),
                                    .skip_guard = NULL };
    cost->component_of = malloc(n * sizeof *cost->component_of);
    cost->target_kind = malloc(n);
    const struct lc_scc *scc = program->scc;
    int rc = -1;
    if (!cost->function_level || !cost->function_why || !cost->recursive || !cost->component_of || !cost->target_kind
        || linear_failed || !cost->guarded_of
        || !cost->loop_level || !cost->loop_repeated
        || !cost->loop_export || !cost->loop_why || !scratch.inner || !scratch.inner_export || !scratch.drives
        || !scratch.passed || !scratch.registry || !scratch.disposing || !scratch.owned || !cost->frees_params
        || lc_cost_group_loops(program, cost) != 0 || lc_cost_registry_loops(program, scratch.registry) != 0
        || lc_cost_link_loops(program, scratch.registry) != 0
        || lc_cost_disposal(program, cost->frees_params, scratch.disposing) != 0
        || lc_cost_owned_loops(program, cost->frees_params, scratch.owned) != 0
        || lc_cost_passed_constants(program, scratch.passed) != 0)
        goto done;
    memset(cost->guarded_of, 0xff, n * sizeof *cost->guarded_of);
    memcpy(cost->component_of, scc->component_of, (size_t)program->function_count * sizeof *cost->component_of);
    for (uint32_t f = 0; f < program->function_count; f++) {
        const struct lc_function_model *model = program->functions[f].model;
        cost->target_kind[f] = model && model->cpu_heavy                      ? LC_COST_TARGET_HEAVY
                               : lc_program_function_is_cheap(&program->functions[f]) ? LC_COST_TARGET_OPAQUE
                               : lc_program_function_is_followed(program, f) ? LC_COST_TARGET_FOLLOWED
                                                                             : LC_COST_TARGET_OPAQUE;
    }
    for (uint32_t k = 0; k < scc->component_count; k++) {
        uint32_t first = scc->component_start[k], last = scc->component_start[k + 1];
        for (uint32_t i = first; i < last; i++) {
            uint32_t f = scc->order[i];
            int self_call = lc_cost_calls_itself(program, cost, f);
            cost->recursive[f] = self_call || (last - first > 1 && last - first <= LC_COST_RECURSION_CYCLE
                                               && lc_cost_cycles_back(program, cost, f));
        }
        for (uint32_t i = first; i < last; i++) {
            uint32_t f = scc->order[i];
            cost_function(program, cost, f, &scratch);
            uint32_t site = cost_guarded_site(program, cost, f);
            if (site == LC_NONE)
                continue;
            unsigned level = cost->function_level[f];
            scratch.skip_guard = lc_cost_site_guard(program, site);
            cost_function(program, cost, f, &scratch);
            scratch.skip_guard = NULL;
            if (cost->function_level[f] < level && cost_keep_guarded(cost, f, site) != 0)
                goto done;
            cost_function(program, cost, f, &scratch);   /* the levels where the test holds */
        }
    }
    rc = 0;
done:
    free(scratch.inner);
    free(scratch.inner_export);
    free(scratch.drives);
    free(scratch.passed);
    free(scratch.registry);
    free(scratch.disposing);
    free(scratch.owned);
    if (rc != 0)
        lc_cost_free(cost);
    return rc;
}

void lc_cost_free(struct lc_cost *cost)
{
    free(cost->function_level);
    free(cost->function_why);
    free(cost->recursive);
    for (int k = 0; k < LC_COST_LINEAR_KINDS; k++) {
        free(cost->linear[k].params);
        free(cost->linear[k].level_but);
        free(cost->linear[k].why_but);
    }
    free(cost->frees_params);
    free(cost->guarded_of);
    free(cost->guarded);
    free(cost->guarded_loop_why);
    free(cost->component_of);
    free(cost->target_kind);
    free(cost->loop_level);
    free(cost->loop_repeated);
    free(cost->loop_export);
    free(cost->loop_why);
    free(cost->loops_of_function);
    free(cost->loops_start);
    memset(cost, 0, sizeof *cost);
}
