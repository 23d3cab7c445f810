/* store_bodies.c — saving what a TU says about function bodies beyond
 * calls: loop statements, accesses to globals and statics, and the locks
 * held at each call and access. */
#include "store_internal.h"

#include <stdlib.h>

static const char *const loop_kind_names[] = {
    [LC_LOOP_FOR] = "for", [LC_LOOP_WHILE] = "while", [LC_LOOP_DO] = "do", [LC_LOOP_GOTO] = "goto",
};

static const char *const loop_bound_names[] = {
    [LC_BOUND_SMALL_CONSTANT] = "small", [LC_BOUND_CONSTANT] = "constant",
    [LC_BOUND_DATA] = "data", [LC_BOUND_UNBOUNDED] = "unbounded",
};

static const char *const loop_source_names[] = {
    [LC_SOURCE_INPUT] = "input", [LC_SOURCE_STRING] = "string", [LC_SOURCE_LOCAL] = "local",
    [LC_SOURCE_PARENT] = "parent", [LC_SOURCE_AMORTIZED] = "amortized", [LC_SOURCE_WAIT] = "wait",
};

int lc_store_save_loops(struct lc_store *store, int64_t tu_id, const struct lc_tu_facts *facts, int64_t *loop_ids)
{
    for (size_t i = 0; i < facts->loop_count; i++) {
        const struct lc_loop_fact *loop = &facts->loops[i];
        sqlite3_stmt *stmt = lc_store_statement(store, LC_STMT_INSERT_LOOP);
        int64_t function_id = lc_store_intern_symbol(store, loop->function_usr, NULL);
        if (!function_id || lc_store_bind_location(store, stmt, 4, &loop->loc) != 0)
            return -1;
        sqlite3_bind_int64(stmt, 1, tu_id);
        sqlite3_bind_int64(stmt, 2, function_id);
        sqlite3_bind_text(stmt, 3, loop_kind_names[loop->kind], -1, SQLITE_STATIC);
        if (loop->parent_index >= 0 && (size_t)loop->parent_index < i)
            sqlite3_bind_int64(stmt, 7, loop_ids[loop->parent_index]);
        sqlite3_bind_int(stmt, 8, (int)loop->depth);
        sqlite3_bind_text(stmt, 9, loop_bound_names[loop->bound], -1, SQLITE_STATIC);
        sqlite3_bind_int64(stmt, 10, loop->trip_count);
        if (loop->bound_text)
            sqlite3_bind_text(stmt, 11, loop->bound_text, -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 12, loop_source_names[loop->source], -1, SQLITE_STATIC);
        sqlite3_bind_int(stmt, 13, loop->bound_param);
        sqlite3_bind_int(stmt, 15, loop->param_guard.param);
        sqlite3_bind_int(stmt, 16, loop->param_guard.test);
        sqlite3_bind_int64(stmt, 17, loop->param_guard.value);
        sqlite3_bind_int(stmt, 21, loop->loop_only);
        sqlite3_bind_int64(stmt, 24, (sqlite3_int64)loop->cursor_params);
        sqlite3_bind_int(stmt, 25, loop->table_walk);
        if (lc_store_bind_guard_field(store, stmt, 18, &loop->param_guard) != 0)
            return -1;
        if (loop->bound_name)
            sqlite3_bind_text(stmt, 19, loop->bound_name, -1, SQLITE_STATIC);
        if (loop->drain_name)
            sqlite3_bind_text(stmt, 22, loop->drain_name, -1, SQLITE_STATIC);
        if (loop->transfer_name)
            sqlite3_bind_text(stmt, 23, loop->transfer_name, -1, SQLITE_STATIC);
        if (loop->walked_global_usr) {
            int64_t walked_id = lc_store_intern_symbol(store, loop->walked_global_usr, loop->walked_global_name);
            if (!walked_id)
                return -1;
            sqlite3_bind_int64(stmt, 14, walked_id);
        }
        if (loop->walked_link_usr) {
            int64_t link_id = lc_store_intern_symbol(store, loop->walked_link_usr, loop->walked_link_name);
            if (!link_id)
                return -1;
            sqlite3_bind_int64(stmt, 20, link_id);
        }
        if (loop->owned_field_usr) {
            int64_t owned_id = lc_store_intern_symbol(store, loop->owned_field_usr, loop->owned_field_name);
            if (!owned_id)
                return -1;
            sqlite3_bind_int64(stmt, 26, owned_id);
        }
        if (lc_store_step_done(stmt) != 0)
            return -1;
        loop_ids[i] = sqlite3_last_insert_rowid(store->db);
    }
    return 0;
}

int lc_store_save_written_records(struct lc_store *store, int64_t tu_id, const struct lc_tu_facts *facts)
{
    for (size_t i = 0; i < facts->written_record_count; i++) {
        sqlite3_stmt *stmt = lc_store_statement(store, LC_STMT_INSERT_WRITTEN_RECORD);
        int64_t record_id = lc_store_intern_symbol(store, facts->written_records[i], NULL);
        if (!record_id)
            return -1;
        sqlite3_bind_int64(stmt, 1, tu_id);
        sqlite3_bind_int64(stmt, 2, record_id);
        if (lc_store_step_done(stmt) != 0)
            return -1;
    }
    return 0;
}

static int store_save_tu_symbols(struct lc_store *store, int64_t tu_id, enum lc_store_statement statement,
                                 const char *const *usrs, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        sqlite3_stmt *stmt = lc_store_statement(store, statement);
        int64_t symbol_id = lc_store_intern_symbol(store, usrs[i], NULL);
        if (!symbol_id)
            return -1;
        sqlite3_bind_int64(stmt, 1, tu_id);
        sqlite3_bind_int64(stmt, 2, symbol_id);
        if (lc_store_step_done(stmt) != 0)
            return -1;
    }
    return 0;
}

int lc_store_save_defined_variables(struct lc_store *store, int64_t tu_id, const struct lc_tu_facts *facts)
{
    for (size_t i = 0; i < facts->defined_variable_count; i++) {
        sqlite3_stmt *stmt = lc_store_statement(store, LC_STMT_INSERT_DEFINED_VARIABLE);
        int64_t symbol_id = lc_store_intern_symbol(store, facts->defined_variables[i].usr, NULL);
        if (!symbol_id)
            return -1;
        sqlite3_bind_int64(stmt, 1, tu_id);
        sqlite3_bind_int64(stmt, 2, symbol_id);
        sqlite3_bind_int64(stmt, 3, facts->defined_variables[i].table_length);
        if (lc_store_step_done(stmt) != 0)
            return -1;
    }
    return store_save_tu_symbols(store, tu_id, LC_STMT_INSERT_FILE_SCOPE_NAME, facts->file_scope_names,
                                 facts->file_scope_name_count);
}

int lc_store_save_link_writes(struct lc_store *store, int64_t tu_id, const struct lc_tu_facts *facts)
{
    for (size_t i = 0; i < facts->link_write_count; i++) {
        const struct lc_link_write_fact *write = &facts->link_writes[i];
        sqlite3_stmt *stmt = lc_store_statement(store, LC_STMT_INSERT_LINK_WRITE);
        int64_t function_id = write->function_usr ? lc_store_intern_symbol(store, write->function_usr, NULL) : -1;
        int64_t field_id = lc_store_intern_symbol(store, write->field_usr, write->field_name);
        if (!function_id || !field_id || lc_store_bind_value(store, stmt, 4, &write->object) != 0
            || lc_store_bind_value(store, stmt, 8, &write->value) != 0)
            return -1;
        sqlite3_bind_int64(stmt, 1, tu_id);
        if (function_id > 0)
            sqlite3_bind_int64(stmt, 2, function_id);
        sqlite3_bind_int64(stmt, 3, field_id);
        sqlite3_bind_int(stmt, 12, write->made != 0);
        if (lc_store_step_done(stmt) != 0)
            return -1;
    }
    return 0;
}

int lc_store_bind_guard_field(struct lc_store *store, sqlite3_stmt *stmt, int column,
                              const struct lc_param_guard *guard)
{
    if (!guard->field_usr)
        return 0;
    int64_t field_id = lc_store_intern_symbol(store, guard->field_usr, NULL);
    if (!field_id)
        return -1;
    sqlite3_bind_int64(stmt, column, field_id);
    return 0;
}

int lc_store_save_held_locks(struct lc_store *store, int64_t tu_id, const char *owner, int64_t owner_id,
                             const struct lc_lockset *locks)
{
    for (size_t i = 0; i < locks->count; i++) {
        int64_t lock_id = lc_store_intern_symbol(store, locks->locks[i], NULL);
        if (!lock_id)
            return -1;
        sqlite3_stmt *stmt = lc_store_statement(store, LC_STMT_INSERT_HELD_LOCK);
        sqlite3_bind_int64(stmt, 1, tu_id);
        sqlite3_bind_text(stmt, 2, owner, -1, SQLITE_STATIC);
        sqlite3_bind_int64(stmt, 3, owner_id);
        sqlite3_bind_int64(stmt, 4, lock_id);
        if (lc_store_step_done(stmt) != 0)
            return -1;
    }
    return 0;
}

int lc_store_save_accesses(struct lc_store *store, int64_t tu_id, const struct lc_tu_facts *facts,
                           const int64_t *call_ids)
{
    for (size_t i = 0; i < facts->access_count; i++) {
        const struct lc_access_fact *access = &facts->accesses[i];
        sqlite3_stmt *stmt = lc_store_statement(store, LC_STMT_INSERT_ACCESS);
        int64_t function_id = lc_store_intern_symbol(store, access->function_usr, NULL);
        int64_t variable_id = lc_store_intern_symbol(store, access->variable_usr, access->variable_name);
        if (!function_id || !variable_id || lc_store_bind_location(store, stmt, 6, &access->loc) != 0)
            return -1;
        sqlite3_bind_int64(stmt, 1, tu_id);
        sqlite3_bind_int64(stmt, 2, function_id);
        sqlite3_bind_int64(stmt, 3, variable_id);
        sqlite3_bind_text(stmt, 4, access->kind == LC_ACCESS_WRITE ? "write" : "read", -1, SQLITE_STATIC);
        sqlite3_bind_int(stmt, 5, access->atomic);
        sqlite3_bind_int(stmt, 9, access->zero_guarded);
        sqlite3_bind_int(stmt, 12, access->indexed);
        sqlite3_bind_int(stmt, 14, access->loop_only);
        sqlite3_bind_int(stmt, 16, access->error_return);
        if (access->branch_exit >= 0 && (size_t)access->branch_exit < facts->call_count)
            sqlite3_bind_int64(stmt, 15, call_ids[access->branch_exit]);
        else
            sqlite3_bind_null(stmt, 15);
        int64_t via_id = access->via_callee_usr ? lc_store_intern_symbol(store, access->via_callee_usr, NULL) : 0;
        if (access->via_callee_usr && !via_id)
            return -1;
        if (via_id) {
            sqlite3_bind_int64(stmt, 10, via_id);
            sqlite3_bind_int(stmt, 11, access->via_argument);
        } else {
            sqlite3_bind_null(stmt, 10);
            sqlite3_bind_null(stmt, 11);
        }
        int64_t record_id = access->passed_record_usr ? lc_store_intern_symbol(store, access->passed_record_usr, NULL) : 0;
        if (access->passed_record_usr && !record_id)
            return -1;
        if (record_id)
            sqlite3_bind_int64(stmt, 13, record_id);
        else
            sqlite3_bind_null(stmt, 13);
        if (lc_store_step_done(stmt) != 0
            || lc_store_save_held_locks(store, tu_id, "access", sqlite3_last_insert_rowid(store->db),
                                        &access->locks) != 0)
            return -1;
    }
    return 0;
}
