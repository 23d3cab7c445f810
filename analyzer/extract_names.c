/* extract_names.c — where a cursor is (file, line, column; the absolute
 * file names are cached per TU), a declaration's USR, strings kept in the
 * TU's arena, and growing the walk's own arrays. */
#include "extract_internal.h"
#include "grow.h"

#include <stdlib.h>
#include <string.h>

struct lc_extract_file *lc_extract_file_entry(struct lc_extract_walk *walk, CXFile file)
{
    for (size_t i = walk->file_count; i-- > 0;)
        if (clang_File_isEqual(walk->files[i]->file, file))
            return walk->files[i];
    if (lc_grow((void **)&walk->files, &walk->file_cap, walk->file_count, sizeof *walk->files, 16) != 0)
        goto out_of_memory;
    CXString name = clang_File_tryGetRealPathName(file);
    if (!clang_getCString(name) || !clang_getCString(name)[0]) {
        clang_disposeString(name);
        name = clang_getFileName(file);
    }
    char *normal = lc_compdb_normalize_path(walk->directory, clang_getCString(name));
    clang_disposeString(name);
    const char *path = normal ? lc_arena_strdup(&walk->facts->arena, normal) : NULL;
    free(normal);
    if (!path)
        goto out_of_memory;
    struct lc_extract_file *entry = malloc(sizeof *entry);
    if (!entry)
        goto out_of_memory;
    *entry = (struct lc_extract_file){ .file = file, .path = path };
    walk->files[walk->file_count++] = entry;
    return entry;
out_of_memory:
    walk->out_of_memory = 1;
    return NULL;
}

void *lc_extract_append(struct lc_extract_walk *walk, void *items, size_t *count, size_t *cap,
                        size_t size)
{
    void *slot = lc_grow_append(items, count, cap, size, 8);
    if (!slot)
        walk->out_of_memory = 1;
    return slot;
}

void lc_extract_files_free(struct lc_extract_walk *walk)
{
    for (size_t i = 0; i < walk->file_count; i++) {
        struct lc_extract_file *entry = walk->files[i];
        if (entry->tokens)
            clang_disposeTokens(walk->tu, entry->tokens, entry->token_count);
        free(entry->token_offsets);
        free(entry);
    }
    free(walk->files);
    walk->files = NULL;
    walk->file_count = walk->file_cap = 0;
}

int lc_extract_location(struct lc_extract_walk *walk, CXSourceLocation location,
                        struct lc_location *out)
{
    CXFile file;
    unsigned line, col;
    /* Outside macros the plain location; for a token of a macro body the
     * macro use; for one of a macro argument, where the argument is written
     * in that use (`CHECK(\n sleep(1))` reports the sleep line). */
    clang_getFileLocation(location, &file, &line, &col, NULL);
    if (!file)
        return -1;
    struct lc_extract_file *entry = lc_extract_file_entry(walk, file);
    if (!entry)
        return -1;
    *out = (struct lc_location){ entry->path, line, col };
    return 0;
}

const char *lc_extract_string(struct lc_extract_walk *walk, CXString string)
{
    const char *text = clang_getCString(string);
    const char *copy = lc_arena_strdup(&walk->facts->arena, text ? text : "");
    clang_disposeString(string);
    if (!copy)
        walk->out_of_memory = 1;
    return copy;
}

/* A struct or union defined in the main file of the TU (not a header) is
 * a type of that TU only: another .c file's `struct conn` is another type,
 * often of another program in the same build.  Its fields get the file in
 * their USR so function pointers stored into one never reach calls through
 * the other.  NULL when the record is shared. */
static const char *extract_private_field_usr(struct lc_extract_walk *walk, CXCursor field, const char *usr)
{
    CXCursor record = clang_getCursorDefinition(clang_getCursorSemanticParent(field));
    struct lc_location loc;
    if (clang_Cursor_isNull(record) || lc_extract_location(walk, clang_getCursorLocation(record), &loc) != 0
        || !walk->facts->path || strcmp(loc.file, walk->facts->path) != 0)
        return NULL;
    const char *qualified = lc_arena_printf(&walk->facts->arena, "c:%s%s", loc.file, usr + 2);
    if (!qualified)
        walk->out_of_memory = 1;
    return qualified;
}

const char *lc_extract_usr(struct lc_extract_walk *walk, CXCursor declaration)
{
    CXString usr = clang_getCursorUSR(declaration);
    const char *text = clang_getCString(usr);
    const char *qualified = NULL;
    if (text && strncmp(text, "c:", 2) == 0 && text[2] != '@') {
        /* clang qualifies internal declarations with the basename of the
         * file of their first declaration: use its absolute path instead. */
        CXCursor canonical = clang_getCanonicalCursor(declaration);
        struct lc_location loc;
        if (lc_extract_location(walk, clang_getCursorLocation(canonical), &loc) == 0) {
            const char *slash = strrchr(loc.file, '/');
            const char *base = slash ? slash + 1 : loc.file;
            size_t base_length = strlen(base);
            if (strncmp(text + 2, base, base_length) == 0 && text[2 + base_length] == '@') {
                qualified = lc_arena_printf(&walk->facts->arena, "c:%s%s", loc.file,
                                            text + 2 + base_length);
                if (!qualified)
                    walk->out_of_memory = 1;
            }
        }
    }
    if (!qualified && text && strncmp(text, "c:@", 3) == 0 && clang_getCursorKind(declaration) == CXCursor_FieldDecl)
        qualified = extract_private_field_usr(walk, declaration, text);
    if (qualified) {
        clang_disposeString(usr);
        return qualified;
    }
    return lc_extract_string(walk, usr);
}
