/* extract_string_prefix.c — local `char *` variables known by how their
 * text starts (`string-prefix` models, facts.h lc_string_prefix_function).
 * A local `char *` variable every value of which in the function is the
 * result of a `string-prefix` call starts with that call's literal: `cmd =
 * g_strconcat("command ", name, NULL)` starts with "command ",
 * `g_strdup_printf("default command %s", cmd)` with "default command ".
 * Its values are its initialiser and the right sides of its assignments
 * (through a chain of them: `cmd = orig = g_strconcat(...)`);
 * an increment, a compound assignment or `&cmd` anywhere in the function
 * leaves it unknown (what `&cmd` reaches may set it), and so does a value
 * of any other kind.  Several calls: the text they all start with.  What
 * a callee does to the characters (irssi's `ascii_strdown(cmd)`) is not
 * followed: a model's literal is taken to be kept.  Computed once per
 * function, when an argument first asks (extract_arg_keys.c). */
#include "extract_internal.h"

#include <string.h>

static const char *string_prefix_common(struct lc_extract_walk *walk, const char *a, const char *b);

/* The text of the string literal `expression` (through parentheses and
 * casts) without its quotes, escapes kept; with `format`, up to its first
 * '%'; for `c ? x : y`, what both arms' texts start with (irssi's
 * `g_strconcat(reply ? "dcc reply " : "dcc ctcp ", ...)`: "dcc ").  NULL
 * when it is no literal or the text is empty. */
static const char *string_prefix_of_literal(struct lc_extract_walk *walk, CXCursor expression, int format)
{
    CXCursor literal = lc_extract_strip(expression), arms[3];
    if (clang_getCursorKind(literal) == CXCursor_ConditionalOperator && lc_extract_children(literal, arms, 3) == 3)
        return string_prefix_common(walk, string_prefix_of_literal(walk, arms[1], format),
                                    string_prefix_of_literal(walk, arms[2], format));
    if (clang_getCursorKind(literal) != CXCursor_StringLiteral)
        return NULL;
    const char *spelling = lc_extract_string(walk, clang_getCursorSpelling(literal));
    if (!spelling || spelling[0] != '"')
        return NULL;
    size_t length = strlen(spelling + 1);
    length -= length > 0 && spelling[length] == '"';
    if (format) {
        const char *percent = memchr(spelling + 1, '%', length);
        length = percent ? (size_t)(percent - (spelling + 1)) : length;
    }
    if (length == 0)
        return NULL;
    const char *prefix = lc_arena_printf(&walk->facts->arena, "%.*s", (int)length, spelling + 1);
    walk->out_of_memory |= !prefix;
    return prefix;
}

/* The text both `a` and `b` start with, NULL when either is NULL or they
 * share nothing. */
static const char *string_prefix_common(struct lc_extract_walk *walk, const char *a, const char *b)
{
    if (!a || !b)
        return NULL;
    size_t common = 0;
    while (a[common] && a[common] == b[common])
        common++;
    if (!a[common])
        return a;
    const char *shorter = common ? lc_arena_printf(&walk->facts->arena, "%.*s", (int)common, a) : NULL;
    walk->out_of_memory |= common && !shorter;
    return shorter;
}

/* The text the result of `value` starts with (a literal's spelling
 * without quotes, escapes kept), or NULL when it is no `string-prefix`
 * call with a literal there or the text is empty.  An assignment gives
 * what it assigns (`cmd = orig = g_strconcat(...)`). */
static const char *string_prefix_of_value(struct lc_extract_walk *walk, CXCursor value)
{
    CXCursor call = lc_extract_strip(value), sides[2];
    while (lc_extract_assignment_sides(call, sides))
        call = lc_extract_strip(sides[1]);
    if (clang_getCursorKind(call) != CXCursor_CallExpr)
        return NULL;
    CXString name = clang_getCursorSpelling(call);
    const char *callee = clang_getCString(name);
    const struct lc_string_prefix_function *function = NULL;
    for (size_t i = 0; callee && i < walk->vocabulary->string_prefix_count && !function; i++)
        if (strcmp(walk->vocabulary->string_prefixes[i].name, callee) == 0)
            function = &walk->vocabulary->string_prefixes[i];
    clang_disposeString(name);
    if (!function || function->position > clang_Cursor_getNumArguments(call))
        return NULL;
    return string_prefix_of_literal(walk, clang_Cursor_getArgument(call, (unsigned)function->position - 1),
                                    function->format);
}

static int string_prefix_is_candidate(CXCursor variable)
{
    return lc_extract_is_local(variable) && lc_extract_is_string(clang_getCursorType(variable));
}

/* `variable` (canonical, a local `char *`) gets a value starting with
 * `prefix` (NULL: not known). */
static void string_prefix_note(struct lc_extract_walk *walk, CXCursor variable, const char *prefix)
{
    struct lc_extract_string_start *entry = NULL;
    for (size_t i = 0; i < walk->string_start_count && !entry; i++)
        if (clang_equalCursors(walk->string_starts[i].variable, variable))
            entry = &walk->string_starts[i];
    if (!entry) {
        entry = lc_extract_append(walk, &walk->string_starts, &walk->string_start_count, &walk->string_start_cap,
                                  sizeof *walk->string_starts);
        if (entry)
            *entry = (struct lc_extract_string_start){ variable, prefix };
        return;
    }
    entry->prefix = string_prefix_common(walk, entry->prefix, prefix);
}

static enum CXChildVisitResult string_prefix_scan_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct lc_extract_walk *walk = data;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    CXCursor side, value, variable = lc_extract_variable_set(cursor, &value);
    if (!clang_Cursor_isNull(variable)) {
        if (string_prefix_is_candidate(variable))
            string_prefix_note(walk, variable, string_prefix_of_value(walk, value));
    } else if ((kind == CXCursor_CompoundAssignOperator || kind == CXCursor_UnaryOperator)
               && lc_extract_children(cursor, &side, 1) >= 1) {
        enum CXUnaryOperatorKind op = kind == CXCursor_UnaryOperator ? clang_getCursorUnaryOperatorKind(cursor)
                                                                     : CXUnaryOperator_PostInc;
        int changes = (op >= CXUnaryOperator_PostInc && op <= CXUnaryOperator_PreDec) || op == CXUnaryOperator_AddrOf;
        CXCursor changed = lc_extract_loop_variable(side);
        if (changes && !clang_Cursor_isNull(changed) && string_prefix_is_candidate(changed))
            string_prefix_note(walk, changed, NULL);
    }
    return walk->out_of_memory ? CXChildVisit_Break : CXChildVisit_Recurse;
}

const char *lc_extract_string_start(struct lc_extract_walk *walk, CXCursor argument)
{
    if (!walk->vocabulary || !walk->vocabulary->string_prefix_count || clang_Cursor_isNull(walk->function))
        return NULL;
    CXCursor variable = lc_extract_loop_variable(argument);
    if (clang_Cursor_isNull(variable) || !string_prefix_is_candidate(variable))
        return NULL;
    if (!walk->string_starts_known) {
        walk->string_starts_known = 1;
        clang_visitChildren(walk->function, string_prefix_scan_visit, walk);
    }
    for (size_t i = 0; i < walk->string_start_count; i++)
        if (clang_equalCursors(walk->string_starts[i].variable, variable))
            return walk->string_starts[i].prefix;
    return NULL;
}
