/* program_load_hosts.c — reads what program_hosts.c needs to tell in which
 * programs each library target of a CMake build runs: the targets of each
 * TU (tu.target), the symbols each TU defines and names
 * (program_load_link.c), as pairs of a target and a symbol, with the TU
 * naming it and the targets of each TU.  The targets
 * are numbered in the order of their names, so the programs a library
 * becomes by itself are numbered the same on every run. */
#include "program_hosts.h"
#include "program_link.h"
#include "program_load_internal.h"
#include "grow.h"

#include <stdlib.h>
#include <string.h>

/* A TU of a target, with the target's provisional number (first seen). */
struct hosts_member {
    uint32_t tu, target;
};

struct hosts_reading {
    struct program_loader *loader;
    struct program_libraries *libraries;
    int64_t *tu_ids;
    uint32_t tu_count;
    size_t tu_cap;
    struct hosts_member *members;
    uint32_t member_count;
    size_t member_cap;
    const char **names;   /* provisional number -> name (in the program's arena) */
    size_t name_cap;
};

#define HOSTS_NAME_MAX 512   /* a longer target name is no target */

/* `name` (of `length`) as a string in `key`; 0 when it does not fit. */
static int hosts_key(const char *name, size_t length, char key[HOSTS_NAME_MAX])
{
    if (length == 0 || length >= HOSTS_NAME_MAX)
        return 0;
    memcpy(key, name, length);
    key[length] = '\0';
    return 1;
}

/* Note that the current TU builds target `name` (of `length`). */
static int hosts_add_member(struct hosts_reading *r, const char *name, size_t length)
{
    struct program_libraries *libraries = r->libraries;
    char key[HOSTS_NAME_MAX];
    if (!hosts_key(name, length, key))
        return 0;
    uint32_t target = lc_strmap_get(&libraries->index, key);
    if (target == LC_STRMAP_MISSING) {
        char *copy = lc_arena_strdup(&r->loader->program->arena, key);
        if (!copy || lc_grow((void **)&r->names, &r->name_cap, libraries->target_count, sizeof *r->names, 64) != 0
            || lc_strmap_put(&libraries->index, copy, libraries->target_count) != 0)
            return -1;
        target = libraries->target_count++;
        r->names[target] = copy;
    }
    if (lc_grow((void **)&r->members, &r->member_cap, r->member_count, sizeof *r->members, 64) != 0)
        return -1;
    r->members[r->member_count++] = (struct hosts_member){ r->tu_count - 1, target };
    return 0;
}

static int hosts_read_targets(struct hosts_reading *r)
{
    sqlite3_stmt *stmt = program_loader_prepare(r->loader, "SELECT id, target FROM tu WHERE target IS NOT NULL"
                                                           " ORDER BY id");
    int rc = stmt ? 0 : -1;
    while (rc == 0 && sqlite3_step(stmt) == SQLITE_ROW) {
        const char *targets = (const char *)sqlite3_column_text(stmt, 1);
        if (lc_grow((void **)&r->tu_ids, &r->tu_cap, r->tu_count, sizeof *r->tu_ids, 64) != 0) {
            rc = -1;
            break;
        }
        r->tu_ids[r->tu_count++] = sqlite3_column_int64(stmt, 0);
        for (const char *at = targets; rc == 0 && at && *at;) {
            size_t length = strcspn(at, " ");
            rc = hosts_add_member(r, at, length);
            at += length + (at[length] == ' ');
        }
    }
    sqlite3_finalize(stmt);
    return rc;
}

/* A target's name and provisional number, sorted by name. */
struct hosts_named {
    const char *name;
    uint32_t provisional;
};

static int hosts_compare_names(const void *a, const void *b)
{
    return strcmp(((const struct hosts_named *)a)->name, ((const struct hosts_named *)b)->name);
}

/* Renumber the targets in the order of their names; fill is_executable. */
static int hosts_renumber(struct hosts_reading *r, const struct lc_program *program, uint8_t *is_executable)
{
    struct program_libraries *libraries = r->libraries;
    uint32_t count = libraries->target_count, *number = malloc(((size_t)count + 1) * sizeof *number);
    struct hosts_named *order = malloc(((size_t)count + 1) * sizeof *order);
    if (!order || !number) {
        free(order);
        free(number);
        return -1;
    }
    for (uint32_t t = 0; t < count; t++)
        order[t] = (struct hosts_named){ r->names[t], t };
    qsort(order, count, sizeof *order, hosts_compare_names);
    int rc = 0;
    for (uint32_t place = 0; place < count; place++) {
        const char *name = order[place].name;
        number[order[place].provisional] = place;
        libraries->names[place] = name;
        rc |= lc_strmap_put(&libraries->index, name, place);
        is_executable[place] = 0;
        for (uint32_t p = 0; p < program->program_count; p++)
            if (strcmp(program->program_names[p], name) == 0) {
                is_executable[place] = 1;
                libraries->bits[place] = (uint64_t)1 << p;
            }
    }
    for (uint32_t m = 0; m < r->member_count; m++)
        r->members[m].target = number[r->members[m].target];
    free(order);
    free(number);
    return rc;
}

/* The (target, symbol) pairs of the TUs' definitions (not static) and of
 * their references (naming the TU: unit), one per target of the TU, with
 * each TU's targets (unit_start, unit_targets: the members' CSR, which
 * `start` holds until the caller frees it). */
static int hosts_pairs(const struct hosts_reading *r, const struct lc_link_input *link, struct lc_hosts_input *in,
                       uint32_t **start_out, uint32_t **targets_out)
{
    uint32_t *start = calloc((size_t)r->tu_count + 1, sizeof *start);
    uint32_t *targets = malloc(((size_t)r->member_count + 1) * sizeof *targets);
    *start_out = start;
    *targets_out = targets;
    if (!start || !targets)
        return -1;
    for (uint32_t m = 0; m < r->member_count; m++) {
        start[r->members[m].tu + 1] = m + 1;
        targets[m] = r->members[m].target;
    }
    for (uint32_t tu = 1; tu <= r->tu_count; tu++)
        if (start[tu] < start[tu - 1])
            start[tu] = start[tu - 1];
    size_t definitions = 0, names = 0;
    for (uint32_t d = 0; d < link->definition_count; d++)
        definitions += link->definitions[d].is_static ? 0 : start[link->definitions[d].tu + 1] - start[link->definitions[d].tu];
    for (uint32_t n = 0; n < link->reference_count; n++)
        names += start[link->references[n].tu + 1] - start[link->references[n].tu];
    in->definitions = malloc((definitions + 1) * sizeof *in->definitions);
    in->names = malloc((names + 1) * sizeof *in->names);
    if (!in->definitions || !in->names || definitions > UINT32_MAX || names > UINT32_MAX)
        return -1;
    for (uint32_t d = 0; d < link->definition_count; d++)
        for (uint32_t m = start[link->definitions[d].tu];
             !link->definitions[d].is_static && m < start[link->definitions[d].tu + 1]; m++)
            in->definitions[in->definition_count++] =
                (struct lc_hosts_pair){ targets[m], link->definitions[d].symbol, link->definitions[d].tu };
    for (uint32_t n = 0; n < link->reference_count; n++)
        for (uint32_t m = start[link->references[n].tu]; m < start[link->references[n].tu + 1]; m++)
            in->names[in->name_count++] =
                (struct lc_hosts_pair){ targets[m], link->references[n].to, link->references[n].tu };
    in->unit_start = start;
    in->unit_targets = targets;
    return 0;
}

int program_loader_library_programs(struct program_loader *loader, struct program_libraries *libraries)
{
    struct lc_program *program = loader->program;
    memset(libraries, 0, sizeof *libraries);
    lc_strmap_init(&libraries->index);
    struct hosts_reading r = { .loader = loader, .libraries = libraries };
    int rc = hosts_read_targets(&r);
    uint32_t count = libraries->target_count;
    if (rc != 0 || count == 0 || program->program_count == 0) {
        free(r.tu_ids);
        free(r.members);
        free(r.names);
        return rc;
    }
    libraries->names = lc_arena_alloc(&program->arena, (size_t)count * sizeof *libraries->names);
    libraries->bits = calloc(count, sizeof *libraries->bits);
    uint8_t *is_executable = malloc(count);
    uint32_t *own_program = malloc((size_t)count * sizeof *own_program);
    struct lc_link_input link = { 0 };
    uint32_t *unit_start = NULL, *unit_targets = NULL;
    struct lc_hosts_input in = { .target_count = count, .is_executable = is_executable };
    rc = libraries->names && libraries->bits && is_executable && own_program
                 && hosts_renumber(&r, program, is_executable) == 0
                 && program_loader_link_facts(loader, r.tu_ids, r.tu_count, &link) == 0
                 && hosts_pairs(&r, &link, &in, &unit_start, &unit_targets) == 0
                 && lc_hosts_spread(&in, libraries->bits, &program->program_count, own_program) == 0
             ? 0
             : -1;
    for (uint32_t t = 0; rc == 0 && t < count; t++)
        if (own_program[t] != UINT32_MAX)
            program->program_names[own_program[t]] = libraries->names[t];
    free(r.tu_ids);
    free(r.members);
    free(r.names);
    free(is_executable);
    free(own_program);
    free(link.definitions);
    free(link.references);
    free(in.definitions);
    free(in.names);
    free(unit_start);
    free(unit_targets);
    return rc;
}

uint64_t program_libraries_bits(const struct program_libraries *libraries, const char *name, size_t length)
{
    char key[HOSTS_NAME_MAX];
    if (!libraries->bits || !hosts_key(name, length, key))
        return 0;
    uint32_t target = lc_strmap_get(&libraries->index, key);
    return target == LC_STRMAP_MISSING ? 0 : libraries->bits[target];
}

void program_libraries_free(struct program_libraries *libraries)
{
    lc_strmap_free(&libraries->index);
    free(libraries->bits);
}
