/* arg_keys.c — a call argument's keys as text and back (arg_keys.h). */
#include "arg_keys.h"

#include <stdlib.h>
#include <string.h>

char *lc_arg_keys_encode(const struct lc_arg_key *keys)
{
    size_t length = 0;
    for (const struct lc_arg_key *key = keys; key->text; key++)
        length += strlen(key->text) + 2;
    char *text = malloc(length + 1), *end = text;
    if (!text)
        return NULL;
    for (const struct lc_arg_key *key = keys; key->text; key++) {
        if (end != text)
            *end++ = '\n';
        *end++ = key->starts ? '^' : '=';
        size_t size = strlen(key->text);
        memcpy(end, key->text, size);
        end += size;
    }
    *end = '\0';
    return text;
}

int lc_arg_keys_decode(struct lc_arena *arena, const char *text, const struct lc_arg_key **keys)
{
    *keys = NULL;
    size_t count = 0;
    for (const char *line = text; line; count++) {
        if (*line != '=' && *line != '^')
            return 0;
        const char *end = strchr(line, '\n');
        line = end ? end + 1 : NULL;
    }
    struct lc_arg_key *decoded = lc_arena_alloc(arena, (count + 1) * sizeof *decoded);
    if (!decoded)
        return -1;
    const char *line = text;
    for (size_t i = 0; i < count; i++) {
        const char *end = strchr(line, '\n');
        size_t length = end ? (size_t)(end - line) : strlen(line);
        decoded[i] = (struct lc_arg_key){ lc_arena_strndup(arena, line + 1, length - 1), line[0] == '^' };
        if (!decoded[i].text)
            return -1;
        line = end ? end + 1 : line + length;
    }
    decoded[count] = (struct lc_arg_key){ NULL, 0 };
    *keys = decoded;
    return 0;
}
