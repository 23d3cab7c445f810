/* program_load_writes.c — whether an access the extractor could only call
 * a write, because the variable's address is handed to a call, is one: the
 * callee of another TU may be defined in the program and write through
 * none of that parameter (facts.h via_callee_usr), and a struct passed
 * whole is only read when no TU writes its type through a pointer
 * (passed_record_usr, written_record). */
#include "program_load_internal.h"

#include <stdlib.h>

/* A write made by handing the variable's address to a function of another
 * TU (via_callee, facts.h) stays one unless that function is defined in
 * the program and writes through none of the parameter it is given: the
 * function, when it is defined and its mask covers the argument. */
uint32_t program_loader_via_callee(const struct program_loader *loader, int64_t via_callee, int argument)
{
    if (via_callee <= 0 || via_callee > loader->symbol_max || argument < 0 || argument >= 32)
        return LC_NONE;
    uint32_t callee = loader->symbol_function[via_callee];
    return callee != LC_NONE && loader->program->functions[callee].is_defined ? callee : LC_NONE;
}

/* The struct types some TU writes through a pointer (written_record), by
 * symbol: NULL when out of memory. */
uint8_t *program_loader_written_records(struct program_loader *loader)
{
    uint8_t *written = calloc((size_t)loader->symbol_max + 1, 1);
    sqlite3_stmt *stmt = program_loader_prepare(loader, "SELECT record_id FROM written_record");
    while (written && stmt && sqlite3_step(stmt) == SQLITE_ROW) {
        int64_t record = sqlite3_column_int64(stmt, 0);
        if (record > 0 && record <= loader->symbol_max)
            written[record] = 1;
    }
    sqlite3_finalize(stmt);
    return written;
}

/* A write made only by passing a struct variable by address
 * (passed_record_id, facts.h) is a read when no TU writes a struct of that
 * type through a pointer. */
int program_loader_passed_record_writes(struct program_loader *loader, const uint8_t *written, int64_t record)
{
    return record <= 0 || record > loader->symbol_max || written[record];
}
