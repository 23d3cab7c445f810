/* diagnostics.c — findings to LSP diagnostics (diagnostics.h). */
#include "diagnostics.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "checks.h"

enum { SEVERITY_ERROR = 1, SEVERITY_WARNING = 2, SEVERITY_INFORMATION = 3, SEVERITY_HINT = 4 };

char **lc_lsp_rule_doc_uris(void)
{
    char **uris = calloc(lc_check_count + 1, sizeof *uris);
    char *rules_dir = strdup(lc_default_rules_dir());
    if (!uris || !rules_dir) {
        free(uris);
        free(rules_dir);
        return NULL;
    }
    char *slash = strrchr(rules_dir, '/');
    if (slash)
        *slash = '\0';
    for (size_t i = 0; i < lc_check_count; i++) {
        char *candidate = NULL, *resolved = NULL;
        if (lc_checks[i]->doc && asprintf(&candidate, "%s/%s", slash ? rules_dir : ".", lc_checks[i]->doc) >= 0)
            resolved = realpath(candidate, NULL);
        if (resolved)
            uris[i] = lc_lsp_path_to_uri(resolved);
        free(candidate);
        free(resolved);
    }
    free(rules_dir);
    return uris;
}

void lc_lsp_rule_doc_uris_free(char **uris)
{
    for (size_t i = 0; uris && i < lc_check_count; i++)
        free(uris[i]);
    free(uris);
}

static int diagnostics_severity(enum lc_level level)
{
    switch (level) {
    case LC_LEVEL_ERROR: return SEVERITY_ERROR;
    case LC_LEVEL_WARNING: return SEVERITY_WARNING;
    case LC_LEVEL_NOTE: return SEVERITY_INFORMATION;
    case LC_LEVEL_NONE: break;
    }
    return SEVERITY_HINT;
}

static json_t *diagnostics_related(const struct lc_step *steps, size_t count, struct lc_lsp_text_cache *texts,
                                   json_t *into)
{
    for (size_t i = 0; into && i < count; i++) {
        json_t *entry = json_pack("{s:o, s:s}", "location", lc_lsp_location_json(texts, &steps[i].loc), "message",
                                  steps[i].message ? steps[i].message : "");
        if (json_array_append_new(into, entry) != 0) {
            json_decref(into);
            return NULL;
        }
    }
    return into;
}

static json_t *diagnostics_of_finding(const struct lc_finding *finding, struct lc_lsp_text_cache *texts,
                                      char *const *doc_uris)
{
    json_t *related = diagnostics_related(finding->chain, finding->chain_count, texts, json_array());
    related = diagnostics_related(finding->related, finding->related_count, texts, related);
    json_t *diagnostic = json_pack("{s:o, s:i, s:s, s:s, s:s, s:o}", "range",
                                   lc_lsp_range_json(texts, &finding->loc), "severity",
                                   diagnostics_severity(finding->level), "code", finding->rule_id, "source",
                                   "loopcheck", "message", finding->message ? finding->message : "",
                                   "relatedInformation", related);
    for (size_t i = 0; diagnostic && doc_uris && i < lc_check_count; i++)
        if (doc_uris[i] && strcmp(lc_checks[i]->id, finding->rule_id) == 0)
            json_object_set_new(diagnostic, "codeDescription", json_pack("{s:s}", "href", doc_uris[i]));
    return diagnostic;
}

/* Split "file:line:col: error: text" into its location (line 0 when it
 * has none) and text. */
static void diagnostics_split_error(const char *error, struct lc_location *loc, char *file, size_t size,
                                    const char **text)
{
    memset(loc, 0, sizeof *loc);
    *text = error;
    const char *marker = strstr(error, ": error: ");
    if (!marker)
        return;
    *text = marker + 2;
    size_t length = (size_t)(marker - error);
    if (length >= size)
        return;
    memcpy(file, error, length);
    file[length] = '\0';
    char *col = strrchr(file, ':');
    char *line = col ? memrchr(file, ':', (size_t)(col - file)) : NULL;
    char *end_line, *end_col;
    unsigned long l = line ? strtoul(line + 1, &end_line, 10) : 0, c = col ? strtoul(col + 1, &end_col, 10) : 0;
    if (line && end_line == col && *end_col == '\0' && l > 0 && c > 0) {
        *line = '\0';
        loc->line = (unsigned)l;
        loc->col = (unsigned)c;
    }
    loc->file = file;
}

static json_t *diagnostics_parse_error(const struct lc_lsp_file_notes *notes, const char *path,
                                       struct lc_lsp_text_cache *texts)
{
    char file[PATH_MAX];
    struct lc_location loc;
    const char *text;
    diagnostics_split_error(notes->parse_error, &loc, file, sizeof file, &text);
    int here = loc.file && loc.line > 0 && strcmp(loc.file, path) == 0;
    struct lc_location at = { path, here ? loc.line : 1, here ? loc.col : 1 };
    const char *why = notes->parse_error_kept_findings
        ? "loopcheck cannot parse the unsaved text (the findings shown are from the last text that parsed)"
        : "loopcheck cannot parse this file, so its functions are left out of the analysis";
    json_t *message = here ? json_sprintf("%s: %s", why, text) : json_sprintf("%s: %s", why, notes->parse_error);
    return json_pack("{s:o, s:i, s:s, s:o}", "range", lc_lsp_range_json(texts, &at), "severity", SEVERITY_ERROR,
                     "source", "loopcheck", "message", message);
}

static json_t *diagnostics_outside(const struct lc_lsp_file_notes *notes, const char *path,
                                   struct lc_lsp_text_cache *texts)
{
    struct lc_location at = { path, 1, 1 };
    return json_pack("{s:o, s:i, s:s, s:o}", "range", lc_lsp_range_json(texts, &at), "severity",
                     SEVERITY_INFORMATION, "source", "loopcheck", "message",
                     json_sprintf("loopcheck: this file is not in %s and no analysed translation unit "
                                  "uses it, so it is not checked", notes->outside_compdb));
}

json_t *lc_lsp_diagnostics_for_file(const struct lc_findings *findings, const char *path,
                                    struct lc_lsp_text_cache *texts, char *const *doc_uris,
                                    const struct lc_lsp_file_notes *notes)
{
    json_t *diagnostics = json_array();
    if (diagnostics && notes && notes->parse_error)
        json_array_append_new(diagnostics, diagnostics_parse_error(notes, path, texts));
    if (diagnostics && notes && notes->outside_compdb)
        json_array_append_new(diagnostics, diagnostics_outside(notes, path, texts));
    for (size_t i = 0; diagnostics && findings && i < findings->count; i++) {
        const struct lc_finding *finding = &findings->items[i];
        if (finding->suppressed || !finding->loc.file || strcmp(finding->loc.file, path) != 0)
            continue;
        if (json_array_append_new(diagnostics, diagnostics_of_finding(finding, texts, doc_uris)) != 0) {
            json_decref(diagnostics);
            return NULL;
        }
    }
    return diagnostics;
}
