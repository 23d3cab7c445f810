/* test_lsp_features.c — what loopcheck-lsp tells an editor about the test
 * project (lsp_project.h): diagnostics (source, code, doc link, the fix,
 * the chain, UTF-16 columns), diagnostics of another open file that change
 * when an unsaved buffer changes, unsaved text kept out of the CLI's
 * cache, parse errors (unsaved and on disk), a file outside the compile
 * database, hover, both code actions — applied, saved and re-analysed —
 * and didClose.
 * Usage: test_lsp_features LOOPCHECK_LSP LOOPCHECK */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lsp_features.h"

/* The next diagnostics published for `uri` for which `count` holds. */
struct diagnostics_key {
    const char *uri;
    int count;    /* -1: any */
    int version;  /* published for this version of the document or a later one */
};

static int match_diagnostics(const json_t *message, const void *arg)
{
    const struct diagnostics_key *key = arg;
    const char *method = json_string_value(json_object_get(message, "method"));
    return method && strcmp(method, "textDocument/publishDiagnostics") == 0
           && strcmp(lsp_text(message, "params.uri"), key->uri) == 0
           && (key->count < 0 || (int)json_array_size(lsp_get(message, "params.diagnostics")) == key->count)
           && json_integer_value(lsp_get(message, "params.version")) >= key->version;
}

json_t *lsp_features_wait_version(struct lsp_features *c, const char *uri, int version, int count)
{
    struct diagnostics_key key = { uri, count, version };
    json_t *message = lsp_client_wait(&c->client, match_diagnostics, &key, WAIT_MS);
    json_t *diagnostics = json_incref(lsp_get(message, "params.diagnostics"));
    json_decref(message);
    return diagnostics;
}

json_t *lsp_features_wait_diagnostics(struct lsp_features *c, const char *uri, int count)
{
    return lsp_features_wait_version(c, uri, 0, count);
}

int lsp_features_utf16_column(const char *text, int line, const char *needle)
{
    const char *p = text;
    for (int n = 1; n < line && p; n++)
        p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL;
    const char *at = p ? strstr(p, needle) : NULL;
    int units = 0;
    for (const char *q = p; at && q < at; q++)
        units += ((unsigned char)*q & 0xC0) != 0x80;
    return at ? units : -1;
}

static void test_open_diagnostics(struct lsp_features *c)
{
    struct lsp_tally *t = &c->tally;
    lsp_client_open_file(&c->client, c->project.app, c->project.app_uri);
    json_t *app = lsp_features_wait_diagnostics(c, c->project.app_uri, 1);
    json_t *d = json_array_get(app, 0);
    lsp_check(t, d != NULL, "app.c: one diagnostic once the analysis ran", app);
    lsp_check(t, strcmp(lsp_text(d, "source"), "loopcheck") == 0 && strcmp(lsp_text(d, "code"), "blocking-call") == 0
                     && json_integer_value(lsp_get(d, "severity")) == 2,
              "source loopcheck, code blocking-call, a warning", d);
    lsp_check(t, json_integer_value(lsp_get(d, "range.start.line")) == APP_FS_OPEN_LINE - 1
                     && json_integer_value(lsp_get(d, "range.start.character"))
                            == lsp_features_utf16_column(lsp_project_app_text, APP_FS_OPEN_LINE, "uv_fs_open")
                     && json_integer_value(lsp_get(d, "range.end.character"))
                            == lsp_features_utf16_column(lsp_project_app_text, APP_FS_OPEN_LINE, "uv_fs_open") + 10,
              "on uv_fs_open, in UTF-16 columns after a non-ASCII comment", d);
    const char *href = lsp_text(d, "codeDescription.href");
    lsp_check(t, strncmp(href, "file:///", 8) == 0 && strstr(href, "blocking-call.md") && access(href + 7, R_OK) == 0,
              "codeDescription.href is the rule's doc page, and it exists", d);
    lsp_check(t, strstr(lsp_text(d, "message"), "argument 6 is NULL") && strstr(lsp_text(d, "message"), "instead"),
              "the message says why and what to do instead", d);
    json_t *related = lsp_get(d, "relatedInformation");
    lsp_check(t, json_array_size(related) == 2
                     && strstr(lsp_text(related, "0.message"), "uv_timer_start")
                     && strcmp(lsp_text(related, "0.location.uri"), c->project.app_uri) == 0
                     && json_integer_value(lsp_get(related, "0.location.range.start.line")) == 17,
              "relatedInformation: the registration, then the call", related);
    json_decref(app);
    lsp_client_open_file(&c->client, c->project.journal, c->project.journal_uri);
    json_t *journal = lsp_features_wait_diagnostics(c, c->project.journal_uri, 1);
    lsp_check(t, json_integer_value(lsp_get(journal, "0.range.start.line")) == JOURNAL_WRITE_LINE - 1
                     && strstr(lsp_text(journal, "0.message"), "'write'")
                     && strcmp(lsp_text(journal, "0.relatedInformation.1.location.uri"), c->project.app_uri) == 0,
              "journal.c: the write, with the chain through app.c", journal);
    json_decref(journal);
}

static void test_hover(struct lsp_features *c)
{
    struct lsp_tally *t = &c->tally;
    struct { int line; const char *word, *want[2], *what; } cases[] = {
        { APP_ON_TICK_LINE, "on_tick", { "async", "uv_timer_start" },
          "hover on on_tick: async, registered with uv_timer_start" },
        { APP_JOURNAL_LINE, "journal_append", { "blocking", "`write`" },
          "hover on journal_append: blocking, calls write" },
        { APP_FS_OPEN_LINE, "uv_fs_open", { "blocking", "instead" }, "hover on uv_fs_open: its model" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int character = lsp_features_utf16_column(lsp_project_app_text, cases[i].line, cases[i].word) + 2;
        json_int_t id = lsp_client_request(&c->client, "textDocument/hover",
                                           json_pack("{s:{s:s}, s:{s:i, s:i}}", "textDocument", "uri",
                                                     c->project.app_uri, "position", "line", cases[i].line - 1,
                                                     "character", character));
        json_t *response = lsp_client_wait_response(&c->client, id, WAIT_MS);
        const char *value = lsp_text(response, "result.contents.value");
        lsp_check(t, strstr(value, cases[i].want[0]) && strstr(value, cases[i].want[1])
                         && json_integer_value(lsp_get(response, "result.range.start.character")) == character - 2,
                  cases[i].what, response);
        json_decref(response);
    }
    json_int_t id = lsp_client_request(&c->client, "textDocument/hover",
                                       json_pack("{s:{s:s}, s:{s:i, s:i}}", "textDocument", "uri", c->project.app_uri,
                                                 "position", "line", 4, "character", 1));
    json_t *response = lsp_client_wait_response(&c->client, id, WAIT_MS);
    lsp_check(t, response && json_is_null(json_object_get(response, "result")), "hover on a keyword: null", response);
    json_decref(response);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s LOOPCHECK_LSP LOOPCHECK\n", argv[0]);
        return 2;
    }
    struct lsp_features c = { .loopcheck = argv[2] };
    if (lsp_project_create(&c.project) != 0 || lsp_client_start(&c.client, argv[1], c.project.root) != 0) {
        fprintf(stderr, "cannot set up the project or start %s\n", argv[1]);
        return 1;
    }
    json_t *result = lsp_client_initialize(&c.client, c.project.root, NULL);
    lsp_check(&c.tally, result != NULL, "initialize finds ROOT/build/compile_commands.json", result);
    json_decref(result);
    test_open_diagnostics(&c);
    test_hover(&c);
    lsp_features_edits(&c);
    json_int_t id = lsp_client_request(&c.client, "shutdown", NULL);
    json_decref(lsp_client_wait_response(&c.client, id, WAIT_MS));
    lsp_client_notify(&c.client, "exit", NULL);
    lsp_check(&c.tally, lsp_client_finish(&c.client, WAIT_MS) == 0, "shutdown and exit: status 0", NULL);
    lsp_project_remove(&c.project);
    return lsp_tally_report(&c.tally, "test_lsp_features");
}
