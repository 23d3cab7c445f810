/* program_load_helper_locks.c — the locks a function of another TU holds
 * for the accesses its callers make through its pointer parameters
 * (facts.h lc_helper_lock, the helper_lock table; extract_helper_locks.c
 * does the same within a TU): `stats_add(&hits, 1)` with `stats_add`
 * defined in stats.c, locking `stats_lock` around `*counter += n`, writes
 * `hits` holding `stats_lock`.  Each such access gets its locks again at
 * the end of program->held_locks, the callee's added (an owner's locks
 * stay contiguous). */
#include "program_load_internal.h"

#include "grow.h"

#include <stdlib.h>

/* One row of the table: `function` holds `lock` for parameter `param`. */
struct helper_lock_row {
    uint32_t function;
    int param;
    uint32_t lock;   /* an object */
};

static int helper_lock_order(const void *a, const void *b)
{
    const struct helper_lock_row *x = a, *y = b;
    if (x->function != y->function)
        return (x->function > y->function) - (x->function < y->function);
    return (x->param > y->param) - (x->param < y->param);
}

/* The rows of the functions `vias` name, from the TUs owning them, sorted
 * by function and parameter; -1 when memory runs out. */
static int helper_lock_rows(struct program_bodies_loader *b, struct helper_lock_row **rows, size_t *count)
{
    size_t cap = 0;
    *rows = NULL;
    *count = 0;
    sqlite3_stmt *stmt = program_loader_prepare(b->loader, "SELECT tu_id, function_id, param, lock_id FROM helper_lock");
    int rc = stmt ? 0 : -1;
    while (rc == 0 && sqlite3_step(stmt) == SQLITE_ROW) {
        uint32_t function = program_loader_function(b->loader, sqlite3_column_int64(stmt, 1));
        if (function == LC_NONE || !program_loader_owns(b->loader, function, sqlite3_column_int64(stmt, 0)))
            continue;
        uint32_t lock = program_bodies_object(b, sqlite3_column_int64(stmt, 3));
        if (lock == LC_NONE || lc_grow((void **)rows, &cap, *count, sizeof **rows, 16) != 0) {
            rc = -1;
            break;
        }
        (*rows)[(*count)++] = (struct helper_lock_row){ function, sqlite3_column_int(stmt, 2), lock };
    }
    sqlite3_finalize(stmt);
    if (rc == 0 && *count > 1)
        qsort(*rows, *count, sizeof **rows, helper_lock_order);
    return rc;
}

/* Append `lock` to the held locks; -1 when memory runs out. */
static int helper_lock_append(struct program_bodies_loader *b, uint32_t lock)
{
    struct lc_program *program = b->loader->program;
    if (lc_grow((void **)&program->held_locks, &b->held_cap, program->held_lock_count, sizeof *program->held_locks,
                1024) != 0)
        return -1;
    program->held_locks[program->held_lock_count++] = lock;
    return 0;
}

/* Give `access` its locks again at the end of the held locks, with those
 * of rows[first, last) it does not hold. */
static int helper_lock_add(struct program_bodies_loader *b, struct lc_program_access *access,
                           const struct helper_lock_row *rows, size_t first, size_t last)
{
    struct lc_program *program = b->loader->program;
    uint32_t start = program->held_lock_count;
    for (uint32_t i = 0; i < access->lock_count; i++)
        if (helper_lock_append(b, program->held_locks[access->first_lock + i]) != 0)
            return -1;
    for (size_t r = first; r < last; r++) {
        int known = 0;
        for (uint32_t i = start; i < program->held_lock_count && !known; i++)
            known = program->held_locks[i] == rows[r].lock;
        if (!known && helper_lock_append(b, rows[r].lock) != 0)
            return -1;
    }
    access->first_lock = start;
    access->lock_count = program->held_lock_count - start;
    return 0;
}

int program_bodies_helper_locks(struct program_bodies_loader *b)
{
    if (b->via_count == 0)
        return 0;
    struct helper_lock_row *rows;
    size_t count;
    int rc = helper_lock_rows(b, &rows, &count);
    for (size_t v = 0; rc == 0 && count > 0 && v < b->via_count; v++) {
        const struct program_access_via *via = &b->vias[v];
        size_t low = 0, high = count;
        while (low < high) {   /* the first row of (function, argument) */
            size_t middle = low + (high - low) / 2;
            const struct helper_lock_row *row = &rows[middle];
            if (row->function < via->function || (row->function == via->function && row->param < via->argument))
                low = middle + 1;
            else
                high = middle;
        }
        size_t last = low;
        while (last < count && rows[last].function == via->function && rows[last].param == via->argument)
            last++;
        if (last > low)
            rc = helper_lock_add(b, &b->loader->program->accesses[via->access], rows, low, last);
    }
    free(rows);
    return rc;
}
