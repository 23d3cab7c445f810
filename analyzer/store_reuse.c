/* store_reuse.c — the store's side of reusing the last results
 * (store_reuse.h): the TU fingerprint, the stamp in `meta`, and findings
 * read back from `finding` and `finding_step`. */
#include "store_reuse.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"

int lc_store_tu_fingerprint(struct lc_store *store, uint64_t *fingerprint)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(lc_store_db(store), "SELECT id, file_id, args_hash, status, parse_ms, parsed_at"
                                               " FROM tu ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
        return -1;
    uint64_t hash = LC_HASH_FNV1A64_INIT;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        for (int column = 0; column < sqlite3_column_count(stmt); column++) {
            const unsigned char *text = sqlite3_column_text(stmt, column);
            hash = lc_hash_fnv1a64(text ? (const char *)text : "", text ? (size_t)sqlite3_column_bytes(stmt, column) + 1 : 0,
                                   hash);
        }
    }
    sqlite3_finalize(stmt);
    *fingerprint = hash;
    return rc == SQLITE_DONE ? 0 : -1;
}

int lc_store_results_stamp(struct lc_store *store, uint64_t *key, char **summary)
{
    sqlite3_stmt *stmt = NULL;
    *summary = NULL;
    if (sqlite3_prepare_v2(lc_store_db(store), "SELECT (SELECT value FROM meta WHERE key = 'results_key'),"
                                               " (SELECT value FROM meta WHERE key = 'results_summary')",
                           -1, &stmt, NULL) != SQLITE_OK)
        return -1;
    int found = 0;
    if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL
        && sqlite3_column_type(stmt, 1) != SQLITE_NULL) {
        *key = strtoull((const char *)sqlite3_column_text(stmt, 0), NULL, 16);
        *summary = strdup((const char *)sqlite3_column_text(stmt, 1));
        found = *summary ? 1 : -1;
    }
    sqlite3_finalize(stmt);
    return found;
}

int lc_store_stamp_results(struct lc_store *store, uint64_t key, const char *summary, FILE *err)
{
    sqlite3_stmt *stmt = NULL;
    char hex[17];
    snprintf(hex, sizeof hex, "%016llx", (unsigned long long)key);
    int rc = sqlite3_prepare_v2(lc_store_db(store), "INSERT OR REPLACE INTO meta(key, value)"
                                                    " VALUES ('results_key', ?1), ('results_summary', ?2)",
                                -1, &stmt, NULL) == SQLITE_OK ? 0 : -1;
    if (rc == 0) {
        sqlite3_bind_text(stmt, 1, hex, -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 2, summary, -1, SQLITE_STATIC);
        rc = sqlite3_step(stmt) == SQLITE_DONE ? 0 : -1;
    }
    if (rc != 0)
        fprintf(err, "loopcheck: %s: %s\n", lc_store_path(store), sqlite3_errmsg(lc_store_db(store)));
    sqlite3_finalize(stmt);
    return rc;
}

/* A step or a finding's location from columns path, line, col. */
static struct lc_location reuse_location(struct lc_findings *findings, sqlite3_stmt *stmt, int first)
{
    return (struct lc_location){
        .file = lc_arena_strdup(&findings->arena, (const char *)sqlite3_column_text(stmt, first)),
        .line = (unsigned)sqlite3_column_int(stmt, first + 1),
        .col = (unsigned)sqlite3_column_int(stmt, first + 2),
    };
}

/* Give finding `finding` the `count` steps gathered (chain steps first). */
static int reuse_attach_steps(struct lc_findings *findings, struct lc_finding *finding, const struct lc_step *steps,
                              size_t count, size_t chain)
{
    struct lc_step *copy = count ? lc_arena_alloc(&findings->arena, count * sizeof *copy) : NULL;
    if (count && !copy)
        return -1;
    if (copy)
        memcpy(copy, steps, count * sizeof *copy);
    finding->chain_count = chain;
    finding->chain = chain ? copy : NULL;
    finding->related_count = count - chain;
    finding->related = count > chain ? copy + chain : NULL;
    return 0;
}

/* The steps of the findings read (ids: their finding.id, ascending), in one
 * pass over finding_step: per finding the chain, then the related places,
 * each in order. */
static int reuse_load_steps(sqlite3 *db, struct lc_findings *findings, size_t first, const int64_t *ids)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, "SELECT s.finding_id, s.kind = 'chain', f.path, s.line, s.col, s.message"
                               " FROM finding_step s JOIN file f ON f.id = s.file_id"
                               " ORDER BY s.finding_id, s.kind <> 'chain', s.seq", -1, &stmt, NULL) != SQLITE_OK)
        return -1;
    struct lc_step *steps = NULL;
    size_t cap = 0, count = 0, chain = 0, at = first;
    int rc = 0;
    for (int step = sqlite3_step(stmt); rc == 0; step = sqlite3_step(stmt)) {
        int64_t id = step == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : INT64_MAX;
        while (rc == 0 && at < findings->count && ids[at - first] < id) {   /* every step of `at` is read */
            rc = reuse_attach_steps(findings, &findings->items[at++], steps, count, chain);
            count = chain = 0;
        }
        if (step != SQLITE_ROW)
            break;
        if (at == findings->count || ids[at - first] != id)
            continue;   /* a step of no finding read */
        if (count == cap) {
            struct lc_step *grown = realloc(steps, (cap ? cap * 2 : 16) * sizeof *grown);
            if (!grown) {
                rc = -1;
                break;
            }
            steps = grown;
            cap = cap ? cap * 2 : 16;
        }
        steps[count].loc = reuse_location(findings, stmt, 2);
        steps[count++].message = lc_arena_strdup(&findings->arena, (const char *)sqlite3_column_text(stmt, 5));
        chain += (size_t)sqlite3_column_int(stmt, 1);
    }
    free(steps);
    sqlite3_finalize(stmt);
    return rc;
}

int lc_store_load_findings(struct lc_store *store, struct lc_findings *findings, FILE *err)
{
    sqlite3 *db = lc_store_db(store);
    sqlite3_stmt *stmt = NULL;
    size_t first = findings->count, cap = 0;
    int64_t *ids = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT x.id, x.rule, x.level, f.path, x.line, x.col, x.message, x.suppressed"
                                    " FROM finding x JOIN file f ON f.id = x.file_id ORDER BY x.id",
                                -1, &stmt, NULL) == SQLITE_OK ? 0 : -1;
    while (rc == 0 && sqlite3_step(stmt) == SQLITE_ROW) {
        size_t n = findings->count - first;
        if (n == cap) {
            int64_t *grown = realloc(ids, (cap ? cap * 2 : 64) * sizeof *ids);
            if (!grown) {
                rc = -1;
                break;
            }
            ids = grown;
            cap = cap ? cap * 2 : 64;
        }
        struct lc_finding *finding = lc_findings_add(findings);
        int level = lc_level_parse((const char *)sqlite3_column_text(stmt, 2));
        if (!finding || level < 0) {
            rc = -1;
            break;
        }
        ids[n] = sqlite3_column_int64(stmt, 0);
        finding->rule_id = lc_arena_strdup(&findings->arena, (const char *)sqlite3_column_text(stmt, 1));
        finding->level = (enum lc_level)level;
        finding->loc = reuse_location(findings, stmt, 3);
        finding->message = lc_arena_strdup(&findings->arena, (const char *)sqlite3_column_text(stmt, 6));
        finding->suppressed = sqlite3_column_int(stmt, 7);
    }
    sqlite3_finalize(stmt);
    if (rc == 0)
        rc = reuse_load_steps(db, findings, first, ids);
    free(ids);
    if (rc != 0)
        fprintf(err, "loopcheck: %s: cannot read the stored findings: %s\n", lc_store_path(store), sqlite3_errmsg(db));
    return rc;
}
