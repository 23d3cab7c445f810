/* documents.c — the open documents (documents.h). */
#include "documents.h"

#include <stdlib.h>
#include <string.h>

#include "compdb.h"
#include "text.h"

int lc_lsp_documents_init(struct lc_lsp_documents *documents)
{
    memset(documents, 0, sizeof *documents);
    return pthread_mutex_init(&documents->mutex, NULL) == 0 ? 0 : -1;
}

void lc_lsp_document_free(struct lc_lsp_document *document)
{
    free(document->uri);
    free(document->path);
    free(document->text);
    memset(document, 0, sizeof *document);
}

void lc_lsp_documents_free(struct lc_lsp_documents *documents)
{
    for (size_t i = 0; i < documents->count; i++)
        lc_lsp_document_free(&documents->items[i]);
    free(documents->items);
    pthread_mutex_destroy(&documents->mutex);
}

static struct lc_lsp_document *documents_find(struct lc_lsp_documents *documents, const char *uri)
{
    for (size_t i = 0; i < documents->count; i++)
        if (strcmp(documents->items[i].uri, uri) == 0)
            return &documents->items[i];
    return NULL;
}

static int documents_set_text(struct lc_lsp_document *document, const char *text)
{
    size_t length = strlen(text);
    char *copy = malloc(length + 1);
    if (!copy)
        return -1;
    memcpy(copy, text, length + 1);
    free(document->text);
    document->text = copy;
    document->length = length;
    return 0;
}

/* The document for `uri`, added when new.  Called with the mutex held. */
static struct lc_lsp_document *documents_add(struct lc_lsp_documents *documents, const char *uri)
{
    struct lc_lsp_document *document = documents_find(documents, uri);
    if (document)
        return document;
    char *raw_path = lc_lsp_uri_to_path(uri);
    char *path = raw_path ? lc_compdb_normalize_path("/", raw_path) : NULL;
    free(raw_path);
    if (!path)
        return NULL;
    if (documents->count == documents->cap) {
        size_t cap = documents->cap ? documents->cap * 2 : 8;
        struct lc_lsp_document *grown = realloc(documents->items, cap * sizeof *grown);
        if (!grown) {
            free(path);
            return NULL;
        }
        documents->items = grown;
        documents->cap = cap;
    }
    document = &documents->items[documents->count];
    memset(document, 0, sizeof *document);
    document->path = path;
    document->uri = strdup(uri);
    if (!document->uri) {
        lc_lsp_document_free(document);
        return NULL;
    }
    documents->count++;
    return document;
}

int lc_lsp_documents_open(struct lc_lsp_documents *documents, const char *uri, const char *text, long version)
{
    pthread_mutex_lock(&documents->mutex);
    struct lc_lsp_document *document = documents_add(documents, uri);
    int rc = document && documents_set_text(document, text) == 0 ? 0 : -1;
    if (rc == 0) {
        document->version = version;
        document->unsaved = 0;
    } else if (document && !document->text) {
        lc_lsp_document_free(document);
        *document = documents->items[--documents->count];
    }
    pthread_mutex_unlock(&documents->mutex);
    return rc;
}

int lc_lsp_documents_change(struct lc_lsp_documents *documents, const char *uri, const char *text, long version)
{
    pthread_mutex_lock(&documents->mutex);
    struct lc_lsp_document *document = documents_find(documents, uri);
    int rc = document && documents_set_text(document, text) == 0 ? 0 : -1;
    if (rc == 0) {
        document->version = version;
        document->unsaved = 1;
    }
    pthread_mutex_unlock(&documents->mutex);
    return rc;
}

int lc_lsp_documents_saved(struct lc_lsp_documents *documents, const char *uri, const char *text)
{
    pthread_mutex_lock(&documents->mutex);
    struct lc_lsp_document *document = documents_find(documents, uri);
    int rc = document && (!text || documents_set_text(document, text) == 0) ? 0 : -1;
    if (rc == 0)
        document->unsaved = 0;
    pthread_mutex_unlock(&documents->mutex);
    return rc;
}

int lc_lsp_documents_close(struct lc_lsp_documents *documents, const char *uri)
{
    pthread_mutex_lock(&documents->mutex);
    struct lc_lsp_document *document = documents_find(documents, uri);
    if (document) {
        lc_lsp_document_free(document);
        *document = documents->items[--documents->count];
    }
    pthread_mutex_unlock(&documents->mutex);
    return document ? 0 : -1;
}

static int documents_copy_one(const struct lc_lsp_document *from, struct lc_lsp_document *to)
{
    *to = *from;
    to->uri = strdup(from->uri);
    to->path = strdup(from->path);
    to->text = malloc(from->length + 1);
    if (to->text)
        memcpy(to->text, from->text, from->length + 1);
    if (!to->uri || !to->path || !to->text) {
        lc_lsp_document_free(to);
        return -1;
    }
    return 0;
}

int lc_lsp_documents_copy(struct lc_lsp_documents *documents, const char *uri, struct lc_lsp_document *copy)
{
    memset(copy, 0, sizeof *copy);
    pthread_mutex_lock(&documents->mutex);
    struct lc_lsp_document *document = documents_find(documents, uri);
    int rc = document ? documents_copy_one(document, copy) : -1;
    pthread_mutex_unlock(&documents->mutex);
    return rc;
}

struct lc_lsp_document *lc_lsp_documents_copy_all(struct lc_lsp_documents *documents, size_t *count)
{
    pthread_mutex_lock(&documents->mutex);
    struct lc_lsp_document *copies = calloc(documents->count + 1, sizeof *copies);
    size_t copied = 0;
    while (copies && copied < documents->count && documents_copy_one(&documents->items[copied], &copies[copied]) == 0)
        copied++;
    if (copies && copied < documents->count) {
        while (copied > 0)
            lc_lsp_document_free(&copies[--copied]);
        free(copies);
        copies = NULL;
    }
    pthread_mutex_unlock(&documents->mutex);
    *count = copied;
    return copies;
}
