/* program_load_link.c — reads, for the TUs of no build target, what
 * program_link.c needs to tell which executables each is linked into (and,
 * for those of a target, what program_hosts.c needs to tell where each
 * library runs): the functions and global variables each defines, and the
 * symbols each function (or file-scope initialiser) names: calls,
 * functions passed or stored, global variables read or written, and what
 * file-scope initialisers name. */
#include "program_link.h"
#include "program_load_internal.h"
#include "grow.h"

#include <stdlib.h>

#define LC_LINK_DEFINITION_SQL                                                                    \
    "SELECT tu_id, symbol_id, is_static FROM function WHERE is_definition = 1"                    \
    " UNION ALL SELECT tu_id, symbol_id, 0 FROM defined_variable"

#define LC_LINK_REFERENCE_SQL                                                                     \
    "SELECT tu_id, caller_id, callee_id FROM call WHERE callee_kind = 'function'"                 \
    " UNION ALL SELECT c.tu_id, c.caller_id, a.symbol_id FROM call_arg a JOIN call c ON c.id = a.call_id" \
    "  WHERE a.kind IN ('function', 'var')"                                                       \
    " UNION ALL SELECT tu_id, function_id, value_id FROM fp_store WHERE value_kind IN ('function', 'var')" \
    " UNION ALL SELECT tu_id, function_id, variable_id FROM access"                                \
    " UNION ALL SELECT tu_id, NULL, symbol_id FROM file_scope_name"

/* The dense index of TU `id` among `tu_ids` (ascending), or LC_LINK_NONE. */
static uint32_t link_tu_index(const int64_t *tu_ids, uint32_t count, int64_t id)
{
    uint32_t low = 0, high = count;
    while (low < high) {
        uint32_t middle = low + (high - low) / 2;
        if (tu_ids[middle] < id)
            low = middle + 1;
        else
            high = middle;
    }
    return low < count && tu_ids[low] == id ? low : LC_LINK_NONE;
}

static uint32_t link_symbol(const struct program_loader *loader, sqlite3_stmt *stmt, int column)
{
    if (sqlite3_column_type(stmt, column) == SQLITE_NULL)
        return LC_LINK_NONE;
    int64_t symbol = sqlite3_column_int64(stmt, column);
    return symbol > 0 && symbol <= loader->symbol_max ? (uint32_t)symbol : 0;
}

/* Append the rows of `sql` (tu, symbol, symbol-or-flag) for the TUs
 * listed: as definitions when `definitions`, else as references. */
static int link_read(struct program_loader *loader, const char *sql, const int64_t *tu_ids, uint32_t count,
                     struct lc_link_input *input, int definitions, size_t *cap)
{
    sqlite3_stmt *stmt = program_loader_prepare(loader, sql);
    int rc = stmt ? 0 : -1;
    while (rc == 0 && sqlite3_step(stmt) == SQLITE_ROW) {
        uint32_t tu = link_tu_index(tu_ids, count, sqlite3_column_int64(stmt, 0)), first = link_symbol(loader, stmt, 1);
        uint32_t to = definitions ? first : link_symbol(loader, stmt, 2);
        if (tu == LC_LINK_NONE || first == 0 || to == 0 || to == LC_LINK_NONE)
            continue;   /* (a reference's `first` is the function naming it, LC_LINK_NONE at file scope) */
        if (definitions ? lc_grow((void **)&input->definitions, cap, input->definition_count,
                                  sizeof *input->definitions, 1024)
                        : lc_grow((void **)&input->references, cap, input->reference_count,
                                  sizeof *input->references, 1024)) {
            rc = -1;
            break;
        }
        if (definitions)
            input->definitions[input->definition_count++] =
                (struct lc_link_definition){ tu, first, (uint8_t)sqlite3_column_int(stmt, 2) };
        else
            input->references[input->reference_count++] = (struct lc_link_reference){ tu, first, to };
    }
    sqlite3_finalize(stmt);
    return rc;
}

/* Each listed TU's place in the order of the TUs' paths: the last
 * tie-break between two definitions, so the choice does not follow the
 * ids, which the parallel workers hand out in the order they store. */
static uint32_t *link_ranks(struct program_loader *loader, const int64_t *tu_ids, uint32_t count)
{
    uint32_t *rank = malloc(((size_t)count + 1) * sizeof *rank);
    sqlite3_stmt *stmt = rank ? program_loader_prepare(
        loader, "SELECT t.id FROM tu t LEFT JOIN file f ON f.id = t.file_id ORDER BY f.path, t.id") : NULL;
    if (!stmt) {
        free(rank);
        return NULL;
    }
    for (uint32_t i = 0; i < count; i++)
        rank[i] = LC_LINK_NONE;
    for (uint32_t position = 0; sqlite3_step(stmt) == SQLITE_ROW; position++) {
        uint32_t tu = link_tu_index(tu_ids, count, sqlite3_column_int64(stmt, 0));
        if (tu != LC_LINK_NONE)
            rank[tu] = position;
    }
    sqlite3_finalize(stmt);
    return rank;
}

int program_loader_link_facts(struct program_loader *loader, const int64_t *tu_ids, uint32_t count,
                              struct lc_link_input *input)
{
    size_t definition_cap = 0, reference_cap = 0;
    input->tu_count = count;
    input->symbol_count = (uint32_t)loader->symbol_max + 1;
    return link_read(loader, LC_LINK_DEFINITION_SQL, tu_ids, count, input, 1, &definition_cap) == 0
                   && link_read(loader, LC_LINK_REFERENCE_SQL, tu_ids, count, input, 0, &reference_cap) == 0
               ? 0
               : -1;
}

int program_loader_link_tus(struct program_loader *loader, const int64_t *tu_ids, const uint8_t *defines_main,
                            uint32_t count, uint64_t *programs)
{
    struct lc_link_input input = { .tu_defines_main = defines_main };
    uint32_t *rank = link_ranks(loader, tu_ids, count);
    input.tu_rank = rank;
    int rc = rank && program_loader_link_facts(loader, tu_ids, count, &input) == 0
                     && lc_link_programs(&input, programs) == 0
                 ? 0
                 : -1;
    free(rank);
    free(input.definitions);
    free(input.references);
    return rc;
}
