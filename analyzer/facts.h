/* facts.h — the facts the AST walker extracts from one translation unit.
 *
 * A `struct lc_tu_facts` is filled by extract.c (one per TU, on a worker
 * thread), written to the database by store.c and freed.  Every string in it
 * lives in the TU's arena, so freeing the facts is one call.
 *
 * Locations are expansion locations (the macro use, not its definition);
 * file names are absolute and normalised; lines and columns are 1-based.
 */
#ifndef LOOPCHECK_FACTS_H
#define LOOPCHECK_FACTS_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* Bump when the facts the extractor produces change (a new kind, a new
 * field, a fix that changes what is recorded): it is part of every TU's
 * fingerprint, so the cache re-parses everything once. */
#define LC_FACTS_VERSION 145

struct lc_location {
    const char *file;
    unsigned line;
    unsigned col;
};

/* A stretch of a function's text, in the file of the call it belongs to,
 * from (begin_line, begin_col) to (end_line, end_col), both included:
 * the points there (calls, accesses) that a call cannot reach without
 * going back around a loop (facts.h lc_call_fact.unreached). */
struct lc_unreached {
    unsigned begin_line, begin_col, end_line, end_col;
};

/* The text form of a call's stretches, as stored: "L:C-L:C" for each,
 * joined by ';'.  Format: 0, or -1 when there are none or they do not fit
 * (LC_UNREACHED_TEXT_MAX is room for the most a call keeps). */
#define LC_UNREACHED_TEXT_MAX 512
int lc_unreached_format(const struct lc_unreached *stretches, size_t count, char *out, size_t size);
/* Is (line, col) inside one of the stretches of `text` (NULL: none)? */
int lc_unreached_covers(const char *text, unsigned line, unsigned col);
/* The text stored for a call whose stretches are not known (reach_unknown),
 * and the test for it. */
#define LC_UNREACHED_UNKNOWN "?"
int lc_unreached_unknown(const char *text);

/* Source order: by file name (NULL as ""), line, column; < 0, 0, > 0. */
int lc_location_compare(const struct lc_location *a, const struct lc_location *b);

/* Annotation bits from __attribute__((annotate("loopcheck:..."))). */
enum lc_annotation {
    LC_ANNOT_ASYNC = 1u << 0,       /* runs on the loop thread */
    LC_ANNOT_WORKER = 1u << 1,      /* runs on a pool / other thread */
    LC_ANNOT_BLOCKING = 1u << 2,    /* calling it may block */
    LC_ANNOT_NONBLOCKING = 1u << 3, /* asserted never to block */
    LC_ANNOT_NORETURN = 1u << 4,    /* declared never to return: GNU
                                       `noreturn`, C11 `_Noreturn`, clang's
                                       `analyzer_noreturn` (terminates.c) */
    LC_ANNOT_CHEAP = 1u << 5,       /* asserted to do bounded or amortised
                                       work per call: a `cheap` statement
                                       in the source (cost.h) */
    LC_ANNOT_COLD = 1u << 6,        /* declared cold, `__attribute__((cold))`:
                                       rarely run (an error's recovery), so
                                       a call of it costs nothing where it
                                       is made (cost.h) */
};

/* A function declaration or definition. */
/* A field of a pointer parameter a function sets to a value grown by a
 * factor: `t->size *= 2`, `t->limit = t->size << 1`, `h->load_limit =
 * new_limit` after `new_limit = load * new_len; new_len = primes[++i]`
 * (a product by a literal of at least 2, a left shift or a table of
 * sizes, through locals two deep); not `t->size += 16`. */
struct lc_raised_limit {
    int param;                /* 1 + the parameter's index */
    union {
        const char *field_usr;    /* facts: the field's USR */
        int64_t field_symbol;     /* program: its symbol */
    };
};

#define LC_RAISED_LIMITS 4   /* raised fields kept per function */

/* A lock a definition other TUs can call holds wherever it uses one of
 * its pointer parameters (extract_helper_locks.c): a write it is handed
 * through that parameter, or a read when it writes through none, holds
 * the lock in the caller. */
struct lc_helper_lock {
    int param;                /* the parameter's index (0-based) */
    const char *lock_usr;     /* the lock's identity */
};

/* A field a function counts up through a pointer, of whatever object
 * (`p->free_count++`, `++p->n`, `p->n += 1`): with a call made only where
 * that count is 0 (lc_call_fact empty_field_usr), what refills an empty
 * pool. */
struct lc_counted_field {
    union {
        const char *field_usr;    /* facts: the field's USR */
        int64_t field_symbol;     /* program: its symbol */
    };
    int in_loop;                  /* counted up in a loop's round */
};

#define LC_COUNTED_FIELDS 8   /* counted fields kept per function */

struct lc_function_fact {
    const char *usr;        /* clang USR: static functions are file-qualified */
    const char *name;
    struct lc_location loc; /* the name in the declaration */
    int is_definition;
    int is_static;
    unsigned annotations;   /* enum lc_annotation bits */
    uint32_t param_writes;  /* a definition with external linkage: bit i
                               set when it may write through its pointer
                               parameter i, or keep it (extract_param_writes.c);
                               every bit for the rest and for parameters
                               past the 32nd */
    struct lc_raised_limit raised[LC_RAISED_LIMITS];   /* a definition: the
                               fields of its pointer parameters it raises
                               by a factor (extract_raised_limits.c) */
    unsigned raised_count;
    struct lc_counted_field counted[LC_COUNTED_FIELDS];   /* a definition:
                               the fields it counts up through a pointer
                               (extract_counted_fields.c) */
    unsigned counted_count;
    const struct lc_helper_lock *helper_locks;   /* a definition with external
                               linkage: the locks it holds for its callers'
                               accesses through its parameters (in the
                               facts' arena) */
    unsigned helper_lock_count;
};

/* What an expression of function-pointer type (a callee, an argument, a
 * stored value) refers to.  Linking resolves FIELD/VAR/PARAM to functions. */
enum lc_value_kind {
    LC_VALUE_OTHER = 0,  /* anything loopcheck does not follow */
    LC_VALUE_NULL,       /* NULL, 0, (void *)0 */
    LC_VALUE_INT,        /* an integer constant: int_value is set */
    LC_VALUE_FUNCTION,   /* a function designator: usr/name of the function */
    LC_VALUE_FIELD,      /* s.f, p->f, t[i].f: usr of the field */
    LC_VALUE_VAR,        /* a variable (global, static, local): usr of it */
    LC_VALUE_PARAM,      /* a parameter of the enclosing function */
    LC_VALUE_CALL,       /* stores only: the result of a call; usr/name of
                            the callee, call_index the call fact (same TU) */
    LC_VALUE_STRING,     /* call arguments only: a string literal; its text
                            is its value between double quotes */
    LC_VALUE_POINTEE,    /* call arguments only: `*p`, the integer a pointer
                            parameter p of the enclosing function points to;
                            usr, name and param_index as for PARAM, and it
                            flows as p does (`&x` stands for x) */
};

struct lc_value {
    enum lc_value_kind kind;
    const char *usr;    /* FUNCTION: the function; FIELD: the field; VAR: the
                           variable; PARAM: the enclosing function */
    const char *name;   /* FUNCTION/VAR/PARAM: its name; FIELD: field name */
    const char *record; /* FIELD: the struct/union name ("uv_timer_s", or the
                           typedef name of an anonymous one) */
    int param_index;    /* PARAM: 0-based parameter index */
    long long int_value;/* INT */
    int call_index;     /* CALL: index into the TU's calls */
    int field_of_param; /* arguments: 1 + the index of the caller's pointer
                           parameter this is a field of (`item->nkey` in a
                           function of `item_t *item`, `&item->list`), or
                           that it is through a local standing for it (`it`
                           after `it = (item *)ptr`), or of the integer
                           parameter bounding it (`(len - 1) / block`), or 0 */
    int child_of_param; /* arguments: 1 + the index of the caller's pointer
                           parameter this is a child of (`cmd->args`,
                           `&args->values[i]`), or the element of a loop
                           walking that parameter's own data, or 0
                           (lc_extract_child_argument) */
    long long at_most;  /* arguments: the most it can be, an unsigned
                           one-byte value plus a constant (`labuf[0] + 1`:
                           256; extract_loop_byte.c), else 0 */
    long long table_length; /* arguments: the length of the fixed table it
                           names (an array of records or pointers, `&t[0]`;
                           extract_tables.c; a global pointer to one:
                           program_load_tables.c), else 0 */
    int slot_of_param;  /* arguments: 1 + the index of the caller's integer
                           parameter this is a slot at, or a place inside
                           one (`&args->values[idx]`), else 0 */
};

/* The locks held at a point of a function body, by identity: the usr of
 * the lock object (a VAR, or a FIELD for `&s->mutex`), or, when the lock
 * expression is neither, its spelling prefixed with "text:".  Computed in
 * source order from the lock vocabulary (struct lc_lock_vocabulary); a lock
 * taken and released inside a nested block (an `if` branch, a loop body)
 * does not change the set after the block.  LC_LOCK_THREADS_PAUSED is no
 * lock object: it is held from a `pause-threads` call to a
 * `resume-threads` call, where every other thread is parked. */
struct lc_lockset {
    const char **locks;
    size_t count;
};

#define LC_LOCK_THREADS_PAUSED "loopcheck:threads-paused"
/* Ends the identity of a lock taken as an element of an array of locks
 * (`&item_locks[hv & mask]`: "...@item_locks[*]"): a striped lock, one of
 * many.  Two sides holding it may hold different elements, so it protects
 * only data both sides reach through an element too (struct
 * lc_access_fact indexed). */
#define LC_LOCK_ELEMENT_MARK "[*]"

/* A test of a global or static integer variable against a constant that
 * holds wherever a call runs (extract_value_guards.c): `if (g == K)`,
 * `if (!g)`, the else branch of `if (g != K)`, what follows
 * `if (g != K) return;` in the same block.  K is a literal, an enum
 * constant or a macro expanding to one. */
struct lc_value_guard {
    const char *variable_usr, *variable_name;
    int equal;                /* 1: g == value; 0: g != value */
    long long value;
    int pointer;              /* g is a pointer tested against NULL (value
                                 0): for lazy initialisation (the accesses
                                 under it, zero_guarded; the calls, a
                                 callee's writes: lazy_writes.c), never a
                                 fact of a thread's path */
};

/* The guards holding at a point of a function body; arrays in the arena,
 * each replaced, never changed in place (as locksets are). */
struct lc_value_guards {
    const struct lc_value_guard *items;
    size_t count;
};

/* A test of one of the function's own parameters against an integer
 * constant that holds wherever a call or a loop runs (extract_param_guards.c):
 * the innermost `if` around it, `if (idx >= 0) { ... }`, `if (conn)`
 * (conn != 0), `if (flags & F)`, the else branch with the test negated, or the latest
 * `if (test) return;` before it in its block (the test negated); only for
 * a parameter the function never assigns nor takes the address of.  A call passing a
 * constant that makes the test false does not run what it guards (cost.h). */
enum lc_param_test {
    LC_PARAM_TEST_NONE = 0,
    LC_PARAM_TEST_EQ,         /* param == value */
    LC_PARAM_TEST_NE,         /* param != value (a pointer: != NULL) */
    LC_PARAM_TEST_LT,
    LC_PARAM_TEST_LE,
    LC_PARAM_TEST_GT,
    LC_PARAM_TEST_GE,
    LC_PARAM_TEST_BITS_SET,   /* (param & value) != 0: `if (flags & F)` */
    LC_PARAM_TEST_BITS_CLEAR, /* (param & value) == 0 */
};
#define LC_PARAM_TEST_UNSIGNED 16  /* or'ed into test: the parameter is
                                      unsigned (a negative argument wraps) */

struct lc_param_guard {
    int param;                /* 1 + the parameter's index, 0: no guard */
    int test;                 /* enum lc_param_test | LC_PARAM_TEST_UNSIGNED */
    long long value;
    union {                   /* the field of the pointer parameter
                                 tested (`if (c->conn)`: conn), never
                                 assigned in the function */
        const char *field_usr;    /* facts: its USR; NULL: the parameter
                                     itself */
        int64_t field_symbol;     /* program: its symbol; 0: the
                                     parameter itself */
    };
};

/* How surely a call runs each time its function runs to its end
 * (extract_runs.c). */
enum lc_call_runs {
    LC_RUNS_MAYBE = 0,        /* it may not run, or run several times */
    LC_RUNS_ONCE,             /* exactly once: no branch, loop, switch, ?:,
                                 && or || around it (a `do ... while (0)`
                                 aside), no return, goto, break or continue
                                 before it that could skip it, no label in
                                 the function */
    LC_RUNS_RETRIED,          /* at least once: at the top of the body (or
                                 in the condition) of a `do ... while
                                 (...)` that itself runs once, no jump
                                 before it in the body: a retry loop */
    LC_RUNS_UNLESS_RETURNED,  /* as ONCE, but a return before it may leave
                                 the function first: at most once */
};

/* A call whose work is the round's own share of a loop around it, whatever
 * its callee walks to do it (extract_call_share.c): what it does is in
 * proportion to the arguments the round gives it. */
enum lc_call_share {
    LC_SHARE_NONE = 0,
    LC_SHARE_MESSAGE,         /* formats a message: a variadic callee given a
                                 string literal for its last named parameter
                                 (`log_error(errh, __FILE__, __LINE__, "bad
                                 %s", name)`) */
    LC_SHARE_COMPARISON,      /* compares two keys through a function
                                 pointer of two pointers to one const type
                                 and an integer result (`rbtree->cmp(key,
                                 node->key)`) */
};

/* One of the strings a call argument that is no string literal itself is
 * known to be (extract_arg_keys.c): a literal's text, spelled as in the
 * literal without its quotes, which the argument may be exactly (an arm of
 * `c ? "command notice" : "command msg"`), or, with `starts`, a text it
 * may start with (a local `char *` every value of which is the result of a
 * `string-prefix` call, extract_string_prefix.c).  The text never holds a
 * newline: a literal's spelling writes it as an escape. */
struct lc_arg_key {
    const char *text;
    int starts;
};

/* A call expression inside a function body. */
struct lc_call_fact {
    const char *caller_usr;
    struct lc_value callee;   /* FUNCTION for a direct call */
    struct lc_location loc;   /* expansion location of the call */
    size_t nargs;
    struct lc_value *args;    /* nargs values */
    const char **arg_texts;   /* nargs source spellings (may be truncated) */
    const struct lc_arg_key **arg_keys;/* NULL, or nargs entries: the
                                 keys argument i stands for, ended by
                                 one whose text is NULL, or NULL
                                 (extract_arg_keys.c) */
    int loop_index;           /* innermost loop holding the call (index into
                                 the TU's loops), -1 when none */
    int conditional;          /* inside a branch, a loop, a switch or a
                                 conditional expression (?:, &&, ||): it may
                                 not run every time the function does */
    struct lc_lockset locks;  /* locks held at the call */
    int after_comma;          /* the right side of `(call, this())`: the
                                 index of that call, else -1 (panic macros:
                                 `(panic(...), abort())`) */
    int zero_guard;           /* runs only where the result of this earlier
                                 call (index into the TU's calls) is 0: in
                                 `if ((pid = fork()) == 0) { ... }`, after
                                 `case 0:` of `switch (fork())`; -1 none */
    struct lc_value_guards value_guards;  /* the variable tests it runs
                                             under */
    int branch_exit;          /* the call ending the `if`/`else` branch it is
                                 in (`{ log(...); fatal(...); }`; a branch
                                 with no return, goto, break or continue),
                                 or the call in the branch's condition it
                                 takes the branch only once returned (`if
                                 (BUG(x))`, extract_branches.c): when that
                                 call never returns, this one is on the way
                                 out (index into the TU's calls), -1 none */
    unsigned cursor_args;     /* bit i: argument i is the cursor of the
                                 innermost loop around the call, handed
                                 over and taken back (`buf =
                                 sprintf_num(buf, last, ...)` in a loop
                                 whose condition reads `buf`:
                                 extract_loop_cursor.c); first
                                 LC_ELEMENT_ARGUMENTS only */
    unsigned counter_args;    /* bit i: argument i is the counter of the
                                 innermost loop around the call, stepped
                                 by one, or a local stepped by one right
                                 there (`args_string(args, i++)`): another
                                 index every round (extract_slot_args.c) */
    int each_round;           /* with element_args or counter_args: the call is made in
                                 every round of that loop (right in its
                                 body or condition, under no `if`,
                                 `switch`, inner loop, ?:, && or ||, and
                                 no `continue`, `break`, `return` or
                                 `goto` in the loop before it) */
    unsigned element_args;    /* bit i: argument i is a field of the element
                                 the innermost loop around the call is at
                                 (`hash(key, it->nkey)` in a walk over the
                                 items), the element itself, or a drained
                                 list's head or a field of it
                                 (extract_loop_children.c); first
                                 LC_ELEMENT_ARGUMENTS only */
    struct lc_param_guard param_guard;  /* the test of a parameter it runs
                                           under (`if (conn) { ... }`,
                                           `if (idx >= 0) { ... }`) */
    struct lc_param_guard returned_guard;  /* runs UNLESS_RETURNED, and
                                              every return before it is
                                              under this test of a
                                              parameter (`if (fp) return
                                              r; exit(r);`): given an
                                              argument failing it, the
                                              call runs; param 0: none */
    unsigned scaled_args;     /* bit i: argument i divides or shifts right a
                                 variable by a constant (`v / 10`, `n >> 1`);
                                 first LC_ELEMENT_ARGUMENTS only */
    int loop_only;            /* runs only where a `loop-thread-test`
                                 returned non-zero: on the loop's thread
                                 (extract_flow.c) */
    enum lc_call_share share; /* the round's own share of a loop around it,
                                 whatever its callee walks
                                 (extract_call_share.c) */
    int restart_call;         /* a direct self-call restarting its function
                                 on a fixed request: constants and the
                                 caller's own unchanged parameters, after
                                 nothing but constant writes on the way
                                 (`if (first) return seek(it, ">=", NULL,
                                 0);`: extract_call_restart.c) */
    long long depth_limit;    /* a direct self-call made only once a depth
                                 counter passed a test against this
                                 constant limit (at least 1; 0: none):
                                 `if (ctx->recursion++ < 50) return
                                 resolve(r, ctx, &cname);`, `if (depth >=
                                 16) return; ...; walk(n, depth + 1)`
                                 (extract_call_depth.c) */
    unsigned stack_text_args; /* within the TU only (not stored): bit i
                                 when argument i is a character array
                                 declared in the caller's body, not static
                                 (`char s[1025]`: its own scratch text);
                                 first LC_ELEMENT_ARGUMENTS only */
    unsigned changed_param_args;  /* bit i: argument i is a parameter of
                                     the caller that the caller assigns,
                                     increments, decrements or takes the
                                     address of somewhere (it may pass on
                                     another value than its callers gave);
                                     first LC_ELEMENT_ARGUMENTS only */
    const struct lc_unreached *unreached;  /* stretches of its function's
                                              text after it that no path
                                              from it reaches (extract_reach.c) */
    size_t unreached_count;
    int reach_unknown;        /* in a function with a label (a goto may land
                                 anywhere): no stretches are known */
    int runs;                 /* enum lc_call_runs */
    int nonzero_exit;         /* its caller tests its result against 0 where
                                 the call ran (no branch or jump between),
                                 and the branch taken when it is not 0 ends
                                 in this call (`r = f(); assert(r == 0);`):
                                 when that call never returns, a non-zero
                                 result ends the process (index into the
                                 TU's calls), -1 none */
    int error_return;         /* in an `if`/`else` branch that leaves only
                                 by its last statement, a `return` of a
                                 non-zero integer constant (`{ log(...);
                                 return -1; }`): when every caller of its
                                 function ends the process on a non-zero
                                 result, it is on the way out */
    int fail_guard;           /* in a branch taken where this earlier call's
                                 result passes `fail_test` (`if ((r =
                                 close(fd)) == -1) { log(...); }`): when the
                                 callee's model says that is a failure
                                 (`fails close result=-1`), the call is on
                                 a failure path (index into the TU's
                                 calls), -1 none */
    int fail_test;            /* enum lc_result_test */
    int unlikely;             /* in a branch the code says is unlikely
                                 taken: the then-branch of `if
                                 (__builtin_expect(c, 0))` (redis's
                                 `unlikely(c)`, tor's PREDICT_UNLIKELY), a
                                 side of its `&&`, the else of `if
                                 (__builtin_expect(c, 1))` or of its `||`
                                 (extract_fail_guards.c): a rare path */
    struct lc_raised_limit full_guard;  /* made only where an object it is
                                           given is full: in the branch of
                                           `if (t->count >= t->limit)`, t
                                           argument full_guard.param - 1,
                                           limit the field tested
                                           (extract_full_guard.c); param
                                           0: none */
    const char *empty_field_usr;  /* made only where a count field of an
                                     object is 0: in the then branch of
                                     `if (p->free_count == 0)` (also
                                     `!p->n`, `p->n < 1`, `p->n <= 0`, a
                                     side of `&&`): the field's USR
                                     (extract_empty_guard.c), or NULL */
    unsigned branch_serial;   /* within the TU only (not stored): the
                                 branch it is in, and the returns and jumps */
    unsigned jumps_before;    /* met before it in its function */
};

#define LC_ELEMENT_ARGUMENTS 32

/* What a branch knows of an earlier call's result (lc_call_fact
 * fail_test); a `fails` model says which of them mean failure. */
enum lc_result_test {
    LC_RESULT_TEST_NONE,
    LC_RESULT_TEST_MINUS_ONE,    /* == -1 */
    LC_RESULT_TEST_NEGATIVE,     /* < 0 */
    LC_RESULT_TEST_NONPOSITIVE,  /* <= 0 */
    LC_RESULT_TEST_NONZERO,      /* != 0, != NULL, `if (r)` */
    LC_RESULT_TEST_ZERO          /* == 0, == NULL, `if (!r)` */
};

enum lc_loop_kind {
    LC_LOOP_FOR,
    LC_LOOP_WHILE,
    LC_LOOP_DO,
    LC_LOOP_GOTO,             /* a backward goto */
};

/* How many times a loop runs. */
/* The largest trip count of a SMALL_CONSTANT loop. */
#define LC_SMALL_TRIP_COUNT 64
#define LC_BYTE_TRIP_COUNT 256   /* a count held in one byte: at most 255, counted to 0 or from 0 */
#define LC_MEDIUM_TRIP_COUNT 1000 /* a constant loop of this many rounds or more
                                     costs a level (cost.h) */

enum lc_loop_bound {
    LC_BOUND_SMALL_CONSTANT,  /* trip count known and <= 64 (`i < 4`) */
    LC_BOUND_CONSTANT,        /* bounded by a constant (`i < 4096`,
                                 `i < ARRAY_SIZE(a)`) */
    LC_BOUND_DATA,            /* bounded by data: a parameter, a field, a
                                 global, a call (`i < n`, `p != NULL`,
                                 `i < strlen(s)`) */
    LC_BOUND_UNBOUNDED,       /* no condition, or a constant true one */
};

/* What a loop's condition reads: whether its trip count can grow with the
 * data a caller passes or the program shares, which is what a call to its
 * function adds where it is made (cost.h). */
enum lc_loop_source {
    LC_SOURCE_INPUT,          /* a parameter, a global, a field of one, a
                                 call's result, or a local of unknown origin */
    LC_SOURCE_STRING,         /* a walk over a string's characters (`*p`,
                                 `s[i] != '\0'`): text, short in practice */
    LC_SOURCE_LOCAL,          /* nothing but constants and locals set from
                                 them (`while (1)` with a break inside) */
    LC_SOURCE_PARENT,         /* its rounds over all the enclosing loop's
                                 rounds are bounded by that loop's data: it
                                 continues the enclosing walk (a scanner
                                 skipping a token), walks one bucket's chain,
                                 or walks the current element's children
                                 (`op->argc`): adds no repetition */
    LC_SOURCE_AMORTIZED,      /* it fills an object from the mark the object
                                 keeps up to a new size, and the mark moves
                                 there after it (`for (x = l->filled; x < n;
                                 x++) ...; l->filled = n;`): each place once
                                 over the object's life, so a caller adds
                                 no repetition for it */
    LC_SOURCE_WAIT,           /* a spin lock's acquisition: it waits for
                                 another thread to let go, and what it does
                                 inside (pauses, back-off, yields) is
                                 waiting too (extract_loop_spin.c): no CPU
                                 work, it and its inner loops cost nothing */
};

/* A loop statement in a function body. */
struct lc_loop_fact {
    const char *function_usr;
    enum lc_loop_kind kind;
    struct lc_location loc;   /* the `for`/`while`/`do`/`goto` keyword */
    int parent_index;         /* enclosing loop in the same function, -1 */
    unsigned depth;           /* 1 for an outermost loop */
    enum lc_loop_bound bound;
    long long trip_count;     /* SMALL_CONSTANT / CONSTANT: the bound, else 0;
                                 CONSTANT 0: a read-only table of a length the
                                 TU does not see (`extern const T table[]`) */
    const char *bound_text;   /* the bounding expression's spelling, e.g.
                                 "m->n", "strlen ( s )"; NULL when none */
    const char *bound_name;   /* DATA: what that expression names, for a
                                 `bounded` model: a function it calls
                                 ("screen_size_x"), a field ("grid.sx"), a
                                 global variable; else NULL */
    const char *drain_name;   /* DATA: the function whose non-zero result
                                 keeps the loop going (`while ((e =
                                 ERR_get_error()))`), for a `drains` model;
                                 else NULL */
    const char *transfer_name;/* DATA: the function whose result is the only
                                 change of what the condition reads (`at +=
                                 r` after `r = send(...)`), for a transfer
                                 loop when a `blocking` model names it;
                                 else NULL */
    enum lc_loop_source source;
    int bound_param;          /* the one integer parameter bounding it
                                 (`j < charslen`), else the pointer
                                 parameter whose own data it walks (`n <
                                 rec->nargs`, `while (chunk)` from
                                 `ITEM_schunk(it)`: extract_loop_owner.c),
                                 or the string parameter whose parts it
                                 walks (`*tmp` over `g_strsplit(section,
                                 "/", -1)`: extract_loop_parts.c), or the
                                 pointer parameter whose table it walks to
                                 its sentinel (table_walk);
                                 0-based, or -1 */
    int table_walk;           /* 1: bound_param is a pointer to a table the
                                 loop walks to its sentinel, one entry a
                                 round (extract_loop_table_param.c): a
                                 caller passing a fixed table bounds it by
                                 its length (call_arg table_length) */
    unsigned cursor_params;   /* bit i: the loop advances parameter i, which
                                 its condition reads, and every return of
                                 the function reads it: a cursor the
                                 function moves on and hands back (`while
                                 (*s == ' ') s++; return s;`:
                                 extract_loop_cursor.c); first
                                 LC_ELEMENT_ARGUMENTS only */
    int text_param;           /* within the TU only (not stored): the
                                 character pointer parameter a loop counting
                                 up to its integer bound_param reads at its
                                 counter (`buf[i]` for `i < len`), 0-based,
                                 or -1 (extract_stack_text.c) */
    const char *walked_global_usr;  /* a loop bounded by data, by no
                                       parameter: the global or static
                                       variable whose collection it walks
                                       (`for (tmp = protocols; tmp; tmp =
                                       tmp->next)`, `i < handler_count`:
                                       extract_loop_registry.c), or NULL */
    const char *walked_global_name;
    const char *walked_link_usr;    /* a loop bounded by data that steps a
                                       pointer up a link of its own struct
                                       every round (`oo = oo->parent`:
                                       extract_loop_link.c): the link
                                       field's USR, or NULL */
    const char *walked_link_name;
    const char *owned_field_usr;    /* an inner loop bounded by data that
                                       walks a list or count reached
                                       through a pointer field of its
                                       enclosing loop's element
                                       (`(v->routerstatus_list)->num_used`:
                                       extract_loop_owned.c): the field's
                                       USR; the element's children when
                                       the program frees what the field
                                       points to (cost_owned_fields.c);
                                       or NULL */
    const char *owned_field_name;
    struct lc_param_guard param_guard;  /* the test of a parameter it runs
                                           under (`if (idx >= 0) { while
                                           (...) ... }`), as a call's */
    int loop_only;            /* runs only on the loop's thread, as a
                                 call's (extract_flow.c) */
};

enum lc_access_kind {
    LC_ACCESS_READ,
    LC_ACCESS_WRITE,          /* =, op=, ++, --, or its address passed as a
                                 pointer-to-non-const argument */
};

/* Separates a variable's USR from the field path of an access to a part
 * of it ("c:@settings@FP@.sig_hup", "c:@queue@FP@->head", an element's
 * "c:@threads@FP@[*].stats": `[*]` is every element). */
#define LC_ACCESS_PATH_MARK "@FP@"

/* A read or write of a global, a file-scope static or a static local. */
struct lc_access_fact {
    const char *function_usr;
    const char *variable_usr;  /* the variable's, with LC_ACCESS_PATH_MARK and
                                  the field path for `g.f.h`, `g->f`,
                                  `g[i].f` */
    const char *variable_name; /* "g", or "g.f.h", "g->f", "g[*].f" */
    enum lc_access_kind kind;
    int atomic;               /* an _Atomic object, or the access is an
                                 argument of __atomic_*, __sync_*, atomic_* */
    struct lc_location loc;
    struct lc_lockset locks;  /* locks held at the access */
    const char *via_callee_usr; /* a WRITE only because its address (or
                                   the array) is passed as argument
                                   via_argument (0-based) of this function,
                                   declared but not defined in the TU:
                                   linking makes it a READ when the
                                   definition elsewhere does not write
                                   through that parameter; NULL otherwise */
    int via_argument;
    const char *passed_record_usr; /* a WRITE only because the address of
                                      a struct (or an array of them) is
                                      passed to a call: the struct type's
                                      USR; linking makes it a READ when no
                                      TU writes a struct of that type
                                      through a pointer (lc_tu_facts
                                      written_records); NULL otherwise */
    int indexed;              /* through an element of the variable (`g[i]`,
                                 `g.slots[i].n`): the data a striped lock
                                 (LC_LOCK_ELEMENT_MARK) may guard */
    int zero_guarded;         /* a write of the variable itself (no field
                                 path) that runs only where it is 0 / NULL /
                                 false: `if (!g) g = make();` (lazy
                                 initialisation) */
    int loop_only;            /* runs only on the loop's thread: past a
                                 `loop-thread-test` (extract_flow.c) */
    int branch_exit;          /* the call ending the `if`/`else` branch it is
                                 in, as lc_call_fact branch_exit: when that
                                 call never returns, the access is on the
                                 way out (index into the TU's calls), -1
                                 none */
    int error_return;         /* as lc_call_fact error_return */
};

/* The lock functions the extractor follows to compute locksets (from the
 * `lock`, `unlock`, `trylock` models) and the synchronisation types whose
 * objects are not data (`sync-type`).  Its hash is part of every TU's
 * fingerprint, so a change of lock models re-parses. */
struct lc_lock_function {
    const char *name;
    int position;             /* 1-based argument holding the lock */
    int action;               /* enum lc_lock_action (models.h) */
};

/* A call that parks every other thread (`pause-threads`) or lets them go
 * on (`resume-threads`), when each of its conditions holds at the call:
 * argN~TOKEN, argN!~TOKEN, argN=null, argN!=null (models.h).  Between the
 * two, the lockset holds LC_LOCK_THREADS_PAUSED. */
struct lc_arg_condition;
struct lc_pause_function {
    const char *name;
    int resumes;              /* 0: pauses the other threads; 1: resumes */
    const struct lc_arg_condition *conditions;
    size_t condition_count;
};

/* A hand-off window of a gated thread (`gated-thread`, models.h): from a
 * call of `start` to the end of the first loop statement after it, in the
 * same function, whose condition or body calls `wait`.  Inside, the
 * lockset holds `identity` (LC_LOCK_GATE_PREFIX and the role); a window
 * still open where its function ends puts `unclosed` (LC_LOCK_GATE_UNCLOSED
 * and the role) in the lockset of the call that opened it.  Neither is a
 * lock: the program keeps them apart (program.h gate_windows). */
#define LC_GATE_MAX 8
#define LC_LOCK_GATE_PREFIX "loopcheck:gate:"
#define LC_LOCK_GATE_UNCLOSED "loopcheck:gate-unclosed:"
struct lc_gate_function {
    const char *start, *wait;
    const char *identity, *unclosed;
};

/* A function whose result is a new string starting with the string
 * literal passed as argument `position` (1-based), or with its text up to
 * its first '%' when it is a printf format (`string-prefix`, models.h):
 * `g_strconcat("command ", name, NULL)` starts with "command ". */
struct lc_string_prefix_function {
    const char *name;
    int position;
    int format;
};

struct lc_lock_vocabulary {
    const struct lc_lock_function *functions;
    size_t count;
    const char *const *sync_types;  /* `sync-type` names: their objects are
                                       no data (extract_access.c) */
    size_t sync_type_count;
    unsigned long long hash;
    const struct lc_pause_function *pauses;
    size_t pause_count;
    const struct lc_gate_function *gates;   /* at most LC_GATE_MAX */
    size_t gate_count;
    const struct lc_string_prefix_function *string_prefixes;
    size_t string_prefix_count;
    const char *const *loop_thread_tests;   /* `loop-thread-test` names */
    size_t loop_thread_test_count;
};

/* A value stored into a field or variable: a function pointer
 * (`s.cb = f`, `p->cb = f`, `{ .cb = f }`, `fp_t fp = f`, `table[] = { f }`),
 * or the result of a call (`c->fd = socket(...)`, `int fd = accept4(...)`),
 * for descriptors; into an int, any value but a constant (an element or a
 * negation of a place as LC_STORE_DERIVED, `c->fd = fds[0]`; OTHER when it
 * is none of those: `c->fd = fd + 1`).  A `return v;` in a
 * function returning int or a pointer to a struct stores into a CALL
 * target naming the function. */
/* What a store fact is for. */
enum lc_store_role {
    LC_STORE_FLOW = 0,        /* a value the function-pointer and
                                 descriptor flows follow */
    LC_STORE_OBJECT,          /* a pointer to a struct that is not a call's
                                 result (those are FLOW stores): a variable,
                                 field or parameter, or OTHER; where an
                                 object comes from (made_objects.c) and
                                 where a stream does (descriptor_flow.c) */
    LC_STORE_MADE,            /* the function in_function_usr returns a
                                 local it sets field `target` of to its
                                 parameter `value` (a PARAM) once, in the
                                 function's own block: `c->conn = conn;
                                 ... return c;` (extract_made_fields.c) */
    LC_STORE_DERIVED,         /* an int made from a variable, field or
                                 parameter (`value`) without being that
                                 place: an element of it (`fd = fds[0]`) or
                                 its negation (`c->fd = -c->fd`, a closed
                                 descriptor's mark).  The descriptor flows
                                 follow it forward (what the array holds,
                                 the element holds); the function-pointer
                                 flow and the aliases of a descriptor made
                                 non-blocking through the element do not
                                 (one end of a pipe is not the other) */
};

struct lc_store_fact {
    enum lc_store_role role;
    struct lc_value target;   /* FIELD, VAR, or CALL (usr: the function) */
    struct lc_value value;    /* FUNCTION, FIELD, VAR, PARAM or CALL; NULL
                                 into a function-pointer field */
    const char *in_function_usr; /* NULL at file scope */
    struct lc_location loc;
    int conditional;          /* it may not run every time its function
                                 does (as lc_call_fact's) */
};

/* A write of a link field: a field of struct S of type `struct S *`
 * (`oo->parent = parent`, `n->next = head`), by assignment in a function
 * (extract_link_writes.c); also, with an OTHER object and value, one an
 * initialiser list gives a value other than NULL (function_usr NULL at
 * file scope), every link of a struct copied whole and every link whose
 * address is taken (`pp = &(*pp)->next`).  The object whose link is written and the
 * value written: a FIELD (`w->options`), VAR, PARAM (one the function
 * never changes), NULL, or OTHER (anything else: `&x`, `a[i]`, a call's
 * result, a struct variable's own field `x.parent`). */
struct lc_link_write_fact {
    const char *function_usr;
    const char *field_usr;
    const char *field_name;
    struct lc_value object;
    struct lc_value value;
    int made;               /* the object is a new one the function
                               returns: a local every `return` gives (or
                               NULL), set once, at its declaration or by
                               one assignment, to the result of a call
                               returning `void *` (an allocator: `oo =
                               xcalloc(1, sizeof *oo)`) — the function
                               is a constructor of the link */
};

/* A global variable of external linkage the TU defines (initialised, or
 * a tentative `int x;`), so a reference to it links to its TU
 * (program_link.c).  table_length: the length of the fixed table it
 * holds, an array of a constant length of more than one element, or a
 * pointer its initialiser points at the start of one
 * (`sldns_lookup_table *sldns_rcodes = sldns_rcodes_data;`); else 0.
 * A walk of what it is passed to makes at most that many rounds when
 * nothing writes the variable (program_load_tables.c). */
struct lc_defined_variable {
    const char *usr;
    long long table_length;
};

struct lc_tu_facts {
    struct lc_arena arena;
    const char *path;          /* the main file */

    struct lc_function_fact *functions;
    size_t function_count, function_cap;
    struct lc_call_fact *calls;
    size_t call_count, call_cap;
    struct lc_store_fact *stores;
    size_t store_count, store_cap;
    struct lc_loop_fact *loops;
    size_t loop_count, loop_cap;
    struct lc_access_fact *accesses;
    size_t access_count, access_cap;

    const char **written_records; /* USRs of the struct types whose objects
                                     the TU writes through a pointer
                                     (`p->f = v`, `*p = v`, `p[i].f++`) or
                                     whose pointers it converts to another
                                     pointer type (`memset(p, ...)`, `(char
                                     *)p`); once each, roughly
                                     (extract_record_writes.c) */
    size_t written_record_count, written_record_cap;
    struct lc_defined_variable *defined_variables;
    size_t defined_variable_count, defined_variable_cap;
    const char **file_scope_names; /* USRs of the global variables and
                                      functions of external linkage that
                                      file-scope initialisers name
                                      (`struct dict d = { &engine_type };`),
                                      once each, roughly */
    size_t file_scope_name_count, file_scope_name_cap;
    struct lc_link_write_fact *link_writes;
    size_t link_write_count, link_write_cap;

    const char **included_files; /* every header the TU read (absolute) */
    size_t included_count, included_cap;

    const char *error;         /* set when the TU failed: "file:line:col: msg" */
};

void lc_tu_facts_init(struct lc_tu_facts *facts);
void lc_tu_facts_free(struct lc_tu_facts *facts);

/* Append one element and return it zeroed (but for indexes that mean
 * "none": loop_index, zero_guard, after_comma, branch_exit (of calls and
 * accesses), nonzero_exit and parent_index are -1); NULL when out of
 * memory. */
struct lc_function_fact *lc_tu_facts_add_function(struct lc_tu_facts *facts);
struct lc_call_fact *lc_tu_facts_add_call(struct lc_tu_facts *facts);
struct lc_store_fact *lc_tu_facts_add_store(struct lc_tu_facts *facts);
struct lc_loop_fact *lc_tu_facts_add_loop(struct lc_tu_facts *facts);
struct lc_access_fact *lc_tu_facts_add_access(struct lc_tu_facts *facts);
struct lc_link_write_fact *lc_tu_facts_add_link_write(struct lc_tu_facts *facts);
int lc_tu_facts_add_include(struct lc_tu_facts *facts, const char *path);
/* Note a struct type written through a pointer (`usr` lives in the
 * arena); 0 or -1 (no memory). */
int lc_tu_facts_add_written_record(struct lc_tu_facts *facts, const char *usr);
/* Note a global variable the TU defines (`usr` lives in the arena) and
 * the length of the fixed table it holds (0: none); 0 or -1 (no memory). */
int lc_tu_facts_add_defined_variable(struct lc_tu_facts *facts, const char *usr, long long table_length);
/* Note a symbol a file-scope initialiser names; 0 or -1 (no memory). */
int lc_tu_facts_add_file_scope_name(struct lc_tu_facts *facts, const char *usr);

#endif
