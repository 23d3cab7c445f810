/* extract_flags.c — integer flags and path strings handed to a call
 * through a local variable: `flags |= O_NONBLOCK; fcntl(fd, F_SETFL,
 * flags)`, `options = WNOHANG; waitpid(pid, &status, options)`,
 * `asprintf(&path, "/proc/%d/stat", pid); fopen(path, "r")`.  The walk
 * keeps, for each local integer variable of the function, the spellings of
 * what was assigned (`=`, in a branch added to what was there, else instead
 * of it) or or-ed (`|=`) into it before, in source order; a call's argument
 * that is such a variable gets the text "flags = fcntl ( fd , F_GETFL ) |
 * O_NONBLOCK", so the models' `argN~TOKEN` conditions see the flags.  A
 * value holding `~` clears flags and adds nothing.  A local `char *`
 * variable keeps the string literal assigned to it, or the one that follows
 * its address in a call (`asprintf(&path, "fmt", ...)`: the asprintf family
 * formats that literal into it); the argument then reads `path =
 * "/proc/%d/stat"`, which `argN^PREFIX` conditions see.  A different
 * string assigned in a branch makes the variable unknown. */
#include "extract_internal.h"

#include <string.h>

/* Is `variable` a local integer or string variable? */
static int extract_flag_kind_of(CXCursor variable)
{
    CXType type = clang_getCursorType(variable);
    return lc_extract_is_local(variable) && (lc_extract_is_integer(type) || lc_extract_is_string(type));
}

/* The local integer or string variable `expr` names, or a null cursor. */
static CXCursor extract_flag_variable(CXCursor expr)
{
    expr = lc_extract_strip(expr);
    CXCursor variable = clang_getCursorReferenced(expr);
    if (clang_getCursorKind(expr) != CXCursor_DeclRefExpr || !extract_flag_kind_of(variable))
        return clang_getNullCursor();
    return variable;
}

static struct lc_extract_flag_text *extract_flag_entry(struct lc_extract_walk *walk, const char *usr)
{
    for (size_t i = 0; i < walk->flag_count; i++)
        if (strcmp(walk->flags[i].variable_usr, usr) == 0)
            return &walk->flags[i];
    struct lc_extract_flag_text *entry =
        lc_extract_append(walk, &walk->flags, &walk->flag_count, &walk->flag_cap, sizeof *entry);
    if (entry)
        entry->variable_usr = usr;
    return entry;
}

/* A string variable takes a string literal, and loses what it held to a
 * different one assigned in a branch, or to anything else. */
static void extract_string_value(struct lc_extract_flag_text *entry, const char *text, int in_branch)
{
    if (!text || text[0] != '"' || (in_branch && entry->text && strcmp(entry->text, text) != 0))
        entry->text = NULL;
    else
        entry->text = text;
}

static void extract_flag_value(struct lc_extract_walk *walk, CXCursor variable, CXCursor value, int adds)
{
    const char *usr = lc_extract_usr(walk, variable);
    const char *text = lc_extract_text(walk, value);
    struct lc_extract_flag_text *entry = usr && text ? extract_flag_entry(walk, usr) : NULL;
    if (entry && lc_extract_is_string(clang_getCursorType(variable))) {
        extract_string_value(entry, text, walk->open_conditional != 0);
        return;
    }
    if (!entry || strchr(text, '~'))
        return;
    if (adds && entry->text)
        text = lc_arena_printf(&walk->facts->arena, "%s | %s", entry->text, text);
    if (!text)
        walk->out_of_memory = 1;
    else
        entry->text = text;
}

void lc_extract_flag_assignment(struct lc_extract_walk *walk, CXCursor assignment)
{
    CXCursor sides[2];
    enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(assignment);
    if (!walk->function_usr || (op != CXBinaryOperator_Assign && op != CXBinaryOperator_OrAssign)
        || lc_extract_children(assignment, sides, 2) != 2)
        return;
    CXCursor variable = extract_flag_variable(sides[0]);
    if (!clang_Cursor_isNull(variable))
        extract_flag_value(walk, variable, sides[1], op == CXBinaryOperator_OrAssign || walk->open_conditional);
}

void lc_extract_flag_variable(struct lc_extract_walk *walk, CXCursor variable)
{
    CXCursor init = clang_Cursor_getVarDeclInitializer(variable);
    if (walk->function_usr && !clang_Cursor_isNull(init) && extract_flag_kind_of(variable))
        extract_flag_value(walk, variable, init, 0);
}

void lc_extract_flag_call(struct lc_extract_walk *walk, CXCursor call)
{
    int nargs = clang_Cursor_getNumArguments(call);
    for (int i = 0; walk->function_usr && i < nargs; i++) {
        CXCursor argument = lc_extract_strip(clang_Cursor_getArgument(call, (unsigned)i)), operand;
        if (clang_getCursorKind(argument) != CXCursor_UnaryOperator
            || clang_getCursorUnaryOperatorKind(argument) != CXUnaryOperator_AddrOf
            || lc_extract_children(argument, &operand, 1) != 1)
            continue;
        CXCursor variable = extract_flag_variable(operand);
        if (clang_Cursor_isNull(variable) || !lc_extract_is_string(clang_getCursorType(variable)))
            continue;
        /* Its address before a literal formats that literal into it; before
         * anything else, or last, it may be given anything. */
        const char *usr = lc_extract_usr(walk, variable);
        struct lc_extract_flag_text *entry = usr ? extract_flag_entry(walk, usr) : NULL;
        if (entry)
            extract_string_value(entry, i + 1 < nargs ? lc_extract_text(walk, clang_Cursor_getArgument(call, (unsigned)i + 1))
                                                      : NULL,
                                 walk->open_conditional != 0);
    }
}

const char *lc_extract_flag_text(struct lc_extract_walk *walk, CXCursor argument, const char *text)
{
    CXCursor variable = extract_flag_variable(argument);
    const char *usr = clang_Cursor_isNull(variable) ? NULL : lc_extract_usr(walk, variable);
    for (size_t i = 0; usr && i < walk->flag_count; i++)
        if (strcmp(walk->flags[i].variable_usr, usr) == 0 && walk->flags[i].text) {
            const char *resolved = lc_arena_printf(&walk->facts->arena, "%s = %s", text ? text : "",
                                                   walk->flags[i].text);
            return resolved ? resolved : text;
        }
    return text;
}
