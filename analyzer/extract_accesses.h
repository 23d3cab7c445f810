/* extract_accesses.h — what the walker records at an expression besides
 * calls and loops: the parameters and declarations the function changes
 * (extract_param_guards.c, extract_made_fields.c), writes of links
 * (extract_link_writes.c), the guards a branch runs under
 * (extract_param_guards.c, extract_guards.c, extract_value_guards.c),
 * flags and strings held in locals (extract_flags.c), locks, gates and
 * paused threads (extract_locks.c, extract_gates.c), accesses of globals
 * (extract_access.c, extract_field_path.c, extract_access_arguments.c,
 * extract_atomics.c) and stores (extract_stores.c, extract_record_writes.c,
 * extract_init.c).  Internal to the extractor: included through
 * extract_internal.h. */
#ifndef LOOPCHECK_EXTRACT_ACCESSES_H
#define LOOPCHECK_EXTRACT_ACCESSES_H

#include "extract_walk_state.h"

/* Is the parameter at `position` (1-based) one the walked function never
 * changes (assigns, increments, takes the address of; setting it to NULL
 * after its last read aside: extract_param_changes.c)?  The walk keeps the
 * answer for the whole function. */
int lc_extract_param_unchanged(struct lc_extract_walk *walk, int position);
/* struct lc_call_fact.changed_param_args of `call`, whose arguments are
 * extracted: which pass on a parameter the walked function changes. */
unsigned lc_extract_changed_param_arguments(struct lc_extract_walk *walk, const struct lc_call_fact *call);
/* How many times the walked function changes `declaration` (a variable, or
 * a field of any object): assigned, compound-assigned, incremented,
 * decremented or with its address taken (extract_made_fields.c; one visit
 * of the function counts them all, kept for the function). */
unsigned lc_extract_changes_of(struct lc_extract_walk *walk, CXCursor declaration);
/* `c->field = param;` in a constructor (extract_made_fields.c): an
 * LC_STORE_MADE store. */
void lc_extract_made_field(struct lc_extract_walk *walk, CXCursor assignment, const CXCursor sides[2]);
/* extract_link_writes.c: the field a MemberRefExpr names when it is a link
 * (a field of struct S of type `struct S *`), else null; and the fact of
 * an assignment `X->F = V` to a link (facts.h lc_link_write_fact). */
CXCursor lc_extract_link_field(CXCursor member);
/* extract_made_fields.c: the local every `return` of the walked function
 * gives (or NULL), else null. */
CXCursor lc_extract_returned_local(struct lc_extract_walk *walk);
void lc_extract_link_write(struct lc_extract_walk *walk, const CXCursor sides[2]);
/* extract_link_writes.c: an initialiser list giving member `field` the
 * item `value`; a struct of `type` copied whole (assigned, or a variable
 * initialised from another): the links so written, with an OTHER object
 * and value. */
void lc_extract_link_initializer(struct lc_extract_walk *walk, CXCursor field, CXCursor value);
void lc_extract_link_copy(struct lc_extract_walk *walk, CXType type);
/* extract_link_writes.c: `&X->F` of a link F (`pp = &(*pp)->next`): it
 * may be written through the address, a write with an OTHER object and
 * value. */
void lc_extract_link_address(struct lc_extract_walk *walk, CXCursor cursor);
/* extract_helper_locks.c: note the locks held at a reference to a pointer
 * parameter or local pointer; ask for the guard of parameter `position`
 * of `definition` for the access `access` (a read when `reads`); add
 * every guard asked for, and compute the exported definitions' helper
 * locks (facts.h lc_helper_lock), once the TU is walked. */
void lc_extract_helper_locks_note_use(struct lc_extract_walk *walk, CXCursor reference);
void lc_extract_helper_locks_request(struct lc_extract_walk *walk, size_t access, CXCursor definition,
                                    unsigned position, int reads);
void lc_extract_helper_locks_apply(struct lc_extract_walk *walk);
/* The definition `definition`, function fact `function`, can be called by
 * other TUs: its helper locks are computed with the rest. */
void lc_extract_helper_locks_export(struct lc_extract_walk *walk, size_t function, CXCursor definition);
/* extract_param_guards.c: the test of a parameter against a constant that
 * holds in the then branch of `if (condition)` and the one that holds in
 * its else branch (param 0: none; facts.h). */
/* The guard where `inner` holds inside `outer`: the inner one, but a test
 * of a parameter itself is kept over one of a field (a constant argument
 * answers it; a field needs a known constructor). */
struct lc_param_guard lc_extract_param_guard_inner(struct lc_param_guard outer, struct lc_param_guard inner);
void lc_extract_param_guard_split(struct lc_extract_walk *walk, CXCursor condition, struct lc_param_guard *then_guard,
                                  struct lc_param_guard *else_guard);

/* extract_guards.c: branches taken when a call's result is 0 (the child
 * of fork()). */
/* The call `condition` tests: *zero_branch is 1 when the then-branch runs
 * where its result is 0 (`(pid = fork()) == 0`, `!pid`), 2 when the else
 * branch does (`pid != 0`, `pid`); returns the call's index or -1. */
int lc_extract_zero_test(struct lc_extract_walk *walk, CXCursor condition, int *zero_branch);
/* The call whose result `expr` is (a call, `v = call`, or a variable last
 * assigned one), or -1. */
int lc_extract_result_of(struct lc_extract_walk *walk, CXCursor expr);

/* extract_fail_guards.c: the call whose result an if's condition tests
 * (-1 none) and what holds of it in each branch (enum lc_result_test),
 * and which branch the condition says is unlikely taken
 * (`__builtin_expect`); entering a branch sets the walk's fail_guard and
 * fail_test when the branch knows something, and its unlikely flag,
 * leaving restores them. */
struct lc_extract_fail_guard {
    int call, then, otherwise;
    int unlikely_then, unlikely_else;
};
struct lc_extract_fail_saved {
    int guard, test, unlikely;
};
void lc_extract_fail_guard_of(struct lc_extract_walk *walk, CXCursor condition, struct lc_extract_fail_guard *guard);
struct lc_extract_fail_saved lc_extract_fail_enter(struct lc_extract_walk *walk,
                                                   const struct lc_extract_fail_guard *guard, int then_branch);
void lc_extract_fail_leave(struct lc_extract_walk *walk, struct lc_extract_fail_saved saved);
/* `c ? a : b`, `c && b`, `c || b` whose test `c` says an arm is unlikely
 * evaluated (`__builtin_expect`): walks the expression's parts, that arm
 * with the walk's unlikely flag set, and returns CXChildVisit_Continue;
 * else CXChildVisit_Recurse, having walked nothing. */
enum CXChildVisitResult lc_extract_unlikely_arms(struct lc_extract_walk *walk, CXCursor expr);
/* Is call `call_index` (of the function walked) a `loop-thread-test`? */
int lc_extract_is_loop_thread_test(const struct lc_extract_walk *walk, int call_index);
/* A `case` or `default` label of the innermost switch. */
void lc_extract_case_label(struct lc_extract_walk *walk, CXCursor label);
/* Call `call_index`'s result was stored into `target`. */
void lc_extract_remember_result(struct lc_extract_walk *walk, const struct lc_value *target, int call_index);

/* extract_value_guards.c: tests of a global against a constant. */
#define LC_EXTRACT_GUARD_SPLIT_MAX 4
struct lc_extract_guard_list {
    struct lc_value_guard items[LC_EXTRACT_GUARD_SPLIT_MAX];
    size_t count;
};
/* What a condition says where it holds (then) and where it does not
 * (else). */
struct lc_extract_guard_split {
    struct lc_extract_guard_list then_guards, else_guards;
};
void lc_extract_value_guard_split(struct lc_extract_walk *walk, CXCursor condition,
                                  struct lc_extract_guard_split *split);
/* walk->value_guards plus `list` (a new array). */
void lc_extract_value_guards_push(struct lc_extract_walk *walk, const struct lc_extract_guard_list *list);

/* extract_flags.c: integer flags and path strings passed through a local
 * variable. */
/* `v = E`, `v |= E` on a local integer or string variable. */
void lc_extract_flag_assignment(struct lc_extract_walk *walk, CXCursor assignment);
/* `int v = E;`, `const char *p = "...";` */
void lc_extract_flag_variable(struct lc_extract_walk *walk, CXCursor variable);
/* `asprintf(&p, "literal", ...)`: what a call gives a string variable whose
 * address it takes. */
void lc_extract_flag_call(struct lc_extract_walk *walk, CXCursor call);
/* The text of a call's argument: `text`, or "text = what it holds" when it
 * is a local integer or string variable assigned before. */
const char *lc_extract_flag_text(struct lc_extract_walk *walk, CXCursor argument, const char *text);

/* extract_locks.c */
/* The vocabulary entry for a call to `callee`, or NULL. */
const struct lc_lock_function *lc_extract_lock_function(struct lc_extract_walk *walk,
                                                        const struct lc_value *callee);
/* Apply `function`'s action to walk->locks for `call` (fact `index`); a
 * TRY is remembered for lc_extract_trylock_of. */
void lc_extract_lock_apply(struct lc_extract_walk *walk, const struct lc_lock_function *function,
                           CXCursor call, size_t index);
/* `X = 0` or `*E = 0` into a lock held (a spin lock's word): the lock is
 * released, and the store is no access. */
void lc_extract_lock_store(struct lc_extract_walk *walk, CXCursor assignment);
/* The lock the trylock call of fact `call_index` tries, when it is the last
 * trylock walked; NULL otherwise. */
const char *lc_extract_trylock_of(const struct lc_extract_walk *walk, int call_index);
/* extract_gates.c: the hand-off windows of gated threads.  A call (by
 * index) may open or mark the end of a window; the end of a loop
 * statement, a `return` or `goto` and the function's end close or spoil
 * one.  The
 * lockset to record at a call or access: the walk's with the open
 * windows' identities. */
void lc_extract_gates_call(struct lc_extract_walk *walk, size_t index);
void lc_extract_gates_loop_end(struct lc_extract_walk *walk, int loop_index);
void lc_extract_gates_jump(struct lc_extract_walk *walk);
void lc_extract_gates_function_end(struct lc_extract_walk *walk);
struct lc_lockset lc_extract_gates_locks(struct lc_extract_walk *walk);

/* What a call does to the other threads (`pause-threads`,
 * `resume-threads` models whose conditions hold there): LC_EXTRACT_PAUSES,
 * LC_EXTRACT_RESUMES or 0. */
#define LC_EXTRACT_PAUSES 1
#define LC_EXTRACT_RESUMES 2
int lc_extract_pause_action(const struct lc_extract_walk *walk, const struct lc_call_fact *fact);
/* Apply it to walk->locks: LC_LOCK_THREADS_PAUSED is added or removed. */
void lc_extract_pause_apply(struct lc_extract_walk *walk, int action);
/* Add `identity` to walk->locks (when not held yet). */
void lc_extract_lock_add(struct lc_extract_walk *walk, const char *identity);
/* A lock argument that is a local pointer initialised with an address: its
 * value becomes that object's (else `value` is left as it is). */
void lc_extract_lock_argument(struct lc_extract_walk *walk, CXCursor arg, struct lc_value *value);

/* extract_access.c */
/* A full expression starts: forget the accesses and claims of the last. */
void lc_extract_access_begin_expression(struct lc_extract_walk *walk);
/* A DeclRefExpr: record the access when it names a global. */
void lc_extract_access_reference(struct lc_extract_walk *walk, CXCursor reference);
/* Is `type` (or an array of it) a lock type of the vocabulary's sync
 * types (pthread_mutex_t, uv_mutex_t...)? */
int lc_extract_is_sync_type(const struct lc_extract_walk *walk, CXType type);
/* Is `type` (behind arrays) an _Atomic type? */
int lc_extract_is_atomic_type(CXType type);
/* `=`, `op=`, `++`, `--`: claim the written global as a WRITE. */
void lc_extract_access_operator(struct lc_extract_walk *walk, CXCursor operator);
/* extract_field_path.c: a MemberRefExpr; notes the field path of `g.f`,
 * `g->f`. */
void lc_extract_access_member(struct lc_extract_walk *walk, CXCursor member);
/* extract_field_path.c: an element of a global (`g[i]`, `g.slots[i]`,
 * `g->items[i]`): an INDEXED claim on the variable's DeclRefExpr. */
void lc_extract_access_subscript(struct lc_extract_walk *walk, CXCursor subscript);
/* extract_access_arguments.c: the arguments of `call`: `&g` and arrays
 * passed to pointers to non-const are WRITEs, or READs of the fields the
 * callee reads; argument `lock_position` (1-based, 0 for none) is
 * skipped. */
void lc_extract_access_arguments(struct lc_extract_walk *walk, CXCursor call,
                                 int lock_position);
/* Claim the variable `lvalue` names for the access its DeclRefExpr will
 * make (a WRITE, a field PATH, SKIP...); NULL when it names none. */
struct lc_extract_claim *lc_extract_claim(struct lc_extract_walk *walk, CXCursor lvalue,
                                          enum lc_extract_claim_action action, int atomic);
/* extract_atomics.c: whether `expr` is an atomic operation: a call of an __atomic_*,
 * __sync_*, atomic_* or __c11_atomic_* function (`callee_name` for a
 * CallExpr, else NULL) or such an AtomicExpr, whose `&g` operands it then
 * claims as WRITEs unless it is a load. */
/* The name of an atomic operation `expr` is (a call of __sync_*,
 * __atomic_*, atomic_*, or a builtin libclang leaves unexposed), in
 * [*name, *name + length); 0 when it is none. */
size_t lc_extract_atomic_name(struct lc_extract_walk *walk, CXCursor expr, const char **name);
int lc_extract_atomic_operation(struct lc_extract_walk *walk, CXCursor expr,
                                const char *callee_name);

/* extract_stores.c */
/* What a store records besides a direct call's result (always recorded). */
enum lc_extract_stored {
    LC_STORED_CALLS,              /* nothing else */
    LC_STORED_FUNCTION_POINTERS,  /* a function, field, variable or parameter */
    LC_STORED_INTEGERS,           /* into an int: a field, variable or
                                     parameter, or OTHER; not a constant */
    LC_STORED_OBJECTS,            /* into a pointer to a struct: calls, and
                                     the rest but constants as
                                     LC_STORE_OBJECT stores */
};
/* extract_record_writes.c: note the struct types `cursor` (of `kind`)
 * writes through a pointer (an assignment, compound assignment, `++` or
 * `--` in a function) or turns a pointer to into another pointer type (an
 * implicit or explicit cast). */
void lc_extract_record_writes(struct lc_extract_walk *walk, CXCursor cursor, enum CXCursorKind kind);
/* The USR of the struct type `type` is (an array of) when declared outside
 * system headers, else NULL. */
const char *lc_extract_record_usr(struct lc_extract_walk *walk, CXType type);
/* A pointer to a struct or union (LC_STORED_OBJECTS)? */
int lc_extract_is_object_pointer(CXType type);
/* Append a store fact. */
void lc_extract_add_store(struct lc_extract_walk *walk, enum lc_store_role role, const struct lc_value *target,
                          const struct lc_value *value, const struct lc_location *loc, CXCursor where);
/* Record what storing `value_expr` into `target` (FIELD, VAR, or CALL for
 * a function's return value) stores, through `?:` each branch. */
void lc_extract_store(struct lc_extract_walk *walk, const struct lc_value *target,
                      CXCursor value_expr, enum lc_extract_stored stored);
void lc_extract_assignment(struct lc_extract_walk *walk, CXCursor assignment);
/* `(a(), b())`: remember both calls (extract_guards.c). */
void lc_extract_comma(struct lc_extract_walk *walk, CXCursor comma);
/* The fact `index` of `call` was made: link the two calls of a comma. */
void lc_extract_comma_call(struct lc_extract_walk *walk, CXCursor call, size_t index);
/* `return v;`: a store into the function's value (extract_stores.c). */
void lc_extract_return(struct lc_extract_walk *walk, CXCursor statement);
void lc_extract_variable(struct lc_extract_walk *walk, CXCursor variable);
void lc_extract_compound_literal(struct lc_extract_walk *walk, CXCursor literal);
/* The call fact `call_index` of `call` was made: record the stores of its
 * result that wait for it. */
void lc_extract_call_result(struct lc_extract_walk *walk, CXCursor call, size_t call_index);
/* The value of a callee or argument; a `?:` whose branches are functions,
 * fields, variables or parameters becomes a VAR of its own, with a store of
 * each branch into it. */
void lc_extract_operand(struct lc_extract_walk *walk, CXCursor expr, int is_argument,
                        struct lc_value *value);

/* extract_init.c: the stores an initialiser makes into an object of `type`
 * that is `target` (a VAR, a FIELD, or OTHER for a compound literal). */
void lc_extract_initializer(struct lc_extract_walk *walk, const struct lc_value *target,
                            CXType type, CXCursor init);

#endif
