/* finding.c — the findings list of finding.h: growing it, sorting it for
 * stable output, level names, and inline suppression comments: a line or
 * block comment holding `loopcheck: ignore` or `loopcheck: ignore[rule-id]`
 * on the reported line or the line above it. */
#include "finding.h"
#include "grow.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const lc_level_names[] = {
    [LC_LEVEL_NONE] = "none",
    [LC_LEVEL_NOTE] = "note",
    [LC_LEVEL_WARNING] = "warning",
    [LC_LEVEL_ERROR] = "error",
};

#define LC_LEVEL_NAME_COUNT (sizeof lc_level_names / sizeof lc_level_names[0])

void lc_findings_init(struct lc_findings *findings)
{
    memset(findings, 0, sizeof *findings);
    lc_arena_init(&findings->arena);
}

void lc_findings_free(struct lc_findings *findings)
{
    free(findings->items);
    lc_arena_free(&findings->arena);
    memset(findings, 0, sizeof *findings);
}

struct lc_finding *lc_findings_add(struct lc_findings *findings)
{
    if (lc_grow((void **)&findings->items, &findings->cap, findings->count, sizeof *findings->items, 16) != 0)
        return NULL;
    struct lc_finding *finding = &findings->items[findings->count++];
    memset(finding, 0, sizeof *finding);
    return finding;
}

static int finding_compare_strings(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

static int finding_compare(const void *left, const void *right)
{
    const struct lc_finding *a = left, *b = right;
    int by_place = lc_location_compare(&a->loc, &b->loc);
    int by_rule = by_place ? by_place : finding_compare_strings(a->rule_id, b->rule_id);
    return by_rule ? by_rule : finding_compare_strings(a->message, b->message);
}

void lc_findings_sort(struct lc_findings *findings)
{
    if (findings->count < 2)
        return;
    qsort(findings->items, findings->count, sizeof *findings->items, finding_compare);
    size_t kept = 1;
    for (size_t i = 1; i < findings->count; i++)
        if (finding_compare(&findings->items[kept - 1], &findings->items[i]) != 0)
            findings->items[kept++] = findings->items[i];
    findings->count = kept;
}

const char *lc_level_name(enum lc_level level)
{
    if ((size_t)level < LC_LEVEL_NAME_COUNT)
        return lc_level_names[level];
    return "unknown";
}

int lc_level_parse(const char *name)
{
    if (!name)
        return -1;
    for (size_t level = 0; level < LC_LEVEL_NAME_COUNT; level++)
        if (strcmp(name, lc_level_names[level]) == 0)
            return (int)level;
    return -1;
}

/* ---- inline suppressions ------------------------------------------------ */

/* One `loopcheck: ignore` found in a comment of a source file. */
struct suppress_directive {
    unsigned line;
    const char *ids;    /* the text between [ and ], NULL for a bare ignore */
    size_t ids_length;
};

/* One source file read for suppressions, with the directives it holds. */
struct suppress_file {
    char *text;
    size_t size;
    struct suppress_directive *directives;
    size_t count, cap;
};

static const char suppress_marker[] = "loopcheck:";
static const char suppress_verb[] = "ignore";

/* Read the whole file; returns 0, or -1 when it cannot be read. */
static int suppress_read_file(struct suppress_file *file, const char *path)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return -1;
    size_t cap = 0;
    int failed = 0;
    for (;;) {
        if (file->size == cap) {
            size_t new_cap = cap ? cap * 2 : 64 * 1024;
            char *grown = realloc(file->text, new_cap + 1);
            if (!grown) {
                failed = 1;
                break;
            }
            file->text = grown;
            cap = new_cap;
        }
        size_t got = fread(file->text + file->size, 1, cap - file->size, in);
        file->size += got;
        if (got == 0)
            break;
    }
    if (ferror(in))
        failed = 1;
    fclose(in);
    if (!failed)
        file->text[file->size] = '\0';
    return failed ? -1 : 0;
}

static int suppress_add_directive(struct suppress_file *file, unsigned line,
                                  const char *ids, size_t ids_length)
{
    if (lc_grow((void **)&file->directives, &file->cap, file->count, sizeof *file->directives, 8) != 0)
        return -1;
    file->directives[file->count++] =
        (struct suppress_directive){ line, ids, ids_length };
    return 0;
}

/* Parse what follows "loopcheck:" at `p` (comment ends at `end`): "ignore"
 * then the end of the comment, whitespace, or "[ids]". */
static int suppress_parse_directive(struct suppress_file *file, unsigned line,
                                    const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    size_t verb_length = sizeof suppress_verb - 1;
    if ((size_t)(end - p) < verb_length || memcmp(p, suppress_verb, verb_length))
        return 0;
    p += verb_length;
    if (p == end || isspace((unsigned char)*p))
        return suppress_add_directive(file, line, NULL, 0);
    if (*p != '[')
        return 0;
    const char *close = p + 1;
    while (close < end && *close != ']' && *close != '\n')
        close++;
    if (close == end || *close != ']')
        return 0;
    return suppress_add_directive(file, line, p + 1, (size_t)(close - p - 1));
}

/* Record the directives in one comment body [body, end) starting on `line`. */
static int suppress_scan_comment(struct suppress_file *file, unsigned line,
                                 const char *body, const char *end)
{
    size_t marker_length = sizeof suppress_marker - 1;
    const char *p = body;
    while (p < end) {
        const char *hit = memmem(p, (size_t)(end - p), suppress_marker,
                                 marker_length);
        if (!hit)
            break;
        for (const char *q = p; q < hit; q++)
            line += *q == '\n';
        if (suppress_parse_directive(file, line, hit + marker_length, end))
            return -1;
        p = hit + marker_length;
    }
    return 0;
}

/* Skip a string or character literal starting at the quote `p`. */
static const char *suppress_skip_literal(const char *p, const char *end,
                                         unsigned *line)
{
    char quote = *p++;
    while (p < end && *p != quote && *p != '\n') {
        if (*p == '\\' && p + 1 < end) {
            *line += p[1] == '\n';
            p++;
        }
        p++;
    }
    return p < end && *p == quote ? p + 1 : p;
}

/* End of a `//` comment body: the first newline not spliced by '\'. */
static const char *suppress_line_comment_end(const char *p, const char *end)
{
    while (p < end && !(*p == '\n' && p[-1] != '\\'))
        p++;
    return p;
}

/* Find every comment of the file (outside literals) and its directives. */
static int suppress_scan_file(struct suppress_file *file)
{
    const char *p = file->text, *end = file->text + file->size;
    unsigned line = 1;
    while (p < end) {
        if (*p == '"' || *p == '\'') {
            p = suppress_skip_literal(p, end, &line);
            continue;
        }
        const char *body = p + 2, *body_end;
        if (*p == '/' && p + 1 < end && p[1] == '/')
            body_end = suppress_line_comment_end(body, end);
        else if (*p == '/' && p + 1 < end && p[1] == '*') {
            body_end = memmem(body, (size_t)(end - body), "*/", 2);
            if (!body_end)
                body_end = end;
        } else {
            line += *p++ == '\n';
            continue;
        }
        if (suppress_scan_comment(file, line, body, body_end))
            return -1;
        for (const char *q = p; q < body_end; q++)
            line += *q == '\n';
        p = body_end < end && *body_end == '*' ? body_end + 2 : body_end;
    }
    return 0;
}

/* Does the comma-separated id list name `rule_id`? */
static int suppress_ids_name(const char *ids, size_t length,
                             const char *rule_id)
{
    size_t rule_length = strlen(rule_id);
    const char *p = ids, *end = ids + length;
    while (p <= end) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        const char *item_end = comma ? comma : end;
        const char *a = p, *b = item_end;
        while (a < b && isspace((unsigned char)*a))
            a++;
        while (b > a && isspace((unsigned char)b[-1]))
            b--;
        if ((size_t)(b - a) == rule_length && memcmp(a, rule_id, rule_length) == 0)
            return 1;
        p = item_end + 1;
    }
    return 0;
}

static int suppress_matches(const struct suppress_file *file,
                            const struct lc_finding *finding)
{
    for (size_t i = 0; i < file->count; i++) {
        const struct suppress_directive *directive = &file->directives[i];
        if (directive->line != finding->loc.line &&
            directive->line + 1 != finding->loc.line)
            continue;
        if (!directive->ids ||
            (finding->rule_id &&
             suppress_ids_name(directive->ids, directive->ids_length,
                               finding->rule_id)))
            return 1;
    }
    return 0;
}

static int suppress_compare_files(const void *left, const void *right)
{
    const struct lc_finding *const *a = left, *const *b = right;
    return strcmp((*a)->loc.file, (*b)->loc.file);
}

/* Mark the findings [group, group + count), all in one file. */
static size_t suppress_group(struct lc_finding **group, size_t count)
{
    struct suppress_file file = { 0 };
    size_t suppressed = 0;
    if (suppress_read_file(&file, group[0]->loc.file) == 0 &&
        suppress_scan_file(&file) == 0) {
        for (size_t i = 0; i < count; i++) {
            if (suppress_matches(&file, group[i])) {
                group[i]->suppressed = 1;
                suppressed++;
            }
        }
    }
    free(file.text);
    free(file.directives);
    return suppressed;
}

size_t lc_findings_apply_suppressions(struct lc_findings *findings)
{
    struct lc_finding **by_file = malloc((findings->count + 1) * sizeof *by_file);
    if (!by_file)
        return 0;
    size_t with_file = 0;
    for (size_t i = 0; i < findings->count; i++)
        if (findings->items[i].loc.file)
            by_file[with_file++] = &findings->items[i];
    qsort(by_file, with_file, sizeof *by_file, suppress_compare_files);

    size_t suppressed = 0;
    for (size_t start = 0; start < with_file;) {
        size_t end = start + 1;
        while (end < with_file &&
               strcmp(by_file[end]->loc.file, by_file[start]->loc.file) == 0)
            end++;
        suppressed += suppress_group(&by_file[start], end - start);
        start = end;
    }
    free(by_file);
    return suppressed;
}

int lc_location_set_claim(struct lc_strmap *set, struct lc_arena *arena, const struct lc_location *loc)
{
    const char *key = lc_arena_printf(arena, "%s:%u:%u", loc->file ? loc->file : "", loc->line, loc->col);
    if (!key || lc_strmap_get(set, key) != LC_STRMAP_MISSING)
        return 0;
    return lc_strmap_put(set, key, 0) == 0;
}
