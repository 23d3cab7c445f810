/* scoped_callbacks.c — callbacks installed only for the duration of a
 * call.
 *
 * Function-pointer flow is flow-insensitive (fpflow.c): a hook that
 * run_script installs into `vm->hook` before it runs a script, and takes
 * out again before it returns, is a target of every call through
 * `vm->hook`, on every thread.  Yet it is there only while run_script
 * runs: a thread that never runs run_script never finds it there.
 *
 * Function F is scoped in field node N to the functions G1..Gk when every
 * install of F into N is made by one of them, and each, later in its
 * body, takes it out again: assigns NULL to N, or calls a setter with
 * NULL for the parameter the setter stores into N.  In between it must
 * make a call that may reach a call through N (the one the callback is
 * installed for: a NULL stored elsewhere, an array's terminator, is no
 * removal), and the removal must run wherever the install does (not only
 * on an error path after an unconditional install).  An install is
 * `x->hook = F` in G's body, or a call in G's body passing F for
 * parameter p of a setter S whose body stores parameter p into N
 * (`set_hook(vm, F)`).  An install by F itself (a hook that puts itself
 * back) or by a function only F reaches does not count.  Any other way F
 * gets into N (a variable, a wrapper passing its own parameter on,
 * another field) leaves F unscoped there.
 *
 * A local copy (`hook_t h = vm->hook; h(vm);`): a variable whose every
 * store is in one function H and copies fields where F is scoped holds F
 * scoped to the union of their functions, for the calls H makes through
 * it.
 *
 * The roles' spread (threads_context.c) lets such a call reach F on a
 * role only when that role runs one of the scoping functions too. */
#include "scoped_callbacks.h"
#include "scoped_callbacks_internal.h"

#include <stdlib.h>
#include <string.h>

#include "callers.h"
#include "grow.h"

/* A place where a function takes what field `node` holds out again. */
struct scoped_removal {
    uint32_t node, function;
    struct lc_location loc;
    int conditional;    /* it may not run every time its function does */
};

struct scoped_build {
    const struct lc_program *program;
    struct lc_scoped_callbacks *scoped;
    struct scoped_removal *removals;
    size_t removal_count, removal_cap;
    struct lc_triple_map candidates;   /* (field node, 0, 0) -> candidate index */
    uint32_t *candidate_nodes;
    size_t candidate_count, candidate_cap;
    uint32_t *store_start;             /* candidate -> first in store_order; + 1 -> end */
    uint32_t *store_order;             /* stores into a candidate, by candidate */
    uint32_t *scopes;                  /* the scoping functions being collected */
    size_t scope_count, scope_cap;
    struct lc_scoped_walks walks;
};

static int scoped_add_removal(struct scoped_build *b, uint32_t node, uint32_t function,
                              const struct lc_location *loc, int conditional)
{
    if (function == LC_NONE)
        return 0;
    struct scoped_removal *removal = lc_grow_append((void **)&b->removals, &b->removal_count, &b->removal_cap,
                                                    sizeof *b->removals, 16);
    if (!removal)
        return -1;
    *removal = (struct scoped_removal){ node, function, *loc, conditional };
    int added;
    uint32_t *candidate = lc_triple_map_get(&b->candidates, node, 0, 0, (uint32_t)b->candidate_count, &added);
    if (!candidate || (added && lc_grow((void **)&b->candidate_nodes, &b->candidate_cap, b->candidate_count,
                                        sizeof *b->candidate_nodes, 16) != 0))
        return -1;
    if (added)
        b->candidate_nodes[b->candidate_count++] = node;
    return 0;
}

/* Is `store` the body of a setter: parameter p of the function holding it
 * stored into a field?  Sets *setter and *param. */
static int scoped_setter(const struct lc_program *program, const struct lc_program_store *store, uint32_t *setter,
                         uint32_t *param)
{
    return store->value.kind == LC_VALUE_PARAM && store->value.flow_node != LC_NONE
           && lc_fpflow_node_names(program, store->target_node).kind == LC_VALUE_FIELD
           && lc_fpflow_param_of(program, store->value.flow_node, setter, param) && *setter == store->function;
}

/* The removals: NULL stored into a field, or passed to a setter for the
 * parameter it stores into one. */
static int scoped_removals(struct scoped_build *b)
{
    const struct lc_program *program = b->program;
    const struct lc_callers *callers = program->callers;
    for (uint32_t s = 0; s < program->null_store_count; s++) {
        const struct lc_program_store *store = &program->null_stores[s];
        if (lc_fpflow_node_names(program, store->target_node).kind == LC_VALUE_FIELD
            && scoped_add_removal(b, store->target_node, store->function, &store->loc, store->conditional) != 0)
            return -1;
    }
    for (uint32_t s = 0; s < program->store_count; s++) {
        const struct lc_program_store *store = &program->stores[s];
        uint32_t setter, param;
        if (!scoped_setter(program, store, &setter, &param))
            continue;
        for (uint32_t r = callers->start[setter]; r < callers->start[setter + 1]; r++) {
            const struct lc_program_call *call = &program->calls[callers->calls[r]];
            if (param < call->arg_count && program->args[call->first_arg + param].kind == LC_VALUE_NULL
                && scoped_add_removal(b, store->target_node, callers->functions[r], &call->loc, call->conditional)
                       != 0)
                return -1;
        }
    }
    return 0;
}

/* The stores into each candidate field, grouped by candidate. */
static int scoped_group_stores(struct scoped_build *b)
{
    const struct lc_program *program = b->program;
    b->store_start = calloc(b->candidate_count + 2, sizeof *b->store_start);
    if (!b->store_start)
        return -1;
    size_t total = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (uint32_t s = 0; s < program->store_count; s++) {
            const uint32_t *candidate = lc_triple_map_find(&b->candidates, program->stores[s].target_node, 0, 0);
            if (!candidate)
                continue;
            if (pass == 0)
                b->store_start[*candidate + 2]++;
            else
                b->store_order[b->store_start[*candidate + 1]++] = s;
        }
        if (pass == 0) {
            for (size_t k = 0; k < b->candidate_count; k++)
                b->store_start[k + 2] += b->store_start[k + 1];
            total = b->store_start[b->candidate_count + 1];
            if (!(b->store_order = malloc((total + 1) * sizeof *b->store_order)))
                return -1;
        }
    }
    return 0;
}

static int scoped_node_holds(const struct lc_program *program, uint32_t node, uint32_t function)
{
    if (lc_fpflow_is_cut(program, node))
        return 1;
    uint32_t count;
    const uint32_t *functions = lc_fpflow_functions(program, node, &count);
    for (uint32_t i = 0; i < count; i++)
        if (functions[i] == function)
            return 1;
    return 0;
}

/* An install of `function` into field `node` by `installer` at `loc`
 * (`conditional`: it may not run every time its function does): 0 when it
 * does not unscope it (its scoping function noted), -1 when it does.  A
 * removal that may not run where the install does (`if (start(c) < 0)
 * c->cb = NULL;` after an unconditional install) does not scope it. */
static int scoped_install(struct scoped_build *b, uint32_t node, uint32_t function, uint32_t installer,
                          const struct lc_location *loc, int conditional)
{
    if (installer == function)
        return 0;
    if (installer == LC_NONE)
        return -1;
    for (size_t r = 0; r < b->removal_count; r++) {
        const struct scoped_removal *removal = &b->removals[r];
        if (removal->node != node || removal->function != installer || (removal->conditional && !conditional)
            || lc_location_compare(&removal->loc, loc) <= 0
            || !lc_scoped_called_between(b->program, &b->walks, node, installer, loc, &removal->loc))
            continue;
        for (size_t i = 0; i < b->scope_count; i++)
            if (b->scopes[i] == installer)
                return 0;
        if (lc_grow((void **)&b->scopes, &b->scope_cap, b->scope_count, sizeof *b->scopes, 8) != 0)
            return -1;
        b->scopes[b->scope_count++] = installer;
        return 0;
    }
    return lc_scoped_only_reached_by(b->program, &b->walks, function, installer) ? 0 : -1;
}

/* The installs of `function` through setter parameter `param` of `setter`:
 * the calls passing it there.  -1 when one passes a pointer that may hold
 * it, or an install unscopes it. */
static int scoped_setter_installs(struct scoped_build *b, uint32_t node, uint32_t function, uint32_t setter,
                                  uint32_t param)
{
    const struct lc_program *program = b->program;
    const struct lc_callers *callers = program->callers;
    for (uint32_t r = callers->start[setter]; r < callers->start[setter + 1]; r++) {
        const struct lc_program_call *call = &program->calls[callers->calls[r]];
        const struct lc_program_value *arg = param < call->arg_count ? &program->args[call->first_arg + param] : NULL;
        if (!arg)
            continue;
        if (arg->kind == LC_VALUE_FUNCTION) {
            if (arg->function == function
                && scoped_install(b, node, function, callers->functions[r], &call->loc, call->conditional) != 0)
                return -1;
        } else if (arg->flow_node != LC_NONE && scoped_node_holds(program, arg->flow_node, function)) {
            return -1;
        }
    }
    return 0;
}

/* Append a record for (node, function) with the scopes collected. */
static int scoped_record(struct lc_scoped_callbacks *scoped, uint32_t node, uint32_t function, uint32_t owner,
                         const uint32_t *scopes, size_t count)
{
    int added;
    uint32_t *at = lc_triple_map_get(&scoped->pairs, node, function, 0, (uint32_t)scoped->record_count, &added);
    if (!at)
        return -1;
    uint32_t header[2] = { owner, (uint32_t)count };
    for (size_t i = 0; added && i < count + 2; i++) {
        if (lc_grow((void **)&scoped->records, &scoped->record_cap, scoped->record_count, sizeof *scoped->records,
                    64) != 0)
            return -1;
        scoped->records[scoped->record_count++] = i < 2 ? header[i] : scopes[i - 2];
    }
    return 0;
}

/* Is `function` scoped in candidate field `k`?  Collects its scopes. */
static int scoped_field_function(struct scoped_build *b, size_t k, uint32_t function)
{
    const struct lc_program *program = b->program;
    uint32_t node = b->candidate_nodes[k];
    b->scope_count = 0;
    for (uint32_t i = b->store_start[k]; i < b->store_start[k + 1]; i++) {
        const struct lc_program_store *store = &program->stores[b->store_order[i]];
        const struct lc_program_value *value = &store->value;
        uint32_t setter, param;
        if (value->kind == LC_VALUE_FUNCTION) {
            if (value->function == function
                && scoped_install(b, node, function, store->function, &store->loc, store->conditional) != 0)
                return 0;
        } else if (value->flow_node == LC_NONE || value->flow_node == node
                   || !scoped_node_holds(program, value->flow_node, function)) {
            continue;
        } else if (!scoped_setter(program, store, &setter, &param)
                   || scoped_setter_installs(b, node, function, setter, param) != 0) {
            return 0;
        }
    }
    return b->scope_count > 0;
}

/* Add the scopes of record `at` to those being collected. */
static int scoped_union(struct scoped_build *b, const uint32_t *at)
{
    for (uint32_t i = 0; i < at[1]; i++) {
        size_t j = 0;
        while (j < b->scope_count && b->scopes[j] != at[2 + i])
            j++;
        if (j < b->scope_count)
            continue;
        if (lc_grow((void **)&b->scopes, &b->scope_cap, b->scope_count, sizeof *b->scopes, 8) != 0)
            return -1;
        b->scopes[b->scope_count++] = at[2 + i];
    }
    return 0;
}

/* Variable `node`, every store into which is in `owner`: the functions it
 * holds scoped, each when every store bringing it copies a field where it
 * is scoped. */
static int scoped_local_copy(struct scoped_build *b, uint32_t node, uint32_t owner)
{
    const struct lc_program *program = b->program;
    struct lc_scoped_callbacks *scoped = b->scoped;
    uint32_t count;
    const uint32_t *functions = lc_fpflow_functions(program, node, &count);
    for (uint32_t i = 0; i < count; i++) {
        uint32_t function = functions[i];
        int scoped_here = 1;
        b->scope_count = 0;
        for (uint32_t s = 0; scoped_here && s < program->store_count; s++) {
            const struct lc_program_store *store = &program->stores[s];
            if (store->target_node != node)
                continue;
            const struct lc_program_value *value = &store->value;
            const uint32_t *at = NULL;
            if (value->kind == LC_VALUE_FUNCTION)
                scoped_here = value->function != function;
            else if (value->flow_node != LC_NONE && scoped_node_holds(program, value->flow_node, function))
                scoped_here = (at = lc_triple_map_find(&scoped->pairs, value->flow_node, function, 0)) != NULL
                              && scoped->records[*at] == LC_NONE;
            if (at && scoped_here && scoped_union(b, &scoped->records[*at]) != 0)
                return -1;
        }
        if (scoped_here && b->scope_count > 0
            && scoped_record(scoped, node, function, owner, b->scopes, b->scope_count) != 0)
            return -1;
    }
    return 0;
}

/* The variables that copy a candidate field, kept when every store into
 * each is in one function (a local copy, `hook_t h = vm->hook;`). */
static int scoped_local_copies(struct scoped_build *b)
{
    const struct lc_program *program = b->program;
    struct lc_triple_map owners = { 0 };   /* variable node -> its one storing function, LC_NONE */
    int rc = 0, added;
    for (uint32_t s = 0; rc == 0 && s < program->store_count; s++) {
        const struct lc_program_store *store = &program->stores[s];
        if (store->value.flow_node != LC_NONE && lc_triple_map_find(&b->candidates, store->value.flow_node, 0, 0)
            && lc_fpflow_node_names(program, store->target_node).kind == LC_VALUE_VAR
            && !lc_triple_map_get(&owners, store->target_node, 0, 0, store->function, &added))
            rc = -1;
    }
    for (uint32_t s = 0; rc == 0 && owners.count > 0 && s < program->store_count; s++) {
        const struct lc_program_store *store = &program->stores[s];
        uint32_t *owner = lc_triple_map_find(&owners, store->target_node, 0, 0)
            ? lc_triple_map_get(&owners, store->target_node, 0, 0, LC_NONE, &added) : NULL;
        if (owner && *owner != store->function)
            *owner = LC_NONE;
    }
    for (size_t i = 0; rc == 0 && i < owners.capacity; i++)
        if (owners.keys[i * 3] != UINT32_MAX && owners.values[i] != LC_NONE)
            rc = scoped_local_copy(b, owners.keys[i * 3], owners.values[i]);
    lc_triple_map_free(&owners);
    return rc;
}

int lc_scoped_callbacks_compute(const struct lc_program *program, struct lc_scoped_callbacks *scoped)
{
    memset(scoped, 0, sizeof *scoped);
    struct scoped_build b = { .program = program, .scoped = scoped };
    int rc = program->callers && program->registered ? scoped_removals(&b) : 0;
    if (rc == 0 && b.candidate_count > 0)
        rc = scoped_group_stores(&b);
    for (size_t k = 0; rc == 0 && k < b.candidate_count; k++) {
        uint32_t count;
        const uint32_t *functions = lc_fpflow_functions(program, b.candidate_nodes[k], &count);
        for (uint32_t i = 0; rc == 0 && i < count; i++)
            if (scoped_field_function(&b, k, functions[i]))
                rc = scoped_record(scoped, b.candidate_nodes[k], functions[i], LC_NONE, b.scopes, b.scope_count);
    }
    if (rc == 0 && scoped->pairs.count > 0)
        rc = scoped_local_copies(&b);
    free(b.removals);
    lc_triple_map_free(&b.candidates);
    free(b.candidate_nodes);
    free(b.store_start);
    free(b.store_order);
    free(b.scopes);
    lc_scoped_walks_free(&b.walks);
    if (rc != 0)
        lc_scoped_callbacks_free(scoped);
    return rc;
}

void lc_scoped_callbacks_free(struct lc_scoped_callbacks *scoped)
{
    lc_triple_map_free(&scoped->pairs);
    free(scoped->records);
    memset(scoped, 0, sizeof *scoped);
}

const uint32_t *lc_scoped_callbacks_find(const struct lc_scoped_callbacks *scoped, uint32_t node,
                                         uint32_t function, uint32_t caller, uint32_t *count)
{
    const uint32_t *at = lc_triple_map_find(&scoped->pairs, node, function, 0);
    if (!at || (scoped->records[*at] != LC_NONE && scoped->records[*at] != caller))
        return NULL;
    *count = scoped->records[*at + 1];
    return &scoped->records[*at + 2];
}

int lc_scoped_callbacks_escape(const struct lc_scoped_callbacks *scoped, const uint8_t *runs)
{
    for (size_t i = 0; i < scoped->pairs.capacity; i++) {
        if (scoped->pairs.keys[i * 3] == UINT32_MAX || !runs[scoped->pairs.keys[i * 3 + 1]])
            continue;
        const uint32_t *record = &scoped->records[scoped->pairs.values[i]];
        uint32_t k = 0;
        while (k < record[1] && !runs[record[2 + k]])
            k++;
        if (k == record[1])
            return 1;
    }
    return 0;
}
