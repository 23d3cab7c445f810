/* models.c — the model store of models.h: function entries in an open hash
 * table by name, glob patterns in a list tried after it, `field` entries and
 * libraries in arrays.  The rules files are parsed by models_parse.c; the
 * conditions are evaluated at call sites by blocking.c. */
#include "grow.h"
#include "models.h"

#include <ctype.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "hash.h"
#include "models_internal.h"

#define LC_MODELS_INITIAL_BUCKETS 256u

void lc_models_init(struct lc_models *models)
{
    memset(models, 0, sizeof *models);
    lc_arena_init(&models->arena);
}

void lc_models_free(struct lc_models *models)
{
    free(models->buckets);
    free(models->fields);
    free(models->libraries);
    free(models->patterns);
    free(models->sync_types);
    free(models->bounded_sizes);
    free(models->standard_streams.names);
    free(models->nonblocking_places.names);
    lc_arena_free(&models->arena);
    memset(models, 0, sizeof *models);
}

static size_t lc_models_bucket_of(const struct lc_function_model *const *buckets,
                                  size_t bucket_count, const char *name)
{
    size_t mask = bucket_count - 1;
    size_t index = (size_t)lc_hash_fnv1a64(name, strlen(name), LC_HASH_FNV1A64_INIT) & mask;
    while (buckets[index] && strcmp(buckets[index]->name, name) != 0)
        index = (index + 1) & mask;
    return index;
}

static int lc_models_grow_buckets(struct lc_models *models)
{
    size_t count = models->bucket_count ? models->bucket_count * 2 : LC_MODELS_INITIAL_BUCKETS;
    struct lc_function_model **buckets = calloc(count, sizeof *buckets);
    if (!buckets)
        return -1;
    for (size_t i = 0; i < models->bucket_count; i++) {
        struct lc_function_model *entry = models->buckets[i];
        if (entry)
            buckets[lc_models_bucket_of((const struct lc_function_model *const *)buckets,
                                        count, entry->name)] = entry;
    }
    free(models->buckets);
    models->buckets = buckets;
    models->bucket_count = count;
    return 0;
}

int lc_models_add_sync_type(struct lc_models *models, const char *name)
{
    for (size_t i = 0; i < models->sync_type_count; i++)
        if (strcmp(models->sync_types[i], name) == 0)
            return 0;
    if (lc_grow((void **)&models->sync_types, &models->sync_type_cap, models->sync_type_count,
                sizeof *models->sync_types, 16) != 0)
        return -1;
    if (!(models->sync_types[models->sync_type_count] = lc_arena_strdup(&models->arena, name)))
        return -1;
    models->sync_type_count++;
    return 0;
}

int lc_models_add_bounded(struct lc_models *models, const char *name, long long most, int drain)
{
    for (size_t i = 0; i < models->bounded_size_count; i++)
        if (models->bounded_sizes[i].drain == drain && strcmp(models->bounded_sizes[i].name, name) == 0) {
            models->bounded_sizes[i].most = most;
            return 0;
        }
    struct lc_bounded_size *size = lc_grow_append((void **)&models->bounded_sizes, &models->bounded_size_count,
                                                  &models->bounded_size_cap, sizeof *models->bounded_sizes, 8);
    if (!size)
        return -1;
    *size = (struct lc_bounded_size){ lc_arena_strdup(&models->arena, name), most, drain };
    return size->name ? 0 : -1;
}

const struct lc_bounded_size *lc_models_find_bounded(const struct lc_models *models, const char *name, int drain)
{
    for (size_t i = 0; name && i < models->bounded_size_count; i++)
        if (models->bounded_sizes[i].drain == drain && strcmp(models->bounded_sizes[i].name, name) == 0)
            return &models->bounded_sizes[i];
    return NULL;
}

static int name_set_has(const struct lc_name_set *set, const char *name)
{
    for (size_t i = 0; name && i < set->count; i++)
        if (strcmp(set->names[i], name) == 0)
            return 1;
    return 0;
}

int lc_models_add_name(struct lc_models *models, struct lc_name_set *set, const char *name)
{
    if (name_set_has(set, name))
        return 0;
    const char **slot = lc_grow_append((void **)&set->names, &set->count, &set->cap, sizeof *set->names, 4);
    if (!slot)
        return -1;
    *slot = lc_arena_strdup(&models->arena, name);
    return *slot ? 0 : -1;
}

int lc_models_is_standard_stream(const struct lc_models *models, const char *name)
{
    return name_set_has(&models->standard_streams, name);
}

int lc_models_is_nonblocking_place(const struct lc_models *models, const char *record, const char *field)
{
    if (!field || !models->nonblocking_places.count)
        return 0;
    if (!record)
        return name_set_has(&models->nonblocking_places, field);
    for (size_t i = 0; i < models->nonblocking_places.count; i++) {
        const char *name = models->nonblocking_places.names[i], *dot = strchr(name, '.');
        if (dot && strlen(record) == (size_t)(dot - name) && strncmp(name, record, (size_t)(dot - name)) == 0
            && strcmp(dot + 1, field) == 0)
            return 1;
    }
    return 0;
}

static int lc_models_is_pattern(const char *name)
{
    return strpbrk(name, "*?[") != NULL;
}

struct lc_function_model *lc_models_function_for(struct lc_models *models,
                                                 const char *name,
                                                 const char *file, unsigned line)
{
    if ((models->function_count + 1) * 10 > models->bucket_count * 7
        && lc_models_grow_buckets(models) != 0)
        return NULL;
    size_t index = lc_models_bucket_of((const struct lc_function_model *const *)models->buckets,
                                       models->bucket_count, name);
    if (models->buckets[index])
        return models->buckets[index];
    struct lc_function_model *entry = lc_arena_alloc(&models->arena, sizeof *entry);
    if (!entry || !(entry->name = lc_arena_strdup(&models->arena, name)))
        return NULL;
    entry->file = file;
    entry->line = line;
    if (lc_models_is_pattern(name)) {
        if (lc_grow((void **)&models->patterns, &models->pattern_cap, models->pattern_count,
                    sizeof *models->patterns, 16) != 0)
            return NULL;
        models->patterns[models->pattern_count++] = entry;
    }
    models->buckets[index] = entry;
    models->function_count++;
    return entry;
}

const struct lc_function_model *lc_models_find(const struct lc_models *models,
                                               const char *name)
{
    if (models->bucket_count) {
        size_t index = lc_models_bucket_of((const struct lc_function_model *const *)models->buckets,
                                           models->bucket_count, name);
        if (models->buckets[index])
            return models->buckets[index];
    }
    for (size_t i = models->pattern_count; i-- > 0;)
        if (fnmatch(models->patterns[i]->name, name, 0) == 0)
            return models->patterns[i];
    return NULL;
}

static size_t lc_models_field_index(const struct lc_models *models,
                                    const char *record, const char *field)
{
    for (size_t i = 0; i < models->field_count; i++)
        if (strcmp(models->fields[i].record, record) == 0
            && strcmp(models->fields[i].field, field) == 0)
            return i;
    return models->field_count;
}

struct lc_field_model *lc_models_field_for(struct lc_models *models,
                                           const char *record, const char *field)
{
    size_t index = lc_models_field_index(models, record, field);
    if (index < models->field_count)
        return &models->fields[index];
    if (lc_grow((void **)&models->fields, &models->field_cap, models->field_count, sizeof *models->fields, 16) != 0)
        return NULL;
    struct lc_field_model *entry = &models->fields[models->field_count];
    memset(entry, 0, sizeof *entry);
    entry->record = lc_arena_strdup(&models->arena, record);
    entry->field = lc_arena_strdup(&models->arena, field);
    if (!entry->record || !entry->field)
        return NULL;
    models->field_count++;
    return entry;
}

const struct lc_field_model *lc_models_find_field(const struct lc_models *models,
                                                  const char *record,
                                                  const char *field)
{
    size_t index = lc_models_field_index(models, record, field);
    return index < models->field_count ? &models->fields[index] : NULL;
}

struct lc_library *lc_models_library_for(struct lc_models *models, const char *name)
{
    for (size_t i = 0; i < models->library_count; i++)
        if (strcmp(models->libraries[i]->name, name) == 0)
            return models->libraries[i];
    struct lc_library *library = lc_arena_alloc(&models->arena, sizeof *library);
    if (!library || !(library->name = lc_arena_strdup(&models->arena, name)))
        return NULL;
    if (lc_grow((void **)&models->libraries, &models->library_cap, models->library_count,
                sizeof *models->libraries, 16) != 0)
        return NULL;
    models->libraries[models->library_count++] = library;
    return library;
}

const struct lc_annotation_name lc_annotation_names[LC_ANNOTATION_COUNT] = {
    { LC_ANNOT_ASYNC, "async" },
    { LC_ANNOT_WORKER, "worker" },
    { LC_ANNOT_BLOCKING, "blocking" },
    { LC_ANNOT_NONBLOCKING, "nonblocking" },
};

const struct lc_function_model *lc_models_annotating(const struct lc_models *models, const char *name, unsigned bit)
{
    const struct lc_function_model *model = models ? lc_models_find(models, name) : NULL;
    return model && (model->annotations & bit) ? model : NULL;
}

const char *lc_models_annotation_text(struct lc_arena *arena, const struct lc_function_model *stated,
                                      const char *name, const char *color)
{
    return stated ? lc_arena_printf(arena, "annotated %s by %s:%u (annotate %s %s)", color, stated->annotation_file,
                                    stated->annotation_line, name, color)
                  : lc_arena_printf(arena, "annotated loopcheck:%s", color);
}

const char *lc_thread_role_name(enum lc_thread_role role)
{
    switch (role) {
    case LC_ROLE_LOOP:
        return "loop";
    case LC_ROLE_POOL:
        return "pool";
    case LC_ROLE_THREAD:
        return "thread";
    }
    return "unknown";
}

int lc_text_has_token(const char *text, const char *token)
{
    size_t length = strlen(token);
    for (const char *p = text ? strstr(text, token) : NULL; p; p = strstr(p + 1, token)) {
        int starts = p == text || !(isalnum((unsigned char)p[-1]) || p[-1] == '_');
        int ends = !(isalnum((unsigned char)p[length]) || p[length] == '_');
        if (starts && ends)
            return 1;
    }
    return 0;
}

const char *lc_stream_state_word(enum lc_stream_state state)
{
    static const char *const words[LC_STATE_COUNT] = {
        [LC_STATE_READONLY] = "readonly", [LC_STATE_MEMORY] = "memory", [LC_STATE_STANDARD] = "standard",
    };
    return words[state];
}

const char *lc_stream_state_statement(enum lc_stream_state state)
{
    static const char *const statements[LC_STATE_COUNT] = {
        [LC_STATE_READONLY] = "readonly-stream", [LC_STATE_MEMORY] = "memory-file",
        [LC_STATE_STANDARD] = "standard-stream",
    };
    return statements[state];
}
