/* models_load.c — loading rules files and directories of them (*.rules in
 * name order); each file's text is parsed by lc_models_load_text
 * (models_parse.c). */
#include "models.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A rules file is hand-written text: anything larger is not one (and a
 * device such as /dev/zero would otherwise be read until memory runs out). */
#define LC_RULES_MAX_FILE_BYTES ((size_t)16 << 20)

/* The whole file, NUL-terminated, or NULL with errno set (EFBIG when it is
 * over LC_RULES_MAX_FILE_BYTES). */
static char *lc_rules_read_file(const char *path)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        return NULL;
    size_t size = 0, cap = 4096;
    char *text = malloc(cap);
    while (text) {
        size += fread(text + size, 1, cap - size - 1, file);
        if (size < cap - 1)
            break;
        if (size >= LC_RULES_MAX_FILE_BYTES) {
            free(text);
            fclose(file);
            errno = EFBIG;
            return NULL;
        }
        char *grown = realloc(text, cap *= 2);
        if (!grown)
            free(text);
        text = grown;
    }
    int failed = !text || ferror(file);
    int saved = errno;
    fclose(file);
    if (failed) {
        free(text);
        errno = saved ? saved : ENOMEM;
        return NULL;
    }
    text[size] = '\0';
    return text;
}

int lc_models_load_file(struct lc_models *models, const char *path, FILE *err)
{
    char *text = lc_rules_read_file(path);
    if (!text) {
        if (errno == EFBIG)
            fprintf(err, "%s: cannot read: over %zu MiB, not a rules file\n", path, LC_RULES_MAX_FILE_BYTES >> 20);
        else
            fprintf(err, "%s: cannot read: %s\n", path, strerror(errno));
        return -1;
    }
    int errors = lc_models_load_text(models, path, text, err);
    free(text);
    return errors;
}

static int lc_rules_is_rules_file(const struct dirent *entry)
{
    size_t length = strlen(entry->d_name);
    return entry->d_name[0] != '.' && length > 6
        && strcmp(entry->d_name + length - 6, ".rules") == 0;
}

static int lc_rules_compare_names(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

int lc_models_load_dir(struct lc_models *models, const char *dir, FILE *err)
{
    struct dirent **entries = NULL;
    int count = scandir(dir, &entries, lc_rules_is_rules_file, lc_rules_compare_names);
    if (count < 0) {
        fprintf(err, "%s: cannot read directory: %s\n", dir, strerror(errno));
        return -1;
    }
    int errors = 0;
    for (int i = 0; i < count; i++) {
        char *path = NULL;
        if (asprintf(&path, "%s/%s", dir, entries[i]->d_name) < 0) {
            fprintf(err, "%s: out of memory\n", dir);
            errors++;
        } else {
            int file_errors = lc_models_load_file(models, path, err);
            errors += file_errors < 0 ? 1 : file_errors;
            free(path);
        }
        free(entries[i]);
    }
    free(entries);
    return errors;
}
