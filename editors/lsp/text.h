/* text.h — what LSP positions and URIs need: file:// URIs to paths and
 * back, byte columns to LSP characters (UTF-16 code units, or bytes when
 * the client chose UTF-8) and back, and a cache of file texts — editor
 * buffers or files read from disk — for one pass over a set of findings. */
#ifndef LOOPCHECK_LSP_TEXT_H
#define LOOPCHECK_LSP_TEXT_H

#include <jansson.h>
#include <stddef.h>

#include "facts.h"

/* A malloc'd absolute path for a file:// URI (percent-decoded), NULL when
 * it is not one. */
char *lc_lsp_uri_to_path(const char *uri);
/* A malloc'd file:// URI for an absolute path (percent-encoded). */
char *lc_lsp_path_to_uri(const char *path);

/* Line `line` (1-based) of `text`, without its line end; NULL past the end. */
const char *lc_lsp_text_line(const char *text, size_t length, unsigned line, size_t *line_length);
/* The 0-based LSP character of 1-based byte column `col` of a line. */
unsigned lc_lsp_character_of_column(const char *line, size_t line_length, unsigned col, int utf8);
/* The 1-based byte column of 0-based LSP character `character`. */
unsigned lc_lsp_column_of_character(const char *line, size_t line_length, unsigned character, int utf8);

struct lc_lsp_text_entry {
    char *path;
    char *text;          /* NULL when the file could not be read */
    size_t length;
};

struct lc_lsp_text_cache {
    struct lc_lsp_text_entry *entries;
    size_t count, cap;
    int utf8;            /* the client counts characters in bytes */
};

void lc_lsp_text_cache_init(struct lc_lsp_text_cache *cache, int utf8);
void lc_lsp_text_cache_free(struct lc_lsp_text_cache *cache);
/* Use `text` for `path` (an editor buffer); copied.  0, or -1 (memory). */
int lc_lsp_text_cache_put(struct lc_lsp_text_cache *cache, const char *path, const char *text, size_t length);
/* The text of `path`: as put, else read from disk once; NULL when unreadable. */
const char *lc_lsp_text_cache_get(struct lc_lsp_text_cache *cache, const char *path, size_t *length);

/* The LSP range of the identifier (or the one character) at `loc`. */
json_t *lc_lsp_range_json(struct lc_lsp_text_cache *cache, const struct lc_location *loc);
/* {"uri", "range"} of `loc`. */
json_t *lc_lsp_location_json(struct lc_lsp_text_cache *cache, const struct lc_location *loc);

#endif
