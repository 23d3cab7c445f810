/* registrations.c — the entry points of the loop and the offloaded
 * functions: functions passed to a registration API at the argument its
 * model names (`callback uv_timer_start arg2 loop`), stored into a modelled
 * field (`field ev_watcher.cb loop`), or annotated async / worker (in the
 * source, or by an `annotate` statement).  And whether runs of an
 * offloaded function may overlap (enum lc_entry_replication): one
 * registered in a loop (`for (...) pthread_create(..., worker, ...)`), or
 * handed in a loop to a wrapper that registers its parameter
 * (`create_worker(worker_libevent, ...)`), or registered at two places. */
#include "grow.h"
#include "program.h"

#include <stdlib.h>
#include <string.h>

#define REGISTRATION_ROLES 4   /* enum lc_thread_role values, 1..3 */

struct registrations {
    struct lc_program *program;
    uint32_t *entry_of;       /* function * REGISTRATION_ROLES + role ->
                                 entry index, LC_NONE */
    size_t cap;
};

/* A registration call in a wrapper that registers its parameter: the
 * wrapper's callers name the function. */
struct registration_wrapper {
    uint32_t function;        /* the wrapper */
    int param_index;          /* its parameter handed to the API */
    enum lc_thread_role role;
    int repeats;              /* the registration call is in a loop */
};

/* What the replication pass gathers over the registration calls. */
struct replication {
    struct registrations *r;
    struct lc_location *first;         /* per entry: the first site seen */
    uint8_t *is_wrapper;               /* per function */
    struct registration_wrapper *wrappers;
    size_t wrapper_count, wrapper_cap;
};

/* Add `entry` unless its function already has an entry of its role. */
static int registrations_add_entry(struct registrations *r, struct lc_entry entry)
{
    struct lc_program *program = r->program;
    uint32_t *slot = &r->entry_of[(size_t)entry.function * REGISTRATION_ROLES + entry.role];
    if (*slot != LC_NONE)
        return 0;
    if (lc_grow((void **)&program->entries, &r->cap, program->entry_count, sizeof *program->entries, 64) != 0)
        return -1;
    *slot = program->entry_count;
    program->entries[program->entry_count++] = entry;
    return 0;
}

static int registrations_add(struct registrations *r, uint32_t function, enum lc_thread_role role, const char *api,
                             const struct lc_library *library, struct lc_location site, uint32_t site_function)
{
    return registrations_add_entry(r, (struct lc_entry){
        .function = function, .role = role, .api = api, .library = library, .site = site,
        .site_function = site_function,
    });
}

/* Every function a value may be: itself, or its flow node's set. */
static int registrations_add_value(struct registrations *r, const struct lc_program_value *value,
                                   enum lc_thread_role role, const char *api, const struct lc_library *library,
                                   struct lc_location site, uint32_t site_function)
{
    if (value->kind == LC_VALUE_FUNCTION)
        return registrations_add(r, value->function, role, api, library, site, site_function);
    if (value->flow_node == LC_NONE)
        return 0;
    uint32_t count;
    const uint32_t *functions = lc_fpflow_functions(r->program, value->flow_node, &count);
    for (uint32_t i = 0; i < count; i++)
        if (registrations_add(r, functions[i], role, api, library, site, site_function) != 0)
            return -1;
    return 0;
}

/* What is done with each callback argument of a registration call: the
 * call, its modelled API, the model's `callback` line and the argument. */
typedef int (*registration_visit)(void *context, const struct lc_program_call *call,
                                  const struct lc_program_function *api, const struct lc_callback_model *cb,
                                  const struct lc_program_value *value);

/* Visit every callback argument of every registration call; stops at the
 * first visit that fails, with -1. */
static int registrations_each_callback(const struct lc_program *program, registration_visit visit, void *context)
{
    for (uint32_t i = 0; i < program->model_call_count; i++) {
        const struct lc_program_call *call = &program->calls[program->model_calls[i]];
        for (uint32_t t = 0; t < call->target_count; t++) {
            const struct lc_program_function *api = &program->functions[program->targets[call->first_target + t]];
            for (size_t m = 0; api->model && m < api->model->callback_count; m++) {
                const struct lc_callback_model *cb = &api->model->callbacks[m];
                if (cb->position >= 1 && (uint32_t)cb->position <= call->arg_count
                    && visit(context, call, api, cb, &program->args[call->first_arg + (uint32_t)cb->position - 1]) != 0)
                    return -1;
            }
        }
    }
    return 0;
}

static int registrations_add_callback(void *context, const struct lc_program_call *call,
                                      const struct lc_program_function *api, const struct lc_callback_model *cb,
                                      const struct lc_program_value *value)
{
    return registrations_add_value(context, value, cb->role, api->name, api->model->library, call->loc,
                                   call->caller);
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
        if (!api || registrations_add_value(r, &store->value, field->role, api, field->library, store->loc,
                                            store->function) != 0)
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
        struct lc_entry entry = { .function = f, .site = fn->loc, .site_function = LC_NONE };
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

/* The innermost loop holding a call that may repeat (not a macro's
 * `do { ... } while (0)`), or LC_NONE. */
static uint32_t registrations_repeating_loop(const struct lc_program *program, uint32_t loop)
{
    for (; loop != LC_NONE; loop = program->loops[loop].parent)
        if (program->loops[loop].bound != LC_BOUND_SMALL_CONSTANT || program->loops[loop].trip_count > 1)
            return loop;
    return LC_NONE;
}

/* Does `call` start a thread in each round of a loop that the round does
 * not wait for: in a loop that may repeat, with no `thread-join` call
 * after it in that loop (`pthread_create(&t, ...); pthread_join(t, NULL);`
 * runs one at a time)? */
static int registrations_repeats(const struct lc_program *program, const struct lc_program_call *call)
{
    uint32_t loop = registrations_repeating_loop(program, call->loop);
    if (loop == LC_NONE || call->caller == LC_NONE)
        return 0;
    const struct lc_program_function *fn = &program->functions[call->caller];
    for (uint32_t c = fn->first_call; c < fn->first_call + fn->call_count; c++) {
        const struct lc_program_call *join = &program->calls[c];
        if (lc_location_compare(&join->loc, &call->loc) <= 0
            || !lc_program_loop_inside(program, join->loop, loop))
            continue;
        for (uint32_t t = 0; t < join->target_count; t++) {
            const struct lc_function_model *model = program->functions[program->targets[join->first_target + t]].model;
            if (model && model->thread_join)
                return 0;
        }
    }
    return 1;
}

/* `function`'s `role` entry is registered at `site` (again): mark it
 * replicated when the site repeats or is another than the first seen
 * (rep->first: per entry, file NULL until one is seen). */
static void registrations_note_site(struct replication *rep, uint32_t function, enum lc_thread_role role,
                                    struct lc_location site, int repeats)
{
    uint32_t e = rep->r->entry_of[(size_t)function * REGISTRATION_ROLES + role];
    if (e == LC_NONE)
        return;
    struct lc_entry *entry = &rep->r->program->entries[e];
    struct lc_location *first = rep->first;
    if (repeats)
        entry->replicated = LC_ENTRY_IN_LOOP;
    else if (!first[e].file)
        first[e] = site;
    else if (lc_location_compare(&first[e], &site) != 0 && entry->replicated == LC_ENTRY_ONCE)
        entry->replicated = LC_ENTRY_SITES;
}

/* The calls of each wrapper that name a function for its parameter. */
static void registrations_note_wrapped(struct replication *rep)
{
    const struct lc_program *program = rep->r->program;
    for (uint32_t c = 0; c < program->call_count; c++) {
        const struct lc_program_call *call = &program->calls[c];
        for (uint32_t t = 0; t < call->target_count; t++) {
            uint32_t target = program->targets[call->first_target + t];
            for (size_t w = 0; rep->is_wrapper[target] && w < rep->wrapper_count; w++) {
                const struct registration_wrapper *wrapper = &rep->wrappers[w];
                if (wrapper->function != target || (uint32_t)wrapper->param_index >= call->arg_count)
                    continue;
                const struct lc_program_value *arg = &program->args[call->first_arg + (uint32_t)wrapper->param_index];
                if (arg->kind == LC_VALUE_FUNCTION)
                    registrations_note_site(rep, arg->function, wrapper->role, call->loc,
                                            wrapper->repeats || registrations_repeats(program, call));
            }
        }
    }
}

/* A registration call naming an offloaded function notes its site; one
 * handing on a parameter makes its function a wrapper. */
static int registrations_note_callback(void *context, const struct lc_program_call *call,
                                       const struct lc_program_function *api, const struct lc_callback_model *cb,
                                       const struct lc_program_value *value)
{
    (void)api;
    struct replication *rep = context;
    if (cb->role == LC_ROLE_LOOP)
        return 0;
    int repeats = registrations_repeats(rep->r->program, call);
    if (value->kind == LC_VALUE_FUNCTION) {
        registrations_note_site(rep, value->function, cb->role, call->loc, repeats);
    } else if (value->kind == LC_VALUE_PARAM && call->caller != LC_NONE) {
        if (lc_grow((void **)&rep->wrappers, &rep->wrapper_cap, rep->wrapper_count, sizeof *rep->wrappers, 8) != 0)
            return -1;
        rep->wrappers[rep->wrapper_count++] = (struct registration_wrapper){
            call->caller, value->param_index, cb->role, repeats,
        };
        rep->is_wrapper[call->caller] = 1;
    }
    return 0;
}

/* Mark the offloaded functions whose runs may overlap: each registration
 * call names the function, or the parameter of a wrapper whose callers
 * name it. */
static int registrations_replication(struct registrations *r)
{
    const struct lc_program *program = r->program;
    struct replication rep = {
        .r = r,
        .first = calloc((size_t)program->entry_count + 1, sizeof *rep.first),
        .is_wrapper = calloc((size_t)program->function_count + 1, 1),
    };
    int rc = rep.first && rep.is_wrapper ? registrations_each_callback(program, registrations_note_callback, &rep)
                                         : -1;
    if (rc == 0 && rep.wrapper_count)
        registrations_note_wrapped(&rep);
    free(rep.first);
    free(rep.is_wrapper);
    free(rep.wrappers);
    return rc;
}

int lc_registrations_collect(struct lc_program *program)
{
    struct registrations r = { .program = program };
    size_t slots = ((size_t)program->function_count + 1) * REGISTRATION_ROLES;
    r.entry_of = malloc(slots * sizeof *r.entry_of);
    if (!r.entry_of)
        return -1;
    memset(r.entry_of, 0xff, slots * sizeof *r.entry_of);   /* LC_NONE */
    int rc = registrations_from_annotations(&r) == 0
                     && registrations_each_callback(program, registrations_add_callback, &r) == 0
                     && registrations_from_fields(&r) == 0 && registrations_replication(&r) == 0
                 ? 0
                 : -1;
    free(r.entry_of);
    return rc;
}
