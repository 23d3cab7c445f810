/* program_load_objects.c — the objects of the program (program.h struct
 * lc_program_object): one per symbol of a variable or lock that the bodies
 * name (program_load_bodies.c), made the first time it is named, with a
 * readable name, its flags and its family (an access of a field path `g.f`
 * is a variable of the family of g). */
#include "program_load_internal.h"

#include "grow.h"

#include <string.h>

/* A readable name for a lock or variable from its USR: "conn.mu" for a
 * field, the spelling for a "text:" lock, "item_locks[*]" for an element
 * of an array of locks, else the symbol's name; the object's flags from
 * it (LC_LOCK_THREADS_PAUSED, LC_LOCK_ELEMENT_MARK, a hand-off window's). */
static const char *bodies_object_name(struct program_bodies_loader *b, int64_t symbol_id,
                                      struct lc_program_object *object)
{
    struct program_loader *loader = b->loader;
    const char *name = symbol_id <= loader->symbol_max ? loader->symbol_names[symbol_id] : NULL;
    sqlite3_reset(b->usr_of_symbol);
    sqlite3_bind_int64(b->usr_of_symbol, 1, symbol_id);
    if (sqlite3_step(b->usr_of_symbol) != SQLITE_ROW)
        return name ? name : "?";
    const char *usr = (const char *)sqlite3_column_text(b->usr_of_symbol, 0);
    const char *field = usr ? strstr(usr, "@FI@") : NULL;
    size_t length = usr ? strlen(usr) : 0, mark = strlen(LC_LOCK_ELEMENT_MARK);
    object->threads_paused = usr && strcmp(usr, LC_LOCK_THREADS_PAUSED) == 0;
    object->element_lock = length > mark && strcmp(usr + length - mark, LC_LOCK_ELEMENT_MARK) == 0
                            && !strstr(usr, LC_ACCESS_PATH_MARK);   /* not an access of `g[i]` */
    program_load_gate_object(loader->program, usr, object);
    if (usr && strncmp(usr, "text:", 5) == 0)
        return lc_arena_strdup(&loader->program->arena, usr + 5);
    if (field) {
        const char *record = field;
        while (record > usr && record[-1] != '@')
            record--;
        return lc_arena_printf(&loader->program->arena, "%.*s.%s", (int)(field - record), record, field + 4);
    }
    if (object->element_lock && strrchr(usr, '@'))
        return lc_arena_strdup(&loader->program->arena, strrchr(usr, '@') + 1);
    return name && *name ? name : lc_arena_strdup(&loader->program->arena, usr);
}

/* The family of object `index`: the first object whose USR names the same
 * variable before any field path (g and g@FP@f.h); LC_NONE when out of
 * memory. */
static uint32_t bodies_family(struct program_bodies_loader *b, int64_t symbol_id, uint32_t index)
{
    sqlite3_reset(b->usr_of_symbol);
    sqlite3_bind_int64(b->usr_of_symbol, 1, symbol_id);
    if (sqlite3_step(b->usr_of_symbol) != SQLITE_ROW)
        return index;
    const char *usr = (const char *)sqlite3_column_text(b->usr_of_symbol, 0);
    const char *mark = usr ? strstr(usr, LC_ACCESS_PATH_MARK) : NULL;
    size_t length = usr ? (mark ? (size_t)(mark - usr) : strlen(usr)) : 0;
    char *key = usr ? lc_arena_alloc(&b->loader->program->arena, length + 1) : NULL;
    if (!key)
        return usr ? LC_NONE : index;
    memcpy(key, usr, length);
    key[length] = '\0';
    uint32_t family = lc_strmap_get(&b->families, key);
    if (family != LC_STRMAP_MISSING)
        return family;
    return lc_strmap_put(&b->families, key, index) == 0 ? index : LC_NONE;
}

uint32_t program_bodies_object(struct program_bodies_loader *b, int64_t symbol_id)
{
    struct lc_program *program = b->loader->program;
    if (symbol_id <= 0 || symbol_id > b->loader->symbol_max)
        return LC_NONE;
    if (b->symbol_object[symbol_id] != LC_NONE)
        return b->symbol_object[symbol_id];
    if (lc_grow((void **)&program->objects, &b->object_cap, program->object_count,
                sizeof *program->objects, 1024) != 0)
        return LC_NONE;
    uint32_t index = program->object_count;
    uint32_t family = bodies_family(b, symbol_id, index);
    if (family == LC_NONE)
        return LC_NONE;
    program->object_count++;
    struct lc_program_object object = { .symbol_id = symbol_id, .family = family };
    object.name = bodies_object_name(b, symbol_id, &object);
    program->objects[index] = object;
    b->symbol_object[symbol_id] = index;
    return index;
}
