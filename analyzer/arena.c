/* arena.c — the bump allocator of arena.h: blocks of at least 64 KiB, each
 * allocation aligned to max_align_t, everything freed at once. */
#include "arena.h"

#include <stdalign.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LC_ARENA_BLOCK_SIZE (64u * 1024u)

struct lc_arena_block {
    struct lc_arena_block *next;
    size_t used, size;
    alignas(max_align_t) unsigned char data[];
};

void lc_arena_init(struct lc_arena *arena)
{
    arena->head = NULL;
}

void lc_arena_free(struct lc_arena *arena)
{
    struct lc_arena_block *block = arena->head;
    while (block) {
        struct lc_arena_block *next = block->next;
        free(block);
        block = next;
    }
    arena->head = NULL;
}

void *lc_arena_alloc(struct lc_arena *arena, size_t size)
{
    const size_t align = alignof(max_align_t);
    size = (size + align - 1) & ~(align - 1);
    if (size == 0)
        size = align;
    struct lc_arena_block *block = arena->head;
    if (!block || block->size - block->used < size) {
        size_t capacity = size > LC_ARENA_BLOCK_SIZE ? size : LC_ARENA_BLOCK_SIZE;
        block = malloc(sizeof *block + capacity);
        if (!block)
            return NULL;
        block->used = 0;
        block->size = capacity;
        if (arena->head && size > LC_ARENA_BLOCK_SIZE) {
            /* A large one-off: keep the current block in front for small ones. */
            block->next = arena->head->next;
            arena->head->next = block;
        } else {
            block->next = arena->head;
            arena->head = block;
        }
    }
    void *p = block->data + block->used;
    block->used += size;
    memset(p, 0, size);
    return p;
}

char *lc_arena_strndup(struct lc_arena *arena, const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *copy = lc_arena_alloc(arena, n + 1);
    if (copy) {
        memcpy(copy, s, n);
        copy[n] = '\0';
    }
    return copy;
}

char *lc_arena_strdup(struct lc_arena *arena, const char *s)
{
    return s ? lc_arena_strndup(arena, s, strlen(s)) : NULL;
}

char *lc_arena_printf(struct lc_arena *arena, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *s = lc_arena_alloc(arena, (size_t)n + 1);
    if (!s)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}
