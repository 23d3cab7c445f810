/* code_actions.h — what the two kinds of code action share: LSP positions
 * of the document, text edits, the action object, and the quick fix that
 * passes a callback instead of NULL (code_action_callback.c). */
#ifndef LOOPCHECK_LSP_CODE_ACTIONS_H
#define LOOPCHECK_LSP_CODE_ACTIONS_H

#include <jansson.h>

#include "server.h"

/* {"line", "character"} of a 1-based line and byte column of the document. */
json_t *lc_lsp_code_action_position(const struct lc_lsp_engine *engine, const struct lc_lsp_document *document,
                                    unsigned line, unsigned col);
/* A TextEdit (start and end are stolen). */
json_t *lc_lsp_code_action_edit(json_t *start, json_t *end, const char *text);
/* A "quickfix" CodeAction editing the document (edits, diagnostics stolen). */
json_t *lc_lsp_code_action_new(const char *title, const struct lc_lsp_document *document, json_t *edits,
                               json_t *diagnostics, int preferred);

/* The quick fix for a call of `callee` whose last argument, spelled NULL,
 * is a loop callback: NULL when the document's parse does not show the
 * call at the finding's location as expected.  `diagnostics` is stolen. */
json_t *lc_lsp_code_action_pass_callback(struct lc_lsp_engine *engine, const struct lc_lsp_document *document,
                                         const struct lc_finding *finding, const char *callee,
                                         json_t *diagnostics);

#endif
