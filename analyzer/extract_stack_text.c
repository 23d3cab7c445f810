/* extract_stack_text.c — loops over the text of a buffer that every caller
 * fills on its own stack.  A loop counting up by one to an integer
 * parameter (`for (i = 0; i < len; i++)`) whose body reads a character
 * parameter at the counter (`buf[i]`, `buf` a `char *` its function never
 * changes) walks that buffer's characters.  When the function is static,
 * its address is never taken in the file, and every call of it in the file
 * passes for `buf` a character array declared in the caller's body (`char
 * s[1025]; ... turn_log_flatten(s, so_far)`), the loop walks the caller's
 * own scratch text: it becomes a walk over a string's characters
 * (LC_SOURCE_STRING), which costs its level inside the function and nothing
 * where it is called (cost.h), as a loop over the caller's own locals
 * would.  The array's size bounds the walk; what the caller wrote there
 * (a formatted line) is text. */
#include <string.h>

#include "extract_internal.h"

/* The parameters read at the counter: `param[counter]`. */
struct stack_text_reads {
    CXCursor counter;
    int position;   /* 1 + the parameter's index; 0 none yet; -1 two */
};

static enum CXChildVisitResult stack_text_read_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct stack_text_reads *reads = data;
    CXCursor sides[2];
    if (clang_getCursorKind(cursor) != CXCursor_ArraySubscriptExpr || lc_extract_children(cursor, sides, 2) != 2)
        return CXChildVisit_Recurse;
    CXCursor index = lc_extract_loop_variable(sides[1]);
    CXCursor base = clang_getCursorReferenced(lc_extract_strip(sides[0]));
    if (clang_Cursor_isNull(index) || !clang_equalCursors(index, reads->counter)
        || clang_getCursorKind(base) != CXCursor_ParmDecl
        || !lc_extract_is_char(clang_getPointeeType(clang_getCursorType(base))))
        return CXChildVisit_Recurse;
    int position = lc_extract_parameter_position(base);
    reads->position = reads->position == 0 || reads->position == position ? position : -1;
    return CXChildVisit_Recurse;
}

int lc_extract_loop_text_param(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts,
                               int bound_param)
{
    CXCursor counter, bound;
    if (bound_param < 0 || clang_Cursor_isNull(parts->body) || !lc_extract_loop_counting(parts, &counter, &bound))
        return -1;
    CXCursor limit = clang_getCursorReferenced(bound);
    if (clang_getCursorKind(bound) != CXCursor_DeclRefExpr || clang_getCursorKind(limit) != CXCursor_ParmDecl
        || lc_extract_parameter_position(limit) != bound_param + 1)
        return -1;
    struct stack_text_reads reads = { counter, 0 };
    clang_visitChildren(parts->body, stack_text_read_visit, &reads);
    return reads.position > 0 && lc_extract_param_unchanged(walk, reads.position) ? reads.position - 1 : -1;
}

/* Is `argument` a character array declared in the caller's body (not a
 * parameter, not static: the caller's own stack)? */
static int stack_text_argument(CXCursor argument)
{
    CXCursor variable = lc_extract_loop_variable(argument);
    if (!lc_extract_is_local(variable))
        return 0;
    CXType type = clang_getCanonicalType(clang_getCursorType(variable));
    return type.kind == CXType_ConstantArray && lc_extract_is_char(clang_getArrayElementType(type));
}

unsigned lc_extract_stack_text_arguments(CXCursor call)
{
    unsigned bits = 0;
    int count = clang_Cursor_getNumArguments(call);
    for (int i = 0; i < count && i < LC_ELEMENT_ARGUMENTS; i++)
        if (stack_text_argument(clang_Cursor_getArgument(call, (unsigned)i)))
            bits |= 1u << i;
    return bits;
}

/* A static function whose text loops may be turned, while the file is
 * checked: its calls so far, and whether one of them fails. */
struct stack_text_function {
    const char *usr;
    unsigned params;     /* the text parameters its loops read */
    unsigned calls;
    int excluded;        /* a call passes something else, or its address
                            is taken */
};

static struct stack_text_function *stack_text_find(struct stack_text_function *functions, size_t count,
                                                   const char *usr)
{
    for (size_t i = 0; usr && i < count; i++)
        if (strcmp(functions[i].usr, usr) == 0)
            return &functions[i];
    return NULL;
}

static void stack_text_address_taken(struct stack_text_function *functions, size_t count,
                                     const struct lc_value *value)
{
    struct stack_text_function *function =
        value->kind == LC_VALUE_FUNCTION ? stack_text_find(functions, count, value->usr) : NULL;
    if (function)
        function->excluded = 1;
}

/* The static functions defined in the file that have such loops (a few:
 * the passes below are over every call and store once). */
static size_t stack_text_candidates(const struct lc_tu_facts *facts, struct stack_text_function *functions,
                                    size_t capacity)
{
    size_t count = 0;
    for (size_t l = 0; l < facts->loop_count; l++) {
        const struct lc_loop_fact *loop = &facts->loops[l];
        if (loop->text_param < 0 || loop->source != LC_SOURCE_INPUT)
            continue;
        struct stack_text_function *function = stack_text_find(functions, count, loop->function_usr);
        if (!function && count < capacity) {
            int is_static = 0;
            for (size_t f = 0; f < facts->function_count && !is_static; f++)
                is_static = facts->functions[f].is_static && facts->functions[f].is_definition
                            && strcmp(facts->functions[f].usr, loop->function_usr) == 0;
            if (is_static)
                function = &functions[count++];
            if (function)
                *function = (struct stack_text_function){ loop->function_usr, 0, 0, 0 };
        }
        if (function)
            function->params |= 1u << loop->text_param;
    }
    return count;
}

#define STACK_TEXT_FUNCTIONS 32   /* candidates per file; more are left alone */

void lc_extract_stack_text_loops(struct lc_tu_facts *facts)
{
    struct stack_text_function functions[STACK_TEXT_FUNCTIONS];
    size_t count = stack_text_candidates(facts, functions, STACK_TEXT_FUNCTIONS);
    for (size_t c = 0; c < facts->call_count && count > 0; c++) {
        const struct lc_call_fact *call = &facts->calls[c];
        for (size_t a = 0; a < call->nargs; a++)
            stack_text_address_taken(functions, count, &call->args[a]);
        struct stack_text_function *callee =
            call->callee.kind == LC_VALUE_FUNCTION ? stack_text_find(functions, count, call->callee.usr) : NULL;
        if (!callee)
            continue;
        callee->calls++;
        if ((call->stack_text_args & callee->params) != callee->params)
            callee->excluded = 1;
    }
    for (size_t s = 0; s < facts->store_count && count > 0; s++)
        stack_text_address_taken(functions, count, &facts->stores[s].value);
    for (size_t l = 0; l < facts->loop_count && count > 0; l++) {
        struct lc_loop_fact *loop = &facts->loops[l];
        const struct stack_text_function *function =
            loop->text_param >= 0 && loop->source == LC_SOURCE_INPUT
                ? stack_text_find(functions, count, loop->function_usr)
                : NULL;
        if (function && !function->excluded && function->calls > 0)
            loop->source = LC_SOURCE_STRING;
    }
}
