/* check_blocking_under_lock.c — `blocking-under-lock`: a call that may
 * block made while a lock is held, on any thread that runs after the loop
 * starts (the loop or a worker): every other thread wanting the lock waits
 * as long.  Like clang's unix.BlockInCriticalSection, but across functions
 * and files: locks held by every caller count.  A call that is given the
 * lock (pthread_cond_wait(&cond, &mutex)) releases it and is not reported. */
#include "blocking.h"
#include "checks.h"
#include "locks.h"
#include "program.h"
#include "strmap.h"
#include "threads.h"

static void under_lock_report(const struct lc_program *program, const struct lc_threads *threads, uint32_t f,
                              uint32_t c, uint32_t lock, uint32_t target, const struct lc_call_blocking *why,
                              struct lc_findings *out)
{
    struct lc_finding *finding = lc_findings_add(out);
    if (!finding)
        return;
    const char *lock_name = program->objects[lock].name;
    uint32_t role = threads->function_roles[(size_t)f * LC_THREAD_ROLE_CAP];
    size_t count = 0;
    finding->rule_id = "blocking-under-lock";
    finding->level = LC_LEVEL_WARNING;
    finding->loc = program->calls[c].loc;
    finding->message = lc_arena_printf(
        &out->arena,
        "'%s' may block while '%s' holds '%s' (on %s): every thread that wants '%s' waits as long; "
        "%s; release the lock before the call, or do the slow part outside the critical section",
        program->functions[target].name, program->functions[f].name, lock_name,
        lc_threads_role_name(program, threads, role, &out->arena), lock_name,
        why->reason);
    finding->chain = lc_threads_chain(program, threads, f, role, &count, &out->arena);
    finding->chain_count = finding->chain ? count : 0;
}

static void check_blocking_under_lock(const struct lc_program *program, struct lc_findings *out)
{
    const struct lc_threads *threads = program->threads;
    if (!threads)
        return;
    struct lc_strmap reported;
    lc_strmap_init(&reported);
    for (uint32_t f = 0; f < program->function_count; f++) {
        if (threads->function_role_count[f] == 0 || !lc_program_function_is_followed(program, f))
            continue;
        const struct lc_program_function *fn = &program->functions[f];
        for (uint32_t c = fn->first_call; c < fn->first_call + fn->call_count; c++) {
            uint32_t lock = lc_locks_kept_across(program, threads, c);
            if (lock == LC_NONE)
                continue;
            uint32_t target;
            struct lc_call_blocking why;
            if (!lc_call_first_blocking_target(program, c, &out->arena, &target, &why)
                || !lc_location_set_claim(&reported, &out->arena, &program->calls[c].loc))
                continue;
            under_lock_report(program, threads, f, c, lock, target, &why, out);
        }
    }
    lc_strmap_free(&reported);
}

const struct lc_check lc_check_blocking_under_lock = {
    .id = "blocking-under-lock",
    .level = LC_LEVEL_WARNING,
    .short_description = "A call that may block is made while a lock is held.",
    .full_description =
        "A thread that blocks while it holds a lock makes every other thread that wants the lock wait "
        "as long - including the event loop, if it takes the same lock. loopcheck follows the locks held "
        "at each call (pthread, C11, libuv and GLib locks, and locks every caller holds) on every thread "
        "that runs once the loop starts, and reports blocking calls made under a lock.",
    .help = "Release the lock before the slow call (copy what you need under the lock, then do the I/O), "
            "or restructure so the critical section only touches memory. To accept it, put "
            "'loopcheck: ignore[blocking-under-lock]' in a comment on the reported line or the line above.",
    .doc = "rules/blocking-under-lock.md",
    .run = check_blocking_under_lock,
};
