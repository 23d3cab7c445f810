/* cli_models_print.c — a function's model printed as the statements that
 * say it, in the rules syntax, with the file and line where each was
 * declared (lc_cli_print_model: `loopcheck models`, `loopcheck explain`). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "models.h"
#include "report.h"

/* A quoted string of the rules syntax: `"` and `\` escaped. */
static void models_print_quoted(FILE *out, const char *text)
{
    fputc('"', out);
    for (const char *p = text; *p; p++) {
        if (*p == '"' || *p == '\\')
            fputc('\\', out);
        fputc(*p, out);
    }
    fputc('"', out);
}

static void models_print_condition(FILE *out, const char *keyword, const struct lc_arg_condition *condition)
{
    fprintf(out, " %s arg%d", keyword, condition->position);
    switch (condition->test) {
    case LC_ARG_IS_NULL: fputs("=null", out); break;
    case LC_ARG_NOT_NULL: fputs("!=null", out); break;
    case LC_ARG_HAS_TOKEN: fprintf(out, "~%s", condition->token); break;
    case LC_ARG_LACKS_TOKEN: fprintf(out, "!~%s", condition->token); break;
    case LC_ARG_IS_NONBLOCKING: fputs("=nonblocking", out); break;
    case LC_ARG_NOT_NONBLOCKING: fputs("!=nonblocking", out); break;
    case LC_ARG_IN_STATE: fprintf(out, "=%s", lc_stream_state_word(condition->state)); break;
    case LC_ARG_NOT_IN_STATE: fprintf(out, "!=%s", lc_stream_state_word(condition->state)); break;
    case LC_ARG_HAS_PREFIX: fprintf(out, "^%s", condition->token); break;
    case LC_ARG_LACKS_PREFIX: fprintf(out, "!^%s", condition->token); break;
    }
}

/* Where the printing goes: the stream, the indentation of the name's line
 * (statements get two more blanks, their texts four), and the directory
 * paths are shown relative to. */
struct models_printer {
    FILE *out;
    const char *indent;
    const char *base_dir;
};

/* reason "...", instead "..." and where, each on a line under their
 * statement. */
static void models_print_texts(const struct models_printer *p, const char *reason, const char *instead,
                               const char *file, unsigned line)
{
    fprintf(p->out, "\n%s    reason ", p->indent);
    models_print_quoted(p->out, reason);
    if (instead) {
        fprintf(p->out, "\n%s    instead ", p->indent);
        models_print_quoted(p->out, instead);
    }
    fprintf(p->out, "\n%s    (%s:%u)\n", p->indent, lc_report_display_path(file, p->base_dir), line);
}

static void models_print_blocking(const struct models_printer *p, const char *name,
                                  const struct lc_blocking_model *blocking)
{
    fprintf(p->out, "%s  blocking %s", p->indent, name);
    for (size_t i = 0; i < blocking->if_count; i++)
        models_print_condition(p->out, "if", &blocking->if_conditions[i]);
    for (size_t i = 0; i < blocking->unless_count; i++)
        models_print_condition(p->out, "unless", &blocking->unless_conditions[i]);
    models_print_texts(p, blocking->reason, blocking->instead, blocking->file, blocking->line);
}

const char *lc_cli_lock_keyword(enum lc_lock_action action)
{
    switch (action) {
    case LC_LOCK_ACQUIRE: return "lock";
    case LC_LOCK_RELEASE: return "unlock";
    case LC_LOCK_TRY: return "trylock";
    }
    return "lock";
}

static void models_print_descriptor(const struct models_printer *p, const char *keyword, const char *name,
                                    const struct lc_descriptor_model *descriptor)
{
    fprintf(p->out, "%s  %s %s ", p->indent, keyword, name);
    if (descriptor->position == 0)
        fputs("result", p->out);
    else
        fprintf(p->out, "arg%d", descriptor->position);
    for (size_t i = 0; i < descriptor->if_count; i++)
        models_print_condition(p->out, "if", &descriptor->if_conditions[i]);
    for (size_t i = 0; i < descriptor->unless_count; i++)
        models_print_condition(p->out, "unless", &descriptor->unless_conditions[i]);
    fputs(" reason ", p->out);
    models_print_quoted(p->out, descriptor->reason ? descriptor->reason : "");
    fputc('\n', p->out);
}

static void models_print_pause(const struct models_printer *p, const char *keyword, const char *name,
                               const struct lc_pause_model *pause)
{
    if (!pause)
        return;
    fprintf(p->out, "%s  %s %s", p->indent, keyword, name);
    for (size_t i = 0; i < pause->if_count; i++)
        models_print_condition(p->out, "if", &pause->if_conditions[i]);
    fputc('\n', p->out);
}

/* The statements of the model, each on its own line. */
static void models_print_statements(const struct models_printer *p, const struct lc_function_model *model)
{
    const char *name = model->name;
    if (model->nonblocking)
        fprintf(p->out, "%s  nonblocking %s\n", p->indent, name);
    if (model->terminates)
        fprintf(p->out, "%s  terminates %s\n", p->indent, name);
    if (model->forks)
        fprintf(p->out, "%s  fork %s\n", p->indent, name);
    if (model->fails)
        fprintf(p->out, "%s  fails %s %s\n", p->indent, name, model->fails_text);
    if (model->runs_loop)
        fprintf(p->out, "%s  runs-loop %s\n", p->indent, name);
    if (model->process_main)
        fprintf(p->out, "%s  process-main %s\n", p->indent, name);
    if (model->thread_join)
        fprintf(p->out, "%s  thread-join %s\n", p->indent, name);
    if (model->once_position)
        fprintf(p->out, "%s  runs-once %s arg%d\n", p->indent, name, model->once_position);
    for (size_t i = 0; i < LC_ANNOTATION_COUNT; i++)
        if (model->annotations & lc_annotation_names[i].bit)
            fprintf(p->out, "%s  annotate %s %s\n", p->indent, name, lc_annotation_names[i].color);
    models_print_pause(p, "pause-threads", name, model->pauses_threads);
    models_print_pause(p, "resume-threads", name, model->resumes_threads);
    if (model->blocking)
        models_print_blocking(p, name, model->blocking);
    for (size_t i = 0; i < model->callback_count; i++) {
        const struct lc_callback_model *callback = &model->callbacks[i];
        fprintf(p->out, "%s  callback %s arg%d %s", p->indent, name, callback->position,
                lc_thread_role_name(callback->role));
        if (callback->descriptor_position)
            fprintf(p->out, " descriptor arg%d arg%d", callback->descriptor_position,
                    callback->descriptor_parameter);
        fputc('\n', p->out);
    }
    if (model->keyed_callback) {
        const struct lc_keyed_callback_model *keyed = model->keyed_callback;
        fprintf(p->out, "%s  keyed-callback %s", p->indent, name);
        if (keyed->key_position)
            fprintf(p->out, " key arg%d", keyed->key_position);
        fprintf(p->out, " callback arg%d", keyed->callback_position);
        if (keyed->prefix[0]) {
            fputs(" prefix ", p->out);
            models_print_quoted(p->out, keyed->prefix);
        }
        fputc('\n', p->out);
    }
    if (model->keyed_dispatch) {
        fprintf(p->out, "%s  keyed-dispatch %s", p->indent, name);
        if (model->keyed_dispatch_key)
            fprintf(p->out, " key arg%d", model->keyed_dispatch_key);
        fputc('\n', p->out);
    }
    if (model->keyed_id_key)
        fprintf(p->out, "%s  keyed-id %s key arg%d\n", p->indent, name, model->keyed_id_key);
    if (model->string_prefix_position)
        fprintf(p->out, "%s  string-prefix %s arg%d%s\n", p->indent, name, model->string_prefix_position,
                model->string_prefix_format ? " format" : "");
    if (model->lock)
        fprintf(p->out, "%s  %s %s arg%d\n", p->indent, lc_cli_lock_keyword(model->lock->action), name,
                model->lock->position);
    if (model->barrier_position)
        fprintf(p->out, "%s  barrier-wait %s arg%d\n", p->indent, name, model->barrier_position);
    if (model->cpu_heavy) {
        fprintf(p->out, "%s  cpu-heavy %s", p->indent, name);
        models_print_texts(p, model->cpu_heavy->reason, model->cpu_heavy->instead, model->cpu_heavy->file,
                           model->cpu_heavy->line);
    }
    if (model->cheap) {
        fprintf(p->out, "%s  cheap %s", p->indent, name);
        models_print_texts(p, model->cheap->reason, NULL, model->cheap->file, model->cheap->line);
    }
    if (model->descriptor)
        models_print_descriptor(p, "nonblocking-descriptor", name, model->descriptor);
    for (int state = 0; state < LC_STATE_COUNT; state++)
        if (model->states[state])
            models_print_descriptor(p, lc_stream_state_statement((enum lc_stream_state)state), name,
                                    model->states[state]);
    if (model->library && model->library->offload) {
        fprintf(p->out, "%s  library %s offload ", p->indent, model->library->name);
        models_print_quoted(p->out, model->library->offload);
        fputc('\n', p->out);
    }
}

void lc_cli_print_model(FILE *out, const char *indent, const char *name, const struct lc_function_model *model,
                        const char *base_dir)
{
    const struct models_printer p = { out, indent, base_dir };
    const char *file = lc_report_display_path(model->file, base_dir);
    if (strcmp(name, model->name) != 0)
        fprintf(out, "%s%s: matches the pattern %s (%s:%u)", indent, name, model->name, file, model->line);
    else
        fprintf(out, "%s%s: %s:%u", indent, name, file, model->line);
    fprintf(out, ", library %s\n", model->library ? model->library->name : "none");
    models_print_statements(&p, model);
}
