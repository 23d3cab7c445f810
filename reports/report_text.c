/* report_text.c — compiler-style text: for each finding that is not
 * suppressed, `path:line:col: warning: message [rule-id]`, then one
 * `note:` line per step of its chain and per related location, so editors
 * and CI log matchers pick the findings up as they would a compiler's. */
#include "report.h"
#include "report_shared.h"

/* Compiler-style tools know "error", "warning" and "note"; a finding of
 * level none is shown as a note. */
static const char *text_level_name(enum lc_level level)
{
    return level == LC_LEVEL_NONE ? "note" : lc_level_name(level);
}

static int text_write_line(FILE *out, const struct lc_location *loc,
                           const char *level, const char *message,
                           const char *rule_id,
                           const struct lc_report_options *options)
{
    const char *path = lc_report_display_path(loc->file, options->base_dir);
    int written = fprintf(out, "%s:%u:%u: %s: %s", path ? path : "<unknown>",
                          loc->line, loc->col, level, message ? message : "");
    if (written >= 0 && rule_id)
        written = fprintf(out, " [%s]", rule_id);
    if (written >= 0)
        written = fputc('\n', out);
    return written < 0 ? -1 : 0;
}

static int text_write_finding(FILE *out, const struct lc_finding *finding,
                              const struct lc_report_options *options)
{
    if (text_write_line(out, &finding->loc, text_level_name(finding->level),
                        finding->message, finding->rule_id, options))
        return -1;
    for (size_t i = 0; i < finding->chain_count; i++)
        if (text_write_line(out, &finding->chain[i].loc, "note",
                            finding->chain[i].message, NULL, options))
            return -1;
    for (size_t i = 0; i < finding->related_count; i++)
        if (text_write_line(out, &finding->related[i].loc, "note",
                            finding->related[i].message, NULL, options))
            return -1;
    return 0;
}

int lc_report_write_text(FILE *out, const struct lc_findings *findings,
                         const struct lc_report_options *options)
{
    const struct lc_report_options no_options = { 0 };
    if (!options)
        options = &no_options;
    for (size_t i = 0; i < findings->count; i++) {
        if (findings->items[i].suppressed)
            continue;
        if (text_write_finding(out, &findings->items[i], options))
            return -1;
    }
    return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}
