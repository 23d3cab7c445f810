/* program_load_tables.c — the fixed tables global pointers hold, given
 * to the arguments naming them.  A TU defining `sldns_lookup_table
 * *sldns_rcodes = sldns_rcodes_data;` notes the length of the array
 * (defined_variable.table_length, facts.h); a call in another TU handing
 * `sldns_rcodes` to a walk of its table sees only `extern
 * sldns_lookup_table *sldns_rcodes;`.  When no function of the program
 * writes the variable (an assignment, or its address handed on), such an
 * argument names a table of that length (call_arg table_length), as an
 * array named where it is declared whole does (extract_tables.c). */
#include "program_load_internal.h"
#include "triple_map.h"
#include "grow.h"

#include <stdlib.h>

/* The tables by symbol: a map to 1 + an index into `lengths`, 0 once the
 * variable is seen written. */
struct tables {
    struct lc_triple_map by_symbol;
    long long *lengths;
    size_t count, cap;
};

static int tables_read(struct program_loader *loader, struct tables *tables)
{
    sqlite3_stmt *stmt = program_loader_prepare(loader, "SELECT symbol_id, max(table_length) FROM defined_variable"
                                                        " WHERE table_length > 0 GROUP BY symbol_id");
    int rc = stmt ? 0 : -1;
    while (rc == 0 && sqlite3_step(stmt) == SQLITE_ROW) {
        int64_t symbol = sqlite3_column_int64(stmt, 0);
        int added;
        if (symbol <= 0 || symbol > loader->symbol_max)
            continue;
        uint32_t *slot = lc_triple_map_get(&tables->by_symbol, (uint32_t)symbol, 0, 0, 0, &added);
        long long *length = slot ? lc_grow_append((void **)&tables->lengths, &tables->count, &tables->cap,
                                                   sizeof *tables->lengths, 16)
                                 : NULL;
        if (!length) {
            rc = -1;
            break;
        }
        *length = sqlite3_column_int64(stmt, 1);
        *slot = (uint32_t)tables->count;
    }
    sqlite3_finalize(stmt);
    return rc;
}

/* The length of the table `symbol` holds, 0 when none. */
static long long tables_length(const struct tables *tables, int64_t symbol)
{
    const uint32_t *slot = symbol > 0 && symbol < UINT32_MAX
                               ? lc_triple_map_find(&tables->by_symbol, (uint32_t)symbol, 0, 0)
                               : NULL;
    return slot && *slot ? tables->lengths[*slot - 1] : 0;
}

int program_loader_read_tables(struct program_loader *loader)
{
    struct lc_program *program = loader->program;
    struct tables tables = { 0 };
    int rc = tables_read(loader, &tables);
    if (rc == 0 && tables.count > 0) {
        for (uint32_t a = 0; a < program->access_count; a++) {
            const struct lc_program_access *access = &program->accesses[a];
            int64_t symbol = program->objects[access->variable].symbol_id;
            const uint32_t *slot = access->kind == LC_ACCESS_WRITE && symbol > 0 && symbol < UINT32_MAX
                                       ? lc_triple_map_find(&tables.by_symbol, (uint32_t)symbol, 0, 0)
                                       : NULL;
            if (slot && *slot)
                tables.lengths[*slot - 1] = 0;   /* it may point elsewhere */
        }
        for (uint32_t a = 0; a < program->arg_count; a++) {
            struct lc_program_value *arg = &program->args[a];
            if (arg->kind == LC_VALUE_VAR && arg->table_length == 0)
                arg->table_length = tables_length(&tables, arg->symbol_id);
        }
    }
    lc_triple_map_free(&tables.by_symbol);
    free(tables.lengths);
    return rc;
}
