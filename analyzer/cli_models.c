/* cli_models.c — `loopcheck models`: what the rules files say about
 * functions (or RECORD.FIELD), printed as the statements that say it, in
 * the rules syntax, with the file and line where each was declared; and
 * `--list`, every modelled name with its library.  The statements are
 * printed by cli_models_print.c (lc_cli_print_model, shared with `loopcheck
 * explain`). */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis.h"
#include "cli.h"
#include "models.h"
#include "report.h"

static const char models_usage[] =
    "usage: loopcheck models [--rules FILE]... NAME...\n"
    "       loopcheck models [--rules FILE]... --list\n"
    "\n"
    "Print what the models (the shipped rules files, then each --rules FILE)\n"
    "say about each NAME: a function, or RECORD.FIELD for a field model. Each\n"
    "statement is printed in the rules syntax with the file and line that\n"
    "declared it; a name matched by a pattern (g_*_sync) says so. A project's\n"
    "own .loopcheck file is not read here: pass it with --rules.\n"
    "\n"
    "      --rules FILE        load more models (repeatable; later files win)\n"
    "      --list              list every modelled name, its library and what\n"
    "                          its model says (blocking, callback, ...)\n"
    "  -h, --help              show this help\n"
    "\n"
    "Exit status: 0 every NAME has a model, 1 some NAME has none, 2 usage\n"
    "error or a rules file with errors (reported on stderr).\n";

static int models_usage_error(const char *message, const char *arg)
{
    fprintf(stderr, "loopcheck models: %s%s%s\n", message, arg ? ": " : "", arg ? arg : "");
    fprintf(stderr, "Try 'loopcheck models --help'.\n");
    return LC_EXIT_USAGE;
}

static void models_print_field(FILE *out, const char *name, const struct lc_field_model *field,
                               const char *base_dir)
{
    fprintf(out, "%s: %s:%u, library %s\n  field %s.%s %s\n", name, lc_report_display_path(field->file, base_dir),
            field->line, field->library ? field->library->name : "none", field->record, field->field,
            lc_thread_role_name(field->role));
}

/* Print what the models say of `name`; 1 when they say something. */
static int models_print_name(FILE *out, const struct lc_models *models, const char *name, const char *base_dir)
{
    const char *dot = strchr(name, '.');
    if (dot) {
        char *record = strndup(name, (size_t)(dot - name));
        const struct lc_field_model *field = record ? lc_models_find_field(models, record, dot + 1) : NULL;
        free(record);
        if (field)
            models_print_field(out, name, field, base_dir);
        else
            fprintf(out, "%s: no model\n", name);
        return field != NULL;
    }
    const struct lc_function_model *model = lc_models_find(models, name);
    if (model)
        lc_cli_print_model(out, "", name, model, base_dir);
    else
        fprintf(out, "%s: no model (loopcheck follows its body when the program defines it, and takes it not to "
                     "block otherwise)\n", name);
    return model != NULL;
}

/* One line of --list. */
struct models_row {
    const char *name;
    const char *library;
    char kinds[96];
};

static void models_add_kind(struct models_row *row, int present, const char *kind)
{
    size_t used = strlen(row->kinds);
    if (present)
        snprintf(row->kinds + used, sizeof row->kinds - used, "%s%s", used ? ", " : "", kind);
}

static int models_compare_rows(const void *a, const void *b)
{
    return strcmp(((const struct models_row *)a)->name, ((const struct models_row *)b)->name);
}

static void models_row_of_function(struct models_row *row, const struct lc_function_model *model)
{
    row->name = model->name;
    row->library = model->library ? model->library->name : "-";
    models_add_kind(row, model->nonblocking, "nonblocking");
    models_add_kind(row, model->blocking != NULL, "blocking");
    models_add_kind(row, model->callback_count > 0, "callback");
    models_add_kind(row, model->keyed_callback != NULL, "keyed-callback");
    models_add_kind(row, model->keyed_dispatch, "keyed-dispatch");
    models_add_kind(row, model->keyed_id_key != 0, "keyed-id");
    models_add_kind(row, model->string_prefix_position != 0, "string-prefix");
    if (model->lock)
        models_add_kind(row, 1, lc_cli_lock_keyword(model->lock->action));
    models_add_kind(row, model->barrier_position != 0, "barrier-wait");
    models_add_kind(row, model->cpu_heavy != NULL, "cpu-heavy");
    models_add_kind(row, model->cheap != NULL, "cheap");
    models_add_kind(row, model->descriptor != NULL, "nonblocking-descriptor");
    for (int state = 0; state < LC_STATE_COUNT; state++)
        models_add_kind(row, model->states[state] != NULL, lc_stream_state_statement((enum lc_stream_state)state));
    models_add_kind(row, model->forks, "fork");
    models_add_kind(row, model->terminates, "terminates");
    models_add_kind(row, model->fails != 0, "fails");
    models_add_kind(row, model->runs_loop, "runs-loop");
    models_add_kind(row, model->process_main, "process-main");
    models_add_kind(row, model->thread_join, "thread-join");
    models_add_kind(row, model->once_position != 0, "runs-once");
    models_add_kind(row, model->annotations != 0, "annotate");
    models_add_kind(row, model->pauses_threads != NULL, "pause-threads");
    models_add_kind(row, model->resumes_threads != NULL, "resume-threads");
}

/* Every function, pattern and field model, sorted by name; 0 or -1. */
static int models_list(FILE *out, const struct lc_models *models)
{
    size_t count = 0;
    struct lc_arena names;   /* RECORD.FIELD of the field models */
    lc_arena_init(&names);
    struct models_row *rows = calloc(models->function_count + models->field_count + 1, sizeof *rows);
    int rc = rows ? 0 : -1;
    for (size_t i = 0; rows && i < models->bucket_count; i++)
        if (models->buckets[i])
            models_row_of_function(&rows[count++], models->buckets[i]);
    for (size_t i = 0; rc == 0 && i < models->field_count; i++) {
        const struct lc_field_model *field = &models->fields[i];
        struct models_row *row = &rows[count++];
        row->name = lc_arena_printf(&names, "%s.%s", field->record, field->field);
        row->library = field->library ? field->library->name : "-";
        models_add_kind(row, 1, "field");
        rc = row->name ? 0 : -1;
    }
    if (rc == 0) {
        qsort(rows, count, sizeof *rows, models_compare_rows);
        for (size_t i = 0; i < count; i++)
            fprintf(out, "%-40s %-10s %s\n", rows[i].name, rows[i].library, rows[i].kinds);
    }
    free(rows);
    lc_arena_free(&names);
    return rc;
}

/* The shipped models, then each --rules file; the number of errors (each
 * printed on stderr), -1 when the shipped directory cannot be read. */
static int models_load(struct lc_models *models, char **rules, size_t rules_count)
{
    int errors = lc_models_load_dir(models, lc_default_rules_dir(), stderr);
    if (errors < 0)
        return -1;
    for (size_t i = 0; i < rules_count; i++) {
        int file_errors = lc_models_load_file(models, rules[i], stderr);
        errors += file_errors < 0 ? 1 : file_errors;
    }
    return errors;
}

struct models_options {
    char **rules;
    size_t rules_count;
    int list;
    char **names;
    size_t name_count;
};

/* Returns -1 to go on, else an exit status. */
static int models_parse(int argc, char **argv, struct models_options *o)
{
    enum { OPT_RULES = 256, OPT_LIST };
    static const struct option long_options[] = {
        { "rules", required_argument, NULL, OPT_RULES },
        { "list", no_argument, NULL, OPT_LIST },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+h", long_options, NULL)) != -1) {
        switch (c) {
        case OPT_RULES: o->rules[o->rules_count++] = optarg; break;
        case OPT_LIST: o->list = 1; break;
        case 'h': fputs(models_usage, stdout); return LC_EXIT_CLEAN;
        default:
            return models_usage_error(optopt ? "option needs an argument or is unknown" : "unknown option",
                                      argv[optind - 1]);
        }
    }
    o->names = argv + optind;
    o->name_count = (size_t)(argc - optind);
    if (!o->list && o->name_count == 0)
        return models_usage_error("name a function (or RECORD.FIELD), or pass --list", NULL);
    if (o->list && o->name_count > 0)
        return models_usage_error("--list takes no NAME", o->names[0]);
    return -1;
}

int lc_cli_models(int argc, char **argv)
{
    struct models_options o = { 0 };
    if (!(o.rules = calloc((size_t)argc + 1, sizeof *o.rules)))
        return LC_EXIT_USAGE;
    int status = models_parse(argc, argv, &o);
    if (status >= 0) {
        free(o.rules);
        return status;
    }
    struct lc_models models;
    lc_models_init(&models);
    int errors = models_load(&models, o.rules, o.rules_count);
    char cwd[PATH_MAX];
    const char *base_dir = getcwd(cwd, sizeof cwd) ? cwd : NULL;
    int missing = 0;
    if (errors >= 0 && o.list && models_list(stdout, &models) != 0)
        errors = -1;
    for (size_t i = 0; errors >= 0 && !o.list && i < o.name_count; i++)
        missing |= !models_print_name(stdout, &models, o.names[i], base_dir);
    if (errors < 0)
        fprintf(stderr, "loopcheck models: the models could not be loaded\n");
    lc_models_free(&models);
    free(o.rules);
    return errors != 0 ? LC_EXIT_USAGE : missing ? LC_EXIT_FINDINGS : LC_EXIT_CLEAN;
}
