/* documents.h — the files open in the editor, as the editor last sent
 * them: URI, path, full text, version, and whether the text differs from
 * the file on disk.  The reader thread changes it; the worker takes
 * copies.  Every function locks the store's mutex. */
#ifndef LOOPCHECK_LSP_DOCUMENTS_H
#define LOOPCHECK_LSP_DOCUMENTS_H

#include <pthread.h>
#include <stddef.h>

struct lc_lsp_document {
    char *uri;           /* as the editor spells it */
    char *path;          /* absolute, normalised */
    char *text;
    size_t length;
    long version;
    int unsaved;         /* changed since it was opened or saved */
};

struct lc_lsp_documents {
    pthread_mutex_t mutex;
    struct lc_lsp_document *items;
    size_t count, cap;
};

int lc_lsp_documents_init(struct lc_lsp_documents *documents);
void lc_lsp_documents_free(struct lc_lsp_documents *documents);

/* didOpen: add (or replace) a document.  0, or -1 when memory runs out or
 * the URI is not a file:// URI. */
int lc_lsp_documents_open(struct lc_lsp_documents *documents, const char *uri, const char *text, long version);
/* didChange with the full text.  0, or -1 when it is not open. */
int lc_lsp_documents_change(struct lc_lsp_documents *documents, const char *uri, const char *text, long version);
/* didSave: the text is on disk now (and is `text` when the editor sent it). */
int lc_lsp_documents_saved(struct lc_lsp_documents *documents, const char *uri, const char *text);
/* didClose.  0, or -1 when it was not open. */
int lc_lsp_documents_close(struct lc_lsp_documents *documents, const char *uri);

/* A deep copy of an open document (free with lc_lsp_document_free);
 * 0, or -1 when it is not open or memory runs out. */
int lc_lsp_documents_copy(struct lc_lsp_documents *documents, const char *uri, struct lc_lsp_document *copy);
/* Deep copies of every open document; free each and the array. */
struct lc_lsp_document *lc_lsp_documents_copy_all(struct lc_lsp_documents *documents, size_t *count);
void lc_lsp_document_free(struct lc_lsp_document *document);

#endif
