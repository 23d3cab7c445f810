/* lsp_features.h — what the two files of the feature test share: the
 * session (server, project, tally), waiting for diagnostics, columns. */
#ifndef LOOPCHECK_TEST_LSP_FEATURES_H
#define LOOPCHECK_TEST_LSP_FEATURES_H

#include "lsp_client.h"
#include "lsp_project.h"

#define WAIT_MS 60000

struct lsp_features {
    struct lsp_tally tally;
    struct lsp_client client;
    struct lsp_project project;
    const char *loopcheck;       /* the CLI, to compare with */
};

/* The next diagnostics array published for `uri` with `count` entries
 * (-1: any); NULL on timeout.  Owned by the caller. */
json_t *lsp_features_wait_diagnostics(struct lsp_features *c, const char *uri, int count);
/* The same, published for `version` of the document or a later one. */
json_t *lsp_features_wait_version(struct lsp_features *c, const char *uri, int version, int count);
/* The UTF-16 column (0-based) of `needle` on line `line` (1-based). */
int lsp_features_utf16_column(const char *text, int line, const char *needle);

/* lsp_features_edits.c: code actions applied, unsaved changes, the CLI's
 * view of the cache, parse errors, a file outside the database, didClose. */
void lsp_features_edits(struct lsp_features *c);

#endif
