/* facts.c — growing and freeing the per-TU fact arrays of facts.h. */
#include "facts.h"

#include <stdlib.h>
#include <string.h>

void lc_tu_facts_init(struct lc_tu_facts *facts)
{
    memset(facts, 0, sizeof *facts);
    lc_arena_init(&facts->arena);
}

void lc_tu_facts_free(struct lc_tu_facts *facts)
{
    free(facts->functions);
    free(facts->calls);
    free(facts->stores);
    free(facts->loops);
    free(facts->accesses);
    free(facts->included_files);
    lc_arena_free(&facts->arena);
    memset(facts, 0, sizeof *facts);
}

/* Make room for one more element of `size` bytes in *items; returns the new
 * zeroed slot or NULL. */
static void *facts_grow(void **items, size_t *count, size_t *cap, size_t size)
{
    if (*count == *cap) {
        size_t new_cap = *cap ? *cap * 2 : 64;
        void *grown = realloc(*items, new_cap * size);
        if (!grown)
            return NULL;
        *items = grown;
        *cap = new_cap;
    }
    void *slot = (char *)*items + (*count)++ * size;
    memset(slot, 0, size);
    return slot;
}

struct lc_function_fact *lc_tu_facts_add_function(struct lc_tu_facts *facts)
{
    return facts_grow((void **)&facts->functions, &facts->function_count,
                      &facts->function_cap, sizeof *facts->functions);
}

struct lc_call_fact *lc_tu_facts_add_call(struct lc_tu_facts *facts)
{
    struct lc_call_fact *call = facts_grow((void **)&facts->calls, &facts->call_count,
                                           &facts->call_cap, sizeof *facts->calls);
    if (call)
        call->loop_index = call->zero_guard = call->after_comma = -1;
    return call;
}

struct lc_store_fact *lc_tu_facts_add_store(struct lc_tu_facts *facts)
{
    return facts_grow((void **)&facts->stores, &facts->store_count,
                      &facts->store_cap, sizeof *facts->stores);
}

struct lc_loop_fact *lc_tu_facts_add_loop(struct lc_tu_facts *facts)
{
    struct lc_loop_fact *loop = facts_grow((void **)&facts->loops, &facts->loop_count, &facts->loop_cap,
                                           sizeof *facts->loops);
    if (loop) {
        loop->parent_index = -1;
        loop->bound_param = -1;
    }
    return loop;
}

struct lc_access_fact *lc_tu_facts_add_access(struct lc_tu_facts *facts)
{
    return facts_grow((void **)&facts->accesses, &facts->access_count, &facts->access_cap,
                      sizeof *facts->accesses);
}

int lc_tu_facts_add_include(struct lc_tu_facts *facts, const char *path)
{
    const char **slot = facts_grow((void **)&facts->included_files,
                                   &facts->included_count, &facts->included_cap,
                                   sizeof *facts->included_files);
    if (!slot)
        return -1;
    *slot = lc_arena_strdup(&facts->arena, path);
    return *slot ? 0 : -1;
}
