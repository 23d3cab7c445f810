/* extract_init.c — the function pointers (and, in a function, the
 * pointers to structs) an initialiser stores:
 * `struct ops o = { .on_read = f, g }`, `table[] = { {"get", do_get} }`,
 * `handler_t handlers[] = { a, b }`, compound literals.
 *
 * libclang shows the syntactic form of an initialiser list, so this follows
 * C's rules itself: positional items go to the next field or element,
 * designators (`.a.b = v`, `[i] = v`) move the position, and a scalar item
 * where an aggregate is expected starts a brace-elided run through that
 * aggregate's members.  A record's members are FIELD targets; the elements
 * of an array of function pointers take the array's target (the variable
 * or field).  Recursion follows brace nesting, which clang bounds. */
#include "extract_internal.h"

#include <stdlib.h>

/* The items of one braced list and the next one to use. */
struct extract_items {
    CXCursor *items;
    unsigned count, next;
};

static void extract_fill(struct lc_extract_walk *walk, CXType type,
                         const struct lc_value *target, struct extract_items *items,
                         int braced);

static int extract_is_record(CXType type)
{
    return clang_getCanonicalType(type).kind == CXType_Record;
}

static int extract_is_array(CXType type)
{
    enum CXTypeKind kind = clang_getCanonicalType(type).kind;
    return kind == CXType_ConstantArray || kind == CXType_IncompleteArray ||
           kind == CXType_VariableArray;
}

static int extract_is_aggregate(CXType type)
{
    return extract_is_record(type) || extract_is_array(type);
}

/* `.field = value` and `[index] = value` are DesignatedInitExprs: exposed as
 * void UnexposedExprs whose children are the designators, then the value. */
static int extract_is_designated(CXCursor item)
{
    CXCursor children[2];
    return clang_getCursorKind(item) == CXCursor_UnexposedExpr &&
           clang_getCursorType(item).kind == CXType_Void &&
           lc_extract_children(item, children, 2) >= 2;
}

static void extract_fill_braced(struct lc_extract_walk *walk, CXType type,
                                const struct lc_value *target, CXCursor list)
{
    struct extract_items items = { NULL, 0, 0 };
    items.items = lc_extract_children_all(walk, list, &items.count);
    extract_fill(walk, type, target, &items, 1);
    free(items.items);
}

/* Initialise one object of `type` (whose target is `target`) from the next
 * item: a braced list, a brace-elided run, or a single value. */
static void extract_object(struct lc_extract_walk *walk, CXType type,
                           const struct lc_value *target, struct extract_items *items)
{
    CXCursor item = items->items[items->next];
    if (clang_getCursorKind(item) == CXCursor_InitListExpr) {
        items->next++;
        extract_fill_braced(walk, type, target, item);
    } else if (extract_is_aggregate(type) &&
               !extract_is_aggregate(clang_getCursorType(item))) {
        unsigned first = items->next;
        extract_fill(walk, type, target, items, 0);
        if (items->next == first)   /* an empty aggregate: skip the item */
            items->next++;
    } else {
        items->next++;
        if (lc_extract_is_function_pointer(type))
            lc_extract_store(walk, target, item, LC_STORED_FUNCTION_POINTERS);
        else if (walk->function_usr && lc_extract_is_object_pointer(type))
            lc_extract_store(walk, target, item, LC_STORED_OBJECTS);
    }
}

/* The target of a store into member `field`: only function pointers,
 * arrays (of them) and, in a function, pointers to structs need one, so
 * other members cost nothing. */
static void extract_member_target(struct lc_extract_walk *walk, CXCursor field,
                                  struct lc_value *target)
{
    CXType type = clang_getCursorType(field);
    if (lc_extract_is_function_pointer(type) || extract_is_array(type)
        || (walk->function_usr && lc_extract_is_object_pointer(type)))
        lc_extract_field_value(walk, field, target);
    else
        *target = (struct lc_value){ .kind = LC_VALUE_OTHER };
}

struct extract_fields {
    CXCursor *items;
    unsigned count, cap;
    int failed;
};

static enum CXVisitorResult extract_collect_field(CXCursor field, CXClientData data)
{
    struct extract_fields *fields = data;
    CXString name = clang_getCursorSpelling(field);
    int unnamed_bit_field = clang_Cursor_isBitField(field) && !clang_getCString(name)[0];
    clang_disposeString(name);
    if (unnamed_bit_field)   /* not a member as far as initialisation goes */
        return CXVisit_Continue;
    if (fields->count == fields->cap) {
        unsigned cap = fields->cap ? fields->cap * 2 : 8;
        CXCursor *grown = realloc(fields->items, cap * sizeof *grown);
        if (!grown) {
            fields->failed = 1;
            return CXVisit_Break;
        }
        fields->items = grown;
        fields->cap = cap;
    }
    fields->items[fields->count++] = field;
    return CXVisit_Continue;
}

/* Apply one designated item to an object of `type`; returns the index in
 * `fields` of the member its first designator names, or -1. */
static int extract_designated(struct lc_extract_walk *walk, CXType type,
                              const struct lc_value *target, CXCursor item,
                              const struct extract_fields *fields)
{
    unsigned count;
    CXCursor *children = lc_extract_children_all(walk, item, &count);
    struct lc_value current_target = *target;
    CXType current = clang_getCanonicalType(type);
    int first_member = -1;
    for (unsigned i = 0; i + 1 < count; i++) {
        if (clang_getCursorKind(children[i]) == CXCursor_MemberRef) {
            CXCursor field = clang_getCursorReferenced(children[i]);
            for (unsigned k = 0; i == 0 && fields && k < fields->count; k++)
                if (clang_equalCursors(fields->items[k], field))
                    first_member = (int)k;
            extract_member_target(walk, field, &current_target);
            current = clang_getCanonicalType(clang_getCursorType(field));
        } else if (extract_is_array(current)) {
            /* An index; the second bound of a GNU range [a ... b] finds no
             * array left and is skipped. */
            current = clang_getCanonicalType(clang_getArrayElementType(current));
        }
    }
    if (count >= 2 && clang_getCursorKind(children[count - 2]) == CXCursor_MemberRef)
        lc_extract_link_initializer(walk, clang_getCursorReferenced(children[count - 2]), children[count - 1]);
    if (count >= 1) {
        struct extract_items value = { &children[count - 1], 1, 0 };
        extract_object(walk, current, &current_target, &value);
    }
    free(children);
    return first_member;
}

static void extract_fill_record(struct lc_extract_walk *walk, CXType type,
                                struct extract_items *items, int braced)
{
    struct extract_fields fields = { NULL, 0, 0, 0 };
    clang_Type_visitFields(type, extract_collect_field, &fields);
    if (fields.failed)
        walk->out_of_memory = 1;
    int is_union = clang_getCursorKind(clang_getTypeDeclaration(type)) == CXCursor_UnionDecl;
    unsigned member = 0;
    while (items->next < items->count && !walk->out_of_memory) {
        CXCursor item = items->items[items->next];
        if (extract_is_designated(item)) {
            if (!braced)   /* a designator ends a brace-elided run */
                break;
            items->next++;
            int designated = extract_designated(walk, type, &(struct lc_value){ 0 },
                                                item, &fields);
            member = designated >= 0 ? (unsigned)designated + 1 : fields.count;
            continue;
        }
        if (member >= fields.count || (is_union && member > 0))
            break;
        struct lc_value member_target;
        lc_extract_link_initializer(walk, fields.items[member], item);
        extract_member_target(walk, fields.items[member], &member_target);
        extract_object(walk, clang_getCursorType(fields.items[member]), &member_target, items);
        member++;
    }
    free(fields.items);
}

static void extract_fill_array(struct lc_extract_walk *walk, CXType type,
                               const struct lc_value *target,
                               struct extract_items *items, int braced)
{
    CXType element = clang_getCanonicalType(clang_getArrayElementType(type));
    long long size = clang_getArraySize(type);   /* -1 when unknown */
    for (long long index = 0; items->next < items->count && !walk->out_of_memory; index++) {
        CXCursor item = items->items[items->next];
        if (extract_is_designated(item)) {
            if (!braced)
                break;
            items->next++;
            extract_designated(walk, type, target, item, NULL);
            continue;
        }
        if (!braced && size >= 0 && index >= size)
            break;
        extract_object(walk, element, target, items);
    }
}

static void extract_fill(struct lc_extract_walk *walk, CXType type,
                         const struct lc_value *target, struct extract_items *items,
                         int braced)
{
    type = clang_getCanonicalType(type);
    if (extract_is_record(type))
        extract_fill_record(walk, type, items, braced);
    else if (extract_is_array(type))
        extract_fill_array(walk, type, target, items, braced);
    else if (items->next < items->count)   /* a scalar in braces: { f } */
        extract_object(walk, type, target, items);
}

void lc_extract_initializer(struct lc_extract_walk *walk, const struct lc_value *target,
                            CXType type, CXCursor init)
{
    if (clang_getCursorKind(init) == CXCursor_InitListExpr)
        extract_fill_braced(walk, clang_getCursorType(init), target, init);
    else if (lc_extract_is_function_pointer(type))
        lc_extract_store(walk, target, init, LC_STORED_FUNCTION_POINTERS);
}
