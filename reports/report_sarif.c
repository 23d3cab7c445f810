/* report_sarif.c — findings as SARIF 2.1.0 (via jansson), the format GitHub
 * code scanning and IDE viewers read: one run whose tool.driver.rules lists
 * every check of lc_checks[], one result per finding with its primary
 * location, the chain as a codeFlow, the related locations, a fingerprint
 * that survives edits elsewhere in the file, and a `suppressions` entry for
 * findings silenced by a `loopcheck: ignore` comment.  Files under the base
 * directory are given relative to the base id SRCROOT. */
#include "report.h"
#include "report_shared.h"

#include <ctype.h>
#include <inttypes.h>
#include <jansson.h>
#include <string.h>

#include "hash.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define SARIF_VERSION "2.1.0"
#define SARIF_SRCROOT "SRCROOT"
#define SARIF_FINGERPRINT "loopcheck/v1"

/* What one write needs besides the findings. */
struct sarif_writer {
    const struct lc_report_options *options;
    struct lc_arena arena;              /* strings built for this report */
    struct lc_report_sources sources;   /* lines read for fingerprints */
    struct lc_strmap occurrences;       /* fingerprint hash -> times seen */
};

static const char *sarif_text(const char *text)
{
    return text ? text : "";
}

/* "blocking-call" -> "BlockingCall". */
static char *sarif_rule_name(struct lc_arena *arena, const char *id)
{
    char *name = lc_arena_alloc(arena, strlen(id) + 1);
    if (!name)
        return NULL;
    char *q = name;
    int word_start = 1;
    for (const char *p = id; *p; p++) {
        if (*p == '-' || *p == '_' || *p == ' ') {
            word_start = 1;
            continue;
        }
        *q++ = word_start ? (char)toupper((unsigned char)*p) : *p;
        word_start = 0;
    }
    return name;
}

static const char *sarif_help_uri(struct sarif_writer *writer,
                                  const struct lc_check *check)
{
    const char *base = writer->options->docs_base_uri;
    if (!base || !*base || !check->doc)
        return NULL;
    size_t length = strlen(base);
    const char *slash = base[length - 1] == '/' || check->doc[0] == '/' ? "" : "/";
    return lc_arena_printf(&writer->arena, "%s%s%s", base, slash, check->doc);
}

static json_t *sarif_rule(struct sarif_writer *writer,
                          const struct lc_check *check)
{
    const char *name = sarif_rule_name(&writer->arena, check->id);
    if (!name)
        return NULL;
    const char *help = sarif_text(check->help);
    return json_pack(
        "{s:s, s:s, s:{s:s}, s:{s:s}, s:{s:s, s:s}, s:s*, s:{s:s}}",
        "id", check->id, "name", name,
        "shortDescription", "text", sarif_text(check->short_description),
        "fullDescription", "text", sarif_text(check->full_description),
        "help", "text", help, "markdown", help,
        "helpUri", sarif_help_uri(writer, check),
        "defaultConfiguration", "level", lc_level_name(check->level));
}

static json_t *sarif_driver(struct sarif_writer *writer)
{
    json_t *rules = json_array();
    for (size_t i = 0; rules && i < lc_check_count; i++) {
        if (json_array_append_new(rules, sarif_rule(writer, lc_checks[i]))) {
            json_decref(rules);
            return NULL;
        }
    }
    const struct lc_report_options *options = writer->options;
    return json_pack("{s:s, s:s*, s:s*, s:s*, s:o}", "name", "loopcheck",
                     "version", options->tool_version,
                     "semanticVersion", options->tool_version,
                     "informationUri", options->docs_base_uri, "rules", rules);
}

static json_t *sarif_artifact_location(struct sarif_writer *writer,
                                       const char *file)
{
    const char *shown = lc_report_display_path(file, writer->options->base_dir);
    if (shown != file)
        return json_pack("{s:s, s:s}",
                         "uri", lc_report_uri_encode_path(&writer->arena, shown),
                         "uriBaseId", SARIF_SRCROOT);
    const char *uri = file[0] == '/'
                          ? lc_report_file_uri(&writer->arena, file, 0)
                          : lc_report_uri_encode_path(&writer->arena, file);
    return uri ? json_pack("{s:s}", "uri", uri) : NULL;
}

static json_t *sarif_physical_location(struct sarif_writer *writer,
                                       const struct lc_location *loc)
{
    json_t *artifact = sarif_artifact_location(writer, sarif_text(loc->file));
    if (loc->line == 0)
        return json_pack("{s:o}", "artifactLocation", artifact);
    json_t *region = json_pack(
        "{s:I, s:o*}", "startLine", (json_int_t)loc->line, "startColumn",
        loc->col ? json_integer((json_int_t)loc->col) : NULL);
    return json_pack("{s:o, s:o}", "artifactLocation", artifact,
                     "region", region);
}

/* A location; `id` 0 and `message` NULL leave those fields out. */
static json_t *sarif_location(struct sarif_writer *writer,
                              const struct lc_location *loc, size_t id,
                              const char *message)
{
    return json_pack("{s:o*, s:o, s:o*}",
                     "id", id ? json_integer((json_int_t)id) : NULL,
                     "physicalLocation", sarif_physical_location(writer, loc),
                     "message",
                     message ? json_pack("{s:s}", "text", message) : NULL);
}

static json_t *sarif_code_flows(struct sarif_writer *writer,
                                const struct lc_finding *finding)
{
    json_t *steps = json_array();
    for (size_t i = 0; steps && i < finding->chain_count; i++) {
        const struct lc_step *step = &finding->chain[i];
        json_t *location = json_pack(
            "{s:o, s:I}", "location",
            sarif_location(writer, &step->loc, 0, sarif_text(step->message)),
            "executionOrder", (json_int_t)(i + 1));
        if (json_array_append_new(steps, location)) {
            json_decref(steps);
            return NULL;
        }
    }
    return json_pack("[{s:[{s:o}]}]", "threadFlows", "locations", steps);
}

static json_t *sarif_related_locations(struct sarif_writer *writer,
                                       const struct lc_finding *finding)
{
    json_t *related = json_array();
    for (size_t i = 0; related && i < finding->related_count; i++) {
        const struct lc_step *step = &finding->related[i];
        if (json_array_append_new(
                related, sarif_location(writer, &step->loc, i + 1,
                                        sarif_text(step->message)))) {
            json_decref(related);
            return NULL;
        }
    }
    return related;
}

/* FNV-1a of rule id, shown path and the trimmed text of the primary line,
 * then ":n" for the n-th finding with that hash: moving lines above the
 * finding does not change it. */
static const char *sarif_fingerprint(struct sarif_writer *writer,
                                     const struct lc_finding *finding)
{
    const char *rule = sarif_text(finding->rule_id);
    const char *path = sarif_text(
        lc_report_display_path(finding->loc.file, writer->options->base_dir));
    size_t length = 0;
    const char *line = lc_report_sources_line(
        &writer->sources, finding->loc.file, finding->loc.line, &length);
    if (!line)
        line = "";
    while (length > 0 && isspace((unsigned char)*line))
        line++, length--;
    while (length > 0 && isspace((unsigned char)line[length - 1]))
        length--;
    uint64_t hash = lc_hash_fnv1a64(rule, strlen(rule) + 1, LC_HASH_FNV1A64_INIT);
    hash = lc_hash_fnv1a64(path, strlen(path) + 1, hash);
    hash = lc_hash_fnv1a64(line, length, hash);
    char *key = lc_arena_printf(&writer->arena, "%016" PRIx64, hash);
    if (!key)
        return NULL;
    uint32_t seen = lc_strmap_get(&writer->occurrences, key);
    seen = seen == LC_STRMAP_MISSING ? 1 : seen + 1;
    if (lc_strmap_put(&writer->occurrences, key, seen))
        return NULL;
    return lc_arena_printf(&writer->arena, "%s:%" PRIu32, key, seen);
}

/* Index of the rule in lc_checks[] (and so in tool.driver.rules), or -1. */
static json_int_t sarif_rule_index(const char *rule_id)
{
    for (size_t i = 0; rule_id && i < lc_check_count; i++)
        if (strcmp(lc_checks[i]->id, rule_id) == 0)
            return (json_int_t)i;
    return -1;
}

/* Add the members of a result that depend on its chain, related places,
 * source line and suppression; 0, or -1 when memory runs out. */
static int sarif_result_extras(struct sarif_writer *writer, json_t *result,
                               const struct lc_finding *finding)
{
    if (finding->chain_count &&
        json_object_set_new(result, "codeFlows",
                            sarif_code_flows(writer, finding)))
        return -1;
    if (finding->related_count &&
        json_object_set_new(result, "relatedLocations",
                            sarif_related_locations(writer, finding)))
        return -1;
    const char *fingerprint = sarif_fingerprint(writer, finding);
    if (!fingerprint ||
        json_object_set_new(result, "partialFingerprints",
                            json_pack("{s:s}", SARIF_FINGERPRINT, fingerprint)))
        return -1;
    if (finding->suppressed &&
        json_object_set_new(
            result, "suppressions",
            json_pack("[{s:s, s:s}]", "kind", "inSource", "justification",
                      "loopcheck: ignore comment")))
        return -1;
    return 0;
}

static json_t *sarif_result(struct sarif_writer *writer,
                            const struct lc_finding *finding)
{
    json_int_t rule_index = sarif_rule_index(finding->rule_id);
    json_t *index = rule_index >= 0 ? json_integer(rule_index) : NULL;
    if (rule_index >= 0 && !index)
        return NULL;
    json_t *result = json_pack(
        "{s:s, s:o*, s:s, s:{s:s}, s:[o]}", "ruleId",
        sarif_text(finding->rule_id), "ruleIndex", index, "level",
        lc_level_name(finding->level), "message", "text",
        sarif_text(finding->message), "locations",
        sarif_location(writer, &finding->loc, 0, NULL));
    if (result && sarif_result_extras(writer, result, finding)) {
        json_decref(result);
        return NULL;
    }
    return result;
}

/* {"SRCROOT": {"uri": "file:///base/dir/"}} */
static json_t *sarif_base_ids(struct sarif_writer *writer, const char *base_dir)
{
    const char *base_uri = lc_report_file_uri(&writer->arena, base_dir, 1);
    return base_uri ? json_pack("{s:{s:s}}", SARIF_SRCROOT, "uri", base_uri)
                    : NULL;
}

static json_t *sarif_run(struct sarif_writer *writer,
                         const struct lc_findings *findings)
{
    json_t *results = json_array();
    for (size_t i = 0; results && i < findings->count; i++) {
        if (json_array_append_new(results,
                                  sarif_result(writer, &findings->items[i]))) {
            json_decref(results);
            return NULL;
        }
    }
    json_t *run = json_pack("{s:{s:o}}", "tool", "driver", sarif_driver(writer));
    const char *base_dir = writer->options->base_dir;
    if (run && base_dir && *base_dir &&
        json_object_set_new(run, "originalUriBaseIds",
                            sarif_base_ids(writer, base_dir))) {
        json_decref(run);
        run = NULL;
    }
    if (json_object_set_new(run, "results", results)) {
        json_decref(run);
        return NULL;
    }
    return run;
}

int lc_report_write_sarif(FILE *out, const struct lc_findings *findings,
                          const struct lc_report_options *options)
{
    const struct lc_report_options no_options = { 0 };
    struct sarif_writer writer = { .options = options ? options : &no_options };
    lc_arena_init(&writer.arena);
    lc_report_sources_init(&writer.sources);
    lc_strmap_init(&writer.occurrences);
    json_t *log = json_pack("{s:s, s:s, s:[o]}", "$schema", SARIF_SCHEMA,
                            "version", SARIF_VERSION, "runs",
                            sarif_run(&writer, findings));
    int failed = !log ||
                 json_dumpf(log, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) ||
                 fputc('\n', out) == EOF || fflush(out) != 0 || ferror(out);
    json_decref(log);
    lc_strmap_free(&writer.occurrences);
    lc_report_sources_free(&writer.sources);
    lc_arena_free(&writer.arena);
    return failed ? -1 : 0;
}
