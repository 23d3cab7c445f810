/* checks.c — the table of checks: adding a check is one file
 * (check_<name>.c) and one line here. */
#include "checks.h"

#include <string.h>

extern const struct lc_check lc_check_blocking_call;
extern const struct lc_check lc_check_cpu_heavy_loop;
extern const struct lc_check lc_check_unlocked_shared_state;
extern const struct lc_check lc_check_blocking_under_lock;

const struct lc_check *const lc_checks[] = {
    &lc_check_blocking_call,
    &lc_check_cpu_heavy_loop,
    &lc_check_unlocked_shared_state,
    &lc_check_blocking_under_lock,
};

const size_t lc_check_count = sizeof lc_checks / sizeof *lc_checks;

const struct lc_check *lc_check_find(const char *id)
{
    for (size_t i = 0; i < lc_check_count; i++)
        if (strcmp(lc_checks[i]->id, id) == 0)
            return lc_checks[i];
    return NULL;
}
