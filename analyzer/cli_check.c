/* cli_check.c — `loopcheck check`: analyse a build directory and report. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis.h"
#include "checks.h"
#include "cli.h"
#include "report.h"

static const char check_usage[] =
    "usage: loopcheck check -p BUILD_DIR [FILE...] [options]\n"
    "\n"
    "Find blocking calls and other work that stalls the event loop, in every\n"
    "translation unit of BUILD_DIR/compile_commands.json.\n"
    "\n"
    "  -p BUILD_DIR            directory holding compile_commands.json (required)\n"
    "  FILE...                 report only findings in these files (the whole\n"
    "                          program is still analysed)\n"
    "  -j, --jobs N            parse N translation units in parallel (default: cores)\n"
    "      --db PATH           the cache database (default: BUILD_DIR/loopcheck.db)\n"
    "  -f, --format FORMAT     text (default), json or sarif\n"
    "  -o, --output FILE       write the report to FILE instead of stdout\n"
    "      --rules FILE        load more models (repeatable; later files win)\n"
    "      --fail-on LEVEL     none, note, warning (default) or error: exit 1 when\n"
    "                          a finding at or above LEVEL is reported\n"
    "      --checks LIST       which checks run: check ids or patterns, each\n"
    "                          enabling, or with a leading '-' disabling, in\n"
    "                          order from all enabled (-*,blocking-call: that\n"
    "                          one only; -cpu-heavy-loop: all but that one)\n"
    "      --cpu-heavy-level N cost level cpu-heavy-loop reports (default 2: two\n"
    "                          nested data-dependent loops, or an expensive call)\n"
    "      --shard K/N         extract only slice K of N of the compile database\n"
    "                          (files sorted by path, every N-th from the K-th)\n"
    "                          into --db, without linking or checking; combine\n"
    "                          the shards with 'loopcheck merge'\n"
    "      --stats             print the time of each phase and the peak RSS\n"
    "  -h, --help              show this help\n"
    "\n"
    "Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage or\n"
    "input error (bad options, unreadable compile database, a TU that failed to\n"
    "parse, a rules file with errors).\n";

struct check_options {
    struct lc_analysis_options analysis;
    const char **rules;
    size_t rules_count;
    enum lc_format format;
    const char *output;
    enum lc_level fail_on;
    char **only_files;
    size_t only_count;
    int stats;
};

/* "K/N" with 1 <= K <= N; 0 or -1. */
static int check_parse_shard(const char *text, unsigned *index, unsigned *count)
{
    char *slash, *end;
    errno = 0;
    unsigned long k = strtoul(text, &slash, 10), n = 0;
    if (slash != text && *slash == '/' && slash[1] >= '0' && slash[1] <= '9')
        n = strtoul(slash + 1, &end, 10);
    if (errno || n == 0 || *end || k < 1 || k > n || n > 1000000)
        return -1;
    *index = (unsigned)k;
    *count = (unsigned)n;
    return 0;
}

static int check_usage_error(const char *message, const char *arg)
{
    fprintf(stderr, "loopcheck check: %s%s%s\n", message, arg ? ": " : "", arg ? arg : "");
    fprintf(stderr, "Try 'loopcheck check --help'.\n");
    return LC_EXIT_USAGE;
}

/* Returns -1 to go on, else an exit status. */
static int check_parse(int argc, char **argv, struct check_options *o)
{
    enum { OPT_DB = 256, OPT_RULES, OPT_FAIL_ON, OPT_CHECKS, OPT_CPU_LEVEL, OPT_SHARD, OPT_STATS };
    static const struct option long_options[] = {
        { "jobs", required_argument, NULL, 'j' },   { "db", required_argument, NULL, OPT_DB },
        { "format", required_argument, NULL, 'f' }, { "output", required_argument, NULL, 'o' },
        { "rules", required_argument, NULL, OPT_RULES }, { "fail-on", required_argument, NULL, OPT_FAIL_ON },
        { "checks", required_argument, NULL, OPT_CHECKS },
        { "cpu-heavy-level", required_argument, NULL, OPT_CPU_LEVEL },
        { "shard", required_argument, NULL, OPT_SHARD }, { "stats", no_argument, NULL, OPT_STATS },
        { "help", no_argument, NULL, 'h' },          { NULL, 0, NULL, 0 },
    };
    int c, value;
    char *end;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+p:j:f:o:h", long_options, NULL)) != -1) {
        switch (c) {
        case 'p': o->analysis.build_dir = optarg; break;
        case 'j':
            errno = 0;
            value = (int)strtol(optarg, &end, 10);
            if (errno || *end || value < 1 || value > 1024)
                return check_usage_error("-j needs a number from 1 to 1024", optarg);
            o->analysis.jobs = value;
            break;
        case OPT_DB: o->analysis.db_path = optarg; break;
        case 'f':
            if ((value = lc_format_parse(optarg)) < 0)
                return check_usage_error("unknown format (text, json, sarif)", optarg);
            o->format = (enum lc_format)value;
            break;
        case 'o': o->output = optarg; break;
        case OPT_RULES: o->rules[o->rules_count++] = optarg; break;
        case OPT_FAIL_ON:
            if ((value = lc_level_parse(optarg)) < 0)
                return check_usage_error("unknown level (none, note, warning, error)", optarg);
            o->fail_on = (enum lc_level)value;
            break;
        case OPT_CHECKS: {
            char *bad = NULL;
            if (lc_checks_parse_selection(optarg, &o->analysis.disabled_checks, &bad) != 0) {
                value = check_usage_error("--checks: no check matches", bad ? bad : optarg);
                free(bad);
                return value;
            }
            break;
        }
        case OPT_CPU_LEVEL:
            errno = 0;
            value = (int)strtol(optarg, &end, 10);
            if (errno || *end || value < 1 || value > 9)
                return check_usage_error("--cpu-heavy-level needs a number from 1 to 9", optarg);
            o->analysis.cpu_heavy_level = (unsigned)value;
            break;
        case OPT_SHARD:
            if (check_parse_shard(optarg, &o->analysis.shard_index, &o->analysis.shard_count) != 0)
                return check_usage_error("--shard needs K/N with 1 <= K <= N", optarg);
            break;
        case OPT_STATS: o->stats = 1; break;
        case 'h': fputs(check_usage, stdout); return LC_EXIT_CLEAN;
        case '?':
        default:
            return check_usage_error(optopt ? "option needs an argument or is unknown" : "unknown option",
                                     argv[optind - 1]);
        }
    }
    if (!o->analysis.build_dir)
        return check_usage_error("-p BUILD_DIR is required", NULL);
    o->only_files = argv + optind;
    o->only_count = (size_t)(argc - optind);
    if (o->analysis.shard_count && o->only_count)
        return check_usage_error("--shard reports nothing: FILE arguments make no sense with it", o->only_files[0]);
    o->analysis.rules_files = o->rules;
    o->analysis.rules_file_count = o->rules_count;
    return -1;
}

/* Keep only the findings located in the named files; 1 when a named file is
 * not a TU of the compile database. */
static int check_restrict(struct lc_analysis *analysis, char **files, size_t count)
{
    if (count == 0)
        return 0;
    int bad = 0;
    char **wanted = calloc(count, sizeof *wanted);
    for (size_t i = 0; wanted && i < count; i++) {
        wanted[i] = realpath(files[i], NULL);
        int known = 0;
        for (size_t t = 0; wanted[i] && t < analysis->compdb.count && !known; t++)
            known = strcmp(analysis->compdb.commands[t].file, wanted[i]) == 0;
        if (!known) {
            fprintf(stderr, "loopcheck: %s: not in the compile database\n", files[i]);
            bad = 1;
        }
    }
    struct lc_findings *findings = &analysis->findings;
    size_t kept = 0;
    analysis->stats.findings = analysis->stats.suppressed = 0;
    for (size_t f = 0; wanted && f < findings->count; f++) {
        int keep = 0;
        for (size_t i = 0; i < count && !keep; i++)
            keep = wanted[i] && findings->items[f].loc.file && strcmp(findings->items[f].loc.file, wanted[i]) == 0;
        if (!keep)
            continue;
        findings->items[kept++] = findings->items[f];
        if (findings->items[f].suppressed)
            analysis->stats.suppressed++;
        else
            analysis->stats.findings++;
    }
    findings->count = kept;
    for (size_t i = 0; wanted && i < count; i++)
        free(wanted[i]);
    free(wanted);
    return bad;
}

static int check_write_report(const struct check_options *o, const struct lc_analysis *analysis)
{
    FILE *out = o->output ? fopen(o->output, "w") : stdout;
    if (!out) {
        fprintf(stderr, "loopcheck: %s: %s\n", o->output, strerror(errno));
        return -1;
    }
    char cwd[PATH_MAX];
    struct lc_report_options report = {
        .base_dir = getcwd(cwd, sizeof cwd) ? cwd : NULL,
        .tool_version = LOOPCHECK_VERSION,
    };
    int rc = lc_report_write(o->format, out, &analysis->findings, &report);
    if (o->output && fclose(out) != 0)
        rc = -1;
    else if (!o->output && fflush(out) != 0)
        rc = -1;
    if (rc != 0)
        fprintf(stderr, "loopcheck: cannot write the report%s%s\n", o->output ? " to " : "", o->output ? o->output : "");
    return rc;
}

static void check_print_summary(const struct lc_analysis_stats *s)
{
    fprintf(stderr,
            "loopcheck: %zu TUs (%zu parsed, %zu reused, %zu failed), %u functions, %u calls, %u entry points,"
            " %zu findings (%zu suppressed), %.2f s\n",
            s->tus, s->parsed, s->reused, s->failed, s->functions, s->calls, s->entry_points, s->findings,
            s->suppressed, s->seconds);
}

int lc_cli_check(int argc, char **argv)
{
    struct check_options o = { .format = LC_FORMAT_TEXT, .fail_on = LC_LEVEL_WARNING };
    o.analysis.err = stderr;
    o.analysis.reuse_results = 1;
    o.rules = calloc((size_t)argc + 1, sizeof *o.rules);
    if (!o.rules)
        return LC_EXIT_USAGE;
    int status = check_parse(argc, argv, &o);
    if (status >= 0) {
        free(o.rules);
        return status;
    }
    struct lc_analysis analysis;
    int rc = lc_analysis_run(&analysis, &o.analysis);
    if (rc < 0) {
        lc_analysis_free(&analysis);
        free(o.rules);
        return LC_EXIT_USAGE;
    }
    if (o.stats)
        lc_analysis_print_stats(&analysis.stats, stderr);
    if (o.analysis.shard_count) {
        const struct lc_analysis_stats *s = &analysis.stats;
        fprintf(stderr, "loopcheck: shard %u/%u: %zu of %zu TUs (%zu parsed, %zu reused, %zu failed) stored in %s,"
                        " %.2f s; combine the shards with 'loopcheck merge'\n", o.analysis.shard_index,
                o.analysis.shard_count, s->tus, s->shard_of, s->parsed, s->reused, s->failed,
                lc_store_path(analysis.store), s->seconds);
        lc_analysis_free(&analysis);
        free(o.rules);
        return rc > 0 ? LC_EXIT_USAGE : LC_EXIT_CLEAN;
    }
    int bad_input = rc > 0 || check_restrict(&analysis, o.only_files, o.only_count);
    if (check_write_report(&o, &analysis) != 0)
        bad_input = 1;
    check_print_summary(&analysis.stats);
    int failing = 0;
    for (size_t i = 0; i < analysis.findings.count && o.fail_on != LC_LEVEL_NONE; i++)
        failing |= !analysis.findings.items[i].suppressed && analysis.findings.items[i].level >= o.fail_on;
    lc_analysis_free(&analysis);
    free(o.rules);
    return bad_input ? LC_EXIT_USAGE : failing ? LC_EXIT_FINDINGS : LC_EXIT_CLEAN;
}
