/* keyed.c — string-keyed callback registries (`keyed-callback`,
 * `keyed-dispatch`, rules/README.md): which callbacks each dispatch call
 * reaches.
 *
 * A registration call names a key (a string literal, with the model's
 * prefix before it) and a callback (a function, or what a function-pointer
 * flow node holds).  A dispatch call with a literal key K reaches the
 * callbacks registered under K and those registered under a key that is no
 * literal (unknown: it may be K); a dispatch call whose key is known only
 * by how it starts (facts.h arg_keys: `cmd = g_strconcat("command ",
 * name, NULL)`) reaches the callbacks registered under a literal key
 * starting with that text and those under an unknown key; a key that is
 * one of several (`c ? "command notice" : "command msg"`, each exact or
 * known by its start) reaches what each of them reaches; any other
 * dispatch call reaches every keyed callback.  A registration under one
 * of several exact keys registers under each; one whose key may be known
 * only by its start registers under an unknown key.  A key may also be a
 * variable or field assigned nothing but ids of literals (`keyed-id`: `id =
 * signal_get_uniq_id("pidwait")`): it stands for those literals.  Sound up
 * to string equality, and to the assignments the extractor records (an
 * integer constant assigned to an id variable names no key).  Calls made
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

/* The id of a literal assigned to a flow node (`keyed-id`). */
struct keyed_id {
    uint32_t node;
    const char *key;
};

struct keyed_registry {
    struct keyed_id *ids;               /* sorted by node */
    size_t id_count, id_cap;
    uint8_t *node_ids;                  /* per flow node: 0 nothing stored,
                                           1 ids of literals only, 2 other
                                           values too */
    struct lc_arg_key *keys;            /* the keys of one argument */
    size_t key_count, key_cap;
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

/* A literal argument's text without its quotes, after `prefix`; NULL
 * when memory runs out (*failed set). */
static const char *keyed_literal(struct lc_program *program, const char *text, const char *prefix, int *failed)
{
    const char *key = lc_arena_printf(&program->arena, "%s%.*s", prefix, (int)strlen(text) - 2, text + 1);
    *failed |= !key;
    return key;
}

/* Add `key` (NULL: memory ran out), exact or with `starts` a start. */
static int keyed_push_key(struct keyed_registry *registry, const char *key, int starts)
{
    if (!key || lc_grow((void **)&registry->keys, &registry->key_cap, registry->key_count, sizeof *registry->keys,
                        8) != 0)
        return -1;
    registry->keys[registry->key_count++] = (struct lc_arg_key){ key, starts };
    return 0;
}

static int keyed_compare_ids(const void *a, const void *b)
{
    uint32_t x = ((const struct keyed_id *)a)->node, y = ((const struct keyed_id *)b)->node;
    return x < y ? -1 : x > y;
}

/* Which flow nodes hold ids of literals, and which ones. */
static int keyed_collect_ids(struct lc_program *program, struct keyed_registry *registry)
{
    registry->node_ids = calloc((size_t)program->flow_node_count + 1, 1);
    if (!registry->node_ids)
        return -1;
    int failed = 0;
    for (uint32_t s = 0; s < program->store_count && !failed; s++) {
        const struct lc_program_store *store = &program->stores[s];
        const struct lc_program_call *call =
            store->value.kind == LC_VALUE_CALL && store->value.call != LC_NONE ? &program->calls[store->value.call]
                                                                               : NULL;
        const struct lc_function_model *model =
            call && call->callee.kind == LC_VALUE_FUNCTION && call->callee.function != LC_NONE
                ? program->functions[call->callee.function].model
                : NULL;
        int position = model ? model->keyed_id_key : 0;
        const struct lc_program_value *arg =
            position > 0 && (uint32_t)position <= call->arg_count ? &program->args[call->first_arg + (uint32_t)position - 1]
                                                                  : NULL;
        if (!arg || arg->kind != LC_VALUE_STRING || !arg->text) {
            registry->node_ids[store->target_node] = 2;
            continue;
        }
        if (!registry->node_ids[store->target_node])
            registry->node_ids[store->target_node] = 1;
        const char *key = keyed_literal(program, arg->text, "", &failed);
        if (key && lc_grow((void **)&registry->ids, &registry->id_cap, registry->id_count, sizeof *registry->ids,
                           64) == 0)
            registry->ids[registry->id_count++] = (struct keyed_id){ store->target_node, key };
        else
            failed = 1;
    }
    if (!failed && registry->id_count)
        qsort(registry->ids, registry->id_count, sizeof *registry->ids, keyed_compare_ids);
    return failed ? -1 : 0;
}

/* The keys a call gives at 1-based `position`, each after `prefix`, into
 * registry->keys: a string literal's text; the keys the argument is known
 * to be (facts.h arg_keys: the arms of a choice of literals exactly, a
 * text it starts with); or the literals whose ids are all a variable or
 * field was assigned.  Returns 0, 1 when they are not known (any key), -1
 * when memory runs out. */
static int keyed_keys_of(struct lc_program *program, struct keyed_registry *registry,
                         const struct lc_program_call *call, int position, const char *prefix)
{
    int failed = 0;
    registry->key_count = 0;
    if (position < 1 || (uint32_t)position > call->arg_count)
        return 1;
    const struct lc_program_value *arg = &program->args[call->first_arg + (uint32_t)position - 1];
    if (arg->kind == LC_VALUE_STRING && arg->text)
        return keyed_push_key(registry, keyed_literal(program, arg->text, prefix, &failed), 0);
    for (const struct lc_arg_key *key = arg->keys; key && key->text && !failed; key++)
        failed = keyed_push_key(registry, lc_arena_printf(&program->arena, "%s%s", prefix, key->text),
                                key->starts) != 0;
    if (arg->keys)
        return failed ? -1 : 0;
    if ((arg->kind != LC_VALUE_VAR && arg->kind != LC_VALUE_FIELD) || arg->flow_node == LC_NONE
        || registry->node_ids[arg->flow_node] != 1)
        return 1;
    size_t low = 0, high = registry->id_count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        if (registry->ids[middle].node < arg->flow_node)
            low = middle + 1;
        else
            high = middle;
    }
    for (size_t i = low; i < registry->id_count && registry->ids[i].node == arg->flow_node && !failed; i++) {
        const char *key = prefix[0] ? lc_arena_printf(&program->arena, "%s%s", prefix, registry->ids[i].key)
                                    : registry->ids[i].key;
        failed = keyed_push_key(registry, key, 0) != 0;
    }
    return failed ? -1 : 0;
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
        int unknown = keyed_keys_of(program, registry, call, keyed->key_position, keyed->prefix);
        if (unknown < 0)
            return -1;
        for (size_t k = 0; k < registry->key_count; k++)
            unknown |= registry->keys[k].starts;   /* a key known by its start only: unknown */
        const struct lc_program_value *value = &program->args[call->first_arg + (uint32_t)keyed->callback_position - 1];
        uint32_t count = 1;
        const uint32_t *functions = &value->function;
        if (value->kind != LC_VALUE_FUNCTION)
            functions = value->flow_node != LC_NONE ? lc_fpflow_functions(program, value->flow_node, &count) : NULL;
        for (uint32_t i = 0; functions && i < count && !failed; i++) {
            if (unknown)
                failed |= keyed_add(program, registry, NULL, functions[i]) != 0;
            for (size_t k = 0; !unknown && k < registry->key_count && !failed; k++)
                failed |= keyed_add(program, registry, registry->keys[k].text, functions[i]) != 0;
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
        int unknown = keyed_keys_of(program, registry, call, model->keyed_dispatch_key, "");
        if (unknown < 0)
            return -1;
        for (uint32_t i = 0; unknown && i < program->keyed_callback_count && !failed; i++)
            failed |= keyed_target(targets, registry, &cap, c, program->keyed_callbacks[i]) != 0;
        /* Each exact key, and, for a key known by its start, every
         * literal key starting with it (sorted: one run from its place). */
        for (size_t k = 0; !unknown && k < registry->key_count && !failed; k++) {
            const struct lc_arg_key *key = &registry->keys[k];
            size_t start_length = key->starts ? strlen(key->text) : 0;
            for (size_t i = keyed_first_of(registry, key->text);
                 i < registry->known_count && !failed
                 && (key->starts ? strncmp(registry->known[i].key, key->text, start_length)
                                 : strcmp(registry->known[i].key, key->text)) == 0;
                 i++)
                failed |= keyed_target(targets, registry, &cap, c, registry->known[i].function) != 0;
        }
        for (size_t i = 0; !unknown && i < registry->unknown_count && !failed; i++)
            failed |= keyed_target(targets, registry, &cap, c, registry->unknown[i]) != 0;
    }
    targets->start[program->call_count] = (uint32_t)targets->count;
    return failed || targets->count > UINT32_MAX / 2 ? -1 : 0;
}

/* Does any function's model take part in a keyed registry? */
static int keyed_models_present(const struct lc_program *program)
{
    for (uint32_t f = 0; f < program->function_count; f++) {
        const struct lc_function_model *model = program->functions[f].model;
        if (model && (model->keyed_callback || model->keyed_dispatch || model->keyed_id_key))
            return 1;
    }
    return 0;
}

int lc_keyed_resolve(struct lc_program *program, struct lc_keyed_targets *targets)
{
    memset(targets, 0, sizeof *targets);
    if (!keyed_models_present(program))
        return 0;
    struct keyed_registry registry = { 0 };
    registry.is_keyed = calloc((size_t)program->function_count + 1, 1);
    registry.stamp = calloc((size_t)program->function_count + 1, sizeof *registry.stamp);
    targets->start = calloc((size_t)program->call_count + 1, sizeof *targets->start);
    int rc = registry.is_keyed && registry.stamp && targets->start && keyed_collect_ids(program, &registry) == 0
                     && keyed_collect(program, &registry) == 0
                     && keyed_dispatch_targets(program, &registry, targets) == 0
                 ? 0
                 : -1;
    free(registry.ids);
    free(registry.node_ids);
    free(registry.keys);
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
