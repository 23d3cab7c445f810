/* program.h — the whole program in memory: functions, call sites, their
 * arguments, the resolved call graph, entry points and colors.
 *
 * Built from the store by lc_program_load (program_load.c), linked by
 * lc_fpflow_resolve (fpflow.c: function-pointer flow, indirect call targets,
 * registrations) and colored by lc_color_program (color.c).  Checks read it.
 * Indexes are uint32_t; LC_NONE means "none". */
#ifndef LOOPCHECK_PROGRAM_H
#define LOOPCHECK_PROGRAM_H

#include <stdint.h>
#include <stdio.h>

#include "arena.h"
#include "facts.h"
#include "models.h"
#include "store.h"

#define LC_NONE UINT32_MAX
#define LC_ENTRY_COUNT_CAP 8   /* distinct entry points counted per function */

/* An argument or a stored value. */
struct lc_program_value {
    enum lc_value_kind kind;
    uint32_t function;      /* FUNCTION: the function */
    uint32_t flow_node;     /* FIELD/VAR/PARAM: the function-pointer flow node */
    uint32_t call;          /* CALL (stores): the call whose result it is */
    const char *text;       /* arguments: the source spelling, or NULL */
    const struct lc_arg_key *keys;  /* arguments: the strings it is known
                               to be (facts.h arg_keys), ended by a key
                               whose text is NULL, or NULL */
    int64_t symbol_id;      /* FUNCTION/FIELD/VAR/PARAM/CALL: its symbol */
    long long int_value;    /* arguments of kind INT: the constant */
    int param_index;        /* PARAM: the parameter's index (0-based) */
    int field_of_param;     /* arguments: facts.h */
    int child_of_param;     /* arguments: facts.h */
    int slot_of_param;      /* arguments: facts.h */
    long long at_most;      /* arguments: facts.h, 0 */
    long long table_length; /* arguments: facts.h, 0 */
};

/* What a call calls: a function, or what a function-pointer flow node
 * (field, variable, parameter) may hold.  Smaller than a value: a large
 * program has millions of calls. */
struct lc_program_callee {
    enum lc_value_kind kind;
    uint32_t function;      /* FUNCTION: the function */
    uint32_t flow_node;     /* FIELD/VAR/PARAM: the function-pointer flow node */
};

/* What few calls have (most calls have none of it, so it is kept apart
 * from lc_program_call, whose array is most of a large program's memory). */
struct lc_program_call_extra {
    uint32_t first_guard, guard_count;   /* the tests of globals it runs
                                            under: into program->guards */
    uint32_t zero_guard;                 /* runs only where this call returned
                                            0 (facts.h), LC_NONE */
    uint32_t after_comma;                /* b() of `(a(), b())`: a(), LC_NONE */
    uint32_t branch_exit;                /* the call ending its branch
                                            (facts.h), LC_NONE */
    struct lc_param_guard param_guard;   /* the test of a parameter it runs
                                            under (facts.h), param 0: none */
    struct lc_param_guard returned_guard;  /* the test of a parameter every
                                              return before it ran under
                                              (facts.h), param 0: none */
    uint32_t nonzero_exit;               /* the call ending the branch its
                                            caller takes when its result is
                                            not 0 (facts.h), LC_NONE */
    int error_return;                    /* in a branch returning a
                                            non-zero constant (facts.h) */
    uint32_t fail_guard;                 /* the call whose result the branch
                                            it is in tested (facts.h),
                                            LC_NONE */
    uint8_t fail_test;                   /* what held of that result there:
                                            enum lc_result_test */
    uint32_t scaled_args;                /* bit i: argument i divides or
                                            shifts a variable (facts.h) */
    uint32_t element_args;               /* bit i: argument i is a field of
                                            the element its loop is at (facts.h) */
    uint8_t each_round;                  /* made in every round of its loop,
                                            with element_args (facts.h) */
    uint32_t cursor_args;                /* bit i: argument i is its loop's
                                            cursor, handed over and taken
                                            back (facts.h) */
    uint32_t counter_args;               /* bit i: argument i is another
                                            index every round (facts.h) */
    uint32_t changed_param_args;         /* bit i: argument i is a parameter
                                            its caller changes (facts.h) */
    int restart_call;                    /* a self-call restarting its
                                            function on a fixed request
                                            (facts.h) */
    int share;                           /* the round's own share of a loop
                                            around it: enum lc_call_share
                                            (facts.h) */
    uint8_t unlikely;                    /* in a branch the code says is
                                            unlikely taken (facts.h) */
    long long depth_limit;               /* a self-call made only once a
                                            depth counter passed a test
                                            against this limit (facts.h), 0 */
    int loop_only;                       /* runs only on the loop's thread:
                                            past a `loop-thread-test`
                                            (facts.h) */
    struct lc_raised_limit full_guard;   /* made only where the object it is
                                            given is full (facts.h), param
                                            0: none */
    int64_t empty_field_symbol;          /* made only where this count field
                                            of an object is 0 (facts.h
                                            empty_field_usr), 0: none */
    char *unreached;                     /* the stretches after it no path
                                            from it reaches, as stored
                                            (store_schema.c), owned; NULL */
};

struct lc_program_call {
    struct lc_program_callee callee;
    uint32_t caller;                     /* the function whose body holds it */
    struct lc_location loc;
    uint32_t first_arg, arg_count;       /* into program->args */
    uint32_t first_target, target_count; /* into program->targets */
    uint32_t loop;                       /* innermost loop holding it */
    uint32_t first_lock, lock_count;     /* locks held: into program->held_locks */
    uint32_t extra;                      /* into program->call_extras, LC_NONE:
                                            none (lc_program_call_extra_of) */
    uint8_t conditional;                 /* may not run every time its
                                            function does (facts.h) */
    uint8_t runs;                        /* enum lc_call_runs (facts.h) */
    uint8_t in_child;                    /* in the child of a fork (forks.c):
                                            its targets are dropped */
    uint8_t never_returns;               /* a() of `(a(), abort())` (forks.c):
                                            a crash path, its targets are
                                            dropped */
    uint8_t ends_process;                /* given its arguments, its target
                                            ends the process: its call of one
                                            that never returns runs, every
                                            return before it skipped
                                            (`check(..., NULL)` of `if (fp)
                                            return r; exit(r);`; terminates.c) */
    uint8_t gate_windows;                /* bit g: made inside a hand-off
                                            window of program->gate_roles[g] */
    uint8_t gate_unclosed;               /* bit g: it opens a window of that
                                            gate its function leaves open */
    uint8_t keyed;                       /* a `keyed-dispatch` call (keyed.c):
                                            its targets after the callee are
                                            the keyed callbacks it reaches */
};

/* A call runs only where a global (or static) variable holds, or does not
 * hold, a constant (facts.h, struct lc_value_guard). */
struct lc_program_guard {
    uint32_t variable;       /* into program->objects */
    uint8_t equal;           /* 1: variable == value; 0: variable != value */
    uint8_t pointer;         /* a pointer against NULL: for lazy
                                initialisation only (lazy_writes.c) */
    long long value;
};

/* A variable (global, static) or a lock object (a variable or a struct
 * field), by symbol. */
struct lc_program_object {
    const char *name;        /* "counter", "conn.mu", or a lock's spelling;
                                "settings.port" for a field path */
    int64_t symbol_id;
    uint32_t family;         /* the objects of one variable: itself and its
                                field paths share this object index */
    int threads_paused;      /* no lock but LC_LOCK_THREADS_PAUSED: held
                                where every other thread is paused */
    int element_lock;        /* a lock taken as an element of an array of
                                locks (LC_LOCK_ELEMENT_MARK): striped */
    const char *gate_role;   /* no lock but a hand-off window's mark
                                (facts.h LC_LOCK_GATE_PREFIX, or
                                LC_LOCK_GATE_UNCLOSED: gate_unclosed): the
                                gated role's entry name; NULL for the rest.
                                Never in held_locks: the calls' and
                                accesses' gate bits say it */
    int gate_unclosed;
};

struct lc_program_loop {
    uint32_t function;
    enum lc_loop_kind kind;
    struct lc_location loc;
    uint32_t parent;         /* enclosing loop, LC_NONE */
    unsigned depth;
    enum lc_loop_bound bound;
    long long trip_count;
    const char *bound_text;
    enum lc_loop_source source;
    int bound_param;         /* facts.h */
    uint32_t walked_object;  /* the global whose collection it walks
                                (facts.h walked_global_usr), into
                                program->objects; LC_NONE */
    int64_t walked_link;     /* the symbol of the link field it steps a
                                pointer up every round (facts.h
                                walked_link_usr), 0: none */
    struct lc_param_guard param_guard;  /* the test of a parameter it runs
                                           under (facts.h), param 0: none */
    uint8_t loop_only;       /* runs only on the loop's thread (facts.h) */
    uint32_t cursor_params;  /* bit i: a cursor parameter it walks on
                                (facts.h) */
    uint8_t table_walk;      /* walks the table bound_param points to
                                (facts.h) */
    int64_t owned_field;     /* the symbol of the pointer field through
                                which it walks what its enclosing loop's
                                element holds (facts.h owned_field_usr),
                                0: none */
};

/* A write of a link field (facts.h lc_link_write_fact): FIELD, VAR and
 * PARAM values have their flow nodes. */
struct lc_program_link_write {
    uint32_t function;       /* LC_NONE: an initialiser at file scope */
    int64_t field_symbol;    /* the link field */
    struct lc_program_value object, value;
    uint8_t made;            /* the object is a new one the function
                                returns (facts.h): a constructor's */
};

struct lc_program_access {
    uint32_t function;
    uint32_t variable;       /* into program->objects */
    enum lc_access_kind kind;
    int atomic;
    struct lc_location loc;
    uint32_t first_lock, lock_count;  /* into program->held_locks */
    uint8_t zero_guarded;    /* a write under a test that the variable is
                                0 / NULL (facts.h): lazy initialisation */
    uint8_t indexed;         /* through an element (`g[i]`, facts.h) */
    uint8_t loop_only;       /* made only on the loop's thread (facts.h) */
    uint8_t gate_windows;    /* bit g: made inside a hand-off window of
                                program->gate_roles[g] */
    uint8_t error_return;    /* in a branch returning a non-zero constant
                                (facts.h) */
    uint32_t exit_call;      /* the call ending its `if` branch (facts.h
                                branch_exit), LC_NONE */
};

struct lc_program_function {
    const char *name;
    int64_t symbol_id;           /* symbol.id in the store */
    struct lc_location loc;      /* definition, else first declaration seen */
    unsigned annotations;        /* enum lc_annotation bits, over all decls */
    int is_defined;
    const struct lc_function_model *model;  /* NULL when not modelled */
    const struct lc_cost_model *cheap;      /* a `cheap` statement naming it,
                                               static or not; NULL: none */
    uint32_t first_call, call_count;        /* its call sites, contiguous */
};

/* Is the function's work per call bounded or amortised, as a `cheap`
 * statement or a `loopcheck:cheap` annotation says (cost.h)? */
static inline int lc_program_function_is_cheap(const struct lc_program_function *fn)
{
    return fn->cheap || (fn->annotations & LC_ANNOT_CHEAP);
}

/* An entry point (role LOOP) or an offloaded function (POOL, THREAD). */
struct lc_entry {
    uint32_t function;
    enum lc_thread_role role;
    const char *api;                   /* registering function or field, NULL
                                          for an annotation */
    const struct lc_function_model *annotated_by; /* an `annotate`
                                          statement's model, NULL: the
                                          source's annotation */
    const struct lc_library *library;  /* of the API, NULL when unknown */
    struct lc_location site;           /* registration call / store / the
                                          annotated function */
    uint32_t site_function;            /* the function making the (first)
                                          registration call, LC_NONE */
    uint8_t replicated;                /* enum lc_entry_replication */
};

/* Why several runs of an offloaded function may overlap
 * (registrations.c): each registration starts one, and they may run at
 * once on the pool's threads or on threads of their own. */
enum lc_entry_replication {
    LC_ENTRY_ONCE = 0,       /* one registration, made once as far as known */
    LC_ENTRY_IN_LOOP,        /* registered in a loop, or handed to a wrapper
                                that registers it in a loop */
    LC_ENTRY_SITES,          /* registered at two places or more */
    LC_ENTRY_QUEUED_ON_LOOP, /* pool work queued by code the loop runs: it
                                may queue the next before the last ended
                                (threads.c decides; no entry holds it) */
};

/* A function-pointer value stored into a field or variable (in
 * program->stores), or NULL stored into a function-pointer field (in
 * program->null_stores). */
struct lc_program_store {
    uint32_t target_node;           /* flow node of the field / variable */
    struct lc_program_value value;
    struct lc_location loc;
    uint32_t function;              /* the function whose body holds it,
                                       LC_NONE at file scope */
    uint8_t conditional;            /* may not run every time its function
                                       does (facts.h) */
};

struct lc_flow_node;   /* fpflow.c */
struct lc_flow_index;  /* fpflow.c */
struct lc_callers;     /* callers.h */
struct lc_scc;         /* scc.h */
struct lc_threads;     /* threads.h */
struct lc_cost;        /* cost.h */
struct lc_made_objects; /* made_objects.c */

/* A field of its pointer parameter param - 1 that a function raises by a
 * factor (facts.h lc_raised_limit, program_load_raised.c). */
struct lc_program_raised_limit {
    uint32_t function;
    int param;
    int64_t field_symbol;
};

/* A field a function counts up through a pointer (facts.h
 * lc_counted_field, program_load_raised.c). */
struct lc_program_counted_field {
    uint32_t function;
    int in_loop;
    int64_t field_symbol;
};

struct lc_program {
    struct lc_arena arena;
    const struct lc_models *models;

    struct lc_program_function *functions;
    uint32_t function_count;
    struct lc_program_call *calls;       /* grouped by caller */
    uint32_t call_count;
    struct lc_program_value *args;
    uint32_t arg_count;
    uint32_t *targets;                   /* resolved callees of each call */
    uint32_t target_count;
    uint32_t *model_calls;               /* the calls with a target that a
                                            model or an annotation describes,
                                            in order (fpflow.c): the passes
                                            that look for modelled calls walk
                                            these instead of every call */
    uint32_t model_call_count;
    const char *gate_roles[LC_GATE_MAX]; /* the gated roles' entry names
                                            (`gated-thread`) whose windows
                                            the bodies hold: gate bit g */
    uint32_t gate_count;
    struct lc_program_store *stores;
    uint32_t store_count;
    struct lc_program_store *null_stores;   /* `p->cb = NULL` (scoped_callbacks.c) */
    uint32_t null_store_count;
    struct lc_program_store *object_stores; /* pointers to structs stored
                                               (facts.h LC_STORE_OBJECT) */
    uint32_t object_store_count;
    struct lc_program_store *made_stores;   /* constructors' fields set to a
                                               parameter (LC_STORE_MADE) */
    uint32_t made_store_count;
    struct lc_program_store *derived_stores; /* ints made from a place
                                               without being it: `fds[0]`,
                                               `-fd` (LC_STORE_DERIVED) */
    uint32_t derived_store_count;
    struct lc_made_objects *made_objects;   /* made_objects.c */
    struct lc_program_link_write *link_writes;  /* `X->F = V` to a link
                                                   (facts.h lc_link_write_fact) */
    uint32_t link_write_count;
    struct lc_program_raised_limit *raised_limits;  /* fields functions
                                                       raise by a factor */
    uint32_t raised_limit_count;
    struct lc_program_counted_field *counted_fields;  /* fields functions
                                                         count up, sorted
                                                         by function */
    uint32_t counted_field_count;
    struct lc_program_loop *loops;
    uint32_t loop_count;
    struct lc_program_access *accesses;  /* grouped by function */
    uint32_t access_count;
    struct lc_program_object *objects;
    uint32_t object_count;
    uint32_t *held_locks;                /* object indexes */
    uint32_t held_lock_count;
    struct lc_program_guard *guards;     /* of the calls, grouped by call */
    uint32_t guard_count;
    struct lc_program_call_extra *call_extras;   /* lc_program_call.extra */
    uint32_t call_extra_count;
    uint32_t *object_of_symbol;          /* symbol id -> object, LC_NONE */
    int64_t symbol_max;

    /* Function-pointer flow (fpflow.c). */
    struct lc_flow_index *flow_index;    /* key -> node */
    struct lc_flow_node *flow_nodes;
    uint32_t flow_node_count;
    uint32_t pointer_target_cap;         /* a pointer with this many targets is cut */
    unsigned cpu_heavy_level;            /* cost level reported by cpu-heavy-loop;
                                            0: the default (cost.h) */
    uint32_t cut_pointer_count;

    /* Executables (program_load_programs.c): a CMake target that defines
     * `main`, or a TU of no target that does.  Per function, the set of
     * executables that may run it (bit i: program_names[i]; all bits: any).
     * In the program's arena; function_programs is NULL when there are
     * fewer than two executables. */
    const char **program_names;
    uint32_t program_count;
    uint64_t *function_programs;

    uint8_t *nonblocking_node;           /* per flow node: holds a descriptor
                                            known to be non-blocking */
    uint8_t *state_node[LC_STATE_COUNT]; /* per state, per flow node: holds
                                            a stream or descriptor in that
                                            state (streams.c) */

    struct lc_entry *entries;
    uint32_t entry_count;
    uint32_t *keyed_callbacks;   /* every function a `keyed-callback` call
                                    registers (keyed.c); registered too */
    uint32_t keyed_callback_count;
    uint8_t *registered;      /* per function: one of the entries (color.c) */

    /* Colors (color.c), one element per function. */
    uint8_t *on_loop;         /* runs on the loop thread */
    uint8_t *on_worker;       /* runs on a pool / other thread */
    uint8_t *blocking;        /* may block: modelled, annotated, or calls one */
    uint32_t *loop_parent;    /* call through which the shortest chain from an
                                 entry point reaches it; LC_NONE at entries */
    uint32_t *loop_entry;     /* that chain's entry (index into entries) */
    uint8_t *loop_chain_program;  /* the executable that chain runs in (bit
                                     of function_programs; 0 without them) */
    uint32_t *loop_state_parent;  /* per executable p, per function f, at
                                     p * function_count + f: the call through
                                     which the shortest chain in p reaches
                                     f; a chain is walked in one executable
                                     (chain.c) */
    uint8_t *entry_points;    /* distinct entry points reaching it, capped at
                                 LC_ENTRY_COUNT_CAP */
    uint32_t *blocking_via;   /* blocking: the call through which it blocks */
    uint8_t *terminates;      /* never returns: a `terminates` model, or an
                                 unconditional call to one (color.c) */
    uint8_t *error_exits;     /* every call of it ends the process when it
                                 returns non-zero (terminates.c) */

    /* Computed once by lc_color_program; the checks read them here.  NULL
     * before (or when coloring failed).  Freed by lc_program_free. */
    struct lc_callers *callers;
    struct lc_scc *scc;
    struct lc_threads *threads;
    struct lc_cost *cost;
    struct lc_cost *off_loop_cost;       /* the cost on other threads when
                                            some calls run on the loop's
                                            thread only, else NULL (cost.h) */

    /* Compact copies of what every pass over the call graph asks for each
     * function, so it reads small arrays rather than the functions and
     * calls themselves; NULL when not computed (the helpers below then
     * work from functions and calls). */
    uint8_t *followed;        /* lc_program_function_is_followed, per function
                                 (lc_program_load; lc_color_program clears it
                                 for the functions that never return) */
    uint32_t *target_start;   /* function -> first of its targets, function + 1
                                 -> end (lc_fpflow_resolve) */
};

/* Store `s` of the stores of values and then of objects taken as one list
 * (s < store_count + object_store_count): what brings values or objects
 * into a place. */
static inline const struct lc_program_store *lc_program_value_or_object_store(const struct lc_program *program,
                                                                               uint32_t s)
{
    return s < program->store_count ? &program->stores[s] : &program->object_stores[s - program->store_count];
}

/* The extra of a call: the shared all-defaults record (no guards, LC_NONE
 * references, no flags) when it has none. */
extern const struct lc_program_call_extra lc_program_call_no_extra;
static inline const struct lc_program_call_extra *lc_program_call_extra_of(const struct lc_program *program,
                                                                         const struct lc_program_call *call)
{
    return call->extra == LC_NONE ? &lc_program_call_no_extra : &program->call_extras[call->extra];
}

/* What a field holds in the objects a call is given (made_objects.c):
 * built by lc_program_load, freed by lc_program_free. */
int lc_made_objects_build(struct lc_program *program);
void lc_made_objects_free(struct lc_made_objects *made);

/* Does the test `guard` of a parameter (facts.h) fail for the argument
 * `arg` a call passes there: a constant, or, for a test of a field
 * (`if (c->conn)`), an object every constructor of which gave the field a
 * constant that fails it (made_objects.c)? */
int lc_param_guard_fails(const struct lc_program *program, const struct lc_param_guard *guard,
                         const struct lc_program_value *arg);

/* Does function `function` raise field `field_symbol` of its pointer
 * parameter param - 1 by a factor (program_load_raised.c)? */
int lc_program_raises_limit(const struct lc_program *program, uint32_t function, int param, int64_t field_symbol);

/* How function `function` counts field `field_symbol` up through a
 * pointer (program_load_raised.c): LC_COUNTED_IN_LOOP, in a loop's round,
 * and LC_COUNTED_OUTSIDE_LOOPS bits; 0 when it does not. */
enum { LC_COUNTED_IN_LOOP = 1, LC_COUNTED_OUTSIDE_LOOPS = 2 };
int lc_program_counts_field(const struct lc_program *program, uint32_t function, int64_t field_symbol);

/* Load every stored fact.  Returns 0, or -1 after one line on `err`. */
int lc_program_load(struct lc_program *program, struct lc_store *store,
                    const struct lc_models *models, FILE *err);
void lc_program_free(struct lc_program *program);

/* The flow node for a field (symbol_id of the field, its record and name),
 * a variable (symbol_id) or a parameter (symbol_id of the function and
 * param_index); created when new.  LC_NONE when out of memory. */
uint32_t lc_fpflow_node(struct lc_program *program, enum lc_value_kind kind,
                        int64_t symbol_id, int param_index,
                        const char *record, const char *name);
/* The flow node lc_fpflow_node would give, when it exists; LC_NONE when
 * it does not (nothing ever flowed into or out of it). */
uint32_t lc_fpflow_find_node(const struct lc_program *program, enum lc_value_kind kind, int64_t symbol_id,
                             int param_index);
void lc_fpflow_free(struct lc_program *program);

/* Resolve function pointers, fill calls' targets and the entry list.
 * Prints one note per cut pointer to `err`.  Returns 0 or -1 (no memory). */
int lc_fpflow_resolve(struct lc_program *program, FILE *err);

/* The functions a flow node may hold (none when it was cut). */
const uint32_t *lc_fpflow_functions(const struct lc_program *program,
                                    uint32_t node, uint32_t *count);

/* Was the flow node cut (it may hold any function)? */
int lc_fpflow_is_cut(const struct lc_program *program, uint32_t node);

/* The calls through a flow node. */
uint32_t lc_fpflow_calls(const struct lc_program *program, uint32_t node, const uint32_t **calls);

/* The nodes a flow node's values flow into. */
uint32_t lc_fpflow_successors(const struct lc_program *program, uint32_t node, const uint32_t **successors);

/* Mark the flow nodes that hold non-blocking descriptors (nonblocking.c):
 * results of `nonblocking-descriptor ... result` calls stored into a
 * variable or field, arguments of `nonblocking-descriptor ... argN` calls,
 * and parameters every caller passes such a descriptor to. */
int lc_nonblocking_resolve(struct lc_program *program);

/* Mark the flow nodes that hold streams or descriptors in each state
 * (streams.c): results of `readonly-stream` / `memory-file` calls and what
 * only they reach.  Returns 0 or -1 (no memory). */
int lc_streams_resolve(struct lc_program *program);

/* Mark the calls in the child of a fork (forks.c): those that run only
 * where a `fork NAME` call, or a function returning its result, returned
 * 0; and the calls that never return: a() of `(a(), b())` where b is a
 * `terminates` model.  Returns 0 or -1 (no memory). */
int lc_forks_resolve(struct lc_program *program);

/* Is the flow node parameter `*index` (0-based) of function `*function`? */
int lc_fpflow_param_of(const struct lc_program *program, uint32_t node, uint32_t *function, uint32_t *index);

/* What a flow node stands for (kind, struct name for a field, name, and
 * the id: the symbol of a field or variable, the function of a parameter
 * or a call). */
struct lc_flow_node_names {
    enum lc_value_kind kind;
    const char *record, *name;
    int64_t symbol_id;
};
struct lc_flow_node_names lc_fpflow_node_names(const struct lc_program *program,
                                               uint32_t node);

/* Fill program->entries from the models (registration APIs by argument,
 * registration by field store) and from annotations (registrations.c). */
int lc_registrations_collect(struct lc_program *program);

/* Compute the colors.  O(V + E).  Returns 0 or -1 (no memory). */
int lc_color_program(struct lc_program *program);

/* Does this call's site run into a function whose body is followed?
 * (Not modelled, not annotated blocking or nonblocking, defined, and not
 * one that never returns: what runs on the way out of the process does not
 * stall the loop.)
 * Inline: every pass over the call graph asks it for every edge. */
static inline int lc_program_function_is_followed(const struct lc_program *program, uint32_t function)
{
    if (program->followed)
        return program->followed[function];
    const struct lc_program_function *fn = &program->functions[function];
    return fn->is_defined && !lc_model_hides_body(fn->model) && !(fn->annotations & (LC_ANNOT_BLOCKING | LC_ANNOT_NONBLOCKING))
           && !(program->terminates && program->terminates[function]);
}

/* Which functions never return (terminates.c): a `terminates` model, or a
 * function with a body that calls one unconditionally.  Needs the reverse
 * call graph.  Returns 0 or -1 (no memory). */
int lc_terminates_compute(struct lc_program *program);
/* Is the call on the way out: in a branch that can only end with a direct
 * call of a function that never returns (`{ log(...); fatal(...); }`,
 * facts.h branch_exit; terminates.c)? */
int lc_program_call_on_way_out(const struct lc_program *program, const struct lc_program_call *call);

/* failure_paths.c: does the call run only where an earlier call failed —
 * in a branch whose test of that call's result (facts.h fail_test) holds
 * only for results its `fails` model names (`if (close(fd) == -1) {
 * log(...); }` with `fails close result=-1`)? */
int lc_program_call_on_failure_path(const struct lc_program *program, const struct lc_program_call *call);
/* Which functions every caller ends the process for when they return
 * non-zero (program->error_exits; terminates.c): each call of one is
 * direct, its result tested against 0 where it ran, the branch taken when
 * it is not ending in a call that never returns, and its address is never
 * taken.  Needs program->registered.  Returns 0 or -1 (no memory). */
int lc_terminates_error_exits(struct lc_program *program);
/* Why `function` never returns (program->terminates set): its `terminates`
 * model, its declaration (`noreturn`, `analyzer_noreturn`), or *call, a
 * call of one that surely runs. */
enum lc_terminates_reason { LC_TERMINATES_MODEL, LC_TERMINATES_DECLARED, LC_TERMINATES_CALL };
enum lc_terminates_reason lc_terminates_reason(const struct lc_program *program, uint32_t function, uint32_t *call);
/* Is the access in a branch that ends with a call of a function that never
 * returns, directly or on its way to one (`{ warned = 1; die(); }`)? */
int lc_program_access_on_way_out(const struct lc_program *program, const struct lc_program_access *access);

/* The targets of every call `function` makes: program->targets[*begin ..
 * *end).  Contiguous, since calls are grouped by caller and
 * lc_fpflow_resolve lays targets out in call order; a pass over the call
 * graph reads them without touching the calls. */
static inline void lc_program_function_targets(const struct lc_program *program, uint32_t function,
                                               uint32_t *begin, uint32_t *end)
{
    if (program->target_start) {
        *begin = program->target_start[function];
        *end = program->target_start[function + 1];
        return;
    }
    const struct lc_program_function *fn = &program->functions[function];
    if (fn->call_count == 0) {
        *begin = *end = 0;
        return;
    }
    const struct lc_program_call *last = &program->calls[fn->first_call + fn->call_count - 1];
    *begin = program->calls[fn->first_call].first_target;
    *end = last->first_target + last->target_count;
}

/* The call of `function` whose targets hold position `target` of
 * program->targets (a position lc_program_function_targets gave). */
static inline uint32_t lc_program_target_call(const struct lc_program *program, uint32_t function, uint32_t target)
{
    const struct lc_program_function *fn = &program->functions[function];
    uint32_t low = fn->first_call, high = fn->first_call + fn->call_count - 1;
    while (low < high) {   /* the last call whose targets start at or before it */
        uint32_t middle = low + (high - low + 1) / 2;
        if (program->calls[middle].first_target <= target)
            low = middle;
        else
            high = middle - 1;
    }
    return low;
}

/* Does the call of `function` at position `target` of program->targets
 * reach a registered function (program->registered) through a pointer?  A
 * function registered as a callback runs on the thread of its
 * registration; code that calls it through a pointer is its dispatcher (a
 * thread that runs an event loop, a pool's own worker), which runs it for
 * that registration: the dispatcher's thread does not spread into it. */
static inline int lc_program_dispatches(const struct lc_program *program, uint32_t function, uint32_t target)
{
    if (!program->registered || !program->registered[program->targets[target]])
        return 0;
    return program->calls[lc_program_target_call(program, function, target)].callee.kind != LC_VALUE_FUNCTION;
}

/* Does call `c` give its own arguments to its target `g`?  Not when g is
 * a keyed callback of a `keyed-dispatch` call (keyed.c): the dispatcher
 * passes it arguments of its own choosing, so no argument of `c` may be
 * read as one of g's parameters. */
static inline int lc_program_call_passes_arguments(const struct lc_program_call *c, uint32_t g)
{
    return !c->keyed || c->callee.function == g;
}

/* Is `loop` (LC_NONE: none) `outer` or a loop inside it? */
static inline int lc_program_loop_inside(const struct lc_program *program, uint32_t loop, uint32_t outer)
{
    while (loop != LC_NONE && loop != outer)
        loop = program->loops[loop].parent;
    return loop != LC_NONE;
}

/* The object (variable or lock) a value names, or LC_NONE. */
uint32_t lc_program_value_object(const struct lc_program *program, const struct lc_program_value *value);

/* The function named `name` with the most evidence (defined first), or
 * LC_NONE. */
uint32_t lc_program_find_function(const struct lc_program *program, const char *name);

/* The bits of the programs there are (program_names): below program_count,
 * every bit from 64 on. */
uint64_t lc_program_every_program(const struct lc_program *program);

#endif
