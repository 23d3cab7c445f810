/* models_parse.c — reading rules text (format: rules/README.md).  One
 * statement per line, dispatched through the table at the end; an error is
 * printed as "file:line: message", its line is skipped and parsing goes on.
 * A line is applied only once it parsed whole.  Files and directories of
 * them are read by models_load.c. */
#include "models.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models_internal.h"
#include "models_lexer.h"

/* The entry for NAME, created when new. */
struct lc_function_model *lc_rules_function(struct lc_rules_parser *parser, const char *name)
{
    struct lc_function_model *model = lc_models_function_for(parser->models, name,
                                                             parser->file, parser->line);
    if (!model)
        lc_rules_error(parser, "out of memory");
    return model;
}

/* A statement about `model` was applied: it belongs to the current library
 * from now on (later wins), and hides the function's body.  Returns 0. */
int lc_rules_applied(struct lc_rules_parser *parser, struct lc_function_model *model)
{
    if (parser->library)
        model->library = parser->library;
    model->hides_body = 1;
    return 0;
}

char *lc_rules_copy(struct lc_rules_parser *parser, const char *text, int *failed)
{
    char *copy = lc_arena_strdup(&parser->models->arena, text);
    *failed |= text && !copy;
    return copy;
}

struct lc_arg_condition *lc_rules_copy_conditions(struct lc_rules_parser *parser,
                                                  const struct lc_arg_condition *conditions, size_t count,
                                                  int *failed)
{
    if (count == 0)
        return NULL;
    struct lc_arg_condition *copy = lc_arena_alloc(&parser->models->arena, count * sizeof *copy);
    if (!copy) {
        *failed = 1;
        return NULL;
    }
    for (size_t i = 0; i < count; i++) {
        copy[i] = conditions[i];
        copy[i].token = lc_rules_copy(parser, conditions[i].token, failed);
    }
    return copy;
}

/* library NAME offload "..." */
static int lc_rules_parse_library(struct lc_rules_parser *parser)
{
    const struct lc_rules_word *word = lc_rules_next(parser);
    if (!word)
        return lc_rules_error(parser, "missing library name");
    if (word->quoted || !lc_rules_is_identifier(word->text, ".+-"))
        return lc_rules_error(parser, "invalid library name '%s'", word->text);
    parser->name = word->text;
    word = lc_rules_next(parser);
    if (!word || word->quoted || strcmp(word->text, "offload") != 0)
        return lc_rules_error(parser, "expected offload \"...\"");
    const char *offload = lc_rules_read_string(parser, "offload");
    if (!offload || lc_rules_expect_end(parser) != 0)
        return -1;
    struct lc_library *library = lc_models_library_for(parser->models, parser->name);
    int failed = !library;
    if (library)
        library->offload = lc_rules_copy(parser, offload, &failed);
    if (failed)
        return lc_rules_error(parser, "out of memory");
    parser->library = library;
    return 0;
}

/* Where `blocking` or `cpu-heavy` was already declared for this name in
 * this file: a mistake, since only one of them could count. */
static int lc_rules_check_duplicate(struct lc_rules_parser *parser, const char *file, unsigned line)
{
    if (file != parser->file)
        return 0;
    return lc_rules_error(parser, "already declared at line %u of this file", line);
}

/* blocking NAME [if COND]... [unless COND]... reason "..." [instead "..."] */
static int lc_rules_parse_blocking(struct lc_rules_parser *parser)
{
    struct lc_rules_clauses clauses = { 0 };
    const char *name = lc_rules_read_name(parser);
    if (!name || lc_rules_read_clauses(parser, 1, &clauses) != 0)
        return -1;
    struct lc_function_model *model = lc_rules_function(parser, name);
    if (!model || (model->blocking
                   && lc_rules_check_duplicate(parser, model->blocking->file, model->blocking->line) != 0))
        return -1;
    struct lc_blocking_model *blocking = lc_arena_alloc(&parser->models->arena, sizeof *blocking);
    int failed = !blocking;
    if (blocking) {
        blocking->reason = lc_rules_copy(parser, clauses.reason, &failed);
        blocking->instead = lc_rules_copy(parser, clauses.instead, &failed);
        blocking->if_conditions = lc_rules_copy_conditions(parser, clauses.ifs, clauses.if_count, &failed);
        blocking->if_count = clauses.if_count;
        blocking->unless_conditions = lc_rules_copy_conditions(parser, clauses.unlesses,
                                                               clauses.unless_count, &failed);
        blocking->unless_count = clauses.unless_count;
        blocking->file = parser->file;
        blocking->line = parser->line;
    }
    if (failed)
        return lc_rules_error(parser, "out of memory");
    model->blocking = blocking;
    model->nonblocking = 0;
    return lc_rules_applied(parser, model);
}

struct lc_cost_model *lc_rules_cost_model(struct lc_rules_parser *parser, const struct lc_rules_clauses *clauses)
{
    struct lc_cost_model *cost = lc_arena_alloc(&parser->models->arena, sizeof *cost);
    int failed = !cost;
    if (cost) {
        cost->reason = lc_rules_copy(parser, clauses->reason, &failed);
        cost->instead = lc_rules_copy(parser, clauses->instead, &failed);
        cost->file = parser->file;
        cost->line = parser->line;
    }
    if (failed) {
        lc_rules_error(parser, "out of memory");
        return NULL;
    }
    return cost;
}

/* cpu-heavy NAME reason "..." [instead "..."] */
static int lc_rules_parse_cpu_heavy(struct lc_rules_parser *parser)
{
    struct lc_rules_clauses clauses = { 0 };
    const char *name = lc_rules_read_name(parser);
    if (!name || lc_rules_read_clauses(parser, 0, &clauses) != 0)
        return -1;
    struct lc_function_model *model = lc_rules_function(parser, name);
    if (!model || (model->cpu_heavy
                   && lc_rules_check_duplicate(parser, model->cpu_heavy->file, model->cpu_heavy->line) != 0))
        return -1;
    if (model->cheap && model->cheap->file == parser->file)
        return lc_rules_error(parser, "already declared cheap at line %u of this file", model->cheap->line);
    model->cheap = NULL;   /* a later file's statement wins */
    struct lc_cost_model *heavy = lc_rules_cost_model(parser, &clauses);
    if (!heavy)
        return -1;
    model->cpu_heavy = heavy;
    return lc_rules_applied(parser, model);
}

int lc_rules_parse_flag(struct lc_rules_parser *parser, size_t flag, int opaque)
{
    const char *name = lc_rules_read_name(parser);
    if (!name || lc_rules_expect_end(parser) != 0)
        return -1;
    struct lc_function_model *model = lc_rules_function(parser, name);
    if (!model)
        return -1;
    *(int *)((char *)model + flag) = 1;
    if (opaque)
        return lc_rules_applied(parser, model);
    if (parser->library)
        model->library = parser->library;
    return 0;
}

/* terminates NAME, fork NAME: flags that make the function opaque. */

static int lc_rules_parse_terminates(struct lc_rules_parser *parser)
{
    return lc_rules_parse_flag(parser, offsetof(struct lc_function_model, terminates), 1);
}

/* loop-thread-test NAME: a test of the running thread, which leaves the
 * function analysed as it is. */
static int lc_rules_parse_loop_thread_test(struct lc_rules_parser *parser)
{
    return lc_rules_parse_flag(parser, offsetof(struct lc_function_model, loop_thread_test), 0);
}

static int lc_rules_parse_fork(struct lc_rules_parser *parser)
{
    return lc_rules_parse_flag(parser, offsetof(struct lc_function_model, forks), 1);
}

/* frees NAME argK: a deallocator, of its argument K; the body, if seen,
 * stays analysed. */
static int lc_rules_parse_frees(struct lc_rules_parser *parser)
{
    const char *name = lc_rules_read_name(parser);
    int position = name ? lc_rules_read_position(parser) : -1;
    if (position < 0 || lc_rules_expect_end(parser) != 0)
        return -1;
    struct lc_function_model *model = lc_rules_function(parser, name);
    if (!model)
        return -1;
    model->frees_position = position;
    if (parser->library)
        model->library = parser->library;
    return 0;
}

/* nonblocking NAME */
static int lc_rules_parse_nonblocking(struct lc_rules_parser *parser)
{
    const char *name = lc_rules_read_name(parser);
    if (!name || lc_rules_expect_end(parser) != 0)
        return -1;
    struct lc_function_model *model = lc_rules_function(parser, name);
    if (!model)
        return -1;
    model->nonblocking = 1;
    model->blocking = NULL;
    return lc_rules_applied(parser, model);
}

/* callback NAME argN loop|pool|thread [descriptor argM argK] */
static int lc_rules_parse_callback(struct lc_rules_parser *parser)
{
    enum lc_thread_role role;
    const char *name = lc_rules_read_name(parser);
    int position = name ? lc_rules_read_position(parser) : -1;
    if (position < 0 || lc_rules_read_role(parser, &role) != 0)
        return -1;
    struct lc_callback_model callback = { .position = position, .role = role };
    const struct lc_rules_word *word = lc_rules_next(parser);
    if (word && !word->quoted && strcmp(word->text, "descriptor") == 0) {
        if ((callback.descriptor_position = lc_rules_read_position(parser)) < 0
            || (callback.descriptor_parameter = lc_rules_read_position(parser)) < 0)
            return -1;
    } else if (word) {
        parser->next--;
    }
    if (lc_rules_expect_end(parser) != 0)
        return -1;
    struct lc_function_model *model = lc_rules_function(parser, name);
    if (!model)
        return -1;
    for (size_t i = 0; i < model->callback_count; i++)
        if (model->callbacks[i].position == position) {
            model->callbacks[i] = callback;
            return lc_rules_applied(parser, model);
        }
    size_t count = model->callback_count + 1;
    struct lc_callback_model *callbacks = lc_arena_alloc(&parser->models->arena, count * sizeof *callbacks);
    if (!callbacks)
        return lc_rules_error(parser, "out of memory");
    if (model->callback_count)
        memcpy(callbacks, model->callbacks, model->callback_count * sizeof *callbacks);
    callbacks[count - 1] = callback;
    model->callbacks = callbacks;
    model->callback_count = count;
    return lc_rules_applied(parser, model);
}

/* field RECORD.FIELD loop|pool|thread */
static int lc_rules_parse_field(struct lc_rules_parser *parser)
{
    const struct lc_rules_word *word = lc_rules_next(parser);
    if (!word)
        return lc_rules_error(parser, "missing RECORD.FIELD");
    if (word->quoted || lc_rules_place_kind(word->text) != 1)
        return lc_rules_error(parser, "invalid RECORD.FIELD '%s'", word->text);
    const char *dot = strchr(word->text, '.');
    char record[256];   /* lc_rules_place_kind checked it fits */
    memcpy(record, word->text, (size_t)(dot - word->text));
    record[dot - word->text] = '\0';
    parser->name = word->text;
    enum lc_thread_role role;
    if (lc_rules_read_role(parser, &role) != 0 || lc_rules_expect_end(parser) != 0)
        return -1;
    struct lc_field_model *field = lc_models_field_for(parser->models, record, dot + 1);
    if (!field)
        return lc_rules_error(parser, "out of memory");
    field->role = role;
    field->library = parser->library;
    field->file = parser->file;
    field->line = parser->line;
    return 0;
}

static const struct lc_rules_statement {
    const char *keyword;
    int (*parse)(struct lc_rules_parser *parser);
} lc_rules_statements[] = {
    { "library", lc_rules_parse_library },
    { "blocking", lc_rules_parse_blocking },
    { "nonblocking", lc_rules_parse_nonblocking },
    { "callback", lc_rules_parse_callback },
    { "field", lc_rules_parse_field },
    { "lock", lc_rules_parse_acquire },
    { "unlock", lc_rules_parse_release },
    { "trylock", lc_rules_parse_try },
    { "barrier-wait", lc_rules_parse_barrier_wait },
    { "cpu-heavy", lc_rules_parse_cpu_heavy },
    { "cheap", lc_rules_parse_cheap },
    { "nonblocking-descriptor", lc_rules_parse_descriptor },
    { "readonly-stream", lc_rules_parse_readonly_stream },
    { "memory-file", lc_rules_parse_memory_file },
    { "standard-stream", lc_rules_parse_standard_stream },
    { "nonblocking-place", lc_rules_parse_nonblocking_place },
    { "terminates", lc_rules_parse_terminates },
    { "frees", lc_rules_parse_frees },
    { "fork", lc_rules_parse_fork },
    { "loop-thread-test", lc_rules_parse_loop_thread_test },
    { "runs-loop", lc_rules_parse_runs_loop },
    { "process-main", lc_rules_parse_process_main },
    { "thread-join", lc_rules_parse_thread_join },
    { "runs-once", lc_rules_parse_runs_once },
    { "annotate", lc_rules_parse_annotate },
    { "sync-type", lc_rules_parse_sync_type },
    { "pause-threads", lc_rules_parse_pause_threads },
    { "resume-threads", lc_rules_parse_resume_threads },
    { "gated-thread", lc_rules_parse_gated_thread },
    { "bounded", lc_rules_parse_bounded },
    { "drains", lc_rules_parse_drains },
    { "fails", lc_rules_parse_fails },
    { "keyed-callback", lc_rules_parse_keyed_callback },
    { "keyed-dispatch", lc_rules_parse_keyed_dispatch },
    { "keyed-id", lc_rules_parse_keyed_id },
    { "string-prefix", lc_rules_parse_string_prefix },
};

static void lc_rules_parse_line(struct lc_rules_parser *parser, char *line)
{
    parser->keyword = parser->name = NULL;
    parser->next = 0;
    const char *error = lc_rules_split_line(line, &parser->words);
    if (error) {
        lc_rules_error(parser, "%s", error);
        return;
    }
    const struct lc_rules_word *first = lc_rules_next(parser);
    if (!first)
        return;
    for (size_t i = 0; i < sizeof lc_rules_statements / sizeof lc_rules_statements[0]; i++)
        if (!first->quoted && strcmp(first->text, lc_rules_statements[i].keyword) == 0) {
            parser->keyword = first->text;
            lc_rules_statements[i].parse(parser);
            return;
        }
    lc_rules_error(parser, "unknown statement '%s'", first->text);
}

int lc_models_load_text(struct lc_models *models, const char *name,
                        const char *text, FILE *err)
{
    struct lc_rules_parser parser = { .models = models, .err = err };
    parser.file = lc_arena_strdup(&models->arena, name);
    char *copy = strdup(text);
    if (!parser.file || !copy) {
        free(copy);
        fprintf(err, "%s: out of memory\n", name);
        return 1;
    }
    for (char *line = copy; line;) {
        char *newline = strchr(line, '\n');
        if (newline)
            *newline = '\0';
        parser.line++;
        lc_rules_parse_line(&parser, line);
        line = newline ? newline + 1 : NULL;
    }
    free(copy);
    return parser.errors;
}
