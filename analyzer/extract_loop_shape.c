/* extract_loop_shape.c — what a loop's parts say beyond the comparison in
 * its condition (extract_loops.c), besides the short loops of
 * extract_loop_steps.c:
 *  - a table: the condition reads a fixed-size array at an index that is
 *    not a constant (`mdays[m]`, `table[i].name != NULL`); the loop cannot
 *    run past the array, so its size bounds the trip count;
 *    (or a pointer the for's init points into such an array:
 *    `for (p = table; p->name != NULL; p++)`, or the body reads such an
 *    array at a variable of the condition: `sum += sizes[i]`);
 *  - the source (enum lc_loop_source): a character read through a pointer
 *    or an index (`*p`, `s[i] != '\0'`) makes the loop a STRING walk; a
 *    parameter, a global or a call's result make it INPUT, and so does a
 *    local unless its initializer (in its declaration or the for's init)
 *    reads nothing but constants; otherwise it is LOCAL (a loop that
 *    continues its enclosing loop's walk is PARENT: extract_loop_walk.c);
 *  - the variables a condition reads (lc_extract_variables_*), a field of a
 *    parameter an argument is, and the arguments a call divides or shifts. */
#include "extract_internal.h"


/* An array's length when more than 1; LC_EXTRACT_TABLE_UNSEEN for a
 * read-only global array declared without its length (`extern const struct
 * entry table[];`: compiled in elsewhere); else 0. */
static long long shape_array_length(CXCursor expr)
{
    expr = lc_extract_strip(expr);
    CXType array = clang_getCanonicalType(clang_getCursorType(expr));
    CXType element = clang_getArrayElementType(clang_getCursorType(expr));   /* keeps its const */
    if (array.kind == CXType_IncompleteArray && clang_isConstQualifiedType(element)
        && clang_getCursorKind(expr) == CXCursor_DeclRefExpr
        && clang_Cursor_hasVarDeclGlobalStorage(clang_getCursorReferenced(expr)) == 1)
        return LC_EXTRACT_TABLE_UNSEEN;
    return lc_extract_array_length(array);
}

/* The smaller of two table sizes (0: none; an unseen one is the larger). */
static long long shape_smaller_table(long long size, long long length)
{
    if (length == 0 || size > 0)
        return size > 0 && length > 0 && length < size ? length : size;
    return length > 0 || size == 0 ? length : size;
}

static enum CXChildVisitResult shape_table_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    long long *size = data, index;
    CXCursor parts[2];
    if (clang_getCursorKind(cursor) != CXCursor_ArraySubscriptExpr || lc_extract_children(cursor, parts, 2) != 2
        || lc_extract_integer_constant(parts[1], &index))
        return CXChildVisit_Recurse;
    *size = shape_smaller_table(*size, shape_array_length(parts[0]));
    return CXChildVisit_Recurse;
}


CXCursor lc_extract_loop_variable(CXCursor expr)
{
    expr = lc_extract_strip(expr);
    if (clang_getCursorKind(expr) != CXCursor_DeclRefExpr)
        return clang_getNullCursor();
    CXCursor declaration = clang_getCanonicalCursor(clang_getCursorReferenced(expr));
    enum CXCursorKind kind = clang_getCursorKind(declaration);
    return kind == CXCursor_VarDecl || kind == CXCursor_ParmDecl ? declaration : clang_getNullCursor();
}

static enum CXChildVisitResult shape_collect_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct lc_extract_variables *variables = data;
    CXCursor variable = lc_extract_loop_variable(cursor);
    if (!clang_Cursor_isNull(variable) && variables->count < LC_EXTRACT_VARIABLES)
        variables->declarations[variables->count++] = variable;
    return CXChildVisit_Recurse;
}

int lc_extract_is_variable(CXCursor expr, CXCursor declaration)
{
    CXCursor named = lc_extract_loop_variable(expr);
    return !clang_Cursor_isNull(named) && clang_equalCursors(named, declaration);
}

int lc_extract_reads_variable(CXCursor expr, CXCursor declaration)
{
    struct lc_extract_variables read = { .count = 0, .found = 0 };
    lc_extract_variables_collect(expr, &read);
    return lc_extract_variables_has_declaration(&read, declaration);
}

CXCursor lc_extract_address_operand(CXCursor expr)
{
    CXCursor operand;
    expr = lc_extract_strip(expr);
    return clang_getCursorKind(expr) == CXCursor_UnaryOperator
                   && clang_getCursorUnaryOperatorKind(expr) == CXUnaryOperator_AddrOf
                   && lc_extract_children(expr, &operand, 1) == 1
               ? lc_extract_strip(operand)
               : clang_getNullCursor();
}

CXCursor lc_extract_array_element(CXCursor value, int *address)
{
    CXCursor at = lc_extract_address_operand(value);
    int taken = !clang_Cursor_isNull(at);
    if (!taken)
        at = lc_extract_strip(value);
    if (address)
        *address = taken;
    return clang_getCursorKind(at) == CXCursor_ArraySubscriptExpr ? at : clang_getNullCursor();
}

CXCursor lc_extract_only_variable(CXCursor expr)
{
    struct lc_extract_variables read = { .count = 0, .found = 0 };
    lc_extract_variables_collect(expr, &read);
    if (read.count == 0 || read.count == LC_EXTRACT_VARIABLES)
        return clang_getNullCursor();
    for (unsigned i = 1; i < read.count; i++)
        if (!clang_equalCursors(read.declarations[i], read.declarations[0]))
            return clang_getNullCursor();
    return read.declarations[0];
}

void lc_extract_variables_collect(CXCursor expr, struct lc_extract_variables *variables)
{
    if (clang_Cursor_isNull(expr))
        return;
    shape_collect_visit(expr, clang_getNullCursor(), variables);
    clang_visitChildren(expr, shape_collect_visit, variables);
}

int lc_extract_variables_has_declaration(const struct lc_extract_variables *variables, CXCursor declaration)
{
    for (unsigned i = 0; i < variables->count; i++)
        if (clang_equalCursors(declaration, variables->declarations[i]))
            return 1;
    return 0;
}

int lc_extract_variables_has(const struct lc_extract_variables *variables, CXCursor expr)
{
    CXCursor variable = lc_extract_loop_variable(expr);
    for (unsigned i = 0; !clang_Cursor_isNull(variable) && i < variables->count; i++)
        if (clang_equalCursors(variable, variables->declarations[i]))
            return 1;
    return 0;
}

/* 1 + the parameter a call measures: its arguments are constants, string
 * literals and values lc_extract_field_of_parameter gives one parameter
 * for (`sdslen(ai->file_name)`: the length of a field); else 0. */
static int shape_argument_of(void *context, CXCursor argument)
{
    return clang_getCursorKind(argument) == CXCursor_CallExpr ? -1 : lc_extract_field_of_parameter(context, argument) - 1;
}

static int shape_call_of_parameter(struct lc_extract_walk *walk, CXCursor call)
{
    return lc_extract_call_arguments_of(call, shape_argument_of, walk) + 1;
}

int lc_extract_field_of_parameter(struct lc_extract_walk *walk, CXCursor expr)
{
    CXCursor base;
    expr = lc_extract_strip(expr);
    if (clang_getCursorKind(expr) == CXCursor_CallExpr)
        return shape_call_of_parameter(walk, expr);
    if (clang_getCursorKind(expr) == CXCursor_UnaryOperator
        && clang_getCursorUnaryOperatorKind(expr) == CXUnaryOperator_AddrOf && lc_extract_children(expr, &base, 1) == 1
        && clang_getCursorKind(lc_extract_strip(base)) == CXCursor_MemberRefExpr)
        expr = lc_extract_strip(base);   /* `&p->list` */
    CXCursor variable = lc_extract_loop_variable(expr);
    if (clang_getCursorKind(variable) == CXCursor_VarDecl
        && clang_getCanonicalType(clang_getCursorType(variable)).kind == CXType_Pointer)
        return lc_extract_parameter_of(walk, variable) + 1;   /* a local standing for a parameter */
    if (clang_getCursorKind(expr) != CXCursor_MemberRefExpr || lc_extract_children(expr, &base, 1) != 1)
        return lc_extract_bounding_parameter(expr) + 1;
    base = lc_extract_strip(base);
    CXCursor parameter = lc_extract_loop_variable(base);
    if (clang_getCanonicalType(clang_getCursorType(base)).kind != CXType_Pointer)
        return 0;
    if (clang_getCursorKind(parameter) == CXCursor_VarDecl)
        return lc_extract_parameter_of(walk, parameter) + 1;
    if (clang_getCursorKind(parameter) != CXCursor_ParmDecl)
        return 0;
    return lc_extract_parameter_position(parameter);
}

unsigned lc_extract_scaled_arguments(CXCursor call)
{
    unsigned mask = 0;
    int count = clang_Cursor_getNumArguments(call);
    for (int i = 0; i < count && i < LC_ELEMENT_ARGUMENTS; i++) {
        CXCursor argument = lc_extract_strip(clang_Cursor_getArgument(call, (unsigned)i)), sides[2];
        long long divisor;
        if (clang_getCursorKind(argument) != CXCursor_BinaryOperator || lc_extract_children(argument, sides, 2) != 2)
            continue;
        enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(argument);
        int shrinks = (op == CXBinaryOperator_Div && lc_extract_integer_constant(sides[1], &divisor) && divisor >= 2)
                      || (op == CXBinaryOperator_Shr && lc_extract_integer_constant(sides[1], &divisor) && divisor >= 1);
        if (shrinks && !clang_Cursor_isNull(lc_extract_loop_variable(sides[0])))
            mask |= 1u << i;
    }
    return mask;
}

struct shape_source {
    const struct lc_extract_loop_parts *parts;
    struct lc_extract_walk *walk;   /* where the loop's function gives its locals values */
    unsigned depth;         /* 1 inside a local's initializer: not followed further */
    int input, string;
};

/* A character, narrow or wide. */
static int shape_is_character(CXType type)
{
    enum CXTypeKind kind = clang_getCanonicalType(type).kind;
    return lc_extract_is_char(type) || kind == CXType_WChar || kind == CXType_Char16 || kind == CXType_Char32;
}

static void shape_source_of(struct shape_source *source, CXCursor expr);

int lc_extract_parameter_position(CXCursor parameter)
{
    CXCursor function = clang_getCursorSemanticParent(parameter);
    int count = clang_Cursor_getNumArguments(function);
    for (int i = 0; i < count; i++)
        if (clang_equalCursors(clang_getCanonicalCursor(clang_Cursor_getArgument(function, (unsigned)i)), parameter))
            return i + 1;
    return 0;
}

/* `variable = value` in the for's init, or null. */
static enum CXChildVisitResult shape_init_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    CXCursor *found = data, sides[2];
    if (clang_getCursorKind(cursor) == CXCursor_BinaryOperator
        && clang_getCursorBinaryOperatorKind(cursor) == CXBinaryOperator_Assign
        && lc_extract_children(cursor, sides, 2) == 2
        && clang_equalCursors(lc_extract_loop_variable(sides[0]), found[0])) {
        found[1] = sides[1];
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

CXCursor lc_extract_init_assignment(CXCursor init, CXCursor variable)
{
    CXCursor found[2] = { variable, clang_getNullCursor() };
    if (!clang_Cursor_isNull(init) && shape_init_visit(init, clang_getNullCursor(), found) == CXChildVisit_Recurse)
        clang_visitChildren(init, shape_init_visit, found);
    return found[1];
}

/* Is `expr` a character read through a pointer or from an array (`*d++`,
 * `s[i]`)? */
static int shape_reads_character(CXCursor expr)
{
    expr = lc_extract_strip(expr);
    enum CXCursorKind kind = clang_getCursorKind(expr);
    int read = kind == CXCursor_ArraySubscriptExpr
               || (kind == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(expr) == CXUnaryOperator_Deref);
    return read && shape_is_character(clang_getCursorType(expr));
}

/* A local given, everywhere in its function, only characters read from a
 * string (`lab = *d++;` before the loop and at the end of its body; `--`
 * and `++` aside, its address never taken): testing it walks that string. */
static int shape_holds_characters(struct lc_extract_walk *walk, CXCursor variable)
{
    size_t characters = 0;
    if (!walk || clang_getCursorKind(variable) != CXCursor_VarDecl)
        return 0;
    for (const struct lc_extract_variable_event *event = NULL;
         (event = lc_extract_variable_event_next(walk, variable, event));) {
        if (event->kind == LC_EXTRACT_EVENT_STEPPED || event->kind == LC_EXTRACT_EVENT_UPDATED)
            continue;
        if (event->kind != LC_EXTRACT_EVENT_ASSIGNED || !shape_reads_character(event->value))
            return 0;
        characters++;
    }
    return characters > 0;
}

/* A local: what its initializer reads, or INPUT when it has none we see. */
static void shape_local(struct shape_source *source, CXCursor variable)
{
    CXCursor value = clang_Cursor_getVarDeclInitializer(variable);
    if (clang_Cursor_isNull(value) && !clang_Cursor_isNull(source->parts->init)
        && clang_getCursorKind(source->parts->init) != CXCursor_DeclStmt)
        value = lc_extract_init_assignment(source->parts->init, variable);
    if (clang_Cursor_isNull(value) && source->depth == 0 && shape_holds_characters(source->walk, variable)) {
        source->string = 1;
        return;
    }
    if (clang_Cursor_isNull(value) || source->depth > 0) {
        source->input = 1;
        return;
    }
    source->depth++;
    shape_source_of(source, value);
    source->depth--;
}

/* A call given one character read and, besides, nothing but string
 * literals and variables holding strings (`isprint(s[i])`,
 * `light_isprint(*p)`, `strchr(cset, *sp)`): a test of that character,
 * against a set of them (what the set costs is the call's). */
static int shape_classifies_character(CXCursor call)
{
    int count = clang_Cursor_getNumArguments(call), characters = 0;
    for (int i = 0; i < count; i++) {
        CXCursor argument = lc_extract_strip(clang_Cursor_getArgument(call, (unsigned)i));
        if (shape_reads_character(argument)) {
            characters++;
            continue;
        }
        CXCursor set = lc_extract_loop_variable(argument);
        int string_set = clang_getCursorKind(argument) == CXCursor_StringLiteral
                         || (!clang_Cursor_isNull(set) && lc_extract_is_string(clang_getCursorType(set)));
        if (!string_set)
            return 0;
    }
    return characters == 1;
}

static enum CXChildVisitResult shape_source_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct shape_source *source = data;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    if (kind == CXCursor_CallExpr) {
        if (shape_classifies_character(cursor))
            source->string = 1;
        else
            source->input = 1;
        return CXChildVisit_Continue;
    }
    if (shape_reads_character(cursor))
        source->string = 1;
    CXCursor variable = kind == CXCursor_DeclRefExpr ? lc_extract_loop_variable(cursor) : clang_getNullCursor();
    if (clang_Cursor_isNull(variable))
        return CXChildVisit_Recurse;
    if (clang_getCursorKind(variable) == CXCursor_ParmDecl || clang_Cursor_hasVarDeclGlobalStorage(variable))
        source->input = 1;
    else
        shape_local(source, variable);
    return CXChildVisit_Continue;
}

static void shape_source_of(struct shape_source *source, CXCursor expr)
{
    if (shape_source_visit(expr, clang_getNullCursor(), source) == CXChildVisit_Recurse)
        clang_visitChildren(expr, shape_source_visit, source);
}

enum lc_loop_source lc_extract_loop_source(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts)
{
    struct shape_source source = { parts, walk, 0, 0, 0 };
    if (!clang_Cursor_isNull(parts->condition))
        shape_source_of(&source, parts->condition);
    if (source.string || (source.input && (lc_extract_loop_compares_texts(parts) || lc_extract_loop_reads_on(parts))))
        return LC_SOURCE_STRING;
    return source.input ? LC_SOURCE_INPUT : LC_SOURCE_LOCAL;
}

/* `table[i]` in the body, i a variable of the condition, table of a fixed size. */
struct shape_indexed {
    struct lc_extract_variables variables;
    long long size;
};

static enum CXChildVisitResult shape_indexed_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct shape_indexed *indexed = data;
    CXCursor parts[2];
    if (clang_getCursorKind(cursor) != CXCursor_ArraySubscriptExpr || lc_extract_children(cursor, parts, 2) != 2
        || !lc_extract_variables_has(&indexed->variables, parts[1]))
        return CXChildVisit_Recurse;
    indexed->size = shape_smaller_table(indexed->size, shape_array_length(parts[0]));
    return CXChildVisit_Recurse;
}

long long lc_extract_loop_table_size(const struct lc_extract_loop_parts *parts)
{
    long long size = 0;
    struct lc_extract_variables variables = { .count = 0, .found = 0 };
    if (clang_Cursor_isNull(parts->condition))
        return 0;
    shape_table_visit(parts->condition, clang_getNullCursor(), &size);
    clang_visitChildren(parts->condition, shape_table_visit, &size);
    lc_extract_variables_collect(parts->condition, &variables);
    /* `for (p = table; p->name != NULL; p++)`: a pointer into the table */
    for (unsigned i = 0; i < variables.count && size <= 0; i++) {
        CXCursor value = clang_Cursor_getVarDeclInitializer(variables.declarations[i]);
        if (clang_Cursor_isNull(value))
            value = lc_extract_init_assignment(parts->init, variables.declarations[i]);
        if (!clang_Cursor_isNull(value))
            size = shape_smaller_table(size, shape_array_length(value));
    }
    /* `for (i = 0; i <= n; i++) sum += sizes[i]`: i stays inside sizes */
    struct shape_indexed indexed = { .variables = variables, .size = 0 };
    if (size <= 0 && !clang_Cursor_isNull(parts->body)) {
        clang_visitChildren(parts->body, shape_indexed_visit, &indexed);
        size = shape_smaller_table(size, indexed.size);
    }
    return size;
}
