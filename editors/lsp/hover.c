/* hover.c — textDocument/hover on a function name: its color and why.
 * The function under the cursor comes from libclang (the cursor at the
 * identifier in the document's own parse, and the function it refers to);
 * the function is then found in the analysed program by the location of
 * its definition (or declaration), else — for a function with external
 * linkage — by name. */
#include "server.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "blocking.h"
#include "text.h"

/* "file.c:88" for a location (the base name). */
static void hover_site(FILE *out, const struct lc_location *loc)
{
    const char *slash = loc->file ? strrchr(loc->file, '/') : NULL;
    fprintf(out, "%s:%u", slash ? slash + 1 : loc->file ? loc->file : "?", loc->line);
}

static void hover_async(FILE *out, const struct lc_program *program, uint32_t f)
{
    if (program->loop_entry[f] == LC_NONE) {
        fprintf(out, "- **async**: runs on the event loop\n");
        return;
    }
    const struct lc_entry *entry = &program->entries[program->loop_entry[f]];
    if (program->loop_parent[f] == LC_NONE && entry->api) {
        fprintf(out, "- **async**: registered with `%s` at ", entry->api);
        hover_site(out, &entry->site);
    } else if (program->loop_parent[f] == LC_NONE) {
        fprintf(out, "- **async**: annotated `loopcheck:async`");
    } else {
        const struct lc_program_call *call = &program->calls[program->loop_parent[f]];
        fprintf(out, "- **async**: called by `%s` at ", program->functions[call->caller].name);
        hover_site(out, &call->loc);
        fprintf(out, ", on the loop from `%s`", program->functions[entry->function].name);
        if (entry->api) {
            fprintf(out, " (registered with `%s` at ", entry->api);
            hover_site(out, &entry->site);
            fputc(')', out);
        }
    }
    unsigned count = program->entry_points[f];
    fprintf(out, "; %s%u entry point%s reach%s it\n", count >= LC_ENTRY_COUNT_CAP ? "at least " : "", count,
            count == 1 ? "" : "s", count == 1 ? "es" : "");
}

static void hover_worker(FILE *out, const struct lc_program *program, uint32_t f)
{
    for (uint32_t e = 0; e < program->entry_count; e++) {
        const struct lc_entry *entry = &program->entries[e];
        if (entry->function != f || entry->role == LC_ROLE_LOOP)
            continue;
        if (!entry->api) {
            fprintf(out, "- **worker**: annotated `loopcheck:worker`\n");
        } else {
            fprintf(out, "- **worker**: runs %s: passed to `%s` at ",
                    entry->role == LC_ROLE_POOL ? "on the thread pool" : "on a thread of its own", entry->api);
            hover_site(out, &entry->site);
            fputc('\n', out);
        }
        return;
    }
    fprintf(out, "- **worker**: called from a function that runs off the loop\n");
}

/* The callee through which call `c` blocks. */
static uint32_t hover_blocking_target(const struct lc_program *program, uint32_t c)
{
    const struct lc_program_call *call = &program->calls[c];
    for (uint32_t t = 0; t < call->target_count; t++) {
        uint32_t target = program->targets[call->first_target + t];
        if (lc_call_blocks(program, c, target, NULL).blocks
            || (program->blocking[target] && lc_program_function_is_followed(program, target)))
            return target;
    }
    return LC_NONE;
}

static void hover_blocking(FILE *out, const struct lc_program *program, uint32_t f)
{
    const struct lc_program_function *fn = &program->functions[f];
    if (fn->annotations & LC_ANNOT_BLOCKING) {
        fprintf(out, "- **blocking**: annotated `loopcheck:blocking`\n");
    } else if (fn->model && fn->model->blocking) {
        const struct lc_blocking_model *model = fn->model->blocking;
        fprintf(out, "- **blocking**%s: %s", model->if_count + model->unless_count ? " for some arguments" : "",
                model->reason);
        if (model->instead)
            fprintf(out, "; instead: %s", model->instead);
        fputc('\n', out);
    } else if (program->blocking[f] && program->blocking_via[f] != LC_NONE) {
        /* Follow the calls through which it blocks (a backwards breadth-
         * first order: no cycles) to the modelled or annotated callee. */
        enum { SHOWN = 6 };
        uint32_t via[SHOWN], via_count = 0, g = f;
        int more = 0;
        for (uint32_t guard = 0; program->blocking_via[g] != LC_NONE && guard < program->function_count; guard++) {
            uint32_t next = hover_blocking_target(program, program->blocking_via[g]);
            if (next == LC_NONE)
                break;
            if (program->blocking_via[next] != LC_NONE && via_count < SHOWN)
                via[via_count++] = next;
            else if (program->blocking_via[next] != LC_NONE)
                more = 1;
            g = next;
        }
        fprintf(out, "- **blocking**: calls `%s`", program->functions[g].name);
        for (uint32_t i = 0; i < via_count; i++)
            fprintf(out, "%s`%s`", i ? " → " : " via ", program->functions[via[i]].name);
        fprintf(out, "%s (at ", more ? " → …" : "");
        hover_site(out, &program->calls[program->blocking_via[f]].loc);
        fprintf(out, ")\n");
    }
}

static char *hover_describe(const struct lc_program *program, uint32_t f)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    if (!out)
        return NULL;
    const struct lc_program_function *fn = &program->functions[f];
    fprintf(out, "**`%s`** — loopcheck\n\n", fn->name);
    if (program->on_loop[f])
        hover_async(out, program, f);
    if (program->on_worker[f])
        hover_worker(out, program, f);
    hover_blocking(out, program, f);
    if (fn->annotations & LC_ANNOT_NONBLOCKING)
        fprintf(out, "- **nonblocking**: annotated `loopcheck:nonblocking`: trusted not to block\n");
    if (!program->on_loop[f] && !program->on_worker[f] && !program->blocking[f] && !(fn->model && fn->model->blocking)
        && !(fn->annotations & LC_ANNOT_NONBLOCKING))
        fprintf(out, "- no loop callback reaches it, and it does not block\n");
    if (fclose(out) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

/* The program's function for the declaration `declaration`. */
static uint32_t hover_find_function(const struct lc_program *program, const struct lc_lsp_source_tu *source,
                                    CXCursor declaration)
{
    CXCursor candidates[] = { clang_getCursorDefinition(declaration), clang_getCanonicalCursor(declaration),
                              declaration };
    uint32_t found = LC_NONE;
    for (size_t i = 0; i < sizeof candidates / sizeof *candidates && found == LC_NONE; i++) {
        struct lc_location loc;
        if (clang_Cursor_isNull(candidates[i])
            || lc_lsp_source_tu_where(source, clang_getCursorLocation(candidates[i]), &loc) != 0)
            continue;
        found = lc_analysis_function_at(program, loc.file, loc.line, loc.col);
        free((char *)loc.file);
    }
    if (found == LC_NONE && clang_getCursorLinkage(declaration) == CXLinkage_External) {
        CXString name = clang_getCursorSpelling(declaration);
        found = lc_program_find_function(program, clang_getCString(name));
        clang_disposeString(name);
    }
    return found;
}

static int hover_is_identifier(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

json_t *lc_lsp_hover(struct lc_lsp_engine *engine, const struct lc_lsp_document *document, const json_t *params)
{
    json_t *position = json_object_get(params, "position");
    json_int_t line = json_integer_value(json_object_get(position, "line")) + 1;
    json_int_t character = json_integer_value(json_object_get(position, "character"));
    size_t length = 0;
    const char *text = lc_lsp_text_line(document->text, document->length, (unsigned)line, &length);
    if (!text || character < 0)
        return NULL;
    /* The identifier under the cursor (or just before it). */
    size_t begin = lc_lsp_column_of_character(text, length, (unsigned)character, engine->utf8) - 1;
    if ((begin >= length || !hover_is_identifier(text[begin])) && begin > 0 && begin <= length
        && hover_is_identifier(text[begin - 1]))
        begin--;
    if (begin >= length || !hover_is_identifier(text[begin]))
        return NULL;
    size_t end = begin;
    while (begin > 0 && hover_is_identifier(text[begin - 1]))
        begin--;
    while (end < length && hover_is_identifier(text[end]))
        end++;
    struct lc_lsp_source_tu *source = lc_lsp_engine_source(engine, document);
    if (!source)
        return NULL;
    CXCursor under = lc_lsp_source_tu_cursor(source, (unsigned)line, (unsigned)begin + 1);
    CXCursor referenced = clang_getCursorReferenced(under);
    if (referenced.kind != CXCursor_FunctionDecl)
        return NULL;
    const struct lc_program *program = &engine->session.analysis.program;
    uint32_t f = hover_find_function(program, source, referenced);
    char *markdown = f != LC_NONE ? hover_describe(program, f) : NULL;
    json_t *result = NULL;
    if (markdown)
        result = json_pack("{s:{s:s, s:s}, s:{s:{s:I, s:i}, s:{s:I, s:i}}}", "contents", "kind", "markdown", "value",
                           markdown, "range", "start", "line", line - 1, "character",
                           (int)lc_lsp_character_of_column(text, length, (unsigned)begin + 1, engine->utf8), "end",
                           "line", line - 1, "character",
                           (int)lc_lsp_character_of_column(text, length, (unsigned)end + 1, engine->utf8));
    free(markdown);
    return result;
}
