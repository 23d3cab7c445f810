/* checks.c — the table of checks: adding a check is one file
 * (check_<name>.c) and one line here. */
#include "checks.h"

#include <fnmatch.h>
#include <stdlib.h>
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

int lc_check_enabled(uint32_t disabled, size_t index)
{
    return index >= 32 || !((disabled >> index) & 1u);
}

int lc_checks_parse_selection(const char *list, uint32_t *disabled, char **bad)
{
    *disabled = 0;
    *bad = NULL;
    for (const char *entry = list;; entry++) {
        size_t length = strcspn(entry, ",");
        char *pattern = strndup(entry, length);
        if (!pattern)
            return -1;
        const char *glob = pattern + (pattern[0] == '-');
        int matched = 0;
        for (size_t i = 0; *glob && i < lc_check_count && i < 32; i++) {
            if (fnmatch(glob, lc_checks[i]->id, 0) != 0)
                continue;
            matched = 1;
            if (pattern[0] == '-')
                *disabled |= 1u << i;
            else
                *disabled &= ~(1u << i);
        }
        if (!matched) {
            *bad = pattern;
            return -1;
        }
        free(pattern);
        entry += length;
        if (!*entry)
            return 0;
    }
}
