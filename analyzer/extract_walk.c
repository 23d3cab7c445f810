/* extract_walk.c — the AST visitor: one clang_visitChildren over the TU with
 * CXChildVisit_Recurse, recording functions, calls and function-pointer
 * stores.  libclang walks statements and expressions with a work list, so a
 * long `a + b + ...` chain does not deepen the C stack.  The enclosing
 * function of a call is the top-level definition being walked (C has no
 * nested functions); declarations in system headers are skipped whole. */
#include "extract_internal.h"

#include <stdlib.h>
#include <string.h>

static const struct {
    const char *spelling;
    enum lc_annotation bit;
} extract_annotation_names[] = {
    { "loopcheck:async", LC_ANNOT_ASYNC },
    { "loopcheck:worker", LC_ANNOT_WORKER },
    { "loopcheck:blocking", LC_ANNOT_BLOCKING },
    { "loopcheck:nonblocking", LC_ANNOT_NONBLOCKING },
};

static enum CXChildVisitResult extract_collect_annotation(CXCursor child, CXCursor parent,
                                                          CXClientData data)
{
    (void)parent;
    unsigned *annotations = data;
    if (clang_getCursorKind(child) != CXCursor_AnnotateAttr)
        return CXChildVisit_Continue;
    CXString spelling = clang_getCursorSpelling(child);
    const char *text = clang_getCString(spelling);
    size_t count = sizeof extract_annotation_names / sizeof extract_annotation_names[0];
    for (size_t i = 0; i < count; i++)
        if (strcmp(text, extract_annotation_names[i].spelling) == 0)
            *annotations |= extract_annotation_names[i].bit;
    clang_disposeString(spelling);
    return CXChildVisit_Continue;
}

/* Every declaration and definition outside system headers; a definition
 * carries the annotations of earlier declarations too (clang inherits
 * attributes on redeclarations). */
static void extract_function(struct lc_extract_walk *walk, CXCursor function)
{
    CXSourceLocation where = clang_getCursorLocation(function);
    struct lc_location loc;
    if (clang_Location_isInSystemHeader(where) || lc_extract_location(walk, where, &loc) != 0)
        return;
    struct lc_function_fact *fact = lc_tu_facts_add_function(walk->facts);
    if (!fact) {
        walk->out_of_memory = 1;
        return;
    }
    fact->usr = lc_extract_usr(walk, function);
    fact->name = lc_extract_string(walk, clang_getCursorSpelling(function));
    fact->loc = loc;
    fact->is_definition = clang_isCursorDefinition(function) != 0;
    fact->is_static = clang_getCursorLinkage(function) == CXLinkage_Internal;
    clang_visitChildren(function, extract_collect_annotation, &fact->annotations);
}

static void extract_call(struct lc_extract_walk *walk, CXCursor call)
{
    struct lc_location loc;
    if (!walk->function_usr ||
        lc_extract_location(walk, clang_getCursorLocation(call), &loc) != 0)
        return;
    struct lc_call_fact *fact = lc_tu_facts_add_call(walk->facts);
    if (!fact) {
        walk->out_of_memory = 1;
        return;
    }
    fact->caller_usr = walk->function_usr;
    fact->loc = loc;
    CXCursor callee;
    if (lc_extract_children(call, &callee, 1) >= 1)
        lc_extract_value(walk, callee, &fact->callee);
    int nargs = clang_Cursor_getNumArguments(call);
    if (nargs <= 0)
        return;
    fact->args = lc_arena_alloc(&walk->facts->arena, (size_t)nargs * sizeof *fact->args);
    fact->arg_texts = lc_arena_alloc(&walk->facts->arena,
                                     (size_t)nargs * sizeof *fact->arg_texts);
    if (!fact->args || !fact->arg_texts) {
        walk->out_of_memory = 1;
        return;
    }
    fact->nargs = (size_t)nargs;
    for (int i = 0; i < nargs; i++) {
        CXCursor arg = clang_Cursor_getArgument(call, (unsigned)i);
        lc_extract_argument(walk, arg, &fact->args[i]);
        fact->arg_texts[i] = lc_extract_text(walk, arg);
    }
}

void lc_extract_store(struct lc_extract_walk *walk, const struct lc_value *target,
                      CXCursor value_expr)
{
    if (target->kind != LC_VALUE_FIELD && target->kind != LC_VALUE_VAR)
        return;
    struct lc_value value;
    lc_extract_value(walk, value_expr, &value);
    if (value.kind != LC_VALUE_FUNCTION && value.kind != LC_VALUE_FIELD &&
        value.kind != LC_VALUE_VAR && value.kind != LC_VALUE_PARAM)
        return;
    struct lc_location loc;
    if (lc_extract_location(walk, clang_getCursorLocation(value_expr), &loc) != 0)
        return;
    struct lc_store_fact *fact = lc_tu_facts_add_store(walk->facts);
    if (!fact) {
        walk->out_of_memory = 1;
        return;
    }
    fact->target = *target;
    fact->value = value;
    fact->in_function_usr = walk->function_usr;
    fact->loc = loc;
}

/* `x.f = v`, `p->f = v`, `a[i].f = v`, `var = v` of function-pointer type. */
static void extract_assignment(struct lc_extract_walk *walk, CXCursor assignment)
{
    CXCursor sides[2];
    if (clang_getCursorBinaryOperatorKind(assignment) != CXBinaryOperator_Assign ||
        lc_extract_children(assignment, sides, 2) != 2 ||
        !lc_extract_is_function_pointer(clang_getCursorType(sides[0])))
        return;
    struct lc_value target;
    lc_extract_value(walk, sides[0], &target);
    lc_extract_store(walk, &target, sides[1]);
}

/* `cb_t fp = f;`, `struct ops o = { ... };`, `handler_t t[] = { ... };` */
static void extract_variable(struct lc_extract_walk *walk, CXCursor variable)
{
    CXCursor init = clang_Cursor_getVarDeclInitializer(variable);
    CXType type = clang_getCursorType(variable);
    if (clang_Cursor_isNull(init) ||
        (clang_getCursorKind(init) != CXCursor_InitListExpr &&
         !lc_extract_is_function_pointer(type)))
        return;
    struct lc_value target = {
        .kind = LC_VALUE_VAR,
        .usr = lc_extract_usr(walk, variable),
        .name = lc_extract_string(walk, clang_getCursorSpelling(variable)),
    };
    lc_extract_initializer(walk, &target, type, init);
}

/* `(struct ops){ .on_read = f }`: its fields are the targets. */
static void extract_compound_literal(struct lc_extract_walk *walk, CXCursor literal)
{
    unsigned count;
    CXCursor *children = lc_extract_children_all(walk, literal, &count);
    if (count > 0 && clang_getCursorKind(children[count - 1]) == CXCursor_InitListExpr) {
        struct lc_value no_target = { .kind = LC_VALUE_OTHER };
        lc_extract_initializer(walk, &no_target, clang_getCursorType(literal),
                               children[count - 1]);
    }
    free(children);
}

static enum CXChildVisitResult extract_visit(CXCursor cursor, CXCursor parent,
                                             CXClientData data)
{
    struct lc_extract_walk *walk = data;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    if (clang_getCursorKind(parent) == CXCursor_TranslationUnit) {
        if (clang_Location_isInSystemHeader(clang_getCursorLocation(cursor)))
            return CXChildVisit_Continue;
        walk->function_usr = NULL;
        if (kind == CXCursor_FunctionDecl && clang_isCursorDefinition(cursor))
            walk->function_usr = lc_extract_usr(walk, cursor);
    }
    switch (kind) {
    case CXCursor_FunctionDecl:
        extract_function(walk, cursor);
        break;
    case CXCursor_CallExpr:
        extract_call(walk, cursor);
        break;
    case CXCursor_BinaryOperator:
        extract_assignment(walk, cursor);
        break;
    case CXCursor_VarDecl:
        extract_variable(walk, cursor);
        break;
    case CXCursor_CompoundLiteralExpr:
        extract_compound_literal(walk, cursor);
        break;
    default:
        break;
    }
    return walk->out_of_memory ? CXChildVisit_Break : CXChildVisit_Recurse;
}

void lc_extract_walk_tu(struct lc_extract_walk *walk)
{
    clang_visitChildren(clang_getTranslationUnitCursor(walk->tu), extract_visit, walk);
}
