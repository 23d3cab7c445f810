/* arena.h — a bump allocator: many small allocations, one free.
 * Used for everything that lives exactly as long as one TU's facts or one
 * loaded program. */
#ifndef LOOPCHECK_ARENA_H
#define LOOPCHECK_ARENA_H

#include <stddef.h>

struct lc_arena_block;

struct lc_arena {
    struct lc_arena_block *head;
};

void lc_arena_init(struct lc_arena *arena);
void lc_arena_free(struct lc_arena *arena);
/* Zeroed memory, aligned for any type; NULL when memory runs out. */
void *lc_arena_alloc(struct lc_arena *arena, size_t size);
/* Copies of strings; NULL in gives NULL out. */
char *lc_arena_strdup(struct lc_arena *arena, const char *s);
char *lc_arena_strndup(struct lc_arena *arena, const char *s, size_t n);
char *lc_arena_printf(struct lc_arena *arena, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
