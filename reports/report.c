/* report.c — choosing an output format and writing findings in it, plus the
 * helpers of report_shared.h: relative paths, file URIs and a cache of source
 * lines. */
#include "report.h"
#include "report_shared.h"

#include <stdlib.h>
#include <string.h>

static const char *const lc_format_names[] = {
    [LC_FORMAT_TEXT] = "text",
    [LC_FORMAT_JSON] = "json",
    [LC_FORMAT_SARIF] = "sarif",
};

int lc_format_parse(const char *name)
{
    if (!name)
        return -1;
    for (size_t format = 0;
         format < sizeof lc_format_names / sizeof lc_format_names[0]; format++)
        if (strcmp(name, lc_format_names[format]) == 0)
            return (int)format;
    return -1;
}

int lc_report_write(enum lc_format format, FILE *out,
                    const struct lc_findings *findings,
                    const struct lc_report_options *options)
{
    switch (format) {
    case LC_FORMAT_TEXT:
        return lc_report_write_text(out, findings, options);
    case LC_FORMAT_JSON:
        return lc_report_write_json(out, findings, options);
    case LC_FORMAT_SARIF:
        return lc_report_write_sarif(out, findings, options);
    }
    return -1;
}

const char *lc_report_display_path(const char *file, const char *base_dir)
{
    if (!file || !base_dir || !*base_dir)
        return file;
    size_t base_length = strlen(base_dir);
    while (base_length > 0 && base_dir[base_length - 1] == '/')
        base_length--;
    if (strncmp(file, base_dir, base_length) != 0 || file[base_length] != '/')
        return file;
    const char *relative = file + base_length + 1;
    return *relative ? relative : file;
}

static int report_uri_keeps(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
           c == '~' || c == '/';
}

char *lc_report_uri_encode_path(struct lc_arena *arena, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t length = 0;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++)
        length += report_uri_keeps(*p) ? 1 : 3;
    char *encoded = lc_arena_alloc(arena, length + 1);
    if (!encoded)
        return NULL;
    char *q = encoded;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (report_uri_keeps(*p)) {
            *q++ = (char)*p;
        } else {
            *q++ = '%';
            *q++ = hex[*p >> 4];
            *q++ = hex[*p & 0xf];
        }
    }
    *q = '\0';
    return encoded;
}

char *lc_report_file_uri(struct lc_arena *arena, const char *path,
                         int directory)
{
    const char *encoded = lc_report_uri_encode_path(arena, path);
    if (!encoded)
        return NULL;
    size_t length = strlen(encoded);
    int add_slash = directory && (length == 0 || encoded[length - 1] != '/');
    return lc_arena_printf(arena, "file://%s%s", encoded, add_slash ? "/" : "");
}

/* ---- source lines ------------------------------------------------------- */

void lc_report_sources_init(struct lc_report_sources *sources)
{
    memset(sources, 0, sizeof *sources);
    lc_strmap_init(&sources->by_path);
}

void lc_report_sources_free(struct lc_report_sources *sources)
{
    for (size_t i = 0; i < sources->count; i++) {
        free(sources->files[i].text);
        free(sources->files[i].line_starts);
    }
    free(sources->files);
    lc_strmap_free(&sources->by_path);
    memset(sources, 0, sizeof *sources);
}

/* Read the whole file into source->text; 0, or -1 when it cannot be read. */
static int report_source_read(struct lc_report_source *source, const char *path,
                              size_t *size)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return -1;
    size_t cap = 0;
    char *text = NULL;
    int failed = 0;
    *size = 0;
    for (size_t got = 1; got > 0 && !failed;) {
        if (*size == cap) {
            cap = cap ? cap * 2 : 64 * 1024;
            char *grown = realloc(text, cap + 1);
            failed = !grown;
            text = grown ? grown : text;
            if (failed)
                break;
        }
        got = fread(text + *size, 1, cap - *size, in);
        *size += got;
    }
    failed |= ferror(in);
    fclose(in);
    if (failed) {
        free(text);
        return -1;
    }
    text[*size] = '\0';
    source->text = text;
    return 0;
}

/* Read `path` and index its lines; a file that cannot be read is kept with
 * NULL text, so it is tried once. */
static void report_source_load(struct lc_report_source *source, const char *path)
{
    size_t size;
    if (report_source_read(source, path, &size))
        return;
    size_t lines = 1;
    for (size_t i = 0; i < size; i++)
        lines += source->text[i] == '\n';
    source->line_starts = malloc(lines * sizeof *source->line_starts);
    if (!source->line_starts) {
        free(source->text);
        source->text = NULL;
        return;
    }
    source->line_starts[0] = 0;
    source->line_count = 1;
    for (size_t i = 0; i < size; i++)
        if (source->text[i] == '\n')
            source->line_starts[source->line_count++] = i + 1;
}

static struct lc_report_source *report_sources_get(
    struct lc_report_sources *sources, const char *path)
{
    uint32_t index = lc_strmap_get(&sources->by_path, path);
    if (index != LC_STRMAP_MISSING)
        return &sources->files[index];
    if (sources->count == sources->cap) {
        size_t new_cap = sources->cap ? sources->cap * 2 : 16;
        struct lc_report_source *grown =
            realloc(sources->files, new_cap * sizeof *grown);
        if (!grown)
            return NULL;
        sources->files = grown;
        sources->cap = new_cap;
    }
    if (lc_strmap_put(&sources->by_path, path, (uint32_t)sources->count))
        return NULL;
    struct lc_report_source *source = &sources->files[sources->count++];
    memset(source, 0, sizeof *source);
    report_source_load(source, path);
    return source;
}

const char *lc_report_sources_line(struct lc_report_sources *sources,
                                   const char *path, unsigned line,
                                   size_t *length)
{
    if (!path || line == 0)
        return NULL;
    struct lc_report_source *source = report_sources_get(sources, path);
    if (!source || !source->text || line > source->line_count)
        return NULL;
    const char *start = source->text + source->line_starts[line - 1];
    const char *end = strchr(start, '\n');
    if (!end)
        end = start + strlen(start);
    if (end > start && end[-1] == '\r')
        end--;
    *length = (size_t)(end - start);
    return start;
}
