/* threads_context.c — spreading thread roles through the call graph with
 * two facts about the path that reached each function, so that a role
 * does not flow into calls its thread never makes:
 *
 *  - value facts: the tests of globals the calls on the path ran under
 *    (lc_program_call guards: `if (mode == MODE_READ) handle(c)`).  A call
 *    whose own tests contradict them (`if (mode != MODE_IDLE) break;`
 *    before `execute(c)`) is not followed.  Only for variables the role's
 *    thread never writes: the roles are spread again, without the facts of
 *    a variable a function of that role writes, until no new one is found;
 *  - function-pointer bindings: for each parameter through which a
 *    function calls (directly, or by passing it on to such a parameter),
 *    the functions the call site passed (a function, none for NULL, the
 *    caller's own binding for a parameter of the caller; anything else is
 *    unknown and the call goes to every target of the flow).  So
 *    `clear(d, NULL)` on a worker does not call the callback the loop
 *    passes to `clear(d, on_progress)`.
 *
 *  - cut calls: a call whose function runs it only under a test of a
 *    parameter (`if (conn)`, `if (c->conn)`: facts.h lc_param_guard) is
 *    not followed where the call site entering that function passed a
 *    value failing the test (a constant, or an object whose constructor
 *    set the field to one: made_objects.c).  The context carries a mask
 *    of the function's such calls (threads_cuts.c).
 *
 * A call through a function-pointer field that reaches a scoped callback
 * (scoped_callbacks.c: installed only while some function runs, then
 * taken out again) is followed on a role only once the role runs one of
 * those functions; until then it waits, and the walk takes it up again
 * when the queue runs dry.  Not on the loop's role when a function
 * pointer was cut (fpflow.c): the installing function may run on the loop
 * behind it (redis's EVAL behind redisCommand.proc).
 *
 * A state is (function, role, context); a function keeps at most
 * CONTEXT_CAP contexts per role, beyond which it is entered with the most
 * general one (no facts, every binding unknown), which follows everything
 * the others would: the walk stays O(CONTEXT_CAP * (V + E)) per role. */
#include "threads_internal.h"

#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "scoped_callbacks.h"
#include "threads_bindings.h"
#include "triple_map.h"

#define CONTEXT_CAP 16
#define CONTEXT_FACT_CAP 8

struct context_item {
    uint32_t function, role, context;
};

/* A call to a scoped callback waiting for its role to run one of the
 * functions that scope it. */
struct context_parked {
    struct context_item item;        /* the callback, its role and context */
    uint32_t call;
    const uint32_t *scopes;          /* into scoped.records */
    uint32_t scope_count;
};

struct lc_threads_context {
    uint32_t *bound_params;   /* per function: parameters with a binding */
    struct lc_threads_cuts cuts;
    uint32_t *guard_of_family;/* object family -> dense guard index, LC_NONE */
    uint32_t guard_variables;
    uint8_t *banned;          /* role * guard_variables: its thread writes it */
    uint32_t role_cap;
    uint32_t *access_start;   /* function -> first of its accesses in
                                 access_order; + 1 -> end */
    uint32_t *access_order;
    struct lc_sequence_pool pool;
    struct lc_triple_map states;/* (function, role, context) -> 1 */
    struct lc_triple_map counts;/* (function, role, LC_NONE) -> contexts */
    struct context_item *queue;
    size_t head, tail, queue_cap;
    const uint32_t *owned_role;/* per function: the own loop that alone
                                 takes its address, LC_NONE; or NULL */
    struct lc_scoped_callbacks scoped;
    int loop_keeps_scoped;    /* a function pointer was cut: what the loop
                                 runs is not known in full (the installing
                                 function may be behind it), so the loop's
                                 role keeps scoped callbacks */
    struct context_parked *parked;
    size_t parked_count, parked_cap;
};

struct lc_threads_context *lc_threads_context_new(const struct lc_program *program)
{
    struct lc_threads_context *x = calloc(1, sizeof *x);
    size_t n = (size_t)program->function_count + 1;
    if (!x)
        return NULL;
    x->role_cap = program->entry_count + 1;
    x->bound_params = calloc(n, sizeof *x->bound_params);

    x->access_start = calloc(n + 1, sizeof *x->access_start);
    x->access_order = malloc(((size_t)program->access_count + 1) * sizeof *x->access_order);
    x->guard_of_family = malloc(((size_t)program->object_count + 1) * sizeof *x->guard_of_family);
    if (!x->bound_params || !x->access_start || !x->access_order || !x->guard_of_family
        || lc_threads_cuts_build(program, &x->cuts) != 0
        || lc_scoped_callbacks_compute(program, &x->scoped) != 0) {
        lc_threads_context_free(x);
        return NULL;
    }
    x->loop_keeps_scoped = program->cut_pointer_count > 0;
    lc_threads_bound_params(program, x->bound_params);
    for (uint32_t a = 0; a < program->access_count; a++)
        x->access_start[program->accesses[a].function + 1]++;
    for (uint32_t f = 0; f < program->function_count; f++)
        x->access_start[f + 1] += x->access_start[f];
    for (uint32_t a = 0; a < program->access_count; a++)   /* counting sort; the starts move up by one */
        x->access_order[x->access_start[program->accesses[a].function]++] = a;
    for (uint32_t f = program->function_count; f > 0; f--)
        x->access_start[f] = x->access_start[f - 1];
    x->access_start[0] = 0;
    memset(x->guard_of_family, 0xff, ((size_t)program->object_count + 1) * sizeof *x->guard_of_family);
    for (uint32_t g = 0; g < program->guard_count; g++) {
        uint32_t family = program->objects[program->guards[g].variable].family;
        if (x->guard_of_family[family] == LC_NONE)
            x->guard_of_family[family] = x->guard_variables++;
    }
    x->banned = calloc((size_t)x->role_cap * x->guard_variables + 1, 1);
    if (!x->banned) {
        lc_threads_context_free(x);
        return NULL;
    }
    return x;
}

void lc_threads_context_free(struct lc_threads_context *x)
{
    if (!x)
        return;
    free(x->bound_params);
    lc_threads_cuts_free(&x->cuts);
    free(x->guard_of_family);
    free(x->banned);
    free(x->access_start);
    free(x->access_order);
    lc_sequence_pool_free(&x->pool);
    lc_triple_map_free(&x->states);
    lc_triple_map_free(&x->counts);
    free(x->queue);
    lc_scoped_callbacks_free(&x->scoped);
    free(x->parked);
    free(x);
}

/* The most general context of a function: no cut calls, no facts, every
 * binding unknown. */
static uint32_t context_general(struct lc_threads_context *x, uint32_t function)
{
    uint32_t items[2 + LC_THREADS_PARAM_BITS], length = 0;
    items[length++] = 0;
    items[length++] = 0;
    for (uint32_t p = 0; p < LC_THREADS_PARAM_BITS; p++)
        if (x->bound_params[function] & (1u << p))
            items[length++] = LC_THREADS_BINDING_ANY;
    return lc_sequence_pool_intern(&x->pool, items, length);
}

/* Queue `function` on `role` in `context` unless that state was seen; a
 * function with CONTEXT_CAP contexts on the role takes the general one.
 * Gives the function the role (threads.c) with `parent` as its call. */
static int context_visit(struct lc_threads_context *x, struct lc_threads *t, uint32_t function, uint32_t role,
                         uint32_t context, uint32_t parent)
{
    int added;
    uint32_t *count = lc_triple_map_get(&x->counts, function, role, LC_NONE, 0, &added);
    if (!count)
        return -1;
    if (*count >= CONTEXT_CAP && (context = context_general(x, function)) == LC_NONE)
        return -1;
    uint32_t *seen = lc_triple_map_get(&x->states, function, role, context, 1, &added);
    if (!seen)
        return -1;
    if (!added)
        return 0;
    (*count)++;
    lc_threads_add_role(t, function, role, parent);
    if (lc_grow((void **)&x->queue, &x->queue_cap, x->tail, sizeof *x->queue, 1024) != 0)
        return -1;
    x->queue[x->tail++] = (struct context_item){ function, role, context };
    return 0;
}

int lc_threads_context_begin(struct lc_threads_context *x, const uint32_t *owned_role)
{
    x->owned_role = owned_role;
    lc_triple_map_clear(&x->states);
    lc_triple_map_clear(&x->counts);
    x->head = x->tail = 0;
    x->parked_count = 0;
    return 0;
}

int lc_threads_context_loop_escapes(const struct lc_threads_context *x, const uint8_t *on_loop)
{
    return x->scoped.pairs.count > 0 && !x->loop_keeps_scoped && lc_scoped_callbacks_escape(&x->scoped, on_loop);
}

int lc_threads_context_seed(struct lc_threads_context *x, struct lc_threads *t, uint32_t function, uint32_t role,
                            uint32_t parent)
{
    uint32_t context = context_general(x, function);
    return context == LC_NONE ? -1 : context_visit(x, t, function, role, context, parent);
}

/* The facts after call `c` runs where `facts` (count, then 4 items each)
 * held: 0 and the new facts in `out`, or -1 when the call's tests
 * contradict them (it does not run on this thread). */
static int context_apply_guards(const struct lc_program *program, const struct lc_threads_context *x, uint32_t role,
                                const struct lc_program_call *c, const uint32_t *facts, uint32_t *out)
{
    memcpy(out, facts, (1 + 4 * (size_t)facts[0]) * sizeof *out);
    const struct lc_program_call_extra *extra = lc_program_call_extra_of(program, c);
    for (uint32_t g = extra->first_guard; g < extra->first_guard + extra->guard_count; g++) {
        const struct lc_program_guard *guard = &program->guards[g];
        uint32_t variable = x->guard_of_family[program->objects[guard->variable].family];
        if (guard->pointer || x->banned[(size_t)role * x->guard_variables + variable])
            continue;
        uint32_t lo = (uint32_t)(unsigned long long)guard->value, hi = (uint32_t)((unsigned long long)guard->value >> 32);
        int known = 0;   /* an equality on the variable already says everything */
        for (uint32_t i = 0; i < out[0]; i++) {
            const uint32_t *fact = &out[1 + 4 * i];
            if (fact[0] != variable)
                continue;
            int same = fact[2] == lo && fact[3] == hi;
            if ((fact[1] && guard->equal && !same) || (fact[1] != guard->equal && same))
                return -1;
            known |= fact[1] || same;
        }
        if (known || out[0] == CONTEXT_FACT_CAP)
            continue;
        uint32_t *fact = &out[1 + 4 * out[0]++];
        fact[0] = variable;
        fact[1] = guard->equal;
        fact[2] = lo;
        fact[3] = hi;
    }
    return 0;
}

/* Does `role` run one of `functions` (in any context)? */
static int context_role_runs(const struct lc_threads_context *x, uint32_t role, const uint32_t *functions,
                             uint32_t count)
{
    for (uint32_t i = 0; i < count; i++)
        if (lc_triple_map_find(&x->counts, functions[i], role, LC_NONE))
            return 1;
    return 0;
}

/* Enter callee `g` of call `k` on the role, in `context`; a scoped
 * callback whose role runs none of its scoping functions yet waits. */
static int context_enter(struct lc_threads_context *x, struct lc_threads *t, const struct lc_program *program,
                         const struct context_item *item, uint32_t k, uint32_t g, uint32_t context)
{
    const struct lc_program_call *c = &program->calls[k];
    uint32_t scope_count = 0;
    const uint32_t *scopes = c->callee.kind != LC_VALUE_FUNCTION && c->callee.flow_node != LC_NONE
                                 && x->scoped.pairs.count > 0
        ? lc_scoped_callbacks_find(&x->scoped, c->callee.flow_node, g, item->function, &scope_count)
        : NULL;
    if (!scopes || (item->role == LC_THREAD_ROLE_LOOP && x->loop_keeps_scoped)
        || context_role_runs(x, item->role, scopes, scope_count))
        return context_visit(x, t, g, item->role, context, k);
    struct context_parked *parked = lc_grow_append((void **)&x->parked, &x->parked_count, &x->parked_cap,
                                                   sizeof *x->parked, 16);
    if (!parked)
        return -1;
    *parked = (struct context_parked){ { g, item->role, context }, k, scopes, scope_count };
    return 0;
}

/* The waiting calls whose roles now run a scoping function are followed:
 * how many, or -1 (no memory). */
static int context_release(struct lc_threads_context *x, struct lc_threads *t)
{
    int released = 0;
    for (size_t i = 0; i < x->parked_count;) {
        struct context_parked parked = x->parked[i];
        if (!context_role_runs(x, parked.item.role, parked.scopes, parked.scope_count)) {
            i++;
            continue;
        }
        x->parked[i] = x->parked[--x->parked_count];
        if (context_visit(x, t, parked.item.function, parked.item.role, parked.item.context, parked.call) != 0)
            return -1;
        released++;
    }
    return released;
}

/* Follow the queue until it runs dry. */
static int context_drain(const struct lc_program *program, struct lc_threads *t, struct lc_threads_context *x,
                         uint8_t *dispatching, uint32_t *scratch)
{
    int rc = 0;
    while (rc == 0 && x->head < x->tail) {
        struct context_item item = x->queue[x->head++];
        if (!lc_program_function_is_followed(program, item.function))
            continue;
        const struct lc_program_function *fn = &program->functions[item.function];
        for (uint32_t k = fn->first_call; rc == 0 && k < fn->first_call + fn->call_count; k++) {
            const struct lc_program_call *c = &program->calls[k];
            /* The pool may move while interning: re-read the context. */
            uint32_t cut = x->pool.items[x->pool.start[item.context]];
            if (c->target_count == 0 || lc_threads_cuts_skips(&x->cuts, k, cut)
                || (item.role != LC_THREAD_ROLE_LOOP && lc_program_call_extra_of(program, c)->loop_only)
                || lc_program_call_on_way_out(program, c)
                || context_apply_guards(program, x, item.role, c, &x->pool.items[x->pool.start[item.context] + 1],
                                        scratch + 1) != 0)
                continue;
            for (uint32_t i = c->first_target; rc == 0 && i < c->first_target + c->target_count; i++) {
                uint32_t g = program->targets[i];
                const uint32_t *items = &x->pool.items[x->pool.start[item.context] + 1];
                if (!lc_threads_binding_allows(program, x->bound_params, item.function, items, c, g))
                    continue;
                if (lc_program_dispatches(program, item.function, i)) {
                    dispatching[item.role] = 1;
                    continue;
                }
                if (c->callee.kind != LC_VALUE_FUNCTION && x->owned_role && x->owned_role[g] != LC_NONE
                    && x->owned_role[g] != item.role)
                    continue;   /* a function of another thread's own loop */
                if (program->functions[g].model && program->functions[g].model->runs_loop)
                    dispatching[item.role] = 1;   /* a library loop: event_base_dispatch */
                scratch[0] = lc_threads_cuts_mask(program, &x->cuts, c, g);
                uint32_t context = lc_threads_callee_bindings(&x->pool, x->bound_params, program, item.function, items, c, g, scratch);
                rc = context == LC_NONE ? -1 : context_enter(x, t, program, &item, k, g, context);
            }
        }
    }
    return rc;
}

int lc_threads_context_spread(const struct lc_program *program, struct lc_threads *t, struct lc_threads_context *x,
                              uint8_t *dispatching)
{
    uint32_t *scratch = malloc((2 + 4 * CONTEXT_FACT_CAP + LC_THREADS_PARAM_BITS * (1 + LC_THREADS_BINDING_SET_CAP) + 1)
                               * sizeof *scratch);
    int rc = scratch ? 0 : -1;
    while (rc == 0 && (rc = context_drain(program, t, x, dispatching, scratch)) == 0
           && (rc = context_release(x, t)) > 0)
        rc = 0;
    free(scratch);
    return rc < 0 ? -1 : 0;
}

int lc_threads_context_ban_written(const struct lc_program *program, struct lc_threads_context *x)
{
    int banned = 0;
    for (size_t i = 0; x->guard_variables && i < x->counts.capacity; i++) {
        uint32_t function = x->counts.keys[i * 3], role = x->counts.keys[i * 3 + 1];
        if (function == UINT32_MAX || role >= x->role_cap)
            continue;
        for (uint32_t a = x->access_start[function]; a < x->access_start[function + 1]; a++) {
            const struct lc_program_access *access = &program->accesses[x->access_order[a]];
            uint32_t variable = x->guard_of_family[program->objects[access->variable].family];
            if (access->kind != LC_ACCESS_WRITE || variable == LC_NONE
                || x->banned[(size_t)role * x->guard_variables + variable])
                continue;
            x->banned[(size_t)role * x->guard_variables + variable] = 1;
            banned = 1;
        }
    }
    return banned;
}
