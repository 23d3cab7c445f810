/* text.c — URIs, positions and the file text cache (text.h). */
#include "text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int text_hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

char *lc_lsp_uri_to_path(const char *uri)
{
    static const char scheme[] = "file://";
    if (!uri || strncmp(uri, scheme, sizeof scheme - 1) != 0)
        return NULL;
    const char *p = uri + sizeof scheme - 1;
    if (strncmp(p, "localhost/", 10) == 0)
        p += 9;
    if (*p != '/')
        return NULL;
    char *path = malloc(strlen(p) + 1), *out = path;
    if (!path)
        return NULL;
    for (; *p && *p != '?' && *p != '#'; p++) {
        int high, low;
        if (*p == '%' && (high = text_hex_value(p[1])) >= 0 && (low = text_hex_value(p[2])) >= 0) {
            *out++ = (char)(high * 16 + low);
            p += 2;
        } else {
            *out++ = *p;
        }
    }
    *out = '\0';
    if (memchr(path, '\0', (size_t)(out - path))) {   /* "%00" */
        free(path);
        return NULL;
    }
    return path;
}

char *lc_lsp_path_to_uri(const char *path)
{
    size_t length = strlen(path);
    char *uri = malloc(sizeof "file://" + 3 * length), *out = uri;
    if (!uri)
        return NULL;
    out += sprintf(out, "file://");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (isalnum(*p) || strchr("/-._~", *p))
            *out++ = (char)*p;
        else
            out += sprintf(out, "%%%02X", *p);
    }
    *out = '\0';
    return uri;
}

const char *lc_lsp_text_line(const char *text, size_t length, unsigned line, size_t *line_length)
{
    if (!text || line == 0)
        return NULL;
    const char *p = text, *end = text + length;
    for (unsigned n = 1; n < line; n++) {
        const char *newline = memchr(p, '\n', (size_t)(end - p));
        if (!newline)
            return NULL;
        p = newline + 1;
    }
    const char *newline = memchr(p, '\n', (size_t)(end - p));
    const char *stop = newline ? newline : end;
    if (stop > p && stop[-1] == '\r')
        stop--;
    *line_length = (size_t)(stop - p);
    return p;
}

/* UTF-16 code units of the UTF-8 sequence starting with byte `lead`. */
static unsigned text_utf16_units(unsigned char lead)
{
    if ((lead & 0xC0) == 0x80)
        return 0;               /* a continuation byte */
    return (lead & 0xF8) == 0xF0 ? 2 : 1;
}

unsigned lc_lsp_character_of_column(const char *line, size_t line_length, unsigned col, int utf8)
{
    size_t bytes = col > 0 ? col - 1 : 0;
    if (!line || utf8)
        return (unsigned)bytes;
    if (bytes > line_length)
        bytes = line_length;
    unsigned units = 0;
    for (size_t i = 0; i < bytes; i++)
        units += text_utf16_units((unsigned char)line[i]);
    return units + (unsigned)(col - 1 - bytes);
}

unsigned lc_lsp_column_of_character(const char *line, size_t line_length, unsigned character, int utf8)
{
    if (!line || utf8)
        return character + 1;
    unsigned units = 0;
    size_t i = 0;
    while (i < line_length && units < character) {
        units += text_utf16_units((unsigned char)line[i]);
        i++;
        while (i < line_length && text_utf16_units((unsigned char)line[i]) == 0)
            i++;
    }
    return (unsigned)i + 1;
}

void lc_lsp_text_cache_init(struct lc_lsp_text_cache *cache, int utf8)
{
    memset(cache, 0, sizeof *cache);
    cache->utf8 = utf8;
}

void lc_lsp_text_cache_free(struct lc_lsp_text_cache *cache)
{
    for (size_t i = 0; i < cache->count; i++) {
        free(cache->entries[i].path);
        free(cache->entries[i].text);
    }
    free(cache->entries);
    memset(cache, 0, sizeof *cache);
}

static struct lc_lsp_text_entry *text_cache_add(struct lc_lsp_text_cache *cache, const char *path)
{
    if (cache->count == cache->cap) {
        size_t cap = cache->cap ? cache->cap * 2 : 8;
        struct lc_lsp_text_entry *grown = realloc(cache->entries, cap * sizeof *grown);
        if (!grown)
            return NULL;
        cache->entries = grown;
        cache->cap = cap;
    }
    struct lc_lsp_text_entry *entry = &cache->entries[cache->count];
    memset(entry, 0, sizeof *entry);
    entry->path = strdup(path);
    if (!entry->path)
        return NULL;
    cache->count++;
    return entry;
}

static struct lc_lsp_text_entry *text_cache_find(struct lc_lsp_text_cache *cache, const char *path)
{
    for (size_t i = 0; i < cache->count; i++)
        if (strcmp(cache->entries[i].path, path) == 0)
            return &cache->entries[i];
    return NULL;
}

int lc_lsp_text_cache_put(struct lc_lsp_text_cache *cache, const char *path, const char *text, size_t length)
{
    struct lc_lsp_text_entry *entry = text_cache_find(cache, path);
    if (!entry && !(entry = text_cache_add(cache, path)))
        return -1;
    free(entry->text);
    entry->text = malloc(length + 1);
    if (!entry->text)
        return -1;
    memcpy(entry->text, text, length);
    entry->text[length] = '\0';
    entry->length = length;
    return 0;
}

static char *text_read_file(const char *path, size_t *length)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return NULL;
    char *text = NULL;
    size_t size = 0;
    FILE *buffer = open_memstream(&text, &size);
    char chunk[65536];
    size_t n;
    int ok = buffer != NULL;
    while (ok && (n = fread(chunk, 1, sizeof chunk, in)) > 0)
        ok = fwrite(chunk, 1, n, buffer) == n;
    ok = ok && !ferror(in);
    fclose(in);
    if (buffer && fclose(buffer) != 0)
        ok = 0;
    if (!ok) {
        free(text);
        return NULL;
    }
    *length = size;
    return text;
}

const char *lc_lsp_text_cache_get(struct lc_lsp_text_cache *cache, const char *path, size_t *length)
{
    struct lc_lsp_text_entry *entry = text_cache_find(cache, path);
    if (!entry) {
        entry = text_cache_add(cache, path);
        if (!entry)
            return NULL;
        entry->text = text_read_file(path, &entry->length);
    }
    *length = entry->length;
    return entry->text;
}

json_t *lc_lsp_range_json(struct lc_lsp_text_cache *cache, const struct lc_location *loc)
{
    size_t length = 0, line_length = 0;
    const char *text = loc->file ? lc_lsp_text_cache_get(cache, loc->file, &length) : NULL;
    const char *line_text = lc_lsp_text_line(text, length, loc->line, &line_length);
    unsigned end_col = loc->col;
    while (line_text && end_col - 1 < line_length
           && (isalnum((unsigned char)line_text[end_col - 1]) || line_text[end_col - 1] == '_'))
        end_col++;
    if (end_col == loc->col)
        end_col++;
    int line = loc->line > 0 ? (int)loc->line - 1 : 0;
    return json_pack("{s:{s:i, s:i}, s:{s:i, s:i}}",
                     "start", "line", line, "character",
                     (int)lc_lsp_character_of_column(line_text, line_length, loc->col, cache->utf8),
                     "end", "line", line, "character",
                     (int)lc_lsp_character_of_column(line_text, line_length, end_col, cache->utf8));
}

json_t *lc_lsp_location_json(struct lc_lsp_text_cache *cache, const struct lc_location *loc)
{
    char *uri = lc_lsp_path_to_uri(loc->file ? loc->file : "/");
    json_t *location = uri ? json_pack("{s:s, s:o}", "uri", uri, "range", lc_lsp_range_json(cache, loc)) : NULL;
    free(uri);
    return location;
}
