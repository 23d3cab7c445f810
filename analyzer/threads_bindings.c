/* threads_bindings.c — the function-pointer bindings threads_context.c
 * carries along each path: for each parameter through which a function
 * calls (directly, or by passing it on to such a parameter), the functions
 * the call site passed (a function, none for NULL, the caller's own
 * binding for a parameter of the caller; anything else is unknown and the
 * call goes to every target of the flow). */
#include "threads_bindings.h"

#include <stdlib.h>

/* The parameters of each function that have a binding: those it calls
 * through (and never assigns), then, to a fixed point, those it passes on
 * as an argument for a bound parameter of a callee. */
void lc_threads_bound_params(const struct lc_program *program, uint32_t *bound)
{
    uint8_t *assigned = calloc((size_t)program->flow_node_count + 1, 1);
    for (uint32_t s = 0; assigned && s < program->store_count; s++)
        if (program->stores[s].target_node != LC_NONE)
            assigned[program->stores[s].target_node] = 1;
    int any_bound = 0;   /* else no argument can bind a parameter either */
    for (uint32_t c = 0; assigned && c < program->call_count; c++) {
        const struct lc_program_call *call = &program->calls[c];
        uint32_t function, index;
        if (call->callee.kind == LC_VALUE_PARAM && call->callee.flow_node != LC_NONE
            && !assigned[call->callee.flow_node]
            && lc_fpflow_param_of(program, call->callee.flow_node, &function, &index) && function == call->caller
            && index < LC_THREADS_PARAM_BITS) {
            bound[function] |= 1u << index;
            any_bound = 1;
        }
    }
    for (int changed = assigned != NULL && any_bound; changed;) {
        changed = 0;
        for (uint32_t c = 0; c < program->call_count; c++) {
            const struct lc_program_call *call = &program->calls[c];
            for (uint32_t a = 0; a < call->arg_count && a < LC_THREADS_PARAM_BITS; a++) {
                const struct lc_program_value *arg = &program->args[call->first_arg + a];
                uint32_t function, index;
                if (arg->kind != LC_VALUE_PARAM || arg->flow_node == LC_NONE || assigned[arg->flow_node]
                    || !lc_fpflow_param_of(program, arg->flow_node, &function, &index) || function != call->caller
                    || index >= LC_THREADS_PARAM_BITS || (bound[function] & (1u << index)))
                    continue;
                for (uint32_t k = 0; k < call->target_count; k++)
                    if (bound[program->targets[call->first_target + k]] & (1u << a)) {
                        bound[function] |= 1u << index;
                        changed = 1;
                        break;
                    }
            }
        }
    }
    free(assigned);
}

/* The binding of bound parameter `param` of `function` in the context
 * (items after the facts): its functions, *count of them, or NULL when
 * unknown. */
const uint32_t *lc_threads_binding(const uint32_t *bound_params, uint32_t function, const uint32_t *items,
                                   uint32_t param, uint32_t *count)
{
    const uint32_t *at = items + 1 + 4 * items[0];
    for (uint32_t p = 0; p < param; p++)
        if (bound_params[function] & (1u << p))
            at += *at == LC_THREADS_BINDING_ANY ? 1 : 1 + *at;
    *count = *at == LC_THREADS_BINDING_ANY ? 0 : *at;
    return *at == LC_THREADS_BINDING_ANY ? NULL : at + 1;
}

/* The context of `callee` called at `c` from a function in `items`
 * (its cut calls and facts already in `out`): each bound parameter's
 * binding after them. */
uint32_t lc_threads_callee_bindings(struct lc_sequence_pool *pool, const uint32_t *bound_params,
                                    const struct lc_program *program, uint32_t caller, const uint32_t *items,
                                    const struct lc_program_call *c, uint32_t callee, uint32_t *out)
{
    uint32_t length = 2 + 4 * out[1];
    for (uint32_t p = 0; p < LC_THREADS_PARAM_BITS; p++) {
        if (!(bound_params[callee] & (1u << p)))
            continue;
        const struct lc_program_value *arg = p < c->arg_count ? &program->args[c->first_arg + p] : NULL;
        uint32_t function, index, count = 0;
        const uint32_t *set = NULL;
        if (arg && arg->kind == LC_VALUE_FUNCTION && arg->function != LC_NONE) {
            set = &arg->function;
            count = 1;
        } else if (arg && arg->kind == LC_VALUE_NULL) {
            set = &arg->function;   /* none */
        } else if (arg && arg->kind == LC_VALUE_PARAM && arg->flow_node != LC_NONE
                   && lc_fpflow_param_of(program, arg->flow_node, &function, &index) && function == caller
                   && index < LC_THREADS_PARAM_BITS && (bound_params[caller] & (1u << index))) {
            set = lc_threads_binding(bound_params, caller, items, index, &count);
        }
        if (!set || count > LC_THREADS_BINDING_SET_CAP) {
            out[length++] = LC_THREADS_BINDING_ANY;
            continue;
        }
        out[length++] = count;
        for (uint32_t i = 0; i < count; i++)
            out[length++] = set[i];
    }
    return lc_sequence_pool_intern(pool, out, length);
}

/* May call `c` of `function` in the context reach target `g`?  Not when it
 * calls through a bound parameter whose binding leaves g out. */
int lc_threads_binding_allows(const struct lc_program *program, const uint32_t *bound_params, uint32_t function,
                              const uint32_t *items, const struct lc_program_call *c, uint32_t g)
{
    uint32_t owner, index, count;
    if (c->callee.kind != LC_VALUE_PARAM || c->callee.flow_node == LC_NONE
        || !lc_fpflow_param_of(program, c->callee.flow_node, &owner, &index) || owner != function
        || index >= LC_THREADS_PARAM_BITS || !(bound_params[function] & (1u << index)))
        return 1;
    const uint32_t *set = lc_threads_binding(bound_params, function, items, index, &count);
    if (!set)
        return 1;
    for (uint32_t i = 0; i < count; i++)
        if (set[i] == g)
            return 1;
    return 0;
}
