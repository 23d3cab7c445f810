/* store_fingerprint.c — is a stored TU still current?  Its flags, and the
 * size and modification time of every file it read — and, when only the
 * time changed, the content hash.  What was learned of a file on disk is
 * kept for the run, so shared headers are looked at once. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "grow.h"
#include "hash.h"

/* Hash a whole file's content; 0 with *ok = 0 when it cannot be read or is
 * not a regular file (lc_hash_file). */
static uint64_t store_hash_file(const char *path, int *ok)
{
    uint64_t hash = LC_HASH_FNV1A64_INIT;
    *ok = lc_hash_file(path, &hash) == 0;
    return *ok ? hash : 0;
}

/* What is on disk for `path` this run; NULL when out of memory. */
struct lc_disk_file *lc_store_disk_file(struct lc_store *store, const char *path, int want_hash)
{
    uint32_t index = lc_strmap_get(&store->disk_files, path);
    if (index == LC_STRMAP_MISSING) {
        if (lc_grow((void **)&store->disk_file_info, &store->disk_file_cap, store->disk_file_count,
                    sizeof *store->disk_file_info, 256) != 0)
            return NULL;
        const char *key = lc_arena_strdup(&store->arena, path);
        index = (uint32_t)store->disk_file_count;
        if (!key || lc_strmap_put(&store->disk_files, key, index) != 0)
            return NULL;
        struct lc_disk_file *file = &store->disk_file_info[store->disk_file_count++];
        struct stat st;
        memset(file, 0, sizeof *file);
        if (stat(path, &st) == 0) {
            file->exists = 1;
            file->size = st.st_size;
            file->mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
        }
    }
    struct lc_disk_file *file = &store->disk_file_info[index];
    if (want_hash && file->exists && !file->hashed) {
        int ok;
        file->content_hash = store_hash_file(path, &ok);
        file->hashed = ok;
        if (!ok)
            file->exists = 0;
    }
    return file;
}

/* 1 when the file on disk still matches the stored fingerprint. */
static int store_input_unchanged(struct lc_store *store, const char *path, int64_t size, int64_t mtime_ns,
                                 uint64_t content_hash)
{
    struct lc_disk_file *file = lc_store_disk_file(store, path, 0);
    if (!file || !file->exists || file->size != size)
        return 0;
    if (file->mtime_ns == mtime_ns)
        return 1;
    file = lc_store_disk_file(store, path, 1);
    return file && file->exists && file->content_hash == content_hash;
}

enum lc_tu_state lc_store_tu_state(struct lc_store *store, const struct lc_compile_command *command, char **error)
{
    enum lc_tu_state state = LC_TU_STALE;
    *error = NULL;
    pthread_mutex_lock(&store->mutex);
    sqlite3_stmt *find = lc_store_statement(store, LC_STMT_FIND_TU);
    sqlite3_bind_text(find, 1, command->file, -1, SQLITE_STATIC);
    if (sqlite3_step(find) != SQLITE_ROW
        || (uint64_t)sqlite3_column_int64(find, 1) != command->args_hash)
        goto done;
    int64_t tu_id = sqlite3_column_int64(find, 0);
    int failed = strcmp((const char *)sqlite3_column_text(find, 2), "failed") == 0;
    const unsigned char *stored_error = sqlite3_column_text(find, 3);
    char *error_copy = failed && stored_error ? strdup((const char *)stored_error) : NULL;
    sqlite3_stmt *inputs = lc_store_statement(store, LC_STMT_TU_INPUTS);
    sqlite3_bind_int64(inputs, 1, tu_id);
    int unchanged = 1, rows = 0, rc;
    while (unchanged && (rc = sqlite3_step(inputs)) == SQLITE_ROW) {
        rows++;
        unchanged = store_input_unchanged(store, (const char *)sqlite3_column_text(inputs, 0),
                                          sqlite3_column_int64(inputs, 1), sqlite3_column_int64(inputs, 2),
                                          (uint64_t)sqlite3_column_int64(inputs, 3));
    }
    sqlite3_reset(inputs);
    if (unchanged && rows > 0) {
        state = failed ? LC_TU_CURRENT_FAILED : LC_TU_CURRENT_OK;
        *error = error_copy;
    } else {
        free(error_copy);
    }
done:
    sqlite3_reset(find);
    pthread_mutex_unlock(&store->mutex);
    return state;
}

