/* report_json.c — findings as one JSON object (via jansson):
 *   {"version": TOOL-VERSION,
 *    "findings": [{"rule", "level", "file", "line", "column", "message",
 *                  "suppressed", "chain": [STEP...], "related": [STEP...]}],
 *    "counts": {"findings": N, "suppressed": M, "by_rule": {RULE-ID: n}}}
 * where a STEP is {"file", "line", "column", "message"}.  Suppressed findings
 * are listed with "suppressed": true; "findings" and "by_rule" count only the
 * others.  Paths are relative to the base directory when under it. */
#include "report.h"
#include "report_shared.h"

#include <jansson.h>

static json_t *json_step(const struct lc_step *step, const char *base_dir)
{
    return json_pack("{s:s?, s:I, s:I, s:s?}",
                     "file", lc_report_display_path(step->loc.file, base_dir),
                     "line", (json_int_t)step->loc.line,
                     "column", (json_int_t)step->loc.col,
                     "message", step->message);
}

static json_t *json_steps(const struct lc_step *steps, size_t count,
                          const char *base_dir)
{
    json_t *array = json_array();
    for (size_t i = 0; array && i < count; i++) {
        if (json_array_append_new(array, json_step(&steps[i], base_dir))) {
            json_decref(array);
            return NULL;
        }
    }
    return array;
}

static json_t *json_finding(const struct lc_finding *finding,
                            const char *base_dir)
{
    return json_pack(
        "{s:s?, s:s, s:s?, s:I, s:I, s:s?, s:b, s:o, s:o}",
        "rule", finding->rule_id,
        "level", lc_level_name(finding->level),
        "file", lc_report_display_path(finding->loc.file, base_dir),
        "line", (json_int_t)finding->loc.line,
        "column", (json_int_t)finding->loc.col,
        "message", finding->message,
        "suppressed", finding->suppressed != 0,
        "chain", json_steps(finding->chain, finding->chain_count, base_dir),
        "related", json_steps(finding->related, finding->related_count,
                              base_dir));
}

/* Add one to by_rule[rule_id]; 0, or -1 when memory runs out. */
static int json_count_rule(json_t *by_rule, const char *rule_id)
{
    json_t *count = json_object_get(by_rule, rule_id);
    if (count)
        return json_integer_set(count, json_integer_value(count) + 1);
    return json_object_set_new(by_rule, rule_id, json_integer(1));
}

static json_t *json_counts(const struct lc_findings *findings)
{
    json_t *by_rule = json_object();
    json_int_t reported = 0, suppressed = 0;
    for (size_t i = 0; by_rule && i < findings->count; i++) {
        const struct lc_finding *finding = &findings->items[i];
        if (finding->suppressed) {
            suppressed++;
            continue;
        }
        reported++;
        if (finding->rule_id && json_count_rule(by_rule, finding->rule_id)) {
            json_decref(by_rule);
            return NULL;
        }
    }
    return json_pack("{s:I, s:I, s:o}", "findings", reported,
                     "suppressed", suppressed, "by_rule", by_rule);
}

static json_t *json_report(const struct lc_findings *findings,
                           const struct lc_report_options *options)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < findings->count; i++) {
        if (json_array_append_new(
                list, json_finding(&findings->items[i], options->base_dir))) {
            json_decref(list);
            return NULL;
        }
    }
    return json_pack("{s:s?, s:o, s:o}", "version", options->tool_version,
                     "findings", list, "counts", json_counts(findings));
}

int lc_report_write_json(FILE *out, const struct lc_findings *findings,
                         const struct lc_report_options *options)
{
    const struct lc_report_options no_options = { 0 };
    json_t *report = json_report(findings, options ? options : &no_options);
    if (!report)
        return -1;
    int failed = json_dumpf(report, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(report);
    if (failed || fputc('\n', out) == EOF || fflush(out) != 0 || ferror(out))
        return -1;
    return 0;
}
