/* extract_gotos.c — labels and backward gotos: a goto to a label seen
 * earlier in the function is a loop (LC_LOOP_GOTO), conditional when an
 * if/switch/loop opened after the label holds it; the calls and loops
 * between the label and the goto move into that loop. */
#include "extract_internal.h"

#include <string.h>

void lc_extract_label(struct lc_extract_walk *walk, CXCursor label)
{
    struct lc_extract_label *entry = lc_extract_append(walk, &walk->labels, &walk->label_count,
                                                       &walk->label_cap, sizeof *entry);
    if (!entry)
        return;
    entry->name = lc_extract_string(walk, clang_getCursorSpelling(label));
    entry->first_call = walk->facts->call_count;
    entry->first_loop = walk->facts->loop_count;
    entry->conditionals = walk->conditionals;
}

/* The goto loop `index` holds what lies between `label` and it: the calls
 * and loops there that were directly in the loop around the goto. */
static void extract_adopt(struct lc_extract_walk *walk, const struct lc_extract_label *label,
                          int index)
{
    struct lc_tu_facts *facts = walk->facts;
    for (size_t i = label->first_call; i < facts->call_count; i++)
        if (facts->calls[i].loop_index == walk->loop_index)
            facts->calls[i].loop_index = index;
    for (size_t i = label->first_loop; i < (size_t)index; i++) {
        struct lc_loop_fact *loop = &facts->loops[i];
        if (loop->parent_index == walk->loop_index)
            loop->parent_index = index;
        loop->depth = loop->parent_index >= 0 ? facts->loops[loop->parent_index].depth + 1 : 1;
    }
}

/* A goto to a label seen before in the function is a loop: UNBOUNDED when no
 * if/switch/loop opened after the label holds the goto, else DATA guarded
 * by that conditional's condition. */
void lc_extract_goto(struct lc_extract_walk *walk, CXCursor statement)
{
    CXCursor target;
    if (lc_extract_children(statement, &target, 1) < 1)
        return;
    CXString name = clang_getCursorSpelling(target);
    const struct lc_extract_label *label = NULL;
    for (size_t i = walk->label_count; i-- > 0 && !label;)
        if (walk->labels[i].name && strcmp(walk->labels[i].name, clang_getCString(name)) == 0)
            label = &walk->labels[i];
    clang_disposeString(name);
    if (!label)
        return;
    CXCursor none = clang_getNullCursor();
    struct lc_extract_loop_parts parts = { none, none, none, none };
    if (walk->open_conditional > label->conditionals)
        parts.condition = walk->guard;
    int index = lc_extract_loop(walk, statement, LC_LOOP_GOTO, &parts);
    if (index >= 0)
        extract_adopt(walk, label, index);
}
