/* registrations.c — the entry points of the loop and the offloaded
 * functions: functions passed to a registration API at the argument its
 * model names (`callback uv_timer_start arg2 loop`), stored into a modelled
 * field (`field ev_watcher.cb loop`), or annotated async / worker (in the
 * source, or by an `annotate` statement). */
#include "grow.h"
#include "program.h"

#include <stdlib.h>
#include <string.h>

struct registrations {
    struct lc_program *program;
    uint8_t *roles_seen;      /* per function: bit (1 << role) */
    size_t cap;
};

/* Add `entry` unless its function already has an entry of its role. */
static int registrations_add_entry(struct registrations *r, struct lc_entry entry)
{
    struct lc_program *program = r->program;
    if (r->roles_seen[entry.function] & (1u << entry.role))
        return 0;
    r->roles_seen[entry.function] |= (uint8_t)(1u << entry.role);
    if (lc_grow((void **)&program->entries, &r->cap, program->entry_count, sizeof *program->entries, 64) != 0)
        return -1;
    program->entries[program->entry_count++] = entry;
    return 0;
}

static int registrations_add(struct registrations *r, uint32_t function, enum lc_thread_role role, const char *api,
                             const struct lc_library *library, struct lc_location site)
{
    return registrations_add_entry(r, (struct lc_entry){
        .function = function, .role = role, .api = api, .library = library, .site = site,
    });
}

/* Every function a value may be: itself, or its flow node's set. */
static int registrations_add_value(struct registrations *r, const struct lc_program_value *value,
                                   enum lc_thread_role role, const char *api, const struct lc_library *library,
                                   struct lc_location site)
{
    if (value->kind == LC_VALUE_FUNCTION)
        return registrations_add(r, value->function, role, api, library, site);
    if (value->flow_node == LC_NONE)
        return 0;
    uint32_t count;
    const uint32_t *functions = lc_fpflow_functions(r->program, value->flow_node, &count);
    for (uint32_t i = 0; i < count; i++)
        if (registrations_add(r, functions[i], role, api, library, site) != 0)
            return -1;
    return 0;
}

static int registrations_from_calls(struct registrations *r)
{
    struct lc_program *program = r->program;
    for (uint32_t i = 0; i < program->model_call_count; i++) {
        const struct lc_program_call *call = &program->calls[program->model_calls[i]];
        for (uint32_t t = 0; t < call->target_count; t++) {
            const struct lc_program_function *api = &program->functions[program->targets[call->first_target + t]];
            if (!api->model)
                continue;
            for (size_t m = 0; m < api->model->callback_count; m++) {
                const struct lc_callback_model *cb = &api->model->callbacks[m];
                if (cb->position < 1 || (uint32_t)cb->position > call->arg_count)
                    continue;
                if (registrations_add_value(r, &program->args[call->first_arg + (uint32_t)cb->position - 1],
                                            cb->role, api->name, api->model->library, call->loc) != 0)
                    return -1;
            }
        }
    }
    return 0;
}

static int registrations_from_fields(struct registrations *r)
{
    struct lc_program *program = r->program;
    for (uint32_t s = 0; s < program->store_count; s++) {
        const struct lc_program_store *store = &program->stores[s];
        const struct lc_flow_node_names names = lc_fpflow_node_names(program, store->target_node);
        if (!names.record || !names.name)
            continue;
        const struct lc_field_model *field = lc_models_find_field(program->models, names.record, names.name);
        if (!field)
            continue;
        const char *api = lc_arena_printf(&program->arena, "%s.%s", names.record, names.name);
        if (!api || registrations_add_value(r, &store->value, field->role, api, field->library, store->loc) != 0)
            return -1;
    }
    return 0;
}

/* A function annotated async or worker, in the source or by an
 * `annotate` statement (the entry names the statement then). */
static int registrations_from_annotations(struct registrations *r)
{
    struct lc_program *program = r->program;
    for (uint32_t f = 0; f < program->function_count; f++) {
        const struct lc_program_function *fn = &program->functions[f];
        if (!(fn->annotations & (LC_ANNOT_ASYNC | LC_ANNOT_WORKER)))
            continue;
        struct lc_entry entry = { .function = f, .site = fn->loc };
        entry.role = LC_ROLE_LOOP;
        entry.annotated_by = lc_models_annotating(program->models, fn->name, LC_ANNOT_ASYNC);
        if ((fn->annotations & LC_ANNOT_ASYNC) && registrations_add_entry(r, entry) != 0)
            return -1;
        entry.role = LC_ROLE_POOL;
        entry.annotated_by = lc_models_annotating(program->models, fn->name, LC_ANNOT_WORKER);
        if ((fn->annotations & LC_ANNOT_WORKER) && registrations_add_entry(r, entry) != 0)
            return -1;
    }
    return 0;
}

int lc_registrations_collect(struct lc_program *program)
{
    struct registrations r = { .program = program };
    r.roles_seen = calloc((size_t)program->function_count + 1, 1);
    if (!r.roles_seen)
        return -1;
    int rc = registrations_from_annotations(&r) == 0 && registrations_from_calls(&r) == 0
                     && registrations_from_fields(&r) == 0
                 ? 0
                 : -1;
    free(r.roles_seen);
    return rc;
}
