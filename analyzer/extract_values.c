/* extract_values.c — small questions the AST walker asks of libclang: what
 * an expression refers to (a function, a field, a variable, a parameter, a
 * constant), a cursor's children, whether two are the same expression or
 * place.  Where a cursor is and what a declaration is named:
 * extract_names.c. */
#include "extract_internal.h"
#include "grow.h"

#include <stdlib.h>
#include <string.h>

struct extract_children {
    CXCursor *items;
    unsigned count, max;
    int grow;           /* malloc more room instead of stopping at max */
    int failed;
};

static enum CXChildVisitResult extract_collect_child(CXCursor child, CXCursor parent,
                                                     CXClientData data)
{
    (void)parent;
    struct extract_children *children = data;
    if (children->count == children->max && children->grow) {
        unsigned max = children->max ? children->max * 2 : 16;
        CXCursor *grown = realloc(children->items, max * sizeof *grown);
        if (!grown) {
            children->failed = 1;
            return CXChildVisit_Break;
        }
        children->items = grown;
        children->max = max;
    }
    if (children->count < children->max)
        children->items[children->count] = child;
    children->count++;
    return CXChildVisit_Continue;
}

unsigned lc_extract_children(CXCursor cursor, CXCursor *items, unsigned max)
{
    struct extract_children children = { items, 0, max, 0, 0 };
    clang_visitChildren(cursor, extract_collect_child, &children);
    return children.count;
}

CXCursor *lc_extract_children_all(struct lc_extract_walk *walk, CXCursor cursor,
                                  unsigned *count)
{
    struct extract_children children = { NULL, 0, 0, 1, 0 };
    clang_visitChildren(cursor, extract_collect_child, &children);
    if (children.failed)
        walk->out_of_memory = 1;
    *count = children.failed ? 0 : children.count;
    return children.items;
}

int lc_extract_same_expression(CXCursor a, CXCursor b)
{
    if (clang_getCursorKind(a) != clang_getCursorKind(b)
        || !clang_equalRanges(clang_getCursorExtent(a), clang_getCursorExtent(b)))
        return 0;
    /* Inside a macro's expansion every node has the expansion's extent:
     * where each is spelled in the macro tells them apart. */
    CXFile file_a, file_b;
    unsigned offset_a, offset_b;
    clang_getSpellingLocation(clang_getCursorLocation(a), &file_a, NULL, NULL, &offset_a);
    clang_getSpellingLocation(clang_getCursorLocation(b), &file_b, NULL, NULL, &offset_b);
    return offset_a == offset_b && clang_File_isEqual(file_a, file_b);
}

int lc_extract_same_place(CXCursor a, CXCursor b)
{
    CXCursor base_a, base_b;
    a = lc_extract_strip(a);
    b = lc_extract_strip(b);
    enum CXCursorKind kind = clang_getCursorKind(a);
    if (kind != clang_getCursorKind(b))
        return 0;
    if (kind == CXCursor_DeclRefExpr)
        return clang_equalCursors(clang_getCanonicalCursor(clang_getCursorReferenced(a)),
                                  clang_getCanonicalCursor(clang_getCursorReferenced(b)));
    if (kind == CXCursor_UnaryOperator)   /* `*p` */
        return clang_getCursorUnaryOperatorKind(a) == CXUnaryOperator_Deref
               && clang_getCursorUnaryOperatorKind(b) == CXUnaryOperator_Deref
               && lc_extract_children(a, &base_a, 1) == 1 && lc_extract_children(b, &base_b, 1) == 1
               && lc_extract_same_place(base_a, base_b);
    return kind == CXCursor_MemberRefExpr
           && clang_equalCursors(clang_getCursorReferenced(a), clang_getCursorReferenced(b))
           && lc_extract_children(a, &base_a, 1) == 1 && lc_extract_children(b, &base_b, 1) == 1
           && lc_extract_same_place(base_a, base_b);
}

CXCursor lc_extract_pointer_field(CXCursor expr, CXCursor *field)
{
    CXCursor base;
    expr = lc_extract_strip(expr);
    if (clang_getCursorKind(expr) != CXCursor_MemberRefExpr || lc_extract_children(expr, &base, 1) != 1
        || clang_getCanonicalType(clang_getCursorType(lc_extract_strip(base))).kind != CXType_Pointer)
        return clang_getNullCursor();
    *field = clang_getCursorReferenced(expr);
    return clang_getCursorKind(*field) == CXCursor_FieldDecl ? lc_extract_loop_variable(base) : clang_getNullCursor();
}

int lc_extract_call_arguments_of(CXCursor call, int (*of)(void *context, CXCursor argument), void *context)
{
    int found = -1, count = clang_Cursor_getNumArguments(call);
    for (int i = 0; i < count; i++) {
        CXCursor argument = lc_extract_strip(clang_Cursor_getArgument(call, (unsigned)i));
        long long number;
        if (clang_getCursorKind(argument) == CXCursor_StringLiteral || lc_extract_integer_constant(argument, &number)
            || lc_extract_is_null_pointer_constant(argument))
            continue;
        int id = of(context, argument);
        if (id < 0 || (found >= 0 && found != id))
            return -1;
        found = id;
    }
    return found;
}

int lc_extract_assignment_sides(CXCursor cursor, CXCursor sides[2])
{
    return clang_getCursorKind(cursor) == CXCursor_BinaryOperator
           && clang_getCursorBinaryOperatorKind(cursor) == CXBinaryOperator_Assign
           && lc_extract_children(cursor, sides, 2) == 2;
}

CXCursor lc_extract_variable_set(CXCursor cursor, CXCursor *value)
{
    CXCursor sides[2];
    if (clang_getCursorKind(cursor) == CXCursor_VarDecl) {
        *value = clang_Cursor_getVarDeclInitializer(cursor);
        return clang_Cursor_isNull(*value) ? clang_getNullCursor() : clang_getCanonicalCursor(cursor);
    }
    if (lc_extract_assignment_sides(cursor, sides)) {
        *value = sides[1];
        return lc_extract_loop_variable(sides[0]);
    }
    return clang_getNullCursor();
}

static int extract_is_function_type(CXType type)
{
    enum CXTypeKind kind = clang_getCanonicalType(type).kind;
    return kind == CXType_FunctionProto || kind == CXType_FunctionNoProto;
}

int lc_extract_is_function_pointer(CXType type)
{
    CXType canonical = clang_getCanonicalType(type);
    return canonical.kind == CXType_Pointer &&
           extract_is_function_type(clang_getPointeeType(canonical));
}

/* One step of stripping: the operand of a parenthesis, cast, implicit
 * conversion, `*fp` or `&f`; a null cursor when `expr` is none of those. */
static CXCursor extract_strip_once(CXCursor expr)
{
    CXCursor children[8];
    unsigned count;
    switch (clang_getCursorKind(expr)) {
    case CXCursor_UnexposedExpr:   /* implicit conversions */
    case CXCursor_ParenExpr:
        if (lc_extract_children(expr, children, 2) == 1)
            return children[0];
        break;
    case CXCursor_CStyleCastExpr:   /* the operand follows any TypeRef */
        count = lc_extract_children(expr, children, 8);
        if (count >= 1 && count <= 8)
            return children[count - 1];
        break;
    case CXCursor_UnaryOperator:
        if (lc_extract_children(expr, children, 2) != 1)
            break;
        switch (clang_getCursorUnaryOperatorKind(expr)) {
        case CXUnaryOperator_Deref:   /* (*fp)(...) */
            if (extract_is_function_type(clang_getCursorType(expr)))
                return children[0];
            break;
        case CXUnaryOperator_AddrOf:  /* &f */
            if (extract_is_function_type(clang_getCursorType(children[0])))
                return children[0];
            break;
        default:
            break;
        }
        break;
    default:
        break;
    }
    return clang_getNullCursor();
}

CXCursor lc_extract_strip(CXCursor expr)
{
    for (CXCursor next = extract_strip_once(expr); !clang_Cursor_isNull(next);
         next = extract_strip_once(expr))
        expr = next;
    return expr;
}

void lc_extract_field_value(struct lc_extract_walk *walk, CXCursor field,
                            struct lc_value *value)
{
    value->kind = LC_VALUE_FIELD;
    value->usr = lc_extract_usr(walk, field);
    value->name = lc_extract_string(walk, clang_getCursorSpelling(field));
    CXCursor record = clang_getCursorSemanticParent(field);
    const char *record_name = lc_extract_string(walk, clang_getCursorSpelling(record));
    if (record_name && !record_name[0])
        record_name = lc_extract_string(walk, clang_getTypeSpelling(clang_getCursorType(record)));
    if (record_name && !record_name[0])
        record_name = "(anonymous)";
    value->record = record_name;
}

static int extract_parameter_index(CXCursor parameter)
{
    CXCursor function = clang_getCursorSemanticParent(parameter);
    int count = clang_Cursor_getNumArguments(function);
    for (int i = 0; i < count; i++)
        if (clang_equalCursors(clang_Cursor_getArgument(function, i), parameter))
            return i;
    return -1;
}

/* The value of a DeclRefExpr to `declaration`. */
static void extract_declaration_value(struct lc_extract_walk *walk, CXCursor declaration,
                                      struct lc_value *value)
{
    switch (clang_getCursorKind(declaration)) {
    case CXCursor_FunctionDecl:
        value->kind = LC_VALUE_FUNCTION;
        break;
    case CXCursor_VarDecl:
        value->kind = LC_VALUE_VAR;
        break;
    case CXCursor_ParmDecl:
        value->param_index = extract_parameter_index(declaration);
        if (value->param_index < 0)
            return;
        value->kind = LC_VALUE_PARAM;
        value->usr = walk->function_usr ? walk->function_usr :
            lc_extract_usr(walk, clang_getCursorSemanticParent(declaration));
        value->name = lc_extract_string(walk, clang_getCursorSpelling(declaration));
        return;
    default:
        return;
    }
    value->usr = lc_extract_usr(walk, declaration);
    value->name = lc_extract_string(walk, clang_getCursorSpelling(declaration));
}

void lc_extract_value(struct lc_extract_walk *walk, CXCursor expr, struct lc_value *value)
{
    memset(value, 0, sizeof *value);
    expr = lc_extract_strip(expr);
    /* table[i](...): the array, or the field holding it. */
    int subscripted = 0;
    while (clang_getCursorKind(expr) == CXCursor_ArraySubscriptExpr &&
           lc_extract_children(expr, &expr, 1) >= 1) {
        expr = lc_extract_strip(expr);
        subscripted = 1;
    }
    CXCursor referenced = clang_getCursorReferenced(expr);
    switch (clang_getCursorKind(expr)) {
    case CXCursor_DeclRefExpr:
        extract_declaration_value(walk, referenced, value);
        break;
    case CXCursor_MemberRefExpr:
        if (clang_getCursorKind(referenced) == CXCursor_FieldDecl)
            lc_extract_field_value(walk, referenced, value);
        break;
    default:
        break;
    }
    if (subscripted && value->kind != LC_VALUE_VAR && value->kind != LC_VALUE_FIELD)
        memset(value, 0, sizeof *value);
}

static int extract_is_pointer(CXType type)
{
    enum CXTypeKind kind = clang_getCanonicalType(type).kind;
    return kind == CXType_Pointer || kind == CXType_BlockPointer || kind == CXType_NullPtr;
}

int lc_extract_is_integer(CXType type)
{
    enum CXTypeKind kind = clang_getCanonicalType(type).kind;
    return (kind >= CXType_Bool && kind <= CXType_Int128) || kind == CXType_Enum;
}

int lc_extract_is_counting_integer(CXType type)
{
    enum CXTypeKind kind = clang_getCanonicalType(type).kind;
    return kind >= CXType_Char_U && kind <= CXType_Int128;
}

int lc_extract_is_local(CXCursor declaration)
{
    return clang_getCursorKind(declaration) == CXCursor_VarDecl && !clang_Cursor_hasVarDeclGlobalStorage(declaration);
}

int lc_extract_is_char(CXType type)
{
    enum CXTypeKind kind = clang_getCanonicalType(type).kind;
    return kind == CXType_Char_S || kind == CXType_Char_U || kind == CXType_SChar || kind == CXType_UChar;
}

int lc_extract_is_string(CXType type)
{
    type = clang_getCanonicalType(type);
    return type.kind == CXType_Pointer && lc_extract_is_char(clang_getPointeeType(type));
}

int lc_extract_integer_constant(CXCursor expr, long long *value)
{
    CXEvalResult result = clang_Cursor_Evaluate(expr);
    if (!result)
        return 0;
    int is_int = clang_EvalResult_getKind(result) == CXEval_Int;
    if (is_int)
        *value = clang_EvalResult_isUnsignedInt(result) ?
            (long long)clang_EvalResult_getAsUnsigned(result) :
            clang_EvalResult_getAsLongLong(result);
    clang_EvalResult_dispose(result);
    return is_int;
}

/* NULL, 0 or (void *)0 where a pointer is expected (libclang gives an
 * argument for a parameter declared as a function, `void (cb)(dict *)`,
 * the function type). */
int lc_extract_is_null_pointer_constant(CXCursor expr)
{
    while (extract_is_pointer(clang_getCursorType(expr)) || extract_is_function_type(clang_getCursorType(expr))) {
        if (clang_getCursorKind(expr) == CXCursor_CXXNullPtrLiteralExpr)
            return 1;
        CXCursor operand = extract_strip_once(expr);
        if (clang_Cursor_isNull(operand))
            return 0;
        expr = operand;
    }
    long long value;
    return lc_extract_is_integer(clang_getCursorType(expr)) &&
           lc_extract_integer_constant(expr, &value) && value == 0;
}

/* `&var`, `&s->field`, `&s.field`, `&locks[i]` (the array): the object
 * whose address is passed (a lock given to pthread_cond_wait or taken by a
 * lock wrapper, a descriptor's variable). */
static void extract_address_of_object(struct lc_extract_walk *walk, CXCursor arg, struct lc_value *value)
{
    CXCursor expr = lc_extract_strip(arg), operand;
    if (clang_getCursorKind(expr) != CXCursor_UnaryOperator
        || clang_getCursorUnaryOperatorKind(expr) != CXUnaryOperator_AddrOf
        || lc_extract_children(expr, &operand, 1) != 1)
        return;
    operand = lc_extract_strip(operand);
    enum CXCursorKind kind = clang_getCursorKind(operand);
    if (kind != CXCursor_DeclRefExpr && kind != CXCursor_MemberRefExpr && kind != CXCursor_ArraySubscriptExpr)
        return;
    lc_extract_value(walk, operand, value);
    if (value->kind != LC_VALUE_VAR && value->kind != LC_VALUE_FIELD)
        memset(value, 0, sizeof *value);
}

/* `*sock` (extract_expressions.h).  A kind of its own: what reads
 * parameters (the cost model's bounds) does not take it for the
 * parameter. */
void lc_extract_pointee_of_parameter(struct lc_extract_walk *walk, CXCursor arg, struct lc_value *value)
{
    CXCursor expr = lc_extract_strip(arg), operand;
    if (!lc_extract_is_integer(clang_getCursorType(expr)) || clang_getCursorKind(expr) != CXCursor_UnaryOperator
        || clang_getCursorUnaryOperatorKind(expr) != CXUnaryOperator_Deref
        || lc_extract_children(expr, &operand, 1) != 1)
        return;
    operand = lc_extract_strip(operand);
    if (clang_getCursorKind(operand) != CXCursor_DeclRefExpr
        || clang_getCursorKind(clang_getCursorReferenced(operand)) != CXCursor_ParmDecl)
        return;
    lc_extract_value(walk, operand, value);
    if (value->kind == LC_VALUE_PARAM)
        value->kind = LC_VALUE_POINTEE;
    else
        memset(value, 0, sizeof *value);
}

CXCursor lc_extract_through_address(struct lc_extract_walk *walk, CXCursor expr)
{
    CXCursor operand, object;
    expr = lc_extract_strip(expr);
    if (clang_getCursorKind(expr) != CXCursor_UnaryOperator
        || clang_getCursorUnaryOperatorKind(expr) != CXUnaryOperator_Deref
        || lc_extract_children(expr, &operand, 1) != 1)
        return clang_getNullCursor();
    CXCursor local = lc_extract_loop_variable(operand);
    if (!lc_extract_is_local(local) || !lc_extract_variable_events_cover(walk, walk->function))
        return clang_getNullCursor();
    const struct lc_extract_variable_event *event = lc_extract_variable_event_next(walk, local, NULL);
    if (!event || event->kind != LC_EXTRACT_EVENT_DECLARED)
        return clang_getNullCursor();
    for (event = lc_extract_variable_event_next(walk, local, event); event;
         event = lc_extract_variable_event_next(walk, local, event))
        if (event->kind != LC_EXTRACT_EVENT_ADDRESS || event->under_call_given_address)
            return clang_getNullCursor();   /* set again, or handed to a call that may */
    CXCursor start = lc_extract_strip(clang_Cursor_getVarDeclInitializer(local));
    if (clang_getCursorKind(start) != CXCursor_UnaryOperator
        || clang_getCursorUnaryOperatorKind(start) != CXUnaryOperator_AddrOf
        || lc_extract_children(start, &object, 1) != 1)
        return clang_getNullCursor();
    return lc_extract_strip(object);
}

void lc_extract_argument(struct lc_extract_walk *walk, CXCursor arg, struct lc_value *value)
{
    CXType type = clang_getCursorType(arg);
    memset(value, 0, sizeof *value);
    if ((extract_is_pointer(type) || extract_is_function_type(type)) && lc_extract_is_null_pointer_constant(arg)) {
        value->kind = LC_VALUE_NULL;
        return;
    }
    if (lc_extract_is_integer(type) && lc_extract_integer_constant(arg, &value->int_value)) {
        value->kind = LC_VALUE_INT;
        return;
    }
    lc_extract_value(walk, arg, value);
    if (value->kind == LC_VALUE_OTHER)
        extract_address_of_object(walk, arg, value);
    if (value->kind == LC_VALUE_OTHER)
        lc_extract_pointee_of_parameter(walk, arg, value);
    CXCursor object = value->kind == LC_VALUE_OTHER ? lc_extract_through_address(walk, arg) : clang_getNullCursor();
    if (clang_getCursorKind(object) == CXCursor_MemberRefExpr || clang_getCursorKind(object) == CXCursor_DeclRefExpr) {
        lc_extract_value(walk, object, value);   /* what `*tmp` is: `p` */
        if (value->kind != LC_VALUE_VAR && value->kind != LC_VALUE_FIELD && value->kind != LC_VALUE_PARAM)
            memset(value, 0, sizeof *value);
    }
}

CXCursor lc_extract_called_function(CXCursor expr)
{
    CXCursor at = lc_extract_strip(expr);
    if (clang_getCursorKind(at) != CXCursor_CallExpr)
        return clang_getNullCursor();
    CXCursor callee = clang_getCursorReferenced(at);
    return clang_getCursorKind(callee) == CXCursor_FunctionDecl ? clang_getCanonicalCursor(callee)
                                                                : clang_getNullCursor();
}
