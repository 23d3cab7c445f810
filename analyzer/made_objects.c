/* made_objects.c — what a field holds in every object a call may be given,
 * from the constructors that made them, and whether a test of a parameter
 * fails for what a call passes there.
 *
 * A constructor (facts.h LC_STORE_MADE: `c->conn = conn; ... return c;`)
 * gives a field of each object it makes the value its caller passed.  The
 * objects a variable or field may hold are found backwards along the
 * stores into it (LC_STORE_OBJECT: another variable, field; a call's
 * result: its maker).  When every store found is the result of a call to
 * a constructor setting the field, given a constant for that parameter,
 * and all those constants are one, the field holds it in every such
 * object: `functionsRegisterEngine` stores `createClient(NULL)` into
 * `ei->c` (through a local), so `freeClient(ei->c)` does not run what
 * `freeClient` guards with `if (c->conn)`.  A parameter, anything else
 * stored, or too many places on the way (MADE_SEARCH_CAP) leave it
 * unknown.  Answers are kept per (flow node, field); the cost passes ask
 * from the coloring's threads while the main thread asks too, so a mutex
 * guards the answers and the search's scratch arrays. */
#include "program.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "triple_map.h"

#define MADE_SEARCH_CAP 256   /* flow nodes visited by one question */

struct lc_made_objects {
    uint32_t node_count;       /* flow nodes when built */
    uint32_t *store_start;     /* flow node -> its first store in
                                  store_order; + 1 -> end */
    const struct lc_program_store **store_order;
    uint32_t *made_start;      /* function -> its constructor fields in
                                  made_order; + 1 -> end */
    uint32_t *made_order;      /* into program->made_stores */
    uint32_t *seen;            /* flow node -> the question that saw it */
    uint32_t question;
    uint32_t *queue;
    struct lc_triple_map answers;   /* (node, field symbol) -> 0: unknown,
                                       else 1 + into values */
    long long *values;
    size_t value_count, value_cap;
    pthread_mutex_t lock;           /* over answers, values, seen, queue */
    int lock_ready;
};

/* A store telling where the objects of its target come from: an object
 * store, or a call's result stored into a pointer. */
static int made_is_origin(const struct lc_program_store *store)
{
    return store->value.kind == LC_VALUE_CALL;
}

/* Group the object stores, and the flow stores of call results, by
 * target node; the constructor fields by function. */
static int made_index(const struct lc_program *program, struct lc_made_objects *made)
{
    size_t nodes = (size_t)program->flow_node_count + 2, functions = (size_t)program->function_count + 2;
    made->store_start = calloc(nodes, sizeof *made->store_start);
    made->made_start = calloc(functions, sizeof *made->made_start);
    made->seen = calloc(nodes, sizeof *made->seen);
    made->queue = malloc(MADE_SEARCH_CAP * sizeof *made->queue);
    size_t total = program->object_store_count;
    for (uint32_t s = 0; s < program->store_count; s++)
        total += made_is_origin(&program->stores[s]);
    made->store_order = malloc((total + 1) * sizeof *made->store_order);
    made->made_order = malloc(((size_t)program->made_store_count + 1) * sizeof *made->made_order);
    if (!made->store_start || !made->made_start || !made->seen || !made->queue || !made->store_order
        || !made->made_order)
        return -1;
    for (int pass = 0; pass < 2; pass++) {
        for (uint32_t s = 0; s < program->store_count + program->object_store_count; s++) {
            const struct lc_program_store *store = lc_program_value_or_object_store(program, s);
            if (s < program->store_count && !made_is_origin(store))
                continue;
            if (pass == 0)
                made->store_start[store->target_node + 2]++;
            else
                made->store_order[made->store_start[store->target_node + 1]++] = store;
        }
        for (uint32_t m = 0; m < program->made_store_count; m++) {
            uint32_t function = program->made_stores[m].function;
            if (function == LC_NONE)
                continue;
            if (pass == 0)
                made->made_start[function + 2]++;
            else
                made->made_order[made->made_start[function + 1]++] = m;
        }
        if (pass == 0) {
            for (size_t n = 2; n < nodes; n++)
                made->store_start[n] += made->store_start[n - 1];
            for (size_t f = 2; f < functions; f++)
                made->made_start[f] += made->made_start[f - 1];
        }
    }
    return 0;
}

void lc_made_objects_free(struct lc_made_objects *made)
{
    if (!made)
        return;
    free(made->store_start);
    free(made->store_order);
    free(made->made_start);
    free(made->made_order);
    free(made->seen);
    free(made->queue);
    lc_triple_map_free(&made->answers);
    free(made->values);
    if (made->lock_ready)
        pthread_mutex_destroy(&made->lock);
    free(made);
}

int lc_made_objects_build(struct lc_program *program)
{
    struct lc_made_objects *made = calloc(1, sizeof *made);
    if (made) {
        made->node_count = program->flow_node_count;
        made->lock_ready = pthread_mutex_init(&made->lock, NULL) == 0;
    }
    if (!made || !made->lock_ready || made_index(program, made) != 0) {
        lc_made_objects_free(made);
        return -1;
    }
    program->made_objects = made;
    return 0;
}

/* The constant the call `m` (a constructor's) gives field `field` of the
 * object it makes: 1 and *value, or 0. */
static int made_by_call(const struct lc_program *program, const struct lc_made_objects *made, uint32_t m,
                        int64_t field, long long *value)
{
    const struct lc_program_call *call = &program->calls[m];
    uint32_t function = call->callee.kind == LC_VALUE_FUNCTION ? call->callee.function : LC_NONE;
    if (function == LC_NONE)
        return 0;
    for (uint32_t i = made->made_start[function]; i < made->made_start[function + 1]; i++) {
        const struct lc_program_store *store = &program->made_stores[made->made_order[i]];
        if (lc_fpflow_node_names(program, store->target_node).symbol_id != field)
            continue;
        uint32_t param = (uint32_t)store->value.param_index;
        const struct lc_program_value *arg = param < call->arg_count ? &program->args[call->first_arg + param] : NULL;
        if (!arg || (arg->kind != LC_VALUE_NULL && arg->kind != LC_VALUE_INT))
            return 0;
        *value = arg->kind == LC_VALUE_NULL ? 0 : arg->int_value;
        return 1;
    }
    return 0;
}

/* Search backwards from `node`: 1 and *value when every object it may hold
 * was made with `field` set to *value, else 0. */
static int made_search(const struct lc_program *program, struct lc_made_objects *made, uint32_t node,
                       int64_t field, long long *value)
{
    uint32_t head = 0, tail = 0, makers = 0;
    if (++made->question == 0) {   /* wrapped: forget every mark */
        memset(made->seen, 0, ((size_t)made->node_count + 2) * sizeof *made->seen);
        made->question = 1;
    }
    made->seen[node] = made->question;
    made->queue[tail++] = node;
    while (head < tail) {
        uint32_t at = made->queue[head++];
        for (uint32_t i = made->store_start[at]; i < made->store_start[at + 1]; i++) {
            const struct lc_program_store *store = made->store_order[i];
            long long made_value;
            if (store->value.kind == LC_VALUE_CALL) {
                if (store->value.call == LC_NONE || !made_by_call(program, made, store->value.call, field, &made_value)
                    || (makers++ > 0 && made_value != *value))
                    return 0;
                *value = made_value;
                continue;
            }
            uint32_t from = store->value.flow_node;
            if ((store->value.kind != LC_VALUE_VAR && store->value.kind != LC_VALUE_FIELD) || from >= made->node_count)
                return 0;
            if (made->seen[from] == made->question)
                continue;
            if (tail == MADE_SEARCH_CAP)
                return 0;
            made->seen[from] = made->question;
            made->queue[tail++] = from;
        }
    }
    return makers > 0;
}

/* The constant field `field` holds in every object `arg` may be: 1 and
 * *value, or 0 (made->lock held). */
static int made_field_value_locked(const struct lc_program *program, struct lc_made_objects *made,
                                   const struct lc_program_value *arg, int64_t field, long long *value)
{
    int added;
    uint32_t *answer = lc_triple_map_get(&made->answers, arg->flow_node, (uint32_t)field,
                                         (uint32_t)((uint64_t)field >> 32), 0, &added);
    if (!answer)
        return 0;
    if (added && made_search(program, made, arg->flow_node, field, value)) {
        long long *slot = lc_grow_append((void **)&made->values, &made->value_count, &made->value_cap,
                                         sizeof *made->values, 16);
        if (!slot)
            return 0;
        *slot = *value;
        *answer = (uint32_t)made->value_count;
    }
    if (*answer == 0)
        return 0;
    *value = made->values[*answer - 1];
    return 1;
}

static int made_field_value(const struct lc_program *program, const struct lc_program_value *arg, int64_t field,
                            long long *value)
{
    struct lc_made_objects *made = program->made_objects;
    if (!made || (arg->kind != LC_VALUE_VAR && arg->kind != LC_VALUE_FIELD) || arg->flow_node >= made->node_count)
        return 0;
    pthread_mutex_lock(&made->lock);
    int found = made_field_value_locked(program, made, arg, field, value);
    pthread_mutex_unlock(&made->lock);
    return found;
}

int lc_param_guard_fails(const struct lc_program *program, const struct lc_param_guard *guard,
                         const struct lc_program_value *arg)
{
    long long passed = 0;
    if (guard->param <= 0)
        return 0;
    if (guard->field_symbol != 0) {
        if (!made_field_value(program, arg, guard->field_symbol, &passed))
            return 0;
    } else if (arg->kind == LC_VALUE_INT) {
        passed = arg->int_value;
    } else if (arg->kind != LC_VALUE_NULL) {
        return 0;
    }
    /* Compared as unsigned, a negative number is a large one. */
    if ((guard->test & LC_PARAM_TEST_UNSIGNED) && (passed < 0 || guard->value < 0))
        return 0;
    switch (guard->test & ~LC_PARAM_TEST_UNSIGNED) {
    case LC_PARAM_TEST_EQ: return !(passed == guard->value);
    case LC_PARAM_TEST_NE: return !(passed != guard->value);
    case LC_PARAM_TEST_LT: return !(passed < guard->value);
    case LC_PARAM_TEST_LE: return !(passed <= guard->value);
    case LC_PARAM_TEST_GT: return !(passed > guard->value);
    case LC_PARAM_TEST_GE: return !(passed >= guard->value);
    case LC_PARAM_TEST_BITS_SET: return (passed & guard->value) == 0;
    case LC_PARAM_TEST_BITS_CLEAR: return (passed & guard->value) != 0;
    default: return 0;
    }
}
