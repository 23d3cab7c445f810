/* initialize.c — the `initialize` request: the position encoding, the
 * workspace root, where compile_commands.json is (initializationOptions
 * {"compileCommandsDir": DIR}, else ROOT/build, else ROOT), more models
 * ({"rules": [FILE...]}), the server's capabilities, and the first, whole
 * analysis queued for the worker. */
#include "server.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diagnostics.h"
#include "rpc.h"
#include "text.h"

static int initialize_offers_utf8(const json_t *params)
{
    json_t *general = json_object_get(json_object_get(params, "capabilities"), "general");
    json_t *encodings = json_object_get(general, "positionEncodings");
    size_t i;
    json_t *encoding;
    json_array_foreach(encodings, i, encoding)
        if (json_is_string(encoding) && strcmp(json_string_value(encoding), "utf-8") == 0)
            return 1;
    return 0;
}

/* The workspace root (malloc'd): rootUri, rootPath, the first workspace
 * folder, else the working directory. */
static char *initialize_root(const json_t *params)
{
    const char *root_uri = json_string_value(json_object_get(params, "rootUri"));
    if (!root_uri)
        root_uri = json_string_value(json_object_get(json_array_get(json_object_get(params, "workspaceFolders"), 0),
                                                     "uri"));
    char *root = root_uri ? lc_lsp_uri_to_path(root_uri) : NULL;
    const char *root_path = json_string_value(json_object_get(params, "rootPath"));
    if (!root && root_path)
        root = strdup(root_path);
    if (!root) {
        char cwd[PATH_MAX];
        root = getcwd(cwd, sizeof cwd) ? strdup(cwd) : NULL;
    }
    return root;
}

static int initialize_has_compdb(const char *dir)
{
    char *path = NULL;
    int found = asprintf(&path, "%s/compile_commands.json", dir) >= 0 && access(path, R_OK) == 0;
    free(path);
    return found;
}

/* The build directory (malloc'd, normalised) or NULL with *why (malloc'd). */
static char *initialize_build_dir(const char *root, const json_t *options, char **why)
{
    *why = NULL;
    const char *asked = json_string_value(json_object_get(options, "compileCommandsDir"));
    if (asked) {
        char *dir = lc_compdb_normalize_path(root, asked);
        if (dir && initialize_has_compdb(dir))
            return dir;
        if (asprintf(why, "loopcheck: initializationOptions.compileCommandsDir: %s has no compile_commands.json",
                     dir ? dir : asked) < 0)
            *why = NULL;
        free(dir);
        return NULL;
    }
    static const char *const candidates[] = { "build", "." };
    for (size_t i = 0; i < sizeof candidates / sizeof *candidates; i++) {
        char *dir = lc_compdb_normalize_path(root, candidates[i]);
        if (dir && initialize_has_compdb(dir))
            return dir;
        free(dir);
    }
    if (asprintf(why, "loopcheck: no compile_commands.json in %s/build or %s; set initializationOptions."
                      "compileCommandsDir (e.g. {\"compileCommandsDir\": \"build\"})", root, root) < 0)
        *why = NULL;
    return NULL;
}

/* initializationOptions.rules: model files, relative to the root. */
static int initialize_rules(struct lc_lsp_engine *engine, const char *root, const json_t *options)
{
    json_t *rules = json_object_get(options, "rules");
    engine->rules_files = calloc(json_array_size(rules) + 1, sizeof *engine->rules_files);
    if (!engine->rules_files)
        return -1;
    size_t i;
    json_t *rule;
    json_array_foreach(rules, i, rule) {
        if (!json_is_string(rule))
            continue;
        char *path = lc_compdb_normalize_path(root, json_string_value(rule));
        if (!path)
            return -1;
        engine->rules_files[engine->rules_file_count++] = path;
    }
    return 0;
}

static json_t *initialize_result(const struct lc_lsp_engine *engine)
{
    return json_pack("{s:{s:s, s:{s:b, s:i, s:{s:b}}, s:b, s:{s:[s]}}, s:{s:s, s:s}}",
                     "capabilities",
                     "positionEncoding", engine->utf8 ? "utf-8" : "utf-16",
                     "textDocumentSync", "openClose", 1, "change", 1, "save", "includeText", 0,
                     "hoverProvider", 1,
                     "codeActionProvider", "codeActionKinds", "quickfix",
                     "serverInfo", "name", "loopcheck-lsp", "version", LOOPCHECK_VERSION);
}

void lc_lsp_initialize(struct lc_lsp_server *server, const json_t *id, const json_t *params)
{
    struct lc_lsp_engine *engine = &server->engine;
    json_t *options = json_object_get(params, "initializationOptions");
    char *root = initialize_root(params), *why = NULL;
    engine->utf8 = initialize_offers_utf8(params);
    engine->build_dir = root ? initialize_build_dir(root, options, &why) : NULL;
    engine->doc_uris = lc_lsp_rule_doc_uris();
    engine->index = clang_createIndex(0, 0);
    if (!root || initialize_rules(engine, root, options) != 0 || !engine->doc_uris || !engine->index) {
        lc_rpc_send_error(&server->transport, id, LC_RPC_INTERNAL_ERROR, "out of memory");
        free(root);
        free(why);
        return;
    }
    if (engine->build_dir && asprintf(&engine->compdb_path, "%s/compile_commands.json", engine->build_dir) < 0)
        engine->compdb_path = NULL;
    server->initialized = 1;
    lc_rpc_send_result(&server->transport, id, initialize_result(engine));
    if (!engine->build_dir)
        lc_rpc_send_message(&server->transport, 1, LC_RPC_MESSAGE_WARNING, "%s",
                            why ? why : "loopcheck: no compile_commands.json");
    else
        lc_lsp_worker_push(&server->worker, lc_lsp_job_new(LC_JOB_OPEN_PROJECT, NULL, NULL, NULL));
    free(root);
    free(why);
}
