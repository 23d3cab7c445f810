/* program_load_programs.c — which executables may run each function.
 * One compile database often builds several programs (a server and its
 * benchmark, a test runner and a benchmark runner); their threads never
 * run in one process, so they never race.  An executable is a CMake target
 * (tu.target, compdb_target.c) of which a TU defines `main`, or, for a
 * build that names no targets (make, bear), a TU of no target that defines
 * `main` by itself.  A TU runs in the programs of its targets: an
 * executable's own; a library's, those that link or load it, or one of
 * its own when none does (program_load_hosts.c); in any when the programs
 * are more than 64.  A TU of no target
 * runs in the executables a linker would put it in (program_link.c), or
 * in any when no `main` pulls it in.  A function runs where the TUs that
 * define it run (a static function of a header: in all of theirs). */
#include "program_link.h"
#include "program_load_internal.h"

#include <stdlib.h>
#include <string.h>

#define LC_PROGRAMS_MAX 64
#define LC_PROGRAMS_ANY UINT64_MAX

/* The TUs: their targets (space-separated), whether one defines `main`
 * (found through main's USR and the index on function.symbol_id, not by a
 * scan of every TU's functions). */
#define LC_PROGRAMS_TU_SQL                                                                          \
    "SELECT t.id, t.target, t.id IN (SELECT f.tu_id FROM function f WHERE f.is_definition = 1"      \
    " AND f.symbol_id = (SELECT id FROM symbol WHERE usr = 'c:@F@main')),"                          \
    " (SELECT path FROM file WHERE id = t.file_id) FROM tu t ORDER BY t.id"

struct programs_tu {
    int64_t id;
    uint64_t programs;
    uint8_t no_target, defines_main;
    uint32_t main_program;   /* a TU of no target defining `main`: its executable */
};

/* Executables are numbered in the order of their names (a CMake target's,
 * or the path of the TU defining `main` in a build that names none), not
 * in the order the TUs were stored, which follows the parallel workers:
 * the number decides which executable's chain a function shows first. */
static int programs_compare_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static uint32_t programs_index(const struct lc_program *program, const char *name, size_t length)
{
    for (uint32_t i = 0; i < program->program_count; i++)
        if (strlen(program->program_names[i]) == length && strncmp(program->program_names[i], name, length) == 0)
            return i;
    return LC_NONE;
}

/* Note an executable; 0, or -1 when memory runs out. */
static int programs_add(struct lc_program *program, const char *name, size_t length)
{
    if (programs_index(program, name, length) != LC_NONE || program->program_count >= LC_PROGRAMS_MAX)
        return 0;
    char *copy = lc_arena_alloc(&program->arena, length + 1);
    if (!copy)
        return -1;
    memcpy(copy, name, length);
    copy[length] = '\0';
    program->program_names[program->program_count++] = copy;
    return 0;
}

/* One name of a TU's: pass 0 notes it as an executable when the TU
 * defines `main`, pass 1 gives its bits (a library's from
 * program_load_hosts.c; every bit for one of no known program). */
static uint64_t programs_of_name(struct lc_program *program, const struct program_libraries *libraries,
                                 const char *name, size_t length, int defines_main, int pass, int *failed)
{
    if (pass == 0 && defines_main && length > 0 && programs_add(program, name, length) != 0)
        *failed = 1;
    if (pass == 0)
        return LC_PROGRAMS_ANY;
    uint64_t bits = program_libraries_bits(libraries, name, length);
    uint32_t index = programs_index(program, name, length);
    return bits ? bits : index == LC_NONE ? LC_PROGRAMS_ANY : (uint64_t)1 << index;
}

/* Each name of a TU's target list in turn, or, for a TU of no target that
 * defines `main`, its path. */
static uint64_t programs_of_tu(struct lc_program *program, const struct program_libraries *libraries,
                               const char *path, const char *targets, int defines_main, int pass, int *failed)
{
    if (!targets)
        return defines_main && path ? programs_of_name(program, libraries, path, strlen(path), 1, pass, failed)
                                    : LC_PROGRAMS_ANY;
    uint64_t set = 0;
    for (const char *at = targets; *at;) {
        size_t length = strcspn(at, " ");
        set |= programs_of_name(program, libraries, at, length, defines_main, pass, failed);
        at += length + (at[length] == ' ');
    }
    return set;
}

/* The TUs of no target get the executables a linker would put them in
 * (those no `main` pulls in keep "any"). */
static int programs_link(struct program_loader *loader, struct programs_tu *tus, size_t count)
{
    uint32_t linked = 0, mains = 0;
    for (size_t i = 0; i < count; i++) {
        linked += tus[i].no_target;
        mains += tus[i].no_target && tus[i].defines_main;
    }
    if (mains < 2)
        return 0;
    int64_t *ids = malloc(linked * sizeof *ids);
    uint8_t *defines_main = malloc(linked);
    uint64_t *sets = malloc(linked * sizeof *sets);
    uint32_t *programs_of_main = malloc(mains * sizeof *programs_of_main);
    int rc = ids && defines_main && sets && programs_of_main ? 0 : -1;
    for (size_t i = 0, j = 0, k = 0; rc == 0 && i < count; i++) {
        if (!tus[i].no_target)
            continue;
        ids[j] = tus[i].id;
        defines_main[j++] = tus[i].defines_main;
        if (tus[i].defines_main)
            programs_of_main[k++] = tus[i].main_program;
    }
    if (rc == 0)
        rc = program_loader_link_tus(loader, ids, defines_main, linked, sets);
    for (size_t i = 0, j = 0; rc == 0 && i < count; i++) {
        if (!tus[i].no_target)
            continue;
        uint64_t set = 0, bits = sets[j++];
        for (uint32_t k = 0; k < mains && k < LC_LINK_PROGRAMS_MAX; k++)
            if (bits >> k & 1)
                set |= programs_of_main[k] == LC_NONE ? LC_PROGRAMS_ANY : (uint64_t)1 << programs_of_main[k];
        if (set != 0)
            tus[i].programs = set;
    }
    free(ids);
    free(defines_main);
    free(sets);
    free(programs_of_main);
    return rc;
}

int program_loader_read_programs(struct program_loader *loader)
{
    struct lc_program *program = loader->program;
    program->program_count = 0;
    program->function_programs = NULL;
    program->program_names = lc_arena_alloc(&program->arena, LC_PROGRAMS_MAX * sizeof *program->program_names);
    int64_t tu_count = program_loader_max_id(loader, "SELECT count(*) FROM tu");
    struct programs_tu *tus = program->program_names && tu_count >= 0
                                  ? calloc((size_t)tu_count + 1, sizeof *tus) : NULL;
    int failed = !tus;
    size_t count = 0;
    struct program_libraries libraries = { 0 };
    for (int pass = 0; pass < 2 && !failed; pass++) {
        sqlite3_stmt *stmt = program_loader_prepare(loader, LC_PROGRAMS_TU_SQL);
        failed = !stmt;
        for (count = 0; stmt && count < (size_t)tu_count && sqlite3_step(stmt) == SQLITE_ROW; count++) {
            int64_t id = sqlite3_column_int64(stmt, 0);
            const char *targets = (const char *)sqlite3_column_text(stmt, 1);
            int defines_main = sqlite3_column_int(stmt, 2);
            const char *path = (const char *)sqlite3_column_text(stmt, 3);
            uint64_t set = programs_of_tu(program, &libraries, path, targets, defines_main, pass, &failed);
            uint32_t main_program = !targets && defines_main && path && pass == 1
                                        ? programs_index(program, path, strlen(path)) : LC_NONE;
            tus[count] = (struct programs_tu){ id, set, !targets, (uint8_t)(defines_main != 0), main_program };
        }
        sqlite3_finalize(stmt);
        if (pass == 0) {
            qsort(program->program_names, program->program_count, sizeof *program->program_names,
                  programs_compare_names);
            failed |= program_loader_library_programs(loader, &libraries) != 0;
        }
    }
    program_libraries_free(&libraries);
    if (!failed && program->program_count >= 2)
        failed = programs_link(loader, tus, count) != 0;
    if (failed || program->program_count < 2) {
        free(tus);
        program->program_count = failed ? 0 : program->program_count;
        return failed ? -1 : 0;
    }
    program->function_programs =
        lc_arena_alloc(&program->arena, ((size_t)program->function_count + 1) * sizeof *program->function_programs);
    sqlite3_stmt *stmt = program->function_programs
        ? program_loader_prepare(loader, "SELECT symbol_id, tu_id FROM function WHERE is_definition = 1")
        : NULL;
    if (!stmt) {
        free(tus);
        return -1;
    }
    memset(program->function_programs, 0, ((size_t)program->function_count + 1) * sizeof *program->function_programs);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        int64_t symbol = sqlite3_column_int64(stmt, 0), tu = sqlite3_column_int64(stmt, 1);
        if (symbol <= 0 || symbol > loader->symbol_max || loader->symbol_function[symbol] == LC_NONE)
            continue;
        /* The TUs are in id order: a binary search. */
        size_t low = 0, high = count;
        while (low < high) {
            size_t middle = low + (high - low) / 2;
            if (tus[middle].id < tu)
                low = middle + 1;
            else
                high = middle;
        }
        program->function_programs[loader->symbol_function[symbol]] |=
            low < count && tus[low].id == tu ? tus[low].programs : LC_PROGRAMS_ANY;
    }
    sqlite3_finalize(stmt);
    free(tus);
    for (uint32_t f = 0; f < program->function_count; f++)
        if (program->function_programs[f] == 0)
            program->function_programs[f] = LC_PROGRAMS_ANY;
    return 0;
}
