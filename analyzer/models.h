/* models.h — what the rules files (rules/NAME.rules) say about library
 * functions whose bodies loopcheck cannot see, and about loop APIs.
 *
 * The format is documented in rules/README.md.  A `struct lc_models` holds
 * every loaded entry; lookups are by function name (hash table).  A function
 * with any model entry is opaque: its body, if seen, is not traversed.
 */
#ifndef LOOPCHECK_MODELS_H
#define LOOPCHECK_MODELS_H

#include <stddef.h>
#include <stdio.h>

#include "arena.h"
#include "facts.h"

/* Where a callback passed to a registration API runs. */
enum lc_thread_role {
    LC_ROLE_LOOP = 1,   /* on the loop thread: an entry point */
    LC_ROLE_POOL,       /* on a thread pool: offloaded work */
    LC_ROLE_THREAD,     /* on a thread of its own (pthread_create) */
};

/* What a `readonly-stream` or `memory-file` model says of the stream or
 * descriptor a call returns, or a `standard-stream` model of the stream a
 * global variable holds. */
enum lc_stream_state {
    LC_STATE_READONLY,    /* opened for reading only: closing writes nothing */
    LC_STATE_MEMORY,      /* a file of /proc: reading and writing it is
                             memory work, no disk and no device */
    LC_STATE_STANDARD,    /* one of the process's standard streams (stdout,
                             stderr, stdin): its log, not a file it opened */
    LC_STATE_COUNT,
};

/* The condition word of a state ("readonly", "memory", "standard") and its
 * statement ("readonly-stream", "memory-file", "standard-stream"). */
const char *lc_stream_state_word(enum lc_stream_state state);
const char *lc_stream_state_statement(enum lc_stream_state state);

/* A condition on one argument of a call (1-based position). */
enum lc_arg_test {
    LC_ARG_IS_NULL,       /* argN=null  : the argument is NULL / 0 */
    LC_ARG_NOT_NULL,      /* argN!=null */
    LC_ARG_HAS_TOKEN,     /* argN~TOKEN : the argument's spelling contains
                             the identifier TOKEN (e.g. MSG_DONTWAIT) */
    LC_ARG_LACKS_TOKEN,   /* argN!~TOKEN */
    LC_ARG_IS_NONBLOCKING,  /* argN=nonblocking : a descriptor known to be
                               non-blocking (nonblocking-descriptor models) */
    LC_ARG_NOT_NONBLOCKING, /* argN!=nonblocking */
    LC_ARG_IN_STATE,        /* argN=readonly, argN=memory, argN=standard :
                               a stream or descriptor in that state (state
                               models) */
    LC_ARG_NOT_IN_STATE,    /* argN!=readonly, argN!=memory, argN!=standard */
    LC_ARG_HAS_PREFIX,      /* argN^PREFIX : a string literal starting with
                               PREFIX (`/proc/`, `/dev/null`) */
    LC_ARG_LACKS_PREFIX,    /* argN!^PREFIX */
};

struct lc_arg_condition {
    int position;          /* 1-based */
    enum lc_arg_test test;
    const char *token;     /* HAS_TOKEN / LACKS_TOKEN, HAS_PREFIX / LACKS_PREFIX */
    enum lc_stream_state state;  /* IN_STATE / NOT_IN_STATE */
};

/* `blocking NAME [if COND]... [unless COND]... reason "..." [instead "..."]`
 * The call blocks when every `if` holds and no `unless` holds. */
struct lc_blocking_model {
    const char *reason;
    const char *instead;            /* the non-blocking alternative, or NULL */
    struct lc_arg_condition *if_conditions;
    size_t if_count;
    struct lc_arg_condition *unless_conditions;
    size_t unless_count;
    const char *file;               /* where it was declared */
    unsigned line;
};

/* `callback NAME argN loop|pool|thread [descriptor argM argK]`: with the
 * clause, the callback is called with the descriptor of the call's
 * argument M as its own argument K (libevent's `event_set(ev, fd, events,
 * cb, arg)` calls `cb(fd, ...)`), which is non-blocking when that one is. */
struct lc_callback_model {
    int position;                   /* 1-based argument holding the callback */
    enum lc_thread_role role;
    int descriptor_position;        /* 1-based argument M, 0 without the clause */
    int descriptor_parameter;       /* 1-based argument K of the callback */
};

/* `lock NAME argN`, `unlock NAME argN`, `trylock NAME argN` */
enum lc_lock_action {
    LC_LOCK_ACQUIRE = 1,  /* lock: takes the lock, waiting for it */
    LC_LOCK_RELEASE,      /* unlock: releases it */
    LC_LOCK_TRY,          /* trylock: takes it only when the call returns 0;
                             never waits */
};

struct lc_lock_model {
    int position;                   /* 1-based argument holding the lock */
    enum lc_lock_action action;
    int shared;                     /* `lock NAME argN shared`: a shared
                                       (read) hold of a read-write lock,
                                       which waits for no other shared
                                       hold */
};

/* `pause-threads NAME [if COND]...`, `resume-threads NAME [if COND]...`:
 * a call that returns once every other thread of the process is parked,
 * and the call that lets them go on, when every condition holds
 * (memcached's `pause_threads(PAUSE_ALL_THREADS)` and
 * `pause_threads(RESUME_ALL_THREADS)`).  What runs between the two cannot
 * race with any other thread.  Conditions are tests of the call's own
 * arguments: argN~TOKEN, argN!~TOKEN, argN=null, argN!=null. */
struct lc_pause_model {
    struct lc_arg_condition *if_conditions;
    size_t if_count;
};

/* What a function costs where the code does not show it: `cpu-heavy NAME
 * reason "..." [instead "..."]`, it does not wait, but may compute long
 * enough to stall the loop; `cheap NAME reason "..."` (no instead),
 * whatever the data a call does a bounded or amortised amount of work
 * (an allocator walking its blocks from a mark it moves on, a lookup in a
 * table the program keeps small): a call adds no cost and its own loops
 * are not reported (cost.h), its body still followed for what it calls. */
struct lc_cost_model {
    const char *reason;
    const char *instead;            /* or NULL */
    const char *file;               /* where it was declared */
    unsigned line;
};

/* `field RECORD.FIELD loop|pool|thread`: a function stored into that field
 * of that struct runs there (libev's `ev_watcher.cb`). */
struct lc_field_model {
    const char *record;
    const char *field;
    enum lc_thread_role role;
    const struct lc_library *library;
    const char *file;               /* where it was declared */
    unsigned line;
};

/* `keyed-callback NAME [key argK] callback argF [prefix "TEXT"]`: a call
 * of NAME registers the function passed as argument F under the string
 * passed as argument K (TEXT followed by it with the prefix clause); a key
 * that is no string literal (nor a choice of them, facts.h lc_arg_key), or
 * no `key` clause, registers it under every key (irssi's
 * `signal_add_full(module, prio, "setup saved", func, data)`).
 * `keyed-dispatch NAME [key argK]`: a call of NAME calls the functions
 * registered under the string literal passed as argument K (under each
 * of a choice of them), or every keyed callback without the clause or a
 * known key there (`signal_emit`).
 * `keyed-id NAME key argK`: a call of NAME returns the id of the string
 * literal passed as argument K (irssi's `signal_get_uniq_id("pidwait")`);
 * a variable or field assigned nothing but such results is, as a key, the
 * strings of them.  Resolved by keyed.c.
 * `string-prefix NAME argK [format]`: a call of NAME returns a new string
 * that starts with the string literal passed as argument K (`g_strconcat`),
 * or with its text up to its first '%' with `format` (`g_strdup_printf`);
 * the extractor gives a local variable set only to such results that
 * start as a known prefix (facts.h lc_string_prefix_function). */
struct lc_keyed_callback_model {
    int key_position;               /* 1-based, 0: no key (every key) */
    int callback_position;          /* 1-based */
    const char *prefix;             /* "" without the clause */
};

/* `library NAME offload "how to offload work with this library"`
 * Entries after it (in the same file) belong to this library. */
struct lc_library {
    const char *name;
    const char *offload;            /* e.g. "uv_queue_work(loop, req, work, after_work)" */
};

/* `nonblocking-descriptor NAME result|argN [if COND]... reason "..."`: the
 * descriptor the call returns (position 0) or is given in argument N is
 * non-blocking from then on, when every condition holds (socket with
 * SOCK_NONBLOCK, fcntl(fd, F_SETFL, ... O_NONBLOCK)).
 * `readonly-stream NAME result [if COND]... [unless COND]... reason "..."`
 * (and `memory-file`, the same way): the stream or descriptor the call
 * returns is in that state (enum lc_stream_state) when every `if` holds
 * and no `unless` does. */
struct lc_descriptor_model {
    int position;                   /* 0: the result; else 1-based */
    struct lc_arg_condition *if_conditions;
    size_t if_count;
    struct lc_arg_condition *unless_conditions;   /* state models only */
    size_t unless_count;
    const char *reason;
};

/* Everything the models say about one function name. */
struct lc_function_model {
    const char *name;
    const struct lc_library *library;  /* may be NULL */
    const char *file;                  /* first declaring rules file */
    unsigned line;
    int nonblocking;                   /* `nonblocking NAME` */
    int terminates;                    /* `terminates NAME`: never returns
                                          (exit, abort, assert failure) */
    int loop_thread_test;              /* `loop-thread-test NAME`: returns
                                          non-zero only on the event loop's
                                          thread (extract_flow.c) */
    int forks;                         /* `fork NAME`: returns 0 in a new
                                          child process (fork, vfork) */
    int fails;                         /* `fails NAME result...`: the
                                          results that mean it failed,
                                          enum lc_result_test (facts.h);
                                          0: not said */
    const char *fails_text;            /* its words: "result=-1", ... */
    int runs_loop;                     /* `runs-loop NAME`: runs an event
                                          loop's callbacks on the calling
                                          thread (event_base_dispatch) */
    unsigned annotations;              /* `annotate NAME COLOR`: enum
                                          lc_annotation bits (facts.h), as
                                          the source's annotations say
                                          them; given to every function of
                                          that name, static ones too */
    const char *annotation_file;       /* where the last `annotate` was */
    unsigned annotation_line;
    int thread_join;                   /* `thread-join NAME`: waits until a
                                          thread ends (pthread_join) */
    int once_position;                 /* `runs-once NAME argN`: runs the
                                          function passed as argument N
                                          (1-based) once in the process,
                                          the other calls waiting for it
                                          (pthread_once); 0: no */
    int process_main;                  /* `process-main NAME`: runs as the
                                          main of a process of its own (a
                                          test runner forking per test) */
    struct lc_pause_model *pauses_threads;  /* `pause-threads NAME`, or NULL */
    struct lc_pause_model *resumes_threads; /* `resume-threads NAME`, or NULL */
    int hides_body;                    /* any statement but `runs-loop`,
                                          `process-main`, `pause-threads`
                                          and `resume-threads`: the body, if
                                          seen, is not
                                          followed (lc_model_hides_body) */
    struct lc_blocking_model *blocking;/* NULL unless `blocking NAME` */
    struct lc_callback_model *callbacks;
    size_t callback_count;
    struct lc_lock_model *lock;        /* NULL unless lock/unlock/trylock */
    int barrier_position;              /* `barrier-wait NAME argN`: waits on
                                          the barrier passed as argument N
                                          (1-based) until every thread of
                                          it arrives; 0: no */
    struct lc_cost_model *cpu_heavy;   /* NULL unless `cpu-heavy NAME` */
    struct lc_cost_model *cheap;       /* NULL unless `cheap NAME` */
    struct lc_keyed_callback_model *keyed_callback; /* NULL unless
                                          `keyed-callback NAME` */
    int keyed_dispatch;                /* `keyed-dispatch NAME`: 1 */
    int keyed_dispatch_key;            /* its `key argK`: K, 0: none */
    int keyed_id_key;                  /* `keyed-id NAME key argK`: K, 0:
                                          none */
    int string_prefix_position;        /* `string-prefix NAME argK
                                          [format]`: K, 0: none */
    int string_prefix_format;          /* its `format`: 1 */
    int frees_position;                /* `frees NAME argK`: K, the argument
                                          it deallocates every time it is
                                          called; 0: none */
    struct lc_descriptor_model *descriptor; /* NULL unless `nonblocking-descriptor` */
    struct lc_descriptor_model *states[LC_STATE_COUNT]; /* `readonly-stream`,
                                          `memory-file`; NULL when none */
};

/* Does the model make its function opaque?  Every statement does but
 * `runs-loop`, `process-main`, `pause-threads`, `resume-threads`,
 * `loop-thread-test`, `fails` and `cheap`, which say only where the function runs,
 * what a call does to threads or what its result means: a loop
 * run by a function whose body is in the program (a vendored libuv's
 * uv_run) is still followed, and so is the body of memcached's
 * pause_threads.  NULL: no. */
static inline int lc_model_hides_body(const struct lc_function_model *model)
{
    return model && model->hides_body;
}

/* `bounded NAME N`: a size the code does not state — the result of a
 * function NAME (`screen_size_x`), a field RECORD.FIELD (`grid.sx`) or a
 * global variable NAME is at most N; a loop bounded by it makes at most N
 * rounds (cost.h). */
struct lc_bounded_size {
    const char *name;
    long long most;
    int drain;      /* `drains NAME N`: NAME returns non-zero at most N
                       times in a row (it takes from a queue of at most N
                       entries: OpenSSL's error queue); a loop kept going by
                       its results makes at most N rounds */
};

/* `gated-thread ROLE start START wait WAIT`: the thread whose entry is
 * named ROLE works only while the loop is inside a hand-off window: in a
 * loop function, from a call of START to the end of the first loop
 * statement after it whose condition or body calls WAIT (redis's IO
 * threads: `setIOPendingCount` hands work over, the loop then spins on
 * `getIOPendingCount` until every thread is done).  At most LC_GATE_MAX. */
struct lc_gate_model {
    const char *role, *start, *wait;
};

/* A set of names a statement gives (few: a list). */
struct lc_name_set {
    const char **names;
    size_t count, cap;
};

struct lc_models {
    struct lc_arena arena;
    struct lc_function_model **buckets; /* open hash by name */
    size_t bucket_count, function_count;
    struct lc_field_model *fields;
    size_t field_count, field_cap;
    struct lc_library **libraries;
    size_t library_count, library_cap;
    struct lc_function_model **patterns; /* names with * ? [ : fnmatch(3),
                                            tried last declared first */
    size_t pattern_count, pattern_cap;
    const char **sync_types;             /* `sync-type NAME` */
    size_t sync_type_count, sync_type_cap;
    struct lc_bounded_size *bounded_sizes;   /* `bounded NAME N` */
    size_t bounded_size_count, bounded_size_cap;
    struct lc_gate_model gates[LC_GATE_MAX];  /* `gated-thread` */
    size_t gate_count;
    struct lc_name_set standard_streams; /* `standard-stream NAME`: global
                                            variables holding the process's
                                            standard streams */
    struct lc_name_set nonblocking_places; /* `nonblocking-place NAME`:
                                            RECORD.FIELDs and global
                                            variables holding non-blocking
                                            descriptors only */
};

void lc_models_init(struct lc_models *models);
void lc_models_free(struct lc_models *models);

/* Parse one rules file and add its entries.  Each error is printed to `err`
 * as "file:line: message" and the line is skipped; returns the number of
 * errors (0 on success, -1 when the file cannot be read, also printed). */
int lc_models_load_file(struct lc_models *models, const char *path, FILE *err);
/* The same for text in memory (`name` is used in messages). */
int lc_models_load_text(struct lc_models *models, const char *name,
                        const char *text, FILE *err);
/* Load every *.rules file of a directory in name order; returns the number
 * of errors, -1 when the directory cannot be read. */
int lc_models_load_dir(struct lc_models *models, const char *dir, FILE *err);

/* The entry for a called function's name: an exact entry if there is one,
 * else the last declared pattern that matches (fnmatch), else NULL.
 * Function entries never move; field entries may move while files are
 * still being loaded. */
const struct lc_function_model *lc_models_find(const struct lc_models *models,
                                               const char *name);
const struct lc_field_model *lc_models_find_field(const struct lc_models *models,
                                                  const char *record,
                                                  const char *field);
/* The `bounded` entry for a function, RECORD.FIELD or variable name, or
 * (`drain`) the `drains` entry for a function name; NULL when none. */
const struct lc_bounded_size *lc_models_find_bounded(const struct lc_models *models, const char *name, int drain);

/* Is NAME a global variable a `standard-stream` statement names? */
int lc_models_is_standard_stream(const struct lc_models *models, const char *name);
/* Does a `nonblocking-place` statement name the field RECORD.FIELD
 * (record non-NULL) or the global variable FIELD? */
int lc_models_is_nonblocking_place(const struct lc_models *models, const char *record, const char *field);

const char *lc_thread_role_name(enum lc_thread_role role);

/* The colors an annotation (`loopcheck:COLOR`) or an `annotate` statement
 * gives, by their enum lc_annotation bit, in bit order. */
#define LC_ANNOTATION_COUNT 4
extern const struct lc_annotation_name {
    unsigned bit;
    const char *color;   /* "async", "worker", "blocking", "nonblocking" */
} lc_annotation_names[LC_ANNOTATION_COUNT];

/* The model of NAME when an `annotate` statement gives it the color of
 * `bit` (enum lc_annotation), else NULL (models may be NULL). */
const struct lc_function_model *lc_models_annotating(const struct lc_models *models, const char *name, unsigned bit);
/* "annotated COLOR by FILE:LINE (annotate NAME COLOR)" when `stated` (the
 * statement's model) gives the color, "annotated loopcheck:COLOR" (the
 * source's annotation) when it is NULL; NULL when memory runs out. */
const char *lc_models_annotation_text(struct lc_arena *arena, const struct lc_function_model *stated,
                                      const char *name, const char *color);

/* Does `text` (an argument's spelling) hold `token` as a whole identifier
 * or number, as `argN~TOKEN` tests it?  NULL text: no. */
int lc_text_has_token(const char *text, const char *token);

struct lc_lock_vocabulary;
/* The lock functions of the models (`lock`, `unlock`, `trylock`), the
 * calls that pause and resume the other threads (`pause-threads`,
 * `resume-threads`), the hand-off windows (`gated-thread`), the
 * synchronisation types (`sync-type`) and the functions whose results
 * start with a literal (`string-prefix`), for the extractor's locksets,
 * accesses and call arguments, with a hash of them that does not depend on the order they
 * were loaded in.  Returns 0, or -1 when memory runs out. */
int lc_models_lock_vocabulary(const struct lc_models *models, struct lc_arena *arena,
                              struct lc_lock_vocabulary *vocabulary);

#endif
