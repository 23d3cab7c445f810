/* cost_disposal.c — what a function frees every time it runs, and the
 * loops each round of which frees the object it is at (cost.h,
 * lc_cost_disposal).  A `frees NAME argK` model (free, g_free) frees its
 * argument K.  A defined function frees its parameter P when a direct call
 * it makes outside any loop, whenever it runs (LC_RUNS_ONCE) or past early
 * returns taken only when P is NULL (LC_RUNS_UNLESS_RETURNED under `if (!p)
 * return;`, `g_return_if_fail(node != NULL)`; not a reference drop's `if
 * (--x->refs) return;`), hands P on unchanged for an argument its callee
 * frees (`config_node_remove(..., node)` ending in `g_free(node)`,
 * `zfree(ptr)` calling `free(ptr)`): to a fixed point, each
 * function taken up again only when a callee gains a parameter, so
 * O((V + E) * LC_ELEMENT_ARGUMENTS) at most.
 *
 * An object is freed once per allocation.  So a loop that frees, in every
 * round, the object the round is at — a call made in every round
 * (struct lc_program_call_extra.each_round: no branch, and no `continue`
 * or other jump before it in the round) passing its element
 * (element_args) for an argument the callee frees: `free(node)` in a walk,
 * `config_node_remove(rec, node, first_child)` draining a node's children
 * — or the loop's counter for an index whose slot the callee frees
 * (`grid_free_line(gd, yy)` freeing `gd->linedata[yy]`'s cells)
 * — makes as many rounds over a run of the program as objects were
 * allocated for it: its rounds are paid for by the allocations, and a loop
 * around it or its function (a list of trees, each freed) does not repeat
 * them.  Likewise
 * a recursive function that frees its parameter every time it runs (a
 * tree's free) runs once per node.  The other work of such a loop, or of
 * such a function, is counted as usual.  What is not freed but handed
 * back to a free list of the program (a slab allocator's) is not seen as
 * freed: write a `frees` model for it (a walk pushing each element onto
 * such a list is amortised already: extract_loop_pooled.c). */
#include "cost.h"

#include <stdlib.h>

#include "callers.h"
#include "worklist.h"

/* Does c run whenever its caller does, out of any loop, calling g with
 * the arguments as written: the calls that pass on what the caller frees. */
static int disposal_passes_on(const struct lc_program *program, const struct lc_program_call *c, uint32_t g)
{
    return c->loop == LC_NONE && c->target_count == 1 && program->targets[c->first_target] == g
           && (c->runs == LC_RUNS_ONCE || c->runs == LC_RUNS_UNLESS_RETURNED) && lc_program_call_passes_arguments(c, g);
}

/* The parameters of c's caller that c frees, given what its callee `g`
 * frees (`frees_g`, by argument). */
static uint32_t disposal_params_freed(const struct lc_program *program, const struct lc_program_call *c, uint32_t g,
                                      uint32_t frees_g)
{
    if (!disposal_passes_on(program, c, g))
        return 0;
    const struct lc_program_call_extra *extra = lc_program_call_extra_of(program, c);
    const struct lc_param_guard *returned = &extra->returned_guard;
    uint32_t freed = 0;
    for (uint32_t p = 0; p < c->arg_count && p < LC_ELEMENT_ARGUMENTS; p++) {
        const struct lc_program_value *arg = &program->args[c->first_arg + p];
        if (!((frees_g >> p) & 1u) || ((extra->changed_param_args >> p) & 1u) || arg->kind != LC_VALUE_PARAM
            || arg->param_index < 0 || arg->param_index >= LC_ELEMENT_ARGUMENTS)
            continue;
        int returns_only_on_null = returned->param == arg->param_index + 1 && returned->field_symbol == 0
                                   && (returned->test & ~LC_PARAM_TEST_UNSIGNED) == LC_PARAM_TEST_EQ
                                   && returned->value == 0;
        if (c->runs == LC_RUNS_ONCE || returns_only_on_null)
            freed |= 1u << arg->param_index;
    }
    return freed;
}

/* The index parameters of c's caller whose slot c frees (a place in it,
 * `free(gl->cells)` with `gl = &gd->lines[py]`: call_arg slot_of_param,
 * or the index handed on to a callee freeing its slot), given what `g`
 * frees (`frees_g`) and whose slots it frees (`slots_g`), by argument. */
static uint32_t disposal_slots_freed(const struct lc_program *program, const struct lc_program_call *c, uint32_t g,
                                     uint32_t frees_g, uint32_t slots_g)
{
    if (c->runs != LC_RUNS_ONCE || !disposal_passes_on(program, c, g))
        return 0;
    uint32_t changed = lc_program_call_extra_of(program, c)->changed_param_args, freed = 0;
    for (uint32_t p = 0; p < c->arg_count && p < LC_ELEMENT_ARGUMENTS; p++) {
        const struct lc_program_value *arg = &program->args[c->first_arg + p];
        if (((frees_g >> p) & 1u) && arg->slot_of_param > 0 && arg->slot_of_param <= LC_ELEMENT_ARGUMENTS)
            freed |= 1u << (arg->slot_of_param - 1);
        else if (((slots_g >> p) & 1u) && !((changed >> p) & 1u) && arg->kind == LC_VALUE_PARAM
                 && arg->param_index >= 0 && arg->param_index < LC_ELEMENT_ARGUMENTS)
            freed |= 1u << arg->param_index;
    }
    return freed;
}

int lc_cost_disposal(const struct lc_program *program, uint32_t *frees, uint8_t *disposing)
{
    const struct lc_callers *callers = program->callers;
    uint32_t n = program->function_count, g;
    struct lc_worklist grown;   /* the functions whose frees grew */
    int ready = lc_worklist_init(&grown, n) == 0;
    uint32_t *slots = calloc((size_t)n + 1, sizeof *slots);   /* per function: the index parameters whose slot it frees */
    if (!ready || !slots || !callers) {
        free(slots);
        lc_worklist_free(&grown);
        return -1;
    }
    for (uint32_t f = 0; f < n; f++) {
        const struct lc_function_model *model = program->functions[f].model;
        int position = model ? model->frees_position : 0;
        frees[f] = position > 0 && position <= LC_ELEMENT_ARGUMENTS ? 1u << (position - 1) : 0;
        if (frees[f])
            lc_worklist_push(&grown, f);
    }
    while (lc_worklist_pop(&grown, &g)) {
        for (uint32_t i = callers->start[g]; i < callers->start[g + 1]; i++) {
            const struct lc_program_call *c = &program->calls[callers->calls[i]];
            uint32_t f = c->caller;
            if (!program->functions[f].is_defined || (program->functions[f].model && program->functions[f].model->hides_body))
                continue;
            uint32_t gained = disposal_params_freed(program, c, g, frees[g]) & ~frees[f];
            uint32_t gained_slots = disposal_slots_freed(program, c, g, frees[g], slots[g]) & ~slots[f];
            if (!gained && !gained_slots)
                continue;
            frees[f] |= gained;
            slots[f] |= gained_slots;
            lc_worklist_push(&grown, f);
        }
    }
    lc_worklist_free(&grown);
    for (uint32_t c = 0; c < program->call_count; c++) {
        const struct lc_program_call *call = &program->calls[c];
        if (call->loop == LC_NONE || call->target_count != 1)
            continue;
        const struct lc_program_call_extra *extra = lc_program_call_extra_of(program, call);
        uint32_t g = program->targets[call->first_target];
        if (extra->each_round && ((extra->element_args & frees[g]) || (extra->counter_args & slots[g]))
            && lc_program_call_passes_arguments(call, g))
            disposing[call->loop] = 1;
    }
    free(slots);
    return 0;
}
