/* cli_merge.c — `loopcheck merge`: combine the databases of sharded
 * extraction runs (`loopcheck check --shard K/N`) into one database that
 * `loopcheck check --db` then links and checks without parsing again. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cli.h"
#include "store_merge.h"

static const char merge_usage[] =
    "usage: loopcheck merge --db OUT SHARD.db...\n"
    "\n"
    "Combine the databases written by 'loopcheck check --shard K/N --db SHARD.db'\n"
    "(one per slice of the compile database, on as many machines as you like)\n"
    "into OUT. Then 'loopcheck check -p BUILD_DIR --db OUT' links and checks the\n"
    "whole program: every TU whose files and flags are unchanged is reused, so\n"
    "it reports exactly what a single run over all TUs reports.\n"
    "\n"
    "  --db OUT      the database to write (created when missing; a loopcheck\n"
    "                database that exists keeps what it holds)\n"
    "  -h, --help    show this help\n"
    "\n"
    "Files and symbols are matched by path and USR; a TU found in two shards\n"
    "(or already in OUT) is kept once. Each shard is merged in one transaction:\n"
    "a shard that is missing, is not a loopcheck database, or was written by\n"
    "another schema version is reported and left out.\n"
    "\n"
    "Exit status: 0 every shard merged, 2 usage or input error.\n";

static int merge_usage_error(const char *message, const char *arg)
{
    fprintf(stderr, "loopcheck merge: %s%s%s\n", message, arg ? ": " : "", arg ? arg : "");
    fprintf(stderr, "Try 'loopcheck merge --help'.\n");
    return LC_EXIT_USAGE;
}

static double merge_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int lc_cli_merge(int argc, char **argv)
{
    enum { OPT_DB = 256 };
    static const struct option long_options[] = {
        { "db", required_argument, NULL, OPT_DB }, { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
    };
    const char *out_path = NULL;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+h", long_options, NULL)) != -1) {
        switch (c) {
        case OPT_DB: out_path = optarg; break;
        case 'h': fputs(merge_usage, stdout); return LC_EXIT_CLEAN;
        default: return merge_usage_error("option needs an argument or is unknown", argv[optind - 1]);
        }
    }
    if (!out_path)
        return merge_usage_error("--db OUT is required", NULL);
    if (optind == argc)
        return merge_usage_error("name at least one shard database", NULL);
    double start = merge_now();
    struct lc_store *store = lc_store_open(out_path, stderr);
    if (!store)
        return LC_EXIT_USAGE;
    size_t merged = 0, added = 0, skipped = 0;
    for (int i = optind; i < argc; i++) {
        size_t shard_added, shard_skipped;
        if (lc_store_merge(store, argv[i], &shard_added, &shard_skipped, stderr) != 0)
            continue;
        merged++;
        added += shard_added;
        skipped += shard_skipped;
    }
    lc_store_close(store);
    size_t shards = (size_t)(argc - optind);
    fprintf(stderr, "loopcheck: merged %zu of %zu shards into %s: %zu TUs added, %zu already there, %.2f s\n",
            merged, shards, out_path, added, skipped, merge_now() - start);
    return merged == shards ? LC_EXIT_CLEAN : LC_EXIT_USAGE;
}
