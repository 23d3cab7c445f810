/* server.h — the state of loopcheck-lsp: the transport, the open
 * documents, the worker and the engine the worker drives (the analysis
 * session and what it last told the editor about each open file). */
#ifndef LOOPCHECK_LSP_SERVER_H
#define LOOPCHECK_LSP_SERVER_H

#include <clang-c/Index.h>
#include <jansson.h>

#include "analysis_incremental.h"
#include "documents.h"
#include "source_tu.h"
#include "transport.h"
#include "worker.h"

/* How long a change waits for the typing to pause before it is analysed. */
#define LC_LSP_CHANGE_DELAY_SECONDS 0.3

/* What the worker knows of one open file. */
struct lc_lsp_file_state {
    char *path;
    json_t *published;             /* the diagnostics last sent for it */
    char *parse_error;             /* its TU's last parse error, or NULL */
    int parse_error_kept_findings; /* the error is of an unsaved buffer */
    int unsaved_in_store;          /* the store holds facts of unsaved text */
    struct lc_lsp_source_tu source;/* for hover and code actions */
};

/* The analysis side; touched by the worker thread only (build_dir, rules
 * and utf8 are set by initialize before the first job is queued). */
struct lc_lsp_engine {
    char *build_dir;               /* holds compile_commands.json, or NULL */
    char *compdb_path;             /* BUILD_DIR/compile_commands.json */
    char **rules_files;            /* initializationOptions.rules */
    size_t rules_file_count;
    int utf8;                      /* positions count bytes, not UTF-16 */
    int ready;                     /* the session is open */
    struct lc_analysis_session session;
    char **doc_uris;               /* rule doc pages (lc_lsp_rule_doc_uris) */
    CXIndex index;                 /* for the documents' source TUs */
    struct lc_lsp_file_state **files;    /* each its own allocation: pointers stay valid */
    size_t file_count, file_cap;
};

struct lc_lsp_server {
    struct lc_lsp_transport transport;
    struct lc_lsp_documents documents;
    struct lc_lsp_worker worker;
    struct lc_lsp_engine engine;
    int initialized;               /* initialize was answered */
    int shutdown;                  /* shutdown was answered */
};

/* engine.c: the worker's job runner (context: the server). */
void lc_lsp_engine_run(void *server, struct lc_lsp_job *job);
void lc_lsp_engine_free(struct lc_lsp_engine *engine);
/* The state of an open file (created when new); NULL when memory runs out. */
struct lc_lsp_file_state *lc_lsp_engine_file(struct lc_lsp_engine *engine, const char *path);

/* The document's libclang parse (for cursor lookups), made or reused;
 * NULL when it is no TU of the compile database or does not parse at all. */
struct lc_lsp_source_tu *lc_lsp_engine_source(struct lc_lsp_engine *engine, const struct lc_lsp_document *document);

/* initialize.c: answer `initialize` and set up the engine. */
void lc_lsp_initialize(struct lc_lsp_server *server, const json_t *id, const json_t *params);

/* hover.c: the result of textDocument/hover (JSON null when nothing). */
json_t *lc_lsp_hover(struct lc_lsp_engine *engine, const struct lc_lsp_document *document, const json_t *params);

/* code_actions.c: the result of textDocument/codeAction (an array). */
json_t *lc_lsp_code_actions(struct lc_lsp_engine *engine, const struct lc_lsp_document *document,
                            const json_t *params);

#endif
