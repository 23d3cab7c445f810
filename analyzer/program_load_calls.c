/* program_load_calls.c — reading a table of the store TU by TU, the TUs
 * sorted by path (see program_load.c), and with it the calls, their
 * arguments and the stores into fields and variables; calls are then grouped
 * by caller. */
#include "program_load_internal.h"

#include "arg_keys.h"
#include "grow.h"

#include <stdlib.h>
#include <string.h>

/* The TUs, sorted by the path of their source file. */
int program_loader_read_tu_order(struct program_loader *loader)
{
    int64_t count = program_loader_max_id(loader, "SELECT count(*) FROM tu");
    sqlite3_stmt *stmt = program_loader_prepare(loader, "SELECT tu.id FROM tu JOIN file ON file.id = tu.file_id"
                                                        " ORDER BY file.path");
    loader->tu_order = malloc(((size_t)(count > 0 ? count : 0) + 1) * sizeof *loader->tu_order);
    if (!stmt || !loader->tu_order) {
        sqlite3_finalize(stmt);
        return -1;
    }
    while ((int64_t)loader->tu_count < count && sqlite3_step(stmt) == SQLITE_ROW)
        loader->tu_order[loader->tu_count++] = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return 0;
}

/* Step `sql` — a query on `table` whose ?1 and ?2 bound a range of rowids
 * and ?3 is a TU id (written +tu_id so the rowid range is what is searched)
 * — over the rows of each TU in path order, calling `row` on every row
 * (with `data`).  A TU's rows of a table are contiguous (each TU is stored
 * in one transaction), so each TU is read as one range, without sorting. */
int program_loader_each_tu(struct program_loader *loader, const char *table, const char *sql,
                           program_loader_row_fn *row, void *data)
{
    char range_sql[160];
    snprintf(range_sql, sizeof range_sql, "SELECT (SELECT min(rowid) FROM %s WHERE tu_id = ?1),"
                                          " (SELECT max(rowid) FROM %s WHERE tu_id = ?1)", table, table);
    sqlite3_stmt *range = program_loader_prepare(loader, range_sql);
    sqlite3_stmt *stmt = range ? program_loader_prepare(loader, sql) : NULL;
    int rc = stmt ? 0 : -1;
    for (size_t t = 0; rc == 0 && t < loader->tu_count; t++) {
        sqlite3_reset(range);
        sqlite3_bind_int64(range, 1, loader->tu_order[t]);
        if (sqlite3_step(range) != SQLITE_ROW || sqlite3_column_type(range, 0) == SQLITE_NULL)
            continue;
        sqlite3_reset(stmt);
        sqlite3_bind_int64(stmt, 1, sqlite3_column_int64(range, 0));
        sqlite3_bind_int64(stmt, 2, sqlite3_column_int64(range, 1));
        sqlite3_bind_int64(stmt, 3, loader->tu_order[t]);
        loader->current_tu = loader->tu_order[t];
        while (rc == 0 && sqlite3_step(stmt) == SQLITE_ROW)
            rc = row(loader, stmt, data);
    }
    sqlite3_finalize(range);
    sqlite3_finalize(stmt);
    return rc;
}

/* Link the decoded calls (program_load_call_rows.c), TU by TU in path
 * order: keep those of the TU whose body of the caller is used, moved to
 * the front, with their caller and callee made indexes. */
static int loader_link_calls(struct program_loader *loader, const struct program_call_rows *rows,
                             uint32_t *call_of_row)
{
    struct lc_program *program = loader->program;
    size_t indirect = 0;
    program->call_count = 0;
    for (size_t t = 0; t < rows->tu_count; t++) {
        const struct program_call_rows_tu *tu = &rows->tus[t];
        for (int64_t row = tu->first_row; row <= tu->last_row; row++) {
            size_t place = tu->first_place + (size_t)(row - tu->first_row);
            struct lc_program_call *call = &program->calls[place];
            while (indirect < rows->indirect_count && rows->indirect[indirect].place < place)
                indirect++;
            uint32_t caller = call->caller == LC_NONE ? LC_NONE : program_loader_function(loader, call->caller);
            if (caller == LC_NONE || !program_loader_owns(loader, caller, tu->tu_id))
                continue; /* a header's function whose body another TU provides */
            struct lc_program_call *kept = &program->calls[program->call_count];
            if (kept != call)
                *kept = *call;
            kept->caller = caller;
            const struct program_call_rows_indirect *named =
                indirect < rows->indirect_count && rows->indirect[indirect].place == place ? &rows->indirect[indirect]
                                                                                           : NULL;
            struct lc_program_value callee;
            if (program_loader_value_of(loader, kept->callee.kind,
                                        kept->callee.function == LC_NONE ? 0 : kept->callee.function,
                                        named ? named->record : NULL, named ? named->param_index : 0, &callee) != 0)
                return -1;
            kept->callee = (struct lc_program_callee){ callee.kind, callee.function, callee.flow_node };
            call_of_row[row] = program->call_count++;
        }
    }
    return 0;
}

static int loader_read_calls(struct program_loader *loader, const struct program_call_rows *rows,
                             uint32_t **call_of_row, int64_t *call_row_max)
{
    *call_row_max = program_loader_max_id(loader, "SELECT coalesce(max(id), 0) FROM call");
    *call_of_row = malloc(((size_t)*call_row_max + 1) * sizeof **call_of_row);
    if (!*call_of_row)
        return -1;
    memset(*call_of_row, 0xff, ((size_t)*call_row_max + 1) * sizeof **call_of_row);
    return loader_link_calls(loader, rows, *call_of_row);
}

/* The calls call `c` refers to (in its extra), from row ids to indexes
 * (every call has its index by then). */
static void loader_call_refers(struct lc_program *program, uint32_t c, const uint32_t *call_of_row,
                               int64_t call_row_max)
{
    if (program->calls[c].extra == LC_NONE)
        return;
    struct lc_program_call_extra *extra = &program->call_extras[program->calls[c].extra];
    uint32_t *refers[] = { &extra->zero_guard, &extra->after_comma, &extra->branch_exit, &extra->nonzero_exit,
                               &extra->fail_guard };
    for (size_t r = 0; r < sizeof refers / sizeof refers[0]; r++)
        *refers[r] = *refers[r] != LC_NONE && *refers[r] <= call_row_max ? call_of_row[*refers[r]] : LC_NONE;
}

/* Where the calls of the store went: call.id -> index into program->calls. */
struct loader_call_rows {
    uint32_t *call_of_row;
    int64_t call_row_max;
};

static int loader_read_args(struct program_loader *loader, const uint32_t *call_of_row, int64_t call_row_max)
{
    struct lc_program *program = loader->program;
    sqlite3_stmt *stmt = program_loader_prepare(loader, "SELECT call_id, kind, symbol_id, record, param_index, text,"
                                                  " int_value, field_of_param, keys, child_of_param, slot_of_param, at_most,"
                                                  " table_length"
                                                " FROM call_arg ORDER BY call_id, position");
    if (!stmt)
        return -1;
    int rc = 0;
    while (rc == 0 && sqlite3_step(stmt) == SQLITE_ROW) {
        int64_t row = sqlite3_column_int64(stmt, 0);
        uint32_t call_index = row >= 0 && row <= call_row_max ? call_of_row[row] : LC_NONE;
        if (call_index == LC_NONE)
            continue;
        if (lc_grow((void **)&program->args, &loader->arg_cap, program->arg_count, sizeof *program->args, 1024) != 0)
            return sqlite3_finalize(stmt), -1;
        struct lc_program_call *call = &program->calls[call_index];
        if (call->arg_count == 0)
            call->first_arg = program->arg_count;
        struct lc_program_value *arg = &program->args[program->arg_count++];
        call->arg_count++;
        rc = program_loader_value(loader, stmt, 1, arg);
        arg->text = lc_arena_strdup(&program->arena, (const char *)sqlite3_column_text(stmt, 5));
        arg->int_value = sqlite3_column_int64(stmt, 6);
        arg->field_of_param = sqlite3_column_int(stmt, 7);
        arg->child_of_param = sqlite3_column_int(stmt, 9);
        arg->slot_of_param = sqlite3_column_int(stmt, 10);
        arg->at_most = sqlite3_column_int64(stmt, 11);
        arg->table_length = sqlite3_column_int64(stmt, 12);
        if (rc == 0 && sqlite3_column_type(stmt, 8) != SQLITE_NULL)
            rc = lc_arg_keys_decode(&program->arena, (const char *)sqlite3_column_text(stmt, 8), &arg->keys);
    }
    sqlite3_finalize(stmt);
    return rc;
}

static int loader_store_row(struct program_loader *loader, sqlite3_stmt *stmt, void *data)
{
    const struct loader_call_rows *rows = data;
    struct lc_program *program = loader->program;
    struct lc_program_value target;
    struct lc_program_value value;
    if (program_loader_value(loader, stmt, 0, &target) != 0)
        return -1;
    /* A `return` stores into the value its function's calls yield. */
    if (target.kind == LC_VALUE_CALL)
        target.flow_node = lc_fpflow_node(program, LC_VALUE_CALL, target.function, 0, NULL,
                                          program->functions[target.function].name);
    if (target.flow_node == LC_NONE)
        return 0;
    int rc = program_loader_value(loader, stmt, 4, &value);
    int role = sqlite3_column_int(stmt, 14);
    struct lc_program_store **stores = &program->stores;
    uint32_t *count = &program->store_count;
    size_t *cap = &loader->store_cap;
    if (role == LC_STORE_OBJECT) {
        stores = &program->object_stores, count = &program->object_store_count, cap = &loader->object_store_cap;
    } else if (role == LC_STORE_MADE) {
        stores = &program->made_stores, count = &program->made_store_count, cap = &loader->made_store_cap;
    } else if (role == LC_STORE_DERIVED) {
        stores = &program->derived_stores, count = &program->derived_store_count, cap = &loader->derived_store_cap;
    } else if (value.kind == LC_VALUE_NULL) {
        stores = &program->null_stores, count = &program->null_store_count, cap = &loader->null_store_cap;
    }
    if (lc_grow((void **)stores, cap, *count, sizeof **stores, 1024) != 0)
        return -1;
    struct lc_program_store *store = &(*stores)[(*count)++];
    store->target_node = target.flow_node;
    store->value = value;
    store->loc.file = program_loader_file(loader, sqlite3_column_int64(stmt, 8));
    store->loc.line = (unsigned)sqlite3_column_int(stmt, 9);
    store->loc.col = (unsigned)sqlite3_column_int(stmt, 10);
    int64_t call_row = sqlite3_column_int64(stmt, 11), function_id = sqlite3_column_int64(stmt, 12);
    if (store->value.kind == LC_VALUE_CALL)
        store->value.call = call_row > 0 && call_row <= rows->call_row_max ? rows->call_of_row[call_row] : LC_NONE;
    store->function = function_id > 0 ? program_loader_function(loader, function_id) : LC_NONE;
    store->conditional = (uint8_t)(sqlite3_column_int(stmt, 13) != 0);
    return rc;
}

static int loader_read_stores(struct program_loader *loader, uint32_t *call_of_row, int64_t call_row_max)
{
    struct loader_call_rows rows = { call_of_row, call_row_max };
    return program_loader_each_tu(loader, "fp_store", "SELECT target_kind, target_id, target_record, target_param, value_kind,"
                                              " value_id, value_record, value_param, file_id, line, col,"
                                              " value_call_id, function_id, conditional, role FROM fp_store"
                                              " WHERE rowid BETWEEN ?1 AND ?2"
                                              " AND +tu_id = ?3", loader_store_row, &rows);
}

/* Order calls by caller (stable: each caller's calls keep their order) and
 * give each function its range; the calls a call refers to become indexes.  The calls move in place, cycle by cycle:
 * a copy of them would double the peak memory of a large program.  Calls
 * usually come grouped already (functions are made in the order of their
 * rows, and a TU stores a function's calls together): then nothing moves. */
static int loader_group_calls(struct lc_program *program, uint32_t *call_of_row, int64_t call_row_max)
{
    uint32_t *start = calloc((size_t)program->function_count + 1, sizeof *start);
    if (!start)
        return -1;
    int grouped = 1;
    for (uint32_t i = 0; i < program->call_count; i++) {
        loader_call_refers(program, i, call_of_row, call_row_max);
        start[program->calls[i].caller + 1]++;
        grouped &= i == 0 || program->calls[i - 1].caller <= program->calls[i].caller;
    }
    for (uint32_t f = 0; f < program->function_count; f++) {
        start[f + 1] += start[f];
        program->functions[f].first_call = start[f];
        program->functions[f].call_count = grouped ? start[f + 1] - start[f] : 0;
    }
    uint32_t *destination = grouped ? NULL : malloc(((size_t)program->call_count + 1) * sizeof *destination);
    if (grouped || !destination) {
        free(start);
        return grouped ? 0 : -1;
    }
    for (uint32_t i = 0; i < program->call_count; i++) {
        struct lc_program_function *fn = &program->functions[program->calls[i].caller];
        destination[i] = fn->first_call + fn->call_count++;
    }
    for (int64_t row = 0; row <= call_row_max; row++)
        if (call_of_row[row] != LC_NONE)
            call_of_row[row] = destination[call_of_row[row]];
    for (uint32_t i = 0; i < program->call_count; i++) {
        if (program->calls[i].extra == LC_NONE)
            continue;
        struct lc_program_call_extra *extra = &program->call_extras[program->calls[i].extra];
        uint32_t *refers[] = { &extra->zero_guard, &extra->after_comma, &extra->branch_exit, &extra->nonzero_exit,
                               &extra->fail_guard };
        for (size_t r = 0; r < sizeof refers / sizeof refers[0]; r++)
            if (*refers[r] != LC_NONE)
                *refers[r] = destination[*refers[r]];
    }
    for (uint32_t i = 0; i < program->call_count; i++) {
        while (destination[i] != i) {
            uint32_t to = destination[i];
            struct lc_program_call moved = program->calls[to];
            program->calls[to] = program->calls[i];
            program->calls[i] = moved;
            destination[i] = destination[to];
            destination[to] = to;
        }
    }
    free(start);
    free(destination);
    return 0;
}

int program_loader_read_calls(struct program_loader *loader, const struct program_call_rows *rows,
                              uint32_t **call_of_row, int64_t *call_row_max)
{
    return loader_read_calls(loader, rows, call_of_row, call_row_max) == 0
                   && loader_read_args(loader, *call_of_row, *call_row_max) == 0
                   && loader_group_calls(loader->program, *call_of_row, *call_row_max) == 0
                   && loader_read_stores(loader, *call_of_row, *call_row_max) == 0
               ? 0
               : -1;
}
