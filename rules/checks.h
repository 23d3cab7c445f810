/* checks.h — the table of checks.  Each check lives in its own file
 * (rules/check_<name>.c) and is registered by one line in checks.c. */
#ifndef LOOPCHECK_CHECKS_H
#define LOOPCHECK_CHECKS_H

#include <stdint.h>

#include "finding.h"

struct lc_program;

struct lc_check {
    const char *id;                /* rule id, e.g. "blocking-call" */
    enum lc_level level;           /* default level of its findings */
    const char *short_description; /* one sentence */
    const char *full_description;  /* a paragraph: what and why */
    const char *help;              /* how to fix, how to suppress */
    const char *doc;               /* path of its doc page, relative to the
                                      repository (rules/<id>.md) */
    void (*run)(const struct lc_program *program, struct lc_findings *out);
};

extern const struct lc_check *const lc_checks[];
extern const size_t lc_check_count;

const struct lc_check *lc_check_find(const char *id);

/* Which checks run (`check --checks LIST`, clang-tidy's way): LIST is
 * comma-separated check ids or fnmatch(3) patterns (`blocking-*`), each
 * enabling the checks it matches, or with a leading '-' disabling them,
 * applied in order from every check enabled (`-*,blocking-call`: that one
 * only).  Sets *disabled (bit i: lc_checks[i] does not run); 0, or -1
 * when an entry is empty or matches no check (*bad: a malloc'ed copy of
 * it, NULL when memory ran out). */
int lc_checks_parse_selection(const char *list, uint32_t *disabled, char **bad);
/* Does the check at `index` of lc_checks run under `disabled`? */
int lc_check_enabled(uint32_t disabled, size_t index);

#endif
