/* finding.h — what a check reports: a rule id, a primary location, a message
 * with the fix, the chain from the loop's entry point to that location, and
 * other relevant places.  Checks fill a `struct lc_findings`; reports/ print
 * it.  Strings live in the findings' arena. */
#ifndef LOOPCHECK_FINDING_H
#define LOOPCHECK_FINDING_H

#include <stddef.h>

#include "arena.h"
#include "facts.h"
#include "strmap.h"

enum lc_level {
    LC_LEVEL_NONE = 0,
    LC_LEVEL_NOTE,
    LC_LEVEL_WARNING,
    LC_LEVEL_ERROR,
};

/* One step of a chain, e.g. "on_timer registered with uv_timer_start here",
 * "on_timer calls flush_log", "flush_log calls fsync". */
struct lc_step {
    struct lc_location loc;
    const char *message;
};

struct lc_finding {
    const char *rule_id;          /* "blocking-call", ... */
    enum lc_level level;
    struct lc_location loc;       /* primary location */
    const char *message;          /* what, why, how many entry points, the fix */
    struct lc_step *chain;        /* from the entry point to loc (loc last) */
    size_t chain_count;
    struct lc_step *related;      /* other relevant places */
    size_t related_count;
    int suppressed;               /* set by lc_findings_apply_suppressions */
};

struct lc_findings {
    struct lc_arena arena;
    struct lc_finding *items;
    size_t count, cap;
};

void lc_findings_init(struct lc_findings *findings);
void lc_findings_free(struct lc_findings *findings);
/* A zeroed finding appended to the list; NULL when memory runs out. */
struct lc_finding *lc_findings_add(struct lc_findings *findings);
/* Sort by file, line, column, rule id and message, so output is stable;
 * a finding saying what the one before it says at the same place (two
 * loops of one macro expansion share its location) is dropped. */
void lc_findings_sort(struct lc_findings *findings);
/* Mark findings whose line, or the line above, holds a comment with
 * "loopcheck: ignore" or "loopcheck: ignore[RULE-ID]"; returns how many. */
size_t lc_findings_apply_suppressions(struct lc_findings *findings);

/* A set of locations, for one finding per site: 1 the first time `loc` is
 * claimed, 0 after (or when memory runs out).  Keys live in `arena`. */
int lc_location_set_claim(struct lc_strmap *set, struct lc_arena *arena, const struct lc_location *loc);

const char *lc_level_name(enum lc_level level);
/* "none", "note", "warning", "error" -> level; -1 when unknown. */
int lc_level_parse(const char *name);

#endif
