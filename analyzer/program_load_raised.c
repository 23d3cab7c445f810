/* program_load_raised.c — reading the fields functions raise by a factor
 * (facts.h lc_raised_limit, the raised_limit table) into
 * program->raised_limits and the fields they count up (lc_counted_field,
 * the counted_field table) into program->counted_fields, each from a TU
 * that owns its function (one defined in a header is stored once per TU
 * including it), and asking whether a function raises or counts one. */
#include "program_load_internal.h"

#include "grow.h"

#include <stdlib.h>

/* Read the rows of `sql` (tu_id, function_id, then the row's own columns)
 * whose function is defined in their TU into *array, `size` bytes each,
 * `store` filling each from its row. */
static int raised_read_rows(struct program_loader *loader, const char *sql, void **array, uint32_t *count,
                            size_t size, void (*store)(void *row, uint32_t function, sqlite3_stmt *stmt))
{
    size_t cap = 0;
    sqlite3_stmt *stmt = program_loader_prepare(loader, sql);
    int rc = stmt ? 0 : -1;
    while (rc == 0 && sqlite3_step(stmt) == SQLITE_ROW) {
        uint32_t function = program_loader_function(loader, sqlite3_column_int64(stmt, 1));
        if (function == LC_NONE || !program_loader_owns(loader, function, sqlite3_column_int64(stmt, 0)))
            continue;
        if (lc_grow(array, &cap, *count, size, 16) != 0) {
            rc = -1;
            break;
        }
        store((char *)*array + (size_t)(*count)++ * size, function, stmt);
    }
    sqlite3_finalize(stmt);
    return rc;
}

static void raised_store_limit(void *row, uint32_t function, sqlite3_stmt *stmt)
{
    *(struct lc_program_raised_limit *)row = (struct lc_program_raised_limit){
        function, sqlite3_column_int(stmt, 2), sqlite3_column_int64(stmt, 3)
    };
}

int program_loader_read_raised_limits(struct program_loader *loader)
{
    struct lc_program *program = loader->program;
    return raised_read_rows(loader, "SELECT tu_id, function_id, param, field_id FROM raised_limit ORDER BY rowid",
                            (void **)&program->raised_limits, &program->raised_limit_count,
                            sizeof *program->raised_limits, raised_store_limit);
}

int lc_program_raises_limit(const struct lc_program *program, uint32_t function, int param, int64_t field_symbol)
{
    for (uint32_t i = 0; i < program->raised_limit_count; i++) {
        const struct lc_program_raised_limit *raised = &program->raised_limits[i];
        if (raised->function == function && raised->param == param && raised->field_symbol == field_symbol)
            return 1;
    }
    return 0;
}

static int counted_by_function(const void *a, const void *b)
{
    const struct lc_program_counted_field *x = a, *y = b;
    return (x->function > y->function) - (x->function < y->function);
}

static void raised_store_counted(void *row, uint32_t function, sqlite3_stmt *stmt)
{
    *(struct lc_program_counted_field *)row = (struct lc_program_counted_field){
        function, sqlite3_column_int(stmt, 3), sqlite3_column_int64(stmt, 2)
    };
}

int program_loader_read_counted_fields(struct program_loader *loader)
{
    struct lc_program *program = loader->program;
    int rc = raised_read_rows(loader, "SELECT tu_id, function_id, field_id, in_loop FROM counted_field ORDER BY rowid",
                              (void **)&program->counted_fields, &program->counted_field_count,
                              sizeof *program->counted_fields, raised_store_counted);
    if (rc == 0 && program->counted_field_count > 1)
        qsort(program->counted_fields, program->counted_field_count, sizeof *program->counted_fields,
              counted_by_function);
    return rc;
}

int lc_program_counts_field(const struct lc_program *program, uint32_t function, int64_t field_symbol)
{
    uint32_t low = 0, high = program->counted_field_count;
    while (low < high) {   /* the first row of `function` */
        uint32_t mid = low + (high - low) / 2;
        if (program->counted_fields[mid].function < function)
            low = mid + 1;
        else
            high = mid;
    }
    int counts = 0;
    for (uint32_t i = low; i < program->counted_field_count && program->counted_fields[i].function == function; i++)
        if (program->counted_fields[i].field_symbol == field_symbol)
            counts |= program->counted_fields[i].in_loop ? LC_COUNTED_IN_LOOP : LC_COUNTED_OUTSIDE_LOOPS;
    return counts;
}
