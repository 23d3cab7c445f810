/* program_hosts.c — the programs each library target of a CMake build runs
 * in (program_hosts.h).  A library's code runs only in a process that
 * links it (an executable, or a library that one links, naming a symbol
 * only the library defines) or loads it as a plugin (the library names a
 * symbol only the executable defines: mosquitto's plugins call the
 * broker's `mosquitto_log_printf`).  A client library that the build's
 * executables neither link nor load (libmosquitto next to the broker,
 * which compiles some of the library's files itself) runs in programs of
 * its own: its threads never meet the broker's.  O((D + N) log(D + N))
 * for the pairs, then O(T * E) over the edges between targets. */
#include "program_hosts.h"

#include "grow.h"

#include <stdlib.h>
#include <string.h>

/* Targets `from` -> `to`: `to` runs wherever `from` does. */
struct hosts_edge {
    uint32_t from, to;
};

static int hosts_compare_pairs(const void *a, const void *b)
{
    const struct lc_hosts_pair *x = a, *y = b;
    if (x->symbol != y->symbol)
        return x->symbol < y->symbol ? -1 : 1;
    if (x->target != y->target)
        return x->target < y->target ? -1 : 1;
    return x->unit < y->unit ? -1 : x->unit > y->unit;
}

/* Is the file whose code names `name` built for target `target` too? */
static int hosts_unit_builds(const struct lc_hosts_input *in, const struct lc_hosts_pair *name, uint32_t target)
{
    for (uint32_t i = in->unit_start ? in->unit_start[name->unit] : 0;
         in->unit_start && i < in->unit_start[name->unit + 1]; i++)
        if (in->unit_targets[i] == target)
            return 1;
    return 0;
}

static int hosts_compare_edges(const void *a, const void *b)
{
    const struct hosts_edge *x = a, *y = b;
    if (x->from != y->from)
        return x->from < y->from ? -1 : 1;
    return x->to < y->to ? -1 : x->to > y->to;
}

/* Sort `count` items of `size` bytes and drop repeats; the new count. */
static uint32_t hosts_sort_unique(void *items, uint32_t count, size_t size, int (*compare)(const void *, const void *))
{
    if (count == 0)
        return 0;   /* (items may be NULL) */
    qsort(items, count, size, compare);
    char *at = items;
    uint32_t kept = 1;
    for (uint32_t i = 1; i < count; i++)
        if (compare(at + (kept - 1) * size, at + i * size) != 0)
            memmove(at + kept++ * size, at + i * size, size);
    return kept;
}

/* The first definition of `symbol` (definitions sorted). */
static uint32_t hosts_first_definition(const struct lc_hosts_input *in, uint32_t symbol)
{
    uint32_t low = 0, high = in->definition_count;
    while (low < high) {
        uint32_t middle = low + (high - low) / 2;
        if (in->definitions[middle].symbol < symbol)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

/* The edges from the names that other targets define: the namer links the
 * libraries among them; a library naming what only executables define is
 * their plugin.  Sorted and without repeats. */
static struct hosts_edge *hosts_edges(const struct lc_hosts_input *in, uint32_t *edge_count)
{
    size_t cap = 64, count = 0;
    struct hosts_edge *edges = malloc(cap * sizeof *edges);
    for (uint32_t n = 0; edges && n < in->name_count; n++) {
        const struct lc_hosts_pair *name = &in->names[n];
        uint32_t first = hosts_first_definition(in, name->symbol), end = first;
        int defines_it = 0, executables = 0, libraries = 0;
        while (end < in->definition_count && in->definitions[end].symbol == name->symbol) {
            defines_it |= in->definitions[end].target == name->target;
            executables += in->is_executable[in->definitions[end].target];
            libraries += !in->is_executable[in->definitions[end++].target];
        }
        /* A library naming what only executables define is their plugin;
         * what executables and libraries both define (sources built into
         * both) says nothing of the library. */
        int namer_is_library = !in->is_executable[name->target];
        if (defines_it || (namer_is_library && executables && libraries))
            continue;
        for (uint32_t d = first; d < end; d++) {
            uint32_t definer = in->definitions[d].target;
            int executable = in->is_executable[definer];
            /* an executable loads only a library; a library defining the
             * name in the naming file itself is not linked by it */
            if (executable ? !namer_is_library : hosts_unit_builds(in, name, definer))
                continue;
            if (lc_grow((void **)&edges, &cap, count, sizeof *edges, 64) != 0) {
                free(edges);
                return NULL;
            }
            edges[count++] = executable ? (struct hosts_edge){ definer, name->target }    /* a plugin it loads */
                                        : (struct hosts_edge){ name->target, definer };   /* links the library */
        }
    }
    if (edges)
        *edge_count = hosts_sort_unique(edges, (uint32_t)count, sizeof *edges, hosts_compare_edges);
    return edges;
}

/* Spread the bits along the edges until nothing changes. */
static void hosts_propagate(const struct hosts_edge *edges, uint32_t edge_count, uint64_t *bits)
{
    for (int changed = 1; changed;) {
        changed = 0;
        for (uint32_t e = 0; e < edge_count; e++) {
            uint64_t more = bits[edges[e].from] & ~bits[edges[e].to];
            bits[edges[e].to] |= more;
            changed |= more != 0;
        }
    }
}

int lc_hosts_spread(struct lc_hosts_input *input, uint64_t *bits, uint32_t *program_count, uint32_t *own_program)
{
    input->definition_count = hosts_sort_unique(input->definitions, input->definition_count,
                                                sizeof *input->definitions, hosts_compare_pairs);
    input->name_count = hosts_sort_unique(input->names, input->name_count, sizeof *input->names,
                                          hosts_compare_pairs);
    uint32_t edge_count = 0;
    struct hosts_edge *edges = hosts_edges(input, &edge_count);
    if (!edges)
        return -1;
    for (uint32_t t = 0; t < input->target_count; t++)
        own_program[t] = UINT32_MAX;
    hosts_propagate(edges, edge_count, bits);
    /* Libraries left without a program, in target order, each become one. */
    for (uint32_t t = 0; t < input->target_count; t++) {
        if (input->is_executable[t] || bits[t] != 0)
            continue;
        if (*program_count < LC_HOSTS_PROGRAMS_MAX) {
            own_program[t] = *program_count;
            bits[t] = (uint64_t)1 << (*program_count)++;
        } else {
            bits[t] = UINT64_MAX;
        }
        hosts_propagate(edges, edge_count, bits);
    }
    free(edges);
    return 0;
}
