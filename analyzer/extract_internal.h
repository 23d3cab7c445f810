/* extract_internal.h — what the parts of the libclang AST walker share:
 * extract.c (parsing, errors, includes), extract_args.c (the command line),
 * extract_walk.c (the visitor, functions and calls), extract_flow.c (the
 * statements that shape control flow: blocks, branches, loops, labels),
 * extract_loops.c (loop facts and their bounds), extract_locks.c (the locks
 * held), extract_access.c (reads and writes of globals), extract_stores.c
 * (stores into fields and variables), extract_values.c (what an expression
 * refers to, locations, USRs), extract_init.c (initialiser lists),
 * extract_text.c and extract_macro_args.c (source text).
 * Not a public interface: everything else uses extract.h. */
#ifndef LOOPCHECK_EXTRACT_INTERNAL_H
#define LOOPCHECK_EXTRACT_INTERNAL_H

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

/* The state of one TU's walk.  The second group describes the function
 * definition being walked and is reset by lc_extract_function_begin. */
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
    unsigned returns_seen;          /* return and goto statements met so far
                                       in the function (extract_runs.c) */
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


/* extract_walk.c: record the functions, calls, loops, accesses and stores
 * of the TU, then free the walk's own arrays. */
void lc_extract_walk_tu(struct lc_extract_walk *walk);
/* The visitor itself (CXCursorVisitor, client data the walk). */
enum CXChildVisitResult lc_extract_visit(CXCursor cursor, CXCursor parent, CXClientData data);
/* Visit `child` of `parent` as clang_visitChildren with recursion would. */
void lc_extract_visit_child(struct lc_extract_walk *walk, CXCursor child, CXCursor parent);

/* extract_flow.c: a statement inside a function body other than a block;
 * returns what the visitor should do with its children (it visits them
 * itself when the statement opens a branch or a loop). */
enum CXChildVisitResult lc_extract_statement(struct lc_extract_walk *walk, CXCursor statement);
/* extract_for_parts.c: the parts of a for statement from its `count`
 * children (body last); returns the index of the init, or -1. */
int lc_extract_for_parts(const CXCursor *parts, unsigned count, struct lc_extract_loop_parts *loop);
/* extract_gotos.c: a label (a goto may come back to it), and a goto,
 * a loop when its label came before it. */
void lc_extract_label(struct lc_extract_walk *walk, CXCursor label);
void lc_extract_goto(struct lc_extract_walk *walk, CXCursor statement);
/* A block `{ ... }` in `parent`: a scope whose locks and guards end with
 * it (a function's own body and a statement expression's are not); kept
 * apart from lc_extract_statement so that the frame nested blocks stack is
 * small. */
enum CXChildVisitResult lc_extract_block(struct lc_extract_walk *walk, CXCursor block, CXCursor parent);

/* extract_branches.c */
/* Does the statement end in return, break, continue or goto (itself, or
 * the last statement of its block)? */
int lc_extract_always_exits(CXCursor statement);
/* The call an if branch can only end with: its last statement when that
 * is a call and nothing before leaves the branch (return, goto, break,
 * continue); else null. */
CXCursor lc_extract_branch_end(CXCursor statement);
/* The statement a branch ends with: itself, or the last statement of its
 * block (of the innermost block ending it); null for an empty block. */
CXCursor lc_extract_last_statement(CXCursor statement);

/* Is the parameter at `position` (1-based) one the walked function never
 * changes (assigns, increments, takes the address of)?  The walk keeps the
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
/* extract_param_guards.c: the test of a parameter against a constant that
 * holds in the then branch of `if (condition)` and the one that holds in
 * its else branch (param 0: none; facts.h). */
/* The guard where `inner` holds inside `outer`: the inner one, but a test
 * of a parameter itself is kept over one of a field (a constant argument
 * answers it; a field needs a known constructor). */
struct lc_param_guard lc_extract_param_guard_inner(struct lc_param_guard outer, struct lc_param_guard inner);
void lc_extract_param_guard_split(struct lc_extract_walk *walk, CXCursor condition, struct lc_param_guard *then_guard,
                                  struct lc_param_guard *else_guard);

/* extract_reach.c: the stretches after a call that no path from it
 * reaches (facts.h lc_call_fact.unreached). */
/* After an if branch (its calls from `first_call` on) was walked:
 * `sibling` is the else part of a then branch, else null. */
void lc_extract_reach_branch(struct lc_extract_walk *walk, CXCursor branch, size_t first_call, CXCursor sibling);
/* After a switch body (its calls from `first_call` on) was walked. */
void lc_extract_reach_switch(struct lc_extract_walk *walk, CXCursor body, size_t first_call);
/* At the end of a top-level declaration: a function with labels keeps
 * none; the next starts at the next call. */
void lc_extract_reach_function_end(struct lc_extract_walk *walk);

/* extract_guards.c: branches taken when a call's result is 0 (the child
 * of fork()). */
/* The call `condition` tests: *zero_branch is 1 when the then-branch runs
 * where its result is 0 (`(pid = fork()) == 0`, `!pid`), 2 when the else
 * branch does (`pid != 0`, `pid`); returns the call's index or -1. */
int lc_extract_zero_test(struct lc_extract_walk *walk, CXCursor condition, int *zero_branch);
/* The call whose result `expr` is (a call, `v = call`, or a variable last
 * assigned one), or -1. */
int lc_extract_result_of(struct lc_extract_walk *walk, CXCursor expr);
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

/* extract_loops.c */
struct lc_extract_loop_parts {
    CXCursor init, condition, increment, body;   /* null cursors when absent */
};
/* Record the loop `statement` with `parts`, inside walk->loop_index;
 * returns its index, -1 when it has no location.  For a GOTO the condition
 * is the one guarding it, null when it is unconditional. */
int lc_extract_loop(struct lc_extract_walk *walk, CXCursor statement, enum lc_loop_kind kind,
                    const struct lc_extract_loop_parts *parts);
/* extract_loop_counter.c: the part of a for's `increment` that changes
 * `variable` (`i++` of `i++, j--`), through comma expressions; and the
 * value a for's `init` starts it at (`i = A`, `int i = A`, among others in
 * a comma expression or a declaration).  Null cursors when none. */
CXCursor lc_extract_counter_change_of(CXCursor increment, CXCursor variable);
CXCursor lc_extract_counter_start(CXCursor init, CXCursor variable);
/* extract_loop_offset.c: a comparison of a for loop that counts its
 * counter up by one from X to X + N (`yy = py; yy < py + ny; yy++`): N
 * rounds whatever X is. */
struct lc_extract_offset {
    CXCursor count;      /* N */
    long long less;      /* K of `X + N - K` (a constant), else 0 */
    int inclusive;       /* `<=`, `>=`: one round more */
    int exact;           /* `!=`: the counter must meet the bound */
};
/* Is `condition` (the loop's, or a side of its `&&`) `i < X + N` (`<=`,
 * `!=`, either way round; `N + X`; `X + N - K` but with `!=`) for the
 * counter i of `parts`, which its init starts at X (the same expression:
 * constants and variables the function never takes the address of and
 * the loop never changes) and which the loop changes only by its
 * increment, `i++` or `i += 1`, i's type holding X + N (an integer at
 * least as wide, a pointer to an element of the same size), N's
 * variables unchanged in the loop too?  Then its parts into *offset. */
int lc_extract_loop_offset(const struct lc_extract_loop_parts *parts, CXCursor condition,
                           struct lc_extract_offset *offset);
/* extract_loop_cells.c: does the loop of `parts`, inside the loop of
 * `outer`, visit with it each cell of one two-dimensional object at most
 * once (`yy < s->sy` around `xx < s->sx`, or `yy < py + ny` around
 * `xx < px + nx`, reaching the object's cell at both counters)? */
int lc_extract_loop_walks_cells(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts,
                                const struct lc_extract_loop_parts *outer);

/* extract_loop_shape.c */
#define LC_EXTRACT_VARIABLES 8
/* Variables (locals, parameters, globals) an expression reads, the first
 * LC_EXTRACT_VARIABLES; `found` is free for the visit that uses them. */
struct lc_extract_variables {
    CXCursor declarations[LC_EXTRACT_VARIABLES];
    unsigned count;
    int found;
};
/* The variable `expr` names (after casts), its canonical declaration; null. */
CXCursor lc_extract_loop_variable(CXCursor expr);
/* extract_loop_shape.c: the value a for's init assigns to `variable`
 * (`variable = value`, also inside a comma list), or a null cursor. */
CXCursor lc_extract_init_assignment(CXCursor init, CXCursor variable);
/* extract_loop_once.c: the calls of the then branch `branch` of `if
 * (condition)` (made from fact `first_call` on) that the walk's loop makes
 * at most once per run (`if (ctx == NULL) { ctx = connect(...); if (ctx ==
 * NULL) goto fail; }`, ctx a local set nowhere else) move to the loop
 * around it. */
void lc_extract_loop_once_calls(struct lc_extract_walk *walk, CXCursor condition, CXCursor branch, size_t first_call);
/* extract_loop_exits.c: what the jump statement `jump` leaves, seen from
 * the walk's loop: nothing, that loop (a break of it, a goto to a label
 * after it) or the function (a return). */
enum lc_extract_leaving { LC_LEAVES_NOT, LC_LEAVES_LOOP, LC_LEAVES_FUNCTION };
enum lc_extract_leaving lc_extract_loop_leaving(const struct lc_extract_walk *walk, CXCursor jump);
/* The calls of branch `branch` (made from fact `first_call` on) when it
 * ends by leaving the walk's loop and holds no way back into it: they run
 * at most once per run of the loop and move to the loop around it (to the
 * top level after a return). */
void lc_extract_loop_exit_calls(struct lc_extract_walk *walk, CXCursor branch, size_t first_call);
/* extract_loop_cells.c: the counter of `parts`, stepped up by one (`xx++`,
 * `++xx`), and what it counts up to (`xx < bound`, `xx <= bound`, `xx !=
 * bound`, `bound > xx`); 0 when the loop is not so shaped. */
int lc_extract_loop_counting(const struct lc_extract_loop_parts *parts, CXCursor *counter, CXCursor *bound);
/* extract_stack_text.c: the character pointer parameter (0-based) a loop
 * counting up to its integer parameter `bound_param` reads at its counter
 * (`buf[i]` for `i < len`), or -1; which arguments of `call` are character
 * arrays declared in the caller's body (struct lc_call_fact.stack_text_args);
 * and, once the TU is walked, such loops of a static function every call
 * of which passes one become walks over a string's characters. */
int lc_extract_loop_text_param(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts,
                               int bound_param);
unsigned lc_extract_stack_text_arguments(CXCursor call);
void lc_extract_stack_text_loops(struct lc_tu_facts *facts);
/* extract_loop_shape.c: 1 + the index of parameter declaration
 * `parameter` in its function, or 0. */
int lc_extract_parameter_position(CXCursor parameter);
void lc_extract_variables_collect(CXCursor expr, struct lc_extract_variables *variables);
int lc_extract_variables_has(const struct lc_extract_variables *variables, CXCursor expr);
int lc_extract_variables_has_declaration(const struct lc_extract_variables *variables, CXCursor declaration);
/* The size of the smallest fixed-size array (of more than one element) the
 * condition reads at a non-constant index, or that a pointer the condition
 * reads starts at, or that the body reads at a variable of the condition;
 * LC_EXTRACT_TABLE_UNSEEN when the only such table is a read-only one of an
 * unseen length; 0 when none. */
#define LC_EXTRACT_TABLE_UNSEEN (-1)   /* a read-only table of a length this TU does not see */
long long lc_extract_loop_table_size(const struct lc_extract_loop_parts *parts);
/* What the condition reads: INPUT, STRING or LOCAL (enum lc_loop_source). */
enum lc_loop_source lc_extract_loop_source(const struct lc_extract_loop_parts *parts);

/* extract_loop_steps.c */
/* Does the condition test `errno == EINTR` (alone or `&&`-ed): a retry of
 * an interrupted call, no data loop? */
int lc_extract_loop_is_retry(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts);
/* Does the body take the midpoint of variables of the condition? */
int lc_extract_loop_is_bisection(const struct lc_extract_loop_parts *parts);
/* Does the condition, the increment or the body multiply, divide or shift
 * a variable of the condition, or one the body computes such a variable
 * from (`available = nsize - offset` with `nsize <<= 1`)? */
int lc_extract_loop_is_logarithmic(const struct lc_extract_loop_parts *parts);
/* Does the loop step a pointer through a tree's links? */
int lc_extract_loop_is_descent(const struct lc_extract_loop_parts *parts);
/* extract_loop_link.c: the link field the loop of `parts` steps one
 * pointer variable up every round (`oo = oo->parent`), into `loop`'s
 * walked_link_usr and walked_link_name; nothing when none. */
void lc_extract_loop_link(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts,
                          struct lc_loop_fact *loop);

/* extract_loop_amortized.c */
/* Does the loop fill an object from the mark it keeps (its counter starts
 * at a field) up to its bound, with the function storing the bound or the
 * counter into that field after it (`for (x = l->filled; x < n; x++) ...;
 * l->filled = n;`)? */
int lc_extract_loop_is_amortized(struct lc_extract_walk *walk, CXCursor statement,
                                 const struct lc_extract_loop_parts *parts);

/* extract_loop_walk.c */
/* Visit the loop's condition, increment and body, each with
 * lc_extract_visit_all. */
void lc_extract_visit_loop_parts(const struct lc_extract_loop_parts *parts, CXCursorVisitor visitor, void *data);
/* The offset of a location in its expansion file (a macro's use). */
unsigned lc_extract_offset(CXSourceLocation location);
/* Does the loop continue the walk of the loop around it (`outer`, its
 * statement `outer_statement`)? */
int lc_extract_loop_continues(const struct lc_extract_loop_parts *parts, const struct lc_extract_loop_parts *outer,
                              CXCursor outer_statement);
/* The index of the one integer parameter the condition (or a side of its
 * `&&`; or an offset loop's count, `ny` of `yy < py + ny`) reads besides
 * locals and constants (no field, global, call or dereference; a local
 * read through its value), or -1. */
int lc_extract_loop_parameter(const struct lc_extract_loop_parts *parts);
/* The same for any expression (`((len - 1) - done) / STRIPE`: len), or -1. */
int lc_extract_bounding_parameter(CXCursor expr);

/* extract_owner.c */
/* The index of the pointer parameter `variable` stands for: the parameter
 * itself when the function never changes it, a local the function only
 * ever sets to it (`it = (item *)ptr`); -1 otherwise. */
int lc_extract_parameter_of(struct lc_extract_walk *walk, CXCursor variable);
/* Qualifiers aside, are two types the same? */
int lc_extract_same_type(CXType a, CXType b);
/* The index of the pointer parameter that owns the place `expr` (`p->f`,
 * `p->f.g`, `*p`: one pointer step inside its object), its reference in
 * *root; -1 when none does. */
int lc_extract_owned_place(struct lc_extract_walk *walk, CXCursor expr, CXCursor *root);
/* 1 + the index of the parameter `expr` is reached from through fields,
 * the first of another type than the parameter (`node->value->data`,
 * `r->element[j]`), else 0. */
int lc_extract_child_of_parameter(struct lc_extract_walk *walk, CXCursor expr);
/* For a call of the function walked (a direct self-call), which of the
 * first LC_ELEMENT_ARGUMENTS arguments are a child of the parameter in the
 * same position (lc_extract_child_of_parameter, or the element of the
 * innermost loop around the call when that loop walks the parameter's own
 * data): bit i for argument i; 0 for any other call. */
unsigned lc_extract_child_arguments(struct lc_extract_walk *walk, CXCursor call);

/* extract_loop_owner.c */
/* The index of the pointer parameter whose own data the loop walks (its
 * condition reads places of it, or a local started from them), or -1. */
int lc_extract_loop_owner(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts);
/* Where a local of a loop's condition comes from: every value the function
 * gives it outside the loop is a constant, computed from the local itself,
 * or one `origin` names the same origin for (an index >= 0); inside the
 * loop, constants, values computed from itself or from a local the loop
 * computes from it (`next = chunk->next; ... chunk = next`); its address
 * never taken.  Returns that index, LC_EXTRACT_ORIGIN_NONE when every
 * value is a constant or its own, LC_EXTRACT_ORIGIN_FAILED otherwise (two
 * origins, a value `origin` fails on). */
#define LC_EXTRACT_ORIGIN_NONE (-1)
#define LC_EXTRACT_ORIGIN_FAILED (-2)
typedef int (*lc_extract_origin_of)(void *context, CXCursor value, CXType holder);
/* Iterator steps a walker may take (extract_walker_origin.c): inside the
 * loop, a call given only constants and `steppers` (the condition's
 * locals) or their addresses (`de = dictNext(di)`, `listNext(&li)`);
 * outside it, a call given the walker's address, whose origin `started`
 * gives (`listRewind(list, &li)`; null: none accepted). */
struct lc_extract_walker_steps {
    const struct lc_extract_variables *steppers;
    lc_extract_origin_of started;
};
/* extract_walker_origin.c; `steps` null: no iterator steps. */
int lc_extract_walker_origin(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts, CXCursor variable,
                             lc_extract_origin_of origin, void *context, const struct lc_extract_walker_steps *steps);
/* Combine an origin found into *param: the same one, or FAILED. */
void lc_extract_origin_combine(int *param, int found);

/* extract_loop_registry.c */
/* The global or static variable whose collection the loop walks: its
 * condition reads nothing but constants, that variable by name (`i <
 * protocol_count`, `while (pending)`) and locals that are counters or
 * walkers started from it (`for (tmp = protocols; tmp; tmp = tmp->next)`,
 * lc_extract_walker_origin); not through a field or an element of it
 * (`g->len`: a structure a library call may fill).  Null when none. */
CXCursor lc_extract_loop_registry(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts);

/* extract_loop_parts.c */
/* The index of the string parameter whose parts the loop walks (its
 * condition reads a local vector of strings set only from a call given
 * that parameter and constants: `list = g_strsplit(section, "/", -1)`),
 * or -1. */
int lc_extract_loop_string_parts(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts);

/* extract_loop_children.c */
/* Does the loop walk the children of the element `outer` is at (its
 * condition reads the element's own field: `op->argc`; or its walker
 * starts at one: `TAILQ_FIRST(&wl->panes)`)? */
int lc_extract_loop_walks_children(const struct lc_extract_loop_parts *parts, const struct lc_extract_loop_parts *outer);
/* The element the loop `outer` is at: the variables its condition reads
 * and it changes, the pointers it moves on by itself every round, and the
 * locals its body sets from them, into `element`; its walker type in
 * *walker.  Returns 0 when it walks none. */
int lc_extract_loop_element(const struct lc_extract_loop_parts *outer, struct lc_extract_variables *element,
                            CXType *walker);
/* Is `expr` one of the element's own fields (`op->argc`, `ops[j].count`,
 * `&wl->panes`; with `through_value`, also the element itself)? */
int lc_extract_element_field(const struct lc_extract_variables *element, CXCursor expr, int through_value);
/* Add to `changed` the variables assigned, incremented or decremented
 * under `cursor` (null: none), or whose address a call there is given. */
void lc_extract_changed_variables(CXCursor cursor, struct lc_extract_variables *changed);
/* The operand a compound assignment, `++` or `--` changes, else null. */
CXCursor lc_extract_updated_operand(CXCursor cursor);
/* The same, also of a plain assignment `=`. */
CXCursor lc_extract_assigned_operand(CXCursor cursor);
/* The same, also of `&` (whose operand may be changed through the
 * address). */
CXCursor lc_extract_changed_operand(CXCursor cursor);
/* A plain assignment `=`: 1, its target and value in sides[0], sides[1]. */
int lc_extract_assignment_sides(CXCursor cursor, CXCursor sides[2]);
/* Add a declaration to a set (once; the first LC_EXTRACT_VARIABLES). */
void lc_extract_variables_add(struct lc_extract_variables *set, CXCursor declaration);
/* Visit `cursor` itself, then its children when the visitor says
 * Recurse (null: nothing). */
void lc_extract_visit_all(CXCursor cursor, CXCursorVisitor visitor, void *data);

/* extract_loop_count.c: add to `element` the locals the body of `outer`
 * takes at a count it drains (its condition a field it counts down or up:
 * `op = oa->ops + oa->numops` in `while (oa->numops) { oa->numops--; ...`),
 * takes from the count's owner and gives to a call that may drain it
 * (`ln = listFirst(l); ...; listDelNode(l, ln)`), or, the count counted
 * down, has a call given only the owner take out (`redisGetReply(c->context,
 * &reply)`). */
void lc_extract_loop_counted_element(const struct lc_extract_loop_parts *outer, struct lc_extract_variables *element);

/* extract_element_args.c */
/* Which of the first LC_ELEMENT_ARGUMENTS arguments of `call`, made in the
 * loop `loop`, are a field of the element the loop is at (`it->nkey`,
 * `m->argc`) or, a pointer, the element itself (`item_remove(it)`), or a
 * block size the loop's bound is divided by (`n < len / block`): bit i for
 * argument i (0-based). */
unsigned lc_extract_element_arguments(const struct lc_extract_loop_parts *loop, CXCursor call);

/* extract_loop_shape.c */
/* Which of the first LC_ELEMENT_ARGUMENTS arguments of `call` divide or
 * shift right a variable by a constant (`digits(v / 10)`): bit i for
 * argument i. */
unsigned lc_extract_scaled_arguments(CXCursor call);
/* 1 + the index of the pointer parameter `expr` is a field of (`p->len`,
 * `&p->list`, one `->` from the parameter or a local standing for it:
 * lc_extract_parameter_of), or that it is through such a local, or of the
 * integer parameter bounding it (`(len - 1) / block`:
 * lc_extract_bounding_parameter), or the result of a call given only such
 * values and constants (`sdslen(p->name)`), else 0. */
int lc_extract_field_of_parameter(struct lc_extract_walk *walk, CXCursor expr);

/* Is `call` the loop's step (`x = next(x)`, `while (iter_next(&it))` in its
 * condition or increment)?  Its work is the walk itself, done once over all
 * the rounds: the call counts as outside the loop. */
int lc_extract_loop_is_step(const struct lc_extract_loop_parts *parts, CXCursor call);

/* extract_locks.c */
/* The vocabulary entry for a call to `callee`, or NULL. */
const struct lc_lock_function *lc_extract_lock_function(struct lc_extract_walk *walk,
                                                        const struct lc_value *callee);
/* Apply `function`'s action to walk->locks for `call` (fact `index`); a
 * TRY is remembered for lc_extract_trylock_of. */
void lc_extract_lock_apply(struct lc_extract_walk *walk, const struct lc_lock_function *function,
                           CXCursor call, size_t index);
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

/* extract_values.c */
struct lc_extract_file *lc_extract_file_entry(struct lc_extract_walk *walk, CXFile file);
/* Free the file cache (before the TU is disposed). */
void lc_extract_files_free(struct lc_extract_walk *walk);
/* Append a zeroed element of `size` bytes to *items (count, cap); NULL
 * (and walk->out_of_memory set) when memory runs out. */
void *lc_extract_append(struct lc_extract_walk *walk, void *items, size_t *count, size_t *cap,
                        size_t size);
/* An integer or enum type. */
int lc_extract_is_integer(CXType type);
/* A variable of the function's own (no global, no static storage, no
 * parameter). */
int lc_extract_is_local(CXCursor declaration);
/* A plain, signed or unsigned char, qualifiers aside (not a wide one). */
int lc_extract_is_char(CXType type);
/* A pointer to (const) char: a string. */
int lc_extract_is_string(CXType type);
/* Where `location` is in a file: its expansion location, except that a
 * token of a macro argument is placed where the argument is written in the
 * macro use.  0 on success, -1 when it has no file (a builtin) or memory
 * ran out. */
int lc_extract_location(struct lc_extract_walk *walk, CXSourceLocation location,
                        struct lc_location *out);
/* The USR of `declaration` in the facts' arena.  Where clang qualifies it
 * with a file's basename (static functions and variables, locals), the
 * absolute path stands instead, so util.c of two directories differ. */
const char *lc_extract_usr(struct lc_extract_walk *walk, CXCursor declaration);
/* A copy of `string` in the facts' arena; disposes `string`. */
const char *lc_extract_string(struct lc_extract_walk *walk, CXString string);
/* Children of `cursor`: up to `max` of them into `items`; returns how many
 * there are in all.  lc_extract_children_all mallocs the array. */
unsigned lc_extract_children(CXCursor cursor, CXCursor *items, unsigned max);
CXCursor *lc_extract_children_all(struct lc_extract_walk *walk, CXCursor cursor,
                                  unsigned *count);
/* Whether two expression cursors are the same node (cursors made by
 * different visits of one node may differ in their parent declaration). */
int lc_extract_same_expression(CXCursor a, CXCursor b);
/* Are two places the same: one variable and the same fields of it
 * (`gl->cellsize` twice, after casts and parentheses)? */
int lc_extract_same_place(CXCursor a, CXCursor b);
/* What every argument of `call` but its constants (integers, NULL, string
 * literals) stands for by `of` (a parameter, an element: an id >= 0), when
 * they all stand for the same one and there is one; else -1.  How the
 * loop facts tell a call measuring one thing (`sdslen(p->name)`). */
int lc_extract_call_arguments_of(CXCursor call, int (*of)(void *context, CXCursor argument), void *context);
/* The variable `cursor` sets (a declaration with an initializer, `v = x`),
 * canonical, and the value in *value; a null cursor when it sets none. */
CXCursor lc_extract_variable_set(CXCursor cursor, CXCursor *value);
int lc_extract_is_function_pointer(CXType type);
/* `expr` without parentheses, casts, implicit conversions, `*fp` and `&f`. */
CXCursor lc_extract_strip(CXCursor expr);

/* extract_param_reads.c */
#define LC_PARAM_READS_MAX 16   /* paths; more read the whole object */
/* The fields the callee of `call`, defined in the TU, reads through its
 * pointer parameter `index`, which it does not write through: how many
 * paths it put in `paths` (at most `cap`; ".fd", ".n.notify_fd"), 0 when
 * it reads none, -1 when it may read the whole object. */
int lc_extract_call_read_fields(struct lc_extract_walk *walk, CXCursor call, unsigned index, const char **paths,
                                int cap);

/* extract_param_writes.c */
/* May the callee of `call` write through its parameter `index` (0-based)?
 * 1 unless the callee is defined in this TU and provably does not. */
int lc_extract_call_writes_argument(CXCursor call, unsigned index);
/* The function a direct call calls when it is declared but not defined in
 * the TU (what it does with a pointer is known only at link time); a null
 * cursor otherwise. */
CXCursor lc_extract_call_external_callee(CXCursor call);
/* The parameters a function definition may write through or keep, as
 * struct lc_function_fact.param_writes. */
uint32_t lc_extract_param_writes_mask(CXCursor function);
/* What `expr` refers to after parentheses, casts, `*f` and `&f`. */
void lc_extract_value(struct lc_extract_walk *walk, CXCursor expr, struct lc_value *value);
/* The FIELD value of a FieldDecl. */
void lc_extract_field_value(struct lc_extract_walk *walk, CXCursor field,
                            struct lc_value *value);
/* As lc_extract_value, plus NULL for null pointer constants and INT for
 * integer constant expressions. */
void lc_extract_argument(struct lc_extract_walk *walk, CXCursor arg, struct lc_value *value);
/* Whether `expr` is an integer constant expression; its value if so
 * (an unsigned value above LLONG_MAX wraps). */
int lc_extract_integer_constant(CXCursor expr, long long *value);
/* May the expression (a call, a store) not run every time its function
 * does?  Inside an if/switch/loop, or inside a ?:, && or || seen before it
 * (pre-order: an enclosing expression is always seen first).  Erring
 * towards "yes" is safe: only unconditional calls make a function never
 * return. */
int lc_extract_is_conditional(const struct lc_extract_walk *walk, CXCursor expr);
/* Is `expr` inside a `?:`, `&&` or `||` of the function (or where its
 * extent is not known)? */
int lc_extract_in_conditional_expression(const struct lc_extract_walk *walk, CXCursor expr);

/* extract_runs.c: how surely a call runs (facts.h enum lc_call_runs). */
void lc_extract_runs_begin(struct lc_extract_walk *walk);
/* A statement that jumps (return, goto, break, continue): count it. */
void lc_extract_runs_jump(struct lc_extract_walk *walk, enum CXCursorKind kind);
/* Entering the body of a do loop (`do_once`: `while (0)`), after the
 * loop's index and open conditional are set; returns what to give back
 * to lc_extract_runs_leave_do. */
struct lc_extract_sure_do lc_extract_runs_enter_do(struct lc_extract_walk *walk, int outer_loop_index,
                                                   unsigned outer_open, int do_once);
void lc_extract_runs_leave_do(struct lc_extract_walk *walk, struct lc_extract_sure_do saved);
int lc_extract_call_runs(const struct lc_extract_walk *walk, CXCursor call, int conditional);
/* NULL, 0 or (void *)0 where a pointer is expected (extract_values.c). */
int lc_extract_is_null_pointer_constant(CXCursor expr);

/* extract_text.c: the source spelling of `expr`: its tokens joined by
 * single spaces (at the macro use when it comes from a macro), at most
 * LC_EXTRACT_TEXT_MAX chars. */
#define LC_EXTRACT_TEXT_MAX 200
const char *lc_extract_text(struct lc_extract_walk *walk, CXCursor expr);
/* The same for the bytes [begin, end) of `file`. */
const char *lc_extract_text_of_span(struct lc_extract_walk *walk, CXFile file,
                                    unsigned begin, unsigned end);
/* The tokens of `entry`'s file (made once); 0 on success. */
int lc_extract_tokenize_file(struct lc_extract_walk *walk, struct lc_extract_file *entry);
/* The index of the first token of `entry` beginning at or after `offset`. */
unsigned lc_extract_token_at(const struct lc_extract_file *entry, unsigned offset);
/* The file's contents (loaded once), NULL when libclang has none. */
const char *lc_extract_file_contents(struct lc_extract_walk *walk,
                                     struct lc_extract_file *entry, size_t *size);

/* extract_macro_args.c: the texts of `call`'s `nargs` arguments.  A call
 * written in a macro body reads each argument as written in that body, or
 * as written at the macro use when it is a parameter of the macro. */
void lc_extract_argument_texts(struct lc_extract_walk *walk, CXCursor call, size_t nargs,
                               const char **texts);

#endif
