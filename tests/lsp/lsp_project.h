/* lsp_project.h — the small libuv project the LSP tests edit, made in a
 * fresh temporary directory: src/app.c (a timer callback that calls
 * journal_append and uv_fs_open(..., NULL)), src/journal.c (journal_append
 * writes: blocking, reached from app.c), src/broken.c (does not parse),
 * src/outside.c (not in the compile database), and
 * build/compile_commands.json. */
#ifndef LOOPCHECK_TEST_LSP_PROJECT_H
#define LOOPCHECK_TEST_LSP_PROJECT_H

#include <limits.h>

struct lsp_project {
    char root[PATH_MAX];
    char build[PATH_MAX];
    char app[PATH_MAX], journal[PATH_MAX], broken[PATH_MAX], outside[PATH_MAX];
    char *app_uri, *journal_uri, *broken_uri, *outside_uri;
};

/* The text of src/app.c; APP_FS_OPEN_LINE holds the uv_fs_open call
 * (after a comment with a non-ASCII letter), APP_JOURNAL_LINE the call of
 * journal_append, APP_ON_TICK_LINE the definition of on_tick (1-based). */
extern const char lsp_project_app_text[];
#define APP_ON_TICK_LINE 7
#define APP_JOURNAL_LINE 10
#define APP_FS_OPEN_LINE 11
#define JOURNAL_WRITE_LINE 7

int lsp_project_create(struct lsp_project *project);
void lsp_project_remove(struct lsp_project *project);

/* `text` without its line `line` (1-based), malloc'd. */
char *lsp_project_without_line(const char *text, int line);

#endif
