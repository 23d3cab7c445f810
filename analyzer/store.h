/* store.h — the SQLite database: a cache of per-TU facts and the results of
 * the last analysis.  The schema is documented in store_schema.c and in the
 * README ("The database").  Deleting the database is always safe.
 *
 * One `struct lc_store` is shared by the extraction workers: lc_store_save_tu
 * serialises writers with an internal mutex and writes one TU per
 * transaction. */
#ifndef LOOPCHECK_STORE_H
#define LOOPCHECK_STORE_H

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>

#include "compdb.h"
#include "facts.h"

#define LC_STORE_SCHEMA_VERSION 55

/* The calls with more than their defaults in the rarely set columns of
 * `call` (zero_guard_id to unreached): the condition of the partial
 * index call_extra, so that the loader reads those columns of these few
 * rows only (a query must repeat it word for word to use the index). */
#define LC_STORE_CALL_EXTRA_WHERE                                                                 \
    "(zero_guard_id IS NOT NULL OR after_comma_id IS NOT NULL OR element_args != 0"              \
    " OR branch_exit_after IS NOT NULL OR scaled_args != 0 OR guard_param != 0"                                \
    " OR changed_param_args != 0 OR restart_call != 0 OR loop_only != 0 OR returned_param != 0"    \
    " OR nonzero_exit_after IS NOT NULL OR error_return != 0 OR fail_guard_before IS NOT NULL"    \
    " OR unreached IS NOT NULL OR cursor_args != 0 OR depth_limit != 0 OR counter_args != 0"      \
    " OR share != 0 OR full_param != 0 OR empty_field_id IS NOT NULL OR unlikely != 0)"

struct lc_store;

/* Open or create the database at `path`.  A database of another schema
 * version made by loopcheck is rebuilt; a file that is not a loopcheck
 * database is left alone and is an error.  Errors: one line on `err`,
 * returns NULL. */
struct lc_store *lc_store_open(const char *path, FILE *err);
void lc_store_close(struct lc_store *store);
sqlite3 *lc_store_db(struct lc_store *store);
const char *lc_store_path(const struct lc_store *store);

/* What the cache knows of a TU. */
enum lc_tu_state {
    LC_TU_STALE = 0,     /* unknown, or its file, flags or a header changed */
    LC_TU_CURRENT_OK,    /* unchanged since it was parsed successfully */
    LC_TU_CURRENT_FAILED /* unchanged since it failed to parse */
};

/* Compare the stored fingerprint of command->file (its flags, and the size,
 * modification time — and, when only the time differs, the content hash — of
 * the file and every header it read) with the files on disk.  For a
 * CURRENT_FAILED TU, *error receives the stored error (malloc'd). */
enum lc_tu_state lc_store_tu_state(struct lc_store *store,
                                   const struct lc_compile_command *command,
                                   char **error);

/* Replace everything stored for this TU with `facts` (or, when facts->error
 * is set, record the failure) in one transaction.  Thread-safe.  Returns 0,
 * or -1 after printing one line to `err`. */
int lc_store_save_tu(struct lc_store *store,
                     const struct lc_compile_command *command,
                     const struct lc_tu_facts *facts, double parse_ms,
                     FILE *err);

/* Delete the TUs that are no longer in the compile database. */
int lc_store_retain_tus(struct lc_store *store, const struct lc_compdb *compdb,
                        FILE *err);

/* Run `sql` (no parameters, no rows) and print a line on error. */
int lc_store_exec(struct lc_store *store, const char *sql, FILE *err);

#endif
