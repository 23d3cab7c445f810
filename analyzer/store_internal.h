/* store_internal.h — the store's state, shared by store_open.c (opening),
 * store_schema.c (the schema), store_tu.c (saving TUs, fingerprints) and
 * store_results.c.  Not for use outside the store. */
#ifndef LOOPCHECK_STORE_INTERNAL_H
#define LOOPCHECK_STORE_INTERNAL_H

#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>

#include "arena.h"
#include "store.h"
#include "strmap.h"

/* What this run learned of a file on disk (stat, and the content hash once
 * it was needed), so shared headers are looked at once per run. */
struct lc_disk_file {
    int exists;
    int64_t size, mtime_ns;
    int hashed;
    uint64_t content_hash;
};

enum lc_store_statement {
    LC_STMT_INTERN_SYMBOL,
    LC_STMT_INTERN_FILE,
    LC_STMT_FIND_TU,
    LC_STMT_TU_INPUTS,
    LC_STMT_DELETE_TU_FUNCTIONS,
    LC_STMT_DELETE_TU_CALL_ARGS,
    LC_STMT_DELETE_TU_CALLS,
    LC_STMT_DELETE_TU_STORES,
    LC_STMT_DELETE_TU_INPUTS,
    LC_STMT_DELETE_TU_LOOPS,
    LC_STMT_DELETE_TU_ACCESSES,
    LC_STMT_DELETE_TU_HELD_LOCKS,
    LC_STMT_DELETE_TU_CALL_GUARDS,
    LC_STMT_DELETE_TU_WRITTEN_RECORDS,
    LC_STMT_DELETE_TU_DEFINED_VARIABLES,
    LC_STMT_DELETE_TU_FILE_SCOPE_NAMES,
    LC_STMT_DELETE_TU_LINK_WRITES,
    LC_STMT_DELETE_TU_RAISED_LIMITS,
    LC_STMT_DELETE_TU_COUNTED_FIELDS,
    LC_STMT_DELETE_TU_HELPER_LOCKS,
    LC_STMT_UPSERT_TU,
    LC_STMT_INSERT_INPUT,
    LC_STMT_INSERT_FUNCTION,
    LC_STMT_INSERT_CALL,
    LC_STMT_INSERT_CALL_ARG,
    LC_STMT_INSERT_STORE,
    LC_STMT_INSERT_LOOP,
    LC_STMT_INSERT_ACCESS,
    LC_STMT_INSERT_HELD_LOCK,
    LC_STMT_INSERT_CALL_GUARD,
    LC_STMT_INSERT_WRITTEN_RECORD,
    LC_STMT_INSERT_DEFINED_VARIABLE,
    LC_STMT_INSERT_FILE_SCOPE_NAME,
    LC_STMT_INSERT_LINK_WRITE,
    LC_STMT_INSERT_RAISED_LIMIT,
    LC_STMT_INSERT_COUNTED_FIELD,
    LC_STMT_INSERT_HELPER_LOCK,
    LC_STMT_COUNT
};

struct lc_store {
    sqlite3 *db;
    char *path;
    pthread_mutex_t mutex;          /* serialises writers */
    sqlite3_stmt *statements[LC_STMT_COUNT];
    struct lc_arena arena;          /* keys of the maps below */
    struct lc_strmap symbol_ids;    /* usr -> symbol.id (as stored) */
    struct lc_strmap file_ids;      /* path -> file.id */
    struct lc_strmap disk_files;    /* path -> index in disk_file_info */
    struct lc_disk_file *disk_file_info;
    size_t disk_file_count, disk_file_cap;
};

/* store_schema.c: check the file is a loopcheck database of our version;
 * create or rebuild it when it is empty or an older loopcheck database. */
int lc_store_prepare_schema(struct lc_store *store, FILE *err);
int lc_store_prepare_statements(struct lc_store *store, FILE *err);
/* A prepared statement, reset and with its bindings cleared. */
sqlite3_stmt *lc_store_statement(struct lc_store *store, enum lc_store_statement which);
/* What is on disk at `path` this run (hashing the content when asked);
 * NULL when out of memory. */
struct lc_disk_file *lc_store_disk_file(struct lc_store *store, const char *path, int want_hash);
void lc_store_finalize_statements(struct lc_store *store);
/* The id of a file / symbol row, inserted when new; 0 on error. */
int64_t lc_store_intern_file(struct lc_store *store, const char *path);
int64_t lc_store_intern_symbol(struct lc_store *store, const char *usr, const char *name);

/* Step a statement that returns no row, reset it and clear its bindings:
 * 0, or -1. */
int lc_store_step_done(sqlite3_stmt *stmt);
/* Bind a location's file id (interned), line and column at columns
 * first..first+2: 0, or -1. */
int lc_store_bind_location(struct lc_store *store, sqlite3_stmt *stmt, int first, const struct lc_location *loc);

/* store_bodies.c: loops (their row ids into loop_ids, one per fact), the
 * locks held at a call or access, and accesses.  0 or -1. */
int lc_store_save_loops(struct lc_store *store, int64_t tu_id, const struct lc_tu_facts *facts, int64_t *loop_ids);
/* store_statements.c: a value kind's name in the tables ("function",
 * "field", ...), and binding a value's kind, symbol, record and parameter
 * index at columns first..first+3 (0, or -1 when interning failed). */
const char *lc_store_value_kind_name(enum lc_value_kind kind);
/* A value whose symbol is its function, with a parameter index: a
 * parameter, or what a pointer parameter points to (facts.h). */
static inline int lc_store_value_of_parameter(enum lc_value_kind kind)
{
    return kind == LC_VALUE_PARAM || kind == LC_VALUE_POINTEE;
}
int lc_store_bind_value(struct lc_store *store, sqlite3_stmt *stmt, int first, const struct lc_value *value);
/* Save the struct types the TU writes through a pointer (facts.h). */
int lc_store_save_written_records(struct lc_store *store, int64_t tu_id, const struct lc_tu_facts *facts);
/* defined_variable and file_scope_name (the symbols linking needs). */
int lc_store_save_defined_variables(struct lc_store *store, int64_t tu_id, const struct lc_tu_facts *facts);
int lc_store_save_link_writes(struct lc_store *store, int64_t tu_id, const struct lc_tu_facts *facts);
/* Bind the symbol of a parameter guard's field (struct lc_param_guard
 * field_usr) at `column`, or leave it NULL. */
int lc_store_bind_guard_field(struct lc_store *store, sqlite3_stmt *stmt, int column,
                              const struct lc_param_guard *guard);
int lc_store_save_held_locks(struct lc_store *store, int64_t tu_id, const char *owner, int64_t owner_id,
                             const struct lc_lockset *locks);
/* call_ids: the row of each of the TU's calls, for an access's branch exit. */
int lc_store_save_accesses(struct lc_store *store, int64_t tu_id, const struct lc_tu_facts *facts,
                           const int64_t *call_ids);

#endif
