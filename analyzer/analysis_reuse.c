/* analysis_reuse.c — a run that changes nothing reports what the last one
 * did.  When no TU was parsed again, the stored results carry a key (see
 * analysis_results_key) equal to this run's, so the findings and the
 * summary are read from the store and linking, coloring and the checks are
 * skipped.  The key hashes loopcheck's version and its executable (size and
 * modification time: a rebuilt loopcheck computes afresh), the options that
 * change findings, every rules file (the shipped directory, the project's
 * .loopcheck, each --rules) and the stored TUs (lc_store_tu_fingerprint:
 * any TU parsed again, added or removed changes it); the findings' source
 * lines, suppression comments included, are inputs of those TUs. */
#include "analysis.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hash.h"
#include "store_reuse.h"

/* Hash a file's name and content into *hash; 0, or -1 when unreadable or
 * not a regular file (lc_hash_file). */
static int reuse_hash_file(const char *path, uint64_t *hash)
{
    *hash = lc_hash_fnv1a64(path, strlen(path) + 1, *hash);
    return lc_hash_file(path, hash);
}

static int reuse_compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.rules file of the shipped directory, in name order. */
static int reuse_hash_rules_dir(const char *dir, uint64_t *hash)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    char **names = NULL;
    size_t count = 0;
    int rc = 0;
    for (struct dirent *entry; rc == 0 && (entry = readdir(d));) {
        size_t length = strlen(entry->d_name);
        if (length < 7 || strcmp(entry->d_name + length - 6, ".rules") != 0)
            continue;
        char **grown = realloc(names, (count + 1) * sizeof *names);
        if (!grown || asprintf(&grown[count], "%s/%s", dir, entry->d_name) < 0)
            rc = -1;
        else
            count++;
        if (grown)
            names = grown;
    }
    closedir(d);
    if (names)
        qsort(names, count, sizeof *names, reuse_compare_names);
    for (size_t i = 0; i < count; i++) {
        if (rc == 0)
            rc = reuse_hash_file(names[i], hash);
        free(names[i]);
    }
    free(names);
    return rc;
}

int lc_analysis_results_key(const struct lc_analysis_options *options, struct lc_store *store, uint64_t *key)
{
    uint64_t hash = LC_HASH_FNV1A64_INIT, tus;
    struct stat exe;
    if (stat("/proc/self/exe", &exe) != 0)
        return -1;
    char settings[240];
    snprintf(settings, sizeof settings, "loopcheck %s %lld %lld.%09ld schema %d cpu-heavy-level %u checks-off %x",
             LOOPCHECK_VERSION, (long long)exe.st_size, (long long)exe.st_mtim.tv_sec, exe.st_mtim.tv_nsec,
             LC_STORE_SCHEMA_VERSION, options->cpu_heavy_level, (unsigned)options->disabled_checks);
    hash = lc_hash_fnv1a64(settings, strlen(settings), hash);
    if (reuse_hash_rules_dir(lc_default_rules_dir(), &hash) != 0)
        return -1;
    char *project = lc_project_rules_file(options->build_dir);
    int rc = project ? reuse_hash_file(project, &hash) : 0;
    free(project);
    for (size_t i = 0; rc == 0 && i < options->rules_file_count; i++)
        rc = reuse_hash_file(options->rules_files[i], &hash);
    if (rc != 0 || lc_store_tu_fingerprint(store, &tus) != 0)
        return -1;
    *key = lc_hash_fnv1a64(&tus, sizeof tus, hash);
    return 0;
}

int lc_analysis_reuse_results(struct lc_analysis *analysis, uint64_t key, FILE *err)
{
    uint64_t stamped;
    char *summary = NULL;
    struct lc_analysis_stats *stats = &analysis->stats;
    if (lc_store_results_stamp(analysis->store, &stamped, &summary) != 1 || stamped != key
        || sscanf(summary, "%u %u %u %u", &stats->functions, &stats->calls, &stats->entry_points,
                  &stats->cut_pointers) != 4) {
        free(summary);
        return 0;
    }
    free(summary);
    if (lc_store_load_findings(analysis->store, &analysis->findings, err) != 0)
        return -1;
    stats->suppressed = 0;
    for (size_t i = 0; i < analysis->findings.count; i++)
        stats->suppressed += analysis->findings.items[i].suppressed != 0;
    stats->findings = analysis->findings.count - stats->suppressed;
    stats->results_reused = 1;
    return 1;
}

int lc_analysis_stamp_results(struct lc_analysis *analysis, uint64_t key, FILE *err)
{
    char summary[64];
    const struct lc_analysis_stats *stats = &analysis->stats;
    snprintf(summary, sizeof summary, "%u %u %u %u", stats->functions, stats->calls, stats->entry_points,
             stats->cut_pointers);
    return lc_store_stamp_results(analysis->store, key, summary, err);
}
