/* barriers.c — barrier wrappers, and the phases of each thread role that
 * waits once on a barrier (barriers.h).
 *
 * For a role whose entry E makes one wait W on B, four sets of functions
 * are marked by reachability over every resolved call (what the roles'
 * own walk may leave out is kept in: more functions on both sides means
 * fewer ordered pairs): what E's calls reach at all, what its calls
 * before W reach, what its calls after W reach, and what W itself reaches
 * (the wrapper and the wait).  The functions the role reaches that E's
 * calls do not (callbacks of its own loop), and those whose list of roles
 * is full (the role may be one left out), are after W, or on both sides
 * when something reached before W may run the loop.  The role is left out
 * (no wait) when E is reached again from its own calls, when any of the
 * functions reached before or after W waits on B or on a barrier that is
 * not known (a parameter, a call through a pointer), or when W's own reach
 * holds another wait. */
#include "barriers.h"
#include "reach_marks.h"

#include <stdlib.h>
#include <string.h>

#define BARRIERS_WRAPPER_DEPTH 4
#define BARRIERS_UNKNOWN (LC_NONE - 1)   /* a wait on a barrier that is not known */

enum {
    MARK_ALL = 1,      /* reached by E's calls */
    MARK_BEFORE = 2,   /* by its calls before W, or its loop's callbacks then */
    MARK_AFTER = 4,    /* by its calls after W, or its loop's callbacks */
    MARK_WAIT = 8,     /* by W itself */
    MARK_OWN = 16,     /* may be reached by the role, not by E's calls */
};

/* The barrier that calling `function` with the arguments of `c` waits on
 * when it is a `barrier-wait` model: its argument's object,
 * BARRIERS_UNKNOWN when that is not one barrier: no variable (a parameter,
 * a struct field, which stands for that field of every object of its
 * type) or an element of an array of them; LC_NONE when it is no wait. */
static uint32_t barriers_model_waits(const struct lc_program *program, uint32_t function,
                                     const struct lc_program_call *c)
{
    const struct lc_function_model *model = program->functions[function].model;
    if (!model || model->barrier_position < 1)
        return LC_NONE;
    if (c->callee.kind != LC_VALUE_FUNCTION || (uint32_t)model->barrier_position > c->arg_count)
        return BARRIERS_UNKNOWN;
    const struct lc_program_value *arg = &program->args[c->first_arg + (uint32_t)model->barrier_position - 1];
    uint32_t object = arg->kind == LC_VALUE_VAR ? lc_program_value_object(program, arg) : LC_NONE;
    return object != LC_NONE && !program->objects[object].element_lock ? object : BARRIERS_UNKNOWN;
}

/* The barrier call `c` waits on: a model's, a wrapper's (wrappers may be
 * NULL), BARRIERS_UNKNOWN through a pointer that may reach either;
 * LC_NONE. */
static uint32_t barriers_call_waits(const struct lc_program *program, const uint32_t *wrappers,
                                    const struct lc_program_call *c)
{
    if (c->callee.kind == LC_VALUE_FUNCTION) {
        if (c->callee.function == LC_NONE)
            return LC_NONE;
        if (wrappers && wrappers[c->callee.function] != LC_NONE)
            return wrappers[c->callee.function];
        return barriers_model_waits(program, c->callee.function, c);
    }
    for (uint32_t t = 0; c->first_target != LC_NONE && t < c->target_count; t++) {
        uint32_t target = program->targets[c->first_target + t];
        if ((wrappers && wrappers[target] != LC_NONE) || barriers_model_waits(program, target, c) != LC_NONE)
            return BARRIERS_UNKNOWN;
    }
    return LC_NONE;
}

uint32_t *lc_barriers_wrappers(const struct lc_program *program)
{
    uint32_t *wrappers = malloc(((size_t)program->function_count + 1) * sizeof *wrappers);
    uint32_t *next = malloc(((size_t)program->function_count + 1) * sizeof *next);
    if (!wrappers || !next) {
        free(wrappers);
        free(next);
        return NULL;
    }
    memset(wrappers, 0xff, ((size_t)program->function_count + 1) * sizeof *wrappers);
    /* Each round sees one more level of wrappers; all are recomputed, so
     * a function that also calls a wrapper found later has two waits. */
    for (int round = 0; round < BARRIERS_WRAPPER_DEPTH; round++) {
        int changed = 0;
        for (uint32_t f = 0; f < program->function_count; f++) {
            const struct lc_program_function *fn = &program->functions[f];
            uint32_t found = LC_NONE, waits = 0;
            int sure = 0;
            for (uint32_t i = 0; fn->is_defined && !lc_model_hides_body(fn->model) && i < fn->call_count; i++) {
                const struct lc_program_call *c = &program->calls[fn->first_call + i];
                uint32_t barrier = barriers_call_waits(program, wrappers, c);
                if (barrier == LC_NONE)
                    continue;
                waits++;
                found = barrier;
                sure = c->callee.kind == LC_VALUE_FUNCTION && (c->runs == LC_RUNS_ONCE || c->runs == LC_RUNS_RETRIED);
            }
            next[f] = waits == 1 && found != BARRIERS_UNKNOWN && sure ? found : LC_NONE;
            changed |= next[f] != wrappers[f];
        }
        memcpy(wrappers, next, (size_t)program->function_count * sizeof *wrappers);
        if (!changed)
            break;
    }
    free(next);
    return wrappers;
}

/* Mark `bit` from E's calls for which `pick` says so, relative to W. */
enum barriers_pick { PICK_ALL, PICK_BEFORE, PICK_AFTER, PICK_WAIT };

static void barriers_mark_from_entry(const struct lc_program *program, uint32_t entry, uint32_t wait, uint8_t *mark,
                                     uint8_t bit, enum barriers_pick pick, uint32_t *queue)
{
    const struct lc_program_function *fn = &program->functions[entry];
    const struct lc_program_call *w = &program->calls[wait];
    uint32_t tail = 0;
    for (uint32_t i = 0; i < fn->call_count; i++) {
        uint32_t k = fn->first_call + i;
        int place = lc_location_compare(&program->calls[k].loc, &w->loc);
        int picked = pick == PICK_ALL || (pick == PICK_WAIT && k == wait)
                     || (pick == PICK_BEFORE && k != wait && place <= 0)
                     || (pick == PICK_AFTER && k != wait && place >= 0);
        if (picked)
            lc_reach_mark_call(program, &program->calls[k], mark, bit, queue, &tail);
    }
    lc_reach_mark_spread(program, mark, bit, queue, tail, 1);
}

/* Does a function marked `bit` (or E's own calls before W, for
 * MARK_BEFORE) run a loop: call a `runs-loop` function, or, through a
 * pointer, a registered callback or a function only the role reaches? */
static int barriers_runs_loop(const struct lc_program *program, const uint8_t *mark, uint8_t bit, uint32_t entry,
                              uint32_t wait)
{
    for (uint32_t f = 0; f < program->function_count; f++) {
        if (!(mark[f] & bit) && f != entry)
            continue;
        const struct lc_program_function *fn = &program->functions[f];
        for (uint32_t i = 0; i < fn->call_count; i++) {
            const struct lc_program_call *c = &program->calls[fn->first_call + i];
            if (f == entry && lc_location_compare(&c->loc, &program->calls[wait].loc) > 0)
                continue;
            for (uint32_t t = 0; c->first_target != LC_NONE && t < c->target_count; t++) {
                uint32_t target = program->targets[c->first_target + t];
                const struct lc_function_model *model = program->functions[target].model;
                if ((model && model->runs_loop)
                    || (c->callee.kind != LC_VALUE_FUNCTION
                        && ((program->registered && program->registered[target]) || (mark[target] & MARK_OWN))))
                    return 1;
            }
        }
    }
    return 0;
}

/* How many waits on `barrier`, or on a barrier not known, the functions
 * marked `bit` make. */
static uint32_t barriers_count_waits(const struct lc_program *program, const uint8_t *mark, uint8_t bit,
                                     uint32_t barrier)
{
    uint32_t count = 0;
    for (uint32_t f = 0; f < program->function_count; f++) {
        const struct lc_program_function *fn = &program->functions[f];
        for (uint32_t i = 0; (mark[f] & bit) && lc_program_function_is_followed(program, f) && i < fn->call_count;
             i++) {
            uint32_t waits = barriers_call_waits(program, NULL, &program->calls[fn->first_call + i]);
            count += waits == barrier || waits == BARRIERS_UNKNOWN;
        }
    }
    return count;
}

/* May `role` run `function`: one of its roles, or its list of roles is
 * full (more are not kept)? */
static int barriers_may_run_on(const struct lc_threads *threads, uint32_t function, uint32_t role)
{
    return lc_threads_role_slot(threads, function, role) >= 0
           || threads->function_role_count[function] >= LC_THREAD_ROLE_CAP;
}

/* The phases of `role` for its wait `wait` (a call of E) on `barrier`;
 * 0 when it is no single wait (nothing added), -1 on no memory. */
static int barriers_add_wait(const struct lc_program *program, const struct lc_threads *threads,
                             struct lc_barriers *out, uint32_t role, uint32_t entry, uint32_t wait, uint32_t barrier,
                             uint8_t *mark, uint32_t *queue)
{
    memset(mark, 0, (size_t)program->function_count);
    barriers_mark_from_entry(program, entry, wait, mark, MARK_ALL, PICK_ALL, queue);
    if (mark[entry] & MARK_ALL)
        return 0;   /* E runs again from its own calls */
    barriers_mark_from_entry(program, entry, wait, mark, MARK_BEFORE, PICK_BEFORE, queue);
    barriers_mark_from_entry(program, entry, wait, mark, MARK_AFTER, PICK_AFTER, queue);
    barriers_mark_from_entry(program, entry, wait, mark, MARK_WAIT, PICK_WAIT, queue);
    for (uint32_t f = 0; f < program->function_count; f++)
        if (f != entry && !(mark[f] & MARK_ALL) && barriers_may_run_on(threads, f, role))
            mark[f] |= MARK_OWN;
    int loop_before = barriers_runs_loop(program, mark, MARK_BEFORE, entry, wait);
    for (int pass = 0; pass < 1 + loop_before; pass++) {
        uint8_t bit = pass == 0 ? MARK_AFTER : MARK_BEFORE;
        uint32_t tail = 0;
        for (uint32_t f = 0; f < program->function_count; f++)
            if ((mark[f] & MARK_OWN) && !(mark[f] & bit)) {
                mark[f] |= bit;
                queue[tail++] = f;
            }
        lc_reach_mark_spread(program, mark, bit, queue, tail, 1);
    }
    if ((mark[entry] & (MARK_BEFORE | MARK_AFTER | MARK_WAIT))
        || barriers_count_waits(program, mark, MARK_BEFORE | MARK_AFTER, barrier) != 0
        || barriers_count_waits(program, mark, MARK_WAIT, barrier)
                   + (barriers_call_waits(program, NULL, &program->calls[wait]) != LC_NONE)
               != 1)
        return 0;
    uint8_t *phase = calloc((size_t)program->function_count + 1, 1);
    struct lc_barrier_wait *waits = realloc(out->waits, ((size_t)out->wait_count + 1) * sizeof *waits);
    if (!phase || !waits) {
        free(phase);
        return -1;
    }
    out->waits = waits;
    for (uint32_t f = 0; f < program->function_count; f++) {
        uint8_t side = mark[f] & (MARK_BEFORE | MARK_AFTER | MARK_WAIT);
        phase[f] = side == MARK_BEFORE ? LC_BARRIER_BEFORE : side == MARK_AFTER ? LC_BARRIER_AFTER : LC_BARRIER_NEITHER;
    }
    waits[out->wait_count++] = (struct lc_barrier_wait){ role, barrier, entry, program->calls[wait].loc, phase };
    return 0;
}

/* The single waits of one thread role, one per barrier its entry waits
 * on once. */
static int barriers_of_role(const struct lc_program *program, const struct lc_threads *threads,
                            const uint32_t *wrappers, struct lc_barriers *out, uint32_t role, uint8_t *mark,
                            uint32_t *queue)
{
    uint32_t entry_index = threads->roles[role].entry;
    if (entry_index == LC_NONE || program->entries[entry_index].role != LC_ROLE_THREAD)
        return 0;
    uint32_t entry = program->entries[entry_index].function;
    const struct lc_program_function *fn = &program->functions[entry];
    if (!fn->is_defined || lc_model_hides_body(fn->model))
        return 0;
    for (uint32_t i = 0; i < fn->call_count; i++) {
        const struct lc_program_call *w = &program->calls[fn->first_call + i];
        uint32_t barrier = barriers_call_waits(program, wrappers, w);
        if (barrier == LC_NONE || barrier == BARRIERS_UNKNOWN
            || (w->runs != LC_RUNS_ONCE && w->runs != LC_RUNS_UNLESS_RETURNED) || w->callee.kind != LC_VALUE_FUNCTION)
            continue;
        uint32_t waits = 0;
        for (uint32_t j = 0; j < fn->call_count; j++) {
            uint32_t other = barriers_call_waits(program, wrappers, &program->calls[fn->first_call + j]);
            waits += other == barrier || other == BARRIERS_UNKNOWN;
        }
        if (waits == 1
            && barriers_add_wait(program, threads, out, role, entry, fn->first_call + i, barrier, mark, queue) != 0)
            return -1;
    }
    return 0;
}

int lc_barriers_compute(const struct lc_program *program, const struct lc_threads *threads,
                        struct lc_barriers *barriers)
{
    memset(barriers, 0, sizeof *barriers);
    uint32_t *wrappers = lc_barriers_wrappers(program);
    uint8_t *mark = malloc((size_t)program->function_count + 1);
    /* A function is queued at most once per bit. */
    uint32_t *queue = malloc(((size_t)program->function_count + 1) * sizeof *queue);
    int rc = wrappers && mark && queue ? 0 : -1;
    for (uint32_t role = 1; rc == 0 && role < threads->role_count; role++)
        rc = barriers_of_role(program, threads, wrappers, barriers, role, mark, queue);
    free(wrappers);
    free(mark);
    free(queue);
    if (rc != 0)
        lc_barriers_free(barriers);
    return rc;
}

void lc_barriers_free(struct lc_barriers *barriers)
{
    for (uint32_t i = 0; i < barriers->wait_count; i++)
        free(barriers->waits[i].phase);
    free(barriers->waits);
    memset(barriers, 0, sizeof *barriers);
}

enum lc_barrier_phase lc_barriers_phase(const struct lc_barrier_wait *wait, uint32_t function,
                                        const struct lc_location *at)
{
    if (function != wait->entry)
        return (enum lc_barrier_phase)wait->phase[function];
    int place = lc_location_compare(at, &wait->at);
    return place < 0 ? LC_BARRIER_BEFORE : place > 0 ? LC_BARRIER_AFTER : LC_BARRIER_NEITHER;
}

const struct lc_barrier_wait *lc_barriers_order(const struct lc_barriers *barriers, uint32_t role_a,
                                                uint32_t function_a, const struct lc_location *at_a,
                                                uint32_t role_b, uint32_t function_b,
                                                const struct lc_location *at_b)
{
    if (role_a == role_b)
        return NULL;
    for (uint32_t i = 0; i < barriers->wait_count; i++) {
        const struct lc_barrier_wait *a = &barriers->waits[i];
        if (a->role != role_a)
            continue;
        for (uint32_t j = 0; j < barriers->wait_count; j++) {
            const struct lc_barrier_wait *b = &barriers->waits[j];
            if (b->role != role_b || b->barrier != a->barrier)
                continue;
            enum lc_barrier_phase pa = lc_barriers_phase(a, function_a, at_a);
            enum lc_barrier_phase pb = lc_barriers_phase(b, function_b, at_b);
            if ((pa == LC_BARRIER_BEFORE && pb == LC_BARRIER_AFTER) || (pa == LC_BARRIER_AFTER && pb == LC_BARRIER_BEFORE))
                return a;
        }
    }
    return NULL;
}
