/* program_load_links.c — reading the writes of link fields (facts.h
 * lc_link_write_fact, the link_write table) into program->link_writes,
 * each from the TU that owns its function (a function defined in a
 * header is stored once per TU including it); an initialiser's at file
 * scope has none (LC_NONE). */
#include "program_load_internal.h"

#include "grow.h"

int program_loader_read_link_writes(struct program_loader *loader)
{
    struct lc_program *program = loader->program;
    size_t cap = 0;
    sqlite3_stmt *stmt = program_loader_prepare(loader, "SELECT tu_id, function_id, field_id, object_kind, object_id,"
                                                        " object_record, object_param, value_kind, value_id,"
                                                        " value_record, value_param, made FROM link_write ORDER BY rowid");
    int rc = stmt ? 0 : -1;
    while (rc == 0 && sqlite3_step(stmt) == SQLITE_ROW) {
        int64_t function_id = sqlite3_column_int64(stmt, 1);
        uint32_t function = function_id > 0 ? program_loader_function(loader, function_id) : LC_NONE;
        if (function_id > 0
            && (function == LC_NONE || !program_loader_owns(loader, function, sqlite3_column_int64(stmt, 0))))
            continue;
        if (lc_grow((void **)&program->link_writes, &cap, program->link_write_count, sizeof *program->link_writes,
                    64) != 0) {
            rc = -1;
            break;
        }
        struct lc_program_link_write *write = &program->link_writes[program->link_write_count++];
        write->function = function;
        write->field_symbol = sqlite3_column_int64(stmt, 2);
        write->made = (uint8_t)(sqlite3_column_int(stmt, 11) != 0);
        rc = program_loader_value(loader, stmt, 3, &write->object) == 0
                     && program_loader_value(loader, stmt, 7, &write->value) == 0
                 ? 0
                 : -1;
    }
    sqlite3_finalize(stmt);
    return rc;
}
