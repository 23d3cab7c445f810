/* store_results.c — writing the results of an analysis (registrations,
 * colors, findings with their steps) into the store, replacing the previous
 * run's, in one transaction. */
#include "analysis.h"
#include "threads.h"
#include "store_internal.h"

#include <string.h>

struct results_writer {
    struct lc_store *store;
    sqlite3_stmt *registration, *color, *thread_role, *finding, *step;
};

static const char *results_role(enum lc_thread_role role, int annotated)
{
    if (annotated)
        return role == LC_ROLE_LOOP ? "async" : "worker";
    return lc_thread_role_name(role);
}

/* Every thread each function may run on (program->threads, capped per
 * function as threads.h says). */
static int results_thread_roles(struct results_writer *w, const struct lc_program *program)
{
    const struct lc_threads *t = program->threads;
    for (uint32_t f = 0; t && f < program->function_count; f++) {
        for (uint8_t i = 0; i < t->function_role_count[f]; i++) {
            uint32_t role = t->function_roles[(size_t)f * LC_THREAD_ROLE_CAP + i];
            sqlite3_bind_int64(w->thread_role, 1, program->functions[f].symbol_id);
            if (role == LC_THREAD_ROLE_LOOP) {
                sqlite3_bind_text(w->thread_role, 2, "loop", -1, SQLITE_STATIC);
            } else {
                const struct lc_entry *entry = &program->entries[t->roles[role].entry];
                sqlite3_bind_text(w->thread_role, 2, results_role(entry->role, !entry->api), -1, SQLITE_STATIC);
                sqlite3_bind_int64(w->thread_role, 3, program->functions[entry->function].symbol_id);
            }
            if (lc_store_step_done(w->thread_role) != 0)
                return -1;
        }
    }
    return 0;
}

static int results_write(struct results_writer *w, const struct lc_program *program, const struct lc_findings *findings)
{
    for (uint32_t e = 0; e < program->entry_count; e++) {
        const struct lc_entry *entry = &program->entries[e];
        sqlite3_bind_int64(w->registration, 1, program->functions[entry->function].symbol_id);
        sqlite3_bind_text(w->registration, 2, results_role(entry->role, !entry->api), -1, SQLITE_STATIC);
        if (entry->api)
            sqlite3_bind_text(w->registration, 3, entry->api, -1, SQLITE_STATIC);
        if (lc_store_bind_location(w->store, w->registration, 4, &entry->site) != 0 || lc_store_step_done(w->registration) != 0)
            return -1;
    }
    for (uint32_t f = 0; f < program->function_count; f++) {
        if (!program->on_loop[f] && !program->on_worker[f] && !program->blocking[f])
            continue;
        sqlite3_bind_int64(w->color, 1, program->functions[f].symbol_id);
        sqlite3_bind_int(w->color, 2, program->on_loop[f]);
        sqlite3_bind_int(w->color, 3, program->on_worker[f]);
        sqlite3_bind_int(w->color, 4, program->blocking[f]);
        sqlite3_bind_int(w->color, 5, program->entry_points[f]);
        if (lc_store_step_done(w->color) != 0)
            return -1;
    }
    if (results_thread_roles(w, program) != 0)
        return -1;
    for (size_t i = 0; i < findings->count; i++) {
        const struct lc_finding *finding = &findings->items[i];
        sqlite3_bind_text(w->finding, 1, finding->rule_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(w->finding, 2, lc_level_name(finding->level), -1, SQLITE_STATIC);
        if (lc_store_bind_location(w->store, w->finding, 3, &finding->loc) != 0)
            return -1;
        sqlite3_bind_text(w->finding, 6, finding->message, -1, SQLITE_STATIC);
        sqlite3_bind_int(w->finding, 7, finding->suppressed);
        if (lc_store_step_done(w->finding) != 0)
            return -1;
        int64_t finding_id = sqlite3_last_insert_rowid(w->store->db);
        for (int kind = 0; kind < 2; kind++) {
            const struct lc_step *steps = kind ? finding->related : finding->chain;
            size_t count = kind ? finding->related_count : finding->chain_count;
            for (size_t s = 0; s < count; s++) {
                sqlite3_bind_int64(w->step, 1, finding_id);
                sqlite3_bind_int(w->step, 2, (int)s + 1);
                sqlite3_bind_text(w->step, 3, kind ? "related" : "chain", -1, SQLITE_STATIC);
                if (lc_store_bind_location(w->store, w->step, 4, &steps[s].loc) != 0)
                    return -1;
                sqlite3_bind_text(w->step, 7, steps[s].message ? steps[s].message : "", -1, SQLITE_STATIC);
                if (lc_store_step_done(w->step) != 0)
                    return -1;
            }
        }
    }
    return 0;
}

int lc_store_save_results(struct lc_store *store, const struct lc_program *program, const struct lc_findings *findings,
                          FILE *err)
{
    struct results_writer w = { .store = store };
    pthread_mutex_lock(&store->mutex);
    int rc = lc_store_exec(store, "BEGIN IMMEDIATE; DELETE FROM registration; DELETE FROM color; DELETE FROM thread_role;"
                                  " DELETE FROM finding_step; DELETE FROM finding;"
                                  " DELETE FROM meta WHERE key IN ('results_key', 'results_summary')", err);
    if (rc == 0
        && (sqlite3_prepare_v2(store->db, "INSERT INTO registration(function_id, role, api, file_id, line, col)"
                                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &w.registration, NULL) != SQLITE_OK
            || sqlite3_prepare_v2(store->db, "INSERT INTO color(function_id, on_loop, on_worker, blocking,"
                                             " entry_points) VALUES (?1, ?2, ?3, ?4, ?5)"
                                             " ON CONFLICT(function_id) DO NOTHING", -1, &w.color, NULL) != SQLITE_OK
            || sqlite3_prepare_v2(store->db, "INSERT INTO thread_role(function_id, role, entry_id)"
                                             " VALUES (?1, ?2, ?3)", -1, &w.thread_role, NULL) != SQLITE_OK
            || sqlite3_prepare_v2(store->db, "INSERT INTO finding(rule, level, file_id, line, col, message, suppressed)"
                                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", -1, &w.finding, NULL) != SQLITE_OK
            || sqlite3_prepare_v2(store->db, "INSERT INTO finding_step(finding_id, seq, kind, file_id, line, col,"
                                             " message) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", -1, &w.step,
                                  NULL) != SQLITE_OK))
        rc = -1;
    if (rc == 0)
        rc = results_write(&w, program, findings);
    if (rc == 0)
        rc = lc_store_exec(store, "COMMIT", err);
    else
        fprintf(err, "loopcheck: %s: cannot store the results: %s\n", store->path, sqlite3_errmsg(store->db));
    if (rc != 0)
        sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_finalize(w.registration);
    sqlite3_finalize(w.color);
    sqlite3_finalize(w.thread_role);
    sqlite3_finalize(w.finding);
    sqlite3_finalize(w.step);
    pthread_mutex_unlock(&store->mutex);
    return rc;
}
