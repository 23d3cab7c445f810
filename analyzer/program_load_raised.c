/* program_load_raised.c — reading the fields functions raise by a factor
 * (facts.h lc_raised_limit, the raised_limit table) into
 * program->raised_limits, each from a TU that owns its function (one
 * defined in a header is stored once per TU including it), and asking
 * whether a function raises one. */
#include "program_load_internal.h"

#include "grow.h"

int program_loader_read_raised_limits(struct program_loader *loader)
{
    struct lc_program *program = loader->program;
    size_t cap = 0;
    sqlite3_stmt *stmt = program_loader_prepare(loader, "SELECT tu_id, function_id, param, field_id FROM raised_limit"
                                                        " ORDER BY rowid");
    int rc = stmt ? 0 : -1;
    while (rc == 0 && sqlite3_step(stmt) == SQLITE_ROW) {
        uint32_t function = program_loader_function(loader, sqlite3_column_int64(stmt, 1));
        if (function == LC_NONE || !program_loader_owns(loader, function, sqlite3_column_int64(stmt, 0)))
            continue;
        if (lc_grow((void **)&program->raised_limits, &cap, program->raised_limit_count,
                    sizeof *program->raised_limits, 16) != 0) {
            rc = -1;
            break;
        }
        program->raised_limits[program->raised_limit_count++] = (struct lc_program_raised_limit){
            function, sqlite3_column_int(stmt, 2), sqlite3_column_int64(stmt, 3)
        };
    }
    sqlite3_finalize(stmt);
    return rc;
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
