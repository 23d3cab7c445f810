/* code_action_callback.c — the quick fix for `uv_fs_open(..., NULL)` on
 * the loop: the call with a callback named after the operation
 * (`on_fs_open_done`) in place of the NULL, and a stub of that callback —
 * the parameters of the callback's type, each released or marked unused —
 * inserted above the function holding the call, unless a function of that
 * name exists.  Offered only when the document's own parse shows the call
 * at the finding's location, spelled in the file (not by a macro), with
 * NULL as the exact text of its last argument, and a callback type
 * returning void. */
#include "code_actions.h"

#include <stdlib.h>
#include <string.h>

/* Callback parameters whose request the callback must release, and how. */
static const struct {
    const char *type;
    const char *release;
} callback_releases[] = {
    { "uv_fs_t *", "uv_fs_req_cleanup" },
};

struct callback_search {
    CXFile file;
    unsigned line, col;
    const char *name;     /* the callback's name */
    CXCursor call;        /* the CallExpr starting at line:col */
    CXCursor top;         /* the top-level declaration holding it */
    int name_taken;       /* a function of that name is declared */
};

static int callback_before(unsigned line, unsigned col, unsigned other_line, unsigned other_col)
{
    return line < other_line || (line == other_line && col <= other_col);
}

/* Does the extent, in the main file, hold line:col? */
static int callback_holds(CXSourceRange extent, const struct callback_search *search)
{
    CXFile start_file, end_file;
    unsigned start_line, start_col, end_line, end_col;
    clang_getExpansionLocation(clang_getRangeStart(extent), &start_file, &start_line, &start_col, NULL);
    clang_getExpansionLocation(clang_getRangeEnd(extent), &end_file, &end_line, &end_col, NULL);
    return start_file && clang_File_isEqual(start_file, search->file)
           && callback_before(start_line, start_col, search->line, search->col)
           && callback_before(search->line, search->col, end_line, end_col);
}

static enum CXChildVisitResult callback_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    struct callback_search *search = data;
    int top_level = clang_getCursorKind(parent) == CXCursor_TranslationUnit;
    if (top_level && clang_getCursorKind(cursor) == CXCursor_FunctionDecl) {
        CXString spelling = clang_getCursorSpelling(cursor);
        search->name_taken |= strcmp(clang_getCString(spelling), search->name) == 0;
        clang_disposeString(spelling);
    }
    CXSourceRange extent = clang_getCursorExtent(cursor);
    if (!callback_holds(extent, search))
        return CXChildVisit_Continue;
    if (top_level)
        search->top = cursor;
    if (clang_getCursorKind(cursor) == CXCursor_CallExpr) {
        unsigned line, col;
        clang_getExpansionLocation(clang_getRangeStart(extent), NULL, &line, &col, NULL);
        if (line == search->line && col == search->col)
            search->call = cursor;
    }
    return CXChildVisit_Recurse;
}

static enum CXChildVisitResult callback_collect_parameter(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    json_t *names = data;
    if (clang_getCursorKind(cursor) == CXCursor_ParmDecl) {
        CXString spelling = clang_getCursorSpelling(cursor);
        json_array_append_new(names, json_string(clang_getCString(spelling)));
        clang_disposeString(spelling);
    }
    return CXChildVisit_Continue;
}

/* One parameter of the stub and its line of body. */
static void callback_parameter(FILE *head, FILE *body, CXType type, const char *name, int index)
{
    CXString spelling = clang_getTypeSpelling(type);
    const char *text = clang_getCString(spelling);
    size_t length = strlen(text);
    fprintf(head, "%s%s%s%s", index ? ", " : "", text, length && text[length - 1] == '*' ? "" : " ", name);
    const char *release = NULL;
    for (size_t i = 0; i < sizeof callback_releases / sizeof *callback_releases; i++)
        if (strcmp(callback_releases[i].type, text) == 0)
            release = callback_releases[i].release;
    if (release)
        fprintf(body, "    %s(%s);\n", release, name);
    else
        fprintf(body, "    (void)%s;\n", name);
    clang_disposeString(spelling);
}

/* "static void NAME(PARAMS)\n{\n...}\n\n" for the type of parameter
 * `position` (1-based) of the function `call` calls; NULL when that is not
 * a pointer to a function returning void. */
static char *callback_stub(CXCursor call, unsigned position, const char *name)
{
    CXCursor callee = clang_getCursorReferenced(call);
    if (clang_Cursor_isNull(callee) || clang_Cursor_getNumArguments(callee) < (int)position)
        return NULL;
    CXType type = clang_getCursorType(clang_Cursor_getArgument(callee, position - 1));
    CXCursor type_name = clang_getNullCursor();
    for (int depth = 0; depth < 16 && (type.kind == CXType_Elaborated || type.kind == CXType_Typedef); depth++) {
        if (type.kind == CXType_Elaborated) {
            type = clang_Type_getNamedType(type);
        } else {
            type_name = clang_getTypeDeclaration(type);
            type = clang_getTypedefDeclUnderlyingType(type_name);
        }
    }
    CXType function = type.kind == CXType_Pointer ? clang_getPointeeType(type) : type;
    if (function.kind != CXType_FunctionProto || clang_getResultType(function).kind != CXType_Void)
        return NULL;
    int count = clang_getNumArgTypes(function);
    json_t *names = json_array();
    if (!clang_Cursor_isNull(type_name))
        clang_visitChildren(type_name, callback_collect_parameter, names);
    char *head_text = NULL, *body_text = NULL, *stub = NULL;
    size_t head_size = 0, body_size = 0;
    FILE *head = open_memstream(&head_text, &head_size), *body = open_memstream(&body_text, &body_size);
    for (int i = 0; head && body && i < count; i++) {
        char fallback[32];
        snprintf(fallback, sizeof fallback, "arg%d", i + 1);
        const char *given = json_string_value(json_array_get(names, (size_t)i));
        callback_parameter(head, body, clang_getArgType(function, (unsigned)i), given && *given ? given : fallback, i);
    }
    int written = head && body;
    if (head && fclose(head) != 0)
        written = 0;
    if (body && fclose(body) != 0)
        written = 0;
    if (written && asprintf(&stub, "static void %s(%s)\n{\n%s}\n\n", name, count ? head_text : "void", body_text) < 0)
        stub = NULL;
    free(head_text);
    free(body_text);
    json_decref(names);
    return stub;
}

/* "on_fs_open_done" for "uv_fs_open": the name without its library
 * prefix. */
static char *callback_name(const char *callee)
{
    const char *underscore = strchr(callee, '_');
    char *name = NULL;
    if (asprintf(&name, "on_%s_done", underscore && underscore[1] ? underscore + 1 : callee) < 0)
        return NULL;
    return name;
}

/* The token of the last argument, when the call is spelled in the file
 * as CALLEE ( ... , NULL ). */
static int callback_null_token(CXTranslationUnit tu, CXCursor call, const char *callee, CXSourceRange *null_range)
{
    CXToken *tokens = NULL;
    unsigned count = 0;
    clang_tokenize(tu, clang_getCursorExtent(call), &tokens, &count);
    const char *want[] = { ",", "NULL", ")" };
    int ok = count >= 4;
    for (unsigned i = 0; ok && i < 4; i++) {
        CXString spelling = clang_getTokenSpelling(tu, tokens[i == 0 ? 0 : count - 4 + i]);
        ok = strcmp(clang_getCString(spelling), i == 0 ? callee : want[i - 1]) == 0;
        clang_disposeString(spelling);
    }
    if (ok)
        *null_range = clang_getTokenExtent(tu, tokens[count - 2]);
    if (tokens)
        clang_disposeTokens(tu, tokens, count);
    return ok;
}

static json_t *callback_range_edit(struct lc_lsp_engine *engine, const struct lc_lsp_document *document,
                                   CXSourceRange range, const char *text)
{
    unsigned line, col, end_line, end_col;
    clang_getSpellingLocation(clang_getRangeStart(range), NULL, &line, &col, NULL);
    clang_getSpellingLocation(clang_getRangeEnd(range), NULL, &end_line, &end_col, NULL);
    return lc_lsp_code_action_edit(lc_lsp_code_action_position(engine, document, line, col),
                                   lc_lsp_code_action_position(engine, document, end_line, end_col), text);
}

json_t *lc_lsp_code_action_pass_callback(struct lc_lsp_engine *engine, const struct lc_lsp_document *document,
                                         const struct lc_finding *finding, const char *callee,
                                         json_t *diagnostics)
{
    struct lc_lsp_source_tu *source = lc_lsp_engine_source(engine, document);
    char *name = callback_name(callee), *stub = NULL, *title = NULL;
    json_t *action = NULL;
    struct callback_search search = { .file = source ? source->file : NULL, .line = finding->loc.line,
                                       .col = finding->loc.col, .name = name ? name : "",
                                       .call = clang_getNullCursor(), .top = clang_getNullCursor() };
    if (source && name && search.file)
        clang_visitChildren(clang_getTranslationUnitCursor(source->tu), callback_visit, &search);
    CXSourceRange null_range;
    int arguments = clang_Cursor_isNull(search.call) ? 0 : clang_Cursor_getNumArguments(search.call);
    if (arguments > 0 && !clang_Cursor_isNull(search.top)
        && callback_null_token(source->tu, search.call, callee, &null_range)
        && (stub = callback_stub(search.call, (unsigned)arguments, name)) != NULL
        && asprintf(&title, "Pass a callback: %s(..., %s) instead of NULL, so it does not block the loop", callee,
                    name) < 0)
        title = NULL;
    if (title) {
        json_t *edits = json_array();
        if (!search.name_taken) {
            unsigned top_line;
            clang_getExpansionLocation(clang_getRangeStart(clang_getCursorExtent(search.top)), NULL, &top_line, NULL,
                                       NULL);
            json_array_append_new(edits, lc_lsp_code_action_edit(
                                             lc_lsp_code_action_position(engine, document, top_line, 1),
                                             lc_lsp_code_action_position(engine, document, top_line, 1), stub));
        }
        json_array_append_new(edits, callback_range_edit(engine, document, null_range, name));
        action = lc_lsp_code_action_new(title, document, edits, json_incref(diagnostics), 1);
    }
    json_decref(diagnostics);
    free(name);
    free(stub);
    free(title);
    return action;
}
