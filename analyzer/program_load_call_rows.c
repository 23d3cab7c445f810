/* program_load_call_rows.c — decoding the rows of the call table on
 * several threads.
 *
 * The call table is most of a large store (five million rows for a million
 * functions) and SQLite decodes the rows of one statement one at a time, so
 * the TUs, in path order, are cut into slices of about equal row counts, one
 * per core, and each slice is decoded on its own read-only connection,
 * every row straight into its place in program->calls.  A TU's rows are
 * contiguous (each TU is stored in one transaction), so a row's place is
 * its TU's first place plus its distance from the TU's first row, and the
 * slices never write the same place.  The rarely set columns are read
 * apart, from the few rows of the partial index call_extra (store.h), into
 * program->call_extras.  Everything that needs the loader's
 * shared state (function indexes, flow nodes, which TU's body is used) is
 * left to program_load_calls.c, which then walks the places in path order:
 * the program is the same whatever the number of slices. */
#include "program_load_internal.h"

#include "grow.h"
#include "store.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CALL_ROWS_SLICES_MAX 8

/* One thread's share: consecutive TUs of rows->tus. */
struct program_call_rows_slice {
    struct program_loader *loader;
    sqlite3 *db;                         /* its own connection, or the loader's */
    int own_db;
    const struct program_call_rows_tu *tus;
    size_t tu_count;
    struct program_call_rows_indirect *indirect;   /* by place */
    size_t indirect_count, indirect_cap;
    struct program_call_rows_extra *extras;        /* by place */
    size_t extra_count, extra_cap;
    pthread_t thread;
    int threaded, rc;
    char error[200];
};

static const char call_rows_sql[] = "SELECT id, caller_id, callee_kind, callee_id, callee_record, callee_param,"
                                    " file_id, line, col, loop_id, conditional, runs FROM call"
                                    " WHERE id BETWEEN ?1 AND ?2 AND +tu_id = ?3";
static const char call_rows_extra_sql[] = "SELECT id, zero_guard_id, after_comma_id, element_args, branch_exit_after,"
                                          " scaled_args, guard_param, depth_limit, guard_test, guard_value, unreached,"
                                          " coalesce(guard_field_id, 0), changed_param_args, restart_call, loop_only,"
                                          " returned_param, returned_test, returned_value, nonzero_exit_after, error_return,"
                                          " fail_guard_before, fail_test, cursor_args, each_round, counter_args, share,"
                                          " full_param, coalesce(full_field_id, 0), unlikely, coalesce(empty_field_id, 0)"
                                          " FROM call INDEXED BY call_extra"
                                          " WHERE id BETWEEN ?1 AND ?2 AND +tu_id = ?3 AND " LC_STORE_CALL_EXTRA_WHERE;

/* Keep the record and parameter of a callee named by flow node. */
static int call_rows_keep_indirect(struct program_call_rows_slice *slice, size_t place, sqlite3_stmt *stmt)
{
    if (lc_grow((void **)&slice->indirect, &slice->indirect_cap, slice->indirect_count, sizeof *slice->indirect, 64) != 0)
        return -1;
    const char *record = (const char *)sqlite3_column_text(stmt, 4);
    struct program_call_rows_indirect *kept = &slice->indirect[slice->indirect_count];
    kept->place = place;
    kept->param_index = sqlite3_column_int(stmt, 5);
    kept->record = record ? strdup(record) : NULL;
    if (record && !kept->record)
        return -1;
    slice->indirect_count++;
    return 0;
}

/* Keep what the call at `place` has beyond the defaults, if anything. */
static int call_rows_keep_extra(struct program_call_rows_slice *slice, size_t place,
                                const struct lc_program_call_extra *extra)
{
    if (memcmp(extra, &lc_program_call_no_extra, sizeof *extra) == 0)
        return 0;
    if (lc_grow((void **)&slice->extras, &slice->extra_cap, slice->extra_count, sizeof *slice->extras, 64) != 0)
        return -1;
    slice->extras[slice->extra_count++] = (struct program_call_rows_extra){ place, *extra };
    return 0;
}

/* The id of a row a column refers to, LC_NONE when none (NULL reads as 0,
 * never a row id) or too large. */
static uint32_t call_rows_row_id(sqlite3_stmt *stmt, int column)
{
    int64_t id = sqlite3_column_int64(stmt, column);
    return id > 0 && id < LC_NONE ? (uint32_t)id : LC_NONE;
}

/* Decode one row into its place (see program_load_internal.h for what the
 * fields hold until the calls are linked). */
static int call_rows_decode(struct program_call_rows_slice *slice, const struct program_call_rows_tu *tu, sqlite3_stmt *stmt)
{
    int64_t row = sqlite3_column_int64(stmt, 0), caller = sqlite3_column_int64(stmt, 1);
    int64_t callee = sqlite3_column_int64(stmt, 3);
    if (row < tu->first_row || row > tu->last_row)
        return 0;
    size_t place = tu->first_place + (size_t)(row - tu->first_row);
    struct lc_program_call *call = &slice->loader->program->calls[place];
    memset(call, 0, sizeof *call);
    call->caller = caller > 0 && caller < LC_NONE ? (uint32_t)caller : LC_NONE;
    call->callee.kind = program_loader_value_kind((const char *)sqlite3_column_text(stmt, 2));
    call->callee.function = callee > 0 && callee < LC_NONE ? (uint32_t)callee : LC_NONE;
    call->callee.flow_node = LC_NONE;
    call->first_target = LC_NONE;
    call->loc.file = program_loader_file(slice->loader, sqlite3_column_int64(stmt, 6));
    call->loc.line = (unsigned)sqlite3_column_int(stmt, 7);
    call->loc.col = (unsigned)sqlite3_column_int(stmt, 8);
    call->loop = call_rows_row_id(stmt, 9);
    call->conditional = sqlite3_column_int(stmt, 10) != 0;
    call->runs = (uint8_t)sqlite3_column_int(stmt, 11);
    call->extra = LC_NONE;   /* call_rows_decode_extra, then call_rows_gather_extras */
    if (call->callee.kind == LC_VALUE_FIELD || call->callee.kind == LC_VALUE_VAR || call->callee.kind == LC_VALUE_PARAM)
        return call_rows_keep_indirect(slice, place, stmt);
    return 0;
}

/* Decode the rarely set columns of one row of call_rows_extra_sql. */
static int call_rows_decode_extra(struct program_call_rows_slice *slice, const struct program_call_rows_tu *tu,
                                  sqlite3_stmt *stmt)
{
    int64_t row = sqlite3_column_int64(stmt, 0);
    if (row < tu->first_row || row > tu->last_row)
        return 0;
    struct lc_program_call_extra extra = lc_program_call_no_extra;
    extra.zero_guard = call_rows_row_id(stmt, 1);
    extra.after_comma = call_rows_row_id(stmt, 2);
    extra.element_args = (uint32_t)sqlite3_column_int64(stmt, 3);
    extra.cursor_args = (uint32_t)sqlite3_column_int64(stmt, 22);
    extra.each_round = (uint8_t)sqlite3_column_int(stmt, 23);
    extra.counter_args = (uint32_t)sqlite3_column_int64(stmt, 24);
    int64_t exit_after = sqlite3_column_int64(stmt, 4);   /* NULL reads as 0: none */
    extra.branch_exit = exit_after != 0 && row + exit_after >= tu->first_row && row + exit_after <= tu->last_row
                            ? (uint32_t)(row + exit_after)
                            : LC_NONE;
    extra.scaled_args = (uint32_t)sqlite3_column_int64(stmt, 5);
    extra.param_guard = (struct lc_param_guard){ .param = sqlite3_column_int(stmt, 6),
                                                 .test = sqlite3_column_int(stmt, 8),
                                                 .value = sqlite3_column_int64(stmt, 9),
                                                 .field_symbol = sqlite3_column_int64(stmt, 11) };
    extra.changed_param_args = (uint32_t)sqlite3_column_int64(stmt, 12);
    extra.restart_call = sqlite3_column_int(stmt, 13);
    extra.share = sqlite3_column_int(stmt, 25);
    extra.unlikely = (uint8_t)sqlite3_column_int(stmt, 28);
    extra.full_guard = (struct lc_raised_limit){ .param = sqlite3_column_int(stmt, 26),
                                                 .field_symbol = sqlite3_column_int64(stmt, 27) };
    extra.empty_field_symbol = sqlite3_column_int64(stmt, 29);
    extra.depth_limit = sqlite3_column_int64(stmt, 7);
    extra.loop_only = sqlite3_column_int(stmt, 14);
    extra.returned_guard = (struct lc_param_guard){ .param = sqlite3_column_int(stmt, 15),
                                                    .test = sqlite3_column_int(stmt, 16),
                                                    .value = sqlite3_column_int64(stmt, 17) };
    int64_t nonzero_after = sqlite3_column_int64(stmt, 18);   /* NULL reads as 0: none */
    extra.nonzero_exit = nonzero_after > 0 && row + nonzero_after <= tu->last_row ? (uint32_t)(row + nonzero_after)
                                                                                   : LC_NONE;
    extra.error_return = sqlite3_column_int(stmt, 19);
    int64_t fail_before = sqlite3_column_int64(stmt, 20);   /* NULL reads as 0: none */
    if (fail_before > 0 && row - fail_before >= tu->first_row) {
        extra.fail_guard = (uint32_t)(row - fail_before);
        extra.fail_test = (uint8_t)sqlite3_column_int(stmt, 21);
    }
    const char *unreached = (const char *)sqlite3_column_text(stmt, 10);
    if (unreached && !(extra.unreached = strdup(unreached)))
        return -1;
    int rc = call_rows_keep_extra(slice, tu->first_place + (size_t)(row - tu->first_row), &extra);
    if (rc != 0)
        free(extra.unreached);
    return rc;
}

/* Step `stmt` over the rows of `tu`, decoding each with `decode`. */
static int call_rows_read_tu(struct program_call_rows_slice *slice, const struct program_call_rows_tu *tu,
                             sqlite3_stmt *stmt,
                             int (*decode)(struct program_call_rows_slice *, const struct program_call_rows_tu *,
                                           sqlite3_stmt *))
{
    sqlite3_reset(stmt);
    sqlite3_bind_int64(stmt, 1, tu->first_row);
    sqlite3_bind_int64(stmt, 2, tu->last_row);
    sqlite3_bind_int64(stmt, 3, tu->tu_id);
    int step, rc = 0;
    while (rc == 0 && (step = sqlite3_step(stmt)) == SQLITE_ROW)
        rc = decode(slice, tu, stmt);
    return rc == 0 && step != SQLITE_DONE ? -1 : rc;
}

static void *call_rows_slice_run(void *arg)
{
    struct program_call_rows_slice *slice = arg;
    struct lc_program_call *calls = slice->loader->program->calls;
    sqlite3_stmt *stmt = NULL, *extra_stmt = NULL;
    slice->rc = -1;
    if (slice->own_db && sqlite3_exec(slice->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        goto done;
    if (sqlite3_prepare_v2(slice->db, call_rows_sql, -1, &stmt, NULL) != SQLITE_OK
        || sqlite3_prepare_v2(slice->db, call_rows_extra_sql, -1, &extra_stmt, NULL) != SQLITE_OK)
        goto done;
    slice->rc = 0;
    for (size_t t = 0; slice->rc == 0 && t < slice->tu_count; t++) {
        const struct program_call_rows_tu *tu = &slice->tus[t];
        for (size_t place = tu->first_place; place <= tu->first_place + (size_t)(tu->last_row - tu->first_row); place++)
            calls[place].caller = LC_NONE;   /* no row of the TU here (yet) */
        slice->rc = call_rows_read_tu(slice, tu, stmt, call_rows_decode);
        if (slice->rc == 0)
            slice->rc = call_rows_read_tu(slice, tu, extra_stmt, call_rows_decode_extra);
    }
done:
    if (slice->rc != 0)
        snprintf(slice->error, sizeof slice->error, "%s", sqlite3_errmsg(slice->db));
    sqlite3_finalize(stmt);
    sqlite3_finalize(extra_stmt);
    if (slice->own_db)
        sqlite3_exec(slice->db, "COMMIT", NULL, NULL, NULL);
    return NULL;
}

/* The TUs with calls, in path order, with their row ranges and places. */
static int call_rows_ranges(struct program_loader *loader, struct program_call_rows *rows)
{
    sqlite3_stmt *range = program_loader_prepare(loader, "SELECT (SELECT min(rowid) FROM call WHERE tu_id = ?1),"
                                                         " (SELECT max(rowid) FROM call WHERE tu_id = ?1)");
    rows->tus = malloc((loader->tu_count + 1) * sizeof *rows->tus);
    if (!range || !rows->tus) {
        sqlite3_finalize(range);
        return -1;
    }
    for (size_t t = 0; t < loader->tu_count; t++) {
        sqlite3_reset(range);
        sqlite3_bind_int64(range, 1, loader->tu_order[t]);
        if (sqlite3_step(range) != SQLITE_ROW || sqlite3_column_type(range, 0) == SQLITE_NULL)
            continue;
        struct program_call_rows_tu *tu = &rows->tus[rows->tu_count++];
        tu->tu_id = loader->tu_order[t];
        tu->first_row = sqlite3_column_int64(range, 0);
        tu->last_row = sqlite3_column_int64(range, 1);
        tu->first_place = rows->place_count;
        rows->place_count += (size_t)(tu->last_row - tu->first_row) + 1;
    }
    sqlite3_finalize(range);
    return 0;
}

/* Cut the TUs into `count` slices of about equal places; returns how many
 * slices have TUs. */
static size_t call_rows_cut(struct program_loader *loader, const struct program_call_rows *rows,
                            struct program_call_rows_slice *slices, size_t count)
{
    size_t used = 0, t = 0;
    for (size_t s = 0; s < count && t < rows->tu_count; s++) {
        size_t end_place = rows->place_count * (s + 1) / count, first = t++;
        while (t < rows->tu_count && (rows->tus[t].first_place < end_place || s == count - 1))
            t++;
        slices[used++] = (struct program_call_rows_slice){ .loader = loader, .tus = &rows->tus[first], .tu_count = t - first };
    }
    return used;
}

/* Each slice on a thread with a connection of its own; the others (when
 * the store cannot be opened again, or there is a single slice) are left
 * to program_loader_finish_calls, on the loader's connection. */
static void call_rows_start(struct program_loader *loader, struct program_call_rows_slice *slices, size_t count)
{
    for (size_t s = 0; s < count; s++) {
        struct program_call_rows_slice *slice = &slices[s];
        if (count > 1 && loader->path
            && sqlite3_open_v2(loader->path, &slice->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK)
            slice->own_db = 1;
        if (!slice->own_db) {
            sqlite3_close(slice->db);
            slice->db = NULL;
        }
        if (slice->own_db)
            slice->threaded = pthread_create(&slice->thread, NULL, call_rows_slice_run, slice) == 0;
    }
}

/* The slices' extras into program->call_extras, in place order, each
 * call's `extra` its index there. */
static int call_rows_gather_extras(struct lc_program *program, struct program_call_rows *rows, int rc)
{
    size_t total = 0;
    for (size_t s = 0; s < rows->slice_count; s++)
        total += rows->slices[s].extra_count;
    if (rc == 0 && total >= LC_NONE)
        rc = -1;
    program->call_extras = rc == 0 ? malloc((total + 1) * sizeof *program->call_extras) : NULL;
    for (size_t s = 0; s < rows->slice_count; s++) {
        struct program_call_rows_slice *slice = &rows->slices[s];
        for (size_t i = 0; i < slice->extra_count; i++) {
            if (!program->call_extras) {
                free(slice->extras[i].extra.unreached);
                continue;
            }
            program->calls[slice->extras[i].place].extra = program->call_extra_count;
            program->call_extras[program->call_extra_count++] = slice->extras[i].extra;
        }
        free(slice->extras);
        slice->extras = NULL;
        slice->extra_count = 0;
    }
    return program->call_extras ? 0 : -1;
}

/* The slices' kept callees, one list in place order (the slices' places
 * follow each other). */
static int call_rows_gather(struct program_call_rows *rows, int rc)
{
    size_t total = 0;
    for (size_t s = 0; s < rows->slice_count; s++)
        total += rows->slices[s].indirect_count;
    rows->indirect = rc == 0 ? malloc((total + 1) * sizeof *rows->indirect) : NULL;
    for (size_t s = 0; s < rows->slice_count; s++) {
        struct program_call_rows_slice *slice = &rows->slices[s];
        if (rows->indirect && slice->indirect_count)
            memcpy(&rows->indirect[rows->indirect_count], slice->indirect, slice->indirect_count * sizeof *slice->indirect);
        else
            for (size_t i = 0; i < slice->indirect_count; i++)
                free(slice->indirect[i].record);
        rows->indirect_count += rows->indirect ? slice->indirect_count : 0;
        free(slice->indirect);
        slice->indirect = NULL;
        slice->indirect_count = 0;
    }
    return rows->indirect ? 0 : -1;
}

int program_loader_start_calls(struct program_loader *loader, struct program_call_rows *rows)
{
    memset(rows, 0, sizeof *rows);
    struct lc_program *program = loader->program;
    if (call_rows_ranges(loader, rows) != 0)
        return -1;
    if (rows->place_count >= LC_NONE) {
        fprintf(loader->err, "loopcheck: more calls than loopcheck can hold (%zu)\n", rows->place_count);
        return -1;
    }
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    size_t wanted = cores < 1 ? 1 : cores > CALL_ROWS_SLICES_MAX ? CALL_ROWS_SLICES_MAX : (size_t)cores;
    program->calls = malloc((rows->place_count + 1) * sizeof *program->calls);
    rows->slices = calloc(wanted, sizeof *rows->slices);
    if (!program->calls || !rows->slices)
        return -1;
    loader->call_cap = rows->place_count;
    rows->slice_count = call_rows_cut(loader, rows, rows->slices, wanted);
    call_rows_start(loader, rows->slices, rows->slice_count);
    return 0;
}

int program_loader_finish_calls(struct program_loader *loader, struct program_call_rows *rows)
{
    int rc = 0;
    for (size_t s = 0; s < rows->slice_count; s++) {
        struct program_call_rows_slice *slice = &rows->slices[s];
        if (slice->threaded) {
            pthread_join(slice->thread, NULL);
            slice->threaded = 0;
        } else {
            slice->db = loader->db;
            call_rows_slice_run(slice);
        }
        if (slice->own_db)
            sqlite3_close(slice->db);
        slice->own_db = 0;
        if (slice->rc != 0 && rc == 0) {
            fprintf(loader->err, "loopcheck: cannot read the calls: %s\n", slice->error);
            rc = -1;
        }
    }
    rc = call_rows_gather_extras(loader->program, rows, rc);
    return call_rows_gather(rows, rc);
}

void program_call_rows_free(struct program_call_rows *rows)
{
    for (size_t i = 0; i < rows->indirect_count; i++)
        free(rows->indirect[i].record);
    free(rows->indirect);
    free(rows->tus);
    free(rows->slices);
    memset(rows, 0, sizeof *rows);
}
