/* extract_arg_keys.c — the keys a call argument that is no string literal
 * stands for (facts.h lc_arg_key, lc_call_fact.arg_keys).  A local `char
 * *` known by how it starts (extract_string_prefix.c) stands for that
 * start; a choice `c ? x : y` (through parentheses, casts and macros, and
 * nested) for the keys of both arms together, each arm a string literal
 * (its text, exactly), such a variable or such a choice: irssi's
 * `rec->notice ? "command notice" : "command msg"` stands for "command
 * notice" and "command msg", not for every text starting "command ".  One
 * arm of any other kind (a parameter, a call) and the choice stands for no
 * known key.  A string literal alone is a string argument already
 * (facts.h LC_VALUE_STRING). */
#include "extract_internal.h"

#include <string.h>

#include "grow.h"

/* The keys of one argument, gathered. */
struct arg_keys {
    struct lc_arg_key *keys;
    size_t count, cap;
};

/* Add `text` (exact, or with `starts` a start) once. */
static int arg_keys_add(struct arg_keys *list, const char *text, int starts)
{
    for (size_t i = 0; i < list->count; i++)
        if (list->keys[i].starts == starts && strcmp(list->keys[i].text, text) == 0)
            return 0;
    struct lc_arg_key *key = lc_grow_append((void **)&list->keys, &list->count, &list->cap, sizeof *list->keys, 4);
    if (!key)
        return -1;
    *key = (struct lc_arg_key){ text, starts };
    return 0;
}

/* The text of the string literal `literal` without its quotes, escapes
 * kept as libclang spells them; NULL when it is no plain literal. */
static const char *arg_keys_literal_text(struct lc_extract_walk *walk, CXCursor literal)
{
    const char *spelling = lc_extract_string(walk, clang_getCursorSpelling(literal));
    size_t length = spelling ? strlen(spelling) : 0;
    if (length < 2 || spelling[0] != '"' || spelling[length - 1] != '"')
        return NULL;
    const char *text = lc_arena_printf(&walk->facts->arena, "%.*s", (int)(length - 2), spelling + 1);
    walk->out_of_memory |= !text;
    return text;
}

/* Add the keys `expression` stands for (`arm`: inside a choice, where a
 * literal is a key).  0, 1 when it stands for no known key, -1 when memory
 * runs out. */
static int arg_keys_collect(struct lc_extract_walk *walk, CXCursor expression, int arm, struct arg_keys *list)
{
    CXCursor stripped = lc_extract_strip(expression), arms[3];
    if (clang_getCursorKind(stripped) == CXCursor_ConditionalOperator && lc_extract_children(stripped, arms, 3) == 3) {
        int rc = arg_keys_collect(walk, arms[1], 1, list);
        return rc != 0 ? rc : arg_keys_collect(walk, arms[2], 1, list);
    }
    if (arm && clang_getCursorKind(stripped) == CXCursor_StringLiteral) {
        const char *text = arg_keys_literal_text(walk, stripped);
        return walk->out_of_memory ? -1 : !text ? 1 : arg_keys_add(list, text, 0);
    }
    const char *start = lc_extract_string_start(walk, expression);
    return walk->out_of_memory ? -1 : !start ? 1 : arg_keys_add(list, start, 1);
}

/* Argument `i`'s keys into fact->arg_keys, when it stands for known ones. */
static void arg_keys_of_argument(struct lc_extract_walk *walk, CXCursor argument, struct lc_call_fact *fact,
                                 size_t i, struct arg_keys *list)
{
    list->count = 0;
    if (!lc_extract_is_string(clang_getCursorType(argument)))
        return;
    int rc = arg_keys_collect(walk, argument, 0, list);
    walk->out_of_memory |= rc < 0;
    if (rc != 0 || !list->count)
        return;
    if (!fact->arg_keys) {
        fact->arg_keys = lc_arena_alloc(&walk->facts->arena, fact->nargs * sizeof *fact->arg_keys);
        if (!fact->arg_keys) {
            walk->out_of_memory = 1;
            return;
        }
        memset(fact->arg_keys, 0, fact->nargs * sizeof *fact->arg_keys);
    }
    struct lc_arg_key *keys = lc_arena_alloc(&walk->facts->arena, (list->count + 1) * sizeof *keys);
    if (!keys) {
        walk->out_of_memory = 1;
        return;
    }
    memcpy(keys, list->keys, list->count * sizeof *keys);
    keys[list->count] = (struct lc_arg_key){ NULL, 0 };
    fact->arg_keys[i] = keys;
}

void lc_extract_arg_keys(struct lc_extract_walk *walk, CXCursor call, struct lc_call_fact *fact)
{
    struct arg_keys list = { 0 };
    for (size_t i = 0; i < fact->nargs && !walk->out_of_memory; i++)
        arg_keys_of_argument(walk, clang_Cursor_getArgument(call, (unsigned)i), fact, i, &list);
    free(list.keys);
}
