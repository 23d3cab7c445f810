/* extract_expressions.h — what an expression is and refers to: the file
 * cache, locations, USRs, children, values and predicates of types and
 * expressions (extract_values.c), what a callee defined in the TU does
 * with its pointer parameters (extract_param_reads.c,
 * extract_param_writes.c) and the source text of an expression
 * (extract_text.c, extract_macro_args.c).  Internal to the extractor:
 * included through extract_internal.h. */
#ifndef LOOPCHECK_EXTRACT_EXPRESSIONS_H
#define LOOPCHECK_EXTRACT_EXPRESSIONS_H

#include "extract_walk_state.h"

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
/* An integer type that counts: neither `_Bool` nor an enum. */
int lc_extract_is_counting_integer(CXType type);
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
 * different visits of one node may differ in their parent declaration):
 * the same kind, extent and, inside a macro's expansion, spelling. */
int lc_extract_same_expression(CXCursor a, CXCursor b);
/* Are two places the same: one variable and the same fields of it, or
 * what it points to (`gl->cellsize`, `*p` twice, after casts and
 * parentheses)? */
int lc_extract_same_place(CXCursor a, CXCursor b);
/* `p->f` through a pointer variable or parameter p (after casts): p's
 * canonical declaration, the field's in *field; null otherwise. */
CXCursor lc_extract_pointer_field(CXCursor expr, CXCursor *field);
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

/* extract_va_arg.c */
/* Is `type` a variable argument list (`va_list`, `__builtin_va_list`, the
 * `struct __va_list_tag *` it decays to)? */
int lc_extract_is_va_list_type(CXType type);
/* Is `expr`, through casts and parentheses, `va_arg(list, T)`? */
int lc_extract_is_va_arg(CXCursor expr);
/* Is `function` declared with `...`? */
int lc_extract_function_is_variadic(CXCursor function);
/* Can `function` read a variable argument list: is it variadic, or given
 * a va_list? */
int lc_extract_function_reads_va_list(CXCursor function);
/* Is `callee` one of the C library's formatters, which only read what
 * they take from their variable arguments or va_list (`%n` aside)? */
int lc_extract_library_reads_variable_arguments(CXCursor callee);

/* extract_call_share.c: is `call` the round's own share of a loop around
 * it: does it format a message (a variadic callee given a string literal
 * for its last named parameter: `log_error(errh, __FILE__, __LINE__, "bad
 * %s", name)`) or compare two keys through a function pointer (`int
 * (*cmp)(const void *, const void *)`)? */
enum lc_call_share lc_extract_call_share(CXCursor call);

/* extract_param_writes.c */
/* May the callee of `call` write through its parameter `index` (0-based)?
 * 1 unless the callee is defined in this TU and provably does not. */
int lc_extract_call_writes_argument(CXCursor call, unsigned index);
/* How a use of a pointer parameter (or of a local copy of it) uses it. */
enum lc_param_use {
    LC_PARAM_USE_READ,        /* reads through it, tests it, or hands it to
                                 a call that only reads through it */
    LC_PARAM_USE_WRITE,       /* its place assigned, compound-assigned, ++/-- */
    LC_PARAM_USE_CALL_WRITE,  /* handed to a call that may write through it */
    LC_PARAM_USE_ESCAPE,      /* kept (stored, returned): used anywhere later */
};
/* One use: `use`, the DeclRefExpr of the parameter or of its local copy;
 * `call` the call it is handed to as argument `position`, else null.
 * Non-zero stops the walk. */
typedef int (*lc_extract_param_use_fn)(void *context, CXCursor use, enum lc_param_use kind, CXCursor call,
                                       unsigned position);
/* Hand the uses of parameter `index` of the definition `function` that
 * write through it (every use, with `every_use`) to `collect`; -1 when the
 * walk could not tell them all (too deep, out of memory, stopped). */
int lc_extract_param_uses(CXCursor function, unsigned index, int every_use, lc_extract_param_use_fn collect,
                          void *context);
/* The function a direct call calls when it is declared but not defined in
 * the TU (what it does with a pointer is known only at link time); a null
 * cursor otherwise. */
CXCursor lc_extract_call_external_callee(CXCursor call);
/* The function a direct call names (`f(...)`, after casts and parentheses;
 * canonical), or null for a call through a pointer or no call at all. */
CXCursor lc_extract_called_function(CXCursor expr);
/* The parameters a function definition may write through or keep, as
 * struct lc_function_fact.param_writes. */
uint32_t lc_extract_param_writes_mask(CXCursor function);
/* The enum lc_annotation bits a function's declaration states: its
 * `annotate("loopcheck:...")` colors, and LC_ANNOT_NORETURN
 * (extract_annotations.c). */
unsigned lc_extract_annotations(CXCursor function);
/* What `expr` refers to after parentheses, casts, `*f` and `&f`. */
void lc_extract_value(struct lc_extract_walk *walk, CXCursor expr, struct lc_value *value);
/* The FIELD value of a FieldDecl. */
void lc_extract_field_value(struct lc_extract_walk *walk, CXCursor field,
                            struct lc_value *value);
/* As lc_extract_value, plus NULL for null pointer constants and INT for
 * integer constant expressions. */
void lc_extract_argument(struct lc_extract_walk *walk, CXCursor arg, struct lc_value *value);
/* `*sock`, an integer a pointer parameter points to: LC_VALUE_POINTEE, which
 * flows as the parameter (as `&fd` stands for fd), so a descriptor made
 * non-blocking through `fcntl(*sock, F_SETFL, ...)` is the callers' `&fd`
 * (mosquitto's net__socket_nonblock(&sock)), `connect(*sock, ...)` uses
 * what they hold, and `*pair = fd` stores into it.  `value` is left as it
 * is for anything else. */
void lc_extract_pointee_of_parameter(struct lc_extract_walk *walk, CXCursor expr, struct lc_value *value);
/* `*q`, q a local started at an object's address and never set again, its
 * address handed to no call (tor's free macros: `typeof(&(p)) tmp = &(p);
 * free(*tmp);`): that object's expression (`p`), or a null cursor. */
CXCursor lc_extract_through_address(struct lc_extract_walk *walk, CXCursor expr);
/* Whether `expr` is an integer constant expression; its value if so
 * (an unsigned value above LLONG_MAX wraps). */
int lc_extract_integer_constant(CXCursor expr, long long *value);
/* `k OP x` read as `x OP' k`: < and >, <= and >= swapped (extract_loops.c). */
enum CXBinaryOperatorKind lc_extract_flip_comparison(enum CXBinaryOperatorKind op);
/* `sides` of a comparison `op`, one of them an integer constant: 1, the
 * other side in sides[0], the constant in *constant and *op turned to
 * read `sides[0] op constant` (`K > x`: `x < K`); 0 when neither is. */
int lc_extract_against_constant(CXCursor sides[2], enum CXBinaryOperatorKind *op, long long *constant);

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
/* extract_macro_args.c: an argument that is a string literal (through
 * parentheses and casts, in a macro body or not) becomes a value of kind
 * STRING whose text is its value between double quotes as libclang spells
 * it from the AST (pieces joined, escapes written one way): '"setup
 * saved"' for `signal_add("setup saved", f)`, whose macro body spells it
 * `(signal)`; any other argument is left as it is. */
void lc_extract_string_argument(struct lc_extract_walk *walk, CXCursor argument, struct lc_value *value,
                                const char **text);
/* extract_string_prefix.c: the text `argument`, a local `char *` every
 * value of which in the walked function is the result of a
 * `string-prefix` call, starts with (spelled as in a string literal
 * without its quotes), or NULL. */
const char *lc_extract_string_start(struct lc_extract_walk *walk, CXCursor argument);
/* extract_arg_keys.c: fact->arg_keys of `call`'s arguments (facts.h),
 * left NULL when no argument stands for known keys. */
void lc_extract_arg_keys(struct lc_extract_walk *walk, CXCursor call, struct lc_call_fact *fact);

#endif
