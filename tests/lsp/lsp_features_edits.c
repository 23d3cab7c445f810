/* lsp_features_edits.c — the feature test's edits: the code actions
 * offered for a finding, each applied to the file, saved and re-analysed;
 * an unsaved change that makes another open file's finding disappear; the
 * CLI re-parsing a TU whose unsaved text the server analysed; a parse error
 * in unsaved text; a TU that does not parse on disk; a file outside the
 * compile database; didClose. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lsp_features.h"

/* The byte offset of an LSP (UTF-16) position in `text`. */
static size_t offset_of(const char *text, json_int_t line, json_int_t character)
{
    const char *p = text;
    for (json_int_t n = 0; n < line && strchr(p, '\n'); n++)
        p = strchr(p, '\n') + 1;
    for (json_int_t units = 0; units < character && *p && *p != '\n';) {
        units += ((unsigned char)*p & 0xF8) == 0xF0 ? 2 : 1;
        p++;
        while (((unsigned char)*p & 0xC0) == 0x80)
            p++;
    }
    return (size_t)(p - text);
}

/* `text` with the TextEdits applied (they do not overlap), malloc'd:
 * the edit that starts last first, so earlier offsets hold. */
static char *apply_edits(const char *text, const json_t *edits)
{
    size_t count = json_array_size(edits), starts[16], ends[16];
    int done[16] = { 0 };
    if (count > 16)
        return NULL;
    for (size_t i = 0; i < count; i++) {
        json_t *edit = json_array_get(edits, i);
        starts[i] = offset_of(text, json_integer_value(lsp_get(edit, "range.start.line")),
                              json_integer_value(lsp_get(edit, "range.start.character")));
        ends[i] = offset_of(text, json_integer_value(lsp_get(edit, "range.end.line")),
                            json_integer_value(lsp_get(edit, "range.end.character")));
    }
    char *result = strdup(text);
    for (size_t round = 0; result && round < count; round++) {
        size_t last = count;
        for (size_t i = 0; i < count; i++)
            if (!done[i] && (last == count || starts[i] > starts[last]))
                last = i;
        done[last] = 1;
        char *next = NULL;
        if (asprintf(&next, "%.*s%s%s", (int)starts[last], result, lsp_text(json_array_get(edits, last), "newText"),
                     result + ends[last]) < 0)
            next = NULL;
        free(result);
        result = next;
    }
    return result;
}

static json_t *code_actions(struct lsp_features *c, const char *uri, int line)
{
    json_int_t id = lsp_client_request(&c->client, "textDocument/codeAction",
                                       json_pack("{s:{s:s}, s:{s:{s:i, s:i}, s:{s:i, s:i}}, s:{s:[]}}",
                                                 "textDocument", "uri", uri, "range", "start", "line", line - 1,
                                                 "character", 0, "end", "line", line - 1, "character", 0, "context",
                                                 "diagnostics"));
    json_t *response = lsp_client_wait_response(&c->client, id, WAIT_MS);
    json_t *actions = json_incref(json_object_get(response, "result"));
    json_decref(response);
    return actions;
}

static json_t *action_titled(const json_t *actions, const char *words)
{
    size_t i;
    json_t *action;
    json_array_foreach(actions, i, action)
        if (strstr(lsp_text(action, "title"), words))
            return action;
    return NULL;
}

/* Replace a file's text in the editor and on disk, then save. */
static void save_text(struct lsp_features *c, const char *path, const char *uri, const char *text, int version)
{
    lsp_write_file(path, text);
    lsp_client_notify(&c->client, "textDocument/didChange",
                      json_pack("{s:{s:s, s:i}, s:[{s:s}]}", "textDocument", "uri", uri, "version", version,
                                "contentChanges", "text", text));
    lsp_client_notify(&c->client, "textDocument/didSave", json_pack("{s:{s:s}}", "textDocument", "uri", uri));
}

static void test_pass_callback(struct lsp_features *c)
{
    struct lsp_tally *t = &c->tally;
    json_t *actions = code_actions(c, c->project.app_uri, APP_FS_OPEN_LINE);
    json_t *fix = action_titled(actions, "Pass a callback");
    json_t *edits = lsp_get(fix, "edit.changes");
    edits = json_object_get(edits, c->project.app_uri);
    int null_at = lsp_features_utf16_column(lsp_project_app_text, APP_FS_OPEN_LINE, "NULL");
    lsp_check(t, fix && json_is_true(json_object_get(fix, "isPreferred")) && json_array_size(edits) == 2
                     && strcmp(lsp_text(edits, "0.newText"),
                               "static void on_fs_open_done(uv_fs_t *req)\n{\n    uv_fs_req_cleanup(req);\n}\n\n") == 0
                     && json_integer_value(lsp_get(edits, "0.range.start.line")) == APP_ON_TICK_LINE - 1
                     && strcmp(lsp_text(edits, "1.newText"), "on_fs_open_done") == 0
                     && json_integer_value(lsp_get(edits, "1.range.start.character")) == null_at
                     && json_integer_value(lsp_get(edits, "1.range.end.character")) == null_at + 4,
              "uv_fs_open(..., NULL): the quick fix passes on_fs_open_done and adds its stub above on_tick", actions);
    json_t *suppress = action_titled(actions, "Suppress blocking-call");
    lsp_check(t, suppress != NULL, "uv_fs_open: a suppression is offered too", actions);
    char *fixed = edits ? apply_edits(lsp_project_app_text, edits) : NULL;
    if (fixed)
        save_text(c, c->project.app, c->project.app_uri, fixed, 5);
    json_t *after = lsp_features_wait_diagnostics(c, c->project.app_uri, 0);
    lsp_check(t, after != NULL, "the fixed app.c, saved, has no finding left", NULL);
    json_decref(after);
    free(fixed);
    json_decref(actions);
}

static void test_suppress(struct lsp_features *c)
{
    struct lsp_tally *t = &c->tally;
    json_t *actions = code_actions(c, c->project.journal_uri, JOURNAL_WRITE_LINE);
    json_t *edits = json_object_get(lsp_get(action_titled(actions, "Suppress blocking-call"), "edit.changes"),
                                    c->project.journal_uri);
    lsp_check(t, json_array_size(actions) == 1 && json_array_size(edits) == 1
                     && strcmp(lsp_text(edits, "0.newText"), " /* loopcheck: ignore[blocking-call] */") == 0
                     && json_integer_value(lsp_get(edits, "0.range.start.character")) == 53,
              "write: only the suppression, at the end of the line", actions);
    size_t length;
    char *text = lsp_read_file(c->project.journal, &length);
    char *suppressed = text && edits ? apply_edits(text, edits) : NULL;
    if (suppressed)
        save_text(c, c->project.journal, c->project.journal_uri, suppressed, 10);
    json_t *after = lsp_features_wait_diagnostics(c, c->project.journal_uri, 0);
    lsp_check(t, after != NULL, "with the suppression saved, journal.c has no finding", NULL);
    json_decref(after);
    free(text);
    free(suppressed);
    json_decref(actions);
}

/* Run the CLI on the project: how many TUs it parsed (its summary line in
 * *summary), and its JSON. */
static int run_cli(struct lsp_features *c, json_t **report, char **summary)
{
    char *command = NULL, log[PATH_MAX + 32];
    snprintf(log, sizeof log, "%s/cli.log", c->project.root);
    if (asprintf(&command, "'%s' check -p '%s' --format json --fail-on none 2>'%s'", c->loopcheck, c->project.build,
                 log) < 0)
        return -1;
    FILE *out = popen(command, "r");
    free(command);
    *report = out ? json_loadf(out, 0, NULL) : NULL;
    if (out)
        pclose(out);
    size_t length;
    *summary = lsp_read_file(log, &length);
    const char *parsed = *summary ? strstr(*summary, " parsed,") : NULL;
    int count = -1;
    while (parsed && parsed > *summary && parsed[-1] >= '0' && parsed[-1] <= '9')
        parsed--;
    if (parsed)
        count = atoi(parsed);
    return count;
}

static void test_unsaved(struct lsp_features *c)
{
    struct lsp_tally *t = &c->tally;
    char *without = lsp_project_without_line(lsp_project_app_text, APP_JOURNAL_LINE);
    lsp_client_notify(&c->client, "textDocument/didChange",
                      json_pack("{s:{s:s, s:i}, s:[{s:s}]}", "textDocument", "uri", c->project.app_uri, "version", 2,
                                "contentChanges", "text", without));
    json_t *journal = lsp_features_wait_diagnostics(c, c->project.journal_uri, 0);
    lsp_check(t, journal != NULL, "an unsaved change in app.c clears journal.c's finding (another open file)", NULL);
    json_decref(journal);
    json_t *app = lsp_features_wait_version(c, c->project.app_uri, 2, 1);
    lsp_check(t, json_integer_value(lsp_get(app, "0.range.start.line")) == APP_FS_OPEN_LINE - 2,
              "app.c's finding moved up with the unsaved text", app);
    json_decref(app);
    json_t *report = NULL;
    char *summary = NULL;
    int parsed = run_cli(c, &report, &summary);
    json_t *finding;
    size_t i;
    int journal_found = 0;
    json_array_foreach(json_object_get(report, "findings"), i, finding)
        journal_found |= strstr(lsp_text(finding, "file"), "journal.c") != NULL;
    json_t *context = json_pack("{s:s?, s:o?}", "summary", summary, "report", report);
    lsp_check(t, parsed == 1 && journal_found,
              "the CLI re-parses the TU analysed from unsaved text, and reports the file on disk", context);
    json_decref(context);
    free(summary);
    parsed = run_cli(c, &report, &summary);
    lsp_check(t, parsed == 0, "the next CLI run parses nothing", report);
    json_decref(report);
    free(summary);
    free(without);
}

static void test_parse_errors(struct lsp_features *c)
{
    struct lsp_tally *t = &c->tally;
    lsp_client_notify(&c->client, "textDocument/didChange",
                      json_pack("{s:{s:s, s:i}, s:[{s:s}]}", "textDocument", "uri", c->project.app_uri, "version", 3,
                                "contentChanges", "text", "static void on_tick(uv_timer_t *timer\n"));
    json_t *app = lsp_features_wait_diagnostics(c, c->project.app_uri, 2);
    lsp_check(t, json_integer_value(lsp_get(app, "0.severity")) == 1
                     && strstr(lsp_text(app, "0.message"), "cannot parse the unsaved text")
                     && strcmp(lsp_text(app, "1.code"), "blocking-call") == 0,
              "unsaved text that does not parse: an error, and the last findings kept", app);
    json_decref(app);
    lsp_client_open_file(&c->client, c->project.broken, c->project.broken_uri);
    json_t *broken = lsp_features_wait_diagnostics(c, c->project.broken_uri, 1);
    lsp_check(t, json_integer_value(lsp_get(broken, "0.severity")) == 1
                     && json_integer_value(lsp_get(broken, "0.range.start.line")) == 2
                     && strstr(lsp_text(broken, "0.message"), "cannot parse this file"),
              "a TU that does not parse on disk: an error on its line", broken);
    json_decref(broken);
}

static void test_outside(struct lsp_features *c)
{
    struct lsp_tally *t = &c->tally;
    lsp_client_open_file(&c->client, c->project.outside, c->project.outside_uri);
    json_t *outside = lsp_features_wait_diagnostics(c, c->project.outside_uri, 1);
    lsp_check(t, json_integer_value(lsp_get(outside, "0.severity")) == 3
                     && strstr(lsp_text(outside, "0.message"), "compile_commands.json"),
              "a file outside the compile database: an information diagnostic", outside);
    json_decref(outside);
    json_t *log = lsp_client_wait_message(&c->client, "window/logMessage", "outside.c", WAIT_MS);
    lsp_check(t, log != NULL, "and a log message", NULL);
    json_decref(log);
}

/* Back to the project's app.c, saved. */
static void test_restore(struct lsp_features *c)
{
    save_text(c, c->project.app, c->project.app_uri, lsp_project_app_text, 4);
    json_t *app = lsp_features_wait_diagnostics(c, c->project.app_uri, 1);
    json_t *journal = lsp_features_wait_diagnostics(c, c->project.journal_uri, 1);
    lsp_check(&c->tally, app && journal, "saved again as it was: app.c and journal.c have their findings back", app);
    json_decref(app);
    json_decref(journal);
}

void lsp_features_edits(struct lsp_features *c)
{
    test_unsaved(c);
    test_parse_errors(c);
    test_restore(c);
    test_pass_callback(c);
    test_suppress(c);
    test_outside(c);
    lsp_client_notify(&c->client, "textDocument/didClose",
                      json_pack("{s:{s:s}}", "textDocument", "uri", c->project.app_uri));
    json_t *closed = lsp_features_wait_diagnostics(c, c->project.app_uri, 0);
    lsp_check(&c->tally, closed != NULL, "didClose clears the file's diagnostics", NULL);
    json_decref(closed);
}
