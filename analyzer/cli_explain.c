/* cli_explain.c — `loopcheck explain FUNCTION`: why loopcheck colors a
 * function as it does.  For each function of that name (statics of several
 * files may share one): where it is, its colors, the programs of the build
 * that may run it (when there are several), the chain from the
 * registration that puts it on the loop (or the call that reaches it only
 * on the way out of the process), the offload that puts it on a worker
 * and the calls from there, the calls through which it may block down to
 * the blocking one, whether it never returns, its cost level (cost.h) and
 * its model. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis.h"
#include "blocking.h"
#include "callers.h"
#include "chain.h"
#include "cli.h"
#include "cost.h"
#include "report.h"
#include "threads.h"

static const char explain_usage[] =
    "usage: loopcheck explain -p BUILD_DIR [options] FUNCTION\n"
    "\n"
    "Analyse BUILD_DIR (reusing the cache, as 'check' does) and explain how\n"
    "loopcheck sees every function named FUNCTION: where it runs (the programs\n"
    "of the build that may run it, the chain from the registration that puts\n"
    "it on the event loop, the offload that puts it on a worker), whether it\n"
    "may block (each call down to the blocking one), and its model.\n"
    "\n"
    "  -p BUILD_DIR            directory holding compile_commands.json (required)\n"
    "  -j, --jobs N            parse N translation units in parallel (default: cores)\n"
    "      --db PATH           the cache database (default: BUILD_DIR/loopcheck.db)\n"
    "      --rules FILE        load more models (repeatable; later files win)\n"
    "  -h, --help              show this help\n"
    "\n"
    "Exit status: 0 FUNCTION was found and explained, 2 no function has that\n"
    "name, or a usage or input error (as for 'check').\n";

struct explain_options {
    struct lc_analysis_options analysis;
    const char **rules;
    size_t rules_count;
    const char *function;
};

/* What the explanation of one function needs. */
struct explain_context {
    FILE *out;
    const struct lc_program *program;
    const char *base_dir;
    struct lc_arena *arena;
};

static int explain_usage_error(const char *message, const char *arg)
{
    fprintf(stderr, "loopcheck explain: %s%s%s\n", message, arg ? ": " : "", arg ? arg : "");
    fprintf(stderr, "Try 'loopcheck explain --help'.\n");
    return LC_EXIT_USAGE;
}

/* Returns -1 to go on, else an exit status. */
static int explain_parse(int argc, char **argv, struct explain_options *o)
{
    enum { OPT_DB = 256, OPT_RULES };
    static const struct option long_options[] = {
        { "jobs", required_argument, NULL, 'j' },        { "db", required_argument, NULL, OPT_DB },
        { "rules", required_argument, NULL, OPT_RULES }, { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int c;
    long value;
    char *end;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+p:j:h", long_options, NULL)) != -1) {
        switch (c) {
        case 'p': o->analysis.build_dir = optarg; break;
        case 'j':
            errno = 0;
            value = strtol(optarg, &end, 10);
            if (errno || *end || value < 1 || value > 1024)
                return explain_usage_error("-j needs a number from 1 to 1024", optarg);
            o->analysis.jobs = (int)value;
            break;
        case OPT_DB: o->analysis.db_path = optarg; break;
        case OPT_RULES: o->rules[o->rules_count++] = optarg; break;
        case 'h': fputs(explain_usage, stdout); return LC_EXIT_CLEAN;
        default:
            return explain_usage_error(optopt ? "option needs an argument or is unknown" : "unknown option",
                                       argv[optind - 1]);
        }
    }
    if (!o->analysis.build_dir)
        return explain_usage_error("-p BUILD_DIR is required", NULL);
    if (argc - optind != 1)
        return explain_usage_error(argc - optind == 0 ? "name the FUNCTION to explain" : "one FUNCTION at a time",
                                   argc - optind == 0 ? NULL : argv[optind + 1]);
    o->function = argv[optind];
    o->analysis.rules_files = o->rules;
    o->analysis.rules_file_count = o->rules_count;
    return -1;
}

static void explain_step(const struct explain_context *x, struct lc_location loc, const char *message)
{
    fprintf(x->out, "    %s:%u:%u: %s\n", loc.file ? lc_report_display_path(loc.file, x->base_dir) : "?",
            loc.line, loc.col, message);
}

static void explain_header(const struct explain_context *x, uint32_t f)
{
    const struct lc_program *program = x->program;
    const struct lc_program_function *fn = &program->functions[f];
    if (fn->loc.file)
        fprintf(x->out, "%s: %s:%u:%u (%s)\n", fn->name, lc_report_display_path(fn->loc.file, x->base_dir),
                fn->loc.line, fn->loc.col, fn->is_defined ? "defined" : "declared; its body is not in the program");
    else
        fprintf(x->out, "%s: (declared in a header loopcheck does not record; its body is not in the program)\n",
                fn->name);
    const char *colors = NULL;
    if (program->on_loop[f])
        colors = "async";
    if (program->on_worker[f])
        colors = colors ? lc_arena_printf(x->arena, "%s, worker", colors) : "worker";
    if (program->blocking[f])
        colors = colors ? lc_arena_printf(x->arena, "%s, blocking", colors) : "blocking";
    fprintf(x->out, "  colors: %s\n", colors ? colors : "none");
    for (size_t i = 0; i < LC_ANNOTATION_COUNT; i++) {
        const struct lc_annotation_name *a = &lc_annotation_names[i];
        const struct lc_function_model *stated = lc_models_annotating(program->models, fn->name, a->bit);
        if (stated)
            fprintf(x->out, "  annotated %s by %s:%u (annotate %s %s)\n", a->color,
                    lc_report_display_path(stated->annotation_file, x->base_dir), stated->annotation_line, fn->name,
                    a->color);
        else if (fn->annotations & a->bit)
            fprintf(x->out, "  annotated loopcheck:%s\n", a->color);
    }
}

/* A call of `f` by a function on the loop, on the way out of the process
 * (terminates.c), or LC_NONE. */
static uint32_t explain_call_on_way_out(const struct lc_program *program, uint32_t f)
{
    const struct lc_callers *callers = program->callers;
    for (uint32_t i = callers->start[f]; i < callers->start[f + 1]; i++) {
        const struct lc_program_call *c = &program->calls[callers->calls[i]];
        if (program->on_loop[c->caller] && lc_program_call_on_way_out(program, c))
            return callers->calls[i];
    }
    return LC_NONE;
}

static void explain_loop(const struct explain_context *x, uint32_t f)
{
    const struct lc_program *program = x->program;
    size_t count = 0;
    struct lc_step *steps = program->on_loop[f] ? lc_chain_to_function(program, f, 0, &count, x->arena) : NULL;
    uint32_t way_out = steps ? LC_NONE : explain_call_on_way_out(program, f);
    if (way_out != LC_NONE) {
        const struct lc_program_call *c = &program->calls[way_out];
        uint32_t end = lc_program_call_extra_of(program, c)->branch_exit;
        while (end != LC_NONE && !(program->calls[end].callee.kind == LC_VALUE_FUNCTION
                                   && program->calls[end].callee.function != LC_NONE
                                   && program->terminates[program->calls[end].callee.function]))
            end = lc_program_call_extra_of(program, &program->calls[end])->branch_exit;
        fprintf(x->out, "  on the event loop: no; '%s', which runs there, calls it only on the way out of the process:\n",
                program->functions[c->caller].name);
        const char *why = c->ends_process ? lc_arena_printf(x->arena, "its arguments make '%s' end the process",
                                                            program->functions[f].name)
                          : end != LC_NONE ? lc_arena_printf(x->arena, "on the way to '%s', which never returns",
                                                            program->functions[program->calls[end].callee.function].name)
                                           : "on the way to a call that never returns";
        explain_step(x, c->loc, why);
        return;
    }
    if (!steps) {
        fprintf(x->out, "  on the event loop: no (no loop callback or async function reaches it)\n");
        return;
    }
    unsigned entries = program->entry_points[f];
    fprintf(x->out, "  on the event loop: yes, reached from %s%u entry point%s; the shortest chain:\n",
            entries >= LC_ENTRY_COUNT_CAP ? "at least " : "", entries, entries == 1 ? "" : "s");
    for (size_t i = 0; i < count; i++)
        explain_step(x, steps[i].loc, steps[i].message);
}

/* The first thread role of `f` that is not the loop (program->threads keeps
 * the shortest chain per role), or LC_NONE. */
static uint32_t explain_worker_role(const struct lc_threads *threads, uint32_t f)
{
    for (uint8_t i = 0; threads && i < threads->function_role_count[f]; i++) {
        uint32_t role = threads->function_roles[(size_t)f * LC_THREAD_ROLE_CAP + i];
        if (role != LC_THREAD_ROLE_LOOP)
            return role;
    }
    return LC_NONE;
}

static void explain_worker(const struct explain_context *x, uint32_t f)
{
    const struct lc_program *program = x->program;
    uint32_t role = explain_worker_role(program->threads, f);
    size_t count = 0;
    struct lc_step *steps = program->on_worker[f] && role != LC_NONE
                                ? lc_threads_chain(program, program->threads, f, role, &count, x->arena)
                                : NULL;
    if (!steps) {
        fprintf(x->out, "  on a worker: no (no offload, thread or worker annotation reaches it)\n");
        return;
    }
    const struct lc_entry *e = &program->entries[program->threads->roles[role].entry];
    fprintf(x->out, "  on a worker: yes; the shortest chain:\n");
    explain_step(x, e->site, e->api ? lc_arena_printf(x->arena, "%s here, so it runs on a worker",
                                                      lc_entry_describe(program, e, x->arena))
                                    : lc_entry_describe(program, e, x->arena));
    for (size_t i = 1; i < count; i++)
        explain_step(x, steps[i].loc, steps[i].message);
}

/* The target of `call` through which the caller blocks, or LC_NONE. */
static uint32_t explain_blocking_target(const struct lc_program *program, uint32_t call)
{
    const struct lc_program_call *c = &program->calls[call];
    for (uint32_t t = 0; t < c->target_count; t++) {
        uint32_t g = program->targets[c->first_target + t];
        if (program->blocking[g] &&
            (lc_program_function_is_followed(program, g) || lc_call_blocks(program, call, g, NULL).blocks))
            return g;
    }
    return LC_NONE;
}

/* Why a function that is not followed blocks, at a call of it or (call
 * LC_NONE) in general. */
static const char *explain_leaf_reason(const struct explain_context *x, uint32_t call, uint32_t leaf)
{
    const struct lc_program_function *fn = &x->program->functions[leaf];
    if (call == LC_NONE)
        return fn->annotations & LC_ANNOT_BLOCKING ? "it is annotated loopcheck:blocking"
             : fn->model && fn->model->blocking   ? fn->model->blocking->reason
                                                   : "it is modelled as blocking";
    struct lc_call_blocking why = lc_call_blocks(x->program, call, leaf, x->arena);
    const char *reason = why.reason ? why.reason : "it is modelled as blocking";
    return why.because ? lc_arena_printf(x->arena, "%s (%s)", reason, why.because) : reason;
}

static void explain_blocking(const struct explain_context *x, uint32_t f)
{
    const struct lc_program *program = x->program;
    if (!program->blocking[f]) {
        const struct lc_function_model *model = program->functions[f].model;
        fprintf(x->out, "  may block: no%s\n", model && model->blocking
                                                  ? " (no call of it in the program meets its model's conditions)"
                                                  : "");
        return;
    }
    if (program->blocking_via[f] == LC_NONE) {
        fprintf(x->out, "  may block: yes: %s\n", explain_leaf_reason(x, LC_NONE, f));
        return;
    }
    fprintf(x->out, "  may block: yes, through these calls:\n");
    uint32_t g = f;
    for (uint32_t steps = 0; program->blocking_via[g] != LC_NONE && steps < program->function_count; steps++) {
        uint32_t call = program->blocking_via[g], next = explain_blocking_target(program, call);
        if (next == LC_NONE)
            break;
        const char *text = lc_chain_call_text(x->program, call, next, x->arena);
        if (program->blocking_via[next] == LC_NONE)
            text = lc_arena_printf(x->arena, "%s, which blocks: %s", text, explain_leaf_reason(x, call, next));
        explain_step(x, program->calls[call].loc, text);
        g = next;
    }
}

/* `what` and the parameters of `params` (1-based, joined by `join`), if
 * any; then `after`. */
static void explain_params(const struct explain_context *x, const char *what, uint32_t params, const char *join,
                           const char *after)
{
    const char *separator = " ";
    if (!params)
        return;
    fputs(what, x->out);
    for (unsigned p = 0; p < LC_ELEMENT_ARGUMENTS; p++)
        if ((params >> p) & 1u) {
            fprintf(x->out, "%s%u", separator, p + 1);
            separator = join;
        }
    fputs(after, x->out);
}

/* The same for the parameters bounding its growing loops, each alone, and
 * the level of the rest. */
static void explain_linear(const struct explain_context *x, const char *what, uint32_t params, unsigned rest)
{
    char after[48];
    snprintf(after, sizeof after, " (the rest: level %u)", rest);
    explain_params(x, what, params, " or ", after);
}

/* Its cost level on the loop (cost.h), and the parameter its growing loops
 * are bounded by: a call given a small constant or its loop's element
 * there costs only the rest. */
static void explain_cost(const struct explain_context *x, uint32_t f)
{
    const struct lc_cost *cost = x->program->cost;
    if (!cost || !x->program->functions[f].is_defined)
        return;
    fprintf(x->out, "  cost level: %u", cost->function_level[f]);
    const struct lc_cost_linear *plain = &cost->linear[LC_COST_LINEAR_PLAIN], *cursor = &cost->linear[LC_COST_LINEAR_CURSOR],
                                *slot = &cost->linear[LC_COST_LINEAR_SLOT], *table = &cost->linear[LC_COST_LINEAR_TABLE];
    explain_linear(x, "; linear in parameter", plain->params[f], plain->level_but[f]);
    explain_linear(x, "; walks on as a cursor it hands back: parameter",
                   cursor->params[f] & ~plain->params[f], cursor->level_but[f]);
    explain_linear(x, "; works on the one slot picked by parameter", slot->params[f], slot->level_but[f]);
    explain_linear(x, "; walks the table given for parameter", table->params[f], table->level_but[f]);
    explain_params(x, "; frees parameter", cost->frees_params[f], " and ", " whenever it runs");
    const struct lc_program_function *fn = &x->program->functions[f];
    if (fn->cheap)
        fprintf(x->out, "; a call to it adds nothing and its loops are not reported: cheap at %s:%u",
                lc_report_display_path(fn->cheap->file, x->base_dir), fn->cheap->line);
    else if (lc_program_function_is_cheap(fn))
        fprintf(x->out, "; a call to it adds nothing and its loops are not reported: annotated loopcheck:cheap");
    fputc('\n', x->out);
}

static void explain_model(const struct explain_context *x, uint32_t f)
{
    const struct lc_program_function *fn = &x->program->functions[f];
    if (!fn->model) {
        fprintf(x->out, "  model: none (%s)\n", fn->is_defined ? "loopcheck follows its body"
                                                              : "taken not to block, as its body is not seen");
        return;
    }
    fprintf(x->out, "  model (%s):\n", lc_model_hides_body(fn->model) ? "loopcheck does not look into its body"
                                                                    : "loopcheck follows its body as well");
    lc_cli_print_model(x->out, "    ", fn->name, fn->model, x->base_dir);
}

/* A function that never returns: loopcheck ends its paths there. */
static void explain_never_returns(const struct explain_context *x, uint32_t f)
{
    const struct lc_program *program = x->program;
    if (!program->terminates || !program->terminates[f])
        return;
    uint32_t call;
    enum lc_terminates_reason reason = lc_terminates_reason(program, f, &call);
    if (reason == LC_TERMINATES_CALL && call != LC_NONE) {
        const struct lc_program_call *c = &program->calls[call];
        fprintf(x->out, "  never returns: it calls '%s', which never returns, where the call surely runs:\n",
                program->functions[c->callee.function].name);
        explain_step(x, c->loc, "the paths through it end the process here; loopcheck follows no further");
        return;
    }
    fprintf(x->out, "  never returns: %s; loopcheck does not follow its body\n",
            reason == LC_TERMINATES_MODEL ? "its model says so (terminates)"
                                          : "it is declared so (noreturn, _Noreturn or analyzer_noreturn)");
}

#define EXPLAIN_PROGRAMS_LISTED 4   /* more than this, all of them: counted */

/* The programs of the build that may run `f` (program_load_programs.c:
 * its executables, and the libraries no executable links or loads), when
 * the build has several; all of more than EXPLAIN_PROGRAMS_LISTED are
 * counted, not listed. */
static void explain_programs(const struct explain_context *x, uint32_t f)
{
    const struct lc_program *program = x->program;
    if (!program->function_programs || program->program_count < 2)
        return;
    uint64_t bits = program->function_programs[f];
    uint64_t all = lc_program_every_program(program);
    if ((bits & all) == all && program->program_count > EXPLAIN_PROGRAMS_LISTED) {
        fprintf(x->out, "  programs: all %u of the build's\n", (unsigned)program->program_count);
        return;
    }
    fputs("  programs:", x->out);
    const char *separator = " ";
    for (uint32_t p = 0; p < program->program_count && p < 64; p++)
        if (bits >> p & 1) {
            fprintf(x->out, "%s%s", separator, program->program_names[p]);
            separator = ", ";
        }
    fprintf(x->out, "%s\n", (bits & all) == all ? " (all of the build's)" : "");
}

static void explain_function(const struct explain_context *x, uint32_t f)
{
    explain_header(x, f);
    explain_programs(x, f);
    explain_never_returns(x, f);
    explain_loop(x, f);
    explain_worker(x, f);
    explain_blocking(x, f);
    explain_cost(x, f);
    explain_model(x, f);
}

/* Explain every function named `name`; how many there are. */
static unsigned explain_all(const struct explain_context *x, const char *name)
{
    const struct lc_program *program = x->program;
    unsigned found = 0;
    for (uint32_t f = 0; f < program->function_count; f++) {
        if (strcmp(program->functions[f].name, name) != 0)
            continue;
        if (found++)
            fputc('\n', x->out);
        explain_function(x, f);
    }
    return found;
}

int lc_cli_explain(int argc, char **argv)
{
    struct explain_options o = { 0 };
    o.analysis.err = stderr;
    if (!(o.rules = calloc((size_t)argc + 1, sizeof *o.rules)))
        return LC_EXIT_USAGE;
    int status = explain_parse(argc, argv, &o);
    if (status >= 0) {
        free(o.rules);
        return status;
    }
    struct lc_analysis analysis;
    int rc = lc_analysis_run(&analysis, &o.analysis);
    char cwd[PATH_MAX];
    struct lc_arena arena;
    lc_arena_init(&arena);
    struct explain_context x = {
        .out = stdout, .program = &analysis.program, .arena = &arena,
        .base_dir = getcwd(cwd, sizeof cwd) ? cwd : NULL,
    };
    unsigned found = 0;
    if (rc >= 0 && (found = explain_all(&x, o.function)) == 0)
        fprintf(stderr, "loopcheck explain: no function named '%s' in %s%s\n", o.function, o.analysis.build_dir,
                lc_models_find(&analysis.models, o.function) ? " ('loopcheck models' shows its model)" : "");
    lc_arena_free(&arena);
    lc_analysis_free(&analysis);
    free(o.rules);
    return rc == 0 && found > 0 ? LC_EXIT_CLEAN : LC_EXIT_USAGE;
}
