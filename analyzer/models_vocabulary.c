/* models_vocabulary.c — what the extractor needs to know of the models
 * (models.h lc_models_lock_vocabulary): the lock and unlock functions, the
 * `pause-threads` / `resume-threads` and `gated-thread` entries, the
 * `string-prefix` ones and the `loop-thread-test` names, with their share of the vocabulary's hash, so a
 * database built with other models is rebuilt. */
#include "grow.h"
#include "models.h"

#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "hash.h"
#include "models_internal.h"

/* The `pause-threads` and `resume-threads` entries of the vocabulary, and
 * their share of its hash (per entry, whatever the table's layout).
 * Returns 0, or -1 when memory runs out. */
static int lc_models_pause_functions(const struct lc_models *models, struct lc_arena *arena,
                                     struct lc_lock_vocabulary *vocabulary)
{
    size_t count = 0;
    for (size_t i = 0; i < models->bucket_count; i++)
        count += models->buckets[i] ? (models->buckets[i]->pauses_threads != NULL)
                                          + (models->buckets[i]->resumes_threads != NULL)
                                    : 0;
    struct lc_pause_function *pauses = lc_arena_alloc(arena, (count + 1) * sizeof *pauses);
    if (!pauses)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < models->bucket_count; i++)
        for (int resumes = 0; models->buckets[i] && resumes < 2; resumes++) {
            const struct lc_pause_model *pause =
                resumes ? models->buckets[i]->resumes_threads : models->buckets[i]->pauses_threads;
            if (!pause)
                continue;
            pauses[n] = (struct lc_pause_function){ models->buckets[i]->name, resumes, pause->if_conditions,
                                                    pause->if_count };
            uint64_t entry = lc_hash_fnv1a64(pauses[n].name, strlen(pauses[n].name), LC_HASH_FNV1A64_INIT);
            entry = lc_hash_fnv1a64(&resumes, sizeof resumes, entry);
            for (size_t k = 0; k < pause->if_count; k++) {
                const struct lc_arg_condition *condition = &pause->if_conditions[k];
                int test = (int)condition->test;
                entry = lc_hash_fnv1a64(&condition->position, sizeof condition->position, entry);
                entry = lc_hash_fnv1a64(&test, sizeof test, entry);
                if (condition->token)
                    entry = lc_hash_fnv1a64(condition->token, strlen(condition->token), entry);
            }
            vocabulary->hash ^= entry * 5;
            n++;
        }
    vocabulary->pauses = pauses;
    vocabulary->pause_count = n;
    return 0;
}

/* The `gated-thread` entries of the vocabulary with their pseudo-lock
 * identities, and their share of its hash.  0, or -1 when memory runs out. */
static int lc_models_gate_functions(const struct lc_models *models, struct lc_arena *arena,
                                    struct lc_lock_vocabulary *vocabulary)
{
    struct lc_gate_function *gates = lc_arena_alloc(arena, (models->gate_count + 1) * sizeof *gates);
    if (!gates)
        return -1;
    for (size_t i = 0; i < models->gate_count; i++) {
        const struct lc_gate_model *gate = &models->gates[i];
        gates[i] = (struct lc_gate_function){ gate->start, gate->wait,
                                              lc_arena_printf(arena, "%s%s", LC_LOCK_GATE_PREFIX, gate->role),
                                              lc_arena_printf(arena, "%s%s", LC_LOCK_GATE_UNCLOSED, gate->role) };
        if (!gates[i].identity || !gates[i].unclosed)
            return -1;
        uint64_t entry = lc_hash_fnv1a64(gates[i].identity, strlen(gates[i].identity), LC_HASH_FNV1A64_INIT);
        entry = lc_hash_fnv1a64(gate->start, strlen(gate->start) + 1, entry);
        entry = lc_hash_fnv1a64(gate->wait, strlen(gate->wait), entry);
        vocabulary->hash ^= entry * 7;
    }
    vocabulary->gates = gates;
    vocabulary->gate_count = models->gate_count;
    return 0;
}

/* The `loop-thread-test` names of the vocabulary, and their share of its
 * hash.  0, or -1 when memory runs out. */
static int lc_models_loop_thread_tests(const struct lc_models *models, struct lc_arena *arena,
                                       struct lc_lock_vocabulary *vocabulary)
{
    size_t count = 0;
    for (size_t i = 0; i < models->bucket_count; i++)
        count += models->buckets[i] && models->buckets[i]->loop_thread_test;
    const char **names = lc_arena_alloc(arena, (count + 1) * sizeof *names);
    if (!names)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < models->bucket_count; i++) {
        const struct lc_function_model *model = models->buckets[i];
        if (!model || !model->loop_thread_test)
            continue;
        names[n++] = model->name;
        vocabulary->hash ^= lc_hash_fnv1a64(model->name, strlen(model->name), LC_HASH_FNV1A64_INIT) * 11;
    }
    vocabulary->loop_thread_tests = names;
    vocabulary->loop_thread_test_count = n;
    return 0;
}

/* The `string-prefix` entries of the vocabulary, and their share of its
 * hash.  0, or -1 when memory runs out. */
static int lc_models_string_prefix_functions(const struct lc_models *models, struct lc_arena *arena,
                                             struct lc_lock_vocabulary *vocabulary)
{
    size_t count = 0;
    for (size_t i = 0; i < models->bucket_count; i++)
        count += models->buckets[i] && models->buckets[i]->string_prefix_position;
    struct lc_string_prefix_function *functions = lc_arena_alloc(arena, (count + 1) * sizeof *functions);
    if (!functions)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < models->bucket_count; i++) {
        const struct lc_function_model *model = models->buckets[i];
        if (!model || !model->string_prefix_position)
            continue;
        functions[n] = (struct lc_string_prefix_function){ model->name, model->string_prefix_position,
                                                           model->string_prefix_format };
        uint64_t entry = lc_hash_fnv1a64(model->name, strlen(model->name), LC_HASH_FNV1A64_INIT);
        entry = lc_hash_fnv1a64(&functions[n].position, sizeof functions[n].position, entry);
        entry = lc_hash_fnv1a64(&functions[n].format, sizeof functions[n].format, entry);
        vocabulary->hash ^= entry * 11;
        n++;
    }
    vocabulary->string_prefixes = functions;
    vocabulary->string_prefix_count = n;
    return 0;
}

int lc_models_lock_vocabulary(const struct lc_models *models, struct lc_arena *arena,
                              struct lc_lock_vocabulary *vocabulary)
{
    size_t count = 0;
    for (size_t i = 0; i < models->bucket_count; i++)
        count += models->buckets[i] && models->buckets[i]->lock;
    struct lc_lock_function *functions = lc_arena_alloc(arena, (count + 1) * sizeof *functions);
    if (!functions)
        return -1;
    uint64_t hash = LC_HASH_FNV1A64_INIT;
    size_t n = 0;
    for (size_t i = 0; i < models->bucket_count; i++) {
        const struct lc_function_model *model = models->buckets[i];
        if (!model || !model->lock)
            continue;
        /* A trylock holds the lock only where its result says it took it:
         * extract_flow.c follows the tests of the result. */
        functions[n++] = (struct lc_lock_function){ model->name, model->lock->position, (int)model->lock->action };
    }
    /* The hash must not depend on the table's layout: combine per entry. */
    for (size_t i = 0; i < n; i++) {
        uint64_t entry = lc_hash_fnv1a64(functions[i].name, strlen(functions[i].name), LC_HASH_FNV1A64_INIT);
        entry = lc_hash_fnv1a64(&functions[i].position, sizeof functions[i].position, entry);
        entry = lc_hash_fnv1a64(&functions[i].action, sizeof functions[i].action, entry);
        hash ^= entry;
    }
    for (size_t i = 0; i < models->sync_type_count; i++)
        hash ^= lc_hash_fnv1a64(models->sync_types[i], strlen(models->sync_types[i]), LC_HASH_FNV1A64_INIT) * 3;
    *vocabulary = (struct lc_lock_vocabulary){ functions, n, models->sync_types, models->sync_type_count, hash,
                                               NULL, 0, NULL, 0, NULL, 0, NULL, 0 };
    if (lc_models_pause_functions(models, arena, vocabulary) != 0
        || lc_models_string_prefix_functions(models, arena, vocabulary) != 0
        || lc_models_loop_thread_tests(models, arena, vocabulary) != 0)
        return -1;
    return lc_models_gate_functions(models, arena, vocabulary);
}
