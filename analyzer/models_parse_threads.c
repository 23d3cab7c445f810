/* models_parse_threads.c — the statements about threads and locks
 * (rules/README.md): `runs-loop` and `process-main` (flags that leave the
 * function's body followed), `annotate` (a function's color, as an
 * annotation in the source gives it), `pause-threads` / `resume-threads`,
 * `gated-thread`, `sync-type`, `lock` / `unlock` / `trylock`,
 * `barrier-wait`, `thread-join` and `runs-once`.  The table of statements
 * is in models_parse.c. */
#include "models.h"

#include <stddef.h>
#include <string.h>

#include "models_internal.h"
#include "models_lexer.h"

/* runs-loop NAME, process-main NAME: flags that leave the body followed. */
int lc_rules_parse_runs_loop(struct lc_rules_parser *parser)
{
    return lc_rules_parse_flag(parser, offsetof(struct lc_function_model, runs_loop), 0);
}

int lc_rules_parse_process_main(struct lc_rules_parser *parser)
{
    return lc_rules_parse_flag(parser, offsetof(struct lc_function_model, process_main), 0);
}

/* thread-join NAME: waits until a thread ends; a thread started and
 * joined in the same round of a loop runs once at a time
 * (registrations.c). */
int lc_rules_parse_thread_join(struct lc_rules_parser *parser)
{
    return lc_rules_parse_flag(parser, offsetof(struct lc_function_model, thread_join), 1);
}

/* annotate NAME async|worker|blocking|nonblocking: what the annotation
 * loopcheck:COLOR on NAME's declaration says, for code the project does
 * not want to edit (a home-grown loop's dispatch function).  async and
 * worker add up; blocking and nonblocking replace each other. */
int lc_rules_parse_annotate(struct lc_rules_parser *parser)
{
    const char *name = lc_rules_read_name(parser);
    if (!name)
        return -1;
    const struct lc_rules_word *word = lc_rules_next(parser);
    if (!word)
        return lc_rules_error(parser, "missing color (async, worker, blocking or nonblocking)");
    unsigned bit = 0;
    for (size_t i = 0; i < LC_ANNOTATION_COUNT; i++)
        if (!word->quoted && strcmp(word->text, lc_annotation_names[i].color) == 0)
            bit = lc_annotation_names[i].bit;
    if (!bit)
        return lc_rules_error(parser, "unknown color '%s' (expected async, worker, blocking or nonblocking)",
                              word->text);
    if (lc_rules_expect_end(parser) != 0)
        return -1;
    struct lc_function_model *model = lc_rules_function(parser, name);
    if (!model)
        return -1;
    if (bit & (LC_ANNOT_BLOCKING | LC_ANNOT_NONBLOCKING))
        model->annotations &= ~(unsigned)(LC_ANNOT_BLOCKING | LC_ANNOT_NONBLOCKING);
    model->annotations |= bit;
    model->annotation_file = parser->file;
    model->annotation_line = parser->line;
    if (parser->library)
        model->library = parser->library;
    return 0;
}

/* pause-threads NAME [if COND]..., resume-threads NAME [if COND]...: the
 * conditions only test the call's own arguments (the extractor evaluates
 * them, before anything else is known); the body stays followed. */
static int lc_rules_parse_pause(struct lc_rules_parser *parser, int resumes)
{
    struct lc_arg_condition conditions[LC_RULES_MAX_CONDITIONS];
    size_t count = 0;
    const char *name = lc_rules_read_name(parser);
    if (!name || lc_rules_read_if_conditions(parser, conditions, &count) != 0)
        return -1;
    for (size_t i = 0; i < count; i++)
        if (conditions[i].test != LC_ARG_HAS_TOKEN && conditions[i].test != LC_ARG_LACKS_TOKEN
            && conditions[i].test != LC_ARG_IS_NULL && conditions[i].test != LC_ARG_NOT_NULL)
            return lc_rules_error(parser, "only argN~TOKEN, argN!~TOKEN, argN=null and argN!=null conditions "
                                          "are allowed here");
    struct lc_function_model *model = lc_rules_function(parser, name);
    if (!model)
        return -1;
    struct lc_pause_model *pause = lc_arena_alloc(&parser->models->arena, sizeof *pause);
    int failed = !pause;
    if (pause) {
        pause->if_conditions = lc_rules_copy_conditions(parser, conditions, count, &failed);
        pause->if_count = count;
    }
    if (failed)
        return lc_rules_error(parser, "out of memory");
    *(resumes ? &model->resumes_threads : &model->pauses_threads) = pause;
    if (parser->library)
        model->library = parser->library;
    return 0;
}

int lc_rules_parse_pause_threads(struct lc_rules_parser *parser)
{
    return lc_rules_parse_pause(parser, 0);
}

int lc_rules_parse_resume_threads(struct lc_rules_parser *parser)
{
    return lc_rules_parse_pause(parser, 1);
}

/* The word KEYWORD, then a function name (in the models' arena), or NULL
 * after an error. */
static const char *lc_rules_read_keyword_name(struct lc_rules_parser *parser, const char *keyword)
{
    const struct lc_rules_word *word = lc_rules_next(parser);
    if (!word || word->quoted || strcmp(word->text, keyword) != 0) {
        lc_rules_error(parser, "expected '%s'", keyword);
        return NULL;
    }
    const char *name = lc_rules_read_name(parser);
    return name ? lc_arena_strdup(&parser->models->arena, name) : NULL;
}

/* gated-thread ROLE start START wait WAIT: names only (the bodies of START
 * and WAIT stay followed); a role named again replaces its entry. */
int lc_rules_parse_gated_thread(struct lc_rules_parser *parser)
{
    struct lc_models *models = parser->models;
    const char *role = lc_rules_read_name(parser);
    role = role ? lc_arena_strdup(&models->arena, role) : NULL;
    const char *start = role ? lc_rules_read_keyword_name(parser, "start") : NULL;
    parser->name = role;   /* messages name the role */
    const char *wait = start ? lc_rules_read_keyword_name(parser, "wait") : NULL;
    parser->name = role;
    if (!wait || lc_rules_expect_end(parser) != 0)
        return -1;
    size_t i = 0;
    while (i < models->gate_count && strcmp(models->gates[i].role, role) != 0)
        i++;
    if (i == LC_GATE_MAX)
        return lc_rules_error(parser, "more than %d gated threads", LC_GATE_MAX);
    models->gates[i] = (struct lc_gate_model){ role, start, wait };
    models->gate_count += i == models->gate_count;
    return 0;
}

/* sync-type NAME */
int lc_rules_parse_sync_type(struct lc_rules_parser *parser)
{
    const struct lc_rules_word *word = lc_rules_next(parser);
    if (!word || word->quoted || !lc_rules_is_identifier(word->text, ""))
        return lc_rules_error(parser, "missing or invalid type name");
    parser->name = word->text;
    if (lc_rules_expect_end(parser) != 0)
        return -1;
    return lc_models_add_sync_type(parser->models, word->text) == 0 ? 0 : lc_rules_error(parser, "out of memory");
}

/* The rest of a `KEYWORD NAME argN` statement: NAME's model (NULL after
 * an error, reported), and N in *position. */
static struct lc_function_model *lc_rules_parse_name_position(struct lc_rules_parser *parser, int *position)
{
    const char *name = lc_rules_read_name(parser);
    *position = name ? lc_rules_read_position(parser) : -1;
    if (*position < 0 || lc_rules_expect_end(parser) != 0)
        return NULL;
    return lc_rules_function(parser, name);
}

/* lock|unlock|trylock NAME argN */
/* lock NAME argN [shared], trylock NAME argN [shared], unlock NAME argN */
static int lc_rules_parse_lock(struct lc_rules_parser *parser, enum lc_lock_action action)
{
    const char *name = lc_rules_read_name(parser);
    int position = name ? lc_rules_read_position(parser) : -1;
    if (position < 0)
        return -1;
    const struct lc_rules_word *mode = action == LC_LOCK_RELEASE ? NULL : lc_rules_next(parser);
    int shared = mode && !mode->quoted && strcmp(mode->text, "shared") == 0;
    if (mode && !shared)
        return lc_rules_error(parser, "unexpected '%s' (expected 'shared' or the end of the line)", mode->text);
    if (lc_rules_expect_end(parser) != 0)
        return -1;
    struct lc_function_model *model = lc_rules_function(parser, name);
    if (!model)
        return -1;
    if (!model->lock && !(model->lock = lc_arena_alloc(&parser->models->arena, sizeof *model->lock)))
        return lc_rules_error(parser, "out of memory");
    model->lock->position = position;
    model->lock->action = action;
    model->lock->shared = shared;
    return lc_rules_applied(parser, model);
}

int lc_rules_parse_acquire(struct lc_rules_parser *parser)
{
    return lc_rules_parse_lock(parser, LC_LOCK_ACQUIRE);
}

int lc_rules_parse_release(struct lc_rules_parser *parser)
{
    return lc_rules_parse_lock(parser, LC_LOCK_RELEASE);
}

int lc_rules_parse_try(struct lc_rules_parser *parser)
{
    return lc_rules_parse_lock(parser, LC_LOCK_TRY);
}

/* barrier-wait NAME argN */
int lc_rules_parse_barrier_wait(struct lc_rules_parser *parser)
{
    int position;
    struct lc_function_model *model = lc_rules_parse_name_position(parser, &position);
    if (!model)
        return -1;
    model->barrier_position = position;
    return lc_rules_applied(parser, model);
}

/* runs-once NAME argN: the function passed as argument N runs once in
 * the process (once_calls.c). */
int lc_rules_parse_runs_once(struct lc_rules_parser *parser)
{
    int position;
    struct lc_function_model *model = lc_rules_parse_name_position(parser, &position);
    if (!model)
        return -1;
    model->once_position = position;
    return lc_rules_applied(parser, model);
}
