/* facts.c — growing and freeing the per-TU fact arrays of facts.h, and the
 * text form of a call's unreached stretches. */
#include "facts.h"
#include "grow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void lc_tu_facts_init(struct lc_tu_facts *facts)
{
    memset(facts, 0, sizeof *facts);
    lc_arena_init(&facts->arena);
}

void lc_tu_facts_free(struct lc_tu_facts *facts)
{
    free(facts->functions);
    free(facts->calls);
    free(facts->stores);
    free(facts->loops);
    free(facts->accesses);
    free(facts->included_files);
    free(facts->written_records);
    free(facts->defined_variables);
    free(facts->file_scope_names);
    free(facts->link_writes);
    lc_arena_free(&facts->arena);
    memset(facts, 0, sizeof *facts);
}

struct lc_function_fact *lc_tu_facts_add_function(struct lc_tu_facts *facts)
{
    return lc_grow_append((void **)&facts->functions, &facts->function_count,
                          &facts->function_cap, sizeof *facts->functions, 64);
}

struct lc_call_fact *lc_tu_facts_add_call(struct lc_tu_facts *facts)
{
    struct lc_call_fact *call = lc_grow_append((void **)&facts->calls, &facts->call_count,
                                               &facts->call_cap, sizeof *facts->calls, 64);
    if (call)
        call->loop_index = call->zero_guard = call->after_comma = call->branch_exit = call->nonzero_exit =
            call->fail_guard = -1;
    return call;
}

struct lc_store_fact *lc_tu_facts_add_store(struct lc_tu_facts *facts)
{
    return lc_grow_append((void **)&facts->stores, &facts->store_count,
                          &facts->store_cap, sizeof *facts->stores, 64);
}

struct lc_loop_fact *lc_tu_facts_add_loop(struct lc_tu_facts *facts)
{
    struct lc_loop_fact *loop = lc_grow_append((void **)&facts->loops, &facts->loop_count, &facts->loop_cap,
                                               sizeof *facts->loops, 64);
    if (loop) {
        loop->parent_index = -1;
        loop->bound_param = -1;
        loop->text_param = -1;
    }
    return loop;
}

struct lc_access_fact *lc_tu_facts_add_access(struct lc_tu_facts *facts)
{
    struct lc_access_fact *access = lc_grow_append((void **)&facts->accesses, &facts->access_count,
                                                   &facts->access_cap, sizeof *facts->accesses, 64);
    if (access)
        access->branch_exit = -1;
    return access;
}

struct lc_link_write_fact *lc_tu_facts_add_link_write(struct lc_tu_facts *facts)
{
    return lc_grow_append((void **)&facts->link_writes, &facts->link_write_count, &facts->link_write_cap,
                          sizeof *facts->link_writes, 16);
}

int lc_location_compare(const struct lc_location *a, const struct lc_location *b)
{
    if (a->file != b->file) {
        int files = strcmp(a->file ? a->file : "", b->file ? b->file : "");
        if (files != 0)
            return files;
    }
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    return 0;
}

int lc_tu_facts_add_written_record(struct lc_tu_facts *facts, const char *usr)
{
    for (size_t i = facts->written_record_count; i > 0 && i + 8 > facts->written_record_count; i--)
        if (strcmp(facts->written_records[i - 1], usr) == 0)   /* a repeat of a recent one */
            return 0;
    const char **slot = lc_grow_append((void **)&facts->written_records, &facts->written_record_count,
                                       &facts->written_record_cap, sizeof *facts->written_records, 16);
    if (!slot)
        return -1;
    *slot = usr;
    return 0;
}

int lc_tu_facts_add_include(struct lc_tu_facts *facts, const char *path)
{
    const char **slot = lc_grow_append((void **)&facts->included_files,
                                       &facts->included_count, &facts->included_cap,
                                       sizeof *facts->included_files, 64);
    if (!slot)
        return -1;
    *slot = lc_arena_strdup(&facts->arena, path);
    return *slot ? 0 : -1;
}

int lc_unreached_format(const struct lc_unreached *stretches, size_t count, char *out, size_t size)
{
    size_t used = 0;
    if (count == 0 || size == 0)
        return -1;
    out[0] = '\0';
    for (size_t i = 0; i < count; i++) {
        const struct lc_unreached *s = &stretches[i];
        int n = snprintf(out + used, size - used, "%s%u:%u-%u:%u", i ? ";" : "", s->begin_line, s->begin_col,
                         s->end_line, s->end_col);
        if (n < 0 || (size_t)n >= size - used)
            return -1;
        used += (size_t)n;
    }
    return 0;
}

int lc_unreached_covers(const char *text, unsigned line, unsigned col)
{
    while (text && *text) {
        unsigned begin_line, begin_col, end_line, end_col;
        int length = 0;
        if (sscanf(text, "%u:%u-%u:%u%n", &begin_line, &begin_col, &end_line, &end_col, &length) != 4 || length <= 0)
            return 0;
        if ((line > begin_line || (line == begin_line && col >= begin_col))
            && (line < end_line || (line == end_line && col <= end_col)))
            return 1;
        text += length;
        if (*text == ';')
            text++;
    }
    return 0;
}

int lc_unreached_unknown(const char *text)
{
    return text && strcmp(text, LC_UNREACHED_UNKNOWN) == 0;
}

int lc_tu_facts_add_defined_variable(struct lc_tu_facts *facts, const char *usr, long long table_length)
{
    struct lc_defined_variable *slot = lc_grow_append((void **)&facts->defined_variables, &facts->defined_variable_count,
                                       &facts->defined_variable_cap, sizeof *facts->defined_variables, 16);
    if (!slot)
        return -1;
    *slot = (struct lc_defined_variable){ usr, table_length };
    return 0;
}

int lc_tu_facts_add_file_scope_name(struct lc_tu_facts *facts, const char *usr)
{
    for (size_t i = facts->file_scope_name_count; i > 0 && i + 8 > facts->file_scope_name_count; i--)
        if (strcmp(facts->file_scope_names[i - 1], usr) == 0)   /* a repeat of a recent one */
            return 0;
    const char **slot = lc_grow_append((void **)&facts->file_scope_names, &facts->file_scope_name_count,
                                       &facts->file_scope_name_cap, sizeof *facts->file_scope_names, 16);
    if (!slot)
        return -1;
    *slot = usr;
    return 0;
}
