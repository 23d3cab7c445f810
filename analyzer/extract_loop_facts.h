/* extract_loop_facts.h — the loop facts and the tests of a loop's shape
 * behind them: its parts, counter and bound (extract_loops.c,
 * extract_loop_counter.c, extract_loop_offset.c, extract_loop_cells.c,
 * extract_loop_shape.c), how it steps (extract_loop_steps.c,
 * extract_loop_link.c, extract_loop_amortized.c, extract_loop_walk.c,
 * extract_loop_bucket.c, extract_loop_link_pointer.c,
 * extract_loop_step_call.c, extract_loop_transfer.c,
 * extract_loop_consumes.c), the
 * calls it makes at most once (extract_loop_once.c, extract_loop_exits.c)
 * and what it walks, whose it is (extract_owner.c, extract_loop_owner.c,
 * extract_walker_origin.c, extract_loop_registry.c, extract_loop_parts.c,
 * extract_loop_children.c, extract_changes.c, extract_loop_count.c,
 * extract_element_args.c,
 * extract_stack_text.c).  Internal to the extractor: included through
 * extract_internal.h. */
#ifndef LOOPCHECK_EXTRACT_LOOP_FACTS_H
#define LOOPCHECK_EXTRACT_LOOP_FACTS_H

#include "extract_walk_state.h"

/* extract_loops.c */
struct lc_extract_loop_parts {
    CXCursor init, condition, increment, body;   /* null cursors when absent */
};
/* Record the loop `statement` with `parts`, inside walk->loop_index;
 * returns its index, -1 when it has no location.  For a GOTO the condition
 * is the one guarding it, null when it is unconditional. */
int lc_extract_loop(struct lc_extract_walk *walk, CXCursor statement, enum lc_loop_kind kind,
                    const struct lc_extract_loop_parts *parts);
/* extract_flow.c: is the loop a `do ... while (0)`?  It runs once, and is
 * how macros wrap statements. */
int lc_extract_loop_is_do_once(enum lc_loop_kind kind, const struct lc_extract_loop_parts *loop);
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
int lc_extract_loop_offset(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts, CXCursor condition,
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
/* extract_full_guard.c: the calls of the then branch `branch` of `if
 * (condition)` (made from fact `first_call` on) given an object the
 * condition finds full (`t->count >= t->limit`) note that (full_guard). */
void lc_extract_full_guard_calls(struct lc_extract_walk *walk, CXCursor condition, CXCursor branch, size_t first_call);
/* The same for the calls right of `&&` in `condition` after such a test
 * (`t->count >= t->size && grow(t) != 0`), made from fact `first_call` on. */
void lc_extract_full_guard_condition(struct lc_extract_walk *walk, CXCursor condition, size_t first_call);
/* extract_raised_limits.c: the fields of its pointer parameters the
 * definition `function` raises by a factor, into fact->raised. */
void lc_extract_raised_limits(struct lc_extract_walk *walk, CXCursor function, struct lc_function_fact *fact);
/* extract_empty_guard.c: the calls made from fact `first_call` on, all in
 * the then branch of `if (condition)`, note the count field the condition
 * finds 0 (`p->free_count == 0`: empty_field_usr). */
void lc_extract_empty_guard_calls(struct lc_extract_walk *walk, CXCursor condition, size_t first_call);
/* extract_counted_fields.c: the fields the definition `function` counts up
 * through a pointer, into fact->counted. */
void lc_extract_counted_fields(struct lc_extract_walk *walk, CXCursor function, struct lc_function_fact *fact);
/* extract_loop_exits.c: what the jump statement `jump` leaves, seen from
 * the walk's loop: nothing, that loop (a break of it, a goto to a label
 * after it) or the function (a return). */
enum lc_extract_leaving { LC_LEAVES_NOT, LC_LEAVES_LOOP, LC_LEAVES_FUNCTION };
enum lc_extract_leaving lc_extract_loop_leaving(const struct lc_extract_walk *walk, CXCursor jump);
/* The calls of `statement` (a block of the walk's loop, or a branch that
 * is a single statement; made from fact `first_call` on) in its tail that
 * runs to an exit of the loop on every path: they run at most once per run
 * of the loop and move to the loop around it (to the top level after a
 * return). */
void lc_extract_loop_exit_calls(struct lc_extract_walk *walk, CXCursor statement, size_t first_call);
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
/* Is `expr` (after casts) the variable `declaration`? */
int lc_extract_is_variable(CXCursor expr, CXCursor declaration);
/* Does `expr` read `declaration` (among the first LC_EXTRACT_VARIABLES
 * variables it reads)? */
int lc_extract_reads_variable(CXCursor expr, CXCursor declaration);
/* The operand of `&x` (after casts and parentheses, both sides), else a
 * null cursor. */
CXCursor lc_extract_address_operand(CXCursor expr);
/* The array element `value` is, `t[i]`, or whose address it is, `&t[i]`
 * (*address 1 then; address may be NULL); else a null cursor. */
CXCursor lc_extract_array_element(CXCursor value, int *address);
/* The one variable `expr` reads (`he`, `*p`, `e != NULL`: an implicit
 * conversion names it again), or a null cursor when it reads none or more. */
CXCursor lc_extract_only_variable(CXCursor expr);
void lc_extract_variables_collect(CXCursor expr, struct lc_extract_variables *variables);
int lc_extract_variables_has(const struct lc_extract_variables *variables, CXCursor expr);
int lc_extract_variables_has_declaration(const struct lc_extract_variables *variables, CXCursor declaration);
/* extract_loop_copy_steps.c: the walkers of `parts` moved on through a
 * local copy every value of which comes from the walker (`next =
 * p->next; ...; p = next;`, `next` declared in the loop), added to
 * `advanced`; the steps (`p = next`), at most `cap`, into `steps`; returns
 * how many. */
unsigned lc_extract_loop_copy_steps(const struct lc_extract_loop_parts *parts, struct lc_extract_variables *advanced,
                                    CXCursor *steps, unsigned cap);
/* The size of the smallest fixed-size array (of more than one element) the
 * condition reads at a non-constant index, or that a pointer the condition
 * reads starts at, or that the body reads at a variable of the condition;
 * LC_EXTRACT_TABLE_UNSEEN when the only such table is a read-only one of an
 * unseen length; 0 when none. */
#define LC_EXTRACT_TABLE_UNSEEN (-1)   /* a read-only table of a length this TU does not see */
long long lc_extract_loop_table_size(const struct lc_extract_loop_parts *parts);
/* What the condition reads: INPUT, STRING or LOCAL (enum lc_loop_source);
 * the walked function gives the values of its locals. */
enum lc_loop_source lc_extract_loop_source(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts);

/* extract_loop_steps.c */
/* Does the condition test `errno == EINTR` (alone or `&&`-ed): a retry of
 * an interrupted call, no data loop? */
int lc_extract_loop_is_retry(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts);
/* Does the loop go on by a random draw alone (`while ((random() & 0xFFFF)
 * < P * 0xFFFF)`): a constant chance per round, few rounds? */
int lc_extract_loop_is_draw(const struct lc_extract_loop_parts *parts);
/* Does the body take the midpoint of variables of the condition? */
int lc_extract_loop_is_bisection(const struct lc_extract_loop_parts *parts);
/* Does the condition, the increment or the body multiply, divide or shift
 * a variable of the condition, or one the body computes such a variable
 * from (`available = nsize - offset` with `nsize <<= 1`)? */
int lc_extract_loop_is_logarithmic(const struct lc_extract_loop_parts *parts);
/* Does the body do nothing but multiply integer variables by constants of
 * at least 2 or shift them left (`scale *= 10`: a power)? */
int lc_extract_loop_is_power(const struct lc_extract_loop_parts *parts);
/* The rounds a loop giving up after a counted test allows (`if (n++ > 3)
 * break;` in its body's own block: 5), or 0. */
long long lc_extract_loop_gives_up(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts);
/* Does the loop step a pointer through a tree's links? */
int lc_extract_loop_is_descent(const struct lc_extract_loop_parts *parts);
/* extract_loop_consumes.c: does the loop of `parts`, inside the loop of
 * `outer` (statement `outer_statement`), consume the buffer the outer loop
 * scans (every round it reads through and moves on a pointer the outer
 * loop moves on too and never sets afresh: `len = *p++; while (len) {
 * ...*p...; p++; len--; }`)? */
int lc_extract_loop_consumes_walk(const struct lc_extract_loop_parts *parts, const struct lc_extract_loop_parts *outer,
                                  CXCursor outer_statement);
/* extract_loop_link_pointer.c: does the loop of `parts`, inside the loop
 * of `outer`, walk one bucket's chain through a pointer to the link (`for
 * (pE = &t[b], e = *pE; e != NULL; e = *pE)`, pE and *pE set in it only
 * from e)? */
int lc_extract_loop_walks_link_pointer(const struct lc_extract_loop_parts *parts,
                                       const struct lc_extract_loop_parts *outer);
/* extract_loop_bucket.c: is the loop of `statement` the probe of one
 * bucket of a hash table sized by a variable (its walker starts at `t[h %
 * n]`, `&t[h & mask]`, and only moves on in the loop)? */
int lc_extract_loop_is_bucket_probe(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts,
                                    CXCursor statement);
/* extract_loop_descent.c: does the loop descend a tree through the array
 * of child links its current node holds (`memcpy(&it->node, cp, sizeof
 * it->node)` with `cp` built from `it->node`, `x = x->child[dir]`), its
 * condition reading the walker?  And does the inner loop of `parts` scan
 * the node an `outer` loop stepping a walker so is at (its condition reads
 * a field of the walker, `i < it->node->size`, or a local the outer body
 * sets from one, and it leaves the walker alone)? */
int lc_extract_loop_descends_children(const struct lc_extract_loop_parts *parts);
int lc_extract_loop_scans_descended_node(const struct lc_extract_loop_parts *parts,
                                         const struct lc_extract_loop_parts *outer);
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
/* Does `cursor`'s extent hold the file offset `offset`? */
int lc_extract_holds_offset(CXCursor cursor, unsigned offset);
/* Is `variable` declared inside `statement` (in its tree: right inside a
 * macro's expansion too, where every offset is the expansion's)? */
int lc_extract_declared_inside(CXCursor variable, CXCursor statement);
/* Does the loop continue the walk of the loop around it (`outer`, its
 * statement `outer_statement`)? */
int lc_extract_loop_continues(const struct lc_extract_loop_parts *parts, const struct lc_extract_loop_parts *outer,
                              CXCursor outer_statement);
/* The variables the loop advances (`v++`, `v -= k`, `v = v->next`, `v =
 * strchr(v, ',')`: an assignment that reads v itself), added to
 * `advanced`. */
void lc_extract_loop_advanced(const struct lc_extract_loop_parts *parts, struct lc_extract_variables *advanced);
/* The index of the one integer parameter the condition (or a side of its
 * `&&`; or an offset loop's count, `ny` of `yy < py + ny`) reads besides
 * locals and constants (no field, global, call or dereference; a local
 * read through its value), or -1. */
int lc_extract_loop_parameter(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts);
/* The same for any expression (`((len - 1) - done) / STRIPE`: len), or -1. */
int lc_extract_bounding_parameter(CXCursor expr);

/* extract_owner.c */
/* The index of the pointer parameter `variable` stands for: the parameter
 * itself when the function never changes it, a local the function only
 * ever sets to it (`it = (item *)ptr`); -1 otherwise. */
int lc_extract_parameter_of(struct lc_extract_walk *walk, CXCursor variable);
/* The index of parameter `variable` (of any type) when the function never
 * changes it (no assignment, increment or `&`), else -1. */
int lc_extract_unchanged_parameter(struct lc_extract_walk *walk, CXCursor variable);
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
/* 1 + the index of the pointer parameter `argument` is a child of
 * (lc_extract_child_of_parameter), or whose own data the innermost loop
 * around it walks, the argument being that loop's element (directly, or
 * through enclosing loops it goes on from: LC_SOURCE_PARENT), or from a
 * child of which that loop starts its walk, else 0. */
int lc_extract_child_argument(struct lc_extract_walk *walk, CXCursor argument);

/* extract_slot_args.c: 1 + the index of the integer parameter, never
 * changed, at which `argument` (or a place inside it) is a slot of an
 * array (`&args->values[idx]`, `t[idx].name`), else 0; and which of the
 * first LC_ELEMENT_ARGUMENTS arguments of `call`, made in `loop`, are its
 * counter stepped by one or a local stepped by one there (`f(t, i++)`). */
int lc_extract_slot_of_parameter(struct lc_extract_walk *walk, CXCursor argument);
unsigned lc_extract_counter_arguments(const struct lc_extract_loop_parts *loop, CXCursor call);

/* extract_loop_resumed.c: does the loop's condition step an iterator held
 * in a field of a pointer parameter (`(hi->de = dictNext(hi->di)) !=
 * NULL`) that the function neither sets nor hands elsewhere: a walk
 * resumed from call to call? */
int lc_extract_loop_resumes_iterator(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts);
/* Does the loop `statement` walk a local copy of such a field, which the
 * function saves back after it (`fptr = hi->fptr; while (fptr != NULL)
 * ...; hi->fptr = fptr;`)? */
int lc_extract_loop_resumes_copy(struct lc_extract_walk *walk, CXCursor statement,
                                 const struct lc_extract_loop_parts *parts);

/* extract_loop_retired.c: does the loop walk from a mark it moves past
 * each element it has passed more than a few times, counting the passes
 * in the element (`for (p = pool->current; p->d.next; p = p->d.next) if
 * (p->d.failed++ > 4) pool->current = p->d.next;`): rounds amortised over
 * the elements ever added? */
int lc_extract_loop_retires_passed(const struct lc_extract_loop_parts *parts);

/* extract_loop_pooled.c: does every round of the loop link the element
 * it walks in front of a list a global holds, through the link it
 * overwrites (`chunk->next = p->slots; p->slots = chunk;` with `p =
 * &slabclass[id]`): a chain handed back to a pool, its rounds paid for by
 * the allocations that took the elements? */
int lc_extract_loop_pools_elements(const struct lc_extract_loop_parts *parts);

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
 * gives (`listRewind(list, &li)`; LC_EXTRACT_ORIGIN_NONE: the call leaves
 * the walker on what it walks, `raxSeek(&ri, "^", NULL, 0)`; null: none
 * accepted). */
struct lc_extract_walker_steps {
    const struct lc_extract_variables *steppers;
    lc_extract_origin_of started;
};
/* extract_walker_origin.c; `steps` null: no iterator steps. */
int lc_extract_walker_origin(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts, CXCursor variable,
                             lc_extract_origin_of origin, void *context, const struct lc_extract_walker_steps *steps);
/* Combine an origin found into *param: the same one, or FAILED. */
void lc_extract_origin_combine(int *param, int found);

/* extract_loop_reads_on.c: does every round of the loop take a character
 * through a pointer and move past it (`len = *d++;` in its body's block),
 * the pointer never set afresh in the loop: a walk over that text? */
int lc_extract_loop_reads_on(const struct lc_extract_loop_parts *parts);

/* extract_loop_registry.c */
/* The global or static variable whose collection the loop walks: its
 * condition reads nothing but constants, that variable by name (`i <
 * protocol_count`, `while (pending)`) and locals that are counters or
 * walkers started from it (`for (tmp = protocols; tmp; tmp = tmp->next)`,
 * lc_extract_walker_origin); not through a field or an element of it
 * (`g->len`: a structure a library call may fill).  Null when none. */
CXCursor lc_extract_loop_registry(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts);
/* The same for one side of the condition's `&&`, a walker also started
 * at the variable's address (`co = &pool`, `while (*co && ...)`). */
CXCursor lc_extract_loop_walked_list(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts);

/* extract_tables.c */
/* The length of the fixed table `expr` names (an array of more than one
 * record or pointer, or `&t[0]`), else 0. */
long long lc_extract_table_length(CXCursor expr);
/* The length of a constant array type when more than 1 (whatever its
 * entries), else 0. */
long long lc_extract_array_length(CXType type);
/* The length of the fixed table a global variable holds: its own, as an
 * array, or that of the array its initialiser points at; else 0. */
long long lc_extract_variable_table_length(CXCursor variable);

/* extract_loop_guarded.c: the most rounds a loop bounded by `bound` (the
 * other side of its counter's comparison) makes where every path to it
 * tested that bound against a constant (`if (n > 16) return -1;`, `if (n
 * <= 16) { loop }`, `if (len > 255) len = 255;`): K + 1; 0 when none. */
long long lc_extract_loop_guarded(struct lc_extract_walk *walk, CXCursor statement, CXCursor bound);

/* extract_loop_table_param.c */
/* The index of the pointer parameter whose table the loop walks to its
 * sentinel (`while (table->name != NULL) { ...; table++; }`, or a local
 * set only to that parameter and stepped), or -1. */
int lc_extract_loop_table_param(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts);

/* extract_loop_capped.c: the most entries the collection the loop walks
 * can hold, a list or a count a static variable keeps that grows only
 * under a test of a count against a constant (`if (pool_n < 64) {
 * ++pool_n; ... }`); 0 when there is no such cap. */
long long lc_extract_loop_capped(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts);

/* extract_loop_parts.c */
/* The index of the string parameter whose parts the loop walks (its
 * condition reads a local vector of strings set only from a call given
 * that parameter and constants: `list = g_strsplit(section, "/", -1)`),
 * or -1. */
int lc_extract_loop_string_parts(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts);

/* extract_loop_children.c */
/* The element of the loop `outer` as its inner loop `parts` sees it:
 * lc_extract_loop_element's, less the variables the inner loop changes
 * itself (`moved`: its own walker).  Both tests of the inner loop that ask
 * (lc_extract_loop_walks_children, lc_extract_loop_owned_children) share
 * one, computed on first use: start it as { parts, outer }. */
struct lc_extract_kept_element {
    const struct lc_extract_loop_parts *parts, *outer;
    struct lc_extract_variables element, moved;
    CXType walker;
    int computed, walks;   /* walks: `outer` walks an element */
};
/* The kept element, computed on the first call; NULL when `outer` walks
 * none. */
const struct lc_extract_kept_element *lc_extract_loop_kept(struct lc_extract_kept_element *kept);
/* Does the inner loop walk the children of the element its outer loop is
 * at (its condition reads the element's own field: `op->argc`; or its
 * walker starts at one: `TAILQ_FIRST(&wl->panes)`)? */
int lc_extract_loop_walks_children(struct lc_extract_kept_element *kept);
/* The element the loop `outer` is at: the variables its condition reads
 * and it changes, the pointers it moves on by itself every round, and the
 * locals its body sets from them, into `element`; its walker type in
 * *walker.  Returns 0 when it walks none. */
int lc_extract_loop_element(const struct lc_extract_loop_parts *outer, struct lc_extract_variables *element,
                            CXType *walker);
/* extract_loop_owned.c: does the loop walk what the element `outer` is at
 * holds? */
enum lc_extract_owned {
    LC_EXTRACT_OWNED_NONE,
    LC_EXTRACT_OWNED_CHILDREN,   /* a local count the outer body takes from
                                    the element's own field (`n =
                                    op->argc; ... i < n`): its children, as
                                    lc_extract_loop_walks_children */
    LC_EXTRACT_OWNED_THROUGH,    /* a list or count reached through a
                                    pointer field of the element
                                    (`(v->routerstatus_list)->num_used`,
                                    `e->items->head`): its children when the
                                    element owns what that field points to,
                                    which the program decides
                                    (cost_owned_fields.c); the field in
                                    *field */
};
enum lc_extract_owned lc_extract_loop_owned_children(struct lc_extract_walk *walk,
                                                     struct lc_extract_kept_element *kept, CXCursor *field);
/* `e->F->g`, `(&e->F->head)->first`: a field reached through the pointer
 * field F of the element e; F's declaration, or a null cursor. */
CXCursor lc_extract_element_field_through(const struct lc_extract_variables *element, CXCursor expr);
/* Is `expr` one of the element's own fields (`op->argc`, `ops[j].count`,
 * `&wl->panes`; with `through_value`, also the element itself)? */
int lc_extract_element_field(const struct lc_extract_variables *element, CXCursor expr, int through_value);
/* extract_loop_byte.c: is the loop bounded by a one-byte count (a
 * `uint8_t` counted down, or a counter counted up to one): at most 256
 * rounds? */
int lc_extract_loop_byte_bound(const struct lc_extract_loop_parts *parts);
/* The most an argument can be: 255 plus a constant for one of an unsigned
 * one-byte type or such plus a constant (`labuf[0] + 1`: 256); else 0. */
long long lc_extract_argument_at_most(CXCursor argument);

/* extract_loop_compare.c: does the loop compare two texts, a character
 * of each per round, leaving at a difference (a hand-written strncasecmp)? */
int lc_extract_loop_compares_texts(const struct lc_extract_loop_parts *parts);

/* extract_variable_events.c: where the walked function's variables get
 * values, in its tree order. */
enum lc_extract_event_kind {
    LC_EXTRACT_EVENT_DECLARED,              /* a declaration with an initializer */
    LC_EXTRACT_EVENT_ASSIGNED,              /* `v = value` */
    LC_EXTRACT_EVENT_CALL_GIVEN_ADDRESS,    /* a call with `&v` as an argument */
    LC_EXTRACT_EVENT_ADDRESS,               /* `&v`, a call's argument or not */
    LC_EXTRACT_EVENT_STEPPED,               /* `v++`, `--v` (op: the unary operator) */
    LC_EXTRACT_EVENT_UPDATED,               /* `v += x` and the like (op: the binary operator) */
};
struct lc_extract_variable_event {
    CXCursor variable;          /* canonical */
    CXCursor cursor;            /* the declaration, assignment, call or `&v` */
    CXCursor value;             /* the initializer or value assigned, or null */
    unsigned hash;              /* clang_hashCursor(variable) */
    unsigned serial;            /* tree order */
    unsigned char kind;         /* enum lc_extract_event_kind */
    unsigned char under_call_given_address;   /* inside a call given `&v` */
    int op;                     /* STEPPED, UPDATED: the operator */
};
/* Does the index answer for the variables of `function` (the one walked)? */
int lc_extract_variable_events_cover(const struct lc_extract_walk *walk, CXCursor function);
/* The event of `variable` after `after` (NULL: its first), in tree order;
 * NULL past its last.  The function is indexed on the first call. */
const struct lc_extract_variable_event *lc_extract_variable_event_next(struct lc_extract_walk *walk,
                                                                      CXCursor variable,
                                                                      const struct lc_extract_variable_event *after);

/* extract_changes.c */
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
/* Does `expr` (after casts) name the variable or parameter `variable`
 * (canonical)? */
int lc_extract_names(CXCursor expr, CXCursor variable);
/* Is `expr` an increase (`x++`, `++x`, `x += K`, K > 0)?  Its operand in
 * *operand. */
int lc_extract_increases(CXCursor expr, CXCursor *operand);
/* Does `statement` hold `expression` (the same node: macro-proof)? */
int lc_extract_holds(CXCursor statement, CXCursor expression);
/* The body of the definition of `function`, or a null cursor. */
CXCursor lc_extract_function_body(CXCursor function);
/* Is `cursor` a statement that may cut a loop's round short or enter it
 * elsewhere: `continue`, `goto`, a label (for lc_extract_any)? */
int lc_extract_cuts_round(CXCursor cursor, void *unused);
/* Is `matches` true of `cursor` or of a cursor under it (null: no)? */
int lc_extract_any(CXCursor cursor, int (*matches)(CXCursor cursor, void *arg), void *arg);
/* Does `expr` make a call (null: no)? */
int lc_extract_holds_call(CXCursor expr);

/* extract_statement_spans.c: list the walked function's `if` and loop
 * statements into walk->statement_spans, once; 0 when memory ran out. */
int lc_extract_statement_spans_known(struct lc_extract_walk *walk);

/* extract_loop_count.c: add to `element` the locals the body of `outer`
 * takes at a count it drains (its condition a field it counts down or up:
 * `op = oa->ops + oa->numops` in `while (oa->numops) { oa->numops--; ...`),
 * takes from the count's owner and gives to a call that may drain it
 * (`ln = listFirst(l); ...; listDelNode(l, ln)`), or, the count counted
 * down, has a call given only the owner take out (`redisGetReply(c->context,
 * &reply)`). */
void lc_extract_loop_counted_element(const struct lc_extract_loop_parts *outer, struct lc_extract_variables *element);

/* extract_loop_spin.c: is the loop a spin lock's acquisition (a claiming
 * atomic exchange in its condition, or, without a condition, under every
 * way out)? */
int lc_extract_loop_is_spin(struct lc_extract_walk *walk, enum lc_loop_kind kind,
                            const struct lc_extract_loop_parts *parts);
/* extract_element_args.c */
/* Which of the first LC_ELEMENT_ARGUMENTS arguments of `call`, made in the
 * loop `loop`, are a field of the element the loop is at (`it->nkey`,
 * `m->argc`) or, a pointer, the element itself (`item_remove(it)`), or a
 * block size the loop's bound is divided by (`n < len / block`): bit i for
 * argument i (0-based). */
unsigned lc_extract_element_arguments(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *loop,
                                      CXCursor call);
/* extract_loop_cursor.c: the parameters (bit i: parameter i) the loop
 * advances and its condition reads, of a function every return of which
 * reads them (a cursor it moves on and hands back: facts.h cursor_params);
 * keep the call of `v = call(...)` (an assignment being walked); the
 * arguments of `call` that are the variable its result is assigned to,
 * when the condition of the loop around it reads that variable (the loop's
 * own cursor handed over and taken back: bit i for argument i). */
unsigned lc_extract_loop_cursor_params(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts);
void lc_extract_cursor_assignment(struct lc_extract_walk *walk, CXCursor assignment);
unsigned lc_extract_cursor_arguments(struct lc_extract_walk *walk, CXCursor call);
/* extract_element_varargs.c: does `argument` take the round's own value
 * from a variable argument list (`va_arg(args, T)`, a local the loop's body
 * sets only from one, a field of such a local, a call given only such
 * values)? */
int lc_extract_element_vararg(const struct lc_extract_loop_parts *loop, CXCursor argument);
/* extract_marked_slots.c: the arguments of `call` that are the slot an
 * object's mark is at (`&gd->linedata[gd->hsize]`), the mark moved past it
 * by a later statement of the call's block (`gd->hsize++`): bit i for
 * argument i. */
unsigned lc_extract_marked_slot_arguments(struct lc_extract_walk *walk, CXCursor call);
/* extract_element_tokens.c: is `argument` of `call` an integer variable N
 * the loop's own block moves a pointer P, also given to the call, on by
 * (`P += N`), P never set afresh in the loop: the token the round
 * consumes? */
int lc_extract_element_token(const struct lc_extract_loop_parts *loop, CXCursor call, CXCursor argument);

/* extract_loop_shape.c */
/* Which of the first LC_ELEMENT_ARGUMENTS arguments of `call` divide or
 * shift right a variable by a constant (`digits(v / 10)`): bit i for
 * argument i. */
unsigned lc_extract_scaled_arguments(CXCursor call);
/* extract_call_restart.c: is `call` a self-call restarting its function
 * on a fixed request (facts.h restart_call)? */
int lc_extract_restart_call(struct lc_extract_walk *walk, CXCursor call);
/* extract_call_path.c: how the way down to a call ends. */
enum lc_call_path {
    LC_CALL_PATH_STATEMENT,    /* the call is a statement or a `return`'s value */
    LC_CALL_PATH_EXPRESSION,   /* part of a larger expression or declaration */
    LC_CALL_PATH_CONDITION,    /* in the condition of an `if` on the way */
    LC_CALL_PATH_NESTED,       /* in a loop, a `switch` or after a label */
    LC_CALL_PATH_STOPPED,      /* a visitor stopped the walk */
    LC_CALL_PATH_FAILED        /* out of memory */
};
/* What the way down reports: the condition of each `if` it goes through,
 * with the branch holding the call (1 then, 2 else), and each statement of
 * a block run before the statement holding the call.  Either returns
 * non-zero to stop the walk. */
struct lc_extract_call_path_visitor {
    int (*condition)(void *context, CXCursor condition, int branch);
    int (*before)(void *context, CXCursor statement);
    void *context;
};
/* Down from `statement` (a function's body) to `call`. */
enum lc_call_path lc_extract_call_path(CXCursor statement, CXCursor call,
                                       const struct lc_extract_call_path_visitor *visitor);
/* Is `call` a direct call of the function walked? */
int lc_extract_is_self_call(const struct lc_extract_walk *walk, CXCursor call);

/* extract_call_depth.c: the limit of the depth counter a direct self-call
 * runs only once it passed (`if (ctx->recursion++ < 50) return f(ctx)`),
 * at least 1; 0 when none (facts.h depth_limit). */
long long lc_extract_depth_limit(struct lc_extract_walk *walk, CXCursor call);
/* 1 + the index of the pointer parameter `expr` is a field of (`p->len`,
 * `&p->list`, one `->` from the parameter or a local standing for it:
 * lc_extract_parameter_of), or that it is through such a local, or of the
 * integer parameter bounding it (`(len - 1) / block`:
 * lc_extract_bounding_parameter), or the result of a call given only such
 * values and constants (`sdslen(p->name)`), else 0. */
int lc_extract_field_of_parameter(struct lc_extract_walk *walk, CXCursor expr);

/* extract_loop_step_call.c: is `call` the loop's step (`x = next(x)`,
 * `while (iter_next(&it))` in its condition or increment; `x =
 * next(x)` or `copy = next(x)` in its body, for the walker x its
 * condition tests and the copy its increment steps x to)?  Its work is the
 * walk itself, done once over all the rounds: the call counts as outside
 * the loop. */
int lc_extract_loop_is_step(const struct lc_extract_loop_parts *parts, CXCursor call);
/* The function whose non-zero result a loop's condition is (`f()`, `(e =
 * f())`, either `!= 0` or `!= NULL`; facts.h drain_name), or NULL. */
const char *lc_extract_loop_drain_name(struct lc_extract_walk *walk, CXCursor condition);
/* extract_loop_transfer.c: the function whose result is the only change
 * of what the loop's condition reads (`at += r` after `r = send(...)`, `left
 * -= f(...)`; facts.h transfer_name), or NULL. */
const char *lc_extract_loop_transfer_name(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts);

#endif
