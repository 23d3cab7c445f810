/* extract_walk_state.h — the state of one TU's walk by the libclang AST
 * walker (struct lc_extract_walk) and the records it keeps: the TU's files
 * and their tokens, the labels of the function walked, the claims and
 * recent accesses of globals, stores waiting for their call, what locals
 * hold (flags, call results, parameters they stand for) and the spans of
 * conditional expressions.  Internal to the extractor: included through
 * extract_internal.h. */
#ifndef LOOPCHECK_EXTRACT_WALK_STATE_H
#define LOOPCHECK_EXTRACT_WALK_STATE_H

#include <clang-c/Index.h>

#include "compdb.h"
#include "extract.h"
#include "facts.h"

/* A file of the TU with its absolute, normalised name. */
struct lc_extract_file {
    CXFile file;
    const char *path;     /* in the facts' arena */
    int listed;           /* already in facts->included_files */
    int tokenized;        /* tokens below were made (extract_text.c) */
    CXToken *tokens;      /* the whole file's tokens, or NULL */
    unsigned token_count;
    unsigned *token_offsets; /* malloc'd: begin and end offset of each token */
    int loaded;           /* contents below were asked for */
    const char *contents; /* the file's bytes (owned by the TU), or NULL */
    size_t size;
};

/* A label of the function being walked, for backward gotos. */
struct lc_extract_label {
    const char *name;
    size_t first_call, first_loop;  /* call and loop counts at the label */
    unsigned conditionals;          /* walk->conditionals at the label */
};

/* What an access to a global is, decided by an expression above it. */
enum lc_extract_claim_action {
    LC_EXTRACT_CLAIM_WRITE,   /* assigned, incremented, passed by address */
    LC_EXTRACT_CLAIM_SKIP,    /* the lock argument of a lock function */
    LC_EXTRACT_CLAIM_PATH,    /* `g.f.h`: the access is of the field path */
    LC_EXTRACT_CLAIM_INDEXED, /* `g[i]`, `g.slots[i]`: through an element */
    LC_EXTRACT_CLAIM_FIELDS,  /* `&g[i]` handed to a function that reads
                                 only these fields through it */
    LC_EXTRACT_CLAIM_GUARD,   /* `&g` handed to a function of the TU that
                                 reads through it: guard_definition */
};

/* A DeclRefExpr whose access kind its parent decided (extract_access.c). */
struct lc_extract_claim {
    CXCursor reference;
    enum lc_extract_claim_action action;
    int atomic;
    const char *path;         /* PATH: ".f.h", "->f" */
    const char *via_callee_usr;  /* WRITE: only through this function,
                                    defined in another TU (facts.h) */
    int via_argument;
    const char *passed_record_usr;  /* WRITE: only as a struct whose
                                       address is passed (facts.h) */
    CXCursor guard_definition;  /* WRITE, GUARD: through argument
                                   guard_argument (1-based; 0: none) of
                                   this function defined in the TU, whose
                                   locks there are added
                                   (extract_helper_locks.c) */
    int guard_argument;
    const char **fields;      /* FIELDS: the paths read, relative to the
                                 object passed (".fd", ".n.notify_fd") */
    int field_count;
};

/* An access already recorded in the current full expression. */
struct lc_extract_recent_access {
    CXCursor variable;        /* canonical declaration */
    const char *path;         /* its field path, or NULL */
    enum lc_access_kind kind;
    int atomic;
    const char **locks;       /* the lockset's array (they are immutable) */
};

/* A store of a call's result, waiting for the call's fact (extract_stores.c). */
struct lc_extract_pending_store {
    CXCursor call;
    struct lc_value target;
    struct lc_location loc;
};

/* What was assigned or or-ed into a local integer variable, or the string
 * literal a local string variable holds (extract_flags.c). */
struct lc_extract_flag_text {
    const char *variable_usr;
    const char *text;          /* "a | b", NULL until assigned */
};

/* A variable and the call whose result it last received (extract_guards.c). */
struct lc_extract_call_result {
    const char *variable_usr;
    int call_index;
};

/* A variable of the function walked and the pointer parameter it stands
 * for: the parameter itself when the body never changes it, a local the
 * body only ever sets to it (`item *it = (item *)ptr;`); -1 otherwise. */
struct lc_extract_alias {
    CXCursor variable;   /* canonical declaration */
    int param;
};

/* Where an expression is, as expansion offsets in one file. */
struct lc_extract_span {
    CXFile file;
    unsigned begin, end;
};

/* A reference to a pointer parameter or local pointer with locks held at
 * it (extract_helper_locks.c): `offset` is where it is spelt. */
struct lc_extract_use_locks {
    CXCursor reference;
    unsigned offset;
    struct lc_lockset locks;
};

/* An access made by handing a variable's address to parameter
 * `position` of `definition`, defined in the TU: its guard is added once
 * the TU is walked (extract_helper_locks.c). */
struct lc_extract_guard_request {
    size_t access;            /* index into the TU's accesses */
    CXCursor definition;
    unsigned position;
    int reads;                /* a read: every use of the parameter counts */
};

/* A definition other TUs can call, whose helper locks are computed once
 * the TU is walked (extract_helper_locks.c): only when a lock was held at
 * a use of a pointer in its body. */
struct lc_extract_export {
    size_t function;          /* index into the TU's functions */
    CXCursor definition;
    int locked;               /* a pointer used with a lock held */
};

/* The most locks a parameter's guard keeps. */
#define LC_EXTRACT_GUARD_LOCKS 8

/* The state of one TU's walk.  The second group describes the function
 * definition being walked and is reset by lc_extract_function_begin. */
#define LC_EXTRACT_CAPPED_CACHE 8

/* A static variable's cap, as extract_loop_capped.c read it off the TU. */
struct lc_extract_capped {
    CXCursor variable;
    long long limit;
};

struct lc_extract_walk {
    struct lc_tu_facts *facts;
    CXTranslationUnit tu;
    const char *directory;          /* the compiler's working directory */
    const struct lc_lock_vocabulary *vocabulary;   /* or NULL */
    struct lc_extract_file **files; /* malloc'd cache of file names; each
                                       entry is allocated on its own, so a
                                       pointer to one outlives new ones */
    size_t file_count, file_cap;
    int out_of_memory;              /* set on the first failed allocation */
    struct lc_extract_capped capped[LC_EXTRACT_CAPPED_CACHE];   /* the TU's
                                       capped collections looked at */
    size_t capped_count;
    struct lc_extract_use_locks *use_locks;   /* extract_helper_locks.c */
    size_t use_lock_count, use_lock_cap;
    struct lc_extract_guard_request *guard_requests;
    size_t guard_request_count, guard_request_cap;
    struct lc_extract_export *exports;
    size_t export_count, export_cap;
    long export_current;            /* the export being walked, or -1 */

    const char *function_usr;       /* the definition being walked, or NULL */
    struct lc_lockset locks;        /* held here; arrays in the arena, each
                                       replaced, never changed in place */
    struct lc_lockset switch_locks; /* held at the innermost switch */
    unsigned gate_open;             /* bit g: the hand-off window of the
                                       vocabulary's gate g is open
                                       (extract_gates.c) */
    unsigned gate_escaped;          /* bit g: a `return` or `goto` left it
                                       open */
    size_t gate_start_call[LC_GATE_MAX];  /* the call that opened it */
    int gate_close_loop[LC_GATE_MAX];     /* the loop whose end closes it, -1 */
    struct lc_lockset gate_locks;   /* `locks` with the open windows added, */
    const char **gate_locks_base;   /* made from these locks */
    size_t gate_locks_base_count;
    unsigned gate_locks_open;       /* and these windows */
    int loop_index;                 /* innermost loop holding the walk, -1 */
    const struct lc_extract_loop_parts *loop_parts;  /* its parts, or NULL */
    CXCursor loop_statement;        /* its statement, or a null cursor */
    unsigned conditionals;          /* if/switch/loop statements entered */
    unsigned open_conditional;      /* number of the innermost open one, 0 */
    unsigned loop_conditional;      /* that number of the innermost loop */
    unsigned loop_jumps;            /* jumps_seen when its body began */
    CXCursor guard;                 /* its condition, or a null cursor */
    unsigned atomic_depth;          /* inside an atomic builtin's operands */
    struct lc_extract_label *labels;
    size_t label_count, label_cap;
    struct lc_extract_claim *claims;
    size_t claim_count, claim_cap;
    struct lc_extract_recent_access *recent;
    size_t recent_count, recent_cap;
    struct lc_extract_pending_store *pending;
    size_t pending_count, pending_cap;
    struct lc_extract_span *conditional_spans; /* ?:, &&, || in the function */
    size_t conditional_count, conditional_cap;
    int zero_guard;                 /* the calls here run only where this
                                       call's result is 0 (facts.h), -1 */
    int fail_guard, fail_test;      /* the calls here run only where this
                                       call's result passes this test
                                       (facts.h fail_guard), -1 */
    int unlikely;                   /* the calls here are in a branch the
                                       code says is unlikely (facts.h) */
    int loop_only;                  /* what runs here runs only where a
                                       `loop-thread-test` returned
                                       non-zero: on the loop's thread */
    int switch_loop_only;           /* loop_only at the innermost switch */
    int switch_guard;               /* the call the innermost switch tests, -1 */
    int switch_outer_guard;         /* zero_guard at that switch */
    struct lc_extract_call_result *results;  /* the last call stored into
                                                each local variable */
    size_t result_count, result_cap;
    struct lc_extract_flag_text *flags;      /* local integer variables */
    size_t flag_count, flag_cap;
    struct lc_value_guards value_guards;        /* the variable tests that
                                                   hold here (facts.h) */
    struct lc_value_guards switch_value_guards; /* those at the innermost
                                                   switch */
    CXCursor comma_left, comma_right; /* the calls of the last `(a(), b())` */
    int comma_left_index;           /* the fact of comma_left, -1 */
    int try_call;                   /* the last trylock call's fact, -1 */
    const char *try_identity;       /* the lock it tries */
    CXCursor branch_end;            /* the call ending the innermost branch
                                       that can only end there, or null */
    int branch_end_index;           /* its fact once recorded, else -1 */
    struct lc_param_guard param_guard;  /* the test of a parameter the
                                           calls and loops here run under
                                           (facts.h), param 0: none */
    struct lc_param_guard switch_param_guard;  /* the one at the innermost
                                                  switch */
    unsigned changed_params;        /* bit i: the function changes its
                                       parameter i (extract_param_guards.c) */
    int changed_params_known;       /* changed_params is computed */
    unsigned returned_params;       /* bit i: every return of the function
                                       reads its parameter i
                                       (extract_loop_cursor.c) */
    int returned_params_known;      /* returned_params is computed */
    CXCursor cursor_call;           /* the call of the last `v = call(...)`,
                                       or `*p = call(...)` */
    CXCursor cursor_variable;       /* its v, or p (canonical) */
    int cursor_pointed;             /* 1: `*p`, p a local pointer */
    struct lc_extract_change {      /* how often the function changes a
                                       declaration (extract_made_fields.c) */
        CXCursor declaration;       /* canonical: a variable or a field */
        unsigned count;
    } *changes;
    size_t change_count, change_cap;
    int changes_known;
    CXCursor made_local;            /* the local every return gives
                                       (extract_made_fields.c), or null */
    int made_local_known;
    CXCursor function;              /* the definition walked, or null */
    CXCursor reach_breakable;       /* the innermost loop or switch, or null */
    CXCursor reach_loop_body;       /* the innermost loop's body, or null */
    size_t reach_first_call;        /* the function's first call fact */
    struct lc_extract_alias *aliases;   /* its pointer parameters and the
                                           locals standing for one
                                           (extract_owner.c), once asked */
    size_t alias_count, alias_cap;
    int aliases_known;
    struct lc_extract_variable_event *variable_events;   /* where its
                                           variables get values
                                           (extract_variable_events.c),
                                           once asked */
    size_t variable_event_count, variable_event_cap;
    int variable_events_known;
    struct lc_extract_string_start { /* its local `char *` variables given
                                        a value, and the text every value
                                        starts with (NULL: not known;
                                        extract_string_prefix.c), once
                                        asked */
        CXCursor variable;          /* canonical */
        const char *prefix;
    } *string_starts;
    size_t string_start_count, string_start_cap;
    int string_starts_known;
    struct lc_extract_statement_span {   /* its `if` and loop statements,
                                            their offsets
                                            (extract_statement_spans.c),
                                            once asked */
        CXCursor statement;             /* an IfStmt, or a loop: null */
        int is_if;                      /* the same, without a call into
                                           libclang per span and loop */
        unsigned begin, end;            /* the statement's offsets */
        unsigned block_begin, block_end; /* an if right in a block: the
                                            block's; else 0, 0 */
        unsigned then_begin, then_end, else_begin, else_end;
    } *statement_spans;
    size_t statement_span_count, statement_span_cap;
    size_t statement_if_count;      /* of them, `if` statements */
    int statement_spans_known;
    unsigned returns_seen;          /* return and goto statements met so far
                                       in the function (extract_runs.c) */
    unsigned branches;              /* if branches entered in the TU */
    unsigned branch_serial;         /* the innermost one the walk is in */
    struct lc_param_guard returns_guard;  /* the test of a parameter every
                                             return so far ran under */
    int returns_unguarded;          /* a return (or goto) so far ran under
                                       no such test, or another one */
    unsigned jumps_seen;            /* those, break and continue */
    struct lc_extract_sure_do {     /* the `do ... while` whose body the walk
                                       is at the top of, entered where it
                                       runs once (extract_runs.c) */
        int active;
        int loop_index;             /* walk->loop_index in its body */
        unsigned open_conditional;  /* walk->open_conditional there */
        unsigned jumps_seen;        /* walk->jumps_seen at its entry */
        int runs;                   /* enum lc_call_runs of its body's calls */
    } sure_do;
};

#endif
