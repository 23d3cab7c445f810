/* keyed.c — string-keyed callback registries (`keyed-callback`,
 * `keyed-dispatch`, rules/README.md): which callbacks each dispatch call
 * reaches.
 *
 * A registration call names a key (a string literal, with the model's
 * prefix before it) and a callback (a function, or what a function-pointer
 * flow node holds).  A dispatch call with a literal key K reaches the
 * callbacks registered under K and those registered under a key that is no
 * literal (unknown: it may be K); a dispatch call without a literal key
 * reaches every keyed callback.  Sound up to string equality.  Calls made
 * inside the body of a keyed function itself (irssi's command_bind_full
 * calling signal_add_full with "command " + cmd) are the model's own work
 * and are skipped: the calls of the modelled function say it. */
#include "keyed.h"

#include <stdlib.h>
#include <string.h>

#include "grow.h"

/* One callback registered under one key (NULL: unknown). */
struct keyed_registration {
    const char *key;
    uint32_t function;
};

struct keyed_registry {
    struct keyed_registration *known;   /* literal keys, sorted by key */
    size_t known_count, known_cap;
    uint32_t *unknown;                  /* under a key that is no literal */
    size_t unknown_count, unknown_cap;
    size_t callback_cap;                /* of program->keyed_callbacks */
    uint8_t *is_keyed;                  /* per function: a keyed callback */
    uint32_t *stamp;                    /* per function: the last call it
                                           was added to, + 1 */
};

static const struct lc_function_model *keyed_callee_model(const struct lc_program *program,
                                                          const struct lc_program_call *call)
{
    if (call->callee.kind != LC_VALUE_FUNCTION || call->callee.function == LC_NONE)
        return NULL;
    const struct lc_function_model *model = program->functions[call->callee.function].model;
    const struct lc_function_model *caller = program->functions[call->caller].model;
    if (caller && (caller->keyed_callback || caller->keyed_dispatch))
        return NULL;
    return model;
}

/* The key text a call gives at 1-based `position` (without its quotes and
 * after `prefix`), or NULL when the argument is no string literal. */
static const char *keyed_key_of(struct lc_program *program, const struct lc_program_call *call, int position,
                                const char *prefix, int *failed)
{
    if (position < 1 || (uint32_t)position > call->arg_count)
        return NULL;
    const struct lc_program_value *arg = &program->args[call->first_arg + (uint32_t)position - 1];
    if (arg->kind != LC_VALUE_STRING || !arg->text || strlen(arg->text) < 2)
        return NULL;
    const char *key = lc_arena_printf(&program->arena, "%s%.*s", prefix, (int)strlen(arg->text) - 2, arg->text + 1);
    *failed |= !key;
    return key;
}

static int keyed_add(struct lc_program *program, struct keyed_registry *registry, const char *key,
                     uint32_t function)
{
    if (!registry->is_keyed[function]) {
        registry->is_keyed[function] = 1;
        if (lc_grow((void **)&program->keyed_callbacks, &registry->callback_cap, program->keyed_callback_count,
                    sizeof *program->keyed_callbacks, 64) != 0)
            return -1;
        program->keyed_callbacks[program->keyed_callback_count++] = function;
    }
    if (!key) {
        if (lc_grow((void **)&registry->unknown, &registry->unknown_cap, registry->unknown_count,
                    sizeof *registry->unknown, 16) != 0)
            return -1;
        registry->unknown[registry->unknown_count++] = function;
        return 0;
    }
    if (lc_grow((void **)&registry->known, &registry->known_cap, registry->known_count, sizeof *registry->known,
                256) != 0)
        return -1;
    registry->known[registry->known_count++] = (struct keyed_registration){ key, function };
    return 0;
}

static int keyed_compare_registrations(const void *a, const void *b)
{
    return strcmp(((const struct keyed_registration *)a)->key, ((const struct keyed_registration *)b)->key);
}

/* Every registration call's key and callbacks. */
static int keyed_collect(struct lc_program *program, struct keyed_registry *registry)
{
    int failed = 0;
    for (uint32_t c = 0; c < program->call_count && !failed; c++) {
        const struct lc_program_call *call = &program->calls[c];
        const struct lc_function_model *model = keyed_callee_model(program, call);
        const struct lc_keyed_callback_model *keyed = model ? model->keyed_callback : NULL;
        if (!keyed || (uint32_t)keyed->callback_position > call->arg_count)
            continue;
        const char *key = keyed_key_of(program, call, keyed->key_position, keyed->prefix, &failed);
        const struct lc_program_value *value = &program->args[call->first_arg + (uint32_t)keyed->callback_position - 1];
        if (value->kind == LC_VALUE_FUNCTION) {
            failed |= keyed_add(program, registry, key, value->function) != 0;
        } else if (value->flow_node != LC_NONE) {
            uint32_t count;
            const uint32_t *functions = lc_fpflow_functions(program, value->flow_node, &count);
            for (uint32_t i = 0; i < count && !failed; i++)
                failed |= keyed_add(program, registry, key, functions[i]) != 0;
        }
    }
    if (!failed && registry->known_count)
        qsort(registry->known, registry->known_count, sizeof *registry->known, keyed_compare_registrations);
    return failed ? -1 : 0;
}

/* The first registration under `key`. */
static size_t keyed_first_of(const struct keyed_registry *registry, const char *key)
{
    size_t low = 0, high = registry->known_count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        if (strcmp(registry->known[middle].key, key) < 0)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

/* Add `function` to call `c`'s list once. */
static int keyed_target(struct lc_keyed_targets *targets, struct keyed_registry *registry, size_t *cap, uint32_t c,
                        uint32_t function)
{
    if (registry->stamp[function] == c + 1)
        return 0;
    registry->stamp[function] = c + 1;
    if (lc_grow((void **)&targets->functions, cap, targets->count, sizeof *targets->functions, 1024) != 0)
        return -1;
    targets->functions[targets->count++] = function;
    return 0;
}

/* Each dispatch call's callbacks, in call order. */
static int keyed_dispatch_targets(struct lc_program *program, struct keyed_registry *registry,
                                  struct lc_keyed_targets *targets)
{
    size_t cap = 0;
    int failed = 0;
    for (uint32_t c = 0; c < program->call_count && !failed; c++) {
        struct lc_program_call *call = &program->calls[c];
        targets->start[c] = (uint32_t)targets->count;
        const struct lc_function_model *model = keyed_callee_model(program, call);
        if (!model || !model->keyed_dispatch)
            continue;
        call->keyed = 1;
        const char *key = keyed_key_of(program, call, model->keyed_dispatch_key, "", &failed);
        if (!key) {
            for (uint32_t i = 0; i < program->keyed_callback_count && !failed; i++)
                failed |= keyed_target(targets, registry, &cap, c, program->keyed_callbacks[i]) != 0;
            continue;
        }
        for (size_t i = keyed_first_of(registry, key);
             i < registry->known_count && strcmp(registry->known[i].key, key) == 0 && !failed; i++)
            failed |= keyed_target(targets, registry, &cap, c, registry->known[i].function) != 0;
        for (size_t i = 0; i < registry->unknown_count && !failed; i++)
            failed |= keyed_target(targets, registry, &cap, c, registry->unknown[i]) != 0;
    }
    targets->start[program->call_count] = (uint32_t)targets->count;
    return failed || targets->count > UINT32_MAX / 2 ? -1 : 0;
}

int lc_keyed_resolve(struct lc_program *program, struct lc_keyed_targets *targets)
{
    memset(targets, 0, sizeof *targets);
    struct keyed_registry registry = { 0 };
    registry.is_keyed = calloc((size_t)program->function_count + 1, 1);
    registry.stamp = calloc((size_t)program->function_count + 1, sizeof *registry.stamp);
    targets->start = calloc((size_t)program->call_count + 1, sizeof *targets->start);
    int rc = registry.is_keyed && registry.stamp && targets->start && keyed_collect(program, &registry) == 0
                     && keyed_dispatch_targets(program, &registry, targets) == 0
                 ? 0
                 : -1;
    free(registry.known);
    free(registry.unknown);
    free(registry.is_keyed);
    free(registry.stamp);
    return rc;
}

void lc_keyed_targets_free(struct lc_keyed_targets *targets)
{
    free(targets->start);
    free(targets->functions);
    memset(targets, 0, sizeof *targets);
}
