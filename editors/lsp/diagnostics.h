/* diagnostics.h — findings as LSP diagnostics: source "loopcheck", code =
 * rule id, codeDescription.href = the rule's doc page (a file:// URI of
 * rules/<id>.md), the message with the fix, and one relatedInformation
 * entry per step of the chain and per related place; plus the diagnostics
 * loopcheck adds about a file itself (it does not parse, it is not in the
 * compile database). */
#ifndef LOOPCHECK_LSP_DIAGNOSTICS_H
#define LOOPCHECK_LSP_DIAGNOSTICS_H

#include <jansson.h>

#include "finding.h"
#include "text.h"

/* The file:// URI of each check's doc page (index as lc_checks), NULL
 * where the page is not found next to the models in use
 * (lc_default_rules_dir()/../<doc>: the source tree's rules/, or the
 * installed share/loopcheck/rules/).  Free with lc_lsp_rule_doc_uris_free. */
char **lc_lsp_rule_doc_uris(void);
void lc_lsp_rule_doc_uris_free(char **uris);

/* What loopcheck says about the file itself, besides its findings. */
struct lc_lsp_file_notes {
    const char *parse_error;        /* "file:line:col: error: text", or NULL */
    int parse_error_kept_findings;  /* an unsaved buffer failed: the findings
                                       shown are those of the last text that
                                       parsed */
    const char *outside_compdb;     /* the compile database's path, when the
                                       file is no TU of it and nothing of it
                                       was analysed; else NULL */
};

/* The diagnostics array for `path`.  NULL when memory runs out. */
json_t *lc_lsp_diagnostics_for_file(const struct lc_findings *findings, const char *path,
                                    struct lc_lsp_text_cache *texts, char *const *doc_uris,
                                    const struct lc_lsp_file_notes *notes);

#endif
